/* Message codes of the PostgreSQL frontend/backend protocol 3, named.
 * Owns: the type bytes and the sub-codes (authentication requests, error
 * field types) so that no parser compares against a bare character.
 * Source: "Message Formats" (protocol-message-formats.html, PostgreSQL 15). */
#ifndef PGO_WIRE_MESSAGES_H
#define PGO_WIRE_MESSAGES_H

/* Backend (server to client) message types. */
#define WIRE_MSG_AUTHENTICATION 'R'
#define WIRE_MSG_BACKEND_KEY_DATA 'K'
#define WIRE_MSG_BIND_COMPLETE '2'
#define WIRE_MSG_CLOSE_COMPLETE '3'
#define WIRE_MSG_COMMAND_COMPLETE 'C'
#define WIRE_MSG_COPY_DATA 'd'
#define WIRE_MSG_COPY_DONE 'c'
#define WIRE_MSG_COPY_IN_RESPONSE 'G'
#define WIRE_MSG_COPY_OUT_RESPONSE 'H'
#define WIRE_MSG_COPY_BOTH_RESPONSE 'W'
#define WIRE_MSG_DATA_ROW 'D'
#define WIRE_MSG_EMPTY_QUERY_RESPONSE 'I'
#define WIRE_MSG_ERROR_RESPONSE 'E'
#define WIRE_MSG_FUNCTION_CALL_RESPONSE 'V'
#define WIRE_MSG_NEGOTIATE_PROTOCOL_VERSION 'v'
#define WIRE_MSG_NO_DATA 'n'
#define WIRE_MSG_NOTICE_RESPONSE 'N'
#define WIRE_MSG_NOTIFICATION_RESPONSE 'A'
#define WIRE_MSG_PARAMETER_DESCRIPTION 't'
#define WIRE_MSG_PARAMETER_STATUS 'S'
#define WIRE_MSG_PARSE_COMPLETE '1'
#define WIRE_MSG_PORTAL_SUSPENDED 's'
#define WIRE_MSG_READY_FOR_QUERY 'Z'
#define WIRE_MSG_ROW_DESCRIPTION 'T'

/* Frontend (client to server) message types. */
#define WIRE_MSG_BIND 'B'
#define WIRE_MSG_CLOSE 'C'
#define WIRE_MSG_DESCRIBE 'D'
#define WIRE_MSG_EXECUTE 'E'
#define WIRE_MSG_FLUSH 'H'
#define WIRE_MSG_PARSE 'P'
#define WIRE_MSG_SYNC 'S'
#define WIRE_MSG_COPY_FAIL 'f'
#define WIRE_MSG_PASSWORD 'p' /* PasswordMessage, SASLInitialResponse, SASLResponse */
#define WIRE_MSG_QUERY 'Q'
#define WIRE_MSG_TERMINATE 'X'
/* WIRE_MSG_COPY_DONE ('c') also travels from the client. */

/* Describe and Close name what they act on. */
#define WIRE_TARGET_STATEMENT 'S'
#define WIRE_TARGET_PORTAL 'P'

/* Answers to SSLRequest: one byte, not a message. */
#define WIRE_SSL_ACCEPTED 'S'
#define WIRE_SSL_REFUSED 'N'

/* Authentication request codes (the Int32 after 'R'). */
#define WIRE_AUTH_OK 0
#define WIRE_AUTH_KERBEROS_V5 2
#define WIRE_AUTH_CLEARTEXT_PASSWORD 3
#define WIRE_AUTH_MD5_PASSWORD 5
#define WIRE_AUTH_SCM_CREDENTIAL 6
#define WIRE_AUTH_GSS 7
#define WIRE_AUTH_GSS_CONTINUE 8
#define WIRE_AUTH_SSPI 9
#define WIRE_AUTH_SASL 10
#define WIRE_AUTH_SASL_CONTINUE 11
#define WIRE_AUTH_SASL_FINAL 12

/* ErrorResponse / NoticeResponse field types ("Error and Notice Message Fields"). */
#define WIRE_FIELD_SEVERITY_LOCALIZED 'S'
#define WIRE_FIELD_SEVERITY 'V'
#define WIRE_FIELD_SQLSTATE 'C'
#define WIRE_FIELD_MESSAGE 'M'
#define WIRE_FIELD_DETAIL 'D'
#define WIRE_FIELD_HINT 'H'
#define WIRE_FIELD_POSITION 'P'
#define WIRE_FIELD_INTERNAL_POSITION 'p'
#define WIRE_FIELD_INTERNAL_QUERY 'q'
#define WIRE_FIELD_WHERE 'W'
#define WIRE_FIELD_SCHEMA 's'
#define WIRE_FIELD_TABLE 't'
#define WIRE_FIELD_COLUMN 'c'
#define WIRE_FIELD_DATA_TYPE 'd'
#define WIRE_FIELD_CONSTRAINT 'n'
#define WIRE_FIELD_FILE 'F'
#define WIRE_FIELD_LINE 'L'
#define WIRE_FIELD_ROUTINE 'R'

/* SQLSTATEs wire/ raises itself. */
#define WIRE_SQLSTATE_CONNECT_FAILED "08001"
#define WIRE_SQLSTATE_LINK_FAILURE "08S01"
#define WIRE_SQLSTATE_PROTOCOL_VIOLATION "08P01"
#define WIRE_SQLSTATE_SEQUENCE_ERROR "HY010"
#define WIRE_SQLSTATE_NO_MEMORY "HY001"
#define WIRE_SQLSTATE_NOT_SUPPORTED "0A000"
#define WIRE_SQLSTATE_INVALID_AUTHORIZATION "28000"
#define WIRE_SQLSTATE_CHARACTER_NOT_IN_REPERTOIRE "22021"
#define WIRE_SQLSTATE_GENERAL_WARNING "01000"
#define WIRE_SQLSTATE_INVALID_PARAMETER_VALUE "22023"
#define WIRE_SQLSTATE_PROGRAM_LIMIT_EXCEEDED "54000"
#define WIRE_SQLSTATE_TOO_MANY_ARGUMENTS "54023"
#define WIRE_SQLSTATE_QUERY_CANCELED "57014"
#define WIRE_SQLSTATE_TIMEOUT_EXPIRED "HYT00"

#endif
