// COPY under faults. The driver has no COPY surface: COPY FROM STDIN is
// refused with CopyFail (and a Sync in the extended protocol), COPY TO
// STDOUT's data is read and discarded up to CopyDone (wire/copy.c). The
// statement answers 0A000 once the rest of its exchange (the data, the
// answer to the CopyFail) is read, by the same call, so a fault there is
// that call's to report (odbc/stmt_stream.c). Through the fault proxy: a cut and a stall in
// the middle of the CopyData of a large COPY TO STDOUT, before the
// CopyInResponse, while the CopyFail goes out, and before the server's
// answer to it. A cut: one 08S01 at once; a stall: HYT00 (HYT01) within
// SQL_ATTR_QUERY_TIMEOUT (SQL_ATTR_CONNECTION_TIMEOUT) + 1 s; the
// connection is dead afterwards and every handle frees.
#include "fault_test.h"

namespace pgo_faults {
namespace {

constexpr double kAllowedSeconds = 2.0; // the 1 s limit + 1 s
constexpr int kCopyRows = 200000;
// Where the faults act in the CopyData stream: early, so that reading the
// data before it takes little time even under ASan.
constexpr int kCopyDataBeforeFault = 2000;

const std::string kCopyOut = "COPY (SELECT g, repeat('x', 100) FROM generate_series(1, " +
                             std::to_string(kCopyRows) + ") AS g) TO STDOUT";

class CopyFaultTest : public FaultTest {
protected:
    std::unique_ptr<Connection> connection;
    std::unique_ptr<Connection> direct;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    std::string table;

    void SetUp() override {
        FaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        table = pgo_test::to_lower(std::string("faults_copy_") +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        direct = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(direct);
        ASSERT_EQ(pgo_test::run_query(direct->get(), "DROP TABLE IF EXISTS " + table).rc,
                  SQL_SUCCESS);
        ASSERT_EQ(pgo_test::run_query(direct->get(), "CREATE TABLE " + table + " (id int)").rc,
                  SQL_SUCCESS);
        connection = connect_with(proxied("pgo_trust"));
        ASSERT_CONNECTED(connection);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection->get(), &stmt), SQL_SUCCESS);
    }
    void TearDown() override {
        connection.reset();
        if (direct && direct->connected) {
            proxy->cut_all(); // a stalled session holds its locks
            (void)pgo_test::run_query(direct->get(), "DROP TABLE IF EXISTS " + table);
        }
        direct.reset();
        FaultTest::TearDown();
    }
    Diags stmt_diags() const { return collect_diags(SQL_HANDLE_STMT, stmt); }
    std::string copy_in_sql() const { return "COPY " + table + " FROM STDIN"; }

    SQLRETURN prepare_and_execute(const std::string &sql) {
        SQLRETURN rc = SQLPrepare(stmt, reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())),
                                  SQL_NTS);
        return succeeded(rc) ? SQLExecute(stmt) : rc;
    }

    void expect_cut(const Timed &timed) {
        EXPECT_FALSE(timed.hung);
        EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
        Diags diags = stmt_diags();
        EXPECT_EQ(count_state(diags, "08S01"), 1) << format_diags(diags);
        EXPECT_LT(timed.seconds, 1.0);
    }
    void expect_stall_ended(const Timed &timed) {
        EXPECT_FALSE(timed.hung) << "the call hung; the watchdog cut it after " << timed.seconds
                                 << " s";
        EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
        Diags diags = stmt_diags();
        EXPECT_EQ(count_state(diags, "HYT00"), 1) << format_diags(diags);
        EXPECT_LT(timed.seconds, kAllowedSeconds);
    }
    Timed copy_out() {
        return run_timed([&] { return exec(stmt, kCopyOut); });
    }
    Timed copy_in(bool is_prepared) {
        return run_timed(
            [&] { return is_prepared ? prepare_and_execute(copy_in_sql()) : exec(stmt, copy_in_sql()); });
    }

    // Without a fault: refused with an error naming COPY, the connection
    // still answers.
    void expect_refused_and_alive(SQLRETURN rc, const std::string &named) {
        EXPECT_EQ(rc, SQL_ERROR) << rc_name(rc);
        EXPECT_TRUE(pgo_test::contains_ci(format_diags(stmt_diags()), named))
            << format_diags(stmt_diags());
        EXPECT_EQ(count_state(stmt_diags(), "08S01"), 0) << format_diags(stmt_diags());
        EXPECT_EQ(connection_dead(connection->get()), static_cast<SQLUINTEGER>(SQL_CD_FALSE));
        EXPECT_EQ(SQLFreeStmt(stmt, SQL_CLOSE), SQL_SUCCESS);
        EXPECT_EQ(scalar(*connection, "SELECT 'alive'"), "alive");
    }
};

