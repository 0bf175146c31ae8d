// types/to_c_integer.c, to_c_float.c, to_c_numeric.c: "SQL to C: Numeric"
// and "SQL to C: Bit" through types_convert_to_c, text and binary forms.
#include <gtest/gtest.h>

#include <cmath>

#include "convert_support.h"

namespace pgo_types_test {
namespace {

TEST(ConvertInteger, TextInt4IntoEveryIntegerType)
{
    SQLINTEGER slong = 0;
    Conversion c = ConvertFixed(Text(TYPES_OID_INT4, "-2147483648"), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(INT32_MIN, slong);
    EXPECT_EQ(4, c.out.indicator);
    EXPECT_TRUE(c.piece.is_done);

    SQLBIGINT big = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT8, "9223372036854775807"), SQL_C_SBIGINT, &big).rc);
    EXPECT_EQ(INT64_MAX, big);
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT8, "-9223372036854775808"), SQL_C_SBIGINT, &big).rc);
    EXPECT_EQ(INT64_MIN, big);

    SQLSMALLINT small = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT4, "-32768"), SQL_C_SSHORT, &small).rc);
    EXPECT_EQ(-32768, small);
    SQLUSMALLINT ushort = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT4, "65535"), SQL_C_USHORT, &ushort).rc);
    EXPECT_EQ(65535, ushort);
    signed char tiny = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT2, "-128"), SQL_C_STINYINT, &tiny).rc);
    EXPECT_EQ(-128, tiny);
    unsigned char utiny = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT2, "255"), SQL_C_UTINYINT, &utiny).rc);
    EXPECT_EQ(255, utiny);
    SQLUINTEGER ulong = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_OID, "4294967295"), SQL_C_ULONG, &ulong).rc);
    EXPECT_EQ(4294967295u, ulong);
}

TEST(ConvertInteger, OutOfRangeForTheTargetIs22003AndLeavesTargetUntouched)
{
    SQLSMALLINT small = 7;
    Conversion c = Convert(Text(TYPES_OID_INT4, "32768"), SQL_C_SSHORT, &small, 2);
    EXPECT_EQ(-1, c.rc);
    EXPECT_EQ("22003", c.state());
    EXPECT_EQ(7, small);
    unsigned char utiny = 0;
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_INT4, "-1"), SQL_C_UTINYINT, &utiny).state());
    SQLUBIGINT ubig = 0;
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_INT8, "-5"), SQL_C_UBIGINT, &ubig).state());
    SQLINTEGER slong = 0;
    EXPECT_EQ("22003",
              ConvertFixed(Text(TYPES_OID_INT8, "2147483648"), SQL_C_SLONG, &slong).state());
}

TEST(ConvertInteger, BadTextIs22018)
{
    SQLINTEGER slong = 0;
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_INT4, "12a"), SQL_C_SLONG, &slong).state());
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_INT4, ""), SQL_C_SLONG, &slong).state());
}

TEST(ConvertInteger, BinaryFormsDecodeBigEndianTwosComplement)
{
    SQLBIGINT big = 0;
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_INT2, {0xff, 0xfe}), SQL_C_SBIGINT, &big).rc);
    EXPECT_EQ(-2, big);
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_INT4, {0x80, 0, 0, 0}), SQL_C_SBIGINT, &big).rc);
    EXPECT_EQ(INT32_MIN, big);
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_OID, {0xff, 0xff, 0xff, 0xff}), SQL_C_SBIGINT, &big).rc);
    EXPECT_EQ(4294967295LL, big);
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_INT8, BigEndian(0x0102030405060708ull, 8)),
                              SQL_C_SBIGINT, &big).rc);
    EXPECT_EQ(0x0102030405060708LL, big);
    EXPECT_EQ("22018", ConvertFixed(Binary(TYPES_OID_INT4, {1, 2}), SQL_C_SBIGINT, &big).state());
    char text[16];
    Conversion c = Convert(Binary(TYPES_OID_INT4, BigEndian(static_cast<uint32_t>(-42), 4)),
                           SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("-42", text);
    EXPECT_EQ(3, c.out.indicator);
}

TEST(ConvertInteger, CharacterNeedsRoomForTheWholeDigits)
{
    char text[4];
    Conversion c = Convert(Text(TYPES_OID_INT4, "12345"), SQL_C_CHAR, text, sizeof text);
    EXPECT_EQ(-1, c.rc);
    EXPECT_EQ("22003", c.state());
    char wide_enough[6];
    c = Convert(Text(TYPES_OID_INT4, "12345"), SQL_C_CHAR, wide_enough, sizeof wide_enough);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("12345", wide_enough);
    EXPECT_FALSE(c.out.is_truncated);
}

