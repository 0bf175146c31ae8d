/* SQLSetPos: positioning in the rowset, and refreshing, updating and
 * deleting rows of a static or keyset-driven cursor through SQL the
 * driver writes.
 * Owns: SQLSetPos's checks and its walk over one row or the whole rowset
 * (SQL_ATTR_ROW_OPERATION_PTR), the row operations SQLBulkOperations
 * shares (stmt_setpos.h), converting the bound buffers of a rowset
 * element into parameters, the buffered row's values after a refresh or
 * an UPDATE ... RETURNING (the cursor sees its own updates), and the row
 * records (mark: updated, deleted, added; row version) later fetches and
 * row operations read.
 * Reference: SQLSetPos (HY107 row out of the rowset, HY109 forward-only
 * cursor or a deleted row, HY092 an update or delete on a read-only
 * cursor, 21S02 an update with no column to write, 01001 no row changed,
 * 24000 no rowset; SQL_SUCCESS_WITH_INFO when some rows of a bulk
 * operation failed, SQL_ERROR when a single-row operation did; the row
 * status array gets SQL_ROW_UPDATED, SQL_ROW_DELETED, SQL_ROW_ERROR),
 * "Updating Rows in the Rowset with SQLSetPos", "Deleting Rows in the
 * Rowset with SQLSetPos", SQLBindCol's length/indicator values
 * (SQL_COLUMN_IGNORE, SQL_NTS, SQL_NULL_DATA). Data at execution for
 * SQL_UPDATE (and SQLBulkOperations's SQL_ADD): stmt_setpos_dae.c; other
 * operations answer HYC00. Lock types other than SQL_LOCK_NO_CHANGE are
 * HYC00 (SQL_CONCUR_LOCK locks a row when SQL_REFRESH reads it). */
#include "odbc/stmt_setpos.h"
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_keyset.h"

#include <stdio.h>
#include <string.h>
#include "odbc/column_value.h"
#include "types/from_c.h"
#include "util/alloc.h"
#include "util/parse.h"
#include "wire/conn.h"

/* pg_type.oid of xid, the row version's type. */
#define ODBC_XID_OID 28u

enum row_mark { MARK_NONE = 0, MARK_UPDATED = 1, MARK_DELETED = 2, MARK_ADDED = 3 };

/* Per buffered row, in the result's arena (result->row_marks_offset): one
 * record of a mark byte and the row version (xmin) the cursor last read,
 * 0 when unknown (no transaction has id 0). */
#define ROW_RECORD_BYTES 5

static unsigned char *record_of(const struct odbc_result *result, size_t row_number)
{
    return result->arena.data + (result->row_marks_offset - 1) +
           (row_number - 1) * ROW_RECORD_BYTES;
}

SQLUSMALLINT odbc_result_row_mark(const struct odbc_result *result, size_t row_number)
{
    if (result->row_marks_offset == 0 || row_number == 0 || row_number > result->row_count)
        return SQL_ROW_SUCCESS;
    switch (record_of(result, row_number)[0]) {
    case MARK_UPDATED:
        return SQL_ROW_UPDATED;
    case MARK_DELETED:
        return SQL_ROW_DELETED;
    case MARK_ADDED:
        return SQL_ROW_ADDED;
    default:
        return SQL_ROW_SUCCESS;
    }
}

uint32_t odbc_result_row_version(const struct odbc_result *result, size_t row_number)
{
    if (result->row_marks_offset == 0 || row_number == 0 || row_number > result->row_count)
        return 0;
    uint32_t version;
    memcpy(&version, record_of(result, row_number) + 1, sizeof version);
    return version;
}

/* The records live in the result's arena; a result that grew (an added
 * row) gets a new block with the old records copied. */
static int ensure_marks(struct odbc_result *result, size_t marked_rows)
{
    if (result->row_marks_offset != 0 && marked_rows == result->row_count)
        return 0;
    if (result->row_count > SIZE_MAX / ROW_RECORD_BYTES)
        return -1;
    size_t bytes = result->row_count * ROW_RECORD_BYTES;
    size_t offset = result->arena.length;
    if (buf_reserve(&result->arena, bytes) != 0)
        return -1;
    memset(result->arena.data + offset, 0, bytes);
    if (result->row_marks_offset != 0)
        memcpy(result->arena.data + offset, result->arena.data + (result->row_marks_offset - 1),
               marked_rows * ROW_RECORD_BYTES);
    result->arena.length += bytes;
    result->row_marks_offset = offset + 1;
    return 0;
}

