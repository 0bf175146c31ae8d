/* SQL_C_NUMERIC → SQL types ("C to SQL: Numeric"), and the number writer
 * every numeric family shares (from_c_internal.h).
 * Owns: reading SQL_NUMERIC_STRUCT (128-bit little-endian val, sign 1
 * positive and 0 negative, scale possibly negative), writing any exact or
 * approximate number into each SQL type the numeric table lists, and the
 * plain decimal text of a number.
 * Choices:
 * - The scale is the struct's own when its precision field is set (not
 *   zero: the application filled the struct), else the APD's
 *   numeric_scale. The precision is not checked against the SQL type's
 *   column size or decimal digits: numeric goes as text and the server
 *   checks it against the column it lands in (22003 from the server).
 * - Integer SQL types: a fraction is truncated toward zero without 01S07
 *   (the table's n/a row; from_c.h says 01S07 is not raised for
 *   parameters); character data is the exception (22001, "C to SQL:
 *   Character"). Whole digits that do not fit the wire type are 22003.
 * - NaN and the infinities (from floats and text) go to float and decimal
 *   SQL types (both hold them in PostgreSQL) and are 22003 elsewhere.
 * - Single-field intervals take the number as that field: "-5 days";
 *   seconds keep six fractional digits; a fraction of any other field, or
 *   more than six second digits, is 22015 (a field truncated). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "types/from_c_internal.h"

#define NUMERIC_VAL_BYTES 16
#define ZEROS_CHUNK 32
/* Significant digits kept for strtod: more than the 767 a double can ever
 * need to round correctly, with a sticky digit for the rest. */
#define DOUBLE_DIGITS_MAX 800

static const char zeros[ZEROS_CHUNK + 1] = "00000000000000000000000000000000";

static int append_zeros(const struct types_from_c_call *call, int64_t count)
{
    while (count > 0) {
        size_t chunk = count > ZEROS_CHUNK ? ZEROS_CHUNK : (size_t)count;
        if (types_from_c_append(call, zeros, chunk) != 0)
            return -1;
        count -= (int64_t)chunk;
    }
    return 0;
}

static unsigned digit_at(const struct types_decimal *number, int64_t index)
{
    if (index < 0 || (size_t)index >= number->digit_count)
        return 0;
    return number->digits[index];
}

int types_from_c_append_decimal(const struct types_from_c_call *call,
                                const struct types_decimal *number)
{
    if (number->is_nan)
        return types_from_c_append(call, "NaN", 3);
    if (number->is_infinite)
        return number->is_negative ? types_from_c_append(call, "-Infinity", 9)
                                   : types_from_c_append(call, "Infinity", 8);
    if (number->digit_count == 0)
        return types_from_c_append(call, "0", 1);
    char digits[TYPES_DECIMAL_MAX_DIGITS];
    for (size_t i = 0; i < number->digit_count; i++)
        digits[i] = (char)('0' + number->digits[i]);
    int64_t count = (int64_t)number->digit_count;
    int64_t point = number->point;
    if (number->is_negative && types_from_c_append(call, "-", 1) != 0)
        return -1;
    if (point <= 0) {
        /* 0.000ddd */
        if (types_from_c_append(call, "0.", 2) != 0 || append_zeros(call, -point) != 0)
            return -1;
        return types_from_c_append(call, digits, (size_t)count);
    }
    if (point >= count) {
        /* ddd000 */
        if (types_from_c_append(call, digits, (size_t)count) != 0)
            return -1;
        return append_zeros(call, point - count);
    }
    if (types_from_c_append(call, digits, (size_t)point) != 0 ||
        types_from_c_append(call, ".", 1) != 0)
        return -1;
    return types_from_c_append(call, digits + point, (size_t)(count - point));
}

/* "-ddd1e-N": the digits as an integer and an exponent, no decimal point.
 * The point is the one character strtod reads by LC_NUMERIC, so without
 * it the application's locale cannot change the value. text holds
 * TYPES_DECIMAL_MAX_DIGITS + 40 bytes. */
static void format_exponent_form(const struct types_decimal *number, char *text)
{
    size_t length = 0;
    if (number->is_negative)
        text[length++] = '-';
    for (size_t i = 0; i < number->digit_count; i++)
        text[length++] = (char)('0' + number->digits[i]);
    int64_t exponent = (int64_t)number->point - (int64_t)number->digit_count;
    if (number->has_dropped_nonzero) {
        text[length++] = '1'; /* sticky digit: rounds like the dropped tail */
        exponent--;
    }
    text[length++] = 'e';
    char exponent_text[24];
    size_t exponent_length = types_format_int64(exponent, exponent_text);
    memcpy(text + length, exponent_text, exponent_length + 1);
}

