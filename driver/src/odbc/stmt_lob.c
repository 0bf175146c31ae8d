/* Large objects (see stmt_lob.h for the rules).
 * Owns: the large-object exchanges (one extended-protocol round trip
 * each: Parse of the unnamed statement with typed parameters, Bind with
 * binary values and binary results, Describe, Execute, Sync), SQLGetData
 * progress through an object, and the state of a parameter being written
 * (its OID and the next offset, kept in the parameter's data-at-execution
 * buffer in place of the bytes). Leaves the SQL text to
 * catalog/lob_queries.c, the transaction (BEGIN, savepoints) to
 * dbc_tran.c, data-at-execution bookkeeping to stmt_params.c.
 * Reference: ODBC SQLGetData ("Retrieving Data in Parts"), SQLPutData,
 * SQLParamData; PostgreSQL "Large Objects" (server-side functions). */
#include "odbc/stmt_lob.h"

#include "catalog/lob_queries.h"
#include "odbc/stmt.h"
#include "types/type_table.h"
#include "util/parse.h"
#include "wire/conn.h"
#include <stdio.h>
#include <string.h>

/* A large-object parameter being written: what its data-at-execution
 * buffer holds instead of the bytes. */
struct lob_param_state {
    uint32_t oid;
    uint64_t offset;   /* bytes written so far */
    char oid_text[12]; /* the Bind value, once converted */
};

/* ---- one round trip ---------------------------------------------------- */

/* What one large-object call returns: its first row's values copied out
 * (bytes into a caller buffer, integers decoded). */
struct lob_reply {
    unsigned char *bytes; /* column 0 bytea goes here (NULL: not wanted) */
    size_t bytes_capacity;
    size_t bytes_length;
    int64_t integers[2];    /* the next columns, decoded as int4 / int8 / oid */
    size_t integers_wanted; /* how many of them to decode (at most 2) */
    size_t integer_count;
    bool has_row;
};

static void put_be(unsigned char *out, uint64_t value, size_t size)
{
    for (size_t i = 0; i < size; i++)
        out[i] = (unsigned char)(value >> (8 * (size - 1 - i)));
}

/* A binary int4, oid or int8 value. */
static bool read_be(const struct wire_value *value, int64_t *out)
{
    if (value->is_null || (value->length_bytes != 4 && value->length_bytes != 8))
        return false;
    uint64_t number = 0;
    for (size_t i = 0; i < value->length_bytes; i++)
        number = (number << 8) | value->data[i];
    if (value->length_bytes == 4)
        *out = (int64_t)(uint32_t)number; /* oid is unsigned; lo_close's int4 is not read */
    else
        *out = (int64_t)number;
    return true;
}

static int take_reply_row(struct lob_reply *reply, const struct wire_event *event,
                          struct error *error)
{
    if (reply->has_row)
        return 0;
    reply->has_row = true;
    size_t next = 0;
    if (reply->bytes != NULL) {
        const struct wire_value *value = &event->values[0];
        if (value->is_null || value->length_bytes > reply->bytes_capacity) {
            error_set(error, "HY000", "The large object's piece came back %s",
                      value->is_null ? "NULL" : "longer than asked");
            return -1;
        }
        if (value->length_bytes > 0)
            memcpy(reply->bytes, value->data, value->length_bytes);
        reply->bytes_length = value->length_bytes;
        next = 1;
    }
    for (; next < event->value_count && reply->integer_count < reply->integers_wanted; next++) {
        if (!read_be(&event->values[next], &reply->integers[reply->integer_count])) {
            error_set(error, "HY000", "A large-object function answered an unexpected value");
            return -1;
        }
        reply->integer_count++;
    }
    return 0;
}

/* Runs sql with params (binary, types given) as a statement of the
 * application's transaction; the first row lands in reply. -1 with the
 * server's error or 08S01. */
