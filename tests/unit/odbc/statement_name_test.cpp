// Server statement names: "pgodbc_<id>" in decimal, for every id, and an
// empty name rather than a cut one when the buffer is too small.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>

// dbc.h is C only (atomics, handle casts): the one declaration is repeated.
extern "C" void odbc_dbc_statement_name(uint32_t statement_id, char *name, size_t name_size);
constexpr size_t ODBC_STATEMENT_NAME_MAX = 24; // as dbc.h

namespace {

std::string Name(uint32_t id, size_t size = ODBC_STATEMENT_NAME_MAX)
{
    char name[ODBC_STATEMENT_NAME_MAX] = {'x'};
    odbc_dbc_statement_name(id, name, size);
    return name;
}

TEST(StatementName, IsThePrefixAndTheIdInDecimal)
{
    EXPECT_EQ("pgodbc_0", Name(0));
    EXPECT_EQ("pgodbc_7", Name(7));
    EXPECT_EQ("pgodbc_10", Name(10));
    EXPECT_EQ("pgodbc_4294967295", Name(4294967295u));
    EXPECT_LE(Name(4294967295u).size() + 1, static_cast<size_t>(ODBC_STATEMENT_NAME_MAX));
}

TEST(StatementName, TooSmallABufferGetsAnEmptyName)
{
    EXPECT_EQ("", Name(123, 10)); // "pgodbc_123" needs 11 bytes
    EXPECT_EQ("pgodbc_123", Name(123, 11));
}

} // namespace
