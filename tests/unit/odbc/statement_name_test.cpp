// Server statement names (dbc_statement_cache.h): "pgodbc_", twelve
// random characters drawn per connection, "_", the id in hex; an empty name
// rather than a cut one when the buffer is too small. Two connections
// never share the random part, so clients sharing a server session through
// a transaction pooler cannot reach each other's statements.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

extern "C" {
#include "odbc/dbc_statement_cache.h"
}

namespace {

struct Cache {
    struct odbc_statement_cache cache;
    Cache() { odbc_statement_cache_init(&cache, 4); }
    ~Cache() { odbc_statement_cache_reset(&cache); }
    std::string Name(uint32_t id, size_t size = ODBC_STATEMENT_NAME_BYTES) const
    {
        char name[ODBC_STATEMENT_NAME_BYTES] = {'x'};
        odbc_statement_cache_name(&cache, id, name, size);
        return name;
    }
    std::string Prefix() const { return cache.name_prefix; }
};

TEST(StatementName, IsTheConnectionsPrefixAndTheIdInHex)
{
    Cache c;
    std::string prefix = c.Prefix();
    ASSERT_EQ(prefix.size(), 19u);
    EXPECT_EQ(prefix.substr(0, 7), "pgodbc_");
    for (char ch : prefix.substr(7)) {
        EXPECT_TRUE((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'v')) << prefix;
    }
    EXPECT_EQ(prefix + "_0", c.Name(0));
    EXPECT_EQ(prefix + "_7", c.Name(7));
    EXPECT_EQ(prefix + "_a", c.Name(10));
    EXPECT_EQ(prefix + "_10", c.Name(16));
    EXPECT_EQ(prefix + "_ffffffff", c.Name(4294967295u));
    EXPECT_EQ(c.Name(4294967295u).size() + 1, static_cast<size_t>(ODBC_STATEMENT_NAME_BYTES));
}

TEST(StatementName, TooSmallABufferGetsAnEmptyName)
{
    Cache c;
    EXPECT_EQ("", c.Name(0x123, 23)); // prefix + "_123" needs 24 bytes
    EXPECT_EQ(c.Prefix() + "_123", c.Name(0x123, 24));
}

TEST(StatementName, EveryConnectionDrawsItsOwnPrefix)
{
    std::set<std::string> prefixes;
    for (int i = 0; i < 200; ++i) {
        Cache c;
        prefixes.insert(c.Prefix());
    }
    EXPECT_EQ(prefixes.size(), 200u);
}

TEST(StatementName, ResetDrawsANewPrefixAndTurnOffKeepsIt)
{
    Cache c;
    std::string first = c.Prefix();
    odbc_statement_cache_reset(&c.cache);
    std::string second = c.Prefix();
    EXPECT_NE(first, second);
    EXPECT_EQ(c.cache.capacity, 4u);
    odbc_statement_cache_turn_off(&c.cache);
    EXPECT_EQ(c.Prefix(), second);
    EXPECT_EQ(c.cache.capacity, 0u);
    uint32_t evicted = 0;
    EXPECT_EQ(odbc_statement_cache_add(&c.cache, "SELECT 1", 8, nullptr, 0, 1, &evicted), -1)
        << "a turned-off cache keeps nothing";
}

TEST(StatementName, OwnNamesAreRecognisedInServerMessagesAndOthersAreNot)
{
    Cache mine;
    Cache other;
    std::string message = "prepared statement \"" + mine.Name(3) + "\" does not exist";
    EXPECT_TRUE(odbc_statement_cache_names_own(&mine.cache, message.c_str()));
    EXPECT_FALSE(odbc_statement_cache_names_own(&other.cache, message.c_str()));
    EXPECT_FALSE(odbc_statement_cache_names_own(
        &mine.cache, "prepared statement \"pgodbc_1\" does not exist"));
    EXPECT_FALSE(odbc_statement_cache_names_own(&mine.cache, nullptr));
}

} // namespace
