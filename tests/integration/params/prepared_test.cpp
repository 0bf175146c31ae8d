// Prepared statements with parameters, through the driver manager:
// prepared once and executed with new values, visible on the server as a
// named statement (pg_prepared_statements, name pgodbc_<n>) from the same
// connection, closed on the server after SQLFreeHandle or a re-prepare
// (the Close travels with the connection's next exchange), alive across
// COMMIT and ROLLBACK, and executable after the application re-binds a
// parameter with another C type.
// Reference: SQLPrepare, SQLExecute, SQLFreeHandle, SQLEndTran.
#include "params/params_support.h"

#include <cstdio>

namespace pgo_test {
namespace {

class PreparedStatementTest : public ParamFixture {
protected:
    // How many of this connection's server statements are named pgodbc_...
    // and hold exactly sql, its markers numbered $1, $2, ... as sent. The
    // text is split in the check query so that the query itself (were it
    // kept prepared by a statement cache) never matches.
    std::string server_statements_holding(const std::string &sql) {
        std::string sent;
        int marker = 0;
        for (char c : sql) {
            if (c == '?') {
                sent += "$" + std::to_string(++marker);
            } else {
                sent += c;
            }
        }
        size_t half = sent.size() / 2;
        return value_of("SELECT count(*) FROM pg_prepared_statements "
                        "WHERE name LIKE 'pgodbc\\_%' AND statement = '" +
                        sent.substr(0, half) + "' || '" + sent.substr(half) + "'");
    }
};

TEST_F(PreparedStatementTest, PreparedOnceExecutesThreeTimesWithNewValues) {
    std::string table = make_table("three", "ord serial, v int4, t text");
    SQLINTEGER number = 0;
    char label[16] = "";
    SQLLEN number_length = 0, label_length = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &number, 0, &number_length), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, label, sizeof label, &label_length, 15), diags());
    std::string sql = "INSERT INTO " + table + " (v, t) VALUES (?, ?)";
    ASSERT_OK(prepare(sql), diags());
    const char *labels[] = {"one", "two", "three"};
    for (int i = 0; i < 3; ++i) {
        number = (i + 1) * 10;
        std::snprintf(label, sizeof label, "%s", labels[i]);
        ASSERT_OK(SQLExecute(h()), diags());
        SQLLEN rows = -1;
        ASSERT_OK(SQLRowCount(h(), &rows), diags());
        EXPECT_EQ(rows, 1);
    }
    EXPECT_EQ(stored(table, "v || ':' || t"), "10:one,20:two,30:three");
    // One server statement for the three executions.
    EXPECT_EQ(server_statements_holding(sql), "1");
}

TEST_F(PreparedStatementTest, ServerStatementIsNamedPgodbcAndGoesAwayAfterFreeHandle) {
    std::string sql = "SELECT ?::int4 + 1 AS " + unique_name("freed");
    {
        Statement other(connection->get());
        ASSERT_OK(SQLPrepare(other.get(), text(sql), SQL_NTS), other.diags());
        EXPECT_EQ(server_statements_holding(sql), "1");
        SQLINTEGER value = 41;
        SQLLEN indicator = 0;
        ASSERT_OK(bind_on(other.get(), 1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator),
                  other.diags());
        ASSERT_OK(SQLExecute(other.get()), other.diags());
        EXPECT_EQ(fetch_row(other.get()), std::vector<std::string>{"42"});
    } // SQLFreeHandle
    // The Close goes out with the next exchange: run one, then look.
    EXPECT_EQ(value_of("SELECT 1"), "1");
    EXPECT_EQ(server_statements_holding(sql), "0");
}

TEST_F(PreparedStatementTest, RePrepareClosesTheFirstServerStatement) {
    std::string first = "SELECT ?::int4 AS " + unique_name("first");
    std::string second = "SELECT ?::int4 AS " + unique_name("second");
    ASSERT_OK(prepare(first), diags());
    EXPECT_EQ(server_statements_holding(first), "1");
    ASSERT_OK(prepare(second), diags());
    EXPECT_EQ(value_of("SELECT 1"), "1");
    EXPECT_EQ(server_statements_holding(first), "0");
    EXPECT_EQ(server_statements_holding(second), "1");
    SQLINTEGER value = 5;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"5"});
}

