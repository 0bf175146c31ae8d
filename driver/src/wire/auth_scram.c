/* SCRAM-SHA-256(-PLUS) client as explicit states: bytes in, bytes out.
 * Owns: the client nonce, the gs2 header and channel binding, parsing and
 * checking server-first and server-final, the proof and the expected
 * server signature. Leaves moving the bytes and choosing the mechanism to
 * auth.c. Implements RFC 5802 (SCRAM), RFC 7677 (SCRAM-SHA-256), RFC 5929
 * (tls-server-end-point) as PostgreSQL uses them ("SASL Authentication",
 * sasl-authentication.html). Secrets are wiped as soon as they are spent. */
#include "wire/auth_scram.h"

#include <string.h>
#include "util/alloc.h"
#include "util/base64.h"
#include "util/parse.h"
#include "util/saslprep.h"
#include "util/secret.h"
#include "wire/messages.h"

#define GS2_HEADER_MAX_CHARS 32
#define PROOF_BASE64_CHARS 64

static const char *gs2_header(enum wire_scram_binding binding)
{
    switch (binding) {
    case WIRE_SCRAM_BINDING_NOT_SUPPORTED: return "n,,";
    case WIRE_SCRAM_BINDING_NOT_OFFERED: return "y,,";
    case WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT: return "p=tls-server-end-point,,";
    }
    return "n,,";
}

const char *wire_scram_mechanism_name(enum wire_scram_binding binding)
{
    return binding == WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT ? WIRE_SCRAM_PLUS_MECHANISM
                                                              : WIRE_SCRAM_MECHANISM;
}

static void wipe_password(struct wire_scram *scram)
{
    if (scram->password != NULL) {
        secret_wipe_memory(scram->password, scram->password_length);
        alloc_free(scram->password);
    }
    scram->password = NULL;
    scram->password_length = 0;
}

void wire_scram_reset(struct wire_scram *scram)
{
    wipe_password(scram);
    buf_wipe(&scram->auth_message);
    buf_reset(&scram->auth_message);
    secret_wipe_memory(scram, sizeof *scram);
    scram->step = WIRE_SCRAM_STEP_NONE;
}

static int fail(struct wire_scram *scram)
{
    wipe_password(scram);
    scram->step = WIRE_SCRAM_STEP_FAILED;
    return -1;
}

bool wire_scram_is_verified(const struct wire_scram *scram)
{
    return scram->step == WIRE_SCRAM_STEP_VERIFIED;
}

/* RFC 5802 "printable": %x21-2B / %x2D-7E (no comma). */
static bool is_nonce_text(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x21 || c > 0x7e || c == ',') {
            return false;
        }
    }
    return length > 0;
}

int wire_scram_start(struct wire_scram *scram, const char *password,
                     size_t password_length, enum wire_scram_binding binding,
                     const unsigned char *binding_data, size_t binding_data_length,
                     const char *test_nonce, struct error *error)
{
    memset(scram, 0, sizeof *scram);
    buf_init(&scram->auth_message, 3u * WIRE_SCRAM_MAX_MESSAGE_BYTES);
    scram->binding = binding;
    if (binding == WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT) {
        if (binding_data_length == 0 || binding_data_length > sizeof scram->binding_data) {
            error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                      "the TLS peer certificate hash for SCRAM channel binding has %zu bytes; "
                      "1 to %zu are allowed",
                      binding_data_length, sizeof scram->binding_data);
            return fail(scram);
        }
        memcpy(scram->binding_data, binding_data, binding_data_length);
        scram->binding_data_length = binding_data_length;
    }

    char *prepared = NULL;
    size_t prepared_length = 0;
    switch (saslprep_prepare(password, password_length, &prepared, &prepared_length)) {
    case SASLPREP_OK:
        scram->password = prepared;
        scram->password_length = prepared_length;
        break;
    case SASLPREP_USE_RAW:
        /* As the server does: a password SASLprep refuses is used as is. */
        scram->password = alloc_strndup(password, password_length);
        scram->password_length = password_length;
        if (scram->password == NULL) {
            error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory preparing the password");
            return fail(scram);
        }
        break;
    case SASLPREP_NO_MEMORY:
    default:
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory preparing the password");
        return fail(scram);
    }

    if (test_nonce != NULL) {
        size_t length = strlen(test_nonce);
        if (length > WIRE_SCRAM_MAX_NONCE_CHARS || !is_nonce_text(test_nonce, length)) {
            error_set(error, WIRE_SQLSTATE_CONNECT_FAILED, "the SCRAM test nonce is not valid");
            return fail(scram);
        }
        memcpy(scram->client_nonce, test_nonce, length);
        scram->client_nonce[length] = '\0';
        scram->client_nonce_length = length;
    } else {
        unsigned char raw[WIRE_SCRAM_CLIENT_NONCE_RAW_BYTES];
        if (crypto_random_bytes(raw, sizeof raw) != 0 ||
            base64_encode(raw, sizeof raw, scram->client_nonce, sizeof scram->client_nonce) !=
                0) {
            error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                      "could not generate a random SCRAM nonce");
            return fail(scram);
        }
        scram->client_nonce_length = strlen(scram->client_nonce);
    }
    scram->step = WIRE_SCRAM_STEP_STARTED;
    return 0;
}

