// Several hosts through the driver manager against the harness server:
// Server (or UnixSock) and Port lists tried in order (a refused host is passed over, an
// authentication failure is not), the diagnostic of a failed list naming
// every host in order, TargetSessionAttrs decided from what the server
// reports, LoadBalanceHosts=random spreading connects, and SQL_SERVER_NAME
// naming the host reached.
#include "odbc_test.h"

#include <arpa/inet.h>
#include <chrono>
#include <map>
#include <vector>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pgo_test {
namespace {

// A loopback port nothing listens on: bound, read back, closed.
std::string closed_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return "1";
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    std::string port = "1";
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = std::to_string(ntohs(address.sin_port));
    }
    close(fd);
    return port;
}

// A loopback listener that never accepts: the kernel completes the TCP
// handshake, then nothing answers the startup.
class SilentListener {
public:
    SilentListener() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
            listen(fd_, 8) == 0 &&
            getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
            port_ = std::to_string(ntohs(address.sin_port));
        }
    }
    ~SilentListener() {
        if (fd_ >= 0) {
            close(fd_);
        }
    }
    SilentListener(const SilentListener &) = delete;
    SilentListener &operator=(const SilentListener &) = delete;
    const std::string &port() const { return port_; }

private:
    int fd_ = -1;
    std::string port_;
};

class HostListTest : public OdbcTest {
protected:
    // pgo_trust over TCP with the given Server and Port values.
    std::string hosts_string(const std::string &servers, const std::string &ports) const {
        return "DRIVER={pgodbc};Server=" + servers + ";Port=" + ports +
               ";Database=pgo_db;UID=pgo_trust;SSLMode=disable;";
    }
    // SQLGetInfo(SQL_SERVER_NAME): the host the connection reached.
    static std::string server_name(const Connection &connection) {
        SQLCHAR name[1100] = {0};
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLGetInfo(connection.get(), SQL_SERVER_NAME, name, sizeof name, &length);
        EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
        return reinterpret_cast<const char *>(name);
    }
    // A socket directory where no server listens (made empty, removed at
    // the end of the test by the fixture).
    std::string empty_socket_dir() {
        char pattern[] = "/tmp/pgo_nosock_XXXXXX";
        if (mkdtemp(pattern) == nullptr) {
            ADD_FAILURE() << "mkdtemp failed";
            return "/nonexistent";
        }
        made_dirs_.push_back(pattern);
        return pattern;
    }
    void TearDown() override {
        for (const auto &dir : made_dirs_) {
            rmdir(dir.c_str());
        }
        OdbcTest::TearDown();
    }
    static std::string all_messages(const Connection &connection) {
        std::string text;
        for (const auto &record : connection.diags) {
            text += record.message + "\n";
        }
        return text;
    }

private:
    std::vector<std::string> made_dirs_;
};

