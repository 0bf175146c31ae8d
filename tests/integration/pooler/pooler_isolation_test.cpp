// SQL_ATTR_TXN_ISOLATION and SQL_ATTR_ACCESS_MODE through PgBouncer in
// transaction mode with PoolerMode=transaction: each transaction carries
// them in its BEGIN (manual commit), or an autocommit statement runs in a
// BEGIN ... COMMIT of its own, and nothing reaches the other clients that
// share the server sessions (a SET SESSION CHARACTERISTICS would). The
// fixture (pooler_fixture.h) keeps two server sessions in the pool and
// takes turns between them, so many transactions use both.
#include "pooler_fixture.h"

#include <set>
#include <vector>

namespace pgo_test {
namespace {

using namespace pooler;

class PoolerIsolationTest : public PoolerTest {
protected:
    // "level/read_only" of the statement's transaction; its backend pid into pid.
    std::string settings(Connection &connection, std::string *pid) {
        std::string text = scalar(connection, "SELECT current_setting('transaction_isolation') "
                                              "|| '/' || current_setting('transaction_read_only') "
                                              "|| '/' || pg_backend_pid()")
                               .value_or("");
        size_t last = text.rfind('/');
        if (last == std::string::npos) {
            return text;
        }
        *pid = text.substr(last + 1);
        return text.substr(0, last);
    }
};

SQLRETURN set_attr(Connection &connection, SQLINTEGER attribute, SQLULEN value) {
    return SQLSetConnectAttr(connection.get(), attribute, reinterpret_cast<SQLPOINTER>(value), 0);
}

SQLUINTEGER get_attr(Connection &connection, SQLINTEGER attribute) {
    SQLUINTEGER value = 12345;
    EXPECT_TRUE(succeeded(SQLGetConnectAttr(connection.get(), attribute, &value, 0, nullptr)));
    return value;
}

TEST_F(PoolerIsolationTest, ManualCommitTransactionsCarryTheLevelAndModeAndTheOtherClientKeepsTheDefaults) {
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    for (auto *connection : {a.get(), b.get()}) {
        ASSERT_EQ(set_attr(*connection, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF), SQL_SUCCESS);
    }
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS)
        << format_diags(collect_diags(SQL_HANDLE_DBC, a->get()));
    ASSERT_EQ(set_attr(*a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS)
        << format_diags(collect_diags(SQL_HANDLE_DBC, a->get()));
    std::set<std::string> a_pids;
    std::set<std::string> b_pids;
    for (int i = 0; i < 12; i++) {
        std::string pid;
        EXPECT_EQ(settings(*a, &pid), "serializable/on") << "transaction " << i;
        a_pids.insert(pid);
        ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, a->get(), SQL_COMMIT), SQL_SUCCESS);
        // B runs one or two: the turns of the round robin shift, so each
        // client meets both server sessions.
        for (int j = 0; j <= i % 2; j++) {
            EXPECT_EQ(settings(*b, &pid), "read committed/off") << "transaction " << i;
            b_pids.insert(pid);
            ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, b->get(), SQL_COMMIT), SQL_SUCCESS);
        }
    }
    EXPECT_EQ(a_pids.size(), 2u) << "A's transactions ran on both server sessions";
    EXPECT_EQ(b_pids.size(), 2u) << "B's transactions ran on both server sessions";
    EXPECT_EQ(get_attr(*a, SQL_ATTR_TXN_ISOLATION), static_cast<SQLUINTEGER>(SQL_TXN_SERIALIZABLE));
    EXPECT_EQ(get_attr(*a, SQL_ATTR_ACCESS_MODE), static_cast<SQLUINTEGER>(SQL_MODE_READ_ONLY));
}

TEST_F(PoolerIsolationTest, ManualCommitSerializableTransactionsKeepTheirSnapshotAndReadOnlyRefusesWrites) {
    auto owner = direct();
    ASSERT_CONNECTED(owner);
    std::string table = make_table(*owner, "id int");
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF), SQL_SUCCESS);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS);
    for (int i = 0; i < 4; i++) {
        // The snapshot is taken at the first statement: a row another
        // session commits later stays invisible until this transaction
        // ends (read committed would see it at once).
        auto before = scalar(*a, "SELECT count(*) FROM " + table);
        QueryResult inserted = run_query(owner->get(), "INSERT INTO " + table + " VALUES (1)");
        ASSERT_EQ(inserted.rc, SQL_SUCCESS) << format_diags(inserted.diags);
        EXPECT_EQ(scalar(*a, "SELECT count(*) FROM " + table), before) << "transaction " << i;
        ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, a->get(), SQL_COMMIT), SQL_SUCCESS);
        EXPECT_EQ(scalar(*a, "SELECT count(*) FROM " + table), std::to_string(i + 1));
        ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, a->get(), SQL_COMMIT), SQL_SUCCESS);
    }
    ASSERT_EQ(set_attr(*a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS);
    QueryResult refused = run_query(a->get(), "INSERT INTO " + table + " VALUES (2)");
    EXPECT_EQ(refused.rc, SQL_ERROR);
    EXPECT_TRUE(has_diag(refused.diags, "25006")) << format_diags(refused.diags);
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, a->get(), SQL_ROLLBACK), SQL_SUCCESS);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_WRITE), SQL_SUCCESS);
    QueryResult written = run_query(a->get(), "INSERT INTO " + table + " VALUES (3)");
    EXPECT_EQ(written.rc, SQL_SUCCESS) << format_diags(written.diags);
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, a->get(), SQL_COMMIT), SQL_SUCCESS);
    EXPECT_EQ(scalar(*owner, "SELECT count(*) FROM " + table + " WHERE id = 3"), "1");
    (void)run_query(owner->get(), "DROP TABLE " + table);
}

