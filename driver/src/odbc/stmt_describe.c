/* Result metadata: SQLNumResultCols, SQLDescribeCol, SQLColAttribute.
 * Owns: answering each IRD field from the row description, the type table
 * and, when the application asks for something only the catalogs know,
 * the look-ups of stmt_metadata.c: the name and base type of OIDs the
 * type table does not know (domains describe as their base type), and for
 * table columns NOT NULL and the base column, table and schema names.
 * After SQLPrepare the columns come from the prepared statement's
 * Describe, so metadata is available before execution. A look-up needs
 * the connection: asked while a result streams (SQLDescribeCol with a
 * Nullable pointer over table columns, the base-name and nullable fields
 * of SQLColAttribute, or an unknown type OID), it buffers the rest of
 * that result first — for nullability and base names only up to 1 MB of
 * the statement's own result, past which they stay unknown for that
 * result rather than holding it all. Each answer is cached per
 * connection and answered from the cache first, so later results of the
 * same tables and types stream untouched.
 * Character columns are reported narrow or wide as the connection's
 * WideCharTypes keyword says (types_apply_character_policy).
 * Reference: SQLDescribeCol, SQLColAttribute (07009 bad column number,
 * 01004 truncated text, HY091 unknown field, HY090 negative length),
 * "Column Size, Decimal Digits, Transfer Octet Length, and Display Size",
 * SQLColAttribute's field table. */
#include "odbc/stmt.h"

#include <string.h>
#include "odbc/stmt_bookmark.h"
#include "odbc/strings.h"

struct odbc_result *odbc_stmt_described_result(struct odbc_stmt *stmt)
{
    if (stmt->state == ODBC_STMT_EXECUTED || stmt->state == ODBC_STMT_CURSOR_OPEN)
        return odbc_stmt_current_result(stmt);
    if (stmt->state == ODBC_STMT_PREPARED && stmt->is_described)
        return &stmt->described;
    return NULL;
}

static bool needs_type_lookup(const struct odbc_result *result)
{
    if (result->are_types_resolved)
        return false;
    for (size_t i = 0; i < result->column_count; i++) {
        if (!types_is_known_oid(result->columns[i].type_oid))
            return true;
    }
    return false;
}

static bool needs_attribute_lookup(const struct odbc_result *result)
{
    if (result->are_attributes_resolved)
        return false;
    for (size_t i = 0; i < result->column_count; i++) {
        if (result->columns[i].table_oid != 0)
            return true;
    }
    return false;
}

/* Runs the catalog look-ups the answer needs. A failed look-up leaves the
 * metadata as the row description alone tells it (no error). */
static void resolve_metadata(struct odbc_stmt *stmt, bool wants_attributes)
{
    struct odbc_result *result = odbc_stmt_described_result(stmt);
    if (result == NULL)
        return;
    bool types = needs_type_lookup(result) && !odbc_stmt_apply_cached_types(stmt, result);
    bool attributes = wants_attributes && needs_attribute_lookup(result) &&
                      !odbc_stmt_apply_cached_attributes(stmt, result);
    if (!types && !attributes)
        return;
    struct error error;
    error_init(&error);
    /* Nullability and base names are worth a small result's buffering,
     * not a large one's: past ODBC_STREAM_PREFIX_BYTES this statement's
     * result keeps streaming and they stay unknown for it (the reference
     * allows SQL_NULLABLE_UNKNOWN and empty base names). Types decide
     * conversions, so for them the whole result is buffered. */
    if (!types && stmt->stream.is_active) {
        if (odbc_stmt_buffer_prefix(stmt, ODBC_STREAM_PREFIX_BYTES, &error) != 1)
            return;
    }
    /* The connection is needed: a streaming result (this statement's too)
     * is buffered first, which may move the results. */
    if (odbc_dbc_claim_connection(stmt->dbc, NULL, &error) != 0)
        return;
    result = odbc_stmt_described_result(stmt);
    if (result == NULL)
        return;
    if (types && odbc_stmt_resolve_types(stmt, result, &error) != 0)
        result->are_types_resolved = true; /* do not retry on every call */
    error_init(&error);
    if (attributes && odbc_stmt_resolve_attributes(stmt, result, &error) != 0)
        result->are_attributes_resolved = true;
}

static SQLRETURN require_column(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                bool wants_attributes, struct odbc_result_column **out)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (stmt->state == ODBC_STMT_ALLOCATED)
        return odbc_diag_fail(diags, "HY010", "The statement has not been prepared or executed");
    resolve_metadata(stmt, wants_attributes);
    struct odbc_result *result = odbc_stmt_described_result(stmt);
    if (result == NULL) {
        if (stmt->state == ODBC_STMT_PREPARED)
            return odbc_diag_fail(diags, "07009",
                                  "Column %u is not available: a string of several statements "
                                  "is described once it has been executed",
                                  (unsigned)column_number);
        return odbc_diag_fail(diags, "HY010", "The statement has not been executed");
    }
    if (column_number == 0 || column_number > result->column_count)
        return odbc_diag_fail(diags, "07009", "Column number %u is not between 1 and %zu",
                              (unsigned)column_number, result->column_count);
    *out = &result->columns[column_number - 1];
    return SQL_SUCCESS;
}

