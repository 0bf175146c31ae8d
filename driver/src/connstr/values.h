/* Value parsers for connection keywords (inside connstr/ only): text in,
 * typed value out, nothing stored. Each demands the whole text and
 * returns false for anything else, leaving the message (keyword, value,
 * what is allowed) to the keyword table, except connstr_value_parse_
 * startup_params, whose failures need their own words.
 * Values: ../shared/KEYWORDS.md. */
#ifndef PGO_CONNSTR_VALUES_H
#define PGO_CONNSTR_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "params/connect_params.h"
#include "util/compiler.h"
#include "util/error.h"

/* 1..65535, decimal digits only. */
bool connstr_value_parse_port(const char *text, size_t length, uint16_t *out) PGO_MUST_CHECK;

/* 1/0, yes/no, true/false, on/off, any case. */
bool connstr_value_parse_bool(const char *text, size_t length, bool *out) PGO_MUST_CHECK;

/* Seconds, decimal fraction allowed, 0..CONNSTR_TIMEOUT_MAX_MS/1000.
 * 0 means wait forever (*has_timeout false), as ODBC's login timeout. */
bool connstr_value_parse_timeout(const char *text, size_t length, bool *has_timeout,
                                 int64_t *timeout_ms) PGO_MUST_CHECK;

/* disable, allow, prefer, require, verify-ca, verify-full, any case. */
bool connstr_value_parse_ssl_mode(const char *text, size_t length,
                                  enum params_ssl_mode *out) PGO_MUST_CHECK;

/* database, physical, true (= physical), false (= none), any case. */
bool connstr_value_parse_replication(const char *text, size_t length,
                                     enum params_replication *out) PGO_MUST_CHECK;

/* Comma-separated lists (Server, Port): the item that starts at *offset,
 * and *offset moved past its comma. False when *offset is past the end.
 * Items are not trimmed; an empty item is returned as empty. */
bool connstr_value_next_list_item(const char *text, size_t length, size_t *offset,
                                  const char **item, size_t *item_length) PGO_MUST_CHECK;

/* any, read-write, read-only, primary, standby, prefer-standby, any case. */
bool connstr_value_parse_target_session(const char *text, size_t length,
                                        enum params_target_session *out) PGO_MUST_CHECK;

/* disable, random, any case. */
bool connstr_value_parse_load_balance(const char *text, size_t length,
                                      enum params_load_balance *out) PGO_MUST_CHECK;

/* TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 (any case) as a TLS wire version;
 * *out 0x0301..0x0304. */
bool connstr_value_parse_tls_protocol(const char *text, size_t length,
                                      uint16_t *out) PGO_MUST_CHECK;

/* disable, prefer, require, any case. */
bool connstr_value_parse_channel_binding(const char *text, size_t length,
                                         enum params_channel_binding *out) PGO_MUST_CHECK;

/* RequireAuth, as libpq's require_auth: a comma-separated list of none,
 * password, md5, scram-sha-256, gss, sspi (any case, white space around
 * items allowed) giving the methods allowed; or the same list with every
 * item negated by '!', giving the methods refused. Refuses an empty item,
 * an unknown name, a name given twice, and a list mixing the two forms.
 * *allowed gets enum params_auth_method bits. */
bool connstr_value_parse_require_auth(const char *text, size_t length,
                                      unsigned *allowed) PGO_MUST_CHECK;

/* A descriptor number 0..INT_MAX. */
bool connstr_value_parse_socket(const char *text, size_t length, int *out) PGO_MUST_CHECK;

/* A host name or address; an IPv6 address may come in brackets, which are
 * removed. *host points into text. Refuses empty hosts, unbalanced
 * brackets and white space. */
bool connstr_value_parse_host(const char *text, size_t length, const char **host,
                              size_t *host_length) PGO_MUST_CHECK;

/* SourceAddress: "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6
 * address (two or more colons, no port). Port 0..65535, 0 = any.
 * *host points into text. */
bool connstr_value_parse_source_address(const char *text, size_t length, const char **host,
                                        size_t *host_length, uint16_t *port) PGO_MUST_CHECK;

/* StartupParams: "name=value;name=value", optionally inside its own
 * braces (as a DSN file writes it). Empty parts are skipped; names and
 * values are trimmed of white space. Refuses a part without "=", an empty
 * name, a name given twice, and the names user, database,
 * application_name, replication and options (any case): those have
 * keywords.
 * Appends to params only when the whole value is good (HY024 naming the
 * part otherwise; HY001 when out of memory). */
int connstr_value_parse_startup_params(const char *keyword, const char *text, size_t length,
                                       struct connect_params *params,
                                       struct error *error) PGO_MUST_CHECK;

#endif
