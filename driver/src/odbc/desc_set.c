/* SQLSetDescField and SQLSetDescRec: which fields each kind of descriptor
 * lets the application set, and what setting one does besides. Setting an
 * application record's field other than its three pointers unbinds its
 * data pointer; setting the data pointer runs the consistency check
 * (desc_check.c) on the whole record; setting an IPD's data pointer runs
 * the check and stores nothing. The IRD is read-only but for its two
 * header pointers (HY016). The implicit APD and the IPD write the
 * statement's parameter bindings (desc_apd.c, desc_implementation.c); an
 * explicit descriptor's change reaches every statement using it as APD.
 * Reference: SQLSetDescField (its table of fields per descriptor type,
 * "Initialization of Descriptor Fields", HY016, HY021, HY091, HY090,
 * HY105, 07009), SQLSetDescRec (the order it sets fields in),
 * "Consistency Checks". */
#include "odbc/desc_internal.h"

#include <string.h>
#include "types/from_c.h"

static SQLRETURN set_header_field(struct odbc_desc *desc, SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    struct odbc_stmt *stmt = desc->stmt;
    bool is_param = odbc_desc_is_param_view(desc);
    if (desc->role == ODBC_DESC_IMP_ROW && field != SQL_DESC_ARRAY_STATUS_PTR &&
        field != SQL_DESC_ROWS_PROCESSED_PTR)
        return odbc_diag_fail(diags, "HY016", "An implementation row descriptor cannot be "
                                              "modified (field %d)",
                              (int)field);
    switch (field) {
    case SQL_DESC_ALLOC_TYPE:
        return odbc_diag_fail(diags, "HY091", "SQL_DESC_ALLOC_TYPE is read-only");
    case SQL_DESC_COUNT: {
        SQLSMALLINT count = odbc_desc_small_of(value);
        if (count < 0)
            return odbc_diag_fail(diags, "07009", "SQL_DESC_COUNT %d is negative", (int)count);
        if (is_param)
            return odbc_diag_fail(diags, "HYC00", "SQL_DESC_COUNT of the implicit parameter "
                                                  "descriptors follows SQLBindParameter");
        if (count > desc->count) {
            if (odbc_desc_ensure_records(desc, count) != 0)
                return odbc_diag_fail(diags, "HY001", "Out of memory growing the descriptor "
                                                      "to %d records",
                                      (int)count);
        } else {
            desc->count = count;
        }
        return SQL_SUCCESS;
    }
    case SQL_DESC_ARRAY_SIZE:
        if (!odbc_desc_is_app(desc))
            break;
        if (odbc_desc_ulen_of(value) == 0)
            return odbc_diag_fail(diags, "HY024", "SQL_DESC_ARRAY_SIZE 0 is not allowed");
        if (is_param)
            stmt->attributes.paramset_size = odbc_desc_ulen_of(value);
        else
            desc->array_size = odbc_desc_ulen_of(value);
        return SQL_SUCCESS;
    case SQL_DESC_BIND_TYPE:
        if (!odbc_desc_is_app(desc))
            break;
        if (is_param)
            stmt->attributes.param_bind_type = odbc_desc_ulen_of(value);
        else
            desc->bind_type = (SQLINTEGER)odbc_desc_len_of(value);
        return SQL_SUCCESS;
    case SQL_DESC_BIND_OFFSET_PTR:
        if (!odbc_desc_is_app(desc))
            break;
        if (is_param)
            stmt->attributes.param_bind_offset = value;
        else
            desc->bind_offset_ptr = value;
        return SQL_SUCCESS;
    case SQL_DESC_ARRAY_STATUS_PTR:
        switch (desc->role) {
        case ODBC_DESC_APP_ROW:
            desc->array_status_ptr = value;
            break;
        case ODBC_DESC_APP_PARAM:
            if (is_param)
                stmt->attributes.param_operation = value;
            else
                desc->array_status_ptr = value;
            break;
        case ODBC_DESC_IMP_ROW:
            stmt->attributes.row_status = value;
            break;
        default:
            stmt->attributes.param_status = value;
            break;
        }
        return SQL_SUCCESS;
    case SQL_DESC_ROWS_PROCESSED_PTR:
        if (desc->role == ODBC_DESC_IMP_ROW) {
            stmt->attributes.rows_fetched = value;
            return SQL_SUCCESS;
        }
        if (desc->role == ODBC_DESC_IMP_PARAM) {
            stmt->attributes.params_processed = value;
            return SQL_SUCCESS;
        }
        break;
    default:
        break;
    }
    return odbc_diag_fail(diags, "HY091", "Descriptor field %d is not defined for this kind of "
                                          "descriptor",
                          (int)field);
}

