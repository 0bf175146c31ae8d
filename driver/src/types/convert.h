/* One value from PostgreSQL into one ODBC C type: the conversion matrix.
 * Owns: the rules of the ODBC appendix "Converting Data from SQL to C Data
 * Types" for every built-in PostgreSQL type (by OID, text or binary wire
 * format) and every C type the reference allows for its SQL type; piecewise
 * transfer of character and binary data. Knows no handle and reads no
 * message: the ODBC layer passes views and turns the outcome into
 * diagnostics (it posts 01004 / 01S07 with the column number).
 *
 * SQLSTATEs (struct error): 22003 numeric value out of range, 22018
 * invalid character value for cast, 22007 invalid datetime format, 22008
 * datetime field overflow, 22015 interval field overflow, 07006 restricted
 * data type attribute violation (a conversion the reference does not
 * allow). On failure the target is untouched. Families, choices and the
 * binary decoders are listed in convert.c; each to_c_<family>.c says what
 * it decided where the reference is silent. */
#ifndef PGO_TYPES_CONVERT_H
#define PGO_TYPES_CONVERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "util/compiler.h"
#include "util/error.h"

/* A non-NULL value as it came off the wire (borrowed). */
struct types_value {
    uint32_t type_oid;
    int32_t type_modifier;
    bool is_binary;              /* format code 1 */
    const unsigned char *data;
    size_t length_bytes;
};

/* Where it goes: an application buffer described by the ARD. */
struct types_target {
    SQLSMALLINT c_type;          /* SQL_C_DEFAULT is resolved by the caller
                                    with types_default_c_type */
    void *buffer;                /* may be NULL: only the length is wanted */
    SQLLEN buffer_length_bytes;  /* for character and binary types */
    SQLSMALLINT numeric_precision; /* SQL_C_NUMERIC: from the ARD */
    SQLSMALLINT numeric_scale;
};

/* Piecewise state for one column of one row: reset to zero when the row
 * changes or another column is read (SQLGetData in pieces). */
struct types_piece_state {
    size_t offset;   /* position in the value's converted form already returned */
    bool is_done;    /* the last piece was returned: the next call is SQL_NO_DATA */
};

struct types_outcome {
    SQLLEN indicator;            /* what *StrLen_or_IndPtr receives: bytes still
                                    to come (character/binary, before this piece),
                                    or the fixed size; SQL_NO_TOTAL when unknown */
    bool is_truncated;           /* 01004: character or binary data right-truncated */
    bool is_fraction_truncated;  /* 01S07: fractional truncation */
};

/* Where the previous SQL_C_WCHAR piece of a text value stopped, kept by a
 * caller that reads one value in many pieces (SQLGetData) so that each
 * piece costs its own length instead of a decode of the value from its
 * start (reading 4 MB as SQL_C_WCHAR in 8 KiB pieces took 12 s, 16 MB
 * three minutes). Zero it whenever the piece state is zeroed; it is used
 * only while it names the same value bytes and the piece's offset, so a
 * stale or zeroed cursor only costs the decode from the start. */
struct types_text_cursor {
    size_t offset;              /* the piece offset it belongs to; 0: none */
    const unsigned char *data;  /* the value's bytes it was taken in */
    size_t length_bytes;
    size_t position;            /* the source byte at offset */
    size_t units_left;          /* UTF-16 units from position to the end */
};

/* The C type SQL_C_DEFAULT means for a PostgreSQL type. */
SQLSMALLINT types_default_c_type(uint32_t type_oid, int32_t type_modifier);

/* Converts value into target, continuing from *piece for character and
 * binary targets (and updating it). For fixed-size targets, a second call
 * for the same value after success is SQL_NO_DATA (piece->is_done).
 * The caller checks piece->is_done first and answers SQL_NO_DATA; a call
 * made anyway writes nothing and returns 0. piece->offset counts bytes of
 * the converted form (UTF-16 bytes for SQL_C_WCHAR, hex digits for binary
 * data as characters). Returns 0 or -1 with error set. Allocates nothing. */
int types_convert_to_c(const struct types_value *value, const struct types_target *target,
                       struct types_piece_state *piece, struct types_outcome *out,
                       struct error *error) PGO_MUST_CHECK;

/* types_convert_to_c keeping cursor (see struct types_text_cursor) from
 * piece to piece; cursor may be NULL. */
int types_convert_to_c_resumable(const struct types_value *value,
                                 const struct types_target *target,
                                 struct types_piece_state *piece,
                                 struct types_text_cursor *cursor, struct types_outcome *out,
                                 struct error *error) PGO_MUST_CHECK;

/* Whether the binary wire format is decoded for this type (the ODBC
 * layer asks for binary results only for these). */
bool types_has_binary_decoder(uint32_t type_oid);

#endif
