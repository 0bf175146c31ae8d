/* Decimal numbers → C types: numeric and money ("SQL to C: Numeric"), and
 * the decimal form every number passes through on its way into a numeric
 * C type (to_c_internal.h).
 * Owns: parsing numeric literals into struct types_decimal; the binary
 * numeric form (base-10000 digit groups) as a decimal and as text produced
 * on demand; SQL_NUMERIC_STRUCT (little-endian 128-bit val, precision and
 * scale from the ARD); money text whatever lc_monetary printed.
 * Rules: fractional digits dropped are 01S07 (truncation toward zero, as
 * the appendix describes, never rounding); whole digits lost, a value over
 * 2^128 - 1 or with more digits than the target precision are 22003; NaN
 * and infinities convert only to FLOAT and DOUBLE (22003 elsewhere).
 * Numbers reach strtod without a decimal point (here and through
 * types_decimal_to_double), so the application's LC_NUMERIC cannot change
 * them. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "types/from_c_internal.h"
#include "types/to_c_internal.h"
#include "util/parse.h"

#define NUMERIC_MAX_PRECISION 38
#define NUMERIC_SIGN_NEGATIVE 0x4000u
#define NUMERIC_SIGN_NAN 0xC000u
#define NUMERIC_SIGN_PINF 0xD000u
#define NUMERIC_SIGN_NINF 0xF000u
#define DOUBLE_TEXT_MAX (TYPES_DECIMAL_MAX_DIGITS + 32)

static void append_digit(struct types_decimal *number, unsigned digit)
{
    if (number->digit_count == 0 && digit == 0) {
        number->point--; /* a leading zero only moves the point */
        return;
    }
    if (number->digit_count < TYPES_DECIMAL_MAX_DIGITS)
        number->digits[number->digit_count++] = (unsigned char)digit;
    else if (digit != 0)
        number->has_dropped_nonzero = true;
}

static void finish_decimal(struct types_decimal *number)
{
    while (number->digit_count > 0 && number->digits[number->digit_count - 1] == 0)
        number->digit_count--;
    if (number->digit_count == 0 && !number->has_dropped_nonzero) {
        number->point = 0;
        number->is_negative = false;
    }
}

static void clear_decimal(struct types_decimal *out)
{
    out->is_negative = false;
    out->is_nan = false;
    out->is_infinite = false;
    out->has_dropped_nonzero = false;
    out->point = 0;
    out->digit_count = 0;
}

bool types_decimal_parse(const unsigned char *text, size_t length, bool allow_spaces,
                         struct types_decimal *out)
{
    clear_decimal(out);
    size_t position = 0;
    if (allow_spaces) {
        while (position < length && text[position] == ' ')
            position++;
        while (length > position && text[length - 1] == ' ')
            length--;
    }
    if (position < length && (text[position] == '-' || text[position] == '+')) {
        out->is_negative = text[position] == '-';
        position++;
    }
    const char *rest = (const char *)text + position;
    size_t rest_length = length - position;
    if (parse_equals_ignore_case(rest, rest_length, "nan")) {
        out->is_nan = true;
        return true;
    }
    if (parse_equals_ignore_case(rest, rest_length, "infinity") ||
        parse_equals_ignore_case(rest, rest_length, "inf")) {
        out->is_infinite = true;
        return true;
    }
    size_t mantissa_digits = 0;
    int32_t whole_digits = 0;
    while (position < length && text[position] >= '0' && text[position] <= '9') {
        append_digit(out, (unsigned)(text[position] - '0'));
        whole_digits++;
        mantissa_digits++;
        position++;
    }
    out->point += whole_digits;
    if (position < length && text[position] == '.') {
        position++;
        while (position < length && text[position] >= '0' && text[position] <= '9') {
            append_digit(out, (unsigned)(text[position] - '0'));
            mantissa_digits++;
            position++;
        }
    }
    if (mantissa_digits == 0 || whole_digits > 1000000)
        return false;
    if (position < length && (text[position] == 'e' || text[position] == 'E')) {
        position++;
        bool is_exponent_negative = false;
        if (position < length && (text[position] == '-' || text[position] == '+')) {
            is_exponent_negative = text[position] == '-';
            position++;
        }
        size_t exponent_start = position;
        int32_t exponent = 0;
        while (position < length && text[position] >= '0' && text[position] <= '9') {
            if (exponent < 1000000)
                exponent = exponent * 10 + (text[position] - '0');
            position++;
        }
        if (position == exponent_start)
            return false;
        out->point += is_exponent_negative ? -exponent : exponent;
    }
    if (position != length)
        return false;
    finish_decimal(out);
    return true;
}

