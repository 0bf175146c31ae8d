/* The simple query protocol: Query out, events in, up to ReadyForQuery.
 * Owns: the busy/idle state, the messages each step accepts, the current
 * result (a copy of the RowDescription and one value array reused for
 * every row: nothing is allocated per row), refusing COPY (CopyFail for
 * COPY FROM STDIN; CopyData discarded for COPY TO STDOUT), and draining.
 * Leaves parsing to rows.c, notice.c and startup.c.
 * Protocol: "Simple Query" and "COPY Operations" (protocol-flow.html,
 * PostgreSQL 15). Rules: STYLE.md, "Wire input is hostile", points 6–7: a
 * bad frame or an unexpected message breaks the connection (08P01); a
 * well-framed DataRow whose column count disagrees fails the statement
 * only (reported as WIRE_EVENT_SERVER_ERROR with a driver-raised 08P01,
 * the rest of that result discarded) and the connection lives. */
#include <string.h>
#include "util/alloc.h"
#include "util/reader.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/messages.h"
#include "wire/notice.h"
#include "wire/rows.h"
#include "wire/startup.h"

#define COPY_IN_REFUSAL "COPY FROM STDIN is not supported by pgodbc yet"
#define COPY_OUT_REFUSAL "COPY TO STDOUT is not supported by pgodbc yet; its data was discarded"
#define COPY_BOTH_REFUSAL "COPY BOTH (replication streaming) is not supported by pgodbc yet; " \
                          "the stream was ended"

static void forget_row_description(struct wire_conn *conn)
{
    alloc_free(conn->columns);
    alloc_free(conn->values);
    conn->columns = NULL;
    conn->values = NULL;
    conn->column_count = 0;
    conn->has_row_description = false;
    conn->is_result_failed = false;
}

void wire_conn_reset_result(struct wire_conn *conn)
{
    forget_row_description(conn);
    buf_clear(&conn->row_description);
    conn->copy_state = WIRE_COPY_NONE;
}

bool wire_conn_is_busy(const struct wire_conn *conn)
{
    return conn != NULL && !conn->is_broken && conn->state == WIRE_STATE_BUSY;
}

int wire_send_simple_query(struct wire_conn *conn, const char *sql, size_t length_bytes,
                           struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (conn->state != WIRE_STATE_IDLE) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                  "a query is already in progress on this connection; its results must be "
                  "read or closed first");
        return -1;
    }
    if (memchr(sql, 0, length_bytes) != NULL) {
        error_set(error, WIRE_SQLSTATE_CHARACTER_NOT_IN_REPERTOIRE,
                  "the SQL text contains a NUL character, which PostgreSQL does not accept");
        return -1;
    }
    size_t length_offset = 0;
    buf_clear(&conn->out);
    if (wire_message_begin(&conn->out, WIRE_MSG_QUERY, &length_offset) != 0 ||
        buf_append_text0(&conn->out, sql, length_bytes) != 0 ||
        wire_message_end(&conn->out, length_offset) != 0) {
        buf_clear(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                  "the query of %zu bytes could not be built (out of memory, or above the "
                  "protocol's 2 GiB message limit)",
                  length_bytes);
        return -1;
    }
    if (wire_conn_flush(conn, false, error) != 0) {
        return -1;
    }
    wire_conn_reset_result(conn);
    conn->state = WIRE_STATE_BUSY;
    return 0;
}

static void clear_event(struct wire_event *event, enum wire_event_kind kind)
{
    memset(event, 0, sizeof *event);
    event->kind = kind;
}

static int take_row_description(struct wire_conn *conn, const struct wire_frame *frame,
                                struct wire_event *event, struct error *error)
{
    forget_row_description(conn);
    buf_clear(&conn->row_description);
    /* Column names must outlive the frame buffer: keep a copy of the body. */
    if (buf_append(&conn->row_description, frame->body, frame->length_bytes) != 0) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                  "out of memory keeping a RowDescription of %zu bytes", frame->length_bytes);
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    struct wire_column *columns = NULL;
    size_t count = 0;
    if (wire_rows_parse_description(conn->row_description.data, conn->row_description.length,
                                    &columns, &count, error) != 0) {
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    struct wire_value *values = NULL;
    if (count > 0) {
        values = alloc_array(count, sizeof *values);
        if (values == NULL) {
            alloc_free(columns);
            error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory for %zu column values",
                      count);
            wire_conn_mark_broken(conn, error);
            return -1;
        }
    }
    conn->columns = columns;
    conn->values = values;
    conn->column_count = count;
    conn->has_row_description = true;
    clear_event(event, WIRE_EVENT_ROW_DESCRIPTION);
    event->columns = conn->columns;
    event->column_count = conn->column_count;
    return 0;
}

