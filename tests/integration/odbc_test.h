// Support for the integration tests: everything goes through the unixODBC
// driver manager (libodbc) to the driver registered as [pgodbc] in the
// harness's ODBCSYSINI, against the server tests/harness/pg_harness.sh
// started. Owns: reading <harness>/env (named by PGO_HARNESS_ENV),
// connection and statement handles with RAII, collecting every diagnostic
// record, and the assertions the tests share. Knows nothing of the driver's
// internals.
#ifndef PGO_TESTS_INTEGRATION_ODBC_TEST_H
#define PGO_TESTS_INTEGRATION_ODBC_TEST_H

#include <sql.h>
#include <sqlext.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace pgo_test {

// ---------------------------------------------------------------- harness env

// The KEY='value' lines pg_harness.sh wrote. Loaded once per process.
class HarnessEnv {
public:
    static const HarnessEnv &get() {
        static const HarnessEnv env = load();
        return env;
    }

    bool ok() const { return error_.empty(); }
    const std::string &error() const { return error_; }

    // The value of key, or "" (and a test failure) when the file lacks it.
    std::string operator[](const std::string &key) const {
        auto found = values_.find(key);
        if (found == values_.end()) {
            ADD_FAILURE() << "harness env has no " << key;
            return "";
        }
        return found->second;
    }

    std::string port() const { return (*this)["PGO_PORT"]; }
    std::string host() const { return (*this)["PGO_HOST"]; }
    std::string password() const { return (*this)["PGO_PASSWORD"]; }
    std::string socket_dir() const { return (*this)["PGO_SOCKET_DIR"]; }
    std::string odbcsysini() const { return (*this)["ODBCSYSINI"]; }
    std::string driver_path() const { return (*this)["PGO_DRIVER"]; }

private:
    static HarnessEnv load() {
        HarnessEnv env;
        const char *path = std::getenv("PGO_HARNESS_ENV");
        if (path == nullptr || *path == '\0') {
            env.error_ = "PGO_HARNESS_ENV is not set: run through ctest (fixture 'pg') "
                         "or point it at <dir>/env from tests/harness/pg_harness.sh start";
            return env;
        }
        std::ifstream in(path);
        if (!in) {
            env.error_ = std::string("cannot read harness env file ") + path +
                         " (did harness.start fail?)";
            return env;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') {
                continue;
            }
            size_t equals = line.find('=');
            if (equals == std::string::npos) {
                continue;
            }
            std::string value = line.substr(equals + 1);
            if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
                value = value.substr(1, value.size() - 2);
            }
            env.values_[line.substr(0, equals)] = value;
        }
        return env;
    }

    std::map<std::string, std::string> values_;
    std::string error_;
};

// ------------------------------------------------------------------ text help

inline std::string to_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

inline bool contains_ci(const std::string &text, const std::string &fragment) {
    return to_lower(text).find(to_lower(fragment)) != std::string::npos;
}

// ---------------------------------------------------------------- diagnostics

struct Diag {
    std::string state;
    SQLINTEGER native = 0;
    std::string message;
};

using Diags = std::vector<Diag>;

// Every record on the handle, in order (SQLGetDiagRec until SQL_NO_DATA).
inline Diags collect_diags(SQLSMALLINT handle_type, SQLHANDLE handle) {
    Diags diags;
    if (handle == SQL_NULL_HANDLE) {
        return diags;
    }
    for (SQLSMALLINT record = 1; record < 100; ++record) {
        SQLCHAR state[6] = {0};
        SQLINTEGER native = 0;
        std::vector<SQLCHAR> message(1024);
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLGetDiagRec(handle_type, handle, record, state, &native, message.data(),
                                     static_cast<SQLSMALLINT>(message.size()), &length);
        if (rc == SQL_SUCCESS_WITH_INFO && length >= static_cast<SQLSMALLINT>(message.size())) {
            message.resize(static_cast<size_t>(length) + 1);
            rc = SQLGetDiagRec(handle_type, handle, record, state, &native, message.data(),
                               static_cast<SQLSMALLINT>(message.size()), &length);
        }
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) {
            break;
        }
        Diag diag;
        diag.state = reinterpret_cast<const char *>(state);
        diag.native = native;
        diag.message = reinterpret_cast<const char *>(message.data());
        diags.push_back(diag);
    }
    return diags;
}

