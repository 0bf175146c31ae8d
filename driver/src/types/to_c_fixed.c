/* Text-format values → fixed-size C types (see to_c.h).
 * Owns: integer, floating-point, bit, date, time, timestamp and GUID
 * conversions from PostgreSQL's text output (DateStyle ISO). Rules from the
 * ODBC appendix "Converting Data from SQL to C Data Types": digits dropped
 * after the decimal point are 01S07 (fractional truncation, a flag here);
 * a whole part that does not fit is 22003; text that is not a number is
 * 22018; a date that cannot be represented is 22008. */
#include "types/to_c.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/parse.h"

#define NUMBER_TEXT_MAX 64

bool types_is_fixed_c_type(SQLSMALLINT c_type)
{
    return types_fixed_c_type_size(c_type) != 0;
}

size_t types_fixed_c_type_size(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_BIT:
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
    case SQL_C_UTINYINT:
        return 1;
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
    case SQL_C_USHORT:
        return sizeof(SQLSMALLINT);
    case SQL_C_LONG:
    case SQL_C_SLONG:
    case SQL_C_ULONG:
        return sizeof(SQLINTEGER);
    case SQL_C_SBIGINT:
    case SQL_C_UBIGINT:
        return sizeof(SQLBIGINT);
    case SQL_C_FLOAT:
        return sizeof(SQLREAL);
    case SQL_C_DOUBLE:
        return sizeof(SQLDOUBLE);
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE:
        return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME:
        return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP:
        return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_GUID:
        return sizeof(SQLGUID);
    default:
        return 0;
    }
}

/* Copies a counted value into a NUL-terminated stack buffer for strtod. */
static int copy_number_text(const char *text, size_t length, char *out, size_t out_size,
                            struct error *error)
{
    if (length == 0 || length >= out_size || memchr(text, '\0', length) != NULL) {
        error_set(error, "22018", "Value \"%.*s\" is not a number", (int)(length > 40 ? 40 : length),
                  text);
        return -1;
    }
    memcpy(out, text, length);
    out[length] = '\0';
    return 0;
}

/* A number as a double, with a strict end check (bool text "t"/"f" is 1/0). */
static int parse_double_text(const char *text, size_t length, double *out, struct error *error)
{
    if (length == 1 && (text[0] == 't' || text[0] == 'f')) {
        *out = text[0] == 't' ? 1.0 : 0.0;
        return 0;
    }
    char copy[NUMBER_TEXT_MAX];
    if (copy_number_text(text, length, copy, sizeof copy, error) != 0)
        return -1;
    char *end = NULL;
    errno = 0;
    double value = strtod(copy, &end);
    if (end != copy + length || end == copy) {
        error_set(error, "22018", "Value \"%s\" is not a number", copy);
        return -1;
    }
    if (errno == ERANGE && isinf(value)) {
        error_set(error, "22003", "Value \"%s\" is out of range for a double", copy);
        return -1;
    }
    *out = value;
    return 0;
}

/* An integer in [min, max]: exact integers directly; other numbers through
 * double, truncating the fraction (01S07). */
static int parse_integer_text(const char *text, size_t length, int64_t min, int64_t max,
                              int64_t *out, bool *has_fraction_truncated, struct error *error)
{
    if (length == 1 && (text[0] == 't' || text[0] == 'f')) {
        *out = text[0] == 't' ? 1 : 0;
        return 0;
    }
    const char *digits = text;
    size_t digits_length = length;
    bool is_negative = false;
    if (digits_length > 0 && (digits[0] == '-' || digits[0] == '+')) {
        is_negative = digits[0] == '-';
        digits++;
        digits_length--;
    }
    uint64_t magnitude;
    if (parse_uint(digits, digits_length, UINT64_MAX, &magnitude)) {
        const uint64_t most_negative_magnitude = (uint64_t)INT64_MAX + 1u;
        bool fits;
        int64_t value = 0;
        if (is_negative) {
            fits = magnitude <= most_negative_magnitude;
            if (fits)
                value = magnitude == most_negative_magnitude ? INT64_MIN : -(int64_t)magnitude;
            fits = fits && value >= min;
        } else {
            fits = magnitude <= (uint64_t)max;
            value = fits ? (int64_t)magnitude : 0;
        }
        if (!fits) {
            error_set(error, "22003", "Value \"%.*s\" is out of range from %lld to %lld",
                      (int)(length > 40 ? 40 : length), text, (long long)min, (long long)max);
            return -1;
        }
        *out = value;
        return 0;
    }
    double value;
    if (parse_double_text(text, length, &value, error) != 0)
        return -1;
    double whole = trunc(value);
    if (isnan(value) || whole < (double)min || whole > (double)max ||
        (max == INT64_MAX && whole >= 9223372036854775808.0)) {
        error_set(error, "22003", "Value \"%.*s\" is out of range from %lld to %lld",
                  (int)(length > 40 ? 40 : length), text, (long long)min, (long long)max);
        return -1;
    }
    if (whole != value)
        *has_fraction_truncated = true;
    *out = (int64_t)whole;
    return 0;
}

