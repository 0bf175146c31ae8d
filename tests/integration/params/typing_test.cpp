// The typing rule of types/from_c.h, observed on the server: a parameter
// bound with a character SQL type resolves as a quoted literal would (so a
// string works for an int4 or a date column and picks f(text) among
// overloads), any other SQL type names its PostgreSQL type (an integer
// picks f(int), compares with numeric, and describes as SQL_INTEGER).
// Also SQLNumParams and SQLDescribeParam after SQLPrepare, with the types
// the server derived for each marker.
#include "params/params_support.h"

namespace pgo_test {
namespace {

class ParamTypingTest : public ParamFixture {};

TEST_F(ParamTypingTest, StringBoundAsVarcharFillsInt4AndDateColumns) {
    std::string table = make_table("typed", "i int4, d date");
    char number[] = "42";
    char date[] = "2024-02-29";
    SQLLEN number_length = SQL_NTS, date_length = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, number, sizeof number, &number_length, 2), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, date, sizeof date, &date_length, 10), diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?)"), diags());
    EXPECT_EQ(value_of("SELECT i + 1 || ' ' || (d + 1)::text FROM " + table), "43 2024-03-01");
    // The same strings compared with the columns.
    EXPECT_EQ(select_value("SELECT count(*) FROM " + table + " WHERE i = ? AND d = ?"), "1");
}

TEST_F(ParamTypingTest, StringBoundAsVarcharIsNotAnIntegerWhenItIsNotOne) {
    std::string table = make_table("typed_bad", "i int4");
    char text_value[] = "4x2";
    SQLLEN length = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, text_value, sizeof text_value, &length, 3),
              diags());
    EXPECT_EQ(exec("INSERT INTO " + table + " VALUES (?)"), SQL_ERROR);
    // The server's input function refuses it, as it would the literal '4x2'.
    EXPECT_DIAG(diags(), "22P02", {"4x2"});
}

TEST_F(ParamTypingTest, IntegerComparesWithNumericColumn) {
    std::string table = make_table("num", "n numeric(10,2)");
    run("INSERT INTO " + table + " VALUES (5.00), (5.5), (6)");
    SQLINTEGER value = 5;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    EXPECT_EQ(select_value("SELECT count(*) FROM " + table + " WHERE n = ?"), "1");
    EXPECT_EQ(select_value("SELECT count(*) FROM " + table + " WHERE n > ?"), "2");
    value = 6;
    EXPECT_EQ(select_value("SELECT string_agg(n::text, ',' ORDER BY n) FROM " + table +
                           " WHERE n < ?"),
              "5.00,5.50");
}

class ParamOverloadTest : public ParamTypingTest {
protected:
    void SetUp() override {
        ParamTypingTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        function = unique_name("f");
        run("CREATE FUNCTION " + function + "(int) RETURNS text LANGUAGE sql AS $$SELECT 'int'$$");
        run("CREATE FUNCTION " + function +
            "(text) RETURNS text LANGUAGE sql AS $$SELECT 'text'$$");
        cleanup.push_back("DROP FUNCTION IF EXISTS " + function + "(int)");
        cleanup.push_back("DROP FUNCTION IF EXISTS " + function + "(text)");
    }
    std::string function;
};

TEST_F(ParamOverloadTest, SqlIntegerPicksTheIntOverload) {
    SQLINTEGER value = 7;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    EXPECT_EQ(select_value("SELECT " + function + "(?)"), "int");
}

TEST_F(ParamOverloadTest, SqlVarcharPicksTheTextOverload) {
    char value[] = "7";
    SQLLEN indicator = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, value, sizeof value, &indicator, 1), diags());
    EXPECT_EQ(select_value("SELECT " + function + "(?)"), "text");
}

TEST_F(ParamOverloadTest, IntegerCTypeBoundAsVarcharStillPicksText) {
    // The SQL type decides, not the C type: SQL_C_SLONG sent as SQL_VARCHAR.
    SQLINTEGER value = 7;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_VARCHAR, &value, 0, &indicator, 11), diags());
    EXPECT_EQ(select_value("SELECT " + function + "(?)"), "text");
}

