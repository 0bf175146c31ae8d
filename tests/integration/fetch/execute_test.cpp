// Execution through the driver manager: prepared statements described
// before execution and executed twice, SQL sent as written (WITH ...
// INSERT ... RETURNING), several results from one string with a row count
// per command, SQL_ATTR_MAX_ROWS, and two result sets open at once on one
// connection.
#include "fetch/fetch_test.h"

namespace pgo_test {
namespace {

class ExecuteTest : public FetchTest {};

TEST_F(ExecuteTest, PreparedStatementIsDescribedBeforeExecution) {
    ASSERT_OK(SQLPrepare(h(), text("SELECT 1::int4 AS one, 'x'::varchar(10) AS letter"), SQL_NTS),
              stmt->diags());
    SQLSMALLINT columns = 0;
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 2);
    SQLCHAR name[32];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeCol(h(), 2, name, sizeof name, &name_length, &type, &size, &digits,
                             &nullable),
              SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_STREQ(reinterpret_cast<char *>(name), "letter");
    EXPECT_EQ(type, SQL_VARCHAR);
    EXPECT_EQ(size, 10u);
    ASSERT_EQ(SQLDescribeCol(h(), 1, name, sizeof name, &name_length, &type, &size, &digits,
                             &nullable),
              SQL_SUCCESS);
    EXPECT_EQ(type, SQL_INTEGER);
}

TEST_F(ExecuteTest, PreparedStatementRunsTwiceWithFreshResults) {
    run("DROP TABLE IF EXISTS fetch_twice");
    run("CREATE TABLE fetch_twice (n int)");
    ASSERT_OK(SQLPrepare(h(), text("INSERT INTO fetch_twice SELECT count(*) FROM fetch_twice "
                                   "RETURNING n"),
                         SQL_NTS),
              stmt->diags());
    for (int round = 0; round < 3; ++round) {
        ASSERT_OK(SQLExecute(h()), stmt->diags());
        ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
        SQLINTEGER n = -1;
        SQLLEN indicator = 0;
        ASSERT_EQ(SQLGetData(h(), 1, SQL_C_SLONG, &n, 0, &indicator), SQL_SUCCESS);
        EXPECT_EQ(n, round);
        EXPECT_EQ(SQLFetch(h()), SQL_NO_DATA);
        ASSERT_EQ(SQLCloseCursor(h()), SQL_SUCCESS);
    }
    run("DROP TABLE fetch_twice");
}

TEST_F(ExecuteTest, PreparedBinaryResultsReadLikeText) {
    ASSERT_OK(SQLPrepare(h(), text("SELECT 123456789012::int8, 2.5::float8, true, "
                                   "'2024-02-29 13:14:15.5'::timestamp, 12.34::numeric(6,2), "
                                   "'hello'::text"),
                         SQL_NTS),
              stmt->diags());
    ASSERT_OK(SQLExecute(h()), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(text_of(1), "123456789012");
    EXPECT_EQ(text_of(2), "2.5");
    EXPECT_EQ(text_of(3), "1");
    EXPECT_EQ(text_of(4).substr(0, 19), "2024-02-29 13:14:15");
    EXPECT_EQ(text_of(5), "12.34");
    EXPECT_EQ(text_of(6), "hello");
    SQLBIGINT big = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_SBIGINT, &big, 0, &indicator), SQL_SUCCESS);
    EXPECT_EQ(big, 123456789012LL);
}

TEST_F(ExecuteTest, RePrepareReplacesTheServerStatement) {
    ASSERT_OK(SQLPrepare(h(), text("SELECT 1"), SQL_NTS), stmt->diags());
    ASSERT_OK(SQLPrepare(h(), text("SELECT 2, 3"), SQL_NTS), stmt->diags());
    SQLSMALLINT columns = 0;
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 2);
    ASSERT_OK(SQLExecute(h()), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "2");
    // The first statement was closed on the server with a later exchange.
    Statement other(connection->get());
    ASSERT_OK(exec_on(other.get(),
                      "SELECT count(*) FROM pg_prepared_statements "
                      "WHERE statement IN ('SELECT 1', 'SELECT 2, 3')"),
              other.diags());
    ASSERT_EQ(SQLFetch(other.get()), SQL_SUCCESS);
    EXPECT_EQ(text_of(other.get(), 1), "1");
}

