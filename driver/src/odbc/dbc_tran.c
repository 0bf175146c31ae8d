/* Transactions (see dbc_tran.h for the decisions).
 * Owns: autocommit, isolation and access mode as the application set
 * them, the lazy BEGIN, the statement savepoint, COMMIT and ROLLBACK.
 * Leaves the wire to wire/ (internal commands travel with a statement's
 * exchange; wire_run_command runs the rest synchronously), buffering a
 * streaming result to dbc_query.c (odbc_dbc_claim_connection), and when
 * to call the statement hooks to the statement files.
 * Reference: ODBC SQLSetConnectAttr (SQL_ATTR_AUTOCOMMIT,
 * SQL_ATTR_TXN_ISOLATION with HY011, SQL_ATTR_ACCESS_MODE), SQLEndTran
 * (HY012), SQLGetInfo (SQL_CURSOR_COMMIT_BEHAVIOR); PostgreSQL 15 BEGIN,
 * SAVEPOINT, RELEASE SAVEPOINT, ROLLBACK TO SAVEPOINT, SET TRANSACTION
 * ("SET SESSION CHARACTERISTICS"), COMMIT (in an aborted transaction it
 * rolls back and its tag is ROLLBACK); protocol: an error in an explicit
 * transaction block leaves it failed ('E') at the Sync. */
#include "odbc/dbc_tran.h"

#include <stdio.h>
#include <string.h>
#include "odbc/dbc.h"
#include "wire/conn.h"

#define STATEMENT_SAVEPOINT "pgodbc_statement"
#define COMMAND_TAG_BYTES 64
/* "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ
 * UNCOMMITTED, READ WRITE" and the three savepoint commands fit. */
#define COMMAND_TEXT_BYTES 160
/* "BEGIN ISOLATION LEVEL READ UNCOMMITTED, READ WRITE" fits. */
#define BEGIN_TEXT_BYTES 64

static const char begin_sql[] = "BEGIN";
static const char commit_sql[] = "COMMIT";
static const char rollback_sql[] = "ROLLBACK";
static const char savepoint_sql[] = "SAVEPOINT " STATEMENT_SAVEPOINT;
static const char release_sql[] = "RELEASE SAVEPOINT " STATEMENT_SAVEPOINT;
static const char rollback_to_sql[] = "ROLLBACK TO SAVEPOINT " STATEMENT_SAVEPOINT;
static const char default_isolation_sql[] =
    "SELECT reset_val FROM pg_catalog.pg_settings WHERE name = 'default_transaction_isolation'";

static void forget_session_state(struct odbc_transaction *transaction)
{
    transaction->is_begin_queued = false;
    transaction->is_statement_wrapped = false;
    transaction->is_wrap_commit_queued = false;
    transaction->is_savepoint_pending = false;
    transaction->has_savepoint = false;
    transaction->has_server_default = false;
    transaction->server_default_isolation = SQL_TXN_READ_COMMITTED;
}

void odbc_transaction_init(struct odbc_transaction *transaction)
{
    transaction->is_autocommit = true;
    transaction->isolation = SQL_TXN_READ_COMMITTED;
    transaction->has_isolation = false;
    transaction->access_mode = SQL_MODE_READ_WRITE;
    transaction->has_access_mode = false;
    forget_session_state(transaction);
}

static bool is_usable(const struct odbc_dbc *dbc)
{
    return dbc->conn != NULL && !wire_conn_is_broken(dbc->conn);
}

/* Behind a transaction pooler: nothing of ours may live in the session. */
static bool is_transaction_pooled(const struct odbc_dbc *dbc)
{
    return dbc->options.pooler_mode == CONNSTR_POOLER_TRANSACTION;
}

/* The transaction ended (COMMIT, ROLLBACK, or the application's own). */
static void forget_transaction(struct odbc_transaction *transaction)
{
    transaction->is_begin_queued = false;
    transaction->is_statement_wrapped = false;
    transaction->is_wrap_commit_queued = false;
    transaction->is_savepoint_pending = false;
    transaction->has_savepoint = false;
}

