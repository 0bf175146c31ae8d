// SQLGetInfo and the diagnostic fields an application reads after a
// failure, through the driver manager.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class InfoDiagTest : public OdbcTest {};

TEST_F(InfoDiagTest, DriverOdbcVersionIs0380) {
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    SQLCHAR version[16] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetInfo(connection->get(), SQL_DRIVER_ODBC_VER, version, sizeof version, &length);
    ASSERT_EQ(rc, SQL_SUCCESS) << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_STREQ(reinterpret_cast<const char *>(version), "03.80");
    EXPECT_EQ(length, 5);
}

TEST_F(InfoDiagTest, DiagFieldsDescribeAServerError) {
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    Statement stmt(connection->get());
    ASSERT_TRUE(stmt.get() != SQL_NULL_HSTMT);
    SQLRETURN rc = SQLExecDirect(stmt.get(), (SQLCHAR *)"SELECT * FROM pgo_no_such_table", SQL_NTS);
    ASSERT_EQ(rc, SQL_ERROR);

    SQLINTEGER count = 0;
    rc = SQLGetDiagField(SQL_HANDLE_STMT, stmt.get(), 0, SQL_DIAG_NUMBER, &count, 0, nullptr);
    ASSERT_EQ(rc, SQL_SUCCESS);
    EXPECT_GE(count, 1);

    SQLCHAR state[6] = {0};
    SQLSMALLINT length = 0;
    rc = SQLGetDiagField(SQL_HANDLE_STMT, stmt.get(), 1, SQL_DIAG_SQLSTATE, state, sizeof state, &length);
    ASSERT_EQ(rc, SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<const char *>(state), "42P01");

    SQLCHAR message[1024] = {0};
    rc = SQLGetDiagField(SQL_HANDLE_STMT, stmt.get(), 1, SQL_DIAG_MESSAGE_TEXT, message,
                         sizeof message, &length);
    ASSERT_TRUE(succeeded(rc));
    std::string text = reinterpret_cast<const char *>(message);
    EXPECT_TRUE(contains_ci(text, "pgo_no_such_table")) << text;
    EXPECT_TRUE(contains_ci(text, "[pgodbc]")) << text;
    EXPECT_EQ(static_cast<size_t>(length), text.size());

    SQLCHAR origin[64] = {0};
    rc = SQLGetDiagField(SQL_HANDLE_STMT, stmt.get(), 1, SQL_DIAG_CLASS_ORIGIN, origin, sizeof origin,
                         &length);
    ASSERT_TRUE(succeeded(rc));
    EXPECT_STREQ(reinterpret_cast<const char *>(origin), "ISO 9075");

    rc = SQLGetDiagField(SQL_HANDLE_STMT, stmt.get(), count + 1, SQL_DIAG_SQLSTATE, state,
                         sizeof state, &length);
    EXPECT_EQ(rc, SQL_NO_DATA);
}

TEST_F(InfoDiagTest, DiagRecordsOfAFailedConnectNameTheCause) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() +
                                     ";Port=abc;Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    SQLCHAR state[6] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetDiagField(SQL_HANDLE_DBC, connection->get(), 1, SQL_DIAG_SQLSTATE, state,
                                   sizeof state, &length);
    ASSERT_EQ(rc, SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<const char *>(state), "HY024");
}

TEST_F(InfoDiagTest, ShortMessageBufferTruncatesWith01004) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() +
                                     ";Port=abc;Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR message[8] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetDiagRec(SQL_HANDLE_DBC, connection->get(), 1, state, &native, message,
                                 sizeof message, &length);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_GT(length, 7);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(message)).size(), 7u);
}

} // namespace
} // namespace pgo_test
