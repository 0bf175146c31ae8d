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

/* Inline like the takes below: a reader whose address never leaves its
 * parser stays in registers (the DataRow parser runs once per row). */
static inline void reader_init(struct reader *reader, const void *data, size_t length_bytes)
{
    reader->data = (const unsigned char *)data;
    reader->length = data == NULL ? 0 : length_bytes;
    reader->offset = 0;
    reader->has_failed = false;
}

static inline size_t reader_remaining(const struct reader *reader)
{
    if (reader->has_failed) {
        return 0;
    }
    return reader->length - reader->offset;
}

static inline bool reader_has_failed(const struct reader *reader)
{
    return reader->has_failed;
}

/* True when length_bytes remain; otherwise the reader fails (and stays
 * failed). */
static inline bool reader_reserve(struct reader *reader, size_t length_bytes)
{
    if (reader->has_failed || reader->length - reader->offset < length_bytes) {
        reader->has_failed = true;
        return false;
    }
    return true;
}

/* The fixed-width takes are inline: the row parser calls them for every
 * value of every row. */
PGO_MUST_CHECK static inline bool reader_take_u8(struct reader *reader, uint8_t *out)
{
    if (!reader_reserve(reader, 1)) {
        return false;
    }
    *out = reader->data[reader->offset];
    reader->offset += 1;
    return true;
}

PGO_MUST_CHECK static inline bool reader_take_u16(struct reader *reader, uint16_t *out)
{
    if (!reader_reserve(reader, 2)) {
        return false;
    }
    const unsigned char *at = reader->data + reader->offset;
    *out = (uint16_t)((unsigned)at[0] << 8 | (unsigned)at[1]);
    reader->offset += 2;
    return true;
}

PGO_MUST_CHECK static inline bool reader_take_i16(struct reader *reader, int16_t *out)
{
    uint16_t value;
    if (!reader_take_u16(reader, &value)) {
        return false;
    }
    /* Two's complement conversion without implementation-defined casts. */
    *out = value <= INT16_MAX ? (int16_t)value : (int16_t)((int32_t)value - 65536);
    return true;
}

PGO_MUST_CHECK static inline bool reader_take_u32(struct reader *reader, uint32_t *out)
{
    if (!reader_reserve(reader, 4)) {
        return false;
    }
    const unsigned char *at = reader->data + reader->offset;
    *out = (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 | (uint32_t)at[2] << 8 |
           (uint32_t)at[3];
    reader->offset += 4;
    return true;
}

PGO_MUST_CHECK static inline bool reader_take_i32(struct reader *reader, int32_t *out)
{
    uint32_t value;
    if (!reader_take_u32(reader, &value)) {
        return false;
    }
    *out = value <= INT32_MAX ? (int32_t)value : (int32_t)((int64_t)value - 4294967296LL);
    return true;
}

/* Borrows length_bytes bytes; *out points into the reader's data. */
PGO_MUST_CHECK static inline bool reader_take_bytes(struct reader *reader, size_t length_bytes,
                                                    const unsigned char **out)
{
    if (!reader_reserve(reader, length_bytes)) {
        return false;
    }
    *out = reader->data + reader->offset;
    reader->offset += length_bytes;
    return true;
}
/* Borrows a NUL-terminated string; the NUL must lie inside the body.
 * length_out (may be NULL) receives the length without the NUL. */
bool reader_take_cstr(struct reader *reader, const char **out,
                      size_t *length_out) PGO_MUST_CHECK;
/* True when nothing remains and nothing failed; otherwise marks failure. */
PGO_MUST_CHECK static inline bool reader_expect_end(struct reader *reader)
{
    if (reader->has_failed || reader->offset != reader->length) {
        reader->has_failed = true;
        return false;
    }
    return true;
}

#endif
