/* Fuzz target: the UTF-8 ⇄ UTF-16 conversions of the ODBC W entry points
 * (util/utf16.c): driver text going out (diagnostics, names, values the
 * server sent, malformed or not) and application text coming in (SQL,
 * connection strings, with lone surrogates or not). Input: byte 0 holds
 * the output capacity in units (0-255; 255: ample), the rest is the text,
 * read as UTF-8 and, its even length, as UTF-16 units, each in a heap
 * block of its exact size, as is every output buffer.
 *
 * Invariants checked (abort with a message when one breaks):
 * - UTF-8 → UTF-16: at most capacity-1 units then a zero unit; total_units
 *   is utf16_length_of_utf8; the units are well-formed UTF-16 (no lone
 *   surrogate, so a truncation never splits a pair); converted back they
 *   give the input bytes when the input was well-formed UTF-8.
 * - UTF-16 → UTF-8: measuring and converting agree; on success, converted
 *   back the text gives the same units. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "util/utf16.h"

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "utf16_fuzz: invariant broken: %s\n", what);
    abort();
}

static bool is_well_formed_utf16(const uint16_t *units, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        if (units[i] >= 0xD800 && units[i] <= 0xDBFF) {
            if (i + 1 >= count || units[i + 1] < 0xDC00 || units[i + 1] > 0xDFFF) {
                return false;
            }
            ++i;
        } else if (units[i] >= 0xDC00 && units[i] <= 0xDFFF) {
            return false;
        }
    }
    return true;
}

static void utf8_out(const char *text, size_t length, size_t capacity)
{
    uint16_t *units = malloc((capacity > 0 ? capacity : 1) * sizeof *units);
    if (units == NULL) {
        return;
    }
    struct utf16_written written;
    utf16_from_utf8(text, length, capacity > 0 ? units : NULL, capacity, &written);
    if (written.total_units != utf16_length_of_utf8(text, length)) {
        fuzz_fail("total_units differs from utf16_length_of_utf8");
    }
    if (written.consumed_bytes > length || written.written_units > written.total_units) {
        fuzz_fail("more consumed or written than there is");
    }
    if (capacity > 0) {
        if (written.written_units > capacity - 1 || units[written.written_units] != 0) {
            fuzz_fail("the output overflows or lacks its zero unit");
        }
        if (!is_well_formed_utf16(units, written.written_units)) {
            fuzz_fail("the output is not well-formed UTF-16");
        }
        if (written.is_truncated != (written.written_units < written.total_units)) {
            fuzz_fail("is_truncated disagrees with the counts");
        }
        /* Back to UTF-8: the consumed bytes again, when they were valid. */
        size_t back_length = 0;
        size_t bad = 0;
        if (utf16_to_utf8(units, written.written_units, NULL, 0, &back_length, &bad) != 0) {
            fuzz_fail("well-formed UTF-16 does not convert back");
        }
        char *back = malloc(back_length > 0 ? back_length : 1);
        if (back != NULL) {
            size_t again = 0;
            if (utf16_to_utf8(units, written.written_units, back, back_length, &again, &bad) !=
                    0 ||
                again != back_length) {
                fuzz_fail("converting back into the measured size failed");
            }
            bool replaced = false;
            for (size_t i = 0; i < written.written_units; ++i) {
                replaced |= units[i] == UTF16_REPLACEMENT_CHARACTER;
            }
            if (!replaced && (again != written.consumed_bytes ||
                              memcmp(back, text, written.consumed_bytes) != 0)) {
                fuzz_fail("valid UTF-8 did not survive the round trip");
            }
            free(back);
        }
    }
    free(units);
}

static void utf16_in(const uint16_t *units, size_t count)
{
    size_t length = 0;
    size_t bad = 0;
    if (utf16_to_utf8(units, count, NULL, 0, &length, &bad) != 0) {
        if (bad >= count || is_well_formed_utf16(units, count)) {
            fuzz_fail("measuring refused well-formed UTF-16 or named no unit");
        }
        return;
    }
    char *text = malloc(length > 0 ? length : 1);
    if (text == NULL) {
        return;
    }
    size_t converted = 0;
    if (utf16_to_utf8(units, count, text, length, &converted, &bad) != 0 || converted != length) {
        fuzz_fail("converting into the measured size failed");
    }
    uint16_t *again = malloc((count + 1) * sizeof *again);
    if (again != NULL) {
        struct utf16_written written;
        utf16_from_utf8(text, length, again, count + 1, &written);
        if (written.written_units != count ||
            (count > 0 && memcmp(again, units, count * sizeof *units) != 0)) {
            fuzz_fail("UTF-16 did not survive the round trip");
        }
        free(again);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    size_t capacity = data[0] == 255 ? size * 2 + 1 : data[0];
    size_t length = size - 1;
    char *text = malloc(length > 0 ? length : 1);
    if (text == NULL) {
        return 0;
    }
    if (length > 0) {
        memcpy(text, data + 1, length);
    }
    utf8_out(text, length, capacity);
    size_t count = length / 2;
    uint16_t *units = malloc(count > 0 ? count * sizeof *units : 1);
    if (units != NULL) {
        if (count > 0) {
            memcpy(units, text, count * sizeof *units);
        }
        utf16_in(units, count);
        free(units);
    }
    free(text);
    return 0;
}
