/* SQLBrowseConnect: connecting in steps, the driver naming what is missing.
 * Owns: the browse state of each connection handle between calls (the
 * keywords given so far) and the browse result connection string.
 * Leaves connecting itself to dbc_connect.c (odbc_dbc_driver_connect), so a
 * browse that completes connects exactly as SQLDriverConnect would. */
#ifndef PGO_ODBC_DBC_BROWSE_H
#define PGO_ODBC_DBC_BROWSE_H

#include <stdbool.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"

/* One step of SQLBrowseConnect: SQL_NEED_DATA with the browse result in
 * out_string while UID or PWD is still missing (or the request named a
 * keyword the driver does not know: 01S00), SQL_SUCCESS(_WITH_INFO) with
 * the completed connection string (PWD left out) once connected, SQL_ERROR
 * when connecting failed: the handle is then back in its unconnected state
 * and the next call starts a new browse. */
SQLRETURN odbc_dbc_browse_connect(struct odbc_dbc *dbc, const SQLCHAR *in_string,
                                  SQLSMALLINT in_length, SQLCHAR *out_string,
                                  SQLSMALLINT out_buffer_length, SQLSMALLINT *out_length);

/* Ends a browse on dbc (SQLDisconnect while browsing; freeing the handle).
 * true when there was one: a browse waiting for data, or one whose connect
 * failed (unixODBC keeps the handle in its browsing state after that error
 * and expects SQLDisconnect to succeed). */
bool odbc_dbc_browse_cancel(struct odbc_dbc *dbc);

#endif