static SQLRETURN set_app_record_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                                      SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    if (odbc_desc_ensure_records(desc, record_number) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory growing the descriptor");
    struct odbc_desc_record *record = &desc->records[record_number - 1];
    switch (field) {
    case SQL_DESC_DATA_PTR: {
        if (value != NULL) {
            SQLRETURN check = odbc_desc_check_app_record(desc, record_number, record);
            if (check != SQL_SUCCESS)
                return check;
        }
        record->data_ptr = value;
        return SQL_SUCCESS;
    }
    case SQL_DESC_INDICATOR_PTR:
        record->indicator_ptr = value;
        return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH_PTR:
        record->octet_length_ptr = value;
        return SQL_SUCCESS;
    default:
        break;
    }
    /* ODBC: setting any other record field unbinds the record. */
    switch (field) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        record->concise_type = odbc_desc_concise_after(record->concise_type, field, odbc_desc_small_of(value));
        if (field != SQL_DESC_DATETIME_INTERVAL_CODE) {
            record->precision = 0;
            record->scale = 0;
        }
        break;
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
        record->datetime_interval_precision = (SQLINTEGER)odbc_desc_len_of(value);
        break;
    case SQL_DESC_OCTET_LENGTH:
        if (odbc_desc_len_of(value) < 0)
            return odbc_diag_fail(diags, "HY090", "SQL_DESC_OCTET_LENGTH %ld is negative",
                                  (long)odbc_desc_len_of(value));
        record->octet_length = odbc_desc_len_of(value);
        break;
    case SQL_DESC_LENGTH:
        record->length = odbc_desc_ulen_of(value);
        break;
    case SQL_DESC_PRECISION:
        record->precision = odbc_desc_small_of(value);
        break;
    case SQL_DESC_SCALE:
        record->scale = odbc_desc_small_of(value);
        break;
    case SQL_DESC_NUM_PREC_RADIX:
        break;
    default:
        return odbc_diag_fail(diags, "HY091",
                              "Descriptor field %d is not defined for an application descriptor",
                              (int)field);
    }
    record->data_ptr = NULL;
    return SQL_SUCCESS;
}

/* ODBC: setting an application record's field other than the three
 * pointers unbinds its data pointer. */
static void unbind_param_value(struct odbc_param_binding *binding)
{
    binding->value = NULL;
    binding->is_bound = binding->indicator != NULL;
}

/* The IPD writes the statement's parameter binding; from then on the
 * record answers what the application set, not the server's type. */
