/* struct buf: growable bytes under a hard maximum.
 * Owns: the heap block and the all-or-nothing rule: an append that would
 * pass max_bytes, or that cannot get memory, empties the buffer instead of
 * leaving a half-written message (STYLE.md, "Buffers and strings").
 * Big-endian helpers follow the PostgreSQL protocol. */
#include "util/buf.h"

#include <string.h>

#include "util/alloc.h"
#include "util/secret.h"

#define BUF_MIN_CAPACITY 64

void buf_init(struct buf *buf, size_t max_bytes)
{
    buf->data = NULL;
    buf->length = 0;
    buf->capacity = 0;
    buf->max_bytes = max_bytes;
}

void buf_reset(struct buf *buf)
{
    alloc_free(buf->data);
    buf->data = NULL;
    buf->length = 0;
    buf->capacity = 0;
}

void buf_clear(struct buf *buf)
{
    buf->length = 0;
}

void buf_wipe(struct buf *buf)
{
    if (buf->data != NULL) {
        secret_wipe_memory(buf->data, buf->capacity);
    }
    buf->length = 0;
}

/* The failure path of every append: empty, never half-written. */
static int fail_and_empty(struct buf *buf)
{
    buf->length = 0;
    return -1;
}

int buf_reserve(struct buf *buf, size_t extra_bytes)
{
    if (extra_bytes > buf->max_bytes || buf->length > buf->max_bytes - extra_bytes) {
        return fail_and_empty(buf);
    }
    size_t needed = buf->length + extra_bytes;
    if (needed <= buf->capacity) {
        return 0;
    }
    size_t new_capacity = buf->capacity < BUF_MIN_CAPACITY ? BUF_MIN_CAPACITY : buf->capacity;
    while (new_capacity < needed) {
        if (new_capacity > buf->max_bytes / 2) {
            new_capacity = needed;
            break;
        }
        new_capacity *= 2;
    }
    if (new_capacity > buf->max_bytes) {
        new_capacity = buf->max_bytes > needed ? buf->max_bytes : needed;
    }
    unsigned char *grown = alloc_resize_array(buf->data, new_capacity, 1);
    if (grown == NULL) {
        return fail_and_empty(buf);
    }
    buf->data = grown;
    buf->capacity = new_capacity;
    return 0;
}

int buf_append(struct buf *buf, const void *data, size_t length_bytes)
{
    if (buf_reserve(buf, length_bytes) != 0) {
        return -1;
    }
    if (length_bytes > 0) {
        memcpy(buf->data + buf->length, data, length_bytes);
        buf->length += length_bytes;
    }
    return 0;
}

int buf_append_u8(struct buf *buf, uint8_t value)
{
    return buf_append(buf, &value, 1);
}

int buf_append_u16(struct buf *buf, uint16_t value)
{
    unsigned char bytes[2] = {(unsigned char)(value >> 8), (unsigned char)value};
    return buf_append(buf, bytes, sizeof bytes);
}

int buf_append_u32(struct buf *buf, uint32_t value)
{
    unsigned char bytes[4] = {(unsigned char)(value >> 24), (unsigned char)(value >> 16),
                              (unsigned char)(value >> 8), (unsigned char)value};
    return buf_append(buf, bytes, sizeof bytes);
}

int buf_append_cstr(struct buf *buf, const char *text)
{
    if (text == NULL) {
        return fail_and_empty(buf);
    }
    return buf_append(buf, text, strlen(text) + 1);
}

int buf_append_text0(struct buf *buf, const char *text, size_t length_bytes)
{
    if (length_bytes > 0 && (text == NULL || memchr(text, '\0', length_bytes) != NULL)) {
        return fail_and_empty(buf);
    }
    if (length_bytes == SIZE_MAX || buf_reserve(buf, length_bytes + 1) != 0) {
        return fail_and_empty(buf);
    }
    if (length_bytes > 0) {
        memcpy(buf->data + buf->length, text, length_bytes);
    }
    buf->data[buf->length + length_bytes] = '\0';
    buf->length += length_bytes + 1;
    return 0;
}

int buf_put_u32_at(struct buf *buf, size_t offset, uint32_t value)
{
    if (offset > buf->length || buf->length - offset < 4) {
        return -1;
    }
    unsigned char *at = buf->data + offset;
    at[0] = (unsigned char)(value >> 24);
    at[1] = (unsigned char)(value >> 16);
    at[2] = (unsigned char)(value >> 8);
    at[3] = (unsigned char)value;
    return 0;
}
