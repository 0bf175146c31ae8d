// Interval structs and ODBC interval values into each SQL type: fields
// moved into the SQL type's fields, a sign on every field, 22015.
#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

SQL_INTERVAL_STRUCT DaySecond(SQLINTERVAL type, unsigned day, unsigned hour, unsigned minute,
                              unsigned second, unsigned fraction = 0, bool is_negative = false)
{
    SQL_INTERVAL_STRUCT interval;
    std::memset(&interval, 0, sizeof interval);
    interval.interval_type = type;
    interval.interval_sign = is_negative ? SQL_TRUE : SQL_FALSE;
    interval.intval.day_second.day = day;
    interval.intval.day_second.hour = hour;
    interval.intval.day_second.minute = minute;
    interval.intval.day_second.second = second;
    interval.intval.day_second.fraction = fraction;
    return interval;
}

SQL_INTERVAL_STRUCT YearMonth(SQLINTERVAL type, unsigned year, unsigned month,
                              bool is_negative = false)
{
    SQL_INTERVAL_STRUCT interval;
    std::memset(&interval, 0, sizeof interval);
    interval.interval_type = type;
    interval.interval_sign = is_negative ? SQL_TRUE : SQL_FALSE;
    interval.intval.year_month.year = year;
    interval.intval.year_month.month = month;
    return interval;
}

TEST(FromCInterval, DayToSecondGoesWithAUnitPerField)
{
    Sent sent = Send(SQL_C_INTERVAL_DAY_TO_SECOND, DaySecond(SQL_IS_DAY_TO_SECOND, 154, 22, 44, 10),
                     {SQL_INTERVAL_DAY_TO_SECOND});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("154 days 22 hours 44 minutes 10 seconds", sent.text());
    EXPECT_EQ(TYPES_OID_INTERVAL, sent.encoding.type_oid);
    EXPECT_EQ(0, sent.encoding.format_code);
}

TEST(FromCInterval, NegativeIntervalSignsEveryField)
{
    Sent sent = Send(SQL_C_INTERVAL_DAY_TO_SECOND,
                     DaySecond(SQL_IS_DAY_TO_SECOND, 3, 4, 0, 5, 500000, true),
                     {SQL_INTERVAL_DAY_TO_SECOND});
    EXPECT_EQ("-3 days -4 hours -5.5 seconds", sent.text());
    EXPECT_EQ("-1 years -2 months",
              Send(SQL_C_INTERVAL_YEAR_TO_MONTH, YearMonth(SQL_IS_YEAR_TO_MONTH, 1, 2, true),
                   {SQL_INTERVAL_YEAR_TO_MONTH})
                  .text());
}

TEST(FromCInterval, FieldBelowTheSqlTypesLastIs22015)
{
    Sent sent = Send(SQL_C_INTERVAL_DAY_TO_SECOND, DaySecond(SQL_IS_DAY_TO_SECOND, 154, 22, 44, 10),
                     {SQL_INTERVAL_DAY_TO_MINUTE});
    EXPECT_EQ(-1, sent.rc);
    EXPECT_EQ("22015", sent.state());
    EXPECT_EQ("154 days 22 hours 44 minutes",
              Send(SQL_C_INTERVAL_DAY_TO_SECOND, DaySecond(SQL_IS_DAY_TO_SECOND, 154, 22, 44, 0),
                   {SQL_INTERVAL_DAY_TO_MINUTE})
                  .text());
    EXPECT_EQ("22015", Send(SQL_C_INTERVAL_MINUTE_TO_SECOND,
                            DaySecond(SQL_IS_MINUTE_TO_SECOND, 0, 0, 5, 0, 5),
                            {SQL_INTERVAL_HOUR_TO_MINUTE})
                           .state());
    EXPECT_EQ("1.000005 seconds", Send(SQL_C_INTERVAL_SECOND,
                                       DaySecond(SQL_IS_SECOND, 0, 0, 0, 1, 5),
                                       {SQL_INTERVAL_MINUTE_TO_SECOND})
                                      .text());
}

TEST(FromCInterval, LeadingFieldTakesWhatIsAboveIt)
{
    EXPECT_EQ("2 days 2 hours", Send(SQL_C_INTERVAL_HOUR, DaySecond(SQL_IS_HOUR, 0, 50, 0, 0),
                                     {SQL_INTERVAL_DAY_TO_HOUR})
                                    .text());
    EXPECT_EQ("3722 seconds", Send(SQL_C_INTERVAL_HOUR_TO_SECOND,
                                   DaySecond(SQL_IS_HOUR_TO_SECOND, 0, 1, 2, 2),
                                   {SQL_INTERVAL_SECOND})
                                  .text());
    EXPECT_EQ("18 months", Send(SQL_C_INTERVAL_YEAR_TO_MONTH, YearMonth(SQL_IS_YEAR_TO_MONTH, 1, 6),
                                {SQL_INTERVAL_MONTH})
                               .text());
    EXPECT_EQ("22015", Send(SQL_C_INTERVAL_YEAR_TO_MONTH, YearMonth(SQL_IS_YEAR_TO_MONTH, 1, 6),
                            {SQL_INTERVAL_YEAR})
                           .state());
    EXPECT_EQ("0 days", Send(SQL_C_INTERVAL_DAY, DaySecond(SQL_IS_DAY, 0, 0, 0, 0),
                             {SQL_INTERVAL_DAY_TO_SECOND})
                            .text());
}

