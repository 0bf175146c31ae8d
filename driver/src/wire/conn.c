/* struct wire_conn: lifecycle, state, the broken flag, parameter statuses.
 * Owns: creating and freeing the connection (Terminate when healthy), the
 * one way every wire/ file fails the connection (protocol violation 08P01,
 * transport failure 08001 while connecting and 08S01 afterwards; HYT01 when
 * the connection timeout ended the wait; HYT00 when a write outlived the
 * query timeout), the I/O deadline, writing the output buffer, and the
 * accessors of conn.h.
 * Leaves framing to frame.c, connecting to connect.c, sending queries to
 * query_simple.c and query_extended.c, the replies they owe to pipeline.c,
 * the current result to result.c, cancelling to cancel.c.
 * Rules: STYLE.md, "Errors and diagnostics" (a broken connection marks
 * itself broken once; every later call answers 08S01). */
#include "wire/conn.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "util/alloc.h"
#include "util/reader.h"
#include "util/secret.h"
#include "util/trace.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"
#include "wire/notice.h"
#include "wire/startup.h"
#include "wire/trace_wire.h"

int wire_conn_new(struct net_stream *stream, const struct connect_params *params,
                  const struct notice_sink *notices, struct wire_conn **out,
                  struct error *error)
{
    struct wire_conn *conn = alloc_zeroed(sizeof *conn);
    if (conn == NULL) {
        net_stream_close(stream);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory creating a connection");
        return -1;
    }
    conn->stream = stream;
    conn->state = WIRE_STATE_CONNECTING;
    conn->has_tls = stream != NULL && stream->is_tls;
    conn->has_timeout = params->has_timeout;
    conn->timeout_ms = params->timeout_ms;
    conn->params = params;
    conn->notices = notices;
    conn->large_message_max_bytes = WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES;
    buf_init(&conn->in, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES + WIRE_HEADER_BYTES +
                            WIRE_READ_CHUNK_BYTES);
    buf_init(&conn->out, WIRE_OUTGOING_MESSAGE_MAX_BYTES);
    buf_init(&conn->row_description, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES);
    buf_init(&conn->bind_formats, WIRE_OUTGOING_MESSAGE_MAX_BYTES);
    conn->transaction_status = 'I';
    (void)snprintf(conn->cancel_problem, sizeof conn->cancel_problem,
                   "the connection has no cancel key yet");
    *out = conn;
    return 0;
}

void wire_conn_set_large_message_max(struct wire_conn *conn, size_t max_bytes)
{
    conn->large_message_max_bytes = max_bytes;
    conn->in.max_bytes = max_bytes + WIRE_HEADER_BYTES + WIRE_READ_CHUNK_BYTES;
    conn->row_description.max_bytes = max_bytes;
}

static void free_parameters(struct wire_conn *conn)
{
    for (size_t i = 0; i < conn->parameter_count; i++) {
        alloc_free(conn->parameters[i].name);
        alloc_free(conn->parameters[i].value);
    }
    alloc_free(conn->parameters);
    conn->parameters = NULL;
    conn->parameter_count = 0;
}

static void send_terminate(struct wire_conn *conn)
{
    struct error ignored;
    error_init(&ignored);
    buf_clear(&conn->out);
    conn->borrowed_count = 0;
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_TERMINATE, &length_offset) != 0 ||
        wire_message_end(&conn->out, length_offset) != 0) {
        return;
    }
    if (trace_is_enabled(TRACE_LEVEL_PROTOCOL)) {
        wire_trace_sent(conn->out.data, conn->out.length);
    }
    struct deadline deadline = deadline_after_ms(WIRE_TERMINATE_TIMEOUT_MS);
    if (conn->has_timeout) {
        deadline = deadline_earlier(deadline, deadline_after_ms(conn->timeout_ms));
    }
    if (net_stream_write_all(conn->stream, conn->out.data, conn->out.length, &deadline,
                             &ignored) != 0) {
        return; /* a courtesy; the close below ends the session either way */
    }
}

