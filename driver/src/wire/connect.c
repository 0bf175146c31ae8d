/* Connecting: transport, TLS policy, startup, authentication, ReadyForQuery.
 * Owns: the transport order (unix_sock, then sock, then host), the
 * sslmode policy with its retries (allow: plain, then TLS once when the
 * login is refused for lack of encryption; prefer: TLS, plain when the
 * server answers 'N' or refuses the TLS login with 28000), the SSLRequest
 * exchange (its one-byte answer is the only thing read before the
 * handshake), the connect deadline, the session start state machine, and
 * the walk over a host list (Server or UnixSock entries: order,
 * TargetSessionAttrs, each host's password, the list's diagnostic), and
 * the host reached (wire_conn_host).
 * Leaves sockets and TLS to net/, authentication to auth.c, message
 * parsing to startup.c and notice.c.
 * Protocol: "Start-up" and "SSL Session Encryption" (protocol-flow.html,
 * PostgreSQL 15); policy: KEYWORDS.md and connection-management.md. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "net/endpoints.h"
#include "util/crypto.h"
#include "net/tls.h"
#include "wire/auth.h"
#include "wire/conn_internal.h"
#include "wire/frame.h"
#include "wire/messages.h"
#include "wire/notice.h"
#include "wire/session_target.h"
#include "wire/startup.h"

enum tls_policy {
    TLS_NEVER,     /* no SSLRequest */
    TLS_PREFERRED, /* SSLRequest; 'N' means plain text */
    TLS_REQUIRED   /* SSLRequest; 'N' is an error */
};

struct session_outcome {
    bool has_used_tls;
};

static bool is_refused_for_encryption(const struct error *error)
{
    /* pg_hba.conf: "no pg_hba.conf entry for ..., no encryption" (hostssl)
     * or "..., SSL encryption" (hostnossl) are 28000 from the server. */
    return error->origin == ERROR_ORIGIN_SERVER &&
           strcmp(error->sqlstate, WIRE_SQLSTATE_INVALID_AUTHORIZATION) == 0;
}

/* A transport that could not be opened is 08001 while connecting (the
 * layer below says why in the message), except when it ran out of memory:
 * that stays HY001, which the ODBC layer reports as it is. */
static bool is_out_of_memory(const struct error *error)
{
    return strcmp(error->sqlstate, WIRE_SQLSTATE_NO_MEMORY) == 0;
}

static void mark_transport_failure(struct error *error)
{
    if (!is_out_of_memory(error))
        error_override_sqlstate(error, WIRE_SQLSTATE_CONNECT_FAILED);
}

static int negotiate_tls(struct wire_conn *conn, const struct connect_params *params,
                         enum tls_policy policy, struct error *error)
{
    if (wire_startup_build_ssl_request(&conn->out) != 0) {
        buf_clear(&conn->out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building the SSLRequest");
        return -1;
    }
    if (wire_conn_flush(conn, false, error) != 0) {
        return -1;
    }
    /* Exactly one byte: nothing the server sends before the handshake may
     * be taken for data after it (CVE-2021-23222). */
    unsigned char answer = 0;
    struct deadline deadline = wire_conn_io_deadline(conn);
    long got = net_stream_read(conn->stream, &answer, 1, &deadline, error);
    if (got != 1) {
        if (!error_is_set(error)) {
            error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                      "the server closed the connection after the SSLRequest");
        }
        wire_conn_fail_transport(conn, error);
        return -1;
    }
    if (answer == WIRE_SSL_REFUSED) {
        if (policy == TLS_REQUIRED) {
            bool is_for_binding = params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE &&
                                  params->ssl.mode < PARAMS_SSL_REQUIRE;
            error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                      "the server does not support TLS but %s%s",
                      is_for_binding ? "ChannelBinding=require needs it with SSLMode="
                                     : "SSLMode=",
                      params_ssl_mode_name(params->ssl.mode));
            wire_conn_mark_broken(conn, error);
            return -1;
        }
        return 0;
    }
    if (answer != WIRE_SSL_ACCEPTED) {
        wire_conn_fail_protocol(conn, error,
                                "the server answered the SSLRequest with byte 0x%02x; 'S' or "
                                "'N' was expected",
                                (unsigned)answer);
        return -1;
    }
    if (net_stream_pending(conn->stream) > 0 || conn->in.length > conn->in_consumed) {
        wire_conn_fail_protocol(conn, error,
                                "the server sent unencrypted bytes after accepting TLS, "
                                "before the handshake");
        return -1;
    }
    struct net_tls_config config = {
        .verify_chain = params->ssl.mode == PARAMS_SSL_VERIFY_CA ||
                        params->ssl.mode == PARAMS_SSL_VERIFY_FULL,
        .verify_host_name = params->ssl.mode == PARAMS_SSL_VERIFY_FULL,
        .host_name = params->host,
        .root_cert = params->ssl.root_cert,
        .cert = params->ssl.cert,
        .key = params->ssl.key,
        .key_password = &params->ssl.key_password,
        .min_protocol = params->ssl.min_protocol,
        .max_protocol = params->ssl.max_protocol,
        .crl = params->ssl.crl,
    };
    struct net_stream *tls = NULL;
    struct net_stream *plain = conn->stream;
    conn->stream = NULL; /* net_tls_start owns it now, and closes it on failure */
    if (net_tls_start(plain, &config, &deadline, &tls, error) != 0) {
        mark_transport_failure(error);
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    conn->stream = tls;
    conn->has_tls = true;
    return 0;
}

