/* ODBC scalar functions in PostgreSQL's words (see sql_escapes.h).
 * The table is kept small on purpose: a name PostgreSQL already spells as
 * ODBC does (ABS, MOD, ROUND, LOWER, UPPER, ...) needs no row. */
#include "odbc/sql_escapes.h"
#include "odbc/sql_scan.h"

#include <string.h>

/* Same arguments, PostgreSQL's name. */
struct function_rename {
    const char *odbc_name;
    const char *pg_name;
};

static const struct function_rename function_renames[] = {
    {"UCASE", "upper"},
    {"LCASE", "lower"},
    {"IFNULL", "coalesce"},
    {"CONCAT", "concat"},
    {"SUBSTRING", "substr"},           /* ODBC: SUBSTRING(string, start, length) */
    {"CHAR", "chr"},
    {"LOG", "ln"},                     /* ODBC: natural logarithm; PostgreSQL's log is base 10 */
    {"TRUNCATE", "trunc"},
    {"NOW", "now"},
    {"DATABASE", "current_database"},
};

/* Rewritten for one argument count: in pattern, the bytes \1 to \7 stand
 * for the arguments (trimmed), in the order ODBC lists them. */
struct function_pattern {
    const char *odbc_name;
    size_t argument_count;
    const char *pattern;
};

static const struct function_pattern function_patterns[] = {
    /* SQL's niladic forms take no parentheses in PostgreSQL. */
    {"CURDATE", 0, "current_date"},
    {"CURTIME", 0, "current_time"},
    {"CURRENT_DATE", 0, "current_date"},
    {"CURRENT_TIME", 0, "current_time"},
    {"CURRENT_TIMESTAMP", 0, "current_timestamp"},
    {"USER", 0, "current_user"},
    /* ODBC: LENGTH counts characters, excluding trailing blanks. */
    {"LENGTH", 1, "char_length(rtrim(\1))"},
    /* ODBC: LOCATE(needle, haystack[, start]), 0 when not found. */
    {"LOCATE", 2, "strpos(\2, \1)"},
    {"LOCATE", 3,
     "(CASE WHEN strpos(substr(\2, \3), \1) > 0 THEN strpos(substr(\2, \3), \1) + \3 - 1 "
     "ELSE 0 END)"},
    /* ODBC: INSERT(string, start, length, replacement); SPACE(count). */
    {"INSERT", 4, "overlay(\1 placing \4 from \2 for \3)"},
    {"SPACE", 1, "repeat(' ', \1)"},
    /* Parts of a date: the cast lets a date, a timestamp (with or without
     * time zone, read in the session's zone) or a date literal in. ODBC
     * answers integers; DAYOFWEEK counts from Sunday = 1; WEEK is the ISO
     * week (1 to 53); the names are English whatever lc_time says. */
    {"DAYNAME", 1, "trim(to_char(CAST(\1 AS timestamp), 'Day'))"},
    {"MONTHNAME", 1, "trim(to_char(CAST(\1 AS timestamp), 'Month'))"},
    {"DAYOFMONTH", 1, "CAST(EXTRACT(DAY FROM CAST(\1 AS timestamp)) AS integer)"},
    {"DAYOFWEEK", 1, "(CAST(EXTRACT(DOW FROM CAST(\1 AS timestamp)) AS integer) + 1)"},
    {"DAYOFYEAR", 1, "CAST(EXTRACT(DOY FROM CAST(\1 AS timestamp)) AS integer)"},
    {"MONTH", 1, "CAST(EXTRACT(MONTH FROM CAST(\1 AS timestamp)) AS integer)"},
    {"QUARTER", 1, "CAST(EXTRACT(QUARTER FROM CAST(\1 AS timestamp)) AS integer)"},
    {"WEEK", 1, "CAST(EXTRACT(WEEK FROM CAST(\1 AS timestamp)) AS integer)"},
    {"YEAR", 1, "CAST(EXTRACT(YEAR FROM CAST(\1 AS timestamp)) AS integer)"},
    /* Parts of a time: a time, a timestamp or an interval. */
    {"HOUR", 1, "CAST(EXTRACT(HOUR FROM \1) AS integer)"},
    {"MINUTE", 1, "CAST(EXTRACT(MINUTE FROM \1) AS integer)"},
    {"SECOND", 1, "CAST(trunc(EXTRACT(SECOND FROM \1)) AS integer)"},
};

