/* float4 and float8 → C types ("SQL to C: Numeric", approximate types).
 * Owns: reading a float from its text or its binary IEEE 754 big-endian
 * form, and, for binary values fetched as characters, the shortest text
 * that reads back as the same value, laid out as PostgreSQL prints it
 * (fixed notation for decimal exponents from -4 up to 15 for float8 and 6
 * for float4, else "1e+100"; types_float_to_text, shared with the
 * parameter side). Integer, bit and SQL_C_NUMERIC targets read that
 * shortest decimal, so 0.1 is 0.1 and not its binary expansion. Interval
 * targets are restricted (07006): the appendix allows them for exact
 * numerics only.
 * The process locale never matters: text is read as a decimal and handed
 * to strtod with no point, since strtod reads the point by LC_NUMERIC and
 * applications do set it (a comma in de_DE). Text in PostgreSQL's own
 * form with at most 18 significant digits is read in one pass: exactly
 * (one multiplication or division, Clinger's fast path) when the digits
 * fit a double's 53 bits and the power of ten is at most 22, else by
 * strtod on "<digits>e<exponent>"; other text goes through the decimal
 * form (types_decimal_to_double). SQLGetData of a float8 is mostly this. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "types/from_c_internal.h"
#include "types/to_c_internal.h"
#include "types/type_table.h"

/* The powers of ten a double holds exactly (5^22 < 2^53). */
static const double exact_powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#define MAX_EXACT_POWER 22
#define MAX_EXACT_MANTISSA (UINT64_C(1) << 53)
#define MAX_FAST_DIGITS 18 /* every 18-digit number fits an int64_t */
#define MAX_FAST_EXPONENT 9999

/* [sign]digits[.digits][e[sign]digits] with at most MAX_FAST_DIGITS
 * significant digits and an exponent of at most four digits, read into
 * the correctly rounded double; false for any other text (NaN, Infinity,
 * spaces, more digits, overflow), which the caller reads the slow way. */
static bool read_float_text_fast(const unsigned char *text, size_t length, double *out)
{
    size_t position = 0;
    bool is_negative = false;
    if (position < length && (text[position] == '-' || text[position] == '+')) {
        is_negative = text[position] == '-';
        position++;
    }
    uint64_t mantissa = 0;
    int digit_count = 0; /* significant: leading zeros are not counted */
    int exponent = 0;
    bool has_digit = false;
    bool is_fraction = false;
    for (; position < length; position++) {
        unsigned char c = text[position];
        if (c >= '0' && c <= '9') {
            has_digit = true;
            if (mantissa != 0 || c != '0') {
                if (digit_count == MAX_FAST_DIGITS)
                    return false;
                mantissa = mantissa * 10u + (unsigned)(c - '0');
                digit_count++;
            }
            if (is_fraction)
                exponent--;
        } else if (c == '.' && !is_fraction) {
            is_fraction = true;
        } else {
            break;
        }
    }
    if (!has_digit)
        return false;
    if (position < length) {
        if (text[position] != 'e' && text[position] != 'E')
            return false;
        position++;
        bool is_exponent_negative = false;
        if (position < length && (text[position] == '-' || text[position] == '+')) {
            is_exponent_negative = text[position] == '-';
            position++;
        }
        size_t exponent_start = position;
        int written = 0;
        for (; position < length && text[position] >= '0' && text[position] <= '9'; position++) {
            written = written * 10 + (text[position] - '0');
            if (written > MAX_FAST_EXPONENT)
                return false;
        }
        if (position == exponent_start)
            return false;
        exponent += is_exponent_negative ? -written : written;
    }
    if (position != length)
        return false;
    if (mantissa == 0) {
        *out = is_negative ? -0.0 : 0.0;
        return true;
    }
#if FLT_EVAL_METHOD == 0
    /* Both operands exact, one IEEE operation: rounded once, correctly. */
    if (mantissa <= MAX_EXACT_MANTISSA && exponent >= -MAX_EXACT_POWER &&
        exponent <= MAX_EXACT_POWER) {
        double real = (double)mantissa;
        real = exponent < 0 ? real / exact_powers_of_ten[-exponent]
                            : real * exact_powers_of_ten[exponent];
        *out = is_negative ? -real : real;
        return true;
    }
#endif
    /* "-<18 digits>e-<5 digits>" and the NUL. */
    char plain[48];
    size_t plain_length = 0;
    if (is_negative)
        plain[plain_length++] = '-';
    plain_length += types_format_int64((int64_t)mantissa, plain + plain_length);
    plain[plain_length++] = 'e';
    plain_length += types_format_int64(exponent, plain + plain_length);
    char *end = NULL;
    errno = 0;
    double real = strtod(plain, &end);
    if (end != plain + plain_length || (errno == ERANGE && isinf(real)))
        return false;
    *out = real;
    return true;
}

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
    if (read_float_text_fast(value->data, value->length_bytes, out))
        return 0;
    struct types_decimal number;
    if (!types_decimal_parse(value->data, value->length_bytes, false, &number))
        return types_fail_value(call, "22018", "is not a floating-point number");
    bool is_overflow;
    double real = types_decimal_to_double(&number, &is_overflow);
    if (is_overflow)
        return types_fail_value(call, "22003", "is beyond the range of a double");
    /* The decimal form drops a zero's sign; PostgreSQL prints -0 as "-0". */
    if (real == 0.0 && value->data[0] == '-')
        real = -0.0;
    *out = real;
    return 0;
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
    char formatted[TYPES_FLOAT_TEXT_MAX];
    if (call->value->is_binary) {
        bool is_float4 = call->value->type_oid == TYPES_OID_FLOAT4;
        length = types_float_to_text(real, is_float4, is_float4 ? 6 : 15, formatted);
        text = (const unsigned char *)formatted;
    }
    if (is_char)
        return types_put_text(call, text, length, whole_length_of_float_text(text, length), true);
    struct types_decimal number;
    if (!types_decimal_parse(text, length, false, &number))
        return types_fail_value(call, "22018", "is not a floating-point number");
    return types_put_decimal_number(call, &number, &real);
}
