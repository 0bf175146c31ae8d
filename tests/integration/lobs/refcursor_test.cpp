// FetchRefcursors=1: a call whose result is refcursor values gives the
// rows of those cursors instead, one result per cursor in order
// (SQLMoreResults moves on), read by the driver's own FETCH statements
// inside the application's transaction; with autocommit on (the cursors
// closed with the call) the call fails with 24000 saying so, never
// returning the names; without the keyword the names come back as before.
#include "lobs/lobs_test.h"

namespace pgo_test {
namespace {

const char kTwoCursors[] =
    "CREATE FUNCTION pg_temp.pgo_two_cursors() RETURNS SETOF refcursor LANGUAGE plpgsql AS $$ "
    "DECLARE a refcursor; b refcursor; BEGIN "
    "OPEN a FOR SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 3) g; "
    "RETURN NEXT a; "
    "OPEN b FOR SELECT x FROM (VALUES ('first'), ('second')) v(x); "
    "RETURN NEXT b; END $$";

class RefcursorTest : public LobsTest {
protected:
    std::string keywords() const override { return "FetchRefcursors=1;"; }
};

TEST_F(RefcursorTest, SetofRefcursorFunctionGivesEachCursorsRowsAsOneResultEach) {
    set_autocommit(false);
    run(kTwoCursors);
    ASSERT_OK_STMT(exec("SELECT * FROM pg_temp.pgo_two_cursors()"));
    SQLSMALLINT columns = 0;
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 2) << "the first cursor's columns, not the refcursor column";
    EXPECT_EQ(rows(), (std::vector<std::string>{"1|row 1", "2|row 2", "3|row 3"}));
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    EXPECT_EQ(columns, 1);
    EXPECT_EQ(rows(), (std::vector<std::string>{"first", "second"}));
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
}

TEST_F(RefcursorTest, ProcedureWithSeveralInoutRefcursorsGivesThemInParameterOrder) {
    set_autocommit(false);
    run("CREATE PROCEDURE pg_temp.pgo_proc_cursors(INOUT c1 refcursor, INOUT c2 refcursor, "
        "INOUT c3 refcursor) LANGUAGE plpgsql AS $$ BEGIN "
        "OPEN c1 FOR SELECT 'one'::text AS t; "
        "OPEN c2 FOR SELECT 2 AS i, 'two' AS t; "
        "OPEN c3 FOR SELECT 3 AS i WHERE false; END $$");
    ASSERT_OK_STMT(exec("CALL pg_temp.pgo_proc_cursors(NULL, NULL, NULL)"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"one"}));
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(rows(), (std::vector<std::string>{"2|two"}));
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_TRUE(rows().empty()) << "the third cursor has no rows but is still a result";
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
}

TEST_F(RefcursorTest, CursorNamesNeedingQuotesAreFetchedAsOneIdentifier) {
    set_autocommit(false);
    run("CREATE FUNCTION pg_temp.pgo_odd_name() RETURNS refcursor LANGUAGE plpgsql AS $$ "
        "DECLARE c refcursor := 'odd \"name\"; DROP TABLE x'; BEGIN "
        "OPEN c FOR SELECT 42 AS answer; RETURN c; END $$");
    ASSERT_OK_STMT(exec("SELECT pg_temp.pgo_odd_name()"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"42"}));
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
}

TEST_F(RefcursorTest, PreparedExecutionExpandsTooAndTheCursorsLiveInTheApplicationsTransaction) {
    set_autocommit(false);
    run(kTwoCursors);
    ASSERT_EQ(SQLPrepare(h(), text("SELECT * FROM pg_temp.pgo_two_cursors()"), SQL_NTS),
              SQL_SUCCESS)
        << format_diags(stmt->diags());
    for (int round = 0; round < 2; ++round) {
        ASSERT_OK_STMT(SQLExecute(h()));
        EXPECT_EQ(rows().size(), 3u) << "round " << round;
        ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
        EXPECT_EQ(rows().size(), 2u) << "round " << round;
        EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
    }
    // The transaction is the application's: its commit ends it.
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT), SQL_SUCCESS);
    auto open = scalar(*connection, "SELECT count(*) FROM pg_catalog.pg_cursors WHERE name <> ''");
    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(*open, "0");
}

