/* Named limits of the protocol engine (STYLE.md: "Limits have names,
 * gathered in one header per module").
 * Owns: every cap wire/ applies to what the server sends and to what it
 * builds itself. The caps for incoming messages follow the rule "small for
 * authentication, status and ReadyForQuery; large and configurable for
 * rows, descriptions, errors and notices" (STYLE.md, "Wire input is hostile"). */
#ifndef PGO_WIRE_LIMITS_H
#define PGO_WIRE_LIMITS_H

/* Protocol version 3.0 as sent in the StartupMessage. */
#define WIRE_PROTOCOL_VERSION_3_0 196608u
/* The magic "protocol version" of an SSLRequest (1234 << 16 | 5679). */
#define WIRE_SSL_REQUEST_CODE 80877103u
/* CancelRequest: length 16, code 1234 << 16 | 5678, backend PID, key. */
#define WIRE_CANCEL_REQUEST_CODE 80877102u
#define WIRE_CANCEL_REQUEST_BYTES 16u
/* A cancel without a caller's timeout still gives up after this long. */
#define WIRE_CANCEL_DEFAULT_TIMEOUT_MS 10000

/* Message header: one type byte and a four-byte length that counts itself. */
#define WIRE_HEADER_BYTES 5u
#define WIRE_LENGTH_FIELD_BYTES 4u

/* Caps on the body (length minus the length field) of incoming messages. */
#define WIRE_AUTH_MESSAGE_MAX_BYTES (16u * 1024u)
#define WIRE_STATUS_MESSAGE_MAX_BYTES (64u * 1024u)   /* ParameterStatus, CommandComplete, ... */
#define WIRE_READY_FOR_QUERY_BODY_BYTES 1u
#define WIRE_BACKEND_KEY_DATA_BODY_BYTES 8u
#define WIRE_EMPTY_MESSAGE_BODY_BYTES 0u
/* Default cap for DataRow, RowDescription, CopyData, ErrorResponse,
 * NoticeResponse and NotificationResponse; configurable per connection. */
#define WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES (1024u * 1024u * 1024u)

/* While connecting no message needs the large cap: everything is held to
 * this, so a hostile server cannot make the driver allocate much before
 * it has even authenticated. */
#define WIRE_CONNECTING_MESSAGE_MAX_BYTES (1024u * 1024u)

/* Reading: how much the frame buffer asks the stream for at least (big:
 * the fetch path reads millions of DataRows, one system call per chunk),
 * and how far it grows ahead of the bytes that actually arrived (a length
 * field alone never reserves a gigabyte). */
#define WIRE_READ_CHUNK_BYTES (64u * 1024u)
#define WIRE_READ_GROWTH_STEP_BYTES (1024u * 1024u)

/* Outgoing: a message length is an Int32. */
#define WIRE_OUTGOING_MESSAGE_MAX_BYTES 0x7fffffffu
/* Bind values this large, when the caller lends them, are written from
 * its memory instead of being copied into the output buffer. */
#define WIRE_BORROW_MIN_BYTES (64u * 1024u)
/* The server refuses startup packets above 10000 bytes. */
#define WIRE_STARTUP_PACKET_MAX_BYTES 10000u

/* PostgreSQL's MaxTupleAttributeNumber: no result has more columns. */
#define WIRE_MAX_COLUMNS 1664u
/* Minimum encoded size of one RowDescription field: a one-byte name (its
 * NUL) plus Int32 + Int16 + Int32 + Int16 + Int32 + Int16. */
#define WIRE_ROW_DESCRIPTION_FIELD_MIN_BYTES 19u
/* Minimum encoded size of one DataRow value: its Int32 length. */
#define WIRE_DATA_ROW_VALUE_MIN_BYTES 4u

/* Parse and Bind count parameters in an Int16 the server reads unsigned;
 * it accepts at most 65535 parameters. */
#define WIRE_MAX_PARAMETERS 65535u
/* ParameterDescription: one Int32 OID per parameter. */
#define WIRE_PARAMETER_OID_BYTES 4u
/* Execute's row limit is an Int32 the server reads signed. */
#define WIRE_EXECUTE_MAX_ROWS 0x7fffffffu

/* How many distinct ParameterStatus names are kept; more are ignored. */
#define WIRE_MAX_PARAMETER_STATUSES 256u

/* SCRAM (RFC 5802, RFC 7677). PostgreSQL's default iteration count is 4096;
 * the cap bounds the work a hostile server can demand. */
#define WIRE_SCRAM_MAX_ITERATIONS 10000000u
#define WIRE_SCRAM_CLIENT_NONCE_RAW_BYTES 18u
#define WIRE_SCRAM_MAX_NONCE_CHARS 1024u
#define WIRE_SCRAM_MAX_SALT_BYTES 1024u
#define WIRE_SCRAM_MAX_MESSAGE_BYTES WIRE_AUTH_MESSAGE_MAX_BYTES
#define WIRE_CHANNEL_BINDING_MAX_BYTES 64u

/* MD5 salt: exactly four bytes. */
#define WIRE_MD5_SALT_BYTES 4u

/* Terminate is a courtesy: never wait long for it. */
#define WIRE_TERMINATE_TIMEOUT_MS 1000

#endif