static void describe_unknown_commit(struct error *error);

/* Runs one command on the idle connection; its tag into tag. */
static int run_command(struct odbc_dbc *dbc, const char *sql, size_t length, char *tag,
                       size_t tag_size, struct error *error)
{
    wire_conn_set_query_timeout(dbc->conn, 0);
    return wire_run_command(dbc->conn, sql, length, tag, tag_size, error);
}

/* ---- Around statements -------------------------------------------------- */

static const char *isolation_sql(SQLUINTEGER isolation)
{
    switch (isolation) {
    case SQL_TXN_READ_UNCOMMITTED: return "READ UNCOMMITTED";
    case SQL_TXN_REPEATABLE_READ: return "REPEATABLE READ";
    case SQL_TXN_SERIALIZABLE: return "SERIALIZABLE";
    default: return "READ COMMITTED";
    }
}

static const char *access_mode_sql(SQLUINTEGER access_mode)
{
    return access_mode == SQL_MODE_READ_ONLY ? "READ ONLY" : "READ WRITE";
}

/* PoolerMode=transaction: the application's access mode is the server's
 * default only when the server said so (default_transaction_read_only,
 * reported from PostgreSQL 14 on); unknown counts as different. */
static bool is_default_access_mode(const struct odbc_dbc *dbc, SQLUINTEGER access_mode)
{
    const char *read_only =
        wire_conn_parameter_status(dbc->conn, "default_transaction_read_only");
    if (read_only == NULL)
        return false;
    return (strcmp(read_only, "on") == 0) == (access_mode == SQL_MODE_READ_ONLY);
}

/* What a statement's exchange needs first, in order (at most three). */
struct preamble {
    const char *commands[3];
    size_t count;
    char begin_text[BEGIN_TEXT_BYTES]; /* when commands[0] is a BEGIN with modes */
};

/* The BEGIN a transaction starts with: plain, or (PoolerMode=transaction)
 * naming the isolation level and access mode the application set that
 * differ from the server's defaults (an isolation level equal to the
 * server's default, once learnt, is left out). */
static const char *begin_command(const struct odbc_dbc *dbc, struct preamble *plan)
{
    const struct odbc_transaction *transaction = &dbc->transaction;
    if (!is_transaction_pooled(dbc))
        return begin_sql;
    bool has_level = transaction->has_isolation &&
                     !(transaction->has_server_default &&
                       transaction->isolation == transaction->server_default_isolation);
    bool has_mode =
        transaction->has_access_mode && !is_default_access_mode(dbc, transaction->access_mode);
    if (!has_level && !has_mode)
        return begin_sql;
    int written = snprintf(plan->begin_text, sizeof plan->begin_text, "BEGIN%s%s%s%s",
                           has_level ? " ISOLATION LEVEL " : "",
                           has_level ? isolation_sql(transaction->isolation) : "",
                           has_mode ? (has_level ? ", " : " ") : "",
                           has_mode ? access_mode_sql(transaction->access_mode) : "");
    if (written < 0 || (size_t)written >= sizeof plan->begin_text)
        return begin_sql; /* cannot happen: the longest text fits */
    return plan->begin_text;
}

static void plan_preamble(struct odbc_dbc *dbc, struct preamble *plan)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    plan->count = 0;
    char status = wire_conn_transaction_status(dbc->conn);
    if (transaction->is_autocommit) {
        /* PoolerMode=transaction: a statement that needs a level or mode of
         * its own runs in a transaction of its own (the COMMIT follows it,
         * odbc_dbc_queue_after_statement). Not inside the application's
         * own transaction (its BEGIN sent as SQL). */
        if (!is_transaction_pooled(dbc) || status != 'I' || transaction->is_statement_wrapped)
            return;
        const char *begin = begin_command(dbc, plan);
        if (begin == begin_sql)
            return;
        plan->commands[plan->count++] = begin;
        transaction->is_statement_wrapped = true;
        transaction->is_wrap_commit_queued = false;
        return;
    }
    if (status == 'E')
        return; /* failed: every statement answers 25P02 until the rollback */
    if (status == 'I' && !transaction->is_begin_queued) {
        plan->commands[plan->count++] = begin_command(dbc, plan);
        transaction->is_begin_queued = true;
        transaction->has_savepoint = false;
    }
    if (!dbc->options.is_statement_rollback)
        return;
    /* Reaching this point on the server means the statement before
     * succeeded: its savepoint is released, so savepoints never pile up. */
    if (transaction->has_savepoint || transaction->is_savepoint_pending)
        plan->commands[plan->count++] = release_sql;
    plan->commands[plan->count++] = savepoint_sql;
    transaction->is_savepoint_pending = true;
    transaction->has_savepoint = true;
}

