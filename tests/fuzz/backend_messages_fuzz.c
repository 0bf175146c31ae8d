/* Fuzz target: the wire engine with the input as everything the server
 * sends, through the in-memory stream (tests/support/memory_stream.c):
 * the startup exchange (any authentication request: the password is set,
 * so cleartext, MD5 and SCRAM all run), then a simple query pulled to
 * READY, then an extended exchange (Parse, Bind with one text parameter,
 * Describe portal, Execute, Sync) pulled to READY, then a pipeline of a
 * named statement: Parse, Describe statement, Bind, Execute of one row,
 * Close portal, Close statement, Sync. Whatever arrives, the
 * engine must answer with an event or an error, never a crash or a leak. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_limits.h"
#include "fuzz_target.h"
#include "params/connect_params.h"
#include "support/memory_stream.h"
#include "util/deadline.h"
#include "util/error.h"
#include "util/secret.h"
#include "wire/conn.h"
#include "wire/conn_internal.h"

/* More events than any input this size can produce: a guard, not a limit
 * the engine is expected to reach. */
#define FUZZ_MAX_EVENTS 100000

static void discard_notice(void *context, const struct error *notice)
{
    (void)context;
    (void)notice;
}

/* Pulls events until READY or a broken connection. */
static void pull_to_ready(struct wire_conn *conn)
{
    for (int i = 0; i < FUZZ_MAX_EVENTS; ++i) {
        struct wire_event event;
        struct error error;
        error_init(&error);
        if (wire_next_event(conn, &event, &error) != 0) {
            return;
        }
        if (event.kind == WIRE_EVENT_DATA_ROW) {
            /* Touch every value so that ASan sees any view past the frame. */
            volatile unsigned char sink = 0;
            for (size_t v = 0; v < event.value_count; ++v) {
                const struct wire_value *value = &event.values[v];
                if (!value->is_null && value->length_bytes > 0) {
                    sink ^= value->data[0];
                    sink ^= value->data[value->length_bytes - 1];
                }
            }
            (void)sink;
        }
        if (event.kind == WIRE_EVENT_READY) {
            return;
        }
    }
}

/* Whether another exchange can start: not broken, and drained to READY. */
static bool ready_for_more(struct wire_conn *conn)
{
    if (wire_conn_is_broken(conn)) {
        return false;
    }
    struct error error;
    error_init(&error);
    return !wire_conn_is_busy(conn) || wire_drain_to_ready(conn, &error) == 0;
}

static void run_exchanges(struct wire_conn *conn)
{
    struct error error;
    error_init(&error);
    (void)wire_conn_parameter_status(conn, "client_encoding");
    (void)wire_conn_server_version(conn);
    (void)wire_conn_backend_pid(conn);
    if (wire_send_simple_query(conn, "SELECT 1", 8, &error) == 0) {
        pull_to_ready(conn);
    }
    if (wire_conn_is_broken(conn)) {
        return;
    }
    error_init(&error);
    if (wire_conn_is_busy(conn) && wire_drain_to_ready(conn, &error) != 0) {
        return;
    }
    static const char sql[] = "SELECT $1::int4";
    static const unsigned char value[] = "42";
    struct wire_param param = {.type_oid = 23, .format_code = 0, .data = value, .length_bytes = 2};
    int16_t result_format = 1;
    error_init(&error);
    if (wire_queue_parse(conn, "", sql, sizeof sql - 1, NULL, 0, &error) == 0 &&
        wire_queue_bind(conn, "", "", &param, 1, &result_format, 1, &error) == 0 &&
        wire_queue_describe_portal(conn, "", &error) == 0 &&
        wire_queue_execute(conn, "", 0, &error) == 0 && wire_queue_sync(conn, &error) == 0) {
        pull_to_ready(conn);
    }
    if (!ready_for_more(conn)) {
        return;
    }
    /* The other states of the extended protocol: a named statement
     * described (ParameterDescription, RowDescription or NoData), a portal
     * executed one row at a time (PortalSuspended) and closed
     * (CloseComplete), all in one pipeline. */
    static const char named[] = "S_1";
    error_init(&error);
    if (wire_queue_parse(conn, named, sql, sizeof sql - 1, NULL, 0, &error) == 0 &&
        wire_queue_describe_statement(conn, named, &error) == 0 &&
        wire_queue_bind(conn, "P_1", named, &param, 1, &result_format, 1, &error) == 0 &&
        wire_queue_execute(conn, "P_1", 1, &error) == 0 &&
        wire_queue_close_portal(conn, "P_1", &error) == 0 &&
        wire_queue_close_statement(conn, named, &error) == 0 &&
        wire_queue_sync(conn, &error) == 0) {
        pull_to_ready(conn);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_names_costly_iterations(data, size)) {
        return 0;
    }
    struct memory_script script;
    memory_script_init(&script);
    struct connect_params params;
    if (params_init(&params) != 0) {
        return 0;
    }
    if (params_set_string(&params.user, "user", 4) != 0 ||
        secret_set(&params.password, "pencil", 6) != 0 ||
        (size > 0 && memory_script_add(&script, data, size) != 0)) {
        params_reset(&params);
        memory_script_reset(&script);
        return 0;
    }
    params.ssl.mode = PARAMS_SSL_DISABLE;
    struct net_stream *stream = memory_stream_new(&script);
    if (stream != NULL) {
        struct notice_sink sink = {discard_notice, NULL};
        struct deadline deadline = deadline_after_ms(10000);
        struct error error;
        error_init(&error);
        struct wire_conn *conn = NULL;
        if (wire_connect_over_stream(stream, &params, &deadline, false, &sink, &conn, &error) ==
            0) {
            run_exchanges(conn);
        }
        wire_conn_free(conn);
    }
    params_reset(&params);
    memory_script_reset(&script);
    return 0;
}
