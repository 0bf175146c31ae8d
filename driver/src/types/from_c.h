/* One application value (a bound parameter) into one Bind parameter: the
 * other direction of convert.h.
 * Owns: the rules of the ODBC appendix "Converting Data from C to SQL Data
 * Types" for every C type SQLBindParameter accepts and every SQL type it
 * names, and the rule that picks the PostgreSQL type and wire format each
 * parameter is sent with. Knows no handle and builds no message: the ODBC
 * layer resolves lengths and indicators (SQL_NTS, SQL_NULL_DATA, data at
 * execution), passes the bytes, and queues what comes back.
 *
 * The typing rule (types_param_encoding): a parameter is sent so that the
 * server resolves it as it would a literal of the application's value.
 * - Character SQL types (SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR and the W
 *   forms) and SQL_UNKNOWN_TYPE go as text with type OID 0 ("unknown"),
 *   like a quoted literal: the server gives them the type the context
 *   needs, so a string bound for an integer, date or json column works,
 *   and an overloaded function is chosen as for '...'.
 * - Every other SQL type names its PostgreSQL type: SQL_BIT bool,
 *   SQL_TINYINT and SQL_SMALLINT int2, SQL_INTEGER int4, SQL_BIGINT int8,
 *   SQL_REAL float4, SQL_FLOAT and SQL_DOUBLE float8, SQL_DECIMAL and
 *   SQL_NUMERIC numeric, SQL_TYPE_DATE date, SQL_TYPE_TIME time,
 *   SQL_TYPE_TIMESTAMP timestamp, SQL_BINARY / SQL_VARBINARY /
 *   SQL_LONGVARBINARY bytea, SQL_GUID uuid, SQL_INTERVAL_* interval. An
 *   integer compared with a numeric column then behaves as 5 = numeric
 *   does (implicit casts), and an integer argument picks f(int).
 * - Binary format where it is exact and cheaper than text: bool, int2,
 *   int4, int8, float4, float8, bytea and uuid; everything else as text
 *   in forms the input functions read whatever DateStyle and IntervalStyle
 *   say: numeric as plain decimal ("-1234.56"), dates, times and
 *   timestamps in ISO form ("2024-02-29 13:45:00.25", "0044-03-15 BC"),
 *   intervals with a unit and sign per field ("-3 days -4 hours").
 *
 * SQLSTATEs (struct error), as the appendix's per-C-type tables give them:
 * 22003 numeric value out of range (a value beyond the SQL type's wire
 * type; NaN or infinity into an integer or bit; SQL_C_BIT other than 0/1;
 * SQL_C_BINARY whose length is not the SQL type's C size); 22001 string
 * data right-truncated (a fraction character data would lose in an integer
 * SQL type, a number between 0 and 2 other than 1 for SQL_BIT, more bytes
 * than SQL_BINARY(n) holds); 22018 invalid character value for cast (text
 * that is not a number, date, time, interval, GUID or hex of the SQL type
 * asked for, a NUL in a text value, a lone UTF-16 surrogate); 22007 and
 * 22008 (an impossible date or time struct: 22007 into date/time SQL
 * types, 22008 into character types; 22008 also for a timestamp with a
 * time into SQL_TYPE_DATE); 22015 interval field overflow (an interval
 * field out of its range or truncated); 07006 restricted data type
 * attribute violation (a pairing the tables do not list); HY001 out of
 * memory or the buffer's maximum; HY003 an unknown C type; HY004 an unknown
 * SQL type. A fractional part lost is fine where the tables allow it
 * (numbers into integer SQL types truncate toward zero): 01S07 is not
 * raised for parameters. Precision and length against the column (varchar
 * length, numeric precision) are the server's to check. Each
 * from_c_<family>.c lists its choices where the reference is silent. */
#ifndef PGO_TYPES_FROM_C_H
#define PGO_TYPES_FROM_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "util/buf.h"
#include "util/compiler.h"
#include "util/error.h"

/* The application's value (borrowed for the call). */
struct types_param_value {
    SQLSMALLINT c_type;     /* never SQL_C_DEFAULT: resolve it first with
                               types_default_c_type_for_sql */
    const void *data;       /* not NULL */
    size_t length_bytes;    /* SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY: the
                               value's byte count (SQL_NTS already resolved;
                               SQL_C_WCHAR an even count of UTF-16 bytes,
                               odd is 22018); ignored for fixed-size C types,
                               whose data must hold the whole C type */
    SQLSMALLINT numeric_precision; /* SQL_C_NUMERIC only: from the APD; the
                                      struct's own scale wins when its
                                      precision field is not 0 */
    SQLSMALLINT numeric_scale;
};

/* What SQLBindParameter said about the parameter. */
struct types_param_type {
    SQLSMALLINT sql_type;   /* ParameterType (concise: SQL_TYPE_DATE, not SQL_DATETIME) */
    SQLULEN column_size;
    SQLSMALLINT decimal_digits;
};

/* How the value travels in Bind. */
struct types_param_encoding {
    uint32_t type_oid;      /* for Parse; 0 = unknown, the server infers */
    int16_t format_code;    /* 0 text, 1 binary */
};

/* The ODBC default C type for an SQL type (SQLBindParameter with
 * SQL_C_DEFAULT). SQL_C_CHAR for types with no better one. */
SQLSMALLINT types_default_c_type_for_sql(SQLSMALLINT sql_type);

/* Whether SQLBindParameter accepts c_type at all (HY003 otherwise). */
bool types_is_param_c_type(SQLSMALLINT c_type);
/* Whether sql_type is an SQL type the driver sends (HY004 otherwise). */
bool types_is_param_sql_type(SQLSMALLINT sql_type);

/* The OID and format this pairing is sent with (the typing rule above),
 * and whether the reference allows converting c_type to sql_type at all:
 * -1 with 07006 when it does not. Pure; needs no value. */
int types_param_encoding(SQLSMALLINT c_type, SQLSMALLINT sql_type,
                         struct types_param_encoding *out, struct error *error) PGO_MUST_CHECK;

/* Appends the Bind bytes of value, converted for type in the encoding
 * types_param_encoding chose (filled into *encoding too), to out: only the
 * value's bytes, no length word (the caller notes out->length before and
 * after, and writes NULL itself). Text format values are UTF-8 (SQL_C_WCHAR
 * is converted from UTF-16, surrogate pairs joined; a lone surrogate is
 * 22018). ODBC 2 C and SQL type codes (SQL_C_DATE, SQL_TIMESTAMP, ...) are
 * read as their ODBC 3 twins. Allocates only through out. -1 with error
 * set; out then has its previous length (and its bytes up to it). */
int types_convert_from_c(const struct types_param_value *value,
                         const struct types_param_type *type, struct buf *out,
                         struct types_param_encoding *encoding,
                         struct error *error) PGO_MUST_CHECK;

#endif
