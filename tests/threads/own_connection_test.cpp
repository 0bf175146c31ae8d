// Many threads, each with its own connection, all inside the driver at
// once: 32 threads x 1,000 operations at full size (PGO_THREADS_SCALE
// scales both), cycling through a plain fetch, a prepared statement with
// bound parameters, a small parameter array, statements that must fail
// with their SQLSTATE, and a transaction committed or rolled back. Every
// result is checked against what the thread itself asked for, so a value
// leaking between connections, a lost diagnostic or a corrupted handle
// fails the test; under ThreadSanitizer (label tsan) any data race inside
// the driver fails it too.
// Reference: ODBC "Multithreading" (drivers must be thread-safe);
// SQLBindParameter ("Using Arrays of Parameters"); SQLEndTran.
#include "thread_test.h"

#include <cstdio>
#include <cstring>

namespace pgo_threads {
namespace {

constexpr int kArraySize = 5;

// One thread's connection and statements, and the checks of each
// operation. Every method returns false after reporting to failures.
class Worker {
public:
    Worker(SQLHDBC dbc, int thread_number, Failures &failures)
        : dbc_(dbc), thread_number_(thread_number), failures_(failures), plain_(dbc),
          prepared_(dbc), array_(dbc) {}

    bool set_up() {
        if (plain_.get() == SQL_NULL_HSTMT || prepared_.get() == SQL_NULL_HSTMT ||
            array_.get() == SQL_NULL_HSTMT) {
            return fail("set-up", "SQLAllocHandle(STMT) failed");
        }
        if (!run(plain_.get(), "CREATE TEMP TABLE pgo_thread_rows (v int4, thread int4)",
                 "set-up")) {
            return false;
        }
        std::string select = "SELECT ?::int4 * 2, ?::text || '/' || ?::int4";
        SQLRETURN rc = SQLPrepare(prepared_.get(),
                                  reinterpret_cast<SQLCHAR *>(const_cast<char *>(select.c_str())),
                                  SQL_NTS);
        if (rc != SQL_SUCCESS) {
            return fail("set-up", describe("SQLPrepare", rc, SQL_HANDLE_STMT, prepared_.get()));
        }
        bool bound =
            SQLBindParameter(prepared_.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                             &number_, 0, nullptr) == SQL_SUCCESS &&
            SQLBindParameter(prepared_.get(), 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                             sizeof label_ - 1, 0, label_, sizeof label_, &label_length_) ==
                SQL_SUCCESS &&
            SQLBindParameter(prepared_.get(), 3, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                             &number_, 0, nullptr) == SQL_SUCCESS;
        if (!bound) {
            return fail("set-up", describe("SQLBindParameter", SQL_ERROR, SQL_HANDLE_STMT,
                                           prepared_.get()));
        }
        std::snprintf(label_, sizeof label_, "t%d", thread_number_);
        label_length_ = SQL_NTS;

        SQLHSTMT array = array_.get();
        bool array_ready =
            SQLSetStmtAttr(array, SQL_ATTR_PARAMSET_SIZE,
                           reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(kArraySize)),
                           0) == SQL_SUCCESS &&
            SQLSetStmtAttr(array, SQL_ATTR_PARAM_STATUS_PTR, array_status_, 0) == SQL_SUCCESS &&
            SQLSetStmtAttr(array, SQL_ATTR_PARAMS_PROCESSED_PTR, &array_processed_, 0) ==
                SQL_SUCCESS &&
            SQLBindParameter(array, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                             array_values_, 0, nullptr) == SQL_SUCCESS &&
            SQLBindParameter(array, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                             array_threads_, 0, nullptr) == SQL_SUCCESS;
        if (!array_ready) {
            return fail("set-up", describe("array set-up", SQL_ERROR, SQL_HANDLE_STMT, array));
        }
        std::string insert = "INSERT INTO pgo_thread_rows VALUES (?, ?)";
        rc = SQLPrepare(array, reinterpret_cast<SQLCHAR *>(const_cast<char *>(insert.c_str())),
                        SQL_NTS);
        if (rc != SQL_SUCCESS) {
            return fail("set-up", describe("SQLPrepare", rc, SQL_HANDLE_STMT, array));
        }
        return true;
    }

