/* Running SQL: SQLExecDirect, SQLPrepare + SQLExecute, SQLRowCount,
 * SQLMoreResults, and the catalog functions' queries.
 * Owns: choosing the protocol and sending the exchange, then opening the
 * first result (its first row peeked, so an error on it is the execution's
 * error). The application's text changes only where ODBC says it does:
 * '?' markers are numbered $1.. and escape clauses translated
 * (sql_markers.c); nothing is wrapped around it.
 * - SQLExecDirect, one statement: Parse (of the statement cache's named
 *   statement, or of the unnamed one when the cache is off or the text is
 *   already there: then no Parse at all), Bind with the parameter values,
 *   Describe (portal), Execute (row limit SQL_ATTR_MAX_ROWS), Sync: one
 *   round trip. A BEGIN the transaction needs travels in front. The first
 *   execution of a cached text reads text results and its entry remembers
 *   the result types; later ones Bind with binary results for the types
 *   where binary pays and reads the same (is_binary_result_type). The
 *   unnamed path stays text.
 * - SQLPrepare, one statement: Parse "pgodbc_<random>_<n>" (names:
 *   dbc_statement_cache.h), Describe (statement),
 *   Sync: the columns and parameter types are known before execution.
 *   SQLExecute: Bind (binary results for the types types_has_binary_decoder
 *   names), Describe (portal), Execute, Sync; a Parse again first when the
 *   bindings name other parameter types. Re-preparing or freeing queues a
 *   Close.
 * - PoolerMode=transaction (or after the server lost a statement of this
 *   connection: a transaction pooler without the keyword): no named
 *   statement at all. SQLPrepare parses and describes the unnamed
 *   statement; SQLExecute sends Parse (unnamed), Bind, Describe,
 *   Execute, Sync in one round trip; the statement cache is off. Names
 *   are unique per connection (dbc_statement_cache.h), so a statement
 *   looked for on another client's server session is missing (26000),
 *   never someone else's: the execution that meets that switches the
 *   connection to the unnamed statement and runs once more when no
 *   transaction was open before it nor is after it; inside a
 *   transaction the error stands, explained (the transaction is lost).
 * - Parameter arrays: stmt_array.c. Data at execution: SQL_NEED_DATA, then
 *   SQLParamData runs the execution (odbc_stmt_execute_after_data).
 * - Several statements in one string (sql_scan.c), or a replication
 *   connection: the simple protocol; SQLMoreResults moves through results.
 * Errors: a server error before the first result is the call's error (the
 * exchange is drained first); an error in a later statement of a string
 * is reported by the SQLMoreResults that reaches it. A cancel requested by
 * SQLCancel is HY008; the engine's query timeout is HYT00. */
#include "odbc/stmt.h"

#include <string.h>
#include "catalog/routine_queries.h"
#include "odbc/sql_markers.h"
#include "odbc/sql_scan.h"
#include "odbc/stmt_keyset.h"
#include "odbc/stmt_positioned.h"
#include "odbc/stmt_refcursor.h"
#include "odbc/strings.h"
#include "types/convert.h"
#include "types/type_table.h"
#include "util/alloc.h"
#include "util/parse.h"
#include "wire/conn.h"

/* New name for a server statement of this connection. */
static uint32_t next_statement_id(struct odbc_dbc *dbc)
{
    uint32_t id = ++dbc->last_statement_id;
    if (id == 0)
        id = ++dbc->last_statement_id;
    return id;
}

static void drop_failed_cache_entry(struct odbc_stmt *stmt, const struct error *cause);

/* PoolerMode=transaction, or the switch after a lost statement: only the
 * unnamed statement and portal. */
static bool uses_unnamed_only(const struct odbc_stmt *stmt)
{
    return stmt->dbc->options.pooler_mode == CONNSTR_POOLER_TRANSACTION;
}

/* Makes results[current_result] current: cursor state and diag header. */
static void enter_current_result(struct odbc_stmt *stmt)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    stmt->rowset_start = 0;
    stmt->rowset_rows = 0;
    stmt->last_rowset_size = 0;
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

static void return_to_prepared(struct odbc_stmt *stmt)
{
    odbc_stmt_close_cursor(stmt);
}

static bool is_static_cursor(const struct odbc_stmt *stmt)
{
    return stmt->attributes.cursor_type != SQL_CURSOR_FORWARD_ONLY;
}

/* Frees the connection for this statement's exchange and applies the
 * statement's query timeout. */
