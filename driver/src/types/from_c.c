/* The parameter conversions' entry (see from_c.h).
 * Owns: the C and SQL types SQLBindParameter accepts, the ODBC 2 codes
 * mapped to ODBC 3 ones, the default C type of each SQL type, the typing
 * rule (PostgreSQL type OID and wire format per SQL type), which C to SQL
 * pairings the appendix's tables list (07006 for the rest), the dispatch to
 * from_c_<family>.c by C type, and the writers every family shares.
 * Reference: ODBC "Converting Data from C to SQL Data Types" and its
 * per-C-type tables; "Default C Data Types". The pairings follow the
 * tables, with two additions the appendix's matrix (not its tables)
 * shows or the reverse direction implies: SQL_C_CHAR/WCHAR and
 * SQL_C_BINARY to SQL_GUID. */
#include "types/from_c.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include "types/from_c_internal.h"
#include "types/type_table.h"

/* ODBC 2 concise codes still sent by ODBC 2 applications (and mapped by
 * the driver manager only sometimes). */
static SQLSMALLINT odbc3_c_type(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_DATE:
        return SQL_C_TYPE_DATE;
    case SQL_C_TIME:
        return SQL_C_TYPE_TIME;
    case SQL_C_TIMESTAMP:
        return SQL_C_TYPE_TIMESTAMP;
    default:
        return c_type;
    }
}

static SQLSMALLINT odbc3_sql_type(SQLSMALLINT sql_type)
{
    switch (sql_type) {
    case SQL_DATE:
        return SQL_TYPE_DATE;
    case SQL_TIME:
        return SQL_TYPE_TIME;
    case SQL_TIMESTAMP:
        return SQL_TYPE_TIMESTAMP;
    default:
        return sql_type;
    }
}

static bool is_interval_sql_type(SQLSMALLINT sql_type)
{
    return sql_type >= SQL_INTERVAL_YEAR && sql_type <= SQL_INTERVAL_MINUTE_TO_SECOND;
}

static bool is_year_month_interval(SQLSMALLINT code)
{
    return code == SQL_INTERVAL_YEAR || code == SQL_INTERVAL_MONTH ||
           code == SQL_INTERVAL_YEAR_TO_MONTH;
}

bool types_is_param_c_type(SQLSMALLINT c_type)
{
    bool is_single_field;
    switch (odbc3_c_type(c_type)) {
    case SQL_C_CHAR:
    case SQL_C_WCHAR:
    case SQL_C_BINARY:
    case SQL_C_TYPE_DATE:
    case SQL_C_TYPE_TIME:
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_GUID:
        return true;
    default:
        return types_is_number_c_type(c_type) ||
               types_is_interval_c_type(c_type, &is_single_field);
    }
}

bool types_is_param_sql_type(SQLSMALLINT sql_type)
{
    sql_type = odbc3_sql_type(sql_type);
    switch (sql_type) {
    case SQL_UNKNOWN_TYPE:
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
    case SQL_DECIMAL:
    case SQL_NUMERIC:
    case SQL_BIT:
    case SQL_TINYINT:
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_BIGINT:
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
    case SQL_TYPE_DATE:
    case SQL_TYPE_TIME:
    case SQL_TYPE_TIMESTAMP:
    case SQL_GUID:
        return true;
    default:
        return is_interval_sql_type(sql_type);
    }
}

enum types_sql_class types_sql_class_of(SQLSMALLINT sql_type)
{
    switch (odbc3_sql_type(sql_type)) {
    case SQL_DECIMAL:
    case SQL_NUMERIC:
        return TYPES_SQL_CLASS_DECIMAL;
    case SQL_TINYINT:
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_BIGINT:
        return TYPES_SQL_CLASS_INTEGER;
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
        return TYPES_SQL_CLASS_FLOAT;
    case SQL_BIT:
        return TYPES_SQL_CLASS_BIT;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
        return TYPES_SQL_CLASS_BINARY;
    case SQL_TYPE_DATE:
        return TYPES_SQL_CLASS_DATE;
    case SQL_TYPE_TIME:
        return TYPES_SQL_CLASS_TIME;
    case SQL_TYPE_TIMESTAMP:
        return TYPES_SQL_CLASS_TIMESTAMP;
    case SQL_GUID:
        return TYPES_SQL_CLASS_GUID;
    default:
        return is_interval_sql_type(odbc3_sql_type(sql_type)) ? TYPES_SQL_CLASS_INTERVAL
                                                               : TYPES_SQL_CLASS_CHARACTER;
    }
}

