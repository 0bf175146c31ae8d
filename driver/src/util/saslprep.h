/* SASLprep (RFC 4013) for SCRAM passwords, with the server's rule that a
 * password SASLprep rejects (or that is not valid UTF-8) is used as is. */
#ifndef PGO_UTIL_SASLPREP_H
#define PGO_UTIL_SASLPREP_H

#include <stddef.h>
#include "util/compiler.h"

enum saslprep_result {
    SASLPREP_OK = 0,        /* *out holds the prepared string (heap, NUL-terminated) */
    SASLPREP_USE_RAW = 1,   /* input is not valid UTF-8 or is prohibited: use it raw */
    SASLPREP_NO_MEMORY = -1
};

/* *out is heap memory the caller wipes and frees (secret_wipe_memory + free). */
enum saslprep_result saslprep_prepare(const char *input, size_t length, char **out,
                                      size_t *out_length) PGO_MUST_CHECK;

#endif
