/* PostgreSQL's connection service file (pg_service.conf) and libpq's
 * environment variables as further sources of settings.
 * Owns: finding a service's section (PGSERVICEFILE or ~/.pg_service.conf,
 * then the system file: PGSYSCONFDIR/pg_service.conf, else
 * CONNSTR_SERVICE_SYSTEM_FILE), mapping libpq parameter names onto the
 * keyword table, and the environment defaults. Each source only fills
 * keywords still unset (or set empty), so the order of the calls is the
 * precedence: connection string, service, DSN, environment.
 * Reference: PostgreSQL 15 documentation, libpq "The Connection Service
 * File" and "Environment Variables". */
#ifndef PGO_CONNSTR_SERVICE_H
#define PGO_CONNSTR_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include "connstr/connstr.h"
#include "util/compiler.h"
#include "util/error.h"

/* Debian's libpq looks for the system service file here. */
#define CONNSTR_SERVICE_SYSTEM_FILE "/etc/postgresql-common/pg_service.conf"

/* A larger service file is refused. */
#define CONNSTR_SERVICE_MAX_BYTES (1024 * 1024)

/* The keyword row a libpq parameter name maps to ("host" → Server,
 * "dbname" → Database, ...), or NULL when the driver has none. A "host"
 * value starting with '/' is a socket directory: *is_socket_directory is
 * set and the row is UnixSock. */
const struct connstr_keyword *connstr_service_keyword_for(const char *name, size_t length,
                                                          const char *value,
                                                          bool *is_socket_directory);

/* Fills unset keywords from the section [service_name] of text (a service
 * file's contents; file names the file in warnings). Returns 1 when the
 * section exists, 0 when it does not, -1 on error (HY001, HY024). Unknown
 * parameter names are warned (01S00) and skipped. */
int connstr_service_merge_text(struct connstr_settings *settings, const char *text,
                               size_t length_bytes, const char *service_name,
                               const char *file, const struct notice_sink *warnings,
                               struct error *error) PGO_MUST_CHECK;

/* When Service is set (or PGSERVICE when the environment is in use), fills
 * unset keywords from that service's section in the first file that
 * defines it. A service defined nowhere is 08001 naming the files read. */
int connstr_merge_service(struct connstr_settings *settings, const struct notice_sink *warnings,
                          struct error *error) PGO_MUST_CHECK;

/* Unless LibpqEnv is off: fills unset keywords from PGHOST (a value
 * starting with '/' fills UnixSock), PGHOSTADDR, PGPORT, PGDATABASE,
 * PGUSER, PGPASSWORD, PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY,
 * PGSSLCRL, PGAPPNAME and PGCONNECT_TIMEOUT. Empty variables are ignored.
 * (PGPASSFILE is read by pgpass.c, PGSERVICE by connstr_merge_service.) */
int connstr_merge_environment(struct connstr_settings *settings,
                              struct error *error) PGO_MUST_CHECK;

/* Whether LibpqEnv allows the environment (default yes). */
bool connstr_uses_environment(const struct connstr_settings *settings);

#endif
