/* Authentication: the policy that answers the server's Authentication
 * requests, and the MD5 mechanism. SCRAM lives in auth_scram.h.
 * auth.c decides whether a request is acceptable before sending anything
 * (STYLE.md, "Wire input is hostile", point 8). */
#ifndef PGO_WIRE_AUTH_H
#define PGO_WIRE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include "util/compiler.h"
#include "util/error.h"
#include "wire/auth_scram.h"
#include "wire/limits.h"

struct wire_conn;

struct wire_auth {
    bool has_answered;      /* a password or SASL message was sent */
    bool is_sasl_started;   /* a SCRAM exchange began */
    struct wire_scram scram;
    const char *test_nonce; /* tests: the SCRAM client nonce; NULL = random */
};

void wire_auth_init(struct wire_auth *auth);
/* Wipes the SCRAM state. */
void wire_auth_reset(struct wire_auth *auth);

/* Handles one Authentication ('R') body: answers it when acceptable, sets
 * *is_ok on an accepted AuthenticationOk. Errors: 08001 for a method the
 * driver does not support or a missing password, 08P01 (connection
 * broken) for a malformed or out-of-order request, the SCRAM checks'
 * errors. */
int wire_auth_handle(struct wire_conn *conn, struct wire_auth *auth, const unsigned char *body,
                     size_t length_bytes, bool *is_ok, struct error *error) PGO_MUST_CHECK;

#define WIRE_MD5_PASSWORD_CHARS 35 /* "md5" and 32 hex digits */

/* "md5" + md5hex(md5hex(password + user) + salt), NUL-terminated. */
int wire_md5_build_password(const char *user, size_t user_length, const char *password,
                      size_t password_length, const unsigned char salt[WIRE_MD5_SALT_BYTES],
                      char out[WIRE_MD5_PASSWORD_CHARS + 1]) PGO_MUST_CHECK;

#endif
