// The engine against a real PostgreSQL: trust, cleartext, md5, SCRAM, and
// SCRAM-SHA-256-PLUS over TLS; the sslmode fallbacks; a simple query.
// Skipped unless PGO_WIRE_TEST_PORT names a server prepared like this
// (127.0.0.1, ssl = on with a certificate for "localhost"):
//   hostssl   all pgo_wire_sslonly 127.0.0.1/32 trust
//   hostnossl all pgo_wire_nossl   127.0.0.1/32 trust
//   host      all pgo_wire_trust   127.0.0.1/32 trust
//   host      all pgo_wire_clear   127.0.0.1/32 password
//   host      all pgo_wire_md5     127.0.0.1/32 md5            (md5-stored password)
//   host      all pgo_wire_scram   127.0.0.1/32 scram-sha-256
// with password "wire-pass" for the password roles. Optional:
// PGO_WIRE_TEST_SOCKET_DIR (Unix socket directory, trust for
// pgo_wire_trust), PGO_WIRE_TEST_ROOT_CERT (the server's CA, for verify-full).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

extern "C" {
#include "params/connect_params.h"
#include "util/error.h"
#include "wire/conn.h"
}

namespace {

class RealServerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const char *port = std::getenv("PGO_WIRE_TEST_PORT");
        if (port == nullptr || port[0] == '\0') {
            GTEST_SKIP() << "PGO_WIRE_TEST_PORT is not set";
        }
        ASSERT_EQ(0, params_init(&params_));
        params_.port = static_cast<uint16_t>(std::atoi(port));  // test code, not the driver
        ASSERT_EQ(0, params_set_string(&params_.host, "127.0.0.1", 9));
        ASSERT_EQ(0, params_set_string(&params_.database, "postgres", 8));
        params_.has_timeout = true;
        params_.timeout_ms = 10000;
        error_init(&error_);
        is_set_up_ = true;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        if (is_set_up_) {
            params_reset(&params_);
        }
    }
    void Use(const char *user, const char *password, enum params_ssl_mode mode)
    {
        ASSERT_EQ(0, params_set_string(&params_.user, user, strlen(user)));
        if (password != nullptr) {
            ASSERT_EQ(0, secret_set(&params_.password, password, strlen(password)));
        }
        params_.ssl.mode = mode;
    }
    int Connect()
    {
        wire_conn_free(conn_);
        conn_ = nullptr;
        error_init(&error_);
        return wire_connect(&params_, 0, nullptr, &conn_, &error_);
    }
    // Runs sql and returns the first column of the first row ("<null>" for NULL).
    std::string QueryOne(const char *sql)
    {
        error_init(&error_);
        EXPECT_EQ(0, wire_send_simple_query(conn_, sql, strlen(sql), &error_)) << error_.message;
        std::string result = "<no row>";
        bool has_row = false;
        for (;;) {
            struct wire_event event;
            error_init(&error_);
            if (wire_next_event(conn_, &event, &error_) != 0) {
                ADD_FAILURE() << error_.sqlstate << " " << error_.message;
                return "<broken>";
            }
            if (event.kind == WIRE_EVENT_DATA_ROW && !has_row) {
                has_row = true;
                result = event.values[0].is_null
                             ? "<null>"
                             : std::string(reinterpret_cast<const char *>(event.values[0].data),
                                           event.values[0].length_bytes);
            }
            if (event.kind == WIRE_EVENT_SERVER_ERROR) {
                result = std::string("ERROR ") + error_.sqlstate;
            }
            if (event.kind == WIRE_EVENT_READY) {
                return result;
            }
        }
    }
    bool ServerSaysSsl() { return QueryOne("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "t"; }

    struct connect_params params_;
    struct error error_;
    struct wire_conn *conn_ = nullptr;
    bool is_set_up_ = false;
};

TEST_F(RealServerTest, TrustOverPlainTcp)
{
    Use("pgo_wire_trust", nullptr, PARAMS_SSL_DISABLE);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_FALSE(wire_conn_has_tls(conn_));
    EXPECT_GT(wire_conn_backend_pid(conn_), 0);
    EXPECT_GE(wire_conn_server_version(conn_), 150000);
    EXPECT_STREQ("UTF8", wire_conn_parameter_status(conn_, "client_encoding"));
    EXPECT_STREQ("ISO, MDY", wire_conn_parameter_status(conn_, "DateStyle"));
    EXPECT_EQ("pgo_wire_trust", QueryOne("SELECT current_user"));
    EXPECT_EQ("f", std::string(ServerSaysSsl() ? "t" : "f"));
}

TEST_F(RealServerTest, CleartextPassword)
{
    Use("pgo_wire_clear", "wire-pass", PARAMS_SSL_DISABLE);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_EQ("pgo_wire_clear", QueryOne("SELECT current_user"));
}

TEST_F(RealServerTest, Md5Password)
{
    Use("pgo_wire_md5", "wire-pass", PARAMS_SSL_DISABLE);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_EQ("pgo_wire_md5", QueryOne("SELECT current_user"));
}

TEST_F(RealServerTest, ScramWithoutTls)
{
    Use("pgo_wire_scram", "wire-pass", PARAMS_SSL_DISABLE);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_EQ("pgo_wire_scram", QueryOne("SELECT current_user"));
}

TEST_F(RealServerTest, ScramPlusOverTls)
{
    // Over TLS the server offers SCRAM-SHA-256-PLUS and the driver takes it:
    // the login succeeds only if the certificate hash matches the server's.
    Use("pgo_wire_scram", "wire-pass", PARAMS_SSL_REQUIRE);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_TRUE(wire_conn_has_tls(conn_));
    EXPECT_TRUE(ServerSaysSsl());
    EXPECT_EQ("pgo_wire_scram", QueryOne("SELECT current_user"));
}

TEST_F(RealServerTest, Md5AndCleartextOverTls)
{
    Use("pgo_wire_md5", "wire-pass", PARAMS_SSL_PREFER);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_TRUE(wire_conn_has_tls(conn_));
    Use("pgo_wire_clear", "wire-pass", PARAMS_SSL_REQUIRE);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_TRUE(ServerSaysSsl());
}

TEST_F(RealServerTest, WrongPasswordKeepsTheServersSqlstate)
{
    Use("pgo_wire_scram", "not-the-password", PARAMS_SSL_DISABLE);
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("28P01", error_.sqlstate);
    EXPECT_EQ(ERROR_ORIGIN_SERVER, error_.origin);
    EXPECT_EQ(nullptr, conn_);
}

TEST_F(RealServerTest, MissingPasswordNamesPwd)
{
    Use("pgo_wire_md5", nullptr, PARAMS_SSL_DISABLE);
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "PWD was not given"));
}

