// The service file's sections and libpq parameter names, and libpq's
// environment variables, as sources that fill only unset keywords.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "connstr_test_support.h"

extern "C" {
#include "connstr/service.h"
}

namespace {

const char kFile[] =
    "# services\n"
    "[reports]\n"
    "host=db.example.com\n"
    "  port = 6432  \n"
    "dbname=orders\n"
    "user=report\n"
    "application_name=nightly\n"
    "target_session_attrs=read-write\n"
    "load_balance_hosts=random\n"
    "channel_binding=require\n"
    "require_auth=scram-sha-256\n"
    "\n"
    "[local]\n"
    "host=/var/run/postgresql\n"
    "user=me\n"
    "options=-c search_path=x\n"
    "krbsrvname=postgres\n";

int Merge(Settings &settings, NoticeRecorder &recorder, const char *service)
{
    struct error error;
    error_init(&error);
    std::string text = kFile;
    return connstr_service_merge_text(settings.get(), text.data(), text.size(), service,
                                      "test.conf", recorder.sink(), &error);
}

TEST(ServiceFileTest, SectionFillsKeywordsThroughLibpqNames)
{
    Settings settings;
    NoticeRecorder recorder;
    ASSERT_EQ(Merge(settings, recorder, "reports"), 1);
    EXPECT_STREQ(settings.value("Server"), "db.example.com");
    EXPECT_STREQ(settings.value("Port"), "6432");
    EXPECT_STREQ(settings.value("Database"), "orders");
    EXPECT_STREQ(settings.value("UID"), "report");
    EXPECT_STREQ(settings.value("ApplicationName"), "nightly");
    EXPECT_STREQ(settings.value("TargetSessionAttrs"), "read-write");
    EXPECT_STREQ(settings.value("LoadBalanceHosts"), "random");
    EXPECT_STREQ(settings.value("ChannelBinding"), "require");
    EXPECT_STREQ(settings.value("RequireAuth"), "scram-sha-256");
    EXPECT_EQ(settings.value("UnixSock"), nullptr); // the next section is not read
    EXPECT_TRUE(recorder.notices().empty());
}

TEST(ServiceFileTest, KeywordsAlreadySetWin)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=mine;Port=7000", settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, recorder, "reports"), 1);
    EXPECT_STREQ(settings.value("UID"), "mine");
    EXPECT_STREQ(settings.value("Port"), "7000");
    EXPECT_STREQ(settings.value("Database"), "orders");
}

TEST(ServiceFileTest, HostStartingWithSlashIsTheSocketDirectory)
{
    Settings settings;
    NoticeRecorder recorder;
    ASSERT_EQ(Merge(settings, recorder, "local"), 1);
    EXPECT_STREQ(settings.value("UnixSock"), "/var/run/postgresql");
    EXPECT_EQ(settings.value("Server"), nullptr);
}

TEST(ServiceFileTest, ParameterWithoutKeywordIsWarnedAs01S00)
{
    Settings settings;
    NoticeRecorder recorder;
    ASSERT_EQ(Merge(settings, recorder, "local"), 1);
    ASSERT_EQ(recorder.notices().size(), 1u);
    EXPECT_EQ(recorder.notices()[0].sqlstate, "01S00");
    EXPECT_NE(recorder.notices()[0].message.find("krbsrvname"), std::string::npos);
    EXPECT_STREQ(settings.value("Options"), "-c search_path=x"); // libpq's options
}

TEST(ServiceFileTest, MissingSectionIsReportedAsNotFound)
{
    Settings settings;
    NoticeRecorder recorder;
    EXPECT_EQ(Merge(settings, recorder, "report"), 0); // a prefix is not the name
    EXPECT_EQ(settings.value("Server"), nullptr);
}

TEST(ServiceFileTest, UndefinedServiceFails08001NamingIt)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    setenv("PGSERVICEFILE", "/nonexistent/pg_service.conf", 1);
    setenv("PGSYSCONFDIR", "/nonexistent", 1);
    ASSERT_EQ(ParseText("Service=nowhere", settings, recorder, &error), 0);
    EXPECT_EQ(connstr_merge_service(settings.get(), recorder.sink(), &error), -1);
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_NE(std::string(error.message).find("nowhere"), std::string::npos) << error.message;
    unsetenv("PGSERVICEFILE");
    unsetenv("PGSYSCONFDIR");
}

class EnvironmentTest : public ::testing::Test {
protected:
    void TearDown() override
    {
        for (const char *name : {"PGHOST", "PGPORT", "PGUSER", "PGAPPNAME", "PGSSLMODE",
                                 "PGCHANNELBINDING", "PGREQUIREAUTH", "PGCONNECT_TIMEOUT"}) {
            unsetenv(name);
        }
    }
};

TEST_F(EnvironmentTest, VariablesFillOnlyUnsetKeywords)
{
    setenv("PGHOST", "envhost", 1);
    setenv("PGPORT", "6000", 1);
    setenv("PGUSER", "envuser", 1);
    setenv("PGAPPNAME", "envapp", 1);
    setenv("PGCHANNELBINDING", "require", 1);
    setenv("PGCONNECT_TIMEOUT", "7", 1);
    setenv("PGREQUIREAUTH", "!password", 1);
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=given", settings, recorder, &error), 0);
    ASSERT_EQ(connstr_merge_environment(settings.get(), &error), 0);
    EXPECT_STREQ(settings.value("UID"), "given");
    EXPECT_STREQ(settings.value("Server"), "envhost");
    EXPECT_STREQ(settings.value("Port"), "6000");
    EXPECT_STREQ(settings.value("ApplicationName"), "envapp");
    EXPECT_STREQ(settings.value("ChannelBinding"), "require");
    EXPECT_STREQ(settings.value("RequireAuth"), "!password");
    // libpq's connect_timeout bounds connecting only: LoginTimeout, not Timeout.
    EXPECT_STREQ(settings.value("LoginTimeout"), "7");
    EXPECT_EQ(settings.value("Timeout"), nullptr);
}

TEST_F(EnvironmentTest, LibpqEnvOffIgnoresTheVariables)
{
    setenv("PGUSER", "envuser", 1);
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("LibpqEnv=0", settings, recorder, &error), 0);
    ASSERT_EQ(connstr_merge_environment(settings.get(), &error), 0);
    EXPECT_EQ(settings.value("UID"), nullptr);
}

TEST_F(EnvironmentTest, PghostWithSlashIsASocketDirectory)
{
    setenv("PGHOST", "/run/pg", 1);
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u", settings, recorder, &error), 0);
    ASSERT_EQ(connstr_merge_environment(settings.get(), &error), 0);
    EXPECT_STREQ(settings.value("UnixSock"), "/run/pg");
}

TEST_F(EnvironmentTest, BadLibpqEnvValueFailsWithHY024)
{
    Params params;
    struct error error;
    EXPECT_EQ(ParseAndConvert("UID=u;LibpqEnv=maybe", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_NE(std::string(error.message).find("LibpqEnv"), std::string::npos) << error.message;
}

} // namespace
