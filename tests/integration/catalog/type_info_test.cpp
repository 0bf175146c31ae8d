// SQLGetTypeInfo through the driver manager: the 19 reference columns,
// every mapped type, ordered by DATA_TYPE then closeness, one type and the
// ODBC 2 codes, an unmapped ODBC type (empty) and an invalid one (HY004),
// and agreement with SQLDescribeCol's type for a column of each type.
#include "catalog/catalog_support.h"

namespace pgo_test {
namespace {

class TypeInfoTest : public CatalogFixture {
protected:
    Result type_info(SQLSMALLINT type) { return result_of(SQLGetTypeInfo(h(), type)); }
};

TEST_F(TypeInfoTest, AllTypesHaveTheReferenceColumnsAndOrder) {
    Result result = type_info(SQL_ALL_TYPES);
    EXPECT_EQ(result.columns,
              strings({"TYPE_NAME", "DATA_TYPE", "COLUMN_SIZE", "LITERAL_PREFIX",
                       "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE",
                       "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE",
                       "AUTO_UNIQUE_VALUE", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE",
                       "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX",
                       "INTERVAL_PRECISION"}));
    std::vector<int> types;
    for (const std::string &type : result.column("DATA_TYPE")) {
        types.push_back(std::stoi(type));
    }
    EXPECT_TRUE(std::is_sorted(types.begin(), types.end()));
    std::vector<std::string> names = result.column("TYPE_NAME");
    for (const char *name : {"bool", "int2", "int4", "int8", "float4", "float8", "numeric",
                             "bpchar", "varchar", "text", "bytea", "date", "time", "timetz",
                             "timestamp", "timestamptz", "interval", "uuid", "json", "jsonb",
                             "money"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    }
}

TEST_F(TypeInfoTest, OneTypeListsTheClosestFirst) {
    Result timestamps = type_info(SQL_TYPE_TIMESTAMP);
    EXPECT_EQ(timestamps.column("TYPE_NAME"), strings({"timestamp", "timestamptz"}));
    EXPECT_EQ(timestamps.rows[0],
              (Row{"timestamp", "93", "26", "'", "'", "precision", "1", "0", "2", std::nullopt,
                   "0", std::nullopt, "timestamp", "0", "6", "9", "3", std::nullopt,
                   std::nullopt}));
    Result varchars = type_info(SQL_VARCHAR);
    ASSERT_FALSE(varchars.rows.empty());
    EXPECT_EQ(varchars.rows[0],
              (Row{"varchar", "12", "10485760", "'", "'", "max length", "1", "1", "3",
                   std::nullopt, "0", std::nullopt, "varchar", std::nullopt, std::nullopt, "12",
                   std::nullopt, std::nullopt, std::nullopt}));
    Result numerics = type_info(SQL_NUMERIC);
    EXPECT_EQ(numerics.rows.at(0),
              (Row{"numeric", "2", "1000", std::nullopt, std::nullopt, "precision,scale", "1",
                   "0", "2", "0", "0", "0", "numeric", "0", "1000", "2", std::nullopt, "10",
                   std::nullopt}));
    EXPECT_EQ(type_info(SQL_INTEGER).column("TYPE_NAME"), strings({"int4", "oid"}));
}

TEST_F(TypeInfoTest, OdbcTwoDateTimeCodesMeanTheOdbcThreeTypes) {
    EXPECT_EQ(type_info(SQL_TIMESTAMP).column("TYPE_NAME"), strings({"timestamp", "timestamptz"}));
    EXPECT_EQ(type_info(SQL_DATE).column("TYPE_NAME"), strings({"date"}));
}

TEST_F(TypeInfoTest, UnmappedTypeIsEmptyAndInvalidTypeIsAnError) {
    EXPECT_EQ(type_info(SQL_TINYINT).rows.size(), 0u);
    SQLRETURN rc = SQLGetTypeInfo(h(), 999);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY004", {});
}

TEST_F(TypeInfoTest, EachListedTypeDescribesAsItsDataType) {
    Result all = type_info(SQL_ALL_TYPES);
    for (size_t i = 0; i < all.rows.size(); i++) {
        std::string name = all.at(i, "TYPE_NAME").value_or("");
        SCOPED_TRACE(name);
        std::string sql = "SELECT NULL::pg_catalog.\"" + name + "\"";
        ASSERT_OK(SQLExecDirect(h(), text(sql), SQL_NTS), diags());
        SQLSMALLINT type = 0;
        SQLULEN size = 0;
        SQLSMALLINT digits = 0;
        SQLSMALLINT nullable = 0;
        SQLCHAR column[64];
        SQLSMALLINT length = 0;
        ASSERT_EQ(SQL_SUCCESS, SQLDescribeCol(h(), 1, column, sizeof column, &length, &type, &size,
                                              &digits, &nullable));
        SQLCHAR type_name[64] = {0};
        ASSERT_TRUE(succeeded(SQLColAttribute(h(), 1, SQL_DESC_TYPE_NAME, type_name,
                                              sizeof type_name, &length, nullptr)));
        SQLFreeStmt(h(), SQL_CLOSE);
        EXPECT_EQ(all.at(i, "DATA_TYPE"), std::to_string(type));
        EXPECT_EQ(std::string(reinterpret_cast<const char *>(type_name)), name);
    }
}

} // namespace
} // namespace pgo_test