void wire_conn_free(struct wire_conn *conn)
{
    if (conn == NULL) {
        return;
    }
    if (conn->stream != NULL && !conn->is_broken && conn->state != WIRE_STATE_CONNECTING) {
        send_terminate(conn);
    }
    net_stream_close(conn->stream);
    conn->stream = NULL;
    free_parameters(conn);
    alloc_free(conn->columns);
    alloc_free(conn->values);
    alloc_free(conn->expected);
    alloc_free(conn->result_formats);
    alloc_free(conn->parameter_oids);
    buf_reset(&conn->bind_formats);
    wire_cancel_token_free(conn->cancel_token);
    buf_wipe(&conn->in);
    buf_reset(&conn->in);
    buf_wipe(&conn->out);
    buf_reset(&conn->out);
    alloc_free(conn->borrowed);
    conn->borrowed = NULL;
    conn->borrowed_count = 0;
    buf_reset(&conn->row_description);
    secret_wipe_memory(conn, sizeof *conn);
    alloc_free(conn);
}

/* The connection timeout governs waits that no query timeout governs: an
 * exchange with its own query deadline is bounded by that (HYT00, after
 * the cancel), so that a statement the application gave more time is not
 * cut short by the connection's limit. */
static bool is_connection_timeout_in_force(const struct wire_conn *conn)
{
    return !conn->is_connecting && conn->connection_timeout_ms > 0 &&
           !(conn->has_query_deadline && wire_pipeline_is_in_flight(conn));
}

struct deadline wire_conn_io_deadline(const struct wire_conn *conn)
{
    struct deadline deadline =
        conn->has_timeout ? deadline_after_ms(conn->timeout_ms) : deadline_infinite();
    if (conn->is_connecting) {
        deadline = deadline_earlier(deadline, conn->connect_deadline);
    } else if (is_connection_timeout_in_force(conn)) {
        deadline = deadline_earlier(deadline, deadline_after_ms(conn->connection_timeout_ms));
    }
    return deadline;
}

void wire_conn_set_connection_timeout(struct wire_conn *conn, int64_t timeout_ms)
{
    conn->connection_timeout_ms = timeout_ms > 0 ? timeout_ms : 0;
}

int wire_conn_check_usable(const struct wire_conn *conn, struct error *error)
{
    if (conn->is_broken || conn->stream == NULL) {
        error_set(error, WIRE_SQLSTATE_LINK_FAILURE, "the connection is broken: %s",
                  conn->broken_reason[0] != '\0' ? conn->broken_reason : "it was closed");
        return -1;
    }
    return 0;
}

void wire_conn_mark_broken(struct wire_conn *conn, const struct error *cause)
{
    if (conn->is_broken) {
        return;
    }
    conn->is_broken = true;
    const char *text = cause != NULL && cause->message[0] != '\0' ? cause->message
                                                                  : "unknown cause";
    error_copy_text(conn->broken_reason, sizeof conn->broken_reason, text, strlen(text));
}

void wire_conn_fail_protocol(struct wire_conn *conn, struct error *error, const char *format,
                             ...)
{
    va_list args;
    va_start(args, format);
    error_set_v(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION, format, args);
    va_end(args);
    wire_conn_mark_broken(conn, error);
}

void wire_conn_fail_transport(struct wire_conn *conn, struct error *error)
{
    if (!error_is_set(error)) {
        error_set(error, WIRE_SQLSTATE_LINK_FAILURE, "the connection to the server failed");
    }
    error_override_sqlstate(error, conn->is_connecting ? WIRE_SQLSTATE_CONNECT_FAILED
                                                       : WIRE_SQLSTATE_LINK_FAILURE);
    wire_conn_mark_broken(conn, error);
}

