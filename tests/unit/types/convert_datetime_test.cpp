// types/to_c_datetime.c and to_c_interval.c: "SQL to C: Date", "Time",
// "Timestamp" and the interval tables, text and binary forms.
#include <gtest/gtest.h>

#include "convert_support.h"

namespace pgo_types_test {
namespace {

constexpr uint32_t kTimetz = 1266;
constexpr uint32_t kInterval = 1186;

TEST(ConvertDatetime, TimestampTextIntoEveryStruct)
{
    Source value = Text(TYPES_OID_TIMESTAMP, "2024-02-29 13:45:07.123456");
    SQL_TIMESTAMP_STRUCT stamp;
    Conversion c = ConvertFixed(value, SQL_C_TYPE_TIMESTAMP, &stamp);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(2024, stamp.year);
    EXPECT_EQ(2, stamp.month);
    EXPECT_EQ(29, stamp.day);
    EXPECT_EQ(13, stamp.hour);
    EXPECT_EQ(45, stamp.minute);
    EXPECT_EQ(7, stamp.second);
    EXPECT_EQ(123456000u, stamp.fraction);
    EXPECT_FALSE(c.out.is_fraction_truncated);
    EXPECT_EQ(static_cast<SQLLEN>(sizeof stamp), c.out.indicator);
    SQL_DATE_STRUCT date;
    c = ConvertFixed(value, SQL_C_TYPE_DATE, &date);
    ASSERT_EQ(0, c.rc);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ(29, date.day);
    SQL_TIME_STRUCT time;
    c = ConvertFixed(value, SQL_C_TIME, &time); // ODBC 2 code
    ASSERT_EQ(0, c.rc);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ(7, time.second);
    c = ConvertFixed(Text(TYPES_OID_TIMESTAMP, "2024-02-29 00:00:00"), SQL_C_DATE, &date);
    ASSERT_EQ(0, c.rc);
    EXPECT_FALSE(c.out.is_fraction_truncated);
}

TEST(ConvertDatetime, TimestamptzKeepsTheSessionLocalTime)
{
    SQL_TIMESTAMP_STRUCT stamp;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_TIMESTAMPTZ, "2024-01-02 03:04:05+05:30"),
                              SQL_C_TYPE_TIMESTAMP, &stamp).rc);
    EXPECT_EQ(3, stamp.hour);
    EXPECT_EQ(4, stamp.minute);
}

TEST(ConvertDatetime, InfinityIs22007AndBcIsAstronomical)
{
    SQL_DATE_STRUCT date;
    EXPECT_EQ("22007", ConvertFixed(Text(TYPES_OID_DATE, "infinity"), SQL_C_TYPE_DATE, &date).state());
    SQL_TIMESTAMP_STRUCT stamp;
    EXPECT_EQ("22007", ConvertFixed(Text(TYPES_OID_TIMESTAMP, "-infinity"), SQL_C_TYPE_TIMESTAMP, &stamp).state());
    char text[16];
    Conversion c = Convert(Text(TYPES_OID_DATE, "infinity"), SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("infinity", text);
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_DATE, "0044-03-15 BC"), SQL_C_TYPE_DATE, &date).rc);
    EXPECT_EQ(-43, date.year);
    EXPECT_EQ(3, date.month);
    EXPECT_EQ("22008", ConvertFixed(Text(TYPES_OID_DATE, "40000-01-01"), SQL_C_TYPE_DATE, &date).state());
    EXPECT_EQ("22007", ConvertFixed(Text(TYPES_OID_DATE, "15/03/2024"), SQL_C_TYPE_DATE, &date).state());
}

TEST(ConvertDatetime, RestrictedPairs)
{
    SQL_DATE_STRUCT date;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_TIME, "12:00:00"), SQL_C_TYPE_DATE, &date).state());
    SQL_TIME_STRUCT time;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_DATE, "2024-01-01"), SQL_C_TYPE_TIME, &time).state());
    SQLINTEGER slong;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_DATE, "2024-01-01"), SQL_C_SLONG, &slong).state());
}

