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
 *   (numeric, dates, times and intervals in ISO form).
 *
 * SQLSTATEs (struct error): 22003 numeric value out of range (a value that
 * does not fit the SQL type, a fractional part lost is fine only where
 * the reference allows: 01S07 is not raised for parameters), 22018
 * invalid character value for cast (text that is not a number, date,
 * GUID, ... of the SQL type asked for), 22008 datetime field overflow (an
 * impossible date or time in a struct), 22001 string data right-truncated
 * (only where the reference says the driver checks: binary data longer
 * than a fixed-size target), 07006 restricted data type attribute
 * violation (a C to SQL pairing the reference's table does not allow),
 * HY001 out of memory (the buffer's maximum), HY003 an unknown C type,
 * HY004 an unknown SQL type. On failure out keeps its previous length. */
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
                               SQL_C_WCHAR an even count of UTF-16 bytes);
                               ignored for fixed-size C types */
    SQLSMALLINT numeric_precision; /* SQL_C_NUMERIC only: from the APD; the
                                      struct's own fields win when set */
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
 * types_param_encoding chose (filled into *encoding too), to out. Text
 * format values are UTF-8 (SQL_C_WCHAR is converted from UTF-16, surrogate
 * pairs joined; a lone surrogate is 22018). -1 with error set; out is then
 * as it was. */
int types_convert_from_c(const struct types_param_value *value,
                         const struct types_param_type *type, struct buf *out,
                         struct types_param_encoding *encoding,
                         struct error *error) PGO_MUST_CHECK;

#endif
