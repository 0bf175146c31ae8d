// Character and other C data converted into non-character SQL types, as
// the reference's tables "C to SQL: Character" and friends say: the value
// the server receives (read back with SELECT) or the SQLSTATE of a value
// the table refuses.
// Reference: "Converting Data from C to SQL Data Types", "C to SQL:
// Character", "C to SQL: Numeric".
#include "params/params_support.h"

namespace pgo_test {
namespace {

// The SQLSTATE at the start of failed_state's answer (its records follow).
#define EXPECT_STATE(answer, state) EXPECT_EQ((answer).substr(0, 5), state) << (answer)

class ParamConversionTest : public ParamFixture {
protected:
    // Binds text as SQL_C_CHAR for sql_type and runs sql (one marker).
    std::string with_text(const char *value, SQLSMALLINT sql_type, const std::string &sql,
                          SQLULEN column_size = 0, SQLSMALLINT digits = 0) {
        text_buffer = value;
        text_length = SQL_NTS;
        SQLRETURN rc = bind(1, SQL_C_CHAR, sql_type, const_cast<char *>(text_buffer.c_str()),
                            static_cast<SQLLEN>(text_buffer.size() + 1), &text_length,
                            column_size, digits);
        if (!succeeded(rc)) {
            return std::string("bind: ") + rc_name(rc) + format_diags(diags());
        }
        return select_value(sql);
    }
    // The SQLSTATE of the first record after a failed execution, "" if none.
    std::string failed_state(const char *value, SQLSMALLINT sql_type, SQLULEN column_size = 0) {
        text_buffer = value;
        text_length = SQL_NTS;
        EXPECT_OK(bind(1, SQL_C_CHAR, sql_type, const_cast<char *>(text_buffer.c_str()),
                       static_cast<SQLLEN>(text_buffer.size() + 1), &text_length, column_size),
                  diags());
        SQLRETURN rc = exec("SELECT ?");
        Diags records = diags();
        SQLFreeStmt(h(), SQL_CLOSE);
        if (rc != SQL_ERROR) {
            return std::string("returned ") + rc_name(rc);
        }
        return records.empty() ? "(no record)" : records[0].state + format_diags(records);
    }
    std::string text_buffer;
    SQLLEN text_length = SQL_NTS;
};

TEST_F(ParamConversionTest, CharWithBlanksIntoSqlIntegerIgnoresThem) {
    EXPECT_EQ(with_text("  42 ", SQL_INTEGER, "SELECT ? + 1"), "43");
}

TEST_F(ParamConversionTest, CharWithFractionIntoSqlIntegerIs22001) {
    // "Data converted with truncation of fractional digits": 22001.
    EXPECT_STATE(failed_state("12.7", SQL_INTEGER), "22001");
}

TEST_F(ParamConversionTest, CharTooLargeForSqlSmallintIsARangeError) {
    // The reference disagrees with itself here: "C to SQL: Character" lists
    // 22001 for a loss of whole digits, "Rules for Conversions" 22003 for a
    // loss of significant digits. Either is a refusal; nothing is sent.
    std::string answer = failed_state("70000", SQL_SMALLINT);
    EXPECT_TRUE(answer.substr(0, 5) == "22003" || answer.substr(0, 5) == "22001") << answer;
}

TEST_F(ParamConversionTest, CharOutOfRangeForSqlDoubleIs22003) {
    EXPECT_STATE(failed_state("1e400", SQL_DOUBLE), "22003");
}

TEST_F(ParamConversionTest, CharNotANumberForSqlDoubleIs22018) {
    EXPECT_STATE(failed_state("one", SQL_DOUBLE), "22018");
}

TEST_F(ParamConversionTest, CharIntoSqlBitFollowsTheTable) {
    EXPECT_EQ(with_text("1", SQL_BIT, "SELECT ?::text"), "true");
    EXPECT_EQ(with_text("0", SQL_BIT, "SELECT ?::text"), "false");
    EXPECT_STATE(failed_state("2", SQL_BIT), "22003");
    EXPECT_STATE(failed_state("0.5", SQL_BIT), "22001");
}

TEST_F(ParamConversionTest, CharHexIntoSqlVarbinaryBecomesBytes) {
    EXPECT_EQ(with_text("DEADbeef00", SQL_VARBINARY, "SELECT encode(?, 'hex')", 5), "deadbeef00");
    EXPECT_STATE(failed_state("zz", SQL_VARBINARY, 1), "22018");
}

TEST_F(ParamConversionTest, CharTimestampLiteralIntoSqlDate) {
    EXPECT_EQ(with_text("2024-02-29 00:00:00", SQL_TYPE_DATE, "SELECT ?::text"), "2024-02-29");
    // A non-zero time portion is truncated: 22008.
    EXPECT_STATE(failed_state("2024-02-29 10:00:00", SQL_TYPE_DATE), "22008");
    EXPECT_STATE(failed_state("2024-02-30", SQL_TYPE_DATE), "22018");
}

TEST_F(ParamConversionTest, CharDateLiteralIntoSqlTimestampIsMidnight) {
    EXPECT_EQ(with_text("2024-02-29", SQL_TYPE_TIMESTAMP, "SELECT ?::text", 19),
              "2024-02-29 00:00:00");
    EXPECT_EQ(with_text("2024-02-29 13:14:15.123456", SQL_TYPE_TIMESTAMP, "SELECT ?::text", 26, 6),
              "2024-02-29 13:14:15.123456");
}

TEST_F(ParamConversionTest, WideCharIntoSqlInteger) {
    SQLWCHAR value[] = {'-', '7', '7', 0};
    SQLLEN length = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_WCHAR, SQL_INTEGER, value, sizeof value, &length), diags());
    EXPECT_EQ(select_value("SELECT ? * 2"), "-154");
}

