/* Asynchronous execution of a statement's functions, polling method
 * (SQL_ATTR_ASYNC_ENABLE): the statement's door to the dispatcher of
 * async_call.h, which says how a call runs in the background and is
 * polled. The functions that may take long (execute, prepare, fetch,
 * SQLMoreResults, catalog functions) begin with ODBC_ASYNC_ENTRY; the
 * statement holds its call in stmt->async (stmt.h). SQLCancel interrupts a
 * background call like any other running call (stmt_cancel.c).
 * Reference: SQLSetStmtAttr (SQL_ATTR_ASYNC_ENABLE), SQLCancel ("Canceling
 * Asynchronous Processing"). */
#ifndef PGO_ODBC_STMT_ASYNC_H
#define PGO_ODBC_STMT_ASYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include "odbc/async_call.h"

/* The entry point's first step (odbc_async_dispatch_call on the
 * statement's call); false also when handle is not a statement. */
bool odbc_async_dispatch(SQLHSTMT handle, SQLSMALLINT function_id, const char *function_name,
                         odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                         SQLRETURN *result);

#define ODBC_ASYNC_ENTRY(handle, function_id, entry, ...)                                  \
    ODBC_ASYNC_OFFER(odbc_async_dispatch, handle, function_id, entry, __VA_ARGS__)

#endif
