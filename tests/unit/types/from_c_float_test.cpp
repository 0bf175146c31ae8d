// SQL_C_FLOAT and SQL_C_DOUBLE into each SQL type: IEEE bytes in network
// order, shortest decimal text, truncation into integers, 22003 limits.
#include <cfloat>
#include <cmath>
#include <limits>

#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

TEST(FromCFloat, NegativeZeroKeepsItsSignBitAsFloat8)
{
    SQLDOUBLE value = -0.0;
    Sent sent = Send(SQL_C_DOUBLE, value, {SQL_DOUBLE});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0x80, 0, 0, 0, 0, 0, 0, 0}), sent.bytes);
    EXPECT_EQ(TYPES_OID_FLOAT8, sent.encoding.type_oid);
    EXPECT_EQ(1, sent.encoding.format_code);
    EXPECT_EQ("-0", Send(SQL_C_DOUBLE, value, {SQL_VARCHAR}).text());
    EXPECT_EQ("0", Send(SQL_C_DOUBLE, value, {SQL_NUMERIC}).text());
}

TEST(FromCFloat, FltMaxIsAValidRealAndBeyondItIs22003)
{
    SQLREAL maximum = FLT_MAX;
    Sent sent = Send(SQL_C_FLOAT, maximum, {SQL_REAL});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0x7f, 0x7f, 0xff, 0xff}), sent.bytes);
    EXPECT_EQ(TYPES_OID_FLOAT4, sent.encoding.type_oid);
    SQLDOUBLE huge = 1e300;
    Sent refused = Send(SQL_C_DOUBLE, huge, {SQL_REAL});
    EXPECT_EQ(-1, refused.rc);
    EXPECT_EQ("22003", refused.state());
    SQLDOUBLE infinity = std::numeric_limits<double>::infinity();
    EXPECT_EQ(FloatBytes(std::numeric_limits<float>::infinity()),
              Send(SQL_C_DOUBLE, infinity, {SQL_REAL}).bytes);
}

TEST(FromCFloat, DblMinAsDecimalIsPlainDigits)
{
    SQLDOUBLE value = DBL_MIN;
    Sent sent = Send(SQL_C_DOUBLE, value, {SQL_DECIMAL});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ("0." + std::string(307, '0') + "22250738585072014", sent.text());
    EXPECT_EQ(DoubleBytes(DBL_MIN), Send(SQL_C_DOUBLE, value, {SQL_FLOAT}).bytes);
    EXPECT_EQ("2.2250738585072014e-308", Send(SQL_C_DOUBLE, value, {SQL_CHAR}).text());
}

TEST(FromCFloat, LargeDoubleAsDecimalHasNoExponent)
{
    SQLDOUBLE value = 1e20;
    EXPECT_EQ("100000000000000000000", Send(SQL_C_DOUBLE, value, {SQL_NUMERIC}).text());
    EXPECT_EQ("1e+20", Send(SQL_C_DOUBLE, value, {SQL_VARCHAR}).text());
    SQLDOUBLE negative = -1.5e300;
    EXPECT_EQ("-1.5e+300", Send(SQL_C_DOUBLE, negative, {SQL_VARCHAR}).text());
}

TEST(FromCFloat, TextIsTheShortestDecimalThatReadsBack)
{
    SQLDOUBLE tenth = 0.1;
    EXPECT_EQ("0.1", Send(SQL_C_DOUBLE, tenth, {SQL_VARCHAR}).text());
    EXPECT_EQ("0.1", Send(SQL_C_DOUBLE, tenth, {SQL_NUMERIC}).text());
    SQLREAL tenth_single = 0.1f;
    EXPECT_EQ("0.1", Send(SQL_C_FLOAT, tenth_single, {SQL_VARCHAR}).text());
    EXPECT_EQ(DoubleBytes((double)0.1f), Send(SQL_C_FLOAT, tenth_single, {SQL_DOUBLE}).bytes);
    SQLDOUBLE third = 1.0 / 3.0;
    EXPECT_EQ("0.3333333333333333", Send(SQL_C_DOUBLE, third, {SQL_CHAR}).text());
    SQLDOUBLE small = 0.0001;
    EXPECT_EQ("0.0001", Send(SQL_C_DOUBLE, small, {SQL_CHAR}).text());
    SQLDOUBLE smaller = 0.00001;
    EXPECT_EQ("1e-05", Send(SQL_C_DOUBLE, smaller, {SQL_CHAR}).text());
}

