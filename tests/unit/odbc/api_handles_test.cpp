// The exported entry points without a server: handle validation, the
// environment attributes, allocation order (HY010, 08003), SQLGetInfo and
// SQLGetFunctions answers, and diagnostics reached through SQLGetDiagRec.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

#include <sql.h>
#include <sqlext.h>

namespace {

std::string FirstState(SQLSMALLINT type, SQLHANDLE handle)
{
    SQLCHAR state[6] = {};
    SQLINTEGER native;
    SQLCHAR message[512];
    SQLSMALLINT length;
    if (SQLGetDiagRec(type, handle, 1, state, &native, message, sizeof message, &length) !=
        SQL_SUCCESS)
        return "";
    return reinterpret_cast<char *>(state);
}

class ApiHandles : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_));
    }
    void TearDown() override
    {
        if (dbc_ != SQL_NULL_HDBC)
            EXPECT_EQ(SQL_SUCCESS, SQLFreeHandle(SQL_HANDLE_DBC, dbc_));
        EXPECT_EQ(SQL_SUCCESS, SQLFreeHandle(SQL_HANDLE_ENV, env_));
    }
    void AllocateConnection()
    {
        ASSERT_EQ(SQL_SUCCESS, SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION,
                                             reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0));
        ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_));
    }
    SQLHENV env_ = SQL_NULL_HENV;
    SQLHDBC dbc_ = SQL_NULL_HDBC;
};

TEST_F(ApiHandles, NullAndWrongKindHandlesAreInvalid)
{
    EXPECT_EQ(SQL_INVALID_HANDLE, SQLSetEnvAttr(nullptr, SQL_ATTR_ODBC_VERSION, nullptr, 0));
    EXPECT_EQ(SQL_INVALID_HANDLE, SQLGetInfo(nullptr, SQL_DRIVER_NAME, nullptr, 0, nullptr));
    EXPECT_EQ(SQL_INVALID_HANDLE, SQLGetInfo(env_, SQL_DRIVER_NAME, nullptr, 0, nullptr));
    EXPECT_EQ(SQL_INVALID_HANDLE, SQLExecDirect(env_, (SQLCHAR *)"select 1", SQL_NTS));
    EXPECT_EQ(SQL_INVALID_HANDLE, SQLFreeHandle(SQL_HANDLE_DBC, env_));
    SQLCHAR state[6];
    SQLINTEGER native;
    SQLSMALLINT length;
    EXPECT_EQ(SQL_INVALID_HANDLE,
              SQLGetDiagRec(SQL_HANDLE_STMT, env_, 1, state, &native, nullptr, 0, &length));
}

TEST_F(ApiHandles, ConnectionNeedsOdbcVersionFirst)
{
    SQLHDBC dbc = SQL_NULL_HDBC;
    EXPECT_EQ(SQL_ERROR, SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc));
    EXPECT_EQ("HY010", FirstState(SQL_HANDLE_ENV, env_));
}

TEST_F(ApiHandles, OdbcVersionAcceptsTwoThreeAndThreeEighty)
{
    for (SQLULEN version : {SQL_OV_ODBC2, SQL_OV_ODBC3, SQL_OV_ODBC3_80}) {
        EXPECT_EQ(SQL_SUCCESS, SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION,
                                             reinterpret_cast<SQLPOINTER>(version), 0));
        SQLINTEGER answer = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLGetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, &answer, 0, nullptr));
        EXPECT_EQ(static_cast<SQLINTEGER>(version), answer);
    }
    EXPECT_EQ(SQL_ERROR,
              SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(4), 0));
    EXPECT_EQ("HY024", FirstState(SQL_HANDLE_ENV, env_));
}

