/* Running the statements SQLSetPos and SQLBulkOperations write.
 * Owns: a statement's parameters (bytes, types, formats) and one exchange
 * on the extended protocol: Parse, Bind, Describe, Execute and Sync
 * of the unnamed statement, with the connection's transaction rules
 * around it (dbc_tran.h: BEGIN when autocommit is off, the statement
 * savepoint), the rows it returns handed to a callback and the command
 * tag's row count. The application's own statement is untouched; a
 * streaming result of another statement is buffered first
 * (odbc_dbc_claim_connection). Reference: PostgreSQL protocol, "Extended
 * Query" (Describe of the portal: the engine checks
 * each DataRow against the row description it announced). */
#include "odbc/stmt_setpos.h"

#include <string.h>
#include "odbc/command_tag.h"
#include "odbc/dbc_tran.h"
#include "util/alloc.h"
#include "wire/conn.h"

/* The values of one row operation: a few columns' worth. */
#define SETPOS_VALUES_MAX ((size_t)1 << 30)
#define SETPOS_SQL_MAX ((size_t)1 << 24)

void odbc_setpos_query_init(struct setpos_query *query)
{
    memset(query, 0, sizeof *query);
    buf_init(&query->sql, SETPOS_SQL_MAX);
    buf_init(&query->values, SETPOS_VALUES_MAX);
}

void odbc_setpos_query_reset(struct setpos_query *query)
{
    buf_reset(&query->sql);
    buf_reset(&query->values);
    alloc_free(query->offsets);
    alloc_free(query->lengths);
    alloc_free(query->is_null);
    alloc_free(query->type_oids);
    alloc_free(query->formats);
    alloc_free(query->names);
    odbc_setpos_query_init(query);
}

int odbc_setpos_query_begin(struct setpos_query *query, size_t capacity)
{
    buf_clear(&query->sql);
    buf_clear(&query->values);
    query->param_count = 0;
    query->name_count = 0;
    if (capacity <= query->param_capacity)
        return 0;
    size_t *offsets = alloc_resize_array(query->offsets, capacity, sizeof *offsets);
    if (offsets == NULL)
        return -1;
    query->offsets = offsets;
    size_t *lengths = alloc_resize_array(query->lengths, capacity, sizeof *lengths);
    if (lengths == NULL)
        return -1;
    query->lengths = lengths;
    bool *is_null = alloc_resize_array(query->is_null, capacity, sizeof *is_null);
    if (is_null == NULL)
        return -1;
    query->is_null = is_null;
    uint32_t *type_oids = alloc_resize_array(query->type_oids, capacity, sizeof *type_oids);
    if (type_oids == NULL)
        return -1;
    query->type_oids = type_oids;
    int16_t *formats = alloc_resize_array(query->formats, capacity, sizeof *formats);
    if (formats == NULL)
        return -1;
    query->formats = formats;
    const char **names = alloc_resize_array(query->names, capacity, sizeof *names);
    if (names == NULL)
        return -1;
    query->names = names;
    query->param_capacity = capacity;
    return 0;
}

int odbc_setpos_query_add(struct setpos_query *query, const void *data, size_t length_bytes,
                          bool is_null, uint32_t type_oid, int16_t format)
{
    if (query->param_count >= query->param_capacity)
        return -1;
    size_t index = query->param_count;
    query->offsets[index] = query->values.length;
    query->lengths[index] = is_null ? 0 : length_bytes;
    query->is_null[index] = is_null;
    query->type_oids[index] = type_oid;
    query->formats[index] = format;
    if (!is_null && length_bytes > 0 && buf_append(&query->values, data, length_bytes) != 0)
        return -1;
    query->param_count++;
    return 0;
}

