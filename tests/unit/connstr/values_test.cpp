// Every value kind: good values land typed in struct connect_params, bad
// ones fail with HY024 and a message naming keyword, value and what is
// allowed.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "connstr_test_support.h"

extern "C" {
#include "connstr/values.h"
}

namespace {

// Converts "UID=u;<pair>" and expects success.
void ExpectGood(const std::string &pair, Params &params)
{
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;" + pair, params, &error), 0)
        << pair << ": " << error.message;
}

// Converts "UID=u;<pair>" and expects HY024 with exactly message.
void ExpectBad(const std::string &pair, const std::string &message)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;" + pair, params, &error), -1) << pair;
    EXPECT_STREQ(error.sqlstate, "HY024") << pair;
    EXPECT_EQ(std::string(error.message), message) << pair;
}

TEST(ConnstrValues, PortAcceptsOneTo65535)
{
    for (const char *text : {"1", "5432", "65535"}) {
        Params params;
        ExpectGood(std::string("Port=") + text, params);
        EXPECT_EQ(params->port, std::stoi(text));
    }
}

TEST(ConnstrValues, ConnectFailsNamingKeywordWhenPortIsNotANumber)
{
    ExpectBad("Port=54x2", "Port \"54x2\" is not a number from 1 to 65535");
    ExpectBad("Port=0", "Port \"0\" is not a number from 1 to 65535");
    ExpectBad("Port=65536", "Port \"65536\" is not a number from 1 to 65535");
    ExpectBad("Port=-1", "Port \"-1\" is not a number from 1 to 65535");
    ExpectBad("Port=+5", "Port \"+5\" is not a number from 1 to 65535");
    ExpectBad("Port={5 4}", "Port \"5 4\" is not a number from 1 to 65535");
    ExpectBad("Port=99999999999999999999",
              "Port \"99999999999999999999\" is not a number from 1 to 65535");
}

TEST(ConnstrValues, KeepaliveAcceptsEveryBooleanSpellingInAnyCase)
{
    struct Case {
        const char *text;
        bool expected;
    } cases[] = {{"1", true},     {"0", false},     {"yes", true}, {"NO", false},
                 {"True", true},  {"false", false}, {"ON", true},  {"off", false}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("TCPKeepalive=") + c.text, params);
        EXPECT_EQ(params->tcp_keepalive, c.expected) << c.text;
    }
}

TEST(ConnstrValues, KeepaliveRefusesOtherWords)
{
    ExpectBad("TCPKeepalive=maybe",
              "TCPKeepalive \"maybe\" is not one of 1/0, yes/no, true/false, on/off");
    ExpectBad("Keepalive=2", "TCPKeepalive \"2\" is not one of 1/0, yes/no, true/false, on/off");
}

TEST(ConnstrValues, TimeoutTakesDecimalSeconds)
{
    struct Case {
        const char *text;
        int64_t ms;
    } cases[] = {{"30", 30000}, {"2.5", 2500}, {"0.001", 1}, {"0.0001", 1}, {"1.250", 1250}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("Timeout=") + c.text, params);
        EXPECT_TRUE(params->has_timeout) << c.text;
        EXPECT_EQ(params->timeout_ms, c.ms) << c.text;
    }
}

TEST(ConnstrValues, TimeoutZeroMeansWaitForever)
{
    Params params;
    ExpectGood("Timeout=0", params);
    EXPECT_FALSE(params->has_timeout);
}

TEST(ConnstrValues, TimeoutRefusesNegativeAndGarbage)
{
    const std::string allowed =
        " is not a number of seconds from 0 to 2147483, decimals allowed (0 waits forever)";
    ExpectBad("Timeout=-1", "Timeout \"-1\"" + allowed);
    ExpectBad("Timeout=abc", "Timeout \"abc\"" + allowed);
    ExpectBad("ConnectTimeout=1e3", "Timeout \"1e3\"" + allowed);
    ExpectBad("Timeout=1.", "Timeout \"1.\"" + allowed);
    ExpectBad("Timeout=9999999", "Timeout \"9999999\"" + allowed);
}

