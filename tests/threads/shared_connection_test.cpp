// Several threads on one connection: each with its own statements, their
// streamed results interleaving on the one wire (the connection buffers a
// statement's unread rows when another statement needs the wire), and
// threads sharing one statement, whose call sequences the application
// serializes while other threads read the statement's and the
// connection's attributes at the same time. Every row a thread reads must
// be one its own query produced, in order and complete.
// Reference: ODBC "Multithreading" (the driver serializes calls on a
// handle); STYLE.md "Threads and cancel" (a statement call locks its
// connection, then the statement).
#include "thread_test.h"

namespace pgo_threads {
namespace {

class SharedConnectionTest : public ThreadTest {};

// Runs a query on stmt that returns rows (thread, g, text) for g in
// 1..rows and checks every row; "" when all is well.
std::string read_own_rows(SQLHSTMT stmt, int thread_number, int round, int rows,
                          bool use_prepared) {
    std::string marker = "r" + std::to_string(round);
    SQLRETURN rc;
    SQLINTEGER parameter = rows;
    if (use_prepared) {
        std::string sql = "SELECT " + std::to_string(thread_number) + ", g, '" + marker +
                          "' || repeat('x', g % 40) FROM generate_series(1, ?::int4) g";
        rc = SQLPrepare(stmt, reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())),
                        SQL_NTS);
        if (rc != SQL_SUCCESS) {
            return describe("SQLPrepare", rc, SQL_HANDLE_STMT, stmt);
        }
        rc = SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                              &parameter, 0, nullptr);
        if (rc != SQL_SUCCESS) {
            return describe("SQLBindParameter", rc, SQL_HANDLE_STMT, stmt);
        }
        rc = SQLExecute(stmt);
    } else {
        rc = exec_direct(stmt, "SELECT " + std::to_string(thread_number) + ", g, '" + marker +
                                   "' || repeat('x', g % 40) FROM generate_series(1, " +
                                   std::to_string(rows) + ") g");
    }
    if (rc != SQL_SUCCESS) {
        return describe("execute", rc, SQL_HANDLE_STMT, stmt);
    }
    SQLINTEGER thread_column = -1;
    SQLINTEGER g = -1;
    char text[64] = {0};
    SQLLEN indicators[3] = {0, 0, 0};
    if (SQLBindCol(stmt, 1, SQL_C_SLONG, &thread_column, 0, &indicators[0]) != SQL_SUCCESS ||
        SQLBindCol(stmt, 2, SQL_C_SLONG, &g, 0, &indicators[1]) != SQL_SUCCESS ||
        SQLBindCol(stmt, 3, SQL_C_CHAR, text, sizeof text, &indicators[2]) != SQL_SUCCESS) {
        return describe("SQLBindCol", SQL_ERROR, SQL_HANDLE_STMT, stmt);
    }
    for (int row = 1; row <= rows; ++row) {
        rc = SQLFetch(stmt);
        if (rc != SQL_SUCCESS) {
            return "row " + std::to_string(row) + ": " +
                   describe("SQLFetch", rc, SQL_HANDLE_STMT, stmt);
        }
        std::string expected = marker + std::string(static_cast<size_t>(row % 40), 'x');
        if (thread_column != thread_number || g != row || expected != text) {
            return "row " + std::to_string(row) + " is (" + std::to_string(thread_column) + ", " +
                   std::to_string(g) + ", " + text + "), expected (" +
                   std::to_string(thread_number) + ", " + std::to_string(row) + ", " + expected +
                   ")";
        }
    }
    rc = SQLFetch(stmt);
    if (rc != SQL_NO_DATA) {
        return describe("SQLFetch past the end", rc, SQL_HANDLE_STMT, stmt);
    }
    SQLFreeStmt(stmt, SQL_UNBIND);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    rc = SQLFreeStmt(stmt, SQL_CLOSE);
    if (rc != SQL_SUCCESS) {
        return describe("SQLFreeStmt(SQL_CLOSE)", rc, SQL_HANDLE_STMT, stmt);
    }
    return "";
}

