/* Exported W statement functions: SQLExecDirectW, SQLPrepareW,
 * SQLDescribeColW, SQLColAttributeW, SQLGetStmtAttrW, SQLSetStmtAttrW,
 * SQLGetCursorNameW, SQLSetCursorNameW (the catalog functions' W forms are
 * in api_wide_catalog.c).
 * Each locks and checks as its narrow twin in api_stmt.c does (STMT_CALL),
 * converts the application's UTF-16 once (wide.h), calls the same odbc_
 * function, and converts its UTF-8 answer once.
 * Units, from each function's reference page: SQLExecDirectW and
 * SQLPrepareW text lengths, SQLDescribeColW's and the cursor name
 * functions' lengths are characters (SQLWCHARs); SQLColAttributeW's
 * lengths are bytes.
 * SQLGetStmtAttrW/SQLSetStmtAttrW: ODBC defines no character-string
 * statement attribute, so they pass through; they exist because unixODBC
 * calls the W form of every function once an application connected with
 * SQLConnectW or SQLDriverConnectW (see api_wide_dbc.c). */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include "odbc/api_shim.h"
#include "odbc/stmt_cursor_name.h"
#include "odbc/strings.h"
#include "odbc/wide.h"

typedef SQLRETURN (*statement_text_call)(struct odbc_stmt *stmt, const SQLCHAR *text,
                                         SQLINTEGER length);

static SQLRETURN run_text_wide(struct odbc_stmt *stmt, SQLWCHAR *text, SQLINTEGER length_units,
                               statement_text_call call)
{
    struct odbc_wide_in in = {0};
    SQLRETURN result = SQL_ERROR;
    if (odbc_wide_in_convert(&in, text, length_units, "statement text", &stmt->header.diags))
        result = call(stmt, odbc_wide_in_chars(&in), odbc_wide_in_integer_length(&in));
    odbc_wide_in_free(&in);
    return result;
}

static SQLRETURN async_exec_direct_wide(const uintptr_t *a)
{
    return SQLExecDirectW((SQLHSTMT)a[0], (SQLWCHAR *)a[1], (SQLINTEGER)(intptr_t)a[2]);
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText,
                                 SQLINTEGER TextLength)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLEXECDIRECT, async_exec_direct_wide,
                     (uintptr_t)StatementHandle, (uintptr_t)StatementText,
                     (uintptr_t)(intptr_t)TextLength);
    STMT_CALL(StatementHandle,
                   run_text_wide(stmt, StatementText, TextLength, odbc_stmt_exec_direct));
}

static SQLRETURN async_prepare_wide(const uintptr_t *a)
{
    return SQLPrepareW((SQLHSTMT)a[0], (SQLWCHAR *)a[1], (SQLINTEGER)(intptr_t)a[2]);
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText,
                              SQLINTEGER TextLength)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLPREPARE, async_prepare_wide,
                     (uintptr_t)StatementHandle, (uintptr_t)StatementText,
                     (uintptr_t)(intptr_t)TextLength);
    STMT_CALL(StatementHandle,
                   run_text_wide(stmt, StatementText, TextLength, odbc_stmt_prepare));
}

static SQLRETURN describe_col_wide(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                   SQLWCHAR *name, SQLSMALLINT buffer_units,
                                   SQLSMALLINT *name_length_units, SQLSMALLINT *data_type,
                                   SQLULEN *column_size, SQLSMALLINT *decimal_digits,
                                   SQLSMALLINT *nullable)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (buffer_units < 0)
        return odbc_stmt_describe_col(stmt, column_number, NULL, buffer_units, NULL, data_type,
                                      column_size, decimal_digits, nullable);
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLSMALLINT length_bytes = 0;
    if (odbc_wide_out_init(&out, (size_t)buffer_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_stmt_describe_col(stmt, column_number, (SQLCHAR *)out.text,
                                            odbc_wide_out_small_capacity(&out), &length_bytes,
                                            data_type, column_size, decimal_digits, nullable);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        char what[48];
        snprintf(what, sizeof what, "The name of column %u", (unsigned)column_number);
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, name,
                                                  (size_t)buffer_units, what, diags);
        if (name_length_units != NULL)
            *name_length_units = odbc_clamp_small(total_units);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                  SQLWCHAR *ColumnName, SQLSMALLINT BufferLength,
                                  SQLSMALLINT *NameLength, SQLSMALLINT *DataType,
                                  SQLULEN *ColumnSize, SQLSMALLINT *DecimalDigits,
                                  SQLSMALLINT *Nullable)
{
    STMT_CALL(StatementHandle,
                   describe_col_wide(stmt, ColumnNumber, ColumnName, BufferLength, NameLength,
                                     DataType, ColumnSize, DecimalDigits, Nullable));
}

/* SQLColAttribute's character-string fields (its reference page), with
 * the ODBC 2 SQLColAttributes fields the driver manager maps to it. */
