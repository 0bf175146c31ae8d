/* The extended query protocol: Parse, Bind, Describe, Execute, Close,
 * Sync and Flush out; ParameterDescription and the Bind's result formats in.
 * Owns: building each message into the output buffer (queueing never
 * blocks; wire_flush and wire_queue_sync write), the checks before a
 * message is queued (nothing else in flight on the simple protocol,
 * counts within the protocol's Int16, lengths within its Int32, format
 * codes 0 or 1), the expectation each message leaves for pipeline.c, the
 * ParameterDescription parser (count checked against the bytes that remain
 * before the reused OID array grows), applying the result formats a
 * Bind asked for to the columns handed out, and internal commands (Parse,
 * Bind, Execute of a utility command whose replies the engine consumes).
 * Protocol: "Extended Query" (protocol-flow.html) and "Message Formats"
 * (protocol-message-formats.html), PostgreSQL 15. */
#include <string.h>
#include "util/alloc.h"
#include "util/reader.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"

/* ---- Queueing ----------------------------------------------------------- */

static int check_can_queue(struct wire_conn *conn, struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (conn->state == WIRE_STATE_CONNECTING) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR, "the connection is not open yet");
        return -1;
    }
    if (conn->expected_head != conn->expected_count &&
        conn->expected[conn->expected_head].kind == WIRE_EXPECT_SIMPLE_QUERY) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                  "a simple query is in progress on this connection; its results must be "
                  "read or closed first");
        return -1;
    }
    if (conn->copy_state != WIRE_COPY_NONE) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                  "a refused COPY is still being ended on this connection; read its events "
                  "up to READY first");
        return -1;
    }
    return 0;
}

/* buf failed: it emptied itself, so every message queued and not sent is
 * gone; their expectations go too. */
static int fail_build(struct wire_conn *conn, const char *what, struct error *error)
{
    wire_pipeline_drop_unsent(conn);
    error_set(error, WIRE_SQLSTATE_NO_MEMORY,
              "the %s message could not be built (out of memory, or above the protocol's "
              "2 GiB message limit); the messages queued and not sent were discarded",
              what);
    return -1;
}

/* Ends the message begun at start and records what the server owes for it. */
static int finish_sized_message(struct wire_conn *conn, size_t start, size_t length_offset,
                                size_t borrowed_bytes, enum wire_expect_kind kind,
                                const char *what, struct wire_expectation **out,
                                struct error *error)
{
    int ended = borrowed_bytes == 0 ? wire_message_end(&conn->out, length_offset)
                                    : wire_message_end_with(&conn->out, length_offset,
                                                            borrowed_bytes);
    if (ended != 0) {
        conn->out.length = start;
        error_set(error, WIRE_SQLSTATE_PROGRAM_LIMIT_EXCEEDED,
                  "the %s message would exceed the protocol's 2 GiB message limit", what);
        return -1;
    }
    struct wire_expectation *entry = NULL;
    if (wire_pipeline_push(conn, kind, &entry, error) != 0) {
        conn->out.length = start; /* take this message back out */
        return -1;
    }
    if (out != NULL) {
        *out = entry;
    }
    return 0;
}

static int finish_message(struct wire_conn *conn, size_t start, size_t length_offset,
                          enum wire_expect_kind kind, const char *what,
                          struct wire_expectation **out, struct error *error)
{
    return finish_sized_message(conn, start, length_offset, 0, kind, what, out, error);
}

/* Records a lent value to be written at the current end of out. */
static int lend_value(struct wire_conn *conn, const struct wire_param *param)
{
    if (conn->borrowed_count == conn->borrowed_capacity) {
        size_t capacity = conn->borrowed_capacity == 0 ? 8 : conn->borrowed_capacity * 2;
        struct wire_borrowed_piece *grown =
            alloc_resize_array(conn->borrowed, capacity, sizeof *grown);
        if (grown == NULL) {
            return -1;
        }
        conn->borrowed = grown;
        conn->borrowed_capacity = capacity;
    }
    struct wire_borrowed_piece *piece = &conn->borrowed[conn->borrowed_count++];
    piece->offset = conn->out.length;
    piece->data = param->data;
    piece->length_bytes = param->length_bytes;
    return 0;
}

