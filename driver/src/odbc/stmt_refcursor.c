/* Refcursors as result sets (see stmt_refcursor.h for the rules).
 * Owns: reading the cursor names from the executed result and sending
 * one extended-protocol exchange of FETCH ALL statements (Parse, Bind,
 * Describe portal, Execute each; one Sync), which then streams as the
 * statement's results like any other (stmt_stream.c). Leaves the SQL
 * text to catalog/lob_queries.c and the transaction to dbc_tran.c.
 * Reference: PostgreSQL "Cursors" in PL/pgSQL (returning cursors), FETCH;
 * ODBC SQLMoreResults. */
#include "odbc/stmt_refcursor.h"

#include "catalog/lob_queries.h"
#include "odbc/stmt.h"
#include "wire/conn.h"
#include <string.h>

#define REFCURSOR_OID 1790u
/* All the FETCH texts of one call, NUL-separated. */
#define FETCH_TEXT_MAX_BYTES ((size_t)16 << 20)

static bool is_refcursor_result(const struct odbc_result *result)
{
    if (result == NULL || !result->has_rows || result->is_error || result->column_count == 0)
        return false;
    for (size_t i = 0; i < result->column_count; i++) {
        if (result->columns[i].type_oid != REFCURSOR_OID)
            return false;
    }
    return true;
}

/* The FETCH statements for every non-NULL name of the buffered result,
 * NUL-terminated one after another. -1 with error. */
static int collect_fetches(const struct odbc_result *result, struct buf *fetches, size_t *count,
                           struct error *error)
{
    *count = 0;
    size_t last_row = result->row_base + result->row_count;
    for (size_t row_number = result->row_base + 1; row_number <= last_row; row_number++) {
        struct odbc_row row;
        if (!odbc_result_buffered_row(result, row_number, &row))
            continue;
        for (size_t column = 0; column < result->column_count; column++) {
            struct wire_value value;
            odbc_row_value(&row, column, &value);
            if (value.is_null)
                continue;
            if (catalog_append_fetch_all(fetches, (const char *)value.data, value.length_bytes) !=
                    0 ||
                buf_append_u8(fetches, 0) != 0) {
                error_set(error, "HY001",
                          "Refcursor %zu: its name is not a valid identifier, or the "
                          "FETCH statements exceed %zu bytes",
                          *count + 1, FETCH_TEXT_MAX_BYTES);
                return -1;
            }
            (*count)++;
        }
    }
    return 0;
}

static int queue_fetches(struct odbc_stmt *stmt, const struct buf *fetches, size_t count,
                         struct error *error)
{
    struct odbc_dbc *dbc = stmt->dbc;
    struct wire_conn *conn = dbc->conn;
    if (odbc_dbc_queue_closes(dbc, error) != 0 || odbc_dbc_queue_before_statement(dbc, error) != 0)
        return -1;
    /* SQL_ATTR_MAX_ROWS bounds each cursor's result as it bounded the call's. */
    SQLULEN max_rows = stmt->attributes.max_rows;
    uint32_t row_limit = max_rows > UINT32_MAX ? 0 : (uint32_t)max_rows;
    const char *text = (const char *)fetches->data;
    for (size_t i = 0; i < count; i++) {
        size_t length = strlen(text);
        if (wire_queue_parse(conn, "", text, length, NULL, 0, error) != 0 ||
            wire_queue_bind(conn, "", "", NULL, 0, NULL, 0, error) != 0 ||
            wire_queue_describe_portal(conn, "", error) != 0 ||
            wire_queue_execute(conn, "", row_limit, error) != 0)
            return -1;
        text += length + 1;
    }
    return odbc_dbc_queue_after_statement(dbc, error);
}

/* Sends the FETCHes and opens their first result as the statement's. */
static SQLRETURN run_fetches(struct odbc_stmt *stmt, const struct buf *fetches, size_t count)
{
    struct error error;
    error_init(&error);
    odbc_stmt_close_cursor(stmt);
    if (odbc_dbc_claim_connection(stmt->dbc, &stmt->member, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    struct wire_conn *conn = stmt->dbc->conn;
    wire_conn_set_query_timeout(conn, (int64_t)stmt->attributes.query_timeout_seconds * 1000);
    if (queue_fetches(stmt, fetches, count, &error) != 0) {
        struct error ignored;
        error_init(&ignored);
        if (!wire_conn_is_broken(conn) && wire_queue_sync(conn, &ignored) == 0 &&
            wire_drain_to_ready(conn, &ignored) != 0) {
            /* broken: the next call reports 08S01 */
        }
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    }
    if (wire_queue_sync(conn, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    return odbc_stmt_open_results(stmt);
}

SQLRETURN odbc_stmt_expand_refcursors(struct odbc_stmt *stmt, SQLRETURN executed)
{
    if (!SQL_SUCCEEDED(executed) || !stmt->dbc->options.is_fetch_refcursors ||
        stmt->current_result != 0 || odbc_stmt_has_output_params(stmt) ||
        !is_refcursor_result(odbc_stmt_current_result(stmt)))
        return executed;
    struct error error;
    error_init(&error);
    /* The names, and the exchange's end (the transaction status tells
     * whether the cursors still exist). */
    if (odbc_stmt_buffer_rest(stmt, &error) != 0) {
        odbc_stmt_close_cursor(stmt);
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    }
    const struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (result == NULL || result->has_error) {
        struct error cause = result != NULL ? result->error : error;
        odbc_stmt_close_cursor(stmt);
        return odbc_stmt_fail_error(stmt, &cause, SQL_NO_ROW_NUMBER);
    }
    struct buf fetches;
    buf_init(&fetches, FETCH_TEXT_MAX_BYTES);
    size_t count = 0;
    if (collect_fetches(result, &fetches, &count, &error) != 0) {
        buf_reset(&fetches);
        odbc_stmt_close_cursor(stmt);
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    }
    if (count == 0) {
        buf_reset(&fetches);
        return executed;
    }
    if (wire_conn_transaction_status(stmt->dbc->conn) == 'I') {
        buf_reset(&fetches);
        odbc_stmt_close_cursor(stmt);
        return odbc_diag_fail(&stmt->header.diags, "24000",
                              "FetchRefcursors: the statement returned %zu refcursor(s), "
                              "which closed when its transaction ended (autocommit is on); "
                              "turn SQL_ATTR_AUTOCOMMIT off to read their rows",
                              count);
    }
    SQLRETURN fetched = run_fetches(stmt, &fetches, count);
    buf_reset(&fetches);
    return fetched;
}
