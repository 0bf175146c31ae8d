// odbc_sql_translate_escapes (SQLNativeSql's text): escapes translated
// exactly as for execution, markers left as the application wrote them.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "odbc/sql_markers.h"
}

namespace {

struct Native {
    int result = -1;
    std::string text;
    struct odbc_sql_translation info = {};
    struct error error;
};

Native Translate(const std::string &sql, enum odbc_param_style style = ODBC_PARAM_STYLE_QMARK)
{
    Native native;
    error_init(&native.error);
    struct buf out;
    buf_init(&out, 1 << 20);
    native.result = odbc_sql_translate_escapes(sql.data(), sql.size(), style, ODBC_CALL_AS_CALL,
                                               &out, &native.info, &native.error);
    if (native.result == 0) {
        EXPECT_EQ(out.data[out.length - 1], '\0');
        native.text.assign(reinterpret_cast<const char *>(out.data), out.length - 1);
    }
    buf_reset(&out);
    return native;
}

TEST(SqlNative, MarkersStayQuestionMarksAndAreCounted)
{
    Native native = Translate("SELECT a FROM t WHERE b = ? AND c IN (?, ?)");
    ASSERT_EQ(0, native.result);
    EXPECT_EQ("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", native.text);
    EXPECT_EQ(3u, native.info.marker_count);
}

TEST(SqlNative, EscapesAreTranslatedAsForExecution)
{
    Native native = Translate("SELECT {fn UCASE(?)}, {d '2024-02-29'} FROM t WHERE x = ?");
    ASSERT_EQ(0, native.result);
    EXPECT_EQ("SELECT upper(?), DATE '2024-02-29' FROM t WHERE x = ?", native.text);
    EXPECT_TRUE(native.info.has_escapes);
    EXPECT_EQ(2u, native.info.marker_count);
}

TEST(SqlNative, NestedEscapesKeepTheirMarkers)
{
    Native native = Translate("SELECT {fn LCASE({fn CONVERT(?, SQL_VARCHAR)})}");
    ASSERT_EQ(0, native.result);
    EXPECT_EQ("SELECT lower(CAST(? AS text))", native.text);
}

TEST(SqlNative, ReturnMarkerBecomesTheResultColumn)
{
    Native native = Translate("{? = call f(?, 2)}");
    ASSERT_EQ(0, native.result);
    EXPECT_EQ("SELECT f(?, 2)", native.text);
    EXPECT_TRUE(native.info.has_return_marker);
    EXPECT_EQ(2u, native.info.marker_count);
}

TEST(SqlNative, QuotedQuestionMarksAreText)
{
    Native native = Translate("SELECT '?', \"a?\" FROM t -- ?\nWHERE x = ?");
    ASSERT_EQ(0, native.result);
    EXPECT_EQ("SELECT '?', \"a?\" FROM t -- ?\nWHERE x = ?", native.text);
    EXPECT_EQ(1u, native.info.marker_count);
}

TEST(SqlNative, FormatStyleKeepsPercentMarkersAndEscapedPercents)
{
    Native native = Translate("SELECT %s, 5 %% 2, {fn UCASE(%s)}", ODBC_PARAM_STYLE_FORMAT);
    ASSERT_EQ(0, native.result);
    EXPECT_EQ("SELECT %s, 5 %% 2, upper(%s)", native.text);
    EXPECT_EQ(2u, native.info.marker_count);
}

TEST(SqlNative, MalformedEscapeIs42000)
{
    Native native = Translate("SELECT {xyz 1}");
    EXPECT_EQ(-1, native.result);
    EXPECT_STREQ("42000", native.error.sqlstate);
}

}  // namespace
