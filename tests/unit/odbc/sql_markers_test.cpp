// odbc/sql_markers.c and sql_escapes.c: which '?' (and '%s') are markers,
// how they are numbered, and the exact text each ODBC escape becomes.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "odbc/sql_markers.h"
}

namespace {

struct Translated {
    int result = -1;
    std::string text;
    struct odbc_sql_translation info = {};
    struct error error;
};

Translated Translate(const std::string &sql, enum odbc_param_style style = ODBC_PARAM_STYLE_QMARK,
                     bool translate_escapes = true,
                     enum odbc_call_form call_form = ODBC_CALL_AS_CALL)
{
    Translated translated;
    error_init(&translated.error);
    struct buf out;
    buf_init(&out, 1 << 20);
    translated.result = odbc_sql_translate(sql.data(), sql.size(), style, translate_escapes,
                                           call_form, &out, &translated.info, &translated.error);
    if (translated.result == 0) {
        EXPECT_GE(out.length, 1u);
        EXPECT_EQ(out.data[out.length - 1], '\0') << "the NUL is appended and counted";
        translated.text.assign(reinterpret_cast<const char *>(out.data), out.length - 1);
    }
    buf_reset(&out);
    return translated;
}

// The translated text, failing the test when translation fails.
std::string Text(const std::string &sql, enum odbc_param_style style = ODBC_PARAM_STYLE_QMARK)
{
    Translated translated = Translate(sql, style);
    EXPECT_EQ(translated.result, 0) << sql << ": " << translated.error.message;
    return translated.text;
}

size_t Markers(const std::string &sql)
{
    Translated translated = Translate(sql);
    EXPECT_EQ(translated.result, 0) << sql << ": " << translated.error.message;
    return translated.info.marker_count;
}

// Expects 42000 with exactly message.
void ExpectMalformed(const std::string &sql, const std::string &message)
{
    Translated translated = Translate(sql);
    ASSERT_EQ(translated.result, -1) << sql << " became " << translated.text;
    EXPECT_STREQ(translated.error.sqlstate, "42000") << sql;
    EXPECT_EQ(std::string(translated.error.message), message) << sql;
}

TEST(SqlMarkers, TextWithoutMarkersOrEscapesIsUnchanged)
{
    for (const char *sql : {"SELECT 1", "", "  select a % b, 'x' || \"y\" from t -- ?\n",
                            "SELECT $1, $2::int", "UPDATE t SET a = 1 WHERE b <> 'c}'"}) {
        Translated translated = Translate(sql);
        ASSERT_EQ(translated.result, 0) << sql;
        EXPECT_EQ(translated.text, sql);
        EXPECT_EQ(translated.info.marker_count, 0u) << sql;
        EXPECT_FALSE(translated.info.has_escapes) << sql;
        EXPECT_FALSE(translated.info.is_call) << sql;
    }
}

TEST(SqlMarkers, QuestionMarksBecomeNumberedParametersInOrder)
{
    Translated translated = Translate("SELECT * FROM t WHERE a = ? AND b = ?");
    ASSERT_EQ(translated.result, 0);
    EXPECT_EQ(translated.text, "SELECT * FROM t WHERE a = $1 AND b = $2");
    EXPECT_EQ(translated.info.marker_count, 2u);
    EXPECT_FALSE(translated.info.has_return_marker);
}

TEST(SqlMarkers, MarkersNextToCastsListsAndOperators)
{
    EXPECT_EQ(Text("SELECT ?::int, ?::text[]"), "SELECT $1::int, $2::text[]");
    EXPECT_EQ(Text("SELECT 1 WHERE a IN (?,?,?)"), "SELECT 1 WHERE a IN ($1,$2,$3)");
    EXPECT_EQ(Text("SELECT ?+?, a=?, ?||?, -?"), "SELECT $1+$2, a=$3, $4||$5, -$6");
    EXPECT_EQ(Text("SELECT ??"), "SELECT $1$2");
    EXPECT_EQ(Text("SELECT f(?)"), "SELECT f($1)");
}

TEST(SqlMarkers, JsonbOperatorsSpelledWithQuestionMarksAreStillMarkers)
{
    // ODBC's grammar: every '?' outside quotes is a marker; the header
    // says to use jsonb_exists() and friends instead.
    EXPECT_EQ(Text("SELECT doc ? 'k', doc ?| ?, doc ?& ?"),
              "SELECT doc $1 'k', doc $2| $3, doc $4& $5");
    EXPECT_EQ(Markers("SELECT jsonb_exists(doc, ?)"), 1u);
}

TEST(SqlMarkers, QuestionMarksInsideStringsAreText)
{
    EXPECT_EQ(Text("SELECT '?', 'it''s ?', ?"), "SELECT '?', 'it''s ?', $1");
    EXPECT_EQ(Markers("SELECT 'a?b''?'''"), 0u);
}

TEST(SqlMarkers, QuestionMarksInsideEscapeStringsAreText)
{
    // E'..\'..' is one string: the backslash escapes the quote.
    EXPECT_EQ(Text("SELECT E'x\\'?', ?"), "SELECT E'x\\'?', $1");
    EXPECT_EQ(Text("SELECT e'\\\\', ?"), "SELECT e'\\\\', $1");
    // Without the E, a backslash is text and the quote ends the string.
    EXPECT_EQ(Text("SELECT 'x\\', ?"), "SELECT 'x\\', $1");
    // U&'..' is a plain string after U&.
    EXPECT_EQ(Text("SELECT U&'d\\0061t?', ?"), "SELECT U&'d\\0061t?', $1");
    // A word ending in e is not an E prefix.
    EXPECT_EQ(Text("SELECT type'a\\', ?"), "SELECT type'a\\', $1");
}

TEST(SqlMarkers, QuestionMarksInsideQuotedIdentifiersAreText)
{
    EXPECT_EQ(Text("SELECT \"what?\", \"a\"\"?\" FROM t WHERE x = ?"),
              "SELECT \"what?\", \"a\"\"?\" FROM t WHERE x = $1");
}

TEST(SqlMarkers, QuestionMarksInsideDollarQuotesAreText)
{
    EXPECT_EQ(Text("SELECT $$?$$, ?"), "SELECT $$?$$, $1");
    EXPECT_EQ(Text("SELECT $fn$ ? $$ ? $fn$, ?"), "SELECT $fn$ ? $$ ? $fn$, $1");
    EXPECT_EQ(Markers("DO $body$ BEGIN PERFORM 1 WHERE a ? 'x'; END $body$"), 0u);
}

TEST(SqlMarkers, DollarNumbersAndDollarsInWordsOpenNoQuote)
{
    EXPECT_EQ(Text("SELECT $1, ?, $2"), "SELECT $1, $1, $2");
    EXPECT_EQ(Text("SELECT a$b$ ?, ? $b$"), "SELECT a$b$ $1, $2 $b$");
}

TEST(SqlMarkers, QuestionMarksInsideCommentsAreText)
{
    EXPECT_EQ(Text("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
    EXPECT_EQ(Text("SELECT /* ? */ ?"), "SELECT /* ? */ $1");
    EXPECT_EQ(Text("SELECT /* /* ? */ ? */ ?"), "SELECT /* /* ? */ ? */ $1");
    EXPECT_EQ(Markers("SELECT 1 -- ? at the end"), 0u);
}

TEST(SqlMarkers, UnterminatedQuoteSwallowsTheRest)
{
    EXPECT_EQ(Text("SELECT ?, 'open ?"), "SELECT $1, 'open ?");
    EXPECT_EQ(Text("SELECT ? /* open ?"), "SELECT $1 /* open ?");
}

TEST(SqlMarkers, FormatStyleTakesPercentSAndDoublesPercent)
{
    Translated translated =
        Translate("SELECT %s, ?, a %% b, '%s', 'x%%' FROM t WHERE c = %s", ODBC_PARAM_STYLE_FORMAT);
    ASSERT_EQ(translated.result, 0) << translated.error.message;
    EXPECT_EQ(translated.text, "SELECT $1, $2, a % b, '%s', 'x%%' FROM t WHERE c = $3");
    EXPECT_EQ(translated.info.marker_count, 3u);
    EXPECT_EQ(Text("SELECT a % b, 5 %2, %d", ODBC_PARAM_STYLE_FORMAT),
              "SELECT a % b, 5 %2, %d")
        << "a lone % stays";
    EXPECT_EQ(Text("SELECT %%s, %%%s", ODBC_PARAM_STYLE_FORMAT), "SELECT %s, %$1");
}

TEST(SqlMarkers, QmarkStyleLeavesPercentsAlone)
{
    EXPECT_EQ(Text("SELECT %s, a %% b"), "SELECT %s, a %% b");
}

TEST(SqlMarkers, DateTimeAndTimestampEscapes)
{
    Translated translated = Translate("SELECT {d '2024-01-02'}");
    ASSERT_EQ(translated.result, 0);
    EXPECT_EQ(translated.text, "SELECT DATE '2024-01-02'");
    EXPECT_TRUE(translated.info.has_escapes);
    EXPECT_EQ(Text("SELECT {t '13:14:15'}"), "SELECT TIME '13:14:15'");
    EXPECT_EQ(Text("SELECT {ts '2024-01-02 13:14:15.5'}"),
              "SELECT TIMESTAMP '2024-01-02 13:14:15.5'");
    EXPECT_EQ(Text("SELECT { TS   '2024-01-02 00:00:00'  }, {D'2024-01-02'}"),
              "SELECT TIMESTAMP '2024-01-02 00:00:00', DATE '2024-01-02'");
}

TEST(SqlMarkers, IntervalAndGuidEscapes)
{
    EXPECT_EQ(Text("SELECT {interval '3' DAY}"), "SELECT INTERVAL '3' DAY");
    EXPECT_EQ(Text("SELECT {guid '12345678-1234-1234-1234-123456789abc'}"),
              "SELECT UUID '12345678-1234-1234-1234-123456789abc'");
}

TEST(SqlMarkers, LikeEscapeClause)
{
    EXPECT_EQ(Text("SELECT 1 WHERE a LIKE '\\_%' {escape '\\'}"),
              "SELECT 1 WHERE a LIKE '\\_%' ESCAPE '\\'");
    EXPECT_EQ(Text("SELECT 1 WHERE a LIKE ? {ESCAPE '!'}"), "SELECT 1 WHERE a LIKE $1 ESCAPE '!'");
}

TEST(SqlMarkers, OuterJoinEscape)
{
    EXPECT_EQ(Text("SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id AND b.x = ?} "
                   "WHERE a.y = ?"),
              "SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id AND b.x = $1 WHERE a.y = $2");
}

TEST(SqlMarkers, ScalarFunctionsWithPostgresqlNames)
{
    EXPECT_EQ(Text("SELECT {fn UCASE(name)}, {fn lcase(?)}"), "SELECT upper(name), lower($1)");
    EXPECT_EQ(Text("SELECT {fn IFNULL(a, ?)}"), "SELECT coalesce(a, $1)");
    EXPECT_EQ(Text("SELECT {fn CONCAT(a, 'b')}"), "SELECT concat(a, 'b')");
    EXPECT_EQ(Text("SELECT {fn SUBSTRING(s, 2, 3)}"), "SELECT substr(s, 2, 3)");
    EXPECT_EQ(Text("SELECT {fn LOG(x)}"), "SELECT ln(x)");
    EXPECT_EQ(Text("SELECT {fn abs(?)}, {fn MOD(7, 3)}"), "SELECT abs($1), MOD(7, 3)")
        << "names PostgreSQL shares are written as given";
}

TEST(SqlMarkers, ScalarFunctionsRewrittenByPattern)
{
    EXPECT_EQ(Text("SELECT {fn CURDATE()}, {fn curtime( )}, {fn NOW()}"),
              "SELECT current_date, current_time, now()");
    EXPECT_EQ(Text("SELECT {fn DATABASE()}, {fn USER()}"),
              "SELECT current_database(), current_user");
    EXPECT_EQ(Text("SELECT {fn LENGTH(?)}"), "SELECT char_length(rtrim($1))");
    EXPECT_EQ(Text("SELECT {fn LOCATE(?, ?)}"), "SELECT strpos($2, $1)")
        << "arguments swap places; markers keep their text order";
    EXPECT_EQ(Text("SELECT {fn LOCATE('b', s, 3)}"),
              "SELECT (CASE WHEN strpos(substr(s, 3), 'b') > 0 THEN strpos(substr(s, 3), 'b') "
              "+ 3 - 1 ELSE 0 END)");
}

TEST(SqlMarkers, TimestampAddAndDiffNameTheirUnitAndKeepMarkersInTextOrder) {
    EXPECT_EQ(Text("SELECT {fn TIMESTAMPADD(SQL_TSI_MONTH, ?, d)}"),
              "SELECT (d + ($1) * INTERVAL '1 month')");
    EXPECT_EQ(Text("SELECT {fn timestampadd(quarter, 2, ?)}"),
              "SELECT ($1 + (2) * INTERVAL '3 months')");
    EXPECT_EQ(Text("SELECT {fn TIMESTAMPDIFF(SQL_TSI_HOUR, ?, ?)}"),
              "SELECT CAST(trunc((EXTRACT(EPOCH FROM $2) - EXTRACT(EPOCH FROM $1)) / 3600) AS "
              "bigint)");
    EXPECT_EQ(Text("SELECT {fn TIMESTAMPDIFF(SQL_TSI_YEAR, a, b)}"),
              "SELECT CAST(EXTRACT(YEAR FROM age(b, a)) AS bigint)");
    EXPECT_EQ(Text("SELECT {fn DAYOFWEEK(d)}, {fn SPACE(2)}"),
              "SELECT (CAST(EXTRACT(DOW FROM CAST(d AS timestamp)) AS integer) + 1), "
              "repeat(' ', 2)");
}

TEST(SqlMarkers, ConvertBecomesCast)
{
    EXPECT_EQ(Text("SELECT {fn CONVERT(?, SQL_INTEGER)}"), "SELECT CAST($1 AS integer)");
    EXPECT_EQ(Text("SELECT {fn convert( a , sql_varchar )}"), "SELECT CAST(a AS text)");
    EXPECT_EQ(Text("SELECT {fn CONVERT(f(a, b), SQL_DOUBLE)}"),
              "SELECT CAST(f(a, b) AS double precision)");
}

TEST(SqlMarkers, ArgumentsWithCommasInsideQuotesAndParentheses)
{
    EXPECT_EQ(Text("SELECT {fn LOCATE(',', g(x, ')'))}"), "SELECT strpos(g(x, ')'), ',')");
}

TEST(SqlMarkers, EscapesNestAndNumberMarkersInTextOrder)
{
    EXPECT_EQ(Text("SELECT {fn ucase({fn lcase(?)})}"), "SELECT upper(lower($1))");
    EXPECT_EQ(Text("SELECT ?, {fn LOCATE({fn UCASE(?)}, ?)}, ?"),
              "SELECT $1, strpos($3, upper($2)), $4");
    EXPECT_EQ(Text("SELECT * FROM {oj a LEFT JOIN b ON b.d = {d '2024-01-02'}}"),
              "SELECT * FROM a LEFT JOIN b ON b.d = DATE '2024-01-02'");
}

TEST(SqlMarkers, BracesInsideStringsAndCommentsAreNotEscapes)
{
    Translated translated = Translate("SELECT '{d 1}', \"{fn x}\", $${call p}$$ /* {oj */ -- {\n");
    ASSERT_EQ(translated.result, 0) << translated.error.message;
    EXPECT_EQ(translated.text, "SELECT '{d 1}', \"{fn x}\", $${call p}$$ /* {oj */ -- {\n");
    EXPECT_FALSE(translated.info.has_escapes);
    EXPECT_EQ(Text("SELECT {fn ucase('}')}"), "SELECT upper('}')");
    EXPECT_EQ(Text("SELECT {d '2024-01-02'} -- }"), "SELECT DATE '2024-01-02' -- }");
}

TEST(SqlMarkers, NoscanLeavesBracesButNumbersMarkers)
{
    Translated translated = Translate("SELECT {fn ucase(?)}, ?", ODBC_PARAM_STYLE_QMARK, false);
    ASSERT_EQ(translated.result, 0);
    EXPECT_EQ(translated.text, "SELECT {fn ucase($1)}, $2");
    EXPECT_EQ(translated.info.marker_count, 2u);
    EXPECT_FALSE(translated.info.has_escapes);
}

TEST(SqlMarkers, CallEscapeAsCallOrSelect)
{
    std::string sql = " {call my_schema.\"My Proc\"(?, 'x', ?)} ";
    Translated as_call = Translate(sql);
    ASSERT_EQ(as_call.result, 0) << as_call.error.message;
    EXPECT_EQ(as_call.text, " CALL my_schema.\"My Proc\"($1, 'x', $2) ");
    EXPECT_TRUE(as_call.info.is_call);
    EXPECT_FALSE(as_call.info.has_return_marker);
    EXPECT_EQ(as_call.info.marker_count, 2u);
    EXPECT_EQ(sql.substr(as_call.info.call_name_offset, as_call.info.call_name_length),
              "my_schema.\"My Proc\"");

    Translated as_select = Translate(sql, ODBC_PARAM_STYLE_QMARK, true, ODBC_CALL_AS_SELECT);
    ASSERT_EQ(as_select.result, 0);
    EXPECT_EQ(as_select.text, " SELECT * FROM my_schema.\"My Proc\"($1, 'x', $2) ");
    EXPECT_TRUE(as_select.info.is_call);

    EXPECT_EQ(Text("{CALL p}"), "CALL p()");
    EXPECT_EQ(Text("{ call p ( ) }"), "CALL p( )");
}

TEST(SqlMarkers, CallEscapeAmongOtherTextIsNotACall)
{
    Translated translated = Translate("SELECT 1; {call p(?)}");
    ASSERT_EQ(translated.result, 0);
    EXPECT_EQ(translated.text, "SELECT 1; CALL p($1)");
    EXPECT_FALSE(translated.info.is_call);
    EXPECT_EQ(translated.info.call_name_length, 0u);
}

TEST(SqlMarkers, ReturningCallSelectsTheFunctionAndSkipsTheReturnMarker)
{
    std::string sql = "{? = call f(?, ?)}";
    for (enum odbc_call_form form : {ODBC_CALL_AS_CALL, ODBC_CALL_AS_SELECT}) {
        Translated translated = Translate(sql, ODBC_PARAM_STYLE_QMARK, true, form);
        ASSERT_EQ(translated.result, 0) << translated.error.message;
        EXPECT_EQ(translated.text, "SELECT f($1, $2)");
        EXPECT_TRUE(translated.info.is_call);
        EXPECT_TRUE(translated.info.has_return_marker);
        EXPECT_EQ(translated.info.marker_count, 3u) << "ODBC parameter 1 is the return value";
        EXPECT_EQ(sql.substr(translated.info.call_name_offset, translated.info.call_name_length),
                  "f");
    }
    EXPECT_EQ(Text("{?=CALL g}"), "SELECT g()");
    EXPECT_EQ(Text("  { ? = call s.g({fn ucase(?)}) }\n"), "  SELECT s.g(upper($1))\n");
}

TEST(SqlMarkers, MalformedEscapesAre42000NamingThem)
{
    ExpectMalformed("SELECT {d '2024-01-02'", "ODBC escape \"{d '2024-01-02'\" at byte 8 has no "
                                              "closing brace");
    ExpectMalformed("SELECT {xyz 1}",
                    "ODBC escape \"{xyz 1}\" at byte 8 has an unknown keyword (d, t, ts, "
                    "interval, guid, fn, oj, escape, call and ? = call are known)");
    ExpectMalformed("SELECT {}", "ODBC escape \"{}\" at byte 8 has no keyword");
    ExpectMalformed("SELECT {", "ODBC escape \"{\" at byte 8 has no closing brace");
    ExpectMalformed("SELECT {d }", "ODBC escape \"{d }\" at byte 8 holds no value");
    ExpectMalformed("SELECT {fn ucase(a}",
                    "ODBC escape \"{fn ucase(a}\" at byte 8 has no closing parenthesis");
    ExpectMalformed("SELECT {fn ucase}",
                    "ODBC escape \"{fn ucase}\" at byte 8 does not hold a call name(arguments)");
    ExpectMalformed("SELECT {fn (1)}",
                    "ODBC escape \"{fn (1)}\" at byte 8 does not name a function");
    ExpectMalformed("SELECT {fn f(1) + 1}",
                    "ODBC escape \"{fn f(1) + 1}\" at byte 8 holds more than one call");
    ExpectMalformed("SELECT {fn ucase({fn lcase(?)}",
                    "ODBC escape \"{fn ucase({fn lcase(?)}\" at byte 8 has no closing parenthesis");
    ExpectMalformed("SELECT {fn LOCATE(a, b, c, d)}",
                    "ODBC function LOCATE in the escape at byte 8 does not take 4 arguments");
    ExpectMalformed("SELECT {fn CURDATE(1)}",
                    "ODBC function CURDATE in the escape at byte 8 does not take 1 argument");
    ExpectMalformed("SELECT {fn CONVERT(a, SQL_FOO)}",
                    "ODBC function CONVERT in the escape at byte 8 names \"SQL_FOO\", which is "
                    "not an SQL type keyword this driver converts to (SQL_INTEGER, SQL_VARCHAR, "
                    "...)");
}

TEST(SqlMarkers, NestingIsBoundedBeforeTheStackIs)
{
    std::string deep_enough;
    std::string too_deep;
    for (int level = 0; level < 64; level++) {
        deep_enough += "{fn f(";
    }
    too_deep = deep_enough + "{fn f(";
    std::string closing;
    for (int level = 0; level < 65; level++) {
        closing += ")}";
    }
    EXPECT_EQ(Translate(deep_enough + "1" + closing.substr(2)).result, 0);
    Translated translated = Translate(too_deep + "1" + closing);
    ASSERT_EQ(translated.result, -1);
    EXPECT_STREQ(translated.error.sqlstate, "42000");
    EXPECT_EQ(std::string(translated.error.message),
              "ODBC escape \"{fn f(1)}\" at byte 385 nests escapes too deeply (64 levels at "
              "most)");
}

TEST(SqlMarkers, ReturningCallMustBeTheWholeStatement)
{
    ExpectMalformed("SELECT {? = call f(?)}",
                    "ODBC escape \"{? = call f(?)}\" at byte 8 must be the whole statement");
    ExpectMalformed("{? = call f(?)} ; SELECT 1",
                    "ODBC escape \"{? = call f(?)}\" at byte 1 must be the whole statement");
    ExpectMalformed("{fn ucase({? = call f()})}",
                    "ODBC escape \"{? = call f()}\" at byte 11 must be the whole statement");
    ExpectMalformed("{? call f()}",
                    "ODBC escape \"{? call f()}\" at byte 1 is not {? = call name(arguments)}");
    ExpectMalformed("{? = fn f()}",
                    "ODBC escape \"{? = fn f()}\" at byte 1 is not {? = call name(arguments)}");
}

TEST(SqlMarkers, FailureLeavesTheOutputAsItWas)
{
    struct buf out;
    buf_init(&out, 1024);
    ASSERT_EQ(buf_append(&out, "kept", 4), 0);
    struct odbc_sql_translation info = {};
    info.marker_count = 99;
    struct error error;
    error_init(&error);
    std::string sql = "SELECT ?, {bad}";
    ASSERT_EQ(odbc_sql_translate(sql.data(), sql.size(), ODBC_PARAM_STYLE_QMARK, true,
                                 ODBC_CALL_AS_CALL, &out, &info, &error),
              -1);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(out.data), out.length), "kept");
    EXPECT_EQ(info.marker_count, 99u) << "translation is written only on success";
    buf_reset(&out);
}

TEST(SqlMarkers, TranslationAppendsAfterWhatOutHolds)
{
    struct buf out;
    buf_init(&out, 1024);
    ASSERT_EQ(buf_append(&out, "P:", 2), 0);
    struct odbc_sql_translation info = {};
    struct error error;
    error_init(&error);
    std::string sql = "SELECT ?";
    ASSERT_EQ(odbc_sql_translate(sql.data(), sql.size(), ODBC_PARAM_STYLE_QMARK, true,
                                 ODBC_CALL_AS_CALL, &out, &info, &error),
              0);
    EXPECT_STREQ(reinterpret_cast<const char *>(out.data), "P:SELECT $1");
    EXPECT_EQ(out.length, 12u) << "the NUL is counted";
    buf_reset(&out);
}

TEST(SqlMarkers, OutputPastTheMaximumIsHy001)
{
    struct buf out;
    buf_init(&out, 8);
    struct odbc_sql_translation info = {};
    struct error error;
    error_init(&error);
    std::string sql = "SELECT ?, ?, ?";
    ASSERT_EQ(odbc_sql_translate(sql.data(), sql.size(), ODBC_PARAM_STYLE_QMARK, true,
                                 ODBC_CALL_AS_CALL, &out, &info, &error),
              -1);
    EXPECT_STREQ(error.sqlstate, "HY001");
    EXPECT_EQ(out.length, 0u);
    buf_reset(&out);
}

} // namespace