double types_decimal_to_double(const struct types_decimal *number, bool *is_overflow)
{
    *is_overflow = false;
    if (number->is_nan)
        return NAN;
    if (number->is_infinite)
        return number->is_negative ? -INFINITY : INFINITY;
    if (number->digit_count == 0)
        return number->is_negative ? -0.0 : 0.0;
    char text[TYPES_DECIMAL_MAX_DIGITS + 40];
    format_exponent_form(number, text);
    errno = 0;
    double value = strtod(text, NULL);
    if (errno == ERANGE && isinf(value))
        *is_overflow = true;
    return value;
}

float types_decimal_to_float(const struct types_decimal *number)
{
    if (number->is_nan)
        return NAN;
    if (number->is_infinite)
        return number->is_negative ? -INFINITY : INFINITY;
    if (number->digit_count == 0)
        return number->is_negative ? -0.0f : 0.0f;
    char text[TYPES_DECIMAL_MAX_DIGITS + 40];
    format_exponent_form(number, text);
    return strtof(text, NULL);
}

/* The integer part truncated toward zero; false beyond int64. */
static bool whole_part(const struct types_decimal *number, int64_t *out, bool *has_fraction)
{
    *has_fraction = number->has_dropped_nonzero;
    for (size_t i = 0; i < number->digit_count; i++) {
        if ((int64_t)i >= number->point && number->digits[i] != 0)
            *has_fraction = true;
    }
    if (number->point > 19)
        return false;
    uint64_t magnitude = 0;
    for (int64_t i = 0; i < number->point; i++)
        magnitude = magnitude * 10 + digit_at(number, i);
    if (number->is_negative) {
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

static int fail_range(const struct types_from_c_call *call, const char *why)
{
    return types_from_c_fail(call, "22003", why);
}

static int put_integer_from_double(const struct types_from_c_call *call, double value)
{
    if (!isfinite(value))
        return fail_range(call, "NaN and infinity have no integer value");
    double truncated = trunc(value);
    /* -2^63 <= truncated < 2^63: exactly representable bounds */
    if (!(truncated >= -9223372036854775808.0 && truncated < 9223372036854775808.0)) {
        char text[TYPES_FLOAT_TEXT_MAX];
        types_float_to_text(value, false, 15, text);
        error_set(call->error, "22003", "Value %s is out of range for %s", text,
                  types_sql_type_name(call->sql_type));
        return -1;
    }
    return types_from_c_put_integer(call, (int64_t)truncated);
}

static int put_integer(const struct types_from_c_call *call, const struct types_decimal *number,
                       enum types_fraction_rule rule)
{
    if (number->is_nan || number->is_infinite)
        return fail_range(call, "NaN and infinity have no integer value");
    int64_t whole;
    bool has_fraction;
    bool fits = whole_part(number, &whole, &has_fraction);
    if (has_fraction && rule == TYPES_FRACTION_FAILS)
        return types_from_c_fail(call, "22001",
                                 "A number with a fractional part would be truncated");
    if (!fits)
        return fail_range(call, "The number is out of range");
    return types_from_c_put_integer(call, whole);
}

/* "C to SQL: Numeric", SQL_BIT row: 0 and 1; greater than 0, less than 2
 * and not 1 is 22001; below 0 or from 2 up is 22003. */
static int put_bit(const struct types_from_c_call *call, const struct types_decimal *number)
{
    if (number->is_nan || number->is_infinite)
        return fail_range(call, "NaN and infinity are not 0 or 1");
    if (number->digit_count == 0 && !number->has_dropped_nonzero)
        return types_from_c_put_bool(call, false);
    if (number->is_negative)
        return fail_range(call, "A negative number is not 0 or 1");
    bool is_one = number->point == 1 && number->digit_count == 1 && number->digits[0] == 1 &&
                  !number->has_dropped_nonzero;
    if (is_one)
        return types_from_c_put_bool(call, true);
    bool is_below_two = number->point < 1 || (number->point == 1 && number->digits[0] < 2);
    if (is_below_two)
        return types_from_c_fail(call, "22001", "A number between 0 and 2 other than 1");
    return fail_range(call, "A number from 2 up is not 0 or 1");
}

static int put_interval(const struct types_from_c_call *call, const struct types_decimal *number)
{
    if (number->is_nan || number->is_infinite)
        return types_from_c_fail(call, "22015", "NaN and infinity are not an interval");
    bool is_second = call->sql_type == SQL_INTERVAL_SECOND;
    int64_t allowed_fraction = is_second ? 6 : 0;
    bool is_truncated = number->has_dropped_nonzero;
    for (size_t i = 0; i < number->digit_count; i++) {
        if ((int64_t)i >= (int64_t)number->point + allowed_fraction && number->digits[i] != 0)
            is_truncated = true;
    }
    if (is_truncated)
        return types_from_c_fail(call, "22015",
                                 is_second ? "Seconds keep at most six fractional digits"
                                           : "A fraction of an interval field would be lost");
    if (types_from_c_append_decimal(call, number) != 0 || types_from_c_append(call, " ", 1) != 0)
        return -1;
    const char *unit = types_interval_unit_of(call->sql_type);
    return types_from_c_append(call, unit, strlen(unit));
}

int types_from_c_put_number(const struct types_from_c_call *call,
                            const struct types_decimal *number, const double *exact_double,
                            enum types_fraction_rule rule)
{
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_INTEGER:
        if (exact_double != NULL)
            return put_integer_from_double(call, *exact_double);
        return put_integer(call, number, rule);
    case TYPES_SQL_CLASS_FLOAT: {
        if (exact_double != NULL)
            return types_from_c_put_double(call, *exact_double);
        bool is_overflow;
        double value = types_decimal_to_double(number, &is_overflow);
        if (is_overflow)
            return fail_range(call, "The number is beyond the range of a double");
        return types_from_c_put_double(call, value);
    }
    case TYPES_SQL_CLASS_BIT:
        return put_bit(call, number);
    case TYPES_SQL_CLASS_INTERVAL:
        return put_interval(call, number);
    case TYPES_SQL_CLASS_DECIMAL:
    case TYPES_SQL_CLASS_CHARACTER:
        return types_from_c_append_decimal(call, number);
    default:
        return types_from_c_fail(call, "07006", "A number cannot be converted");
    }
}

/* ---- SQL_C_NUMERIC ---- */

/* val (16 bytes little-endian) in decimal digits, most significant first. */
static size_t numeric_val_digits(const SQLCHAR val[NUMERIC_VAL_BYTES], unsigned char *digits)
{
    unsigned char work[NUMERIC_VAL_BYTES];
    memcpy(work, val, sizeof work);
    unsigned char reversed[40];
    size_t count = 0;
    bool is_zero = false;
    while (!is_zero) {
        /* work /= 10, remainder is the next digit (big-number long division) */
        unsigned remainder = 0;
        is_zero = true;
        for (size_t i = NUMERIC_VAL_BYTES; i-- > 0;) {
            unsigned current = (remainder << 8) | work[i];
            work[i] = (unsigned char)(current / 10);
            remainder = current % 10;
            if (work[i] != 0)
                is_zero = false;
        }
        reversed[count++] = (unsigned char)remainder;
    }
    for (size_t i = 0; i < count; i++)
        digits[i] = reversed[count - 1 - i];
    return count;
}

int types_from_c_numeric(const struct types_from_c_call *call)
{
    SQL_NUMERIC_STRUCT numeric;
    memcpy(&numeric, call->value->data, sizeof numeric);
    int scale = numeric.precision != 0 ? numeric.scale : call->value->numeric_scale;
    unsigned char digits[40];
    size_t count = numeric_val_digits(numeric.val, digits);
    /* A number whose digits are those of val, point moved by the scale. */
    struct types_decimal number;
    memset(&number, 0, sizeof number);
    size_t first = 0;
    while (first < count && digits[first] == 0)
        first++;
    for (size_t i = first; i < count; i++)
        number.digits[number.digit_count++] = digits[i];
    while (number.digit_count > 0 && number.digits[number.digit_count - 1] == 0)
        number.digit_count--;
    if (number.digit_count > 0) {
        number.point = (int32_t)(count - first) - scale;
        number.is_negative = numeric.sign == 0;
    }
    return types_from_c_put_number(call, &number, NULL, TYPES_FRACTION_TRUNCATES);
}
