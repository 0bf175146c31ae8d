/* Descriptors (see desc.h): records and header fields of application
 * descriptors, the IRD read from the described result's columns, the
 * implicit APD and IPD read and written through the statement's parameter
 * bindings. Reference: SQLSetDescField, SQLGetDescField, SQLSetDescRec,
 * SQLGetDescRec, SQLCopyDesc, "Consistency Checks", "Descriptor Field
 * Conformance". */
#include "odbc/desc.h"

#include <stdint.h>
#include <string.h>
#include "odbc/stmt.h"
#include "odbc/strings.h"
#include "types/from_c.h"
#include "util/alloc.h"

static struct odbc_desc *desc_new(struct odbc_dbc *dbc, struct odbc_stmt *stmt,
                                  enum odbc_desc_role role, bool is_explicit)
{
    struct odbc_desc *desc = alloc_zeroed(sizeof *desc);
    if (desc == NULL)
        return NULL;
    if (odbc_handle_init(&desc->header, SQL_HANDLE_DESC) != 0) {
        alloc_free(desc);
        return NULL;
    }
    desc->dbc = dbc;
    desc->stmt = stmt;
    desc->role = role;
    desc->is_explicit = is_explicit;
    desc->array_size = 1;
    desc->bind_type = SQL_BIND_BY_COLUMN;
    return desc;
}

struct odbc_desc *odbc_desc_new_implicit(struct odbc_stmt *stmt, struct odbc_dbc *dbc,
                                         enum odbc_desc_role role)
{
    return desc_new(dbc, stmt, role, false);
}

/* An explicit descriptor the connection frees (SQLDisconnect, or the
 * connection freed): its statements are gone by then. */
static void free_as_member(struct odbc_dbc_member *member)
{
    struct odbc_desc *desc =
        (struct odbc_desc *)(void *)((char *)member - offsetof(struct odbc_desc, member));
    odbc_desc_free(desc);
}

static int member_buffer_nothing(struct odbc_dbc_member *member, struct error *error)
{
    (void)member;
    (void)error;
    return 0; /* a descriptor never holds an exchange */
}

static void member_discard_nothing(struct odbc_dbc_member *member)
{
    (void)member;
}

static const struct odbc_dbc_member_ops explicit_desc_ops = {
    .buffer_rest = member_buffer_nothing,
    .discard = member_discard_nothing,
    .free = free_as_member,
};

struct odbc_desc *odbc_desc_new_explicit(struct odbc_dbc *dbc)
{
    struct odbc_desc *desc = desc_new(dbc, NULL, ODBC_DESC_APP_ROW, true);
    if (desc != NULL) {
        desc->member.ops = &explicit_desc_ops;
        odbc_dbc_add_descriptor(dbc, &desc->member);
    }
    return desc;
}

void odbc_desc_free(struct odbc_desc *desc)
{
    if (desc == NULL)
        return;
    if (desc->is_explicit)
        odbc_dbc_remove_descriptor(desc->dbc, &desc->member);
    alloc_free(desc->records);
    odbc_handle_reset(&desc->header);
    alloc_free(desc);
}

struct odbc_desc *odbc_desc_enter(SQLHDESC handle)
{
    if (!odbc_handle_is_valid(handle, SQL_HANDLE_DESC))
        return NULL;
    struct odbc_desc *desc = handle;
    odbc_handle_lock(&desc->dbc->header);
    odbc_handle_lock(&desc->header);
    odbc_diag_clear(&desc->header.diags);
    return desc;
}

SQLRETURN odbc_desc_leave(struct odbc_desc *desc, SQLRETURN return_code)
{
    struct odbc_dbc *dbc = desc->dbc;
    SQLRETURN result = odbc_diag_finish(&desc->header.diags, return_code);
    odbc_handle_unlock(&desc->header);
    odbc_handle_unlock(&dbc->header);
    return result;
}

/* ---- records of application descriptors (the storage) ---- */

