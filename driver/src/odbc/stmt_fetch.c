/* SQLFetch and SQLFetchScroll: moving the rowset and filling it.
 * Owns: the rowset position (first row, row count, before-start and
 * after-end), SQL_ATTR_ROW_ARRAY_SIZE rows per fetch, the row status
 * array and the rows-fetched count, and which row SQLGetData reads.
 * Forward-only cursors pull rows from the stream as they go (each row is
 * converted into the bound buffers straight from the engine's views);
 * static cursors hold the whole result and follow the positioning rules
 * of SQLFetchScroll ("Cursor positioning rules"), 01S06 included.
 * Reference: SQLFetch (24000 without a result set, HY010 before
 * execution, SQL_NO_DATA past the end; a row's error is SQL_ROW_ERROR and
 * SQL_SUCCESS_WITH_INFO for the rowset, SQL_ERROR when the rowset is that
 * single row), SQLFetchScroll (HY106 for an orientation a forward-only
 * cursor cannot take or that does not exist; SQL_FETCH_BOOKMARK without
 * bookmarks: HY106, with a bookmark that names no row: HY111; the rowset
 * starts FetchOffset rows from the bookmark's), SQLExtendedFetch (ODBC 2:
 * the same rowsets, its rows-fetched count and row status array passed as
 * arguments rather than taken from the statement attributes; the bookmark
 * is FetchOffset). With bookmarks on, a bound column 0 gets each row's
 * bookmark (stmt_bookmark.c); a static cursor's rows that SQLSetPos
 * updated or deleted report SQL_ROW_UPDATED / SQL_ROW_DELETED. */
#include "odbc/stmt.h"
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_fetch.h"
#include "odbc/stmt_keyset.h"

#include "wire/conn.h"

/* Where a fetch reports its rows: the statement attributes for SQLFetch and
 * SQLFetchScroll, SQLExtendedFetch's own arguments for it. Either may be NULL. */
struct rowset_outputs {
    SQLULEN *rows_fetched;
    SQLUSMALLINT *row_status;
    const void *bookmark; /* SQL_FETCH_BOOKMARK's: SQL_ATTR_FETCH_BOOKMARK_PTR, or
                             SQLExtendedFetch's FetchOffset */
};

static size_t rowset_size(const struct odbc_stmt *stmt)
{
    SQLULEN size = stmt->ard->array_size;
    return size == 0 ? 1 : (size_t)size;
}

static void reset_getdata(struct odbc_stmt *stmt)
{
    stmt->getdata_column = 0;
    stmt->getdata_offset = 0;
    stmt->getdata_is_done = false;
}

static void set_row_status(const struct rowset_outputs *outputs, size_t row_index,
                           SQLUSMALLINT status)
{
    if (outputs->row_status != NULL)
        outputs->row_status[row_index] = status;
}

static SQLUSMALLINT status_of(SQLRETURN row_result)
{
    return row_result == SQL_ERROR               ? SQL_ROW_ERROR
           : row_result == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO
                                                 : SQL_ROW_SUCCESS;
}

