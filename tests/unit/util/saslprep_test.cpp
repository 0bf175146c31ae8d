// SASLprep (RFC 4013): ASCII passes through, mapping, NFKC, prohibited
// output and bidi rules; anything invalid or prohibited is used raw.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

extern "C" {
#include "util/alloc.h"
#include "util/saslprep.h"
#include "util/secret.h"
}

namespace {

// Runs SASLprep; on success stores the prepared text in *prepared.
enum saslprep_result Prepare(const std::string &input, std::string *prepared)
{
    char *out = nullptr;
    size_t out_length = 0;
    enum saslprep_result result = saslprep_prepare(input.data(), input.size(), &out, &out_length);
    if (result == SASLPREP_OK) {
        EXPECT_NE(out, nullptr);
        EXPECT_EQ(std::strlen(out), out_length);
        prepared->assign(out, out_length);
        secret_wipe_memory(out, out_length);
        std::free(out);
    }
    return result;
}

TEST(Saslprep, AsciiPasswordIsUnchanged)
{
    std::string prepared;
    ASSERT_EQ(Prepare("pencil Pa$$w0rd ~", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "pencil Pa$$w0rd ~");
}

TEST(Saslprep, EmptyPasswordIsEmpty)
{
    std::string prepared = "x";
    ASSERT_EQ(Prepare("", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "");
}

TEST(Saslprep, NoBreakSpaceMapsToSpace)
{
    std::string prepared;
    ASSERT_EQ(Prepare("a\xC2\xA0" "b", &prepared), SASLPREP_OK); // U+00A0
    EXPECT_EQ(prepared, "a b");
    ASSERT_EQ(Prepare("a\xE3\x80\x80" "b", &prepared), SASLPREP_OK); // U+3000
    EXPECT_EQ(prepared, "a b");
}

TEST(Saslprep, SoftHyphenIsRemoved)
{
    std::string prepared;
    // RFC 4013 section 3, example 1: "I<U+00AD>X" -> "IX".
    ASSERT_EQ(Prepare("I\xC2\xAD" "X", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "IX");
}

TEST(Saslprep, ZeroWidthJoinerAndVariationSelectorAreRemoved)
{
    std::string prepared;
    ASSERT_EQ(Prepare("a\xE2\x80\x8D" "b\xEF\xB8\x8F" "c", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "abc");
}

TEST(Saslprep, NfkcAppliesCompatibilityMappings)
{
    std::string prepared;
    // RFC 4013 section 3, examples 4 and 5: U+00AA -> "a", U+2168 -> "IX".
    ASSERT_EQ(Prepare("\xC2\xAA", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "a");
    ASSERT_EQ(Prepare("\xE2\x85\xA8", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "IX");
    // Fullwidth "Ａ" (U+FF21) -> "A"; ligature "ﬁ" (U+FB01) -> "fi".
    ASSERT_EQ(Prepare("\xEF\xBC\xA1\xEF\xAC\x81", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "Afi");
}

TEST(Saslprep, NfkcComposesCanonically)
{
    std::string prepared;
    // "e" + U+0301 composes to U+00E9.
    ASSERT_EQ(Prepare("caf" "e\xCC\x81", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "caf\xC3\xA9");
    // Precomposed input stays precomposed.
    ASSERT_EQ(Prepare("caf\xC3\xA9", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "caf\xC3\xA9");
    // Hangul jamo compose algorithmically: U+1100 U+1161 U+11A8 -> U+AC01.
    ASSERT_EQ(Prepare("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "\xEA\xB0\x81");
}

TEST(Saslprep, NfkcReordersCombiningMarks)
{
    std::string prepared;
    // a + U+0323 (class 220) + U+0302 (class 230) and the other order both
    // give U+1EAD.
    ASSERT_EQ(Prepare("a\xCC\x82\xCC\xA3", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "\xE1\xBA\xAD");
    ASSERT_EQ(Prepare("a\xCC\xA3\xCC\x82", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "\xE1\xBA\xAD");
}

TEST(Saslprep, InvalidUtf8IsUsedRaw)
{
    std::string prepared;
    EXPECT_EQ(Prepare("abc\xFF", &prepared), SASLPREP_USE_RAW);
    EXPECT_EQ(Prepare("\xC3", &prepared), SASLPREP_USE_RAW);            // truncated
    EXPECT_EQ(Prepare("\xC0\xAF", &prepared), SASLPREP_USE_RAW);        // overlong
    EXPECT_EQ(Prepare("\xED\xA0\x80", &prepared), SASLPREP_USE_RAW);    // surrogate
    EXPECT_EQ(Prepare("\xF4\x90\x80\x80", &prepared), SASLPREP_USE_RAW); // > U+10FFFF
    EXPECT_EQ(Prepare("\x80" "abc", &prepared), SASLPREP_USE_RAW);      // stray continuation
}

TEST(Saslprep, ControlCharacterIsProhibited)
{
    std::string prepared;
    // RFC 4013 section 3, example 6: U+0007 is prohibited.
    EXPECT_EQ(Prepare("a\x07" "b", &prepared), SASLPREP_USE_RAW);
    EXPECT_EQ(Prepare(std::string("a\0b", 3), &prepared), SASLPREP_USE_RAW);
    EXPECT_EQ(Prepare("\xC3\xA9\x7F", &prepared), SASLPREP_USE_RAW);
    EXPECT_EQ(Prepare("\xC2\x85", &prepared), SASLPREP_USE_RAW); // U+0085 (C.2.2)
}

TEST(Saslprep, OtherProhibitedCharactersAreUsedRaw)
{
    std::string prepared;
    EXPECT_EQ(Prepare("a\xEE\x80\x80", &prepared), SASLPREP_USE_RAW);     // U+E000 private use
    EXPECT_EQ(Prepare("a\xEF\xB7\x90", &prepared), SASLPREP_USE_RAW);     // U+FDD0 non-character
    EXPECT_EQ(Prepare("a\xF0\x9F\xBF\xBF", &prepared), SASLPREP_USE_RAW); // U+1FFFF
    EXPECT_EQ(Prepare("a\xEF\xBF\xBD", &prepared), SASLPREP_USE_RAW);     // U+FFFD (C.6)
    EXPECT_EQ(Prepare("a\xE2\xBF\xB0", &prepared), SASLPREP_USE_RAW);     // U+2FF0 (C.7)
    EXPECT_EQ(Prepare("a\xE2\x80\x8E", &prepared), SASLPREP_USE_RAW);     // U+200E (C.8)
    EXPECT_EQ(Prepare("a\xF3\xA0\x80\x81", &prepared), SASLPREP_USE_RAW); // U+E0001 (C.9)
    EXPECT_EQ(Prepare("a\xE2\x80\xA8", &prepared), SASLPREP_USE_RAW);     // U+2028 (C.2.2)
}

TEST(Saslprep, BidiRulesApply)
{
    std::string prepared;
    // RFC 4013 section 3, example 7: U+0627 U+0031 mixes RandALCat with a
    // last character that is not RandALCat.
    EXPECT_EQ(Prepare("\xD8\xA7" "1", &prepared), SASLPREP_USE_RAW);
    // U+0627 1 U+0628 is allowed (starts and ends with RandALCat).
    ASSERT_EQ(Prepare("\xD8\xA7" "1" "\xD8\xA8", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "\xD8\xA7" "1" "\xD8\xA8");
    // RandALCat with LCat ("a") is refused.
    EXPECT_EQ(Prepare("\xD8\xA7" "a" "\xD8\xA8", &prepared), SASLPREP_USE_RAW);
    // Hebrew alone is fine.
    ASSERT_EQ(Prepare("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", &prepared), SASLPREP_OK);
}

TEST(Saslprep, UnassignedCodePointsAreAllowed)
{
    std::string prepared;
    // U+0378 is unassigned; stored strings would refuse it, queries allow it.
    ASSERT_EQ(Prepare("a\xCD\xB8", &prepared), SASLPREP_OK);
    EXPECT_EQ(prepared, "a\xCD\xB8");
}

TEST(Saslprep, ReportsNoMemory)
{
    char *out = nullptr;
    size_t out_length = 0;
    const char *input = "caf\xC3\xA9";
    bool saw_no_memory = false;
    for (unsigned long n = 1; n <= 5; n++) {
        alloc_fail_after(n);
        enum saslprep_result result = saslprep_prepare(input, std::strlen(input), &out, &out_length);
        alloc_fail_after(0);
        if (result == SASLPREP_NO_MEMORY) {
            saw_no_memory = true;
            continue;
        }
        ASSERT_EQ(result, SASLPREP_OK);
        EXPECT_STREQ(out, "caf\xC3\xA9");
        std::free(out);
    }
    EXPECT_TRUE(saw_no_memory);
}

} // namespace