TEST_F(HostListTest, RefusedFirstHostIsPassedOverForTheNext) {
    auto connection =
        driver_connect(hosts_string("127.0.0.1,127.0.0.1", closed_port() + "," + harness.port()));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(HostListTest, TimeoutBoundsEachHostSoASilentFirstHostLeavesTimeForTheNext) {
    SilentListener silent;
    ASSERT_FALSE(silent.port().empty());
    // Timeout=1 per attempt: the silent host takes its second, the next host
    // still gets a full one (one Timeout for the whole list would be spent).
    auto connection = driver_connect(
        hosts_string("127.0.0.1,127.0.0.1", silent.port() + "," + harness.port()) +
        "Timeout=1;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    EXPECT_GE(connection->elapsed_seconds, 0.9);
    EXPECT_LT(connection->elapsed_seconds, 10.0);
}

TEST_F(HostListTest, SilentHostsFailWithTheirTimeoutsNamedInTheList) {
    SilentListener first;
    SilentListener second;
    auto connection = driver_connect(
        hosts_string("127.0.0.1,127.0.0.1", first.port() + "," + second.port()) + "Timeout=0.5;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001",
                {"127.0.0.1:" + first.port(), "127.0.0.1:" + second.port()});
    EXPECT_GE(connection->elapsed_seconds, 0.9); // two attempts of 0.5 s each
    EXPECT_LT(connection->elapsed_seconds, 10.0);
}

TEST_F(HostListTest, LoginTimeoutBoundsTheWholeListWithHYT00) {
    SilentListener first;
    SilentListener second;
    SilentListener third;
    Connection connection(env->get());
    ASSERT_TRUE(connection.get() != SQL_NULL_HDBC);
    ASSERT_EQ(SQLSetConnectAttr(connection.get(), SQL_ATTR_LOGIN_TIMEOUT,
                                reinterpret_cast<SQLPOINTER>(1), 0),
              SQL_SUCCESS);
    // Each host could take Timeout=5; SQL_ATTR_LOGIN_TIMEOUT ends all after 1 s.
    std::string text = hosts_string("127.0.0.1,127.0.0.1,127.0.0.1",
                                    first.port() + "," + second.port() + "," + third.port()) +
                       "Timeout=5;";
    auto start = std::chrono::steady_clock::now();
    SQLRETURN rc = SQLDriverConnect(
        connection.get(), nullptr, reinterpret_cast<SQLCHAR *>(const_cast<char *>(text.c_str())),
        static_cast<SQLSMALLINT>(text.size()), nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    connection.connected = succeeded(rc);
    EXPECT_EQ(rc, SQL_ERROR);
    auto diags = collect_diags(SQL_HANDLE_DBC, connection.get());
    EXPECT_DIAG(diags, "HYT00", {"login timeout", "127.0.0.1:" + first.port()});
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);
}

TEST_F(HostListTest, LibpqConnectTimeoutKeywordIsALoginTimeout) {
    SilentListener silent;
    auto connection = driver_connect(hosts_string("127.0.0.1", silent.port()) +
                                     "connect_timeout=1;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "HYT00", {"login timeout", "127.0.0.1:" + silent.port()});
    EXPECT_GE(connection->elapsed_seconds, 0.9);
    EXPECT_LT(connection->elapsed_seconds, 3.0);
}

TEST_F(HostListTest, SameHostListedTwiceWithOnePortConnects) {
    auto connection = driver_connect(hosts_string("127.0.0.1,127.0.0.1", harness.port()));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
}

TEST_F(HostListTest, FailedListNamesEveryHostInOrderWithItsReason) {
    std::string first = closed_port();
    std::string second = closed_port();
    auto connection = driver_connect(hosts_string("127.0.0.1,localhost", first + "," + second));
    EXPECT_CONNECT_FAILED(connection);
    ASSERT_DIAG(connection->diags, "08001", {"127.0.0.1:" + first, "localhost:" + second});
    std::string text = all_messages(*connection);
    size_t first_at = text.find("127.0.0.1:" + first);
    size_t second_at = text.find("localhost:" + second);
    ASSERT_NE(first_at, std::string::npos) << text;
    ASSERT_NE(second_at, std::string::npos) << text;
    EXPECT_LT(first_at, second_at) << text;
    EXPECT_NE(to_lower(text).find("refused"), std::string::npos) << text;
}

TEST_F(HostListTest, PortCountMismatchFailsWithHY024) {
    auto connection = driver_connect(hosts_string("127.0.0.1,127.0.0.1,127.0.0.1",
                                                  harness.port() + "," + harness.port()));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "HY024", {"Port lists 2 ports", "Server lists 3 hosts"});
}

TEST_F(HostListTest, AuthenticationFailureEndsTheAttemptWithoutTryingTheOtherHosts) {
    // The second host is down: had it been tried, the failure would be the
    // list's 08001, not the server's 28P01.
    auto connection = driver_connect("DRIVER={pgodbc};Server=127.0.0.1,127.0.0.1;Port=" +
                                     harness.port() + "," + closed_port() +
                                     ";Database=pgo_db;UID=pgo_scram;PWD=wrong;SSLMode=disable;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "28P01", {"not tried"});
}

TEST_F(HostListTest, ReadWriteAndPrimaryAcceptTheHarnessPrimary) {
    for (const char *target : {"read-write", "primary", "any", "prefer-standby"}) {
        auto connection = driver_connect(hosts_string("127.0.0.1", harness.port()) +
                                         "TargetSessionAttrs=" + target + ";");
        ASSERT_CONNECTED(connection) << target;
        EXPECT_EQ(scalar(*connection, "SELECT pg_is_in_recovery()::text"), "false") << target;
    }
}

TEST_F(HostListTest, StandbyRejectsThePrimarySayingWhyForEveryHost) {
    auto connection =
        driver_connect(hosts_string("127.0.0.1,127.0.0.1", closed_port() + "," + harness.port()) +
                       "TargetSessionAttrs=standby;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001",
                {"no host of 2 accepted", "refused", "is not a standby"});
}

TEST_F(HostListTest, PreferStandbyFallsBackToThePrimaryWithoutWaitingForADeadHostTwice) {
    SilentListener silent;
    ASSERT_FALSE(silent.port().empty());
    auto connection = driver_connect(
        hosts_string("127.0.0.1,127.0.0.1", silent.port() + "," + harness.port()) +
        "Timeout=2;TargetSessionAttrs=prefer-standby;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT pg_is_in_recovery()::text"), "false");
    // One Timeout for the silent host; a second pass over it would take two
    // (4 s). The margin is for sanitizer builds on a loaded machine.
    EXPECT_GE(connection->elapsed_seconds, 1.9);
    EXPECT_LT(connection->elapsed_seconds, 3.6);
}

TEST_F(HostListTest, ReadOnlyRejectsAReadWriteSession) {
    auto connection = driver_connect(hosts_string("127.0.0.1", harness.port()) +
                                     "TargetSessionAttrs=read-only;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"the session is read-write"});
}

TEST_F(HostListTest, ReadOnlyAcceptsASessionStartedReadOnlyAndReadWriteRejectsIt) {
    // default_transaction_read_only is reported at startup (ParameterStatus).
    std::string read_only = hosts_string("127.0.0.1", harness.port()) +
                            "StartupParams={default_transaction_read_only=on};";
    auto accepted = driver_connect(read_only + "TargetSessionAttrs=read-only;");
    ASSERT_CONNECTED(accepted);
    EXPECT_EQ(scalar(*accepted, "SHOW transaction_read_only"), "on");
    auto rejected = driver_connect(read_only + "TargetSessionAttrs=read-write;");
    EXPECT_CONNECT_FAILED(rejected);
    EXPECT_DIAG(rejected->diags, "08001", {"the session is read-only"});
}

TEST_F(HostListTest, ServerNameIsTheHostReachedNotTheFirstListed) {
    auto connection =
        driver_connect(hosts_string("127.0.0.1,localhost", closed_port() + "," + harness.port()));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(server_name(*connection), "localhost");
    auto first = driver_connect(hosts_string("127.0.0.1,localhost", harness.port()));
    ASSERT_CONNECTED(first);
    EXPECT_EQ(server_name(*first), "127.0.0.1");
}

// UnixSock as a list: socket directories tried in order like Server's hosts.
TEST_F(HostListTest, UnixSockListPassesOverADirectoryWithoutServerForTheNext) {
    std::string empty = empty_socket_dir();
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + empty + "," +
                                     harness.socket_dir() + ";Port=" + harness.port() +
                                     ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    // Over the socket: the server sees no client address.
    EXPECT_EQ(scalar(*connection, "SELECT coalesce(host(inet_client_addr()), 'socket')"),
              "socket");
    EXPECT_EQ(server_name(*connection), harness.socket_dir());
}

TEST_F(HostListTest, UnixSockListTakesOnePortPerEntry) {
    std::string closed = closed_port();
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + harness.socket_dir() + "," +
                                     harness.socket_dir() + ";Port=" + closed + "," +
                                     harness.port() + ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_setting('port')"), harness.port());
}

TEST_F(HostListTest, UnixSockListMixesSocketDirectoriesAndHostNamesAsLibpqHostDoes) {
    // libpq's host list: an entry starting with '/' is a socket directory,
    // anything else a host name (PGHOST and service files reach UnixSock so).
    std::string empty = empty_socket_dir();
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + empty + ",127.0.0.1;Port=" +
                                     harness.port() +
                                     ";Database=pgo_db;UID=pgo_trust;SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT host(inet_server_addr())"), "127.0.0.1");
    EXPECT_EQ(server_name(*connection), "127.0.0.1");
}

TEST_F(HostListTest, ServerEntryStartingWithASlashIsASocketDirectoryAsInLibpq) {
    auto connection = driver_connect(hosts_string("127.0.0.1," + harness.socket_dir(),
                                                  closed_port() + "," + harness.port()));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT coalesce(host(inet_client_addr()), 'socket')"),
              "socket");
    EXPECT_EQ(server_name(*connection), harness.socket_dir());
}

