// DSNs through the driver manager: the harness's odbc.ini holds [pgo_test]
// (pgo_scram over TCP with its password). Keywords in the connection
// string override the DSN's; SQLConnect's user and password arguments do
// too. The completed out-string never carries the password.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class DsnTest : public OdbcTest {};

TEST_F(DsnTest, DsnLookupConnectsAsTheDsnsUser) {
    auto connection = driver_connect("DSN=pgo_test;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user || '@' || current_database()"),
              "pgo_scram@pgo_db");
}

TEST_F(DsnTest, ConnectionStringOverridesDsnKeyword) {
    auto connection = driver_connect("DSN=pgo_test;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(DsnTest, ConnectionStringOverridesDsnTlsMode) {
    auto connection = driver_connect("DSN=pgo_test;SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_FALSE(ssl_is_used(*connection));
}

TEST_F(DsnTest, UnknownDsnFailsWithIM002) {
    auto connection = driver_connect("DSN=pgo_no_such_dsn;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "IM002", {});
}

TEST_F(DsnTest, SqlConnectUsesDsnWithUserAndPasswordArguments) {
    auto connection = sql_connect("pgo_test", "pgo_md5", harness.password());
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_md5");
}

TEST_F(DsnTest, SqlConnectWithEmptyUserKeepsTheDsnsUser) {
    auto connection = sql_connect("pgo_test", "", "");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(DsnTest, SqlConnectWrongPasswordFailsWith28P01) {
    auto connection = sql_connect("pgo_test", "pgo_scram", "wrong-password");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {});
}

TEST_F(DsnTest, CompletedOutStringOmitsPassword) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram") + "SSLMode=require;");
    ASSERT_CONNECTED(connection);
    const std::string &out = connection->out_string;
    EXPECT_FALSE(out.empty());
    EXPECT_EQ(out.find(harness.password()), std::string::npos) << out;
    EXPECT_FALSE(contains_ci(out, "PWD=")) << out;
    EXPECT_FALSE(contains_ci(out, "Password=")) << out;
    EXPECT_TRUE(contains_ci(out, "pgo_scram")) << out;
}

TEST_F(DsnTest, CompletedOutStringFromDsnOmitsPassword) {
    auto connection = driver_connect("DSN=pgo_test;");
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(contains_ci(connection->out_string, "DSN=pgo_test")) << connection->out_string;
    EXPECT_EQ(connection->out_string.find(harness.password()), std::string::npos)
        << connection->out_string;
}

} // namespace
} // namespace pgo_test
