/* Counting top-level statements (see sql_scan.h). */
#include "odbc/sql_scan.h"

#include <stdbool.h>

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_identifier_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (unsigned char)c >= 0x80;
}

static bool is_identifier_char(char c)
{
    return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '$';
}

/* Index just past a quoted run opened at sql[start] by quote ('"' or
 * '\''); a doubled quote stays inside. backslash_escapes: E'..'. */
static size_t skip_quoted(const char *sql, size_t length, size_t start, char quote,
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
 * closing delimiter; otherwise 0 ($1 is a parameter, not a quote). */
static size_t skip_dollar_quote(const char *sql, size_t length, size_t start)
{
    size_t tag_end = start + 1;
    if (tag_end < length && is_identifier_start(sql[tag_end])) {
        while (tag_end < length && sql[tag_end] != '$' && is_identifier_char(sql[tag_end]))
            tag_end++;
    }
    if (tag_end >= length || sql[tag_end] != '$')
        return 0;
    size_t tag_length = tag_end - start + 1; /* "$tag$" */
    for (size_t i = tag_end + 1; i + tag_length <= length; i++) {
        if (sql[i] != '$')
            continue;
        bool is_match = true;
        for (size_t k = 0; k < tag_length && is_match; k++)
            is_match = sql[i + k] == sql[start + k];
        if (is_match)
            return i + tag_length;
    }
    return length;
}

size_t odbc_sql_count_statements(const char *sql, size_t length_bytes)
{
    size_t count = 0;
    bool has_content = false;
    size_t i = 0;
    while (i < length_bytes) {
        char c = sql[i];
        if (is_blank(c)) {
            i++;
        } else if (c == '-' && i + 1 < length_bytes && sql[i + 1] == '-') {
            while (i < length_bytes && sql[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < length_bytes && sql[i + 1] == '*') {
            i = skip_block_comment(sql, length_bytes, i);
        } else if (c == ';') {
            if (has_content)
                count++;
            has_content = false;
            i++;
        } else {
            has_content = true;
            if (c == '\'') {
                i = skip_quoted(sql, length_bytes, i, '\'', false);
            } else if (c == '"') {
                i = skip_quoted(sql, length_bytes, i, '"', false);
            } else if (c == '$') {
                size_t end = skip_dollar_quote(sql, length_bytes, i);
                i = end != 0 ? end : i + 1;
            } else if (is_identifier_start(c)) {
                while (i < length_bytes && is_identifier_char(sql[i]))
                    i++;
                /* a prefix glued to a quote: E'..' takes backslash escapes */
                if (i < length_bytes && sql[i] == '\'') {
                    bool escapes = (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                                   (i < 2 || !is_identifier_char(sql[i - 2]));
                    i = skip_quoted(sql, length_bytes, i, '\'', escapes);
                }
            } else {
                i++;
            }
        }
    }
    if (has_content)
        count++;
    return count;
}
