/* Fuzz target: parameter conversion, types_param_encoding and
 * types_convert_from_c (types/from_c.h), for any pairing of the C types
 * and SQL types SQLBindParameter can name (plus ODBC 2 codes and codes the
 * driver refuses), with any column size, decimal digits and value bytes,
 * into a struct buf capped at a size the input picks.
 *
 * Input layout (short inputs are padded with zeros):
 *   byte 0      C type (index into fuzz_c_types, modulo its size)
 *   byte 1      SQL type (index into fuzz_sql_types, modulo its size)
 *   bytes 2-3   column size, big-endian
 *   byte 4      decimal digits (signed)
 *   byte 5      SQL_C_NUMERIC precision from the APD
 *   byte 6      SQL_C_NUMERIC scale from the APD (signed)
 *   byte 7      bits 0-2: the buffer's cap (fuzz_caps); bit 3: the buffer
 *               already holds a prefix the conversion must append after
 *   bytes 8-    the value: for character and binary C types, exactly these
 *               bytes; for fixed-size C types, a struct of that C type's
 *               size, these bytes truncated or padded with zeros (an
 *               application's buffer always holds the whole struct)
 * The value lives in a heap block of its exact size, so ASan catches a read
 * past it.
 *
 * Invariants checked (abort with a message when one breaks):
 * - types_param_encoding and types_convert_from_c agree: the same outcome,
 *   the same SQLSTATE on failure, the same encoding on success.
 * - On failure: a five-character SQLSTATE of digits and capital letters,
 *   and the buffer's length and prefix as before the call.
 * - On success: no error set; the format is 0 (text) or 1 (binary); the
 *   buffer never exceeds its cap and keeps its prefix; a text value holds
 *   no NUL byte (PostgreSQL text cannot); a binary value of a fixed-size
 *   PostgreSQL type has that type's size. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "types/from_c.h"
#include "types/type_table.h"
#include "util/buf.h"
#include "util/error.h"

#define FUZZ_HEADER_BYTES 8u
#define FUZZ_PREFIX "PREFIX"
#define FUZZ_PREFIX_BYTES (sizeof FUZZ_PREFIX - 1u)

struct fuzz_c_type {
    SQLSMALLINT c_type;
    size_t fixed_size; /* 0: character or binary, the input's bytes */
};

static const struct fuzz_c_type fuzz_c_types[] = {
    {SQL_C_CHAR, 0},
    {SQL_C_WCHAR, 0},
    {SQL_C_BINARY, 0},
    {SQL_C_BIT, sizeof(SQLCHAR)},
    {SQL_C_STINYINT, sizeof(SQLSCHAR)},
    {SQL_C_UTINYINT, sizeof(SQLCHAR)},
    {SQL_C_TINYINT, sizeof(SQLSCHAR)},
    {SQL_C_SSHORT, sizeof(SQLSMALLINT)},
    {SQL_C_USHORT, sizeof(SQLUSMALLINT)},
    {SQL_C_SHORT, sizeof(SQLSMALLINT)},
    {SQL_C_SLONG, sizeof(SQLINTEGER)},
    {SQL_C_ULONG, sizeof(SQLUINTEGER)},
    {SQL_C_LONG, sizeof(SQLINTEGER)},
    {SQL_C_SBIGINT, sizeof(SQLBIGINT)},
    {SQL_C_UBIGINT, sizeof(SQLUBIGINT)},
    {SQL_C_FLOAT, sizeof(SQLREAL)},
    {SQL_C_DOUBLE, sizeof(SQLDOUBLE)},
    {SQL_C_NUMERIC, sizeof(SQL_NUMERIC_STRUCT)},
    {SQL_C_TYPE_DATE, sizeof(SQL_DATE_STRUCT)},
    {SQL_C_TYPE_TIME, sizeof(SQL_TIME_STRUCT)},
    {SQL_C_TYPE_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT)},
    {SQL_C_DATE, sizeof(SQL_DATE_STRUCT)},
    {SQL_C_TIME, sizeof(SQL_TIME_STRUCT)},
    {SQL_C_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT)},
    {SQL_C_GUID, sizeof(SQLGUID)},
    {SQL_C_INTERVAL_YEAR, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_MONTH, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_DAY, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_HOUR, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_MINUTE, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_YEAR_TO_MONTH, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_DAY_TO_HOUR, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_DAY_TO_MINUTE, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_DAY_TO_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_HOUR_TO_MINUTE, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_HOUR_TO_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_MINUTE_TO_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_DEFAULT, 16},  /* never passed by the ODBC layer: HY003 */
    {12345, 16},          /* unknown: HY003 */
};