TEST_F(ParamTypingTest, SelectMarkerBoundAsIntegerDescribesAsSqlInteger) {
    SQLINTEGER value = 12;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(prepare("SELECT ?"), diags());
    SQLCHAR name[32];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_OK(SQLDescribeCol(h(), 1, name, sizeof name, &name_length, &type, &size, &digits,
                             &nullable),
              diags());
    EXPECT_EQ(type, SQL_INTEGER);
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"12"});
    SQLFreeStmt(h(), SQL_CLOSE);

    // Executed directly: the result column is int4 too.
    ASSERT_OK(exec("SELECT ?"), diags());
    ASSERT_OK(SQLDescribeCol(h(), 1, name, sizeof name, &name_length, &type, &size, &digits,
                             &nullable),
              diags());
    EXPECT_EQ(type, SQL_INTEGER);
}

TEST_F(ParamTypingTest, SelectMarkerBoundAsDoubleDescribesAsSqlDouble) {
    SQLDOUBLE value = 2.5;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_DOUBLE, &value, 0, &indicator), diags());
    ASSERT_OK(exec("SELECT ?"), diags());
    SQLSMALLINT type = 0;
    ASSERT_OK(SQLDescribeCol(h(), 1, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr),
              diags());
    EXPECT_EQ(type, SQL_DOUBLE);
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"2.5"});
}

// ------------------------------------------ SQLNumParams, SQLDescribeParam

TEST_F(ParamTypingTest, NumParamsCountsMarkersAfterPrepare) {
    ASSERT_OK(prepare("SELECT ?::int4, ?::text, ?::date WHERE ?::int4 IS NOT NULL"), diags());
    SQLSMALLINT count = -1;
    ASSERT_OK(SQLNumParams(h(), &count), diags());
    EXPECT_EQ(count, 4);
    ASSERT_OK(prepare("SELECT 1"), diags());
    ASSERT_OK(SQLNumParams(h(), &count), diags());
    EXPECT_EQ(count, 0);
}

TEST_F(ParamTypingTest, DescribeParamGivesTheServersTypesAfterPrepare) {
    std::string table = make_table("described", "i int4, n numeric(10,2), t text, d date, "
                                                "b bytea, f float8, big int8");
    ASSERT_OK(prepare("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?)"), diags());
    SQLSMALLINT count = 0;
    ASSERT_OK(SQLNumParams(h(), &count), diags());
    ASSERT_EQ(count, 7);
    struct Expected {
        SQLUSMALLINT number;
        SQLSMALLINT type;
    };
    for (Expected expected : {Expected{1, SQL_INTEGER}, Expected{2, SQL_NUMERIC},
                              Expected{3, SQL_LONGVARCHAR}, Expected{4, SQL_TYPE_DATE},
                              Expected{5, SQL_LONGVARBINARY}, Expected{6, SQL_DOUBLE},
                              Expected{7, SQL_BIGINT}}) {
        SQLSMALLINT type = 0, digits = -1, nullable = -1;
        SQLULEN size = 0;
        ASSERT_OK(SQLDescribeParam(h(), expected.number, &type, &size, &digits, &nullable),
                  diags());
        EXPECT_EQ(type, expected.type) << "parameter " << expected.number;
        if (expected.type == SQL_INTEGER) {
            EXPECT_EQ(size, 10u);
            EXPECT_EQ(digits, 0);
        }
        if (expected.type == SQL_NUMERIC && size == 10) {
            // The server's ParameterDescription carries no typmod; when the
            // driver does report numeric(10,2), it must be exact.
            EXPECT_EQ(digits, 2);
        }
    }
}

TEST_F(ParamTypingTest, DescribeParamWorksForComparisonsInAWhereClause) {
    std::string table = make_table("where", "id int8, label varchar(20)");
    ASSERT_OK(prepare("SELECT * FROM " + table + " WHERE id = ? AND label = ?"), diags());
    SQLSMALLINT type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_OK(SQLDescribeParam(h(), 1, &type, &size, &digits, &nullable), diags());
    EXPECT_EQ(type, SQL_BIGINT);
    ASSERT_OK(SQLDescribeParam(h(), 2, &type, &size, &digits, &nullable), diags());
    EXPECT_TRUE(type == SQL_VARCHAR || type == SQL_LONGVARCHAR) << type;
}

} // namespace
} // namespace pgo_test
