// Bound fetching through the driver manager: column-wise and row-wise row
// arrays with the row status array, the rows-fetched count and the bind
// offset; static cursors in every orientation with the reference's rules
// at the edges; SQLGetData in pieces for long text and bytea.
#include "fetch/fetch_test.h"

#include <cstring>

namespace pgo_test {
namespace {

class BindingTest : public FetchTest {
protected:
    void set_attr(SQLINTEGER attribute, SQLULEN value) {
        ASSERT_EQ(SQLSetStmtAttr(h(), attribute, reinterpret_cast<SQLPOINTER>(value), 0),
                  SQL_SUCCESS)
            << format_diags(stmt->diags());
    }
    void set_pointer(SQLINTEGER attribute, void *pointer) {
        ASSERT_EQ(SQLSetStmtAttr(h(), attribute, pointer, 0), SQL_SUCCESS)
            << format_diags(stmt->diags());
    }
};

TEST_F(BindingTest, ColumnWiseArrayFillsRowsStatusesAndCount) {
    const size_t size = 4;
    SQLINTEGER numbers[size];
    SQLLEN number_ind[size];
    char names[size][8];
    SQLLEN name_ind[size];
    SQLUSMALLINT status[size];
    SQLULEN fetched = 0;
    set_attr(SQL_ATTR_ROW_ARRAY_SIZE, size);
    set_pointer(SQL_ATTR_ROW_STATUS_PTR, status);
    set_pointer(SQL_ATTR_ROWS_FETCHED_PTR, &fetched);
    ASSERT_OK(exec("SELECT g, CASE WHEN g = 3 THEN NULL ELSE 'n' || g END "
                   "FROM generate_series(1, 6) g"),
              stmt->diags());
    ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SLONG, numbers, 0, number_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(h(), 2, SQL_C_CHAR, names, sizeof names[0], name_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(fetched, 4u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(numbers[i], static_cast<SQLINTEGER>(i + 1));
        EXPECT_EQ(status[i], SQL_ROW_SUCCESS);
    }
    EXPECT_STREQ(names[0], "n1");
    EXPECT_EQ(name_ind[2], SQL_NULL_DATA);
    EXPECT_STREQ(names[3], "n4");
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(fetched, 2u);
    EXPECT_EQ(numbers[0], 5);
    EXPECT_EQ(numbers[1], 6);
    EXPECT_EQ(status[1], SQL_ROW_SUCCESS);
    EXPECT_EQ(status[2], SQL_ROW_NOROW);
    EXPECT_EQ(status[3], SQL_ROW_NOROW);
    EXPECT_EQ(SQLFetch(h()), SQL_NO_DATA);
    EXPECT_EQ(fetched, 0u);
}

TEST_F(BindingTest, RowWiseArrayWithOffsetAndTruncationStatus) {
    struct Row {
        SQLBIGINT number;
        SQLLEN number_ind;
        char text[5];
        SQLLEN text_ind;
    };
    Row rows[2 + 3]; // the offset moves the rowset two rows in
    std::memset(rows, 0, sizeof rows);
    SQLULEN offset = 2 * sizeof(Row);
    SQLUSMALLINT status[3];
    SQLULEN fetched = 0;
    set_attr(SQL_ATTR_ROW_BIND_TYPE, sizeof(Row));
    set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3);
    set_pointer(SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset);
    set_pointer(SQL_ATTR_ROW_STATUS_PTR, status);
    set_pointer(SQL_ATTR_ROWS_FETCHED_PTR, &fetched);
    ASSERT_OK(exec("SELECT g * 1000000000000, repeat('z', g) FROM generate_series(1, 3) g"),
              stmt->diags());
    ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SBIGINT, &rows[0].number, 0, &rows[0].number_ind),
              SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(h(), 2, SQL_C_CHAR, rows[0].text, sizeof rows[0].text, &rows[0].text_ind),
              SQL_SUCCESS);
    // Row 3's text ("zzz" fits, but make it 5 long to truncate): re-run.
    ASSERT_EQ(SQLFreeStmt(h(), SQL_CLOSE), SQL_SUCCESS);
    ASSERT_OK(exec("SELECT g * 1000000000000, repeat('z', g * 2) FROM generate_series(1, 3) g"),
              stmt->diags());
    EXPECT_EQ(SQLFetch(h()), SQL_SUCCESS_WITH_INFO);
    EXPECT_DIAG(stmt->diags(), "01004", {});
    EXPECT_EQ(fetched, 3u);
    EXPECT_EQ(rows[0].number, 0); // before the offset: untouched
    EXPECT_EQ(rows[2].number, 1000000000000LL);
    EXPECT_EQ(rows[4].number, 3000000000000LL);
    EXPECT_STREQ(rows[2].text, "zz");
    EXPECT_STREQ(rows[3].text, "zzzz");
    EXPECT_STREQ(rows[4].text, "zzzz");
    EXPECT_EQ(rows[4].text_ind, 6);
    EXPECT_EQ(status[0], SQL_ROW_SUCCESS);
    EXPECT_EQ(status[1], SQL_ROW_SUCCESS);
    EXPECT_EQ(status[2], SQL_ROW_SUCCESS_WITH_INFO);
}

