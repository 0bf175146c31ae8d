// The extended protocol against a scripted server (in-memory stream): the
// bytes each queued message puts on the wire, every reply in the states
// where it is legal, the same replies where they are not (08P01, broken),
// lying ParameterDescriptions, PortalSuspended, an error in a pipeline of
// two Syncs, busy checks, and the frame buffer under many small and large
// messages.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "message_builder.h"

extern "C" {
#include "support/memory_stream.h"
#include "params/connect_params.h"
#include "util/deadline.h"
#include "util/error.h"
#include "wire/conn.h"
#include "wire/limits.h"
#include "wire/conn_internal.h"
}

namespace {

using Events = std::vector<std::string>;

std::string Startup()
{
    return AuthOk() + ParameterStatus("server_version", "15.4") + BackendKey(4242, 99) +
           Ready('I');
}

std::string Empty(char type) { return Message(type, Bytes()); }
std::string ParseComplete() { return Empty('1'); }
std::string BindComplete() { return Empty('2'); }
std::string CloseComplete() { return Empty('3'); }
std::string NoData() { return Empty('n'); }
std::string Suspended() { return Empty('s'); }
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
std::string ParameterDescription(const std::vector<uint32_t> &oids)
{
    Bytes body;
    body.I16(static_cast<int16_t>(oids.size()));
    for (uint32_t oid : oids) {
        body.I32(static_cast<int32_t>(oid));
    }
    return Message('t', body);
}

// Frontend messages as the engine must write them.
std::string SyncBytes() { return Message('S', Bytes()); }
std::string FlushBytes() { return Message('H', Bytes()); }

class ExtendedHostileTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        memory_script_init(&script_);
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "user", 4));
        params_.ssl.mode = PARAMS_SSL_DISABLE;
        error_init(&error_);
        Serve(Startup());
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
    // What the engine wrote since the session started.
    std::string Written() const
    {
        return std::string(reinterpret_cast<const char *>(script_.written) + startup_written_,
                           script_.written_length - startup_written_);
    }
    void Parse(const char *name, const char *sql, std::vector<uint32_t> oids = {})
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_parse(conn_, name, sql, strlen(sql), oids.data(), oids.size(),
                                      &error_))
            << error_.message;
    }
    void Bind(const char *portal, const char *statement, std::vector<int16_t> formats = {})
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_bind(conn_, portal, statement, nullptr, 0, formats.data(),
                                     formats.size(), &error_))
            << error_.message;
    }
    void DescribeStatement(const char *name)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_describe_statement(conn_, name, &error_));
    }
    void DescribePortal(const char *name)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_describe_portal(conn_, name, &error_));
    }
    void Execute(const char *portal, uint32_t max_rows = 0)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_execute(conn_, portal, max_rows, &error_));
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
            return std::string("broken:") + error_.sqlstate;
        }
        switch (event_.kind) {
        case WIRE_EVENT_ROW_DESCRIPTION: return "columns:" + std::to_string(event_.column_count);
        case WIRE_EVENT_NO_DATA: return "nodata";
        case WIRE_EVENT_DATA_ROW: {
            std::string row = "row:";
            for (size_t i = 0; i < event_.value_count; i++) {
                const struct wire_value &value = event_.values[i];
                row += (i > 0 ? "|" : "") +
                       (value.is_null ? std::string("<null>")
                                      : std::string(reinterpret_cast<const char *>(value.data),
                                                    value.length_bytes));
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
        case WIRE_EVENT_PARAMETER_DESCRIPTION: {
            std::string text = "params:";
            for (size_t i = 0; i < event_.parameter_count; i++) {
                text += (i > 0 ? "," : "") + std::to_string(event_.parameter_type_oids[i]);
            }
            return text;
        }
        case WIRE_EVENT_PORTAL_SUSPENDED: return "suspended";
        }
        return "?";
    }
    Events UntilReady()
    {
        Events events;
        for (int i = 0; i < 1000; i++) {
            events.push_back(NextEvent());
            if (events.back().rfind("ready:", 0) == 0 || events.back().rfind("broken:", 0) == 0) {
                break;
            }
        }
        return events;
    }
    void ExpectBroken()
    {
        EXPECT_TRUE(wire_conn_is_broken(conn_));
        struct error later;
        error_init(&later);
        EXPECT_EQ(-1, wire_queue_sync(conn_, &later));
        EXPECT_STREQ("08S01", later.sqlstate);
    }

    struct memory_script script_;
    struct connect_params params_;
    struct error error_;
    struct wire_event event_;
    struct wire_conn *conn_ = nullptr;
    size_t startup_written_ = 0;
};

