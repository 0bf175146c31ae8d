/* Character, wide-character and binary pieces (see to_c.h and
 * to_c_internal.h), and the character family of the conversion matrix.
 * Owns: UTF-8 decoding for SQL_C_WCHAR (surrogate pairs never split across
 * pieces) and the piece arithmetic that lets SQLGetData return a long value
 * in parts: each piece stores what fits, reports the length of everything
 * not yet returned, and advances the offset in the converted form; the
 * appendix's 22003 rule for buffers too short for a number's whole digits,
 * a date, a time or a GUID; "SQL to C: Character" for text-like types
 * (text read as a literal of the target type). */
#include "types/to_c.h"

#include <stdint.h>
#include <string.h>
#include "types/to_c_internal.h"
#include "types/type_table.h"
#include "util/parse.h"

#define REPLACEMENT_CHARACTER 0xFFFDu

/* Decodes one code point; returns the bytes consumed (1 for a bad byte,
 * which becomes U+FFFD). */
static size_t decode_utf8(const unsigned char *text, size_t length, uint32_t *code_point)
{
    unsigned char lead = text[0];
    size_t needed;
    uint32_t value;
    uint32_t minimum;
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 1;
        value = lead & 0x1Fu;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 2;
        value = lead & 0x0Fu;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 3;
        value = lead & 0x07u;
        minimum = 0x10000;
    } else {
        *code_point = REPLACEMENT_CHARACTER;
        return 1;
    }
    if (length < needed + 1) {
        *code_point = REPLACEMENT_CHARACTER;
        return 1;
    }
    for (size_t i = 1; i <= needed; i++) {
        if ((text[i] & 0xC0u) != 0x80u) {
            *code_point = REPLACEMENT_CHARACTER;
            return 1;
        }
        value = (value << 6) | (text[i] & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFFu || (value >= 0xD800u && value <= 0xDFFFu)) {
        *code_point = REPLACEMENT_CHARACTER;
        return 1;
    }
    *code_point = value;
    return needed + 1;
}

size_t types_utf16_length_units(const unsigned char *source, size_t source_length_bytes)
{
    size_t units = 0;
    size_t offset = 0;
    while (offset < source_length_bytes) {
        uint32_t code_point;
        offset += decode_utf8(source + offset, source_length_bytes - offset, &code_point);
        units += code_point >= 0x10000u ? 2 : 1;
    }
    return units;
}

void types_to_c_char_piece(const unsigned char *source, size_t source_length_bytes, void *target,
                           size_t target_length_bytes, struct types_piece *out)
{
    size_t copy = 0;
    if (target != NULL && target_length_bytes > 0) {
        copy = source_length_bytes < target_length_bytes - 1 ? source_length_bytes
                                                             : target_length_bytes - 1;
        if (copy > 0)
            memcpy(target, source, copy);
        ((unsigned char *)target)[copy] = 0;
    }
    out->written_bytes = copy;
    out->consumed_bytes = copy;
    out->remaining_bytes = source_length_bytes;
    out->is_truncated = copy < source_length_bytes;
}

static void store_unit(unsigned char *target, size_t unit_index, uint16_t unit)
{
    SQLWCHAR wide = (SQLWCHAR)unit;
    memcpy(target + unit_index * sizeof(SQLWCHAR), &wide, sizeof wide);
}

/* types_to_c_wchar_piece with the source's UTF-16 length already known
 * (SIZE_MAX: count it). */
static void wchar_piece(const unsigned char *source, size_t source_length_bytes, void *target,
                        size_t target_length_bytes, size_t known_units, struct types_piece *out)
{
    size_t total_units = known_units != SIZE_MAX
                             ? known_units
                             : types_utf16_length_units(source, source_length_bytes);
    size_t capacity_units = target != NULL ? target_length_bytes / sizeof(SQLWCHAR) : 0;
    size_t written_units = 0;
    size_t offset = 0;
    if (capacity_units > 0) {
        unsigned char *bytes = target;
        size_t room = capacity_units - 1; /* the terminator always fits */
        while (offset < source_length_bytes) {
            uint32_t code_point;
            size_t used = decode_utf8(source + offset, source_length_bytes - offset, &code_point);
            size_t units = code_point >= 0x10000u ? 2 : 1;
            if (written_units + units > room)
                break;
            if (units == 1) {
                store_unit(bytes, written_units, (uint16_t)code_point);
            } else {
                uint32_t value = code_point - 0x10000u;
                store_unit(bytes, written_units, (uint16_t)(0xD800u + (value >> 10)));
                store_unit(bytes, written_units + 1, (uint16_t)(0xDC00u + (value & 0x3FFu)));
            }
            written_units += units;
            offset += used;
        }
        store_unit(bytes, written_units, 0);
    }
    out->written_bytes = written_units * sizeof(SQLWCHAR);
    out->consumed_bytes = offset;
    out->remaining_bytes = total_units * sizeof(SQLWCHAR);
    out->is_truncated = offset < source_length_bytes;
}

