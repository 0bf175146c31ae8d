// Bad parameter values and bad bindings through the driver manager: each
// answers the SQLSTATE the ODBC reference names (SQLBindParameter,
// SQLExecute, SQLDescribeParam, "Converting Data from C to SQL Data
// Types"), never a crash, and the connection goes on working afterwards.
#include "params/params_support.h"

namespace pgo_test {
namespace {

class ParamErrorTest : public ParamFixture {
protected:
    // The connection still answers after the error.
    void expect_connection_lives() { EXPECT_EQ(value_of("SELECT 41 + 1"), "42"); }
};

// ------------------------------------------------------ conversion errors

TEST_F(ParamErrorTest, SbigintTooLargeForSqlIntegerIs22003) {
    SQLBIGINT value = 3000000000LL;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_INTEGER, &value, 0, &indicator), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "22003", {});
    expect_connection_lives();
}

TEST_F(ParamErrorTest, DoubleTooLargeForSqlRealIs22003) {
    SQLDOUBLE value = 1e300;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_REAL, &value, 0, &indicator), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "22003", {});
    expect_connection_lives();
}

TEST_F(ParamErrorTest, NonNumericTextForSqlIntegerIs22018) {
    char value[] = "12a";
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_INTEGER, value, sizeof value, &indicator), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "22018", {});
    expect_connection_lives();
}

TEST_F(ParamErrorTest, TooLongStringForVarchar5Is22001FromTheServer) {
    std::string table = value_table("varchar(5)");
    char value[] = "abcdefgh";
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &indicator, 8), diags());
    EXPECT_EQ(exec("INSERT INTO " + table + " (v) VALUES (?)"), SQL_ERROR);
    Diags records = diags();
    EXPECT_DIAG(records, "22001", {"character varying(5)"});
    EXPECT_EQ(stored(table), "<empty>");
    expect_connection_lives();
}

// "C to SQL: Date": SQL_C_TYPE_DATE into SQL_TYPE_DATE, "Data value is not
// a valid date", is 22007.
TEST_F(ParamErrorTest, ImpossibleDateStructForSqlDateIs22007) {
    SQL_DATE_STRUCT value{2023, 2, 29}; // 2023 is no leap year
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_TYPE_DATE, SQL_TYPE_DATE, &value, 0, &indicator), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "22007", {});
    expect_connection_lives();
}

// ------------------------------------------------------- binding errors

TEST_F(ParamErrorTest, DateStructAsSqlIntegerIs07006AtBind) {
    SQL_DATE_STRUCT value{2024, 1, 2};
    SQLLEN indicator = 0;
    EXPECT_EQ(bind(1, SQL_C_TYPE_DATE, SQL_INTEGER, &value, 0, &indicator), SQL_ERROR);
    EXPECT_DIAG(diags(), "07006", {});
}

TEST_F(ParamErrorTest, MarkerLeftUnboundIs07002AtExecute) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    EXPECT_EQ(exec("SELECT ?, ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "07002", {});
    expect_connection_lives();
}

TEST_F(ParamErrorTest, MarkerLeftUnboundIs07002AtPreparedExecute) {
    ASSERT_OK(prepare("SELECT ?::int4 + 1"), diags());
    EXPECT_EQ(SQLExecute(h()), SQL_ERROR);
    EXPECT_DIAG(diags(), "07002", {});
}

TEST_F(ParamErrorTest, ParameterNumberZeroIs07009) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    EXPECT_EQ(bind(0, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), SQL_ERROR);
    EXPECT_DIAG(diags(), "07009", {});
}

TEST_F(ParamErrorTest, DescribeParamPastTheMarkersIs07009) {
    ASSERT_OK(prepare("SELECT ?::int4, ?::text"), diags());
    SQLSMALLINT type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    EXPECT_EQ(SQLDescribeParam(h(), 3, &type, &size, &digits, &nullable), SQL_ERROR);
    EXPECT_DIAG(diags(), "07009", {});
    EXPECT_EQ(SQLDescribeParam(h(), 0, &type, &size, &digits, &nullable), SQL_ERROR);
    EXPECT_DIAG(diags(), "07009", {});
    // The last real marker is fine.
    EXPECT_OK(SQLDescribeParam(h(), 2, &type, &size, &digits, &nullable), diags());
}

TEST_F(ParamErrorTest, UnknownCTypeIsHY003) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    EXPECT_EQ(bind(1, 9999, SQL_INTEGER, &value, 0, &indicator), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY003", {});
}

TEST_F(ParamErrorTest, UnknownSqlTypeIsHY004) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    EXPECT_EQ(bind(1, SQL_C_SLONG, 9999, &value, 0, &indicator), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY004", {});
}

TEST_F(ParamErrorTest, BadInputOutputTypeIsHY105) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    EXPECT_EQ(SQLBindParameter(h(), 1, 99, SQL_C_SLONG, SQL_INTEGER, 0, 0, &value, 0, &indicator),
              SQL_ERROR);
    EXPECT_DIAG(diags(), "HY105", {});
}

TEST_F(ParamErrorTest, NegativeBufferLengthIsHY090AtBind) {
    char value[] = "x";
    SQLLEN indicator = SQL_NTS;
    EXPECT_EQ(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, -1, &indicator, 1), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY090", {});
}

TEST_F(ParamErrorTest, NegativeLengthIndicatorThatIsNotSpecialIsHY090AtExecute) {
    char value[] = "abc";
    SQLLEN indicator = -50; // not SQL_NTS, SQL_NULL_DATA, data at execution or a default
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &indicator, 3), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY090", {});
    expect_connection_lives();
}

TEST_F(ParamErrorTest, BothValueAndLengthPointersNullIsHY009AtBind) {
    EXPECT_EQ(bind(1, SQL_C_SLONG, SQL_INTEGER, nullptr, 0, nullptr), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY009", {});
}

// SQLExecute's table: "A parameter value, set with SQLBindParameter, was a
// null pointer, and the parameter length value was not 0, SQL_NULL_DATA,
// SQL_DATA_AT_EXEC, SQL_DEFAULT_PARAM, or less than or equal to
// SQL_LEN_DATA_AT_EXEC_OFFSET" is HY090.
TEST_F(ParamErrorTest, NullValuePointerWithALengthIsHY090AtExecute) {
    SQLLEN indicator = 3;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, nullptr, 0, &indicator, 3), diags());
    EXPECT_EQ(exec("SELECT ?"), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY090", {});
    expect_connection_lives();
}

TEST_F(ParamErrorTest, NullValuePointerWithNullDataIndicatorIsNull) {
    SQLLEN indicator = SQL_NULL_DATA;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, nullptr, 0, &indicator), diags());
    EXPECT_EQ(select_value("SELECT ? IS NULL"), "1");
}

TEST_F(ParamErrorTest, ConversionErrorLeavesThePreparedStatementUsable) {
    std::string table = value_table("int4");
    SQLBIGINT value = 3000000000LL;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(prepare("INSERT INTO " + table + " (v) VALUES (?)"), diags());
    EXPECT_EQ(SQLExecute(h()), SQL_ERROR);
    EXPECT_DIAG(diags(), "22003", {});
    value = 77;
    EXPECT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(stored(table), "77");
}

} // namespace
} // namespace pgo_test
