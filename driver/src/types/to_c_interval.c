/* interval → C types ("SQL to C: Year-Month Intervals", "Day-Time
 * Intervals"), and interval literals in character columns.
 * Owns: PostgreSQL's interval in IntervalStyle postgres ("1 year 2 mons
 * 3 days -04:05:06.5") and in binary (int64 microseconds, int32 days,
 * int32 months), and SQL_INTERVAL_STRUCT.
 * Choices:
 * - A PostgreSQL interval mixes months with days and time. Into a
 *   year-month C type, days or time that are not zero are 22015; into a
 *   day-time C type, months that are not zero are 22015. Days count 24
 *   hours when days and time combine.
 * - Trailing fields the target lacks (months into YEAR, seconds into
 *   DAY_TO_MINUTE) are dropped with 01S07; the leading field takes the
 *   rest and must fit SQLUINTEGER (else 22015). The fraction keeps six
 *   digits (microseconds), the default interval seconds precision.
 * - Exact numeric C types (and SQL_C_NUMERIC) need an interval declared
 *   with a single field (INTERVAL DAY, ...: the type modifier says so);
 *   otherwise 22015, as the appendix says for multi-field precision.
 * - Characters are the text as the server sent it (01004 when cut). */
#include <stdio.h>
#include <string.h>
#include "types/to_c_internal.h"

#define MICROSECONDS_PER_SECOND 1000000LL
#define MICROSECONDS_PER_MINUTE (60 * MICROSECONDS_PER_SECOND)
#define MICROSECONDS_PER_HOUR (60 * MICROSECONDS_PER_MINUTE)
#define MICROSECONDS_PER_DAY (24 * MICROSECONDS_PER_HOUR)

/* PostgreSQL's interval type modifier: (range mask << 16) | precision. */
#define RANGE_MONTH (1 << 1)
#define RANGE_YEAR (1 << 2)
#define RANGE_DAY (1 << 3)
#define RANGE_HOUR (1 << 10)
#define RANGE_MINUTE (1 << 11)
#define RANGE_SECOND (1 << 12)

struct interval_value {
    int64_t months;
    int64_t days;
    int64_t microseconds;
    bool has_dropped_digits;
};

static bool take_integer(const unsigned char *text, size_t length, size_t *position,
                         int64_t *out)
{
    size_t start = *position;
    bool is_negative = false;
    if (*position < length && (text[*position] == '-' || text[*position] == '+')) {
        is_negative = text[*position] == '-';
        (*position)++;
    }
    size_t digits_start = *position;
    int64_t value = 0;
    while (*position < length && text[*position] >= '0' && text[*position] <= '9') {
        if (value > 100000000000000LL)
            return false;
        value = value * 10 + (text[*position] - '0');
        (*position)++;
    }
    if (*position == digits_start) {
        *position = start;
        return false;
    }
    *out = is_negative ? -value : value;
    return true;
}

/* *out = a * b + c, false when that does not fit in int64_t: values the
 * server never sends (its fields are int32 months, int32 days, int64
 * microseconds) but a hostile or corrupt one may. */
static bool mul_add_fits(int64_t a, int64_t b, int64_t c, int64_t *out)
{
    int64_t product;
    return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(product, c, out);
}

static bool unit_is(const unsigned char *word, size_t length, const char *singular,
                    const char *plural)
{
    return (length == strlen(singular) && memcmp(word, singular, length) == 0) ||
           (length == strlen(plural) && memcmp(word, plural, length) == 0);
}

