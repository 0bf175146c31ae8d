// Faults after connecting, phase by phase: a statement run at once
// (SQLExecDirect), Parse/Bind/Execute of a prepared statement, the fetch of
// a large streamed result, a parameter array half sent. For each: a stall
// ends with HYT00 (SQL_ATTR_QUERY_TIMEOUT) or HYT01
// (SQL_ATTR_CONNECTION_TIMEOUT) within the limit + 1 s, and a cut with one
// 08S01 record, after which the connection is dead and every handle frees.
#include "fault_test.h"

namespace pgo_faults {
namespace {

constexpr double kLimitSeconds = 1.0;
constexpr double kAllowedSeconds = kLimitSeconds + 1.0;
constexpr int kStreamRows = 200000;
constexpr int kRowsBeforeFault = 150000;

class StatementFaultTest : public FaultTest {
protected:
    std::unique_ptr<Connection> connection;
    SQLHSTMT stmt = SQL_NULL_HSTMT;

    void SetUp() override {
        FaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = connect_with(proxied("pgo_trust"));
        ASSERT_CONNECTED(connection);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &stmt), SQL_SUCCESS);
    }
    void TearDown() override {
        connection.reset(); // frees stmt with it when a test left it
        FaultTest::TearDown();
    }
    Diags stmt_diags() const { return collect_diags(SQL_HANDLE_STMT, stmt); }

    // A call the fault cut: SQL_ERROR with exactly one 08S01, at once.
    void expect_cut(const Timed &timed) {
        EXPECT_FALSE(timed.hung);
        EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
        Diags diags = stmt_diags();
        EXPECT_EQ(count_state(diags, "08S01"), 1) << format_diags(diags);
        EXPECT_LT(timed.seconds, 1.0);
    }
    // A call a stall held: SQL_ERROR with state, within the limit + 1 s.
    void expect_stall_ended(const Timed &timed, const std::string &state) {
        EXPECT_FALSE(timed.hung) << "the call hung; the watchdog cut it after "
                                 << timed.seconds << " s";
        EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
        Diags diags = stmt_diags();
        EXPECT_EQ(count_state(diags, state), 1) << format_diags(diags);
        EXPECT_LT(timed.seconds, kAllowedSeconds);
    }

    // Fetches row by row, checking each value is its row number, until a
    // fetch fails; that fetch, timed, and the rows read before it.
    Timed fetch_until_failure(int *rows) {
        *rows = 0;
        Watchdog dog(*proxy, std::chrono::seconds(15)); // one for the whole loop
        for (;;) {
            Timed timed;
            auto start = std::chrono::steady_clock::now();
            timed.rc = SQLFetch(stmt);
            timed.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (timed.rc != SQL_SUCCESS) {
                timed.hung = dog.fired();
                return timed;
            }
            SQLINTEGER value = 0;
            SQLLEN indicator = 0;
            if (SQLGetData(stmt, 1, SQL_C_SLONG, &value, 0, &indicator) != SQL_SUCCESS ||
                value != *rows + 1) {
                ADD_FAILURE() << "row " << *rows + 1 << " read " << value;
                return timed;
            }
            ++*rows;
        }
    }
};

// ---- SQLExecDirect ----------------------------------------------------