int odbc_setpos_query_add_value(struct setpos_query *query, const struct odbc_result *result,
                                size_t row_number, size_t column_index)
{
    struct odbc_row row;
    if (!odbc_result_buffered_row(result, row_number, &row))
        return -1;
    struct wire_value value;
    odbc_row_value(&row, column_index, &value);
    const struct odbc_result_column *column = &result->columns[column_index];
    return odbc_setpos_query_add(query, value.data, value.length_bytes, value.is_null,
                                 column->type_oid, column->format_code);
}

/* Queues the whole exchange; -1 with error (nothing sent, or the
 * connection broke). */
static int send_query(struct odbc_dbc *dbc, const struct setpos_query *query,
                      const int16_t *result_formats, size_t result_format_count,
                      struct error *error)
{
    struct wire_param *params = NULL;
    if (query->param_count > 0) {
        params = alloc_array(query->param_count, sizeof *params);
        if (params == NULL) {
            error_set(error, "HY001", "Out of memory for the row operation's parameters");
            return -1;
        }
    }
    for (size_t i = 0; i < query->param_count; i++) {
        params[i].type_oid = query->type_oids[i];
        params[i].format_code = query->formats[i];
        params[i].is_null = query->is_null[i];
        params[i].data = query->is_null[i] ? NULL : query->values.data + query->offsets[i];
        params[i].length_bytes = query->lengths[i];
        params[i].is_borrowed = false;
    }
    struct wire_conn *conn = dbc->conn;
    int queued = 0;
    if (odbc_dbc_queue_closes(dbc, error) != 0 ||
        odbc_dbc_queue_before_statement(dbc, error) != 0 ||
        wire_queue_parse(conn, "", (const char *)query->sql.data, query->sql.length,
                         query->type_oids, query->param_count, error) != 0 ||
        wire_queue_bind(conn, "", "", params, query->param_count, result_formats,
                        result_format_count, error) != 0 ||
        wire_queue_describe_portal(conn, "", error) != 0 ||
        wire_queue_execute(conn, "", 0, error) != 0 ||
        odbc_dbc_queue_after_statement(dbc, error) != 0 || wire_queue_sync(conn, error) != 0)
        queued = -1;
    alloc_free(params);
    return queued;
}

int odbc_setpos_run(struct odbc_stmt *stmt, struct setpos_query *query,
                    const int16_t *result_formats, size_t result_format_count,
                    setpos_row_handler on_row, void *context, SQLLEN *affected_rows,
                    struct error *error)
{
    struct odbc_dbc *dbc = stmt->dbc;
    *affected_rows = -1;
    /* NULL: a result of this statement still streaming is buffered, not dropped. */
    if (odbc_dbc_claim_connection(dbc, NULL, error) != 0)
        return -1;
    wire_conn_set_query_timeout(dbc->conn,
                                (int64_t)stmt->attributes.query_timeout_seconds * 1000);
    if (send_query(dbc, query, result_formats, result_format_count, error) != 0) {
        if (wire_conn_is_busy(dbc->conn)) {
            struct error ignored;
            error_init(&ignored);
            if (wire_drain_to_ready(dbc->conn, &ignored) != 0) {
                /* the connection is broken: the next call says so */
            }
        }
        return -1;
    }
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
        if (event.kind == WIRE_EVENT_SERVER_ERROR) {
            *error = event_error;
            has_failed = true;
        } else if (event.kind == WIRE_EVENT_DATA_ROW && on_row != NULL) {
            if (on_row(context, event.values, event.value_count) != 0) {
                error_set(error, "HY001", "Out of memory storing the row read back");
                has_failed = true;
            }
        } else if (event.kind == WIRE_EVENT_COMMAND_COMPLETE) {
            struct odbc_command_tag_info tag;
            odbc_command_tag_parse(event.command_tag, &tag);
            *affected_rows = tag.affected_rows;
        }
    }
    struct error broken;
    error_init(&broken);
    if (odbc_dbc_statement_exchange_ended(dbc, &broken) != 0) {
        if (!has_failed)
            *error = broken;
        return -1;
    }
    return has_failed ? -1 : 0;
}
