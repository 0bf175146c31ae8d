/* The entry shim every exported statement function uses (STYLE.md: an
 * exported ODBC function only locks, checks, calls an odbc_ function and
 * traces). Owns: STMT_CALL and DESC_CALL, for the api_*.c files only. */
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
