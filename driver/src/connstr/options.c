/* Settings → struct connstr_options: the driver's own behaviour keywords
 * (ParamStyle, StatementRollback, StatementCache, WideCharTypes,
 * FetchRefcursors, LargeObjects, PoolerMode).
 * Owns: the defaults and connstr_settings_to_options. Leaves each value's
 * parsing to its keyword row (keywords.c), where the option rows sit with
 * the connect parameters' so that the grammar, DSNs, out-strings and HY024
 * messages treat them alike. */
#include "connstr/options.h"

#include <string.h>

#include "connstr/keywords.h"

void connstr_options_init(struct connstr_options *options)
{
    options->param_style = CONNSTR_PARAM_STYLE_QMARK;
    options->is_statement_rollback = false;
    options->statement_cache_size = CONNSTR_STATEMENT_CACHE_DEFAULT;
    options->has_wide_char_types = false;
    options->is_wide_char_types_given = false;
    options->is_fetch_refcursors = false;
    options->is_large_objects = false;
    options->pooler_mode = CONNSTR_POOLER_SESSION;
}

int connstr_settings_to_options(const struct connstr_settings *settings,
                                struct connstr_options *options, struct error *error)
{
    /* Filled aside: out-parameters are written only on success. */
    struct connstr_options filled;
    connstr_options_init(&filled);
    for (size_t i = 0; i < settings->count; i++) {
        const struct connstr_setting *item = &settings->items[i];
        const struct connstr_keyword *row =
            connstr_keyword_find(item->canonical_keyword, strlen(item->canonical_keyword));
        if (row == NULL || row->apply_option == NULL) {
            continue; /* a connect parameter or an ODBC keyword */
        }
        if (row->apply_option(row, item->value, item->value_length, &filled, error) != 0) {
            return -1;
        }
    }
    /* Cached statements are named ones: a transaction pooler may run the
     * next execution on a server session that never saw them. */
    if (filled.pooler_mode == CONNSTR_POOLER_TRANSACTION)
        filled.statement_cache_size = 0;
    *options = filled;
    return 0;
}
