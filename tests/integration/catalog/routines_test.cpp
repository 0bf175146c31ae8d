// SQLProcedures, SQLProcedureColumns, SQLTablePrivileges and
// SQLColumnPrivileges through the driver manager: the reference's columns,
// functions and procedures with their parameter modes, return values and
// result columns in the reference's order, system routines on request,
// grants to PUBLIC and to the owner, column grants.
#include <algorithm>

#include "catalog/catalog_support.h"

namespace pgo_test {
namespace {

class RoutinesTest : public CatalogFixture {
protected:
    void SetUp() override {
        CatalogFixture::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE FUNCTION " + schema + ".f(a int, INOUT b text, OUT c date) LANGUAGE sql AS "
            "$$ SELECT b, current_date $$");
        run("CREATE PROCEDURE " + schema + ".pr(x numeric(10,2)) LANGUAGE sql AS $$ SELECT 1 $$");
        run("CREATE FUNCTION " + schema + ".g(x int8) RETURNS varchar LANGUAGE sql AS "
            "$$ SELECT 'g' $$");
        run("CREATE FUNCTION " + schema + ".srf(n int) RETURNS TABLE (k int, v text) LANGUAGE "
            "sql AS $$ SELECT 1, 'a' $$");
        run("CREATE FUNCTION " + schema + ".setof_int() RETURNS SETOF int LANGUAGE sql AS "
            "$$ SELECT 1 $$");
        run("COMMENT ON FUNCTION " + schema + ".g(int8) IS 'gee'");
    }
    Result procedures(const char *schema_name, const char *name) {
        return result_of(SQLProcedures(
            h(), nullptr, 0, reinterpret_cast<SQLCHAR *>(const_cast<char *>(schema_name)),
            SQL_NTS, reinterpret_cast<SQLCHAR *>(const_cast<char *>(name)), SQL_NTS));
    }
    Result procedure_columns(const std::string &name, const char *column = nullptr) {
        return result_of(SQLProcedureColumns(
            h(), nullptr, 0, text(schema), SQL_NTS, text(name), SQL_NTS,
            reinterpret_cast<SQLCHAR *>(const_cast<char *>(column)), SQL_NTS));
    }
};

TEST_F(RoutinesTest, ProceduresListFunctionsAndProceduresByName) {
    Result result = procedures(schema.c_str(), "%");
    EXPECT_EQ(result.columns,
              strings({"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "NUM_INPUT_PARAMS",
                       "NUM_OUTPUT_PARAMS", "NUM_RESULT_SETS", "REMARKS", "PROCEDURE_TYPE"}));
    EXPECT_EQ(result.column("PROCEDURE_NAME"), strings({"f", "g", "pr", "setof_int", "srf"}));
    EXPECT_EQ(result.column("PROCEDURE_TYPE"), strings({"2", "2", "1", "2", "2"}));
    EXPECT_EQ(result.column("NUM_INPUT_PARAMS"), strings({"2", "1", "1", "0", "1"}));
    EXPECT_EQ(result.column("NUM_OUTPUT_PARAMS"), strings({"2", "0", "0", "0", "0"}));
    EXPECT_EQ(result.column("REMARKS"), strings({"NULL", "gee", "NULL", "NULL", "NULL"}));
    EXPECT_EQ(result.column("PROCEDURE_CAT"), std::vector<std::string>(5, "pgo_db"));
}

TEST_F(RoutinesTest, SystemRoutinesOnlyWhenTheSchemaIsNamed) {
    EXPECT_EQ(procedures(nullptr, "pg_get_expr").rows.size(), 0u);
    EXPECT_GE(procedures("pg_catalog", "pg_get_expr").rows.size(), 1u);
    // Without a schema the fixture's own function is found; other tests
    // running at the same time may have an "srf" of their own.
    std::vector<std::string> schemas = procedures(nullptr, "srf").column("PROCEDURE_SCHEM");
    EXPECT_EQ(std::count(schemas.begin(), schemas.end(), schema), 1);
}

TEST_F(RoutinesTest, ProcedureColumnsGiveModesPositionsAndTypes) {
    Result f = procedure_columns("f");
    EXPECT_EQ(f.columns.size(), 19u);
    EXPECT_EQ(f.columns[4], "COLUMN_TYPE");
    EXPECT_EQ(f.columns[17], "ORDINAL_POSITION");
    EXPECT_EQ(f.column("COLUMN_NAME"), strings({"a", "b", "c"}));
    EXPECT_EQ(f.column("COLUMN_TYPE"), strings({"1", "2", "4"}));
    EXPECT_EQ(f.column("ORDINAL_POSITION"), strings({"1", "2", "3"}));
    EXPECT_EQ(f.column("DATA_TYPE"), strings({"4", "-1", "91"}));
    EXPECT_EQ(f.column("TYPE_NAME"), strings({"int4", "text", "date"}));

    Result g = procedure_columns("g");
    EXPECT_EQ(g.column("COLUMN_NAME"), strings({"", "x"}));
    EXPECT_EQ(g.column("COLUMN_TYPE"), strings({"5", "1"}));
    EXPECT_EQ(g.column("ORDINAL_POSITION"), strings({"0", "1"}));
    EXPECT_EQ(g.column("DATA_TYPE"), strings({"12", "-5"}));
    EXPECT_EQ(g.column("COLUMN_SIZE"), strings({"65535", "19"}));

    Result srf = procedure_columns("srf");
    EXPECT_EQ(srf.column("COLUMN_NAME"), strings({"n", "k", "v"}));
    EXPECT_EQ(srf.column("COLUMN_TYPE"), strings({"1", "3", "3"}));
    EXPECT_EQ(srf.column("ORDINAL_POSITION"), strings({"1", "1", "2"}));

    EXPECT_EQ(procedure_columns("setof_int").column("COLUMN_TYPE"), strings({"3"}));
    Result pr = procedure_columns("pr");
    EXPECT_EQ(pr.column("COLUMN_TYPE"), strings({"1"}));
    EXPECT_EQ(pr.column("TYPE_NAME"), strings({"numeric"}));
    EXPECT_EQ(procedure_columns("srf", "v").column("ORDINAL_POSITION"), strings({"2"}));
}

TEST_F(RoutinesTest, ProcedureColumnsOfSeveralRoutinesKeepEachTogether) {
    Result result = procedure_columns("%");
    EXPECT_EQ(result.column("PROCEDURE_NAME"),
              strings({"f", "f", "f", "g", "g", "pr", "setof_int", "srf", "srf", "srf"}));
}

class PrivilegesTest : public CatalogFixture {};

TEST_F(PrivilegesTest, TablePrivilegesListGrantsOrderedByPrivilegeThenGrantee) {
    run("CREATE TABLE " + schema + ".t (a int, b int)");
    run("GRANT SELECT ON " + schema + ".t TO PUBLIC");
    Result result = result_of(
        SQLTablePrivileges(h(), nullptr, 0, text(schema), SQL_NTS, text("t"), SQL_NTS));
    EXPECT_EQ(result.columns, strings({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR",
                                       "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"}));
    std::vector<std::string> rows;
    for (size_t i = 0; i < result.rows.size(); i++) {
        rows.push_back(result.at(i, "PRIVILEGE").value_or("") + "/" +
                       result.at(i, "GRANTEE").value_or("") + "/" +
                       result.at(i, "IS_GRANTABLE").value_or(""));
    }
    EXPECT_EQ(rows, strings({"DELETE/pgo_trust/YES", "INSERT/pgo_trust/YES",
                             "REFERENCES/pgo_trust/YES", "SELECT/PUBLIC/NO",
                             "SELECT/pgo_trust/YES", "TRIGGER/pgo_trust/YES",
                             "TRUNCATE/pgo_trust/YES", "UPDATE/pgo_trust/YES"}));
    EXPECT_EQ(result.at(0, "GRANTOR"), "pgo_trust");
}

TEST_F(PrivilegesTest, ColumnPrivilegesCombineTableAndColumnGrants) {
    run("CREATE TABLE " + schema + ".t (a int, b int)");
    run("REVOKE ALL ON " + schema + ".t FROM pgo_trust");
    run("GRANT UPDATE (b) ON " + schema + ".t TO PUBLIC");
    run("GRANT SELECT ON " + schema + ".t TO pgo_trust WITH GRANT OPTION");
    Result result = result_of(SQLColumnPrivileges(h(), nullptr, 0, text(schema), SQL_NTS,
                                                  text("t"), SQL_NTS, text("%"), SQL_NTS));
    EXPECT_EQ(result.columns,
              strings({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR",
                       "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"}));
    std::vector<std::string> rows;
    for (size_t i = 0; i < result.rows.size(); i++) {
        rows.push_back(result.at(i, "COLUMN_NAME").value_or("") + "/" +
                       result.at(i, "PRIVILEGE").value_or("") + "/" +
                       result.at(i, "GRANTEE").value_or("") + "/" +
                       result.at(i, "IS_GRANTABLE").value_or(""));
    }
    EXPECT_EQ(rows, strings({"a/SELECT/pgo_trust/YES", "b/SELECT/pgo_trust/YES",
                             "b/UPDATE/PUBLIC/NO"}));
    Result only_b = result_of(SQLColumnPrivileges(h(), nullptr, 0, text(schema), SQL_NTS,
                                                  text("t"), SQL_NTS, text("b"), SQL_NTS));
    EXPECT_EQ(only_b.rows.size(), 2u);
    SQLRETURN rc = SQLColumnPrivileges(h(), nullptr, 0, text(schema), SQL_NTS, nullptr, 0,
                                       nullptr, 0);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {});
}

} // namespace
} // namespace pgo_test
