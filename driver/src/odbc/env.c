/* Environment handles (see env.h).
 * Owns: SQL_ATTR_ODBC_VERSION (2, 3, 3.80), the connection pooling
 * attributes (pooling is never on: only SQL_CP_OFF is accepted),
 * SQL_ATTR_CP_MATCH and SQL_ATTR_OUTPUT_NTS (true only).
 * Reference: SQLSetEnvAttr's SQLSTATE list: HY024 invalid value, HY092
 * unknown attribute, HYC00 optional feature (OUTPUT_NTS false),
 * HY010 when connections are allocated (for ODBC_VERSION). */
#include "odbc/env.h"

#include <stdint.h>
#include "util/alloc.h"

struct odbc_env *odbc_env_new(void)
{
    struct odbc_env *env = alloc_zeroed(sizeof *env);
    if (env == NULL)
        return NULL;
    if (odbc_handle_init(&env->header, SQL_HANDLE_ENV) != 0) {
        alloc_free(env);
        return NULL;
    }
    return env;
}

void odbc_env_add_connection(struct odbc_env *env, struct odbc_env_link *link)
{
    link->next = env->connections;
    env->connections = link;
    env->connection_count++;
}

void odbc_env_remove_connection(struct odbc_env *env, struct odbc_env_link *link)
{
    for (struct odbc_env_link **at = &env->connections; *at != NULL; at = &(*at)->next) {
        if (*at == link) {
            *at = link->next;
            env->connection_count--;
            return;
        }
    }
}

SQLRETURN odbc_env_check_free(struct odbc_env *env)
{
    if (env->connection_count > 0)
        return odbc_diag_fail(&env->header.diags, "HY010",
                              "The environment still has %zu connection(s); free them first",
                              env->connection_count);
    return SQL_SUCCESS;
}

void odbc_env_free(struct odbc_env *env)
{
    if (env == NULL)
        return;
    odbc_handle_reset(&env->header);
    alloc_free(env);
}

bool odbc_env_uses_odbc2_states(const struct odbc_env *env)
{
    return env->odbc_version == SQL_OV_ODBC2;
}

SQLRETURN odbc_env_set_attr(struct odbc_env *env, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER string_length)
{
    (void)string_length;
    intptr_t number = (intptr_t)value;
    switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
        if (env->connection_count > 0)
            return odbc_diag_fail(&env->header.diags, "HY010",
                                  "SQL_ATTR_ODBC_VERSION cannot change while connections exist");
        if (number != SQL_OV_ODBC2 && number != SQL_OV_ODBC3 && number != SQL_OV_ODBC3_80)
            return odbc_diag_fail(&env->header.diags, "HY024",
                                  "SQL_ATTR_ODBC_VERSION %ld is not 2, 3 or 380", (long)number);
        env->odbc_version = (SQLINTEGER)number;
        return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_POOLING:
        if (number != (intptr_t)SQL_CP_OFF)
            return odbc_diag_fail(&env->header.diags, "HYC00",
                                  "Connection pooling is not supported by the driver; "
                                  "only SQL_CP_OFF is accepted");
        return SQL_SUCCESS;
    case SQL_ATTR_CP_MATCH:
        if (number != (intptr_t)SQL_CP_STRICT_MATCH && number != (intptr_t)SQL_CP_RELAXED_MATCH)
            return odbc_diag_fail(&env->header.diags, "HY024",
                                  "SQL_ATTR_CP_MATCH %ld is not SQL_CP_STRICT_MATCH or "
                                  "SQL_CP_RELAXED_MATCH",
                                  (long)number);
        return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS:
        if (number != SQL_TRUE)
            return odbc_diag_fail(&env->header.diags, "HYC00",
                                  "SQL_ATTR_OUTPUT_NTS can only be SQL_TRUE");
        return SQL_SUCCESS;
    default:
        return odbc_diag_fail(&env->header.diags, "HY092",
                              "Environment attribute %ld is not known to the driver",
                              (long)attribute);
    }
}

SQLRETURN odbc_env_get_attr(struct odbc_env *env, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER buffer_length, SQLINTEGER *string_length)
{
    (void)buffer_length;
    SQLUINTEGER answer;
    switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
        answer = env->odbc_version != 0 ? (SQLUINTEGER)env->odbc_version : (SQLUINTEGER)SQL_OV_ODBC3;
        break;
    case SQL_ATTR_CONNECTION_POOLING:
        answer = SQL_CP_OFF;
        break;
    case SQL_ATTR_CP_MATCH:
        answer = SQL_CP_STRICT_MATCH;
        break;
    case SQL_ATTR_OUTPUT_NTS:
        answer = SQL_TRUE;
        break;
    default:
        return odbc_diag_fail(&env->header.diags, "HY092",
                              "Environment attribute %ld is not known to the driver",
                              (long)attribute);
    }
    if (value != NULL)
        *(SQLUINTEGER *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}
