// Server statements the driver keeps on its own (README, "Prepared
// statements"): texts executed directly are kept prepared by a per-
// connection LRU (StatementCache=N, 0 turns it off), keyed by the text and
// the parameter types, so a repeated text with other parameter types still
// gets those types; a prepared statement whose bindings name other types
// than the server statement has is parsed again, without leaving the old
// server statement behind.
#include "params/params_support.h"

namespace pgo_test {
namespace {

class PreparedStatementCacheTest : public ParamFixture {
protected:
    // How many of this connection's pgodbc_ statements hold text containing
    // fragment (split in the check query so it never matches itself).
    std::string server_statements_containing(const std::string &fragment) {
        size_t half = fragment.size() / 2;
        return value_of("SELECT count(*) FROM pg_prepared_statements "
                        "WHERE name LIKE 'pgodbc\\_%' AND strpos(statement, '" +
                        fragment.substr(0, half) + "' || '" + fragment.substr(half) + "') > 0");
    }
    // pg_typeof of parameter 1 as bound, through SQLExecDirect.
    std::string type_of_bound() { return select_value("SELECT pg_typeof(?)::text"); }
};

TEST_F(PreparedStatementCacheTest, RepeatedExecDirectFollowsEachBindingsType) {
    SQLINTEGER integer_value = 1;
    SQLDOUBLE double_value = 1.5;
    SQLBIGINT big_value = 2;
    SQLLEN indicator = 0;
    for (int round = 0; round < 2; ++round) {
        ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &integer_value, 0, &indicator), diags());
        EXPECT_EQ(type_of_bound(), "integer");
        ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_DOUBLE, &double_value, 0, &indicator), diags());
        EXPECT_EQ(type_of_bound(), "double precision");
        ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_BIGINT, &big_value, 0, &indicator), diags());
        EXPECT_EQ(type_of_bound(), "bigint");
    }
}

TEST_F(PreparedStatementCacheTest, RepeatedExecDirectSeesNewValues) {
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    std::string seen;
    for (SQLINTEGER each : {1, 2, 3, 4}) {
        value = each;
        seen += select_value("SELECT ? * 100") + ";";
    }
    indicator = SQL_NULL_DATA;
    seen += select_value("SELECT ? * 100");
    EXPECT_EQ(seen, "100;200;300;400;NULL");
}

TEST_F(PreparedStatementCacheTest, PreparedSelectMarkerBoundAsDoubleAfterPrepareReturnsFloat8) {
    std::string sql = "SELECT ? AS " + unique_name("dbl");
    ASSERT_OK(prepare(sql), diags()); // nothing bound: the server infers text
    SQLDOUBLE value = 2.5;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_DOUBLE, &value, 0, &indicator), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    SQLSMALLINT type = 0;
    ASSERT_OK(SQLDescribeCol(h(), 1, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr),
              diags());
    EXPECT_EQ(type, SQL_DOUBLE);
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"2.5"});
    SQLFreeStmt(h(), SQL_CLOSE);
    value = -0.125;
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"-0.125"});
    SQLFreeStmt(h(), SQL_CLOSE);
    // Parsed again once, and the first server statement is not left behind.
    EXPECT_EQ(value_of("SELECT 1"), "1");
    EXPECT_EQ(server_statements_containing(unique_name("dbl")), "1");
}

TEST_F(PreparedStatementCacheTest, PreparedOverloadBoundAsIntegerAfterPrepareCallsIntVersion) {
    std::string function = unique_name("g");
    run("CREATE FUNCTION " + function + "(int) RETURNS text LANGUAGE sql AS $$SELECT 'int'$$");
    run("CREATE FUNCTION " + function + "(text) RETURNS text LANGUAGE sql AS $$SELECT 'text'$$");
    cleanup.push_back("DROP FUNCTION IF EXISTS " + function + "(int)");
    cleanup.push_back("DROP FUNCTION IF EXISTS " + function + "(text)");
    ASSERT_OK(prepare("SELECT " + function + "(?)"), diags());
    SQLINTEGER value = 3;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"int"});
}

