/* Counting top-level statements, and the lexer sql_markers.c shares (see
 * sql_scan.h). */
#include "odbc/sql_scan.h"

#include <string.h>

bool odbc_sql_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool odbc_sql_is_identifier_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (unsigned char)c >= 0x80;
}

bool odbc_sql_is_identifier_char(char c)
{
    return odbc_sql_is_identifier_start(c) || (c >= '0' && c <= '9') || c == '$';
}

size_t odbc_sql_skip_quoted(const char *sql, size_t length, size_t start, char quote,
                            bool backslash_escapes)
{
    size_t i = start + 1;
    while (i < length) {
        char c = sql[i];
        if (backslash_escapes && c == '\\') {
            i += 2;
            continue;
        }
        if (c == quote) {
            if (i + 1 < length && sql[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return length;
}

/* Block comments nest in PostgreSQL. */
static size_t skip_block_comment(const char *sql, size_t length, size_t start)
{
    size_t depth = 0;
    size_t i = start;
    while (i < length) {
        if (sql[i] == '/' && i + 1 < length && sql[i + 1] == '*') {
            depth++;
            i += 2;
        } else if (sql[i] == '*' && i + 1 < length && sql[i + 1] == '/') {
            depth--;
            i += 2;
            if (depth == 0)
                return i;
        } else {
            i++;
        }
    }
    return length;
}

/* When sql[start] opens a dollar quote ($$ or $tag$), the index past its
 * closing delimiter; otherwise start ($1 is a parameter, not a quote). */
static size_t skip_dollar_quote(const char *sql, size_t length, size_t start)
{
    size_t tag_end = start + 1;
    if (tag_end < length && odbc_sql_is_identifier_start(sql[tag_end])) {
        while (tag_end < length && sql[tag_end] != '$' &&
               odbc_sql_is_identifier_char(sql[tag_end]))
            tag_end++;
    }
    if (tag_end >= length || sql[tag_end] != '$')
        return start;
    size_t tag_length = tag_end - start + 1; /* "$tag$" */
    for (size_t i = tag_end + 1; i + tag_length <= length; i++) {
        if (sql[i] == '$' && memcmp(sql + i, sql + start, tag_length) == 0)
            return i + tag_length;
    }
    return length;
}

size_t odbc_sql_skip_lexeme(const char *sql, size_t length, size_t start)
{
    char c = sql[start];
    char next = start + 1 < length ? sql[start + 1] : '\0';
    if (c == '-' && next == '-') {
        size_t i = start;
        while (i < length && sql[i] != '\n')
            i++;
        return i;
    }
    if (c == '/' && next == '*')
        return skip_block_comment(sql, length, start);
    if (c == '\'' || c == '"')
        return odbc_sql_skip_quoted(sql, length, start, c, false);
    if (c == '$')
        return skip_dollar_quote(sql, length, start);
    if (!odbc_sql_is_identifier_start(c))
        return start;
    size_t i = start;
    while (i < length && odbc_sql_is_identifier_char(sql[i]))
        i++;
    if (i < length && sql[i] == '\'') {
        bool is_escape_string = i - start == 1 && (c == 'E' || c == 'e');
        i = odbc_sql_skip_quoted(sql, length, i, '\'', is_escape_string);
    }
    return i;
}

size_t odbc_sql_count_statements(const char *sql, size_t length_bytes)
{
    size_t count = 0;
    bool has_content = false;
    size_t i = 0;
    while (i < length_bytes) {
        char c = sql[i];
        bool is_comment = (c == '-' || c == '/') && i + 1 < length_bytes &&
                          sql[i + 1] == (c == '-' ? '-' : '*');
        if (odbc_sql_is_blank(c)) {
            i++;
        } else if (c == ';') {
            if (has_content)
                count++;
            has_content = false;
            i++;
        } else {
            has_content = has_content || !is_comment;
            size_t end = odbc_sql_skip_lexeme(sql, length_bytes, i);
            i = end > i ? end : i + 1;
        }
    }
    if (has_content)
        count++;
    return count;
}
