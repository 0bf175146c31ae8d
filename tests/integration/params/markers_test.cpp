// Parameter markers in tricky SQL, through the driver manager: a '?' inside
// a dollar-quoted string, a string constant (also E'' with an escaped
// quote), a quoted identifier or a comment (line, block, nested block) is
// text, not a marker. Each test fails if such a '?' were counted: the
// marker count is checked exactly and the statement runs with only the real
// markers bound, returning the literal text unchanged. ParamStyle=format
// accepts %s as a marker and %% as a literal %.
// Reference: sql_markers.h; PostgreSQL "Lexical Structure".
#include "params/params_support.h"

namespace pgo_test {
namespace {

class MarkerTest : public ParamFixture {
protected:
    // Prepares sql, checks SQLNumParams, binds markers 1..count to the
    // strings "p1", "p2", ... and returns the first row of the execution.
    std::vector<std::string> prepared_row(const std::string &sql, SQLSMALLINT expected_count) {
        SQLRETURN rc = prepare(sql);
        if (!succeeded(rc)) {
            return {std::string("prepare: ") + rc_name(rc) + format_diags(diags())};
        }
        SQLSMALLINT count = -1;
        EXPECT_OK(SQLNumParams(h(), &count), diags());
        EXPECT_EQ(count, expected_count) << sql;
        for (SQLSMALLINT i = 0; i < expected_count; ++i) {
            EXPECT_OK(bind(static_cast<SQLUSMALLINT>(i + 1), SQL_C_CHAR, SQL_VARCHAR,
                           values[static_cast<size_t>(i)], sizeof values[0], &nts[static_cast<size_t>(i)], 2),
                      diags());
        }
        rc = SQLExecute(h());
        if (!succeeded(rc)) {
            return {std::string("execute: ") + rc_name(rc) + format_diags(diags())};
        }
        std::vector<std::string> row = fetch_row(h());
        SQLFreeStmt(h(), SQL_CLOSE);
        return row;
    }
    char values[4][3] = {"p1", "p2", "p3", "p4"};
    SQLLEN nts[4] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
};

using Row = std::vector<std::string>;

TEST_F(MarkerTest, QuestionMarkInDollarQuotesIsText) {
    EXPECT_EQ(prepared_row("SELECT $$a?b$$, ?::text", 1), (Row{"a?b", "p1"}));
    EXPECT_EQ(prepared_row("SELECT $tag$ ? $$ ? $tag$, ?::text", 1), (Row{" ? $$ ? ", "p1"}));
}

TEST_F(MarkerTest, QuestionMarkInStringConstantIsText) {
    EXPECT_EQ(prepared_row("SELECT '?', ?::text, 'it''s ?'", 1), (Row{"?", "p1", "it's ?"}));
}

TEST_F(MarkerTest, QuestionMarkAfterEscapedQuoteInEStringIsText) {
    EXPECT_EQ(prepared_row("SELECT E'\\'?', ?::text", 1), (Row{"'?", "p1"}));
    EXPECT_EQ(prepared_row("SELECT E'\\\\', ?::text, '?'", 1), (Row{"\\", "p1", "?"}));
}

TEST_F(MarkerTest, QuestionMarkInQuotedIdentifierIsText) {
    ASSERT_OK(prepare("SELECT ?::text AS \"col?\""), diags());
    SQLSMALLINT count = -1;
    ASSERT_OK(SQLNumParams(h(), &count), diags());
    EXPECT_EQ(count, 1);
    SQLCHAR name[16];
    SQLSMALLINT name_length = 0;
    ASSERT_OK(SQLDescribeCol(h(), 1, name, sizeof name, &name_length, nullptr, nullptr, nullptr,
                             nullptr),
              diags());
    EXPECT_STREQ(reinterpret_cast<char *>(name), "col?");
    EXPECT_EQ(prepared_row("SELECT ?::text AS \"col?\", 1 AS \"a\"\"?\"", 1), (Row{"p1", "1"}));
}

TEST_F(MarkerTest, QuestionMarkInLineCommentIsText) {
    EXPECT_EQ(prepared_row("SELECT ?::text -- is this ? a marker\n, 'x'", 1), (Row{"p1", "x"}));
}

TEST_F(MarkerTest, QuestionMarkInBlockCommentsIsTextEvenNested) {
    EXPECT_EQ(prepared_row("SELECT /* ? */ ?::text, /* a /* nested ? */ still ? */ 'y'", 1),
              (Row{"p1", "y"}));
}

TEST_F(MarkerTest, EveryQuotingFormInOneStatement) {
    EXPECT_EQ(prepared_row("SELECT $$?$$ AS \"?\", '?', E'\\'?' -- ?\n"
                           ", /* ? */ ?::text, ?::text",
                           2),
              (Row{"?", "?", "'?", "p1", "p2"}));
}

TEST_F(MarkerTest, MarkersNextToCastsAndInListsAreCounted) {
    EXPECT_EQ(prepared_row("SELECT ?::text || ?::text, 'p4' IN (?, ?)", 4), (Row{"p1p2", "1"}));
}

TEST_F(MarkerTest, ExecDirectCountsTheSameMarkers) {
    char value[] = "v";
    SQLLEN length = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &length, 1), diags());
    EXPECT_EQ(select_row("SELECT '?', $$?$$, ?::text /* ? */ -- ?\n"),
              (Row{"?", "?", "v"}));
}

TEST_F(MarkerTest, MarkersInsideOdbcEscapesAreNumberedInTextOrder) {
    EXPECT_EQ(prepared_row("SELECT {fn ucase(?)}, {d '2024-02-29'}::text, ?::text, "
                           "{fn concat(?::text, '?')}",
                           3),
              (Row{"P1", "2024-02-29", "p2", "p3?"}));
}

// --------------------------------------------------------- ParamStyle=format

class MarkerFormatStyleTest : public MarkerTest {
protected:
    std::string extra_keywords() const override { return "ParamStyle=format;"; }
};

TEST_F(MarkerFormatStyleTest, PercentSIsAMarkerAndDoublePercentIsOnePercent) {
    EXPECT_EQ(prepared_row("SELECT %s::text, 7 %% 3, ?::text", 2), (Row{"p1", "1", "p2"}));
}

TEST_F(MarkerFormatStyleTest, PercentSInsideQuotesIsText) {
    EXPECT_EQ(prepared_row("SELECT '%s', %s::text, \"%s\".x FROM (SELECT 5 AS x) AS \"%s\"", 1),
              (Row{"%s", "p1", "5"}));
}

TEST_F(MarkerFormatStyleTest, LonePercentIsTheModuloOperator) {
    EXPECT_EQ(prepared_row("SELECT 17 % 5, %s::text", 1), (Row{"2", "p1"}));
}

TEST_F(MarkerTest, PercentSIsTextWithoutFormatStyle) {
    // Default ParamStyle=qmark: '%s' outside quotes is left to the server
    // (here inside a string, so the statement runs).
    EXPECT_EQ(prepared_row("SELECT '%s', ?::text", 1), (Row{"%s", "p1"}));
}

} // namespace
} // namespace pgo_test
