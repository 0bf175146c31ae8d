/* struct reader: bounded, sticky-failure reads over one message body.
 * Owns: the bounds checks every wire parser relies on (STYLE.md, "Wire
 * input is hostile", rules 3 and 5). Leaves framing to wire/frame.c and
 * meaning to each message decoder. Integers are big-endian. All
 * but reader_take_cstr are inline in reader.h: every DataRow value goes
 * through them. */
#include "util/reader.h"

#include <string.h>

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
