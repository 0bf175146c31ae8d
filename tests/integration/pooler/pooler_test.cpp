// The driver through PgBouncer in transaction mode (issue 10, "Poolers"):
// prepared statements, arrays, streaming, cancel, timeouts, the statement
// cache without the keyword, and StartupParams. The fixture is in
// pooler_fixture.h.
#include "pooler_fixture.h"

#include <set>

namespace pgo_test {
namespace {

using namespace pooler;

// A prepared statement of one integer parameter returning (value, backend pid).
struct Prepared {
    Statement stmt;
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    SQLRETURN prepared_rc = SQL_ERROR;
    Diags prepared_diags;

    Prepared(SQLHDBC dbc, const std::string &sql) : stmt(dbc) {
        prepared_rc = SQLPrepare(stmt.get(), sql_text(sql), SQL_NTS);
        prepared_diags = stmt.diags();
        SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &value, 0,
                         &indicator);
    }

    // Executes with value; fills the first row's two columns as text.
    SQLRETURN execute(SQLINTEGER with, std::string *first, std::string *pid, Diags *diags) {
        value = with;
        SQLRETURN rc = SQLExecute(stmt.get());
        *diags = stmt.diags();
        if (!succeeded(rc)) {
            return rc;
        }
        rc = SQLFetch(stmt.get());
        if (!succeeded(rc)) {
            *diags = stmt.diags();
            SQLFreeStmt(stmt.get(), SQL_CLOSE);
            return rc;
        }
        char a[64] = "", b[64] = "";
        SQLLEN la = 0, lb = 0;
        SQLGetData(stmt.get(), 1, SQL_C_CHAR, a, sizeof a, &la);
        SQLGetData(stmt.get(), 2, SQL_C_CHAR, b, sizeof b, &lb);
        *first = a;
        *pid = b;
        SQLFreeStmt(stmt.get(), SQL_CLOSE);
        return SQL_SUCCESS;
    }
};

TEST_F(PoolerTest, PreparedStatementsServeManyTransactionsOnTwoConnectionsAcrossBackends) {
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    Prepared pa(a->get(), "SELECT ?::int4 * 10 + 1, pg_backend_pid()");
    Prepared pb(b->get(), "SELECT ?::int4 * 10 + 2, pg_backend_pid()");
    ASSERT_OK(pa.prepared_rc, pa.prepared_diags);
    ASSERT_OK(pb.prepared_rc, pb.prepared_diags);
    std::set<std::string> pids_a;
    std::set<std::string> pids_b;
    for (int i = 0; i < 20; i++) {
        std::string value, pid;
        Diags diags;
        ASSERT_EQ(pa.execute(i, &value, &pid, &diags), SQL_SUCCESS) << i << format_diags(diags);
        EXPECT_EQ(value, std::to_string(i * 10 + 1));
        pids_a.insert(pid);
        ASSERT_EQ(pb.execute(i, &value, &pid, &diags), SQL_SUCCESS) << i << format_diags(diags);
        EXPECT_EQ(value, std::to_string(i * 10 + 2));
        pids_b.insert(pid);
        // Round robin over two sessions with two clients taking turns would
        // give each client the same session every time: a third
        // transaction now and then shifts the turns.
        if (i % 2 == 0) {
            EXPECT_EQ(scalar(*a, "SELECT 5"), std::optional<std::string>("5"));
        }
    }
    // The pooler really moved each connection between server sessions.
    EXPECT_EQ(pids_a.size(), 2u);
    EXPECT_EQ(pids_b.size(), 2u);
    // No named statement was left on either server session.
    for (int i = 0; i < 2; i++) {
        QueryResult named = run_query(a->get(), "SELECT count(*) FROM pg_prepared_statements");
        ASSERT_EQ(named.rc, SQL_SUCCESS) << format_diags(named.diags);
        EXPECT_EQ(named.row[0].value_or("?"), "0");
    }
}

TEST_F(PoolerTest, PreparedStatementsInManualCommitTransactionsSeeTheirOwnWork) {
    auto owner = direct();
    ASSERT_CONNECTED(owner);
    std::string table = make_table(*owner, "id int4, who text");
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_OK(SQLSetConnectAttr(a->get(), SQL_ATTR_AUTOCOMMIT,
                                reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
              collect_diags(SQL_HANDLE_DBC, a->get()));
    Prepared insert(a->get(), "INSERT INTO " + table + " VALUES (?, 'a')");
    ASSERT_OK(insert.prepared_rc, insert.prepared_diags);
    Prepared counted(a->get(), "SELECT count(*), pg_backend_pid() FROM " + table + " WHERE id <= ?");
    ASSERT_OK(counted.prepared_rc, counted.prepared_diags);
    for (int transaction = 0; transaction < 5; transaction++) {
        for (int row = 0; row < 3; row++) {
            insert.value = transaction * 3 + row;
            SQLRETURN rc = SQLExecute(insert.stmt.get());
            ASSERT_OK(rc, insert.stmt.diags());
        }
        std::string seen, pid;
        Diags diags;
        ASSERT_EQ(counted.execute(1000, &seen, &pid, &diags), SQL_SUCCESS) << format_diags(diags);
        // Committed before: transactions 0, 2, ... three rows each.
        EXPECT_EQ(seen, std::to_string((transaction + 1) / 2 * 3 + 3))
            << "the transaction sees its own rows and the committed ones";
        SQLRETURN ended = SQLEndTran(SQL_HANDLE_DBC, a->get(),
                                     transaction % 2 == 0 ? SQL_COMMIT : SQL_ROLLBACK);
        ASSERT_OK(ended, collect_diags(SQL_HANDLE_DBC, a->get()));
    }
    // Committed: transactions 0, 2, 4, three rows each.
    EXPECT_EQ(scalar(*owner, "SELECT count(*) FROM " + table), std::optional<std::string>("9"));
    EXPECT_EQ(scalar(*owner, "SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table),
              std::optional<std::string>("0,1,2,6,7,8,12,13,14"));
    run_query(owner->get(), "DROP TABLE " + table);
}

TEST_F(PoolerTest, ParameterArraysRunThroughThePooler) {
    auto owner = direct();
    ASSERT_CONNECTED(owner);
    std::string table = make_table(*owner, "id int4, label text");
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    constexpr SQLULEN rows = 200;
    std::vector<SQLINTEGER> ids(rows);
    std::vector<SQLLEN> id_indicators(rows, 0);
    std::vector<char> labels(rows * 16);
    std::vector<SQLLEN> label_indicators(rows, SQL_NTS);
    std::vector<SQLUSMALLINT> statuses(rows, 9999);
    SQLULEN processed = 0;
    for (SQLULEN i = 0; i < rows; i++) {
        ids[i] = static_cast<SQLINTEGER>(i + 1);
        snprintf(&labels[i * 16], 16, "row%lu", static_cast<unsigned long>(i + 1));
    }
    for (bool prepared : {true, false}) {
        Statement stmt(a->get());
        SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(rows), 0);
        SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAM_STATUS_PTR, statuses.data(), 0);
        SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0);
        SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(),
                         0, id_indicators.data());
        SQLBindParameter(stmt.get(), 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 15, 0,
                         labels.data(), 16, label_indicators.data());
        std::string sql = "INSERT INTO " + table + " VALUES (?, ?)";
        SQLRETURN rc;
        if (prepared) {
            ASSERT_OK(SQLPrepare(stmt.get(), sql_text(sql), SQL_NTS), stmt.diags());
            // Another transaction in between: the execution may land on
            // the other server session.
            EXPECT_EQ(scalar(*a, "SELECT 1"), std::optional<std::string>("1"));
            rc = SQLExecute(stmt.get());
        } else {
            rc = SQLExecDirect(stmt.get(), sql_text(sql), SQL_NTS);
        }
        ASSERT_OK(rc, stmt.diags());
        EXPECT_EQ(processed, rows);
        for (SQLULEN i = 0; i < rows; i++) {
            ASSERT_EQ(statuses[i], SQL_PARAM_SUCCESS) << i;
        }
    }
    EXPECT_EQ(scalar(*owner, "SELECT count(*) || ' ' || sum(id) || ' ' || count(DISTINCT label) FROM " + table),
              std::optional<std::string>("400 40200 200"));
    // A row-returning array through a prepared statement.
    Statement select(a->get());
    SQLSetStmtAttr(select.get(), SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(SQLULEN{3}), 0);
    SQLBindParameter(select.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0,
                     id_indicators.data());
    ASSERT_OK(SQLPrepare(select.get(), sql_text("SELECT count(*) FROM " + table + " WHERE id <= ?"),
                         SQL_NTS),
              select.diags());
    EXPECT_EQ(scalar(*a, "SELECT 2"), std::optional<std::string>("2"));
    ASSERT_OK(SQLExecute(select.get()), select.diags());
    std::vector<std::string> counts;
    do {
        while (succeeded(SQLFetch(select.get()))) {
            char text[32] = "";
            SQLLEN length = 0;
            SQLGetData(select.get(), 1, SQL_C_CHAR, text, sizeof text, &length);
            counts.push_back(text);
        }
    } while (succeeded(SQLMoreResults(select.get())));
    EXPECT_EQ(counts, (std::vector<std::string>{"2", "4", "6"}));
    run_query(owner->get(), "DROP TABLE " + table);
}

