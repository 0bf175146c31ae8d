/* The keyword table (inside connstr/ only): one row per parameter of
 * ../shared/KEYWORDS.md, per standard ODBC keyword and per driver option
 * (options.h), with its aliases, default, value parser, secrecy and the
 * help text that error messages quote ("a number from 1 to 65535"). The
 * rows live in keywords.c.
 *
 * A row fills at most one struct, and its function fields say which:
 * - ODBC keywords (DSN, DRIVER, FILEDSN, SAVEFILE): apply and apply_option
 *   NULL; the driver manager and dsn.c read them, nothing stores them.
 * - connect parameters: apply stores into struct connect_params
 *   (connstr_settings_to_params); apply_option NULL.
 * - driver options: apply_option stores into struct connstr_options
 *   (connstr_settings_to_options). Their apply only validates and stores
 *   nothing, so that connect parameters and options refuse a bad value
 *   with the same message whichever is converted first, and apply == NULL
 *   keeps meaning "an ODBC keyword" to dsn.c (which reads every other row
 *   from a DSN). */
#ifndef PGO_CONNSTR_KEYWORDS_H
#define PGO_CONNSTR_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "connstr/limits.h"
#include "params/connect_params.h"
#include "util/compiler.h"
#include "util/error.h"

struct connstr_keyword;
struct connstr_options;

/* Validates value and stores it in params. Fails with HY024 naming the
 * keyword, the value (never a secret's) and what is allowed, or HY001. */
typedef int (*connstr_apply_fn)(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct connect_params *params,
                                struct error *error);

/* The same for a driver option: validates value and stores it in options
 * (HY024 as above). An empty value leaves the default. */
typedef int (*connstr_apply_option_fn)(const struct connstr_keyword *keyword,
                                       const char *value, size_t value_length,
                                       struct connstr_options *options, struct error *error);

struct connstr_keyword {
    const char *name;                               /* canonical: "UID", "Server", ... */
    const char *aliases[CONNSTR_MAX_ALIASES + 1];   /* NULL-terminated */
    const char *default_text;                       /* NULL: none */
    connstr_apply_fn apply;                         /* NULL: an ODBC keyword */
    bool is_secret;
    const char *help;                               /* what the value may be */
    connstr_apply_option_fn apply_option;           /* NULL: not a driver option */
};

/* The row whose name or alias equals name (ASCII case-insensitive), or NULL. */
const struct connstr_keyword *connstr_keyword_find(const char *name, size_t name_length);
size_t connstr_keyword_count(void);
const struct connstr_keyword *connstr_keyword_at(size_t index);

/* The standard ODBC keywords' rows, for the code that treats them apart. */
const struct connstr_keyword *connstr_keyword_dsn(void);
const struct connstr_keyword *connstr_keyword_filedsn(void);
const struct connstr_keyword *connstr_keyword_savefile(void);

/* Fails with the table's generic message: Keyword "value" is not <help>.
 * A secret keyword's value is left out of the message. */
void connstr_keyword_fail_value(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct error *error);

#endif
