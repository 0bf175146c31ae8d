/* Cancelling a running statement: the token and the CancelRequest.
 * Owns: struct wire_cancel_token, copied at connect time so that it never
 * touches the live connection (SQLCancel runs on another thread while a
 * call holds the connection): the transport actually used (the Unix
 * socket path; or the numeric address and port the TCP stream reached,
 * from getpeername, also for an adopted socket), the host name and TLS
 * settings when the session used TLS, and the backend PID and key.
 * wire_cancel_send opens a new stream (SSLRequest and TLS when the session
 * had them), sends CancelRequest, and waits for the server to close.
 * Leaves sockets and TLS to net/.
 * Protocol: "Canceling Requests in Progress" (protocol-flow.html) and
 * CancelRequest (protocol-message-formats.html), PostgreSQL 15. */
#include <netdb.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "net/endpoints.h"
#include "net/tls.h"
#include "util/alloc.h"
#include "util/trace.h"
#include "wire/conn_internal.h"
#include "wire/limits.h"
#include "wire/messages.h"
#include "wire/trace_wire.h"

enum cancel_transport {
    CANCEL_VIA_UNIX = 0,
    CANCEL_VIA_TCP
};

struct wire_cancel_token {
    enum cancel_transport transport;
    char *unix_path;     /* UNIX: socket file, or directory with .s.PGSQL.<port> */
    char *address;       /* TCP: the numeric address the session reached */
    uint16_t port;
    char *host_name;     /* TCP: as given, for SNI and verify-full */
    char *source_host;   /* NULL: any local address */
    bool has_tls;
    enum params_ssl_mode ssl_mode;
    char *root_cert;
    char *cert;
    char *key;
    struct secret key_password; /* SSLPassword, for an encrypted key */
    uint16_t min_protocol;      /* SSLMinProtocolVersion, SSLMaxProtocolVersion */
    uint16_t max_protocol;
    char *crl;
    int32_t backend_pid;
    uint32_t backend_key;
    int64_t timeout_ms; /* the session's Timeout; 0: none */
};

void wire_cancel_token_free(struct wire_cancel_token *token)
{
    if (token == NULL) {
        return;
    }
    alloc_free(token->unix_path);
    alloc_free(token->address);
    alloc_free(token->host_name);
    alloc_free(token->source_host);
    alloc_free(token->root_cert);
    alloc_free(token->cert);
    alloc_free(token->key);
    secret_reset(&token->key_password);
    alloc_free(token->crl);
    alloc_free(token);
}

/* Copies text into *field; NULL stays NULL. false only when out of memory. */
static bool copy_text(char **field, const char *text)
{
    if (text == NULL) {
        *field = NULL;
        return true;
    }
    *field = alloc_strdup(text);
    return *field != NULL;
}

struct wire_cancel_token *wire_cancel_token_copy(const struct wire_cancel_token *from)
{
    struct wire_cancel_token *token = alloc_zeroed(sizeof *token);
    if (token == NULL) {
        return NULL;
    }
    *token = *from;
    token->unix_path = NULL;
    token->address = NULL;
    token->host_name = NULL;
    token->source_host = NULL;
    token->root_cert = NULL;
    token->cert = NULL;
    token->key = NULL;
    secret_init(&token->key_password);
    token->crl = NULL;
    if (secret_copy(&token->key_password, &from->key_password) != 0 ||
        !copy_text(&token->unix_path, from->unix_path) ||
        !copy_text(&token->address, from->address) ||
        !copy_text(&token->host_name, from->host_name) ||
        !copy_text(&token->source_host, from->source_host) ||
        !copy_text(&token->root_cert, from->root_cert) || !copy_text(&token->cert, from->cert) ||
        !copy_text(&token->key, from->key) || !copy_text(&token->crl, from->crl)) {
        wire_cancel_token_free(token);
        return NULL;
    }
    return token;
}

