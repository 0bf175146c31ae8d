/* struct reader: bounded, sticky-failure reads over one message body.
 * Owns: the bounds checks every wire parser relies on (STYLE.md, "Wire
 * input is hostile", rules 3 and 5). Leaves framing to wire/frame.c and
 * meaning to each message decoder. Integers are big-endian. */
#include "util/reader.h"

#include <string.h>

void reader_init(struct reader *reader, const void *data, size_t length_bytes)
{
    reader->data = data;
    reader->length = data == NULL ? 0 : length_bytes;
    reader->offset = 0;
    reader->has_failed = false;
}

size_t reader_remaining(const struct reader *reader)
{
    if (reader->has_failed) {
        return 0;
    }
    return reader->length - reader->offset;
}

bool reader_has_failed(const struct reader *reader)
{
    return reader->has_failed;
}

/* Checks that length_bytes remain; on failure the reader stays failed. */
static bool reserve_bytes(struct reader *reader, size_t length_bytes)
{
    if (reader->has_failed || reader->length - reader->offset < length_bytes) {
        reader->has_failed = true;
        return false;
    }
    return true;
}

bool reader_take_u8(struct reader *reader, uint8_t *out)
{
    if (!reserve_bytes(reader, 1)) {
        return false;
    }
    *out = reader->data[reader->offset];
    reader->offset += 1;
    return true;
}

bool reader_take_u16(struct reader *reader, uint16_t *out)
{
    if (!reserve_bytes(reader, 2)) {
        return false;
    }
    const unsigned char *at = reader->data + reader->offset;
    *out = (uint16_t)((unsigned)at[0] << 8 | (unsigned)at[1]);
    reader->offset += 2;
    return true;
}

bool reader_take_i16(struct reader *reader, int16_t *out)
{
    uint16_t value;
    if (!reader_take_u16(reader, &value)) {
        return false;
    }
    /* Two's complement conversion without implementation-defined casts. */
    *out = value <= INT16_MAX ? (int16_t)value : (int16_t)((int32_t)value - 65536);
    return true;
}

bool reader_take_u32(struct reader *reader, uint32_t *out)
{
    if (!reserve_bytes(reader, 4)) {
        return false;
    }
    const unsigned char *at = reader->data + reader->offset;
    *out = (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 | (uint32_t)at[2] << 8 |
           (uint32_t)at[3];
    reader->offset += 4;
    return true;
}

bool reader_take_i32(struct reader *reader, int32_t *out)
{
    uint32_t value;
    if (!reader_take_u32(reader, &value)) {
        return false;
    }
    *out = value <= INT32_MAX ? (int32_t)value : (int32_t)((int64_t)value - 4294967296LL);
    return true;
}

bool reader_take_bytes(struct reader *reader, size_t length_bytes, const unsigned char **out)
{
    if (!reserve_bytes(reader, length_bytes)) {
        return false;
    }
    *out = reader->data + reader->offset;
    reader->offset += length_bytes;
    return true;
}

bool reader_take_cstr(struct reader *reader, const char **out, size_t *length_out)
{
    if (reader->has_failed) {
        return false;
    }
    const unsigned char *start = reader->data + reader->offset;
    const unsigned char *nul = memchr(start, '\0', reader->length - reader->offset);
    if (nul == NULL) {
        reader->has_failed = true;
        return false;
    }
    size_t length = (size_t)(nul - start);
    *out = (const char *)start;
    if (length_out != NULL) {
        *length_out = length;
    }
    reader->offset += length + 1;
    return true;
}

bool reader_expect_end(struct reader *reader)
{
    if (reader->has_failed || reader->offset != reader->length) {
        reader->has_failed = true;
        return false;
    }
    return true;
}