TEST_F(BindingTest, LargeRowArrayReadsAWholeResultInBatches) {
    const size_t size = 1000;
    std::vector<SQLINTEGER> numbers(size);
    std::vector<SQLLEN> indicators(size);
    SQLULEN fetched = 0;
    set_attr(SQL_ATTR_ROW_ARRAY_SIZE, size);
    set_pointer(SQL_ATTR_ROWS_FETCHED_PTR, &fetched);
    ASSERT_OK(exec("SELECT g FROM generate_series(1, 25500) g"), stmt->diags());
    ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SLONG, numbers.data(), 0, indicators.data()), SQL_SUCCESS);
    long long sum = 0;
    size_t total = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
        for (size_t i = 0; i < fetched; ++i) {
            sum += numbers[i];
        }
        total += fetched;
    }
    EXPECT_EQ(rc, SQL_NO_DATA);
    EXPECT_EQ(total, 25500u);
    EXPECT_EQ(sum, 25500LL * 25501 / 2);
}

TEST_F(BindingTest, ForwardOnlyCursorRefusesScrolling) {
    ASSERT_OK(exec("SELECT 1"), stmt->diags());
    EXPECT_EQ(SQLFetchScroll(h(), SQL_FETCH_FIRST, 0), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY106", {});
}

class StaticCursorTest : public BindingTest {
protected:
    void SetUp() override {
        BindingTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_STATIC);
        set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3);
        set_pointer(SQL_ATTR_ROWS_FETCHED_PTR, &fetched);
        ASSERT_OK(exec("SELECT g FROM generate_series(1, 10) g"), stmt->diags());
        ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SLONG, values, 0, indicators), SQL_SUCCESS);
    }
    // "first..last" of the rowset the call returned, or the return code.
    std::string scroll(SQLSMALLINT orientation, SQLLEN offset) {
        std::memset(values, 0, sizeof values);
        SQLRETURN rc = SQLFetchScroll(h(), orientation, offset);
        if (rc == SQL_NO_DATA) {
            return "no data";
        }
        if (!succeeded(rc)) {
            return std::string(rc_name(rc)) + format_diags(stmt->diags());
        }
        std::string text = std::to_string(values[0]) + ".." +
                           std::to_string(values[fetched - 1]);
        if (rc == SQL_SUCCESS_WITH_INFO) {
            text += " " + (stmt->diags().empty() ? std::string("?") : stmt->diags()[0].state);
        }
        return text;
    }
    SQLINTEGER values[3];
    SQLLEN indicators[3];
    SQLULEN fetched = 0;
};

