/* Framing: whole backend messages in, length-back-filled messages out.
 * Owns: header validation and per-type caps (wire/limits.h), assembly of
 * the body in the connection's frame buffer within the I/O deadline, and
 * the message builders. Leaves the meaning of bodies to the parsers.
 * Rules: STYLE.md, "Wire input is hostile" (points 1 and 2); protocol:
 * "Message Formats" in the PostgreSQL 15 manual. */
#include "wire/frame.h"

#include <string.h>
#include "net/stream.h"
#include "util/alloc.h"
#include "util/trace.h"
#include "wire/conn_internal.h"
#include "wire/limits.h"
#include "wire/messages.h"
#include "wire/trace_wire.h"

size_t wire_frame_max_body_bytes(uint8_t type, size_t large_message_max_bytes)
{
    switch (type) {
    case WIRE_MSG_AUTHENTICATION:
        return WIRE_AUTH_MESSAGE_MAX_BYTES;
    case WIRE_MSG_READY_FOR_QUERY:
        return WIRE_READY_FOR_QUERY_BODY_BYTES;
    case WIRE_MSG_BACKEND_KEY_DATA:
        return WIRE_BACKEND_KEY_DATA_BODY_BYTES;
    case WIRE_MSG_PARSE_COMPLETE:
    case WIRE_MSG_BIND_COMPLETE:
    case WIRE_MSG_CLOSE_COMPLETE:
    case WIRE_MSG_NO_DATA:
    case WIRE_MSG_EMPTY_QUERY_RESPONSE:
    case WIRE_MSG_PORTAL_SUSPENDED:
    case WIRE_MSG_COPY_DONE:
        return WIRE_EMPTY_MESSAGE_BODY_BYTES;
    case WIRE_MSG_DATA_ROW:
    case WIRE_MSG_ROW_DESCRIPTION:
    case WIRE_MSG_ERROR_RESPONSE:
    case WIRE_MSG_NOTICE_RESPONSE:
    case WIRE_MSG_NOTIFICATION_RESPONSE:
    case WIRE_MSG_COPY_DATA:
    case WIRE_MSG_COPY_IN_RESPONSE:
    case WIRE_MSG_COPY_OUT_RESPONSE:
    case WIRE_MSG_COPY_BOTH_RESPONSE:
    case WIRE_MSG_PARAMETER_DESCRIPTION:
    case WIRE_MSG_FUNCTION_CALL_RESPONSE:
        return large_message_max_bytes;
    default:
        /* ParameterStatus, CommandComplete, NegotiateProtocolVersion and
         * types we do not know (the state machine refuses those). */
        return WIRE_STATUS_MESSAGE_MAX_BYTES;
    }
}

const char *wire_message_name(uint8_t type)
{
    switch (type) {
    case WIRE_MSG_AUTHENTICATION: return "'R' (Authentication)";
    case WIRE_MSG_BACKEND_KEY_DATA: return "'K' (BackendKeyData)";
    case WIRE_MSG_BIND_COMPLETE: return "'2' (BindComplete)";
    case WIRE_MSG_CLOSE_COMPLETE: return "'3' (CloseComplete)";
    case WIRE_MSG_COMMAND_COMPLETE: return "'C' (CommandComplete)";
    case WIRE_MSG_COPY_DATA: return "'d' (CopyData)";
    case WIRE_MSG_COPY_DONE: return "'c' (CopyDone)";
    case WIRE_MSG_COPY_IN_RESPONSE: return "'G' (CopyInResponse)";
    case WIRE_MSG_COPY_OUT_RESPONSE: return "'H' (CopyOutResponse)";
    case WIRE_MSG_COPY_BOTH_RESPONSE: return "'W' (CopyBothResponse)";
    case WIRE_MSG_DATA_ROW: return "'D' (DataRow)";
    case WIRE_MSG_EMPTY_QUERY_RESPONSE: return "'I' (EmptyQueryResponse)";
    case WIRE_MSG_ERROR_RESPONSE: return "'E' (ErrorResponse)";
    case WIRE_MSG_FUNCTION_CALL_RESPONSE: return "'V' (FunctionCallResponse)";
    case WIRE_MSG_NEGOTIATE_PROTOCOL_VERSION: return "'v' (NegotiateProtocolVersion)";
    case WIRE_MSG_NO_DATA: return "'n' (NoData)";
    case WIRE_MSG_NOTICE_RESPONSE: return "'N' (NoticeResponse)";
    case WIRE_MSG_NOTIFICATION_RESPONSE: return "'A' (NotificationResponse)";
    case WIRE_MSG_PARAMETER_DESCRIPTION: return "'t' (ParameterDescription)";
    case WIRE_MSG_PARAMETER_STATUS: return "'S' (ParameterStatus)";
    case WIRE_MSG_PARSE_COMPLETE: return "'1' (ParseComplete)";
    case WIRE_MSG_PORTAL_SUSPENDED: return "'s' (PortalSuspended)";
    case WIRE_MSG_READY_FOR_QUERY: return "'Z' (ReadyForQuery)";
    case WIRE_MSG_ROW_DESCRIPTION: return "'T' (RowDescription)";
    default: return "of an unknown type";
    }
}