/* The column's description as this connection reports it. */
static struct types_column_description reported_description(const struct odbc_stmt *stmt,
                                                            const struct odbc_result_column *column)
{
    struct types_column_description description = column->description;
    types_apply_character_policy(&description, stmt->dbc->options.has_wide_char_types
                                                   ? TYPES_CHARACTER_WIDE
                                                   : TYPES_CHARACTER_NARROW);
    return description;
}

static SQLSMALLINT nullable_of(const struct odbc_result_column *column)
{
    if (column->attribute == NULL)
        return SQL_NULLABLE_UNKNOWN;
    return column->attribute->is_not_null ? SQL_NO_NULLS : SQL_NULLABLE;
}

SQLRETURN odbc_stmt_num_result_cols(struct odbc_stmt *stmt, SQLSMALLINT *column_count)
{
    if (column_count == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY009", "The column count pointer is null");
    if (stmt->state == ODBC_STMT_ALLOCATED)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "The statement has not been prepared or executed");
    struct odbc_result *result = odbc_stmt_described_result(stmt);
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
    if (column_number == 0)
        return odbc_stmt_describe_bookmark(stmt, name, buffer_length, name_length, data_type,
                                           column_size, decimal_digits, nullable);
    struct odbc_result_column *column;
    SQLRETURN status = require_column(stmt, column_number, nullable != NULL, &column);
    if (status != SQL_SUCCESS)
        return status;
    const struct types_column_description reported = reported_description(stmt, column);
    const struct types_column_description *description = &reported;
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
        *nullable = nullable_of(column);
    return SQL_SUCCESS;
}

static const char *literal_prefix(const struct types_column_description *description)
{
    if (description->is_binary)
        return "'\\x";
    if (description->is_character || description->verbose_type == SQL_DATETIME ||
        description->concise_type == SQL_GUID)
        return "'";
    return "";
}

static const char *literal_suffix(const struct types_column_description *description)
{
    if (description->is_binary || description->is_character ||
        description->verbose_type == SQL_DATETIME || description->concise_type == SQL_GUID)
        return "'";
    return "";
}

static bool is_attribute_field(SQLUSMALLINT field)
{
    return field == SQL_DESC_BASE_COLUMN_NAME || field == SQL_DESC_BASE_TABLE_NAME ||
           field == SQL_DESC_TABLE_NAME || field == SQL_DESC_SCHEMA_NAME ||
           field == SQL_DESC_NULLABLE || field == SQL_COLUMN_NULLABLE ||
           field == SQL_DESC_AUTO_UNIQUE_VALUE || field == SQL_COLUMN_AUTO_INCREMENT;
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
    if (column_number == 0)
        return odbc_stmt_bookmark_attribute(stmt, field, character_attribute, buffer_length,
                                            string_length, numeric_attribute);
    struct odbc_result_column *column;
    SQLRETURN status = require_column(stmt, column_number, is_attribute_field(field), &column);
    if (status != SQL_SUCCESS)
        return status;
    const struct types_column_description reported = reported_description(stmt, column);
    const struct types_column_description *description = &reported;
    const struct odbc_attribute_info *attribute = column->attribute;
    const char *text = NULL;
    SQLLEN number = 0;
    switch (field) {
    case SQL_DESC_NAME:
    case SQL_DESC_LABEL:
    case SQL_COLUMN_NAME:
        text = column->name;
        break;
    case SQL_DESC_BASE_COLUMN_NAME:
        text = attribute != NULL ? attribute->column_name : "";
        break;
    case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_TABLE_NAME:
        text = attribute != NULL ? attribute->table_name : "";
        break;
    case SQL_DESC_SCHEMA_NAME:
        text = attribute != NULL ? attribute->schema_name : "";
        break;
    case SQL_DESC_CATALOG_NAME:
        text = ""; /* PostgreSQL has no catalogs in the ODBC sense */
        break;
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME:
        text = description->type_name;
        break;
    case SQL_DESC_LITERAL_PREFIX:
        text = literal_prefix(description);
        break;
    case SQL_DESC_LITERAL_SUFFIX:
        text = literal_suffix(description);
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
        number = nullable_of(column);
        break;
    case SQL_DESC_UNSIGNED:
        number = description->is_unsigned ? SQL_TRUE : SQL_FALSE;
        break;
    case SQL_DESC_AUTO_UNIQUE_VALUE:
        number = attribute != NULL && attribute->is_auto_increment ? SQL_TRUE : SQL_FALSE;
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
