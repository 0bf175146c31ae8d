/* The replies owed: one queue for the simple and the extended protocol.
 * Owns: the queue of expectations (one per message sent that the server
 * answers, in order), which backend message is legal given the queue's
 * head, skipping to the next Sync after a server error (the server does
 * the same), consuming the replies of internal commands (no event),
 * busy/idle, draining, the query timeout (its deadline, the
 * one cancel it sends, the HYT00 that follows), and wire_next_event.
 * Leaves building messages to query_simple.c and query_extended.c, the
 * current result to result.c, COPY to copy.c, the CancelRequest to cancel.c.
 * Protocol: "Simple Query", "Extended Query" and "Pipelining"
 * (protocol-flow.html, PostgreSQL 15): every Sync yields exactly one
 * ReadyForQuery; after an error the server discards messages up to Sync.
 * Rules: STYLE.md, "Wire input is hostile", point 6: a message the head
 * does not accept is 08P01 and breaks the connection. */
#include <string.h>
#include "util/alloc.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"
#include "wire/startup.h"

/* ---- The queue ---------------------------------------------------------- */

static bool is_sync_kind(enum wire_expect_kind kind)
{
    return kind == WIRE_EXPECT_SYNC || kind == WIRE_EXPECT_SIMPLE_QUERY;
}

static bool is_queue_empty(const struct wire_conn *conn)
{
    return conn->expected_head == conn->expected_count;
}

/* The queue emptied: the exchange is over. */
static void settle_idle(struct wire_conn *conn)
{
    conn->expected_head = 0;
    conn->expected_count = 0;
    conn->expected_unsent_from = 0;
    conn->pending_syncs = 0;
    buf_clear(&conn->bind_formats);
    conn->has_query_deadline = false;
    conn->has_sent_cancel = false;
    conn->has_result_formats = false;
    if (conn->state == WIRE_STATE_BUSY) {
        conn->state = WIRE_STATE_IDLE;
    }
}

int wire_pipeline_push(struct wire_conn *conn, enum wire_expect_kind kind,
                       struct wire_expectation **out, struct error *error)
{
    if (is_queue_empty(conn)) {
        settle_idle(conn);
    }
    if (conn->expected_count == conn->expected_capacity) {
        size_t capacity = conn->expected_capacity < 16 ? 16 : conn->expected_capacity * 2;
        struct wire_expectation *grown =
            alloc_resize_array(conn->expected, capacity, sizeof *grown);
        if (grown == NULL) {
            error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                      "out of memory queuing a message (%zu already queued)",
                      conn->expected_count - conn->expected_head);
            return -1;
        }
        conn->expected = grown;
        conn->expected_capacity = capacity;
    }
    struct wire_expectation *entry = &conn->expected[conn->expected_count];
    memset(entry, 0, sizeof *entry);
    entry->kind = kind;
    conn->expected_count++;
    if (is_sync_kind(kind)) {
        conn->pending_syncs++;
    }
    conn->state = WIRE_STATE_BUSY;
    *out = entry;
    return 0;
}

bool wire_pipeline_is_in_flight(const struct wire_conn *conn)
{
    return conn->expected_head < conn->expected_unsent_from;
}

void wire_pipeline_mark_sent(struct wire_conn *conn)
{
    if (!wire_pipeline_is_in_flight(conn)) {
        /* A new exchange: the query timeout starts now. */
        conn->has_sent_cancel = false;
        conn->exchange_timeout_ms = conn->query_timeout_ms;
        conn->has_query_deadline = conn->query_timeout_ms > 0;
        if (conn->has_query_deadline) {
            conn->query_deadline = deadline_after_ms(conn->query_timeout_ms);
        }
    }
    conn->expected_unsent_from = conn->expected_count;
}

void wire_pipeline_drop_unsent(struct wire_conn *conn)
{
    for (size_t i = conn->expected_unsent_from; i < conn->expected_count; i++) {
        if (is_sync_kind(conn->expected[i].kind)) {
            conn->pending_syncs--;
        }
    }
    conn->expected_count = conn->expected_unsent_from;
    buf_clear(&conn->out);
    conn->borrowed_count = 0;
    if (is_queue_empty(conn)) {
        settle_idle(conn);
    }
}

static void pop_head(struct wire_conn *conn)
{
    if (is_sync_kind(conn->expected[conn->expected_head].kind)) {
        conn->pending_syncs--;
    }
    conn->expected_head++;
    if (is_queue_empty(conn)) {
        settle_idle(conn);
    }
}

static bool has_sent_sync(const struct wire_conn *conn)
{
    for (size_t i = conn->expected_head; i < conn->expected_unsent_from; i++) {
        if (is_sync_kind(conn->expected[i].kind)) {
            return true;
        }
    }
    return false;
}

