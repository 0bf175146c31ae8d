// DSN lookup through libodbcinst against a private odbc.ini (ODBCINI, user
// DSNs) and $ODBCSYSINI/odbc.ini (system DSNs) written into a temporary
// folder, file DSNs (FILEDSN) and saving one (SAVEFILE).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "connstr_test_support.h"

namespace {

std::string ReadWholeFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void WriteWholeFile(const std::string &path, const std::string &text)
{
    std::ofstream out(path);
    out << text;
}

class ConnstrDsn : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        char pattern[] = "/tmp/pgodbc_connstr_dsn_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder_ = pattern;
        WriteWholeFile(folder_ + "/user_odbc.ini",
                       "[pgdsn]\n"
                       "Driver = pgodbc\n"
                       "Description = a test DSN\n"
                       "Server = dsnhost\n"
                       "Port = 5433\n"
                       "Database = dsndb\n"
                       "Foo = bar\n"
                       "\n"
                       "[aliasdsn]\n"
                       "Driver = pgodbc\n"
                       "Username = dsnuser\n"
                       "Password = dsn secret\n"
                       "Host = aliashost\n"
                       "Servername = ignored because Host came first\n"
                       "StartupParams = {TimeZone=UTC;search_path=audit}\n"
                       "\n"
                       "[shadowed]\n"
                       "Driver = pgodbc\n"
                       "Server = from-user-file\n"
                       "\n"
                       "[badport]\n"
                       "Driver = pgodbc\n"
                       "Port = 54x2\n"
                       "\n"
                       "[emptysection]\n");
        WriteWholeFile(folder_ + "/odbc.ini",
                       "[sysdsn]\n"
                       "Driver = pgodbc\n"
                       "Server = syshost\n"
                       "UID = sysuser\n"
                       "\n"
                       "[shadowed]\n"
                       "Driver = pgodbc\n"
                       "Server = from-system-file\n");
        WriteWholeFile(folder_ + "/odbcinst.ini", "[pgodbc]\nDriver = /nonexistent/libpgodbc.so\n");
        WriteWholeFile(folder_ + "/file.dsn",
                       "[ODBC]\n"
                       "DRIVER=pgodbc\n"
                       "UID=fileuser\n"
                       "Server=filehost\n"
                       "SSLMode=require\n"
                       "Bogus=1\n");
        setenv("ODBCINI", (folder_ + "/user_odbc.ini").c_str(), 1);
        setenv("ODBCSYSINI", folder_.c_str(), 1);
    }

    static void TearDownTestSuite()
    {
        for (const char *name : {"user_odbc.ini", "odbc.ini", "odbcinst.ini", "file.dsn",
                                 "saved.dsn", "saved2.dsn"}) {
            unlink((folder_ + "/" + name).c_str());
        }
        rmdir(folder_.c_str());
    }

    static std::string folder_;
};

std::string ConnstrDsn::folder_;

int Merge(Settings &settings, const char *dsn, NoticeRecorder &recorder, struct error *error)
{
    error_init(error);
    return connstr_merge_dsn(settings.get(), dsn, recorder.sink(), error);
}

TEST_F(ConnstrDsn, DsnFillsKeywordsTheStringLeftUnset)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u;Port=6000", settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, "pgdsn", recorder, &error), 0) << error.message;
    EXPECT_STREQ(settings.value("Server"), "dsnhost");
    EXPECT_STREQ(settings.value("Database"), "dsndb");
    EXPECT_STREQ(settings.value("Port"), "6000") << "the string overrides the DSN";
    EXPECT_STREQ(settings.value("UID"), "u");
    EXPECT_EQ(settings.value("DRIVER"), nullptr) << "the DSN's Driver entry is the manager's";
}

TEST_F(ConnstrDsn, EmptyValuesInTheStringYieldToTheDsn)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("DSN=pgdsn;Server=;Port=6000", settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, "pgdsn", recorder, &error), 0) << error.message;
    EXPECT_STREQ(settings.value("Server"), "dsnhost") << "an empty Server= is not given";
    EXPECT_STREQ(settings.value("Port"), "6000");
}

TEST_F(ConnstrDsn, UnknownDsnEntryIsWarnedButManagerEntriesAreNot)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(Merge(settings, "pgdsn", recorder, &error), 0);
    ASSERT_EQ(recorder.notices().size(), 1u);
    EXPECT_EQ(recorder.notices()[0].sqlstate, "01S00");
    EXPECT_EQ(recorder.notices()[0].message,
              "Unknown keyword \"Foo\" in data source \"pgdsn\" was ignored");
}

TEST_F(ConnstrDsn, StringAliasOverridesTheDsnsCanonicalName)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("Host=stringhost;UID=u", settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, "pgdsn", recorder, &error), 0);
    EXPECT_STREQ(settings.value("Server"), "stringhost");
}

TEST_F(ConnstrDsn, DsnMayUseAliasesAndTheFirstEntryWins)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(Merge(settings, "aliasdsn", recorder, &error), 0);
    EXPECT_TRUE(recorder.notices().empty());
    EXPECT_STREQ(settings.value("UID"), "dsnuser");
    EXPECT_STREQ(settings.value("PWD"), "dsn secret");
    EXPECT_STREQ(settings.value("Server"), "aliashost");

    Params params;
    ASSERT_EQ(connstr_settings_to_params(settings.get(), params.get(), &error), 0)
        << error.message;
    EXPECT_STREQ(params->user, "dsnuser");
    EXPECT_STREQ(secret_reveal(&params->password, nullptr), "dsn secret");
    ASSERT_EQ(params->startup_param_count, 2u) << "StartupParams with its own braces";
    EXPECT_STREQ(params->startup_params[1].value, "audit");
}

