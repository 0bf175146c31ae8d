/* struct secret: passwords and key passphrases, wiped when released.
 * Owns: the heap copy of the secret bytes (always followed by a NUL so
 * secret_reveal can hand out a C string). Leaves tracing and formatting
 * to nobody: the bytes leave only through secret_reveal. */
#include "util/secret.h"

#include <string.h>

#include "util/alloc.h"

void secret_wipe_memory(void *memory, size_t length_bytes)
{
    if (memory == NULL) {
        return;
    }
#if defined(__GLIBC__) || defined(__FreeBSD__) || defined(__OpenBSD__)
    /* explicit_bzero: a memset the compiler may not remove, at memset's
     * speed (a connection's free wipes its 64 KiB read buffer). */
    explicit_bzero(memory, length_bytes);
#else
    /* A volatile pointer keeps the compiler from removing the stores to
     * memory that is about to be freed. */
    volatile unsigned char *bytes = memory;
    for (size_t i = 0; i < length_bytes; i++) {
        bytes[i] = 0;
    }
#endif
}

void secret_init(struct secret *secret)
{
    secret->bytes_ = NULL;
    secret->length_ = 0;
    secret->is_set_ = false;
}

void secret_reset(struct secret *secret)
{
    if (secret->bytes_ != NULL) {
        secret_wipe_memory(secret->bytes_, secret->length_ + 1);
        alloc_free(secret->bytes_);
    }
    secret_init(secret);
}

int secret_set(struct secret *secret, const char *bytes, size_t length_bytes)
{
    char *copy = alloc_strndup(length_bytes > 0 ? bytes : "", length_bytes);
    if (copy == NULL) {
        return -1;
    }
    secret_reset(secret);
    secret->bytes_ = (unsigned char *)copy;
    secret->length_ = length_bytes;
    secret->is_set_ = true;
    return 0;
}

int secret_copy(struct secret *to, const struct secret *from)
{
    if (to == from) {
        return 0;
    }
    if (!from->is_set_) {
        secret_reset(to);
        return 0;
    }
    return secret_set(to, (const char *)from->bytes_, from->length_);
}

bool secret_is_set(const struct secret *secret)
{
    return secret->is_set_;
}

const char *secret_reveal(const struct secret *secret, size_t *length_bytes)
{
    if (length_bytes != NULL) {
        *length_bytes = secret->length_;
    }
    if (secret->bytes_ == NULL) {
        return "";
    }
    return (const char *)secret->bytes_;
}
