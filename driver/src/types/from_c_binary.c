/* SQL_C_BINARY → SQL types ("C to SQL: Binary").
 * Owns: raw bytes into bytea, bytes sent as text into character SQL types,
 * and bytes read as the SQL type's default C type for the fixed-size SQL
 * types ("Byte length of data = SQL data length": the length must be that
 * C type's size, else 22003).
 * Rules and choices:
 * - Binary SQL types: the bytes as they are, in bytea's binary form.
 *   SQL_BINARY(n) with n > 0 refuses more than n bytes (22001, the table's
 *   row); VARBINARY and LONGVARBINARY are left to the server, bytea having
 *   no length.
 * - Character SQL types: the bytes as text, unchanged, as the table says;
 *   the server checks they are valid in the client encoding, and a NUL byte
 *   is 22018 (from_c_internal.h says why).
 * - Integer, float, bit, date, time, timestamp and GUID SQL types: the
 *   bytes are the default C type's value in host order (SQL_C_SLONG for
 *   SQL_INTEGER, SQL_DATE_STRUCT for SQL_TYPE_DATE, SQLGUID for SQL_GUID),
 *   which is what SQLGetData gives for SQL_C_BINARY the other way
 *   (convert.c); then converted as that C type.
 * - DECIMAL and NUMERIC have character data as their default C type: the
 *   bytes are read as a numeric literal, as SQL_C_CHAR is.
 * - Intervals are restricted (07006): the table does not list them. */
#include <string.h>
#include "types/from_c_internal.h"

static size_t size_of_c_type(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_BIT:
    case SQL_C_STINYINT:
        return 1;
    case SQL_C_SSHORT:
        return sizeof(SQLSMALLINT);
    case SQL_C_SLONG:
        return sizeof(SQLINTEGER);
    case SQL_C_SBIGINT:
        return sizeof(SQLBIGINT);
    case SQL_C_FLOAT:
        return sizeof(SQLREAL);
    case SQL_C_DOUBLE:
        return sizeof(SQLDOUBLE);
    case SQL_C_TYPE_DATE:
        return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME:
        return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP:
        return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_GUID:
        return sizeof(SQLGUID);
    default:
        return 0;
    }
}

/* The bytes converted as another C type (same SQL type, same output). */
static int convert_as(const struct types_from_c_call *call, SQLSMALLINT c_type, const void *data)
{
    struct types_param_value inner_value = *call->value;
    inner_value.c_type = c_type;
    inner_value.data = data;
    struct types_from_c_call inner = *call;
    inner.value = &inner_value;
    inner.c_type = c_type;
    return types_from_c_dispatch(&inner);
}

int types_from_c_binary(const struct types_from_c_call *call)
{
    const unsigned char *bytes = call->value->data;
    size_t length = call->value->length_bytes;
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_BINARY:
        if (call->sql_type == SQL_BINARY && call->type->column_size > 0 &&
            length > call->type->column_size) {
            error_set(call->error, "22001", "%zu bytes do not fit SQL_BINARY(%lu)", length,
                      (unsigned long)call->type->column_size);
            return -1;
        }
        return types_from_c_append(call, bytes, length);
    case TYPES_SQL_CLASS_CHARACTER:
        return types_from_c_append_text(call, bytes, length);
    case TYPES_SQL_CLASS_DECIMAL:
        return convert_as(call, SQL_C_CHAR, bytes);
    default:
        break;
    }
    SQLSMALLINT c_type = types_default_c_type_for_sql(call->sql_type);
    size_t size = size_of_c_type(c_type);
    if (size == 0)
        return types_from_c_fail(call, "07006", "Binary data cannot be converted");
    if (length != size) {
        error_set(call->error, "22003",
                  "Binary data of %zu bytes is not the %zu bytes of the C type of %s", length,
                  size, types_sql_type_name(call->sql_type));
        return -1;
    }
    union {
        SQL_TIMESTAMP_STRUCT timestamp;
        SQLGUID guid;
        SQLBIGINT integer;
        SQLDOUBLE real;
        unsigned char bytes[32];
    } aligned;
    memcpy(&aligned, bytes, size);
    return convert_as(call, c_type, &aligned);
}
