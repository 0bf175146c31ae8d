/* Settings → struct connect_params: every value validated by its keyword
 * row, then the specification's rules across keywords (user required;
 * UnixSock and Sock not together; ChannelBinding and RequireAuth able to
 * succeed; the hosts of Server, or of UnixSock,
 * paired with Port's ports).
 * Owns: connstr_settings_to_params. Leaves each value's parsing to the
 * keyword table (keywords.c) and values.c.
 * Rules: ../shared/KEYWORDS.md, "Rules that come from the specification". */
#include "connstr/connstr.h"

#include <string.h>

#include "connstr/keywords.h"
#include "connstr/values.h"

static int apply_settings(const struct connstr_settings *settings,
                          struct connect_params *params, struct error *error)
{
    for (size_t i = 0; i < settings->count; i++) {
        const struct connstr_setting *item = &settings->items[i];
        const struct connstr_keyword *row =
            connstr_keyword_find(item->canonical_keyword, strlen(item->canonical_keyword));
        if (row == NULL || row->apply == NULL) {
            continue; /* DSN, DRIVER, FILEDSN, SAVEFILE: not connect parameters */
        }
        if (row->apply(row, item->value, item->value_length, params, error) != 0) {
            return -1;
        }
    }
    return 0;
}

static int check_rules(const struct connect_params *params, struct error *error)
{
    if (params->user == NULL) {
        error_set(error, "08001", "No user name was given (UID)");
        return -1;
    }
    if (params->unix_sock != NULL && params->has_sock) {
        error_set(error, "08001",
                  "Both UnixSock and Sock were set; give one of them: UnixSock for a socket "
                  "file, Sock for an already-connected descriptor");
        return -1;
    }
    /* Refused before connecting: no server could satisfy these. */
    if (params->ssl.max_protocol != 0 && params->ssl.min_protocol > params->ssl.max_protocol) {
        error_set(error, "08001",
                  "SSLMinProtocolVersion %s is above SSLMaxProtocolVersion %s: no TLS "
                  "version is left",
                  params_tls_protocol_name(params->ssl.min_protocol),
                  params_tls_protocol_name(params->ssl.max_protocol));
        return -1;
    }
    if (params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE &&
        params->ssl.mode == PARAMS_SSL_DISABLE) {
        error_set(error, "08001",
                  "ChannelBinding=require needs TLS, but SSLMode is disable; use SSLMode "
                  "require or verify-full");
        return -1;
    }
    if (params->channel_binding == PARAMS_CHANNEL_BINDING_REQUIRE &&
        (params->allowed_auth & PARAMS_AUTH_SCRAM) == 0) {
        error_set(error, "08001",
                  "ChannelBinding=require needs scram-sha-256 authentication, which "
                  "RequireAuth does not allow");
        return -1;
    }
    if ((params->allowed_auth & (PARAMS_AUTH_NONE | PARAMS_AUTH_PASSWORD | PARAMS_AUTH_MD5 |
                                 PARAMS_AUTH_SCRAM)) == 0) {
        error_set(error, "08001",
                  "RequireAuth allows no authentication method pgodbc supports (none, "
                  "password, md5, scram-sha-256)");
        return -1;
    }
    return 0;
}

/* SSLRootCert=system (libpq 16's rule): the system's roots only make
 * sense when the host name is checked too, so SSLMode defaults to
 * verify-full with it and a weaker SSLMode given is refused. */
static int apply_system_roots(struct connect_params *params, struct error *error)
{
    const char *root_cert = params->ssl.root_cert;
    if (root_cert == NULL || strcmp(root_cert, PARAMS_SSL_ROOT_CERT_SYSTEM) != 0)
        return 0;
    if (!params->ssl.is_mode_given) {
        params->ssl.mode = PARAMS_SSL_VERIFY_FULL;
        return 0;
    }
    if (params->ssl.mode != PARAMS_SSL_VERIFY_FULL) {
        error_set(error, "08001",
                  "SSLMode %s may not be used with SSLRootCert=system: the system's trusted "
                  "roots vouch for any host they signed, so use SSLMode verify-full",
                  params_ssl_mode_name(params->ssl.mode));
        return -1;
    }
    return 0;
}

static size_t count_list_items(const char *list)
{
    size_t count = 1;
    for (const char *at = list; *at != '\0'; at++) {
        count += *at == ',';
    }
    return count;
}