TEST(ConvertInteger, IntegersIntoBitFloatDoubleAndNumeric)
{
    unsigned char bit = 9;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT4, "1"), SQL_C_BIT, &bit).rc);
    EXPECT_EQ(1, bit);
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_INT4, "2"), SQL_C_BIT, &bit).state());
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT8, "-9007199254740993"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(-9007199254740992.0, real);
    SQL_NUMERIC_STRUCT numeric;
    Conversion c = Convert(Text(TYPES_OID_INT4, "-258"), SQL_C_NUMERIC, &numeric, sizeof numeric, {},
                           10, 0);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(0, numeric.sign);
    EXPECT_EQ(2, numeric.val[0]);
    EXPECT_EQ(1, numeric.val[1]);
    EXPECT_EQ(10, numeric.precision);
}

TEST(ConvertInteger, DatesAndGuidsAreRestricted)
{
    SQL_DATE_STRUCT date;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_INT4, "1"), SQL_C_TYPE_DATE, &date).state());
    SQLGUID guid;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_INT4, "1"), SQL_C_GUID, &guid).state());
}

TEST(ConvertInteger, BinaryTargetGetsTheDefaultCTypesBytes)
{
    unsigned char bytes[8];
    Conversion c = Convert(Text(TYPES_OID_INT4, "258"), SQL_C_BINARY, bytes, sizeof bytes);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(4, c.out.indicator);
    SQLINTEGER stored;
    std::memcpy(&stored, bytes, 4);
    EXPECT_EQ(258, stored);
    c = Convert(Text(TYPES_OID_INT4, "258"), SQL_C_BINARY, bytes, 2);
    EXPECT_EQ("22003", c.state());
}

TEST(ConvertInteger, SecondCallAfterAFixedValueIsDone)
{
    SQLINTEGER slong = 0;
    Conversion first = ConvertFixed(Text(TYPES_OID_INT4, "5"), SQL_C_SLONG, &slong);
    ASSERT_TRUE(first.piece.is_done);
    slong = 0;
    Conversion second = Convert(Text(TYPES_OID_INT4, "5"), SQL_C_SLONG, &slong, 4, first.piece);
    EXPECT_EQ(0, second.rc);
    EXPECT_EQ(0, slong); // nothing written: the caller answers SQL_NO_DATA
}

TEST(ConvertBool, BitCharacterAndIntegers)
{
    unsigned char bit = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_BOOL, "t"), SQL_C_BIT, &bit).rc);
    EXPECT_EQ(1, bit);
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_BOOL, {0}), SQL_C_BIT, &bit).rc);
    EXPECT_EQ(0, bit);
    SQLINTEGER slong = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_BOOL, "t"), SQL_C_SLONG, &slong).rc);
    EXPECT_EQ(1, slong);
    char text[2];
    Conversion c = Convert(Text(TYPES_OID_BOOL, "f"), SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("0", text);
    char one[1];
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_BOOL, "f"), SQL_C_CHAR, one, 1).state());
    SQL_DATE_STRUCT date;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_BOOL, "t"), SQL_C_TYPE_DATE, &date).state());
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_BOOL, "yes"), SQL_C_BIT, &bit).state());
}

TEST(ConvertFloat, TextIsCorrectlyRoundedAndRangeChecked)
{
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, "0.1"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(0.1, real);
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, "-Infinity"), SQL_C_DOUBLE, &real).rc);
    EXPECT_TRUE(std::isinf(real) && real < 0);
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, "NaN"), SQL_C_DOUBLE, &real).rc);
    EXPECT_TRUE(std::isnan(real));
    SQLREAL single = 0;
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "1e300"), SQL_C_FLOAT, &single).state());
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_FLOAT8, "1.5x"), SQL_C_DOUBLE, &real).state());
}

TEST(ConvertFloat, IntoIntegersTruncatesWith01S07)
{
    SQLINTEGER slong = 0;
    Conversion c = ConvertFixed(Text(TYPES_OID_FLOAT8, "-2.75"), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(-2, slong);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "3e10"), SQL_C_SLONG, &slong).state());
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "NaN"), SQL_C_SLONG, &slong).state());
    unsigned char bit = 0;
    c = ConvertFixed(Text(TYPES_OID_FLOAT8, "1.5"), SQL_C_BIT, &bit);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(1, bit);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "2"), SQL_C_BIT, &bit).state());
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "-0.5"), SQL_C_BIT, &bit).state());
}

