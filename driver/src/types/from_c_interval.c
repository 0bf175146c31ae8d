/* Interval C types → SQL types ("C to SQL: Year-Month Intervals",
 * "Day-Time Intervals"), and ODBC interval values in character data.
 * Owns: reading SQL_INTERVAL_STRUCT by its C type's fields, moving a value
 * into the fields of the interval SQL type it is bound as, parsing ODBC
 * interval values ("1-6", "-3 04:05:06.5"), and the text PostgreSQL's
 * interval input reads whatever its IntervalStyle: each field with its unit
 * and, when negative, its own sign ("-3 days -4 hours -5.5 seconds"; a
 * lone leading sign would be read as applying to every field only under
 * sql_standard).
 * Rules and choices:
 * - The C type says which fields of the struct count (its interval_type
 *   field is not consulted); interval_sign SQL_TRUE is negative.
 * - A non-leading field out of its range (month 12, hour 24, minute or
 *   second 60, fraction past 999999) is 22015, into every SQL type.
 * - The fraction is read as microseconds: six digits, the default interval
 *   seconds precision (from_c.h passes no SQL_DESC_PRECISION).
 * - Into an interval SQL type the value is moved into that type's fields:
 *   the leading field takes what is above it (HOUR 50 as DAY TO HOUR is
 *   2 days 2 hours), and a non-zero field below its last is 22015.
 * - Into character SQL types the value goes in the text above with the C
 *   type's own fields: an interval column reads it right, where the bare
 *   ODBC form "5" would mean five seconds to PostgreSQL.
 * - Single-field intervals into exact numeric SQL types are their signed
 *   field (seconds with their fraction). */
#include <stdio.h>
#include <string.h>
#include "types/from_c_internal.h"

#define FIELD_COUNT 4
#define FRACTION_MAX 999999u
#define INTERVAL_TEXT_MAX 160

/* A value laid out as the fields of one interval type: year-month fields
 * are 0 (years) and 1 (months), day-time fields 0 (days) to 3 (seconds). */
struct interval_value {
    bool is_negative;
    bool is_year_month;
    int lead;
    int trail;
    uint64_t fields[FIELD_COUNT];
    uint32_t fraction_us;
};

static const char *const year_month_units[2] = {"years", "months"};
static const char *const day_time_units[FIELD_COUNT] = {"days", "hours", "minutes", "seconds"};
static const uint64_t year_month_factors[2] = {12, 1};
static const uint64_t day_time_factors[FIELD_COUNT] = {86400, 3600, 60, 1};
static const uint64_t year_month_limits[2] = {0, 12};
static const uint64_t day_time_limits[FIELD_COUNT] = {0, 24, 60, 60};

/* The fields of an interval type (SQL_INTERVAL_x and SQL_C_INTERVAL_x
 * share their codes). */
static void layout_of(SQLSMALLINT code, struct interval_value *out)
{
    static const struct {
        SQLSMALLINT code;
        bool is_year_month;
        int lead, trail;
    } layouts[] = {
        {SQL_INTERVAL_YEAR, true, 0, 0},          {SQL_INTERVAL_MONTH, true, 1, 1},
        {SQL_INTERVAL_DAY, false, 0, 0},          {SQL_INTERVAL_HOUR, false, 1, 1},
        {SQL_INTERVAL_MINUTE, false, 2, 2},       {SQL_INTERVAL_SECOND, false, 3, 3},
        {SQL_INTERVAL_YEAR_TO_MONTH, true, 0, 1}, {SQL_INTERVAL_DAY_TO_HOUR, false, 0, 1},
        {SQL_INTERVAL_DAY_TO_MINUTE, false, 0, 2}, {SQL_INTERVAL_DAY_TO_SECOND, false, 0, 3},
        {SQL_INTERVAL_HOUR_TO_MINUTE, false, 1, 2}, {SQL_INTERVAL_HOUR_TO_SECOND, false, 1, 3},
        {SQL_INTERVAL_MINUTE_TO_SECOND, false, 2, 3},
    };
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        if (layouts[i].code == code) {
            out->is_year_month = layouts[i].is_year_month;
            out->lead = layouts[i].lead;
            out->trail = layouts[i].trail;
            return;
        }
    }
}

