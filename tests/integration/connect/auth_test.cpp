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

// ChannelBinding and RequireAuth (libpq's channel_binding and
// require_auth) against the real server: what it allows connects, what it
// forbids fails with 08001 naming the keyword, before any password is sent.
class AuthPolicyTest : public OdbcTest {};

TEST_F(AuthPolicyTest, ChannelBindingRequireConnectsOverTlsWithScramPlus) {
    for (const char *mode : {"require", "prefer", "allow"}) {
        auto connection = driver_connect(tcp_string_with_password("pgo_scram") +
                                         "ChannelBinding=require;SSLMode=" + mode + ";");
        ASSERT_CONNECTED(connection);
        EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram") << mode;
        // prefer and allow start with TLS: no plain-text login could bind.
        EXPECT_TRUE(ssl_is_used(*connection)) << mode;
    }
}

TEST_F(AuthPolicyTest, ChannelBindingDisableStillAuthenticatesWithScramOverTls) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram") +
                                     "channel_binding=disable;SSLMode=require;");
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(AuthPolicyTest, ChannelBindingRequireRefusesPasswordMd5AndTrustRoles) {
    struct Case {
        const char *role;
        const char *words;
    } cases[] = {{"pgo_password", "cleartext password"},
                 {"pgo_md5", "MD5 password"},
                 {"pgo_trust", "without channel binding"}};
    for (const Case &c : cases) {
        auto connection = driver_connect(tcp_string_with_password(c.role) +
                                         "ChannelBinding=require;SSLMode=require;");
        EXPECT_CONNECT_FAILED(connection);
        EXPECT_DIAG(connection->diags, "08001", {"ChannelBinding=require", c.words});
    }
}

TEST_F(AuthPolicyTest, ChannelBindingRequireFailsOverAUnixSocket) {
    // PostgreSQL never offers TLS on a Unix socket, so SCRAM arrives
    // without its -PLUS variant.
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + harness.socket_dir() +
                                     ";Port=" + harness.port() +
                                     ";Database=pgo_db;UID=pgo_scram;PWD=" +
                                     harness.password() + ";ChannelBinding=require;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"ChannelBinding=require", "TLS"});
}

TEST_F(AuthPolicyTest, ChannelBindingRequireWithSslModeDisableIsRefusedUpFront) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram") +
                                     "ChannelBinding=require;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"ChannelBinding=require", "SSLMode"});
}

TEST_F(AuthPolicyTest, RequireAuthRefusesACleartextPasswordWithoutTls) {
    auto connection = driver_connect(tcp_string_with_password("pgo_password") +
                                     "RequireAuth=scram-sha-256;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"RequireAuth", "cleartext password"});
}

TEST_F(AuthPolicyTest, RequireAuthAllowsWhatItNames) {
    struct Case {
        const char *role;
        const char *require;
    } cases[] = {{"pgo_password", "password"},
                 {"pgo_md5", "!password"},
                 {"pgo_scram", "scram-sha-256,md5"},
                 {"pgo_trust", "none"}};
    for (const Case &c : cases) {
        auto connection = driver_connect(tcp_string_with_password(c.role) + "require_auth=" +
                                         c.require + ";SSLMode=disable;");
        ASSERT_CONNECTED(connection);
        EXPECT_EQ(scalar(*connection, "SELECT current_user"), c.role) << c.require;
    }
}

TEST_F(AuthPolicyTest, RequireAuthRefusesWhatItDoesNotName) {
    struct Case {
        const char *role;
        const char *require;
        const char *words;
    } cases[] = {{"pgo_md5", "!md5", "MD5 password"},
                 {"pgo_scram", "password,md5", "SASL"},
                 {"pgo_trust", "!none", "without authentication"}};
    for (const Case &c : cases) {
        auto connection = driver_connect(tcp_string_with_password(c.role) + "RequireAuth=" +
                                         c.require + ";SSLMode=disable;");
        EXPECT_CONNECT_FAILED(connection);
        EXPECT_DIAG(connection->diags, "08001", {"RequireAuth", c.words});
    }
}

TEST_F(AuthPolicyTest, BadPolicyValuesNameTheKeyword) {
    auto binding = driver_connect(tcp_string_with_password("pgo_scram") + "ChannelBinding=on;");
    EXPECT_CONNECT_FAILED(binding);
    EXPECT_DIAG(binding->diags, "HY024", {"ChannelBinding", "disable, prefer, require"});
    auto require = driver_connect(tcp_string_with_password("pgo_scram") +
                                  "RequireAuth=md5,!password;");
    EXPECT_CONNECT_FAILED(require);
    EXPECT_DIAG(require->diags, "HY024", {"RequireAuth", "negated"});
}

} // namespace
} // namespace pgo_test
