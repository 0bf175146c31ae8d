/* ODBC connection strings and DSNs → struct connect_params.
 * Owns: the connection-string grammar, the keyword table (names, aliases,
 * defaults, value parsers, which are secret), reading DSNs through
 * libodbcinst, and the completed out-string. Opens no connection.
 * Keywords: ../shared/KEYWORDS.md. Grammar: the ODBC reference for
 * SQLDriverConnect ("attribute=value;...", values in braces may hold ';'
 * and '}' written as "}}").
 *
 * SQLSTATEs raised here: 01S00 (warning) for an unknown keyword or a bad
 * attribute pair that is skipped; HY024 for a value that does not parse
 * (naming keyword, value, and what is allowed); 08001 for missing
 * required parameters (user) and conflicting ones (UnixSock with Sock);
 * IM002 when a named DSN does not exist. */
#ifndef PGO_CONNSTR_CONNSTR_H
#define PGO_CONNSTR_CONNSTR_H

#include <stdbool.h>
#include <stddef.h>
#include "params/connect_params.h"
#include "util/buf.h"
#include "util/compiler.h"
#include "util/error.h"

/* One setting, keyed by the keyword's canonical name (the table's first
 * name: "UID", "Server", "SSLMode", ...; "DSN", "DRIVER", "FILEDSN",
 * "SAVEFILE" for the ODBC ones). Values are copies. */
struct connstr_setting {
    const char *canonical_keyword; /* static, from the keyword table */
    char *value;                   /* NUL-terminated */
    size_t value_length;
    bool is_secret;                /* PWD: wiped on reset, never in out-strings */
};

struct connstr_settings {
    struct connstr_setting *items;
    size_t count;
};

void connstr_settings_init(struct connstr_settings *settings);
void connstr_settings_reset(struct connstr_settings *settings); /* wipes secrets */

/* Parses a connection string. A keyword repeated later is ignored (the
 * ODBC reference: the first occurrence wins). Unknown keywords and
 * malformed pairs are warned (01S00 naming them) and skipped. Aliases are
 * folded to canonical names. -1 only when the string cannot be read at
 * all (an unterminated brace: 08001 naming the keyword) or on running out
 * of memory (HY001). */
int connstr_parse_string(const char *text, size_t length_bytes,
                         struct connstr_settings *settings,
                         const struct notice_sink *warnings,
                         struct error *error) PGO_MUST_CHECK;

/* Sets or replaces one keyword (any name or alias), as SQLConnect does
 * with its user name and password arguments. */
int connstr_settings_put(struct connstr_settings *settings, const char *keyword,
                         const char *value, size_t value_length,
                         struct error *error) PGO_MUST_CHECK;

/* The value of a keyword (any name or alias), or NULL when absent. */
const char *connstr_settings_get(const struct connstr_settings *settings,
                                 const char *keyword);

/* Adds, for each keyword not already set, the value stored in the DSN
 * named dsn_name (through SQLGetPrivateProfileString, so ODBCINI and
 * ODBCSYSINI are honoured), or in the file DSN when dsn_name is NULL and
 * FILEDSN is set. Values in the string win over the DSN. A DSN that does
 * not exist is IM002. */
int connstr_merge_dsn(struct connstr_settings *settings, const char *dsn_name,
                      const struct notice_sink *warnings,
                      struct error *error) PGO_MUST_CHECK;

/* Validates every value and fills params (params_init'ed by the caller).
 * Applies the specification's rules: user required; UnixSock and Sock
 * together refused; StartupParams may not name user, database,
 * application_name or replication. */
int connstr_settings_to_params(const struct connstr_settings *settings,
                               struct connect_params *params,
                               struct error *error) PGO_MUST_CHECK;

/* The completed connection string for SQLDriverConnect's out-string:
 * every setting in keyword=value form, braced when needed, secrets
 * (PWD) left out. Appends a NUL-terminated string to out. */
int connstr_write_out_string(const struct connstr_settings *settings,
                             struct buf *out) PGO_MUST_CHECK;

/* Writes the settings (without secrets) to the file DSN named by
 * SAVEFILE, when present. */
int connstr_save_file_dsn(const struct connstr_settings *settings,
                          struct error *error) PGO_MUST_CHECK;

#endif
