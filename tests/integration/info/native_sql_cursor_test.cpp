// SQLNativeSql (escapes translated, markers kept, the result runs with the
// same bindings) and cursor names (generated SQL_CUR<n>, set names unique
// per connection, the reference's SQLSTATEs), through the driver manager.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class NativeSqlCursorTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure())
            return;
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
    }
    std::string native(const std::string &sql, SQLRETURN *rc_out = nullptr) {
        SQLCHAR out[1024] = {0};
        SQLINTEGER length = -1;
        SQLRETURN rc = SQLNativeSql(connection->get(), (SQLCHAR *)sql.c_str(), SQL_NTS, out,
                                    sizeof out, &length);
        if (rc_out != nullptr)
            *rc_out = rc;
        else
            EXPECT_EQ(SQL_SUCCESS, rc) << sql
                                       << format_diags(collect_diags(SQL_HANDLE_DBC,
                                                                     connection->get()));
        if (rc == SQL_SUCCESS)
            EXPECT_EQ(static_cast<SQLINTEGER>(strlen(reinterpret_cast<char *>(out))), length);
        return reinterpret_cast<char *>(out);
    }
    std::string cursor_name(SQLHSTMT stmt) {
        SQLCHAR name[128] = {0};
        SQLSMALLINT length = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLGetCursorName(stmt, name, sizeof name, &length));
        return reinterpret_cast<char *>(name);
    }
    std::unique_ptr<Connection> connection;
};

TEST_F(NativeSqlCursorTest, NativeSqlTranslatesEscapesAndKeepsMarkers) {
    EXPECT_EQ("SELECT upper(?), DATE '2024-02-29' WHERE ? = 1",
              native("SELECT {fn UCASE(?)}, {d '2024-02-29'} WHERE ? = 1"));
    EXPECT_EQ("SELECT 1", native("SELECT 1"));
    EXPECT_EQ("SELECT f(?)", native("{? = call f(?)}"));
}

TEST_F(NativeSqlCursorTest, NativeSqlResultRunsWithTheSameBindings) {
    std::string text = native("SELECT {fn LCASE(?)} || {fn LTRIM(?)}");
    EXPECT_EQ("SELECT lower(?) || LTRIM(?)", text);
    Statement stmt(connection->get());
    SQLCHAR first[] = "AB", second[] = "cd";
    SQLLEN nts = SQL_NTS;
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_CHAR,
                                            SQL_VARCHAR, 10, 0, first, 0, &nts));
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(stmt.get(), 2, SQL_PARAM_INPUT, SQL_C_CHAR,
                                            SQL_VARCHAR, 10, 0, second, 0, &nts));
    ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(stmt.get(), (SQLCHAR *)text.c_str(), SQL_NTS))
        << text << format_diags(stmt.diags());
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(stmt.get()));
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    EXPECT_EQ("abcd", get_text(stmt.get(), 1, &rc, &diags).value_or("NULL"));
}

TEST_F(NativeSqlCursorTest, NativeSqlTruncatesWith01004AndRefusesABadEscape) {
    SQLCHAR out[8] = {0};
    SQLINTEGER length = 0;
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO,
              SQLNativeSql(connection->get(), (SQLCHAR *)"SELECT {fn UCASE('abc')}", SQL_NTS, out,
                           sizeof out, &length));
    EXPECT_EQ(19, length); // SELECT upper('abc')
    EXPECT_STREQ("SELECT ", reinterpret_cast<char *>(out));
    EXPECT_DIAG(collect_diags(SQL_HANDLE_DBC, connection->get()), "01004", {});
    SQLRETURN rc = SQL_SUCCESS;
    native("SELECT {xyz 1}", &rc);
    EXPECT_EQ(SQL_ERROR, rc);
    EXPECT_DIAG(collect_diags(SQL_HANDLE_DBC, connection->get()), "42000", {"xyz"});
}

TEST_F(NativeSqlCursorTest, GeneratedCursorNamesAreDistinctAndStable) {
    Statement first(connection->get());
    Statement second(connection->get());
    std::string a = cursor_name(first.get());
    std::string b = cursor_name(second.get());
    EXPECT_EQ(0u, a.rfind("SQL_CUR", 0)) << a;
    EXPECT_EQ(0u, b.rfind("SQL_CUR", 0)) << b;
    EXPECT_NE(a, b);
    EXPECT_EQ(a, cursor_name(first.get()));
}

TEST_F(NativeSqlCursorTest, SetCursorNameIsUniquePerConnectionAndChecked) {
    Statement first(connection->get());
    Statement second(connection->get());
    ASSERT_EQ(SQL_SUCCESS, SQLSetCursorName(first.get(), (SQLCHAR *)"orders_cursor", SQL_NTS));
    EXPECT_EQ("orders_cursor", cursor_name(first.get()));
    EXPECT_EQ(SQL_ERROR, SQLSetCursorName(second.get(), (SQLCHAR *)"orders_cursor", SQL_NTS));
    EXPECT_DIAG(second.diags(), "3C000", {"orders_cursor"});
    EXPECT_EQ(SQL_ERROR, SQLSetCursorName(second.get(), (SQLCHAR *)"SQL_CUR9", SQL_NTS));
    EXPECT_DIAG(second.diags(), "34000", {});
    std::string long_name(64, 'x');
    EXPECT_EQ(SQL_ERROR, SQLSetCursorName(second.get(), (SQLCHAR *)long_name.c_str(), SQL_NTS));
    EXPECT_DIAG(second.diags(), "34000", {"63"});
    // Another connection has its own names.
    auto other = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(other);
    Statement elsewhere(other->get());
    EXPECT_EQ(SQL_SUCCESS,
              SQLSetCursorName(elsewhere.get(), (SQLCHAR *)"orders_cursor", SQL_NTS));
    // An executed statement cannot be renamed.
    ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(second.get(), (SQLCHAR *)"SELECT 1", SQL_NTS));
    EXPECT_EQ(SQL_ERROR, SQLSetCursorName(second.get(), (SQLCHAR *)"late", SQL_NTS));
    EXPECT_DIAG(second.diags(), "24000", {});
}

TEST_F(NativeSqlCursorTest, FreedStatementsNameCanBeReused) {
    {
        Statement first(connection->get());
        ASSERT_EQ(SQL_SUCCESS, SQLSetCursorName(first.get(), (SQLCHAR *)"reused", SQL_NTS));
    }
    Statement second(connection->get());
    EXPECT_EQ(0u, cursor_name(second.get()).rfind("SQL_CUR", 0));
    EXPECT_EQ(SQL_SUCCESS, SQLSetCursorName(second.get(), (SQLCHAR *)"reused", SQL_NTS))
        << format_diags(second.diags());
}

}  // namespace
}  // namespace pgo_test