void types_decimal_from_uint64(uint64_t value, bool is_negative, struct types_decimal *out)
{
    clear_decimal(out);
    char text[24];
    size_t length = 0;
    do {
        text[length++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    out->point = (int32_t)length;
    while (length > 0)
        append_digit(out, (unsigned)(text[--length] - '0'));
    out->is_negative = is_negative;
    finish_decimal(out);
}

void types_decimal_from_int64(int64_t value, struct types_decimal *out)
{
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    types_decimal_from_uint64(magnitude, value < 0, out);
}

static unsigned digit_at(const struct types_decimal *number, int64_t index)
{
    if (index < 0 || (size_t)index >= number->digit_count)
        return 0;
    return number->digits[index];
}

/* Whether any digit from index on (including dropped ones) is not zero. */
static bool has_nonzero_from(const struct types_decimal *number, int64_t index)
{
    if (number->has_dropped_nonzero)
        return true;
    for (int64_t i = index < 0 ? 0 : index; i < (int64_t)number->digit_count; i++) {
        if (number->digits[i] != 0)
            return true;
    }
    return false;
}

/* The whole part's magnitude; false when it exceeds UINT64_MAX. */
static bool whole_part(const struct types_decimal *number, uint64_t *out)
{
    uint64_t magnitude = 0;
    if (number->point > 20)
        return false;
    for (int32_t i = 0; i < number->point; i++) {
        unsigned digit = digit_at(number, i);
        if (magnitude > (UINT64_MAX - digit) / 10)
            return false;
        magnitude = magnitude * 10 + digit;
    }
    *out = magnitude;
    return true;
}

static int put_double(const struct types_call *call, double value)
{
    if (call->target->c_type == SQL_C_FLOAT) {
        if (isfinite(value) && fabs(value) > FLT_MAX) {
            char text[TYPES_FLOAT_TEXT_MAX];
            types_float_to_text(value, false, 15, text);
            error_set(call->error, "22003", "Value %s is out of range for a C float", text);
            return -1;
        }
        SQLREAL stored = (SQLREAL)value;
        return types_put_fixed(call, &stored, sizeof stored);
    }
    SQLDOUBLE stored = value;
    return types_put_fixed(call, &stored, sizeof stored);
}

static int fail_number_range(const struct types_call *call, const char *why)
{
    error_set(call->error, "22003", "The value does not fit C type %d: %s",
              (int)call->target->c_type, why);
    return -1;
}

/* val = |number| × 10^scale truncated, as 128 bits. */
static int put_numeric_struct(const struct types_call *call, const struct types_decimal *number)
{
    if (number->is_nan || number->is_infinite)
        return fail_number_range(call, "NaN and infinity have no SQL_NUMERIC_STRUCT form");
    int precision = call->target->numeric_precision;
    if (precision < 1 || precision > NUMERIC_MAX_PRECISION)
        precision = NUMERIC_MAX_PRECISION;
    int scale = call->target->numeric_scale;
    if (scale < -NUMERIC_MAX_PRECISION || scale > NUMERIC_MAX_PRECISION)
        return fail_number_range(call, "the scale is outside -38..38");
    int64_t kept_digits = number->digit_count > 0 || number->has_dropped_nonzero
                              ? (int64_t)number->point + scale
                              : 0;
    if (kept_digits > precision)
        return fail_number_range(call, "more digits than the target precision");
    uint64_t low = 0;
    uint64_t high = 0;
    for (int64_t i = 0; i < kept_digits; i++) {
        unsigned digit = digit_at(number, i);
        /* (high, low) × 10 + digit; precision <= 38 keeps this in range */
        unsigned __int128 wide = ((unsigned __int128)high << 64) | low;
        wide = wide * 10u + digit;
        low = (uint64_t)wide;
        high = (uint64_t)(wide >> 64);
    }
    bool has_dropped = has_nonzero_from(number, kept_digits > 0 ? kept_digits : 0);
    if (kept_digits < 0 && number->digit_count > 0)
        has_dropped = true;
    if (has_dropped && scale < 0) {
        /* Digits left of the decimal point were dropped: whole digits. */
        int64_t first_dropped = kept_digits > 0 ? kept_digits : 0;
        for (int64_t i = first_dropped; i < number->point; i++) {
            if (digit_at(number, i) != 0 || (number->has_dropped_nonzero &&
                                             i >= (int64_t)TYPES_DECIMAL_MAX_DIGITS))
                return fail_number_range(call, "a negative scale drops whole digits");
        }
    }
    SQL_NUMERIC_STRUCT stored;
    memset(&stored, 0, sizeof stored);
    stored.precision = (SQLCHAR)precision;
    stored.scale = (SQLSCHAR)scale;
    stored.sign = (SQLCHAR)((number->is_negative && (low != 0 || high != 0)) ? 0 : 1);
    for (int i = 0; i < 8; i++) {
        stored.val[i] = (SQLCHAR)(low >> (8 * i));
        stored.val[8 + i] = (SQLCHAR)(high >> (8 * i));
    }
    if (types_put_fixed(call, &stored, sizeof stored) != 0)
        return -1;
    if (has_dropped)
        call->out->is_fraction_truncated = true;
    return 0;
}

int types_put_decimal_number(const struct types_call *call, const struct types_decimal *number,
                             const double *double_value)
{
    SQLSMALLINT c_type = call->target->c_type;
    if (c_type == SQL_C_FLOAT || c_type == SQL_C_DOUBLE) {
        if (double_value != NULL)
            return put_double(call, *double_value);
        bool is_overflow;
        double value = types_decimal_to_double(number, &is_overflow);
        if (is_overflow)
            return fail_number_range(call, "beyond the range of a double");
        return put_double(call, value);
    }
    if (c_type == SQL_C_NUMERIC)
        return put_numeric_struct(call, number);
    if (!types_is_number_c_type(c_type))
        return types_fail_restricted(call);
    if (number->is_nan || number->is_infinite)
        return fail_number_range(call, "NaN and infinity are not integers");
    uint64_t magnitude;
    if (!whole_part(number, &magnitude))
        return fail_number_range(call, "the whole part is too large");
    bool has_fraction = has_nonzero_from(number, number->point);
    bool is_negative = number->is_negative;
    if (c_type == SQL_C_BIT) {
        /* ODBC: 0 < value < 2 and not 1 truncates (01S07); below 0 or
         * from 2 on is 22003. */
        if ((is_negative && (magnitude != 0 || has_fraction)) || magnitude >= 2)
            return fail_number_range(call, "a bit is 0 or 1");
        unsigned char bit = (unsigned char)magnitude;
        if (types_put_fixed(call, &bit, sizeof bit) != 0)
            return -1;
        call->out->is_fraction_truncated = has_fraction;
        return 0;
    }
    int64_t value;
    if (c_type == SQL_C_UBIGINT && !is_negative && magnitude > (uint64_t)INT64_MAX) {
        SQLUBIGINT stored = magnitude;
        if (types_put_fixed(call, &stored, sizeof stored) != 0)
            return -1;
        call->out->is_fraction_truncated = has_fraction;
        return 0;
    }
    if (is_negative) {
        if (magnitude > (uint64_t)INT64_MAX + 1u)
            return fail_number_range(call, "the whole part is too large");
        value = magnitude == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)magnitude;
    } else {
        if (magnitude > (uint64_t)INT64_MAX)
            return fail_number_range(call, "the whole part is too large");
        value = (int64_t)magnitude;
    }
    if (types_put_int64_number(call, value) != 0)
        return -1;
    call->out->is_fraction_truncated = has_fraction;
    return 0;
}

int types_put_number_as_interval(const struct types_call *call,
                                 const struct types_decimal *number)
{
    if (number->is_nan || number->is_infinite)
        return fail_number_range(call, "NaN and infinity are not intervals");
    uint64_t magnitude;
    if (!whole_part(number, &magnitude) || magnitude > UINT32_MAX) {
        error_set(call->error, "22015", "The value does not fit the interval's leading field");
        return -1;
    }
    SQL_INTERVAL_STRUCT interval;
    memset(&interval, 0, sizeof interval);
    interval.interval_sign = number->is_negative ? SQL_TRUE : SQL_FALSE;
    bool has_dropped = has_nonzero_from(number, number->point);
    SQLUINTEGER field = (SQLUINTEGER)magnitude;
    switch (call->target->c_type) {
    case SQL_C_INTERVAL_YEAR:
        interval.interval_type = SQL_IS_YEAR;
        interval.intval.year_month.year = field;
        break;
    case SQL_C_INTERVAL_MONTH:
        interval.interval_type = SQL_IS_MONTH;
        interval.intval.year_month.month = field;
        break;
    case SQL_C_INTERVAL_DAY:
        interval.interval_type = SQL_IS_DAY;
        interval.intval.day_second.day = field;
        break;
    case SQL_C_INTERVAL_HOUR:
        interval.interval_type = SQL_IS_HOUR;
        interval.intval.day_second.hour = field;
        break;
    case SQL_C_INTERVAL_MINUTE:
        interval.interval_type = SQL_IS_MINUTE;
        interval.intval.day_second.minute = field;
        break;
    case SQL_C_INTERVAL_SECOND: {
        /* Six fractional digits: the default interval seconds precision. */
        interval.interval_type = SQL_IS_SECOND;
        interval.intval.day_second.second = field;
        SQLUINTEGER fraction = 0;
        for (int32_t i = 0; i < 6; i++)
            fraction = fraction * 10 + digit_at(number, (int64_t)number->point + i);
        interval.intval.day_second.fraction = fraction;
        has_dropped = has_nonzero_from(number, (int64_t)number->point + 6);
        break;
    }
    default:
        return types_fail_restricted(call);
    }
    if (types_put_fixed(call, &interval, sizeof interval) != 0)
        return -1;
    call->out->is_fraction_truncated = has_dropped;
    return 0;
}

/* ---- numeric in binary: int16 ndigits, int16 weight, uint16 sign,
 * uint16 dscale, then ndigits base-10000 groups ---- */

struct binary_numeric {
    size_t group_count;
    int32_t weight;
    uint16_t sign;
    uint16_t display_scale;
    const unsigned char *groups;
    /* the text form's layout */
    size_t sign_length;
    size_t first_group_digits; /* digits of group 0 in the whole part */
    size_t whole_length;
    size_t length_bytes;
};

static unsigned group_value(const struct binary_numeric *numeric, int64_t group)
{
    if (group < 0 || (uint64_t)group >= numeric->group_count)
        return 0;
    return types_read_u16(numeric->groups + 2 * group);
}

static int read_binary_numeric(const struct types_call *call, struct binary_numeric *out)
{
    const struct types_value *value = call->value;
    if (value->length_bytes < 8)
        return types_fail_value(call, "22018", "is too short for a binary numeric");
    const unsigned char *bytes = value->data;
    out->group_count = types_read_u16(bytes);
    out->weight = (int16_t)types_read_u16(bytes + 2);
    out->sign = types_read_u16(bytes + 4);
    out->display_scale = (uint16_t)(types_read_u16(bytes + 6) & 0x3fffu);
    out->groups = bytes + 8;
    if (value->length_bytes != 8 + 2 * out->group_count)
        return types_fail_value(call, "22018", "has a digit count its length disagrees with");
    for (size_t i = 0; i < out->group_count; i++) {
        if (types_read_u16(out->groups + 2 * i) > 9999)
            return types_fail_value(call, "22018", "has a base-10000 digit above 9999");
    }
    if (out->sign != 0 && out->sign != NUMERIC_SIGN_NEGATIVE && out->sign != NUMERIC_SIGN_NAN &&
        out->sign != NUMERIC_SIGN_PINF && out->sign != NUMERIC_SIGN_NINF)
        return types_fail_value(call, "22018", "has an unknown numeric sign");
    out->sign_length = out->sign == NUMERIC_SIGN_NEGATIVE ? 1 : 0;
    unsigned first = group_value(out, 0);
    if (out->weight < 0 || (first == 0 && out->weight == 0)) {
        out->first_group_digits = 1; /* "0" */
        out->whole_length = 1;
        if (out->weight > 0 || first != 0)
            out->first_group_digits = 0;
    } else {
        size_t digits = first >= 1000 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1;
        out->first_group_digits = digits;
        out->whole_length = digits + 4 * (size_t)out->weight;
    }
    out->length_bytes = out->sign_length + out->whole_length +
                        (out->display_scale > 0 ? 1 + (size_t)out->display_scale : 0);
    return 0;
}

static char digit_of_group(unsigned group, size_t index)
{
    static const unsigned divisors[4] = {1000, 100, 10, 1};
    return (char)('0' + (group / divisors[index]) % 10);
}

static char binary_numeric_char_at(const struct binary_numeric *numeric, size_t position)
{
    if (position < numeric->sign_length)
        return '-';
    position -= numeric->sign_length;
    if (position < numeric->whole_length) {
        if (numeric->weight < 0 || (numeric->weight == 0 && group_value(numeric, 0) == 0))
            return '0';
        if (position < numeric->first_group_digits)
            return digit_of_group(group_value(numeric, 0),
                                  4 - numeric->first_group_digits + position);
        size_t rest = position - numeric->first_group_digits;
        return digit_of_group(group_value(numeric, 1 + (int64_t)(rest / 4)), rest % 4);
    }
    position -= numeric->whole_length;
    if (position == 0)
        return '.';
    size_t fraction = position - 1;
    return digit_of_group(group_value(numeric, (int64_t)numeric->weight + 1 + (int64_t)(fraction / 4)),
                          fraction % 4);
}

static void copy_binary_numeric(const void *context, size_t offset, unsigned char *out,
                                size_t count)
{
    const struct binary_numeric *numeric = context;
    for (size_t i = 0; i < count; i++)
        out[i] = (unsigned char)binary_numeric_char_at(numeric, offset + i);
}

static void binary_numeric_to_decimal(const struct binary_numeric *numeric,
                                      struct types_decimal *out)
{
    clear_decimal(out);
    if (numeric->sign == NUMERIC_SIGN_NAN) {
        out->is_nan = true;
        return;
    }
    if (numeric->sign == NUMERIC_SIGN_PINF || numeric->sign == NUMERIC_SIGN_NINF) {
        out->is_infinite = true;
        out->is_negative = numeric->sign == NUMERIC_SIGN_NINF;
        return;
    }
    out->is_negative = numeric->sign == NUMERIC_SIGN_NEGATIVE;
    out->point = ((int32_t)numeric->weight + 1) * 4;
    for (size_t i = 0; i < numeric->group_count; i++) {
        unsigned group = group_value(numeric, (int64_t)i);
        for (size_t k = 0; k < 4; k++)
            append_digit(out, (unsigned)(digit_of_group(group, k) - '0'));
    }
    finish_decimal(out);
}

/* Characters before the decimal point: the appendix's "whole digits". */
static size_t whole_length_of_text(const unsigned char *text, size_t length)
{
    const unsigned char *point = memchr(text, '.', length);
    return point != NULL ? (size_t)(point - text) : length;
}

static int put_number_text(const struct types_call *call, const unsigned char *text,
                           size_t length)
{
    return types_put_text(call, text, length, whole_length_of_text(text, length), true);
}

/* Text numeric → double, correctly rounded: strtod on a stack copy of the
 * digits with the point taken out and the exponent moved ("12.5e3" is read
 * as "125e2"). strtod reads the point by LC_NUMERIC, which the application
 * may have set to a comma; without a point the locale cannot matter. false
 * for other forms (NaN, Infinity) and texts too long for the copy: the
 * caller goes through the decimal form then. */
static bool text_to_double(const unsigned char *text, size_t length, double *out,
                           bool *is_overflow)
{
    /* The digits, 'e', a 64-bit exponent and the NUL. */
    char plain[DOUBLE_TEXT_MAX + 24];
    if (length == 0 || length >= DOUBLE_TEXT_MAX)
        return false;
    size_t plain_length = 0;
    size_t position = 0;
    if (text[0] == '-' || text[0] == '+')
        plain[plain_length++] = (char)text[position++];
    size_t digit_count = 0;
    int64_t exponent = 0;
    bool is_fraction = false;
    for (; position < length; position++) {
        unsigned char c = text[position];
        if (c >= '0' && c <= '9') {
            plain[plain_length++] = (char)c;
            digit_count++;
            exponent -= is_fraction ? 1 : 0;
        } else if (c == '.' && !is_fraction) {
            is_fraction = true;
        } else {
            break;
        }
    }
    if (digit_count == 0)
        return false;
    if (position < length) {
        if (text[position] != 'e' && text[position] != 'E')
            return false;
        position++;
        bool is_exponent_negative = position < length && text[position] == '-';
        if (position < length && (text[position] == '-' || text[position] == '+'))
            position++;
        size_t exponent_start = position;
        int64_t written = 0;
        /* Beyond a billion the double is zero or infinite anyway. */
        for (; position < length && text[position] >= '0' && text[position] <= '9'; position++) {
            if (written < 1000000000)
                written = written * 10 + (text[position] - '0');
        }
        if (position == exponent_start || position != length)
            return false;
        exponent += is_exponent_negative ? -written : written;
    }
    plain[plain_length++] = 'e';
    char exponent_text[24];
    size_t exponent_length = types_format_int64(exponent, exponent_text);
    memcpy(plain + plain_length, exponent_text, exponent_length + 1);
    plain_length += exponent_length;
    char *end = NULL;
    errno = 0;
    *out = strtod(plain, &end);
    *is_overflow = errno == ERANGE && isinf(*out);
    return end == plain + plain_length;
}

static int put_number_from_decimal(const struct types_call *call,
                                   const struct types_decimal *number)
{
    bool is_single_field;
    if (types_is_interval_c_type(call->target->c_type, &is_single_field)) {
        if (!is_single_field)
            return types_fail_restricted(call);
        return types_put_number_as_interval(call, number);
    }
    return types_put_decimal_number(call, number, NULL);
}

int types_to_c_numeric(const struct types_call *call)
{
    SQLSMALLINT c_type = call->target->c_type;
    bool is_single_field;
    bool is_number = types_is_number_c_type(c_type) || types_is_interval_c_type(c_type, &is_single_field);
    const struct types_value *value = call->value;
    if (!value->is_binary) {
        if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY)
            return put_number_text(call, value->data, value->length_bytes);
        if (!is_number)
            return types_fail_restricted(call);
        if (c_type == SQL_C_DOUBLE || c_type == SQL_C_FLOAT) {
            double real;
            bool is_overflow;
            if (text_to_double(value->data, value->length_bytes, &real, &is_overflow)) {
                if (is_overflow)
                    return fail_number_range(call, "beyond the range of a double");
                return put_double(call, real);
            }
        }
        struct types_decimal number;
        if (!types_decimal_parse(value->data, value->length_bytes, false, &number))
            return types_fail_value(call, "22018", "is not a numeric value");
        return put_number_from_decimal(call, &number);
    }
    struct binary_numeric numeric;
    if (read_binary_numeric(call, &numeric) != 0)
        return -1;
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY) {
        const char *special = numeric.sign == NUMERIC_SIGN_NAN    ? "NaN"
                              : numeric.sign == NUMERIC_SIGN_PINF ? "Infinity"
                              : numeric.sign == NUMERIC_SIGN_NINF ? "-Infinity"
                                                                  : NULL;
        if (special != NULL)
            return put_number_text(call, (const unsigned char *)special, strlen(special));
        struct types_ascii_form form = {numeric.length_bytes, copy_binary_numeric, &numeric};
        return types_put_ascii_form(call, &form, numeric.sign_length + numeric.whole_length);
    }
    if (!is_number)
        return types_fail_restricted(call);
    struct types_decimal number;
    binary_numeric_to_decimal(&numeric, &number);
    return put_number_from_decimal(call, &number);
}

