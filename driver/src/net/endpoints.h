/* Opening connected streams: TCP, Unix socket, adopted descriptor.
 * Owns: name resolution, non-blocking connect under a deadline, binding a
 * source address, keepalive. Knows no PostgreSQL message. */
#ifndef PGO_NET_ENDPOINTS_H
#define PGO_NET_ENDPOINTS_H

#include <stdbool.h>
#include <stdint.h>
#include "net/stream.h"

struct net_tcp_options {
    bool has_source_address;
    const char *source_host; /* bind() before connect() */
    uint16_t source_port;    /* 0 = any */
    bool keepalive;
    /* With keepalive: TCP_KEEPIDLE, TCP_KEEPINTVL (seconds) and TCP_KEEPCNT;
     * and TCP_USER_TIMEOUT (milliseconds) in any case. 0: the system's. */
    uint32_t keepalive_idle_s;
    uint32_t keepalive_interval_s;
    uint32_t keepalive_count;
    uint32_t user_timeout_ms;
};

/* Tries every address getaddrinfo returns (IPv4 and IPv6) in order until
 * one connects within the deadline. Host may be an IPv6 literal with or
 * without brackets. On failure: 08001-class error naming host and port
 * and the last cause ("connection refused"). */
int net_tcp_connect(const char *host, uint16_t port, const struct net_tcp_options *options,
                    const struct deadline *deadline, struct net_stream **out,
                    struct error *error) PGO_MUST_CHECK;

/* path is the socket file, or a directory holding ".s.PGSQL.<port>". */
int net_unix_connect(const char *path, uint16_t port, const struct deadline *deadline,
                     struct net_stream **out, struct error *error) PGO_MUST_CHECK;

/* Takes over an already-connected socket descriptor (made non-blocking).
 * Checks that it is a connected stream socket. On success the stream owns
 * fd; on failure the caller still does. */
int net_adopt_socket(int fd, bool keepalive, struct net_stream **out,
                     struct error *error) PGO_MUST_CHECK;

#endif