TEST(ConnstrValues, SslModeAcceptsTheSixModes)
{
    struct Case {
        const char *text;
        enum params_ssl_mode mode;
    } cases[] = {{"disable", PARAMS_SSL_DISABLE},     {"allow", PARAMS_SSL_ALLOW},
                 {"prefer", PARAMS_SSL_PREFER},       {"require", PARAMS_SSL_REQUIRE},
                 {"verify-ca", PARAMS_SSL_VERIFY_CA}, {"Verify-Full", PARAMS_SSL_VERIFY_FULL}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("sslmode=") + c.text, params);
        EXPECT_EQ(params->ssl.mode, c.mode) << c.text;
    }
}

TEST(ConnstrValues, SslModeRefusesOthers)
{
    ExpectBad("SSLMode=maybe", "SSLMode \"maybe\" is not one of disable, allow, prefer, "
                               "require, verify-ca, verify-full");
    ExpectBad("SSLMode=verify_full", "SSLMode \"verify_full\" is not one of disable, allow, "
                                     "prefer, require, verify-ca, verify-full");
}

TEST(ConnstrValues, ChannelBindingTakesLibpqsThreeWords)
{
    struct Case {
        const char *text;
        enum params_channel_binding binding;
    } cases[] = {{"disable", PARAMS_CHANNEL_BINDING_DISABLE},
                 {"Prefer", PARAMS_CHANNEL_BINDING_PREFER},
                 {"REQUIRE", PARAMS_CHANNEL_BINDING_REQUIRE}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("channel_binding=") + c.text + ";SSLMode=require", params);
        EXPECT_EQ(params->channel_binding, c.binding) << c.text;
    }
    Params defaults;
    ExpectGood("", defaults);
    EXPECT_EQ(defaults->channel_binding, PARAMS_CHANNEL_BINDING_PREFER);
    EXPECT_EQ(defaults->allowed_auth, PARAMS_AUTH_ALL);
    ExpectBad("ChannelBinding=yes",
              "ChannelBinding \"yes\" is not one of disable, prefer, require");
}

TEST(ConnstrValues, RequireAuthListsAllowedOrRefusedMethods)
{
    struct Case {
        const char *text;
        unsigned allowed;
    } cases[] = {
        {"scram-sha-256", PARAMS_AUTH_SCRAM},
        {"password, MD5", PARAMS_AUTH_PASSWORD | PARAMS_AUTH_MD5},
        {"none,scram-sha-256", PARAMS_AUTH_NONE | PARAMS_AUTH_SCRAM},
        {"!password", PARAMS_AUTH_ALL & ~PARAMS_AUTH_PASSWORD},
        {"!password,!md5, !none", PARAMS_AUTH_SCRAM | PARAMS_AUTH_GSS | PARAMS_AUTH_SSPI},
        {"gss,sspi,none", PARAMS_AUTH_GSS | PARAMS_AUTH_SSPI | PARAMS_AUTH_NONE},
    };
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("require_auth=") + c.text, params);
        EXPECT_EQ(params->allowed_auth, c.allowed) << c.text;
    }
}

TEST(ConnstrValues, RequireAuthRefusesMixedFormsRepeatsUnknownsAndEmptyItems)
{
    const std::string allowed = " is not a comma-separated list of none, password, md5, "
                                "scram-sha-256, gss, sspi: each named once, and either all or "
                                "none of them negated with !";
    for (const char *text : {"md5,!password", "!md5,password", "md5,md5", "!md5,!MD5",
                             "scram", "md5,", ",md5", "!", "kerberos"}) {
        ExpectBad(std::string("RequireAuth=") + text,
                  std::string("RequireAuth \"") + text + "\"" + allowed);
    }
}

