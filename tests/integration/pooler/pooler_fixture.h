// The fixture of the pooler tests (issue 10, "Poolers"), shared by the
// files of this folder. It starts its own pgbouncer in front of the harness server: a
// config in a temporary folder, a free loopback port, auth_type trust for
// pgo_trust, pool_mode=transaction, two server connections at most and
// server_round_robin=1, so that consecutive transactions run on different
// server sessions (the tests check that by pg_backend_pid()). It lives at
// most 120 s under `timeout` whatever happens to this process, and is
// stopped and removed at the end. Without pgbouncer installed the tests
// skip, except under CI (CI set), where they fail.
#ifndef PGO_TEST_POOLER_FIXTURE_H
#define PGO_TEST_POOLER_FIXTURE_H

#include "odbc_test.h"
#include "free_port.h"
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace pgo_test {
namespace pooler {

inline bool accepts_connections(const std::string &port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(std::stoi(port)));
    bool ok = connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

inline std::string pgbouncer_path() {
    for (const char *path : {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"}) {
        if (access(path, X_OK) == 0) {
            return path;
        }
    }
    return "";
}

#define ASSERT_OK(rc, diags) \
    ASSERT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) << ::pgo_test::format_diags(diags)
#define EXPECT_OK(rc, diags) \
    EXPECT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) << ::pgo_test::format_diags(diags)

inline SQLCHAR *sql_text(const std::string &sql) {
    return reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
}

class PoolerTest : public OdbcTest {
protected:
    std::string folder;
    std::string port;
    std::string as_owner;
    bool started = false;

    int run(const std::string &command) {
        return std::system((as_owner + "sh -c '" + command + "' >/dev/null 2>&1").c_str());
    }

    // extra: more [pgbouncer] settings, one per line.
    void start_pgbouncer(const std::string &extra = "") {
        std::string binary = pgbouncer_path();
        if (binary.empty()) {
            if (std::getenv("CI") != nullptr) {
                FAIL() << "pgbouncer is not installed (cmake/install-deps.sh installs it)";
            }
            GTEST_SKIP() << "pgbouncer is not installed";
        }
        char pattern[] = "/tmp/pgo_pooler_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder = pattern;
        port = free_loopback_port();
        ASSERT_FALSE(port.empty());
        {
            std::ofstream ini(folder + "/pgbouncer.ini");
            ini << "[databases]\n"
                << "pgo_db = host=127.0.0.1 port=" << harness.port() << " dbname=pgo_db\n"
                << "[pgbouncer]\n"
                << "listen_addr = 127.0.0.1\n"
                << "listen_port = " << port << "\n"
                << "unix_socket_dir =\n"
                << "auth_type = trust\n"
                << "auth_file = " << folder << "/users.txt\n"
                << "pool_mode = transaction\n"
                << "default_pool_size = 2\n"
                << "max_client_conn = 100\n"
                << "server_round_robin = 1\n"
                << "server_tls_sslmode = disable\n"
                << "logfile = " << folder << "/log\n"
                << "pidfile = " << folder << "/pid\n"
                << extra;
            std::ofstream users(folder + "/users.txt");
            users << "\"pgo_trust\" \"\"\n";
        }
        if (getuid() == 0) {
            // pgbouncer refuses to run as root.
            as_owner = "runuser -u postgres -- ";
            ASSERT_EQ(std::system(("chown -R postgres " + folder).c_str()), 0);
        }
        // At most 120 s of life, whatever happens to this process.
        ASSERT_EQ(run("setsid timeout -s KILL 120 " + binary + " " + folder +
                      "/pgbouncer.ini >" + folder + "/out 2>&1 </dev/null &"),
                  0);
        started = true;
        for (int i = 0; i < 100; i++) {
            if (accepts_connections(port)) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL() << "pgbouncer did not start; see " << folder << "/log";
    }

    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        start_pgbouncer();
        if (HasFatalFailure() || IsSkipped()) {
            return;
        }
        fill_pool();
    }

    // PgBouncer opens a second server connection only when two clients
    // need one at once: two open transactions make it, and round robin
    // then takes turns between the two.
    void fill_pool() {
        auto x = pooled("PoolerMode=transaction;");
        auto y = pooled("PoolerMode=transaction;");
        for (auto *connection : {x.get(), y.get()}) {
            ASSERT_CONNECTED(connection);
            SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                              reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
            ASSERT_EQ(scalar(*connection, "SELECT 1"), std::optional<std::string>("1"));
        }
        std::set<std::string> pids;
        for (auto *connection : {x.get(), y.get()}) {
            pids.insert(scalar(*connection, "SELECT pg_backend_pid()").value_or("?"));
            SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK);
        }
        ASSERT_EQ(pids.size(), 2u) << "two server sessions in the pool";
    }

    void TearDown() override {
        if (started) {
            (void)run("kill -INT $(cat " + folder + "/pid)");
            for (int i = 0; i < 50 && accepts_connections(port); i++) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        if (!folder.empty() && folder.rfind("/tmp/pgo_pooler_", 0) == 0) {
            (void)std::system(("rm -rf " + folder).c_str());
        }
    }

    std::string pooled_string(const std::string &extra) const {
        return "DRIVER={pgodbc};Server=127.0.0.1;Port=" + port +
               ";Database=pgo_db;UID=pgo_trust;SSLMode=disable;" + extra;
    }

    std::unique_ptr<Connection> pooled(const std::string &extra) {
        auto connection = driver_connect(pooled_string(extra));
        EXPECT_TRUE(succeeded(connection->rc)) << format_diags(connection->diags);
        return connection;
    }

    // A direct connection to the server, for set-up and checks.
    std::unique_ptr<Connection> direct() {
        auto connection = driver_connect(tcp_string("pgo_trust") + "SSLMode=disable;");
        EXPECT_TRUE(succeeded(connection->rc)) << format_diags(connection->diags);
        return connection;
    }

    // A table for this test, dropped at the end by the caller's direct().
    std::string make_table(Connection &owner, const std::string &columns) {
        std::string name = "pgo_pooler_" + std::to_string(getpid()) + "_" +
                           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
        QueryResult created = run_query(owner.get(), "CREATE TABLE " + name + " (" + columns + ")");
        EXPECT_EQ(created.rc, SQL_SUCCESS) << format_diags(created.diags);
        return name;
    }
};

} // namespace pooler
} // namespace pgo_test

#endif
