// TargetSessionAttrs judged from what a scripted server reports: the
// ParameterStatus values of PostgreSQL 14+ decide without a query; an older
// server (no in_hot_standby) is asked with two queries whose command tags
// carry the answers; each target's rule.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "message_builder.h"

extern "C" {
#include "support/memory_stream.h"
#include "params/connect_params.h"
#include "util/deadline.h"
#include "util/error.h"
#include "wire/conn.h"
#include "wire/conn_internal.h"
#include "wire/session_target.h"
}

namespace {

void IgnoreNotice(void *, const struct error *) {}

std::string Complete(const std::string &tag) { return Message('C', Bytes().Str(tag)); }

class SessionTargetTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        memory_script_init(&script_);
        ASSERT_EQ(0, params_init(&params_));
        ASSERT_EQ(0, params_set_string(&params_.user, "user", 4));
        params_.ssl.mode = PARAMS_SSL_DISABLE;
        error_init(&error_);
        sink_.emit = IgnoreNotice;
        sink_.context = nullptr;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        params_reset(&params_);
        memory_script_reset(&script_);
    }
    // Connects to a server whose startup reports the given statuses, with
    // more bytes (query answers) queued after it.
    void ConnectTo(const std::string &statuses, const std::string &later = "")
    {
        std::string bytes = AuthOk() + statuses + BackendKey(7, 8) + Ready('I') + later;
        ASSERT_EQ(0, memory_script_add(&script_, bytes.data(), bytes.size()));
        struct net_stream *stream = memory_stream_new(&script_);
        ASSERT_NE(nullptr, stream);
        struct deadline deadline = deadline_after_ms(10000);
        ASSERT_EQ(0, wire_connect_over_stream(stream, &params_, &deadline, false, &sink_, &conn_,
                                              &error_))
            << error_.message;
    }
    const char *Judge(enum params_target_session target)
    {
        const char *rejection = "unset";
        EXPECT_EQ(0, wire_session_check_target(conn_, target, &rejection, &error_))
            << error_.message;
        return rejection;
    }
    std::string Written() const
    {
        return std::string(reinterpret_cast<const char *>(script_.written),
                           script_.written_length);
    }

    struct memory_script script_;
    struct connect_params params_;
    struct error error_;
    struct notice_sink sink_;
    struct wire_conn *conn_ = nullptr;
};

std::string Statuses14(const char *hot_standby, const char *read_only)
{
    return ParameterStatus("server_version", "16.1") +
           ParameterStatus("in_hot_standby", hot_standby) +
           ParameterStatus("default_transaction_read_only", read_only);
}

TEST_F(SessionTargetTest, PrimaryReportedAtStartupSuitsReadWriteAndPrimaryOnly)
{
    ConnectTo(Statuses14("off", "off"));
    size_t written_after_startup = script_.written_length;
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_ANY));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_READ_WRITE));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_PRIMARY));
    EXPECT_NE(nullptr, std::strstr(Judge(PARAMS_TARGET_READ_ONLY), "read-write"));
    EXPECT_NE(nullptr, std::strstr(Judge(PARAMS_TARGET_STANDBY), "not a standby"));
    EXPECT_NE(nullptr, std::strstr(Judge(PARAMS_TARGET_PREFER_STANDBY), "not a standby"));
    EXPECT_EQ(written_after_startup, script_.written_length); // no query was sent
}

TEST_F(SessionTargetTest, HotStandbyReportedAtStartupIsReadOnlyAndAStandby)
{
    ConnectTo(Statuses14("on", "off"));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_STANDBY));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_READ_ONLY));
    EXPECT_NE(nullptr, std::strstr(Judge(PARAMS_TARGET_PRIMARY), "is a standby"));
    EXPECT_NE(nullptr, std::strstr(Judge(PARAMS_TARGET_READ_WRITE), "read-only"));
}

TEST_F(SessionTargetTest, ReadOnlyPrimaryIsReadOnlyButStillAPrimary)
{
    ConnectTo(Statuses14("off", "on"));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_READ_ONLY));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_PRIMARY));
    EXPECT_NE(nullptr, Judge(PARAMS_TARGET_READ_WRITE));
    EXPECT_NE(nullptr, Judge(PARAMS_TARGET_STANDBY));
}

TEST_F(SessionTargetTest, OlderServerIsAskedWithQueriesWhoseTagsAnswer)
{
    // PostgreSQL 13: no in_hot_standby. In recovery (SELECT 1), read-only (SELECT 1).
    ConnectTo(ParameterStatus("server_version", "13.9"),
              Complete("SELECT 1") + Ready('I') + Complete("SELECT 1") + Ready('I'));
    EXPECT_EQ(nullptr, Judge(PARAMS_TARGET_STANDBY));
    std::string sent = Written();
    EXPECT_NE(std::string::npos, sent.find("pg_is_in_recovery()"));
    EXPECT_NE(std::string::npos, sent.find("transaction_read_only"));
}

TEST_F(SessionTargetTest, OlderPrimaryAnsweringSelect0IsRejectedAsStandby)
{
    ConnectTo(ParameterStatus("server_version", "13.9"),
              Complete("SELECT 0") + Ready('I') + Complete("SELECT 0") + Ready('I'));
    EXPECT_NE(nullptr, std::strstr(Judge(PARAMS_TARGET_STANDBY), "not a standby"));
}

TEST_F(SessionTargetTest, FailedQueryOnOlderServerIsAnError)
{
    ConnectTo(ParameterStatus("server_version", "13.9"),
              Message('E', Bytes().U8('S').Str("ERROR").U8('C').Str("42883").U8('M').Str(
                               "no such function").U8(0)) +
                  Ready('I'));
    const char *rejection = nullptr;
    EXPECT_EQ(-1, wire_session_check_target(conn_, PARAMS_TARGET_PRIMARY, &rejection, &error_));
    EXPECT_STREQ("42883", error_.sqlstate);
}

} // namespace
