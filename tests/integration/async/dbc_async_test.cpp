// Asynchronous connection functions, polling method, through the driver
// manager: with SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE on, SQLEndTran,
// SQLSetConnectAttr(SQL_ATTR_AUTOCOMMIT) and SQLDisconnect return
// SQL_STILL_EXECUTING while the server works; calling the function again
// polls; SQLCancelHandle on the connection stops a COMMIT that waits.
// Connecting stays synchronous (unixODBC frees the driver's handles when a
// connect answers SQL_STILL_EXECUTING: dbc_async.h).
// The slow COMMIT: a deferred constraint trigger that sleeps 0.3 s and
// then takes an advisory lock, which a watcher may hold.
#include <unistd.h>

#include <chrono>
#include <thread>

#include "odbc_test.h"

namespace pgo_test {
namespace {

class DbcAsyncTest : public OdbcTest {
protected:
    std::unique_ptr<Connection> connection;
    std::unique_ptr<Connection> watcher;
    std::string table;
    std::string function;
    std::string lock_key;

    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        table = "pgo_dbc_async_" + std::to_string(getpid());
        function = table + "_wait";
        lock_key = std::to_string(800000 + getpid());
        watcher = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(watcher);
        run(*watcher, "DROP TABLE IF EXISTS " + table);
        run(*watcher, "CREATE OR REPLACE FUNCTION " + function +
                          "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                          "PERFORM pg_sleep(0.3); PERFORM pg_advisory_xact_lock(" +
                          lock_key + "); RETURN NULL; END $$");
        run(*watcher, "CREATE TABLE " + table + " (n int)");
        run(*watcher, "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON " + table +
                          " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " +
                          function + "()");
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
        ASSERT_TRUE(succeeded(SQLSetConnectAttr(
            connection->get(), SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE,
            reinterpret_cast<SQLPOINTER>(SQL_ASYNC_DBC_ENABLE_ON), SQL_IS_UINTEGER)))
            << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    }

    void TearDown() override {
        if (connection) {
            finish_disconnect(*connection);
        }
        connection.reset();
        if (watcher && watcher->connected) {
            run(*watcher, "DROP TABLE IF EXISTS " + table);
            run(*watcher, "DROP FUNCTION IF EXISTS " + function + "()");
        }
    }

    void run(const Connection &on, const std::string &sql) {
        QueryResult result = run_query(on.get(), sql);
        EXPECT_EQ(result.rc, SQL_SUCCESS) << sql << ": " << result.failed_call << " returned "
                                          << rc_name(result.rc) << format_diags(result.diags);
    }

    // With the attribute on, SQLDisconnect runs in the background: poll it
    // to its end, so that no disconnect is still running when the handles
    // are freed and the driver manager unloads the driver.
    void finish_disconnect(Connection &on) {
        if (!on.connected) {
            return;
        }
        int polls = 0;
        // A test may leave a transaction open (autocommit off): end it, or
        // SQLDisconnect answers 25000.
        (void)poll([&] { return SQLEndTran(SQL_HANDLE_DBC, on.get(), SQL_ROLLBACK); }, &polls);
        SQLRETURN rc = poll([&] { return SQLDisconnect(on.get()); }, &polls);
        EXPECT_TRUE(succeeded(rc)) << rc_name(rc)
                                   << format_diags(collect_diags(SQL_HANDLE_DBC, on.get()));
        on.connected = false;
    }

    // Calls call until it stops answering SQL_STILL_EXECUTING; counts the
    // polls that said so.
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

    SQLRETURN set_autocommit(SQLULEN value, int *polls) {
        return poll(
            [&] {
                return SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                         reinterpret_cast<SQLPOINTER>(value), 0);
            },
            polls);
    }

    SQLRETURN end_tran(SQLSMALLINT completion, int *polls) {
        return poll([&] { return SQLEndTran(SQL_HANDLE_DBC, connection->get(), completion); },
                    polls);
    }

    // Autocommit off and a row inserted: the COMMIT will run the trigger.
    void open_transaction_with_a_row() {
        int polls = 0;
        ASSERT_TRUE(succeeded(set_autocommit(SQL_AUTOCOMMIT_OFF, &polls)))
            << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
        run(*connection, "INSERT INTO " + table + " VALUES (1)");
    }

