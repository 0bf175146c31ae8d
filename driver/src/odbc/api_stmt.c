/* Exported statement functions. Each only validates the handle, locks the
 * connection then the statement, clears diagnostics, answers 08S01 on a
 * broken connection (except the calls that close or free), calls the
 * odbc_ function and returns. Those that may wait on the server first
 * offer themselves to asynchronous execution (ODBC_ASYNC_ENTRY,
 * stmt_async.h): the background thread calls the same function again
 * through its async_ twin, which turns the saved arguments back into
 * their types. */
#include <sql.h>
#include <sqlext.h>
#include "odbc/api_shim.h"
#include "odbc/dbc_async.h"
#include "odbc/stmt.h"
#include "odbc/stmt_cursor_name.h"
#include "odbc/stmt_fetch.h"
#include "odbc/trace_api.h"

#define ARG(value) ((uintptr_t)(value))
#define INT_ARG(value) ((uintptr_t)(intptr_t)(value))

static SQLRETURN async_exec_direct(const uintptr_t *a)
{
    return SQLExecDirect((SQLHSTMT)a[0], (SQLCHAR *)a[1], (SQLINTEGER)(intptr_t)a[2]);
}

SQLRETURN SQL_API SQLExecDirect(SQLHSTMT StatementHandle, SQLCHAR *StatementText,
                                SQLINTEGER TextLength)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLEXECDIRECT, async_exec_direct,
                     ARG(StatementHandle), ARG(StatementText), INT_ARG(TextLength));
    STMT_CALL(StatementHandle, odbc_stmt_exec_direct(stmt, StatementText, TextLength));
}

static SQLRETURN async_prepare(const uintptr_t *a)
{
    return SQLPrepare((SQLHSTMT)a[0], (SQLCHAR *)a[1], (SQLINTEGER)(intptr_t)a[2]);
}

SQLRETURN SQL_API SQLPrepare(SQLHSTMT StatementHandle, SQLCHAR *StatementText,
                             SQLINTEGER TextLength)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLPREPARE, async_prepare, ARG(StatementHandle),
                     ARG(StatementText), INT_ARG(TextLength));
    STMT_CALL(StatementHandle, odbc_stmt_prepare(stmt, StatementText, TextLength));
}

static SQLRETURN async_execute(const uintptr_t *a)
{
    return SQLExecute((SQLHSTMT)a[0]);
}

SQLRETURN SQL_API SQLExecute(SQLHSTMT StatementHandle)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLEXECUTE, async_execute, ARG(StatementHandle));
    STMT_CALL(StatementHandle, odbc_stmt_execute(stmt));
}

SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT StatementHandle, SQLSMALLINT *ColumnCount)
{
    STMT_CALL(StatementHandle, odbc_stmt_num_result_cols(stmt, ColumnCount));
}

SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                 SQLCHAR *ColumnName, SQLSMALLINT BufferLength,
                                 SQLSMALLINT *NameLength, SQLSMALLINT *DataType,
                                 SQLULEN *ColumnSize, SQLSMALLINT *DecimalDigits,
                                 SQLSMALLINT *Nullable)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_describe_col(stmt, ColumnNumber, ColumnName, BufferLength, NameLength,
                                     DataType, ColumnSize, DecimalDigits, Nullable));
}

SQLRETURN SQL_API SQLColAttribute(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                  SQLUSMALLINT FieldIdentifier, SQLPOINTER CharacterAttribute,
                                  SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                  SQLLEN *NumericAttribute)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_col_attribute(stmt, ColumnNumber, FieldIdentifier, CharacterAttribute,
                                      BufferLength, StringLength, NumericAttribute));
}

SQLRETURN SQL_API SQLBindCol(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                             SQLSMALLINT TargetType, SQLPOINTER TargetValue,
                             SQLLEN BufferLength, SQLLEN *StrLen_or_Ind)
{
    STMT_CALL(StatementHandle, odbc_stmt_bind_col(stmt, ColumnNumber, TargetType, TargetValue,
                                                  BufferLength, StrLen_or_Ind));
}

static SQLRETURN async_fetch(const uintptr_t *a)
{
    return SQLFetch((SQLHSTMT)a[0]);
}

SQLRETURN SQL_API SQLFetch(SQLHSTMT StatementHandle)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLFETCH, async_fetch, ARG(StatementHandle));
    STMT_CALL(StatementHandle, odbc_stmt_fetch(stmt));
}

static SQLRETURN async_fetch_scroll(const uintptr_t *a)
{
    return SQLFetchScroll((SQLHSTMT)a[0], (SQLSMALLINT)(intptr_t)a[1], (SQLLEN)(intptr_t)a[2]);
}

SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT StatementHandle, SQLSMALLINT FetchOrientation,
                                 SQLLEN FetchOffset)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLFETCHSCROLL, async_fetch_scroll,
                     ARG(StatementHandle), INT_ARG(FetchOrientation), INT_ARG(FetchOffset));
    STMT_CALL(StatementHandle, odbc_stmt_fetch_scroll(stmt, FetchOrientation, FetchOffset));
}

SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT StatementHandle, SQLUSMALLINT FetchOrientation,
                                   SQLLEN FetchOffset, SQLULEN *RowCountPtr,
                                   SQLUSMALLINT *RowStatusArray)
{
    STMT_CALL(StatementHandle, odbc_stmt_extended_fetch(stmt, FetchOrientation, FetchOffset,
                                                        RowCountPtr, RowStatusArray));
}

SQLRETURN SQL_API SQLGetData(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                             SQLSMALLINT TargetType, SQLPOINTER TargetValue,
                             SQLLEN BufferLength, SQLLEN *StrLen_or_Ind)
{
    STMT_CALL_QUIET_UNLESS(StatementHandle, stmt->dbc->options.is_large_objects,
                           odbc_stmt_get_data(stmt, ColumnNumber, TargetType, TargetValue,
                                              BufferLength, StrLen_or_Ind));
}

SQLRETURN SQL_API SQLRowCount(SQLHSTMT StatementHandle, SQLLEN *RowCount)
{
    STMT_CALL(StatementHandle, odbc_stmt_row_count(stmt, RowCount));
}

static SQLRETURN async_more_results(const uintptr_t *a)
{
    return SQLMoreResults((SQLHSTMT)a[0]);
}

SQLRETURN SQL_API SQLMoreResults(SQLHSTMT StatementHandle)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLMORERESULTS, async_more_results,
                     ARG(StatementHandle));
    STMT_CALL(StatementHandle, odbc_stmt_more_results(stmt));
}

SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT StatementHandle, SQLINTEGER Attribute,
                                 SQLPOINTER Value, SQLINTEGER StringLength)
{
    STMT_CALL(StatementHandle, odbc_stmt_set_attr(stmt, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT StatementHandle, SQLINTEGER Attribute,
                                 SQLPOINTER Value, SQLINTEGER BufferLength,
                                 SQLINTEGER *StringLength)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_get_attr(stmt, Attribute, Value, BufferLength, StringLength));
}

SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT StatementHandle, SQLCHAR *CursorName,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *NameLengthPtr)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_get_cursor_name(stmt, CursorName, BufferLength, NameLengthPtr));
}

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT StatementHandle, SQLCHAR *CursorName,
                                   SQLSMALLINT NameLength)
{
    STMT_CALL(StatementHandle, odbc_stmt_set_cursor_name(stmt, CursorName, NameLength));
}

SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT StatementHandle)
{
    struct odbc_stmt *stmt = odbc_stmt_enter(StatementHandle);
    if (stmt == NULL)
        return SQL_INVALID_HANDLE;
    return odbc_stmt_leave(stmt, odbc_trace_api(__func__, stmt, &stmt->header.diags,
                                                odbc_stmt_close(stmt)));
}

SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT StatementHandle, SQLUSMALLINT Option)
{
    if (Option == SQL_DROP)
        return SQLFreeHandle(SQL_HANDLE_STMT, StatementHandle);
    struct odbc_stmt *stmt = odbc_stmt_enter(StatementHandle);
    if (stmt == NULL)
        return SQL_INVALID_HANDLE;
    return odbc_stmt_leave(stmt, odbc_trace_api(__func__, stmt, &stmt->header.diags,
                                                odbc_stmt_free_stmt(stmt, Option)));
}

/* No lock: the call being canceled holds them (see stmt_cancel.c). */
SQLRETURN SQL_API SQLCancel(SQLHSTMT StatementHandle)
{
    if (!odbc_handle_is_valid(StatementHandle, SQL_HANDLE_STMT))
        return SQL_INVALID_HANDLE;
    return odbc_trace_api(__func__, StatementHandle, NULL,
                          odbc_stmt_cancel((struct odbc_stmt *)StatementHandle));
}

/* ODBC 3.8: a statement is canceled as by SQLCancel; a connection's
 * function running asynchronously (dbc_async.h) is canceled through the
 * server; with none running the call has no effect, as the reference
 * says then. */
SQLRETURN SQL_API SQLCancelHandle(SQLSMALLINT HandleType, SQLHANDLE InputHandle)
{
    if (HandleType == SQL_HANDLE_STMT)
        return SQLCancel(InputHandle);
    if (HandleType != SQL_HANDLE_DBC || !odbc_handle_is_valid(InputHandle, SQL_HANDLE_DBC))
        return SQL_INVALID_HANDLE;
    /* No lock: the call it interrupts holds the connection's (dbc_async.h). */
    return odbc_trace_api(__func__, InputHandle, NULL,
                          odbc_dbc_async_cancel((struct odbc_dbc *)InputHandle));
}

