/* SASLprep (RFC 4013, the "SASLprep" profile of stringprep, RFC 3454) for
 * SCRAM passwords, with PostgreSQL's rule that a password which is not
 * valid UTF-8, or which the profile prohibits, is used as raw bytes.
 * Owns: UTF-8 decoding and encoding of the password, the profile's mapping
 * (RFC 3454 B.1 to nothing, C.1.2 to U+0020), NFKC normalization, the
 * prohibited-output tables (C.1.2, C.2.1, C.2.2, C.3 to C.9) and the bidi
 * rules (RFC 3454 section 6). Leaves the SCRAM exchange to wire/auth_scram.c.
 *
 * Coverage: complete. NFKC is full Unicode normalization form KC: full
 * compatibility decomposition, canonical ordering by combining class and
 * canonical composition (primary composites only, with Hangul handled
 * algorithmically), driven by tables generated from the Unicode Character
 * Database into saslprep_tables.c. Unassigned code points (RFC 3454 A.1)
 * are allowed, as RFC 3454 section 7 permits for queries and as the
 * PostgreSQL server does. The prohibition tables below are written from
 * the ranges published in RFC 3454 appendix C; D.1 and D.2 are generated
 * from Unicode 3.2, on which RFC 3454 bases them.
 *
 * Every intermediate buffer holds password material and is wiped before
 * it is freed. */
#include "util/saslprep.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/alloc.h"
#include "util/saslprep_tables.h"
#include "util/secret.h"

struct code_range {
    uint32_t first;
    uint32_t last;
};

#define RANGE_COUNT(table) (sizeof(table) / sizeof((table)[0]))

/* RFC 3454 B.1: commonly mapped to nothing. */
static const struct code_range mapped_to_nothing[] = {
    {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x1806, 0x1806}, {0x180B, 0x180D},
    {0x200B, 0x200D}, {0x2060, 0x2060}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
};

/* RFC 3454 C.1.2: non-ASCII space characters (mapped to U+0020 by RFC
 * 4013 section 2.1, and prohibited should one survive normalization). */
