// Parameter values through the driver manager, one C type into one SQL type
// at a time, with boundary values: each value is stored by the server
// through INSERT ... VALUES (?) and read back as the server prints it (or
// compared in SQL with a literal), so a test passes only when the server
// holds exactly the application's value. Also NULL (SQL_NULL_DATA) for each
// family, SQL_NTS, a null length pointer, and explicit lengths shorter
// than the buffer.
// Reference: SQLBindParameter; "Converting Data from C to SQL Data Types".
#include "params/params_support.h"

#include <cfloat>
#include <climits>

namespace pgo_test {
namespace {

class ParamRoundTripTest : public ParamFixture {};

TEST_F(ParamRoundTripTest, SlongBoundsIntoInt4) {
    std::string table = value_table("int4");
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    for (SQLINTEGER each : {INT32_MIN, INT32_MAX, 0, -1}) {
        value = each;
        ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    }
    EXPECT_EQ(stored(table), "-2147483648,2147483647,0,-1");
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table + " WHERE v IN (-2147483648, 2147483647)"),
              "2");
}

TEST_F(ParamRoundTripTest, SbigintBoundsIntoInt8) {
    std::string table = value_table("int8");
    SQLBIGINT value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_BIGINT, &value, 0, &indicator), diags());
    value = INT64_MIN;
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = INT64_MAX;
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "-9223372036854775808,9223372036854775807");
}

TEST_F(ParamRoundTripTest, SshortBoundsIntoInt2) {
    std::string table = value_table("int2");
    SQLSMALLINT value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SSHORT, SQL_SMALLINT, &value, 0, &indicator), diags());
    value = SHRT_MIN;
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = SHRT_MAX;
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "-32768,32767");
}

TEST_F(ParamRoundTripTest, UtinyintAndStinyintIntoInt2) {
    std::string table = value_table("int2");
    SQLCHAR unsigned_value = 255;
    SQLSCHAR signed_value = -128;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_UTINYINT, SQL_TINYINT, &unsigned_value, 0, &indicator), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    ASSERT_OK(bind(1, SQL_C_STINYINT, SQL_SMALLINT, &signed_value, 0, &indicator), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "255,-128");
}

TEST_F(ParamRoundTripTest, DoubleExtremesNegativeZeroAndDblMinIntoFloat8) {
    std::string table = value_table("float8");
    SQLDOUBLE value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_DOUBLE, &value, 0, &indicator, 15), diags());
    for (double each : {1e308, -0.0, DBL_MIN, -DBL_MAX, 0.1}) {
        value = each;
        ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    }
    // PostgreSQL prints the shortest text that reads back exactly.
    EXPECT_EQ(stored(table),
              "1e+308,-0,2.2250738585072014e-308,-1.7976931348623157e+308,0.1");
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table +
                       " WHERE v = 2.2250738585072014e-308::float8 OR v = 1e308::float8"),
              "2");
    // -0.0 keeps its sign bit: 1 / -0 would fail, but the text shows it.
    EXPECT_EQ(value_of("SELECT v::text FROM " + table + " WHERE ord = 2"), "-0");
}

TEST_F(ParamRoundTripTest, FloatIntoFloat4) {
    std::string table = value_table("float4");
    SQLREAL value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_FLOAT, SQL_REAL, &value, 0, &indicator, 7), diags());
    for (float each : {FLT_MAX, 1.5f, -FLT_MIN}) {
        value = each;
        ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    }
    EXPECT_EQ(stored(table), "3.4028235e+38,1.5,-1.1754944e-38");
}

// val holds the unscaled value little-endian (SQL_NUMERIC_STRUCT).
SQL_NUMERIC_STRUCT numeric_struct(const std::string &digits, SQLCHAR precision,
                                  SQLSCHAR scale, bool is_negative) {
    SQL_NUMERIC_STRUCT numeric;
    std::memset(&numeric, 0, sizeof numeric);
    numeric.precision = precision;
    numeric.scale = scale;
    numeric.sign = is_negative ? 0 : 1;
    for (char digit : digits) {
        unsigned carry = static_cast<unsigned>(digit - '0');
        for (SQLCHAR &byte : numeric.val) {
            unsigned product = byte * 10u + carry;
            byte = static_cast<SQLCHAR>(product & 0xff);
            carry = product >> 8;
        }
    }
    return numeric;
}

