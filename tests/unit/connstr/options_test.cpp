// The driver's own keywords (ParamStyle, StatementRollback, StatementCache):
// their defaults, every accepted spelling, every refusal's message, empty
// values, reading them from a DSN, and that connect parameters store
// nothing from them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

#include "connstr_test_support.h"

extern "C" {
#include "connstr/options.h"
}

namespace {

// Parses text into options; returns the failing step's result.
int ParseOptions(const std::string &text, struct connstr_options *options, struct error *error)
{
    Settings settings;
    NoticeRecorder recorder;
    if (ParseText(text, settings, recorder, error) != 0) {
        return -1;
    }
    EXPECT_TRUE(recorder.notices().empty()) << text << ": " << recorder.notices()[0].message;
    return connstr_settings_to_options(settings.get(), options, error);
}

struct connstr_options Good(const std::string &text)
{
    struct connstr_options options;
    connstr_options_init(&options);
    struct error error;
    EXPECT_EQ(ParseOptions(text, &options, &error), 0) << text << ": " << error.message;
    return options;
}

void ExpectBad(const std::string &text, const std::string &message)
{
    struct connstr_options options;
    connstr_options_init(&options);
    options.statement_cache_size = 7; // a value no setting writes
    struct error error;
    ASSERT_EQ(ParseOptions(text, &options, &error), -1) << text;
    EXPECT_STREQ(error.sqlstate, "HY024") << text;
    EXPECT_EQ(std::string(error.message), message) << text;
    EXPECT_EQ(options.statement_cache_size, 7u) << "options are written only on success";
}

TEST(ConnstrOptions, DefaultsAreQmarkNoStatementRollbackAndA32EntryCache)
{
    struct connstr_options options;
    connstr_options_init(&options);
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_QMARK);
    EXPECT_FALSE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 32u);
}

TEST(ConnstrOptions, NoOptionKeywordsGiveTheDefaultsEvenOverOldValues)
{
    struct connstr_options options;
    options.param_style = CONNSTR_PARAM_STYLE_FORMAT;
    options.is_statement_rollback = true;
    options.statement_cache_size = 5;
    struct error error;
    ASSERT_EQ(ParseOptions("UID=u;Port=5433", &options, &error), 0) << error.message;
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_QMARK);
    EXPECT_FALSE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 32u);
}

TEST(ConnstrOptions, ParamStyleAcceptsQmarkAndFormatInAnyCase)
{
    EXPECT_EQ(Good("ParamStyle=format").param_style, CONNSTR_PARAM_STYLE_FORMAT);
    EXPECT_EQ(Good("paramstyle=FoRmAt").param_style, CONNSTR_PARAM_STYLE_FORMAT);
    EXPECT_EQ(Good("ParamStyle=qmark").param_style, CONNSTR_PARAM_STYLE_QMARK);
    EXPECT_EQ(Good("ParamStyle=QMARK").param_style, CONNSTR_PARAM_STYLE_QMARK);
}

TEST(ConnstrOptions, StatementRollbackAcceptsEveryBooleanSpelling)
{
    for (const char *text : {"1", "yes", "true", "on", "ON", "Yes", "TRUE"}) {
        EXPECT_TRUE(Good(std::string("StatementRollback=") + text).is_statement_rollback)
            << text;
    }
    for (const char *text : {"0", "no", "false", "off", "OFF", "No", "False"}) {
        struct connstr_options options =
            Good(std::string("StatementRollback=1;StatementRollback=") + text);
        EXPECT_TRUE(options.is_statement_rollback) << "the first occurrence wins: " << text;
        EXPECT_FALSE(Good(std::string("StatementRollback=") + text).is_statement_rollback)
            << text;
    }
}

TEST(ConnstrOptions, StatementCacheAcceptsZeroToTheMaximum)
{
    EXPECT_EQ(Good("StatementCache=0").statement_cache_size, 0u);
    EXPECT_EQ(Good("StatementCache=1").statement_cache_size, 1u);
    EXPECT_EQ(Good("StatementCache=250").statement_cache_size, 250u);
    EXPECT_EQ(Good("StatementCache=10000").statement_cache_size,
              uint32_t{CONNSTR_STATEMENT_CACHE_MAX});
}

TEST(ConnstrOptions, AllThreeTogether)
{
    struct connstr_options options =
        Good("UID=u;ParamStyle=format;StatementRollback=on;StatementCache=0");
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_FORMAT);
    EXPECT_TRUE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 0u);
}

TEST(ConnstrOptions, BadParamStyleIsHy024NamingValueAndChoices)
{
    ExpectBad("ParamStyle=named", "ParamStyle \"named\" is not one of qmark, format");
    ExpectBad("ParamStyle=qmarks", "ParamStyle \"qmarks\" is not one of qmark, format");
    ExpectBad("ParamStyle={ qmark}", "ParamStyle \" qmark\" is not one of qmark, format");
}

