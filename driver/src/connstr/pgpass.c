/* The password file: locating, permission checks and line matching.
 * Contract, rules and reference: pgpass.h. */
#include "connstr/pgpass.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "connstr/home_file.h"
#include "util/alloc.h"
#include "util/secret.h"

/* Where a field that matches value ends: the position after its ':', or
 * NULL when it does not match. '*' alone matches anything; '\' makes the
 * next character literal. */
static const char *match_field(const char *at, const char *end, const char *value)
{
    if (end - at >= 2 && at[0] == '*' && at[1] == ':') {
        return at + 2;
    }
    const char *wanted = value;
    while (at < end) {
        char c = *at;
        if (c == ':') {
            return *wanted == '\0' ? at + 1 : NULL;
        }
        if (c == '\\' && at + 1 < end) {
            at++;
            c = *at;
        }
        if (*wanted == '\0' || *wanted != c) {
            return NULL;
        }
        wanted++;
        at++;
    }
    return NULL; /* the line ended inside the first four fields */
}

bool connstr_pgpass_match(const char *text, size_t length_bytes,
                          const struct connstr_pgpass_target *target,
                          const char **password_start, size_t *password_length)
{
    const char *at = text;
    const char *text_end = text + length_bytes;
    while (at < text_end) {
        const char *newline = memchr(at, '\n', (size_t)(text_end - at));
        const char *end = newline != NULL ? newline : text_end;
        const char *next = newline != NULL ? newline + 1 : text_end;
        if (end > at && end[-1] == '\r') {
            end--;
        }
        if (end > at && at[0] != '#') {
            const char *field = match_field(at, end, target->host);
            if (field != NULL) {
                field = match_field(field, end, target->port);
            }
            if (field != NULL) {
                field = match_field(field, end, target->database);
            }
            if (field != NULL) {
                field = match_field(field, end, target->user);
            }
            if (field != NULL) {
                *password_start = field;
                *password_length = (size_t)(end - field);
                return true;
            }
        }
        at = next;
    }
    return false;
}

size_t connstr_pgpass_unescape(const char *field, size_t field_length, char *out)
{
    size_t written = 0;
    for (size_t i = 0; i < field_length && field[i] != ':'; i++) {
        if (field[i] == '\\' && i + 1 < field_length) {
            i++;
        }
        out[written++] = field[i];
    }
    out[written] = '\0';
    return written;
}

/* The password file's path into out: Passfile, PGPASSFILE, ~/.pgpass.
 * Returns false when there is none to read (no home directory) or it
 * does not fit. */
static bool find_path(const struct connstr_settings *settings, char *out, size_t out_size)
{
    const char *given = connstr_settings_get(settings, "Passfile");
    if (given == NULL || given[0] == '\0') {
        given = getenv("PGPASSFILE");
    }
    if (given != NULL && given[0] != '\0') {
        size_t length = strlen(given);
        if (length >= out_size) {
            return false;
        }
        memcpy(out, given, length + 1);
        return true;
    }
    return connstr_home_file(".pgpass", out, out_size);
}

/* Reads the whole file into a new buffer, or tells why it is ignored:
 * returns 1 with *text set, 0 when there is nothing to use (missing file
 * silently; a warning already emitted otherwise), -1 out of memory. */
static int read_file(const char *path, const struct notice_sink *warnings, char **text,
                     size_t *length)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return 0; /* libpq too reads no file it cannot open, silently */
    }
    struct stat status;
    int result = 0;
    if (fstat(fd, &status) != 0) {
        close(fd);
        return 0;
    }
    if (!S_ISREG(status.st_mode)) {
        notice_sink_warn(warnings, "01000", "Password file \"%s\" is not a plain file; ignored",
                         path);
    } else if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        notice_sink_warn(warnings, "01000",
                         "Password file \"%s\" has group or world access (mode %04o); "
                         "permissions should be u=rw (0600) or less; ignored",
                         path, (unsigned)(status.st_mode & 07777));
    } else if (status.st_size > CONNSTR_PGPASS_MAX_BYTES) {
        notice_sink_warn(warnings, "01000",
                         "Password file \"%s\" is larger than %d bytes; ignored", path,
                         CONNSTR_PGPASS_MAX_BYTES);
    } else {
        size_t capacity = (size_t)status.st_size;
        char *buffer = alloc_zeroed(capacity + 1);
        if (buffer == NULL) {
            close(fd);
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
        *text = buffer;
        *length = filled;
        result = 1;
    }
    close(fd);
    return result;
}

/* The host name the file is matched on: the host or socket path, except
 * that the default socket directory and an empty host match "localhost". */
static const char *host_for_lookup(const char *host)
{
    if (host == NULL || host[0] == '\0' || strcmp(host, CONNSTR_PGPASS_DEFAULT_SOCKET_DIR) == 0) {
        return "localhost";
    }
    return host;
}

/* Looks host:port up in text and stores the password found into
 * password (left unset when no line matches). -1 only when out of memory. */
static int look_up(const char *text, size_t length, const struct connect_params *params,
                   const char *host, uint16_t port_number, struct secret *password)
{
    char port[8];
    int port_written = snprintf(port, sizeof port, "%u", (unsigned)port_number);
    (void)port_written;
    struct connstr_pgpass_target target = {
        .host = host_for_lookup(host),
        .port = port,
        .database = params->database != NULL && params->database[0] != '\0' ? params->database
                                                                            : params->user,
        .user = params->user,
    };
    const char *field;
    size_t field_length;
    if (!connstr_pgpass_match(text, length, &target, &field, &field_length)) {
        return 0;
    }
    char *copy = alloc_zeroed(field_length + 1);
    if (copy == NULL) {
        return -1;
    }
    int result = 0;
    size_t password_length = connstr_pgpass_unescape(field, field_length, copy);
    if (password_length > 0 && secret_set(password, copy, password_length) != 0) {
        result = -1;
    }
    secret_wipe_memory(copy, field_length + 1);
    alloc_free(copy);
    return result;
}

/* One host: its password goes to params->password, as before host lists.
 * Several: each host gets the password of its own host and port in
 * hosts[i].password, and wire/ sends the one of the host it is trying
 * (params/connect_params.h). The file is read once, here, so wire/ never learns about
 * it, and a host list costs one read whatever its length. */
int connstr_apply_passfile(const struct connstr_settings *settings,
                           struct connect_params *params, const struct notice_sink *warnings,
                           struct error *error)
{
    if (secret_is_set(&params->password) || params->has_sock || params->user == NULL) {
        return 0;
    }
    char path[4096];
    if (!find_path(settings, path, sizeof path)) {
        return 0;
    }
    char *text = NULL;
    size_t length = 0;
    int found = read_file(path, warnings, &text, &length);
    if (found < 0) {
        error_set(error, "HY001", "Out of memory while reading the password file");
        return -1;
    }
    if (found == 0) {
        return 0;
    }
    int result = 0;
    if (params->host_count > 1) {
        for (size_t i = 0; i < params->host_count && result == 0; i++) {
            const struct params_host *host = &params->hosts[i];
            result = look_up(text, length, params, host->name, host->port,
                             &params->hosts[i].password);
        }
    } else {
        const char *host = params->unix_sock != NULL ? params->unix_sock : params->host;
        result = look_up(text, length, params, host, params->port, &params->password);
    }
    if (result != 0) {
        error_set(error, "HY001", "Out of memory while reading the password file");
    }
    secret_wipe_memory(text, length);
    alloc_free(text);
    return result;
}