TEST_F(RealServerTest, AllowRetriesWithTlsWhenThePlainLoginIsRefused)
{
    Use("pgo_wire_sslonly", nullptr, PARAMS_SSL_ALLOW);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_TRUE(wire_conn_has_tls(conn_));
}

TEST_F(RealServerTest, PreferRetriesWithoutTlsWhenTheTlsLoginIsRefused)
{
    Use("pgo_wire_nossl", nullptr, PARAMS_SSL_PREFER);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_FALSE(wire_conn_has_tls(conn_));
    Use("pgo_wire_nossl", nullptr, PARAMS_SSL_REQUIRE);
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("28000", error_.sqlstate);
}

TEST_F(RealServerTest, DisableRefusedByHostsslRule)
{
    Use("pgo_wire_sslonly", nullptr, PARAMS_SSL_DISABLE);
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("28000", error_.sqlstate);
}

TEST_F(RealServerTest, VerifyFullChecksChainAndName)
{
    const char *root = std::getenv("PGO_WIRE_TEST_ROOT_CERT");
    if (root == nullptr) {
        GTEST_SKIP() << "PGO_WIRE_TEST_ROOT_CERT is not set";
    }
    Use("pgo_wire_scram", "wire-pass", PARAMS_SSL_VERIFY_FULL);
    ASSERT_EQ(0, params_set_string(&params_.ssl.root_cert, root, strlen(root)));
    ASSERT_EQ(0, params_set_string(&params_.host, "localhost", 9));
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_TRUE(wire_conn_has_tls(conn_));
    // The certificate names "localhost", not 127.0.0.1.
    ASSERT_EQ(0, params_set_string(&params_.host, "127.0.0.1", 9));
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("08001", error_.sqlstate);
}

TEST_F(RealServerTest, UnixSocketNeverNegotiatesTls)
{
    const char *dir = std::getenv("PGO_WIRE_TEST_SOCKET_DIR");
    if (dir == nullptr) {
        GTEST_SKIP() << "PGO_WIRE_TEST_SOCKET_DIR is not set";
    }
    Use("pgo_wire_trust", nullptr, PARAMS_SSL_REQUIRE);
    ASSERT_EQ(0, params_set_string(&params_.unix_sock, dir, strlen(dir)));
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_FALSE(wire_conn_has_tls(conn_));
    EXPECT_EQ("pgo_wire_trust", QueryOne("SELECT current_user"));
}