TEST_F(PoolerTest, AStreamedLargeResultArrivesWholeWhileOtherClientsUseThePool) {
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    Statement stmt(a->get());
    const std::string sql =
        "SELECT g, repeat('x', 100) FROM generate_series(1, 300000) g WHERE g > ?";
    SQLINTEGER above = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(SQLPrepare(stmt.get(), sql_text(sql), SQL_NTS), stmt.diags());
    SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &above, 0,
                     &indicator);
    EXPECT_EQ(scalar(*b, "SELECT 3"), std::optional<std::string>("3"));
    ASSERT_OK(SQLExecute(stmt.get()), stmt.diags());
    long long rows = 0;
    long long sum = 0;
    SQLINTEGER g = 0;
    SQLLEN g_length = 0;
    SQLBindCol(stmt.get(), 1, SQL_C_SLONG, &g, 0, &g_length);
    for (;;) {
        SQLRETURN rc = SQLFetch(stmt.get());
        if (rc == SQL_NO_DATA) {
            break;
        }
        ASSERT_OK(rc, stmt.diags());
        rows++;
        sum += g;
        if (rows % 50000 == 0) {
            // The other client's transactions run on the pool's second
            // server session meanwhile.
            EXPECT_EQ(scalar(*b, "SELECT " + std::to_string(rows)),
                      std::optional<std::string>(std::to_string(rows)));
        }
    }
    EXPECT_EQ(rows, 300000);
    EXPECT_EQ(sum, 300000LL * 300001LL / 2);
    SQLFreeStmt(stmt.get(), SQL_CLOSE);
    // And the connection goes on.
    EXPECT_EQ(scalar(*a, "SELECT 'after'"), std::optional<std::string>("after"));
}

