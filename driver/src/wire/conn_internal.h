/* The inside of struct wire_conn, shared by the wire/ files only.
 * Owns: the layout of the connection (stream, frame buffer, output buffer,
 * parameter statuses, backend key, current result, the queue of replies
 * expected, the query timeout and cancel token, broken flag) and the
 * helpers every wire/ file uses to fail the connection the same way.
 * Not for the ODBC layer, which sees conn.h alone. Tests use the entry
 * point that runs a session over a ready stream (an in-memory stream fed
 * scripted bytes). */
#ifndef PGO_WIRE_CONN_INTERNAL_H
#define PGO_WIRE_CONN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "net/stream.h"
#include "params/connect_params.h"
#include "util/buf.h"
#include "util/compiler.h"
#include "util/deadline.h"
#include "util/error.h"
#include "wire/conn.h"
#include "wire/trace_wire.h"

/* Room for a host name as getaddrinfo takes it (NI_MAXHOST) or a socket
 * path (sun_path is shorter). */
#define WIRE_CONNECTED_HOST_MAX 1025

enum wire_state {
    WIRE_STATE_CONNECTING = 0, /* startup and authentication */
    WIRE_STATE_IDLE,           /* ReadyForQuery seen, nothing in flight */
    WIRE_STATE_BUSY            /* a query was sent, READY not yet pulled */
};

enum wire_copy_state {
    WIRE_COPY_NONE = 0,
    WIRE_COPY_IN,  /* CopyFail sent; waiting for the server's error */
    WIRE_COPY_OUT, /* discarding CopyData until CopyDone */
    WIRE_COPY_BOTH /* CopyDone sent; discarding CopyData until CopyDone */
};

struct wire_parameter_status {
    char *name;
    char *value;
};

/* What the server owes for one message sent (pipeline.c): the replies
 * legal next are those of the queue's head. */
enum wire_expect_kind {
    WIRE_EXPECT_SIMPLE_QUERY = 0, /* Query: results, then ReadyForQuery */
    WIRE_EXPECT_PARSE,            /* ParseComplete */
    WIRE_EXPECT_BIND,             /* BindComplete */
    WIRE_EXPECT_DESCRIBE_STATEMENT, /* ParameterDescription, then RowDescription or NoData */
    WIRE_EXPECT_DESCRIBE_PORTAL,  /* RowDescription or NoData */
    WIRE_EXPECT_EXECUTE,          /* DataRow*, then CommandComplete, EmptyQueryResponse
                                     or PortalSuspended */
    WIRE_EXPECT_CLOSE,            /* CloseComplete */
    WIRE_EXPECT_SYNC              /* ReadyForQuery */
};

struct wire_expectation {
    enum wire_expect_kind kind;
    bool is_internal;               /* PARSE, BIND, EXECUTE of an internal command
                                       (query_extended.c): replies consumed, no event */
    bool has_parameter_description; /* DESCRIBE_STATEMENT: 't' arrived */
    size_t formats_offset;          /* BIND: its result format codes in */
    size_t format_count;            /* conn->bind_formats (int16 each) */
};

/* A value written between out's bytes at offset (see borrowed below). */
struct wire_borrowed_piece {
    size_t offset;
    const unsigned char *data;
    size_t length_bytes;
};

struct wire_conn {
    struct net_stream *stream; /* owned; NULL once closed */
    enum wire_state state;
    bool has_tls;

    /* Deadlines: each read or write gets timeout_ms when has_timeout and
     * connection_timeout_ms when above 0 (the earlier wins); while
     * connecting, connect_deadline bounds it too. */
    bool has_timeout;
    int64_t timeout_ms;
    int64_t connection_timeout_ms; /* ODBC SQL_ATTR_CONNECTION_TIMEOUT; 0 none */
    bool is_connecting;
    struct deadline connect_deadline;

    /* The host this session reached (connect.c, wire_conn_host): the host
     * name or address as listed, or the socket path; and its port. */
    char connected_host[WIRE_CONNECTED_HOST_MAX];
    uint16_t connected_port;

