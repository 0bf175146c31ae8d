/* Waiting on a descriptor under a deadline: private to net/.
 * Owns: the poll() loop shared by the plain streams, connect() and the TLS
 * handshake and records (EINTR retried, timeout reported by the caller's
 * words). Knows no PostgreSQL. */
#ifndef PGO_NET_FD_IO_H
#define PGO_NET_FD_IO_H

#include <stdint.h>
#include "util/compiler.h"
#include "util/deadline.h"
#include "util/error.h"

enum fd_io_wait_result {
    FD_IO_READY = 0,     /* the descriptor reported the event (or an error/hangup) */
    FD_IO_TIMED_OUT = 1, /* the deadline passed first */
    FD_IO_FAILED = -1    /* poll() itself failed; errno is set */
};

/* Waits until fd reports events (POLLIN or POLLOUT) or the deadline
 * passes. POLLERR and POLLHUP count as ready: the next system call on the
 * descriptor reports what happened. */
enum fd_io_wait_result fd_io_wait(int fd, short events, const struct deadline *deadline)
    PGO_MUST_CHECK;

/* Sets error to 08S01 "timed out after N ms waiting to <what> <peer>",
 * where N is the time since started_ms. */
void fd_io_set_timeout_error(struct error *error, int64_t started_ms, const char *what,
                             const char *peer);

/* Sets O_NONBLOCK on fd; -1 with errno on failure. */
int fd_io_set_nonblocking(int fd) PGO_MUST_CHECK;

#endif
