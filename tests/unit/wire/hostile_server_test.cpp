// The engine against a scripted server through an in-memory stream:
// a full startup and simple query, then malformed, oversized, lying and
// out-of-order variants. Every failure must be an error (08P01 for
// protocol violations, with the connection broken), never a crash.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "message_builder.h"

extern "C" {
#include "support/memory_stream.h"
#include "params/connect_params.h"
#include "util/deadline.h"
#include "util/error.h"
#include "wire/conn.h"
#include "wire/conn_internal.h"
}

namespace {

void CollectNotice(void *context, const struct error *notice)
{
    static_cast<std::vector<struct error> *>(context)->push_back(*notice);
}

std::string Startup()
{
    return AuthOk() + ParameterStatus("server_version", "15.4 (Debian 15.4-1)") +
           ParameterStatus("client_encoding", "UTF8") + BackendKey(4242, 99) + Ready('I');
}

class HostileServerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        memory_script_init(&script_);
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "user", 4));
        params_.ssl.mode = PARAMS_SSL_DISABLE;
        error_init(&error_);
        sink_.emit = CollectNotice;
        sink_.context = &notices_;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        EXPECT_TRUE(script_.is_closed || stream_never_made_);
        params_reset(&params_);
        memory_script_reset(&script_);
    }
    void Serve(const std::string &bytes)
    {
        ASSERT_EQ(0, memory_script_add(&script_, bytes.data(), bytes.size()));
    }
    int Connect(bool negotiate_tls = false)
    {
        struct net_stream *stream = memory_stream_new(&script_);
        EXPECT_NE(nullptr, stream);
        struct deadline deadline = deadline_after_ms(10000);
        return wire_connect_over_stream(stream, &params_, &deadline, negotiate_tls, &sink_,
                                        &conn_, &error_);
    }
    std::string Written() const
    {
        return std::string(reinterpret_cast<const char *>(script_.written), script_.written_length);
    }
    void ConnectOk()
    {
        Serve(Startup());
        ASSERT_EQ(0, Connect()) << error_.sqlstate << " " << error_.message;
        ASSERT_NE(nullptr, conn_);
    }
    void SendQuery(const char *sql)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_send_simple_query(conn_, sql, strlen(sql), &error_)) << error_.message;
    }
    int Next()
    {
        error_init(&error_);
        return wire_next_event(conn_, &event_, &error_);
    }
    void ExpectBrokenWith(const char *sqlstate)
    {
        EXPECT_STREQ(sqlstate, error_.sqlstate) << error_.message;
        EXPECT_TRUE(wire_conn_is_broken(conn_));
        struct error later;
        error_init(&later);
        EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 1", 8, &later));
        EXPECT_STREQ("08S01", later.sqlstate);
        EXPECT_NE(nullptr, strstr(later.message, "the connection is broken: "));
        error_init(&later);
        EXPECT_EQ(-1, wire_next_event(conn_, &event_, &later));
        EXPECT_STREQ("08S01", later.sqlstate);
    }
    void ExpectConnectFailsWith(const char *sqlstate)
    {
        EXPECT_EQ(-1, Connect());
        EXPECT_EQ(nullptr, conn_);
        EXPECT_STREQ(sqlstate, error_.sqlstate) << error_.message;
    }

    struct memory_script script_;
    struct connect_params params_;
    struct error error_;
    struct notice_sink sink_;
    std::vector<struct error> notices_;
    struct wire_conn *conn_ = nullptr;
    struct wire_event event_;
    bool stream_never_made_ = false;
};

