/* Asynchronous connection functions, polling method (see dbc_async.h). */
#include "odbc/dbc_async.h"

#include <string.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "util/trace.h"
#include "wire/conn.h"

#define CANCEL_TIMEOUT_MS 10000

int odbc_dbc_async_init(struct odbc_dbc_async *async)
{
    memset(async, 0, sizeof *async);
    atomic_init(&async->is_enabled, false);
    atomic_init(&async->is_busy, false);
    atomic_init(&async->is_cancel_requested, false);
    return pthread_mutex_init(&async->mutex, NULL) == 0 ? 0 : -1;
}

void odbc_dbc_async_reset(struct odbc_dbc_async *async)
{
    pthread_mutex_lock(&async->mutex);
    bool has_thread = async->has_thread;
    pthread_t thread = async->thread;
    async->has_thread = false;
    async->state = ODBC_DBC_ASYNC_IDLE;
    atomic_store(&async->is_busy, false);
    pthread_mutex_unlock(&async->mutex);
    if (has_thread)
        pthread_join(thread, NULL);
    pthread_mutex_destroy(&async->mutex);
}

void odbc_dbc_async_set_enabled(struct odbc_dbc_async *async, bool is_enabled)
{
    atomic_store(&async->is_enabled, is_enabled);
}

bool odbc_dbc_async_is_enabled(struct odbc_dbc_async *async)
{
    return atomic_load(&async->is_enabled);
}

bool odbc_dbc_async_is_running(struct odbc_dbc_async *async)
{
    pthread_mutex_lock(&async->mutex);
    bool is_running = async->state == ODBC_DBC_ASYNC_RUNNING;
    pthread_mutex_unlock(&async->mutex);
    return is_running;
}

bool odbc_dbc_async_may_run_attribute(SQLINTEGER attribute)
{
    return attribute == SQL_ATTR_AUTOCOMMIT || attribute == SQL_ATTR_TXN_ISOLATION ||
           attribute == SQL_ATTR_ACCESS_MODE;
}

static struct odbc_dbc *dbc_of_async(struct odbc_dbc_async *async)
{
    return (struct odbc_dbc *)(void *)((char *)async - offsetof(struct odbc_dbc, async));
}

static void *run_in_background(void *context)
{
    struct odbc_dbc_async *async = context;
    /* entry and args are written before the thread starts and not again
     * until it has been joined. */
    SQLRETURN result = async->entry(async->args);
    if (result == SQL_ERROR && atomic_load(&async->is_cancel_requested)) {
        /* ODBC: a canceled asynchronous call reports HY008, beside the
         * server's 57014. */
        struct odbc_dbc *dbc = dbc_of_async(async);
        odbc_handle_lock(&dbc->header);
        odbc_diag_post(&dbc->header.diags, "HY008",
                       "Operation canceled (SQLCancelHandle); the server's error says what "
                       "it stopped");
        odbc_handle_unlock(&dbc->header);
    }
    pthread_mutex_lock(&async->mutex);
    async->result = result;
    async->state = ODBC_DBC_ASYNC_DONE;
    pthread_mutex_unlock(&async->mutex);
    return NULL;
}

/* A finished call: its thread joined, its code handed over. Called with
 * the mutex held. */
static SQLRETURN collect(struct odbc_dbc_async *async)
{
    if (async->has_thread) {
        pthread_join(async->thread, NULL);
        async->has_thread = false;
    }
    async->state = ODBC_DBC_ASYNC_IDLE;
    atomic_store(&async->is_busy, false);
    return async->result;
}

static bool start(struct odbc_dbc_async *async, SQLSMALLINT function_id,
                  odbc_dbc_async_entry entry, const uintptr_t *args, size_t arg_count)
{
    if (arg_count > ODBC_DBC_ASYNC_MAX_ARGS)
        return false;
    async->function_id = function_id;
    async->entry = entry;
    memset(async->args, 0, sizeof async->args);
    memcpy(async->args, args, arg_count * sizeof *args);
    async->state = ODBC_DBC_ASYNC_RUNNING;
    atomic_store(&async->is_busy, true);
    atomic_store(&async->is_cancel_requested, false);
    if (pthread_create(&async->thread, NULL, run_in_background, async) != 0) {
        async->state = ODBC_DBC_ASYNC_IDLE;
        atomic_store(&async->is_busy, false);
        return false; /* no thread: the call runs synchronously instead */
    }
    async->has_thread = true;
    return true;
}

bool odbc_dbc_async_dispatch(SQLHDBC handle, SQLSMALLINT function_id, const char *function_name,
                             odbc_dbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                             SQLRETURN *result)
{
    if (!odbc_handle_is_valid(handle, SQL_HANDLE_DBC))
        return false;
    struct odbc_dbc_async *async = &((struct odbc_dbc *)handle)->async;
    if (!atomic_load(&async->is_enabled) && !atomic_load(&async->is_busy))
        return false; /* the common case: never asked for */
    pthread_mutex_lock(&async->mutex);
    /* The background thread calls the entry point again: its dispatch runs
     * the call (told by its thread id, set under this mutex before the
     * thread can take it). */
    if (async->state == ODBC_DBC_ASYNC_RUNNING && async->has_thread &&
        pthread_equal(async->thread, pthread_self())) {
        pthread_mutex_unlock(&async->mutex);
        return false;
    }
    bool is_handled = true;
    switch (async->state) {
    case ODBC_DBC_ASYNC_RUNNING:
        /* Another function while one runs is a sequence error the driver
         * manager reports (HY010); the connection's diagnostics belong to
         * the running call. */
        *result = function_id == async->function_id ? SQL_STILL_EXECUTING : SQL_ERROR;
        break;
    case ODBC_DBC_ASYNC_DONE:
        *result = function_id == async->function_id ? collect(async) : SQL_ERROR;
        break;
    case ODBC_DBC_ASYNC_IDLE:
    default:
        is_handled = atomic_load(&async->is_enabled) &&
                     start(async, function_id, entry, args, arg_count);
        if (is_handled)
            *result = SQL_STILL_EXECUTING;
        break;
    }
    pthread_mutex_unlock(&async->mutex);
    if (is_handled && *result == SQL_STILL_EXECUTING)
        trace_write(TRACE_LEVEL_API, "%s: SQL_STILL_EXECUTING (running in the background)",
                    function_name);
    return is_handled;
}

SQLRETURN odbc_dbc_async_cancel(struct odbc_dbc *dbc)
{
    struct odbc_dbc_async *async = &dbc->async;
    pthread_mutex_lock(&async->mutex);
    /* A disconnect frees the cancel token as it goes: nothing to stop. */
    bool is_cancelable =
        async->state == ODBC_DBC_ASYNC_RUNNING && async->function_id != SQL_API_SQLDISCONNECT;
    if (is_cancelable)
        atomic_store(&async->is_cancel_requested, true);
    pthread_mutex_unlock(&async->mutex);
    if (!is_cancelable)
        return SQL_SUCCESS;
    /* The token lives from connect to disconnect; the running call is not
     * a disconnect, and no other call runs meanwhile. */
    if (dbc->cancel_token == NULL)
        return SQL_ERROR; /* the server gave no key: cancel is impossible */
    struct error error;
    error_init(&error);
    if (wire_cancel_send(dbc->cancel_token, CANCEL_TIMEOUT_MS, &error) != 0)
        return SQL_ERROR; /* the running call owns the diagnostics */
    return SQL_SUCCESS;
}
