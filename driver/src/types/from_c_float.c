/* SQL_C_FLOAT and SQL_C_DOUBLE → SQL types ("C to SQL: Numeric",
 * approximate types).
 * Owns: the shortest decimal that reads back as the same float or double,
 * and its character form, laid out as PostgreSQL prints floats (fixed
 * notation for decimal exponents from -4 below 15, else "1.5e+300";
 * "NaN", "Infinity", "-Infinity").
 * Choices:
 * - Float and double SQL types get the value's own bits (SQL_REAL: 22003
 *   beyond FLT_MAX; a tiny double may round to a zero float, as a
 *   narrower type does).
 * - Integer SQL types get the value truncated toward zero (no 01S07, see
 *   from_c_numeric.c); NaN, infinities and values beyond the wire type are
 *   22003.
 * - Decimal and character SQL types get the shortest decimal, so 0.1 is
 *   sent as 0.1 and not as its binary expansion; SQL_C_FLOAT's shortest
 *   decimal is a float's (0.1f is 0.1). Decimal text is plain ("1e300" as
 *   1 and 300 zeros); character text uses the exponent form past 15 digits.
 * - Intervals are restricted (07006): the appendix allows exact numerics
 *   only.
 * The digits come from snprintf("%.*e") whatever character the locale
 * writes for the point, are read back through a form with no point
 * (types_decimal_to_double), and are then laid out here, so LC_NUMERIC
 * never reaches the server (PostgreSQL reads '.' only). The fetch side
 * (to_c_float.c) and messages quoting a float use the same layout. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "types/from_c_internal.h"

#define SCIENTIFIC_TEXT_MAX 48
/* Digits of the shortest decimal: 9 for a float, 17 for a double. */
#define FLOAT_DIGITS_MAX 9
#define DOUBLE_DIGITS_MAX 17

/* Reads snprintf's "[-]d[<point>ddd]e[+-]xx" into out: every digit before
 * the 'e' is the mantissa, whatever character (or bytes) the locale used
 * as the point. */
static void read_scientific(const char *scientific, struct types_decimal *out)
{
    memset(out, 0, sizeof *out);
    out->is_negative = scientific[0] == '-';
    const char *exponent_mark = strchr(scientific, 'e');
    if (exponent_mark == NULL)
        return;
    for (const char *p = scientific; p < exponent_mark; p++) {
        if (*p >= '0' && *p <= '9' && out->digit_count < TYPES_DECIMAL_MAX_DIGITS)
            out->digits[out->digit_count++] = (unsigned char)(*p - '0');
    }
    const char *q = exponent_mark + 1;
    bool is_exponent_negative = *q == '-';
    if (*q == '-' || *q == '+')
        q++;
    int32_t exponent = 0;
    while (*q >= '0' && *q <= '9' && exponent < 100000)
        exponent = exponent * 10 + (*q++ - '0');
    out->point = (is_exponent_negative ? -exponent : exponent) + 1;
}

void types_float_shortest_decimal(double value, bool is_single, struct types_decimal *out)
{
    memset(out, 0, sizeof *out);
    if (isnan(value)) {
        out->is_nan = true;
        return;
    }
    out->is_negative = signbit(value) != 0;
    if (isinf(value)) {
        out->is_infinite = true;
        return;
    }
    if (value == 0.0)
        return;
    char scientific[SCIENTIFIC_TEXT_MAX];
    int max_digits = is_single ? FLOAT_DIGITS_MAX : DOUBLE_DIGITS_MAX;
    for (int digits = 1; digits <= max_digits; digits++) {
        snprintf(scientific, sizeof scientific, "%.*e", digits - 1, value);
        read_scientific(scientific, out);
        bool is_overflow;
        if (is_single ? types_decimal_to_float(out) == (float)value
                      : types_decimal_to_double(out, &is_overflow) == value)
            break;
    }
    while (out->digit_count > 0 && out->digits[out->digit_count - 1] == 0)
        out->digit_count--;
}

size_t types_float_to_text(double value, bool is_single, int fixed_exponent_limit, char *out)
{
    struct types_decimal number;
    types_float_shortest_decimal(value, is_single, &number);
    size_t length = 0;
    if (number.is_nan) {
        memcpy(out, "NaN", 4);
        return 3;
    }
    if (number.is_negative)
        out[length++] = '-';
    if (number.is_infinite) {
        memcpy(out + length, "Infinity", 9);
        return length + 8;
    }
    if (number.digit_count == 0) {
        out[length++] = '0';
        out[length] = '\0';
        return length;
    }
    if (fixed_exponent_limit > DOUBLE_DIGITS_MAX - 2)
        fixed_exponent_limit = DOUBLE_DIGITS_MAX - 2;
    int32_t exponent = number.point - 1;
    size_t count = number.digit_count;
    if (exponent < -4 || exponent >= fixed_exponent_limit) {
        out[length++] = (char)('0' + number.digits[0]);
        if (count > 1) {
            out[length++] = '.';
            for (size_t i = 1; i < count; i++)
                out[length++] = (char)('0' + number.digits[i]);
        }
        int32_t magnitude = exponent < 0 ? -exponent : exponent;
        out[length++] = 'e';
        out[length++] = exponent < 0 ? '-' : '+';
        if (magnitude >= 100)
            out[length++] = (char)('0' + magnitude / 100);
        out[length++] = (char)('0' + magnitude / 10 % 10);
        out[length++] = (char)('0' + magnitude % 10);
    } else if (exponent < 0) {
        /* 0.000ddd */
        out[length++] = '0';
        out[length++] = '.';
        for (int32_t i = -1; i > exponent; i--)
            out[length++] = '0';
        for (size_t i = 0; i < count; i++)
            out[length++] = (char)('0' + number.digits[i]);
    } else {
        /* ddd.ddd or ddd000 */
        size_t whole = (size_t)exponent + 1;
        for (size_t i = 0; i < whole; i++)
            out[length++] = i < count ? (char)('0' + number.digits[i]) : '0';
        if (count > whole) {
            out[length++] = '.';
            for (size_t i = whole; i < count; i++)
                out[length++] = (char)('0' + number.digits[i]);
        }
    }
    out[length] = '\0';
    return length;
}

/* PostgreSQL's float output layout: fixed notation below 15 digits. */
static int append_float_text(const struct types_from_c_call *call, double value, bool is_single)
{
    char text[TYPES_FLOAT_TEXT_MAX];
    size_t length = types_float_to_text(value, is_single, 15, text);
    return types_from_c_append(call, text, length);
}

int types_from_c_float(const struct types_from_c_call *call)
{
    double value;
    bool is_single = call->c_type == SQL_C_FLOAT;
    if (is_single) {
        SQLREAL single;
        memcpy(&single, call->value->data, sizeof single);
        value = single;
    } else {
        memcpy(&value, call->value->data, sizeof value);
    }
    /* A float into a float type travels as its binary image: no decimal
     * digits to find (they cost two thirds of an array insert's CPU). */
    if (call->sql_class == TYPES_SQL_CLASS_FLOAT)
        return types_from_c_put_double(call, value);
    if (call->sql_class == TYPES_SQL_CLASS_CHARACTER)
        return append_float_text(call, value, is_single);
    struct types_decimal number;
    types_float_shortest_decimal(value, is_single, &number);
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_DECIMAL:
    case TYPES_SQL_CLASS_BIT:
        return types_from_c_put_number(call, &number, NULL, TYPES_FRACTION_TRUNCATES);
    default:
        return types_from_c_put_number(call, &number, &value, TYPES_FRACTION_TRUNCATES);
    }
}