static int run_lob_call(struct odbc_stmt *stmt, const char *sql, const uint32_t *types,
                        const struct wire_param *params, size_t count, struct lob_reply *reply,
                        struct error *error)
{
    struct odbc_dbc *dbc = stmt->dbc;
    /* A streaming result (this statement's too) is buffered first. */
    if (odbc_dbc_claim_connection(dbc, NULL, error) != 0)
        return -1;
    struct wire_conn *conn = dbc->conn;
    wire_conn_set_query_timeout(conn, (int64_t)stmt->attributes.query_timeout_seconds * 1000);
    static const int16_t binary = 1;
    if (odbc_dbc_queue_before_statement(dbc, error) != 0 ||
        wire_queue_parse(conn, "", sql, strlen(sql), types, count, error) != 0 ||
        wire_queue_bind(conn, "", "", params, count, &binary, 1, error) != 0 ||
        wire_queue_describe_portal(conn, "", error) != 0 ||
        wire_queue_execute(conn, "", 0, error) != 0 ||
        odbc_dbc_queue_after_statement(dbc, error) != 0) {
        struct error ignored;
        error_init(&ignored);
        if (!wire_conn_is_broken(conn) && wire_queue_sync(conn, &ignored) == 0 &&
            wire_drain_to_ready(conn, &ignored) != 0) {
            /* broken: the next call reports 08S01 */
        }
        return -1;
    }
    if (wire_queue_sync(conn, error) != 0)
        return -1;
    bool has_failed = false;
    for (;;) {
        struct wire_event event;
        struct error event_error;
        error_init(&event_error);
        if (wire_next_event(conn, &event, &event_error) != 0) {
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
        } else if (event.kind == WIRE_EVENT_DATA_ROW) {
            has_failed = take_reply_row(reply, &event, error) != 0;
        }
    }
    struct error broken;
    error_init(&broken);
    if (odbc_dbc_statement_exchange_ended(dbc, &broken) != 0) {
        if (!has_failed)
            *error = broken;
        return -1;
    }
    if (!has_failed && !reply->has_row) {
        error_set(error, "HY000", "A large-object function returned no row");
        return -1;
    }
    return has_failed ? -1 : 0;
}

static int create_object(struct odbc_stmt *stmt, uint32_t *oid, struct error *error)
{
    struct lob_reply reply = {0};
    reply.integers_wanted = 1;
    if (run_lob_call(stmt, catalog_lo_create_sql, NULL, NULL, 0, &reply, error) != 0)
        return -1;
    if (reply.integer_count != 1 || reply.integers[0] <= 0 || reply.integers[0] > UINT32_MAX) {
        error_set(error, "HY000", "lo_create answered no usable OID");
        return -1;
    }
    *oid = (uint32_t)reply.integers[0];
    return 0;
}

static int write_piece(struct odbc_stmt *stmt, uint32_t oid, uint64_t offset,
                       const unsigned char *data, size_t length, struct error *error)
{
    static const uint32_t types[3] = {TYPES_OID_OID, TYPES_OID_INT8, TYPES_OID_BYTEA};
    unsigned char oid_bytes[4];
    unsigned char offset_bytes[8];
    put_be(oid_bytes, oid, sizeof oid_bytes);
    put_be(offset_bytes, offset, sizeof offset_bytes);
    struct wire_param params[3] = {
        {TYPES_OID_OID, 1, oid_bytes, sizeof oid_bytes, false, false},
        {TYPES_OID_INT8, 1, offset_bytes, sizeof offset_bytes, false, false},
        /* Borrowed: the application's piece outlives the Sync that sends it. */
        {TYPES_OID_BYTEA, 1, length > 0 ? data : (const unsigned char *)"", length, false, true},
    };
    struct lob_reply reply = {0};
    return run_lob_call(stmt, catalog_lo_put_sql, types, params, 3, &reply, error);
}

