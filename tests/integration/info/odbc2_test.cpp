// An ODBC 2 application through the driver manager: SQLAllocEnv /
// SQLAllocConnect / SQLAllocStmt, SQL_ATTR_ODBC_VERSION = SQL_OV_ODBC2, and
// the ODBC 2 functions such an application calls (PHP's odbc extension is
// one): SQLExtendedFetch, SQLColAttributes, SQLSetScrollOptions,
// SQLParamOptions, SQLTransact, SQLSetParam, SQLBindParam, SQLError,
// SQLSetStmtOption / SQLGetStmtOption. Each call either works, with the
// values checked, or fails with a diagnostic: never an empty success.
#include "odbc_test.h"

#include <cstring>

namespace pgo_test {
namespace {

// The ODBC 2 record of a handle through SQLError (SQLSTATE, message).
std::pair<std::string, std::string> odbc2_error(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR message[1024] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLError(env, dbc, stmt, state, &native, message, sizeof message, &length);
    if (!succeeded(rc))
        return {"", ""};
    return {reinterpret_cast<char *>(state), reinterpret_cast<char *>(message)};
}

class Odbc2Test : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_EQ(SQL_SUCCESS, SQLAllocEnv(&henv));
        ASSERT_EQ(SQL_SUCCESS, SQLSetEnvAttr(henv, SQL_ATTR_ODBC_VERSION,
                                             reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC2), 0));
        ASSERT_EQ(SQL_SUCCESS, SQLAllocConnect(henv, &hdbc));
        std::string connection_string = tcp_string("pgo_trust");
        SQLCHAR out[1024];
        SQLSMALLINT out_length = 0;
        SQLRETURN rc = SQLDriverConnect(hdbc, nullptr, text(connection_string), SQL_NTS, out,
                                        sizeof out, &out_length, SQL_DRIVER_NOPROMPT);
        ASSERT_TRUE(succeeded(rc)) << format_diags(collect_diags(SQL_HANDLE_DBC, hdbc));
        is_connected = true;
        ASSERT_EQ(SQL_SUCCESS, SQLAllocStmt(hdbc, &hstmt));
    }
    void TearDown() override {
        if (hstmt != SQL_NULL_HSTMT)
            EXPECT_EQ(SQL_SUCCESS, SQLFreeStmt(hstmt, SQL_DROP));
        if (is_connected)
            EXPECT_EQ(SQL_SUCCESS, SQLDisconnect(hdbc));
        if (hdbc != SQL_NULL_HDBC)
            EXPECT_EQ(SQL_SUCCESS, SQLFreeConnect(hdbc));
        if (henv != SQL_NULL_HENV)
            EXPECT_EQ(SQL_SUCCESS, SQLFreeEnv(henv));
    }

    static SQLCHAR *text(const std::string &sql) {
        return reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str()));
    }
    SQLRETURN exec(const std::string &sql) { return SQLExecDirect(hstmt, text(sql), SQL_NTS); }
    std::string diags() const { return format_diags(collect_diags(SQL_HANDLE_STMT, hstmt)); }
    // First column of a one-row query run on a statement of its own.
    std::string scalar_text(const std::string &sql) {
        SQLHSTMT other = SQL_NULL_HSTMT;
        EXPECT_EQ(SQL_SUCCESS, SQLAllocStmt(hdbc, &other));
        std::string value = "(failed)";
        if (succeeded(SQLExecDirect(other, text(sql), SQL_NTS)) &&
            succeeded(SQLFetch(other))) {
            SQLCHAR buffer[256] = {0};
            SQLLEN indicator = 0;
            if (succeeded(SQLGetData(other, 1, SQL_C_CHAR, buffer, sizeof buffer, &indicator)))
                value = indicator == SQL_NULL_DATA ? "NULL" : reinterpret_cast<char *>(buffer);
        } else {
            ADD_FAILURE() << sql << format_diags(collect_diags(SQL_HANDLE_STMT, other));
        }
        SQLFreeStmt(other, SQL_DROP);
        return value;
    }

    SQLHENV henv = SQL_NULL_HENV;
    SQLHDBC hdbc = SQL_NULL_HDBC;
    SQLHSTMT hstmt = SQL_NULL_HSTMT;
    bool is_connected = false;
};