/* The engine's own Sync (after an error with none sent, or to drain):
 * whatever was queued and not sent is dropped first, since the server
 * would discard it anyway. */
static int send_engine_sync(struct wire_conn *conn, struct error *error)
{
    wire_pipeline_drop_unsent(conn);
    static const unsigned char sync[WIRE_HEADER_BYTES] = {WIRE_MSG_SYNC, 0, 0, 0, 4};
    struct wire_expectation *entry = NULL;
    if (wire_pipeline_push(conn, WIRE_EXPECT_SYNC, &entry, error) != 0) {
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    if (wire_conn_write(conn, sync, sizeof sync, error) != 0) {
        return -1;
    }
    conn->expected_unsent_from = conn->expected_count;
    return 0;
}

/* After an ErrorResponse in the extended protocol the server skips to the
 * next Sync: so do the expectations. */
static int skip_to_sync(struct wire_conn *conn, struct error *error)
{
    if (conn->expected[conn->expected_head].kind == WIRE_EXPECT_SIMPLE_QUERY) {
        return 0; /* the rest of the Query string is skipped; ReadyForQuery follows */
    }
    if (!has_sent_sync(conn)) {
        /* Sent with Flush only: the server now waits for a Sync. */
        while (wire_pipeline_is_in_flight(conn)) {
            pop_head(conn);
        }
        return send_engine_sync(conn, error);
    }
    while (!is_sync_kind(conn->expected[conn->expected_head].kind)) {
        pop_head(conn);
    }
    return 0;
}

/* ---- Busy, timeout, cancel --------------------------------------------- */

bool wire_conn_is_busy(const struct wire_conn *conn)
{
    return conn != NULL && !conn->is_broken && !is_queue_empty(conn);
}

void wire_conn_set_query_timeout(struct wire_conn *conn, int64_t timeout_ms)
{
    conn->query_timeout_ms = timeout_ms > 0 ? timeout_ms : 0;
}

int wire_pipeline_cancel_for_timeout(struct wire_conn *conn, struct error *error)
{
    conn->has_sent_cancel = true;
    struct error cause;
    error_init(&cause);
    if (conn->cancel_token == NULL) {
        error_set(&cause, WIRE_SQLSTATE_LINK_FAILURE, "%s", conn->cancel_problem);
    } else {
        /* Reaching the server with the cancel is part of the answer's
         * grace: a cancel connection that stalls (in its TLS handshake, say)
         * must not hold the call past the query timeout + 1 s. */
        int64_t timeout_ms = conn->has_timeout && conn->timeout_ms > 0
                                 ? conn->timeout_ms
                                 : WIRE_CANCEL_DEFAULT_TIMEOUT_MS;
        if (timeout_ms > WIRE_CANCEL_ANSWER_GRACE_MS) {
            timeout_ms = WIRE_CANCEL_ANSWER_GRACE_MS;
        }
        if (wire_cancel_send(conn->cancel_token, timeout_ms, &cause) == 0) {
            return 0;
        }
    }
    /* The statement would run on unbounded, and the connection is in the
     * middle of it: give the connection up. A cancel that ran out of time
     * is the query timeout's (HYT00); one that failed otherwise, the
     * link's. */
    bool is_timed_out = conn->cancel_token != NULL &&
                        deadline_has_expired(&conn->cancel_answer_deadline);
    error_set(error, is_timed_out ? WIRE_SQLSTATE_TIMEOUT_EXPIRED : WIRE_SQLSTATE_LINK_FAILURE,
              "query timeout expired after %lld ms and the statement could not be "
              "cancelled (%s); the connection was given up",
              (long long)conn->exchange_timeout_ms, cause.message);
    wire_conn_mark_broken(conn, error);
    return -1;
}

/* ---- Events ------------------------------------------------------------ */

static const char *describe_expectation(enum wire_expect_kind kind, bool has_parameters)
{
    switch (kind) {
    case WIRE_EXPECT_SIMPLE_QUERY: return "the results of a simple query";
    case WIRE_EXPECT_PARSE: return "ParseComplete";
    case WIRE_EXPECT_BIND: return "BindComplete";
    case WIRE_EXPECT_DESCRIBE_STATEMENT:
        return has_parameters ? "RowDescription or NoData (Describe of a statement)"
                              : "ParameterDescription (Describe of a statement)";
    case WIRE_EXPECT_DESCRIBE_PORTAL: return "RowDescription or NoData (Describe of a portal)";
    case WIRE_EXPECT_EXECUTE:
        return "DataRow, CommandComplete, EmptyQueryResponse or PortalSuspended (Execute)";
    case WIRE_EXPECT_CLOSE: return "CloseComplete";
    case WIRE_EXPECT_SYNC: return "ReadyForQuery (Sync)";
    }
    return "a reply";
}

static int take_ready(struct wire_conn *conn, const struct wire_frame *frame,
                      struct wire_event *event, struct error *error)
{
    char status = 'I';
    if (wire_startup_parse_ready(frame->body, frame->length_bytes, &status, error) != 0) {
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    conn->transaction_status = status;
    conn->copy_state = WIRE_COPY_NONE;
    conn->has_result_formats = false;
    pop_head(conn);
    wire_event_clear(event, WIRE_EVENT_READY);
    event->transaction_status = status;
    return 0;
}

/* 1: an event is ready; 0: the frame was consumed without one; -1: broken;
 * 2: the head does not accept this frame. */
static int dispatch(struct wire_conn *conn, const struct wire_frame *frame,
                    struct wire_event *event, struct error *error)
{
    struct wire_expectation *head = &conn->expected[conn->expected_head];
    enum wire_expect_kind kind = head->kind;
    bool is_simple = kind == WIRE_EXPECT_SIMPLE_QUERY;
    bool is_execute = kind == WIRE_EXPECT_EXECUTE;
    /* An internal command's replies are consumed here (0: no event) and
     * leave the current result as the statements around it see it. */
    bool is_internal = head->is_internal;
    /* In the extended protocol a description outlives its portal: the
     * statement described once is bound and executed again and again. */
    bool had_description = conn->has_row_description;
    switch (frame->type) {
    case WIRE_MSG_ERROR_RESPONSE:
        if (wire_result_take_server_error(conn, frame, event, error) != 0) {
            return -1;
        }
        conn->has_row_description = had_description && !is_simple;
        if (!conn->is_broken) {
            struct error sync_error;
            error_init(&sync_error);
            if (skip_to_sync(conn, &sync_error) != 0) {
                *error = sync_error;
                return -1;
            }
        }
        return 1;
    case WIRE_MSG_READY_FOR_QUERY:
        if (!is_sync_kind(kind)) {
            return 2;
        }
        return take_ready(conn, frame, event, error) == 0 ? 1 : -1;
    case WIRE_MSG_ROW_DESCRIPTION: {
        bool is_statement = kind == WIRE_EXPECT_DESCRIBE_STATEMENT;
        if (!is_simple && kind != WIRE_EXPECT_DESCRIBE_PORTAL &&
            !(is_statement && head->has_parameter_description)) {
            return 2;
        }
        if (wire_result_take_description(conn, frame, event, error) != 0) {
            return -1;
        }
        if (is_statement && conn->has_result_formats) {
            wire_extended_apply_result_formats(conn);
        }
        if (!is_simple) {
            pop_head(conn);
        }
        return 1;
    }
    case WIRE_MSG_NO_DATA:
        if (kind != WIRE_EXPECT_DESCRIBE_PORTAL &&
            !(kind == WIRE_EXPECT_DESCRIBE_STATEMENT && head->has_parameter_description)) {
            return 2;
        }
        wire_result_forget_description(conn);
        pop_head(conn);
        wire_event_clear(event, WIRE_EVENT_NO_DATA);
        return 1;
    case WIRE_MSG_PARAMETER_DESCRIPTION:
        if (kind != WIRE_EXPECT_DESCRIBE_STATEMENT || head->has_parameter_description) {
            return 2;
        }
        if (wire_extended_take_parameter_description(conn, frame, event, error) != 0) {
            return -1;
        }
        head->has_parameter_description = true;
        return 1;
    case WIRE_MSG_PARSE_COMPLETE:
        if (kind != WIRE_EXPECT_PARSE) {
            return 2;
        }
        pop_head(conn);
        if (is_internal) {
            return 0;
        }
        wire_event_clear(event, WIRE_EVENT_PARSE_COMPLETE);
        return 1;
    case WIRE_MSG_BIND_COMPLETE:
        if (kind != WIRE_EXPECT_BIND) {
            return 2;
        }
        if (is_internal) {
            pop_head(conn); /* no result formats: it returns no rows */
            return 0;
        }
        if (wire_extended_take_bind_complete(conn, head, error) != 0) {
            return -1;
        }
        pop_head(conn);
        wire_event_clear(event, WIRE_EVENT_BIND_COMPLETE);
        return 1;
    case WIRE_MSG_CLOSE_COMPLETE:
        if (kind != WIRE_EXPECT_CLOSE) {
            return 2;
        }
        pop_head(conn);
        wire_event_clear(event, WIRE_EVENT_CLOSE_COMPLETE);
        return 1;
    case WIRE_MSG_DATA_ROW:
        if (is_simple && !conn->has_row_description) {
            wire_conn_fail_protocol(conn, error, "the server sent a DataRow without a "
                                                 "RowDescription before it");
            return -1;
        }
        if (!is_simple && !is_execute) {
            return 2;
        }
        if (is_internal) {
            return 0; /* a command that returns rows: they are nobody's */
        }
        return wire_result_take_data_row(conn, frame, event, error);
    case WIRE_MSG_COMMAND_COMPLETE:
        if (!is_simple && !is_execute) {
            return 2;
        }
        if (is_internal) {
            if (wire_internal_take_command_complete(conn, frame, error) != 0) {
                return -1;
            }
            pop_head(conn);
            return 0;
        }
        if (wire_result_take_command_complete(conn, frame, event, error) != 0) {
            return -1;
        }
        if (is_execute) {
            conn->has_row_description = had_description;
            pop_head(conn);
        }
        return 1;
    case WIRE_MSG_EMPTY_QUERY_RESPONSE:
        if (!is_simple && !is_execute) {
            return 2;
        }
        if (is_internal) {
            pop_head(conn); /* text of only comments or spaces */
            return 0;
        }
        conn->has_row_description = had_description && is_execute;
        if (is_execute) {
            pop_head(conn);
        }
        wire_event_clear(event, WIRE_EVENT_EMPTY_QUERY);
        return 1;
    case WIRE_MSG_PORTAL_SUSPENDED:
        if (!is_execute || is_internal) { /* internal Executes have no row limit */
            return 2;
        }
        /* The portal lives on: its description applies to the next Execute. */
        conn->is_result_failed = false;
        pop_head(conn);
        wire_event_clear(event, WIRE_EVENT_PORTAL_SUSPENDED);
        return 1;
    case WIRE_MSG_COPY_IN_RESPONSE:
    case WIRE_MSG_COPY_OUT_RESPONSE:
    case WIRE_MSG_COPY_BOTH_RESPONSE: {
        if ((!is_simple && !is_execute) || conn->copy_state != WIRE_COPY_NONE) {
            return 2;
        }
        /* In the extended protocol the server ignored the Sync that followed
         * the Execute while in copy-in mode; after CopyFail it waits for one. */
        bool add_sync = is_execute && conn->expected_head + 1 < conn->expected_unsent_from &&
                        conn->expected[conn->expected_head + 1].kind == WIRE_EXPECT_SYNC;
        return wire_copy_refuse(conn, frame, add_sync, event, error) == 0 ? 1 : -1;
    }
    case WIRE_MSG_COPY_DATA:
        if (conn->copy_state == WIRE_COPY_OUT || conn->copy_state == WIRE_COPY_BOTH) {
            return 0; /* discarded */
        }
        return 2;
    case WIRE_MSG_COPY_DONE:
        if (conn->copy_state == WIRE_COPY_OUT || conn->copy_state == WIRE_COPY_BOTH) {
            conn->copy_state = WIRE_COPY_NONE;
            return 0;
        }
        return 2;
    default:
        return 2;
    }
}

int wire_next_event(struct wire_conn *conn, struct wire_event *event, struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (is_queue_empty(conn)) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                  "no query is in progress on this connection");
        return -1;
    }
    if (!wire_pipeline_is_in_flight(conn)) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                  "messages are queued but not sent yet; wire_queue_sync or wire_flush "
                  "sends them");
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
            !wire_copy_is_allowed_in_copy(frame.type)) {
            wire_conn_fail_protocol(conn, error,
                                    "the server sent a message %s in the middle of COPY data",
                                    wire_message_name(frame.type));
            return -1;
        }
        int outcome = dispatch(conn, &frame, event, error);
        if (outcome == 1) {
            return 0;
        }
        if (outcome == 0) {
            if (!wire_pipeline_is_in_flight(conn)) {
                /* Only internal commands were sent, with Flush and no Sync:
                 * their replies were all consumed and no event is owed. */
                error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR,
                          "the messages sent owe no more events (internal commands "
                          "report none; a Sync would end the exchange)");
                return -1;
            }
            continue;
        }
        if (outcome < 0) {
            return -1;
        }
        const struct wire_expectation *head = &conn->expected[conn->expected_head];
        wire_conn_fail_protocol(conn, error,
                                "the server sent a message %s while %s was expected; the "
                                "protocol does not allow it there",
                                wire_message_name(frame.type),
                                describe_expectation(head->kind,
                                                     head->has_parameter_description));
        return -1;
    }
}

int wire_drain_to_ready(struct wire_conn *conn, struct error *error)
{
    if (wire_conn_check_usable(conn, error) != 0) {
        return -1;
    }
    if (is_queue_empty(conn)) {
        return 0;
    }
    wire_pipeline_drop_unsent(conn);
    if (!is_queue_empty(conn) && !has_sent_sync(conn) &&
        send_engine_sync(conn, error) != 0) {
        return -1;
    }
    while (!is_queue_empty(conn)) {
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
