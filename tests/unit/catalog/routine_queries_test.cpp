// catalog/routine_queries: the exact text of the procedure-or-function
// look-up behind {call name(...)}, and the names it refuses to write into
// a string constant.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "catalog/routine_queries.h"
#include "util/buf.h"
}

namespace {

std::string query_for(const std::string &name, int *status)
{
    struct buf sql;
    buf_init(&sql, 1u << 16);
    *status = catalog_append_routine_kind_query(&sql, name.data(), name.size());
    std::string text(reinterpret_cast<const char *>(sql.data), sql.length);
    buf_reset(&sql);
    return text;
}

TEST(RoutineQueries, NameTravelsThroughParseIdentAsWritten)
{
    int status = -1;
    std::string text = query_for("sales.\"MyProc\"", &status);
    ASSERT_EQ(status, 0);
    EXPECT_EQ(text,
              "SELECT count(*) FILTER (WHERE p.prokind = 'p'), count(*) FILTER (WHERE p.prokind "
              "<> 'p') FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = "
              "p.pronamespace, (SELECT pg_catalog.parse_ident('sales.\"MyProc\"') AS parts) i "
              "WHERE p.proname = i.parts[pg_catalog.array_length(i.parts, 1)] AND CASE "
              "pg_catalog.array_length(i.parts, 1) WHEN 1 THEN "
              "pg_catalog.pg_function_is_visible(p.oid) ELSE n.nspname = "
              "i.parts[pg_catalog.array_length(i.parts, 1) - 1] OR (i.parts[pg_catalog."
              "array_length(i.parts, 1) - 1] = 'pg_temp' AND n.oid = "
              "pg_catalog.pg_my_temp_schema()) END");
}

TEST(RoutineQueries, RefusesNamesThatCannotBeAPlainStringConstant)
{
    int status = 0;
    EXPECT_EQ(query_for("x'; drop table t; --", &status), "");
    EXPECT_EQ(status, -1);
    EXPECT_EQ(query_for("a\\b", &status), "");
    EXPECT_EQ(status, -1);
    EXPECT_EQ(query_for(std::string("a\nb"), &status), "");
    EXPECT_EQ(status, -1);
    EXPECT_EQ(query_for("", &status), "");
    EXPECT_EQ(status, -1);
}

} // namespace
