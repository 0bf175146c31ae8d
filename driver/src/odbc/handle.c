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
    atomic_init(&handle->lock_state, 0);
    if (pthread_mutex_init(&handle->wait_mutex, NULL) != 0)
        return -1;
    if (pthread_cond_init(&handle->wait_cond, NULL) != 0) {
        pthread_mutex_destroy(&handle->wait_mutex);
        return -1;
    }
    handle->kind = kind;
    odbc_diag_init(&handle->diags);
    if (odbc_diag_reserve(&handle->diags) != 0) {
        pthread_cond_destroy(&handle->wait_cond);
        pthread_mutex_destroy(&handle->wait_mutex);
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
    /* A thread that unlocked this handle may still be inside
     * odbc_handle_unlock_wake, which holds wait_mutex until it is done
     * with the handle: the memory goes only after it. */
    pthread_mutex_lock(&handle->wait_mutex);
    pthread_mutex_unlock(&handle->wait_mutex);
    pthread_cond_destroy(&handle->wait_cond);
    pthread_mutex_destroy(&handle->wait_mutex);
}

/* The lock was held: announce a waiter (state 2) and sleep until the
 * state was 0 when announcing, which takes the lock. wait_mutex is held
 * from the announcement to the sleep, so the holder's wake-up, which
 * takes wait_mutex, cannot come in between and be lost. */
void odbc_handle_lock_wait(struct odbc_handle *handle)
{
    pthread_mutex_lock(&handle->wait_mutex);
    while (atomic_exchange_explicit(&handle->lock_state, 2, memory_order_acquire) != 0)
        pthread_cond_wait(&handle->wait_cond, &handle->wait_mutex);
    pthread_mutex_unlock(&handle->wait_mutex);
}

/* The state is 2: a thread may be waiting. The lock is released under
 * wait_mutex, so that odbc_handle_reset (which takes wait_mutex) cannot
 * free the handle while this function still uses it. */
void odbc_handle_unlock_wake(struct odbc_handle *handle)
{
    pthread_mutex_lock(&handle->wait_mutex);
    atomic_store_explicit(&handle->lock_state, 0, memory_order_release);
    pthread_cond_signal(&handle->wait_cond);
    pthread_mutex_unlock(&handle->wait_mutex);
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