TEST(ConnstrValues, KeepaliveTimingsAndUserTimeoutTakeLibpqsNamesAndBounds)
{
    Params params;
    ExpectGood("keepalives_idle=60;KeepalivesInterval=10;keepalives_count=5;"
               "tcp_user_timeout=30000",
               params);
    EXPECT_EQ(params->keepalives_idle_s, 60u);
    EXPECT_EQ(params->keepalives_interval_s, 10u);
    EXPECT_EQ(params->keepalives_count, 5u);
    EXPECT_EQ(params->tcp_user_timeout_ms, 30000u);
    Params defaults;
    ExpectGood("", defaults);
    EXPECT_EQ(defaults->keepalives_idle_s, 0u);
    EXPECT_EQ(defaults->tcp_user_timeout_ms, 0u);
    ExpectBad("KeepalivesIdle=32768",
              "KeepalivesIdle \"32768\" is not a number of seconds from 0 (the system's) to "
              "32767");
    ExpectBad("keepalives_count=-1",
              "KeepalivesCount \"-1\" is not a number from 0 (the system's) to 127");
    ExpectBad("TCPUserTimeout=1.5", "TCPUserTimeout \"1.5\" is not a number of milliseconds "
                                    "from 0 (the system's) to 2147483647");
}

TEST(ConnstrValues, TlsProtocolBoundsTakeLibpqsNames)
{
    Params params;
    ExpectGood("ssl_min_protocol_version=TLSv1.3;SSLMaxProtocolVersion=tlsv1.3", params);
    EXPECT_EQ(params->ssl.min_protocol, 0x0304);
    EXPECT_EQ(params->ssl.max_protocol, 0x0304);
    Params defaults;
    ExpectGood("", defaults);
    EXPECT_EQ(defaults->ssl.min_protocol, 0x0303) << "TLSv1.2, as libpq";
    EXPECT_EQ(defaults->ssl.max_protocol, 0);
    ExpectBad("SSLMinProtocolVersion=TLSv1.4",
              "SSLMinProtocolVersion \"TLSv1.4\" is not one of TLSv1, TLSv1.1, TLSv1.2, "
              "TLSv1.3");
}

TEST(ConnstrValues, SslFilesAreStored)
{
    Params params;
    ExpectGood("SSLRootCert=/r.pem;sslcert=/c.pem;SSLKey=/k.pem;sslcrl=/crl.pem", params);
    EXPECT_STREQ(params->ssl.root_cert, "/r.pem");
    EXPECT_STREQ(params->ssl.cert, "/c.pem");
    EXPECT_STREQ(params->ssl.key, "/k.pem");
    EXPECT_STREQ(params->ssl.crl, "/crl.pem");
}

TEST(ConnstrValues, ServerAcceptsNamesAndAddressesWithOrWithoutBrackets)
{
    struct Case {
        const char *text;
        const char *host;
    } cases[] = {{"db.example.com", "db.example.com"},
                 {"10.0.0.1", "10.0.0.1"},
                 {"::1", "::1"},
                 {"[::1]", "::1"},
                 {"[fe80::1%eth0]", "fe80::1%eth0"}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("Server=") + c.text, params);
        EXPECT_STREQ(params->host, c.host) << c.text;
    }
}

TEST(ConnstrValues, ServerRefusesUnbalancedBracketsAndSpaces)
{
    const std::string allowed =
        " is not a host name or IP address (an IPv6 address may be written in brackets)";
    ExpectBad("Server=[::1", "Server \"[::1\"" + allowed);
    ExpectBad("Host=::1]", "Server \"::1]\"" + allowed);
    ExpectBad("Server=[]", "Server \"[]\"" + allowed);
    ExpectBad("Server={a b}", "Server \"a b\"" + allowed);
}

TEST(ConnstrValues, EmptyServerKeepsTheDefault)
{
    Params params;
    ExpectGood("Server=", params);
    EXPECT_STREQ(params->host, "localhost");
}

