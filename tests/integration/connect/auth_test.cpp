// Authentication through SQLDriverConnect: one harness role per method
// (pg_harness.sh's pg_hba.conf), each with the right password, a wrong one
// and none. The server's SQLSTATE must pass through (28P01); a password the
// server asks for but the connection string lacks is the driver's 08001,
// naming the method.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class AuthTest : public OdbcTest {};

TEST_F(AuthTest, TrustRoleConnectsWithoutPasswordAsThatRole) {
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(AuthTest, CleartextPasswordRoleConnectsAsThatRole) {
    auto connection = driver_connect(tcp_string_with_password("pgo_password") + "SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_password");
}

TEST_F(AuthTest, Md5RoleConnectsAsThatRole) {
    auto connection = driver_connect(tcp_string_with_password("pgo_md5") + "SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_md5");
}

TEST_F(AuthTest, ScramRoleConnectsAsThatRoleWithoutTls) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram") + "SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
    EXPECT_FALSE(ssl_is_used(*connection));
}

TEST_F(AuthTest, ScramOverTlsConnectsWithChannelBindingAvailable) {
    // Over TLS the server offers SCRAM-SHA-256-PLUS and the driver must use
    // it; a broken channel binding would fail the login, so a working
    // session over TLS shows the exchange completed.
    auto connection = driver_connect(tcp_string_with_password("pgo_scram") + "SSLMode=require;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(AuthTest, PasswordAliasKeywordIsAccepted) {
    auto connection = driver_connect(tcp_string("pgo_scram") + "Password=" + harness.password() +
                                     ";SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(AuthTest, CleartextPasswordWrongFailsWith28P01) {
    auto connection = driver_connect(tcp_string("pgo_password") + "PWD=wrong-password;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {"pgo_password"});
}

TEST_F(AuthTest, Md5WrongPasswordFailsWith28P01) {
    auto connection = driver_connect(tcp_string("pgo_md5") + "PWD=wrong-password;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {"pgo_md5"});
}

TEST_F(AuthTest, ScramWrongPasswordFailsWith28P01) {
    auto connection = driver_connect(tcp_string("pgo_scram") + "PWD=wrong-password;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {"pgo_scram"});
}

TEST_F(AuthTest, ScramOverTlsWrongPasswordFailsWith28P01) {
    auto connection = driver_connect(tcp_string("pgo_scram") + "PWD=wrong-password;SSLMode=require;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {"pgo_scram"});
}

TEST_F(AuthTest, CleartextRequestWithoutPasswordFailsNamingMethod) {
    auto connection = driver_connect(tcp_string("pgo_password") + "SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"password"});
}

TEST_F(AuthTest, Md5RequestWithoutPasswordFailsNamingMethod) {
    auto connection = driver_connect(tcp_string("pgo_md5") + "SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"md5"});
}

TEST_F(AuthTest, ScramRequestWithoutPasswordFailsNamingMethod) {
    auto connection = driver_connect(tcp_string("pgo_scram") + "SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"scram"});
}

TEST_F(AuthTest, PasswordWithSemicolonAndBraceInBracesIsPassedIntact) {
    // A wrong password written in braces with ';' and '}}' inside must reach
    // the server as one value: the failure is the server's 28P01, not a
    // parse error or an unknown-keyword warning about its tail.
    auto connection = driver_connect(tcp_string("pgo_scram") + "PWD={a;b}}c};SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {});
    EXPECT_FALSE(has_diag(connection->diags, "01S00")) << format_diags(connection->diags);
}

} // namespace
} // namespace pgo_test