void wire_conn_fail_wait(struct wire_conn *conn, const struct deadline *io_deadline,
                         struct error *error)
{
    bool is_connection_timeout =
        is_connection_timeout_in_force(conn) && deadline_has_expired(io_deadline) &&
        (!conn->has_timeout || conn->connection_timeout_ms <= conn->timeout_ms);
    if (!is_connection_timeout) {
        wire_conn_fail_transport(conn, error);
        return;
    }
    if (!error_is_set(error)) {
        error_set(error, WIRE_SQLSTATE_CONNECTION_TIMEOUT, "the server did not answer");
    }
    error_override_sqlstate(error, WIRE_SQLSTATE_CONNECTION_TIMEOUT);
    error_add_context(error,
                      "connection timeout of %lld ms expired (SQL_ATTR_CONNECTION_TIMEOUT); "
                      "the connection was given up",
                      (long long)conn->connection_timeout_ms);
    wire_conn_mark_broken(conn, error);
}

/* The query limit of a write: while a query timeout is set, the
 * exchange's deadline (or, before its first send, one counted from now)
 * plus the cancel grace. Writes have no cancel: a server that stopped
 * reading would hold them forever. */
static bool find_write_query_limit(const struct wire_conn *conn, struct deadline *limit)
{
    if (conn->is_connecting) {
        return false;
    }
    if (wire_pipeline_is_in_flight(conn)) {
        if (!conn->has_query_deadline) {
            return false;
        }
        *limit = conn->query_deadline;
    } else if (conn->query_timeout_ms > 0) {
        *limit = deadline_after_ms(conn->query_timeout_ms);
    } else {
        return false;
    }
    if (!limit->is_infinite && limit->at_ms <= INT64_MAX - WIRE_CANCEL_ANSWER_GRACE_MS) {
        limit->at_ms += WIRE_CANCEL_ANSWER_GRACE_MS;
    }
    return true;
}

/* A write under io_deadline and, when has_query_limit, query_limit failed. */
static void fail_write(struct wire_conn *conn, const struct deadline *io_deadline,
                       bool has_query_limit, const struct deadline *query_limit,
                       struct error *error)
{
    bool is_query_limit = has_query_limit && deadline_has_expired(query_limit) &&
                          (io_deadline->is_infinite || query_limit->at_ms <= io_deadline->at_ms);
    if (!is_query_limit) {
        wire_conn_fail_wait(conn, io_deadline, error);
        return;
    }
    int64_t timeout_ms = wire_pipeline_is_in_flight(conn) ? conn->exchange_timeout_ms
                                                          : conn->query_timeout_ms;
    if (!error_is_set(error)) {
        error_set(error, WIRE_SQLSTATE_TIMEOUT_EXPIRED, "the server stopped reading");
    }
    error_override_sqlstate(error, WIRE_SQLSTATE_TIMEOUT_EXPIRED);
    error_add_context(error,
                      "query timeout expired after %lld ms while sending to the server; the "
                      "connection was given up",
                      (long long)timeout_ms);
    wire_conn_mark_broken(conn, error);
}

/* The protocol trace reads whole messages: with lent values, it is
 * given a joined copy (only while tracing). */
static void trace_with_borrowed(const struct wire_conn *conn)
{
    size_t total = conn->out.length;
    for (size_t i = 0; i < conn->borrowed_count; i++)
        total += conn->borrowed[i].length_bytes;
    unsigned char *joined = alloc_array(total > 0 ? total : 1, 1);
    if (joined == NULL)
        return;
    size_t at = 0;
    size_t from = 0;
    for (size_t i = 0; i < conn->borrowed_count; i++) {
        const struct wire_borrowed_piece *piece = &conn->borrowed[i];
        memcpy(joined + at, conn->out.data + from, piece->offset - from);
        at += piece->offset - from;
        memcpy(joined + at, piece->data, piece->length_bytes);
        at += piece->length_bytes;
        from = piece->offset;
    }
    memcpy(joined + at, conn->out.data + from, conn->out.length - from);
    wire_trace_sent(joined, total);
    alloc_free(joined);
}