static bool is_string_field(SQLUSMALLINT field)
{
    switch (field) {
    case SQL_DESC_BASE_COLUMN_NAME:
    case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_CATALOG_NAME: /* = SQL_COLUMN_QUALIFIER_NAME */
    case SQL_DESC_LABEL:        /* = SQL_COLUMN_LABEL */
    case SQL_DESC_LITERAL_PREFIX:
    case SQL_DESC_LITERAL_SUFFIX:
    case SQL_DESC_LOCAL_TYPE_NAME:
    case SQL_DESC_NAME:
    case SQL_DESC_SCHEMA_NAME: /* = SQL_COLUMN_OWNER_NAME */
    case SQL_DESC_TABLE_NAME:  /* = SQL_COLUMN_TABLE_NAME */
    case SQL_DESC_TYPE_NAME:   /* = SQL_COLUMN_TYPE_NAME */
    case SQL_COLUMN_NAME:
        return true;
    default:
        return false;
    }
}

static SQLRETURN col_attribute_wide(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                    SQLUSMALLINT field, SQLPOINTER character_attribute,
                                    SQLSMALLINT buffer_length_bytes,
                                    SQLSMALLINT *string_length_bytes, SQLLEN *numeric_attribute)
{
    if (!is_string_field(field) || buffer_length_bytes < 0)
        return odbc_stmt_col_attribute(stmt, column_number, field, character_attribute,
                                       buffer_length_bytes, string_length_bytes,
                                       numeric_attribute);
    struct odbc_diag_list *diags = &stmt->header.diags;
    size_t capacity_units = (size_t)buffer_length_bytes / ODBC_WIDE_BYTES_PER_UNIT;
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLSMALLINT length_bytes = 0;
    if (odbc_wide_out_init(&out, capacity_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_stmt_col_attribute(stmt, column_number, field, out.text,
                                             odbc_wide_out_small_capacity(&out), &length_bytes,
                                             numeric_attribute);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        char what[64];
        snprintf(what, sizeof what, "Attribute %u of column %u", (unsigned)field,
                 (unsigned)column_number);
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, character_attribute,
                                                  capacity_units, what, diags);
        if (string_length_bytes != NULL)
            *string_length_bytes = odbc_clamp_small(total_units * ODBC_WIDE_BYTES_PER_UNIT);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                   SQLUSMALLINT FieldIdentifier, SQLPOINTER CharacterAttribute,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                   SQLLEN *NumericAttribute)
{
    STMT_CALL(StatementHandle,
                   col_attribute_wide(stmt, ColumnNumber, FieldIdentifier, CharacterAttribute,
                                      BufferLength, StringLength, NumericAttribute));
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute,
                                  SQLPOINTER Value, SQLINTEGER StringLength)
{
    STMT_CALL(StatementHandle, odbc_stmt_set_attr(stmt, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute,
                                  SQLPOINTER Value, SQLINTEGER BufferLength,
                                  SQLINTEGER *StringLength)
{
    STMT_CALL(StatementHandle,
                   odbc_stmt_get_attr(stmt, Attribute, Value, BufferLength, StringLength));
}

static SQLRETURN get_cursor_name_wide(struct odbc_stmt *stmt, SQLWCHAR *name,
                                      SQLSMALLINT buffer_units, SQLSMALLINT *name_length_units)
{
    if (buffer_units < 0)
        return odbc_stmt_get_cursor_name(stmt, NULL, buffer_units, NULL);
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLSMALLINT length_bytes = 0;
    if (odbc_wide_out_init(&out, (size_t)buffer_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_stmt_get_cursor_name(stmt, (SQLCHAR *)out.text,
                                               odbc_wide_out_small_capacity(&out), &length_bytes);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, name,
                                                  (size_t)buffer_units, "The cursor name", diags);
        if (name_length_units != NULL)
            *name_length_units = odbc_clamp_small(total_units);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT StatementHandle, SQLWCHAR *CursorName,
                                    SQLSMALLINT BufferLength, SQLSMALLINT *NameLengthPtr)
{
    STMT_CALL(StatementHandle,
              get_cursor_name_wide(stmt, CursorName, BufferLength, NameLengthPtr));
}

static SQLRETURN set_cursor_name_wide(struct odbc_stmt *stmt, SQLWCHAR *name,
                                      SQLSMALLINT name_length_units)
{
    struct odbc_wide_in in = {0};
    SQLRETURN result = SQL_ERROR;
    if (odbc_wide_in_convert(&in, name, name_length_units, "cursor name", &stmt->header.diags))
        result = odbc_stmt_set_cursor_name(stmt, odbc_wide_in_chars(&in),
                                           odbc_wide_in_small_length(&in));
    odbc_wide_in_free(&in);
    return result;
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT StatementHandle, SQLWCHAR *CursorName,
                                    SQLSMALLINT NameLength)
{
    STMT_CALL(StatementHandle, set_cursor_name_wide(stmt, CursorName, NameLength));
}
