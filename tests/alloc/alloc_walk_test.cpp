// Allocation-failure walks: for each operation (connect with SCRAM and
// with TLS, SQLExecDirect, SQLPrepare + SQLExecute with parameters, the
// fetch of a row holding every type read as SQL_C_CHAR and as its default C
// type, a parameter array of 10 rows, the catalog functions, SQLGetDiagRec
// after an error, SQLGetInfo, SQLEndTran) the driver's allocation hook
// (util/alloc.h, alloc_fail_after) fails the 1st allocation, then the 2nd,
// ... until the operation runs without reaching the armed failure. Every
// failure must answer SQL_ERROR with HY001 (a connect may answer 08001),
// never crash and never a wrong result; afterwards the handles must still
// work (the statement runs SELECT 1, the connection connects again) and be
// freeable, and in the ASan build LeakSanitizer checks at exit that nothing
// leaked.
//
// The hook is not exported by libpgodbc.so (cmake/pgodbc.map exports the
// ODBC API only), so this binary links the driver's module objects itself
// and calls the driver's SQL* functions directly: no driver manager. The
// walk covers the driver's own allocations only; OpenSSL's, libc's
// (getaddrinfo) and libodbcinst's are outside it.
//
// Each test prints its figure ("alloc walk: <operation>: N failure points")
// for the README's reliability table.
#include "odbc_test.h"

extern "C" {
#include "util/alloc.h"
}

#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <initializer_list>
#include <unistd.h>
#include <vector>

namespace pgo_test {
namespace {

// More failure points than this means the walk is not converging.
constexpr unsigned long kMaxFailurePoints = 20000;

SQLCHAR *sql_text(const std::string &text) {
    return reinterpret_cast<SQLCHAR *>(const_cast<char *>(text.c_str()));
}

// The first call of an operation that did not succeed, with the handle
// holding its diagnostics; rc is SQL_SUCCESS when every call succeeded.
struct Outcome {
    SQLRETURN rc = SQL_SUCCESS;
    SQLSMALLINT handle_type = 0;
    SQLHANDLE handle = SQL_NULL_HANDLE;
    std::string call;
};

#define WALK_CALL(expr, type, handle)                                                          \
    do {                                                                                       \
        SQLRETURN walk_rc = (expr);                                                            \
        if (walk_rc != SQL_SUCCESS && walk_rc != SQL_SUCCESS_WITH_INFO)                        \
            return Outcome{walk_rc, (type), (handle), #expr};                                  \
    } while (0)

#define STMT_CALL(expr, ctx) WALK_CALL(expr, SQL_HANDLE_STMT, (ctx).stmt)
#define DBC_CALL(expr, ctx) WALK_CALL(expr, SQL_HANDLE_DBC, (ctx).dbc)

// What the walk hands each step: the environment, the connection the
// operation uses (connected before the walk, except for connects) and the
// statement the operation allocates.
struct Context {
    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
};

struct Operation {
    std::string name;
    // Disarmed, before each attempt.
    std::function<void(Context &)> before = [](Context &) {};
    // Armed: the operation itself. Checks its results when it succeeds.
    std::function<Outcome(Context &)> run;
    // Each attempt on a connection of its own, made before it and freed
    // after it: every attempt starts from the same state (a statement
    // cache warmed by the last attempt would hide the allocations of a
    // cold one).
    bool fresh_connection = false;
    // True when the operation may allocate nothing (the walk then has no
    // point to fail, and says so).
    bool may_allocate_nothing = false;
    // SQLSTATEs a failure may answer besides HY001.
    std::vector<std::string> also_allowed;
    // Disarmed, after each attempt: prove the handles still work, free
    // what the attempt allocated. failed: the attempt answered an error.
    std::function<void(Context &, bool failed)> after;
};

class AllocWalk : public ::testing::Test {
protected:
    const HarnessEnv &harness = HarnessEnv::get();
    Context ctx;
    SQLHDBC session_ = SQL_NULL_HDBC; // the test's own, for set-up and checks
    unsigned long point_ = 0;         // the failure point being walked

    void SetUp() override {
        ASSERT_TRUE(harness.ok()) << harness.error();
        alloc_fail_after(0);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &ctx.env), SQL_SUCCESS);
        ASSERT_EQ(SQLSetEnvAttr(ctx.env, SQL_ATTR_ODBC_VERSION,
                                reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(SQL_OV_ODBC3)),
                                0),
                  SQL_SUCCESS);
    }

    void TearDown() override {
        alloc_fail_after(0);
        free_statement();
        for (SQLHDBC *dbc : {&ctx.dbc, &session_}) {
            if (*dbc != SQL_NULL_HDBC) {
                SQLDisconnect(*dbc);
                SQLFreeHandle(SQL_HANDLE_DBC, *dbc);
                *dbc = SQL_NULL_HDBC;
            }
        }
        if (ctx.env != SQL_NULL_HENV) {
            SQLFreeHandle(SQL_HANDLE_ENV, ctx.env);
            ctx.env = SQL_NULL_HENV;
        }
    }

    std::string scram_string() const {
        return "Server=" + harness.host() + ";Port=" + harness.port() +
               ";Database=pgo_db;UID=pgo_scram;PWD=" + harness.password() + ";SSLMode=disable;";
    }

    // The statement walks' session: pgo_trust owns pgo_db (and its public
    // schema), so the walks may create their tables.
    std::string session_string() const {
        return "Server=" + harness.host() + ";Port=" + harness.port() +
               ";Database=pgo_db;UID=pgo_trust;SSLMode=disable;";
    }

    std::string tls_string() const {
        return "Server=localhost;Port=" + harness.port() +
               ";Database=pgo_db;UID=pgo_scram;PWD=" + harness.password() +
               ";SSLMode=verify-full;SSLRootCert=" + harness["PGO_CA"] + ";";
    }

