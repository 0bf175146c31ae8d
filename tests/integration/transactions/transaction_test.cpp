// Transactions through the driver manager: autocommit off with commit and
// rollback seen from a second connection, isolation levels and read-only
// mode as the server sees them, HY011 inside a transaction, the failed
// transaction (25P02 until rollback, and on COMMIT), autocommit switched on
// inside a transaction, a streaming cursor surviving SQLEndTran, HY012,
// the StatementRollback keyword, SQLEndTran on the environment handle, and
// SQLGetInfo's transaction answers.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class TransactionTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        table = std::string("tx_") +
                ::testing::UnitTest::GetInstance()->current_test_info()->name();
        table = to_lower(table);
        connection = Connect("");
        ASSERT_CONNECTED(connection);
        ASSERT_TRUE(succeeded(Exec(*connection, "DROP TABLE IF EXISTS " + table)))
            << format_diags(last_diags);
        ASSERT_EQ(Exec(*connection, "CREATE TABLE " + table + " (v int PRIMARY KEY)"),
                  SQL_SUCCESS);
    }
    void TearDown() override {
        if (connection && connection->connected) {
            SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK);
            SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                              reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0);
            SQLSetConnectAttr(connection->get(), SQL_ATTR_ACCESS_MODE,
                              reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_WRITE), 0);
            Exec(*connection, "DROP TABLE IF EXISTS " + table);
        }
        connection.reset();
    }

    std::unique_ptr<Connection> Connect(const std::string &extra) {
        return driver_connect(tcp_string("pgo_trust") + extra);
    }
    // Runs sql on a new statement; the diagnostics land in last_diags.
    SQLRETURN Exec(const Connection &on, const std::string &sql) {
        Statement stmt(on.get());
        SQLRETURN rc = SQLExecDirect(
            stmt.get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS);
        last_diags = stmt.diags();
        return rc;
    }
    SQLRETURN SetAttr(const Connection &on, SQLINTEGER attribute, SQLULEN value) {
        SQLRETURN rc = SQLSetConnectAttr(on.get(), attribute,
                                         reinterpret_cast<SQLPOINTER>(value), 0);
        last_diags = collect_diags(SQL_HANDLE_DBC, on.get());
        return rc;
    }
    SQLUINTEGER GetAttr(const Connection &on, SQLINTEGER attribute) {
        SQLUINTEGER value = 0xdead;
        EXPECT_EQ(SQLGetConnectAttr(on.get(), attribute, &value, 0, nullptr), SQL_SUCCESS)
            << format_diags(collect_diags(SQL_HANDLE_DBC, on.get()));
        return value;
    }
    SQLRETURN EndTran(const Connection &on, SQLSMALLINT completion) {
        SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, on.get(), completion);
        last_diags = collect_diags(SQL_HANDLE_DBC, on.get());
        return rc;
    }
    std::string Count(const Connection &on) {
        return scalar(on, "SELECT count(*) FROM " + table).value_or("?");
    }
    std::string Values(const Connection &on) {
        return scalar(on, "SELECT coalesce(string_agg(v::text, ',' ORDER BY v), '') FROM " +
                              table)
            .value_or("?");
    }
    void ManualCommit(const Connection &on) {
        ASSERT_EQ(SetAttr(on, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF), SQL_SUCCESS)
            << format_diags(last_diags);
    }

    std::string table;
    std::unique_ptr<Connection> connection;
    Diags last_diags;
};

TEST_F(TransactionTest, AutocommitIsOnByDefaultAndEveryStatementCommits) {
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_AUTOCOMMIT), SQL_AUTOCOMMIT_ON);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    auto other = Connect("");
    ASSERT_CONNECTED(other);
    EXPECT_EQ(Count(*other), "1");
    // Each statement is its own transaction: two see different start times.
    auto first = scalar(*connection, "SELECT now()::text");
    auto second = scalar(*connection, "SELECT now()::text");
    EXPECT_NE(first, second);
    EXPECT_EQ(scalar(*connection, "SHOW transaction_isolation"), "read committed");
}