TEST_F(ExecuteTest, PrepareErrorIsReportedAtPrepare) {
    EXPECT_EQ(SQLPrepare(h(), text("SELEC 1"), SQL_NTS), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "42601", {});
    EXPECT_EQ(SQLExecute(h()), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY010", {});
}

TEST_F(ExecuteTest, WithInsertReturningRunsAsWritten) {
    run("DROP TABLE IF EXISTS fetch_cte");
    run("CREATE TABLE fetch_cte (id int, label text)");
    ASSERT_OK(exec("WITH src(id, label) AS (VALUES (1, 'a'), (2, 'b')) "
                   "INSERT INTO fetch_cte SELECT id, label FROM src RETURNING id, label"),
              stmt->diags());
    std::string seen;
    while (SQLFetch(h()) == SQL_SUCCESS) {
        seen += text_of(1) + text_of(2) + ";";
    }
    EXPECT_EQ(seen, "1a;2b;");
    SQLLEN rows = 0;
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 2);
    run("DROP TABLE fetch_cte");
}

TEST_F(ExecuteTest, MultiStatementStringGivesEveryResultAndRowCount) {
    run("DROP TABLE IF EXISTS fetch_multi");
    ASSERT_OK(exec("CREATE TABLE fetch_multi (n int); "
                   "INSERT INTO fetch_multi VALUES (1), (2), (3); "
                   "SELECT n FROM fetch_multi ORDER BY n; "
                   "UPDATE fetch_multi SET n = n + 1 WHERE n > 1; "
                   "SELECT 'x;y' AS semicolon_in_quotes; "
                   "DELETE FROM fetch_multi"),
              stmt->diags());
    SQLLEN rows = 0;
    SQLSMALLINT columns = -1;
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 0); // CREATE TABLE counts nothing: 0, as psqlODBC answers
    // (every other command without a count answers -1: RowCountForEachCommandTag)
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 3);
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 1);
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "1");
    // leave rows unread: SQLMoreResults skips them
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 2);
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "x;y");
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 3);
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
    run("DROP TABLE fetch_multi");
}

// DB-API's rowcount after a SELECT: a result that ends within the first
// megabyte is counted before the first fetch (and its rows still all
// arrive); a longer one keeps streaming and answers -1 until it ends.
TEST_F(ExecuteTest, RowCountOfASelectIsKnownForSmallResults) {
    SQLLEN rows = 0;
    ASSERT_OK(exec("SELECT g FROM generate_series(1, 1000) g"), stmt->diags());
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 1000);
    long fetched = 0;
    while (SQLFetch(h()) == SQL_SUCCESS) {
        ++fetched;
        ASSERT_EQ(text_of(1), std::to_string(fetched));
    }
    EXPECT_EQ(fetched, 1000);
    ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), stmt->diags());

    ASSERT_OK(exec("SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g"), stmt->diags());
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, -1);
    fetched = 0;
    while (SQLFetch(h()) == SQL_SUCCESS) {
        ++fetched;
        if (fetched % 997 == 0)
            ASSERT_EQ(text_of(1), std::to_string(fetched));
    }
    EXPECT_EQ(fetched, 20000);
    ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
    EXPECT_EQ(rows, 20000);
}

