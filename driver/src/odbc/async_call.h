/* Asynchronous execution, polling method: the one call a handle may have
 * running in the background, the thread that runs it, and what a later
 * call of the same function learns about it. Knows no handle: a statement
 * (stmt_async.h, SQL_ATTR_ASYNC_ENABLE) and a connection (dbc_async.h,
 * SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE) each embed a struct odbc_async_call
 * and say which of their functions may run through it.
 *
 * Design: with asynchronous execution on, an entry point that may take long
 * hands its own arguments, saved as integers, to its handle's dispatch
 * (ODBC_ASYNC_OFFER), which starts a thread that calls the same entry point
 * again, synchronously (the second dispatch recognises that thread by its
 * id and declines), and answers SQL_STILL_EXECUTING at once. The
 * application calls the function again (its arguments are ignored, as the
 * reference allows) and gets SQL_STILL_EXECUTING until the thread has
 * finished, then the thread's return code, with the diagnostics the call
 * left on the handle. The background call takes the handles' locks as any
 * call does; polling takes none, so it never waits on the server. Another
 * function while one runs is a sequence error the driver manager reports
 * itself (HY010); the handle's diagnostics belong to the running call, so
 * nothing is posted for it.
 * Reference: "Asynchronous Execution (Polling Method)". */
#ifndef PGO_ODBC_ASYNC_CALL_H
#define PGO_ODBC_ASYNC_CALL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>

/* The most arguments an entry point may save (SQLTables and SQLColumns
 * save 9); a call with more runs synchronously. */
#define ODBC_ASYNC_MAX_ARGS 12

/* Calls an entry point again with the arguments its first call saved. */
typedef SQLRETURN (*odbc_async_entry)(const uintptr_t *args);

/* Runs in the background thread after the entry point has returned and
 * before the call counts as finished, so a poll that sees the result also
 * sees what this adds. is_cancel_requested: odbc_async_mark_canceled
 * reached the call while it ran. */
typedef void (*odbc_async_after_run)(void *context, SQLRETURN result, bool is_cancel_requested);

enum odbc_async_state {
    ODBC_ASYNC_IDLE = 0,
    ODBC_ASYNC_RUNNING, /* the thread has not finished */
    ODBC_ASYNC_DONE     /* finished; the next call of the function reports it */
};

struct odbc_async_call {
    atomic_bool is_enabled;
    atomic_bool is_busy; /* state != IDLE: lets every synchronous call pass
                            without taking the mutex */
    atomic_bool is_cancel_requested; /* odbc_async_mark_canceled reached the running call */
    odbc_async_after_run after_run;  /* NULL: nothing to add; set at init */
    void *after_run_context;
    pthread_mutex_t mutex; /* guards the fields below */
    enum odbc_async_state state;
    SQLSMALLINT function_id; /* SQL_API_* of the running or finished call */
    odbc_async_entry entry;
    uintptr_t args[ODBC_ASYNC_MAX_ARGS];
    SQLRETURN result;
    pthread_t thread;
    bool has_thread; /* not yet joined */
};

/* after_run (may be NULL) is called with context at the end of every
 * background call. 0, or -1 when the mutex cannot be made. */
int odbc_async_init(struct odbc_async_call *call, odbc_async_after_run after_run, void *context);
/* Waits for a background call (there is none when the driver manager keeps
 * to the reference: it lets none outlive the handle) and frees what init
 * made. */
void odbc_async_reset(struct odbc_async_call *call);

/* The handle's attribute that turns asynchronous execution on. */
void odbc_async_set_enabled(struct odbc_async_call *call, bool is_enabled);
bool odbc_async_is_enabled(struct odbc_async_call *call);
/* True while a call runs in the background (the cancel functions' and
 * SQLFreeHandle's question). */
bool odbc_async_is_running(struct odbc_async_call *call);

/* Marks the call running in the background as canceled, unless its
 * function is except_function_id (0: none excepted); after_run is told.
 * Returns whether a call was marked. Sends nothing: the caller stops the
 * call its own way. */
bool odbc_async_mark_canceled(struct odbc_async_call *call, SQLSMALLINT except_function_id);

/* SQLCompleteAsync in polling mode: the background call's answer without
 * calling its function again. SQL_SUCCESS with *async_result
 * SQL_STILL_EXECUTING while it runs, or its return code once finished (the
 * call is then collected, as the function's own poll would); SQL_NO_DATA
 * when no call is in progress; SQL_ERROR when asynchronous execution is
 * off and nothing is in progress. Takes no handle lock. */
SQLRETURN odbc_async_complete(struct odbc_async_call *call, SQLRETURN *async_result);

/* The dispatch behind a handle's dispatch, once the handle is known. True:
 * *result is the answer (the call started in the background, is still
 * running, or has finished; SQL_ERROR for another function than the one
 * running or finished); false: run the call synchronously now
 * (asynchronous execution is off, the caller is the background thread
 * itself, arg_count exceeds ODBC_ASYNC_MAX_ARGS, or no thread could be
 * started). function_name is for the trace. */
bool odbc_async_dispatch_call(struct odbc_async_call *call, SQLSMALLINT function_id,
                              const char *function_name, odbc_async_entry entry,
                              const uintptr_t *args, size_t arg_count, SQLRETURN *result);

/* The first step of an entry point that may run in the background, given
 * its handle's dispatch (odbc_async_dispatch, odbc_dbc_async_dispatch):
 * arguments are saved as integers and given back to entry, which casts
 * them; the entry point returns the dispatch's answer when it has one. */
#define ODBC_ASYNC_OFFER(dispatch, handle, function_id, entry, ...)                        \
    do {                                                                                   \
        const uintptr_t async_args[] = {__VA_ARGS__};                                      \
        SQLRETURN async_result;                                                            \
        if (dispatch(handle, function_id, __func__, entry, async_args,                     \
                     sizeof async_args / sizeof async_args[0], &async_result))             \
            return async_result;                                                           \
    } while (0)

#endif