static void keep_server_error(struct error *error, const struct error *server)
{
    if (!error_is_set(error)) {
        *error = *server;
    }
}

static int fail_with_server_error(struct wire_conn *conn, const struct wire_frame *frame,
                                  struct error *error)
{
    struct error server;
    if (wire_notice_parse(frame->body, frame->length_bytes, &server, error) != 0) {
        wire_conn_mark_broken(conn, error);
        return -1;
    }
    keep_server_error(error, &server);
    wire_conn_mark_broken(conn, error); /* the server closes after a startup error */
    return -1;
}

/* StartupMessage, then authentication, then the statuses up to
 * ReadyForQuery. */
static int start_session(struct wire_conn *conn, const struct connect_params *params,
                         struct wire_auth *auth, struct error *error)
{
    if (wire_startup_build_message(params, &conn->out, error) != 0) {
        return -1;
    }
    if (wire_conn_flush(conn, false, error) != 0) {
        return -1;
    }
    bool is_authenticated = false;
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
        if (frame.type == WIRE_MSG_ERROR_RESPONSE) {
            return fail_with_server_error(conn, &frame, error);
        }
        if (frame.type == WIRE_MSG_NEGOTIATE_PROTOCOL_VERSION && !is_authenticated) {
            int refused = wire_startup_refuse_negotiation(frame.body, frame.length_bytes, error);
            wire_conn_mark_broken(conn, error);
            return refused;
        }
        if (frame.type == WIRE_MSG_AUTHENTICATION && !is_authenticated) {
            if (wire_auth_handle(conn, auth, frame.body, frame.length_bytes,
                                 &is_authenticated, error) != 0) {
                wire_conn_mark_broken(conn, error);
                return -1;
            }
            continue;
        }
        if (frame.type == WIRE_MSG_BACKEND_KEY_DATA && is_authenticated) {
            if (wire_startup_parse_backend_key(frame.body, frame.length_bytes,
                                               &conn->backend_pid, &conn->backend_key,
                                               error) != 0) {
                wire_conn_mark_broken(conn, error);
                return -1;
            }
            conn->has_backend_key = true;
            continue;
        }
        if (frame.type == WIRE_MSG_READY_FOR_QUERY && is_authenticated) {
            if (wire_startup_parse_ready(frame.body, frame.length_bytes,
                                         &conn->transaction_status, error) != 0) {
                wire_conn_mark_broken(conn, error);
                return -1;
            }
            return 0;
        }
        wire_conn_fail_protocol(conn, error,
                                "the server sent a message %s %s, which the protocol does not "
                                "allow there",
                                wire_message_name(frame.type),
                                is_authenticated ? "after authentication"
                                                 : "during authentication");
        return -1;
    }
}

/* What wire_conn_host and wire_conn_port answer: the host of params,
 * which connecting narrowed to the host it is trying (narrow_to_host). */
static void remember_host(struct wire_conn *conn, const struct connect_params *params)
{
    const char *host = params->unix_sock != NULL ? params->unix_sock : params->host;
    /* Fits: a name that connected is at most NI_MAXHOST - 1 bytes for
     * getaddrinfo, and a socket path shorter still (sun_path). */
    (void)snprintf(conn->connected_host, sizeof conn->connected_host, "%s",
                   host != NULL ? host : "");
    conn->connected_port = params->port;
}

