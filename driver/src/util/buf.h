/* struct buf: a growable byte buffer with a hard maximum.
 * Owns: the bytes it holds. Exceeding max_bytes or running out of memory
 * is an error that leaves the buffer empty, never half-written.
 * Big-endian helpers exist because the PostgreSQL protocol is big-endian. */
#ifndef PGO_UTIL_BUF_H
#define PGO_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"

struct buf {
    unsigned char *data;
    size_t length;
    size_t capacity;
    size_t max_bytes;
};

void buf_init(struct buf *buf, size_t max_bytes);
void buf_reset(struct buf *buf);  /* frees the memory; buf may be reused after buf_init */
void buf_clear(struct buf *buf);  /* length = 0, keeps the memory */
void buf_wipe(struct buf *buf);   /* zeroes contents (secrets passed through), then clears */

int buf_reserve(struct buf *buf, size_t extra_bytes) PGO_MUST_CHECK;
int buf_append(struct buf *buf, const void *data, size_t length_bytes) PGO_MUST_CHECK;
int buf_append_u8(struct buf *buf, uint8_t value) PGO_MUST_CHECK;
int buf_append_u16(struct buf *buf, uint16_t value) PGO_MUST_CHECK;
int buf_append_u32(struct buf *buf, uint32_t value) PGO_MUST_CHECK;
/* Appends text and its terminating NUL (a protocol "String"). */
int buf_append_cstr(struct buf *buf, const char *text) PGO_MUST_CHECK;
/* Appends length bytes then a NUL; refuses text with an embedded NUL. */
int buf_append_text0(struct buf *buf, const char *text, size_t length_bytes) PGO_MUST_CHECK;
/* Overwrites 4 bytes at offset (back-filling a message length). */
int buf_put_u32_at(struct buf *buf, size_t offset, uint32_t value) PGO_MUST_CHECK;

#endif
