// The password file through the driver manager: a connection string
// without PWD finds its password in the file that Passfile or PGPASSFILE
// names, matched on host, port, database and user with libpq's rules (for
// a host list, each host with its own port); a file readable by group or
// others is ignored with a 01000 record.
#include "odbc_test.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pgo_test {
namespace {

class PgpassTest : public OdbcTest {
protected:
    std::string folder;
    std::string path;

    void SetUp() override {
        OdbcTest::SetUp();
        char pattern[] = "/tmp/pgo_pgpass_it_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder = pattern;
        path = folder + "/pgpass";
        unsetenv("PGPASSFILE");
    }
    void TearDown() override {
        unsetenv("PGPASSFILE");
        unlink(path.c_str());
        rmdir(folder.c_str());
    }
    void write_file(const std::string &text, mode_t mode) {
        std::ofstream(path) << text;
        ASSERT_EQ(chmod(path.c_str(), mode), 0);
    }
    // The harness's SCRAM role over TCP, without TLS, without PWD.
    std::string scram_without_password() const {
        return tcp_string("pgo_scram") + "SSLMode=disable;";
    }
};

TEST_F(PgpassTest, PassfileKeywordSuppliesThePasswordOfTheMatchingLine) {
    write_file("# other servers first\n"
               "db.example.com:*:*:pgo_scram:not-this-one\n"
               "127.0.0.1:" + harness.port() + ":pgo_db:pgo_scram:" + harness.password() + "\n",
               0600);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, WildcardsAndEscapedCharactersInFieldsMatch) {
    // "\." is a literal '.', "*" any port and database.
    write_file("127\\.0\\.0\\.1:*:*:pgo_scram:" + harness.password() + "\n", 0600);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, PgpassfileEnvironmentVariableNamesTheFile) {
    write_file("*:*:*:pgo_scram:" + harness.password() + "\n", 0600);
    setenv("PGPASSFILE", path.c_str(), 1);
    auto connection = driver_connect(scram_without_password());
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, LineForAnotherPortIsNotUsed) {
    write_file("*:1:*:pgo_scram:" + harness.password() + "\n", 0600);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    EXPECT_CONNECT_FAILED(connection);
}

TEST_F(PgpassTest, FileReadableByOthersIsIgnoredWith01000) {
    write_file("*:*:*:pgo_scram:" + harness.password() + "\n", 0644);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "01000", {"0600"});
}

TEST_F(PgpassTest, PasswordInTheConnectionStringWinsOverTheFile) {
    write_file("*:*:*:pgo_scram:wrong-password\n", 0600);
    auto connection = driver_connect(scram_without_password() + "PWD=" + harness.password() +
                                     ";Passfile=" + path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

// A loopback port nothing listens on.
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

TEST_F(PgpassTest, EachHostOfAListIsLookedUpWithItsOwnPort) {
    // The first host is down; its line's password is wrong for the server.
    // Looked up once for the first host, the second would be sent "wrong"
    // (28P01); looked up per host, it gets its own line.
    std::string closed = closed_port();
    write_file("127.0.0.1:" + closed + ":*:pgo_scram:wrong\n" + "127.0.0.1:" + harness.port() +
                   ":*:pgo_scram:" + harness.password() + "\n",
               0600);
    auto connection = driver_connect("DRIVER={pgodbc};Server=127.0.0.1,127.0.0.1;Port=" + closed +
                                     "," + harness.port() +
                                     ";Database=pgo_db;UID=pgo_scram;SSLMode=disable;Passfile=" +
                                     path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, HostOfAListWithoutALineGetsNoPassword) {
    // Only the (down) first host has a line: the second is sent none.
    std::string closed = closed_port();
    write_file("127.0.0.1:" + closed + ":*:pgo_scram:" + harness.password() + "\n", 0600);
    auto connection = driver_connect("DRIVER={pgodbc};Server=127.0.0.1,127.0.0.1;Port=" + closed +
                                     "," + harness.port() +
                                     ";Database=pgo_db;UID=pgo_scram;SSLMode=disable;Passfile=" +
                                     path + ";");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"PWD was not given"});
}

TEST_F(PgpassTest, SocketDirectoryOfAUnixSockListIsMatchedByItsPath) {
    char pattern[] = "/tmp/pgo_nosock_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    std::string empty = pattern;
    write_file(empty + ":*:*:pgo_scram:wrong\n" + harness.socket_dir() + ":" + harness.port() +
                   ":*:pgo_scram:" + harness.password() + "\n",
               0600);
    auto connection = driver_connect("DRIVER={pgodbc};UnixSock=" + empty + "," +
                                     harness.socket_dir() + ";Port=" + harness.port() +
                                     ";Database=pgo_db;UID=pgo_scram;Passfile=" + path + ";");
    rmdir(empty.c_str());
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

} // namespace
} // namespace pgo_test