class PreparedStatementCacheSizeTest : public PreparedStatementCacheTest {
protected:
    std::string extra_keywords() const override { return "StatementCache=3;"; }
};

TEST_F(PreparedStatementCacheSizeTest, CacheKeepsTheLastTextsAndClosesTheRest) {
    std::string tag = unique_name("lru");
    for (int i = 1; i <= 5; ++i) {
        std::string sql = "SELECT " + std::to_string(i) + " AS " + tag + "_" + std::to_string(i);
        EXPECT_EQ(select_value(sql), std::to_string(i));
    }
    // Checked through a prepared statement: a text executed directly would
    // enter the cache itself and push the others out. Its exchange carries
    // the pending Closes.
    std::string check = "SELECT string_agg(substr(statement, 8, 1), '' ORDER BY statement) "
                        "FROM pg_prepared_statements WHERE name LIKE 'pgodbc\\_%' AND "
                        "strpos(statement, '" + tag.substr(0, 6) + "' || '" + tag.substr(6) +
                        "') > 0";
    Statement other(connection->get());
    ASSERT_OK(SQLPrepare(other.get(), text(check), SQL_NTS), other.diags());
    ASSERT_OK(SQLExecute(other.get()), other.diags());
    // The three newest texts stay prepared (StatementCache=3), in order.
    EXPECT_EQ(fetch_row(other.get()), std::vector<std::string>{"345"});
}

class PreparedStatementCacheOffTest : public PreparedStatementCacheTest {
protected:
    std::string extra_keywords() const override { return "StatementCache=0;"; }
};

TEST_F(PreparedStatementCacheOffTest, NoServerStatementIsKeptForExecDirect) {
    std::string tag = unique_name("off");
    SQLINTEGER value = 9;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(select_value("SELECT ? AS " + tag), "9");
    }
    EXPECT_EQ(value_of("SELECT 1"), "1");
    EXPECT_EQ(server_statements_containing(tag), "0");
}

TEST_F(PreparedStatementCacheTest, ExecDirectWorksAgainAfterDeallocateAll) {
    std::string sql = "SELECT 7 AS " + unique_name("dealloc");
    EXPECT_EQ(select_value(sql), "7");
    EXPECT_EQ(select_value(sql), "7");
    run("DEALLOCATE ALL");
    // README: an entry whose statement the server dropped fails once and is
    // parsed again on the next execution.
    SQLRETURN rc = exec(sql);
    Diags first = diags();
    SQLFreeStmt(h(), SQL_CLOSE);
    if (!succeeded(rc)) {
        EXPECT_DIAG(first, "26000", {});
    }
    EXPECT_EQ(select_value(sql), "7");
}

TEST_F(PreparedStatementCacheTest, CloseKeepsThePreparedStatement) {
    std::string sql = "SELECT ?::int4 AS " + unique_name("close");
    SQLINTEGER value = 4;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(prepare(sql), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), diags());
    EXPECT_EQ(value_of("SELECT 1"), "1");
    EXPECT_EQ(server_statements_containing(unique_name("close")), "1");
    value = 5;
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"5"});
}

TEST_F(PreparedStatementCacheTest, ExecDirectOnAPreparedHandleClosesItsServerStatement) {
    std::string prepared_sql = "SELECT 1 AS " + unique_name("replaced");
    ASSERT_OK(prepare(prepared_sql), diags());
    EXPECT_EQ(server_statements_containing(unique_name("replaced")), "1");
    EXPECT_EQ(select_value("SELECT 2"), "2"); // same handle, direct execution
    EXPECT_EQ(value_of("SELECT 3"), "3");
    EXPECT_EQ(server_statements_containing(unique_name("replaced")), "0");
    EXPECT_EQ(SQLExecute(h()), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY010", {});
}

} // namespace
} // namespace pgo_test