static int ensure_records(struct odbc_desc *desc, SQLSMALLINT count)
{
    size_t wanted = (size_t)count;
    if (wanted > desc->capacity) {
        size_t capacity = desc->capacity < 8 ? 8 : desc->capacity;
        while (capacity < wanted)
            capacity *= 2;
        struct odbc_desc_record *grown =
            alloc_resize_array(desc->records, capacity, sizeof *grown);
        if (grown == NULL)
            return -1;
        memset(grown + desc->capacity, 0, (capacity - desc->capacity) * sizeof *grown);
        desc->records = grown;
        desc->capacity = capacity;
    }
    if (count > desc->count) {
        memset(desc->records + desc->count, 0, (size_t)(count - desc->count) * sizeof *desc->records);
        desc->count = count;
    }
    return 0;
}

/* ODBC: SQL_DESC_COUNT is the highest-numbered bound record. */
static void shrink_count(struct odbc_desc *desc)
{
    while (desc->count > 0 && !odbc_desc_record_is_bound(&desc->records[desc->count - 1]))
        desc->count--;
}

int odbc_desc_bind_record(struct odbc_desc *desc, SQLSMALLINT record_number,
                          SQLSMALLINT c_type, SQLPOINTER data_ptr, SQLLEN octet_length,
                          SQLLEN *indicator_ptr, SQLLEN *octet_length_ptr)
{
    bool is_unbind = data_ptr == NULL && indicator_ptr == NULL && octet_length_ptr == NULL;
    if (is_unbind && record_number > desc->count)
        return 0;
    if (ensure_records(desc, record_number) != 0)
        return -1;
    struct odbc_desc_record *record = &desc->records[record_number - 1];
    if (is_unbind) {
        record->data_ptr = NULL;
        record->indicator_ptr = NULL;
        record->octet_length_ptr = NULL;
        shrink_count(desc);
        return 0;
    }
    memset(record, 0, sizeof *record);
    record->concise_type = c_type;
    record->data_ptr = data_ptr;
    record->octet_length = octet_length;
    record->indicator_ptr = indicator_ptr;
    record->octet_length_ptr = octet_length_ptr;
    return 0;
}

void odbc_desc_unbind_all(struct odbc_desc *desc)
{
    desc->count = 0;
}

/* ---- type fields ---- */

static bool is_datetime_concise(SQLSMALLINT type)
{
    return type == SQL_TYPE_DATE || type == SQL_TYPE_TIME || type == SQL_TYPE_TIMESTAMP;
}

static bool is_interval_concise(SQLSMALLINT type)
{
    return type >= SQL_INTERVAL_YEAR && type <= SQL_INTERVAL_MINUTE_TO_SECOND;
}

static SQLSMALLINT verbose_type_of(SQLSMALLINT concise)
{
    if (is_datetime_concise(concise))
        return SQL_DATETIME;
    if (is_interval_concise(concise))
        return SQL_INTERVAL;
    return concise;
}

static SQLSMALLINT interval_code_of(SQLSMALLINT concise)
{
    if (is_datetime_concise(concise))
        return (SQLSMALLINT)(concise - SQL_DATETIME * 10);
    if (is_interval_concise(concise))
        return (SQLSMALLINT)(concise - 100);
    return 0;
}

/* ---- output helpers ---- */

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

/* Which header fields a descriptor of this role has. */
static bool is_app(const struct odbc_desc *desc)
{
    return desc->role == ODBC_DESC_APP_ROW || desc->role == ODBC_DESC_APP_PARAM;
}

static SQLSMALLINT param_count(const struct odbc_stmt *stmt)
{
    SQLSMALLINT count = 0;
    for (size_t i = 0; i < stmt->param_binding_count; i++)
        if (stmt->param_bindings[i].is_bound)
            count = (SQLSMALLINT)(i + 1);
    return count;
}

/* The implicit APD and IPD are views of the statement's parameters; an
 * explicit descriptor and the ARD keep their own records. */