/* The hosts come from UnixSock when it is set (the transport order:
 * unix_sock before host, so Server is then not used), else from Server.
 * libpq's rule for its host list tells the entries apart: one starting
 * with '/' is a socket path, any other a host name. It applies to every
 * entry of either keyword, so a libpq list that mixes both arrives whole
 * ("host=/tmp,db1" in a service file or PGHOST becomes UnixSock,
 * "host=db1,/tmp" becomes Server), except that a single UnixSock value is
 * a socket path whatever it looks like (as before lists existed). */
struct host_source {
    const char *keyword; /* for messages: "Server" or "UnixSock" */
    const char *text;
    bool is_socket_list;
};

static struct host_source find_host_source(const struct connect_params *params)
{
    struct host_source source = {"Server", params->host, false};
    if (params->unix_sock != NULL) {
        source.keyword = "UnixSock";
        source.text = params->unix_sock;
        source.is_socket_list = true;
    } else if (params->host_list != NULL) {
        source.text = params->host_list;
    }
    return source;
}

/* One entry of the list: a socket path or a host name (brackets dropped). */
static bool read_host_entry(const struct host_source *source, bool is_list, const char *item,
                            size_t item_length, const char **name, size_t *name_length,
                            bool *is_socket)
{
    if ((item_length > 0 && item[0] == '/') || (source->is_socket_list && !is_list)) {
        *name = item;
        *name_length = item_length;
        *is_socket = true;
        return item_length > 0;
    }
    *is_socket = false;
    return connstr_value_parse_host(item, item_length, name, name_length);
}

/* hosts[]: every entry of the host list with its port (one Port for all,
 * or one per host, as libpq's host and port). */
static int pair_hosts_with_ports(struct connect_params *params, struct error *error)
{
    struct host_source source = find_host_source(params);
    size_t hosts_length = strlen(source.text);
    bool is_list = memchr(source.text, ',', hosts_length) != NULL;
    size_t host_count = is_list ? count_list_items(source.text) : 1;
    size_t port_count = params->port_list != NULL ? count_list_items(params->port_list) : 1;
    if (port_count != 1 && port_count != host_count) {
        error_set(error, "HY024",
                  "Port lists %zu ports but %s lists %zu hosts; give one port for all "
                  "hosts or one per host",
                  port_count, source.keyword, host_count);
        return -1;
    }
    size_t host_offset = 0;
    size_t port_offset = 0;
    size_t ports_length = params->port_list != NULL ? strlen(params->port_list) : 0;
    for (size_t i = 0; i < host_count; i++) {
        const char *item;
        size_t item_length;
        const char *name;
        size_t name_length;
        bool is_socket;
        if (!connstr_value_next_list_item(source.text, hosts_length, &host_offset, &item,
                                          &item_length) ||
            !read_host_entry(&source, is_list, item, item_length, &name, &name_length,
                             &is_socket)) {
            error_set(error, "HY024", "%s \"%s\" is not a list of %s", source.keyword,
                      source.text,
                      source.is_socket_list ? "socket paths and hosts" : "hosts");
            return -1;
        }
        uint16_t port = params->port;
        if (port_count > 1) {
            const char *port_text;
            size_t port_length;
            if (!connstr_value_next_list_item(params->port_list, ports_length, &port_offset,
                                              &port_text, &port_length) ||
                !connstr_value_parse_port(port_text, port_length, &port)) {
                error_set(error, "HY024", "Port \"%s\" is not a list of ports",
                          params->port_list);
                return -1;
            }
        }
        if (params_add_host(params, name, name_length, port, is_socket) != 0) {
            error_set(error, "HY001", "Out of memory while reading the connect parameters");
            return -1;
        }
    }
    return 0;
}

int connstr_settings_to_params(const struct connstr_settings *settings,
                               struct connect_params *params, struct error *error)
{
    /* Filled aside and moved in on success: out-parameters are written
     * only on success. */
    struct connect_params filled;
    if (params_init(&filled) != 0) {
        params_reset(&filled);
        error_set(error, "HY001", "Out of memory while reading the connect parameters");
        return -1;
    }
    if (apply_settings(settings, &filled, error) != 0 ||
        apply_system_roots(&filled, error) != 0 || check_rules(&filled, error) != 0 ||
        pair_hosts_with_ports(&filled, error) != 0) {
        params_reset(&filled);
        return -1;
    }
    params_reset(params);
    *params = filled;
    return 0;
}