static SQLRETURN begin_exchange(struct odbc_stmt *stmt)
{
    odbc_stmt_close_cursor(stmt);
    struct error error;
    error_init(&error);
    /* A cancel that arrived after its call had finished must not turn a
     * later 57014 of this statement into HY008. */
    atomic_store(&stmt->is_cancel_requested, false);
    if (odbc_dbc_claim_connection(stmt->dbc, &stmt->member, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    int64_t timeout_ms = (int64_t)stmt->attributes.query_timeout_seconds * 1000;
    wire_conn_set_query_timeout(stmt->dbc->conn, timeout_ms);
    return SQL_SUCCESS;
}

/* After a queueing failure: end whatever was queued, report the error. */
static SQLRETURN fail_sending(struct odbc_stmt *stmt, const struct error *error)
{
    struct wire_conn *conn = stmt->dbc->conn;
    struct error ignored;
    error_init(&ignored);
    if (!wire_conn_is_broken(conn) && wire_queue_sync(conn, &ignored) == 0 &&
        wire_drain_to_ready(conn, &ignored) != 0) {
        /* broken: the next call reports 08S01 */
    }
    return odbc_diag_fail_error(&stmt->header.diags, error);
}

static uint32_t execute_row_limit(const struct odbc_stmt *stmt)
{
    SQLULEN max_rows = stmt->attributes.max_rows;
    return max_rows > UINT32_MAX ? 0 : (uint32_t)max_rows;
}

/* Opens the first result of the exchange just sent. */
static SQLRETURN finish_execution(struct odbc_stmt *stmt)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    odbc_stmt_stream_begin(stmt);
    struct error error;
    error_init(&error);
    int opened = odbc_stmt_stream_open_result(stmt, 0, &error);
    if (opened < 0) {
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    }
    if (opened == 0) {
        /* The exchange ended without a result: behave like an empty query. */
        struct odbc_result *grown = alloc_resize_array(stmt->results, 1, sizeof *grown);
        if (grown == NULL) {
            return_to_prepared(stmt);
            return odbc_diag_fail(diags, "HY001", "Out of memory storing the result");
        }
        stmt->results = grown;
        stmt->result_count = 1;
        odbc_result_init(&stmt->results[0]);
        stmt->results[0].is_complete = true;
    }
    struct odbc_result *first = &stmt->results[0];
    /* A statement that failed, or a row set that failed before its first
     * row (a cancel, a timeout, an error computing row 1): the execution's
     * error. */
    if (first->is_error || (first->has_error && first->rows_seen == 0)) {
        struct error cause = first->error;
        drop_failed_cache_entry(stmt, &cause);
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &cause, SQL_NO_ROW_NUMBER);
    }
    bool must_buffer = is_static_cursor(stmt) ||
                       (!stmt->uses_simple_protocol && first->is_complete);
    if (must_buffer && odbc_stmt_buffer_rest(stmt, &error) != 0) {
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    }
    first = &stmt->results[0];
    if (is_static_cursor(stmt) && first->has_error) {
        struct error cause = first->error;
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &cause, SQL_NO_ROW_NUMBER);
    }
    stmt->current_result = 0;
    enter_current_result(stmt);
    if (is_static_cursor(stmt))
        return odbc_keyset_open(stmt); /* keyset-driven or static, ROWVER or values */
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_open_results(struct odbc_stmt *stmt)
{
    return finish_execution(stmt);
}

