// Commit under a cut, and trickled bytes.
// ODBC SQLEndTran: 08007 "connection failure during transaction" when the
// link failed while COMMIT ran and the outcome is unknown; a cut ROLLBACK
// is only 08S01 (the server rolls back a session it loses). Trickled bytes
// (every byte sent alone, both ways, TLS included) must give exactly the
// results of a direct connection.
#include "fault_test.h"

namespace pgo_faults {
namespace {

using pgo_test::QueryResult;

class CommitFaultTest : public FaultTest {
protected:
    std::string table;
    std::unique_ptr<Connection> direct;
    std::unique_ptr<Connection> connection;

    void SetUp() override {
        FaultTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        table = pgo_test::to_lower(std::string("faults_") +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        direct = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(direct);
        ASSERT_EQ(pgo_test::run_query(direct->get(), "DROP TABLE IF EXISTS " + table).rc,
                  SQL_SUCCESS);
        ASSERT_EQ(pgo_test::run_query(direct->get(), "CREATE TABLE " + table + " (v int)").rc,
                  SQL_SUCCESS);
        connection = connect_with(proxied("pgo_trust"));
        ASSERT_CONNECTED(connection);
        ASSERT_EQ(SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                    reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
                  SQL_SUCCESS);
        QueryResult inserted =
            pgo_test::run_query(connection->get(), "INSERT INTO " + table + " VALUES (7)");
        ASSERT_EQ(inserted.rc, SQL_SUCCESS) << format_diags(inserted.diags);
    }
    void TearDown() override {
        connection.reset();
        if (direct && direct->connected) {
            (void)pgo_test::run_query(direct->get(), "DROP TABLE IF EXISTS " + table);
        }
        direct.reset();
        FaultTest::TearDown();
    }
    Timed end_transaction(SQLSMALLINT completion) {
        return run_timed(
            [&] { return SQLEndTran(SQL_HANDLE_DBC, connection->get(), completion); });
    }
    Diags dbc_diags() const { return collect_diags(SQL_HANDLE_DBC, connection->get()); }
    Fault on_command(bool after_message) const {
        Fault fault;
        fault.action = Action::kClose;
        fault.direction = Direction::kToServer;
        fault.message_type = 'Q';
        fault.after_message = after_message;
        return fault;
    }
};

TEST_F(CommitFaultTest, CommitCutAfterItWasSentIs08007NeverSuccess) {
    proxy->arm_latest(on_command(true));
    Timed timed = end_transaction(SQL_COMMIT);
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
    EXPECT_EQ(count_state(dbc_diags(), "08007"), 1) << format_diags(dbc_diags());
    EXPECT_DIAG(dbc_diags(), "08007", {"COMMIT", "unknown"});
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, SQL_NULL_HSTMT);
}

TEST_F(CommitFaultTest, CommitCutBeforeTheServerGotItIs08007AndNothingIsCommitted) {
    // The driver cannot tell this from the case above: unknown, 08007.
    proxy->arm_latest(on_command(false));
    Timed timed = end_transaction(SQL_COMMIT);
    EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
    EXPECT_DIAG(dbc_diags(), "08007", {});
    EXPECT_EQ(proxy->fired_count(), 1);
    expect_dead_then_freed(*connection, SQL_NULL_HSTMT);
    // The server lost the session before COMMIT arrived: rolled back.
    EXPECT_EQ(scalar(*direct, "SELECT count(*) FROM " + table), "0");
}

TEST_F(CommitFaultTest, CommitStallEndsWithHyt01WithinConnectionTimeout) {
    ASSERT_EQ(set_connection_timeout(connection->get(), 1), SQL_SUCCESS);
    Fault fault;
    fault.action = Action::kStall;
    fault.direction = Direction::kToClient;
    fault.message_number = 1;
    proxy->arm_latest(fault);
    Timed timed = end_transaction(SQL_COMMIT);
    EXPECT_FALSE(timed.hung);
    EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
    EXPECT_DIAG(dbc_diags(), "HYT01", {});
    EXPECT_LT(timed.seconds, 2.0);
    expect_dead_then_freed(*connection, SQL_NULL_HSTMT);
}

TEST_F(CommitFaultTest, RollbackCutIs08S01) {
    proxy->arm_latest(on_command(true));
    Timed timed = end_transaction(SQL_ROLLBACK);
    EXPECT_EQ(timed.rc, SQL_ERROR) << rc_name(timed.rc);
    EXPECT_EQ(count_state(dbc_diags(), "08S01"), 1) << format_diags(dbc_diags());
    EXPECT_EQ(count_state(dbc_diags(), "08007"), 0) << format_diags(dbc_diags());
    expect_dead_then_freed(*connection, SQL_NULL_HSTMT);
    EXPECT_EQ(scalar(*direct, "SELECT count(*) FROM " + table), "0");
}

// ---- Trickled bytes ----------------------------------------------------

using Rows = std::vector<std::vector<std::optional<std::string>>>;

class TrickleTest : public FaultTest {
protected:
    // Every row of sql, every column as text (SQLGetData, in pieces).
    Rows all_rows(SQLHDBC dbc, const std::string &sql) {
        Rows rows;
        pgo_test::Statement stmt(dbc);
        SQLRETURN rc = exec(stmt.get(), sql);
        EXPECT_TRUE(succeeded(rc)) << sql << format_diags(stmt.diags());
        SQLSMALLINT columns = 0;
        EXPECT_EQ(SQLNumResultCols(stmt.get(), &columns), SQL_SUCCESS);
        while ((rc = SQLFetch(stmt.get())) == SQL_SUCCESS) {
            std::vector<std::optional<std::string>> row;
            for (SQLSMALLINT column = 1; column <= columns; ++column) {
                SQLRETURN get_rc = SQL_SUCCESS;
                Diags diags;
                row.push_back(pgo_test::get_text(stmt.get(), static_cast<SQLUSMALLINT>(column),
                                                 &get_rc, &diags));
                EXPECT_TRUE(succeeded(get_rc)) << format_diags(diags);
            }
            rows.push_back(row);
        }
        EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt.diags());
        return rows;
    }

