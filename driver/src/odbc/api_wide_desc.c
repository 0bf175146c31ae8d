/* Exported W descriptor functions: SQLGetDescFieldW, SQLSetDescFieldW,
 * SQLGetDescRecW (ODBC defines no SQLSetDescRecW: it takes no text). Each locks as its narrow twin in
 * api_desc.c does, converts once (wide.h) and calls the same odbc_desc_
 * function. Units, from the reference pages: SQLGetDescFieldW's lengths
 * are bytes; SQLGetDescRecW's name lengths are characters.
 * SQLSetDescFieldW: the only character field an application may set,
 * SQL_DESC_NAME of an IPD, is not settable here (HY091 from the narrow
 * function), so every value passes through. */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include "odbc/desc.h"
#include "odbc/strings.h"
#include "odbc/api_shim.h"
#include "odbc/trace_api.h"
#include "odbc/wide.h"

static bool is_string_field(SQLSMALLINT field)
{
    switch (field) {
    case SQL_DESC_BASE_COLUMN_NAME:
    case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_CATALOG_NAME:
    case SQL_DESC_LABEL:
    case SQL_DESC_LITERAL_PREFIX:
    case SQL_DESC_LITERAL_SUFFIX:
    case SQL_DESC_LOCAL_TYPE_NAME:
    case SQL_DESC_NAME:
    case SQL_DESC_SCHEMA_NAME:
    case SQL_DESC_TABLE_NAME:
    case SQL_DESC_TYPE_NAME:
        return true;
    default:
        return false;
    }
}

static SQLRETURN get_field_wide(struct odbc_desc *desc, SQLSMALLINT record_number,
                                SQLSMALLINT field, SQLPOINTER value,
                                SQLINTEGER buffer_length_bytes, SQLINTEGER *string_length_bytes)
{
    if (!is_string_field(field) || buffer_length_bytes < 0)
        return odbc_desc_get_field(desc, record_number, field, value, buffer_length_bytes,
                                   string_length_bytes);
    struct odbc_diag_list *diags = &desc->header.diags;
    size_t capacity_units = (size_t)buffer_length_bytes / ODBC_WIDE_BYTES_PER_UNIT;
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLINTEGER length_bytes = 0;
    if (odbc_wide_out_init(&out, capacity_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_desc_get_field(desc, record_number, field, out.text,
                                         odbc_wide_out_integer_capacity(&out), &length_bytes);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        char what[64];
        snprintf(what, sizeof what, "Field %d of descriptor record %d", (int)field,
                 (int)record_number);
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, value,
                                                  capacity_units, what, diags);
        if (string_length_bytes != NULL)
            *string_length_bytes = odbc_clamp_integer(total_units * ODBC_WIDE_BYTES_PER_UNIT);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                   SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                   SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    DESC_CALL(DescriptorHandle, get_field_wide(desc, RecNumber, FieldIdentifier, Value,
                                               BufferLength, StringLength));
}

SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                   SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                   SQLINTEGER BufferLength)
{
    DESC_CALL(DescriptorHandle,
              odbc_desc_set_field(desc, RecNumber, FieldIdentifier, Value, BufferLength));
}

static SQLRETURN get_rec_wide(struct odbc_desc *desc, SQLSMALLINT record_number, SQLWCHAR *name,
                              SQLSMALLINT buffer_units, SQLSMALLINT *name_length_units,
                              SQLSMALLINT *type, SQLSMALLINT *subtype, SQLLEN *length,
                              SQLSMALLINT *precision, SQLSMALLINT *scale, SQLSMALLINT *nullable)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    if (buffer_units < 0)
        return odbc_desc_get_rec(desc, record_number, NULL, buffer_units, NULL, type, subtype,
                                 length, precision, scale, nullable);
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLSMALLINT length_bytes = 0;
    if (odbc_wide_out_init(&out, (size_t)buffer_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_desc_get_rec(desc, record_number, (SQLCHAR *)out.text,
                                       odbc_wide_out_small_capacity(&out), &length_bytes, type,
                                       subtype, length, precision, scale, nullable);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        char what[48];
        snprintf(what, sizeof what, "The name of descriptor record %d", (int)record_number);
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, name,
                                                  (size_t)buffer_units, what, diags);
        if (name_length_units != NULL)
            *name_length_units = odbc_clamp_small(total_units);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                 SQLWCHAR *Name, SQLSMALLINT BufferLength,
                                 SQLSMALLINT *StringLength, SQLSMALLINT *Type,
                                 SQLSMALLINT *SubType, SQLLEN *Length, SQLSMALLINT *Precision,
                                 SQLSMALLINT *Scale, SQLSMALLINT *Nullable)
{
    DESC_CALL(DescriptorHandle,
              get_rec_wide(desc, RecNumber, Name, BufferLength, StringLength, Type, SubType,
                           Length, Precision, Scale, Nullable));
}
