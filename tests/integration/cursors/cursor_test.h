// Shared fixture for the scrollable-cursor integration tests (SQLSetPos,
// SQLBulkOperations, bookmarks): one trusted connection, a statement set
// up as a static cursor, a table of the test's own made fresh for each
// test, and a fresh SELECT on another statement to check what the server
// holds after each operation.
#ifndef PGO_TESTS_INTEGRATION_CURSORS_CURSOR_TEST_H
#define PGO_TESTS_INTEGRATION_CURSORS_CURSOR_TEST_H

#include "odbc_test.h"

#include <cstring>

namespace pgo_test {

class CursorTest : public OdbcTest {
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
        // One table per test: the tests of this executable run in parallel.
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        table = to_lower(std::string("cur_") + info->name());
        if (table.size() > 60) {
            table.resize(60);
        }
        run("DROP TABLE IF EXISTS " + table);
    }
    void TearDown() override {
        if (stmt) {
            SQLFreeStmt(h(), SQL_CLOSE);
        }
        if (connection && connection->connected) {
            Statement other(connection->get());
            SQLExecDirect(other.get(), text("DROP TABLE IF EXISTS " + table), SQL_NTS);
        }
        stmt.reset();
        connection.reset();
    }

    static SQLCHAR *text(const std::string &sql) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
    }
    SQLHSTMT h() const { return stmt->get(); }
    void run(const std::string &sql) {
        Statement other(connection->get());
        SQLRETURN rc = SQLExecDirect(other.get(), text(sql), SQL_NTS);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
    }
    // "id|name|qty" per row of a fresh SELECT on another statement; "NULL"
    // for a null value.
    std::vector<std::string> rows(const std::string &sql) {
        std::vector<std::string> out;
        Statement other(connection->get());
        SQLRETURN rc = SQLExecDirect(other.get(), text(sql), SQL_NTS);
        EXPECT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
        SQLSMALLINT columns = 0;
        SQLNumResultCols(other.get(), &columns);
        while (SQLFetch(other.get()) == SQL_SUCCESS) {
            std::string line;
            for (SQLSMALLINT c = 1; c <= columns; c++) {
                SQLRETURN get_rc = SQL_SUCCESS;
                Diags diags;
                auto value = get_text(other.get(), static_cast<SQLUSMALLINT>(c), &get_rc, &diags);
                if (c > 1) {
                    line += "|";
                }
                line += value.value_or("NULL");
            }
            out.push_back(line);
        }
        return out;
    }
    std::vector<std::string> table_rows() {
        return rows("SELECT * FROM " + table + " ORDER BY 1");
    }
    SQLRETURN set_attr(SQLINTEGER attribute, SQLULEN value) {
        return SQLSetStmtAttr(h(), attribute, reinterpret_cast<SQLPOINTER>(value), 0);
    }
    // A static cursor with the given concurrency.
    void make_static(SQLULEN concurrency) {
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_STATIC));
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CONCURRENCY, concurrency))
            << format_diags(stmt->diags());
    }
    void exec(const std::string &sql) {
        SQLRETURN rc = SQLExecDirect(h(), text(sql), SQL_NTS);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(stmt->diags());
    }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
    std::string table;
};

// Column-wise buffers for (id int, name text, qty int), n rows.
struct RowBuffers {
    explicit RowBuffers(size_t n) : id(n), name(n * 32), qty(n), id_ind(n), name_ind(n), qty_ind(n) {}
    void bind(SQLHSTMT stmt) {
        ASSERT_EQ(SQL_SUCCESS, SQLBindCol(stmt, 1, SQL_C_SLONG, id.data(), 0, id_ind.data()));
        ASSERT_EQ(SQL_SUCCESS, SQLBindCol(stmt, 2, SQL_C_CHAR, name.data(), 32, name_ind.data()));
        ASSERT_EQ(SQL_SUCCESS, SQLBindCol(stmt, 3, SQL_C_SLONG, qty.data(), 0, qty_ind.data()));
    }
    std::string name_at(size_t row) const { return std::string(&name[row * 32]); }
    void set_name(size_t row, const std::string &value) {
        std::memset(&name[row * 32], 0, 32);
        std::memcpy(&name[row * 32], value.data(), value.size());
        name_ind[row] = SQL_NTS;
    }
    std::vector<SQLINTEGER> id;
    std::vector<char> name;
    std::vector<SQLINTEGER> qty;
    std::vector<SQLLEN> id_ind, name_ind, qty_ind;
};

} // namespace pgo_test

#endif
