/* Driver-wide trace sink: off by default; on when the environment variable
 * PGODBC_TRACE names a file. PGODBC_TRACE_LEVEL chooses how much is
 * written: "api", "protocol" (the default) or "data"; each level includes
 * the ones before it.
 * Owns: the trace file descriptor (opened once, append-only, 0600) and the
 * line format "<seconds.millis> <pid> <level> <message>". Leaves what to
 * trace to each caller. Secrets never reach a trace: no function here
 * accepts struct secret, and its bytes are reachable only through
 * secret_reveal, which must never feed a trace call (STYLE.md, "Secrets,
 * logging and tracing"). Never writes to stdout or stderr. */
#ifndef PGO_UTIL_TRACE_H
#define PGO_UTIL_TRACE_H

#include <stdarg.h>
#include <stdbool.h>
#include "util/compiler.h"

enum trace_level {
    TRACE_LEVEL_API = 1,      /* each ODBC call, its arguments and result */
    TRACE_LEVEL_PROTOCOL = 2, /* each message after validation, one line */
    TRACE_LEVEL_DATA = 3      /* values; only when asked for */
};

/* True when tracing is on at this level. Cheap after the first call. */
bool trace_is_enabled(enum trace_level level);

/* Writes one line when tracing is on at this level; does nothing
 * otherwise. A line longer than the internal limit ends in "...".
 * Failures to write are ignored: tracing never fails a call. */
void trace_write(enum trace_level level, const char *format, ...) PGO_PRINTF(2, 3);
void trace_write_v(enum trace_level level, const char *format, va_list args) PGO_PRINTF(2, 0);

#endif