const char *wire_conn_host(const struct wire_conn *conn)
{
    return conn->connected_host;
}

uint16_t wire_conn_port(const struct wire_conn *conn)
{
    return conn->connected_port;
}

static int run_session(struct net_stream *stream, const struct connect_params *params,
                       const struct deadline *deadline, enum tls_policy policy,
                       const struct notice_sink *notices, struct wire_conn **out,
                       struct session_outcome *outcome, struct error *error)
{
    struct wire_conn *conn = NULL;
    if (wire_conn_new(stream, params, notices, &conn, error) != 0) {
        return -1;
    }
    conn->is_connecting = true;
    conn->connect_deadline = *deadline;
    if (policy != TLS_NEVER && negotiate_tls(conn, params, policy, error) != 0) {
        wire_conn_free(conn);
        return -1;
    }
    outcome->has_used_tls = conn->has_tls;
    struct wire_auth auth;
    wire_auth_init(&auth);
    int result = start_session(conn, params, &auth, error);
    wire_auth_reset(&auth);
    if (result != 0) {
        wire_conn_free(conn);
        return -1;
    }
    conn->is_connecting = false;
    remember_host(conn, params);
    wire_cancel_token_make(conn, params);
    conn->params = NULL;
    conn->state = WIRE_STATE_IDLE;
    *out = conn;
    return 0;
}

int wire_connect_over_stream(struct net_stream *stream, const struct connect_params *params,
                             const struct deadline *deadline, bool negotiate_tls,
                             const struct notice_sink *notices, struct wire_conn **out,
                             struct error *error)
{
    enum tls_policy policy = TLS_NEVER;
    if (negotiate_tls) {
        policy = params->ssl.mode >= PARAMS_SSL_REQUIRE ? TLS_REQUIRED : TLS_PREFERRED;
    }
    struct session_outcome outcome = {false};
    return run_session(stream, params, deadline, policy, notices, out, &outcome, error);
}

/* "connecting to db1:5432", "[::1]:5432", or the socket path. */
static void describe_target(const struct connect_params *params, char *out, size_t capacity)
{
    if (params->unix_sock != NULL) {
        (void)snprintf(out, capacity, "%s (port %u)", params->unix_sock,
                       (unsigned)params->port);
    } else if (params->has_sock) {
        (void)snprintf(out, capacity, "the adopted socket %d", params->sock);
    } else if (strchr(params->host, ':') != NULL && params->host[0] != '[') {
        (void)snprintf(out, capacity, "[%s]:%u", params->host, (unsigned)params->port);
    } else {
        (void)snprintf(out, capacity, "%s:%u", params->host, (unsigned)params->port);
    }
}

static int open_tcp(const struct connect_params *params, const struct deadline *deadline,
                    struct net_stream **out, struct error *error)
{
    struct net_tcp_options options = {
        .has_source_address = params->has_source_address,
        .source_host = params->source_host,
        .source_port = params->source_port,
        .keepalive = params->tcp_keepalive,
        .keepalive_idle_s = params->keepalives_idle_s,
        .keepalive_interval_s = params->keepalives_interval_s,
        .keepalive_count = params->keepalives_count,
        .user_timeout_ms = params->tcp_user_timeout_ms,
    };
    return net_tcp_connect(params->host, params->port, &options, deadline, out, error);
}

/* One TCP attempt: a new connection, then the session under policy. */
static int attempt_tcp(const struct connect_params *params, const struct deadline *deadline,
                       enum tls_policy policy, const struct notice_sink *notices,
                       struct wire_conn **out, struct session_outcome *outcome,
                       struct error *error)
{
    struct net_stream *stream = NULL;
    if (open_tcp(params, deadline, &stream, error) != 0) {
        mark_transport_failure(error);
        return -1;
    }
    return run_session(stream, params, deadline, policy, notices, out, outcome, error);
}

/* ChannelBinding=require turns allow and prefer into TLS only: no login
 * without TLS can bind the channel, so trying one first would only send
 * the request a man in the middle can answer. */
