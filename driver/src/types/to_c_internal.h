/* Shared pieces of the conversion matrix (convert.h), for types/ only.
 * Owns: the call bundle every family converter receives, the writers that
 * put a converted form into an application buffer (fixed-size structs,
 * character and binary pieces, numbers into any numeric C type), and the
 * decimal form numbers pass through. Each to_c_<family>.c implements one
 * family; convert.c decides which family a type OID belongs to and which C
 * types the ODBC appendix allows for it.
 * Reference: ODBC "Converting Data from SQL to C Data Types". */
#ifndef PGO_TYPES_TO_C_INTERNAL_H
#define PGO_TYPES_TO_C_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "types/convert.h"

/* One conversion: what came off the wire, where it goes, and the outcome. */
struct types_call {
    const struct types_value *value;
    const struct types_target *target;
    struct types_piece_state *piece;
    struct types_outcome *out;
    struct error *error;
    struct types_text_cursor *cursor; /* NULL: none kept */
};

/* ---- families (one file each) ---- */
int types_to_c_bool(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_integer(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_float(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_numeric(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_money(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_character(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_bytea(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_datetime(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_interval(const struct types_call *call) PGO_MUST_CHECK;
int types_to_c_uuid(const struct types_call *call) PGO_MUST_CHECK;

/* ---- writers (to_c_text.c) ---- */

/* A fixed-size C value: copies size bytes (when the buffer is not NULL),
 * the indicator is size, the value is done. */
int types_put_fixed(const struct types_call *call, const void *bytes, size_t size);

/* UTF-8 text into SQL_C_CHAR, SQL_C_WCHAR or SQL_C_BINARY, in pieces from
 * piece->offset. whole_length_bytes > 0 applies the rule of the numeric,
 * date, time and GUID tables: on the first piece, a buffer that cannot
 * hold that many characters plus the terminator is 22003, not 01004;
 * is_binary_whole applies "byte length > BufferLength is 22003" to
 * SQL_C_BINARY (every family but character). */
int types_put_text(const struct types_call *call, const unsigned char *text, size_t length_bytes,
                   size_t whole_length_bytes, bool is_binary_whole) PGO_MUST_CHECK;

/* An ASCII form produced on demand: copy(context, offset, out, count)
 * writes bytes [offset, offset + count) of a form length_bytes long. Used
 * for forms too long for a stack buffer (bytea as hex, binary numeric). */
struct types_ascii_form {
    size_t length_bytes;
    void (*copy)(const void *context, size_t offset, unsigned char *out, size_t count);
    const void *context;
};
int types_put_ascii_form(const struct types_call *call, const struct types_ascii_form *form,
                         size_t whole_length_bytes) PGO_MUST_CHECK;

/* A form's bytes into SQL_C_BINARY in pieces (01004 when short). */
int types_put_binary_form(const struct types_call *call, const struct types_ascii_form *form);

/* Raw bytes into SQL_C_BINARY in pieces (01004 when short). */
int types_put_binary_bytes(const struct types_call *call, const unsigned char *bytes,
                           size_t length_bytes) PGO_MUST_CHECK;

/* Error helpers: the value quoted (at most 40 bytes) in the message. */
int types_fail_value(const struct types_call *call, const char *sqlstate, const char *what);
int types_fail_restricted(const struct types_call *call);

/* Whether c_type is one of the numeric C types (integers, BIT, FLOAT,
 * DOUBLE, NUMERIC). */
bool types_is_number_c_type(SQLSMALLINT c_type);
/* Whether c_type is an interval C type; *is_single_field when it has one
 * field (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND). */
bool types_is_interval_c_type(SQLSMALLINT c_type, bool *is_single_field);

/* ---- numbers (to_c_integer.c, to_c_numeric.c) ---- */

/* A decimal number: value = 0.d1 d2 ... dn × 10^point, digits without
 * leading zeros (n = 0 is zero); digits past TYPES_DECIMAL_MAX_DIGITS are
 * dropped and has_dropped_nonzero says whether any was not zero. */
#define TYPES_DECIMAL_MAX_DIGITS 80
struct types_decimal {
    bool is_negative;
    bool is_nan;
    bool is_infinite;
    bool has_dropped_nonzero;
    int32_t point;
    size_t digit_count;
    unsigned char digits[TYPES_DECIMAL_MAX_DIGITS]; /* 0..9 */
};

/* Parses a numeric literal: [sign]digits[.digits][e[sign]digits], also
 * "NaN", "Infinity", "-Infinity" (any case). Leading and trailing spaces
 * are skipped when allow_spaces. false when the text is not a number. */
bool types_decimal_parse(const unsigned char *text, size_t length, bool allow_spaces,
                         struct types_decimal *out);
void types_decimal_from_int64(int64_t value, struct types_decimal *out);
void types_decimal_from_uint64(uint64_t value, bool is_negative, struct types_decimal *out);

/* Writes a decimal into a numeric C type (integers, BIT, FLOAT, DOUBLE,
 * NUMERIC) with the appendix's outcomes: fractional digits dropped 01S07,
 * whole digits lost 22003. double_value, when not NULL, is the exact
 * double the source already is (floats): FLOAT and DOUBLE use it. */
int types_put_decimal_number(const struct types_call *call, const struct types_decimal *number,
                             const double *double_value) PGO_MUST_CHECK;

/* An integer into a numeric C type; the fast path for int2/4/8 and oid. */
int types_put_int64_number(const struct types_call *call, int64_t value) PGO_MUST_CHECK;

/* Parses a plain integer text ([-+]digits), exact; false otherwise. */
bool types_parse_int64(const unsigned char *text, size_t length, int64_t *out);

/* Formats value in decimal into out (at least 21 bytes); returns the length. */
size_t types_format_int64(int64_t value, char *out);

/* A single-field interval C type filled from a number (exact numerics
 * only): whole part into the field, seconds keep six fractional digits. */
int types_put_number_as_interval(const struct types_call *call,
                                 const struct types_decimal *number) PGO_MUST_CHECK;

/* ---- date and time parts (to_c_datetime.c), shared with character ---- */
int types_character_to_datetime(const struct types_call *call, const unsigned char *text,
                                size_t length) PGO_MUST_CHECK;
int types_character_to_interval(const struct types_call *call, const unsigned char *text,
                                size_t length) PGO_MUST_CHECK;
int types_character_to_guid(const struct types_call *call, const unsigned char *text,
                            size_t length) PGO_MUST_CHECK;

/* Big-endian readers for binary wire values (length already checked). */
static inline uint16_t types_read_u16(const unsigned char *bytes)
{
    return (uint16_t)(((unsigned)bytes[0] << 8) | bytes[1]);
}
static inline uint32_t types_read_u32(const unsigned char *bytes)
{
    return ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) |
           bytes[3];
}
static inline uint64_t types_read_u64(const unsigned char *bytes)
{
    return ((uint64_t)types_read_u32(bytes) << 32) | types_read_u32(bytes + 4);
}

#endif
