/* Exported connection functions: SQLConnect, SQLDriverConnect,
 * SQLDisconnect, SQLSetConnectAttr, SQLGetConnectAttr, SQLGetInfo,
 * SQLGetFunctions, SQLNativeSql, SQLEndTran, SQLTransact.
 * Each only validates, locks, clears diagnostics, refuses a broken
 * connection where the call needs it (08S01), calls the odbc_ function and
 * returns. SQLDisconnect, SQLEndTran on a connection and SQLSetConnectAttr
 * of an attribute that reaches the server first offer themselves to
 * asynchronous execution (ODBC_DBC_ASYNC_ENTRY, dbc_async.h): the
 * background thread calls the same function again through its async_ twin,
 * which turns the saved arguments back into the function's own. */
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/dbc_async.h"
#include "odbc/dbc_browse.h"
#include "odbc/dbc_reset.h"
#include "odbc/env.h"
#include "odbc/trace_api.h"

SQLRETURN SQL_API SQLConnect(SQLHDBC ConnectionHandle, SQLCHAR *ServerName,
                             SQLSMALLINT NameLength1, SQLCHAR *UserName, SQLSMALLINT NameLength2,
                             SQLCHAR *Authentication, SQLSMALLINT NameLength3)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    dbc->is_wide_application = false;
    SQLRETURN result = odbc_dbc_connect(dbc, ServerName, NameLength1, UserName, NameLength2,
                                        Authentication, NameLength3);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

SQLRETURN SQL_API SQLDriverConnect(SQLHDBC ConnectionHandle, SQLHWND WindowHandle,
                                   SQLCHAR *InConnectionString, SQLSMALLINT StringLength1,
                                   SQLCHAR *OutConnectionString, SQLSMALLINT BufferLength,
                                   SQLSMALLINT *StringLength2Ptr, SQLUSMALLINT DriverCompletion)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    dbc->is_wide_application = false;
    SQLRETURN result =
        odbc_dbc_driver_connect(dbc, WindowHandle, InConnectionString, StringLength1,
                                OutConnectionString, BufferLength, StringLength2Ptr,
                                DriverCompletion);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

#define ARG(value) ((uintptr_t)(value))

static SQLRETURN async_disconnect(const uintptr_t *a)
{
    return SQLDisconnect((SQLHDBC)a[0]);
}

SQLRETURN SQL_API SQLDisconnect(SQLHDBC ConnectionHandle)
{
    ODBC_DBC_ASYNC_ENTRY(ConnectionHandle, SQL_API_SQLDISCONNECT, async_disconnect,
                         ARG(ConnectionHandle));
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result;
    if (odbc_dbc_browse_cancel(dbc)) /* SQLDisconnect ends a browse (SQLBrowseConnect) */
        result = SQL_SUCCESS;
    else
        result = odbc_dbc_is_closed_by_reset(dbc) ? odbc_dbc_end_closed_session(dbc)
                                                  : odbc_dbc_disconnect(dbc);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

static SQLRETURN async_set_connect_attr(const uintptr_t *a)
{
    return SQLSetConnectAttr((SQLHDBC)a[0], (SQLINTEGER)a[1], (SQLPOINTER)a[2],
                             (SQLINTEGER)a[3]);
}

SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                    SQLPOINTER Value, SQLINTEGER StringLength)
{
    if (odbc_dbc_async_may_run_attribute(Attribute))
        ODBC_DBC_ASYNC_ENTRY(ConnectionHandle, SQL_API_SQLSETCONNECTATTR, async_set_connect_attr,
                             ARG(ConnectionHandle), ARG(Attribute), ARG(Value),
                             ARG(StringLength));
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_dbc_refuse_if_broken(dbc, &dbc->header.diags);
    if (result == SQL_SUCCESS)
        result = odbc_dbc_set_attr(dbc, Attribute, Value, StringLength);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                    SQLPOINTER Value, SQLINTEGER BufferLength,
                                    SQLINTEGER *StringLength)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    /* No broken check: SQL_ATTR_CONNECTION_DEAD must answer on a broken link. */
    SQLRETURN result = odbc_dbc_get_attr(dbc, Attribute, Value, BufferLength, StringLength);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

SQLRETURN SQL_API SQLGetInfo(SQLHDBC ConnectionHandle, SQLUSMALLINT InfoType,
                             SQLPOINTER InfoValue, SQLSMALLINT BufferLength,
                             SQLSMALLINT *StringLength)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_dbc_refuse_if_broken(dbc, &dbc->header.diags);
    if (result == SQL_SUCCESS)
        result = odbc_dbc_get_info(dbc, InfoType, InfoValue, BufferLength, StringLength);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

