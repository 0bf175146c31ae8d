/* date, time, timetz, timestamp, timestamptz → C types ("SQL to C: Date",
 * "Time", "Timestamp"), and date/time literals in character columns.
 * Owns: PostgreSQL's ISO output (DateStyle ISO: "2024-02-29",
 * "13:45:00.25", "2024-02-29 13:45:00.25+01", " BC" suffix, "infinity"),
 * the binary forms (days and microseconds since 2000-01-01, microseconds
 * since midnight, timetz's zone in seconds west), and SQL_DATE_STRUCT,
 * SQL_TIME_STRUCT, SQL_TIMESTAMP_STRUCT (ODBC 3 and ODBC 2 codes).
 * Choices:
 * - timestamptz and timetz text is the session's local time; the offset
 *   is not applied (the structs have no zone). A binary timestamptz is UTC.
 * - BC dates use astronomical years: 1 BC is year 0, 44 BC is year -43;
 *   a year beyond SQLSMALLINT is 22008 (datetime field overflow).
 * - "infinity" and "-infinity" have no struct form: 22007 (the value is not
 *   a valid date, as SQLGetData's 22007 describes); as characters they are
 *   the words.
 * - time → SQL_C_TYPE_TIMESTAMP takes today's local date (the appendix) and
 *   keeps the fractional seconds.
 * - fractional digits beyond nanoseconds, a non-zero time into a date, a
 *   non-zero fraction into a time: 01S07.
 * - characters: a buffer shorter than "YYYY-MM-DD", "HH:MM:SS" or
 *   "YYYY-MM-DD HH:MM:SS" plus the terminator is 22003; a longer value cut
 *   in its fraction or zone is 01004. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "types/to_c_internal.h"
#include "types/type_table.h"

#define OID_TIMETZ 1266u
#define MICROSECONDS_PER_DAY 86400000000LL
#define DAYS_1970_TO_2000 10957
#define DATETIME_TEXT_MAX 64
/* PostgreSQL keeps a timetz zone within 15:59:59 (in seconds). */
#define ZONE_SECONDS_MAX (16 * 3600 - 1)

struct datetime_value {
    bool has_date;
    bool has_time;
    bool has_zone;
    int infinity; /* +1, -1, or 0 */
    int64_t year; /* astronomical */
    unsigned month, day, hour, minute, second;
    uint32_t fraction_ns;
    bool has_dropped_digits;
    int32_t zone_seconds; /* east of UTC */
};

/* ---- text ---- */

static bool take_number(const unsigned char *text, size_t length, size_t *position,
                        size_t min_digits, size_t max_digits, int64_t *out)
{
    size_t start = *position;
    int64_t value = 0;
    while (*position < length && *position - start < max_digits && text[*position] >= '0' &&
           text[*position] <= '9') {
        value = value * 10 + (text[*position] - '0');
        (*position)++;
    }
    if (*position - start < min_digits)
        return false;
    *out = value;
    return true;
}

static bool take(const unsigned char *text, size_t length, size_t *position, char expected)
{
    if (*position < length && text[*position] == (unsigned char)expected) {
        (*position)++;
        return true;
    }
    return false;
}

static bool parse_time_text(const unsigned char *text, size_t length, size_t *position,
                            struct datetime_value *out)
{
    int64_t hour, minute, second;
    if (!take_number(text, length, position, 2, 2, &hour) || !take(text, length, position, ':') ||
        !take_number(text, length, position, 2, 2, &minute) ||
        !take(text, length, position, ':') || !take_number(text, length, position, 2, 2, &second))
        return false;
    out->hour = (unsigned)hour;
    out->minute = (unsigned)minute;
    out->second = (unsigned)second;
    if (take(text, length, position, '.')) {
        uint32_t scale = 100000000u;
        size_t start = *position;
        while (*position < length && text[*position] >= '0' && text[*position] <= '9') {
            unsigned digit = (unsigned)(text[*position] - '0');
            if (scale > 0) {
                out->fraction_ns += digit * scale;
                scale /= 10;
            } else if (digit != 0) {
                out->has_dropped_digits = true;
            }
            (*position)++;
        }
        if (*position == start)
            return false;
    }
    out->has_time = true;
    if (*position < length && (text[*position] == '+' || text[*position] == '-')) {
        bool is_west = text[*position] == '-';
        (*position)++;
        int64_t zone_hours, zone_minutes = 0, zone_seconds = 0;
        if (!take_number(text, length, position, 2, 2, &zone_hours))
            return false;
        if (take(text, length, position, ':')) {
            if (!take_number(text, length, position, 2, 2, &zone_minutes))
                return false;
            if (take(text, length, position, ':') &&
                !take_number(text, length, position, 2, 2, &zone_seconds))
                return false;
        }
        int32_t offset = (int32_t)(zone_hours * 3600 + zone_minutes * 60 + zone_seconds);
        out->zone_seconds = is_west ? -offset : offset;
        out->has_zone = true;
    }
    return true;
}

