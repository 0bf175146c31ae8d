/* Arguments of the ODBC catalog functions, turned into match conditions.
 * Owns: the rules of the reference's "Arguments in Catalog Functions":
 * ordinary arguments (taken literally), pattern value arguments ('%' any
 * string, '_' one character, '\' escapes the next character, as
 * SQLGetInfo's SQL_SEARCH_PATTERN_ESCAPE says), identifier arguments
 * (SQL_ATTR_METADATA_ID true: a quoted name taken literally within its
 * quotes, an unquoted one folded), and SQLTables' table-type list. Each
 * argument becomes "no condition", "equal to a value", "LIKE a pattern" or
 * "matches nothing"; the value is text the query builders bind as a
 * parameter, never text they splice into SQL.
 *
 * Choices (documented here once):
 * - Unquoted identifiers fold to lower case (ASCII letters only), as the
 *   PostgreSQL server folds them and SQLGetInfo's SQL_IDENTIFIER_CASE
 *   (SQL_IC_LOWER) says, rather than to upper case as the reference's
 *   generic rule would.
 * - Upper-case names: an ordinary or pattern argument with upper-case
 *   letters and no lower-case ones (ORDERS, ORDER_%) also matches its
 *   lower-case form. PostgreSQL folds unquoted names to lower case, so
 *   CREATE TABLE Orders makes "orders", and applications written for
 *   databases that fold to upper case ask for ORDERS (DBI's own tests do;
 *   psqlODBC's ANSI functions retry such names in lower case when nothing
 *   matched). A name with any lower-case letter is compared as given, and
 *   an identifier argument (SQL_ATTR_METADATA_ID) folds as the server does.
 * - A pattern without an unescaped wildcard is compared with "=" (an index
 *   can serve it); "%" alone is no condition.
 * - A value holding a NUL byte cannot name anything PostgreSQL stores: it
 *   matches nothing.
 * - A pattern ending in a lone escape character means that character
 *   itself (LIKE would refuse it).
 * Reference: ODBC "Arguments in Catalog Functions", "Pattern Value
 * Arguments", "Identifier Arguments"; SQLTables (TableType); PostgreSQL
 * LIKE (the default escape character is the backslash). */
#ifndef PGO_CATALOG_CATALOG_ARGS_H
#define PGO_CATALOG_CATALOG_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/compiler.h"

enum catalog_match {
    CATALOG_MATCH_ANY = 0, /* no condition: a null argument, or the pattern "%" */
    CATALOG_MATCH_EQUAL,   /* name = value */
    CATALOG_MATCH_LIKE,    /* name LIKE value (escape: backslash) */
    CATALOG_MATCH_NOTHING  /* no name can match */
};

enum catalog_arg_kind {
    CATALOG_ARG_ORDINARY, /* taken literally */
    CATALOG_ARG_PATTERN   /* '%', '_' and the escape '\' */
};

/* One argument. value is NUL-terminated and owned (EQUAL and LIKE only).
 * folded_value: value in lower case, owned, for an ordinary or pattern
 * argument that has upper-case letters and no lower-case ones; NULL
 * otherwise (see "Upper-case names" above). */
struct catalog_arg {
    enum catalog_match match;
    char *value;
    char *folded_value;
};

void catalog_arg_init(struct catalog_arg *arg); /* CATALOG_MATCH_ANY */
void catalog_arg_reset(struct catalog_arg *arg); /* frees value; accepts an initialised arg */

/* Sets arg from an application's argument: text NULL is a null pointer
 * (no condition); length in bytes. is_identifier: SQL_ATTR_METADATA_ID is
 * true (kind is then ignored: identifiers never hold patterns). Returns 0,
 * or -1 when memory ran out (arg is then reset). */
int catalog_arg_set(struct catalog_arg *arg, const char *text, size_t length,
                    enum catalog_arg_kind kind, bool is_identifier) PGO_MUST_CHECK;

/* SQLTables' TableType: a comma-separated list whose values may be in
 * single quotes, compared without regard to case with the types the
 * driver reports (catalog_table_types). Sets *is_all when the list is
 * "%" or holds "%" as one of its values (every type; out is then left
 * as it was); otherwise appends to out the known types it names,
 * comma-separated in the driver's spelling (possibly none: nothing
 * matches). Returns 0, or -1 when out cannot grow. */
int catalog_parse_table_types(const char *text, size_t length, bool *is_all,
                              struct buf *out) PGO_MUST_CHECK;

/* The table types SQLTables reports, in the order SQL_ALL_TABLE_TYPES
 * lists them. */
extern const char *const catalog_table_types[];
extern const size_t catalog_table_type_count;

#endif
