/* Fuzz target: the SCRAM-SHA-256 client state machine fed an arbitrary
 * server-first-message and server-final-message. Input: byte 0 picks the
 * channel binding (low two bits), bytes 1-2 (big-endian) are the length of
 * the server-first-message that follows, the rest is the
 * server-final-message. The client nonce is fixed (FUZZ_CLIENT_NONCE) so
 * that inputs can get past the nonce check. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_limits.h"
#include "fuzz_target.h"
#include "util/buf.h"
#include "util/error.h"
#include "wire/auth_scram.h"

#define FUZZ_CLIENT_NONCE "fyko+d2lbbFgONRv9qkxdawL"

static unsigned char *copy_exact(const uint8_t *bytes, size_t length)
{
    unsigned char *copy = malloc(length > 0 ? length : 1);
    if (copy != NULL && length > 0) {
        memcpy(copy, bytes, length);
    }
    return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3 || fuzz_names_costly_iterations(data, size)) {
        return 0;
    }
    static const enum wire_scram_binding bindings[4] = {
        WIRE_SCRAM_BINDING_NOT_SUPPORTED, WIRE_SCRAM_BINDING_NOT_OFFERED,
        WIRE_SCRAM_BINDING_TLS_SERVER_END_POINT, WIRE_SCRAM_BINDING_NOT_SUPPORTED};
    enum wire_scram_binding binding = bindings[data[0] & 3u];
    size_t first_length = ((size_t)data[1] << 8) | data[2];
    const uint8_t *rest = data + 3;
    size_t rest_length = size - 3;
    if (first_length > rest_length) {
        first_length = rest_length;
    }
    unsigned char *server_first = copy_exact(rest, first_length);
    unsigned char *server_final = copy_exact(rest + first_length, rest_length - first_length);
    if (server_first == NULL || server_final == NULL) {
        free(server_first);
        free(server_final);
        return 0;
    }
    unsigned char binding_data[32];
    memset(binding_data, 0xA5, sizeof binding_data);

    struct wire_scram scram;
    memset(&scram, 0, sizeof scram);
    struct error error;
    error_init(&error);
    struct buf out;
    buf_init(&out, 1u << 16);
    if (wire_scram_start(&scram, "pencil", 6, binding, binding_data, sizeof binding_data,
                         FUZZ_CLIENT_NONCE, &error) == 0 &&
        wire_scram_client_first(&scram, "", &out, &error) == 0) {
        buf_clear(&out);
        if (wire_scram_client_final(&scram, server_first, first_length, &out, &error) == 0) {
            int verified = wire_scram_verify_server_final(&scram, server_final,
                                                          rest_length - first_length, &error);
            (void)verified;
            (void)wire_scram_is_verified(&scram);
        } else {
            /* The failed state refuses every further step. */
            struct error later;
            error_init(&later);
            int refused = wire_scram_verify_server_final(&scram, server_final,
                                                         rest_length - first_length, &later);
            (void)refused;
        }
    }
    wire_scram_reset(&scram);
    buf_reset(&out);
    free(server_first);
    free(server_final);
    return 0;
}
