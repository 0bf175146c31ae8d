/* UTF-16 ⇄ UTF-8 (see utf16.h for the rules). References: RFC 3629
 * (UTF-8, its well-formed sequences), RFC 2781 (UTF-16, surrogate pairs). */
#include "util/utf16.h"

#include <string.h>

#define HIGH_SURROGATE_FIRST 0xD800u
#define HIGH_SURROGATE_LAST 0xDBFFu
#define LOW_SURROGATE_FIRST 0xDC00u
#define LOW_SURROGATE_LAST 0xDFFFu
#define FIRST_SUPPLEMENTARY 0x10000u
#define LAST_CODE_POINT 0x10FFFFu

static bool is_high_surrogate(uint32_t unit)
{
    return unit >= HIGH_SURROGATE_FIRST && unit <= HIGH_SURROGATE_LAST;
}

static bool is_low_surrogate(uint32_t unit)
{
    return unit >= LOW_SURROGATE_FIRST && unit <= LOW_SURROGATE_LAST;
}

size_t utf16_terminated_length(const uint16_t *text)
{
    size_t length = 0;
    while (text[length] != 0)
        length++;
    return length;
}

/* Encodes one code point; returns its byte count (1 to 4). */
static size_t encode_utf8(uint32_t code_point, unsigned char bytes[4])
{
    if (code_point < 0x80u) {
        bytes[0] = (unsigned char)code_point;
        return 1;
    }
    if (code_point < 0x800u) {
        bytes[0] = (unsigned char)(0xC0u | (code_point >> 6));
        bytes[1] = (unsigned char)(0x80u | (code_point & 0x3Fu));
        return 2;
    }
    if (code_point < FIRST_SUPPLEMENTARY) {
        bytes[0] = (unsigned char)(0xE0u | (code_point >> 12));
        bytes[1] = (unsigned char)(0x80u | ((code_point >> 6) & 0x3Fu));
        bytes[2] = (unsigned char)(0x80u | (code_point & 0x3Fu));
        return 3;
    }
    bytes[0] = (unsigned char)(0xF0u | (code_point >> 18));
    bytes[1] = (unsigned char)(0x80u | ((code_point >> 12) & 0x3Fu));
    bytes[2] = (unsigned char)(0x80u | ((code_point >> 6) & 0x3Fu));
    bytes[3] = (unsigned char)(0x80u | (code_point & 0x3Fu));
    return 4;
}

int utf16_to_utf8(const uint16_t *units, size_t unit_count, char *out, size_t out_capacity,
                  size_t *length_bytes, size_t *bad_unit_index)
{
    size_t length = 0;
    for (size_t i = 0; i < unit_count; i++) {
        uint32_t code_point = units[i];
        if (is_high_surrogate(code_point)) {
            if (i + 1 >= unit_count || !is_low_surrogate(units[i + 1])) {
                *bad_unit_index = i;
                return -1;
            }
            code_point = FIRST_SUPPLEMENTARY + ((code_point - HIGH_SURROGATE_FIRST) << 10) +
                         (units[i + 1] - LOW_SURROGATE_FIRST);
            i++;
        } else if (is_low_surrogate(code_point)) {
            *bad_unit_index = i;
            return -1;
        }
        unsigned char bytes[4];
        size_t count = encode_utf8(code_point, bytes);
        if (out != NULL) {
            if (out_capacity - length < count) {
                *bad_unit_index = unit_count;
                return -1;
            }
            memcpy(out + length, bytes, count);
        }
        length += count;
    }
    *length_bytes = length;
    return 0;
}

/* Decodes one code point of UTF-8; returns the bytes it used. A byte that
 * does not start a well-formed sequence (RFC 3629's table: no overlong
 * forms, no surrogates, nothing past U+10FFFF) is used alone and becomes
 * U+FFFD. */
static size_t decode_utf8(const unsigned char *text, size_t length, uint32_t *code_point)
{
    unsigned char lead = text[0];
    if (lead < 0x80u) {
        *code_point = lead;
        return 1;
    }
    size_t continuation;
    uint32_t value;
    uint32_t minimum;
    if (lead >= 0xC2u && lead <= 0xDFu) {
        continuation = 1;
        value = lead & 0x1Fu;
        minimum = 0x80u;
    } else if (lead >= 0xE0u && lead <= 0xEFu) {
        continuation = 2;
        value = lead & 0x0Fu;
        minimum = 0x800u;
    } else if (lead >= 0xF0u && lead <= 0xF4u) {
        continuation = 3;
        value = lead & 0x07u;
        minimum = FIRST_SUPPLEMENTARY;
    } else {
        *code_point = UTF16_REPLACEMENT_CHARACTER;
        return 1;
    }
    if (length <= continuation) {
        *code_point = UTF16_REPLACEMENT_CHARACTER;
        return 1;
    }
    for (size_t i = 1; i <= continuation; i++) {
        if ((text[i] & 0xC0u) != 0x80u) {
            *code_point = UTF16_REPLACEMENT_CHARACTER;
            return 1;
        }
        value = (value << 6) | (text[i] & 0x3Fu);
    }
    if (value < minimum || value > LAST_CODE_POINT ||
        (value >= HIGH_SURROGATE_FIRST && value <= LOW_SURROGATE_LAST)) {
        *code_point = UTF16_REPLACEMENT_CHARACTER;
        return 1;
    }
    *code_point = value;
    return continuation + 1;
}

size_t utf16_length_of_utf8(const char *text, size_t length_bytes)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t units = 0;
    size_t offset = 0;
    while (offset < length_bytes) {
        uint32_t code_point;
        offset += decode_utf8(bytes + offset, length_bytes - offset, &code_point);
        units += code_point >= FIRST_SUPPLEMENTARY ? 2 : 1;
    }
    return units;
}

void utf16_from_utf8(const char *text, size_t length_bytes, uint16_t *out, size_t capacity_units,
                     struct utf16_written *written)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t stored = 0;
    size_t offset = 0;
    if (out != NULL && capacity_units > 0) {
        size_t room = capacity_units - 1; /* the terminator always fits */
        while (offset < length_bytes) {
            uint32_t code_point;
            size_t used = decode_utf8(bytes + offset, length_bytes - offset, &code_point);
            if (code_point < FIRST_SUPPLEMENTARY) {
                if (stored + 1 > room)
                    break;
                out[stored++] = (uint16_t)code_point;
            } else {
                if (stored + 2 > room)
                    break;
                uint32_t value = code_point - FIRST_SUPPLEMENTARY;
                out[stored++] = (uint16_t)(HIGH_SURROGATE_FIRST + (value >> 10));
                out[stored++] = (uint16_t)(LOW_SURROGATE_FIRST + (value & 0x3FFu));
            }
            offset += used;
        }
        out[stored] = 0;
    }
    size_t rest = offset < length_bytes ? utf16_length_of_utf8(text + offset, length_bytes - offset)
                                        : 0;
    written->written_units = stored;
    written->total_units = stored + rest;
    written->consumed_bytes = offset;
    written->is_truncated = rest > 0;
}
