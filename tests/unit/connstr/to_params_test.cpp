// Settings → struct connect_params: defaults, the specification's rules
// across keywords, and that params is written only on success.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "connstr_test_support.h"

namespace {

TEST(ConnstrToParams, FillsEveryParameter)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=alice;PWD=pw;Server=db1;Database=shop;Port=6543;"
                              "SourceAddress=10.0.0.5:7000;SSLMode=verify-full;"
                              "SSLRootCert=/ca.pem;Timeout=1.5;TCPKeepalive=off;"
                              "ApplicationName=app;Replication=database;"
                              "StartupParams={TimeZone=UTC}",
                              params, &error),
              0)
        << error.message;
    EXPECT_STREQ(params->user, "alice");
    EXPECT_STREQ(secret_reveal(&params->password, nullptr), "pw");
    EXPECT_STREQ(params->host, "db1");
    EXPECT_STREQ(params->database, "shop");
    EXPECT_EQ(params->port, 6543);
    EXPECT_STREQ(params->source_host, "10.0.0.5");
    EXPECT_EQ(params->source_port, 7000);
    EXPECT_EQ(params->ssl.mode, PARAMS_SSL_VERIFY_FULL);
    EXPECT_STREQ(params->ssl.root_cert, "/ca.pem");
    EXPECT_TRUE(params->has_timeout);
    EXPECT_EQ(params->timeout_ms, 1500);
    EXPECT_FALSE(params->tcp_keepalive);
    EXPECT_STREQ(params->application_name, "app");
    EXPECT_EQ(params->replication, PARAMS_REPLICATION_DATABASE);
    ASSERT_EQ(params->startup_param_count, 1u);
    EXPECT_STREQ(params->startup_params[0].name, "TimeZone");
    EXPECT_FALSE(params->has_sock);
    EXPECT_EQ(params->unix_sock, nullptr);
}

TEST(ConnstrToParams, UserOnlyGivesTheSpecificationDefaults)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=bob", params, &error), 0);
    EXPECT_STREQ(params->user, "bob");
    EXPECT_STREQ(params->host, "localhost");
    EXPECT_EQ(params->database, nullptr);
    EXPECT_EQ(params->port, 5432);
    EXPECT_FALSE(secret_is_set(&params->password));
    EXPECT_EQ(params->ssl.mode, PARAMS_SSL_PREFER);
    EXPECT_FALSE(params->has_timeout);
    EXPECT_TRUE(params->tcp_keepalive);
    EXPECT_EQ(params->replication, PARAMS_REPLICATION_NONE);
}

TEST(ConnstrToParams, ConnectFailsWhenNoUserIsGiven)
{
    for (const char *text : {"Server=h", "UID=;Server=h", ""}) {
        Params params;
        struct error error;
        ASSERT_EQ(ParseAndConvert(text, params, &error), -1) << text;
        EXPECT_STREQ(error.sqlstate, "08001");
        EXPECT_STREQ(error.message, "No user name was given (UID)");
    }
}

TEST(ConnstrToParams, UnixSockTogetherWithSockIsRefused)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;UnixSock=/tmp;Sock=5", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_NE(strstr(error.message, "UnixSock"), nullptr) << error.message;
    EXPECT_NE(strstr(error.message, "Sock"), nullptr) << error.message;
    EXPECT_NE(strstr(error.message, "Both"), nullptr) << error.message;
}

TEST(ConnstrToParams, PoliciesThatNoServerCouldSatisfyAreRefusedBeforeConnecting)
{
    struct Case {
        const char *text;
        const char *words;
    } cases[] = {
        {"UID=u;ChannelBinding=require;SSLMode=disable", "SSLMode is disable"},
        {"UID=u;ChannelBinding=require;RequireAuth=password,md5", "RequireAuth does not allow"},
        {"UID=u;RequireAuth=gss,sspi", "allows no authentication method pgodbc supports"},
        {"UID=u;RequireAuth=!none,!password,!md5,!scram-sha-256",
         "allows no authentication method"},
    };
    for (const Case &c : cases) {
        Params params;
        struct error error;
        ASSERT_EQ(ParseAndConvert(c.text, params, &error), -1) << c.text;
        EXPECT_STREQ(error.sqlstate, "08001") << c.text;
        EXPECT_NE(strstr(error.message, c.words), nullptr) << error.message;
    }
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;ChannelBinding=require;RequireAuth=scram-sha-256;"
                              "SSLMode=prefer",
                              params, &error),
              0)
        << error.message;
}

