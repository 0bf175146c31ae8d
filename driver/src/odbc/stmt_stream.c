/* The event pump: the engine's events → the statement's results.
 * Owns: creating one struct odbc_result per statement of the exchange
 * (RowDescription, CommandComplete, EmptyQueryResponse, an error), and
 * what happens to each DataRow: held in the engine's views for the fetch
 * that asked (streaming: nothing copied, nothing allocated), appended to
 * the result's arena (buffering: static cursors, and a streaming
 * statement that must give the connection to another exchange), or
 * discarded (closing, SQLMoreResults, rows past SQL_ATTR_MAX_ROWS).
 * Arenas grow by doubling, so buffering allocates per batch, never per
 * row. Protocol: events arrive in the order of chapter 55 (extended:
 * ParseComplete, BindComplete, RowDescription or NoData, DataRow...,
 * CommandComplete or PortalSuspended, ReadyForQuery; simple: one
 * RowDescription/DataRow.../CommandComplete group per statement; after an
 * error only ReadyForQuery). */
#include "odbc/stmt.h"

#include <stddef.h>
#include <string.h>
#include "odbc/command_tag.h"
#include "util/alloc.h"
#include "wire/conn.h"

#define INITIAL_VALUE_CAPACITY 256

enum pump_mode {
    PUMP_HOLD,    /* a DataRow stays in the engine's views (stream.held) */
    PUMP_BUFFER,  /* a DataRow is copied into its result's arena */
    PUMP_DISCARD  /* a DataRow is dropped */
};

/* Everything zero but the error's text fields, which error_init empties:
 * zeroing the whole struct wrote its 3 kB of message, detail and hint
 * three times per execution (a tenth of a SELECT 1 round trip's
 * instructions). */
void odbc_result_init(struct odbc_result *result)
{
    size_t error_start = offsetof(struct odbc_result, error);
    size_t error_end = error_start + sizeof result->error;
    memset(result, 0, error_start);
    memset((unsigned char *)result + error_end, 0, sizeof *result - error_end);
    error_init(&result->error);
    buf_init(&result->arena, ODBC_RESULT_MAX_BYTES);
    result->affected_rows = -1;
    result->dynamic_function = "";
    result->dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;
}

void odbc_result_reset(struct odbc_result *result)
{
    for (size_t i = 0; i < result->column_count; i++)
        alloc_free(result->columns[i].name);
    alloc_free(result->columns);
    alloc_free(result->values);
    buf_reset(&result->arena);
    if (result->target != NULL)
        result->free_target(result->target);
    odbc_result_init(result);
}

void odbc_result_free_all(struct odbc_stmt *stmt)
{
    for (size_t i = 0; i < stmt->result_count; i++)
        odbc_result_reset(&stmt->results[i]);
    alloc_free(stmt->results);
    stmt->results = NULL;
    stmt->result_count = 0;
    stmt->current_result = 0;
}

int odbc_result_set_columns(struct odbc_result *result, const struct wire_column *columns,
                            size_t column_count)
{
    result->has_rows = true;
    if (column_count == 0)
        return 0;
    result->columns = alloc_array(column_count, sizeof *result->columns);
    if (result->columns == NULL)
        return -1;
    result->column_count = column_count;
    for (size_t i = 0; i < column_count; i++) {
        const struct wire_column *source = &columns[i];
        struct odbc_result_column *column = &result->columns[i];
        column->name = alloc_strdup(source->name != NULL ? source->name : "");
        if (column->name == NULL)
            return -1;
        column->table_oid = source->table_oid;
        column->column_attnum = source->column_attnum;
        column->type_oid = source->type_oid;
        column->type_modifier = source->type_modifier;
        column->format_code = source->format_code;
        column->described_oid = source->type_oid;
        column->described_modifier = source->type_modifier;
        odbc_column_describe(column);
    }
    return 0;
}

/* Appends an empty result; NULL when out of memory. Invalidates pointers
 * into stmt->results. */
static struct odbc_result *add_result(struct odbc_stmt *stmt)
{
    struct odbc_result *grown =
        alloc_resize_array(stmt->results, stmt->result_count + 1, sizeof *grown);
    if (grown == NULL)
        return NULL;
    stmt->results = grown;
    struct odbc_result *result = &stmt->results[stmt->result_count++];
    odbc_result_init(result);
    return result;
}

static struct odbc_result *last_result(struct odbc_stmt *stmt)
{
    return stmt->result_count > 0 ? &stmt->results[stmt->result_count - 1] : NULL;
}

