// Faults the server itself makes. pg_terminate_backend of the driver's
// session (harness server, through the pass-through proxy so that a hang
// is cut by the watchdog) in the middle of the fetch of a large streamed
// result, during a parameter array, and inside an open transaction before
// COMMIT (idle: statement_faults_test.cpp). A server of the test's own
// (own_server.h) stopped with `pg_ctl stop -m immediate` while its
// connections are idle, streaming, and inside a transaction, then started
// again; and a connect while that server is still in recovery.
// For each: the call answers the server's 57P01/57P02 and/or 08S01 (08S01
// at most once), never success; SQL_ATTR_CONNECTION_DEAD says SQL_CD_TRUE;
// every handle frees; a new connect works once the server is back; a
// connect the server refuses while it starts answers its 57P03 (the
// server's SQLSTATE passes through, as 28P01 does) with its message; one
// that finds no server, 08001.
#include "fault_test.h"
#include "own_server.h"

#include <atomic>
#include <set>

namespace pgo_faults {
namespace {

constexpr double kBoundSeconds = 1.0;

// The call failed because the server ended the session: its FATAL
// (57P01 admin shutdown, 57P02 crash shutdown; an immediate shutdown's
// WARNING comes as a 01000 notice) and/or the lost link (08S01; 08007 for
// a COMMIT), nothing else, and 08S01 at most once.
void expect_session_ended(SQLRETURN rc, const Diags &diags,
                          const std::set<std::string> &allowed = {"08S01", "57P01",
                                                                  "57P02"}) {
    EXPECT_EQ(rc, SQL_ERROR) << rc_name(rc) << format_diags(diags);
    EXPECT_FALSE(diags.empty());
    int errors = 0;
    for (const auto &diag : diags) {
        if (diag.state == "01000") {
            continue; // the server's WARNING before it closed
        }
        ++errors;
        EXPECT_TRUE(allowed.count(diag.state) == 1) << "unexpected " << format_diags(diags);
    }
    EXPECT_GE(errors, 1) << format_diags(diags);
    EXPECT_LE(count_state(diags, "08S01"), 1) << format_diags(diags);
}

class TerminateTest : public FaultTest {
protected:
    std::unique_ptr<Connection> connection;
    std::unique_ptr<Connection> killer;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    std::string pid;

    void SetUp() override {
        FaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = connect_with(proxied("pgo_trust"));
        ASSERT_CONNECTED(connection);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &stmt), SQL_SUCCESS);
        pid = scalar(*connection, "SELECT pg_backend_pid()").value_or("0");
        killer = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(killer);
    }
    void TearDown() override {
        connection.reset();
        killer.reset();
        FaultTest::TearDown();
    }
    void terminate() {
        EXPECT_EQ(scalar(*killer, "SELECT pg_terminate_backend(" + pid + ")::text"), "true");
    }
    Diags stmt_diags() const { return collect_diags(SQL_HANDLE_STMT, stmt); }
};

