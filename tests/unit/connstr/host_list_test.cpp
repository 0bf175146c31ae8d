// Server and Port as lists (libpq's host and port): every host paired with
// its port, one Port for all or one per host, a count mismatch named; and
// the TargetSessionAttrs and LoadBalanceHosts values.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "connstr_test_support.h"

extern "C" {
#include "connstr/values.h"
}

namespace {

TEST(ConnstrHostList, SingleServerGivesOneHostWithThePort)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;Server=db1;Port=6000", params, &error), 0) << error.message;
    ASSERT_EQ(params->host_count, 1u);
    EXPECT_STREQ(params->hosts[0].name, "db1");
    EXPECT_EQ(params->hosts[0].port, 6000);
    EXPECT_EQ(params->host_list, nullptr);
}

TEST(ConnstrHostList, DefaultsGiveLocalhostOn5432)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u", params, &error), 0) << error.message;
    ASSERT_EQ(params->host_count, 1u);
    EXPECT_STREQ(params->hosts[0].name, "localhost");
    EXPECT_EQ(params->hosts[0].port, 5432);
}

TEST(ConnstrHostList, OnePortAppliesToEveryHost)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;Server=a,b,[::1];Port=7000", params, &error), 0)
        << error.message;
    ASSERT_EQ(params->host_count, 3u);
    EXPECT_STREQ(params->hosts[0].name, "a");
    EXPECT_STREQ(params->hosts[1].name, "b");
    EXPECT_STREQ(params->hosts[2].name, "::1");
    for (size_t i = 0; i < 3; i++) {
        EXPECT_EQ(params->hosts[i].port, 7000);
    }
    EXPECT_STREQ(params->host, "a"); // the first host stands for the list elsewhere
    EXPECT_EQ(params->port, 7000);
}

TEST(ConnstrHostList, OnePortPerHostPairsInOrder)
{
    Params params;
    struct error error;
    // Port before Server: the pairing does not depend on keyword order.
    ASSERT_EQ(ParseAndConvert("UID=u;Port=7001,7002;Server=a,b", params, &error), 0)
        << error.message;
    ASSERT_EQ(params->host_count, 2u);
    EXPECT_STREQ(params->hosts[0].name, "a");
    EXPECT_EQ(params->hosts[0].port, 7001);
    EXPECT_STREQ(params->hosts[1].name, "b");
    EXPECT_EQ(params->hosts[1].port, 7002);
    EXPECT_EQ(params->port, 7001);
}

TEST(ConnstrHostList, PortListOfTheSingleDefaultHostMustHaveOneEntry)
{
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;Port=7001,7002", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_NE(std::strstr(error.message, "Port lists 2 ports"), nullptr) << error.message;
}

TEST(ConnstrHostList, PortCountMismatchIsHY024NamingBothKeywords)
{
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;Server=a,b,c;Port=1,2", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_NE(std::strstr(error.message, "Port lists 2 ports but Server lists 3 hosts"),
              nullptr)
        << error.message;
}