static bool is_param_view(const struct odbc_desc *desc)
{
    if (desc->is_explicit)
        return false;
    if (desc->role == ODBC_DESC_IMP_PARAM)
        return true;
    /* While an explicit APD is in use, the implicit one keeps its own
     * records (saved when the explicit one came in). */
    return desc->role == ODBC_DESC_APP_PARAM && desc->stmt->apd == desc;
}

/* ---- explicit parameter descriptors ----
 * The statement's parameter code reads param_bindings and the parameter
 * array attributes; an explicit APD's records and header are loaded into
 * them when it is attached and whenever it changes, and the statement's
 * own (implicit) values are kept in the implicit APD meanwhile. */

/* The statement's application parameter state into desc's storage. */
static int save_apd(struct odbc_stmt *stmt, struct odbc_desc *desc)
{
    SQLSMALLINT count = param_count(stmt);
    desc->count = 0;
    if (ensure_records(desc, count) != 0)
        return -1;
    for (SQLSMALLINT i = 0; i < count; i++) {
        const struct odbc_param_binding *binding = &stmt->param_bindings[i];
        struct odbc_desc_record *record = &desc->records[i];
        memset(record, 0, sizeof *record);
        if (!binding->is_bound)
            continue;
        record->concise_type = binding->c_type;
        record->data_ptr = binding->value;
        record->octet_length = binding->buffer_length;
        record->indicator_ptr = binding->indicator;
        record->octet_length_ptr = binding->indicator;
    }
    desc->array_size = stmt->attributes.paramset_size;
    desc->bind_type = (SQLINTEGER)stmt->attributes.param_bind_type;
    desc->bind_offset_ptr = stmt->attributes.param_bind_offset;
    desc->array_status_ptr = stmt->attributes.param_operation;
    return 0;
}

/* desc's records and header into the statement's parameter bindings. */
static int load_apd(struct odbc_stmt *stmt, const struct odbc_desc *desc)
{
    size_t count = (size_t)desc->count;
    if (count > 0 && odbc_stmt_param_binding_at(stmt, (SQLUSMALLINT)count) == NULL)
        return -1;
    for (size_t i = 0; i < stmt->param_binding_count; i++) {
        struct odbc_param_binding *binding = &stmt->param_bindings[i];
        const struct odbc_desc_record *record = i < count ? &desc->records[i] : NULL;
        if (record == NULL || !odbc_desc_record_is_bound(record)) {
            binding->is_bound = false;
            binding->value = NULL;
            binding->indicator = NULL;
            continue;
        }
        binding->is_bound = true;
        binding->c_type = record->concise_type == SQL_C_DEFAULT
                              ? types_default_c_type_for_sql(binding->sql_type)
                              : record->concise_type;
        binding->value = record->data_ptr;
        binding->buffer_length = record->octet_length;
        binding->indicator =
            record->indicator_ptr != NULL ? record->indicator_ptr : record->octet_length_ptr;
    }
    stmt->attributes.paramset_size = desc->array_size;
    stmt->attributes.param_bind_type = (SQLULEN)desc->bind_type;
    stmt->attributes.param_bind_offset = desc->bind_offset_ptr;
    stmt->attributes.param_operation = desc->array_status_ptr;
    return 0;
}

/* desc changed: every statement using it as APD reloads it (except
 * skip, whose bindings are the change). */
static int sync_apd_users(struct odbc_desc *desc, struct odbc_stmt *skip)
{
    int status = 0;
    for (struct odbc_dbc_member *member = desc->dbc->members; member != NULL;
         member = member->next) {
        struct odbc_stmt *stmt = odbc_stmt_of_member(member);
        if (stmt != skip && stmt->apd == desc && load_apd(stmt, desc) != 0)
            status = -1;
    }
    return status;
}

int odbc_desc_attach_apd(struct odbc_stmt *stmt, struct odbc_desc *desc)
{
    struct odbc_desc *implicit = stmt->implicit_descs[ODBC_DESC_APP_PARAM];
    if (stmt->apd == desc)
        return 0;
    if (stmt->apd == implicit && save_apd(stmt, implicit) != 0)
        return -1;
    if (load_apd(stmt, desc) != 0)
        return -1;
    stmt->apd = desc;
    return 0;
}

