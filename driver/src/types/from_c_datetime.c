/* Date, time and timestamp C types → SQL types ("C to SQL: Date", "Time",
 * "Timestamp"), and date/time literals in character data ("C to SQL:
 * Character").
 * Owns: checking SQL_DATE_STRUCT, SQL_TIME_STRUCT and SQL_TIMESTAMP_STRUCT
 * (ODBC 3 and ODBC 2 codes), parsing ODBC date, time and timestamp
 * literals, and the text PostgreSQL's date, time and timestamp input reads
 * whatever its DateStyle: "2024-02-29", "13:45:00.25",
 * "2024-02-29 13:45:00.25"; a year below 1 is astronomical (0 is 1 BC,
 * -43 is 44 BC) and goes as "0044-03-15 BC".
 * Rules and choices:
 * - An impossible struct (month 13, 30 February, hour 24, fraction past
 *   999999999) is 22008 into character SQL types and 22007 into date, time
 *   and timestamp SQL types, as the tables say. Character data that is not
 *   a valid literal (including an impossible date such as "2024-02-30") is
 *   22018, the character table's answer.
 * - Fractions: SQL_TIMESTAMP_STRUCT counts nanoseconds and PostgreSQL keeps
 *   microseconds; the digits below a microsecond are truncated, never
 *   rounded (rounding 23:59:59.9999995 up would change the day). A
 *   fraction past the DecimalDigits the application gave is 22008 (into a
 *   time type, a fraction needs DecimalDigits); a timestamp bound with
 *   DecimalDigits 0 keeps its fraction (see check_fraction_fits).
 * - Into a character SQL type with a column size, text longer than the
 *   size is 22001.
 * - A timestamp into SQL_TYPE_DATE with a non-zero time is 22008; into
 *   SQL_TYPE_TIME its date is ignored. A date into SQL_TYPE_TIMESTAMP is at
 *   midnight; a time into SQL_TYPE_TIMESTAMP takes today's date in the
 *   client's local time zone (the appendix's "current date").
 * - Character data: blanks around it are ignored; "{d '...'}", "{t '...'}"
 *   and "{ts '...'}" escapes are unwrapped; the year has four digits,
 *   other fields one or two, "T" may separate date and time, and the
 *   fraction any number of digits. "infinity" and "-infinity" pass to date
 *   and timestamp types, which hold them. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "types/from_c_internal.h"
#include "util/parse.h"

#define DATETIME_TEXT_MAX 64
#define NANOSECONDS_MAX 999999999u

struct datetime_parts {
    bool has_date;
    bool has_time;
    int64_t year; /* astronomical */
    unsigned month, day, hour, minute, second;
    uint32_t fraction_ns;
};