TEST(ConnstrOptions, BadStatementRollbackIsHy024NamingValueAndChoices)
{
    ExpectBad("StatementRollback=maybe",
              "StatementRollback \"maybe\" is not one of 1/0, yes/no, true/false, on/off");
    ExpectBad("StatementRollback=2",
              "StatementRollback \"2\" is not one of 1/0, yes/no, true/false, on/off");
}

TEST(ConnstrOptions, FetchRefcursorsAndLargeObjectsAreOffByDefaultAndTakeBooleans)
{
    struct connstr_options defaults;
    connstr_options_init(&defaults);
    EXPECT_FALSE(defaults.is_fetch_refcursors);
    EXPECT_FALSE(defaults.is_large_objects);
    EXPECT_TRUE(Good("FetchRefcursors=1").is_fetch_refcursors);
    EXPECT_FALSE(Good("FetchRefcursors=1").is_large_objects);
    EXPECT_TRUE(Good("fetchrefcursors=on").is_fetch_refcursors);
    EXPECT_FALSE(Good("FetchRefcursors=no").is_fetch_refcursors);
    EXPECT_TRUE(Good("LargeObjects=yes").is_large_objects);
    EXPECT_FALSE(Good("LargeObjects=yes").is_fetch_refcursors);
    EXPECT_FALSE(Good("LargeObjects=false").is_large_objects);
    EXPECT_FALSE(Good("LargeObjects=").is_large_objects);
}

TEST(ConnstrOptions, BadFetchRefcursorsOrLargeObjectsIsHy024NamingValueAndChoices)
{
    ExpectBad("FetchRefcursors=maybe",
              "FetchRefcursors \"maybe\" is not one of 1/0, yes/no, true/false, on/off");
    ExpectBad("LargeObjects=2",
              "LargeObjects \"2\" is not one of 1/0, yes/no, true/false, on/off");
}

TEST(ConnstrOptions, BadStatementCacheIsHy024NamingValueAndRange)
{
    for (const char *text : {"10001", "-1", "+5", "1.5", "x", "99999999999999999999999"}) {
        ExpectBad(std::string("StatementCache=") + text,
                  std::string("StatementCache \"") + text + "\" is not a number from 0 to 10000");
    }
}

TEST(ConnstrOptions, EmptyValuesMeanTheDefault)
{
    struct connstr_options options = Good("ParamStyle=;StatementRollback=;StatementCache=");
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_QMARK);
    EXPECT_FALSE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 32u);
}

TEST(ConnstrOptions, ConnectParamsStoreNothingFromOptionKeywords)
{
    Params params;
    Params plain;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;ParamStyle=format;StatementRollback=1;StatementCache=9",
                              params, &error),
              0)
        << error.message;
    ASSERT_EQ(ParseAndConvert("UID=u", plain, &error), 0) << error.message;
    EXPECT_STREQ(params->user, "u");
    EXPECT_EQ(params->port, plain->port);
    EXPECT_STREQ(params->host, plain->host);
    EXPECT_EQ(params->startup_param_count, 0u) << "options are not startup parameters";
}

TEST(ConnstrOptions, ConnectParamsRefuseABadOptionWithTheSameMessage)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;StatementCache=10001", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_STREQ(error.message, "StatementCache \"10001\" is not a number from 0 to 10000");
}

TEST(ConnstrOptions, OutStringCarriesTheOptionsUnderTheirNames)
{
    Settings settings;
    NoticeRecorder recorder;
    struct error error;
    ASSERT_EQ(ParseText("uid=u;paramstyle=format;statementrollback=yes;statementcache=3",
                        settings, recorder, &error),
              0);
    struct buf out;
    buf_init(&out, 4096);
    ASSERT_EQ(connstr_write_out_string(settings.get(), &out), 0);
    EXPECT_STREQ(reinterpret_cast<const char *>(out.data),
                 "UID=u;ParamStyle=format;StatementRollback=yes;StatementCache=3");
    buf_reset(&out);
}

// Reads the options from a DSN section in a private odbc.ini.
class ConnstrOptionsDsn : public ::testing::Test {
protected:
    void SetUp() override
    {
        char pattern[] = "/tmp/pgodbc_connstr_options_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder_ = pattern;
        std::ofstream(folder_ + "/odbc.ini") << "[optdsn]\n"
                                                "Driver = pgodbc\n"
                                                "UID = dsnuser\n"
                                                "ParamStyle = format\n"
                                                "StatementRollback = on\n"
                                                "StatementCache = 12\n"
                                                "\n"
                                                "[blankdsn]\n"
                                                "Driver = pgodbc\n"
                                                "UID = dsnuser\n"
                                                "ParamStyle =\n"
                                                "StatementRollback =\n"
                                                "StatementCache =\n";
        SaveEnvironment("ODBCINI", &saved_odbcini_, &had_odbcini_);
        SaveEnvironment("ODBCSYSINI", &saved_odbcsysini_, &had_odbcsysini_);
        setenv("ODBCINI", (folder_ + "/odbc.ini").c_str(), 1);
        setenv("ODBCSYSINI", folder_.c_str(), 1);
    }

