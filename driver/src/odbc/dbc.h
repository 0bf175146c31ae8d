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

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "connstr/options.h"
#include "odbc/dbc_async.h"
#include "odbc/dbc_cache.h"
#include "odbc/dbc_statement_cache.h"
#include "odbc/dbc_tran.h"
#include "odbc/env.h"
#include "odbc/handle.h"
#include "util/compiler.h"
#include "util/error.h"

struct wire_conn;
struct wire_cancel_token;
struct wire_value;

/* What the connection may ask of the things that use it (statements),
 * without knowing them: the connection never includes a statement's
 * header. A member embeds struct odbc_dbc_member and links itself into
 * dbc->members; the callbacks receive that embedded struct. */
struct odbc_dbc_member;
struct odbc_browse_state; /* dbc_browse.c */
struct buf;
struct odbc_dbc_member_ops {
    /* Moves the rest of the member's exchange off the wire into its own
     * memory, so that another exchange can start (correctness before
     * memory). Errors met become the member's; -1 only when the
     * connection broke (error set). */
    int (*buffer_rest)(struct odbc_dbc_member *member, struct error *error);
    /* Ends the member's exchange, discarding what is left of it. */
    void (*discard)(struct odbc_dbc_member *member);
    /* Frees the member (SQLDisconnect frees every statement). */
    void (*free)(struct odbc_dbc_member *member);
};

struct odbc_dbc_member {
    const struct odbc_dbc_member_ops *ops;
    struct odbc_dbc_member *next; /* in dbc->members */
};

struct odbc_dbc {
    struct odbc_handle header;
    struct odbc_env *env;
    struct odbc_env_link env_link;        /* in env->connections */
    struct wire_conn *conn;               /* NULL while not connected */
    struct notice_sink notice_sink;       /* context: this connection */
    struct odbc_diag_list *notice_target; /* diagnostics of the running call */
    struct odbc_dbc_member *members;      /* statements, singly linked */
    struct odbc_dbc_member *descriptors;  /* explicitly allocated descriptors */

    /* The fetch path (dbc_query.c). */
    struct wire_cancel_token *cancel_token; /* NULL when the server sent no key */
    /* Guards cancel_token against SQLCancel, which takes no handle lock:
     * it copies the token under this lock, and the session forgets it
     * under it, so a disconnect on another thread never frees the token a
     * cancel request is being sent with. */
    pthread_mutex_t cancel_lock;
    bool is_replication;                  /* replication connections: simple protocol only */
    bool is_async_enabled;                /* SQL_ATTR_ASYNC_ENABLE for new statements */
    struct odbc_async_call async;         /* SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE (dbc_async.h) */
    bool is_wide_application;             /* connected through SQLConnectW/SQLDriverConnectW:
                                             WideCharTypes=auto reports wide types */
    struct odbc_browse_state *browse;     /* SQLBrowseConnect between steps, else NULL */
    struct odbc_dbc_member *streaming;    /* whose exchange is still on the wire */
    /* The member whose exchange the server is running, NULL between
     * exchanges and for the driver's own queries: SQLCancel, which takes
     * no lock, sends a cancel request only for its own statement's
     * exchange, so that it can never stop another statement's query. */
    _Atomic(struct odbc_dbc_member *) exchange_owner;
    uint32_t last_statement_id;           /* names "pgodbc_<random>_<id>" */
    uint64_t last_cursor_number;          /* generated cursor names SQL_CUR<n> */
    uint32_t *closing_statement_ids;      /* to Close with the next extended exchange */
    size_t closing_count;
    struct odbc_catalog_cache catalog_cache; /* pg_type / pg_attribute rows looked up */
    struct odbc_statement_cache statement_cache; /* texts executed directly, prepared */

    /* What SQLGetInfo and the diagnostics report; "" while not connected. */
    char *data_source_name;
    char *database_name;
    char *user_name;

    /* The driver's behaviour keywords (ParamStyle, StatementRollback, ...). */
    struct connstr_options options;
    /* Transaction settings and state (dbc_tran.c). */
    struct odbc_transaction transaction;

    /* Attributes. */
    SQLUINTEGER login_timeout_seconds;      /* 0: no limit beyond Timeout */
    SQLUINTEGER connection_timeout_seconds; /* stored and reported */
    SQLPOINTER quiet_mode;
    SQLUINTEGER metadata_id;
};

