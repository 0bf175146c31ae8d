/* failover.c: what an application does when its connection dies.
 *
 * pgodbc never runs a statement again on its own: a write retried behind
 * the application's back could run twice. It tells the application
 * instead, and the application, which knows what its statements mean,
 * decides:
 *
 *   1. Detect. A call fails; the connection is gone when the SQLSTATE is
 *      08S01 (communication link failure) or 08007 (the link failed during
 *      COMMIT), or when SQL_ATTR_CONNECTION_DEAD answers SQL_CD_TRUE (the
 *      server may first have said why it ended the session, e.g. 57P01
 *      "terminating connection due to administrator command"). Any other
 *      error is an ordinary SQL error: reconnecting will not fix it.
 *   2. Free and reconnect. The dead handle can still be disconnected and
 *      freed. Connect again with the same string: with a host list
 *      (Server=db1,db2;TargetSessionAttrs=read-write) the driver tries
 *      each host in turn, Timeout bounding each attempt, and finds the
 *      server that took over. An authentication failure (28xxx) is not
 *      retried: a wrong password stays wrong on every host.
 *   3. Re-run only what is safe. A read has no effect: run it again. A
 *      transaction cut before COMMIT was rolled back by the server: run
 *      the whole transaction again. A COMMIT that failed with 08007 may or
 *      may not have happened: look whether its effect is there (here by a
 *      key the application chose before the first attempt) and run it
 *      again only when it is not.
 *
 * Usage: failover "<connection string>" [--simulate-failures]
 * --simulate-failures ends the application's own session twice, from a
 * second connection (pg_terminate_backend), once before a read and once
 * between a write and its COMMIT, so that both paths run. A real
 * application does not do that; the server going away does it for you.
 * Exit status 0 when every step gave the expected result. */
#define _POSIX_C_SOURCE 200809L /* nanosleep, getpid */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sql.h>
#include <sqlext.h>

#define MAX_CONNECT_ATTEMPTS 5
#define MAX_STATEMENT_ATTEMPTS 3

struct session {
    SQLHENV env;
    SQLHDBC dbc; /* SQL_NULL_HDBC while not connected */
    const char *connection_string;
    bool is_simulating; /* --simulate-failures */
};

enum outcome {
    OUTCOME_OK,
    OUTCOME_DEAD,  /* the connection is gone: reconnect */
    OUTCOME_FAILED /* an SQL error: reconnecting would not help */
};

/* The first diagnostic record of a handle: SQLSTATE and message. */
static void first_diagnostic(SQLSMALLINT handle_type, SQLHANDLE handle, char state[6],
                             char *message, size_t message_size)
{
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    state[0] = '\0';
    message[0] = '\0';
    SQLRETURN rc = SQLGetDiagRec(handle_type, handle, 1, (SQLCHAR *)state, &native,
                                 (SQLCHAR *)message, (SQLSMALLINT)message_size, &length);
    if (!SQL_SUCCEEDED(rc)) {
        (void)snprintf(state, 6, "%s", "?????");
    }
}

/* Step 1: is the connection gone, or was this an ordinary error? */
static bool is_connection_dead(SQLHDBC dbc, const char *state)
{
    if (strcmp(state, "08S01") == 0 || strcmp(state, "08007") == 0) {
        return true;
    }
    SQLUINTEGER dead = SQL_CD_FALSE;
    SQLRETURN rc = SQLGetConnectAttr(dbc, SQL_ATTR_CONNECTION_DEAD, &dead, 0, NULL);
    return SQL_SUCCEEDED(rc) && dead == SQL_CD_TRUE;
}

/* Step 2, connecting: the host list is walked by the driver; this loop only
 * covers the moments when no host is ready yet (a standby being promoted),
 * with a short pause between attempts. */
static int connect_session(struct session *session)
{
    for (int attempt = 1; attempt <= MAX_CONNECT_ATTEMPTS; attempt++) {
        SQLHDBC dbc = SQL_NULL_HDBC;
        if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, session->env, &dbc))) {
            return -1;
        }
        SQLRETURN rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)session->connection_string, SQL_NTS,
                                        NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
        if (SQL_SUCCEEDED(rc)) {
            session->dbc = dbc;
            return 0;
        }
        char state[6];
        char message[1024];
        first_diagnostic(SQL_HANDLE_DBC, dbc, state, message, sizeof message);
        (void)SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        printf("connect attempt %d failed: %s %s\n", attempt, state, message);
        if (strncmp(state, "28", 2) == 0) {
            return -1; /* authentication: no other host or later attempt will accept it */
        }
        struct timespec pause = {0, 200L * 1000 * 1000 * attempt};
        (void)nanosleep(&pause, NULL);
    }
    return -1;
}