/* Finishes a fetch that delivered fetched rows of a rowset of size. */
static SQLRETURN finish_rowset(struct odbc_stmt *stmt, const struct rowset_outputs *outputs,
                               size_t fetched, size_t size, bool has_row_error,
                               bool has_row_info)
{
    for (size_t i = fetched; i < size; i++)
        set_row_status(outputs, i, SQL_ROW_NOROW);
    if (outputs->rows_fetched != NULL)
        *outputs->rows_fetched = fetched;
    stmt->rowset_rows = fetched;
    stmt->last_rowset_size = size;
    if (fetched == 0)
        return SQL_NO_DATA;
    if (has_row_error && fetched == 1)
        return SQL_ERROR;
    return has_row_error || has_row_info ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

/* The error that ended the current result's rows, reported once. */
static SQLRETURN report_result_error(struct odbc_stmt *stmt, struct odbc_result *result)
{
    if (result == NULL || !result->has_error)
        return SQL_NO_DATA;
    struct error cause = result->error;
    result->has_error = false;
    return odbc_stmt_fail_error(stmt, &cause, SQL_NO_ROW_NUMBER);
}

static SQLRETURN fetch_forward(struct odbc_stmt *stmt, const struct rowset_outputs *outputs)
{
    size_t size = rowset_size(stmt);
    if (stmt->is_after_last) {
        finish_rowset(stmt, outputs, 0, size, false, false);
        return SQL_NO_DATA;
    }
    size_t first = stmt->rowset_start == 0 ? 1 : stmt->rowset_start + stmt->rowset_rows;
    size_t fetched = 0;
    bool has_row_error = false;
    bool has_row_info = false;
    for (size_t i = 0; i < size; i++) {
        struct odbc_row row;
        struct error error;
        error_init(&error);
        int got = odbc_stmt_stream_next_row(stmt, first + i, &row, &error);
        if (got < 0) {
            stmt->is_after_last = true;
            stmt->rowset_start = first;
            finish_rowset(stmt, outputs, fetched, size, false, false);
            return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
        }
        if (got == 0)
            break;
        SQLRETURN row_result =
            odbc_stmt_fill_bound_row(stmt, odbc_stmt_current_result(stmt), &row, i);
        set_row_status(outputs, i, status_of(row_result));
        has_row_error = has_row_error || row_result == SQL_ERROR;
        has_row_info = has_row_info || row_result == SQL_SUCCESS_WITH_INFO;
        fetched++;
    }
    stmt->rowset_start = first;
    /* Column 0 after the loop: the per-row path stays as it was. */
    if (stmt->bookmark.target != NULL || stmt->bookmark.indicator != NULL) {
        for (size_t i = 0; i < fetched; i++)
            odbc_stmt_fill_bookmark(stmt, first + i, i);
    }
    if (fetched == 0) {
        stmt->is_after_last = true;
        finish_rowset(stmt, outputs, 0, size, false, false);
        return report_result_error(stmt, odbc_stmt_current_result(stmt));
    }
    return finish_rowset(stmt, outputs, fetched, size, has_row_error, has_row_info);
}

/* Static cursor: the rowset starting at row start (1-based); 0 means
 * before the start, row_count + 1 after the end. */
static SQLRETURN fetch_static_at(struct odbc_stmt *stmt, const struct rowset_outputs *outputs,
                                 size_t start, bool warn_before_start)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    size_t size = rowset_size(stmt);
    size_t row_count = result->row_count;
    if (start == 0 || start > row_count) {
        stmt->is_after_last = start != 0;
        stmt->rowset_start = start == 0 ? 0 : row_count + 1;
        finish_rowset(stmt, outputs, 0, size, false, false);
        stmt->rowset_rows = 0;
        return SQL_NO_DATA;
    }
    stmt->is_after_last = false;
    stmt->rowset_start = start;
    if (stmt->attributes.cursor_type == SQL_CURSOR_KEYSET_DRIVEN &&
        odbc_keyset_refetch(stmt, result, start, size) == SQL_ERROR) {
        finish_rowset(stmt, outputs, 0, size, false, false);
        return SQL_ERROR;
    }
    size_t fetched = 0;
    bool has_row_error = false;
    bool has_row_info = false;
    for (size_t i = 0; i < size && start + i <= row_count; i++) {
        struct odbc_row row;
        if (!odbc_result_buffered_row(result, start + i, &row))
            break;
        SQLRETURN row_result = odbc_stmt_fill_bound_row(stmt, result, &row, i);
        odbc_stmt_fill_bookmark(stmt, start + i, i);
        SQLUSMALLINT status = status_of(row_result);
        if (result->row_marks_offset != 0 && status == SQL_ROW_SUCCESS)
            status = odbc_result_row_mark(result, start + i);
        set_row_status(outputs, i, status);
        has_row_error = has_row_error || row_result == SQL_ERROR;
        has_row_info = has_row_info || row_result == SQL_SUCCESS_WITH_INFO;
        fetched++;
    }
    SQLRETURN outcome = finish_rowset(stmt, outputs, fetched, size, has_row_error, has_row_info);
    if (warn_before_start && outcome != SQL_ERROR) {
        odbc_diag_post(&stmt->header.diags, "01S06",
                       "The fetch asked for rows before the start of the result; the first "
                       "rowset was returned");
        outcome = SQL_SUCCESS_WITH_INFO;
    }
    return outcome;
}

