// Host-name matching for verify-full (net/tls_verify.c): wildcard rules,
// case, embedded NULs, IP literals and IP SAN byte comparison.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "net/tls_verify.h"
}

namespace {

bool Matches(const std::string &certificate_name, const char *host)
{
    return tls_verify_dns_name_matches(certificate_name.data(), certificate_name.size(), host);
}

TEST(TlsVerifyDnsName, ExactNameMatchesIgnoringCase)
{
    EXPECT_TRUE(Matches("db.example.com", "db.example.com"));
    EXPECT_TRUE(Matches("DB.Example.COM", "db.example.com"));
    EXPECT_TRUE(Matches("localhost", "LOCALHOST"));
}

TEST(TlsVerifyDnsName, DifferentNamesDoNotMatch)
{
    EXPECT_FALSE(Matches("db.example.com", "db2.example.com"));
    EXPECT_FALSE(Matches("db.example.com", "db.example.co"));
    EXPECT_FALSE(Matches("db.example.co", "db.example.com"));
    EXPECT_FALSE(Matches("example.com", "db.example.com"));
}

TEST(TlsVerifyDnsName, WildcardMatchesExactlyOneLeftmostLabel)
{
    EXPECT_TRUE(Matches("*.example.com", "db.example.com"));
    EXPECT_TRUE(Matches("*.EXAMPLE.com", "Db.example.COM"));
    EXPECT_FALSE(Matches("*.example.com", "a.b.example.com"));
    EXPECT_FALSE(Matches("*.example.com", "example.com"));
    EXPECT_FALSE(Matches("*.example.com", ".example.com"));
    EXPECT_FALSE(Matches("*.example.com", "db.example.org"));
}

TEST(TlsVerifyDnsName, PartialLabelWildcardsNeverMatch)
{
    EXPECT_FALSE(Matches("db*.example.com", "db1.example.com"));
    EXPECT_FALSE(Matches("*db.example.com", "xdb.example.com"));
    EXPECT_FALSE(Matches("db.*.com", "db.example.com"));
    EXPECT_FALSE(Matches("*", "localhost"));
    EXPECT_FALSE(Matches("*.", "a."));
}

TEST(TlsVerifyDnsName, WildcardNeverMatchesAnIpLiteral)
{
    EXPECT_FALSE(Matches("*.0.0.1", "127.0.0.1"));
}

TEST(TlsVerifyDnsName, NameWithEmbeddedNulNeverMatches)
{
    std::string forged("db.example.com\0.evil.org", 25);
    EXPECT_FALSE(Matches(forged, "db.example.com"));
    EXPECT_FALSE(Matches(forged, "db.example.com.evil.org"));
}

TEST(TlsVerifyDnsName, EmptyNamesNeverMatch)
{
    EXPECT_FALSE(Matches("", "db.example.com"));
    EXPECT_FALSE(Matches("db.example.com", ""));
    EXPECT_FALSE(tls_verify_dns_name_matches(nullptr, 0, "x"));
    EXPECT_FALSE(tls_verify_dns_name_matches("x", 1, nullptr));
}

TEST(TlsVerifyDnsName, LengthIsHonouredRatherThanTerminator)
{
    const char *name = "db.example.comXYZ";
    EXPECT_TRUE(tls_verify_dns_name_matches(name, 14, "db.example.com"));
    EXPECT_FALSE(tls_verify_dns_name_matches(name, 17, "db.example.com"));
}

TEST(TlsVerifyDnsName, TrailingDotIsIgnored)
{
    EXPECT_TRUE(Matches("db.example.com.", "db.example.com"));
    EXPECT_TRUE(Matches("db.example.com", "db.example.com."));
    EXPECT_TRUE(Matches("*.example.com", "db.example.com."));
}

TEST(TlsVerifyIpLiteral, RecognisesIpv4AndIpv6WithOrWithoutBrackets)
{
    EXPECT_TRUE(tls_verify_host_is_ip_literal("127.0.0.1"));
    EXPECT_TRUE(tls_verify_host_is_ip_literal("::1"));
    EXPECT_TRUE(tls_verify_host_is_ip_literal("[::1]"));
    EXPECT_TRUE(tls_verify_host_is_ip_literal("2001:db8::5"));
    EXPECT_FALSE(tls_verify_host_is_ip_literal("localhost"));
    EXPECT_FALSE(tls_verify_host_is_ip_literal("db.example.com"));
    EXPECT_FALSE(tls_verify_host_is_ip_literal("[]"));
    EXPECT_FALSE(tls_verify_host_is_ip_literal(""));
    EXPECT_FALSE(tls_verify_host_is_ip_literal(nullptr));
    EXPECT_FALSE(tls_verify_host_is_ip_literal("300.1.1.1"));
}

TEST(TlsVerifyIpMatches, ComparesIpv4Bytes)
{
    const unsigned char loopback[4] = {127, 0, 0, 1};
    EXPECT_TRUE(tls_verify_ip_matches(loopback, 4, "127.0.0.1"));
    EXPECT_FALSE(tls_verify_ip_matches(loopback, 4, "127.0.0.2"));
    EXPECT_FALSE(tls_verify_ip_matches(loopback, 4, "localhost"));
    EXPECT_FALSE(tls_verify_ip_matches(loopback, 3, "127.0.0.1"));
}

TEST(TlsVerifyIpMatches, ComparesIpv6BytesWithOrWithoutBrackets)
{
    unsigned char loopback6[16] = {0};
    loopback6[15] = 1;
    EXPECT_TRUE(tls_verify_ip_matches(loopback6, 16, "::1"));
    EXPECT_TRUE(tls_verify_ip_matches(loopback6, 16, "[::1]"));
    EXPECT_TRUE(tls_verify_ip_matches(loopback6, 16, "0:0:0:0:0:0:0:1"));
    EXPECT_FALSE(tls_verify_ip_matches(loopback6, 16, "::2"));
    EXPECT_FALSE(tls_verify_ip_matches(loopback6, 16, "127.0.0.1"));
}

TEST(TlsVerifyIpMatches, Ipv4SanDoesNotMatchIpv6Host)
{
    const unsigned char loopback[4] = {127, 0, 0, 1};
    EXPECT_FALSE(tls_verify_ip_matches(loopback, 4, "::ffff:127.0.0.1"));
}

} // namespace
