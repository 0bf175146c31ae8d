// SQLPrimaryKeys, SQLForeignKeys (both directions, rules, deferrability,
// keys referencing unique constraints), SQLStatistics (unique and all,
// the SQL_TABLE_STAT row, descending and partial indexes) and
// SQLSpecialColumns (best row id from the primary key or a unique index,
// row version xmin) through the driver manager, with the argument
// SQLSTATEs.
#include "catalog/catalog_support.h"

namespace pgo_test {
namespace {

class KeysTest : public CatalogFixture {
protected:
    Result primary_keys(const std::string &table) {
        return result_of(
            SQLPrimaryKeys(h(), nullptr, 0, text(schema), SQL_NTS, text(table), SQL_NTS));
    }
    Result foreign_keys(const char *pk_table, const char *fk_table) {
        return result_of(SQLForeignKeys(
            h(), nullptr, 0, pk_table ? text(schema) : nullptr, SQL_NTS,
            reinterpret_cast<SQLCHAR *>(const_cast<char *>(pk_table)), SQL_NTS, nullptr, 0,
            fk_table ? text(schema) : nullptr, SQL_NTS,
            reinterpret_cast<SQLCHAR *>(const_cast<char *>(fk_table)), SQL_NTS));
    }
    Result statistics(const std::string &table, SQLUSMALLINT unique) {
        return result_of(SQLStatistics(h(), nullptr, 0, text(schema), SQL_NTS, text(table),
                                       SQL_NTS, unique, SQL_QUICK));
    }
    Result special(SQLUSMALLINT kind, const std::string &table, SQLUSMALLINT nullable) {
        return result_of(SQLSpecialColumns(h(), kind, nullptr, 0, text(schema), SQL_NTS,
                                           text(table), SQL_NTS, SQL_SCOPE_CURROW, nullable));
    }
};

TEST_F(KeysTest, PrimaryKeysListKeyColumnsInKeyOrder) {
    run("CREATE TABLE " + schema + ".t (a int, b int, c int, CONSTRAINT t_key PRIMARY KEY (c, a))");
    Result result = primary_keys("t");
    EXPECT_EQ(result.columns, strings({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
                                       "KEY_SEQ", "PK_NAME"}));
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0], (Row{"pgo_db", schema, "t", "c", "1", "t_key"}));
    EXPECT_EQ(result.rows[1], (Row{"pgo_db", schema, "t", "a", "2", "t_key"}));
    run("CREATE TABLE " + schema + ".nokey (a int)");
    EXPECT_EQ(primary_keys("nokey").rows.size(), 0u);
    EXPECT_EQ(primary_keys("T").rows.size(), 2u)
        << "an upper-case name also finds the table PostgreSQL folded to lower case";
    run("CREATE TABLE " + schema + ".\"Mixed\" (a int PRIMARY KEY)");
    EXPECT_EQ(primary_keys("Mixed").rows.size(), 1u);
    EXPECT_EQ(primary_keys("mixed").rows.size(), 0u) << "a lower-case letter keeps the case";
}

TEST_F(KeysTest, PrimaryKeysNeedATableName) {
    SQLRETURN rc = SQLPrimaryKeys(h(), nullptr, 0, text(schema), SQL_NTS, nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {});
}

class ForeignKeysTest : public KeysTest {
protected:
    void SetUp() override {
        KeysTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + schema +
            ".parent (a int, b int, u int UNIQUE, CONSTRAINT parent_key PRIMARY KEY (a, b))");
        run("CREATE TABLE " + schema + ".child (x int, y int, CONSTRAINT child_parent FOREIGN KEY "
            "(y, x) REFERENCES " + schema + ".parent (a, b) ON UPDATE CASCADE ON DELETE SET NULL "
            "DEFERRABLE INITIALLY DEFERRED)");
        run("CREATE TABLE " + schema + ".another (p int, q int, r int, CONSTRAINT another_parent "
            "FOREIGN KEY (p, q) REFERENCES " + schema + ".parent, CONSTRAINT another_unique "
            "FOREIGN KEY (r) REFERENCES " + schema + ".parent (u) ON DELETE RESTRICT ON UPDATE "
            "SET DEFAULT DEFERRABLE)");
    }
};