    // Disarmed: a new connection in *dbc.
    void open_connection(SQLHDBC *dbc, const std::string &connection_string) {
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, ctx.env, dbc), SQL_SUCCESS);
        SQLRETURN rc = SQLDriverConnect(*dbc, nullptr, sql_text(connection_string), SQL_NTS,
                                        nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
        ASSERT_TRUE(succeeded(rc)) << rc_name(rc)
                                   << format_diags(collect_diags(SQL_HANDLE_DBC, *dbc));
    }

    void close_connection(SQLHDBC *dbc) {
        if (*dbc == SQL_NULL_HDBC)
            return;
        EXPECT_EQ(SQLDisconnect(*dbc), SQL_SUCCESS)
            << format_diags(collect_diags(SQL_HANDLE_DBC, *dbc));
        EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, *dbc), SQL_SUCCESS);
        *dbc = SQL_NULL_HDBC;
    }

    // Disarmed: the test's own session for set-up and checks.
    void connect_session() { open_connection(&session_, session_string()); }

    void free_statement() {
        if (ctx.stmt != SQL_NULL_HSTMT) {
            EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, ctx.stmt), SQL_SUCCESS);
            ctx.stmt = SQL_NULL_HSTMT;
        }
    }

    // Disarmed: runs sql on a statement of its own; every row, every column as text.
    // (on the test's session unless dbc is given).
    std::vector<std::vector<std::string>> query(const std::string &sql,
                                                SQLHDBC dbc = SQL_NULL_HDBC) {
        std::vector<std::vector<std::string>> rows;
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc != SQL_NULL_HDBC ? dbc : session_, &stmt),
                  SQL_SUCCESS);
        SQLRETURN rc = SQLExecDirect(stmt, sql_text(sql), SQL_NTS);
        EXPECT_TRUE(succeeded(rc)) << sql << ": " << rc_name(rc)
                                   << format_diags(collect_diags(SQL_HANDLE_STMT, stmt));
        if (succeeded(rc))
            rows = read_rows(stmt);
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        return rows;
    }

    // Every remaining row of a result, every column as SQL_C_CHAR text
    // ("<null>" for NULL); a failing call stops and is recorded in *outcome.
    static std::vector<std::vector<std::string>> read_rows(SQLHSTMT stmt,
                                                           Outcome *outcome = nullptr) {
        std::vector<std::vector<std::string>> rows;
        SQLSMALLINT columns = 0;
        SQLRETURN rc = SQLNumResultCols(stmt, &columns);
        if (!succeeded(rc)) {
            if (outcome != nullptr)
                *outcome = Outcome{rc, SQL_HANDLE_STMT, stmt, "SQLNumResultCols"};
            return rows;
        }
        for (;;) {
            rc = SQLFetch(stmt);
            if (rc == SQL_NO_DATA)
                break;
            if (!succeeded(rc)) {
                if (outcome != nullptr)
                    *outcome = Outcome{rc, SQL_HANDLE_STMT, stmt, "SQLFetch"};
                return rows;
            }
            std::vector<std::string> row;
            for (SQLSMALLINT column = 1; column <= columns; ++column) {
                SQLRETURN get_rc = SQL_SUCCESS;
                Diags diags;
                auto value = get_text(stmt, static_cast<SQLUSMALLINT>(column), &get_rc, &diags);
                if (!succeeded(get_rc)) {
                    if (outcome != nullptr)
                        *outcome = Outcome{get_rc, SQL_HANDLE_STMT, stmt, "SQLGetData"};
                    else
                        ADD_FAILURE() << "SQLGetData: " << format_diags(diags);
                    return rows;
                }
                row.push_back(value.value_or("<null>"));
            }
            rows.push_back(row);
        }
        return rows;
    }

    // After a statement operation: the statement runs SELECT 1 again, then
    // is freed.
    void expect_statement_usable(const std::string &name, unsigned long point) {
        if (ctx.stmt == SQL_NULL_HSTMT)
            return;
        EXPECT_EQ(SQLFreeStmt(ctx.stmt, SQL_CLOSE), SQL_SUCCESS) << name << " at " << point;
        SQLFreeStmt(ctx.stmt, SQL_UNBIND);
        SQLFreeStmt(ctx.stmt, SQL_RESET_PARAMS);
        SQLSetStmtAttr(ctx.stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0);
        SQLSetStmtAttr(ctx.stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(1), 0);
        SQLSetStmtAttr(ctx.stmt, SQL_ATTR_ROWS_FETCHED_PTR, nullptr, 0);
        SQLRETURN rc = SQLExecDirect(ctx.stmt, sql_text("SELECT 1"), SQL_NTS);
        EXPECT_EQ(rc, SQL_SUCCESS) << name << " at failure point " << point
                                   << ": SELECT 1 afterwards: "
                                   << format_diags(collect_diags(SQL_HANDLE_STMT, ctx.stmt));
        if (succeeded(rc)) {
            auto rows = read_rows(ctx.stmt);
            EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"1"}}))
                << name << " at failure point " << point;
        }
        free_statement();
    }

    // Walks op's failure points; returns how many it walked.
    unsigned long walk(const Operation &op) {
        auto start = std::chrono::steady_clock::now();
        unsigned long point = 1;
        unsigned long swallowed = 0;
        // Debugging aid: PGO_ALLOC_WALK_FROM=n starts the walk at point n.
        if (const char *from = std::getenv("PGO_ALLOC_WALK_FROM"))
            point = std::strtoul(from, nullptr, 10);
        for (; point <= kMaxFailurePoints; ++point) {
            point_ = point;
            if (op.fresh_connection)
                open_connection(&ctx.dbc, session_string());
            if (HasFatalFailure())
                return 0;
            op.before(ctx);
            if (HasFatalFailure())
                return 0;
            alloc_fail_after(point);
            Outcome outcome = op.run(ctx);
            bool reached = alloc_fail_remaining() == 0;
            alloc_fail_after(0);
            Diags diags;
            if (outcome.handle != SQL_NULL_HANDLE)
                diags = collect_diags(outcome.handle_type, outcome.handle);
            bool failed = !succeeded(outcome.rc);
            if (std::getenv("PGO_ALLOC_WALK_VERBOSE") != nullptr)
                std::printf("%s: point %lu: %s%s %s%s\n", op.name.c_str(), point,
                            reached ? "" : "(not reached) ", outcome.call.c_str(),
                            rc_name(outcome.rc), format_diags(diags).c_str());
            if (!reached) {
                EXPECT_FALSE(failed) << op.name << ": " << outcome.call << " returned "
                                     << rc_name(outcome.rc) << " with no allocation failed"
                                     << format_diags(diags);
                op.after(ctx, failed);
                if (op.fresh_connection)
                    close_connection(&ctx.dbc);
                break;
            }
            if (failed && outcome.handle == SQL_NULL_HANDLE) {
                // SQLAllocHandle(ENV) failed: no handle to hold a record.
                EXPECT_EQ(outcome.rc, SQL_ERROR) << op.name << " at failure point " << point;
            } else if (failed) {
                EXPECT_EQ(outcome.rc, SQL_ERROR)
                    << op.name << " at failure point " << point << ": " << outcome.call;
                bool has_hy001 = false;
                for (const Diag &diag : diags) {
                    if (diag.state == "HY001")
                        has_hy001 = true;
                }
                bool allowed = has_hy001;
                for (const std::string &state : op.also_allowed) {
                    for (const Diag &diag : diags) {
                        if (diag.state == state)
                            allowed = true;
                    }
                }
                EXPECT_TRUE(allowed) << op.name << " at failure point " << point << ": "
                                     << outcome.call << " answered" << format_diags(diags);
            } else {
                ++swallowed;
            }
            op.after(ctx, failed);
            if (op.fresh_connection)
                close_connection(&ctx.dbc);
            if (HasFailure() || HasFatalFailure()) {
                ADD_FAILURE() << op.name << ": stopped at failure point " << point;
                return point;
            }
        }
        EXPECT_LE(point, kMaxFailurePoints) << op.name << " did not complete";
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        unsigned long walked = point - 1;
        std::printf("alloc walk: %s: %lu failure points (%lu absorbed without an error), "
                    "%.2f s\n",
                    op.name.c_str(), walked, swallowed, seconds);
        RecordProperty("failure_points", static_cast<int>(walked));
        if (!op.may_allocate_nothing)
            EXPECT_GT(walked, 0u) << op.name << " allocated nothing: the walk proves nothing";
        return walked;
    }

    // A statement operation on the connection made before the walk.
    Operation statement_operation(const std::string &name,
                                  std::function<Outcome(Context &)> body) {
        Operation op;
        op.name = name;
        op.fresh_connection = true;
        op.run = [body](Context &c) -> Outcome {
            WALK_CALL(SQLAllocHandle(SQL_HANDLE_STMT, c.dbc, &c.stmt), SQL_HANDLE_DBC, c.dbc);
            return body(c);
        };
        op.after = [this, name](Context &, bool) { expect_statement_usable(name, point_); };
        return op;
    }

    // A connect walk: SQLAllocHandle(DBC) and SQLDriverConnect; afterwards
    // the same handle connects and runs a query.
    void walk_connect(const std::string &name, const std::string &connection_string,
                      bool expect_tls) {
        Operation op;
        op.name = name;
        op.also_allowed = {"08001"};
        op.run = [connection_string](Context &c) -> Outcome {
            WALK_CALL(SQLAllocHandle(SQL_HANDLE_DBC, c.env, &c.dbc), SQL_HANDLE_ENV, c.env);
            DBC_CALL(SQLDriverConnect(c.dbc, nullptr, sql_text(connection_string), SQL_NTS,
                                      nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT),
                     c);
            return Outcome{};
        };
        op.after = [this, connection_string, expect_tls, name](Context &c, bool failed) {
            if (c.dbc == SQL_NULL_HDBC) {
                // The allocation itself failed: the environment still allocates.
                ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, c.env, &c.dbc), SQL_SUCCESS);
            }
            if (failed) {
                SQLRETURN rc = SQLDriverConnect(c.dbc, nullptr, sql_text(connection_string),
                                                SQL_NTS, nullptr, 0, nullptr,
                                                SQL_DRIVER_NOPROMPT);
                ASSERT_TRUE(succeeded(rc))
                    << name << ": connecting again after a failure: "
                    << format_diags(collect_diags(SQL_HANDLE_DBC, c.dbc));
            }
            auto rows = query("SELECT CASE WHEN ssl THEN 'tls' ELSE 'plain' END, current_user "
                              "FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                              c.dbc);
            EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{
                                {expect_tls ? "tls" : "plain", "pgo_scram"}}))
                << name;
            EXPECT_EQ(SQLDisconnect(c.dbc), SQL_SUCCESS);
            EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, c.dbc), SQL_SUCCESS);
            c.dbc = SQL_NULL_HDBC;
        };
        walk(op);
    }

    std::string unique_name(const std::string &stem) const {
        return stem + "_" + std::to_string(getpid());
    }
};

