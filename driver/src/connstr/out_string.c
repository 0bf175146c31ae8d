/* The completed connection string of SQLDriverConnect's out-string (and of
 * traces): "Keyword=value;Keyword=value" under canonical names, braced
 * where the grammar needs it, secrets (PWD) left out.
 * Owns: connstr_write_out_string. Grammar: grammar.c. */
#include "connstr/connstr.h"

#include <string.h>

/* A value needs braces when unbraced it would read back differently. */
static bool needs_braces(const char *value, size_t length)
{
    if (length == 0) {
        return false;
    }
    if (value[0] == ' ' || value[0] == '\t' || value[length - 1] == ' ' ||
        value[length - 1] == '\t') {
        return true;
    }
    for (size_t i = 0; i < length; i++) {
        char c = value[i];
        if (c == ';' || c == '{' || c == '}' || c == '=' || c == '\r' || c == '\n') {
            return true;
        }
    }
    return false;
}

static int append_braced(struct buf *out, const char *value, size_t length)
{
    if (buf_append_u8(out, '{') != 0) {
        return -1;
    }
    size_t run_start = 0;
    for (size_t i = 0; i < length; i++) {
        if (value[i] == '}') {
            /* Up to and including this brace, then its double. */
            if (buf_append(out, value + run_start, i + 1 - run_start) != 0 ||
                buf_append_u8(out, '}') != 0) {
                return -1;
            }
            run_start = i + 1;
        }
    }
    if (buf_append(out, value + run_start, length - run_start) != 0) {
        return -1;
    }
    return buf_append_u8(out, '}');
}

int connstr_write_out_string(const struct connstr_settings *settings, struct buf *out)
{
    bool is_first = true;
    for (size_t i = 0; i < settings->count; i++) {
        const struct connstr_setting *item = &settings->items[i];
        if (item->is_secret) {
            continue;
        }
        if (!is_first && buf_append_u8(out, ';') != 0) {
            return -1;
        }
        is_first = false;
        const char *name = item->canonical_keyword;
        if (buf_append(out, name, strlen(name)) != 0 || buf_append_u8(out, '=') != 0) {
            return -1;
        }
        int result = needs_braces(item->value, item->value_length)
                         ? append_braced(out, item->value, item->value_length)
                         : buf_append(out, item->value, item->value_length);
        if (result != 0) {
            return -1;
        }
    }
    return buf_append_u8(out, '\0');
}
