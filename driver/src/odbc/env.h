/* The environment handle.
 * Owns: the ODBC version the application declared and the list of its
 * connections (an environment with connections cannot be freed: HY010;
 * SQLEndTran on the environment walks them).
 * Reference: SQLAllocHandle, SQLSetEnvAttr, SQLGetEnvAttr, SQLFreeHandle. */
#ifndef PGO_ODBC_ENV_H
#define PGO_ODBC_ENV_H

#include <stddef.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/handle.h"

/* How the environment lists its connections without knowing them: each
 * connection embeds a link (dbc.h turns it back into the connection). */
struct odbc_env_link {
    struct odbc_env_link *next;
};

struct odbc_env {
    struct odbc_handle header;
    SQLINTEGER odbc_version; /* 0 until set: SQL_OV_ODBC2, _ODBC3 or _ODBC3_80 */
    struct odbc_env_link *connections; /* under header.mutex */
    size_t connection_count;           /* under header.mutex */
};

/* Lists and unlists a connection (the caller holds env's lock). */
void odbc_env_add_connection(struct odbc_env *env, struct odbc_env_link *link);
void odbc_env_remove_connection(struct odbc_env *env, struct odbc_env_link *link);

/* NULL when out of memory. */
struct odbc_env *odbc_env_new(void);
/* SQLFreeHandle's check: HY010 (posted on env) while connections remain. */
SQLRETURN odbc_env_check_free(struct odbc_env *env);
/* Frees an unlocked environment without connections. Accepts NULL. */
void odbc_env_free(struct odbc_env *env);

SQLRETURN odbc_env_set_attr(struct odbc_env *env, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER string_length);
SQLRETURN odbc_env_get_attr(struct odbc_env *env, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER buffer_length, SQLINTEGER *string_length);

/* Whether diagnostics use ODBC 2 SQLSTATEs. */
bool odbc_env_uses_odbc2_states(const struct odbc_env *env);

#endif