TEST_F(HostileServerTest, FullStartupThenSimpleQuery)
{
    ConnectOk();
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_FALSE(wire_conn_has_tls(conn_));
    EXPECT_EQ(4242, wire_conn_backend_pid(conn_));
    EXPECT_EQ(150004, wire_conn_server_version(conn_));
    EXPECT_STREQ("UTF8", wire_conn_parameter_status(conn_, "client_encoding"));
    EXPECT_EQ(nullptr, wire_conn_parameter_status(conn_, "nope"));
    EXPECT_EQ('I', wire_conn_transaction_status(conn_));
    // The client sent a StartupMessage (protocol 3.0) naming the user.
    std::string written = Written();
    ASSERT_GE(written.size(), 8u);
    EXPECT_EQ(std::string("\x00\x03\x00\x00", 4), written.substr(4, 4));
    EXPECT_NE(std::string::npos, written.find(std::string("user\0user\0", 10)));

    Serve(RowDescription("a", "b") + Message('D', Bytes().I16(2).I32(1).Raw("1").I32(-1)) +
          Message('D', Bytes().I16(2).I32(2).Raw("22").I32(1).Raw("x")) +
          Message('C', Bytes().Str("SELECT 2")) + Ready('T'));
    SendQuery("SELECT a, b FROM t");
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    EXPECT_NE(std::string::npos, Written().find(std::string("Q\0\0\0\x17SELECT a, b FROM t\0", 24)));

    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_ROW_DESCRIPTION, event_.kind);
    ASSERT_EQ(2u, event_.column_count);
    EXPECT_STREQ("a", event_.columns[0].name);
    EXPECT_STREQ("b", event_.columns[1].name);
    EXPECT_EQ(23u, event_.columns[1].type_oid);

    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
    ASSERT_EQ(2u, event_.value_count);
    const struct wire_value *first_values = event_.values;
    EXPECT_EQ("1", std::string(reinterpret_cast<const char *>(event_.values[0].data),
                               event_.values[0].length_bytes));
    EXPECT_TRUE(event_.values[1].is_null);
    // Column names outlive the frame buffer.
    EXPECT_STREQ("a", event_.columns[0].name);

    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
    EXPECT_EQ(first_values, event_.values);  // one array reused: nothing allocated per row
    EXPECT_EQ("22", std::string(reinterpret_cast<const char *>(event_.values[0].data), 2));
    EXPECT_EQ("x", std::string(reinterpret_cast<const char *>(event_.values[1].data), 1));
    EXPECT_STREQ("b", event_.columns[1].name);

    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_COMMAND_COMPLETE, event_.kind);
    EXPECT_STREQ("SELECT 2", event_.command_tag);

    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_READY, event_.kind);
    EXPECT_EQ('T', event_.transaction_status);
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));

    size_t before_free = script_.written_length;
    wire_conn_free(conn_);
    conn_ = nullptr;
    EXPECT_TRUE(script_.is_closed);
    std::string terminate = Written().substr(before_free);
    EXPECT_EQ(std::string("X\0\0\0\x04", 5), terminate);
}