/* "[N year[s]] [N mon[s]] [N day[s]] [[+-]HH:MM:SS[.f]]" */
static bool parse_interval_text(const unsigned char *text, size_t length,
                                struct interval_value *out)
{
    memset(out, 0, sizeof *out);
    size_t position = 0;
    bool has_part = false;
    while (position < length) {
        while (position < length && text[position] == ' ')
            position++;
        if (position == length)
            break;
        size_t start = position;
        int64_t number;
        if (!take_integer(text, length, &position, &number))
            return false;
        if (position < length && text[position] == ':') {
            /* the time part: sign from the hours, applied to the whole */
            bool is_negative = text[start] == '-';
            int64_t hours = number < 0 ? -number : number;
            int64_t minutes, seconds;
            position++;
            size_t minutes_start = position;
            if (!take_integer(text, length, &position, &minutes) || position - minutes_start != 2 ||
                position >= length || text[position] != ':')
                return false;
            position++;
            size_t seconds_start = position;
            if (!take_integer(text, length, &position, &seconds) || position - seconds_start != 2)
                return false;
            int64_t fraction = 0;
            if (position < length && text[position] == '.') {
                position++;
                int64_t scale = 100000;
                size_t fraction_start = position;
                while (position < length && text[position] >= '0' && text[position] <= '9') {
                    if (scale > 0) {
                        fraction += (text[position] - '0') * scale;
                        scale /= 10;
                    } else if (text[position] != '0') {
                        out->has_dropped_digits = true;
                    }
                    position++;
                }
                if (position == fraction_start)
                    return false;
            }
            int64_t total;
            if (!mul_add_fits(hours, MICROSECONDS_PER_HOUR,
                              minutes * MICROSECONDS_PER_MINUTE +
                                  seconds * MICROSECONDS_PER_SECOND + fraction,
                              &total) ||
                !mul_add_fits(is_negative ? -1 : 1, total, out->microseconds,
                              &out->microseconds))
                return false;
            has_part = true;
            continue;
        }
        while (position < length && text[position] == ' ')
            position++;
        size_t word_start = position;
        while (position < length && text[position] >= 'a' && text[position] <= 'z')
            position++;
        const unsigned char *word = text + word_start;
        size_t word_length = position - word_start;
        bool fits;
        if (unit_is(word, word_length, "year", "years"))
            fits = mul_add_fits(number, 12, out->months, &out->months);
        else if (unit_is(word, word_length, "mon", "mons"))
            fits = mul_add_fits(number, 1, out->months, &out->months);
        else if (unit_is(word, word_length, "day", "days"))
            fits = mul_add_fits(number, 1, out->days, &out->days);
        else
            return false;
        if (!fits)
            return false;
        has_part = true;
    }
    return has_part;
}

static int read_interval(const struct types_call *call, struct interval_value *out)
{
    const struct types_value *value = call->value;
    if (value->is_binary) {
        if (value->length_bytes != 16)
            return types_fail_value(call, "22018", "is not a 16-byte binary interval");
        memset(out, 0, sizeof *out);
        out->microseconds = (int64_t)types_read_u64(value->data);
        out->days = (int32_t)types_read_u32(value->data + 8);
        out->months = (int32_t)types_read_u32(value->data + 12);
        return 0;
    }
    if (!parse_interval_text(value->data, value->length_bytes, out))
        return types_fail_value(call, "22018", "is not an interval in IntervalStyle postgres");
    return 0;
}

/* PostgreSQL's postgres-style text of a binary interval. */
static size_t format_interval(const struct interval_value *value, char *out, size_t out_size)
{
    size_t length = 0;
    int64_t years = value->months / 12;
    int64_t months = value->months % 12;
    if (years != 0)
        length += (size_t)snprintf(out + length, out_size - length, "%lld year%s ",
                                   (long long)years, years == 1 || years == -1 ? "" : "s");
    if (months != 0)
        length += (size_t)snprintf(out + length, out_size - length, "%lld mon%s ",
                                   (long long)months, months == 1 || months == -1 ? "" : "s");
    if (value->days != 0)
        length += (size_t)snprintf(out + length, out_size - length, "%lld day%s ",
                                   (long long)value->days,
                                   value->days == 1 || value->days == -1 ? "" : "s");
    if (value->microseconds != 0 || length == 0) {
        int64_t total = value->microseconds;
        bool is_negative = total < 0;
        uint64_t magnitude = is_negative ? (uint64_t)0 - (uint64_t)total : (uint64_t)total;
        length += (size_t)snprintf(
            out + length, out_size - length, "%s%02llu:%02llu:%02llu", is_negative ? "-" : "",
            (unsigned long long)(magnitude / MICROSECONDS_PER_HOUR),
            (unsigned long long)(magnitude / MICROSECONDS_PER_MINUTE % 60),
            (unsigned long long)(magnitude / MICROSECONDS_PER_SECOND % 60));
        uint64_t fraction = magnitude % MICROSECONDS_PER_SECOND;
        if (fraction != 0) {
            char digits[8];
            snprintf(digits, sizeof digits, "%06llu", (unsigned long long)fraction);
            size_t count = 6;
            while (digits[count - 1] == '0')
                count--;
            out[length++] = '.';
            memcpy(out + length, digits, count);
            length += count;
        }
    } else {
        length--; /* the trailing space */
    }
    out[length] = '\0';
    return length;
}

