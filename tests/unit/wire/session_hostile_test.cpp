// A whole session (startup, a simple query with rows, an extended
// Parse/Bind/Describe/Execute/Sync with a row) against a scripted server,
// then the same session damaged at every point: cut after every byte,
// every message's length one short, one long, negative and huge, and a
// DataRow with more or fewer columns or a lying value length. The engine
// must answer an error (08001 while connecting, 08S01 or 08P01 after),
// never succeed on damaged bytes it cannot have understood, never read past
// what the server sent, never crash (ASan run). Also: invalid UTF-8 passes
// through untouched, a SASL offer the policy forbids sends no password,
// and a server that never answers Sync is bounded by the timeouts.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

#include "message_builder.h"

extern "C" {
#include "net/endpoints.h"
#include "params/connect_params.h"
#include "support/memory_stream.h"
#include "util/deadline.h"
#include "util/error.h"
#include "util/secret.h"
#include "wire/conn.h"
#include "wire/conn_internal.h"
}

namespace {

void IgnoreNotice(void *context, const struct error *notice)
{
    (void)context;
    (void)notice;
}

std::string Row(const std::vector<std::string> &values)
{
    Bytes body;
    body.I16(static_cast<int16_t>(values.size()));
    for (const std::string &value : values) {
        body.I32(static_cast<int32_t>(value.size())).Raw(value);
    }
    return Message('D', body);
}

// The server's side of the whole session, one string per message.
std::vector<std::string> SessionMessages()
{
    return {
        AuthOk(),
        ParameterStatus("server_version", "15.4"),
        ParameterStatus("client_encoding", "UTF8"),
        BackendKey(4242, 99),
        Ready('I'),
        // SELECT 1: two rows
        RowDescription("a", "b"),
        Row({"1", "x"}),
        Row({"22", "yy"}),
        Message('C', Bytes().Str("SELECT 2")),
        Ready('I'),
        // extended: ParseComplete, BindComplete, RowDescription, a row
        Message('1', Bytes()),
        Message('2', Bytes()),
        RowDescription("c", "d"),
        Row({"42", "z"}),
        Message('C', Bytes().Str("SELECT 1")),
        Ready('T'),
    };
}

std::string Join(const std::vector<std::string> &messages)
{
    std::string out;
    for (const std::string &m : messages) {
        out += m;
    }
    return out;
}

// The message with its length field replaced (type byte kept).
std::string WithLength(const std::string &message, int32_t length)
{
    std::string out = message;
    uint32_t u = static_cast<uint32_t>(length);
    out[1] = static_cast<char>(u >> 24);
    out[2] = static_cast<char>(u >> 16);
    out[3] = static_cast<char>(u >> 8);
    out[4] = static_cast<char>(u);
    return out;
}

struct Outcome {
    bool connected = false;
    bool completed = false;  // the extended exchange reached its ReadyForQuery
    std::string sqlstate;    // the first error, "" when none
    std::string message;
    size_t rows = 0;
    size_t bytes_read = 0;
    bool broken = false;
};

// Runs the client's side of the session over bytes; the first error ends it.
Outcome RunSession(const std::string &bytes, size_t max_read_chunk = 0)
{
    Outcome outcome;
    struct memory_script script;
    memory_script_init(&script);
    script.max_read_chunk = max_read_chunk;
    EXPECT_EQ(0, memory_script_add(&script, bytes.data(), bytes.size()));
    struct connect_params params;
    EXPECT_EQ(0, params_init(&params));
    EXPECT_EQ(0, params_set_string(&params.user, "user", 4));
    EXPECT_EQ(0, secret_set(&params.password, "pencil", 6));
    params.ssl.mode = PARAMS_SSL_DISABLE;
    struct notice_sink sink = {IgnoreNotice, nullptr};
    struct deadline deadline = deadline_after_ms(10000);
    struct error error;
    error_init(&error);
    struct wire_conn *conn = nullptr;
    struct net_stream *stream = memory_stream_new(&script);
    EXPECT_NE(nullptr, stream);
    auto fail = [&](const struct error &e) {
        if (outcome.sqlstate.empty()) {
            outcome.sqlstate = e.sqlstate;
            outcome.message = e.message;
        }
    };
    if (wire_connect_over_stream(stream, &params, &deadline, false, &sink, &conn, &error) != 0) {
        fail(error);
    } else {
        outcome.connected = true;
        auto pull = [&]() -> bool {
            for (int i = 0; i < 100; ++i) {
                struct wire_event event;
                error_init(&error);
                if (wire_next_event(conn, &event, &error) != 0) {
                    fail(error);
                    return false;
                }
                if (event.kind == WIRE_EVENT_SERVER_ERROR) {
                    fail(error);
                }
                if (event.kind == WIRE_EVENT_DATA_ROW) {
                    ++outcome.rows;
                    for (size_t v = 0; v < event.value_count; ++v) {
                        const struct wire_value &value = event.values[v];
                        if (!value.is_null && value.length_bytes > 0) {
                            // ASan: a view past the frame would be caught here.
                            volatile unsigned char sink_byte = value.data[value.length_bytes - 1];
                            (void)sink_byte;
                        }
                    }
                }
                if (event.kind == WIRE_EVENT_READY) {
                    return true;
                }
            }
            ADD_FAILURE() << "no ReadyForQuery within 100 events";
            return false;
        };
        error_init(&error);
        if (wire_send_simple_query(conn, "SELECT 1", 8, &error) != 0) {
            fail(error);
        } else if (pull() && outcome.sqlstate.empty()) {
            static const char sql[] = "SELECT $1::int4";
            static const unsigned char value[] = "42";
            struct wire_param param = {23, 0, value, 2};
            int16_t format = 0;
            error_init(&error);
            if (wire_queue_parse(conn, "", sql, sizeof sql - 1, nullptr, 0, &error) != 0 ||
                wire_queue_bind(conn, "", "", &param, 1, &format, 1, &error) != 0 ||
                wire_queue_describe_portal(conn, "", &error) != 0 ||
                wire_queue_execute(conn, "", 0, &error) != 0 ||
                wire_queue_sync(conn, &error) != 0) {
                fail(error);
            } else if (pull() && outcome.sqlstate.empty()) {
                outcome.completed = true;
            }
        }
        outcome.broken = wire_conn_is_broken(conn);
    }
    wire_conn_free(conn);
    outcome.bytes_read = script.incoming_offset;
    EXPECT_LE(script.incoming_offset, bytes.size());
    params_reset(&params);
    memory_script_reset(&script);
    return outcome;
}

bool IsConnectionError(const std::string &sqlstate)
{
    return sqlstate == "08001" || sqlstate == "08S01" || sqlstate == "08P01";
}

TEST(SessionHostileTest, TheUndamagedSessionCompletes)
{
    Outcome outcome = RunSession(Join(SessionMessages()));
    EXPECT_TRUE(outcome.completed) << outcome.sqlstate << " " << outcome.message;
    EXPECT_EQ(3u, outcome.rows);
    EXPECT_FALSE(outcome.broken);
}

TEST(SessionHostileTest, ACutAfterEveryByteIsAConnectionErrorNeverACrash)
{
    std::string whole = Join(SessionMessages());
    for (size_t cut = 0; cut < whole.size(); ++cut) {
        Outcome outcome = RunSession(whole.substr(0, cut));
        ASSERT_FALSE(outcome.completed) << "cut at " << cut;
        ASSERT_TRUE(outcome.sqlstate == "08001" || outcome.sqlstate == "08S01")
            << "cut at " << cut << ": " << outcome.sqlstate << " " << outcome.message;
        if (outcome.connected) {
            EXPECT_TRUE(outcome.broken) << "cut at " << cut;
        }
    }
}

TEST(SessionHostileTest, ACutAfterEveryByteInOneByteReadsGivesTheSameOutcome)
{
    std::string whole = Join(SessionMessages());
    for (size_t cut = 0; cut < whole.size(); cut += 7) {
        Outcome whole_reads = RunSession(whole.substr(0, cut));
        Outcome byte_reads = RunSession(whole.substr(0, cut), 1);
        ASSERT_EQ(whole_reads.sqlstate, byte_reads.sqlstate) << "cut at " << cut;
        ASSERT_EQ(whole_reads.rows, byte_reads.rows) << "cut at " << cut;
    }
}

// Each message's length field set to a wrong value, the rest of the stream
// unchanged: the session must fail with a connection error.
void ExpectEveryMessageRefusedWithLength(const std::function<int32_t(int32_t)> &damage,
                                         const char *what)
{
    std::vector<std::string> messages = SessionMessages();
    for (size_t i = 0; i < messages.size(); ++i) {
        std::vector<std::string> damaged = messages;
        int32_t length = static_cast<int32_t>(messages[i].size() - 1);
        damaged[i] = WithLength(messages[i], damage(length));
        Outcome outcome = RunSession(Join(damaged));
        EXPECT_FALSE(outcome.completed) << what << ", message " << i << " ('" << messages[i][0]
                                        << "')";
        EXPECT_TRUE(IsConnectionError(outcome.sqlstate))
            << what << ", message " << i << " ('" << messages[i][0] << "'): "
            << outcome.sqlstate << " " << outcome.message;
    }
}

TEST(SessionHostileTest, EveryMessageOneByteShorterThanItsBodyIsRefused)
{
    ExpectEveryMessageRefusedWithLength([](int32_t n) { return n - 1; }, "one short");
}

TEST(SessionHostileTest, EveryMessageOneByteLongerThanItsBodyIsRefused)
{
    ExpectEveryMessageRefusedWithLength([](int32_t n) { return n + 1; }, "one long");
}

TEST(SessionHostileTest, EveryMessageWithANegativeLengthIsRefused)
{
    ExpectEveryMessageRefusedWithLength([](int32_t) { return -1; }, "-1");
    ExpectEveryMessageRefusedWithLength([](int32_t) { return INT32_MIN; }, "INT32_MIN");
}

TEST(SessionHostileTest, EveryMessageWithAHugeLengthIsRefusedWithoutReadingThatMuch)
{
    ExpectEveryMessageRefusedWithLength([](int32_t) { return INT32_MAX; }, "INT32_MAX");
    ExpectEveryMessageRefusedWithLength([](int32_t) { return 64 * 1024 * 1024; }, "64 MiB");
}

TEST(SessionHostileTest, EveryMessageWithALengthBelowFourIsRefused)
{
    for (int32_t length : {0, 1, 2, 3}) {
        ExpectEveryMessageRefusedWithLength([length](int32_t) { return length; }, "below four");
    }
}

// The first query's second row replaced.
Outcome RunWithSecondRow(const std::string &row)
{
    std::vector<std::string> messages = SessionMessages();
    messages[7] = row;
    return RunSession(Join(messages));
}

TEST(SessionHostileTest, ADataRowWithMoreColumnsThanDescribedFailsTheStatement)
{
    Outcome outcome = RunWithSecondRow(Row({"1", "2", "3"}));
    EXPECT_EQ("08P01", outcome.sqlstate) << outcome.message;
    EXPECT_NE(std::string::npos, outcome.message.find("3 columns for a result of 2"))
        << outcome.message;
    EXPECT_EQ(1u, outcome.rows);
    EXPECT_FALSE(outcome.completed);
}

TEST(SessionHostileTest, ADataRowWithFewerColumnsThanDescribedFailsTheStatement)
{
    for (const std::string &row : {Row({"1"}), Row({})}) {
        Outcome outcome = RunWithSecondRow(row);
        EXPECT_EQ("08P01", outcome.sqlstate) << outcome.message;
        EXPECT_EQ(1u, outcome.rows);
        EXPECT_FALSE(outcome.completed);
    }
}

TEST(SessionHostileTest, ADataRowWithANegativeOrHugeColumnCountBreaksTheConnection)
{
    for (int16_t count : {int16_t{-1}, int16_t{INT16_MIN}, int16_t{INT16_MAX}}) {
        Outcome outcome = RunWithSecondRow(Message('D', Bytes().I16(count).I32(1).Raw("1")));
        EXPECT_EQ("08P01", outcome.sqlstate) << count << ": " << outcome.message;
        EXPECT_FALSE(outcome.completed);
    }
}

TEST(SessionHostileTest, AValueLengthPastTheMessageBreaksTheConnection)
{
    for (int32_t length : {2, 3, 1000, INT32_MAX, -2, INT32_MIN}) {
        Outcome outcome = RunWithSecondRow(
            Message('D', Bytes().I16(2).I32(1).Raw("1").I32(length).Raw("x")));
        EXPECT_EQ("08P01", outcome.sqlstate) << length << ": " << outcome.message;
        EXPECT_TRUE(outcome.broken) << length;
        EXPECT_EQ(1u, outcome.rows) << length;
    }
}

TEST(SessionHostileTest, InvalidUtf8InValuesAndMessagesPassesThroughWithoutOverreading)
{
    // Values are bytes to the wire layer: the conversions (types/) decide
    // what invalid UTF-8 means; the engine hands them over untouched.
    std::string invalid = "\xff\xfe\xc3(\xe2\x82";
    std::vector<std::string> messages = SessionMessages();
    messages[6] = Row({invalid, "\xc0\x80"});
    messages[8] = ErrorMessage('E', "22P02", "bad \xff\xc3 input " + invalid);
    Outcome outcome = RunSession(Join(messages));
    EXPECT_EQ("22P02", outcome.sqlstate);
    EXPECT_NE(std::string::npos, outcome.message.find("bad \xff\xc3 input")) << outcome.message;
    EXPECT_FALSE(outcome.broken);
    EXPECT_EQ(2u, outcome.rows);
}

// Startup replies up to an authentication request, for the policy tests.
Outcome RunStartup(const std::string &bytes, std::string *written)
{
    struct memory_script script;
    memory_script_init(&script);
    EXPECT_EQ(0, memory_script_add(&script, bytes.data(), bytes.size()));
    struct connect_params params;
    EXPECT_EQ(0, params_init(&params));
    EXPECT_EQ(0, params_set_string(&params.user, "user", 4));
    EXPECT_EQ(0, secret_set(&params.password, "pencil", 6));
    params.ssl.mode = PARAMS_SSL_DISABLE;
    struct notice_sink sink = {IgnoreNotice, nullptr};
    struct deadline deadline = deadline_after_ms(10000);
    struct error error;
    error_init(&error);
    struct wire_conn *conn = nullptr;
    Outcome outcome;
    if (wire_connect_over_stream(memory_stream_new(&script), &params, &deadline, false, &sink,
                                 &conn, &error) != 0) {
        outcome.sqlstate = error.sqlstate;
        outcome.message = error.message;
    } else {
        outcome.connected = true;
    }
    wire_conn_free(conn);
    written->assign(reinterpret_cast<const char *>(script.written), script.written_length);
    params_reset(&params);
    memory_script_reset(&script);
    return outcome;
}

TEST(SessionHostileTest, ScramPlusOfferedWithoutTlsIsRefusedWithoutSendingAnything)
{
    // Without TLS there is no channel to bind: SCRAM-SHA-256-PLUS alone
    // cannot be used, and no password material may leave.
    std::string written;
    Outcome outcome =
        RunStartup(Message('R', Bytes().I32(10).Str("SCRAM-SHA-256-PLUS").U8(0)), &written);
    EXPECT_EQ("08001", outcome.sqlstate) << outcome.message;
    EXPECT_NE(std::string::npos, outcome.message.find("SCRAM-SHA-256-PLUS")) << outcome.message;
    // Only the StartupMessage went out: no 'p' message.
    ASSERT_GE(written.size(), 4u);
    uint32_t startup_length = (static_cast<uint32_t>(static_cast<unsigned char>(written[0])) << 24) |
                              (static_cast<uint32_t>(static_cast<unsigned char>(written[1])) << 16) |
                              (static_cast<uint32_t>(static_cast<unsigned char>(written[2])) << 8) |
                              static_cast<uint32_t>(static_cast<unsigned char>(written[3]));
    EXPECT_EQ(startup_length, written.size());
    EXPECT_EQ(std::string::npos, written.find("pencil"));
}

TEST(SessionHostileTest, ADowngradeToCleartextAfterScramStartedIsRefused)
{
    // The server starts SCRAM, then asks for the cleartext password: a
    // second request is refused before the password is sent.
    std::string written;
    Outcome outcome = RunStartup(Message('R', Bytes().I32(10).Str("SCRAM-SHA-256").U8(0)) +
                                     Message('R', Bytes().I32(3)),
                                 &written);
    EXPECT_EQ("08P01", outcome.sqlstate) << outcome.message;
    EXPECT_EQ(std::string::npos, written.find("pencil"));
}

// A real socket whose peer sends the startup replies, then reads what the
// engine sends and never answers.
class SilentServerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        int fds[2];
        ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
        server_fd_ = fds[1];
        std::string startup = AuthOk() + ParameterStatus("server_version", "15.4") +
                              BackendKey(4242, 99) + Ready('I');
        ASSERT_EQ(static_cast<ssize_t>(startup.size()),
                  write(server_fd_, startup.data(), startup.size()));
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "user", 4));
        params_.ssl.mode = PARAMS_SSL_DISABLE;
        struct error error;
        error_init(&error);
        struct net_stream *stream = nullptr;
        ASSERT_EQ(0, net_adopt_socket(fds[0], false, &stream, &error)) << error.message;
        struct notice_sink sink = {IgnoreNotice, nullptr};
        struct deadline deadline = deadline_after_ms(10000);
        ASSERT_EQ(0, wire_connect_over_stream(stream, &params_, &deadline, false, &sink, &conn_,
                                              &error))
            << error.message;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        params_reset(&params_);
        if (server_fd_ >= 0) {
            close(server_fd_);
        }
    }
    // Sends Parse and Sync, then waits for the answer that never comes.
    std::pair<std::string, int64_t> WaitForTheSync()
    {
        struct error error;
        error_init(&error);
        EXPECT_EQ(0, wire_queue_parse(conn_, "", "SELECT 1", 8, nullptr, 0, &error));
        EXPECT_EQ(0, wire_queue_sync(conn_, &error));
        auto start = std::chrono::steady_clock::now();
        struct wire_event event;
        int rc = wire_next_event(conn_, &event, &error);
        auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
        EXPECT_EQ(-1, rc);
        return {error.sqlstate, static_cast<int64_t>(elapsed)};
    }

    int server_fd_ = -1;
    struct connect_params params_;
    struct wire_conn *conn_ = nullptr;
};

TEST_F(SilentServerTest, ServerNeverAnsweringSyncIsBoundedByTheQueryTimeout)
{
    wire_conn_set_query_timeout(conn_, 300);
    auto [sqlstate, elapsed_ms] = WaitForTheSync();
    // No cancel key can reach an unnamed socket's peer: the engine gives up.
    EXPECT_TRUE(sqlstate == "HYT00" || sqlstate == "08S01") << sqlstate;
    EXPECT_GE(elapsed_ms, 250);
    EXPECT_LE(elapsed_ms, 300 + 1000 + 200);
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

TEST_F(SilentServerTest, ServerNeverAnsweringSyncIsBoundedByTheConnectionTimeout)
{
    wire_conn_set_connection_timeout(conn_, 300);
    auto [sqlstate, elapsed_ms] = WaitForTheSync();
    EXPECT_EQ("HYT01", sqlstate);
    EXPECT_GE(elapsed_ms, 250);
    EXPECT_LE(elapsed_ms, 300 + 1000);
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

}  // namespace
