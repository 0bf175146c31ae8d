/* PostgreSQL's password file (~/.pgpass) for connections given no password.
 * Owns: finding the file (the Passfile keyword, else PGPASSFILE, else
 * ~/.pgpass), refusing one whose permissions are wider than 0600 (01000
 * warning, file ignored, as libpq does), and matching its lines on host,
 * port, database and user. Leaves keyword parsing to keywords.c.
 * Reference: PostgreSQL 15 documentation, "The Password File" (libpq):
 *   hostname:port:database:username:password
 * one entry a line; '#' starts a comment line; each of the first four
 * fields may be '*' (matches anything); '\' escapes ':' and '\'. The first
 * matching line wins. The host matched is the Server value, or for a Unix
 * socket the UnixSock value (for a host list: each entry with its own
 * port), except that the default socket directory
 * (CONNSTR_PGPASS_DEFAULT_SOCKET_DIR) and an empty host match "localhost".
 * The database matched defaults to the user name, as the server's does. */
#ifndef PGO_CONNSTR_PGPASS_H
#define PGO_CONNSTR_PGPASS_H

#include <stdbool.h>
#include <stddef.h>
#include "connstr/connstr.h"
#include "util/compiler.h"
#include "util/error.h"

/* A larger password file is ignored (with a 01000 warning). */
#define CONNSTR_PGPASS_MAX_BYTES (1024 * 1024)

/* The socket directory libpq is built with on Debian: a Unix-socket
 * connection there looks up "localhost". */
#define CONNSTR_PGPASS_DEFAULT_SOCKET_DIR "/var/run/postgresql"

/* What one connection looks up. All NUL-terminated; none NULL. */
struct connstr_pgpass_target {
    const char *host;
    const char *port;
    const char *database;
    const char *user;
};

/* Finds the first line of text (a password file's contents) matching
 * target. On a match returns true with *password_start and
 * *password_length naming the password field still escaped (see
 * connstr_pgpass_unescape); false when no line matches. Pure. */
bool connstr_pgpass_match(const char *text, size_t length_bytes,
                          const struct connstr_pgpass_target *target,
                          const char **password_start, size_t *password_length);

/* Copies an escaped password field into out (at least field_length + 1
 * bytes): backslashes dropped before the character they escape, ending at
 * the first unescaped ':'. Returns the length written, NUL not counted. */
size_t connstr_pgpass_unescape(const char *field, size_t field_length, char *out);

/* When params has no password: looks the connection (host or socket,
 * port, database, user from params) up in the password file. With one
 * host the password found goes to params->password; with a list of
 * several (params->host_count > 1) each host gets the password of its own
 * host and port in hosts[i].password, as libpq looks the password up for
 * each host it tries. A missing file is not an error; a file with group
 * or world permissions, not a regular file, or over the size cap is
 * ignored with a 01000 warning through warnings; so is a path too long
 * to open. -1 only when out of memory (HY001). */
int connstr_apply_passfile(const struct connstr_settings *settings,
                           struct connect_params *params, const struct notice_sink *warnings,
                           struct error *error) PGO_MUST_CHECK;

#endif