inline std::string format_diags(const Diags &diags) {
    if (diags.empty()) {
        return "(no diagnostic records)";
    }
    std::ostringstream out;
    for (const Diag &diag : diags) {
        out << "\n  [" << diag.state << "] (native " << diag.native << ") " << diag.message;
    }
    return out.str();
}

inline const char *rc_name(SQLRETURN rc) {
    switch (rc) {
    case SQL_SUCCESS: return "SQL_SUCCESS";
    case SQL_SUCCESS_WITH_INFO: return "SQL_SUCCESS_WITH_INFO";
    case SQL_ERROR: return "SQL_ERROR";
    case SQL_INVALID_HANDLE: return "SQL_INVALID_HANDLE";
    case SQL_NO_DATA: return "SQL_NO_DATA";
    case SQL_NEED_DATA: return "SQL_NEED_DATA";
    case SQL_STILL_EXECUTING: return "SQL_STILL_EXECUTING";
    default: return "SQLRETURN(?)";
    }
}

inline bool succeeded(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

// A record with this SQLSTATE whose message holds every fragment
// (case-insensitive).
inline bool has_diag(const Diags &diags, const std::string &state,
                     const std::vector<std::string> &fragments = {}) {
    for (const Diag &diag : diags) {
        if (diag.state != state) {
            continue;
        }
        bool all = true;
        for (const std::string &fragment : fragments) {
            all = all && contains_ci(diag.message, fragment);
        }
        if (all) {
            return true;
        }
    }
    return false;
}

inline ::testing::AssertionResult diag_matches(const char *, const char *, const char *,
                                               const Diags &diags, const std::string &state,
                                               const std::vector<std::string> &fragments) {
    if (has_diag(diags, state, fragments)) {
        return ::testing::AssertionSuccess();
    }
    std::ostringstream wanted;
    wanted << "a record [" << state << "]";
    if (!fragments.empty()) {
        wanted << " whose message contains";
        for (const std::string &fragment : fragments) {
            wanted << " \"" << fragment << "\"";
        }
    }
    return ::testing::AssertionFailure()
           << "expected " << wanted.str() << "; got:" << format_diags(diags);
}

// EXPECT_DIAG(diags, "08001", {"UID"}): a record with the state and fragments.
#define EXPECT_DIAG(diags, state, ...) \
    EXPECT_PRED_FORMAT3(::pgo_test::diag_matches, diags, state, \
                        std::vector<std::string>(__VA_ARGS__))
#define ASSERT_DIAG(diags, state, ...) \
    ASSERT_PRED_FORMAT3(::pgo_test::diag_matches, diags, state, \
                        std::vector<std::string>(__VA_ARGS__))

// --------------------------------------------------------------------- handles

// One environment handle per test, ODBC 3.80 behaviour.
class Env {
public:
    Env() {
        SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &handle_);
        if (!succeeded(rc)) {
            handle_ = SQL_NULL_HENV;
            return;
        }
        rc = SQLSetEnvAttr(handle_, SQL_ATTR_ODBC_VERSION,
                           reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(SQL_OV_ODBC3_80)), 0);
        if (!succeeded(rc)) {
            SQLFreeHandle(SQL_HANDLE_ENV, handle_);
            handle_ = SQL_NULL_HENV;
        }
    }
    ~Env() {
        if (handle_ != SQL_NULL_HENV) {
            SQLFreeHandle(SQL_HANDLE_ENV, handle_);
        }
    }
    Env(const Env &) = delete;
    Env &operator=(const Env &) = delete;
    SQLHENV get() const { return handle_; }

private:
    SQLHENV handle_ = SQL_NULL_HENV;
};

// A connection handle; disconnects (when connected) and frees on destruction.
class Connection {
public:
    explicit Connection(SQLHENV env) {
        if (!succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env, &handle_))) {
            handle_ = SQL_NULL_HDBC;
        }
    }
    ~Connection() {
        if (handle_ == SQL_NULL_HDBC) {
            return;
        }
        if (connected) {
            SQLDisconnect(handle_);
        }
        SQLFreeHandle(SQL_HANDLE_DBC, handle_);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    SQLHDBC get() const { return handle_; }

    bool connected = false;
    SQLRETURN rc = SQL_ERROR; // of the connect call
    Diags diags;              // collected right after the connect call
    std::string out_string;   // SQLDriverConnect's completed string
    double elapsed_seconds = 0.0;

private:
    SQLHDBC handle_ = SQL_NULL_HDBC;
};

