/* The connection handle.
 * Owns: its wire_conn (NULL while not connected), its statements (a
 * list; SQLDisconnect and SQLFreeHandle free them), the connection
 * attributes, the names SQLGetInfo reports, and the notice sink through
 * which warnings and server notices reach the diagnostics of the handle
 * whose call is running.
 * Leaves to dbc_connect.c: connection strings, DSNs, and wire_connect;
 * to dbc_attr.c: SQLSetConnectAttr / SQLGetConnectAttr; to info.c:
 * SQLGetInfo and SQLGetFunctions. */
#ifndef PGO_ODBC_DBC_H
#define PGO_ODBC_DBC_H

#include <stdbool.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/env.h"
#include "odbc/handle.h"
#include "util/error.h"

struct wire_conn;
struct odbc_stmt;

struct odbc_dbc {
    struct odbc_handle header;
    struct odbc_env *env;
    struct wire_conn *conn;               /* NULL while not connected */
    struct notice_sink notice_sink;       /* context: this connection */
    struct odbc_diag_list *notice_target; /* diagnostics of the running call */
    struct odbc_stmt *statements;         /* singly linked through stmt->next */

    /* What SQLGetInfo and the diagnostics report; "" while not connected. */
    char *data_source_name;
    char *database_name;
    char *user_name;
    char *server_name;

    /* Attributes. */
    SQLUINTEGER login_timeout_seconds;      /* 0: no limit beyond Timeout */
    SQLUINTEGER connection_timeout_seconds; /* stored and reported */
    SQLPOINTER quiet_mode;
    SQLUINTEGER metadata_id;
};

/* NULL when out of memory. Counts itself in env (caller holds env's lock). */
struct odbc_dbc *odbc_dbc_new(struct odbc_env *env);
/* SQLFreeHandle's check: HY010 while connected. */
SQLRETURN odbc_dbc_check_free(struct odbc_dbc *dbc);
/* Frees an unlocked, disconnected connection; uncounts it in env. */
void odbc_dbc_free(struct odbc_dbc *dbc);

bool odbc_dbc_is_connected(const struct odbc_dbc *dbc);

/* Points notices at the diagnostics of the call now running on this
 * connection (the connection's own or one of its statements'). */
void odbc_dbc_route_notices(struct odbc_dbc *dbc, struct odbc_diag_list *target);

/* 08003 when not connected, 08S01 when the connection broke; posted on
 * target. SQL_SUCCESS otherwise. */
SQLRETURN odbc_dbc_require_live(struct odbc_dbc *dbc, struct odbc_diag_list *target);

/* 08S01 when connected and broken; SQL_SUCCESS otherwise (also when not
 * connected: the caller decides whether that matters). */
SQLRETURN odbc_dbc_refuse_if_broken(struct odbc_dbc *dbc, struct odbc_diag_list *target);

/* Validates, locks, clears diagnostics and routes notices to them. NULL
 * when the handle is not a connection. */
struct odbc_dbc *odbc_dbc_enter(SQLHDBC handle);
SQLRETURN odbc_dbc_leave(struct odbc_dbc *dbc, SQLRETURN return_code);

/* What SQLGetDiagField needs for this connection. */
void odbc_dbc_diag_context(const struct odbc_dbc *dbc, SQLSMALLINT handle_type,
                           struct odbc_diag_context *context);

/* dbc_connect.c */
SQLRETURN odbc_dbc_connect(struct odbc_dbc *dbc, const SQLCHAR *server_name,
                           SQLSMALLINT server_name_length, const SQLCHAR *user_name,
                           SQLSMALLINT user_name_length, const SQLCHAR *authentication,
                           SQLSMALLINT authentication_length);
SQLRETURN odbc_dbc_driver_connect(struct odbc_dbc *dbc, SQLHWND window,
                                  const SQLCHAR *in_string, SQLSMALLINT in_length,
                                  SQLCHAR *out_string, SQLSMALLINT out_buffer_length,
                                  SQLSMALLINT *out_length, SQLUSMALLINT completion);
SQLRETURN odbc_dbc_disconnect(struct odbc_dbc *dbc);
SQLRETURN odbc_dbc_end_tran(struct odbc_dbc *dbc, SQLSMALLINT completion_type);
SQLRETURN odbc_dbc_native_sql(struct odbc_dbc *dbc, const SQLCHAR *in_text,
                              SQLINTEGER in_length, SQLCHAR *out_text, SQLINTEGER out_buffer_length,
                              SQLINTEGER *out_length);

/* dbc_attr.c */
SQLRETURN odbc_dbc_set_attr(struct odbc_dbc *dbc, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER string_length);
SQLRETURN odbc_dbc_get_attr(struct odbc_dbc *dbc, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER buffer_length, SQLINTEGER *string_length);

/* info.c */
SQLRETURN odbc_dbc_get_info(struct odbc_dbc *dbc, SQLUSMALLINT info_type, SQLPOINTER value,
                            SQLSMALLINT buffer_length, SQLSMALLINT *string_length);
SQLRETURN odbc_dbc_get_functions(struct odbc_dbc *dbc, SQLUSMALLINT function_id,
                                 SQLUSMALLINT *supported);

#endif
