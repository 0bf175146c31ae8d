// SQL_C_NUMERIC into each SQL type: 128-bit values, negative and large
// scales, the sign byte, and the shared number writer's outcomes.
#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

SQL_NUMERIC_STRUCT Numeric(unsigned __int128 value, int scale, bool is_negative = false,
                           int precision = 38)
{
    SQL_NUMERIC_STRUCT numeric;
    std::memset(&numeric, 0, sizeof numeric);
    numeric.precision = (SQLCHAR)precision;
    numeric.scale = (SQLSCHAR)scale;
    numeric.sign = is_negative ? 0 : 1;
    for (int i = 0; i < 16; i++)
        numeric.val[i] = (SQLCHAR)(value >> (8 * i));
    return numeric;
}

unsigned __int128 TenTo(int power)
{
    unsigned __int128 value = 1;
    for (int i = 0; i < power; i++)
        value *= 10;
    return value;
}

TEST(FromCNumeric, NegativeScaleAppendsZeros)
{
    SQL_NUMERIC_STRUCT value = Numeric(123, -2);
    Sent sent = Send(SQL_C_NUMERIC, value, {SQL_NUMERIC});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("12300", sent.text());
    EXPECT_EQ(TYPES_OID_NUMERIC, sent.encoding.type_oid);
    EXPECT_EQ(0, sent.encoding.format_code);
    EXPECT_EQ((Bytes{0, 0, 0x30, 0x0c}), Send(SQL_C_NUMERIC, value, {SQL_INTEGER}).bytes);
}

TEST(FromCNumeric, ThirtyEightDigitsKeepEveryDigit)
{
    SQL_NUMERIC_STRUCT whole = Numeric(TenTo(38) - 1, 0);
    EXPECT_EQ(std::string(38, '9'), Send(SQL_C_NUMERIC, whole, {SQL_DECIMAL}).text());
    SQL_NUMERIC_STRUCT fraction = Numeric(TenTo(38) - 1, 38, true);
    EXPECT_EQ("-0." + std::string(38, '9'), Send(SQL_C_NUMERIC, fraction, {SQL_VARCHAR}).text());
    SQL_NUMERIC_STRUCT all_ones = Numeric(~(unsigned __int128)0, 0);
    EXPECT_EQ("340282366920938463463374607431768211455",
              Send(SQL_C_NUMERIC, all_ones, {SQL_NUMERIC}).text());
}

TEST(FromCNumeric, ScaleWithinTheDigitsPlacesThePoint)
{
    SQL_NUMERIC_STRUCT value = Numeric(123456, 2, true);
    EXPECT_EQ("-1234.56", Send(SQL_C_NUMERIC, value, {SQL_NUMERIC}).text());
    SQL_NUMERIC_STRUCT small = Numeric(5, 3);
    EXPECT_EQ("0.005", Send(SQL_C_NUMERIC, small, {SQL_NUMERIC}).text());
    SQL_NUMERIC_STRUCT trailing_zeros = Numeric(1500, 3);
    EXPECT_EQ("1.5", Send(SQL_C_NUMERIC, trailing_zeros, {SQL_NUMERIC}).text());
    SQL_NUMERIC_STRUCT negative_zero = Numeric(0, 2, true);
    EXPECT_EQ("0", Send(SQL_C_NUMERIC, negative_zero, {SQL_NUMERIC}).text());
}

TEST(FromCNumeric, ApdScaleAppliesWhenTheStructHasNoPrecision)
{
    SQL_NUMERIC_STRUCT value = Numeric(12345, 0, false, 0);
    Sent sent = SendRaw(SQL_C_NUMERIC, &value, sizeof value, {SQL_NUMERIC}, 3);
    EXPECT_EQ("12.345", sent.text());
    SQL_NUMERIC_STRUCT own_scale = Numeric(12345, 1);
    EXPECT_EQ("1234.5",
              SendRaw(SQL_C_NUMERIC, &own_scale, sizeof own_scale, {SQL_NUMERIC}, 3).text());
}

TEST(FromCNumeric, FractionIsTruncatedIntoIntegersAndWholeDigitsAreChecked)
{
    SQL_NUMERIC_STRUCT value = Numeric(123456, 2, true);
    EXPECT_EQ((Bytes{0xfb, 0x2e}), Send(SQL_C_NUMERIC, value, {SQL_SMALLINT}).bytes);
    SQL_NUMERIC_STRUCT big = Numeric(TenTo(20), 0);
    EXPECT_EQ("22003", Send(SQL_C_NUMERIC, big, {SQL_BIGINT}).state());
    SQL_NUMERIC_STRUCT int64_min = Numeric((unsigned __int128)1 << 63, 0, true);
    EXPECT_EQ((Bytes{0x80, 0, 0, 0, 0, 0, 0, 0}),
              Send(SQL_C_NUMERIC, int64_min, {SQL_BIGINT}).bytes);
    SQL_NUMERIC_STRUCT beyond = Numeric((unsigned __int128)1 << 63, 0);
    EXPECT_EQ("22003", Send(SQL_C_NUMERIC, beyond, {SQL_BIGINT}).state());
}

TEST(FromCNumeric, FloatsAreCorrectlyRounded)
{
    SQL_NUMERIC_STRUCT tenth = Numeric(1, 1);
    EXPECT_EQ(DoubleBytes(0.1), Send(SQL_C_NUMERIC, tenth, {SQL_DOUBLE}).bytes);
    EXPECT_EQ(FloatBytes(0.1f), Send(SQL_C_NUMERIC, tenth, {SQL_REAL}).bytes);
    SQL_NUMERIC_STRUCT huge = Numeric(TenTo(38), -100);
    EXPECT_EQ("22003", Send(SQL_C_NUMERIC, huge, {SQL_REAL}).state());
    EXPECT_EQ(DoubleBytes(1e138), Send(SQL_C_NUMERIC, huge, {SQL_DOUBLE}).bytes);
}

TEST(FromCNumeric, BitFollowsTheNumericTable)
{
    EXPECT_EQ((Bytes{1}), Send(SQL_C_NUMERIC, Numeric(10, 1), {SQL_BIT}).bytes);
    EXPECT_EQ("22001", Send(SQL_C_NUMERIC, Numeric(5, 1), {SQL_BIT}).state());
    EXPECT_EQ("22003", Send(SQL_C_NUMERIC, Numeric(2, 0), {SQL_BIT}).state());
    EXPECT_EQ("22003", Send(SQL_C_NUMERIC, Numeric(1, 0, true), {SQL_BIT}).state());
}

TEST(FromCNumeric, SecondsKeepSixFractionalDigitsAndOtherFieldsNone)
{
    EXPECT_EQ("1.5 seconds", Send(SQL_C_NUMERIC, Numeric(15, 1), {SQL_INTERVAL_SECOND}).text());
    EXPECT_EQ("-0.000001 seconds",
              Send(SQL_C_NUMERIC, Numeric(1, 6, true), {SQL_INTERVAL_SECOND}).text());
    EXPECT_EQ("22015", Send(SQL_C_NUMERIC, Numeric(1, 7), {SQL_INTERVAL_SECOND}).state());
    EXPECT_EQ("22015", Send(SQL_C_NUMERIC, Numeric(15, 1), {SQL_INTERVAL_DAY}).state());
    EXPECT_EQ("3 years", Send(SQL_C_NUMERIC, Numeric(30, 1), {SQL_INTERVAL_YEAR}).text());
}

}  // namespace