TEST_F(ParamConversionTest, UnsignedLongMaxIntoSqlBigint) {
    SQLUINTEGER value = UINT32_MAX;
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_ULONG, SQL_BIGINT, &value, 0, &length), diags());
    EXPECT_EQ(select_value("SELECT ? + 1"), "4294967296");
}

TEST_F(ParamConversionTest, UnsignedBigintMaxIntoSqlNumeric) {
    SQLUBIGINT value = UINT64_MAX;
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_UBIGINT, SQL_NUMERIC, &value, 0, &length, 20, 0), diags());
    EXPECT_EQ(select_value("SELECT ? + 1"), "18446744073709551616");
}

TEST_F(ParamConversionTest, UnsignedBigintMaxIntoSqlBigintIs22003) {
    SQLUBIGINT value = UINT64_MAX;
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_UBIGINT, SQL_BIGINT, &value, 0, &length), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "22003", {});
}

TEST_F(ParamConversionTest, DoubleFractionIntoSqlIntegerIsTruncated) {
    // "C to SQL: Numeric": truncation of fractional digits is n/a (01S07
    // optional); the whole part arrives.
    SQLDOUBLE value = -12.9;
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_INTEGER, &value, 0, &length), diags());
    EXPECT_EQ(select_value("SELECT ?"), "-12");
}

TEST_F(ParamConversionTest, IntegerIntoSqlVarcharIsItsDecimalText) {
    SQLINTEGER value = -2147483647 - 1;
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_VARCHAR, &value, 0, &length, 11), diags());
    EXPECT_EQ(select_value("SELECT length(?::text)"), "11");
    EXPECT_EQ(select_value("SELECT ?::text"), "-2147483648");
}

TEST_F(ParamConversionTest, TimestampStructIntoSqlVarcharIsOdbcLiteral) {
    SQL_TIMESTAMP_STRUCT value{2024, 2, 29, 1, 2, 3, 500000000};
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_TYPE_TIMESTAMP, SQL_VARCHAR, &value, 0, &length, 29), diags());
    EXPECT_EQ(select_value("SELECT ?::timestamp::text"), "2024-02-29 01:02:03.5");
}

// ------------------------------------------------- datetime structs
// "C to SQL: Date", "C to SQL: Time", "C to SQL: Timestamp".

class ParamDatetimeConversionTest : public ParamConversionTest {
protected:
    // Runs SELECT expression with the struct bound as sql_type; the value,
    // or the first record's SQLSTATE when execution fails.
    template <typename Struct>
    std::string run_struct(Struct *value, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                           const std::string &expression, SQLULEN column_size = 0,
                           SQLSMALLINT digits = 0) {
        struct_length = 0;
        SQLRETURN rc = bind(1, c_type, sql_type, value, 0, &struct_length, column_size, digits);
        if (!succeeded(rc)) {
            return std::string("bind: ") + rc_name(rc) + format_diags(diags());
        }
        rc = exec("SELECT " + expression);
        if (!succeeded(rc)) {
            Diags records = diags();
            return records.empty() ? "(no record)" : records[0].state;
        }
        std::vector<std::string> row = fetch_row(h());
        SQLFreeStmt(h(), SQL_CLOSE);
        return row.empty() ? "(no column)" : row[0];
    }
    SQLLEN struct_length = 0;
};

