// Bookmarks through the driver manager: SQL_ATTR_USE_BOOKMARKS, column 0
// bound (SQL_C_VARBOOKMARK, SQL_C_BOOKMARK) or read with SQLGetData,
// SQLFetchScroll(SQL_FETCH_BOOKMARK) with SQL_ATTR_FETCH_BOOKMARK_PTR and
// an offset after moving away, column 0's description, and
// SQLBulkOperations by bookmark, each change checked by a fresh SELECT.
// The tests that bind or read column 0 skip, saying so, while the column-0
// routing of SQLBindCol / SQLGetData / SQLDescribeCol / SQLColAttribute is
// not in the driver yet (they answer 07009 "bookmarks are not supported").
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class BookmarkTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int)");
        run("INSERT INTO " + table +
            " SELECT g, 'n' || g, g * 10 FROM generate_series(1, 10) g");
    }
    void open(SQLULEN concurrency, SQLULEN bookmarks, SQLULEN rowset) {
        make_static(concurrency);
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_USE_BOOKMARKS, bookmarks));
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, rowset));
        ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
        exec("SELECT id, name, qty FROM " + table + " ORDER BY id");
    }
    // Binds column 0 as variable bookmarks; false (the test skips) while
    // the driver does not route column 0 yet.
    bool bind_bookmarks(SQLSMALLINT c_type, void *target, SQLLEN length, SQLLEN *indicator) {
        SQLRETURN rc = SQLBindCol(h(), 0, c_type, target, length, indicator);
        if (rc == SQL_ERROR && has_diag(stmt->diags(), "07009", {"not supported"})) {
            return false;
        }
        EXPECT_EQ(SQL_SUCCESS, rc) << format_diags(stmt->diags());
        return true;
    }
    SQLUSMALLINT status[3] = {0, 0, 0};
};

#define SKIP_WITHOUT_COLUMN_ZERO(bound)                                                  \
    if (!(bound)) {                                                                     \
        GTEST_SKIP() << "SQLBindCol does not route column 0 to the bookmark code yet";  \
    }

TEST_F(BookmarkTest, UseBookmarksIsReadBackAndCannotChangeWhileACursorIsOpen) {
    SQLULEN value = 99;
    ASSERT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_USE_BOOKMARKS, &value, 0, nullptr));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_UB_OFF), value);
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_USE_BOOKMARKS, SQL_UB_VARIABLE));
    ASSERT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_USE_BOOKMARKS, &value, 0, nullptr));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_UB_VARIABLE), value);
    exec("SELECT id FROM " + table);
    EXPECT_EQ(SQL_ERROR, set_attr(SQL_ATTR_USE_BOOKMARKS, SQL_UB_OFF));
    EXPECT_DIAG(stmt->diags(), "24000", {});
    ASSERT_EQ(SQL_SUCCESS, SQLCloseCursor(h()));
    EXPECT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_USE_BOOKMARKS, SQL_UB_FIXED));
    EXPECT_EQ(SQL_ERROR, set_attr(SQL_ATTR_USE_BOOKMARKS, 77));
    EXPECT_DIAG(stmt->diags(), "HY024", {});
}

TEST_F(BookmarkTest, FetchByABookmarkThatNamesNoRowIsHY111) {
    open(SQL_CONCUR_READ_ONLY, SQL_UB_VARIABLE, 1);
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(h()));
    unsigned char bogus[8];
    std::memset(bogus, 0xff, sizeof bogus);
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_FETCH_BOOKMARK_PTR, bogus, 0));
    EXPECT_EQ(SQL_ERROR, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 0));
    EXPECT_DIAG(stmt->diags(), "HY111", {});
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_FETCH_BOOKMARK_PTR, nullptr, 0));
    EXPECT_EQ(SQL_ERROR, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 0));
    EXPECT_DIAG(stmt->diags(), "HY111", {});
}

TEST_F(BookmarkTest, VariableBookmarkOfARowFetchesItAgainAfterMovingAwayWithAnOffset) {
    open(SQL_CONCUR_READ_ONLY, SQL_UB_VARIABLE, 1);
    std::vector<unsigned char> bookmark(64);
    SQLLEN bookmark_length = 0;
    SKIP_WITHOUT_COLUMN_ZERO(bind_bookmarks(SQL_C_VARBOOKMARK, bookmark.data(), 64,
                                            &bookmark_length));
    // The application sizes its buffer by the column's octet length.
    SQLLEN octet_length = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLColAttribute(h(), 0, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr,
                                           &octet_length))
        << format_diags(stmt->diags());
    ASSERT_GT(octet_length, 0);
    ASSERT_LE(octet_length, 64);
    bookmark.resize(static_cast<size_t>(octet_length));
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 0, SQL_C_VARBOOKMARK, bookmark.data(), octet_length,
                                      &bookmark_length));
    SQLINTEGER id = 0;
    SQLLEN id_ind = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 1, SQL_C_SLONG, &id, 0, &id_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 4));
    ASSERT_EQ(4, id);
    EXPECT_EQ(octet_length, bookmark_length);
    std::vector<unsigned char> saved = bookmark;
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    ASSERT_EQ(10, id);
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_FETCH_BOOKMARK_PTR, saved.data(), 0));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 0))
        << format_diags(stmt->diags());
    EXPECT_EQ(4, id);
    EXPECT_EQ(saved, bookmark);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 2));
    EXPECT_EQ(6, id);
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, -3));
    EXPECT_EQ(1, id);
    EXPECT_EQ(SQL_NO_DATA, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, -4));
    EXPECT_EQ(SQL_NO_DATA, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 7));
}