void types_to_c_wchar_piece(const unsigned char *source, size_t source_length_bytes,
                            void *target, size_t target_length_bytes, struct types_piece *out)
{
    wchar_piece(source, source_length_bytes, target, target_length_bytes, SIZE_MAX, out);
}

void types_to_c_binary_piece(const unsigned char *source, size_t source_length_bytes,
                             void *target, size_t target_length_bytes, struct types_piece *out)
{
    size_t copy = 0;
    if (target != NULL) {
        copy = source_length_bytes < target_length_bytes ? source_length_bytes
                                                         : target_length_bytes;
        if (copy > 0)
            memcpy(target, source, copy);
    }
    out->written_bytes = copy;
    out->consumed_bytes = copy;
    out->remaining_bytes = source_length_bytes;
    out->is_truncated = copy < source_length_bytes;
}

int types_to_c_hex_binary_piece(const unsigned char *hex, size_t hex_length, void *target,
                                size_t target_length_bytes, struct types_piece *out,
                                struct error *error)
{
    if (hex_length % 2 != 0) {
        error_set(error, "22018", "bytea value has an odd number of hex digits (%zu)",
                  hex_length);
        return -1;
    }
    size_t total = hex_length / 2;
    size_t copy = 0;
    if (target != NULL)
        copy = total < target_length_bytes ? total : target_length_bytes;
    for (size_t i = 0; i < copy; i++) {
        int high = parse_hex_digit(hex[2 * i]);
        int low = parse_hex_digit(hex[2 * i + 1]);
        if (high < 0 || low < 0) {
            error_set(error, "22018", "bytea value has a character that is not a hex digit");
            return -1;
        }
        ((unsigned char *)target)[i] = (unsigned char)(high * 16 + low);
    }
    out->written_bytes = copy;
    out->consumed_bytes = copy * 2;
    out->remaining_bytes = total;
    out->is_truncated = copy < total;
    return 0;
}

/* ---- the writers every family shares (to_c_internal.h) ---- */

static void copy_plain_bytes(const void *context, size_t offset, unsigned char *out, size_t count)
{
    memcpy(out, (const unsigned char *)context + offset, count);
}

int types_fail_value(const struct types_call *call, const char *sqlstate, const char *what)
{
    const struct types_value *value = call->value;
    size_t shown = value->length_bytes > 40 ? 40 : value->length_bytes;
    if (value->is_binary) {
        error_set(call->error, sqlstate, "Value of type %u (binary, %zu bytes) %s",
                  (unsigned)value->type_oid, value->length_bytes, what);
    } else {
        error_set(call->error, sqlstate, "Value \"%.*s%s\" %s", (int)shown,
                  (const char *)value->data, shown < value->length_bytes ? "..." : "", what);
    }
    return -1;
}

int types_fail_restricted(const struct types_call *call)
{
    error_set(call->error, "07006",
              "A value of PostgreSQL type %u cannot be converted to C type %d",
              (unsigned)call->value->type_oid, (int)call->target->c_type);
    return -1;
}

int types_put_fixed(const struct types_call *call, const void *bytes, size_t size)
{
    if (call->target->buffer != NULL)
        memcpy(call->target->buffer, bytes, size);
    call->out->indicator = (SQLLEN)size;
    call->piece->is_done = true;
    return 0;
}

static size_t buffer_capacity(const struct types_target *target)
{
    if (target->buffer == NULL || target->buffer_length_bytes <= 0)
        return 0;
    return (size_t)target->buffer_length_bytes;
}

/* The appendix's "BufferLength too small for the whole digits" test: only
 * on the first piece, and not for a length query (NULL buffer or 0). */
static bool is_too_short_for_whole(const struct types_call *call, size_t whole_units,
                                   size_t unit_bytes)
{
    size_t capacity = buffer_capacity(call->target);
    if (whole_units == 0 || capacity == 0 || call->piece->offset != 0)
        return false;
    return capacity / unit_bytes <= whole_units;
}

static void finish_piece(const struct types_call *call, size_t remaining, size_t advanced)
{
    call->out->indicator = (SQLLEN)remaining;
    if (advanced < remaining) {
        call->out->is_truncated = true;
        call->piece->offset += advanced;
    } else {
        call->piece->offset += advanced;
        call->piece->is_done = true;
    }
}

