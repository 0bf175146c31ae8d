// Asynchronous execution, polling method, through the driver manager:
// SQL_ATTR_ASYNC_ENABLE on a statement makes execute, fetch and catalog
// calls return SQL_STILL_EXECUTING while the server works; calling the
// function again polls; the last call gives the result and its
// diagnostics; SQLCancel interrupts a call in the background (HY008).
#include <chrono>
#include <thread>

#include "fetch/fetch_test.h"

namespace pgo_test {
namespace {

class AsyncTest : public FetchTest {
protected:
    void SetUp() override {
        FetchTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        ASSERT_OK(SQLSetStmtAttr(h(), SQL_ATTR_ASYNC_ENABLE,
                                 reinterpret_cast<SQLPOINTER>(SQL_ASYNC_ENABLE_ON), 0),
                  stmt->diags());
    }

    // Waits (5 s at most) until another connection sees sql running: a
    // cancel before the query was sent has nothing to stop.
    void wait_until_the_server_runs(const std::string &sql) {
        auto watcher = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(watcher);
        const std::string probe = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                                  "AND query = '" + sql + "'";
        for (int tries = 0; tries < 100; ++tries) {
            if (scalar(*watcher, probe) == std::optional<std::string>("1"))
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    // Calls call until it stops answering SQL_STILL_EXECUTING; counts the
    // polls that said so. The arguments of an asynchronous call must stay
    // valid until it has finished, so statement texts live in the test.
    template <typename Call>
    SQLRETURN poll(Call call, int *still_executing) {
        *still_executing = 0;
        for (;;) {
            SQLRETURN rc = call();
            if (rc != SQL_STILL_EXECUTING) {
                return rc;
            }
            ++*still_executing;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
};

TEST_F(AsyncTest, AttributeReadsBackOnAndRejectsOtherValues) {
    SQLULEN value = 0;
    ASSERT_OK(SQLGetStmtAttr(h(), SQL_ATTR_ASYNC_ENABLE, &value, 0, nullptr), stmt->diags());
    EXPECT_EQ(value, static_cast<SQLULEN>(SQL_ASYNC_ENABLE_ON));
    EXPECT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_ASYNC_ENABLE, reinterpret_cast<SQLPOINTER>(7), 0),
              SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY024", {}); // the driver manager checks the value first
}

TEST_F(AsyncTest, ExecuteReturnsStillExecutingWhileTheServerWorksThenTheRows) {
    int polls = 0;
    auto started = std::chrono::steady_clock::now();
    const std::string sql = "SELECT pg_sleep(0.3), 42 AS answer";
    SQLRETURN rc = poll([&] { return exec(sql); }, &polls);
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_OK(rc, stmt->diags());
    EXPECT_GE(polls, 5) << "each poll returned at once while the server slept 0.3 s";
    EXPECT_GE(elapsed, std::chrono::milliseconds(250));
    rc = poll([&] { return SQLFetch(h()); }, &polls);
    ASSERT_OK(rc, stmt->diags());
    EXPECT_EQ(text_of(2), "42");
    rc = poll([&] { return SQLFetch(h()); }, &polls);
    EXPECT_EQ(rc, SQL_NO_DATA);
}

TEST_F(AsyncTest, AnErrorArrivesWithItsDiagnosticsOnTheLastPoll) {
    int polls = 0;
    const std::string failing = "SELECT 1/0";
    const std::string again = "SELECT 'again'";
    SQLRETURN rc = poll([&] { return exec(failing); }, &polls);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "22012", {});
    // The statement is usable again, still asynchronous.
    rc = poll([&] { return exec(again); }, &polls);
    ASSERT_OK(rc, stmt->diags());
    ASSERT_OK(poll([&] { return SQLFetch(h()); }, &polls), stmt->diags());
    EXPECT_EQ(text_of(1), "again");
}

TEST_F(AsyncTest, PreparedStatementsAndCatalogFunctionsRunInTheBackground) {
    run("DROP TABLE IF EXISTS async_catalog");
    run("CREATE TABLE async_catalog (id int PRIMARY KEY, label text)");
    int polls = 0;
    const std::string count = "SELECT count(*) FROM async_catalog";
    const std::string table = "async_catalog";
    SQLRETURN rc = poll([&] { return SQLPrepare(h(), text(count), SQL_NTS); }, &polls);
    ASSERT_OK(rc, stmt->diags());
    ASSERT_OK(poll([&] { return SQLExecute(h()); }, &polls), stmt->diags());
    ASSERT_OK(poll([&] { return SQLFetch(h()); }, &polls), stmt->diags());
    EXPECT_EQ(text_of(1), "0");
    ASSERT_OK(SQLCloseCursor(h()), stmt->diags());
    rc = poll(
        [&] {
            return SQLColumns(h(), nullptr, 0, nullptr, 0, text(table), SQL_NTS, nullptr, 0);
        },
        &polls);
    ASSERT_OK(rc, stmt->diags());
    std::vector<std::string> names;
    while (poll([&] { return SQLFetch(h()); }, &polls) == SQL_SUCCESS) {
        names.push_back(text_of(4));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"id", "label"}));
    run("DROP TABLE async_catalog");
}

TEST_F(AsyncTest, CancelInterruptsACallRunningInTheBackground) {
    int polls = 0;
    auto started = std::chrono::steady_clock::now();
    const std::string sleep = "SELECT pg_sleep(30)";
    const std::string after = "SELECT 'after'";
    SQLRETURN rc = exec(sleep);
    ASSERT_EQ(rc, SQL_STILL_EXECUTING);
    ASSERT_NO_FATAL_FAILURE(wait_until_the_server_runs(sleep));
    ASSERT_OK(SQLCancel(h()), stmt->diags());
    rc = poll([&] { return exec(sleep); }, &polls);
    auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY008", {});
    EXPECT_LT(elapsed, std::chrono::seconds(10));
    // The connection goes on.
    rc = poll([&] { return exec(after); }, &polls);
    ASSERT_OK(rc, stmt->diags());
    ASSERT_OK(poll([&] { return SQLFetch(h()); }, &polls), stmt->diags());
    EXPECT_EQ(text_of(1), "after");
}

// ODBC 3.8's SQLCancelHandle: on a statement it cancels as SQLCancel does;
// on a connection (no connection function runs asynchronously) it has no
// effect.
TEST_F(AsyncTest, CancelHandleCancelsAStatementAndIsANoOpOnTheConnection) {
    EXPECT_EQ(SQLCancelHandle(SQL_HANDLE_DBC, connection->get()), SQL_SUCCESS);
    int polls = 0;
    const std::string sleep = "SELECT pg_sleep(30)";
    ASSERT_EQ(exec(sleep), SQL_STILL_EXECUTING);
    ASSERT_NO_FATAL_FAILURE(wait_until_the_server_runs(sleep));
    ASSERT_OK(SQLCancelHandle(SQL_HANDLE_STMT, h()), stmt->diags());
    EXPECT_EQ(poll([&] { return exec(sleep); }, &polls), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY008", {});
}

TEST_F(AsyncTest, GetInfoSaysStatementLevelPollingWithoutNotification) {
    SQLUINTEGER mode = 0;
    ASSERT_OK(SQLGetInfo(connection->get(), SQL_ASYNC_MODE, &mode, sizeof mode, nullptr),
              connection->diags);
    EXPECT_EQ(mode, static_cast<SQLUINTEGER>(SQL_AM_STATEMENT));
    SQLUINTEGER notification = 1;
    ASSERT_OK(SQLGetInfo(connection->get(), SQL_ASYNC_NOTIFICATION, &notification,
                         sizeof notification, nullptr),
              connection->diags);
    EXPECT_EQ(notification, static_cast<SQLUINTEGER>(SQL_ASYNC_NOTIFICATION_NOT_CAPABLE));
}

// On the connection, the attribute is the default of the statements
// allocated afterwards; existing ones keep their own.
TEST_F(AsyncTest, ConnectionAttributeEnablesStatementsAllocatedAfterIt) {
    Statement before(connection->get());
    ASSERT_OK(SQLSetConnectAttr(connection->get(), SQL_ATTR_ASYNC_ENABLE,
                                reinterpret_cast<SQLPOINTER>(SQL_ASYNC_ENABLE_ON), 0),
              connection->diags);
    SQLULEN value = 0;
    ASSERT_OK(SQLGetConnectAttr(connection->get(), SQL_ATTR_ASYNC_ENABLE, &value, 0, nullptr),
              connection->diags);
    EXPECT_EQ(value, static_cast<SQLULEN>(SQL_ASYNC_ENABLE_ON));
    Statement after(connection->get());
    ASSERT_OK(SQLGetStmtAttr(after.get(), SQL_ATTR_ASYNC_ENABLE, &value, 0, nullptr),
              after.diags());
    EXPECT_EQ(value, static_cast<SQLULEN>(SQL_ASYNC_ENABLE_ON));
    const std::string sql = "SELECT pg_sleep(0.2), 5";
    int polls = 0;
    SQLRETURN rc = poll([&] { return exec_on(after.get(), sql); }, &polls);
    ASSERT_OK(rc, after.diags());
    EXPECT_GT(polls, 0);
    ASSERT_OK(SQLGetStmtAttr(before.get(), SQL_ATTR_ASYNC_ENABLE, &value, 0, nullptr),
              before.diags());
    EXPECT_EQ(value, static_cast<SQLULEN>(SQL_ASYNC_ENABLE_OFF));
    EXPECT_EQ(exec_on(before.get(), "SELECT 1"), SQL_SUCCESS);
}

TEST_F(AsyncTest, SynchronousAgainOnceTurnedOff) {
    ASSERT_OK(SQLSetStmtAttr(h(), SQL_ATTR_ASYNC_ENABLE,
                             reinterpret_cast<SQLPOINTER>(SQL_ASYNC_ENABLE_OFF), 0),
              stmt->diags());
    EXPECT_EQ(exec("SELECT pg_sleep(0.1), 1"), SQL_SUCCESS);
    EXPECT_EQ(SQLFetch(h()), SQL_SUCCESS);
}

} // namespace
} // namespace pgo_test
