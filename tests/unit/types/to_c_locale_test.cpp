// types/to_c_float.c, to_c_numeric.c: values fetched from the server
// convert the same whatever LC_NUMERIC the application set. Under
// de_DE.UTF-8 the C library's strtod stops at '.', and printf writes ','.
#include <cstring>
#include <string>

#include "comma_locale.h"
#include "convert_support.h"

using namespace pgo_types_test;
using pgo_locale_test::CommaLocale;

namespace {

std::vector<unsigned char> Float8Bytes(double value)
{
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return BigEndian(bits, 8);
}

std::vector<unsigned char> Float4Bytes(float value)
{
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return BigEndian(bits, 4);
}

SQLDOUBLE AsDouble(const Source &source)
{
    SQLDOUBLE real = -7;
    Conversion c = ConvertFixed(source, SQL_C_DOUBLE, &real);
    EXPECT_EQ(0, c.rc) << c.error.sqlstate << " " << c.error.message;
    return real;
}

SQLREAL AsFloat(const Source &source)
{
    SQLREAL single = -7;
    Conversion c = ConvertFixed(source, SQL_C_FLOAT, &single);
    EXPECT_EQ(0, c.rc) << c.error.sqlstate << " " << c.error.message;
    return single;
}

std::string AsChar(const Source &source)
{
    char text[64];
    std::memset(text, 'x', sizeof text);
    Conversion c = Convert(source, SQL_C_CHAR, text, sizeof text);
    EXPECT_EQ(0, c.rc) << c.error.sqlstate << " " << c.error.message;
    return c.rc == 0 ? std::string(text) : std::string();
}

using ToCUnderCommaLocale = CommaLocale;

TEST_F(ToCUnderCommaLocale, Float8TextReadsItsPointIntoDoubleAndFloat)
{
    EXPECT_EQ(1.5, AsDouble(Text(TYPES_OID_FLOAT8, "1.5")));
    EXPECT_EQ(12345.6789, AsDouble(Text(TYPES_OID_FLOAT8, "12345.6789")));
    EXPECT_EQ(1.5f, AsFloat(Text(TYPES_OID_FLOAT8, "1.5")));
    EXPECT_EQ(12345.6789f, AsFloat(Text(TYPES_OID_FLOAT4, "12345.6789")));
    EXPECT_EQ(-0.00125, AsDouble(Text(TYPES_OID_FLOAT8, "-1.25e-3")));
    EXPECT_EQ("1.5", AsChar(Text(TYPES_OID_FLOAT8, "1.5")));
    EXPECT_EQ("12345.6789", AsChar(Text(TYPES_OID_FLOAT8, "12345.6789")));
}

TEST_F(ToCUnderCommaLocale, Float8TextWithACommaIsStillNotANumber)
{
    SQLDOUBLE real = 0;
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_FLOAT8, "1,5"), SQL_C_DOUBLE, &real).state());
}

TEST_F(ToCUnderCommaLocale, BinaryFloatsPrintWithAPoint)
{
    EXPECT_EQ("1.5", AsChar(Binary(TYPES_OID_FLOAT8, Float8Bytes(1.5))));
    EXPECT_EQ("12345.6789", AsChar(Binary(TYPES_OID_FLOAT8, Float8Bytes(12345.6789))));
    EXPECT_EQ("1.5e+100", AsChar(Binary(TYPES_OID_FLOAT8, Float8Bytes(1.5e100))));
    EXPECT_EQ("1.5", AsChar(Binary(TYPES_OID_FLOAT4, Float4Bytes(1.5f))));
    EXPECT_EQ("12345.679", AsChar(Binary(TYPES_OID_FLOAT4, Float4Bytes(12345.6789f))));
    EXPECT_EQ(12345.6789, AsDouble(Binary(TYPES_OID_FLOAT8, Float8Bytes(12345.6789))));
    SQLINTEGER whole = 0;
    Conversion c = ConvertFixed(Binary(TYPES_OID_FLOAT8, Float8Bytes(12345.6789)), SQL_C_SLONG,
                                &whole);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(12345, whole);
    EXPECT_TRUE(c.out.is_fraction_truncated);
}

TEST_F(ToCUnderCommaLocale, NumericTextReadsItsPointIntoDoubleAndFloat)
{
    EXPECT_EQ(1.5, AsDouble(Text(TYPES_OID_NUMERIC, "1.5")));
    EXPECT_EQ(12345.6789, AsDouble(Text(TYPES_OID_NUMERIC, "12345.6789")));
    EXPECT_EQ(1.5f, AsFloat(Text(TYPES_OID_NUMERIC, "1.5")));
    EXPECT_EQ(12345.6789f, AsFloat(Text(TYPES_OID_NUMERIC, "12345.6789")));
    EXPECT_EQ("1.5", AsChar(Text(TYPES_OID_NUMERIC, "1.5")));
    EXPECT_EQ("12345.6789", AsChar(Text(TYPES_OID_NUMERIC, "12345.6789")));
    // Past the stack copy's length the number goes through the decimal form.
    std::string long_text = "12345.6789" + std::string(150, '0');
    EXPECT_EQ(12345.6789, AsDouble(Text(TYPES_OID_NUMERIC, long_text)));
}

TEST_F(ToCUnderCommaLocale, BinaryNumericReadsIntoDoubleAndFloat)
{
    // 12345.6789: weight 1, dscale 4, groups 1 2345 6789.
    std::vector<unsigned char> bytes = {0, 3, 0, 1, 0, 0, 0, 4, 0, 1, 0x09, 0x29, 0x1a, 0x85};
    EXPECT_EQ(12345.6789, AsDouble(Binary(TYPES_OID_NUMERIC, bytes)));
    EXPECT_EQ(12345.6789f, AsFloat(Binary(TYPES_OID_NUMERIC, bytes)));
    EXPECT_EQ("12345.6789", AsChar(Binary(TYPES_OID_NUMERIC, bytes)));
    // 1.5: weight 0, dscale 1, groups 1 5000.
    std::vector<unsigned char> one_and_a_half = {0, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0x13, 0x88};
    EXPECT_EQ(1.5, AsDouble(Binary(TYPES_OID_NUMERIC, one_and_a_half)));
}

TEST_F(ToCUnderCommaLocale, OutOfRangeMessageWritesItsNumberWithAPoint)
{
    SQLREAL single = 0;
    Conversion c = ConvertFixed(Text(TYPES_OID_NUMERIC, "3.5e38"), SQL_C_FLOAT, &single);
    ASSERT_EQ(-1, c.rc);
    EXPECT_EQ("22003", c.state());
    EXPECT_NE(nullptr, std::strstr(c.error.message, "3.5e+38")) << c.error.message;
}

}  // namespace