TEST_F(ApiHandles, PoolingAndOutputNtsAcceptOnlyWhatTheDriverDoes)
{
    EXPECT_EQ(SQL_SUCCESS, SQLSetEnvAttr(env_, SQL_ATTR_CONNECTION_POOLING,
                                         reinterpret_cast<SQLPOINTER>(SQL_CP_OFF), 0));
    EXPECT_EQ(SQL_ERROR, SQLSetEnvAttr(env_, SQL_ATTR_CONNECTION_POOLING,
                                       reinterpret_cast<SQLPOINTER>(SQL_CP_ONE_PER_DRIVER), 0));
    EXPECT_EQ("HYC00", FirstState(SQL_HANDLE_ENV, env_));
    EXPECT_EQ(SQL_ERROR, SQLSetEnvAttr(env_, SQL_ATTR_OUTPUT_NTS,
                                       reinterpret_cast<SQLPOINTER>(SQL_FALSE), 0));
    EXPECT_EQ(SQL_ERROR, SQLSetEnvAttr(env_, 12345, nullptr, 0));
    EXPECT_EQ("HY092", FirstState(SQL_HANDLE_ENV, env_));
}

TEST_F(ApiHandles, EnvironmentWithConnectionsCannotBeFreed)
{
    AllocateConnection();
    EXPECT_EQ(SQL_ERROR, SQLFreeHandle(SQL_HANDLE_ENV, env_));
    EXPECT_EQ("HY010", FirstState(SQL_HANDLE_ENV, env_));
}

TEST_F(ApiHandles, StatementNeedsAnOpenConnection)
{
    AllocateConnection();
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    EXPECT_EQ(SQL_ERROR, SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &stmt));
    EXPECT_EQ("08003", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_ERROR, SQLDisconnect(dbc_));
    EXPECT_EQ("08003", FirstState(SQL_HANDLE_DBC, dbc_));
}

TEST_F(ApiHandles, ExplicitDescriptorNeedsAnOpenConnection)
{
    AllocateConnection();
    SQLHDESC desc = SQL_NULL_HDESC;
    EXPECT_EQ(SQL_ERROR, SQLAllocHandle(SQL_HANDLE_DESC, dbc_, &desc));
    EXPECT_EQ("08003", FirstState(SQL_HANDLE_DBC, dbc_));
}

TEST_F(ApiHandles, GetInfoAnswersDriverFactsWithoutAConnection)
{
    AllocateConnection();
    SQLCHAR text[64];
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_DRIVER_ODBC_VER, text, sizeof text, &length));
    EXPECT_STREQ("03.80", reinterpret_cast<char *>(text));
    EXPECT_EQ(5, length);
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_DRIVER_NAME, text, sizeof text, &length));
    EXPECT_STREQ("libpgodbc.so", reinterpret_cast<char *>(text));
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_IDENTIFIER_QUOTE_CHAR, text, sizeof text, &length));
    EXPECT_STREQ("\"", reinterpret_cast<char *>(text));
    SQLUSMALLINT small = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_MAX_COLUMN_NAME_LEN, &small, 0, &length));
    EXPECT_EQ(63, small);
    EXPECT_EQ(static_cast<SQLSMALLINT>(sizeof small), length);
    SQLUINTEGER bits = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_GETDATA_EXTENSIONS, &bits, 0, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND), bits);
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_CURSOR_COMMIT_BEHAVIOR, &small, 0, nullptr));
    EXPECT_EQ(SQL_CB_PRESERVE, small);
}

TEST_F(ApiHandles, GetInfoTruncatesWith01004AndRejectsUnknownTypes)
{
    AllocateConnection();
    SQLCHAR text[4];
    SQLSMALLINT length = 0;
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLGetInfo(dbc_, SQL_DRIVER_NAME, text, sizeof text, &length));
    EXPECT_STREQ("lib", reinterpret_cast<char *>(text));
    EXPECT_EQ(12, length);
    EXPECT_EQ("01004", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_ERROR, SQLGetInfo(dbc_, 9999, text, sizeof text, &length));
    EXPECT_EQ("HY096", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_ERROR, SQLGetInfo(dbc_, SQL_DBMS_VER, text, sizeof text, &length));
    EXPECT_EQ("08003", FirstState(SQL_HANDLE_DBC, dbc_));
}

