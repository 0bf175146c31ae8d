/* Unix-domain socket endpoints.
 * Owns: choosing the socket file (a path, or a directory holding
 * ".s.PGSQL.<port>"), the sun_path length check, non-blocking connect
 * under a deadline. Leaves reading and writing to stream.c.
 * Implements net_unix_connect of net/endpoints.h. */
#include "net/endpoints.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include "net/fd_io.h"

/* Retry interval when the listener's backlog is full (connect gives
 * EAGAIN on a non-blocking Unix socket instead of waiting). */
#define UNIX_BACKLOG_RETRY_MS 10

static int build_socket_path(const char *path, uint16_t port, char *out, size_t out_size,
                             struct error *error)
{
    struct stat info;
    int written;
    if (stat(path, &info) == 0 && S_ISDIR(info.st_mode)) {
        size_t length = strlen(path);
        const char *separator = (length > 0 && path[length - 1] == '/') ? "" : "/";
        written = snprintf(out, out_size, "%s%s.s.PGSQL.%u", path, separator, (unsigned)port);
    } else {
        written = snprintf(out, out_size, "%s", path);
    }
    if (written < 0 || (size_t)written >= out_size) {
        error_set(error, "08001",
                  "Unix socket path \"%s\" is too long (at most %zu bytes are allowed)", path,
                  out_size - 1);
        return -1;
    }
    return 0;
}

static int connect_with_retry(int fd, const struct sockaddr_un *address,
                              const struct deadline *deadline, const char *socket_path,
                              struct error *error)
{
    int64_t started_ms = deadline_now_ms();
    for (;;) {
        if (connect(fd, (const struct sockaddr *)address, sizeof *address) == 0) {
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            if (deadline_has_expired(deadline)) {
                error_set(error, "08001",
                          "timed out after %lld ms connecting to Unix socket \"%s\"",
                          (long long)(deadline_now_ms() - started_ms), socket_path);
                return -1;
            }
            (void)poll(NULL, 0, UNIX_BACKLOG_RETRY_MS);
            continue;
        }
        if (errno != EINPROGRESS) {
            error_set(error, "08001", "could not connect to Unix socket \"%s\": %s",
                      socket_path, strerror(errno));
            return -1;
        }
        switch (fd_io_wait(fd, POLLOUT, deadline)) {
        case FD_IO_READY:
            break;
        case FD_IO_TIMED_OUT:
            error_set(error, "08001",
                      "timed out after %lld ms connecting to Unix socket \"%s\"",
                      (long long)(deadline_now_ms() - started_ms), socket_path);
            return -1;
        case FD_IO_FAILED:
            error_set(error, "08001", "could not wait for Unix socket \"%s\": %s",
                      socket_path, strerror(errno));
            return -1;
        }
        int socket_error = 0;
        socklen_t socket_error_size = sizeof socket_error;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &socket_error, &socket_error_size) != 0) {
            socket_error = errno;
        }
        if (socket_error != 0) {
            error_set(error, "08001", "could not connect to Unix socket \"%s\": %s",
                      socket_path, strerror(socket_error));
            return -1;
        }
        return 0;
    }
}

int net_unix_connect(const char *path, uint16_t port, const struct deadline *deadline,
                     struct net_stream **out, struct error *error)
{
    if (path == NULL || path[0] == '\0') {
        error_set(error, "08001", "no Unix socket path given to connect to");
        return -1;
    }
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (build_socket_path(path, port, address.sun_path, sizeof address.sun_path, error) != 0) {
        return -1;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error_set(error, "08001", "could not create a Unix socket: %s", strerror(errno));
        return -1;
    }
    if (connect_with_retry(fd, &address, deadline, address.sun_path, error) != 0) {
        (void)close(fd);
        return -1;
    }
    struct net_stream *stream = net_stream_from_fd(fd, address.sun_path);
    if (stream == NULL) {
        (void)close(fd);
        error_set(error, "HY001", "out of memory connecting to Unix socket \"%s\"",
                  address.sun_path);
        return -1;
    }
    *out = stream;
    return 0;
}