TEST_F(RefcursorTest, StaticCursorScrollsEachCursorsRowsAndMoreResultsSkipsUnreadRows) {
    set_autocommit(false);
    run(kTwoCursors);
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_CURSOR_TYPE,
                             reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
              SQL_SUCCESS);
    ASSERT_OK_STMT(exec("SELECT * FROM pg_temp.pgo_two_cursors()"));
    ASSERT_OK_STMT(SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    EXPECT_EQ(text_of(2), "row 3");
    ASSERT_OK_STMT(SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    EXPECT_EQ(text_of(2), "row 1");
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_OK_STMT(SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    EXPECT_EQ(text_of(1), "second");
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
}

// SQL_ATTR_MAX_ROWS bounds every result the statement sends: the call's
// own (how many cursor names are read) and each cursor's rows.
TEST_F(RefcursorTest, MaxRowsBoundsTheCallsNamesAndEachCursorsRows) {
    set_autocommit(false);
    run(kTwoCursors);
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(2), 0),
              SQL_SUCCESS);
    ASSERT_OK_STMT(exec("SELECT * FROM pg_temp.pgo_two_cursors()"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"1|row 1", "2|row 2"}));
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(rows(), (std::vector<std::string>{"first", "second"}));
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA);
    ASSERT_EQ(SQLSetStmtAttr(h(), SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(1), 0),
              SQL_SUCCESS);
    ASSERT_OK_STMT(exec("SELECT * FROM pg_temp.pgo_two_cursors()"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"1|row 1"}));
    EXPECT_EQ(SQLMoreResults(h()), SQL_NO_DATA) << "one name read: one cursor";
}

TEST_F(RefcursorTest, ResultsThatAreNotRefcursorsAreUntouched) {
    set_autocommit(false);
    ASSERT_OK_STMT(exec("SELECT 'plain'::text AS t, NULL::refcursor AS c"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"plain|NULL"}));
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    ASSERT_OK_STMT(exec("SELECT NULL::refcursor AS c"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"NULL"})) << "no name: nothing to fetch";
}

TEST_F(RefcursorTest, AutocommitOnFailsWith24000SayingAutocommitMustBeOff) {
    run(kTwoCursors);
    SQLRETURN rc = exec("SELECT * FROM pg_temp.pgo_two_cursors()");
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "24000", {"FetchRefcursors", "2 refcursor", "autocommit"});
    // The statement is usable afterwards.
    ASSERT_OK_STMT(exec("SELECT 1"));
    EXPECT_EQ(rows(), (std::vector<std::string>{"1"}));
}

TEST_F(RefcursorTest, AutocommitOnInsideTheApplicationsOwnTransactionBlockWorks) {
    run(kTwoCursors);
    run("BEGIN");
    ASSERT_OK_STMT(exec("SELECT * FROM pg_temp.pgo_two_cursors()"));
    EXPECT_EQ(rows().size(), 3u);
    ASSERT_EQ(SQLMoreResults(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(rows().size(), 2u);
    run("COMMIT");
}

TEST_F(RefcursorTest, AFetchThatFailsIsTheExecutionsError) {
    set_autocommit(false);
    run("CREATE FUNCTION pg_temp.pgo_closed() RETURNS refcursor LANGUAGE plpgsql AS $$ "
        "DECLARE c refcursor; BEGIN OPEN c FOR SELECT 1; CLOSE c; RETURN c; END $$");
    EXPECT_EQ(exec("SELECT pg_temp.pgo_closed()"), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "34000", {});
}

class RefcursorOffTest : public LobsTest {
protected:
    std::string keywords() const override { return ""; }
};

TEST_F(RefcursorOffTest, WithoutTheKeywordTheCursorNamesComeBack) {
    set_autocommit(false);
    run(kTwoCursors);
    ASSERT_OK_STMT(exec("SELECT * FROM pg_temp.pgo_two_cursors()"));
    auto names = rows();
    EXPECT_EQ(names.size(), 2u);
    for (const auto &name : names) {
        EXPECT_NE(name.find("unnamed portal"), std::string::npos) << name;
    }
}

} // namespace
} // namespace pgo_test