int odbc_setpos_mark_row(struct odbc_result *result, size_t row_number, SQLUSMALLINT mark)
{
    if (row_number == 0 || row_number > result->row_count)
        return -1;
    if (ensure_marks(result, result->row_count) != 0)
        return -1;
    record_of(result, row_number)[0] =
        (unsigned char)(mark == SQL_ROW_DELETED   ? MARK_DELETED
                        : mark == SQL_ROW_ADDED   ? MARK_ADDED
                        : mark == SQL_ROW_SUCCESS ? MARK_NONE
                                                  : MARK_UPDATED);
    return 0;
}

int odbc_setpos_set_row_version(struct odbc_result *result, size_t row_number, uint32_t version)
{
    if (row_number == 0 || row_number > result->row_count)
        return -1;
    if (ensure_marks(result, result->row_count) != 0)
        return -1;
    memcpy(record_of(result, row_number) + 1, &version, sizeof version);
    return 0;
}

int odbc_setpos_append_row(struct odbc_result *result, const struct setpos_target *target,
                           const struct wire_value *values, size_t value_count)
{
    if (result->row_base != 0 || result->column_count == 0)
        return -1;
    size_t rows = result->row_count + 1;
    if (rows > SIZE_MAX / result->column_count)
        return -1;
    size_t needed = rows * result->column_count;
    if (needed > result->value_capacity) {
        struct odbc_value_ref *grown =
            alloc_resize_array(result->values, needed, sizeof *grown);
        if (grown == NULL)
            return -1;
        result->values = grown;
        result->value_capacity = needed;
    }
    struct odbc_value_ref *refs = &result->values[result->row_count * result->column_count];
    for (size_t i = 0; i < result->column_count; i++) {
        refs[i].offset = 0;
        refs[i].length_bytes = 0;
        refs[i].is_null = true; /* expressions of the query: not computed for a new row */
    }
    size_t marked_rows = result->row_marks_offset != 0 ? result->row_count : 0;
    result->row_count = rows;
    if (odbc_setpos_store_row(result, target, rows, values, value_count) != 0 ||
        ensure_marks(result, marked_rows) != 0) {
        result->row_count = rows - 1;
        return -1;
    }
    record_of(result, rows)[0] = MARK_ADDED;
    return 0;
}

int odbc_setpos_store_row(struct odbc_result *result, const struct setpos_target *target,
                          size_t row_number, const struct wire_value *values,
                          size_t value_count)
{
    if (row_number <= result->row_base || row_number - result->row_base > result->row_count)
        return -1;
    struct odbc_value_ref *refs =
        &result->values[(row_number - result->row_base - 1) * result->column_count];
    size_t next = 0;
    for (size_t i = 0; i < result->column_count; i++) {
        if (target->column_names[i] == NULL)
            continue;
        if (next >= value_count)
            return -1;
        const struct wire_value *value = &values[next++];
        if (!value->is_null && !refs[i].is_null && value->length_bytes <= refs[i].length_bytes) {
            /* In place: a keyset cursor reads its rows again and again. */
            if (value->length_bytes > 0)
                memcpy(result->arena.data + refs[i].offset, value->data, value->length_bytes);
            refs[i].length_bytes = value->length_bytes;
            continue;
        }
        size_t offset = result->arena.length;
        if (!value->is_null && value->length_bytes > 0 &&
            buf_append(&result->arena, value->data, value->length_bytes) != 0)
            return -1;
        refs[i].offset = offset;
        refs[i].length_bytes = value->is_null ? 0 : value->length_bytes;
        refs[i].is_null = value->is_null;
    }
    return 0;
}

/* ---- the application's buffers as parameters ---- */

static void *element_address(const struct odbc_desc *ard, void *base, size_t row_index,
                             size_t element_size)
{
    if (base == NULL)
        return NULL;
    char *address = base;
    if (ard->bind_offset_ptr != NULL)
        address += *ard->bind_offset_ptr;
    if (ard->bind_type == SQL_BIND_BY_COLUMN)
        address += row_index * element_size;
    else
        address += row_index * (size_t)ard->bind_type;
    return address;
}