/* TIMESTAMPADD / TIMESTAMPDIFF intervals (SQL_TSI_*; the bare word too).
 * add: one unit as an interval. diff: the whole units between \2 and \3,
 * truncated toward zero — by seconds for fixed-length units, by
 * age()'s calendar months for months, quarters and years. */
struct timestamp_interval {
    const char *keyword;
    const char *add;
    const char *diff;
};

#define EPOCH_SECONDS_BETWEEN "(EXTRACT(EPOCH FROM \3) - EXTRACT(EPOCH FROM \2))"
#define AGE_MONTHS_BETWEEN \
    "(EXTRACT(YEAR FROM age(\3, \2)) * 12 + EXTRACT(MONTH FROM age(\3, \2)))"

static const struct timestamp_interval timestamp_intervals[] = {
    {"FRAC_SECOND", "INTERVAL '1 microsecond' / 1000",
     "CAST(trunc(" EPOCH_SECONDS_BETWEEN " * 1000000000) AS bigint)"},
    {"SECOND", "INTERVAL '1 second'", "CAST(trunc(" EPOCH_SECONDS_BETWEEN ") AS bigint)"},
    {"MINUTE", "INTERVAL '1 minute'", "CAST(trunc(" EPOCH_SECONDS_BETWEEN " / 60) AS bigint)"},
    {"HOUR", "INTERVAL '1 hour'", "CAST(trunc(" EPOCH_SECONDS_BETWEEN " / 3600) AS bigint)"},
    {"DAY", "INTERVAL '1 day'", "CAST(trunc(" EPOCH_SECONDS_BETWEEN " / 86400) AS bigint)"},
    {"WEEK", "INTERVAL '1 week'", "CAST(trunc(" EPOCH_SECONDS_BETWEEN " / 604800) AS bigint)"},
    {"MONTH", "INTERVAL '1 month'", "CAST(" AGE_MONTHS_BETWEEN " AS bigint)"},
    {"QUARTER", "INTERVAL '3 months'", "CAST(trunc(" AGE_MONTHS_BETWEEN " / 3) AS bigint)"},
    {"YEAR", "INTERVAL '1 year'", "CAST(EXTRACT(YEAR FROM age(\3, \2)) AS bigint)"},
};

/* CONVERT(value, SQL_type): the SQL type keywords of ODBC's explicit data
 * type conversion, as PostgreSQL types. */
struct convert_type {
    const char *sql_type;
    const char *pg_type;
};

static const struct convert_type convert_types[] = {
    {"SQL_BIGINT", "bigint"},
    {"SQL_BINARY", "bytea"},
    {"SQL_VARBINARY", "bytea"},
    {"SQL_LONGVARBINARY", "bytea"},
    {"SQL_BIT", "boolean"},
    {"SQL_CHAR", "text"},
    {"SQL_VARCHAR", "text"},
    {"SQL_LONGVARCHAR", "text"},
    {"SQL_WCHAR", "text"},
    {"SQL_WVARCHAR", "text"},
    {"SQL_WLONGVARCHAR", "text"},
    {"SQL_DATE", "date"},
    {"SQL_TYPE_DATE", "date"},
    {"SQL_TIME", "time"},
    {"SQL_TYPE_TIME", "time"},
    {"SQL_TIMESTAMP", "timestamp"},
    {"SQL_TYPE_TIMESTAMP", "timestamp"},
    {"SQL_DECIMAL", "numeric"},
    {"SQL_NUMERIC", "numeric"},
    {"SQL_DOUBLE", "double precision"},
    {"SQL_FLOAT", "double precision"},
    {"SQL_REAL", "real"},
    {"SQL_INTEGER", "integer"},
    {"SQL_SMALLINT", "smallint"},
    {"SQL_TINYINT", "smallint"},
    {"SQL_GUID", "uuid"},
};

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