// One column of every type types/type_table.c maps, and a NULL.
const char *const kEveryTypeSelect =
    "SELECT true::bool, 12345::int2, 1234567::int4, 123456789012::int8, 4242::oid, "
    "1.5::float4, 2.25::float8, 12345.678::numeric(10,3), 'c'::\"char\", 'bp'::char(4), "
    "'vc'::varchar(10), 'text value'::text, 'nm'::name, '\\x0102ff'::bytea, "
    "'2024-02-29'::date, '13:14:15.5'::time, '2024-02-29 13:14:15.25'::timestamp, "
    "'2024-02-29 13:14:15.25+00'::timestamptz, "
    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{\"a\": 1}'::json, "
    "'{\"b\": [1, 2]}'::jsonb, '<x>1</x>'::xml, 12.34::money, "
    "'1 day 02:03:04'::interval, '13:14:15+02'::timetz, '10.0.0.1/8'::inet, "
    "'10.0.0.0/8'::cidr, '08:00:2b:01:02:03'::macaddr, "
    "'08:00:2b:01:02:03:04:05'::macaddr8, B'101'::bit(3), B'1101'::varbit, NULL::int4";

TEST_F(AllocWalk, ConnectWithScramAnswersHY001OrFailsCleanlyAtEveryFailurePoint) {
    walk_connect("connect (SCRAM, TCP)", scram_string(), false);
}

TEST_F(AllocWalk, ConnectWithTlsAnswersHY001OrFailsCleanlyAtEveryFailurePoint) {
    walk_connect("connect (SCRAM over TLS, verify-full)", tls_string(), true);
}

TEST_F(AllocWalk, ConnectOverUnixSocketAnswersHY001AtEveryFailurePoint) {
    walk_connect("connect (SCRAM, Unix socket)",
                 "UnixSock=" + harness.socket_dir() + ";Port=" + harness.port() +
                     ";Database=pgo_db;UID=pgo_scram;PWD=" + harness.password() + ";",
                 false);
}

TEST_F(AllocWalk, DisconnectAnswersHY001AtEveryFailurePointAndDisconnectsOnRetry) {
    connect_session();
    Operation op;
    op.name = "SQLDisconnect";
    op.fresh_connection = true;
    op.may_allocate_nothing = true;
    op.run = [](Context &c) -> Outcome {
        DBC_CALL(SQLDisconnect(c.dbc), c);
        return Outcome{};
    };
    op.after = [](Context &c, bool failed) {
        if (failed)
            EXPECT_EQ(SQLDisconnect(c.dbc), SQL_SUCCESS);
        EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, c.dbc), SQL_SUCCESS);
        c.dbc = SQL_NULL_HDBC;
    };
    walk(op);
}