TEST_F(ForeignKeysTest, ByPrimaryKeyTableListsReferencingKeysOrderedByForeignTable) {
    Result result = foreign_keys("parent", nullptr);
    EXPECT_EQ(result.columns,
              strings({"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
                       "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ",
                       "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"}));
    ASSERT_EQ(result.rows.size(), 5u);
    EXPECT_EQ(result.rows[0], (Row{"pgo_db", schema, "parent", "a", "pgo_db", schema, "another",
                                   "p", "1", "3", "3", "another_parent", "parent_key", "7"}));
    EXPECT_EQ(result.rows[1], (Row{"pgo_db", schema, "parent", "u", "pgo_db", schema, "another",
                                   "r", "1", "4", "1", "another_unique", "parent_u_key", "6"}));
    EXPECT_EQ(result.rows[2], (Row{"pgo_db", schema, "parent", "b", "pgo_db", schema, "another",
                                   "q", "2", "3", "3", "another_parent", "parent_key", "7"}));
    EXPECT_EQ(result.rows[3], (Row{"pgo_db", schema, "parent", "a", "pgo_db", schema, "child",
                                   "y", "1", "0", "2", "child_parent", "parent_key", "5"}));
    EXPECT_EQ(result.rows[4], (Row{"pgo_db", schema, "parent", "b", "pgo_db", schema, "child",
                                   "x", "2", "0", "2", "child_parent", "parent_key", "5"}));
}

TEST_F(ForeignKeysTest, ByForeignKeyTableListsItsKeysOrderedByPrimaryTable) {
    run("CREATE TABLE " + schema + ".other (k int PRIMARY KEY)");
    run("ALTER TABLE " + schema + ".child ADD COLUMN z int REFERENCES " + schema + ".other");
    Result result = foreign_keys(nullptr, "child");
    EXPECT_EQ(result.column("PKTABLE_NAME"), strings({"other", "parent", "parent"}));
    EXPECT_EQ(result.column("FKCOLUMN_NAME"), strings({"z", "y", "x"}));
    EXPECT_EQ(result.column("KEY_SEQ"), strings({"1", "1", "2"}));
}

TEST_F(ForeignKeysTest, BothTablesGivenListOnlyTheKeysBetweenThem) {
    Result result = foreign_keys("parent", "another");
    EXPECT_EQ(result.column("FK_NAME"), strings({"another_parent", "another_unique",
                                                 "another_parent"}));
    EXPECT_EQ(foreign_keys("child", "parent").rows.size(), 0u);
}

TEST_F(ForeignKeysTest, NeitherTableIsAnError) {
    SQLRETURN rc = SQLForeignKeys(h(), nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr,
                                  0, nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {});
}

TEST_F(ForeignKeysTest, PartitionedReferencedTableListsTheDeclaredKeyOnce) {
    run("CREATE TABLE " + schema + ".pp (k int PRIMARY KEY) PARTITION BY RANGE (k)");
    run("CREATE TABLE " + schema + ".pp_1 PARTITION OF " + schema +
        ".pp FOR VALUES FROM (0) TO (10)");
    run("CREATE TABLE " + schema + ".ref (k int REFERENCES " + schema + ".pp)");
    Result result = foreign_keys("pp", nullptr);
    EXPECT_EQ(result.column("FKTABLE_NAME"), strings({"ref"}));
    EXPECT_EQ(foreign_keys("pp_1", nullptr).rows.size(), 0u);
}