/* saslname (RFC 5802): "=" as "=3D", "," as "=2C". */
static int append_saslname(struct buf *out, const char *name)
{
    for (const char *c = name; *c != '\0'; c++) {
        int failed;
        if (*c == '=') {
            failed = buf_append(out, "=3D", 3);
        } else if (*c == ',') {
            failed = buf_append(out, "=2C", 3);
        } else {
            failed = buf_append_u8(out, (uint8_t)*c);
        }
        if (failed != 0) {
            return -1;
        }
    }
    return 0;
}

int wire_scram_client_first(struct wire_scram *scram, const char *username, struct buf *out,
                            struct error *error)
{
    if (scram->step != WIRE_SCRAM_STEP_STARTED) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the SCRAM exchange is not at its start");
        return fail(scram);
    }
    const char *header = gs2_header(scram->binding);
    size_t bare_start = 0;
    int failed = buf_append(out, header, strlen(header));
    bare_start = out->length;
    failed |= buf_append(out, "n=", 2);
    failed |= append_saslname(out, username != NULL ? username : "");
    failed |= buf_append(out, ",r=", 3);
    failed |= buf_append(out, scram->client_nonce, scram->client_nonce_length);
    if (failed == 0) {
        failed = buf_append(&scram->auth_message, out->data + bare_start,
                            out->length - bare_start);
    }
    if (failed != 0) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building the SCRAM message");
        return fail(scram);
    }
    scram->step = WIRE_SCRAM_STEP_SENT_FIRST;
    return 0;
}

/* Splits "x=value" at the next comma: *value, *value_length, and moves *at. */
static bool take_attribute(const char *text, size_t length, size_t *at, char name,
                           const char **value, size_t *value_length)
{
    if (length - *at < 2 || text[*at] != name || text[*at + 1] != '=') {
        return false;
    }
    size_t start = *at + 2;
    size_t end = start;
    while (end < length && text[end] != ',') {
        end++;
    }
    *value = text + start;
    *value_length = end - start;
    *at = end < length ? end + 1 : end;
    return true;
}

static bool has_nul(const unsigned char *data, size_t length)
{
    return memchr(data, 0, length) != NULL;
}

