// types/to_c_*.c: character, wide-character (UTF-8 → UTF-16) and binary
// pieces with truncation, and the fixed-size conversions with their
// SQLSTATEs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "types/to_c.h"
}

namespace {

const unsigned char *Bytes(const char *text)
{
    return reinterpret_cast<const unsigned char *>(text);
}

TEST(ToCChar, WholeValueFitsWithTerminator)
{
    char target[8];
    struct types_piece piece;
    types_to_c_char_piece(Bytes("abc"), 3, target, sizeof target, &piece);
    EXPECT_STREQ("abc", target);
    EXPECT_FALSE(piece.is_truncated);
    EXPECT_EQ(3u, piece.remaining_bytes);
    EXPECT_EQ(3u, piece.consumed_bytes);
}

TEST(ToCChar, ShortBufferKeepsRoomForTerminatorAndReportsWholeLength)
{
    char target[4];
    struct types_piece piece;
    types_to_c_char_piece(Bytes("abcdefg"), 7, target, sizeof target, &piece);
    EXPECT_STREQ("abc", target);
    EXPECT_TRUE(piece.is_truncated);
    EXPECT_EQ(7u, piece.remaining_bytes);
    EXPECT_EQ(3u, piece.consumed_bytes);
}

TEST(ToCChar, ZeroLengthBufferOnlyMeasures)
{
    struct types_piece piece;
    types_to_c_char_piece(Bytes("abc"), 3, nullptr, 0, &piece);
    EXPECT_TRUE(piece.is_truncated);
    EXPECT_EQ(3u, piece.remaining_bytes);
    EXPECT_EQ(0u, piece.consumed_bytes);
}

TEST(ToCWchar, Utf8BecomesUtf16WithSurrogatePairs)
{
    // "zé€😀": 1 + 2 + 3 + 4 bytes; 1 + 1 + 1 + 2 UTF-16 units
    const char *text = "z\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    SQLWCHAR target[8];
    struct types_piece piece;
    types_to_c_wchar_piece(Bytes(text), std::strlen(text), target, sizeof target, &piece);
    EXPECT_FALSE(piece.is_truncated);
    EXPECT_EQ(10u, piece.remaining_bytes);
    EXPECT_EQ(10u, piece.written_bytes);
    const SQLWCHAR expected[] = {0x7A, 0xE9, 0x20AC, 0xD83D, 0xDE00, 0};
    for (size_t i = 0; i < 6; i++)
        EXPECT_EQ(expected[i], target[i]) << i;
}

TEST(ToCWchar, TruncationNeverSplitsASurrogatePair)
{
    const char *text = "ab\xF0\x9F\x98\x80";
    SQLWCHAR target[4]; // room for 3 units and the terminator
    struct types_piece piece;
    types_to_c_wchar_piece(Bytes(text), std::strlen(text), target, sizeof target, &piece);
    EXPECT_TRUE(piece.is_truncated);
    EXPECT_EQ(8u, piece.remaining_bytes); // 4 units in all
    EXPECT_EQ(4u, piece.written_bytes);   // "ab" only: the pair did not fit
    EXPECT_EQ(2u, piece.consumed_bytes);
    EXPECT_EQ(0, target[2]);
    // the next piece starts at the pair
    types_to_c_wchar_piece(Bytes(text) + piece.consumed_bytes,
                           std::strlen(text) - piece.consumed_bytes, target, sizeof target,
                           &piece);
    EXPECT_FALSE(piece.is_truncated);
    EXPECT_EQ(4u, piece.remaining_bytes);
    EXPECT_EQ(0xD83D, target[0]);
    EXPECT_EQ(0xDE00, target[1]);
}

TEST(ToCWchar, MalformedUtf8BecomesReplacementCharacters)
{
    const char *text = "a\xFF\xC3";
    SQLWCHAR target[8];
    struct types_piece piece;
    types_to_c_wchar_piece(Bytes(text), 3, target, sizeof target, &piece);
    EXPECT_EQ(3u, types_utf16_length_units(Bytes(text), 3));
    EXPECT_EQ(0x61, target[0]);
    EXPECT_EQ(0xFFFD, target[1]);
    EXPECT_EQ(0xFFFD, target[2]);
    // overlong encodings and encoded surrogates are malformed too
    EXPECT_EQ(2u, types_utf16_length_units(Bytes("\xC0\x80"), 2));
    EXPECT_EQ(3u, types_utf16_length_units(Bytes("\xED\xA0\x80"), 3));
}

TEST(ToCWchar, OddByteBufferUsesWholeUnitsOnly)
{
    SQLWCHAR target[4] = {0x1111, 0x1111, 0x1111, 0x1111};
    struct types_piece piece;
    types_to_c_wchar_piece(Bytes("abc"), 3, target, 5, &piece); // 2 units
    EXPECT_TRUE(piece.is_truncated);
    EXPECT_EQ(0x61, target[0]);
    EXPECT_EQ(0, target[1]);
    EXPECT_EQ(0x1111, target[2]);
}

TEST(ToCBinary, CopiesWithoutTerminator)
{
    unsigned char target[3];
    struct types_piece piece;
    types_to_c_binary_piece(Bytes("abcd"), 4, target, sizeof target, &piece);
    EXPECT_EQ(0, std::memcmp(target, "abc", 3));
    EXPECT_TRUE(piece.is_truncated);
    EXPECT_EQ(4u, piece.remaining_bytes);
}

TEST(ToCBinary, HexDigitsDecodeInPieces)
{
    unsigned char target[2];
    struct types_piece piece;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, types_to_c_hex_binary_piece(Bytes("deadBEEF"), 8, target, sizeof target, &piece,
                                             &error));
    EXPECT_EQ(0xDE, target[0]);
    EXPECT_EQ(0xAD, target[1]);
    EXPECT_TRUE(piece.is_truncated);
    EXPECT_EQ(4u, piece.remaining_bytes);
    EXPECT_EQ(4u, piece.consumed_bytes);
    ASSERT_EQ(0, types_to_c_hex_binary_piece(Bytes("BEEF"), 4, target, sizeof target, &piece,
                                             &error));
    EXPECT_EQ(0xBE, target[0]);
    EXPECT_EQ(0xEF, target[1]);
    EXPECT_FALSE(piece.is_truncated);
}

