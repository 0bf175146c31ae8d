// Optimistic concurrency by row version (SQL_CONCUR_ROWVER) through the
// driver manager: a keyset cursor reads each row's xmin with its values,
// and an update or delete through the cursor names that version, so a row
// another connection rewrote in between (even to the same values) is not
// touched: 01001 and SQL_ROW_ERROR. Checked by a fresh SELECT. A static
// cursor cannot read versions: ROWVER becomes VALUES with 01S02 at
// execution, until the cursor closes.
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class RowverTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int)");
        run("INSERT INTO " + table + " VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
        other = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(other);
    }
    void TearDown() override {
        other.reset();
        CursorTest::TearDown();
    }
    void open_cursor(SQLULEN cursor_type, SQLRETURN expected_execute = SQL_SUCCESS) {
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, cursor_type));
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CONCURRENCY, SQL_CONCUR_ROWVER))
            << format_diags(stmt->diags());
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
        ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
        const std::string sql = "SELECT id, name, qty FROM " + table + " ORDER BY id";
        ASSERT_EQ(expected_execute, SQLExecDirect(h(), text(sql), SQL_NTS))
            << format_diags(stmt->diags());
        buffers.bind(h());
        ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0))
            << format_diags(stmt->diags());
    }
    void elsewhere(const std::string &sql) {
        QueryResult result = run_query(other->get(), sql);
        ASSERT_TRUE(succeeded(result.rc)) << sql << format_diags(result.diags);
    }
    SQLULEN concurrency() {
        SQLULEN value = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_CONCURRENCY, &value, 0, nullptr));
        return value;
    }

    std::unique_ptr<Connection> other;
    RowBuffers buffers{3};
    SQLUSMALLINT status[3] = {99, 99, 99};
};

TEST_F(RowverTest, UpdateOfARowRewrittenMeanwhileToTheSameValuesIs01001) {
    open_cursor(SQL_CURSOR_KEYSET_DRIVEN);
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CONCUR_ROWVER), concurrency());
    // Same values, new version: comparing values would not notice.
    elsewhere("UPDATE " + table + " SET qty = qty WHERE id = 2");
    buffers.set_name(1, "mine");
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "01001", {"changed"});
    EXPECT_EQ(SQL_ROW_ERROR, status[1]);
    EXPECT_EQ(rows("SELECT name FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"two"}));
    // A refresh reads the new version: the update then goes through.
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    buffers.set_name(1, "mine");
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(rows("SELECT name FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"mine"}));
}

TEST_F(RowverTest, TheCursorsOwnUpdateCarriesTheNewVersion) {
    open_cursor(SQL_CURSOR_KEYSET_DRIVEN);
    buffers.qty[0] = 11;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    buffers.qty[0] = 12;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT qty FROM " + table + " WHERE id = 1"),
              (std::vector<std::string>{"12"}));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_DELETE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(rows("SELECT count(*) FROM " + table + " WHERE id = 1"),
              (std::vector<std::string>{"0"}));
}

TEST_F(RowverTest, DeleteOfARowChangedMeanwhileIs01001AndAFetchReadsTheNewVersion) {
    open_cursor(SQL_CURSOR_KEYSET_DRIVEN);
    elsewhere("UPDATE " + table + " SET name = 'drei' WHERE id = 3");
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLSetPos(h(), 3, SQL_DELETE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "01001", {"deleted"});
    EXPECT_EQ(SQL_ROW_ERROR, status[2]);
    EXPECT_EQ(rows("SELECT name FROM " + table + " WHERE id = 3"),
              (std::vector<std::string>{"drei"}));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    EXPECT_EQ(SQL_ROW_UPDATED, status[2]);
    EXPECT_EQ("drei", buffers.name_at(2));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 3, SQL_DELETE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT count(*) FROM " + table + " WHERE id = 3"),
              (std::vector<std::string>{"0"}));
}

TEST_F(RowverTest, StaticCursorComparesValuesWith01S02UntilItCloses) {
    open_cursor(SQL_CURSOR_STATIC, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CONCUR_VALUES), concurrency());
    // Values: a rewrite to the same values is not a conflict...
    elsewhere("UPDATE " + table + " SET qty = qty WHERE id = 2");
    buffers.set_name(1, "mine");
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    // ... a change of a value is.
    elsewhere("UPDATE " + table + " SET qty = 21 WHERE id = 3");
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLSetPos(h(), 3, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "01001", {});
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|mine|20", "3|three|21"}));
    ASSERT_EQ(SQL_SUCCESS, SQLCloseCursor(h()));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CONCUR_ROWVER), concurrency());
}

TEST_F(RowverTest, GetInfoSaysKeysetCursorsTakeRowVersions) {
    SQLUINTEGER bits = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), SQL_KEYSET_CURSOR_ATTRIBUTES2, &bits,
                                      sizeof bits, nullptr));
    EXPECT_NE(0u, bits & SQL_CA2_OPT_ROWVER_CONCURRENCY);
    EXPECT_NE(0u, bits & SQL_CA2_SENSITIVITY_UPDATES);
    EXPECT_EQ(0u, bits & SQL_CA2_SENSITIVITY_DELETIONS); // deleted rows stay as holes
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), SQL_STATIC_CURSOR_ATTRIBUTES2, &bits,
                                      sizeof bits, nullptr));
    EXPECT_EQ(0u, bits & SQL_CA2_OPT_ROWVER_CONCURRENCY);
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), SQL_SCROLL_OPTIONS, &bits, sizeof bits,
                                      nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_SO_FORWARD_ONLY | SQL_SO_STATIC |
                                       SQL_SO_KEYSET_DRIVEN),
              bits);
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), SQL_KEYSET_CURSOR_ATTRIBUTES1, &bits,
                                      sizeof bits, nullptr));
    EXPECT_NE(0u, bits & SQL_CA1_POS_UPDATE);
    EXPECT_NE(0u, bits & SQL_CA1_BOOKMARK);
    char updates[4] = {};
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), SQL_ROW_UPDATES, updates,
                                      sizeof updates, nullptr));
    EXPECT_STREQ("Y", updates);
}

} // namespace
} // namespace pgo_test