/* The exchange with a savepoint pending is over: judge it. */
static int settle_savepoint(struct odbc_dbc *dbc, struct error *error)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    char status = wire_conn_transaction_status(dbc->conn);
    if (status == 'I') {
        forget_transaction(transaction); /* the statement ended the transaction */
        return 0;
    }
    if (!transaction->is_savepoint_pending)
        return 0;
    transaction->is_savepoint_pending = false;
    if (status != 'E')
        return 0;
    struct error rollback_error;
    error_init(&rollback_error);
    if (run_command(dbc, rollback_to_sql, sizeof rollback_to_sql - 1, NULL, 0,
                    &rollback_error) == 0)
        return 0; /* the savepoint stays; the next statement releases it */
    transaction->has_savepoint = false;
    if (wire_conn_is_broken(dbc->conn)) {
        *error = rollback_error;
        return -1;
    }
    /* The savepoint was gone (the application released or rolled back past
     * it): the transaction stays failed, and the next statement says so
     * (25P02). */
    return 0;
}

/* The exchange of an autocommit statement in a transaction of its own
 * (PoolerMode=transaction) is over: the transaction must be too. Its
 * COMMIT ran when the statement succeeded in the extended protocol ('I');
 * a failed statement left it failed ('E': rolled back now); a simple
 * Query has no COMMIT after it ('T': committed now). */
static int settle_statement_transaction(struct odbc_dbc *dbc, struct error *error)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    if (!transaction->is_statement_wrapped)
        return 0;
    transaction->is_statement_wrapped = false;
    transaction->is_wrap_commit_queued = false;
    char status = wire_conn_transaction_status(dbc->conn);
    if (status == 'I')
        return 0;
    if (status == 'E')
        return run_command(dbc, rollback_sql, sizeof rollback_sql - 1, NULL, 0, error);
    char tag[COMMAND_TAG_BYTES] = "";
    if (run_command(dbc, commit_sql, sizeof commit_sql - 1, tag, sizeof tag, error) != 0) {
        if (wire_conn_is_broken(dbc->conn))
            describe_unknown_commit(error);
        else
            error_add_context(error, "committing the statement's own transaction (autocommit "
                                     "with PoolerMode=transaction); its work is undone");
        return -1;
    }
    return 0;
}

/* Before building an exchange: an earlier one whose end nobody reported
 * is settled now, so that stale state never skips a BEGIN. */
static int settle_if_idle(struct odbc_dbc *dbc, struct error *error)
{
    if (wire_conn_is_busy(dbc->conn))
        return 0;
    dbc->transaction.is_begin_queued = false;
    if (settle_statement_transaction(dbc, error) != 0)
        return -1;
    if (dbc->transaction.is_savepoint_pending || dbc->transaction.has_savepoint)
        return settle_savepoint(dbc, error);
    return 0;
}

int odbc_dbc_queue_before_statement(struct odbc_dbc *dbc, struct error *error)
{
    if (!is_usable(dbc))
        return 0; /* the statement's own send reports it */
    if (settle_if_idle(dbc, error) != 0)
        return -1;
    struct preamble plan;
    plan_preamble(dbc, &plan);
    for (size_t i = 0; i < plan.count; i++) {
        if (wire_queue_internal_command(dbc->conn, plan.commands[i], strlen(plan.commands[i]),
                                        error) != 0)
            return -1;
    }
    return 0;
}