TEST_F(AllocWalk, ExecDirectAnswersHY001AtEveryFailurePoint) {
    connect_session();
    walk(statement_operation("SQLExecDirect", [](Context &c) -> Outcome {
        STMT_CALL(SQLExecDirect(c.stmt, sql_text("SELECT 41 + 1 AS answer, 'forty-two' AS name"),
                                SQL_NTS),
                  c);
        Outcome outcome;
        auto rows = read_rows(c.stmt, &outcome);
        if (!succeeded(outcome.rc))
            return outcome;
        EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"42", "forty-two"}}));
        return outcome;
    }));
}

TEST_F(AllocWalk, PrepareAndExecuteWithParametersAnswersHY001AtEveryFailurePoint) {
    connect_session();
    walk(statement_operation("SQLPrepare + SQLExecute with parameters", [](Context &c) -> Outcome {
        static SQLINTEGER number = 41;
        static char word[] = "walk";
        static SQLLEN word_length = SQL_NTS;
        static SQL_DATE_STRUCT date = {2024, 2, 29};
        static double real = 1.25;
        number = 41;
        STMT_CALL(SQLPrepare(c.stmt,
                             sql_text("SELECT ? + 1, upper(?), ?::date + 1, ? * 2"),
                             SQL_NTS),
                  c);
        STMT_CALL(SQLBindParameter(c.stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                   &number, 0, nullptr),
                  c);
        STMT_CALL(SQLBindParameter(c.stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0,
                                   word, sizeof word, &word_length),
                  c);
        STMT_CALL(SQLBindParameter(c.stmt, 3, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE,
                                   10, 0, &date, 0, nullptr),
                  c);
        STMT_CALL(SQLBindParameter(c.stmt, 4, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 15, 0,
                                   &real, 0, nullptr),
                  c);
        STMT_CALL(SQLExecute(c.stmt), c);
        Outcome outcome;
        auto rows = read_rows(c.stmt, &outcome);
        if (!succeeded(outcome.rc))
            return outcome;
        EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"42", "WALK", "2024-03-01", "2.5"}}));
        // Executed a second time: the prepared statement is reused.
        STMT_CALL(SQLFreeStmt(c.stmt, SQL_CLOSE), c);
        number = 99;
        STMT_CALL(SQLExecute(c.stmt), c);
        rows = read_rows(c.stmt, &outcome);
        if (!succeeded(outcome.rc))
            return outcome;
        EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"100", "WALK", "2024-03-01", "2.5"}}));
        return outcome;
    }));
}

TEST_F(AllocWalk, FetchOfEveryTypeAsTextAnswersHY001AtEveryFailurePoint) {
    connect_session();
    auto expected = query(kEveryTypeSelect);
    ASSERT_EQ(expected.size(), 1u);
    ASSERT_EQ(expected[0].size(), 32u);
    EXPECT_EQ(expected[0][31], "<null>");
    walk(statement_operation("execute + fetch of every type as SQL_C_CHAR",
                             [expected](Context &c) -> Outcome {
                                 STMT_CALL(SQLExecDirect(c.stmt, sql_text(kEveryTypeSelect),
                                                         SQL_NTS),
                                           c);
                                 Outcome outcome;
                                 auto rows = read_rows(c.stmt, &outcome);
                                 if (!succeeded(outcome.rc))
                                     return outcome;
                                 EXPECT_EQ(rows, expected);
                                 return outcome;
                             }));
}

// Every column read with SQLGetData(SQL_C_DEFAULT): the bytes and indicators.
struct DefaultRow {
    std::vector<std::vector<unsigned char>> values;
    std::vector<SQLLEN> indicators;
    bool operator==(const DefaultRow &other) const {
        return values == other.values && indicators == other.indicators;
    }
};

Outcome read_default_row(SQLHSTMT stmt, DefaultRow *row) {
    SQLSMALLINT columns = 0;
    WALK_CALL(SQLNumResultCols(stmt, &columns), SQL_HANDLE_STMT, stmt);
    WALK_CALL(SQLFetch(stmt), SQL_HANDLE_STMT, stmt);
    for (SQLSMALLINT column = 1; column <= columns; ++column) {
        std::vector<unsigned char> buffer(512, 0);
        SQLLEN indicator = 0;
        WALK_CALL(SQLGetData(stmt, static_cast<SQLUSMALLINT>(column), SQL_C_DEFAULT,
                             buffer.data(), static_cast<SQLLEN>(buffer.size()), &indicator),
                  SQL_HANDLE_STMT, stmt);
        row->values.push_back(buffer);
        row->indicators.push_back(indicator);
    }
    return Outcome{};
}