static const struct code_range non_ascii_spaces[] = {
    {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200B},
    {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

/* RFC 3454 C.2.1: ASCII control characters. */
static const struct code_range ascii_controls[] = {
    {0x0000, 0x001F}, {0x007F, 0x007F},
};

/* RFC 3454 C.2.2: non-ASCII control characters. */
static const struct code_range non_ascii_controls[] = {
    {0x0080, 0x009F}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x180E, 0x180E},
    {0x200C, 0x200D}, {0x2028, 0x2029}, {0x2060, 0x2063}, {0x206A, 0x206F},
    {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFC}, {0x1D173, 0x1D17A},
};

/* RFC 3454 C.3: private use. */
static const struct code_range private_use[] = {
    {0xE000, 0xF8FF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
};

/* RFC 3454 C.4: non-character code points. U+nFFFE and U+nFFFF in every
 * plane are tested arithmetically in is_non_character. */
static const struct code_range non_characters[] = {
    {0xFDD0, 0xFDEF},
};

/* RFC 3454 C.5: surrogate codes. */
static const struct code_range surrogates[] = {
    {0xD800, 0xDFFF},
};

/* RFC 3454 C.6: inappropriate for plain text. */
static const struct code_range not_plain_text[] = {
    {0xFFF9, 0xFFFD},
};

/* RFC 3454 C.7: inappropriate for canonical representation. */
static const struct code_range not_canonical[] = {
    {0x2FF0, 0x2FFB},
};

/* RFC 3454 C.8: change display properties or are deprecated. */
static const struct code_range display_changing[] = {
    {0x0340, 0x0341}, {0x200E, 0x200F}, {0x202A, 0x202E}, {0x206A, 0x206F},
};

/* RFC 3454 C.9: tagging characters. */
static const struct code_range tagging[] = {
    {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

/* Hangul syllable arithmetic (The Unicode Standard, section 3.12). */
#define HANGUL_S_BASE 0xAC00u
#define HANGUL_L_BASE 0x1100u
#define HANGUL_V_BASE 0x1161u
#define HANGUL_T_BASE 0x11A7u
#define HANGUL_L_COUNT 19u
#define HANGUL_V_COUNT 21u
#define HANGUL_T_COUNT 28u
#define HANGUL_N_COUNT (HANGUL_V_COUNT * HANGUL_T_COUNT)
#define HANGUL_S_COUNT (HANGUL_L_COUNT * HANGUL_N_COUNT)

static bool is_in_ranges(uint32_t code_point, const struct code_range *ranges, size_t count)
{
    size_t low = 0;
    size_t high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (code_point < ranges[middle].first) {
            high = middle;
        } else if (code_point > ranges[middle].last) {
            low = middle + 1;
        } else {
            return true;
        }
    }
    return false;
}

static bool is_in_generated_ranges(uint32_t code_point, const struct saslprep_code_range *ranges,
                                   size_t count)
{
    size_t low = 0;
    size_t high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (code_point < ranges[middle].first) {
            high = middle;
        } else if (code_point > ranges[middle].last) {
            low = middle + 1;
        } else {
            return true;
        }
    }
    return false;
}

static bool is_non_character(uint32_t code_point)
{
    return (code_point & 0xFFFEu) == 0xFFFEu ||
           is_in_ranges(code_point, non_characters, RANGE_COUNT(non_characters));
}

/* RFC 4013 section 2.3: the prohibited output. */
static bool is_prohibited(uint32_t code_point)
{
    return is_in_ranges(code_point, non_ascii_spaces, RANGE_COUNT(non_ascii_spaces)) ||
           is_in_ranges(code_point, ascii_controls, RANGE_COUNT(ascii_controls)) ||
           is_in_ranges(code_point, non_ascii_controls, RANGE_COUNT(non_ascii_controls)) ||
           is_in_ranges(code_point, private_use, RANGE_COUNT(private_use)) ||
           is_non_character(code_point) ||
           is_in_ranges(code_point, surrogates, RANGE_COUNT(surrogates)) ||
           is_in_ranges(code_point, not_plain_text, RANGE_COUNT(not_plain_text)) ||
           is_in_ranges(code_point, not_canonical, RANGE_COUNT(not_canonical)) ||
           is_in_ranges(code_point, display_changing, RANGE_COUNT(display_changing)) ||
           is_in_ranges(code_point, tagging, RANGE_COUNT(tagging));
}

/* Decodes one strict UTF-8 sequence (no overlongs, no surrogates, at most
 * U+10FFFF). Returns its byte length, or 0 when invalid. */
static size_t decode_utf8(const unsigned char *bytes, size_t available, uint32_t *code_point)
{
    unsigned char lead = bytes[0];
    size_t length;
    uint32_t value;
    uint32_t minimum;
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1Fu;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0Fu;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (available < length) {
        return 0;
    }
    for (size_t i = 1; i < length; i++) {
        if ((bytes[i] & 0xC0) != 0x80) {
            return 0;
        }
        value = value << 6 | (bytes[i] & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    *code_point = value;
    return length;
}

static size_t encode_utf8(uint32_t code_point, unsigned char *out)
{
    if (code_point < 0x80) {
        out[0] = (unsigned char)code_point;
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = (unsigned char)(0xC0 | (code_point >> 6));
        out[1] = (unsigned char)(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (code_point >> 12));
        out[1] = (unsigned char)(0x80 | ((code_point >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (code_point >> 18));
    out[1] = (unsigned char)(0x80 | ((code_point >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((code_point >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (code_point & 0x3F));
    return 4;
}

static const struct saslprep_decomposition *find_decomposition(uint32_t code_point)
{
    size_t low = 0;
    size_t high = saslprep_decomposition_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        uint32_t at = saslprep_decompositions[middle].code_point;
        if (code_point < at) {
            high = middle;
        } else if (code_point > at) {
            low = middle + 1;
        } else {
            return &saslprep_decompositions[middle];
        }
    }
    return NULL;
}

static uint8_t combining_class_of(uint32_t code_point)
{
    size_t low = 0;
    size_t high = saslprep_combining_class_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct saslprep_class_range *range = &saslprep_combining_classes[middle];
        if (code_point < range->first) {
            high = middle;
        } else if (code_point > range->last) {
            low = middle + 1;
        } else {
            return range->combining_class;
        }
    }
    return 0;
}

/* The primary composite of first+second, or 0 when there is none. */
static uint32_t compose_pair(uint32_t first, uint32_t second)
{
    if (first >= HANGUL_L_BASE && first < HANGUL_L_BASE + HANGUL_L_COUNT &&
        second >= HANGUL_V_BASE && second < HANGUL_V_BASE + HANGUL_V_COUNT) {
        return HANGUL_S_BASE +
               ((first - HANGUL_L_BASE) * HANGUL_V_COUNT + (second - HANGUL_V_BASE)) *
                   HANGUL_T_COUNT;
    }
    if (first >= HANGUL_S_BASE && first < HANGUL_S_BASE + HANGUL_S_COUNT &&
        (first - HANGUL_S_BASE) % HANGUL_T_COUNT == 0 && second > HANGUL_T_BASE &&
        second < HANGUL_T_BASE + HANGUL_T_COUNT) {
        return first + (second - HANGUL_T_BASE);
    }
    size_t low = 0;
    size_t high = saslprep_composition_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct saslprep_composition *pair = &saslprep_compositions[middle];
        if (first < pair->first || (first == pair->first && second < pair->second)) {
            high = middle;
        } else if (first > pair->first || second > pair->second) {
            low = middle + 1;
        } else {
            return pair->composite;
        }
    }
    return 0;
}

/* Number of code points the full compatibility decomposition yields. */
static size_t decomposed_length(uint32_t code_point)
{
    if (code_point >= HANGUL_S_BASE && code_point < HANGUL_S_BASE + HANGUL_S_COUNT) {
        return (code_point - HANGUL_S_BASE) % HANGUL_T_COUNT == 0 ? 2 : 3;
    }
    const struct saslprep_decomposition *entry = find_decomposition(code_point);
    return entry == NULL ? 1 : entry->length;
}

/* Writes the decomposition of code_point at out; returns the count. */
static size_t decompose_into(uint32_t code_point, uint32_t *out)
{
    if (code_point >= HANGUL_S_BASE && code_point < HANGUL_S_BASE + HANGUL_S_COUNT) {
        uint32_t index = code_point - HANGUL_S_BASE;
        out[0] = HANGUL_L_BASE + index / HANGUL_N_COUNT;
        out[1] = HANGUL_V_BASE + (index % HANGUL_N_COUNT) / HANGUL_T_COUNT;
        if (index % HANGUL_T_COUNT == 0) {
            return 2;
        }
        out[2] = HANGUL_T_BASE + index % HANGUL_T_COUNT;
        return 3;
    }
    const struct saslprep_decomposition *entry = find_decomposition(code_point);
    if (entry == NULL) {
        out[0] = code_point;
        return 1;
    }
    memcpy(out, &saslprep_decomposition_pool[entry->pool_offset],
           entry->length * sizeof(uint32_t));
    return entry->length;
}

/* Canonical ordering: a stable sort of each run of non-starters by
 * combining class (insertion sort; passwords are short). */
static void order_canonically(uint32_t *code_points, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        uint8_t current_class = combining_class_of(code_points[i]);
        if (current_class == 0) {
            continue;
        }
        size_t j = i;
        while (j > 0) {
            uint8_t previous_class = combining_class_of(code_points[j - 1]);
            if (previous_class <= current_class) {
                break;
            }
            uint32_t swap = code_points[j - 1];
            code_points[j - 1] = code_points[j];
            code_points[j] = swap;
            j--;
        }
    }
}

/* Canonical composition in place (Unicode Standard section 3.11). */
static size_t compose_canonically(uint32_t *code_points, size_t count)
{
    if (count == 0) {
        return 0;
    }
    size_t starter = 0;
    bool has_starter = combining_class_of(code_points[0]) == 0;
    unsigned last_class = combining_class_of(code_points[0]);
    size_t kept = 1;
    for (size_t i = 1; i < count; i++) {
        uint32_t current = code_points[i];
        unsigned current_class = combining_class_of(current);
        /* Blocked when a character between the starter and this one is a
         * starter or has a class at least as high. */
        bool is_blocked = !(last_class == 0 || last_class < current_class);
        if (has_starter && !is_blocked) {
            uint32_t composite = compose_pair(code_points[starter], current);
            if (composite != 0) {
                code_points[starter] = composite;
                continue;
            }
        }
        if (current_class == 0) {
            starter = kept;
            has_starter = true;
        }
        last_class = current_class;
        code_points[kept++] = current;
    }
    return kept;
}

static void wipe_and_free_code_points(uint32_t *code_points, size_t count)
{
    if (code_points != NULL) {
        secret_wipe_memory(code_points, count * sizeof(uint32_t));
        alloc_free(code_points);
    }
}

/* RFC 3454 section 6: a string with RandALCat characters has no LCat
 * character and starts and ends with RandALCat. */
static bool satisfies_bidi_rules(const uint32_t *code_points, size_t count)
{
    bool has_rand_al = false;
    bool has_left_to_right = false;
    for (size_t i = 0; i < count; i++) {
        if (is_in_generated_ranges(code_points[i], saslprep_rand_al_ranges,
                                   saslprep_rand_al_range_count)) {
            has_rand_al = true;
        }
        if (is_in_generated_ranges(code_points[i], saslprep_left_to_right_ranges,
                                   saslprep_left_to_right_range_count)) {
            has_left_to_right = true;
        }
    }
    if (!has_rand_al) {
        return true;
    }
    if (has_left_to_right) {
        return false;
    }
    return is_in_generated_ranges(code_points[0], saslprep_rand_al_ranges,
                                  saslprep_rand_al_range_count) &&
           is_in_generated_ranges(code_points[count - 1], saslprep_rand_al_ranges,
                                  saslprep_rand_al_range_count);
}

/* ASCII needs no mapping or normalization; only control characters are
 * prohibited. */
static enum saslprep_result prepare_ascii(const char *input, size_t length, char **out,
                                          size_t *out_length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)input[i];
        if (byte < 0x20 || byte == 0x7F) {
            return SASLPREP_USE_RAW;
        }
    }
    char *copy = alloc_strndup(input, length);
    if (copy == NULL) {
        return SASLPREP_NO_MEMORY;
    }
    *out = copy;
    *out_length = length;
    return SASLPREP_OK;
}

/* Decodes and maps (RFC 4013 section 2.1) into a new array. */
static enum saslprep_result decode_and_map(const unsigned char *bytes, size_t length,
                                           uint32_t **mapped_out, size_t *count_out)
{
    uint32_t *mapped = alloc_array(length, sizeof(uint32_t));
    if (mapped == NULL) {
        return SASLPREP_NO_MEMORY;
    }
    size_t count = 0;
    size_t offset = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t used = decode_utf8(bytes + offset, length - offset, &code_point);
        if (used == 0) {
            wipe_and_free_code_points(mapped, length);
            return SASLPREP_USE_RAW;
        }
        offset += used;
        if (is_in_ranges(code_point, non_ascii_spaces, RANGE_COUNT(non_ascii_spaces))) {
            mapped[count++] = 0x20;
        } else if (!is_in_ranges(code_point, mapped_to_nothing,
                                 RANGE_COUNT(mapped_to_nothing))) {
            mapped[count++] = code_point;
        }
    }
    *mapped_out = mapped;
    *count_out = count;
    return SASLPREP_OK;
}

/* NFKC of code_points[0..count) into a new array. */
static enum saslprep_result normalize_nfkc(const uint32_t *code_points, size_t count,
                                           uint32_t **normalized_out, size_t *capacity_out,
                                           size_t *count_out)
{
    size_t capacity = 0;
    for (size_t i = 0; i < count; i++) {
        capacity += decomposed_length(code_points[i]);
    }
    uint32_t *normalized = alloc_array(capacity, sizeof(uint32_t));
    if (normalized == NULL) {
        return SASLPREP_NO_MEMORY;
    }
    size_t decomposed = 0;
    for (size_t i = 0; i < count; i++) {
        decomposed += decompose_into(code_points[i], normalized + decomposed);
    }
    order_canonically(normalized, decomposed);
    *normalized_out = normalized;
    *capacity_out = capacity;
    *count_out = compose_canonically(normalized, decomposed);
    return SASLPREP_OK;
}

static enum saslprep_result encode_result(const uint32_t *code_points, size_t count, char **out,
                                          size_t *out_length)
{
    size_t length = 0;
    unsigned char scratch[4];
    for (size_t i = 0; i < count; i++) {
        length += encode_utf8(code_points[i], scratch);
    }
    secret_wipe_memory(scratch, sizeof scratch);
    char *text = alloc_zeroed(length + 1);
    if (text == NULL) {
        return SASLPREP_NO_MEMORY;
    }
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        at += encode_utf8(code_points[i], (unsigned char *)text + at);
    }
    text[at] = '\0';
    *out = text;
    *out_length = at;
    return SASLPREP_OK;
}

enum saslprep_result saslprep_prepare(const char *input, size_t length, char **out,
                                      size_t *out_length)
{
    if (input == NULL && length > 0) {
        return SASLPREP_USE_RAW;
    }
    const unsigned char *bytes = (const unsigned char *)(input == NULL ? "" : input);
    bool is_ascii = true;
    for (size_t i = 0; i < length; i++) {
        if (bytes[i] >= 0x80) {
            is_ascii = false;
            break;
        }
    }
    if (is_ascii) {
        return prepare_ascii((const char *)bytes, length, out, out_length);
    }

    uint32_t *mapped = NULL;
    size_t mapped_count = 0;
    enum saslprep_result result = decode_and_map(bytes, length, &mapped, &mapped_count);
    if (result != SASLPREP_OK) {
        return result;
    }
    uint32_t *normalized = NULL;
    size_t normalized_capacity = 0;
    size_t normalized_count = 0;
    result = normalize_nfkc(mapped, mapped_count, &normalized, &normalized_capacity,
                            &normalized_count);
    wipe_and_free_code_points(mapped, length);
    if (result != SASLPREP_OK) {
        return result;
    }
    for (size_t i = 0; i < normalized_count; i++) {
        if (is_prohibited(normalized[i])) {
            result = SASLPREP_USE_RAW;
            break;
        }
    }
    if (result == SASLPREP_OK && !satisfies_bidi_rules(normalized, normalized_count)) {
        result = SASLPREP_USE_RAW;
    }
    if (result == SASLPREP_OK) {
        result = encode_result(normalized, normalized_count, out, out_length);
    }
    wipe_and_free_code_points(normalized, normalized_capacity);
    return result;
}