TEST_F(ConnstrDsn, SystemDsnIsFoundThroughOdbcsysini)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(Merge(settings, "sysdsn", recorder, &error), 0) << error.message;
    EXPECT_STREQ(settings.value("Server"), "syshost");
    EXPECT_STREQ(settings.value("UID"), "sysuser");
}

TEST_F(ConnstrDsn, UserDsnShadowsSystemDsnOfTheSameName)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(Merge(settings, "shadowed", recorder, &error), 0);
    EXPECT_STREQ(settings.value("Server"), "from-user-file");
}

TEST_F(ConnstrDsn, MissingDsnIsIm002NamingIt)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(Merge(settings, "nosuchdsn", recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "IM002");
    EXPECT_EQ(std::string(error.message).rfind("Data source \"nosuchdsn\" was not found", 0), 0u)
        << error.message;
}

TEST_F(ConnstrDsn, SectionWithoutEntriesCountsAsMissing)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(Merge(settings, "emptysection", recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "IM002");
}

TEST_F(ConnstrDsn, BadValueFromTheDsnFailsLikeOneFromTheString)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u", settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, "badport", recorder, &error), 0);
    Params params;
    ASSERT_EQ(connstr_settings_to_params(settings.get(), params.get(), &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_STREQ(error.message, "Port \"54x2\" is not a number from 1 to 65535");
}

TEST_F(ConnstrDsn, NoDsnAndNoFiledsnMergesNothing)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u", settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, nullptr, recorder, &error), 0);
    EXPECT_EQ(settings.get()->count, 1u);
}

TEST_F(ConnstrDsn, FileDsnFillsUnsetKeywordsAndWarnsAboutUnknownOnes)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    std::string text = "FILEDSN=" + folder_ + "/file.dsn;Server=mine";
    ASSERT_EQ(ParseText(text, settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, nullptr, recorder, &error), 0) << error.message;
    EXPECT_STREQ(settings.value("UID"), "fileuser");
    EXPECT_STREQ(settings.value("Server"), "mine");
    EXPECT_STREQ(settings.value("SSLMode"), "require");
    EXPECT_EQ(settings.value("DRIVER"), nullptr);
    ASSERT_EQ(recorder.notices().size(), 1u);
    EXPECT_EQ(recorder.notices()[0].sqlstate, "01S00");
    EXPECT_NE(recorder.notices()[0].message.find("\"Bogus\""), std::string::npos)
        << recorder.notices()[0].message;
}

TEST_F(ConnstrDsn, MissingFileDsnIsIm002AndCreatesNoFile)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    std::string path = folder_ + "/absent.dsn";
    ASSERT_EQ(ParseText("FILEDSN=" + path, settings, recorder, &error), 0);
    ASSERT_EQ(Merge(settings, nullptr, recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "IM002");
    EXPECT_EQ(std::string(error.message), "File data source \"" + path + "\" was not found");
    EXPECT_NE(access(path.c_str(), F_OK), 0);
}

TEST_F(ConnstrDsn, SavefileWritesEverySettingButThePassword)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    std::string path = folder_ + "/saved.dsn";
    ASSERT_EQ(ParseText("DRIVER={pgodbc};UID=saver;PWD=hush;Server=savehost;"
                        "ApplicationName={a;b};SAVEFILE=" + path,
                        settings, recorder, &error),
              0);
    ASSERT_EQ(connstr_save_file_dsn(settings.get(), &error), 0) << error.message;
    std::string saved = ReadWholeFile(path);
    EXPECT_NE(saved.find("[ODBC]"), std::string::npos) << saved;
    EXPECT_NE(saved.find("UID=saver"), std::string::npos) << saved;
    EXPECT_NE(saved.find("Server=savehost"), std::string::npos) << saved;
    EXPECT_NE(saved.find("DRIVER=pgodbc"), std::string::npos) << saved;
    EXPECT_EQ(saved.find("hush"), std::string::npos) << saved;
    EXPECT_EQ(saved.find("SAVEFILE"), std::string::npos) << saved;

    // The saved file reads back as a file DSN.
    Settings reread;
    ASSERT_EQ(ParseText("FILEDSN=" + path, reread, recorder, &error), 0);
    ASSERT_EQ(Merge(reread, nullptr, recorder, &error), 0) << error.message;
    EXPECT_STREQ(reread.value("UID"), "saver");
    EXPECT_STREQ(reread.value("ApplicationName"), "a;b");
    EXPECT_EQ(reread.value("PWD"), nullptr);
}

TEST_F(ConnstrDsn, SavefileReplacesWhatTheFileHeldBefore)
{
    std::string path = folder_ + "/saved2.dsn";
    WriteWholeFile(path, "[ODBC]\nStale=1\n");
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=fresh;SAVEFILE=" + path, settings, recorder, &error), 0);
    ASSERT_EQ(connstr_save_file_dsn(settings.get(), &error), 0);
    std::string saved = ReadWholeFile(path);
    EXPECT_EQ(saved.find("Stale"), std::string::npos) << saved;
    EXPECT_NE(saved.find("UID=fresh"), std::string::npos) << saved;
}

TEST_F(ConnstrDsn, SavefileIntoAMissingFolderIs01S08)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u;SAVEFILE=" + folder_ + "/no/such/folder/x.dsn", settings,
                        recorder, &error),
              0);
    ASSERT_EQ(connstr_save_file_dsn(settings.get(), &error), -1);
    EXPECT_STREQ(error.sqlstate, "01S08");
}

TEST_F(ConnstrDsn, NoSavefileWritesNothing)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u", settings, recorder, &error), 0);
    EXPECT_EQ(connstr_save_file_dsn(settings.get(), &error), 0);
}

} // namespace
