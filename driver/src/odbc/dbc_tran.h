/* Transactions on a connection: SQL_ATTR_AUTOCOMMIT, SQL_ATTR_TXN_ISOLATION,
 * SQL_ATTR_ACCESS_MODE, SQLEndTran, and the statement-level rollback
 * option (StatementRollback).
 * Owns: the transaction settings and state of one connection, what is
 * queued around a statement's messages (BEGIN lazily before the first
 * statement when autocommit is off; a savepoint before each statement
 * when StatementRollback is on inside a transaction), and committing or
 * rolling back.
 * Statements call the queue functions while building their exchange (in
 * the same pipeline, before its Sync: no extra round trip) and report the
 * end of each exchange.
 *
 * Decisions (what the application sees):
 * - Autocommit off: BEGIN goes out as an internal command (wire/conn.h)
 *   in front of the first statement run while the session is idle ('I').
 *   Catalog functions and SQLPrepare's Describe begin nothing.
 * - Autocommit switched on while a transaction is open ('T' or 'E')
 *   commits it (ODBC: SQLSetConnectAttr, SQL_ATTR_AUTOCOMMIT).
 * - SQLEndTran: COMMIT or ROLLBACK when a transaction is open, nothing
 *   otherwise. A result still streaming is buffered first, so open cursors
 *   survive (SQL_CB_PRESERVE). COMMIT of a failed transaction (PostgreSQL
 *   answers with the tag ROLLBACK) is an error, SQLSTATE 25P02, as
 *   PostgreSQL's own JDBC driver reports it: the work is gone.
 * - Isolation and access mode are session characteristics (SET SESSION
 *   CHARACTERISTICS AS TRANSACTION ...), sent when set on a live
 *   connection or right after connecting, so autocommit statements get
 *   them too. SQL_TXN_READ_UNCOMMITTED is sent as READ UNCOMMITTED, which
 *   PostgreSQL runs as READ COMMITTED; a get returns what was set. Until
 *   the application sets a level, a get returns the server's default
 *   (default_transaction_isolation / default_transaction_read_only).
 *   Setting either while a transaction is open is HY011 (the reference
 *   says so for the isolation level; a session characteristic set inside a
 *   transaction would be undone by its rollback).
 * - PoolerMode=transaction: no session characteristics (behind a
 *   transaction pooler the server session is shared, and a SET SESSION
 *   would reach other clients). Each transaction carries its own: the lazy
 *   BEGIN becomes BEGIN ISOLATION LEVEL x, READ ONLY|READ WRITE, naming
 *   only what differs from the server's default (a plain BEGIN when the
 *   application set nothing, or set the defaults). In autocommit, a
 *   statement that needs a non-default level or mode runs in a transaction
 *   of its own: that BEGIN before it and COMMIT after it, in the same
 *   exchange (extended protocol; a simple-protocol text gets its BEGIN
 *   run just before and its COMMIT when its exchange ends). A failed
 *   statement's transaction is rolled back when its exchange ends. So
 *   under these settings an autocommit statement that cannot run inside a
 *   transaction block (VACUUM, CREATE DATABASE, CREATE INDEX
 *   CONCURRENTLY) fails with the server's 25001, and the application's own
 *   BEGIN sent as SQL in autocommit gets the server's defaults. A get
 *   still returns what the application set.
 * - StatementRollback=1, autocommit off: SAVEPOINT pgodbc_statement before
 *   each statement. Its RELEASE travels in front of the next statement's
 *   SAVEPOINT (same exchange), not after the statement: a COMMIT or
 *   ROLLBACK the application runs as SQL would otherwise meet a RELEASE
 *   outside any transaction. When an exchange ends failed ('E') with a
 *   savepoint pending, ROLLBACK TO SAVEPOINT undoes only that statement and
 *   the transaction goes on. The application's own SAVEPOINT / ROLLBACK TO
 *   / RELEASE statements may destroy the driver's savepoint; do not mix
 *   them with StatementRollback. */
#ifndef PGO_ODBC_DBC_TRAN_H
#define PGO_ODBC_DBC_TRAN_H

#include <stdbool.h>
#include <sql.h>
#include <sqlext.h>
#include "util/compiler.h"
#include "util/error.h"

struct odbc_dbc;

