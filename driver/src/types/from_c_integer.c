/* Integer and bit C types → SQL types ("C to SQL: Numeric" for
 * SQL_C_TINYINT/STINYINT/UTINYINT, SHORT/SSHORT/USHORT, LONG/SLONG/ULONG,
 * SBIGINT/UBIGINT; "C to SQL: Bit" for SQL_C_BIT).
 * Owns: reading each integer C type from the application's buffer (host
 * order, any alignment), the fast lane into integer SQL types, and handing
 * the rest to the shared number writer (from_c_numeric.c).
 * Choices:
 * - SQL_C_BIT holds 0 or 1 ("C Data Types": an unsigned char that is a
 *   bit); any other byte is 22003 whatever the SQL type, rather than a
 *   number some SQL types would take and others refuse.
 * - A value beyond the SQL type's wire type (int2 for SQL_TINYINT and
 *   SQL_SMALLINT, int4, int8) is 22003. */
#include <string.h>
#include "types/from_c_internal.h"

/* The C value as a sign and magnitude (UBIGINT does not fit int64). */
static void read_integer(const struct types_from_c_call *call, bool *is_negative,
                         uint64_t *magnitude)
{
    const void *data = call->value->data;
    int64_t signed_value = 0;
    bool is_unsigned = false;
    uint64_t unsigned_value = 0;
    switch (call->c_type) {
    case SQL_C_TINYINT:
    case SQL_C_STINYINT: {
        signed char value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    case SQL_C_UTINYINT:
    case SQL_C_BIT: {
        unsigned char value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    case SQL_C_SHORT:
    case SQL_C_SSHORT: {
        SQLSMALLINT value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    case SQL_C_USHORT: {
        SQLUSMALLINT value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    case SQL_C_LONG:
    case SQL_C_SLONG: {
        SQLINTEGER value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    case SQL_C_ULONG: {
        SQLUINTEGER value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    case SQL_C_UBIGINT: {
        SQLUBIGINT value;
        memcpy(&value, data, sizeof value);
        is_unsigned = true;
        unsigned_value = value;
        break;
    }
    default: { /* SQL_C_SBIGINT */
        SQLBIGINT value;
        memcpy(&value, data, sizeof value);
        signed_value = value;
        break;
    }
    }
    if (is_unsigned) {
        *is_negative = false;
        *magnitude = unsigned_value;
        return;
    }
    *is_negative = signed_value < 0;
    *magnitude = signed_value < 0 ? (uint64_t)0 - (uint64_t)signed_value : (uint64_t)signed_value;
}

int types_from_c_integer(const struct types_from_c_call *call)
{
    bool is_negative;
    uint64_t magnitude;
    read_integer(call, &is_negative, &magnitude);
    if (call->c_type == SQL_C_BIT && magnitude > 1) {
        error_set(call->error, "22003", "SQL_C_BIT value %llu is not 0 or 1",
                  (unsigned long long)magnitude);
        return -1;
    }
    if (call->sql_class == TYPES_SQL_CLASS_INTEGER) {
        if (!is_negative && magnitude > (uint64_t)INT64_MAX) {
            error_set(call->error, "22003", "Value %llu is out of range for %s",
                      (unsigned long long)magnitude, types_sql_type_name(call->sql_type));
            return -1;
        }
        int64_t value = is_negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
        return types_from_c_put_integer(call, value);
    }
    struct types_decimal number;
    types_decimal_from_uint64(magnitude, is_negative, &number);
    if (call->sql_class == TYPES_SQL_CLASS_FLOAT) {
        double value = (double)magnitude;
        if (is_negative)
            value = -value;
        return types_from_c_put_number(call, &number, &value, TYPES_FRACTION_TRUNCATES);
    }
    return types_from_c_put_number(call, &number, NULL, TYPES_FRACTION_TRUNCATES);
}
