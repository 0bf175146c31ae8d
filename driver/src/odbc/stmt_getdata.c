/* SQLGetData: one column of the current row into an application buffer,
 * in pieces for character and binary targets.
 * Owns: the per-column progress (which column, the conversion's piece
 * state, whether the last piece went out). Conversions are
 * types/convert.h's through column_value.c.
 * Reference: SQLGetData — 24000 when no row is current, 07009 for column
 * 0 (no bookmarks) or beyond the last, HY003 unknown C type, HY090
 * negative length, 22002 NULL without an indicator; a partial piece is
 * SQL_SUCCESS_WITH_INFO 01004 with the length of everything not yet
 * returned; after the last piece SQL_NO_DATA. SQL_GD_ANY_COLUMN and
 * SQL_GD_ANY_ORDER hold because the current row stays readable (in the
 * engine's views while streaming, or buffered): moving to another column
 * restarts that column from its beginning. The current row is the first
 * of the rowset (HY109 when a forward-only block cursor passed it). */
#include "odbc/stmt.h"

#include <string.h>
#include "odbc/column_value.h"
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_lob.h"
#include "wire/conn.h"

bool odbc_is_supported_c_type(SQLSMALLINT c_type)
{
    return odbc_c_type_is_known(c_type);
}

/* odbc_stmt_current_row's answer for its two common cases, inline (this
 * runs once per value): the first row of the rowset, buffered in the
 * current result (static cursors, a result buffered to free the
 * connection), or held in the engine's views by a forward-only fetch.
 * Anything else, errors included, is left to odbc_stmt_current_row, which
 * tests the same conditions in the same order. */
static bool find_current_row(struct odbc_stmt *stmt, struct odbc_result **result_out,
                             struct odbc_row *row, SQLRETURN *failure)
{
    if (stmt->current_result < stmt->result_count && stmt->state == ODBC_STMT_CURSOR_OPEN &&
        stmt->rowset_start != 0 && stmt->rowset_rows != 0 && !stmt->is_after_last &&
        stmt->positioned_row_index == 0) {
        struct odbc_result *result = &stmt->results[stmt->current_result];
        size_t row_number = stmt->rowset_start;
        if (row_number > result->row_base && row_number - result->row_base <= result->row_count) {
            row->wire_values = NULL;
            row->refs = &result->values[(row_number - result->row_base - 1) *
                                        result->column_count];
            row->arena = result->arena.data;
            *result_out = result;
            return true;
        }
        if (stmt->stream.held == ODBC_HELD_CURRENT &&
            stmt->stream.held_row_number == row_number) {
            row->wire_values = stmt->stream.held_values;
            row->refs = NULL;
            row->arena = NULL;
            *result_out = result;
            return true;
        }
    }
    if (!odbc_stmt_current_row(stmt, row, failure))
        return false;
    *result_out = odbc_stmt_current_result(stmt);
    return true;
}

/* odbc_row_value, inline. */
static void read_row_value(const struct odbc_row *row, size_t column_index,
                           struct wire_value *out)
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

SQLRETURN odbc_stmt_get_data(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                             SQLSMALLINT c_type, SQLPOINTER target, SQLLEN buffer_length,
                             SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (stmt->state == ODBC_STMT_ALLOCATED || stmt->state == ODBC_STMT_PREPARED)
        return odbc_diag_fail(diags, "HY010", "The statement has not been executed");
    /* LargeObjects: an oid column read as binary. The keyword is tested
     * here first: it is off on most connections, and this runs per value. */
    SQLRETURN lob_outcome = SQL_SUCCESS;
    if (stmt->dbc->options.is_large_objects &&
        odbc_stmt_lob_get_data(stmt, column_number, c_type, target, buffer_length, indicator,
                               &lob_outcome))
        return lob_outcome;
    if (column_number == 0)
        return odbc_stmt_get_bookmark_data(stmt, c_type, target, buffer_length, indicator);
    struct odbc_row row;
    struct odbc_result *result = NULL;
    SQLRETURN failure = SQL_ERROR;
    if (!find_current_row(stmt, &result, &row, &failure))
        return failure;
    if (column_number == 0 || column_number > result->column_count)
        return odbc_diag_fail(diags, "07009", "Column number %u is not between 1 and %zu",
                              (unsigned)column_number, result->column_count);
    if (c_type == SQL_ARD_TYPE) {
        const struct odbc_desc *ard = stmt->ard;
        c_type = column_number <= (SQLUSMALLINT)ard->count
                     ? ard->records[column_number - 1].concise_type
                     : SQL_C_DEFAULT;
    }
    if (!odbc_c_type_is_known(c_type))
        return odbc_diag_fail(diags, "HY003", "C type %d is not supported by the driver",
                              (int)c_type);
    if (buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Buffer length %ld is negative",
                              (long)buffer_length);

    /* After a column's last piece, reading it again is SQL_NO_DATA in any
     * C type ("Returns SQL_NO_DATA if it has already returned all of the
     * data for the column"; DBD::ODBC's lob reads ask once more as
     * SQL_C_WCHAR); another column starts over, and so does the same
     * column read as another C type before its end. */
    if (column_number == stmt->getdata_column && stmt->getdata_is_done)
        return SQL_NO_DATA;
    if (column_number != stmt->getdata_column || c_type != stmt->getdata_c_type) {
        stmt->getdata_column = column_number;
        stmt->getdata_c_type = c_type;
        stmt->getdata_offset = 0;
        stmt->getdata_is_done = false;
        memset(&stmt->getdata_cursor, 0, sizeof stmt->getdata_cursor);
    }

    size_t column_index = column_number - 1u;
    const struct odbc_result_column *column = &result->columns[column_index];
    struct wire_value value;
    read_row_value(&row, column_index, &value);
    struct odbc_value_source source = {column->described_oid, column->described_modifier,
                                       column->format_code == 1};
    if (c_type == SQL_C_DEFAULT)
        c_type = odbc_stmt_column_default_c_type(stmt, column);
    struct types_piece_state piece = {stmt->getdata_offset, stmt->getdata_is_done};
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    SQLLEN row_number = (SQLLEN)stmt->rowset_start;
    struct types_text_cursor *cursor = c_type == SQL_C_WCHAR ? &stmt->getdata_cursor : NULL;
    if (odbc_convert_column_value(&source, &value, c_type, target, buffer_length, 0, 0, &piece,
                                  cursor, &outcome, &error) != 0) {
        odbc_diag_add(diags, &error, false, (SQLINTEGER)column_number, row_number);
        return SQL_ERROR;
    }
    stmt->getdata_offset = piece.offset;
    if (outcome.indicator == SQL_NULL_DATA) {
        if (indicator == NULL)
            return odbc_diag_fail(diags, "22002",
                                  "Column %u is NULL and no indicator pointer was given",
                                  (unsigned)column_number);
        *indicator = SQL_NULL_DATA;
        stmt->getdata_is_done = true;
        return SQL_SUCCESS;
    }
    if (indicator != NULL)
        *indicator = outcome.indicator;
    if (outcome.is_truncated) {
        odbc_diag_post_at(diags, (SQLINTEGER)column_number, row_number, "01004",
                          "Column %u continues: %ld bytes remained before this piece",
                          (unsigned)column_number, (long)outcome.indicator);
        return SQL_SUCCESS_WITH_INFO;
    }
    stmt->getdata_is_done = true;
    if (outcome.has_fraction_truncated)
        odbc_diag_post_at(diags, (SQLINTEGER)column_number, row_number, "01S07",
                          "Column %u lost digits converting to C type %d",
                          (unsigned)column_number, (int)c_type);
    return SQL_SUCCESS;
}