TEST(ToCBinary, BadHexIsInvalidCharacterValue)
{
    unsigned char target[4];
    struct types_piece piece;
    struct error error;
    error_init(&error);
    EXPECT_EQ(-1, types_to_c_hex_binary_piece(Bytes("abc"), 3, target, sizeof target, &piece,
                                              &error));
    EXPECT_STREQ("22018", error.sqlstate);
    error_init(&error);
    EXPECT_EQ(-1, types_to_c_hex_binary_piece(Bytes("zz"), 2, target, sizeof target, &piece,
                                              &error));
    EXPECT_STREQ("22018", error.sqlstate);
}

template <typename T>
int Convert(SQLSMALLINT c_type, const char *text, T *out, bool *fraction = nullptr,
            std::string *sqlstate = nullptr)
{
    bool truncated = false;
    struct error error;
    error_init(&error);
    int result = types_to_c_fixed(c_type, text, std::strlen(text), out, &truncated, &error);
    if (fraction != nullptr)
        *fraction = truncated;
    if (sqlstate != nullptr)
        *sqlstate = error.sqlstate;
    return result;
}

TEST(ToCFixed, IntegersConvertWithinRange)
{
    SQLINTEGER value = 0;
    ASSERT_EQ(0, Convert(SQL_C_SLONG, "-2147483648", &value));
    EXPECT_EQ(INT32_MIN, value);
    SQLBIGINT big = 0;
    ASSERT_EQ(0, Convert(SQL_C_SBIGINT, "9223372036854775807", &big));
    EXPECT_EQ(INT64_MAX, big);
    ASSERT_EQ(0, Convert(SQL_C_SBIGINT, "-9223372036854775808", &big));
    EXPECT_EQ(INT64_MIN, big);
    SQLSMALLINT small = 0;
    ASSERT_EQ(0, Convert(SQL_C_SSHORT, "t", &small)); // bool text
    EXPECT_EQ(1, small);
}

TEST(ToCFixed, IntegerOutOfRangeIs22003)
{
    SQLSMALLINT small;
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_SSHORT, "32768", &small, nullptr, &state));
    EXPECT_EQ("22003", state);
    SQLUINTEGER unsigned_value;
    EXPECT_EQ(-1, Convert(SQL_C_ULONG, "-1", &unsigned_value, nullptr, &state));
    EXPECT_EQ("22003", state);
}

TEST(ToCFixed, FractionIsTruncatedWith01S07)
{
    SQLINTEGER value = 0;
    bool fraction = false;
    ASSERT_EQ(0, Convert(SQL_C_SLONG, "12.75", &value, &fraction));
    EXPECT_EQ(12, value);
    EXPECT_TRUE(fraction);
    ASSERT_EQ(0, Convert(SQL_C_SLONG, "12.00", &value, &fraction));
    EXPECT_FALSE(fraction);
}

TEST(ToCFixed, TextThatIsNotANumberIs22018)
{
    SQLINTEGER value;
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_SLONG, "12abc", &value, nullptr, &state));
    EXPECT_EQ("22018", state);
    SQLDOUBLE number;
    EXPECT_EQ(-1, Convert(SQL_C_DOUBLE, "", &number, nullptr, &state));
    EXPECT_EQ("22018", state);
}

