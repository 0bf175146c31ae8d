// Endpoints (net/tcp.c, net/unix.c, net/adopted.c) against listeners the
// tests create: loopback TCP on ephemeral ports, Unix sockets in a
// temporary directory, socketpairs and pipes.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

extern "C" {
#include "net/endpoints.h"
#include "util/deadline.h"
#include "util/error.h"
}

namespace {

// A listening socket on address:0; the kernel picks the port.
int ListenOn(int family, const char *address, uint16_t *port, int backlog = 16)
{
    int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_storage storage;
    memset(&storage, 0, sizeof storage);
    socklen_t size;
    if (family == AF_INET) {
        auto *in = reinterpret_cast<struct sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        inet_pton(AF_INET, address, &in->sin_addr);
        size = sizeof *in;
    } else {
        auto *in6 = reinterpret_cast<struct sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        inet_pton(AF_INET6, address, &in6->sin6_addr);
        size = sizeof *in6;
    }
    if (bind(fd, reinterpret_cast<struct sockaddr *>(&storage), size) != 0 ||
        listen(fd, backlog) != 0) {
        close(fd);
        return -1;
    }
    socklen_t bound_size = sizeof storage;
    getsockname(fd, reinterpret_cast<struct sockaddr *>(&storage), &bound_size);
    *port = ntohs(family == AF_INET ? reinterpret_cast<struct sockaddr_in *>(&storage)->sin_port
                                    : reinterpret_cast<struct sockaddr_in6 *>(&storage)->sin6_port);
    return fd;
}

int AcceptWithin(int listen_fd, int timeout_ms)
{
    struct pollfd entry = {listen_fd, POLLIN, 0};
    if (poll(&entry, 1, timeout_ms) != 1) {
        return -1;
    }
    return accept(listen_fd, nullptr, nullptr);
}

bool Contains(const char *text, const std::string &part)
{
    return strstr(text, part.c_str()) != nullptr;
}

struct net_tcp_options DefaultOptions()
{
    struct net_tcp_options options;
    memset(&options, 0, sizeof options);
    options.keepalive = true;
    return options;
}

class Endpoints : public ::testing::Test {
protected:
    void SetUp() override { error_init(&error_); }
    void TearDown() override { net_stream_close(stream_); }
    struct error error_;
    struct net_stream *stream_ = nullptr;
    struct deadline deadline_ = deadline_after_ms(5000);
};

TEST_F(Endpoints, TcpConnectsToALoopbackListenerAndCarriesBytes)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    struct net_tcp_options options = DefaultOptions();
    ASSERT_EQ(0, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    int accepted = AcceptWithin(listener, 2000);
    ASSERT_GE(accepted, 0);
    EXPECT_EQ("127.0.0.1:" + std::to_string(port), std::string(stream_->peer));
    int keepalive = 0;
    socklen_t size = sizeof keepalive;
    ASSERT_EQ(0, getsockopt(stream_->fd, SOL_SOCKET, SO_KEEPALIVE, &keepalive, &size));
    EXPECT_NE(0, keepalive);
    EXPECT_NE(0, fcntl(stream_->fd, F_GETFL) & O_NONBLOCK);

    ASSERT_EQ(0, net_stream_write_all(stream_, "ping", 4, &deadline_, &error_));
    char buffer[8];
    ASSERT_EQ(4, read(accepted, buffer, sizeof buffer));
    EXPECT_EQ(0, memcmp(buffer, "ping", 4));
    close(accepted);
    close(listener);
}

TEST_F(Endpoints, TcpKeepaliveIsOffWhenNotAsked)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    struct net_tcp_options options = DefaultOptions();
    options.keepalive = false;
    ASSERT_EQ(0, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    int keepalive = 1;
    socklen_t size = sizeof keepalive;
    ASSERT_EQ(0, getsockopt(stream_->fd, SOL_SOCKET, SO_KEEPALIVE, &keepalive, &size));
    EXPECT_EQ(0, keepalive);
    close(listener);
}

int TcpOption(int fd, int option)
{
    int value = -1;
    socklen_t size = sizeof value;
    EXPECT_EQ(0, getsockopt(fd, IPPROTO_TCP, option, &value, &size));
    return value;
}

TEST_F(Endpoints, TcpKeepaliveTimingsAndUserTimeoutAreSetWhenAsked)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    struct net_tcp_options options = DefaultOptions();
    options.keepalive = true;
    options.keepalive_idle_s = 41;
    options.keepalive_interval_s = 7;
    options.keepalive_count = 3;
    options.user_timeout_ms = 9500;
    ASSERT_EQ(0, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    EXPECT_EQ(41, TcpOption(stream_->fd, TCP_KEEPIDLE));
    EXPECT_EQ(7, TcpOption(stream_->fd, TCP_KEEPINTVL));
    EXPECT_EQ(3, TcpOption(stream_->fd, TCP_KEEPCNT));
    EXPECT_EQ(9500, TcpOption(stream_->fd, TCP_USER_TIMEOUT));
    close(listener);
}

TEST_F(Endpoints, TcpKeepaliveTimingsLeftAtZeroKeepTheSystemsSettings)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    int probe = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(probe, 0);
    int system_idle = TcpOption(probe, TCP_KEEPIDLE);
    close(probe);
    struct net_tcp_options options = DefaultOptions();
    options.keepalive = true;
    ASSERT_EQ(0, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    EXPECT_EQ(system_idle, TcpOption(stream_->fd, TCP_KEEPIDLE));
    EXPECT_EQ(0, TcpOption(stream_->fd, TCP_USER_TIMEOUT));
    close(listener);
}

TEST_F(Endpoints, TcpConnectToAClosedPortFailsNamingHostPortAndRefused)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    close(listener); // nothing listens on port now
    struct net_tcp_options options = DefaultOptions();
    EXPECT_EQ(-1, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_));
    EXPECT_EQ(nullptr, stream_);
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_TRUE(Contains(error_.message, "could not connect to 127.0.0.1:" +
                                             std::to_string(port) + " (127.0.0.1)"))
        << error_.message;
    EXPECT_TRUE(Contains(error_.message, "refused")) << error_.message;
}

