/* Protocol-level trace of the messages a connection sends and receives.
 * Owns: the one-line summary of each message (direction, name, body
 * length, and for some types one detail: RowDescription's column count,
 * CommandComplete's tag and the rows counted before it, the SQLSTATE of
 * ErrorResponse and NoticeResponse). Secret-bearing messages ('p':
 * PasswordMessage, SASLInitialResponse, SASLResponse) trace as their
 * length only; DataRow values are never traced (at level "data" a line
 * per row gives its length and field count).
 * Callers check trace_is_enabled(TRACE_LEVEL_PROTOCOL) first, so nothing
 * here runs while tracing is off (STYLE.md, "Secrets, logging and
 * tracing"). */
#ifndef PGO_WIRE_TRACE_WIRE_H
#define PGO_WIRE_TRACE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Counts DataRows between CommandCompletes; lives in struct wire_conn. */
struct wire_trace_state {
    uint64_t row_count;
};

/* Name of a frontend message type ("'Q' (Query)"); the untyped ones
 * (StartupMessage, SSLRequest, ...) are named by wire_trace_sent. */
const char *wire_trace_frontend_name(uint8_t type);

/* One line per frontend message in data (a run of whole messages, as
 * written to the stream). */
void wire_trace_sent(const unsigned char *data, size_t length_bytes);

/* One line for a backend message whose header was validated. */
void wire_trace_received(struct wire_trace_state *state, uint8_t type,
                         const unsigned char *body, size_t length_bytes);

/* Formats the line wire_trace_received would write, without the trace
 * prefix, into out (at most out_size bytes, NUL-terminated); returns
 * false when the message writes no line at this level (a DataRow below
 * "data"). Exposed for the unit tests. */
bool wire_trace_format_received(struct wire_trace_state *state, bool with_data_rows, uint8_t type,
                                const unsigned char *body, size_t length_bytes, char *out,
                                size_t out_size);

#endif