TEST_F(AllocWalk, FetchOfEveryTypeAsDefaultCTypeAnswersHY001AtEveryFailurePoint) {
    connect_session();
    DefaultRow expected;
    {
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, session_, &stmt), SQL_SUCCESS);
        ASSERT_TRUE(succeeded(SQLExecDirect(stmt, sql_text(kEveryTypeSelect), SQL_NTS)));
        Outcome reference = read_default_row(stmt, &expected);
        ASSERT_TRUE(succeeded(reference.rc))
            << reference.call << format_diags(collect_diags(SQL_HANDLE_STMT, stmt));
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    }
    ASSERT_EQ(expected.indicators.size(), 32u);
    EXPECT_EQ(expected.indicators[31], SQL_NULL_DATA);
    EXPECT_EQ(expected.indicators[1], static_cast<SQLLEN>(sizeof(SQLSMALLINT)));
    walk(statement_operation("execute + fetch of every type as its default C type",
                             [expected](Context &c) -> Outcome {
                                 STMT_CALL(SQLExecDirect(c.stmt, sql_text(kEveryTypeSelect),
                                                         SQL_NTS),
                                           c);
                                 DefaultRow row;
                                 Outcome outcome = read_default_row(c.stmt, &row);
                                 if (!succeeded(outcome.rc))
                                     return outcome;
                                 EXPECT_TRUE(row == expected);
                                 return outcome;
                             }));
}

// Every column read with SQLGetData(SQL_C_WCHAR): the UTF-16 text of each.
Outcome read_wide_row(SQLHSTMT stmt, std::vector<std::u16string> *row) {
    SQLSMALLINT columns = 0;
    WALK_CALL(SQLNumResultCols(stmt, &columns), SQL_HANDLE_STMT, stmt);
    WALK_CALL(SQLFetch(stmt), SQL_HANDLE_STMT, stmt);
    for (SQLSMALLINT column = 1; column <= columns; ++column) {
        std::vector<SQLWCHAR> buffer(512, 0);
        SQLLEN indicator = 0;
        WALK_CALL(SQLGetData(stmt, static_cast<SQLUSMALLINT>(column), SQL_C_WCHAR, buffer.data(),
                             static_cast<SQLLEN>(buffer.size() * sizeof(SQLWCHAR)), &indicator),
                  SQL_HANDLE_STMT, stmt);
        std::u16string text;
        if (indicator == SQL_NULL_DATA)
            text = u"<null>";
        for (size_t i = 0; indicator != SQL_NULL_DATA && buffer[i] != 0; ++i)
            text.push_back(static_cast<char16_t>(buffer[i]));
        row->push_back(text);
    }
    return Outcome{};
}

TEST_F(AllocWalk, FetchOfEveryTypeAsWideCharAnswersHY001AtEveryFailurePoint) {
    connect_session();
    std::vector<std::u16string> expected;
    {
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, session_, &stmt), SQL_SUCCESS);
        ASSERT_TRUE(succeeded(SQLExecDirect(stmt, sql_text(kEveryTypeSelect), SQL_NTS)));
        Outcome reference = read_wide_row(stmt, &expected);
        ASSERT_TRUE(succeeded(reference.rc))
            << reference.call << format_diags(collect_diags(SQL_HANDLE_STMT, stmt));
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    }
    ASSERT_EQ(expected.size(), 32u);
    EXPECT_EQ(expected[11], u"text value");
    walk(statement_operation("execute + fetch of every type as SQL_C_WCHAR",
                             [expected](Context &c) -> Outcome {
                                 STMT_CALL(SQLExecDirect(c.stmt, sql_text(kEveryTypeSelect),
                                                         SQL_NTS),
                                           c);
                                 std::vector<std::u16string> row;
                                 Outcome outcome = read_wide_row(c.stmt, &row);
                                 if (!succeeded(outcome.rc))
                                     return outcome;
                                 EXPECT_TRUE(row == expected);
                                 return outcome;
                             }));
}

TEST_F(AllocWalk, BlockCursorWithBoundColumnsAnswersHY001AtEveryFailurePoint) {
    connect_session();
    walk(statement_operation("bound columns, rowset of 5, SQLDescribeCol", [](Context &c) -> Outcome {
        static SQLINTEGER numbers[5];
        static SQLLEN number_indicators[5];
        static char names[5][16];
        static SQLLEN name_indicators[5];
        static SQLULEN fetched = 0;
        STMT_CALL(SQLSetStmtAttr(c.stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(5),
                                 0),
                  c);
        STMT_CALL(SQLSetStmtAttr(c.stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), c);
        STMT_CALL(SQLBindCol(c.stmt, 1, SQL_C_SLONG, numbers, 0, number_indicators), c);
        STMT_CALL(SQLBindCol(c.stmt, 2, SQL_C_CHAR, names, sizeof names[0], name_indicators), c);
        STMT_CALL(SQLExecDirect(c.stmt,
                                sql_text("SELECT g AS n, 'row ' || g AS label "
                                         "FROM generate_series(1, 12) AS g ORDER BY g"),
                                SQL_NTS),
                  c);
        SQLCHAR column_name[32];
        SQLSMALLINT name_length = 0, data_type = 0, digits = 0, nullable = 0;
        SQLULEN size = 0;
        STMT_CALL(SQLDescribeCol(c.stmt, 2, column_name, sizeof column_name, &name_length,
                                 &data_type, &size, &digits, &nullable),
                  c);
        EXPECT_STREQ(reinterpret_cast<char *>(column_name), "label");
        std::vector<std::string> rows;
        for (;;) {
            SQLRETURN rc = SQLFetchScroll(c.stmt, SQL_FETCH_NEXT, 0);
            if (rc == SQL_NO_DATA)
                break;
            STMT_CALL(rc, c);
            for (SQLULEN i = 0; i < fetched; ++i)
                rows.push_back(std::to_string(numbers[i]) + "=" + names[i]);
        }
        std::vector<std::string> wanted;
        for (int i = 1; i <= 12; ++i)
            wanted.push_back(std::to_string(i) + "=row " + std::to_string(i));
        EXPECT_EQ(rows, wanted);
        return Outcome{};
    }));
}

