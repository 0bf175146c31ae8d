/* Fuzz target: the connection-string grammar and everything downstream of
 * it that sees the application's bytes: connstr_parse_string, then
 * connstr_settings_to_params and connstr_write_out_string on what parsed.
 * Warnings go to a sink that discards them. */
#include <stdint.h>
#include <stdlib.h>

#include "connstr/connstr.h"
#include "fuzz_target.h"
#include "params/connect_params.h"
#include "util/buf.h"
#include "util/error.h"

static void discard_notice(void *context, const struct error *notice)
{
    (void)context;
    (void)notice;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct notice_sink sink = {discard_notice, NULL};
    struct connstr_settings settings;
    struct error error;
    connstr_settings_init(&settings);
    error_init(&error);
    if (connstr_parse_string((const char *)data, size, &settings, &sink, &error) == 0) {
        (void)connstr_settings_get(&settings, "UID");
        (void)connstr_settings_get(&settings, "Server");
        struct connect_params params;
        if (params_init(&params) == 0) {
            struct error to_params_error;
            error_init(&to_params_error);
            int converted = connstr_settings_to_params(&settings, &params, &to_params_error);
            (void)converted;
            params_reset(&params);
        }
        struct buf out;
        buf_init(&out, 1u << 20);
        int written = connstr_write_out_string(&settings, &out);
        (void)written;
        buf_reset(&out);
    }
    connstr_settings_reset(&settings);
    return 0;
}