static int convert_unsigned_bigint(const char *text, size_t length, SQLUBIGINT *out,
                                   bool *has_fraction_truncated, struct error *error)
{
    uint64_t value;
    if (parse_uint(text, length, UINT64_MAX, &value)) {
        *out = value;
        return 0;
    }
    int64_t signed_value;
    if (parse_integer_text(text, length, 0, INT64_MAX, &signed_value, has_fraction_truncated,
                           error) != 0)
        return -1;
    *out = (SQLUBIGINT)signed_value;
    return 0;
}

static int convert_bit(const char *text, size_t length, unsigned char *out,
                       bool *has_fraction_truncated, struct error *error)
{
    /* ODBC: 0 and 1 convert; between 0 and 2 exclusive truncate (01S07);
     * anything else is 22003. */
    double value;
    if (parse_double_text(text, length, &value, error) != 0)
        return -1;
    if (value < 0.0 || value >= 2.0 || isnan(value)) {
        error_set(error, "22003", "Value \"%.*s\" is out of range for a bit (0 or 1)",
                  (int)(length > 40 ? 40 : length), text);
        return -1;
    }
    if (value != 0.0 && value != 1.0)
        *has_fraction_truncated = true;
    *out = value >= 1.0 ? 1 : 0;
    return 0;
}

/* ---- dates and times (PostgreSQL ISO output) ---- */

struct datetime_parts {
    bool has_date;
    bool has_time;
    int year, month, day;
    int hour, minute, second;
    uint32_t fraction_ns;
    bool has_dropped_digits; /* fraction digits beyond nanoseconds */
};

static bool take_digits(const char *text, size_t length, size_t *position, size_t count,
                        int *out)
{
    if (*position + count > length)
        return false;
    int value = 0;
    for (size_t i = 0; i < count; i++) {
        char digit = text[*position + i];
        if (digit < '0' || digit > '9')
            return false;
        value = value * 10 + (digit - '0');
    }
    *position += count;
    *out = value;
    return true;
}

static bool take_char(const char *text, size_t length, size_t *position, char expected)
{
    if (*position < length && text[*position] == expected) {
        (*position)++;
        return true;
    }
    return false;
}

static bool parse_time_part(const char *text, size_t length, size_t *position,
                            struct datetime_parts *parts)
{
    if (!take_digits(text, length, position, 2, &parts->hour) ||
        !take_char(text, length, position, ':') ||
        !take_digits(text, length, position, 2, &parts->minute) ||
        !take_char(text, length, position, ':') ||
        !take_digits(text, length, position, 2, &parts->second))
        return false;
    if (take_char(text, length, position, '.')) {
        uint32_t scale = 100000000u;
        size_t digit_count = 0;
        while (*position < length && text[*position] >= '0' && text[*position] <= '9') {
            if (scale > 0) {
                parts->fraction_ns += (uint32_t)(text[*position] - '0') * scale;
                scale /= 10;
            } else if (text[*position] != '0') {
                parts->has_dropped_digits = true;
            }
            (*position)++;
            digit_count++;
        }
        if (digit_count == 0)
            return false;
    }
    parts->has_time = true;
    return true;
}

/* Accepts "YYYY-MM-DD", "HH:MM:SS[.f]", "YYYY-MM-DD HH:MM:SS[.f]" and a
 * trailing time zone ("+01", "-05:30"), which is ignored: the value is in
 * the session's time zone, as PostgreSQL printed it. */
