/* Exported diagnostic functions: SQLGetDiagRec, SQLGetDiagField.
 * They lock the handle but do not clear its diagnostics (ODBC: the
 * diagnostic functions post none of their own and leave the records of
 * the previous call in place). */
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/desc.h"
#include "odbc/env.h"
#include "odbc/stmt.h"
#include "odbc/trace_api.h"

/* Validates and locks; fills the context. NULL when not valid. */
static struct odbc_handle *lock_for_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle,
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

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT RecNumber,
                                SQLCHAR *Sqlstate, SQLINTEGER *NativeError, SQLCHAR *MessageText,
                                SQLSMALLINT BufferLength, SQLSMALLINT *TextLength)
{
    struct odbc_diag_context context;
    struct odbc_handle *header = lock_for_diagnostics(HandleType, Handle, &context);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_diag_get_rec(&header->diags, &context, RecNumber, Sqlstate,
                                         NativeError, MessageText, BufferLength, TextLength);
    odbc_handle_unlock(header);
    return odbc_trace_api(__func__, Handle, NULL, result);
}

SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT HandleType, SQLHANDLE Handle,
                                  SQLSMALLINT RecNumber, SQLSMALLINT DiagIdentifier,
                                  SQLPOINTER DiagInfo, SQLSMALLINT BufferLength,
                                  SQLSMALLINT *StringLength)
{
    struct odbc_diag_context context;
    struct odbc_handle *header = lock_for_diagnostics(HandleType, Handle, &context);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_diag_get_field(&header->diags, &context, RecNumber, DiagIdentifier,
                                           DiagInfo, BufferLength, StringLength);
    odbc_handle_unlock(header);
    return odbc_trace_api(__func__, Handle, NULL, result);
}
