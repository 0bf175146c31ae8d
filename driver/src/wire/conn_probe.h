/* Whether an idle session still lives, asked without a round trip.
 * Owns: reading what the server sent unprompted while the connection sat
 * idle (a pool keeps it so between users) and judging from it. Used for
 * ODBC's SQL_ATTR_CONNECTION_DEAD, which the driver manager asks before it
 * hands a pooled connection out again; the answer must come at once, so
 * nothing is sent and nothing is waited for.
 * Protocol: an idle server sends only NoticeResponse, ParameterStatus and
 * NotificationResponse on its own, and an ErrorResponse just before it
 * closes the session (pg_terminate_backend: FATAL 57P01; an idle-session
 * timeout; shutdown). Anything else is out of step. */
#ifndef PGO_WIRE_CONN_PROBE_H
#define PGO_WIRE_CONN_PROBE_H

#include <stdbool.h>

struct wire_conn;

/* False when the connection is broken, or becomes so now: the server
 * closed it or ended the session with an error while it was idle (the
 * connection is then marked broken with the server's reason). Reads only
 * what has already arrived (a poll with no wait, then whole messages;
 * notices go to the sink, parameter statuses are remembered). An
 * exchange in progress is not disturbed: true (its own reads will find
 * out). */
bool wire_conn_probe_alive(struct wire_conn *conn);

#endif
