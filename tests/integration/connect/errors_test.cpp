// Connection failures the application must be able to act on: each asserts
// SQL_ERROR (or SQL_SUCCESS_WITH_INFO for warnings), the SQLSTATE, and a
// message fragment naming what was wrong.
#include "odbc_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pgo_test {
namespace {

class ConnectErrorTest : public OdbcTest {};

// A loopback port nothing listens on: bound to port 0, then closed.
int unused_loopback_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    close(fd);
    return port;
}

TEST_F(ConnectErrorTest, ConnectFailsWith3D000WhenDatabaseDoesNotExist) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() +
                                     ";Port=" + harness.port() +
                                     ";Database=pgo_no_such_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "3D000", {"pgo_no_such_db"});
}

TEST_F(ConnectErrorTest, ConnectFailsNamingUidWhenUserIsMissing) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() +
                                     ";Port=" + harness.port() + ";Database=pgo_db;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"UID"});
}

TEST_F(ConnectErrorTest, ConnectFailsNamingKeywordWhenPortIsNotANumber) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() +
                                     ";Port=54x2;Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "HY024", {"Port", "54x2"});
}

TEST_F(ConnectErrorTest, ConnectFailsNamingKeywordWhenSslModeIsUnknown) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "SSLMode=maybe;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_TRUE(has_diag(connection->diags, "HY024", {"SSLMode", "maybe"}) ||
                has_diag(connection->diags, "08001", {"SSLMode", "maybe"}))
        << format_diags(connection->diags);
}

TEST_F(ConnectErrorTest, ConnectFailsNamingKeywordWhenTimeoutIsNegative) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "Timeout=-1;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_TRUE(has_diag(connection->diags, "HY024", {"Timeout", "-1"}) ||
                has_diag(connection->diags, "08001", {"Timeout", "-1"}))
        << format_diags(connection->diags);
}

TEST_F(ConnectErrorTest, ConnectFailsNamingHostAndPortWhenRefused) {
    int port = unused_loopback_port();
    ASSERT_GT(port, 0);
    auto connection = driver_connect("DRIVER={pgodbc};Server=127.0.0.1;Port=" +
                                     std::to_string(port) + ";Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"127.0.0.1", std::to_string(port)});
}

TEST_F(ConnectErrorTest, UnknownKeywordIsWarnedWith01S00AndConnectSucceeds) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "Frobnicate=yes;");
    EXPECT_EQ(connection->rc, SQL_SUCCESS_WITH_INFO) << rc_name(connection->rc)
                                                     << format_diags(connection->diags);
    EXPECT_DIAG(connection->diags, "01S00", {"Frobnicate"});
    if (succeeded(connection->rc)) {
        EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    }
}

TEST_F(ConnectErrorTest, KeywordsAreMatchedWithoutRegardToCase) {
    auto connection = driver_connect("driver={pgodbc};SERVER=" + harness.host() + ";pOrT=" +
                                     harness.port() + ";database=pgo_db;uid=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_FALSE(has_diag(connection->diags, "01S00")) << format_diags(connection->diags);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(ConnectErrorTest, AliasesHostUserAndDbNameAreAccepted) {
    auto connection = driver_connect("DRIVER={pgodbc};Host=" + harness.host() + ";Port=" +
                                     harness.port() + ";DBName=pgo_db;User=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user || '@' || current_database()"),
              "pgo_trust@pgo_db");
}

TEST_F(ConnectErrorTest, ConnectByDriverPathWorksWithoutRegistration) {
    auto connection = driver_connect("DRIVER=" + harness.driver_path() + ";Server=" +
                                     harness.host() + ";Port=" + harness.port() +
                                     ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(ConnectErrorTest, ServerErrorAfterFailedConnectLeavesHandleReusable) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() +
                                     ";Port=" + harness.port() +
                                     ";Database=pgo_no_such_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    // The same handle connects once the string is right.
    std::string good = tcp_string("pgo_trust");
    SQLRETURN rc = SQLDriverConnect(connection->get(), nullptr,
                                    reinterpret_cast<SQLCHAR *>(const_cast<char *>(good.c_str())),
                                    SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
    ASSERT_TRUE(succeeded(rc)) << rc_name(rc)
                               << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    connection->connected = true;
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

} // namespace
} // namespace pgo_test