TEST_F(AllocWalk, StaticScrollableCursorAnswersHY001AtEveryFailurePoint) {
    connect_session();
    walk(statement_operation("static cursor: last, first, absolute", [](Context &c) -> Outcome {
        STMT_CALL(SQLSetStmtAttr(c.stmt, SQL_ATTR_CURSOR_TYPE,
                                 reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
                  c);
        STMT_CALL(SQLExecDirect(c.stmt,
                                sql_text("SELECT g, md5(g::text) FROM generate_series(1, 50) AS g "
                                         "ORDER BY g"),
                                SQL_NTS),
                  c);
        std::vector<std::string> seen;
        const std::pair<SQLSMALLINT, SQLLEN> moves[] = {
            {SQL_FETCH_LAST, 0}, {SQL_FETCH_FIRST, 0}, {SQL_FETCH_ABSOLUTE, 17}, {SQL_FETCH_PRIOR, 0}};
        for (const auto &move : moves) {
            STMT_CALL(SQLFetchScroll(c.stmt, move.first, move.second), c);
            SQLINTEGER number = 0;
            SQLLEN indicator = 0;
            STMT_CALL(SQLGetData(c.stmt, 1, SQL_C_SLONG, &number, 0, &indicator), c);
            seen.push_back(std::to_string(number));
        }
        EXPECT_EQ(seen, (std::vector<std::string>{"50", "1", "17", "16"}));
        return Outcome{};
    }));
}

TEST_F(AllocWalk, LongValueReadInPiecesAnswersHY001AtEveryFailurePoint) {
    connect_session();
    // Growing the frame buffer for the 200 kB DataRow can fail: HY001, the
    // row is read past and the connection lives (SELECT 1 afterwards).
    walk(statement_operation("a 200 kB value read in pieces", [](Context &c) -> Outcome {
        STMT_CALL(SQLExecDirect(c.stmt, sql_text("SELECT repeat('abcdefghij', 20000)"), SQL_NTS),
                  c);
        STMT_CALL(SQLFetch(c.stmt), c);
        std::string value;
        for (;;) {
            char piece[4096];
            SQLLEN indicator = 0;
            SQLRETURN rc = SQLGetData(c.stmt, 1, SQL_C_CHAR, piece, sizeof piece, &indicator);
            if (rc == SQL_NO_DATA)
                break;
            STMT_CALL(rc, c);
            value += piece;
            if (rc == SQL_SUCCESS)
                break;
        }
        EXPECT_EQ(value.size(), 200000u);
        EXPECT_EQ(value.substr(199990), "abcdefghij");
        return Outcome{};
    }));
}

TEST_F(AllocWalk, MoreResultsOfTwoStatementsAnswersHY001AtEveryFailurePoint) {
    connect_session();
    walk(statement_operation("two statements and SQLMoreResults", [](Context &c) -> Outcome {
        STMT_CALL(SQLExecDirect(c.stmt, sql_text("SELECT 1 AS first; SELECT 'two', 3"), SQL_NTS),
                  c);
        Outcome outcome;
        auto first = read_rows(c.stmt, &outcome);
        if (!succeeded(outcome.rc))
            return outcome;
        EXPECT_EQ(first, (std::vector<std::vector<std::string>>{{"1"}}));
        STMT_CALL(SQLMoreResults(c.stmt), c);
        auto second = read_rows(c.stmt, &outcome);
        if (!succeeded(outcome.rc))
            return outcome;
        EXPECT_EQ(second, (std::vector<std::vector<std::string>>{{"two", "3"}}));
        EXPECT_EQ(SQLMoreResults(c.stmt), SQL_NO_DATA);
        return outcome;
    }));
}

TEST_F(AllocWalk, ParameterArrayOfTenRowsAnswersHY001AtEveryFailurePoint) {
    connect_session();
    std::string table = unique_name("alloc_walk_rows");
    query("DROP TABLE IF EXISTS " + table);
    query("CREATE TABLE " + table + " (id int4, name varchar(20))");
    std::string insert = "INSERT INTO " + table + " (id, name) VALUES (?, ?)";
    Operation op = statement_operation("parameter array of 10 rows", [insert](Context &c) -> Outcome {
        static SQLINTEGER ids[10];
        static char names[10][20];
        static SQLLEN name_lengths[10];
        static SQLUSMALLINT statuses[10];
        static SQLULEN processed = 0;
        for (int i = 0; i < 10; ++i) {
            ids[i] = i + 1;
            std::snprintf(names[i], sizeof names[i], "row %d", i + 1);
            name_lengths[i] = SQL_NTS;
            statuses[i] = 0xffff;
        }
        processed = 0;
        STMT_CALL(SQLSetStmtAttr(c.stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(10),
                                 0),
                  c);
        STMT_CALL(SQLSetStmtAttr(c.stmt, SQL_ATTR_PARAM_STATUS_PTR, statuses, 0), c);
        STMT_CALL(SQLSetStmtAttr(c.stmt, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0), c);
        STMT_CALL(SQLBindParameter(c.stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids,
                                   0, nullptr),
                  c);
        STMT_CALL(SQLBindParameter(c.stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0,
                                   names, 20, name_lengths),
                  c);
        STMT_CALL(SQLExecDirect(c.stmt, sql_text(insert), SQL_NTS), c);
        EXPECT_EQ(processed, 10u);
        for (int i = 0; i < 10; ++i)
            EXPECT_EQ(statuses[i], SQL_PARAM_SUCCESS) << "row " << i;
        return Outcome{};
    });
    op.before = [this, table](Context &) { query("DELETE FROM " + table); };
    auto check_statement = op.after;
    op.after = [this, check_statement, table](Context &c, bool failed) {
        if (!failed) {
            auto rows = query("SELECT count(*), sum(id), min(name), max(name) FROM " + table);
            EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"10", "55", "row 1", "row 9"}}));
        }
        check_statement(c, failed);
    };
    walk(op);
    query("DROP TABLE IF EXISTS " + table);
}

// A catalog function's whole result on the walk's own table.
class AllocWalkCatalog : public AllocWalk {
protected:
    std::string table;

