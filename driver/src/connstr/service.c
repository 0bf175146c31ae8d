/* The service file and the environment: contract and reference in
 * service.h. */
#include "connstr/service.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "connstr/home_file.h"
#include "connstr/keywords.h"
#include "connstr/settings.h"
#include "connstr/values.h"
#include "util/alloc.h"
#include "util/parse.h"
#include "util/secret.h"

/* libpq parameter names with a keyword of their own here. */
static const struct {
    const char *libpq_name;
    const char *keyword;
} parameter_map[] = {
    {"host", "Server"},
    {"hostaddr", "Server"},
    {"port", "Port"},
    {"dbname", "Database"},
    {"user", "UID"},
    {"password", "PWD"},
    {"passfile", "Passfile"},
    {"sslmode", "SSLMode"},
    {"sslrootcert", "SSLRootCert"},
    {"sslcert", "SSLCert"},
    {"sslkey", "SSLKey"},
    {"sslpassword", "SSLPassword"},
    {"sslcrl", "SSLCRL"},
    {"ssl_min_protocol_version", "SSLMinProtocolVersion"},
    {"ssl_max_protocol_version", "SSLMaxProtocolVersion"},
    {"connect_timeout", "LoginTimeout"},
    {"application_name", "ApplicationName"},
    {"keepalives", "TCPKeepalive"},
    {"keepalives_idle", "KeepalivesIdle"},
    {"keepalives_interval", "KeepalivesInterval"},
    {"keepalives_count", "KeepalivesCount"},
    {"tcp_user_timeout", "TCPUserTimeout"},
    {"replication", "Replication"},
    {"target_session_attrs", "TargetSessionAttrs"},
    {"load_balance_hosts", "LoadBalanceHosts"},
    {"channel_binding", "ChannelBinding"},
    {"require_auth", "RequireAuth"},
    {"options", "Options"},
};

const struct connstr_keyword *connstr_service_keyword_for(const char *name, size_t length,
                                                          const char *value,
                                                          bool *is_socket_directory)
{
    *is_socket_directory = false;
    for (size_t i = 0; i < sizeof parameter_map / sizeof parameter_map[0]; i++) {
        if (!parse_equals_ignore_case(name, length, parameter_map[i].libpq_name)) {
            continue;
        }
        const char *keyword = parameter_map[i].keyword;
        if (strcmp(parameter_map[i].libpq_name, "host") == 0 && value != NULL &&
            value[0] == '/') {
            *is_socket_directory = true;
            keyword = "UnixSock";
        }
        return connstr_keyword_find(keyword, strlen(keyword));
    }
    return NULL;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* [start, end) without blanks at either end. */
static void trim(const char **start, const char **end)
{
    while (*start < *end && is_blank(**start)) {
        (*start)++;
    }
    while (*end > *start && is_blank((*end)[-1])) {
        (*end)--;
    }
}

static int fill_unset(struct connstr_settings *settings, const struct connstr_keyword *row,
                      const char *value, size_t value_length, struct error *error)
{
    return connstr_settings_store(settings, row, value, value_length, false, error);
}

int connstr_service_merge_text(struct connstr_settings *settings, const char *text,
                               size_t length_bytes, const char *service_name,
                               const char *file, const struct notice_sink *warnings,
                               struct error *error)
{
    const char *at = text;
    const char *text_end = text + length_bytes;
    bool in_section = false;
    bool found = false;
    size_t name_length = strlen(service_name);
    while (at < text_end) {
        const char *newline = memchr(at, '\n', (size_t)(text_end - at));
        const char *end = newline != NULL ? newline : text_end;
        const char *next = newline != NULL ? newline + 1 : text_end;
        const char *start = at;
        at = next;
        trim(&start, &end);
        if (start == end || *start == '#') {
            continue;
        }
        if (*start == '[') {
            if (in_section) {
                break; /* libpq: the section ends at the next one */
            }
            if (end[-1] == ']' && (size_t)(end - start) == name_length + 2 &&
                memcmp(start + 1, service_name, name_length) == 0) {
                in_section = true;
                found = true;
            }
            continue;
        }
        if (!in_section) {
            continue;
        }
        const char *equals = memchr(start, '=', (size_t)(end - start));
        if (equals == NULL) {
            notice_sink_warn(warnings, "01S00",
                             "A line of service \"%s\" in \"%s\" has no '='; ignored",
                             service_name, file);
            continue;
        }
        const char *name_end = equals;
        const char *value = equals + 1;
        const char *name_start = start;
        trim(&name_start, &name_end);
        trim(&value, &end);
        size_t value_length = (size_t)(end - value);
        char *value_copy = alloc_strndup(value, value_length);
        if (value_copy == NULL) {
            error_set(error, "HY001", "Out of memory while reading service \"%s\"",
                      service_name);
            return -1;
        }
        bool is_socket_directory;
        const struct connstr_keyword *row = connstr_service_keyword_for(
            name_start, (size_t)(name_end - name_start), value_copy, &is_socket_directory);
        int result = 0;
        if (row == NULL) {
            notice_sink_warn(warnings, "01S00",
                             "Parameter \"%.*s\" of service \"%s\" in \"%s\" has no pgodbc "
                             "keyword; ignored",
                             (int)(name_end - name_start > 64 ? 64 : name_end - name_start),
                             name_start, service_name, file);
        } else {
            result = fill_unset(settings, row, value_copy, value_length, error);
        }
        secret_wipe_memory(value_copy, value_length);
        alloc_free(value_copy);
        if (result != 0) {
            return -1;
        }
    }
    return found ? 1 : 0;
}

/* Reads a whole file into a new buffer: 1 read, 0 absent, -1 error. */
static int read_whole_file(const char *path, char **text, size_t *length, struct error *error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return 0;
    }
    struct stat status;
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        close(fd);
        return 0;
    }
    if (status.st_size > CONNSTR_SERVICE_MAX_BYTES) {
        close(fd);
        error_set(error, "08001", "Service file \"%s\" is larger than %d bytes", path,
                  CONNSTR_SERVICE_MAX_BYTES);
        return -1;
    }
    size_t capacity = (size_t)status.st_size;
    char *buffer = alloc_zeroed(capacity + 1);
    if (buffer == NULL) {
        close(fd);
        error_set(error, "HY001", "Out of memory while reading \"%s\"", path);
        return -1;
    }
    size_t filled = 0;
    while (filled < capacity) {
        ssize_t got = read(fd, buffer + filled, capacity - filled);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        filled += (size_t)got;
    }
    close(fd);
    *text = buffer;
    *length = filled;
    return 1;
}

