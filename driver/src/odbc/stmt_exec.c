/* Running SQL: SQLExecDirect, SQLPrepare + SQLExecute, SQLRowCount,
 * SQLMoreResults.
 * Owns: sending the text with the simple query protocol, pulling the
 * engine's events to ReadyForQuery, and buffering every result of the
 * string (a multi-statement string gives several) so SQLMoreResults can
 * move through them. Rows of one result go into one arena (struct buf)
 * with an array of value references that grows by doubling: a batch of
 * rows costs one allocation, never one per row.
 * Errors: a server error makes the call SQL_ERROR with the server's
 * SQLSTATE after the engine reached ReadyForQuery (the results before it
 * are dropped: a simple-query string runs as one implicit transaction, so
 * its earlier statements were rolled back too). Notices during the call
 * become warnings on the statement (SQL_SUCCESS_WITH_INFO).
 * SQLPrepare stores the text; SQLExecute runs it the same way (describing
 * a prepared statement before execution comes with the extended protocol). */
#include "odbc/stmt.h"

#include <string.h>
#include "odbc/command_tag.h"
#include "odbc/strings.h"
#include "util/alloc.h"
#include "wire/conn.h"

#define INITIAL_VALUE_CAPACITY 256

static void result_reset(struct odbc_result *result)
{
    for (size_t i = 0; i < result->column_count; i++)
        alloc_free(result->columns[i].name);
    alloc_free(result->columns);
    alloc_free(result->values);
    buf_reset(&result->arena);
    memset(result, 0, sizeof *result);
}

void odbc_result_free_all(struct odbc_stmt *stmt)
{
    for (size_t i = 0; i < stmt->result_count; i++)
        result_reset(&stmt->results[i]);
    alloc_free(stmt->results);
    stmt->results = NULL;
    stmt->result_count = 0;
    stmt->current_result = 0;
}

/* Appends an empty result; NULL when out of memory. */
static struct odbc_result *add_result(struct odbc_stmt *stmt)
{
    struct odbc_result *grown =
        alloc_resize_array(stmt->results, stmt->result_count + 1, sizeof *grown);
    if (grown == NULL)
        return NULL;
    stmt->results = grown;
    struct odbc_result *result = &stmt->results[stmt->result_count++];
    memset(result, 0, sizeof *result);
    buf_init(&result->arena, ODBC_RESULT_MAX_BYTES);
    result->affected_rows = -1;
    result->dynamic_function = "";
    result->dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;
    return result;
}

static int copy_columns(struct odbc_result *result, const struct wire_event *event)
{
    result->has_rows = true;
    if (event->column_count == 0)
        return 0;
    result->columns = alloc_array(event->column_count, sizeof *result->columns);
    if (result->columns == NULL)
        return -1;
    result->column_count = event->column_count;
    for (size_t i = 0; i < event->column_count; i++) {
        const struct wire_column *source = &event->columns[i];
        struct odbc_result_column *column = &result->columns[i];
        column->name = alloc_strdup(source->name != NULL ? source->name : "");
        if (column->name == NULL)
            return -1;
        column->table_oid = source->table_oid;
        column->column_attnum = source->column_attnum;
        column->type_oid = source->type_oid;
        column->type_modifier = source->type_modifier;
        types_describe_column(source->type_oid, source->type_modifier, &column->description);
    }
    return 0;
}