TEST_F(TerminateTest, TerminatedMidStreamFetchEndsTheFetchWith57P01Or08S01) {
    // Rows of 200 bytes: the server is blocked writing long before the
    // end, so the session dies with most of the result unsent.
    constexpr int kRows = 200000;
    ASSERT_TRUE(succeeded(exec(stmt, "SELECT g, repeat('x', 200) FROM generate_series(1, " +
                                         std::to_string(kRows) + ") AS g")))
        << format_diags(stmt_diags());
    int rows = 0;
    for (; rows < 100; ++rows) {
        ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << format_diags(stmt_diags());
    }
    terminate();
    Watchdog dog(*proxy, std::chrono::seconds(15));
    SQLRETURN rc = SQL_SUCCESS;
    double last_seconds = 0.0;
    while (rc == SQL_SUCCESS) {
        auto start = std::chrono::steady_clock::now();
        rc = SQLFetch(stmt);
        last_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (rc != SQL_SUCCESS) {
            break;
        }
        SQLINTEGER value = 0;
        SQLLEN indicator = 0;
        ASSERT_EQ(SQLGetData(stmt, 1, SQL_C_SLONG, &value, 0, &indicator), SQL_SUCCESS);
        ASSERT_EQ(value, rows + 1); // every row read is the right one
        ++rows;
    }
    EXPECT_FALSE(dog.fired()) << "SQLFetch hung";
    EXPECT_LT(rows, kRows);
    expect_session_ended(rc, stmt_diags());
    EXPECT_LT(last_seconds, kBoundSeconds);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(TerminateTest, TerminatedDuringAParameterArrayFailsItAndAppliesNoSet) {
    const std::string table = "faults_terminate_array";
    ASSERT_EQ(pgo_test::run_query(killer->get(), "DROP TABLE IF EXISTS " + table).rc,
              SQL_SUCCESS);
    ASSERT_EQ(pgo_test::run_query(killer->get(), "CREATE TABLE " + table + " (id int)").rc,
              SQL_SUCCESS);
    // 400 sets of 10 ms each: about 4 s, terminated after 0.5 s.
    constexpr SQLULEN kSets = 400;
    std::vector<SQLINTEGER> ids(kSets);
    std::vector<SQLLEN> lengths(kSets, 0);
    std::vector<SQLUSMALLINT> statuses(kSets, 0xffff);
    for (SQLULEN i = 0; i < kSets; ++i) {
        ids[i] = static_cast<SQLINTEGER>(i + 1);
    }
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(kSets), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_STATUS_PTR, statuses.data(), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                               ids.data(), 0, lengths.data()),
              SQL_SUCCESS);
    std::thread terminator([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        terminate();
    });
    Timed timed = run_timed(
        [&] {
            return exec(stmt, "INSERT INTO " + table +
                                  " SELECT CAST(? AS integer) FROM pg_sleep(0.01)");
        },
        15.0);
    terminator.join();
    EXPECT_FALSE(timed.hung);
    expect_session_ended(timed.rc, stmt_diags());
    EXPECT_LT(timed.seconds, 0.5 + kBoundSeconds + 0.5);
    // No set reports success: the sets ran in one transaction the
    // termination rolled back.
    for (SQLULEN i = 0; i < kSets; ++i) {
        EXPECT_NE(statuses[i], SQL_PARAM_SUCCESS) << "set " << i;
        if (statuses[i] == SQL_PARAM_SUCCESS) {
            break;
        }
    }
    expect_dead_then_freed(*connection, stmt);
    EXPECT_EQ(scalar(*killer, "SELECT count(*) FROM " + table), "0");
    (void)pgo_test::run_query(killer->get(), "DROP TABLE " + table);
}

TEST_F(TerminateTest, TerminatedInsideATransactionFailsTheCommitAndLosesItsWork) {
    const std::string table = "faults_terminate_commit";
    ASSERT_EQ(pgo_test::run_query(killer->get(), "DROP TABLE IF EXISTS " + table).rc,
              SQL_SUCCESS);
    ASSERT_EQ(pgo_test::run_query(killer->get(), "CREATE TABLE " + table + " (id int)").rc,
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
              SQL_SUCCESS);
    ASSERT_TRUE(succeeded(exec(stmt, "INSERT INTO " + table + " VALUES (1)")))
        << format_diags(stmt_diags());
    terminate();
    // The server has ended the session (and rolled the transaction back)
    // before the COMMIT is sent.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    Timed timed = run_timed([&] { return SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT); });
    EXPECT_FALSE(timed.hung);
    expect_session_ended(timed.rc, collect_diags(SQL_HANDLE_DBC, connection->get()),
                         {"08S01", "08007", "57P01"});
    EXPECT_LT(timed.seconds, kBoundSeconds);
    expect_dead_then_freed(*connection, stmt);
    EXPECT_EQ(scalar(*killer, "SELECT count(*) FROM " + table), "0");
    (void)pgo_test::run_query(killer->get(), "DROP TABLE " + table);
}

// ---- A server of the test's own: immediate stop, restart, startup ------

