/* StartupMessage, SSLRequest, ParameterStatus, BackendKeyData,
 * ReadyForQuery, NegotiateProtocolVersion.
 * Owns: building the two untyped opening messages and parsing the small
 * status messages of the session start. Leaves ordering and policy to
 * connect.c. Protocol: "Start-up" in protocol-flow.html and the message
 * formats of PostgreSQL 15; parsers read through struct reader only and end
 * with reader_expect_end (STYLE.md, "Wire input is hostile"). */
#include "wire/startup.h"

#include <stdio.h>
#include <string.h>
#include "util/parse.h"
#include "util/reader.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"

int wire_startup_build_ssl_request(struct buf *out)
{
    size_t length_offset = 0;
    if (wire_message_begin_untyped(out, &length_offset) != 0 ||
        buf_append_u32(out, WIRE_SSL_REQUEST_CODE) != 0) {
        return -1;
    }
    return wire_message_end(out, length_offset);
}

static bool startup_params_name(const struct connect_params *params, const char *name)
{
    for (size_t i = 0; i < params->startup_param_count; i++) {
        const char *candidate = params->startup_params[i].name;
        if (candidate != NULL && parse_equals_ignore_case(candidate, strlen(candidate), name)) {
            return true;
        }
    }
    return false;
}

static int append_pair(struct buf *out, const char *name, const char *value)
{
    if (buf_append_cstr(out, name) != 0 || buf_append_cstr(out, value) != 0) {
        return -1;
    }
    return 0;
}

int wire_startup_build_message(const struct connect_params *params, struct buf *out,
                               struct error *error)
{
    size_t start = out->length;
    size_t length_offset = 0;
    int failed = wire_message_begin_untyped(out, &length_offset);
    failed |= buf_append_u32(out, WIRE_PROTOCOL_VERSION_3_0);
    failed |= append_pair(out, "user", params->user != NULL ? params->user : "");
    if (params->database != NULL && params->database[0] != '\0') {
        failed |= append_pair(out, "database", params->database);
    }
    if (params->application_name != NULL) {
        failed |= append_pair(out, "application_name", params->application_name);
    }
    if (params->options != NULL) {
        failed |= append_pair(out, "options", params->options);
    }
    const char *replication = params_replication_wire_value(params->replication);
    if (replication != NULL) {
        failed |= append_pair(out, "replication", replication);
    }
    /* The driver speaks UTF-8 and reads ISO dates unless told otherwise. */
    if (!startup_params_name(params, "client_encoding")) {
        failed |= append_pair(out, "client_encoding", "UTF8");
    }
    if (!startup_params_name(params, "DateStyle")) {
        failed |= append_pair(out, "DateStyle", "ISO");
    }
    for (size_t i = 0; i < params->startup_param_count; i++) {
        const struct params_startup_param *param = &params->startup_params[i];
        failed |= append_pair(out, param->name != NULL ? param->name : "",
                              param->value != NULL ? param->value : "");
    }
    failed |= buf_append_u8(out, 0);
    if (failed != 0 || wire_message_end(out, length_offset) != 0) {
        buf_clear(out);
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building the startup message");
        return -1;
    }
    if (out->length - start > WIRE_STARTUP_PACKET_MAX_BYTES) {
        size_t built = out->length - start;
        buf_clear(out);
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the startup message would take %zu bytes; PostgreSQL accepts at most %u "
                  "(shorten UID, Database, ApplicationName or StartupParams)",
                  built, WIRE_STARTUP_PACKET_MAX_BYTES);
        return -1;
    }
    return 0;
}

int wire_startup_parse_parameter_status(const unsigned char *body, size_t length_bytes,
                                        const char **name, size_t *name_length,
                                        const char **value, size_t *value_length,
                                        struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    const char *name_text = NULL;
    const char *value_text = NULL;
    size_t name_bytes = 0;
    size_t value_bytes = 0;
    if (!reader_take_cstr(&reader, &name_text, &name_bytes) ||
        !reader_take_cstr(&reader, &value_text, &value_bytes) || !reader_expect_end(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a malformed ParameterStatus (%zu bytes): it must be two "
                  "NUL-terminated strings and nothing else",
                  length_bytes);
        return -1;
    }
    *name = name_text;
    *name_length = name_bytes;
    *value = value_text;
    *value_length = value_bytes;
    return 0;
}

int wire_startup_parse_backend_key(const unsigned char *body, size_t length_bytes,
                                   int32_t *pid, uint32_t *key, struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    int32_t pid_value = 0;
    uint32_t key_value = 0;
    if (!reader_take_i32(&reader, &pid_value) || !reader_take_u32(&reader, &key_value) ||
        !reader_expect_end(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a malformed BackendKeyData (%zu bytes; 8 expected)",
                  length_bytes);
        return -1;
    }
    *pid = pid_value;
    *key = key_value;
    return 0;
}

int wire_startup_parse_ready(const unsigned char *body, size_t length_bytes, char *status,
                             struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    uint8_t value = 0;
    if (!reader_take_u8(&reader, &value) || !reader_expect_end(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a malformed ReadyForQuery (%zu bytes; 1 expected)",
                  length_bytes);
        return -1;
    }
    if (value != 'I' && value != 'T' && value != 'E') {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent ReadyForQuery with transaction status 0x%02x; 'I', 'T' "
                  "or 'E' are allowed",
                  (unsigned)value);
        return -1;
    }
    *status = (char)value;
    return 0;
}

int wire_startup_refuse_negotiation(const unsigned char *body, size_t length_bytes,
                                    struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    int32_t newest_minor = 0;
    int32_t option_count = 0;
    if (!reader_take_i32(&reader, &newest_minor) || !reader_take_i32(&reader, &option_count) ||
        option_count < 0 || (size_t)option_count > reader_remaining(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a malformed NegotiateProtocolVersion");
        return -1;
    }
    char names[ERROR_TEXT_MAX];
    size_t used = 0;
    names[0] = '\0';
    for (int32_t i = 0; i < option_count; i++) {
        const char *option = NULL;
        size_t option_length = 0;
        if (!reader_take_cstr(&reader, &option, &option_length)) {
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a malformed NegotiateProtocolVersion");
            return -1;
        }
        int written = snprintf(names + used, sizeof names - used, "%s\"%.*s\"",
                               i > 0 ? ", " : "", (int)(option_length > 200 ? 200 : option_length),
                               option);
        if (written > 0 && (size_t)written < sizeof names - used) {
            used += (size_t)written;
        }
    }
    if (!reader_expect_end(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a NegotiateProtocolVersion with bytes after its options");
        return -1;
    }
    error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
              "the server does not support the requested protocol: it speaks at most 3.%d "
              "and did not recognise these options: %s (remove them from StartupParams)",
              (int)newest_minor, option_count > 0 ? names : "none");
    return -1;
}
