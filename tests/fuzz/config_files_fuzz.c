/* Fuzz target: libpq's configuration files as the driver reads them: the
 * password file (connstr_pgpass_match, connstr_pgpass_unescape) and the
 * connection service file (connstr_service_merge_text, then the settings
 * it filled to connect_params). Input: byte 0 bit 0 picks the file
 * (0: ~/.pgpass, 1: pg_service.conf), bit 1 the lookup (pgpass: a TCP host
 * or "localhost"; service: section "svc" or "other"); the rest is the
 * file's text in a heap block of its exact size, so ASan catches a read
 * past it.
 *
 * Invariants checked (abort with a message when one breaks): a matched
 * password field lies inside the text, and unescaping never writes more
 * than the field's length plus its NUL. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connstr/connstr.h"
#include "connstr/pgpass.h"
#include "connstr/service.h"
#include "fuzz_target.h"
#include "params/connect_params.h"
#include "util/error.h"
#include "util/secret.h"

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "config_files_fuzz: invariant broken: %s\n", what);
    abort();
}

static void discard_notice(void *context, const struct error *notice)
{
    (void)context;
    (void)notice;
}

static void fuzz_pgpass(const char *text, size_t length, bool local)
{
    struct connstr_pgpass_target target = {
        .host = local ? "localhost" : "db1.example.com",
        .port = "5432",
        .database = "pgo_db",
        .user = "alice",
    };
    const char *field = NULL;
    size_t field_length = 0;
    if (!connstr_pgpass_match(text, length, &target, &field, &field_length)) {
        return;
    }
    if (field < text || field + field_length > text + length) {
        fuzz_fail("the password field lies outside the text");
    }
    char *password = malloc(field_length + 1);
    if (password == NULL) {
        return;
    }
    size_t written = connstr_pgpass_unescape(field, field_length, password);
    if (written > field_length) {
        fuzz_fail("unescaping grew the password");
    }
    secret_wipe_memory(password, field_length + 1);
    free(password);
}

static void fuzz_service(const char *text, size_t length, bool other)
{
    struct notice_sink sink = {discard_notice, NULL};
    struct connstr_settings settings;
    connstr_settings_init(&settings);
    struct error error;
    error_init(&error);
    if (connstr_service_merge_text(&settings, text, length, other ? "other" : "svc",
                                   "pg_service.conf", &sink, &error) == 1) {
        struct connect_params params;
        if (params_init(&params) == 0) {
            struct error to_params_error;
            error_init(&to_params_error);
            int converted = connstr_settings_to_params(&settings, &params, &to_params_error);
            (void)converted;
            params_reset(&params);
        }
    }
    connstr_settings_reset(&settings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    uint8_t flags = data[0];
    size_t length = size - 1;
    char *text = malloc(length > 0 ? length : 1);
    if (text == NULL) {
        return 0;
    }
    if (length > 0) {
        memcpy(text, data + 1, length);
    }
    if (flags & 1u) {
        fuzz_service(text, length, (flags & 2u) != 0);
    } else {
        fuzz_pgpass(text, length, (flags & 2u) != 0);
    }
    free(text);
    return 0;
}
