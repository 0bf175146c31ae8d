// The connection under stress, through the driver manager: SQLCancel from
// another thread (HY008), the query timeout (HYT00, connection still
// usable), a backend killed mid-fetch (08S01, then at once on every call,
// every handle still freeable), and streaming memory that does not grow
// with the result.
#include "fetch/fetch_test.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

namespace pgo_test {
namespace {

class FetchSessionTest : public FetchTest {};

long resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0;
    long pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return pages_resident * sysconf(_SC_PAGESIZE);
}

TEST_F(FetchSessionTest, CancelFromAnotherThreadInterruptsTheQuery) {
    std::atomic<bool> done{false};
    SQLRETURN cancel_rc = SQL_ERROR;
    SQLHSTMT handle = h();
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        cancel_rc = SQLCancel(handle);
        done = true;
    });
    auto start = std::chrono::steady_clock::now();
    SQLRETURN rc = exec("SELECT pg_sleep(30)");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    canceller.join();
    EXPECT_EQ(cancel_rc, SQL_SUCCESS);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY008", {});
    EXPECT_LT(seconds, 10.0);
    ASSERT_OK(exec("SELECT 'usable'"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "usable");
}

TEST_F(FetchSessionTest, CancelWithNothingRunningSucceeds) {
    EXPECT_EQ(SQLCancel(h()), SQL_SUCCESS);
    ASSERT_OK(exec("SELECT 1"), stmt->diags());
}

TEST_F(FetchSessionTest, QueryTimeoutIsHyt00AndTheConnectionLives) {
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0),
              SQL_SUCCESS);
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(exec("SELECT pg_sleep(20)"), SQL_ERROR);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_DIAG(stmt->diags(), "HYT00", {});
    EXPECT_LT(seconds, 10.0);
    ASSERT_OK(exec("SELECT 'alive'"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "alive");
}

TEST_F(FetchSessionTest, KilledBackendMidFetchIs08S01AndHandlesStayFreeable) {
    ASSERT_OK(exec("SELECT pg_backend_pid()"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    std::string pid = text_of(1);
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);

    SQLHSTMT extra = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &extra), SQL_SUCCESS);
    ASSERT_OK(exec("SELECT g, repeat('x', 100) FROM generate_series(1, 5000000) g"),
              stmt->diags());
    for (int i = 0; i < 10; ++i) {
        ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    }
    auto admin = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(admin);
    QueryResult killed = run_query(admin->get(), "SELECT pg_terminate_backend(" + pid + ")");
    ASSERT_EQ(killed.rc, SQL_SUCCESS) << format_diags(killed.diags);

    SQLRETURN rc = SQL_SUCCESS;
    long fetched = 0;
    auto start = std::chrono::steady_clock::now();
    while ((rc = SQLFetch(h())) == SQL_SUCCESS && fetched < 6000000) {
        ++fetched;
    }
    EXPECT_EQ(rc, SQL_ERROR);
    Diags diags = stmt->diags();
    EXPECT_TRUE(has_diag(diags, "08S01") || has_diag(diags, "57P01")) << format_diags(diags);
    // From now on every call answers 08S01 at once.
    auto again = std::chrono::steady_clock::now();
    EXPECT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    EXPECT_EQ(exec("SELECT 1"), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "08S01", {});
    EXPECT_EQ(exec_on(extra, "SELECT 1"), SQL_ERROR);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - again).count(),
              1.0);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              30.0);
    SQLUINTEGER dead = SQL_CD_FALSE;
    ASSERT_EQ(SQLGetConnectAttr(connection->get(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_TRUE));
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, extra), SQL_SUCCESS);
    stmt.reset();
    EXPECT_TRUE(succeeded(SQLDisconnect(connection->get())));
    connection->connected = false;
}

TEST_F(FetchSessionTest, StreamingTwoMillionRowsKeepsMemoryFlat) {
    const size_t size = 500;
    std::vector<SQLINTEGER> numbers(size);
    std::vector<SQLLEN> indicators(size);
    SQLULEN fetched = 0;
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(size), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_SUCCESS);
    long before = resident_bytes();
    ASSERT_OK(exec("SELECT g FROM generate_series(1, 2000000) g"), stmt->diags());
    ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SLONG, numbers.data(), 0, indicators.data()), SQL_SUCCESS);
    long long sum = 0;
    long peak = before;
    long batches = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
        for (size_t i = 0; i < fetched; ++i) {
            sum += numbers[i];
        }
        if (++batches % 200 == 0) {
            peak = std::max(peak, resident_bytes());
        }
    }
    peak = std::max(peak, resident_bytes());
    EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt->diags());
    EXPECT_EQ(sum, 2000000LL * 2000001 / 2);
    EXPECT_LT(peak - before, 20L * 1024 * 1024) << "RSS grew from " << before << " to " << peak;
}

TEST_F(FetchSessionTest, StreamingRowByRowWithGetData) {
    ASSERT_OK(exec("SELECT g, 'row ' || g FROM generate_series(1, 20000) g"), stmt->diags());
    long count = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
        ++count;
        if (count % 5000 == 0) {
            EXPECT_EQ(text_of(2), "row " + std::to_string(count));
            EXPECT_EQ(text_of(1), std::to_string(count));
        }
    }
    EXPECT_EQ(rc, SQL_NO_DATA);
    EXPECT_EQ(count, 20000);
}

} // namespace
} // namespace pgo_test
