// The driver's trace (PGODBC_TRACE): the trace module reads its
// configuration once per process, so each run here is a fresh isql process
// (SQLDriverConnect through the driver manager, one query) with
// PGODBC_TRACE set; the test then reads the trace file. It must show the
// protocol (StartupMessage, Authentication, ReadyForQuery, the rows
// summary) and the API calls, and must never hold the password, for
// SCRAM, cleartext-password and md5 logins alike.
#include "odbc_test.h"

#include <cstdint>
#include <cstdio>
#include <vector>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace pgo_test {
namespace {

// The forms a leaked password would take in a trace or a message: as is,
// in base64 (SCRAM messages are base64), in hex (a dump of bytes).
std::vector<std::string> secret_forms(const std::string &secret) {
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string base64;
    size_t i = 0;
    for (; i + 2 < secret.size(); i += 3) {
        uint32_t n = (uint32_t(uint8_t(secret[i])) << 16) | (uint32_t(uint8_t(secret[i + 1])) << 8) |
                     uint32_t(uint8_t(secret[i + 2]));
        base64 += b64[(n >> 18) & 63];
        base64 += b64[(n >> 12) & 63];
        base64 += b64[(n >> 6) & 63];
        base64 += b64[n & 63];
    }
    // Only the whole groups: their text is the same wherever the secret
    // starts on a three-byte boundary, as in a SCRAM message.
    std::string hex_lower;
    std::string hex_upper;
    for (char c : secret) {
        static const char lower[] = "0123456789abcdef";
        static const char upper[] = "0123456789ABCDEF";
        hex_lower += lower[uint8_t(c) >> 4];
        hex_lower += lower[uint8_t(c) & 15];
        hex_upper += upper[uint8_t(c) >> 4];
        hex_upper += upper[uint8_t(c) & 15];
    }
    std::vector<std::string> forms = {secret, hex_lower, hex_upper};
    if (base64.size() >= 8) {
        forms.push_back(base64);
    }
    return forms;
}

// Fails for every form of secret found in text.
void expect_no_secret(const std::string &text, const std::string &secret, const std::string &where) {
    for (const std::string &form : secret_forms(secret)) {
        EXPECT_EQ(text.find(form), std::string::npos) << where << " holds \"" << form << "\"";
    }
}

// Fails when text holds a SCRAM client message: the client-first-message's
// GS2 header and bare part ("n,,n=", "y,,n=", "p=tls-server-end-point,,"),
// the client-final-message's channel binding ("c=biws": base64 of "n,,";
// "c=eSws": of "y,,") or its proof (",p=").
void expect_no_scram_message(const std::string &text, const std::string &where) {
    for (const char *marker : {"n,,n=", "y,,n=", "p=tls-server-end-point", "c=biws", "c=eSws", ",p="}) {
        EXPECT_EQ(text.find(marker), std::string::npos) << where << " holds \"" << marker << "\"";
    }
}

class TraceTest : public OdbcTest {
protected:
    std::string trace_path;

    void SetUp() override {
        OdbcTest::SetUp();
        char pattern[] = "/tmp/pgo_trace_XXXXXX";
        int fd = mkstemp(pattern);
        ASSERT_GE(fd, 0);
        close(fd);
        trace_path = pattern;
    }

    void TearDown() override {
        if (!trace_path.empty()) {
            std::remove(trace_path.c_str());
        }
    }

    // isql is not instrumented: under ASan it needs the runtime preloaded
    // to load the instrumented driver.
    static std::string sanitizer_preload() {
#ifdef PGO_SANITIZE_BUILD
        return "LD_PRELOAD='" PGO_ASAN_RUNTIME "' LSAN_OPTIONS='suppressions=" PGO_LSAN_SUPPRESSIONS
               "' ";
#else
        return "";
#endif
    }