/* out's bytes with the lent values between them, in order. */
static int write_out(struct wire_conn *conn, struct deadline *deadline, struct error *error)
{
    size_t from = 0;
    for (size_t i = 0; i < conn->borrowed_count; i++) {
        const struct wire_borrowed_piece *piece = &conn->borrowed[i];
        if (net_stream_write_all(conn->stream, conn->out.data + from, piece->offset - from,
                                 deadline, error) != 0 ||
            net_stream_write_all(conn->stream, piece->data, piece->length_bytes, deadline,
                                 error) != 0)
            return -1;
        from = piece->offset;
    }
    return net_stream_write_all(conn->stream, conn->out.data + from, conn->out.length - from,
                                deadline, error);
}

int wire_conn_flush(struct wire_conn *conn, bool holds_secret, struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        if (holds_secret) {
            buf_wipe(&conn->out);
        }
        buf_clear(&conn->out);
        conn->borrowed_count = 0;
        return -1;
    }
    if (trace_is_enabled(TRACE_LEVEL_PROTOCOL)) {
        if (conn->borrowed_count > 0) {
            trace_with_borrowed(conn);
        } else {
            wire_trace_sent(conn->out.data, conn->out.length);
        }
    }
    struct deadline io_deadline = wire_conn_io_deadline(conn);
    struct deadline query_limit;
    bool has_query_limit = find_write_query_limit(conn, &query_limit);
    struct deadline deadline =
        has_query_limit ? deadline_earlier(io_deadline, query_limit) : io_deadline;
    int result = write_out(conn, &deadline, error);
    if (holds_secret) {
        buf_wipe(&conn->out);
    }
    buf_clear(&conn->out);
    conn->borrowed_count = 0;
    if (result != 0) {
        fail_write(conn, &io_deadline, has_query_limit, &query_limit, error);
        return -1;
    }
    return 0;
}

int wire_conn_write(struct wire_conn *conn, const unsigned char *data, size_t length_bytes,
                    struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (trace_is_enabled(TRACE_LEVEL_PROTOCOL)) {
        wire_trace_sent(data, length_bytes);
    }
    struct deadline io_deadline = wire_conn_io_deadline(conn);
    struct deadline query_limit;
    bool has_query_limit = find_write_query_limit(conn, &query_limit);
    struct deadline deadline =
        has_query_limit ? deadline_earlier(io_deadline, query_limit) : io_deadline;
    if (net_stream_write_all(conn->stream, data, length_bytes, &deadline, error) != 0) {
        fail_write(conn, &io_deadline, has_query_limit, &query_limit, error);
        return -1;
    }
    return 0;
}

int wire_conn_store_parameter(struct wire_conn *conn, const char *name, size_t name_length,
                              const char *value, size_t value_length, struct error *error)
{
    for (size_t i = 0; i < conn->parameter_count; i++) {
        struct wire_parameter_status *known = &conn->parameters[i];
        if (strlen(known->name) == name_length && memcmp(known->name, name, name_length) == 0) {
            char *copy = alloc_strndup(value, value_length);
            if (copy == NULL) {
                error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                          "out of memory storing the server parameter \"%s\"", known->name);
                return -1;
            }
            alloc_free(known->value);
            known->value = copy;
            return 0;
        }
    }
    if (conn->parameter_count >= WIRE_MAX_PARAMETER_STATUSES) {
        return 0; /* a server this chatty gets the first ones remembered */
    }
    struct wire_parameter_status *grown = alloc_resize_array(
        conn->parameters, conn->parameter_count + 1, sizeof *conn->parameters);
    if (grown == NULL) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory storing a server parameter");
        return -1;
    }
    conn->parameters = grown;
    char *name_copy = alloc_strndup(name, name_length);
    char *value_copy = alloc_strndup(value, value_length);
    if (name_copy == NULL || value_copy == NULL) {
        alloc_free(name_copy);
        alloc_free(value_copy);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory storing a server parameter");
        return -1;
    }
    conn->parameters[conn->parameter_count].name = name_copy;
    conn->parameters[conn->parameter_count].value = value_copy;
    conn->parameter_count++;
    return 0;
}

void wire_conn_emit_notice(const struct wire_conn *conn, const struct error *notice)
{
    notice_sink_emit(conn->notices, notice);
}