/* One character piece of an ASCII-or-UTF-8 form, byte for byte. */
static void put_char_form(const struct types_call *call, const struct types_ascii_form *form)
{
    size_t offset = call->piece->offset < form->length_bytes ? call->piece->offset
                                                             : form->length_bytes;
    size_t remaining = form->length_bytes - offset;
    size_t capacity = buffer_capacity(call->target);
    size_t copy = 0;
    if (capacity > 0) {
        copy = remaining < capacity - 1 ? remaining : capacity - 1;
        unsigned char *bytes = call->target->buffer;
        if (copy > 0)
            form->copy(form->context, offset, bytes, copy);
        bytes[copy] = 0;
    }
    finish_piece(call, remaining, copy);
}

/* One wide piece of an ASCII form: each byte is one UTF-16 unit. */
static void put_wchar_ascii_form(const struct types_call *call, const struct types_ascii_form *form)
{
    size_t done_units = call->piece->offset / sizeof(SQLWCHAR);
    if (done_units > form->length_bytes)
        done_units = form->length_bytes;
    size_t remaining_units = form->length_bytes - done_units;
    size_t capacity_units = buffer_capacity(call->target) / sizeof(SQLWCHAR);
    size_t copy_units = 0;
    if (capacity_units > 0) {
        copy_units = remaining_units < capacity_units - 1 ? remaining_units : capacity_units - 1;
        unsigned char *bytes = call->target->buffer;
        unsigned char chunk[64];
        size_t written = 0;
        while (written < copy_units) {
            size_t step = copy_units - written < sizeof chunk ? copy_units - written : sizeof chunk;
            form->copy(form->context, done_units + written, chunk, step);
            for (size_t i = 0; i < step; i++) {
                SQLWCHAR unit = chunk[i];
                memcpy(bytes + (written + i) * sizeof(SQLWCHAR), &unit, sizeof unit);
            }
            written += step;
        }
        SQLWCHAR terminator = 0;
        memcpy(bytes + copy_units * sizeof(SQLWCHAR), &terminator, sizeof terminator);
    }
    finish_piece(call, remaining_units * sizeof(SQLWCHAR), copy_units * sizeof(SQLWCHAR));
}

/* Byte pieces of any form into SQL_C_BINARY, 01004 when short. */
static void put_binary_form(const struct types_call *call, const struct types_ascii_form *form)
{
    size_t offset = call->piece->offset < form->length_bytes ? call->piece->offset
                                                             : form->length_bytes;
    size_t remaining = form->length_bytes - offset;
    size_t capacity = buffer_capacity(call->target);
    size_t copy = remaining < capacity ? remaining : capacity;
    if (copy > 0)
        form->copy(form->context, offset, call->target->buffer, copy);
    finish_piece(call, remaining, copy);
}

/* SQL_C_BINARY for a non-binary, non-character SQL type: all or 22003. */
static int put_binary_whole(const struct types_call *call, const struct types_ascii_form *form)
{
    if (call->target->buffer != NULL && call->piece->offset == 0 &&
        (size_t)(call->target->buffer_length_bytes < 0 ? 0 : call->target->buffer_length_bytes) <
            form->length_bytes) {
        error_set(call->error, "22003",
                  "The value needs %zu bytes; the binary buffer holds %lld", form->length_bytes,
                  (long long)call->target->buffer_length_bytes);
        return -1;
    }
    put_binary_form(call, form);
    return 0;
}

static int fail_too_short(const struct types_call *call, size_t whole_units)
{
    error_set(call->error, "22003",
              "The buffer of %lld bytes cannot hold the %zu characters the value needs before "
              "any truncation",
              (long long)call->target->buffer_length_bytes, whole_units);
    return -1;
}

int types_put_ascii_form(const struct types_call *call, const struct types_ascii_form *form,
                         size_t whole_length_bytes)
{
    switch (call->target->c_type) {
    case SQL_C_CHAR:
        if (is_too_short_for_whole(call, whole_length_bytes, 1))
            return fail_too_short(call, whole_length_bytes);
        put_char_form(call, form);
        return 0;
    case SQL_C_WCHAR:
        if (is_too_short_for_whole(call, whole_length_bytes, sizeof(SQLWCHAR)))
            return fail_too_short(call, whole_length_bytes);
        put_wchar_ascii_form(call, form);
        return 0;
    case SQL_C_BINARY:
        return put_binary_whole(call, form);
    default:
        return types_fail_restricted(call);
    }
}