static size_t absolute_target(SQLLEN offset, size_t row_count, size_t size,
                              bool *warn_before_start)
{
    if (offset < 0) {
        size_t distance = (size_t)(-(offset + 1)) + 1;
        if (distance <= row_count)
            return row_count - distance + 1;
        if (distance > size)
            return 0;
        *warn_before_start = true;
        return 1;
    }
    if (offset == 0)
        return 0;
    return (size_t)offset <= row_count ? (size_t)offset : row_count + 1;
}

/* New rowset start for an orientation (the tables of SQLFetchScroll's
 * "Cursor positioning rules"); 0: before start; row_count + 1: after end. */
static size_t static_target(const struct odbc_stmt *stmt, SQLSMALLINT orientation, SQLLEN offset,
                            size_t row_count, bool *warn_before_start)
{
    size_t size = rowset_size(stmt);
    size_t after_end = row_count + 1;
    bool is_before_start = stmt->rowset_start == 0 && !stmt->is_after_last;
    bool is_after_end = stmt->is_after_last;
    size_t current = stmt->rowset_start;
    *warn_before_start = false;
    switch (orientation) {
    case SQL_FETCH_NEXT: {
        if (is_before_start)
            return 1;
        if (is_after_end)
            return after_end;
        size_t step = stmt->last_rowset_size != 0 ? stmt->last_rowset_size : size;
        return current + step <= row_count ? current + step : after_end;
    }
    case SQL_FETCH_PRIOR:
        if (is_before_start || current == 1)
            return 0;
        if (is_after_end)
            return row_count < size ? 1 : row_count - size + 1;
        if (current <= size) {
            *warn_before_start = true;
            return 1;
        }
        return current - size;
    case SQL_FETCH_FIRST:
        return 1;
    case SQL_FETCH_LAST:
        return row_count <= size ? 1 : row_count - size + 1;
    case SQL_FETCH_ABSOLUTE:
        return absolute_target(offset, row_count, size, warn_before_start);
    case SQL_FETCH_RELATIVE:
        if ((is_before_start && offset > 0) || (is_after_end && offset < 0))
            return absolute_target(offset, row_count, size, warn_before_start);
        if (is_before_start)
            return 0;
        if (is_after_end)
            return after_end;
        if (offset < 0) {
            size_t distance = (size_t)(-(offset + 1)) + 1;
            if (current == 1)
                return 0;
            if (distance < current)
                return current - distance;
            if (distance > size)
                return 0;
            *warn_before_start = true;
            return 1;
        }
        return current + (size_t)offset <= row_count ? current + (size_t)offset : after_end;
    default:
        return 0;
    }
}

/* SQL_FETCH_BOOKMARK: the rowset starts offset rows from the bookmark's
 * row; before the first row or past the last is SQL_NO_DATA. */
static SQLRETURN fetch_by_bookmark(struct odbc_stmt *stmt, const struct rowset_outputs *outputs,
                                   struct odbc_result *result, SQLLEN offset)
{
    size_t row_number;
    if (!odbc_stmt_read_bookmark(stmt, result, outputs->bookmark, &row_number))
        return odbc_diag_fail(&stmt->header.diags, "HY111",
                              "SQL_ATTR_FETCH_BOOKMARK_PTR does not point to a bookmark of "
                              "this result");
    size_t start;
    if (offset < 0) {
        size_t distance = (size_t)(-(offset + 1)) + 1;
        start = distance < row_number ? row_number - distance : 0;
    } else {
        size_t forward = (size_t)offset;
        start = forward <= result->row_count - row_number ? row_number + forward
                                                          : result->row_count + 1;
    }
    return fetch_static_at(stmt, outputs, start, false);
}

