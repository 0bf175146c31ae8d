/* Exact number parsing: the whole input must be the number, within a
 * maximum. No strtol without an end check anywhere else. */
#ifndef PGO_UTIL_PARSE_H
#define PGO_UTIL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"

/* Decimal digits only (no sign, no spaces, no empty input), value <= max. */
bool parse_uint(const char *text, size_t length, uint64_t max, uint64_t *out) PGO_MUST_CHECK;
/* Signed decimal integer within [min, max]. */
bool parse_int(const char *text, size_t length, int64_t min, int64_t max,
               int64_t *out) PGO_MUST_CHECK;
/* Non-negative seconds with optional fraction ("2", "0.5", "1.250") into
 * milliseconds, rounded up to a whole millisecond, at most max_ms. */
bool parse_seconds_to_ms(const char *text, size_t length, int64_t max_ms,
                         int64_t *out_ms) PGO_MUST_CHECK;
/* The value of one hexadecimal digit (0-9, a-f, A-F), or -1. */
int parse_hex_digit(unsigned char digit);
/* Case-insensitive ASCII comparison of a counted string with a C string. */
bool parse_equals_ignore_case(const char *text, size_t length, const char *word);

#endif
