/* Asynchronous connection functions, polling method
 * (SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE, ODBC 3.8). Owns: the one call a
 * connection may have running in the background, the thread that runs it,
 * and what a later call of the same function learns about it.
 *
 * Design (as the statements' dispatcher, stmt_async.h): with the
 * attribute on, SQLEndTran on the connection, SQLDisconnect and
 * SQLSetConnectAttr of an attribute that reaches the server (autocommit,
 * isolation, access mode) hand their own arguments to
 * odbc_dbc_async_dispatch, which starts a thread that calls the same entry
 * point again, synchronously (the second dispatch recognises that thread
 * by its id and declines), and answers SQL_STILL_EXECUTING at once. Each
 * later call of that function polls: SQL_STILL_EXECUTING until the thread
 * has finished, then its return code, with the diagnostics it left on the
 * connection. Polling takes no lock, so it never waits on the server.
 * SQLCancelHandle on the connection sends the server a cancel request
 * while such a call runs.
 *
 * SQLConnect and SQLDriverConnect always complete synchronously: unixODBC
 * 2.3.11 answers a connect's SQL_STILL_EXECUTING by freeing the driver's
 * connection and environment handles, and its next call starts a new
 * connect on new handles, so a connect could never be polled to its end.
 * Reference: "Asynchronous Execution (Polling Method)", SQLSetConnectAttr
 * (SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE), SQLCancelHandle. */
#ifndef PGO_ODBC_DBC_ASYNC_H
#define PGO_ODBC_DBC_ASYNC_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>

#define ODBC_DBC_ASYNC_MAX_ARGS 6

/* Calls an entry point again with the arguments its first call saved. */
typedef SQLRETURN (*odbc_dbc_async_entry)(const uintptr_t *args);

enum odbc_dbc_async_state {
    ODBC_DBC_ASYNC_IDLE = 0,
    ODBC_DBC_ASYNC_RUNNING, /* the thread has not finished */
    ODBC_DBC_ASYNC_DONE     /* finished; the next call of the function reports it */
};

struct odbc_dbc_async {
    atomic_bool is_enabled; /* SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE */
    atomic_bool is_busy;    /* state != IDLE: lets synchronous calls pass without the mutex */
    pthread_mutex_t mutex;  /* guards the fields below */
    enum odbc_dbc_async_state state;
    SQLSMALLINT function_id; /* SQL_API_* of the running or finished call */
    odbc_dbc_async_entry entry;
    uintptr_t args[ODBC_DBC_ASYNC_MAX_ARGS];
    SQLRETURN result;
    pthread_t thread;
    bool has_thread; /* not yet joined */
    atomic_bool is_cancel_requested; /* SQLCancelHandle reached the running call */
};

/* 0, or -1 when the mutex cannot be made. */
int odbc_dbc_async_init(struct odbc_dbc_async *async);
/* Waits for a background call (the driver manager lets none outlive the
 * handle) and frees what init made. */
void odbc_dbc_async_reset(struct odbc_dbc_async *async);

void odbc_dbc_async_set_enabled(struct odbc_dbc_async *async, bool is_enabled);
bool odbc_dbc_async_is_enabled(struct odbc_dbc_async *async);
/* True while a call runs in the background (SQLCancelHandle's question). */
bool odbc_dbc_async_is_running(struct odbc_dbc_async *async);

struct odbc_dbc;
/* SQLCancelHandle on a connection: while SQLEndTran or SQLSetConnectAttr
 * runs in the background, sends the server a cancel request (over a new
 * connection, with the token taken at connect; no lock is taken); the
 * call then fails with the server's 57014 and HY008. With nothing running
 * (or a disconnect, which has nothing to stop) there is nothing to cancel:
 * SQL_SUCCESS. SQL_ERROR when the request could not be sent. */
SQLRETURN odbc_dbc_async_cancel(struct odbc_dbc *dbc);

/* Whether setting attribute may run in the background: those whose
 * setting runs a command on the server (autocommit on commits an open
 * transaction; isolation and access mode are SET SESSION
 * CHARACTERISTICS). The others answer at once; SQL_ATTR_RESET_CONNECTION,
 * which the driver manager sets without polling, and the attribute that
 * turns this on (always synchronous, says the reference) never do. */
bool odbc_dbc_async_may_run_attribute(SQLINTEGER attribute);

/* The entry point's first step. True: *result is the answer (the call
 * started in the background, is still running, or has finished); false:
 * run the call synchronously now (the attribute is off, the caller is the
 * background thread itself, handle is not a connection, or no thread
 * could be started). */
bool odbc_dbc_async_dispatch(SQLHDBC handle, SQLSMALLINT function_id, const char *function_name,
                             odbc_dbc_async_entry entry, const uintptr_t *args, size_t arg_count,
                             SQLRETURN *result);

#define ODBC_DBC_ASYNC_ENTRY(handle, function_id, entry, ...)                              \
    do {                                                                                   \
        const uintptr_t async_args[] = {__VA_ARGS__};                                      \
        SQLRETURN async_result;                                                            \
        if (odbc_dbc_async_dispatch(handle, function_id, __func__, entry, async_args,      \
                                    sizeof async_args / sizeof async_args[0],              \
                                    &async_result))                                        \
            return async_result;                                                           \
    } while (0)

#endif
