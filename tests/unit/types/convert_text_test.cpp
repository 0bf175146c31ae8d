// types/to_c_text.c, to_c_binary.c, to_c_guid.c: character pieces (CHAR
// and WCHAR, 01004 with the length of the rest), surrogate pairs, text read
// as literals of the target type, bytea and uuid.
#include <gtest/gtest.h>

#include "convert_support.h"

namespace pgo_types_test {
namespace {

TEST(ConvertCharacter, CharPiecesReportTheRestAndFinish)
{
    Source value = Text(TYPES_OID_TEXT, "abcdefghij");
    char piece[5];
    Conversion c = Convert(value, SQL_C_CHAR, piece, sizeof piece);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("abcd", piece);
    EXPECT_TRUE(c.out.is_truncated);
    EXPECT_EQ(10, c.out.indicator);
    EXPECT_FALSE(c.piece.is_done);
    c = Convert(value, SQL_C_CHAR, piece, sizeof piece, c.piece);
    EXPECT_STREQ("efgh", piece);
    EXPECT_EQ(6, c.out.indicator);
    c = Convert(value, SQL_C_CHAR, piece, sizeof piece, c.piece);
    EXPECT_STREQ("ij", piece);
    EXPECT_EQ(2, c.out.indicator);
    EXPECT_FALSE(c.out.is_truncated);
    EXPECT_TRUE(c.piece.is_done);
}

TEST(ConvertCharacter, NullBufferAsksOnlyForTheLength)
{
    Conversion c = Convert(Text(TYPES_OID_VARCHAR, "hello"), SQL_C_CHAR, nullptr, 0);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(5, c.out.indicator);
    EXPECT_EQ(0u, c.piece.offset);
}

TEST(ConvertCharacter, EmptyValueIsOneEmptyPiece)
{
    char piece[4] = "xyz";
    Conversion c = Convert(Text(TYPES_OID_TEXT, ""), SQL_C_CHAR, piece, sizeof piece);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("", piece);
    EXPECT_EQ(0, c.out.indicator);
    EXPECT_TRUE(c.piece.is_done);
}

TEST(ConvertCharacter, WideCharsNeverSplitASurrogatePair)
{
    // "a" U+1F600 "b": UTF-16 a, D83D DE00, b = 4 units
    Source value = Text(TYPES_OID_TEXT, "a\xf0\x9f\x98\x80" "b");
    SQLWCHAR piece[3]; // room for 2 units + terminator
    Conversion c = Convert(value, SQL_C_WCHAR, piece, sizeof piece);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(8, c.out.indicator);
    EXPECT_TRUE(c.out.is_truncated);
    EXPECT_EQ(u'a', piece[0]);
    EXPECT_EQ(0, piece[1]); // the pair did not fit whole
    c = Convert(value, SQL_C_WCHAR, piece, sizeof piece, c.piece);
    EXPECT_EQ(6, c.out.indicator);
    EXPECT_EQ(0xD83D, piece[0]);
    EXPECT_EQ(0xDE00, piece[1]);
    EXPECT_EQ(0, piece[2]);
    c = Convert(value, SQL_C_WCHAR, piece, sizeof piece, c.piece);
    EXPECT_EQ(2, c.out.indicator);
    EXPECT_EQ(u'b', piece[0]);
    EXPECT_TRUE(c.piece.is_done);
}

TEST(ConvertCharacter, WideOfAnAsciiFormCountsUnits)
{
    SQLWCHAR wide[4];
    Conversion c = Convert(Text(TYPES_OID_INT4, "12345"), SQL_C_WCHAR, wide, sizeof wide);
    EXPECT_EQ("22003", c.state()); // 3 characters cannot hold 5 whole digits
    SQLWCHAR enough[8];
    c = Convert(Text(TYPES_OID_INT4, "12345"), SQL_C_WCHAR, enough, sizeof enough);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(10, c.out.indicator);
    EXPECT_EQ(u'1', enough[0]);
    EXPECT_EQ(u'5', enough[4]);
    EXPECT_EQ(0, enough[5]);
}

TEST(ConvertCharacter, TextReadAsNumbers)
{
    SQLINTEGER slong = 0;
    Conversion c = ConvertFixed(Text(TYPES_OID_BPCHAR, "  42   "), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc) << c.error.message;
    EXPECT_EQ(42, slong);
    c = ConvertFixed(Text(TYPES_OID_TEXT, "3.99"), SQL_C_SLONG, &slong);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(3, slong);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_TEXT, "forty"), SQL_C_SLONG, &slong).state());
    EXPECT_EQ("22003", ConvertFixed(Text(TYPES_OID_TEXT, "1e12"), SQL_C_SLONG, &slong).state());
    SQLDOUBLE real = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_TEXT, "2.5e-3"), SQL_C_DOUBLE, &real).rc);
    EXPECT_EQ(0.0025, real);
}

