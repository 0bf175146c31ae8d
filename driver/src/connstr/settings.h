/* Settings storage shared inside connstr/ (grammar.c, dsn.c): adding a
 * value under its keyword row. The public half is in connstr.h. */
#ifndef PGO_CONNSTR_SETTINGS_H
#define PGO_CONNSTR_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include "connstr/connstr.h"
#include "connstr/keywords.h"

/* The setting stored for keyword's row, or NULL. */
struct connstr_setting *connstr_settings_find(const struct connstr_settings *settings,
                                              const struct connstr_keyword *keyword);

/* Stores a copy of value under keyword's canonical name. When the keyword
 * is already set, replace says whether the new value wins (SQLConnect's
 * arguments) or is dropped (the first occurrence wins; the DSN yields to
 * the string). Refuses a value holding a NUL byte or longer than
 * CONNSTR_VALUE_MAX_BYTES (HY024), and HY001 when out of memory. */
int connstr_settings_store(struct connstr_settings *settings,
                           const struct connstr_keyword *keyword, const char *value,
                           size_t value_length, bool replace, struct error *error) PGO_MUST_CHECK;

#endif
