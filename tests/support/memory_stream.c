/* In-memory net_stream: scripted server bytes in, client bytes recorded.
 * Owns its own ops table (read, write_all, pending, close) over a struct
 * memory_script that the test owns. The descriptor is /dev/null, opened
 * only so that the stream looks open to net_stream_read's checks; no
 * poll() ever touches it. For the hostile-server tests (STYLE.md, "Tests"). */
#define _POSIX_C_SOURCE 200809L

#include "memory_stream.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct memory_stream {
    struct net_stream base; /* first: the code under test sees only this */
    struct memory_script *script;
};

void memory_script_init(struct memory_script *script)
{
    memset(script, 0, sizeof *script);
}

void memory_script_reset(struct memory_script *script)
{
    free(script->incoming);
    free(script->written);
    memset(script, 0, sizeof *script);
}

static int append_bytes(unsigned char **data, size_t *length, const void *bytes, size_t count)
{
    if (count == 0) {
        return 0;
    }
    unsigned char *grown = realloc(*data, *length + count);
    if (grown == NULL) {
        return -1;
    }
    memcpy(grown + *length, bytes, count);
    *data = grown;
    *length += count;
    return 0;
}

int memory_script_add(struct memory_script *script, const void *bytes, size_t length)
{
    return append_bytes(&script->incoming, &script->incoming_length, bytes, length);
}

static long memory_read(struct net_stream *stream, void *out, size_t capacity,
                        const struct deadline *deadline, struct error *error)
{
    struct memory_script *script = ((struct memory_stream *)stream)->script;
    script->read_calls++;
    if (deadline != NULL && deadline_has_expired(deadline)) {
        error_set(error, "08S01", "timed out reading from %s", stream->peer);
        return -1;
    }
    size_t left = script->incoming_length - script->incoming_offset;
    if (left == 0) {
        error_set(error, "08S01", "the server closed the connection (%s)", stream->peer);
        return -1;
    }
    size_t count = capacity < left ? capacity : left;
    if (script->max_read_chunk > 0 && count > script->max_read_chunk) {
        count = script->max_read_chunk;
    }
    memcpy(out, script->incoming + script->incoming_offset, count);
    script->incoming_offset += count;
    return (long)count;
}

static int memory_write_all(struct net_stream *stream, const void *data, size_t length,
                            const struct deadline *deadline, struct error *error)
{
    (void)deadline;
    struct memory_script *script = ((struct memory_stream *)stream)->script;
    if (script->fail_writes) {
        error_set(error, "08S01", "writing to %s failed: broken pipe", stream->peer);
        return -1;
    }
    if (append_bytes(&script->written, &script->written_length, data, length) != 0) {
        error_set(error, "HY001", "out of memory recording written bytes");
        return -1;
    }
    return 0;
}

static size_t memory_pending(struct net_stream *stream)
{
    struct memory_script *script = ((struct memory_stream *)stream)->script;
    return script->incoming_length - script->incoming_offset;
}

static void memory_close(struct net_stream *stream)
{
    struct memory_stream *memory = (struct memory_stream *)stream;
    memory->script->is_closed = true;
    if (stream->fd >= 0) {
        close(stream->fd);
    }
    free(memory);
}

static const struct net_stream_ops memory_stream_ops = {
    .read = memory_read,
    .write_all = memory_write_all,
    .pending = memory_pending,
    .close = memory_close,
};

struct net_stream *memory_stream_new(struct memory_script *script)
{
    struct memory_stream *memory = calloc(1, sizeof *memory);
    if (memory == NULL) {
        return NULL;
    }
    memory->base.ops = &memory_stream_ops;
    memory->base.fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    memory->base.is_tls = false;
    memcpy(memory->base.peer, "memory-server", sizeof "memory-server");
    memory->script = script;
    if (memory->base.fd < 0) {
        free(memory);
        return NULL;
    }
    return &memory->base;
}
