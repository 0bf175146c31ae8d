// Internal commands and wire_run_command against a scripted server
// (in-memory stream): the bytes an internal command puts on the wire in
// order with a statement's messages, its replies consumed without events,
// the statement's events unchanged around it, its errors reported like any
// other and skipping to the Sync, replies it must not get (08P01), and the
// synchronous command with its tag and its first error.
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

using Events = std::vector<std::string>;

std::string Empty(char type) { return Message(type, Bytes()); }
std::string ParseComplete() { return Empty('1'); }
std::string BindComplete() { return Empty('2'); }
std::string Complete(const std::string &tag) { return Message('C', Bytes().Str(tag)); }
std::string Row(const std::vector<std::string> &values)
{
    Bytes body;
    body.I16(static_cast<int16_t>(values.size()));
    for (const std::string &value : values) {
        body.I32(static_cast<int32_t>(value.size())).Raw(value);
    }
    return Message('D', body);
}
// The three replies an internal command gets when it succeeds.
// A RowDescription of a portal bound with binary results: the server puts
// the format in each column.
std::string BinaryRowDescription()
{
    Bytes body;
    body.I16(2);
    for (const char *name : {"a", "b"}) {
        body.Str(name).I32(0).I16(0).I32(23).I16(4).I32(-1).I16(1);
    }
    return Message('T', body);
}
std::string InternalOk(const std::string &tag)
{
    return ParseComplete() + BindComplete() + Complete(tag);
}

// Frontend messages as the engine must write them.
std::string ParseBytes(const std::string &sql)
{
    return Message('P', Bytes().Str("").Str(sql).I16(0));
}
std::string BindBytes() { return Message('B', Bytes().Str("").Str("").I16(0).I16(0).I16(0)); }
std::string ExecuteBytes() { return Message('E', Bytes().Str("").I32(0)); }
std::string InternalBytes(const std::string &sql)
{
    return ParseBytes(sql) + BindBytes() + ExecuteBytes();
}
std::string SyncBytes() { return Message('S', Bytes()); }
std::string FlushBytes() { return Message('H', Bytes()); }

class InternalCommandTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        memory_script_init(&script_);
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "user", 4));
        params_.ssl.mode = PARAMS_SSL_DISABLE;
        error_init(&error_);
        Serve(AuthOk() + ParameterStatus("server_version", "15.4") + BackendKey(4242, 99) +
              Ready('I'));
        struct net_stream *stream = memory_stream_new(&script_);
        ASSERT_NE(nullptr, stream);
        struct deadline deadline = deadline_after_ms(10000);
        ASSERT_EQ(0, wire_connect_over_stream(stream, &params_, &deadline, false, nullptr, &conn_,
                                              &error_))
            << error_.message;
        startup_written_ = script_.written_length;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        params_reset(&params_);
        memory_script_reset(&script_);
    }
    void Serve(const std::string &bytes)
    {
        ASSERT_EQ(0, memory_script_add(&script_, bytes.data(), bytes.size()));
    }
    std::string Written() const
    {
        return std::string(reinterpret_cast<const char *>(script_.written) + startup_written_,
                           script_.written_length - startup_written_);
    }
    void Internal(const char *sql)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_internal_command(conn_, sql, strlen(sql), &error_))
            << error_.message;
    }
    void Parse(const char *sql)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_parse(conn_, "", sql, strlen(sql), nullptr, 0, &error_));
    }
    void Bind(std::vector<int16_t> formats = {})
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_bind(conn_, "", "", nullptr, 0, formats.data(), formats.size(),
                                     &error_));
    }
    void DescribePortal()
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_describe_portal(conn_, "", &error_));
    }
    void Execute()
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_execute(conn_, "", 0, &error_));
    }
    void Sync()
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_sync(conn_, &error_)) << error_.message;
    }
    void Flush()
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_flush(conn_, &error_)) << error_.message;
    }
    std::string NextEvent()
    {
        error_init(&error_);
        if (wire_next_event(conn_, &event_, &error_) != 0) {
            return std::string("failed:") + error_.sqlstate;
        }
        switch (event_.kind) {
        case WIRE_EVENT_ROW_DESCRIPTION: return "columns:" + std::to_string(event_.column_count);
        case WIRE_EVENT_NO_DATA: return "nodata";
        case WIRE_EVENT_DATA_ROW: {
            std::string row = "row:";
            for (size_t i = 0; i < event_.value_count; i++) {
                const struct wire_value &value = event_.values[i];
                row += (i > 0 ? "|" : "") +
                       std::string(reinterpret_cast<const char *>(value.data),
                                   value.length_bytes);
            }
            return row;
        }
        case WIRE_EVENT_COMMAND_COMPLETE: return std::string("complete:") + event_.command_tag;
        case WIRE_EVENT_EMPTY_QUERY: return "empty";
        case WIRE_EVENT_SERVER_ERROR: return std::string("error:") + error_.sqlstate;
        case WIRE_EVENT_COPY_REFUSED: return "copy-refused";
        case WIRE_EVENT_READY: return std::string("ready:") + event_.transaction_status;
        case WIRE_EVENT_PARSE_COMPLETE: return "parsed";
        case WIRE_EVENT_BIND_COMPLETE: return "bound";
        case WIRE_EVENT_CLOSE_COMPLETE: return "closed";
        case WIRE_EVENT_PARAMETER_DESCRIPTION: return "params";
        case WIRE_EVENT_PORTAL_SUSPENDED: return "suspended";
        }
        return "?";
    }
    Events UntilReady()
    {
        Events events;
        for (int i = 0; i < 100; i++) {
            events.push_back(NextEvent());
            if (events.back().rfind("ready:", 0) == 0 || events.back().rfind("failed:", 0) == 0) {
                break;
            }
        }
        return events;
    }

    struct memory_script script_;
    struct connect_params params_;
    struct error error_;
    struct wire_event event_;
    struct wire_conn *conn_ = nullptr;
    size_t startup_written_ = 0;
};