TEST_F(StatementFaultTest, ExecDirectCutIs08S01OnceThenAtOnce) {
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToClient, 0, 1));
    expect_cut(run_timed([&] { return exec(stmt, "SELECT 1"); }));
    EXPECT_DIAG(stmt_diags(), "08S01", {"closed the connection"});
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, ExecDirectResetIs08S01OnceThenAtOnce) {
    proxy->arm_latest(fault_at(Action::kReset, Direction::kToClient, 0, 1));
    expect_cut(run_timed([&] { return exec(stmt, "SELECT 1"); }));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, ExecDirectStallEndsWithHyt00WithinQueryTimeout) {
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 0, 1));
    expect_stall_ended(run_timed([&] { return exec(stmt, "SELECT 1"); }), "HYT00");
    EXPECT_GE(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, QueryTimeoutEndsTheCallWhenTheCancelConnectionStallsToo) {
    // The CancelRequest's own connection (the next one the proxy accepts)
    // never sees the server close it: the call still ends in time.
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 0, 1));
    proxy->arm_next_connection(fault_at(Action::kStall, Direction::kToServer, 0, 1));
    expect_stall_ended(run_timed([&] { return exec(stmt, "SELECT 1"); }), "HYT00");
    EXPECT_EQ(proxy->accepted_count(), 2); // the session and its cancel
    EXPECT_EQ(proxy->fired_count(), 2);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, ExecDirectStallEndsWithHyt01WithinConnectionTimeout) {
    ASSERT_EQ(set_connection_timeout(connection->get(), 1), SQL_SUCCESS)
        << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 0, 1));
    expect_stall_ended(run_timed([&] { return exec(stmt, "SELECT 1"); }), "HYT01");
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, ConnectionTimeoutLeavesFastStatementsAlone) {
    ASSERT_EQ(set_connection_timeout(connection->get(), 1), SQL_SUCCESS);
    SQLUINTEGER seconds = 0;
    ASSERT_EQ(SQLGetConnectAttr(connection->get(), SQL_ATTR_CONNECTION_TIMEOUT, &seconds, 0,
                                nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(seconds, 1u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(scalar(*connection, "SELECT pg_sleep(0.1)::text || 'x'"), "x");
    }
    EXPECT_EQ(connection_dead(connection->get()), static_cast<SQLUINTEGER>(SQL_CD_FALSE));
}

TEST_F(StatementFaultTest, TerminatedBackendFailsTheNextCallThenTheConnectionIsDead) {
    // The server itself ends the session (pg_terminate_backend): FATAL
    // 57P01 arrives unasked; the next call reports it (or the lost link).
    std::string pid = scalar(*connection, "SELECT pg_backend_pid()").value_or("0");
    auto killer = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(killer);
    EXPECT_EQ(scalar(*killer, "SELECT pg_terminate_backend(" + pid + ")::text"), "true");
    Timed timed = run_timed([&] { return exec(stmt, "SELECT 1"); });
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
    Diags diags = stmt_diags();
    EXPECT_TRUE(pgo_test::has_diag(diags, "57P01") || pgo_test::has_diag(diags, "08S01"))
        << format_diags(diags);
    EXPECT_LT(timed.seconds, 1.0);
    expect_dead_then_freed(*connection, stmt);
}

// ---- Parse / Bind / Execute --------------------------------------------

class PreparedFaultTest : public StatementFaultTest {
protected:
    SQLINTEGER parameter = 41;
    SQLLEN parameter_length = 0;
    void SetUp() override {
        StatementFaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        ASSERT_TRUE(succeeded(SQLPrepare(
            stmt, reinterpret_cast<SQLCHAR *>(const_cast<char *>("SELECT CAST(? AS integer) + 1")),
            SQL_NTS)))
            << format_diags(stmt_diags());
        ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                   &parameter, 0, &parameter_length),
                  SQL_SUCCESS);
        // One clean run first: the statement is parsed on the server.
        ASSERT_TRUE(succeeded(SQLExecute(stmt))) << format_diags(stmt_diags());
        ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
        ASSERT_EQ(SQLCloseCursor(stmt), SQL_SUCCESS);
    }
};

TEST_F(PreparedFaultTest, BindCutIs08S01) {
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToServer, 'B', 1));
    expect_cut(run_timed([&] { return SQLExecute(stmt); }));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(PreparedFaultTest, BindCompleteCutIs08S01) {
    proxy->arm_latest(fault_at(Action::kReset, Direction::kToClient, '2', 1));
    expect_cut(run_timed([&] { return SQLExecute(stmt); }));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(PreparedFaultTest, ExecuteStallEndsWithHyt00WithinQueryTimeout) {
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, '2', 1));
    expect_stall_ended(run_timed([&] { return SQLExecute(stmt); }), "HYT00");
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(PreparedFaultTest, PrepareCutIs08S01) {
    // A new statement: its Parse is what the fault meets.
    SQLHSTMT other = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &other), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToServer, 'P', 1));
    Timed timed = run_timed([&] {
        SQLRETURN rc = SQLPrepare(
            other, reinterpret_cast<SQLCHAR *>(const_cast<char *>("SELECT CAST(? AS text)")),
            SQL_NTS);
        if (!succeeded(rc)) {
            return rc;
        }
        // Preparing may wait for the first execute to send the Parse.
        SQLCHAR value[] = "x";
        SQLLEN length = SQL_NTS;
        if (!succeeded(SQLBindParameter(other, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10,
                                        0, value, 0, &length))) {
            return SQLRETURN(-99);
        }
        return SQLExecute(other);
    });
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR);
    Diags diags = collect_diags(SQL_HANDLE_STMT, other);
    EXPECT_EQ(count_state(diags, "08S01"), 1) << format_diags(diags);
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, other), SQL_SUCCESS);
    expect_dead_then_freed(*connection, stmt);
}

