/* SQLBulkOperations: adding rows from the bound buffers, and updating,
 * deleting and fetching rows named by bookmarks.
 * Owns: the walk over the row array (SQL_ATTR_ROW_ARRAY_SIZE elements of
 * the bound buffers; SQL_ATTR_ROW_OPERATION_PTR skips rows), the INSERT of
 * SQL_ADD, and the bookmark of each element (bound column 0) for the
 * others, which run SQLSetPos's row operations (stmt_setpos.h).
 * Reference: SQLBulkOperations (HY092 an operation that is not known, a
 * change on a read-only cursor, or a bookmark operation with bookmarks
 * off; HY111 an invalid bookmark; 24000 no result set; the row status
 * array gets SQL_ROW_ADDED, SQL_ROW_UPDATED, SQL_ROW_DELETED,
 * SQL_ROW_SUCCESS or SQL_ROW_ERROR; SQL_SUCCESS_WITH_INFO when some rows
 * failed). SQL_FETCH_BY_BOOKMARK reads the static cursor's own copy of
 * the rows (with the changes made through it); a keyset cursor reads each
 * row again by key first (stmt_keyset.h). Rows added
 * join the end of the static cursor's result as INSERT ... RETURNING gave
 * them back (SQL_SS_ADDITIONS; columns that are not the table's are NULL),
 * fetched with the status SQL_ROW_ADDED. */
#include "odbc/stmt_setpos.h"
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_keyset.h"

#include "util/alloc.h"
#include "wire/conn.h"

static size_t row_array_size(const struct odbc_stmt *stmt)
{
    SQLULEN size = stmt->ard->array_size;
    return size == 0 ? 1 : (size_t)size;
}

static void set_status(const struct odbc_stmt *stmt, size_t row_index, SQLUSMALLINT status)
{
    if (stmt->attributes.row_status != NULL)
        stmt->attributes.row_status[row_index] = status;
}

static bool is_ignored(const struct odbc_stmt *stmt, size_t row_index)
{
    /* SQL_ATTR_ROW_OPERATION_PTR is the ARD's SQL_DESC_ARRAY_STATUS_PTR. */
    return stmt->ard->array_status_ptr != NULL &&
           stmt->ard->array_status_ptr[row_index] == SQL_ROW_IGNORE;
}

/* The row INSERT ... RETURNING gave back joins the cursor's result. */
struct added_row {
    struct odbc_result *result;
    const struct setpos_target *target;
    bool is_appended;
};

static int take_added_row(void *context, const struct wire_value *values, size_t value_count)
{
    struct added_row *added = context;
    if (added->is_appended)
        return 0;
    added->is_appended = true;
    return odbc_setpos_append_row(added->result, added->target, values, value_count);
}

static SQLRETURN add_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                         struct odbc_result *result, size_t row_index, SQLUSMALLINT *status)
{
    struct setpos_query query;
    odbc_setpos_query_init(&query);
    struct error error;
    error_init(&error);
    SQLLEN affected = -1;
    SQLRETURN outcome;
    size_t count = result->column_count;
    const char **returning = alloc_array(count + 1, sizeof *returning);
    int16_t *formats = alloc_array(count + 1, sizeof *formats);
    size_t returning_count = 0;
    for (size_t i = 0; i < count && returning != NULL && formats != NULL; i++) {
        if (target->column_names[i] == NULL)
            continue;
        formats[returning_count] = result->columns[i].format_code;
        returning[returning_count++] = target->column_names[i];
    }
    struct added_row added = {result, target, false};
    if (returning == NULL || formats == NULL || odbc_setpos_query_begin(&query, count + 1) != 0) {
        outcome = odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory for an insert");
    } else {
        outcome = odbc_setpos_add_bound_values(stmt, target, result, row_index, &query);
        if (outcome == SQL_SUCCESS &&
            (catalog_append_row_insert(&query.sql, &target->table, query.names,
                                       query.name_count) != 0 ||
             catalog_append_returning(&query.sql, returning, returning_count) != 0))
            outcome = odbc_diag_fail(&stmt->header.diags, "HY001",
                                     "Out of memory building the insert");
        else if (outcome == SQL_SUCCESS &&
                 odbc_setpos_run(stmt, &query, formats, returning_count, take_added_row, &added,
                                 &affected, &error) != 0) {
            odbc_diag_add(&stmt->header.diags, &error, false, SQL_NO_COLUMN_NUMBER,
                          (SQLLEN)row_index + 1);
            outcome = SQL_ERROR;
        }
    }
    alloc_free(returning);
    alloc_free(formats);
    odbc_setpos_query_reset(&query);
    *status = outcome == SQL_SUCCESS && affected == 1 ? SQL_ROW_ADDED : SQL_ROW_ERROR;
    return outcome;
}

