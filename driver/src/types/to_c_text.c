/* Character, wide-character and binary pieces (see to_c.h).
 * Owns: UTF-8 decoding for SQL_C_WCHAR and the piece arithmetic that lets
 * SQLGetData return a long value in parts: each piece stores what fits,
 * reports the length of everything not yet returned, and says how far the
 * caller advances. */
#include "types/to_c.h"

#include <stdint.h>
#include <string.h>

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

void types_to_c_wchar_piece(const unsigned char *source, size_t source_length_bytes,
                            void *target, size_t target_length_bytes, struct types_piece *out)
{
    size_t total_units = types_utf16_length_units(source, source_length_bytes);
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

static int hex_digit_value(unsigned char digit)
{
    if (digit >= '0' && digit <= '9')
        return digit - '0';
    if (digit >= 'a' && digit <= 'f')
        return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F')
        return digit - 'A' + 10;
    return -1;
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
        int high = hex_digit_value(hex[2 * i]);
        int low = hex_digit_value(hex[2 * i + 1]);
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
