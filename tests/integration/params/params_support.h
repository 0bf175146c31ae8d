// Shared fixture for the parameter integration tests (params/): one
// trusted connection and one statement, tables and functions named after
// the backend's PID (so parallel runs never meet) and dropped at the end,
// and helpers that bind, execute and read values back from the server.
// Every assertion in these suites is about what the server stored or
// computed, read back through the driver manager.
#ifndef PGO_TESTS_INTEGRATION_PARAMS_SUPPORT_H
#define PGO_TESTS_INTEGRATION_PARAMS_SUPPORT_H

#include "odbc_test.h"

#include <cstdint>
#include <cstring>
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

class ParamFixture : public OdbcTest {
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
    }

    void TearDown() override {
        stmt.reset();
        if (connection && connection->connected) {
            if (autocommit_was_turned_off) {
                SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK);
                SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                  reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0);
            }
            for (auto it = cleanup.rbegin(); it != cleanup.rend(); ++it) {
                Statement other(connection->get());
                SQLRETURN rc = SQLExecDirect(other.get(), text(*it), SQL_NTS);
                EXPECT_TRUE(succeeded(rc)) << *it << format_diags(other.diags());
            }
        }
        connection.reset();
    }

    // Keywords appended to the connection string (ParamStyle=format;...).
    virtual std::string extra_keywords() const { return ""; }

    static SQLCHAR *text(const std::string &sql) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
    }
    SQLHSTMT h() const { return stmt->get(); }
    Diags diags() const { return stmt->diags(); }

    SQLRETURN exec(const std::string &sql) { return SQLExecDirect(h(), text(sql), SQL_NTS); }
    SQLRETURN prepare(const std::string &sql) { return SQLPrepare(h(), text(sql), SQL_NTS); }

    SQLRETURN bind(SQLUSMALLINT number, SQLSMALLINT c_type, SQLSMALLINT sql_type, void *value,
                   SQLLEN buffer_length, SQLLEN *indicator, SQLULEN column_size = 0,
                   SQLSMALLINT digits = 0) {
        return bind_on(h(), number, c_type, sql_type, value, buffer_length, indicator,
                       column_size, digits);
    }
    static SQLRETURN bind_on(SQLHSTMT handle, SQLUSMALLINT number, SQLSMALLINT c_type,
                             SQLSMALLINT sql_type, void *value, SQLLEN buffer_length,
                             SQLLEN *indicator, SQLULEN column_size = 0,
                             SQLSMALLINT digits = 0) {
        return SQLBindParameter(handle, number, SQL_PARAM_INPUT, c_type, sql_type, column_size,
                                digits, value, buffer_length, indicator);
    }

    SQLRETURN set_attr(SQLINTEGER attribute, SQLULEN value) {
        return SQLSetStmtAttr(h(), attribute, reinterpret_cast<SQLPOINTER>(value), 0);
    }
    SQLRETURN set_pointer(SQLINTEGER attribute, void *pointer) {
        return SQLSetStmtAttr(h(), attribute, pointer, 0);
    }

    // Runs sql on a fresh statement and expects success.
    void run(const std::string &sql) {
        Statement other(connection->get());
        SQLRETURN rc = SQLExecDirect(other.get(), text(sql), SQL_NTS);
        ASSERT_TRUE(succeeded(rc)) << sql << format_diags(other.diags());
    }

    // First column of the first row of sql on a fresh statement ("NULL" for
    // a null value, "<error>" when it fails: the test fails too).
    std::string value_of(const std::string &sql) {
        QueryResult result = run_query(connection->get(), sql);
        EXPECT_EQ(result.rc, SQL_SUCCESS) << sql << ": " << result.failed_call
                                          << format_diags(result.diags);
        if (result.rc != SQL_SUCCESS) {
            return "<error>";
        }
        if (!result.has_row || result.row.empty()) {
            return "<no row>";
        }
        return result.row[0].value_or("NULL");
    }

    // A unique name for this test's object: pgo_prm_<pid>_<suffix>.
    std::string unique_name(const std::string &suffix) const {
        return "pgo_prm_" + pid + "_" + suffix;
    }

    // CREATE TABLE <unique name>(columns), dropped at the end of the test.
    std::string make_table(const std::string &suffix, const std::string &columns) {
        std::string name = unique_name(suffix);
        run("DROP TABLE IF EXISTS " + name);
        run("CREATE TABLE " + name + " (" + columns + ")");
        cleanup.push_back("DROP TABLE IF EXISTS " + name);
        return name;
    }

    // A table (ord serial, v <column_type>) for values sent one per insert.
    std::string value_table(const std::string &column_type) {
        return make_table("v", "ord serial, v " + column_type);
    }

    // INSERT INTO table (v) VALUES (?) on the test's statement, with what
    // is bound as parameter 1; expects success.
    void insert_bound(const std::string &table) {
        std::string sql = "INSERT INTO " + table + " (v) VALUES (?)";
        SQLRETURN rc = exec(sql);
        ASSERT_TRUE(succeeded(rc)) << sql << ": " << rc_name(rc) << format_diags(diags());
        SQLFreeStmt(h(), SQL_CLOSE);
    }

    // expression (default v::text) of every row in insertion order,
    // comma-separated, "NULL" for a null value.
    std::string stored(const std::string &table, const std::string &expression = "v::text") {
        return value_of("SELECT coalesce(string_agg(coalesce((" + expression +
                        ")::text, 'NULL'), ',' ORDER BY ord), '<empty>') FROM " + table);
    }

    // Executes sql on the test's statement (parameters as bound) and
    // returns every column of the first row as text ("NULL" for null), or
    // "<rc>: diagnostics" in the first element when execution fails.
    std::vector<std::string> select_row(const std::string &sql) {
        std::vector<std::string> row;
        SQLRETURN rc = exec(sql);
        if (!succeeded(rc)) {
            row.push_back(std::string(rc_name(rc)) + ": " + format_diags(diags()));
            return row;
        }
        row = fetch_row(h());
        SQLFreeStmt(h(), SQL_CLOSE);
        return row;
    }

    // Fetches the next row of handle's result, every column as text.
    static std::vector<std::string> fetch_row(SQLHSTMT handle) {
        std::vector<std::string> row;
        SQLSMALLINT columns = 0;
        SQLNumResultCols(handle, &columns);
        SQLRETURN rc = SQLFetch(handle);
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) {
            row.push_back(std::string("fetch: ") + rc_name(rc) +
                          format_diags(collect_diags(SQL_HANDLE_STMT, handle)));
            return row;
        }
        for (SQLSMALLINT column = 1; column <= columns; ++column) {
            SQLRETURN get_rc = SQL_SUCCESS;
            Diags get_diags;
            auto value = get_text(handle, static_cast<SQLUSMALLINT>(column), &get_rc, &get_diags);
            if (!succeeded(get_rc)) {
                row.push_back(std::string("getdata: ") + format_diags(get_diags));
            } else {
                row.push_back(value.value_or("NULL"));
            }
        }
        return row;
    }

    // The first column of sql run on the test's statement with what is bound.
    std::string select_value(const std::string &sql) {
        std::vector<std::string> row = select_row(sql);
        return row.empty() ? "<no column>" : row[0];
    }

    // Turns autocommit off; false (and the reason in *why) when the driver
    // answers HYC00, the only answer that lets a test skip.
    bool turn_autocommit_off(std::string *why) {
        SQLRETURN rc = SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                         reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
        Diags records = collect_diags(SQL_HANDLE_DBC, connection->get());
        if (rc == SQL_ERROR && has_diag(records, "HYC00")) {
            *why = "SQL_ATTR_AUTOCOMMIT off answers HYC00:" + format_diags(records);
            return false;
        }
        EXPECT_OK(rc, records);
        autocommit_was_turned_off = true;
        return succeeded(rc);
    }

    // The diagnostic record's SQL_DIAG_ROW_NUMBER (record 1 by default).
    SQLLEN diag_row_number(SQLSMALLINT record = 1) {
        SQLLEN row_number = -99;
        SQLRETURN rc = SQLGetDiagField(SQL_HANDLE_STMT, h(), record, SQL_DIAG_ROW_NUMBER,
                                       &row_number, 0, nullptr);
        EXPECT_TRUE(succeeded(rc)) << rc_name(rc);
        return row_number;
    }

    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
    std::string pid = "0";
    std::vector<std::string> cleanup; // run in reverse order at TearDown
    bool autocommit_was_turned_off = false;
};

// The states of a parameter status array, as letters: S success, I success
// with info, E error, U unused, D diag unavailable, ? anything else.
inline std::string statuses(const SQLUSMALLINT *status, size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) {
        switch (status[i]) {
        case SQL_PARAM_SUCCESS: out += 'S'; break;
        case SQL_PARAM_SUCCESS_WITH_INFO: out += 'I'; break;
        case SQL_PARAM_ERROR: out += 'E'; break;
        case SQL_PARAM_UNUSED: out += 'U'; break;
        case SQL_PARAM_DIAG_UNAVAILABLE: out += 'D'; break;
        default: out += '?'; break;
        }
    }
    return out;
}

} // namespace pgo_test

#endif
