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
