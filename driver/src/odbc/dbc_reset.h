/* A connection handed from one user to the next by the driver manager's
 * pool: SQL_ATTR_RESET_CONNECTION and SQL_ATTR_CONNECTION_DEAD.
 * Owns: what "reset" means for a pgodbc session (the server's and the
 * driver's own state back to that of a new connection) and the liveness
 * question a pool asks before reuse.
 * Leaves the attribute table to dbc_attr.c, transactions to dbc_tran.c,
 * the probe of the socket to wire/conn_probe.c.
 *
 * What unixODBC 2.3.11 does with pooling on (Pooling=Yes in [ODBC],
 * CPTimeout in the driver's section): SQLDisconnect keeps the driver's
 * connection; the driver manager forgets its statement and descriptor
 * handles without calling the driver and, only when the application
 * asked for ODBC 3.80 (SQL_OV_ODBC3_80), sets SQL_ATTR_RESET_CONNECTION to
 * SQL_RESET_CONNECTION_YES. A later connect with the same connection
 * string (or DSN, user and password) first asks SQL_ATTR_CONNECTION_DEAD
 * and discards the connection when it answers SQL_CD_TRUE. An ODBC 3.0
 * application's connection is handed on without any call the driver
 * could act on. */
#ifndef PGO_ODBC_DBC_RESET_H
#define PGO_ODBC_DBC_RESET_H

#include <stdbool.h>
#include <sql.h>

struct odbc_dbc;

/* SQL_ATTR_RESET_CONNECTION: the driver's statements and descriptors are
 * freed (the driver manager has already forgotten its handles to them;
 * only a driver manager may set this attribute), an open transaction is
 * rolled back, DISCARD ALL ends the session's temporary tables, settings,
 * prepared statements, cursors, advisory locks and LISTENs, the driver's
 * caches of server statements and catalog rows are emptied, and every
 * connection attribute returns to its default (autocommit on, the
 * server's isolation and access mode, no timeouts). The connection-string
 * keywords stay: the pool hands the connection only to the same string.
 * When the session cannot be made clean (the server refused, a
 * replication session, the link failed) it is closed instead: the
 * connection then answers SQL_ATTR_CONNECTION_DEAD with SQL_CD_TRUE, and
 * the pool opens a new one. */
SQLRETURN odbc_dbc_reset_connection(struct odbc_dbc *dbc);

/* A session the reset closed, not yet disconnected: SQLDisconnect then
 * succeeds (odbc_dbc_end_closed_session frees what is left) instead of
 * answering 08003, so that the pool frees the handle. */
bool odbc_dbc_is_closed_by_reset(const struct odbc_dbc *dbc);
SQLRETURN odbc_dbc_end_closed_session(struct odbc_dbc *dbc);

/* SQL_ATTR_CONNECTION_DEAD: true when not connected, broken, or found
 * closed by the server now (wire_conn_probe_alive: no round trip, no
 * wait). A connection in the middle of an exchange is not probed. */
bool odbc_dbc_is_dead(struct odbc_dbc *dbc);

#endif
