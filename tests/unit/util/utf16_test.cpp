// UTF-16 <-> UTF-8 for the W entry points: surrogate pairs both ways, lone
// surrogates refused coming in, malformed UTF-8 replaced going out, output
// truncated at a character boundary with the whole length still counted.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

extern "C" {
#include "util/utf16.h"
}

namespace {

// "x 🌜 z": U+1F31C is the pair D83C DF1C, F0 9F 8C 9C in UTF-8.
const std::vector<uint16_t> kMoonUnits = {'x', ' ', 0xD83C, 0xDF1C, ' ', 'z'};
const std::string kMoonUtf8 = "x \xF0\x9F\x8C\x9C z";

std::string ToUtf8(const std::vector<uint16_t> &units)
{
    size_t length = 0;
    size_t bad = 0;
    EXPECT_EQ(utf16_to_utf8(units.data(), units.size(), nullptr, 0, &length, &bad), 0);
    std::string out(length, '\0');
    size_t written = 0;
    EXPECT_EQ(utf16_to_utf8(units.data(), units.size(), out.data(), out.size(), &written, &bad),
              0);
    EXPECT_EQ(written, length);
    return out;
}

TEST(Utf16ToUtf8, ConvertsEachUtf8LengthAndASurrogatePair)
{
    // 1, 2, 3 and 4 UTF-8 bytes: A, é, 漢, 🌜.
    std::vector<uint16_t> units = {'A', 0x00E9, 0x6F22, 0xD83C, 0xDF1C};
    EXPECT_EQ(ToUtf8(units), "A\xC3\xA9\xE6\xBC\xA2\xF0\x9F\x8C\x9C");
    EXPECT_EQ(ToUtf8(kMoonUnits), kMoonUtf8);
}

TEST(Utf16ToUtf8, ConvertsTheLastCodePointsOfEachRange)
{
    std::vector<uint16_t> units = {0x007F, 0x07FF, 0xFFFF, 0xDBFF, 0xDFFF};
    EXPECT_EQ(ToUtf8(units), "\x7F\xDF\xBF\xEF\xBF\xBF\xF4\x8F\xBF\xBF");
}

TEST(Utf16ToUtf8, EmptyTextIsEmpty)
{
    size_t length = 99;
    size_t bad = 0;
    EXPECT_EQ(utf16_to_utf8(nullptr, 0, nullptr, 0, &length, &bad), 0);
    EXPECT_EQ(length, 0u);
}

TEST(Utf16ToUtf8, FailsAtALoneHighSurrogateNamingItsIndex)
{
    std::vector<uint16_t> units = {'a', 'b', 0xD83C, 'c'};
    size_t length = 0;
    size_t bad = 0;
    EXPECT_EQ(utf16_to_utf8(units.data(), units.size(), nullptr, 0, &length, &bad), -1);
    EXPECT_EQ(bad, 2u);
}

TEST(Utf16ToUtf8, FailsAtAHighSurrogateEndingTheText)
{
    std::vector<uint16_t> units = {'a', 0xD83C};
    size_t length = 0;
    size_t bad = 0;
    EXPECT_EQ(utf16_to_utf8(units.data(), units.size(), nullptr, 0, &length, &bad), -1);
    EXPECT_EQ(bad, 1u);
}

TEST(Utf16ToUtf8, FailsAtALoneLowSurrogate)
{
    std::vector<uint16_t> units = {0xDF1C, 'a'};
    size_t length = 0;
    size_t bad = 7;
    EXPECT_EQ(utf16_to_utf8(units.data(), units.size(), nullptr, 0, &length, &bad), -1);
    EXPECT_EQ(bad, 0u);
}

TEST(Utf16ToUtf8, SwappedPairIsTwoLoneSurrogates)
{
    std::vector<uint16_t> units = {0xDF1C, 0xD83C};
    size_t length = 0;
    size_t bad = 7;
    EXPECT_EQ(utf16_to_utf8(units.data(), units.size(), nullptr, 0, &length, &bad), -1);
    EXPECT_EQ(bad, 0u);
}

TEST(Utf16ToUtf8, RefusesAnOutputBufferTooSmallWithoutWritingPastIt)
{
    std::string out(4, '#');
    size_t length = 0;
    size_t bad = 0;
    EXPECT_EQ(utf16_to_utf8(kMoonUnits.data(), kMoonUnits.size(), out.data(), 3, &length, &bad),
              -1);
    EXPECT_EQ(bad, kMoonUnits.size());
    EXPECT_EQ(out[3], '#');
}

TEST(Utf16ToUtf8, KeepsUPlus0000AsANulByte)
{
    std::vector<uint16_t> units = {'a', 0, 'b'};
    EXPECT_EQ(ToUtf8(units), std::string("a\0b", 3));
}

TEST(Utf16TerminatedLength, CountsUnitsBeforeTheZero)
{
    std::vector<uint16_t> units = {'x', 0xD83C, 0xDF1C, 0, 'y'};
    EXPECT_EQ(utf16_terminated_length(units.data()), 3u);
}

std::vector<uint16_t> FromUtf8(const std::string &text, size_t capacity, utf16_written *written)
{
    std::vector<uint16_t> out(capacity + 1, 0xAAAA); // one guard unit past the capacity
    utf16_from_utf8(text.data(), text.size(), out.data(), capacity, written);
    EXPECT_EQ(out[capacity], 0xAAAA) << "wrote past the capacity";
    out.resize(written->written_units);
    return out;
}

TEST(Utf16FromUtf8, ConvertsASurrogatePairAndTerminates)
{
    utf16_written written{};
    std::vector<uint16_t> out(16, 0xAAAA);
    utf16_from_utf8(kMoonUtf8.data(), kMoonUtf8.size(), out.data(), out.size(), &written);
    EXPECT_EQ(written.written_units, 6u);
    EXPECT_EQ(written.total_units, 6u);
    EXPECT_FALSE(written.is_truncated);
    EXPECT_EQ(written.consumed_bytes, kMoonUtf8.size());
    EXPECT_EQ(std::vector<uint16_t>(out.begin(), out.begin() + 6), kMoonUnits);
    EXPECT_EQ(out[6], 0);
}

TEST(Utf16FromUtf8, TruncatesBeforeAPairThatDoesNotFitWhole)
{
    // Room for 3 units of text: "x " fits, the pair would need units 3 and 4.
    utf16_written written{};
    std::vector<uint16_t> out = FromUtf8(kMoonUtf8, 4, &written);
    EXPECT_EQ(out, (std::vector<uint16_t>{'x', ' '}));
    EXPECT_EQ(written.total_units, 6u);
    EXPECT_TRUE(written.is_truncated);
    EXPECT_EQ(written.consumed_bytes, 2u);
}

TEST(Utf16FromUtf8, KeepsAPairThatFitsExactly)
{
    utf16_written written{};
    std::vector<uint16_t> out = FromUtf8(kMoonUtf8, 5, &written);
    EXPECT_EQ(out, (std::vector<uint16_t>{'x', ' ', 0xD83C, 0xDF1C}));
    EXPECT_TRUE(written.is_truncated);
    EXPECT_EQ(written.total_units, 6u);
}

TEST(Utf16FromUtf8, CapacityOneHoldsOnlyTheTerminator)
{
    std::vector<uint16_t> out = {0xAAAA, 0xAAAA};
    utf16_written written{};
    utf16_from_utf8("abc", 3, out.data(), 1, &written);
    EXPECT_EQ(out[0], 0);
    EXPECT_EQ(out[1], 0xAAAA);
    EXPECT_EQ(written.written_units, 0u);
    EXPECT_EQ(written.total_units, 3u);
    EXPECT_TRUE(written.is_truncated);
}

TEST(Utf16FromUtf8, NullOutputMeasuresOnly)
{
    utf16_written written{};
    utf16_from_utf8(kMoonUtf8.data(), kMoonUtf8.size(), nullptr, 100, &written);
    EXPECT_EQ(written.written_units, 0u);
    EXPECT_EQ(written.total_units, 6u);
    EXPECT_TRUE(written.is_truncated);
    EXPECT_EQ(utf16_length_of_utf8(kMoonUtf8.data(), kMoonUtf8.size()), 6u);
}

TEST(Utf16FromUtf8, EmptyTextStoresOnlyTheTerminatorAndIsNotTruncated)
{
    uint16_t out[2] = {0xAAAA, 0xAAAA};
    utf16_written written{};
    utf16_from_utf8("", 0, out, 2, &written);
    EXPECT_EQ(out[0], 0);
    EXPECT_EQ(written.total_units, 0u);
    EXPECT_FALSE(written.is_truncated);
}

TEST(Utf16FromUtf8, ReplacesEachMalformedByteWithUFFFD)
{
    // A lone continuation byte, an overlong "/" (C0 AF), an encoded
    // surrogate (ED A0 80), a sequence cut short at the end (E6 BC).
    std::string text = "a\x80" "b\xC0\xAF" "c\xED\xA0\x80" "d\xE6\xBC";
    utf16_written written{};
    std::vector<uint16_t> out = FromUtf8(text, 32, &written);
    const uint16_t R = UTF16_REPLACEMENT_CHARACTER;
    EXPECT_EQ(out, (std::vector<uint16_t>{'a', R, 'b', R, R, 'c', R, R, R, 'd', R, R}));
    EXPECT_EQ(written.total_units, out.size());
    EXPECT_EQ(utf16_length_of_utf8(text.data(), text.size()), out.size());
}

TEST(Utf16FromUtf8, RefusesCodePointsPastU10FFFF)
{
    std::string text = "\xF4\x90\x80\x80"; // would be U+110000
    utf16_written written{};
    std::vector<uint16_t> out = FromUtf8(text, 8, &written);
    EXPECT_EQ(out.size(), 4u);
    for (uint16_t unit : out)
        EXPECT_EQ(unit, UTF16_REPLACEMENT_CHARACTER);
}

TEST(Utf16RoundTrip, EveryPlaneSurvivesBothDirections)
{
    std::vector<uint16_t> units;
    for (uint32_t code_point : {0x24u, 0xA2u, 0x20ACu, 0xFFFDu, 0x10348u, 0x1F31Cu, 0x10FFFFu}) {
        if (code_point < 0x10000u) {
            units.push_back(static_cast<uint16_t>(code_point));
        } else {
            uint32_t value = code_point - 0x10000u;
            units.push_back(static_cast<uint16_t>(0xD800u + (value >> 10)));
            units.push_back(static_cast<uint16_t>(0xDC00u + (value & 0x3FFu)));
        }
    }
    std::string utf8 = ToUtf8(units);
    utf16_written written{};
    std::vector<uint16_t> back = FromUtf8(utf8, units.size() + 1, &written);
    EXPECT_EQ(back, units);
    EXPECT_FALSE(written.is_truncated);
}

} // namespace