TEST(ConnstrToParams, SystemRootsMakeVerifyFullTheDefaultAndRefuseWeakerModes)
{
    Params upgraded;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;SSLRootCert=system", upgraded, &error), 0) << error.message;
    EXPECT_EQ(upgraded->ssl.mode, PARAMS_SSL_VERIFY_FULL);
    Params kept;
    ASSERT_EQ(ParseAndConvert("UID=u;SSLRootCert=system;sslmode=verify-full", kept, &error), 0);
    EXPECT_EQ(kept->ssl.mode, PARAMS_SSL_VERIFY_FULL);
    for (const char *mode : {"prefer", "require", "verify-ca", "disable"}) {
        Params refused;
        ASSERT_EQ(ParseAndConvert(std::string("UID=u;SSLRootCert=system;SSLMode=") + mode,
                                  refused, &error),
                  -1)
            << mode;
        EXPECT_STREQ(error.sqlstate, "08001");
        EXPECT_NE(strstr(error.message, "SSLRootCert=system"), nullptr) << error.message;
    }
    Params file;
    ASSERT_EQ(ParseAndConvert("UID=u;SSLRootCert=/etc/ca.pem", file, &error), 0);
    EXPECT_EQ(file->ssl.mode, PARAMS_SSL_PREFER) << "a file changes nothing";
}

TEST(ConnstrToParams, UnixSockAndHostTogetherAreAllowed)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;UnixSock=/tmp;Server=h", params, &error), 0);
    EXPECT_STREQ(params->unix_sock, "/tmp");
    EXPECT_STREQ(params->host, "h");
}

TEST(ConnstrToParams, ParamsAreUntouchedWhenAValueIsBad)
{
    Params params;
    ASSERT_EQ(params_set_string(&params->user, "before", 6), 0);
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=after;Port=x", params, &error), -1);
    EXPECT_STREQ(params->user, "before");
    EXPECT_EQ(params->port, 5432);
}

TEST(ConnstrToParams, BadValueIsReportedBeforeMissingUser)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("Port=abc", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_STREQ(error.message, "Port \"abc\" is not a number from 1 to 65535");
}

TEST(ConnstrToParams, OdbcKeywordsAreNotParameters)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("DSN=x;DRIVER={pg};FILEDSN=/f;SAVEFILE=/s;UID=u", params, &error),
              0);
    EXPECT_STREQ(params->user, "u");
}

} // namespace

extern "C" {
#include "util/alloc.h"
}

namespace {

// Fails each allocation in turn: every failure is HY001 (or a clean
// success once the walk passes the last allocation), never a crash or a
// leak (the sanitizer build checks the latter).
TEST(ConnstrToParams, EveryAllocationFailureIsReportedAsHy001)
{
    const std::string text = "UID=alice;PWD={p}}w};Server=[::1];Database=shop;"
                             "SourceAddress=[::1]:7000;UnixSock=/tmp;SSLRootCert=/r;"
                             "SSLCert=/c;SSLKey=/k;SSLCRL=/l;ApplicationName=app;"
                             "StartupParams={a=1;b=2;c=3}";
    bool reached_success = false;
    for (unsigned long n = 1; n < 500 && !reached_success; n++) {
        Settings settings;
        NoticeRecorder recorder;
        Params params;
        ASSERT_EQ(params.init_result(), 0);
        struct error error;
        alloc_fail_after(n);
        int result = ParseText(text, settings, recorder, &error);
        if (result == 0) {
            error_init(&error);
            result = connstr_settings_to_params(settings.get(), params.get(), &error);
        }
        alloc_fail_after(0);
        if (result == 0) {
            reached_success = true;
            EXPECT_EQ(params->startup_param_count, 3u);
        } else {
            EXPECT_STREQ(error.sqlstate, "HY001") << "allocation " << n << ": " << error.message;
        }
    }
    EXPECT_TRUE(reached_success);
}

} // namespace