static bool is_receiving_rows(const struct odbc_result *result)
{
    return result != NULL && result->has_rows && !result->is_complete;
}

static int append_row(struct odbc_result *result, const struct wire_value *values,
                      size_t row_number)
{
    size_t columns = result->column_count;
    if (result->row_count > 0 && row_number != result->row_base + result->row_count + 1) {
        /* Rows were streamed since the last buffered one: a forward-only
         * reader is past the buffered run and never goes back to it, so
         * the arena starts again and stays one contiguous run of rows. */
        buf_clear(&result->arena);
        result->row_count = 0;
    }
    if (result->row_count == 0)
        result->row_base = row_number - 1;
    size_t needed = (result->row_count + 1) * columns;
    if (needed > result->value_capacity) {
        size_t capacity = result->value_capacity == 0 ? INITIAL_VALUE_CAPACITY
                                                      : result->value_capacity * 2;
        while (capacity < needed)
            capacity *= 2;
        struct odbc_value_ref *grown =
            alloc_resize_array(result->values, capacity, sizeof *grown);
        if (grown == NULL)
            return -1;
        result->values = grown;
        result->value_capacity = capacity;
    }
    struct odbc_value_ref *row = &result->values[result->row_count * columns];
    for (size_t i = 0; i < columns; i++) {
        const struct wire_value *value = &values[i];
        row[i].is_null = value->is_null;
        row[i].offset = result->arena.length;
        row[i].length_bytes = value->is_null ? 0 : value->length_bytes;
        if (!value->is_null && value->length_bytes > 0 &&
            buf_append(&result->arena, value->data, value->length_bytes) != 0)
            return -1;
    }
    result->row_count++;
    return 0;
}

static void fail_rows(struct odbc_result *result, const struct error *error)
{
    if (!result->has_error) {
        result->has_error = true;
        result->error = *error;
    }
    result->is_complete = true;
}

static void end_stream(struct odbc_stmt *stmt)
{
    stmt->stream.is_active = false;
    stmt->stream.held = ODBC_HELD_NONE;
    stmt->stream.held_values = NULL;
    odbc_dbc_release_stream(stmt->dbc, &stmt->member);
}

void odbc_stmt_stream_begin(struct odbc_stmt *stmt)
{
    stmt->stream.is_active = true;
    stmt->stream.held = ODBC_HELD_NONE;
    stmt->stream.held_values = NULL;
    odbc_dbc_begin_stream(stmt->dbc, &stmt->member);
}

static void apply_command_tag(struct odbc_result *result, const char *tag)
{
    struct odbc_command_tag_info info;
    odbc_command_tag_parse(tag, &info);
    result->affected_rows = info.affected_rows;
    result->dynamic_function = info.dynamic_function;
    result->dynamic_function_code = info.dynamic_function_code;
}

static void take_data_row(struct odbc_stmt *stmt, struct odbc_result *result,
                          const struct wire_event *event, enum pump_mode mode)
{
    if (!is_receiving_rows(result) || event->value_count != result->column_count)
        return; /* the engine checked the counts; nothing else can come here */
    result->rows_seen++;
    SQLULEN max_rows = stmt->attributes.max_rows;
    if (max_rows != 0 && result->rows_seen > max_rows)
        return;
    if (mode == PUMP_HOLD) {
        stmt->stream.held = ODBC_HELD_PEEKED;
        stmt->stream.held_values = event->values;
        stmt->stream.held_row_number = result->rows_seen;
    } else if (mode == PUMP_BUFFER && append_row(result, event->values, result->rows_seen) != 0) {
        struct error error;
        error_init(&error);
        error_set(&error, "HY001", "Out of memory buffering row %zu of the result",
                  result->rows_seen);
        fail_rows(result, &error);
    }
}

/* Pulls one event into the results. -1 when the connection broke or
 * memory ran out (error set; the stream has ended). */
