/* Shared pieces of the parameter conversions (from_c.h), for types/ only.
 * Owns: the call bundle every from_c_<family>.c receives, the SQL type
 * classes the appendix's tables are read by, and the writers that append
 * one value's Bind bytes (integers and floats in network order, decimal
 * and date/time text) with the SQLSTATE of each failure. from_c.c decides
 * which pairings the appendix allows and which family converts a C type;
 * each from_c_<family>.c converts one family of C types into every SQL
 * type its table lists, and offers the parsers the character family needs.
 * Reference: ODBC "Converting Data from C to SQL Data Types". */
#ifndef PGO_TYPES_FROM_C_INTERNAL_H
#define PGO_TYPES_FROM_C_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "types/from_c.h"
#include "types/to_c_internal.h"

/* The SQL types by how the appendix's tables treat them. */
enum types_sql_class {
    TYPES_SQL_CLASS_CHARACTER, /* CHAR, VARCHAR, LONGVARCHAR, the W forms, UNKNOWN */
    TYPES_SQL_CLASS_INTEGER,   /* TINYINT, SMALLINT, INTEGER, BIGINT */
    TYPES_SQL_CLASS_DECIMAL,   /* DECIMAL, NUMERIC */
    TYPES_SQL_CLASS_FLOAT,     /* REAL, FLOAT, DOUBLE */
    TYPES_SQL_CLASS_BIT,
    TYPES_SQL_CLASS_BINARY,    /* BINARY, VARBINARY, LONGVARBINARY */
    TYPES_SQL_CLASS_DATE,
    TYPES_SQL_CLASS_TIME,
    TYPES_SQL_CLASS_TIMESTAMP,
    TYPES_SQL_CLASS_INTERVAL,  /* all thirteen */
    TYPES_SQL_CLASS_GUID
};

/* One conversion. c_type and sql_type are concise ODBC 3 codes: the ODBC 2
 * date, time and timestamp codes are mapped before a family sees them. */
struct types_from_c_call {
    const struct types_param_value *value;
    const struct types_param_type *type;
    SQLSMALLINT c_type;
    SQLSMALLINT sql_type;
    enum types_sql_class sql_class;
    struct buf *out;
    struct error *error;
};

/* ---- families (one file each); each appends to call->out ---- */
int types_from_c_integer(const struct types_from_c_call *call) PGO_MUST_CHECK;  /* and SQL_C_BIT */
int types_from_c_float(const struct types_from_c_call *call) PGO_MUST_CHECK;
int types_from_c_numeric(const struct types_from_c_call *call) PGO_MUST_CHECK;
int types_from_c_text(const struct types_from_c_call *call) PGO_MUST_CHECK;     /* CHAR, WCHAR */
int types_from_c_binary(const struct types_from_c_call *call) PGO_MUST_CHECK;
int types_from_c_datetime(const struct types_from_c_call *call) PGO_MUST_CHECK;
int types_from_c_interval(const struct types_from_c_call *call) PGO_MUST_CHECK;
int types_from_c_guid(const struct types_from_c_call *call) PGO_MUST_CHECK;

/* The family that converts call->c_type (from_c.c); SQL_C_BINARY uses it
 * to convert its bytes as the SQL type's default C type. */
int types_from_c_dispatch(const struct types_from_c_call *call) PGO_MUST_CHECK;

/* ---- classes and names (from_c.c) ---- */
enum types_sql_class types_sql_class_of(SQLSMALLINT sql_type);
/* "SQL_INTEGER", ... for messages (ODBC 2 codes by their ODBC 3 twin's
 * name); "an SQL type" for codes the driver does not send. */
const char *types_sql_type_name(SQLSMALLINT sql_type);

/* ---- writers (from_c.c) ---- */

/* Appends bytes; HY001 when the buffer refuses them (its maximum or
 * memory). The caller of types_convert_from_c restores the length. */
int types_from_c_append(const struct types_from_c_call *call, const void *bytes,
                        size_t length_bytes) PGO_MUST_CHECK;
/* The HY001 of a refused append or reserve, for writers that reserve. */
int types_from_c_fail_memory(const struct types_from_c_call *call) PGO_MUST_CHECK;
/* Text for a text-format value: 22018 when it holds a NUL byte, which the
 * server's input functions read as the end of the string (PostgreSQL text
 * cannot contain U+0000), so the value would arrive cut. */
int types_from_c_append_text(const struct types_from_c_call *call, const unsigned char *text,
                             size_t length_bytes) PGO_MUST_CHECK;
/* An integer as int2, int4 or int8 (by call->sql_type), big-endian; 22003
 * when it does not fit. */
int types_from_c_put_integer(const struct types_from_c_call *call, int64_t value) PGO_MUST_CHECK;
/* SQL_BIT: bool, one byte 0 or 1. */
int types_from_c_put_bool(const struct types_from_c_call *call, bool value) PGO_MUST_CHECK;
/* float4 (SQL_REAL: 22003 beyond FLT_MAX) or float8, IEEE 754 big-endian. */
int types_from_c_put_double(const struct types_from_c_call *call, double value) PGO_MUST_CHECK;

