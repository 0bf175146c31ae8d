// A long text read as SQL_C_WCHAR in many pieces, as pyodbc and DBD::ODBC
// read long text columns: every piece continues where the last stopped
// (the statement keeps where the previous piece ended in the value's
// UTF-8 bytes, so a piece costs its own length, not a decode from the
// value's start: 4 MB in 8 KiB pieces took 12 s before, 16 MB three
// minutes). The text mixes one-, two-, three- and four-byte UTF-8
// characters so that pieces end inside surrogate pairs too.
#include "fetch/fetch_test.h"

#include <string>

namespace pgo_test {
namespace {

class GetDataWidePiecesTest : public FetchTest {};

TEST_F(GetDataWidePiecesTest, LongTextReadInWidePiecesComesBackWhole) {
    // 'aé€😀' is 1 + 2 + 3 + 4 UTF-8 bytes and 1 + 1 + 1 + 2 UTF-16 units.
    const int repeats = 400000; // 4 MB of UTF-8, 2,000,000 UTF-16 units
    ASSERT_OK(exec("SELECT repeat('a' || chr(233) || chr(8364) || chr(128512), " +
                   std::to_string(repeats) + ")"),
              stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS) << format_diags(stmt->diags());

    std::u16string whole;
    std::vector<SQLWCHAR> piece(4096); // 8 KiB: room for 4095 units and the terminator
    SQLLEN indicator = 0;
    SQLRETURN rc = SQL_SUCCESS_WITH_INFO;
    int calls = 0;
    while (rc == SQL_SUCCESS_WITH_INFO && calls < 10000) {
        rc = SQLGetData(h(), 1, SQL_C_WCHAR, piece.data(),
                        static_cast<SQLLEN>(piece.size() * sizeof(SQLWCHAR)), &indicator);
        ASSERT_TRUE(rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO)
            << "piece " << calls << ": " << rc_name(rc) << format_diags(stmt->diags());
        size_t units = 0;
        while (units < piece.size() && piece[units] != 0) units++;
        if (rc == SQL_SUCCESS_WITH_INFO) {
            // What remained before this piece, in bytes of UTF-16.
            ASSERT_EQ(static_cast<size_t>(indicator), (5u * repeats - whole.size()) * 2u);
        }
        whole.append(piece.begin(), piece.begin() + static_cast<std::ptrdiff_t>(units));
        calls++;
    }
    ASSERT_EQ(rc, SQL_SUCCESS);
    EXPECT_GT(calls, 400);
    ASSERT_EQ(whole.size(), 5u * repeats);
    const std::u16string unit = u"a\u00e9\u20ac\U0001F600";
    for (size_t at = 0; at < whole.size(); at += unit.size()) {
        ASSERT_EQ(whole.compare(at, unit.size(), unit), 0) << "at unit " << at;
    }
    SQLWCHAR after[4];
    EXPECT_EQ(SQLGetData(h(), 1, SQL_C_WCHAR, after, sizeof after, &indicator), SQL_NO_DATA);
}

} // namespace
} // namespace pgo_test
