/* Cryptographic primitives: SHA-256, HMAC-SHA-256, PBKDF2 (SCRAM's Hi()),
 * MD5 hex (PostgreSQL md5 authentication), random bytes and constant-time
 * comparison. Owns: every use of libcrypto in util/ (STYLE.md dependency
 * table). Leaves protocol meaning to wire/auth_md5.c and wire/auth_scram.c.
 * References: FIPS 180-4, RFC 2104, RFC 8018 (PBKDF2), RFC 1321. */
#include "util/crypto.h"

#include <limits.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

int crypto_sha256(const void *data, size_t length, unsigned char out[CRYPTO_SHA256_BYTES])
{
    unsigned int digest_length = 0;
    if (EVP_Digest(data, length, out, &digest_length, EVP_sha256(), NULL) != 1 ||
        digest_length != CRYPTO_SHA256_BYTES) {
        return -1;
    }
    return 0;
}

int crypto_hmac_sha256(const void *key, size_t key_length, const void *data, size_t length,
                       unsigned char out[CRYPTO_SHA256_BYTES])
{
    if (key_length > INT_MAX) {
        return -1;
    }
    unsigned int mac_length = 0;
    /* HMAC() refuses a NULL key; an empty key is legitimate. */
    static const unsigned char empty_key[1] = {0};
    if (HMAC(EVP_sha256(), key_length > 0 ? key : empty_key, (int)key_length, data, length,
             out, &mac_length) == NULL ||
        mac_length != CRYPTO_SHA256_BYTES) {
        return -1;
    }
    return 0;
}

int crypto_pbkdf2_sha256(const void *password, size_t password_length, const void *salt,
                         size_t salt_length, uint32_t iterations,
                         unsigned char out[CRYPTO_SHA256_BYTES])
{
    if (password_length > INT_MAX || salt_length > INT_MAX || iterations == 0 ||
        iterations > INT_MAX) {
        return -1;
    }
    static const unsigned char empty[1] = {0};
    if (PKCS5_PBKDF2_HMAC(password_length > 0 ? password : (const void *)empty,
                          (int)password_length, salt_length > 0 ? salt : (const void *)empty,
                          (int)salt_length, (int)iterations, EVP_sha256(),
                          CRYPTO_SHA256_BYTES, out) != 1) {
        return -1;
    }
    return 0;
}

int crypto_md5_hex(const void *a, size_t a_length, const void *b, size_t b_length,
                   char out[CRYPTO_MD5_HEX_CHARS + 1])
{
    static const char hex_digits[] = "0123456789abcdef";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    int status = -1;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context == NULL) {
        return -1;
    }
    if (EVP_DigestInit_ex(context, EVP_md5(), NULL) == 1 &&
        EVP_DigestUpdate(context, a, a_length) == 1 &&
        EVP_DigestUpdate(context, b, b_length) == 1 &&
        EVP_DigestFinal_ex(context, digest, &digest_length) == 1 &&
        digest_length * 2 == CRYPTO_MD5_HEX_CHARS) {
        for (unsigned int i = 0; i < digest_length; i++) {
            out[2 * i] = hex_digits[digest[i] >> 4];
            out[2 * i + 1] = hex_digits[digest[i] & 0x0F];
        }
        out[CRYPTO_MD5_HEX_CHARS] = '\0';
        status = 0;
    }
    EVP_MD_CTX_free(context);
    return status;
}

int crypto_random_bytes(unsigned char *out, size_t length)
{
    while (length > 0) {
        int chunk = length > INT_MAX ? INT_MAX : (int)length;
        if (RAND_bytes(out, chunk) != 1) {
            return -1;
        }
        out += chunk;
        length -= (size_t)chunk;
    }
    return 0;
}

int crypto_equal_constant_time(const void *a, const void *b, size_t length)
{
    return CRYPTO_memcmp(a, b, length) == 0 ? 1 : 0;
}