bool types_is_single_field_interval(SQLSMALLINT sql_type)
{
    return sql_type >= SQL_INTERVAL_YEAR && sql_type <= SQL_INTERVAL_SECOND;
}

const char *types_interval_unit_of(SQLSMALLINT sql_type)
{
    if (!types_is_single_field_interval(sql_type))
        return NULL;
    struct interval_value layout;
    layout_of(sql_type, &layout);
    return layout.is_year_month ? year_month_units[layout.lead] : day_time_units[layout.lead];
}

static uint64_t limit_of(const struct interval_value *value, int field)
{
    return value->is_year_month ? year_month_limits[field] : day_time_limits[field];
}

static uint64_t factor_of(const struct interval_value *value, int field)
{
    return value->is_year_month ? year_month_factors[field] : day_time_factors[field];
}

static const char *unit_of(const struct interval_value *value, int field)
{
    return value->is_year_month ? year_month_units[field] : day_time_units[field];
}

/* Non-leading fields within their ranges, fraction within six digits. */
static bool has_valid_fields(const struct interval_value *value)
{
    for (int field = value->lead + 1; field <= value->trail; field++) {
        if (value->fields[field] >= limit_of(value, field))
            return false;
    }
    return value->fraction_us <= FRACTION_MAX;
}

/* "-3 days -4 hours -5.5 seconds": the fields from lead to trail that are
 * not zero, or "0 <lead unit>" for a zero value. */
static int append_interval(const struct types_from_c_call *call,
                           const struct interval_value *value)
{
    char text[INTERVAL_TEXT_MAX];
    size_t length = 0;
    const char *sign = value->is_negative ? "-" : "";
    for (int field = value->lead; field <= value->trail; field++) {
        bool is_second = !value->is_year_month && field == 3;
        uint32_t fraction = is_second ? value->fraction_us : 0;
        if (value->fields[field] == 0 && fraction == 0)
            continue;
        if (length > 0)
            text[length++] = ' ';
        length += (size_t)snprintf(text + length, sizeof text - length, "%s%llu", sign,
                                   (unsigned long long)value->fields[field]);
        if (fraction != 0) {
            length += (size_t)snprintf(text + length, sizeof text - length, ".%06u",
                                       (unsigned)fraction);
            while (text[length - 1] == '0')
                length--;
        }
        length += (size_t)snprintf(text + length, sizeof text - length, " %s",
                                   unit_of(value, field));
    }
    if (length == 0)
        length = (size_t)snprintf(text, sizeof text, "0 %s", unit_of(value, value->lead));
    return types_from_c_append(call, text, length);
}

/* Moves source into the fields of the SQL type's layout (target, whose
 * lead, trail and kind are set). false when a field would be truncated. */
static bool move_into(const struct interval_value *source, struct interval_value *target)
{
    target->is_negative = source->is_negative;
    uint64_t total = 0; /* in units of target's last field; at most 2^32 days in seconds */
    uint64_t trail_factor = factor_of(target, target->trail);
    for (int field = source->lead; field <= source->trail; field++) {
        uint64_t factor = factor_of(source, field);
        if (factor < trail_factor) {
            if (source->fields[field] != 0)
                return false;
            continue;
        }
        total += source->fields[field] * (factor / trail_factor);
    }
    bool keeps_seconds = !target->is_year_month && target->trail == 3;
    if (source->fraction_us != 0 && !keeps_seconds)
        return false;
    target->fraction_us = keeps_seconds ? source->fraction_us : 0;
    for (int field = target->trail; field > target->lead; field--) {
        uint64_t per_above = factor_of(target, field - 1) / factor_of(target, field);
        target->fields[field] = total % per_above;
        total /= per_above;
    }
    target->fields[target->lead] = total;
    return true;
}

static int put_value(const struct types_from_c_call *call, const struct interval_value *value)
{
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_INTERVAL: {
        struct interval_value target;
        layout_of(call->sql_type, &target);
        if (target.is_year_month != value->is_year_month || !move_into(value, &target))
            return types_from_c_fail(call, "22015", "A field of the interval would be truncated");
        return append_interval(call, &target);
    }
    case TYPES_SQL_CLASS_INTEGER:
    case TYPES_SQL_CLASS_DECIMAL: {
        /* single field (from_c.c allows no other): the field, seconds with
         * their fraction */
        char text[48];
        int length = snprintf(text, sizeof text, "%s%llu.%06u", value->is_negative ? "-" : "",
                              (unsigned long long)value->fields[value->lead],
                              (unsigned)value->fraction_us);
        struct types_decimal number;
        if (length < 0 || !types_decimal_parse((const unsigned char *)text, (size_t)length, false,
                                               &number))
            return types_from_c_fail(call, "22015", "The interval is not a number");
        return types_from_c_put_number(call, &number, NULL, TYPES_FRACTION_TRUNCATES);
    }
    default: /* character */
        return append_interval(call, value);
    }
}

