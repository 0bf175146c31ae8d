/* Standard base64 (RFC 4648 section 4, with padding), strict, as SCRAM
 * uses it for nonces, salts, proofs and signatures. Owns: encoding and
 * decoding only. Decoding refuses whitespace, missing padding, characters
 * outside the alphabet and non-zero trailing bits (non-canonical input). */
#include "util/base64.h"

#include <stdbool.h>
#include <stdint.h>

static const char base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t base64_encoded_length(size_t length_bytes)
{
    if (length_bytes > (SIZE_MAX / 4) * 3 - 2) {
        return SIZE_MAX;
    }
    return (length_bytes + 2) / 3 * 4;
}

int base64_encode(const void *data, size_t length, char *out, size_t out_capacity)
{
    size_t encoded_length = base64_encoded_length(length);
    if (encoded_length == SIZE_MAX || out == NULL || out_capacity < encoded_length + 1) {
        return -1;
    }
    const unsigned char *bytes = data;
    size_t at = 0;
    size_t i = 0;
    for (; i + 3 <= length; i += 3) {
        uint32_t group = (uint32_t)bytes[i] << 16 | (uint32_t)bytes[i + 1] << 8 | bytes[i + 2];
        out[at++] = base64_alphabet[(group >> 18) & 0x3F];
        out[at++] = base64_alphabet[(group >> 12) & 0x3F];
        out[at++] = base64_alphabet[(group >> 6) & 0x3F];
        out[at++] = base64_alphabet[group & 0x3F];
    }
    size_t left = length - i;
    if (left > 0) {
        uint32_t group = (uint32_t)bytes[i] << 16;
        if (left == 2) {
            group |= (uint32_t)bytes[i + 1] << 8;
        }
        out[at++] = base64_alphabet[(group >> 18) & 0x3F];
        out[at++] = base64_alphabet[(group >> 12) & 0x3F];
        out[at++] = left == 2 ? base64_alphabet[(group >> 6) & 0x3F] : '=';
        out[at++] = '=';
    }
    out[at] = '\0';
    return 0;
}

/* Value of one alphabet character, or -1. */
static int decode_character(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

int base64_decode(const char *text, size_t length, unsigned char *out, size_t out_capacity,
                  size_t *out_length)
{
    if (length % 4 != 0 || (length > 0 && text == NULL)) {
        return -1;
    }
    size_t padding = 0;
    if (length > 0 && text[length - 1] == '=') {
        padding = (length > 1 && text[length - 2] == '=') ? 2 : 1;
    }
    size_t decoded_length = length / 4 * 3 - padding;
    if (decoded_length > out_capacity) {
        return -1;
    }
    size_t at = 0;
    for (size_t i = 0; i < length; i += 4) {
        bool is_last_group = i + 4 == length;
        size_t group_padding = is_last_group ? padding : 0;
        uint32_t group = 0;
        for (size_t j = 0; j < 4; j++) {
            int value;
            if (j >= 4 - group_padding) {
                value = 0; /* the '=' already counted */
            } else {
                value = decode_character(text[i + j]);
                if (value < 0) {
                    return -1;
                }
            }
            group = group << 6 | (uint32_t)value;
        }
        /* Canonical form: bits hidden under padding must be zero. */
        if ((group_padding == 1 && (group & 0xFF) != 0) ||
            (group_padding == 2 && (group & 0xFFFF) != 0)) {
            return -1;
        }
        out[at++] = (unsigned char)(group >> 16);
        if (group_padding < 2) {
            out[at++] = (unsigned char)(group >> 8);
        }
        if (group_padding < 1) {
            out[at++] = (unsigned char)group;
        }
    }
    if (out_length != NULL) {
        *out_length = at;
    }
    return 0;
}