bool wire_conn_is_broken(const struct wire_conn *conn)
{
    return conn == NULL || conn->is_broken || conn->stream == NULL;
}

bool wire_conn_has_tls(const struct wire_conn *conn)
{
    return conn != NULL && conn->has_tls;
}

char wire_conn_transaction_status(const struct wire_conn *conn)
{
    return conn->transaction_status;
}

int32_t wire_conn_backend_pid(const struct wire_conn *conn)
{
    return conn->has_backend_key ? conn->backend_pid : 0;
}

const char *wire_conn_parameter_status(const struct wire_conn *conn, const char *name)
{
    for (size_t i = 0; i < conn->parameter_count; i++) {
        if (strcmp(conn->parameters[i].name, name) == 0) {
            return conn->parameters[i].value;
        }
    }
    return NULL;
}

/* Reads leading decimal digits into *out (at most 6 of them); returns how
 * many characters were used. */
static size_t take_number(const char *text, int *out)
{
    size_t used = 0;
    int value = 0;
    while (text[used] >= '0' && text[used] <= '9' && used < 6) {
        value = value * 10 + (text[used] - '0');
        used++;
    }
    *out = value;
    return used;
}

int wire_conn_server_version(const struct wire_conn *conn)
{
    const char *numeric = wire_conn_parameter_status(conn, "server_version_num");
    if (numeric != NULL) {
        int value = 0;
        size_t used = take_number(numeric, &value);
        if (used > 0 && numeric[used] == '\0') {
            return value;
        }
    }
    /* "15.4 (Debian 15.4-1.pgdg120+1)", "16beta1", "9.6.24" */
    const char *text = wire_conn_parameter_status(conn, "server_version");
    if (text == NULL) {
        return 0;
    }
    int major = 0;
    int minor = 0;
    int patch = 0;
    size_t used = take_number(text, &major);
    if (used == 0) {
        return 0;
    }
    const char *rest = text + used;
    if (*rest == '.') {
        rest++;
        rest += take_number(rest, &minor);
        if (major < 10 && *rest == '.') {
            rest++;
            (void)take_number(rest, &patch);
        }
    }
    if (major >= 10) {
        return major * 10000 + minor;
    }
    return major * 10000 + minor * 100 + patch;
}

void wire_conn_set_notice_sink(struct wire_conn *conn, const struct notice_sink *notices)
{
    conn->notices = notices;
}

int wire_conn_handle_async(struct wire_conn *conn, const struct wire_frame *frame,
                           struct error *error)
{
    switch (frame->type) {
    case WIRE_MSG_NOTICE_RESPONSE: {
        struct error notice;
        if (wire_notice_parse(frame->body, frame->length_bytes, &notice, error) != 0) {
            wire_conn_mark_broken(conn, error);
            return -1;
        }
        wire_conn_emit_notice(conn, &notice);
        return 1;
    }
    case WIRE_MSG_PARAMETER_STATUS: {
        const char *name = NULL;
        const char *value = NULL;
        size_t name_length = 0;
        size_t value_length = 0;
        if (wire_startup_parse_parameter_status(frame->body, frame->length_bytes, &name,
                                                &name_length, &value, &value_length,
                                                error) != 0) {
            wire_conn_mark_broken(conn, error);
            return -1;
        }
        if (wire_conn_store_parameter(conn, name, name_length, value, value_length, error) !=
            0) {
            return -1;
        }
        return 1;
    }
    case WIRE_MSG_NOTIFICATION_RESPONSE: {
        /* LISTEN/NOTIFY has no ODBC surface: checked, then dropped. */
        struct reader reader;
        reader_init(&reader, frame->body, frame->length_bytes);
        int32_t pid = 0;
        const char *channel = NULL;
        const char *payload = NULL;
        if (!reader_take_i32(&reader, &pid) || !reader_take_cstr(&reader, &channel, NULL) ||
            !reader_take_cstr(&reader, &payload, NULL) || !reader_expect_end(&reader)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent a malformed NotificationResponse");
            return -1;
        }
        return 1;
    }
    default:
        return 0;
    }
}