static SQLRETURN fetch_rowset(struct odbc_stmt *stmt, SQLSMALLINT orientation, SQLLEN offset,
                              const struct rowset_outputs *outputs)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    switch (orientation) {
    case SQL_FETCH_NEXT:
    case SQL_FETCH_PRIOR:
    case SQL_FETCH_FIRST:
    case SQL_FETCH_LAST:
    case SQL_FETCH_ABSOLUTE:
    case SQL_FETCH_RELATIVE:
        break;
    case SQL_FETCH_BOOKMARK:
        if (stmt->attributes.use_bookmarks == SQL_UB_OFF)
            return odbc_diag_fail(diags, "HY106",
                                  "SQL_FETCH_BOOKMARK needs SQL_ATTR_USE_BOOKMARKS on");
        break;
    default:
        return odbc_diag_fail(diags, "HY106", "Fetch orientation %d is not a fetch type",
                              (int)orientation);
    }
    if (stmt->state == ODBC_STMT_EXECUTED)
        return odbc_diag_fail(diags, "24000", "The statement did not produce a result set");
    if (stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(diags, "HY010", "The statement has not been executed");
    bool is_static = stmt->attributes.cursor_type != SQL_CURSOR_FORWARD_ONLY;
    if (!is_static && orientation != SQL_FETCH_NEXT)
        return odbc_diag_fail(diags, "HY106",
                              "The cursor is forward-only: only SQL_FETCH_NEXT is allowed, "
                              "not orientation %d",
                              (int)orientation);
    reset_getdata(stmt);
    stmt->positioned_row_index = 0;
    if (outputs->rows_fetched != NULL)
        *outputs->rows_fetched = 0;
    if (!is_static)
        return fetch_forward(stmt, outputs);
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (orientation == SQL_FETCH_BOOKMARK)
        return fetch_by_bookmark(stmt, outputs, result, offset);
    bool warn_before_start = false;
    size_t start = static_target(stmt, orientation, offset, result->row_count, &warn_before_start);
    return fetch_static_at(stmt, outputs, start, warn_before_start);
}

SQLRETURN odbc_stmt_fetch_scroll(struct odbc_stmt *stmt, SQLSMALLINT orientation, SQLLEN offset)
{
    struct rowset_outputs outputs = {stmt->attributes.rows_fetched, stmt->attributes.row_status,
                                     stmt->attributes.fetch_bookmark};
    return fetch_rowset(stmt, orientation, offset, &outputs);
}

SQLRETURN odbc_stmt_extended_fetch(struct odbc_stmt *stmt, SQLUSMALLINT orientation,
                                   SQLLEN offset, SQLULEN *row_count, SQLUSMALLINT *row_status)
{
    if (orientation > SQL_FETCH_BOOKMARK)
        return odbc_diag_fail(&stmt->header.diags, "HY106",
                              "Fetch orientation %u is not a fetch type", (unsigned)orientation);
    /* ODBC 2: SQL_FETCH_BOOKMARK's bookmark is FetchOffset itself. */
    uint64_t bookmark = (uint64_t)offset;
    struct rowset_outputs outputs = {row_count, row_status, &bookmark};
    if (orientation == SQL_FETCH_BOOKMARK)
        offset = 0;
    return fetch_rowset(stmt, (SQLSMALLINT)orientation, offset, &outputs);
}

SQLRETURN odbc_stmt_fetch(struct odbc_stmt *stmt)
{
    return odbc_stmt_fetch_scroll(stmt, SQL_FETCH_NEXT, 0);
}

bool odbc_stmt_current_row(struct odbc_stmt *stmt, struct odbc_row *row, SQLRETURN *failure)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (stmt->state != ODBC_STMT_CURSOR_OPEN || result == NULL || stmt->rowset_start == 0 ||
        stmt->rowset_rows == 0 || stmt->is_after_last) {
        *failure = odbc_diag_fail(&stmt->header.diags, "24000",
                                  "No row is current: call SQLFetch first");
        return false;
    }
    if (odbc_result_buffered_row(result, stmt->rowset_start + stmt->positioned_row_index, row))
        return true;
    if (stmt->positioned_row_index == 0 && stmt->stream.held == ODBC_HELD_CURRENT &&
        stmt->stream.held_row_number == stmt->rowset_start) {
        row->wire_values = stmt->stream.held_values;
        row->refs = NULL;
        row->arena = NULL;
        return true;
    }
    *failure = odbc_diag_fail(&stmt->header.diags, "HY109",
                              "SQLGetData reads the first row of the rowset, which a "
                              "forward-only cursor no longer holds when the row array size "
                              "is above 1");
    return false;
}