TEST_F(HostileServerTest, MessagesArrivingOneByteAtATimeAreAssembled)
{
    script_.max_read_chunk = 1;
    ConnectOk();
    Serve(RowDescription("a", "b") + Message('D', Bytes().I16(2).I32(3).Raw("abc").I32(-1)) +
          Message('C', Bytes().Str("SELECT 1")) + Ready('I'));
    SendQuery("SELECT 1");
    ASSERT_EQ(0, Next());
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
    EXPECT_EQ("abc", std::string(reinterpret_cast<const char *>(event_.values[0].data), 3));
    ASSERT_EQ(0, wire_drain_to_ready(conn_, &error_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(HostileServerTest, NoticesParameterStatusAndNotificationsAreAcceptedAnywhere)
{
    Serve(Message('N', Bytes().U8('S').Str("NOTICE").U8('C').Str("00000").U8('M').Str("hello")
                           .U8(0)) +
          AuthOk() + Message('A', Bytes().I32(1).Str("chan").Str("payload")) + Ready('I'));
    ASSERT_EQ(0, Connect()) << error_.message;
    ASSERT_EQ(1u, notices_.size());
    EXPECT_STREQ("hello", notices_[0].message);
    EXPECT_EQ(ERROR_ORIGIN_SERVER, notices_[0].origin);
    Serve(ParameterStatus("TimeZone", "UTC") +
          Message('N', Bytes().U8('C').Str("01000").U8('M').Str("careful").U8(0)) +
          Message('I', Bytes()) + ParameterStatus("TimeZone", "Europe/Paris") + Ready('I'));
    SendQuery("");
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_EMPTY_QUERY, event_.kind);
    EXPECT_STREQ("UTC", wire_conn_parameter_status(conn_, "TimeZone"));
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_READY, event_.kind);
    EXPECT_STREQ("Europe/Paris", wire_conn_parameter_status(conn_, "TimeZone"));
    ASSERT_EQ(2u, notices_.size());
    EXPECT_STREQ("01000", notices_[1].sqlstate);
}

TEST_F(HostileServerTest, ServerErrorFailsTheStatementAndTheConnectionLives)
{
    ConnectOk();
    Serve(ErrorMessage('E', "42P01", "relation \"nope\" does not exist") + Ready('I'));
    SendQuery("SELECT * FROM nope");
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_SERVER_ERROR, event_.kind);
    EXPECT_STREQ("42P01", error_.sqlstate);
    EXPECT_EQ(ERROR_ORIGIN_SERVER, error_.origin);
    EXPECT_STREQ("relation \"nope\" does not exist", error_.message);
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_READY, event_.kind);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(HostileServerTest, SendingWhileBusyIsASequenceError)
{
    ConnectOk();
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 2", 8, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(HostileServerTest, PullingWhileIdleIsASequenceError)
{
    ConnectOk();
    EXPECT_EQ(-1, Next());
    EXPECT_STREQ("HY010", error_.sqlstate);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(HostileServerTest, SqlWithNulIsRefusedBeforeSending)
{
    ConnectOk();
    size_t before = script_.written_length;
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 1\0x", 10, &error_));
    EXPECT_STREQ("22021", error_.sqlstate);
    EXPECT_EQ(before, script_.written_length);
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(HostileServerTest, ColumnCountMismatchFailsTheStatementOnly)
{
    ConnectOk();
    Serve(RowDescription("a", "b") + Message('D', Bytes().I16(1).I32(1).Raw("1")) +
          Message('D', Bytes().I16(2).I32(1).Raw("1").I32(1).Raw("2")) +
          Message('C', Bytes().Str("SELECT 2")) + Ready('I'));
    SendQuery("SELECT 1");
    ASSERT_EQ(0, Next());
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_SERVER_ERROR, event_.kind);
    EXPECT_STREQ("08P01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "1 columns for a result of 2"));
    ASSERT_EQ(0, Next());  // the remaining row is discarded
    EXPECT_EQ(WIRE_EVENT_COMMAND_COMPLETE, event_.kind);
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_READY, event_.kind);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(HostileServerTest, NegativeValueLengthBreaksTheConnection)
{
    ConnectOk();
    Serve(RowDescription("a", "b") + Message('D', Bytes().I16(2).I32(-2).I32(-1)) + Ready('I'));
    SendQuery("SELECT 1");
    ASSERT_EQ(0, Next());
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, DataRowWithoutRowDescriptionBreaksTheConnection)
{
    ConnectOk();
    Serve(Message('D', Bytes().I16(0)) + Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, LengthBelowFourBreaksTheConnection)
{
    ConnectOk();
    Serve(MessageWithLength('C', 3, Bytes()) + Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
    EXPECT_NE(nullptr, strstr(error_.message, "lost synchronization"));
}

TEST_F(HostileServerTest, LyingLengthSwallowingTheNextMessageBreaksTheConnection)
{
    ConnectOk();
    // CommandComplete claims more bytes than its string: the tag's NUL is
    // followed by the start of ReadyForQuery, which is then leftover.
    Serve(MessageWithLength('C', 4 + 9 + 3, Bytes().Str("SELECT 1")) + Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, MessageAboveItsCapIsRefusedBeforeReadingItsBody)
{
    ConnectOk();
    wire_conn_set_large_message_max(conn_, 1000);
    std::string huge(5000, 'x');
    Serve(RowDescription("a", "b") + MessageWithLength('D', 5004, Bytes().Raw(huge)));
    script_.max_read_chunk = 64;
    SendQuery("SELECT 1");
    ASSERT_EQ(0, Next());
    size_t offset_before = script_.incoming_offset;
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
    EXPECT_LE(script_.incoming_offset - offset_before, 64u);
    EXPECT_NE(nullptr, strstr(error_.message, "at most 1000"));
}

TEST_F(HostileServerTest, LargeRowIsAssembledAcrossManyReads)
{
    ConnectOk();
    std::string big(3 * 1024 * 1024 + 17, 'v');
    Serve(RowDescription("a", "b") +
          Message('D', Bytes().I16(2).I32(static_cast<int32_t>(big.size())).Raw(big).I32(-1)) +
          Message('C', Bytes().Str("SELECT 1")) + Ready('I'));
    script_.max_read_chunk = 65536;
    SendQuery("SELECT 1");
    ASSERT_EQ(0, Next());
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
    ASSERT_EQ(big.size(), event_.values[0].length_bytes);
    EXPECT_EQ(0, memcmp(big.data(), event_.values[0].data, big.size()));
    ASSERT_EQ(0, wire_drain_to_ready(conn_, &error_));
}

TEST_F(HostileServerTest, LyingHugeLengthDoesNotReserveItsSizeUpFront)
{
    ConnectOk();
    Serve(RowDescription("a", "b") +
          MessageWithLength('D', 1000 * 1000 * 1000, Bytes().I16(2).Raw(std::string(100, 'x'))));
    SendQuery("SELECT 1");
    ASSERT_EQ(0, Next());
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08S01");
    EXPECT_LT(conn_->in.capacity, 4u * 1024u * 1024u);
}

TEST_F(HostileServerTest, LargeMessagesAreCappedSmallWhileConnecting)
{
    Serve(MessageWithLength('N', 2 * 1024 * 1024, Bytes()));
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, ReadyForQueryWithAnOversizedBodyIsRefused)
{
    ConnectOk();
    Serve(MessageWithLength('Z', 100000, Bytes().U8('I')));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, UnexpectedMessageTypeIsAProtocolViolation)
{
    ConnectOk();
    Serve(BackendKey(1, 2) + Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
    EXPECT_NE(nullptr, strstr(error_.message, "BackendKeyData"));
}

TEST_F(HostileServerTest, UnknownMessageTypeIsAProtocolViolation)
{
    ConnectOk();
    Serve(Message('!', Bytes().Raw("junk")) + Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, BadTransactionStatusIsAProtocolViolation)
{
    ConnectOk();
    Serve(Ready('Q'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, ServerClosingMidMessageBreaksTheConnectionWith08S01)
{
    ConnectOk();
    std::string row = RowDescription("a", "b");
    Serve(row.substr(0, row.size() - 3));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08S01");
}

TEST_F(HostileServerTest, WriteFailureBreaksTheConnectionWith08S01)
{
    ConnectOk();
    script_.fail_writes = true;
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 1", 8, &error_));
    ExpectBrokenWith("08S01");
    EXPECT_NE(nullptr, strstr(error_.message, "broken pipe"));
}

TEST_F(HostileServerTest, TimeoutBreaksTheConnectionWith08S01)
{
    ConnectOk();
    conn_->has_timeout = true;
    conn_->timeout_ms = 0;  // every read finds its deadline already passed
    Serve(Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08S01");
    EXPECT_NE(nullptr, strstr(error_.message, "timed out"));
}

TEST_F(HostileServerTest, BrokenConnectionIsFreedWithoutTerminate)
{
    ConnectOk();
    Serve(MessageWithLength('D', 0, Bytes()));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    size_t before = script_.written_length;
    wire_conn_free(conn_);
    conn_ = nullptr;
    EXPECT_EQ(before, script_.written_length);
}

TEST_F(HostileServerTest, CopyFromStdinIsRefusedWithCopyFail)
{
    ConnectOk();
    Serve(Message('G', Bytes().U8(0).I16(1).I16(0)) +
          ErrorMessage('E', "57014", "COPY from stdin failed") + Ready('I'));
    SendQuery("COPY t FROM STDIN");
    size_t before = script_.written_length;
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_COPY_REFUSED, event_.kind);
    EXPECT_STREQ("0A000", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "COPY FROM STDIN is not supported by pgodbc yet"));
    std::string copy_fail = Written().substr(before);
    EXPECT_EQ('f', copy_fail[0]);
    EXPECT_NE(std::string::npos, copy_fail.find("COPY FROM STDIN is not supported by pgodbc yet"));
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_SERVER_ERROR, event_.kind);
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_READY, event_.kind);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(HostileServerTest, CopyToStdoutDataIsDiscarded)
{
    ConnectOk();
    Serve(Message('H', Bytes().U8(0).I16(1).I16(0)) + Message('d', Bytes().Raw("1\n")) +
          Message('d', Bytes().Raw("2\n")) + Message('c', Bytes()) +
          Message('C', Bytes().Str("COPY 2")) + Ready('I'));
    SendQuery("COPY t TO STDOUT");
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_COPY_REFUSED, event_.kind);
    EXPECT_STREQ("0A000", error_.sqlstate);
    ASSERT_EQ(0, Next());
    ASSERT_EQ(WIRE_EVENT_COMMAND_COMPLETE, event_.kind);
    EXPECT_STREQ("COPY 2", event_.command_tag);
    ASSERT_EQ(0, Next());
    EXPECT_EQ(WIRE_EVENT_READY, event_.kind);
}

TEST_F(HostileServerTest, RowsInTheMiddleOfCopyDataAreAProtocolViolation)
{
    ConnectOk();
    Serve(Message('H', Bytes().U8(0).I16(0)) + RowDescription("a", "b") + Ready('I'));
    SendQuery("COPY t TO STDOUT");
    ASSERT_EQ(0, Next());
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, CopyDataOutsideCopyIsAProtocolViolation)
{
    ConnectOk();
    Serve(Message('d', Bytes().Raw("x")) + Ready('I'));
    SendQuery("SELECT 1");
    EXPECT_EQ(-1, Next());
    ExpectBrokenWith("08P01");
}

TEST_F(HostileServerTest, DrainSkipsRowsAndErrorsUpToReady)
{
    ConnectOk();
    Serve(RowDescription("a", "b") + Message('D', Bytes().I16(2).I32(-1).I32(-1)) +
          ErrorMessage('E', "22012", "division by zero") + Ready('E'));
    SendQuery("SELECT 1/0");
    ASSERT_EQ(0, wire_drain_to_ready(conn_, &error_));
    EXPECT_FALSE(error_is_set(&error_));
    EXPECT_EQ('E', wire_conn_transaction_status(conn_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

// ---- Startup and authentication ----

TEST_F(HostileServerTest, CleartextPasswordIsSent)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(3)) + Startup());
    ASSERT_EQ(0, Connect()) << error_.message;
    EXPECT_NE(std::string::npos, Written().find(std::string("p\0\0\0\x0bpencil\0", 12)));
}

TEST_F(HostileServerTest, Md5PasswordIsHashedWithUserAndSalt)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(5).U8(1).U8(2).U8(3).U8(4)) + Startup());
    ASSERT_EQ(0, Connect()) << error_.message;
    EXPECT_NE(std::string::npos, Written().find("md54376eb6913b38f9aaff38dc7cf19ca76"));
    EXPECT_EQ(std::string::npos, Written().find("pencil"));
}

TEST_F(HostileServerTest, Md5SaltNotFourBytesIsRefusedBeforeAnswering)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(5).U8(1).U8(2).U8(3)) + Startup());
    ExpectConnectFailsWith("08P01");
    EXPECT_EQ(std::string::npos, Written().find('p'));
}

TEST_F(HostileServerTest, PasswordRequestWithoutPasswordNamesTheMethodAndPwd)
{
    Serve(Message('R', Bytes().I32(3)) + Startup());
    ExpectConnectFailsWith("08001");
    EXPECT_NE(nullptr, strstr(error_.message, "cleartext password"));
    EXPECT_NE(nullptr, strstr(error_.message, "PWD was not given"));
    Serve(std::string());
}

TEST_F(HostileServerTest, UnsupportedMethodsAreNamed)
{
    struct Case {
        int32_t code;
        const char *name;
    } cases[] = {{2, "Kerberos"}, {6, "SCM"}, {7, "GSSAPI"}, {8, "GSSAPI"}, {9, "SSPI"}};
    for (const Case &c : cases) {
        memory_script_reset(&script_);
        memory_script_init(&script_);
        error_init(&error_);
        Serve(Message('R', Bytes().I32(c.code)) + Startup());
        ExpectConnectFailsWith("08001");
        EXPECT_NE(nullptr, strstr(error_.message, c.name)) << error_.message;
        EXPECT_NE(nullptr, strstr(error_.message, "does not support")) << error_.message;
    }
}

TEST_F(HostileServerTest, SaslWithOnlyUnknownMechanismsNamesTheOffered)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(10).Str("FANCY-MECH").Str("OTHER").U8(0)) + Startup());
    ExpectConnectFailsWith("08001");
    EXPECT_NE(nullptr, strstr(error_.message, "FANCY-MECH, OTHER"));
}

