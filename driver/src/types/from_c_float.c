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
 * The digits come from snprintf("%.*e"), read back with strtod in the same
 * locale, and are then laid out here, so LC_NUMERIC never reaches the
 * server. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "types/from_c_internal.h"

#define FLOAT_TEXT_MAX 48

/* The shortest decimal that reads back as value. */
static void shortest_decimal(double value, bool is_single, struct types_decimal *out)
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
    char scientific[FLOAT_TEXT_MAX];
    int max_digits = is_single ? 9 : 17;
    for (int digits = 1; digits <= max_digits; digits++) {
        snprintf(scientific, sizeof scientific, "%.*e", digits - 1, value);
        if (is_single ? strtof(scientific, NULL) == (float)value
                      : strtod(scientific, NULL) == value)
            break;
    }
    /* [-]d[<point>ddd]e[+-]xx: every digit before 'e' is the mantissa,
     * whatever character the locale used as the point. */
    const char *exponent_mark = strchr(scientific, 'e');
    for (const char *p = scientific; p < exponent_mark; p++) {
        if (*p >= '0' && *p <= '9' && out->digit_count < TYPES_DECIMAL_MAX_DIGITS)
            out->digits[out->digit_count++] = (unsigned char)(*p - '0');
    }
    const char *q = exponent_mark + 1;
    bool is_exponent_negative = *q == '-';
    if (*q == '-' || *q == '+')
        q++;
    int32_t exponent = 0;
    while (*q >= '0' && *q <= '9')
        exponent = exponent * 10 + (*q++ - '0');
    out->point = (is_exponent_negative ? -exponent : exponent) + 1;
    while (out->digit_count > 0 && out->digits[out->digit_count - 1] == 0)
        out->digit_count--;
}

/* PostgreSQL's float output layout for a shortest decimal. */
static int append_float_text(const struct types_from_c_call *call,
                             const struct types_decimal *number)
{
    int32_t exponent = number->point - 1;
    if (number->is_nan || number->is_infinite || number->digit_count == 0 ||
        (exponent >= -4 && exponent < 15)) {
        if (number->digit_count == 0 && number->is_negative && !number->is_infinite &&
            !number->is_nan)
            return types_from_c_append(call, "-0", 2);
        return types_from_c_append_decimal(call, number);
    }
    char text[FLOAT_TEXT_MAX];
    size_t length = 0;
    if (number->is_negative)
        text[length++] = '-';
    text[length++] = (char)('0' + number->digits[0]);
    if (number->digit_count > 1) {
        text[length++] = '.';
        for (size_t i = 1; i < number->digit_count; i++)
            text[length++] = (char)('0' + number->digits[i]);
    }
    length += (size_t)snprintf(text + length, sizeof text - length, "e%c%02d",
                               exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
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
    struct types_decimal number;
    shortest_decimal(value, is_single, &number);
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_CHARACTER:
        return append_float_text(call, &number);
    case TYPES_SQL_CLASS_DECIMAL:
    case TYPES_SQL_CLASS_BIT:
        return types_from_c_put_number(call, &number, NULL, TYPES_FRACTION_TRUNCATES);
    default:
        return types_from_c_put_number(call, &number, &value, TYPES_FRACTION_TRUNCATES);
    }
}
