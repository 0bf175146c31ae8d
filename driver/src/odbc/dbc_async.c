/* Asynchronous connection functions (see dbc_async.h). */
#include "odbc/dbc_async.h"

#include <sqlext.h>
#include "odbc/dbc.h"
#include "wire/conn.h"

#define CANCEL_TIMEOUT_MS 10000

/* Runs in the background thread before the call counts as finished. */
static void report_cancel(void *context, SQLRETURN result, bool is_cancel_requested)
{
    if (result != SQL_ERROR || !is_cancel_requested)
        return;
    /* ODBC: a canceled asynchronous call reports HY008, beside the
     * server's 57014. */
    struct odbc_dbc *dbc = context;
    odbc_handle_lock(&dbc->header);
    odbc_diag_post(&dbc->header.diags, "HY008",
                   "Operation canceled (SQLCancelHandle); the server's error says what "
                   "it stopped");
    odbc_handle_unlock(&dbc->header);
}

int odbc_dbc_async_init(struct odbc_dbc *dbc)
{
    return odbc_async_init(&dbc->async, report_cancel, dbc);
}

bool odbc_dbc_async_may_run_attribute(SQLINTEGER attribute)
{
    return attribute == SQL_ATTR_AUTOCOMMIT || attribute == SQL_ATTR_TXN_ISOLATION ||
           attribute == SQL_ATTR_ACCESS_MODE;
}

bool odbc_dbc_async_dispatch(SQLHDBC handle, SQLSMALLINT function_id, const char *function_name,
                             odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                             SQLRETURN *result)
{
    if (!odbc_handle_is_valid(handle, SQL_HANDLE_DBC))
        return false;
    return odbc_async_dispatch_call(&((struct odbc_dbc *)handle)->async, function_id,
                                    function_name, entry, args, arg_count, result);
}

SQLRETURN odbc_dbc_async_cancel(struct odbc_dbc *dbc)
{
    /* A disconnect frees the cancel token as it goes: nothing to stop. */
    if (!odbc_async_mark_canceled(&dbc->async, SQL_API_SQLDISCONNECT))
        return SQL_SUCCESS;
    /* The token lives from connect to disconnect; the running call is not
     * a disconnect, and no other call runs meanwhile. */
    if (dbc->cancel_token == NULL)
        return SQL_ERROR; /* the server gave no key: cancel is impossible */
    struct error error;
    error_init(&error);
    if (wire_cancel_send(dbc->cancel_token, CANCEL_TIMEOUT_MS, &error) != 0)
        return SQL_ERROR; /* the running call owns the diagnostics */
    return SQL_SUCCESS;
}