/* Bytes before the terminator of an SQL_NTS value in a buffer of capacity bytes. */
static size_t terminated_length(SQLSMALLINT c_type, const unsigned char *data, size_t capacity)
{
    if (c_type == SQL_C_WCHAR) {
        for (size_t i = 0; i + 1 < capacity; i += 2) {
            if (data[i] == 0 && data[i + 1] == 0)
                return i;
        }
        return capacity - capacity % 2;
    }
    const unsigned char *end = memchr(data, 0, capacity);
    return end != NULL ? (size_t)(end - data) : capacity;
}

/* Converts one bound value into the next parameter (appended to
 * query->values by the conversion itself). */
static int add_converted(struct setpos_query *query, const struct types_param_value *value,
                         const struct types_param_type *type, struct error *error)
{
    if (query->param_count >= query->param_capacity) {
        error_set(error, "HY001", "Too many values for the row operation");
        return -1;
    }
    size_t before = query->values.length;
    struct types_param_encoding encoding;
    if (types_convert_from_c(value, type, &query->values, &encoding, error) != 0)
        return -1;
    size_t index = query->param_count++;
    query->offsets[index] = before;
    query->lengths[index] = query->values.length - before;
    query->is_null[index] = false;
    query->type_oids[index] = encoding.type_oid;
    query->formats[index] = encoding.format_code;
    return 0;
}

SQLRETURN odbc_setpos_add_bound_values(struct odbc_stmt *stmt,
                                       const struct setpos_target *target,
                                       const struct odbc_result *result, size_t row_index,
                                       struct setpos_query *query)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    const struct odbc_desc *ard = stmt->ard;
    SQLLEN row = (SQLLEN)row_index + 1;
    size_t bound = (size_t)ard->count < result->column_count ? (size_t)ard->count
                                                              : result->column_count;
    for (size_t i = 0; i < bound; i++) {
        const struct odbc_desc_record *record = &ard->records[i];
        if (!odbc_desc_record_is_bound(record))
            continue;
        SQLINTEGER column_number = (SQLINTEGER)(i + 1);
        const struct odbc_result_column *column = &result->columns[i];
        SQLSMALLINT c_type = record->concise_type;
        if (c_type == SQL_C_DEFAULT)
            c_type = column->description.default_c_type;
        size_t fixed_size = odbc_c_type_size(c_type);
        size_t element_size = fixed_size != 0 ? fixed_size : (size_t)record->octet_length;
        const unsigned char *data = element_address(ard, record->data_ptr, row_index,
                                                    element_size);
        const SQLLEN *indicator = element_address(ard, record->indicator_ptr, row_index,
                                                  sizeof(SQLLEN));
        const SQLLEN *octet_length =
            record->octet_length_ptr == record->indicator_ptr
                ? indicator
                : element_address(ard, record->octet_length_ptr, row_index, sizeof(SQLLEN));
        if (indicator != NULL && *indicator == SQL_COLUMN_IGNORE)
            continue;
        if (target->column_names[i] == NULL) {
            odbc_diag_post_at(diags, column_number, row, "HY000",
                              "Column %d is not a column of table \"%s\" and cannot be "
                              "written; bind it with SQL_COLUMN_IGNORE",
                              (int)column_number, target->name);
            return SQL_ERROR;
        }
        query->names[query->name_count++] = target->column_names[i];
        SQLLEN length = octet_length != NULL ? *octet_length : SQL_NTS;
        bool is_at_exec = length == SQL_DATA_AT_EXEC || length <= SQL_LEN_DATA_AT_EXEC_OFFSET;
        bool is_null_value = (indicator != NULL && *indicator == SQL_NULL_DATA) || data == NULL;
        size_t length_bytes = 0;
        if (is_at_exec) {
            /* SQLPutData supplied it (stmt_setpos_dae.c). */
            if (!odbc_setpos_data_at_exec_value(stmt, row_index, i, &data, &length_bytes,
                                                &is_null_value)) {
                odbc_diag_post_at(diags, column_number, row, "HYC00",
                                  "Column %d asks for data at execution, which this row "
                                  "operation does not take",
                                  (int)column_number);
                return SQL_ERROR;
            }
        }
        if (is_null_value) {
            if (odbc_setpos_query_add(query, NULL, 0, true, 0, 0) != 0)
                return odbc_diag_fail(diags, "HY001", "Out of memory for the row's values");
            continue;
        }
        if (is_at_exec) {
            /* length_bytes: the pieces' */
        } else if (fixed_size != 0)
            length_bytes = fixed_size;
        else if (length == SQL_NTS)
            length_bytes = c_type == SQL_C_BINARY
                               ? (size_t)record->octet_length
                               : terminated_length(c_type, data, (size_t)record->octet_length);
        else if (length < 0) {
            odbc_diag_post_at(diags, column_number, row, "HY090",
                              "Column %d's length %ld is not valid", (int)column_number,
                              (long)length);
            return SQL_ERROR;
        } else
            length_bytes = (size_t)length;
        struct types_param_value value = {c_type, data, length_bytes, record->precision,
                                          record->scale};
        struct types_param_type type = {column->description.concise_type,
                                        column->description.column_size,
                                        column->description.decimal_digits};
        struct error error;
        error_init(&error);
        if (add_converted(query, &value, &type, &error) != 0) {
            odbc_diag_add(diags, &error, false, column_number, row);
            return SQL_ERROR;
        }
    }
    return SQL_SUCCESS;
}

