/* The current result: RowDescription, DataRow, CommandComplete, ErrorResponse.
 * Owns: the copy of the RowDescription body and the columns pointing into
 * it, the one value array reused for every row (nothing is allocated per
 * row; rows without a description grow it only when a row is wider than
 * any before), failing a statement whose rows disagree with its
 * description, and turning the server's error into the event (HYT00 when
 * our query timeout caused the cancel; FATAL ends the session).
 * Leaves parsing to rows.c and notice.c, and which message is legal when
 * to pipeline.c. Rules: STYLE.md, "Wire input is hostile", points 4–7: a
 * malformed frame breaks the connection (08P01); a well-framed DataRow
 * whose column count disagrees fails the statement only (reported as
 * WIRE_EVENT_SERVER_ERROR with a driver-raised 08P01, the rest of that
 * result discarded) and the connection lives. Running out of memory for a
 * result's description or values fails that statement the same way (HY001):
 * the bytes already read are whole messages, so the connection lives. */
#include <stdio.h>
#include <string.h>
#include "util/alloc.h"
#include "util/reader.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"
#include "wire/notice.h"
#include "wire/rows.h"

void wire_event_clear(struct wire_event *event, enum wire_event_kind kind)
{
    memset(event, 0, sizeof *event);
    event->kind = kind;
}

void wire_result_forget_description(struct wire_conn *conn)
{
    alloc_free(conn->columns);
    conn->columns = NULL;
    conn->column_count = 0;
    conn->has_row_description = false;
    conn->is_result_failed = false;
}

void wire_conn_reset_result(struct wire_conn *conn)
{
    wire_result_forget_description(conn);
    buf_clear(&conn->row_description);
    conn->copy_state = WIRE_COPY_NONE;
}

/* Grows the reused value array to hold count values (only ever grows). */
static int reserve_values(struct wire_conn *conn, size_t count, struct error *error)
{
    if (count <= conn->value_capacity) {
        return 0;
    }
    struct wire_value *grown = alloc_resize_array(conn->values, count, sizeof *grown);
    if (grown == NULL) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory for %zu column values", count);
        return -1;
    }
    conn->values = grown;
    conn->value_capacity = count;
    return 0;
}

/* Out of memory for a result: the statement fails with the HY001 in
 * *error (an event like the server's error) and the result's rows are
 * discarded as they arrive; the connection lives. */
static int fail_result_for_memory(struct wire_conn *conn, struct wire_event *event)
{
    wire_result_forget_description(conn);
    conn->has_row_description = true;
    conn->is_result_failed = true;
    wire_event_clear(event, WIRE_EVENT_SERVER_ERROR);
    return 0;
}

int wire_result_take_description(struct wire_conn *conn, const struct wire_frame *frame,
                                 struct wire_event *event, struct error *error)
{
    wire_result_forget_description(conn);
    buf_clear(&conn->row_description);
    /* Column names must outlive the frame buffer: keep a copy of the body. */
    if (buf_append(&conn->row_description, frame->body, frame->length_bytes) != 0) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                  "out of memory keeping a RowDescription of %zu bytes", frame->length_bytes);
        return fail_result_for_memory(conn, event);
    }
    struct wire_column *columns = NULL;
    size_t count = 0;
    if (wire_rows_parse_description(conn->row_description.data, conn->row_description.length,
                                    &columns, &count, error) != 0) {
        if (strcmp(error->sqlstate, WIRE_SQLSTATE_NO_MEMORY) == 0) {
            return fail_result_for_memory(conn, event);
        }
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    if (reserve_values(conn, count, error) != 0) {
        alloc_free(columns);
        return fail_result_for_memory(conn, event);
    }
    conn->columns = columns;
    conn->column_count = count;
    conn->has_row_description = true;
    wire_event_clear(event, WIRE_EVENT_ROW_DESCRIPTION);
    event->columns = conn->columns;
    event->column_count = conn->column_count;
    return 0;
}

/* The column count a DataRow claims (its first Int16), or -1 when even
 * that is missing; the full parse checks the rest. */
static int peek_value_count(const struct wire_frame *frame)
{
    struct reader reader;
    reader_init(&reader, frame->body, frame->length_bytes);
    int16_t count = 0;
    if (!reader_take_i16(&reader, &count) || count < 0) {
        return -1;
    }
    return count;
}