static const char *name_or_unnamed(const char *name)
{
    return name != NULL ? name : "";
}

int wire_queue_parse(struct wire_conn *conn, const char *statement_name, const char *sql,
                     size_t sql_length_bytes, const uint32_t *parameter_type_oids,
                     size_t parameter_count, struct error *error)
{
    if (check_can_queue(conn, error) != 0) {
        return -1;
    }
    if (memchr(sql, 0, sql_length_bytes) != NULL) {
        error_set(error, WIRE_SQLSTATE_CHARACTER_NOT_IN_REPERTOIRE,
                  "the SQL text contains a NUL character, which PostgreSQL does not accept");
        return -1;
    }
    if (parameter_count > WIRE_MAX_PARAMETERS) {
        error_set(error, WIRE_SQLSTATE_TOO_MANY_ARGUMENTS,
                  "the statement declares %zu parameter types; PostgreSQL accepts at most %u",
                  parameter_count, WIRE_MAX_PARAMETERS);
        return -1;
    }
    size_t start = conn->out.length;
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_PARSE, &length_offset) != 0 ||
        buf_append_cstr(&conn->out, name_or_unnamed(statement_name)) != 0 ||
        buf_append_text0(&conn->out, sql, sql_length_bytes) != 0 ||
        buf_append_u16(&conn->out, (uint16_t)parameter_count) != 0) {
        return fail_build(conn, "Parse", error);
    }
    for (size_t i = 0; i < parameter_count; i++) {
        if (buf_append_u32(&conn->out, parameter_type_oids[i]) != 0) {
            return fail_build(conn, "Parse", error);
        }
    }
    return finish_message(conn, start, length_offset, WIRE_EXPECT_PARSE, "Parse", NULL, error);
}

static bool is_format_code(int16_t code)
{
    return code == 0 || code == 1;
}

static int check_bind_arguments(const struct wire_param *params, size_t param_count,
                                const int16_t *result_formats, size_t result_format_count,
                                struct error *error)
{
    if (param_count > WIRE_MAX_PARAMETERS) {
        error_set(error, WIRE_SQLSTATE_TOO_MANY_ARGUMENTS,
                  "%zu parameters were bound; PostgreSQL accepts at most %u", param_count,
                  WIRE_MAX_PARAMETERS);
        return -1;
    }
    if (result_format_count > WIRE_MAX_PARAMETERS) {
        error_set(error, WIRE_SQLSTATE_TOO_MANY_ARGUMENTS,
                  "%zu result formats were given; the protocol carries at most %u",
                  result_format_count, WIRE_MAX_PARAMETERS);
        return -1;
    }
    for (size_t i = 0; i < param_count; i++) {
        if (!is_format_code(params[i].format_code)) {
            error_set(error, WIRE_SQLSTATE_INVALID_PARAMETER_VALUE,
                      "parameter %zu has format code %d; 0 (text) or 1 (binary) are allowed",
                      i + 1, (int)params[i].format_code);
            return -1;
        }
        if (!params[i].is_null && params[i].length_bytes > (size_t)INT32_MAX) {
            error_set(error, WIRE_SQLSTATE_PROGRAM_LIMIT_EXCEEDED,
                      "parameter %zu is %zu bytes long; the protocol carries at most %d",
                      i + 1, params[i].length_bytes, INT32_MAX);
            return -1;
        }
    }
    for (size_t i = 0; i < result_format_count; i++) {
        if (!is_format_code(result_formats[i])) {
            error_set(error, WIRE_SQLSTATE_INVALID_PARAMETER_VALUE,
                      "result format %zu is %d; 0 (text) or 1 (binary) are allowed", i + 1,
                      (int)result_formats[i]);
            return -1;
        }
    }
    return 0;
}

static bool has_binary_parameter(const struct wire_param *params, size_t param_count)
{
    for (size_t i = 0; i < param_count; i++) {
        if (params[i].format_code != 0) {
            return true;
        }
    }
    return false;
}