TEST(ConvertDatetime, TimeIntoTimestampTakesToday)
{
    SQL_TIMESTAMP_STRUCT stamp;
    Conversion c = ConvertFixed(Text(TYPES_OID_TIME, "08:30:00.5"), SQL_C_TYPE_TIMESTAMP, &stamp);
    ASSERT_EQ(0, c.rc);
    EXPECT_GE(stamp.year, 2024);
    EXPECT_EQ(8, stamp.hour);
    EXPECT_EQ(500000000u, stamp.fraction);
    SQL_TIME_STRUCT time;
    c = ConvertFixed(Text(kTimetz, "08:30:00+02"), SQL_C_TYPE_TIME, &time);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(8, time.hour);
    EXPECT_FALSE(c.out.is_fraction_truncated);
}

TEST(ConvertDatetime, CharacterMinimumAndFractionTruncation)
{
    Source value = Text(TYPES_OID_TIMESTAMP, "2024-02-29 13:45:07.25");
    char short_buffer[19];
    EXPECT_EQ("22003", Convert(value, SQL_C_CHAR, short_buffer, sizeof short_buffer).state());
    char cut[21];
    Conversion c = Convert(value, SQL_C_CHAR, cut, sizeof cut);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("2024-02-29 13:45:07.", cut);
    EXPECT_TRUE(c.out.is_truncated);
    EXPECT_EQ(22, c.out.indicator);
    char date_buffer[10];
    EXPECT_EQ("22003", Convert(Text(TYPES_OID_DATE, "2024-02-29"), SQL_C_CHAR, date_buffer, 10).state());
}

TEST(ConvertDatetime, BinaryFormsAgainstKnownImages)
{
    SQL_DATE_STRUCT date;
    // 2000-01-01 + 8825 days = 2024-02-29
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_DATE, BigEndian(8825, 4)), SQL_C_TYPE_DATE, &date).rc);
    EXPECT_EQ(2024, date.year);
    EXPECT_EQ(2, date.month);
    EXPECT_EQ(29, date.day);
    // -1 day = 1999-12-31
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_DATE, BigEndian(0xffffffffu, 4)), SQL_C_TYPE_DATE, &date).rc);
    EXPECT_EQ(1999, date.year);
    EXPECT_EQ(31, date.day);
    EXPECT_EQ("22007", ConvertFixed(Binary(TYPES_OID_DATE, BigEndian(0x7fffffffu, 4)), SQL_C_TYPE_DATE, &date).state());
    char text[40];
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_DATE, BigEndian(0x7fffffffu, 4)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("infinity", text);
    // timestamp: 2000-01-01 00:00:01.5 = 1500000 us
    SQL_TIMESTAMP_STRUCT stamp;
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_TIMESTAMP, BigEndian(1500000, 8)), SQL_C_TYPE_TIMESTAMP, &stamp).rc);
    EXPECT_EQ(2000, stamp.year);
    EXPECT_EQ(1, stamp.second);
    EXPECT_EQ(500000000u, stamp.fraction);
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_TIMESTAMP, BigEndian(1500000, 8)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("2000-01-01 00:00:01.5", text);
    // one microsecond before 2000: 1999-12-31 23:59:59.999999
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_TIMESTAMP, BigEndian(static_cast<uint64_t>(-1), 8)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("1999-12-31 23:59:59.999999", text);
    // time 13:00:00 = 46800000000 us
    SQL_TIME_STRUCT time;
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_TIME, BigEndian(46800000000ull, 8)), SQL_C_TYPE_TIME, &time).rc);
    EXPECT_EQ(13, time.hour);
    // 0001-01-01 BC (year 0, leap): 730119 + 366 days before 2000
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_DATE, BigEndian(static_cast<uint32_t>(-730485), 4)), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("0001-01-01 BC", text);
}

