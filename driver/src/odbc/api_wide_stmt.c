/* Exported W statement functions: SQLExecDirectW, SQLPrepareW,
 * SQLDescribeColW, SQLColAttributeW, SQLGetStmtAttrW, SQLSetStmtAttrW.
 * Each locks and checks as its narrow twin in api_stmt.c does (STMT_CALL),
 * converts the application's UTF-16 once (wide.h), calls the same odbc_
 * function, and converts its UTF-8 answer once.
 * Units, from each function's reference page: SQLExecDirectW and
 * SQLPrepareW text lengths and SQLDescribeColW's name lengths are
 * characters (SQLWCHARs); SQLColAttributeW's lengths are bytes.
 * SQLGetStmtAttrW/SQLSetStmtAttrW: ODBC defines no character-string
 * statement attribute, so they pass through; they exist because unixODBC
 * calls the W form of every function once an application connected with
 * SQLConnectW or SQLDriverConnectW (see api_wide_dbc.c). */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include "odbc/stmt.h"
#include "odbc/strings.h"
#include "odbc/trace_api.h"
#include "odbc/wide.h"

/* As api_stmt.c's STMT_CALL: lock, liveness, call, trace, unlock. */
#define WIDE_STMT_CALL(handle, call)                                                 \
    do {                                                                             \
        struct odbc_stmt *stmt = odbc_stmt_enter(handle);                            \
        if (stmt == NULL)                                                            \
            return SQL_INVALID_HANDLE;                                               \
        SQLRETURN result = odbc_stmt_require_live(stmt);                             \
        if (result == SQL_SUCCESS)                                                   \
            result = (call);                                                         \
        return odbc_stmt_leave(stmt,                                                 \
                               odbc_trace_api(__func__, stmt, &stmt->header.diags, result)); \
    } while (0)

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

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText,
                                 SQLINTEGER TextLength)
{
    WIDE_STMT_CALL(StatementHandle,
                   run_text_wide(stmt, StatementText, TextLength, odbc_stmt_exec_direct));
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText,
                              SQLINTEGER TextLength)
{
    WIDE_STMT_CALL(StatementHandle,
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
    WIDE_STMT_CALL(StatementHandle,
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
    WIDE_STMT_CALL(StatementHandle,
                   col_attribute_wide(stmt, ColumnNumber, FieldIdentifier, CharacterAttribute,
                                      BufferLength, StringLength, NumericAttribute));
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute,
                                  SQLPOINTER Value, SQLINTEGER StringLength)
{
    WIDE_STMT_CALL(StatementHandle, odbc_stmt_set_attr(stmt, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute,
                                  SQLPOINTER Value, SQLINTEGER BufferLength,
                                  SQLINTEGER *StringLength)
{
    WIDE_STMT_CALL(StatementHandle,
                   odbc_stmt_get_attr(stmt, Attribute, Value, BufferLength, StringLength));
}
