/* struct wire_conn: one PostgreSQL protocol-3 session; knows no ODBC.
 * Owns: the transport stream, the frame buffer, the server's parameter
 * statuses, the backend key, the current result's row description and the
 * broken flag. This header is the whole engine as the ODBC layer sees it.
 *
 * Protocol: PostgreSQL "Frontend/Backend Protocol" (chapter 55 of the
 * PostgreSQL 15 manual). Connecting follows the specification
 * (../shared/spec/connection-management.md): transport chosen in the order
 * unix_sock, sock, host; SSLRequest and the sslmode policy; startup;
 * authentication; ParameterStatus and BackendKeyData; ReadyForQuery.
 *
 * Errors: while connecting, transport failures are 08001 with host and
 * port in the message, server refusals keep the server's SQLSTATE. After
 * connecting, a transport failure, a timeout or a protocol violation marks
 * the connection broken (08S01) once; every later call fails at once with
 * 08S01, and wire_conn_free still works. */
#ifndef PGO_WIRE_CONN_H
#define PGO_WIRE_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "params/connect_params.h"
#include "util/compiler.h"
#include "util/error.h"

struct wire_conn;

/* Connects and authenticates. login_timeout_ms > 0 bounds the whole
 * connect (together with params->timeout_ms: the earlier deadline wins);
 * 0 means only params decide. Notices (and fallbacks worth telling, such
 * as "prefer" falling back to plain text) go to the sink, which must
 * outlive the connection. On failure *out is untouched and an adopted
 * socket (params->sock) has been closed. */
int wire_connect(const struct connect_params *params, int64_t login_timeout_ms,
                 const struct notice_sink *notices, struct wire_conn **out,
                 struct error *error) PGO_MUST_CHECK;

/* Sends Terminate when the connection is healthy, closes, frees. Accepts NULL. */
void wire_conn_free(struct wire_conn *conn);

bool wire_conn_is_broken(const struct wire_conn *conn);
bool wire_conn_has_tls(const struct wire_conn *conn);
/* 'I' idle, 'T' in a transaction block, 'E' in a failed transaction. */
char wire_conn_transaction_status(const struct wire_conn *conn);
int32_t wire_conn_backend_pid(const struct wire_conn *conn);
/* A ParameterStatus value ("server_version", "client_encoding", ...) or NULL.
 * Valid until the next call that reads from the server. */
const char *wire_conn_parameter_status(const struct wire_conn *conn, const char *name);
/* server_version_num as an integer (150018), 0 when unknown. */
int wire_conn_server_version(const struct wire_conn *conn);
/* The host this connection reached, which with a host list need not be
 * the first: the host name or address as listed (IPv6 without brackets),
 * or the socket path (file or directory) for a Unix socket; for an adopted
 * socket, the Server value. Valid as long as conn. */
const char *wire_conn_host(const struct wire_conn *conn);
/* That host's port (for a socket directory, the one in .s.PGSQL.<port>). */
uint16_t wire_conn_port(const struct wire_conn *conn);

/* Changes the notice sink (the ODBC layer points it at the handle whose
 * call is running). */
void wire_conn_set_notice_sink(struct wire_conn *conn, const struct notice_sink *notices);

/* ---- Running queries: send, then pull events until WIRE_EVENT_READY. ---- */

struct wire_column {
    const char *name;       /* NUL-terminated */
    uint32_t table_oid;     /* 0 when not a table column */
    int16_t column_attnum;  /* 0 when not a table column */
    uint32_t type_oid;
    int16_t type_size;      /* pg_type.typlen: -1 varlena, -2 cstring */
    int32_t type_modifier;  /* atttypmod, -1 when none */
    int16_t format_code;    /* 0 text, 1 binary */
};

struct wire_value {
    const unsigned char *data; /* NULL when is_null */
    size_t length_bytes;
    bool is_null;
};

