/* Transactions on a connection: SQL_ATTR_AUTOCOMMIT, SQL_ATTR_TXN_ISOLATION,
 * SQL_ATTR_ACCESS_MODE, SQLEndTran, and the statement-level rollback
 * option (StatementRollback).
 * Owns: the transaction settings and state of one connection, what is
 * queued around a statement's messages (BEGIN lazily before the first
 * statement when autocommit is off; a savepoint around each statement
 * when StatementRollback is on), and committing or rolling back.
 * Statements call the queue functions while building their exchange (in
 * the same pipeline, before its Sync: no extra round trip) and report the
 * end of each exchange. */
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
    SQLUINTEGER isolation;       /* SQL_ATTR_TXN_ISOLATION: SQL_TXN_* */
    SQLUINTEGER access_mode;     /* SQL_ATTR_ACCESS_MODE */
    bool is_savepoint_pending;   /* a statement savepoint is out with the exchange */
};

void odbc_transaction_init(struct odbc_transaction *transaction);

/* Queues, before a statement's messages, what its exchange needs first:
 * BEGIN when autocommit is off and no transaction is open, a savepoint
 * when StatementRollback is on inside a transaction. */
int odbc_dbc_queue_before_statement(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;
/* Queues, after a statement's messages and before its Sync, the release
 * of that savepoint. */
int odbc_dbc_queue_after_statement(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;
/* A statement's exchange ended (ReadyForQuery pulled): when it failed
 * inside a statement savepoint, rolls back to it so the transaction goes
 * on. -1 only when the connection broke. */
int odbc_dbc_statement_exchange_ended(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;

/* Right after connecting: applies what was set before the connection
 * existed (isolation, access mode, autocommit). -1 when the server
 * refused or the connection broke. */
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

#endif