int wire_queue_bind(struct wire_conn *conn, const char *portal_name,
                    const char *statement_name, const struct wire_param *params,
                    size_t param_count, const int16_t *result_formats,
                    size_t result_format_count, struct error *error)
{
    if (check_can_queue(conn, error) != 0 ||
        check_bind_arguments(params, param_count, result_formats, result_format_count,
                             error) != 0) {
        return -1;
    }
    size_t start = conn->out.length;
    size_t length_offset = 0;
    /* All text: no format codes at all; otherwise one per parameter. */
    size_t format_count = has_binary_parameter(params, param_count) ? param_count : 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_BIND, &length_offset) != 0 ||
        buf_append_cstr(&conn->out, name_or_unnamed(portal_name)) != 0 ||
        buf_append_cstr(&conn->out, name_or_unnamed(statement_name)) != 0 ||
        buf_append_u16(&conn->out, (uint16_t)format_count) != 0) {
        return fail_build(conn, "Bind", error);
    }
    for (size_t i = 0; i < format_count; i++) {
        if (buf_append_u16(&conn->out, (uint16_t)params[i].format_code) != 0) {
            return fail_build(conn, "Bind", error);
        }
    }
    if (buf_append_u16(&conn->out, (uint16_t)param_count) != 0) {
        return fail_build(conn, "Bind", error);
    }
    size_t borrowed_first = conn->borrowed_count;
    size_t borrowed_bytes = 0;
    for (size_t i = 0; i < param_count; i++) {
        const struct wire_param *param = &params[i];
        uint32_t length = param->is_null ? UINT32_MAX : (uint32_t)param->length_bytes;
        if (buf_append_u32(&conn->out, length) != 0) {
            return fail_build(conn, "Bind", error);
        }
        if (param->is_null) {
            continue;
        }
        if (param->is_borrowed && param->length_bytes >= WIRE_BORROW_MIN_BYTES) {
            if (lend_value(conn, param) != 0) {
                return fail_build(conn, "Bind", error);
            }
            borrowed_bytes += param->length_bytes;
        } else if (buf_append(&conn->out, param->data, param->length_bytes) != 0) {
            return fail_build(conn, "Bind", error);
        }
    }
    if (buf_append_u16(&conn->out, (uint16_t)result_format_count) != 0) {
        return fail_build(conn, "Bind", error);
    }
    for (size_t i = 0; i < result_format_count; i++) {
        if (buf_append_u16(&conn->out, (uint16_t)result_formats[i]) != 0) {
            return fail_build(conn, "Bind", error);
        }
    }
    /* Remembered for BindComplete: the formats the rows will arrive in. */
    size_t formats_offset = conn->bind_formats.length;
    if (result_format_count > 0 &&
        buf_append(&conn->bind_formats, result_formats,
                   result_format_count * sizeof *result_formats) != 0) {
        conn->out.length = start;
        conn->borrowed_count = borrowed_first;
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory remembering result formats");
        return -1;
    }
    /* BindComplete copies them into result_formats: grown here, where running
     * out of memory fails the Bind before it is sent, not after the server
     * has answered it. */
    if (result_format_count > conn->result_format_capacity) {
        int16_t *grown =
            alloc_resize_array(conn->result_formats, result_format_count, sizeof *grown);
        if (grown == NULL) {
            conn->out.length = start;
            conn->borrowed_count = borrowed_first;
            conn->bind_formats.length = formats_offset;
            error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory keeping result formats");
            return -1;
        }
        conn->result_formats = grown;
        conn->result_format_capacity = result_format_count;
    }
    struct wire_expectation *entry = NULL;
    if (finish_sized_message(conn, start, length_offset, borrowed_bytes, WIRE_EXPECT_BIND,
                             "Bind", &entry, error) != 0) {
        conn->bind_formats.length = formats_offset;
        conn->borrowed_count = borrowed_first;
        return -1;
    }
    entry->formats_offset = formats_offset;
    entry->format_count = result_format_count;
    return 0;
}

static int queue_target_message(struct wire_conn *conn, uint8_t type, uint8_t target,
                                const char *name, enum wire_expect_kind kind, const char *what,
                                struct error *error)
{
    if (check_can_queue(conn, error) != 0) {
        return -1;
    }
    size_t start = conn->out.length;
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, type, &length_offset) != 0 ||
        buf_append_u8(&conn->out, target) != 0 ||
        buf_append_cstr(&conn->out, name_or_unnamed(name)) != 0) {
        return fail_build(conn, what, error);
    }
    return finish_message(conn, start, length_offset, kind, what, NULL, error);
}