class ServerStopTest : public FaultTest {
protected:
    std::unique_ptr<OwnServer> server;

    void SetUp() override {
        FaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        server = std::make_unique<OwnServer>(harness["PGO_PG_BIN"]);
        std::string problem = server->create();
        ASSERT_EQ(problem, "");
        ASSERT_TRUE(server->start());
        ASSERT_TRUE(server->wait_for(0)) << "see " << server->folder() << "/server.log";
        ASSERT_TRUE(server->psql("CREATE TABLE t (id int)"));
    }
    void TearDown() override {
        server.reset();
        FaultTest::TearDown();
    }
};

TEST_F(ServerStopTest, ImmediateStopFailsEachConnectionOnceThenAReconnectWorksAfterRestart) {
    // Three connections: one idle, one in the middle of a streamed
    // result, one inside a transaction.
    auto idle = connect_with(server->connection_string());
    ASSERT_CONNECTED(idle);
    auto streaming = connect_with(server->connection_string());
    ASSERT_CONNECTED(streaming);
    auto in_transaction = connect_with(server->connection_string());
    ASSERT_CONNECTED(in_transaction);

    SQLHSTMT stream_stmt = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, streaming->get(), &stream_stmt), SQL_SUCCESS);
    ASSERT_TRUE(succeeded(
        exec(stream_stmt, "SELECT g, repeat('x', 200) FROM generate_series(1, 200000) AS g")));
    for (int i = 0; i < 10; ++i) {
        ASSERT_EQ(SQLFetch(stream_stmt), SQL_SUCCESS);
    }
    SQLHSTMT tx_stmt = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, in_transaction->get(), &tx_stmt), SQL_SUCCESS);
    ASSERT_EQ(SQLSetConnectAttr(in_transaction->get(), SQL_ATTR_AUTOCOMMIT,
                                reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
              SQL_SUCCESS);
    ASSERT_TRUE(succeeded(exec(tx_stmt, "INSERT INTO t VALUES (1)")));
    SQLHSTMT idle_stmt = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, idle->get(), &idle_stmt), SQL_SUCCESS);

    ASSERT_TRUE(server->stop_immediate());

    // The idle connection knows it is dead without a round trip (the
    // server's FATAL and close have arrived).
    EXPECT_EQ(connection_dead(idle->get()), static_cast<SQLUINTEGER>(SQL_CD_TRUE));
    auto start = std::chrono::steady_clock::now();
    SQLRETURN rc = exec(idle_stmt, "SELECT 1");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    expect_session_ended(rc, collect_diags(SQL_HANDLE_STMT, idle_stmt));
    EXPECT_LT(seconds, kBoundSeconds);
    expect_dead_then_freed(*idle, idle_stmt);

    // The streamed result ends with an error after the rows that arrived.
    start = std::chrono::steady_clock::now();
    int rows = 10;
    while ((rc = SQLFetch(stream_stmt)) == SQL_SUCCESS) {
        ++rows;
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(rows, 200000);
    expect_session_ended(rc, collect_diags(SQL_HANDLE_STMT, stream_stmt));
    EXPECT_LT(seconds, kBoundSeconds + 1.0);
    expect_dead_then_freed(*streaming, stream_stmt);

    // The transaction's COMMIT fails: never success.
    start = std::chrono::steady_clock::now();
    rc = SQLEndTran(SQL_HANDLE_DBC, in_transaction->get(), SQL_COMMIT);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    expect_session_ended(rc, collect_diags(SQL_HANDLE_DBC, in_transaction->get()),
                         {"08S01", "08007", "57P01", "57P02"});
    EXPECT_LT(seconds, kBoundSeconds);
    expect_dead_then_freed(*in_transaction, tx_stmt);

    // While the server is down a connect fails at once with 08001.
    auto refused = connect_with(server->connection_string());
    EXPECT_CONNECT_FAILED(refused);
    EXPECT_DIAG(refused->diags, "08001", {});
    EXPECT_LT(refused->elapsed_seconds, kBoundSeconds);

    // Started again (crash recovery): the same handle connects again.
    ASSERT_TRUE(server->start());
    ASSERT_TRUE(server->wait_for(0)) << "see " << server->folder() << "/server.log";
    SQLCHAR out[1024];
    SQLSMALLINT out_length = 0;
    std::string text = server->connection_string();
    ASSERT_TRUE(succeeded(SQLDriverConnect(idle->get(), nullptr,
                                           reinterpret_cast<SQLCHAR *>(text.data()), SQL_NTS, out,
                                           sizeof out, &out_length, SQL_DRIVER_NOPROMPT)))
        << format_diags(collect_diags(SQL_HANDLE_DBC, idle->get()));
    idle->connected = true;
    EXPECT_EQ(connection_dead(idle->get()), static_cast<SQLUINTEGER>(SQL_CD_FALSE));
    // The uncommitted row is gone.
    EXPECT_EQ(scalar(*idle, "SELECT count(*) FROM t"), "0");
}

