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

#include <stdbool.h>
#include <stddef.h>

/* The lexical pieces sql_markers.c shares. */
bool odbc_sql_is_blank(char c);
bool odbc_sql_is_identifier_start(char c);
bool odbc_sql_is_identifier_char(char c);
/* Index just past a quoted run opened at sql[start] by quote ('"' or
 * '\''); a doubled quote stays inside. backslash_escapes: E'..'. An
 * unterminated run ends at length. */
size_t odbc_sql_skip_quoted(const char *sql, size_t length, size_t start, char quote,
                            bool backslash_escapes);
/* When sql[start] begins something the scanners copy whole (a quoted
 * string or identifier, a comment, a dollar quote, a word with any quote
 * glued to it: E'..', U&'..'), the index past it; otherwise start. A word
 * is skipped whole so that the '$' in a$b$ opens nothing. */
size_t odbc_sql_skip_lexeme(const char *sql, size_t length, size_t start);

/* Statements holding anything but blanks and comments, separated by
 * top-level ';'. An unterminated quote or comment swallows the rest of the
 * text (the server reports the error). */
size_t odbc_sql_count_statements(const char *sql, size_t length_bytes);

#endif