static bool is_leap_year(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static bool is_valid_date(const struct datetime_parts *parts)
{
    static const unsigned days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (parts->month < 1 || parts->month > 12 || parts->day < 1)
        return false;
    unsigned last = days_in_month[parts->month - 1];
    if (parts->month == 2 && is_leap_year(parts->year))
        last = 29;
    return parts->day <= last;
}

static bool is_valid_time(const struct datetime_parts *parts)
{
    return parts->hour <= 23 && parts->minute <= 59 && parts->second <= 59 &&
           parts->fraction_ns <= NANOSECONDS_MAX;
}

static bool has_nonzero_time(const struct datetime_parts *parts)
{
    return parts->hour != 0 || parts->minute != 0 || parts->second != 0 ||
           parts->fraction_ns != 0;
}

static void set_today(struct datetime_parts *parts)
{
    time_t now = time(NULL);
    struct tm local;
    if (localtime_r(&now, &local) == NULL) {
        parts->year = 1970;
        parts->month = 1;
        parts->day = 1;
    } else {
        parts->year = (int64_t)local.tm_year + 1900;
        parts->month = (unsigned)local.tm_mon + 1;
        parts->day = (unsigned)local.tm_mday;
    }
    parts->has_date = true;
}

/* ---- text out ---- */

static size_t format_date(const struct datetime_parts *parts, char *out, size_t out_size)
{
    int64_t year = parts->year >= 1 ? parts->year : 1 - parts->year;
    return (size_t)snprintf(out, out_size, "%04lld-%02u-%02u", (long long)year, parts->month,
                            parts->day);
}

static size_t format_time(const struct datetime_parts *parts, char *out, size_t out_size)
{
    size_t length = (size_t)snprintf(out, out_size, "%02u:%02u:%02u", parts->hour,
                                     parts->minute, parts->second);
    uint32_t microseconds = parts->fraction_ns / 1000u;
    if (microseconds != 0) {
        length += (size_t)snprintf(out + length, out_size - length, ".%06u",
                                   (unsigned)microseconds);
        while (out[length - 1] == '0')
            length--;
        out[length] = '\0';
    }
    return length;
}

/* Appends the parts the SQL type (or, for character types, the value)
 * has. */
static int append_parts(const struct types_from_c_call *call, const struct datetime_parts *parts,
                        bool with_date, bool with_time)
{
    char text[DATETIME_TEXT_MAX];
    size_t length = 0;
    if (with_date)
        length = format_date(parts, text, sizeof text);
    if (with_date && with_time)
        text[length++] = ' ';
    if (with_time)
        length += format_time(parts, text + length, sizeof text - length);
    if (with_date && parts->year < 1) {
        memcpy(text + length, " BC", 3);
        length += 3;
    }
    return types_from_c_append(call, text, length);
}

/* Writes parts (already valid) into call->sql_class, with the table's
 * outcomes for what the SQL type cannot hold. */
/* Fractional seconds the SQL type cannot hold ("C to SQL: Timestamp"):
 * a time type takes a fraction only when DecimalDigits names digits for
 * it; a timestamp with DecimalDigits set keeps that many digits. A
 * timestamp bound with DecimalDigits 0 keeps its microseconds: many
 * applications pass 0 without meaning "no fraction" (pyodbc does when it
 * cannot look the precision up), and PostgreSQL stores them. Past those
 * digits is 22008. */
static int check_fraction_fits(const struct types_from_c_call *call,
                               const struct datetime_parts *parts)
{
    if (parts->fraction_ns == 0)
        return 0;
    SQLSMALLINT digits = call->type->decimal_digits;
    bool is_time = call->sql_class == TYPES_SQL_CLASS_TIME;
    bool is_timestamp = call->sql_class == TYPES_SQL_CLASS_TIMESTAMP;
    if ((!is_time && !is_timestamp) || (is_timestamp && digits <= 0))
        return 0;
    uint32_t unit = 1000000000u;
    for (SQLSMALLINT i = 0; i < digits && i < 9; i++)
        unit /= 10;
    if (digits > 0 && parts->fraction_ns % unit == 0)
        return 0;
    error_set(call->error, "22008",
              "The fraction %09u of a second does not fit %s with %d fractional digit(s)",
              (unsigned)parts->fraction_ns, types_sql_type_name(call->sql_type), (int)digits);
    return -1;
}

static int put_parts(const struct types_from_c_call *call, struct datetime_parts *parts)
{
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_DATE:
        if (parts->has_time && has_nonzero_time(parts))
            return types_from_c_fail(call, "22008", "A timestamp with a non-zero time");
        return append_parts(call, parts, true, false);
    case TYPES_SQL_CLASS_TIME:
        return append_parts(call, parts, false, true);
    case TYPES_SQL_CLASS_TIMESTAMP:
        if (!parts->has_date)
            set_today(parts);
        return append_parts(call, parts, true, true);
    default: /* character */
        return append_parts(call, parts, parts->has_date, parts->has_time);
    }
}

/* ---- structs ---- */