int odbc_dbc_queue_after_statement(struct odbc_dbc *dbc, struct error *error)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    if (!transaction->is_statement_wrapped || transaction->is_wrap_commit_queued ||
        !is_usable(dbc))
        return 0;
    if (wire_queue_internal_command(dbc->conn, commit_sql, sizeof commit_sql - 1, error) != 0)
        return -1;
    transaction->is_wrap_commit_queued = true;
    return 0;
}

bool odbc_dbc_is_statement_wrapped(const struct odbc_dbc *dbc)
{
    return dbc->transaction.is_statement_wrapped;
}

int odbc_dbc_run_before_simple_statement(struct odbc_dbc *dbc, struct error *error)
{
    if (!is_usable(dbc))
        return 0;
    if (settle_if_idle(dbc, error) != 0)
        return -1;
    struct preamble plan;
    plan_preamble(dbc, &plan);
    if (plan.count == 0)
        return 0;
    char text[COMMAND_TEXT_BYTES];
    size_t length = 0;
    for (size_t i = 0; i < plan.count; i++) {
        int written = snprintf(text + length, sizeof text - length, "%s%s", i > 0 ? "; " : "",
                               plan.commands[i]);
        if (written < 0 || (size_t)written >= sizeof text - length) {
            error_set(error, "HY000", "The transaction commands do not fit %zu bytes",
                      sizeof text);
            return -1;
        }
        length += (size_t)written;
    }
    /* Synchronous: the exchange this preamble belonged to is over now. */
    dbc->transaction.is_begin_queued = false;
    if (run_command(dbc, text, length, NULL, 0, error) != 0) {
        forget_transaction(&dbc->transaction);
        return -1;
    }
    return 0;
}

int odbc_dbc_statement_exchange_ended(struct odbc_dbc *dbc, struct error *error)
{
    atomic_store(&dbc->exchange_owner, NULL); /* nothing of the statement's runs now */
    dbc->transaction.is_begin_queued = false;
    if (!is_usable(dbc) || wire_conn_is_busy(dbc->conn))
        return 0;
    if (settle_statement_transaction(dbc, error) != 0)
        return -1;
    return settle_savepoint(dbc, error);
}

/* ---- Session characteristics ------------------------------------------- */

static bool is_isolation(SQLULEN value)
{
    return value == SQL_TXN_READ_UNCOMMITTED || value == SQL_TXN_READ_COMMITTED ||
           value == SQL_TXN_REPEATABLE_READ || value == SQL_TXN_SERIALIZABLE;
}

/* PoolerMode=transaction: no session characteristics; the server's
 * default level is learnt instead, so that a BEGIN names the level only
 * when it differs (begin_command). Only running out of memory fails. */
static int learn_default_isolation(struct odbc_dbc *dbc, struct error *error)
{
    if (!dbc->transaction.has_isolation)
        return 0;
    SQLUINTEGER ignored;
    return odbc_dbc_default_isolation(dbc, &ignored, error);
}

/* SET SESSION CHARACTERISTICS with the parts given (NULL: left alone). */
static int set_characteristics(struct odbc_dbc *dbc, const char *isolation,
                               const char *access_mode, struct error *error)
{
    char text[COMMAND_TEXT_BYTES];
    int written = snprintf(text, sizeof text, "SET SESSION CHARACTERISTICS AS TRANSACTION %s%s%s%s",
                           isolation != NULL ? "ISOLATION LEVEL " : "",
                           isolation != NULL ? isolation : "",
                           isolation != NULL && access_mode != NULL ? ", " : "",
                           access_mode != NULL ? access_mode : "");
    if (written < 0 || (size_t)written >= sizeof text) {
        error_set(error, "HY000", "The SET command does not fit %zu bytes", sizeof text);
        return -1;
    }
    return run_command(dbc, text, (size_t)written, NULL, 0, error);
}

