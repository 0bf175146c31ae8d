// SQLTables through the driver manager: the reference's columns and
// order, every relation kind with its type, the type list, patterns and
// the escape, SQL_ATTR_METADATA_ID, the special enumerations, system
// tables on request, names that are not plain (quotes, mixed case,
// non-ASCII, an injection attempt) and the argument SQLSTATEs.
#include "catalog/catalog_support.h"

namespace pgo_test {
namespace {

class TablesTest : public CatalogFixture {
protected:
    Result tables(const char *catalog, const char *schema_name, const char *table,
                  const char *types) {
        SQLCHAR *catalog_name = catalog != nullptr ? text_or_null(catalog) : this->catalog();
        return result_of(SQLTables(h(), catalog_name, SQL_NTS, text_or_null(schema_name),
                                   SQL_NTS, text_or_null(table), SQL_NTS, text_or_null(types),
                                   SQL_NTS));
    }
    static SQLCHAR *text_or_null(const char *value) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(value));
    }
    Result in_schema(const char *table, const char *types = nullptr) {
        return tables(nullptr, schema.c_str(), table, types);
    }
};

TEST_F(TablesTest, ResultHasTheReferenceColumnsInOrder) {
    Result result = in_schema("%");
    EXPECT_EQ(result.columns,
              strings({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"}));
}

TEST_F(TablesTest, ListsEachRelationKindWithItsTypeOrderedByTypeThenName) {
    run("CREATE TABLE " + schema + ".t (a int)");
    run("COMMENT ON TABLE " + schema + ".t IS 'the table''s remark'");
    run("CREATE VIEW " + schema + ".v AS SELECT 1 AS one");
    run("CREATE MATERIALIZED VIEW " + schema + ".mv AS SELECT 1 AS one");
    run("CREATE TABLE " + schema + ".pt (k int) PARTITION BY RANGE (k)");
    run("CREATE TABLE " + schema + ".pt_1 PARTITION OF " + schema +
        ".pt FOR VALUES FROM (0) TO (10)");
    run("CREATE SEQUENCE " + schema + ".s");
    run("CREATE INDEX t_a ON " + schema + ".t (a)");
    Result result = in_schema("%");
    EXPECT_EQ(result.column("TABLE_NAME"), strings({"mv", "pt", "pt_1", "t", "v"}));
    EXPECT_EQ(result.column("TABLE_TYPE"),
              strings({"MATERIALIZED VIEW", "TABLE", "TABLE", "TABLE", "VIEW"}));
    EXPECT_EQ(result.column("TABLE_CAT"), std::vector<std::string>(5, "pgo_db"));
    EXPECT_EQ(result.column("TABLE_SCHEM"),
              std::vector<std::string>(5, schema));
    EXPECT_EQ(result.column("REMARKS"),
              strings({"NULL", "NULL", "NULL", "the table's remark", "NULL"}));
}

TEST_F(TablesTest, ForeignTablesAreListedAsForeignTable) {
    // Foreign data wrappers need a superuser: pgo_admin over the socket.
    auto admin = driver_connect("DRIVER={pgodbc};UnixSock=" + harness.socket_dir() + ";Port=" +
                                harness.port() + ";Database=pgo_db;UID=pgo_admin;");
    ASSERT_CONNECTED(admin);
    std::string wrapper = "pgo_cat_fdw_" + pid;
    auto admin_run = [&](const std::string &sql) {
        Statement other(admin->get());
        SQLRETURN rc = SQLExecDirect(other.get(), text(sql), SQL_NTS);
        EXPECT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
    };
    admin_run("CREATE FOREIGN DATA WRAPPER " + wrapper);
    admin_run("CREATE SERVER " + wrapper + "_srv FOREIGN DATA WRAPPER " + wrapper);
    admin_run("CREATE FOREIGN TABLE " + schema + ".ft (a int) SERVER " + wrapper + "_srv");
    Result result = in_schema("ft");
    admin_run("DROP FOREIGN DATA WRAPPER " + wrapper + " CASCADE");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.at(0, "TABLE_TYPE"), "FOREIGN TABLE");
}

TEST_F(TablesTest, TypeListSelectsTypesQuotedOrNotInAnyCase) {
    run("CREATE TABLE " + schema + ".t (a int)");
    run("CREATE VIEW " + schema + ".v AS SELECT 1 AS one");
    run("CREATE MATERIALIZED VIEW " + schema + ".mv AS SELECT 1 AS one");
    EXPECT_EQ(in_schema("%", "'VIEW', table").column("TABLE_NAME"), strings({"t", "v"}));
    EXPECT_EQ(in_schema("%", "materialized view").column("TABLE_NAME"), strings({"mv"}));
    EXPECT_EQ(in_schema("%", "SYNONYM").rows.size(), 0u);
    EXPECT_EQ(in_schema("%", "%").column("TABLE_NAME"), strings({"mv", "t", "v"}));
}

TEST_F(TablesTest, PatternsMatchWildcardsAndTheEscapeMakesThemLiteral) {
    run("CREATE TABLE " + schema + ".ab_c (a int)");
    run("CREATE TABLE " + schema + ".abxc (a int)");
    run("CREATE TABLE " + schema + ".\"a%b\" (a int)");
    EXPECT_EQ(in_schema("ab_c").column("TABLE_NAME"), strings({"ab_c", "abxc"}));
    EXPECT_EQ(in_schema("ab\\_c").column("TABLE_NAME"), strings({"ab_c"}));
    EXPECT_EQ(in_schema("ab%").column("TABLE_NAME"), strings({"ab_c", "abxc"}));
    EXPECT_EQ(in_schema("a\\%b").column("TABLE_NAME"), strings({"a%b"}));
    // An upper-case pattern also matches the lower-case names PostgreSQL
    // folds unquoted ones to (CREATE TABLE AB_C makes ab_c); a pattern with
    // a lower-case letter is compared as given; a quoted upper-case table
    // is found beside its folded namesake.
    EXPECT_EQ(in_schema("AB_C").column("TABLE_NAME"), strings({"ab_c", "abxc"}));
    EXPECT_EQ(in_schema("Ab_c").rows.size(), 0u);
    run("CREATE TABLE " + schema + ".\"ABXC\" (a int)");
    EXPECT_EQ(in_schema("ABXC").column("TABLE_NAME"), strings({"ABXC", "abxc"}));
    EXPECT_EQ(in_schema("abxc").column("TABLE_NAME"), strings({"abxc"}));
    // The wildcard stands for the schema's first letter: every test process
    // has its own "pgo_cat_<pid>" schema, so replacing a pid digit instead
    // could match a concurrent test's schema holding its own abxc.
    std::string schema_pattern = "_" + schema.substr(1);
    EXPECT_EQ(tables(nullptr, schema_pattern.c_str(), "abxc", nullptr).rows.size(), 1u);
}

TEST_F(TablesTest, MetadataIdTakesNamesAsIdentifiers) {
    run("CREATE TABLE " + schema + ".\"MiXed\" (a int)");
    run("CREATE TABLE " + schema + ".mixed (a int)");
    run("CREATE TABLE " + schema + ".ab_c (a int)");
    run("CREATE TABLE " + schema + ".abxc (a int)");
    ASSERT_OK(set_metadata_id(true), diags());
    EXPECT_EQ(in_schema("MiXed  ").column("TABLE_NAME"), strings({"mixed"}));
    EXPECT_EQ(in_schema(" \"MiXed\" ").column("TABLE_NAME"), strings({"MiXed"}));
    EXPECT_EQ(in_schema("ab_c").column("TABLE_NAME"), strings({"ab_c"}))
        << "an identifier holds no wildcards";
    EXPECT_EQ(in_schema("%").rows.size(), 0u);
    std::string quoted_schema = "\"" + schema + "\"";
    EXPECT_EQ(tables(nullptr, quoted_schema.c_str(), "abxc", nullptr).rows.size(), 1u);
    SQLRETURN rc =
        SQLTables(h(), catalog(), SQL_NTS, nullptr, 0, text("abxc"), SQL_NTS, nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {"SchemaName"});
    rc = SQLTables(h(), nullptr, 0, text(schema), SQL_NTS, text("abxc"), SQL_NTS, nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {"CatalogName"});
}

TEST_F(TablesTest, SpecialEnumerationsListCatalogsSchemasAndTypes) {
    Result catalogs = tables(SQL_ALL_CATALOGS, "", "", nullptr);
    ASSERT_EQ(catalogs.rows.size(), 1u);
    EXPECT_EQ(catalogs.rows[0], (Row{"pgo_db", std::nullopt, std::nullopt, std::nullopt,
                                     std::nullopt}));

    Result schemas = tables("", SQL_ALL_SCHEMAS, "", nullptr);
    std::vector<std::string> names = schemas.column("TABLE_SCHEM");
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_NE(std::find(names.begin(), names.end(), schema), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "public"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "pg_catalog"), names.end());
    EXPECT_EQ(std::find(names.begin(), names.end(), "pg_toast"), names.end());
    for (const Row &row : schemas.rows) {
        EXPECT_FALSE(row[0].has_value());
        EXPECT_FALSE(row[2].has_value());
        EXPECT_FALSE(row[3].has_value());
    }

    Result types = tables("", "", "", SQL_ALL_TABLE_TYPES);
    EXPECT_EQ(types.column("TABLE_TYPE"),
              strings({"FOREIGN TABLE", "LOCAL TEMPORARY", "MATERIALIZED VIEW", "SYSTEM TABLE",
                       "SYSTEM VIEW", "TABLE", "VIEW"}));
    EXPECT_EQ(types.column("TABLE_NAME"), std::vector<std::string>(7, "NULL"));
}

TEST_F(TablesTest, SystemTablesAppearOnlyOnRequest) {
    EXPECT_EQ(tables(nullptr, nullptr, "pg_class", nullptr).rows.size(), 0u);
    Result by_type = tables(nullptr, nullptr, "pg_class", "SYSTEM TABLE");
    ASSERT_EQ(by_type.rows.size(), 1u);
    EXPECT_EQ(by_type.at(0, "TABLE_SCHEM"), "pg_catalog");
    Result by_schema = tables(nullptr, "pg_catalog", "pg_class", nullptr);
    ASSERT_EQ(by_schema.rows.size(), 1u);
    EXPECT_EQ(by_schema.at(0, "TABLE_TYPE"), "SYSTEM TABLE");
    EXPECT_EQ(tables(nullptr, "information_schema", "tables", nullptr).column("TABLE_TYPE"),
              strings({"SYSTEM VIEW"}));
    EXPECT_EQ(tables(nullptr, "pg_catalog", "pg_class", "TABLE").rows.size(), 0u);
}

TEST_F(TablesTest, TemporaryTablesOfThisSessionAreLocalTemporary) {
    run("CREATE TEMPORARY TABLE pgo_cat_tmp_" + pid + " (a int)");
    std::string name = "pgo_cat_tmp_" + pid;
    Result result = tables(nullptr, nullptr, name.c_str(), nullptr);
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.at(0, "TABLE_TYPE"), "LOCAL TEMPORARY");
    EXPECT_EQ(result.at(0, "TABLE_SCHEM")->rfind("pg_temp_", 0), 0u);
}

