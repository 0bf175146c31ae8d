/* The connection-string grammar of SQLDriverConnect (ODBC reference):
 * "keyword=value;keyword=value", an optional final ';', white space around
 * keywords and unbraced values ignored, keywords matched without regard
 * to case, and values in braces that may hold ';' and '=' and write '}' as
 * "}}". The first occurrence of a keyword wins; an alias counts as its
 * keyword.
 * Owns: turning the string into struct connstr_settings, and the warnings
 * (01S00) for unknown keywords and pairs without '='. Leaves validating
 * values to keywords.c and values.c. */
#include "connstr/connstr.h"

#include <string.h>

#include "connstr/keywords.h"
#include "connstr/settings.h"
#include "util/alloc.h"
#include "util/secret.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int shown_length(size_t length)
{
    return length > CONNSTR_VALUE_MAX_BYTES ? CONNSTR_VALUE_MAX_BYTES : (int)length;
}

/* A value as read: either a span of the string or, for a braced value
 * with "}}" in it, an unescaped heap copy. */
struct read_value {
    const char *text;
    size_t length;
    char *unescaped; /* owned; wiped on free since it may be a password */
    size_t unescaped_capacity;
};

static void free_read_value(struct read_value *value)
{
    if (value->unescaped != NULL) {
        secret_wipe_memory(value->unescaped, value->unescaped_capacity);
        alloc_free(value->unescaped);
    }
    memset(value, 0, sizeof *value);
}

/* Reads a braced value starting at text[*offset] == '{'. On success
 * *offset is just past the closing brace. */
static int read_braced_value(const char *text, size_t length, size_t *offset,
                             const char *keyword, size_t keyword_length,
                             struct read_value *value, struct error *error)
{
    size_t start = *offset + 1;
    size_t i = start;
    bool has_escapes = false;
    for (;;) {
        if (i >= length) {
            error_set(error, "08001",
                      "The value of keyword \"%.*s\" opens a brace \"{\" that is never closed",
                      shown_length(keyword_length), keyword);
            return -1;
        }
        if (text[i] == '}') {
            if (i + 1 < length && text[i + 1] == '}') {
                has_escapes = true;
                i += 2;
                continue;
            }
            break;
        }
        i++;
    }
    size_t end = i; /* the closing brace */
    *offset = end + 1;
    if (!has_escapes) {
        value->text = text + start;
        value->length = end - start;
        return 0;
    }
    value->unescaped_capacity = end - start + 1;
    value->unescaped = alloc_array(value->unescaped_capacity, 1);
    if (value->unescaped == NULL) {
        error_set(error, "HY001", "Out of memory while reading the connection string");
        return -1;
    }
    size_t written = 0;
    for (size_t j = start; j < end; j++) {
        value->unescaped[written++] = text[j];
        if (text[j] == '}') {
            j++; /* "}}" stands for one '}' */
        }
    }
    value->text = value->unescaped;
    value->length = written;
    return 0;
}

/* Reads one keyword=value pair from *offset, storing it when the keyword
 * is known. Returns -1 only for an error that stops parsing. */
static int read_pair(const char *text, size_t length, size_t *offset,
                     struct connstr_settings *settings, const struct notice_sink *warnings,
                     struct error *error)
{
    size_t i = *offset;
    size_t key_start = i;
    while (i < length && text[i] != '=' && text[i] != ';') {
        i++;
    }
    size_t key_end = i;
    while (key_end > key_start && is_space(text[key_end - 1])) {
        key_end--;
    }
    const char *key = text + key_start;
    size_t key_length = key_end - key_start;
    if (i >= length || text[i] == ';') {
        notice_sink_warn(warnings, "01S00",
                         "Connection string part \"%.*s\" has no \"=\" and was ignored",
                         shown_length(key_length), key);
        *offset = i < length ? i + 1 : i;
        return 0;
    }
    i++; /* past '=' */
    while (i < length && is_space(text[i])) {
        i++;
    }
    struct read_value value;
    memset(&value, 0, sizeof value);
    if (i < length && text[i] == '{') {
        if (read_braced_value(text, length, &i, key, key_length, &value, error) != 0) {
            return -1;
        }
        while (i < length && is_space(text[i])) {
            i++;
        }
        if (i < length && text[i] != ';') {
            free_read_value(&value);
            error_set(error, "08001",
                      "The value of keyword \"%.*s\" continues after its closing brace "
                      "\"}\"; inside braces write \"}\" as \"}}\"",
                      shown_length(key_length), key);
            return -1;
        }
    } else {
        size_t value_start = i;
        while (i < length && text[i] != ';') {
            i++;
        }
        size_t value_end = i;
        while (value_end > value_start && is_space(text[value_end - 1])) {
            value_end--;
        }
        value.text = text + value_start;
        value.length = value_end - value_start;
    }
    *offset = i < length ? i + 1 : i; /* past ';' */

    int result = 0;
    const struct connstr_keyword *row = connstr_keyword_find(key, key_length);
    if (key_length == 0) {
        notice_sink_warn(warnings, "01S00",
                         "A connection string part with no keyword before \"=\" was ignored");
    } else if (row == NULL) {
        notice_sink_warn(warnings, "01S00", "Unknown connection keyword \"%.*s\" was ignored",
                         shown_length(key_length), key);
    } else {
        result = connstr_settings_store(settings, row, value.text, value.length, false, error);
    }
    free_read_value(&value);
    return result;
}

int connstr_parse_string(const char *text, size_t length_bytes,
                         struct connstr_settings *settings, const struct notice_sink *warnings,
                         struct error *error)
{
    struct connstr_settings parsed;
    connstr_settings_init(&parsed);
    size_t offset = 0;
    while (offset < length_bytes) {
        if (is_space(text[offset]) || text[offset] == ';') {
            offset++;
            continue;
        }
        if (read_pair(text, length_bytes, &offset, &parsed, warnings, error) != 0) {
            connstr_settings_reset(&parsed);
            return -1;
        }
    }
    if (settings->count == 0) {
        connstr_settings_reset(settings);
        *settings = parsed;
        return 0;
    }
    /* Settings already present came first, so they win. */
    for (size_t i = 0; i < parsed.count; i++) {
        const struct connstr_setting *item = &parsed.items[i];
        const struct connstr_keyword *row =
            connstr_keyword_find(item->canonical_keyword, strlen(item->canonical_keyword));
        if (row == NULL ||
            connstr_settings_store(settings, row, item->value, item->value_length, false,
                                   error) != 0) {
            connstr_settings_reset(&parsed);
            return -1;
        }
    }
    connstr_settings_reset(&parsed);
    return 0;
}
