/* ErrorResponse / NoticeResponse → struct error with origin SERVER.
 * Owns: reading every field the protocol defines ("Error and Notice
 * Message Fields", PostgreSQL 15) through struct reader, checking the
 * SQLSTATE's shape, and keeping an error's CONTEXT (a notice's is left
 * out, as psql does by default). Leaves what to do with the record to the caller.
 * Rules: STYLE.md, "Wire input is hostile" (bounded reader, strings end
 * inside the body, leftover bytes are a protocol error). */
#include "wire/notice.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "util/parse.h"
#include "util/reader.h"
#include "wire/messages.h"

static bool is_valid_sqlstate(const char *text, size_t length)
{
    if (length != 5) {
        return false;
    }
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
            return false;
        }
    }
    return true;
}

/* ERROR, FATAL and PANIC (the severity field that is never localized, or
 * the localized one from a server before 9.6). */
static bool is_error_severity(const char *severity)
{
    return strcmp(severity, "ERROR") == 0 || strcmp(severity, "FATAL") == 0 ||
           strcmp(severity, "PANIC") == 0;
}

static void append_context(struct error *out, const char *where, size_t where_length)
{
    char combined[ERROR_TEXT_MAX * 2];
    int prefix = snprintf(combined, sizeof combined, "%s%sCONTEXT: ", out->detail,
                          out->detail[0] != '\0' ? "\n" : "");
    if (prefix < 0) {
        return;
    }
    size_t at = (size_t)prefix;
    size_t room = sizeof combined - at;
    size_t take = where_length < room ? where_length : room;
    memcpy(combined + at, where, take);
    /* error_copy_text ends what does not fit with "..." */
    error_copy_text(out->detail, sizeof out->detail, combined, at + take);
}

int wire_notice_parse(const unsigned char *body, size_t length_bytes, struct error *out,
                      struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    error_init(out);
    out->origin = ERROR_ORIGIN_SERVER;
    bool has_sqlstate = false;
    bool has_severity = false;
    const char *where = NULL;
    size_t where_length = 0;
    for (;;) {
        uint8_t field = 0;
        if (!reader_take_u8(&reader, &field)) {
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent an error or notice without its terminating zero byte");
            return -1;
        }
        if (field == 0) {
            break;
        }
        const char *value = NULL;
        size_t value_length = 0;
        if (!reader_take_cstr(&reader, &value, &value_length)) {
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent an error or notice whose field '%c' does not end "
                      "with a NUL inside the message",
                      field >= 0x20 && field < 0x7f ? (char)field : '?');
            return -1;
        }
        switch (field) {
        case WIRE_FIELD_SEVERITY:
            error_copy_text(out->severity, sizeof out->severity, value, value_length);
            has_severity = true;
            break;
        case WIRE_FIELD_SEVERITY_LOCALIZED:
            if (!has_severity) {
                error_copy_text(out->severity, sizeof out->severity, value, value_length);
            }
            break;
        case WIRE_FIELD_SQLSTATE:
            if (!is_valid_sqlstate(value, value_length)) {
                error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                          "the server sent an error or notice with a malformed SQLSTATE "
                          "(%zu bytes; five digits or capital letters are allowed)",
                          value_length);
                return -1;
            }
            memcpy(out->sqlstate, value, 5);
            out->sqlstate[5] = '\0';
            has_sqlstate = true;
            break;
        case WIRE_FIELD_MESSAGE:
            error_copy_text(out->message, sizeof out->message, value, value_length);
            break;
        case WIRE_FIELD_DETAIL:
            error_copy_text(out->detail, sizeof out->detail, value, value_length);
            break;
        case WIRE_FIELD_HINT:
            error_copy_text(out->hint, sizeof out->hint, value, value_length);
            break;
        case WIRE_FIELD_POSITION: {
            int64_t position = 0;
            if (!parse_int(value, value_length, 1, INT32_MAX, &position)) {
                error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                          "the server sent an error position that is not a number from 1 "
                          "to %d",
                          INT32_MAX);
                return -1;
            }
            out->position = (int)position;
            break;
        }
        case WIRE_FIELD_WHERE:
            where = value;
            where_length = value_length;
            break;
        default:
            /* Internal position and query, schema, table, column, data type,
             * constraint, file, line, routine, and field types added by later
             * servers: read and checked above, not kept. */
            break;
        }
    }
    if (!reader_expect_end(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent an error or notice with bytes after its terminator");
        return -1;
    }
    if (!has_sqlstate) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent an error or notice without a SQLSTATE");
        return -1;
    }
    /* CONTEXT (where it happened) goes with errors only, as psql's default
     * (SHOW_CONTEXT errors) shows it: a RAISE NOTICE in a function then
     * reads as its own message, not as "line 3 at RAISE". */
    if (where != NULL && where_length > 0 && is_error_severity(out->severity)) {
        append_context(out, where, where_length);
    }
    return 0;
}
