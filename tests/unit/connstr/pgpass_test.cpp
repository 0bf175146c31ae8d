// The password file: libpq's line matching (wildcards, escapes, comments,
// the first match winning), and connstr_apply_passfile's choice of file,
// its permission check (01000, file ignored) and Unix-socket host names.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "connstr_test_support.h"

extern "C" {
#include "connstr/pgpass.h"
#include "util/secret.h"
}

namespace {

// The unescaped password the text gives target, or "<none>".
std::string Lookup(const std::string &text, const char *host, const char *port,
                   const char *database, const char *user)
{
    struct connstr_pgpass_target target = {host, port, database, user};
    const char *field = nullptr;
    size_t field_length = 0;
    if (!connstr_pgpass_match(text.data(), text.size(), &target, &field, &field_length)) {
        return "<none>";
    }
    std::string out(field_length + 1, '\0');
    size_t length = connstr_pgpass_unescape(field, field_length, &out[0]);
    out.resize(length);
    return out;
}

TEST(PgpassMatchTest, ExactLineGivesItsPassword)
{
    EXPECT_EQ(Lookup("db.example.com:5432:orders:report:s3cret\n", "db.example.com", "5432",
                     "orders", "report"),
              "s3cret");
}

TEST(PgpassMatchTest, EachOfTheFirstFourFieldsMustMatch)
{
    const std::string line = "db:5432:orders:report:pw\n";
    EXPECT_EQ(Lookup(line, "other", "5432", "orders", "report"), "<none>");
    EXPECT_EQ(Lookup(line, "db", "5433", "orders", "report"), "<none>");
    EXPECT_EQ(Lookup(line, "db", "5432", "sales", "report"), "<none>");
    EXPECT_EQ(Lookup(line, "db", "5432", "orders", "admin"), "<none>");
    EXPECT_EQ(Lookup(line, "d", "5432", "orders", "report"), "<none>");
    EXPECT_EQ(Lookup(line, "dbx", "5432", "orders", "report"), "<none>");
}

TEST(PgpassMatchTest, StarMatchesAnyValueInAnyOfTheFirstFourFields)
{
    EXPECT_EQ(Lookup("*:*:*:*:any\n", "h", "1", "d", "u"), "any");
    EXPECT_EQ(Lookup("h:*:d:u:p\n", "h", "6543", "d", "u"), "p");
}

TEST(PgpassMatchTest, StarInsideAFieldIsLiteral)
{
    EXPECT_EQ(Lookup("h*:5432:d:u:p\n", "hx", "5432", "d", "u"), "<none>");
    EXPECT_EQ(Lookup("h*:5432:d:u:p\n", "h*", "5432", "d", "u"), "p");
    EXPECT_EQ(Lookup("\\*:5432:d:u:p\n", "any", "5432", "d", "u"), "<none>");
    EXPECT_EQ(Lookup("\\*:5432:d:u:p\n", "*", "5432", "d", "u"), "p");
}

TEST(PgpassMatchTest, FirstMatchingLineWins)
{
    EXPECT_EQ(Lookup("h:5432:d:u:first\n*:*:*:*:second\n", "h", "5432", "d", "u"), "first");
    EXPECT_EQ(Lookup("other:5432:d:u:first\n*:*:*:*:second\n", "h", "5432", "d", "u"),
              "second");
}

TEST(PgpassMatchTest, EscapedColonAndBackslashInFieldsAndPassword)
{
    EXPECT_EQ(Lookup("h:5432:my\\:db:u:pa\\:ss\\\\word\n", "h", "5432", "my:db", "u"),
              "pa:ss\\word");
    EXPECT_EQ(Lookup("h:5432:a\\\\b:u:p\n", "h", "5432", "a\\b", "u"), "p");
}

TEST(PgpassMatchTest, PasswordEndsAtAnUnescapedColon)
{
    EXPECT_EQ(Lookup("h:5432:d:u:pass:extra\n", "h", "5432", "d", "u"), "pass");
}

TEST(PgpassMatchTest, CommentsBlankLinesAndShortLinesAreSkipped)
{
    EXPECT_EQ(Lookup("# h:5432:d:u:commented\n\nh:5432\nh:5432:d:u:real", "h", "5432", "d", "u"),
              "real");
}

TEST(PgpassMatchTest, CarriageReturnAtLineEndIsNotPartOfThePassword)
{
    EXPECT_EQ(Lookup("h:5432:d:u:pw\r\n", "h", "5432", "d", "u"), "pw");
}

TEST(PgpassMatchTest, UnixSocketDirectoryIsMatchedAsTheHost)
{
    EXPECT_EQ(Lookup("/tmp/pg\\:sock:5432:d:u:pw\n", "/tmp/pg:sock", "5432", "d", "u"), "pw");
}

class PgpassFileTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        char pattern[] = "/tmp/pgo_pgpass_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder_ = pattern;
        path_ = folder_ + "/pgpass";
        const char *old = getenv("PGPASSFILE");
        had_env_ = old != nullptr;
        if (had_env_) {
            old_env_ = old;
        }
        unsetenv("PGPASSFILE");
    }
    void TearDown() override
    {
        unlink(path_.c_str());
        rmdir(folder_.c_str());
        if (had_env_) {
            setenv("PGPASSFILE", old_env_.c_str(), 1);
        }
    }
    void Write(const std::string &text, mode_t mode)
    {
        std::ofstream(path_) << text;
        ASSERT_EQ(chmod(path_.c_str(), mode), 0);
    }
    // Converts text's settings and applies the password file to params;
    // false (with the message in *problem) when either step failed.
    bool ApplyTo(const std::string &text, Params &params, std::string *problem)
    {
        Settings settings;
        struct error error;
        if (ParseText(text, settings, recorder_, &error) != 0 ||
            connstr_settings_to_params(settings.get(), params.get(), &error) != 0 ||
            connstr_apply_passfile(settings.get(), params.get(), recorder_.sink(), &error) != 0) {
            *problem = error.message;
            return false;
        }
        return true;
    }
    // Connects text's settings through the password file; returns the
    // password found ("<none>") and records warnings.
    std::string Apply(const std::string &text)
    {
        Settings settings;
        Params params;
        struct error error;
        if (ParseText(text, settings, recorder_, &error) != 0 ||
            connstr_settings_to_params(settings.get(), params.get(), &error) != 0) {
            return "<parse error: " + std::string(error.message) + ">";
        }
        if (connstr_apply_passfile(settings.get(), params.get(), recorder_.sink(), &error) != 0) {
            return "<error: " + std::string(error.message) + ">";
        }
        if (!secret_is_set(&params->password)) {
            return "<none>";
        }
        size_t length = 0;
        const char *bytes = secret_reveal(&params->password, &length);
        return std::string(bytes, length);
    }
    std::string folder_;
    std::string path_;
    bool had_env_ = false;
    std::string old_env_;
    NoticeRecorder recorder_;
};

