/* TargetSessionAttrs: whether a new session suits what the connection
 * string asks for (any, read-write, read-only, primary, standby,
 * prefer-standby), decided from what the server reports: in_hot_standby
 * and default_transaction_read_only as ParameterStatus (PostgreSQL 14+),
 * else two small queries. */
#ifndef PGO_WIRE_SESSION_TARGET_H
#define PGO_WIRE_SESSION_TARGET_H

#include "params/connect_params.h"
#include "util/compiler.h"
#include "util/error.h"
#include "wire/conn.h"

/* 0 with *rejection NULL when the idle session suits target, or pointing
 * at a static sentence saying why not; -1 when the state could not be
 * read (error set; the query's failure). prefer-standby is judged as
 * standby: the caller's second pass takes any server. */
int wire_session_check_target(struct wire_conn *conn, enum params_target_session target,
                              const char **rejection, struct error *error) PGO_MUST_CHECK;

#endif
