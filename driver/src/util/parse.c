/* Exact number parsing: the whole input is the number, within a maximum.
 * Owns: every decimal conversion of settings text (STYLE.md, "Buffers and
 * strings"). Leaves the error message naming the keyword to the caller. */
#include "util/parse.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool parse_uint(const char *text, size_t length, uint64_t max, uint64_t *out)
{
    if (text == NULL || length == 0) {
        return false;
    }
    uint64_t value = 0;
    for (size_t i = 0; i < length; i++) {
        if (!is_digit(text[i])) {
            return false;
        }
        uint64_t digit = (uint64_t)(text[i] - '0');
        if (value > (max - digit) / 10) {
            return false;
        }
        value = value * 10 + digit;
    }
    *out = value;
    return true;
}

bool parse_int(const char *text, size_t length, int64_t min, int64_t max, int64_t *out)
{
    if (text == NULL || length == 0 || min > max) {
        return false;
    }
    bool is_negative = false;
    if (text[0] == '-' || text[0] == '+') {
        is_negative = text[0] == '-';
        text++;
        length--;
    }
    /* Magnitude limit for the chosen sign, computed without overflow. */
    uint64_t limit;
    if (is_negative) {
        if (min >= 0) {
            limit = 0;
        } else {
            limit = (uint64_t)(-(min + 1)) + 1;
        }
    } else {
        limit = max < 0 ? 0 : (uint64_t)max;
    }
    uint64_t magnitude;
    if (!parse_uint(text, length, limit, &magnitude)) {
        return false;
    }
    int64_t value;
    if (is_negative) {
        value = magnitude == 0 ? 0 : -(int64_t)(magnitude - 1) - 1;
    } else {
        value = (int64_t)magnitude;
    }
    if (value < min || value > max) {
        return false;
    }
    *out = value;
    return true;
}

bool parse_seconds_to_ms(const char *text, size_t length, int64_t max_ms, int64_t *out_ms)
{
    if (text == NULL || length == 0 || max_ms < 0) {
        return false;
    }
    size_t point = 0;
    while (point < length && text[point] != '.') {
        point++;
    }
    uint64_t whole_seconds;
    if (!parse_uint(text, point, (uint64_t)max_ms / 1000 + 1, &whole_seconds)) {
        return false;
    }
    uint64_t fraction_ms = 0;
    if (point < length) {
        const char *fraction = text + point + 1;
        size_t fraction_length = length - point - 1;
        if (fraction_length == 0) {
            return false;
        }
        /* The first three digits are milliseconds; any non-zero digit
         * after them rounds up to the next whole millisecond. */
        bool has_remainder = false;
        for (size_t i = 0; i < fraction_length; i++) {
            if (!is_digit(fraction[i])) {
                return false;
            }
            unsigned digit = (unsigned)(fraction[i] - '0');
            if (i < 3) {
                fraction_ms = fraction_ms * 10 + digit;
            } else if (digit != 0) {
                has_remainder = true;
            }
        }
        for (size_t i = fraction_length; i < 3; i++) {
            fraction_ms *= 10;
        }
        if (has_remainder) {
            fraction_ms++;
        }
    }
    uint64_t total_ms = whole_seconds * 1000 + fraction_ms;
    if (total_ms > (uint64_t)max_ms) {
        return false;
    }
    *out_ms = (int64_t)total_ms;
    return true;
}

static char fold_ascii(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool parse_equals_ignore_case(const char *text, size_t length, const char *word)
{
    if (text == NULL || word == NULL) {
        return false;
    }
    size_t i = 0;
    for (; i < length; i++) {
        if (word[i] == '\0' || fold_ascii(text[i]) != fold_ascii(word[i])) {
            return false;
        }
    }
    return word[i] == '\0';
}

int parse_hex_digit(unsigned char digit)
{
    if (digit >= '0' && digit <= '9')
        return digit - '0';
    if (digit >= 'a' && digit <= 'f')
        return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F')
        return digit - 'A' + 10;
    return -1;
}
