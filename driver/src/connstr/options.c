/* The driver's behaviour keywords (see options.h). Placeholder until the
 * keyword rows land: defaults only. */
#include "connstr/options.h"

void connstr_options_init(struct connstr_options *options)
{
    options->param_style = CONNSTR_PARAM_STYLE_QMARK;
    options->is_statement_rollback = false;
    options->statement_cache_size = CONNSTR_STATEMENT_CACHE_DEFAULT;
}

int connstr_settings_to_options(const struct connstr_settings *settings,
                                struct connstr_options *options, struct error *error)
{
    (void)settings;
    (void)error;
    connstr_options_init(options);
    return 0;
}
