// Services (pg_service.conf) and libpq's environment variables through the
// driver manager, and their precedence: connection string, then service,
// then DSN, then environment. The harness DSN [pgo_test] logs in as
// pgo_scram; the trust role pgo_trust needs no password, so which role a
// session runs as shows which source won.
#include "odbc_test.h"

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace pgo_test {
namespace {

class ServiceEnvTest : public OdbcTest {
protected:
    std::string folder;
    std::string service_file;

    void SetUp() override {
        OdbcTest::SetUp();
        char pattern[] = "/tmp/pgo_service_it_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder = pattern;
        service_file = folder + "/pg_service.conf";
        std::ofstream(service_file)
            << "[pgo_trust_service]\n"
            << "host=" << harness.host() << "\n"
            << "port=" << harness.port() << "\n"
            << "dbname=pgo_db\n"
            << "user=pgo_trust\n"
            << "sslmode=disable\n"
            << "application_name=from-service\n";
        setenv("PGSERVICEFILE", service_file.c_str(), 1);
        setenv("PGSYSCONFDIR", folder.c_str(), 1);
    }
    void TearDown() override {
        for (const char *name : {"PGSERVICEFILE", "PGSYSCONFDIR", "PGSERVICE", "PGUSER", "PGHOST",
                                 "PGPORT", "PGDATABASE", "PGAPPNAME", "PGTARGETSESSIONATTRS",
                                 "PGLOADBALANCEHOSTS", "PGCONNECT_TIMEOUT"}) {
            unsetenv(name);
        }
        unlink(service_file.c_str());
        rmdir(folder.c_str());
    }
};

TEST_F(ServiceEnvTest, ServiceAloneGivesServerPortDatabaseUserAndSettings) {
    auto connection = driver_connect("DRIVER={pgodbc};Service=pgo_trust_service;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    EXPECT_EQ(scalar(*connection, "SELECT current_setting('application_name')"), "from-service");
}

TEST_F(ServiceEnvTest, ConnectionStringWinsOverTheService) {
    auto connection = driver_connect("DRIVER={pgodbc};Service=pgo_trust_service;UID=pgo_scram;PWD=" +
                                     harness.password() + ";ApplicationName=from-string;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
    EXPECT_EQ(scalar(*connection, "SELECT current_setting('application_name')"), "from-string");
}

TEST_F(ServiceEnvTest, ServiceWinsOverTheDsn) {
    auto connection = driver_connect("DSN=pgo_test;Service=pgo_trust_service;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(ServiceEnvTest, PgserviceNamesTheServiceWhenNothingElseDoes) {
    setenv("PGSERVICE", "pgo_trust_service", 1);
    auto connection = driver_connect("DRIVER={pgodbc};");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
}

TEST_F(ServiceEnvTest, UndefinedServiceFails08001) {
    auto connection = driver_connect("DRIVER={pgodbc};Service=pgo_no_such_service;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"pgo_no_such_service"});
}

TEST_F(ServiceEnvTest, EnvironmentFillsWhatStringAndDsnLeaveOut) {
    setenv("PGHOST", harness.host().c_str(), 1);
    setenv("PGPORT", harness.port().c_str(), 1);
    setenv("PGDATABASE", "pgo_db", 1);
    setenv("PGUSER", "pgo_trust", 1);
    setenv("PGAPPNAME", "from-environment", 1);
    auto connection = driver_connect("DRIVER={pgodbc};SSLMode=disable;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_trust");
    EXPECT_EQ(scalar(*connection, "SELECT current_setting('application_name')"),
              "from-environment");
}

// libpq's connect_timeout bounds connecting only: a PGCONNECT_TIMEOUT left
// in the environment must not cut a query that runs longer (it once became
// Timeout, which bounds every read: 08S01 after 2 s).
TEST_F(ServiceEnvTest, ConnectTimeoutFromTheEnvironmentBoundsOnlyConnecting) {
    setenv("PGCONNECT_TIMEOUT", "2", 1);
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT pg_sleep(2.5)::text || 'done'"), "done");
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
}

// libpq's PGTARGETSESSIONATTRS: the harness server is a primary, so
// standby refuses it and read-write takes it.
TEST_F(ServiceEnvTest, TargetSessionAttrsComesFromTheEnvironmentToo) {
    setenv("PGTARGETSESSIONATTRS", "standby", 1);
    setenv("PGLOADBALANCEHOSTS", "random", 1);
    auto refused = driver_connect(tcp_string("pgo_trust"));
    EXPECT_CONNECT_FAILED(refused);
    EXPECT_DIAG(refused->diags, "08001", {"standby"});
    setenv("PGTARGETSESSIONATTRS", "read-write", 1);
    auto taken = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(taken);
}

// libpq's host lists mix socket directories and host names; an entry
// starting with '/' is a socket directory wherever the list comes from.
TEST_F(ServiceEnvTest, PghostListOfSocketDirectoriesIsTriedInOrder) {
    std::string empty = folder + "/no_server_here";
    ASSERT_EQ(mkdir(empty.c_str(), 0700), 0);
    setenv("PGHOST", (empty + "," + harness.socket_dir()).c_str(), 1);
    setenv("PGPORT", harness.port().c_str(), 1);
    setenv("PGDATABASE", "pgo_db", 1);
    setenv("PGUSER", "pgo_trust", 1);
    auto connection = driver_connect("DRIVER={pgodbc};");
    rmdir(empty.c_str());
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT coalesce(host(inet_client_addr()), 'socket')"),
              "socket");
}

TEST_F(ServiceEnvTest, ServiceHostListMixesAHostNameAndASocketDirectory) {
    // The TCP entry is refused (port 1); the socket directory answers.
    std::ofstream(service_file, std::ios::app)
        << "[pgo_mixed_service]\n"
        << "host=127.0.0.1," << harness.socket_dir() << "\n"
        << "port=1," << harness.port() << "\n"
        << "dbname=pgo_db\n"
        << "user=pgo_trust\n"
        << "sslmode=disable\n";
    auto connection = driver_connect("DRIVER={pgodbc};Service=pgo_mixed_service;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT coalesce(host(inet_client_addr()), 'socket')"),
              "socket");
}

TEST_F(ServiceEnvTest, DsnWinsOverTheEnvironment) {
    setenv("PGUSER", "pgo_trust", 1);
    auto connection = driver_connect("DSN=pgo_test;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(ServiceEnvTest, LibpqEnvOffIgnoresTheEnvironment) {
    setenv("PGUSER", "pgo_trust", 1);
    auto connection = driver_connect(tcp_string("") + "LibpqEnv=0;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"UID"});
}

} // namespace
} // namespace pgo_test
