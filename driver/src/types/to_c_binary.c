/* bytea → C types ("SQL to C: Binary").
 * Owns: the three forms a bytea arrives in (text hex "\x0a1b", text escape
 * "a\\\001" when bytea_output is escape, raw binary) and the two forms it
 * leaves in: its bytes for SQL_C_BINARY, and two lowercase hex digits per
 * byte for SQL_C_CHAR and SQL_C_WCHAR (the appendix: each byte as a pair
 * of hexadecimal characters). Both in pieces with 01004; every other C
 * type is 07006. A malformed text form is 22018. */
#include <string.h>
#include "types/to_c_internal.h"
#include "util/parse.h"

enum bytea_form { BYTEA_HEX, BYTEA_ESCAPE, BYTEA_RAW };

struct bytea_view {
    enum bytea_form form;
    const unsigned char *data; /* hex digits, escape text or raw bytes */
    size_t length_bytes;
    size_t decoded_length;
};

static bool is_octal(unsigned char c)
{
    return c >= '0' && c <= '7';
}

/* Length of one escaped unit at text[position] (1, 2 or 4), 0 if bad. */
static size_t escape_unit_length(const unsigned char *text, size_t length, size_t position)
{
    if (text[position] != '\\')
        return 1;
    if (position + 1 < length && text[position + 1] == '\\')
        return 2;
    if (position + 3 < length && text[position + 1] >= '0' && text[position + 1] <= '3' &&
        is_octal(text[position + 2]) && is_octal(text[position + 3]))
        return 4;
    return 0;
}

static unsigned char escape_unit_value(const unsigned char *text, size_t position, size_t unit)
{
    if (unit == 1)
        return text[position];
    if (unit == 2)
        return '\\';
    return (unsigned char)(((text[position + 1] - '0') << 6) | ((text[position + 2] - '0') << 3) |
                           (text[position + 3] - '0'));
}

static int read_bytea(const struct types_call *call, struct bytea_view *out)
{
    const struct types_value *value = call->value;
    if (value->is_binary) {
        *out = (struct bytea_view){BYTEA_RAW, value->data, value->length_bytes,
                                   value->length_bytes};
        return 0;
    }
    if (value->length_bytes >= 2 && value->data[0] == '\\' && value->data[1] == 'x') {
        const unsigned char *hex = value->data + 2;
        size_t hex_length = value->length_bytes - 2;
        if (hex_length % 2 != 0)
            return types_fail_value(call, "22018", "has an odd number of hex digits");
        for (size_t i = 0; i < hex_length; i++) {
            if (parse_hex_digit(hex[i]) < 0)
                return types_fail_value(call, "22018", "has a character that is not a hex digit");
        }
        *out = (struct bytea_view){BYTEA_HEX, hex, hex_length, hex_length / 2};
        return 0;
    }
    size_t decoded = 0;
    for (size_t position = 0; position < value->length_bytes;) {
        size_t unit = escape_unit_length(value->data, value->length_bytes, position);
        if (unit == 0)
            return types_fail_value(call, "22018", "has a bad escape sequence");
        position += unit;
        decoded++;
    }
    *out = (struct bytea_view){BYTEA_ESCAPE, value->data, value->length_bytes, decoded};
    return 0;
}

/* Calls emit for decoded bytes [first, first + count). */
static void walk_escape(const struct bytea_view *view, size_t first, size_t count,
                        void (*emit)(void *context, size_t index, unsigned char byte),
                        void *context)
{
    size_t index = 0;
    for (size_t position = 0; position < view->length_bytes && index < first + count;) {
        size_t unit = escape_unit_length(view->data, view->length_bytes, position);
        if (index >= first)
            emit(context, index - first, escape_unit_value(view->data, position, unit));
        position += unit;
        index++;
    }
}

static void emit_byte(void *context, size_t index, unsigned char byte)
{
    ((unsigned char *)context)[index] = byte;
}

static void copy_decoded(const void *context, size_t offset, unsigned char *out, size_t count)
{
    const struct bytea_view *view = context;
    switch (view->form) {
    case BYTEA_RAW:
        memcpy(out, view->data + offset, count);
        break;
    case BYTEA_HEX:
        for (size_t i = 0; i < count; i++) {
            const unsigned char *pair = view->data + 2 * (offset + i);
            out[i] = (unsigned char)(parse_hex_digit(pair[0]) * 16 + parse_hex_digit(pair[1]));
        }
        break;
    case BYTEA_ESCAPE:
        walk_escape(view, offset, count, emit_byte, out);
        break;
    }
}

static const char hex_digits[] = "0123456789abcdef";

struct hex_sink {
    unsigned char *out;
    size_t skip; /* first hex character wanted within the first byte */
    size_t count;
};

static void emit_hex(void *context, size_t index, unsigned char byte)
{
    struct hex_sink *sink = context;
    char pair[2] = {hex_digits[byte >> 4], hex_digits[byte & 15]};
    for (size_t k = 0; k < 2; k++) {
        size_t position = 2 * index + k;
        if (position >= sink->skip && position - sink->skip < sink->count)
            sink->out[position - sink->skip] = (unsigned char)pair[k];
    }
}

static void copy_hex(const void *context, size_t offset, unsigned char *out, size_t count)
{
    const struct bytea_view *view = context;
    if (view->form == BYTEA_HEX) {
        for (size_t i = 0; i < count; i++) {
            unsigned char digit = view->data[offset + i];
            out[i] = digit >= 'A' && digit <= 'F' ? (unsigned char)(digit - 'A' + 'a') : digit;
        }
        return;
    }
    size_t first_byte = offset / 2;
    size_t last_byte = (offset + count + 1) / 2;
    struct hex_sink sink = {out, offset % 2, count};
    if (view->form == BYTEA_ESCAPE) {
        walk_escape(view, first_byte, last_byte - first_byte, emit_hex, &sink);
        return;
    }
    for (size_t i = first_byte; i < last_byte; i++)
        emit_hex(&sink, i - first_byte, view->data[i]);
}

int types_to_c_bytea(const struct types_call *call)
{
    SQLSMALLINT c_type = call->target->c_type;
    if (c_type != SQL_C_CHAR && c_type != SQL_C_WCHAR && c_type != SQL_C_BINARY)
        return types_fail_restricted(call);
    struct bytea_view view;
    if (read_bytea(call, &view) != 0)
        return -1;
    if (c_type == SQL_C_BINARY) {
        if (view.form == BYTEA_RAW)
            return types_put_binary_bytes(call, view.data, view.length_bytes);
        struct types_ascii_form bytes = {view.decoded_length, copy_decoded, &view};
        return types_put_binary_form(call, &bytes);
    }
    struct types_ascii_form hex = {2 * view.decoded_length, copy_hex, &view};
    return types_put_ascii_form(call, &hex, 0);
}