TEST(ConvertFloat, BinaryDecodesIeeeAndPrintsTheShortestText)
{
    SQLDOUBLE real = 0;
    uint64_t bits;
    double tenth = 0.1;
    std::memcpy(&bits, &tenth, 8);
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_FLOAT8, BigEndian(bits, 8)), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(0.1, real);
    char text[32];
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_FLOAT8, BigEndian(bits, 8)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("0.1", text);
    double big = 1e100;
    std::memcpy(&bits, &big, 8);
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_FLOAT8, BigEndian(bits, 8)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("1e+100", text);
    float single = 1.5f;
    uint32_t single_bits;
    std::memcpy(&single_bits, &single, 4);
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_FLOAT4, BigEndian(single_bits, 4)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("1.5", text);
    double whole = 123456.0;
    std::memcpy(&bits, &whole, 8);
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_FLOAT8, BigEndian(bits, 8)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("123456", text);
}

TEST(ConvertNumeric, NumericStructTruncatesToTheTargetScaleWith01S07)
{
    SQL_NUMERIC_STRUCT numeric;
    std::memset(&numeric, 0xee, sizeof numeric);
    Conversion c = Convert(Text(TYPES_OID_NUMERIC, "12345.678"), SQL_C_NUMERIC, &numeric,
                           sizeof numeric, {}, 10, 2);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ(10, numeric.precision);
    EXPECT_EQ(2, numeric.scale);
    EXPECT_EQ(1, numeric.sign);
    // 1234567 = 0x12D687, little-endian
    EXPECT_EQ(0x87, numeric.val[0]);
    EXPECT_EQ(0xD6, numeric.val[1]);
    EXPECT_EQ(0x12, numeric.val[2]);
    for (int i = 3; i < 16; i++)
        EXPECT_EQ(0, numeric.val[i]) << i;
}

TEST(ConvertNumeric, NumericStructExactAndNegative)
{
    SQL_NUMERIC_STRUCT numeric;
    Conversion c = Convert(Text(TYPES_OID_NUMERIC, "-0.50"), SQL_C_NUMERIC, &numeric,
                           sizeof numeric, {}, 5, 3);
    ASSERT_EQ(0, c.rc);
    EXPECT_FALSE(c.out.is_fraction_truncated);
    EXPECT_EQ(0, numeric.sign);
    EXPECT_EQ(500 & 0xff, numeric.val[0]);
    EXPECT_EQ(500 >> 8, numeric.val[1]);
}

TEST(ConvertNumeric, NumericStructOverflowsOnPrecisionAnd128Bits)
{
    SQL_NUMERIC_STRUCT numeric;
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_NUMERIC, "123456"), SQL_C_NUMERIC, &numeric,
                               sizeof numeric, {}, 5, 0).state());
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_NUMERIC, "1e40"), SQL_C_NUMERIC, &numeric,
                               sizeof numeric, {}, 38, 0).state());
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_NUMERIC, "NaN"), SQL_C_NUMERIC, &numeric,
                               sizeof numeric, {}, 38, 0).state());
    // 38 nines fit in 128 bits.
    Conversion c = Convert(Text(TYPES_OID_NUMERIC, std::string(38, '9')), SQL_C_NUMERIC, &numeric,
                           sizeof numeric, {}, 38, 0);
    ASSERT_EQ(0, c.rc) << c.error.message;
    // 10^38 - 1 = 0x4B3B4CA85A86C47A098A223FFFFFFFFF
    const unsigned char expected[16] = {0xff, 0xff, 0xff, 0xff, 0x3f, 0x22, 0x8a, 0x09,
                                        0x7a, 0xc4, 0x86, 0x5a, 0xa8, 0x4c, 0x3b, 0x4b};
    EXPECT_EQ(0, std::memcmp(expected, numeric.val, 16));
}

TEST(ConvertNumeric, NegativeScaleDroppingWholeDigitsIs22003)
{
    SQL_NUMERIC_STRUCT numeric;
    Conversion c = Convert(Text(TYPES_OID_NUMERIC, "12300"), SQL_C_NUMERIC, &numeric,
                           sizeof numeric, {}, 5, -2);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(123, numeric.val[0]);
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_NUMERIC, "12345"), SQL_C_NUMERIC, &numeric,
                               sizeof numeric, {}, 5, -2).state());
}