SQLRETURN SQL_API SQLGetFunctions(SQLHDBC ConnectionHandle, SQLUSMALLINT FunctionId,
                                  SQLUSMALLINT *Supported)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags,
                                              odbc_dbc_get_functions(dbc, FunctionId, Supported)));
}

SQLRETURN SQL_API SQLNativeSql(SQLHDBC ConnectionHandle, SQLCHAR *InStatementText,
                               SQLINTEGER TextLength1, SQLCHAR *OutStatementText,
                               SQLINTEGER BufferLength, SQLINTEGER *TextLength2Ptr)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_dbc_native_sql(dbc, InStatementText, TextLength1, OutStatementText,
                                           BufferLength, TextLength2Ptr);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

/* SQLEndTran on the environment: each connected connection commits or
 * rolls back in turn (the driver manager usually does this walk itself).
 * A connection that fails is named in a 25S01 on the environment, and
 * its own diagnostics say why; the others still end their transactions. */
static SQLRETURN end_tran_env(SQLHENV handle, SQLSMALLINT completion_type)
{
    struct odbc_handle *header = odbc_handle_enter(handle, SQL_HANDLE_ENV);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    struct odbc_env *env = (struct odbc_env *)header;
    SQLRETURN result = SQL_SUCCESS;
    if (completion_type != SQL_COMMIT && completion_type != SQL_ROLLBACK) {
        result = odbc_diag_fail(&header->diags, "HY012",
                                "Completion type %d is not SQL_COMMIT or SQL_ROLLBACK",
                                (int)completion_type);
        return odbc_handle_leave(header,
                                 odbc_trace_api("SQLEndTran", header, &header->diags, result));
    }
    size_t failures = 0;
    for (struct odbc_env_link *link = env->connections; link != NULL; link = link->next) {
        struct odbc_dbc *dbc = odbc_dbc_of_env_link(link);
        odbc_handle_lock(&dbc->header);
        odbc_diag_clear(&dbc->header.diags);
        SQLRETURN ended = SQL_SUCCESS;
        if (odbc_dbc_is_connected(dbc))
            ended = odbc_dbc_end_tran(dbc, completion_type);
        odbc_diag_finish(&dbc->header.diags, ended);
        odbc_handle_unlock(&dbc->header);
        if (!SQL_SUCCEEDED(ended))
            failures++;
    }
    if (failures > 0)
        result = odbc_diag_fail(&header->diags, "25S01",
                                "%zu connection(s) could not end their transaction; their own "
                                "diagnostics say why",
                                failures);
    return odbc_handle_leave(header, odbc_trace_api("SQLEndTran", header, &header->diags, result));
}

static SQLRETURN end_tran_dbc(SQLHDBC handle, SQLSMALLINT completion_type)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(handle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    return odbc_dbc_leave(dbc, odbc_trace_api("SQLEndTran", dbc, &dbc->header.diags,
                                              odbc_dbc_end_tran(dbc, completion_type)));
}

static SQLRETURN async_end_tran(const uintptr_t *a)
{
    return end_tran_dbc((SQLHDBC)a[0], (SQLSMALLINT)a[1]);
}

/* SQLEndTran on a connection may run in the background; SQLTransact never
 * does (the reference: ODBC 2's function ignores the attribute), nor does
 * SQLEndTran on an environment, which the reference refuses (HY115) while
 * a connection has the attribute on. unixODBC 2.3.11 does not check that:
 * it walks the connections itself and calls SQLEndTran on each, and takes
 * their SQL_STILL_EXECUTING for a failure (SQL_ERROR, no record) while the
 * COMMIT goes on in the background; the next SQLEndTran on that
 * connection reports its end. */
static SQLRETURN end_tran_dbc_async(SQLHDBC handle, SQLSMALLINT completion_type)
{
    ODBC_DBC_ASYNC_ENTRY(handle, SQL_API_SQLENDTRAN, async_end_tran, ARG(handle),
                         ARG(completion_type));
    return end_tran_dbc(handle, completion_type);
}

SQLRETURN SQL_API SQLEndTran(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT CompletionType)
{
    if (HandleType == SQL_HANDLE_ENV)
        return end_tran_env(Handle, CompletionType);
    if (HandleType == SQL_HANDLE_DBC)
        return end_tran_dbc_async(Handle, CompletionType);
    return SQL_ERROR;
}

SQLRETURN SQL_API SQLTransact(SQLHENV EnvironmentHandle, SQLHDBC ConnectionHandle,
                              SQLUSMALLINT CompletionType)
{
    if (ConnectionHandle != SQL_NULL_HDBC)
        return end_tran_dbc(ConnectionHandle, (SQLSMALLINT)CompletionType);
    return end_tran_env(EnvironmentHandle, (SQLSMALLINT)CompletionType);
}