static uint32_t read_u32_big_endian(const unsigned char bytes[4])
{
    return ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) |
           ((uint32_t)bytes[2] << 8) | (uint32_t)bytes[3];
}

int wire_frame_check_header(const unsigned char header[5], size_t large_message_max_bytes,
                            size_t *body_length, struct error *error)
{
    uint8_t type = header[0];
    uint32_t length = read_u32_big_endian(header + 1);
    if (length < WIRE_LENGTH_FIELD_BYTES) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "lost synchronization with the server: message type 0x%02x claims a "
                  "length of %u bytes, less than the 4 its length field takes",
                  (unsigned)type, (unsigned)length);
        return -1;
    }
    size_t body = (size_t)length - WIRE_LENGTH_FIELD_BYTES;
    size_t cap = wire_frame_max_body_bytes(type, large_message_max_bytes);
    if (body > cap) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a message %s (type 0x%02x) of %zu bytes; at most %zu "
                  "are accepted for that type",
                  wire_message_name(type), (unsigned)type, body, cap);
        return -1;
    }
    *body_length = body;
    return 0;
}

/* make_room's and fill_to's answer when memory ran out: the connection is
 * not marked broken yet, the caller decides (a DataRow is read past). */
#define OUT_OF_MEMORY (-2)

/* Makes room for ask bytes at the end of the frame buffer: the unread
 * bytes move to the front only when the end is short of room (so a run of
 * small messages costs no copying), then the buffer grows by ask at most
 * (growth follows the bytes that actually arrived, never a length field). */
static int make_room(struct wire_conn *conn, size_t ask, size_t wanted, struct error *error)
{
    if (conn->in.capacity - conn->in.length >= ask) {
        return 0;
    }
    if (conn->in_consumed > 0) {
        size_t unread = conn->in.length - conn->in_consumed;
        if (unread > 0) {
            memmove(conn->in.data, conn->in.data + conn->in_consumed, unread);
        }
        conn->in.length = unread;
        conn->in_consumed = 0;
        if (conn->in.capacity - conn->in.length >= ask) {
            return 0;
        }
    }
    /* Grown by hand, not by buf_reserve, which would empty the buffer on
     * failure: the bytes already read stay, so a DataRow that cannot be
     * held can still be read past (drop_frame_body). */
    struct buf *in = &conn->in;
    if (ask > in->max_bytes || in->length > in->max_bytes - ask) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                  "a message of %zu bytes exceeds the read buffer's limit", wanted);
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    size_t needed = in->length + ask;
    size_t capacity = in->capacity > in->max_bytes / 2 ? in->max_bytes : in->capacity * 2;
    if (capacity < needed) {
        capacity = needed;
    }
    unsigned char *grown = alloc_resize_array(in->data, capacity, 1);
    if (grown == NULL) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                  "out of memory reading a message of %zu bytes from the server", wanted);
        return OUT_OF_MEMORY;
    }
    in->data = grown;
    in->capacity = capacity;
    return 0;
}

/* The server answered neither the statement nor the cancel in time: the
 * call ends with HYT00 and the connection is given up (the reply may
 * still be on its way, so the protocol is out of step). */
static void give_up_after_cancel(struct wire_conn *conn, struct error *error)
{
    error_init(error);
    error_set(error, WIRE_SQLSTATE_TIMEOUT_EXPIRED,
              "query timeout expired after %lld ms, and the server answered neither the "
              "statement nor the cancel request within %d ms more; the connection was given up",
              (long long)conn->exchange_timeout_ms, WIRE_CANCEL_ANSWER_GRACE_MS);
    wire_conn_mark_broken(conn, error);
}

