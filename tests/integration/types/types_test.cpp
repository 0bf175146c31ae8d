// Value conversions through the driver manager: one test per type family
// (integers, bool, floats, numeric, money, character, bytea, date/time,
// interval, uuid, text-only types). Each SELECTs typical values, NULL and
// extremes, reads them with SQLGetData (and SQLBindCol) into the C types
// the ODBC appendix "Converting Data from SQL to C Data Types" allows, and
// checks the values and the SQLSTATEs: 01004, 01S07, 22003, 22018, 22007,
// 07006.
#include "odbc_test.h"

#include <cmath>
#include <cstring>

namespace pgo_test {
namespace {

class TypesTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
        ASSERT_TRUE(stmt->get() != SQL_NULL_HSTMT);
    }
    void TearDown() override {
        stmt.reset();
        connection.reset();
    }
    SQLHSTMT h() const { return stmt->get(); }

    // Runs sql and fetches its first row.
    void select_row(const std::string &sql) {
        SQLFreeStmt(h(), SQL_CLOSE);
        SQLRETURN rc = SQLExecDirect(h(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(stmt->diags());
        rc = SQLFetch(h());
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(stmt->diags());
    }

    // SQLGetData of a fixed-size C type.
    template <typename T>
    SQLRETURN get(SQLUSMALLINT column, SQLSMALLINT c_type, T *value, SQLLEN *indicator = nullptr) {
        SQLLEN local = 0;
        return SQLGetData(h(), column, c_type, value, sizeof *value, indicator ? indicator : &local);
    }

    std::string get_char(SQLUSMALLINT column, SQLRETURN *rc_out = nullptr) {
        char text[256] = {0};
        SQLLEN indicator = 0;
        SQLRETURN rc = SQLGetData(h(), column, SQL_C_CHAR, text, sizeof text, &indicator);
        if (rc_out) *rc_out = rc;
        EXPECT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
        return text;
    }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
};

#define EXPECT_STATE(rc, expected_rc, state) \
    do { \
        EXPECT_EQ((rc), (expected_rc)) << format_diags(stmt->diags()); \
        EXPECT_DIAG(stmt->diags(), state, {}); \
    } while (0)

TEST_F(TypesTest, IntegersIntoEveryIntegerTypeWithRangeChecks) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT 42::int4, (-9223372036854775807 - 1)::int8, 32767::int2, NULL::int4, "
        "4294967295::oid, 70000::int4"));
    SQLINTEGER slong = 0;
    ASSERT_EQ(get(1, SQL_C_SLONG, &slong), SQL_SUCCESS);
    EXPECT_EQ(slong, 42);
    SQLBIGINT big = 0;
    ASSERT_EQ(get(2, SQL_C_SBIGINT, &big), SQL_SUCCESS);
    EXPECT_EQ(big, INT64_MIN);
    SQLSMALLINT small = 0;
    ASSERT_EQ(get(3, SQL_C_SSHORT, &small), SQL_SUCCESS);
    EXPECT_EQ(small, 32767);
    SQLLEN indicator = 0;
    ASSERT_EQ(get(4, SQL_C_SLONG, &slong, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, SQL_NULL_DATA);
    SQLUINTEGER ulong = 0;
    ASSERT_EQ(get(5, SQL_C_ULONG, &ulong), SQL_SUCCESS);
    EXPECT_EQ(ulong, 4294967295u);
    EXPECT_STATE(get(6, SQL_C_SSHORT, &small), SQL_ERROR, "22003");
    SQLDOUBLE real = 0;
    ASSERT_EQ(get(6, SQL_C_DOUBLE, &real), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(real, 70000.0);
    EXPECT_EQ(get_char(1), "42");
    SQL_DATE_STRUCT date;
    EXPECT_STATE(get(5, SQL_C_TYPE_DATE, &date), SQL_ERROR, "07006");
}

TEST_F(TypesTest, BoolIsABit) {
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT true, false, NULL::bool"));
    unsigned char bit = 9;
    ASSERT_EQ(get(1, SQL_C_BIT, &bit), SQL_SUCCESS);
    EXPECT_EQ(bit, 1);
    SQLINTEGER slong = 9;
    ASSERT_EQ(get(2, SQL_C_SLONG, &slong), SQL_SUCCESS);
    EXPECT_EQ(slong, 0);
    SQLLEN indicator = 0;
    ASSERT_EQ(get(3, SQL_C_BIT, &bit, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, SQL_NULL_DATA);
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT true"));
    EXPECT_EQ(get_char(1), "1");
}

TEST_F(TypesTest, FloatsConvertExactlyAndTruncateIntoIntegers) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT 0.1::float8, 1e300::float8, -2.5::float8, 'NaN'::float8, 1.5::float4"));
    SQLDOUBLE real = 0;
    ASSERT_EQ(get(1, SQL_C_DOUBLE, &real), SQL_SUCCESS);
    EXPECT_EQ(real, 0.1);
    SQLREAL single = 0;
    EXPECT_STATE(get(2, SQL_C_FLOAT, &single), SQL_ERROR, "22003");
    SQLINTEGER slong = 0;
    EXPECT_STATE(get(3, SQL_C_SLONG, &slong), SQL_SUCCESS_WITH_INFO, "01S07");
    EXPECT_EQ(slong, -2);
    ASSERT_EQ(get(4, SQL_C_DOUBLE, &real), SQL_SUCCESS);
    EXPECT_TRUE(std::isnan(real));
    ASSERT_EQ(get(5, SQL_C_FLOAT, &single), SQL_SUCCESS);
    EXPECT_EQ(single, 1.5f);
    EXPECT_EQ(get_char(1), "0.1");
}

TEST_F(TypesTest, NumericIntoCharDoubleIntegersAndNumericStruct) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT 12345.678::numeric(10,3), -0.05::numeric, 'NaN'::numeric, "
        "99999999999999999999::numeric, 1234.56::numeric(12,2)"));
    EXPECT_EQ(get_char(1), "12345.678");
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT 12345.678::numeric(10,3), -0.05::numeric, 'NaN'::numeric, "
        "99999999999999999999::numeric, 1234.56::numeric(12,2)"));
    SQLINTEGER slong = 0;
    EXPECT_STATE(get(1, SQL_C_SLONG, &slong), SQL_SUCCESS_WITH_INFO, "01S07");
    EXPECT_EQ(slong, 12345);
    SQLDOUBLE real = 0;
    ASSERT_EQ(get(2, SQL_C_DOUBLE, &real), SQL_SUCCESS);
    EXPECT_EQ(real, -0.05);
    EXPECT_STATE(get(3, SQL_C_SLONG, &slong), SQL_ERROR, "22003");
    SQLBIGINT big = 0;
    EXPECT_STATE(get(4, SQL_C_SBIGINT, &big), SQL_ERROR, "22003");
    SQL_NUMERIC_STRUCT numeric;
    std::memset(&numeric, 0, sizeof numeric);
    SQLRETURN rc = get(5, SQL_C_NUMERIC, &numeric);
    ASSERT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
    EXPECT_EQ(numeric.sign, 1);
    // Scale 0 unless the ARD says otherwise: 1234 and 01S07.
    uint32_t low = numeric.val[0] | (numeric.val[1] << 8) | (numeric.val[2] << 16);
    EXPECT_EQ(low * 1u, numeric.scale == 2 ? 123456u : 1234u);
}

