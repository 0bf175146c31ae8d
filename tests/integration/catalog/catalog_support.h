// Shared fixture for the catalog-function integration tests (catalog/):
// one trusted connection and statement, a schema of the test's own named
// after the backend's PID (created at the start, dropped with CASCADE at
// the end), and helpers that read a whole catalog result as text with its
// column names. Everything goes through the driver manager.
#ifndef PGO_TESTS_INTEGRATION_CATALOG_SUPPORT_H
#define PGO_TESTS_INTEGRATION_CATALOG_SUPPORT_H

#include "odbc_test.h"

#include <optional>
#include <string>
#include <vector>

namespace pgo_test {

#ifndef EXPECT_OK
#define EXPECT_OK(rc, handle_diags) \
    EXPECT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) \
                                           << ::pgo_test::format_diags(handle_diags)
#define ASSERT_OK(rc, handle_diags) \
    ASSERT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) \
                                           << ::pgo_test::format_diags(handle_diags)
#endif

using Value = std::optional<std::string>;
using Row = std::vector<Value>;

// A whole result: column names and every row as text (nullopt: NULL).
struct Result {
    std::vector<std::string> columns;
    std::vector<Row> rows;

    // The value of the named column in row index (fails the test when the
    // column does not exist).
    Value at(size_t row, const std::string &column) const {
        for (size_t i = 0; i < columns.size(); i++) {
            if (columns[i] == column) {
                return rows.at(row)[i];
            }
        }
        ADD_FAILURE() << "no column " << column;
        return std::nullopt;
    }
    // Every row's value of the named column, "NULL" for a null.
    std::vector<std::string> column(const std::string &name) const {
        std::vector<std::string> values;
        for (size_t i = 0; i < rows.size(); i++) {
            values.push_back(at(i, name).value_or("NULL"));
        }
        return values;
    }
};

class CatalogFixture : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection = driver_connect(tcp_string("pgo_trust") + extra_keywords());
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
        ASSERT_TRUE(stmt->get() != SQL_NULL_HSTMT);
        pid = scalar(*connection, "SELECT pg_backend_pid()").value_or("0");
        schema = "pgo_cat_" + pid;
        run("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        run("CREATE SCHEMA " + schema);
        cleanup.push_back("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    void TearDown() override {
        stmt.reset();
        if (connection && connection->connected) {
            for (auto it = cleanup.rbegin(); it != cleanup.rend(); ++it) {
                Statement other(connection->get());
                SQLRETURN rc = SQLExecDirect(other.get(), text(*it), SQL_NTS);
                EXPECT_TRUE(succeeded(rc)) << *it << format_diags(other.diags());
            }
        }
        connection.reset();
    }

    // Keywords appended to the connection string (WideCharTypes=1;...).
    virtual std::string extra_keywords() const { return ""; }

    static SQLCHAR *text(const std::string &value) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(value.c_str()));
    }
    SQLHSTMT h() const { return stmt->get(); }
    Diags diags() const { return stmt->diags(); }

    // Runs sql on a fresh statement and expects success.
    void run(const std::string &sql) {
        Statement other(connection->get());
        SQLRETURN rc = SQLExecDirect(other.get(), text(sql), SQL_NTS);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
    }

    // Reads the statement's current result whole, then closes the cursor.
    static Result read_all(SQLHSTMT handle) {
        Result result;
        SQLSMALLINT count = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLNumResultCols(handle, &count))
            << format_diags(collect_diags(SQL_HANDLE_STMT, handle));
        for (SQLSMALLINT i = 1; i <= count; i++) {
            SQLCHAR name[256] = {0};
            SQLSMALLINT name_length = 0;
            SQLSMALLINT type = 0;
            SQLULEN size = 0;
            SQLSMALLINT digits = 0;
            SQLSMALLINT nullable = 0;
            EXPECT_EQ(SQL_SUCCESS, SQLDescribeCol(handle, static_cast<SQLUSMALLINT>(i), name,
                                                  sizeof name, &name_length, &type, &size,
                                                  &digits, &nullable));
            result.columns.emplace_back(reinterpret_cast<const char *>(name));
        }
        for (;;) {
            SQLRETURN rc = SQLFetch(handle);
            if (rc == SQL_NO_DATA) {
                break;
            }
            if (!succeeded(rc)) {
                ADD_FAILURE() << "SQLFetch " << rc_name(rc)
                              << format_diags(collect_diags(SQL_HANDLE_STMT, handle));
                break;
            }
            Row row;
            for (SQLSMALLINT i = 1; i <= count; i++) {
                SQLRETURN get_rc = SQL_SUCCESS;
                Diags get_diags;
                row.push_back(get_text(handle, static_cast<SQLUSMALLINT>(i), &get_rc, &get_diags));
                EXPECT_TRUE(succeeded(get_rc)) << format_diags(get_diags);
            }
            result.rows.push_back(row);
        }
        SQLFreeStmt(handle, SQL_CLOSE);
        return result;
    }

    // Reads the test statement's result after a catalog call returned rc.
    Result result_of(SQLRETURN rc) {
        EXPECT_OK(rc, diags());
        if (!succeeded(rc)) {
            return Result{};
        }
        return read_all(h());
    }

    SQLRETURN set_metadata_id(bool on) {
        uses_identifiers = on;
        return SQLSetStmtAttr(h(), SQL_ATTR_METADATA_ID,
                              reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(on ? SQL_TRUE
                                                                                   : SQL_FALSE)),
                              0);
    }

    // The catalog argument the tests pass: none, or the database while
    // SQL_ATTR_METADATA_ID is on (catalogs are supported, so a null catalog
    // name is then HY009).
    SQLCHAR *catalog() { return uses_identifiers ? text(database) : nullptr; }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
    bool uses_identifiers = false;
    const std::string database = "pgo_db";
    std::string pid;
    std::string schema;
    std::vector<std::string> cleanup;
};

inline std::vector<std::string> strings(std::initializer_list<const char *> values) {
    return std::vector<std::string>(values.begin(), values.end());
}

} // namespace pgo_test

#endif
