/* Exported SQLBrowseConnect and SQLBrowseConnectW.
 * Each locks and checks, calls odbc_dbc_browse_connect (dbc_browse.c) and
 * traces; the W form converts the request from UTF-16 once and the answer
 * (browse result or completed string) back once. SQLBrowseConnectW's
 * lengths are characters (SQLWCHARs), as SQLDriverConnectW's. */
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
#include "odbc/dbc.h"
#include "odbc/dbc_browse.h"
#include "odbc/strings.h"
#include "odbc/trace_api.h"
#include "odbc/wide.h"

/* Every answer fits what a narrow SQLSMALLINT buffer length describes. */
#define BROWSE_OUT_MAX_BYTES 32767

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

static SQLRETURN browse_connect_wide(struct odbc_dbc *dbc, SQLWCHAR *in_string,
                                     SQLSMALLINT in_length_units, SQLWCHAR *out_string,
                                     SQLSMALLINT out_buffer_units, SQLSMALLINT *out_length_units)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    struct odbc_wide_in in = {0};
    if (!odbc_wide_in_convert(&in, in_string, in_length_units, "connection string", diags)) {
        odbc_wide_in_free(&in);
        return SQL_ERROR;
    }
    bool wants_out = out_string != NULL || out_length_units != NULL;
    if (!wants_out || out_buffer_units < 0) {
        /* Nothing to convert back (a negative length is the narrow HY090). */
        SQLRETURN result = odbc_dbc_browse_connect(dbc, odbc_wide_in_chars(&in),
                                                   odbc_wide_in_small_length(&in), NULL,
                                                   out_buffer_units, NULL);
        odbc_wide_in_free(&in);
        return result;
    }
    /* A step cannot be repeated: one scratch that holds any answer. */
    struct odbc_wide_out out;
    if (!odbc_wide_out_init_fixed(&out, BROWSE_OUT_MAX_BYTES + 1, diags)) {
        odbc_wide_out_free(&out);
        odbc_wide_in_free(&in);
        return SQL_ERROR;
    }
    SQLSMALLINT length_bytes = 0;
    SQLRETURN result = odbc_dbc_browse_connect(
        dbc, odbc_wide_in_chars(&in), odbc_wide_in_small_length(&in), (SQLCHAR *)out.text,
        odbc_wide_out_small_capacity(&out), &length_bytes);
    odbc_wide_in_free(&in);
    if (SQL_SUCCEEDED(result) || result == SQL_NEED_DATA) {
        size_t total_units = odbc_wide_put_answer(
            &out, (size_t)length_bytes, out_string, (size_t)out_buffer_units,
            result == SQL_NEED_DATA ? "The browse result connection string"
                                    : "The completed connection string",
            diags);
        if (out_length_units != NULL)
            *out_length_units = odbc_clamp_small(total_units);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLBrowseConnectW(SQLHDBC ConnectionHandle, SQLWCHAR *InConnectionString,
                                    SQLSMALLINT StringLength1, SQLWCHAR *OutConnectionString,
                                    SQLSMALLINT BufferLength, SQLSMALLINT *StringLength2Ptr)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    dbc->is_wide_application = true;
    SQLRETURN result = browse_connect_wide(dbc, InConnectionString, StringLength1,
                                           OutConnectionString, BufferLength, StringLength2Ptr);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}