TEST_F(Odbc2Test, ExtendedFetchReadsEveryRowsetWithItsOwnCountAndStatuses) {
    SQLULEN attribute_count = 77;
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(hstmt, SQL_ATTR_ROWS_FETCHED_PTR, &attribute_count, 0));
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtOption(hstmt, SQL_ROWSET_SIZE, 2)) << diags();
    ASSERT_EQ(SQL_SUCCESS,
              exec("SELECT g, 'row ' || g FROM generate_series(1, 5) g ORDER BY g")) << diags();
    SQLINTEGER numbers[2] = {0, 0};
    SQLCHAR names[2][16];
    SQLLEN number_ind[2], name_ind[2];
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(hstmt, 1, SQL_C_SLONG, numbers, 0, number_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(hstmt, 2, SQL_C_CHAR, names, sizeof names[0], name_ind));
    std::vector<std::string> seen;
    std::vector<SQLULEN> counts;
    for (;;) {
        SQLULEN count = 99;
        SQLUSMALLINT statuses[2] = {42, 42};
        SQLRETURN rc = SQLExtendedFetch(hstmt, SQL_FETCH_NEXT, 0, &count, statuses);
        if (rc == SQL_NO_DATA) {
            EXPECT_EQ(0u, count);
            break;
        }
        ASSERT_EQ(SQL_SUCCESS, rc) << diags();
        counts.push_back(count);
        for (SQLULEN i = 0; i < count; i++) {
            EXPECT_EQ(SQL_ROW_SUCCESS, statuses[i]);
            seen.push_back(std::to_string(numbers[i]) + ":" + reinterpret_cast<char *>(names[i]));
        }
        if (count < 2)
            EXPECT_EQ(SQL_ROW_NOROW, statuses[1]);
        ASSERT_LE(counts.size(), 4u) << "SQLExtendedFetch never returned SQL_NO_DATA";
    }
    EXPECT_EQ((std::vector<SQLULEN>{2, 2, 1}), counts);
    EXPECT_EQ((std::vector<std::string>{"1:row 1", "2:row 2", "3:row 3", "4:row 4", "5:row 5"}),
              seen);
    // SQL_ATTR_ROWS_FETCHED_PTR belongs to SQLFetch / SQLFetchScroll.
    EXPECT_EQ(77u, attribute_count);
}

TEST_F(Odbc2Test, ExtendedFetchScrollsAfterSetScrollOptions) {
    SQLRETURN rc = SQLSetScrollOptions(hstmt, SQL_CONCUR_READ_ONLY, SQL_SCROLL_STATIC, 1);
    ASSERT_TRUE(succeeded(rc)) << rc_name(rc) << diags();
    SQLULEN cursor_type = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetStmtOption(hstmt, SQL_CURSOR_TYPE, &cursor_type));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_STATIC), cursor_type);
    ASSERT_EQ(SQL_SUCCESS, exec("SELECT g FROM generate_series(1, 10) g ORDER BY g")) << diags();
    SQLINTEGER number = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(hstmt, 1, SQL_C_SLONG, &number, 0, &indicator));
    SQLULEN count = 0;
    SQLUSMALLINT status = 42;
    struct Step {
        SQLUSMALLINT orientation;
        SQLLEN offset;
        SQLINTEGER expected;
    };
    for (Step step : {Step{SQL_FETCH_LAST, 0, 10}, Step{SQL_FETCH_PRIOR, 0, 9},
                      Step{SQL_FETCH_ABSOLUTE, 3, 3}, Step{SQL_FETCH_RELATIVE, 4, 7},
                      Step{SQL_FETCH_FIRST, 0, 1}, Step{SQL_FETCH_NEXT, 0, 2}}) {
        count = 0;
        status = 42;
        ASSERT_EQ(SQL_SUCCESS, SQLExtendedFetch(hstmt, step.orientation, step.offset, &count,
                                                &status))
            << "orientation " << step.orientation << diags();
        EXPECT_EQ(1u, count);
        EXPECT_EQ(SQL_ROW_SUCCESS, status);
        EXPECT_EQ(step.expected, number) << "orientation " << step.orientation;
    }
    EXPECT_EQ(SQL_NO_DATA, SQLExtendedFetch(hstmt, SQL_FETCH_ABSOLUTE, 11, &count, &status));
    EXPECT_EQ(0u, count);
}

