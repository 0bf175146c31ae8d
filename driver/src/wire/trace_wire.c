/* Protocol trace lines: see trace_wire.h. Bodies are read through struct
 * reader only; a body that does not parse still gets its line, without
 * the detail. */
#include "wire/trace_wire.h"

#include <stdio.h>
#include "util/reader.h"
#include "util/trace.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/messages.h"

#define WIRE_TRACE_LINE_BYTES 256

const char *wire_trace_frontend_name(uint8_t type)
{
    switch (type) {
    case WIRE_MSG_BIND: return "'B' (Bind)";
    case WIRE_MSG_CLOSE: return "'C' (Close)";
    case WIRE_MSG_DESCRIBE: return "'D' (Describe)";
    case WIRE_MSG_EXECUTE: return "'E' (Execute)";
    case WIRE_MSG_FLUSH: return "'H' (Flush)";
    case WIRE_MSG_PARSE: return "'P' (Parse)";
    case WIRE_MSG_SYNC: return "'S' (Sync)";
    case WIRE_MSG_COPY_FAIL: return "'f' (CopyFail)";
    case WIRE_MSG_PASSWORD: return "'p' (PasswordMessage/SASLResponse)";
    case WIRE_MSG_QUERY: return "'Q' (Query)";
    case WIRE_MSG_TERMINATE: return "'X' (Terminate)";
    case WIRE_MSG_COPY_DATA: return "'d' (CopyData)";
    case WIRE_MSG_COPY_DONE: return "'c' (CopyDone)";
    default: return "of an unknown type";
    }
}

static uint32_t get_u32(const unsigned char *bytes)
{
    return ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) |
           ((uint32_t)bytes[2] << 8) | (uint32_t)bytes[3];
}

static const char *untyped_name(const unsigned char *data, size_t length_bytes)
{
    if (length_bytes < 8) {
        return "(untyped, too short)";
    }
    uint32_t code = get_u32(data + 4);
    if (code == WIRE_SSL_REQUEST_CODE) {
        return "SSLRequest";
    }
    if (code == WIRE_CANCEL_REQUEST_CODE) {
        return "CancelRequest";
    }
    if (code == WIRE_PROTOCOL_VERSION_3_0) {
        return "StartupMessage";
    }
    return "(untyped request)";
}

void wire_trace_sent(const unsigned char *data, size_t length_bytes)
{
    size_t at = 0;
    while (length_bytes - at >= WIRE_LENGTH_FIELD_BYTES) {
        /* No frontend type byte is 0, and no message we build reaches
         * 16 MiB, so a leading 0 byte starts an untyped message. */
        if (data[at] == 0) {
            uint32_t length = get_u32(data + at);
            if (length < WIRE_LENGTH_FIELD_BYTES || length > length_bytes - at) {
                return;
            }
            trace_write(TRACE_LEVEL_PROTOCOL, "> %s length %u",
                        untyped_name(data + at, length), (unsigned)length);
            at += length;
            continue;
        }
        if (length_bytes - at < WIRE_HEADER_BYTES) {
            return;
        }
        uint8_t type = data[at];
        uint32_t length = get_u32(data + at + 1);
        if (length < WIRE_LENGTH_FIELD_BYTES || length > length_bytes - at - 1) {
            return;
        }
        /* Only name and length: never the body (it may be a secret). */
        trace_write(TRACE_LEVEL_PROTOCOL, "> %s length %u", wire_trace_frontend_name(type),
                    (unsigned)(length - WIRE_LENGTH_FIELD_BYTES));
        at += 1 + (size_t)length;
    }
}

/* The SQLSTATE ('C' field) of an ErrorResponse or NoticeResponse body. */
static const char *find_sqlstate(const unsigned char *body, size_t length_bytes)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    for (;;) {
        uint8_t code = 0;
        const char *value = NULL;
        size_t value_length = 0;
        if (!reader_take_u8(&reader, &code) || code == 0 ||
            !reader_take_cstr(&reader, &value, &value_length)) {
            return "?";
        }
        if (code == 'C') {
            return value;
        }
    }
}

bool wire_trace_format_received(struct wire_trace_state *state, bool with_data_rows, uint8_t type,
                                const unsigned char *body, size_t length_bytes, char *out,
                                size_t out_size)
{
    const char *name = wire_message_name(type);
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    switch (type) {
    case WIRE_MSG_DATA_ROW: {
        state->row_count++;
        if (!with_data_rows) {
            return false;
        }
        uint16_t fields = 0;
        if (!reader_take_u16(&reader, &fields)) {
            fields = 0;
        }
        (void)snprintf(out, out_size, "< %s length %zu fields %u", name, length_bytes,
                       (unsigned)fields);
        return true;
    }
    case WIRE_MSG_ROW_DESCRIPTION: {
        uint16_t columns = 0;
        if (!reader_take_u16(&reader, &columns)) {
            columns = 0;
        }
        (void)snprintf(out, out_size, "< %s length %zu columns %u", name, length_bytes,
                       (unsigned)columns);
        return true;
    }
    case WIRE_MSG_COMMAND_COMPLETE: {
        const char *tag = NULL;
        size_t tag_length = 0;
        if (!reader_take_cstr(&reader, &tag, &tag_length)) {
            tag = "?";
            tag_length = 1;
        }
        int shown = tag_length > 64 ? 64 : (int)tag_length;
        (void)snprintf(out, out_size, "< %s length %zu tag \"%.*s\" rows: %llu", name,
                       length_bytes, shown, tag, (unsigned long long)state->row_count);
        state->row_count = 0;
        return true;
    }
    case WIRE_MSG_ERROR_RESPONSE:
    case WIRE_MSG_NOTICE_RESPONSE:
        (void)snprintf(out, out_size, "< %s length %zu sqlstate %.5s", name, length_bytes,
                       find_sqlstate(body, length_bytes));
        return true;
    default:
        (void)snprintf(out, out_size, "< %s length %zu", name, length_bytes);
        return true;
    }
}

void wire_trace_received(struct wire_trace_state *state, uint8_t type,
                         const unsigned char *body, size_t length_bytes)
{
    char line[WIRE_TRACE_LINE_BYTES];
    if (wire_trace_format_received(state, trace_is_enabled(TRACE_LEVEL_DATA), type, body,
                                   length_bytes, line, sizeof line)) {
        trace_write(TRACE_LEVEL_PROTOCOL, "%s", line);
    }
}
