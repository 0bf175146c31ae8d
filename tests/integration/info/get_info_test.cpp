// SQLGetInfo against the server, through the driver manager: the answers
// read from the server (version, names, read-only, encoding), and the
// claims checked against what the server really does: every scalar
// function claimed runs through {fn ...} and every one not claimed fails
// loudly, every SQL_CONVERT_* pair claimed runs and every pair not claimed
// fails, the keywords are the server's reserved words outside ODBC's list,
// the information-schema views claimed exist, catalog names work in DML.
#include "odbc_test.h"

#include <set>

namespace pgo_test {
namespace {

class GetInfoTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure())
            return;
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
    }
    SQLUINTEGER bits(SQLUSMALLINT type) {
        SQLUINTEGER value = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLGetInfo(connection->get(), type, &value, sizeof value, nullptr))
            << type;
        return value;
    }
    std::string text(SQLUSMALLINT type) {
        SQLCHAR value[2048] = {0};
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLGetInfo(connection->get(), type, value, sizeof value, &length);
        EXPECT_EQ(SQL_SUCCESS, rc) << type
                                   << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
        return reinterpret_cast<char *>(value);
    }
    // Whether sql runs (prepared and executed; the first row fetched).
    bool runs(const std::string &sql, std::string *why = nullptr) {
        QueryResult result = run_query(connection->get(), sql);
        if (why != nullptr)
            *why = result.failed_call + format_diags(result.diags);
        return result.rc == SQL_SUCCESS;
    }
    std::unique_ptr<Connection> connection;
};

TEST_F(GetInfoTest, DbmsVersionAndNamesComeFromTheServer) {
    auto number = scalar(*connection, "SELECT current_setting('server_version_num')");
    ASSERT_TRUE(number.has_value());
    int version = std::stoi(*number);
    char expected[32];
    snprintf(expected, sizeof expected, "%02d.%02d.%04d", version / 10000, 0, version % 100);
    EXPECT_EQ(expected, text(SQL_DBMS_VER));
    EXPECT_EQ("PostgreSQL", text(SQL_DBMS_NAME));
    EXPECT_EQ(scalar(*connection, "SELECT current_database()").value_or("?"),
              text(SQL_DATABASE_NAME));
    EXPECT_EQ("pgo_trust", text(SQL_USER_NAME));
    EXPECT_EQ(scalar(*connection, "SELECT current_setting('server_encoding')").value_or("?"),
              text(SQL_COLLATION_SEQ));
}

TEST_F(GetInfoTest, ReadOnlyFollowsTheSessionsDefaultTransactionMode) {
    EXPECT_EQ("N", text(SQL_DATA_SOURCE_READ_ONLY));
    ASSERT_TRUE(runs("SET default_transaction_read_only = on"));
    EXPECT_EQ("Y", text(SQL_DATA_SOURCE_READ_ONLY));
    ASSERT_TRUE(runs("SET default_transaction_read_only = off"));
    EXPECT_EQ("N", text(SQL_DATA_SOURCE_READ_ONLY));
}

TEST_F(GetInfoTest, KeywordsAreTheServersReservedWordsOutsideOdbcsList) {
    QueryResult unused;
    auto words = scalar(*connection,
                        "SELECT string_agg(upper(word), ',' ORDER BY word) FROM pg_get_keywords() "
                        "WHERE catcode IN ('R', 'T')");
    ASSERT_TRUE(words.has_value());
    std::set<std::string> odbc;
    std::string odbc_list = SQL_ODBC_KEYWORDS;
    auto split = [](const std::string &list) {
        std::set<std::string> out;
        for (size_t start = 0; start < list.size();) {
            size_t comma = list.find(',', start);
            if (comma == std::string::npos)
                comma = list.size();
            out.insert(list.substr(start, comma - start));
            start = comma + 1;
        }
        return out;
    };
    std::set<std::string> expected;
    std::set<std::string> odbc_words = split(odbc_list);
    for (const std::string &word : split(*words))
        if (odbc_words.count(word) == 0)
            expected.insert(word);
    EXPECT_EQ(expected, split(text(SQL_KEYWORDS)));
}

