/* Descriptor handles (see desc.h): allocation, implicit and explicit;
 * locking; and the record storage of application descriptors — the
 * records SQLBindCol writes and the fetch reads (stmt_bind.c), which
 * SQLSetDescField and SQLCopyDesc fill too. The views of parameter
 * bindings, the implementation descriptors and the descriptor functions
 * live in the desc_*.c files desc_internal.h lists.
 * Reference: "Descriptors", "Implicitly Allocated Descriptors",
 * "Explicitly Allocated Descriptors", SQLBindCol ("SQL_DESC_COUNT is the
 * highest-numbered bound record"), SQLFreeStmt (SQL_UNBIND). */
#include "odbc/desc_internal.h"

#include <string.h>
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

int odbc_desc_ensure_records(struct odbc_desc *desc, SQLSMALLINT count)
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
    if (odbc_desc_ensure_records(desc, record_number) != 0)
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