/* ---- money: text as lc_monetary printed it, or int8 cents in binary ---- */

/* Reads "$1,234.56", "-1.234,56 €", "(£12.00)", "¥1,235": the digits, the
 * sign ('-' or parentheses), and the decimal separator: the last of '.'
 * and ',' when both appear; a lone one unless it repeats or three digits
 * follow it (then it groups thousands). */
static bool parse_money_text(const unsigned char *text, size_t length, struct types_decimal *out)
{
    size_t last_separator = length;
    size_t dot_count = 0;
    size_t comma_count = 0;
    size_t digit_count = 0;
    bool is_negative = false;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = text[i];
        if (c >= '0' && c <= '9')
            digit_count++;
        else if (c == '.' || c == ',') {
            dot_count += c == '.';
            comma_count += c == ',';
            last_separator = i;
        } else if (c == '-' || c == '(')
            is_negative = true;
    }
    if (digit_count == 0 || digit_count > 40)
        return false;
    bool has_decimal_point = false;
    if (last_separator < length) {
        size_t digits_after = 0;
        for (size_t i = last_separator + 1; i < length; i++)
            digits_after += text[i] >= '0' && text[i] <= '9';
        if (dot_count > 0 && comma_count > 0)
            has_decimal_point = true;
        else if (dot_count + comma_count == 1)
            has_decimal_point = digits_after != 3;
    }
    char plain[48];
    size_t plain_length = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] >= '0' && text[i] <= '9')
            plain[plain_length++] = (char)text[i];
        else if (has_decimal_point && i == last_separator)
            plain[plain_length++] = '.';
    }
    if (!types_decimal_parse((const unsigned char *)plain, plain_length, false, out))
        return false;
    out->is_negative = is_negative && out->digit_count > 0;
    return true;
}