TEST_F(TypesTest, NumericCharacterPiecesAndWholeDigits) {
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT 1234.5678::numeric"));
    char text[8];
    SQLLEN indicator = 0;
    SQLRETURN rc = SQLGetData(h(), 1, SQL_C_CHAR, text, sizeof text, &indicator);
    EXPECT_STATE(rc, SQL_SUCCESS_WITH_INFO, "01004");
    EXPECT_STREQ(text, "1234.56");
    EXPECT_EQ(indicator, 9);
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT 1234.5678::numeric"));
    char tiny[4];
    rc = SQLGetData(h(), 1, SQL_C_CHAR, tiny, sizeof tiny, &indicator);
    EXPECT_STATE(rc, SQL_ERROR, "22003");
}

TEST_F(TypesTest, MoneyReadsAsANumber) {
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT '1234.56'::money, '-7.5'::money"));
    SQLDOUBLE real = 0;
    ASSERT_EQ(get(1, SQL_C_DOUBLE, &real), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(real, 1234.56);
    SQLINTEGER slong = 0;
    EXPECT_STATE(get(2, SQL_C_SLONG, &slong), SQL_SUCCESS_WITH_INFO, "01S07");
    EXPECT_EQ(slong, -7);
}

TEST_F(TypesTest, CharacterPiecesWideTextAndLiterals) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT 'abcdefghij'::text, 'a' || chr(128512) || 'b', ' 42 '::char(4), 'abc'::text, "
        "'2024-02-29'::varchar"));
    char piece[5];
    SQLLEN indicator = 0;
    EXPECT_STATE(SQLGetData(h(), 1, SQL_C_CHAR, piece, sizeof piece, &indicator),
                 SQL_SUCCESS_WITH_INFO, "01004");
    EXPECT_STREQ(piece, "abcd");
    EXPECT_EQ(indicator, 10);
    SQLWCHAR wide[8] = {0};
    ASSERT_EQ(SQLGetData(h(), 2, SQL_C_WCHAR, wide, sizeof wide, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(indicator, 8);
    EXPECT_EQ(wide[0], u'a');
    EXPECT_EQ(wide[1], 0xD83D);
    EXPECT_EQ(wide[2], 0xDE00);
    EXPECT_EQ(wide[3], u'b');
    SQLINTEGER slong = 0;
    ASSERT_EQ(get(3, SQL_C_SLONG, &slong), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(slong, 42);
    EXPECT_STATE(get(4, SQL_C_SLONG, &slong), SQL_ERROR, "22018");
    SQL_DATE_STRUCT date;
    ASSERT_EQ(get(5, SQL_C_TYPE_DATE, &date), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(date.year, 2024);
    EXPECT_EQ(date.day, 29);
}

TEST_F(TypesTest, ByteaAsBytesAndHexDigits) {
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT '\\xdeadbeef'::bytea, '\\xdeadbeef'::bytea, NULL::bytea"));
    unsigned char bytes[8];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(indicator, 4);
    EXPECT_EQ(bytes[0], 0xde);
    EXPECT_EQ(bytes[3], 0xef);
    EXPECT_EQ(get_char(2), "deadbeef");
    ASSERT_EQ(SQLGetData(h(), 3, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, SQL_NULL_DATA);
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT '\\x01'::bytea"));
    SQLINTEGER slong;
    EXPECT_STATE(get(1, SQL_C_SLONG, &slong), SQL_ERROR, "07006");
}

TEST_F(TypesTest, DatesTimesAndTimestamps) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT '2024-02-29 13:45:07.25'::timestamp, '2024-02-29 13:45:07.25'::timestamp, "
        "'infinity'::date, '08:30:00'::time, '0044-03-15 BC'::date, '2024-01-02'::date"));
    SQL_TIMESTAMP_STRUCT stamp;
    ASSERT_EQ(get(1, SQL_C_TYPE_TIMESTAMP, &stamp), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(stamp.year, 2024);
    EXPECT_EQ(stamp.month, 2);
    EXPECT_EQ(stamp.day, 29);
    EXPECT_EQ(stamp.hour, 13);
    EXPECT_EQ(stamp.second, 7);
    EXPECT_EQ(stamp.fraction, 250000000u);
    SQL_DATE_STRUCT date;
    EXPECT_STATE(get(2, SQL_C_TYPE_DATE, &date), SQL_SUCCESS_WITH_INFO, "01S07");
    EXPECT_EQ(date.day, 29);
    EXPECT_STATE(get(3, SQL_C_TYPE_DATE, &date), SQL_ERROR, "22007");
    SQL_TIME_STRUCT time;
    ASSERT_EQ(get(4, SQL_C_TYPE_TIME, &time), SQL_SUCCESS);
    EXPECT_EQ(time.hour, 8);
    EXPECT_EQ(time.minute, 30);
    ASSERT_EQ(get(5, SQL_C_TYPE_DATE, &date), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(date.year, -43);
    SQLINTEGER slong;
    EXPECT_STATE(get(6, SQL_C_SLONG, &slong), SQL_ERROR, "07006");
    ASSERT_NO_FATAL_FAILURE(select_row("SELECT '2024-02-29 13:45:07.25'::timestamp"));
    char short_text[12];
    SQLLEN indicator = 0;
    EXPECT_STATE(SQLGetData(h(), 1, SQL_C_CHAR, short_text, sizeof short_text, &indicator),
                 SQL_ERROR, "22003");
}

TEST_F(TypesTest, TimestampBoundWithSqlBindColOverManyRows) {
    SQLRETURN rc = SQLExecDirect(h(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(
        "SELECT g, '2000-01-01'::timestamp + g * interval '1 day', g::numeric(12,2) / 4, "
        "g % 2 = 0, 'row ' || g FROM generate_series(1, 100) g ORDER BY g")), SQL_NTS);
    ASSERT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
    SQLINTEGER id = 0;
    SQL_TIMESTAMP_STRUCT stamp;
    SQLDOUBLE amount = 0;
    unsigned char flag = 0;
    char label[16];
    SQLLEN indicators[5];
    ASSERT_EQ(SQLBindCol(h(), 1, SQL_C_SLONG, &id, 0, &indicators[0]), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(h(), 2, SQL_C_TYPE_TIMESTAMP, &stamp, 0, &indicators[1]), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(h(), 3, SQL_C_DOUBLE, &amount, 0, &indicators[2]), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(h(), 4, SQL_C_BIT, &flag, 0, &indicators[3]), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(h(), 5, SQL_C_CHAR, label, sizeof label, &indicators[4]), SQL_SUCCESS);
    int rows = 0;
    while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
        ++rows;
        EXPECT_EQ(id, rows);
        EXPECT_EQ(amount, rows / 4.0);
        EXPECT_EQ(flag, rows % 2 == 0 ? 1 : 0);
        EXPECT_EQ(std::string(label), "row " + std::to_string(rows));
        if (rows == 31) {
            EXPECT_EQ(stamp.year, 2000);
            EXPECT_EQ(stamp.month, 2);
            EXPECT_EQ(stamp.day, 1);
        }
    }
    EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt->diags());
    EXPECT_EQ(rows, 100);
}

TEST_F(TypesTest, IntervalIntoIntervalStructs) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT '3 days 04:05:06.5'::interval, '1 year 2 mons'::interval, '5 days'::interval day"));
    SQL_INTERVAL_STRUCT interval;
    ASSERT_EQ(get(1, SQL_C_INTERVAL_DAY_TO_SECOND, &interval), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(interval.intval.day_second.day, 3u);
    EXPECT_EQ(interval.intval.day_second.hour, 4u);
    EXPECT_EQ(interval.intval.day_second.second, 6u);
    EXPECT_EQ(interval.intval.day_second.fraction, 500000u);
    ASSERT_EQ(get(2, SQL_C_INTERVAL_YEAR_TO_MONTH, &interval), SQL_SUCCESS);
    EXPECT_EQ(interval.intval.year_month.year, 1u);
    EXPECT_EQ(interval.intval.year_month.month, 2u);
    SQLINTEGER slong = 0;
    ASSERT_EQ(get(3, SQL_C_SLONG, &slong), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(slong, 5);
}

TEST_F(TypesTest, UuidIntoGuidAndText) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT '12345678-9abc-def0-0123-456789abcdef'::uuid, "
        "'12345678-9abc-def0-0123-456789abcdef'::uuid"));
    SQLGUID guid;
    ASSERT_EQ(get(1, SQL_C_GUID, &guid), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(guid.Data1, 0x12345678u);
    EXPECT_EQ(guid.Data2, 0x9abc);
    EXPECT_EQ(guid.Data4[7], 0xef);
    EXPECT_EQ(get_char(2), "12345678-9ABC-DEF0-0123-456789ABCDEF");
}