TEST_F(ServerStopTest, ConnectWhileTheServerStartsAnswersItsStartingUpError57P03) {
    ASSERT_TRUE(server->stop_immediate());
    // Started as a standby that never becomes consistent enough to admit
    // anyone: every connect meets the server's 57P03.
    ASSERT_TRUE(server->hold_in_recovery(true));
    ASSERT_TRUE(server->start("-c hot_standby=off"));
    ASSERT_TRUE(server->wait_for(1)) << "see " << server->folder() << "/server.log";
    auto refused = connect_with(server->connection_string());
    EXPECT_CONNECT_FAILED(refused);
    EXPECT_DIAG(refused->diags, "57P03", {"not accepting connections", "Hot standby"});
    EXPECT_EQ(refused->diags.size(), 1u) << format_diags(refused->diags);
    EXPECT_LT(refused->elapsed_seconds, kBoundSeconds);
    EXPECT_EQ(SQLDisconnect(refused->get()), SQL_ERROR); // never connected: 08003

    // The real start: the same kind of connect now works.
    ASSERT_TRUE(server->stop_immediate());
    ASSERT_TRUE(server->hold_in_recovery(false));
    ASSERT_TRUE(server->start());
    ASSERT_TRUE(server->wait_for(0)) << "see " << server->folder() << "/server.log";
    auto accepted = connect_with(server->connection_string());
    ASSERT_CONNECTED(accepted);
    EXPECT_EQ(scalar(*accepted, "SELECT 'up'"), "up");
}

TEST_F(ServerStopTest, ConnectsRacingARestartEachSucceedOrFailCleanly) {
    // Connects in a loop while the server stops and starts: each either
    // connects and answers, or fails with 08001 (the server's 57P03
    // "starting up" when it caught it), within the bound; never a hang.
    ASSERT_TRUE(server->stop_immediate());
    std::atomic<bool> done{false};
    std::thread starter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        (void)server->start();
        (void)server->wait_for(0);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        done.store(true);
    });
    int failures = 0;
    int successes = 0;
    int starting_up = 0;
    while (!done.load()) {
        auto attempt = connect_with(server->connection_string("Timeout=2;"));
        if (attempt->connected) {
            ++successes;
            EXPECT_EQ(scalar(*attempt, "SELECT 'up'"), "up");
        } else {
            ++failures;
            // No server yet (08001), or one not yet admitting (57P03).
            EXPECT_TRUE(pgo_test::has_diag(attempt->diags, "08001") ||
                        pgo_test::has_diag(attempt->diags, "57P03"))
                << format_diags(attempt->diags);
            starting_up += pgo_test::has_diag(attempt->diags, "57P03") ? 1 : 0;
            EXPECT_LT(attempt->elapsed_seconds, 2.0 + kBoundSeconds);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    starter.join();
    EXPECT_GT(failures, 0);
    EXPECT_GT(successes, 0);
    RecordProperty("starting_up_answers", starting_up);
}

} // namespace
} // namespace pgo_faults
