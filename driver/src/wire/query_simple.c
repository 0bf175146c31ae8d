/* The simple query protocol: one Query out; its replies come through
 * pipeline.c up to ReadyForQuery.
 * Owns: refusing a Query while anything else is queued or in flight
 * (HY010), the NUL check, building and sending the message, and running a
 * command synchronously (wire_run_command: COMMIT, ROLLBACK, SET).
 * Protocol: "Simple Query" (protocol-flow.html, PostgreSQL 15). */
#include <string.h>
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/messages.h"

/* Command tags are short ("INSERT 0 4294967295" is the longest common one). */
enum { COMMAND_TAG_KEPT_BYTES = 64 };

int wire_send_simple_query(struct wire_conn *conn, const char *sql, size_t length_bytes,
                           struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (conn->state != WIRE_STATE_IDLE || conn->expected_head != conn->expected_count) {
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
    struct wire_expectation *expectation = NULL;
    if (wire_pipeline_push(conn, WIRE_EXPECT_SIMPLE_QUERY, &expectation, error) != 0) {
        buf_clear(&conn->out);
        return -1;
    }
    if (wire_conn_flush(conn, false, error) != 0) {
        return -1;
    }
    wire_conn_reset_result(conn);
    wire_pipeline_mark_sent(conn);
    return 0;
}

int wire_run_command(struct wire_conn *conn, const char *sql, size_t length_bytes,
                     char *command_tag, size_t command_tag_size, struct error *error)
{
    if (wire_send_simple_query(conn, sql, length_bytes, error) != 0) {
        return -1;
    }
    struct error first;
    error_init(&first);
    char last_tag[COMMAND_TAG_KEPT_BYTES];
    last_tag[0] = '\0';
    for (;;) {
        struct wire_event event;
        struct error event_error;
        error_init(&event_error);
        if (wire_next_event(conn, &event, &event_error) != 0) {
            *error = error_is_set(&first) ? first : event_error;
            return -1;
        }
        if (event.kind == WIRE_EVENT_SERVER_ERROR || event.kind == WIRE_EVENT_COPY_REFUSED) {
            if (!error_is_set(&first)) {
                first = event_error;
            }
        } else if (event.kind == WIRE_EVENT_COMMAND_COMPLETE) {
            error_copy_text(last_tag, sizeof last_tag, event.command_tag,
                            strlen(event.command_tag));
        } else if (event.kind == WIRE_EVENT_READY) {
            break;
        }
    }
    if (error_is_set(&first)) {
        *error = first;
        return -1;
    }
    if (command_tag != NULL && command_tag_size > 0) {
        error_copy_text(command_tag, command_tag_size, last_tag, strlen(last_tag));
    }
    return 0;
}
