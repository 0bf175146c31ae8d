/* float4 and float8 → C types ("SQL to C: Numeric", approximate types).
 * Owns: reading a float from its text (strtod on a NUL-terminated stack
 * copy: correctly rounded) or its binary IEEE 754 big-endian form, and the
 * shortest text that reads back as the same value, laid out as PostgreSQL
 * prints it (fixed notation for decimal exponents from -4 up to 15 for
 * float8 and 6 for float4, else "1e+100"), for binary values fetched as
 * characters. Integer, bit and SQL_C_NUMERIC targets read that shortest
 * decimal, so 0.1 is 0.1 and not its binary expansion. Interval targets
 * are restricted (07006): the appendix allows them for exact numerics only. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "types/to_c_internal.h"
#include "types/type_table.h"

#define FLOAT_TEXT_MAX 64

static int read_float(const struct types_call *call, double *out)
{
    const struct types_value *value = call->value;
    if (value->is_binary) {
        if (value->type_oid == TYPES_OID_FLOAT4 && value->length_bytes == 4) {
            uint32_t bits = types_read_u32(value->data);
            float single;
            memcpy(&single, &bits, sizeof single);
            *out = single;
            return 0;
        }
        if (value->type_oid == TYPES_OID_FLOAT8 && value->length_bytes == 8) {
            uint64_t bits = types_read_u64(value->data);
            memcpy(out, &bits, sizeof *out);
            return 0;
        }
        return types_fail_value(call, "22018", "has the wrong length for a binary float");
    }
    char copy[FLOAT_TEXT_MAX];
    size_t length = value->length_bytes;
    if (length == 0 || length >= sizeof copy || memchr(value->data, '\0', length) != NULL)
        return types_fail_value(call, "22018", "is not a floating-point number");
    memcpy(copy, value->data, length);
    copy[length] = '\0';
    char *end = NULL;
    errno = 0;
    double real = strtod(copy, &end);
    if (end != copy + length)
        return types_fail_value(call, "22018", "is not a floating-point number");
    if (errno == ERANGE && isinf(real))
        return types_fail_value(call, "22003", "is beyond the range of a double");
    *out = real;
    return 0;
}

/* The exponent snprintf printed: a sign and at most three digits. */
static int parse_exponent(const char *text)
{
    bool is_negative = *text == '-';
    if (*text == '-' || *text == '+')
        text++;
    int exponent = 0;
    while (*text >= '0' && *text <= '9')
        exponent = exponent * 10 + (*text++ - '0');
    return is_negative ? -exponent : exponent;
}

/* Shortest round-trip text in PostgreSQL's layout; returns the length. */
static size_t format_float(double value, bool is_single, char *out, size_t out_size)
{
    if (isnan(value))
        return (size_t)snprintf(out, out_size, "NaN");
    if (isinf(value))
        return (size_t)snprintf(out, out_size, value < 0 ? "-Infinity" : "Infinity");
    char scientific[40];
    int max_digits = is_single ? 9 : 17;
    for (int digits = 1; digits <= max_digits; digits++) {
        snprintf(scientific, sizeof scientific, "%.*e", digits - 1, value);
        if (is_single ? strtof(scientific, NULL) == (float)value
                      : strtod(scientific, NULL) == value)
            break;
    }
    /* scientific: [-]d[.ddd]e[+-]xx */
    const char *mantissa = scientific;
    bool is_negative = mantissa[0] == '-';
    if (is_negative)
        mantissa++;
    const char *exponent_mark = strchr(mantissa, 'e');
    int exponent = parse_exponent(exponent_mark + 1);
    char digits[24];
    size_t digit_count = 0;
    for (const char *p = mantissa; p < exponent_mark; p++) {
        if (*p != '.')
            digits[digit_count++] = *p;
    }
    size_t length = 0;
    if (is_negative)
        out[length++] = '-';
    int fixed_limit = is_single ? 6 : 15;
    if (exponent < -4 || exponent >= fixed_limit) {
        out[length++] = digits[0];
        if (digit_count > 1) {
            out[length++] = '.';
            memcpy(out + length, digits + 1, digit_count - 1);
            length += digit_count - 1;
        }
        length += (size_t)snprintf(out + length, out_size - length, "e%c%02d",
                                   exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
        return length;
    }
    if (exponent < 0) {
        out[length++] = '0';
        out[length++] = '.';
        for (int i = -1; i > exponent; i--)
            out[length++] = '0';
        memcpy(out + length, digits, digit_count);
        return length + digit_count;
    }
    for (int i = 0; i <= exponent; i++)
        out[length++] = (size_t)i < digit_count ? digits[i] : '0';
    if (digit_count > (size_t)exponent + 1) {
        out[length++] = '.';
        size_t rest = digit_count - (size_t)exponent - 1;
        memcpy(out + length, digits + exponent + 1, rest);
        length += rest;
    }
    out[length] = '\0';
    return length;
}

/* Characters the appendix counts as whole: up to the point, or the whole
 * text when it has an exponent (cutting one would change the value). */
static size_t whole_length_of_float_text(const unsigned char *text, size_t length)
{
    if (memchr(text, 'e', length) != NULL || memchr(text, 'E', length) != NULL)
        return length;
    const unsigned char *point = memchr(text, '.', length);
    return point != NULL ? (size_t)(point - text) : length;
}

int types_to_c_float(const struct types_call *call)
{
    SQLSMALLINT c_type = call->target->c_type;
    double real;
    if (read_float(call, &real) != 0)
        return -1;
    if (c_type == SQL_C_DOUBLE) {
        SQLDOUBLE stored = real;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    if (c_type == SQL_C_FLOAT) {
        if (isfinite(real) && fabs(real) > FLT_MAX)
            return types_fail_value(call, "22003", "is beyond the range of a C float");
        SQLREAL stored = (SQLREAL)real;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    bool is_char = c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY;
    if (!is_char && !types_is_number_c_type(c_type))
        return types_fail_restricted(call);
    const unsigned char *text = call->value->data;
    size_t length = call->value->length_bytes;
    char formatted[FLOAT_TEXT_MAX];
    if (call->value->is_binary) {
        length = format_float(real, call->value->type_oid == TYPES_OID_FLOAT4, formatted,
                              sizeof formatted);
        text = (const unsigned char *)formatted;
    }
    if (is_char)
        return types_put_text(call, text, length, whole_length_of_float_text(text, length), true);
    struct types_decimal number;
    if (!types_decimal_parse(text, length, false, &number))
        return types_fail_value(call, "22018", "is not a floating-point number");
    return types_put_decimal_number(call, &number, &real);
}