/* ODBC 3.8, polling mode: the answer of the function running in the
 * background on a statement or connection, without repeating its
 * arguments. Diagnostics stay those of that function; this one posts none.
 * No lock: like a poll, it never waits on the call it asks about. */
SQLRETURN SQL_API SQLCompleteAsync(SQLSMALLINT HandleType, SQLHANDLE Handle,
                                   RETCODE *AsyncRetCodePtr); /* not in unixODBC 2.3.11's sql.h */
SQLRETURN SQL_API SQLCompleteAsync(SQLSMALLINT HandleType, SQLHANDLE Handle,
                                   RETCODE *AsyncRetCodePtr)
{
    if ((HandleType != SQL_HANDLE_STMT && HandleType != SQL_HANDLE_DBC) ||
        !odbc_handle_is_valid(Handle, HandleType))
        return SQL_INVALID_HANDLE;
    if (AsyncRetCodePtr == NULL)
        return SQL_ERROR;
    struct odbc_async_call *call = HandleType == SQL_HANDLE_STMT
                                       ? &((struct odbc_stmt *)Handle)->async
                                       : &((struct odbc_dbc *)Handle)->async;
    SQLRETURN async_result = SQL_SUCCESS;
    SQLRETURN result = odbc_async_complete(call, &async_result);
    if (result == SQL_SUCCESS)
        *AsyncRetCodePtr = async_result;
    return odbc_trace_api(__func__, Handle, NULL, result);
}

SQLRETURN SQL_API SQLBindParameter(SQLHSTMT StatementHandle, SQLUSMALLINT ParameterNumber,
                                   SQLSMALLINT InputOutputType, SQLSMALLINT ValueType,
                                   SQLSMALLINT ParameterType, SQLULEN ColumnSize,
                                   SQLSMALLINT DecimalDigits, SQLPOINTER ParameterValuePtr,
                                   SQLLEN BufferLength, SQLLEN *StrLen_or_IndPtr)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_bind_parameter(stmt, ParameterNumber, InputOutputType, ValueType,
                                       ParameterType, ColumnSize, DecimalDigits,
                                       ParameterValuePtr, BufferLength, StrLen_or_IndPtr));
}

/* ODBC 1.0's input parameter. Exported because the driver manager's own
 * mapping (SQLBindParameter with SQL_PARAM_INPUT_OUTPUT and BufferLength
 * SQL_SETPARAM_VALUE_MAX, "SQLSetParam Mapping") names no buffer size: an
 * output value could not be written back safely. The value is an input. */
SQLRETURN SQL_API SQLSetParam(SQLHSTMT StatementHandle, SQLUSMALLINT ParameterNumber,
                              SQLSMALLINT ValueType, SQLSMALLINT ParameterType,
                              SQLULEN LengthPrecision, SQLSMALLINT ParameterScale,
                              SQLPOINTER ParameterValue, SQLLEN *StrLen_or_Ind)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_bind_parameter(stmt, ParameterNumber, SQL_PARAM_INPUT, ValueType,
                                       ParameterType, LengthPrecision, ParameterScale,
                                       ParameterValue, 0, StrLen_or_Ind));
}

SQLRETURN SQL_API SQLNumParams(SQLHSTMT StatementHandle, SQLSMALLINT *ParameterCountPtr)
{
    STMT_CALL(StatementHandle, odbc_stmt_num_params(stmt, ParameterCountPtr));
}

SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT StatementHandle, SQLUSMALLINT ParameterNumber,
                                   SQLSMALLINT *DataTypePtr, SQLULEN *ParameterSizePtr,
                                   SQLSMALLINT *DecimalDigitsPtr, SQLSMALLINT *NullablePtr)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_describe_param(stmt, ParameterNumber, DataTypePtr, ParameterSizePtr,
                                       DecimalDigitsPtr, NullablePtr));
}

SQLRETURN SQL_API SQLParamData(SQLHSTMT StatementHandle, SQLPOINTER *ValuePtrPtr)
{
    STMT_CALL(StatementHandle, odbc_stmt_param_data(stmt, ValuePtrPtr));
}

SQLRETURN SQL_API SQLPutData(SQLHSTMT StatementHandle, SQLPOINTER DataPtr,
                             SQLLEN StrLen_or_Ind)
{
    STMT_CALL(StatementHandle, odbc_stmt_put_data(stmt, DataPtr, StrLen_or_Ind));
}
