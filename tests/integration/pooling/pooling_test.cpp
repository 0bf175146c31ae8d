// The driver manager's connection pooling (unixODBC: Pooling=Yes in the
// [ODBC] section of odbcinst.ini, CPTimeout in the driver's): a connection
// the application disconnects stays open in the pool and the next connect
// with the same string gets it back. The driver must hand it over clean
// (SQL_ATTR_RESET_CONNECTION, which unixODBC sets for ODBC 3.80
// applications) and must say when its server went away
// (SQL_ATTR_CONNECTION_DEAD, which unixODBC asks before reuse).
//
// unixODBC reads Pooling once per process, at the first environment
// handle: each test here runs in its own process (ctest), with its own
// ODBCSYSINI made before that handle exists.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "odbc_test.h"

namespace pgo_test {
namespace {

#define ASSERT_SUCCEEDED(call, handle_type, handle)                                      \
    do {                                                                                 \
        SQLRETURN assert_rc = (call);                                                    \
        ASSERT_TRUE(succeeded(assert_rc))                                                \
            << #call << " returned " << rc_name(assert_rc)                               \
            << format_diags(collect_diags(handle_type, handle));                         \
    } while (0)

class PoolingTest : public OdbcTest {
protected:
    std::string sysini_dir;

    void SetUp() override {
        ASSERT_TRUE(harness.ok()) << harness.error();
        char pattern[] = "/tmp/pgo_pooling_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        sysini_dir = pattern;
        write_pooling_ini();
        copy_file(harness.odbcsysini() + "/odbc.ini", sysini_dir + "/odbc.ini");
        // Before the first environment handle: the driver manager reads
        // odbcinst.ini's [ODBC] section then.
        setenv("ODBCSYSINI", sysini_dir.c_str(), 1);
        env.emplace();
        ASSERT_TRUE(env->get() != SQL_NULL_HENV) << "SQLAllocHandle(ENV) failed";
    }

    void TearDown() override {
        std::remove((sysini_dir + "/odbcinst.ini").c_str());
        std::remove((sysini_dir + "/odbc.ini").c_str());
        rmdir(sysini_dir.c_str());
    }

    // The harness's odbcinst.ini with pooling on and a CPTimeout long
    // enough that a slow machine still finds the connection in the pool.
    void write_pooling_ini() {
        std::ifstream in(harness.odbcsysini() + "/odbcinst.ini");
        ASSERT_TRUE(in) << "cannot read the harness's odbcinst.ini";
        std::ostringstream out;
        bool has_odbc_section = false;
        std::string line;
        while (std::getline(in, line)) {
            out << line << "\n";
            if (line == "[ODBC]") {
                has_odbc_section = true;
                out << "Pooling = Yes\n";
            } else if (line == "[pgodbc]") {
                out << "CPTimeout = 120\n";
            }
        }
        std::string text = out.str();
        if (!has_odbc_section) {
            text = "[ODBC]\nPooling = Yes\n\n" + text;
        }
        std::ofstream file(sysini_dir + "/odbcinst.ini");
        file << text;
        ASSERT_TRUE(file.good());
    }

    static void copy_file(const std::string &from, const std::string &to) {
        std::ifstream in(from);
        std::ofstream out(to);
        out << in.rdbuf();
    }

    // The string every "user" of the pool connects with.
    std::string pooled_string() const { return tcp_string("pgo_trust"); }

    // Another pool entry: a connection that watches the pooled one.
    std::unique_ptr<Connection> observer() {
        return driver_connect(tcp_string("pgo_trust") + "ApplicationName=pgo_pool_observer;");
    }

    // Runs a statement that may return no rows; the test fails when it fails.
    void run(const Connection &connection, const std::string &sql) {
        QueryResult result = run_query(connection.get(), sql);
        EXPECT_EQ(result.rc, SQL_SUCCESS) << sql << ": " << result.failed_call << " returned "
                                          << rc_name(result.rc) << format_diags(result.diags);
    }

    std::string backend_pid(const Connection &connection) {
        return scalar(connection, "SELECT pg_backend_pid()").value_or("?");
    }

    SQLUINTEGER connect_attr(const Connection &connection, SQLINTEGER attribute) {
        SQLUINTEGER value = 0xFFFF;
        SQLRETURN rc = SQLGetConnectAttr(connection.get(), attribute, &value, 0, nullptr);
        EXPECT_TRUE(succeeded(rc)) << "SQLGetConnectAttr(" << attribute << ") returned "
                                   << rc_name(rc)
                                   << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
        return value;
    }

    // Runs sql on a statement that is never freed: the application
    // disconnects with it open, and the driver manager forgets it.
    void leave_statement(const Connection &connection, const std::string &sql, bool is_prepared) {
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        ASSERT_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.get(), &stmt), SQL_HANDLE_DBC,
                         connection.get());
        SQLCHAR *text = reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
        if (is_prepared) {
            ASSERT_SUCCEEDED(SQLPrepare(stmt, text, SQL_NTS), SQL_HANDLE_STMT, stmt);
        } else {
            ASSERT_SUCCEEDED(SQLExecDirect(stmt, text, SQL_NTS), SQL_HANDLE_STMT, stmt);
            ASSERT_SUCCEEDED(SQLFetch(stmt), SQL_HANDLE_STMT, stmt);
        }
    }