    // Runs isql -k with the connection string and sql on stdin, tracing at
    // level into trace_path; returns isql's exit status and output.
    // verbose: isql -v, which prints the diagnostics of a failed call.
    std::pair<int, std::string> run_traced(const std::string &connection_string,
                                           const std::string &sql, const std::string &level,
                                           bool verbose = false) {
        std::string command = "printf '%s\\n' '" + sql + "' | " + sanitizer_preload();
        command += "ODBCSYSINI='" + harness.odbcsysini() + "' PGODBC_TRACE='" + trace_path +
                   "' PGODBC_TRACE_LEVEL='" + level + "' isql -b " + (verbose ? "-v " : "") + "-k '" + connection_string +
                   "' 2>&1";
        FILE *pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) {
            return {-1, "popen failed"};
        }
        std::string output;
        char chunk[512];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, pipe)) > 0) {
            output.append(chunk, got);
        }
        int status = pclose(pipe);
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
    }

    std::string read_trace() const {
        std::ifstream in(trace_path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    void require_isql() {
        if (std::system("command -v isql >/dev/null 2>&1") != 0) {
            GTEST_SKIP() << "isql is not installed (package unixodbc)";
        }
    }

    // One traced login and query as user; checks what every login trace
    // shows and that the password is nowhere in it.
    std::string expect_traced_login(const std::string &user) {
        std::string connection_string = tcp_string_with_password(user) + "SSLMode=disable;";
        auto [status, output] = run_traced(connection_string, "SELECT 40+2", "protocol");
        EXPECT_EQ(status, 0) << output;
        EXPECT_NE(output.find("42"), std::string::npos) << output;
        std::string trace = read_trace();
        EXPECT_NE(trace.find("> StartupMessage length"), std::string::npos) << trace;
        EXPECT_NE(trace.find("< 'R' (Authentication)"), std::string::npos) << trace;
        EXPECT_NE(trace.find("> 'p' (PasswordMessage/SASLResponse) length"), std::string::npos)
            << trace;
        EXPECT_NE(trace.find("< 'Z' (ReadyForQuery) length 1"), std::string::npos) << trace;
        EXPECT_NE(trace.find("> 'P' (Parse)"), std::string::npos) << trace;
        EXPECT_NE(trace.find("< 'T' (RowDescription) length"), std::string::npos) << trace;
        EXPECT_NE(trace.find("columns 1"), std::string::npos) << trace;
        EXPECT_NE(trace.find("tag \"SELECT 1\" rows: 1"), std::string::npos) << trace;
        EXPECT_EQ(trace.find("DataRow"), std::string::npos) << trace;
        EXPECT_NE(trace.find(" api SQLDriverConnect handle "), std::string::npos) << trace;
        EXPECT_NE(trace.find("SQLDriverConnect handle 0x"), std::string::npos) << trace;
        EXPECT_NE(trace.find("returns SQL_SUCCESS"), std::string::npos) << trace;
        // isql prepares, then executes.
        EXPECT_NE(trace.find(" api SQLPrepare handle "), std::string::npos) << trace;
        EXPECT_NE(trace.find(" api SQLExecute handle "), std::string::npos) << trace;
        EXPECT_NE(trace.find(" api SQLFetch handle "), std::string::npos) << trace;
        EXPECT_NE(trace.find("> 'X' (Terminate) length 0"), std::string::npos) << trace;
        std::string password = harness.password();
        EXPECT_FALSE(password.empty());
        EXPECT_EQ(trace.find(password), std::string::npos) << "the password is in the trace";
        EXPECT_FALSE(contains_ci(trace, "PWD=")) << trace;
        EXPECT_FALSE(contains_ci(trace, "PWD")) << trace;
        return trace;
    }
};

TEST_F(TraceTest, ScramLoginTracesProtocolAndApiWithoutThePassword) {
    require_isql();
    expect_traced_login("pgo_scram");
}

TEST_F(TraceTest, CleartextPasswordLoginTracesOnlyTheMessageLength) {
    require_isql();
    std::string trace = expect_traced_login("pgo_password");
    // password message body: the password and its NUL.
    std::string expected = "> 'p' (PasswordMessage/SASLResponse) length " +
                           std::to_string(harness.password().size() + 1);
    EXPECT_NE(trace.find(expected), std::string::npos) << trace;
}

TEST_F(TraceTest, Md5LoginTracesWithoutThePassword) {
    require_isql();
    expect_traced_login("pgo_md5");
}

TEST_F(TraceTest, ServerErrorTracesItsSqlstate) {
    require_isql();
    auto [status, output] = run_traced(tcp_string_with_password("pgo_scram") + "SSLMode=disable;",
                                       "SELECT * FROM pgo_no_such_table", "protocol");
    (void)status;
    std::string trace = read_trace();
    EXPECT_NE(trace.find("< 'E' (ErrorResponse) length"), std::string::npos) << trace;
    EXPECT_NE(trace.find("sqlstate 42P01"), std::string::npos) << trace;
    EXPECT_NE(trace.find("SQLPrepare handle"), std::string::npos) << trace;
    EXPECT_NE(trace.find("returns SQL_ERROR 42P01"), std::string::npos) << trace;
}

TEST_F(TraceTest, ApiLevelTracesCallsButNoMessages) {
    require_isql();
    auto [status, output] = run_traced(tcp_string_with_password("pgo_scram") + "SSLMode=disable;",
                                       "SELECT 1", "api");
    EXPECT_EQ(status, 0) << output;
    std::string trace = read_trace();
    EXPECT_NE(trace.find(" api SQLDriverConnect handle "), std::string::npos) << trace;
    EXPECT_EQ(trace.find(" protocol "), std::string::npos) << trace;
}

TEST_F(TraceTest, DataLevelTracesEachRowWithoutItsValues) {
    require_isql();
    auto [status, output] = run_traced(tcp_string_with_password("pgo_scram") + "SSLMode=disable;",
                                       "SELECT 987654321 AS v FROM generate_series(1,3)", "data");
    EXPECT_EQ(status, 0) << output;
    std::string trace = read_trace();
    size_t rows = 0;
    for (size_t at = trace.find("'D' (DataRow)"); at != std::string::npos;
         at = trace.find("'D' (DataRow)", at + 1)) {
        ++rows;
    }
    EXPECT_EQ(rows, 3u) << trace;
    EXPECT_NE(trace.find("fields 1"), std::string::npos) << trace;
    EXPECT_NE(trace.find("rows: 3"), std::string::npos) << trace;
    EXPECT_EQ(trace.find("987654321"), std::string::npos) << trace;
}

TEST_F(TraceTest, NoTraceFileIsWrittenWhenTheVariableIsUnset) {
    require_isql();
    std::remove(trace_path.c_str());
    std::string command = "printf 'SELECT 1\\n' | " + sanitizer_preload() + "ODBCSYSINI='" +
                          harness.odbcsysini() +
                          "' PGODBC_TRACE= isql -b -k '" +
                          tcp_string_with_password("pgo_scram") + "SSLMode=disable;' >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
    EXPECT_NE(access(trace_path.c_str(), F_OK), 0);
}

TEST_F(TraceTest, NoLevelTracesThePasswordOrTheScramMessages) {
    // Every level, every password method: not the password in any form,
    // not the SCRAM client messages that carry the proof (from which, with
    // the server's messages, the client key follows).
    require_isql();
    for (const char *level : {"api", "protocol", "data"}) {
        // SCRAM over TLS too: SCRAM-SHA-256-PLUS, with channel binding.
        for (auto [user, ssl_mode] : {std::pair{"pgo_scram", "disable"}, std::pair{"pgo_scram", "require"},
                                      std::pair{"pgo_password", "disable"}, std::pair{"pgo_md5", "disable"}}) {
            std::remove(trace_path.c_str());
            std::string where = std::string("the ") + level + " trace of " + user + " (SSLMode=" +
                                ssl_mode + ")";
            auto [status, output] = run_traced(tcp_string_with_password(user) + "SSLMode=" +
                                                   ssl_mode + ";",
                                               "SELECT 40+2", level);
            EXPECT_EQ(status, 0) << where << ": " << output;
            std::string trace = read_trace();
            EXPECT_NE(trace.find("SQLDriverConnect"), std::string::npos) << where << ": " << trace;
            expect_no_secret(trace, harness.password(), where);
            expect_no_scram_message(trace, where);
            EXPECT_FALSE(contains_ci(trace, "PWD")) << where;
            expect_no_secret(output, harness.password(), std::string("isql's output for ") + user);
        }
    }
}

TEST_F(TraceTest, AWrongPasswordReachesNeitherTheTraceNorTheDiagnostics) {
    require_isql();
    const std::string wrong = "Wr0ng-S3cret-Passw0rd";
    for (const char *user : {"pgo_scram", "pgo_password", "pgo_md5"}) {
        std::remove(trace_path.c_str());
        auto [status, output] =
            run_traced(tcp_string(user) + "PWD=" + wrong + ";SSLMode=disable;", "SELECT 1", "data",
                       true);
        EXPECT_NE(status, 0) << output;
        // isql prints the driver's diagnostics: the server's 28P01.
        EXPECT_NE(output.find("28P01"), std::string::npos) << output;
        expect_no_secret(output, wrong, std::string("the diagnostics for ") + user);
        std::string trace = read_trace();
        EXPECT_NE(trace.find("28P01"), std::string::npos) << trace;
        expect_no_secret(trace, wrong, std::string("the data trace for ") + user);
        expect_no_scram_message(trace, std::string("the data trace for ") + user);
    }
}

TEST_F(TraceTest, TheOutConnectionStringLeavesOutThePassword) {
    // ODBC asks for a completed connection string the application can
    // connect with again; PWD is left out (as the Driver Manager leaves it
    // out of a SAVEFILE), so the application supplies it itself.
    for (const std::string &password_keyword : {std::string("PWD="), std::string("Password=")}) {
        auto connection = driver_connect(tcp_string("pgo_scram") + password_keyword +
                                         harness.password() + ";SSLMode=disable;");
        ASSERT_TRUE(connection->connected) << format_diags(connection->diags);
        EXPECT_NE(connection->out_string.find("UID=pgo_scram"), std::string::npos)
            << connection->out_string;
        expect_no_secret(connection->out_string, harness.password(), "the out-connection string");
        EXPECT_FALSE(contains_ci(connection->out_string, "PWD")) << connection->out_string;
        EXPECT_FALSE(contains_ci(connection->out_string, "Password")) << connection->out_string;
    }
}

} // namespace
} // namespace pgo_test
