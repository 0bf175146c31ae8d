// Date, time and timestamp structs and literals into each SQL type: the
// ISO text sent, BC years, leap days, the fraction's truncation to
// microseconds, and 22007 / 22008 / 22018.
#include <ctime>

#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

SQL_DATE_STRUCT Date(int year, int month, int day)
{
    SQL_DATE_STRUCT date;
    date.year = (SQLSMALLINT)year;
    date.month = (SQLUSMALLINT)month;
    date.day = (SQLUSMALLINT)day;
    return date;
}

SQL_TIME_STRUCT Time(int hour, int minute, int second)
{
    SQL_TIME_STRUCT time;
    time.hour = (SQLUSMALLINT)hour;
    time.minute = (SQLUSMALLINT)minute;
    time.second = (SQLUSMALLINT)second;
    return time;
}

SQL_TIMESTAMP_STRUCT Timestamp(int year, int month, int day, int hour, int minute, int second,
                               SQLUINTEGER fraction)
{
    SQL_TIMESTAMP_STRUCT timestamp;
    timestamp.year = (SQLSMALLINT)year;
    timestamp.month = (SQLUSMALLINT)month;
    timestamp.day = (SQLUSMALLINT)day;
    timestamp.hour = (SQLUSMALLINT)hour;
    timestamp.minute = (SQLUSMALLINT)minute;
    timestamp.second = (SQLUSMALLINT)second;
    timestamp.fraction = fraction;
    return timestamp;
}

TEST(FromCDatetime, DateStructGoesAsIsoText)
{
    Sent sent = Send(SQL_C_TYPE_DATE, Date(1, 1, 1), {SQL_TYPE_DATE});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("0001-01-01", sent.text());
    EXPECT_EQ(TYPES_OID_DATE, sent.encoding.type_oid);
    EXPECT_EQ(0, sent.encoding.format_code);
    EXPECT_EQ("9999-12-31", Send(SQL_C_TYPE_DATE, Date(9999, 12, 31), {SQL_TYPE_DATE}).text());
    EXPECT_EQ("2024-02-29", Send(SQL_C_DATE, Date(2024, 2, 29), {SQL_DATE}).text());
    EXPECT_EQ("2000-02-29", Send(SQL_C_TYPE_DATE, Date(2000, 2, 29), {SQL_CHAR}).text());
}

TEST(FromCDatetime, YearsBelowOneAreBeforeChrist)
{
    EXPECT_EQ("0001-01-01 BC", Send(SQL_C_TYPE_DATE, Date(0, 1, 1), {SQL_TYPE_DATE}).text());
    EXPECT_EQ("0044-03-15 BC", Send(SQL_C_TYPE_DATE, Date(-43, 3, 15), {SQL_TYPE_DATE}).text());
    EXPECT_EQ("0001-02-29 12:00:00 BC",
              Send(SQL_C_TYPE_TIMESTAMP, Timestamp(0, 2, 29, 12, 0, 0, 0), {SQL_TYPE_TIMESTAMP})
                  .text());
}

TEST(FromCDatetime, ImpossibleStructIs22007IntoDatesAnd22008IntoCharacters)
{
    Sent into_date = Send(SQL_C_TYPE_DATE, Date(2023, 2, 29), {SQL_TYPE_DATE});
    EXPECT_EQ(-1, into_date.rc);
    EXPECT_EQ("22007", into_date.state());
    EXPECT_EQ("22008", Send(SQL_C_TYPE_DATE, Date(2023, 2, 29), {SQL_VARCHAR}).state());
    EXPECT_EQ("22007", Send(SQL_C_TYPE_DATE, Date(1900, 2, 29), {SQL_TYPE_TIMESTAMP}).state());
    EXPECT_EQ("22007", Send(SQL_C_TYPE_DATE, Date(2024, 13, 1), {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22007", Send(SQL_C_TYPE_DATE, Date(2024, 4, 31), {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22007", Send(SQL_C_TYPE_TIME, Time(24, 0, 0), {SQL_TYPE_TIME}).state());
    EXPECT_EQ("22008", Send(SQL_C_TYPE_TIME, Time(23, 60, 0), {SQL_CHAR}).state());
    EXPECT_EQ("22007", Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 1, 1, 0, 0, 0, 1000000000),
                            {SQL_TYPE_TIMESTAMP})
                           .state());
}

TEST(FromCDatetime, TimestampFractionIsTruncatedToMicroseconds)
{
    Sent sent = Send(SQL_C_TYPE_TIMESTAMP, Timestamp(9999, 12, 31, 23, 59, 59, 999999999),
                     {SQL_TYPE_TIMESTAMP});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ("9999-12-31 23:59:59.999999", sent.text());
    EXPECT_EQ(TYPES_OID_TIMESTAMP, sent.encoding.type_oid);
    EXPECT_EQ("1992-12-31 23:45:55.12",
              Send(SQL_C_TIMESTAMP, Timestamp(1992, 12, 31, 23, 45, 55, 120000000), {SQL_TIMESTAMP})
                  .text());
    EXPECT_EQ("2024-02-29 00:00:00",
              Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 2, 29, 0, 0, 0, 999), {SQL_VARCHAR})
                  .text());
    EXPECT_EQ("2024-02-29 00:00:00.000001",
              Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 2, 29, 0, 0, 0, 1000), {SQL_VARCHAR})
                  .text());
}