int odbc_dbc_apply_transaction_settings(struct odbc_dbc *dbc, struct error *error)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    forget_session_state(transaction);
    if (!is_usable(dbc) || dbc->is_replication)
        return 0; /* replication sessions run no transactions of ours */
    if (!transaction->has_isolation && !transaction->has_access_mode)
        return 0;
    if (is_transaction_pooled(dbc))
        return learn_default_isolation(dbc, error);
    return set_characteristics(
        dbc, transaction->has_isolation ? isolation_sql(transaction->isolation) : NULL,
        transaction->has_access_mode ? access_mode_sql(transaction->access_mode) : NULL, error);
}

/* ---- Ending transactions ----------------------------------------------- */

/* The connection failed while COMMIT was on its way or running: the
 * server may have committed or not, and the driver cannot tell. ODBC
 * SQLEndTran: 08007 (connection failure during transaction), never
 * success. A timeout keeps its own SQLSTATE (HYT00/HYT01) and says the
 * same in its text. A failed ROLLBACK needs none of this: a server that
 * loses the session rolls back. */
static void describe_unknown_commit(struct error *error)
{
    bool is_timeout = strncmp(error->sqlstate, "HYT", 3) == 0;
    if (!is_timeout)
        error_override_sqlstate(error, "08007");
    error_add_context(error,
                      "the connection failed while COMMIT was sent or running, so whether "
                      "the transaction was committed is unknown");
}

/* COMMIT or ROLLBACK of the open transaction, if any (the connection has
 * been claimed). */
static SQLRETURN end_open_transaction(struct odbc_dbc *dbc, bool is_commit)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    char status = wire_conn_transaction_status(dbc->conn);
    forget_transaction(&dbc->transaction);
    if (status == 'I')
        return SQL_SUCCESS;
    char tag[COMMAND_TAG_BYTES] = "";
    struct error error;
    error_init(&error);
    const char *sql = is_commit ? "COMMIT" : "ROLLBACK";
    if (run_command(dbc, sql, strlen(sql), tag, sizeof tag, &error) != 0) {
        if (is_commit && wire_conn_is_broken(dbc->conn))
            describe_unknown_commit(&error);
        return odbc_diag_fail_error(diags, &error);
    }
    if (is_commit && strcmp(tag, "ROLLBACK") == 0)
        return odbc_diag_fail(diags, "25P02",
                              "The transaction could not be committed: a statement in it had "
                              "failed, so PostgreSQL rolled it back; its work is undone");
    return SQL_SUCCESS;
}

/* Makes the connection free for a command of ours: a streaming result is
 * buffered first (so open cursors survive), a finished exchange drained. */
static SQLRETURN claim(struct odbc_dbc *dbc)
{
    struct error error;
    error_init(&error);
    if (odbc_dbc_claim_connection(dbc, NULL, &error) != 0)
        return odbc_diag_fail_error(&dbc->header.diags, &error);
    if (settle_if_idle(dbc, &error) != 0)
        return odbc_diag_fail_error(&dbc->header.diags, &error);
    return SQL_SUCCESS;
}

SQLRETURN odbc_dbc_end_tran(struct odbc_dbc *dbc, SQLSMALLINT completion_type)
{
    if (completion_type != SQL_COMMIT && completion_type != SQL_ROLLBACK)
        return odbc_diag_fail(&dbc->header.diags, "HY012",
                              "Completion type %d is not SQL_COMMIT (0) or SQL_ROLLBACK (1)",
                              (int)completion_type);
    SQLRETURN live = odbc_dbc_require_live(dbc, &dbc->header.diags);
    if (live != SQL_SUCCESS)
        return live;
    SQLRETURN claimed = claim(dbc);
    if (claimed != SQL_SUCCESS)
        return claimed;
    return end_open_transaction(dbc, completion_type == SQL_COMMIT);
}

/* ---- Attributes -------------------------------------------------------- */