int wire_queue_describe_statement(struct wire_conn *conn, const char *statement_name,
                                  struct error *error)
{
    return queue_target_message(conn, WIRE_MSG_DESCRIBE, WIRE_TARGET_STATEMENT, statement_name,
                                WIRE_EXPECT_DESCRIBE_STATEMENT, "Describe", error);
}

int wire_queue_describe_portal(struct wire_conn *conn, const char *portal_name,
                               struct error *error)
{
    return queue_target_message(conn, WIRE_MSG_DESCRIBE, WIRE_TARGET_PORTAL, portal_name,
                                WIRE_EXPECT_DESCRIBE_PORTAL, "Describe", error);
}

int wire_queue_close_statement(struct wire_conn *conn, const char *statement_name,
                               struct error *error)
{
    return queue_target_message(conn, WIRE_MSG_CLOSE, WIRE_TARGET_STATEMENT, statement_name,
                                WIRE_EXPECT_CLOSE, "Close", error);
}

int wire_queue_close_portal(struct wire_conn *conn, const char *portal_name,
                            struct error *error)
{
    return queue_target_message(conn, WIRE_MSG_CLOSE, WIRE_TARGET_PORTAL, portal_name,
                                WIRE_EXPECT_CLOSE, "Close", error);
}

int wire_queue_execute(struct wire_conn *conn, const char *portal_name, uint32_t max_rows,
                       struct error *error)
{
    if (check_can_queue(conn, error) != 0) {
        return -1;
    }
    /* The server reads the limit as a signed Int32 (0 or less: all rows);
     * a larger limit stays a limit. */
    uint32_t limit = max_rows > WIRE_EXECUTE_MAX_ROWS ? WIRE_EXECUTE_MAX_ROWS : max_rows;
    size_t start = conn->out.length;
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_EXECUTE, &length_offset) != 0 ||
        buf_append_cstr(&conn->out, name_or_unnamed(portal_name)) != 0 ||
        buf_append_u32(&conn->out, limit) != 0) {
        return fail_build(conn, "Execute", error);
    }
    return finish_message(conn, start, length_offset, WIRE_EXPECT_EXECUTE, "Execute", NULL,
                          error);
}

/* The last expectation pushed belongs to an internal command. */
static void mark_last_internal(struct wire_conn *conn)
{
    conn->expected[conn->expected_count - 1].is_internal = true;
}

int wire_queue_internal_command(struct wire_conn *conn, const char *sql, size_t length_bytes,
                                struct error *error)
{
    if (check_can_queue(conn, error) != 0) {
        return -1;
    }
    if (length_bytes == 0) {
        error_set(error, WIRE_SQLSTATE_INVALID_PARAMETER_VALUE,
                  "an internal command needs SQL text; it was empty");
        return -1;
    }
    /* Parse checks the text; Bind and Execute only fail out of memory.
     * After a Parse went in, a failure drops everything queued and not
     * sent, as a failed build does, so no half command is left. */
    if (wire_queue_parse(conn, "", sql, length_bytes, NULL, 0, error) != 0) {
        return -1;
    }
    mark_last_internal(conn);
    if (wire_queue_bind(conn, "", "", NULL, 0, NULL, 0, error) != 0) {
        wire_pipeline_drop_unsent(conn);
        return -1;
    }
    mark_last_internal(conn);
    if (wire_queue_execute(conn, "", 0, error) != 0) {
        wire_pipeline_drop_unsent(conn);
        return -1;
    }
    mark_last_internal(conn);
    return 0;
}

/* Writes everything queued; the expectations are now in flight. */
static int send_queued(struct wire_conn *conn, struct error *error)
{
    if (wire_conn_flush(conn, false, error) != 0) {
        return -1;
    }
    wire_pipeline_mark_sent(conn);
    return 0;
}

int wire_queue_sync(struct wire_conn *conn, struct error *error)
{
    if (check_can_queue(conn, error) != 0) {
        return -1;
    }
    size_t start = conn->out.length;
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_SYNC, &length_offset) != 0) {
        return fail_build(conn, "Sync", error);
    }
    if (finish_message(conn, start, length_offset, WIRE_EXPECT_SYNC, "Sync", NULL, error) != 0) {
        return -1;
    }
    return send_queued(conn, error);
}