TEST_F(PoolerIsolationTest, AutocommitStatementsCarryTheLevelAndModeAndTheOtherClientKeepsTheDefaults) {
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS);
    std::set<std::string> a_pids;
    std::set<std::string> b_pids;
    for (int i = 0; i < 12; i++) {
        std::string pid;
        EXPECT_EQ(settings(*a, &pid), "serializable/on") << "statement " << i;
        a_pids.insert(pid);
        for (int j = 0; j <= i % 2; j++) { // shifts the turns, as above
            EXPECT_EQ(settings(*b, &pid), "read committed/off") << "statement " << i;
            b_pids.insert(pid);
        }
    }
    EXPECT_EQ(a_pids.size(), 2u) << "A's statements ran on both server sessions";
    EXPECT_EQ(b_pids.size(), 2u) << "B's statements ran on both server sessions";
    // Each statement's transaction is over: nothing holds a server session.
    EXPECT_EQ(scalar(*a, "SELECT 1"), "1");
    EXPECT_EQ(get_attr(*a, SQL_ATTR_TXN_ISOLATION), static_cast<SQLUINTEGER>(SQL_TXN_SERIALIZABLE));
    EXPECT_EQ(get_attr(*a, SQL_ATTR_ACCESS_MODE), static_cast<SQLUINTEGER>(SQL_MODE_READ_ONLY));
}

TEST_F(PoolerIsolationTest, AFailedAutocommitStatementInItsOwnTransactionIsRolledBackAndTheNextRuns) {
    auto owner = direct();
    ASSERT_CONNECTED(owner);
    std::string table = make_table(*owner, "id int");
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS);
    for (int i = 0; i < 4; i++) {
        QueryResult refused = run_query(a->get(), "INSERT INTO " + table + " VALUES (1)");
        EXPECT_EQ(refused.rc, SQL_ERROR);
        EXPECT_TRUE(has_diag(refused.diags, "25006")) << format_diags(refused.diags);
        std::string pid;
        EXPECT_EQ(settings(*a, &pid), "read committed/on");
        // B is not kept waiting by a failed transaction left open.
        QueryResult written = run_query(b->get(), "INSERT INTO " + table + " VALUES (2)");
        EXPECT_EQ(written.rc, SQL_SUCCESS) << format_diags(written.diags);
    }
    EXPECT_EQ(scalar(*owner, "SELECT count(*) FROM " + table), "4");
    (void)run_query(owner->get(), "DROP TABLE " + table);
}