int types_from_c_datetime(const struct types_from_c_call *call)
{
    struct datetime_parts parts;
    memset(&parts, 0, sizeof parts);
    const void *data = call->value->data;
    if (call->c_type == SQL_C_TYPE_DATE) {
        SQL_DATE_STRUCT date;
        memcpy(&date, data, sizeof date);
        parts.has_date = true;
        parts.year = date.year;
        parts.month = date.month;
        parts.day = date.day;
    } else if (call->c_type == SQL_C_TYPE_TIME) {
        SQL_TIME_STRUCT time_of_day;
        memcpy(&time_of_day, data, sizeof time_of_day);
        parts.has_time = true;
        parts.hour = time_of_day.hour;
        parts.minute = time_of_day.minute;
        parts.second = time_of_day.second;
    } else {
        SQL_TIMESTAMP_STRUCT timestamp;
        memcpy(&timestamp, data, sizeof timestamp);
        parts.has_date = true;
        parts.has_time = true;
        parts.year = timestamp.year;
        parts.month = timestamp.month;
        parts.day = timestamp.day;
        parts.hour = timestamp.hour;
        parts.minute = timestamp.minute;
        parts.second = timestamp.second;
        parts.fraction_ns = timestamp.fraction;
    }
    /* "Time: the date fields of the timestamp structure are ignored." */
    bool checks_date = parts.has_date && call->sql_class != TYPES_SQL_CLASS_TIME;
    bool is_valid = (!checks_date || is_valid_date(&parts)) &&
                    (!parts.has_time || is_valid_time(&parts));
    if (!is_valid) {
        const char *state = call->sql_class == TYPES_SQL_CLASS_CHARACTER ? "22008" : "22007";
        error_set(call->error, state,
                  "%04lld-%02u-%02u %02u:%02u:%02u.%09u is not a valid date, time or timestamp "
                  "for %s",
                  (long long)parts.year, parts.month, parts.day, parts.hour, parts.minute,
                  parts.second, (unsigned)parts.fraction_ns, types_sql_type_name(call->sql_type));
        return -1;
    }
    if (check_fraction_fits(call, &parts) != 0)
        return -1;
    if (call->sql_class != TYPES_SQL_CLASS_CHARACTER || call->type->column_size == 0)
        return put_parts(call, &parts);
    /* Into a character column the text must fit its size ("C to SQL:
     * Date/Time/Timestamp": 22001 otherwise). */
    size_t before = call->out->length;
    if (put_parts(call, &parts) != 0)
        return -1;
    if (call->out->length - before > call->type->column_size) {
        call->out->length = before;
        error_set(call->error, "22001",
                  "The %s text is longer than the column size %lu",
                  call->c_type == SQL_C_TYPE_DATE ? "date" : "date/time",
                  (unsigned long)call->type->column_size);
        return -1;
    }
    return 0;
}

/* ---- text in ---- */

static bool take_digits(const unsigned char *text, size_t length, size_t *position,
                        size_t min_digits, size_t max_digits, unsigned *out)
{
    size_t start = *position;
    unsigned value = 0;
    while (*position < length && *position - start < max_digits && text[*position] >= '0' &&
           text[*position] <= '9') {
        value = value * 10 + (unsigned)(text[*position] - '0');
        (*position)++;
    }
    if (*position - start < min_digits)
        return false;
    *out = value;
    return true;
}

static bool take_char(const unsigned char *text, size_t length, size_t *position, char c)
{
    if (*position < length && text[*position] == (unsigned char)c) {
        (*position)++;
        return true;
    }
    return false;
}

static bool parse_date_part(const unsigned char *text, size_t length, size_t *position,
                            struct datetime_parts *out)
{
    unsigned year;
    if (!take_digits(text, length, position, 4, 4, &year) ||
        !take_char(text, length, position, '-') ||
        !take_digits(text, length, position, 1, 2, &out->month) ||
        !take_char(text, length, position, '-') ||
        !take_digits(text, length, position, 1, 2, &out->day))
        return false;
    out->year = year;
    out->has_date = true;
    return true;
}