TEST_F(ParamRoundTripTest, NumericStructPrecision38Scale4NegativeIntoNumeric38_4) {
    std::string table = value_table("numeric(38,4)");
    // 38 digits, 4 after the point: the largest shape numeric(38,4) holds.
    SQL_NUMERIC_STRUCT value =
        numeric_struct("12345678901234567890123456789012345678", 38, 4, true);
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_NUMERIC, SQL_NUMERIC, &value, 0, &indicator, 38, 4), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = numeric_struct("1", 38, 4, false); // 0.0001
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "-1234567890123456789012345678901234.5678,0.0001");
}

TEST_F(ParamRoundTripTest, CharDecimalTextIntoNumeric) {
    std::string table = value_table("numeric");
    char value[] = "12345.6789";
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_NUMERIC, value, sizeof value, &indicator, 9, 4), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "12345.6789");
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table + " WHERE v = 12345.6789"), "1");
}

TEST_F(ParamRoundTripTest, BitIntoBool) {
    std::string table = value_table("bool");
    SQLCHAR value = 1;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_BIT, SQL_BIT, &value, 0, &indicator), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = 0;
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "true,false");
}

TEST_F(ParamRoundTripTest, DateYearOneLastDayAndLeapDayIntoDate) {
    std::string table = value_table("date");
    SQL_DATE_STRUCT value{};
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_TYPE_DATE, SQL_TYPE_DATE, &value, 0, &indicator, 10), diags());
    value = {1, 1, 1};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = {9999, 12, 31};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = {2024, 2, 29};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "to_char(v, 'YYYY-MM-DD')"), "0001-01-01,9999-12-31,2024-02-29");
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table +
                       " WHERE v IN (DATE '0001-01-01', DATE '9999-12-31', DATE '2024-02-29')"),
              "3");
}

TEST_F(ParamRoundTripTest, TimeBoundsIntoTime) {
    std::string table = value_table("time");
    SQL_TIME_STRUCT value{};
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_TYPE_TIME, SQL_TYPE_TIME, &value, 0, &indicator, 8), diags());
    value = {0, 0, 0};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = {23, 59, 59};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "00:00:00,23:59:59");
}

TEST_F(ParamRoundTripTest, TimestampWithNanosecondFractionIntoTimestamp) {
    std::string table = value_table("timestamp");
    SQL_TIMESTAMP_STRUCT value{};
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &value, 0, &indicator, 26, 6),
              diags());
    value = {2024, 2, 29, 23, 59, 58, 123456000};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = {1, 1, 1, 0, 0, 0, 0};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    value = {9999, 12, 31, 23, 59, 59, 999999000};
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "to_char(v, 'YYYY-MM-DD HH24:MI:SS.US')"),
              "2024-02-29 23:59:58.123456,0001-01-01 00:00:00.000000,"
              "9999-12-31 23:59:59.999999");
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table +
                       " WHERE v = TIMESTAMP '2024-02-29 23:59:58.123456'"),
              "1");
}

TEST_F(ParamRoundTripTest, BinaryWithZeroBytesAndEmbeddedNulIntoBytea) {
    std::string table = value_table("bytea");
    unsigned char value[8] = {0x00, 0x01, 0xff, 0x00, 'a', 'b', 0x00, 0x7f};
    SQLLEN indicator = sizeof value;
    ASSERT_OK(bind(1, SQL_C_BINARY, SQL_VARBINARY, value, sizeof value, &indicator, sizeof value),
              diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    indicator = 0; // an empty value, not NULL
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "encode(v, 'hex') || '/' || length(v)"), "0001ff006162007f/8,/0");
}

TEST_F(ParamRoundTripTest, WideCharOutsideBmpIntoText) {
    std::string table = value_table("text");
    // "a", U+00E9, U+1F31C (a surrogate pair in UTF-16), "z".
    const char16_t source[] = u"a\u00e9\U0001F31Cz";
    SQLWCHAR value[8] = {0};
    for (size_t i = 0; i < sizeof source / sizeof source[0]; ++i) {
        value[i] = static_cast<SQLWCHAR>(source[i]);
    }
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_WCHAR, SQL_WVARCHAR, value, sizeof value, &indicator, 4), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "(v = 'a' || chr(233) || chr(127772) || 'z')::text || '/' || "
                            "length(v) || '/' || encode(convert_to(v, 'UTF8'), 'hex')"),
              "true/4/61c3a9f09f8c9c7a");
}

