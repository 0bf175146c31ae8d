/* An in-memory struct net_stream for hostile-server tests.
 * Owns: a scripted server (the bytes the "server" sends, handed out in
 * chunks of a chosen size) and a record of everything the client wrote.
 * The script outlives the stream: closing the stream (which the code under
 * test does) frees the stream and marks the script closed, so tests can
 * still read what was written. Knows no PostgreSQL; tests build messages. */
#ifndef PGO_TESTS_MEMORY_STREAM_H
#define PGO_TESTS_MEMORY_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include "net/stream.h"

#ifdef __cplusplus
extern "C" {
#endif

struct memory_script {
    unsigned char *incoming;     /* what the server sends */
    size_t incoming_length;
    size_t incoming_offset;      /* how much the client has read */
    unsigned char *written;      /* what the client wrote */
    size_t written_length;
    size_t max_read_chunk;       /* 0: hand out as much as asked */
    bool fail_writes;            /* write_all fails with 08S01 */
    bool is_closed;              /* the stream was closed */
    unsigned long read_calls;
};

void memory_script_init(struct memory_script *script);
/* Frees the buffers; the stream must be closed already (or never opened). */
void memory_script_reset(struct memory_script *script);
/* Appends bytes the server will send. 0 or -1 (no memory). */
int memory_script_add(struct memory_script *script, const void *bytes, size_t length);

/* A stream reading from and writing to script. NULL when out of memory.
 * When the script runs out, reads fail like a closed connection (08S01). */
struct net_stream *memory_stream_new(struct memory_script *script);

#ifdef __cplusplus
}
#endif

#endif