int odbc_desc_detach_apd(struct odbc_stmt *stmt)
{
    struct odbc_desc *implicit = stmt->implicit_descs[ODBC_DESC_APP_PARAM];
    if (stmt->apd == implicit)
        return 0;
    stmt->apd = implicit;
    return load_apd(stmt, implicit);
}

int odbc_desc_store_apd(struct odbc_stmt *stmt)
{
    if (!stmt->apd->is_explicit)
        return 0;
    if (save_apd(stmt, stmt->apd) != 0)
        return -1;
    return sync_apd_users(stmt->apd, stmt);
}

static SQLSMALLINT desc_count(struct odbc_desc *desc)
{
    /* A parameter record exists once bound or once a field of it was set. */
    if (is_param_view(desc))
        return odbc_clamp_small(desc->stmt->param_binding_count);
    if (desc->role == ODBC_DESC_IMP_ROW) {
        struct odbc_result *result = odbc_stmt_described_result(desc->stmt);
        return result == NULL ? 0 : odbc_clamp_small(result->column_count);
    }
    return desc->count;
}

/* ---- SQLGetDescField ---- */

static SQLRETURN get_header_field(struct odbc_desc *desc, SQLSMALLINT field, SQLPOINTER value,
                                  SQLINTEGER *string_length)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    struct odbc_stmt *stmt = desc->stmt;
    bool is_param = is_param_view(desc);
    switch (field) {
    case SQL_DESC_ALLOC_TYPE:
        return put_small(value, string_length,
                         desc->is_explicit ? SQL_DESC_ALLOC_USER : SQL_DESC_ALLOC_AUTO);
    case SQL_DESC_COUNT:
        return put_small(value, string_length, desc_count(desc));
    case SQL_DESC_ARRAY_SIZE:
        if (!is_app(desc))
            break;
        return put_ulen(value, string_length,
                        is_param ? stmt->attributes.paramset_size : desc->array_size);
    case SQL_DESC_BIND_TYPE:
        if (!is_app(desc))
            break;
        return put_integer(value, string_length,
                           is_param ? (SQLINTEGER)stmt->attributes.param_bind_type
                                    : desc->bind_type);
    case SQL_DESC_BIND_OFFSET_PTR:
        if (!is_app(desc))
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

static bool is_header_field(SQLSMALLINT field)
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

/* A record of the implicit APD or IPD, as the parameter binding has it. */
static SQLRETURN get_param_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                                 SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                                 SQLINTEGER *string_length)
{
    const struct odbc_param_binding *binding = &desc->stmt->param_bindings[record_number - 1];
    bool is_ipd = desc->role == ODBC_DESC_IMP_PARAM;
    SQLSMALLINT type = is_ipd ? binding->sql_type : binding->c_type;
    switch (field) {
    case SQL_DESC_CONCISE_TYPE:
        return put_small(value, string_length, type);
    case SQL_DESC_TYPE:
        return put_small(value, string_length, verbose_type_of(type));
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        return put_small(value, string_length, interval_code_of(type));
    default:
        break;
    }
    if (is_ipd) {
        switch (field) {
        case SQL_DESC_LENGTH:
            return put_ulen(value, string_length, binding->column_size);
        case SQL_DESC_PRECISION:
            return put_small(value, string_length, odbc_clamp_small(binding->column_size));
        case SQL_DESC_SCALE:
            return put_small(value, string_length, binding->decimal_digits);
        case SQL_DESC_PARAMETER_TYPE:
            return put_small(value, string_length, binding->io_type);
        case SQL_DESC_NULLABLE:
            return put_small(value, string_length, SQL_NULLABLE);
        case SQL_DESC_UNNAMED:
            return put_small(value, string_length, SQL_UNNAMED);
        case SQL_DESC_NAME:
            return put_string(desc, value, buffer_length, string_length, "");
        default:
            break;
        }
    } else {
        switch (field) {
        case SQL_DESC_DATA_PTR:
            return put_pointer(value, string_length, binding->value);
        case SQL_DESC_INDICATOR_PTR:
        case SQL_DESC_OCTET_LENGTH_PTR:
            return put_pointer(value, string_length, binding->indicator);
        case SQL_DESC_OCTET_LENGTH:
            return put_len(value, string_length, binding->buffer_length);
        case SQL_DESC_PRECISION:
            return put_small(value, string_length, 0);
        case SQL_DESC_SCALE:
            return put_small(value, string_length, 0);
        default:
            break;
        }
    }
    return odbc_diag_fail(&desc->header.diags, "HY091",
                          "Descriptor field %d is not defined for this kind of descriptor",
                          (int)field);
}