TEST(FromCFloat, NanAndInfinityAreWordsAndNotIntegers)
{
    SQLDOUBLE nan = std::numeric_limits<double>::quiet_NaN();
    SQLDOUBLE infinity = std::numeric_limits<double>::infinity();
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, nan, {SQL_INTEGER}).state());
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, infinity, {SQL_BIGINT}).state());
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, nan, {SQL_BIT}).state());
    EXPECT_EQ("NaN", Send(SQL_C_DOUBLE, nan, {SQL_NUMERIC}).text());
    EXPECT_EQ("-Infinity", Send(SQL_C_DOUBLE, -infinity, {SQL_VARCHAR}).text());
    Sent sent = Send(SQL_C_DOUBLE, nan, {SQL_DOUBLE});
    ASSERT_EQ(0, sent.rc);
    ASSERT_EQ(8u, sent.bytes.size());
    EXPECT_EQ(0x7f, sent.bytes[0] & 0x7f);
    EXPECT_EQ(0xf0, sent.bytes[1] & 0xf0);
}

TEST(FromCFloat, FractionIsTruncatedTowardZeroIntoIntegers)
{
    SQLDOUBLE value = 2.9;
    Sent sent = Send(SQL_C_DOUBLE, value, {SQL_INTEGER});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0, 0, 0, 2}), sent.bytes);
    SQLDOUBLE negative = -2.9;
    EXPECT_EQ((Bytes{0xff, 0xff, 0xff, 0xfe}), Send(SQL_C_DOUBLE, negative, {SQL_INTEGER}).bytes);
    SQLREAL single = 1234.56f;
    EXPECT_EQ((Bytes{0x04, 0xd2}), Send(SQL_C_FLOAT, single, {SQL_SMALLINT}).bytes);
}

TEST(FromCFloat, IntegerRangeIsCheckedOnTheTruncatedValue)
{
    SQLDOUBLE fits = 2147483647.9;
    EXPECT_EQ((Bytes{0x7f, 0xff, 0xff, 0xff}), Send(SQL_C_DOUBLE, fits, {SQL_INTEGER}).bytes);
    SQLDOUBLE beyond = 2147483648.0;
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, beyond, {SQL_INTEGER}).state());
    SQLDOUBLE two_to_63 = 9223372036854775808.0;
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, two_to_63, {SQL_BIGINT}).state());
    SQLDOUBLE minus_two_to_63 = -9223372036854775808.0;
    EXPECT_EQ((Bytes{0x80, 0, 0, 0, 0, 0, 0, 0}),
              Send(SQL_C_DOUBLE, minus_two_to_63, {SQL_BIGINT}).bytes);
    SQLDOUBLE largest_below = 9223372036854774784.0;  // exact, below 2^63
    EXPECT_EQ(BigEndian(9223372036854774784ULL, 8),
              Send(SQL_C_DOUBLE, largest_below, {SQL_BIGINT}).bytes);
}

TEST(FromCFloat, BitTakesZeroAndOneAndRefusesTheRest)
{
    SQLDOUBLE one = 1.0;
    EXPECT_EQ((Bytes{1}), Send(SQL_C_DOUBLE, one, {SQL_BIT}).bytes);
    SQLDOUBLE half = 0.5;
    EXPECT_EQ("22001", Send(SQL_C_DOUBLE, half, {SQL_BIT}).state());
    SQLDOUBLE one_and_half = 1.5;
    EXPECT_EQ("22001", Send(SQL_C_DOUBLE, one_and_half, {SQL_BIT}).state());
    SQLDOUBLE two = 2.0;
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, two, {SQL_BIT}).state());
    SQLDOUBLE negative = -0.5;
    EXPECT_EQ("22003", Send(SQL_C_DOUBLE, negative, {SQL_BIT}).state());
}

TEST(FromCFloat, IntervalsAreRestricted)
{
    SQLDOUBLE value = 1.0;
    EXPECT_EQ("07006", Send(SQL_C_DOUBLE, value, {SQL_INTERVAL_SECOND}).state());
}

}  // namespace
