// Output and input/output parameters: a procedure's INOUT and OUT
// arguments through {call p(?, ?)} and CALL, a function's value through
// {? = call f(?)}, and {call f(?)} of a function (run with SELECT).
#include "params_support.h"

namespace pgo_test {
namespace {

class OutputParamTest : public ParamFixture {
protected:
    std::string make_routine(const std::string &suffix, const std::string &signature,
                             const std::string &rest, bool is_procedure) {
        std::string name = unique_name(suffix);
        std::string kind = is_procedure ? "PROCEDURE" : "FUNCTION";
        Statement other(connection->get());
        std::string sql = "CREATE " + kind + " " + name + signature + " " + rest;
        EXPECT_TRUE(succeeded(SQLExecDirect(other.get(), text(sql), SQL_NTS)))
            << sql << format_diags(other.diags());
        cleanup.push_back("DROP " + kind + " IF EXISTS " + name);
        return name;
    }
};

TEST_F(OutputParamTest, ProcedureInoutAndOutArgumentsFillTheirBuffers) {
    std::string proc = make_routine(
        "p", "(INOUT total integer, IN step integer, OUT label text)",
        "LANGUAGE plpgsql AS $$ BEGIN total := total + step; label := 'sum ' || total; END $$",
        true);
    SQLINTEGER total = 40, step = 2;
    SQLLEN total_length = 0, step_length = 0, label_length = 0;
    char label[32] = "unchanged";
    ASSERT_OK(SQLBindParameter(h(), 1, SQL_PARAM_INPUT_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                               &total, 0, &total_length),
              diags());
    ASSERT_OK(SQLBindParameter(h(), 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &step, 0,
                               &step_length),
              diags());
    ASSERT_OK(SQLBindParameter(h(), 3, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 31, 0, label,
                               sizeof label, &label_length),
              diags());
    ASSERT_OK(exec("{call " + proc + "(?, ?, ?)}"), diags());
    EXPECT_EQ(total, 42);
    EXPECT_STREQ(label, "sum 42");
    EXPECT_EQ(label_length, 6);
    // No cursor is left: the values came through the parameters.
    EXPECT_EQ(SQLFetch(h()), SQL_ERROR);
    SQLFreeStmt(h(), SQL_CLOSE);
    // The same through PostgreSQL's own CALL, executed again.
    ASSERT_OK(prepare("CALL " + proc + "(?, ?, ?)"), diags());
    total = 1;
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(total, 3);
    EXPECT_STREQ(label, "sum 3");
}

TEST_F(OutputParamTest, ReturnValueOfAFunctionCallEscapeIsParameterOne) {
    std::string function = make_routine("f", "(x integer) RETURNS integer",
                                        "LANGUAGE sql AS $$ SELECT x * 3 $$", false);
    SQLINTEGER result = 0, x = 14;
    SQLLEN result_length = 0, x_length = 0;
    ASSERT_OK(SQLBindParameter(h(), 1, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &result,
                               0, &result_length),
              diags());
    ASSERT_OK(SQLBindParameter(h(), 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &x, 0,
                               &x_length),
              diags());
    ASSERT_OK(exec("{? = call " + function + "(?)}"), diags());
    EXPECT_EQ(result, 42);
    SQLSMALLINT count = 0;
    ASSERT_OK(SQLNumParams(h(), &count), diags());
    EXPECT_EQ(count, 2);
}

TEST_F(OutputParamTest, CallEscapeOfAFunctionReturnsItsRows) {
    std::string function =
        make_routine("rows", "(n integer) RETURNS SETOF integer",
                     "LANGUAGE sql AS $$ SELECT generate_series(1, n) $$", false);
    SQLINTEGER n = 3;
    SQLLEN n_length = 0;
    ASSERT_OK(SQLBindParameter(h(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0,
                               &n_length),
              diags());
    ASSERT_OK(exec("{call " + function + "(?)}"), diags());
    std::vector<std::string> values;
    for (int i = 0; i < 4; i++)
        values.push_back(fetch_row(h()).at(0));
    EXPECT_EQ(values, (std::vector<std::string>{"1", "2", "3", "fetch: SQL_NO_DATA(no diagnostic records)"}));
}

TEST_F(OutputParamTest, NullOutputValueSetsTheIndicator) {
    std::string proc = make_routine("pn", "(OUT nothing text)",
                                    "LANGUAGE plpgsql AS $$ BEGIN nothing := NULL; END $$", true);
    char value[8] = "x";
    SQLLEN length = 0;
    ASSERT_OK(SQLBindParameter(h(), 1, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 7, 0, value,
                               sizeof value, &length),
              diags());
    ASSERT_OK(exec("{call " + proc + "(?)}"), diags());
    EXPECT_EQ(length, SQL_NULL_DATA);
}

} // namespace
} // namespace pgo_test