static const SQLSMALLINT fuzz_sql_types[] = {
    SQL_UNKNOWN_TYPE,
    SQL_CHAR,
    SQL_VARCHAR,
    SQL_LONGVARCHAR,
    SQL_WCHAR,
    SQL_WVARCHAR,
    SQL_WLONGVARCHAR,
    SQL_DECIMAL,
    SQL_NUMERIC,
    SQL_BIT,
    SQL_TINYINT,
    SQL_SMALLINT,
    SQL_INTEGER,
    SQL_BIGINT,
    SQL_REAL,
    SQL_FLOAT,
    SQL_DOUBLE,
    SQL_BINARY,
    SQL_VARBINARY,
    SQL_LONGVARBINARY,
    SQL_TYPE_DATE,
    SQL_TYPE_TIME,
    SQL_TYPE_TIMESTAMP,
    SQL_DATE,
    SQL_TIME,
    SQL_TIMESTAMP,
    SQL_GUID,
    SQL_INTERVAL_YEAR,
    SQL_INTERVAL_MONTH,
    SQL_INTERVAL_DAY,
    SQL_INTERVAL_HOUR,
    SQL_INTERVAL_MINUTE,
    SQL_INTERVAL_SECOND,
    SQL_INTERVAL_YEAR_TO_MONTH,
    SQL_INTERVAL_DAY_TO_HOUR,
    SQL_INTERVAL_DAY_TO_MINUTE,
    SQL_INTERVAL_DAY_TO_SECOND,
    SQL_INTERVAL_HOUR_TO_MINUTE,
    SQL_INTERVAL_HOUR_TO_SECOND,
    SQL_INTERVAL_MINUTE_TO_SECOND,
    SQL_INTERVAL, /* the verbose code: HY004 */
    -777,         /* unknown: HY004 */
};

/* The buffer's cap: tiny ones make every append path fail somewhere. */
static const size_t fuzz_caps[8] = {FUZZ_PREFIX_BYTES, FUZZ_PREFIX_BYTES + 1u,
                                    FUZZ_PREFIX_BYTES + 4u, FUZZ_PREFIX_BYTES + 8u,
                                    FUZZ_PREFIX_BYTES + 17u, FUZZ_PREFIX_BYTES + 64u,
                                    4096u, 1u << 20};

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

static void fuzz_fail(const char *what, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                      const struct error *error)
{
    fprintf(stderr, "params_fuzz: %s (C type %d, SQL type %d, SQLSTATE \"%s\": %s)\n", what,
            (int)c_type, (int)sql_type, error->sqlstate, error->message);
    abort();
}

static int fuzz_is_sqlstate(const char *sqlstate)
{
    for (size_t i = 0; i < 5; ++i) {
        char c = sqlstate[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
            return 0;
        }
    }
    return sqlstate[5] == '\0';
}

/* The size of a binary value of a fixed-size PostgreSQL type; 0 for the
 * others (bytea). */