TEST_F(ExtendedHostileTest, QueuedMessagesHaveTheProtocolsBytes)
{
    Parse("s1", "SELECT $1", {23});
    DescribeStatement("s1");
    const unsigned char one[] = {'7'};
    struct wire_param params[2] = {};
    params[0].format_code = 1;
    params[0].data = one;
    params[0].length_bytes = 1;
    params[1].is_null = true;
    const int16_t formats[] = {1, 0};
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_bind(conn_, "p1", "s1", params, 2, formats, 2, &error_));
    DescribePortal("p1");
    Execute("p1", 10);
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_close_portal(conn_, "p1", &error_));
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_close_statement(conn_, "s1", &error_));
    EXPECT_EQ("", Written());  // queueing never writes
    Sync();
    std::string expected =
        Message('P', Bytes().Str("s1").Str("SELECT $1").I16(1).I32(23)) +
        Message('D', Bytes().U8('S').Str("s1")) +
        Message('B', Bytes().Str("p1").Str("s1").I16(2).I16(1).I16(0).I16(2).I32(1).Raw("7")
                         .I32(-1).I16(2).I16(1).I16(0)) +
        Message('D', Bytes().U8('P').Str("p1")) + Message('E', Bytes().Str("p1").I32(10)) +
        Message('C', Bytes().U8('P').Str("p1")) + Message('C', Bytes().U8('S').Str("s1")) +
        SyncBytes();
    EXPECT_EQ(expected, Written());
}

TEST_F(ExtendedHostileTest, TextParametersSendNoFormatCodesAndHugeLimitsStayLimits)
{
    const unsigned char text[] = {'a', 'b'};
    struct wire_param param = {};
    param.data = text;
    param.length_bytes = 2;
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_bind(conn_, nullptr, nullptr, &param, 1, nullptr, 0, &error_));
    Execute("", 0xffffffffu);
    Flush();
    EXPECT_EQ(Message('B', Bytes().Str("").Str("").I16(0).I16(1).I32(2).Raw("ab").I16(0)) +
                  Message('E', Bytes().Str("").I32(0x7fffffff)) + FlushBytes(),
              Written());
}

TEST_F(ExtendedHostileTest, LentLargeValuesGoOutInPlaceWithTheSameBytesAsCopiedOnes)
{
    // Two lent values, one above and one below the size from which the
    // engine writes from the caller's memory, and one NULL: the bytes on
    // the wire are those of an ordinary Bind.
    std::string large(WIRE_BORROW_MIN_BYTES + 3, 'x');
    large[0] = 'A';
    large[large.size() - 1] = 'Z';
    const std::string small = "small";
    struct wire_param params[3] = {};
    params[0].data = reinterpret_cast<const unsigned char *>(large.data());
    params[0].length_bytes = large.size();
    params[0].is_borrowed = true;
    params[1].is_null = true;
    params[2].data = reinterpret_cast<const unsigned char *>(small.data());
    params[2].length_bytes = small.size();
    params[2].is_borrowed = true;
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_bind(conn_, "", "s", params, 3, nullptr, 0, &error_));
    Execute("");
    Sync();
    std::string expected =
        Message('B', Bytes().Str("").Str("s").I16(0).I16(3).I32((int32_t)large.size())
                         .Raw(large).I32(-1).I32((int32_t)small.size()).Raw(small).I16(0)) +
        Message('E', Bytes().Str("").I32(0)) + SyncBytes();
    EXPECT_EQ(expected, Written());
    // The next exchange starts from an empty buffer: nothing lent is left.
    Serve(BindComplete() + Complete("SELECT 0") + Ready('I'));
    for (;;) {
        struct wire_event event;
        error_init(&error_);
        ASSERT_EQ(0, wire_next_event(conn_, &event, &error_)) << error_.message;
        if (event.kind == WIRE_EVENT_READY)
            break;
    }
    Execute("");
    Sync();
    EXPECT_EQ(expected + Message('E', Bytes().Str("").I32(0)) + SyncBytes(), Written());
}

