/* struct connect_params: the specification's connect parameters, typed.
 * (../shared/spec/connection-management.md; keywords in KEYWORDS.md.)
 * Owns: its strings and the password secret. connstr/ fills it, wire/
 * reads it, and neither depends on the other: that is why it has a folder.
 * Names and defaults follow the specification. */
#ifndef PGO_PARAMS_CONNECT_PARAMS_H
#define PGO_PARAMS_CONNECT_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"
#include "util/secret.h"

#define PARAMS_DEFAULT_HOST "localhost"
#define PARAMS_DEFAULT_PORT 5432

enum params_ssl_mode {
    PARAMS_SSL_DISABLE = 0,
    PARAMS_SSL_ALLOW,
    PARAMS_SSL_PREFER, /* the default */
    PARAMS_SSL_REQUIRE,
    PARAMS_SSL_VERIFY_CA,
    PARAMS_SSL_VERIFY_FULL
};

enum params_replication {
    PARAMS_REPLICATION_NONE = 0,
    PARAMS_REPLICATION_DATABASE, /* logical: "database" */
    PARAMS_REPLICATION_PHYSICAL  /* sent to the server as "true" */
};

/* ssl_context: the TLS context as a typed mode and PEM file paths. */
struct params_ssl {
    enum params_ssl_mode mode;
    bool is_mode_given; /* SSLMode was set (not the default) */
    char *root_cert; /* NULL: ~/.postgresql/root.crt when verifying;
                        "system": the system's trusted roots (PARAMS_SSL_ROOT_CERT_SYSTEM) */
    char *cert;      /* client certificate, NULL = none */
    char *key;       /* client key, NULL = none */
    struct secret key_password; /* SSLPassword: the client key's passphrase; unset = none */
    char *crl;       /* NULL = none */
    /* SSLMinProtocolVersion / SSLMaxProtocolVersion as TLS wire versions
     * (0x0301 TLSv1 ... 0x0304 TLSv1.3); max 0: no upper bound. */
    uint16_t min_protocol;
    uint16_t max_protocol;
};

#define PARAMS_TLS_DEFAULT_MIN_PROTOCOL 0x0303 /* TLSv1.2, libpq's default since 13 */
/* SSLRootCert's special value, as libpq's sslrootcert=system: OpenSSL's
 * default trust store (SSL_CERT_FILE / SSL_CERT_DIR honoured). */
#define PARAMS_SSL_ROOT_CERT_SYSTEM "system"

/* TargetSessionAttrs: which server of a host list is acceptable. */
enum params_target_session {
    PARAMS_TARGET_ANY = 0,
    PARAMS_TARGET_READ_WRITE,
    PARAMS_TARGET_READ_ONLY,
    PARAMS_TARGET_PRIMARY,
    PARAMS_TARGET_STANDBY,
    PARAMS_TARGET_PREFER_STANDBY
};

/* LoadBalanceHosts: the order the hosts are tried in. */
enum params_load_balance {
    PARAMS_LOAD_BALANCE_DISABLE = 0, /* as listed */
    PARAMS_LOAD_BALANCE_RANDOM       /* shuffled for every connect */
};

/* ChannelBinding: whether SCRAM binds itself to the TLS session
 * (SCRAM-SHA-256-PLUS, tls-server-end-point), as libpq's channel_binding. */
enum params_channel_binding {
    PARAMS_CHANNEL_BINDING_PREFER = 0, /* the default: when TLS is up and the server offers it */
    PARAMS_CHANNEL_BINDING_DISABLE,    /* never, even when offered */
    PARAMS_CHANNEL_BINDING_REQUIRE     /* only SCRAM-SHA-256-PLUS authenticates the server */
};

/* RequireAuth: the authentication methods the server may ask for, as
 * bits (libpq's require_auth). gss and sspi are named so that libpq's
 * values parse; pgodbc refuses those methods whatever the mask says. */
enum params_auth_method {
    PARAMS_AUTH_NONE = 1u << 0,     /* trust: AuthenticationOk with nothing asked */
    PARAMS_AUTH_PASSWORD = 1u << 1, /* a cleartext password */
    PARAMS_AUTH_MD5 = 1u << 2,
    PARAMS_AUTH_SCRAM = 1u << 3,    /* scram-sha-256, with or without -PLUS */
    PARAMS_AUTH_GSS = 1u << 4,
    PARAMS_AUTH_SSPI = 1u << 5
};
#define PARAMS_AUTH_ALL 0x3Fu