TEST_F(BookmarkTest, GetDataOfColumnZeroIsTheBoundBookmarkAndDescribesAsBinary) {
    open(SQL_CONCUR_READ_ONLY, SQL_UB_VARIABLE, 3);
    unsigned char bookmarks[3][8];
    SQLLEN lengths[3] = {0, 0, 0};
    SKIP_WITHOUT_COLUMN_ZERO(bind_bookmarks(SQL_C_VARBOOKMARK, bookmarks, 8, lengths));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 2));
    EXPECT_NE(0, std::memcmp(bookmarks[0], bookmarks[1], 8));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_POSITION, SQL_LOCK_NO_CHANGE));
    unsigned char read[8];
    SQLLEN read_length = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetData(h(), 0, SQL_C_VARBOOKMARK, read, sizeof read, &read_length))
        << format_diags(stmt->diags());
    EXPECT_EQ(8, read_length);
    EXPECT_EQ(0, std::memcmp(read, bookmarks[1], 8));
    SQLCHAR name[16] = "x";
    SQLSMALLINT name_length = -1, type = 0, digits = -1, nullable = -1;
    SQLULEN size = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLDescribeCol(h(), 0, name, sizeof name, &name_length, &type, &size,
                                          &digits, &nullable));
    EXPECT_EQ(0, name_length);
    EXPECT_EQ(SQL_BINARY, type);
    EXPECT_EQ(8u, size);
    EXPECT_EQ(SQL_NO_NULLS, nullable);
}

TEST_F(BookmarkTest, FixedBookmarksAreIntegers) {
    open(SQL_CONCUR_READ_ONLY, SQL_UB_FIXED, 1);
    BOOKMARK bookmark = 0;
    SQLLEN length = 0;
    SKIP_WITHOUT_COLUMN_ZERO(bind_bookmarks(SQL_C_BOOKMARK, &bookmark, 0, &length));
    SQLINTEGER id = 0;
    SQLLEN id_ind = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 1, SQL_C_SLONG, &id, 0, &id_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 7));
    BOOKMARK seventh = bookmark;
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_FETCH_BOOKMARK_PTR, &seventh, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 0));
    EXPECT_EQ(7, id);
    SQLSMALLINT type = 0;
    ASSERT_EQ(SQL_SUCCESS,
              SQLDescribeCol(h(), 0, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr));
    EXPECT_TRUE(type == SQL_INTEGER || type == SQL_BIGINT) << type;
}

TEST_F(BookmarkTest, BulkOperationsUpdateDeleteAndFetchTheRowsTheirBookmarksName) {
    open(SQL_CONCUR_VALUES, SQL_UB_VARIABLE, 3);
    unsigned char bookmarks[3][8];
    SQLLEN lengths[3] = {0, 0, 0};
    SKIP_WITHOUT_COLUMN_ZERO(bind_bookmarks(SQL_C_VARBOOKMARK, bookmarks, 8, lengths));
    RowBuffers buffers(3);
    buffers.bind(h());
    // Bookmarks of rows 2, 5 and 9, gathered while scrolling.
    unsigned char chosen[3][8];
    SQLLEN positions[3] = {2, 5, 9};
    for (size_t i = 0; i < 3; i++) {
        ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, positions[i]));
        std::memcpy(chosen[i], bookmarks[0], 8);
    }
    // Update rows 2 and 5 by bookmark.
    std::memcpy(bookmarks, chosen, sizeof chosen);
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 2));
    for (size_t i = 0; i < 2; i++) {
        buffers.id_ind[i] = SQL_COLUMN_IGNORE;
        buffers.set_name(i, "bulk" + std::to_string(i));
        buffers.qty_ind[i] = SQL_COLUMN_IGNORE;
    }
    ASSERT_EQ(SQL_SUCCESS, SQLBulkOperations(h(), SQL_UPDATE_BY_BOOKMARK))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_UPDATED, status[0]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(rows("SELECT name FROM " + table + " WHERE id IN (2, 5) ORDER BY id"),
              (std::vector<std::string>{"bulk0", "bulk1"}));
    // Delete row 9 by bookmark.
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 1));
    std::memcpy(bookmarks[0], chosen[2], 8);
    ASSERT_EQ(SQL_SUCCESS, SQLBulkOperations(h(), SQL_DELETE_BY_BOOKMARK))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(rows("SELECT count(*) FROM " + table + " WHERE id = 9"),
              (std::vector<std::string>{"0"}));
    // Fetch rows 5 and 2 by bookmark: the cursor's updated values.
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 2));
    std::memcpy(bookmarks[0], chosen[1], 8);
    std::memcpy(bookmarks[1], chosen[0], 8);
    ASSERT_EQ(SQL_SUCCESS, SQLBulkOperations(h(), SQL_FETCH_BY_BOOKMARK))
        << format_diags(stmt->diags());
    EXPECT_EQ(5, buffers.id[0]);
    EXPECT_EQ("bulk1", buffers.name_at(0));
    EXPECT_EQ(2, buffers.id[1]);
    EXPECT_EQ(SQL_ROW_UPDATED, status[0]);
}

} // namespace
} // namespace pgo_test