struct odbc_transaction {
    bool is_autocommit;          /* SQL_ATTR_AUTOCOMMIT */
    SQLUINTEGER isolation;       /* SQL_ATTR_TXN_ISOLATION: SQL_TXN_*, when has_isolation */
    bool has_isolation;          /* the application set it */
    SQLUINTEGER access_mode;     /* SQL_ATTR_ACCESS_MODE, when has_access_mode */
    bool has_access_mode;
    /* Per session (reset when connecting): */
    bool is_begin_queued;        /* BEGIN is in the exchange being built or in flight */
    /* PoolerMode=transaction, autocommit: the statement's own BEGIN is in
     * the exchange being built or in flight (or ran, simple protocol), and
     * whether its COMMIT is queued after it. */
    bool is_statement_wrapped;
    bool is_wrap_commit_queued;
    bool is_savepoint_pending;   /* a statement savepoint is out with the exchange */
    bool has_savepoint;          /* the driver's savepoint exists, not released yet */
    SQLUINTEGER server_default_isolation; /* when has_server_default */
    bool has_server_default;
};

void odbc_transaction_init(struct odbc_transaction *transaction);

/* Queues, before a statement's messages, what its exchange needs first:
 * BEGIN when autocommit is off and no transaction is open (in autocommit
 * too under PoolerMode=transaction when the statement needs a level or
 * mode of its own: see above), and with
 * StatementRollback the release of the previous statement's savepoint and
 * a new one. For the extended protocol (nothing else may be in flight on
 * the simple protocol). -1 when queueing failed (error set). */
int odbc_dbc_queue_before_statement(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;
/* Queues, after a statement's messages and before its Sync, what its
 * exchange needs last: the COMMIT of an autocommit statement's own
 * transaction (PoolerMode=transaction with a non-default isolation or
 * access mode; see above). Nothing otherwise (the savepoint is released
 * with the next statement). */
int odbc_dbc_queue_after_statement(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;
/* True between odbc_dbc_queue_before_statement and the end of the
 * exchange when that call opened an autocommit statement's own
 * transaction (PoolerMode=transaction): a statement that would wrap itself
 * in BEGIN ... COMMIT (a parameter array in autocommit) must not, the
 * connection does. */
bool odbc_dbc_is_statement_wrapped(const struct odbc_dbc *dbc);
/* The same as odbc_dbc_queue_before_statement for a statement sent with
 * the simple protocol (several statements in one text): the commands run
 * at once, synchronously (one extra round trip when there is any), since
 * nothing may be queued before a simple Query. The connection must be
 * idle. -1 with the server's error, or 08S01 when the connection broke. */
int odbc_dbc_run_before_simple_statement(struct odbc_dbc *dbc,
                                         struct error *error) PGO_MUST_CHECK;
/* A statement's exchange ended (ReadyForQuery pulled): when it failed
 * inside a statement savepoint, rolls back to it so the transaction goes
 * on; an autocommit statement's own transaction (PoolerMode=transaction)
 * is rolled back when it failed, committed when its COMMIT has not run
 * (simple protocol). -1 when the connection broke, or when that COMMIT
 * failed (the server's error: the statement's work is undone). */
int odbc_dbc_statement_exchange_ended(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;

/* Right after connecting: forgets the last session's state and applies
 * what was set before the connection existed (isolation, access mode).
 * -1 when the server refused or the connection broke. */
int odbc_dbc_apply_transaction_settings(struct odbc_dbc *dbc,
                                        struct error *error) PGO_MUST_CHECK;

/* SQLEndTran on one connection (commits or rolls back an open
 * transaction; results still streaming are buffered first). */
SQLRETURN odbc_dbc_end_tran(struct odbc_dbc *dbc, SQLSMALLINT completion_type);

/* The attributes (dbc_attr.c delegates these). */
SQLRETURN odbc_dbc_set_transaction_attr(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                        SQLULEN value);
SQLRETURN odbc_dbc_get_transaction_attr(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                        SQLUINTEGER *value);

/* SQLGetInfo(SQL_DEFAULT_TXN_ISOLATION): the level a session gets when
 * the application sets none (the server's default_transaction_isolation
 * as configured, asked once per session; SQL_TXN_READ_COMMITTED, PostgreSQL's
 * built-in default, when not connected or the server cannot answer now).
 * -1 (error HY001, *isolation untouched) when asking ran out of memory. */
int odbc_dbc_default_isolation(struct odbc_dbc *dbc, SQLUINTEGER *isolation,
                               struct error *error) PGO_MUST_CHECK;

#endif