/* The dead handle is still the application's to free. SQLDisconnect on a
 * dead connection may report an error; the handle is freed all the same. */
static void disconnect_session(struct session *session)
{
    if (session->dbc != SQL_NULL_HDBC) {
        (void)SQLDisconnect(session->dbc);
        (void)SQLFreeHandle(SQL_HANDLE_DBC, session->dbc);
        session->dbc = SQL_NULL_HDBC;
    }
}

static int reconnect(struct session *session)
{
    disconnect_session(session);
    printf("reconnecting\n");
    return connect_session(session);
}

/* Runs sql, with parameter (when not NULL) for its one '?' marker; when
 * value is not NULL, copies the first column of the first row into it. */
static enum outcome run_statement(SQLHDBC dbc, const char *sql, const char *parameter,
                                  char *value, size_t value_size)
{
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {
        char state[6];
        char message[1024];
        first_diagnostic(SQL_HANDLE_DBC, dbc, state, message, sizeof message);
        return is_connection_dead(dbc, state) ? OUTCOME_DEAD : OUTCOME_FAILED;
    }
    SQLRETURN rc = SQL_SUCCESS;
    SQLLEN parameter_length = SQL_NTS;
    if (parameter != NULL) {
        rc = SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, strlen(parameter),
                              0, (SQLPOINTER)parameter, 0, &parameter_length);
    }
    if (SQL_SUCCEEDED(rc)) {
        rc = SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS);
    }
    if (SQL_SUCCEEDED(rc) && value != NULL) {
        SQLLEN indicator = 0;
        rc = SQLFetch(stmt);
        if (SQL_SUCCEEDED(rc)) {
            rc = SQLGetData(stmt, 1, SQL_C_CHAR, value, (SQLLEN)value_size, &indicator);
        }
    }
    enum outcome outcome = OUTCOME_OK;
    if (!SQL_SUCCEEDED(rc)) {
        char state[6];
        char message[1024];
        first_diagnostic(SQL_HANDLE_STMT, stmt, state, message, sizeof message);
        outcome = is_connection_dead(dbc, state) ? OUTCOME_DEAD : OUTCOME_FAILED;
        printf("\"%s\" failed: %s %s (%s)\n", sql, state, message,
               outcome == OUTCOME_DEAD ? "connection lost" : "SQL error");
    }
    (void)SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return outcome;
}

/* Demonstration only: ends the session of dbc from a second connection, as
 * a failover or an administrator would. pg_terminate_backend's second
 * argument (PostgreSQL 14+) waits until the session is gone. */
static int simulate_failure(struct session *session)
{
    char pid[32] = "";
    if (run_statement(session->dbc, "SELECT pg_backend_pid()", NULL, pid, sizeof pid) !=
        OUTCOME_OK) {
        return -1;
    }
    struct session killer = {session->env, SQL_NULL_HDBC, session->connection_string, false};
    if (connect_session(&killer) != 0) {
        return -1;
    }
    char done[8] = "";
    enum outcome outcome =
        run_statement(killer.dbc, "SELECT pg_terminate_backend(CAST(? AS integer), 5000)", pid,
                      done, sizeof done);
    disconnect_session(&killer);
    printf("simulated failure: session %s ended\n", pid);
    return outcome == OUTCOME_OK && strcmp(done, "1") == 0 ? 0 : -1;
}

/* Step 3 for a read: it changes nothing, so it may run again after a
 * reconnect. */
static int read_with_failover(struct session *session, const char *sql, const char *parameter,
                              char *value, size_t value_size)
{
    for (int attempt = 1; attempt <= MAX_STATEMENT_ATTEMPTS; attempt++) {
        enum outcome outcome = run_statement(session->dbc, sql, parameter, value, value_size);
        if (outcome == OUTCOME_OK) {
            return 0;
        }
        if (outcome == OUTCOME_FAILED || reconnect(session) != 0) {
            return -1;
        }
    }
    return -1;
}

static int set_autocommit(SQLHDBC dbc, bool is_on)
{
    SQLRETURN rc = SQLSetConnectAttr(
        dbc, SQL_ATTR_AUTOCOMMIT,
        (SQLPOINTER)(uintptr_t)(is_on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF), 0);
    return SQL_SUCCEEDED(rc) ? 0 : -1;
}

/* How many orders carry this key (into count, as text). */
static int count_orders(struct session *session, const char *key, char *count,
                        size_t count_size)
{
    return read_with_failover(session,
                              "SELECT count(*) FROM pgo_failover_example WHERE order_key = ?",
                              key, count, count_size);
}

/* Whether the order with this key is in the table: the answer to "did my
 * COMMIT happen?" after an 08007. */