TEST_F(StaticCursorTest, EveryOrientationFollowsThePositioningRules) {
    EXPECT_EQ(scroll(SQL_FETCH_PRIOR, 0), "no data");     // before start stays
    EXPECT_EQ(scroll(SQL_FETCH_NEXT, 0), "1..3");
    EXPECT_EQ(scroll(SQL_FETCH_NEXT, 0), "4..6");
    EXPECT_EQ(scroll(SQL_FETCH_RELATIVE, -2), "2..4");
    EXPECT_EQ(scroll(SQL_FETCH_PRIOR, 0), "1..3 01S06");  // 1 < start <= size
    EXPECT_EQ(scroll(SQL_FETCH_LAST, 0), "8..10");
    EXPECT_EQ(scroll(SQL_FETCH_NEXT, 0), "no data");      // after end
    EXPECT_EQ(scroll(SQL_FETCH_PRIOR, 0), "8..10");       // from after end
    EXPECT_EQ(scroll(SQL_FETCH_ABSOLUTE, 9), "9..10");
    EXPECT_EQ(fetched, 2u);
    EXPECT_EQ(scroll(SQL_FETCH_ABSOLUTE, -1), "10..10");
    EXPECT_EQ(scroll(SQL_FETCH_ABSOLUTE, -12), "no data"); // |-12| > rows and > rowset size
    EXPECT_EQ(scroll(SQL_FETCH_FIRST, 0), "1..3");
    EXPECT_EQ(scroll(SQL_FETCH_RELATIVE, 0), "1..3");
    EXPECT_EQ(scroll(SQL_FETCH_RELATIVE, 4), "5..7");
    EXPECT_EQ(scroll(SQL_FETCH_RELATIVE, 20), "no data");
    EXPECT_EQ(scroll(SQL_FETCH_RELATIVE, -3), "8..10");   // after end: as ABSOLUTE -3
    EXPECT_EQ(scroll(SQL_FETCH_ABSOLUTE, 0), "no data");  // before start
    EXPECT_EQ(scroll(SQL_FETCH_RELATIVE, 2), "2..4");     // before start: as ABSOLUTE 2
    EXPECT_EQ(scroll(SQL_FETCH_ABSOLUTE, 11), "no data");
    SQLULEN row_number = 0;
    EXPECT_EQ(scroll(SQL_FETCH_ABSOLUTE, 5), "5..7");
    ASSERT_EQ(SQLGetStmtAttr(h(), SQL_ATTR_ROW_NUMBER, &row_number, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(row_number, 5u);
    // SQLGetData reads the first row of the rowset.
    EXPECT_EQ(text_of(1), "5");
    // Without bookmarks the driver manager or the driver refuses.
    EXPECT_EQ(SQLFetchScroll(h(), SQL_FETCH_BOOKMARK, 0), SQL_ERROR);
    Diags diags = stmt->diags();
    EXPECT_TRUE(has_diag(diags, "HYC00") || has_diag(diags, "HY106")) << format_diags(diags);
}

TEST_F(StaticCursorTest, ScrollableAttributeMakesAStaticCursor) {
    Statement other(connection->get());
    ASSERT_EQ(SQLSetStmtAttr(other.get(), SQL_ATTR_CURSOR_SCROLLABLE,
                             reinterpret_cast<SQLPOINTER>(SQL_SCROLLABLE), 0),
              SQL_SUCCESS);
    SQLULEN type = 0;
    ASSERT_EQ(SQLGetStmtAttr(other.get(), SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, static_cast<SQLULEN>(SQL_CURSOR_STATIC));
    ASSERT_OK(exec_on(other.get(), "SELECT g FROM generate_series(1, 3) g"), other.diags());
    ASSERT_EQ(SQLFetchScroll(other.get(), SQL_FETCH_LAST, 0), SQL_SUCCESS);
    EXPECT_EQ(text_of(other.get(), 1), "3");
    ASSERT_EQ(SQLFetchScroll(other.get(), SQL_FETCH_FIRST, 0), SQL_SUCCESS);
    EXPECT_EQ(text_of(other.get(), 1), "1");
}

class PiecesTest : public FetchTest {};

TEST_F(PiecesTest, LongTextArrivesInPiecesWithRemainingLengths) {
    ASSERT_OK(exec("SELECT repeat('abcdefghij', 10000)"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    std::string whole;
    char piece[4096];
    SQLLEN indicator = 0;
    SQLLEN expected_remaining = 100000;
    SQLRETURN rc;
    int pieces = 0;
    while ((rc = SQLGetData(h(), 1, SQL_C_CHAR, piece, sizeof piece, &indicator)) !=
           SQL_NO_DATA) {
        ASSERT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
        EXPECT_EQ(indicator, expected_remaining);
        whole += piece;
        expected_remaining -= static_cast<SQLLEN>(std::strlen(piece));
        ++pieces;
        if (rc == SQL_SUCCESS_WITH_INFO) {
            EXPECT_DIAG(stmt->diags(), "01004", {});
        }
    }
    EXPECT_EQ(pieces, 25);
    EXPECT_EQ(whole.size(), 100000u);
    EXPECT_EQ(whole.substr(99990), "abcdefghij");
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, piece, sizeof piece, &indicator), SQL_NO_DATA);
}

TEST_F(PiecesTest, ByteaArrivesAsBytesInPieces) {
    ASSERT_OK(exec("SELECT decode(repeat('00ff10', 1000), 'hex'), 'tail'"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    // Any column order: the second column first.
    EXPECT_EQ(text_of(2), "tail");
    std::vector<unsigned char> bytes;
    unsigned char piece[1000];
    SQLLEN indicator = 0;
    SQLRETURN rc;
    while ((rc = SQLGetData(h(), 1, SQL_C_BINARY, piece, sizeof piece, &indicator)) !=
           SQL_NO_DATA) {
        ASSERT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
        size_t got = rc == SQL_SUCCESS_WITH_INFO ? sizeof piece : static_cast<size_t>(indicator);
        if (bytes.empty()) {
            EXPECT_EQ(indicator, 3000);
        }
        bytes.insert(bytes.end(), piece, piece + got);
    }
    ASSERT_EQ(bytes.size(), 3000u);
    EXPECT_EQ(bytes[0], 0x00);
    EXPECT_EQ(bytes[1], 0xff);
    EXPECT_EQ(bytes[2999], 0x10);
}

} // namespace
} // namespace pgo_test