static SQLRETURN set_autocommit(struct odbc_dbc *dbc, SQLULEN value)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    if (value != SQL_AUTOCOMMIT_ON && value != SQL_AUTOCOMMIT_OFF)
        return odbc_diag_fail(&dbc->header.diags, "HY024",
                              "SQL_ATTR_AUTOCOMMIT %lu is not SQL_AUTOCOMMIT_ON (1) or "
                              "SQL_AUTOCOMMIT_OFF (0)",
                              (unsigned long)value);
    bool was_autocommit = transaction->is_autocommit;
    transaction->is_autocommit = value == SQL_AUTOCOMMIT_ON;
    if (!transaction->is_autocommit || was_autocommit || dbc->conn == NULL)
        return SQL_SUCCESS;
    /* ODBC: open transactions are committed when manual-commit mode
     * changes to autocommit. The mode changes even when the commit fails:
     * the transaction is over either way. */
    SQLRETURN live = odbc_dbc_require_live(dbc, &dbc->header.diags);
    if (live != SQL_SUCCESS)
        return live;
    SQLRETURN claimed = claim(dbc);
    if (claimed != SQL_SUCCESS)
        return claimed;
    return end_open_transaction(dbc, true);
}

/* Isolation or access mode on a live connection: refused inside a
 * transaction, else sent at once. */
static SQLRETURN send_characteristic(struct odbc_dbc *dbc, const char *name,
                                     const char *isolation, const char *access_mode)
{
    SQLRETURN live = odbc_dbc_require_live(dbc, &dbc->header.diags);
    if (live != SQL_SUCCESS)
        return live;
    SQLRETURN claimed = claim(dbc);
    if (claimed != SQL_SUCCESS)
        return claimed;
    if (wire_conn_transaction_status(dbc->conn) != 'I')
        return odbc_diag_fail(&dbc->header.diags, "HY011",
                              "%s cannot be changed while a transaction is open; call "
                              "SQLEndTran first",
                              name);
    struct error error;
    error_init(&error);
    if (is_transaction_pooled(dbc)) {
        /* Each BEGIN carries it (begin_command); the level's default is
         * learnt here, while the connection is idle. */
        SQLUINTEGER ignored;
        if (isolation != NULL && odbc_dbc_default_isolation(dbc, &ignored, &error) != 0)
            return odbc_diag_fail_error(&dbc->header.diags, &error);
        return SQL_SUCCESS;
    }
    if (set_characteristics(dbc, isolation, access_mode, &error) != 0)
        return odbc_diag_fail_error(&dbc->header.diags, &error);
    return SQL_SUCCESS;
}

static SQLRETURN set_isolation(struct odbc_dbc *dbc, SQLULEN value)
{
    if (!is_isolation(value))
        return odbc_diag_fail(&dbc->header.diags, "HY024",
                              "SQL_ATTR_TXN_ISOLATION %lu is not SQL_TXN_READ_UNCOMMITTED (1), "
                              "SQL_TXN_READ_COMMITTED (2), SQL_TXN_REPEATABLE_READ (4) or "
                              "SQL_TXN_SERIALIZABLE (8)",
                              (unsigned long)value);
    if (dbc->conn != NULL && !dbc->is_replication) {
        SQLRETURN sent = send_characteristic(dbc, "SQL_ATTR_TXN_ISOLATION",
                                             isolation_sql((SQLUINTEGER)value), NULL);
        if (sent != SQL_SUCCESS)
            return sent;
    }
    dbc->transaction.isolation = (SQLUINTEGER)value;
    dbc->transaction.has_isolation = true;
    return SQL_SUCCESS;
}

static SQLRETURN set_access_mode(struct odbc_dbc *dbc, SQLULEN value)
{
    if (value != SQL_MODE_READ_ONLY && value != SQL_MODE_READ_WRITE)
        return odbc_diag_fail(&dbc->header.diags, "HY024",
                              "SQL_ATTR_ACCESS_MODE %lu is not SQL_MODE_READ_WRITE (0) or "
                              "SQL_MODE_READ_ONLY (1)",
                              (unsigned long)value);
    if (dbc->conn != NULL && !dbc->is_replication) {
        SQLRETURN sent = send_characteristic(dbc, "SQL_ATTR_ACCESS_MODE", NULL,
                                             access_mode_sql((SQLUINTEGER)value));
        if (sent != SQL_SUCCESS)
            return sent;
    }
    dbc->transaction.access_mode = (SQLUINTEGER)value;
    dbc->transaction.has_access_mode = true;
    return SQL_SUCCESS;
}

