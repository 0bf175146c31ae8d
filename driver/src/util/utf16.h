/* UTF-16 ⇄ UTF-8, for the ODBC W entry points.
 * Owns: the two conversions and the counting rules the W functions need.
 * Knows no ODBC type: a unit is a uint16_t in host byte order, which is
 * what unixODBC's SQLWCHAR (unsigned short) holds; odbc/ checks the sizes
 * agree. Text is UTF-8 everywhere else in the driver (STYLE.md).
 *
 * Lengths are counted in UTF-16 code units, which is what a W function's
 * "characters" are: a character outside the Basic Multilingual Plane is a
 * surrogate pair, two units (ODBC counts SQLWCHARs, not code points).
 *
 * Choices:
 * - UTF-16 → UTF-8 (application text coming in): a lone surrogate (a high
 *   one not followed by a low one, or a low one alone) cannot become
 *   UTF-8; the conversion fails naming its unit index, and the caller
 *   reports it (odbc/ posts 22018). Nothing is replaced silently, because
 *   the text is SQL, a name or a connection string the application meant
 *   exactly. U+0000 converts to a NUL byte; whether that is allowed is the
 *   caller's business.
 * - UTF-8 → UTF-16 (driver text going out): the driver's text is UTF-8 it
 *   checked or the server sent, so malformed input is unexpected; each
 *   byte that does not start a well-formed sequence becomes U+FFFD (as
 *   types/to_c_text.c does for SQL_C_WCHAR values), so the output always
 *   is well-formed UTF-16.
 * - Output is truncated at a character boundary: a surrogate pair is
 *   stored whole or not at all. */
#ifndef PGO_UTIL_UTF16_H
#define PGO_UTIL_UTF16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"

#define UTF16_REPLACEMENT_CHARACTER 0xFFFDu

/* Units before the first zero unit (the wcslen of SQL_NTS text). */
size_t utf16_terminated_length(const uint16_t *text);

/* Converts unit_count units of UTF-16 to UTF-8. out may be NULL to measure
 * only; otherwise it receives the UTF-8 bytes (no terminator) and must hold
 * out_capacity bytes. 0 with *length_bytes set on success; -1 at a lone
 * surrogate, with *bad_unit_index its index (out may then hold part of
 * the text), or when out_capacity is too small (*bad_unit_index is
 * unit_count then). */
int utf16_to_utf8(const uint16_t *units, size_t unit_count, char *out, size_t out_capacity,
                  size_t *length_bytes, size_t *bad_unit_index) PGO_MUST_CHECK;

/* What utf16_from_utf8 stored. */
struct utf16_written {
    size_t written_units; /* units stored before the terminator */
    size_t total_units;   /* units the whole text takes */
    size_t consumed_bytes; /* UTF-8 bytes the stored units came from */
    bool is_truncated;    /* written_units < total_units */
};

/* Converts UTF-8 text to UTF-16 into out, which holds capacity_units
 * units, a zero terminator included: when capacity_units > 0 at most
 * capacity_units - 1 units of text are stored, then a zero unit. Whole
 * characters only. out may be NULL (capacity_units is then ignored) to
 * measure. Never fails. */
void utf16_from_utf8(const char *text, size_t length_bytes, uint16_t *out, size_t capacity_units,
                     struct utf16_written *written);

/* Units the UTF-8 text becomes (the same rules as utf16_from_utf8). */
size_t utf16_length_of_utf8(const char *text, size_t length_bytes);

#endif
