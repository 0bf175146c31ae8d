/* The MD5 password mechanism (AuthenticationMD5Password).
 * Owns: the hash the server expects, "md5" + md5hex(md5hex(password + user)
 * + salt) ("Message Flow", protocol-flow.html, PostgreSQL 15). Leaves the
 * policy (is a password given, is the salt 4 bytes) to auth.c. The inner
 * hash is password-equivalent and is wiped. */
#include <string.h>
#include "util/crypto.h"
#include "util/secret.h"
#include "wire/auth.h"

int wire_md5_build_password(const char *user, size_t user_length, const char *password,
                      size_t password_length, const unsigned char salt[WIRE_MD5_SALT_BYTES],
                      char out[WIRE_MD5_PASSWORD_CHARS + 1])
{
    char inner[CRYPTO_MD5_HEX_CHARS + 1];
    char outer[CRYPTO_MD5_HEX_CHARS + 1];
    int failed = crypto_md5_hex(password, password_length, user, user_length, inner);
    if (failed == 0) {
        failed = crypto_md5_hex(inner, CRYPTO_MD5_HEX_CHARS, salt, WIRE_MD5_SALT_BYTES, outer);
    }
    secret_wipe_memory(inner, sizeof inner);
    if (failed != 0) {
        secret_wipe_memory(outer, sizeof outer);
        return -1;
    }
    memcpy(out, "md5", 3);
    memcpy(out + 3, outer, CRYPTO_MD5_HEX_CHARS);
    out[WIRE_MD5_PASSWORD_CHARS] = '\0';
    secret_wipe_memory(outer, sizeof outer);
    return 0;
}
