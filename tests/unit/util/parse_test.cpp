// Exact parsers: whole input, explicit maximum, no signs or spaces where
// none are allowed; seconds round up to whole milliseconds.
#include <gtest/gtest.h>

#include <cstring>

extern "C" {
#include "util/parse.h"
}

namespace {

bool ParseUint(const char *text, uint64_t max, uint64_t *out)
{
    return parse_uint(text, std::strlen(text), max, out);
}

bool ParseSeconds(const char *text, int64_t max_ms, int64_t *out)
{
    return parse_seconds_to_ms(text, std::strlen(text), max_ms, out);
}

TEST(ParseUint, AcceptsThePortBoundary)
{
    uint64_t value = 0;
    ASSERT_TRUE(ParseUint("65535", 65535, &value));
    EXPECT_EQ(value, 65535u);
    ASSERT_TRUE(ParseUint("0", 65535, &value));
    EXPECT_EQ(value, 0u);
    ASSERT_TRUE(ParseUint("007", 65535, &value));
    EXPECT_EQ(value, 7u);
}

TEST(ParseUint, RefusesOneAboveTheMaximumWithoutWritingOutput)
{
    uint64_t value = 42;
    EXPECT_FALSE(ParseUint("65536", 65535, &value));
    EXPECT_EQ(value, 42u);
}

TEST(ParseUint, RefusesNonDigitsSignsSpacesAndEmpty)
{
    uint64_t value = 0;
    EXPECT_FALSE(ParseUint("54x2", 65535, &value));
    EXPECT_FALSE(ParseUint("", 65535, &value));
    EXPECT_FALSE(ParseUint("-1", 65535, &value));
    EXPECT_FALSE(ParseUint("+1", 65535, &value));
    EXPECT_FALSE(ParseUint(" 1", 65535, &value));
    EXPECT_FALSE(ParseUint("1 ", 65535, &value));
    EXPECT_FALSE(parse_uint("12\0003", 4, 65535, &value));
}

TEST(ParseUint, HandlesTheFullUnsignedRange)
{
    uint64_t value = 0;
    ASSERT_TRUE(ParseUint("18446744073709551615", UINT64_MAX, &value));
    EXPECT_EQ(value, UINT64_MAX);
    EXPECT_FALSE(ParseUint("18446744073709551616", UINT64_MAX, &value));
    EXPECT_FALSE(ParseUint("99999999999999999999999", UINT64_MAX, &value));
}

TEST(ParseUint, UsesOnlyTheGivenLength)
{
    uint64_t value = 0;
    ASSERT_TRUE(parse_uint("5432xyz", 4, 65535, &value));
    EXPECT_EQ(value, 5432u);
}

TEST(ParseInt, AcceptsSignedValuesWithinBounds)
{
    int64_t value = 0;
    ASSERT_TRUE(parse_int("-1", 2, -5, 5, &value));
    EXPECT_EQ(value, -1);
    ASSERT_TRUE(parse_int("5", 1, -5, 5, &value));
    EXPECT_EQ(value, 5);
    EXPECT_FALSE(parse_int("6", 1, -5, 5, &value));
    EXPECT_FALSE(parse_int("-6", 2, -5, 5, &value));
    EXPECT_FALSE(parse_int("-", 1, -5, 5, &value));
    EXPECT_FALSE(parse_int("", 0, -5, 5, &value));
    EXPECT_FALSE(parse_int("- 1", 3, -5, 5, &value));
}

TEST(ParseInt, HandlesTheFullSignedRange)
{
    int64_t value = 0;
    ASSERT_TRUE(parse_int("-9223372036854775808", 20, INT64_MIN, INT64_MAX, &value));
    EXPECT_EQ(value, INT64_MIN);
    ASSERT_TRUE(parse_int("9223372036854775807", 19, INT64_MIN, INT64_MAX, &value));
    EXPECT_EQ(value, INT64_MAX);
    EXPECT_FALSE(parse_int("9223372036854775808", 19, INT64_MIN, INT64_MAX, &value));
    EXPECT_FALSE(parse_int("-9223372036854775809", 20, INT64_MIN, INT64_MAX, &value));
}

TEST(ParseInt, RefusesValuesBelowAPositiveMinimum)
{
    int64_t value = 0;
    EXPECT_FALSE(parse_int("-1", 2, 1, 10, &value));
    EXPECT_FALSE(parse_int("0", 1, 1, 10, &value));
    ASSERT_TRUE(parse_int("1", 1, 1, 10, &value));
    EXPECT_EQ(value, 1);
}

TEST(ParseSeconds, AcceptsWholeAndFractionalSeconds)
{
    int64_t ms = 0;
    ASSERT_TRUE(ParseSeconds("2", INT64_MAX, &ms));
    EXPECT_EQ(ms, 2000);
    ASSERT_TRUE(ParseSeconds("0.5", INT64_MAX, &ms));
    EXPECT_EQ(ms, 500);
    ASSERT_TRUE(ParseSeconds("1.250", INT64_MAX, &ms));
    EXPECT_EQ(ms, 1250);
    ASSERT_TRUE(ParseSeconds("0", INT64_MAX, &ms));
    EXPECT_EQ(ms, 0);
    ASSERT_TRUE(ParseSeconds("0.0000", INT64_MAX, &ms));
    EXPECT_EQ(ms, 0);
}

TEST(ParseSeconds, RoundsFractionsUpToAWholeMillisecond)
{
    int64_t ms = 0;
    ASSERT_TRUE(ParseSeconds("0.0001", INT64_MAX, &ms));
    EXPECT_EQ(ms, 1);
    ASSERT_TRUE(ParseSeconds("1.2501", INT64_MAX, &ms));
    EXPECT_EQ(ms, 1251);
    ASSERT_TRUE(ParseSeconds("1.2500000", INT64_MAX, &ms));
    EXPECT_EQ(ms, 1250);
}

TEST(ParseSeconds, RefusesMalformedInput)
{
    int64_t ms = 99;
    for (const char *text : {"-1", "abc", "1e3", "", ".", "1.", ".5", " 1", "1 ", "1.2.3",
                             "+1", "0x10", "1,5"}) {
        EXPECT_FALSE(ParseSeconds(text, INT64_MAX, &ms)) << '"' << text << '"';
    }
    EXPECT_EQ(ms, 99);
}

TEST(ParseSeconds, RespectsTheMaximum)
{
    int64_t ms = 0;
    ASSERT_TRUE(ParseSeconds("2", 2000, &ms));
    EXPECT_EQ(ms, 2000);
    EXPECT_FALSE(ParseSeconds("2.001", 2000, &ms));
    EXPECT_FALSE(ParseSeconds("3", 2000, &ms));
    EXPECT_FALSE(ParseSeconds("99999999999999999999", INT64_MAX, &ms));
}

TEST(ParseEqualsIgnoreCase, ComparesWholeWordsAsciiOnly)
{
    EXPECT_TRUE(parse_equals_ignore_case("SSLMode", 7, "sslmode"));
    EXPECT_TRUE(parse_equals_ignore_case("", 0, ""));
    EXPECT_FALSE(parse_equals_ignore_case("sslmod", 6, "sslmode"));
    EXPECT_FALSE(parse_equals_ignore_case("sslmodes", 8, "sslmode"));
    EXPECT_TRUE(parse_equals_ignore_case("hostXYZ", 4, "HOST"));
}

} // namespace
