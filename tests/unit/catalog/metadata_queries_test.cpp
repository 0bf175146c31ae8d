// catalog/metadata_queries: the exact SQL text of the pg_type and
// pg_attribute look-ups for no, one and several entries, duplicates listed
// once, and a buffer too small to hold the query.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

extern "C" {
#include "catalog/metadata_queries.h"
#include "util/buf.h"
}

namespace {

const std::string type_head =
    "SELECT t.oid, t.typname, CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END, "
    "CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE -1 END "
    "FROM pg_catalog.pg_type t WHERE t.oid IN (";

const std::string attribute_head =
    "SELECT a.attrelid, a.attnum, a.attnotnull, a.attname, c.relname, n.nspname, "
    "a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_catalog.pg_attrdef d "
    "WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%') "
    "FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE (a.attrelid, a.attnum) IN (";

class MetadataQueries : public ::testing::Test {
protected:
    void SetUp() override { buf_init(&sql, 1u << 20); }
    void TearDown() override { buf_reset(&sql); }
    std::string text() const
    {
        return std::string(reinterpret_cast<const char *>(sql.data), sql.length);
    }
    struct buf sql;
};

TEST_F(MetadataQueries, TypeQueryWithNoOidsAppendsNothing)
{
    ASSERT_EQ(catalog_append_type_query(&sql, nullptr, 0), 0);
    EXPECT_EQ(sql.length, 0u);
}

TEST_F(MetadataQueries, TypeQueryWithOneOid)
{
    const uint32_t oids[] = {16384};
    ASSERT_EQ(catalog_append_type_query(&sql, oids, 1), 0);
    EXPECT_EQ(text(), type_head + "16384)");
}

TEST_F(MetadataQueries, TypeQueryListsSeveralOidsOnceInOrder)
{
    const uint32_t oids[] = {16384, 790, 16384, 4294967295u, 790};
    ASSERT_EQ(catalog_append_type_query(&sql, oids, 5), 0);
    EXPECT_EQ(text(), type_head + "16384,790,4294967295)");
}

TEST_F(MetadataQueries, TypeQueryAppendsAfterExistingText)
{
    ASSERT_EQ(buf_append(&sql, "x", 1), 0);
    const uint32_t oids[] = {7};
    ASSERT_EQ(catalog_append_type_query(&sql, oids, 1), 0);
    EXPECT_EQ(text(), "x" + type_head + "7)");
}

TEST_F(MetadataQueries, AttributeQueryWithNoColumnsAppendsNothing)
{
    ASSERT_EQ(catalog_append_attribute_query(&sql, nullptr, 0), 0);
    EXPECT_EQ(sql.length, 0u);
}

TEST_F(MetadataQueries, AttributeQueryWithOneColumn)
{
    const catalog_column_key keys[] = {{16390, 2}};
    ASSERT_EQ(catalog_append_attribute_query(&sql, keys, 1), 0);
    EXPECT_EQ(text(), attribute_head + "(16390,2))");
}

TEST_F(MetadataQueries, AttributeQueryListsSeveralPairsOnceInOrder)
{
    const catalog_column_key keys[] = {
        {16390, 1}, {16390, 3}, {16400, 1}, {16390, 1}, {4294967295u, 32767}};
    ASSERT_EQ(catalog_append_attribute_query(&sql, keys, 5), 0);
    EXPECT_EQ(text(), attribute_head + "(16390,1),(16390,3),(16400,1),(4294967295,32767))");
}

TEST(MetadataQueriesLimits, QueryLongerThanTheBufferFailsAndLeavesItEmpty)
{
    struct buf small;
    buf_init(&small, 64);
    const uint32_t oids[] = {1, 2, 3};
    EXPECT_EQ(catalog_append_type_query(&small, oids, 3), -1);
    EXPECT_EQ(small.length, 0u);
    const catalog_column_key keys[] = {{1, 1}};
    EXPECT_EQ(catalog_append_attribute_query(&small, keys, 1), -1);
    EXPECT_EQ(small.length, 0u);
    buf_reset(&small);
}

}  // namespace