    /* Borrowed for the duration of wire_connect only. */
    const struct connect_params *params;
    const struct notice_sink *notices; /* borrowed; may be NULL */

    bool is_broken;
    char broken_reason[ERROR_TEXT_MAX];

    /* Frame buffer: bytes read from the stream. The current frame ends at
     * in_consumed (the read offset); the next frame starts there. Unread
     * bytes move to the front only when the end lacks room (frame.c). */
    struct buf in;
    size_t in_consumed;
    size_t large_message_max_bytes;

    struct buf out; /* messages being built, written by wire_conn_flush */
    /* Large Bind values sent from the caller's memory (wire_param's
     * is_borrowed): each goes out at its offset in out, so a 100 MB value
     * is never held twice. Emptied with out. */
    struct wire_borrowed_piece *borrowed;
    size_t borrowed_count;
    size_t borrowed_capacity;
    struct wire_trace_state trace; /* DataRows counted for the protocol trace */

    char transaction_status; /* 'I', 'T' or 'E' */
    int32_t backend_pid;
    uint32_t backend_key;
    bool has_backend_key;

    struct wire_parameter_status *parameters;
    size_t parameter_count;

    /* Current result (rows.c): a copy of the RowDescription body, the
     * columns pointing into it, and one value array reused for every row. */
    struct buf row_description;
    struct wire_column *columns;
    size_t column_count;
    bool has_row_description;
    struct wire_value *values;
    size_t value_capacity; /* entries in values (rows without a description grow it) */
    bool is_result_failed; /* a DataRow disagreed: discard the rest */
    enum wire_copy_state copy_state;

    /* Replies owed (pipeline.c): expected[head .. count) in the order the
     * messages were queued; entries from unsent_from on are still in out. */
    struct wire_expectation *expected;
    size_t expected_capacity;
    size_t expected_head;
    size_t expected_count;
    size_t expected_unsent_from;
    size_t pending_syncs; /* Syncs and Queries queued whose READY is not pulled */
    struct buf bind_formats; /* result format codes of queued Binds */
    /* The result formats of the last BindComplete of this exchange. */
    int16_t *result_formats;
    size_t result_format_count;
    size_t result_format_capacity;
    bool has_result_formats;
    /* The last ParameterDescription, reused. */
    uint32_t *parameter_oids;
    size_t parameter_oid_capacity;

    /* Query timeout (pipeline.c) and the cancel token made at connect. */
    int64_t query_timeout_ms;
    bool has_query_deadline;
    struct deadline query_deadline;
    bool has_sent_cancel;
    /* Once the cancel was started, the server has until this deadline
     * (WIRE_CANCEL_ANSWER_GRACE_MS from then) to answer before the
     * connection is given up. */
    struct deadline cancel_answer_deadline;
    int64_t exchange_timeout_ms; /* the query timeout the running exchange got */
    struct wire_cancel_token *cancel_token; /* NULL: cancel_problem says why */
    char cancel_problem[ERROR_TEXT_MAX];
};

/* How long the server has to answer the CancelRequest a query timeout
 * sent (its 57014, or the rest of the result) before the engine gives the
 * connection up with HYT00: a stalled server or network otherwise holds the
 * call forever. Short enough that a stall ends within the query timeout +
 * 1 s (issue: faults), long enough for a live server on a slow link. */
#define WIRE_CANCEL_ANSWER_GRACE_MS 700
/* How long wire_cancel_send waits for the server to close the cancel
 * connection (its sign that the request was acted on). */
#define WIRE_CANCEL_CLOSE_WAIT_MS 250
#define WIRE_SQLSTATE_CONNECTION_TIMEOUT "HYT01"

/* ---- conn.c ---- */

/* Allocates a connection over stream (taken in every case: closed when
 * allocation fails). */
int wire_conn_new(struct net_stream *stream, const struct connect_params *params,
                  const struct notice_sink *notices, struct wire_conn **out,
                  struct error *error) PGO_MUST_CHECK;

