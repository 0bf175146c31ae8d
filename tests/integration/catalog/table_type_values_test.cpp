// SQLTables' TableType list holding SQL_ALL_TABLE_TYPES ("%") as one of its
// values: every type, as for "%" alone. LibreOffice Base builds its table
// list with TableType "VIEW,TABLE,%," (a trailing comma after every value),
// and its SDBC getTables(..., {"%"}) sends "%,"; read as a list of known
// types only, the first left materialized views and foreign tables out of
// Base's table list and the second listed nothing.
#include "catalog/catalog_support.h"

namespace pgo_test {
namespace {

class TableTypeValuesTest : public CatalogFixture {
protected:
    void SetUp() override {
        CatalogFixture::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + schema + ".t (a int)");
        run("CREATE VIEW " + schema + ".v AS SELECT 1 AS one");
        run("CREATE MATERIALIZED VIEW " + schema + ".mv AS SELECT 1 AS one");
    }

    // TABLE_NAME of every relation of the test's schema SQLTables lists
    // for the type list.
    std::vector<std::string> names_for(const std::string &types) {
        return result_of(SQLTables(h(), nullptr, 0, text(schema), SQL_NTS, text("%"), SQL_NTS,
                                   text(types), SQL_NTS))
            .column("TABLE_NAME");
    }
};

TEST_F(TableTypeValuesTest, LibreOfficesListWithAllTypesAmongItsValuesListsEveryType) {
    EXPECT_EQ(names_for("VIEW,TABLE,%,"), strings({"mv", "t", "v"}));
}

TEST_F(TableTypeValuesTest, AllTypesFollowedByATrailingCommaListsEveryType) {
    EXPECT_EQ(names_for("%,"), strings({"mv", "t", "v"}));
}

TEST_F(TableTypeValuesTest, AllTypesInQuotesOrBlanksListsEveryType) {
    EXPECT_EQ(names_for("'%'"), strings({"mv", "t", "v"}));
    EXPECT_EQ(names_for(" 'VIEW' , % "), strings({"mv", "t", "v"}));
}

TEST_F(TableTypeValuesTest, ListOfNamedTypesWithATrailingCommaStillSelects) {
    EXPECT_EQ(names_for("TABLE,VIEW,"), strings({"t", "v"}));
    EXPECT_EQ(names_for("MATERIALIZED VIEW,"), strings({"mv"}));
}

TEST_F(TableTypeValuesTest, PercentInsideAValueIsNotAllTypes) {
    // Only a value that is exactly "%" means every type.
    EXPECT_EQ(names_for("TABLE%,VIEW").size(), 1u);
    EXPECT_EQ(names_for("TABLE%,VIEW"), strings({"v"}));
}

} // namespace
} // namespace pgo_test
