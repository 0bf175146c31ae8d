// What the session looks like from the server: application_name, extra
// startup parameters, and the replication protocol (IDENTIFY_SYSTEM).
#include "odbc_test.h"

namespace pgo_test {
namespace {

class SessionTest : public OdbcTest {};

std::string without_spaces(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    return text;
}

TEST_F(SessionTest, ApplicationNameIsSeenInPgStatActivity) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "ApplicationName=pgo-it-app;");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection,
                     "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"),
              "pgo-it-app");
}

TEST_F(SessionTest, StartupParamsAreSetForTheSession) {
    auto connection =
        driver_connect(tcp_string("pgo_trust") + "StartupParams={search_path=pgo_a,public;TimeZone=UTC};");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(without_spaces(scalar(*connection, "SHOW search_path").value_or("")), "pgo_a,public");
    EXPECT_EQ(scalar(*connection, "SHOW TimeZone"), "UTC");
}

TEST_F(SessionTest, StartupParamsNamingUserIsRefusedNamingIt) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "StartupParams={user=pgo_md5};");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_TRUE(has_diag(connection->diags, "HY024", {"user"}) ||
                has_diag(connection->diags, "08001", {"user"}))
        << format_diags(connection->diags);
}

TEST_F(SessionTest, StartupParamsNamingApplicationNameIsRefusedNamingIt) {
    auto connection =
        driver_connect(tcp_string("pgo_trust") + "StartupParams={application_name=x};");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_TRUE(has_diag(connection->diags, "HY024", {"application_name"}) ||
                has_diag(connection->diags, "08001", {"application_name"}))
        << format_diags(connection->diags);
}

TEST_F(SessionTest, OptionsAreTheServersCommandLineSwitchesAsLibpqSendsThem) {
    auto connection = driver_connect(tcp_string("pgo_trust") +
                                     "options={-c search_path=pgo_b -c statement_timeout=4321};");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SHOW search_path"), "pgo_b");
    EXPECT_EQ(scalar(*connection, "SHOW statement_timeout"), "4321ms");
    auto refused = driver_connect(tcp_string("pgo_trust") + "StartupParams={options=-c x=1};");
    EXPECT_CONNECT_FAILED(refused);
    EXPECT_DIAG(refused->diags, "HY024", {"options", "Options"});
    auto bad = driver_connect(tcp_string("pgo_trust") + "Options=-c no_such_setting_here=1;");
    EXPECT_CONNECT_FAILED(bad);
    EXPECT_DIAG(bad->diags, "42704", {"no_such_setting_here"});
}

TEST_F(SessionTest, LibpqKeepaliveAndUserTimeoutKeywordsConnectWithoutWarnings) {
    auto connection = driver_connect(tcp_string("pgo_trust") +
                                     "keepalives_idle=30;keepalives_interval=5;keepalives_count=4;"
                                     "tcp_user_timeout=20000;");
    ASSERT_CONNECTED(connection);
    EXPECT_FALSE(has_diag(connection->diags, "01S00")) << format_diags(connection->diags);
    EXPECT_EQ(scalar(*connection, "SELECT 1"), "1");
    auto bad = driver_connect(tcp_string("pgo_trust") + "KeepalivesCount=500;");
    EXPECT_CONNECT_FAILED(bad);
    EXPECT_DIAG(bad->diags, "HY024", {"KeepalivesCount", "500", "127"});
}

TEST_F(SessionTest, UnknownStartupParameterIsTheServersError) {
    auto connection = driver_connect(tcp_string("pgo_trust") + "StartupParams={pgo_no_such_guc=1};");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "42704", {"pgo_no_such_guc"});
}

TEST_F(SessionTest, EmptyDatabaseMeansTheServersDefault) {
    // The server uses the user name as the database: pgo_trust has none,
    // so the server's 3D000 must name "pgo_trust".
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() + ";Port=" +
                                     harness.port() + ";Database=;UID=pgo_trust;");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "3D000", {"pgo_trust"});
}

TEST_F(SessionTest, LogicalReplicationConnectionAnswersIdentifySystem) {
    auto connection = driver_connect(tcp_string("pgo_repl") + "Replication=database;");
    ASSERT_CONNECTED(connection);
    QueryResult result = run_query(connection->get(), "IDENTIFY_SYSTEM");
    ASSERT_EQ(result.rc, SQL_SUCCESS) << result.failed_call << format_diags(result.diags);
    ASSERT_TRUE(result.has_row);
    ASSERT_EQ(result.row.size(), 4u);
    std::string systemid = result.row[0].value_or("");
    EXPECT_FALSE(systemid.empty());
    EXPECT_TRUE(std::all_of(systemid.begin(), systemid.end(), ::isdigit)) << systemid;
    EXPECT_EQ(result.row[1], "1");
    EXPECT_EQ(result.row[3], "pgo_db");
}

TEST_F(SessionTest, PhysicalReplicationConnectionAnswersIdentifySystem) {
    auto connection = driver_connect("DRIVER={pgodbc};Server=" + harness.host() + ";Port=" +
                                     harness.port() + ";UID=pgo_repl;Replication=physical;");
    ASSERT_CONNECTED(connection);
    QueryResult result = run_query(connection->get(), "IDENTIFY_SYSTEM");
    ASSERT_EQ(result.rc, SQL_SUCCESS) << result.failed_call << format_diags(result.diags);
    ASSERT_TRUE(result.has_row);
    ASSERT_EQ(result.row.size(), 4u);
    EXPECT_FALSE(result.row[0].value_or("").empty());
    EXPECT_EQ(result.row[3], std::nullopt) << "a physical connection has no database";
}

} // namespace
} // namespace pgo_test