static int append_row(struct odbc_result *result, const struct wire_event *event)
{
    size_t columns = result->column_count;
    if (event->value_count != columns)
        return -1;
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
        const struct wire_value *value = &event->values[i];
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

static void apply_command_tag(struct odbc_result *result, const char *tag)
{
    struct odbc_command_tag_info info;
    odbc_command_tag_parse(tag, &info);
    result->affected_rows = info.affected_rows;
    result->dynamic_function = info.dynamic_function;
    result->dynamic_function_code = info.dynamic_function_code;
}

/* Makes results[current_result] current: cursor state and diag header. */
static void enter_current_result(struct odbc_stmt *stmt)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    stmt->current_row = 0;
    stmt->is_after_last = false;
    stmt->getdata_column = 0;
    stmt->getdata_offset = 0;
    stmt->getdata_is_done = false;
    stmt->state = result != NULL && result->has_rows ? ODBC_STMT_CURSOR_OPEN : ODBC_STMT_EXECUTED;
    if (result != NULL) {
        stmt->header.diags.row_count = result->affected_rows;
        stmt->header.diags.dynamic_function = result->dynamic_function;
        stmt->header.diags.dynamic_function_code = result->dynamic_function_code;
    }
}

static SQLRETURN run_sql(struct odbc_stmt *stmt, const char *sql, size_t length)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct wire_conn *conn = stmt->dbc->conn;
    odbc_stmt_close_cursor(stmt);

    struct error error;
    error_init(&error);
    if (wire_send_simple_query(conn, sql, length, &error) != 0)
        return odbc_diag_fail_error(diags, &error);

    struct odbc_result *pending = NULL; /* the row set being received */
    bool has_server_error = false;
    bool is_out_of_memory = false;
    bool has_bad_row = false;
    SQLULEN max_rows = stmt->attributes.max_rows;
    for (;;) {
        struct wire_event event;
        struct error event_error;
        error_init(&event_error);
        if (wire_next_event(conn, &event, &event_error) != 0) {
            odbc_result_free_all(stmt);
            return odbc_diag_fail_error(diags, &event_error);
        }
        if (event.kind == WIRE_EVENT_READY)
            break;
        if (is_out_of_memory && event.kind != WIRE_EVENT_SERVER_ERROR &&
            event.kind != WIRE_EVENT_COPY_REFUSED)
            continue;
        switch (event.kind) {
        case WIRE_EVENT_ROW_DESCRIPTION:
            pending = add_result(stmt);
            if (pending == NULL || copy_columns(pending, &event) != 0)
                is_out_of_memory = true;
            break;
        case WIRE_EVENT_DATA_ROW:
            if (pending == NULL) {
                has_bad_row = true;
                break;
            }
            if (max_rows != 0 && pending->row_count >= max_rows)
                break;
            if (event.value_count != pending->column_count)
                has_bad_row = true;
            else if (append_row(pending, &event) != 0)
                is_out_of_memory = true;
            break;
        case WIRE_EVENT_COMMAND_COMPLETE:
            if (pending == NULL)
                pending = add_result(stmt);
            if (pending == NULL) {
                is_out_of_memory = true;
                break;
            }
            apply_command_tag(pending, event.command_tag);
            pending = NULL;
            break;
        case WIRE_EVENT_EMPTY_QUERY:
            if (add_result(stmt) == NULL)
                is_out_of_memory = true;
            pending = NULL;
            break;
        case WIRE_EVENT_SERVER_ERROR:
        case WIRE_EVENT_COPY_REFUSED:
            odbc_diag_add(diags, &event_error, false, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
            has_server_error = true;
            pending = NULL;
            break;
        case WIRE_EVENT_NO_DATA:
        case WIRE_EVENT_READY:
        case WIRE_EVENT_PARSE_COMPLETE:
        case WIRE_EVENT_BIND_COMPLETE:
        case WIRE_EVENT_CLOSE_COMPLETE:
        case WIRE_EVENT_PARAMETER_DESCRIPTION:
        case WIRE_EVENT_PORTAL_SUSPENDED:
            /* The simple protocol sends none of these. */
            break;
        }
    }

    if (has_server_error || is_out_of_memory || has_bad_row) {
        odbc_result_free_all(stmt);
        stmt->state = stmt->is_prepared ? ODBC_STMT_PREPARED : ODBC_STMT_ALLOCATED;
        if (has_server_error)
            return SQL_ERROR;
        if (is_out_of_memory)
            return odbc_diag_fail(diags, "HY001",
                                  "Out of memory while storing the result of the statement");
        return odbc_diag_fail(diags, "HY000",
                              "The server sent a row that does not match its row description");
    }
    if (stmt->result_count == 0 && add_result(stmt) == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory while storing the result");
    stmt->current_result = 0;
    enter_current_result(stmt);
    return SQL_SUCCESS;
}

static bool resolve_sql(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length,
                        const char **sql, size_t *sql_length, SQLRETURN *failure)
{
    if (text == NULL) {
        *failure = odbc_diag_fail(&stmt->header.diags, "HY009", "The SQL text is a null pointer");
        return false;
    }
    if (!odbc_resolve_length(text, length, sql, sql_length)) {
        *failure = odbc_diag_fail(&stmt->header.diags, "HY090",
                                  "SQL text length %ld is neither SQL_NTS nor a byte count",
                                  (long)length);
        return false;
    }
    if (memchr(*sql, '\0', *sql_length) != NULL) {
        *failure = odbc_diag_fail(&stmt->header.diags, "HY090",
                                  "The SQL text contains a NUL byte within its length");
        return false;
    }
    return true;
}

static SQLRETURN refuse_open_cursor(struct odbc_stmt *stmt)
{
    return odbc_diag_fail(&stmt->header.diags, "24000",
                          "A cursor is open on this statement; close it with SQLCloseCursor "
                          "or SQLFreeStmt(SQL_CLOSE) first");
}

SQLRETURN odbc_stmt_exec_direct(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length)
{
    const char *sql;
    size_t sql_length;
    SQLRETURN failure;
    if (!resolve_sql(stmt, text, length, &sql, &sql_length, &failure))
        return failure;
    if (stmt->state == ODBC_STMT_CURSOR_OPEN)
        return refuse_open_cursor(stmt);
    alloc_free(stmt->sql);
    stmt->sql = NULL;
    stmt->sql_length = 0;
    stmt->is_prepared = false;
    return run_sql(stmt, sql, sql_length);
}

SQLRETURN odbc_stmt_prepare(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length)
{
    const char *sql;
    size_t sql_length;
    SQLRETURN failure;
    if (!resolve_sql(stmt, text, length, &sql, &sql_length, &failure))
        return failure;
    if (stmt->state == ODBC_STMT_CURSOR_OPEN)
        return refuse_open_cursor(stmt);
    char *copy = alloc_strndup(sql, sql_length);
    if (copy == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory storing the SQL text");
    alloc_free(stmt->sql);
    stmt->sql = copy;
    stmt->sql_length = sql_length;
    stmt->is_prepared = true;
    odbc_stmt_close_cursor(stmt);
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_execute(struct odbc_stmt *stmt)
{
    if (!stmt->is_prepared)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "SQLExecute needs a statement prepared with SQLPrepare");
    if (stmt->state == ODBC_STMT_CURSOR_OPEN)
        return refuse_open_cursor(stmt);
    return run_sql(stmt, stmt->sql, stmt->sql_length);
}

SQLRETURN odbc_stmt_row_count(struct odbc_stmt *stmt, SQLLEN *row_count)
{
    if (row_count == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY009", "The row count pointer is null");
    if (stmt->state != ODBC_STMT_EXECUTED && stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "SQLRowCount needs an executed statement");
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    *row_count = result != NULL ? result->affected_rows : -1;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_more_results(struct odbc_stmt *stmt)
{
    if (stmt->state != ODBC_STMT_EXECUTED && stmt->state != ODBC_STMT_CURSOR_OPEN)
        return SQL_NO_DATA;
    if (stmt->current_result + 1 < stmt->result_count) {
        stmt->current_result++;
        enter_current_result(stmt);
        return SQL_SUCCESS;
    }
    odbc_stmt_close_cursor(stmt);
    return SQL_NO_DATA;
}