TEST_F(ApiHandles, GetFunctionsListsExactlyTheExportedFunctions)
{
    AllocateConnection();
    SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(dbc_, SQL_API_ODBC3_ALL_FUNCTIONS, bitmap));
    const std::set<int> exported = {
        SQL_API_SQLTABLES,         SQL_API_SQLCOLUMNS,        SQL_API_SQLPRIMARYKEYS,
        SQL_API_SQLFOREIGNKEYS,    SQL_API_SQLSTATISTICS,     SQL_API_SQLSPECIALCOLUMNS,
        SQL_API_SQLPROCEDURES,     SQL_API_SQLPROCEDURECOLUMNS, SQL_API_SQLTABLEPRIVILEGES,
        SQL_API_SQLCOLUMNPRIVILEGES, SQL_API_SQLGETTYPEINFO,
        SQL_API_SQLALLOCHANDLE,    SQL_API_SQLFREEHANDLE,     SQL_API_SQLSETENVATTR,
        SQL_API_SQLGETENVATTR,     SQL_API_SQLCONNECT,        SQL_API_SQLDRIVERCONNECT,
        SQL_API_SQLDISCONNECT,     SQL_API_SQLGETDIAGREC,     SQL_API_SQLGETDIAGFIELD,
        SQL_API_SQLSETCONNECTATTR, SQL_API_SQLGETCONNECTATTR, SQL_API_SQLSETSTMTATTR,
        SQL_API_SQLGETSTMTATTR,    SQL_API_SQLEXECDIRECT,     SQL_API_SQLPREPARE,
        SQL_API_SQLEXECUTE,        SQL_API_SQLNUMRESULTCOLS,  SQL_API_SQLDESCRIBECOL,
        SQL_API_SQLCOLATTRIBUTE,   SQL_API_SQLBINDCOL,        SQL_API_SQLFETCH,
        SQL_API_SQLFETCHSCROLL,    SQL_API_SQLGETDATA,        SQL_API_SQLROWCOUNT,
        SQL_API_SQLMORERESULTS,    SQL_API_SQLFREESTMT,       SQL_API_SQLCLOSECURSOR,
        SQL_API_SQLENDTRAN,        SQL_API_SQLTRANSACT,       SQL_API_SQLGETINFO,
        SQL_API_SQLGETFUNCTIONS,   SQL_API_SQLNATIVESQL,      SQL_API_SQLCANCEL,
        SQL_API_SQLBINDPARAMETER,  SQL_API_SQLNUMPARAMS,      SQL_API_SQLDESCRIBEPARAM,
        SQL_API_SQLPARAMDATA,      SQL_API_SQLPUTDATA,        SQL_API_SQLEXTENDEDFETCH,
        SQL_API_SQLSETPARAM,       SQL_API_SQLGETCURSORNAME,  SQL_API_SQLSETCURSORNAME,
        SQL_API_SQLGETDESCFIELD,   SQL_API_SQLSETDESCFIELD,   SQL_API_SQLGETDESCREC,
        SQL_API_SQLSETDESCREC,     SQL_API_SQLCOPYDESC,       SQL_API_SQLSETPOS,
        SQL_API_SQLBULKOPERATIONS, SQL_API_SQLCANCELHANDLE,  SQL_API_SQLBROWSECONNECT};
    for (int id = 0; id < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; id++)
        EXPECT_EQ(exported.count(id) == 1, SQL_FUNC_EXISTS(bitmap, id) == SQL_TRUE) << id;
    SQLUSMALLINT flags[100];
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(dbc_, SQL_API_ALL_FUNCTIONS, flags));
    EXPECT_EQ(SQL_TRUE, flags[SQL_API_SQLFETCH]);
    EXPECT_EQ(SQL_TRUE, flags[SQL_API_SQLCOLUMNS]);
    EXPECT_EQ(SQL_TRUE, flags[SQL_API_SQLBROWSECONNECT]);
    EXPECT_EQ(SQL_FALSE, flags[SQL_API_SQLDATASOURCES]); // the driver manager's own
    SQLUSMALLINT one = 9;
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(dbc_, SQL_API_SQLCANCEL, &one));
    EXPECT_EQ(SQL_TRUE, one);
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(dbc_, SQL_API_SQLCOLUMNS, &one));
    EXPECT_EQ(SQL_TRUE, one);
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(dbc_, SQL_API_SQLBROWSECONNECT, &one));
    EXPECT_EQ(SQL_TRUE, one);
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(dbc_, SQL_API_SQLDATASOURCES, &one));
    EXPECT_EQ(SQL_FALSE, one);
}

