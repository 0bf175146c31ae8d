/* Sharing the connection's one wire_conn between its statements.
 * Owns: the streaming statement (the one whose exchange is still on the
 * wire) and handing the connection to another exchange (the streaming
 * statement buffers the rest of its results first: correctness before
 * memory), the server statements waiting for Close, internal catalog
 * queries, and the per-session caches' lifetime.
 * Protocol: a Close travels with the next extended exchange's Sync
 * (closing a statement that does not exist is not an error). Statement
 * names are the statement cache's (dbc_statement_cache.h: unique per
 * connection, so that clients sharing a server session through a
 * transaction pooler never reach each other's statements). */
#include "odbc/dbc.h"

#include <string.h>
#include "util/alloc.h"
#include "wire/conn.h"

#define CLOSING_MAX 4096

int odbc_dbc_claim_connection(struct odbc_dbc *dbc, struct odbc_dbc_member *caller,
                              struct error *error)
{
    struct odbc_dbc_member *streaming = dbc->streaming;
    if (streaming != NULL) {
        if (streaming == caller)
            streaming->ops->discard(streaming);
        else if (streaming->ops->buffer_rest(streaming, error) != 0)
            return -1;
    }
    if (dbc->conn == NULL) {
        error_set(error, "08003", "The connection is not open");
        return -1;
    }
    if (wire_conn_is_broken(dbc->conn)) {
        error_set(error, "08S01", "The connection to the server was lost");
        return -1;
    }
    if (wire_conn_is_busy(dbc->conn) && wire_drain_to_ready(dbc->conn, error) != 0)
        return -1;
    atomic_store(&dbc->exchange_owner, caller);
    return 0;
}

void odbc_dbc_begin_stream(struct odbc_dbc *dbc, struct odbc_dbc_member *member)
{
    dbc->streaming = member;
}

void odbc_dbc_release_stream(struct odbc_dbc *dbc, struct odbc_dbc_member *member)
{
    if (dbc->streaming == member)
        dbc->streaming = NULL;
    struct odbc_dbc_member *expected = member;
    atomic_compare_exchange_strong(&dbc->exchange_owner, &expected, NULL);
}

int odbc_dbc_queue_closes(struct odbc_dbc *dbc, struct error *error)
{
    for (size_t i = 0; i < dbc->closing_count; i++) {
        char name[ODBC_STATEMENT_NAME_BYTES];
        odbc_statement_cache_name(&dbc->statement_cache, dbc->closing_statement_ids[i], name,
                                  sizeof name);
        if (wire_queue_close_statement(dbc->conn, name, error) != 0)
            return -1;
    }
    dbc->closing_count = 0;
    return 0;
}

void odbc_dbc_forget_statement(struct odbc_dbc *dbc, uint32_t statement_id)
{
    if (dbc->conn == NULL || dbc->closing_count >= CLOSING_MAX)
        return; /* the session ends with the connection anyway */
    uint32_t *grown =
        alloc_resize_array(dbc->closing_statement_ids, dbc->closing_count + 1, sizeof *grown);
    if (grown == NULL)
        return; /* the server keeps an unused statement until disconnect */
    dbc->closing_statement_ids = grown;
    dbc->closing_statement_ids[dbc->closing_count++] = statement_id;
}

int odbc_dbc_run_query(struct odbc_dbc *dbc, const char *sql, size_t length_bytes,
                       odbc_row_handler on_row, void *context, struct error *error)
{
    if (odbc_dbc_claim_connection(dbc, NULL, error) != 0)
        return -1;
    wire_conn_set_query_timeout(dbc->conn, 0);
    if (wire_send_simple_query(dbc->conn, sql, length_bytes, error) != 0)
        return -1;
    bool has_failed = false;
    for (;;) {
        struct wire_event event;
        struct error event_error;
        error_init(&event_error);
        if (wire_next_event(dbc->conn, &event, &event_error) != 0) {
            *error = event_error;
            return -1;
        }
        if (event.kind == WIRE_EVENT_READY)
            break;
        if (has_failed)
            continue;
        if (event.kind == WIRE_EVENT_SERVER_ERROR || event.kind == WIRE_EVENT_COPY_REFUSED) {
            *error = event_error;
            has_failed = true;
        } else if (event.kind == WIRE_EVENT_DATA_ROW) {
            if (on_row(context, event.values, event.value_count) != 0) {
                error_set(error, "HY001", "Out of memory storing catalog information");
                has_failed = true;
            }
        }
    }
    return has_failed ? -1 : 0;
}

void odbc_dbc_forget_session(struct odbc_dbc *dbc)
{
    odbc_dbc_forget_cancel_token(dbc);
    alloc_free(dbc->closing_statement_ids);
    dbc->closing_statement_ids = NULL;
    dbc->closing_count = 0;
    dbc->streaming = NULL;
    odbc_catalog_cache_reset(&dbc->catalog_cache);
    odbc_statement_cache_reset(&dbc->statement_cache);
}