TEST_F(HostileServerTest, UnknownSaslMechanismsAreIgnoredAndScramChosen)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    // Without TLS the -PLUS variant is never chosen; the server then stops.
    Serve(Message('R', Bytes().I32(10).Str("FANCY").Str("SCRAM-SHA-256-PLUS").Str("SCRAM-SHA-256")
                           .U8(0)));
    EXPECT_EQ(-1, Connect());
    std::string written = Written();
    size_t at = written.find(std::string("SCRAM-SHA-256\0", 14));
    ASSERT_NE(std::string::npos, at);
    EXPECT_EQ(std::string("n,,n=,r=", 8), written.substr(at + 14 + 4, 8));
}

TEST_F(HostileServerTest, AuthenticationOkBeforeScramCompletesIsRefused)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(10).Str("SCRAM-SHA-256").U8(0)) + Startup());
    ExpectConnectFailsWith("08P01");
    EXPECT_NE(nullptr, strstr(error_.message, "AuthenticationOk"));
}

TEST_F(HostileServerTest, SaslContinueWithForgedNonceIsRefused)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(10).Str("SCRAM-SHA-256").U8(0)) +
          Message('R', Bytes().I32(11).Raw("r=forged-nonce-xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")) +
          Startup());
    ExpectConnectFailsWith("08P01");
    EXPECT_NE(nullptr, strstr(error_.message, "nonce"));
}