bool sql_escape_word_equals(const char *word, size_t word_length, const char *keyword)
{
    size_t keyword_length = strlen(keyword);
    if (word_length != keyword_length) {
        return false;
    }
    for (size_t i = 0; i < word_length; i++) {
        char a = word[i];
        char b = keyword[i];
        if (a >= 'A' && a <= 'Z') {
            a = (char)(a - 'A' + 'a');
        }
        if (b >= 'A' && b <= 'Z') {
            b = (char)(b - 'A' + 'a');
        }
        if (a != b) {
            return false;
        }
    }
    return true;
}

/* One argument of the list, blanks trimmed. */
struct piece {
    const char *text;
    size_t length;
};

/* Splits arguments at the commas; false when there are more than
 * SQL_ESCAPE_MAX_ARGUMENTS. An empty list has no argument. */
static bool split_arguments(const char *arguments, size_t length,
                            const struct sql_escape_arguments *commas,
                            struct piece pieces[SQL_ESCAPE_MAX_ARGUMENTS], size_t *count)
{
    if (commas->comma_count >= SQL_ESCAPE_MAX_ARGUMENTS) {
        return false;
    }
    size_t start = 0;
    for (size_t k = 0; k <= commas->comma_count; k++) {
        size_t end = k < commas->comma_count ? commas->comma_offsets[k] : length;
        size_t first = start;
        size_t last = end;
        while (first < last && odbc_sql_is_blank(arguments[first])) {
            first++;
        }
        while (last > first && odbc_sql_is_blank(arguments[last - 1])) {
            last--;
        }
        pieces[k].text = arguments + first;
        pieces[k].length = last - first;
        start = end + 1;
    }
    *count = commas->comma_count + 1;
    if (*count == 1 && pieces[0].length == 0) {
        *count = 0;
    }
    return true;
}

static int append(struct buf *out, const char *text, size_t length, struct error *error)
{
    if (length > 0 && buf_append(out, text, length) != 0) {
        error_set(error, "HY001",
                  "Out of memory, or past %zu bytes, while translating the statement text",
                  out->max_bytes);
        return -1;
    }
    return 0;
}

static int append_text(struct buf *out, const char *text, struct error *error)
{
    return append(out, text, strlen(text), error);
}

static int write_pattern(const char *pattern, const struct piece *pieces, struct buf *out,
                         struct error *error)
{
    size_t run_start = 0;
    size_t i = 0;
    for (; pattern[i] != '\0'; i++) {
        unsigned char c = (unsigned char)pattern[i];
        if (c >= 1 && c <= SQL_ESCAPE_MAX_ARGUMENTS - 1) {
            if (append(out, pattern + run_start, i - run_start, error) != 0 ||
                append(out, pieces[c - 1].text, pieces[c - 1].length, error) != 0) {
                return -1;
            }
            run_start = i + 1;
        }
    }
    return append(out, pattern + run_start, i - run_start, error);
}

static int write_convert(const struct piece *pieces, size_t escape_byte, struct buf *out,
                         struct error *error)
{
    for (size_t k = 0; k < COUNT_OF(convert_types); k++) {
        if (sql_escape_word_equals(pieces[1].text, pieces[1].length,
                                   convert_types[k].sql_type)) {
            if (append_text(out, "CAST(", error) != 0 ||
                append(out, pieces[0].text, pieces[0].length, error) != 0 ||
                append_text(out, " AS ", error) != 0 ||
                append_text(out, convert_types[k].pg_type, error) != 0 ||
                append_text(out, ")", error) != 0) {
                return -1;
            }
            return 0;
        }
    }
    error_set(error, "42000",
              "ODBC function CONVERT in the escape at byte %zu names \"%.*s\", which is not "
              "an SQL type keyword this driver converts to (SQL_INTEGER, SQL_VARCHAR, ...)",
              escape_byte, pieces[1].length > 64 ? 64 : (int)pieces[1].length, pieces[1].text);
    return -1;
}

static const struct timestamp_interval *find_timestamp_interval(const struct piece *keyword)
{
    const char *text = keyword->text;
    size_t length = keyword->length;
    if (length > 8 && sql_escape_word_equals(text, 8, "SQL_TSI_")) {
        text += 8;
        length -= 8;
    }
    for (size_t k = 0; k < COUNT_OF(timestamp_intervals); k++) {
        if (sql_escape_word_equals(text, length, timestamp_intervals[k].keyword))
            return &timestamp_intervals[k];
    }
    return NULL;
}

