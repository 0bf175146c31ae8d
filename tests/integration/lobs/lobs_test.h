// Shared fixture for the refcursor and large-object tests: one trusted
// connection with the keywords a test asks for, one statement, and
// helpers that run SQL, read every row of the current result as text and
// switch autocommit.
#ifndef PGO_TESTS_INTEGRATION_LOBS_TEST_H
#define PGO_TESTS_INTEGRATION_LOBS_TEST_H

#include "odbc_test.h"

namespace pgo_test {

class LobsTest : public OdbcTest {
protected:
    // Keywords appended to the connection string ("FetchRefcursors=1;").
    virtual std::string keywords() const = 0;

    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = driver_connect(tcp_string("pgo_trust") + keywords());
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
        ASSERT_TRUE(stmt->get() != SQL_NULL_HSTMT);
    }
    void TearDown() override {
        if (connection && connection->connected) {
            stmt.reset();
            SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK);
        }
        stmt.reset();
        connection.reset();
    }

    static SQLCHAR *text(const std::string &sql) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
    }
    SQLHSTMT h() const { return stmt->get(); }
    SQLRETURN exec(const std::string &sql) { return SQLExecDirect(h(), text(sql), SQL_NTS); }
    // Runs sql on a fresh statement of the connection and expects success.
    void run(const std::string &sql) {
        Statement other(connection->get());
        SQLRETURN rc = SQLExecDirect(other.get(), text(sql), SQL_NTS);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
    }
    void set_autocommit(bool on) {
        SQLRETURN rc = SQLSetConnectAttr(
            connection->get(), SQL_ATTR_AUTOCOMMIT,
            reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(on ? SQL_AUTOCOMMIT_ON
                                                                    : SQL_AUTOCOMMIT_OFF)),
            0);
        ASSERT_TRUE(succeeded(rc)) << format_diags(collect_diags(SQL_HANDLE_DBC,
                                                                 connection->get()));
    }
    // First column of the first row as text ("NULL" when none).
    std::string scalar_text(const std::string &sql) {
        return scalar(*connection, sql).value_or("NULL");
    }
    // Column of the current row as text via SQLGetData ("NULL" for null).
    std::string text_of(SQLUSMALLINT column) {
        SQLRETURN rc = SQL_SUCCESS;
        Diags diags;
        auto value = get_text(h(), column, &rc, &diags);
        EXPECT_TRUE(succeeded(rc)) << format_diags(diags);
        return value.value_or("NULL");
    }
    // Every remaining row of the current result, columns joined by "|"
    // ("NULL" for null), rows in order.
    std::vector<std::string> rows() {
        std::vector<std::string> out;
        SQLSMALLINT columns = 0;
        EXPECT_EQ(SQLNumResultCols(h(), &columns), SQL_SUCCESS) << format_diags(stmt->diags());
        for (;;) {
            SQLRETURN rc = SQLFetch(h());
            if (rc == SQL_NO_DATA) {
                break;
            }
            EXPECT_TRUE(succeeded(rc)) << format_diags(stmt->diags());
            if (!succeeded(rc)) {
                break;
            }
            std::string row;
            for (SQLSMALLINT c = 1; c <= columns; ++c) {
                SQLRETURN get_rc = SQL_SUCCESS;
                Diags diags;
                auto value = get_text(h(), static_cast<SQLUSMALLINT>(c), &get_rc, &diags);
                EXPECT_TRUE(succeeded(get_rc)) << format_diags(diags);
                row += (c > 1 ? "|" : "") + value.value_or("NULL");
            }
            out.push_back(row);
        }
        return out;
    }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
};

// The statement call succeeded (SQL_SUCCESS or _WITH_INFO); else its records.
#define ASSERT_OK_STMT(call)                                                             \
    do {                                                                                 \
        SQLRETURN ok_stmt_rc = (call);                                                   \
        ASSERT_TRUE(::pgo_test::succeeded(ok_stmt_rc))                                   \
            << #call << ": " << ::pgo_test::rc_name(ok_stmt_rc)                         \
            << ::pgo_test::format_diags(stmt->diags());                                  \
    } while (0)

} // namespace pgo_test

#endif