int wire_result_take_data_row(struct wire_conn *conn, const struct wire_frame *frame,
                              struct wire_event *event, struct error *error)
{
    if (frame->is_dropped) {
        /* The row was read past (wire/frame.c): the statement fails. */
        if (conn->is_result_failed) {
            return 0;
        }
        conn->is_result_failed = true;
        error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                  "out of memory for a row of %zu bytes; the statement's remaining rows were "
                  "discarded",
                  frame->length_bytes);
        wire_event_clear(event, WIRE_EVENT_SERVER_ERROR);
        return 1;
    }
    size_t expected = conn->column_count;
    if (!conn->has_row_description) {
        /* Execute of a portal nobody described: the server may send rows;
         * they are handed out without column descriptions. */
        int claimed = peek_value_count(frame);
        if (claimed > 0 && (size_t)claimed * WIRE_DATA_ROW_VALUE_MIN_BYTES <=
                               frame->length_bytes &&
            reserve_values(conn, (size_t)claimed, error) != 0) {
            fail_result_for_memory(conn, event);
            return 1;
        }
        expected = claimed > 0 ? (size_t)claimed : 0;
    }
    struct error frame_error;
    error_init(&frame_error);
    size_t value_count = 0;
    if (wire_rows_parse_data_row(frame->body, frame->length_bytes, conn->values, expected,
                                 &value_count, &frame_error) != 0) {
        if (!error_is_set(error)) {
            *error = frame_error;
        }
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    if (conn->is_result_failed) {
        return 0;
    }
    if (value_count != expected) {
        conn->is_result_failed = true;
        error_init(error);
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a row of %zu columns for a result of %zu columns; the "
                  "statement's remaining rows were discarded",
                  value_count, expected);
        wire_event_clear(event, WIRE_EVENT_SERVER_ERROR);
        return 1;
    }
    wire_event_clear(event, WIRE_EVENT_DATA_ROW);
    if (conn->has_row_description) {
        event->columns = conn->columns;
        event->column_count = conn->column_count;
    }
    event->values = conn->values;
    event->value_count = value_count;
    return 1;
}

int wire_result_take_command_complete(struct wire_conn *conn, const struct wire_frame *frame,
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
    wire_event_clear(event, WIRE_EVENT_COMMAND_COMPLETE);
    event->command_tag = tag;
    return 0;
}

static bool is_session_ending(const struct error *server)
{
    return strcmp(server->severity, "FATAL") == 0 || strcmp(server->severity, "PANIC") == 0;
}

/* "2 seconds", "1.5 seconds", "1 second". */
static void describe_timeout(int64_t timeout_ms, char *out, size_t capacity)
{
    if (timeout_ms % 1000 == 0) {
        long long seconds = (long long)(timeout_ms / 1000);
        (void)snprintf(out, capacity, "%lld second%s", seconds, seconds == 1 ? "" : "s");
    } else {
        /* Integers only: a float format would print the locale's comma.
         * The fraction loses its trailing zeros: 1500 ms is "1.5". */
        long long fraction = (long long)(timeout_ms % 1000);
        int digits = 3;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        (void)snprintf(out, capacity, "%lld.%0*lld seconds", (long long)(timeout_ms / 1000),
                       digits, fraction);
    }
}

int wire_result_take_server_error(struct wire_conn *conn, const struct wire_frame *frame,
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
    error_init(error);
    if (conn->has_sent_cancel && strcmp(server.sqlstate, WIRE_SQLSTATE_QUERY_CANCELED) == 0) {
        /* Our query timeout sent this cancel: ODBC calls it HYT00. A 57014
         * from anyone else (SQLCancel, pg_cancel_backend) keeps its state. */
        char duration[64];
        describe_timeout(conn->exchange_timeout_ms, duration, sizeof duration);
        error_set(error, WIRE_SQLSTATE_TIMEOUT_EXPIRED,
                  "query timeout expired (the statement was cancelled after %s)", duration);
    } else {
        *error = server;
    }
    if (is_session_ending(&server)) {
        /* The server closes the session after a FATAL error: every later
         * call answers 08S01 at once instead of finding out by reading. */
        wire_conn_mark_broken(conn, &server);
    }
    wire_event_clear(event, WIRE_EVENT_SERVER_ERROR);
    return 0;
}
