// SQLBulkOperations through the driver manager: SQL_ADD inserts the bound
// row array (SQL_COLUMN_IGNORE leaves a column to its default, the row
// operation array skips rows), each checked by a fresh SELECT; the errors
// for a read-only cursor and for bookmark operations without bookmarks.
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class BulkTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int DEFAULT 7)");
        run("INSERT INTO " + table + " VALUES (1, 'one', 10)");
    }
};

TEST_F(BulkTest, AddInsertsTheBoundRowsAndIgnoredColumnsTakeTheirDefault) {
    make_static(SQL_CONCUR_VALUES);
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
    SQLUSMALLINT status[3] = {99, 99, 99};
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
    exec("SELECT id, name, qty FROM " + table + " ORDER BY id");
    RowBuffers buffers(3);
    buffers.bind(h());
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    for (size_t i = 0; i < 3; i++) {
        buffers.id[i] = static_cast<SQLINTEGER>(10 + i);
        buffers.id_ind[i] = 0;
        buffers.set_name(i, "new" + std::to_string(i));
        buffers.qty[i] = static_cast<SQLINTEGER>(100 + i);
        buffers.qty_ind[i] = 0;
    }
    buffers.qty_ind[1] = SQL_COLUMN_IGNORE;
    buffers.name_ind[2] = SQL_NULL_DATA;
    ASSERT_EQ(SQL_SUCCESS, SQLBulkOperations(h(), SQL_ADD)) << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_ADDED, status[0]);
    EXPECT_EQ(SQL_ROW_ADDED, status[1]);
    EXPECT_EQ(SQL_ROW_ADDED, status[2]);
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "10|new0|100", "11|new1|7",
                                                      "12|NULL|102"}));
    // The added rows join the end of the static cursor, as the server stored them.
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0)) << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_ADDED, status[0]);
    EXPECT_EQ(SQL_ROW_ADDED, status[2]);
    EXPECT_EQ(10, buffers.id[0]);
    EXPECT_EQ(7, buffers.qty[1]);
    EXPECT_EQ(SQL_NULL_DATA, buffers.name_ind[2]);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 1));
    EXPECT_EQ(SQL_ROW_SUCCESS, status[0]);
    EXPECT_EQ(SQL_ROW_ADDED, status[1]);
}

TEST_F(BulkTest, AddSkipsIgnoredRowsAndReportsAFailedRowWithItsNumber) {
    make_static(SQL_CONCUR_LOCK);
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLUSMALLINT operations[3] = {SQL_ROW_PROCEED, SQL_ROW_IGNORE, SQL_ROW_PROCEED};
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_OPERATION_PTR, operations, 0));
    exec("SELECT id, name, qty FROM " + table + " ORDER BY id");
    RowBuffers buffers(3);
    buffers.bind(h());
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    status[1] = 99; // the fetch said SQL_ROW_NOROW; the ignored row keeps what it holds
    buffers.id[0] = 20;
    buffers.id[1] = 21;
    buffers.id[2] = 1; // the key exists: this row fails
    for (size_t i = 0; i < 3; i++) {
        buffers.id_ind[i] = 0;
        buffers.set_name(i, "x");
        buffers.qty_ind[i] = SQL_COLUMN_IGNORE;
    }
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLBulkOperations(h(), SQL_ADD));
    EXPECT_DIAG(stmt->diags(), "23505", {});
    EXPECT_EQ(SQL_ROW_ADDED, status[0]);
    EXPECT_EQ(99, status[1]);
    EXPECT_EQ(SQL_ROW_ERROR, status[2]);
    SQLLEN row_number = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetDiagField(SQL_HANDLE_STMT, h(), 1, SQL_DIAG_ROW_NUMBER,
                                           &row_number, 0, nullptr));
    EXPECT_EQ(3, row_number);
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "20|x|7"}));
}

TEST_F(BulkTest, ReadOnlyCursorRefusesAddAndBookmarkOperationsNeedBookmarks) {
    make_static(SQL_CONCUR_READ_ONLY);
    exec("SELECT id, name, qty FROM " + table);
    RowBuffers buffers(1);
    buffers.bind(h());
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(h()));
    EXPECT_EQ(SQL_ERROR, SQLBulkOperations(h(), SQL_ADD));
    EXPECT_DIAG(stmt->diags(), "HY092", {"read-only"});
    EXPECT_EQ(SQL_ERROR, SQLBulkOperations(h(), SQL_FETCH_BY_BOOKMARK));
    EXPECT_DIAG(stmt->diags(), "HY092", {"SQL_ATTR_USE_BOOKMARKS"});
    EXPECT_EQ(table_rows().size(), 1u);
}

} // namespace
} // namespace pgo_test
