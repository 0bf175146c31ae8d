// The cancel request under faults. SQLCancel (from another thread) and the
// query timeout open a second connection to the server for the
// CancelRequest; the proxy refuses it (its listening socket closed),
// resets it, or stalls it before or after the request reached the server,
// plain and over TLS. SQLCancel returns within its bound; the query either
// ends with HY008 (the request got through) or runs to its end; never a
// hang. With SQL_ATTR_QUERY_TIMEOUT and a stalled session, a cancel
// connection that stalls too still ends the call with HYT00 within the
// limit + 1 s.
#include "fault_test.h"

#include <atomic>

namespace pgo_faults {
namespace {

constexpr double kCancelBoundSeconds = 1.0;

class CancelFaultTest : public FaultTest {
protected:
    std::unique_ptr<Connection> connection;
    SQLHSTMT stmt = SQL_NULL_HSTMT;

    void open(const std::string &extra = "") {
        connection = connect_with(proxied("pgo_trust", extra));
        ASSERT_CONNECTED(connection);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &stmt), SQL_SUCCESS);
        // The session is the proxy's only connection so far.
        ASSERT_EQ(proxy->accepted_count(), 1);
    }
    void TearDown() override {
        connection.reset();
        FaultTest::TearDown();
    }
    Diags stmt_diags() const { return collect_diags(SQL_HANDLE_STMT, stmt); }

    struct Outcome {
        Timed query;
        Timed cancel;
        Diags diags;
    };

