/* struct reader: a bounded, sticky-failure view over one message body.
 * Owns nothing: it borrows the bytes it reads, which must outlive it.
 * Every take checks what remains; after one failure every later take fails
 * too, so a parser may check once at the end. Parsers finish with
 * reader_expect_end: leftover bytes are a protocol error (STYLE.md,
 * "Wire input is hostile"). Integers are big-endian as on the wire. */
#ifndef PGO_UTIL_READER_H
#define PGO_UTIL_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"

struct reader {
    const unsigned char *data;
    size_t length;
    size_t offset;
    bool has_failed;
};

void reader_init(struct reader *reader, const void *data, size_t length_bytes);
size_t reader_remaining(const struct reader *reader);
bool reader_has_failed(const struct reader *reader);

bool reader_take_u8(struct reader *reader, uint8_t *out) PGO_MUST_CHECK;
bool reader_take_u16(struct reader *reader, uint16_t *out) PGO_MUST_CHECK;
bool reader_take_i16(struct reader *reader, int16_t *out) PGO_MUST_CHECK;
bool reader_take_u32(struct reader *reader, uint32_t *out) PGO_MUST_CHECK;
bool reader_take_i32(struct reader *reader, int32_t *out) PGO_MUST_CHECK;
/* Borrows length_bytes bytes; *out points into the reader's data. */
bool reader_take_bytes(struct reader *reader, size_t length_bytes,
                       const unsigned char **out) PGO_MUST_CHECK;
/* Borrows a NUL-terminated string; the NUL must lie inside the body.
 * length_out (may be NULL) receives the length without the NUL. */
bool reader_take_cstr(struct reader *reader, const char **out,
                      size_t *length_out) PGO_MUST_CHECK;
/* True when nothing remains and nothing failed; otherwise marks failure. */
bool reader_expect_end(struct reader *reader) PGO_MUST_CHECK;

#endif