TEST_F(InternalCommandTest, GoesOutInOrderWithTheStatementInOneWrite)
{
    Internal("BEGIN");
    Parse("SELECT 1");
    Bind();
    Execute();
    Internal("RELEASE SAVEPOINT s");
    EXPECT_EQ("", Written());  // queueing never writes
    Sync();
    EXPECT_EQ(InternalBytes("BEGIN") + ParseBytes("SELECT 1") + BindBytes() + ExecuteBytes() +
                  InternalBytes("RELEASE SAVEPOINT s") + SyncBytes(),
              Written());
}

TEST_F(InternalCommandTest, ItsRepliesAreConsumedAndTheStatementsEventsAreUnchanged)
{
    Serve(InternalOk("BEGIN") + ParseComplete() + BindComplete() + RowDescription("a", "b") +
          Row({"1", "x"}) + Complete("SELECT 1") + InternalOk("RELEASE") + Ready('T'));
    Internal("BEGIN");
    Parse("SELECT 1");
    Bind();
    DescribePortal();
    Execute();
    Internal("RELEASE SAVEPOINT s");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "columns:2", "row:1|x", "complete:SELECT 1", "ready:T"}),
              UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
}

TEST_F(InternalCommandTest, AResumedPortalKeepsItsBinaryFormatsAcrossAnInternalCommand)
{
    // A named portal suspended, an internal command, the portal resumed:
    // the internal Bind must not reset the formats its rows arrive in.
    Serve(BindComplete() + BinaryRowDescription() + Row({"1", "2"}) + Empty('s') +
          InternalOk("SAVEPOINT") + Row({"3", "4"}) + Empty('s') + Ready('T'));
    const int16_t binary[] = {1};
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_bind(conn_, "p", "s", nullptr, 0, binary, 1, &error_));
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_portal(conn_, "p", &error_));
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_execute(conn_, "p", 1, &error_));
    Internal("SAVEPOINT s");
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_execute(conn_, "p", 1, &error_));
    Sync();
    EXPECT_EQ((Events{"bound", "columns:2", "row:1|2", "suspended"}),
              (Events{NextEvent(), NextEvent(), NextEvent(), NextEvent()}));
    EXPECT_EQ("row:3|4", NextEvent());
    ASSERT_NE(nullptr, event_.columns);
    EXPECT_EQ(1, event_.columns[0].format_code);
    EXPECT_EQ(1, event_.columns[1].format_code);
    EXPECT_EQ((Events{"suspended", "ready:T"}), UntilReady());
}