static SQLRETURN set_ipd_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                               SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    switch (field) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATETIME_INTERVAL_CODE:
    case SQL_DESC_LENGTH:
    case SQL_DESC_PRECISION:
    case SQL_DESC_SCALE:
    case SQL_DESC_PARAMETER_TYPE:
    case SQL_DESC_DATA_PTR:
        break;
    default:
        return odbc_diag_fail(diags, "HY091",
                              "Descriptor field %d cannot be set on an implementation "
                              "parameter descriptor",
                              (int)field);
    }
    struct odbc_param_binding *binding =
        odbc_desc_take_ipd(desc->stmt, (size_t)(record_number - 1));
    if (binding == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory binding parameter %d",
                              (int)record_number);
    switch (field) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        binding->sql_type =
            odbc_desc_concise_after(binding->sql_type, field, odbc_desc_small_of(value));
        if (field == SQL_DESC_DATETIME_INTERVAL_CODE)
            return SQL_SUCCESS;
        return odbc_desc_check_ipd_type(diags, record_number, binding->sql_type, false);
    case SQL_DESC_LENGTH:
        binding->column_size = odbc_desc_ulen_of(value);
        return SQL_SUCCESS;
    case SQL_DESC_PRECISION: {
        /* The binding keeps one size: a numeric's precision is its column
         * size; for other types SQL_DESC_LENGTH is (SQLSetDescRec sets
         * both, the precision after the length). */
        SQLSMALLINT precision = odbc_desc_small_of(value);
        if (binding->sql_type == SQL_NUMERIC || binding->sql_type == SQL_DECIMAL)
            binding->column_size = precision < 0 ? 0 : (SQLULEN)precision;
        return SQL_SUCCESS;
    }
    case SQL_DESC_SCALE:
        binding->decimal_digits = odbc_desc_small_of(value);
        return SQL_SUCCESS;
    case SQL_DESC_PARAMETER_TYPE: {
        SQLSMALLINT io_type = odbc_desc_small_of(value);
        if (io_type != SQL_PARAM_INPUT && io_type != SQL_PARAM_OUTPUT &&
            io_type != SQL_PARAM_INPUT_OUTPUT)
            return odbc_diag_fail(diags, "HY105", "Parameter %d: input/output type %d is "
                                                  "not known",
                                  (int)record_number, (int)io_type);
        binding->io_type = io_type;
        return SQL_SUCCESS;
    }
    default:
        /* ODBC: setting an IPD's data pointer only asks for the
         * consistency check; nothing is stored. */
        return odbc_desc_check_ipd_type(diags, record_number, binding->sql_type, true);
    }
}

/* The implicit APD writes the statement's parameter binding. */
static SQLRETURN set_apd_view_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                                    SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    struct odbc_param_binding *binding =
        odbc_stmt_param_binding_at(desc->stmt, (SQLUSMALLINT)record_number);
    if (binding == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory binding parameter %d",
                              (int)record_number);
    switch (field) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        binding->c_type =
            odbc_desc_concise_after(binding->c_type, field, odbc_desc_small_of(value));
        unbind_param_value(binding);
        return SQL_SUCCESS;
    case SQL_DESC_DATA_PTR:
        if (value != NULL && binding->c_type == SQL_C_DEFAULT)
            binding->c_type = types_default_c_type_for_sql(binding->sql_type);
        if (value != NULL) {
            struct odbc_desc_record record = {0};
            record.concise_type = binding->c_type;
            SQLRETURN check = odbc_desc_check_app_record(desc, record_number, &record);
            if (check != SQL_SUCCESS)
                return check;
        }
        binding->value = value;
        break;
    case SQL_DESC_INDICATOR_PTR:
    case SQL_DESC_OCTET_LENGTH_PTR:
        binding->indicator = value;
        break;
    case SQL_DESC_OCTET_LENGTH:
        if (odbc_desc_len_of(value) < 0)
            return odbc_diag_fail(diags, "HY090", "SQL_DESC_OCTET_LENGTH %ld is negative",
                                  (long)odbc_desc_len_of(value));
        binding->buffer_length = odbc_desc_len_of(value);
        unbind_param_value(binding);
        return SQL_SUCCESS;
    case SQL_DESC_PRECISION:
    case SQL_DESC_SCALE:
    case SQL_DESC_LENGTH:
        unbind_param_value(binding);
        return SQL_SUCCESS;
    default:
        return odbc_diag_fail(diags, "HY091", "Descriptor field %d is not defined for "
                                              "an application parameter descriptor",
                              (int)field);
    }
    binding->is_bound = binding->value != NULL || binding->indicator != NULL;
    return SQL_SUCCESS;
}