SQLRETURN odbc_dbc_set_transaction_attr(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                        SQLULEN value)
{
    switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT: return set_autocommit(dbc, value);
    case SQL_ATTR_TXN_ISOLATION: return set_isolation(dbc, value);
    case SQL_ATTR_ACCESS_MODE: return set_access_mode(dbc, value);
    default:
        return odbc_diag_fail(&dbc->header.diags, "HY092",
                              "Connection attribute %ld is not a transaction attribute",
                              (long)attribute);
    }
}

static bool parse_isolation_name(const char *text, size_t length, SQLUINTEGER *out)
{
    static const struct {
        const char *name;
        SQLUINTEGER level;
    } names[] = {{"read uncommitted", SQL_TXN_READ_UNCOMMITTED},
                 {"read committed", SQL_TXN_READ_COMMITTED},
                 {"repeatable read", SQL_TXN_REPEATABLE_READ},
                 {"serializable", SQL_TXN_SERIALIZABLE}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].name) == length && memcmp(names[i].name, text, length) == 0) {
            *out = names[i].level;
            return true;
        }
    }
    return false;
}

static int take_default_isolation(void *context, const struct wire_value *values,
                                  size_t value_count)
{
    struct odbc_transaction *transaction = context;
    SQLUINTEGER level;
    if (value_count == 1 && !values[0].is_null &&
        parse_isolation_name((const char *)values[0].data, values[0].length_bytes, &level)) {
        transaction->server_default_isolation = level;
        transaction->has_server_default = true;
    }
    return 0;
}

int odbc_dbc_default_isolation(struct odbc_dbc *dbc, SQLUINTEGER *isolation,
                               struct error *error)
{
    struct odbc_transaction *transaction = &dbc->transaction;
    if (!transaction->has_server_default && is_usable(dbc) && !dbc->is_replication) {
        struct error query_error;
        error_init(&query_error);
        /* A failed transaction refuses the query (25P02): the built-in
         * default answers then, and the next call asks again. Running out
         * of memory is no answer about the server: it is the caller's
         * failure. */
        if (odbc_dbc_run_query(dbc, default_isolation_sql, sizeof default_isolation_sql - 1,
                               take_default_isolation, transaction, &query_error) != 0 &&
            strcmp(query_error.sqlstate, "HY001") == 0) {
            *error = query_error;
            return -1;
        }
    }
    *isolation = transaction->has_server_default ? transaction->server_default_isolation
                                                 : SQL_TXN_READ_COMMITTED;
    return 0;
}

static SQLUINTEGER current_access_mode(const struct odbc_dbc *dbc)
{
    if (dbc->transaction.has_access_mode)
        return dbc->transaction.access_mode;
    /* Reported by servers from PostgreSQL 14 on. */
    const char *read_only = dbc->conn != NULL
                                ? wire_conn_parameter_status(dbc->conn,
                                                             "default_transaction_read_only")
                                : NULL;
    return read_only != NULL && strcmp(read_only, "on") == 0 ? SQL_MODE_READ_ONLY
                                                              : SQL_MODE_READ_WRITE;
}

SQLRETURN odbc_dbc_get_transaction_attr(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                        SQLUINTEGER *value)
{
    switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT:
        *value = dbc->transaction.is_autocommit ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF;
        return SQL_SUCCESS;
    case SQL_ATTR_TXN_ISOLATION: {
        if (dbc->transaction.has_isolation) {
            *value = dbc->transaction.isolation;
            return SQL_SUCCESS;
        }
        struct error error;
        error_init(&error);
        if (odbc_dbc_default_isolation(dbc, value, &error) != 0)
            return odbc_diag_fail_error(&dbc->header.diags, &error);
        return SQL_SUCCESS;
    }
    case SQL_ATTR_ACCESS_MODE:
        *value = current_access_mode(dbc);
        return SQL_SUCCESS;
    default:
        return odbc_diag_fail(&dbc->header.diags, "HY092",
                              "Connection attribute %ld is not a transaction attribute",
                              (long)attribute);
    }
}
