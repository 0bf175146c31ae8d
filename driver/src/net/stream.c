/* Plain descriptor-backed streams and the net_stream dispatchers.
 * Owns: non-blocking recv/send bounded by a deadline, end-of-stream and
 * timeout reporting (08S01), and fd_io.h's poll() loop. Leaves endpoints
 * to tcp.c, unix.c and adopted.c, and TLS to tls_openssl.c.
 * Implements net/stream.h; SIGPIPE never fires (MSG_NOSIGNAL). */
#include "net/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "net/fd_io.h"
#include "util/alloc.h"

enum fd_io_wait_result fd_io_wait(int fd, short events, const struct deadline *deadline)
{
    for (;;) {
        int remaining_ms = deadline_remaining_ms(deadline);
        if (remaining_ms == 0 && !deadline->is_infinite) {
            return FD_IO_TIMED_OUT;
        }
        struct pollfd entry = {.fd = fd, .events = events, .revents = 0};
        int ready = poll(&entry, 1, remaining_ms);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            return FD_IO_FAILED;
        }
        if (ready > 0) {
            return FD_IO_READY;
        }
        /* poll() timed out; the loop re-reads the clock and reports expiry. */
    }
}

void fd_io_set_timeout_error(struct error *error, int64_t started_ms, const char *what,
                             const char *peer)
{
    int64_t waited_ms = deadline_now_ms() - started_ms;
    if (waited_ms < 0) {
        waited_ms = 0;
    }
    error_set(error, "08S01", "timed out after %lld ms waiting to %s %s",
              (long long)waited_ms, what, peer);
}

int fd_io_set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return -1;
    }
    if ((flags & O_NONBLOCK) != 0) {
        return 0;
    }
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ? -1 : 0;
}

long net_stream_read(struct net_stream *stream, void *out, size_t capacity,
                     const struct deadline *deadline, struct error *error)
{
    if (stream == NULL || stream->ops == NULL || stream->fd < 0) {
        error_set(error, "08S01", "the connection is closed");
        return -1;
    }
    return stream->ops->read(stream, out, capacity, deadline, error);
}

int net_stream_write_all(struct net_stream *stream, const void *data, size_t length,
                         const struct deadline *deadline, struct error *error)
{
    if (stream == NULL || stream->ops == NULL || stream->fd < 0) {
        error_set(error, "08S01", "the connection is closed");
        return -1;
    }
    return stream->ops->write_all(stream, data, length, deadline, error);
}

size_t net_stream_pending(struct net_stream *stream)
{
    if (stream == NULL || stream->ops == NULL || stream->ops->pending == NULL) {
        return 0;
    }
    return stream->ops->pending(stream);
}

void net_stream_close(struct net_stream *stream)
{
    if (stream == NULL) {
        return;
    }
    if (stream->ops != NULL && stream->ops->close != NULL) {
        stream->ops->close(stream);
        return;
    }
    alloc_free(stream);
}

/* recv() for sockets; read() when the descriptor is not one (a pipe in a
 * test), so the ops work on any non-blocking descriptor. */
static ssize_t receive_some(int fd, void *out, size_t capacity)
{
    ssize_t received = recv(fd, out, capacity, 0);
    if (received < 0 && errno == ENOTSOCK) {
        received = read(fd, out, capacity);
    }
    return received;
}

static ssize_t send_some(int fd, const void *data, size_t length)
{
    ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
    if (sent < 0 && errno == ENOTSOCK) {
        sent = write(fd, data, length);
    }
    return sent;
}

/* Waits until fd is readable; -1 with error on time-out or failure. */
static int wait_readable(struct net_stream *stream, const struct deadline *deadline,
                         int64_t started_ms, struct error *error)
{
    switch (fd_io_wait(stream->fd, POLLIN, deadline)) {
    case FD_IO_READY:
        return 0;
    case FD_IO_TIMED_OUT:
        fd_io_set_timeout_error(error, started_ms, "read from", stream->peer);
        return -1;
    case FD_IO_FAILED:
    default:
        error_set(error, "08S01", "could not wait for data from %s: %s", stream->peer,
                  strerror(errno));
        return -1;
    }
}