TEST_F(PoolerTest, CancelReachesTheServerThroughThePooler) {
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    Statement stmt(a->get());
    const std::string sql = "SELECT pg_sleep(30) AS pooled_cancel";
    std::atomic<SQLRETURN> result{SQL_SUCCESS};
    auto started = std::chrono::steady_clock::now();
    std::thread runner([&] { result = SQLExecDirect(stmt.get(), sql_text(sql), SQL_NTS); });
    auto watcher = direct();
    for (int tries = 0; tries < 100; ++tries) {
        if (scalar(*watcher, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND "
                             "query = '" + sql + "'") == std::optional<std::string>("1")) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_OK(SQLCancel(stmt.get()), stmt.diags());
    runner.join();
    auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(result.load(), SQL_ERROR);
    EXPECT_DIAG(stmt.diags(), "HY008", {});
    EXPECT_LT(elapsed, std::chrono::seconds(10));
    EXPECT_EQ(scalar(*a, "SELECT 'still here'"), std::optional<std::string>("still here"));
}

TEST_F(PoolerTest, QueryTimeoutEndsAStatementThroughThePooler) {
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    Statement stmt(a->get());
    ASSERT_OK(SQLSetStmtAttr(stmt.get(), SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(SQLULEN{1}), 0),
              stmt.diags());
    auto started = std::chrono::steady_clock::now();
    SQLRETURN rc = SQLExecDirect(stmt.get(), sql_text("SELECT pg_sleep(20)"), SQL_NTS);
    auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(stmt.diags(), "HYT00", {});
    EXPECT_GE(elapsed, std::chrono::milliseconds(900));
    EXPECT_LT(elapsed, std::chrono::seconds(8));
    EXPECT_EQ(scalar(*a, "SELECT 'next'"), std::optional<std::string>("next"));
}

// Without PoolerMode: two clients whose prepared statements would both be
// the first of their connection. Named by id alone, B's execution on the
// server session where A prepared would run A's statement. Every value
// read must be the connection's own; a lost statement is recovered (a
// 01000 note) in autocommit.
TEST_F(PoolerTest, WithoutTheKeywordPreparedStatementsNeverRunAnotherClientsStatement) {
    auto a = pooled("");
    auto b = pooled("");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    Prepared pa(a->get(), "SELECT 'A' || ?::int4, pg_backend_pid()");
    Prepared pb(b->get(), "SELECT 'B' || ?::int4, pg_backend_pid()");
    ASSERT_OK(pa.prepared_rc, pa.prepared_diags);
    ASSERT_OK(pb.prepared_rc, pb.prepared_diags);
    for (int i = 0; i < 20; i++) {
        for (auto *p : {&pa, &pb}) {
            std::string value, pid;
            Diags diags;
            SQLRETURN rc = p->execute(i, &value, &pid, &diags);
            ASSERT_EQ(rc, SQL_SUCCESS) << i << format_diags(diags);
            EXPECT_EQ(value, std::string(p == &pa ? "A" : "B") + std::to_string(i));
        }
        if (i % 2 == 0) { // shifts round robin's turns
            EXPECT_EQ(scalar(*a, "SELECT 5"), std::optional<std::string>("5"));
        }
    }
    // SQLExecDirect through the statement cache, repeated: correct too.
    for (int i = 0; i < 10; i++) {
        for (auto *connection : {a.get(), b.get()}) {
            std::string me = connection == a.get() ? "a" : "b";
            QueryResult result = run_query(connection->get(), "SELECT '" + me + "' || 42");
            ASSERT_EQ(result.rc, SQL_SUCCESS) << format_diags(result.diags);
            EXPECT_EQ(result.row[0].value_or("?"), me + "42");
        }
    }
}

TEST_F(PoolerTest, WithoutTheKeywordALostStatementIsRecoveredWithANoteInAutocommit) {
    auto a = pooled("");
    auto other = pooled("");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(other);
    Prepared pa(a->get(), "SELECT ?::int4 + 1000, pg_backend_pid()");
    ASSERT_OK(pa.prepared_rc, pa.prepared_diags);
    bool noted = false;
    std::set<std::string> pids;
    for (int i = 0; i < 10; i++) {
        std::string value, pid;
        Diags diags;
        pa.value = i;
        SQLRETURN rc = SQLExecute(pa.stmt.get());
        diags = pa.stmt.diags();
        ASSERT_TRUE(succeeded(rc)) << i << format_diags(diags);
        if (rc == SQL_SUCCESS_WITH_INFO) {
            EXPECT_DIAG(diags, "01000", {"transaction mode", "PoolerMode=transaction"});
            EXPECT_FALSE(noted) << "only the first loss is noted: the connection then parses";
            noted = true;
        }
        ASSERT_TRUE(succeeded(SQLFetch(pa.stmt.get())));
        char text[32] = "", backend[32] = "";
        SQLLEN length = 0;
        SQLGetData(pa.stmt.get(), 1, SQL_C_CHAR, text, sizeof text, &length);
        SQLGetData(pa.stmt.get(), 2, SQL_C_CHAR, backend, sizeof backend, &length);
        EXPECT_EQ(std::string(text), std::to_string(i + 1000));
        pids.insert(backend);
        SQLFreeStmt(pa.stmt.get(), SQL_CLOSE);
        if (i % 2 == 0) { // shifts round robin's turns (see above)
            EXPECT_EQ(scalar(*other, "SELECT 1"), std::optional<std::string>("1"));
        }
    }
    EXPECT_EQ(pids.size(), 2u) << "the pooler moved the connection between server sessions";
    EXPECT_TRUE(noted) << "the prepared statement was looked for on the other session once";
}

// The statement cache of two fresh connections without PoolerMode: each
// connection's first cached text was "pgodbc_1" before names carried a
// per-connection part, and through this pooler client X then read client
// Y's 'Y' (and Y read 'X') without any error. Every value must be the
// connection's own.
TEST_F(PoolerTest, WithoutTheKeywordTwoClientsCachedStatementsNeverAnswerForEachOther) {
    auto x = pooled("");
    auto y = pooled("");
    ASSERT_CONNECTED(x);
    ASSERT_CONNECTED(y);
    for (int i = 0; i < 8; i++) {
        for (auto *connection : {x.get(), y.get()}) {
            std::string me = connection == x.get() ? "X" : "Y";
            QueryResult result = run_query(connection->get(), "SELECT '" + me + "', pg_backend_pid()");
            ASSERT_EQ(result.rc, SQL_SUCCESS) << i << format_diags(result.diags);
            ASSERT_TRUE(result.has_row);
            EXPECT_EQ(result.row[0].value_or("?"), me) << "round " << i;
        }
        if (i % 2 == 0) { // shifts round robin's turns
            EXPECT_EQ(scalar(*x, "SELECT 1::int8"), std::optional<std::string>("1"));
        }
    }
}

TEST_F(PoolerTest, WithoutTheKeywordTheStatementCacheLosesItsStatementOnceAndRecovers) {
    auto a = pooled("");
    auto other = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(other);
    Statement stmt(a->get());
    const std::string sql = "SELECT 'cached ' || 6 * 7, pg_backend_pid()";
    int notes = 0;
    std::set<std::string> pids;
    for (int i = 0; i < 10; i++) {
        SQLRETURN rc = SQLExecDirect(stmt.get(), sql_text(sql), SQL_NTS);
        Diags diags = stmt.diags();
        ASSERT_TRUE(succeeded(rc)) << i << format_diags(diags);
        if (rc == SQL_SUCCESS_WITH_INFO) {
            EXPECT_DIAG(diags, "01000", {"PoolerMode=transaction", "ran again"});
            notes++;
        }
        ASSERT_TRUE(succeeded(SQLFetch(stmt.get())));
        char text[32] = "", backend[32] = "";
        SQLLEN length = 0;
        SQLGetData(stmt.get(), 1, SQL_C_CHAR, text, sizeof text, &length);
        SQLGetData(stmt.get(), 2, SQL_C_CHAR, backend, sizeof backend, &length);
        EXPECT_EQ(std::string(text), "cached 42");
        pids.insert(backend);
        SQLFreeStmt(stmt.get(), SQL_CLOSE);
        if (i % 2 == 0) { // shifts round robin's turns
            EXPECT_EQ(scalar(*other, "SELECT 1"), std::optional<std::string>("1"));
        }
    }
    EXPECT_EQ(pids.size(), 2u);
    EXPECT_EQ(notes, 1) << "the first loss switches the connection to the unnamed statement";
}

TEST_F(PoolerTest, WithoutTheKeywordALostStatementInATransactionIsAClearError) {
    auto a = pooled("");
    ASSERT_CONNECTED(a);
    ASSERT_OK(SQLSetConnectAttr(a->get(), SQL_ATTR_AUTOCOMMIT,
                                reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
              collect_diags(SQL_HANDLE_DBC, a->get()));
    // SQLPrepare parses outside any transaction (server session 1); the
    // transaction of the first SQLExecute runs on session 2.
    Prepared pa(a->get(), "SELECT ?::int4 + 7, pg_backend_pid()");
    ASSERT_OK(pa.prepared_rc, pa.prepared_diags);
    bool has_failed = false;
    for (int i = 0; i < 6; i++) {
        std::string value, pid;
        Diags diags;
        SQLRETURN rc = pa.execute(i, &value, &pid, &diags);
        if (rc == SQL_ERROR) {
            EXPECT_FALSE(has_failed) << "after the loss the connection parses every time";
            has_failed = true;
            EXPECT_DIAG(diags, "26000", {"transaction mode", "PoolerMode=transaction", "roll it back"});
        } else {
            ASSERT_TRUE(succeeded(rc)) << format_diags(diags);
            EXPECT_EQ(value, std::to_string(i + 7));
        }
        ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, a->get(), SQL_ROLLBACK),
                  collect_diags(SQL_HANDLE_DBC, a->get()));
    }
}

