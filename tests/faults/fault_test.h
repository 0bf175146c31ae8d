// Support for the fault tests: the harness fixture of the integration tests
// with a FaultProxy in front of the server, connections through it, a
// watchdog that ends a hang (the proxy cuts every connection) so that a
// hang is a failed assertion rather than a stuck test, and the checks every
// cut shares (08S01 once, then at once; SQL_ATTR_CONNECTION_DEAD; every
// handle freed).
#ifndef PGO_TESTS_FAULTS_FAULT_TEST_H
#define PGO_TESTS_FAULTS_FAULT_TEST_H

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "fault_proxy.h"
#include "odbc_test.h"

namespace pgo_faults {

using pgo_test::collect_diags;
using pgo_test::Connection;
using pgo_test::Diags;
using pgo_test::format_diags;
using pgo_test::rc_name;
using pgo_test::succeeded;

// Cuts every proxied connection when a call runs past its allowance.
class Watchdog {
public:
    Watchdog(FaultProxy &proxy, std::chrono::milliseconds allowance)
        : thread_([this, &proxy, allowance] {
              std::unique_lock<std::mutex> lock(mutex_);
              if (!done_cv_.wait_for(lock, allowance, [this] { return done_; })) {
                  fired_ = true;
                  proxy.cut_all();
              }
          }) {}
    ~Watchdog() { finish(); }
    void finish() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        done_cv_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    bool fired() {
        finish();
        return fired_;
    }

private:
    std::mutex mutex_;
    std::condition_variable done_cv_;
    bool done_ = false;
    bool fired_ = false;
    std::thread thread_;
};

// One ODBC call, timed, under a watchdog.
struct Timed {
    SQLRETURN rc = SQL_ERROR;
    double seconds = 0.0;
    bool hung = false; // the watchdog had to cut the connection
};

inline int count_state(const Diags &diags, const std::string &state) {
    int count = 0;
    for (const auto &diag : diags) {
        count += diag.state == state ? 1 : 0;
    }
    return count;
}

class FaultTest : public pgo_test::OdbcTest {
protected:
    std::unique_ptr<FaultProxy> proxy;

    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        proxy = std::make_unique<FaultProxy>(harness.host(), std::stoi(harness.port()));
        ASSERT_TRUE(proxy->ok()) << "the fault proxy could not listen";
    }

    void TearDown() override { proxy.reset(); }

    // A connection string through the proxy (plain text unless extra says
    // otherwise, so that messages can be counted).
    std::string proxied(const std::string &user, const std::string &extra = "") const {
        std::string text = "DRIVER={pgodbc};Server=127.0.0.1;Port=" +
                           std::to_string(proxy->port()) + ";Database=pgo_db;UID=" + user + ";";
        if (user != "pgo_trust") {
            text += "PWD=" + harness.password() + ";";
        }
        if (extra.find("SSLMode") == std::string::npos) {
            text += "SSLMode=disable;";
        }
        return text + extra;
    }

    // SQLDriverConnect after setting connection attributes, timed.
    std::unique_ptr<Connection> connect_with(const std::string &text,
                                             const std::function<void(SQLHDBC)> &before = {},
                                             double allowance_seconds = 10.0) {
        auto connection = std::make_unique<Connection>(env->get());
        if (connection->get() == SQL_NULL_HDBC) {
            ADD_FAILURE() << "SQLAllocHandle(DBC) failed";
            return connection;
        }
        if (before) {
            before(connection->get());
        }
        Timed timed = run_timed(
            [&] {
                SQLCHAR out[1024];
                SQLSMALLINT out_length = 0;
                return SQLDriverConnect(connection->get(), nullptr,
                                        reinterpret_cast<SQLCHAR *>(const_cast<char *>(text.c_str())),
                                        SQL_NTS, out, sizeof out, &out_length,
                                        SQL_DRIVER_NOPROMPT);
            },
            allowance_seconds);
        EXPECT_FALSE(timed.hung) << "SQLDriverConnect hung; the watchdog cut it";
        connection->rc = timed.rc;
        connection->elapsed_seconds = timed.seconds;
        connection->diags = collect_diags(SQL_HANDLE_DBC, connection->get());
        connection->connected = succeeded(timed.rc);
        return connection;
    }