static int pump_one(struct odbc_stmt *stmt, enum pump_mode mode, struct error *error)
{
    struct wire_conn *conn = stmt->dbc->conn;
    struct wire_event event;
    struct error event_error;
    error_init(&event_error);
    stmt->stream.held = ODBC_HELD_NONE;
    stmt->stream.held_values = NULL;
    if (wire_next_event(conn, &event, &event_error) != 0) {
        *error = event_error;
        struct odbc_result *last = last_result(stmt);
        if (is_receiving_rows(last))
            fail_rows(last, &event_error);
        end_stream(stmt);
        return -1;
    }
    struct odbc_result *last = last_result(stmt);
    struct odbc_result *added = NULL;
    switch (event.kind) {
    case WIRE_EVENT_ROW_DESCRIPTION:
        added = add_result(stmt);
        if (added == NULL || odbc_result_set_columns(added, event.columns, event.column_count) != 0)
            goto out_of_memory;
        break;
    case WIRE_EVENT_DATA_ROW:
        take_data_row(stmt, last, &event, mode);
        break;
    case WIRE_EVENT_COMMAND_COMPLETE:
        if (!is_receiving_rows(last)) {
            last = add_result(stmt);
            if (last == NULL)
                goto out_of_memory;
        }
        apply_command_tag(last, event.command_tag);
        last->is_complete = true;
        break;
    case WIRE_EVENT_PORTAL_SUSPENDED:
        /* Execute's row limit (SQL_ATTR_MAX_ROWS) ended the result. */
        if (is_receiving_rows(last)) {
            last->is_complete = true;
            last->affected_rows = (SQLLEN)last->rows_seen;
        }
        break;
    case WIRE_EVENT_EMPTY_QUERY:
        added = add_result(stmt);
        if (added == NULL)
            goto out_of_memory;
        added->is_complete = true;
        break;
    case WIRE_EVENT_SERVER_ERROR:
    case WIRE_EVENT_COPY_REFUSED:
        if (is_receiving_rows(last)) {
            fail_rows(last, &event_error);
        } else {
            added = add_result(stmt);
            if (added == NULL)
                goto out_of_memory;
            added->is_error = true;
            added->is_complete = true;
            added->error = event_error;
        }
        if (event.kind == WIRE_EVENT_COPY_REFUSED && stmt->result_count == 1) {
            /* A refused COPY that is the execution's result: the rest of
             * its exchange (the data discarded, the answer to CopyFail) is
             * read now, so that a cut or a stall there is this call's to
             * report (08S01, HYT00), not a silent end of the connection. */
            while (stmt->stream.is_active) {
                if (pump_one(stmt, PUMP_DISCARD, error) != 0) {
                    error_add_context(error, "reading the rest of a refused COPY");
                    return -1;
                }
            }
        }
        break;
    case WIRE_EVENT_READY:
        end_stream(stmt);
        /* A statement savepoint whose statement failed is rolled back
         * now, so the application's transaction goes on (dbc_tran.c). */
        if (odbc_dbc_statement_exchange_ended(stmt->dbc, error) != 0)
            return -1;
        break;
    case WIRE_EVENT_NO_DATA:
    case WIRE_EVENT_PARSE_COMPLETE:
    case WIRE_EVENT_BIND_COMPLETE:
    case WIRE_EVENT_CLOSE_COMPLETE:
    case WIRE_EVENT_PARAMETER_DESCRIPTION:
        break;
    }
    return 0;

out_of_memory:
    error_set(error, "HY001", "Out of memory storing the description of a result");
    odbc_stmt_stream_discard(stmt);
    return -1;
}

void odbc_stmt_stream_discard(struct odbc_stmt *stmt)
{
    if (!stmt->stream.is_active)
        return;
    stmt->stream.held = ODBC_HELD_NONE;
    struct wire_conn *conn = stmt->dbc->conn;
    struct error ignored;
    error_init(&ignored);
    if (conn != NULL && !wire_conn_is_broken(conn)) {
        if (wire_drain_to_ready(conn, &ignored) != 0) {
            /* broken: every later call reports 08S01 */
        }
    }
    end_stream(stmt);
    if (conn != NULL && !wire_conn_is_broken(conn) &&
        odbc_dbc_statement_exchange_ended(stmt->dbc, &ignored) != 0) {
        /* broken: every later call reports 08S01 */
    }
}

int odbc_stmt_stream_open_result(struct odbc_stmt *stmt, size_t index, struct error *error)
{
    for (;;) {
        if (index < stmt->result_count) {
            struct odbc_result *result = &stmt->results[index];
            bool is_last = index + 1 == stmt->result_count;
            if (!is_last || !stmt->stream.is_active || !is_receiving_rows(result) ||
                stmt->stream.held != ODBC_HELD_NONE || result->row_count > 0)
                return 1;
        } else if (!stmt->stream.is_active) {
            return 0;
        }
        if (pump_one(stmt, PUMP_HOLD, error) != 0)
            return -1;
    }
}

