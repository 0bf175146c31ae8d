/* Column bindings: SQLBindCol and filling bound buffers.
 * Owns: SQLBindCol as a setter of the current ARD's records (desc.h: the
 * ARD is the binding storage, whether implicit or an explicit descriptor
 * the application set), the address of each rowset element (column-wise:
 * the element size is the fixed C type's size or SQL_DESC_OCTET_LENGTH;
 * row-wise: SQL_DESC_BIND_TYPE bytes per row; both shifted by
 * *SQL_DESC_BIND_OFFSET_PTR), and converting one row's values straight
 * into them (no copy in between, nothing allocated).
 * Reference: SQLBindCol (07009 column 0 without bookmarks, HY003 C type,
 * HY090 negative length; a null target unbinds the data buffer only),
 * "Column-Wise Binding", "Row-Wise Binding", "Buffer Addresses";
 * SQLFetch row errors (22002 NULL without an indicator, 01004, 01S07),
 * "Default C Data Types" (SQL_C_DEFAULT follows the reported SQL type). */
#include "odbc/stmt.h"

#include <stdint.h>
#include <string.h>
#include "odbc/column_value.h"
#include "odbc/stmt_bookmark.h"
#include "util/alloc.h"
#include "wire/conn.h"

SQLRETURN odbc_stmt_bind_col(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                             SQLSMALLINT c_type, SQLPOINTER target, SQLLEN buffer_length,
                             SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (column_number == 0)
        return odbc_stmt_bind_bookmark(stmt, c_type, target, buffer_length, indicator);
    if (target == NULL && indicator == NULL) {
        if (odbc_desc_bind_record(stmt->ard, (SQLSMALLINT)column_number, SQL_C_DEFAULT, NULL, 0,
                                  NULL, NULL) != 0)
            return odbc_diag_fail(diags, "HY001", "Out of memory unbinding column %u",
                                  (unsigned)column_number);
        return SQL_SUCCESS;
    }
    if (!odbc_is_supported_c_type(c_type))
        return odbc_diag_fail(diags, "HY003", "C type %d is not supported by the driver",
                              (int)c_type);
    if (buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Buffer length %ld is negative",
                              (long)buffer_length);
    if (column_number > INT16_MAX)
        return odbc_diag_fail(diags, "07009", "Column %u is past the last column a descriptor "
                                              "can hold (%d)",
                              (unsigned)column_number, INT16_MAX);
    /* ODBC: SQLBindCol sets the ARD record's type, data pointer, octet
     * length, and both the indicator and octet-length pointers. */
    if (odbc_desc_bind_record(stmt->ard, (SQLSMALLINT)column_number, c_type, target,
                              buffer_length, indicator, indicator) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory binding column %u",
                              (unsigned)column_number);
    return SQL_SUCCESS;
}

SQLSMALLINT odbc_stmt_column_default_c_type(const struct odbc_stmt *stmt,
                                            const struct odbc_result_column *column)
{
    /* ODBC "Default C Data Types": SQL_C_DEFAULT means the C type of the
     * SQL type the column is reported as, so a column SQLDescribeCol calls
     * SQL_WVARCHAR (WideCharTypes) arrives as SQL_C_WCHAR. */
    struct types_column_description description = column->description;
    types_apply_character_policy(&description, stmt->dbc->options.has_wide_char_types
                                                   ? TYPES_CHARACTER_WIDE
                                                   : TYPES_CHARACTER_NARROW);
    return description.default_c_type;
}

/* Address of rowset element row_index of a buffer whose column-wise
 * element is element_size bytes (the ARD's bind type and offset). */
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

static SQLRETURN fill_column(struct odbc_stmt *stmt, const struct odbc_result_column *column,
                             const struct wire_value *value,
                             const struct odbc_desc_record *binding, size_t column_index,
                             size_t row_index)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    SQLINTEGER column_number = (SQLINTEGER)(column_index + 1);
    SQLLEN row_number = (SQLLEN)(row_index + 1);
    SQLSMALLINT c_type = binding->concise_type;
    if (c_type == SQL_C_DEFAULT)
        c_type = odbc_stmt_column_default_c_type(stmt, column);
    size_t fixed_size = odbc_c_type_size(c_type);
    size_t element_size = fixed_size != 0 ? fixed_size : (size_t)binding->octet_length;
    const struct odbc_desc *ard = stmt->ard;
    void *target = element_address(ard, binding->data_ptr, row_index, element_size);
    SQLLEN *indicator = element_address(ard, binding->indicator_ptr, row_index, sizeof(SQLLEN));
    SQLLEN *octet_length = binding->octet_length_ptr == binding->indicator_ptr
                               ? indicator
                               : element_address(ard, binding->octet_length_ptr, row_index,
                                                 sizeof(SQLLEN));
    struct odbc_value_source source = {column->described_oid, column->described_modifier,
                                       column->format_code == 1};
    struct types_piece_state piece = {0, false};
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    if (odbc_convert_column_value(&source, value, c_type, target, binding->octet_length, 0, 0,
                                  &piece, NULL, &outcome, &error) != 0) {
        odbc_diag_add(diags, &error, false, column_number, row_number);
        return SQL_ERROR;
    }
    if (outcome.indicator == SQL_NULL_DATA && indicator == NULL) {
        odbc_diag_post_at(diags, column_number, row_number, "22002",
                          "Column %d is NULL and no indicator was bound for it",
                          (int)column_number);
        return SQL_ERROR;
    }
    /* ODBC: NULL goes to the indicator; a length to the octet-length
     * pointer, and 0 to a separate indicator. */
    if (outcome.indicator == SQL_NULL_DATA) {
        *indicator = SQL_NULL_DATA;
    } else {
        if (octet_length != NULL)
            *octet_length = outcome.indicator;
        if (indicator != NULL && indicator != octet_length)
            *indicator = 0;
    }
    if (outcome.is_truncated) {
        odbc_diag_post_at(diags, column_number, row_number, "01004",
                          "Column %d was truncated to fit its bound buffer of %ld bytes",
                          (int)column_number, (long)binding->octet_length);
        return SQL_SUCCESS_WITH_INFO;
    }
    if (outcome.has_fraction_truncated) {
        odbc_diag_post_at(diags, column_number, row_number, "01S07",
                          "Column %d lost digits converting to its bound type",
                          (int)column_number);
        return SQL_SUCCESS_WITH_INFO;
    }
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_fill_bound_row(struct odbc_stmt *stmt, const struct odbc_result *result,
                                   const struct odbc_row *row, size_t row_index)
{
    if (stmt->attributes.retrieve_data != SQL_RD_ON)
        return SQL_SUCCESS;
    const struct odbc_desc *ard = stmt->ard;
    size_t record_count = (size_t)ard->count;
    size_t bound = record_count < result->column_count ? record_count : result->column_count;
    SQLRETURN row_result = SQL_SUCCESS;
    for (size_t i = 0; i < bound; i++) {
        const struct odbc_desc_record *binding = &ard->records[i];
        if (!odbc_desc_record_is_bound(binding))
            continue;
        struct wire_value value;
        odbc_row_value(row, i, &value);
        SQLRETURN column_result =
            fill_column(stmt, &result->columns[i], &value, binding, i, row_index);
        if (column_result == SQL_ERROR)
            row_result = SQL_ERROR;
        else if (column_result == SQL_SUCCESS_WITH_INFO && row_result == SQL_SUCCESS)
            row_result = SQL_SUCCESS_WITH_INFO;
    }
    return row_result;
}
