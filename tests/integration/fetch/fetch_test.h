// Shared fixture for the fetch-path integration tests: one trusted
// connection and one statement, with helpers that run SQL and read values.
#ifndef PGO_TESTS_INTEGRATION_FETCH_TEST_H
#define PGO_TESTS_INTEGRATION_FETCH_TEST_H

#include "odbc_test.h"

namespace pgo_test {

class FetchTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
        ASSERT_TRUE(stmt->get() != SQL_NULL_HSTMT);
    }
    void TearDown() override {
        stmt.reset();
        connection.reset();
    }

    static SQLCHAR *text(const std::string &sql) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
    }
    SQLRETURN exec(const std::string &sql) { return exec_on(h(), sql); }
    static SQLRETURN exec_on(SQLHSTMT handle, const std::string &sql) {
        return SQLExecDirect(handle, text(sql), SQL_NTS);
    }
    // Runs sql on a fresh statement and expects success.
    void run(const std::string &sql) {
        Statement other(connection->get());
        SQLRETURN rc = exec_on(other.get(), sql);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
    }
    SQLHSTMT h() const { return stmt->get(); }
    // Column as text via SQLGetData; "NULL" for a null value.
    static std::string text_of(SQLHSTMT handle, SQLUSMALLINT column) {
        SQLRETURN rc = SQL_SUCCESS;
        Diags diags;
        auto value = get_text(handle, column, &rc, &diags);
        EXPECT_TRUE(succeeded(rc)) << format_diags(diags);
        return value.value_or("NULL");
    }
    std::string text_of(SQLUSMALLINT column) const { return text_of(h(), column); }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
};

#define EXPECT_OK(rc, handle_diags) \
    EXPECT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) \
                                           << ::pgo_test::format_diags(handle_diags)
#define ASSERT_OK(rc, handle_diags) \
    ASSERT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) \
                                           << ::pgo_test::format_diags(handle_diags)

} // namespace pgo_test

#endif
