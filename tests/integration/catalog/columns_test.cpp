// SQLColumns through the driver manager: the 18 columns, the values for a
// known table, sizes and types equal to what SQLDescribeCol and
// SQLColAttribute report for the same columns (every mapped type, with and
// without modifiers, domains, arrays, enums; tables and views), ordinal
// positions past dropped columns, column patterns, SQL_ATTR_METADATA_ID.
#include "catalog/catalog_support.h"

namespace pgo_test {
namespace {

class ColumnsTest : public CatalogFixture {
protected:
    Result columns(const std::string &table, const char *column = nullptr) {
        return result_of(SQLColumns(h(), catalog(), SQL_NTS, text(schema), SQL_NTS, text(table),
                                    SQL_NTS,
                                    reinterpret_cast<SQLCHAR *>(const_cast<char *>(column)),
                                    SQL_NTS));
    }
};

TEST_F(ColumnsTest, ResultHasTheEighteenReferenceColumnsInOrder) {
    run("CREATE TABLE " + schema + ".t (a int)");
    EXPECT_EQ(columns("t").columns,
              strings({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
                       "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                       "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
                       "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
                       "IS_NULLABLE"}));
}

TEST_F(ColumnsTest, DescribesAKnownTable) {
    run("CREATE TABLE " + schema +
        ".t (id int4 NOT NULL PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', amount "
        "numeric(10,2), at timestamp(3), body text, day date)");
    run("COMMENT ON COLUMN " + schema + ".t.amount IS 'money owed'");
    Result result = columns("t");
    ASSERT_EQ(result.rows.size(), 6u);
    EXPECT_EQ(result.rows[0],
              (Row{"pgo_db", schema, "t", "id", "4", "int4", "10", "4", "0", "10", "0",
                   std::nullopt, std::nullopt, "4", std::nullopt, std::nullopt, "1", "NO"}));
    EXPECT_EQ(result.rows[1],
              (Row{"pgo_db", schema, "t", "name", "12", "varchar", "20", "80", std::nullopt,
                   std::nullopt, "0", std::nullopt, "'x'::character varying", "12", std::nullopt,
                   "80", "2", "NO"}));
    EXPECT_EQ(result.rows[2],
              (Row{"pgo_db", schema, "t", "amount", "2", "numeric", "10", "12", "2", "10", "1",
                   "money owed", std::nullopt, "2", std::nullopt, std::nullopt, "3", "YES"}));
    EXPECT_EQ(result.rows[3],
              (Row{"pgo_db", schema, "t", "at", "93", "timestamp", "23", "16", "3", std::nullopt,
                   "1", std::nullopt, std::nullopt, "9", "3", std::nullopt, "4", "YES"}));
    EXPECT_EQ(result.rows[4],
              (Row{"pgo_db", schema, "t", "body", "-1", "text", "65535", "262140", std::nullopt,
                   std::nullopt, "1", std::nullopt, std::nullopt, "-1", std::nullopt, "262140",
                   "5", "YES"}));
    EXPECT_EQ(result.rows[5],
              (Row{"pgo_db", schema, "t", "day", "91", "date", "10", "6", std::nullopt,
                   std::nullopt, "1", std::nullopt, std::nullopt, "9", "1", std::nullopt, "6",
                   "YES"}));
}

// What SQLDescribeCol and SQLColAttribute say of each column of a query.
struct Described {
    std::string name;
    SQLSMALLINT type = 0;
    SQLULEN size = 0;
    SQLSMALLINT digits = 0;
    SQLSMALLINT nullable = 0;
    std::string type_name;
    SQLLEN octet_length = 0;
};

std::vector<Described> describe(SQLHSTMT handle) {
    std::vector<Described> columns;
    SQLSMALLINT count = 0;
    EXPECT_EQ(SQL_SUCCESS, SQLNumResultCols(handle, &count));
    for (SQLUSMALLINT i = 1; i <= static_cast<SQLUSMALLINT>(count); i++) {
        Described column;
        SQLCHAR name[256] = {0};
        SQLSMALLINT length = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLDescribeCol(handle, i, name, sizeof name, &length, &column.type,
                                              &column.size, &column.digits, &column.nullable));
        column.name = reinterpret_cast<const char *>(name);
        SQLCHAR type_name[256] = {0};
        EXPECT_TRUE(succeeded(SQLColAttribute(handle, i, SQL_DESC_TYPE_NAME, type_name,
                                              sizeof type_name, &length, nullptr)));
        column.type_name = reinterpret_cast<const char *>(type_name);
        EXPECT_TRUE(succeeded(SQLColAttribute(handle, i, SQL_DESC_OCTET_LENGTH, nullptr, 0,
                                              nullptr, &column.octet_length)));
        columns.push_back(column);
    }
    return columns;
}

class ColumnsAgreeTest : public ColumnsTest {
protected:
    void expect_agreement(const std::string &relation) {
        Result catalog = columns(relation);
        ASSERT_OK(SQLExecDirect(h(), text("SELECT * FROM " + schema + "." + relation), SQL_NTS),
                  diags());
        std::vector<Described> described = describe(h());
        SQLFreeStmt(h(), SQL_CLOSE);
        ASSERT_EQ(catalog.rows.size(), described.size());
        for (size_t i = 0; i < described.size(); i++) {
            const Described &d = described[i];
            SCOPED_TRACE(relation + "." + d.name);
            EXPECT_EQ(catalog.at(i, "COLUMN_NAME"), d.name);
            EXPECT_EQ(catalog.at(i, "DATA_TYPE"), std::to_string(d.type));
            EXPECT_EQ(catalog.at(i, "COLUMN_SIZE"), std::to_string(d.size));
            EXPECT_EQ(catalog.at(i, "DECIMAL_DIGITS").value_or("0"), std::to_string(d.digits));
            EXPECT_EQ(catalog.at(i, "TYPE_NAME"), d.type_name);
            EXPECT_EQ(catalog.at(i, "BUFFER_LENGTH"), std::to_string(d.octet_length));
            if (d.nullable != SQL_NULLABLE_UNKNOWN) {
                EXPECT_EQ(catalog.at(i, "NULLABLE"), std::to_string(d.nullable));
            }
            EXPECT_EQ(catalog.at(i, "ORDINAL_POSITION"), std::to_string(i + 1));
        }
    }
};

TEST_F(ColumnsAgreeTest, SizesAndTypesEqualDescribeColForEveryMappedType) {
    run("CREATE DOMAIN " + schema + ".short_text AS varchar(12) NOT NULL");
    run("CREATE TYPE " + schema + ".mood AS ENUM ('ok', 'sad')");
    run("CREATE TABLE " + schema +
        ".every (c_bool bool NOT NULL, c_int2 int2, c_int4 int4, c_int8 int8, c_oid oid, "
        "c_float4 float4, c_float8 float8, c_numeric numeric, c_numeric_12_3 numeric(12,3), "
        "c_money money, c_char \"char\", c_bpchar char(7), c_bpchar_plain bpchar, c_varchar "
        "varchar, c_varchar_33 varchar(33), c_text text, c_name name, c_bytea bytea, c_date date, "
        "c_time time, c_time_2 time(2), c_time_0 time(0), c_timetz timetz(0), c_timestamp "
        "timestamp, c_timestamp_0 timestamp(0), c_timestamptz timestamptz(4), c_interval "
        "interval, c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml, c_inet inet, c_cidr cidr, "
        "c_macaddr macaddr, c_macaddr8 macaddr8, c_bit bit(5), c_varbit varbit(9), c_varbit_plain "
        "bit varying, c_int4_array int4[], c_domain " +
        schema + ".short_text, c_enum " + schema + ".mood, c_point point)");
    expect_agreement("every");
    run("CREATE VIEW " + schema + ".every_view AS SELECT * FROM " + schema + ".every");
    expect_agreement("every_view");
}

// The same agreement when character columns are described as wide types.
class ColumnsAgreeWideTest : public ColumnsAgreeTest {
protected:
    std::string extra_keywords() const override { return "WideCharTypes=1;"; }
};

TEST_F(ColumnsAgreeWideTest, WideCharacterTypesAgreeWithDescribeCol) {
    run("CREATE TABLE " + schema +
        ".chars (c_bpchar char(7), c_varchar varchar(33), c_text text, c_name name, c_json json, "
        "c_int int4, c_regclass pg_catalog.regclass)");
    expect_agreement("chars");
    Result result = columns("chars");
    EXPECT_EQ(result.column("DATA_TYPE"), strings({"-8", "-9", "-10", "-9", "-10", "4", "-9"}));
    EXPECT_EQ(result.column("SQL_DATA_TYPE"),
              strings({"-8", "-9", "-10", "-9", "-10", "4", "-9"}));
    Result wide_varchar = result_of(SQLGetTypeInfo(h(), SQL_WVARCHAR));
    ASSERT_FALSE(wide_varchar.rows.empty());
    EXPECT_EQ(wide_varchar.at(0, "TYPE_NAME"), "varchar");
    Result narrow_varchar = result_of(SQLGetTypeInfo(h(), SQL_VARCHAR));
    ASSERT_FALSE(narrow_varchar.rows.empty());
    EXPECT_EQ(narrow_varchar.at(0, "TYPE_NAME"), "varchar");
}

TEST_F(ColumnsTest, OrdinalPositionSkipsDroppedColumnsAndSurvivesAColumnPattern) {
    run("CREATE TABLE " + schema + ".t (a int, gone int, b int, bb int)");
    run("ALTER TABLE " + schema + ".t DROP COLUMN gone");
    Result all = columns("t");
    EXPECT_EQ(all.column("COLUMN_NAME"), strings({"a", "b", "bb"}));
    EXPECT_EQ(all.column("ORDINAL_POSITION"), strings({"1", "2", "3"}));
    Result some = columns("t", "b%");
    EXPECT_EQ(some.column("COLUMN_NAME"), strings({"b", "bb"}));
    EXPECT_EQ(some.column("ORDINAL_POSITION"), strings({"2", "3"}));
    // An upper-case pattern also matches the lower-case (folded) name; one
    // with a lower-case letter keeps its case.
    EXPECT_EQ(columns("t", "B%").column("COLUMN_NAME"), strings({"b", "bb"}));
    EXPECT_EQ(columns("t", "bB").rows.size(), 0u);
}

TEST_F(ColumnsTest, RowsAreOrderedByTableThenOrdinal) {
    run("CREATE TABLE " + schema + ".t2 (z int, a int)");
    run("CREATE TABLE " + schema + ".t1 (y int, b int)");
    Result result = columns("t_");
    EXPECT_EQ(result.column("TABLE_NAME"), strings({"t1", "t1", "t2", "t2"}));
    EXPECT_EQ(result.column("COLUMN_NAME"), strings({"y", "b", "z", "a"}));
}

TEST_F(ColumnsTest, MetadataIdAndUnusualNames) {
    run("CREATE TABLE " + schema + ".\"x'; drop table y; --\" (\"Straße\" int, \"MiXed\" int, "
        "mixed int)");
    Result plain = columns("x'; drop table y; --", "Stra%");
    EXPECT_EQ(plain.column("COLUMN_NAME"), strings({"Straße"}));
    ASSERT_OK(set_metadata_id(true), diags());
    EXPECT_EQ(columns("\"x'; drop table y; --\"", "MIXED").column("COLUMN_NAME"),
              strings({"mixed"}));
    EXPECT_EQ(columns("\"x'; drop table y; --\"", "\"MiXed\"").column("COLUMN_NAME"),
              strings({"MiXed"}));
    SQLRETURN rc = SQLColumns(h(), catalog(), SQL_NTS, text(schema), SQL_NTS, text("t"), SQL_NTS,
                              nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {"ColumnName"});
}

TEST_F(ColumnsTest, ResultColumnsDescribeAsTheReferenceTypes) {
    run("CREATE TABLE " + schema + ".t (a int)");
    ASSERT_OK(SQLColumns(h(), nullptr, 0, text(schema), SQL_NTS, text("t"), SQL_NTS, nullptr, 0),
              diags());
    std::vector<Described> described = describe(h());
    SQLFreeStmt(h(), SQL_CLOSE);
    ASSERT_EQ(described.size(), 18u);
    const SQLSMALLINT expected[18] = {SQL_VARCHAR, SQL_VARCHAR,  SQL_VARCHAR,  SQL_VARCHAR,
                                      SQL_SMALLINT, SQL_VARCHAR, SQL_INTEGER,  SQL_INTEGER,
                                      SQL_SMALLINT, SQL_SMALLINT, SQL_SMALLINT, SQL_VARCHAR,
                                      SQL_VARCHAR, SQL_SMALLINT, SQL_SMALLINT, SQL_INTEGER,
                                      SQL_INTEGER, SQL_VARCHAR};
    for (size_t i = 0; i < 18; i++) {
        EXPECT_EQ(described[i].type, expected[i]) << described[i].name;
    }
}

} // namespace
} // namespace pgo_test