const char *types_sql_type_name(SQLSMALLINT sql_type)
{
    static const struct {
        SQLSMALLINT sql_type;
        const char *name;
    } names[] = {
        {SQL_UNKNOWN_TYPE, "SQL_UNKNOWN_TYPE"},
        {SQL_CHAR, "SQL_CHAR"},
        {SQL_VARCHAR, "SQL_VARCHAR"},
        {SQL_LONGVARCHAR, "SQL_LONGVARCHAR"},
        {SQL_WCHAR, "SQL_WCHAR"},
        {SQL_WVARCHAR, "SQL_WVARCHAR"},
        {SQL_WLONGVARCHAR, "SQL_WLONGVARCHAR"},
        {SQL_DECIMAL, "SQL_DECIMAL"},
        {SQL_NUMERIC, "SQL_NUMERIC"},
        {SQL_BIT, "SQL_BIT"},
        {SQL_TINYINT, "SQL_TINYINT"},
        {SQL_SMALLINT, "SQL_SMALLINT"},
        {SQL_INTEGER, "SQL_INTEGER"},
        {SQL_BIGINT, "SQL_BIGINT"},
        {SQL_REAL, "SQL_REAL"},
        {SQL_FLOAT, "SQL_FLOAT"},
        {SQL_DOUBLE, "SQL_DOUBLE"},
        {SQL_BINARY, "SQL_BINARY"},
        {SQL_VARBINARY, "SQL_VARBINARY"},
        {SQL_LONGVARBINARY, "SQL_LONGVARBINARY"},
        {SQL_TYPE_DATE, "SQL_TYPE_DATE"},
        {SQL_TYPE_TIME, "SQL_TYPE_TIME"},
        {SQL_TYPE_TIMESTAMP, "SQL_TYPE_TIMESTAMP"},
        {SQL_GUID, "SQL_GUID"},
        {SQL_INTERVAL_YEAR, "SQL_INTERVAL_YEAR"},
        {SQL_INTERVAL_MONTH, "SQL_INTERVAL_MONTH"},
        {SQL_INTERVAL_DAY, "SQL_INTERVAL_DAY"},
        {SQL_INTERVAL_HOUR, "SQL_INTERVAL_HOUR"},
        {SQL_INTERVAL_MINUTE, "SQL_INTERVAL_MINUTE"},
        {SQL_INTERVAL_SECOND, "SQL_INTERVAL_SECOND"},
        {SQL_INTERVAL_YEAR_TO_MONTH, "SQL_INTERVAL_YEAR_TO_MONTH"},
        {SQL_INTERVAL_DAY_TO_HOUR, "SQL_INTERVAL_DAY_TO_HOUR"},
        {SQL_INTERVAL_DAY_TO_MINUTE, "SQL_INTERVAL_DAY_TO_MINUTE"},
        {SQL_INTERVAL_DAY_TO_SECOND, "SQL_INTERVAL_DAY_TO_SECOND"},
        {SQL_INTERVAL_HOUR_TO_MINUTE, "SQL_INTERVAL_HOUR_TO_MINUTE"},
        {SQL_INTERVAL_HOUR_TO_SECOND, "SQL_INTERVAL_HOUR_TO_SECOND"},
        {SQL_INTERVAL_MINUTE_TO_SECOND, "SQL_INTERVAL_MINUTE_TO_SECOND"},
    };
    sql_type = odbc3_sql_type(sql_type);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].sql_type == sql_type)
            return names[i].name;
    }
    return "an SQL type";
}