TEST_F(PoolerTest, MaxRowsLimitsAResultThroughThePooler) {
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    Statement stmt(a->get());
    ASSERT_OK(SQLSetStmtAttr(stmt.get(), SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(SQLULEN{5}), 0),
              stmt.diags());
    ASSERT_OK(SQLPrepare(stmt.get(), sql_text("SELECT g FROM generate_series(1, 100) g"), SQL_NTS),
              stmt.diags());
    for (int round = 0; round < 3; round++) {
        ASSERT_OK(SQLExecute(stmt.get()), stmt.diags());
        int rows = 0;
        while (SQLFetch(stmt.get()) == SQL_SUCCESS) {
            rows++;
        }
        EXPECT_EQ(rows, 5) << round;
        SQLFreeStmt(stmt.get(), SQL_CLOSE);
        EXPECT_EQ(scalar(*a, "SELECT 'between'"), std::optional<std::string>("between"));
    }
}

// What survives of StartupParams: PgBouncer 1.18 passes client_encoding,
// DateStyle, TimeZone, standard_conforming_strings and application_name
// to every server session it lends the client; any other parameter fails
// the connect unless ignore_startup_parameters names it, and then it is
// dropped without a word.
TEST_F(PoolerTest, StartupParamsThePoolerTracksSurviveAcrossServerSessions) {
    auto a = pooled("PoolerMode=transaction;ApplicationName=pooled_app;"
                    "StartupParams={TimeZone=Asia/Tokyo;DateStyle=German};");
    auto other = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(other);
    std::set<std::string> pids;
    for (int i = 0; i < 6; i++) {
        auto row = run_query(a->get(), "SELECT current_setting('TimeZone') || ' ' || "
                                       "current_setting('DateStyle') || ' ' || "
                                       "current_setting('application_name'), pg_backend_pid()");
        ASSERT_EQ(row.rc, SQL_SUCCESS) << format_diags(row.diags);
        EXPECT_EQ(row.row[0].value_or("?"), "Asia/Tokyo German, DMY pooled_app");
        pids.insert(row.row[1].value_or("?"));
        // The other client's sessions keep the server's settings.
        if (i % 2 == 0) {
            EXPECT_NE(scalar(*other, "SELECT current_setting('TimeZone')"),
                      std::optional<std::string>("Asia/Tokyo"));
        }
    }
    EXPECT_EQ(pids.size(), 2u);
}

