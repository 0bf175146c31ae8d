// Freeing handles while another thread is inside a call on the same
// connection. Each free waits for the running call (the connection's lock
// serializes them), then succeeds; the running call's result is intact,
// and the connection (when it survives) still works. What is freed is
// never used again by any thread, as ODBC requires of the application.
// Reference: SQLFreeHandle, SQLDisconnect (frees the connection's
// statements), ODBC "Multithreading".
#include "thread_test.h"

namespace pgo_threads {
namespace {

class FreeWhileWaitingTest : public ThreadTest {
protected:
    void SetUp() override {
        ThreadTest::SetUp();
        connection = driver_connect(connection_string());
        ASSERT_CONNECTED(connection);
    }

    // Runs "SELECT pg_sleep(seconds), tag" on stmt, fetches, checks the tag;
    // "" when all is well. Sets running just before the call.
    std::string run_sleeping_query(SQLHSTMT stmt, const std::string &seconds,
                                   const std::string &tag, bool fetch) {
        running = true;
        SQLRETURN rc = exec_direct(stmt, "SELECT pg_sleep(" + seconds + "), '" + tag + "'");
        if (rc != SQL_SUCCESS) {
            return describe("SQLExecDirect", rc, SQL_HANDLE_STMT, stmt);
        }
        if (!fetch) {
            return "";
        }
        rc = SQLFetch(stmt);
        if (rc != SQL_SUCCESS) {
            return describe("SQLFetch", rc, SQL_HANDLE_STMT, stmt);
        }
        std::string value;
        std::string error;
        if (!column_text(stmt, 2, &value, &error)) {
            return error;
        }
        if (value != tag) {
            return "got " + value + ", expected " + tag;
        }
        return "";
    }

    void wait_until_running() {
        while (!running.load()) {
            std::this_thread::yield();
        }
        // Inside SQLExecDirect's wait for the server by now.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }

    std::unique_ptr<Connection> connection;
    std::atomic<bool> running{false};
};

// Statement 2 freed, statement 3 allocated, run and freed, while
// statement 1 runs a query: all wait, all succeed, nothing mixes.
TEST_F(FreeWhileWaitingTest, OtherStatementsAreFreedAndAllocatedWhileAQueryRuns) {
    SQLHSTMT first = SQL_NULL_HSTMT;
    SQLHSTMT second = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &first), SQL_SUCCESS);
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &second), SQL_SUCCESS);
    // A statement with an open, partly read result: freeing it must
    // discard that result without disturbing the running query.
    ASSERT_EQ(exec_direct(second, "SELECT g FROM generate_series(1, 100000) g"), SQL_SUCCESS)
        << describe("SQLExecDirect", SQL_ERROR, SQL_HANDLE_STMT, second);
    ASSERT_EQ(SQLFetch(second), SQL_SUCCESS);

    std::string runner_error;
    std::thread runner(
        [&] { runner_error = run_sleeping_query(first, "0.8", "first", true); });
    wait_until_running();
    Failures failures;
    std::thread freer([&] {
        SQLRETURN rc = SQLFreeHandle(SQL_HANDLE_STMT, second);
        if (rc != SQL_SUCCESS) {
            failures.add(std::string("SQLFreeHandle(second) returned ") + rc_name(rc));
        }
    });
    std::thread allocator([&] {
        RawStatement third(connection->get());
        if (third.get() == SQL_NULL_HSTMT) {
            failures.add("SQLAllocHandle(third) failed");
            return;
        }
        SQLRETURN rc = exec_direct(third.get(), "SELECT 'third'");
        std::string value;
        std::string error;
        if (rc != SQL_SUCCESS || SQLFetch(third.get()) != SQL_SUCCESS ||
            !column_text(third.get(), 1, &value, &error) || value != "third") {
            failures.add("third: " + describe("query", rc, SQL_HANDLE_STMT, third.get()) + error +
                         " value " + value);
        }
    });
    runner.join();
    freer.join();
    allocator.join();
    EXPECT_EQ(runner_error, "");
    EXPECT_NO_FAILURES(failures);
    EXPECT_EQ(SQLFreeStmt(first, SQL_CLOSE), SQL_SUCCESS);
    std::string error = run_sleeping_query(first, "0", "afterwards", true);
    EXPECT_EQ(error, "");
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, first), SQL_SUCCESS);
}

// The statement that is running is freed by another thread: the free
// waits for the call to return, then frees it; the call's result was
// delivered intact.
TEST_F(FreeWhileWaitingTest, TheRunningStatementIsFreedOnceItsCallReturns) {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &stmt), SQL_SUCCESS);
    std::string runner_error;
    std::thread runner([&] { runner_error = run_sleeping_query(stmt, "0.8", "whole", false); });
    wait_until_running();
    auto start = std::chrono::steady_clock::now();
    SQLRETURN rc = SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    double waited = seconds_since(start);
    runner.join();
    EXPECT_EQ(runner_error, "");
    if (rc == SQL_ERROR) {
        // The driver manager may refuse to free a statement it sees
        // executing (HY010); then the application frees it afterwards.
        EXPECT_DIAG(collect_diags(SQL_HANDLE_STMT, stmt), "HY010", {});
        EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);
    } else {
        EXPECT_EQ(rc, SQL_SUCCESS);
        // Started 0.2 s into a 0.8 s call: a free that waited took most of
        // the rest.
        EXPECT_GT(waited, 0.3) << "the free did not wait for the running call";
    }
    auto check = pgo_test::run_query(connection->get(), "SELECT 'alive'");
    EXPECT_EQ(check.rc, SQL_SUCCESS) << format_diags(check.diags);
}

// Another thread disconnects and frees the connection while a query runs
// on it: the disconnect waits for the call, then frees the statement with
// the connection.
TEST_F(FreeWhileWaitingTest, TheConnectionIsDisconnectedAndFreedOnceTheRunningCallReturns) {
    SQLHDBC dbc = SQL_NULL_HDBC;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env->get(), &dbc), SQL_SUCCESS);
    std::string text = connection_string();
    ASSERT_TRUE(succeeded(SQLDriverConnect(dbc, nullptr,
                                           reinterpret_cast<SQLCHAR *>(text.data()),
                                           static_cast<SQLSMALLINT>(text.size()), nullptr, 0,
                                           nullptr, SQL_DRIVER_NOPROMPT)))
        << format_diags(collect_diags(SQL_HANDLE_DBC, dbc));
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
    std::string runner_error;
    std::thread runner(
        [&] { runner_error = run_sleeping_query(stmt, "0.8", "before disconnect", false); });
    wait_until_running();
    auto start = std::chrono::steady_clock::now();
    SQLRETURN rc = SQLDisconnect(dbc);
    double waited = seconds_since(start);
    runner.join();
    EXPECT_EQ(runner_error, "");
    if (rc == SQL_ERROR) {
        // A driver manager that sees the statement executing refuses
        // (HY010); the application disconnects after the call.
        EXPECT_DIAG(collect_diags(SQL_HANDLE_DBC, dbc), "HY010", {});
        EXPECT_EQ(SQLDisconnect(dbc), SQL_SUCCESS);
    } else {
        EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(collect_diags(SQL_HANDLE_DBC, dbc));
        EXPECT_GT(waited, 0.3) << "the disconnect did not wait for the running call";
    }
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
}

} // namespace
} // namespace pgo_threads
