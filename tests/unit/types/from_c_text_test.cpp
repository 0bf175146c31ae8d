// SQL_C_CHAR and SQL_C_WCHAR into each SQL type: bytes passed through,
// UTF-16 to UTF-8, numeric literals, hex digits, and each SQLSTATE.
#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

TEST(FromCText, CharacterTypesGetTheBytesUnchangedAsUnknown)
{
    Sent sent = SendText("h\xc3\xa9llo 'x'", {SQL_VARCHAR, 5});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ("h\xc3\xa9llo 'x'", sent.text());
    EXPECT_EQ(0u, sent.encoding.type_oid);
    EXPECT_EQ(0, sent.encoding.format_code);
    EXPECT_EQ("", SendText("", {SQL_CHAR}).text());
    EXPECT_EQ("  42 ", SendText("  42 ", {SQL_UNKNOWN_TYPE}).text());
}

TEST(FromCText, NulByteInTextIs22018)
{
    std::string text("ab\0cd", 5);
    Sent sent = SendText(text, {SQL_VARCHAR});
    EXPECT_EQ(-1, sent.rc);
    EXPECT_EQ("22018", sent.state());
    EXPECT_EQ("22018", SendWide(std::u16string(u"ab\0c", 4), {SQL_WVARCHAR}).state());
}

TEST(FromCText, WideTextBecomesUtf8WithSurrogatePairsJoined)
{
    Sent sent = SendWide(u"h\u00e9\u20ac\U0001F600!", {SQL_WVARCHAR});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ("h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80!", sent.text());
}

TEST(FromCText, LoneSurrogateAndOddByteCountAre22018)
{
    std::u16string high_alone;
    high_alone.push_back(u'a');
    high_alone.push_back((char16_t)0xD83D);
    EXPECT_EQ("22018", SendWide(high_alone, {SQL_VARCHAR}).state());
    std::u16string low_first;
    low_first.push_back((char16_t)0xDE00);
    low_first.push_back((char16_t)0xD83D);
    EXPECT_EQ("22018", SendWide(low_first, {SQL_VARCHAR}).state());
    char16_t units[2] = {u'a', u'b'};
    EXPECT_EQ("22018", SendRaw(SQL_C_WCHAR, units, 3, {SQL_VARCHAR}).state());
}

TEST(FromCText, IntegerLiteralWithBlanksIsSentAsInt4)
{
    Sent sent = SendText("  42 ", {SQL_INTEGER});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ((Bytes{0, 0, 0, 42}), sent.bytes);
    EXPECT_EQ(TYPES_OID_INT4, sent.encoding.type_oid);
    EXPECT_EQ(1, sent.encoding.format_code);
    EXPECT_EQ((Bytes{0xff, 0xff, 0xff, 0xf9}), SendText("-7", {SQL_INTEGER}).bytes);
    EXPECT_EQ((Bytes{0, 0, 0x03, 0xe8}), SendText("1e3", {SQL_INTEGER}).bytes);
    EXPECT_EQ((Bytes{0, 0, 0, 12}), SendText("12.000", {SQL_INTEGER}).bytes);
    EXPECT_EQ((Bytes{0x80, 0, 0, 0, 0, 0, 0, 0}),
              SendText("-9223372036854775808", {SQL_BIGINT}).bytes);
    EXPECT_EQ((Bytes{0, 7}), SendWide(u" 7", {SQL_SMALLINT}).bytes);
}

TEST(FromCText, TextThatIsNotANumberIs22018)
{
    EXPECT_EQ("22018", SendText("12a", {SQL_INTEGER}).state());
    EXPECT_EQ("22018", SendText("", {SQL_INTEGER}).state());
    EXPECT_EQ("22018", SendText("1 2", {SQL_INTEGER}).state());
    EXPECT_EQ("22018", SendText("NaN", {SQL_INTEGER}).state());
    EXPECT_EQ("22018", SendText("0x10", {SQL_BIGINT}).state());
    EXPECT_EQ("22018", SendText("abc", {SQL_DECIMAL}).state());
    EXPECT_EQ("22018", SendText("1.5.2", {SQL_DOUBLE}).state());
}

