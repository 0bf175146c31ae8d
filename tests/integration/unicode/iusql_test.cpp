// unixODBC's own tools with non-ASCII data through the harness DSN
// [pgo_test]. isql is narrow: the driver manager passes its UTF-8 through
// the ANSI functions untouched. iusql calls the W functions, which this
// driver now exports, but iusql 2.3.11 does not speak UTF-16 itself: it
// widens each byte of the line it read into one SQLWCHAR (a signed char,
// so 0xC3 becomes U+FFC3) and narrows each SQLWCHAR it fetches back to its
// low byte. Text typed at iusql therefore reaches any Unicode driver as
// those units, and comes back to the screen as the bytes that were typed.
// These tests pin both facts: what iusql shows, and exactly what the
// driver passed to the server.
#include "unicode_support.h"

#include <cstdio>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace pgo_test {
namespace {

class UnicodeToolsTest : public OdbcTest {
protected:
    // Runs "<tool> -b -v pgo_test" with sql on stdin; returns its exit
    // status and everything it wrote.
    std::pair<int, std::string> run_tool(const std::string &tool, const std::string &sql) {
        if (std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) != 0) {
            return {-2, tool + " is not installed"};
        }
        std::string input = ::testing::TempDir() + "pgo_unicode_tool_" +
                            std::to_string(getpid()) + ".sql";
        {
            std::ofstream file(input, std::ios::binary);
            file << sql << "\n";
        }
        std::string command;
#ifdef PGO_SANITIZE_BUILD
        // As tools/isql_test.cpp: the ASan-built driver inside an
        // uninstrumented tool needs the runtime first, and iusql's own
        // overlapping strncpy and unfreed line buffer must not abort it.
        command += "LD_PRELOAD='" PGO_ASAN_RUNTIME "' LSAN_OPTIONS='suppressions=" PGO_LSAN_SUPPRESSIONS
                   "' ";
        if (tool == "iusql") {
            command += "ASAN_OPTIONS='replace_str=0:intercept_strlen=0:intercept_strchr=0:"
                       "intercept_strndup=0:detect_leaks=0' ";
        }
#endif
        command += "ODBCSYSINI='" + harness.odbcsysini() + "' " + tool + " -b -v pgo_test < '" +
                   input + "' 2>&1";
        FILE *pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) {
            std::remove(input.c_str());
            return {-1, "popen failed"};
        }
        std::string output;
        char chunk[512];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, pipe)) > 0) {
            output.append(chunk, got);
        }
        int status = pclose(pipe);
        std::remove(input.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
    }
};

// "Grüße 🌜" in UTF-8.
const std::string kGreeting = "Gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x8C\x9C";

TEST_F(UnicodeToolsTest, IsqlSendsUtf8TextUnchanged) {
    auto [status, output] =
        run_tool("isql", "SELECT encode(convert_to('" + kGreeting + "', 'UTF8'), 'hex')");
    if (status == -2) {
        GTEST_SKIP() << output;
    }
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("4772c3bcc39f6520f09f8c9c"), std::string::npos) << output;
}

TEST_F(UnicodeToolsTest, IsqlShowsNonAsciiTextAndColumnNames) {
    auto [status, output] = run_tool("isql", "SELECT '" + kGreeting + "' AS \"m\xC3\xB6nd\"");
    if (status == -2) {
        GTEST_SKIP() << output;
    }
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("| " + kGreeting), std::string::npos) << output;
    EXPECT_NE(output.find("| m\xC3\xB6nd"), std::string::npos) << output;
}

TEST_F(UnicodeToolsTest, IusqlShowsNonAsciiTextAsItWasTyped) {
    auto [status, output] = run_tool("iusql", "SELECT '" + kGreeting + "' AS \"m\xC3\xB6nd\"");
    if (status == -2) {
        GTEST_SKIP() << output;
    }
    EXPECT_EQ(status, 0) << output;
    EXPECT_EQ(output.find("[ISQL]ERROR"), std::string::npos) << output;
    EXPECT_NE(output.find("| " + kGreeting), std::string::npos) << output;
    EXPECT_NE(output.find("| m\xC3\xB6nd"), std::string::npos) << output;
}

TEST_F(UnicodeToolsTest, IusqlTextReachesTheServerAsIusqlWidensIt) {
    // "ü" typed: iusql sends U+FFC3 U+FFBC, which the driver converts to
    // UTF-8 exactly (EF BF 83, EF BE BC); ASCII passes as itself.
    auto [status, output] =
        run_tool("iusql", "SELECT encode(convert_to('a\xC3\xBC', 'UTF8'), 'hex')");
    if (status == -2) {
        GTEST_SKIP() << output;
    }
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("| 61efbf83efbebc"), std::string::npos) << output;
}

} // namespace
} // namespace pgo_test
