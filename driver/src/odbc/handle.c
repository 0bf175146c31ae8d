/* The common handle header (see handle.h).
 * Owns: the validity check (magic and kind), locking, and clearing the
 * diagnostics at the start of each call. Handles are not reused after
 * free: the magic is cleared first, so a freed handle passed again is
 * rejected while its memory is still ours to inspect (the driver manager
 * also validates handles before they reach us). */
#include "odbc/handle.h"

#include <string.h>

int odbc_handle_init(struct odbc_handle *handle, SQLSMALLINT kind)
{
    memset(handle, 0, sizeof *handle);
    if (pthread_mutex_init(&handle->mutex, NULL) != 0)
        return -1;
    handle->kind = kind;
    odbc_diag_init(&handle->diags);
    if (odbc_diag_reserve(&handle->diags) != 0) {
        pthread_mutex_destroy(&handle->mutex);
        return -1;
    }
    handle->magic = ODBC_HANDLE_MAGIC;
    return 0;
}

void odbc_handle_reset(struct odbc_handle *handle)
{
    if (handle->magic != ODBC_HANDLE_MAGIC)
        return;
    handle->magic = 0;
    odbc_diag_reset(&handle->diags);
    pthread_mutex_destroy(&handle->mutex);
}

struct odbc_handle *odbc_handle_enter(void *handle, SQLSMALLINT kind)
{
    if (!odbc_handle_is_valid(handle, kind))
        return NULL;
    struct odbc_handle *header = handle;
    odbc_handle_lock(header);
    odbc_diag_clear(&header->diags);
    return header;
}

SQLRETURN odbc_handle_leave(struct odbc_handle *handle, SQLRETURN return_code)
{
    SQLRETURN result = odbc_diag_finish(&handle->diags, return_code);
    odbc_handle_unlock(handle);
    return result;
}
