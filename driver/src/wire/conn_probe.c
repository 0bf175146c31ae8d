/* Probing an idle session without a round trip (see conn_probe.h). */
#include "wire/conn_probe.h"

#include <errno.h>
#include <poll.h>
#include "net/stream.h"
#include "util/error.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/messages.h"
#include "wire/notice.h"

/* Bytes already read into the frame buffer, decrypted by TLS, or waiting
 * in the kernel (or the peer's close: poll reports that as readable). */
static bool has_input(struct wire_conn *conn)
{
    if (conn->in.length > conn->in_consumed)
        return true;
    if (net_stream_pending(conn->stream) > 0)
        return true;
    if (conn->stream->fd < 0)
        return false;
    struct pollfd poll_fd = {.fd = conn->stream->fd, .events = POLLIN, .revents = 0};
    int ready;
    do {
        ready = poll(&poll_fd, 1, 0);
    } while (ready < 0 && errno == EINTR);
    return ready > 0 && (poll_fd.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

/* An ErrorResponse while idle: the server is ending the session. */
static void take_session_end(struct wire_conn *conn, const struct wire_frame *frame)
{
    struct error server;
    struct error parse_error;
    error_init(&parse_error);
    if (wire_notice_parse(frame->body, frame->length_bytes, &server, &parse_error) != 0) {
        wire_conn_mark_broken(conn, &parse_error);
        return;
    }
    wire_conn_mark_broken(conn, &server);
}

bool wire_conn_probe_alive(struct wire_conn *conn)
{
    if (conn == NULL || conn->is_broken || conn->stream == NULL)
        return false;
    if (conn->state != WIRE_STATE_IDLE || wire_pipeline_is_in_flight(conn))
        return true;
    while (has_input(conn)) {
        struct wire_frame frame;
        struct error error;
        error_init(&error);
        /* Data (or the end of the stream) is there: the read does not
         * wait, except for the rest of a message the server is sending. */
        if (wire_frame_read(conn, &frame, &error) != 0)
            return false; /* the read broke the connection */
        int handled = wire_conn_handle_async(conn, &frame, &error);
        if (handled < 0)
            return false;
        if (handled == 1)
            continue;
        if (frame.type == WIRE_MSG_ERROR_RESPONSE)
            take_session_end(conn, &frame);
        else
            wire_conn_fail_protocol(conn, &error,
                                    "the server sent a message %s while the connection was idle",
                                    wire_message_name(frame.type));
        return false;
    }
    return !conn->is_broken;
}
