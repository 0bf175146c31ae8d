/* The entry shim every exported statement function uses (STYLE.md: an
 * exported ODBC function only locks, checks, calls an odbc_ function and
 * traces). Owns: STMT_CALL, STMT_CALL_WITHOUT_IO and DESC_CALL, for the
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

/* STMT_CALL for a call that neither sends nor reads anything on the
 * connection (SQLGetData: the current row is already held). No server
 * notice can arrive during it, so the connection's notices stay routed to
 * the connection, where every call leaves them (odbc_stmt_leave), and the
 * rest is odbc_stmt_enter and odbc_stmt_leave inline: the same locks in
 * the same order, the same clearing, liveness check, trace and return
 * code. SQLGetData runs once per value; routing twice per call was a
 * tenth of its cost in the driver. */
#define STMT_CALL_WITHOUT_IO(handle, call)                                       \
    do {                                                                         \
        if (!odbc_handle_is_valid(handle, SQL_HANDLE_STMT))                      \
            return SQL_INVALID_HANDLE;                                           \
        struct odbc_stmt *stmt = (struct odbc_stmt *)(handle);                   \
        struct odbc_dbc *stmt_dbc = stmt->dbc;                                   \
        odbc_handle_lock(&stmt_dbc->header);                                     \
        odbc_handle_lock(&stmt->header);                                         \
        odbc_diag_clear(&stmt->header.diags);                                    \
        SQLRETURN result = odbc_stmt_require_live(stmt);                         \
        if (result == SQL_SUCCESS)                                               \
            result = (call);                                                     \
        result = odbc_diag_finish(                                               \
            &stmt->header.diags,                                                 \
            odbc_trace_api(__func__, stmt, &stmt->header.diags, result));        \
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
