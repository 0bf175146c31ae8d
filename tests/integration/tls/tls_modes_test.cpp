// TLS modes as libpq users know them, checked from the server's side
// (pg_stat_ssl for the session): the harness's server certificate names
// DNS:localhost only and is signed by PGO_CA; PGO_WRONG_CA is unrelated.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class TlsTest : public OdbcTest {
protected:
    std::string scram(const std::string &mode) {
        return tcp_string_with_password("pgo_scram") + "SSLMode=" + mode + ";";
    }
    // Connects to host (not the harness's 127.0.0.1) with the given mode.
    std::string scram_at(const std::string &host, const std::string &mode) {
        return "DRIVER={pgodbc};Server=" + host + ";Port=" + harness.port() +
               ";Database=pgo_db;UID=pgo_scram;PWD=" + harness.password() + ";SSLMode=" + mode +
               ";";
    }
};

TEST_F(TlsTest, DisableConnectsWithoutTls) {
    auto connection = driver_connect(scram("disable"));
    ASSERT_CONNECTED(connection);
    EXPECT_FALSE(ssl_is_used(*connection));
}

TEST_F(TlsTest, AllowConnectsWithoutTlsWhenPlainLoginIsAccepted) {
    auto connection = driver_connect(scram("allow"));
    ASSERT_CONNECTED(connection);
    EXPECT_FALSE(ssl_is_used(*connection));
}

TEST_F(TlsTest, AllowRetriesWithTlsWhenServerRejectsPlainLogin) {
    // pgo_tlsonly: hostnossl reject, hostssl scram.
    auto connection = driver_connect(tcp_string_with_password("pgo_tlsonly") + "SSLMode=allow;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_tlsonly");
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(TlsTest, PreferUsesTlsWhenServerOffersIt) {
    auto connection = driver_connect(scram("prefer"));
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(TlsTest, DefaultModeIsPreferAndUsesTls) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram"));
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(TlsTest, PreferFallsBackToPlainWhenServerRejectsTlsLogin) {
    // pgo_nossl: hostssl reject, hostnossl trust.
    auto connection = driver_connect(tcp_string("pgo_nossl") + "SSLMode=prefer;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_nossl");
    EXPECT_FALSE(ssl_is_used(*connection));
}

TEST_F(TlsTest, RequireUsesTls) {
    auto connection = driver_connect(scram("require"));
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(TlsTest, RequireFailsWith28000WhenRoleIsRejectedOverTls) {
    auto connection = driver_connect(tcp_string("pgo_nossl") + "SSLMode=require;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28000", {"pgo_nossl"});
}

TEST_F(TlsTest, TlsOnlyRoleWithoutTlsIsRejectedByServerWith28000) {
    auto connection = driver_connect(tcp_string_with_password("pgo_tlsonly") + "SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28000", {"pgo_tlsonly"});
}

TEST_F(TlsTest, VerifyCaSucceedsWithTheSigningCa) {
    auto connection = driver_connect(scram("verify-ca") + "SSLRootCert=" + harness["PGO_CA"] + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(TlsTest, VerifyCaFailsWithAnUnrelatedCa) {
    auto connection =
        driver_connect(scram("verify-ca") + "SSLRootCert=" + harness["PGO_WRONG_CA"] + ";");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"certificate"});
}

TEST_F(TlsTest, VerifyCaFailsNamingFileWhenRootCertIsMissing) {
    std::string missing = harness.socket_dir() + "/no-such-root.crt";
    auto connection = driver_connect(scram("verify-ca") + "SSLRootCert=" + missing + ";");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"no-such-root.crt"});
}

TEST_F(TlsTest, VerifyFullSucceedsWhenHostMatchesCertificateName) {
    auto connection =
        driver_connect(scram_at("localhost", "verify-full") + "SSLRootCert=" + harness["PGO_CA"] + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
}

// libpq's sslrootcert=system: OpenSSL's default trust store, which
// honours SSL_CERT_FILE; the test points it at the harness's CA.
TEST_F(TlsTest, SystemRootsVerifyTheFullNameAndRefuseWeakerModes) {
    std::string without_mode = "DRIVER={pgodbc};Port=" + harness.port() +
                               ";Database=pgo_db;UID=pgo_scram;PWD=" + harness.password() +
                               ";SSLRootCert=system;";
    setenv("SSL_CERT_FILE", harness["PGO_CA"].c_str(), 1);
    auto trusted = driver_connect(without_mode + "Server=localhost;");
    ASSERT_CONNECTED(trusted);
    EXPECT_TRUE(ssl_is_used(*trusted));
    // No SSLMode given: verify-full, so the certificate must name the host.
    auto other_name = driver_connect(without_mode + "Server=127.0.0.1;");
    EXPECT_CONNECT_FAILED(other_name);
    EXPECT_DIAG(other_name->diags, "08001", {"127.0.0.1", "localhost"});
    auto weak = driver_connect(without_mode + "Server=localhost;SSLMode=require;");
    EXPECT_CONNECT_FAILED(weak);
    EXPECT_DIAG(weak->diags, "08001", {"SSLRootCert=system", "verify-full"});
    // A store without the harness's CA does not vouch for its server.
    setenv("SSL_CERT_FILE", harness["PGO_WRONG_CA"].c_str(), 1);
    auto untrusted = driver_connect(without_mode + "Server=localhost;SSLMode=verify-full;");
    EXPECT_CONNECT_FAILED(untrusted);
    EXPECT_DIAG(untrusted->diags, "08001", {"certificate"});
    unsetenv("SSL_CERT_FILE");
}

TEST_F(TlsTest, VerifyFullFailsNamingHostWhenCertificateNamesAnother) {
    // The certificate's only name is DNS:localhost; 127.0.0.1 is not in it.
    auto connection =
        driver_connect(scram_at("127.0.0.1", "verify-full") + "SSLRootCert=" + harness["PGO_CA"] + ";");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"127.0.0.1"});
    EXPECT_DIAG(connection->diags, "08001", {"localhost"});
}

