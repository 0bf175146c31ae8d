// The connection-string grammar: pairs, braces, "}}", first occurrence
// wins, aliases, case, and the warnings and errors for bad text.
#include <gtest/gtest.h>

#include <cstring>

#include "connstr_test_support.h"

namespace {

TEST(ConnstrGrammar, EmptyStringGivesNoSettingsAndNoWarnings)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("", settings, recorder, &error), 0);
    EXPECT_EQ(settings.get()->count, 0u);
    EXPECT_TRUE(recorder.notices().empty());
}

TEST(ConnstrGrammar, ReadsPairsWithAndWithoutFinalSemicolon)
{
    for (const char *text : {"UID=alice;Server=db1;Port=5433", "UID=alice;Server=db1;Port=5433;"}) {
        Settings settings;
        NoticeRecorder recorder;
        struct error error;
        ASSERT_EQ(ParseText(text, settings, recorder, &error), 0) << text;
        EXPECT_EQ(settings.get()->count, 3u);
        EXPECT_STREQ(settings.value("UID"), "alice");
        EXPECT_STREQ(settings.value("Server"), "db1");
        EXPECT_STREQ(settings.value("Port"), "5433");
        EXPECT_TRUE(recorder.notices().empty());
    }
}

TEST(ConnstrGrammar, TrimsWhiteSpaceAroundKeywordsAndUnbracedValues)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("  UID = alice smith ; \tServer\t=db1 ;", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("UID"), "alice smith");
    EXPECT_STREQ(settings.value("Server"), "db1");
}

TEST(ConnstrGrammar, MatchesKeywordsWithoutRegardToCase)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("uid=a;SERVER=b;pOrT=1;SSLMODE=require", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("UID"), "a");
    EXPECT_STREQ(settings.value("Server"), "b");
    EXPECT_STREQ(settings.value("Port"), "1");
    EXPECT_STREQ(settings.value("SSLMode"), "require");
    EXPECT_EQ(settings.get()->count, 4u);
    EXPECT_STREQ(settings.get()->items[0].canonical_keyword, "UID");
    EXPECT_STREQ(settings.get()->items[1].canonical_keyword, "Server");
}

TEST(ConnstrGrammar, FoldsAliasesToCanonicalNames)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("Username=a;Host=h;DBName=d;Password=p;UnixSocket=/s;Keepalive=0;"
                        "ConnectTimeout=3;application_name=app;sslrootcert=/r",
                        settings, recorder, &error),
              0);
    EXPECT_TRUE(recorder.notices().empty());
    EXPECT_STREQ(settings.value("UID"), "a");
    EXPECT_STREQ(settings.value("Server"), "h");
    EXPECT_STREQ(settings.value("Database"), "d");
    EXPECT_STREQ(settings.value("PWD"), "p");
    EXPECT_STREQ(settings.value("UnixSock"), "/s");
    EXPECT_STREQ(settings.value("TCPKeepalive"), "0");
    EXPECT_STREQ(settings.value("Timeout"), "3");
    EXPECT_STREQ(settings.value("ApplicationName"), "app");
    EXPECT_STREQ(settings.value("SSLRootCert"), "/r");
    const char *canonical[] = {"UID",      "Server",          "Database",  "PWD",
                               "UnixSock", "TCPKeepalive",    "Timeout",   "ApplicationName",
                               "SSLRootCert"};
    ASSERT_EQ(settings.get()->count, sizeof canonical / sizeof canonical[0]);
    for (size_t i = 0; i < settings.get()->count; i++) {
        EXPECT_STREQ(settings.get()->items[i].canonical_keyword, canonical[i]);
    }
}

TEST(ConnstrGrammar, FirstOccurrenceWinsIncludingThroughAnAlias)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("Server=first;Host=second;SERVER=third;UID=u;User=v", settings, recorder,
                        &error),
              0);
    EXPECT_STREQ(settings.value("Server"), "first");
    EXPECT_STREQ(settings.value("UID"), "u");
    EXPECT_EQ(settings.get()->count, 2u);
}

TEST(ConnstrGrammar, BracedValueMayHoldSemicolonsEqualsAndDoubledClosingBraces)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("PWD={a;b=c}}d{e};UID=u", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("PWD"), "a;b=c}d{e");
    EXPECT_STREQ(settings.value("UID"), "u");
    EXPECT_TRUE(recorder.notices().empty());
}

TEST(ConnstrGrammar, BracedValueKeepsInnerWhiteSpaceAndAllowsSpaceAfterTheBrace)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("PWD= { x } ;UID=u", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("PWD"), " x ");
}

TEST(ConnstrGrammar, DriverValueMayBeBraced)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("DRIVER={PostgreSQL pgodbc};UID=u", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("DRIVER"), "PostgreSQL pgodbc");
    EXPECT_STREQ(settings.value("driver"), "PostgreSQL pgodbc");
}

TEST(ConnstrGrammar, EmptyBracedValueIsEmpty)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("Database={};UID=u", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("Database"), "");
}