    // Waits (10 s at most) until the server no longer lists pid.
    void wait_until_gone(const Connection &watcher, const std::string &pid) {
        for (int tries = 0; tries < 200; ++tries) {
            if (scalar(watcher, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) ==
                std::optional<std::string>("0")) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "backend " << pid << " still runs 10 s after pg_terminate_backend";
    }
};

TEST_F(PoolingTest, DisconnectedConnectionIsHandedToTheNextConnectAsTheSameServerSession) {
    std::string first_pid;
    {
        auto first = driver_connect(pooled_string());
        ASSERT_CONNECTED(first);
        first_pid = backend_pid(*first);
    }
    auto second = driver_connect(pooled_string());
    ASSERT_CONNECTED(second);
    EXPECT_EQ(backend_pid(*second), first_pid)
        << "the driver manager opened a new session: pooling is not on";
}

TEST_F(PoolingTest, ReusedConnectionCarriesNoStateOfItsPreviousUser) {
    const std::string table = "pgo_pool_rows_" + std::to_string(getpid());
    const std::string lock_key = std::to_string(700000 + getpid());
    auto watcher = observer();
    ASSERT_CONNECTED(watcher);
    run(*watcher, "DROP TABLE IF EXISTS " + table);
    run(*watcher, "CREATE TABLE " + table + " (n int)");

    std::string first_pid;
    std::string default_work_mem;
    {
        auto first = driver_connect(pooled_string());
        ASSERT_CONNECTED(first);
        first_pid = backend_pid(*first);
        default_work_mem = scalar(*first, "SELECT current_setting('work_mem')").value_or("?");
        // Connection attributes away from their defaults.
        ASSERT_SUCCEEDED(SQLSetConnectAttr(first->get(), SQL_ATTR_TXN_ISOLATION,
                                           reinterpret_cast<SQLPOINTER>(SQL_TXN_SERIALIZABLE), 0),
                         SQL_HANDLE_DBC, first->get());
        // Session state on the server.
        run(*first, "CREATE TEMP TABLE pgo_pool_temp (n int)");
        run(*first, "SET work_mem = '7777kB'");
        run(*first, "PREPARE pgo_pool_plan AS SELECT 1");
        run(*first, "SELECT pg_advisory_lock(" + lock_key + ")");
        run(*first, "LISTEN pgo_pool_channel");
        // The driver's own server statements: a cached direct execution,
        // a prepared statement and a cursor left open, never freed.
        scalar(*first, "SELECT 41");
        scalar(*first, "SELECT 41");
        leave_statement(*first, "SELECT 43", true);
        leave_statement(*first, "SELECT generate_series(1, 100000)", false);
        // Read-only sessions (BEGIN READ WRITE overrides it below).
        ASSERT_SUCCEEDED(SQLSetConnectAttr(first->get(), SQL_ATTR_ACCESS_MODE,
                                           reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0),
                         SQL_HANDLE_DBC, first->get());
        // An open transaction holding a row, with autocommit left off.
        run(*first, "BEGIN READ WRITE");
        run(*first, "INSERT INTO " + table + " VALUES (1)");
        ASSERT_SUCCEEDED(SQLSetConnectAttr(first->get(), SQL_ATTR_AUTOCOMMIT,
                                           reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
                         SQL_HANDLE_DBC, first->get());
    }

    auto second = driver_connect(pooled_string());
    ASSERT_CONNECTED(second);
    ASSERT_EQ(backend_pid(*second), first_pid) << "not the pooled session: nothing to check";

    EXPECT_EQ(connect_attr(*second, SQL_ATTR_AUTOCOMMIT), SQL_AUTOCOMMIT_ON);
    EXPECT_EQ(connect_attr(*second, SQL_ATTR_TXN_ISOLATION), SQL_TXN_READ_COMMITTED);
    EXPECT_EQ(connect_attr(*second, SQL_ATTR_ACCESS_MODE), SQL_MODE_READ_WRITE);
    EXPECT_EQ(scalar(*second, "SHOW transaction_isolation"), "read committed");
    EXPECT_EQ(scalar(*second, "SHOW transaction_read_only"), "off");
    EXPECT_EQ(scalar(*second, "SELECT count(*) FROM " + table), "0")
        << "the previous user's open transaction was not rolled back";
    EXPECT_EQ(scalar(*second, "SELECT to_regclass('pgo_pool_temp') IS NULL"), "1");
    EXPECT_EQ(scalar(*second, "SELECT current_setting('work_mem')"), default_work_mem);
    EXPECT_EQ(scalar(*second, "SELECT count(*) FROM pg_prepared_statements "
                              "WHERE statement NOT LIKE '%pg_prepared_statements%' AND "
                              "(name = 'pgo_pool_plan' OR statement IN ('SELECT 41', "
                              "'SELECT 43') OR statement LIKE '%generate_series%')"),
              "0");
    EXPECT_EQ(scalar(*second, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                              "AND pid = pg_backend_pid()"),
              "0");
    EXPECT_EQ(scalar(*second, "SELECT count(*) FROM pg_listening_channels()"), "0");
    EXPECT_EQ(scalar(*second, "SELECT count(*) FROM pg_cursors "
                              "WHERE statement NOT LIKE '%pg_cursors%'"),
              "0");
    // The driver forgot its cached statement with the server's: the same
    // text runs (a stale cache would Bind a statement that is gone).
    EXPECT_EQ(scalar(*second, "SELECT 41"), "41");
    EXPECT_EQ(scalar(*second, "SELECT 41"), "41");
    // Autocommit is really on: another session sees the row at once.
    run(*second, "INSERT INTO " + table + " VALUES (2)");
    EXPECT_EQ(scalar(*watcher, "SELECT string_agg(n::text, ',') FROM " + table), "2");
    EXPECT_EQ(scalar(*watcher, "SELECT pg_try_advisory_lock(" + lock_key + ")"), "1")
        << "the previous user's advisory lock is still held";
    scalar(*watcher, "SELECT pg_advisory_unlock(" + lock_key + ")");
    run(*watcher, "DROP TABLE " + table);
}

TEST_F(PoolingTest, ConnectionWhoseServerSessionEndedIsNotHandedOut) {
    std::string first_pid;
    {
        auto first = driver_connect(pooled_string());
        ASSERT_CONNECTED(first);
        first_pid = backend_pid(*first);
    }
    auto watcher = observer();
    ASSERT_CONNECTED(watcher);
    ASSERT_NE(backend_pid(*watcher), first_pid);
    EXPECT_EQ(scalar(*watcher, "SELECT pg_terminate_backend(" + first_pid + ")"), "1");
    wait_until_gone(*watcher, first_pid);

    auto second = driver_connect(pooled_string());
    ASSERT_CONNECTED(second);
    EXPECT_NE(backend_pid(*second), first_pid);
    EXPECT_EQ(scalar(*second, "SELECT 'working'"), "working");
    EXPECT_EQ(connect_attr(*second, SQL_ATTR_CONNECTION_DEAD), SQL_CD_FALSE);
}

TEST_F(PoolingTest, ConnectionLeftInAFailedTransactionIsHandedOverIdle) {
    std::string first_pid;
    {
        auto first = driver_connect(pooled_string());
        ASSERT_CONNECTED(first);
        first_pid = backend_pid(*first);
        run(*first, "BEGIN");
        QueryResult failed = run_query(first->get(), "SELECT 1 / 0");
        ASSERT_EQ(failed.rc, SQL_ERROR);
        EXPECT_DIAG(failed.diags, "22012", {});
    }
    auto second = driver_connect(pooled_string());
    ASSERT_CONNECTED(second);
    ASSERT_EQ(backend_pid(*second), first_pid);
    // Outside any transaction: a statement runs, and a transaction-only
    // command is refused as outside one.
    EXPECT_EQ(scalar(*second, "SELECT 'usable'"), "usable");
    QueryResult release = run_query(second->get(), "RELEASE SAVEPOINT nothing");
    EXPECT_EQ(release.rc, SQL_ERROR);
    EXPECT_DIAG(release.diags, "25P01", {}); // no_active_sql_transaction
}

TEST_F(PoolingTest, ReplicationSessionIsClosedRatherThanHandedOn) {
    // A walsender session cannot be reset for another user: the driver
    // closes it when it goes back to the pool, and the next connect opens a
    // new one (the driver manager frees the closed handle after its
    // SQLDisconnect succeeds).
    const std::string replication = tcp_string("pgo_repl") + "Replication=database;";
    std::string first_pid;
    {
        auto first = driver_connect(replication);
        ASSERT_CONNECTED(first);
        first_pid = backend_pid(*first);
    }
    auto second = driver_connect(replication);
    ASSERT_CONNECTED(second);
    EXPECT_NE(backend_pid(*second), first_pid);
    EXPECT_EQ(scalar(*second, "SELECT 'replication session'"), "replication session");
}

TEST_F(PoolingTest, EachUserOfAPooledConnectionStartsClean) {
    // Several hand-overs in a row, each leaving state behind.
    std::string first_pid;
    for (int user = 0; user < 5; ++user) {
        auto connection = driver_connect(pooled_string());
        ASSERT_CONNECTED(connection);
        std::string pid = backend_pid(*connection);
        if (user == 0) {
            first_pid = pid;
        }
        EXPECT_EQ(pid, first_pid) << "user " << user;
        EXPECT_EQ(scalar(*connection, "SELECT to_regclass('pgo_pool_each') IS NULL"), "1")
            << "user " << user;
        EXPECT_EQ(scalar(*connection, "SELECT current_setting('application_name')"),
                  scalar(*connection, "SELECT reset_val FROM pg_settings "
                                      "WHERE name = 'application_name'"))
            << "user " << user;
        run(*connection, "CREATE TEMP TABLE pgo_pool_each (n int)");
        run(*connection, "SET application_name = 'user " + std::to_string(user) + "'");
        leave_statement(*connection, "SELECT 7", true);
    }
}

} // namespace
} // namespace pgo_test
