/* Asynchronous execution, polling method (see stmt_async.h). */
#include "odbc/stmt_async.h"

#include <string.h>
#include <sqlext.h>
#include "odbc/stmt.h"
#include "util/trace.h"

int odbc_async_init(struct odbc_stmt_async *async)
{
    memset(async, 0, sizeof *async);
    atomic_init(&async->is_enabled, false);
    atomic_init(&async->is_busy, false);
    return pthread_mutex_init(&async->mutex, NULL) == 0 ? 0 : -1;
}

void odbc_async_reset(struct odbc_stmt_async *async)
{
    pthread_mutex_lock(&async->mutex);
    bool has_thread = async->has_thread;
    pthread_t thread = async->thread;
    async->has_thread = false;
    async->state = ODBC_ASYNC_IDLE;
    atomic_store(&async->is_busy, false);
    pthread_mutex_unlock(&async->mutex);
    if (has_thread)
        pthread_join(thread, NULL);
    pthread_mutex_destroy(&async->mutex);
}

void odbc_async_set_enabled(struct odbc_stmt_async *async, bool is_enabled)
{
    atomic_store(&async->is_enabled, is_enabled);
}

bool odbc_async_is_enabled(struct odbc_stmt_async *async)
{
    return atomic_load(&async->is_enabled);
}

bool odbc_async_is_running(struct odbc_stmt_async *async)
{
    pthread_mutex_lock(&async->mutex);
    bool is_running = async->state == ODBC_ASYNC_RUNNING;
    pthread_mutex_unlock(&async->mutex);
    return is_running;
}

static void *run_in_background(void *context)
{
    struct odbc_stmt_async *async = context;
    /* entry and args are written before the thread starts and not again
     * until it has been joined. */
    SQLRETURN result = async->entry(async->args);
    pthread_mutex_lock(&async->mutex);
    async->result = result;
    async->state = ODBC_ASYNC_DONE;
    pthread_mutex_unlock(&async->mutex);
    return NULL;
}

/* A finished call: its thread is joined and its code handed over. Called
 * with the mutex held. */
static SQLRETURN collect(struct odbc_stmt_async *async)
{
    if (async->has_thread) {
        pthread_join(async->thread, NULL);
        async->has_thread = false;
    }
    async->state = ODBC_ASYNC_IDLE;
    atomic_store(&async->is_busy, false);
    return async->result;
}

static bool start(struct odbc_stmt_async *async, SQLSMALLINT function_id, odbc_async_entry entry,
                  const uintptr_t *args, size_t arg_count)
{
    if (arg_count > ODBC_ASYNC_MAX_ARGS)
        return false;
    async->function_id = function_id;
    async->entry = entry;
    memset(async->args, 0, sizeof async->args);
    memcpy(async->args, args, arg_count * sizeof *args);
    async->state = ODBC_ASYNC_RUNNING;
    atomic_store(&async->is_busy, true);
    if (pthread_create(&async->thread, NULL, run_in_background, async) != 0) {
        async->state = ODBC_ASYNC_IDLE;
        atomic_store(&async->is_busy, false);
        return false; /* no thread: the call runs synchronously instead */
    }
    async->has_thread = true;
    return true;
}

bool odbc_async_dispatch(SQLHSTMT handle, SQLSMALLINT function_id, const char *function_name,
                         odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                         SQLRETURN *result)
{
    if (!odbc_handle_is_valid(handle, SQL_HANDLE_STMT))
        return false;
    struct odbc_stmt_async *async = &((struct odbc_stmt *)handle)->async;
    if (!atomic_load(&async->is_enabled) && !atomic_load(&async->is_busy))
        return false; /* the common case: asynchronous execution was never asked for */
    pthread_mutex_lock(&async->mutex);
    /* The background thread calls the entry point again: its dispatch runs
     * the call. (Told by its thread id, set under this mutex before the
     * thread can take it; a thread-local flag would put dynamic TLS in a
     * dlopen'ed driver, which LeakSanitizer's tracer crashes on.) */
    if (async->state == ODBC_ASYNC_RUNNING && async->has_thread &&
        pthread_equal(async->thread, pthread_self())) {
        pthread_mutex_unlock(&async->mutex);
        return false;
    }
    bool is_handled = true;
    switch (async->state) {
    case ODBC_ASYNC_RUNNING:
        /* Another function while one runs is a sequence error the driver
         * manager reports itself (HY010); the statement's diagnostics
         * belong to the running call, so nothing is posted here. */
        *result = function_id == async->function_id ? SQL_STILL_EXECUTING : SQL_ERROR;
        break;
    case ODBC_ASYNC_DONE:
        *result = function_id == async->function_id ? collect(async) : SQL_ERROR;
        break;
    case ODBC_ASYNC_IDLE:
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