TEST(FromCDatetime, TimestampIntoDateNeedsAZeroTime)
{
    EXPECT_EQ("2024-02-29", Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 2, 29, 0, 0, 0, 0),
                                 {SQL_TYPE_DATE})
                                .text());
    EXPECT_EQ("22008", Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 2, 29, 0, 0, 1, 0),
                            {SQL_TYPE_DATE})
                           .state());
    EXPECT_EQ("22008", Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 2, 29, 0, 0, 0, 1),
                            {SQL_TYPE_DATE})
                           .state());
}

TEST(FromCDatetime, TimestampIntoTimeIgnoresTheDateAndKeepsAFractionItsDigitsAllow)
{
    Sent sent = Send(SQL_C_TYPE_TIMESTAMP, Timestamp(0, 0, 0, 23, 59, 59, 999999000),
                     {SQL_TYPE_TIME, 15, 6});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("23:59:59.999999", sent.text());
    Sent no_digits = Send(SQL_C_TYPE_TIMESTAMP, Timestamp(0, 0, 0, 23, 59, 59, 500000000),
                          {SQL_TYPE_TIME});
    EXPECT_EQ(-1, no_digits.rc);
    EXPECT_STREQ("22008", no_digits.error.sqlstate);
    EXPECT_EQ(TYPES_OID_TIME, sent.encoding.type_oid);
    EXPECT_EQ("00:00:00", Send(SQL_C_TYPE_TIME, Time(0, 0, 0), {SQL_TIME}).text());
    EXPECT_EQ("13:05:09", Send(SQL_C_TYPE_TIME, Time(13, 5, 9), {SQL_WCHAR}).text());
}

TEST(FromCDatetime, DateIntoTimestampIsMidnightAndTimeTakesToday)
{
    EXPECT_EQ("2024-02-29 00:00:00",
              Send(SQL_C_TYPE_DATE, Date(2024, 2, 29), {SQL_TYPE_TIMESTAMP}).text());
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &local);
    Sent sent = Send(SQL_C_TYPE_TIME, Time(8, 30, 0), {SQL_TYPE_TIMESTAMP});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ(std::string(today) + " 08:30:00", sent.text());
}

TEST(FromCDatetime, DateLiteralsAreCheckedAndRewritten)
{
    Sent sent = SendText("  2024-02-29 ", {SQL_TYPE_DATE});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("2024-02-29", sent.text());
    EXPECT_EQ("2024-01-02", SendText("{d '2024-01-02'}", {SQL_TYPE_DATE}).text());
    EXPECT_EQ("2024-01-02", SendText("2024-1-2 00:00:00", {SQL_TYPE_DATE}).text());
    EXPECT_EQ("0001-01-01 BC", SendText("0000-01-01", {SQL_TYPE_DATE}).text());
    EXPECT_EQ("2024-01-02", SendWide(u"2024-01-02", {SQL_TYPE_DATE}).text());
    EXPECT_EQ("22018", SendText("2024-02-30", {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22018", SendText("2023-02-29", {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22018", SendText("24-01-02", {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22018", SendText("10:11:12", {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22018", SendText("yesterday", {SQL_TYPE_DATE}).state());
    EXPECT_EQ("22008", SendText("2024-01-02 10:00:00", {SQL_TYPE_DATE}).state());
    EXPECT_EQ("infinity", SendText("Infinity", {SQL_TYPE_DATE}).text());
    EXPECT_EQ("-infinity", SendText("-infinity", {SQL_TYPE_TIMESTAMP}).text());
    EXPECT_EQ("22018", SendText("infinity", {SQL_TYPE_TIME}).state());
}

TEST(FromCDatetime, TimeAndTimestampLiteralsAreCheckedAndRewritten)
{
    EXPECT_EQ("01:02:03", SendText("1:2:3", {SQL_TYPE_TIME}).text());
    EXPECT_EQ("23:59:59.999999", SendText("23:59:59.9999999", {SQL_TYPE_TIME}).text());
    EXPECT_EQ("10:11:12", SendText("{ts '2024-01-02 10:11:12'}", {SQL_TYPE_TIME}).text());
    EXPECT_EQ("22018", SendText("24:00:00", {SQL_TYPE_TIME}).state());
    EXPECT_EQ("22018", SendText("2024-01-02", {SQL_TYPE_TIME}).state());
    EXPECT_EQ("2024-01-02 10:11:12.5",
              SendText("2024-01-02T10:11:12.500", {SQL_TYPE_TIMESTAMP}).text());
    EXPECT_EQ("2024-01-02 00:00:00", SendText("2024-01-02", {SQL_TYPE_TIMESTAMP}).text());
    EXPECT_EQ("22018", SendText("2024-01-02 10:11", {SQL_TYPE_TIMESTAMP}).state());
    EXPECT_EQ("22018", SendText("2024-01-02 10:11:12.", {SQL_TYPE_TIMESTAMP}).state());
    EXPECT_EQ("22018", SendText("{x '2024-01-02'}", {SQL_TYPE_TIMESTAMP}).state());
}

TEST(FromCDatetime, DatetimeStructsConvertToCharactersDatesAndTimesOnly)
{
    EXPECT_EQ("07006", Send(SQL_C_TYPE_DATE, Date(2024, 1, 1), {SQL_INTEGER}).state());
    EXPECT_EQ("07006", Send(SQL_C_TYPE_TIME, Time(1, 2, 3), {SQL_TYPE_DATE}).state());
    EXPECT_EQ("07006", Send(SQL_C_TYPE_DATE, Date(2024, 1, 1), {SQL_TYPE_TIME}).state());
    EXPECT_EQ("07006", Send(SQL_C_TYPE_TIMESTAMP, Timestamp(2024, 1, 1, 0, 0, 0, 0),
                            {SQL_VARBINARY})
                           .state());
}

}  // namespace
