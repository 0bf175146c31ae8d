// Keyset-driven cursors through the driver manager: each rowset is read
// again by primary key when the cursor moves to it, so another
// connection's committed updates show (SQL_ROW_UPDATED once) and its
// deletes leave holes (SQL_ROW_DELETED, the fetch still SQL_SUCCESS);
// its inserts are not seen. A result without its key makes the cursor
// static with 01S02 until it closes; dynamic becomes keyset with 01S02;
// the keyset is the whole result (SQL_ATTR_KEYSET_SIZE stays 0).
// SQLSetPos works on keyset cursors as on static ones, checked by a fresh
// SELECT.
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class KeysetTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int)");
        run("INSERT INTO " + table +
            " VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30), (4, 'four', 40), "
            "(5, 'five', 50)");
        other = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(other);
    }
    void TearDown() override {
        other.reset();
        CursorTest::TearDown();
    }
    // A keyset cursor over the table, rowsets of size rows, bound.
    void open_keyset(SQLULEN concurrency, size_t size, const std::string &select = "") {
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_KEYSET_DRIVEN));
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CONCURRENCY, concurrency));
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, size));
        ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
        ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0));
        const std::string sql =
            select.empty() ? "SELECT id, name, qty FROM " + table + " ORDER BY id" : select;
        ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(h(), text(sql), SQL_NTS))
            << format_diags(stmt->diags());
        buffers.bind(h());
    }
    void elsewhere(const std::string &sql) {
        QueryResult result = run_query(other->get(), sql);
        ASSERT_TRUE(succeeded(result.rc)) << sql << format_diags(result.diags);
    }
    SQLULEN cursor_type() {
        SQLULEN value = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_CURSOR_TYPE, &value, 0, nullptr));
        return value;
    }

    std::unique_ptr<Connection> other;
    RowBuffers buffers{3};
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN fetched = 0;
};

TEST_F(KeysetTest, RefetchShowsAnotherConnectionsUpdateOnceAndItsDeleteAsAHole) {
    open_keyset(SQL_CONCUR_READ_ONLY, 3);
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), cursor_type());
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0)) << format_diags(stmt->diags());
    EXPECT_EQ(3u, fetched);
    EXPECT_EQ((std::vector<SQLUSMALLINT>{SQL_ROW_SUCCESS, SQL_ROW_SUCCESS, SQL_ROW_SUCCESS}),
              std::vector<SQLUSMALLINT>(status, status + 3));
    EXPECT_EQ("two", buffers.name_at(1));

    elsewhere("UPDATE " + table + " SET name = 'zwei', qty = 22 WHERE id = 2");
    elsewhere("DELETE FROM " + table + " WHERE id = 3");
    elsewhere("INSERT INTO " + table + " VALUES (0, 'zero', 0)");

    // A deleted row is not an error: the fetch succeeds, the row is a hole.
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0)) << format_diags(stmt->diags());
    EXPECT_EQ(3u, fetched);
    EXPECT_EQ(1, buffers.id[0]); // the keyset does not see the new row 0
    EXPECT_EQ(SQL_ROW_SUCCESS, status[0]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ("zwei", buffers.name_at(1));
    EXPECT_EQ(22, buffers.qty[1]);
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);

    // Fetched again without a change: no longer updated; the hole stays.
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    EXPECT_EQ(SQL_ROW_SUCCESS, status[1]);
    EXPECT_EQ("zwei", buffers.name_at(1));
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);

    // The keyset still holds five rows: the last rowset is rows 4 and 5.
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    EXPECT_EQ(3u, fetched);
    EXPECT_EQ(3, buffers.id[0]);
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(4, buffers.id[1]);
    EXPECT_EQ(5, buffers.id[2]);
}

TEST_F(KeysetTest, EveryScrollDirectionReadsItsRowsetAgain) {
    open_keyset(SQL_CONCUR_READ_ONLY, 2);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_NEXT, 0));
    elsewhere("UPDATE " + table + " SET qty = qty + 1");
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    EXPECT_EQ(2u, fetched);
    EXPECT_EQ(4, buffers.id[0]);
    EXPECT_EQ(41, buffers.qty[0]);
    EXPECT_EQ(51, buffers.qty[1]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 2));
    EXPECT_EQ(21, buffers.qty[0]);
    EXPECT_EQ(31, buffers.qty[1]);
    // Prior from row 2 overlaps the start: the first rowset, with 01S06.
    ASSERT_EQ(SQL_SUCCESS_WITH_INFO, SQLFetchScroll(h(), SQL_FETCH_PRIOR, 0));
    EXPECT_DIAG(stmt->diags(), "01S06", {});
    EXPECT_EQ(1, buffers.id[0]);
    EXPECT_EQ(11, buffers.qty[0]);
    EXPECT_EQ(2u, fetched);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_RELATIVE, 3));
    EXPECT_EQ(4, buffers.id[0]);
    EXPECT_EQ(SQL_NO_DATA, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 9));
}