SQLSMALLINT types_default_c_type_for_sql(SQLSMALLINT sql_type)
{
    sql_type = odbc3_sql_type(sql_type);
    if (is_interval_sql_type(sql_type))
        return sql_type; /* SQL_C_INTERVAL_x has the same code as SQL_INTERVAL_x */
    switch (sql_type) {
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
        return SQL_C_WCHAR;
    case SQL_BIT:
        return SQL_C_BIT;
    case SQL_TINYINT:
        return SQL_C_STINYINT;
    case SQL_SMALLINT:
        return SQL_C_SSHORT;
    case SQL_INTEGER:
        return SQL_C_SLONG;
    case SQL_BIGINT:
        return SQL_C_SBIGINT;
    case SQL_REAL:
        return SQL_C_FLOAT;
    case SQL_FLOAT:
    case SQL_DOUBLE:
        return SQL_C_DOUBLE;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
        return SQL_C_BINARY;
    case SQL_TYPE_DATE:
        return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME:
        return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP:
        return SQL_C_TYPE_TIMESTAMP;
    case SQL_GUID:
        return SQL_C_GUID;
    default: /* character types, DECIMAL, NUMERIC, SQL_UNKNOWN_TYPE */
        return SQL_C_CHAR;
    }
}

/* The appendix's tables, one per C type: whether sql_type is listed. */
static bool is_pairing_allowed(SQLSMALLINT c_type, SQLSMALLINT sql_type)
{
    enum types_sql_class sql_class = types_sql_class_of(sql_type);
    bool is_single_field;
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || sql_class == TYPES_SQL_CLASS_CHARACTER)
        return true; /* "C to SQL: Character"; every C type converts to characters */
    bool is_number_target = sql_class == TYPES_SQL_CLASS_INTEGER ||
                            sql_class == TYPES_SQL_CLASS_DECIMAL ||
                            sql_class == TYPES_SQL_CLASS_FLOAT || sql_class == TYPES_SQL_CLASS_BIT;
    if (types_is_interval_c_type(c_type, &is_single_field)) {
        /* "C to SQL: Year-Month / Day-Time Intervals": the same kind of
         * interval; a single field also to exact numerics. */
        if (sql_class == TYPES_SQL_CLASS_INTERVAL)
            return is_year_month_interval(c_type) == is_year_month_interval(sql_type);
        return is_single_field &&
               (sql_class == TYPES_SQL_CLASS_INTEGER || sql_class == TYPES_SQL_CLASS_DECIMAL);
    }
    switch (c_type) {
    case SQL_C_BIT:
        return is_number_target;
    case SQL_C_FLOAT:
    case SQL_C_DOUBLE:
        return is_number_target;
    case SQL_C_BINARY:
        return is_number_target || sql_class == TYPES_SQL_CLASS_BINARY ||
               sql_class == TYPES_SQL_CLASS_DATE || sql_class == TYPES_SQL_CLASS_TIME ||
               sql_class == TYPES_SQL_CLASS_TIMESTAMP || sql_class == TYPES_SQL_CLASS_GUID;
    case SQL_C_TYPE_DATE:
        return sql_class == TYPES_SQL_CLASS_DATE || sql_class == TYPES_SQL_CLASS_TIMESTAMP;
    case SQL_C_TYPE_TIME:
        return sql_class == TYPES_SQL_CLASS_TIME || sql_class == TYPES_SQL_CLASS_TIMESTAMP;
    case SQL_C_TYPE_TIMESTAMP:
        return sql_class == TYPES_SQL_CLASS_DATE || sql_class == TYPES_SQL_CLASS_TIME ||
               sql_class == TYPES_SQL_CLASS_TIMESTAMP;
    case SQL_C_GUID:
        return sql_class == TYPES_SQL_CLASS_GUID;
    default:
        /* exact numerics: "C to SQL: Numeric", single-field intervals too */
        return is_number_target ||
               (sql_class == TYPES_SQL_CLASS_INTERVAL && types_is_single_field_interval(sql_type));
    }
}

