/* The common header of every ODBC handle.
 * Owns: the kind tag and magic that let each entry point reject NULL,
 * freed and wrong-kind handles with SQL_INVALID_HANDLE, the handle's
 * mutex, and its diagnostic list. env.h, dbc.h, stmt.h and desc.h embed
 * struct odbc_handle as their first member.
 * Rules (STYLE.md, "Threads and cancel"): a statement call locks the
 * connection, then the statement; nothing locks in the other order. */
#ifndef PGO_ODBC_HANDLE_H
#define PGO_ODBC_HANDLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/diag.h"
#include "util/compiler.h"

#define ODBC_HANDLE_MAGIC 0x70674f44u /* "pgOD" */

/* The handle's lock: lock_state is taken with one compare-and-swap when
 * free (every call takes one or two; pthread_mutex_lock and _unlock were
 * about 110 of SQLGetData's instructions), and a thread that finds it
 * held waits on wait_cond. States: 0 free, 1 held, 2 held and a thread
 * may be waiting (its holder wakes one at unlock). wait_mutex guards the
 * sleeping, not the handle. */
struct odbc_handle {
    uint32_t magic;          /* ODBC_HANDLE_MAGIC while alive, 0 once freed */
    SQLSMALLINT kind;        /* SQL_HANDLE_ENV, _DBC, _STMT or _DESC */
    atomic_int lock_state;
    pthread_mutex_t wait_mutex;
    pthread_cond_t wait_cond;
    struct odbc_diag_list diags;
};

/* 0, or -1 when the lock cannot be created. */
int odbc_handle_init(struct odbc_handle *handle, SQLSMALLINT kind) PGO_MUST_CHECK;
/* Clears the magic, destroys the lock, frees the diagnostics. */
void odbc_handle_reset(struct odbc_handle *handle);

/* Whether handle is a live handle of that kind (NULL: false). Inline: the
 * first thing every call does. */
static inline bool odbc_handle_is_valid(const void *handle, SQLSMALLINT kind)
{
    if (handle == NULL)
        return false;
    const struct odbc_handle *header = handle;
    return header->magic == ODBC_HANDLE_MAGIC && header->kind == kind;
}

/* The waits and wake-ups of a held lock (handle.c). */
void odbc_handle_lock_wait(struct odbc_handle *handle);
void odbc_handle_unlock_wake(struct odbc_handle *handle);

/* Inline: every call locks and unlocks one or two handles, and SQLGetData
 * is called once per value. Not recursive, like the default mutex. */
static inline void odbc_handle_lock(struct odbc_handle *handle)
{
    int expected = 0;
    if (!atomic_compare_exchange_strong_explicit(&handle->lock_state, &expected, 1,
                                                 memory_order_acquire, memory_order_relaxed))
        odbc_handle_lock_wait(handle);
}

static inline void odbc_handle_unlock(struct odbc_handle *handle)
{
    int expected = 1;
    if (!atomic_compare_exchange_strong_explicit(&handle->lock_state, &expected, 0,
                                                 memory_order_release, memory_order_relaxed))
        odbc_handle_unlock_wake(handle);
}

/* Locks handle when no other thread holds it (true): SQLCancel's test
 * for a call running on the statement. Lock handles through these three
 * functions only. */
static inline bool odbc_handle_trylock(struct odbc_handle *handle)
{
    int expected = 0;
    return atomic_compare_exchange_strong_explicit(&handle->lock_state, &expected, 1,
                                                   memory_order_acquire, memory_order_relaxed);
}

/* Validates, locks and clears the diagnostics: the start of every call
 * except the diagnostic functions. NULL when the handle is not valid. */
struct odbc_handle *odbc_handle_enter(void *handle, SQLSMALLINT kind);
/* Sets the header's return code (SQL_SUCCESS_WITH_INFO when records were
 * posted), unlocks, returns the code. */
SQLRETURN odbc_handle_leave(struct odbc_handle *handle, SQLRETURN return_code);

#endif
