// odbc/command_tag.c: SQLRowCount and the dynamic function from
// CommandComplete tags.
#include <gtest/gtest.h>

extern "C" {
#include "odbc/command_tag.h"
}

namespace {

struct odbc_command_tag_info Parse(const char *tag)
{
    struct odbc_command_tag_info info;
    odbc_command_tag_parse(tag, &info);
    return info;
}

TEST(CommandTag, InsertCountIsTheLastNumberNotTheOid)
{
    EXPECT_EQ(5, Parse("INSERT 0 5").affected_rows);
    EXPECT_STREQ("INSERT", Parse("INSERT 0 5").dynamic_function);
    EXPECT_EQ(SQL_DIAG_INSERT, Parse("INSERT 0 5").dynamic_function_code);
}

TEST(CommandTag, CountingCommandsReportTheirRows)
{
    EXPECT_EQ(3, Parse("UPDATE 3").affected_rows);
    EXPECT_EQ(0, Parse("DELETE 0").affected_rows);
    EXPECT_EQ(12, Parse("SELECT 12").affected_rows);
    EXPECT_EQ(4, Parse("MOVE 4").affected_rows);
    EXPECT_EQ(2, Parse("FETCH 2").affected_rows);
    EXPECT_EQ(100, Parse("COPY 100").affected_rows);
    EXPECT_EQ(7, Parse("MERGE 7").affected_rows);
    EXPECT_EQ(SQL_DIAG_UPDATE_WHERE, Parse("UPDATE 3").dynamic_function_code);
    EXPECT_EQ(SQL_DIAG_SELECT_CURSOR, Parse("SELECT 12").dynamic_function_code);
}

TEST(CommandTag, OtherCommandsCountNoRows)
{
    EXPECT_EQ(-1, Parse("CREATE TABLE").affected_rows);
    EXPECT_EQ(SQL_DIAG_CREATE_TABLE, Parse("CREATE TABLE").dynamic_function_code);
    EXPECT_EQ(-1, Parse("DROP TABLE").affected_rows);
    EXPECT_EQ(-1, Parse("BEGIN").affected_rows);
    EXPECT_EQ(SQL_DIAG_UNKNOWN_STATEMENT, Parse("BEGIN").dynamic_function_code);
    EXPECT_STREQ("", Parse("SET").dynamic_function);
    EXPECT_EQ(-1, Parse(nullptr).affected_rows);
}

TEST(CommandTag, MalformedCountsAreMinusOne)
{
    EXPECT_EQ(-1, Parse("UPDATE").affected_rows);
    EXPECT_EQ(-1, Parse("UPDATE x").affected_rows);
    EXPECT_EQ(-1, Parse("SELECT -1").affected_rows);
    // a word that merely starts like a counting verb is not one
    EXPECT_EQ(-1, Parse("SELECTED 4").affected_rows);
}

} // namespace
