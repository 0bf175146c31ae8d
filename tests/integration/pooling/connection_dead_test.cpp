// SQL_ATTR_CONNECTION_DEAD, the question a pool asks before it hands a
// connection out again: the answer comes from what the server already
// sent (no round trip, no wait), so a session the server ended while the
// connection sat idle reads as dead before any query fails, and a
// notification or notice waiting on an idle connection does not.
#include <chrono>
#include <thread>

#include "odbc_test.h"

namespace pgo_test {
namespace {

class ConnectionDeadTest : public OdbcTest {
protected:
    SQLUINTEGER dead_attribute(const Connection &connection, SQLRETURN *rc_out = nullptr) {
        SQLUINTEGER value = 0xFFFF;
        SQLRETURN rc = SQLGetConnectAttr(connection.get(), SQL_ATTR_CONNECTION_DEAD, &value, 0,
                                         nullptr);
        if (rc_out != nullptr) {
            *rc_out = rc;
        }
        EXPECT_TRUE(succeeded(rc)) << rc_name(rc)
                                   << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
        return value;
    }

    void run(const Connection &connection, const std::string &sql) {
        QueryResult result = run_query(connection.get(), sql);
        EXPECT_EQ(result.rc, SQL_SUCCESS) << sql << ": " << result.failed_call << " returned "
                                          << rc_name(result.rc) << format_diags(result.diags);
    }

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

TEST_F(ConnectionDeadTest, AnswersTrueOnceTheServerEndedAnIdleSessionBeforeAnyQueryFails) {
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    auto watcher = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(watcher);
    std::string pid = scalar(*connection, "SELECT pg_backend_pid()").value_or("?");
    EXPECT_EQ(dead_attribute(*connection), SQL_CD_FALSE);

    EXPECT_EQ(scalar(*watcher, "SELECT pg_terminate_backend(" + pid + ")"), "1");
    wait_until_gone(*watcher, pid);
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(dead_attribute(*connection), SQL_CD_TRUE);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500));

    // It stays dead, and the next query says why without reaching out.
    EXPECT_EQ(dead_attribute(*connection), SQL_CD_TRUE);
    QueryResult result = run_query(connection->get(), "SELECT 1");
    EXPECT_EQ(result.rc, SQL_ERROR);
    EXPECT_DIAG(result.diags, "08S01", {});
}

TEST_F(ConnectionDeadTest, AnswersFalseForALiveSessionWithANotificationWaiting) {
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    auto watcher = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(watcher);
    run(*connection, "LISTEN pgo_dead_channel");
    run(*watcher, "NOTIFY pgo_dead_channel, 'hello'");
    // Let the notification reach the idle connection's socket.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(dead_attribute(*connection), SQL_CD_FALSE);
    EXPECT_EQ(scalar(*connection, "SELECT 'still here'"), "still here");
    EXPECT_EQ(dead_attribute(*connection), SQL_CD_FALSE);
}

TEST_F(ConnectionDeadTest, AnswersFalseWhileAResultIsStillStreamingAndLeavesItsRows) {
    auto connection = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(connection);
    Statement stmt(connection->get());
    std::string sql = "SELECT generate_series(1, 200000)";
    ASSERT_TRUE(succeeded(SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR *>(sql.data()),
                                        SQL_NTS)))
        << format_diags(stmt.diags());
    ASSERT_TRUE(succeeded(SQLFetch(stmt.get()))) << format_diags(stmt.diags());
    // Rows are arriving: the probe must leave them to the cursor.
    EXPECT_EQ(dead_attribute(*connection), SQL_CD_FALSE);
    SQLLEN rows = 1;
    while (succeeded(SQLFetch(stmt.get()))) {
        ++rows;
    }
    EXPECT_EQ(rows, 200000);
}

} // namespace
} // namespace pgo_test