/* Fails with sqlstate and a message naming the SQL type: "<what> for
 * SQL_INTEGER". */
int types_from_c_fail(const struct types_from_c_call *call, const char *sqlstate,
                      const char *what) PGO_MUST_CHECK;
/* Fails quoting text (at most 40 bytes): "Value "12a" <what> for SQL_INTEGER". */
int types_from_c_fail_text(const struct types_from_c_call *call, const char *sqlstate,
                           const unsigned char *text, size_t length, const char *what)
    PGO_MUST_CHECK;

/* ---- numbers (from_c_numeric.c) ---- */

/* How a fractional part lost on the way to an integer SQL type is treated:
 * numeric C types truncate it ("C to SQL: Numeric": n/a, 01S07 optional and
 * not raised); character data fails with 22001 ("C to SQL: Character"). */
enum types_fraction_rule {
    TYPES_FRACTION_TRUNCATES,
    TYPES_FRACTION_FAILS
};

/* Appends a number in the form call->sql_class wants: integer SQL types
 * (fraction per rule, 22003 beyond the wire type), SQL_BIT (0 and 1; 22001
 * between 0 and 2; 22003 otherwise), floats, decimal text, character text
 * (plain decimal), single-field intervals ("5 days"). exact_double, when
 * not NULL, is the double the C value is (SQL_C_FLOAT, SQL_C_DOUBLE): float
 * and integer targets use it, text targets the shortest decimal in number. */
int types_from_c_put_number(const struct types_from_c_call *call,
                            const struct types_decimal *number, const double *exact_double,
                            enum types_fraction_rule rule) PGO_MUST_CHECK;

/* The decimal's value as the nearest double (correctly rounded through
 * strtod on a form with no decimal point, so LC_NUMERIC cannot change it);
 * *is_overflow when it is beyond the double range. Shared with the fetch
 * side (to_c_numeric.c, to_c_float.c). */
double types_decimal_to_double(const struct types_decimal *number, bool *is_overflow);
/* The same as the nearest float, rounded once (strtof, not through a
 * double); beyond the float range it is an infinity. */
float types_decimal_to_float(const struct types_decimal *number);

/* Appends the decimal as plain text ("-12.5", "0.001", "1200"); NaN and
 * the infinities as "NaN", "Infinity", "-Infinity". */
int types_from_c_append_decimal(const struct types_from_c_call *call,
                                const struct types_decimal *number) PGO_MUST_CHECK;

/* ---- floats (from_c_float.c), shared with the fetch side ---- */

/* The shortest decimal that reads back as value (as a float when
 * is_single: 0.1f is 0.1); NaN and the infinities are flagged, zero has no
 * digits and keeps its sign. Digits come from snprintf("%.*e") and are read
 * back through types_decimal_to_double/_to_float, so LC_NUMERIC never
 * changes the result. */
void types_float_shortest_decimal(double value, bool is_single, struct types_decimal *out);

/* Room for any text types_float_to_text writes, NUL included. */
#define TYPES_FLOAT_TEXT_MAX 32
/* value's shortest decimal (as above) laid out as PostgreSQL prints
 * floats: fixed notation for decimal exponents from -4 up to
 * fixed_exponent_limit - 1 (at most 15), else "1.5e+300" (two exponent
 * digits at least); "NaN", "Infinity", "-Infinity", "-0". Always '.',
 * whatever the locale. Writes a NUL-terminated text into out
 * (TYPES_FLOAT_TEXT_MAX bytes) and returns its length. Also the form of
 * floats quoted in messages. */
size_t types_float_to_text(double value, bool is_single, int fixed_exponent_limit, char *out);

/* ---- date and time (from_c_datetime.c) ---- */

/* Character data into SQL_TYPE_DATE, _TIME or _TIMESTAMP (trimmed text). */
int types_from_c_text_to_datetime(const struct types_from_c_call *call,
                                  const unsigned char *text, size_t length) PGO_MUST_CHECK;

/* ---- intervals (from_c_interval.c) ---- */

/* Character data into an interval SQL type: an ODBC interval value with
 * the SQL type's fields ("1-6" for YEAR TO MONTH, "-3 04:05:06.5" for DAY
 * TO SECOND), optionally signed. */
int types_from_c_text_to_interval(const struct types_from_c_call *call,
                                  const unsigned char *text, size_t length) PGO_MUST_CHECK;
/* The PostgreSQL unit word of a single-field interval SQL type ("days"),
 * NULL for the others. */
const char *types_interval_unit_of(SQLSMALLINT sql_type);
/* Whether the interval SQL type has one field. */
bool types_is_single_field_interval(SQLSMALLINT sql_type);

/* ---- GUID (from_c_guid.c) ---- */
int types_from_c_text_to_guid(const struct types_from_c_call *call, const unsigned char *text,
                              size_t length) PGO_MUST_CHECK;
/* SQLGUID → uuid's 16 bytes (RFC 4122 order). */
int types_from_c_put_guid(const struct types_from_c_call *call, const SQLGUID *guid)
    PGO_MUST_CHECK;

#endif
