/* Standard base64 (RFC 4648, with padding), as SCRAM uses it. */
#ifndef PGO_UTIL_BASE64_H
#define PGO_UTIL_BASE64_H

#include <stddef.h>
#include "util/compiler.h"

size_t base64_encoded_length(size_t length_bytes); /* without the NUL */
/* Writes the encoding and a NUL; out_capacity must be >= encoded length + 1. */
int base64_encode(const void *data, size_t length, char *out, size_t out_capacity) PGO_MUST_CHECK;
/* Strict decoding: padding required, no whitespace; -1 on any bad input or
 * when the result would exceed out_capacity. */
int base64_decode(const char *text, size_t length, unsigned char *out, size_t out_capacity,
                  size_t *out_length) PGO_MUST_CHECK;

#endif