TEST(FromCInterval, FieldOutOfItsRangeIs22015)
{
    EXPECT_EQ("22015", Send(SQL_C_INTERVAL_YEAR_TO_MONTH, YearMonth(SQL_IS_YEAR_TO_MONTH, 1, 12),
                            {SQL_INTERVAL_YEAR_TO_MONTH})
                           .state());
    EXPECT_EQ("22015", Send(SQL_C_INTERVAL_DAY_TO_HOUR, DaySecond(SQL_IS_DAY_TO_HOUR, 1, 24, 0, 0),
                            {SQL_VARCHAR})
                           .state());
    EXPECT_EQ("22015", Send(SQL_C_INTERVAL_SECOND, DaySecond(SQL_IS_SECOND, 0, 0, 0, 5, 1000000),
                            {SQL_INTERVAL_SECOND})
                           .state());
    // The leading field has no upper bound of its own.
    EXPECT_EQ("4294967295 hours", Send(SQL_C_INTERVAL_HOUR,
                                       DaySecond(SQL_IS_HOUR, 0, 4294967295u, 0, 0),
                                       {SQL_INTERVAL_HOUR})
                                      .text());
}

TEST(FromCInterval, CharacterTypesGetTheCTypesOwnFields)
{
    Sent sent = Send(SQL_C_INTERVAL_MINUTE_TO_SECOND,
                     DaySecond(SQL_IS_MINUTE_TO_SECOND, 0, 0, 90, 0, 250000, true), {SQL_VARCHAR});
    EXPECT_EQ("-90 minutes -0.25 seconds", sent.text());
    EXPECT_EQ(0u, sent.encoding.type_oid);
    EXPECT_EQ("5 days", Send(SQL_C_INTERVAL_DAY, DaySecond(SQL_IS_DAY, 5, 0, 0, 0), {SQL_CHAR})
                            .text());
}

TEST(FromCInterval, SingleFieldIntoExactNumericsIsTheSignedField)
{
    EXPECT_EQ((Bytes{0xff, 0xff, 0xff, 0xfb}),
              Send(SQL_C_INTERVAL_DAY, DaySecond(SQL_IS_DAY, 5, 0, 0, 0, 0, true), {SQL_INTEGER})
                  .bytes);
    EXPECT_EQ("10.5", Send(SQL_C_INTERVAL_SECOND, DaySecond(SQL_IS_SECOND, 0, 0, 0, 10, 500000),
                           {SQL_DECIMAL})
                          .text());
    EXPECT_EQ((Bytes{0, 10}),
              Send(SQL_C_INTERVAL_SECOND, DaySecond(SQL_IS_SECOND, 0, 0, 0, 10, 500000),
                   {SQL_SMALLINT})
                  .bytes);
    EXPECT_EQ("22003", Send(SQL_C_INTERVAL_YEAR, YearMonth(SQL_IS_YEAR, 40000, 0), {SQL_SMALLINT})
                           .state());
}

TEST(FromCInterval, OdbcIntervalValuesInTextAreRead)
{
    Sent sent = SendText(" -3 04:05:06.5 ", {SQL_INTERVAL_DAY_TO_SECOND});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("-3 days -4 hours -5 minutes -6.5 seconds", sent.text());
    EXPECT_EQ("1 years 6 months", SendText("1-6", {SQL_INTERVAL_YEAR_TO_MONTH}).text());
    EXPECT_EQ("5 days", SendText("5", {SQL_INTERVAL_DAY}).text());
    EXPECT_EQ("90 minutes 1.000001 seconds",
              SendWide(u"90:01.000001", {SQL_INTERVAL_MINUTE_TO_SECOND}).text());
    EXPECT_EQ("12 hours 30 minutes", SendText("+12:30", {SQL_INTERVAL_HOUR_TO_MINUTE}).text());
}

TEST(FromCInterval, BadIntervalTextIs22018AndFieldOverflowIs22015)
{
    EXPECT_EQ("22018", SendText("abc", {SQL_INTERVAL_DAY}).state());
    EXPECT_EQ("22018", SendText("1 day", {SQL_INTERVAL_DAY}).state());
    EXPECT_EQ("22018", SendText("3 04", {SQL_INTERVAL_DAY_TO_MINUTE}).state());
    EXPECT_EQ("22018", SendText("1.5", {SQL_INTERVAL_DAY}).state());
    EXPECT_EQ("22015", SendText("1-13", {SQL_INTERVAL_YEAR_TO_MONTH}).state());
    EXPECT_EQ("22015", SendText("3 24", {SQL_INTERVAL_DAY_TO_HOUR}).state());
    EXPECT_EQ("22015", SendText("1.0000001", {SQL_INTERVAL_SECOND}).state());
    EXPECT_EQ("22015", SendText("4294967296", {SQL_INTERVAL_DAY}).state());
}

}  // namespace