TEST_F(ExtendedHostileTest, FullFlowWithDescribeStatement)
{
    Serve(ParseComplete() + ParameterDescription({23, 25}) + RowDescription("a", "b") +
          BindComplete() + Row({"1", "x"}) + Row({"2", "y"}) + Complete("SELECT 2") +
          Ready('I'));
    Parse("", "SELECT ...");
    DescribeStatement("");
    Bind("", "");
    Execute("");
    Sync();
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    EXPECT_EQ((Events{"parsed", "params:23,25", "columns:2", "bound", "row:1|x", "row:2|y",
                      "complete:SELECT 2", "ready:I"}),
              UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(ExtendedHostileTest, NoDataForStatementAndPortal)
{
    Serve(ParseComplete() + ParameterDescription({}) + NoData() + BindComplete() + NoData() +
          Complete("CREATE TABLE") + Ready('I'));
    Parse("", "CREATE TABLE t ()");
    DescribeStatement("");
    Bind("", "");
    DescribePortal("");
    Execute("");
    Sync();
    EXPECT_EQ((Events{"parsed", "params:", "nodata", "bound", "nodata", "complete:CREATE TABLE",
                      "ready:I"}),
              UntilReady());
}

TEST_F(ExtendedHostileTest, EmptyQueryAndCloseComplete)
{
    Serve(ParseComplete() + BindComplete() + Empty('I') + CloseComplete() + Ready('I'));
    Parse("", "");
    Bind("", "");
    Execute("");
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_close_statement(conn_, "", &error_));
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "empty", "closed", "ready:I"}), UntilReady());
}