/* One entry of the host list with its port: a Server entry (a host name
 * or address), or a UnixSock entry (a socket file or the directory holding
 * .s.PGSQL.<port>). */
struct params_host {
    char *name;
    uint16_t port;
    bool is_socket;
    /* The password file's password for this host and port (connstr/pgpass.c
     * fills it for a list of several hosts when PWD was not given); unset
     * otherwise. libpq looks the password up per host, with its own port. */
    struct secret password;
};

struct params_startup_param {
    char *name;
    char *value;
};

struct connect_params {
    char *user;           /* required */
    char *host;           /* never NULL after params_init: "localhost"; the first host */
    char *database;       /* NULL: the server uses the user name */
    uint16_t port;        /* 1..65535, default 5432; the first host's port */
    /* The hosts to try, with their ports (connstr fills them from Server,
     * or from UnixSock when it is set, paired with Port; host_count 0 means
     * host, port and unix_sock alone). hosts[0] is the first of them. */
    struct params_host *hosts;
    size_t host_count;
    char *host_list;      /* Server as given when it lists several hosts, else NULL */
    char *port_list;      /* Port as given when it lists several ports, else NULL */
    enum params_target_session target_session;
    enum params_load_balance load_balance;
    struct secret password;

    bool has_source_address;
    char *source_host;    /* local address to bind; set when has_source_address */
    uint16_t source_port; /* 0 = any */

    char *unix_sock;      /* socket file, or directory holding .s.PGSQL.<port>;
                             as given, so possibly a list (see hosts) */

    struct params_ssl ssl;
    enum params_channel_binding channel_binding;
    unsigned allowed_auth; /* enum params_auth_method bits; PARAMS_AUTH_ALL by default */

    bool has_timeout;
    int64_t timeout_ms;   /* connecting, and each read or write */
    /* LoginTimeout (libpq's connect_timeout, PGCONNECT_TIMEOUT): bounds
     * connecting only, as SQL_ATTR_LOGIN_TIMEOUT does; 0: none. */
    int64_t login_timeout_ms;

    bool tcp_keepalive;   /* default true */
    /* libpq's keepalives_idle, keepalives_interval (seconds),
     * keepalives_count and tcp_user_timeout (milliseconds); 0: the
     * system's setting. */
    uint32_t keepalives_idle_s;
    uint32_t keepalives_interval_s;
    uint32_t keepalives_count;
    uint32_t tcp_user_timeout_ms;
    char *application_name;
    char *options;        /* libpq's options: the "options" startup parameter
                             (server command-line switches, "-c name=value") */
    enum params_replication replication;

    struct params_startup_param *startup_params;
    size_t startup_param_count;

    bool has_sock;
    int sock;             /* adopted descriptor, closed at disconnect */
};

/* Sets every default of the specification. Returns -1 only when out of memory. */
int params_init(struct connect_params *params) PGO_MUST_CHECK;
/* Frees strings, wipes the password; params may be params_init'ed again. */
void params_reset(struct connect_params *params);

/* Replaces a string field with a copy of text (NULL clears it). */
int params_set_string(char **field, const char *text, size_t length) PGO_MUST_CHECK;
/* Appends one startup parameter (copies both). */
int params_add_startup_param(struct connect_params *params, const char *name,
                             size_t name_length, const char *value,
                             size_t value_length) PGO_MUST_CHECK;

/* Appends one host with its port (copies name); is_socket: name is a
 * socket path. Its password starts unset. */
int params_add_host(struct connect_params *params, const char *name, size_t name_length,
                    uint16_t port, bool is_socket) PGO_MUST_CHECK;

const char *params_ssl_mode_name(enum params_ssl_mode mode);
/* "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" for a wire version, "" otherwise. */
const char *params_tls_protocol_name(uint16_t protocol);
const char *params_target_session_name(enum params_target_session target);
const char *params_channel_binding_name(enum params_channel_binding binding);
/* require_auth's name of one method bit ("password", "scram-sha-256"...). */
const char *params_auth_method_name(enum params_auth_method method);
const char *params_replication_wire_value(enum params_replication replication);

#endif