/* ---- row identity ---- */

void odbc_setpos_identity_free(struct setpos_identity *identity)
{
    alloc_free(identity->keys);
    alloc_free(identity->compares);
    alloc_free(identity->returning);
    alloc_free(identity->formats);
    memset(identity, 0, sizeof *identity);
}

int odbc_setpos_build_identity(const struct odbc_stmt *stmt, const struct setpos_target *target,
                               const struct odbc_result *result, size_t row_number,
                               bool is_write, struct setpos_query *query,
                               struct setpos_identity *identity)
{
    size_t count = result->column_count;
    memset(identity, 0, sizeof *identity);
    identity->keys = alloc_array(count, sizeof *identity->keys);
    identity->compares = alloc_array(count, sizeof *identity->compares);
    identity->returning = alloc_array(count + 1, sizeof *identity->returning);
    identity->formats = alloc_array(count + 1, sizeof *identity->formats);
    if (identity->keys == NULL || identity->compares == NULL || identity->returning == NULL ||
        identity->formats == NULL)
        return -1;
    struct catalog_row_identity *where = &identity->identity;
    where->match = target->is_by_key ? CATALOG_ROW_BY_KEY : CATALOG_ROW_BY_VALUES;
    where->key_columns = identity->keys;
    where->compare_columns = identity->compares;
    for (size_t i = 0; i < count; i++) {
        if (target->column_names[i] == NULL)
            continue;
        identity->formats[identity->returning_count] = result->columns[i].format_code;
        identity->returning[identity->returning_count++] = target->column_names[i];
    }
    bool uses_version = target->is_by_key && odbc_stmt_uses_row_version(stmt);
    uint32_t version = uses_version ? odbc_result_row_version(result, row_number) : 0;
    if (uses_version) {
        identity->formats[identity->returning_count] = 0;
        identity->returning[identity->returning_count++] = CATALOG_ROW_VERSION_COLUMN;
        identity->reads_version = true;
    }
    if (target->is_by_key) {
        for (size_t i = 0; i < count; i++) {
            if (target->column_names[i] == NULL || !target->is_key[i])
                continue;
            identity->keys[where->key_count++] = target->column_names[i];
            if (odbc_setpos_query_add_value(query, result, row_number, i) != 0)
                return -1;
        }
    }
    /* Without a version read for the row, ROWVER falls back to the values. */
    bool compares = !target->is_by_key ||
                    (is_write && (odbc_stmt_compares_values(stmt) ||
                                  (uses_version && version == 0)));
    if (compares) {
        for (size_t i = 0; i < count; i++) {
            if (target->column_names[i] == NULL || (target->is_by_key && target->is_key[i]))
                continue;
            identity->compares[where->compare_count++] = target->column_names[i];
            if (odbc_setpos_query_add_value(query, result, row_number, i) != 0)
                return -1;
        }
    }
    if (is_write && uses_version && version != 0) {
        char text[16];
        int length = snprintf(text, sizeof text, "%u", (unsigned)version);
        where->has_version = true;
        if (odbc_setpos_query_add(query, text, (size_t)length, false, ODBC_XID_OID, 0) != 0)
            return -1;
    }
    return 0;
}

