// Positioned UPDATE and DELETE ... WHERE CURRENT OF <cursor name> on a
// second statement of the same connection, through the driver manager:
// the driver runs them against its own cursor's current row (static,
// keyset-driven or forward-only), with the application's parameters and
// the row's identity as parameters; each change checked by a fresh
// SELECT. A name that is no open cursor of the driver's goes to the
// server untouched (a server-side DECLAREd cursor keeps working); a
// cursor not on a row is 24000; a row changed meanwhile is 01001.
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class PositionedTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int)");
        run("INSERT INTO " + table + " VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
        editor.emplace(connection->get());
    }
    void TearDown() override {
        editor.reset();
        CursorTest::TearDown();
    }
    void name_cursor(const std::string &name) {
        ASSERT_EQ(SQL_SUCCESS, SQLSetCursorName(h(), text(name), SQL_NTS))
            << format_diags(stmt->diags());
    }
    void open(SQLULEN cursor_type, SQLULEN concurrency, const std::string &select = "") {
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, cursor_type));
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CONCURRENCY, concurrency));
        const std::string sql =
            select.empty() ? "SELECT id, name, qty FROM " + table + " ORDER BY id" : select;
        ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(h(), text(sql), SQL_NTS))
            << format_diags(stmt->diags());
    }
    SQLRETURN edit(const std::string &sql) {
        return SQLExecDirect(editor->get(), text(sql), SQL_NTS);
    }
    SQLLEN edited_rows() {
        SQLLEN count = -9;
        EXPECT_EQ(SQL_SUCCESS, SQLRowCount(editor->get(), &count));
        return count;
    }
    std::optional<Statement> editor;
};

TEST_F(PositionedTest, UpdateWithAParameterChangesTheStaticCursorsCurrentRow) {
    name_cursor("edit_cur");
    open(SQL_CURSOR_STATIC, SQL_CONCUR_VALUES);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 2));
    char name[16] = "zwei";
    SQLLEN name_ind = SQL_NTS;
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(editor->get(), 1, SQL_PARAM_INPUT, SQL_C_CHAR,
                                            SQL_VARCHAR, 15, 0, name, 0, &name_ind));
    SQLRETURN rc = edit("UPDATE " + table + " SET name = ? WHERE CURRENT OF edit_cur");
    ASSERT_EQ(SQL_SUCCESS, rc) << format_diags(editor->diags());
    EXPECT_EQ(1, edited_rows());
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|zwei|20", "3|three|30"}));
    // The cursor's row took the change.
    SQLUSMALLINT status = 99;
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, &status, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 2));
    EXPECT_EQ(SQL_ROW_UPDATED, status);
    Diags diags;
    EXPECT_EQ("zwei", get_text(h(), 2, &rc, &diags).value_or(""));
}

TEST_F(PositionedTest, DeleteOfTheRowSetPosPositionedWithAQuotedMixedCaseName) {
    name_cursor("Edit Cur");
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
    open(SQL_CURSOR_STATIC, SQL_CONCUR_LOCK);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 3, SQL_POSITION, SQL_LOCK_NO_CHANGE));
    // The plain name folds case and is not this cursor's: the server's.
    EXPECT_EQ(SQL_ERROR, edit("DELETE FROM " + table + " WHERE CURRENT OF Edit"));
    ASSERT_EQ(SQL_SUCCESS, edit("delete from " + table + " where current of \"Edit Cur\" ;"))
        << format_diags(editor->diags());
    EXPECT_EQ(1, edited_rows());
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|two|20"}));
    // A deleted row cannot be the target again.
    EXPECT_EQ(SQL_ERROR, edit("DELETE FROM " + table + " WHERE CURRENT OF \"Edit Cur\""));
    EXPECT_DIAG(editor->diags(), "24000", {"deleted"});
}

TEST_F(PositionedTest, ForwardOnlyCursorWithAGeneratedNameKeepsFetchingAfterTheUpdate) {
    SQLCHAR generated[32] = {};
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetCursorName(h(), generated, sizeof generated, &length));
    std::string cursor(reinterpret_cast<char *>(generated), static_cast<size_t>(length));
    run("INSERT INTO " + table + " SELECT g, 'n' || g, g FROM generate_series(4, 3000) g");
    open(SQL_CURSOR_FORWARD_ONLY, SQL_CONCUR_READ_ONLY);
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(h()));
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(h()));
    // The name compares without regard to case when it is not quoted.
    ASSERT_EQ(SQL_SUCCESS,
              edit("UPDATE " + table + " SET qty = -2 WHERE CURRENT OF " + to_lower(cursor)))
        << format_diags(editor->diags());
    EXPECT_EQ(rows("SELECT qty FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"-2"}));
    size_t more = 0;
    while (SQLFetch(h()) == SQL_SUCCESS) {
        more++;
    }
    EXPECT_EQ(2998u, more);
    EXPECT_EQ(rows("SELECT count(*) FROM " + table + " WHERE qty < 0"),
              (std::vector<std::string>{"1"}));
}

TEST_F(PositionedTest, ACursorNotOnARowIs24000) {
    name_cursor("idle");
    open(SQL_CURSOR_STATIC, SQL_CONCUR_VALUES);
    EXPECT_EQ(SQL_ERROR, edit("UPDATE " + table + " SET qty = 0 WHERE CURRENT OF idle"));
    EXPECT_DIAG(editor->diags(), "24000", {"idle"});
    ASSERT_EQ(SQL_NO_DATA, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 9));
    EXPECT_EQ(SQL_ERROR, edit("UPDATE " + table + " SET qty = 0 WHERE CURRENT OF idle"));
    EXPECT_DIAG(editor->diags(), "24000", {});
    EXPECT_EQ(rows("SELECT count(*) FROM " + table + " WHERE qty = 0"),
              (std::vector<std::string>{"0"}));
}

