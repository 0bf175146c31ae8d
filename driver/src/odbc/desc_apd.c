/* The statement's parameter bindings seen as an application parameter
 * descriptor. The parameter code (stmt_params.c, stmt_array.c,
 * stmt_output.c, stmt_exec.c) reads param_bindings and the parameter
 * array attributes; the statement's implicit APD is a view of them while
 * it is the statement's APD. An explicit APD (SQL_ATTR_APP_PARAM_DESC)
 * keeps its own records, which are loaded into the bindings when it is
 * attached and whenever it changes (SQLSetDescField, SQLSetDescRec,
 * SQLCopyDesc, or SQLBindParameter on any statement using it); the
 * statement's own values wait in its implicit APD meanwhile and come back
 * on detach. Reference: "Descriptors" (an explicitly allocated descriptor
 * shared by statements of its connection), SQLSetStmtAttr
 * (SQL_ATTR_APP_PARAM_DESC), SQLBindParameter (which sets APD fields). */
#include "odbc/desc_internal.h"

#include <string.h>
#include "types/from_c.h"

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
bool odbc_desc_is_param_view(const struct odbc_desc *desc)
{
    if (desc->is_explicit)
        return false;
    if (desc->role == ODBC_DESC_IMP_PARAM)
        return true;
    /* While an explicit APD is in use, the implicit one keeps its own
     * records (saved when the explicit one came in). */
    return desc->role == ODBC_DESC_APP_PARAM && desc->stmt->apd == desc;
}

/* The statement's application parameter state into desc's storage. */
int odbc_desc_save_apd(struct odbc_stmt *stmt, struct odbc_desc *desc)
{
    SQLSMALLINT count = param_count(stmt);
    desc->count = 0;
    if (odbc_desc_ensure_records(desc, count) != 0)
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
int odbc_desc_load_apd(struct odbc_stmt *stmt, const struct odbc_desc *desc)
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
int odbc_desc_sync_apd_users(struct odbc_desc *desc, struct odbc_stmt *skip)
{
    int status = 0;
    for (struct odbc_dbc_member *member = desc->dbc->members; member != NULL;
         member = member->next) {
        struct odbc_stmt *stmt = odbc_stmt_of_member(member);
        if (stmt != skip && stmt->apd == desc && odbc_desc_load_apd(stmt, desc) != 0)
            status = -1;
    }
    return status;
}

int odbc_desc_attach_apd(struct odbc_stmt *stmt, struct odbc_desc *desc)
{
    struct odbc_desc *implicit = stmt->implicit_descs[ODBC_DESC_APP_PARAM];
    if (stmt->apd == desc)
        return 0;
    if (stmt->apd == implicit && odbc_desc_save_apd(stmt, implicit) != 0)
        return -1;
    if (odbc_desc_load_apd(stmt, desc) != 0)
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
    return odbc_desc_load_apd(stmt, implicit);
}

int odbc_desc_store_apd(struct odbc_stmt *stmt)
{
    if (!stmt->apd->is_explicit)
        return 0;
    if (odbc_desc_save_apd(stmt, stmt->apd) != 0)
        return -1;
    return odbc_desc_sync_apd_users(stmt->apd, stmt);
}