    bool operation(int index) {
        operation_ = index;
        switch (index % 5) {
        case 0: return plain_fetch(index);
        case 1: return bound_parameters(index);
        case 2: return parameter_array(index);
        case 3: return error_statement(index);
        default: return transaction(index);
        }
    }

private:
    // SELECT of 1..7 rows, every column of every row checked, then
    // SQL_NO_DATA.
    bool plain_fetch(int index) {
        int rows = 1 + index % 7;
        SQLHSTMT stmt = plain_.get();
        std::string sql = "SELECT g, 't" + std::to_string(thread_number_) + "-' || g || '-" +
                          std::to_string(index) + "' FROM generate_series(1, " +
                          std::to_string(rows) + ") g";
        SQLRETURN rc = exec_direct(stmt, sql);
        if (rc != SQL_SUCCESS) {
            return fail("fetch", describe("SQLExecDirect", rc, SQL_HANDLE_STMT, stmt));
        }
        SQLINTEGER g = 0;
        SQLLEN g_indicator = 0;
        if (SQLBindCol(stmt, 1, SQL_C_SLONG, &g, 0, &g_indicator) != SQL_SUCCESS) {
            return fail("fetch", describe("SQLBindCol", SQL_ERROR, SQL_HANDLE_STMT, stmt));
        }
        for (int row = 1; row <= rows; ++row) {
            rc = SQLFetch(stmt);
            if (rc != SQL_SUCCESS) {
                return fail("fetch", "row " + std::to_string(row) + ": " +
                                         describe("SQLFetch", rc, SQL_HANDLE_STMT, stmt));
            }
            std::string text;
            std::string error;
            if (!column_text(stmt, 2, &text, &error)) {
                return fail("fetch", error);
            }
            std::string expected = "t" + std::to_string(thread_number_) + "-" +
                                   std::to_string(row) + "-" + std::to_string(index);
            if (g != row || text != expected) {
                return fail("fetch", "row " + std::to_string(row) + " is (" + std::to_string(g) +
                                         ", " + text + "), expected (" + std::to_string(row) +
                                         ", " + expected + ")");
            }
        }
        rc = SQLFetch(stmt);
        if (rc != SQL_NO_DATA) {
            return fail("fetch", describe("SQLFetch past the end", rc, SQL_HANDLE_STMT, stmt));
        }
        SQLFreeStmt(stmt, SQL_UNBIND);
        return close(stmt, "fetch");
    }

    // The prepared statement run again with new bound values.
    bool bound_parameters(int index) {
        SQLHSTMT stmt = prepared_.get();
        number_ = index;
        SQLRETURN rc = SQLExecute(stmt);
        if (rc != SQL_SUCCESS) {
            return fail("parameters", describe("SQLExecute", rc, SQL_HANDLE_STMT, stmt));
        }
        rc = SQLFetch(stmt);
        if (rc != SQL_SUCCESS) {
            return fail("parameters", describe("SQLFetch", rc, SQL_HANDLE_STMT, stmt));
        }
        std::string doubled;
        std::string text;
        std::string error;
        if (!column_text(stmt, 1, &doubled, &error) || !column_text(stmt, 2, &text, &error)) {
            return fail("parameters", error);
        }
        std::string expected = "t" + std::to_string(thread_number_) + "/" + std::to_string(index);
        if (doubled != std::to_string(2 * index) || text != expected) {
            return fail("parameters", "got (" + doubled + ", " + text + "), expected (" +
                                          std::to_string(2 * index) + ", " + expected + ")");
        }
        return close(stmt, "parameters");
    }

    // Five sets in one SQLExecute: every status, the processed count, and
    // the rows the server holds afterwards.
    bool parameter_array(int index) {
        SQLHSTMT stmt = array_.get();
        for (int set = 0; set < kArraySize; ++set) {
            array_values_[set] = index * 10 + set;
            array_threads_[set] = thread_number_;
            array_status_[set] = 999;
        }
        array_processed_ = 0;
        SQLRETURN rc = SQLExecute(stmt);
        if (rc != SQL_SUCCESS) {
            return fail("array", describe("SQLExecute", rc, SQL_HANDLE_STMT, stmt));
        }
        if (array_processed_ != kArraySize) {
            return fail("array", "processed " + std::to_string(array_processed_) + " sets");
        }
        for (int set = 0; set < kArraySize; ++set) {
            if (array_status_[set] != SQL_PARAM_SUCCESS) {
                return fail("array", "set " + std::to_string(set) + " has status " +
                                         std::to_string(array_status_[set]));
            }
        }
        int low = index * 10;
        std::string expected = std::to_string(kArraySize) + "/" +
                               std::to_string(kArraySize * low + 10) + "/" +
                               std::to_string(thread_number_);
        return expect_scalar("array",
                             "SELECT count(*) || '/' || sum(v) || '/' || min(thread) FROM "
                             "pgo_thread_rows WHERE v BETWEEN " +
                                 std::to_string(low) + " AND " + std::to_string(low + 4),
                             expected);
    }

