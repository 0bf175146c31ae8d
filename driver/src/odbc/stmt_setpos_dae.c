/* Data at execution for row operations: SQLSetPos(SQL_UPDATE) and
 * SQLBulkOperations(SQL_ADD) with bound columns whose length/indicator is
 * SQL_DATA_AT_EXEC or SQL_LEN_DATA_AT_EXEC(n).
 * Owns: finding those columns when the operation is called (it then
 * returns SQL_NEED_DATA), naming them one by one to SQLParamData (the
 * column's SQL_DESC_DATA_PTR, as SQLBindCol gave it), collecting
 * SQLPutData's pieces, and running the operation at the last
 * SQLParamData with the collected values in place of the buffers'
 * (odbc_setpos_add_bound_values asks here). The statement holds the state
 * (stmt->row_dae) until then, or until SQLCancel / SQLFreeStmt.
 * Reference: SQLSetPos and SQLBulkOperations ("Using SQLSetPos / Long
 * data"), SQLParamData (HY010 out of sequence), SQLPutData (HY011
 * SQL_NULL_DATA after data, HY090 a negative length, 22001 more than
 * one piece of a fixed-size type). */
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_setpos.h"

#include <string.h>
#include "odbc/column_value.h"
#include "util/alloc.h"

/* The values of one operation: a few columns' worth of long data. */
#define ROW_DAE_VALUE_MAX_BYTES ((size_t)1 << 30)

struct odbc_row_dae {
    SQLUSMALLINT operation;    /* SQL_UPDATE (SQLSetPos) or SQL_ADD (SQLBulkOperations) */
    SQLSETPOSIROW row_number;  /* SQLSetPos's RowNumber */
    size_t count;              /* values asked for */
    size_t *row_indexes;       /* per value: its element of the row array */
    size_t *column_indexes;    /* per value: its column, 0-based */
    struct buf *pieces;
    bool *is_null;
    bool *has_put;
    size_t current;            /* 1-based: the value SQLParamData named last; 0: none */
    bool is_running;           /* the operation runs with the values */
};

static void dae_free(struct odbc_row_dae *dae)
{
    if (dae == NULL)
        return;
    if (dae->pieces != NULL) {
        for (size_t i = 0; i < dae->count; i++)
            buf_reset(&dae->pieces[i]);
    }
    alloc_free(dae->row_indexes);
    alloc_free(dae->column_indexes);
    alloc_free(dae->pieces);
    alloc_free(dae->is_null);
    alloc_free(dae->has_put);
    alloc_free(dae);
}

void odbc_setpos_end_data_at_exec(struct odbc_stmt *stmt)
{
    dae_free(stmt->row_dae);
    stmt->row_dae = NULL;
}

bool odbc_setpos_is_resuming(const struct odbc_stmt *stmt)
{
    return stmt->row_dae != NULL && stmt->row_dae->is_running;
}

/* The length/indicator of column column_index in element row_index. */
static bool is_data_at_exec(const struct odbc_desc *ard, const struct odbc_desc_record *record,
                            size_t row_index)
{
    const SQLLEN *length = record->octet_length_ptr != NULL ? record->octet_length_ptr
                                                            : record->indicator_ptr;
    if (length == NULL)
        return false;
    const char *address = (const char *)length;
    if (ard->bind_offset_ptr != NULL)
        address += *ard->bind_offset_ptr;
    address += row_index * (ard->bind_type == SQL_BIND_BY_COLUMN ? sizeof(SQLLEN)
                                                                  : (size_t)ard->bind_type);
    SQLLEN value;
    memcpy(&value, address, sizeof value);
    return value == SQL_DATA_AT_EXEC || value <= SQL_LEN_DATA_AT_EXEC_OFFSET;
}

