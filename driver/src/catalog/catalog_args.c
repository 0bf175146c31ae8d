/* Catalog function arguments (see catalog_args.h for the rules). */
#include "catalog/catalog_args.h"

#include <string.h>
#include "util/alloc.h"

#define PATTERN_ESCAPE '\\'

const char *const catalog_table_types[] = {
    "FOREIGN TABLE", "LOCAL TEMPORARY", "MATERIALIZED VIEW", "SYSTEM TABLE",
    "SYSTEM VIEW",   "TABLE",           "VIEW",
};
const size_t catalog_table_type_count = sizeof catalog_table_types / sizeof catalog_table_types[0];

void catalog_arg_init(struct catalog_arg *arg)
{
    arg->match = CATALOG_MATCH_ANY;
    arg->value = NULL;
    arg->folded_value = NULL;
}

void catalog_arg_reset(struct catalog_arg *arg)
{
    alloc_free(arg->value);
    alloc_free(arg->folded_value);
    catalog_arg_init(arg);
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* ASCII only, as the server folds unquoted names in UTF-8 databases. */
static void fold_to_lower(char *text)
{
    for (char *c = text; *c != '\0'; c++) {
        if (is_upper(*c))
            *c = (char)(*c - 'A' + 'a');
    }
}

/* Upper-case names (catalog_args.h): the lower-case form to match too. */
static int set_folded(struct catalog_arg *arg)
{
    if (arg->value == NULL)
        return 0;
    bool has_upper = false;
    for (const char *c = arg->value; *c != '\0'; c++) {
        if (is_lower(*c))
            return 0;
        has_upper = has_upper || is_upper(*c);
    }
    if (!has_upper)
        return 0;
    arg->folded_value = alloc_strndup(arg->value, strlen(arg->value));
    if (arg->folded_value == NULL)
        return -1;
    fold_to_lower(arg->folded_value);
    return 0;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int set_value(struct catalog_arg *arg, enum catalog_match match, const char *text,
                     size_t length)
{
    char *copy = alloc_strndup(text, length);
    if (copy == NULL)
        return -1;
    arg->match = match;
    arg->value = copy;
    return 0;
}

/* ODBC "Identifier Arguments": quoted names keep their case (a doubled
 * quote inside is one quote); unquoted names lose trailing blanks and
 * fold. */
static int set_identifier(struct catalog_arg *arg, const char *text, size_t length)
{
    size_t start = 0;
    size_t end = length;
    while (start < end && is_blank(text[start]))
        start++;
    while (end > start && is_blank(text[end - 1]))
        end--;
    if (end - start >= 2 && text[start] == '"' && text[end - 1] == '"') {
        char *copy = alloc_strndup(text + start + 1, end - start - 2);
        if (copy == NULL)
            return -1;
        size_t out = 0;
        for (size_t i = 0; copy[i] != '\0'; i++) {
            copy[out++] = copy[i];
            if (copy[i] == '"' && copy[i + 1] == '"')
                i++;
        }
        copy[out] = '\0';
        arg->match = CATALOG_MATCH_EQUAL;
        arg->value = copy;
        return 0;
    }
    /* unquoted: only trailing blanks go */
    end = length;
    while (end > 0 && is_blank(text[end - 1]))
        end--;
    if (set_value(arg, CATALOG_MATCH_EQUAL, text, end) != 0)
        return -1;
    fold_to_lower(arg->value);
    return 0;
}

/* A pattern: "%"-only is no condition; without unescaped wildcards it is
 * its unescaped text compared with "="; otherwise a LIKE pattern with
 * every escape followed by the character it escapes. */
static int set_pattern(struct catalog_arg *arg, const char *text, size_t length)
{
    bool has_wildcard = false;
    bool is_only_percent = length > 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == PATTERN_ESCAPE) {
            is_only_percent = false;
            i++;
            continue;
        }
        if (text[i] == '%' || text[i] == '_')
            has_wildcard = true;
        if (text[i] != '%')
            is_only_percent = false;
    }
    if (is_only_percent)
        return 0;
    /* the result is at most one byte longer (a trailing lone escape doubled) */
    char *out = alloc_zeroed(length + 2);
    if (out == NULL)
        return -1;
    size_t used = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] != PATTERN_ESCAPE) {
            out[used++] = text[i];
            continue;
        }
        if (has_wildcard)
            out[used++] = PATTERN_ESCAPE;
        if (i + 1 < length)
            out[used++] = text[++i];
        else
            out[used++] = PATTERN_ESCAPE; /* a lone trailing escape is itself */
    }
    out[used] = '\0';
    arg->match = has_wildcard ? CATALOG_MATCH_LIKE : CATALOG_MATCH_EQUAL;
    arg->value = out;
    return 0;
}

int catalog_arg_set(struct catalog_arg *arg, const char *text, size_t length,
                    enum catalog_arg_kind kind, bool is_identifier)
{
    catalog_arg_reset(arg);
    if (text == NULL)
        return 0;
    if (memchr(text, '\0', length) != NULL) {
        arg->match = CATALOG_MATCH_NOTHING;
        return 0;
    }
    int status;
    if (is_identifier)
        status = set_identifier(arg, text, length);
    else if (kind == CATALOG_ARG_PATTERN)
        status = set_pattern(arg, text, length);
    else
        status = set_value(arg, CATALOG_MATCH_EQUAL, text, length);
    if (status == 0 && !is_identifier)
        status = set_folded(arg);
    if (status != 0)
        catalog_arg_reset(arg);
    return status;
}

static bool equals_ignoring_case(const char *text, size_t length, const char *word)
{
    size_t word_length = strlen(word);
    if (length != word_length)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != word[i])
            return false;
    }
    return true;
}

int catalog_parse_table_types(const char *text, size_t length, bool *is_all, struct buf *out)
{
    *is_all = false;
    bool is_wanted[sizeof catalog_table_types / sizeof catalog_table_types[0]] = {false};
    size_t position = 0;
    while (position <= length) {
        size_t comma = position;
        while (comma < length && text[comma] != ',')
            comma++;
        size_t first = position;
        size_t last = comma;
        while (first < last && is_blank(text[first]))
            first++;
        while (last > first && is_blank(text[last - 1]))
            last--;
        if (last - first >= 2 && text[first] == '\'' && text[last - 1] == '\'') {
            first++;
            last--;
        }
        /* SQL_ALL_TABLE_TYPES as one value of a list (LibreOffice asks for
         * "VIEW,TABLE,%,") still means every type. */
        if (last - first == 1 && text[first] == '%') {
            *is_all = true;
            return 0;
        }
        for (size_t i = 0; i < catalog_table_type_count; i++) {
            if (equals_ignoring_case(text + first, last - first, catalog_table_types[i]))
                is_wanted[i] = true;
        }
        position = comma + 1;
    }
    bool is_first = true;
    for (size_t i = 0; i < catalog_table_type_count; i++) {
        if (!is_wanted[i])
            continue;
        if ((!is_first && buf_append(out, ",", 1) != 0) ||
            buf_append(out, catalog_table_types[i], strlen(catalog_table_types[i])) != 0)
            return -1;
        is_first = false;
    }
    return 0;
}
