// Support for the thread tests: the integration fixture (harness env,
// ODBCSYSINI, one environment handle; tests/integration/odbc_test.h) plus
// what threads need on top of it. A worker thread never calls a gtest
// assertion: it reports what went wrong to a Failures list, and the test
// thread asserts that list is empty, so every failure names its thread and
// operation and none is lost when a thread returns early.
// Sizes scale with PGO_THREADS_SCALE (a fraction, default 1: the issue's
// full size), so a developer can run the suite small.
#ifndef PGO_TESTS_THREADS_THREAD_TEST_H
#define PGO_TESTS_THREADS_THREAD_TEST_H

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "odbc_test.h"

namespace pgo_threads {

using pgo_test::collect_diags;
using pgo_test::Connection;
using pgo_test::Diags;
using pgo_test::format_diags;
using pgo_test::has_diag;
using pgo_test::rc_name;
using pgo_test::succeeded;

// PGO_THREADS_SCALE times full, at least minimum.
inline int scaled(int full, int minimum) {
    const char *text = std::getenv("PGO_THREADS_SCALE");
    double scale = 1.0;
    if (text != nullptr && *text != '\0') {
        char *end = nullptr;
        double value = std::strtod(text, &end);
        if (end != text && *end == '\0' && value > 0.0) {
            scale = value;
        }
    }
    int count = static_cast<int>(full * scale);
    return count < minimum ? minimum : count;
}

// What the worker threads found wrong; thread-safe; keeps the first 50.
class Failures {
public:
    void add(const std::string &what) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++count_;
        if (messages_.size() < 50) {
            messages_.push_back(what);
        }
    }
    int count() {
        std::lock_guard<std::mutex> lock(mutex_);
        return count_;
    }
    std::string text() {
        std::lock_guard<std::mutex> lock(mutex_);
        std::ostringstream out;
        out << count_ << " failure(s)";
        for (const std::string &message : messages_) {
            out << "\n- " << message;
        }
        return out.str();
    }

private:
    std::mutex mutex_;
    int count_ = 0;
    std::vector<std::string> messages_;
};

#define EXPECT_NO_FAILURES(failures) EXPECT_EQ((failures).count(), 0) << (failures).text()

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// "<call> returned <rc>: <records>" for a statement call that failed.
inline std::string describe(const std::string &call, SQLRETURN rc, SQLSMALLINT handle_type,
                            SQLHANDLE handle) {
    return call + " returned " + rc_name(rc) + format_diags(collect_diags(handle_type, handle));
}

inline SQLRETURN exec_direct(SQLHSTMT stmt, const std::string &sql) {
    return SQLExecDirect(stmt, reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())),
                         static_cast<SQLINTEGER>(sql.size()));
}

// Column column of the current row as text ("" for NULL), or an error.
inline bool column_text(SQLHSTMT stmt, SQLUSMALLINT column, std::string *value,
                        std::string *error) {
    char buffer[256] = {0};
    SQLLEN indicator = 0;
    SQLRETURN rc = SQLGetData(stmt, column, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
    if (rc != SQL_SUCCESS) {
        *error = describe("SQLGetData", rc, SQL_HANDLE_STMT, stmt);
        return false;
    }
    *value = indicator == SQL_NULL_DATA ? std::string() : std::string(buffer);
    return true;
}

// A statement handle on a connection, for worker threads; freed on
// destruction unless released (a handle SQLDisconnect already freed).
class RawStatement {
public:
    explicit RawStatement(SQLHDBC dbc) {
        if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &handle_))) {
            handle_ = SQL_NULL_HSTMT;
        }
    }
    ~RawStatement() {
        if (handle_ != SQL_NULL_HSTMT) {
            SQLFreeHandle(SQL_HANDLE_STMT, handle_);
        }
    }
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;
    SQLHSTMT get() const { return handle_; }
    void release() { handle_ = SQL_NULL_HSTMT; }

private:
    SQLHSTMT handle_ = SQL_NULL_HSTMT;
};

class ThreadTest : public pgo_test::OdbcTest {
protected:
    // A trust role over TCP: authentication costs nothing, so the time goes
    // to the calls under test.
    std::string connection_string() const { return tcp_string("pgo_trust"); }

    // A connected connection, or nullptr and a failure (any thread).
    std::unique_ptr<Connection> connect_or_report(Failures &failures, const std::string &who) {
        auto connection = driver_connect_quiet();
        if (!connection->connected) {
            failures.add(who + ": connect returned " + rc_name(connection->rc) +
                         format_diags(connection->diags));
            return nullptr;
        }
        return connection;
    }

    // SQLDriverConnect without gtest assertions, safe on any thread.
    std::unique_ptr<Connection> driver_connect_quiet() {
        auto connection = std::make_unique<Connection>(env->get());
        if (connection->get() == SQL_NULL_HDBC) {
            return connection;
        }
        std::string text = connection_string();
        connection->rc = SQLDriverConnect(
            connection->get(), nullptr, reinterpret_cast<SQLCHAR *>(const_cast<char *>(text.c_str())),
            static_cast<SQLSMALLINT>(text.size()), nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
        connection->diags = collect_diags(SQL_HANDLE_DBC, connection->get());
        connection->connected = succeeded(connection->rc);
        return connection;
    }
};

} // namespace pgo_threads

#endif