TEST_F(PoolerIsolationTest, AutocommitPreparedStreamedAndMultiStatementTextsRunInTheirOwnTransaction) {
    auto a = pooled("PoolerMode=transaction;");
    auto b = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_CONNECTED(b);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_REPEATABLE_READ), SQL_SUCCESS);
    {
        // Prepared, with a parameter (the unnamed statement after the BEGIN).
        Statement stmt(a->get());
        ASSERT_OK(SQLPrepare(stmt.get(),
                             sql_text("SELECT current_setting('transaction_isolation') || ?"),
                             SQL_NTS),
                  stmt.diags());
        char suffix[8] = "!";
        SQLLEN suffix_length = SQL_NTS;
        ASSERT_OK(SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 8, 0,
                                   suffix, sizeof suffix, &suffix_length),
                  stmt.diags());
        for (int i = 0; i < 4; i++) {
            ASSERT_OK(SQLExecute(stmt.get()), stmt.diags());
            ASSERT_OK(SQLFetch(stmt.get()), stmt.diags());
            SQLRETURN rc = SQL_ERROR;
            Diags diags;
            EXPECT_EQ(get_text(stmt.get(), 1, &rc, &diags), "repeatable read!");
            SQLFreeStmt(stmt.get(), SQL_CLOSE);
        }
    }
    {
        // A long result streamed while B works: the COMMIT follows its last row.
        Statement stmt(a->get());
        ASSERT_OK(SQLExecDirect(stmt.get(),
                                sql_text("SELECT g, current_setting('transaction_isolation') "
                                         "FROM generate_series(1, 50000) g"),
                                SQL_NTS),
                  stmt.diags());
        long rows = 0;
        SQLRETURN rc;
        while ((rc = SQLFetch(stmt.get())) == SQL_SUCCESS) {
            if (++rows % 10000 == 0) {
                std::string pid;
                EXPECT_EQ(settings(*b, &pid), "read committed/off");
            }
        }
        EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt.diags());
        EXPECT_EQ(rows, 50000);
    }
    {
        // A row limit (a suspended portal, then the COMMIT).
        Statement stmt(a->get());
        SQLSetStmtAttr(stmt.get(), SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(3), 0);
        ASSERT_OK(SQLExecDirect(stmt.get(), sql_text("SELECT g FROM generate_series(1, 10) g"),
                                SQL_NTS),
                  stmt.diags());
        int rows = 0;
        while (SQLFetch(stmt.get()) == SQL_SUCCESS) {
            rows++;
        }
        EXPECT_EQ(rows, 3);
    }
    std::string pid;
    EXPECT_EQ(settings(*a, &pid), "repeatable read/off");
    {
        // Several statements in one text (the simple protocol).
        Statement stmt(a->get());
        ASSERT_OK(SQLExecDirect(stmt.get(),
                                sql_text("SELECT 1; SELECT current_setting('transaction_isolation')"),
                                SQL_NTS),
                  stmt.diags());
        ASSERT_OK(SQLMoreResults(stmt.get()), stmt.diags());
        ASSERT_OK(SQLFetch(stmt.get()), stmt.diags());
        SQLRETURN rc = SQL_ERROR;
        Diags diags;
        EXPECT_EQ(get_text(stmt.get(), 1, &rc, &diags), "repeatable read");
    }
    for (int i = 0; i < 4; i++) {
        EXPECT_EQ(settings(*b, &pid), "read committed/off");
        EXPECT_EQ(settings(*a, &pid), "repeatable read/off");
    }
}

TEST_F(PoolerIsolationTest, TheServersDefaultLevelSetExplicitlyLeavesAutocommitStatementsAlone) {
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_COMMITTED), SQL_SUCCESS);
    // VACUUM cannot run inside a transaction block: it runs, so no BEGIN
    // went before it.
    QueryResult vacuumed = run_query(a->get(), "VACUUM pg_catalog.pg_am");
    EXPECT_EQ(vacuumed.rc, SQL_SUCCESS) << format_diags(vacuumed.diags);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS);
    QueryResult refused = run_query(a->get(), "VACUUM pg_catalog.pg_am");
    EXPECT_EQ(refused.rc, SQL_ERROR) << "documented: such a statement needs the default level";
    EXPECT_TRUE(has_diag(refused.diags, "25001")) << format_diags(refused.diags);
    std::string pid;
    EXPECT_EQ(settings(*a, &pid), "serializable/off");
}

TEST_F(PoolerIsolationTest, AnAutocommitParameterArrayRunsWholeInOneTransactionOfTheLevel) {
    auto owner = direct();
    ASSERT_CONNECTED(owner);
    std::string table = make_table(*owner, "id int4, level text");
    auto a = pooled("PoolerMode=transaction;");
    ASSERT_CONNECTED(a);
    ASSERT_EQ(set_attr(*a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS);
    constexpr SQLULEN rows = 20;
    std::vector<SQLINTEGER> ids(rows);
    std::vector<SQLLEN> indicators(rows, 0);
    for (SQLULEN i = 0; i < rows; i++) {
        ids[i] = static_cast<SQLINTEGER>(i + 1);
    }
    Statement stmt(a->get());
    SQLSetStmtAttr(stmt.get(), SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(rows), 0);
    SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0,
                     indicators.data());
    std::string sql = "INSERT INTO " + table +
                      " VALUES (?, current_setting('transaction_isolation'))";
    SQLRETURN rc = SQLExecDirect(stmt.get(), sql_text(sql), SQL_NTS);
    // The connection's BEGIN .. COMMIT wraps the array, which then adds no
    // BEGIN of its own (the server would warn about it: 01000).
    EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(stmt.diags());
    EXPECT_EQ(scalar(*owner, "SELECT count(*) || '/' || min(level) || '/' || max(level) FROM " +
                                 table),
              "20/serializable/serializable");
    std::string pid;
    EXPECT_EQ(settings(*a, &pid), "serializable/off");
    (void)run_query(owner->get(), "DROP TABLE " + table);
}

} // namespace
} // namespace pgo_test