TEST_F(HostListTest, QueryTimeoutCancelsThroughTheSocketTheListReached) {
    // The cancel request goes to the entry that connected, not the first:
    // sent to the empty directory it would fail and the engine would give
    // the connection up (08S01) instead of answering HYT00 and living on.
    std::string empty = empty_socket_dir();
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + empty + "," +
                                     harness.socket_dir() + ";Port=" + harness.port() +
                                     ";Database=pgo_db;UID=pgo_trust;");
    ASSERT_CONNECTED(connection);
    Statement stmt(connection->get());
    ASSERT_TRUE(stmt.get() != SQL_NULL_HSTMT);
    ASSERT_EQ(SQLSetStmtAttr(stmt.get(), SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0),
              SQL_SUCCESS);
    auto start = std::chrono::steady_clock::now();
    SQLRETURN rc = SQLExecDirect(stmt.get(), (SQLCHAR *)"SELECT pg_sleep(10)", SQL_NTS);
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(stmt.diags(), "HYT00", {});
    EXPECT_LT(elapsed, 5.0);
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
}

TEST_F(HostListTest, FailedUnixSockListNamesEverySocketInOrder) {
    std::string first = empty_socket_dir();
    std::string second = empty_socket_dir();
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + first + "," + second +
                                     ";Port=" + harness.port() + ";Database=pgo_db;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    ASSERT_DIAG(connection->diags, "08001", {"no host of 2 accepted", first, second});
    std::string text = all_messages(*connection);
    EXPECT_LT(text.find(first), text.find(second)) << text;
}

