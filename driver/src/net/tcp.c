/* TCP endpoints: name resolution, source address, non-blocking connect.
 * Owns: getaddrinfo over IPv4 and IPv6, trying each address in order under
 * one deadline, binding a source address, TCP_NODELAY and keepalive.
 * Leaves reading and writing to stream.c and TLS to tls_openssl.c.
 * Implements net_tcp_connect of net/endpoints.h. */
#include "net/endpoints.h"

#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "net/fd_io.h"

/* Enough for any host name (255) plus brackets, port and separators. */
#define TCP_HOST_TEXT_MAX 300
/* A numeric IPv6 address with a scope name fits. */
#define TCP_NUMERIC_HOST_MAX 80

/* "::1" and "[::1]" both name the IPv6 loopback; getaddrinfo wants the
 * bare form. Returns -1 when the host does not fit. */
static int copy_host_without_brackets(const char *host, char *out, size_t out_size)
{
    size_t length = strlen(host);
    const char *start = host;
    if (length >= 2 && host[0] == '[' && host[length - 1] == ']') {
        start = host + 1;
        length -= 2;
    }
    if (length >= out_size) {
        return -1;
    }
    memcpy(out, start, length);
    out[length] = '\0';
    return 0;
}

/* "host:port", with brackets around an IPv6 literal. */
static void format_host_port(char *out, size_t out_size, const char *bare_host, uint16_t port)
{
    if (strchr(bare_host, ':') != NULL) {
        (void)snprintf(out, out_size, "[%s]:%u", bare_host, (unsigned)port);
    } else {
        (void)snprintf(out, out_size, "%s:%u", bare_host, (unsigned)port);
    }
}

static void format_numeric_address(const struct addrinfo *address, char *out, size_t out_size)
{
    char host[TCP_NUMERIC_HOST_MAX];
    if (getnameinfo(address->ai_addr, address->ai_addrlen, host, sizeof host, NULL, 0,
                    NI_NUMERICHOST) != 0) {
        (void)snprintf(out, out_size, "unknown address");
        return;
    }
    (void)snprintf(out, out_size, "%s", host);
}

static const struct addrinfo *find_source_for_family(const struct addrinfo *sources, int family)
{
    for (const struct addrinfo *source = sources; source != NULL; source = source->ai_next) {
        if (source->ai_family == family) {
            return source;
        }
    }
    return NULL;
}

static int resolve_source(const struct net_tcp_options *options, struct addrinfo **out,
                          struct error *error)
{
    char bare[TCP_HOST_TEXT_MAX];
    const char *host = NULL;
    if (options->source_host != NULL && options->source_host[0] != '\0') {
        if (copy_host_without_brackets(options->source_host, bare, sizeof bare) != 0) {
            error_set(error, "08001", "source address \"%.64s...\" is too long",
                      options->source_host);
            return -1;
        }
        host = bare;
    }
    char port_text[8];
    (void)snprintf(port_text, sizeof port_text, "%u", (unsigned)options->source_port);
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int status = getaddrinfo(host, port_text, &hints, out);
    if (status != 0) {
        error_set(error, "08001", "could not resolve source address \"%s\": %s",
                  host != NULL ? host : "", gai_strerror(status));
        return -1;
    }
    return 0;
}

enum attempt_result { ATTEMPT_CONNECTED, ATTEMPT_FAILED, ATTEMPT_TIMED_OUT };

/* A TCP-level option when value is not 0 (0: leave the system's). */
static void set_tcp_option(int fd, int option, uint32_t value)
{
    if (value == 0)
        return;
    int number = value > INT_MAX ? INT_MAX : (int)value;
    (void)setsockopt(fd, IPPROTO_TCP, option, &number, sizeof number);
}

static void set_socket_options(int fd, const struct net_tcp_options *options)
{
    int on = 1;
    /* Best effort: a socket without these still works. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (options == NULL)
        return;
    if (options->keepalive) {
        (void)setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
        set_tcp_option(fd, TCP_KEEPIDLE, options->keepalive_idle_s);
        set_tcp_option(fd, TCP_KEEPINTVL, options->keepalive_interval_s);
        set_tcp_option(fd, TCP_KEEPCNT, options->keepalive_count);
    }
    /* How long sent data may stay unacknowledged before the kernel gives
     * the connection up: bounds a write to a vanished server. */
    set_tcp_option(fd, TCP_USER_TIMEOUT, options->user_timeout_ms);
}

/* One address: socket, options, bind, connect and wait. On failure cause
 * holds the reason (strerror text) and the socket is closed. */