TEST_F(RealServerTest, AdoptedSocketNegotiatesTlsLikeTcp)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    struct sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(params_.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(0, connect(fd, reinterpret_cast<struct sockaddr *>(&address), sizeof address));
    Use("pgo_wire_scram", "wire-pass", PARAMS_SSL_PREFER);
    params_.has_sock = true;
    params_.sock = fd;
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_TRUE(wire_conn_has_tls(conn_));
    EXPECT_EQ("pgo_wire_scram", QueryOne("SELECT current_user"));
    wire_conn_free(conn_);
    conn_ = nullptr;
    EXPECT_EQ(-1, fcntl(fd, F_GETFD));  // the connection owned and closed it
}

TEST_F(RealServerTest, AdoptedSocketIsClosedWhenTheLoginFails)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    struct sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(params_.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(0, connect(fd, reinterpret_cast<struct sockaddr *>(&address), sizeof address));
    Use("pgo_wire_scram", "wrong", PARAMS_SSL_DISABLE);
    params_.has_sock = true;
    params_.sock = fd;
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("28P01", error_.sqlstate);
    EXPECT_EQ(-1, fcntl(fd, F_GETFD));
}

TEST(AdoptedSocketTest, DescriptorThatIsNotASocketIsClosedOnFailure)
{
    int pipe_fds[2];
    ASSERT_EQ(0, pipe(pipe_fds));
    struct connect_params params;
    ASSERT_EQ(0, params_init(&params));
    ASSERT_EQ(0, params_set_string(&params.user, "u", 1));
    params.has_sock = true;
    params.sock = pipe_fds[0];
    struct error error;
    error_init(&error);
    struct wire_conn *conn = nullptr;
    EXPECT_EQ(-1, wire_connect(&params, 0, nullptr, &conn, &error));
    EXPECT_STREQ("08001", error.sqlstate);
    EXPECT_NE(nullptr, strstr(error.message, "adopted socket"));
    EXPECT_EQ(-1, fcntl(pipe_fds[0], F_GETFD));
    close(pipe_fds[1]);
    params_reset(&params);
}

TEST_F(RealServerTest, RefusedPortIs08001WithContext)
{
    Use("pgo_wire_trust", nullptr, PARAMS_SSL_DISABLE);
    params_.port = 1;
    EXPECT_EQ(-1, Connect());
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "connecting to 127.0.0.1:1")) << error_.message;
}

TEST_F(RealServerTest, QueriesErrorsCopyAndTransactionStatus)
{
    Use("pgo_wire_trust", nullptr, PARAMS_SSL_PREFER);
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    EXPECT_EQ("ERROR 42P01", QueryOne("SELECT * FROM no_such_table"));
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_EQ("1", QueryOne("SELECT 1; SELECT 3"));  // the first result's row
    EXPECT_EQ("<no row>", QueryOne("BEGIN"));
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
    EXPECT_EQ("ERROR 22012", QueryOne("SELECT 1/0"));
    EXPECT_EQ('E', wire_conn_transaction_status(conn_));
    EXPECT_EQ("<no row>", QueryOne("ROLLBACK"));
    EXPECT_EQ('I', wire_conn_transaction_status(conn_));
    EXPECT_EQ("<null>", QueryOne("SELECT NULL"));
    EXPECT_EQ("<no row>", QueryOne("CREATE TEMP TABLE t (a int)"));
    EXPECT_EQ("ERROR 57014", QueryOne("COPY t FROM STDIN"));
    EXPECT_EQ("<no row>", QueryOne("COPY (SELECT 1 UNION ALL SELECT 2) TO STDOUT"));
    EXPECT_EQ("2", QueryOne("SELECT 1 + 1"));
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(RealServerTest, ReadTimeoutBreaksTheConnection)
{
    Use("pgo_wire_trust", nullptr, PARAMS_SSL_DISABLE);
    params_.timeout_ms = 300;
    ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
    const char sql[] = "SELECT pg_sleep(2)";
    ASSERT_EQ(0, wire_send_simple_query(conn_, sql, strlen(sql), &error_));
    struct wire_event event;
    EXPECT_EQ(-1, wire_next_event(conn_, &event, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

}  // namespace