enum wire_event_kind {
    WIRE_EVENT_ROW_DESCRIPTION, /* columns/column_count describe the rows to come */
    WIRE_EVENT_NO_DATA,         /* extended protocol: the statement returns no rows */
    WIRE_EVENT_DATA_ROW,        /* values/value_count: one row */
    WIRE_EVENT_COMMAND_COMPLETE,/* command_tag ("SELECT 3", "INSERT 0 1") */
    WIRE_EVENT_EMPTY_QUERY,     /* the query string was empty */
    WIRE_EVENT_SERVER_ERROR,    /* the statement failed: the server's error is in
                                   *error; keep pulling until READY */
    WIRE_EVENT_COPY_REFUSED,    /* COPY is not supported yet: the engine failed
                                   the copy; *error says so; keep pulling */
    WIRE_EVENT_READY,           /* ReadyForQuery: one Sync's exchange is over */
    /* Extended protocol only: */
    WIRE_EVENT_PARSE_COMPLETE,
    WIRE_EVENT_BIND_COMPLETE,
    WIRE_EVENT_CLOSE_COMPLETE,
    WIRE_EVENT_PARAMETER_DESCRIPTION, /* parameter_type_oids/parameter_count */
    WIRE_EVENT_PORTAL_SUSPENDED       /* Execute's row limit reached; the portal
                                         lives until the next Sync */
};

/* One event. Everything it points to is borrowed and valid until the next
 * wire_conn call on the same connection. */
struct wire_event {
    enum wire_event_kind kind;
    const struct wire_column *columns; /* ROW_DESCRIPTION */
    size_t column_count;
    const struct wire_value *values;   /* DATA_ROW: column_count values */
    size_t value_count;
    const char *command_tag;           /* COMMAND_COMPLETE */
    char transaction_status;           /* READY */
    const uint32_t *parameter_type_oids; /* PARAMETER_DESCRIPTION */
    size_t parameter_count;
};

/* Sends a simple-protocol Query. The connection must be idle (the
 * previous exchange pulled to READY); otherwise HY010-class misuse is an
 * error with SQLSTATE HY010. */
int wire_send_simple_query(struct wire_conn *conn, const char *sql, size_t length_bytes,
                           struct error *error) PGO_MUST_CHECK;

/* Runs one command (COMMIT, ROLLBACK, SET ...) on the simple protocol
 * and pulls its events to READY before returning. The connection must be
 * idle (HY010 otherwise). Rows are discarded. On success the last
 * CommandComplete's tag is copied into command_tag (NUL-terminated, cut
 * with "..." past command_tag_size; may be NULL), so that a caller learns
 * that COMMIT of a failed transaction answered "ROLLBACK". -1 with the
 * first server error (the connection is idle again and usable), or with
 * 08S01 when the connection broke (wire_conn_is_broken tells which). */
int wire_run_command(struct wire_conn *conn, const char *sql, size_t length_bytes,
                     char *command_tag, size_t command_tag_size,
                     struct error *error) PGO_MUST_CHECK;

/* Pulls the next event of the exchange in progress. Returns 0 with *event
 * filled, or -1 when the connection broke (error set, 08S01). A server
 * ErrorResponse is not a -1: it is WIRE_EVENT_SERVER_ERROR with *error
 * filled (error_init'ed first by the engine). A FATAL error (the server
 * ending the session, e.g. 57P01) is reported so, and the connection is
 * then broken: the next call answers 08S01. HY010 (nothing broken) when
 * nothing was sent, or the messages queued were not sent yet. */
int wire_next_event(struct wire_conn *conn, struct wire_event *event,
                    struct error *error) PGO_MUST_CHECK;

/* True while an exchange is in progress (sent, READY not yet pulled). */
bool wire_conn_is_busy(const struct wire_conn *conn);

/* Pulls and discards events up to READY (closing an abandoned result).
 * Server errors met on the way are dropped; -1 only when broken.
 * Extended protocol: messages queued and never sent are dropped, and when
 * the messages sent had no Sync (wire_flush) the engine sends one, so the
 * connection ends idle. */