static SQLRETURN send_simple(struct odbc_stmt *stmt, const char *sql, size_t length)
{
    struct error error;
    error_init(&error);
    /* Nothing may be queued before a simple Query: BEGIN (autocommit off)
     * runs on its own first. */
    if (odbc_dbc_run_before_simple_statement(stmt->dbc, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    if (wire_send_simple_query(stmt->dbc->conn, sql, length, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    return finish_execution(stmt);
}

/* The statement cache (dbc_statement_cache.h): the server statement this
 * text already has, or a new one it gets now. Fills name ("" when the
 * cache is off or full of memory trouble: the unnamed statement) and says
 * whether the text must be parsed. */
static bool use_statement_cache(struct odbc_stmt *stmt, char *name, size_t name_size)
{
    struct odbc_dbc *dbc = stmt->dbc;
    name[0] = '\0';
    stmt->cached_statement_id = 0;
    stmt->was_cache_parse = false;
    if (dbc->statement_cache.capacity == 0)
        return true;
    uint32_t id = odbc_statement_cache_find(&dbc->statement_cache, stmt->sql, stmt->sql_length,
                                            odbc_stmt_sent_param_types(stmt), odbc_stmt_sent_param_count(stmt));
    bool must_parse = id == 0;
    if (must_parse) {
        uint32_t evicted = 0;
        id = next_statement_id(dbc);
        if (odbc_statement_cache_add(&dbc->statement_cache, stmt->sql, stmt->sql_length,
                                     odbc_stmt_sent_param_types(stmt), odbc_stmt_sent_param_count(stmt), id,
                                     &evicted) != 0)
            return true; /* not kept: the unnamed statement serves */
        if (evicted != 0)
            odbc_dbc_forget_statement(dbc, evicted);
    }
    stmt->cached_statement_id = id;
    stmt->was_cache_parse = must_parse;
    odbc_statement_cache_name(&dbc->statement_cache, id, name, name_size);
    return must_parse;
}

/* After a failed execution: an entry whose Parse may have failed, or
 * whose statement the server no longer has (26000, DEALLOCATE or DISCARD
 * by the application; 0A000, a cached plan whose result type changed),
 * leaves the cache so the next execution parses again. */
static void drop_failed_cache_entry(struct odbc_stmt *stmt, const struct error *cause)
{
    uint32_t id = stmt->cached_statement_id;
    if (id == 0)
        return;
    bool is_gone = strcmp(cause->sqlstate, "26000") == 0 || strcmp(cause->sqlstate, "0A000") == 0;
    if ((stmt->was_cache_parse || is_gone) &&
        odbc_statement_cache_drop(&stmt->dbc->statement_cache, id))
        odbc_dbc_forget_statement(stmt->dbc, id);
    stmt->cached_statement_id = 0;
}

/* Whether a cached statement's column of this type is asked in binary:
 * where types_has_binary_decoder can read it and the binary form is
 * cheaper to convert than the text (callgrind, 50,000 values read with
 * SQLGetData into their default C type, or SQL_C_CHAR for numeric): int8,
 * float8 (no strtod), date, time and timestamp (no text parsing), uuid and
 * bytea (no hex). Left as text:
 * - types whose text is read as cheaply (int2, int4, oid, bool, the
 *   character and json types): a format code costs more than it saves,
 *   so `SELECT 1` Binds as before;
 * - numeric: the binary digits cost about 450 more instructions a value
 *   to become SQL_C_CHAR, the form most clients read;
 * - float4 and interval, which read differently from the text the first
 *   execution read: float4's text is its shortest decimal, which
 *   SQL_C_DOUBLE reads as that decimal (0.1) where the binary form widens
 *   to the float4's own value (0.100000001490116); interval's binary form
 *   is spelled "-1 days" and "+03:00:00" in SQL_C_CHAR where the server
 *   writes "-1 day" and "03:00:00". */
static bool is_binary_result_type(uint32_t type_oid)
{
    switch (type_oid) {
    case TYPES_OID_INT8:
    case TYPES_OID_FLOAT8:
    case TYPES_OID_DATE:
    case TYPES_OID_TIME:
    case TYPES_OID_TIMESTAMP:
    case TYPES_OID_UUID:
    case TYPES_OID_BYTEA:
        return types_has_binary_decoder(type_oid);
    default:
        return false;
    }
}

/* Result formats for a cached statement whose result columns are known
 * (dbc_statement_cache.h): binary where is_binary_result_type says so,
 * text otherwise. Up to RESULT_FORMATS_ON_STACK columns use the caller's
 * array; more are allocated (*formats then differs from on_stack and the
 * caller frees it). *format_count 0: all text (unknown columns, none, no
 * column worth binary, or no memory for the formats, which only costs
 * speed). False when the entry's result types are not known yet. */
enum { RESULT_FORMATS_ON_STACK = 32 };

static bool choose_cached_result_formats(const struct odbc_stmt *stmt, int16_t *on_stack,
                                         int16_t **formats, size_t *format_count)
{
    *formats = NULL;
    *format_count = 0;
    const uint32_t *type_oids = NULL;
    size_t column_count = 0;
    if (stmt->cached_statement_id == 0 ||
        !odbc_statement_cache_result_types(&stmt->dbc->statement_cache,
                                           stmt->cached_statement_id, &type_oids,
                                           &column_count))
        return false;
    bool has_binary = false;
    for (size_t i = 0; i < column_count && !has_binary; i++)
        has_binary = is_binary_result_type(type_oids[i]);
    if (!has_binary)
        return true;
    int16_t *chosen = on_stack;
    if (column_count > RESULT_FORMATS_ON_STACK) {
        chosen = alloc_array(column_count, sizeof *chosen);
        if (chosen == NULL)
            return true;
    }
    for (size_t i = 0; i < column_count; i++)
        chosen[i] = is_binary_result_type(type_oids[i]) ? 1 : 0;
    *formats = chosen;
    *format_count = column_count;
    return true;
}

/* After a successful execution of a cached statement: its entry learns
 * the first result's column types, so the next execution asks for binary
 * results. Out of memory only leaves the results as text. */
static void remember_cached_result_types(struct odbc_stmt *stmt)
{
    if (stmt->cached_statement_id == 0 || stmt->result_count == 0)
        return;
    const struct odbc_result *first = &stmt->results[0];
    uint32_t on_stack[RESULT_FORMATS_ON_STACK];
    uint32_t *type_oids = on_stack;
    if (first->column_count > RESULT_FORMATS_ON_STACK) {
        type_oids = alloc_array(first->column_count, sizeof *type_oids);
        if (type_oids == NULL)
            return;
    }
    for (size_t i = 0; i < first->column_count; i++)
        type_oids[i] = first->columns[i].type_oid;
    if (odbc_statement_cache_set_result_types(&stmt->dbc->statement_cache,
                                              stmt->cached_statement_id, type_oids,
                                              first->column_count) != 0) {
        /* not remembered: the next execution asks for text again */
    }
    if (type_oids != on_stack)
        alloc_free(type_oids);
}

static SQLRETURN send_direct_extended(struct odbc_stmt *stmt)
{
    struct wire_conn *conn = stmt->dbc->conn;
    struct error error;
    error_init(&error);
    size_t param_count = odbc_stmt_sent_param_count(stmt);
    if (param_count > 0 && odbc_stmt_convert_param_set(stmt, 0, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, 1);
    char name[ODBC_STATEMENT_NAME_BYTES];
    bool must_parse = use_statement_cache(stmt, name, sizeof name);
    int16_t formats_on_stack[RESULT_FORMATS_ON_STACK];
    int16_t *formats = NULL;
    size_t format_count = 0;
    bool has_result_types =
        !must_parse &&
        choose_cached_result_formats(stmt, formats_on_stack, &formats, &format_count);
    int queued = 0;
    if (odbc_dbc_queue_closes(stmt->dbc, &error) != 0 ||
        odbc_dbc_queue_before_statement(stmt->dbc, &error) != 0 ||
        (must_parse && wire_queue_parse(conn, name, stmt->sql, stmt->sql_length,
                                        odbc_stmt_sent_param_types(stmt), param_count, &error) != 0) ||
        wire_queue_bind(conn, "", name, stmt->param_set.params, param_count, formats,
                        format_count, &error) != 0 ||
        wire_queue_describe_portal(conn, "", &error) != 0 ||
        wire_queue_execute(conn, "", execute_row_limit(stmt), &error) != 0 ||
        odbc_dbc_queue_after_statement(stmt->dbc, &error) != 0)
        queued = -1;
    if (formats != formats_on_stack)
        alloc_free(formats);
    if (queued != 0)
        return fail_sending(stmt, &error);
    if (wire_queue_sync(conn, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    SQLRETURN rc = finish_execution(stmt);
    if (SQL_SUCCEEDED(rc) && !has_result_types)
        remember_cached_result_types(stmt);
    return rc;
}

/* A binding names other parameter types than the server statement has:
 * Close it and Parse the text again under a new name, queued before the
 * Bind (no extra round trip). Results are then asked as text until the
 * statement is described again. */
static int queue_reparse_if_needed(struct odbc_stmt *stmt, struct error *error)
{
    bool has_changed = false;
    if (odbc_stmt_reconcile_param_types(stmt, &has_changed, error) != 0)
        return -1;
    if (!has_changed)
        return 0;
    stmt->are_param_types_described = false;
    stmt->has_stale_description = true;
    if (uses_unnamed_only(stmt))
        return 0; /* parsed again anyway, with the types bound now */
    struct odbc_dbc *dbc = stmt->dbc;
    if (stmt->server_statement_id != 0)
        odbc_dbc_forget_statement(dbc, stmt->server_statement_id);
    uint32_t id = next_statement_id(dbc);
    char name[ODBC_STATEMENT_NAME_BYTES];
    odbc_statement_cache_name(&dbc->statement_cache, id, name, sizeof name);
    if (odbc_dbc_queue_closes(dbc, error) != 0 ||
        wire_queue_parse(dbc->conn, name, stmt->sql, stmt->sql_length, odbc_stmt_sent_param_types(stmt),
                         odbc_stmt_sent_param_count(stmt), error) != 0)
        return -1;
    stmt->server_statement_id = id;
    return 0;
}

static SQLRETURN send_prepared_extended(struct odbc_stmt *stmt)
{
    struct wire_conn *conn = stmt->dbc->conn;
    struct error error;
    error_init(&error);
    if (queue_reparse_if_needed(stmt, &error) != 0)
        return fail_sending(stmt, &error);
    size_t param_count = odbc_stmt_sent_param_count(stmt);
    if (param_count > 0 && odbc_stmt_convert_param_set(stmt, 0, &error) != 0)
        return fail_sending(stmt, &error);
    bool is_unnamed = uses_unnamed_only(stmt) || stmt->server_statement_id == 0;
    char name[ODBC_STATEMENT_NAME_BYTES] = "";
    if (!is_unnamed)
        odbc_statement_cache_name(&stmt->dbc->statement_cache, stmt->server_statement_id, name,
                                  sizeof name);
    size_t format_count = stmt->has_stale_description ? 0 : stmt->described.column_count;
    int16_t *formats = NULL;
    if (format_count > 0) {
        formats = alloc_array(format_count, sizeof *formats);
        if (formats == NULL)
            return odbc_diag_fail(&stmt->header.diags, "HY001",
                                  "Out of memory choosing result formats");
        for (size_t i = 0; i < format_count; i++)
            formats[i] = types_has_binary_decoder(stmt->described.columns[i].type_oid) ? 1 : 0;
    }
    int queued = 0;
    if (odbc_dbc_queue_closes(stmt->dbc, &error) != 0 ||
        odbc_dbc_queue_before_statement(stmt->dbc, &error) != 0 ||
        /* after what the transaction queued: its BEGIN uses the unnamed
         * statement too */
        (is_unnamed && wire_queue_parse(conn, "", stmt->sql, stmt->sql_length,
                                        odbc_stmt_sent_param_types(stmt), param_count,
                                        &error) != 0) ||
        wire_queue_bind(conn, "", name, stmt->param_set.params, param_count, formats,
                        format_count, &error) != 0 ||
        wire_queue_describe_portal(conn, "", &error) != 0 ||
        wire_queue_execute(conn, "", execute_row_limit(stmt), &error) != 0 ||
        odbc_dbc_queue_after_statement(stmt->dbc, &error) != 0)
        queued = -1;
    alloc_free(formats);
    if (queued != 0)
        return fail_sending(stmt, &error);
    if (wire_queue_sync(conn, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    return finish_execution(stmt);
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

/* Drops the server statement of an earlier SQLPrepare. */
static void forget_prepared(struct odbc_stmt *stmt)
{
    if (stmt->server_statement_id != 0)
        odbc_dbc_forget_statement(stmt->dbc, stmt->server_statement_id);
    stmt->server_statement_id = 0;
    odbc_result_reset(&stmt->described);
    stmt->is_described = false;
    stmt->has_stale_description = false;
    alloc_free(stmt->sql);
    stmt->sql = NULL;
    stmt->sql_length = 0;
    stmt->is_prepared = false;
    stmt->has_return_marker = false;
    struct error ignored;
    error_init(&ignored);
    if (odbc_stmt_set_marker_count(stmt, 0, &ignored) != 0) {
        /* no allocation for zero markers */
    }
}

struct routine_kind {
    bool has_row;
    uint64_t procedures;
    uint64_t functions;
};

static int take_routine_kind(void *context, const struct wire_value *values, size_t value_count)
{
    struct routine_kind *kind = context;
    if (value_count != 2 || values[0].is_null || values[1].is_null)
        return 0;
    if (parse_uint((const char *)values[0].data, values[0].length_bytes, UINT32_MAX,
                   &kind->procedures) &&
        parse_uint((const char *)values[1].data, values[1].length_bytes, UINT32_MAX,
                   &kind->functions))
        kind->has_row = true;
    return 0;
}

/* {call name(...)}: CALL runs procedures only; a name that the catalog
 * knows only as a function is run with SELECT * FROM. When the look-up
 * cannot tell (no such name, a failed transaction), CALL it is and the
 * server's error names the problem. */
static enum odbc_call_form choose_call_form(struct odbc_stmt *stmt, const char *name,
                                            size_t name_length)
{
    struct buf query;
    buf_init(&query, 4096);
    struct routine_kind kind = {0};
    struct error ignored;
    error_init(&ignored);
    if (catalog_append_routine_kind_query(&query, name, name_length) == 0 &&
        odbc_dbc_run_query(stmt->dbc, (const char *)query.data, query.length, take_routine_kind,
                           &kind, &ignored) != 0)
        kind.has_row = false;
    buf_reset(&query);
    if (kind.has_row && kind.procedures == 0 && kind.functions > 0)
        return ODBC_CALL_AS_SELECT;
    return ODBC_CALL_AS_CALL;
}

/* Translates the application's text (markers numbered, ODBC escapes
 * written in PostgreSQL's syntax) into stmt->sql and counts its markers. */
static SQLRETURN take_text(struct odbc_stmt *stmt, const char *sql, size_t length)
{
    enum odbc_param_style style = stmt->dbc->options.param_style == CONNSTR_PARAM_STYLE_FORMAT
                                      ? ODBC_PARAM_STYLE_FORMAT
                                      : ODBC_PARAM_STYLE_QMARK;
    bool translate_escapes = stmt->attributes.noscan != SQL_NOSCAN_ON;
    struct buf text;
    buf_init(&text, (size_t)1 << 31);
    struct odbc_sql_translation translation;
    struct error error;
    error_init(&error);
    if (odbc_sql_translate(sql, length, style, translate_escapes, ODBC_CALL_AS_CALL, &text,
                           &translation, &error) != 0) {
        buf_reset(&text);
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    }
    if (translation.is_call && !translation.has_return_marker &&
        translation.call_name_offset + translation.call_name_length <= length &&
        choose_call_form(stmt, sql + translation.call_name_offset,
                         translation.call_name_length) == ODBC_CALL_AS_SELECT) {
        buf_clear(&text);
        if (odbc_sql_translate(sql, length, style, translate_escapes, ODBC_CALL_AS_SELECT, &text,
                               &translation, &error) != 0) {
            buf_reset(&text);
            return odbc_diag_fail_error(&stmt->header.diags, &error);
        }
    }
    /* The buffer holds the text and its terminator. */
    size_t text_length = text.length > 0 ? text.length - 1 : 0;
    char *copy = alloc_strndup(text.data != NULL ? (const char *)text.data : "", text_length);
    buf_reset(&text);
    if (copy == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory storing the SQL text");
    alloc_free(stmt->sql);
    stmt->sql = copy;
    stmt->sql_length = text_length;
    stmt->has_return_marker = translation.has_return_marker;
    if (odbc_stmt_set_marker_count(stmt, translation.marker_count, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    return SQL_SUCCESS;
}

static bool needs_simple_protocol(const struct odbc_stmt *stmt)
{
    if (stmt->marker_count > 0)
        return false; /* only the extended protocol carries values */
    return stmt->dbc->is_replication || odbc_sql_count_statements(stmt->sql, stmt->sql_length) > 1;
}

static SQLRETURN with_output_params(struct odbc_stmt *stmt, SQLRETURN executed)
{
    executed = odbc_stmt_expand_refcursors(stmt, executed); /* FetchRefcursors */
    if (!SQL_SUCCEEDED(executed) || !odbc_stmt_has_output_params(stmt))
        return executed;
    SQLRETURN taken = odbc_stmt_take_output_params(stmt);
    if (taken == SQL_SUCCESS)
        return executed;
    return taken;
}

/* ---- A statement the server session does not have ----------------------
 * Without PoolerMode=transaction behind a transaction pooler, a named
 * statement Parsed in one transaction is looked for in the next on any
 * server session: 26000 naming this connection's statement. The same
 * happens in a direct session after the application's DEALLOCATE ALL or
 * DISCARD ALL. Either way the connection stops naming statements
 * (as PoolerMode=transaction) and the execution, which the server
 * refused at Bind before running anything, runs again when that cannot
 * repeat or lose work: no transaction was open before it and none is
 * open after. */

static char transaction_status(const struct odbc_stmt *stmt)
{
    struct wire_conn *conn = stmt->dbc->conn;
    return conn != NULL && !wire_conn_is_broken(conn) ? wire_conn_transaction_status(conn) : 0;
}

static bool has_lost_own_statement(const struct odbc_stmt *stmt)
{
    const struct odbc_diag_list *diags = &stmt->header.diags;
    for (size_t i = 0; i < diags->count; i++) {
        if (strcmp(diags->records[i].sqlstate, "26000") == 0 &&
            odbc_statement_cache_names_own(&stmt->dbc->statement_cache,
                                           diags->records[i].message))
            return true;
    }
    return false;
}

static const char lost_statement_text[] =
    "The server session does not have this connection's prepared statement: a pooler in "
    "transaction mode (such as PgBouncer with pool_mode=transaction) runs each transaction on "
    "any server session, or the application ran DEALLOCATE or DISCARD. The connection now "
    "parses every statement again in each execution, as PoolerMode=transaction does";

/* After a failed execution: true when it should run once more (the
 * diagnostics are cleared then). */
static bool recover_lost_statement(struct odbc_stmt *stmt, char status_before)
{
    if (!has_lost_own_statement(stmt))
        return false;
    struct odbc_dbc *dbc = stmt->dbc;
    dbc->options.pooler_mode = CONNSTR_POOLER_TRANSACTION;
    odbc_statement_cache_turn_off(&dbc->statement_cache);
    stmt->cached_statement_id = 0;
    if (status_before == 'I' && transaction_status(stmt) == 'I') {
        odbc_diag_clear(&stmt->header.diags);
        return true;
    }
    odbc_diag_post(&stmt->header.diags, "26000",
                   "%s; the transaction this execution was part of has failed: roll it back "
                   "and run it again",
                   lost_statement_text);
    return false;
}

static SQLRETURN note_recovery(struct odbc_stmt *stmt, SQLRETURN rc)
{
    if (SQL_SUCCEEDED(rc))
        odbc_diag_post(&stmt->header.diags, "01000", "%s; this execution ran again and succeeded",
                       lost_statement_text);
    return rc;
}

/* Sends stmt->sql: SQLExecDirect's (is_prepared false: its parameter
 * types are chosen now) or SQLExecute's of the statement SQLPrepare made;
 * either once its data at execution is done. */
static SQLRETURN run_once(struct odbc_stmt *stmt, bool is_prepared)
{
    SQLRETURN ready = begin_exchange(stmt);
    if (ready != SQL_SUCCESS)
        return ready;
    if (odbc_stmt_is_positioned(stmt))
        return odbc_stmt_execute_positioned(stmt); /* WHERE CURRENT OF a driver cursor */
    if (stmt->uses_simple_protocol)
        return send_simple(stmt, stmt->sql, stmt->sql_length);
    if (!is_prepared) {
        struct error error;
        error_init(&error);
        if (odbc_stmt_choose_param_types(stmt, &error) != 0)
            return odbc_diag_fail_error(&stmt->header.diags, &error);
    }
    if (stmt->attributes.paramset_size > 1 && stmt->marker_count > 0)
        return odbc_stmt_execute_array(stmt);
    return with_output_params(stmt, is_prepared ? send_prepared_extended(stmt)
                                                : send_direct_extended(stmt));
}

/* run_once, and once more when the server lost the statement outside a
 * transaction (recover_lost_statement). */
static SQLRETURN run(struct odbc_stmt *stmt, bool is_prepared)
{
    char status_before = transaction_status(stmt);
    SQLRETURN rc = run_once(stmt, is_prepared);
    if (rc == SQL_ERROR && recover_lost_statement(stmt, status_before))
        rc = note_recovery(stmt, run_once(stmt, is_prepared));
    return rc;
}

SQLRETURN odbc_stmt_execute_after_data(struct odbc_stmt *stmt)
{
    return run(stmt, stmt->data_at_exec.is_prepared_execution);
}

SQLRETURN odbc_stmt_execute_catalog(struct odbc_stmt *stmt, const char *sql, size_t sql_length,
                                    const char *const *values, size_t value_count)
{
    if (stmt->state == ODBC_STMT_CURSOR_OPEN)
        return refuse_open_cursor(stmt);
    if (value_count > UINT16_MAX)
        return odbc_diag_fail(&stmt->header.diags, "HY000", "Too many catalog arguments");
    forget_prepared(stmt);
    stmt->sql = alloc_strndup(sql, sql_length);
    if (stmt->sql == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory storing catalog SQL");
    stmt->sql_length = sql_length;
    stmt->uses_simple_protocol = false;
    SQLRETURN ready = begin_exchange(stmt);
    if (ready != SQL_SUCCESS)
        return ready;
    struct wire_param *params = NULL;
    if (value_count > 0) {
        params = alloc_array(value_count, sizeof *params);
        if (params == NULL)
            return odbc_diag_fail(&stmt->header.diags, "HY001",
                                  "Out of memory for catalog arguments");
    }
    for (size_t i = 0; i < value_count; i++) {
        params[i].is_null = values[i] == NULL;
        params[i].data = (const unsigned char *)values[i];
        params[i].length_bytes = values[i] != NULL ? strlen(values[i]) : 0;
    }
    struct wire_conn *conn = stmt->dbc->conn;
    struct error error;
    error_init(&error);
    int queued = 0;
    if (odbc_dbc_queue_closes(stmt->dbc, &error) != 0 ||
        odbc_dbc_queue_before_statement(stmt->dbc, &error) != 0 ||
        wire_queue_parse(conn, "", sql, sql_length, NULL, 0, &error) != 0 ||
        wire_queue_bind(conn, "", "", params, value_count, NULL, 0, &error) != 0 ||
        wire_queue_describe_portal(conn, "", &error) != 0 ||
        wire_queue_execute(conn, "", 0, &error) != 0 ||
        odbc_dbc_queue_after_statement(stmt->dbc, &error) != 0)
        queued = -1;
    alloc_free(params);
    if (queued != 0)
        return fail_sending(stmt, &error);
    if (wire_queue_sync(conn, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    return finish_execution(stmt);
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
    forget_prepared(stmt);
    SQLRETURN taken = take_text(stmt, sql, sql_length);
    if (taken != SQL_SUCCESS)
        return taken;
    stmt->uses_simple_protocol = needs_simple_protocol(stmt);
    SQLRETURN checked = odbc_stmt_check_params(stmt, false);
    if (checked != SQL_SUCCESS)
        return checked;
    return run(stmt, false);
}

/* The server's ParameterDescription: the types the statement has now. */
static void take_parameter_types(struct odbc_stmt *stmt, const uint32_t *oids, size_t count)
{
    size_t first = stmt->has_return_marker ? 1 : 0;
    if (stmt->param_type_oids == NULL || count != stmt->marker_count - first)
        return; /* the server counts otherwise: keep what was sent */
    for (size_t i = 0; i < count; i++) {
        stmt->param_type_oids[first + i] = oids[i];
        stmt->prepared_param_type_oids[first + i] = oids[i];
    }
    stmt->are_param_types_described = true;
}

/* Parse + Describe (statement) + Sync; fills stmt->described and the
 * parameters' types. */
static SQLRETURN describe_prepared(struct odbc_stmt *stmt)
{
    struct odbc_dbc *dbc = stmt->dbc;
    struct wire_conn *conn = dbc->conn;
    uint32_t id = uses_unnamed_only(stmt) ? 0 : next_statement_id(dbc);
    char name[ODBC_STATEMENT_NAME_BYTES] = "";
    if (id != 0)
        odbc_statement_cache_name(&dbc->statement_cache, id, name, sizeof name);
    struct error error;
    error_init(&error);
    if (odbc_stmt_choose_param_types(stmt, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    if (odbc_dbc_queue_closes(dbc, &error) != 0 ||
        wire_queue_parse(conn, name, stmt->sql, stmt->sql_length, odbc_stmt_sent_param_types(stmt),
                         odbc_stmt_sent_param_count(stmt), &error) != 0 ||
        wire_queue_describe_statement(conn, name, &error) != 0)
        return fail_sending(stmt, &error);
    if (wire_queue_sync(conn, &error) != 0)
        return odbc_diag_fail_error(&stmt->header.diags, &error);
    stmt->server_statement_id = id;
    bool has_failed = false;
    struct error failure;
    error_init(&failure);
    for (;;) {
        struct wire_event event;
        struct error event_error;
        error_init(&event_error);
        if (wire_next_event(conn, &event, &event_error) != 0)
            return odbc_diag_fail_error(&stmt->header.diags, &event_error);
        if (event.kind == WIRE_EVENT_READY)
            break;
        if (has_failed)
            continue;
        if (event.kind == WIRE_EVENT_SERVER_ERROR) {
            failure = event_error;
            has_failed = true;
        } else if (event.kind == WIRE_EVENT_PARAMETER_DESCRIPTION) {
            take_parameter_types(stmt, event.parameter_type_oids, event.parameter_count);
        } else if (event.kind == WIRE_EVENT_ROW_DESCRIPTION) {
            if (odbc_result_set_columns(&stmt->described, event.columns, event.column_count) !=
                0) {
                error_set(&failure, "HY001", "Out of memory storing the statement's columns");
                has_failed = true;
            }
        }
    }
    if (has_failed)
        return odbc_stmt_fail_error(stmt, &failure, SQL_NO_ROW_NUMBER);
    stmt->is_described = true;
    return SQL_SUCCESS;
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
    odbc_stmt_close_cursor(stmt);
    forget_prepared(stmt);
    SQLRETURN taken = take_text(stmt, sql, sql_length);
    if (taken != SQL_SUCCESS) {
        forget_prepared(stmt);
        return taken;
    }
    stmt->uses_simple_protocol = needs_simple_protocol(stmt);
    if (!stmt->uses_simple_protocol) {
        SQLRETURN ready = begin_exchange(stmt);
        if (ready == SQL_SUCCESS)
            ready = describe_prepared(stmt);
        if (ready != SQL_SUCCESS) {
            forget_prepared(stmt);
            stmt->state = ODBC_STMT_ALLOCATED;
            return ready;
        }
    }
    stmt->is_prepared = true;
    stmt->state = ODBC_STMT_PREPARED;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_execute(struct odbc_stmt *stmt)
{
    if (!stmt->is_prepared)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "SQLExecute needs a statement prepared with SQLPrepare");
    if (stmt->state == ODBC_STMT_CURSOR_OPEN)
        return refuse_open_cursor(stmt);
    SQLRETURN checked = odbc_stmt_check_params(stmt, true);
    if (checked != SQL_SUCCESS)
        return checked;
    return run(stmt, true);
}

SQLRETURN odbc_stmt_row_count(struct odbc_stmt *stmt, SQLLEN *row_count)
{
    if (row_count == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY009", "The row count pointer is null");
    if (stmt->state != ODBC_STMT_EXECUTED && stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "SQLRowCount needs an executed statement");
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (result != NULL && result->has_rows && !result->is_complete && stmt->stream.is_active) {
        /* A SELECT's count is known once its result ends (the reference
         * lets the driver define it; DB-API's rowcount reads it): a result
         * that ends within the first ODBC_STREAM_PREFIX_BYTES is counted,
         * a longer one streams on and answers -1. */
        struct error error;
        error_init(&error);
        if (odbc_stmt_buffer_prefix(stmt, ODBC_STREAM_PREFIX_BYTES, &error) < 0)
            return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
        result = odbc_stmt_current_result(stmt);
    }
    if (result == NULL || result->is_error || (result->has_rows && !result->is_complete))
        *row_count = -1;
    else if (result->affected_rows >= 0)
        *row_count = result->affected_rows;
    else
        /* A command tag that counts nothing answers -1 ("not available"),
         * except CREATE TABLE, which answers 0: the reference lets the
         * driver define both, and psqlODBC's 0 there is what applications
         * written against it test for (pyodbc's own PostgreSQL tests). */
        *row_count = result->dynamic_function_code == SQL_DIAG_CREATE_TABLE ? 0 : -1;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_more_results(struct odbc_stmt *stmt)
{
    if (stmt->state != ODBC_STMT_EXECUTED && stmt->state != ODBC_STMT_CURSOR_OPEN)
        return SQL_NO_DATA;
    struct error error;
    error_init(&error);
    if (odbc_stmt_stream_skip_rows(stmt, &error) != 0) {
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    }
    if (stmt->current_result < stmt->result_count)
        odbc_result_reset(&stmt->results[stmt->current_result]);
    stmt->current_result++;
    int opened = odbc_stmt_stream_open_result(stmt, stmt->current_result, &error);
    if (opened < 0) {
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    }
    if (opened == 0) {
        return_to_prepared(stmt);
        return SQL_NO_DATA;
    }
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (result->is_error) {
        struct error cause = result->error;
        return_to_prepared(stmt);
        return odbc_stmt_fail_error(stmt, &cause, SQL_NO_ROW_NUMBER);
    }
    enter_current_result(stmt);
    return SQL_SUCCESS;
}
