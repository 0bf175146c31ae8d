/* Integers and booleans → C types: "SQL to C: Numeric" for int2, int4,
 * int8 and oid, "SQL to C: Bit" for bool (to_c_internal.h).
 * Owns: the exact integer parser and formatter of the fetch path's fast
 * lane (no strtol, no snprintf), and writing an integer into every numeric
 * C type with 22003 when it does not fit. Wire forms: text digits, or
 * binary big-endian two's complement (int2/int4/int8), unsigned 4 bytes
 * (oid), one byte 0/1 (bool). */
#include <string.h>
#include "types/to_c_internal.h"
#include "types/type_table.h"

bool types_parse_int64(const unsigned char *text, size_t length, int64_t *out)
{
    size_t position = 0;
    bool is_negative = false;
    if (length > 0 && (text[0] == '-' || text[0] == '+')) {
        is_negative = text[0] == '-';
        position = 1;
    }
    if (position == length || length - position > 19)
        return false;
    uint64_t magnitude = 0;
    for (; position < length; position++) {
        unsigned digit = (unsigned)text[position] - '0';
        if (digit > 9)
            return false;
        magnitude = magnitude * 10 + digit;
    }
    /* 19 digits fit in uint64; the int64 range is checked here. */
    if (is_negative) {
        if (magnitude > (uint64_t)INT64_MAX + 1u)
            return false;
        *out = magnitude == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)magnitude;
    } else {
        if (magnitude > (uint64_t)INT64_MAX)
            return false;
        *out = (int64_t)magnitude;
    }
    return true;
}

size_t types_format_int64(int64_t value, char *out)
{
    char reversed[20];
    size_t count = 0;
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
        reversed[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    size_t length = 0;
    if (value < 0)
        out[length++] = '-';
    while (count > 0)
        out[length++] = reversed[--count];
    out[length] = '\0';
    return length;
}

static int fail_range(const struct types_call *call, int64_t value, const char *range)
{
    error_set(call->error, "22003", "Value %lld is out of range for C type %d (%s)",
              (long long)value, (int)call->target->c_type, range);
    return -1;
}

int types_put_int64_number(const struct types_call *call, int64_t value)
{
    switch (call->target->c_type) {
    case SQL_C_TINYINT:
    case SQL_C_STINYINT: {
        if (value < INT8_MIN || value > INT8_MAX)
            return fail_range(call, value, "-128 to 127");
        signed char stored = (signed char)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_UTINYINT: {
        if (value < 0 || value > UINT8_MAX)
            return fail_range(call, value, "0 to 255");
        unsigned char stored = (unsigned char)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_SHORT:
    case SQL_C_SSHORT: {
        if (value < INT16_MIN || value > INT16_MAX)
            return fail_range(call, value, "-32768 to 32767");
        SQLSMALLINT stored = (SQLSMALLINT)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_USHORT: {
        if (value < 0 || value > UINT16_MAX)
            return fail_range(call, value, "0 to 65535");
        SQLUSMALLINT stored = (SQLUSMALLINT)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_LONG:
    case SQL_C_SLONG: {
        if (value < INT32_MIN || value > INT32_MAX)
            return fail_range(call, value, "-2147483648 to 2147483647");
        SQLINTEGER stored = (SQLINTEGER)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_ULONG: {
        if (value < 0 || value > (int64_t)UINT32_MAX)
            return fail_range(call, value, "0 to 4294967295");
        SQLUINTEGER stored = (SQLUINTEGER)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_SBIGINT: {
        SQLBIGINT stored = value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_UBIGINT: {
        if (value < 0)
            return fail_range(call, value, "0 to 18446744073709551615");
        SQLUBIGINT stored = (SQLUBIGINT)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_BIT: {
        /* ODBC: 0 and 1 convert; an integer other than those is 22003. */
        if (value != 0 && value != 1)
            return fail_range(call, value, "0 or 1");
        unsigned char stored = (unsigned char)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_FLOAT: {
        SQLREAL stored = (SQLREAL)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_DOUBLE: {
        SQLDOUBLE stored = (SQLDOUBLE)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    case SQL_C_NUMERIC: {
        struct types_decimal number;
        types_decimal_from_int64(value, &number);
        return types_put_decimal_number(call, &number, NULL);
    }
    default:
        return types_fail_restricted(call);
    }
}

/* The integer a value holds, from either wire format. */
static int read_integer(const struct types_call *call, int64_t *out)
{
    const struct types_value *value = call->value;
    if (!value->is_binary) {
        if (!types_parse_int64(value->data, value->length_bytes, out))
            return types_fail_value(call, "22018", "is not an integer");
        return 0;
    }
    size_t expected;
    switch (value->type_oid) {
    case TYPES_OID_INT2:
        expected = 2;
        break;
    case TYPES_OID_INT8:
        expected = 8;
        break;
    default:
        expected = 4;
        break;
    }
    if (value->length_bytes != expected)
        return types_fail_value(call, "22018", "has the wrong length for its binary form");
    if (expected == 2)
        *out = (int16_t)types_read_u16(value->data);
    else if (expected == 8)
        *out = (int64_t)types_read_u64(value->data);
    else if (value->type_oid == TYPES_OID_OID)
        *out = (int64_t)types_read_u32(value->data);
    else
        *out = (int32_t)types_read_u32(value->data);
    return 0;
}

int types_to_c_integer(const struct types_call *call)
{
    SQLSMALLINT c_type = call->target->c_type;
    /* The fetch path's common case first: text digits into SLONG/SBIGINT. */
    int64_t integer;
    if (read_integer(call, &integer) != 0)
        return -1;
    if (types_is_number_c_type(c_type))
        return types_put_int64_number(call, integer);
    bool is_single_field;
    if (types_is_interval_c_type(c_type, &is_single_field)) {
        if (!is_single_field)
            return types_fail_restricted(call);
        struct types_decimal number;
        types_decimal_from_int64(integer, &number);
        return types_put_number_as_interval(call, &number);
    }
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR) {
        if (!call->value->is_binary) {
            size_t length = call->value->length_bytes;
            return types_put_text(call, call->value->data, length, length, true);
        }
        char text[24];
        size_t length = types_format_int64(integer, text);
        return types_put_text(call, (const unsigned char *)text, length, length, true);
    }
    return types_fail_restricted(call);
}

int types_to_c_bool(const struct types_call *call)
{
    const struct types_value *value = call->value;
    int64_t bit;
    if (value->length_bytes == 1 && value->is_binary && value->data[0] <= 1) {
        bit = value->data[0];
    } else if (value->length_bytes == 1 && !value->is_binary &&
               (value->data[0] == 't' || value->data[0] == 'f')) {
        bit = value->data[0] == 't';
    } else {
        return types_fail_value(call, "22018", "is not a boolean");
    }
    SQLSMALLINT c_type = call->target->c_type;
    if (types_is_number_c_type(c_type))
        return types_put_int64_number(call, bit);
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR) {
        /* ODBC "SQL to C: Bit": "1" or "0"; a buffer of one character
         * or less is 22003. */
        const unsigned char *text = (const unsigned char *)(bit ? "1" : "0");
        return types_put_text(call, text, 1, 1, true);
    }
    return types_fail_restricted(call);
}