    void TearDown() override
    {
        RestoreEnvironment("ODBCINI", saved_odbcini_, had_odbcini_);
        RestoreEnvironment("ODBCSYSINI", saved_odbcsysini_, had_odbcsysini_);
        unlink((folder_ + "/odbc.ini").c_str());
        rmdir(folder_.c_str());
    }

    static void SaveEnvironment(const char *name, std::string *value, bool *had)
    {
        const char *current = getenv(name);
        *had = current != nullptr;
        *value = current != nullptr ? current : "";
    }

    static void RestoreEnvironment(const char *name, const std::string &value, bool had)
    {
        if (had) {
            setenv(name, value.c_str(), 1);
        } else {
            unsetenv(name);
        }
    }

    int OptionsFromDsn(const std::string &text, const char *dsn, struct connstr_options *options,
                       struct error *error)
    {
        Settings settings;
        NoticeRecorder recorder;
        if (ParseText(text, settings, recorder, error) != 0 ||
            connstr_merge_dsn(settings.get(), dsn, recorder.sink(), error) != 0) {
            return -1;
        }
        EXPECT_TRUE(recorder.notices().empty()) << recorder.notices()[0].message;
        return connstr_settings_to_options(settings.get(), options, error);
    }

    std::string folder_;
    std::string saved_odbcini_;
    std::string saved_odbcsysini_;
    bool had_odbcini_ = false;
    bool had_odbcsysini_ = false;
};

TEST_F(ConnstrOptionsDsn, DsnEntriesFillTheOptions)
{
    struct connstr_options options;
    struct error error;
    error_init(&error);
    ASSERT_EQ(OptionsFromDsn("", "optdsn", &options, &error), 0) << error.message;
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_FORMAT);
    EXPECT_TRUE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 12u);
}

TEST_F(ConnstrOptionsDsn, TheStringWinsOverTheDsn)
{
    struct connstr_options options;
    struct error error;
    error_init(&error);
    ASSERT_EQ(OptionsFromDsn("StatementCache=0;ParamStyle=qmark", "optdsn", &options, &error),
              0)
        << error.message;
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_QMARK);
    EXPECT_TRUE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 0u);
}

TEST_F(ConnstrOptionsDsn, BlankDsnEntriesMeanTheDefaults)
{
    struct connstr_options options;
    struct error error;
    error_init(&error);
    ASSERT_EQ(OptionsFromDsn("", "blankdsn", &options, &error), 0) << error.message;
    EXPECT_EQ(options.param_style, CONNSTR_PARAM_STYLE_QMARK);
    EXPECT_FALSE(options.is_statement_rollback);
    EXPECT_EQ(options.statement_cache_size, 32u);
}

} // namespace

TEST(ConnstrOptions, PoolerModeIsSessionByDefaultAndAcceptsBothValuesInAnyCase)
{
    struct connstr_options defaults;
    connstr_options_init(&defaults);
    EXPECT_EQ(defaults.pooler_mode, CONNSTR_POOLER_SESSION);
    EXPECT_EQ(Good("UID=u").pooler_mode, CONNSTR_POOLER_SESSION);
    EXPECT_EQ(Good("PoolerMode=transaction").pooler_mode, CONNSTR_POOLER_TRANSACTION);
    EXPECT_EQ(Good("poolermode=TRANSACTION").pooler_mode, CONNSTR_POOLER_TRANSACTION);
    EXPECT_EQ(Good("PoolerMode=Session").pooler_mode, CONNSTR_POOLER_SESSION);
    EXPECT_EQ(Good("PoolerMode=").pooler_mode, CONNSTR_POOLER_SESSION);
}

TEST(ConnstrOptions, PoolerModeTransactionTurnsTheStatementCacheOffWhateverItsKeywordSays)
{
    EXPECT_EQ(Good("PoolerMode=transaction").statement_cache_size, 0u);
    EXPECT_EQ(Good("StatementCache=50;PoolerMode=transaction").statement_cache_size, 0u);
    EXPECT_EQ(Good("PoolerMode=transaction;StatementCache=50").statement_cache_size, 0u);
    EXPECT_EQ(Good("PoolerMode=session;StatementCache=50").statement_cache_size, 50u);
}

TEST(ConnstrOptions, BadPoolerModeIsHy024NamingValueAndChoices)
{
    ExpectBad("PoolerMode=statement", "PoolerMode \"statement\" is not one of session, transaction");
    ExpectBad("PoolerMode=1", "PoolerMode \"1\" is not one of session, transaction");
}

TEST(ConnstrOptions, ConnectParamsRefuseABadPoolerModeWithTheSameMessage)
{
    Params params;
    struct error error;
    ASSERT_EQ(ParseAndConvert("UID=u;PoolerMode=txn", params, &error), -1);
    EXPECT_STREQ(error.sqlstate, "HY024");
    EXPECT_STREQ(error.message, "PoolerMode \"txn\" is not one of session, transaction");
}
