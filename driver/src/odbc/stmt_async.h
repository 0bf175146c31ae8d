/* Asynchronous execution of a statement's functions, polling method
 * (SQL_ATTR_ASYNC_ENABLE). Owns: the one call a statement may have running
 * in the background, the thread that runs it, and what a later call of the
 * same function learns about it.
 *
 * Design: with asynchronous execution on, an entry point that may take
 * long (execute, prepare, fetch, SQLGetData, SQLMoreResults, catalog
 * functions) hands its own arguments to odbc_async_dispatch, which starts
 * a thread that calls the same entry point again, synchronously (the
 * second dispatch recognises that thread and declines), and answers
 * SQL_STILL_EXECUTING at once. The application calls the function again
 * (its arguments are ignored, as the reference allows) and gets
 * SQL_STILL_EXECUTING until the thread has finished, then the thread's
 * return code, with the diagnostics the call left on the statement. The
 * background call takes the connection's and statement's locks as any
 * call does; polling takes neither, so it never waits on the server.
 * SQLCancel interrupts a background call like any other running call.
 * Reference: "Asynchronous Execution (Polling Method)", SQLSetStmtAttr
 * (SQL_ATTR_ASYNC_ENABLE), SQLCancel ("Canceling Asynchronous
 * Processing"). */
#ifndef PGO_ODBC_STMT_ASYNC_H
#define PGO_ODBC_STMT_ASYNC_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sql.h>

#define ODBC_ASYNC_MAX_ARGS 12

/* Calls an entry point again with the arguments its first call saved. */
typedef SQLRETURN (*odbc_async_entry)(const uintptr_t *args);

enum odbc_async_state {
    ODBC_ASYNC_IDLE = 0,
    ODBC_ASYNC_RUNNING, /* the thread has not finished */
    ODBC_ASYNC_DONE     /* finished; the next call of the function reports it */
};

struct odbc_stmt_async {
    atomic_bool is_enabled;
    atomic_bool is_busy;   /* state != IDLE: lets every synchronous call pass
                              without taking the mutex */
    pthread_mutex_t mutex; /* guards the fields below */
    enum odbc_async_state state;
    SQLSMALLINT function_id; /* SQL_API_* of the running or finished call */
    odbc_async_entry entry;
    uintptr_t args[ODBC_ASYNC_MAX_ARGS];
    SQLRETURN result;
    pthread_t thread;
    bool has_thread; /* not yet joined */
};

struct odbc_stmt;

int odbc_async_init(struct odbc_stmt_async *async);
/* Waits for a background call (there is none when the driver manager
 * keeps to the reference) and frees what init made. */
void odbc_async_reset(struct odbc_stmt_async *async);

/* For SQL_ATTR_ASYNC_ENABLE. */
void odbc_async_set_enabled(struct odbc_stmt_async *async, bool is_enabled);
bool odbc_async_is_enabled(struct odbc_stmt_async *async);
/* True while a call runs in the background (SQLCancel's question). */
bool odbc_async_is_running(struct odbc_stmt_async *async);

/* The entry point's first step. True: *result is the answer (the call
 * started in the background, is still running, or has finished); false:
 * run the call synchronously now (asynchronous execution is off, the
 * caller is the background thread itself, handle is not a statement, or
 * no thread could be started). */
bool odbc_async_dispatch(SQLHSTMT handle, SQLSMALLINT function_id, const char *function_name,
                         odbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                         SQLRETURN *result);

/* Entry points that may run in the background begin with this: arguments
 * are saved as integers and given back to entry, which casts them. */
#define ODBC_ASYNC_ENTRY(handle, function_id, entry, ...)                                  \
    do {                                                                                   \
        const uintptr_t async_args[] = {__VA_ARGS__};                                      \
        SQLRETURN async_result;                                                            \
        if (odbc_async_dispatch(handle, function_id, __func__, entry, async_args,          \
                                sizeof async_args / sizeof async_args[0], &async_result))  \
            return async_result;                                                           \
    } while (0)

#endif
