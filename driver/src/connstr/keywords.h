/* The keyword table (inside connstr/ only): one row per parameter of
 * ../shared/KEYWORDS.md and per standard ODBC keyword, with its aliases,
 * default, value parser, secrecy and the help text that error messages
 * quote ("a number from 1 to 65535"). The rows live in keywords.c. */
#ifndef PGO_CONNSTR_KEYWORDS_H
#define PGO_CONNSTR_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "connstr/limits.h"
#include "params/connect_params.h"
#include "util/compiler.h"
#include "util/error.h"

struct connstr_keyword;

/* Validates value and stores it in params. Fails with HY024 naming the
 * keyword, the value (never a secret's) and what is allowed, or HY001. */
typedef int (*connstr_apply_fn)(const struct connstr_keyword *keyword, const char *value,
                                size_t value_length, struct connect_params *params,
                                struct error *error);

struct connstr_keyword {
    const char *name;                               /* canonical: "UID", "Server", ... */
    const char *aliases[CONNSTR_MAX_ALIASES + 1];   /* NULL-terminated */
    const char *default_text;                       /* NULL: none */
    connstr_apply_fn apply;                         /* NULL: not a connect parameter */
    bool is_secret;
    const char *help;                               /* what the value may be */
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