static bool is_ignored(const struct odbc_stmt *stmt, const struct odbc_desc_record *record,
                       size_t row_index)
{
    const SQLLEN *indicator = record->indicator_ptr;
    if (indicator == NULL)
        return false;
    const char *address = (const char *)indicator;
    if (stmt->ard->bind_offset_ptr != NULL)
        address += *stmt->ard->bind_offset_ptr;
    address += row_index * (stmt->ard->bind_type == SQL_BIND_BY_COLUMN
                                ? sizeof(SQLLEN)
                                : (size_t)stmt->ard->bind_type);
    SQLLEN value;
    memcpy(&value, address, sizeof value);
    return value == SQL_COLUMN_IGNORE;
}

SQLRETURN odbc_setpos_begin_data_at_exec(struct odbc_stmt *stmt, SQLUSMALLINT operation,
                                         SQLSETPOSIROW row_number, size_t first_row,
                                         size_t end_row)
{
    odbc_setpos_end_data_at_exec(stmt); /* a sequence the application abandoned */
    const struct odbc_desc *ard = stmt->ard;
    size_t columns = (size_t)ard->count;
    size_t count = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t row = first_row; row < end_row; row++) {
            if (ard->array_status_ptr != NULL && ard->array_status_ptr[row] == SQL_ROW_IGNORE &&
                (operation == SQL_ADD || row_number == 0))
                continue;
            for (size_t column = 0; column < columns; column++) {
                const struct odbc_desc_record *record = &ard->records[column];
                if (!odbc_desc_record_is_bound(record) || is_ignored(stmt, record, row) ||
                    !is_data_at_exec(ard, record, row))
                    continue;
                if (pass == 1) {
                    stmt->row_dae->row_indexes[count] = row;
                    stmt->row_dae->column_indexes[count] = column;
                }
                count++;
            }
        }
        if (count == 0)
            return SQL_SUCCESS;
        if (pass == 1)
            break;
        struct odbc_row_dae *dae = alloc_array(1, sizeof *dae);
        if (dae == NULL)
            return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory for data at "
                                                                "execution");
        memset(dae, 0, sizeof *dae);
        dae->operation = operation;
        dae->row_number = row_number;
        dae->count = count;
        dae->row_indexes = alloc_array(count, sizeof *dae->row_indexes);
        dae->column_indexes = alloc_array(count, sizeof *dae->column_indexes);
        dae->pieces = alloc_array(count, sizeof *dae->pieces);
        dae->is_null = alloc_array(count, sizeof *dae->is_null);
        dae->has_put = alloc_array(count, sizeof *dae->has_put);
        if (dae->row_indexes == NULL || dae->column_indexes == NULL || dae->pieces == NULL ||
            dae->is_null == NULL || dae->has_put == NULL) {
            dae->count = 0; /* no piece initialised yet */
            dae_free(dae);
            return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory for data at "
                                                                "execution");
        }
        for (size_t i = 0; i < count; i++) {
            buf_init(&dae->pieces[i], ROW_DAE_VALUE_MAX_BYTES);
            dae->is_null[i] = false;
            dae->has_put[i] = false;
        }
        stmt->row_dae = dae;
        count = 0;
    }
    return SQL_NEED_DATA;
}

bool odbc_setpos_data_at_exec_value(const struct odbc_stmt *stmt, size_t row_index,
                                    size_t column_index, const unsigned char **data,
                                    size_t *length_bytes, bool *is_null)
{
    const struct odbc_row_dae *dae = stmt->row_dae;
    if (dae == NULL || !dae->is_running)
        return false;
    for (size_t i = 0; i < dae->count; i++) {
        if (dae->row_indexes[i] != row_index || dae->column_indexes[i] != column_index)
            continue;
        *is_null = dae->is_null[i];
        *data = dae->pieces[i].data != NULL ? dae->pieces[i].data : (const unsigned char *)"";
        *length_bytes = dae->pieces[i].length;
        return true;
    }
    return false;
}

static SQLSMALLINT column_c_type(const struct odbc_stmt *stmt, size_t column_index)
{
    return stmt->ard->records[column_index].concise_type;
}

