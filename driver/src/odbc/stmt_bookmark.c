/* Bookmarks: column 0 of a result when SQL_ATTR_USE_BOOKMARKS is on.
 * Owns: column 0's binding, the bookmark's bytes (the row number, see
 * stmt_bookmark.h), writing it into bound buffers, reading one back, and
 * what SQLGetData, SQLDescribeCol and SQLColAttribute say of column 0.
 * Reference: "Bookmarks (ODBC)", "Retrieving Bookmarks" (column 0, bound
 * or read with SQLGetData), SQLBindCol (07009: column 0 without
 * bookmarks; SQL_C_VARBOOKMARK for variable bookmarks, SQL_C_BOOKMARK
 * for fixed ones), SQLColAttribute and SQLDescribeCol of column 0
 * (variable bookmarks describe as SQL_BINARY of their length). */
#include "odbc/stmt.h"
#include "odbc/stmt_bookmark.h"

#include <stdint.h>
#include <string.h>
#include "odbc/strings.h"

static bool is_on(const struct odbc_stmt *stmt)
{
    return stmt->attributes.use_bookmarks != SQL_UB_OFF;
}

/* The C types column 0 takes: binary (SQL_C_VARBOOKMARK) and the integer
 * forms of a fixed bookmark (SQL_C_BOOKMARK is SQL_C_UBIGINT or
 * SQL_C_ULONG, as sqlext.h decides). 0: not a bookmark type. */
static size_t integer_size(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_UBIGINT:
    case SQL_C_SBIGINT:
        return 8;
    case SQL_C_ULONG:
    case SQL_C_SLONG:
    case SQL_C_LONG:
        return 4;
    default:
        return 0;
    }
}

static SQLSMALLINT resolve_c_type(const struct odbc_stmt *stmt, SQLSMALLINT c_type)
{
    if (c_type != SQL_C_DEFAULT)
        return c_type;
    return stmt->attributes.use_bookmarks == SQL_UB_VARIABLE ? SQL_C_VARBOOKMARK
                                                             : SQL_C_BOOKMARK;
}

bool odbc_stmt_has_bookmark_binding(const struct odbc_stmt *stmt)
{
    return stmt->bookmark.target != NULL || stmt->bookmark.indicator != NULL;
}

SQLRETURN odbc_stmt_bind_bookmark(struct odbc_stmt *stmt, SQLSMALLINT c_type, SQLPOINTER target,
                                  SQLLEN buffer_length, SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (target == NULL && indicator == NULL) {
        memset(&stmt->bookmark, 0, sizeof stmt->bookmark);
        return SQL_SUCCESS;
    }
    if (!is_on(stmt))
        return odbc_diag_fail(diags, "07009",
                              "Column 0 is the bookmark column; set SQL_ATTR_USE_BOOKMARKS "
                              "before binding it");
    SQLSMALLINT resolved = resolve_c_type(stmt, c_type);
    if (resolved != SQL_C_BINARY && integer_size(resolved) == 0)
        return odbc_diag_fail(diags, "HY003",
                              "C type %d cannot hold a bookmark: use SQL_C_VARBOOKMARK or "
                              "SQL_C_BOOKMARK",
                              (int)c_type);
    if (buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Buffer length %ld is negative",
                              (long)buffer_length);
    stmt->bookmark.c_type = resolved;
    stmt->bookmark.target = target;
    stmt->bookmark.buffer_length = buffer_length;
    stmt->bookmark.indicator = indicator;
    return SQL_SUCCESS;
}

/* Element row_index of a column-0 buffer whose column-wise element is
 * element_size bytes (the ARD's bind type and offset, as for any column). */
static void *element_address(const struct odbc_stmt *stmt, void *base, size_t row_index,
                             size_t element_size)
{
    if (base == NULL)
        return NULL;
    const struct odbc_desc *ard = stmt->ard;
    char *address = base;
    if (ard->bind_offset_ptr != NULL)
        address += *ard->bind_offset_ptr;
    if (ard->bind_type == SQL_BIND_BY_COLUMN)
        address += row_index * element_size;
    else
        address += row_index * (size_t)ard->bind_type;
    return address;
}

static size_t element_size(const struct odbc_bookmark_binding *binding)
{
    size_t size = integer_size(binding->c_type);
    return size != 0 ? size : (size_t)binding->buffer_length;
}

/* Writes a bookmark in c_type into target (capacity bytes for binary).
 * Returns the bytes the whole value takes. */