static enum attempt_result connect_one(const struct addrinfo *address,
                                       const struct addrinfo *source,
                                       const struct net_tcp_options *options,
                                       const struct deadline *deadline, int *out_fd,
                                       char *cause, size_t cause_size)
{
    int fd = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    address->ai_protocol);
    if (fd < 0) {
        (void)snprintf(cause, cause_size, "could not create socket: %s", strerror(errno));
        return ATTEMPT_FAILED;
    }
    set_socket_options(fd, options);
    if (source != NULL) {
        if (options->source_port != 0) {
            int on = 1;
            (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        }
        if (bind(fd, source->ai_addr, source->ai_addrlen) != 0) {
            char source_text[TCP_NUMERIC_HOST_MAX];
            format_numeric_address(source, source_text, sizeof source_text);
            (void)snprintf(cause, cause_size, "could not bind source address %s port %u: %s",
                           source_text, (unsigned)options->source_port, strerror(errno));
            (void)close(fd);
            return ATTEMPT_FAILED;
        }
    }
    int status;
    do {
        status = connect(fd, address->ai_addr, address->ai_addrlen);
    } while (status != 0 && errno == EINTR);
    if (status != 0 && errno != EINPROGRESS) {
        (void)snprintf(cause, cause_size, "%s", strerror(errno));
        (void)close(fd);
        return ATTEMPT_FAILED;
    }
    if (status != 0) {
        switch (fd_io_wait(fd, POLLOUT, deadline)) {
        case FD_IO_READY:
            break;
        case FD_IO_TIMED_OUT:
            (void)close(fd);
            return ATTEMPT_TIMED_OUT;
        case FD_IO_FAILED:
            (void)snprintf(cause, cause_size, "could not wait for the connection: %s",
                           strerror(errno));
            (void)close(fd);
            return ATTEMPT_FAILED;
        }
        int socket_error = 0;
        socklen_t socket_error_size = sizeof socket_error;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &socket_error, &socket_error_size) != 0) {
            socket_error = errno;
        }
        if (socket_error != 0) {
            (void)snprintf(cause, cause_size, "%s", strerror(socket_error));
            (void)close(fd);
            return ATTEMPT_FAILED;
        }
    }
    *out_fd = fd;
    return ATTEMPT_CONNECTED;
}

int net_tcp_connect(const char *host, uint16_t port, const struct net_tcp_options *options,
                    const struct deadline *deadline, struct net_stream **out,
                    struct error *error)
{
    if (host == NULL || host[0] == '\0') {
        error_set(error, "08001", "no host name given to connect to");
        return -1;
    }
    char bare_host[TCP_HOST_TEXT_MAX];
    if (copy_host_without_brackets(host, bare_host, sizeof bare_host) != 0) {
        error_set(error, "08001", "host name \"%.64s...\" is longer than 255 characters", host);
        return -1;
    }
    char host_port[TCP_HOST_TEXT_MAX + 16];
    format_host_port(host_port, sizeof host_port, bare_host, port);

    char port_text[8];
    (void)snprintf(port_text, sizeof port_text, "%u", (unsigned)port);
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    struct addrinfo *addresses = NULL;
    int status = getaddrinfo(bare_host, port_text, &hints, &addresses);
    if (status != 0) {
        error_set(error, "08001", "could not resolve host name \"%s\": %s", bare_host,
                  status == EAI_SYSTEM ? strerror(errno) : gai_strerror(status));
        return -1;
    }

    struct addrinfo *sources = NULL;
    bool wants_source = options != NULL && options->has_source_address;
    if (wants_source && resolve_source(options, &sources, error) != 0) {
        freeaddrinfo(addresses);
        return -1;
    }

    char last_cause[512] = "";
    char last_address[TCP_NUMERIC_HOST_MAX] = "";
    bool timed_out = false;
    int fd = -1;
    for (const struct addrinfo *address = addresses; address != NULL;
         address = address->ai_next) {
        const struct addrinfo *source = NULL;
        format_numeric_address(address, last_address, sizeof last_address);
        if (wants_source) {
            source = find_source_for_family(sources, address->ai_family);
            if (source == NULL) {
                (void)snprintf(last_cause, sizeof last_cause,
                               "source address \"%s\" is not of the same address family",
                               options->source_host != NULL ? options->source_host : "");
                continue;
            }
        }
        enum attempt_result result = connect_one(address, source, options, deadline, &fd,
                                                 last_cause, sizeof last_cause);
        if (result == ATTEMPT_CONNECTED) {
            break;
        }
        if (result == ATTEMPT_TIMED_OUT) {
            timed_out = true;
            break;
        }
        if (deadline_has_expired(deadline)) {
            timed_out = address->ai_next != NULL; /* addresses left untried */
            break;
        }
    }
    freeaddrinfo(addresses);
    if (sources != NULL) {
        freeaddrinfo(sources);
    }

    if (fd < 0) {
        if (timed_out) {
            error_set(error, "08001", "timed out connecting to %s (%s)", host_port,
                      last_address);
        } else if (last_cause[0] == '\0') {
            error_set(error, "08001", "could not connect to %s: no address found", host_port);
        } else {
            error_set(error, "08001", "could not connect to %s (%s): %s", host_port,
                      last_address, last_cause);
        }
        return -1;
    }
    struct net_stream *stream = net_stream_from_fd(fd, host_port);
    if (stream == NULL) {
        (void)close(fd);
        error_set(error, "HY001", "out of memory connecting to %s", host_port);
        return -1;
    }
    *out = stream;
    return 0;
}
