// struct connect_params: the specification's defaults, string fields,
// startup parameters, reset, and the names of the typed enums.
#include <gtest/gtest.h>

#include <cstring>

extern "C" {
#include "params/connect_params.h"
}

namespace {

class ConnectParams : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(params_init(&params_), 0); }
    void TearDown() override { params_reset(&params_); }
    struct connect_params params_;
};

TEST_F(ConnectParams, InitSetsTheSpecificationDefaults)
{
    EXPECT_EQ(params_.user, nullptr);
    EXPECT_STREQ(params_.host, "localhost");
    EXPECT_EQ(params_.database, nullptr);
    EXPECT_EQ(params_.port, 5432);
    EXPECT_FALSE(secret_is_set(&params_.password));
    EXPECT_FALSE(params_.has_source_address);
    EXPECT_EQ(params_.source_host, nullptr);
    EXPECT_EQ(params_.unix_sock, nullptr);
    EXPECT_EQ(params_.ssl.mode, PARAMS_SSL_PREFER);
    EXPECT_EQ(params_.ssl.root_cert, nullptr);
    EXPECT_EQ(params_.ssl.cert, nullptr);
    EXPECT_EQ(params_.ssl.key, nullptr);
    EXPECT_EQ(params_.ssl.crl, nullptr);
    EXPECT_FALSE(params_.has_timeout);
    EXPECT_TRUE(params_.tcp_keepalive);
    EXPECT_EQ(params_.application_name, nullptr);
    EXPECT_EQ(params_.replication, PARAMS_REPLICATION_NONE);
    EXPECT_EQ(params_.startup_param_count, 0u);
    EXPECT_FALSE(params_.has_sock);
    EXPECT_EQ(params_.sock, -1);
}

TEST_F(ConnectParams, SetStringCopiesAndReplacesAndClears)
{
    char text[] = "alice";
    ASSERT_EQ(params_set_string(&params_.user, text, 5), 0);
    text[0] = 'X';
    EXPECT_STREQ(params_.user, "alice");
    ASSERT_EQ(params_set_string(&params_.user, "bobby", 3), 0);
    EXPECT_STREQ(params_.user, "bob");
    ASSERT_EQ(params_set_string(&params_.user, nullptr, 0), 0);
    EXPECT_EQ(params_.user, nullptr);
}

TEST_F(ConnectParams, StartupParamsAreAppendedInOrderAsCopies)
{
    ASSERT_EQ(params_add_startup_param(&params_, "TimeZone", 8, "UTC", 3), 0);
    ASSERT_EQ(params_add_startup_param(&params_, "search_path=x", 11, "public,audit", 12), 0);
    ASSERT_EQ(params_add_startup_param(&params_, "empty", 5, "", 0), 0);
    ASSERT_EQ(params_.startup_param_count, 3u);
    EXPECT_STREQ(params_.startup_params[0].name, "TimeZone");
    EXPECT_STREQ(params_.startup_params[0].value, "UTC");
    EXPECT_STREQ(params_.startup_params[1].name, "search_path");
    EXPECT_STREQ(params_.startup_params[1].value, "public,audit");
    EXPECT_STREQ(params_.startup_params[2].value, "");
}

TEST_F(ConnectParams, ResetFreesEverythingAndAllowsInitAgain)
{
    ASSERT_EQ(params_set_string(&params_.database, "db", 2), 0);
    ASSERT_EQ(secret_set(&params_.password, "pw", 2), 0);
    ASSERT_EQ(params_add_startup_param(&params_, "a", 1, "b", 1), 0);
    params_.has_sock = true;
    params_.sock = 4;
    params_reset(&params_);
    EXPECT_EQ(params_.database, nullptr);
    EXPECT_EQ(params_.host, nullptr);
    EXPECT_FALSE(secret_is_set(&params_.password));
    EXPECT_EQ(params_.startup_param_count, 0u);
    EXPECT_EQ(params_.startup_params, nullptr);
    EXPECT_FALSE(params_.has_sock);
    EXPECT_EQ(params_.sock, -1);
    ASSERT_EQ(params_init(&params_), 0);
    EXPECT_STREQ(params_.host, "localhost");
}

TEST_F(ConnectParams, ResetTwiceIsHarmless)
{
    params_reset(&params_);
    params_reset(&params_);
    EXPECT_EQ(params_.host, nullptr);
    ASSERT_EQ(params_init(&params_), 0);
}

TEST(ConnectParamsNames, SslModeNamesAreLibpqs)
{
    EXPECT_STREQ(params_ssl_mode_name(PARAMS_SSL_DISABLE), "disable");
    EXPECT_STREQ(params_ssl_mode_name(PARAMS_SSL_ALLOW), "allow");
    EXPECT_STREQ(params_ssl_mode_name(PARAMS_SSL_PREFER), "prefer");
    EXPECT_STREQ(params_ssl_mode_name(PARAMS_SSL_REQUIRE), "require");
    EXPECT_STREQ(params_ssl_mode_name(PARAMS_SSL_VERIFY_CA), "verify-ca");
    EXPECT_STREQ(params_ssl_mode_name(PARAMS_SSL_VERIFY_FULL), "verify-full");
}

TEST(ConnectParamsNames, ReplicationGoesToTheServerAsDatabaseOrTrue)
{
    EXPECT_EQ(params_replication_wire_value(PARAMS_REPLICATION_NONE), nullptr);
    EXPECT_STREQ(params_replication_wire_value(PARAMS_REPLICATION_DATABASE), "database");
    EXPECT_STREQ(params_replication_wire_value(PARAMS_REPLICATION_PHYSICAL), "true");
}

} // namespace