static bool user_service_file(char *out, size_t out_size)
{
    const char *given = getenv("PGSERVICEFILE");
    if (given != NULL && given[0] != '\0') {
        int written = snprintf(out, out_size, "%s", given);
        return written > 0 && (size_t)written < out_size;
    }
    return connstr_home_file(".pg_service.conf", out, out_size);
}

static bool system_service_file(char *out, size_t out_size)
{
    const char *directory = getenv("PGSYSCONFDIR");
    int written = directory != NULL && directory[0] != '\0'
                      ? snprintf(out, out_size, "%s/pg_service.conf", directory)
                      : snprintf(out, out_size, "%s", CONNSTR_SERVICE_SYSTEM_FILE);
    return written > 0 && (size_t)written < out_size;
}

bool connstr_uses_environment(const struct connstr_settings *settings)
{
    const char *value = connstr_settings_get(settings, "LibpqEnv");
    bool uses = true;
    if (value != NULL && value[0] != '\0' &&
        !connstr_value_parse_bool(value, strlen(value), &uses)) {
        return true; /* refused with HY024 when the parameters are read */
    }
    return uses;
}

int connstr_merge_service(struct connstr_settings *settings, const struct notice_sink *warnings,
                          struct error *error)
{
    const char *service = connstr_settings_get(settings, "Service");
    if ((service == NULL || service[0] == '\0') && connstr_uses_environment(settings)) {
        service = getenv("PGSERVICE");
    }
    if (service == NULL || service[0] == '\0') {
        return 0;
    }
    char paths[2][4096];
    bool has_path[2] = {user_service_file(paths[0], sizeof paths[0]),
                        system_service_file(paths[1], sizeof paths[1])};
    for (int i = 0; i < 2; i++) {
        if (!has_path[i]) {
            continue;
        }
        char *text = NULL;
        size_t length = 0;
        int read_result = read_whole_file(paths[i], &text, &length, error);
        if (read_result < 0) {
            return -1;
        }
        if (read_result == 0) {
            continue;
        }
        int merged =
            connstr_service_merge_text(settings, text, length, service, paths[i], warnings, error);
        secret_wipe_memory(text, length);
        alloc_free(text);
        if (merged != 0) {
            return merged < 0 ? -1 : 0;
        }
    }
    error_set(error, "08001", "Service \"%s\" is not defined in \"%s\" or \"%s\"", service,
              has_path[0] ? paths[0] : "~/.pg_service.conf",
              has_path[1] ? paths[1] : CONNSTR_SERVICE_SYSTEM_FILE);
    return -1;
}

static const struct {
    const char *variable;
    const char *keyword;
} environment_map[] = {
    {"PGHOST", "Server"},         {"PGHOSTADDR", "Server"},     {"PGPORT", "Port"},
    {"PGDATABASE", "Database"},   {"PGUSER", "UID"},            {"PGPASSWORD", "PWD"},
    {"PGSSLMODE", "SSLMode"},     {"PGSSLROOTCERT", "SSLRootCert"},
    {"PGSSLCERT", "SSLCert"},     {"PGSSLKEY", "SSLKey"},       {"PGSSLCRL", "SSLCRL"},
    {"PGAPPNAME", "ApplicationName"}, {"PGCONNECT_TIMEOUT", "LoginTimeout"},
    {"PGTARGETSESSIONATTRS", "TargetSessionAttrs"}, {"PGLOADBALANCEHOSTS", "LoadBalanceHosts"},
    {"PGCHANNELBINDING", "ChannelBinding"}, {"PGREQUIREAUTH", "RequireAuth"},
    {"PGOPTIONS", "Options"},
};

int connstr_merge_environment(struct connstr_settings *settings, struct error *error)
{
    if (!connstr_uses_environment(settings)) {
        return 0;
    }
    for (size_t i = 0; i < sizeof environment_map / sizeof environment_map[0]; i++) {
        const char *value = getenv(environment_map[i].variable);
        if (value == NULL || value[0] == '\0') {
            continue;
        }
        const char *keyword = environment_map[i].keyword;
        if (strcmp(environment_map[i].variable, "PGHOST") == 0 && value[0] == '/') {
            keyword = "UnixSock";
        }
        const struct connstr_keyword *row = connstr_keyword_find(keyword, strlen(keyword));
        if (row == NULL) {
            continue;
        }
        /* A socket directory from PGHOST yields to a Server already given. */
        if (strcmp(keyword, "UnixSock") == 0) {
            const char *server = connstr_settings_get(settings, "Server");
            if (server != NULL && server[0] != '\0') {
                continue;
            }
        }
        if (fill_unset(settings, row, value, strlen(value), error) != 0) {
            return -1;
        }
    }
    return 0;
}