TEST(ConnstrValues, SourceAddressForms)
{
    struct Case {
        const char *text;
        const char *host;
        uint16_t port;
    } cases[] = {{"10.1.2.3", "10.1.2.3", 0},   {"10.1.2.3:4000", "10.1.2.3", 4000},
                 {"myhost:0", "myhost", 0},     {"[::1]:6000", "::1", 6000},
                 {"[2001:db8::7]", "2001:db8::7", 0}, {"::1", "::1", 0},
                 {"fe80::1:2", "fe80::1:2", 0}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("SourceAddress=") + c.text, params);
        EXPECT_TRUE(params->has_source_address) << c.text;
        EXPECT_STREQ(params->source_host, c.host) << c.text;
        EXPECT_EQ(params->source_port, c.port) << c.text;
    }
}

TEST(ConnstrValues, SourceAddressRefusesBadForms)
{
    const std::string allowed = " is not host, host:port, [IPv6]:port or a bare IPv6 address, "
                                "with a port from 0 to 65535";
    for (const char *text : {"host:", ":80", "host:x", "host:65536", "[::1", "[::1]x",
                             "[::1]:", "[]:5", "[::1]:99999"}) {
        ExpectBad(std::string("SourceAddress=") + text,
                  std::string("SourceAddress \"") + text + "\"" + allowed);
    }
}

TEST(ConnstrValues, SourceAddressAbsentMeansNone)
{
    Params params;
    ExpectGood("", params);
    EXPECT_FALSE(params->has_source_address);
    EXPECT_EQ(params->source_host, nullptr);
}

TEST(ConnstrValues, ReplicationWords)
{
    struct Case {
        const char *text;
        enum params_replication value;
    } cases[] = {{"database", PARAMS_REPLICATION_DATABASE},
                 {"physical", PARAMS_REPLICATION_PHYSICAL},
                 {"TRUE", PARAMS_REPLICATION_PHYSICAL},
                 {"false", PARAMS_REPLICATION_NONE}};
    for (const Case &c : cases) {
        Params params;
        ExpectGood(std::string("Replication=") + c.text, params);
        EXPECT_EQ(params->replication, c.value) << c.text;
    }
    ExpectBad("Replication=logical", "Replication \"logical\" is not one of database, physical, "
                                     "true (physical), false (none)");
}

TEST(ConnstrValues, SockTakesANonNegativeDescriptor)
{
    Params params;
    ExpectGood("Sock=7", params);
    EXPECT_TRUE(params->has_sock);
    EXPECT_EQ(params->sock, 7);
    Params zero;
    ExpectGood("Sock=0", zero);
    EXPECT_TRUE(zero->has_sock);
    EXPECT_EQ(zero->sock, 0);
    const std::string allowed = " is not a socket descriptor number from 0 to 2147483647";
    ExpectBad("Sock=-1", "Sock \"-1\"" + allowed);
    ExpectBad("Sock=fd3", "Sock \"fd3\"" + allowed);
    ExpectBad("Sock=2147483648", "Sock \"2147483648\"" + allowed);
}

TEST(ConnstrValues, UnixSockIsAPath)
{
    Params params;
    ExpectGood("UnixSock=/tmp/.s.PGSQL.5432", params);
    EXPECT_STREQ(params->unix_sock, "/tmp/.s.PGSQL.5432");
}

TEST(ConnstrValues, EmptyDatabaseIsNone)
{
    Params params;
    ExpectGood("Database=", params);
    EXPECT_EQ(params->database, nullptr);
    Params named;
    ExpectGood("DB=shop", named);
    EXPECT_STREQ(named->database, "shop");
}

TEST(ConnstrValues, PasswordGoesIntoTheSecret)
{
    Params params;
    ExpectGood("PWD={p;w}}d}", params);
    ASSERT_TRUE(secret_is_set(&params->password));
    size_t length = 0;
    EXPECT_STREQ(secret_reveal(&params->password, &length), "p;w}d");
    EXPECT_EQ(length, 5u);
}