static bool parse_time_part(const unsigned char *text, size_t length, size_t *position,
                            struct datetime_parts *out)
{
    if (!take_digits(text, length, position, 1, 2, &out->hour) ||
        !take_char(text, length, position, ':') ||
        !take_digits(text, length, position, 1, 2, &out->minute) ||
        !take_char(text, length, position, ':') ||
        !take_digits(text, length, position, 1, 2, &out->second))
        return false;
    if (take_char(text, length, position, '.')) {
        size_t start = *position;
        uint32_t scale = 100000000u;
        while (*position < length && text[*position] >= '0' && text[*position] <= '9') {
            out->fraction_ns += (uint32_t)(text[*position] - '0') * scale;
            scale /= 10;
            (*position)++;
        }
        if (*position == start)
            return false;
    }
    out->has_time = true;
    return true;
}

/* An ODBC date, time or timestamp literal, or its escape clause. */
static bool parse_literal(const unsigned char *text, size_t length, struct datetime_parts *out)
{
    if (length >= 2 && text[0] == '{' && text[length - 1] == '}') {
        size_t position = 1;
        while (position < length && text[position] == ' ')
            position++;
        size_t keyword = position;
        while (position < length && (text[position] == 'd' || text[position] == 'D' ||
                                     text[position] == 't' || text[position] == 'T' ||
                                     text[position] == 's' || text[position] == 'S'))
            position++;
        bool is_keyword = parse_equals_ignore_case((const char *)text + keyword,
                                                   position - keyword, "d") ||
                          parse_equals_ignore_case((const char *)text + keyword,
                                                   position - keyword, "t") ||
                          parse_equals_ignore_case((const char *)text + keyword,
                                                   position - keyword, "ts");
        while (position < length && text[position] == ' ')
            position++;
        size_t end = length - 1;
        while (end > position && text[end - 1] == ' ')
            end--;
        if (!is_keyword || end - position < 2 || text[position] != '\'' || text[end - 1] != '\'')
            return false;
        text += position + 1;
        length = end - position - 2;
    }
    size_t position = 0;
    bool is_time_first = (length > 1 && text[1] == ':') || (length > 2 && text[2] == ':');
    if (!is_time_first) {
        if (!parse_date_part(text, length, &position, out))
            return false;
        if (position < length && (text[position] == ' ' || text[position] == 'T')) {
            position++;
            if (!parse_time_part(text, length, &position, out))
                return false;
        }
    } else if (!parse_time_part(text, length, &position, out)) {
        return false;
    }
    if (position != length)
        return false;
    return (!out->has_date || is_valid_date(out)) && (!out->has_time || is_valid_time(out));
}

int types_from_c_text_to_datetime(const struct types_from_c_call *call,
                                  const unsigned char *text, size_t length)
{
    bool is_infinity = parse_equals_ignore_case((const char *)text, length, "infinity") ||
                       parse_equals_ignore_case((const char *)text, length, "-infinity");
    if (is_infinity && call->sql_class != TYPES_SQL_CLASS_TIME) {
        /* a literal, not the text: that may lie where the output goes */
        const char *word = text[0] == '-' ? "-infinity" : "infinity";
        return types_from_c_append(call, word, strlen(word));
    }
    struct datetime_parts parts;
    memset(&parts, 0, sizeof parts);
    if (!parse_literal(text, length, &parts))
        return types_from_c_fail_text(call, "22018", text, length,
                                      "is not a valid date, time or timestamp literal");
    if ((call->sql_class == TYPES_SQL_CLASS_DATE && !parts.has_date) ||
        (call->sql_class == TYPES_SQL_CLASS_TIME && !parts.has_time))
        return types_from_c_fail_text(call, "22018", text, length,
                                      call->sql_class == TYPES_SQL_CLASS_DATE
                                          ? "is not a date or timestamp literal"
                                          : "is not a time or timestamp literal");
    return put_parts(call, &parts);
}