TEST_F(ExecuteTest, ErrorInALaterStatementComesWithItsResult) {
    ASSERT_OK(exec("SELECT 1; SELECT 1/0; SELECT 3"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "1");
    EXPECT_EQ(SQLMoreResults(h()), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "22012", {});
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
    // The statement is reusable.
    ASSERT_OK(exec("SELECT 5"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "5");
}

TEST_F(ExecuteTest, RowCountForEachCommandTag) {
    run("DROP TABLE IF EXISTS fetch_counts");
    run("CREATE TABLE fetch_counts (n int)");
    struct Case {
        const char *sql;
        SQLLEN rows;
    } cases[] = {
        {"INSERT INTO fetch_counts SELECT g FROM generate_series(1, 7) g", 7},
        {"UPDATE fetch_counts SET n = n * 2 WHERE n <= 4", 4},
        {"DELETE FROM fetch_counts WHERE n > 6", 2},
        {"SELECT * FROM fetch_counts", 5},
        {"CREATE INDEX fetch_counts_n ON fetch_counts (n)", -1}, // counts nothing
    };
    for (const Case &c : cases) {
        ASSERT_OK(exec(c.sql), stmt->diags());
        while (SQLFetch(h()) == SQL_SUCCESS) {
        }
        SQLLEN rows = -9;
        ASSERT_EQ(SQLRowCount(h(), &rows), SQL_SUCCESS);
        EXPECT_EQ(rows, c.rows) << c.sql;
        SQLFreeStmt(h(), SQL_CLOSE);
    }
    run("DROP TABLE fetch_counts");
}

TEST_F(ExecuteTest, MaxRowsLimitsEveryProtocol) {
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(3), 0),
              SQL_SUCCESS);
    for (const char *sql : {"SELECT g FROM generate_series(1, 10) g",
                            "SELECT 0; SELECT g FROM generate_series(1, 10) g"}) {
        ASSERT_OK(exec(sql), stmt->diags());
        if (std::string(sql).find(';') != std::string::npos) {
            ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS);
        }
        int count = 0;
        while (SQLFetch(h()) == SQL_SUCCESS) {
            ++count;
        }
        EXPECT_EQ(count, 3) << sql;
        SQLFreeStmt(h(), SQL_CLOSE);
    }
}

TEST_F(ExecuteTest, TwoOpenResultSetsOnOneConnection) {
    Statement second(connection->get());
    ASSERT_OK(exec("SELECT g FROM generate_series(1, 5000) g"), stmt->diags());
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SLONG, &value, 0, &indicator), SQL_SUCCESS);
    for (int i = 1; i <= 10; ++i) {
        ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
        EXPECT_EQ(value, i);
    }
    // B runs while A is mid-stream; A's current row stays readable.
    ASSERT_OK(exec_on(second.get(), "SELECT 'b' || g FROM generate_series(1, 3) g"),
              second.diags());
    EXPECT_EQ(text_of(1), "10");
    ASSERT_EQ(SQLFetch(second.get()), SQL_SUCCESS);
    EXPECT_EQ(text_of(second.get(), 1), "b1");
    int expected = 11;
    SQLRETURN rc;
    while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
        ASSERT_EQ(value, expected);
        ++expected;
        if (expected == 2000) {
            // and again, with B's rest read in between
            ASSERT_EQ(SQLFetch(second.get()), SQL_SUCCESS);
            EXPECT_EQ(text_of(second.get(), 1), "b2");
        }
    }
    EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt->diags());
    EXPECT_EQ(expected, 5001);
    ASSERT_EQ(SQLFetch(second.get()), SQL_SUCCESS);
    EXPECT_EQ(text_of(second.get(), 1), "b3");
    EXPECT_EQ(SQLFetch(second.get()), SQL_NO_DATA);
}

TEST_F(ExecuteTest, CloseCursorMidStreamLeavesTheConnectionReady) {
    ASSERT_OK(exec("SELECT g FROM generate_series(1, 100000) g"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    ASSERT_OK(exec("SELECT 'after'"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "after");
    // Freeing a statement mid-stream also frees the connection.
    {
        Statement other(connection->get());
        ASSERT_OK(exec_on(other.get(), "SELECT g FROM generate_series(1, 100000) g"),
                  other.diags());
        ASSERT_EQ(SQLFetch(other.get()), SQL_SUCCESS);
    }
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    ASSERT_OK(exec("SELECT 'still'"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "still");
}

TEST_F(ExecuteTest, ErrorOnTheFirstRowIsTheExecutionsError) {
    EXPECT_EQ(exec("SELECT 1/0"), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "22012", {});
    EXPECT_EQ(exec("SELECT * FROM fetch_no_such_table"), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "42P01", {});
}

TEST_F(ExecuteTest, ErrorAfterSomeRowsComesFromFetch) {
    ASSERT_OK(exec("SELECT 10 / (3 - g) FROM generate_series(1, 5) g"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "5");
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(1), "10");
    EXPECT_EQ(SQLFetch(h()), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "22012", {});
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    ASSERT_OK(exec("SELECT 1"), stmt->diags());
}

} // namespace
} // namespace pgo_test
