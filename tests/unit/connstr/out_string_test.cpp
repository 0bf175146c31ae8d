// The completed out-string: canonical names, braces where needed, and no
// secrets.
#include <gtest/gtest.h>

#include <string>

#include "connstr_test_support.h"

extern "C" {
#include "util/buf.h"
}

namespace {

std::string OutStringOf(const std::string &text)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    EXPECT_EQ(ParseText(text, settings, recorder, &error), 0) << error.message;
    struct buf out;
    buf_init(&out, 1 << 20);
    EXPECT_EQ(connstr_write_out_string(settings.get(), &out), 0);
    std::string result;
    if (out.length > 0) {
        EXPECT_EQ(out.data[out.length - 1], '\0') << "the out-string ends with a NUL";
        result.assign(reinterpret_cast<const char *>(out.data), out.length - 1);
    }
    buf_reset(&out);
    return result;
}

TEST(ConnstrOutString, UsesCanonicalNamesInTheOrderGiven)
{
    EXPECT_EQ(OutStringOf("username=alice;host=db1;port=5433;dbname=shop"),
              "UID=alice;Server=db1;Port=5433;Database=shop");
}

TEST(ConnstrOutString, LeavesOutThePassword)
{
    EXPECT_EQ(OutStringOf("UID=alice;PWD=secret;Server=db1"), "UID=alice;Server=db1");
    EXPECT_EQ(OutStringOf("Password={se;cret};UID=alice"), "UID=alice");
}

TEST(ConnstrOutString, BracesValuesThatNeedThem)
{
    EXPECT_EQ(OutStringOf("DRIVER={PostgreSQL pgodbc};UID=u"), "DRIVER=PostgreSQL pgodbc;UID=u");
    EXPECT_EQ(OutStringOf("ApplicationName={a;b}"), "ApplicationName={a;b}");
    EXPECT_EQ(OutStringOf("ApplicationName={a=b}"), "ApplicationName={a=b}");
    EXPECT_EQ(OutStringOf("ApplicationName={x}}y}"), "ApplicationName={x}}y}");
    EXPECT_EQ(OutStringOf("ApplicationName={{x}"), "ApplicationName={{x}");
    EXPECT_EQ(OutStringOf("ApplicationName={ padded }"), "ApplicationName={ padded }");
    EXPECT_EQ(OutStringOf("StartupParams={a=1;b=2}"), "StartupParams={a=1;b=2}");
}

TEST(ConnstrOutString, ReadsBackToTheSameSettings)
{
    const std::string original = "UID=u;ApplicationName={we}}ird;=val{ue };Database=";
    std::string once = OutStringOf(original);
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText(once, settings, recorder, &error), 0) << once;
    EXPECT_STREQ(settings.value("ApplicationName"), "we}ird;=val{ue ");
    EXPECT_STREQ(settings.value("Database"), "");
    EXPECT_EQ(OutStringOf(once), once);
}

TEST(ConnstrOutString, EmptySettingsGiveAnEmptyString)
{
    EXPECT_EQ(OutStringOf(""), "");
}

} // namespace