TEST_F(HostileServerTest, SaslContinueWithoutSaslIsRefused)
{
    Serve(Message('R', Bytes().I32(11).Raw("r=x,s=eA==,i=1")) + Startup());
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, SecondPasswordRequestIsRefused)
{
    ASSERT_EQ(0, secret_set(&params_.password, "pencil", 6));
    Serve(Message('R', Bytes().I32(3)) + Message('R', Bytes().I32(3)) + Startup());
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, StartupErrorKeepsTheServersSqlstateAndMessage)
{
    Serve(Message('E', Bytes().U8('S').Str("FATAL").U8('V').Str("FATAL").U8('C').Str("28P01")
                           .U8('M').Str("password authentication failed for user \"user\"")
                           .U8(0)));
    ExpectConnectFailsWith("28P01");
    EXPECT_EQ(ERROR_ORIGIN_SERVER, error_.origin);
    EXPECT_STREQ("password authentication failed for user \"user\"", error_.message);
    EXPECT_STREQ("FATAL", error_.severity);
}

TEST_F(HostileServerTest, NegotiateProtocolVersionNamesTheOptions)
{
    Serve(Message('v', Bytes().I32(0).I32(1).Str("_pq_.magic")) + Startup());
    ExpectConnectFailsWith("08001");
    EXPECT_NE(nullptr, strstr(error_.message, "_pq_.magic"));
}