TEST_F(Endpoints, TcpBindsTheSourceAddressAndPortSeenByTheServer)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    // A free port for the source: borrow one from the kernel, then release it.
    uint16_t source_port = 0;
    int borrow = ListenOn(AF_INET, "127.0.0.1", &source_port);
    ASSERT_GE(borrow, 0);
    close(borrow);

    struct net_tcp_options options = DefaultOptions();
    options.has_source_address = true;
    options.source_host = "127.0.0.1";
    options.source_port = source_port;
    ASSERT_EQ(0, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    struct sockaddr_in peer;
    socklen_t peer_size = sizeof peer;
    int accepted = accept(listener, reinterpret_cast<struct sockaddr *>(&peer), &peer_size);
    ASSERT_GE(accepted, 0);
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &peer.sin_addr, text, sizeof text);
    EXPECT_STREQ("127.0.0.1", text);
    EXPECT_EQ(source_port, ntohs(peer.sin_port));
    close(accepted);
    close(listener);
}

TEST_F(Endpoints, TcpBindsAnotherLoopbackSourceAddress)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "0.0.0.0", &port);
    ASSERT_GE(listener, 0);
    struct net_tcp_options options = DefaultOptions();
    options.has_source_address = true;
    options.source_host = "127.0.0.2";
    if (net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_) != 0) {
        close(listener);
        GTEST_SKIP() << "127.0.0.2 is not usable here: " << error_.message;
    }
    struct sockaddr_in peer;
    socklen_t peer_size = sizeof peer;
    int accepted = accept(listener, reinterpret_cast<struct sockaddr *>(&peer), &peer_size);
    ASSERT_GE(accepted, 0);
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &peer.sin_addr, text, sizeof text);
    EXPECT_STREQ("127.0.0.2", text);
    close(accepted);
    close(listener);
}

TEST_F(Endpoints, TcpSkipsAddressesOfAnotherFamilyThanTheSource)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    struct net_tcp_options options = DefaultOptions();
    options.has_source_address = true;
    options.source_host = "::1";
    EXPECT_EQ(-1, net_tcp_connect("127.0.0.1", port, &options, &deadline_, &stream_, &error_));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_TRUE(Contains(error_.message, "same address family")) << error_.message;
    close(listener);
}