TEST_F(PreparedStatementTest, PreparedStatementSurvivesCommitAndRollback) {
    std::string table = make_table("tx", "ord serial, v int4");
    std::string why;
    if (!turn_autocommit_off(&why)) {
        GTEST_SKIP() << why;
    }
    ASSERT_FALSE(HasFailure());
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    std::string sql = "INSERT INTO " + table + " (v) VALUES (?)";
    ASSERT_OK(prepare(sql), diags());
    value = 1;
    ASSERT_OK(SQLExecute(h()), diags());
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    value = 2;
    ASSERT_OK(SQLExecute(h()), diags());
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    value = 3;
    ASSERT_OK(SQLExecute(h()), diags());
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_EQ(stored(table), "1,3");
    EXPECT_EQ(server_statements_holding(sql), "1");
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
}

TEST_F(PreparedStatementTest, PreparedStatementSurvivesAFailedTransaction) {
    std::string table = make_table("txfail", "ord serial, v int4 UNIQUE");
    std::string why;
    if (!turn_autocommit_off(&why)) {
        GTEST_SKIP() << why;
    }
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(prepare("INSERT INTO " + table + " (v) VALUES (?)"), diags());
    value = 1;
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(SQLExecute(h()), SQL_ERROR); // duplicate: the transaction fails
    EXPECT_DIAG(diags(), "23505", {});
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    value = 2;
    ASSERT_OK(SQLExecute(h()), diags());
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_EQ(stored(table), "2");
}

TEST_F(PreparedStatementTest, RebindWithAnotherCTypeAfterPrepareStillWorks) {
    std::string table = value_table("int4");
    SQLINTEGER number = 41;
    SQLLEN number_length = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &number, 0, &number_length), diags());
    ASSERT_OK(prepare("INSERT INTO " + table + " (v) VALUES (?)"), diags());
    ASSERT_OK(SQLExecute(h()), diags());

    char text_value[] = "42";
    SQLLEN text_length = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, text_value, sizeof text_value, &text_length, 2),
              diags());
    ASSERT_OK(SQLExecute(h()), diags());

    SQLDOUBLE real_value = 43.0;
    SQLLEN real_length = 0;
    ASSERT_OK(bind(1, SQL_C_DOUBLE, SQL_DOUBLE, &real_value, 0, &real_length), diags());
    ASSERT_OK(SQLExecute(h()), diags());

    SQLBIGINT big_value = 44;
    ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_BIGINT, &big_value, 0, &real_length), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(stored(table), "41,42,43,44");
}

TEST_F(PreparedStatementTest, ResetParamsThenExecuteIs07002) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(prepare("SELECT ?::int4"), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"1"});
    SQLFreeStmt(h(), SQL_CLOSE);
    ASSERT_OK(SQLFreeStmt(h(), SQL_RESET_PARAMS), diags());
    EXPECT_EQ(SQLExecute(h()), SQL_ERROR);
    EXPECT_DIAG(diags(), "07002", {});
}

TEST_F(PreparedStatementTest, NewValuesAreReadAtEachExecuteNotAtBind) {
    SQLINTEGER value = 1;
    SQLLEN indicator = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &indicator), diags());
    ASSERT_OK(prepare("SELECT ? * 2"), diags());
    std::string seen;
    for (SQLINTEGER each : {3, -4, 1000000}) {
        value = each;
        ASSERT_OK(SQLExecute(h()), diags());
        seen += fetch_row(h()).at(0) + ";";
        ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), diags());
    }
    EXPECT_EQ(seen, "6;-8;2000000;");
    indicator = SQL_NULL_DATA;
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"NULL"});
}

} // namespace
} // namespace pgo_test