TEST(ConvertCharacter, TextReadAsDatesTimesAndGuids)
{
    SQL_DATE_STRUCT date;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_TEXT, "2024-02-29"), SQL_C_TYPE_DATE, &date).rc);
    EXPECT_EQ(2024, date.year);
    EXPECT_EQ(29, date.day);
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_TEXT, "2023-02-29"), SQL_C_TYPE_DATE, &date).state());
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_TEXT, "12:00:00"), SQL_C_TYPE_DATE, &date).state());
    SQL_TIME_STRUCT time;
    Conversion c = ConvertFixed(Text(TYPES_OID_TEXT, "2024-01-02 03:04:05.5"), SQL_C_TYPE_TIME, &time);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(3, time.hour);
    EXPECT_TRUE(c.out.is_fraction_truncated);
    SQLGUID guid;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_TEXT, "{00112233-4455-6677-8899-AABBCCDDEEFF}"),
                              SQL_C_GUID, &guid).rc);
    EXPECT_EQ(0x00112233u, guid.Data1);
    EXPECT_EQ(0xFF, guid.Data4[7]);
    EXPECT_EQ("22018", ConvertFixed(Text(TYPES_OID_TEXT, "not-a-guid"), SQL_C_GUID, &guid).state());
}

TEST(ConvertCharacter, BinaryTargetGetsTheTextBytesInPieces)
{
    unsigned char bytes[3];
    Conversion c = Convert(Text(TYPES_OID_TEXT, "hello"), SQL_C_BINARY, bytes, sizeof bytes);
    ASSERT_EQ(0, c.rc);
    EXPECT_TRUE(c.out.is_truncated);
    EXPECT_EQ(5, c.out.indicator);
    EXPECT_EQ(0, std::memcmp(bytes, "hel", 3));
    c = Convert(Text(TYPES_OID_TEXT, "hello"), SQL_C_BINARY, bytes, sizeof bytes, c.piece);
    EXPECT_EQ(2, c.out.indicator);
    EXPECT_TRUE(c.piece.is_done);
}