TEST_F(TransactionTest, RollbackWithAutocommitOffRemovesTheRow) {
    ManualCommit(*connection);
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_AUTOCOMMIT), SQL_AUTOCOMMIT_OFF);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(Count(*connection), "1");
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(Count(*connection), "0");
}

TEST_F(TransactionTest, CommitWithAutocommitOffMakesTheRowVisibleToAnotherConnection) {
    auto other = Connect("");
    ASSERT_CONNECTED(other);
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (2)"), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(Count(*other), "0") << "not committed yet";
    ASSERT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(Values(*other), "1,2");
    // The next statement opens a new transaction: rolled back, it is gone.
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (3)"), SQL_SUCCESS);
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS);
    EXPECT_EQ(Values(*other), "1,2");
}

TEST_F(TransactionTest, SeveralStatementsInOneTextRunInsideTheTransaction) {
    // Sent with the simple protocol: BEGIN cannot travel in the same
    // exchange, so it runs just before (odbc_dbc_run_before_simple_statement).
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1); INSERT INTO " + table +
                                    " VALUES (2)"),
              SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(Count(*connection), "0");
}

TEST_F(TransactionTest, PreparedStatementsRunInsideTheTransaction) {
    ManualCommit(*connection);
    Statement stmt(connection->get());
    std::string sql = "INSERT INTO " + table + " VALUES (7)";
    ASSERT_EQ(SQLPrepare(stmt.get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())),
                         SQL_NTS),
              SQL_SUCCESS)
        << format_diags(stmt.diags());
    ASSERT_EQ(SQLExecute(stmt.get()), SQL_SUCCESS) << format_diags(stmt.diags());
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS);
    EXPECT_EQ(Count(*connection), "0");
    // Still prepared after the rollback (SQL_CB_PRESERVE).
    ASSERT_EQ(SQLExecute(stmt.get()), SQL_SUCCESS) << format_diags(stmt.diags());
    ASSERT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS);
    EXPECT_EQ(Values(*connection), "7");
}

TEST_F(TransactionTest, EachIsolationLevelIsTheServersInsideATransaction) {
    const std::pair<SQLUINTEGER, const char *> levels[] = {
        {SQL_TXN_READ_UNCOMMITTED, "read uncommitted"},
        {SQL_TXN_READ_COMMITTED, "read committed"},
        {SQL_TXN_REPEATABLE_READ, "repeatable read"},
        {SQL_TXN_SERIALIZABLE, "serializable"}};
    ManualCommit(*connection);
    for (const auto &[level, name] : levels) {
        ASSERT_EQ(SetAttr(*connection, SQL_ATTR_TXN_ISOLATION, level), SQL_SUCCESS)
            << name << format_diags(last_diags);
        EXPECT_EQ(GetAttr(*connection, SQL_ATTR_TXN_ISOLATION), level) << name;
        // The first statement opens the transaction with the level set.
        EXPECT_EQ(scalar(*connection, "SHOW transaction_isolation"), name);
        auto first = scalar(*connection, "SELECT now()::text");
        auto second = scalar(*connection, "SELECT now()::text");
        EXPECT_EQ(first, second) << name << ": the statements run in one transaction";
        ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS) << format_diags(last_diags);
    }
}

TEST_F(TransactionTest, IsolationSetBeforeConnectingIsAppliedAtConnect) {
    auto other = std::make_unique<Connection>(env->get());
    ASSERT_EQ(SetAttr(*other, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(SetAttr(*other, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS)
        << format_diags(last_diags);
    std::string text = tcp_string("pgo_trust");
    std::vector<SQLCHAR> out(1024);
    SQLSMALLINT out_length = 0;
    other->rc = SQLDriverConnect(other->get(), nullptr,
                                 reinterpret_cast<SQLCHAR *>(const_cast<char *>(text.c_str())),
                                 SQL_NTS, out.data(), static_cast<SQLSMALLINT>(out.size()),
                                 &out_length, SQL_DRIVER_NOPROMPT);
    other->diags = collect_diags(SQL_HANDLE_DBC, other->get());
    other->connected = succeeded(other->rc);
    ASSERT_CONNECTED(other);
    EXPECT_EQ(scalar(*other, "SELECT current_setting('transaction_isolation') || ' ' || "
                             "current_setting('transaction_read_only')"),
              "serializable on");
    EXPECT_EQ(GetAttr(*other, SQL_ATTR_TXN_ISOLATION), SQL_TXN_SERIALIZABLE);
    EXPECT_EQ(GetAttr(*other, SQL_ATTR_ACCESS_MODE), SQL_MODE_READ_ONLY);
}

TEST_F(TransactionTest, WithoutASettingTheIsolationIsTheServersDefault) {
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_TXN_ISOLATION), SQL_TXN_READ_COMMITTED);
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_ACCESS_MODE), SQL_MODE_READ_WRITE);
}