TEST_F(ApiHandles, ConnectionAttributesFollowTheDriversRules)
{
    AllocateConnection();
    EXPECT_EQ(SQL_SUCCESS, SQLSetConnectAttr(dbc_, SQL_ATTR_LOGIN_TIMEOUT,
                                             reinterpret_cast<SQLPOINTER>(7), 0));
    SQLUINTEGER value = 0;
    EXPECT_EQ(SQL_SUCCESS, SQLGetConnectAttr(dbc_, SQL_ATTR_LOGIN_TIMEOUT, &value, 0, nullptr));
    EXPECT_EQ(7u, value);
    // Before connecting, transaction settings are kept for the connection.
    EXPECT_EQ(SQL_SUCCESS, SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0));
    EXPECT_EQ(SQL_SUCCESS, SQLGetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT, &value, 0, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_AUTOCOMMIT_OFF), value);
    EXPECT_EQ(SQL_SUCCESS, SQLSetConnectAttr(dbc_, SQL_ATTR_ACCESS_MODE,
                                             reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0));
    EXPECT_EQ(SQL_SUCCESS, SQLGetConnectAttr(dbc_, SQL_ATTR_ACCESS_MODE, &value, 0, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_MODE_READ_ONLY), value);
    EXPECT_EQ(SQL_ERROR, SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT,
                                           reinterpret_cast<SQLPOINTER>(7), 0));
    EXPECT_EQ("HY024", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_ERROR, SQLSetConnectAttr(dbc_, 987654, nullptr, 0));
    EXPECT_EQ("HY092", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_SUCCESS, SQLGetConnectAttr(dbc_, SQL_ATTR_CONNECTION_DEAD, &value, 0, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_CD_TRUE), value);
}

TEST_F(ApiHandles, DriverConnectRejectsBadCompletionAndPromptWithoutWindow)
{
    AllocateConnection();
    EXPECT_EQ(SQL_ERROR, SQLDriverConnect(dbc_, nullptr, (SQLCHAR *)"UID=x", SQL_NTS, nullptr, 0,
                                          nullptr, 42));
    EXPECT_EQ("HY110", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_ERROR, SQLDriverConnect(dbc_, nullptr, (SQLCHAR *)"UID=x", SQL_NTS, nullptr, 0,
                                          nullptr, SQL_DRIVER_PROMPT));
    EXPECT_EQ("HY092", FirstState(SQL_HANDLE_DBC, dbc_));
}

TEST_F(ApiHandles, OdbcTwoEnvironmentsSeeOdbcTwoStates)
{
    ASSERT_EQ(SQL_SUCCESS, SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION,
                                         reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC2), 0));
    ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_));
    EXPECT_EQ(SQL_ERROR, SQLSetConnectAttr(dbc_, 987654, nullptr, 0));
    EXPECT_EQ("S1092", FirstState(SQL_HANDLE_DBC, dbc_));
}

TEST_F(ApiHandles, EndTranWithoutConnectionIsNotOpenButEnvironmentSucceeds)
{
    AllocateConnection();
    EXPECT_EQ(SQL_SUCCESS, SQLEndTran(SQL_HANDLE_ENV, env_, SQL_COMMIT));
    EXPECT_EQ(SQL_ERROR, SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_COMMIT));
    EXPECT_EQ("08003", FirstState(SQL_HANDLE_DBC, dbc_));
    EXPECT_EQ(SQL_ERROR, SQLEndTran(SQL_HANDLE_DBC, dbc_, 7));
    EXPECT_EQ("HY012", FirstState(SQL_HANDLE_DBC, dbc_));
}

} // namespace