TEST(ConvertCharacter, JsonbBinarySkipsItsVersionByte)
{
    char text[16];
    Conversion c = Convert(Binary(TYPES_OID_JSONB, {1, '{', '}'}), SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("{}", text);
    EXPECT_EQ("22018", Convert(Binary(TYPES_OID_JSONB, {2, '{', '}'}), SQL_C_CHAR, text, sizeof text).state());
}

TEST(ConvertBytea, HexTextIntoBinaryAndCharacter)
{
    Source value = Text(TYPES_OID_BYTEA, "\\xdeadbeef");
    unsigned char bytes[3];
    Conversion c = Convert(value, SQL_C_BINARY, bytes, sizeof bytes);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(4, c.out.indicator);
    EXPECT_TRUE(c.out.is_truncated);
    EXPECT_EQ(0xde, bytes[0]);
    EXPECT_EQ(0xbe, bytes[2]);
    c = Convert(value, SQL_C_BINARY, bytes, sizeof bytes, c.piece);
    EXPECT_EQ(1, c.out.indicator);
    EXPECT_EQ(0xef, bytes[0]);
    EXPECT_TRUE(c.piece.is_done);
    char text[6];
    c = Convert(value, SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("deadb", text);
    EXPECT_EQ(8, c.out.indicator);
    c = Convert(value, SQL_C_CHAR, text, sizeof text, c.piece);
    EXPECT_STREQ("eef", text);
    EXPECT_EQ(3, c.out.indicator);
}

TEST(ConvertBytea, EscapeAndBinaryFormsGiveTheSameHex)
{
    char text[16];
    ASSERT_EQ(0, Convert(Text(TYPES_OID_BYTEA, "a\\\\\\001"), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("615c01", text);
    ASSERT_EQ(0, Convert(Binary(TYPES_OID_BYTEA, {0x61, 0x5c, 0x01}), SQL_C_CHAR, text, sizeof text).rc);
    EXPECT_STREQ("615c01", text);
    unsigned char bytes[8];
    Conversion c = Convert(Text(TYPES_OID_BYTEA, "a\\\\\\001"), SQL_C_BINARY, bytes, sizeof bytes);
    ASSERT_EQ(0, c.rc);
    EXPECT_EQ(3, c.out.indicator);
    EXPECT_EQ(0x5c, bytes[1]);
    // Odd piece boundary inside a byte's hex pair
    char three[4];
    c = Convert(Binary(TYPES_OID_BYTEA, {0xab, 0xcd}), SQL_C_CHAR, three, sizeof three);
    EXPECT_STREQ("abc", three);
    c = Convert(Binary(TYPES_OID_BYTEA, {0xab, 0xcd}), SQL_C_CHAR, three, sizeof three, c.piece);
    EXPECT_STREQ("d", three);
}

TEST(ConvertBytea, MalformedAndRestricted)
{
    unsigned char bytes[8];
    EXPECT_EQ("22018", Convert(Text(TYPES_OID_BYTEA, "\\xabc"), SQL_C_BINARY, bytes, 8).state());
    EXPECT_EQ("22018", Convert(Text(TYPES_OID_BYTEA, "\\xzz"), SQL_C_BINARY, bytes, 8).state());
    EXPECT_EQ("22018", Convert(Text(TYPES_OID_BYTEA, "a\\9"), SQL_C_BINARY, bytes, 8).state());
    SQLINTEGER slong;
    EXPECT_EQ("07006", ConvertFixed(Text(TYPES_OID_BYTEA, "\\x01"), SQL_C_SLONG, &slong).state());
}

TEST(ConvertUuid, TextAndBinaryIntoGuidAndCharacter)
{
    const std::vector<unsigned char> image = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
                                              0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    SQLGUID guid;
    ASSERT_EQ(0, ConvertFixed(Binary(TYPES_OID_UUID, image), SQL_C_GUID, &guid).rc);
    EXPECT_EQ(0x12345678u, guid.Data1);
    EXPECT_EQ(0x9abc, guid.Data2);
    EXPECT_EQ(0xdef0, guid.Data3);
    EXPECT_EQ(0x01, guid.Data4[0]);
    EXPECT_EQ(0xef, guid.Data4[7]);
    char text[37];
    Conversion c = Convert(Binary(TYPES_OID_UUID, image), SQL_C_CHAR, text, sizeof text);
    ASSERT_EQ(0, c.rc);
    EXPECT_STREQ("12345678-9ABC-DEF0-0123-456789ABCDEF", text);
    EXPECT_EQ(36, c.out.indicator);
    EXPECT_EQ("22003", Convert(Binary(TYPES_OID_UUID, image), SQL_C_CHAR, text, 36).state());
    SQLGUID from_text;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_UUID, "12345678-9abc-def0-0123-456789abcdef"),
                              SQL_C_GUID, &from_text).rc);
    EXPECT_EQ(0, std::memcmp(&guid, &from_text, sizeof guid));
    SQLINTEGER slong;
    EXPECT_EQ("07006", ConvertFixed(Binary(TYPES_OID_UUID, image), SQL_C_SLONG, &slong).state());
}

TEST(ConvertDefault, DefaultCTypesFollowTheTypeTable)
{
    EXPECT_EQ(SQL_C_SLONG, types_default_c_type(TYPES_OID_INT4, -1));
    EXPECT_EQ(SQL_C_CHAR, types_default_c_type(TYPES_OID_NUMERIC, -1));
    EXPECT_EQ(SQL_C_TYPE_TIMESTAMP, types_default_c_type(TYPES_OID_TIMESTAMP, -1));
    SQLINTEGER slong = 0;
    ASSERT_EQ(0, ConvertFixed(Text(TYPES_OID_INT4, "77"), SQL_C_DEFAULT, &slong).rc);
    EXPECT_EQ(77, slong);
    EXPECT_TRUE(types_has_binary_decoder(TYPES_OID_INT4));
    EXPECT_TRUE(types_has_binary_decoder(TYPES_OID_NUMERIC));
    EXPECT_FALSE(types_has_binary_decoder(TYPES_OID_TIMESTAMPTZ));
    EXPECT_FALSE(types_has_binary_decoder(790)); // money: locale-free cents
}

} // namespace
} // namespace pgo_types_test