TEST_F(TypesTest, TypesWithoutAFamilyArriveAsText) {
    ASSERT_NO_FATAL_FAILURE(select_row(
        "SELECT '{\"a\": 1}'::jsonb, '10.0.0.1/8'::inet, ARRAY[1,2,3], '<a/>'::xml"));
    EXPECT_EQ(get_char(1), "{\"a\": 1}");
    EXPECT_EQ(get_char(2), "10.0.0.1/8");
    EXPECT_EQ(get_char(3), "{1,2,3}");
    EXPECT_EQ(get_char(4), "<a/>");
}

// Prepared statements ask for binary results where types/ has a decoder;
// the characters must match what the server prints in text.
TEST_F(TypesTest, BinaryResultsOfPreparedStatementsMatchTheTextForm) {
    const std::string sql =
        "SELECT true, (-32768)::int2, 2147483647::int4, (-9223372036854775807 - 1)::int8, "
        "4294967295::oid, 1.5::float4, 0.1::float8, 1e100::float8, 123456::float8, "
        "12345.678::numeric, -0.05::numeric, 0::numeric(5,2), 10000::numeric, 'NaN'::numeric, "
        "'2024-02-29'::date, '0044-03-15 BC'::date, 'infinity'::date, '13:45:07.25'::time, "
        "'2024-02-29 13:45:07.123456'::timestamp, '1999-12-31 23:59:59.999999'::timestamp, "
        "'1 year 2 mons 3 days 04:05:06.5'::interval, '-01:30:00'::interval, "
        "'12345678-9abc-def0-0123-456789abcdef'::uuid, '\\xdeadbeef'::bytea, 'héllo'::text, "
        "'{\"a\": 1}'::jsonb, 'x'::name";
    // Text form, through the simple query protocol.
    ASSERT_NO_FATAL_FAILURE(select_row(sql));
    SQLSMALLINT columns = 0;
    ASSERT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS);
    std::vector<std::string> text_form;
    for (SQLUSMALLINT column = 1; column <= columns; ++column) {
        text_form.push_back(get_char(column));
    }
    SQLFreeStmt(h(), SQL_CLOSE);
    ASSERT_EQ(SQLPrepare(h(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS),
              SQL_SUCCESS) << format_diags(stmt->diags());
    ASSERT_TRUE(succeeded(SQLExecute(h()))) << format_diags(stmt->diags());
    ASSERT_TRUE(succeeded(SQLFetch(h()))) << format_diags(stmt->diags());
    for (SQLUSMALLINT column = 1; column <= columns; ++column) {
        EXPECT_EQ(get_char(column), text_form[column - 1]) << "column " << column;
    }
    SQLFreeStmt(h(), SQL_CLOSE);
    ASSERT_TRUE(succeeded(SQLExecute(h()))) << format_diags(stmt->diags());
    ASSERT_TRUE(succeeded(SQLFetch(h()))) << format_diags(stmt->diags());
    SQLBIGINT big = 0;
    ASSERT_EQ(get(4, SQL_C_SBIGINT, &big), SQL_SUCCESS);
    EXPECT_EQ(big, INT64_MIN);
    SQLDOUBLE real = 0;
    ASSERT_EQ(get(7, SQL_C_DOUBLE, &real), SQL_SUCCESS);
    EXPECT_EQ(real, 0.1);
    SQL_NUMERIC_STRUCT numeric;
    SQLRETURN rc = get(10, SQL_C_NUMERIC, &numeric);
    EXPECT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
    SQL_DATE_STRUCT date;
    ASSERT_EQ(get(15, SQL_C_TYPE_DATE, &date), SQL_SUCCESS);
    EXPECT_EQ(date.year, 2024);
    EXPECT_EQ(date.day, 29);
    EXPECT_STATE(get(17, SQL_C_TYPE_DATE, &date), SQL_ERROR, "22007");
    SQL_TIMESTAMP_STRUCT stamp;
    ASSERT_EQ(get(19, SQL_C_TYPE_TIMESTAMP, &stamp), SQL_SUCCESS);
    EXPECT_EQ(stamp.fraction, 123456000u);
    SQL_INTERVAL_STRUCT interval;
    ASSERT_EQ(get(22, SQL_C_INTERVAL_MINUTE, &interval), SQL_SUCCESS) << format_diags(stmt->diags());
    EXPECT_EQ(interval.interval_sign, SQL_TRUE);
    EXPECT_EQ(interval.intval.day_second.minute, 90u);
    SQLGUID guid;
    ASSERT_EQ(get(23, SQL_C_GUID, &guid), SQL_SUCCESS);
    EXPECT_EQ(guid.Data1, 0x12345678u);
    unsigned char bytes[4];
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 24, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS);
    EXPECT_EQ(indicator, 4);
    EXPECT_EQ(bytes[3], 0xef);
}

} // namespace
} // namespace pgo_test