TEST(ToCFixed, DoublesAndSpecialValues)
{
    SQLDOUBLE value = 0;
    ASSERT_EQ(0, Convert(SQL_C_DOUBLE, "3.75", &value));
    EXPECT_DOUBLE_EQ(3.75, value);
    ASSERT_EQ(0, Convert(SQL_C_DOUBLE, "-Infinity", &value));
    EXPECT_TRUE(std::isinf(value));
    SQLREAL single;
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_FLOAT, "1e300", &single, nullptr, &state));
    EXPECT_EQ("22003", state);
}

TEST(ToCFixed, BitAcceptsZeroAndOneAndTruncatesBetween)
{
    unsigned char bit = 9;
    bool fraction = false;
    ASSERT_EQ(0, Convert(SQL_C_BIT, "f", &bit, &fraction));
    EXPECT_EQ(0, bit);
    ASSERT_EQ(0, Convert(SQL_C_BIT, "1.5", &bit, &fraction));
    EXPECT_EQ(1, bit);
    EXPECT_TRUE(fraction);
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_BIT, "2", &bit, nullptr, &state));
    EXPECT_EQ("22003", state);
}

TEST(ToCFixed, TimestampKeepsNanosecondsAndIgnoresZone)
{
    SQL_TIMESTAMP_STRUCT stamp;
    ASSERT_EQ(0, Convert(SQL_C_TYPE_TIMESTAMP, "2024-02-03 04:05:06.789+01", &stamp));
    EXPECT_EQ(2024, stamp.year);
    EXPECT_EQ(2, stamp.month);
    EXPECT_EQ(3, stamp.day);
    EXPECT_EQ(4, stamp.hour);
    EXPECT_EQ(5, stamp.minute);
    EXPECT_EQ(6, stamp.second);
    EXPECT_EQ(789000000u, stamp.fraction);
}

TEST(ToCFixed, DateFromTimestampTruncatesTheTime)
{
    SQL_DATE_STRUCT date;
    bool fraction = false;
    ASSERT_EQ(0, Convert(SQL_C_TYPE_DATE, "2024-02-03 04:05:06", &date, &fraction));
    EXPECT_EQ(2024, date.year);
    EXPECT_TRUE(fraction);
    ASSERT_EQ(0, Convert(SQL_C_TYPE_DATE, "1999-12-31", &date, &fraction));
    EXPECT_FALSE(fraction);
    EXPECT_EQ(31, date.day);
}

TEST(ToCFixed, TimeWithFractionTruncates)
{
    SQL_TIME_STRUCT time;
    bool fraction = false;
    ASSERT_EQ(0, Convert(SQL_C_TYPE_TIME, "13:14:15.5", &time, &fraction));
    EXPECT_EQ(13, time.hour);
    EXPECT_EQ(15, time.second);
    EXPECT_TRUE(fraction);
}

TEST(ToCFixed, InfiniteAndBcDatesOverflow)
{
    SQL_DATE_STRUCT date;
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_TYPE_DATE, "infinity", &date, nullptr, &state));
    EXPECT_EQ("22008", state);
    EXPECT_EQ(-1, Convert(SQL_C_TYPE_DATE, "0044-03-15 BC", &date, nullptr, &state));
    EXPECT_EQ("22008", state);
    EXPECT_EQ(-1, Convert(SQL_C_TYPE_DATE, "2024-13", &date, nullptr, &state));
    EXPECT_EQ("22018", state);
}

TEST(ToCFixed, GuidParsesCanonicalForm)
{
    SQLGUID guid;
    ASSERT_EQ(0, Convert(SQL_C_GUID, "7b2c1e4e-2a56-4c4e-9a3c-0b1f6a7c9d11", &guid));
    EXPECT_EQ(0x7b2c1e4eu, guid.Data1);
    EXPECT_EQ(0x2a56, guid.Data2);
    EXPECT_EQ(0x4c4e, guid.Data3);
    EXPECT_EQ(0x9a, guid.Data4[0]);
    EXPECT_EQ(0x11, guid.Data4[7]);
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_GUID, "7b2c1e4e2a564c4e9a3c0b1f6a7c9d11", &guid, nullptr, &state));
    EXPECT_EQ("22018", state);
}

TEST(ToCFixed, FixedTypeSizesAndUnsupportedTypes)
{
    EXPECT_EQ(sizeof(SQLINTEGER), types_fixed_c_type_size(SQL_C_SLONG));
    EXPECT_EQ(sizeof(SQL_TIMESTAMP_STRUCT), types_fixed_c_type_size(SQL_C_TYPE_TIMESTAMP));
    EXPECT_FALSE(types_is_fixed_c_type(SQL_C_CHAR));
    EXPECT_FALSE(types_is_fixed_c_type(SQL_C_NUMERIC));
    unsigned char buffer[64];
    std::string state;
    EXPECT_EQ(-1, Convert(SQL_C_NUMERIC, "1", buffer, nullptr, &state));
    EXPECT_EQ("07006", state);
}

} // namespace
