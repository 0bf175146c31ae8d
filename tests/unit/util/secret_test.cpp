// struct secret: copies, reveals NUL-terminated, wipes on reset.
#include <gtest/gtest.h>

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

} // namespace
