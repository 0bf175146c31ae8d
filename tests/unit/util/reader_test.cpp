// struct reader: bounded, sticky failure, strings need their NUL inside
// the body, expect_end refuses leftovers.
#include <gtest/gtest.h>

#include <cstring>

extern "C" {
#include "util/reader.h"
}

namespace {

TEST(Reader, TakesBigEndianIntegersInOrder)
{
    const unsigned char body[] = {0x01, 0x02, 0x03, 0xFF, 0xFE, 0x00, 0x00, 0x01, 0x00,
                                  0xFF, 0xFF, 0xFF, 0xFF};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    uint8_t u8 = 0;
    uint16_t u16 = 0;
    int16_t i16 = 0;
    uint32_t u32 = 0;
    int32_t i32 = 0;
    ASSERT_TRUE(reader_take_u8(&reader, &u8));
    ASSERT_TRUE(reader_take_u16(&reader, &u16));
    ASSERT_TRUE(reader_take_i16(&reader, &i16));
    ASSERT_TRUE(reader_take_u32(&reader, &u32));
    ASSERT_TRUE(reader_take_i32(&reader, &i32));
    EXPECT_EQ(u8, 0x01);
    EXPECT_EQ(u16, 0x0203);
    EXPECT_EQ(i16, -2);
    EXPECT_EQ(u32, 0x00000100u);
    EXPECT_EQ(i32, -1);
    EXPECT_TRUE(reader_expect_end(&reader));
}

TEST(Reader, TruncatedIntegerFailsWithoutWritingTheOutput)
{
    const unsigned char body[] = {0x00, 0x00, 0x01};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    uint32_t value = 77;
    EXPECT_FALSE(reader_take_u32(&reader, &value));
    EXPECT_EQ(value, 77u);
    EXPECT_TRUE(reader_has_failed(&reader));
}

TEST(Reader, FailureIsSticky)
{
    const unsigned char body[] = {0x01, 0x02};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    uint32_t u32 = 0;
    uint8_t u8 = 0;
    EXPECT_FALSE(reader_take_u32(&reader, &u32));
    // Enough bytes remain for a u8, yet the reader stays failed.
    EXPECT_FALSE(reader_take_u8(&reader, &u8));
    EXPECT_EQ(reader_remaining(&reader), 0u);
    EXPECT_FALSE(reader_expect_end(&reader));
}

TEST(Reader, TakeBytesBorrowsAndChecksLength)
{
    const unsigned char body[] = {'a', 'b', 'c', 'd'};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    const unsigned char *view = nullptr;
    ASSERT_TRUE(reader_take_bytes(&reader, 3, &view));
    EXPECT_EQ(view, body);
    EXPECT_EQ(reader_remaining(&reader), 1u);
    EXPECT_FALSE(reader_take_bytes(&reader, 2, &view));
    EXPECT_TRUE(reader_has_failed(&reader));
}

TEST(Reader, TakeBytesWithHugeLengthFails)
{
    const unsigned char body[] = {'a'};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    const unsigned char *view = nullptr;
    EXPECT_FALSE(reader_take_bytes(&reader, SIZE_MAX, &view));
}

TEST(Reader, TakesCstrWithLength)
{
    const char body[] = "user\0alice\0";
    struct reader reader;
    reader_init(&reader, body, sizeof body - 1);
    const char *text = nullptr;
    size_t length = 0;
    ASSERT_TRUE(reader_take_cstr(&reader, &text, &length));
    EXPECT_STREQ(text, "user");
    EXPECT_EQ(length, 4u);
    ASSERT_TRUE(reader_take_cstr(&reader, &text, nullptr));
    EXPECT_STREQ(text, "alice");
    EXPECT_TRUE(reader_expect_end(&reader));
}

TEST(Reader, CstrWithoutNulInsideTheBodyFails)
{
    // The NUL exists in memory just past the body but must not count.
    const char memory[] = "abc\0";
    struct reader reader;
    reader_init(&reader, memory, 3);
    const char *text = nullptr;
    EXPECT_FALSE(reader_take_cstr(&reader, &text, nullptr));
    EXPECT_EQ(text, nullptr);
    EXPECT_TRUE(reader_has_failed(&reader));
}

TEST(Reader, EmptyCstrIsJustTheNul)
{
    const unsigned char body[] = {0};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    const char *text = nullptr;
    size_t length = 9;
    ASSERT_TRUE(reader_take_cstr(&reader, &text, &length));
    EXPECT_EQ(length, 0u);
    EXPECT_TRUE(reader_expect_end(&reader));
}

TEST(Reader, ExpectEndWithLeftoverBytesFailsAndMarksFailure)
{
    const unsigned char body[] = {1, 2, 3};
    struct reader reader;
    reader_init(&reader, body, sizeof body);
    uint16_t value = 0;
    ASSERT_TRUE(reader_take_u16(&reader, &value));
    EXPECT_FALSE(reader_expect_end(&reader));
    EXPECT_TRUE(reader_has_failed(&reader));
}

TEST(Reader, EmptyBodyEndsAtOnce)
{
    struct reader reader;
    reader_init(&reader, nullptr, 0);
    EXPECT_EQ(reader_remaining(&reader), 0u);
    uint8_t value = 0;
    EXPECT_FALSE(reader_take_u8(&reader, &value));
    EXPECT_FALSE(reader_expect_end(&reader));
}

} // namespace