/* The deadline for one read or write now. */
struct deadline wire_conn_io_deadline(const struct wire_conn *conn);

/* Fails at once with 08S01 when the connection is broken. */
int wire_conn_check_usable(const struct wire_conn *conn, struct error *error) PGO_MUST_CHECK;

/* Marks the connection broken once, remembering the first cause. */
void wire_conn_mark_broken(struct wire_conn *conn, const struct error *cause);

/* A protocol violation (08P01): sets the error and breaks the connection. */
void wire_conn_fail_protocol(struct wire_conn *conn, struct error *error, const char *format,
                             ...) PGO_PRINTF(3, 4);

/* A transport failure already described in *error by net/: 08001 while
 * connecting, 08S01 afterwards; breaks the connection. */
void wire_conn_fail_transport(struct wire_conn *conn, struct error *error);

/* A read or write bounded by io_deadline (from wire_conn_io_deadline)
 * failed: HYT01 when it was the connection timeout that expired, else as
 * wire_conn_fail_transport. Breaks the connection either way (a wait cut
 * short leaves the protocol out of step). */
void wire_conn_fail_wait(struct wire_conn *conn, const struct deadline *io_deadline,
                         struct error *error);

/* Writes conn->out and clears it; holds_secret wipes it afterwards. */
int wire_conn_flush(struct wire_conn *conn, bool holds_secret, struct error *error) PGO_MUST_CHECK;

/* Writes bytes built elsewhere (COPY refusals, a Sync the engine adds),
 * leaving conn->out alone. Breaks the connection on failure. */
int wire_conn_write(struct wire_conn *conn, const unsigned char *data, size_t length_bytes,
                    struct error *error) PGO_MUST_CHECK;

/* Remembers a ParameterStatus (replacing an older value of the same name). */
int wire_conn_store_parameter(struct wire_conn *conn, const char *name, size_t name_length,
                              const char *value, size_t value_length,
                              struct error *error) PGO_MUST_CHECK;

void wire_conn_emit_notice(const struct wire_conn *conn, const struct error *notice);

struct wire_frame;
/* Messages accepted in every state: NoticeResponse (to the sink),
 * ParameterStatus (remembered), NotificationResponse (read and dropped).
 * Returns 1 when the frame was one of those and was handled, 0 when it is
 * something else, -1 when it was malformed (08P01, connection broken). */
int wire_conn_handle_async(struct wire_conn *conn, const struct wire_frame *frame,
                           struct error *error) PGO_MUST_CHECK;

/* Testing: change the cap on large messages. */
void wire_conn_set_large_message_max(struct wire_conn *conn, size_t max_bytes);

/* ---- connect.c ---- */

/* Runs a whole session start over stream (taken in every case): the
 * SSLRequest when negotiate_tls (the reply byte is the only thing read
 * before the handshake), StartupMessage, authentication, ParameterStatus,
 * BackendKeyData, ReadyForQuery. deadline bounds all of it. The entry
 * point for tests over an in-memory stream; wire_connect uses it too. */
int wire_connect_over_stream(struct net_stream *stream, const struct connect_params *params,
                             const struct deadline *deadline, bool negotiate_tls,
                             const struct notice_sink *notices, struct wire_conn **out,
                             struct error *error) PGO_MUST_CHECK;

/* ---- result.c: the current result ---- */

/* Resets the current-result state at the start of a simple query. */
void wire_conn_reset_result(struct wire_conn *conn);
/* Forgets the RowDescription (NoData, a finished portal). */
void wire_result_forget_description(struct wire_conn *conn);
/* Each returns 0 with *event filled or -1 with the connection broken,
 * except take_data_row: 1 when a row (or a failed-statement event) was
 * produced, 0 when the row was discarded, -1 when broken. */
int wire_result_take_description(struct wire_conn *conn, const struct wire_frame *frame,
                                 struct wire_event *event, struct error *error) PGO_MUST_CHECK;