int wire_flush(struct wire_conn *conn, struct error *error)
{
    if (check_can_queue(conn, error) != 0) {
        return -1;
    }
    size_t length_offset = 0;
    if (wire_message_begin(&conn->out, WIRE_MSG_FLUSH, &length_offset) != 0 ||
        wire_message_end(&conn->out, length_offset) != 0) {
        return fail_build(conn, "Flush", error);
    }
    return send_queued(conn, error);
}

/* ---- Replies ------------------------------------------------------------ */

int wire_extended_take_parameter_description(struct wire_conn *conn,
                                             const struct wire_frame *frame,
                                             struct wire_event *event, struct error *error)
{
    struct reader reader;
    reader_init(&reader, frame->body, frame->length_bytes);
    uint16_t count = 0;
    if (!reader_take_u16(&reader, &count) ||
        (size_t)count * WIRE_PARAMETER_OID_BYTES != reader_remaining(&reader)) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent a ParameterDescription claiming %u parameters "
                                "in %zu bytes",
                                (unsigned)count, reader_remaining(&reader));
        return -1;
    }
    if (count > conn->parameter_oid_capacity) {
        uint32_t *grown = alloc_resize_array(conn->parameter_oids, count, sizeof *grown);
        if (grown == NULL) {
            /* The statement fails (HY001), the connection lives: the
             * message was read whole. */
            error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                      "out of memory describing %u parameters", (unsigned)count);
            wire_event_clear(event, WIRE_EVENT_SERVER_ERROR);
            return 0;
        }
        conn->parameter_oids = grown;
        conn->parameter_oid_capacity = count;
    }
    for (size_t i = 0; i < count; i++) {
        if (!reader_take_u32(&reader, &conn->parameter_oids[i])) {
            break;
        }
    }
    if (!reader_expect_end(&reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed ParameterDescription");
        return -1;
    }
    wire_event_clear(event, WIRE_EVENT_PARAMETER_DESCRIPTION);
    event->parameter_type_oids = count > 0 ? conn->parameter_oids : NULL;
    event->parameter_count = count;
    return 0;
}

int wire_internal_take_command_complete(struct wire_conn *conn, const struct wire_frame *frame,
                                        struct error *error)
{
    struct reader reader;
    reader_init(&reader, frame->body, frame->length_bytes);
    const char *tag = NULL;
    if (!reader_take_cstr(&reader, &tag, NULL) || !reader_expect_end(&reader)) {
        wire_conn_fail_protocol(conn, error, "the server sent a malformed CommandComplete");
        return -1;
    }
    return 0;
}

int wire_extended_take_bind_complete(struct wire_conn *conn,
                                     const struct wire_expectation *bind, struct error *error)
{
    if (bind->format_count > conn->result_format_capacity) {
        int16_t *grown =
            alloc_resize_array(conn->result_formats, bind->format_count, sizeof *grown);
        if (grown == NULL) {
            error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory keeping result formats");
            wire_conn_mark_broken(conn, error);
            return -1;
        }
        conn->result_formats = grown;
        conn->result_format_capacity = bind->format_count;
    }
    if (bind->format_count > 0) {
        memcpy(conn->result_formats, conn->bind_formats.data + bind->formats_offset,
               bind->format_count * sizeof *conn->result_formats);
    }
    conn->result_format_count = bind->format_count;
    conn->has_result_formats = true;
    if (conn->has_row_description) {
        wire_extended_apply_result_formats(conn);
    }
    return 0;
}

void wire_extended_apply_result_formats(struct wire_conn *conn)
{
    size_t count = conn->result_format_count;
    if (count > 1 && count != conn->column_count) {
        return; /* a Bind for another statement: the server refused it anyway */
    }
    for (size_t i = 0; i < conn->column_count; i++) {
        int16_t format = 0;
        if (count == 1) {
            format = conn->result_formats[0];
        } else if (count > 1) {
            format = conn->result_formats[i];
        }
        conn->columns[i].format_code = format;
    }
}