    // A prepared statement run for three parameter values.
    std::vector<std::string> prepared_results(SQLHDBC dbc) {
        std::vector<std::string> results;
        pgo_test::Statement stmt(dbc);
        EXPECT_TRUE(succeeded(SQLPrepare(
            stmt.get(),
            reinterpret_cast<SQLCHAR *>(const_cast<char *>(
                "SELECT repeat(CAST(? AS text), 3) || CAST(? AS integer) * 2")),
            SQL_NTS)));
        SQLCHAR text[16] = "";
        SQLLEN text_length = SQL_NTS;
        SQLINTEGER number = 0;
        SQLLEN number_length = 0;
        EXPECT_EQ(SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 15,
                                   0, text, sizeof text, &text_length),
                  SQL_SUCCESS);
        EXPECT_EQ(SQLBindParameter(stmt.get(), 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0,
                                   0, &number, 0, &number_length),
                  SQL_SUCCESS);
        for (int i = 0; i < 3; ++i) {
            std::string value = "é" + std::to_string(i);
            std::copy(value.begin(), value.end(), text);
            text[value.size()] = '\0';
            number = 1000 + i;
            EXPECT_TRUE(succeeded(SQLExecute(stmt.get()))) << format_diags(stmt.diags());
            EXPECT_EQ(SQLFetch(stmt.get()), SQL_SUCCESS);
            SQLRETURN rc = SQL_SUCCESS;
            Diags diags;
            results.push_back(pgo_test::get_text(stmt.get(), 1, &rc, &diags).value_or("NULL"));
            EXPECT_EQ(SQLCloseCursor(stmt.get()), SQL_SUCCESS);
        }
        return results;
    }

    void expect_same_as_direct(const std::string &user, const std::string &extra) {
        const std::string sql =
            "SELECT g, g * 1.5::numeric(10,2), 'row ' || g, "
            "CASE WHEN g % 3 = 0 THEN NULL ELSE md5(g::text) END, "
            "date '2024-02-28' + g, repeat('x', g * 37), "
            "(g % 2 = 0), '\\x00ff'::bytea "
            "FROM generate_series(1, 12) AS g";
        auto direct = driver_connect(tcp_string_with_password(user) + extra);
        ASSERT_CONNECTED(direct);
        Rows expected = all_rows(direct->get(), sql);
        std::vector<std::string> expected_prepared = prepared_results(direct->get());
        ASSERT_EQ(expected.size(), 12u);

        proxy->set_trickle(true, 20);
        auto trickled = connect_with(proxied(user, extra), {}, 20.0);
        ASSERT_CONNECTED(trickled);
        EXPECT_EQ(all_rows(trickled->get(), sql), expected);
        EXPECT_EQ(prepared_results(trickled->get()), expected_prepared);
        EXPECT_EQ(scalar(*trickled, "SELECT current_user"), user);
    }
};

TEST_F(TrickleTest, TrickledParameterArrayInsertsEverySet) {
    proxy->set_trickle(true, 20);
    auto trickled = connect_with(proxied("pgo_trust"), {}, 20.0);
    ASSERT_CONNECTED(trickled);
    EXPECT_EQ(pgo_test::run_query(trickled->get(), "CREATE TEMP TABLE t (id int, v text)").rc,
              SQL_SUCCESS);
    constexpr SQLULEN kSets = 25;
    std::vector<SQLINTEGER> ids(kSets);
    std::vector<SQLLEN> id_lengths(kSets, 0);
    std::vector<SQLUSMALLINT> statuses(kSets, 0xffff);
    SQLULEN processed = 0;
    for (SQLULEN i = 0; i < kSets; ++i) {
        ids[i] = static_cast<SQLINTEGER>(i + 1);
    }
    pgo_test::Statement stmt(trickled->get());
    ASSERT_EQ(SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAMSET_SIZE,
                             reinterpret_cast<SQLPOINTER>(kSets), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAM_STATUS_PTR, statuses.data(), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                               ids.data(), 0, id_lengths.data()),
              SQL_SUCCESS);
    ASSERT_EQ(exec(stmt.get(), "INSERT INTO t VALUES (?, 'value')"), SQL_SUCCESS)
        << format_diags(stmt.diags());
    EXPECT_EQ(processed, kSets);
    for (SQLULEN i = 0; i < kSets; ++i) {
        EXPECT_EQ(statuses[i], SQL_PARAM_SUCCESS) << "set " << i;
    }
    EXPECT_EQ(scalar(*trickled, "SELECT count(*) || ' ' || sum(id) FROM t"), "25 325");
}

TEST_F(TrickleTest, TrickledScramSessionGivesTheSameResults) {
    expect_same_as_direct("pgo_scram", "SSLMode=disable;");
}

TEST_F(TrickleTest, TrickledTlsSessionGivesTheSameResults) {
    expect_same_as_direct("pgo_tlsonly", "SSLMode=require;");
}

TEST_F(TrickleTest, TrickledMd5SessionGivesTheSameResults) {
    expect_same_as_direct("pgo_md5", "SSLMode=disable;");
}

} // namespace
} // namespace pgo_faults