// A statement handle, freed on destruction.
class Statement {
public:
    explicit Statement(SQLHDBC dbc) {
        if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &handle_))) {
            handle_ = SQL_NULL_HSTMT;
        }
    }
    ~Statement() {
        if (handle_ != SQL_NULL_HSTMT) {
            SQLFreeHandle(SQL_HANDLE_STMT, handle_);
        }
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    SQLHSTMT get() const { return handle_; }
    Diags diags() const { return collect_diags(SQL_HANDLE_STMT, handle_); }

private:
    SQLHSTMT handle_ = SQL_NULL_HSTMT;
};

// One column value read with SQLGetData as SQL_C_CHAR; nullopt for NULL.
// Reads the value whole, in pieces when it is long.
inline std::optional<std::string> get_text(SQLHSTMT stmt, SQLUSMALLINT column, SQLRETURN *rc_out,
                                           Diags *diags_out) {
    std::string value;
    std::vector<char> piece(4096);
    for (;;) {
        SQLLEN indicator = 0;
        SQLRETURN rc = SQLGetData(stmt, column, SQL_C_CHAR, piece.data(),
                                  static_cast<SQLLEN>(piece.size()), &indicator);
        if (rc == SQL_NO_DATA) {
            break;
        }
        if (!succeeded(rc)) {
            *rc_out = rc;
            *diags_out = collect_diags(SQL_HANDLE_STMT, stmt);
            return std::nullopt;
        }
        if (indicator == SQL_NULL_DATA) {
            *rc_out = SQL_SUCCESS;
            return std::nullopt;
        }
        value += piece.data();
        if (rc == SQL_SUCCESS) {
            break;
        }
    }
    *rc_out = SQL_SUCCESS;
    return value;
}

// The outcome of running one statement and reading its first row.
struct QueryResult {
    SQLRETURN rc = SQL_ERROR; // first failing call's return, or SQL_SUCCESS
    std::string failed_call;  // which call failed, "" when none did
    Diags diags;
    bool has_row = false;
    std::vector<std::optional<std::string>> row; // first row, every column
};

inline QueryResult run_query(SQLHDBC dbc, const std::string &sql) {
    QueryResult result;
    Statement stmt(dbc);
    if (stmt.get() == SQL_NULL_HSTMT) {
        result.failed_call = "SQLAllocHandle(STMT)";
        result.diags = collect_diags(SQL_HANDLE_DBC, dbc);
        return result;
    }
    SQLRETURN rc = SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())),
                                 static_cast<SQLINTEGER>(sql.size()));
    if (!succeeded(rc)) {
        result.rc = rc;
        result.failed_call = "SQLExecDirect";
        result.diags = stmt.diags();
        return result;
    }
    SQLSMALLINT columns = 0;
    rc = SQLNumResultCols(stmt.get(), &columns);
    if (!succeeded(rc)) {
        result.rc = rc;
        result.failed_call = "SQLNumResultCols";
        result.diags = stmt.diags();
        return result;
    }
    if (columns > 0) {
        rc = SQLFetch(stmt.get());
        if (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
            result.has_row = true;
            for (SQLSMALLINT column = 1; column <= columns; ++column) {
                SQLRETURN get_rc = SQL_SUCCESS;
                Diags get_diags;
                auto value = get_text(stmt.get(), static_cast<SQLUSMALLINT>(column), &get_rc,
                                      &get_diags);
                if (!succeeded(get_rc)) {
                    result.rc = get_rc;
                    result.failed_call = "SQLGetData";
                    result.diags = get_diags;
                    return result;
                }
                result.row.push_back(value);
            }
        } else if (rc != SQL_NO_DATA) {
            result.rc = rc;
            result.failed_call = "SQLFetch";
            result.diags = stmt.diags();
            return result;
        }
    }
    result.rc = SQL_SUCCESS;
    return result;
}

// ----------------------------------------------------------------- the fixture

// Base for every integration test: harness env, ODBCSYSINI, an environment
// handle, and connection helpers.
class OdbcTest : public ::testing::Test {
protected:
    const HarnessEnv &harness = HarnessEnv::get();
    std::optional<Env> env;

    void SetUp() override {
        ASSERT_TRUE(harness.ok()) << harness.error();
        // The driver manager reads odbcinst.ini and odbc.ini from here.
        setenv("ODBCSYSINI", harness.odbcsysini().c_str(), 1);
        env.emplace();
        ASSERT_TRUE(env->get() != SQL_NULL_HENV) << "SQLAllocHandle(ENV) failed";
    }