static SQLRETURN get_app_field(struct odbc_desc *desc, const struct odbc_desc_record *record,
                               SQLSMALLINT field, SQLPOINTER value, SQLINTEGER *string_length)
{
    switch (field) {
    case SQL_DESC_CONCISE_TYPE:
        return put_small(value, string_length, record->concise_type);
    case SQL_DESC_TYPE:
        return put_small(value, string_length, verbose_type_of(record->concise_type));
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        return put_small(value, string_length, interval_code_of(record->concise_type));
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
    if (is_header_field(field))
        return get_header_field(desc, field, value, string_length);
    struct odbc_diag_list *diags = &desc->header.diags;
    if (record_number < 0)
        return odbc_diag_fail(diags, "07009", "Record number %d is negative", (int)record_number);
    if (record_number == 0)
        return odbc_diag_fail(diags, "07009",
                              "Record 0 is the bookmark record; bookmarks are not supported");
    if (desc->role == ODBC_DESC_IMP_ROW && odbc_stmt_described_result(desc->stmt) == NULL)
        return odbc_diag_fail(diags, "HY007", "The statement has not been prepared or executed");
    if (record_number > desc_count(desc))
        return SQL_NO_DATA;
    if (desc->role == ODBC_DESC_IMP_ROW)
        return get_ird_field(desc, record_number, field, value, buffer_length, string_length);
    if (is_param_view(desc))
        return get_param_field(desc, record_number, field, value, buffer_length, string_length);
    return get_app_field(desc, &desc->records[record_number - 1], field, value, string_length);
}

/* ---- SQLSetDescField ---- */

static SQLULEN ulen_of(SQLPOINTER value)
{
    return (SQLULEN)(uintptr_t)value;
}

static SQLLEN len_of(SQLPOINTER value)
{
    return (SQLLEN)(intptr_t)value;
}

static SQLSMALLINT small_of(SQLPOINTER value)
{
    return (SQLSMALLINT)(intptr_t)value;
}

static SQLRETURN set_header_field(struct odbc_desc *desc, SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    struct odbc_stmt *stmt = desc->stmt;
    bool is_param = is_param_view(desc);
    if (desc->role == ODBC_DESC_IMP_ROW && field != SQL_DESC_ARRAY_STATUS_PTR &&
        field != SQL_DESC_ROWS_PROCESSED_PTR)
        return odbc_diag_fail(diags, "HY016", "An implementation row descriptor cannot be "
                                              "modified (field %d)",
                              (int)field);
    switch (field) {
    case SQL_DESC_ALLOC_TYPE:
        return odbc_diag_fail(diags, "HY091", "SQL_DESC_ALLOC_TYPE is read-only");
    case SQL_DESC_COUNT: {
        SQLSMALLINT count = small_of(value);
        if (count < 0)
            return odbc_diag_fail(diags, "07009", "SQL_DESC_COUNT %d is negative", (int)count);
        if (is_param)
            return odbc_diag_fail(diags, "HYC00", "SQL_DESC_COUNT of the implicit parameter "
                                                  "descriptors follows SQLBindParameter");
        if (count > desc->count) {
            if (ensure_records(desc, count) != 0)
                return odbc_diag_fail(diags, "HY001", "Out of memory growing the descriptor "
                                                      "to %d records",
                                      (int)count);
        } else {
            desc->count = count;
        }
        return SQL_SUCCESS;
    }
    case SQL_DESC_ARRAY_SIZE:
        if (!is_app(desc))
            break;
        if (ulen_of(value) == 0)
            return odbc_diag_fail(diags, "HY024", "SQL_DESC_ARRAY_SIZE 0 is not allowed");
        if (is_param)
            stmt->attributes.paramset_size = ulen_of(value);
        else
            desc->array_size = ulen_of(value);
        return SQL_SUCCESS;
    case SQL_DESC_BIND_TYPE:
        if (!is_app(desc))
            break;
        if (is_param)
            stmt->attributes.param_bind_type = ulen_of(value);
        else
            desc->bind_type = (SQLINTEGER)len_of(value);
        return SQL_SUCCESS;
    case SQL_DESC_BIND_OFFSET_PTR:
        if (!is_app(desc))
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

/* ODBC "Consistency Checks": an application record whose data pointer is
 * set must name a C type the driver converts, a complete datetime or
 * interval type, and a numeric precision and scale that fit. */
static SQLRETURN check_app_record(struct odbc_desc *desc, SQLSMALLINT record_number,
                                  const struct odbc_desc_record *record)
{
    SQLSMALLINT type = record->concise_type;
    bool is_param_known = type == SQL_C_DEFAULT || types_is_param_c_type(type);
    bool is_known = desc->is_explicit     ? is_param_known || odbc_is_supported_c_type(type)
                    : desc->role == ODBC_DESC_APP_PARAM ? is_param_known
                                                        : odbc_is_supported_c_type(type);
    if (!is_known || type == SQL_DATETIME || type == SQL_INTERVAL)
        return odbc_diag_fail(&desc->header.diags, "HY021",
                              "Record %d: C type %d is not a complete C type the driver "
                              "converts",
                              (int)record_number, (int)type);
    if (type == SQL_C_NUMERIC && record->precision != 0 &&
        (record->precision > 38 || record->scale > record->precision || record->scale < 0))
        return odbc_diag_fail(&desc->header.diags, "HY021",
                              "Record %d: precision %d and scale %d do not describe a numeric "
                              "value (precision 1 to 38, scale 0 to precision)",
                              (int)record_number, (int)record->precision, (int)record->scale);
    return SQL_SUCCESS;
}

/* Setting a type field: SQL_DESC_TYPE with SQL_DATETIME / SQL_INTERVAL
 * waits for SQL_DESC_DATETIME_INTERVAL_CODE; the others are concise. */
static SQLSMALLINT concise_after(SQLSMALLINT current, SQLSMALLINT field, SQLSMALLINT value)
{
    if (field == SQL_DESC_DATETIME_INTERVAL_CODE) {
        SQLSMALLINT verbose = verbose_type_of(current);
        if (verbose == SQL_DATETIME && value >= SQL_CODE_DATE && value <= SQL_CODE_TIMESTAMP)
            return (SQLSMALLINT)(SQL_DATETIME * 10 + value);
        if (verbose == SQL_INTERVAL && value >= SQL_CODE_YEAR &&
            value <= SQL_CODE_MINUTE_TO_SECOND)
            return (SQLSMALLINT)(100 + value);
        return current;
    }
    return value;
}

static SQLRETURN set_app_record_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                                      SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_diag_list *diags = &desc->header.diags;
    if (ensure_records(desc, record_number) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory growing the descriptor");
    struct odbc_desc_record *record = &desc->records[record_number - 1];
    switch (field) {
    case SQL_DESC_DATA_PTR: {
        if (value != NULL) {
            SQLRETURN check = check_app_record(desc, record_number, record);
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
        record->concise_type = concise_after(record->concise_type, field, small_of(value));
        if (field != SQL_DESC_DATETIME_INTERVAL_CODE) {
            record->precision = 0;
            record->scale = 0;
        }
        break;
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
        record->datetime_interval_precision = (SQLINTEGER)len_of(value);
        break;
    case SQL_DESC_OCTET_LENGTH:
        if (len_of(value) < 0)
            return odbc_diag_fail(diags, "HY090", "SQL_DESC_OCTET_LENGTH %ld is negative",
                                  (long)len_of(value));
        record->octet_length = len_of(value);
        break;
    case SQL_DESC_LENGTH:
        record->length = ulen_of(value);
        break;
    case SQL_DESC_PRECISION:
        record->precision = small_of(value);
        break;
    case SQL_DESC_SCALE:
        record->scale = small_of(value);
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

/* The implicit APD and IPD write the statement's parameter bindings. */
static SQLRETURN set_param_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                                 SQLSMALLINT field, SQLPOINTER value)
{
    struct odbc_stmt *stmt = desc->stmt;
    struct odbc_diag_list *diags = &desc->header.diags;
    struct odbc_param_binding *binding =
        odbc_stmt_param_binding_at(stmt, (SQLUSMALLINT)record_number);
    if (binding == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory binding parameter %d",
                              (int)record_number);
    bool is_ipd = desc->role == ODBC_DESC_IMP_PARAM;
    SQLSMALLINT *type = is_ipd ? &binding->sql_type : &binding->c_type;
    switch (field) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        *type = concise_after(*type, field, small_of(value));
        if (is_ipd && field != SQL_DESC_DATETIME_INTERVAL_CODE && !types_is_param_sql_type(*type) &&
            *type != SQL_DATETIME && *type != SQL_INTERVAL)
            return odbc_diag_fail(diags, "HY021", "Parameter %d: SQL type %d is not an SQL "
                                                  "type the driver sends",
                                  (int)record_number, (int)*type);
        if (!is_ipd)
            unbind_param_value(binding);
        return SQL_SUCCESS;
    default:
        break;
    }
    if (is_ipd) {
        switch (field) {
        case SQL_DESC_LENGTH:
            binding->column_size = ulen_of(value);
            return SQL_SUCCESS;
        case SQL_DESC_PRECISION: {
            SQLSMALLINT precision = small_of(value);
            binding->column_size = precision < 0 ? 0 : (SQLULEN)precision;
            return SQL_SUCCESS;
        }
        case SQL_DESC_SCALE:
            binding->decimal_digits = small_of(value);
            return SQL_SUCCESS;
        case SQL_DESC_PARAMETER_TYPE: {
            SQLSMALLINT io_type = small_of(value);
            if (io_type != SQL_PARAM_INPUT && io_type != SQL_PARAM_OUTPUT &&
                io_type != SQL_PARAM_INPUT_OUTPUT)
                return odbc_diag_fail(diags, "HY105", "Parameter %d: input/output type %d is "
                                                      "not known",
                                      (int)record_number, (int)io_type);
            binding->io_type = io_type;
            return SQL_SUCCESS;
        }
        case SQL_DESC_DATA_PTR:
            /* ODBC: setting an IPD's data pointer only asks for the
             * consistency check; nothing is stored. */
            if (!types_is_param_sql_type(binding->sql_type))
                return odbc_diag_fail(diags, "HY021", "Parameter %d: SQL type %d is not a "
                                                      "complete SQL type the driver sends",
                                      (int)record_number, (int)binding->sql_type);
            return SQL_SUCCESS;
        default:
            break;
        }
    } else {
        switch (field) {
        case SQL_DESC_DATA_PTR:
            if (value != NULL && binding->c_type == SQL_C_DEFAULT)
                binding->c_type = types_default_c_type_for_sql(binding->sql_type);
            if (value != NULL) {
                struct odbc_desc_record record = {0};
                record.concise_type = binding->c_type;
                SQLRETURN check = check_app_record(desc, record_number, &record);
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
            if (len_of(value) < 0)
                return odbc_diag_fail(diags, "HY090", "SQL_DESC_OCTET_LENGTH %ld is negative",
                                      (long)len_of(value));
            binding->buffer_length = len_of(value);
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
    return odbc_diag_fail(diags, "HY091",
                          "Descriptor field %d cannot be set on an implementation parameter "
                          "descriptor",
                          (int)field);
}

static SQLRETURN set_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                           SQLSMALLINT field, SQLPOINTER value);

SQLRETURN odbc_desc_set_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                              SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length)
{
    (void)buffer_length;
    SQLRETURN result = set_field(desc, record_number, field, value);
    if (SQL_SUCCEEDED(result) && desc->is_explicit && sync_apd_users(desc, NULL) != 0)
        return odbc_diag_fail(&desc->header.diags, "HY001",
                              "Out of memory applying the descriptor to its statements");
    return result;
}

static SQLRETURN set_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                           SQLSMALLINT field, SQLPOINTER value)
{
    if (is_header_field(field))
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
    if (is_param_view(desc))
        return set_param_field(desc, record_number, field, value);
    return set_app_record_field(desc, record_number, field, value);
}

/* ---- SQLGetDescRec / SQLSetDescRec ---- */

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

/* ---- SQLCopyDesc ---- */

/* The IRD's records as application records (types, lengths, precision,
 * scale; no pointers). */
static SQLRETURN copy_from_ird(struct odbc_desc *source, struct odbc_desc *target)
{
    struct odbc_diag_list *diags = &target->header.diags;
    struct odbc_result *result = odbc_stmt_described_result(source->stmt);
    if (result == NULL)
        return odbc_diag_fail(diags, "HY007", "The source statement has not been prepared or "
                                              "executed");
    SQLSMALLINT count = odbc_clamp_small(result->column_count);
    target->count = 0;
    if (ensure_records(target, count) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory copying a descriptor");
    for (size_t i = 0; i < (size_t)count; i++) {
        const struct types_column_description *description = &result->columns[i].description;
        struct odbc_desc_record *record = &target->records[i];
        memset(record, 0, sizeof *record);
        record->concise_type = description->concise_type;
        record->octet_length = (SQLLEN)description->octet_length;
        record->length = description->column_size;
        record->precision = odbc_clamp_small(description->column_size);
        record->scale = description->decimal_digits;
    }
    return SQL_SUCCESS;
}

/* The copy reaches the statements: the current implicit APD's bindings,
 * or every statement using an explicit target as APD. */
static SQLRETURN finish_copy(struct odbc_desc *target, bool is_target_view)
{
    if ((is_target_view && load_apd(target->stmt, target) != 0) ||
        (target->is_explicit && sync_apd_users(target, NULL) != 0))
        return odbc_diag_fail(&target->header.diags, "HY001",
                              "Out of memory applying the copied descriptor to its statements");
    return SQL_SUCCESS;
}

SQLRETURN odbc_desc_copy(struct odbc_desc *source, struct odbc_desc *target)
{
    struct odbc_diag_list *diags = &target->header.diags;
    if (target->role == ODBC_DESC_IMP_ROW)
        return odbc_diag_fail(diags, "HY016", "An implementation row descriptor cannot be the "
                                              "target of SQLCopyDesc");
    if (source == target)
        return SQL_SUCCESS;
    if (source->role == ODBC_DESC_IMP_PARAM || target->role == ODBC_DESC_IMP_PARAM)
        return odbc_diag_fail(diags, "HYC00", "SQLCopyDesc does not copy implementation "
                                              "parameter descriptors");
    /* The current implicit APD is a view: copied through its storage. */
    if (is_param_view(source) && save_apd(source->stmt, source) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory copying a descriptor");
    bool is_target_view = is_param_view(target);
    if (source->role == ODBC_DESC_IMP_ROW) {
        SQLRETURN result = copy_from_ird(source, target);
        return result == SQL_SUCCESS ? finish_copy(target, is_target_view) : result;
    }
    target->count = 0;
    if (ensure_records(target, source->count) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory copying a descriptor");
    if (source->count > 0)
        memcpy(target->records, source->records, (size_t)source->count * sizeof *source->records);
    target->array_size = source->array_size;
    target->bind_type = source->bind_type;
    target->bind_offset_ptr = source->bind_offset_ptr;
    target->array_status_ptr = source->array_status_ptr;
    return finish_copy(target, is_target_view);
}
