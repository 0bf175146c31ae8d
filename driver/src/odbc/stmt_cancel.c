/* SQLCancel: stopping the statement another thread is running.
 * Owns: sending PostgreSQL's CancelRequest over a new connection with a
 * copy of the cancel token the connection took at connect time (address,
 * TLS, backend key), taken under the connection's cancel_lock: the call it
 * interrupts may end, and another thread disconnect, while the request is
 * under way. It takes neither the connection's nor the statement's lock,
 * since the call it interrupts holds them. The interrupted call sees the
 * server's 57014 and reports HY008 (odbc_stmt_fail_error). The request
 * takes at most the session's Timeout (10 s without one).
 * Reference: SQLCancel ("Canceling Functions in Multithread
 * Applications"; with no call running there is nothing to cancel and
 * SQLCancel succeeds, ending a data-at-execution sequence); PostgreSQL protocol, "Canceling Requests in
 * Progress" (the server may or may not act on it). */
#include "odbc/stmt.h"

#include <pthread.h>
#include "wire/conn.h"

SQLRETURN odbc_stmt_cancel(struct odbc_stmt *stmt)
{
    struct odbc_dbc *dbc = stmt->dbc;
    /* A call running in the background (stmt_async.h) is interrupted even
     * before its thread has taken the statement's lock. */
    bool is_in_background = odbc_async_is_running(&stmt->async);
    if (!is_in_background && odbc_handle_trylock(&stmt->header)) {
        /* No call is running on the statement: nothing to interrupt,
         * but a data-at-execution sequence (SQL_NEED_DATA) ends here. */
        odbc_diag_clear(&stmt->header.diags);
        odbc_stmt_end_data_at_exec(stmt);
        SQLRETURN result = SQL_SUCCESS;
        if (dbc->cancel_token == NULL && dbc->conn == NULL)
            result = odbc_diag_fail(&stmt->header.diags, "08003", "The connection is not open");
        result = odbc_diag_finish(&stmt->header.diags, result);
        odbc_handle_unlock(&stmt->header);
        return result;
    }
    /* The statement's lock is held by a call on it, but the server may be
     * running another statement's exchange (or none): a cancel request
     * would stop whatever runs when it arrives, so it is sent only while
     * this statement's own exchange is on the wire. */
    if (atomic_load(&dbc->exchange_owner) != &stmt->member)
        return SQL_SUCCESS;
    bool has_token = false;
    struct wire_cancel_token *token = odbc_dbc_copy_cancel_token(dbc, &has_token);
    if (token == NULL)
        return SQL_ERROR; /* no key (cancel is impossible), or out of memory */
    atomic_store(&stmt->is_cancel_requested, true);
    struct error error;
    error_init(&error);
    int sent = wire_cancel_send(token, 0, &error);
    wire_cancel_token_free(token);
    if (sent != 0) {
        atomic_store(&stmt->is_cancel_requested, false);
        return SQL_ERROR; /* the running call owns the diagnostics */
    }
    return SQL_SUCCESS;
}