static int fail_overflow(const struct types_call *call, const char *why)
{
    error_set(call->error, "22015", "Interval field overflow: %s", why);
    return -1;
}

static int put_interval_struct(const struct types_call *call, const struct interval_value *value)
{
    SQL_INTERVAL_STRUCT interval;
    memset(&interval, 0, sizeof interval);
    bool is_truncated = value->has_dropped_digits;
    SQLSMALLINT c_type = call->target->c_type;
    bool is_year_month = c_type == SQL_C_INTERVAL_YEAR || c_type == SQL_C_INTERVAL_MONTH ||
                         c_type == SQL_C_INTERVAL_YEAR_TO_MONTH;
    if (is_year_month) {
        if (value->days != 0 || value->microseconds != 0)
            return fail_overflow(call, "days and time do not fit a year-month interval");
        int64_t months = value->months;
        interval.interval_sign = months < 0 ? SQL_TRUE : SQL_FALSE;
        uint64_t magnitude = months < 0 ? (uint64_t)-months : (uint64_t)months;
        if (c_type == SQL_C_INTERVAL_YEAR) {
            interval.interval_type = SQL_IS_YEAR;
            interval.intval.year_month.year = (SQLUINTEGER)(magnitude / 12);
            is_truncated = is_truncated || magnitude % 12 != 0;
        } else if (c_type == SQL_C_INTERVAL_MONTH) {
            interval.interval_type = SQL_IS_MONTH;
            interval.intval.year_month.month = (SQLUINTEGER)magnitude;
        } else {
            interval.interval_type = SQL_IS_YEAR_TO_MONTH;
            interval.intval.year_month.year = (SQLUINTEGER)(magnitude / 12);
            interval.intval.year_month.month = (SQLUINTEGER)(magnitude % 12);
        }
    } else {
        if (value->months != 0)
            return fail_overflow(call, "months do not fit a day-time interval");
        int64_t total;
        if (!mul_add_fits(value->days, MICROSECONDS_PER_DAY, value->microseconds, &total))
            return fail_overflow(call, "days and time exceed 64-bit microseconds");
        interval.interval_sign = total < 0 ? SQL_TRUE : SQL_FALSE;
        uint64_t rest = total < 0 ? (uint64_t)0 - (uint64_t)total : (uint64_t)total;
        /* Fields from the leading one down; the leading one takes all. */
        static const struct {
            SQLSMALLINT c_type;
            SQLINTERVAL code;
            int leading; /* 0 day, 1 hour, 2 minute, 3 second */
            int trailing;
        } shapes[] = {
            {SQL_C_INTERVAL_DAY, SQL_IS_DAY, 0, 0},
            {SQL_C_INTERVAL_HOUR, SQL_IS_HOUR, 1, 1},
            {SQL_C_INTERVAL_MINUTE, SQL_IS_MINUTE, 2, 2},
            {SQL_C_INTERVAL_SECOND, SQL_IS_SECOND, 3, 3},
            {SQL_C_INTERVAL_DAY_TO_HOUR, SQL_IS_DAY_TO_HOUR, 0, 1},
            {SQL_C_INTERVAL_DAY_TO_MINUTE, SQL_IS_DAY_TO_MINUTE, 0, 2},
            {SQL_C_INTERVAL_DAY_TO_SECOND, SQL_IS_DAY_TO_SECOND, 0, 3},
            {SQL_C_INTERVAL_HOUR_TO_MINUTE, SQL_IS_HOUR_TO_MINUTE, 1, 2},
            {SQL_C_INTERVAL_HOUR_TO_SECOND, SQL_IS_HOUR_TO_SECOND, 1, 3},
            {SQL_C_INTERVAL_MINUTE_TO_SECOND, SQL_IS_MINUTE_TO_SECOND, 2, 3},
        };
        static const uint64_t unit[4] = {MICROSECONDS_PER_DAY, MICROSECONDS_PER_HOUR,
                                         MICROSECONDS_PER_MINUTE, MICROSECONDS_PER_SECOND};
        size_t shape = 0;
        while (shape < sizeof shapes / sizeof shapes[0] && shapes[shape].c_type != c_type)
            shape++;
        if (shape == sizeof shapes / sizeof shapes[0])
            return types_fail_restricted(call);
        interval.interval_type = shapes[shape].code;
        SQLUINTEGER fields[4] = {0, 0, 0, 0};
        for (int field = shapes[shape].leading; field <= shapes[shape].trailing; field++) {
            uint64_t count = rest / unit[field];
            if (count > UINT32_MAX)
                return fail_overflow(call, "the leading field exceeds 4294967295");
            fields[field] = (SQLUINTEGER)count;
            rest %= unit[field];
        }
        if (shapes[shape].trailing == 3) {
            interval.intval.day_second.fraction = (SQLUINTEGER)rest;
            rest = 0;
        }
        is_truncated = is_truncated || rest != 0;
        interval.intval.day_second.day = fields[0];
        interval.intval.day_second.hour = fields[1];
        interval.intval.day_second.minute = fields[2];
        interval.intval.day_second.second = fields[3];
    }
    if (types_put_fixed(call, &interval, sizeof interval) != 0)
        return -1;
    call->out->is_fraction_truncated = is_truncated;
    return 0;
}

