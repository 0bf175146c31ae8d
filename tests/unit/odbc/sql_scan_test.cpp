// odbc/sql_scan.c: counting top-level statements decides the protocol, so
// a ';' inside any quoted or commented text must not count.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "odbc/sql_scan.h"
}

namespace {

size_t Count(const std::string &sql)
{
    return odbc_sql_count_statements(sql.data(), sql.size());
}

TEST(SqlScan, OneStatementWithOrWithoutTrailingSemicolon)
{
    EXPECT_EQ(Count("SELECT 1"), 1u);
    EXPECT_EQ(Count("SELECT 1;"), 1u);
    EXPECT_EQ(Count("  SELECT 1 ;  ;; "), 1u);
}

TEST(SqlScan, EmptyAndCommentOnlyTextsHoldNoStatement)
{
    EXPECT_EQ(Count(""), 0u);
    EXPECT_EQ(Count(" ; -- nothing\n /* here */ "), 0u);
}

TEST(SqlScan, SemicolonsSeparateStatements)
{
    EXPECT_EQ(Count("SELECT 1; SELECT 2"), 2u);
    EXPECT_EQ(Count("INSERT INTO t VALUES (1);UPDATE t SET a = 2;DELETE FROM t;"), 3u);
}

TEST(SqlScan, SemicolonsInsideQuotesDoNotCount)
{
    EXPECT_EQ(Count("SELECT 'a;b', 'it''s;'"), 1u);
    EXPECT_EQ(Count("SELECT \"odd;name\" FROM \"t\"\"x;\""), 1u);
    EXPECT_EQ(Count("SELECT E'back\\';slash'"), 1u);
    EXPECT_EQ(Count("SELECT 'plain\\'; SELECT 2"), 2u);
}

TEST(SqlScan, DollarQuotesAndParametersAreTellApart)
{
    EXPECT_EQ(Count("SELECT $$a;b$$"), 1u);
    EXPECT_EQ(Count("SELECT $fn$ x; $$ y; $fn$"), 1u);
    EXPECT_EQ(Count("SELECT $1; SELECT $2"), 2u);
    EXPECT_EQ(Count("SELECT a$b; SELECT 2"), 2u);
}

TEST(SqlScan, CommentsHideSemicolons)
{
    EXPECT_EQ(Count("SELECT 1 -- ; not here\n"), 1u);
    EXPECT_EQ(Count("SELECT /* ; /* nested ; */ still ; */ 1"), 1u);
    EXPECT_EQ(Count("SELECT 1 /* ; */; SELECT 2"), 2u);
}

TEST(SqlScan, UnterminatedQuoteSwallowsTheRest)
{
    EXPECT_EQ(Count("SELECT 'open; SELECT 2"), 1u);
}

TEST(SqlScan, WithInsertReturningIsOneStatement)
{
    EXPECT_EQ(Count("WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x RETURNING *"), 1u);
}

} // namespace
