/* The keyword table: one row per connect parameter of ../shared/KEYWORDS.md,
 * per standard ODBC keyword (DSN, DRIVER, FILEDSN, SAVEFILE) and per driver
 * option (ParamStyle, StatementRollback, StatementCache, WideCharTypes,
 * FetchRefcursors, LargeObjects, PoolerMode: options.h), with its aliases, default, the function that validates and stores its value,
 * whether it is secret, and the help text messages quote.
 * Owns: the names users may type and how each value lands in struct
 * connect_params or struct connstr_options. Leaves the parsing of each value kind to values.c and
 * the grammar to grammar.c.
 *
 * An empty value means "not given" for every keyword: the default applies
 * (the specification says so for Database; DSN set-up tools write empty
 * entries for fields left blank). */
#include "connstr/keywords.h"

#include <string.h>

#include "connstr/options.h"
#include "connstr/values.h"
#include "util/parse.h"
#include "util/secret.h"

/* Values are at most CONNSTR_VALUE_MAX_BYTES, so they fit an int precision. */
static int shown_length(size_t length)
{
    return length > CONNSTR_VALUE_MAX_BYTES ? CONNSTR_VALUE_MAX_BYTES : (int)length;
}

void connstr_keyword_fail_value(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct error *error)
{
    if (keyword->is_secret) {
        error_set(error, "HY024", "The value of %s is not %s", keyword->name, keyword->help);
        return;
    }
    error_set(error, "HY024", "%s \"%.*s\" is not %s", keyword->name,
              shown_length(value_length), value, keyword->help);
}

static int fail_out_of_memory(const struct connstr_keyword *keyword, struct error *error)
{
    error_set(error, "HY001", "Out of memory while storing %s", keyword->name);
    return -1;
}

/* Stores text into a string field; empty text leaves the field alone. */
static int store_text(const struct connstr_keyword *keyword, char **field, const char *value,
                      size_t value_length, struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (params_set_string(field, value, value_length) != 0) {
        return fail_out_of_memory(keyword, error);
    }
    return 0;
}

static int apply_user(const struct connstr_keyword *keyword, const char *value,
                      size_t value_length, struct connect_params *params, struct error *error)
{
    return store_text(keyword, &params->user, value, value_length, error);
}

static int apply_host(const struct connstr_keyword *keyword, const char *value,
                      size_t value_length, struct connect_params *params, struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    /* A list ("a,b:..." is not a form: ports go to Port) is kept as given
     * for to_params.c; every entry must be a host. */
    const char *host = NULL;
    size_t host_length = 0;
    size_t offset = 0;
    const char *item;
    size_t item_length;
    while (connstr_value_next_list_item(value, value_length, &offset, &item, &item_length)) {
        const char *entry;
        size_t entry_length;
        if (!connstr_value_parse_host(item, item_length, &entry, &entry_length)) {
            connstr_keyword_fail_value(keyword, value, value_length, error);
            return -1;
        }
        if (host == NULL) {
            host = entry;
            host_length = entry_length;
        }
    }
    bool is_list = memchr(value, ',', value_length) != NULL;
    if (params_set_string(&params->host_list, is_list ? value : NULL, value_length) != 0) {
        return fail_out_of_memory(keyword, error);
    }
    return store_text(keyword, &params->host, host, host_length, error);
}

static int apply_database(const struct connstr_keyword *keyword, const char *value,
                          size_t value_length, struct connect_params *params,
                          struct error *error)
{
    return store_text(keyword, &params->database, value, value_length, error);
}

static int apply_port(const struct connstr_keyword *keyword, const char *value,
                      size_t value_length, struct connect_params *params, struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    uint16_t first = 0;
    size_t offset = 0;
    const char *item;
    size_t item_length;
    while (connstr_value_next_list_item(value, value_length, &offset, &item, &item_length)) {
        uint16_t port;
        if (!connstr_value_parse_port(item, item_length, &port)) {
            connstr_keyword_fail_value(keyword, value, value_length, error);
            return -1;
        }
        first = first == 0 ? port : first;
    }
    bool is_list = memchr(value, ',', value_length) != NULL;
    if (params_set_string(&params->port_list, is_list ? value : NULL, value_length) != 0) {
        return fail_out_of_memory(keyword, error);
    }
    params->port = first;
    return 0;
}