TEST_F(HostListTest, UnixSockPortCountMismatchFailsWithHY024NamingUnixSock) {
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=/a,/b,/c;Port=1,2;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "HY024", {"Port lists 2 ports", "UnixSock lists 3 hosts"});
}

// Two entries reaching the same server, told apart by the server's address.
class LoadBalanceTest : public HostListTest {
protected:
    std::map<std::string, int> count_server_addresses(const std::string &balance, int connects) {
        std::map<std::string, int> seen;
        for (int i = 0; i < connects; i++) {
            auto connection = driver_connect(hosts_string("127.0.0.1,::1", harness.port()) +
                                             "LoadBalanceHosts=" + balance + ";");
            if (!succeeded(connection->rc)) {
                ADD_FAILURE() << format_diags(connection->diags);
                break;
            }
            seen[scalar(*connection, "SELECT host(inet_server_addr())").value_or("?")]++;
        }
        return seen;
    }
};

TEST_F(LoadBalanceTest, DisableTriesTheHostsInOrder) {
    if (harness["PGO_HAS_IPV6"] != "1") {
        GTEST_SKIP() << "the harness found no IPv6 loopback";
    }
    auto seen = count_server_addresses("disable", 10);
    EXPECT_EQ(seen["127.0.0.1"], 10);
}

TEST_F(LoadBalanceTest, RandomSpreadsConnectsOverBothHosts) {
    if (harness["PGO_HAS_IPV6"] != "1") {
        GTEST_SKIP() << "the harness found no IPv6 loopback";
    }
    // 40 fair coin flips: fewer than 5 on one side has odds below 1 in 10^6.
    auto seen = count_server_addresses("random", 40);
    EXPECT_EQ(seen["127.0.0.1"] + seen["::1"], 40);
    EXPECT_GE(seen["127.0.0.1"], 5);
    EXPECT_GE(seen["::1"], 5);
}

} // namespace
} // namespace pgo_test
