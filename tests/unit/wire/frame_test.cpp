// Framing header checks and every backend message decoder against
// truncated, oversized and lying input (STYLE.md, "Wire input is hostile").
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "message_builder.h"

extern "C" {
#include "util/buf.h"
#include "util/error.h"
#include "util/alloc.h"
#include "params/connect_params.h"
#include "wire/frame.h"
#include "wire/limits.h"
#include "wire/notice.h"
#include "wire/rows.h"
#include "wire/startup.h"
}

namespace {

int CheckHeader(char type, uint32_t length, size_t large_max, size_t *body, struct error *error)
{
    unsigned char header[5] = {static_cast<unsigned char>(type),
                               static_cast<unsigned char>(length >> 24),
                               static_cast<unsigned char>(length >> 16),
                               static_cast<unsigned char>(length >> 8),
                               static_cast<unsigned char>(length)};
    return wire_frame_check_header(header, large_max, body, error);
}

TEST(FrameHeaderTest, LengthBelowFourIsLostSync)
{
    for (uint32_t length : {0u, 1u, 3u}) {
        struct error error;
        error_init(&error);
        size_t body = 99;
        EXPECT_EQ(-1, CheckHeader('D', length, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
        EXPECT_STREQ("08P01", error.sqlstate);
        EXPECT_NE(nullptr, strstr(error.message, "lost synchronization"));
        EXPECT_EQ(99u, body);
    }
}

TEST(FrameHeaderTest, LengthFourIsAnEmptyBody)
{
    struct error error;
    error_init(&error);
    size_t body = 99;
    EXPECT_EQ(0, CheckHeader('I', 4, 100, &body, &error));
    EXPECT_EQ(0u, body);
}

TEST(FrameHeaderTest, SmallCapsRefuseOversizedStatusMessages)
{
    struct error error;
    size_t body = 0;
    error_init(&error);
    EXPECT_EQ(-1, CheckHeader('Z', 6, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
    EXPECT_STREQ("08P01", error.sqlstate);
    error_init(&error);
    EXPECT_EQ(0, CheckHeader('Z', 5, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
    error_init(&error);
    EXPECT_EQ(-1, CheckHeader('K', 13, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
    error_init(&error);
    EXPECT_EQ(-1, CheckHeader('R', WIRE_AUTH_MESSAGE_MAX_BYTES + 5,
                              WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
    error_init(&error);
    EXPECT_EQ(-1, CheckHeader('S', 0x7fffffff, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
    error_init(&error);
    EXPECT_EQ(-1, CheckHeader('?', 0x10000000, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
}

TEST(FrameHeaderTest, LargeCapIsConfigurable)
{
    struct error error;
    size_t body = 0;
    for (char type : {'D', 'T', 'E', 'N', 'd', 'A'}) {
        error_init(&error);
        EXPECT_EQ(0, CheckHeader(type, 1004, 1000, &body, &error)) << type;
        EXPECT_EQ(1000u, body);
        error_init(&error);
        EXPECT_EQ(-1, CheckHeader(type, 1005, 1000, &body, &error)) << type;
        EXPECT_STREQ("08P01", error.sqlstate);
    }
    error_init(&error);
    EXPECT_EQ(-1, CheckHeader('D', 0xffffffffu, WIRE_LARGE_MESSAGE_DEFAULT_MAX_BYTES, &body, &error));
}

TEST(MessageBuilderTest, LengthIsBackFilled)
{
    struct buf out;
    buf_init(&out, 1024);
    size_t offset = 0;
    ASSERT_EQ(0, wire_message_begin(&out, 'Q', &offset));
    ASSERT_EQ(0, buf_append_cstr(&out, "SELECT 1"));
    ASSERT_EQ(0, wire_message_end(&out, offset));
    std::string expected = std::string("Q\0\0\0\x0dSELECT 1\0", 14);
    EXPECT_EQ(expected, std::string(reinterpret_cast<char *>(out.data), out.length));
    buf_reset(&out);
}

TEST(StartupTest, SslRequestIsTheMagicCode)
{
    struct buf out;
    buf_init(&out, 64);
    ASSERT_EQ(0, wire_startup_build_ssl_request(&out));
    EXPECT_EQ(std::string("\0\0\0\x08\x04\xd2\x16\x2f", 8),
              std::string(reinterpret_cast<char *>(out.data), out.length));
    buf_reset(&out);
}

class StartupMessageTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "alice", 5));
        buf_init(&out_, 1 << 20);
        error_init(&error_);
    }
    void TearDown() override
    {
        params_reset(&params_);
        buf_reset(&out_);
    }
    std::string Build()
    {
        buf_clear(&out_);
        EXPECT_EQ(0, wire_startup_build_message(&params_, &out_, &error_)) << error_.message;
        return std::string(reinterpret_cast<char *>(out_.data), out_.length);
    }
    struct connect_params params_;
    struct buf out_;
    struct error error_;
};

TEST_F(StartupMessageTest, SendsProtocol30UserEncodingAndDateStyle)
{
    std::string message = Build();
    Bytes body;
    body.I32(196608).Str("user").Str("alice").Str("client_encoding").Str("UTF8").Str("DateStyle")
        .Str("ISO").U8(0);
    Bytes whole;
    whole.I32(static_cast<int32_t>(body.size() + 4)).Raw(body.str());
    EXPECT_EQ(whole.str(), message);
}

TEST_F(StartupMessageTest, EmptyDatabaseIsLeftOutAndOthersAreSent)
{
    ASSERT_EQ(0, params_set_string(&params_.database, "", 0));
    std::string message = Build();
    EXPECT_EQ(std::string::npos, message.find(std::string("database\0", 9)));
    ASSERT_EQ(0, params_set_string(&params_.database, "db1", 3));
    ASSERT_EQ(0, params_set_string(&params_.application_name, "app", 3));
    params_.replication = PARAMS_REPLICATION_PHYSICAL;
    message = Build();
    EXPECT_NE(std::string::npos, message.find(std::string("database\0db1\0", 13)));
    EXPECT_NE(std::string::npos, message.find(std::string("application_name\0app\0", 21)));
    EXPECT_NE(std::string::npos, message.find(std::string("replication\0true\0", 17)));
}

TEST_F(StartupMessageTest, StartupParamsNamingEncodingOrDateStyleReplaceTheDefaults)
{
    ASSERT_EQ(0, params_add_startup_param(&params_, "CLIENT_ENCODING", 15, "LATIN1", 6));
    ASSERT_EQ(0, params_add_startup_param(&params_, "datestyle", 9, "SQL", 3));
    ASSERT_EQ(0, params_add_startup_param(&params_, "search_path", 11, "public,audit", 12));
    std::string message = Build();
    EXPECT_EQ(std::string::npos, message.find("UTF8"));
    EXPECT_EQ(std::string::npos, message.find(std::string("ISO\0", 4)));
    EXPECT_NE(std::string::npos, message.find(std::string("CLIENT_ENCODING\0LATIN1\0", 23)));
    EXPECT_NE(std::string::npos, message.find(std::string("search_path\0public,audit\0", 25)));
}

TEST_F(StartupMessageTest, OversizedStartupIsRefusedNamingTheLimit)
{
    std::string big(11000, 'x');
    ASSERT_EQ(0, params_add_startup_param(&params_, "options", 7, big.data(), big.size()));
    buf_clear(&out_);
    EXPECT_EQ(-1, wire_startup_build_message(&params_, &out_, &error_));
    EXPECT_STREQ("08001", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "10000"));
}

TEST(StatusParserTest, ParameterStatusNeedsTwoTerminatedStringsAndNothingMore)
{
    const char *name = nullptr;
    const char *value = nullptr;
    size_t name_length = 0;
    size_t value_length = 0;
    struct error error;
    error_init(&error);
    Bytes good;
    good.Str("TimeZone").Str("UTC");
    ASSERT_EQ(0, wire_startup_parse_parameter_status(good.data(), good.size(), &name, &name_length,
                                                     &value, &value_length, &error));
    EXPECT_STREQ("TimeZone", name);
    EXPECT_EQ(3u, value_length);
    Bytes no_nul;
    no_nul.Str("TimeZone").Raw("UTC");
    EXPECT_EQ(-1, wire_startup_parse_parameter_status(no_nul.data(), no_nul.size(), &name,
                                                      &name_length, &value, &value_length, &error));
    EXPECT_STREQ("08P01", error.sqlstate);
    Bytes leftover;
    leftover.Str("a").Str("b").U8(7);
    error_init(&error);
    EXPECT_EQ(-1, wire_startup_parse_parameter_status(leftover.data(), leftover.size(), &name,
                                                      &name_length, &value, &value_length,
                                                      &error));
}

TEST(StatusParserTest, BackendKeyDataIsExactlyEightBytes)
{
    int32_t pid = 0;
    uint32_t key = 0;
    struct error error;
    error_init(&error);
    Bytes good;
    good.I32(4242).I32(-2);
    ASSERT_EQ(0, wire_startup_parse_backend_key(good.data(), good.size(), &pid, &key, &error));
    EXPECT_EQ(4242, pid);
    EXPECT_EQ(0xfffffffeu, key);
    EXPECT_EQ(-1, wire_startup_parse_backend_key(good.data(), 7, &pid, &key, &error));
}

TEST(StatusParserTest, ReadyForQueryAcceptsOnlyIdleTransactionOrFailed)
{
    char status = 0;
    struct error error;
    for (char ok : {'I', 'T', 'E'}) {
        error_init(&error);
        Bytes body;
        body.U8(static_cast<uint8_t>(ok));
        ASSERT_EQ(0, wire_startup_parse_ready(body.data(), body.size(), &status, &error));
        EXPECT_EQ(ok, status);
    }
    error_init(&error);
    Bytes bad;
    bad.U8('X');
    EXPECT_EQ(-1, wire_startup_parse_ready(bad.data(), bad.size(), &status, &error));
    EXPECT_STREQ("08P01", error.sqlstate);
    error_init(&error);
    EXPECT_EQ(-1, wire_startup_parse_ready(bad.data(), 0, &status, &error));
}

TEST(StatusParserTest, NegotiateProtocolVersionNamesTheRefusedOptions)
{
    struct error error;
    error_init(&error);
    Bytes body;
    body.I32(0).I32(2).Str("_pq_.compression").Str("_pq_.other");
    EXPECT_EQ(-1, wire_startup_refuse_negotiation(body.data(), body.size(), &error));
    EXPECT_STREQ("08001", error.sqlstate);
    EXPECT_NE(nullptr, strstr(error.message, "_pq_.compression"));
    EXPECT_NE(nullptr, strstr(error.message, "_pq_.other"));
    error_init(&error);
    Bytes lying;
    lying.I32(0).I32(1000).Str("x");
    EXPECT_EQ(-1, wire_startup_refuse_negotiation(lying.data(), lying.size(), &error));
    EXPECT_STREQ("08P01", error.sqlstate);
}

Bytes RowDescriptionBody(int16_t count)
{
    Bytes body;
    body.I16(count);
    for (int16_t i = 0; i < count; i++) {
        body.Str("col" + std::to_string(i)).I32(16384).I16(static_cast<int16_t>(i + 1)).I32(25)
            .I16(-1).I32(-1).I16(0);
    }
    return body;
}

TEST(RowDescriptionTest, ParsesEveryField)
{
    Bytes body = RowDescriptionBody(2);
    struct wire_column *columns = nullptr;
    size_t count = 0;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, wire_rows_parse_description(body.data(), body.size(), &columns, &count, &error));
    ASSERT_EQ(2u, count);
    EXPECT_STREQ("col1", columns[1].name);
    EXPECT_EQ(16384u, columns[1].table_oid);
    EXPECT_EQ(2, columns[1].column_attnum);
    EXPECT_EQ(25u, columns[1].type_oid);
    EXPECT_EQ(-1, columns[1].type_size);
    EXPECT_EQ(-1, columns[1].type_modifier);
    EXPECT_EQ(0, columns[1].format_code);
    alloc_free(columns);
}

TEST(RowDescriptionTest, ZeroColumnsIsValid)
{
    Bytes body = RowDescriptionBody(0);
    struct wire_column *columns = nullptr;
    size_t count = 9;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, wire_rows_parse_description(body.data(), body.size(), &columns, &count, &error));
    EXPECT_EQ(0u, count);
    EXPECT_EQ(nullptr, columns);
}

TEST(RowDescriptionTest, MalformedDescriptionsAreRefused)
{
    std::string good = RowDescriptionBody(2).str();
    std::vector<std::string> bad = {
        Bytes().I16(-1).str(),                              // negative count
        Bytes().I16(30000).Raw(good.substr(2)).str(),       // count beyond the bytes
        good.substr(0, good.size() - 1),                    // truncated
        good + "x",                                         // leftover
        Bytes().I16(1).Raw("name-without-nul").str(),       // no NUL
        Bytes().I16(1).Str("c").I32(0).I16(0).I32(23).I16(4).I32(-1).I16(7).str(),  // format 7
    };
    for (const std::string &body : bad) {
        struct wire_column *columns = nullptr;
        size_t count = 0;
        struct error error;
        error_init(&error);
        EXPECT_EQ(-1, wire_rows_parse_description(
                          reinterpret_cast<const unsigned char *>(body.data()), body.size(),
                          &columns, &count, &error));
        EXPECT_STREQ("08P01", error.sqlstate);
        EXPECT_EQ(nullptr, columns);
    }
}

TEST(DataRowTest, ValuesAreViewsAndMinusOneIsNull)
{
    Bytes body;
    body.I16(3).I32(2).Raw("42").I32(-1).I32(0);
    struct wire_value values[3];
    size_t count = 0;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, wire_rows_parse_data_row(body.data(), body.size(), values, 3, &count, &error));
    EXPECT_EQ(3u, count);
    EXPECT_FALSE(values[0].is_null);
    EXPECT_EQ(2u, values[0].length_bytes);
    EXPECT_EQ(body.data() + 6, values[0].data);
    EXPECT_TRUE(values[1].is_null);
    EXPECT_EQ(nullptr, values[1].data);
    EXPECT_FALSE(values[2].is_null);
    EXPECT_EQ(0u, values[2].length_bytes);
}

TEST(DataRowTest, ColumnCountMismatchIsReportedWithoutTouchingValues)
{
    Bytes body;
    body.I16(1).I32(1).Raw("x");
    struct wire_value values[2] = {};
    size_t count = 0;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, wire_rows_parse_data_row(body.data(), body.size(), values, 2, &count, &error));
    EXPECT_EQ(1u, count);
    EXPECT_EQ(nullptr, values[0].data);
}

TEST(DataRowTest, MalformedRowsAreFatal)
{
    std::vector<std::string> bad = {
        Bytes().I16(-1).str(),                         // negative count
        Bytes().I16(1).I32(-2).str(),                  // negative length other than -1
        Bytes().I16(1).I32(INT32_MIN).str(),           // very negative length
        Bytes().I16(1).I32(10).Raw("short").str(),     // value past the end
        Bytes().I16(1).I32(1).Raw("xy").str(),         // leftover byte
        Bytes().I16(1000).I32(-1).str(),               // count beyond the bytes
        Bytes().I16(2).I32(-1).str(),                  // truncated
        std::string("\0", 1),                          // half a count
    };
    for (const std::string &body : bad) {
        struct wire_value values[1] = {};
        size_t count = 0;
        struct error error;
        error_init(&error);
        EXPECT_EQ(-1, wire_rows_parse_data_row(reinterpret_cast<const unsigned char *>(body.data()),
                                               body.size(), values, 1, &count, &error));
        EXPECT_STREQ("08P01", error.sqlstate);
    }
}

TEST(NoticeTest, ErrorFieldsAreAllRead)
{
    Bytes body;
    body.U8('S').Str("ERREUR").U8('V').Str("ERROR").U8('C').Str("42P01").U8('M')
        .Str("relation \"nope\" does not exist").U8('D').Str("some detail").U8('H').Str("a hint")
        .U8('P').Str("15").U8('W').Str("SQL function f").U8('s').Str("public").U8('F')
        .Str("parse_relation.c").U8('L').Str("1392").U8('R').Str("parserOpenTable").U8('Z')
        .Str("future field").U8(0);
    struct error out;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, wire_notice_parse(body.data(), body.size(), &out, &error)) << error.message;
    EXPECT_EQ(ERROR_ORIGIN_SERVER, out.origin);
    EXPECT_STREQ("42P01", out.sqlstate);
    EXPECT_STREQ("ERROR", out.severity);
    EXPECT_STREQ("relation \"nope\" does not exist", out.message);
    EXPECT_STREQ("some detail\nCONTEXT: SQL function f", out.detail);
    EXPECT_STREQ("a hint", out.hint);
    EXPECT_EQ(15, out.position);
}

TEST(NoticeTest, ANoticeLeavesItsContextOutAsPsqlDoes)
{
    Bytes body;
    body.U8('S').Str("INFO").U8('V').Str("INFO").U8('C').Str("01000").U8('M').Str("hello")
        .U8('W').Str("PL/pgSQL function f() line 3 at RAISE").U8(0);
    struct error out;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, wire_notice_parse(body.data(), body.size(), &out, &error)) << error.message;
    EXPECT_STREQ("hello", out.message);
    EXPECT_STREQ("", out.detail);
    Bytes fatal;
    fatal.U8('S').Str("FATAL").U8('C').Str("57P01").U8('M').Str("bye").U8('W').Str("somewhere")
        .U8(0);
    ASSERT_EQ(0, wire_notice_parse(fatal.data(), fatal.size(), &out, &error)) << error.message;
    EXPECT_STREQ("CONTEXT: somewhere", out.detail) << "a server before 9.6 sends no 'V'";
}

TEST(NoticeTest, MalformedErrorsAreRefused)
{
    std::vector<std::string> bad = {
        Bytes().U8('C').Str("42P01").U8('M').Str("no terminator").str(),
        Bytes().U8('C').Str("42P01").U8('M').Raw("no nul").str(),
        Bytes().U8('C').Str("42P01").U8(0).U8('x').str(),      // leftover
        Bytes().U8('M').Str("no sqlstate").U8(0).str(),
        Bytes().U8('C').Str("42p0").U8(0).str(),               // malformed SQLSTATE
        Bytes().U8('C').Str("4'P01").U8(0).str(),
        Bytes().U8('C').Str("42P01").U8('P').Str("x1").U8(0).str(),
        Bytes().U8('C').Str("42P01").U8('P').Str("-4").U8(0).str(),
        std::string(),
    };
    for (const std::string &body : bad) {
        struct error out;
        struct error error;
        error_init(&error);
        EXPECT_EQ(-1, wire_notice_parse(reinterpret_cast<const unsigned char *>(body.data()),
                                        body.size(), &out, &error));
        EXPECT_STREQ("08P01", error.sqlstate);
    }
}

}  // namespace