TEST_F(Endpoints, TcpAcceptsIpv6LiteralWithAndWithoutBrackets)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET6, "::1", &port);
    if (listener < 0) {
        GTEST_SKIP() << "no IPv6 loopback here";
    }
    struct net_tcp_options options = DefaultOptions();
    ASSERT_EQ(0, net_tcp_connect("[::1]", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    EXPECT_EQ("[::1]:" + std::to_string(port), std::string(stream_->peer));
    net_stream_close(stream_);
    stream_ = nullptr;
    ASSERT_EQ(0, net_tcp_connect("::1", port, &options, &deadline_, &stream_, &error_))
        << error_.message;
    close(listener);
}

TEST_F(Endpoints, TcpResolutionFailureNamesTheHost)
{
    struct net_tcp_options options = DefaultOptions();
    EXPECT_EQ(-1, net_tcp_connect("no-such-host.invalid", 5432, &options, &deadline_, &stream_,
                                  &error_));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_TRUE(Contains(error_.message, "could not resolve host name \"no-such-host.invalid\""))
        << error_.message;
}

TEST_F(Endpoints, TcpConnectTimesOutWhenTheListenerBacklogIsFull)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port, 0);
    ASSERT_GE(listener, 0);
    // Fill the accept queue; later SYNs are then dropped and connect hangs.
    int fillers[8];
    int filled = 0;
    for (; filled < 8; filled++) {
        fillers[filled] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        connect(fillers[filled], reinterpret_cast<struct sockaddr *>(&address), sizeof address);
    }
    usleep(100 * 1000);
    struct net_tcp_options options = DefaultOptions();
    struct deadline short_deadline = deadline_after_ms(300);
    int status = net_tcp_connect("127.0.0.1", port, &options, &short_deadline, &stream_, &error_);
    for (int i = 0; i < filled; i++) {
        close(fillers[i]);
    }
    close(listener);
    if (status == 0) {
        GTEST_SKIP() << "the kernel accepted the connection despite the full backlog";
    }
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_TRUE(Contains(error_.message, "timed out connecting to 127.0.0.1:" +
                                             std::to_string(port)))
        << error_.message;
}

class UnixEndpoints : public Endpoints {
protected:
    void SetUp() override
    {
        Endpoints::SetUp();
        char pattern[] = "/tmp/pgo_net_unix_XXXXXX";
        ASSERT_NE(nullptr, mkdtemp(pattern));
        directory_ = pattern;
    }
    void TearDown() override
    {
        Endpoints::TearDown();
        if (listener_ >= 0) {
            close(listener_);
        }
        if (!socket_path_.empty()) {
            unlink(socket_path_.c_str());
        }
        rmdir(directory_.c_str());
    }
    void Listen(uint16_t port)
    {
        socket_path_ = directory_ + "/.s.PGSQL." + std::to_string(port);
        listener_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ASSERT_GE(listener_, 0);
        struct sockaddr_un address;
        memset(&address, 0, sizeof address);
        address.sun_family = AF_UNIX;
        ASSERT_LT(socket_path_.size(), sizeof address.sun_path);
        memcpy(address.sun_path, socket_path_.c_str(), socket_path_.size() + 1);
        ASSERT_EQ(0, bind(listener_, reinterpret_cast<struct sockaddr *>(&address),
                          sizeof address));
        ASSERT_EQ(0, listen(listener_, 4));
    }
    std::string directory_;
    std::string socket_path_;
    int listener_ = -1;
};

TEST_F(UnixEndpoints, ConnectsThroughTheDirectoryAndPort)
{
    Listen(5433);
    ASSERT_EQ(0, net_unix_connect(directory_.c_str(), 5433, &deadline_, &stream_, &error_))
        << error_.message;
    EXPECT_EQ(socket_path_, std::string(stream_->peer));
    int accepted = AcceptWithin(listener_, 2000);
    ASSERT_GE(accepted, 0);
    ASSERT_EQ(0, net_stream_write_all(stream_, "hi", 2, &deadline_, &error_));
    char buffer[4];
    EXPECT_EQ(2, read(accepted, buffer, sizeof buffer));
    close(accepted);
}