/* Where the stream beneath conn actually leads. */
static int find_peer(struct wire_cancel_token *token, int fd, char *problem,
                     size_t problem_size)
{
    struct sockaddr_storage peer;
    socklen_t peer_length = sizeof peer;
    memset(&peer, 0, sizeof peer);
    if (fd < 0 || getpeername(fd, (struct sockaddr *)&peer, &peer_length) != 0) {
        (void)snprintf(problem, problem_size,
                       "the server's address could not be read from the connection");
        return -1;
    }
    if (peer.ss_family == AF_UNIX) {
        const struct sockaddr_un *unix_peer = (const struct sockaddr_un *)&peer;
        size_t offset = offsetof(struct sockaddr_un, sun_path);
        size_t path_length =
            peer_length > offset ? strnlen(unix_peer->sun_path, peer_length - offset) : 0;
        if (path_length == 0) {
            (void)snprintf(problem, problem_size,
                           "the connection's Unix socket has no path to connect to again");
            return -1;
        }
        token->transport = CANCEL_VIA_UNIX;
        token->unix_path = alloc_strndup(unix_peer->sun_path, path_length);
        return token->unix_path != NULL ? 0 : -1;
    }
    if (peer.ss_family != AF_INET && peer.ss_family != AF_INET6) {
        (void)snprintf(problem, problem_size,
                       "the connection's address family %d cannot be reached again",
                       (int)peer.ss_family);
        return -1;
    }
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (getnameinfo((const struct sockaddr *)&peer, peer_length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        (void)snprintf(problem, problem_size, "the server's address could not be written out");
        return -1;
    }
    unsigned long port = 0;
    for (const char *digit = service; *digit != '\0'; digit++) {
        if (*digit < '0' || *digit > '9' || port > 65535) {
            (void)snprintf(problem, problem_size, "the server's port could not be read");
            return -1;
        }
        port = port * 10 + (unsigned long)(*digit - '0');
    }
    if (port == 0 || port > 65535) {
        (void)snprintf(problem, problem_size, "the server's port could not be read");
        return -1;
    }
    token->transport = CANCEL_VIA_TCP;
    token->port = (uint16_t)port;
    token->address = alloc_strdup(host);
    return token->address != NULL ? 0 : -1;
}

void wire_cancel_token_make(struct wire_conn *conn, const struct connect_params *params)
{
    wire_cancel_token_free(conn->cancel_token);
    conn->cancel_token = NULL;
    char *problem = conn->cancel_problem;
    size_t problem_size = sizeof conn->cancel_problem;
    if (!conn->has_backend_key) {
        (void)snprintf(problem, problem_size,
                       "the server sent no cancel key (BackendKeyData) for this session");
        return;
    }
    struct wire_cancel_token *token = alloc_zeroed(sizeof *token);
    if (token == NULL) {
        (void)snprintf(problem, problem_size, "out of memory keeping the cancel key");
        return;
    }
    secret_init(&token->key_password);
    token->backend_pid = conn->backend_pid;
    token->backend_key = conn->backend_key;
    token->has_tls = conn->has_tls;
    token->ssl_mode = params->ssl.mode;
    token->min_protocol = params->ssl.min_protocol;
    token->max_protocol = params->ssl.max_protocol;
    token->timeout_ms = params->has_timeout && params->timeout_ms > 0 ? params->timeout_ms : 0;
    (void)snprintf(problem, problem_size, "out of memory keeping the cancel key");
    bool is_copied = true;
    if (params->unix_sock != NULL) {
        token->transport = CANCEL_VIA_UNIX;
        token->port = params->port;
        is_copied = copy_text(&token->unix_path, params->unix_sock);
    } else if (find_peer(token, conn->stream != NULL ? conn->stream->fd : -1, problem,
                         problem_size) != 0) {
        wire_cancel_token_free(token);
        return;
    }
    is_copied = is_copied && copy_text(&token->host_name, params->host);
    if (params->has_source_address && token->transport == CANCEL_VIA_TCP) {
        is_copied = is_copied && copy_text(&token->source_host, params->source_host);
    }
    if (token->has_tls) {
        is_copied = is_copied && copy_text(&token->root_cert, params->ssl.root_cert) &&
                    copy_text(&token->cert, params->ssl.cert) &&
                    copy_text(&token->key, params->ssl.key) &&
                    secret_copy(&token->key_password, &params->ssl.key_password) == 0 &&
                    copy_text(&token->crl, params->ssl.crl);
    }
    if (!is_copied) {
        wire_cancel_token_free(token);
        return;
    }
    conn->cancel_token = token;
    problem[0] = '\0';
}

struct wire_cancel_token *wire_cancel_token_new(const struct wire_conn *conn,
                                                struct error *error)
{
    if (conn == NULL) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR, "there is no connection to cancel on");
        return NULL;
    }
    if (conn->cancel_token == NULL) {
        error_set(error, WIRE_SQLSTATE_LINK_FAILURE, "statements on this connection cannot be "
                  "cancelled: %s", conn->cancel_problem);
        return NULL;
    }
    struct wire_cancel_token *copy = wire_cancel_token_copy(conn->cancel_token);
    if (copy == NULL) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory copying the cancel key");
    }
    return copy;
}

static void describe_target(const struct wire_cancel_token *token, char *out, size_t capacity)
{
    if (token->transport == CANCEL_VIA_UNIX) {
        (void)snprintf(out, capacity, "%s", token->unix_path);
    } else if (strchr(token->address, ':') != NULL) {
        (void)snprintf(out, capacity, "[%s]:%u", token->address, (unsigned)token->port);
    } else {
        (void)snprintf(out, capacity, "%s:%u", token->address, (unsigned)token->port);
    }
}

