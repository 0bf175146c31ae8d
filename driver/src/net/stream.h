/* struct net_stream: a connected byte stream; knows no PostgreSQL.
 * Owns: its descriptor (and, for TLS, the OpenSSL session and the plain
 * stream beneath it). Every read and write is bounded by a deadline.
 * Errors: a transport failure sets SQLSTATE 08S01 with a message naming
 * what failed; wire/ turns it into 08001 while connecting. */
#ifndef PGO_NET_STREAM_H
#define PGO_NET_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/compiler.h"
#include "util/deadline.h"
#include "util/error.h"

struct net_stream;

struct net_stream_ops {
    /* Reads 1..capacity bytes; -1 on error, timeout or end of stream. */
    long (*read)(struct net_stream *stream, void *out, size_t capacity,
                 const struct deadline *deadline, struct error *error);
    /* Writes everything or fails. */
    int (*write_all)(struct net_stream *stream, const void *data, size_t length,
                     const struct deadline *deadline, struct error *error);
    /* Bytes already decrypted/buffered and readable without blocking. */
    size_t (*pending)(struct net_stream *stream);
    void (*close)(struct net_stream *stream);
};

struct net_stream {
    const struct net_stream_ops *ops;
    int fd;          /* the descriptor beneath, for poll(); -1 once closed */
    bool is_tls;
    bool is_reply_awaited; /* plain streams: the last write asked the server
                              something, so the next read waits for data
                              before trying (no recv that can only fail) */
    char peer[300];  /* "host:port" or socket path, for messages */
};

long net_stream_read(struct net_stream *stream, void *out, size_t capacity,
                     const struct deadline *deadline, struct error *error) PGO_MUST_CHECK;
int net_stream_write_all(struct net_stream *stream, const void *data, size_t length,
                         const struct deadline *deadline, struct error *error) PGO_MUST_CHECK;
size_t net_stream_pending(struct net_stream *stream);
/* Closes and frees; accepts NULL. */
void net_stream_close(struct net_stream *stream);

/* Plain descriptor-backed streams (TCP, Unix, adopted) share these ops;
 * the descriptor must be non-blocking. Takes ownership of fd. */
struct net_stream *net_stream_from_fd(int fd, const char *peer_description);

#endif