TEST(ConnstrValues, ApplicationNameIsText)
{
    Params params;
    ExpectGood("ApplicationName={My App; v1}", params);
    EXPECT_STREQ(params->application_name, "My App; v1");
}

TEST(ConnstrValues, ParamStyleIsValidated)
{
    Params params;
    ExpectGood("ParamStyle=format", params);
    ExpectBad("ParamStyle=named", "ParamStyle \"named\" is not one of qmark, format");
}

TEST(ConnstrValues, StartupParamsFromABracedStringValue)
{
    Params params;
    ExpectGood("StartupParams={search_path=public,audit;TimeZone=UTC}", params);
    ASSERT_EQ(params->startup_param_count, 2u);
    EXPECT_STREQ(params->startup_params[0].name, "search_path");
    EXPECT_STREQ(params->startup_params[0].value, "public,audit");
    EXPECT_STREQ(params->startup_params[1].name, "TimeZone");
    EXPECT_STREQ(params->startup_params[1].value, "UTC");
}

TEST(ConnstrValues, StartupParamsWithItsOwnBracesAsADsnFileHoldsIt)
{
    // "}}}" closes with an escaped brace: the value reaching the parser is
    // "{a=1; b = 2 ;}" with its own braces.
    Params params;
    ExpectGood("StartupParams={{a=1; b = 2 ;}}}", params);
    ASSERT_EQ(params->startup_param_count, 2u);
    EXPECT_STREQ(params->startup_params[1].name, "b");
    EXPECT_STREQ(params->startup_params[1].value, "2");
}

TEST(ConnstrValues, StartupParamsMayNotNameParametersThatHaveKeywords)
{
    struct Case {
        const char *name;
        const char *keyword;
    } cases[] = {{"user", "UID"},
                 {"DATABASE", "Database"},
                 {"application_name", "ApplicationName"},
                 {"Replication", "Replication"}};
    for (const Case &c : cases) {
        ExpectBad(std::string("StartupParams={TimeZone=UTC;") + c.name + "=x}",
                  std::string("StartupParams may not set \"") + c.name +
                      "\": use the keyword " + c.keyword + " instead");
    }
}

TEST(ConnstrValues, StartupParamsRefusesMalformedParts)
{
    ExpectBad("StartupParams={TimeZone}", "StartupParams part \"TimeZone\" is not name=value "
                                          "(the value is {name=value;name=value})");
    ExpectBad("StartupParams={=UTC}", "StartupParams part \"=UTC\" has no parameter name "
                                      "(the value is {name=value;name=value})");
    ExpectBad("StartupParams={a=1;A=2}", "StartupParams sets \"A\" more than once");
    ExpectBad("StartupParams={{a=1}",
              "StartupParams \"{a=1\" opens a brace \"{\" but does not end with \"}\" "
              "(the value is {name=value;name=value})");
}

TEST(ConnstrValues, StartupParamsParserAddsNothingWhenAPartIsBad)
{
    Params params;
    struct error error;
    error_init(&error);
    const char text[] = "a=1;b=2;user=x";
    ASSERT_EQ(connstr_value_parse_startup_params("StartupParams", text, sizeof text - 1,
                                                 params.get(), &error),
              -1);
    EXPECT_EQ(params->startup_param_count, 0u);
}

TEST(ConnstrValues, AnEmptyValueMeansTheDefault)
{
    Params params;
    ExpectGood("Port=;SSLMode=;Timeout=;TCPKeepalive=;Replication=;Sock=;StartupParams=", params);
    EXPECT_EQ(params->port, 5432);
    EXPECT_EQ(params->ssl.mode, PARAMS_SSL_PREFER);
    EXPECT_FALSE(params->has_timeout);
    EXPECT_TRUE(params->tcp_keepalive);
    EXPECT_EQ(params->replication, PARAMS_REPLICATION_NONE);
    EXPECT_FALSE(params->has_sock);
    EXPECT_EQ(params->startup_param_count, 0u);
}

} // namespace
