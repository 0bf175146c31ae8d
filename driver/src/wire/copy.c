/* COPY, refused: the engine has no COPY surface yet.
 * Owns: answering CopyInResponse with CopyFail (and, in the extended
 * protocol, a Sync: the server ignored the pipelined one while in copy-in
 * mode and now waits for another), discarding CopyData up to CopyDone for
 * COPY TO STDOUT, ending a CopyBoth stream with CopyDone, and the
 * COPY_REFUSED event. Leaves which message is legal when to pipeline.c.
 * Protocol: "COPY Operations" (protocol-flow.html, PostgreSQL 15). */
#include <string.h>
#include "util/reader.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"

#define COPY_IN_REFUSAL "COPY FROM STDIN is not supported by pgodbc yet"
#define COPY_OUT_REFUSAL "COPY TO STDOUT is not supported by pgodbc yet; its data was discarded"
#define COPY_BOTH_REFUSAL "COPY BOTH (replication streaming) is not supported by pgodbc yet; " \
                          "the stream was ended"

bool wire_copy_is_allowed_in_copy(uint8_t type)
{
    return type == WIRE_MSG_COPY_DATA || type == WIRE_MSG_COPY_DONE ||
           type == WIRE_MSG_ERROR_RESPONSE;
}

/* Sends one message (text may be NULL), then a Sync when add_sync. Built
 * apart from conn->out, which may hold queued messages not yet sent. */
static int send_copy_message(struct wire_conn *conn, uint8_t type, const char *text,
                             bool add_sync, struct error *error)
{
    struct buf message;
    buf_init(&message, WIRE_STATUS_MESSAGE_MAX_BYTES);
    size_t length_offset = 0;
    size_t sync_offset = 0;
    if (wire_message_begin(&message, type, &length_offset) != 0 ||
        (text != NULL && buf_append_cstr(&message, text) != 0) ||
        wire_message_end(&message, length_offset) != 0 ||
        (add_sync && (wire_message_begin(&message, WIRE_MSG_SYNC, &sync_offset) != 0 ||
                      wire_message_end(&message, sync_offset) != 0))) {
        buf_reset(&message);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory ending a COPY");
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    int result = wire_conn_write(conn, message.data, message.length, error);
    buf_reset(&message);
    return result;
}

/* CopyIn/CopyOut/CopyBothResponse: format, column count, column formats. */
static int check_copy_response(struct wire_conn *conn, const struct wire_frame *frame,
                               struct error *error)
{
    struct reader reader;
    reader_init(&reader, frame->body, frame->length_bytes);
    uint8_t format = 0;
    int16_t count = 0;
    if (!reader_take_u8(&reader, &format) || !reader_take_i16(&reader, &count) || count < 0 ||
        (size_t)count * 2u != reader_remaining(&reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed message %s",
                                wire_message_name(frame->type));
        return -1;
    }
    for (int16_t i = 0; i < count; i++) {
        int16_t column_format = 0;
        if (!reader_take_i16(&reader, &column_format)) {
            break;
        }
    }
    if (!reader_expect_end(&reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed message %s",
                                wire_message_name(frame->type));
        return -1;
    }
    return 0;
}

int wire_copy_refuse(struct wire_conn *conn, const struct wire_frame *frame, bool add_sync,
                     struct wire_event *event, struct error *error)
{
    if (check_copy_response(conn, frame, error) != 0) {
        return -1;
    }
    const char *reason = COPY_OUT_REFUSAL;
    if (frame->type == WIRE_MSG_COPY_IN_RESPONSE) {
        if (send_copy_message(conn, WIRE_MSG_COPY_FAIL, COPY_IN_REFUSAL, add_sync, error) != 0) {
            return -1;
        }
        conn->copy_state = WIRE_COPY_IN;
        reason = COPY_IN_REFUSAL;
    } else if (frame->type == WIRE_MSG_COPY_BOTH_RESPONSE) {
        if (send_copy_message(conn, WIRE_MSG_COPY_DONE, NULL, false, error) != 0) {
            return -1;
        }
        conn->copy_state = WIRE_COPY_BOTH;
        reason = COPY_BOTH_REFUSAL;
    } else {
        conn->copy_state = WIRE_COPY_OUT;
    }
    error_init(error);
    error_set(error, WIRE_SQLSTATE_NOT_SUPPORTED, "%s", reason);
    wire_event_clear(event, WIRE_EVENT_COPY_REFUSED);
    return 0;
}