static enum tls_policy first_policy(const struct connect_params *params)
{
    switch (params->ssl.mode) {
    case PARAMS_SSL_DISABLE:
        return TLS_NEVER;
    case PARAMS_SSL_ALLOW:
        return params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE ? TLS_REQUIRED
                                                                        : TLS_NEVER;
    case PARAMS_SSL_PREFER:
        return params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE ? TLS_REQUIRED
                                                                        : TLS_PREFERRED;
    case PARAMS_SSL_REQUIRE:
    case PARAMS_SSL_VERIFY_CA:
    case PARAMS_SSL_VERIFY_FULL:
        return TLS_REQUIRED;
    }
    return TLS_PREFERRED;
}

static int connect_tcp(const struct connect_params *params, const struct deadline *deadline,
                       const struct notice_sink *notices, struct wire_conn **out,
                       struct error *error)
{
    struct session_outcome outcome = {false};
    enum params_ssl_mode mode = params->ssl.mode;
    if (attempt_tcp(params, deadline, first_policy(params), notices, out, &outcome, error) == 0) {
        return 0;
    }
    if (!is_refused_for_encryption(error)) {
        return -1;
    }
    if (mode == PARAMS_SSL_ALLOW) {
        notice_sink_warn(notices, WIRE_SQLSTATE_GENERAL_WARNING,
                         "the server refused the login without TLS (%s); retrying with TLS "
                         "(SSLMode=allow)",
                         error->message);
        error_init(error);
        return attempt_tcp(params, deadline, TLS_REQUIRED, notices, out, &outcome, error);
    }
    if (mode == PARAMS_SSL_PREFER && outcome.has_used_tls &&
        params->channel_binding != PARAMS_CHANNEL_BINDING_REQUIRE) {
        notice_sink_warn(notices, WIRE_SQLSTATE_GENERAL_WARNING,
                         "the server refused the login over TLS (%s); retrying without TLS "
                         "(SSLMode=prefer)",
                         error->message);
        error_init(error);
        return attempt_tcp(params, deadline, TLS_NEVER, notices, out, &outcome, error);
    }
    return -1;
}

static int connect_adopted(const struct connect_params *params, const struct deadline *deadline,
                           const struct notice_sink *notices, struct wire_conn **out,
                           struct error *error)
{
    struct net_stream *stream = NULL;
    if (net_adopt_socket(params->sock, params->tcp_keepalive, &stream, error) != 0) {
        (void)close(params->sock); /* on failure the descriptor is still ours */
        mark_transport_failure(error);
        return -1;
    }
    /* One descriptor, one attempt: the fallbacks need a new connection. */
    struct session_outcome outcome = {false};
    return run_session(stream, params, deadline, first_policy(params), notices, out,
                       &outcome, error);
}

static int connect_unix(const struct connect_params *params, const struct deadline *deadline,
                        const struct notice_sink *notices, struct wire_conn **out,
                        struct error *error)
{
    struct net_stream *stream = NULL;
    if (net_unix_connect(params->unix_sock, params->port, deadline, &stream, error) != 0) {
        mark_transport_failure(error);
        return -1;
    }
    /* PostgreSQL never offers TLS over a Unix socket; libpq ignores sslmode there. */
    struct session_outcome outcome = {false};
    return run_session(stream, params, deadline, TLS_NEVER, notices, out, &outcome, error);
}

/* ---- Several hosts (Server or UnixSock lists with Port, TargetSessionAttrs,
 * LoadBalanceHosts). Each host is one connect_tcp or connect_unix with its
 * own Timeout; the login timeout bounds them all. An authentication
 * failure ends the walk (a wrong password is not a reason to fail over),
 * as libpq does. */

/* one: params as seen for one host of the list: its name, port, transport
 * and password. A shallow copy: it borrows every pointer from params and
 * host, and lives no longer than the attempt. */
static void narrow_to_host(const struct connect_params *params, const struct params_host *host,
                           struct connect_params *one)
{
    *one = *params;
    one->host = host->is_socket ? params->host : host->name;
    one->unix_sock = host->is_socket ? host->name : NULL;
    one->port = host->port;
    one->hosts = NULL;
    one->host_count = 0;
    /* The password file's line for this host (connstr/pgpass.c) when the
     * connection string gave no password. */
    if (!secret_is_set(&params->password) && secret_is_set(&host->password)) {
        one->password = host->password;
    }
}

/* One host, by its transport. */
static int connect_one(const struct connect_params *one, const struct deadline *deadline,
                       const struct notice_sink *notices, struct wire_conn **out,
                       struct error *error)
{
    if (one->unix_sock != NULL) {
        return connect_unix(one, deadline, notices, out, error);
    }
    return connect_tcp(one, deadline, notices, out, error);
}