TEST(ConvertInterval, DayTimeAndYearMonthStructs)
{
    SQL_INTERVAL_STRUCT interval;
    Conversion c = ConvertFixed(Text(kInterval, "3 days 04:05:06.5"), SQL_C_INTERVAL_DAY_TO_SECOND, &interval);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(SQL_IS_DAY_TO_SECOND, interval.interval_type);
    EXPECT_EQ(SQL_FALSE, interval.interval_sign);
    EXPECT_EQ(3u, interval.intval.day_second.day);
    EXPECT_EQ(4u, interval.intval.day_second.hour);
    EXPECT_EQ(5u, interval.intval.day_second.minute);
    EXPECT_EQ(6u, interval.intval.day_second.second);
    EXPECT_EQ(500000u, interval.intval.day_second.fraction);
    c = ConvertFixed(Text(kInterval, "3 days 04:05:06.5"), SQL_C_INTERVAL_HOUR, &interval);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(76u, interval.intval.day_second.hour);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    c = ConvertFixed(Text(kInterval, "-01:30:00"), SQL_C_INTERVAL_MINUTE, &interval);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(SQL_TRUE, interval.interval_sign);
    EXPECT_EQ(90u, interval.intval.day_second.minute);
    c = ConvertFixed(Text(kInterval, "1 year 2 mons"), SQL_C_INTERVAL_YEAR_TO_MONTH, &interval);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(1u, interval.intval.year_month.year);
    EXPECT_EQ(2u, interval.intval.year_month.month);
    EXPECT_EQ("22015", ConvertFixed(Text(kInterval, "1 mon 2 days"), SQL_C_INTERVAL_DAY, &interval).state());
    EXPECT_EQ("22015", ConvertFixed(Text(kInterval, "2 days"), SQL_C_INTERVAL_YEAR, &interval).state());
}

TEST(ConvertInterval, BinaryAndSingleFieldNumbers)
{
    // 1 mon 2 days 00:00:03: microseconds, days, months
    std::vector<unsigned char> image = BigEndian(3000000, 8);
    std::vector<unsigned char> days = BigEndian(2, 4);
    std::vector<unsigned char> months = BigEndian(1, 4);
    image.insert(image.end(), days.begin(), days.end());
    image.insert(image.end(), months.begin(), months.end());
    char text[64];
    ASSERT_EQ(0, Convert(Binary(kInterval, image), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("1 mon 2 days 00:00:03", text);
    // INTERVAL DAY: range mask 1 << 3 in the type modifier
    SQLINTEGER slong = 0;
    Conversion c = ConvertFixed(Text(kInterval, "5 days", (8 << 16) | 0xffff), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(5, slong);
    EXPECT_EQ("22015", ConvertFixed(Text(kInterval, "5 days"), SQL_C_SLONG, &slong).state());
    SQLDOUBLE real;
    EXPECT_EQ("07006", ConvertFixed(Text(kInterval, "5 days"), SQL_C_DOUBLE, &real).state());
}

TEST(ConvertInterval, NumbersIntoSingleFieldIntervals)
{
    SQL_INTERVAL_STRUCT interval;
    Conversion c = ConvertFixed(Text(TYPES_OID_NUMERIC, "-12.25"), SQL_C_INTERVAL_SECOND, &interval);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(SQL_TRUE, interval.interval_sign);
    EXPECT_EQ(12u, interval.intval.day_second.second);
    EXPECT_EQ(250000u, interval.intval.day_second.fraction);
    c = ConvertFixed(Text(TYPES_OID_INT4, "7"), SQL_C_INTERVAL_DAY, &interval);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(7u, interval.intval.day_second.day);
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_INT4, "7"), SQL_C_INTERVAL_DAY_TO_HOUR, &interval).state());
}

} // namespace
} // namespace pgo_types_test