/* Reads up to length bytes at offset into out; *size the object's size. */
static int read_piece(struct odbc_stmt *stmt, uint32_t oid, uint64_t offset, unsigned char *out,
                      size_t length, size_t *got, uint64_t *size, struct error *error)
{
    static const uint32_t types[3] = {TYPES_OID_OID, TYPES_OID_INT8, TYPES_OID_INT4};
    unsigned char oid_bytes[4];
    unsigned char offset_bytes[8];
    unsigned char length_bytes[4];
    put_be(oid_bytes, oid, sizeof oid_bytes);
    put_be(offset_bytes, offset, sizeof offset_bytes);
    put_be(length_bytes, length, sizeof length_bytes);
    struct wire_param params[3] = {
        {TYPES_OID_OID, 1, oid_bytes, sizeof oid_bytes, false, false},
        {TYPES_OID_INT8, 1, offset_bytes, sizeof offset_bytes, false, false},
        {TYPES_OID_INT4, 1, length_bytes, sizeof length_bytes, false, false},
    };
    unsigned char none[1];
    struct lob_reply reply = {0};
    reply.bytes = out != NULL ? out : none;
    reply.bytes_capacity = out != NULL ? length : 0;
    reply.integers_wanted = 1;
    if (run_lob_call(stmt, catalog_lo_read_sql, types, params, 3, &reply, error) != 0)
        return -1;
    if (reply.integer_count < 1 || reply.integers[0] < 0) {
        error_set(error, "HY000", "The large object's size came back unusable");
        return -1;
    }
    *got = reply.bytes_length;
    *size = (uint64_t)reply.integers[0];
    return 0;
}

/* ---- reading ----------------------------------------------------------- */

/* Whether column holds large-object OIDs: oid, or a domain over it (known
 * once the type is looked up, which may buffer the statement's result). */
static bool is_lob_column(struct odbc_stmt *stmt, struct odbc_result *result, size_t column_index)
{
    uint32_t type_oid = result->columns[column_index].type_oid;
    if (type_oid == TYPES_OID_OID)
        return true;
    if (types_is_known_oid(type_oid))
        return false;
    if (!odbc_stmt_apply_cached_types(stmt, result)) {
        struct error ignored;
        error_init(&ignored);
        if (odbc_stmt_resolve_types(stmt, result, &ignored) != 0)
            return false;
    }
    return result->columns[column_index].described_oid == TYPES_OID_OID;
}

static bool read_oid(const struct odbc_result_column *column, const struct wire_value *value,
                     uint32_t *oid)
{
    uint64_t number = 0;
    if (column->format_code == 1) {
        int64_t decoded = 0;
        if (!read_be(value, &decoded))
            return false;
        number = (uint32_t)decoded;
    } else if (!parse_uint((const char *)value->data, value->length_bytes, UINT32_MAX, &number)) {
        return false;
    }
    *oid = (uint32_t)number;
    return true;
}

/* Fills target from offset on: up to its length, one piece per round
 * trip. */
static SQLRETURN read_into(struct odbc_stmt *stmt, SQLUSMALLINT column_number, uint32_t oid,
                           unsigned char *target, size_t capacity, SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    uint64_t start = stmt->getdata_offset;
    size_t filled = 0;
    uint64_t size = 0;
    do {
        size_t want = capacity - filled;
        if (want > ODBC_LOB_PIECE_MAX_BYTES)
            want = ODBC_LOB_PIECE_MAX_BYTES;
        size_t got = 0;
        struct error error;
        error_init(&error);
        if (read_piece(stmt, oid, start + filled, target != NULL ? target + filled : NULL, want,
                       &got, &size, &error) != 0) {
            error_add_context(&error, "reading large object %u of column %u", (unsigned)oid,
                              (unsigned)column_number);
            return odbc_stmt_fail_error(stmt, &error, (SQLLEN)stmt->rowset_start);
        }
        filled += got;
        if (got < want)
            break; /* the end of the object */
    } while (filled < capacity);
    uint64_t remaining = size > start ? size - start : 0;
    if (indicator != NULL)
        *indicator = remaining > (uint64_t)INT64_MAX ? SQL_NO_TOTAL : (SQLLEN)remaining;
    stmt->getdata_offset = (size_t)(start + filled);
    if (start + filled < size) {
        odbc_diag_post_at(diags, (SQLINTEGER)column_number, (SQLLEN)stmt->rowset_start, "01004",
                          "Column %u continues: large object %u has %llu bytes left before "
                          "this piece",
                          (unsigned)column_number, (unsigned)oid, (unsigned long long)remaining);
        return SQL_SUCCESS_WITH_INFO;
    }
    stmt->getdata_is_done = true;
    return SQL_SUCCESS;
}