TEST(ConnstrGrammar, UnterminatedBraceFailsWith08001NamingTheKeyword)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u;PWD={abc;def", settings, recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_STREQ(error.message,
                 "The value of keyword \"PWD\" opens a brace \"{\" that is never closed");
    EXPECT_EQ(strstr(error.message, "abc"), nullptr);
    EXPECT_EQ(settings.get()->count, 0u) << "nothing is stored when the string fails";
}

TEST(ConnstrGrammar, SingleClosingBraceInsideBracesIsAnUnterminatedValue)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("PWD={a}}", settings, recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "08001");
}

TEST(ConnstrGrammar, TextAfterClosingBraceFailsNamingTheKeyword)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("PWD={abc}def};UID=u", settings, recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "08001");
    EXPECT_NE(strstr(error.message, "\"PWD\""), nullptr) << error.message;
    EXPECT_NE(strstr(error.message, "}}"), nullptr) << error.message;
}

TEST(ConnstrGrammar, PairWithoutEqualsIsWarnedAndSkipped)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u;garbage;Server=h;trailing", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("UID"), "u");
    EXPECT_STREQ(settings.value("Server"), "h");
    ASSERT_EQ(recorder.notices().size(), 2u);
    EXPECT_EQ(recorder.notices()[0].sqlstate, "01S00");
    EXPECT_EQ(recorder.notices()[0].message,
              "Connection string part \"garbage\" has no \"=\" and was ignored");
    EXPECT_EQ(recorder.notices()[1].message,
              "Connection string part \"trailing\" has no \"=\" and was ignored");
}

TEST(ConnstrGrammar, UnknownKeywordIsWarnedNamingItAndSkipped)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("Foo=bar;UID=u;Baz={x;y}", settings, recorder, &error), 0);
    EXPECT_EQ(settings.get()->count, 1u);
    ASSERT_EQ(recorder.notices().size(), 2u);
    EXPECT_EQ(recorder.notices()[0].sqlstate, "01S00");
    EXPECT_EQ(recorder.notices()[0].message, "Unknown connection keyword \"Foo\" was ignored");
    EXPECT_EQ(recorder.notices()[1].message, "Unknown connection keyword \"Baz\" was ignored");
}

TEST(ConnstrGrammar, PairWithEmptyKeywordIsWarnedWithoutShowingTheValue)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("=secret;UID=u", settings, recorder, &error), 0);
    ASSERT_EQ(recorder.notices().size(), 1u);
    EXPECT_EQ(recorder.notices()[0].sqlstate, "01S00");
    EXPECT_EQ(recorder.notices()[0].message.find("secret"), std::string::npos);
}

TEST(ConnstrGrammar, EmptyPairsAreSkippedQuietly)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText(";;UID=u;; ;", settings, recorder, &error), 0);
    EXPECT_EQ(settings.get()->count, 1u);
    EXPECT_TRUE(recorder.notices().empty());
}

TEST(ConnstrGrammar, ValueWithNulCharacterIsRefused)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    std::string text("UID=a\0b", 7);
    ASSERT_EQ(ParseText(text, settings, recorder, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
}

TEST(ConnstrGrammar, ParsingIntoExistingSettingsKeepsThem)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(connstr_settings_put(settings.get(), "Server", "kept", 4, &error), 0);
    ASSERT_EQ(ParseText("Host=ignored;UID=u", settings, recorder, &error), 0);
    EXPECT_STREQ(settings.value("Server"), "kept");
    EXPECT_STREQ(settings.value("UID"), "u");
}

TEST(ConnstrGrammar, SecretSettingsAreMarkedSecret)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("UID=u;Password=p", settings, recorder, &error), 0);
    ASSERT_EQ(settings.get()->count, 2u);
    EXPECT_FALSE(settings.get()->items[0].is_secret);
    EXPECT_TRUE(settings.get()->items[1].is_secret);
    EXPECT_EQ(settings.get()->items[1].value_length, 1u);
}

TEST(ConnstrSettings, PutReplacesAndAcceptsAliases)
{
    Settings settings;
    struct error error;
    error_init(&error);
    ASSERT_EQ(connstr_settings_put(settings.get(), "UID", "a", 1, &error), 0);
    ASSERT_EQ(connstr_settings_put(settings.get(), "username", "bob", 3, &error), 0);
    EXPECT_STREQ(settings.value("User"), "bob");
    EXPECT_EQ(settings.get()->count, 1u);
}

TEST(ConnstrSettings, PutRefusesAnUnknownKeyword)
{
    Settings settings;
    struct error error;
    error_init(&error);
    ASSERT_EQ(connstr_settings_put(settings.get(), "Nope", "a", 1, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_STREQ(error.message, "Unknown connection keyword \"Nope\"");
}

TEST(ConnstrSettings, GetAnswersNullForAbsentAndUnknownKeywords)
{
    Settings settings;
    EXPECT_EQ(settings.value("UID"), nullptr);
    EXPECT_EQ(settings.value("NoSuchKeyword"), nullptr);
}

} // namespace