static int compute_proof(struct wire_scram *scram, const unsigned char *salt, size_t salt_length,
                         uint32_t iterations, unsigned char proof[CRYPTO_SHA256_BYTES])
{
    unsigned char salted[CRYPTO_SHA256_BYTES];
    unsigned char client_key[CRYPTO_SHA256_BYTES];
    unsigned char stored_key[CRYPTO_SHA256_BYTES];
    unsigned char client_signature[CRYPTO_SHA256_BYTES];
    unsigned char server_key[CRYPTO_SHA256_BYTES];
    int failed = crypto_pbkdf2_sha256(scram->password, scram->password_length, salt,
                                      salt_length, iterations, salted);
    wipe_password(scram);
    if (failed == 0) {
        failed |= crypto_hmac_sha256(salted, sizeof salted, "Client Key", 10, client_key);
        failed |= crypto_sha256(client_key, sizeof client_key, stored_key);
        failed |= crypto_hmac_sha256(stored_key, sizeof stored_key, scram->auth_message.data,
                                     scram->auth_message.length, client_signature);
        failed |= crypto_hmac_sha256(salted, sizeof salted, "Server Key", 10, server_key);
        failed |= crypto_hmac_sha256(server_key, sizeof server_key, scram->auth_message.data,
                                     scram->auth_message.length, scram->server_signature);
        for (size_t i = 0; i < CRYPTO_SHA256_BYTES; i++) {
            proof[i] = (unsigned char)(client_key[i] ^ client_signature[i]);
        }
    }
    secret_wipe_memory(salted, sizeof salted);
    secret_wipe_memory(client_key, sizeof client_key);
    secret_wipe_memory(stored_key, sizeof stored_key);
    secret_wipe_memory(client_signature, sizeof client_signature);
    secret_wipe_memory(server_key, sizeof server_key);
    return failed != 0 ? -1 : 0;
}

int wire_scram_client_final(struct wire_scram *scram, const unsigned char *server_first,
                            size_t server_first_length, struct buf *out, struct error *error)
{
    if (scram->step != WIRE_SCRAM_STEP_SENT_FIRST) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent SASLContinue out of order in the SCRAM exchange");
        return fail(scram);
    }
    if (server_first_length == 0 || server_first_length > WIRE_SCRAM_MAX_MESSAGE_BYTES ||
        has_nul(server_first, server_first_length)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM server-first-message is empty, too long or holds a NUL");
        return fail(scram);
    }
    const char *text = (const char *)server_first;
    size_t at = 0;
    const char *nonce = NULL;
    const char *salt_text = NULL;
    const char *iteration_text = NULL;
    size_t nonce_length = 0;
    size_t salt_text_length = 0;
    size_t iteration_length = 0;
    if (!take_attribute(text, server_first_length, &at, 'r', &nonce, &nonce_length) ||
        !take_attribute(text, server_first_length, &at, 's', &salt_text, &salt_text_length) ||
        !take_attribute(text, server_first_length, &at, 'i', &iteration_text,
                        &iteration_length)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM server-first-message is malformed: \"r=\", \"s=\" and "
                  "\"i=\" are expected in that order");
        return fail(scram);
    }
    if (nonce_length <= scram->client_nonce_length || nonce_length > WIRE_SCRAM_MAX_NONCE_CHARS ||
        memcmp(nonce, scram->client_nonce, scram->client_nonce_length) != 0 ||
        !is_nonce_text(nonce, nonce_length)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM nonce does not start with the client's nonce, or is "
                  "malformed");
        return fail(scram);
    }
    unsigned char salt[WIRE_SCRAM_MAX_SALT_BYTES];
    size_t salt_length = 0;
    if (base64_decode(salt_text, salt_text_length, salt, sizeof salt, &salt_length) != 0 ||
        salt_length == 0) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM salt is not valid base64 of 1 to %u bytes",
                  WIRE_SCRAM_MAX_SALT_BYTES);
        return fail(scram);
    }
    uint64_t iterations = 0;
    if (!parse_uint(iteration_text, iteration_length, WIRE_SCRAM_MAX_ITERATIONS, &iterations) ||
        iterations == 0) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM iteration count \"%.*s\" is not a number from 1 to %u",
                  (int)(iteration_length > 20 ? 20 : iteration_length), iteration_text,
                  WIRE_SCRAM_MAX_ITERATIONS);
        return fail(scram);
    }

    /* channel-binding: base64 of the gs2 header and, for -PLUS, the hash. */
    unsigned char binding_input[GS2_HEADER_MAX_CHARS + WIRE_CHANNEL_BINDING_MAX_BYTES];
    const char *header = gs2_header(scram->binding);
    size_t header_length = strlen(header);
    memcpy(binding_input, header, header_length);
    size_t binding_input_length = header_length;
    if (scram->binding == WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT) {
        memcpy(binding_input + header_length, scram->binding_data, scram->binding_data_length);
        binding_input_length += scram->binding_data_length;
    }
    char binding_text[2 * sizeof binding_input];
    if (base64_encode(binding_input, binding_input_length, binding_text, sizeof binding_text) !=
        0) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED, "could not encode SCRAM channel binding");
        return fail(scram);
    }

    size_t final_start = out->length;
    int failed = buf_append(out, "c=", 2);
    failed |= buf_append(out, binding_text, strlen(binding_text));
    failed |= buf_append(out, ",r=", 3);
    failed |= buf_append(out, nonce, nonce_length);
    failed |= buf_append(&scram->auth_message, ",", 1);
    failed |= buf_append(&scram->auth_message, server_first, server_first_length);
    failed |= buf_append(&scram->auth_message, ",", 1);
    if (failed == 0) {
        failed = buf_append(&scram->auth_message, out->data + final_start,
                            out->length - final_start);
    }
    if (failed != 0) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building the SCRAM message");
        return fail(scram);
    }
    unsigned char proof[CRYPTO_SHA256_BYTES];
    if (compute_proof(scram, salt, salt_length, (uint32_t)iterations, proof) != 0) {
        secret_wipe_memory(proof, sizeof proof);
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED, "could not compute the SCRAM proof");
        return fail(scram);
    }
    char proof_text[PROOF_BASE64_CHARS];
    failed = base64_encode(proof, sizeof proof, proof_text, sizeof proof_text);
    secret_wipe_memory(proof, sizeof proof);
    if (failed == 0) {
        failed |= buf_append(out, ",p=", 3);
        failed |= buf_append(out, proof_text, strlen(proof_text));
    }
    secret_wipe_memory(proof_text, sizeof proof_text);
    if (failed != 0) {
        error_set(error, WIRE_SQLSTATE_NO_MEMORY, "out of memory building the SCRAM message");
        return fail(scram);
    }
    scram->step = WIRE_SCRAM_STEP_SENT_FINAL;
    return 0;
}