/* One read from the stream into the end of the frame buffer. The I/O
 * deadline is computed on the first read a frame needs (a frame already
 * buffered costs no clock reading); while a query deadline runs and no
 * cancel was sent, the read also stops there, sends the cancel, and
 * reads on, for WIRE_CANCEL_ANSWER_GRACE_MS at most: a server (or a
 * network) that stalled answers no cancel either. */
static long read_some(struct wire_conn *conn, struct deadline *io_deadline,
                      bool *has_io_deadline, struct error *error)
{
    if (!*has_io_deadline) {
        *io_deadline = wire_conn_io_deadline(conn);
        *has_io_deadline = true;
    }
    unsigned char *into = conn->in.data + conn->in.length;
    size_t capacity = conn->in.capacity - conn->in.length;
    for (;;) {
        if (!conn->has_query_deadline) {
            return net_stream_read(conn->stream, into, capacity, io_deadline, error);
        }
        const struct deadline *query_limit =
            conn->has_sent_cancel ? &conn->cancel_answer_deadline : &conn->query_deadline;
        struct deadline limit = deadline_earlier(*io_deadline, *query_limit);
        struct error read_error;
        error_init(&read_error);
        long got = net_stream_read(conn->stream, into, capacity, &limit, &read_error);
        if (got > 0) {
            return got;
        }
        if (deadline_has_expired(query_limit) && !deadline_has_expired(io_deadline)) {
            if (conn->has_sent_cancel) {
                give_up_after_cancel(conn, error);
                return -1;
            }
            /* The grace counts from now: time spent reaching the server
             * with the cancel is part of it. */
            conn->cancel_answer_deadline = deadline_after_ms(WIRE_CANCEL_ANSWER_GRACE_MS);
            if (wire_pipeline_cancel_for_timeout(conn, error) != 0) {
                return -1;
            }
            continue;
        }
        if (!error_is_set(error)) {
            *error = read_error;
        }
        return got;
    }
}

/* Reads until the frame buffer holds at least wanted unread bytes. */
static int fill_to(struct wire_conn *conn, size_t wanted, struct deadline *io_deadline,
                   bool *has_io_deadline, struct error *error)
{
    while (conn->in.length - conn->in_consumed < wanted) {
        size_t missing = wanted - (conn->in.length - conn->in_consumed);
        size_t ask = missing < WIRE_READ_CHUNK_BYTES ? WIRE_READ_CHUNK_BYTES : missing;
        if (ask > WIRE_READ_GROWTH_STEP_BYTES) {
            ask = WIRE_READ_GROWTH_STEP_BYTES;
        }
        int room = make_room(conn, ask, wanted, error);
        if (room != 0) {
            return room;
        }
        long got = read_some(conn, io_deadline, has_io_deadline, error);
        if (conn->is_broken) {
            return -1; /* the cancel for the query timeout could not be sent */
        }
        if (got <= 0) {
            if (!error_is_set(error)) {
                error_set(error, WIRE_SQLSTATE_LINK_FAILURE,
                          "the server closed the connection unexpectedly");
            }
            wire_conn_fail_wait(conn, io_deadline, error);
            return -1;
        }
        conn->in.length += (size_t)got;
    }
    return 0;
}

/* Out of memory for a DataRow: reads the rest of its frame_length bytes
 * through the buffer as it is and forgets them; bytes of the next messages
 * read with them stay. The frame comes out marked is_dropped. */
static int drop_frame_body(struct wire_conn *conn, size_t frame_length, struct wire_frame *out,
                           struct deadline *io_deadline, bool *has_io_deadline,
                           struct error *error)
{
    size_t remaining = frame_length - (conn->in.length - conn->in_consumed);
    conn->in.length = 0;
    conn->in_consumed = 0;
    while (remaining > 0) {
        long got = read_some(conn, io_deadline, has_io_deadline, error);
        if (conn->is_broken) {
            return -1;
        }
        if (got <= 0) {
            if (!error_is_set(error)) {
                error_set(error, WIRE_SQLSTATE_LINK_FAILURE,
                          "the server closed the connection unexpectedly");
            }
            wire_conn_fail_wait(conn, io_deadline, error);
            return -1;
        }
        if ((size_t)got <= remaining) {
            remaining -= (size_t)got;
        } else {
            conn->in.length = (size_t)got;
            conn->in_consumed = remaining;
            remaining = 0;
        }
    }
    out->type = WIRE_MSG_DATA_ROW;
    out->body = NULL;
    out->length_bytes = frame_length - WIRE_HEADER_BYTES;
    out->is_dropped = true;
    return 0;
}

