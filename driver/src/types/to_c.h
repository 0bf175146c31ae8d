/* PostgreSQL text-format values → ODBC C types.
 * Owns: the conversions SQLGetData and SQLBindCol apply to one value:
 * character, wide-character and binary pieces (for values fetched in parts)
 * and the fixed-size C types (integers, floating point, bit, date, time,
 * timestamp, GUID). Knows no handle and no message: the ODBC layer keeps
 * the per-column offset and turns the results into diagnostics.
 * Reference: ODBC "Converting Data from SQL to C Data Types" appendix.
 *
 * SQLSTATEs raised here (struct error): 22003 numeric value out of range,
 * 22018 invalid character value for cast, 22007 invalid datetime format,
 * 22008 datetime field overflow, 07006 restricted data type (a conversion
 * this driver does not make). Truncation is reported through flags, not
 * errors: the caller posts 01004 (string data right-truncated) or 01S07
 * (fractional truncation) with the column number. */
#ifndef PGO_TYPES_TO_C_H
#define PGO_TYPES_TO_C_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>
#include "util/compiler.h"
#include "util/error.h"

/* One piece of a character or binary value. The caller passes the part of
 * the value not yet returned; the piece says what was stored and how far
 * to advance. */
struct types_piece {
    size_t written_bytes;   /* bytes stored in the target, terminator excluded */
    size_t consumed_bytes;  /* source bytes this piece used */
    size_t remaining_bytes; /* the whole rest of the value, in the target's
                               encoding and bytes: what the indicator reports */
    bool is_truncated;      /* the target held less than the rest */
};

/* SQL_C_CHAR: copies bytes and a NUL terminator (when target_length_bytes
 * > 0). ODBC: the terminator always fits, so at most target_length_bytes-1
 * bytes are stored. */
void types_to_c_char_piece(const unsigned char *source, size_t source_length_bytes, void *target,
                           size_t target_length_bytes, struct types_piece *out);

/* SQL_C_WCHAR: UTF-8 → UTF-16LE (host order SQLWCHAR), terminated with a
 * zero unit. A surrogate pair is never split between pieces; malformed
 * UTF-8 becomes U+FFFD, one per bad byte. */
void types_to_c_wchar_piece(const unsigned char *source, size_t source_length_bytes,
                            void *target, size_t target_length_bytes, struct types_piece *out);

/* Number of UTF-16 code units the UTF-8 text becomes (same rules as above). */
size_t types_utf16_length_units(const unsigned char *source, size_t source_length_bytes);

/* SQL_C_BINARY of a value whose text is its bytes: copies, no terminator. */
void types_to_c_binary_piece(const unsigned char *source, size_t source_length_bytes,
                             void *target, size_t target_length_bytes, struct types_piece *out);

/* SQL_C_BINARY of a bytea in hex text form, given the hex digits after
 * "\x": decodes two digits per byte. -1 (22018) on a non-hex digit or an
 * odd count. */
int types_to_c_hex_binary_piece(const unsigned char *hex, size_t hex_length, void *target,
                                size_t target_length_bytes, struct types_piece *out,
                                struct error *error) PGO_MUST_CHECK;

/* Whether c_type is one of the fixed-size C types types_to_c_fixed fills. */
bool types_is_fixed_c_type(SQLSMALLINT c_type);
/* The size in bytes of a fixed C type, 0 for others. */
size_t types_fixed_c_type_size(SQLSMALLINT c_type);

/* Converts a value's text into a fixed-size C type. target must hold
 * types_fixed_c_type_size(c_type) bytes. *has_fraction_truncated is set
 * when digits were dropped (01S07). On failure the target is untouched. */
int types_to_c_fixed(SQLSMALLINT c_type, const char *text, size_t length_bytes, void *target,
                     bool *has_fraction_truncated, struct error *error) PGO_MUST_CHECK;

#endif