// A SET of a parameter PgBouncer tracks (it reads the server's
// ParameterStatus) follows the client to every server session; a SET of
// any other parameter stays on the server session it ran on (README).
TEST_F(PoolerTest, SetOfATrackedParameterFollowsTheClientAcrossServerSessions) {
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    QueryResult set = run_query(a->get(), "SET TimeZone = 'Pacific/Auckland'");
    ASSERT_EQ(set.rc, SQL_SUCCESS) << format_diags(set.diags);
    std::set<std::string> pids;
    for (int i = 0; i < 6; i++) {
        QueryResult row = run_query(a->get(), "SELECT current_setting('TimeZone'), pg_backend_pid()");
        ASSERT_EQ(row.rc, SQL_SUCCESS) << format_diags(row.diags);
        EXPECT_EQ(row.row[0].value_or("?"), "Pacific/Auckland") << i;
        pids.insert(row.row[1].value_or("?"));
        if (i % 2 == 0) {
            EXPECT_NE(scalar(*b, "SELECT current_setting('TimeZone')"),
                      std::optional<std::string>("Pacific/Auckland"));
        }
    }
    EXPECT_EQ(pids.size(), 2u);
}

TEST_F(PoolerTest, StartupParamsThePoolerDoesNotKnowFailTheConnectNamingThem) {
    auto a = driver_connect(pooled_string("StartupParams={search_path=pooled_schema};"));
    EXPECT_CONNECT_FAILED(a);
    // The pooler's own FATAL, its SQLSTATE kept.
    EXPECT_DIAG(a->diags, "08P01", {"unsupported startup parameter", "search_path"});
}

TEST_F(PoolerTest, IgnoredStartupParamsConnectButAreDropped) {
    TearDown();
    started = false;
    folder.clear();
    start_pgbouncer("ignore_startup_parameters = search_path\n");
    auto a = driver_connect(pooled_string("StartupParams={search_path=pooled_schema};"));
    ASSERT_CONNECTED(a);
    EXPECT_EQ(scalar(*a, "SELECT current_setting('search_path')"),
              std::optional<std::string>("\"$user\", public"));
}

} // namespace
} // namespace pgo_test
