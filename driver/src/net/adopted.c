/* Adopted descriptors: a socket the application connected itself.
 * Owns: checking that the descriptor is a connected stream socket, making
 * it non-blocking and turning on keepalive. Leaves reading and writing to
 * stream.c. Implements net_adopt_socket of net/endpoints.h. */
#include "net/endpoints.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#include "net/fd_io.h"

static void describe_peer(int fd, const struct sockaddr_storage *peer, socklen_t peer_size,
                          char *out, size_t out_size)
{
    char host[80]; /* a numeric address with an IPv6 scope */
    char service[8];
    if (peer->ss_family == AF_UNIX) {
        const struct sockaddr_un *unix_peer = (const struct sockaddr_un *)peer;
        if (peer_size > offsetof(struct sockaddr_un, sun_path) && unix_peer->sun_path[0] != '\0') {
            (void)snprintf(out, out_size, "descriptor %d (%.*s)", fd,
                           (int)(peer_size - offsetof(struct sockaddr_un, sun_path)),
                           unix_peer->sun_path);
            return;
        }
    } else if (getnameinfo((const struct sockaddr *)peer, peer_size, host, sizeof host, service,
                           sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        if (peer->ss_family == AF_INET6) {
            (void)snprintf(out, out_size, "descriptor %d ([%s]:%s)", fd, host, service);
        } else {
            (void)snprintf(out, out_size, "descriptor %d (%s:%s)", fd, host, service);
        }
        return;
    }
    (void)snprintf(out, out_size, "descriptor %d", fd);
}

int net_adopt_socket(int fd, bool keepalive, struct net_stream **out, struct error *error)
{
    if (fd < 0) {
        error_set(error, "08001", "descriptor %d is not a valid socket descriptor", fd);
        return -1;
    }
    int type = 0;
    socklen_t type_size = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_size) != 0) {
        if (errno == ENOTSOCK) {
            error_set(error, "08001", "descriptor %d is not a socket", fd);
        } else {
            error_set(error, "08001", "descriptor %d cannot be used as a socket: %s", fd,
                      strerror(errno));
        }
        return -1;
    }
    if (type != SOCK_STREAM) {
        error_set(error, "08001", "descriptor %d is not a stream socket (SOCK_STREAM)", fd);
        return -1;
    }
    struct sockaddr_storage peer;
    socklen_t peer_size = sizeof peer;
    memset(&peer, 0, sizeof peer);
    if (getpeername(fd, (struct sockaddr *)&peer, &peer_size) != 0) {
        error_set(error, "08001", "descriptor %d is not a connected socket: %s", fd,
                  strerror(errno));
        return -1;
    }
    int original_flags = fcntl(fd, F_GETFL);
    if (original_flags < 0 || fd_io_set_nonblocking(fd) != 0) {
        error_set(error, "08001", "could not make descriptor %d non-blocking: %s", fd,
                  strerror(errno));
        return -1;
    }
    if (keepalive && (peer.ss_family == AF_INET || peer.ss_family == AF_INET6)) {
        int on = 1;
        (void)setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    }
    char description[300];
    describe_peer(fd, &peer, peer_size, description, sizeof description);
    struct net_stream *stream = net_stream_from_fd(fd, description);
    if (stream == NULL) {
        (void)fcntl(fd, F_SETFL, original_flags); /* the caller keeps fd as it was */
        error_set(error, "HY001", "out of memory adopting descriptor %d", fd);
        return -1;
    }
    *out = stream;
    return 0;
}
