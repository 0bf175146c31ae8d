// SQLCancel from another thread while a call runs: during a fetch that
// waits for rows the server has not produced yet, during a parameter
// array, and during a plain execute, repeatedly. The interrupted call
// returns SQL_ERROR with HY008, quickly; SQLCancel itself succeeds; the
// connection answers the next statement correctly.
// Reference: SQLCancel ("Canceling Functions in Multithread Applications":
// the function running on the statement returns SQL_ERROR and HY008;
// SQLCancel with nothing running on the statement has no effect);
// PostgreSQL "Canceling Requests in Progress".
#include "thread_test.h"

namespace pgo_threads {
namespace {

class CancelTest : public ThreadTest {
protected:
    void SetUp() override {
        ThreadTest::SetUp();
        connection = driver_connect(connection_string());
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
        ASSERT_TRUE(stmt->get() != SQL_NULL_HSTMT);
    }

    // Calls SQLCancel on the statement every interval until stop is set
    // (a cancel that lands between two calls has no effect, so it is
    // repeated until the call under test has ended).
    std::thread cancel_until(std::atomic<bool> &stop, std::chrono::milliseconds first_delay,
                             Failures &failures) {
        SQLHSTMT handle = stmt->get();
        return std::thread([handle, &stop, first_delay, &failures] {
            std::this_thread::sleep_for(first_delay);
            while (!stop.load()) {
                SQLRETURN rc = SQLCancel(handle);
                if (rc != SQL_SUCCESS) {
                    failures.add(std::string("SQLCancel returned ") + rc_name(rc));
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }

    // The connection still answers: a new query on the same statement.
    void expect_usable() {
        SQLFreeStmt(stmt->get(), SQL_CLOSE);
        SQLFreeStmt(stmt->get(), SQL_RESET_PARAMS);
        ASSERT_EQ(SQLSetStmtAttr(stmt->get(), SQL_ATTR_PARAMSET_SIZE,
                                 reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(1)), 0),
                  SQL_SUCCESS);
        SQLRETURN rc = exec_direct(stmt->get(), "SELECT 'still usable'");
        ASSERT_EQ(rc, SQL_SUCCESS) << format_diags(stmt->diags());
        ASSERT_EQ(SQLFetch(stmt->get()), SQL_SUCCESS) << format_diags(stmt->diags());
        std::string value;
        std::string error;
        ASSERT_TRUE(column_text(stmt->get(), 1, &value, &error)) << error;
        EXPECT_EQ(value, "still usable");
        SQLFreeStmt(stmt->get(), SQL_CLOSE);
    }

    std::unique_ptr<Connection> connection;
    std::optional<pgo_test::Statement> stmt;
};

// 300 rows of 1 kB arrive at once; the server then sleeps before the rest,
// so a later SQLFetch waits on the wire while the cancel arrives.
TEST_F(CancelTest, CancelDuringAFetchWaitingForRowsGivesHy008AndTheConnectionLives) {
    SQLRETURN rc = exec_direct(stmt->get(),
                               "SELECT g, repeat('x', 1000) FROM generate_series(1, 600) g "
                               "WHERE g <= 300 OR pg_sleep(CASE WHEN g = 301 THEN 30 ELSE 0 END) "
                               "IS NOT NULL");
    ASSERT_EQ(rc, SQL_SUCCESS) << format_diags(stmt->diags());
    Failures failures;
    std::atomic<bool> stop{false};
    auto start = std::chrono::steady_clock::now();
    std::thread canceller = cancel_until(stop, std::chrono::milliseconds(300), failures);
    int fetched = 0;
    while ((rc = SQLFetch(stmt->get())) == SQL_SUCCESS) {
        ++fetched;
    }
    double seconds = seconds_since(start);
    stop = true;
    canceller.join();
    Diags diags = stmt->diags();
    EXPECT_NO_FAILURES(failures);
    EXPECT_EQ(rc, SQL_ERROR) << format_diags(diags);
    EXPECT_DIAG(diags, "HY008", {});
    // Row 301 comes only after the 30 s sleep: the call that failed was a
    // fetch waiting for it (or for an earlier row, on a slow machine).
    EXPECT_GT(fetched, 0);
    EXPECT_LE(fetched, 300);
    EXPECT_LT(seconds, 10.0);
    expect_usable();
}

// 100 sets, each sleeping 50 ms on the server: the cancel lands inside
// the array. Autocommit makes the array one transaction (stmt_array.c),
// so none of it applies.
TEST_F(CancelTest, CancelDuringAParameterArrayGivesHy008AndTheConnectionLives) {
    ASSERT_EQ(exec_direct(stmt->get(), "CREATE TEMP TABLE pgo_cancel_array (v int4)"),
              SQL_SUCCESS)
        << format_diags(stmt->diags());
    constexpr int kSets = 100;
    SQLINTEGER values[kSets];
    SQLUSMALLINT status[kSets];
    for (int set = 0; set < kSets; ++set) {
        values[set] = set;
        status[set] = 999;
    }
    SQLULEN processed = 0;
    ASSERT_EQ(SQLSetStmtAttr(stmt->get(), SQL_ATTR_PARAMSET_SIZE,
                             reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(kSets)), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt->get(), SQL_ATTR_PARAM_STATUS_PTR, status, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt->get(), SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt->get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                               values, 0, nullptr),
              SQL_SUCCESS);
    Failures failures;
    std::atomic<bool> stop{false};
    auto start = std::chrono::steady_clock::now();
    std::thread canceller = cancel_until(stop, std::chrono::milliseconds(500), failures);
    SQLRETURN rc = exec_direct(stmt->get(),
                               "INSERT INTO pgo_cancel_array SELECT ? FROM pg_sleep(0.05)");
    double seconds = seconds_since(start);
    stop = true;
    canceller.join();
    Diags diags = stmt->diags();
    EXPECT_NO_FAILURES(failures);
    EXPECT_EQ(rc, SQL_ERROR) << format_diags(diags);
    EXPECT_DIAG(diags, "HY008", {});
    EXPECT_LT(seconds, 4.5) << "the array ran to its end (5 s) instead of stopping";
    EXPECT_LE(processed, static_cast<SQLULEN>(kSets));
    expect_usable();
    SQLFreeStmt(stmt->get(), SQL_CLOSE);
    ASSERT_EQ(exec_direct(stmt->get(), "SELECT count(*) FROM pgo_cancel_array"), SQL_SUCCESS)
        << format_diags(stmt->diags());
    ASSERT_EQ(SQLFetch(stmt->get()), SQL_SUCCESS);
    std::string count;
    std::string error;
    ASSERT_TRUE(column_text(stmt->get(), 1, &count, &error)) << error;
    EXPECT_EQ(count, "0") << "an array canceled under autocommit applies nothing";
}

// Ten cancels in a row, each during a sleeping execute, each followed by
// a query that must succeed with its own result: no cancel leaks into
// the next statement.
TEST_F(CancelTest, RepeatedCancelsEachStopTheirOwnCallOnly) {
    for (int attempt = 0; attempt < scaled(10, 3); ++attempt) {
        Failures failures;
        std::atomic<bool> stop{false};
        std::thread canceller = cancel_until(stop, std::chrono::milliseconds(150), failures);
        SQLRETURN rc = exec_direct(stmt->get(), "SELECT pg_sleep(20)");
        stop = true;
        canceller.join();
        Diags diags = stmt->diags();
        EXPECT_NO_FAILURES(failures);
        ASSERT_EQ(rc, SQL_ERROR) << "attempt " << attempt << format_diags(diags);
        ASSERT_DIAG(diags, "HY008", {});
        SQLFreeStmt(stmt->get(), SQL_CLOSE);
        std::string sql = "SELECT " + std::to_string(attempt) + " + 1000";
        ASSERT_EQ(exec_direct(stmt->get(), sql), SQL_SUCCESS)
            << "attempt " << attempt << format_diags(stmt->diags());
        ASSERT_EQ(SQLFetch(stmt->get()), SQL_SUCCESS);
        std::string value;
        std::string error;
        ASSERT_TRUE(column_text(stmt->get(), 1, &value, &error)) << error;
        EXPECT_EQ(value, std::to_string(attempt + 1000));
        SQLFreeStmt(stmt->get(), SQL_CLOSE);
    }
}

// SQLCancel on a statement that waits on nothing has no effect, even
// while another thread reads that statement's diagnostics and attributes
// and a third runs a query on another statement of the same connection:
// PostgreSQL cancels whatever the session runs, so a cancel request sent
// for this statement would stop the other statement's query.
// (It failed before the connection recorded whose exchange the server is
// running: "the statement's lock is held" was taken for "a call on it
// waits on the server", but SQLGetStmtAttr holds that lock too, and the
// CancelRequest landed on the next statement's query.)
TEST_F(CancelTest, CancelOfAnIdleStatementNeverStopsAnotherStatementsQuery) {
    RawStatement idle(connection->get());
    ASSERT_TRUE(idle.get() != SQL_NULL_HSTMT);
    // A diagnostic record to read.
    ASSERT_EQ(exec_direct(idle.get(), "SELECT 1/0"), SQL_ERROR);
    std::atomic<bool> stop{false};
    Failures failures;
    std::thread reader([&] {
        while (!stop.load()) {
            SQLCHAR state[6] = {0};
            SQLINTEGER native = 0;
            SQLCHAR message[256] = {0};
            SQLSMALLINT length = 0;
            SQLRETURN rc = SQLGetDiagRec(SQL_HANDLE_STMT, idle.get(), 1, state, &native, message,
                                         sizeof message, &length);
            // SQLCancel clears the statement's records, like any call but
            // the diagnostic functions.
            bool as_expected =
                rc == SQL_NO_DATA ||
                (rc == SQL_SUCCESS && std::string(reinterpret_cast<char *>(state)) == "22012");
            if (!as_expected) {
                failures.add(std::string("SQLGetDiagRec returned ") + rc_name(rc) + " " +
                             reinterpret_cast<char *>(state));
                return;
            }
            // A statement call that talks to nobody: while it runs, the
            // statement is busy but nothing waits on the server for it.
            SQLULEN rows = 0;
            rc = SQLGetStmtAttr(idle.get(), SQL_ATTR_ROW_ARRAY_SIZE, &rows, 0, nullptr);
            if (rc != SQL_SUCCESS || rows != 1) {
                failures.add(std::string("SQLGetStmtAttr returned ") + rc_name(rc));
                return;
            }
        }
    });
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        while (!stop.load()) {
            SQLRETURN rc = SQLCancel(idle.get());
            if (rc != SQL_SUCCESS) {
                failures.add(std::string("SQLCancel returned ") + rc_name(rc));
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    // Short queries, so that the others' calls run between them.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    int query = 0;
    for (; query < scaled(60, 20) && rc == SQL_SUCCESS; ++query) {
        rc = exec_direct(stmt->get(), "SELECT pg_sleep(0.02), 'not canceled'");
        if (rc != SQL_SUCCESS) {
            diags = stmt->diags();
        }
        SQLFreeStmt(stmt->get(), SQL_CLOSE);
    }
    stop = true;
    reader.join();
    canceller.join();
    EXPECT_EQ(rc, SQL_SUCCESS) << "query " << query << format_diags(diags);
    EXPECT_NO_FAILURES(failures);
}

} // namespace
} // namespace pgo_threads