int odbc_setpos_store_returned(struct odbc_result *result, const struct setpos_target *target,
                               const struct setpos_identity *identity, size_t row_number,
                               const struct wire_value *values, size_t value_count)
{
    if (odbc_setpos_store_row(result, target, row_number, values, value_count) != 0)
        return -1;
    if (!identity->reads_version || value_count == 0)
        return 0;
    const struct wire_value *version = &values[value_count - 1];
    uint64_t xmin = 0;
    if (version->is_null ||
        !parse_uint((const char *)version->data, version->length_bytes, UINT32_MAX, &xmin))
        return -1;
    return odbc_setpos_set_row_version(result, row_number, (uint32_t)xmin);
}

/* ---- one row ---- */

struct returned_rows {
    struct odbc_result *result;
    const struct setpos_target *target;
    const struct setpos_identity *identity;
    size_t row_number;
    size_t count;
};

static int take_returned_row(void *context, const struct wire_value *values, size_t value_count)
{
    struct returned_rows *rows = context;
    if (rows->count++ > 0)
        return 0; /* the statements return one row at most */
    return odbc_setpos_store_returned(rows->result, rows->target, rows->identity,
                                      rows->row_number, values, value_count);
}

static SQLRETURN row_error(struct odbc_stmt *stmt, size_t row_index, SQLUSMALLINT *status,
                           const char *sqlstate, const char *message, const char *detail)
{
    odbc_diag_post_at(&stmt->header.diags, SQL_NO_COLUMN_NUMBER, (SQLLEN)row_index + 1,
                      sqlstate, "%s%s", message, detail);
    *status = SQL_ROW_ERROR;
    return SQL_ERROR;
}

/* A failed statement: the server's error, or the reason a by-values row
 * could not be told apart from others (the subquery's 21000). */
static SQLRETURN statement_error(struct odbc_stmt *stmt, const struct setpos_target *target,
                                 size_t row_index, const struct error *error,
                                 SQLUSMALLINT *status)
{
    if (!target->is_by_key && strcmp(error->sqlstate, "21000") == 0)
        return row_error(stmt, row_index, status, "HY000",
                         "The row cannot be identified: its table has no primary key in the "
                         "result and several rows hold the same values",
                         "");
    odbc_diag_add(&stmt->header.diags, error, false, SQL_NO_COLUMN_NUMBER,
                  (SQLLEN)row_index + 1);
    *status = SQL_ROW_ERROR;
    return SQL_ERROR;
}

static SQLRETURN check_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                           struct odbc_result *result, size_t row_number, size_t row_index,
                           SQLUSMALLINT *status)
{
    if (target->refusal != NULL)
        return row_error(stmt, row_index, status, "HY000",
                         "The row cannot be identified safely: ", target->refusal);
    if (odbc_result_row_mark(result, row_number) == SQL_ROW_DELETED)
        return row_error(stmt, row_index, status, "HY109",
                         "The row was deleted through this cursor", "");
    return SQL_SUCCESS;
}

