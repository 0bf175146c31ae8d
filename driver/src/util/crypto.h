/* Cryptographic primitives for authentication and TLS channel binding.
 * The only util file that includes OpenSSL (libcrypto). Pure functions:
 * bytes in, bytes out. Each returns 0 on success, -1 on failure. */
#ifndef PGO_UTIL_CRYPTO_H
#define PGO_UTIL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"

#define CRYPTO_SHA256_BYTES 32
#define CRYPTO_MD5_HEX_CHARS 32

int crypto_sha256(const void *data, size_t length, unsigned char out[CRYPTO_SHA256_BYTES])
    PGO_MUST_CHECK;
int crypto_hmac_sha256(const void *key, size_t key_length, const void *data, size_t length,
                       unsigned char out[CRYPTO_SHA256_BYTES]) PGO_MUST_CHECK;
/* SCRAM's Hi(): PBKDF2 with HMAC-SHA-256, one 32-byte block. */
int crypto_pbkdf2_sha256(const void *password, size_t password_length, const void *salt,
                         size_t salt_length, uint32_t iterations,
                         unsigned char out[CRYPTO_SHA256_BYTES]) PGO_MUST_CHECK;
/* Lower-case hex MD5 of a||b, NUL-terminated (33 bytes). */
int crypto_md5_hex(const void *a, size_t a_length, const void *b, size_t b_length,
                   char out[CRYPTO_MD5_HEX_CHARS + 1]) PGO_MUST_CHECK;
int crypto_random_bytes(unsigned char *out, size_t length) PGO_MUST_CHECK;
/* Constant-time comparison: 1 when equal. */
int crypto_equal_constant_time(const void *a, const void *b, size_t length);

#endif