int wire_drain_to_ready(struct wire_conn *conn, struct error *error) PGO_MUST_CHECK;

/* ---- Extended query protocol ----
 * Descriptions: the RowDescription of a Describe (statement or portal)
 * applies to the DataRows that follow and stays until the next
 * RowDescription or NoData (so a statement described once can be bound
 * and executed again without a Describe); BindComplete sets format_code
 * of those columns from the Bind's result formats. Rows of an Execute
 * with no description at all come with columns NULL and column_count 0.
 * An error while the messages sent had no Sync (wire_flush): the engine
 * sends the Sync itself, so SERVER_ERROR is still followed by READY.
 * Messages are queued into the connection's output buffer; wire_flush
 * sends them followed by a Flush message, wire_queue_sync queues a Sync
 * and sends everything. Events then arrive in the order the messages were
 * queued; every Sync yields exactly one READY, and the connection stays
 * busy until the READY of the last Sync sent has been pulled. After a
 * server error the server skips to the next Sync: the engine reports
 * SERVER_ERROR, then that Sync's READY. Queueing never blocks; only
 * wire_flush, wire_queue_sync and wire_next_event do I/O. Names are
 * NUL-terminated; "" is the unnamed statement or portal. */

/* One Bind parameter (values arrive in the parameters issue). */
struct wire_param {
    uint32_t type_oid;     /* 0: let the server infer */
    int16_t format_code;   /* 0 text, 1 binary */
    const unsigned char *data;
    size_t length_bytes;
    bool is_null;
    bool is_borrowed;      /* data stays valid until the Bind is sent (the
                              wire_flush or wire_queue_sync that sends it):
                              a value of WIRE_BORROW_MIN_BYTES or more is
                              then written from data, not copied */
};

int wire_queue_parse(struct wire_conn *conn, const char *statement_name, const char *sql,
                     size_t sql_length_bytes, const uint32_t *parameter_type_oids,
                     size_t parameter_count, struct error *error) PGO_MUST_CHECK;
/* result_formats: 0 entries = all text, 1 entry = applies to every column,
 * else one per result column. */
int wire_queue_bind(struct wire_conn *conn, const char *portal_name,
                    const char *statement_name, const struct wire_param *params,
                    size_t param_count, const int16_t *result_formats,
                    size_t result_format_count, struct error *error) PGO_MUST_CHECK;
int wire_queue_describe_statement(struct wire_conn *conn, const char *statement_name,
                                  struct error *error) PGO_MUST_CHECK;
int wire_queue_describe_portal(struct wire_conn *conn, const char *portal_name,
                               struct error *error) PGO_MUST_CHECK;
/* max_rows 0 = all rows; otherwise PORTAL_SUSPENDED after that many. */
int wire_queue_execute(struct wire_conn *conn, const char *portal_name, uint32_t max_rows,
                       struct error *error) PGO_MUST_CHECK;
int wire_queue_close_statement(struct wire_conn *conn, const char *statement_name,
                               struct error *error) PGO_MUST_CHECK;
int wire_queue_close_portal(struct wire_conn *conn, const char *portal_name,
                            struct error *error) PGO_MUST_CHECK;
/* Queues an internal command: Parse of the unnamed statement, Bind of the
 * unnamed portal (no parameters, text results) and Execute of a
 * parameterless utility command (BEGIN ..., SAVEPOINT x, RELEASE
 * SAVEPOINT x), whose ParseComplete, BindComplete and CommandComplete the
 * engine consumes itself: wire_next_event never reports them, and the
 * current description, result formats and events of the statements queued
 * around it are what they would be without it. Rows it returned would be
 * discarded (it is meant for commands that return none). It goes out with
 * the next wire_flush or wire_queue_sync, in order with the other queued
 * messages, so that internal BEGIN, a statement's Parse/Bind/Describe/
 * Execute, internal RELEASE SAVEPOINT, Sync make one round trip. A server
 * error in it is WIRE_EVENT_SERVER_ERROR like any other, and the server
 * then skips to the Sync (so the statement after it does not run: the
 * caller sees SERVER_ERROR, then READY). It replaces the unnamed statement
 * and portal: queue it before a statement's own Parse "" and Bind "", or
 * after its Execute. sql must not be empty or contain NUL. On failure
 * nothing of it stays queued (when the Bind or Execute cannot be built,
 * out of memory, everything queued and not sent is dropped). Flushing
 * internal commands alone, with no Sync, leaves no event to pull: the
 * next wire_next_event consumes their replies and answers HY010. */