TEST_F(InternalCommandTest, AnErrorInItIsReportedAndTheServerSkipsToTheSync)
{
    Serve(ErrorMessage('E', "25P02", "current transaction is aborted") + Ready('E'));
    Internal("SAVEPOINT s");
    Parse("INSERT ...");
    Bind();
    Execute();
    Internal("RELEASE SAVEPOINT s");
    Sync();
    EXPECT_EQ((Events{"error:25P02", "ready:E"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_EQ('E', wire_conn_transaction_status(conn_));
}

TEST_F(InternalCommandTest, AnErrorInTheStatementSkipsTheInternalCommandAfterIt)
{
    Serve(InternalOk("SAVEPOINT") + ParseComplete() + ErrorMessage('E', "23505", "duplicate") +
          Ready('E'));
    Internal("SAVEPOINT s");
    Parse("INSERT ...");
    Bind();
    Execute();
    Internal("RELEASE SAVEPOINT s");
    Sync();
    EXPECT_EQ((Events{"parsed", "error:23505", "ready:E"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(InternalCommandTest, AnErrorInItAfterAFlushMakesTheEngineSendTheSync)
{
    Serve(ErrorMessage('E', "42601", "syntax error") + Ready('I'));
    Internal("BEGIN ISOLATION LEVEL NONSENSE");
    Flush();
    EXPECT_EQ(InternalBytes("BEGIN ISOLATION LEVEL NONSENSE") + FlushBytes(), Written());
    EXPECT_EQ("error:42601", NextEvent());
    EXPECT_EQ((Events{"ready:I"}), UntilReady());
    EXPECT_EQ(InternalBytes("BEGIN ISOLATION LEVEL NONSENSE") + FlushBytes() + SyncBytes(),
              Written());
}

TEST_F(InternalCommandTest, RowsAndAnEmptyQueryOfAnInternalCommandAreDiscarded)
{
    Serve(ParseComplete() + BindComplete() + Row({"on"}) + Row({"off"}) + Complete("SHOW") +
          ParseComplete() + BindComplete() + Empty('I') + Ready('I'));
    Internal("SHOW transaction_read_only");
    Internal("-- nothing");
    Sync();
    EXPECT_EQ((Events{"ready:I"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(InternalCommandTest, InternalCommandsAloneWithoutSyncOweNoEvent)
{
    Serve(InternalOk("BEGIN"));
    Internal("BEGIN");
    Flush();
    EXPECT_EQ("failed:HY010", NextEvent());
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(InternalCommandTest, PortalSuspendedForAnInternalExecuteBreaksTheConnection)
{
    Serve(ParseComplete() + BindComplete() + Empty('s') + Ready('I'));
    Internal("BEGIN");
    Sync();
    EXPECT_EQ("failed:08P01", NextEvent());
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

TEST_F(InternalCommandTest, AMalformedCommandCompleteForItBreaksTheConnection)
{
    Serve(ParseComplete() + BindComplete() + Message('C', Bytes().Raw("BEGIN")) + Ready('T'));
    Internal("BEGIN");
    Sync();
    EXPECT_EQ("failed:08P01", NextEvent());
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

TEST_F(InternalCommandTest, ADescriptionForItBreaksTheConnection)
{
    Serve(ParseComplete() + BindComplete() + RowDescription("a", "b") + Ready('T'));
    Internal("BEGIN");
    Sync();
    EXPECT_EQ("failed:08P01", NextEvent());
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

TEST_F(InternalCommandTest, EmptyOrNulTextAndABusySimpleQueryAreRefusedWithNothingQueued)
{
    struct error error;
    error_init(&error);
    EXPECT_EQ(-1, wire_queue_internal_command(conn_, "", 0, &error));
    EXPECT_STREQ("22023", error.sqlstate);
    error_init(&error);
    EXPECT_EQ(-1, wire_queue_internal_command(conn_, "BEGIN\0x", 7, &error));
    EXPECT_STREQ("22021", error.sqlstate);
    EXPECT_FALSE(wire_conn_is_busy(conn_));

    Serve(Complete("SET") + Ready('I'));
    error_init(&error);
    ASSERT_EQ(0, wire_send_simple_query(conn_, "SET x = 1", 9, &error));
    error_init(&error);
    EXPECT_EQ(-1, wire_queue_internal_command(conn_, "BEGIN", 5, &error));
    EXPECT_STREQ("HY010", error.sqlstate);
    EXPECT_EQ((Events{"complete:SET", "ready:I"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(InternalCommandTest, RunCommandSendsAQueryAndReturnsTheLastTag)
{
    Serve(Complete("ROLLBACK") + Ready('I'));
    char tag[32] = "unchanged";
    error_init(&error_);
    ASSERT_EQ(0, wire_run_command(conn_, "COMMIT", 6, tag, sizeof tag, &error_))
        << error_.message;
    EXPECT_STREQ("ROLLBACK", tag);
    EXPECT_EQ(Message('Q', Bytes().Str("COMMIT")), Written());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ('I', wire_conn_transaction_status(conn_));
}

TEST_F(InternalCommandTest, RunCommandDiscardsRowsAndAcceptsANullTag)
{
    Serve(RowDescription("a", "b") + Row({"1", "2"}) + Complete("SELECT 1") + Complete("SET") +
          Ready('I'));
    error_init(&error_);
    ASSERT_EQ(0, wire_run_command(conn_, "SELECT 1, 2; SET x = 1", 22, nullptr, 0, &error_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(InternalCommandTest, RunCommandReturnsTheFirstServerErrorAndLeavesTheConnectionIdle)
{
    Serve(ErrorMessage('E', "25001", "cannot set while in a transaction") +
          ErrorMessage('E', "XX000", "second") + Ready('T'));
    char tag[32] = "unchanged";
    error_init(&error_);
    EXPECT_EQ(-1, wire_run_command(conn_, "SET ...", 7, tag, sizeof tag, &error_));
    EXPECT_STREQ("25001", error_.sqlstate);
    EXPECT_EQ(ERROR_ORIGIN_SERVER, error_.origin);
    EXPECT_STREQ("unchanged", tag);  // written only on success
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
}

TEST_F(InternalCommandTest, RunCommandIsRefusedWhileMessagesAreQueued)
{
    Internal("BEGIN");
    error_init(&error_);
    EXPECT_EQ(-1, wire_run_command(conn_, "COMMIT", 6, nullptr, 0, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    EXPECT_EQ("", Written());
}

TEST_F(InternalCommandTest, RunCommandOnABrokenStreamAnswers08S01)
{
    // Nothing scripted: the read finds the stream at its end.
    error_init(&error_);
    EXPECT_EQ(-1, wire_run_command(conn_, "COMMIT", 6, nullptr, 0, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_TRUE(wire_conn_is_broken(conn_));
}

}  // namespace
