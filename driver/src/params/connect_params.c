/* struct connect_params: defaults, ownership and small helpers.
 * The parsing of values lives in connstr/values.c; this file only holds
 * the typed record. */
#include "params/connect_params.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

int params_init(struct connect_params *params)
{
    memset(params, 0, sizeof(*params));
    secret_init(&params->password);
    secret_init(&params->ssl.key_password);
    params->port = PARAMS_DEFAULT_PORT;
    params->ssl.mode = PARAMS_SSL_PREFER;
    params->ssl.min_protocol = PARAMS_TLS_DEFAULT_MIN_PROTOCOL;
    params->allowed_auth = PARAMS_AUTH_ALL;
    params->tcp_keepalive = true;
    params->sock = -1;
    params->host = alloc_strdup(PARAMS_DEFAULT_HOST);
    return params->host == NULL ? -1 : 0;
}

void params_reset(struct connect_params *params)
{
    alloc_free(params->user);
    alloc_free(params->host);
    alloc_free(params->database);
    secret_reset(&params->password);
    alloc_free(params->source_host);
    alloc_free(params->unix_sock);
    alloc_free(params->ssl.root_cert);
    alloc_free(params->ssl.cert);
    alloc_free(params->ssl.key);
    secret_reset(&params->ssl.key_password);
    alloc_free(params->ssl.crl);
    alloc_free(params->application_name);
    alloc_free(params->options);
    for (size_t i = 0; i < params->startup_param_count; i++) {
        alloc_free(params->startup_params[i].name);
        alloc_free(params->startup_params[i].value);
    }
    alloc_free(params->startup_params);
    for (size_t i = 0; i < params->host_count; i++) {
        alloc_free(params->hosts[i].name);
        secret_reset(&params->hosts[i].password);
    }
    alloc_free(params->hosts);
    alloc_free(params->host_list);
    alloc_free(params->port_list);
    memset(params, 0, sizeof(*params));
    params->sock = -1;
}

int params_set_string(char **field, const char *text, size_t length)
{
    char *copy = NULL;
    if (text != NULL) {
        copy = alloc_strndup(text, length);
        if (copy == NULL)
            return -1;
    }
    alloc_free(*field);
    *field = copy;
    return 0;
}

int params_add_host(struct connect_params *params, const char *name, size_t name_length,
                    uint16_t port, bool is_socket)
{
    char *copy = alloc_strndup(name, name_length);
    if (copy == NULL) {
        return -1;
    }
    struct params_host *grown =
        alloc_resize_array(params->hosts, params->host_count + 1, sizeof *grown);
    if (grown == NULL) {
        alloc_free(copy);
        return -1;
    }
    params->hosts = grown;
    params->hosts[params->host_count].name = copy;
    params->hosts[params->host_count].port = port;
    params->hosts[params->host_count].is_socket = is_socket;
    secret_init(&params->hosts[params->host_count].password);
    params->host_count++;
    return 0;
}

int params_add_startup_param(struct connect_params *params, const char *name,
                             size_t name_length, const char *value, size_t value_length)
{
    struct params_startup_param *grown = alloc_resize_array(
        params->startup_params, params->startup_param_count + 1, sizeof(*grown));
    if (grown == NULL)
        return -1;
    params->startup_params = grown;
    struct params_startup_param *slot = &grown[params->startup_param_count];
    slot->name = alloc_strndup(name, name_length);
    slot->value = alloc_strndup(value, value_length);
    if (slot->name == NULL || slot->value == NULL) {
        alloc_free(slot->name);
        alloc_free(slot->value);
        slot->name = NULL;
        slot->value = NULL;
        return -1;
    }
    params->startup_param_count++;
    return 0;
}

const char *params_ssl_mode_name(enum params_ssl_mode mode)
{
    switch (mode) {
    case PARAMS_SSL_DISABLE: return "disable";
    case PARAMS_SSL_ALLOW: return "allow";
    case PARAMS_SSL_PREFER: return "prefer";
    case PARAMS_SSL_REQUIRE: return "require";
    case PARAMS_SSL_VERIFY_CA: return "verify-ca";
    case PARAMS_SSL_VERIFY_FULL: return "verify-full";
    }
    return "unknown";
}

const char *params_tls_protocol_name(uint16_t protocol)
{
    switch (protocol) {
    case 0x0301: return "TLSv1";
    case 0x0302: return "TLSv1.1";
    case 0x0303: return "TLSv1.2";
    case 0x0304: return "TLSv1.3";
    default: return "";
    }
}

const char *params_target_session_name(enum params_target_session target)
{
    switch (target) {
    case PARAMS_TARGET_ANY: return "any";
    case PARAMS_TARGET_READ_WRITE: return "read-write";
    case PARAMS_TARGET_READ_ONLY: return "read-only";
    case PARAMS_TARGET_PRIMARY: return "primary";
    case PARAMS_TARGET_STANDBY: return "standby";
    case PARAMS_TARGET_PREFER_STANDBY: return "prefer-standby";
    }
    return "unknown";
}

const char *params_channel_binding_name(enum params_channel_binding binding)
{
    switch (binding) {
    case PARAMS_CHANNEL_BINDING_PREFER: return "prefer";
    case PARAMS_CHANNEL_BINDING_DISABLE: return "disable";
    case PARAMS_CHANNEL_BINDING_REQUIRE: return "require";
    }
    return "unknown";
}

const char *params_auth_method_name(enum params_auth_method method)
{
    switch (method) {
    case PARAMS_AUTH_NONE: return "none";
    case PARAMS_AUTH_PASSWORD: return "password";
    case PARAMS_AUTH_MD5: return "md5";
    case PARAMS_AUTH_SCRAM: return "scram-sha-256";
    case PARAMS_AUTH_GSS: return "gss";
    case PARAMS_AUTH_SSPI: return "sspi";
    }
    return "unknown";
}

const char *params_replication_wire_value(enum params_replication replication)
{
    switch (replication) {
    case PARAMS_REPLICATION_NONE: return NULL;
    case PARAMS_REPLICATION_DATABASE: return "database";
    case PARAMS_REPLICATION_PHYSICAL: return "true";
    }
    return NULL;
}
