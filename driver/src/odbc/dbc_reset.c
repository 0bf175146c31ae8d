/* Resetting a pooled connection and answering whether it lives (see
 * dbc_reset.h).
 * Reference: SQLSetConnectAttr (SQL_ATTR_RESET_CONNECTION, ODBC 3.8: "the
 * driver resets the connection attributes to their default values";
 * SQL_ATTR_CONNECTION_DEAD), "Driver Manager Connection Pooling".
 * PostgreSQL: DISCARD ALL (CLOSE ALL, SET SESSION AUTHORIZATION DEFAULT,
 * RESET ALL, DEALLOCATE ALL, UNLISTEN *, pg_advisory_unlock_all(),
 * DISCARD PLANS, TEMP, SEQUENCES); it cannot run in a transaction block,
 * so an open transaction is rolled back first, and it is sent alone (a
 * Query of several statements is one implicit transaction). RESET ALL
 * keeps what the StartupMessage set (client_encoding, DateStyle,
 * application_name, StartupParams): those are the session's defaults. */
#include "odbc/dbc_reset.h"

#include <string.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "util/alloc.h"
#include "wire/conn.h"
#include "wire/conn_probe.h"

#define DISCARD_ALL_SQL "DISCARD ALL"
/* unixODBC resets while it holds its pool's lock, so every other thread's
 * connect waits: ROLLBACK and DISCARD ALL (well under a millisecond on a
 * healthy server) get this long, then the query timeout's cancel, then the
 * session is given up and closed. */
#define RESET_TIMEOUT_MS 5000
#define ROLLBACK_SQL "ROLLBACK"

/* The driver manager has forgotten its handles to these: nothing will
 * use or free them now. Statements first (they may use the descriptors). */
static void free_abandoned_members(struct odbc_dbc *dbc)
{
    while (dbc->members != NULL)
        dbc->members->ops->free(dbc->members);
    while (dbc->descriptors != NULL)
        dbc->descriptors->ops->free(dbc->descriptors);
}

/* Connection attributes as a new handle has them (the timeouts once the
 * server's part is done). The login timeout is left alone: it concerns the
 * next connect, which the pool never makes on this handle. */
static void reset_attributes(struct odbc_dbc *dbc)
{
    odbc_transaction_init(&dbc->transaction);
    dbc->connection_timeout_seconds = 0;
    dbc->metadata_id = SQL_FALSE;
    dbc->is_async_enabled = false;
    odbc_async_set_enabled(&dbc->async, false);
    dbc->quiet_mode = NULL;
}

/* The server statements named in these lists went with DISCARD ALL; so
 * did the session's temporary tables, whose rows the catalog cache may
 * hold. */
static void forget_session_objects(struct odbc_dbc *dbc)
{
    alloc_free(dbc->closing_statement_ids);
    dbc->closing_statement_ids = NULL;
    dbc->closing_count = 0;
    odbc_statement_cache_reset(&dbc->statement_cache);
    odbc_catalog_cache_reset(&dbc->catalog_cache);
}

/* Ends a session that cannot be made clean: the next user must not get
 * it. conn NULL makes SQL_ATTR_CONNECTION_DEAD answer SQL_CD_TRUE, and the
 * pool then disconnects and frees the handle. The names stay until that
 * SQLDisconnect (odbc_dbc_end_closed_session): they tell this state from a
 * handle never connected, and unixODBC frees the handle only when the
 * disconnect succeeds. */
static void close_session(struct odbc_dbc *dbc)
{
    odbc_dbc_forget_session(dbc);
    wire_conn_free(dbc->conn);
    dbc->conn = NULL;
}

bool odbc_dbc_is_closed_by_reset(const struct odbc_dbc *dbc)
{
    return dbc->conn == NULL && dbc->data_source_name != NULL;
}

SQLRETURN odbc_dbc_end_closed_session(struct odbc_dbc *dbc)
{
    free_abandoned_members(dbc);
    alloc_free(dbc->data_source_name);
    alloc_free(dbc->database_name);
    alloc_free(dbc->user_name);
    dbc->data_source_name = NULL;
    dbc->database_name = NULL;
    dbc->user_name = NULL;
    return SQL_SUCCESS;
}

static int run(struct odbc_dbc *dbc, const char *sql, struct error *error)
{
    return wire_run_command(dbc->conn, sql, strlen(sql), NULL, 0, error);
}

/* The server side: the connection claimed, the transaction rolled back,
 * DISCARD ALL, and the session characteristics of a new connection. */
static int reset_session(struct odbc_dbc *dbc, struct error *error)
{
    if (odbc_dbc_claim_connection(dbc, NULL, error) != 0)
        return -1;
    wire_conn_set_query_timeout(dbc->conn, RESET_TIMEOUT_MS);
    if (wire_conn_transaction_status(dbc->conn) != 'I' && run(dbc, ROLLBACK_SQL, error) != 0)
        return -1;
    if (run(dbc, DISCARD_ALL_SQL, error) != 0)
        return -1;
    return odbc_dbc_apply_transaction_settings(dbc, error);
}

SQLRETURN odbc_dbc_reset_connection(struct odbc_dbc *dbc)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    if (dbc->conn == NULL)
        return odbc_diag_fail(diags, "08003", "The connection is not open");
    free_abandoned_members(dbc);
    reset_attributes(dbc);
    struct error error;
    error_init(&error);
    if (dbc->is_replication) {
        error_set(&error, "HYC00",
                  "A replication session cannot be reset for another user; it was closed");
        close_session(dbc);
        return odbc_diag_fail_error(diags, &error);
    }
    int reset = reset_session(dbc, &error);
    forget_session_objects(dbc);
    if (reset != 0) {
        error_add_context(&error, "resetting the connection for its next user; it was closed");
        close_session(dbc);
        return odbc_diag_fail_error(diags, &error);
    }
    wire_conn_set_query_timeout(dbc->conn, 0);
    wire_conn_set_connection_timeout(dbc->conn, 0);
    return SQL_SUCCESS;
}

bool odbc_dbc_is_dead(struct odbc_dbc *dbc)
{
    if (dbc->conn == NULL || wire_conn_is_broken(dbc->conn))
        return true;
    if (dbc->streaming != NULL || wire_conn_is_busy(dbc->conn))
        return false; /* an exchange is on the wire: its own reads will tell */
    return !wire_conn_probe_alive(dbc->conn);
}