/* 1: an event was produced; 0: the row was discarded; -1: broken. */
static int take_data_row(struct wire_conn *conn, const struct wire_frame *frame,
                         struct wire_event *event, struct error *error)
{
    if (!conn->has_row_description) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent a DataRow without a RowDescription before it");
        return -1;
    }
    struct error frame_error;
    error_init(&frame_error);
    size_t value_count = 0;
    if (wire_rows_parse_data_row(frame->body, frame->length_bytes, conn->values,
                                 conn->column_count, &value_count, &frame_error) != 0) {
        if (!error_is_set(error)) {
            *error = frame_error;
        }
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    if (conn->is_result_failed) {
        return 0;
    }
    if (value_count != conn->column_count) {
        conn->is_result_failed = true;
        error_init(error);
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a row of %zu columns for a result of %zu columns; the "
                  "statement's remaining rows were discarded",
                  value_count, conn->column_count);
        clear_event(event, WIRE_EVENT_SERVER_ERROR);
        return 1;
    }
    clear_event(event, WIRE_EVENT_DATA_ROW);
    event->columns = conn->columns;
    event->column_count = conn->column_count;
    event->values = conn->values;
    event->value_count = conn->column_count;
    return 1;
}

static int send_copy_message(struct wire_conn *conn, uint8_t type, const char *text,
                             struct error *error)
{
    size_t length_offset = 0;
    buf_clear(&conn->out);
    if (wire_message_begin(&conn->out, type, &length_offset) != 0 ||
        (text != NULL && buf_append_cstr(&conn->out, text) != 0) ||
        wire_message_end(&conn->out, length_offset) != 0) {
        buf_clear(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory ending a COPY");
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    return wire_conn_flush(conn, false, error);
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

static int refuse_copy(struct wire_conn *conn, const struct wire_frame *frame,
                       struct wire_event *event, struct error *error)
{
    if (check_copy_response(conn, frame, error) != 0) {
        return -1;
    }
    const char *reason = COPY_OUT_REFUSAL;
    if (frame->type == WIRE_MSG_COPY_IN_RESPONSE) {
        if (send_copy_message(conn, WIRE_MSG_COPY_FAIL, COPY_IN_REFUSAL, error) != 0) {
            return -1;
        }
        conn->copy_state = WIRE_COPY_IN;
        reason = COPY_IN_REFUSAL;
    } else if (frame->type == WIRE_MSG_COPY_BOTH_RESPONSE) {
        if (send_copy_message(conn, WIRE_MSG_COPY_DONE, NULL, error) != 0) {
            return -1;
        }
        conn->copy_state = WIRE_COPY_BOTH;
        reason = COPY_BOTH_REFUSAL;
    } else {
        conn->copy_state = WIRE_COPY_OUT;
    }
    error_init(error);
    error_set(error, WIRE_SQLSTATE_NOT_SUPPORTED, "%s", reason);
    clear_event(event, WIRE_EVENT_COPY_REFUSED);
    return 0;
}

static int take_command_complete(struct wire_conn *conn, const struct wire_frame *frame,
                                 struct wire_event *event, struct error *error)
{
    struct reader reader;
    reader_init(&reader, frame->body, frame->length_bytes);
    const char *tag = NULL;
    if (!reader_take_cstr(&reader, &tag, NULL) || !reader_expect_end(&reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed CommandComplete");
        return -1;
    }
    conn->has_row_description = false;
    conn->is_result_failed = false;
    conn->copy_state = WIRE_COPY_NONE;
    clear_event(event, WIRE_EVENT_COMMAND_COMPLETE);
    event->command_tag = tag;
    return 0;
}

static int take_server_error(struct wire_conn *conn, const struct wire_frame *frame,
                             struct wire_event *event, struct error *error)
{
    struct error server;
    struct error frame_error;
    error_init(&frame_error);
    if (wire_notice_parse(frame->body, frame->length_bytes, &server, &frame_error) != 0) {
        if (!error_is_set(error)) {
            *error = frame_error;
        }
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    conn->has_row_description = false;
    conn->is_result_failed = false;
    conn->copy_state = WIRE_COPY_NONE;
    *error = server;
    clear_event(event, WIRE_EVENT_SERVER_ERROR);
    return 0;
}

static bool is_allowed_in_copy(uint8_t type)
{
    return type == WIRE_MSG_COPY_DATA || type == WIRE_MSG_COPY_DONE ||
           type == WIRE_MSG_ERROR_RESPONSE;
}

int wire_next_event(struct wire_conn *conn, struct wire_event *event, struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (conn->state != WIRE_STATE_BUSY) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                  "no query is in progress on this connection");
        return -1;
    }
    for (;;) {
        struct wire_frame frame;
        if (wire_frame_read(conn, &frame, error) != 0) {
            return -1;
        }
        int handled = wire_conn_handle_async(conn, &frame, error);
        if (handled < 0) {
            return -1;
        }
        if (handled > 0) {
            continue;
        }
        if ((conn->copy_state == WIRE_COPY_OUT || conn->copy_state == WIRE_COPY_BOTH) &&
            !is_allowed_in_copy(frame.type)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent a message %s in the middle of COPY data",
                                    wire_message_name(frame.type));
            return -1;
        }
        switch (frame.type) {
        case WIRE_MSG_ROW_DESCRIPTION:
            return take_row_description(conn, &frame, event, error);
        case WIRE_MSG_DATA_ROW: {
            int produced = take_data_row(conn, &frame, event, error);
            if (produced < 0) {
                return -1;
            }
            if (produced > 0) {
                return 0;
            }
            continue;
        }
        case WIRE_MSG_COMMAND_COMPLETE:
            return take_command_complete(conn, &frame, event, error);
        case WIRE_MSG_EMPTY_QUERY_RESPONSE:
            conn->has_row_description = false;
            clear_event(event, WIRE_EVENT_EMPTY_QUERY);
            return 0;
        case WIRE_MSG_ERROR_RESPONSE:
            return take_server_error(conn, &frame, event, error);
        case WIRE_MSG_COPY_IN_RESPONSE:
        case WIRE_MSG_COPY_OUT_RESPONSE:
        case WIRE_MSG_COPY_BOTH_RESPONSE:
            if (conn->copy_state != WIRE_COPY_NONE) {
                break;
            }
            return refuse_copy(conn, &frame, event, error);
        case WIRE_MSG_COPY_DATA:
            if (conn->copy_state == WIRE_COPY_OUT || conn->copy_state == WIRE_COPY_BOTH) {
                continue; /* discarded */
            }
            break;
        case WIRE_MSG_COPY_DONE:
            if (conn->copy_state == WIRE_COPY_OUT || conn->copy_state == WIRE_COPY_BOTH) {
                conn->copy_state = WIRE_COPY_NONE;
                continue;
            }
            break;
        case WIRE_MSG_READY_FOR_QUERY: {
            char status = 'I';
            if (wire_startup_parse_ready(frame.body, frame.length_bytes, &status, error) != 0) {
                wire_conn_mark_broken(conn, error);
                return -1;
            }
            conn->transaction_status = status;
            conn->state = WIRE_STATE_IDLE;
            conn->copy_state = WIRE_COPY_NONE;
            clear_event(event, WIRE_EVENT_READY);
            event->transaction_status = status;
            return 0;
        }
        default:
            break;
        }
        wire_conn_fail_protocol(conn, error,
                                "the server sent a message %s, which the protocol does not "
                                "allow during a simple query",
                                wire_message_name(frame.type));
        return -1;
    }
}

int wire_drain_to_ready(struct wire_conn *conn, struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    while (conn->state == WIRE_STATE_BUSY) {
        struct wire_event event;
        struct error dropped;
        error_init(&dropped);
        if (wire_next_event(conn, &event, &dropped) != 0) {
            if (!error_is_set(error)) {
                *error = dropped;
            }
            return -1;
        }
    }
    return 0;
}