/* A single-field interval as a number of its field's units. */
static int put_interval_number(const struct types_call *call, const struct interval_value *value)
{
    int32_t modifier = call->value->type_modifier;
    int range = modifier < 0 ? 0 : (modifier >> 16) & 0x7fff;
    struct types_decimal number;
    int64_t whole;
    int64_t rest_microseconds = 0;
    switch (range) {
    case RANGE_YEAR:
        types_decimal_from_int64(value->months / 12, &number);
        return types_put_decimal_number(call, &number, NULL);
    case RANGE_MONTH:
        types_decimal_from_int64(value->months, &number);
        return types_put_decimal_number(call, &number, NULL);
    case RANGE_DAY:
        whole = value->days;
        break;
    case RANGE_HOUR:
        if (!mul_add_fits(value->days, 24, value->microseconds / MICROSECONDS_PER_HOUR, &whole))
            return fail_overflow(call, "days and time exceed 64-bit hours");
        rest_microseconds = value->microseconds % MICROSECONDS_PER_HOUR;
        break;
    case RANGE_MINUTE:
        if (!mul_add_fits(value->days, 1440, value->microseconds / MICROSECONDS_PER_MINUTE,
                          &whole))
            return fail_overflow(call, "days and time exceed 64-bit minutes");
        rest_microseconds = value->microseconds % MICROSECONDS_PER_MINUTE;
        break;
    case RANGE_SECOND: {
        int64_t total;
        if (!mul_add_fits(value->days, MICROSECONDS_PER_DAY, value->microseconds, &total))
            return fail_overflow(call, "days and time exceed 64-bit microseconds");
        types_decimal_from_int64(total, &number);
        if (number.digit_count > 0)
            number.point -= 6;
        return types_put_decimal_number(call, &number, NULL);
    }
    default:
        return fail_overflow(call, "the interval has more than one field");
    }
    types_decimal_from_int64(whole, &number);
    if (types_put_decimal_number(call, &number, NULL) != 0)
        return -1;
    if (rest_microseconds != 0)
        call->out->is_fraction_truncated = true;
    return 0;
}

int types_character_to_interval(const struct types_call *call, const unsigned char *text,
                                size_t length)
{
    bool is_single_field;
    (void)types_is_interval_c_type(call->target->c_type, &is_single_field);
    struct types_decimal number;
    if (is_single_field && types_decimal_parse(text, length, true, &number))
        return types_put_number_as_interval(call, &number);
    struct interval_value value;
    if (!parse_interval_text(text, length, &value))
        return types_fail_value(call, "22018", "is not an interval literal");
    return put_interval_struct(call, &value);
}

int types_to_c_interval(const struct types_call *call)
{
    SQLSMALLINT c_type = call->target->c_type;
    bool is_single_field;
    bool is_interval = types_is_interval_c_type(c_type, &is_single_field);
    bool is_char = c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY;
    bool is_exact = types_is_number_c_type(c_type) && c_type != SQL_C_BIT &&
                    c_type != SQL_C_FLOAT && c_type != SQL_C_DOUBLE;
    if (!is_interval && !is_char && !is_exact)
        return types_fail_restricted(call);
    struct interval_value value;
    if (read_interval(call, &value) != 0)
        return -1;
    if (is_char) {
        if (!call->value->is_binary)
            return types_put_text(call, call->value->data, call->value->length_bytes, 0, true);
        char text[128];
        size_t length = format_interval(&value, text, sizeof text);
        return types_put_text(call, (const unsigned char *)text, length, 0, true);
    }
    if (is_interval)
        return put_interval_struct(call, &value);
    return put_interval_number(call, &value);
}