int wire_result_take_data_row(struct wire_conn *conn, const struct wire_frame *frame,
                              struct wire_event *event, struct error *error) PGO_MUST_CHECK;
int wire_result_take_command_complete(struct wire_conn *conn, const struct wire_frame *frame,
                                      struct wire_event *event,
                                      struct error *error) PGO_MUST_CHECK;
/* An ErrorResponse: SERVER_ERROR with the server's record (HYT00 when it
 * is the cancel our query timeout sent); FATAL and PANIC also break the
 * connection, since the server ends the session after them. */
int wire_result_take_server_error(struct wire_conn *conn, const struct wire_frame *frame,
                                  struct wire_event *event, struct error *error) PGO_MUST_CHECK;
void wire_event_clear(struct wire_event *event, enum wire_event_kind kind);

/* ---- copy.c ---- */

bool wire_copy_is_allowed_in_copy(uint8_t type);
/* CopyIn/CopyOut/CopyBothResponse: refuses the COPY (CopyFail, or
 * discarding the data) and fills a COPY_REFUSED event. add_sync sends a
 * Sync after the CopyFail (extended protocol: the server ignored the
 * pipelined one while in copy-in mode). */
int wire_copy_refuse(struct wire_conn *conn, const struct wire_frame *frame, bool add_sync,
                     struct wire_event *event, struct error *error) PGO_MUST_CHECK;

/* ---- pipeline.c: the queue of replies owed ---- */

/* Appends an expectation for a message being queued; -1 only when out of
 * memory. *out is valid until the next push. */
int wire_pipeline_push(struct wire_conn *conn, enum wire_expect_kind kind,
                       struct wire_expectation **out, struct error *error) PGO_MUST_CHECK;
/* After out was written: the queued entries are now sent; starts the
 * query deadline when nothing was in flight before. */
void wire_pipeline_mark_sent(struct wire_conn *conn);
/* True when some sent message still owes replies. */
bool wire_pipeline_is_in_flight(const struct wire_conn *conn);
/* Forgets queued messages that were never sent (out is cleared). */
void wire_pipeline_drop_unsent(struct wire_conn *conn);
/* Called by frame.c when the query deadline passed: sends the
 * CancelRequest (once) through the connection's own token. -1 (08S01,
 * connection broken) when it cannot be sent: the statement would
 * otherwise run on unbounded with the connection in the middle of it. */
int wire_pipeline_cancel_for_timeout(struct wire_conn *conn, struct error *error) PGO_MUST_CHECK;

/* ---- query_extended.c: replies particular to the extended protocol ---- */

int wire_extended_take_parameter_description(struct wire_conn *conn,
                                             const struct wire_frame *frame,
                                             struct wire_event *event,
                                             struct error *error) PGO_MUST_CHECK;
/* BindComplete: the Bind's result formats become the exchange's and are
 * applied to the current columns. -1 only when out of memory (broken). */
int wire_extended_take_bind_complete(struct wire_conn *conn,
                                     const struct wire_expectation *bind,
                                     struct error *error) PGO_MUST_CHECK;
/* Sets format_code of the current columns from the last Bind's result
 * formats (none: text; one: every column; else one per column). */
void wire_extended_apply_result_formats(struct wire_conn *conn);

/* ---- query_extended.c: internal commands ---- */

/* The CommandComplete of an internal command: checked like any other
 * (malformed: 08P01, broken) but it leaves the current result alone, so
 * the events of the statements around it are those they would be without
 * it. */
int wire_internal_take_command_complete(struct wire_conn *conn, const struct wire_frame *frame,
                                        struct error *error) PGO_MUST_CHECK;

/* ---- cancel.c ---- */

/* Makes the connection's token from what connecting used (params, the
 * stream's peer, TLS, the backend key). On failure conn->cancel_problem
 * says why and the token stays NULL; connecting goes on. */
void wire_cancel_token_make(struct wire_conn *conn, const struct connect_params *params);

#endif