TEST(ConnstrHostList, EmptyHostEntryIsRefusedNamingServer)
{
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;Server=a,,b", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_NE(std::strstr(error.message, "Server \"a,,b\""), nullptr) << error.message;
    EXPECT_EQ(ParseAndConvert("UID=u;Server=a,", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
}

TEST(ConnstrHostList, BadPortEntryIsRefusedNamingPort)
{
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;Server=a,b;Port=1,0", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_NE(std::strstr(error.message, "Port \"1,0\""), nullptr) << error.message;
    EXPECT_EQ(ParseAndConvert("UID=u;Server=a,b;Port=1,,2", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
}

TEST(ConnstrHostList, ListItemsSplitAtEveryComma)
{
    const char *text = "a,bb,";
    size_t offset = 0;
    const char *item = nullptr;
    size_t length = 0;
    ASSERT_TRUE(connstr_value_next_list_item(text, 5, &offset, &item, &length));
    EXPECT_EQ(std::string(item, length), "a");
    ASSERT_TRUE(connstr_value_next_list_item(text, 5, &offset, &item, &length));
    EXPECT_EQ(std::string(item, length), "bb");
    ASSERT_TRUE(connstr_value_next_list_item(text, 5, &offset, &item, &length));
    EXPECT_EQ(length, 0u); // the empty item after the trailing comma
    EXPECT_FALSE(connstr_value_next_list_item(text, 5, &offset, &item, &length));
}

TEST(ConnstrHostList, TargetSessionAttrsTakesLibpqsSixValuesInAnyCase)
{
    const struct {
        const char *text;
        enum params_target_session target;
    } cases[] = {{"any", PARAMS_TARGET_ANY},
                 {"read-write", PARAMS_TARGET_READ_WRITE},
                 {"READ-ONLY", PARAMS_TARGET_READ_ONLY},
                 {"primary", PARAMS_TARGET_PRIMARY},
                 {"Standby", PARAMS_TARGET_STANDBY},
                 {"prefer-standby", PARAMS_TARGET_PREFER_STANDBY}};
    for (const auto &item : cases) {
        Params params;
        struct error error;
        ASSERT_EQ(ParseAndConvert(std::string("UID=u;TargetSessionAttrs=") + item.text, params,
                                  &error),
                  0)
            << item.text << ": " << error.message;
        EXPECT_EQ(params->target_session, item.target) << item.text;
    }
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u", params, &error), 0);
    EXPECT_EQ(params->target_session, PARAMS_TARGET_ANY);
}

TEST(ConnstrHostList, TargetSessionAttrsRefusesOtherWordsWithHY024)
{
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;TargetSessionAttrs=master", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_NE(std::strstr(error.message, "TargetSessionAttrs \"master\""), nullptr)
        << error.message;
}

TEST(ConnstrHostList, LoadBalanceHostsTakesDisableOrRandom)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u", params, &error), 0);
    EXPECT_EQ(params->load_balance, PARAMS_LOAD_BALANCE_DISABLE);
    ASSERT_EQ(ParseAndConvert("UID=u;LoadBalanceHosts=Random", params, &error), 0)
        << error.message;
    EXPECT_EQ(params->load_balance, PARAMS_LOAD_BALANCE_RANDOM);
    EXPECT_EQ(ParseAndConvert("UID=u;LoadBalanceHosts=roundrobin", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
}

// UnixSock and Server lists: an entry starting with '/' is a socket path,
// any other a host name, in either keyword (libpq's host list rule); a
// single UnixSock value is a socket path whatever it looks like.
TEST(ConnstrHostList, UnixSockListOfTwoPathsGivesTwoSocketHosts)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;UnixSock=/a,/b", params, &error), 0) << error.message;
    ASSERT_EQ(params->host_count, 2u);
    EXPECT_STREQ(params->hosts[0].name, "/a");
    EXPECT_TRUE(params->hosts[0].is_socket);
    EXPECT_STREQ(params->hosts[1].name, "/b");
    EXPECT_TRUE(params->hosts[1].is_socket);
}

TEST(ConnstrHostList, UnixSockListMixingAPathAndANameGivesASocketAndAHost)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;UnixSock=/a,db1;Port=7000", params, &error), 0)
        << error.message;
    ASSERT_EQ(params->host_count, 2u);
    EXPECT_STREQ(params->hosts[0].name, "/a");
    EXPECT_TRUE(params->hosts[0].is_socket);
    EXPECT_STREQ(params->hosts[1].name, "db1");
    EXPECT_FALSE(params->hosts[1].is_socket);
    EXPECT_EQ(params->hosts[1].port, 7000);
}

TEST(ConnstrHostList, ServerListEntryStartingWithSlashIsASocket)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;Server=db1,/tmp", params, &error), 0) << error.message;
    ASSERT_EQ(params->host_count, 2u);
    EXPECT_STREQ(params->hosts[0].name, "db1");
    EXPECT_FALSE(params->hosts[0].is_socket);
    EXPECT_STREQ(params->hosts[1].name, "/tmp");
    EXPECT_TRUE(params->hosts[1].is_socket);
}

TEST(ConnstrHostList, SingleRelativeUnixSockStaysASocketPath)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;UnixSock=rel/path", params, &error), 0) << error.message;
    ASSERT_EQ(params->host_count, 1u);
    EXPECT_STREQ(params->hosts[0].name, "rel/path");
    EXPECT_TRUE(params->hosts[0].is_socket);
}

} // namespace
