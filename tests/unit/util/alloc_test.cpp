// Allocation helpers: overflow is refused, copies are NUL-terminated, and
// alloc_fail_after fails exactly the Nth allocation from now.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

extern "C" {
#include "util/alloc.h"
}

namespace {

class AllocTest : public ::testing::Test {
protected:
    void TearDown() override { alloc_fail_after(0); }
};

TEST_F(AllocTest, ArrayIsZeroed)
{
    auto *values = static_cast<uint32_t *>(alloc_array(16, sizeof(uint32_t)));
    ASSERT_NE(values, nullptr);
    for (int i = 0; i < 16; i++) {
        EXPECT_EQ(values[i], 0u);
    }
    alloc_free(values);
}

TEST_F(AllocTest, ArrayRefusesMultiplicationOverflow)
{
    EXPECT_EQ(alloc_array(SIZE_MAX / 2 + 1, 2), nullptr);
    EXPECT_EQ(alloc_array(SIZE_MAX, SIZE_MAX), nullptr);
    EXPECT_EQ(alloc_resize_array(nullptr, SIZE_MAX / 4 + 1, 8), nullptr);
}

TEST_F(AllocTest, ResizeKeepsContents)
{
    auto *values = static_cast<int *>(alloc_array(2, sizeof(int)));
    ASSERT_NE(values, nullptr);
    values[0] = 7;
    values[1] = 9;
    auto *grown = static_cast<int *>(alloc_resize_array(values, 1000, sizeof(int)));
    ASSERT_NE(grown, nullptr);
    EXPECT_EQ(grown[0], 7);
    EXPECT_EQ(grown[1], 9);
    alloc_free(grown);
}

TEST_F(AllocTest, StrndupCopiesAndTerminates)
{
    char *copy = alloc_strndup("hello world", 5);
    ASSERT_NE(copy, nullptr);
    EXPECT_STREQ(copy, "hello");
    alloc_free(copy);
    copy = alloc_strdup("abc");
    ASSERT_NE(copy, nullptr);
    EXPECT_STREQ(copy, "abc");
    alloc_free(copy);
    EXPECT_EQ(alloc_strdup(nullptr), nullptr);
    alloc_free(nullptr);
}

TEST_F(AllocTest, FailAfterFailsExactlyTheNthAllocation)
{
    alloc_fail_after(3);
    void *first = alloc_zeroed(8);
    char *second = alloc_strdup("x");
    void *third = alloc_array(4, 4);
    void *fourth = alloc_zeroed(8);
    EXPECT_NE(first, nullptr);
    EXPECT_NE(second, nullptr);
    EXPECT_EQ(third, nullptr);
    EXPECT_NE(fourth, nullptr); // only one failure per arming
    alloc_free(first);
    alloc_free(second);
    alloc_free(fourth);
}

TEST_F(AllocTest, FailAfterOneFailsTheNextAllocationIncludingResize)
{
    auto *memory = static_cast<char *>(alloc_zeroed(4));
    ASSERT_NE(memory, nullptr);
    alloc_fail_after(1);
    EXPECT_EQ(alloc_resize_array(memory, 64, 1), nullptr);
    alloc_free(memory); // still owned by the caller after a failed resize
}

TEST_F(AllocTest, FailAfterZeroDisarms)
{
    alloc_fail_after(2);
    alloc_fail_after(0);
    for (int i = 0; i < 5; i++) {
        void *memory = alloc_zeroed(1);
        EXPECT_NE(memory, nullptr);
        alloc_free(memory);
    }
}

TEST_F(AllocTest, FailAfterFailsExactlyOnceAcrossThreads)
{
    alloc_fail_after(500);
    std::vector<int> failures(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++) {
        threads.emplace_back([t, &failures] {
            for (int i = 0; i < 250; i++) {
                void *memory = alloc_zeroed(16);
                if (memory == nullptr) {
                    failures[t]++;
                }
                alloc_free(memory);
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures[0] + failures[1] + failures[2] + failures[3], 1);
}

} // namespace
