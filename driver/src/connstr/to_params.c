/* Settings → struct connect_params: every value validated by its keyword
 * row, then the specification's rules across keywords (user required;
 * UnixSock and Sock not together).
 * Owns: connstr_settings_to_params. Leaves each value's parsing to the
 * keyword table (keywords.c) and values.c.
 * Rules: ../shared/KEYWORDS.md, "Rules that come from the specification". */
#include "connstr/connstr.h"

#include <string.h>

#include "connstr/keywords.h"

static int apply_settings(const struct connstr_settings *settings,
                          struct connect_params *params, struct error *error)
{
    for (size_t i = 0; i < settings->count; i++) {
        const struct connstr_setting *item = &settings->items[i];
        const struct connstr_keyword *row =
            connstr_keyword_find(item->canonical_keyword, strlen(item->canonical_keyword));
        if (row == NULL || row->apply == NULL) {
            continue; /* DSN, DRIVER, FILEDSN, SAVEFILE: not connect parameters */
        }
        if (row->apply(row, item->value, item->value_length, params, error) != 0) {
            return -1;
        }
    }
    return 0;
}

static int check_rules(const struct connect_params *params, struct error *error)
{
    if (params->user == NULL) {
        error_set(error, "08001", "No user name was given (UID)");
        return -1;
    }
    if (params->unix_sock != NULL && params->has_sock) {
        error_set(error, "08001",
                  "Both UnixSock and Sock were set; give one of them: UnixSock for a socket "
                  "file, Sock for an already-connected descriptor");
        return -1;
    }
    return 0;
}

int connstr_settings_to_params(const struct connstr_settings *settings,
                               struct connect_params *params, struct error *error)
{
    /* Filled aside and moved in on success: out-parameters are written
     * only on success. */
    struct connect_params filled;
    if (params_init(&filled) != 0) {
        params_reset(&filled);
        error_set(error, "HY001", "Out of memory while reading the connect parameters");
        return -1;
    }
    if (apply_settings(settings, &filled, error) != 0 || check_rules(&filled, error) != 0) {
        params_reset(&filled);
        return -1;
    }
    params_reset(params);
    *params = filled;
    return 0;
}