// ---- A large streamed result -------------------------------------------

const std::string kStreamSql =
    "SELECT g FROM generate_series(1, " + std::to_string(kStreamRows) + ") AS g";

TEST_F(StatementFaultTest, FetchStalledMidStreamEndsWithHyt00WithinQueryTimeout) {
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 'D', kRowsBeforeFault + 1));
    Timed executed = run_timed([&] { return exec(stmt, kStreamSql); });
    ASSERT_TRUE(succeeded(executed.rc)) << format_diags(stmt_diags());
    int rows = 0;
    Timed failed = fetch_until_failure(&rows);
    EXPECT_EQ(rows, kRowsBeforeFault);
    expect_stall_ended(failed, "HYT00");
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, FetchStalledMidStreamEndsWithHyt01WithinConnectionTimeout) {
    ASSERT_EQ(set_connection_timeout(connection->get(), 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 'D', kRowsBeforeFault + 1));
    ASSERT_TRUE(succeeded(exec(stmt, kStreamSql))) << format_diags(stmt_diags());
    int rows = 0;
    Timed failed = fetch_until_failure(&rows);
    EXPECT_EQ(rows, kRowsBeforeFault);
    expect_stall_ended(failed, "HYT01");
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, FetchDelayedMidStreamWithinTheQueryTimeoutReadsEveryRow) {
    ASSERT_EQ(set_query_timeout(stmt, 3), SQL_SUCCESS);
    Fault fault = fault_at(Action::kDelay, Direction::kToClient, 'D', kRowsBeforeFault + 1);
    fault.delay_ms = 500;
    proxy->arm_latest(fault);
    ASSERT_TRUE(succeeded(exec(stmt, kStreamSql))) << format_diags(stmt_diags());
    int rows = 0;
    Timed last = fetch_until_failure(&rows);
    EXPECT_EQ(last.rc, SQL_NO_DATA) << format_diags(stmt_diags());
    EXPECT_EQ(rows, kStreamRows);
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_EQ(connection_dead(connection->get()), static_cast<SQLUINTEGER>(SQL_CD_FALSE));
    EXPECT_EQ(scalar(*connection, "SELECT 'still alive'"), "still alive");
}

