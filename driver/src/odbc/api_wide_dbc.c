/* Exported W connection functions: SQLConnectW, SQLDriverConnectW,
 * SQLGetInfoW, SQLGetConnectAttrW, SQLSetConnectAttrW, SQLNativeSqlW.
 * Each locks and checks as its narrow twin in api_dbc.c does, converts the
 * application's UTF-16 once (wide.h), calls the same odbc_ function, and
 * converts its UTF-8 answer once. Nothing else: every rule of the call is
 * the narrow function's.
 * Units, from each function's reference page: SQLConnectW and
 * SQLDriverConnectW lengths, SQLNativeSqlW lengths are characters
 * (SQLWCHARs); SQLGetInfoW, SQLGetConnectAttrW and SQLSetConnectAttrW
 * lengths are bytes (even numbers for Unicode strings).
 * unixODBC calls these when the driver library exports them (it looks each
 * name up with dlsym when connecting, not through SQLGetFunctions, whose
 * function ids do not tell W from narrow); once an application has
 * connected with SQLConnectW or SQLDriverConnectW it also turns narrow
 * calls into W calls, so every function taking or returning text needs
 * its W form here. */
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/dbc_async.h"
#include "odbc/strings.h"
#include "odbc/trace_api.h"
#include "odbc/wide.h"

SQLRETURN SQL_API SQLConnectW(SQLHDBC ConnectionHandle, SQLWCHAR *ServerName,
                              SQLSMALLINT NameLength1, SQLWCHAR *UserName,
                              SQLSMALLINT NameLength2, SQLWCHAR *Authentication,
                              SQLSMALLINT NameLength3)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    struct odbc_diag_list *diags = &dbc->header.diags;
    struct odbc_wide_in server = {0};
    struct odbc_wide_in user = {0};
    struct odbc_wide_in password = {0};
    SQLRETURN result = SQL_ERROR;
    dbc->is_wide_application = true;
    if (odbc_wide_in_convert(&server, ServerName, NameLength1, "data source name", diags) &&
        odbc_wide_in_convert(&user, UserName, NameLength2, "user name", diags) &&
        odbc_wide_in_convert(&password, Authentication, NameLength3, "password", diags))
        result = odbc_dbc_connect(dbc, odbc_wide_in_chars(&server),
                                  odbc_wide_in_small_length(&server), odbc_wide_in_chars(&user),
                                  odbc_wide_in_small_length(&user),
                                  odbc_wide_in_chars(&password),
                                  odbc_wide_in_small_length(&password));
    odbc_wide_in_free(&server);
    odbc_wide_in_free(&user);
    odbc_wide_in_free(&password);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, diags, result));
}

struct driver_connect_call {
    struct odbc_dbc *dbc;
    SQLHWND window;
    SQLUSMALLINT completion;
};

static SQLRETURN call_driver_connect(void *context, SQLCHAR *in, SQLSMALLINT in_length,
                                     SQLCHAR *out, SQLSMALLINT out_capacity,
                                     SQLSMALLINT *out_length)
{
    struct driver_connect_call *call = context;
    return odbc_dbc_driver_connect(call->dbc, call->window, in, in_length, out, out_capacity,
                                   out_length, call->completion);
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC ConnectionHandle, SQLHWND WindowHandle,
                                    SQLWCHAR *InConnectionString, SQLSMALLINT StringLength1,
                                    SQLWCHAR *OutConnectionString, SQLSMALLINT BufferLength,
                                    SQLSMALLINT *StringLength2Ptr, SQLUSMALLINT DriverCompletion)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    dbc->is_wide_application = true;
    struct driver_connect_call call = {dbc, WindowHandle, DriverCompletion};
    SQLRETURN result = odbc_wide_connect_string_exchange(
        call_driver_connect, &call, InConnectionString, StringLength1, OutConnectionString,
        BufferLength, StringLength2Ptr, NULL, &dbc->header.diags);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

/* ODBC's character-string information types (SQLGetInfo's reference
 * page): only these are converted; the others are numbers and bit masks
 * and pass through untouched. */