TEST_F(KeysetTest, ResultWithoutItsKeyIsStaticWith01S02UntilTheCursorCloses) {
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_KEYSET_DRIVEN));
    std::string sql = "SELECT name, qty FROM " + table + " ORDER BY qty";
    ASSERT_EQ(SQL_SUCCESS_WITH_INFO, SQLExecDirect(h(), text(sql), SQL_NTS));
    EXPECT_DIAG(stmt->diags(), "01S02", {"static", "primary key"});
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_STATIC), cursor_type());
    // Static: another connection's update does not show.
    elsewhere("UPDATE " + table + " SET name = 'changed'");
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    EXPECT_EQ("five", get_text(h(), 1, &rc, &diags).value_or(""));
    ASSERT_EQ(SQL_SUCCESS, SQLCloseCursor(h()));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), cursor_type());
    // The next execution decides again: with the key, keyset.
    sql = "SELECT id, name FROM " + table + " ORDER BY id";
    ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(h(), text(sql), SQL_NTS)) << format_diags(stmt->diags());
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), cursor_type());
}

TEST_F(KeysetTest, DynamicBecomesKeysetAndTheKeysetSizeStaysZero) {
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_DYNAMIC));
    EXPECT_DIAG(stmt->diags(), "01S02", {"SQL_CURSOR_KEYSET_DRIVEN"});
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), cursor_type());
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, set_attr(SQL_ATTR_KEYSET_SIZE, 10));
    EXPECT_DIAG(stmt->diags(), "01S02", {"SQL_ATTR_KEYSET_SIZE"});
    SQLULEN size = 99;
    ASSERT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_KEYSET_SIZE, &size, 0, nullptr));
    EXPECT_EQ(0u, size);
    EXPECT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_KEYSET_SIZE, 0));
}

TEST_F(KeysetTest, SetPosUpdateAndDeleteWorkOnAKeysetCursor) {
    open_keyset(SQL_CONCUR_VALUES, 3);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    buffers.set_name(0, "eins");
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_UPDATED, status[0]);
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 3, SQL_DELETE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|eins|10", "2|two|20", "4|four|40",
                                                      "5|five|50"}));
    // Values compare against what the refetch read: another connection's
    // change in between is a conflict.
    elsewhere("UPDATE " + table + " SET qty = 21 WHERE id = 2");
    buffers.set_name(1, "mine");
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "01001", {});
    // After a fetch (which reads the row again) the same update succeeds.
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);
    buffers.set_name(1, "mine");
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"mine|21"}));
}

TEST_F(KeysetTest, CompositeKeysAndQuotedNamesIdentifyRows) {
    run("CREATE TABLE \"" + table + "_Q\" (\"A b\" int, part text, \"v\"\"x\" text, "
        "PRIMARY KEY (\"A b\", part))");
    run("INSERT INTO \"" + table + "_Q\" VALUES (1, 'x', 'first'), (1, 'y', 'second'), "
        "(2, 'x', 'third')");
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_KEYSET_DRIVEN));
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
    std::string sql = "SELECT \"v\"\"x\", part, \"A b\" FROM \"" + table + "_Q\" ORDER BY 1";
    ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(h(), text(sql), SQL_NTS)) << format_diags(stmt->diags());
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), cursor_type());
    elsewhere("UPDATE \"" + table + "_Q\" SET \"v\"\"x\" = 'changed' WHERE \"A b\" = 1 AND "
              "part = 'y'");
    elsewhere("DELETE FROM \"" + table + "_Q\" WHERE \"A b\" = 2");
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_NEXT, 0)) << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_SUCCESS, status[0]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_POSITION, SQL_LOCK_NO_CHANGE));
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    EXPECT_EQ("changed", get_text(h(), 1, &rc, &diags).value_or(""));
    SQLFreeStmt(h(), SQL_CLOSE);
    run("DROP TABLE \"" + table + "_Q\"");
}