SQLRETURN odbc_setpos_refresh_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                                  size_t row_number, size_t row_index, SQLUSMALLINT *status)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (odbc_result_row_mark(result, row_number) == SQL_ROW_DELETED) {
        *status = SQL_ROW_DELETED;
        return SQL_SUCCESS;
    }
    SQLRETURN checked = check_row(stmt, target, result, row_number, row_index, status);
    if (checked != SQL_SUCCESS)
        return checked;
    struct setpos_query query;
    odbc_setpos_query_init(&query);
    struct setpos_identity names = {0};
    struct returned_rows rows = {result, target, &names, row_number, 0};
    struct error error;
    error_init(&error);
    SQLLEN affected;
    SQLRETURN outcome = SQL_SUCCESS;
    if (odbc_setpos_query_begin(&query, 2 * result->column_count + 2) != 0 ||
        odbc_setpos_build_identity(stmt, target, result, row_number, false, &query, &names) !=
            0 ||
        catalog_append_row_select(&query.sql, &target->table, names.returning,
                                  names.returning_count, &names.identity,
                                  stmt->attributes.concurrency == SQL_CONCUR_LOCK) != 0)
        outcome = odbc_diag_fail(&stmt->header.diags, "HY001",
                                 "Out of memory building the row's refresh");
    else if (odbc_setpos_run(stmt, &query, names.formats, names.returning_count,
                             take_returned_row, &rows, &affected, &error) != 0)
        outcome = statement_error(stmt, target, row_index, &error, status);
    odbc_setpos_identity_free(&names);
    odbc_setpos_query_reset(&query);
    if (outcome != SQL_SUCCESS)
        return outcome;
    if (rows.count == 0) {
        /* Gone, or (identified by values) changed: either way the row the
         * cursor read is no longer there. */
        if (odbc_setpos_mark_row(result, row_number, SQL_ROW_DELETED) != 0)
            return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory marking a row");
        *status = SQL_ROW_DELETED;
        return SQL_SUCCESS;
    }
    struct odbc_row row;
    if (!odbc_result_buffered_row(result, row_number, &row))
        return row_error(stmt, row_index, status, "HY000", "The row is not buffered", "");
    SQLRETURN filled = odbc_stmt_fill_bound_row(stmt, result, &row, row_index);
    odbc_stmt_fill_bookmark(stmt, row_number, row_index);
    SQLUSMALLINT mark = odbc_result_row_mark(result, row_number);
    *status = filled == SQL_ERROR                 ? SQL_ROW_ERROR
              : filled == SQL_SUCCESS_WITH_INFO   ? SQL_ROW_SUCCESS_WITH_INFO
              : mark == SQL_ROW_UPDATED           ? SQL_ROW_UPDATED
                                                  : SQL_ROW_SUCCESS;
    return filled;
}

/* 0 rows: the row changed or went away since the cursor read it. */
static SQLRETURN no_row_changed(struct odbc_stmt *stmt, size_t row_index, SQLUSMALLINT *status,
                                const char *what)
{
    odbc_diag_post_at(&stmt->header.diags, SQL_NO_COLUMN_NUMBER, (SQLLEN)row_index + 1,
                      "01001",
                      "Cursor operation conflict: no row was %s; the row changed or was "
                      "deleted since it was read",
                      what);
    *status = SQL_ROW_ERROR;
    return SQL_SUCCESS_WITH_INFO;
}

/* After an UPDATE or DELETE of one row ran: exactly one row must have
 * changed; the buffered row is then marked (SQL_ROW_UPDATED or
 * SQL_ROW_DELETED) for the row status array. */
static SQLRETURN end_row_change(struct odbc_stmt *stmt, struct odbc_result *result,
                                size_t row_number, size_t row_index, SQLLEN affected,
                                SQLUSMALLINT mark, SQLUSMALLINT *status)
{
    const char *done = mark == SQL_ROW_UPDATED ? "updated" : "deleted";
    if (affected == 0)
        return no_row_changed(stmt, row_index, status, done);
    if (affected != 1)
        return row_error(stmt, row_index, status, "HY000",
                         mark == SQL_ROW_UPDATED ? "The update did not report exactly one row"
                                                 : "The delete did not report exactly one row",
                         "");
    if (odbc_setpos_mark_row(result, row_number, mark) != 0)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory marking a row");
    *status = mark;
    return SQL_SUCCESS;
}