static void encoding_of(SQLSMALLINT sql_type, struct types_param_encoding *out)
{
    out->format_code = 1;
    switch (sql_type) {
    case SQL_BIT:
        out->type_oid = TYPES_OID_BOOL;
        return;
    case SQL_TINYINT:
    case SQL_SMALLINT:
        out->type_oid = TYPES_OID_INT2;
        return;
    case SQL_INTEGER:
        out->type_oid = TYPES_OID_INT4;
        return;
    case SQL_BIGINT:
        out->type_oid = TYPES_OID_INT8;
        return;
    case SQL_REAL:
        out->type_oid = TYPES_OID_FLOAT4;
        return;
    case SQL_FLOAT:
    case SQL_DOUBLE:
        out->type_oid = TYPES_OID_FLOAT8;
        return;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
        out->type_oid = TYPES_OID_BYTEA;
        return;
    case SQL_GUID:
        out->type_oid = TYPES_OID_UUID;
        return;
    default:
        break;
    }
    out->format_code = 0;
    switch (sql_type) {
    case SQL_DECIMAL:
    case SQL_NUMERIC:
        out->type_oid = TYPES_OID_NUMERIC;
        return;
    case SQL_TYPE_DATE:
        out->type_oid = TYPES_OID_DATE;
        return;
    case SQL_TYPE_TIME:
        out->type_oid = TYPES_OID_TIME;
        return;
    case SQL_TYPE_TIMESTAMP:
        out->type_oid = TYPES_OID_TIMESTAMP;
        return;
    default:
        out->type_oid = is_interval_sql_type(sql_type) ? TYPES_OID_INTERVAL : 0;
        return;
    }
}

int types_param_encoding(SQLSMALLINT c_type, SQLSMALLINT sql_type,
                         struct types_param_encoding *out, struct error *error)
{
    if (!types_is_param_c_type(c_type)) {
        error_set(error, "HY003", "C type %d is not a C type a parameter can be bound with",
                  (int)c_type);
        return -1;
    }
    if (!types_is_param_sql_type(sql_type)) {
        error_set(error, "HY004", "SQL type %d is not an SQL type the driver can send",
                  (int)sql_type);
        return -1;
    }
    c_type = odbc3_c_type(c_type);
    sql_type = odbc3_sql_type(sql_type);
    if (!is_pairing_allowed(c_type, sql_type)) {
        error_set(error, "07006", "C type %d cannot be converted to %s", (int)c_type,
                  types_sql_type_name(sql_type));
        return -1;
    }
    encoding_of(sql_type, out);
    return 0;
}

int types_from_c_dispatch(const struct types_from_c_call *call)
{
    bool is_single_field;
    switch (call->c_type) {
    case SQL_C_CHAR:
    case SQL_C_WCHAR:
        return types_from_c_text(call);
    case SQL_C_BINARY:
        return types_from_c_binary(call);
    case SQL_C_FLOAT:
    case SQL_C_DOUBLE:
        return types_from_c_float(call);
    case SQL_C_NUMERIC:
        return types_from_c_numeric(call);
    case SQL_C_TYPE_DATE:
    case SQL_C_TYPE_TIME:
    case SQL_C_TYPE_TIMESTAMP:
        return types_from_c_datetime(call);
    case SQL_C_GUID:
        return types_from_c_guid(call);
    default:
        if (types_is_interval_c_type(call->c_type, &is_single_field))
            return types_from_c_interval(call);
        return types_from_c_integer(call);
    }
}

int types_convert_from_c(const struct types_param_value *value,
                         const struct types_param_type *type, struct buf *out,
                         struct types_param_encoding *encoding, struct error *error)
{
    if (types_param_encoding(value->c_type, type->sql_type, encoding, error) != 0)
        return -1;
    size_t start = out->length;
    SQLSMALLINT sql_type = odbc3_sql_type(type->sql_type);
    struct types_from_c_call call = {value, type, odbc3_c_type(value->c_type), sql_type,
                                     types_sql_class_of(sql_type), out, error};
    if (types_from_c_dispatch(&call) != 0) {
        /* struct buf empties itself when an append fails; the bytes before
         * start are still there (a failed growth keeps the old block). */
        out->length = start;
        if (!error_is_set(error))
            error_set(error, "HY000", "The parameter could not be converted");
        return -1;
    }
    return 0;
}