static size_t write_bookmark(SQLSMALLINT c_type, void *target, size_t capacity,
                             size_t row_number)
{
    size_t size = integer_size(c_type);
    if (size == 4) {
        uint32_t value = (uint32_t)row_number;
        if (target != NULL)
            memcpy(target, &value, sizeof value);
        return sizeof value;
    }
    uint64_t value = (uint64_t)row_number;
    if (target != NULL)
        memcpy(target, &value, size == 8 || capacity >= sizeof value ? sizeof value : capacity);
    return sizeof value;
}

void odbc_stmt_fill_bookmark(struct odbc_stmt *stmt, size_t row_number, size_t row_index)
{
    const struct odbc_bookmark_binding *binding = &stmt->bookmark;
    if (!odbc_stmt_has_bookmark_binding(stmt))
        return;
    void *target = element_address(stmt, binding->target, row_index, element_size(binding));
    SQLLEN *indicator = element_address(stmt, binding->indicator, row_index, sizeof(SQLLEN));
    size_t length = write_bookmark(binding->c_type, target, (size_t)binding->buffer_length,
                                   row_number);
    if (indicator != NULL)
        *indicator = (SQLLEN)length;
}

const void *odbc_stmt_bookmark_element(const struct odbc_stmt *stmt, size_t row_index)
{
    const struct odbc_bookmark_binding *binding = &stmt->bookmark;
    return element_address(stmt, binding->target, row_index, element_size(binding));
}

bool odbc_stmt_read_bookmark(const struct odbc_stmt *stmt, const struct odbc_result *result,
                             const void *bookmark, size_t *row_number)
{
    if (bookmark == NULL || result == NULL)
        return false;
    uint64_t value;
    if (odbc_stmt_has_bookmark_binding(stmt) && integer_size(stmt->bookmark.c_type) == 4) {
        uint32_t narrow;
        memcpy(&narrow, bookmark, sizeof narrow);
        value = narrow;
    } else {
        memcpy(&value, bookmark, sizeof value);
    }
    if (value <= result->row_base || value - result->row_base > result->row_count)
        return false;
    *row_number = (size_t)value;
    return true;
}

/* The row SQLGetData reads (the rowset's first, or SQLSetPos's). */
static bool current_row_number(struct odbc_stmt *stmt, size_t *row_number)
{
    if (stmt->state != ODBC_STMT_CURSOR_OPEN || stmt->rowset_start == 0 ||
        stmt->rowset_rows == 0 || stmt->is_after_last)
        return false;
    *row_number = stmt->rowset_start + stmt->positioned_row_index;
    return true;
}

SQLRETURN odbc_stmt_get_bookmark_data(struct odbc_stmt *stmt, SQLSMALLINT c_type,
                                      SQLPOINTER target, SQLLEN buffer_length,
                                      SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (!is_on(stmt))
        return odbc_diag_fail(diags, "07009",
                              "Column 0 is the bookmark column and bookmarks are off");
    size_t row_number;
    if (!current_row_number(stmt, &row_number))
        return odbc_diag_fail(diags, "24000", "No row is current: call SQLFetch first");
    SQLSMALLINT resolved = resolve_c_type(stmt, c_type);
    if (resolved != SQL_C_BINARY && integer_size(resolved) == 0)
        return odbc_diag_fail(diags, "07006",
                              "A bookmark cannot be converted to C type %d: use "
                              "SQL_C_VARBOOKMARK or SQL_C_BOOKMARK",
                              (int)c_type);
    if (buffer_length < 0 && resolved == SQL_C_BINARY)
        return odbc_diag_fail(diags, "HY090", "Buffer length %ld is negative",
                              (long)buffer_length);
    size_t capacity = resolved == SQL_C_BINARY ? (size_t)buffer_length : ODBC_BOOKMARK_BYTES;
    size_t length = write_bookmark(resolved, target, capacity, row_number);
    if (indicator != NULL)
        *indicator = (SQLLEN)length;
    if (resolved == SQL_C_BINARY && capacity < length) {
        odbc_diag_post(diags, "01004",
                       "The bookmark takes %zu bytes; the buffer holds %zu", length, capacity);
        return SQL_SUCCESS_WITH_INFO;
    }
    return SQL_SUCCESS;
}

/* Variable bookmarks are binary of their length; fixed ones an integer. */
static SQLSMALLINT bookmark_sql_type(const struct odbc_stmt *stmt)
{
    return stmt->attributes.use_bookmarks == SQL_UB_VARIABLE ? SQL_BINARY : SQL_BIGINT;
}

