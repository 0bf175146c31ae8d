// struct secret: copies, reveals NUL-terminated, wipes on reset.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "util/alloc.h"
#include "util/secret.h"
}

namespace {

TEST(Secret, StartsUnsetAndRevealsEmpty)
{
    struct secret secret;
    secret_init(&secret);
    EXPECT_FALSE(secret_is_set(&secret));
    size_t length = 99;
    EXPECT_STREQ(secret_reveal(&secret, &length), "");
    EXPECT_EQ(length, 0u);
    secret_reset(&secret);
}

TEST(Secret, RevealReturnsANulTerminatedCopy)
{
    struct secret secret;
    secret_init(&secret);
    char source[] = "hunter2-and-more";
    ASSERT_EQ(secret_set(&secret, source, 7), 0);
    std::memset(source, 'x', sizeof source - 1); // the secret owns its copy
    size_t length = 0;
    const char *view = secret_reveal(&secret, &length);
    EXPECT_EQ(length, 7u);
    EXPECT_STREQ(view, "hunter2");
    EXPECT_TRUE(secret_is_set(&secret));
    secret_reset(&secret);
}

TEST(Secret, EmptySecretIsStillSet)
{
    struct secret secret;
    secret_init(&secret);
    ASSERT_EQ(secret_set(&secret, "", 0), 0);
    EXPECT_TRUE(secret_is_set(&secret));
    size_t length = 99;
    EXPECT_STREQ(secret_reveal(&secret, &length), "");
    EXPECT_EQ(length, 0u);
    secret_reset(&secret);
    EXPECT_FALSE(secret_is_set(&secret));
}

TEST(Secret, ResetForgetsTheSecretAndAllowsReuse)
{
    // The wipe itself is secret_wipe_memory (tested below); the freed block
    // is not ours to read afterwards.
    struct secret secret;
    secret_init(&secret);
    ASSERT_EQ(secret_set(&secret, "topsecret", 9), 0);
    secret_reset(&secret);
    EXPECT_FALSE(secret_is_set(&secret));
    EXPECT_EQ(secret.bytes_, nullptr);
    EXPECT_EQ(secret.length_, 0u);
    ASSERT_EQ(secret_set(&secret, "again", 5), 0);
    EXPECT_STREQ(secret_reveal(&secret, nullptr), "again");
    secret_reset(&secret);
    secret_reset(&secret); // twice is harmless
}

TEST(Secret, CopyDuplicatesAndIsIndependent)
{
    struct secret from;
    struct secret to;
    secret_init(&from);
    secret_init(&to);
    ASSERT_EQ(secret_set(&from, "pass\0word", 9), 0);
    ASSERT_EQ(secret_copy(&to, &from), 0);
    size_t length = 0;
    const char *view = secret_reveal(&to, &length);
    EXPECT_EQ(length, 9u);
    EXPECT_EQ(std::memcmp(view, "pass\0word", 9), 0);
    EXPECT_NE(view, secret_reveal(&from, nullptr));
    secret_reset(&from);
    EXPECT_EQ(std::memcmp(secret_reveal(&to, nullptr), "pass\0word", 9), 0);
    secret_reset(&to);
}

TEST(Secret, CopyOfUnsetResetsTheTarget)
{
    struct secret from;
    struct secret to;
    secret_init(&from);
    secret_init(&to);
    ASSERT_EQ(secret_set(&to, "old", 3), 0);
    ASSERT_EQ(secret_copy(&to, &from), 0);
    EXPECT_FALSE(secret_is_set(&to));
}

TEST(Secret, SetWithoutMemoryFailsAndKeepsThePreviousValue)
{
    struct secret secret;
    secret_init(&secret);
    ASSERT_EQ(secret_set(&secret, "first", 5), 0);
    alloc_fail_after(1);
    EXPECT_EQ(secret_set(&secret, "second", 6), -1);
    alloc_fail_after(0);
    EXPECT_STREQ(secret_reveal(&secret, nullptr), "first");
    secret_reset(&secret);
}

TEST(Secret, WipeMemoryZeroesEveryByte)
{
    unsigned char bytes[64];
    std::memset(bytes, 0xA5, sizeof bytes);
    secret_wipe_memory(bytes, sizeof bytes);
    for (unsigned char byte : bytes) {
        EXPECT_EQ(byte, 0);
    }
    secret_wipe_memory(nullptr, 10); // tolerated
}

// The block a secret lived in, handed back by the allocator: glibc's
// thread cache returns the block just freed for the same size, with its
// bytes as free left them (its own bookkeeping takes the first 16). Under
// a sanitizer the allocator holds freed blocks back and the test skips.
void *ReuseBlockOf(uintptr_t address, size_t size)
{
    void *again = std::malloc(size);
    if (reinterpret_cast<uintptr_t>(again) != address) {
        std::free(again);
        return nullptr;
    }
    return again;
}

const char kPassword[] = "correct horse battery staple, correct horse battery staple";

bool HoldsPasswordBytes(const void *block, size_t size)
{
    const unsigned char *bytes = static_cast<const unsigned char *>(block);
    // Past the allocator's 16 bytes: "battery staple" appears twice there.
    for (size_t i = 16; i + 7 <= size; ++i) {
        if (std::memcmp(bytes + i, "battery", 7) == 0 || std::memcmp(bytes + i, "staple", 6) == 0) {
            return true;
        }
    }
    return false;
}

TEST(Secret, ResetLeavesNoPasswordInTheFreedBlock)
{
    struct secret secret;
    secret_init(&secret);
    ASSERT_EQ(0, secret_set(&secret, kPassword, sizeof kPassword - 1));
    uintptr_t address = reinterpret_cast<uintptr_t>(secret_reveal(&secret, nullptr));
    secret_reset(&secret);
    void *block = ReuseBlockOf(address, sizeof kPassword);
    if (block == nullptr) {
        GTEST_SKIP() << "the allocator did not hand the freed block back";
    }
    EXPECT_FALSE(HoldsPasswordBytes(block, sizeof kPassword));
    std::free(block);
}

TEST(Secret, SettingAgainLeavesNoOldPasswordInTheFreedBlock)
{
    struct secret secret;
    secret_init(&secret);
    ASSERT_EQ(0, secret_set(&secret, kPassword, sizeof kPassword - 1));
    uintptr_t address = reinterpret_cast<uintptr_t>(secret_reveal(&secret, nullptr));
    ASSERT_EQ(0, secret_set(&secret, "new", 3));
    void *block = ReuseBlockOf(address, sizeof kPassword);
    if (block == nullptr) {
        secret_reset(&secret);
        GTEST_SKIP() << "the allocator did not hand the freed block back";
    }
    EXPECT_FALSE(HoldsPasswordBytes(block, sizeof kPassword));
    std::free(block);
    secret_reset(&secret);
}

TEST(Secret, TheFreedBlockWouldHoldThePasswordWithoutTheWipe)
{
    // The control for the two tests above: a block freed without a wipe
    // still holds the bytes, so their checks can see a missing wipe.
    char *plain = static_cast<char *>(std::malloc(sizeof kPassword));
    ASSERT_NE(nullptr, plain);
    std::memcpy(plain, kPassword, sizeof kPassword);
    // Keeps the compiler from dropping the copy as a dead store before free.
    asm volatile("" : : "r"(plain) : "memory");
    uintptr_t address = reinterpret_cast<uintptr_t>(plain);
    std::free(plain);
    void *block = ReuseBlockOf(address, sizeof kPassword);
    if (block == nullptr) {
        GTEST_SKIP() << "the allocator did not hand the freed block back";
    }
    EXPECT_TRUE(HoldsPasswordBytes(block, sizeof kPassword));
    std::free(block);
}

} // namespace
