// Statement basics through the driver manager: direct execution, fetching,
// SQLGetData (whole, NULL, piecewise with 01004), row counts, several
// results from one string, the server's SQLSTATE passed through, and
// result-set metadata.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class StatementTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
        ASSERT_TRUE(stmt->get() != SQL_NULL_HSTMT);
    }
    void TearDown() override {
        stmt.reset();
        connection.reset();
    }

    SQLRETURN exec(const std::string &sql) {
        return SQLExecDirect(h(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS);
    }
    SQLHSTMT h() const { return stmt->get(); }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
};

TEST_F(StatementTest, ExecDirectFetchAndGetDataAsText) {
    ASSERT_EQ(exec("SELECT 'abc'::text, 42, -7.5::numeric"), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    char text[32];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
    EXPECT_STREQ(text, "abc");
    EXPECT_EQ(indicator, 3);
    ASSERT_EQ(SQLGetData(h(), 2, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
    EXPECT_STREQ(text, "42");
    ASSERT_EQ(SQLGetData(h(), 3, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
    EXPECT_STREQ(text, "-7.5");
    EXPECT_EQ(SQLFetch(h()), SQL_NO_DATA);
}

TEST_F(StatementTest, FetchWalksEveryRowThenNoData) {
    ASSERT_EQ(exec("SELECT g FROM generate_series(1, 5) AS g ORDER BY g"), SQL_SUCCESS)
        << format_diags(stmt->diags());
    std::string seen;
    SQLRETURN rc;
    while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
        char text[16];
        SQLLEN indicator = 0;
        ASSERT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
        seen += text;
    }
    EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt->diags());
    EXPECT_EQ(seen, "12345");
}

TEST_F(StatementTest, NullValueGivesNullDataIndicator) {
    ASSERT_EQ(exec("SELECT NULL::text"), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    char text[8] = "x";
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, SQL_NULL_DATA);
}

TEST_F(StatementTest, GetDataInPiecesReturns01004ThenTheRest) {
    ASSERT_EQ(exec("SELECT repeat('x', 25) || 'END'"), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    char piece[10];
    SQLLEN indicator = 0;
    SQLRETURN rc = SQLGetData(h(), 1, SQL_C_CHAR, piece, sizeof piece, &indicator);
    ASSERT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_DIAG(stmt->diags(), "01004", {});
    EXPECT_EQ(indicator, 28) << "the first call reports the whole length";
    EXPECT_STREQ(piece, "xxxxxxxxx");
    std::string value = piece;
    int calls = 1;
    while ((rc = SQLGetData(h(), 1, SQL_C_CHAR, piece, sizeof piece, &indicator)) ==
           SQL_SUCCESS_WITH_INFO) {
        value += piece;
        ++calls;
        ASSERT_LT(calls, 10);
    }
    ASSERT_EQ(rc, SQL_SUCCESS) << format_diags(stmt->diags());
    value += piece;
    EXPECT_EQ(value, std::string(25, 'x') + "END");
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, piece, sizeof piece, &indicator), SQL_NO_DATA);
}

TEST_F(StatementTest, RowCountReportsRowsInserted) {
    ASSERT_EQ(exec("CREATE TEMP TABLE pgo_rowcount (a int)"), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_EQ(exec("INSERT INTO pgo_rowcount SELECT generate_series(1, 3)"), SQL_SUCCESS)
        << format_diags(stmt->diags());
    SQLLEN rows = -2;
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 3);
    ASSERT_EQ(exec("UPDATE pgo_rowcount SET a = a + 1 WHERE a > 1"), SQL_SUCCESS);
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 2);
}

TEST_F(StatementTest, MoreResultsWalksEachStatementOfAString) {
    ASSERT_EQ(exec("SELECT 1; SELECT 2"), SQL_SUCCESS) << format_diags(stmt->diags());
    char text[8];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
    EXPECT_STREQ(text, "1");
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator), SQL_SUCCESS);
    EXPECT_STREQ(text, "2");
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
}

TEST_F(StatementTest, ServerErrorPassesSqlstate42P01Through) {
    EXPECT_EQ(exec("SELECT * FROM pgo_no_such_table"), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "42P01", {"pgo_no_such_table"});
    // The connection lives on.
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
}

TEST_F(StatementTest, SyntaxErrorPassesSqlstate42601Through) {
    EXPECT_EQ(exec("SELEC 1"), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "42601", {"SELEC"});
}

TEST_F(StatementTest, NumResultColsAndDescribeColReportNamesAndTypes) {
    ASSERT_EQ(exec("SELECT 1::int4 AS first_col, 'x'::varchar(20) AS second_col"), SQL_SUCCESS)
        << format_diags(stmt->diags());
    SQLSMALLINT columns = 0;
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 2);

    SQLCHAR name[64];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeCol(h(), 1, name, sizeof name, &name_length, &type, &size, &digits, &nullable),
              SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_STREQ(reinterpret_cast<char *>(name), "first_col");
    EXPECT_EQ(name_length, 9);
    EXPECT_EQ(type, SQL_INTEGER);

    ASSERT_EQ(SQLDescribeCol(h(), 2, name, sizeof name, &name_length, &type, &size, &digits, &nullable),
              SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_STREQ(reinterpret_cast<char *>(name), "second_col");
    EXPECT_TRUE(type == SQL_VARCHAR || type == SQL_WVARCHAR) << type;
    EXPECT_EQ(size, 20u);
}

TEST_F(StatementTest, StatementWithoutResultHasZeroColumns) {
    ASSERT_EQ(exec("SET search_path = public"), SQL_SUCCESS) << format_diags(stmt->diags());
    SQLSMALLINT columns = -1;
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 0);
}

TEST_F(StatementTest, ANoticeIsItsMessageAndAnErrorCarriesWhereItHappened) {
    // As psql shows them by default: a RAISE INFO reads as its own text;
    // an error raised inside a function says where (CONTEXT).
    ASSERT_EQ(exec("DO $$ BEGIN RAISE INFO 'hello from the server'; END $$"),
              SQL_SUCCESS_WITH_INFO)
        << format_diags(stmt->diags());
    Diags notices = stmt->diags();
    ASSERT_EQ(notices.size(), 1u) << format_diags(notices);
    EXPECT_EQ(notices[0].message, "[pgodbc][PostgreSQL]INFO: hello from the server");
    ASSERT_EQ(exec("DO $$ BEGIN RAISE EXCEPTION 'it failed' USING ERRCODE = 'P0001'; END $$"),
              SQL_ERROR);
    Diags errors = stmt->diags();
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].state, "P0001");
    EXPECT_NE(errors[0].message.find("it failed\nCONTEXT: PL/pgSQL function inline_code_block"),
              std::string::npos)
        << errors[0].message;
}

} // namespace
} // namespace pgo_test