TEST_F(HostileServerTest, ReadyForQueryBeforeAuthenticationIsAProtocolViolation)
{
    Serve(Ready('I'));
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, BackendKeyDataOfWrongSizeIsAProtocolViolation)
{
    Serve(AuthOk() + Message('K', Bytes().I32(1)) + Ready('I'));
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, LengthBelowFourDuringStartupIsLostSync)
{
    Serve(MessageWithLength('R', 2, Bytes()));
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, OversizedAuthenticationMessageIsRefused)
{
    Serve(MessageWithLength('R', 1 << 30, Bytes().I32(10)));
    ExpectConnectFailsWith("08P01");
}

TEST_F(HostileServerTest, ServerClosingDuringStartupIs08001)
{
    std::string startup = Startup();
    Serve(startup.substr(0, startup.size() - 2));
    ExpectConnectFailsWith("08001");
}

TEST_F(HostileServerTest, GarbageStreamNeverCrashes)
{
    // Deterministic pseudo-random bytes: every outcome must be an error.
    uint32_t state = 12345;
    for (int round = 0; round < 200; round++) {
        memory_script_reset(&script_);
        memory_script_init(&script_);
        error_init(&error_);
        std::string junk = AuthOk();
        int length = 1 + static_cast<int>(state % 64);
        for (int i = 0; i < length; i++) {
            state = state * 1103515245u + 12345u;
            junk.push_back(static_cast<char>(state >> 16));
        }
        Serve(junk);
        int result = Connect();
        if (result == 0) {
            wire_conn_free(conn_);
            conn_ = nullptr;
        } else {
            EXPECT_TRUE(error_is_set(&error_));
        }
    }
}

