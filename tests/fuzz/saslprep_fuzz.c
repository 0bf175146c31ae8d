/* Fuzz target: SASLprep (util/saslprep.c) over arbitrary password bytes,
 * in a heap block of their exact size (no NUL after them), so ASan catches
 * a read past the input; every intermediate buffer SASLprep allocates is
 * checked by ASan the same way.
 *
 * Invariants checked (abort with a message when one breaks):
 * - SASLPREP_OK: *out is a NUL-terminated string of *out_length bytes with
 *   no NUL inside, valid UTF-8 (at most 4 bytes per code point, no
 *   surrogate, nothing past U+10FFFF); prepared again, it stays OK.
 * - SASLPREP_USE_RAW: *out is left NULL.
 * - Nothing else but SASLPREP_NO_MEMORY. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "util/saslprep.h"
#include "util/secret.h"

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "saslprep_fuzz: invariant broken: %s\n", what);
    abort();
}

/* Strict UTF-8 (RFC 3629): shortest forms only, no surrogates. */
static bool is_valid_utf8(const unsigned char *s, size_t length)
{
    size_t i = 0;
    while (i < length) {
        unsigned char c = s[i];
        size_t extra;
        uint32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (length - i <= extra) {
            return false;
        }
        for (size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0u) != 0x80u) {
                return false;
            }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

static void release(char *prepared, size_t length)
{
    if (prepared != NULL) {
        secret_wipe_memory(prepared, length);
        free(prepared);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *input = malloc(size > 0 ? size : 1);
    if (input == NULL) {
        return 0;
    }
    if (size > 0) {
        memcpy(input, data, size);
    }
    char *prepared = NULL;
    size_t prepared_length = 0;
    enum saslprep_result result = saslprep_prepare(input, size, &prepared, &prepared_length);
    if (result == SASLPREP_OK) {
        if (prepared == NULL) {
            fuzz_fail("OK without a string");
        }
        if (prepared[prepared_length] != '\0' || strlen(prepared) != prepared_length) {
            fuzz_fail("the length is not the string's");
        }
        if (!is_valid_utf8((const unsigned char *)prepared, prepared_length)) {
            fuzz_fail("the prepared string is not valid UTF-8");
        }
        char *again = NULL;
        size_t again_length = 0;
        enum saslprep_result second =
            saslprep_prepare(prepared, prepared_length, &again, &again_length);
        if (second == SASLPREP_USE_RAW) {
            fuzz_fail("a prepared string is refused when prepared again");
        }
        release(again, again_length);
    } else if (result == SASLPREP_USE_RAW) {
        if (prepared != NULL) {
            fuzz_fail("USE_RAW with a string");
        }
    } else if (result != SASLPREP_NO_MEMORY) {
        fuzz_fail("an unknown result");
    }
    release(prepared, prepared_length);
    free(input);
    return 0;
}