static int open_stream(const struct wire_cancel_token *token, const struct deadline *deadline,
                       struct net_stream **out, struct error *error)
{
    if (token->transport == CANCEL_VIA_UNIX) {
        return net_unix_connect(token->unix_path, token->port, deadline, out, error);
    }
    struct net_tcp_options options = {
        .has_source_address = token->source_host != NULL,
        .source_host = token->source_host,
        .source_port = 0, /* the session's own port is taken */
        .keepalive = false,
    };
    return net_tcp_connect(token->address, token->port, &options, deadline, out, error);
}

static void put_u32(unsigned char *at, uint32_t value)
{
    at[0] = (unsigned char)(value >> 24);
    at[1] = (unsigned char)(value >> 16);
    at[2] = (unsigned char)(value >> 8);
    at[3] = (unsigned char)value;
}

/* SSLRequest, its one-byte answer, the handshake: as the session did. */
static int start_tls(const struct wire_cancel_token *token, struct net_stream **stream,
                     const struct deadline *deadline, struct error *error)
{
    unsigned char ssl_request[8];
    put_u32(ssl_request, sizeof ssl_request);
    put_u32(ssl_request + 4, WIRE_SSL_REQUEST_CODE);
    if (net_stream_write_all(*stream, ssl_request, sizeof ssl_request, deadline, error) != 0) {
        return -1;
    }
    unsigned char answer = 0;
    if (net_stream_read(*stream, &answer, 1, deadline, error) != 1) {
        error_set(error, WIRE_SQLSTATE_LINK_FAILURE,
                  "the server closed the connection after the SSLRequest");
        return -1;
    }
    if (answer != WIRE_SSL_ACCEPTED) {
        error_set(error, WIRE_SQLSTATE_LINK_FAILURE,
                  "the server refused TLS for the cancel request (answer 0x%02x), though the "
                  "session uses TLS",
                  (unsigned)answer);
        return -1;
    }
    struct net_tls_config config = {
        .verify_chain = token->ssl_mode == PARAMS_SSL_VERIFY_CA ||
                        token->ssl_mode == PARAMS_SSL_VERIFY_FULL,
        .verify_host_name = token->ssl_mode == PARAMS_SSL_VERIFY_FULL,
        .host_name = token->host_name,
        .root_cert = token->root_cert,
        .cert = token->cert,
        .key = token->key,
        .key_password = &token->key_password,
        .min_protocol = token->min_protocol,
        .max_protocol = token->max_protocol,
        .crl = token->crl,
    };
    struct net_stream *plain = *stream;
    *stream = NULL; /* net_tls_start owns it now, and closes it on failure */
    return net_tls_start(plain, &config, deadline, stream, error);
}

int wire_cancel_send(const struct wire_cancel_token *token, int64_t timeout_ms,
                     struct error *error)
{
    if (token == NULL) {
        error_set(error, WIRE_SQLSTATE_SEQUENCE_ERROR, "there is no cancel key to send");
        return -1;
    }
    if (timeout_ms <= 0) {
        timeout_ms = token->timeout_ms > 0 ? token->timeout_ms : WIRE_CANCEL_DEFAULT_TIMEOUT_MS;
    }
    struct deadline deadline = deadline_after_ms(timeout_ms);
    char target[400];
    describe_target(token, target, sizeof target);
    struct net_stream *stream = NULL;
    if (open_stream(token, &deadline, &stream, error) != 0 ||
        (token->has_tls && start_tls(token, &stream, &deadline, error) != 0)) {
        net_stream_close(stream);
        error_override_sqlstate(error, WIRE_SQLSTATE_CONNECT_FAILED);
        error_add_context(error, "sending a cancel request to %s", target);
        return -1;
    }
    unsigned char request[WIRE_CANCEL_REQUEST_BYTES];
    put_u32(request, WIRE_CANCEL_REQUEST_BYTES);
    put_u32(request + 4, WIRE_CANCEL_REQUEST_CODE);
    put_u32(request + 8, (uint32_t)token->backend_pid);
    put_u32(request + 12, token->backend_key);
    if (trace_is_enabled(TRACE_LEVEL_PROTOCOL)) {
        wire_trace_sent(request, sizeof request); /* name and length: never the key */
    }
    if (net_stream_write_all(stream, request, sizeof request, &deadline, error) != 0) {
        net_stream_close(stream);
        error_add_context(error, "sending a cancel request to %s", target);
        return -1;
    }
    /* The server answers nothing and closes once it has acted: waiting for
     * that close means the cancel was processed before this returns. The
     * wait is short: the request is delivered, and a server (or network)
     * that does not close at once must not hold the caller, whose query
     * timeout is already running out. */
    struct deadline close_wait =
        deadline_earlier(deadline, deadline_after_ms(WIRE_CANCEL_CLOSE_WAIT_MS));
    unsigned char ignored[64];
    struct error closed;
    error_init(&closed);
    while (net_stream_read(stream, ignored, sizeof ignored, &close_wait, &closed) > 0) {
    }
    net_stream_close(stream);
    return 0;
}
