// Strict base64 (RFC 4648): the section 10 test vectors round trip; bad
// characters, whitespace, missing padding and non-canonical bits fail.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "util/base64.h"
}

namespace {

std::string Encode(const std::string &data)
{
    std::vector<char> out(base64_encoded_length(data.size()) + 1);
    EXPECT_EQ(base64_encode(data.data(), data.size(), out.data(), out.size()), 0);
    return std::string(out.data());
}

bool Decode(const std::string &text, std::string *out)
{
    std::vector<unsigned char> bytes(text.size() + 1);
    size_t length = 0;
    if (base64_decode(text.data(), text.size(), bytes.data(), bytes.size(), &length) != 0) {
        return false;
    }
    out->assign(reinterpret_cast<char *>(bytes.data()), length);
    return true;
}

TEST(Base64, EncodesRfc4648Vectors)
{
    EXPECT_EQ(Encode(""), "");
    EXPECT_EQ(Encode("f"), "Zg==");
    EXPECT_EQ(Encode("fo"), "Zm8=");
    EXPECT_EQ(Encode("foo"), "Zm9v");
    EXPECT_EQ(Encode("foob"), "Zm9vYg==");
    EXPECT_EQ(Encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, RoundTripsEveryByteValueAndLength)
{
    std::string data;
    for (int i = 0; i < 256; i++) {
        data += static_cast<char>(i);
        std::string decoded;
        ASSERT_TRUE(Decode(Encode(data), &decoded)) << i;
        EXPECT_EQ(decoded, data);
    }
}

TEST(Base64, EncodedLengthCountsPadding)
{
    EXPECT_EQ(base64_encoded_length(0), 0u);
    EXPECT_EQ(base64_encoded_length(1), 4u);
    EXPECT_EQ(base64_encoded_length(3), 4u);
    EXPECT_EQ(base64_encoded_length(4), 8u);
    EXPECT_EQ(base64_encoded_length(32), 44u);
}

TEST(Base64, EncodeRefusesTooSmallOutput)
{
    char out[4];
    EXPECT_EQ(base64_encode("foo", 3, out, sizeof out), -1); // no room for the NUL
}

TEST(Base64, DecodeRefusesMalformedInput)
{
    std::string out;
    for (const char *text : {"Zg", "Zg=", "Zm9", "Zg==Zg==", "Zm 9v", "Zm9v\n", "Z===",
                             "====", "Zm9*", "Zm=v", "Zh==", "Zm9=", "Zm8-", "Zm8_"}) {
        EXPECT_FALSE(Decode(text, &out)) << '"' << text << '"';
    }
}

TEST(Base64, DecodeRefusesResultLargerThanCapacity)
{
    unsigned char out[5];
    size_t length = 0;
    EXPECT_EQ(base64_decode("Zm9vYmFy", 8, out, sizeof out, &length), -1);
    unsigned char exact[6];
    ASSERT_EQ(base64_decode("Zm9vYmFy", 8, exact, sizeof exact, &length), 0);
    EXPECT_EQ(length, 6u);
}

TEST(Base64, DecodesEmptyInput)
{
    std::string out = "x";
    ASSERT_TRUE(Decode("", &out));
    EXPECT_EQ(out, "");
}

} // namespace
