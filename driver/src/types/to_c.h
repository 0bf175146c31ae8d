/* Piece writers for character, wide-character and binary data.
 * Owns: copying one piece of a value into an application buffer (UTF-8 to
 * UTF-16 for SQL_C_WCHAR, hex digits to bytes for bytea), with the lengths
 * a value fetched in parts needs. The conversion matrix that uses them is
 * behind convert.h. Knows no handle and no message.
 * Reference: ODBC "Converting Data from SQL to C Data Types" appendix.
 * SQLSTATE raised here: 22018 for a bytea hex digit that is not one.
 * Truncation is reported through struct types_piece, not as an error. */
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

#endif