/* The source byte where the UTF-16 form reaches done_units. */
static size_t utf8_position_for_units(const unsigned char *text, size_t length, size_t done_units)
{
    size_t position = 0;
    size_t units = 0;
    while (position < length && units < done_units) {
        uint32_t code_point;
        position += decode_utf8(text + position, length - position, &code_point);
        units += code_point >= 0x10000u ? 2 : 1;
    }
    return position;
}

int types_put_text(const struct types_call *call, const unsigned char *text, size_t length_bytes,
                   size_t whole_length_bytes, bool is_binary_whole)
{
    struct types_ascii_form form = {length_bytes, copy_plain_bytes, text};
    switch (call->target->c_type) {
    case SQL_C_CHAR:
        if (is_too_short_for_whole(call, whole_length_bytes, 1))
            return fail_too_short(call, whole_length_bytes);
        put_char_form(call, &form);
        return 0;
    case SQL_C_WCHAR: {
        if (is_too_short_for_whole(call, whole_length_bytes, sizeof(SQLWCHAR)))
            return fail_too_short(call, whole_length_bytes);
        struct types_text_cursor *cursor = call->cursor;
        size_t offset = call->piece->offset;
        size_t position;
        size_t units_left = SIZE_MAX;
        if (cursor != NULL && offset != 0 && cursor->offset == offset && cursor->data == text &&
            cursor->length_bytes == length_bytes) {
            position = cursor->position;
            units_left = cursor->units_left;
        } else {
            position = utf8_position_for_units(text, length_bytes, offset / sizeof(SQLWCHAR));
        }
        struct types_piece wide;
        wchar_piece(text + position, length_bytes - position, call->target->buffer,
                    buffer_capacity(call->target), units_left, &wide);
        finish_piece(call, wide.remaining_bytes, wide.written_bytes);
        if (cursor != NULL) {
            cursor->offset = call->piece->offset;
            cursor->data = text;
            cursor->length_bytes = length_bytes;
            cursor->position = position + wide.consumed_bytes;
            cursor->units_left = (wide.remaining_bytes - wide.written_bytes) / sizeof(SQLWCHAR);
        }
        return 0;
    }
    case SQL_C_BINARY:
        if (is_binary_whole)
            return put_binary_whole(call, &form);
        put_binary_form(call, &form);
        return 0;
    default:
        return types_fail_restricted(call);
    }
}

int types_put_binary_form(const struct types_call *call, const struct types_ascii_form *form)
{
    put_binary_form(call, form);
    return 0;
}

int types_put_binary_bytes(const struct types_call *call, const unsigned char *bytes,
                           size_t length_bytes)
{
    struct types_ascii_form form = {length_bytes, copy_plain_bytes, bytes};
    put_binary_form(call, &form);
    return 0;
}

/* ---- the character family: text, varchar, bpchar, name, json, xml, enums
 * and every type without its own family ---- */

static void trim_spaces(const unsigned char **text, size_t *length)
{
    while (*length > 0 && ((*text)[0] == ' ' || (*text)[0] == '\t')) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && ((*text)[*length - 1] == ' ' || (*text)[*length - 1] == '\t'))
        (*length)--;
}

int types_to_c_character(const struct types_call *call)
{
    const unsigned char *text = call->value->data;
    size_t length = call->value->length_bytes;
    /* jsonb in binary: a version byte (1), then the text. */
    if (call->value->is_binary && call->value->type_oid == TYPES_OID_JSONB) {
        if (length < 1 || text[0] != 1)
            return types_fail_value(call, "22018", "is not jsonb version 1");
        text++;
        length--;
    }
    SQLSMALLINT c_type = call->target->c_type;
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY)
        return types_put_text(call, text, length, 0, false);
    /* ODBC "SQL to C: Character": the text is read as a literal of the
     * target type; surrounding spaces (bpchar padding) do not count. */
    trim_spaces(&text, &length);
    bool is_single_field;
    if (types_is_number_c_type(c_type)) {
        struct types_decimal number;
        if (!types_decimal_parse(text, length, true, &number))
            return types_fail_value(call, "22018", "is not a numeric literal");
        return types_put_decimal_number(call, &number, NULL);
    }
    if (types_is_interval_c_type(c_type, &is_single_field))
        return types_character_to_interval(call, text, length);
    switch (c_type) {
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE:
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME:
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP:
        return types_character_to_datetime(call, text, length);
    case SQL_C_GUID:
        return types_character_to_guid(call, text, length);
    default:
        return types_fail_restricted(call);
    }
}