int wire_queue_internal_command(struct wire_conn *conn, const char *sql, size_t length_bytes,
                                struct error *error) PGO_MUST_CHECK;
/* Queues Sync and sends everything queued. */
int wire_queue_sync(struct wire_conn *conn, struct error *error) PGO_MUST_CHECK;
/* Sends everything queued, then a Flush message (no Sync). */
int wire_flush(struct wire_conn *conn, struct error *error) PGO_MUST_CHECK;

/* ---- Cancel and query timeout ---- */

/* What SQLCancel needs to reach the server without the connection: the
 * transport (address or socket path, TLS when the session used it) and
 * the backend key, copied at connect time. Heap; free with
 * wire_cancel_token_free. NULL (with error) when the server sent no key. */
struct wire_cancel_token;
struct wire_cancel_token *wire_cancel_token_new(const struct wire_conn *conn,
                                                struct error *error);
/* A copy of token, freed on its own; NULL when out of memory. */
struct wire_cancel_token *wire_cancel_token_copy(const struct wire_cancel_token *token);
void wire_cancel_token_free(struct wire_cancel_token *token);
/* Opens a new connection and sends CancelRequest; safe from any thread
 * while another thread is inside a call on the connection, as long as
 * token is not freed meanwhile (a caller racing a disconnect sends with a
 * copy). timeout_ms bounds it all; 0: the session's Timeout, or
 * WIRE_CANCEL_DEFAULT_TIMEOUT_MS without one. Whether the server cancels
 * anything is not reported by the protocol. */
int wire_cancel_send(const struct wire_cancel_token *token, int64_t timeout_ms,
                     struct error *error) PGO_MUST_CHECK;

/* Bounds the next exchange sent (until its READY): when reading waits past
 * timeout_ms, the engine sends a CancelRequest and keeps reading; the
 * server's 57014 then arrives as SERVER_ERROR with SQLSTATE HYT00 and the
 * message "query timeout expired". 0 = no limit. The setting stays until
 * changed: every exchange sent afterwards gets its own limit, counted from
 * its first send. When the cancel cannot be sent, the connection is given
 * up (-1: HYT00 when reaching the server took the cancel's whole grace, as
 * with a stalled cancel connection; 08S01 when it failed otherwise). A
 * 57014 the timeout did not cause keeps its SQLSTATE. */
void wire_conn_set_query_timeout(struct wire_conn *conn, int64_t timeout_ms);
/* The query timeout also bounds sending: a write that cannot finish by the
 * exchange's deadline + WIRE_CANCEL_ANSWER_GRACE_MS (the server stopped
 * reading) fails with HYT00 and the connection is given up. So does a
 * read when the server answers neither the statement nor the cancel
 * within that grace after the cancel went out. Either way the call ends
 * within the query timeout + 1 s, and later calls answer 08S01. */

/* ODBC SQL_ATTR_CONNECTION_TIMEOUT: bounds each wait for the server
 * (read or write) after connecting that no query timeout governs (an
 * exchange sent with a query timeout is bounded by that alone, so a
 * statement given more time is not cut short). 0 = no limit (the Timeout
 * keyword may still bound it). When it expires the call fails
 * with HYT01 and the connection is broken: the protocol is out of step,
 * so later calls answer 08S01. */
void wire_conn_set_connection_timeout(struct wire_conn *conn, int64_t timeout_ms);

#endif
