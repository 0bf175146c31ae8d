// Transports and the parameters that shape them: Unix sockets (directory
// or file), an adopted descriptor (Sock), the local source address, the
// timeout against a listener that never answers, and keepalive.
#include "odbc_test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace pgo_test {
namespace {

class TransportTest : public OdbcTest {};

// A listening TCP socket on 127.0.0.1 that never accepts: the kernel
// completes the handshake, then nothing ever answers.
class SilentListener {
public:
    SilentListener() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) {
            return;
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            listen(fd_, 8) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            close(fd_);
            fd_ = -1;
            return;
        }
        port_ = ntohs(address.sin_port);
    }
    ~SilentListener() {
        if (fd_ >= 0) {
            close(fd_);
        }
    }
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = -1;
};

// A free port on 127.0.0.2, found by binding to port 0 there.
int free_port_on(const char *ip) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    inet_pton(AF_INET, ip, &address.sin_addr);
    socklen_t length = sizeof address;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    close(fd);
    return port;
}

// A TCP connection to the harness made by the test itself.
int connect_to_harness(const HarnessEnv &harness) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(std::stoi(harness.port())));
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

TEST_F(TransportTest, UnixSocketByDirectoryConnects) {
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + harness.socket_dir() +
                                     ";Port=" + harness.port() + ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    // Over a Unix socket the server sees no client address.
    EXPECT_EQ(scalar(*connection, "SELECT inet_client_addr()"), std::nullopt);
}

TEST_F(TransportTest, UnixSocketByFileConnects) {
    std::string file = harness.socket_dir() + "/.s.PGSQL." + harness.port();
    auto connection =
        driver_connect("DRIVER={pgodbc};UnixSocket=" + file + ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    EXPECT_EQ(scalar(*connection, "SELECT inet_client_addr()"), std::nullopt);
}

TEST_F(TransportTest, UnixSocketWithScramConnectsWithoutTls) {
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + harness.socket_dir() +
                                     ";Port=" + harness.port() + ";Database=pgo_db;UID=pgo_scram;PWD=" +
                                     harness.password() + ";SSLMode=prefer;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
    EXPECT_FALSE(ssl_is_used(*connection));
}

TEST_F(TransportTest, MissingUnixSocketFailsNamingPath) {
    std::string missing = harness.socket_dir() + "/no-such-socket";
    auto connection =
        driver_connect("DRIVER={pgodbc};UnixSock=" + missing + ";Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"no-such-socket"});
}

TEST_F(TransportTest, UnixSockTogetherWithSockIsRefused) {
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + harness.socket_dir() +
                                     ";Sock=0;Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"Sock"});
}

TEST_F(TransportTest, TimeoutEndsConnectToSilentListenerWithin5Seconds) {
    SilentListener listener;
    ASSERT_GT(listener.port(), 0);
    auto connection = driver_connect("DRIVER={pgodbc};Server=127.0.0.1;Port=" +
                                     std::to_string(listener.port()) +
                                     ";Database=pgo_db;UID=pgo_trust;Timeout=1;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {});
    EXPECT_GE(connection->elapsed_seconds, 0.9);
    EXPECT_LT(connection->elapsed_seconds, 5.0);
}

TEST_F(TransportTest, DecimalTimeoutIsAccepted) {
    SilentListener listener;
    ASSERT_GT(listener.port(), 0);
    auto connection = driver_connect("DRIVER={pgodbc};Server=127.0.0.1;Port=" +
                                     std::to_string(listener.port()) +
                                     ";Database=pgo_db;UID=pgo_trust;ConnectTimeout=0.5;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {});
    EXPECT_LT(connection->elapsed_seconds, 4.0);
}

TEST_F(TransportTest, SourceAddressIsTheClientAddressTheServerSees) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "SourceAddress=127.0.0.2;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT host(inet_client_addr())"), "127.0.0.2");
}

TEST_F(TransportTest, SourceAddressWithPortBindsThatPort) {
    int port = free_port_on("127.0.0.2");
    ASSERT_GT(port, 0);
    auto connection = driver_connect(tcp_string("pgo_trust") + "SourceAddress=127.0.0.2:" +
                                     std::to_string(port) + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT host(inet_client_addr())"), "127.0.0.2");
    EXPECT_EQ(scalar(*connection, "SELECT inet_client_port()"), std::to_string(port));
}

TEST_F(TransportTest, Ipv6LoopbackHostConnects) {
    if (harness["PGO_HAS_IPV6"] != "1") {
        GTEST_SKIP() << "the harness found no IPv6 loopback";
    }
    auto connection = driver_connect("DRIVER={pgodbc};Server=::1;Port=" + harness.port() +
                                     ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT host(inet_client_addr())"), "::1");
}

TEST_F(TransportTest, AdoptedSocketCarriesTheSessionAndIsClosedAtDisconnect) {
    int fd = connect_to_harness(harness);
    ASSERT_GE(fd, 0) << "could not connect to the harness: " << errno;
    auto connection = driver_connect("DRIVER={pgodbc};Sock=" + std::to_string(fd) +
                                     ";Database=pgo_db;UID=pgo_trust;SSLMode=disable;");
    if (!succeeded(connection->rc)) {
        close(fd);
    }
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    EXPECT_FALSE(ssl_is_used(*connection));
    ASSERT_TRUE(succeeded(SQLDisconnect(connection->get())))
        << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    connection->connected = false;
    errno = 0;
    EXPECT_EQ(fcntl(fd, F_GETFD), -1) << "the driver left the adopted socket open";
    EXPECT_EQ(errno, EBADF);
}

TEST_F(TransportTest, AdoptedSocketNegotiatesTls) {
    int fd = connect_to_harness(harness);
    ASSERT_GE(fd, 0) << "could not connect to the harness: " << errno;
    auto connection = driver_connect("DRIVER={pgodbc};Sock=" + std::to_string(fd) +
                                     ";Database=pgo_db;UID=pgo_scram;PWD=" + harness.password() +
                                     ";SSLMode=require;");
    if (!succeeded(connection->rc)) {
        close(fd);
    }
    ASSERT_CONNECTED(connection);
    EXPECT_TRUE(ssl_is_used(*connection));
}

TEST_F(TransportTest, KeepaliveOffStillConnects) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "TCPKeepalive=off;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
}

} // namespace
} // namespace pgo_test