static SQLRETURN set_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                           SQLSMALLINT field, SQLPOINTER value)
{
    if (odbc_desc_is_header_field(field))
        return set_header_field(desc, field, value);
    struct odbc_diag_list *diags = &desc->header.diags;
    if (desc->role == ODBC_DESC_IMP_ROW)
        return odbc_diag_fail(diags, "HY016",
                              "An implementation row descriptor cannot be modified (field %d)",
                              (int)field);
    if (record_number < 0)
        return odbc_diag_fail(diags, "07009", "Record number %d is negative", (int)record_number);
    if (record_number == 0)
        return odbc_diag_fail(diags, "07009",
                              "Record 0 is the bookmark record; bookmarks are not supported");
    if (desc->role == ODBC_DESC_IMP_PARAM)
        return set_ipd_field(desc, record_number, field, value);
    if (odbc_desc_is_param_view(desc))
        return set_apd_view_field(desc, record_number, field, value);
    return set_app_record_field(desc, record_number, field, value);
}

SQLRETURN odbc_desc_set_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                              SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length)
{
    (void)buffer_length;
    SQLRETURN result = set_field(desc, record_number, field, value);
    if (SQL_SUCCEEDED(result) && desc->is_explicit && odbc_desc_sync_apd_users(desc, NULL) != 0)
        return odbc_diag_fail(&desc->header.diags, "HY001",
                              "Out of memory applying the descriptor to its statements");
    return result;
}

SQLRETURN odbc_desc_set_rec(struct odbc_desc *desc, SQLSMALLINT record_number, SQLSMALLINT type,
                            SQLSMALLINT subtype, SQLLEN length, SQLSMALLINT precision,
                            SQLSMALLINT scale, SQLPOINTER data_ptr, SQLLEN *octet_length_ptr,
                            SQLLEN *indicator_ptr)
{
    if (desc->role == ODBC_DESC_IMP_ROW)
        return odbc_diag_fail(&desc->header.diags, "HY016",
                              "An implementation row descriptor cannot be modified");
    /* ODBC: SQLSetDescRec sets the fields in this order; the data pointer
     * last, so that the consistency check sees the whole record. */
    struct {
        SQLSMALLINT field;
        SQLPOINTER value;
    } steps[] = {
        {SQL_DESC_TYPE, (SQLPOINTER)(intptr_t)type},
        {SQL_DESC_DATETIME_INTERVAL_CODE, (SQLPOINTER)(intptr_t)subtype},
        {desc->role == ODBC_DESC_IMP_PARAM ? SQL_DESC_LENGTH : SQL_DESC_OCTET_LENGTH,
         (SQLPOINTER)(intptr_t)length},
        {SQL_DESC_PRECISION, (SQLPOINTER)(intptr_t)precision},
        {SQL_DESC_SCALE, (SQLPOINTER)(intptr_t)scale},
    };
    bool is_datetime = type == SQL_DATETIME || type == SQL_INTERVAL;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (steps[i].field == SQL_DESC_DATETIME_INTERVAL_CODE && !is_datetime)
            continue;
        SQLRETURN result = odbc_desc_set_field(desc, record_number, steps[i].field,
                                               steps[i].value, 0);
        if (result == SQL_ERROR)
            return result;
    }
    if (desc->role == ODBC_DESC_IMP_PARAM)
        return SQL_SUCCESS;
    SQLRETURN result =
        odbc_desc_set_field(desc, record_number, SQL_DESC_OCTET_LENGTH_PTR, octet_length_ptr, 0);
    if (result != SQL_ERROR)
        result = odbc_desc_set_field(desc, record_number, SQL_DESC_INDICATOR_PTR, indicator_ptr,
                                     0);
    if (result != SQL_ERROR)
        result = odbc_desc_set_field(desc, record_number, SQL_DESC_DATA_PTR, data_ptr, 0);
    return result;
}
