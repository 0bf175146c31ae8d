/* SQLCopyDesc: any descriptor to an application descriptor or an IPD.
 * The source's records are first read into a scratch descriptor, whatever
 * holds them (an application descriptor's storage, the parameter
 * bindings behind the implicit APD, the described result behind the IRD,
 * the bindings or the server's parameter types behind the IPD), then
 * written to the target the same way SQLSetDescField would reach it: an
 * application descriptor's storage (and, for the implicit APD or an
 * explicit APD, the statements' parameter bindings), or the IPD's
 * parameter bindings, which answer the copied fields from then on.
 * Records carry type, lengths, precision, scale, the parameter type and
 * the three pointers; the header fields are copied between application
 * descriptors only (an implementation descriptor has no array size, bind
 * type or offset, and its status pointers mean other arrays).
 * Reference: SQLCopyDesc (HY016 an IRD as target, HY007 an IRD before
 * SQLPrepare/SQLExecute, HY021 a record inconsistent in its target),
 * "Copying Descriptors". */
#include "odbc/desc_internal.h"

#include <string.h>
#include "util/alloc.h"

/* Header fields the scratch carries from an application descriptor. */
static void copy_app_header(struct odbc_desc *to, const struct odbc_desc *from)
{
    to->array_size = from->array_size;
    to->bind_type = from->bind_type;
    to->bind_offset_ptr = from->bind_offset_ptr;
    to->array_status_ptr = from->array_status_ptr;
}

static int copy_records(struct odbc_desc *to, const struct odbc_desc *from)
{
    to->count = 0;
    if (odbc_desc_ensure_records(to, from->count) != 0)
        return -1;
    if (from->count > 0)
        memcpy(to->records, from->records, (size_t)from->count * sizeof *from->records);
    return 0;
}

static int read_ipd_records(struct odbc_desc *source, struct odbc_desc *scratch)
{
    SQLSMALLINT count = odbc_desc_count(source);
    if (odbc_desc_ensure_records(scratch, count) != 0)
        return -1;
    for (SQLSMALLINT i = 0; i < count; i++) {
        struct odbc_desc_ipd_record ipd;
        odbc_desc_read_ipd(source->stmt, (size_t)i, &ipd);
        struct odbc_desc_record *record = &scratch->records[i];
        record->concise_type = ipd.concise_type;
        record->length = ipd.length;
        record->precision = ipd.precision;
        record->scale = ipd.scale;
        record->parameter_type = ipd.parameter_type;
    }
    return 0;
}

/* The source's records (and, from an application descriptor, its header)
 * into scratch. SQL_SUCCESS or SQL_ERROR (posted on diags). */
static SQLRETURN read_source(struct odbc_desc *source, struct odbc_desc *scratch,
                             bool *has_app_header, struct odbc_diag_list *diags)
{
    *has_app_header = false;
    int status;
    if (source->role == ODBC_DESC_IMP_ROW) {
        return odbc_desc_records_from_ird(source->stmt, scratch, diags) == 0 ? SQL_SUCCESS
                                                                             : SQL_ERROR;
    } else if (source->role == ODBC_DESC_IMP_PARAM) {
        status = read_ipd_records(source, scratch);
    } else if (odbc_desc_is_param_view(source)) {
        status = odbc_desc_save_apd(source->stmt, scratch);
        *has_app_header = true;
    } else {
        status = copy_records(scratch, source);
        copy_app_header(scratch, source);
        *has_app_header = true;
    }
    if (status != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory copying a descriptor");
    return SQL_SUCCESS;
}

/* scratch's records become the IPD's: each parameter binding takes the
 * SQL type, size, digits and (when copied from an IPD) the parameter
 * type; records past the copied ones answer as if never set. */
static SQLRETURN write_ipd(const struct odbc_desc *scratch, struct odbc_desc *target)
{
    struct odbc_diag_list *diags = &target->header.diags;
    struct odbc_stmt *stmt = target->stmt;
    /* Checked first: a refused copy changes nothing. */
    for (SQLSMALLINT i = 0; i < scratch->count; i++) {
        if (odbc_desc_check_ipd_type(diags, (SQLSMALLINT)(i + 1),
                                     scratch->records[i].concise_type, true) != SQL_SUCCESS)
            return SQL_ERROR;
    }
    for (SQLSMALLINT i = 0; i < scratch->count; i++) {
        const struct odbc_desc_record *record = &scratch->records[i];
        struct odbc_param_binding *binding = odbc_desc_take_ipd(stmt, (size_t)i);
        if (binding == NULL)
            return odbc_diag_fail(diags, "HY001", "Out of memory copying a descriptor");
        binding->sql_type = record->concise_type;
        /* An application record's size may be in SQL_DESC_PRECISION only. */
        binding->column_size = record->length != 0 ? record->length
                               : record->precision > 0 ? (SQLULEN)record->precision
                                                       : 0;
        binding->decimal_digits = record->scale;
        if (record->parameter_type != 0)
            binding->io_type = record->parameter_type;
    }
    for (size_t i = (size_t)scratch->count; i < stmt->param_binding_count; i++)
        stmt->param_bindings[i].has_imp_fields = false;
    return SQL_SUCCESS;
}

/* scratch into an application descriptor's storage; the copy then reaches
 * the statements: the current implicit APD's bindings, or every statement
 * using an explicit target as APD. */
static SQLRETURN write_app(const struct odbc_desc *scratch, bool has_app_header,
                           struct odbc_desc *target)
{
    bool is_target_view = odbc_desc_is_param_view(target);
    if (copy_records(target, scratch) != 0)
        return odbc_diag_fail(&target->header.diags, "HY001",
                              "Out of memory copying a descriptor");
    if (has_app_header)
        copy_app_header(target, scratch);
    if ((is_target_view && odbc_desc_load_apd(target->stmt, target) != 0) ||
        (target->is_explicit && odbc_desc_sync_apd_users(target, NULL) != 0))
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
    struct odbc_desc scratch;
    memset(&scratch, 0, sizeof scratch);
    scratch.array_size = 1;
    scratch.bind_type = SQL_BIND_BY_COLUMN;
    bool has_app_header = false;
    SQLRETURN result = read_source(source, &scratch, &has_app_header, diags);
    if (result == SQL_SUCCESS)
        result = target->role == ODBC_DESC_IMP_PARAM ? write_ipd(&scratch, target)
                                                     : write_app(&scratch, has_app_header,
                                                                 target);
    alloc_free(scratch.records);
    return result;
}