TEST_F(KeysTest, StatisticsListTheTableRowThenIndexesUniqueFirst) {
    run("CREATE TABLE " + schema + ".t (a int PRIMARY KEY, b text, c int)");
    run("CREATE UNIQUE INDEX t_c_unique ON " + schema + ".t (c)");
    run("CREATE INDEX t_b_c ON " + schema + ".t (b DESC, c)");
    run("CREATE INDEX t_lower_b ON " + schema + ".t (lower(b)) WHERE c > 3");
    run("INSERT INTO " + schema + ".t SELECT g, 'x' || g, g FROM generate_series(1, 50) g");
    run("ANALYZE " + schema + ".t");
    Result all = statistics("t", SQL_INDEX_ALL);
    EXPECT_EQ(all.columns,
              strings({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER",
                       "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC",
                       "CARDINALITY", "PAGES", "FILTER_CONDITION"}));
    ASSERT_EQ(all.rows.size(), 6u);
    Row table_row = all.rows[0];
    EXPECT_EQ(table_row[3], std::nullopt);
    EXPECT_EQ(table_row[5], std::nullopt);
    EXPECT_EQ(table_row[6], "0");
    EXPECT_EQ(table_row[10], "50");
    EXPECT_TRUE(table_row[11].has_value());
    EXPECT_EQ(all.column("INDEX_NAME"),
              strings({"NULL", "t_c_unique", "t_pkey", "t_b_c", "t_b_c", "t_lower_b"}));
    EXPECT_EQ(all.column("NON_UNIQUE"), strings({"NULL", "0", "0", "1", "1", "1"}));
    EXPECT_EQ(all.column("TYPE"), strings({"0", "3", "3", "3", "3", "3"}));
    EXPECT_EQ(all.column("INDEX_QUALIFIER"),
              strings({"NULL", schema.c_str(), schema.c_str(), schema.c_str(), schema.c_str(),
                       schema.c_str()}));
    EXPECT_EQ(all.column("ORDINAL_POSITION"), strings({"NULL", "1", "1", "1", "2", "1"}));
    EXPECT_EQ(all.column("COLUMN_NAME"), strings({"NULL", "c", "a", "b", "c", "lower(b)"}));
    EXPECT_EQ(all.column("ASC_OR_DESC"), strings({"NULL", "A", "A", "D", "A", "A"}));
    EXPECT_EQ(all.column("CARDINALITY"), strings({"50", "50", "50", "NULL", "NULL", "NULL"}));
    EXPECT_EQ(all.column("FILTER_CONDITION"),
              strings({"NULL", "NULL", "NULL", "NULL", "NULL", "(c > 3)"}));
    Result unique = statistics("t", SQL_INDEX_UNIQUE);
    EXPECT_EQ(unique.column("INDEX_NAME"), strings({"NULL", "t_c_unique", "t_pkey"}));
}

TEST_F(KeysTest, StatisticsOptionsOutOfRangeAreErrors) {
    run("CREATE TABLE " + schema + ".t (a int)");
    SQLRETURN rc = SQLStatistics(h(), nullptr, 0, text(schema), SQL_NTS, text("t"), SQL_NTS, 7,
                                 SQL_QUICK);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY100", {});
    rc = SQLStatistics(h(), nullptr, 0, text(schema), SQL_NTS, text("t"), SQL_NTS,
                       SQL_INDEX_ALL, 9);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY101", {});
}

TEST_F(KeysTest, BestRowIdIsThePrimaryKey) {
    run("CREATE TABLE " + schema + ".t (a int, b varchar(10), c int UNIQUE NOT NULL, "
        "PRIMARY KEY (b, a))");
    Result result = special(SQL_BEST_ROWID, "t", SQL_NO_NULLS);
    EXPECT_EQ(result.columns, strings({"SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                                       "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                                       "PSEUDO_COLUMN"}));
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0], (Row{"2", "b", "12", "varchar", "10", "40", std::nullopt, "1"}));
    EXPECT_EQ(result.rows[1], (Row{"2", "a", "4", "int4", "10", "4", "0", "1"}));
}