static long fd_stream_read(struct net_stream *stream, void *out, size_t capacity,
                           const struct deadline *deadline, struct error *error)
{
    if (capacity == 0) {
        error_set(error, "08S01", "internal error: read into an empty buffer from %s",
                  stream->peer);
        return -1;
    }
    if (capacity > (size_t)LONG_MAX) {
        capacity = (size_t)LONG_MAX;
    }
    int64_t started_ms = deadline_now_ms();
    /* Right after a request the answer has not arrived yet: wait first
     * rather than make a recv that can only say EAGAIN. While a result
     * streams in, data is usually there already: try first. */
    if (stream->is_reply_awaited) {
        stream->is_reply_awaited = false;
        if (wait_readable(stream, deadline, started_ms, error) != 0) {
            return -1;
        }
    }
    for (;;) {
        ssize_t received = receive_some(stream->fd, out, capacity);
        if (received > 0) {
            return (long)received;
        }
        if (received == 0) {
            error_set(error, "08S01", "the server closed the connection (%s)", stream->peer);
            return -1;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            error_set(error, "08S01", "could not receive data from %s: %s", stream->peer,
                      strerror(errno));
            return -1;
        }
        if (wait_readable(stream, deadline, started_ms, error) != 0) {
            return -1;
        }
    }
}

static int fd_stream_write_all(struct net_stream *stream, const void *data, size_t length,
                               const struct deadline *deadline, struct error *error)
{
    const unsigned char *next = data;
    size_t remaining = length;
    int64_t started_ms = deadline_now_ms();
    while (remaining > 0) {
        ssize_t sent = send_some(stream->fd, next, remaining);
        if (sent > 0) {
            next += sent;
            remaining -= (size_t)sent;
            continue;
        }
        if (sent < 0 && errno == EINTR) {
            continue;
        }
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            if (errno == EPIPE || errno == ECONNRESET) {
                error_set(error, "08S01", "the server closed the connection (%s): %s",
                          stream->peer, strerror(errno));
            } else {
                error_set(error, "08S01", "could not send data to %s: %s", stream->peer,
                          strerror(errno));
            }
            return -1;
        }
        switch (fd_io_wait(stream->fd, POLLOUT, deadline)) {
        case FD_IO_READY:
            break;
        case FD_IO_TIMED_OUT:
            fd_io_set_timeout_error(error, started_ms, "write to", stream->peer);
            return -1;
        case FD_IO_FAILED:
            error_set(error, "08S01", "could not wait to send data to %s: %s", stream->peer,
                      strerror(errno));
            return -1;
        }
    }
    stream->is_reply_awaited = true;
    return 0;
}

static size_t fd_stream_pending(struct net_stream *stream)
{
    (void)stream;
    return 0; /* nothing is buffered above the kernel */
}

static void fd_stream_close(struct net_stream *stream)
{
    if (stream->fd >= 0) {
        (void)close(stream->fd);
        stream->fd = -1;
    }
    alloc_free(stream);
}

static const struct net_stream_ops fd_stream_ops = {
    .read = fd_stream_read,
    .write_all = fd_stream_write_all,
    .pending = fd_stream_pending,
    .close = fd_stream_close,
};

/* Returns NULL only when allocation fails; fd then stays open and the
 * caller still owns it (adopted.c relies on this). */
struct net_stream *net_stream_from_fd(int fd, const char *peer_description)
{
    struct net_stream *stream = alloc_zeroed(sizeof *stream);
    if (stream == NULL) {
        return NULL;
    }
    stream->ops = &fd_stream_ops;
    stream->fd = fd;
    stream->is_tls = false;
    const char *peer = peer_description != NULL ? peer_description : "(unnamed stream)";
    size_t peer_length = strlen(peer);
    error_copy_text(stream->peer, sizeof stream->peer, peer, peer_length);
    return stream;
}