static bool is_string_info(SQLUSMALLINT info_type)
{
    switch (info_type) {
    case SQL_ACCESSIBLE_PROCEDURES:
    case SQL_ACCESSIBLE_TABLES:
    case SQL_CATALOG_NAME:
    case SQL_CATALOG_NAME_SEPARATOR:
    case SQL_CATALOG_TERM:
    case SQL_COLLATION_SEQ:
    case SQL_COLUMN_ALIAS:
    case SQL_DATA_SOURCE_NAME:
    case SQL_DATA_SOURCE_READ_ONLY:
    case SQL_DATABASE_NAME:
    case SQL_DBMS_NAME:
    case SQL_DBMS_VER:
    case SQL_DESCRIBE_PARAMETER:
    case SQL_DM_VER:
    case SQL_DRIVER_NAME:
    case SQL_DRIVER_ODBC_VER:
    case SQL_DRIVER_VER:
    case SQL_EXPRESSIONS_IN_ORDERBY:
    case SQL_IDENTIFIER_QUOTE_CHAR:
    case SQL_INTEGRITY:
    case SQL_KEYWORDS:
    case SQL_LIKE_ESCAPE_CLAUSE:
    case SQL_MAX_ROW_SIZE_INCLUDES_LONG:
    case SQL_MULT_RESULT_SETS:
    case SQL_MULTIPLE_ACTIVE_TXN:
    case SQL_NEED_LONG_DATA_LEN:
    case SQL_ODBC_VER:
    case SQL_ORDER_BY_COLUMNS_IN_SELECT:
    case SQL_OUTER_JOINS:
    case SQL_PROCEDURE_TERM:
    case SQL_PROCEDURES:
    case SQL_ROW_UPDATES:
    case SQL_SCHEMA_TERM:
    case SQL_SEARCH_PATTERN_ESCAPE:
    case SQL_SERVER_NAME:
    case SQL_SPECIAL_CHARACTERS:
    case SQL_TABLE_TERM:
    case SQL_USER_NAME:
    case SQL_XOPEN_CLI_YEAR:
        return true;
    default:
        return false;
    }
}

