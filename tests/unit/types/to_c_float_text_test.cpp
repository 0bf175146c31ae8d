// float8 text → SQL_C_DOUBLE: the one-pass reader (exact multiplication or
// division for short digit strings, strtod on "<digits>e<exponent>" for
// up to 18 digits, the decimal form beyond) must give the very double
// strtod gives for the same text in the C locale, bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "convert_support.h"

using namespace pgo_types_test;

namespace {

uint64_t BitsOf(double value)
{
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

// The driver's double for text, or a failure naming the text.
::testing::AssertionResult ReadsAsStrtod(const std::string &text)
{
    SQLDOUBLE real = 0;
    Conversion c = ConvertFixed(Text(TYPES_OID_FLOAT8, text), SQL_C_DOUBLE, &real);
    if (c.rc != 0)
        return ::testing::AssertionFailure() << text << " failed with " << c.state();
    double expected = std::strtod(text.c_str(), nullptr);
    if (BitsOf(real) != BitsOf(expected))
        return ::testing::AssertionFailure()
               << text << " read as " << real << ", strtod gives " << expected;
    return ::testing::AssertionSuccess();
}

} // namespace

TEST(ConvertFloatText, BoundariesOfTheExactPathReadAsStrtodDoes)
{
    const char *texts[] = {
        "0", "-0", "0.0", "1", "-1", "0.1", "0.2", "0.3", "1.5", "-2.75",
        "9007199254740992",      // 2^53: exact
        "9007199254740993",      // 2^53 + 1: rounds, through strtod
        "9007199254740991",      // 2^53 - 1
        "1e22", "1e23", "1e-22", "1e-23", "123456789e22", "4.5e-22",
        "123456789012345678",    // 18 digits
        "1234567890123456789",   // 19 digits: the decimal form
        "0.000001", "1e-05", "0.0001234", "00012.5000",
        "-71428.42857142857", "-71428.571428571428", "71428.57142857143",
        "1.7976931348623157e+308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "5e-324", "2.5e-324", "1e-400", "-1e-400", "8.98846567431158e+307",
        "1.2345678901234567e-300", "3.141592653589793", "2.718281828459045",
        "0.30000000000000004", "1e0", "1E5", "1e+5", "1.e3", ".5", "5.",
    };
    for (const char *text : texts)
        EXPECT_TRUE(ReadsAsStrtod(text));
}

TEST(ConvertFloatText, ShortestAndLongFormsOfRandomDoublesReadBackExactly)
{
    std::mt19937_64 random(20261128);
    char text[64];
    for (int i = 0; i < 20000; i++) {
        double value;
        if (i % 2 == 0) {
            uint64_t bits = random();
            std::memcpy(&value, &bits, sizeof value);
        } else {
            // Values of ordinary size, where the exact path applies most.
            value = static_cast<double>(static_cast<int64_t>(random() % 2000001) - 1000000) /
                    static_cast<double>(random() % 9999 + 1);
        }
        if (!std::isfinite(value))
            continue;
        for (int digits : {6, 15, 16, 17}) {
            std::snprintf(text, sizeof text, "%.*g", digits, value);
            ASSERT_TRUE(ReadsAsStrtod(text));
        }
        std::snprintf(text, sizeof text, "%.17g", value);
        SQLDOUBLE real = 0;
        ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, text), SQL_C_DOUBLE, &real).rc);
        EXPECT_EQ(BitsOf(value), BitsOf(real)) << text;
    }
}

TEST(ConvertFloatText, SpecialValuesAndBadTextKeepTheirOutcomes)
{
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, "-0"), SQL_C_DOUBLE, &real).rc);
    EXPECT_TRUE(real == 0.0 && std::signbit(real));
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, "Infinity"), SQL_C_DOUBLE, &real).rc);
    EXPECT_TRUE(std::isinf(real) && real > 0);
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT8, "NaN"), SQL_C_DOUBLE, &real).rc);
    EXPECT_TRUE(std::isnan(real));
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "1e400"), SQL_C_DOUBLE, &real).state());
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_FLOAT8, "-1e99999"), SQL_C_DOUBLE, &real).state());
    for (const char *bad : {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1x", "0x10", "1,5", "--1"})
        EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_FLOAT8, bad), SQL_C_DOUBLE, &real).state())
            << "'" << bad << "'";
    SQLREAL single = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_FLOAT4, "0.1"), SQL_C_FLOAT, &single).rc);
    EXPECT_EQ(0.1f, single);
}
