/* Asynchronous execution, polling method, for any handle (see async_call.h). */
#include "odbc/async_call.h"

#include <string.h>
#include "util/trace.h"

int odbc_async_init(struct odbc_async_call *call, odbc_async_after_run after_run, void *context)
{
    memset(call, 0, sizeof *call);
    atomic_init(&call->is_enabled, false);
    atomic_init(&call->is_busy, false);
    atomic_init(&call->is_cancel_requested, false);
    call->after_run = after_run;
    call->after_run_context = context;
    return pthread_mutex_init(&call->mutex, NULL) == 0 ? 0 : -1;
}

void odbc_async_reset(struct odbc_async_call *call)
{
    /* Join before touching the state: until its thread has returned, the
     * entry point it runs must still find the call RUNNING on that thread
     * when it offers itself again, and decline (else it would start a
     * second thread that nobody joins, on a call about to be freed). */
    pthread_mutex_lock(&call->mutex);
    bool has_thread = call->has_thread;
    pthread_t thread = call->thread;
    pthread_mutex_unlock(&call->mutex);
    if (has_thread)
        pthread_join(thread, NULL);
    call->has_thread = false;
    call->state = ODBC_ASYNC_IDLE;
    atomic_store(&call->is_busy, false);
    pthread_mutex_destroy(&call->mutex);
}

void odbc_async_set_enabled(struct odbc_async_call *call, bool is_enabled)
{
    atomic_store(&call->is_enabled, is_enabled);
}

bool odbc_async_is_enabled(struct odbc_async_call *call)
{
    return atomic_load(&call->is_enabled);
}

bool odbc_async_is_running(struct odbc_async_call *call)
{
    pthread_mutex_lock(&call->mutex);
    bool is_running = call->state == ODBC_ASYNC_RUNNING;
    pthread_mutex_unlock(&call->mutex);
    return is_running;
}

bool odbc_async_mark_canceled(struct odbc_async_call *call, SQLSMALLINT except_function_id)
{
    pthread_mutex_lock(&call->mutex);
    /* Under the mutex, so the mark never lands on a call started later
     * (start clears it under the same mutex). */
    bool is_marked = call->state == ODBC_ASYNC_RUNNING &&
                     (except_function_id == 0 || call->function_id != except_function_id);
    if (is_marked)
        atomic_store(&call->is_cancel_requested, true);
    pthread_mutex_unlock(&call->mutex);
    return is_marked;
}

static void *run_in_background(void *context)
{
    struct odbc_async_call *call = context;
    /* entry, args and after_run are written before the thread starts and
     * not again until it has been joined. */
    SQLRETURN result = call->entry(call->args);
    if (call->after_run != NULL)
        call->after_run(call->after_run_context, result, atomic_load(&call->is_cancel_requested));
    pthread_mutex_lock(&call->mutex);
    call->result = result;
    call->state = ODBC_ASYNC_DONE;
    pthread_mutex_unlock(&call->mutex);
    return NULL;
}

/* A finished call: its thread is joined and its code handed over. Called
 * with the mutex held. */
static SQLRETURN collect(struct odbc_async_call *call)
{
    if (call->has_thread) {
        pthread_join(call->thread, NULL);
        call->has_thread = false;
    }
    call->state = ODBC_ASYNC_IDLE;
    atomic_store(&call->is_busy, false);
    return call->result;
}

SQLRETURN odbc_async_complete(struct odbc_async_call *call, SQLRETURN *async_result)
{
    pthread_mutex_lock(&call->mutex);
    SQLRETURN answer = SQL_SUCCESS;
    switch (call->state) {
    case ODBC_ASYNC_RUNNING:
        *async_result = SQL_STILL_EXECUTING;
        break;
    case ODBC_ASYNC_DONE:
        *async_result = collect(call);
        break;
    case ODBC_ASYNC_IDLE:
    default:
        answer = atomic_load(&call->is_enabled) ? SQL_NO_DATA : SQL_ERROR;
        break;
    }
    pthread_mutex_unlock(&call->mutex);
    return answer;
}

static bool start(struct odbc_async_call *call, SQLSMALLINT function_id, odbc_async_entry entry,
                  const uintptr_t *args, size_t arg_count)
{
    if (arg_count > ODBC_ASYNC_MAX_ARGS)
        return false;
    call->function_id = function_id;
    call->entry = entry;
    memset(call->args, 0, sizeof call->args);
    memcpy(call->args, args, arg_count * sizeof *args);
    call->state = ODBC_ASYNC_RUNNING;
    atomic_store(&call->is_busy, true);
    atomic_store(&call->is_cancel_requested, false);
    if (pthread_create(&call->thread, NULL, run_in_background, call) != 0) {
        call->state = ODBC_ASYNC_IDLE;
        atomic_store(&call->is_busy, false);
        return false; /* no thread: the call runs synchronously instead */
    }
    call->has_thread = true;
    return true;
}

bool odbc_async_dispatch_call(struct odbc_async_call *call, SQLSMALLINT function_id,
                              const char *function_name, odbc_async_entry entry,
                              const uintptr_t *args, size_t arg_count, SQLRETURN *result)
{
    if (!atomic_load(&call->is_enabled) && !atomic_load(&call->is_busy))
        return false; /* the common case: asynchronous execution was never asked for */
    pthread_mutex_lock(&call->mutex);
    /* The background thread calls the entry point again: its dispatch runs
     * the call. (Told by its thread id, set under this mutex before the
     * thread can take it; a thread-local flag would put dynamic TLS in a
     * dlopen'ed driver, which LeakSanitizer's tracer crashes on.) */
    if (call->state == ODBC_ASYNC_RUNNING && call->has_thread &&
        pthread_equal(call->thread, pthread_self())) {
        pthread_mutex_unlock(&call->mutex);
        return false;
    }
    bool is_handled = true;
    switch (call->state) {
    case ODBC_ASYNC_RUNNING:
        /* Another function while one runs: HY010 from the driver manager
         * (async_call.h). */
        *result = function_id == call->function_id ? SQL_STILL_EXECUTING : SQL_ERROR;
        break;
    case ODBC_ASYNC_DONE:
        *result = function_id == call->function_id ? collect(call) : SQL_ERROR;
        break;
    case ODBC_ASYNC_IDLE:
    default:
        is_handled = atomic_load(&call->is_enabled) &&
                     start(call, function_id, entry, args, arg_count);
        if (is_handled)
            *result = SQL_STILL_EXECUTING;
        break;
    }
    pthread_mutex_unlock(&call->mutex);
    if (is_handled && *result == SQL_STILL_EXECUTING)
        trace_write(TRACE_LEVEL_API, "%s: SQL_STILL_EXECUTING (running in the background)",
                    function_name);
    return is_handled;
}