SQLRETURN odbc_setpos_param_data(struct odbc_stmt *stmt, SQLPOINTER *value)
{
    struct odbc_row_dae *dae = stmt->row_dae;
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (dae->is_running)
        return odbc_diag_fail(diags, "HY010", "The row operation is already running");
    if (dae->current > 0 && !dae->has_put[dae->current - 1]) {
        SQLSMALLINT c_type = column_c_type(stmt, dae->column_indexes[dae->current - 1]);
        if (odbc_c_type_size(c_type) != 0) {
            size_t column = dae->column_indexes[dae->current - 1] + 1;
            odbc_setpos_end_data_at_exec(stmt);
            return odbc_diag_fail(diags, "HY010",
                                  "Column %zu needs its value through SQLPutData before the "
                                  "next SQLParamData",
                                  column);
        }
    }
    if (dae->current < dae->count) {
        dae->current++;
        if (value != NULL)
            *value = stmt->ard->records[dae->column_indexes[dae->current - 1]].data_ptr;
        return SQL_NEED_DATA;
    }
    dae->is_running = true;
    SQLRETURN result = dae->operation == SQL_ADD
                           ? odbc_stmt_bulk_operations(stmt, SQL_ADD)
                           : odbc_stmt_set_pos(stmt, dae->row_number, SQL_UPDATE,
                                               SQL_LOCK_NO_CHANGE);
    odbc_setpos_end_data_at_exec(stmt);
    return result;
}

/* Bytes of an SQL_NTS piece of c_type. */
static size_t terminated_length(SQLSMALLINT c_type, const unsigned char *data)
{
    size_t length = 0;
    if (c_type == SQL_C_WCHAR) {
        while (data[length] != 0 || data[length + 1] != 0)
            length += 2;
        return length;
    }
    while (data[length] != 0)
        length++;
    return length;
}

static SQLRETURN put_piece(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length);

/* An error ends the sequence, as the driver manager's state tables do
 * (the statement returns to where it was before the operation). */
SQLRETURN odbc_setpos_put_data(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length)
{
    SQLRETURN result = put_piece(stmt, data, length);
    if (result == SQL_ERROR)
        odbc_setpos_end_data_at_exec(stmt);
    return result;
}

static SQLRETURN put_piece(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length)
{
    struct odbc_row_dae *dae = stmt->row_dae;
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (dae->current == 0 || dae->is_running)
        return odbc_diag_fail(diags, "HY010",
                              "SQLPutData is called only after SQLParamData named a column");
    size_t slot = dae->current - 1;
    SQLSMALLINT c_type = column_c_type(stmt, dae->column_indexes[slot]);
    size_t fixed = odbc_c_type_size(c_type);
    if (length == SQL_NULL_DATA) {
        if (dae->has_put[slot] && !dae->is_null[slot])
            return odbc_diag_fail(diags, "HY011", "SQL_NULL_DATA after data was sent for "
                                                  "column %zu",
                                  dae->column_indexes[slot] + 1);
        dae->is_null[slot] = true;
        dae->has_put[slot] = true;
        return SQL_SUCCESS;
    }
    if (dae->is_null[slot])
        return odbc_diag_fail(diags, "HY011", "Data after SQL_NULL_DATA for column %zu",
                              dae->column_indexes[slot] + 1);
    if (fixed != 0 && dae->has_put[slot])
        return odbc_diag_fail(diags, "22001",
                              "Column %zu takes one piece: its C type has a fixed size",
                              dae->column_indexes[slot] + 1);
    size_t bytes;
    if (fixed != 0)
        bytes = fixed;
    else if (length == SQL_NTS && data != NULL)
        bytes = terminated_length(c_type, data);
    else if (length < 0)
        return odbc_diag_fail(diags, "HY090", "Length %ld is not valid for SQLPutData",
                              (long)length);
    else
        bytes = (size_t)length;
    if (bytes > 0 && data == NULL)
        return odbc_diag_fail(diags, "HY009", "SQLPutData's data pointer is null");
    if (bytes > 0 && buf_append(&dae->pieces[slot], data, bytes) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory for column %zu's data",
                              dae->column_indexes[slot] + 1);
    dae->has_put[slot] = true;
    return SQL_SUCCESS;
}