TEST_F(TransactionTest, ChangingTheIsolationInsideATransactionIsHY011) {
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_ERROR);
    EXPECT_DIAG(last_diags, "HY011", {"SQL_ATTR_TXN_ISOLATION", "SQLEndTran"});
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_TXN_ISOLATION), SQL_TXN_READ_COMMITTED);
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_ERROR);
    EXPECT_DIAG(last_diags, "HY011", {"SQL_ATTR_ACCESS_MODE"});
    // The transaction is untouched and can still commit.
    ASSERT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(Count(*connection), "1");  // opens the next transaction
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_ERROR);
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS);
    ASSERT_EQ(SetAttr(*connection, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(scalar(*connection, "SHOW transaction_isolation"), "serializable");
}

TEST_F(TransactionTest, BadAttributeValuesAreHY024) {
    // The driver manager may answer first (unixODBC checks these two).
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_TXN_ISOLATION, 3), SQL_ERROR);
    EXPECT_DIAG(last_diags, "HY024", {});
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_AUTOCOMMIT, 5), SQL_ERROR);
    EXPECT_DIAG(last_diags, "HY024", {});
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_ACCESS_MODE, 9), SQL_ERROR);
    EXPECT_DIAG(last_diags, "HY024", {});
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_AUTOCOMMIT), SQL_AUTOCOMMIT_ON);
}

TEST_F(TransactionTest, ReadOnlyAccessModeRefusesAWrite) {
    ASSERT_EQ(SetAttr(*connection, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_ACCESS_MODE), SQL_MODE_READ_ONLY);
    // Autocommit statements are read-only too.
    EXPECT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25006", {});
    ManualCommit(*connection);
    EXPECT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25006", {});
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS);
    ASSERT_EQ(SetAttr(*connection, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_WRITE), SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS);
    EXPECT_EQ(Count(*connection), "1");
}

