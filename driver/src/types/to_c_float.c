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
 * to strtod with no point (types_decimal_to_double), since strtod reads
 * the point by LC_NUMERIC and applications do set it (a comma in
 * de_DE). */
#include <float.h>
#include <math.h>
#include <string.h>
#include "types/from_c_internal.h"
#include "types/to_c_internal.h"
#include "types/type_table.h"

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