    Timed run_timed(const std::function<SQLRETURN()> &call, double allowance_seconds = 8.0) {
        Timed timed;
        Watchdog dog(*proxy, std::chrono::milliseconds(
                                 static_cast<int64_t>(allowance_seconds * 1000.0)));
        auto start = std::chrono::steady_clock::now();
        timed.rc = call();
        timed.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        timed.hung = dog.fired();
        return timed;
    }

    static SQLRETURN exec(SQLHSTMT stmt, const std::string &sql) {
        return SQLExecDirect(stmt, reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())),
                             SQL_NTS);
    }

    static SQLRETURN set_query_timeout(SQLHSTMT stmt, SQLULEN seconds) {
        return SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT,
                              reinterpret_cast<SQLPOINTER>(seconds), 0);
    }

    static SQLRETURN set_connection_timeout(SQLHDBC dbc, SQLUINTEGER seconds) {
        return SQLSetConnectAttr(dbc, SQL_ATTR_CONNECTION_TIMEOUT,
                                 reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(seconds)),
                                 0);
    }

    static SQLUINTEGER connection_dead(SQLHDBC dbc) {
        SQLUINTEGER dead = 0xdead;
        SQLRETURN rc = SQLGetConnectAttr(dbc, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr);
        EXPECT_TRUE(succeeded(rc)) << format_diags(collect_diags(SQL_HANDLE_DBC, dbc));
        return dead;
    }

    // After a cut or a given-up stall: new work on the connection fails at
    // once with 08S01, the connection says it is dead, and the statement,
    // the connection and its handle are released cleanly.
    void expect_dead_then_freed(Connection &connection, SQLHSTMT failed_stmt) {
        EXPECT_EQ(connection_dead(connection.get()), static_cast<SQLUINTEGER>(SQL_CD_TRUE));
        if (failed_stmt != SQL_NULL_HSTMT) {
            // A cursor the failure left open closes without the server.
            EXPECT_TRUE(succeeded(SQLFreeStmt(failed_stmt, SQL_CLOSE)))
                << format_diags(collect_diags(SQL_HANDLE_STMT, failed_stmt));
            Timed again = run_timed([&] { return exec(failed_stmt, "SELECT 1"); }, 5.0);
            EXPECT_EQ(again.rc, SQL_ERROR);
            Diags diags = collect_diags(SQL_HANDLE_STMT, failed_stmt);
            EXPECT_EQ(count_state(diags, "08S01"), 1) << format_diags(diags);
            EXPECT_LT(again.seconds, 0.2);
        }
        SQLHSTMT other = SQL_NULL_HSTMT;
        SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, connection.get(), &other);
        if (succeeded(rc)) {
            Timed again = run_timed([&] { return exec(other, "SELECT 1"); }, 5.0);
            EXPECT_EQ(again.rc, SQL_ERROR);
            EXPECT_DIAG(collect_diags(SQL_HANDLE_STMT, other), "08S01", {});
            EXPECT_LT(again.seconds, 0.2);
            EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, other), SQL_SUCCESS);
        } else {
            EXPECT_DIAG(collect_diags(SQL_HANDLE_DBC, connection.get()), "08S01", {});
        }
        if (failed_stmt != SQL_NULL_HSTMT) {
            EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, failed_stmt), SQL_SUCCESS);
        }
        Timed disconnect = run_timed([&] { return SQLDisconnect(connection.get()); }, 5.0);
        EXPECT_TRUE(succeeded(disconnect.rc))
            << rc_name(disconnect.rc)
            << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
        EXPECT_LT(disconnect.seconds, 0.5);
        connection.connected = false;
    }
};

} // namespace pgo_faults

#endif
