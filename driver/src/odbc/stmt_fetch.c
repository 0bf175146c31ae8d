/* Result metadata and fetching: SQLNumResultCols, SQLDescribeCol,
 * SQLColAttribute, SQLBindCol, SQLFetch, SQLFetchScroll.
 * Owns: column descriptions from the row description and the type table,
 * column bindings, and moving the cursor one row forward, filling bound
 * columns (one row per fetch: SQL_ATTR_ROW_ARRAY_SIZE is always 1).
 * Reference: SQLDescribeCol/SQLColAttribute (07009 bad column number,
 * 01004 truncated names, HY091 unknown field), SQLBindCol (HY003 C type,
 * HY090 negative length), SQLFetch (24000 without a cursor, HY010 before
 * execution, SQL_NO_DATA after the last row; a conversion error on the
 * single row is SQL_ERROR, a truncation SQL_SUCCESS_WITH_INFO with 01004),
 * SQLFetchScroll (SQL_FETCH_NEXT only on a forward-only cursor: HY106). */
#include "odbc/stmt.h"

#include <string.h>
#include "odbc/column_value.h"
#include "odbc/strings.h"
#include "types/to_c.h"
#include "util/alloc.h"

static SQLRETURN require_result(struct odbc_stmt *stmt, struct odbc_result **out)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if ((stmt->state != ODBC_STMT_EXECUTED && stmt->state != ODBC_STMT_CURSOR_OPEN) ||
        result == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "The statement has not been executed");
    *out = result;
    return SQL_SUCCESS;
}

