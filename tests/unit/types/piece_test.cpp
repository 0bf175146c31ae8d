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

}  // namespace
