// Cryptographic primitives against published vectors: FIPS 180-2 (SHA-256),
// RFC 4231 (HMAC-SHA-256), RFC 7914 section 11 / common PBKDF2-HMAC-SHA256
// vectors, RFC 1321 (MD5).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "util/crypto.h"
}

namespace {

std::string Hex(const unsigned char *bytes, size_t length)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < length; i++) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

TEST(Crypto, Sha256OfAbcMatchesFips180)
{
    unsigned char digest[CRYPTO_SHA256_BYTES];
    ASSERT_EQ(crypto_sha256("abc", 3, digest), 0);
    EXPECT_EQ(Hex(digest, sizeof digest),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Sha256OfEmptyInput)
{
    unsigned char digest[CRYPTO_SHA256_BYTES];
    ASSERT_EQ(crypto_sha256("", 0, digest), 0);
    EXPECT_EQ(Hex(digest, sizeof digest),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Crypto, HmacSha256MatchesRfc4231TestCase1)
{
    unsigned char key[20];
    std::memset(key, 0x0b, sizeof key);
    unsigned char mac[CRYPTO_SHA256_BYTES];
    ASSERT_EQ(crypto_hmac_sha256(key, sizeof key, "Hi There", 8, mac), 0);
    EXPECT_EQ(Hex(mac, sizeof mac),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(Crypto, HmacSha256MatchesRfc4231TestCase2)
{
    const char *data = "what do ya want for nothing?";
    unsigned char mac[CRYPTO_SHA256_BYTES];
    ASSERT_EQ(crypto_hmac_sha256("Jefe", 4, data, std::strlen(data), mac), 0);
    EXPECT_EQ(Hex(mac, sizeof mac),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Pbkdf2Sha256MatchesKnownVectors)
{
    unsigned char out[CRYPTO_SHA256_BYTES];
    ASSERT_EQ(crypto_pbkdf2_sha256("password", 8, "salt", 4, 1, out), 0);
    EXPECT_EQ(Hex(out, sizeof out),
              "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    ASSERT_EQ(crypto_pbkdf2_sha256("password", 8, "salt", 4, 4096, out), 0);
    EXPECT_EQ(Hex(out, sizeof out),
              "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
}

TEST(Crypto, Pbkdf2RefusesZeroIterations)
{
    unsigned char out[CRYPTO_SHA256_BYTES];
    EXPECT_EQ(crypto_pbkdf2_sha256("password", 8, "salt", 4, 0, out), -1);
}

TEST(Crypto, Md5HexOfAbcMatchesRfc1321)
{
    char hex[CRYPTO_MD5_HEX_CHARS + 1];
    ASSERT_EQ(crypto_md5_hex("abc", 3, "", 0, hex), 0);
    EXPECT_STREQ(hex, "900150983cd24fb0d6963f7d28e17f72");
    // a||b is hashed as one message, as PostgreSQL's md5(password || user).
    ASSERT_EQ(crypto_md5_hex("a", 1, "bc", 2, hex), 0);
    EXPECT_STREQ(hex, "900150983cd24fb0d6963f7d28e17f72");
}

TEST(Crypto, RandomBytesFillTheBuffer)
{
    unsigned char first[32] = {0};
    unsigned char second[32] = {0};
    ASSERT_EQ(crypto_random_bytes(first, sizeof first), 0);
    ASSERT_EQ(crypto_random_bytes(second, sizeof second), 0);
    EXPECT_NE(std::memcmp(first, second, sizeof first), 0);
}

TEST(Crypto, ConstantTimeEqualityReportsEqualAndDifferent)
{
    EXPECT_EQ(crypto_equal_constant_time("abcd", "abcd", 4), 1);
    EXPECT_EQ(crypto_equal_constant_time("abcd", "abce", 4), 0);
    EXPECT_EQ(crypto_equal_constant_time("x", "y", 0), 1);
}

} // namespace