int wire_scram_verify_server_final(struct wire_scram *scram, const unsigned char *server_final,
                                   size_t server_final_length, struct error *error)
{
    if (scram->step != WIRE_SCRAM_STEP_SENT_FINAL) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent SASLFinal out of order in the SCRAM exchange");
        return fail(scram);
    }
    const char *text = (const char *)server_final;
    if (server_final_length > WIRE_SCRAM_MAX_MESSAGE_BYTES ||
        has_nul(server_final, server_final_length)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM server-final-message is too long or holds a NUL");
        return fail(scram);
    }
    size_t at = 0;
    const char *value = NULL;
    size_t value_length = 0;
    if (take_attribute(text, server_final_length, &at, 'e', &value, &value_length)) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server refused the SCRAM exchange: %.*s",
                  (int)(value_length > 200 ? 200 : value_length), value);
        return fail(scram);
    }
    unsigned char signature[CRYPTO_SHA256_BYTES + 3];
    size_t signature_length = 0;
    if (!take_attribute(text, server_final_length, &at, 'v', &value, &value_length) ||
        base64_decode(value, value_length, signature, sizeof signature, &signature_length) != 0 ||
        signature_length != CRYPTO_SHA256_BYTES) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server's SCRAM server-final-message is malformed: \"v=\" and a "
                  "base64 signature of 32 bytes are expected");
        return fail(scram);
    }
    if (crypto_equal_constant_time(signature, scram->server_signature, CRYPTO_SHA256_BYTES) !=
        1) {
        error_set(error, WIRE_SQLSTATE_CONNECT_FAILED,
                  "the server's SCRAM signature is wrong: the server did not prove that it "
                  "knows the password");
        return fail(scram);
    }
    scram->step = WIRE_SCRAM_STEP_VERIFIED;
    return 0;
}