TEST_F(KeysetTest, BulkAddedRowsAreReadAgainLikeTheOthers) {
    open_keyset(SQL_CONCUR_VALUES, 3);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 1));
    buffers.id[0] = 6;
    buffers.id_ind[0] = 0;
    buffers.set_name(0, "six");
    buffers.qty[0] = 60;
    buffers.qty_ind[0] = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBulkOperations(h(), SQL_ADD)) << format_diags(stmt->diags());
    elsewhere("UPDATE " + table + " SET qty = 66 WHERE id = 6");
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0)) << format_diags(stmt->diags());
    EXPECT_EQ(6, buffers.id[0]);
    EXPECT_EQ(66, buffers.qty[0]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[0]);
}

TEST_F(KeysetTest, FetchByBookmarkReadsTheRowsAgain) {
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_USE_BOOKMARKS, SQL_UB_VARIABLE));
    open_keyset(SQL_CONCUR_READ_ONLY, 2);
    unsigned char bookmarks[2][8] = {};
    SQLLEN bookmark_ind[2] = {};
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 0, SQL_C_VARBOOKMARK, bookmarks, 8, bookmark_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 2)); // rows 2 and 3
    elsewhere("UPDATE " + table + " SET name = 'drei' WHERE id = 3");
    elsewhere("DELETE FROM " + table + " WHERE id = 2");
    ASSERT_EQ(SQL_SUCCESS, SQLBulkOperations(h(), SQL_FETCH_BY_BOOKMARK))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ("drei", buffers.name_at(1));
}

TEST_F(KeysetTest, ALargeRowArrayIsReadAgainInSeveralStatements) {
    run("INSERT INTO " + table + " SELECT g, 'n' || g, g FROM generate_series(6, 2600) g");
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_KEYSET_DRIVEN));
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 2600));
    std::vector<SQLINTEGER> ids(2600), qtys(2600);
    std::vector<SQLUSMALLINT> statuses(2600, 99);
    SQLULEN count = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, statuses.data(), 0));
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROWS_FETCHED_PTR, &count, 0));
    std::string sql = "SELECT id, qty FROM " + table + " ORDER BY id";
    ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(h(), text(sql), SQL_NTS)) << format_diags(stmt->diags());
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 1, SQL_C_SLONG, ids.data(), 0, nullptr));
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 2, SQL_C_SLONG, qtys.data(), 0, nullptr));
    elsewhere("UPDATE " + table + " SET qty = -1 WHERE id IN (1, 1500, 2600)");
    elsewhere("DELETE FROM " + table + " WHERE id = 2001");
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0)) << format_diags(stmt->diags());
    ASSERT_EQ(2600u, count);
    EXPECT_EQ(-1, qtys[0]);
    EXPECT_EQ(-1, qtys[1499]);
    EXPECT_EQ(-1, qtys[2599]);
    EXPECT_EQ(SQL_ROW_UPDATED, statuses[1499]);
    EXPECT_EQ(SQL_ROW_SUCCESS, statuses[1500]);
    EXPECT_EQ(SQL_ROW_DELETED, statuses[2000]);
    EXPECT_EQ(SQL_ROW_UPDATED, statuses[2599]);
}

TEST_F(KeysetTest, LockConcurrencyLocksTheRowsetItReadsUntilTheTransactionEnds) {
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0));
    open_keyset(SQL_CONCUR_LOCK, 2);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0)) << format_diags(stmt->diags());
    const std::string lock = "SELECT id FROM " + table + " WHERE id = 5 FOR UPDATE NOWAIT";
    QueryResult blocked = run_query(other->get(), lock);
    EXPECT_EQ(SQL_ERROR, blocked.rc);
    EXPECT_DIAG(blocked.diags, "55P03", {});
    QueryResult free_row =
        run_query(other->get(), "SELECT id FROM " + table + " WHERE id = 1 FOR UPDATE NOWAIT");
    EXPECT_EQ(SQL_SUCCESS, free_row.rc) << format_diags(free_row.diags);
    ASSERT_EQ(SQL_SUCCESS, SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT));
    QueryResult unlocked = run_query(other->get(), lock);
    EXPECT_EQ(SQL_SUCCESS, unlocked.rc) << format_diags(unlocked.diags);
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0));
}

} // namespace
} // namespace pgo_test