static int order_exists(struct session *session, const char *key, bool *exists)
{
    char count[32] = "";
    if (count_orders(session, key, count, sizeof count) != 0) {
        return -1;
    }
    *exists = strcmp(count, "0") != 0;
    return 0;
}

/* Step 3 for a write: one transaction, identified by a key the application
 * chose before the first attempt. */
static int write_with_failover(struct session *session, const char *key, int amount)
{
    char sql[128];
    (void)snprintf(sql, sizeof sql,
                   "INSERT INTO pgo_failover_example (order_key, amount) VALUES (?, %d)", amount);
    for (int attempt = 1; attempt <= MAX_STATEMENT_ATTEMPTS; attempt++) {
        if (set_autocommit(session->dbc, false) != 0) {
            return -1;
        }
        enum outcome outcome = run_statement(session->dbc, sql, key, NULL, 0);
        if (outcome == OUTCOME_FAILED) {
            (void)SQLEndTran(SQL_HANDLE_DBC, session->dbc, SQL_ROLLBACK);
            return -1;
        }
        if (outcome == OUTCOME_DEAD) {
            /* Lost before COMMIT: the server rolled the transaction back,
             * so running all of it again cannot apply it twice. */
            if (reconnect(session) != 0) {
                return -1;
            }
            continue;
        }
        if (session->is_simulating && attempt == 1 && simulate_failure(session) != 0) {
            return -1;
        }
        SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, session->dbc, SQL_COMMIT);
        if (SQL_SUCCEEDED(rc)) {
            return set_autocommit(session->dbc, true);
        }
        char state[6];
        char message[1024];
        first_diagnostic(SQL_HANDLE_DBC, session->dbc, state, message, sizeof message);
        printf("COMMIT failed: %s %s\n", state, message);
        if (!is_connection_dead(session->dbc, state)) {
            return -1; /* e.g. a deferred constraint: the server said no */
        }
        /* 08007: committed or not, nobody can say from here. Ask the
         * server that took over; never replay blindly. (With asynchronous
         * replication a COMMIT the old primary made may not have reached
         * the new one; what the new primary holds is what counts from now
         * on, which is why the question goes to it.) */
        if (reconnect(session) != 0) {
            return -1;
        }
        bool exists = false;
        if (order_exists(session, key, &exists) != 0) {
            return -1;
        }
        if (exists) {
            printf("the order was committed before the connection was lost\n");
            return 0;
        }
        printf("the order was not committed; running the transaction again\n");
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s \"<connection string>\" [--simulate-failures]\n", argv[0]);
        return 2;
    }
    struct session session = {SQL_NULL_HENV, SQL_NULL_HDBC, argv[1],
                              argc > 2 && strcmp(argv[2], "--simulate-failures") == 0};
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &session.env)) ||
        !SQL_SUCCEEDED(SQLSetEnvAttr(session.env, SQL_ATTR_ODBC_VERSION,
                                     (SQLPOINTER)SQL_OV_ODBC3, 0))) {
        fprintf(stderr, "cannot set up the ODBC environment\n");
        return 1;
    }
    int status = 1;
    char key[64];
    (void)snprintf(key, sizeof key, "order-%ld-%ld", (long)getpid(), (long)time(NULL));
    char count[32] = "";
    bool exists = false;
    if (connect_session(&session) != 0) {
        fprintf(stderr, "no server accepted the connection\n");
    } else if (run_statement(session.dbc,
                             "CREATE TABLE IF NOT EXISTS pgo_failover_example "
                             "(order_key text PRIMARY KEY, amount integer NOT NULL)",
                             NULL, NULL, 0) != OUTCOME_OK) {
        fprintf(stderr, "cannot create the example's table\n");
    } else if (session.is_simulating && simulate_failure(&session) != 0) {
        fprintf(stderr, "cannot simulate a failure\n");
    } else if (read_with_failover(&session, "SELECT count(*) FROM pgo_failover_example", NULL,
                                  count, sizeof count) != 0) {
        fprintf(stderr, "the read failed\n");
    } else if (write_with_failover(&session, key, 42) != 0) {
        fprintf(stderr, "the write failed\n");
    } else if (order_exists(&session, key, &exists) != 0 || !exists) {
        fprintf(stderr, "the order is missing after the write\n");
    } else {
        char copies[32] = "";
        if (count_orders(&session, key, copies, sizeof copies) == 0 &&
            strcmp(copies, "1") == 0) {
            printf("done: %s rows before, the order written once\n", count);
            status = 0;
        } else {
            fprintf(stderr, "the order is there %s times\n", copies);
        }
        (void)run_statement(session.dbc, "DROP TABLE IF EXISTS pgo_failover_example", NULL, NULL,
                            0);
    }
    disconnect_session(&session);
    (void)SQLFreeHandle(SQL_HANDLE_ENV, session.env);
    return status;
}