static bool is_leap_year(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static unsigned days_in_month(int64_t year, unsigned month)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

static bool is_digit_at(const unsigned char *text, size_t position)
{
    return text[position] >= '0' && text[position] <= '9';
}

static unsigned two_digits_at(const unsigned char *text, size_t position)
{
    return (unsigned)(text[position] - '0') * 10u + (unsigned)(text[position + 1] - '0');
}

/* The form PostgreSQL prints a timestamp in (DateStyle ISO), read at fixed
 * positions: "YYYY-MM-DD HH:MM:SS" with up to six fractional digits and
 * nothing after them. false for anything else (a zone, BC, a longer year,
 * infinity), which the general parser below reads. One value per
 * SQLGetData of a timestamp column: this is most of them. */
static bool parse_plain_timestamp_text(const unsigned char *text, size_t length,
                                       struct datetime_value *out)
{
    static const unsigned char digit_positions[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    if (length < 19 || length > 26 || text[4] != '-' || text[7] != '-' || text[10] != ' ' ||
        text[13] != ':' || text[16] != ':')
        return false;
    for (size_t i = 0; i < sizeof digit_positions; i++) {
        if (!is_digit_at(text, digit_positions[i]))
            return false;
    }
    uint32_t fraction_ns = 0;
    if (length > 19) {
        if (text[19] != '.' || length == 20)
            return false;
        uint32_t scale = 100000000u;
        for (size_t position = 20; position < length; position++) {
            if (!is_digit_at(text, position))
                return false;
            fraction_ns += (uint32_t)(text[position] - '0') * scale;
            scale /= 10;
        }
    }
    int64_t year = (int64_t)(two_digits_at(text, 0) * 100u + two_digits_at(text, 2));
    unsigned month = two_digits_at(text, 5);
    unsigned day = two_digits_at(text, 8);
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return false;
    out->year = year;
    out->month = month;
    out->day = day;
    out->hour = two_digits_at(text, 11);
    out->minute = two_digits_at(text, 14);
    out->second = two_digits_at(text, 17);
    out->fraction_ns = fraction_ns;
    out->has_date = true;
    out->has_time = true;
    return true;
}

/* "infinity", "-infinity", "[date][ time[zone]][ BC]", "time[zone]". */
static bool parse_datetime_text(const unsigned char *text, size_t length,
                                struct datetime_value *out)
{
    memset(out, 0, sizeof *out);
    if (parse_plain_timestamp_text(text, length, out))
        return true;
    if (length == 8 && memcmp(text, "infinity", 8) == 0) {
        out->infinity = 1;
        out->has_date = true;
        return true;
    }
    if (length == 9 && memcmp(text, "-infinity", 9) == 0) {
        out->infinity = -1;
        out->has_date = true;
        return true;
    }
    bool is_bc = length > 3 && memcmp(text + length - 3, " BC", 3) == 0;
    if (is_bc)
        length -= 3;
    size_t position = 0;
    if (length >= 3 && text[2] == ':') {
        if (is_bc || !parse_time_text(text, length, &position, out))
            return false;
        return position == length;
    }
    int64_t year, month, day;
    if (!take_number(text, length, &position, 4, 9, &year) || !take(text, length, &position, '-') ||
        !take_number(text, length, &position, 2, 2, &month) ||
        !take(text, length, &position, '-') || !take_number(text, length, &position, 2, 2, &day))
        return false;
    if (year == 0 || month < 1 || month > 12)
        return false;
    out->year = is_bc ? 1 - year : year;
    out->month = (unsigned)month;
    out->day = (unsigned)day;
    if (day < 1 || (unsigned)day > days_in_month(out->year, out->month))
        return false;
    out->has_date = true;
    if (take(text, length, &position, ' ') || take(text, length, &position, 'T')) {
        if (!parse_time_text(text, length, &position, out))
            return false;
    }
    return position == length;
}

/* ---- binary ---- */

/* Days since 1970-01-01 → proleptic Gregorian year, month, day (400-year
 * eras of 146097 days, years starting in March). */
static void civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day)
{
    int64_t shifted = days + 719468;
    int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    int64_t day_of_era = shifted - era * 146097;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_index = (5 * day_of_year + 2) / 153;
    *day = (unsigned)(day_of_year - (153 * month_index + 2) / 5 + 1);
    *month = (unsigned)(month_index < 10 ? month_index + 3 : month_index - 9);
    *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

static void set_time_of_day(int64_t microseconds, struct datetime_value *out)
{
    out->hour = (unsigned)(microseconds / 3600000000LL);
    out->minute = (unsigned)(microseconds / 60000000LL % 60);
    out->second = (unsigned)(microseconds / 1000000LL % 60);
    out->fraction_ns = (uint32_t)(microseconds % 1000000LL) * 1000u;
    out->has_time = true;
}

static int read_binary_datetime(const struct types_call *call, struct datetime_value *out)
{
    const struct types_value *value = call->value;
    memset(out, 0, sizeof *out);
    const unsigned char *bytes = value->data;
    switch (value->type_oid) {
    case TYPES_OID_DATE: {
        if (value->length_bytes != 4)
            break;
        int32_t days = (int32_t)types_read_u32(bytes);
        out->has_date = true;
        if (days == INT32_MAX || days == INT32_MIN) {
            out->infinity = days == INT32_MAX ? 1 : -1;
            return 0;
        }
        civil_from_days((int64_t)days + DAYS_1970_TO_2000, &out->year, &out->month, &out->day);
        return 0;
    }
    case TYPES_OID_TIME:
    case OID_TIMETZ: {
        size_t expected = value->type_oid == TYPES_OID_TIME ? 8 : 12;
        if (value->length_bytes != expected)
            break;
        int64_t microseconds = (int64_t)types_read_u64(bytes);
        if (microseconds < 0 || microseconds > MICROSECONDS_PER_DAY)
            return types_fail_value(call, "22007", "is not a time of day");
        set_time_of_day(microseconds, out);
        if (expected == 12) {
            /* The zone is seconds west of UTC; PostgreSQL keeps it within
             * ±15:59:59, and negating INT32_MIN would overflow. */
            int32_t zone = (int32_t)types_read_u32(bytes + 8);
            if (zone < -ZONE_SECONDS_MAX || zone > ZONE_SECONDS_MAX)
                return types_fail_value(call, "22007", "has a time zone beyond 15:59:59");
            out->has_zone = true;
            out->zone_seconds = -zone;
        }
        return 0;
    }
    default: { /* timestamp, timestamptz */
        if (value->length_bytes != 8)
            break;
        int64_t microseconds = (int64_t)types_read_u64(bytes);
        out->has_date = true;
        if (microseconds == INT64_MAX || microseconds == INT64_MIN) {
            out->infinity = microseconds == INT64_MAX ? 1 : -1;
            return 0;
        }
        int64_t days = microseconds / MICROSECONDS_PER_DAY;
        int64_t rest = microseconds % MICROSECONDS_PER_DAY;
        if (rest < 0) {
            rest += MICROSECONDS_PER_DAY;
            days--;
        }
        civil_from_days(days + DAYS_1970_TO_2000, &out->year, &out->month, &out->day);
        set_time_of_day(rest, out);
        if (value->type_oid == TYPES_OID_TIMESTAMPTZ)
            out->has_zone = true; /* UTC */
        return 0;
    }
    }
    return types_fail_value(call, "22007", "has the wrong length for its binary form");
}

/* PostgreSQL's ISO text of a decoded value. */
static size_t format_datetime(const struct datetime_value *value, char *out, size_t out_size)
{
    if (value->infinity != 0)
        return (size_t)snprintf(out, out_size, "%s", value->infinity > 0 ? "infinity" : "-infinity");
    size_t length = 0;
    if (value->has_date) {
        int64_t shown_year = value->year > 0 ? value->year : 1 - value->year;
        length += (size_t)snprintf(out + length, out_size - length, "%04lld-%02u-%02u",
                                   (long long)shown_year, value->month, value->day);
    }
    if (value->has_time) {
        if (value->has_date)
            out[length++] = ' ';
        length += (size_t)snprintf(out + length, out_size - length, "%02u:%02u:%02u", value->hour,
                                   value->minute, value->second);
        uint32_t microseconds = value->fraction_ns / 1000u;
        if (microseconds != 0) {
            char fraction[8];
            snprintf(fraction, sizeof fraction, "%06u", (unsigned)microseconds);
            size_t digits = 6;
            while (fraction[digits - 1] == '0')
                digits--;
            out[length++] = '.';
            memcpy(out + length, fraction, digits);
            length += digits;
        }
        if (value->has_zone) {
            int32_t zone = value->zone_seconds;
            char sign = zone < 0 ? '-' : '+';
            int32_t magnitude = zone < 0 ? -zone : zone;
            length += (size_t)snprintf(out + length, out_size - length, "%c%02d", sign,
                                       (int)(magnitude / 3600));
            if (magnitude % 3600 != 0)
                length += (size_t)snprintf(out + length, out_size - length, ":%02d",
                                           (int)(magnitude / 60 % 60));
            if (magnitude % 60 != 0)
                length += (size_t)snprintf(out + length, out_size - length, ":%02d",
                                           (int)(magnitude % 60));
        }
    }
    if (value->has_date && value->year <= 0)
        length += (size_t)snprintf(out + length, out_size - length, " BC");
    out[length] = '\0';
    return length;
}

/* ---- into the structs ---- */

static int check_date_fits(const struct types_call *call, const struct datetime_value *value)
{
    if (value->infinity != 0)
        return types_fail_value(call, "22007", "is infinite and has no date form");
    if (value->year < -32768 || value->year > 32767)
        return types_fail_value(call, "22008", "has a year beyond -32768..32767");
    return 0;
}

static int check_time_fits(const struct types_call *call, const struct datetime_value *value)
{
    if (value->hour > 23 || value->minute > 59 || value->second > 59)
        return types_fail_value(call, "22007", "is not a valid time of day");
    return 0;
}

static void today(struct datetime_value *value)
{
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    value->year = local.tm_year + 1900;
    value->month = (unsigned)local.tm_mon + 1;
    value->day = (unsigned)local.tm_mday;
}

/* bad_state: 22018 for character sources, 22007 for datetime types. */
static int put_datetime(const struct types_call *call, const struct datetime_value *value,
                        const char *bad_state)
{
    switch (call->target->c_type) {
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE: {
        if (!value->has_date)
            return types_fail_value(call, bad_state, "is not a date or timestamp");
        if (check_date_fits(call, value) != 0)
            return -1;
        SQL_DATE_STRUCT date = {(SQLSMALLINT)value->year, (SQLUSMALLINT)value->month,
                                (SQLUSMALLINT)value->day};
        if (types_put_fixed(call, &date, sizeof date) != 0)
            return -1;
        call->out->is_fraction_truncated = value->has_time &&
                                           (value->hour != 0 || value->minute != 0 ||
                                            value->second != 0 || value->fraction_ns != 0 ||
                                            value->has_dropped_digits);
        return 0;
    }
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME: {
        if (!value->has_time) {
            if (value->infinity != 0)
                return types_fail_value(call, "22007", "is infinite and has no time form");
            return types_fail_value(call, bad_state, "is not a time or timestamp");
        }
        if (check_time_fits(call, value) != 0)
            return -1;
        SQL_TIME_STRUCT time_of_day = {(SQLUSMALLINT)value->hour, (SQLUSMALLINT)value->minute,
                                       (SQLUSMALLINT)value->second};
        if (types_put_fixed(call, &time_of_day, sizeof time_of_day) != 0)
            return -1;
        call->out->is_fraction_truncated = value->fraction_ns != 0 || value->has_dropped_digits;
        return 0;
    }
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP: {
        struct datetime_value whole = *value;
        if (!whole.has_date)
            today(&whole);
        if (check_date_fits(call, &whole) != 0 || check_time_fits(call, &whole) != 0)
            return -1;
        SQL_TIMESTAMP_STRUCT stamp;
        memset(&stamp, 0, sizeof stamp);
        stamp.year = (SQLSMALLINT)whole.year;
        stamp.month = (SQLUSMALLINT)whole.month;
        stamp.day = (SQLUSMALLINT)whole.day;
        stamp.hour = (SQLUSMALLINT)whole.hour;
        stamp.minute = (SQLUSMALLINT)whole.minute;
        stamp.second = (SQLUSMALLINT)whole.second;
        stamp.fraction = whole.fraction_ns;
        if (types_put_fixed(call, &stamp, sizeof stamp) != 0)
            return -1;
        call->out->is_fraction_truncated = whole.has_dropped_digits;
        return 0;
    }
    default:
        return types_fail_restricted(call);
    }
}

int types_character_to_datetime(const struct types_call *call, const unsigned char *text,
                                size_t length)
{
    struct datetime_value value;
    if (!parse_datetime_text(text, length, &value))
        return types_fail_value(call, "22018", "is not a date, time or timestamp literal");
    return put_datetime(call, &value, "22018");
}

/* Which C types the appendix allows for each datetime SQL type. */
static bool is_allowed(uint32_t type_oid, SQLSMALLINT c_type)
{
    bool to_date = c_type == SQL_C_TYPE_DATE || c_type == SQL_C_DATE;
    bool to_time = c_type == SQL_C_TYPE_TIME || c_type == SQL_C_TIME;
    bool to_timestamp = c_type == SQL_C_TYPE_TIMESTAMP || c_type == SQL_C_TIMESTAMP;
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY || to_timestamp)
        return true;
    if (type_oid == TYPES_OID_DATE)
        return to_date;
    if (type_oid == TYPES_OID_TIME || type_oid == OID_TIMETZ)
        return to_time;
    return to_date || to_time;
}

static size_t whole_length_for(uint32_t type_oid, const struct datetime_value *value,
                               size_t length)
{
    size_t whole;
    if (value->infinity != 0)
        return length;
    if (type_oid == TYPES_OID_DATE)
        whole = 10;
    else if (type_oid == TYPES_OID_TIME || type_oid == OID_TIMETZ)
        whole = 8;
    else
        whole = 19;
    return whole < length ? whole : length;
}

int types_to_c_datetime(const struct types_call *call)
{
    const struct types_value *source = call->value;
    SQLSMALLINT c_type = call->target->c_type;
    if (!is_allowed(source->type_oid, c_type))
        return types_fail_restricted(call);
    struct datetime_value value;
    if (source->is_binary) {
        if (read_binary_datetime(call, &value) != 0)
            return -1;
    } else if (!parse_datetime_text(source->data, source->length_bytes, &value)) {
        return types_fail_value(call, "22007", "is not in the ISO date/time format");
    }
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY) {
        const unsigned char *text = source->data;
        size_t length = source->length_bytes;
        char formatted[DATETIME_TEXT_MAX];
        if (source->is_binary) {
            length = format_datetime(&value, formatted, sizeof formatted);
            text = (const unsigned char *)formatted;
        }
        return types_put_text(call, text, length, whole_length_for(source->type_oid, &value, length),
                              true);
    }
    return put_datetime(call, &value, "22007");
}