static SQLRETURN require_bookmarks(struct odbc_stmt *stmt)
{
    if (!is_on(stmt))
        return odbc_diag_fail(&stmt->header.diags, "07009",
                              "Column 0 is the bookmark column and bookmarks are off");
    if (odbc_stmt_described_result(stmt) == NULL)
        return odbc_diag_fail(&stmt->header.diags, "07005",
                              "The statement did not produce a result set");
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_describe_bookmark(struct odbc_stmt *stmt, SQLCHAR *name,
                                      SQLSMALLINT buffer_length, SQLSMALLINT *name_length,
                                      SQLSMALLINT *data_type, SQLULEN *column_size,
                                      SQLSMALLINT *decimal_digits, SQLSMALLINT *nullable)
{
    SQLRETURN ready = require_bookmarks(stmt);
    if (ready != SQL_SUCCESS)
        return ready;
    odbc_copy_out_string_small("", 0, name, buffer_length, name_length);
    if (data_type != NULL)
        *data_type = bookmark_sql_type(stmt);
    if (column_size != NULL)
        *column_size = bookmark_sql_type(stmt) == SQL_BINARY ? ODBC_BOOKMARK_BYTES : 20;
    if (decimal_digits != NULL)
        *decimal_digits = 0;
    if (nullable != NULL)
        *nullable = SQL_NO_NULLS;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_bookmark_attribute(struct odbc_stmt *stmt, SQLUSMALLINT field,
                                       SQLPOINTER character_attribute,
                                       SQLSMALLINT buffer_length, SQLSMALLINT *string_length,
                                       SQLLEN *numeric_attribute)
{
    SQLRETURN ready = require_bookmarks(stmt);
    if (ready != SQL_SUCCESS)
        return ready;
    SQLLEN number = 0;
    bool is_text = false;
    SQLSMALLINT sql_type = bookmark_sql_type(stmt);
    switch (field) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
        number = sql_type;
        break;
    case SQL_DESC_LENGTH:
    case SQL_DESC_OCTET_LENGTH:
    case SQL_COLUMN_LENGTH:
        number = ODBC_BOOKMARK_BYTES;
        break;
    case SQL_DESC_PRECISION:
    case SQL_COLUMN_PRECISION:
        number = sql_type == SQL_BINARY ? 0 : 20;
        break;
    case SQL_DESC_DISPLAY_SIZE:
        number = sql_type == SQL_BINARY ? 2 * ODBC_BOOKMARK_BYTES : 20;
        break;
    case SQL_DESC_NULLABLE:
    case SQL_COLUMN_NULLABLE:
        number = SQL_NO_NULLS;
        break;
    case SQL_DESC_UNSIGNED:
        number = SQL_TRUE;
        break;
    case SQL_DESC_UPDATABLE:
        number = SQL_ATTR_READONLY;
        break;
    case SQL_DESC_SEARCHABLE:
        number = SQL_PRED_NONE;
        break;
    case SQL_DESC_UNNAMED:
        number = SQL_UNNAMED;
        break;
    case SQL_DESC_NUM_PREC_RADIX:
    case SQL_DESC_SCALE:
    case SQL_COLUMN_SCALE:
    case SQL_DESC_AUTO_UNIQUE_VALUE:
    case SQL_DESC_CASE_SENSITIVE:
    case SQL_DESC_FIXED_PREC_SCALE:
        number = SQL_FALSE;
        break;
    case SQL_DESC_NAME:
    case SQL_DESC_LABEL:
    case SQL_COLUMN_NAME:
    case SQL_DESC_BASE_COLUMN_NAME:
    case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_TABLE_NAME:
    case SQL_DESC_SCHEMA_NAME:
    case SQL_DESC_CATALOG_NAME:
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME:
    case SQL_DESC_LITERAL_PREFIX:
    case SQL_DESC_LITERAL_SUFFIX:
        is_text = true;
        break;
    default:
        return odbc_diag_fail(&stmt->header.diags, "HY091",
                              "Field %u is not a column attribute", (unsigned)field);
    }
    if (is_text) {
        odbc_copy_out_string_small("", 0, character_attribute, buffer_length, string_length);
        return SQL_SUCCESS;
    }
    if (numeric_attribute != NULL)
        *numeric_attribute = number;
    return SQL_SUCCESS;
}
