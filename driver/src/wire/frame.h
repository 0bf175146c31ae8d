/* Framing: reading whole backend messages and building frontend ones.
 * Owns: the header checks (length below 4 is lost sync; a length above the
 * cap for its type is refused before anything is allocated), reading the
 * whole body within the deadline into the connection's reusable frame
 * buffer, and building messages whose length is back-filled.
 * Leaves to the parsers (startup.c, auth.c, rows.c, notice.c, ...) the
 * meaning of a body, which they read through struct reader only.
 * Rules: STYLE.md, "Wire input is hostile", points 1 and 2. */
#ifndef PGO_WIRE_FRAME_H
#define PGO_WIRE_FRAME_H

#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "util/compiler.h"
#include "util/error.h"

struct wire_conn;

/* One backend message. body is borrowed from the frame buffer and valid
 * until the next wire_frame_read on the same connection. */
struct wire_frame {
    uint8_t type;
    const unsigned char *body;
    size_t length_bytes; /* of the body, without type and length fields */
    /* A DataRow too large for the memory left: read past and dropped, so the
     * stream stays in step; body is NULL, length_bytes what it held. The
     * statement fails (HY001), the connection lives. */
    bool is_dropped;
};

/* The largest body accepted for a message type, given the connection's
 * cap for large messages. */
size_t wire_frame_max_body_bytes(uint8_t type, size_t large_message_max_bytes);

/* Checks a five-byte header: 0 with *body_length set, or -1 with an 08P01
 * error (length below 4: lost sync; above the type's cap: refused). */
int wire_frame_check_header(const unsigned char header[5], size_t large_message_max_bytes,
                            size_t *body_length, struct error *error) PGO_MUST_CHECK;

/* Reads the next whole message. On failure the connection is broken
 * (08P01 for a bad header, 08001/08S01 for the transport). */
int wire_frame_read(struct wire_conn *conn, struct wire_frame *out,
                    struct error *error) PGO_MUST_CHECK;

/* Starts a message of type into out, leaving room for its length;
 * *length_offset is where the length goes. */
int wire_message_begin(struct buf *out, uint8_t type, size_t *length_offset) PGO_MUST_CHECK;
/* Starts a message without a type byte (StartupMessage, SSLRequest). */
int wire_message_begin_untyped(struct buf *out, size_t *length_offset) PGO_MUST_CHECK;
/* Back-fills the length (which counts itself and what follows). */
int wire_message_end(struct buf *out, size_t length_offset) PGO_MUST_CHECK;
/* The same for a message extra_bytes longer than what out holds of it
 * (values written from the caller's memory when it is sent). */
int wire_message_end_with(struct buf *out, size_t length_offset,
                          size_t extra_bytes) PGO_MUST_CHECK;

/* "'D' (DataRow)" style names for messages in error texts. */
const char *wire_message_name(uint8_t type);

#endif