    void SetUp() override {
        AllocWalk::SetUp();
        if (HasFatalFailure())
            return;
        connect_session();
        if (HasFatalFailure())
            return;
        table = unique_name("alloc_walk_catalog");
        query("DROP TABLE IF EXISTS " + table);
        query("CREATE TABLE " + table +
              " (id int4 PRIMARY KEY, code varchar(10) NOT NULL, note text, amount numeric(8,2))");
        query("CREATE UNIQUE INDEX " + table + "_code ON " + table + " (code)");
    }

    void TearDown() override {
        if (session_ != SQL_NULL_HDBC && !table.empty()) {
            alloc_fail_after(0);
            query("DROP TABLE IF EXISTS " + table);
        }
        AllocWalk::TearDown();
    }

    void walk_catalog(const std::string &name, std::function<SQLRETURN(SQLHSTMT)> call) {
        std::vector<std::vector<std::string>> expected;
        {
            SQLHSTMT stmt = SQL_NULL_HSTMT;
            ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, session_, &stmt), SQL_SUCCESS);
            ASSERT_TRUE(succeeded(call(stmt)))
                << format_diags(collect_diags(SQL_HANDLE_STMT, stmt));
            expected = read_rows(stmt);
            SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        }
        ASSERT_FALSE(expected.empty()) << name << " found nothing for " << table;
        walk(statement_operation(name, [call, expected](Context &c) -> Outcome {
            STMT_CALL(call(c.stmt), c);
            Outcome outcome;
            auto rows = read_rows(c.stmt, &outcome);
            if (!succeeded(outcome.rc))
                return outcome;
            EXPECT_EQ(rows, expected);
            return outcome;
        }));
    }
};

TEST_F(AllocWalkCatalog, SQLTablesAnswersHY001AtEveryFailurePoint) {
    std::string name = table;
    walk_catalog("SQLTables", [name](SQLHSTMT stmt) {
        return SQLTables(stmt, nullptr, 0, sql_text("public"), SQL_NTS, sql_text(name), SQL_NTS,
                         sql_text("TABLE"), SQL_NTS);
    });
}

TEST_F(AllocWalkCatalog, SQLColumnsAnswersHY001AtEveryFailurePoint) {
    std::string name = table;
    walk_catalog("SQLColumns", [name](SQLHSTMT stmt) {
        return SQLColumns(stmt, nullptr, 0, sql_text("public"), SQL_NTS, sql_text(name), SQL_NTS,
                          nullptr, 0);
    });
}

TEST_F(AllocWalkCatalog, SQLPrimaryKeysAnswersHY001AtEveryFailurePoint) {
    std::string name = table;
    walk_catalog("SQLPrimaryKeys", [name](SQLHSTMT stmt) {
        return SQLPrimaryKeys(stmt, nullptr, 0, sql_text("public"), SQL_NTS, sql_text(name),
                              SQL_NTS);
    });
}

TEST_F(AllocWalkCatalog, SQLStatisticsAnswersHY001AtEveryFailurePoint) {
    std::string name = table;
    walk_catalog("SQLStatistics", [name](SQLHSTMT stmt) {
        return SQLStatistics(stmt, nullptr, 0, sql_text("public"), SQL_NTS, sql_text(name),
                             SQL_NTS, SQL_INDEX_ALL, SQL_QUICK);
    });
}

TEST_F(AllocWalkCatalog, SQLForeignKeysAnswersHY001AtEveryFailurePoint) {
    std::string child = table + "_child";
    query("CREATE TABLE " + child + " (id int4 PRIMARY KEY, parent int4 REFERENCES " + table +
          " (id))");
    std::string name = table;
    walk_catalog("SQLForeignKeys", [name](SQLHSTMT stmt) {
        return SQLForeignKeys(stmt, nullptr, 0, sql_text("public"), SQL_NTS, sql_text(name),
                              SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0);
    });
    query("DROP TABLE " + child);
}

TEST_F(AllocWalkCatalog, SQLSpecialColumnsAnswersHY001AtEveryFailurePoint) {
    std::string name = table;
    walk_catalog("SQLSpecialColumns", [name](SQLHSTMT stmt) {
        return SQLSpecialColumns(stmt, SQL_BEST_ROWID, nullptr, 0, sql_text("public"), SQL_NTS,
                                 sql_text(name), SQL_NTS, SQL_SCOPE_SESSION, SQL_NULLABLE);
    });
}

TEST_F(AllocWalkCatalog, SQLGetTypeInfoAnswersHY001AtEveryFailurePoint) {
    walk_catalog("SQLGetTypeInfo", [](SQLHSTMT stmt) { return SQLGetTypeInfo(stmt, SQL_ALL_TYPES); });
}

TEST_F(AllocWalk, GetDiagRecAfterAServerErrorAnswersHY001OrTheErrorAtEveryFailurePoint) {
    connect_session();
    Operation op;
    op.name = "SQLExecDirect error + SQLGetDiagRec";
    op.fresh_connection = true;
    // The server's error and HY001 both are right answers: the walk checks
    // that every record is one of them and that one is there.
    op.run = [](Context &c) -> Outcome {
        WALK_CALL(SQLAllocHandle(SQL_HANDLE_STMT, c.dbc, &c.stmt), SQL_HANDLE_DBC, c.dbc);
        SQLRETURN rc = SQLExecDirect(c.stmt, sql_text("SELECT 1 / 0"), SQL_NTS);
        EXPECT_EQ(rc, SQL_ERROR);
        SQLCHAR state[6] = {0};
        SQLINTEGER native = 0;
        SQLCHAR message[512];
        SQLSMALLINT length = 0;
        rc = SQLGetDiagRec(SQL_HANDLE_STMT, c.stmt, 1, state, &native, message, sizeof message,
                           &length);
        EXPECT_EQ(rc, SQL_SUCCESS);
        std::string first(reinterpret_cast<char *>(state));
        if (first == "22012") {
            // The server's text, or, when the failed allocation was its
            // copy, a fixed text that says so: the SQLSTATE is never lost.
            std::string text(reinterpret_cast<char *>(message));
            EXPECT_TRUE(text.find("division by zero") != std::string::npos ||
                        text.find("Out of memory for this diagnostic's message") !=
                            std::string::npos)
                << text;
            return Outcome{};
        }
        return Outcome{SQL_ERROR, SQL_HANDLE_STMT, c.stmt, "SQLExecDirect (SELECT 1 / 0)"};
    };
    op.also_allowed = {};
    op.after = [this](Context &c, bool) {
        if (c.stmt == SQL_NULL_HSTMT)
            return;
        Diags diags = collect_diags(SQL_HANDLE_STMT, c.stmt);
        EXPECT_FALSE(diags.empty());
        for (const Diag &diag : diags)
            EXPECT_TRUE(diag.state == "22012" || diag.state == "HY001") << format_diags(diags);
        expect_statement_usable("SQLGetDiagRec", point_);
    };
    walk(op);
}