TEST(ConvertNumeric, IntoIntegersDoubleAndCharacter)
{
    SQLINTEGER slong = 0;
    Conversion c = ConvertFixed(Text(TYPES_OID_NUMERIC, "-1234.50"), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(-1234, slong);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    c = ConvertFixed(Text(TYPES_OID_NUMERIC, "42.000"), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc);
    EXPECT_FALSE(c.out.is_fraction_truncated);
    SQLBIGINT big = 0;
    EXPECT_EQ("22003",
              ConvertFixed(Text(TYPES_OID_NUMERIC, "99999999999999999999999"), SQL_C_SBIGINT,
                           &big).state());
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_NUMERIC, "1234567890.12"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(1234567890.12, real);
    char text[8];
    c = Convert(Text(TYPES_OID_NUMERIC, "1234.5678"), SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("1234.56", text);
    EXPECT_TRUE(c.out.is_truncated);
    EXPECT_EQ(9, c.out.indicator);
    char tiny[4];
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_NUMERIC, "1234.5678"), SQL_C_CHAR, tiny, 4).state());
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_NUMERIC, "1.2.3"), SQL_C_SLONG, &slong).state());
}

TEST(ConvertNumeric, BinaryNumericDecodesDigitGroups)
{
    // 12345.678: ndigits 3, weight 1, sign +, dscale 3, groups 1 2345 6780
    Source value = Binary(TYPES_OID_NUMERIC, {0, 3, 0, 1, 0, 0, 0, 3, 0x00, 0x01, 0x09, 0x29,
                                              0x1a, 0x7c});
    char text[32];
    Conversion c = Convert(value, SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_STREQ("12345.678", text);
    EXPECT_EQ(9, c.out.indicator);
    SQL_NUMERIC_STRUCT numeric;
    c = Convert(value, SQL_C_NUMERIC, &numeric, sizeof numeric, {}, 10, 2);
    ASSERT_EQ(0, c.rc);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ(0x87, numeric.val[0]);
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(value, SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(12345.678, real);
    // -0.05: ndigits 1, weight -1, sign -, dscale 2, group 500
    Source small = Binary(TYPES_OID_NUMERIC, {0, 1, 0xff, 0xff, 0x40, 0, 0, 2, 0x01, 0xf4});
    ASSERT_EQ(0, Convert(small, SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("-0.05", text);
    // zero with scale 2: ndigits 0, weight 0, dscale 2
    Source zero = Binary(TYPES_OID_NUMERIC, {0, 0, 0, 0, 0, 0, 0, 2});
    ASSERT_EQ(0, Convert(zero, SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("0.00", text);
    // 10000: ndigits 1, weight 1, group 1
    Source ten_thousand = Binary(TYPES_OID_NUMERIC, {0, 1, 0, 1, 0, 0, 0, 0, 0, 1});
    ASSERT_EQ(0, Convert(ten_thousand, SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("10000", text);
    Source nan = Binary(TYPES_OID_NUMERIC, {0, 0, 0, 0, 0xc0, 0, 0, 0});
    ASSERT_EQ(0, Convert(nan, SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("NaN", text);
    Source lying = Binary(TYPES_OID_NUMERIC, {0, 2, 0, 0, 0, 0, 0, 0, 0, 1});
    EXPECT_EQ("22018", Convert(lying, SQL_C_CHAR, text, sizeof text).state());
}

TEST(ConvertMoney, TextInAnyLocaleFormat)
{
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(Text(790, "$1,234.56"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(1234.56, real);
    ASSERT_EQ(0, ConvertFixed(Text(790, "-$1,234.56"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(-1234.56, real);
    ASSERT_EQ(0, ConvertFixed(Text(790, "1.234,56 \xe2\x82\xac"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(1234.56, real);
    ASSERT_EQ(0, ConvertFixed(Text(790, "(\xc2\xa3" "12.00)"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(-12.0, real);
    ASSERT_EQ(0, ConvertFixed(Text(790, "\xef\xbf\xa5" "1,235"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(1235.0, real);
    SQLINTEGER slong = 0;
    EXPECT_EQ("22018", ConvertFixed(Text(790, "free"), SQL_C_SLONG, &slong).state());
    SQLBIGINT cents = 0;
    ASSERT_EQ(0, ConvertFixed(Binary(790, BigEndian(123456, 8)), SQL_C_SBIGINT, &cents).rc);
    EXPECT_EQ(1234, cents);
}

} // namespace
} // namespace pgo_types_test
