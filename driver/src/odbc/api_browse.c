/* Exported SQLBrowseConnect and SQLBrowseConnectW.
 * Each locks and checks, calls odbc_dbc_browse_connect (dbc_browse.c) and
 * traces; the W form converts the request from UTF-16 once and the answer
 * (browse result or completed string) back once, as SQLDriverConnectW
 * does (odbc_wide_connect_string_exchange). SQLBrowseConnectW's lengths
 * are characters (SQLWCHARs), as SQLDriverConnectW's. */
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
#include "odbc/dbc.h"
#include "odbc/dbc_browse.h"
#include "odbc/trace_api.h"
#include "odbc/wide.h"

SQLRETURN SQL_API SQLBrowseConnect(SQLHDBC ConnectionHandle, SQLCHAR *InConnectionString,
                                   SQLSMALLINT StringLength1, SQLCHAR *OutConnectionString,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *StringLength2Ptr)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    dbc->is_wide_application = false;
    SQLRETURN result = odbc_dbc_browse_connect(dbc, InConnectionString, StringLength1,
                                               OutConnectionString, BufferLength,
                                               StringLength2Ptr);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

static SQLRETURN call_browse_connect(void *context, SQLCHAR *in, SQLSMALLINT in_length,
                                     SQLCHAR *out, SQLSMALLINT out_capacity,
                                     SQLSMALLINT *out_length)
{
    return odbc_dbc_browse_connect(context, in, in_length, out, out_capacity, out_length);
}

SQLRETURN SQL_API SQLBrowseConnectW(SQLHDBC ConnectionHandle, SQLWCHAR *InConnectionString,
                                    SQLSMALLINT StringLength1, SQLWCHAR *OutConnectionString,
                                    SQLSMALLINT BufferLength, SQLSMALLINT *StringLength2Ptr)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    dbc->is_wide_application = true;
    SQLRETURN result = odbc_wide_connect_string_exchange(
        call_browse_connect, dbc, InConnectionString, StringLength1, OutConnectionString,
        BufferLength, StringLength2Ptr, "The browse result connection string",
        &dbc->header.diags);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}
