// SQLGetData after a column's last piece, as DBD::ODBC's odbc_lob_read
// uses it (t/87_odbc_lob_read.t, "0 at end after another read"): a Unicode
// build of DBD::ODBC reads a text column in pieces as SQL_C_CHAR and then
// asks once more with its default type, SQL_C_WCHAR, expecting the end.
// Reference: SQLGetData, "Retrieving Data with SQLGetData", step 1:
// "Returns SQL_NO_DATA if it has already returned all of the data for the
// column" (whatever the TargetType of the later call); and "Successive
// calls to SQLGetData will retrieve data from the last column requested;
// prior offsets become invalid": only another column, or another row,
// starts a column over.
#include "fetch/fetch_test.h"

#include <cstring>

namespace pgo_test {
namespace {

class GetDataAfterEndTest : public FetchTest {
protected:
    // Reads column as SQL_C_CHAR in 8-byte pieces until its last piece;
    // returns the text read.
    std::string read_char_to_end(SQLUSMALLINT column) {
        std::string value;
        char piece[8];
        SQLLEN indicator = 0;
        for (int calls = 0; calls < 100; ++calls) {
            SQLRETURN rc =
                SQLGetData(h(), column, SQL_C_CHAR, piece, sizeof piece, &indicator);
            if (rc == SQL_SUCCESS) {
                value += piece;
                return value;
            }
            if (rc != SQL_SUCCESS_WITH_INFO) {
                ADD_FAILURE() << "piece " << calls << ": " << rc_name(rc)
                              << format_diags(stmt->diags());
                return value;
            }
            value += piece;
        }
        ADD_FAILURE() << "no last piece after 100 calls";
        return value;
    }
};

TEST_F(GetDataAfterEndTest, TextReadToItsEndAnswersNoDataForAnyLaterTargetType) {
    ASSERT_OK(exec("SELECT 'frederickfrederick'::text"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(read_char_to_end(1), "frederickfrederick");

    char narrow[8];
    SQLWCHAR wide[8];
    unsigned char bytes[8];
    SQLLEN indicator = 0;
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, narrow, sizeof narrow, &indicator), SQL_NO_DATA);
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_WCHAR, wide, sizeof wide, &indicator), SQL_NO_DATA)
        << "the column's data was all returned; a new TargetType does not start it over";
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_NO_DATA);
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, narrow, sizeof narrow, &indicator), SQL_NO_DATA);
}

TEST_F(GetDataAfterEndTest, FixedLengthValueReadOnceAnswersNoDataAsCharacters) {
    ASSERT_OK(exec("SELECT 42"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    SQLINTEGER number = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_SLONG, &number, 0, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(number, 42);
    char text[8];
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator), SQL_NO_DATA);
}

TEST_F(GetDataAfterEndTest, AnotherColumnInBetweenStartsTheFirstOverInAnyType) {
    ASSERT_OK(exec("SELECT 'frederickfrederick'::text, 7"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(read_char_to_end(1), "frederickfrederick");
    SQLINTEGER number = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 2, SQL_C_SLONG, &number, 0, &indicator), SQL_SUCCESS);
    EXPECT_EQ(number, 7);

    SQLWCHAR wide[64];
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_WCHAR, wide, sizeof wide, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(indicator, static_cast<SQLLEN>(18 * sizeof(SQLWCHAR)));
    EXPECT_EQ(wide[0], static_cast<SQLWCHAR>('f'));
    EXPECT_EQ(wide[17], static_cast<SQLWCHAR>('k'));
}

TEST_F(GetDataAfterEndTest, NextRowStartsTheColumnOver) {
    ASSERT_OK(exec("SELECT 'frederick' || g FROM generate_series(1, 2) g ORDER BY g"),
              stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(read_char_to_end(1), "frederick1");
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());
    SQLWCHAR wide[64];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_WCHAR, wide, sizeof wide, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(indicator, static_cast<SQLLEN>(10 * sizeof(SQLWCHAR)));
    EXPECT_EQ(wide[9], static_cast<SQLWCHAR>('2'));
}

} // namespace
} // namespace pgo_test