/* TIMESTAMPADD(interval, count, timestamp) → (timestamp + (count) * unit);
 * TIMESTAMPDIFF(interval, start, end) → whole units from start to end. */
static int write_timestamp_function(bool is_add, const struct piece *pieces, size_t escape_byte,
                                    struct buf *out, struct error *error)
{
    const struct timestamp_interval *interval = find_timestamp_interval(&pieces[0]);
    if (interval == NULL) {
        error_set(error, "42000",
                  "ODBC function %s in the escape at byte %zu names the interval \"%.*s\", "
                  "which is not one of SQL_TSI_FRAC_SECOND, SQL_TSI_SECOND, SQL_TSI_MINUTE, "
                  "SQL_TSI_HOUR, SQL_TSI_DAY, SQL_TSI_WEEK, SQL_TSI_MONTH, SQL_TSI_QUARTER, "
                  "SQL_TSI_YEAR",
                  is_add ? "TIMESTAMPADD" : "TIMESTAMPDIFF", escape_byte,
                  pieces[0].length > 64 ? 64 : (int)pieces[0].length, pieces[0].text);
        return -1;
    }
    if (!is_add)
        return write_pattern(interval->diff, pieces, out, error);
    if (append_text(out, "(", error) != 0 ||
        append(out, pieces[2].text, pieces[2].length, error) != 0 ||
        append_text(out, " + (", error) != 0 ||
        append(out, pieces[1].text, pieces[1].length, error) != 0 ||
        append_text(out, ") * ", error) != 0 || append_text(out, interval->add, error) != 0 ||
        append_text(out, ")", error) != 0)
        return -1;
    return 0;
}

int sql_escape_write_function(const char *name, size_t name_length, const char *arguments,
                              size_t arguments_length,
                              const struct sql_escape_arguments *commas, size_t escape_byte,
                              struct buf *out, struct error *error)
{
    struct piece pieces[SQL_ESCAPE_MAX_ARGUMENTS];
    size_t count = 0;
    bool is_split = split_arguments(arguments, arguments_length, commas, pieces, &count);

    bool has_pattern = false;
    for (size_t k = 0; k < COUNT_OF(function_patterns); k++) {
        const struct function_pattern *row = &function_patterns[k];
        if (!sql_escape_word_equals(name, name_length, row->odbc_name)) {
            continue;
        }
        has_pattern = true;
        if (is_split && count == row->argument_count) {
            return write_pattern(row->pattern, pieces, out, error);
        }
    }
    if (sql_escape_word_equals(name, name_length, "CONVERT")) {
        has_pattern = true;
        if (is_split && count == 2) {
            return write_convert(pieces, escape_byte, out, error);
        }
    }
    bool is_add = sql_escape_word_equals(name, name_length, "TIMESTAMPADD");
    if (is_add || sql_escape_word_equals(name, name_length, "TIMESTAMPDIFF")) {
        has_pattern = true;
        if (is_split && count == 3) {
            return write_timestamp_function(is_add, pieces, escape_byte, out, error);
        }
    }
    if (has_pattern) {
        size_t given = is_split ? count : commas->comma_count + 1;
        error_set(error, "42000",
                  "ODBC function %.*s in the escape at byte %zu does not take %zu argument%s",
                  name_length > 64 ? 64 : (int)name_length, name, escape_byte, given,
                  given == 1 ? "" : "s");
        return -1;
    }

    const char *written_name = name;
    size_t written_length = name_length;
    for (size_t k = 0; k < COUNT_OF(function_renames); k++) {
        if (sql_escape_word_equals(name, name_length, function_renames[k].odbc_name)) {
            written_name = function_renames[k].pg_name;
            written_length = strlen(written_name);
            break;
        }
    }
    if (append(out, written_name, written_length, error) != 0 ||
        append_text(out, "(", error) != 0 ||
        append(out, arguments, arguments_length, error) != 0 ||
        append_text(out, ")", error) != 0) {
        return -1;
    }
    return 0;
}
