// struct error: first error wins, context is prefixed, overlong text ends
// in "..." and never splits a UTF-8 character; notices reach the sink.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "util/error.h"
}

namespace {

TEST(Error, StartsUnset)
{
    struct error error;
    error_init(&error);
    EXPECT_FALSE(error_is_set(&error));
    EXPECT_EQ(error.origin, ERROR_ORIGIN_NONE);
    EXPECT_STREQ(error.message, "");
}

TEST(Error, SetRecordsSqlstateOriginAndFormattedMessage)
{
    struct error error;
    error_init(&error);
    error_set(&error, "08001", "Port \"%s\" is not a number from 1 to %d", "54x2", 65535);
    EXPECT_TRUE(error_is_set(&error));
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_EQ(error.origin, ERROR_ORIGIN_DRIVER);
    EXPECT_STREQ(error.message, "Port \"54x2\" is not a number from 1 to 65535");
}

TEST(Error, FirstErrorWins)
{
    struct error error;
    error_init(&error);
    error_set(&error, "08001", "could not connect");
    error_set(&error, "HY000", "something later");
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_STREQ(error.message, "could not connect");
}

TEST(Error, ContextIsPrefixedToTheCause)
{
    struct error error;
    error_init(&error);
    error_set(&error, "08001", "connection refused");
    error_add_context(&error, "connecting to %s:%d", "db1", 5432);
    EXPECT_STREQ(error.message, "connecting to db1:5432: connection refused");
    EXPECT_STREQ(error.sqlstate, "08001");
}

TEST(Error, ContextOnAnUnsetErrorDoesNothing)
{
    struct error error;
    error_init(&error);
    error_add_context(&error, "connecting");
    EXPECT_FALSE(error_is_set(&error));
    EXPECT_STREQ(error.message, "");
}

TEST(Error, OverlongMessageEndsInTruncationMarker)
{
    struct error error;
    error_init(&error);
    std::string long_text(5000, 'a');
    error_set(&error, "HY000", "%s", long_text.c_str());
    size_t length = std::strlen(error.message);
    EXPECT_EQ(length, ERROR_TEXT_MAX - 1);
    EXPECT_EQ(std::string(error.message + length - 3), "...");
}

TEST(Error, ContextOnAFullMessageTruncatesSafely)
{
    struct error error;
    error_init(&error);
    std::string long_text(ERROR_TEXT_MAX - 10, 'b');
    error_set(&error, "HY000", "%s", long_text.c_str());
    error_add_context(&error, "connecting to db1:5432");
    size_t length = std::strlen(error.message);
    EXPECT_LT(length, static_cast<size_t>(ERROR_TEXT_MAX));
    EXPECT_EQ(std::string(error.message, 24), "connecting to db1:5432: ");
    EXPECT_EQ(std::string(error.message + length - 3), "...");
}

TEST(Error, CopyTextFitsOrMarksTruncation)
{
    char field[8];
    error_copy_text(field, sizeof field, "short", 5);
    EXPECT_STREQ(field, "short");
    error_copy_text(field, sizeof field, "exactly", 7);
    EXPECT_STREQ(field, "exactly");
    error_copy_text(field, sizeof field, "too long text", 13);
    EXPECT_STREQ(field, "too ...");
    error_copy_text(field, sizeof field, "abcdef", 3);
    EXPECT_STREQ(field, "abc");
}

TEST(Error, TruncationNeverSplitsAUtf8Character)
{
    char field[8];
    // "abc" then three two-byte characters: cutting at byte 4 would split é.
    const char *text = "abc\xC3\xA9\xC3\xA9\xC3\xA9";
    error_copy_text(field, sizeof field, text, std::strlen(text));
    EXPECT_STREQ(field, "abc...");
}

TEST(Error, OverrideReplacesOnlyTheSqlstateOfASetError)
{
    struct error error;
    error_init(&error);
    error_override_sqlstate(&error, "08001");
    EXPECT_FALSE(error_is_set(&error));
    error_set(&error, "08S01", "connection reset");
    error_override_sqlstate(&error, "08001");
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_STREQ(error.message, "connection reset");
}

struct CollectedNotices {
    std::vector<std::string> sqlstates;
    std::vector<std::string> messages;
};

void CollectNotice(void *context, const struct error *notice)
{
    auto *collected = static_cast<CollectedNotices *>(context);
    collected->sqlstates.emplace_back(notice->sqlstate);
    collected->messages.emplace_back(notice->message);
}

TEST(NoticeSink, WarnDeliversOneFormattedNotice)
{
    CollectedNotices collected;
    struct notice_sink sink = {CollectNotice, &collected};
    notice_sink_warn(&sink, "01S00", "Unknown keyword \"%s\" ignored", "colour");
    ASSERT_EQ(collected.messages.size(), 1u);
    EXPECT_EQ(collected.sqlstates[0], "01S00");
    EXPECT_EQ(collected.messages[0], "Unknown keyword \"colour\" ignored");
}

TEST(NoticeSink, EmitPassesTheNoticeThrough)
{
    CollectedNotices collected;
    struct notice_sink sink = {CollectNotice, &collected};
    struct error notice;
    error_init(&notice);
    error_set(&notice, "01000", "server says hello");
    notice_sink_emit(&sink, &notice);
    ASSERT_EQ(collected.messages.size(), 1u);
    EXPECT_EQ(collected.messages[0], "server says hello");
}

TEST(NoticeSink, NullSinkOrNullEmitDropsNotices)
{
    struct notice_sink empty = {nullptr, nullptr};
    notice_sink_warn(nullptr, "01000", "dropped");
    notice_sink_warn(&empty, "01000", "dropped");
    struct error notice;
    error_init(&notice);
    notice_sink_emit(nullptr, &notice);
    notice_sink_emit(&empty, &notice);
    SUCCEED();
}

} // namespace