TEST_F(UnixEndpoints, ConnectsThroughTheDirectoryWithATrailingSlash)
{
    Listen(5434);
    std::string with_slash = directory_ + "/";
    ASSERT_EQ(0, net_unix_connect(with_slash.c_str(), 5434, &deadline_, &stream_, &error_))
        << error_.message;
    EXPECT_EQ(socket_path_, std::string(stream_->peer));
}

TEST_F(UnixEndpoints, ConnectsToTheSocketFileItself)
{
    Listen(5435);
    // The port is ignored when the path is the socket file.
    ASSERT_EQ(0, net_unix_connect(socket_path_.c_str(), 1, &deadline_, &stream_, &error_))
        << error_.message;
    EXPECT_EQ(socket_path_, std::string(stream_->peer));
}

TEST_F(UnixEndpoints, MissingSocketFailsNamingThePath)
{
    EXPECT_EQ(-1, net_unix_connect(directory_.c_str(), 5999, &deadline_, &stream_, &error_));
    EXPECT_EQ(nullptr, stream_);
    EXPECT_STREQ("08001", error_.sqlstate);
    std::string expected = "could not connect to Unix socket \"" + directory_ +
                           "/.s.PGSQL.5999\": No such file or directory";
    EXPECT_EQ(expected, std::string(error_.message));
}

TEST_F(UnixEndpoints, PathTooLongForSunPathIsRefused)
{
    std::string long_path = directory_ + "/" + std::string(200, 'a') + "/.s.PGSQL.5432";
    EXPECT_EQ(-1, net_unix_connect(long_path.c_str(), 5432, &deadline_, &stream_, &error_));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_TRUE(Contains(error_.message, "too long")) << error_.message;
}

TEST_F(Endpoints, AdoptsAConnectedSocketpairAndMakesItNonBlocking)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
    ASSERT_EQ(0, net_adopt_socket(fds[0], true, &stream_, &error_)) << error_.message;
    EXPECT_EQ(fds[0], stream_->fd);
    EXPECT_NE(0, fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    EXPECT_TRUE(Contains(stream_->peer, "descriptor " + std::to_string(fds[0])));
    ASSERT_EQ(3, write(fds[1], "abc", 3));
    char buffer[8];
    EXPECT_EQ(3, net_stream_read(stream_, buffer, sizeof buffer, &deadline_, &error_));
    close(fds[1]);
}

TEST_F(Endpoints, RefusesAPipeNamingTheDescriptor)
{
    int fds[2];
    ASSERT_EQ(0, pipe(fds));
    EXPECT_EQ(-1, net_adopt_socket(fds[0], true, &stream_, &error_));
    EXPECT_EQ(nullptr, stream_);
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_EQ("descriptor " + std::to_string(fds[0]) + " is not a socket",
              std::string(error_.message));
    // The caller still owns the descriptor: it is open.
    EXPECT_NE(-1, fcntl(fds[0], F_GETFD));
    close(fds[0]);
    close(fds[1]);
}

TEST_F(Endpoints, RefusesAnUnconnectedSocket)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(-1, net_adopt_socket(fd, false, &stream_, &error_));
    EXPECT_TRUE(Contains(error_.message, "is not a connected socket")) << error_.message;
    close(fd);
}

TEST_F(Endpoints, RefusesADatagramSocket)
{
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds));
    EXPECT_EQ(-1, net_adopt_socket(fds[0], false, &stream_, &error_));
    EXPECT_TRUE(Contains(error_.message, "is not a stream socket")) << error_.message;
    close(fds[0]);
    close(fds[1]);
}

TEST_F(Endpoints, AdoptsAConnectedTcpSocketAndTurnsOnKeepalive)
{
    uint16_t port = 0;
    int listener = ListenOn(AF_INET, "127.0.0.1", &port);
    ASSERT_GE(listener, 0);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    ASSERT_EQ(0, connect(fd, reinterpret_cast<struct sockaddr *>(&address), sizeof address));
    ASSERT_EQ(0, net_adopt_socket(fd, true, &stream_, &error_)) << error_.message;
    int keepalive = 0;
    socklen_t size = sizeof keepalive;
    ASSERT_EQ(0, getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &keepalive, &size));
    EXPECT_NE(0, keepalive);
    EXPECT_TRUE(Contains(stream_->peer, "127.0.0.1:" + std::to_string(port))) << stream_->peer;
    close(listener);
}

} // namespace