static int apply_target_session(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct connect_params *params,
                                struct error *error)
{
    if (value_length > 0 &&
        !connstr_value_parse_target_session(value, value_length, &params->target_session)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_load_balance(const struct connstr_keyword *keyword, const char *value,
                              size_t value_length, struct connect_params *params,
                              struct error *error)
{
    if (value_length > 0 &&
        !connstr_value_parse_load_balance(value, value_length, &params->load_balance)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_password(const struct connstr_keyword *keyword, const char *value,
                          size_t value_length, struct connect_params *params,
                          struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (secret_set(&params->password, value, value_length) != 0) {
        return fail_out_of_memory(keyword, error);
    }
    return 0;
}

static int apply_ssl_password(const struct connstr_keyword *keyword, const char *value,
                              size_t value_length, struct connect_params *params,
                              struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (secret_set(&params->ssl.key_password, value, value_length) != 0) {
        return fail_out_of_memory(keyword, error);
    }
    return 0;
}

static int apply_source_address(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct connect_params *params,
                                struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    const char *host;
    size_t host_length;
    uint16_t port;
    if (!connstr_value_parse_source_address(value, value_length, &host, &host_length,
                                            &port)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    if (store_text(keyword, &params->source_host, host, host_length, error) != 0) {
        return -1;
    }
    params->has_source_address = true;
    params->source_port = port;
    return 0;
}

static int apply_unix_sock(const struct connstr_keyword *keyword, const char *value,
                           size_t value_length, struct connect_params *params,
                           struct error *error)
{
    return store_text(keyword, &params->unix_sock, value, value_length, error);
}

static int apply_ssl_mode(const struct connstr_keyword *keyword, const char *value,
                          size_t value_length, struct connect_params *params,
                          struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_ssl_mode(value, value_length, &params->ssl.mode)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    params->ssl.is_mode_given = true;
    return 0;
}

static int apply_tls_protocol(const struct connstr_keyword *keyword, const char *value,
                              size_t value_length, uint16_t *field, struct error *error)
{
    if (value_length > 0 && !connstr_value_parse_tls_protocol(value, value_length, field)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_ssl_min_protocol(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connect_params *params,
                                  struct error *error)
{
    return apply_tls_protocol(keyword, value, value_length, &params->ssl.min_protocol, error);
}

static int apply_ssl_max_protocol(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connect_params *params,
                                  struct error *error)
{
    return apply_tls_protocol(keyword, value, value_length, &params->ssl.max_protocol, error);
}

static int apply_channel_binding(const struct connstr_keyword *keyword, const char *value,
                                 size_t value_length, struct connect_params *params,
                                 struct error *error)
{
    if (value_length > 0 &&
        !connstr_value_parse_channel_binding(value, value_length, &params->channel_binding)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_require_auth(const struct connstr_keyword *keyword, const char *value,
                              size_t value_length, struct connect_params *params,
                              struct error *error)
{
    if (value_length > 0 &&
        !connstr_value_parse_require_auth(value, value_length, &params->allowed_auth)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_ssl_root_cert(const struct connstr_keyword *keyword, const char *value,
                               size_t value_length, struct connect_params *params,
                               struct error *error)
{
    return store_text(keyword, &params->ssl.root_cert, value, value_length, error);
}

static int apply_ssl_cert(const struct connstr_keyword *keyword, const char *value,
                          size_t value_length, struct connect_params *params,
                          struct error *error)
{
    return store_text(keyword, &params->ssl.cert, value, value_length, error);
}

static int apply_ssl_key(const struct connstr_keyword *keyword, const char *value,
                         size_t value_length, struct connect_params *params,
                         struct error *error)
{
    return store_text(keyword, &params->ssl.key, value, value_length, error);
}

static int apply_ssl_crl(const struct connstr_keyword *keyword, const char *value,
                         size_t value_length, struct connect_params *params,
                         struct error *error)
{
    return store_text(keyword, &params->ssl.crl, value, value_length, error);
}

static int apply_timeout(const struct connstr_keyword *keyword, const char *value,
                         size_t value_length, struct connect_params *params,
                         struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_timeout(value, value_length, &params->has_timeout,
                                     &params->timeout_ms)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_login_timeout(const struct connstr_keyword *keyword, const char *value,
                               size_t value_length, struct connect_params *params,
                               struct error *error)
{
    bool has_timeout = false;
    if (value_length > 0 && !connstr_value_parse_timeout(value, value_length, &has_timeout,
                                                         &params->login_timeout_ms)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_tcp_keepalive(const struct connstr_keyword *keyword, const char *value,
                               size_t value_length, struct connect_params *params,
                               struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_bool(value, value_length, &params->tcp_keepalive)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

/* A whole number from 0 to max into *field (0: the system's setting). */
static int store_count(const struct connstr_keyword *keyword, const char *value,
                       size_t value_length, uint64_t max, uint32_t *field, struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    uint64_t number = 0;
    if (!parse_uint(value, value_length, max, &number)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    *field = (uint32_t)number;
    return 0;
}

/* Linux's limits for TCP_KEEPIDLE/TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT. */
#define KEEPALIVE_SECONDS_MAX 32767
#define KEEPALIVE_COUNT_MAX 127
#define USER_TIMEOUT_MS_MAX 2147483647

static int apply_keepalives_idle(const struct connstr_keyword *keyword, const char *value,
                                 size_t value_length, struct connect_params *params,
                                 struct error *error)
{
    return store_count(keyword, value, value_length, KEEPALIVE_SECONDS_MAX,
                       &params->keepalives_idle_s, error);
}

static int apply_keepalives_interval(const struct connstr_keyword *keyword, const char *value,
                                     size_t value_length, struct connect_params *params,
                                     struct error *error)
{
    return store_count(keyword, value, value_length, KEEPALIVE_SECONDS_MAX,
                       &params->keepalives_interval_s, error);
}

static int apply_keepalives_count(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connect_params *params,
                                  struct error *error)
{
    return store_count(keyword, value, value_length, KEEPALIVE_COUNT_MAX,
                       &params->keepalives_count, error);
}

static int apply_tcp_user_timeout(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connect_params *params,
                                  struct error *error)
{
    return store_count(keyword, value, value_length, USER_TIMEOUT_MS_MAX,
                       &params->tcp_user_timeout_ms, error);
}

static int apply_application_name(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connect_params *params,
                                  struct error *error)
{
    return store_text(keyword, &params->application_name, value, value_length, error);
}

static int apply_options(const struct connstr_keyword *keyword, const char *value,
                         size_t value_length, struct connect_params *params, struct error *error)
{
    return store_text(keyword, &params->options, value, value_length, error);
}

static int apply_replication(const struct connstr_keyword *keyword, const char *value,
                             size_t value_length, struct connect_params *params,
                             struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_replication(value, value_length, &params->replication)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_startup_params(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct connect_params *params,
                                struct error *error)
{
    return connstr_value_parse_startup_params(keyword->name, value, value_length, params,
                                              error);
}

static int apply_sock(const struct connstr_keyword *keyword, const char *value,
                      size_t value_length, struct connect_params *params, struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_socket(value, value_length, &params->sock)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    params->has_sock = true;
    return 0;
}

/* The driver options (options.h): each fills struct connstr_options. */

static int apply_param_style(const struct connstr_keyword *keyword, const char *value,
                             size_t value_length, struct connstr_options *options,
                             struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (parse_equals_ignore_case(value, value_length, "qmark")) {
        options->param_style = CONNSTR_PARAM_STYLE_QMARK;
    } else if (parse_equals_ignore_case(value, value_length, "format")) {
        options->param_style = CONNSTR_PARAM_STYLE_FORMAT;
    } else {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_statement_rollback(const struct connstr_keyword *keyword, const char *value,
                                    size_t value_length, struct connstr_options *options,
                                    struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_bool(value, value_length, &options->is_statement_rollback)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_fetch_refcursors(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connstr_options *options,
                                  struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_bool(value, value_length, &options->is_fetch_refcursors)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_large_objects(const struct connstr_keyword *keyword, const char *value,
                               size_t value_length, struct connstr_options *options,
                               struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (!connstr_value_parse_bool(value, value_length, &options->is_large_objects)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_pooler_mode(const struct connstr_keyword *keyword, const char *value,
                             size_t value_length, struct connstr_options *options,
                             struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    if (parse_equals_ignore_case(value, value_length, "session")) {
        options->pooler_mode = CONNSTR_POOLER_SESSION;
    } else if (parse_equals_ignore_case(value, value_length, "transaction")) {
        options->pooler_mode = CONNSTR_POOLER_TRANSACTION;
    } else {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

static int apply_statement_cache(const struct connstr_keyword *keyword, const char *value,
                                  size_t value_length, struct connstr_options *options,
                                  struct error *error)
{
    if (value_length == 0) {
        return 0;
    }
    uint64_t size;
    if (!parse_uint(value, value_length, CONNSTR_STATEMENT_CACHE_MAX, &size)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    options->statement_cache_size = (uint32_t)size;
    return 0;
}

static int apply_wide_char_types(const struct connstr_keyword *keyword, const char *value,
                                 size_t value_length, struct connstr_options *options,
                                 struct error *error)
{
    if (value_length == 0 || parse_equals_ignore_case(value, value_length, "auto")) {
        options->is_wide_char_types_given = false;
        return 0;
    }
    if (!connstr_value_parse_bool(value, value_length, &options->has_wide_char_types)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    options->is_wide_char_types_given = true;
    return 0;
}

/* Passfile is read by connstr_apply_passfile (pgpass.h) from the settings,
 * after the parameters are known; any path is accepted here. */
static int accept_passfile(const struct connstr_keyword *keyword, const char *value,
                           size_t value_length, struct connect_params *params,
                           struct error *error)
{
    (void)keyword;
    (void)value;
    (void)value_length;
    (void)params;
    (void)error;
    return 0;
}

/* Service is read by connstr_merge_service (service.h) before the DSN;
 * any name is accepted here. */
static int accept_service(const struct connstr_keyword *keyword, const char *value,
                          size_t value_length, struct connect_params *params,
                          struct error *error)
{
    return accept_passfile(keyword, value, value_length, params, error);
}

/* LibpqEnv is read by connstr_merge_environment; here it is only checked. */
static int check_libpq_env(const struct connstr_keyword *keyword, const char *value,
                           size_t value_length, struct connect_params *params,
                           struct error *error)
{
    (void)params;
    bool uses;
    if (value_length > 0 && !connstr_value_parse_bool(value, value_length, &uses)) {
        connstr_keyword_fail_value(keyword, value, value_length, error);
        return -1;
    }
    return 0;
}

/* An option row's apply (see keywords.h): validates into a scratch
 * struct connstr_options and stores nothing in params. */
static int check_option(const struct connstr_keyword *keyword, const char *value,
                        size_t value_length, struct connect_params *params,
                        struct error *error)
{
    (void)params;
    struct connstr_options scratch;
    connstr_options_init(&scratch);
    return keyword->apply_option(keyword, value, value_length, &scratch, error);
}

#define TEXT_OF(token) #token
#define EXPANDED_TEXT_OF(macro) TEXT_OF(macro)

/* A driver option's row: no aliases, never secret. */
#define OPTION_ROW(name, default_text, apply_option, help)                                   \
    {name, {NULL}, default_text, check_option, false, help, apply_option}

/* Row order is the order of KEYWORDS.md; the ODBC keywords come first so
 * that out-strings read naturally. Names are unique across the table,
 * ignoring case. The lower-case aliases that differ only in case from the
 * canonical name are listed because users and KEYWORDS.md spell them so. */
static const struct connstr_keyword keyword_table[] = {
    {"DSN", {NULL}, NULL, NULL, false, "a data source name from odbc.ini", NULL},
    {"DRIVER", {NULL}, NULL, NULL, false, "a driver name from odbcinst.ini or a path", NULL},
    {"FILEDSN", {NULL}, NULL, NULL, false, "the path of a .dsn file", NULL},
    {"SAVEFILE", {NULL}, NULL, NULL, false, "the path of a .dsn file to write", NULL},
    {"UID", {"User", "Username", NULL}, NULL, apply_user, false, "a role name", NULL},
    {"PWD", {"Password", NULL}, NULL, apply_password, true, "any text", NULL},
    {"Server", {"Host", "Servername", NULL}, PARAMS_DEFAULT_HOST, apply_host, false,
     "a host name or IP address (an IPv6 address may be written in brackets)", NULL},
    {"Database", {"DB", "DBName", NULL}, NULL, apply_database, false, "a database name", NULL},
    {"Port", {NULL}, "5432", apply_port, false, "a number from 1 to 65535", NULL},
    {"SourceAddress", {NULL}, NULL, apply_source_address, false,
     "host, host:port, [IPv6]:port or a bare IPv6 address, with a port from 0 to 65535", NULL},
    {"UnixSock", {"UnixSocket", NULL}, NULL, apply_unix_sock, false,
     "the path of a socket file or of the directory holding .s.PGSQL.<Port>", NULL},
    {"SSLMode", {"sslmode", NULL}, "prefer", apply_ssl_mode, false,
     "one of disable, allow, prefer, require, verify-ca, verify-full", NULL},
    {"SSLMinProtocolVersion", {"ssl_min_protocol_version", NULL}, "TLSv1.2",
     apply_ssl_min_protocol, false, "one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3", NULL},
    {"SSLMaxProtocolVersion", {"ssl_max_protocol_version", NULL}, NULL, apply_ssl_max_protocol,
     false, "one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3", NULL},
    {"ChannelBinding", {"channel_binding", NULL}, "prefer", apply_channel_binding, false,
     "one of disable, prefer, require", NULL},
    {"RequireAuth", {"require_auth", NULL}, NULL, apply_require_auth, false,
     "a comma-separated list of none, password, md5, scram-sha-256, gss, sspi: each named "
     "once, and either all or none of them negated with !",
     NULL},
    {"SSLRootCert", {"sslrootcert", NULL}, NULL, apply_ssl_root_cert, false,
     "the path of a PEM file of trusted certificates", NULL},
    {"SSLCert", {"sslcert", NULL}, NULL, apply_ssl_cert, false,
     "the path of a PEM client certificate", NULL},
    {"SSLKey", {"sslkey", NULL}, NULL, apply_ssl_key, false, "the path of a PEM client key", NULL},
    {"SSLPassword", {"sslpassword", NULL}, NULL, apply_ssl_password, true,
     "the passphrase of an encrypted SSLKey", NULL},
    {"SSLCRL", {"sslcrl", NULL}, NULL, apply_ssl_crl, false,
     "the path of a PEM certificate revocation list", NULL},
    {"Timeout", {"ConnectTimeout", NULL}, NULL, apply_timeout, false,
     "a number of seconds from 0 to 2147483, decimals allowed (0 waits forever)", NULL},
    {"LoginTimeout", {"connect_timeout", NULL}, NULL, apply_login_timeout, false,
     "a number of seconds from 0 to 2147483, decimals allowed (0 waits forever)", NULL},
    {"TCPKeepalive", {"Keepalive", "keepalives", NULL}, "1", apply_tcp_keepalive, false,
     "one of 1/0, yes/no, true/false, on/off", NULL},
    {"KeepalivesIdle", {"keepalives_idle", NULL}, NULL, apply_keepalives_idle, false,
     "a number of seconds from 0 (the system's) to 32767", NULL},
    {"KeepalivesInterval", {"keepalives_interval", NULL}, NULL, apply_keepalives_interval,
     false, "a number of seconds from 0 (the system's) to 32767", NULL},
    {"KeepalivesCount", {"keepalives_count", NULL}, NULL, apply_keepalives_count, false,
     "a number from 0 (the system's) to 127", NULL},
    {"TCPUserTimeout", {"tcp_user_timeout", NULL}, NULL, apply_tcp_user_timeout, false,
     "a number of milliseconds from 0 (the system's) to 2147483647", NULL},
    {"ApplicationName", {"application_name", NULL}, NULL, apply_application_name, false,
     "any text", NULL},
    {"Options", {"options", NULL}, NULL, apply_options, false,
     "server command-line switches, such as -c search_path=app", NULL},
    {"Replication", {NULL}, NULL, apply_replication, false,
     "one of database, physical, true (physical), false (none)", NULL},
    {"StartupParams", {NULL}, NULL, apply_startup_params, false,
     "{name=value;name=value}", NULL},
    {"Sock", {NULL}, NULL, apply_sock, false,
     "a socket descriptor number from 0 to 2147483647", NULL},
    {"Passfile", {"passfile", NULL}, NULL, accept_passfile, false,
     "the path of a password file (default: PGPASSFILE, else ~/.pgpass)", NULL},
    {"Service", {"service", NULL}, NULL, accept_service, false,
     "a service name from pg_service.conf", NULL},
    {"LibpqEnv", {NULL}, "1", check_libpq_env, false,
     "one of 1/0, yes/no, true/false, on/off", NULL},
    {"TargetSessionAttrs", {"target_session_attrs", NULL}, "any", apply_target_session, false,
     "one of any, read-write, read-only, primary, standby, prefer-standby", NULL},
    {"LoadBalanceHosts", {"load_balance_hosts", NULL}, "disable", apply_load_balance, false,
     "one of disable, random", NULL},

    /* Driver options (options.h), not connect parameters. */
    OPTION_ROW("ParamStyle", "qmark", apply_param_style, "one of qmark, format"),
    OPTION_ROW("StatementRollback", "0", apply_statement_rollback,
               "one of 1/0, yes/no, true/false, on/off"),
    OPTION_ROW("StatementCache", EXPANDED_TEXT_OF(CONNSTR_STATEMENT_CACHE_DEFAULT),
               apply_statement_cache,
               "a number from 0 to " EXPANDED_TEXT_OF(CONNSTR_STATEMENT_CACHE_MAX)),
    OPTION_ROW("WideCharTypes", "auto", apply_wide_char_types,
               "one of auto, 1/0, yes/no, true/false, on/off"),
    OPTION_ROW("FetchRefcursors", "0", apply_fetch_refcursors,
               "one of 1/0, yes/no, true/false, on/off"),
    OPTION_ROW("LargeObjects", "0", apply_large_objects,
               "one of 1/0, yes/no, true/false, on/off"),
    OPTION_ROW("PoolerMode", "session", apply_pooler_mode, "one of session, transaction"),
};

#define KEYWORD_COUNT (sizeof keyword_table / sizeof keyword_table[0])

const struct connstr_keyword *connstr_keyword_find(const char *name, size_t name_length)
{
    for (size_t i = 0; i < KEYWORD_COUNT; i++) {
        const struct connstr_keyword *row = &keyword_table[i];
        if (parse_equals_ignore_case(name, name_length, row->name)) {
            return row;
        }
        for (size_t a = 0; row->aliases[a] != NULL; a++) {
            if (parse_equals_ignore_case(name, name_length, row->aliases[a])) {
                return row;
            }
        }
    }
    return NULL;
}

size_t connstr_keyword_count(void)
{
    return KEYWORD_COUNT;
}

const struct connstr_keyword *connstr_keyword_at(size_t index)
{
    return index < KEYWORD_COUNT ? &keyword_table[index] : NULL;
}

const struct connstr_keyword *connstr_keyword_dsn(void)
{
    return connstr_keyword_find("DSN", 3);
}

const struct connstr_keyword *connstr_keyword_filedsn(void)
{
    return connstr_keyword_find("FILEDSN", 7);
}

const struct connstr_keyword *connstr_keyword_savefile(void)
{
    return connstr_keyword_find("SAVEFILE", 8);
}
