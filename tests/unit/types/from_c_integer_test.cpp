// Integer and bit C types into each SQL type: exact network-order bytes,
// text forms, and 22003 at every boundary.
#include <climits>

#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

TEST(FromCInteger, Int32BoundariesAreSentAsBigEndianInt4)
{
    SQLINTEGER minimum = INT32_MIN;
    Sent low = Send(SQL_C_SLONG, minimum, {SQL_INTEGER});
    ASSERT_EQ(0, low.rc) << low.error.message;
    EXPECT_EQ((Bytes{0x80, 0x00, 0x00, 0x00}), low.bytes);
    SQLINTEGER maximum = INT32_MAX;
    Sent high = Send(SQL_C_SLONG, maximum, {SQL_INTEGER});
    EXPECT_EQ((Bytes{0x7f, 0xff, 0xff, 0xff}), high.bytes);
    SQLINTEGER zero = 0;
    EXPECT_EQ((Bytes{0, 0, 0, 0}), Send(SQL_C_LONG, zero, {SQL_INTEGER}).bytes);
    SQLINTEGER minus_one = -1;
    EXPECT_EQ((Bytes{0xff, 0xff, 0xff, 0xff}), Send(SQL_C_SLONG, minus_one, {SQL_INTEGER}).bytes);
}

TEST(FromCInteger, Int64MinimumIsSentAsInt8)
{
    SQLBIGINT minimum = INT64_MIN;
    Sent sent = Send(SQL_C_SBIGINT, minimum, {SQL_BIGINT});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0x80, 0, 0, 0, 0, 0, 0, 0}), sent.bytes);
    EXPECT_EQ(TYPES_OID_INT8, sent.encoding.type_oid);
    EXPECT_EQ(1, sent.encoding.format_code);
}

TEST(FromCInteger, ValueBeyondTheSqlTypeIs22003)
{
    SQLBIGINT three_billion = 3000000000LL;
    Sent sent = Send(SQL_C_SBIGINT, three_billion, {SQL_INTEGER});
    EXPECT_EQ(-1, sent.rc);
    EXPECT_EQ("22003", sent.state());
    SQLBIGINT int32_max_plus_one = (SQLBIGINT)INT32_MAX + 1;
    EXPECT_EQ("22003", Send(SQL_C_SBIGINT, int32_max_plus_one, {SQL_INTEGER}).state());
    SQLUINTEGER big = 40000;
    EXPECT_EQ("22003", Send(SQL_C_ULONG, big, {SQL_SMALLINT}).state());
    EXPECT_EQ("22003", Send(SQL_C_ULONG, big, {SQL_TINYINT}).state());
    SQLUBIGINT huge = UINT64_MAX;
    EXPECT_EQ("22003", Send(SQL_C_UBIGINT, huge, {SQL_BIGINT}).state());
}

TEST(FromCInteger, SmallintAndTinyintTravelAsInt2)
{
    SQLSMALLINT minimum = INT16_MIN;
    Sent sent = Send(SQL_C_SSHORT, minimum, {SQL_SMALLINT});
    EXPECT_EQ((Bytes{0x80, 0x00}), sent.bytes);
    EXPECT_EQ(TYPES_OID_INT2, sent.encoding.type_oid);
    SQLCHAR unsigned_byte = 200;
    Sent tiny = Send(SQL_C_UTINYINT, unsigned_byte, {SQL_TINYINT});
    ASSERT_EQ(0, tiny.rc);
    EXPECT_EQ((Bytes{0x00, 0xc8}), tiny.bytes);
    SQLSCHAR signed_byte = -128;
    EXPECT_EQ((Bytes{0xff, 0x80}), Send(SQL_C_STINYINT, signed_byte, {SQL_SMALLINT}).bytes);
}

