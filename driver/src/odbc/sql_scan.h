/* Counting the statements in an SQL string.
 * Owns: a lexical scan that finds the top-level ';' separators of
 * PostgreSQL SQL, skipping string constants ('..' with '' doubled,
 * E'..' with backslash escapes), quoted identifiers ("..", "" doubled),
 * dollar-quoted strings ($tag$..$tag$), line comments (-- to the end of
 * the line) and block comments (slash-star .. star-slash, nested). The text is never
 * rewritten: the count only decides the protocol (one statement: the
 * extended protocol; several: the simple protocol, which accepts them).
 * Reference: PostgreSQL manual, "Lexical Structure" (sql-syntax-lexical). */
#ifndef PGO_ODBC_SQL_SCAN_H
#define PGO_ODBC_SQL_SCAN_H

#include <stddef.h>

/* Statements holding anything but blanks and comments, separated by
 * top-level ';'. An unterminated quote or comment swallows the rest of the
 * text (the server reports the error). */
size_t odbc_sql_count_statements(const char *sql, size_t length_bytes);

#endif
