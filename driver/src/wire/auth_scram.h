/* SCRAM-SHA-256 and SCRAM-SHA-256-PLUS client (RFC 5802, RFC 7677; channel
 * binding tls-server-end-point, RFC 5929) as explicit states: bytes in,
 * bytes out, no I/O. auth.c moves the bytes and decides the policy.
 *
 * Steps: wire_scram_start → wire_scram_client_first (client-first-message)
 * → wire_scram_client_final (given server-first-message) →
 * wire_scram_verify_server_final (given server-final-message). Any failure
 * puts the exchange in the failed state, where every step fails.
 * Secrets (the prepared password, the salted password, the client key)
 * are wiped as soon as they are no longer needed, and by wire_scram_reset. */
#ifndef PGO_WIRE_AUTH_SCRAM_H
#define PGO_WIRE_AUTH_SCRAM_H

#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/compiler.h"
#include "util/crypto.h"
#include "util/error.h"
#include "wire/limits.h"

#define WIRE_SCRAM_MECHANISM "SCRAM-SHA-256"
#define WIRE_SCRAM_PLUS_MECHANISM "SCRAM-SHA-256-PLUS"

enum wire_scram_binding {
    WIRE_SCRAM_BINDING_NOT_SUPPORTED = 0, /* gs2 flag 'n': no TLS */
    WIRE_SCRAM_BINDING_NOT_OFFERED,       /* gs2 flag 'y': TLS, but no -PLUS offered */
    WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT /* 'p=tls-server-end-point': -PLUS */
};

enum wire_scram_step {
    WIRE_SCRAM_STEP_NONE = 0,
    WIRE_SCRAM_STEP_STARTED,       /* wire_scram_start done */
    WIRE_SCRAM_STEP_SENT_FIRST,    /* client-first-message built */
    WIRE_SCRAM_STEP_SENT_FINAL,    /* client-final-message built */
    WIRE_SCRAM_STEP_VERIFIED,      /* server signature matched */
    WIRE_SCRAM_STEP_FAILED
};

struct wire_scram {
    enum wire_scram_step step;
    enum wire_scram_binding binding;
    unsigned char binding_data[WIRE_CHANNEL_BINDING_MAX_BYTES];
    size_t binding_data_length;
    char *password; /* SASLprep'ed (or raw) copy; wiped after salting */
    size_t password_length;
    struct buf auth_message; /* client-first-bare "," server-first "," client-final-without-proof */
    char client_nonce[WIRE_SCRAM_MAX_NONCE_CHARS + 1];
    size_t client_nonce_length;
    unsigned char server_signature[CRYPTO_SHA256_BYTES];
};

/* Prepares an exchange (scram zeroed or reset before). The password goes
 * through SASLprep (used raw when SASLprep refuses it). binding_data is the
 * peer certificate hash for TLS_SERVER_END_POINT, else ignored.
 * test_nonce replaces the random client nonce (tests only; NULL otherwise). */
int wire_scram_start(struct wire_scram *scram, const char *password,
                     size_t password_length, enum wire_scram_binding binding,
                     const unsigned char *binding_data, size_t binding_data_length,
                     const char *test_nonce, struct error *error) PGO_MUST_CHECK;

/* Appends the client-first-message (gs2 header + bare) to out. username is
 * escaped as a saslname; PostgreSQL ignores it and the driver sends "". */
int wire_scram_client_first(struct wire_scram *scram, const char *username, struct buf *out,
                            struct error *error) PGO_MUST_CHECK;

/* Checks server-first-message (nonce starts with ours, salt is base64,
 * iteration count from 1 to WIRE_SCRAM_MAX_ITERATIONS) and appends the
 * client-final-message with the proof to out. */
int wire_scram_client_final(struct wire_scram *scram, const unsigned char *server_first,
                            size_t server_first_length, struct buf *out,
                            struct error *error) PGO_MUST_CHECK;

/* Checks server-final-message: "v=" and the server signature, compared in
 * constant time. "e=..." is the server's refusal. */
int wire_scram_verify_server_final(struct wire_scram *scram, const unsigned char *server_final,
                                   size_t server_final_length,
                                   struct error *error) PGO_MUST_CHECK;

bool wire_scram_is_verified(const struct wire_scram *scram);
const char *wire_scram_mechanism_name(enum wire_scram_binding binding);
/* Wipes and frees everything; the struct may be started again. */
void wire_scram_reset(struct wire_scram *scram);

#endif