static size_t fuzz_binary_size(uint32_t type_oid)
{
    switch (type_oid) {
    case TYPES_OID_BOOL:
        return 1;
    case TYPES_OID_INT2:
        return 2;
    case TYPES_OID_INT4:
    case TYPES_OID_FLOAT4:
        return 4;
    case TYPES_OID_INT8:
    case TYPES_OID_FLOAT8:
        return 8;
    case TYPES_OID_UUID:
        return 16;
    default:
        return 0;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t header[FUZZ_HEADER_BYTES] = {0};
    if (size > 0) {
        memcpy(header, data, size < FUZZ_HEADER_BYTES ? size : FUZZ_HEADER_BYTES);
    }
    const uint8_t *rest = size > FUZZ_HEADER_BYTES ? data + FUZZ_HEADER_BYTES : NULL;
    size_t rest_length = size > FUZZ_HEADER_BYTES ? size - FUZZ_HEADER_BYTES : 0;

    const struct fuzz_c_type *c_type = &fuzz_c_types[header[0] % COUNT_OF(fuzz_c_types)];
    SQLSMALLINT sql_type = fuzz_sql_types[header[1] % COUNT_OF(fuzz_sql_types)];
    struct types_param_type type;
    type.sql_type = sql_type;
    type.column_size = ((SQLULEN)header[2] << 8) | header[3];
    type.decimal_digits = (SQLSMALLINT)(int8_t)header[4];

    size_t value_length = c_type->fixed_size > 0 ? c_type->fixed_size : rest_length;
    unsigned char *bytes = malloc(value_length > 0 ? value_length : 1);
    if (bytes == NULL) {
        return 0;
    }
    memset(bytes, 0, value_length > 0 ? value_length : 1);
    size_t copied = rest_length < value_length ? rest_length : value_length;
    if (copied > 0) {
        memcpy(bytes, rest, copied);
    }
    struct types_param_value value;
    value.c_type = c_type->c_type;
    value.data = bytes;
    value.length_bytes = value_length;
    value.numeric_precision = (SQLSMALLINT)header[5];
    value.numeric_scale = (SQLSMALLINT)(int8_t)header[6];

    struct types_param_encoding expected;
    memset(&expected, 0, sizeof expected);
    struct error encoding_error;
    error_init(&encoding_error);
    int encoding_rc = types_param_encoding(c_type->c_type, sql_type, &expected, &encoding_error);
    if (encoding_rc != 0 && !fuzz_is_sqlstate(encoding_error.sqlstate)) {
        fuzz_fail("types_param_encoding failed without a SQLSTATE", c_type->c_type, sql_type,
                  &encoding_error);
    }

    struct buf out;
    size_t cap = fuzz_caps[header[7] & 7u];
    buf_init(&out, cap);
    size_t start = 0;
    if ((header[7] & 8u) != 0) {
        if (buf_append(&out, FUZZ_PREFIX, FUZZ_PREFIX_BYTES) != 0) {
            fuzz_fail("the prefix does not fit the cap", c_type->c_type, sql_type,
                      &encoding_error);
        }
        start = FUZZ_PREFIX_BYTES;
    }
    struct types_param_encoding encoding;
    memset(&encoding, 0x5a, sizeof encoding);
    struct error error;
    error_init(&error);
    int rc = types_convert_from_c(&value, &type, &out, &encoding, &error);

    if (out.length > cap) {
        fuzz_fail("the buffer passed its cap", c_type->c_type, sql_type, &error);
    }
    if (start > 0 && (out.length < start || memcmp(out.data, FUZZ_PREFIX, start) != 0)) {
        fuzz_fail("the prefix was lost or overwritten", c_type->c_type, sql_type, &error);
    }
    if (rc != 0) {
        if (!fuzz_is_sqlstate(error.sqlstate)) {
            fuzz_fail("a failure without a five-character SQLSTATE", c_type->c_type, sql_type,
                      &error);
        }
        if (out.length != start) {
            fuzz_fail("a failure changed the buffer's length", c_type->c_type, sql_type, &error);
        }
        if (encoding_rc != 0 && strcmp(error.sqlstate, encoding_error.sqlstate) != 0) {
            fuzz_fail("the conversion and the encoding disagree on the SQLSTATE", c_type->c_type,
                      sql_type, &error);
        }
    } else {
        if (encoding_rc != 0) {
            fuzz_fail("a conversion succeeded where the encoding refused the pairing",
                      c_type->c_type, sql_type, &encoding_error);
        }
        if (error_is_set(&error)) {
            fuzz_fail("a success left an error set", c_type->c_type, sql_type, &error);
        }
        if (encoding.format_code != 0 && encoding.format_code != 1) {
            fuzz_fail("a format code other than 0 and 1", c_type->c_type, sql_type, &error);
        }
        if (encoding.format_code != expected.format_code ||
            encoding.type_oid != expected.type_oid) {
            fuzz_fail("the conversion and the encoding disagree on the encoding",
                      c_type->c_type, sql_type, &error);
        }
        size_t written = out.length - start;
        if (encoding.format_code == 0 && written > 0 && memchr(out.data + start, 0, written)) {
            fuzz_fail("a text value holds a NUL byte", c_type->c_type, sql_type, &error);
        }
        size_t binary_size = encoding.format_code == 1 ? fuzz_binary_size(encoding.type_oid) : 0;
        if (binary_size > 0 && written != binary_size) {
            fuzz_fail("a binary value has the wrong size for its type", c_type->c_type, sql_type,
                      &error);
        }
    }
    buf_reset(&out);
    free(bytes);
    return 0;
}