bool odbc_result_buffered_row(const struct odbc_result *result, size_t row_number,
                              struct odbc_row *row)
{
    if (row_number <= result->row_base || row_number - result->row_base > result->row_count)
        return false;
    size_t index = row_number - result->row_base - 1;
    row->wire_values = NULL;
    row->refs = &result->values[index * result->column_count];
    row->arena = result->arena.data;
    return true;
}

void odbc_row_value(const struct odbc_row *row, size_t column_index, struct wire_value *out)
{
    if (row->wire_values != NULL) {
        *out = row->wire_values[column_index];
        if (out->is_null)
            out->data = NULL;
        return;
    }
    const struct odbc_value_ref *ref = &row->refs[column_index];
    out->is_null = ref->is_null;
    out->length_bytes = ref->length_bytes;
    out->data = ref->is_null ? NULL
                : row->arena != NULL ? row->arena + ref->offset
                                     : (const unsigned char *)"";
}

int odbc_stmt_stream_next_row(struct odbc_stmt *stmt, size_t row_number, struct odbc_row *row,
                              struct error *error)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (result == NULL)
        return 0;
    if (odbc_result_buffered_row(result, row_number, row))
        return 1;
    bool is_last = stmt->current_result + 1 == stmt->result_count;
    if (stmt->stream.is_active && is_last && stmt->stream.held != ODBC_HELD_NONE &&
        stmt->stream.held_row_number == row_number) {
        stmt->stream.held = ODBC_HELD_CURRENT;
        row->wire_values = stmt->stream.held_values;
        row->refs = NULL;
        row->arena = NULL;
        return 1;
    }
    while (stmt->stream.is_active && is_last && is_receiving_rows(result)) {
        if (pump_one(stmt, PUMP_HOLD, error) != 0)
            return -1;
        result = odbc_stmt_current_result(stmt);
        if (stmt->stream.held == ODBC_HELD_PEEKED &&
            stmt->stream.held_row_number == row_number) {
            stmt->stream.held = ODBC_HELD_CURRENT;
            row->wire_values = stmt->stream.held_values;
            row->refs = NULL;
            row->arena = NULL;
            return 1;
        }
    }
    /* One statement per exchange: only ReadyForQuery is left; pull it so
     * the connection is free at once. */
    if (stmt->stream.is_active && !stmt->uses_simple_protocol && is_last &&
        odbc_stmt_buffer_rest(stmt, error) != 0)
        return -1;
    return 0;
}

/* The held row goes first into the arena: it may be the row SQLGetData
 * reads, and the engine's views of it end with the next event. */
static void buffer_held_row(struct odbc_stmt *stmt)
{
    struct odbc_result *last = last_result(stmt);
    if (stmt->stream.held != ODBC_HELD_NONE && is_receiving_rows(last) &&
        append_row(last, stmt->stream.held_values, stmt->stream.held_row_number) != 0) {
        struct error memory;
        error_init(&memory);
        error_set(&memory, "HY001", "Out of memory buffering the rest of the result");
        fail_rows(last, &memory);
    }
    stmt->stream.held = ODBC_HELD_NONE;
}

int odbc_stmt_buffer_rest(struct odbc_stmt *stmt, struct error *error)
{
    if (!stmt->stream.is_active)
        return 0;
    buffer_held_row(stmt);
    while (stmt->stream.is_active) {
        if (pump_one(stmt, PUMP_BUFFER, error) != 0)
            return -1;
    }
    return 0;
}

static size_t buffered_bytes(const struct odbc_result *result)
{
    return result->arena.length +
           result->row_count * result->column_count * sizeof *result->values;
}

int odbc_stmt_buffer_prefix(struct odbc_stmt *stmt, size_t max_bytes, struct error *error)
{
    if (!stmt->stream.is_active)
        return 1;
    buffer_held_row(stmt);
    while (stmt->stream.is_active) {
        const struct odbc_result *last = last_result(stmt);
        if (is_receiving_rows(last) && buffered_bytes(last) >= max_bytes)
            return 0;
        if (pump_one(stmt, PUMP_BUFFER, error) != 0)
            return -1;
    }
    return 1;
}

int odbc_stmt_stream_skip_rows(struct odbc_stmt *stmt, struct error *error)
{
    for (;;) {
        struct odbc_result *result = odbc_stmt_current_result(stmt);
        bool is_last = stmt->current_result + 1 == stmt->result_count;
        if (result == NULL || !stmt->stream.is_active || !is_last || !is_receiving_rows(result))
            return 0;
        if (pump_one(stmt, PUMP_DISCARD, error) != 0)
            return -1;
    }
}