TEST_F(Odbc2Test, ExtendedFetchFailsLoudlyWithoutAResultOrForABookmark) {
    SQLULEN count = 0;
    SQLUSMALLINT status = 0;
    EXPECT_EQ(SQL_ERROR, SQLExtendedFetch(hstmt, SQL_FETCH_NEXT, 0, &count, &status));
    EXPECT_EQ("S1010", odbc2_error(SQL_NULL_HENV, SQL_NULL_HDBC, hstmt).first);
    ASSERT_EQ(SQL_SUCCESS, exec("SELECT 1"));
    // Bookmarks are off: fetch type out of range.
    EXPECT_EQ(SQL_ERROR, SQLExtendedFetch(hstmt, SQL_FETCH_BOOKMARK, 1, &count, &status));
    auto error = odbc2_error(SQL_NULL_HENV, SQL_NULL_HDBC, hstmt);
    EXPECT_EQ("S1106", error.first) << error.second;
    EXPECT_EQ(SQL_ERROR, SQLExtendedFetch(hstmt, SQL_FETCH_PRIOR, 0, &count, &status));
    EXPECT_EQ("S1106", odbc2_error(SQL_NULL_HENV, SQL_NULL_HDBC, hstmt).first);
}

TEST_F(Odbc2Test, ErrorReportsAServerErrorThroughSQLError) {
    EXPECT_EQ(SQL_ERROR, exec("SELECT * FROM pgo_odbc2_no_such_table"));
    auto error = odbc2_error(SQL_NULL_HENV, SQL_NULL_HDBC, hstmt);
    EXPECT_EQ("42P01", error.first);
    EXPECT_NE(std::string::npos, error.second.find("pgo_odbc2_no_such_table")) << error.second;
}

TEST_F(Odbc2Test, ColAttributesDescribesColumnsWithOdbc2Identifiers) {
    ASSERT_EQ(SQL_SUCCESS, exec("SELECT 12::int4 AS small_one, 'abc'::varchar(20) AS name, "
                                "1.5::numeric(10,3) AS amount"))
        << diags();
    SQLLEN number = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 1, SQL_COLUMN_COUNT, nullptr, 0, nullptr,
                                            &number)) << diags();
    EXPECT_EQ(3, number);
    SQLCHAR name[64] = {0};
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 2, SQL_COLUMN_NAME, name, sizeof name, &length,
                                            nullptr)) << diags();
    EXPECT_STREQ("name", reinterpret_cast<char *>(name));
    EXPECT_EQ(4, length);
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 1, SQL_COLUMN_TYPE, nullptr, 0, nullptr,
                                            &number)) << diags();
    EXPECT_EQ(SQL_INTEGER, number);
    // SQL_COLUMN_LENGTH is ODBC 2's transfer length in bytes: the octet length
    // of up to 20 UTF-8 characters.
    SQLLEN octets = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLColAttribute(hstmt, 2, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr,
                                           &octets)) << diags();
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 2, SQL_COLUMN_LENGTH, nullptr, 0, nullptr,
                                            &number)) << diags();
    EXPECT_EQ(octets, number);
    EXPECT_GE(number, 20);
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 3, SQL_COLUMN_PRECISION, nullptr, 0, nullptr,
                                            &number)) << diags();
    EXPECT_EQ(10, number);
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 3, SQL_COLUMN_SCALE, nullptr, 0, nullptr,
                                            &number)) << diags();
    EXPECT_EQ(3, number);
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 1, SQL_COLUMN_NULLABLE, nullptr, 0, nullptr,
                                            &number)) << diags();
    EXPECT_EQ(SQL_NULLABLE_UNKNOWN, number);
    ASSERT_EQ(SQL_SUCCESS, SQLColAttributes(hstmt, 3, SQL_COLUMN_DISPLAY_SIZE, nullptr, 0,
                                            nullptr, &number)) << diags();
    EXPECT_EQ(12, number);
}

TEST_F(Odbc2Test, ParamOptionsSendsEveryParameterSet) {
    ASSERT_EQ(SQL_SUCCESS, exec("CREATE TEMPORARY TABLE pgo_odbc2_params (id int, name text)"))
        << diags();
    SQLINTEGER ids[3] = {1, 2, 3};
    SQLCHAR names[3][8] = {"one", "two", "three"};
    SQLLEN id_ind[3] = {0, 0, 0};
    SQLLEN name_ind[3] = {SQL_NTS, SQL_NTS, SQL_NTS};
    SQLULEN processed = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLParamOptions(hstmt, 3, &processed)) << diags();
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(hstmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0,
                                            0, ids, 0, id_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(hstmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 8,
                                            0, names, sizeof names[0], name_ind));
    ASSERT_EQ(SQL_SUCCESS, exec("INSERT INTO pgo_odbc2_params VALUES (?, ?)")) << diags();
    EXPECT_EQ(3u, processed);
    SQLLEN rows = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLRowCount(hstmt, &rows));
    EXPECT_EQ(3, rows);
    EXPECT_EQ("1:one,2:two,3:three",
              scalar_text("SELECT string_agg(id || ':' || name, ',' ORDER BY id) "
                          "FROM pgo_odbc2_params"));
}