TEST_F(KeysTest, BestRowIdFallsBackToAUniqueIndexHonouringNullable) {
    run("CREATE TABLE " + schema + ".t (a int NOT NULL, b int NOT NULL, n int, "
        "UNIQUE (a, b))");
    run("CREATE UNIQUE INDEX t_n ON " + schema + ".t (n)");
    EXPECT_EQ(special(SQL_BEST_ROWID, "t", SQL_NO_NULLS).column("COLUMN_NAME"),
              strings({"a", "b"}));
    EXPECT_EQ(special(SQL_BEST_ROWID, "t", SQL_NULLABLE).column("COLUMN_NAME"), strings({"n"}))
        << "the fewest columns win once nullable columns are accepted";
    run("CREATE TABLE " + schema + ".only_nullable (n int UNIQUE)");
    EXPECT_EQ(special(SQL_BEST_ROWID, "only_nullable", SQL_NO_NULLS).rows.size(), 0u);
    run("CREATE VIEW " + schema + ".v AS SELECT 1 AS one");
    EXPECT_EQ(special(SQL_BEST_ROWID, "v", SQL_NULLABLE).rows.size(), 0u);
}

TEST_F(KeysTest, RowVersionIsXmin) {
    run("CREATE TABLE " + schema + ".t (a int)");
    Result result = special(SQL_ROWVER, "t", SQL_NO_NULLS);
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].at(0), std::nullopt);
    EXPECT_EQ(result.at(0, "COLUMN_NAME"), "xmin");
    EXPECT_EQ(result.at(0, "TYPE_NAME"), "xid");
    EXPECT_EQ(result.at(0, "PSEUDO_COLUMN"), "2");
    run("CREATE VIEW " + schema + ".v AS SELECT 1 AS one");
    EXPECT_EQ(special(SQL_ROWVER, "v", SQL_NO_NULLS).rows.size(), 0u);
}

TEST_F(KeysTest, SpecialColumnsOptionsOutOfRangeAreErrors) {
    run("CREATE TABLE " + schema + ".t (a int)");
    SQLRETURN rc = SQLSpecialColumns(h(), 9, nullptr, 0, text(schema), SQL_NTS, text("t"),
                                     SQL_NTS, SQL_SCOPE_CURROW, SQL_NO_NULLS);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY097", {});
    rc = SQLSpecialColumns(h(), SQL_BEST_ROWID, nullptr, 0, text(schema), SQL_NTS, text("t"),
                           SQL_NTS, 9, SQL_NO_NULLS);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY098", {});
    rc = SQLSpecialColumns(h(), SQL_BEST_ROWID, nullptr, 0, text(schema), SQL_NTS, text("t"),
                           SQL_NTS, SQL_SCOPE_CURROW, 9);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY099", {});
}

TEST_F(KeysTest, UnusualNamesWorkInKeyFunctions) {
    std::string name = "x'; drop table y; --";
    run("CREATE TABLE " + schema + ".\"" + name + "\" (\"Größe\" int PRIMARY KEY)");
    run("CREATE TABLE " + schema + ".\"Kind\" (\"Ref\" int REFERENCES " + schema + ".\"" + name +
        "\")");
    EXPECT_EQ(primary_keys(name).column("COLUMN_NAME"), strings({"Größe"}));
    EXPECT_EQ(foreign_keys(name.c_str(), nullptr).column("FKTABLE_NAME"), strings({"Kind"}));
    ASSERT_OK(set_metadata_id(true), diags());
    std::string quoted = "\"" + name + "\"";
    Result as_identifier = result_of(SQLPrimaryKeys(h(), catalog(), SQL_NTS, text(schema), SQL_NTS,
                                                    text(quoted), SQL_NTS));
    EXPECT_EQ(as_identifier.column("COLUMN_NAME"), strings({"Größe"}));
    Result kind = result_of(SQLForeignKeys(h(), nullptr, 0, nullptr, 0, nullptr, 0, catalog(),
                                           SQL_NTS, text(schema), SQL_NTS, text("KIND"), SQL_NTS));
    EXPECT_EQ(kind.rows.size(), 0u) << "unquoted KIND folds to kind";
}

} // namespace
} // namespace pgo_test