static SQLRETURN fetch_row(struct odbc_stmt *stmt, struct odbc_result *result,
                           size_t row_number, size_t row_index, SQLUSMALLINT *status)
{
    /* A keyset cursor reads the row again from the server first. */
    if (odbc_stmt_is_keyset_cursor(stmt) &&
        odbc_keyset_refetch(stmt, result, row_number, 1) != SQL_SUCCESS) {
        *status = SQL_ROW_ERROR;
        return SQL_ERROR;
    }
    struct odbc_row row;
    if (!odbc_result_buffered_row(result, row_number, &row)) {
        *status = SQL_ROW_ERROR;
        return SQL_ERROR;
    }
    SQLRETURN filled = odbc_stmt_fill_bound_row(stmt, result, &row, row_index);
    SQLUSMALLINT mark = odbc_result_row_mark(result, row_number);
    *status = filled == SQL_ERROR                 ? SQL_ROW_ERROR
              : filled == SQL_SUCCESS_WITH_INFO   ? SQL_ROW_SUCCESS_WITH_INFO
                                                  : mark;
    return filled;
}

static SQLRETURN check_call(struct odbc_stmt *stmt, SQLSMALLINT operation)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    bool is_by_bookmark = operation == SQL_UPDATE_BY_BOOKMARK ||
                          operation == SQL_DELETE_BY_BOOKMARK ||
                          operation == SQL_FETCH_BY_BOOKMARK;
    if (operation != SQL_ADD && !is_by_bookmark)
        return odbc_diag_fail(diags, "HY092", "Bulk operation %d is not known", (int)operation);
    if (stmt->state == ODBC_STMT_EXECUTED)
        return odbc_diag_fail(diags, "24000", "The statement did not produce a result set");
    if (stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(diags, "HY010", "The statement has not been executed");
    if (stmt->attributes.cursor_type == SQL_CURSOR_FORWARD_ONLY)
        return odbc_diag_fail(diags, "HY109",
                              "The cursor is forward-only: SQLBulkOperations needs a static "
                              "cursor (SQL_ATTR_CURSOR_TYPE)");
    if (operation != SQL_FETCH_BY_BOOKMARK &&
        stmt->attributes.concurrency == SQL_CONCUR_READ_ONLY)
        return odbc_diag_fail(diags, "HY092",
                              "The cursor is read-only: set SQL_ATTR_CONCURRENCY to "
                              "SQL_CONCUR_VALUES or SQL_CONCUR_LOCK before executing");
    if (is_by_bookmark && stmt->attributes.use_bookmarks == SQL_UB_OFF)
        return odbc_diag_fail(diags, "HY092",
                              "Bookmark operations need SQL_ATTR_USE_BOOKMARKS on");
    if (is_by_bookmark && !odbc_stmt_has_bookmark_binding(stmt))
        return odbc_diag_fail(diags, "HY000",
                              "Bookmark operations read the bookmarks from column 0: bind it "
                              "with SQLBindCol first");
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_bulk_operations(struct odbc_stmt *stmt, SQLSMALLINT operation)
{
    SQLRETURN checked = check_call(stmt, operation);
    if (checked != SQL_SUCCESS)
        return checked;
    if (operation == SQL_ADD && !odbc_setpos_is_resuming(stmt)) {
        SQLRETURN asked =
            odbc_setpos_begin_data_at_exec(stmt, SQL_ADD, 0, 0, row_array_size(stmt));
        if (asked != SQL_SUCCESS)
            return asked; /* SQL_NEED_DATA: SQLParamData drives the rest */
    }
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    const struct setpos_target *target = NULL;
    if (operation != SQL_FETCH_BY_BOOKMARK) {
        struct error error;
        error_init(&error);
        if (odbc_setpos_target_of(stmt, result, &target, &error) != 0)
            return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
        if (operation == SQL_ADD && target->schema == NULL)
            return odbc_diag_fail(&stmt->header.diags, "HY000",
                                  "Rows cannot be added: %s", target->refusal);
    }
    size_t size = row_array_size(stmt);
    size_t done = 0;
    size_t failed = 0;
    bool has_info = false;
    for (size_t i = 0; i < size; i++) {
        if (is_ignored(stmt, i))
            continue;
        SQLUSMALLINT status = SQL_ROW_SUCCESS;
        SQLRETURN outcome;
        size_t row_number = 0;
        if (operation == SQL_ADD) {
            outcome = add_row(stmt, target, result, i, &status);
        } else if (!odbc_stmt_read_bookmark(stmt, result, odbc_stmt_bookmark_element(stmt, i),
                                            &row_number)) {
            odbc_diag_post_at(&stmt->header.diags, SQL_NO_COLUMN_NUMBER, (SQLLEN)i + 1, "HY111",
                              "Row %zu of the row array holds no bookmark of this result",
                              i + 1);
            status = SQL_ROW_ERROR;
            outcome = SQL_ERROR;
        } else if (operation == SQL_UPDATE_BY_BOOKMARK) {
            outcome = odbc_setpos_update_row(stmt, target, row_number, i, &status);
        } else if (operation == SQL_DELETE_BY_BOOKMARK) {
            outcome = odbc_setpos_delete_row(stmt, target, row_number, i, &status);
        } else {
            outcome = fetch_row(stmt, result, row_number, i, &status);
        }
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