static int parse_datetime_text(const char *text, size_t length, struct datetime_parts *parts,
                               struct error *error)
{
    memset(parts, 0, sizeof *parts);
    size_t position = 0;
    if (parse_equals_ignore_case(text, length, "infinity") ||
        parse_equals_ignore_case(text, length, "-infinity") ||
        (length > 3 && memcmp(text + length - 3, " BC", 3) == 0)) {
        error_set(error, "22008", "Datetime value \"%.*s\" cannot be represented in ODBC",
                  (int)(length > 40 ? 40 : length), text);
        return -1;
    }
    if (length >= 3 && text[2] == ':') {
        if (!parse_time_part(text, length, &position, parts))
            goto bad_format;
    } else {
        size_t year_digits = 0;
        while (year_digits < length && text[year_digits] >= '0' && text[year_digits] <= '9')
            year_digits++;
        if (year_digits < 4 || year_digits > 5 ||
            !take_digits(text, length, &position, year_digits, &parts->year) ||
            !take_char(text, length, &position, '-') ||
            !take_digits(text, length, &position, 2, &parts->month) ||
            !take_char(text, length, &position, '-') ||
            !take_digits(text, length, &position, 2, &parts->day))
            goto bad_format;
        parts->has_date = true;
        if (take_char(text, length, &position, ' ') || take_char(text, length, &position, 'T')) {
            if (!parse_time_part(text, length, &position, parts))
                goto bad_format;
        }
    }
    if (position < length && parts->has_time && (text[position] == '+' || text[position] == '-')) {
        position++;
        while (position < length && ((text[position] >= '0' && text[position] <= '9') ||
                                     text[position] == ':'))
            position++;
    }
    if (position != length)
        goto bad_format;
    if (parts->has_date && (parts->year > 32767 || parts->month < 1 || parts->month > 12 ||
                            parts->day < 1 || parts->day > 31)) {
        error_set(error, "22008", "Date \"%.*s\" is out of range", (int)(length > 40 ? 40 : length),
                  text);
        return -1;
    }
    if (parts->has_time && (parts->hour > 24 || parts->minute > 59 || parts->second > 60))
        goto bad_format;
    return 0;

bad_format:
    error_set(error, "22018", "Value \"%.*s\" is not a date, time or timestamp",
              (int)(length > 40 ? 40 : length), text);
    return -1;
}

static int convert_datetime(SQLSMALLINT c_type, const char *text, size_t length, void *target,
                            bool *has_fraction_truncated, struct error *error)
{
    struct datetime_parts parts;
    if (parse_datetime_text(text, length, &parts, error) != 0)
        return -1;
    if (c_type == SQL_C_TYPE_DATE || c_type == SQL_C_DATE) {
        if (!parts.has_date) {
            error_set(error, "22018", "Time \"%.*s\" has no date", (int)(length > 40 ? 40 : length),
                      text);
            return -1;
        }
        /* ODBC: a timestamp whose time part is not zero truncates (01S07). */
        if (parts.hour != 0 || parts.minute != 0 || parts.second != 0 || parts.fraction_ns != 0)
            *has_fraction_truncated = true;
        SQL_DATE_STRUCT date = {(SQLSMALLINT)parts.year, (SQLUSMALLINT)parts.month,
                                (SQLUSMALLINT)parts.day};
        memcpy(target, &date, sizeof date);
        return 0;
    }
    if (c_type == SQL_C_TYPE_TIME || c_type == SQL_C_TIME) {
        if (!parts.has_time) {
            error_set(error, "22018", "Date \"%.*s\" has no time", (int)(length > 40 ? 40 : length),
                      text);
            return -1;
        }
        if (parts.fraction_ns != 0 || parts.has_dropped_digits)
            *has_fraction_truncated = true;
        SQL_TIME_STRUCT time = {(SQLUSMALLINT)parts.hour, (SQLUSMALLINT)parts.minute,
                                (SQLUSMALLINT)parts.second};
        memcpy(target, &time, sizeof time);
        return 0;
    }
    if (parts.has_dropped_digits)
        *has_fraction_truncated = true;
    SQL_TIMESTAMP_STRUCT stamp;
    memset(&stamp, 0, sizeof stamp);
    if (parts.has_date) {
        stamp.year = (SQLSMALLINT)parts.year;
        stamp.month = (SQLUSMALLINT)parts.month;
        stamp.day = (SQLUSMALLINT)parts.day;
    }
    stamp.hour = (SQLUSMALLINT)parts.hour;
    stamp.minute = (SQLUSMALLINT)parts.minute;
    stamp.second = (SQLUSMALLINT)parts.second;
    stamp.fraction = parts.fraction_ns;
    memcpy(target, &stamp, sizeof stamp);
    return 0;
}

static int convert_guid(const char *text, size_t length, SQLGUID *out, struct error *error)
{
    /* 8-4-4-4-12 hex digits */
    static const size_t group_lengths[] = {8, 4, 4, 4, 12};
    unsigned char bytes[16];
    size_t byte_count = 0;
    size_t position = 0;
    for (size_t group = 0; group < 5; group++) {
        if (group > 0 && !take_char(text, length, &position, '-'))
            goto bad;
        for (size_t i = 0; i < group_lengths[group]; i += 2) {
            if (position + 2 > length)
                goto bad;
            unsigned value = 0;
            for (size_t k = 0; k < 2; k++) {
                char digit = text[position + k];
                unsigned nibble;
                if (digit >= '0' && digit <= '9')
                    nibble = (unsigned)(digit - '0');
                else if (digit >= 'a' && digit <= 'f')
                    nibble = (unsigned)(digit - 'a' + 10);
                else if (digit >= 'A' && digit <= 'F')
                    nibble = (unsigned)(digit - 'A' + 10);
                else
                    goto bad;
                value = value * 16 + nibble;
            }
            bytes[byte_count++] = (unsigned char)value;
            position += 2;
        }
    }
    if (position != length)
        goto bad;
    out->Data1 = ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) |
                 ((uint32_t)bytes[2] << 8) | bytes[3];
    out->Data2 = (uint16_t)((bytes[4] << 8) | bytes[5]);
    out->Data3 = (uint16_t)((bytes[6] << 8) | bytes[7]);
    memcpy(out->Data4, bytes + 8, 8);
    return 0;
