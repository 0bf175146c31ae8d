/* Named limits of the connstr module (STYLE.md: "Limits have names,
 * gathered in one header per module"). */
#ifndef PGO_CONNSTR_LIMITS_H
#define PGO_CONNSTR_LIMITS_H

/* Longest value one keyword may carry, from a string or a DSN. */
#define CONNSTR_VALUE_MAX_BYTES 65536

/* Buffer for one value read from odbc.ini or a file DSN; a value that
 * fills it is refused rather than silently cut. */
#define CONNSTR_DSN_VALUE_MAX_BYTES 8192

/* Buffer for the list of entry names in one DSN section. */
#define CONNSTR_DSN_KEY_LIST_MAX_BYTES 32768

/* Largest Timeout, in milliseconds: what a poll() timeout can hold. */
#define CONNSTR_TIMEOUT_MAX_MS 2147483647

/* Longest alias list of one keyword. */
#define CONNSTR_MAX_ALIASES 3

#endif