static void describe_host(const struct params_host *host, char *out, size_t capacity)
{
    if (host->is_socket) {
        (void)snprintf(out, capacity, "%s (port %u)", host->name, (unsigned)host->port);
    } else if (strchr(host->name, ':') != NULL) {
        (void)snprintf(out, capacity, "[%s]:%u", host->name, (unsigned)host->port);
    } else {
        (void)snprintf(out, capacity, "%s:%u", host->name, (unsigned)host->port);
    }
}

static void append_reason(char *summary, size_t capacity, const char *target,
                          const char *reason)
{
    size_t used = strlen(summary);
    if (used + 1 < capacity) {
        /* Cut at capacity: the reasons are in order, the first ones matter most. */
        int written = snprintf(summary + used, capacity - used, "%s%s: %s",
                               used > 0 ? "; " : "", target, reason);
        if (written < 0) {
            summary[used] = '\0';
        }
    }
}

static bool is_authentication_failure(const struct error *error)
{
    return strncmp(error->sqlstate, "28", 2) == 0;
}

/* order[i]: the hosts in the order LoadBalanceHosts asks for. */
static int order_hosts(const struct connect_params *params, size_t *order, struct error *error)
{
    for (size_t i = 0; i < params->host_count; i++) {
        order[i] = i;
    }
    if (params->load_balance != PARAMS_LOAD_BALANCE_RANDOM) {
        return 0;
    }
    for (size_t i = params->host_count; i > 1; i--) {
        uint32_t random_value = 0;
        if (crypto_random_bytes((unsigned char *)&random_value, sizeof random_value) != 0) {
            error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                      "no random bytes to shuffle the hosts (LoadBalanceHosts=random)");
            return -1;
        }
        size_t j = random_value % i;
        size_t kept = order[i - 1];
        order[i - 1] = order[j];
        order[j] = kept;
    }
    return 0;
}

/* One pass over the hosts for target. 1: connected; 0: none suited
 * (reasons appended); -1: stop (error set). */
/* A pass over the hosts: their order, which to skip (NULL: none), and
 * where to mark the hosts that connected but did not suit (NULL: nowhere). */
struct host_pass {
    const size_t *order;
    const bool *is_skipped;
    bool *is_reachable;
};

static int walk_hosts(const struct connect_params *params, const struct host_pass *pass,
                      enum params_target_session target, const struct deadline *login_deadline,
                      const struct notice_sink *notices, struct wire_conn **out, char *summary,
                      size_t summary_capacity, struct error *error)
{
    for (size_t k = 0; k < params->host_count; k++) {
        size_t index = pass->order[k];
        if (pass->is_skipped != NULL && pass->is_skipped[index]) {
            continue;
        }
        const struct params_host *host = &params->hosts[index];
        struct connect_params one;
        narrow_to_host(params, host, &one);
        struct deadline deadline =
            params->has_timeout ? deadline_after_ms(params->timeout_ms) : deadline_infinite();
        deadline = deadline_earlier(deadline, *login_deadline);
        char target_text[300];
        describe_host(host, target_text, sizeof target_text);
        struct error attempt;
        error_init(&attempt);
        struct wire_conn *conn = NULL;
        if (connect_one(&one, &deadline, notices, &conn, &attempt) != 0) {
            append_reason(summary, summary_capacity, target_text, attempt.message);
            if (is_out_of_memory(&attempt)) {
                /* The next host would need memory too. */
                *error = attempt;
                error_add_context(error, "connecting to %s", target_text);
                return -1;
            }
            if (is_authentication_failure(&attempt)) {
                *error = attempt;
                error_add_context(error, "connecting to %s (the other hosts were not tried "
                                         "after an authentication failure)",
                                  target_text);
                return -1;
            }
            if (!login_deadline->is_infinite && deadline_has_expired(login_deadline)) {
                return 0;
            }
            continue;
        }
        const char *rejection = NULL;
        if (wire_session_check_target(conn, target, &rejection, &attempt) != 0) {
            append_reason(summary, summary_capacity, target_text, attempt.message);
            wire_conn_free(conn);
            continue;
        }
        if (rejection != NULL) {
            if (pass->is_reachable != NULL) {
                pass->is_reachable[index] = true;
            }
            append_reason(summary, summary_capacity, target_text, rejection);
            wire_conn_free(conn);
            continue;
        }
        *out = conn;
        return 1;
    }
    return 0;
}