TEST_F(PgpassFileTest, PassfileKeywordNamesTheFileUsedWhenNoPasswordIsGiven)
{
    Write("db:6000:orders:report:from-file\n", 0600);
    EXPECT_EQ(Apply("UID=report;Server=db;Port=6000;Database=orders;Passfile=" + path_),
              "from-file");
    EXPECT_TRUE(recorder_.notices().empty());
}

TEST_F(PgpassFileTest, GivenPasswordWinsOverTheFile)
{
    Write("*:*:*:*:from-file\n", 0600);
    EXPECT_EQ(Apply("UID=u;PWD=given;Passfile=" + path_), "given");
}

TEST_F(PgpassFileTest, PgpassfileEnvironmentVariableNamesTheFileWithoutTheKeyword)
{
    Write("localhost:5432:u:u:env-file\n", 0600);
    setenv("PGPASSFILE", path_.c_str(), 1);
    EXPECT_EQ(Apply("UID=u"), "env-file"); // database defaults to the user name
}

TEST_F(PgpassFileTest, FileWithGroupOrWorldAccessIsIgnoredWithWarning01000)
{
    Write("*:*:*:*:too-open\n", 0640);
    EXPECT_EQ(Apply("UID=u;Passfile=" + path_), "<none>");
    ASSERT_EQ(recorder_.notices().size(), 1u);
    EXPECT_EQ(recorder_.notices()[0].sqlstate, "01000");
    EXPECT_NE(recorder_.notices()[0].message.find("0600"), std::string::npos)
        << recorder_.notices()[0].message;
}

TEST_F(PgpassFileTest, MissingFileIsSilentlyNoPassword)
{
    EXPECT_EQ(Apply("UID=u;Passfile=" + folder_ + "/absent"), "<none>");
    EXPECT_TRUE(recorder_.notices().empty());
}

TEST_F(PgpassFileTest, DirectoryIsIgnoredWithWarning01000)
{
    EXPECT_EQ(Apply("UID=u;Passfile=" + folder_), "<none>");
    ASSERT_EQ(recorder_.notices().size(), 1u);
    EXPECT_EQ(recorder_.notices()[0].sqlstate, "01000");
}

TEST_F(PgpassFileTest, UnixSocketInTheDefaultDirectoryLooksUpLocalhost)
{
    Write("localhost:5432:d:u:local\n/srv/pg:5432:d:u:socket-dir\n", 0600);
    EXPECT_EQ(Apply("UID=u;Database=d;UnixSock=/var/run/postgresql;Passfile=" + path_),
              "local");
    EXPECT_EQ(Apply("UID=u;Database=d;UnixSock=/srv/pg;Passfile=" + path_), "socket-dir");
}

static std::string Revealed(const struct secret *secret)
{
    if (!secret_is_set(secret)) {
        return "<none>";
    }
    size_t length = 0;
    const char *bytes = secret_reveal(secret, &length);
    return std::string(bytes, length);
}

TEST_F(PgpassFileTest, EachHostOfAListGetsThePasswordOfItsOwnLine)
{
    Write("a:1:d:u:pw-a\nb:2:d:u:pw-b\n*:*:*:*:catch-all\n", 0600);
    Params params;
    std::string problem;
    ASSERT_TRUE(ApplyTo("UID=u;Database=d;Server=a,b;Port=1,2;Passfile=" + path_, params,
                        &problem))
        << problem;
    ASSERT_EQ(params->host_count, 2u);
    EXPECT_EQ(Revealed(&params->hosts[0].password), "pw-a");
    EXPECT_EQ(Revealed(&params->hosts[1].password), "pw-b");
    EXPECT_EQ(Revealed(&params->password), "<none>");
}

} // namespace