TEST_F(ParamRoundTripTest, CharUtf8MultibyteIntoText) {
    std::string table = value_table("text");
    // "Grüße, 日本" in UTF-8.
    char value[] = "Gr\xc3\xbc\xc3\x9f" "e, \xe6\x97\xa5\xe6\x9c\xac";
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &indicator, 20), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "length(v) || '/' || encode(convert_to(v, 'UTF8'), 'hex')"),
              "9/4772c3bcc39f652c20e697a5e69cac");
}

TEST_F(ParamRoundTripTest, GuidIntoUuid) {
    std::string table = value_table("uuid");
    SQLGUID value{0x12345678, 0x9abc, 0xdef0, {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0}};
    SQLLEN indicator = sizeof value;
    ASSERT_OK(bind(1, SQL_C_GUID, SQL_GUID, &value, sizeof value, &indicator, 36), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "12345678-9abc-def0-1234-56789abcdef0");
}

TEST_F(ParamRoundTripTest, IntervalStructsIntoInterval) {
    std::string table = value_table("interval");
    SQL_INTERVAL_STRUCT value;
    std::memset(&value, 0, sizeof value);
    value.interval_type = SQL_IS_DAY_TO_SECOND;
    value.interval_sign = SQL_FALSE;
    value.intval.day_second.day = 3;
    value.intval.day_second.hour = 4;
    value.intval.day_second.minute = 5;
    value.intval.day_second.second = 6;
    value.intval.day_second.fraction = 500000; // seconds precision 6 (the default)
    SQLLEN indicator = sizeof value;
    ASSERT_OK(bind(1, SQL_C_INTERVAL_DAY_TO_SECOND, SQL_INTERVAL_DAY_TO_SECOND, &value,
                   sizeof value, &indicator, 0, 6),
              diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));

    SQL_INTERVAL_STRUCT months;
    std::memset(&months, 0, sizeof months);
    months.interval_type = SQL_IS_YEAR_TO_MONTH;
    months.interval_sign = SQL_TRUE; // negative
    months.intval.year_month.year = 2;
    months.intval.year_month.month = 3;
    ASSERT_OK(bind(1, SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_INTERVAL_YEAR_TO_MONTH, &months,
                   sizeof months, &indicator),
              diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "(v = CASE ord WHEN 1 THEN INTERVAL '3 days 04:05:06.5' "
                            "ELSE INTERVAL '-2 years -3 months' END)::text"),
              "true,true");
    EXPECT_EQ(stored(table), "3 days 04:05:06.5,-2 years -3 mons");
}

// ------------------------------------------------------------------ NULLs

TEST_F(ParamRoundTripTest, NullDataStoresNullForEveryFamily) {
    std::string table = make_table(
        "nulls", "i int4, b int8, d float8, n numeric, c text, w text, y bytea, "
                 "dt date, ts timestamp, g uuid, f bool, iv interval");
    // Real values in every buffer: SQL_NULL_DATA must win over them.
    SQLINTEGER i = 7;
    SQLBIGINT b = 8;
    SQLDOUBLE d = 9.5;
    SQL_NUMERIC_STRUCT n = numeric_struct("10", 2, 0, false);
    char c[] = "text";
    SQLWCHAR w[] = {'w', 0};
    unsigned char y[] = {1, 2};
    SQL_DATE_STRUCT dt{2024, 1, 2};
    SQL_TIMESTAMP_STRUCT ts{2024, 1, 2, 3, 4, 5, 0};
    SQLGUID g{1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    SQLCHAR f = 1;
    SQL_INTERVAL_STRUCT iv;
    std::memset(&iv, 0, sizeof iv);
    iv.interval_type = SQL_IS_DAY;
    iv.intval.day_second.day = 1;
    SQLLEN null_indicator[12];
    for (SQLLEN &each : null_indicator) {
        each = SQL_NULL_DATA;
    }
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &i, 0, &null_indicator[0]), diags());
    ASSERT_OK(bind(2, SQL_C_SBIGINT, SQL_BIGINT, &b, 0, &null_indicator[1]), diags());
    ASSERT_OK(bind(3, SQL_C_DOUBLE, SQL_DOUBLE, &d, 0, &null_indicator[2]), diags());
    ASSERT_OK(bind(4, SQL_C_NUMERIC, SQL_NUMERIC, &n, 0, &null_indicator[3], 2, 0), diags());
    ASSERT_OK(bind(5, SQL_C_CHAR, SQL_VARCHAR, c, sizeof c, &null_indicator[4], 4), diags());
    ASSERT_OK(bind(6, SQL_C_WCHAR, SQL_WVARCHAR, w, sizeof w, &null_indicator[5], 1), diags());
    ASSERT_OK(bind(7, SQL_C_BINARY, SQL_VARBINARY, y, sizeof y, &null_indicator[6], 2), diags());
    ASSERT_OK(bind(8, SQL_C_TYPE_DATE, SQL_TYPE_DATE, &dt, 0, &null_indicator[7]), diags());
    ASSERT_OK(bind(9, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &ts, 0, &null_indicator[8], 19),
              diags());
    ASSERT_OK(bind(10, SQL_C_GUID, SQL_GUID, &g, 0, &null_indicator[9]), diags());
    ASSERT_OK(bind(11, SQL_C_BIT, SQL_BIT, &f, 0, &null_indicator[10]), diags());
    ASSERT_OK(bind(12, SQL_C_INTERVAL_DAY, SQL_INTERVAL_DAY, &iv, 0, &null_indicator[11]),
              diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
              diags());
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table +
                       " WHERE i IS NULL AND b IS NULL AND d IS NULL AND n IS NULL AND "
                       "c IS NULL AND w IS NULL AND y IS NULL AND dt IS NULL AND "
                       "ts IS NULL AND g IS NULL AND f IS NULL AND iv IS NULL"),
              "1");
}