TEST_F(TransactionTest, AFailedTransactionAnswers25P02UntilRollback) {
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    EXPECT_EQ(Exec(*connection, "SELECT 1 / 0"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "22012", {});
    EXPECT_EQ(Exec(*connection, "SELECT 1"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25P02", {});
    EXPECT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (2)"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25P02", {});
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(Count(*connection), "0");
}

TEST_F(TransactionTest, CommitOfAFailedTransactionIs25P02AndRollsBack) {
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    EXPECT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "23505", {});
    EXPECT_EQ(EndTran(*connection, SQL_COMMIT), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25P02", {"rolled", "back"});
    // The transaction is over: the next one starts clean.
    EXPECT_EQ(Count(*connection), "0");
    ASSERT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS) << format_diags(last_diags);
}

TEST_F(TransactionTest, SwitchingAutocommitOnInsideATransactionCommitsIt) {
    auto other = Connect("");
    ASSERT_CONNECTED(other);
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    EXPECT_EQ(Count(*other), "0");
    ASSERT_EQ(SetAttr(*connection, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_ON), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(Count(*other), "1");
    // Autocommit again: a rollback has nothing to undo.
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (2)"), SQL_SUCCESS);
    ASSERT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS);
    EXPECT_EQ(Values(*other), "1,2");
}

TEST_F(TransactionTest, SwitchingAutocommitOnInAFailedTransactionReports25P02) {
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    EXPECT_EQ(Exec(*connection, "SELECT 1 / 0"), SQL_ERROR);
    EXPECT_EQ(SetAttr(*connection, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_ON), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25P02", {});
    EXPECT_EQ(GetAttr(*connection, SQL_ATTR_AUTOCOMMIT), SQL_AUTOCOMMIT_ON);
    EXPECT_EQ(Count(*connection), "0");
}

TEST_F(TransactionTest, AStreamingCursorSurvivesCommit) {
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    Statement cursor(connection->get());
    ASSERT_EQ(SQLExecDirect(cursor.get(),
                            reinterpret_cast<SQLCHAR *>(const_cast<char *>(
                                "SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g")),
                            SQL_NTS),
              SQL_SUCCESS)
        << format_diags(cursor.diags());
    long long sum = 0;
    long rows = 0;
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLBindCol(cursor.get(), 1, SQL_C_SLONG, &value, 0, &indicator), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(cursor.get()), SQL_SUCCESS) << format_diags(cursor.diags());
    sum += value;
    rows++;
    ASSERT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS) << format_diags(last_diags);
    SQLRETURN rc;
    while ((rc = SQLFetch(cursor.get())) == SQL_SUCCESS) {
        sum += value;
        rows++;
    }
    EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(cursor.diags());
    EXPECT_EQ(rows, 20000);
    EXPECT_EQ(sum, 20000LL * 20001LL / 2);
    auto other = Connect("");
    ASSERT_CONNECTED(other);
    EXPECT_EQ(Count(*other), "1");
}

TEST_F(TransactionTest, EndTranWithABadCompletionTypeIsHY012) {
    EXPECT_EQ(EndTran(*connection, 7), SQL_ERROR);
    EXPECT_DIAG(last_diags, "HY012", {});
}

