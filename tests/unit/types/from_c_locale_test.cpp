// types/from_c_float.c, from_c_numeric.c, from_c_text.c: parameters are
// sent the same whatever LC_NUMERIC the application set. Under de_DE.UTF-8
// the C library's printf writes ',' and its strtod stops at '.'.
#include <cstring>
#include <string>

#include "comma_locale.h"
#include "from_c_support.h"

using namespace pgo_from_c_test;
using pgo_locale_test::CommaLocale;

namespace {

using FromCUnderCommaLocale = CommaLocale;

std::string SentText(const Sent &sent)
{
    EXPECT_EQ(0, sent.rc) << sent.error.sqlstate << " " << sent.error.message;
    return sent.text();
}

TEST_F(FromCUnderCommaLocale, DoubleIsSentAsTextWithAPoint)
{
    SQLDOUBLE half = 1.5;
    SQLDOUBLE value = 12345.6789;
    EXPECT_EQ("1.5", SentText(Send(SQL_C_DOUBLE, half, {SQL_VARCHAR})));
    EXPECT_EQ("12345.6789", SentText(Send(SQL_C_DOUBLE, value, {SQL_VARCHAR})));
    EXPECT_EQ("12345.6789", SentText(Send(SQL_C_DOUBLE, value, {SQL_NUMERIC, 20, 10})));
    SQLDOUBLE huge = 1.5e300;
    EXPECT_EQ("1.5e+300", SentText(Send(SQL_C_DOUBLE, huge, {SQL_CHAR})));
}

TEST_F(FromCUnderCommaLocale, FloatIsSentAsTextWithAPoint)
{
    SQLREAL half = 1.5f;
    SQLREAL value = 12345.6789f;
    EXPECT_EQ("1.5", SentText(Send(SQL_C_FLOAT, half, {SQL_VARCHAR})));
    EXPECT_EQ("12345.679", SentText(Send(SQL_C_FLOAT, value, {SQL_VARCHAR})));
    EXPECT_EQ("12345.679", SentText(Send(SQL_C_FLOAT, value, {SQL_DECIMAL, 20, 5})));
}

TEST_F(FromCUnderCommaLocale, DoubleAndFloatKeepTheirBitsForFloatTypes)
{
    SQLDOUBLE value = 12345.6789;
    EXPECT_EQ(DoubleBytes(12345.6789), Send(SQL_C_DOUBLE, value, {SQL_DOUBLE}).bytes);
    SQLREAL single = 1.5f;
    EXPECT_EQ(FloatBytes(1.5f), Send(SQL_C_FLOAT, single, {SQL_REAL}).bytes);
}

TEST_F(FromCUnderCommaLocale, CharacterTextWithAPointIsReadIntoDoubleAndReal)
{
    Sent sent = SendText("1.5", {SQL_DOUBLE});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ(DoubleBytes(1.5), sent.bytes);
    sent = SendText("12345.6789", {SQL_DOUBLE});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ(DoubleBytes(12345.6789), sent.bytes);
    sent = SendText("1.5", {SQL_REAL});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ(FloatBytes(1.5f), sent.bytes);
    sent = SendText("12345.6789", {SQL_REAL});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ(FloatBytes(12345.6789f), sent.bytes);
    EXPECT_EQ("12345.6789", SentText(SendText("12345.6789", {SQL_NUMERIC, 20, 10})));
}

TEST_F(FromCUnderCommaLocale, CharacterTextWithACommaIsStillNotANumber)
{
    Sent sent = SendText("1,5", {SQL_DOUBLE});
    EXPECT_EQ(-1, sent.rc);
    EXPECT_EQ("22018", sent.state());
}

TEST_F(FromCUnderCommaLocale, NumericStructIsReadIntoDoubleAndReal)
{
    SQL_NUMERIC_STRUCT numeric;
    std::memset(&numeric, 0, sizeof numeric);
    numeric.precision = 9;
    numeric.scale = 4;
    numeric.sign = 1;
    uint32_t val = 123456789;  // 12345.6789
    for (int i = 0; i < 4; i++)
        numeric.val[i] = (SQLCHAR)(val >> (8 * i));
    Sent sent = Send(SQL_C_NUMERIC, numeric, {SQL_DOUBLE});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ(DoubleBytes(12345.6789), sent.bytes);
    sent = Send(SQL_C_NUMERIC, numeric, {SQL_REAL});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ(FloatBytes(12345.6789f), sent.bytes);
    EXPECT_EQ("12345.6789", SentText(Send(SQL_C_NUMERIC, numeric, {SQL_VARCHAR})));
}

TEST_F(FromCUnderCommaLocale, OutOfRangeMessagesWriteTheirNumberWithAPoint)
{
    SQLDOUBLE beyond_real = 3.5e38;
    Sent sent = Send(SQL_C_DOUBLE, beyond_real, {SQL_REAL});
    ASSERT_EQ(-1, sent.rc);
    EXPECT_EQ("22003", sent.state());
    EXPECT_NE(nullptr, std::strstr(sent.error.message, "3.5e+38")) << sent.error.message;
    SQLDOUBLE beyond_bigint = 1.5e19;
    sent = Send(SQL_C_DOUBLE, beyond_bigint, {SQL_BIGINT});
    ASSERT_EQ(-1, sent.rc);
    EXPECT_EQ("22003", sent.state());
    EXPECT_NE(nullptr, std::strstr(sent.error.message, "1.5e+19")) << sent.error.message;
}

}  // namespace
