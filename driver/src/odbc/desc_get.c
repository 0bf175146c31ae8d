/* SQLGetDescField and SQLGetDescRec: each field as each kind of
 * descriptor answers it. Application descriptors answer their records
 * (desc.c's storage, or the parameter bindings for the implicit APD,
 * desc_apd.c); the IRD answers what SQLColAttribute answers for the same
 * column, so the two never disagree; the IPD answers its records as
 * desc_implementation.c fills them (bound, set, or populated from the
 * server's parameter types). Header fields each descriptor kind lacks,
 * and record fields a kind does not define, are HY091.
 * Reference: SQLGetDescField (07009 record 0 without bookmarks or a
 * negative record, HY091 field identifier, HY007 an IRD before
 * SQLPrepare/SQLExecute, SQL_NO_DATA past SQL_DESC_COUNT, 01004),
 * SQLGetDescRec, SQLSetDescField's table of fields per descriptor type,
 * "Descriptor Field Conformance". */
#include "odbc/desc_internal.h"

#include <string.h>
#include "odbc/strings.h"

static SQLRETURN put_small(SQLPOINTER value, SQLINTEGER *string_length, SQLSMALLINT answer)
{
    if (value != NULL)
        *(SQLSMALLINT *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_integer(SQLPOINTER value, SQLINTEGER *string_length, SQLINTEGER answer)
{
    if (value != NULL)
        *(SQLINTEGER *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_len(SQLPOINTER value, SQLINTEGER *string_length, SQLLEN answer)
{
    if (value != NULL)
        *(SQLLEN *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_ulen(SQLPOINTER value, SQLINTEGER *string_length, SQLULEN answer)
{
    if (value != NULL)
        *(SQLULEN *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_pointer(SQLPOINTER value, SQLINTEGER *string_length, const void *answer)
{
    if (value != NULL)
        *(SQLPOINTER *)value = (SQLPOINTER)(uintptr_t)answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_string(struct odbc_desc *desc, SQLPOINTER value, SQLINTEGER buffer_length,
                            SQLINTEGER *string_length, const char *text)
{
    size_t length = strlen(text);
    if (string_length != NULL)
        *string_length = odbc_clamp_integer(length);
    if (!odbc_copy_out_string(text, length, value, buffer_length))
        return odbc_diag_fail(&desc->header.diags, "01004",
                              "The descriptor field's text was truncated to fit the buffer");
    return SQL_SUCCESS;
}

SQLSMALLINT odbc_desc_count(struct odbc_desc *desc)
{
    struct odbc_stmt *stmt = desc->stmt;
    if (desc->role == ODBC_DESC_IMP_PARAM) {
        /* Populated: every marker of the statement has a record. */
        size_t count = stmt->param_binding_count;
        if (stmt->sql != NULL && stmt->marker_count > count)
            count = stmt->marker_count;
        return odbc_clamp_small(count);
    }
    /* A parameter record exists once bound or once a field of it was set. */
    if (odbc_desc_is_param_view(desc))
        return odbc_clamp_small(stmt->param_binding_count);
    if (desc->role == ODBC_DESC_IMP_ROW) {
        struct odbc_result *result = odbc_stmt_described_result(stmt);
        return result == NULL ? 0 : odbc_clamp_small(result->column_count);
    }
    return desc->count;
}

static SQLRETURN get_header_field(struct odbc_desc *desc, SQLSMALLINT field, SQLPOINTER value,
                                  SQLINTEGER *string_length)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    struct odbc_stmt *stmt = desc->stmt;
    bool is_param = odbc_desc_is_param_view(desc);
    switch (field) {
    case SQL_DESC_ALLOC_TYPE:
        return put_small(value, string_length,
                         desc->is_explicit ? SQL_DESC_ALLOC_USER : SQL_DESC_ALLOC_AUTO);
    case SQL_DESC_COUNT:
        return put_small(value, string_length, odbc_desc_count(desc));
    case SQL_DESC_ARRAY_SIZE:
        if (!odbc_desc_is_app(desc))
            break;
        return put_ulen(value, string_length,
                        is_param ? stmt->attributes.paramset_size : desc->array_size);
    case SQL_DESC_BIND_TYPE:
        if (!odbc_desc_is_app(desc))
            break;
        return put_integer(value, string_length,
                           is_param ? (SQLINTEGER)stmt->attributes.param_bind_type
                                    : desc->bind_type);
    case SQL_DESC_BIND_OFFSET_PTR:
        if (!odbc_desc_is_app(desc))
            break;
        return put_pointer(value, string_length,
                           is_param ? stmt->attributes.param_bind_offset : desc->bind_offset_ptr);
    case SQL_DESC_ARRAY_STATUS_PTR:
        switch (desc->role) {
        case ODBC_DESC_APP_ROW:
            return put_pointer(value, string_length, desc->array_status_ptr);
        case ODBC_DESC_APP_PARAM:
            return put_pointer(value, string_length,
                               is_param ? stmt->attributes.param_operation
                                        : desc->array_status_ptr);
        case ODBC_DESC_IMP_ROW:
            return put_pointer(value, string_length, stmt->attributes.row_status);
        default:
            return put_pointer(value, string_length, stmt->attributes.param_status);
        }
    case SQL_DESC_ROWS_PROCESSED_PTR:
        if (desc->role == ODBC_DESC_IMP_ROW)
            return put_pointer(value, string_length, stmt->attributes.rows_fetched);
        if (desc->role == ODBC_DESC_IMP_PARAM)
            return put_pointer(value, string_length, stmt->attributes.params_processed);
        break;
    default:
        return odbc_diag_fail(diags, "HY091", "Descriptor field %d is not known to the driver",
                              (int)field);
    }
    return odbc_diag_fail(diags, "HY091", "Descriptor field %d is not defined for this kind of "
                                          "descriptor",
                          (int)field);
}

bool odbc_desc_is_header_field(SQLSMALLINT field)
{
    switch (field) {
    case SQL_DESC_ALLOC_TYPE:
    case SQL_DESC_COUNT:
    case SQL_DESC_ARRAY_SIZE:
    case SQL_DESC_BIND_TYPE:
    case SQL_DESC_BIND_OFFSET_PTR:
    case SQL_DESC_ARRAY_STATUS_PTR:
    case SQL_DESC_ROWS_PROCESSED_PTR:
        return true;
    default:
        return false;
    }
}

/* The IRD answers what SQLColAttribute answers for the same column. Its
 * diagnostics land on the descriptor. */
static SQLRETURN get_ird_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                               SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                               SQLINTEGER *string_length)
{
    struct odbc_stmt *stmt = desc->stmt;
    bool is_text = false;
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
        is_text = true;
        break;
    case SQL_DESC_DATA_PTR:
    case SQL_DESC_INDICATOR_PTR:
    case SQL_DESC_OCTET_LENGTH_PTR:
    case SQL_DESC_PARAMETER_TYPE:
        return odbc_diag_fail(&desc->header.diags, "HY091",
                              "Descriptor field %d is not defined for an implementation row "
                              "descriptor",
                              (int)field);
    default:
        break;
    }
    SQLSMALLINT short_length = 0;
    SQLLEN number = 0;
    SQLSMALLINT text_buffer_length =
        buffer_length > INT16_MAX ? INT16_MAX : (SQLSMALLINT)(buffer_length < 0 ? 0 : buffer_length);
    struct odbc_diag_list saved = stmt->header.diags;
    stmt->header.diags = desc->header.diags;
    SQLRETURN result =
        odbc_stmt_col_attribute(stmt, (SQLUSMALLINT)record_number, (SQLUSMALLINT)field,
                                is_text ? value : NULL, text_buffer_length, &short_length, &number);
    desc->header.diags = stmt->header.diags;
    stmt->header.diags = saved;
    if (result == SQL_ERROR)
        return result;
    if (is_text) {
        if (string_length != NULL)
            *string_length = short_length;
        return result;
    }
    switch (field) {
    case SQL_DESC_AUTO_UNIQUE_VALUE:
    case SQL_DESC_CASE_SENSITIVE:
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
    case SQL_DESC_NUM_PREC_RADIX:
        put_integer(value, string_length, (SQLINTEGER)number);
        break;
    case SQL_DESC_DISPLAY_SIZE:
    case SQL_DESC_OCTET_LENGTH:
        put_len(value, string_length, number);
        break;
    case SQL_DESC_LENGTH:
        put_ulen(value, string_length, (SQLULEN)number);
        break;
    default:
        put_small(value, string_length, (SQLSMALLINT)number);
        break;
    }
    return result;
}

static SQLRETURN fail_undefined(struct odbc_desc *desc, SQLSMALLINT field)
{
    return odbc_diag_fail(&desc->header.diags, "HY091",
                          "Descriptor field %d is not defined for this kind of descriptor",
                          (int)field);
}

/* A record of the IPD (desc_implementation.c decides what it holds). */
static SQLRETURN get_ipd_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                               SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                               SQLINTEGER *string_length)
{
    struct odbc_desc_ipd_record record;
    odbc_desc_read_ipd(desc->stmt, (size_t)(record_number - 1), &record);
    switch (field) {
    case SQL_DESC_CONCISE_TYPE:
        return put_small(value, string_length, record.concise_type);
    case SQL_DESC_TYPE:
        return put_small(value, string_length, odbc_desc_verbose_type(record.concise_type));
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        return put_small(value, string_length, odbc_desc_interval_code(record.concise_type));
    case SQL_DESC_LENGTH:
        return put_ulen(value, string_length, record.length);
    case SQL_DESC_PRECISION:
        return put_small(value, string_length, record.precision);
    case SQL_DESC_SCALE:
        return put_small(value, string_length, record.scale);
    case SQL_DESC_PARAMETER_TYPE:
        return put_small(value, string_length, record.parameter_type);
    case SQL_DESC_NULLABLE:
        return put_small(value, string_length, record.nullable);
    case SQL_DESC_UNNAMED:
        return put_small(value, string_length, SQL_UNNAMED);
    case SQL_DESC_NAME:
        return put_string(desc, value, buffer_length, string_length, "");
    case SQL_DESC_CASE_SENSITIVE:
        return put_integer(value, string_length, record.is_case_sensitive ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_UNSIGNED:
        return put_small(value, string_length, record.is_unsigned ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_FIXED_PREC_SCALE:
        return put_small(value, string_length,
                         record.is_fixed_precision_scale ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME:
        return put_string(desc, value, buffer_length, string_length, record.type_name);
    default:
        return fail_undefined(desc, field);
    }
}

/* A record of the implicit APD, as the parameter binding has it. */
static SQLRETURN get_apd_view_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                                    SQLSMALLINT field, SQLPOINTER value,
                                    SQLINTEGER *string_length)
{
    const struct odbc_param_binding *binding = &desc->stmt->param_bindings[record_number - 1];
    switch (field) {
    case SQL_DESC_CONCISE_TYPE:
        return put_small(value, string_length, binding->c_type);
    case SQL_DESC_TYPE:
        return put_small(value, string_length, odbc_desc_verbose_type(binding->c_type));
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        return put_small(value, string_length, odbc_desc_interval_code(binding->c_type));
    case SQL_DESC_DATA_PTR:
        return put_pointer(value, string_length, binding->value);
    case SQL_DESC_INDICATOR_PTR:
    case SQL_DESC_OCTET_LENGTH_PTR:
        return put_pointer(value, string_length, binding->indicator);
    case SQL_DESC_OCTET_LENGTH:
        return put_len(value, string_length, binding->buffer_length);
    case SQL_DESC_PRECISION:
    case SQL_DESC_SCALE:
        return put_small(value, string_length, 0);
    default:
        return fail_undefined(desc, field);
    }
}

static SQLRETURN get_app_field(struct odbc_desc *desc, const struct odbc_desc_record *record,
                               SQLSMALLINT field, SQLPOINTER value, SQLINTEGER *string_length)
{
    switch (field) {
    case SQL_DESC_CONCISE_TYPE:
        return put_small(value, string_length, record->concise_type);
    case SQL_DESC_TYPE:
        return put_small(value, string_length, odbc_desc_verbose_type(record->concise_type));
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        return put_small(value, string_length, odbc_desc_interval_code(record->concise_type));
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
        return put_integer(value, string_length, record->datetime_interval_precision);
    case SQL_DESC_DATA_PTR:
        return put_pointer(value, string_length, record->data_ptr);
    case SQL_DESC_INDICATOR_PTR:
        return put_pointer(value, string_length, record->indicator_ptr);
    case SQL_DESC_OCTET_LENGTH_PTR:
        return put_pointer(value, string_length, record->octet_length_ptr);
    case SQL_DESC_OCTET_LENGTH:
        return put_len(value, string_length, record->octet_length);
    case SQL_DESC_LENGTH:
        return put_ulen(value, string_length, record->length);
    case SQL_DESC_PRECISION:
        return put_small(value, string_length, record->precision);
    case SQL_DESC_SCALE:
        return put_small(value, string_length, record->scale);
    case SQL_DESC_NUM_PREC_RADIX:
        return put_integer(value, string_length,
                           record->concise_type == SQL_C_NUMERIC ? 10 : 0);
    default:
        return odbc_diag_fail(&desc->header.diags, "HY091",
                              "Descriptor field %d is not defined for an application descriptor",
                              (int)field);
    }
}

SQLRETURN odbc_desc_get_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                              SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                              SQLINTEGER *string_length)
{
    if (odbc_desc_is_header_field(field))
        return get_header_field(desc, field, value, string_length);
    struct odbc_diag_list *diags = &desc->header.diags;
    if (record_number < 0)
        return odbc_diag_fail(diags, "07009", "Record number %d is negative", (int)record_number);
    if (record_number == 0)
        return odbc_diag_fail(diags, "07009",
                              "Record 0 is the bookmark record; bookmarks are not supported");
    if (desc->role == ODBC_DESC_IMP_ROW && odbc_stmt_described_result(desc->stmt) == NULL)
        return odbc_diag_fail(diags, "HY007", "The statement has not been prepared or executed");
    if (record_number > odbc_desc_count(desc))
        return SQL_NO_DATA;
    if (desc->role == ODBC_DESC_IMP_ROW)
        return get_ird_field(desc, record_number, field, value, buffer_length, string_length);
    if (desc->role == ODBC_DESC_IMP_PARAM)
        return get_ipd_field(desc, record_number, field, value, buffer_length, string_length);
    if (odbc_desc_is_param_view(desc))
        return get_apd_view_field(desc, record_number, field, value, string_length);
    return get_app_field(desc, &desc->records[record_number - 1], field, value, string_length);
}

/* ---- SQLGetDescRec ---- */

SQLRETURN odbc_desc_get_rec(struct odbc_desc *desc, SQLSMALLINT record_number, SQLCHAR *name,
                            SQLSMALLINT buffer_length, SQLSMALLINT *string_length,
                            SQLSMALLINT *type, SQLSMALLINT *subtype, SQLLEN *length,
                            SQLSMALLINT *precision, SQLSMALLINT *scale, SQLSMALLINT *nullable)
{
    SQLSMALLINT verbose = 0;
    SQLRETURN result = odbc_desc_get_field(desc, record_number, SQL_DESC_TYPE, &verbose, 0, NULL);
    if (result == SQL_ERROR || result == SQL_NO_DATA)
        return result;
    SQLSMALLINT code = 0;
    SQLLEN octet_length = 0;
    SQLSMALLINT record_precision = 0;
    SQLSMALLINT record_scale = 0;
    SQLSMALLINT record_nullable = SQL_NULLABLE_UNKNOWN;
    (void)odbc_desc_get_field(desc, record_number, SQL_DESC_DATETIME_INTERVAL_CODE, &code, 0,
                              NULL);
    (void)odbc_desc_get_field(desc, record_number, SQL_DESC_OCTET_LENGTH, &octet_length, 0,
                              NULL);
    if (desc->role == ODBC_DESC_IMP_PARAM) {
        SQLULEN column_size = 0;
        (void)odbc_desc_get_field(desc, record_number, SQL_DESC_LENGTH, &column_size, 0, NULL);
        octet_length = (SQLLEN)column_size;
    }
    (void)odbc_desc_get_field(desc, record_number, SQL_DESC_PRECISION, &record_precision, 0,
                              NULL);
    (void)odbc_desc_get_field(desc, record_number, SQL_DESC_SCALE, &record_scale, 0, NULL);
    const char *record_name = "";
    if (desc->role == ODBC_DESC_IMP_ROW || desc->role == ODBC_DESC_IMP_PARAM) {
        (void)odbc_desc_get_field(desc, record_number, SQL_DESC_NULLABLE, &record_nullable, 0,
                                  NULL);
    }
    /* Only the diagnostics of the record's name count from here. */
    odbc_diag_clear(&desc->header.diags);
    result = SQL_SUCCESS;
    if (desc->role == ODBC_DESC_IMP_ROW) {
        SQLINTEGER name_length = 0;
        result = odbc_desc_get_field(desc, record_number, SQL_DESC_NAME, name, buffer_length,
                                     &name_length);
        if (string_length != NULL)
            *string_length = (SQLSMALLINT)name_length;
    } else if (!odbc_copy_out_string_small(record_name, 0, name, buffer_length, string_length)) {
        result = SQL_SUCCESS_WITH_INFO;
    }
    if (type != NULL)
        *type = verbose;
    if (subtype != NULL)
        *subtype = code;
    if (length != NULL)
        *length = octet_length;
    if (precision != NULL)
        *precision = record_precision;
    if (scale != NULL)
        *scale = record_scale;
    if (nullable != NULL)
        *nullable = record_nullable;
    return result;
}