TEST_F(TablesTest, CatalogOtherThanTheDatabaseMatchesNothing) {
    run("CREATE TABLE " + schema + ".t (a int)");
    EXPECT_EQ(tables("pgo_db", schema.c_str(), "t", nullptr).rows.size(), 1u);
    EXPECT_EQ(tables("pgo_d%", schema.c_str(), "t", nullptr).rows.size(), 1u);
    EXPECT_EQ(tables("postgres", schema.c_str(), "t", nullptr).rows.size(), 0u);
    EXPECT_EQ(tables("", schema.c_str(), "t", nullptr).rows.size(), 1u);
}

TEST_F(TablesTest, InjectionAttemptInANameIsOnlyAName) {
    run("CREATE TABLE " + schema + ".y (a int)");
    run("CREATE TABLE " + schema + ".\"x'; drop table y; --\" (a int)");
    Result result = in_schema("x'; drop table y; --");
    EXPECT_EQ(result.column("TABLE_NAME"), strings({"x'; drop table y; --"}));
    ASSERT_OK(set_metadata_id(true), diags());
    Result as_identifier = in_schema("\"x'; drop table y; --\"");
    EXPECT_EQ(as_identifier.column("TABLE_NAME"), strings({"x'; drop table y; --"}));
    EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM " + schema + ".y"), "0")
        << "table y must still exist";
}