    // Division by zero (22012) and an unknown table (42P01), alternately;
    // the statement is usable right after.
    bool error_statement(int index) {
        SQLHSTMT stmt = plain_.get();
        bool divide = (index / 5) % 2 == 0;
        std::string sql = divide ? "SELECT 1 / (" + std::to_string(index) + " - " +
                                       std::to_string(index) + ")"
                                 : "SELECT * FROM pgo_no_such_table_" +
                                       std::to_string(thread_number_);
        std::string state = divide ? "22012" : "42P01";
        SQLRETURN rc = exec_direct(stmt, sql);
        Diags diags = collect_diags(SQL_HANDLE_STMT, stmt);
        if (rc != SQL_ERROR || !has_diag(diags, state)) {
            return fail("error", std::string("expected SQL_ERROR with ") + state + ", got " +
                                     rc_name(rc) + format_diags(diags));
        }
        return true;
    }

    // Autocommit off, one insert, commit on odd operations and rollback on
    // even ones; the row is there exactly when committed.
    bool transaction(int index) {
        if (!set_autocommit(false)) {
            return false;
        }
        int value = -(index + 1);
        if (!run(plain_.get(),
                 "INSERT INTO pgo_thread_rows VALUES (" + std::to_string(value) + ", " +
                     std::to_string(thread_number_) + ")",
                 "transaction")) {
            return false;
        }
        bool commit = index % 2 == 1;
        SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc_, commit ? SQL_COMMIT : SQL_ROLLBACK);
        if (rc != SQL_SUCCESS) {
            return fail("transaction", describe("SQLEndTran", rc, SQL_HANDLE_DBC, dbc_));
        }
        if (!set_autocommit(true)) {
            return false;
        }
        return expect_scalar("transaction",
                             "SELECT count(*) FROM pgo_thread_rows WHERE v = " +
                                 std::to_string(value),
                             commit ? "1" : "0");
    }

    bool set_autocommit(bool on) {
        SQLRETURN rc = SQLSetConnectAttr(
            dbc_, SQL_ATTR_AUTOCOMMIT,
            reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(on ? SQL_AUTOCOMMIT_ON
                                                                 : SQL_AUTOCOMMIT_OFF)),
            0);
        if (rc != SQL_SUCCESS) {
            return fail("transaction", describe("SQLSetConnectAttr(AUTOCOMMIT)", rc,
                                                SQL_HANDLE_DBC, dbc_));
        }
        return true;
    }

    bool run(SQLHSTMT stmt, const std::string &sql, const char *what) {
        SQLRETURN rc = exec_direct(stmt, sql);
        if (rc != SQL_SUCCESS) {
            return fail(what, sql + ": " + describe("SQLExecDirect", rc, SQL_HANDLE_STMT, stmt));
        }
        return close(stmt, what);
    }

    bool expect_scalar(const char *what, const std::string &sql, const std::string &expected) {
        SQLHSTMT stmt = plain_.get();
        SQLRETURN rc = exec_direct(stmt, sql);
        if (rc != SQL_SUCCESS) {
            return fail(what, sql + ": " + describe("SQLExecDirect", rc, SQL_HANDLE_STMT, stmt));
        }
        rc = SQLFetch(stmt);
        if (rc != SQL_SUCCESS) {
            return fail(what, sql + ": " + describe("SQLFetch", rc, SQL_HANDLE_STMT, stmt));
        }
        std::string value;
        std::string error;
        if (!column_text(stmt, 1, &value, &error)) {
            return fail(what, error);
        }
        if (value != expected) {
            return fail(what, sql + " gave " + value + ", expected " + expected);
        }
        return close(stmt, what);
    }

    bool close(SQLHSTMT stmt, const char *what) {
        SQLRETURN rc = SQLFreeStmt(stmt, SQL_CLOSE);
        if (rc != SQL_SUCCESS) {
            return fail(what, describe("SQLFreeStmt(SQL_CLOSE)", rc, SQL_HANDLE_STMT, stmt));
        }
        return true;
    }

    bool fail(const char *what, const std::string &message) {
        failures_.add("thread " + std::to_string(thread_number_) + ", operation " +
                      std::to_string(operation_) + " (" + what + "): " + message);
        return false;
    }

    SQLHDBC dbc_;
    int thread_number_;
    Failures &failures_;
    RawStatement plain_;
    RawStatement prepared_;
    RawStatement array_;
    int operation_ = -1;
    SQLINTEGER number_ = 0;
    char label_[16] = {0};
    SQLLEN label_length_ = SQL_NTS;
    SQLINTEGER array_values_[kArraySize] = {0};
    SQLINTEGER array_threads_[kArraySize] = {0};
    SQLUSMALLINT array_status_[kArraySize] = {0};
    SQLULEN array_processed_ = 0;
};