SQLRETURN odbc_setpos_update_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                                 size_t row_number, size_t row_index, SQLUSMALLINT *status)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    SQLRETURN checked = check_row(stmt, target, result, row_number, row_index, status);
    if (checked != SQL_SUCCESS)
        return checked;
    struct setpos_query query;
    odbc_setpos_query_init(&query);
    struct setpos_identity names = {0};
    struct returned_rows rows = {result, target, &names, row_number, 0};
    struct error error;
    error_init(&error);
    SQLLEN affected = -1;
    SQLRETURN outcome = SQL_SUCCESS;
    if (odbc_setpos_query_begin(&query, 3 * result->column_count + 2) != 0) {
        outcome = odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory for an update");
    } else {
        outcome = odbc_setpos_add_bound_values(stmt, target, result, row_index, &query);
        if (outcome != SQL_SUCCESS)
            *status = SQL_ROW_ERROR;
        else if (query.name_count == 0)
            outcome = row_error(stmt, row_index, status, "21S02",
                                "No column to update: every column is unbound or "
                                "SQL_COLUMN_IGNORE",
                                "");
        else if (odbc_setpos_build_identity(stmt, target, result, row_number, true, &query,
                                            &names) != 0 ||
                 catalog_append_row_update(&query.sql, &target->table, query.names,
                                           query.name_count, &names.identity, names.returning,
                                           names.returning_count) != 0)
            outcome = odbc_diag_fail(&stmt->header.diags, "HY001",
                                     "Out of memory building the update");
        else if (odbc_setpos_run(stmt, &query, names.formats, names.returning_count,
                                 take_returned_row, &rows, &affected, &error) != 0)
            outcome = statement_error(stmt, target, row_index, &error, status);
    }
    odbc_setpos_identity_free(&names);
    odbc_setpos_query_reset(&query);
    if (outcome != SQL_SUCCESS)
        return outcome;
    return end_row_change(stmt, result, row_number, row_index, affected, SQL_ROW_UPDATED,
                          status);
}

SQLRETURN odbc_setpos_delete_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                                 size_t row_number, size_t row_index, SQLUSMALLINT *status)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    SQLRETURN checked = check_row(stmt, target, result, row_number, row_index, status);
    if (checked != SQL_SUCCESS)
        return checked;
    struct setpos_query query;
    odbc_setpos_query_init(&query);
    struct setpos_identity names = {0};
    struct error error;
    error_init(&error);
    SQLLEN affected = -1;
    SQLRETURN outcome = SQL_SUCCESS;
    if (odbc_setpos_query_begin(&query, 2 * result->column_count + 2) != 0 ||
        odbc_setpos_build_identity(stmt, target, result, row_number, true, &query, &names) !=
            0 ||
        catalog_append_row_delete(&query.sql, &target->table, &names.identity) != 0)
        outcome = odbc_diag_fail(&stmt->header.diags, "HY001",
                                 "Out of memory building the delete");
    else if (odbc_setpos_run(stmt, &query, NULL, 0, NULL, NULL, &affected, &error) != 0)
        outcome = statement_error(stmt, target, row_index, &error, status);
    odbc_setpos_identity_free(&names);
    odbc_setpos_query_reset(&query);
    if (outcome != SQL_SUCCESS)
        return outcome;
    return end_row_change(stmt, result, row_number, row_index, affected, SQL_ROW_DELETED,
                          status);
}

/* ---- SQLSetPos ---- */

static SQLRETURN check_call(struct odbc_stmt *stmt, SQLSETPOSIROW row_number,
                            SQLUSMALLINT operation, SQLUSMALLINT lock_type)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (operation > SQL_DELETE)
        return odbc_diag_fail(diags, "HY092", "SQLSetPos operation %u is not known",
                              (unsigned)operation);
    if (lock_type == SQL_LOCK_EXCLUSIVE || lock_type == SQL_LOCK_UNLOCK)
        return odbc_diag_fail(diags, "HYC00",
                              "Only SQL_LOCK_NO_CHANGE is supported (SQL_CONCUR_LOCK locks "
                              "a row when SQL_REFRESH reads it)");
    if (lock_type != SQL_LOCK_NO_CHANGE)
        return odbc_diag_fail(diags, "HY092", "Lock type %u is not known", (unsigned)lock_type);
    if (stmt->state == ODBC_STMT_EXECUTED)
        return odbc_diag_fail(diags, "24000", "The statement did not produce a result set");
    if (stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(diags, "HY010", "The statement has not been executed");
    if (stmt->rowset_start == 0 || stmt->rowset_rows == 0 || stmt->is_after_last)
        return odbc_diag_fail(diags, "24000", "No rowset is current: fetch one first");
    if (row_number > stmt->rowset_rows)
        return odbc_diag_fail(diags, "HY107",
                              "Row %lu is past the rowset, which holds %zu rows",
                              (unsigned long)row_number, stmt->rowset_rows);
    bool is_static = stmt->attributes.cursor_type != SQL_CURSOR_FORWARD_ONLY;
    if (!is_static && !(operation == SQL_POSITION && row_number == 1))
        return odbc_diag_fail(diags, "HY109",
                              "The cursor is forward-only: SQLSetPos needs a static cursor "
                              "(SQL_ATTR_CURSOR_TYPE) for this operation");
    if (operation == SQL_POSITION && row_number == 0)
        return odbc_diag_fail(diags, "HY109", "SQL_POSITION needs a row number, not 0");
    if ((operation == SQL_UPDATE || operation == SQL_DELETE) &&
        stmt->attributes.concurrency == SQL_CONCUR_READ_ONLY)
        return odbc_diag_fail(diags, "HY092",
                              "The cursor is read-only: set SQL_ATTR_CONCURRENCY to "
                              "SQL_CONCUR_VALUES or SQL_CONCUR_LOCK before executing");
    return SQL_SUCCESS;
}

