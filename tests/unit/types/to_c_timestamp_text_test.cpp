// timestamp text → SQL_C_TYPE_TIMESTAMP: the fixed-position reader of
// PostgreSQL's own form ("YYYY-MM-DD HH:MM:SS[.ffffff]") gives the same
// fields and the same refusals as the general date/time parser, and leaves
// every other form (zones, BC, long years) to it.
#include <gtest/gtest.h>

#include <string>

#include "convert_support.h"

using namespace pgo_types_test;

namespace {

SQL_TIMESTAMP_STRUCT ReadStamp(const std::string &text, uint32_t oid = TYPES_OID_TIMESTAMP)
{
    SQL_TIMESTAMP_STRUCT stamp;
    Conversion c = ConvertFixed(Text(oid, text), SQL_C_TYPE_TIMESTAMP, &stamp);
    EXPECT_EQ(0, c.rc) << text << ": " << c.state();
    return stamp;
}

} // namespace

TEST(ConvertTimestampText, PlainFormReadsEveryFieldAndFractionDigits)
{
    SQL_TIMESTAMP_STRUCT stamp = ReadStamp("2001-02-03 04:05:06");
    EXPECT_EQ(2001, stamp.year);
    EXPECT_EQ(2, stamp.month);
    EXPECT_EQ(3, stamp.day);
    EXPECT_EQ(4, stamp.hour);
    EXPECT_EQ(5, stamp.minute);
    EXPECT_EQ(6, stamp.second);
    EXPECT_EQ(0u, stamp.fraction);
    EXPECT_EQ(500000000u, ReadStamp("2001-02-03 04:05:06.5").fraction);
    EXPECT_EQ(120000000u, ReadStamp("2001-02-03 04:05:06.12").fraction);
    EXPECT_EQ(123456000u, ReadStamp("2001-02-03 04:05:06.123456").fraction);
    EXPECT_EQ(1000u, ReadStamp("2001-02-03 04:05:06.000001").fraction);
    stamp = ReadStamp("9999-12-31 23:59:59.999999");
    EXPECT_EQ(9999, stamp.year);
    EXPECT_EQ(999999000u, stamp.fraction);
    stamp = ReadStamp("0001-01-01 00:00:00");
    EXPECT_EQ(1, stamp.year);
    EXPECT_EQ(29, ReadStamp("2000-02-29 12:00:00").day);
}

TEST(ConvertTimestampText, OtherFormsStillReachTheGeneralParser)
{
    SQL_TIMESTAMP_STRUCT stamp = ReadStamp("2001-02-03 04:05:06+00", TYPES_OID_TIMESTAMPTZ);
    EXPECT_EQ(4, stamp.hour);
    stamp = ReadStamp("2001-02-03 04:05:06.25-07:30", TYPES_OID_TIMESTAMPTZ);
    EXPECT_EQ(250000000u, stamp.fraction);
    stamp = ReadStamp("12345-06-07 08:09:10");
    EXPECT_EQ(12345, stamp.year);
    stamp = ReadStamp("2001-02-03T04:05:06");
    EXPECT_EQ(6, stamp.second);
    // A fraction longer than nine digits is cut (01S07 through the outcome).
    SQL_TIMESTAMP_STRUCT cut;
    Conversion c =
        ConvertFixed(Text(TYPES_OID_TIMESTAMP, "2001-02-03 04:05:06.1234567891"), SQL_C_TYPE_TIMESTAMP, &cut);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(123456789u, cut.fraction);
    EXPECT_TRUE(c.out.is_fraction_truncated);
}

TEST(ConvertTimestampText, ImpossibleFieldsAreRefusedWith22007)
{
    SQL_TIMESTAMP_STRUCT stamp;
    for (const char *bad : {"2001-02-29 00:00:00", "1900-02-29 00:00:00", "2001-13-01 00:00:00",
                            "2001-00-01 00:00:00", "2001-01-00 00:00:00", "0000-01-01 00:00:00",
                            "2001-01-01 24:00:00", "2001-01-01 00:60:00", "2001-01-01 00:00:60",
                            "2001-01-01 00:00:00.", "2001-01-01 00:00:00.1x", "2001-01-01 0a:00:00",
                            "2001-01-01 00:00:00 ", "2001/01/01 00:00:00"})
        EXPECT_EQ("22007", ConvertFixed(Text(TYPES_OID_TIMESTAMP, bad), SQL_C_TYPE_TIMESTAMP, &stamp)
                               .state())
            << bad;
}
