/* Locking any handle for the diagnostic functions (see api_diag_lock.h). */
#include "odbc/api_diag_lock.h"

#include "odbc/dbc.h"
#include "odbc/desc.h"
#include "odbc/env.h"
#include "odbc/stmt.h"

struct odbc_handle *odbc_api_lock_for_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle,
                                                  struct odbc_diag_context *context)
{
    if (!odbc_handle_is_valid(handle, handle_type))
        return NULL;
    struct odbc_handle *header = handle;
    odbc_handle_lock(header);
    switch (handle_type) {
    case SQL_HANDLE_ENV: {
        const struct odbc_env *env = handle;
        context->handle_type = SQL_HANDLE_ENV;
        context->use_odbc2_states = odbc_env_uses_odbc2_states(env);
        context->server_name = "";
        context->connection_name = "";
        break;
    }
    case SQL_HANDLE_DBC:
        odbc_dbc_diag_context(handle, SQL_HANDLE_DBC, context);
        break;
    case SQL_HANDLE_STMT:
        odbc_dbc_diag_context(((const struct odbc_stmt *)handle)->dbc, SQL_HANDLE_STMT, context);
        break;
    default:
        odbc_dbc_diag_context(((const struct odbc_desc *)handle)->stmt->dbc, SQL_HANDLE_DESC,
                              context);
        break;
    }
    return header;
}