    // "DRIVER={pgodbc};Server=127.0.0.1;Port=<port>;Database=pgo_db;UID=<user>;"
    std::string tcp_string(const std::string &user) const {
        return "DRIVER={pgodbc};Server=" + harness.host() + ";Port=" + harness.port() +
               ";Database=pgo_db;UID=" + user + ";";
    }

    // The same with the harness password (PWD=...;).
    std::string tcp_string_with_password(const std::string &user) const {
        return tcp_string(user) + "PWD=" + harness.password() + ";";
    }

    // SQLDriverConnect (SQL_DRIVER_NOPROMPT) on a new connection handle.
    std::unique_ptr<Connection> driver_connect(const std::string &connection_string) {
        auto connection = std::make_unique<Connection>(env->get());
        if (connection->get() == SQL_NULL_HDBC) {
            ADD_FAILURE() << "SQLAllocHandle(DBC) failed";
            return connection;
        }
        std::vector<SQLCHAR> out(4096);
        SQLSMALLINT out_length = 0;
        auto start = std::chrono::steady_clock::now();
        connection->rc = SQLDriverConnect(
            connection->get(), nullptr,
            reinterpret_cast<SQLCHAR *>(const_cast<char *>(connection_string.c_str())),
            static_cast<SQLSMALLINT>(connection_string.size()), out.data(),
            static_cast<SQLSMALLINT>(out.size()), &out_length, SQL_DRIVER_NOPROMPT);
        connection->elapsed_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        connection->diags = collect_diags(SQL_HANDLE_DBC, connection->get());
        connection->connected = succeeded(connection->rc);
        if (connection->connected) {
            connection->out_string = reinterpret_cast<const char *>(out.data());
        }
        return connection;
    }

    // SQLConnect(server, user, password) on a new connection handle.
    std::unique_ptr<Connection> sql_connect(const std::string &server, const std::string &user,
                                            const std::string &password) {
        auto connection = std::make_unique<Connection>(env->get());
        if (connection->get() == SQL_NULL_HDBC) {
            ADD_FAILURE() << "SQLAllocHandle(DBC) failed";
            return connection;
        }
        connection->rc = SQLConnect(
            connection->get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(server.c_str())),
            SQL_NTS, reinterpret_cast<SQLCHAR *>(const_cast<char *>(user.c_str())), SQL_NTS,
            reinterpret_cast<SQLCHAR *>(const_cast<char *>(password.c_str())), SQL_NTS);
        connection->diags = collect_diags(SQL_HANDLE_DBC, connection->get());
        connection->connected = succeeded(connection->rc);
        return connection;
    }

    // First column of the first row; the test fails when the query does.
    std::optional<std::string> scalar(const Connection &connection, const std::string &sql) {
        QueryResult result = run_query(connection.get(), sql);
        EXPECT_EQ(result.rc, SQL_SUCCESS)
            << sql << ": " << result.failed_call << " returned " << rc_name(result.rc)
            << format_diags(result.diags);
        EXPECT_TRUE(result.rc != SQL_SUCCESS || result.has_row) << sql << ": no row";
        if (!result.has_row || result.row.empty()) {
            return std::nullopt;
        }
        return result.row[0];
    }

    // Whether the session runs over TLS, as the server sees it.
    bool ssl_is_used(const Connection &connection) {
        auto ssl = scalar(connection, "SELECT CASE WHEN ssl THEN 'yes' ELSE 'no' END "
                                      "FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
        EXPECT_TRUE(ssl.has_value());
        return ssl.value_or("") == "yes";
    }
};

// Connected: SQL_SUCCESS or SQL_SUCCESS_WITH_INFO, else print the records.
#define ASSERT_CONNECTED(connection) \
    ASSERT_TRUE(::pgo_test::succeeded((connection)->rc)) \
        << "connect returned " << ::pgo_test::rc_name((connection)->rc) \
        << ::pgo_test::format_diags((connection)->diags)

#define EXPECT_CONNECT_FAILED(connection) \
    EXPECT_EQ((connection)->rc, SQL_ERROR) \
        << "connect returned " << ::pgo_test::rc_name((connection)->rc) \
        << ::pgo_test::format_diags((connection)->diags)

} // namespace pgo_test

#endif
