/* Asynchronous connection functions, polling method
 * (SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE, ODBC 3.8): the connection's door to
 * the dispatcher of async_call.h, which says how a call runs in the
 * background and is polled. With the attribute on, SQLEndTran on the
 * connection, SQLDisconnect and SQLSetConnectAttr of an attribute that
 * reaches the server (autocommit, isolation, access mode) begin with
 * ODBC_DBC_ASYNC_ENTRY; the connection holds its call in dbc->async
 * (dbc.h). SQLCancelHandle on the connection sends the server a cancel
 * request while such a call runs, and the canceled call reports HY008.
 *
 * SQLConnect and SQLDriverConnect always complete synchronously: unixODBC
 * 2.3.11 answers a connect's SQL_STILL_EXECUTING by freeing the driver's
 * connection and environment handles, and its next call starts a new
 * connect on new handles, so a connect could never be polled to its end.
 * Reference: SQLSetConnectAttr (SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE),
 * SQLCancelHandle. */
#ifndef PGO_ODBC_DBC_ASYNC_H
#define PGO_ODBC_DBC_ASYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include "odbc/async_call.h"

struct odbc_dbc;

/* odbc_async_init of dbc->async, with the connection's after-run step
 * (HY008 for a canceled call). 0, or -1 when the mutex cannot be made.
 * The rest of the call's life is async_call.h's: odbc_async_reset,
 * odbc_async_set_enabled, odbc_async_is_enabled. */
int odbc_dbc_async_init(struct odbc_dbc *dbc);

/* SQLCancelHandle on a connection: while SQLEndTran or SQLSetConnectAttr
 * runs in the background, sends the server a cancel request (over a new
 * connection, with the token taken at connect; no lock is taken); the
 * call then fails with the server's 57014 and HY008. With nothing running
 * (or a disconnect, which has nothing to stop) there is nothing to cancel:
 * SQL_SUCCESS. SQL_ERROR when the request could not be sent. */
SQLRETURN odbc_dbc_async_cancel(struct odbc_dbc *dbc);

/* Whether setting attribute may run in the background: those whose
 * setting runs a command on the server (autocommit on commits an open
 * transaction; isolation and access mode are SET SESSION
 * CHARACTERISTICS). The others answer at once; SQL_ATTR_RESET_CONNECTION,
 * which the driver manager sets without polling, and the attribute that
 * turns this on (always synchronous, says the reference) never do. */
bool odbc_dbc_async_may_run_attribute(SQLINTEGER attribute);

/* The entry point's first step (odbc_async_dispatch_call on the
 * connection's call); false also when handle is not a connection. */
bool odbc_dbc_async_dispatch(SQLHDBC handle, SQLSMALLINT function_id, const char *function_name,
                             odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                             SQLRETURN *result);

#define ODBC_DBC_ASYNC_ENTRY(handle, function_id, entry, ...)                              \
    ODBC_ASYNC_OFFER(odbc_dbc_async_dispatch, handle, function_id, entry, __VA_ARGS__)

#endif