// ---- SSLRequest over the memory stream ----

TEST_F(HostileServerTest, PreferFallsBackToPlainWhenTheServerAnswersN)
{
    params_.ssl.mode = PARAMS_SSL_PREFER;
    Serve("N" + Startup());
    ASSERT_EQ(0, Connect(true)) << error_.message;
    EXPECT_FALSE(wire_conn_has_tls(conn_));
    EXPECT_EQ(std::string("\0\0\0\x08\x04\xd2\x16\x2f", 8), Written().substr(0, 8));
    EXPECT_EQ(std::string("\x00\x03\x00\x00", 4), Written().substr(12, 4));
}

TEST_F(HostileServerTest, RequireFailsWhenTheServerAnswersN)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    Serve("N" + Startup());
    EXPECT_EQ(-1, Connect(true));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "the server does not support TLS but SSLMode=require"));
}

TEST_F(HostileServerTest, BytesAfterTheSslAcceptanceAreRefused)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    Serve("S" + Startup());  // plaintext injected before the handshake
    EXPECT_EQ(-1, Connect(true));
    EXPECT_STREQ("08P01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "unencrypted bytes"));
    EXPECT_EQ(1u, script_.incoming_offset);  // only the answer byte was read
}

TEST_F(HostileServerTest, UnknownSslAnswerIsAProtocolViolation)
{
    params_.ssl.mode = PARAMS_SSL_PREFER;
    Serve("E" + Startup());
    EXPECT_EQ(-1, Connect(true));
    EXPECT_STREQ("08P01", error_.sqlstate);
}

}  // namespace
