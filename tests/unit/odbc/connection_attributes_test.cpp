// Connection attributes without a server: read-only and optional ones
// answer as the reference says (HY092, HYC00 with the reason, 01S02).
#include <gtest/gtest.h>

#include <string>

#include <sql.h>
#include <sqlext.h>

namespace {

std::string FirstRecord(SQLHANDLE dbc, std::string *message = nullptr)
{
    SQLCHAR state[6] = {};
    SQLINTEGER native;
    SQLCHAR text[512] = {};
    SQLSMALLINT length;
    if (SQLGetDiagRec(SQL_HANDLE_DBC, dbc, 1, state, &native, text, sizeof text, &length) !=
        SQL_SUCCESS)
        return "";
    if (message != nullptr)
        *message = reinterpret_cast<char *>(text);
    return reinterpret_cast<char *>(state);
}

class ConnectionAttributes : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_));
        ASSERT_EQ(SQL_SUCCESS, SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION,
                                             reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0));
        ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_));
    }
    void TearDown() override
    {
        EXPECT_EQ(SQL_SUCCESS, SQLFreeHandle(SQL_HANDLE_DBC, dbc_));
        EXPECT_EQ(SQL_SUCCESS, SQLFreeHandle(SQL_HANDLE_ENV, env_));
    }
    SQLRETURN Set(SQLINTEGER attribute, SQLULEN value)
    {
        return SQLSetConnectAttr(dbc_, attribute, reinterpret_cast<SQLPOINTER>(value), 0);
    }
    SQLHENV env_ = SQL_NULL_HENV;
    SQLHDBC dbc_ = SQL_NULL_HDBC;
};

TEST_F(ConnectionAttributes, AutoIpdIsReadOnlyAndFalse)
{
    SQLUINTEGER value = 9;
    ASSERT_EQ(SQL_SUCCESS, SQLGetConnectAttr(dbc_, SQL_ATTR_AUTO_IPD, &value, 0, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_FALSE), value);
    EXPECT_EQ(SQL_ERROR, Set(SQL_ATTR_AUTO_IPD, SQL_TRUE));
    EXPECT_EQ("HY092", FirstRecord(dbc_));
}

// Honoured since the fault tests (tests/faults: HYT01 past it).
TEST_F(ConnectionAttributes, ConnectionTimeoutIsStoredAndReported)
{
    EXPECT_EQ(SQL_SUCCESS, Set(SQL_ATTR_CONNECTION_TIMEOUT, 0));
    EXPECT_EQ(SQL_SUCCESS, Set(SQL_ATTR_CONNECTION_TIMEOUT, 30));
    SQLUINTEGER value = 9;
    ASSERT_EQ(SQL_SUCCESS,
              SQLGetConnectAttr(dbc_, SQL_ATTR_CONNECTION_TIMEOUT, &value, 0, nullptr));
    EXPECT_EQ(30u, value);
}

TEST_F(ConnectionAttributes, OptionalFeaturesAreHYC00WithTheReason)
{
    std::string message;
    EXPECT_EQ(SQL_ERROR, Set(SQL_ATTR_PACKET_SIZE, 8192));
    EXPECT_EQ("HYC00", FirstRecord(dbc_, &message));
    EXPECT_NE(std::string::npos, message.find("packet size")) << message;
    SQLUINTEGER value = 0;
    EXPECT_EQ(SQL_ERROR, SQLGetConnectAttr(dbc_, SQL_ATTR_PACKET_SIZE, &value, 0, nullptr));
    EXPECT_EQ("HYC00", FirstRecord(dbc_));
    // Connection functions run asynchronously when asked (dbc_async.h).
    EXPECT_EQ(SQL_SUCCESS, Set(SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE, SQL_ASYNC_DBC_ENABLE_ON));
    EXPECT_EQ(SQL_SUCCESS, Set(SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE, SQL_ASYNC_DBC_ENABLE_OFF));
    EXPECT_EQ(SQL_ERROR, Set(SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE, 7));
    EXPECT_EQ("HY024", FirstRecord(dbc_));
    EXPECT_EQ(SQL_ERROR, Set(SQL_ATTR_ENLIST_IN_DTC, 1));
    EXPECT_EQ("HYC00", FirstRecord(dbc_, &message));
    EXPECT_NE(std::string::npos, message.find("Distributed")) << message;
    // The pool's reset (dbc_reset.h): SQL_RESET_CONNECTION_YES only, and
    // nothing to reset before connecting.
    EXPECT_EQ(SQL_ERROR, Set(SQL_ATTR_RESET_CONNECTION, 0));
    EXPECT_EQ("HY024", FirstRecord(dbc_));
    EXPECT_EQ(SQL_ERROR, Set(SQL_ATTR_RESET_CONNECTION, SQL_RESET_CONNECTION_YES));
    EXPECT_EQ("08003", FirstRecord(dbc_));
    // Statement-level asynchronous execution is offered too (its default
    // is set here).
    EXPECT_EQ(SQL_SUCCESS, Set(SQL_ATTR_ASYNC_ENABLE, SQL_ASYNC_ENABLE_ON));
}

TEST_F(ConnectionAttributes, CurrentCatalogCannotChangeBeforeOrAfterConnecting)
{
    EXPECT_EQ(SQL_ERROR,
              SQLSetConnectAttr(dbc_, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "other", SQL_NTS));
    EXPECT_EQ("HYC00", FirstRecord(dbc_));
    SQLCHAR name[64];
    SQLINTEGER length = 0;
    EXPECT_EQ(SQL_ERROR,
              SQLGetConnectAttr(dbc_, SQL_ATTR_CURRENT_CATALOG, name, sizeof name, &length));
    EXPECT_EQ("08003", FirstRecord(dbc_));
}

}  // namespace