TEST_F(ExtendedHostileTest, PortalSuspendedThenContinued)
{
    Serve(BindComplete() + RowDescription("a", "b") + Row({"1", "2"}) + Suspended());
    Bind("c", "s");
    DescribePortal("c");
    Execute("c", 1);
    Flush();
    EXPECT_EQ("bound", NextEvent());
    EXPECT_EQ("columns:2", NextEvent());
    EXPECT_EQ("row:1|2", NextEvent());
    EXPECT_EQ("suspended", NextEvent());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    error_init(&error_);
    EXPECT_EQ(-1, wire_next_event(conn_, &event_, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    // The description carries over to the next Execute of the portal.
    Serve(Row({"3", "4"}) + Complete("SELECT 2") + Ready('T'));
    Execute("c", 1);
    Sync();
    EXPECT_EQ("row:3|4", NextEvent());
    EXPECT_EQ(2u, event_.column_count);
    ASSERT_NE(nullptr, event_.columns);
    EXPECT_STREQ("b", event_.columns[1].name);
    EXPECT_EQ((Events{"complete:SELECT 2", "ready:T"}), UntilReady());
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
}

TEST_F(ExtendedHostileTest, RowsOfAnUndescribedPortalComeWithoutColumns)
{
    Serve(BindComplete() + Row({"a", "b", "c"}) + Row({"d"}) + Complete("SELECT 2") +
          Ready('I'));
    Bind("", "");
    Execute("");
    Sync();
    EXPECT_EQ("bound", NextEvent());
    EXPECT_EQ("row:a|b|c", NextEvent());
    EXPECT_EQ(nullptr, event_.columns);
    EXPECT_EQ(3u, event_.value_count);
    EXPECT_EQ("row:d", NextEvent());
    EXPECT_EQ((Events{"complete:SELECT 2", "ready:I"}), UntilReady());
}

TEST_F(ExtendedHostileTest, ErrorThenReadyInAPipelineOfTwoSyncs)
{
    Serve(ParseComplete() + ErrorMessage('E', "42P01", "no such table") + Ready('I') +
          ParseComplete() + BindComplete() + Row({"2"}) + Complete("SELECT 1") + Ready('I'));
    Parse("", "SELECT * FROM missing");
    Bind("", "");
    Execute("");
    Sync();
    Parse("", "SELECT 2");
    Bind("", "");
    Execute("");
    Sync();
    EXPECT_EQ((Events{"parsed", "error:42P01", "ready:I"}), UntilReady());
    EXPECT_STREQ("", error_.sqlstate);
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    struct error refused;
    error_init(&refused);
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 1", 8, &refused));
    EXPECT_STREQ("HY010", refused.sqlstate);
    EXPECT_EQ((Events{"parsed", "bound", "row:2", "complete:SELECT 1", "ready:I"}),
              UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(ExtendedHostileTest, ErrorAtSyncItselfIsFollowedByReady)
{
    // A deferred constraint fails at the implicit commit, after Execute.
    Serve(ParseComplete() + BindComplete() + Complete("INSERT 0 1") +
          ErrorMessage('E', "23503", "deferred") + Ready('I'));
    Parse("", "INSERT ...");
    Bind("", "");
    Execute("");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "complete:INSERT 0 1", "error:23503", "ready:I"}),
              UntilReady());
}

TEST_F(ExtendedHostileTest, ErrorAfterFlushMakesTheEngineSendASync)
{
    Serve(ErrorMessage('E', "42601", "syntax") + Ready('I'));
    Parse("", "SELEC");
    Bind("", "");
    Execute("");
    Flush();
    size_t before = Written().size();
    EXPECT_EQ("error:42601", NextEvent());
    EXPECT_EQ(SyncBytes(), Written().substr(before));
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    EXPECT_EQ((Events{"ready:I"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
}

TEST_F(ExtendedHostileTest, FatalErrorBreaksTheConnectionAfterItsEvent)
{
    Serve(Message('E', Bytes().U8('S').Str("FATAL").U8('V').Str("FATAL").U8('C').Str("57P01")
                           .U8('M').Str("terminating connection due to administrator command")
                           .U8(0)));
    Parse("", "SELECT 1");
    Sync();
    EXPECT_EQ("error:57P01", NextEvent());
    EXPECT_EQ("FATAL", std::string(error_.severity));
    EXPECT_EQ("broken:08S01", NextEvent());
    ExpectBroken();
}

TEST_F(ExtendedHostileTest, EndOfStreamMidPipelineBreaksTheConnection)
{
    Serve(ParseComplete());
    Parse("", "SELECT 1");
    Bind("", "");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("broken:08S01", NextEvent());
    ExpectBroken();
}

TEST_F(ExtendedHostileTest, A57014NotCausedByATimeoutKeepsItsState)
{
    wire_conn_set_query_timeout(conn_, 60000);
    Serve(ParseComplete() + ErrorMessage('E', "57014", "canceling statement due to user request") +
          Ready('I'));
    Parse("", "SELECT pg_sleep(10)");
    Bind("", "");
    Execute("");
    Sync();
    EXPECT_EQ((Events{"parsed", "error:57014", "ready:I"}), UntilReady());
}

TEST_F(ExtendedHostileTest, QueryTimeoutWithoutACancelKeyGivesTheConnectionUp)
{
    // The in-memory stream has no peer address: no cancel token. When the
    // query deadline passes the engine cannot cancel and must not wait on.
    wire_conn_set_query_timeout(conn_, 1);
    Parse("", "SELECT pg_sleep(10)");
    Sync();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ("broken:08S01", NextEvent());
    EXPECT_NE(nullptr, strstr(error_.message, "query timeout expired")) << error_.message;
    ExpectBroken();
    struct error error;
    error_init(&error);
    EXPECT_EQ(nullptr, wire_cancel_token_new(conn_, &error));
    EXPECT_TRUE(error_is_set(&error));
}

TEST_F(ExtendedHostileTest, BinaryFormatsOfTheBindApplyToTheColumns)
{
    Serve(ParseComplete() + ParameterDescription({}) + RowDescription("a", "b") + Ready('I'));
    Parse("s", "SELECT 1, 2");
    DescribeStatement("s");
    Sync();
    EXPECT_EQ((Events{"parsed", "params:", "columns:2", "ready:I"}), UntilReady());
    Serve(BindComplete() + Row({"1234", "5678"}) + Complete("SELECT 1") + Ready('I'));
    Bind("", "s", {1});
    Execute("");
    Sync();
    EXPECT_EQ("bound", NextEvent());
    EXPECT_EQ("row:1234|5678", NextEvent());
    ASSERT_NE(nullptr, event_.columns);
    EXPECT_EQ(1, event_.columns[0].format_code);
    EXPECT_EQ(1, event_.columns[1].format_code);
    EXPECT_EQ((Events{"complete:SELECT 1", "ready:I"}), UntilReady());
    // Then a Bind with no formats: text again.
    Serve(BindComplete() + Row({"1", "2"}) + Complete("SELECT 1") + Ready('I'));
    Bind("", "s");
    Execute("");
    Sync();
    EXPECT_EQ("bound", NextEvent());
    EXPECT_EQ("row:1|2", NextEvent());
    ASSERT_NE(nullptr, event_.columns);  // the description outlives the first portal
    EXPECT_EQ(0, event_.columns[0].format_code);
    EXPECT_EQ(0, event_.columns[1].format_code);
    EXPECT_EQ((Events{"complete:SELECT 1", "ready:I"}), UntilReady());
}

// ---- ParameterDescription that lies ----

TEST_F(ExtendedHostileTest, ParameterDescriptionCountAboveItsBytesBreaks)
{
    Serve(ParseComplete() + Message('t', Bytes().I16(3).I32(23).I32(25)) + Ready('I'));
    Parse("", "SELECT $1, $2");
    DescribeStatement("");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("broken:08P01", NextEvent());
    EXPECT_NE(nullptr, strstr(error_.message, "ParameterDescription")) << error_.message;
    ExpectBroken();
}

TEST_F(ExtendedHostileTest, ParameterDescriptionClaimingTheMaximumInFourBytesBreaks)
{
    Serve(ParseComplete() + Message('t', Bytes().I16(-1).I32(23)) + Ready('I'));
    Parse("", "SELECT $1");
    DescribeStatement("");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("broken:08P01", NextEvent());
    EXPECT_EQ(0u, conn_->parameter_oid_capacity);  // nothing was allocated for the lie
}

TEST_F(ExtendedHostileTest, ParameterDescriptionWithLeftoverBytesBreaks)
{
    Serve(ParseComplete() + Message('t', Bytes().I16(1).I32(23).U8(0)) + Ready('I'));
    Parse("", "SELECT $1");
    DescribeStatement("");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("broken:08P01", NextEvent());
}

TEST_F(ExtendedHostileTest, ParameterDescriptionCutShortBreaks)
{
    Serve(ParseComplete() + Message('t', Bytes().U8(0)) + Ready('I'));
    Parse("", "SELECT $1");
    DescribeStatement("");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("broken:08P01", NextEvent());
}

TEST_F(ExtendedHostileTest, ParameterOidsReuseTheirArray)
{
    Serve(ParameterDescription({1, 2, 3}) + NoData() + ParameterDescription({7}) + NoData() +
          Ready('I'));
    DescribeStatement("a");
    DescribeStatement("b");
    Sync();
    EXPECT_EQ("params:1,2,3", NextEvent());
    const uint32_t *first = event_.parameter_type_oids;
    EXPECT_EQ("nodata", NextEvent());
    EXPECT_EQ("params:7", NextEvent());
    EXPECT_EQ(first, event_.parameter_type_oids);
    EXPECT_EQ((Events{"nodata", "ready:I"}), UntilReady());
}

// ---- Replies where they are not legal ----

struct MisplacedReply {
    const char *name;
    std::string script;
    std::vector<std::string> before;  // events that are legal first
};

class MisplacedReplyTest : public ExtendedHostileTest,
                           public ::testing::WithParamInterface<MisplacedReply> {};

// Queued: Parse, Describe statement, Bind, Describe portal, Execute, Sync.
TEST_P(MisplacedReplyTest, BreaksTheConnectionWith08P01)
{
    const MisplacedReply &reply = GetParam();
    Serve(reply.script);
    Parse("", "SELECT 1");
    DescribeStatement("");
    Bind("", "");
    DescribePortal("");
    Execute("", 1);
    Sync();
    for (const std::string &legal : reply.before) {
        ASSERT_EQ(legal, NextEvent());
    }
    EXPECT_EQ("broken:08P01", NextEvent()) << reply.name;
    EXPECT_NE(nullptr, strstr(error_.message, "was expected")) << error_.message;
    ExpectBroken();
}

const std::string kParsed = ParseComplete();
const std::string kParams = ParameterDescription({});
const std::string kRows = RowDescription("a", "b");
const std::string kBound = BindComplete();

INSTANTIATE_TEST_SUITE_P(
    EveryReply, MisplacedReplyTest,
    ::testing::Values(
        MisplacedReply{"BindCompleteForParse", BindComplete(), {}},
        MisplacedReply{"CloseCompleteForParse", CloseComplete(), {}},
        MisplacedReply{"ReadyBeforeParseComplete", Ready('I'), {}},
        MisplacedReply{"DataRowForParse", Row({"1"}), {}},
        MisplacedReply{"CommandCompleteForParse", Complete("SELECT 1"), {}},
        MisplacedReply{"SuspendedForParse", Suspended(), {}},
        MisplacedReply{"EmptyQueryForParse", Empty('I'), {}},
        MisplacedReply{"RowDescriptionBeforeParameterDescription", kParsed + kRows, {"parsed"}},
        MisplacedReply{"NoDataBeforeParameterDescription", kParsed + NoData(), {"parsed"}},
        MisplacedReply{"TwoParameterDescriptions", kParsed + kParams + kParams,
                       {"parsed", "params:"}},
        MisplacedReply{"ParseCompleteForDescribe", kParsed + kParsed, {"parsed"}},
        MisplacedReply{"ParameterDescriptionForBind", kParsed + kParams + kRows + kParams,
                       {"parsed", "params:", "columns:2"}},
        MisplacedReply{"ParameterDescriptionForDescribePortal",
                       kParsed + kParams + kRows + kBound + kParams,
                       {"parsed", "params:", "columns:2", "bound"}},
        MisplacedReply{"DataRowForDescribePortal", kParsed + kParams + kRows + kBound + Row({"1", "2"}),
                       {"parsed", "params:", "columns:2", "bound"}},
        MisplacedReply{"BindCompleteForExecute",
                       kParsed + kParams + kRows + kBound + kRows + kBound,
                       {"parsed", "params:", "columns:2", "bound", "columns:2"}},
        MisplacedReply{"NoDataForExecute", kParsed + kParams + kRows + kBound + kRows + NoData(),
                       {"parsed", "params:", "columns:2", "bound", "columns:2"}},
        MisplacedReply{"RowDescriptionForExecute",
                       kParsed + kParams + kRows + kBound + kRows + kRows,
                       {"parsed", "params:", "columns:2", "bound", "columns:2"}},
        MisplacedReply{"ReadyBeforeExecuteEnds",
                       kParsed + kParams + kRows + kBound + kRows + Ready('I'),
                       {"parsed", "params:", "columns:2", "bound", "columns:2"}},
        MisplacedReply{"SuspendedForSync",
                       kParsed + kParams + kRows + kBound + kRows + Complete("SELECT 0") +
                           Suspended(),
                       {"parsed", "params:", "columns:2", "bound", "columns:2", "complete:SELECT 0"}},
        MisplacedReply{"DataRowForSync",
                       kParsed + kParams + kRows + kBound + kRows + Suspended() + Row({"1", "2"}),
                       {"parsed", "params:", "columns:2", "bound", "columns:2", "suspended"}},
        MisplacedReply{"BackendKeyDataInTheMiddle", kParsed + BackendKey(1, 2), {"parsed"}},
        MisplacedReply{"AuthenticationInTheMiddle", AuthOk(), {}}),
    [](const ::testing::TestParamInfo<MisplacedReply> &info) { return info.param.name; });

TEST_F(ExtendedHostileTest, ExtendedRepliesToASimpleQueryBreak)
{
    for (const std::string &reply :
         {ParseComplete(), BindComplete(), CloseComplete(), ParameterDescription({}), NoData(),
          Suspended()}) {
        wire_conn_free(conn_);
        conn_ = nullptr;
        memory_script_reset(&script_);
        memory_script_init(&script_);
        Serve(Startup() + reply + Ready('I'));
        struct net_stream *stream = memory_stream_new(&script_);
        ASSERT_NE(nullptr, stream);
        struct deadline deadline = deadline_after_ms(10000);
        ASSERT_EQ(0, wire_connect_over_stream(stream, &params_, &deadline, false, nullptr,
                                              &conn_, &error_));
        startup_written_ = script_.written_length;
        error_init(&error_);
        ASSERT_EQ(0, wire_send_simple_query(conn_, "SELECT 1", 8, &error_));
        EXPECT_EQ("broken:08P01", NextEvent()) << static_cast<int>(reply[0]);
    }
}

// ---- Busy and misuse ----

TEST_F(ExtendedHostileTest, NextEventWithNothingSentIsASequenceError)
{
    error_init(&error_);
    EXPECT_EQ(-1, wire_next_event(conn_, &event_, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    Parse("", "SELECT 1");
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    error_init(&error_);
    EXPECT_EQ(-1, wire_next_event(conn_, &event_, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "queued but not sent")) << error_.message;
    EXPECT_FALSE(wire_conn_is_broken(conn_));
}

TEST_F(ExtendedHostileTest, SimpleQueryIsRefusedWhileMessagesAreQueued)
{
    Parse("", "SELECT 1");
    struct error refused;
    error_init(&refused);
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 1", 8, &refused));
    EXPECT_STREQ("HY010", refused.sqlstate);
}

TEST_F(ExtendedHostileTest, QueueingIsRefusedDuringASimpleQuery)
{
    Serve(RowDescription("a", "b") + Complete("SELECT 0") + Ready('I'));
    ASSERT_EQ(0, wire_send_simple_query(conn_, "SELECT 1", 8, &error_));
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_parse(conn_, "", "SELECT 2", 8, nullptr, 0, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_sync(conn_, &error_));
    EXPECT_STREQ("HY010", error_.sqlstate);
    EXPECT_EQ((Events{"columns:2", "complete:SELECT 0", "ready:I"}), UntilReady());
    Parse("", "SELECT 2");  // idle again
}

TEST_F(ExtendedHostileTest, DrainDropsUnsentMessagesAndSyncsAFlushedExchange)
{
    Parse("", "never sent");
    error_init(&error_);
    ASSERT_EQ(0, wire_drain_to_ready(conn_, &error_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ("", Written());

    Serve(ParseComplete() + BindComplete() + Row({"1"}) + Suspended() + Ready('I'));
    Parse("", "SELECT g");
    Bind("", "");
    Execute("", 1);
    Flush();
    EXPECT_EQ("parsed", NextEvent());
    Parse("", "queued after the flush");
    error_init(&error_);
    ASSERT_EQ(0, wire_drain_to_ready(conn_, &error_)) << error_.message;
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    std::string written = Written();
    EXPECT_EQ(SyncBytes(), written.substr(written.size() - 5));
    EXPECT_EQ(std::string::npos, written.find("queued after the flush"));
}

TEST_F(ExtendedHostileTest, BadArgumentsAreRefusedBeforeAnythingIsQueued)
{
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_parse(conn_, "", "SELECT\0 1", 9, nullptr, 0, &error_));
    EXPECT_STREQ("22021", error_.sqlstate);
    std::vector<uint32_t> oids(70000, 23);
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_parse(conn_, "", "SELECT 1", 8, oids.data(), oids.size(), &error_));
    EXPECT_STREQ("54023", error_.sqlstate);
    const int16_t bad_format[] = {2};
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_bind(conn_, "", "", nullptr, 0, bad_format, 1, &error_));
    EXPECT_STREQ("22023", error_.sqlstate);
    struct wire_param param = {};
    param.format_code = -1;
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_bind(conn_, "", "", &param, 1, nullptr, 0, &error_));
    EXPECT_STREQ("22023", error_.sqlstate);
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_EQ(0u, conn_->out.length);
}

TEST_F(ExtendedHostileTest, CopyInDuringExecuteIsFailedAndSynced)
{
    Serve(ParseComplete() + BindComplete() + Message('G', Bytes().U8(0).I16(1).I16(0)) +
          ErrorMessage('E', "57014", "COPY from stdin failed") + Ready('I'));
    Parse("", "COPY t FROM STDIN");
    Bind("", "");
    Execute("");
    Sync();
    size_t before = Written().size();
    EXPECT_EQ((Events{"parsed", "bound", "copy-refused", "error:57014", "ready:I"}),
              UntilReady());
    std::string after = Written().substr(before);
    EXPECT_EQ('f', after[0]);
    EXPECT_EQ(SyncBytes(), after.substr(after.size() - 5));
}

// ---- Frame buffer ----

TEST_F(ExtendedHostileTest, SmallAndLargeMessagesInTinyAndHugeReads)
{
    std::string big(300000, 'z');
    std::string script = ParseComplete() + BindComplete() + RowDescription("a", "b");
    for (int i = 0; i < 500; i++) {
        script += Row({std::to_string(i), "v"});
    }
    script += Row({"big", big}) + Row({"after", "w"}) + Complete("SELECT 502") + Ready('I');
    for (size_t chunk : {size_t(1), size_t(7), size_t(4093), size_t(0)}) {
        SCOPED_TRACE(chunk);
        script_.max_read_chunk = chunk;
        Serve(script);
        Parse("", "SELECT");
        Bind("", "");
        DescribePortal("");
        Execute("");
        Sync();
        EXPECT_EQ("parsed", NextEvent());
        EXPECT_EQ("bound", NextEvent());
        EXPECT_EQ("columns:2", NextEvent());
        for (int i = 0; i < 500; i++) {
            ASSERT_EQ("row:" + std::to_string(i) + "|v", NextEvent());
        }
        ASSERT_EQ(0, wire_next_event(conn_, &event_, &error_));
        ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
        EXPECT_EQ(big.size(), event_.values[1].length_bytes);
        EXPECT_EQ(0, memcmp(big.data(), event_.values[1].data, big.size()));
        EXPECT_EQ((Events{"row:after|w", "complete:SELECT 502", "ready:I"}), UntilReady());
    }
}

TEST_F(ExtendedHostileTest, ALyingLengthGrowsTheBufferOnlyAsBytesArrive)
{
    Serve(ParseComplete() + MessageWithLength('D', 500 * 1024 * 1024, Bytes().I16(1)));
    Parse("", "SELECT");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("broken:08S01", NextEvent());
    EXPECT_LT(conn_->in.capacity, size_t(4) * 1024 * 1024);
}

// One million DataRows through the memory stream: the fetch path's cost
// per row, with nothing allocated per row. Asserts counts, not time.
TEST_F(ExtendedHostileTest, OneMillionDataRowsParse)
{
    const int row_count = 1000000;
    std::string row = Row({"12345", "some text value", ""});
    std::string script = BindComplete() + Message('T', [] {
                             Bytes body;
                             body.I16(3);
                             for (const char *name : {"a", "b", "c"}) {
                                 body.Str(name).I32(0).I16(0).I32(25).I16(-1).I32(-1).I16(0);
                             }
                             return body;
                         }());
    script.reserve(script.size() + row.size() * row_count + 64);
    for (int i = 0; i < row_count; i++) {
        script += row;
    }
    script += Complete("SELECT 1000000") + Ready('I');
    Serve(script);
    Bind("", "");
    DescribePortal("");
    Execute("");
    Sync();
    EXPECT_EQ("bound", NextEvent());
    EXPECT_EQ("columns:3", NextEvent());
    const struct wire_value *values = nullptr;
    size_t rows = 0;
    size_t bytes = 0;
    for (;;) {
        ASSERT_EQ(0, wire_next_event(conn_, &event_, &error_)) << error_.message;
        if (event_.kind != WIRE_EVENT_DATA_ROW) {
            break;
        }
        if (values == nullptr) {
            values = event_.values;
        }
        ASSERT_EQ(values, event_.values);  // the same array for every row
        rows++;
        bytes += event_.values[1].length_bytes;
    }
    EXPECT_EQ(WIRE_EVENT_COMMAND_COMPLETE, event_.kind);
    EXPECT_EQ(size_t(row_count), rows);
    EXPECT_EQ(size_t(row_count) * 15, bytes);
    EXPECT_EQ((Events{"ready:I"}), UntilReady());
    // Reads were big: far fewer read calls than messages.
    EXPECT_LT(script_.read_calls, 1000u);
}

}  // namespace