bad:
    error_set(error, "22018", "Value \"%.*s\" is not a GUID", (int)(length > 40 ? 40 : length),
              text);
    return -1;
}

int types_to_c_fixed(SQLSMALLINT c_type, const char *text, size_t length_bytes, void *target,
                     bool *has_fraction_truncated, struct error *error)
{
    int64_t integer;
    switch (c_type) {
    case SQL_C_BIT: {
        unsigned char bit;
        if (convert_bit(text, length_bytes, &bit, has_fraction_truncated, error) != 0)
            return -1;
        memcpy(target, &bit, 1);
        return 0;
    }
    case SQL_C_TINYINT:
    case SQL_C_STINYINT: {
        if (parse_integer_text(text, length_bytes, INT8_MIN, INT8_MAX, &integer,
                               has_fraction_truncated, error) != 0)
            return -1;
        signed char value = (signed char)integer;
        memcpy(target, &value, 1);
        return 0;
    }
    case SQL_C_UTINYINT: {
        if (parse_integer_text(text, length_bytes, 0, UINT8_MAX, &integer, has_fraction_truncated,
                               error) != 0)
            return -1;
        unsigned char value = (unsigned char)integer;
        memcpy(target, &value, 1);
        return 0;
    }
    case SQL_C_SHORT:
    case SQL_C_SSHORT: {
        if (parse_integer_text(text, length_bytes, INT16_MIN, INT16_MAX, &integer,
                               has_fraction_truncated, error) != 0)
            return -1;
        SQLSMALLINT value = (SQLSMALLINT)integer;
        memcpy(target, &value, sizeof value);
        return 0;
    }
    case SQL_C_USHORT: {
        if (parse_integer_text(text, length_bytes, 0, UINT16_MAX, &integer,
                               has_fraction_truncated, error) != 0)
            return -1;
        SQLUSMALLINT value = (SQLUSMALLINT)integer;
        memcpy(target, &value, sizeof value);
        return 0;
    }
    case SQL_C_LONG:
    case SQL_C_SLONG: {
        if (parse_integer_text(text, length_bytes, INT32_MIN, INT32_MAX, &integer,
                               has_fraction_truncated, error) != 0)
            return -1;
        SQLINTEGER value = (SQLINTEGER)integer;
        memcpy(target, &value, sizeof value);
        return 0;
    }
    case SQL_C_ULONG: {
        if (parse_integer_text(text, length_bytes, 0, UINT32_MAX, &integer,
                               has_fraction_truncated, error) != 0)
            return -1;
        SQLUINTEGER value = (SQLUINTEGER)integer;
        memcpy(target, &value, sizeof value);
        return 0;
    }
    case SQL_C_SBIGINT: {
        if (parse_integer_text(text, length_bytes, INT64_MIN, INT64_MAX, &integer,
                               has_fraction_truncated, error) != 0)
            return -1;
        SQLBIGINT value = (SQLBIGINT)integer;
        memcpy(target, &value, sizeof value);
        return 0;
    }
    case SQL_C_UBIGINT: {
        SQLUBIGINT value;
        if (convert_unsigned_bigint(text, length_bytes, &value, has_fraction_truncated, error) !=
            0)
            return -1;
        memcpy(target, &value, sizeof value);
        return 0;
    }
    case SQL_C_FLOAT: {
        double value;
        if (parse_double_text(text, length_bytes, &value, error) != 0)
            return -1;
        if (isfinite(value) && fabs(value) > 3.402823466e38) {
            error_set(error, "22003", "Value %g is out of range for a float", value);
            return -1;
        }
        SQLREAL single = (SQLREAL)value;
        memcpy(target, &single, sizeof single);
        return 0;
    }
    case SQL_C_DOUBLE: {
        double value;
        if (parse_double_text(text, length_bytes, &value, error) != 0)
            return -1;
        SQLDOUBLE stored = value;
        memcpy(target, &stored, sizeof stored);
        return 0;
    }
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE:
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME:
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP:
        return convert_datetime(c_type, text, length_bytes, target, has_fraction_truncated, error);
    case SQL_C_GUID: {
        SQLGUID guid;
        if (convert_guid(text, length_bytes, &guid, error) != 0)
            return -1;
        memcpy(target, &guid, sizeof guid);
        return 0;
    }
    default:
        error_set(error, "07006", "Conversion to C type %d is not supported", (int)c_type);
        return -1;
    }
}