bool odbc_stmt_lob_get_data(struct odbc_stmt *stmt, SQLUSMALLINT column_number, SQLSMALLINT c_type,
                            SQLPOINTER target, SQLLEN buffer_length, SQLLEN *indicator,
                            SQLRETURN *outcome)
{
    if (!stmt->dbc->options.is_large_objects || c_type != SQL_C_BINARY || buffer_length < 0)
        return false;
    struct odbc_row row;
    SQLRETURN failure = SQL_ERROR;
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (result == NULL || column_number == 0 || column_number > result->column_count)
        return false; /* SQLGetData reports it */
    if (!odbc_stmt_current_row(stmt, &row, &failure)) {
        *outcome = failure; /* posted */
        return true;
    }
    size_t column_index = column_number - 1u;
    if (!is_lob_column(stmt, result, column_index))
        return false;
    /* The look-up may have buffered the result: the row again. */
    result = odbc_stmt_current_result(stmt);
    if (result == NULL || !odbc_stmt_current_row(stmt, &row, &failure)) {
        *outcome = failure;
        return true;
    }
    if (column_number == stmt->getdata_column && stmt->getdata_is_done) {
        *outcome = SQL_NO_DATA;
        return true;
    }
    if (column_number != stmt->getdata_column || c_type != stmt->getdata_c_type) {
        stmt->getdata_column = column_number;
        stmt->getdata_c_type = c_type;
        stmt->getdata_offset = 0;
        stmt->getdata_is_done = false;
    }
    struct wire_value value;
    odbc_row_value(&row, column_index, &value);
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (value.is_null) {
        stmt->getdata_is_done = true;
        if (indicator == NULL) {
            *outcome = odbc_diag_fail(diags, "22002",
                                      "Column %u is NULL and no indicator pointer was given",
                                      (unsigned)column_number);
            return true;
        }
        *indicator = SQL_NULL_DATA;
        *outcome = SQL_SUCCESS;
        return true;
    }
    uint32_t oid = 0;
    if (!read_oid(&result->columns[column_index], &value, &oid)) {
        *outcome = odbc_diag_fail(diags, "22018", "Column %u does not hold a large-object OID",
                                  (unsigned)column_number);
        return true;
    }
    *outcome = read_into(stmt, column_number, oid, target,
                         target != NULL ? (size_t)buffer_length : 0, indicator);
    return true;
}

/* ---- writing ----------------------------------------------------------- */

static SQLLEN *first_indicator(const struct odbc_stmt *stmt,
                               const struct odbc_param_binding *binding)
{
    if (binding->indicator == NULL)
        return NULL;
    char *address = (char *)binding->indicator;
    if (stmt->attributes.param_bind_offset != NULL)
        address += *stmt->attributes.param_bind_offset;
    return (SQLLEN *)(void *)address;
}

bool odbc_stmt_lob_is_param(const struct odbc_stmt *stmt, size_t param)
{
    if (!stmt->dbc->options.is_large_objects || stmt->attributes.paramset_size > 1 ||
        param >= stmt->param_binding_count)
        return false;
    const struct odbc_param_binding *binding = &stmt->param_bindings[param];
    if (!binding->is_bound || binding->io_type != SQL_PARAM_INPUT ||
        binding->c_type != SQL_C_BINARY || binding->sql_type != SQL_LONGVARBINARY)
        return false;
    const SQLLEN *indicator = first_indicator(stmt, binding);
    return indicator != NULL &&
           (*indicator == SQL_DATA_AT_EXEC || *indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET);
}

uint32_t odbc_stmt_lob_param_type(const struct odbc_stmt *stmt, size_t param, uint32_t chosen)
{
    return odbc_stmt_lob_is_param(stmt, param) ? TYPES_OID_OID : chosen;
}

