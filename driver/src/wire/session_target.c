/* TargetSessionAttrs against what a new session reports (session_target.h).
 * Owns: reading standby and read-only state (ParameterStatus, or a query
 * on servers before 14) and the rule of each target.
 * Leaves the host walk to connect.c. */
#include "wire/session_target.h"

#include <string.h>

/* A yes/no the server answers as the tag of "SELECT 1 WHERE <condition>"
 * (servers before 14 do not report in_hot_standby). */
static int ask_server(struct wire_conn *conn, const char *condition_sql, bool *answer,
                      struct error *error)
{
    char tag[32];
    if (wire_run_command(conn, condition_sql, strlen(condition_sql), tag, sizeof tag, error) !=
        0) {
        return -1;
    }
    *answer = strcmp(tag, "SELECT 1") == 0;
    return 0;
}

static int read_session_state(struct wire_conn *conn, bool *is_standby, bool *is_read_only,
                              struct error *error)
{
    const char *standby = wire_conn_parameter_status(conn, "in_hot_standby");
    const char *read_only = wire_conn_parameter_status(conn, "default_transaction_read_only");
    if (standby != NULL && read_only != NULL) {
        *is_standby = strcmp(standby, "on") == 0;
        *is_read_only = *is_standby || strcmp(read_only, "on") == 0;
        return 0;
    }
    if (ask_server(conn, "SELECT 1 WHERE pg_catalog.pg_is_in_recovery()", is_standby, error) !=
            0 ||
        ask_server(conn,
                   "SELECT 1 WHERE pg_catalog.current_setting('transaction_read_only') = 'on'",
                   is_read_only, error) != 0) {
        return -1;
    }
    return 0;
}

/* NULL when the session suits target; else why not. */
static const char *judge_session(enum params_target_session target, bool is_standby,
                                  bool is_read_only)
{
    switch (target) {
    case PARAMS_TARGET_ANY:
        return NULL;
    case PARAMS_TARGET_READ_WRITE:
        return is_read_only ? "the session is read-only (TargetSessionAttrs=read-write)" : NULL;
    case PARAMS_TARGET_READ_ONLY:
        return is_read_only ? NULL : "the session is read-write (TargetSessionAttrs=read-only)";
    case PARAMS_TARGET_PRIMARY:
        return is_standby ? "the server is a standby (TargetSessionAttrs=primary)" : NULL;
    case PARAMS_TARGET_STANDBY:
    case PARAMS_TARGET_PREFER_STANDBY:
        return is_standby ? NULL : "the server is not a standby (TargetSessionAttrs=standby)";
    }
    return NULL;
}

int wire_session_check_target(struct wire_conn *conn, enum params_target_session target,
                              const char **rejection, struct error *error)
{
    if (target == PARAMS_TARGET_ANY) {
        *rejection = NULL;
        return 0;
    }
    bool is_standby = false;
    bool is_read_only = false;
    if (read_session_state(conn, &is_standby, &is_read_only, error) != 0) {
        return -1;
    }
    *rejection = judge_session(target, is_standby, is_read_only);
    return 0;
}