TEST_F(TlsTest, ClientCertificateLogsInCertRole) {
    auto connection = driver_connect(tcp_string("pgo_cert") + "SSLMode=require;SSLCert=" +
                                     harness["PGO_CLIENT_CERT"] + ";SSLKey=" +
                                     harness["PGO_CLIENT_KEY"] + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_cert");
    EXPECT_TRUE(ssl_is_used(*connection));
    EXPECT_EQ(scalar(*connection, "SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()"),
              "/CN=pgo_cert");
}

TEST_F(TlsTest, EncryptedClientKeyIsOpenedWithSslPasswordAndNeverPromptsWithout) {
    // The harness's client key, encrypted with a passphrase.
    std::string encrypted = harness["PGO_CLIENT_KEY"] + ".enc";
    std::string command = "openssl pkey -in '" + harness["PGO_CLIENT_KEY"] +
                          "' -aes256 -passout pass:Key-Pass-42 -out '" + encrypted +
                          "' 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    std::string base = tcp_string("pgo_cert") + "SSLMode=require;SSLCert=" +
                       harness["PGO_CLIENT_CERT"] + ";SSLKey=" + encrypted + ";";
    auto connection = driver_connect(base + "SSLPassword=Key-Pass-42;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_cert");
    // A secret, as PWD: left out of the completed connection string.
    EXPECT_EQ(connection->out_string.find("Key-Pass-42"), std::string::npos)
        << connection->out_string;
    EXPECT_NE(connection->out_string.find("SSLKey="), std::string::npos);
    // The cancel request opens its own TLS session with the same key: a
    // query timeout must reach the server and stop the query.
    {
        Statement stmt(connection->get());
        ASSERT_EQ(SQLSetStmtAttr(stmt.get(), SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER)1, 0),
                  SQL_SUCCESS);
        auto start = std::chrono::steady_clock::now();
        EXPECT_EQ(SQLExecDirect(stmt.get(), (SQLCHAR *)"SELECT pg_sleep(8)", SQL_NTS), SQL_ERROR);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_LT(seconds, 5.0) << "the cancel request did not stop the query";
        EXPECT_DIAG(stmt.diags(), "HYT00");
    }
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
    // Without it OpenSSL would ask on the terminal: the driver refuses instead.
    auto missing = driver_connect(base);
    EXPECT_CONNECT_FAILED(missing);
    EXPECT_DIAG(missing->diags, "08001", {encrypted, "encrypted", "SSLPassword"});
    auto wrong = driver_connect(base + "sslpassword=not-it;");
    EXPECT_CONNECT_FAILED(wrong);
    EXPECT_DIAG(wrong->diags, "08001", {encrypted, "SSLPassword is not"});
    for (const Diag &diag : wrong->diags) {
        EXPECT_EQ(diag.message.find("not-it"), std::string::npos) << diag.message;
    }
}

TEST_F(TlsTest, ProtocolVersionBoundsChooseTheTlsVersion) {
    std::string base = tcp_string_with_password("pgo_scram") + "SSLMode=require;";
    const std::string version_query =
        "SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
    auto capped = driver_connect(base + "ssl_max_protocol_version=TLSv1.2;");
    ASSERT_CONNECTED(capped);
    EXPECT_EQ(scalar(*capped, version_query), "TLSv1.2");
    auto newest = driver_connect(base + "SSLMinProtocolVersion=tlsv1.3;");
    ASSERT_CONNECTED(newest);
    EXPECT_EQ(scalar(*newest, version_query), "TLSv1.3");
    auto empty = driver_connect(base + "SSLMinProtocolVersion=TLSv1.3;"
                                       "SSLMaxProtocolVersion=TLSv1.2;");
    EXPECT_CONNECT_FAILED(empty);
    EXPECT_DIAG(empty->diags, "08001", {"SSLMinProtocolVersion", "SSLMaxProtocolVersion"});
    auto bad = driver_connect(base + "SSLMaxProtocolVersion=TLSv2;");
    EXPECT_CONNECT_FAILED(bad);
    EXPECT_DIAG(bad->diags, "HY024", {"SSLMaxProtocolVersion", "TLSv2", "TLSv1.3"});
}

TEST_F(TlsTest, CertRoleWithoutClientCertificateIsRejected) {
    auto connection = driver_connect(tcp_string("pgo_cert") + "SSLMode=require;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28000", {"certificate"});
}

TEST_F(TlsTest, LowerCaseSslKeywordsAreAccepted) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram") +
                                     "sslmode=verify-ca;sslrootcert=" + harness["PGO_CA"] + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_FALSE(has_diag(connection->diags, "01S00")) << format_diags(connection->diags);
    EXPECT_TRUE(ssl_is_used(*connection));
}

} // namespace
} // namespace pgo_test
