/* struct connstr_settings: the keyword=value pairs gathered from the
 * connection string, the DSN and SQLConnect's arguments, before they are
 * validated into struct connect_params.
 * Owns: the copies of the values; secret ones are wiped when reset.
 * Leaves the reading of text to grammar.c and dsn.c. */
#include "connstr/settings.h"

#include <string.h>

#include "util/alloc.h"
#include "util/secret.h"

void connstr_settings_init(struct connstr_settings *settings)
{
    settings->items = NULL;
    settings->count = 0;
}

static void free_setting_value(struct connstr_setting *setting)
{
    if (setting->value != NULL && setting->is_secret) {
        secret_wipe_memory(setting->value, setting->value_length);
    }
    alloc_free(setting->value);
    setting->value = NULL;
    setting->value_length = 0;
}

void connstr_settings_reset(struct connstr_settings *settings)
{
    if (settings == NULL) {
        return;
    }
    for (size_t i = 0; i < settings->count; i++) {
        free_setting_value(&settings->items[i]);
    }
    alloc_free(settings->items);
    settings->items = NULL;
    settings->count = 0;
}

struct connstr_setting *connstr_settings_find(const struct connstr_settings *settings,
                                              const struct connstr_keyword *keyword)
{
    for (size_t i = 0; i < settings->count; i++) {
        const char *name = settings->items[i].canonical_keyword;
        if (name == keyword->name || strcmp(name, keyword->name) == 0) {
            return &settings->items[i];
        }
    }
    return NULL;
}

int connstr_settings_store(struct connstr_settings *settings,
                           const struct connstr_keyword *keyword, const char *value,
                           size_t value_length, bool replace, struct error *error)
{
    if (value_length > CONNSTR_VALUE_MAX_BYTES) {
        error_set(error, "HY024", "The value of %s is longer than %d bytes", keyword->name,
                  CONNSTR_VALUE_MAX_BYTES);
        return -1;
    }
    if (value_length > 0 && memchr(value, '\0', value_length) != NULL) {
        error_set(error, "HY024", "The value of %s contains a NUL character", keyword->name);
        return -1;
    }
    struct connstr_setting *existing = connstr_settings_find(settings, keyword);
    /* An empty value means "not given" (keywords.c): it yields to a later
     * one, so DSN=x;UID=;PWD= (what DBD::ODBC writes for empty DBI
     * arguments) still takes the DSN's user and password. */
    if (existing != NULL && !replace && existing->value_length > 0) {
        return 0;
    }
    char *copy = alloc_strndup(value_length > 0 ? value : "", value_length);
    if (copy == NULL) {
        error_set(error, "HY001", "Out of memory while storing %s", keyword->name);
        return -1;
    }
    if (existing != NULL) {
        free_setting_value(existing);
        existing->value = copy;
        existing->value_length = value_length;
        return 0;
    }
    struct connstr_setting *grown =
        alloc_resize_array(settings->items, settings->count + 1, sizeof *grown);
    if (grown == NULL) {
        if (keyword->is_secret) {
            secret_wipe_memory(copy, value_length);
        }
        alloc_free(copy);
        error_set(error, "HY001", "Out of memory while storing %s", keyword->name);
        return -1;
    }
    settings->items = grown;
    struct connstr_setting *slot = &grown[settings->count];
    slot->canonical_keyword = keyword->name;
    slot->value = copy;
    slot->value_length = value_length;
    slot->is_secret = keyword->is_secret;
    settings->count++;
    return 0;
}

int connstr_settings_put(struct connstr_settings *settings, const char *keyword,
                         const char *value, size_t value_length, struct error *error)
{
    const struct connstr_keyword *row =
        keyword != NULL ? connstr_keyword_find(keyword, strlen(keyword)) : NULL;
    if (row == NULL) {
        error_set(error, "HY024", "Unknown connection keyword \"%s\"",
                  keyword != NULL ? keyword : "");
        return -1;
    }
    return connstr_settings_store(settings, row, value, value_length, true, error);
}

const char *connstr_settings_get(const struct connstr_settings *settings, const char *keyword)
{
    if (keyword == NULL) {
        return NULL;
    }
    const struct connstr_keyword *row = connstr_keyword_find(keyword, strlen(keyword));
    if (row == NULL) {
        return NULL;
    }
    const struct connstr_setting *setting = connstr_settings_find(settings, row);
    return setting != NULL ? setting->value : NULL;
}
