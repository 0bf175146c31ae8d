/* Exported diagnostic functions: SQLGetDiagRec, SQLGetDiagField.
 * They lock the handle but do not clear its diagnostics (ODBC: the
 * diagnostic functions post none of their own and leave the records of
 * the previous call in place). */
#include <sql.h>
#include <sqlext.h>
#include "odbc/api_diag_lock.h"
#include "odbc/trace_api.h"

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT RecNumber,
                                SQLCHAR *Sqlstate, SQLINTEGER *NativeError, SQLCHAR *MessageText,
                                SQLSMALLINT BufferLength, SQLSMALLINT *TextLength)
{
    struct odbc_diag_context context;
    struct odbc_handle *header = odbc_api_lock_for_diagnostics(HandleType, Handle, &context);
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
    struct odbc_handle *header = odbc_api_lock_for_diagnostics(HandleType, Handle, &context);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_diag_get_field(&header->diags, &context, RecNumber, DiagIdentifier,
                                           DiagInfo, BufferLength, StringLength);
    odbc_handle_unlock(header);
    return odbc_trace_api(__func__, Handle, NULL, result);
}