TEST_F(ParamRoundTripTest, NullDataComparesAsSqlNull) {
    SQLINTEGER value = 5;
    SQLLEN indicator = SQL_NULL_DATA;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(bind(2, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    EXPECT_EQ(select_row("SELECT ? IS NULL, coalesce(? + 1, -1)"),
              (std::vector<std::string>{"1", "-1"}));
}

// ------------------------------------------------------ lengths and SQL_NTS

TEST_F(ParamRoundTripTest, NtsAndNullLengthPointerSendTheWholeString) {
    std::string table = value_table("text");
    char value[32] = "terminated";
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &indicator, 31), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    // A null length pointer: "character data is null-terminated".
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, nullptr, 31), diags());
    std::memcpy(value, "second", 7);
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "v || '/' || length(v)"), "terminated/10,second/6");
}

TEST_F(ParamRoundTripTest, ExplicitLengthShorterThanBufferSendsOnlyThoseBytes) {
    std::string table = make_table("lengths", "c text, w text, y bytea");
    char c[] = "abcdefgh";
    const char16_t wide_source[] = u"wxyz";
    SQLWCHAR w[5] = {0};
    for (size_t i = 0; i < 5; ++i) {
        w[i] = static_cast<SQLWCHAR>(wide_source[i]);
    }
    unsigned char y[] = {0xde, 0xad, 0xbe, 0xef};
    SQLLEN c_length = 3;
    SQLLEN w_length = 2 * static_cast<SQLLEN>(sizeof(SQLWCHAR));
    SQLLEN y_length = 2;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, c, sizeof c, &c_length, 8), diags());
    ASSERT_OK(bind(2, SQL_C_WCHAR, SQL_WVARCHAR, w, sizeof w, &w_length, 4), diags());
    ASSERT_OK(bind(3, SQL_C_BINARY, SQL_VARBINARY, y, sizeof y, &y_length, 4), diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?, ?)"), diags());
    EXPECT_EQ(value_of("SELECT c || '/' || w || '/' || encode(y, 'hex') FROM " + table),
              "abc/wx/dead");
}

TEST_F(ParamRoundTripTest, EmptyStringIsNotNull) {
    std::string table = value_table("text");
    char value[] = "ignored";
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &indicator, 1), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table, "CASE WHEN v IS NULL THEN 'null' ELSE '[' || v || ']' END"), "[]");
}

TEST_F(ParamRoundTripTest, DefaultCTypeFollowsTheSqlType) {
    std::string table = value_table("int4");
    SQLINTEGER value = 123456; // SQL_C_DEFAULT for SQL_INTEGER is SQL_C_SLONG
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_DEFAULT, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    EXPECT_EQ(stored(table), "123456");
}

} // namespace
} // namespace pgo_test
