// Trace sink: configured once from PGODBC_TRACE / PGODBC_TRACE_LEVEL; lines
// carry their level; more detailed levels than asked for are not written.
// This is the only test in unit_util that touches tracing, so the one-time
// configuration sees the environment it sets.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

extern "C" {
#include "util/trace.h"
}

namespace {

TEST(Trace, WritesLinesWithLevelToTheNamedFileUpToTheChosenLevel)
{
    char path[] = "/tmp/pgodbc_trace_test_XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    ASSERT_EQ(setenv("PGODBC_TRACE", path, 1), 0);
    ASSERT_EQ(setenv("PGODBC_TRACE_LEVEL", "api", 1), 0);

    EXPECT_TRUE(trace_is_enabled(TRACE_LEVEL_API));
    EXPECT_FALSE(trace_is_enabled(TRACE_LEVEL_PROTOCOL));
    EXPECT_FALSE(trace_is_enabled(TRACE_LEVEL_DATA));
    trace_write(TRACE_LEVEL_API, "SQLConnect(hdbc=%p) = %d", static_cast<void *>(path), 0);
    trace_write(TRACE_LEVEL_PROTOCOL, "<- ReadyForQuery");
    std::string long_message(10000, 'z');
    trace_write(TRACE_LEVEL_API, "%s", long_message.c_str());

    std::ifstream file(path);
    std::string first;
    std::string second;
    std::string third;
    ASSERT_TRUE(std::getline(file, first));
    ASSERT_TRUE(std::getline(file, second));
    EXPECT_FALSE(std::getline(file, third));
    EXPECT_NE(first.find(" api SQLConnect(hdbc="), std::string::npos) << first;
    EXPECT_NE(first.find(") = 0"), std::string::npos) << first;
    EXPECT_EQ(first.find("ReadyForQuery"), std::string::npos);
    EXPECT_LT(second.size(), 4096u);
    EXPECT_EQ(second.substr(second.size() - 3), "...");
    std::remove(path);
}

} // namespace