class OwnConnectionTest : public ThreadTest {};

TEST_F(OwnConnectionTest, ThirtyTwoThreadsRunMixedOperationsWithEveryResultTheirOwn) {
    const int threads = scaled(32, 2);
    const int operations = scaled(1000, 10);
    Failures failures;
    std::atomic<int> completed{0};
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int number = 0; number < threads; ++number) {
        workers.emplace_back([&, number] {
            auto connection = connect_or_report(failures, "thread " + std::to_string(number));
            if (connection == nullptr) {
                return;
            }
            Worker worker(connection->get(), number, failures);
            if (!worker.set_up()) {
                return;
            }
            for (int index = 0; index < operations; ++index) {
                if (!worker.operation(index)) {
                    return; // one report per thread: the rest would repeat it
                }
                completed.fetch_add(1);
            }
        });
    }
    for (std::thread &worker : workers) {
        worker.join();
    }
    EXPECT_NO_FAILURES(failures);
    EXPECT_EQ(completed.load(), threads * operations);
    RecordProperty("threads", threads);
    RecordProperty("operations_per_thread", operations);
    std::printf("%d threads x %d operations in %.1f s\n", threads, operations,
                seconds_since(start));
}

// Connecting and disconnecting from many threads at once, with every kind
// of set-up the driver does per connection: the DSN read through
// libodbcinst (SQLConnect), SCRAM, MD5 and cleartext password exchanges,
// TLS (SSLMode=prefer against a server with TLS) and the Unix socket.
// Each connection proves it is its own by asking the server who it is.
TEST_F(OwnConnectionTest, ThreadsConnectAndDisconnectConcurrentlyWithEveryAuthentication) {
    const int threads = scaled(8, 2);
    const int cycles = scaled(12, 4);
    const std::string password = harness.password();
    const std::string socket_dir = harness.socket_dir();
    Failures failures;
    std::vector<std::thread> workers;
    for (int number = 0; number < threads; ++number) {
        workers.emplace_back([&, number] {
            for (int cycle = 0; cycle < cycles; ++cycle) {
                int kind = (number + cycle) % 5;
                std::string user;
                auto connection = std::make_unique<Connection>(env->get());
                if (connection->get() == SQL_NULL_HDBC) {
                    failures.add("SQLAllocHandle(DBC) failed");
                    return;
                }
                SQLRETURN rc;
                if (kind == 0) {
                    user = "pgo_scram"; // the DSN's own UID, PWD and SSLMode
                    rc = SQLConnect(connection->get(),
                                    reinterpret_cast<SQLCHAR *>(const_cast<char *>("pgo_test")),
                                    SQL_NTS, nullptr, 0, nullptr, 0);
                } else {
                    const char *users[] = {"", "pgo_scram", "pgo_md5", "pgo_password",
                                           "pgo_trust"};
                    user = users[kind];
                    std::string text = kind == 4 ? "DRIVER={pgodbc};UnixSock=" + socket_dir +
                                                       ";Port=" + harness.port() +
                                                       ";Database=pgo_db;UID=pgo_trust;"
                                                 : tcp_string(user) + "PWD=" + password + ";";
                    rc = SQLDriverConnect(connection->get(), nullptr,
                                          reinterpret_cast<SQLCHAR *>(text.data()),
                                          static_cast<SQLSMALLINT>(text.size()), nullptr, 0,
                                          nullptr, SQL_DRIVER_NOPROMPT);
                }
                std::string who = "thread " + std::to_string(number) + ", cycle " +
                                  std::to_string(cycle) + " (" + user + ")";
                if (!succeeded(rc)) {
                    failures.add(who + ": connect returned " + rc_name(rc) +
                                 format_diags(collect_diags(SQL_HANDLE_DBC, connection->get())));
                    return;
                }
                connection->connected = true;
                pgo_test::QueryResult result =
                    pgo_test::run_query(connection->get(), "SELECT current_user");
                if (result.rc != SQL_SUCCESS || !result.has_row || result.row[0] != user) {
                    failures.add(who + ": SELECT current_user gave " +
                                 (result.has_row ? result.row[0].value_or("NULL") : "no row") +
                                 format_diags(result.diags));
                    return;
                }
            }
        });
    }
    for (std::thread &worker : workers) {
        worker.join();
    }
    EXPECT_NO_FAILURES(failures);
}

} // namespace
} // namespace pgo_threads
