/* The simple query protocol: one Query out; its replies come through
 * pipeline.c up to ReadyForQuery.
 * Owns: refusing a Query while anything else is queued or in flight
 * (HY010), the NUL check, building and sending the message.
 * Protocol: "Simple Query" (protocol-flow.html, PostgreSQL 15). */
#include <string.h>
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/messages.h"

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
