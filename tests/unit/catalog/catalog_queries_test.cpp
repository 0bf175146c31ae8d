// catalog/catalog_queries: arguments reach the SQL only as $n parameters
// numbered in order, conditions follow each argument's match, and the
// exact text of the fixed queries (the special enumerations) and of the
// type expressions.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "catalog/catalog_queries.h"
#include "catalog/catalog_types.h"
#include "util/buf.h"
}

namespace {

class CatalogQueries : public ::testing::Test {
protected:
    void SetUp() override
    {
        buf_init(&sql, 1u << 20);
        catalog_values_init(&values);
        catalog_table_request_init(&request);
    }
    void TearDown() override
    {
        buf_reset(&sql);
        catalog_table_request_reset(&request);
    }
    std::string text() const
    {
        return std::string(reinterpret_cast<const char *>(sql.data), sql.length);
    }
    void set(catalog_arg *arg, const std::string &value, catalog_arg_kind kind)
    {
        ASSERT_EQ(catalog_arg_set(arg, value.data(), value.size(), kind, false), 0);
    }
    buf sql;
    catalog_values values;
    catalog_table_request request;
};

TEST_F(CatalogQueries, ArgumentsBecomeNumberedParametersNeverText)
{
    set(&request.schema, "x'; drop table y; --", CATALOG_ARG_PATTERN);
    set(&request.table, "t\\_%", CATALOG_ARG_PATTERN);
    catalog_tables_request tables{request, "TABLE,VIEW", false};
    ASSERT_EQ(catalog_build_tables(&sql, &values, &tables), 0);
    ASSERT_EQ(values.count, 3u);
    EXPECT_STREQ(values.values[0], "x'; drop table y; --");
    EXPECT_STREQ(values.values[1], "t\\_%");
    EXPECT_STREQ(values.values[2], "TABLE,VIEW");
    std::string query = text();
    EXPECT_EQ(query.find("drop table"), std::string::npos);
    EXPECT_NE(query.find(" AND n.nspname = $1 AND c.relname LIKE $2) s WHERE s.\"TABLE_TYPE\" = "
                         "ANY (pg_catalog.string_to_array($3, ',')) ORDER BY 4, 1, 2, 3"),
              std::string::npos)
        << query;
    tables.names = catalog_table_request{};
}

TEST_F(CatalogQueries, UpperCaseArgumentMatchesItselfOrItsLowerCaseForm)
{
    set(&request.schema, "PUBLIC", CATALOG_ARG_ORDINARY);
    set(&request.table, "ORDER%", CATALOG_ARG_PATTERN);
    ASSERT_EQ(catalog_build_primary_keys(&sql, &values, &request), 0);
    ASSERT_EQ(values.count, 4u);
    EXPECT_STREQ(values.values[0], "PUBLIC");
    EXPECT_STREQ(values.values[1], "public");
    EXPECT_STREQ(values.values[2], "ORDER%");
    EXPECT_STREQ(values.values[3], "order%");
    std::string query = text();
    EXPECT_NE(query.find("(n.nspname = $1 OR n.nspname = $2)"), std::string::npos) << query;
}

TEST_F(CatalogQueries, NoArgumentsLeaveSystemRelationsOutUnlessAsked)
{
    catalog_tables_request tables{request, nullptr, false};
    ASSERT_EQ(catalog_build_tables(&sql, &values, &tables), 0);
    EXPECT_EQ(values.count, 0u);
    std::string query = text();
    const std::string tail = "pg_catalog.pg_is_other_temp_schema(n.oid)) s WHERE s.\"TABLE_TYPE\" "
                             "NOT IN ('SYSTEM TABLE', 'SYSTEM VIEW') ORDER BY 4, 1, 2, 3";
    EXPECT_EQ(query.substr(query.size() - tail.size()), tail);
    buf_clear(&sql);
    tables.include_system = true;
    ASSERT_EQ(catalog_build_tables(&sql, &values, &tables), 0);
    EXPECT_NE(text().find(") s WHERE true ORDER BY 4, 1, 2, 3"), std::string::npos);
}

TEST_F(CatalogQueries, ArgumentThatMatchesNothingAddsFalse)
{
    request.table.match = CATALOG_MATCH_NOTHING;
    ASSERT_EQ(catalog_build_primary_keys(&sql, &values, &request), 0);
    EXPECT_EQ(values.count, 0u);
    const std::string tail = "con.contype = 'p' AND false ORDER BY 1, 2, 3, 5";
    std::string query = text();
    EXPECT_EQ(query.substr(query.size() - tail.size()), tail);
}

TEST_F(CatalogQueries, SpecialEnumerationsHaveTheirExactText)
{
    ASSERT_EQ(catalog_build_catalog_list(&sql), 0);
    EXPECT_EQ(text(), "SELECT pg_catalog.current_database() AS \"TABLE_CAT\", NULL::name AS "
                      "\"TABLE_SCHEM\", NULL::name AS \"TABLE_NAME\", NULL::varchar AS "
                      "\"TABLE_TYPE\", NULL::varchar AS \"REMARKS\"");
    buf_clear(&sql);
    ASSERT_EQ(catalog_build_table_type_list(&sql), 0);
    EXPECT_EQ(text(), "SELECT NULL::name AS \"TABLE_CAT\", NULL::name AS \"TABLE_SCHEM\", "
                      "NULL::name AS \"TABLE_NAME\", v.t::varchar AS \"TABLE_TYPE\", "
                      "NULL::varchar AS \"REMARKS\" FROM (VALUES ('FOREIGN TABLE'), ('LOCAL "
                      "TEMPORARY'), ('MATERIALIZED VIEW'), ('SYSTEM TABLE'), ('SYSTEM VIEW'), "
                      "('TABLE'), ('VIEW')) AS v(t) ORDER BY 4");
}

TEST_F(CatalogQueries, ForeignKeysOrderByTheGivenSide)
{
    catalog_table_request foreign_key;
    catalog_table_request_init(&foreign_key);
    set(&request.table, "parent", CATALOG_ARG_ORDINARY);
    ASSERT_EQ(catalog_build_foreign_keys(&sql, &values, &request, &foreign_key), 0);
    std::string by_primary = text();
    EXPECT_NE(by_primary.find(" AND pc.relname = $1 ORDER BY 5, 6, 7, 9, 12"), std::string::npos);
    buf_clear(&sql);
    catalog_values_init(&values);
    set(&foreign_key.table, "child", CATALOG_ARG_ORDINARY);
    ASSERT_EQ(catalog_build_foreign_keys(&sql, &values, &request, &foreign_key), 0);
    EXPECT_NE(text().find(" AND pc.relname = $1 AND fc.relname = $2 ORDER BY 1, 2, 3, 9, 12"),
              std::string::npos);
    ASSERT_EQ(values.count, 2u);
    EXPECT_STREQ(values.values[1], "child");
    catalog_table_request_reset(&foreign_key);
}

TEST_F(CatalogQueries, TooManyValuesFail)
{
    set(&request.schema, "s", CATALOG_ARG_ORDINARY);
    values.count = CATALOG_MAX_VALUES;
    EXPECT_EQ(catalog_build_primary_keys(&sql, &values, &request), -1);
}

TEST_F(CatalogQueries, DataTypeExpressionGroupsOidsByType)
{
    ASSERT_EQ(
        catalog_append_type_expression(&sql, CATALOG_TYPE_DATA_TYPE, "b.oid", "b.typmod", false),
        0);
    EXPECT_EQ(text(), "(CASE WHEN b.oid IN (16) THEN -7 WHEN b.oid IN (21) THEN 5 WHEN b.oid IN "
                      "(23,26) THEN 4 WHEN b.oid IN (20) THEN -5 WHEN b.oid IN (700) THEN 7 WHEN "
                      "b.oid IN (701) THEN 8 WHEN b.oid IN (1700) THEN 2 WHEN b.oid IN "
                      "(18,1042,1560) THEN 1 WHEN b.oid IN (25,114,3802,142) THEN -1 WHEN b.oid IN "
                      "(17) THEN -4 WHEN b.oid IN (1082) THEN 91 WHEN b.oid IN (1083,1266) THEN 92 "
                      "WHEN b.oid IN (1114,1184) THEN 93 WHEN b.oid IN (2950) THEN -11 WHEN b.oid "
                      "IN (790) THEN 3 ELSE 12 END)");
}

TEST_F(CatalogQueries, WideCharacterTypesReportTheirWideTwins)
{
    ASSERT_EQ(catalog_append_type_expression(&sql, CATALOG_TYPE_DATA_TYPE, "o", "m", true), 0);
    std::string data_type = text();
    EXPECT_NE(data_type.find("WHEN o IN (18,1042,1560) THEN -8 WHEN o IN (25,114,3802,142) "
                             "THEN -10"),
              std::string::npos)
        << data_type;
    EXPECT_EQ(data_type.substr(data_type.size() - 13), " ELSE -9 END)");
    buf_clear(&sql);
    ASSERT_EQ(catalog_append_type_expression(&sql, CATALOG_TYPE_SQL_DATA_TYPE, "o", "m", true), 0);
    EXPECT_NE(text().find("THEN -8"), std::string::npos);
    buf_clear(&sql);
    ASSERT_EQ(catalog_append_type_info_query(&sql, false, true), 0);
    std::string type_info = text();
    EXPECT_NE(type_info.find("(E'varchar',12,"), std::string::npos);
    EXPECT_NE(type_info.find("(E'varchar',-9,10485760,E'''',E'''',E'max length',1,3,NULL,0,NULL,"
                             "NULL,NULL,-9,NULL,NULL,1)"),
              std::string::npos)
        << type_info;
    EXPECT_EQ(type_info.find("(E'int4',-"), std::string::npos);
}

TEST_F(CatalogQueries, ColumnSizeExpressionAppliesEachTypmodRule)
{
    ASSERT_EQ(catalog_append_type_expression(&sql, CATALOG_TYPE_COLUMN_SIZE, "o", "m", false), 0);
    std::string query = text();
    EXPECT_NE(query.find("WHEN o IN (1042,1043) THEN CASE WHEN m >= 5 THEN m - 4 ELSE 65535 END"),
              std::string::npos)
        << query;
    EXPECT_NE(query.find("WHEN o IN (1700) THEN CASE WHEN m >= 4 THEN ((m - 4) >> 16) & 65535 "
                         "ELSE 28 END"),
              std::string::npos);
    EXPECT_NE(query.find("WHEN o IN (1083,1266) THEN CASE WHEN m BETWEEN 1 AND 6 THEN 9 + m WHEN "
                         "m = 0 THEN 8 ELSE 15 END"),
              std::string::npos);
    EXPECT_NE(query.find("WHEN o IN (1560,1562) THEN CASE WHEN m > 0 THEN m ELSE 65535 END"),
              std::string::npos);
    EXPECT_EQ(query.substr(query.size() - 16), " ELSE 65535 END)");
}

TEST_F(CatalogQueries, TypeInfoFiltersOnParameterOneOnlyWhenAsked)
{
    ASSERT_EQ(catalog_append_type_info_query(&sql, false, false), 0);
    std::string all = text();
    EXPECT_EQ(all.find("$1"), std::string::npos);
    const std::string tail = " ORDER BY v.data_type, v.rank";
    EXPECT_EQ(all.substr(all.size() - tail.size()), tail);
    EXPECT_NE(all.find("(E'bytea',-4,1073741823,E'''\\\\x',E'''',NULL,"), std::string::npos)
        << all;
    buf_clear(&sql);
    ASSERT_EQ(catalog_append_type_info_query(&sql, true, false), 0);
    EXPECT_NE(text().find(" WHERE v.data_type = $1::int2 ORDER BY v.data_type, v.rank"),
              std::string::npos);
}

} // namespace
