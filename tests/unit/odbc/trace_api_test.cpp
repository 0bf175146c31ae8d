// API trace lines (odbc/trace_api.c): function, handle, the final return
// code (SQL_SUCCESS with records is SQL_SUCCESS_WITH_INFO) and the
// SQLSTATEs of the records posted.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "odbc/trace_api.h"
}

namespace {

std::string format(const odbc_diag_list *diags, SQLRETURN result)
{
    char line[512] = {0};
    odbc_trace_api_format("SQLExecDirect", reinterpret_cast<void *>(0x1234), diags, result, line,
                          sizeof line);
    return line;
}

TEST(TraceApi, NamesTheFunctionHandleAndReturnCode)
{
    std::string line = format(nullptr, SQL_NO_DATA);
    EXPECT_EQ(line.find("SQLExecDirect handle 0x1234 returns SQL_NO_DATA"), 0u) << line;
}

TEST(TraceApi, ListsThePostedSqlstatesAndReportsSuccessWithInfo)
{
    odbc_diag_list diags;
    odbc_diag_init(&diags);
    odbc_diag_post(&diags, "01004", "truncated");
    odbc_diag_post(&diags, "01S02", "option value changed");
    EXPECT_EQ(format(&diags, SQL_SUCCESS),
              "SQLExecDirect handle 0x1234 returns SQL_SUCCESS_WITH_INFO 01004 01S02");
    odbc_diag_reset(&diags);
}

TEST(TraceApi, ErrorsShowTheirStates)
{
    odbc_diag_list diags;
    odbc_diag_init(&diags);
    odbc_diag_post(&diags, "42P01", "no such table");
    EXPECT_EQ(format(&diags, SQL_ERROR), "SQLExecDirect handle 0x1234 returns SQL_ERROR 42P01");
    odbc_diag_reset(&diags);
}

} // namespace
