/* ODBC scalar functions and CONVERT types in PostgreSQL's words (inside
 * odbc/ only: sql_markers.c calls it for each {fn name(args)} escape).
 * Owns: the table of ODBC function names that PostgreSQL spells or orders
 * differently, and the SQL type keywords CONVERT may name. Functions the
 * table does not know are written as the application wrote them
 * (PostgreSQL has ABS, MOD, ROUND, ...).
 * Reference: ODBC appendix E, "Scalar Functions" (string, numeric,
 * time/date, system and explicit data type conversion functions). */
#ifndef PGO_ODBC_SQL_ESCAPES_H
#define PGO_ODBC_SQL_ESCAPES_H

#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/compiler.h"
#include "util/error.h"

/* The most arguments a rewritten function takes; calls with more are
 * copied under their new name or refused by arity, never cut. */
#define SQL_ESCAPE_MAX_ARGUMENTS 8

/* Where the top-level commas of a translated argument list fall, as
 * offsets into that text. comma_count counts them all, even past the
 * offsets kept. */
struct sql_escape_arguments {
    size_t comma_offsets[SQL_ESCAPE_MAX_ARGUMENTS - 1];
    size_t comma_count;
};

/* ASCII case-insensitive: the counted word equals keyword. */
bool sql_escape_word_equals(const char *word, size_t word_length, const char *keyword);

/* Appends the PostgreSQL form of ODBC function name applied to the
 * (already translated) arguments text. escape_byte (1-based) is where
 * the escape starts, for messages. -1 with 42000 for a known function
 * given an argument count it does not take or a CONVERT to an unknown
 * type, HY001 when out reaches its maximum. */
int sql_escape_write_function(const char *name, size_t name_length, const char *arguments,
                              size_t arguments_length,
                              const struct sql_escape_arguments *commas, size_t escape_byte,
                              struct buf *out, struct error *error) PGO_MUST_CHECK;

#endif