static SQLRETURN get_info_wide(struct odbc_dbc *dbc, SQLUSMALLINT info_type, SQLPOINTER value,
                               SQLSMALLINT buffer_length_bytes, SQLSMALLINT *string_length_bytes)
{
    if (!is_string_info(info_type) || buffer_length_bytes < 0)
        return odbc_dbc_get_info(dbc, info_type, value, buffer_length_bytes, string_length_bytes);
    struct odbc_diag_list *diags = &dbc->header.diags;
    size_t capacity_units = (size_t)buffer_length_bytes / ODBC_WIDE_BYTES_PER_UNIT;
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLSMALLINT length_bytes = 0;
    if (odbc_wide_out_init(&out, capacity_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_dbc_get_info(dbc, info_type, out.text,
                                       odbc_wide_out_small_capacity(&out), &length_bytes);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, value,
                                                  capacity_units, "The answer", diags);
        if (string_length_bytes != NULL)
            *string_length_bytes = odbc_clamp_small(total_units * ODBC_WIDE_BYTES_PER_UNIT);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC ConnectionHandle, SQLUSMALLINT InfoType,
                              SQLPOINTER InfoValue, SQLSMALLINT BufferLength,
                              SQLSMALLINT *StringLength)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_dbc_refuse_if_broken(dbc, &dbc->header.diags);
    if (result == SQL_SUCCESS)
        result = get_info_wide(dbc, InfoType, InfoValue, BufferLength, StringLength);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

/* ODBC's character-string connection attributes. */
static bool is_string_connect_attr(SQLINTEGER attribute)
{
    return attribute == SQL_ATTR_CURRENT_CATALOG || attribute == SQL_ATTR_TRACEFILE ||
           attribute == SQL_ATTR_TRANSLATE_LIB;
}

static SQLRETURN set_connect_attr_wide(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                       SQLPOINTER value, SQLINTEGER string_length_bytes)
{
    if (!is_string_connect_attr(attribute))
        return odbc_dbc_set_attr(dbc, attribute, value, string_length_bytes);
    SQLLEN length_units = string_length_bytes >= 0
                              ? (SQLLEN)string_length_bytes / (SQLLEN)ODBC_WIDE_BYTES_PER_UNIT
                              : (SQLLEN)string_length_bytes;
    struct odbc_wide_in in = {0};
    SQLRETURN result = SQL_ERROR;
    if (odbc_wide_in_convert(&in, value, length_units, "attribute value", &dbc->header.diags))
        result = odbc_dbc_set_attr(dbc, attribute, in.text, odbc_wide_in_integer_length(&in));
    odbc_wide_in_free(&in);
    return result;
}

SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                     SQLPOINTER Value, SQLINTEGER StringLength)
{
    /* Integer attributes that may run in the background (dbc_async.h):
     * the narrow function's dispatch, thread and polling, text-free. */
    if (odbc_dbc_async_may_run_attribute(Attribute))
        return SQLSetConnectAttr(ConnectionHandle, Attribute, Value, StringLength);
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = odbc_dbc_refuse_if_broken(dbc, &dbc->header.diags);
    if (result == SQL_SUCCESS)
        result = set_connect_attr_wide(dbc, Attribute, Value, StringLength);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

static SQLRETURN get_connect_attr_wide(struct odbc_dbc *dbc, SQLINTEGER attribute,
                                       SQLPOINTER value, SQLINTEGER buffer_length_bytes,
                                       SQLINTEGER *string_length_bytes)
{
    if (!is_string_connect_attr(attribute) || buffer_length_bytes < 0)
        return odbc_dbc_get_attr(dbc, attribute, value, buffer_length_bytes,
                                 string_length_bytes);
    struct odbc_diag_list *diags = &dbc->header.diags;
    size_t capacity_units = (size_t)buffer_length_bytes / ODBC_WIDE_BYTES_PER_UNIT;
    struct odbc_wide_out out;
    SQLRETURN result = SQL_ERROR;
    SQLINTEGER length_bytes = 0;
    if (odbc_wide_out_init(&out, capacity_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_dbc_get_attr(dbc, attribute, out.text,
                                       odbc_wide_out_integer_capacity(&out), &length_bytes);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    if (SQL_SUCCEEDED(result)) {
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, value,
                                                  capacity_units, "The attribute value", diags);
        if (string_length_bytes != NULL)
            *string_length_bytes = odbc_clamp_integer(total_units * ODBC_WIDE_BYTES_PER_UNIT);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                     SQLPOINTER Value, SQLINTEGER BufferLength,
                                     SQLINTEGER *StringLength)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    /* No broken check: SQL_ATTR_CONNECTION_DEAD must answer on a broken link. */
    SQLRETURN result = get_connect_attr_wide(dbc, Attribute, Value, BufferLength, StringLength);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}

static SQLRETURN native_sql_wide(struct odbc_dbc *dbc, SQLWCHAR *in_text,
                                 SQLINTEGER in_length_units, SQLWCHAR *out_text,
                                 SQLINTEGER out_buffer_units, SQLINTEGER *out_length_units)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    struct odbc_wide_in in = {0};
    if (!odbc_wide_in_convert(&in, in_text, in_length_units, "SQL text", diags)) {
        odbc_wide_in_free(&in);
        return SQL_ERROR;
    }
    SQLRETURN result = SQL_ERROR;
    if (out_buffer_units < 0) {
        result = odbc_dbc_native_sql(dbc, odbc_wide_in_chars(&in),
                                     odbc_wide_in_integer_length(&in), NULL, out_buffer_units,
                                     NULL);
        odbc_wide_in_free(&in);
        return result;
    }
    /* The translation is usually about as long as the text. */
    size_t room_units = (size_t)out_buffer_units;
    if (in.length > 0 && (size_t)in.length > room_units)
        room_units = (size_t)in.length;
    struct odbc_wide_out out;
    SQLINTEGER length_bytes = 0;
    if (odbc_wide_out_init(&out, room_units, diags)) {
        do {
            length_bytes = 0;
            result = odbc_dbc_native_sql(dbc, odbc_wide_in_chars(&in),
                                         odbc_wide_in_integer_length(&in), (SQLCHAR *)out.text,
                                         odbc_wide_out_integer_capacity(&out), &length_bytes);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, diags));
    }
    odbc_wide_in_free(&in);
    if (SQL_SUCCEEDED(result)) {
        size_t total_units = odbc_wide_put_answer(&out, (size_t)length_bytes, out_text,
                                                  (size_t)out_buffer_units, "The SQL text", diags);
        if (out_length_units != NULL)
            *out_length_units = odbc_clamp_integer(total_units);
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC ConnectionHandle, SQLWCHAR *InStatementText,
                                SQLINTEGER TextLength1, SQLWCHAR *OutStatementText,
                                SQLINTEGER BufferLength, SQLINTEGER *TextLength2Ptr)
{
    struct odbc_dbc *dbc = odbc_dbc_enter(ConnectionHandle);
    if (dbc == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = native_sql_wide(dbc, InStatementText, TextLength1, OutStatementText,
                                       BufferLength, TextLength2Ptr);
    return odbc_dbc_leave(dbc, odbc_trace_api(__func__, dbc, &dbc->header.diags, result));
}
