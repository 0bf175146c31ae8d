// catalog/row_queries: the exact SQL text of the row operations SQLSetPos
// and SQLBulkOperations run: identifiers quoted (embedded quotes doubled),
// parameters numbered in the documented order, ONLY where asked, the
// by-values identity as a scalar ctid subquery, and missing arguments
// refused.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "catalog/row_queries.h"
#include "util/buf.h"
}

namespace {

class RowQueries : public ::testing::Test {
protected:
    void SetUp() override { buf_init(&sql, 1u << 20); }
    void TearDown() override { buf_reset(&sql); }
    std::string text() const
    {
        return std::string(reinterpret_cast<const char *>(sql.data), sql.length);
    }
    struct buf sql;
    const char *keys[2] = {"id", "part"};
    const char *others[2] = {"name", "we\"ird"};
    struct catalog_row_table table = {"public", "My Table", true};
};

TEST_F(RowQueries, TableQueryTakesTheOidAsItsOnlyParameter)
{
    ASSERT_EQ(catalog_append_row_table_query(&sql), 0);
    EXPECT_EQ(text(),
              "SELECT n.nspname, c.relname, c.relkind, a.attnum, a.attname, "
              "COALESCE(a.attnum = ANY (i.indkey::pg_catalog.int2[]), false) "
              "FROM pg_catalog.pg_class c "
              "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
              "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
              "AND NOT a.attisdropped "
              "LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary "
              "WHERE c.oid = $1::pg_catalog.oid ORDER BY a.attnum");
}

TEST_F(RowQueries, UpdateByKeyNumbersSetValuesThenKeysThenComparesAndReturnsColumns)
{
    const char *set[2] = {"name", "we\"ird"};
    const char *returning[3] = {"id", "name", "we\"ird"};
    struct catalog_row_identity identity = {CATALOG_ROW_BY_KEY, keys, 1, others, 1};
    ASSERT_EQ(catalog_append_row_update(&sql, &table, set, 2, &identity, returning, 3), 0);
    EXPECT_EQ(text(), "UPDATE ONLY \"public\".\"My Table\" SET \"name\" = $1, \"we\"\"ird\" = $2 "
                      "WHERE \"id\" = $3 AND \"name\"::pg_catalog.text IS NOT DISTINCT FROM "
                      "$4::pg_catalog.text RETURNING \"id\", \"name\", \"we\"\"ird\"");
}

TEST_F(RowQueries, UpdateByValuesIsAScalarCtidSubqueryOverTheSameTable)
{
    const char *set[1] = {"name"};
    struct catalog_row_identity identity = {CATALOG_ROW_BY_VALUES, nullptr, 0, others, 2};
    ASSERT_EQ(catalog_append_row_update(&sql, &table, set, 1, &identity, nullptr, 0), 0);
    EXPECT_EQ(text(), "UPDATE ONLY \"public\".\"My Table\" SET \"name\" = $1 WHERE ctid = "
                      "(SELECT ctid FROM ONLY \"public\".\"My Table\" WHERE "
                      "\"name\"::pg_catalog.text IS NOT DISTINCT FROM $2::pg_catalog.text AND "
                      "\"we\"\"ird\"::pg_catalog.text IS NOT DISTINCT FROM $3::pg_catalog.text)");
}

TEST_F(RowQueries, DeleteByCompositeKeyWithoutOnlyForAPartitionedTable)
{
    struct catalog_row_table partitioned = {"s", "t", false};
    struct catalog_row_identity identity = {CATALOG_ROW_BY_KEY, keys, 2, nullptr, 0};
    ASSERT_EQ(catalog_append_row_delete(&sql, &partitioned, &identity), 0);
    EXPECT_EQ(text(), "DELETE FROM \"s\".\"t\" WHERE \"id\" = $1 AND \"part\" = $2");
}

TEST_F(RowQueries, SelectForUpdateReadsTheRowByKey)
{
    const char *columns[2] = {"id", "name"};
    struct catalog_row_identity identity = {CATALOG_ROW_BY_KEY, keys, 1, nullptr, 0};
    ASSERT_EQ(catalog_append_row_select(&sql, &table, columns, 2, &identity, true), 0);
    EXPECT_EQ(text(), "SELECT \"id\", \"name\" FROM ONLY \"public\".\"My Table\" WHERE "
                      "\"id\" = $1 FOR UPDATE");
}

TEST_F(RowQueries, InsertNamesItsColumnsAndNeverSaysOnly)
{
    const char *columns[2] = {"id", "we\"ird"};
    ASSERT_EQ(catalog_append_row_insert(&sql, &table, columns, 2), 0);
    EXPECT_EQ(text(), "INSERT INTO \"public\".\"My Table\" (\"id\", \"we\"\"ird\") VALUES ($1, $2)");
}

TEST_F(RowQueries, InsertReturnsTheColumnsTheCursorHolds)
{
    const char *columns[1] = {"id"};
    const char *returning[2] = {"id", "we\"ird"};
    ASSERT_EQ(catalog_append_row_insert(&sql, &table, columns, 1), 0);
    ASSERT_EQ(catalog_append_returning(&sql, returning, 2), 0);
    ASSERT_EQ(catalog_append_returning(&sql, returning, 0), 0);
    EXPECT_EQ(text(), "INSERT INTO \"public\".\"My Table\" (\"id\") VALUES ($1) RETURNING "
                      "\"id\", \"we\"\"ird\"");
}

TEST_F(RowQueries, InsertWithNoColumnUsesDefaultValues)
{
    ASSERT_EQ(catalog_append_row_insert(&sql, &table, nullptr, 0), 0);
    EXPECT_EQ(text(), "INSERT INTO \"public\".\"My Table\" DEFAULT VALUES");
}

TEST_F(RowQueries, MissingIdentityOrColumnsAreRefusedAndAppendNothing)
{
    const char *set[1] = {"name"};
    struct catalog_row_identity no_key = {CATALOG_ROW_BY_KEY, keys, 0, others, 2};
    struct catalog_row_identity no_values = {CATALOG_ROW_BY_VALUES, keys, 1, others, 0};
    EXPECT_EQ(catalog_append_row_update(&sql, &table, set, 1, &no_key, nullptr, 0), -1);
    EXPECT_EQ(catalog_append_row_delete(&sql, &table, &no_values), -1);
    struct catalog_row_identity by_key = {CATALOG_ROW_BY_KEY, keys, 1, nullptr, 0};
    EXPECT_EQ(catalog_append_row_update(&sql, &table, set, 0, &by_key, nullptr, 0), -1);
    EXPECT_EQ(catalog_append_row_select(&sql, &table, set, 0, &by_key, false), -1);
    EXPECT_EQ(sql.length, 0u);
}

TEST_F(RowQueries, ABufferTooSmallLeavesItEmpty)
{
    struct buf small;
    buf_init(&small, 16);
    struct catalog_row_identity identity = {CATALOG_ROW_BY_KEY, keys, 1, nullptr, 0};
    EXPECT_EQ(catalog_append_row_delete(&small, &table, &identity), -1);
    EXPECT_EQ(small.length, 0u);
    buf_reset(&small);
}

TEST_F(RowQueries, RowsetSelectJoinsNumberedKeysAndReturnsThePlaceFirst)
{
    const char *columns[3] = {"id", "part", "we\"ird"};
    ASSERT_EQ(catalog_append_rowset_select(&sql, &table, columns, 3, keys, 2, 2, true, false), 0);
    EXPECT_EQ(text(), "SELECT k.n, r.\"id\", r.\"part\", r.\"we\"\"ird\", r.\"xmin\" "
                      "FROM ONLY \"public\".\"My Table\" AS r "
                      "JOIN (VALUES (1, $1, $2), (2, $3, $4)) AS k (n, k1, k2) "
                      "ON r.\"id\" = k.k1 AND r.\"part\" = k.k2");
}

TEST_F(RowQueries, RowsetSelectLocksTheTableRowsWhenAsked)
{
    const char *columns[1] = {"id"};
    ASSERT_EQ(catalog_append_rowset_select(&sql, &table, columns, 1, keys, 1, 1, false, true), 0);
    EXPECT_EQ(text(), "SELECT k.n, r.\"id\" FROM ONLY \"public\".\"My Table\" AS r "
                      "JOIN (VALUES (1, $1)) AS k (n, k1) ON r.\"id\" = k.k1 FOR UPDATE OF r");
    buf_clear(&sql);
    EXPECT_EQ(catalog_append_rowset_select(&sql, &table, columns, 1, keys, 0, 1, false, false), -1);
    EXPECT_EQ(catalog_append_rowset_select(&sql, &table, columns, 1, keys, 1, 0, false, false), -1);
    EXPECT_EQ(sql.length, 0u);
}

TEST_F(RowQueries, RowVersionIsTheLastParameterOfAByKeyIdentity)
{
    struct catalog_row_identity identity = {CATALOG_ROW_BY_KEY, keys, 1, others, 1, true};
    ASSERT_EQ(catalog_append_row_delete(&sql, &table, &identity), 0);
    EXPECT_EQ(text(), "DELETE FROM ONLY \"public\".\"My Table\" WHERE \"id\" = $1 AND "
                      "\"name\"::pg_catalog.text IS NOT DISTINCT FROM $2::pg_catalog.text AND "
                      "\"xmin\" = $3::pg_catalog.xid");
}

TEST_F(RowQueries, PositionedWhereNumbersAfterTheApplicationsParameters)
{
    struct catalog_row_identity identity = {CATALOG_ROW_BY_KEY, keys, 2, nullptr, 0, false};
    ASSERT_EQ(catalog_append_row_where(&sql, &table, &identity, 3), 0);
    EXPECT_EQ(text(), " WHERE \"id\" = $3 AND \"part\" = $4");
    buf_clear(&sql);
    struct catalog_row_identity by_values = {CATALOG_ROW_BY_VALUES, nullptr, 0, others, 1, false};
    ASSERT_EQ(catalog_append_row_where(&sql, &table, &by_values, 1), 0);
    EXPECT_EQ(text(), " WHERE ctid = (SELECT ctid FROM ONLY \"public\".\"My Table\" WHERE "
                      "\"name\"::pg_catalog.text IS NOT DISTINCT FROM $1::pg_catalog.text)");
    buf_clear(&sql);
    EXPECT_EQ(catalog_append_row_where(&sql, &table, &identity, 0), -1);
}

} // namespace