TEST_F(PositionedTest, ANameThatIsNoDriverCursorGoesToTheServer) {
    EXPECT_EQ(SQL_ERROR, edit("UPDATE " + table + " SET qty = 0 WHERE CURRENT OF nosuch"));
    EXPECT_DIAG(editor->diags(), "34000", {"nosuch"});
    // A cursor DECLAREd on the server keeps working.
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0));
    ASSERT_EQ(SQL_SUCCESS, edit("DECLARE srv CURSOR FOR SELECT id FROM " + table +
                                " WHERE id = 3 FOR UPDATE"))
        << format_diags(editor->diags());
    ASSERT_EQ(SQL_SUCCESS, edit("FETCH srv")) << format_diags(editor->diags());
    SQLFreeStmt(editor->get(), SQL_CLOSE);
    ASSERT_EQ(SQL_SUCCESS, edit("UPDATE " + table + " SET name = 'srv' WHERE CURRENT OF srv"))
        << format_diags(editor->diags());
    ASSERT_EQ(SQL_SUCCESS, SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT));
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0));
    EXPECT_EQ(rows("SELECT name FROM " + table + " WHERE id = 3"),
              (std::vector<std::string>{"srv"}));
}

TEST_F(PositionedTest, ARowAnotherConnectionChangedIs01001AndUntouched) {
    name_cursor("opt");
    open(SQL_CURSOR_STATIC, SQL_CONCUR_VALUES);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 1));
    auto other = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(other);
    QueryResult changed = run_query(other->get(), "UPDATE " + table + " SET qty = 11 WHERE id = 1");
    ASSERT_EQ(SQL_SUCCESS, changed.rc) << format_diags(changed.diags);
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO,
              edit("UPDATE " + table + " SET name = 'mine' WHERE CURRENT OF opt"));
    EXPECT_DIAG(editor->diags(), "01001", {"opt"});
    EXPECT_EQ(0, edited_rows());
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " WHERE id = 1"),
              (std::vector<std::string>{"one|11"}));
}

TEST_F(PositionedTest, PreparedStatementFollowsTheCursorFromRowToRow) {
    name_cursor("walker");
    open(SQL_CURSOR_KEYSET_DRIVEN, SQL_CONCUR_ROWVER);
    ASSERT_EQ(SQL_SUCCESS, SQLPrepare(editor->get(),
                                      text("UPDATE " + table +
                                           " SET qty = qty + ? WHERE CURRENT OF walker"),
                                      SQL_NTS))
        << format_diags(editor->diags());
    SQLINTEGER step = 100;
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(editor->get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG,
                                            SQL_INTEGER, 0, 0, &step, 0, nullptr));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLExecute(editor->get())) << format_diags(editor->diags());
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    step = 300;
    ASSERT_EQ(SQL_SUCCESS, SQLExecute(editor->get())) << format_diags(editor->diags());
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|110", "2|two|20", "3|three|330"}));
    // Row versions: a rewrite by another connection in between is a conflict.
    auto other = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(other);
    QueryResult rewrite = run_query(other->get(), "UPDATE " + table + " SET qty = qty WHERE id = 3");
    ASSERT_EQ(SQL_SUCCESS, rewrite.rc) << format_diags(rewrite.diags);
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLExecute(editor->get()));
    EXPECT_DIAG(editor->diags(), "01001", {});
    EXPECT_EQ(rows("SELECT qty FROM " + table + " WHERE id = 3"),
              (std::vector<std::string>{"330"}));
}

TEST_F(PositionedTest, GetInfoOffersPositionedUpdateAndDelete) {
    SQLUINTEGER bits = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), SQL_POSITIONED_STATEMENTS, &bits,
                                      sizeof bits, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_PS_POSITIONED_DELETE | SQL_PS_POSITIONED_UPDATE), bits);
    for (SQLUSMALLINT type : {SQLUSMALLINT{SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1},
                              SQLUSMALLINT{SQL_STATIC_CURSOR_ATTRIBUTES1},
                              SQLUSMALLINT{SQL_KEYSET_CURSOR_ATTRIBUTES1}}) {
        ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), type, &bits, sizeof bits, nullptr));
        EXPECT_NE(0u, bits & SQL_CA1_POSITIONED_UPDATE) << type;
        EXPECT_NE(0u, bits & SQL_CA1_POSITIONED_DELETE) << type;
    }
}

} // namespace
} // namespace pgo_test
