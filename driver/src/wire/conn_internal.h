/* The inside of struct wire_conn, shared by the wire/ files only.
 * Owns: the layout of the connection (stream, frame buffer, output buffer,
 * parameter statuses, backend key, current result, broken flag) and the
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

struct wire_conn {
    struct net_stream *stream; /* owned; NULL once closed */
    enum wire_state state;
    bool has_tls;

    /* Deadlines: each read or write gets timeout_ms when has_timeout;
     * while connecting, connect_deadline bounds it too. */
    bool has_timeout;
    int64_t timeout_ms;
    bool is_connecting;
    struct deadline connect_deadline;

    /* Borrowed for the duration of wire_connect only. */
    const struct connect_params *params;
    const struct notice_sink *notices; /* borrowed; may be NULL */

    bool is_broken;
    char broken_reason[ERROR_TEXT_MAX];

    /* Frame buffer: bytes read from the stream. The current frame is
     * in.data[0 .. in_consumed); the next frame starts at in_consumed. */
    struct buf in;
    size_t in_consumed;
    size_t large_message_max_bytes;

    struct buf out; /* messages being built, written by wire_conn_flush */

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
    bool is_result_failed; /* a DataRow disagreed: discard the rest */
    enum wire_copy_state copy_state;
};

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

/* Writes conn->out and clears it; holds_secret wipes it afterwards. */
int wire_conn_flush(struct wire_conn *conn, bool holds_secret, struct error *error) PGO_MUST_CHECK;

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

/* ---- query_simple.c ---- */

/* Resets the current-result state at the start of an exchange. */
void wire_conn_reset_result(struct wire_conn *conn);

#endif