TEST_F(StatementFaultTest, FetchCutMidStreamIs08S01ThenAtOnce) {
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToClient, 'D', kRowsBeforeFault + 1));
    ASSERT_TRUE(succeeded(exec(stmt, kStreamSql))) << format_diags(stmt_diags());
    int rows = 0;
    Timed failed = fetch_until_failure(&rows);
    EXPECT_EQ(rows, kRowsBeforeFault);
    expect_cut(failed);
    // The same cursor: at once, 08S01 again.
    Timed again = run_timed([&] { return SQLFetch(stmt); });
    EXPECT_EQ(again.rc, SQL_ERROR);
    EXPECT_DIAG(stmt_diags(), "08S01", {});
    EXPECT_LT(again.seconds, 0.2);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, FetchCutInsideADataRowNamesTheMessageLost) {
    Fault fault = fault_at(Action::kClose, Direction::kToClient, 'D', kRowsBeforeFault + 1);
    fault.bytes_into_message = 7; // type, length, column count: the value is lost
    proxy->arm_latest(fault);
    ASSERT_TRUE(succeeded(exec(stmt, kStreamSql))) << format_diags(stmt_diags());
    int rows = 0;
    Timed failed = fetch_until_failure(&rows);
    EXPECT_EQ(rows, kRowsBeforeFault);
    expect_cut(failed);
    EXPECT_DIAG(stmt_diags(), "08S01", {"DataRow", "7 of", "closed the connection"});
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(StatementFaultTest, FetchResetInsideADataRowIs08S01) {
    Fault fault;
    fault.action = Action::kReset;
    fault.direction = Direction::kToClient;
    fault.after_bytes = 1000003; // inside some DataRow, well into the stream
    proxy->arm_latest(fault);
    ASSERT_TRUE(succeeded(exec(stmt, kStreamSql))) << format_diags(stmt_diags());
    int rows = 0;
    Timed failed = fetch_until_failure(&rows);
    EXPECT_GT(rows, 1000);
    EXPECT_LT(rows, kStreamRows);
    expect_cut(failed);
    expect_dead_then_freed(*connection, stmt);
}

// ---- A parameter array half sent ---------------------------------------

class ArrayFaultTest : public StatementFaultTest {
protected:
    static constexpr SQLULEN kSets = 1000;
    std::string table;
    std::unique_ptr<Connection> direct;

    void SetUp() override {
        StatementFaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        table = pgo_test::to_lower(std::string("faults_") +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        direct = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(direct);
        ASSERT_EQ(pgo_test::run_query(direct->get(), "DROP TABLE IF EXISTS " + table).rc,
                  SQL_SUCCESS);
        ASSERT_EQ(pgo_test::run_query(direct->get(), "CREATE TABLE " + table +
                                                         " (id int PRIMARY KEY, payload text)")
                      .rc,
                  SQL_SUCCESS);
    }
    void TearDown() override {
        if (direct && direct->connected) {
            (void)pgo_test::run_query(direct->get(), "DROP TABLE IF EXISTS " + table);
        }
        direct.reset();
        StatementFaultTest::TearDown();
    }
    std::string rows_in_table() {
        // A stalled proxy still holds the server's session (and its locks):
        // end it first.
        proxy->cut_all();
        return scalar(*direct, "SELECT count(*) FROM " + table).value_or("?");
    }
    // Binds kSets rows of (id, payload of payload_bytes).
    void bind_array(size_t payload_bytes) {
        ids.resize(kSets);
        id_lengths.assign(kSets, 0);
        payloads.assign(kSets * (payload_bytes + 1), 'p');
        payload_lengths.assign(kSets, static_cast<SQLLEN>(payload_bytes));
        for (SQLULEN i = 0; i < kSets; ++i) {
            ids[i] = static_cast<SQLINTEGER>(i + 1);
        }
        ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(kSets),
                                 0),
                  SQL_SUCCESS);
        ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                   ids.data(), 0, id_lengths.data()),
                  SQL_SUCCESS);
        ASSERT_EQ(SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR,
                                   payload_bytes, 0, payloads.data(),
                                   static_cast<SQLLEN>(payload_bytes + 1), payload_lengths.data()),
                  SQL_SUCCESS);
    }
    std::string insert_sql() const { return "INSERT INTO " + table + " VALUES (?, ?)"; }

    std::vector<SQLINTEGER> ids;
    std::vector<SQLLEN> id_lengths;
    std::vector<char> payloads;
    std::vector<SQLLEN> payload_lengths;
};

TEST_F(ArrayFaultTest, ArrayCutHalfSentIs08S01AndAppliesNoSet) {
    bind_array(10);
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToServer, 'B', kSets / 2 + 1));
    expect_cut(run_timed([&] { return exec(stmt, insert_sql()); }));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
    EXPECT_EQ(rows_in_table(), "0");
}

TEST_F(ArrayFaultTest, ArrayStalledWhileSendingEndsWithHyt00WithinQueryTimeout) {
    // 1,000 sets of 16 kB: far more than the socket buffers hold, so the
    // driver's writes block once the proxy stops reading.
    bind_array(16384);
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToServer, 'B', 101));
    expect_stall_ended(run_timed([&] { return exec(stmt, insert_sql()); }), "HYT00");
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
    EXPECT_EQ(rows_in_table(), "0");
}

TEST_F(ArrayFaultTest, ArrayStalledWhileSendingEndsWithHyt01WithinConnectionTimeout) {
    bind_array(16384);
    ASSERT_EQ(set_connection_timeout(connection->get(), 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToServer, 'B', 101));
    expect_stall_ended(run_timed([&] { return exec(stmt, insert_sql()); }), "HYT01");
    expect_dead_then_freed(*connection, stmt);
    EXPECT_EQ(rows_in_table(), "0");
}

} // namespace
} // namespace pgo_faults