TEST_F(ParamDatetimeConversionTest, TimestampIntoSqlDateNeedsZeroTime) {
    SQL_TIMESTAMP_STRUCT midnight{2024, 2, 29, 0, 0, 0, 0};
    EXPECT_EQ(run_struct(&midnight, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_DATE, "?::text", 10),
              "2024-02-29");
    SQL_TIMESTAMP_STRUCT afternoon{2024, 2, 29, 13, 0, 0, 0};
    EXPECT_EQ(run_struct(&afternoon, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_DATE, "?::text", 10), "22008");
    SQL_TIMESTAMP_STRUCT impossible{2023, 2, 29, 0, 0, 0, 0};
    EXPECT_EQ(run_struct(&impossible, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_DATE, "?::text", 10), "22007");
}

TEST_F(ParamDatetimeConversionTest, TimestampIntoSqlTimeIgnoresTheDateAndNeedsNoFraction) {
    SQL_TIMESTAMP_STRUCT whole{2024, 2, 29, 13, 14, 15, 0};
    EXPECT_EQ(run_struct(&whole, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIME, "?::text", 8), "13:14:15");
    SQL_TIMESTAMP_STRUCT fraction{2024, 2, 29, 13, 14, 15, 500000000};
    EXPECT_EQ(run_struct(&fraction, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIME, "?::text", 8), "22008");
}

TEST_F(ParamDatetimeConversionTest, TimestampFractionBeyondDecimalDigitsIs22008) {
    SQL_TIMESTAMP_STRUCT value{2024, 2, 29, 13, 14, 15, 123456789};
    EXPECT_EQ(run_struct(&value, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, "?::text", 26, 6),
              "22008");
    SQL_TIMESTAMP_STRUCT fits{2024, 2, 29, 13, 14, 15, 120000000};
    EXPECT_EQ(run_struct(&fits, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, "?::text", 22, 2),
              "2024-02-29 13:14:15.12");
}

TEST_F(ParamDatetimeConversionTest, TimeIntoSqlTimestampTakesTodaysDate) {
    SQL_TIME_STRUCT value{10, 11, 12};
    SQLLEN length = 0;
    ASSERT_OK(bind(1, SQL_C_TYPE_TIME, SQL_TYPE_TIMESTAMP, &value, 0, &length, 19), diags());
    ASSERT_OK(bind(2, SQL_C_TYPE_TIME, SQL_TYPE_TIMESTAMP, &value, 0, &length, 19), diags());
    ASSERT_OK(exec("SELECT (?::date = current_date)::text || ' ' || ?::time::text"), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"true 10:11:12"});
}

TEST_F(ParamDatetimeConversionTest, ImpossibleTimeIs22007) {
    SQL_TIME_STRUCT value{25, 0, 0};
    EXPECT_EQ(run_struct(&value, SQL_C_TYPE_TIME, SQL_TYPE_TIME, "?::text", 8), "22007");
}

TEST_F(ParamDatetimeConversionTest, DatetimeStructsIntoShortCharacterColumnsAre22001) {
    SQL_DATE_STRUCT date{2024, 2, 29};
    EXPECT_EQ(run_struct(&date, SQL_C_TYPE_DATE, SQL_VARCHAR, "?::text", 10), "2024-02-29");
    EXPECT_EQ(run_struct(&date, SQL_C_TYPE_DATE, SQL_VARCHAR, "?::text", 9), "22001");
    SQL_TIMESTAMP_STRUCT stamp{2024, 2, 29, 1, 2, 3, 0};
    EXPECT_EQ(run_struct(&stamp, SQL_C_TYPE_TIMESTAMP, SQL_VARCHAR, "?::text", 19),
              "2024-02-29 01:02:03");
    EXPECT_EQ(run_struct(&stamp, SQL_C_TYPE_TIMESTAMP, SQL_VARCHAR, "?::text", 18), "22001");
}

} // namespace
} // namespace pgo_test