struct FunctionSample {
    SQLUSMALLINT info_type;
    SQLUINTEGER bit;
    const char *escape; // a call with ODBC's meaning; its value as text is expected
    const char *expected;
};

// One call per scalar function ODBC defines; expected is ODBC's answer.
const FunctionSample kFunctions[] = {
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_ASCII, "{fn ASCII('A')}", "65"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_BIT_LENGTH, "{fn BIT_LENGTH('ab')}", "16"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_CHAR, "{fn CHAR(66)}", "B"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_CHAR_LENGTH, "{fn CHAR_LENGTH('abc')}", "3"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_CHARACTER_LENGTH, "{fn CHARACTER_LENGTH('abc')}", "3"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_CONCAT, "{fn CONCAT('ab', 'cd')}", "abcd"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_DIFFERENCE, "{fn DIFFERENCE('Robert', 'Rupert')}", "4"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_INSERT, "{fn INSERT('abcdef', 2, 3, 'XY')}", "aXYef"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_LCASE, "{fn LCASE('AbC')}", "abc"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_LEFT, "{fn LEFT('abcdef', 2)}", "ab"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_LENGTH, "{fn LENGTH('ab  ')}", "2"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_LOCATE, "{fn LOCATE('c', 'abcabc', 4)}", "6"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_LOCATE_2, "{fn LOCATE('c', 'abcabc')}", "3"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_LTRIM, "{fn LTRIM('  a')}", "a"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_OCTET_LENGTH, "{fn OCTET_LENGTH('ab')}", "2"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_POSITION, "{fn POSITION('c' IN 'abc')}", "3"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_REPEAT, "{fn REPEAT('ab', 3)}", "ababab"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_REPLACE, "{fn REPLACE('abcb', 'b', 'x')}", "axcx"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_RIGHT, "{fn RIGHT('abcdef', 2)}", "ef"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_RTRIM, "{fn RTRIM('a  ')} || '|'", "a|"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_SOUNDEX, "{fn SOUNDEX('Robert')}", "R163"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_SPACE, "'|' || {fn SPACE(2)} || '|'", "|  |"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_SUBSTRING, "{fn SUBSTRING('abcdef', 2, 3)}", "bcd"},
    {SQL_STRING_FUNCTIONS, SQL_FN_STR_UCASE, "{fn UCASE('aBc')}", "ABC"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ABS, "{fn ABS(-2)}", "2"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ACOS, "{fn ACOS(1)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ASIN, "{fn ASIN(0)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ATAN, "{fn ATAN(0)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ATAN2, "{fn ATAN2(0, 1)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_CEILING, "{fn CEILING(1.2)}", "2"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_COS, "{fn COS(0)}", "1"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_COT, "round({fn COT(1)}::numeric, 3)", "0.642"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_DEGREES, "{fn DEGREES(0)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_EXP, "{fn EXP(0)}", "1"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_FLOOR, "{fn FLOOR(1.8)}", "1"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_LOG, "round({fn LOG(exp(2))}::numeric, 6)", "2.000000"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_LOG10, "{fn LOG10(100)}", "2"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_MOD, "{fn MOD(7, 3)}", "1"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_PI, "round({fn PI()}::numeric, 4)", "3.1416"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_POWER, "{fn POWER(2, 10)}", "1024"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_RADIANS, "{fn RADIANS(0)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_RAND, "{fn RAND(1)} BETWEEN 0 AND 1", "true"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ROUND, "{fn ROUND(1.256, 2)}", "1.26"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_SIGN, "{fn SIGN(-3)}", "-1"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_SIN, "{fn SIN(0)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_SQRT, "{fn SQRT(16)}", "4"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_TAN, "{fn TAN(0)}", "0"},
    {SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_TRUNCATE, "{fn TRUNCATE(1.256, 2)}", "1.25"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_CURRENT_DATE, "{fn CURRENT_DATE()} = current_date", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_CURRENT_TIME, "{fn CURRENT_TIME()} IS NOT NULL", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_CURRENT_TIMESTAMP, "{fn CURRENT_TIMESTAMP()} = now()", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_CURDATE, "{fn CURDATE()} = current_date", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_CURTIME, "{fn CURTIME()} IS NOT NULL", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_DAYNAME, "{fn DAYNAME({d '2024-02-29'})}", "Thursday"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_DAYOFMONTH, "{fn DAYOFMONTH({d '2024-02-29'})}", "29"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_DAYOFWEEK, "{fn DAYOFWEEK({d '2024-02-29'})}", "5"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_DAYOFYEAR, "{fn DAYOFYEAR({d '2024-02-29'})}", "60"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_EXTRACT, "{fn EXTRACT(YEAR FROM {d '2024-02-29'})}",
     "2024"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_HOUR, "{fn HOUR({t '13:45:30'})}", "13"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_MINUTE, "{fn MINUTE({t '13:45:30'})}", "45"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_MONTH, "{fn MONTH({d '2024-02-29'})}", "2"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_MONTHNAME, "{fn MONTHNAME({d '2024-02-29'})}",
     "February"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_NOW, "{fn NOW()} = now()", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_QUARTER, "{fn QUARTER({d '2024-02-29'})}", "1"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_SECOND, "{fn SECOND({t '13:45:30'})}", "30"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_TIMESTAMPADD,
     "{fn TIMESTAMPADD(SQL_TSI_DAY, 1, {d '2024-02-29'})} = {ts '2024-03-01 00:00:00'}", "true"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_TIMESTAMPDIFF,
     "{fn TIMESTAMPDIFF(SQL_TSI_DAY, {d '2024-02-28'}, {d '2024-03-01'})}", "2"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_WEEK, "{fn WEEK({d '2024-01-10'})}", "2"},
    {SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_YEAR, "{fn YEAR({d '2024-02-29'})}", "2024"},
    {SQL_SYSTEM_FUNCTIONS, SQL_FN_SYS_DBNAME, "{fn DATABASE()} = current_database()", "true"},
    {SQL_SYSTEM_FUNCTIONS, SQL_FN_SYS_IFNULL, "{fn IFNULL(NULL, 'x')}", "x"},
    {SQL_SYSTEM_FUNCTIONS, SQL_FN_SYS_USERNAME, "{fn USER()}", "pgo_trust"},
    {SQL_CONVERT_FUNCTIONS, SQL_FN_CVT_CONVERT, "{fn CONVERT('42', SQL_INTEGER)} + 1", "43"},
    {SQL_CONVERT_FUNCTIONS, SQL_FN_CVT_CAST, "CAST('42' AS integer) + 1", "43"},
};

TEST_F(GetInfoTest, ClaimedScalarFunctionsRunWithOdbcsMeaningAndOthersFailLoudly) {
    for (const FunctionSample &sample : kFunctions) {
        bool is_claimed = (bits(sample.info_type) & sample.bit) != 0;
        std::string sql = std::string("SELECT (") + sample.escape + ")::text";
        std::string expected = sample.expected;
        QueryResult result = run_query(connection->get(), sql);
        if (is_claimed) {
            ASSERT_EQ(SQL_SUCCESS, result.rc) << sample.escape << format_diags(result.diags);
            ASSERT_TRUE(result.has_row && result.row[0].has_value()) << sample.escape;
            EXPECT_EQ(expected, *result.row[0]) << sample.escape;
        } else {
            EXPECT_EQ(SQL_ERROR, result.rc)
                << sample.escape << " is not claimed but ran and gave "
                << (result.has_row && result.row[0] ? *result.row[0] : "(nothing)");
        }
    }
}

// Each interval SQL_TIMEDATE_ADD_INTERVALS / SQL_TIMEDATE_DIFF_INTERVALS
// claims, run through the server: TIMESTAMPADD moves by one unit and back,
// TIMESTAMPDIFF counts whole units (truncated toward zero, negative when
// the end is earlier), calendar units by months.
TEST_F(GetInfoTest, EveryClaimedTimestampIntervalAddsAndCounts) {
    struct Interval {
        SQLUINTEGER bit;
        const char *keyword;
        const char *added;     // {ts '2024-01-31 10:00:00'} + 2 units
        const char *diff_from; // start; the end is {ts '2024-05-31 10:00:00'}
        const char *count;
    } intervals[] = {
        {SQL_FN_TSI_FRAC_SECOND, "SQL_TSI_FRAC_SECOND", "2024-01-31 10:00:00",
         "2024-05-31 09:59:59.999999", "1000"},
        {SQL_FN_TSI_SECOND, "SQL_TSI_SECOND", "2024-01-31 10:00:02", "2024-05-31 09:58:30.5",
         "89"},
        {SQL_FN_TSI_MINUTE, "SQL_TSI_MINUTE", "2024-01-31 10:02:00", "2024-05-31 08:00:01",
         "119"},
        {SQL_FN_TSI_HOUR, "SQL_TSI_HOUR", "2024-01-31 12:00:00", "2024-05-30 10:00:00", "24"},
        {SQL_FN_TSI_DAY, "SQL_TSI_DAY", "2024-02-02 10:00:00", "2024-06-02 10:00:00", "-2"},
        {SQL_FN_TSI_WEEK, "SQL_TSI_WEEK", "2024-02-14 10:00:00", "2024-05-10 10:00:00", "3"},
        {SQL_FN_TSI_MONTH, "SQL_TSI_MONTH", "2024-03-31 10:00:00", "2024-01-31 10:00:00", "4"},
        {SQL_FN_TSI_QUARTER, "SQL_TSI_QUARTER", "2024-07-31 10:00:00", "2023-02-28 10:00:00",
         "5"},
        {SQL_FN_TSI_YEAR, "SQL_TSI_YEAR", "2026-01-31 10:00:00", "2021-06-01 10:00:00", "2"},
    };
    SQLUINTEGER add_bits = bits(SQL_TIMEDATE_ADD_INTERVALS);
    SQLUINTEGER diff_bits = bits(SQL_TIMEDATE_DIFF_INTERVALS);
    for (const Interval &interval : intervals) {
        ASSERT_NE(add_bits & interval.bit, 0u) << interval.keyword;
        ASSERT_NE(diff_bits & interval.bit, 0u) << interval.keyword;
        std::string add = std::string("SELECT ({fn TIMESTAMPADD(") + interval.keyword +
                          ", 2, {ts '2024-01-31 10:00:00'})})::text";
        QueryResult added = run_query(connection->get(), add);
        ASSERT_EQ(SQL_SUCCESS, added.rc) << add << format_diags(added.diags);
        ASSERT_TRUE(added.has_row && added.row[0].has_value()) << add;
        EXPECT_EQ(interval.added, *added.row[0]) << add;
        std::string diff = std::string("SELECT ({fn TIMESTAMPDIFF(") + interval.keyword +
                           ", {ts '" + interval.diff_from +
                           "'}, {ts '2024-05-31 10:00:00'})})::text";
        QueryResult counted = run_query(connection->get(), diff);
        ASSERT_EQ(SQL_SUCCESS, counted.rc) << diff << format_diags(counted.diags);
        ASSERT_TRUE(counted.has_row && counted.row[0].has_value()) << diff;
        EXPECT_EQ(interval.count, *counted.row[0]) << diff;
    }
    QueryResult unknown = run_query(
        connection->get(), "SELECT {fn TIMESTAMPADD(SQL_TSI_FORTNIGHT, 1, {d '2024-01-01'})}");
    EXPECT_EQ(SQL_ERROR, unknown.rc);
    EXPECT_DIAG(unknown.diags, "42000", {"SQL_TSI_FORTNIGHT"});
}

struct SqlType {
    SQLUINTEGER cvt_bit;          // as a CONVERT target
    const char *keyword;          // CONVERT's type keyword
    SQLUSMALLINT convert_info;    // SQL_CONVERT_<type>, as a source
    const char *postgresql_type;  // what a value of that SQL type is in PostgreSQL
};

const SqlType kSqlTypes[] = {
    {SQL_CVT_BIGINT, "SQL_BIGINT", SQL_CONVERT_BIGINT, "int8"},
    {SQL_CVT_BINARY, "SQL_BINARY", SQL_CONVERT_BINARY, "bytea"},
    {SQL_CVT_BIT, "SQL_BIT", SQL_CONVERT_BIT, "boolean"},
    {SQL_CVT_CHAR, "SQL_CHAR", SQL_CONVERT_CHAR, "char(10)"},
    {SQL_CVT_DATE, "SQL_DATE", SQL_CONVERT_DATE, "date"},
    {SQL_CVT_DECIMAL, "SQL_DECIMAL", SQL_CONVERT_DECIMAL, "numeric"},
    {SQL_CVT_DOUBLE, "SQL_DOUBLE", SQL_CONVERT_DOUBLE, "float8"},
    {SQL_CVT_FLOAT, "SQL_FLOAT", SQL_CONVERT_FLOAT, "float8"},
    {SQL_CVT_INTEGER, "SQL_INTEGER", SQL_CONVERT_INTEGER, "int4"},
    {SQL_CVT_INTERVAL_DAY_TIME, "SQL_INTERVAL_DAY_TO_SECOND", SQL_CONVERT_INTERVAL_DAY_TIME,
     "interval"},
    {SQL_CVT_INTERVAL_YEAR_MONTH, "SQL_INTERVAL_YEAR_TO_MONTH", SQL_CONVERT_INTERVAL_YEAR_MONTH,
     "interval"},
    {SQL_CVT_LONGVARBINARY, "SQL_LONGVARBINARY", SQL_CONVERT_LONGVARBINARY, "bytea"},
    {SQL_CVT_LONGVARCHAR, "SQL_LONGVARCHAR", SQL_CONVERT_LONGVARCHAR, "text"},
    {SQL_CVT_NUMERIC, "SQL_NUMERIC", SQL_CONVERT_NUMERIC, "numeric"},
    {SQL_CVT_REAL, "SQL_REAL", SQL_CONVERT_REAL, "float4"},
    {SQL_CVT_SMALLINT, "SQL_SMALLINT", SQL_CONVERT_SMALLINT, "int2"},
    {SQL_CVT_TIME, "SQL_TIME", SQL_CONVERT_TIME, "time"},
    {SQL_CVT_TIMESTAMP, "SQL_TIMESTAMP", SQL_CONVERT_TIMESTAMP, "timestamp"},
    {SQL_CVT_TINYINT, "SQL_TINYINT", SQL_CONVERT_TINYINT, "int2"},
    {SQL_CVT_VARBINARY, "SQL_VARBINARY", SQL_CONVERT_VARBINARY, "bytea"},
    {SQL_CVT_VARCHAR, "SQL_VARCHAR", SQL_CONVERT_VARCHAR, "varchar"},
    {SQL_CVT_WCHAR, "SQL_WCHAR", SQL_CONVERT_WCHAR, "char(10)"},
    {SQL_CVT_WLONGVARCHAR, "SQL_WLONGVARCHAR", SQL_CONVERT_WLONGVARCHAR, "text"},
    {SQL_CVT_WVARCHAR, "SQL_WVARCHAR", SQL_CONVERT_WVARCHAR, "varchar"},
    {SQL_CVT_GUID, "SQL_GUID", SQL_CONVERT_GUID, "uuid"},
};

// A typed NULL converts exactly when PostgreSQL has the cast: the server
// refuses a missing cast when it parses the statement, whatever the value.
TEST_F(GetInfoTest, ConvertBitmapsMatchTheCastsTheServerAccepts) {
    for (const SqlType &source : kSqlTypes) {
        SQLUINTEGER claimed = bits(source.convert_info);
        for (const SqlType &target : kSqlTypes) {
            std::string sql = std::string("SELECT {fn CONVERT(CAST(NULL AS ") +
                              source.postgresql_type + "), " + target.keyword + ")}";
            std::string why;
            bool ran = runs(sql, &why);
            bool is_claimed = (claimed & target.cvt_bit) != 0;
            EXPECT_EQ(is_claimed, ran) << sql << (ran ? " ran" : why);
        }
    }
}

TEST_F(GetInfoTest, ClaimedInformationSchemaViewsExist) {
    struct View {
        SQLUINTEGER bit;
        const char *name;
    };
    const View views[] = {
        {SQL_ISV_ASSERTIONS, "assertions"},
        {SQL_ISV_CHARACTER_SETS, "character_sets"},
        {SQL_ISV_CHECK_CONSTRAINTS, "check_constraints"},
        {SQL_ISV_COLLATIONS, "collations"},
        {SQL_ISV_COLUMN_DOMAIN_USAGE, "column_domain_usage"},
        {SQL_ISV_COLUMN_PRIVILEGES, "column_privileges"},
        {SQL_ISV_COLUMNS, "columns"},
        {SQL_ISV_CONSTRAINT_COLUMN_USAGE, "constraint_column_usage"},
        {SQL_ISV_CONSTRAINT_TABLE_USAGE, "constraint_table_usage"},
        {SQL_ISV_DOMAIN_CONSTRAINTS, "domain_constraints"},
        {SQL_ISV_DOMAINS, "domains"},
        {SQL_ISV_KEY_COLUMN_USAGE, "key_column_usage"},
        {SQL_ISV_REFERENTIAL_CONSTRAINTS, "referential_constraints"},
        {SQL_ISV_SCHEMATA, "schemata"},
        {SQL_ISV_SQL_LANGUAGES, "sql_languages"},
        {SQL_ISV_TABLE_CONSTRAINTS, "table_constraints"},
        {SQL_ISV_TABLE_PRIVILEGES, "table_privileges"},
        {SQL_ISV_TABLES, "tables"},
        {SQL_ISV_TRANSLATIONS, "translations"},
        {SQL_ISV_USAGE_PRIVILEGES, "usage_privileges"},
        {SQL_ISV_VIEW_COLUMN_USAGE, "view_column_usage"},
        {SQL_ISV_VIEW_TABLE_USAGE, "view_table_usage"},
        {SQL_ISV_VIEWS, "views"},
    };
    SQLUINTEGER claimed = bits(SQL_INFO_SCHEMA_VIEWS);
    for (const View &view : views) {
        auto exists = scalar(*connection,
                             std::string("SELECT count(*) FROM pg_catalog.pg_views WHERE "
                                         "schemaname = 'information_schema' AND viewname = '") +
                                 view.name + "'");
        EXPECT_EQ((claimed & view.bit) != 0, exists.value_or("") == "1") << view.name;
    }
}

TEST_F(GetInfoTest, CatalogNameQualifiesTablesInStatements) {
    std::string database = text(SQL_DATABASE_NAME);
    std::string separator = text(SQL_CATALOG_NAME_SEPARATOR);
    ASSERT_TRUE(runs("CREATE TEMPORARY TABLE pgo_info_catalog (id int)"));
    std::string why;
    EXPECT_TRUE(runs("SELECT count(*) FROM \"" + database + "\"" + separator +
                         "pg_catalog.pg_class",
                     &why))
        << why;
}

TEST_F(GetInfoTest, OdbcVersionOfTheDriverAndDriverManager) {
    EXPECT_EQ("03.80", text(SQL_DRIVER_ODBC_VER));
    // Answered by the driver manager, not the driver.
    EXPECT_FALSE(text(SQL_ODBC_VER).empty());
}

}  // namespace
}  // namespace pgo_test
