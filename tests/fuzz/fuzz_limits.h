/* Bounds shared by the fuzz targets that reach SCRAM: a server-first
 * message may legally ask for up to WIRE_SCRAM_MAX_ITERATIONS (10 million)
 * PBKDF2 rounds, which is seconds per input and only slows fuzzing without
 * exercising any more parsing. Inputs naming a larger count are skipped.
 * The bound is small: at 4096 rounds PBKDF2 alone held the scram target
 * to about 1,200 executions a second; the rounds are one OpenSSL call
 * whatever their count, so fewer lose no coverage of our code. */
#ifndef PGO_TESTS_FUZZ_LIMITS_H
#define PGO_TESTS_FUZZ_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FUZZ_MAX_SCRAM_ITERATIONS 64u

/* True when some "i=" in the bytes is followed by a decimal number larger
 * than FUZZ_MAX_SCRAM_ITERATIONS (leading zeros included in the count of
 * digits, so a long run of them is skipped too). */
static inline bool fuzz_names_costly_iterations(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + 2 < size; ++i) {
        if (data[i] != 'i' || data[i + 1] != '=') {
            continue;
        }
        uint64_t value = 0;
        size_t digits = 0;
        for (size_t j = i + 2; j < size && data[j] >= '0' && data[j] <= '9'; ++j) {
            value = value * 10u + (uint64_t)(data[j] - '0');
            if (++digits > 9 || value > FUZZ_MAX_SCRAM_ITERATIONS) {
                return true;
            }
        }
    }
    return false;
}

#endif
