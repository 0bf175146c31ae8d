// struct buf: the maximum is honoured, failure leaves the buffer empty,
// integers are big-endian, text0 refuses embedded NULs.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "util/alloc.h"
#include "util/buf.h"
}

namespace {

class BufTest : public ::testing::Test {
protected:
    void TearDown() override
    {
        alloc_fail_after(0);
        buf_reset(&buf_);
    }
    struct buf buf_ {};
};

TEST_F(BufTest, AppendsBytesUpToTheMaximumExactly)
{
    buf_init(&buf_, 8);
    ASSERT_EQ(buf_append(&buf_, "abcd", 4), 0);
    ASSERT_EQ(buf_append(&buf_, "efgh", 4), 0);
    EXPECT_EQ(buf_.length, 8u);
    EXPECT_EQ(std::memcmp(buf_.data, "abcdefgh", 8), 0);
}

TEST_F(BufTest, AppendPastTheMaximumFailsAndLeavesTheBufferEmpty)
{
    buf_init(&buf_, 8);
    ASSERT_EQ(buf_append(&buf_, "abcdef", 6), 0);
    EXPECT_EQ(buf_append(&buf_, "xyz", 3), -1);
    EXPECT_EQ(buf_.length, 0u);
}

TEST_F(BufTest, ReserveWithHugeCountFailsWithoutOverflow)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append_u8(&buf_, 1), 0);
    EXPECT_EQ(buf_reserve(&buf_, SIZE_MAX), -1);
    EXPECT_EQ(buf_.length, 0u);
}

TEST_F(BufTest, AllocationFailureLeavesTheBufferEmpty)
{
    buf_init(&buf_, 1 << 20);
    ASSERT_EQ(buf_append(&buf_, "abc", 3), 0);
    alloc_fail_after(1);
    std::string big(4096, 'x');
    EXPECT_EQ(buf_append(&buf_, big.data(), big.size()), -1);
    EXPECT_EQ(buf_.length, 0u);
    // The buffer stays usable afterwards.
    ASSERT_EQ(buf_append(&buf_, "ok", 2), 0);
    EXPECT_EQ(buf_.length, 2u);
}

TEST_F(BufTest, IntegersAreAppendedBigEndian)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append_u8(&buf_, 0x01), 0);
    ASSERT_EQ(buf_append_u16(&buf_, 0x0203), 0);
    ASSERT_EQ(buf_append_u32(&buf_, 0x04050607u), 0);
    const unsigned char expected[] = {1, 2, 3, 4, 5, 6, 7};
    ASSERT_EQ(buf_.length, sizeof expected);
    EXPECT_EQ(std::memcmp(buf_.data, expected, sizeof expected), 0);
}

TEST_F(BufTest, PutU32AtBackFillsALengthAndRefusesOutOfRange)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append_u8(&buf_, 'Q'), 0);
    ASSERT_EQ(buf_append_u32(&buf_, 0), 0);
    ASSERT_EQ(buf_append_cstr(&buf_, "SELECT 1"), 0);
    ASSERT_EQ(buf_put_u32_at(&buf_, 1, static_cast<uint32_t>(buf_.length - 1)), 0);
    EXPECT_EQ(buf_.data[4], 13);
    EXPECT_EQ(buf_put_u32_at(&buf_, buf_.length - 3, 1), -1);
    EXPECT_EQ(buf_put_u32_at(&buf_, buf_.length + 10, 1), -1);
}

TEST_F(BufTest, CstrIncludesTheTerminatingNul)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append_cstr(&buf_, "user"), 0);
    ASSERT_EQ(buf_.length, 5u);
    EXPECT_EQ(buf_.data[4], '\0');
}

TEST_F(BufTest, Text0AppendsCountedTextAndANul)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append_text0(&buf_, "database-ignored", 8), 0);
    ASSERT_EQ(buf_.length, 9u);
    EXPECT_EQ(std::memcmp(buf_.data, "database\0", 9), 0);
}

TEST_F(BufTest, Text0RefusesEmbeddedNulAndLeavesTheBufferEmpty)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append(&buf_, "xx", 2), 0);
    EXPECT_EQ(buf_append_text0(&buf_, "ab\0cd", 5), -1);
    EXPECT_EQ(buf_.length, 0u);
}

TEST_F(BufTest, Text0CountsTheNulAgainstTheMaximum)
{
    buf_init(&buf_, 4);
    EXPECT_EQ(buf_append_text0(&buf_, "abcd", 4), -1);
    EXPECT_EQ(buf_.length, 0u);
    ASSERT_EQ(buf_append_text0(&buf_, "abc", 3), 0);
    EXPECT_EQ(buf_.length, 4u);
}

TEST_F(BufTest, ClearKeepsMemoryAndWipeZeroesIt)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append(&buf_, "secret", 6), 0);
    unsigned char *memory = buf_.data;
    buf_clear(&buf_);
    EXPECT_EQ(buf_.length, 0u);
    EXPECT_EQ(buf_.data, memory);
    ASSERT_EQ(buf_append(&buf_, "secret", 6), 0);
    buf_wipe(&buf_);
    EXPECT_EQ(buf_.length, 0u);
    for (size_t i = 0; i < 6; i++) {
        EXPECT_EQ(buf_.data[i], 0) << i;
    }
}

TEST_F(BufTest, ResetReleasesAndAllowsReuse)
{
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append(&buf_, "abc", 3), 0);
    buf_reset(&buf_);
    EXPECT_EQ(buf_.data, nullptr);
    EXPECT_EQ(buf_.length, 0u);
    buf_init(&buf_, 64);
    ASSERT_EQ(buf_append(&buf_, "d", 1), 0);
    EXPECT_EQ(buf_.length, 1u);
}

TEST_F(BufTest, GrowsAcrossManyAppends)
{
    buf_init(&buf_, 100000);
    for (int i = 0; i < 25000; i++) {
        ASSERT_EQ(buf_append_u32(&buf_, static_cast<uint32_t>(i)), 0);
    }
    EXPECT_EQ(buf_.length, 100000u);
    EXPECT_EQ(buf_append_u8(&buf_, 0), -1);
    EXPECT_EQ(buf_.length, 0u);
}

} // namespace