TEST(FromCInteger, UnsignedBigintFitsBigintUpToInt64Max)
{
    SQLUBIGINT value = (SQLUBIGINT)INT64_MAX;
    Sent sent = Send(SQL_C_UBIGINT, value, {SQL_BIGINT});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), sent.bytes);
    SQLUBIGINT max = UINT64_MAX;
    Sent text = Send(SQL_C_UBIGINT, max, {SQL_VARCHAR});
    EXPECT_EQ("18446744073709551615", text.text());
    Sent decimal = Send(SQL_C_UBIGINT, max, {SQL_DECIMAL});
    EXPECT_EQ("18446744073709551615", decimal.text());
}

TEST(FromCInteger, TextFormsAreDecimalDigits)
{
    SQLINTEGER minimum = INT32_MIN;
    Sent sent = Send(SQL_C_SLONG, minimum, {SQL_CHAR});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ("-2147483648", sent.text());
    EXPECT_EQ(0u, sent.encoding.type_oid);
    EXPECT_EQ(0, sent.encoding.format_code);
    SQLBIGINT minimum64 = INT64_MIN;
    EXPECT_EQ("-9223372036854775808", Send(SQL_C_SBIGINT, minimum64, {SQL_NUMERIC}).text());
    SQLSMALLINT zero = 0;
    EXPECT_EQ("0", Send(SQL_C_SHORT, zero, {SQL_WVARCHAR}).text());
}

TEST(FromCInteger, FloatSqlTypesGetTheValueAsIeeeBigEndian)
{
    SQLINTEGER value = -3;
    EXPECT_EQ(DoubleBytes(-3.0), Send(SQL_C_SLONG, value, {SQL_DOUBLE}).bytes);
    EXPECT_EQ(FloatBytes(-3.0f), Send(SQL_C_SLONG, value, {SQL_REAL}).bytes);
    SQLBIGINT big = INT64_MAX;
    EXPECT_EQ(DoubleBytes(9223372036854775807.0), Send(SQL_C_SBIGINT, big, {SQL_FLOAT}).bytes);
}

TEST(FromCInteger, BitSqlTypeTakesZeroAndOneOnly)
{
    SQLINTEGER one = 1;
    Sent sent = Send(SQL_C_SLONG, one, {SQL_BIT});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{1}), sent.bytes);
    EXPECT_EQ(TYPES_OID_BOOL, sent.encoding.type_oid);
    SQLINTEGER zero = 0;
    EXPECT_EQ((Bytes{0}), Send(SQL_C_SLONG, zero, {SQL_BIT}).bytes);
    SQLINTEGER two = 2;
    EXPECT_EQ("22003", Send(SQL_C_SLONG, two, {SQL_BIT}).state());
    SQLINTEGER minus_one = -1;
    EXPECT_EQ("22003", Send(SQL_C_SLONG, minus_one, {SQL_BIT}).state());
}

TEST(FromCInteger, CBitOtherThanZeroOrOneIs22003)
{
    SQLCHAR one = 1;
    EXPECT_EQ((Bytes{1}), Send(SQL_C_BIT, one, {SQL_BIT}).bytes);
    EXPECT_EQ((Bytes{0, 0, 0, 1}), Send(SQL_C_BIT, one, {SQL_INTEGER}).bytes);
    EXPECT_EQ("1", Send(SQL_C_BIT, one, {SQL_CHAR}).text());
    SQLCHAR two = 2;
    EXPECT_EQ("22003", Send(SQL_C_BIT, two, {SQL_BIT}).state());
    EXPECT_EQ("22003", Send(SQL_C_BIT, two, {SQL_INTEGER}).state());
}

TEST(FromCInteger, SingleFieldIntervalTakesTheNumberAsItsField)
{
    SQLINTEGER days = -5;
    Sent sent = Send(SQL_C_SLONG, days, {SQL_INTERVAL_DAY});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("-5 days", sent.text());
    EXPECT_EQ(TYPES_OID_INTERVAL, sent.encoding.type_oid);
    SQLSMALLINT months = 14;
    EXPECT_EQ("14 months", Send(SQL_C_SSHORT, months, {SQL_INTERVAL_MONTH}).text());
    SQLSMALLINT zero = 0;
    EXPECT_EQ("0 seconds", Send(SQL_C_SSHORT, zero, {SQL_INTERVAL_SECOND}).text());
}

}  // namespace