    std::string committed_rows() {
        return scalar(*watcher, "SELECT count(*) FROM " + table).value_or("?");
    }
};

TEST_F(DbcAsyncTest, AttributeReadsBackOnAndInfoSaysCapable) {
    SQLUINTEGER value = 0;
    ASSERT_TRUE(succeeded(SQLGetConnectAttr(connection->get(), SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE,
                                            &value, 0, nullptr)));
    EXPECT_EQ(value, static_cast<SQLUINTEGER>(SQL_ASYNC_DBC_ENABLE_ON));
    SQLUINTEGER capable = 0;
    ASSERT_TRUE(succeeded(SQLGetInfo(connection->get(), SQL_ASYNC_DBC_FUNCTIONS, &capable,
                                     sizeof capable, nullptr)));
    EXPECT_EQ(capable, static_cast<SQLUINTEGER>(SQL_ASYNC_DBC_CAPABLE));
    EXPECT_EQ(SQLSetConnectAttr(connection->get(), SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE,
                                reinterpret_cast<SQLPOINTER>(7), SQL_IS_UINTEGER),
              SQL_ERROR);
    EXPECT_DIAG(collect_diags(SQL_HANDLE_DBC, connection->get()), "HY024", {});
}

TEST_F(DbcAsyncTest, EndTranReturnsStillExecutingWhileTheCommitWorks) {
    open_transaction_with_a_row();
    int polls = 0;
    auto started = std::chrono::steady_clock::now();
    SQLRETURN rc = end_tran(SQL_COMMIT, &polls);
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(succeeded(rc)) << rc_name(rc)
                               << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_GE(polls, 5) << "each poll returned at once while the trigger slept 0.3 s";
    EXPECT_GE(elapsed, std::chrono::milliseconds(250));
    EXPECT_EQ(committed_rows(), "1");
    // The connection goes on: a rollback with nothing open is immediate.
    rc = end_tran(SQL_ROLLBACK, &polls);
    EXPECT_TRUE(succeeded(rc)) << rc_name(rc);
}

TEST_F(DbcAsyncTest, SettingAutocommitOnCommitsInTheBackground) {
    open_transaction_with_a_row();
    int polls = 0;
    SQLRETURN rc = set_autocommit(SQL_AUTOCOMMIT_ON, &polls);
    ASSERT_TRUE(succeeded(rc)) << rc_name(rc)
                               << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_GE(polls, 5);
    EXPECT_EQ(committed_rows(), "1");
    SQLUINTEGER autocommit = 0;
    ASSERT_TRUE(succeeded(
        SQLGetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT, &autocommit, 0, nullptr)));
    EXPECT_EQ(autocommit, static_cast<SQLUINTEGER>(SQL_AUTOCOMMIT_ON));
}

TEST_F(DbcAsyncTest, CancelHandleStopsACommitWaitingForALock) {
    run(*watcher, "SELECT pg_advisory_lock(" + lock_key + ")");
    open_transaction_with_a_row();
    std::string pid = scalar(*connection, "SELECT pg_backend_pid()").value_or("?");
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT), SQL_STILL_EXECUTING);
    // Cancel once the server shows the COMMIT waiting for the lock (a cancel
    // before it was sent would have nothing to stop).
    bool is_waiting = false;
    for (int tries = 0; tries < 100 && !is_waiting; ++tries) {
        is_waiting = scalar(*watcher, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid +
                                          " AND wait_event_type = 'Lock'") ==
                     std::optional<std::string>("1");
        if (!is_waiting) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ASSERT_TRUE(is_waiting) << "the COMMIT never waited for the lock";
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT), SQL_STILL_EXECUTING);
    EXPECT_TRUE(succeeded(SQLCancelHandle(SQL_HANDLE_DBC, connection->get())));
    int polls = 0;
    SQLRETURN rc = end_tran(SQL_COMMIT, &polls);
    EXPECT_EQ(rc, SQL_ERROR);
    Diags diags = collect_diags(SQL_HANDLE_DBC, connection->get());
    EXPECT_DIAG(diags, "HY008", {});
    EXPECT_DIAG(diags, "57014", {});
    run(*watcher, "SELECT pg_advisory_unlock(" + lock_key + ")");
    EXPECT_EQ(committed_rows(), "0");
    // The failed COMMIT ended the transaction: the connection works on.
    EXPECT_EQ(scalar(*connection, "SELECT 'after the cancel'"), "after the cancel");
}

TEST_F(DbcAsyncTest, CancelHandleWithNothingRunningHasNoEffect) {
    EXPECT_EQ(SQLCancelHandle(SQL_HANDLE_DBC, connection->get()), SQL_SUCCESS);
    EXPECT_EQ(scalar(*connection, "SELECT 'untouched'"), "untouched");
}

TEST_F(DbcAsyncTest, DisconnectCompletesThroughPollingAndTheHandleIsFreed) {
    int polls = 0;
    SQLRETURN rc = poll([&] { return SQLDisconnect(connection->get()); }, &polls);
    ASSERT_TRUE(succeeded(rc)) << rc_name(rc)
                               << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    connection->connected = false;
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, connection->get()), SQL_SUCCESS);
    // The wrapper's own free of the handle now finds it gone (the driver
    // manager answers SQL_INVALID_HANDLE); the wrapper itself is freed.
    delete connection.release();
}

TEST_F(DbcAsyncTest, ConnectWithTheAttributeOnCompletesWithoutPolling) {
    Connection other(env->get());
    ASSERT_TRUE(succeeded(SQLSetConnectAttr(other.get(), SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE,
                                            reinterpret_cast<SQLPOINTER>(SQL_ASYNC_DBC_ENABLE_ON),
                                            SQL_IS_UINTEGER)));
    std::string text = tcp_string("pgo_trust");
    SQLRETURN rc = SQLDriverConnect(other.get(), nullptr,
                                    reinterpret_cast<SQLCHAR *>(text.data()), SQL_NTS, nullptr, 0,
                                    nullptr, SQL_DRIVER_NOPROMPT);
    EXPECT_TRUE(succeeded(rc)) << rc_name(rc)
                               << format_diags(collect_diags(SQL_HANDLE_DBC, other.get()));
    other.connected = succeeded(rc);
    EXPECT_EQ(scalar(other, "SELECT 'connected'"), "connected");
    finish_disconnect(other);
}

} // namespace
} // namespace pgo_test