TEST_F(AllocWalk, GetInfoAnswersHY001AtEveryFailurePoint) {
    connect_session();
    const SQLUSMALLINT kinds[] = {SQL_DBMS_NAME,      SQL_DBMS_VER,        SQL_DRIVER_NAME,
                                  SQL_DRIVER_VER,     SQL_DATABASE_NAME,   SQL_USER_NAME,
                                  SQL_SERVER_NAME,    SQL_DATA_SOURCE_NAME, SQL_KEYWORDS,
                                  SQL_IDENTIFIER_QUOTE_CHAR, SQL_TXN_CAPABLE,
                                  SQL_DEFAULT_TXN_ISOLATION, SQL_MAX_COLUMN_NAME_LEN};
    auto read_all = [kinds](SQLHDBC dbc, std::vector<std::string> *values) -> Outcome {
        for (SQLUSMALLINT kind : kinds) {
            std::vector<char> buffer(4096, 0);
            SQLSMALLINT length = 0;
            WALK_CALL(SQLGetInfo(dbc, kind, buffer.data(), static_cast<SQLSMALLINT>(buffer.size()),
                                 &length),
                      SQL_HANDLE_DBC, dbc);
            values->push_back(std::string(buffer.data(), buffer.size()) + "/" +
                              std::to_string(length));
        }
        return Outcome{};
    };
    std::vector<std::string> expected;
    ASSERT_TRUE(succeeded(read_all(session_, &expected).rc));
    Operation op;
    op.name = "SQLGetInfo";
    op.fresh_connection = true;
    op.may_allocate_nothing = true;
    op.run = [read_all, expected](Context &c) -> Outcome {
        std::vector<std::string> values;
        Outcome outcome = read_all(c.dbc, &values);
        if (succeeded(outcome.rc))
            EXPECT_EQ(values, expected);
        return outcome;
    };
    op.after = [this](Context &c, bool) {
        EXPECT_EQ(query("SELECT 1", c.dbc), (std::vector<std::vector<std::string>>{{"1"}}));
    };
    unsigned long walked = walk(op);
    (void)walked;
}

TEST_F(AllocWalk, EndTranAnswersHY001AtEveryFailurePointAndCommitsOnRetry) {
    connect_session();
    std::string table = unique_name("alloc_walk_commit");
    query("DROP TABLE IF EXISTS " + table);
    query("CREATE TABLE " + table + " (n int4)");
    int attempt = 0;
    Operation op;
    op.name = "SQLEndTran (commit)";
    op.fresh_connection = true;
    op.may_allocate_nothing = true;
    // Each attempt: a manual-commit transaction holding one new row.
    op.before = [this, table, &attempt](Context &c) {
        ++attempt;
        ASSERT_EQ(SQLSetConnectAttr(c.dbc, SQL_ATTR_AUTOCOMMIT,
                                    reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
                  SQL_SUCCESS);
        query("INSERT INTO " + table + " VALUES (" + std::to_string(attempt) + ")", c.dbc);
    };
    op.run = [](Context &c) -> Outcome {
        DBC_CALL(SQLEndTran(SQL_HANDLE_DBC, c.dbc, SQL_COMMIT), c);
        return Outcome{};
    };
    op.after = [this, table, &attempt](Context &c, bool failed) {
        if (failed) {
            EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, c.dbc, SQL_COMMIT), SQL_SUCCESS)
                << format_diags(collect_diags(SQL_HANDLE_DBC, c.dbc));
        }
        // Every row inserted so far is committed: the test's session sees it.
        EXPECT_EQ(query("SELECT count(*), max(n) FROM " + table),
                  (std::vector<std::vector<std::string>>{
                      {std::to_string(attempt), std::to_string(attempt)}}));
    };
    walk(op);
    query("DROP TABLE IF EXISTS " + table);
}

TEST_F(AllocWalk, HandleAllocationAnswersHY001AtEveryFailurePoint) {
    Operation op;
    op.name = "SQLAllocHandle (ENV, DBC) + SQLSetEnvAttr";
    op.run = [](Context &c) -> Outcome {
        SQLHENV env = SQL_NULL_HENV;
        SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        if (rc != SQL_SUCCESS) {
            // No handle to hold a diagnostic: SQL_ERROR and a null handle.
            EXPECT_EQ(rc, SQL_ERROR);
            EXPECT_TRUE(env == SQL_NULL_HENV);
            return Outcome{rc, SQL_HANDLE_ENV, SQL_NULL_HANDLE, "SQLAllocHandle(ENV)"};
        }
        c.stmt = env; // freed in after
        WALK_CALL(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION,
                                reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(SQL_OV_ODBC3)),
                                0),
                  SQL_HANDLE_ENV, env);
        SQLHDBC dbc = SQL_NULL_HDBC;
        WALK_CALL(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_HANDLE_ENV, env);
        EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
        return Outcome{};
    };
    op.after = [](Context &c, bool) {
        if (c.stmt != SQL_NULL_HANDLE)
            EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_ENV, c.stmt), SQL_SUCCESS);
        c.stmt = SQL_NULL_HSTMT;
    };
    // A failed SQLAllocHandle(ENV) has no handle for its HY001: the walk
    // accepts SQL_ERROR there (checked in run) with no record.
    op.also_allowed = {};
    walk(op);
}

} // namespace
} // namespace pgo_test