TEST_F(TransactionTest, EndTranWithNothingOpenSucceedsAndDoesNothing) {
    ManualCommit(*connection);
    EXPECT_EQ(EndTran(*connection, SQL_COMMIT), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(EndTran(*connection, SQL_ROLLBACK), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_TRUE(last_diags.empty()) << format_diags(last_diags);
}

TEST_F(TransactionTest, StatementRollbackUndoesOnlyTheFailedStatement) {
    auto rollback = Connect("StatementRollback=1;");
    ASSERT_CONNECTED(rollback);
    ManualCommit(*rollback);
    ASSERT_EQ(Exec(*rollback, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(Exec(*rollback, "INSERT INTO " + table + " VALUES (1)"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "23505", {});
    ASSERT_EQ(Exec(*rollback, "INSERT INTO " + table + " VALUES (2)"), SQL_SUCCESS)
        << format_diags(last_diags);
    EXPECT_EQ(Exec(*rollback, "SELECT 1 / 0"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "22012", {});
    ASSERT_EQ(Exec(*rollback, "INSERT INTO " + table + " VALUES (3)"), SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(EndTran(*rollback, SQL_COMMIT), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_EQ(Values(*connection), "1,2,3");
}

TEST_F(TransactionTest, StatementRollbackAllowsCommitAsSql) {
    auto rollback = Connect("StatementRollback=1;");
    ASSERT_CONNECTED(rollback);
    ManualCommit(*rollback);
    ASSERT_EQ(Exec(*rollback, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    ASSERT_EQ(Exec(*rollback, "COMMIT"), SQL_SUCCESS) << format_diags(last_diags);
    EXPECT_TRUE(last_diags.empty()) << format_diags(last_diags);
    ASSERT_EQ(Exec(*rollback, "INSERT INTO " + table + " VALUES (2)"), SQL_SUCCESS)
        << format_diags(last_diags);
    ASSERT_EQ(EndTran(*rollback, SQL_ROLLBACK), SQL_SUCCESS);
    EXPECT_EQ(Values(*connection), "1");
}

TEST_F(TransactionTest, WithoutStatementRollbackAnErrorFailsTheWholeTransaction) {
    ManualCommit(*connection);
    ASSERT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    EXPECT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (1)"), SQL_ERROR);
    EXPECT_EQ(Exec(*connection, "INSERT INTO " + table + " VALUES (2)"), SQL_ERROR);
    EXPECT_DIAG(last_diags, "25P02", {});
    EXPECT_EQ(EndTran(*connection, SQL_COMMIT), SQL_ERROR);
    EXPECT_EQ(Values(*connection), "");
}

TEST_F(TransactionTest, EndTranOnTheEnvironmentCommitsEveryConnection) {
    auto first = Connect("");
    auto second = Connect("");
    ASSERT_CONNECTED(first);
    ASSERT_CONNECTED(second);
    ManualCommit(*first);
    ManualCommit(*second);
    ASSERT_EQ(Exec(*first, "INSERT INTO " + table + " VALUES (1)"), SQL_SUCCESS);
    ASSERT_EQ(Exec(*second, "INSERT INTO " + table + " VALUES (2)"), SQL_SUCCESS);
    EXPECT_EQ(Count(*connection), "0");
    SQLRETURN rc = SQLEndTran(SQL_HANDLE_ENV, env->get(), SQL_COMMIT);
    EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(collect_diags(SQL_HANDLE_ENV, env->get()));
    EXPECT_EQ(Values(*connection), "1,2");
    ASSERT_EQ(Exec(*first, "INSERT INTO " + table + " VALUES (3)"), SQL_SUCCESS);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_ENV, env->get(), SQL_ROLLBACK), SQL_SUCCESS);
    EXPECT_EQ(Values(*connection), "1,2");
}

TEST_F(TransactionTest, GetInfoTellsTheTransactionBehaviour) {
    SQLUSMALLINT small = 0;
    SQLUINTEGER integer = 0;
    ASSERT_EQ(SQLGetInfo(connection->get(), SQL_TXN_CAPABLE, &small, sizeof small, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(small, SQL_TC_ALL);
    ASSERT_EQ(SQLGetInfo(connection->get(), SQL_CURSOR_COMMIT_BEHAVIOR, &small, sizeof small,
                         nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(small, SQL_CB_PRESERVE);
    ASSERT_EQ(SQLGetInfo(connection->get(), SQL_CURSOR_ROLLBACK_BEHAVIOR, &small, sizeof small,
                         nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(small, SQL_CB_PRESERVE);
    ASSERT_EQ(SQLGetInfo(connection->get(), SQL_DEFAULT_TXN_ISOLATION, &integer, sizeof integer,
                         nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(integer, static_cast<SQLUINTEGER>(SQL_TXN_READ_COMMITTED));
    ASSERT_EQ(SQLGetInfo(connection->get(), SQL_TXN_ISOLATION_OPTION, &integer, sizeof integer,
                         nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(integer, static_cast<SQLUINTEGER>(SQL_TXN_READ_UNCOMMITTED |
                                                SQL_TXN_READ_COMMITTED |
                                                SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE));
    char text[8] = "";
    ASSERT_EQ(SQLGetInfo(connection->get(), SQL_MULTIPLE_ACTIVE_TXN, text, sizeof text, nullptr),
              SQL_SUCCESS);
    EXPECT_STREQ(text, "Y");
}

TEST_F(TransactionTest, DefaultIsolationFollowsTheServersConfiguration) {
    // A session whose default is repeatable read: both the attribute (never
    // set) and SQL_DEFAULT_TXN_ISOLATION say so.
    auto other =
        Connect("StartupParams={default_transaction_isolation=repeatable read};");
    ASSERT_CONNECTED(other);
    SQLUINTEGER integer = 0;
    ASSERT_EQ(SQLGetInfo(other->get(), SQL_DEFAULT_TXN_ISOLATION, &integer, sizeof integer,
                         nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(integer, static_cast<SQLUINTEGER>(SQL_TXN_REPEATABLE_READ));
    EXPECT_EQ(GetAttr(*other, SQL_ATTR_TXN_ISOLATION), SQL_TXN_REPEATABLE_READ);
}

} // namespace
} // namespace pgo_test