TEST_F(SharedConnectionTest, ThreadsWithTheirOwnStatementsEachReadOnlyTheirOwnRows) {
    auto connection = driver_connect(connection_string());
    ASSERT_CONNECTED(connection);
    const int threads = scaled(8, 2);
    const int rounds = scaled(150, 5);
    Failures failures;
    std::vector<std::thread> workers;
    for (int number = 0; number < threads; ++number) {
        workers.emplace_back([&, number] {
            // Two statements per thread, fetched alternately: each stream is
            // interrupted by the other's and by every other thread's.
            RawStatement first(connection->get());
            RawStatement second(connection->get());
            if (first.get() == SQL_NULL_HSTMT || second.get() == SQL_NULL_HSTMT) {
                failures.add("thread " + std::to_string(number) + ": SQLAllocHandle failed");
                return;
            }
            for (int round = 0; round < rounds; ++round) {
                SQLHSTMT stmt = round % 2 == 0 ? first.get() : second.get();
                int rows = 20 + (round * 37 + number * 11) % 300;
                std::string error = read_own_rows(stmt, number, round, rows, round % 3 == 0);
                if (!error.empty()) {
                    failures.add("thread " + std::to_string(number) + ", round " +
                                 std::to_string(round) + ": " + error);
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

TEST_F(SharedConnectionTest, ThreadsSharingAStatementSeeTheirOwnResultsWhileOthersReadAttributes) {
    auto connection = driver_connect(connection_string());
    ASSERT_CONNECTED(connection);
    RawStatement shared(connection->get());
    ASSERT_TRUE(shared.get() != SQL_NULL_HSTMT);
    const int threads = scaled(6, 2);
    const int rounds = scaled(100, 5);
    Failures failures;
    std::mutex sequence; // the application serializes each execute..close sequence
    std::atomic<bool> running{true};
    std::vector<std::thread> workers;
    for (int number = 0; number < threads; ++number) {
        workers.emplace_back([&, number] {
            for (int round = 0; round < rounds; ++round) {
                std::lock_guard<std::mutex> lock(sequence);
                std::string error = read_own_rows(shared.get(), number, round,
                                                  5 + (round + number) % 60, round % 2 == 1);
                if (!error.empty()) {
                    failures.add("thread " + std::to_string(number) + ", round " +
                                 std::to_string(round) + ": " + error);
                    return;
                }
            }
        });
    }
    // Readers without the application's lock: single calls the driver
    // serializes with the sequences above.
    std::vector<std::thread> readers;
    for (int number = 0; number < 2; ++number) {
        readers.emplace_back([&, number] {
            int reads = 0;
            while (running.load() || reads < 10) {
                ++reads;
                SQLULEN value = 0;
                SQLRETURN rc = number == 0
                                   ? SQLGetStmtAttr(shared.get(), SQL_ATTR_ROW_ARRAY_SIZE, &value,
                                                    0, nullptr)
                                   : SQLGetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                                       &value, 0, nullptr);
                SQLULEN expected = number == 0 ? 1 : SQL_AUTOCOMMIT_ON;
                if (rc != SQL_SUCCESS || value != expected) {
                    failures.add("reader " + std::to_string(number) + ": " + rc_name(rc) +
                                 ", value " + std::to_string(value));
                    return;
                }
                char name[64] = {0};
                SQLSMALLINT length = 0;
                rc = SQLGetInfo(connection->get(), SQL_DBMS_NAME, name, sizeof name, &length);
                if (rc != SQL_SUCCESS || std::string(name) != "PostgreSQL") {
                    failures.add("reader " + std::to_string(number) + ": SQLGetInfo " +
                                 rc_name(rc) + " " + name);
                    return;
                }
                // Often enough to meet every phase of the sequences, not so
                // often that the readers starve them.
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
    }
    for (std::thread &worker : workers) {
        worker.join();
    }
    running = false;
    for (std::thread &reader : readers) {
        reader.join();
    }
    EXPECT_NO_FAILURES(failures);
}

} // namespace
} // namespace pgo_threads