static int connect_hosts(const struct connect_params *params,
                         const struct deadline *login_deadline,
                         const struct notice_sink *notices, struct wire_conn **out,
                         struct error *error)
{
    size_t order_storage[64];
    if (params->host_count > sizeof order_storage / sizeof order_storage[0]) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED, "Server lists %zu hosts; at most %zu",
                  params->host_count, sizeof order_storage / sizeof order_storage[0]);
        return -1;
    }
    if (order_hosts(params, order_storage, error) != 0) {
        return -1;
    }
    char summary[ERROR_TEXT_MAX - 64];
    summary[0] = '\0';
    enum params_target_session target = params->target_session;
    bool is_reachable[sizeof order_storage / sizeof order_storage[0]] = {false};
    struct host_pass first = {order_storage, NULL, is_reachable};
    int walked = walk_hosts(params, &first, target, login_deadline, notices, out, summary,
                            sizeof summary, error);
    if (walked == 0 && target == PARAMS_TARGET_PREFER_STANDBY) {
        /* No standby: any server will do, among those that answered (a
         * host that failed is not waited for twice). */
        bool is_skipped[sizeof order_storage / sizeof order_storage[0]];
        for (size_t i = 0; i < params->host_count; i++) {
            is_skipped[i] = !is_reachable[i];
        }
        struct host_pass second = {order_storage, is_skipped, NULL};
        walked = walk_hosts(params, &second, PARAMS_TARGET_ANY, login_deadline, notices, out,
                            summary, sizeof summary, error);
    }
    if (walked > 0) {
        return 0;
    }
    if (walked == 0) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED, "no host of %zu accepted: %s",
                  params->host_count, summary);
    }
    return -1;
}

int wire_connect(const struct connect_params *params, int64_t login_timeout_ms,
                 const struct notice_sink *notices, struct wire_conn **out,
                 struct error *error)
{
    struct deadline deadline =
        params->has_timeout ? deadline_after_ms(params->timeout_ms) : deadline_infinite();
    struct deadline login_deadline = deadline_infinite();
    if (login_timeout_ms > 0) {
        login_deadline = deadline_after_ms(login_timeout_ms);
        deadline = deadline_earlier(deadline, login_deadline);
    }
    struct wire_conn *conn = NULL;
    int result;
    /* A single host: params narrowed to it, so that a UnixSock entry
     * connects over its socket; host_count 0 (params not made by connstr/)
     * means host, port and unix_sock as they are. */
    struct connect_params one = *params;
    if (params->host_count == 1 && !params->has_sock) {
        narrow_to_host(params, &params->hosts[0], &one);
    }
    if (params->host_count == 0 && params->unix_sock != NULL) {
        result = connect_unix(params, &deadline, notices, &conn, error);
    } else if (params->has_sock) {
        result = connect_adopted(params, &deadline, notices, &conn, error);
    } else if (params->host_count > 1 ||
               (params->host_count == 1 && params->target_session != PARAMS_TARGET_ANY)) {
        if (connect_hosts(params, &login_deadline, notices, &conn, error) != 0) {
            if (!login_deadline.is_infinite && deadline_has_expired(&login_deadline)) {
                error_override_sqlstate(error, WIRE_SQLSTATE_TIMEOUT_EXPIRED);
                error_add_context(error, "login timeout of %lld ms expired",
                                  (long long)login_timeout_ms);
            }
            return -1;
        }
        *out = conn;
        return 0;
    } else {
        result = connect_one(&one, &deadline, notices, &conn, error);
    }
    if (result != 0) {
        if (error->origin != ERROR_ORIGIN_SERVER) {
            /* ODBC SQLDriverConnect: HYT00 when SQL_ATTR_LOGIN_TIMEOUT
             * expired; the Timeout keyword's own expiry stays 08001. */
            if (!login_deadline.is_infinite && deadline_has_expired(&login_deadline) &&
                login_deadline.at_ms <= deadline.at_ms) {
                error_override_sqlstate(error, WIRE_SQLSTATE_TIMEOUT_EXPIRED);
                error_add_context(error, "login timeout of %lld ms expired",
                                  (long long)login_timeout_ms);
            }
            char target[400];
            describe_target(&one, target, sizeof target);
            error_add_context(error, "connecting to %s", target);
        }
        return -1;
    }
    *out = conn;
    return 0;
}