int types_to_c_money(const struct types_call *call)
{
    const struct types_value *value = call->value;
    SQLSMALLINT c_type = call->target->c_type;
    struct types_decimal number;
    if (value->is_binary) {
        if (value->length_bytes != 8)
            return types_fail_value(call, "22018", "is not an 8-byte binary money");
        int64_t cents = (int64_t)types_read_u64(value->data);
        types_decimal_from_int64(cents, &number);
        if (number.digit_count > 0)
            number.point -= 2;
        if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY) {
            char text[32];
            uint64_t magnitude = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
            size_t length = 0;
            if (cents < 0)
                text[length++] = '-';
            char whole[24];
            size_t whole_length = types_format_int64((int64_t)(magnitude / 100), whole);
            memcpy(text + length, whole, whole_length);
            length += whole_length;
            text[length++] = '.';
            text[length++] = (char)('0' + (magnitude / 10) % 10);
            text[length++] = (char)('0' + magnitude % 10);
            return put_number_text(call, (const unsigned char *)text, length);
        }
    } else {
        if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY)
            return types_put_text(call, value->data, value->length_bytes, 0, true);
        if (!parse_money_text(value->data, value->length_bytes, &number))
            return types_fail_value(call, "22018", "is not an amount of money");
    }
    bool is_single_field;
    if (!types_is_number_c_type(c_type) && !types_is_interval_c_type(c_type, &is_single_field))
        return types_fail_restricted(call);
    return put_number_from_decimal(call, &number);
}