TEST_F(Odbc2Test, TransactCommitsAndRollsBackWithAutocommitOff) {
    ASSERT_EQ(SQL_SUCCESS, exec("CREATE TEMPORARY TABLE pgo_odbc2_tx (id int)")) << diags();
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectOption(hdbc, SQL_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF));
    SQLULEN autocommit = 99;
    ASSERT_EQ(SQL_SUCCESS, SQLGetConnectOption(hdbc, SQL_AUTOCOMMIT, &autocommit));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_AUTOCOMMIT_OFF), autocommit);
    ASSERT_EQ(SQL_SUCCESS, exec("INSERT INTO pgo_odbc2_tx VALUES (1)")) << diags();
    ASSERT_EQ(SQL_SUCCESS, SQLTransact(SQL_NULL_HENV, hdbc, SQL_ROLLBACK));
    EXPECT_EQ("0", scalar_text("SELECT count(*) FROM pgo_odbc2_tx"));
    ASSERT_EQ(SQL_SUCCESS, exec("INSERT INTO pgo_odbc2_tx VALUES (2)")) << diags();
    ASSERT_EQ(SQL_SUCCESS, SQLTransact(henv, SQL_NULL_HDBC, SQL_COMMIT));
    ASSERT_EQ(SQL_SUCCESS, SQLTransact(SQL_NULL_HENV, hdbc, SQL_ROLLBACK));
    EXPECT_EQ("2", scalar_text("SELECT string_agg(id::text, ',') FROM pgo_odbc2_tx"));
    EXPECT_EQ(SQL_ERROR, SQLTransact(SQL_NULL_HENV, hdbc, 7));
    EXPECT_EQ("S1012", odbc2_error(SQL_NULL_HENV, hdbc, SQL_NULL_HSTMT).first);
    // The count above began a transaction: SQLDisconnect would refuse (25000).
    EXPECT_EQ(SQL_SUCCESS, SQLTransact(SQL_NULL_HENV, hdbc, SQL_ROLLBACK));
}

TEST_F(Odbc2Test, SetParamAndBindParamBindInputParameters) {
    SQLINTEGER first = 40;
    SQLLEN first_ind = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLSetParam(hstmt, 1, SQL_C_SLONG, SQL_INTEGER, 0, 0, &first,
                                       &first_ind)) << diags();
    SQLCHAR second[] = "two";
    SQLLEN second_ind = SQL_NTS;
    ASSERT_EQ(SQL_SUCCESS, SQLBindParam(hstmt, 2, SQL_C_CHAR, SQL_VARCHAR, 10, 0, second,
                                        &second_ind)) << diags();
    ASSERT_EQ(SQL_SUCCESS, exec("SELECT (? + 2)::text || ' ' || ?")) << diags();
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(hstmt)) << diags();
    SQLCHAR value[32] = {0};
    SQLLEN indicator = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetData(hstmt, 1, SQL_C_CHAR, value, sizeof value, &indicator));
    EXPECT_STREQ("42 two", reinterpret_cast<char *>(value));
}

TEST_F(Odbc2Test, GetFunctionsAnswersTheOdbc2ArrayWithExtendedFetch) {
    SQLUSMALLINT flags[100] = {0};
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(hdbc, SQL_API_ALL_FUNCTIONS, flags));
    EXPECT_EQ(SQL_TRUE, flags[SQL_API_SQLEXTENDEDFETCH]);
    EXPECT_EQ(SQL_TRUE, flags[SQL_API_SQLFETCH]);
    SQLUSMALLINT one = SQL_FALSE;
    ASSERT_EQ(SQL_SUCCESS, SQLGetFunctions(hdbc, SQL_API_SQLEXTENDEDFETCH, &one));
    EXPECT_EQ(SQL_TRUE, one);
}

}  // namespace
}  // namespace pgo_test
