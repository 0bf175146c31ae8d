/* The entry shim every exported statement function uses (STYLE.md: an
 * exported ODBC function only locks, checks, calls an odbc_ function and
 * traces). Owns: STMT_CALL, STMT_CALL_QUIET_UNLESS and DESC_CALL, for the
 * api_*.c files only. */
#ifndef PGO_ODBC_API_SHIM_H
#define PGO_ODBC_API_SHIM_H

#include "odbc/stmt.h"
#include "odbc/trace_api.h"

/* Validates the handle, locks the connection then the statement (clearing
 * its diagnostics), answers 08S01 on a broken connection, runs call with
 * `stmt` in scope, traces and unlocks. */
#define STMT_CALL(handle, call)                                                  \
    do {                                                                         \
        struct odbc_stmt *stmt = odbc_stmt_enter(handle);                        \
        if (stmt == NULL)                                                        \
            return SQL_INVALID_HANDLE;                                           \
        SQLRETURN result = odbc_stmt_require_live(stmt);                         \
        if (result == SQL_SUCCESS)                                               \
            result = (call);                                                     \
        return odbc_stmt_leave(                                                  \
            stmt, odbc_trace_api(__func__, stmt, &stmt->header.diags, result));  \
    } while (0)

/* STMT_CALL for a call that sends or reads on the connection only when
 * may_talk (evaluated with `stmt` locked) holds: SQLGetData reads the
 * current row, which is already held, unless LargeObjects=1 makes it fetch
 * an object. When may_talk is false no server notice can arrive, so the
 * connection's notices stay routed to the connection, where every call
 * leaves them (odbc_stmt_leave); otherwise they are routed to the
 * statement and back as STMT_CALL does. The rest is odbc_stmt_enter and
 * odbc_stmt_leave inline: the same locks in the same order, the same
 * clearing, liveness check, trace and return code. SQLGetData runs once
 * per value; routing twice per call was a tenth of its cost in the
 * driver. */
#define STMT_CALL_QUIET_UNLESS(handle, may_talk, call)                           \
    do {                                                                         \
        if (!odbc_handle_is_valid(handle, SQL_HANDLE_STMT))                      \
            return SQL_INVALID_HANDLE;                                           \
        struct odbc_stmt *stmt = (struct odbc_stmt *)(handle);                   \
        struct odbc_dbc *stmt_dbc = stmt->dbc;                                   \
        odbc_handle_lock(&stmt_dbc->header);                                     \
        odbc_handle_lock(&stmt->header);                                         \
        odbc_diag_clear(&stmt->header.diags);                                    \
        bool routes_notices = (may_talk);                                        \
        if (routes_notices)                                                      \
            odbc_dbc_route_notices(stmt_dbc, &stmt->header.diags);               \
        SQLRETURN result = odbc_stmt_require_live(stmt);                         \
        if (result == SQL_SUCCESS)                                               \
            result = (call);                                                     \
        result = odbc_trace_api(__func__, stmt, &stmt->header.diags, result);    \
        if (routes_notices)                                                      \
            odbc_dbc_route_notices(stmt_dbc, &stmt_dbc->header.diags);           \
        result = odbc_diag_finish(&stmt->header.diags, result);                  \
        odbc_handle_unlock(&stmt->header);                                       \
        odbc_handle_unlock(&stmt_dbc->header);                                   \
        return result;                                                           \
    } while (0)

/* The same for descriptor functions: validates the handle, locks its
 * connection then the descriptor (clearing its diagnostics), runs call
 * with `desc` in scope, traces and unlocks. */
#define DESC_CALL(handle, call)                                                   \
    do {                                                                          \
        struct odbc_desc *desc = odbc_desc_enter(handle);                         \
        if (desc == NULL)                                                         \
            return SQL_INVALID_HANDLE;                                            \
        SQLRETURN result = (call);                                                \
        return odbc_desc_leave(                                                   \
            desc, odbc_trace_api(__func__, desc, &desc->header.diags, result));   \
    } while (0)

#endif
