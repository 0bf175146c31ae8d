/* Session start messages: StartupMessage and SSLRequest out;
 * ParameterStatus, BackendKeyData, ReadyForQuery and
 * NegotiateProtocolVersion in. Pure builders and parsers; the caller
 * (connect.c, pipeline.c) owns the state machine. */
#ifndef PGO_WIRE_STARTUP_H
#define PGO_WIRE_STARTUP_H

#include <stddef.h>
#include <stdint.h>
#include "params/connect_params.h"
#include "util/buf.h"
#include "util/compiler.h"
#include "util/error.h"

/* Appends an SSLRequest to out. */
int wire_startup_build_ssl_request(struct buf *out) PGO_MUST_CHECK;

/* Appends the StartupMessage (protocol 3.0): user, database (when not
 * empty), application_name (when set), replication (when asked),
 * client_encoding=UTF8 and DateStyle=ISO unless startup_params names them
 * (case-insensitively), then every startup parameter. 08001 when a value
 * holds no room (the server's 10000-byte limit) or out of memory. */
int wire_startup_build_message(const struct connect_params *params, struct buf *out,
                               struct error *error) PGO_MUST_CHECK;

/* ParameterStatus: borrowed name and value (NUL-terminated, inside body). */
int wire_startup_parse_parameter_status(const unsigned char *body, size_t length_bytes,
                                        const char **name, size_t *name_length,
                                        const char **value, size_t *value_length,
                                        struct error *error) PGO_MUST_CHECK;

int wire_startup_parse_backend_key(const unsigned char *body, size_t length_bytes,
                                   int32_t *pid, uint32_t *key,
                                   struct error *error) PGO_MUST_CHECK;

/* ReadyForQuery: *status is 'I', 'T' or 'E'; anything else is 08P01. */
int wire_startup_parse_ready(const unsigned char *body, size_t length_bytes, char *status,
                             struct error *error) PGO_MUST_CHECK;

/* NegotiateProtocolVersion always fails the connect: 08001 naming the
 * newest minor version the server supports and the options it did not
 * recognise, or 08P01 when the message is malformed. Returns -1. */
int wire_startup_refuse_negotiation(const unsigned char *body, size_t length_bytes,
                                    struct error *error) PGO_MUST_CHECK;

#endif