/* NULL when out of memory. Lists itself in env (caller holds env's lock). */
struct odbc_dbc *odbc_dbc_new(struct odbc_env *env);
/* The connection that embeds link (walking env->connections). */
struct odbc_dbc *odbc_dbc_of_env_link(struct odbc_env_link *link);
/* SQLFreeHandle's check: HY010 while connected. */
SQLRETURN odbc_dbc_check_free(struct odbc_dbc *dbc);
/* Frees the session's cancel token (under cancel_lock). */
void odbc_dbc_forget_cancel_token(struct odbc_dbc *dbc);
/* A copy of the session's cancel token for SQLCancel, the caller's to
 * free (wire_cancel_token_free); NULL when there is none or out of memory
 * (*has_token says which). Safe while another thread disconnects. */
struct wire_cancel_token *odbc_dbc_copy_cancel_token(struct odbc_dbc *dbc, bool *has_token);
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
/* Copies a connection string the caller wrote into text (is_written
 * false: memory ran out writing it, HY001) into the application's buffer,
 * with 01004 naming what when it is cut; frees text. SQL_SUCCESS or
 * SQL_ERROR. For SQLDriverConnect's completed string and SQLBrowseConnect's
 * browse result. */
SQLRETURN odbc_dbc_put_connect_string(struct odbc_dbc *dbc, struct buf *text, bool is_written,
                                      const char *what, SQLCHAR *out_string,
                                      SQLSMALLINT out_buffer_length, SQLSMALLINT *out_length);
SQLRETURN odbc_dbc_disconnect(struct odbc_dbc *dbc);
SQLRETURN odbc_dbc_native_sql(struct odbc_dbc *dbc, const SQLCHAR *in_text,
                              SQLINTEGER in_length, SQLCHAR *out_text, SQLINTEGER out_buffer_length,
                              SQLINTEGER *out_length);

/* Members: linking and unlinking (the member's own lifecycle calls these). */
void odbc_dbc_add_member(struct odbc_dbc *dbc, struct odbc_dbc_member *member);
void odbc_dbc_remove_member(struct odbc_dbc *dbc, struct odbc_dbc_member *member);
/* Explicitly allocated descriptors: the same interface, a list of their
 * own (only free is called: at SQLDisconnect and when the connection is
 * freed, after the statements that may use them). */
void odbc_dbc_add_descriptor(struct odbc_dbc *dbc, struct odbc_dbc_member *member);
void odbc_dbc_remove_descriptor(struct odbc_dbc *dbc, struct odbc_dbc_member *member);

/* dbc_query.c: sharing the one wire connection between statements. */
/* Makes the connection free for a new exchange: the streaming member
 * (when another than caller) buffers the rest of its results; caller's
 * own exchange is discarded. caller may be NULL (the connection's own
 * queries). -1 when the connection broke (error set). */
int odbc_dbc_claim_connection(struct odbc_dbc *dbc, struct odbc_dbc_member *caller,
                              struct error *error) PGO_MUST_CHECK;
/* Records member as the one whose exchange is now on the wire. */
void odbc_dbc_begin_stream(struct odbc_dbc *dbc, struct odbc_dbc_member *member);
/* Forgets the streaming member if it is member. */
void odbc_dbc_release_stream(struct odbc_dbc *dbc, struct odbc_dbc_member *member);
/* Queues Close for the server statements freed since the last extended
 * exchange (they travel with its Sync). */
int odbc_dbc_queue_closes(struct odbc_dbc *dbc, struct error *error) PGO_MUST_CHECK;
/* Remembers that server statement statement_id (named
 * "pgodbc_<random>_<id>": dbc_statement_cache.h) is no longer needed. */
void odbc_dbc_forget_statement(struct odbc_dbc *dbc, uint32_t statement_id);
/* Runs an internal catalog query (simple protocol) and hands each row to
 * on_row (values borrowed for the call). -1 with error when it failed. */
typedef int (*odbc_row_handler)(void *context, const struct wire_value *values,
                                size_t value_count);
int odbc_dbc_run_query(struct odbc_dbc *dbc, const char *sql, size_t length_bytes,
                       odbc_row_handler on_row, void *context, struct error *error)
    PGO_MUST_CHECK;
/* Frees the caches and the cancel token (disconnecting). */
void odbc_dbc_forget_session(struct odbc_dbc *dbc);

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