TEST_F(TablesTest, MixedCaseQuotesAndNonAsciiNamesWork) {
    run("CREATE TABLE " + schema + ".\"Größe \"\"Ä\"\"\" (a int)");
    run("CREATE TABLE " + schema + ".\"表\" (a int)");
    EXPECT_EQ(in_schema("Größe \"Ä\"").column("TABLE_NAME"), strings({"Größe \"Ä\""}));
    EXPECT_EQ(in_schema("Grö%").column("TABLE_NAME"), strings({"Größe \"Ä\""}));
    EXPECT_EQ(in_schema("_").column("TABLE_NAME"), strings({"表"}))
        << "'_' matches one character, not one byte";
    ASSERT_OK(set_metadata_id(true), diags());
    EXPECT_EQ(in_schema("\"Größe \"\"Ä\"\"\"").column("TABLE_NAME"),
              strings({"Größe \"Ä\""}));
}

TEST_F(TablesTest, OpenCursorIsInvalidCursorState) {
    ASSERT_OK(SQLExecDirect(h(), text("SELECT 1 UNION ALL SELECT 2"), SQL_NTS), diags());
    ASSERT_OK(SQLFetch(h()), diags());
    SQLRETURN rc = SQLTables(h(), nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "24000", {});
}

TEST_F(TablesTest, NegativeLengthIsInvalidStringLength) {
    SQLRETURN rc = SQLTables(h(), nullptr, 0, nullptr, 0, text("t"), -7, nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY090", {});
}

TEST_F(TablesTest, LengthsCountBytesWithoutTerminator) {
    run("CREATE TABLE " + schema + ".abc (a int)");
    std::string padded = schema + "XYZ";
    Result result = result_of(SQLTables(h(), nullptr, 0, text(padded),
                                        static_cast<SQLSMALLINT>(schema.size()),
                                        text("abcdef"), 3, nullptr, 0));
    EXPECT_EQ(result.column("TABLE_NAME"), strings({"abc"}));
}

} // namespace
} // namespace pgo_test