int wire_frame_read(struct wire_conn *conn, struct wire_frame *out, struct error *error)
{
    if (conn->is_broken || conn->stream == NULL) {
        return wire_conn_check_usable(conn, error);
    }
    if (conn->in_consumed == conn->in.length) {
        conn->in.length = 0; /* everything was read: start at the front for free */
        conn->in_consumed = 0;
    }
    struct deadline io_deadline;
    bool has_io_deadline = false;
    if (conn->in.length - conn->in_consumed < WIRE_HEADER_BYTES) {
        int filled = fill_to(conn, WIRE_HEADER_BYTES, &io_deadline, &has_io_deadline, error);
        if (filled == OUT_OF_MEMORY) {
            wire_conn_mark_broken(conn, error);
        }
        if (filled != 0) {
            return -1;
        }
    }
    size_t large_max = conn->large_message_max_bytes;
    if (conn->is_connecting && large_max > WIRE_CONNECTING_MESSAGE_MAX_BYTES) {
        large_max = WIRE_CONNECTING_MESSAGE_MAX_BYTES;
    }
    size_t body_length = 0;
    if (wire_frame_check_header(conn->in.data + conn->in_consumed, large_max, &body_length,
                                error) != 0) {
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    size_t frame_length = WIRE_HEADER_BYTES + body_length;
    out->is_dropped = false;
    if (conn->in.length - conn->in_consumed < frame_length) {
        uint8_t type = conn->in.data[conn->in_consumed];
        int filled = fill_to(conn, frame_length, &io_deadline, &has_io_deadline, error);
        if (filled == OUT_OF_MEMORY && type == WIRE_MSG_DATA_ROW && !conn->is_connecting) {
            error_init(error);
            return drop_frame_body(conn, frame_length, out, &io_deadline, &has_io_deadline,
                                   error);
        }
        if (filled == OUT_OF_MEMORY) {
            wire_conn_mark_broken(conn, error);
        }
        if (filled != 0) {
            /* Name what was lost: a message cut in its middle. */
            size_t received = conn->in.length - conn->in_consumed;
            error_add_context(error, "lost in the middle of a message %s (%zu of %zu bytes "
                              "received)", wire_message_name(type),
                              received < frame_length ? received : frame_length, frame_length);
            return -1;
        }
    }
    const unsigned char *frame = conn->in.data + conn->in_consumed;
    out->type = frame[0];
    out->body = frame + WIRE_HEADER_BYTES;
    out->length_bytes = body_length;
    conn->in_consumed += frame_length;
    if (trace_is_enabled(TRACE_LEVEL_PROTOCOL)) {
        wire_trace_received(&conn->trace, out->type, out->body, out->length_bytes);
    }
    return 0;
}

int wire_message_begin(struct buf *out, uint8_t type, size_t *length_offset)
{
    if (buf_append_u8(out, type) != 0) {
        return -1;
    }
    *length_offset = out->length;
    return buf_append_u32(out, 0);
}

int wire_message_begin_untyped(struct buf *out, size_t *length_offset)
{
    *length_offset = out->length;
    return buf_append_u32(out, 0);
}

int wire_message_end_with(struct buf *out, size_t length_offset, size_t extra_bytes)
{
    if (length_offset > out->length || out->length - length_offset < WIRE_LENGTH_FIELD_BYTES) {
        return -1;
    }
    size_t length = out->length - length_offset;
    if (extra_bytes > WIRE_OUTGOING_MESSAGE_MAX_BYTES ||
        length > WIRE_OUTGOING_MESSAGE_MAX_BYTES - extra_bytes) {
        return -1;
    }
    return buf_put_u32_at(out, length_offset, (uint32_t)(length + extra_bytes));
}

int wire_message_end(struct buf *out, size_t length_offset)
{
    if (length_offset > out->length || out->length - length_offset < WIRE_LENGTH_FIELD_BYTES) {
        return -1;
    }
    size_t length = out->length - length_offset;
    if (length > WIRE_OUTGOING_MESSAGE_MAX_BYTES) {
        return -1;
    }
    return buf_put_u32_at(out, length_offset, (uint32_t)length);
}