// ---- Without a fault: what the driver does with COPY ---------------------

TEST_F(CopyFaultTest, CopyOutIsRefusedAfterItsDataIsDiscardedAndTheConnectionGoesOn) {
    Timed timed = copy_out();
    EXPECT_FALSE(timed.hung);
    expect_refused_and_alive(timed.rc, "COPY TO STDOUT");
}

TEST_F(CopyFaultTest, CopyInIsRefusedWithCopyFailAndTheConnectionGoesOn) {
    Timed timed = copy_in(false);
    EXPECT_FALSE(timed.hung);
    expect_refused_and_alive(timed.rc, "COPY FROM STDIN");
}

TEST_F(CopyFaultTest, PreparedCopyInIsRefusedWithCopyFailAndSyncAndTheConnectionGoesOn) {
    Timed timed = copy_in(true);
    EXPECT_FALSE(timed.hung);
    expect_refused_and_alive(timed.rc, "COPY FROM STDIN");
}

// ---- COPY TO STDOUT: the discarded stream cut or stalled -----------------

TEST_F(CopyFaultTest, CopyOutCutMidDataIs08S01OnceThenDead) {
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToClient, 'd', kCopyDataBeforeFault));
    expect_cut(copy_out());
    EXPECT_DIAG(stmt_diags(), "08S01", {"closed the connection", "refused COPY"});
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, CopyOutResetInsideACopyDataIs08S01OnceThenDead) {
    Fault fault = fault_at(Action::kReset, Direction::kToClient, 'd', kCopyDataBeforeFault);
    fault.bytes_into_message = 9;
    proxy->arm_latest(fault);
    expect_cut(copy_out());
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, CopyOutStalledMidDataEndsWithHyt00WithinQueryTimeout) {
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 'd', kCopyDataBeforeFault));
    expect_stall_ended(copy_out());
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, CopyOutStalledMidDataEndsWithHyt01WithinConnectionTimeout) {
    ASSERT_EQ(set_connection_timeout(connection->get(), 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 'd', kCopyDataBeforeFault));
    Timed timed = copy_out();
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR);
    EXPECT_EQ(count_state(stmt_diags(), "HYT01"), 1) << format_diags(stmt_diags());
    EXPECT_LT(timed.seconds, kAllowedSeconds);
    expect_dead_then_freed(*connection, stmt);
}

// ---- COPY FROM STDIN: the CopyFail exchange cut or stalled ---------------

TEST_F(CopyFaultTest, CopyInCutBeforeCopyInResponseIs08S01) {
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToClient, 'G', 1));
    expect_cut(copy_in(false));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, CopyInCutAsCopyFailGoesOutIs08S01) {
    proxy->arm_latest(fault_at(Action::kReset, Direction::kToServer, 'f', 1));
    expect_cut(copy_in(false));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, PreparedCopyInCutAsCopyFailGoesOutIs08S01) {
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToServer, 'f', 1));
    expect_cut(copy_in(true));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, CopyInCutBeforeTheAnswerToCopyFailIs08S01) {
    // The server's ErrorResponse to the CopyFail is lost.
    proxy->arm_latest(fault_at(Action::kClose, Direction::kToClient, 'E', 1));
    expect_cut(copy_in(false));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, CopyInStalledAsCopyFailGoesOutEndsWithHyt00WithinQueryTimeout) {
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToServer, 'f', 1));
    expect_stall_ended(copy_in(false));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

TEST_F(CopyFaultTest, PreparedCopyInStalledBeforeTheAnswerEndsWithHyt00WithinQueryTimeout) {
    ASSERT_EQ(set_query_timeout(stmt, 1), SQL_SUCCESS);
    proxy->arm_latest(fault_at(Action::kStall, Direction::kToClient, 'E', 1));
    expect_stall_ended(copy_in(true));
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, stmt);
}

} // namespace
} // namespace pgo_faults
