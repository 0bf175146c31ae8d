/* Strings at the ODBC boundary.
 * Owns: resolving SQL_NTS once (STYLE.md: below the API nothing calls
 * strlen on application data) and copying driver text into application
 * output buffers with the ODBC truncation rules (01004 is the caller's to
 * post: these helpers only say whether the text fitted). */
#ifndef PGO_ODBC_STRINGS_H
#define PGO_ODBC_STRINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>

/* Resolves an input string's length: SQL_NTS means NUL-terminated, a
 * non-negative value is a byte count. false for any other negative value
 * (HY090) or a NULL text with a non-zero length (HY009: the caller
 * decides). A NULL text with SQL_NTS or 0 is the empty string. */
bool odbc_resolve_length(const SQLCHAR *text, SQLLEN length, const char **out_text,
                         size_t *out_length);

/* Copies text into an output buffer of buffer_length bytes, NUL-terminated
 * when buffer_length > 0 (buffer may be NULL). Returns true when the whole
 * text fitted. */
bool odbc_copy_out_string(const char *text, size_t text_length, SQLCHAR *buffer,
                          SQLLEN buffer_length);

/* The same for SQLSMALLINT length outputs: *length_out gets the full
 * length (clamped to SQLSMALLINT's range) when not NULL. */
bool odbc_copy_out_string_small(const char *text, size_t text_length, SQLCHAR *buffer,
                                SQLSMALLINT buffer_length, SQLSMALLINT *length_out);

/* Narrowing helpers: clamp a size into an ODBC length type. */
SQLSMALLINT odbc_clamp_small(size_t value);
SQLINTEGER odbc_clamp_integer(size_t value);
SQLLEN odbc_clamp_len(size_t value);

#endif