/* The parameter's state, created (with a new object) on first use. */
static int lob_state(struct odbc_stmt *stmt, struct buf *piece, struct lob_param_state *state,
                     struct error *error)
{
    if (piece->length == sizeof *state) {
        memcpy(state, piece->data, sizeof *state);
        return 0;
    }
    memset(state, 0, sizeof *state);
    if (create_object(stmt, &state->oid, error) != 0)
        return -1;
    buf_clear(piece);
    if (buf_append(piece, state, sizeof *state) != 0) {
        error_set(error, "HY001", "Out of memory noting large object %u", (unsigned)state->oid);
        return -1;
    }
    return 0;
}

SQLRETURN odbc_stmt_lob_put_data(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct odbc_data_at_exec *exec = &stmt->data_at_exec;
    size_t param = exec->current_param;
    size_t slot = exec->current_row * stmt->marker_count + param;
    struct buf *piece = &exec->pieces[slot];
    if (length == SQL_NULL_DATA) {
        if (exec->has_put && !exec->is_null[slot])
            return odbc_diag_fail(diags, "HY011",
                                  "SQL_NULL_DATA after data was sent for parameter %zu", param + 1);
        exec->is_null[slot] = true;
        exec->has_put = true;
        return SQL_SUCCESS;
    }
    if (exec->is_null[slot])
        return odbc_diag_fail(diags, "HY011", "Parameter %zu was already given SQL_NULL_DATA",
                              param + 1);
    if (length < 0)
        return odbc_diag_fail(diags, "HY090",
                              "SQLPutData length %ld is not a byte count (parameter %zu is "
                              "binary data written to a large object)",
                              (long)length, param + 1);
    if (length > 0 && data == NULL)
        return odbc_diag_fail(diags, "HY009", "SQLPutData data is a null pointer with length %ld",
                              (long)length);
    struct lob_param_state state;
    struct error error;
    error_init(&error);
    if (lob_state(stmt, piece, &state, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    const unsigned char *bytes = data;
    size_t total = (size_t)length;
    for (size_t done = 0; done < total;) {
        size_t size = total - done;
        if (size > ODBC_LOB_PIECE_MAX_BYTES)
            size = ODBC_LOB_PIECE_MAX_BYTES;
        if (write_piece(stmt, state.oid, state.offset, bytes + done, size, &error) != 0) {
            error_add_context(&error, "writing large object %u for parameter %zu",
                              (unsigned)state.oid, param + 1);
            return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
        }
        done += size;
        state.offset += size;
    }
    memcpy(piece->data, &state, sizeof state);
    exec->has_put = true;
    return SQL_SUCCESS;
}

int odbc_stmt_lob_convert_param(struct odbc_stmt *stmt, size_t row, size_t param,
                                struct wire_param *out, struct error *error)
{
    struct odbc_data_at_exec *exec = &stmt->data_at_exec;
    if (exec->pieces == NULL || !odbc_stmt_lob_is_param(stmt, param))
        return 0;
    size_t slot = row * stmt->marker_count + param;
    out->is_borrowed = false;
    out->format_code = 0;
    if (exec->is_null[slot]) {
        out->is_null = true;
        out->data = NULL;
        out->length_bytes = 0;
        return 1;
    }
    struct buf *piece = &exec->pieces[slot];
    /* The object exists once SQLPutData was called: nothing may run here,
     * where the statement's own messages may already be queued. */
    if (piece->length != sizeof(struct lob_param_state)) {
        error_set(error, "HY000",
                  "Parameter %zu: a large object is written by SQLPutData; call it at least "
                  "once (an empty piece makes an empty object)",
                  param + 1);
        return -1;
    }
    struct lob_param_state state;
    memcpy(&state, piece->data, sizeof state);
    int written = snprintf(state.oid_text, sizeof state.oid_text, "%u", (unsigned)state.oid);
    if (written <= 0 || (size_t)written >= sizeof state.oid_text) {
        error_set(error, "HY000", "Large object %u: its OID does not format", (unsigned)state.oid);
        return -1;
    }
    memcpy(piece->data, &state, sizeof state);
    const struct lob_param_state *kept = (const struct lob_param_state *)(void *)piece->data;
    out->is_null = false;
    out->data = (const unsigned char *)kept->oid_text;
    out->length_bytes = (size_t)written;
    if (out->type_oid == 0)
        out->type_oid = TYPES_OID_OID;
    return 1;
}