static void set_status(const struct odbc_stmt *stmt, size_t row_index, SQLUSMALLINT status)
{
    if (stmt->attributes.row_status != NULL)
        stmt->attributes.row_status[row_index] = status;
}

SQLRETURN odbc_stmt_set_pos(struct odbc_stmt *stmt, SQLSETPOSIROW row_number,
                            SQLUSMALLINT operation, SQLUSMALLINT lock_type)
{
    if (operation == SQL_ADD) /* ODBC 2: SQLBulkOperations's SQL_ADD */
        return odbc_stmt_bulk_operations(stmt, SQL_ADD);
    SQLRETURN checked = check_call(stmt, row_number, operation, lock_type);
    if (checked != SQL_SUCCESS)
        return checked;
    stmt->getdata_column = 0;
    stmt->getdata_offset = 0;
    stmt->getdata_is_done = false;
    if (row_number > 0)
        stmt->positioned_row_index = (size_t)row_number - 1;
    if (operation == SQL_POSITION)
        return SQL_SUCCESS;
    size_t first = row_number == 0 ? 0 : (size_t)row_number - 1;
    size_t last = row_number == 0 ? stmt->rowset_rows : (size_t)row_number;
    if (operation == SQL_UPDATE && !odbc_setpos_is_resuming(stmt)) {
        SQLRETURN asked = odbc_setpos_begin_data_at_exec(stmt, SQL_UPDATE, row_number, first,
                                                         last);
        if (asked != SQL_SUCCESS)
            return asked; /* SQL_NEED_DATA: SQLParamData drives the rest */
    }
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    const struct setpos_target *target = NULL;
    struct error error;
    error_init(&error);
    if (odbc_setpos_target_of(stmt, result, &target, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    size_t done = 0;
    size_t failed = 0;
    bool has_info = false;
    for (size_t i = first; i < last; i++) {
        /* SQL_ATTR_ROW_OPERATION_PTR is the ARD's SQL_DESC_ARRAY_STATUS_PTR. */
        if (row_number == 0 && stmt->ard->array_status_ptr != NULL &&
            stmt->ard->array_status_ptr[i] == SQL_ROW_IGNORE)
            continue;
        size_t row = stmt->rowset_start + i;
        SQLUSMALLINT status = SQL_ROW_SUCCESS;
        SQLRETURN outcome;
        if (operation == SQL_REFRESH)
            outcome = odbc_setpos_refresh_row(stmt, target, row, i, &status);
        else if (operation == SQL_UPDATE)
            outcome = odbc_setpos_update_row(stmt, target, row, i, &status);
        else
            outcome = odbc_setpos_delete_row(stmt, target, row, i, &status);
        set_status(stmt, i, status);
        done++;
        if (outcome == SQL_ERROR)
            failed++;
        else if (outcome == SQL_SUCCESS_WITH_INFO)
            has_info = true;
        if (stmt->dbc->conn == NULL || wire_conn_is_broken(stmt->dbc->conn))
            break;
    }
    if (failed > 0 && failed == done)
        return SQL_ERROR;
    return failed > 0 || has_info ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}