    // Runs sql on stmt in a thread; after delay_ms, prepare() then one
    // SQLCancel from this thread, timed.
    Outcome run_and_cancel(const std::string &sql, int delay_ms,
                           const std::function<void()> &prepare = {}) {
        Outcome outcome;
        std::atomic<bool> started{false};
        std::thread runner([&] {
            started.store(true);
            auto start = std::chrono::steady_clock::now();
            outcome.query.rc = exec(stmt, sql);
            outcome.query.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            outcome.diags = stmt_diags();
        });
        while (!started.load()) {
            std::this_thread::yield();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        if (prepare) {
            prepare();
        }
        {
            Watchdog dog(*proxy, std::chrono::seconds(20));
            auto start = std::chrono::steady_clock::now();
            outcome.cancel.rc = SQLCancel(stmt);
            outcome.cancel.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            outcome.cancel.hung = dog.fired();
        }
        Watchdog dog(*proxy, std::chrono::seconds(20));
        runner.join();
        outcome.query.hung = dog.fired();
        return outcome;
    }

    // The query ran to its end (the cancel never reached the server).
    static void expect_ran_to_end(const Outcome &outcome) {
        EXPECT_FALSE(outcome.query.hung);
        EXPECT_EQ(outcome.query.rc, SQL_SUCCESS) << format_diags(outcome.diags);
    }
    // The query ended with HY008 well before its end.
    static void expect_canceled(const Outcome &outcome, double before_seconds) {
        EXPECT_FALSE(outcome.query.hung);
        EXPECT_EQ(outcome.query.rc, SQL_ERROR);
        EXPECT_DIAG(outcome.diags, "HY008", {});
        EXPECT_LT(outcome.query.seconds, before_seconds);
    }
    void expect_still_usable() {
        EXPECT_EQ(SQLFreeStmt(stmt, SQL_CLOSE), SQL_SUCCESS);
        EXPECT_EQ(connection_dead(connection->get()), static_cast<SQLUINTEGER>(SQL_CD_FALSE));
        EXPECT_EQ(scalar(*connection, "SELECT 'alive'"), "alive");
    }
};

const std::string kSleep = "SELECT pg_sleep(2)";

TEST_F(CancelFaultTest, CancelWithoutAFaultEndsTheQueryWithHy008) {
    open();
    Outcome outcome = run_and_cancel(kSleep, 300);
    EXPECT_EQ(outcome.cancel.rc, SQL_SUCCESS);
    EXPECT_LT(outcome.cancel.seconds, kCancelBoundSeconds);
    expect_canceled(outcome, 1.5);
    EXPECT_EQ(proxy->accepted_count(), 2); // the session and the cancel
    expect_still_usable();
}

TEST_F(CancelFaultTest, CancelConnectionRefusedReturnsAtOnceAndTheQueryRunsToItsEnd) {
    open();
    Outcome outcome = run_and_cancel(kSleep, 300, [&] { proxy->stop_listening(); });
    EXPECT_FALSE(outcome.cancel.hung);
    EXPECT_EQ(outcome.cancel.rc, SQL_ERROR) << rc_name(outcome.cancel.rc);
    EXPECT_LT(outcome.cancel.seconds, kCancelBoundSeconds);
    expect_ran_to_end(outcome);
    EXPECT_EQ(proxy->accepted_count(), 1);
    expect_still_usable();
}

TEST_F(CancelFaultTest, CancelConnectionResetBeforeTheRequestLetsTheQueryRunToItsEnd) {
    open();
    Fault fault;
    fault.action = Action::kReset;
    fault.direction = Direction::kToServer;
    fault.message_number = 1; // the CancelRequest, before its first byte
    proxy->arm_next_connection(fault);
    Outcome outcome = run_and_cancel(kSleep, 300);
    EXPECT_FALSE(outcome.cancel.hung);
    EXPECT_LT(outcome.cancel.seconds, kCancelBoundSeconds);
    expect_ran_to_end(outcome);
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_still_usable();
}

TEST_F(CancelFaultTest, CancelConnectionStalledBeforeTheRequestReturnsInBoundAndTheQueryRunsOn) {
    open();
    Fault fault;
    fault.action = Action::kStall;
    fault.direction = Direction::kToServer;
    fault.message_number = 1;
    proxy->arm_next_connection(fault);
    Outcome outcome = run_and_cancel(kSleep, 300);
    EXPECT_FALSE(outcome.cancel.hung);
    EXPECT_EQ(outcome.cancel.rc, SQL_SUCCESS); // delivered as far as it can tell
    EXPECT_LT(outcome.cancel.seconds, kCancelBoundSeconds);
    expect_ran_to_end(outcome);
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_still_usable();
}

TEST_F(CancelFaultTest, CancelConnectionStalledAfterTheRequestStillCancels) {
    // The request reaches the server; the server's close of the cancel
    // connection never reaches the driver.
    open();
    Fault fault;
    fault.action = Action::kStall;
    fault.direction = Direction::kToClient;
    fault.after_bytes = 0;
    proxy->arm_next_connection(fault);
    Outcome outcome = run_and_cancel(kSleep, 300);
    EXPECT_FALSE(outcome.cancel.hung);
    EXPECT_EQ(outcome.cancel.rc, SQL_SUCCESS);
    EXPECT_LT(outcome.cancel.seconds, kCancelBoundSeconds);
    expect_canceled(outcome, 1.5);
    expect_still_usable();
}

TEST_F(CancelFaultTest, TlsCancelConnectionStalledInItsHandshakeReturnsWithinTimeout) {
    // Over TLS the cancel connection starts with an SSLRequest whose answer
    // never comes: SQLCancel gives up after the session's Timeout (1 s
    // here; 10 s without one), and the query runs to its end.
    open("SSLMode=require;Timeout=1;");
    Fault fault;
    fault.action = Action::kStall;
    fault.direction = Direction::kToClient;
    fault.after_bytes = 0;
    proxy->arm_next_connection(fault);
    Outcome outcome = run_and_cancel("SELECT pg_sleep(0.9)", 300);
    EXPECT_FALSE(outcome.cancel.hung);
    EXPECT_EQ(outcome.cancel.rc, SQL_ERROR) << rc_name(outcome.cancel.rc);
    EXPECT_GE(outcome.cancel.seconds, 0.9);
    EXPECT_LT(outcome.cancel.seconds, 1.0 + 0.5);
    expect_ran_to_end(outcome);
    expect_still_usable();
}

TEST_F(CancelFaultTest, TlsQueryTimeoutWithAStalledCancelHandshakeEndsWithHyt00InTime) {
    // The session stalls and so does the TLS handshake of the cancel
    // connection the query timeout opens: HYT00 within the limit + 1 s.
    open("SSLMode=require;");
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    Fault session;
    session.action = Action::kStall;
    session.direction = Direction::kToClient;
    session.after_bytes = 0;
    proxy->arm_latest(session);
    Fault cancel = session;
    proxy->arm_next_connection(cancel);
    Timed timed = run_timed([&] { return exec(stmt, "SELECT 1"); }, 15.0);
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR);
    EXPECT_EQ(count_state(stmt_diags(), "HYT00"), 1) << format_diags(stmt_diags());
    EXPECT_LT(timed.seconds, 2.0);
    EXPECT_EQ(proxy->accepted_count(), 2);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CancelFaultTest, QueryTimeoutWithTheCancelConnectionRefusedEndsInTimeAndGivesUp) {
    open();
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    Fault session;
    session.action = Action::kStall;
    session.direction = Direction::kToClient;
    session.after_bytes = 0;
    proxy->arm_latest(session);
    proxy->stop_listening();
    Timed timed = run_timed([&] { return exec(stmt, "SELECT 1"); }, 15.0);
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR);
    Diags diags = stmt_diags();
    EXPECT_TRUE(count_state(diags, "HYT00") == 1 || count_state(diags, "08S01") == 1)
        << format_diags(diags);
    EXPECT_LT(timed.seconds, 2.0);
    expect_dead_then_freed(*connection, stmt);
}

} // namespace
} // namespace pgo_faults