static SQLRETURN require_column(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                struct odbc_result_column **out)
{
    struct odbc_result *result = NULL;
    if (stmt->state == ODBC_STMT_PREPARED || stmt->state == ODBC_STMT_ALLOCATED) {
        if (stmt->state == ODBC_STMT_ALLOCATED)
            return odbc_diag_fail(&stmt->header.diags, "HY010",
                                  "The statement has not been prepared or executed");
        return odbc_diag_fail(&stmt->header.diags, "07009",
                              "Column %u is not available: a prepared statement is described "
                              "once it has been executed",
                              (unsigned)column_number);
    }
    SQLRETURN status = require_result(stmt, &result);
    if (status != SQL_SUCCESS)
        return status;
    if (column_number == 0 || column_number > result->column_count)
        return odbc_diag_fail(&stmt->header.diags, "07009",
                              "Column number %u is not between 1 and %zu", (unsigned)column_number,
                              result->column_count);
    *out = &result->columns[column_number - 1];
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_num_result_cols(struct odbc_stmt *stmt, SQLSMALLINT *column_count)
{
    if (column_count == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY009", "The column count pointer is null");
    if (stmt->state == ODBC_STMT_ALLOCATED)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "The statement has not been prepared or executed");
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    /* Prepared but not executed: not described until execution (see stmt_exec.c). */
    *column_count = result != NULL ? odbc_clamp_small(result->column_count) : 0;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_describe_col(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                 SQLCHAR *name, SQLSMALLINT buffer_length,
                                 SQLSMALLINT *name_length, SQLSMALLINT *data_type,
                                 SQLULEN *column_size, SQLSMALLINT *decimal_digits,
                                 SQLSMALLINT *nullable)
{
    if (buffer_length < 0)
        return odbc_diag_fail(&stmt->header.diags, "HY090", "Buffer length %d is negative",
                              (int)buffer_length);
    struct odbc_result_column *column;
    SQLRETURN status = require_column(stmt, column_number, &column);
    if (status != SQL_SUCCESS)
        return status;
    const struct types_column_description *description = &column->description;
    if (!odbc_copy_out_string_small(column->name, strlen(column->name), name, buffer_length,
                                    name_length))
        odbc_diag_post_at(&stmt->header.diags, (SQLINTEGER)column_number, SQL_NO_ROW_NUMBER,
                          "01004", "The name of column %u was truncated to fit the buffer",
                          (unsigned)column_number);
    if (data_type != NULL)
        *data_type = description->concise_type;
    if (column_size != NULL)
        *column_size = description->column_size;
    if (decimal_digits != NULL)
        *decimal_digits = description->decimal_digits;
    if (nullable != NULL)
        *nullable = SQL_NULLABLE_UNKNOWN;
    return SQL_SUCCESS;
}

static const char *literal_affix(const struct types_column_description *description)
{
    if (description->is_character || description->verbose_type == SQL_DATETIME ||
        description->concise_type == SQL_GUID)
        return "'";
    return "";
}

SQLRETURN odbc_stmt_col_attribute(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                  SQLUSMALLINT field, SQLPOINTER character_attribute,
                                  SQLSMALLINT buffer_length, SQLSMALLINT *string_length,
                                  SQLLEN *numeric_attribute)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
        SQLSMALLINT count = 0;
        SQLRETURN status = odbc_stmt_num_result_cols(stmt, &count);
        if (status == SQL_SUCCESS && numeric_attribute != NULL)
            *numeric_attribute = count;
        return status;
    }
    struct odbc_result_column *column;
    SQLRETURN status = require_column(stmt, column_number, &column);
    if (status != SQL_SUCCESS)
        return status;
    const struct types_column_description *description = &column->description;
    const char *text = NULL;
    SQLLEN number = 0;
    switch (field) {
    case SQL_DESC_NAME:
    case SQL_DESC_LABEL:
    case SQL_COLUMN_NAME:
        text = column->name;
        break;
    case SQL_DESC_BASE_COLUMN_NAME:
    case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_TABLE_NAME:
    case SQL_DESC_SCHEMA_NAME:
    case SQL_DESC_CATALOG_NAME:
        /* Naming the table needs a catalog query (a later catalog issue). */
        text = "";
        break;
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME:
        text = description->type_name;
        break;
    case SQL_DESC_LITERAL_PREFIX:
    case SQL_DESC_LITERAL_SUFFIX:
        text = literal_affix(description);
        break;
    case SQL_DESC_TYPE:
        number = description->verbose_type;
        break;
    case SQL_DESC_CONCISE_TYPE:
        number = description->concise_type;
        break;
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        number = description->datetime_subcode;
        break;
    case SQL_DESC_LENGTH:
        /* characters for character types, bytes for binary, else octets */
        number = description->is_character || description->is_binary
                     ? (SQLLEN)description->column_size
                     : description->octet_length;
        break;
    case SQL_COLUMN_LENGTH:
    case SQL_DESC_OCTET_LENGTH:
        number = description->octet_length;
        break;
    case SQL_DESC_DISPLAY_SIZE:
        number = description->display_size;
        break;
    case SQL_DESC_PRECISION:
        /* ODBC 3: fractional-second digits for datetime types */
        number = description->verbose_type == SQL_DATETIME ? description->decimal_digits
                                                            : (SQLLEN)description->column_size;
        break;
    case SQL_COLUMN_PRECISION:
        number = (SQLLEN)description->column_size;
        break;
    case SQL_DESC_SCALE:
    case SQL_COLUMN_SCALE:
        number = description->decimal_digits;
        break;
    case SQL_DESC_NUM_PREC_RADIX:
        number = description->num_prec_radix;
        break;
    case SQL_DESC_NULLABLE:
    case SQL_COLUMN_NULLABLE:
        number = SQL_NULLABLE_UNKNOWN;
        break;
    case SQL_DESC_UNSIGNED:
        number = description->is_unsigned ? SQL_TRUE : SQL_FALSE;
        break;
    case SQL_DESC_AUTO_UNIQUE_VALUE:
        number = SQL_FALSE;
        break;
    case SQL_DESC_CASE_SENSITIVE:
        number = description->is_case_sensitive ? SQL_TRUE : SQL_FALSE;
        break;
    case SQL_DESC_SEARCHABLE:
        number = description->searchable;
        break;
    case SQL_DESC_UPDATABLE:
        number = SQL_ATTR_READWRITE_UNKNOWN;
        break;
    case SQL_DESC_FIXED_PREC_SCALE:
        number = description->is_fixed_precision_scale ? SQL_TRUE : SQL_FALSE;
        break;
    case SQL_DESC_UNNAMED:
        number = column->name[0] != '\0' ? SQL_NAMED : SQL_UNNAMED;
        break;
    default:
        return odbc_diag_fail(diags, "HY091",
                              "Column attribute %u is not known to the driver", (unsigned)field);
    }
    if (text != NULL) {
        if (buffer_length < 0)
            return odbc_diag_fail(diags, "HY090", "Buffer length %d is negative",
                                  (int)buffer_length);
        if (!odbc_copy_out_string_small(text, strlen(text), character_attribute, buffer_length,
                                        string_length))
            odbc_diag_post_at(diags, (SQLINTEGER)column_number, SQL_NO_ROW_NUMBER, "01004",
                              "Attribute %u of column %u was truncated to fit the buffer",
                              (unsigned)field, (unsigned)column_number);
        return SQL_SUCCESS;
    }
    if (numeric_attribute != NULL)
        *numeric_attribute = number;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_bind_col(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                             SQLSMALLINT c_type, SQLPOINTER target, SQLLEN buffer_length,
                             SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (column_number == 0)
        return odbc_diag_fail(diags, "07009",
                              "Column 0 is the bookmark column; bookmarks are not supported");
    if (target == NULL && indicator == NULL) {
        if (column_number <= stmt->binding_count)
            stmt->bindings[column_number - 1].is_bound = false;
        return SQL_SUCCESS;
    }
    if (!odbc_is_supported_c_type(c_type))
        return odbc_diag_fail(diags, "HY003", "C type %d is not supported by the driver",
                              (int)c_type);
    if (buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Buffer length %ld is negative",
                              (long)buffer_length);
    if (column_number > stmt->binding_count) {
        struct odbc_column_binding *grown =
            alloc_resize_array(stmt->bindings, column_number, sizeof *grown);
        if (grown == NULL)
            return odbc_diag_fail(diags, "HY001", "Out of memory binding column %u",
                                  (unsigned)column_number);
        memset(grown + stmt->binding_count, 0,
               (column_number - stmt->binding_count) * sizeof *grown);
        stmt->bindings = grown;
        stmt->binding_count = column_number;
    }
    struct odbc_column_binding *binding = &stmt->bindings[column_number - 1];
    binding->is_bound = true;
    binding->c_type = c_type;
    binding->target = target;
    binding->buffer_length = buffer_length;
    binding->indicator = indicator;
    return SQL_SUCCESS;
}

static void *offset_pointer(void *pointer, SQLULEN *bind_offset)
{
    if (pointer == NULL || bind_offset == NULL)
        return pointer;
    return (char *)pointer + *bind_offset;
}

/* Converts one bound column of the current row. Returns SQL_SUCCESS,
 * SQL_SUCCESS_WITH_INFO (01004/01S07 posted) or SQL_ERROR (posted). */
static SQLRETURN fill_binding(struct odbc_stmt *stmt, struct odbc_result *result,
                              size_t column_index, const struct odbc_column_binding *binding)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    SQLINTEGER column_number = (SQLINTEGER)(column_index + 1);
    const struct odbc_result_column *column = &result->columns[column_index];
    const struct odbc_value_ref *ref =
        &result->values[(stmt->current_row - 1) * result->column_count + column_index];
    struct odbc_value_view view = {result->arena.data + ref->offset, ref->length_bytes,
                                   ref->is_null, column->type_oid};
    if (ref->is_null)
        view.data = NULL;
    SQLLEN *indicator = offset_pointer(binding->indicator, stmt->attributes.row_bind_offset);
    void *target = offset_pointer(binding->target, stmt->attributes.row_bind_offset);
    SQLSMALLINT c_type =
        odbc_resolve_c_type(binding->c_type, column->description.default_c_type);
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    if (odbc_convert_value(&view, c_type, 0, target, binding->buffer_length, &outcome, &error) !=
        0) {
        odbc_diag_add(diags, &error, false, column_number, 1);
        return SQL_ERROR;
    }
    if (outcome.indicator == SQL_NULL_DATA && indicator == NULL) {
        odbc_diag_post_at(diags, column_number, 1, "22002",
                          "Column %d is NULL and no indicator was bound for it",
                          (int)column_number);
        return SQL_ERROR;
    }
    if (indicator != NULL)
        *indicator = outcome.indicator;
    if (outcome.is_truncated) {
        odbc_diag_post_at(diags, column_number, 1, "01004",
                          "Column %d was truncated to fit its bound buffer of %ld bytes",
                          (int)column_number, (long)binding->buffer_length);
        return SQL_SUCCESS_WITH_INFO;
    }
    if (outcome.has_fraction_truncated) {
        odbc_diag_post_at(diags, column_number, 1, "01S07",
                          "Column %d lost digits converting to its bound type",
                          (int)column_number);
        return SQL_SUCCESS_WITH_INFO;
    }
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_fetch(struct odbc_stmt *stmt)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (stmt->state == ODBC_STMT_EXECUTED)
        return odbc_diag_fail(diags, "24000", "The statement did not produce a result set");
    if (stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(diags, "HY010", "The statement has not been executed");
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    stmt->getdata_column = 0;
    stmt->getdata_offset = 0;
    stmt->getdata_is_done = false;
    if (stmt->attributes.rows_fetched != NULL)
        *stmt->attributes.rows_fetched = 0;
    if (stmt->is_after_last || stmt->current_row >= result->row_count) {
        stmt->is_after_last = true;
        stmt->current_row = result->row_count + 1;
        if (stmt->attributes.row_status != NULL)
            stmt->attributes.row_status[0] = SQL_ROW_NOROW;
        return SQL_NO_DATA;
    }
    stmt->current_row++;
    SQLRETURN row_result = SQL_SUCCESS;
    if (stmt->attributes.retrieve_data == SQL_RD_ON) {
        size_t bound = stmt->binding_count < result->column_count ? stmt->binding_count
                                                                   : result->column_count;
        for (size_t i = 0; i < bound; i++) {
            if (!stmt->bindings[i].is_bound)
                continue;
            SQLRETURN column_result = fill_binding(stmt, result, i, &stmt->bindings[i]);
            if (column_result == SQL_ERROR)
                row_result = SQL_ERROR;
            else if (column_result == SQL_SUCCESS_WITH_INFO && row_result == SQL_SUCCESS)
                row_result = SQL_SUCCESS_WITH_INFO;
        }
    }
    if (stmt->attributes.rows_fetched != NULL)
        *stmt->attributes.rows_fetched = 1;
    if (stmt->attributes.row_status != NULL)
        stmt->attributes.row_status[0] =
            row_result == SQL_ERROR                   ? SQL_ROW_ERROR
            : row_result == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO
                                                      : SQL_ROW_SUCCESS;
    return row_result;
}

SQLRETURN odbc_stmt_fetch_scroll(struct odbc_stmt *stmt, SQLSMALLINT orientation, SQLLEN offset)
{
    (void)offset;
    if (orientation != SQL_FETCH_NEXT) {
        if (orientation < SQL_FETCH_NEXT || orientation > SQL_FETCH_BOOKMARK)
            return odbc_diag_fail(&stmt->header.diags, "HY106",
                                  "Fetch orientation %d is not a fetch type", (int)orientation);
        return odbc_diag_fail(&stmt->header.diags, "HY106",
                              "The cursor is forward-only: only SQL_FETCH_NEXT is allowed, "
                              "not orientation %d",
                              (int)orientation);
    }
    return odbc_stmt_fetch(stmt);
}