TEST(FromCText, FractionIntoAnIntegerIs22001AndRangeIs22003)
{
    EXPECT_EQ("22001", SendText("12.5", {SQL_INTEGER}).state());
    EXPECT_EQ("22003", SendText("3000000000", {SQL_INTEGER}).state());
    EXPECT_EQ("22003", SendText("9223372036854775808", {SQL_BIGINT}).state());
    EXPECT_EQ("22003", SendText("1e30", {SQL_BIGINT}).state());
}

TEST(FromCText, DecimalTypesGetTheTrimmedTextItself)
{
    Sent sent = SendText(" -1234.5600 ", {SQL_DECIMAL});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ("-1234.5600", sent.text());
    EXPECT_EQ(TYPES_OID_NUMERIC, sent.encoding.type_oid);
    std::string long_number = "0." + std::string(200, '1');
    EXPECT_EQ(long_number, SendText(long_number, {SQL_NUMERIC}).text());
    EXPECT_EQ("1e3", SendText("1e3", {SQL_NUMERIC}).text());
    EXPECT_EQ("NaN", SendText("nan", {SQL_NUMERIC}).text());
    EXPECT_EQ("-Infinity", SendText("-inf", {SQL_NUMERIC}).text());
    EXPECT_EQ(".5", SendWide(u"  .5  ", {SQL_NUMERIC}).text());
}

TEST(FromCText, FloatTypesReadTheLiteralCorrectlyRounded)
{
    EXPECT_EQ(DoubleBytes(0.1), SendText("0.1", {SQL_DOUBLE}).bytes);
    EXPECT_EQ(DoubleBytes(-1.5e-300), SendText(" -1.5E-300", {SQL_FLOAT}).bytes);
    EXPECT_EQ(FloatBytes(3.4e38f), SendText("3.4e38", {SQL_REAL}).bytes);
    EXPECT_EQ("22003", SendText("1e39", {SQL_REAL}).state());
    EXPECT_EQ("22003", SendText("1e400", {SQL_DOUBLE}).state());
    Sent nan = SendText("NaN", {SQL_DOUBLE});
    ASSERT_EQ(0, nan.rc);
    EXPECT_EQ(0x7f, nan.bytes[0]);
    EXPECT_EQ(DoubleBytes(9007199254740994.0),
              SendText("9007199254740993" + std::string(70, '0') + "1e-71", {SQL_DOUBLE}).bytes);
}

TEST(FromCText, BitFollowsTheCharacterTable)
{
    EXPECT_EQ((Bytes{0}), SendText("0", {SQL_BIT}).bytes);
    EXPECT_EQ((Bytes{1}), SendText(" 1 ", {SQL_BIT}).bytes);
    EXPECT_EQ((Bytes{1}), SendText("1.0", {SQL_BIT}).bytes);
    EXPECT_EQ("22001", SendText("0.5", {SQL_BIT}).state());
    EXPECT_EQ("22001", SendText("1.5", {SQL_BIT}).state());
    EXPECT_EQ("22003", SendText("2", {SQL_BIT}).state());
    EXPECT_EQ("22003", SendText("-1", {SQL_BIT}).state());
    EXPECT_EQ("22018", SendText("true", {SQL_BIT}).state());
}

TEST(FromCText, BinaryTypesReadHexDigits)
{
    Sent sent = SendText("0A1bfF00", {SQL_VARBINARY});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0x0a, 0x1b, 0xff, 0x00}), sent.bytes);
    EXPECT_EQ(TYPES_OID_BYTEA, sent.encoding.type_oid);
    EXPECT_EQ(1, sent.encoding.format_code);
    EXPECT_EQ((Bytes{0xde, 0xad}), SendWide(u"DEAD", {SQL_LONGVARBINARY}).bytes);
    EXPECT_EQ(Bytes{}, SendText("", {SQL_BINARY}).bytes);
    EXPECT_EQ("22018", SendText("0A1", {SQL_VARBINARY}).state());
    EXPECT_EQ("22018", SendText("0G", {SQL_VARBINARY}).state());
    EXPECT_EQ("22018", SendWide(u"0x", {SQL_VARBINARY}).state());
    EXPECT_EQ("22001", SendText("0A0B", {SQL_BINARY, 1}).state());
    EXPECT_EQ((Bytes{0x0a, 0x0b}), SendText("0A0B", {SQL_VARBINARY, 1}).bytes);
}

}  // namespace
