/* struct secret: passwords and key passphrases.
 * Owns: a heap copy of the secret bytes, wiped when reset.
 * No formatting function accepts it: the only way to the bytes is
 * secret_reveal, so every use is greppable. Secrets never reach traces. */
#ifndef PGO_UTIL_SECRET_H
#define PGO_UTIL_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include "util/compiler.h"

struct secret {
    unsigned char *bytes_; /* private: use secret_reveal */
    size_t length_;
    bool is_set_;
};

void secret_init(struct secret *secret);
/* Copies length_bytes bytes (an empty secret is still "set"). 0 or -1 (no memory). */
int secret_set(struct secret *secret, const char *bytes, size_t length_bytes) PGO_MUST_CHECK;
int secret_copy(struct secret *to, const struct secret *from) PGO_MUST_CHECK;
bool secret_is_set(const struct secret *secret);
/* Borrowed view, NUL-terminated, valid until the secret is reset or set again. */
const char *secret_reveal(const struct secret *secret, size_t *length_bytes);
void secret_reset(struct secret *secret); /* wipes and frees */

/* Zeroes memory in a way the compiler may not remove. */
void secret_wipe_memory(void *memory, size_t length_bytes);

#endif