namespace pgo_test {
namespace {

// UTF-16 of ASCII and BMP text, with a surrogate pair for U+1F31C.
std::vector<SQLWCHAR> wide(const std::u16string &text) {
    std::vector<SQLWCHAR> units(text.begin(), text.end());
    units.push_back(0);
    return units;
}

TEST_F(TablesTest, WideCallsTakeNamesOutsideTheBasicMultilingualPlane) {
    run("CREATE TABLE " + schema +
        ".\"größe_\xF0\x9F\x8C\x9C\" (\"\xF0\x9F\x8C\x9C\" int PRIMARY KEY)");
    std::vector<SQLWCHAR> schema_name = wide(std::u16string(schema.begin(), schema.end()));
    std::vector<SQLWCHAR> table = wide(u"größe_\U0001F31C");
    Result tables = result_of(SQLTablesW(h(), nullptr, 0, schema_name.data(), SQL_NTS,
                                         table.data(), SQL_NTS, nullptr, 0));
    EXPECT_EQ(tables.column("TABLE_NAME"), strings({"größe_\xF0\x9F\x8C\x9C"}));
    Result counted = result_of(SQLTablesW(h(), nullptr, 0, schema_name.data(), SQL_NTS,
                                          table.data(), static_cast<SQLSMALLINT>(table.size() - 1),
                                          nullptr, 0));
    EXPECT_EQ(counted.rows.size(), 1u) << "lengths count UTF-16 units";
    Result keys = result_of(SQLPrimaryKeysW(h(), nullptr, 0, schema_name.data(), SQL_NTS,
                                            table.data(), SQL_NTS));
    EXPECT_EQ(keys.column("COLUMN_NAME"), strings({"\xF0\x9F\x8C\x9C"}));
    std::vector<SQLWCHAR> lone = {u'a', 0xD83C, 0};
    SQLRETURN rc = SQLTablesW(h(), nullptr, 0, schema_name.data(), SQL_NTS, lone.data(), SQL_NTS,
                              nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "22018", {"TableName"});
}

} // namespace
} // namespace pgo_test