/* ---- writers ---- */

int types_from_c_fail(const struct types_from_c_call *call, const char *sqlstate,
                      const char *what)
{
    error_set(call->error, sqlstate, "%s for %s", what, types_sql_type_name(call->sql_type));
    return -1;
}

int types_from_c_fail_text(const struct types_from_c_call *call, const char *sqlstate,
                           const unsigned char *text, size_t length, const char *what)
{
    size_t shown = length > 40 ? 40 : length;
    error_set(call->error, sqlstate, "Value \"%.*s%s\" %s for %s", (int)shown,
              (const char *)text, shown < length ? "..." : "", what,
              types_sql_type_name(call->sql_type));
    return -1;
}

int types_from_c_fail_memory(const struct types_from_c_call *call)
{
    error_set(call->error, "HY001",
              "Out of memory, or the parameter values pass the limit of %zu bytes",
              call->out->max_bytes);
    return -1;
}

int types_from_c_append(const struct types_from_c_call *call, const void *bytes,
                        size_t length_bytes)
{
    if (buf_append(call->out, bytes, length_bytes) != 0)
        return types_from_c_fail_memory(call);
    return 0;
}

int types_from_c_append_text(const struct types_from_c_call *call, const unsigned char *text,
                             size_t length_bytes)
{
    if (length_bytes > 0 && memchr(text, '\0', length_bytes) != NULL)
        return types_from_c_fail(call, "22018",
                                 "Text holding a NUL byte cannot be sent as a text value");
    return types_from_c_append(call, text, length_bytes);
}

static int append_big_endian(const struct types_from_c_call *call, uint64_t bits, size_t size)
{
    unsigned char bytes[8];
    for (size_t i = 0; i < size; i++)
        bytes[i] = (unsigned char)(bits >> (8 * (size - 1 - i)));
    return types_from_c_append(call, bytes, size);
}

int types_from_c_put_integer(const struct types_from_c_call *call, int64_t value)
{
    int64_t min = INT64_MIN;
    int64_t max = INT64_MAX;
    size_t size = 8;
    /* SQL_TINYINT travels as int2 (PostgreSQL has no one-byte integer) and
     * is held to int2's range: the column it lands in decides the rest. */
    if (call->sql_type == SQL_TINYINT || call->sql_type == SQL_SMALLINT) {
        min = INT16_MIN;
        max = INT16_MAX;
        size = 2;
    } else if (call->sql_type == SQL_INTEGER) {
        min = INT32_MIN;
        max = INT32_MAX;
        size = 4;
    }
    if (value < min || value > max) {
        error_set(call->error, "22003", "Value %lld is out of range for %s (%lld to %lld)",
                  (long long)value, types_sql_type_name(call->sql_type), (long long)min,
                  (long long)max);
        return -1;
    }
    return append_big_endian(call, (uint64_t)value, size);
}

int types_from_c_put_bool(const struct types_from_c_call *call, bool value)
{
    unsigned char byte = value ? 1 : 0;
    return types_from_c_append(call, &byte, 1);
}

int types_from_c_put_double(const struct types_from_c_call *call, double value)
{
    if (call->sql_type == SQL_REAL) {
        if (isfinite(value) && fabs(value) > FLT_MAX) {
            char text[TYPES_FLOAT_TEXT_MAX];
            types_float_to_text(value, false, 15, text);
            error_set(call->error, "22003", "Value %s is out of range for SQL_REAL", text);
            return -1;
        }
        float single = (float)value;
        uint32_t bits;
        memcpy(&bits, &single, sizeof bits);
        return append_big_endian(call, bits, 4);
    }
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return append_big_endian(call, bits, 8);
}