int types_from_c_interval(const struct types_from_c_call *call)
{
    SQL_INTERVAL_STRUCT interval;
    memcpy(&interval, call->value->data, sizeof interval);
    struct interval_value value;
    layout_of(call->c_type, &value);
    value.is_negative = interval.interval_sign != SQL_FALSE;
    if (value.is_year_month) {
        value.fields[0] = interval.intval.year_month.year;
        value.fields[1] = interval.intval.year_month.month;
    } else {
        value.fields[0] = interval.intval.day_second.day;
        value.fields[1] = interval.intval.day_second.hour;
        value.fields[2] = interval.intval.day_second.minute;
        value.fields[3] = interval.intval.day_second.second;
        if (value.trail == 3)
            value.fraction_us = interval.intval.day_second.fraction;
    }
    if (!has_valid_fields(&value))
        return types_from_c_fail(call, "22015",
                                 "An interval field is beyond its range (months below 12, "
                                 "hours below 24, minutes and seconds below 60, fraction in "
                                 "microseconds)");
    return put_value(call, &value);
}

/* ---- text in ---- */

static bool take_field(const unsigned char *text, size_t length, size_t *position,
                       size_t max_digits, uint64_t *out)
{
    size_t start = *position;
    uint64_t value = 0;
    while (*position < length && text[*position] >= '0' && text[*position] <= '9') {
        if (*position - start >= max_digits)
            return false;
        value = value * 10 + (uint64_t)(text[*position] - '0');
        (*position)++;
    }
    *out = value;
    return *position > start;
}

/* Digits after the point: microseconds; *is_truncated when a non-zero
 * digit lies past the sixth. */
static bool take_fraction(const unsigned char *text, size_t length, size_t *position,
                          uint32_t *out, bool *is_truncated)
{
    size_t start = *position;
    uint32_t scale = 100000;
    *out = 0;
    while (*position < length && text[*position] >= '0' && text[*position] <= '9') {
        unsigned digit = (unsigned)(text[*position] - '0');
        if (scale > 0)
            *out += digit * scale;
        else if (digit != 0)
            *is_truncated = true;
        scale /= 10;
        (*position)++;
    }
    return *position > start;
}

int types_from_c_text_to_interval(const struct types_from_c_call *call,
                                  const unsigned char *text, size_t length)
{
    struct interval_value value;
    layout_of(call->sql_type, &value);
    size_t position = 0;
    if (length > 0 && (text[0] == '-' || text[0] == '+')) {
        value.is_negative = text[0] == '-';
        position = 1;
    }
    bool is_valid = true;
    bool is_truncated = false;
    for (int field = value.lead; field <= value.trail && is_valid; field++) {
        if (field > value.lead) {
            char separator = value.is_year_month ? '-' : (field == 1 ? ' ' : ':');
            is_valid = position < length && text[position] == (unsigned char)separator;
            position++;
        }
        /* the leading field up to SQLUINTEGER's ten digits, the others two */
        size_t max_digits = field == value.lead ? 10 : 2;
        is_valid = is_valid && take_field(text, length, &position, max_digits, &value.fields[field]);
    }
    bool has_seconds = !value.is_year_month && value.trail == 3;
    if (is_valid && has_seconds && position < length && text[position] == '.') {
        position++;
        is_valid = take_fraction(text, length, &position, &value.fraction_us, &is_truncated);
    }
    if (!is_valid || position != length)
        return types_from_c_fail_text(call, "22018", text, length,
                                      "is not an ODBC interval value");
    if (is_truncated || value.fields[value.lead] > UINT32_MAX || !has_valid_fields(&value))
        return types_from_c_fail_text(call, "22015", text, length,
                                      "has a field beyond its range or precision");
    return append_interval(call, &value);
}
