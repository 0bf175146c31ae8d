// SQLBrowseConnect and SQLBrowseConnectW through the driver manager: the
// driver asks for UID and PWD while they are missing (SQL_NEED_DATA and a
// browse result "UID:User name=?;PWD:Password=?"), offers Server and
// Database as optional keywords, keeps what earlier steps gave, connects
// as SQLDriverConnect would once everything is there (the completed string
// without PWD), and after a failed connect forgets the browse.
// LibpqEnv=0 keeps PGUSER/PGPASSWORD of the test's environment out.
#include "odbc_test.h"
#include "unicode/unicode_support.h"

namespace pgo_test {
namespace {

struct BrowseStep {
    SQLRETURN rc = SQL_ERROR;
    std::string out;
    SQLSMALLINT out_length = -1;
    Diags diags;
};

BrowseStep browse(SQLHDBC dbc, const std::string &request, SQLSMALLINT buffer_length = 1024) {
    BrowseStep step;
    std::vector<SQLCHAR> out(static_cast<size_t>(buffer_length) + 1, 0);
    step.rc = SQLBrowseConnect(dbc, reinterpret_cast<SQLCHAR *>(const_cast<char *>(request.c_str())),
                               SQL_NTS, out.data(), buffer_length, &step.out_length);
    step.out = reinterpret_cast<const char *>(out.data());
    step.diags = collect_diags(SQL_HANDLE_DBC, dbc);
    return step;
}

class BrowseConnectTest : public OdbcTest {
protected:
    // Driver, server and database, but no user or password.
    std::string server_request() const {
        return "DRIVER={pgodbc};Server=" + harness.host() + ";Port=" + harness.port() +
               ";Database=pgo_db;LibpqEnv=0;";
    }
    std::string credentials(const std::string &user) const {
        return "UID=" + user + ";PWD=" + harness.password() + ";";
    }
    // Ends a browse that is waiting for data by completing it (a new one
    // with everything), then disconnects: the driver manager keeps the
    // handle browsing until then.
    void complete_and_disconnect(SQLHDBC dbc) {
        BrowseStep step = browse(dbc, server_request() + credentials("pgo_scram"));
        EXPECT_TRUE(succeeded(step.rc)) << rc_name(step.rc) << format_diags(step.diags);
        EXPECT_TRUE(succeeded(SQLDisconnect(dbc)));
    }
};

TEST_F(BrowseConnectTest, FirstStepAsksForUserAndPassword) {
    Connection connection(env->get());
    BrowseStep step = browse(connection.get(), server_request());
    ASSERT_EQ(step.rc, SQL_NEED_DATA) << rc_name(step.rc) << format_diags(step.diags);
    EXPECT_EQ(step.out, "UID:User name=?;PWD:Password=?");
    EXPECT_EQ(step.out_length, static_cast<SQLSMALLINT>(step.out.size()));
    complete_and_disconnect(connection.get());
}

TEST_F(BrowseConnectTest, DriverAloneAlsoOffersServerAndDatabaseAsOptional) {
    Connection connection(env->get());
    BrowseStep step = browse(connection.get(), "DRIVER={pgodbc};LibpqEnv=0;");
    ASSERT_EQ(step.rc, SQL_NEED_DATA) << rc_name(step.rc) << format_diags(step.diags);
    EXPECT_EQ(step.out, "UID:User name=?;PWD:Password=?;*Server:Server - default localhost=?;"
                        "*Database:Database - default the user name=?");
    complete_and_disconnect(connection.get());
}

TEST_F(BrowseConnectTest, SecondStepWithCredentialsConnectsAndKeepsTheFirstStepsKeywords) {
    Connection connection(env->get());
    BrowseStep first = browse(connection.get(), server_request());
    ASSERT_EQ(first.rc, SQL_NEED_DATA) << rc_name(first.rc) << format_diags(first.diags);
    BrowseStep second = browse(connection.get(), credentials("pgo_scram"));
    ASSERT_EQ(second.rc, SQL_SUCCESS) << rc_name(second.rc) << format_diags(second.diags);
    connection.connected = true;
    EXPECT_TRUE(contains_ci(second.out, "UID=pgo_scram")) << second.out;
    EXPECT_TRUE(contains_ci(second.out, "Database=pgo_db")) << second.out;
    EXPECT_FALSE(contains_ci(second.out, "PWD")) << second.out;
    EXPECT_FALSE(contains_ci(second.out, harness.password())) << second.out;
    EXPECT_EQ(scalar(connection, "SELECT current_user"), "pgo_scram");
    EXPECT_EQ(scalar(connection, "SELECT current_database()"), "pgo_db");
}

TEST_F(BrowseConnectTest, UserGivenFirstLeavesOnlyThePasswordToAskFor) {
    Connection connection(env->get());
    BrowseStep first = browse(connection.get(), server_request() + "UID=pgo_md5;");
    ASSERT_EQ(first.rc, SQL_NEED_DATA) << rc_name(first.rc) << format_diags(first.diags);
    EXPECT_EQ(first.out, "PWD:Password=?");
    BrowseStep second = browse(connection.get(), "PWD=" + harness.password() + ";");
    ASSERT_EQ(second.rc, SQL_SUCCESS) << rc_name(second.rc) << format_diags(second.diags);
    connection.connected = true;
    EXPECT_EQ(scalar(connection, "SELECT current_user"), "pgo_md5");
}

TEST_F(BrowseConnectTest, DsnWithUserAndPasswordConnectsInOneStep) {
    Connection connection(env->get());
    BrowseStep step = browse(connection.get(), "DSN=pgo_test;");
    ASSERT_TRUE(succeeded(step.rc)) << rc_name(step.rc) << format_diags(step.diags);
    connection.connected = true;
    EXPECT_TRUE(contains_ci(step.out, "DSN=pgo_test")) << step.out;
    EXPECT_FALSE(contains_ci(step.out, "PWD=")) << step.out;
    EXPECT_EQ(scalar(connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(BrowseConnectTest, UnknownKeywordIs01S00WithNeedData) {
    Connection connection(env->get());
    BrowseStep step =
        browse(connection.get(), server_request() + credentials("pgo_scram") + "NoSuchKeyword=1;");
    ASSERT_EQ(step.rc, SQL_NEED_DATA) << rc_name(step.rc) << format_diags(step.diags);
    EXPECT_DIAG(step.diags, "01S00", {"NoSuchKeyword"});
    // Everything required is there: an empty request completes the browse.
    BrowseStep next = browse(connection.get(), "");
    ASSERT_EQ(next.rc, SQL_SUCCESS) << rc_name(next.rc) << format_diags(next.diags);
    connection.connected = true;
    EXPECT_EQ(scalar(connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(BrowseConnectTest, TruncatedBrowseResultIs01004WithItsFullLength) {
    Connection connection(env->get());
    BrowseStep step = browse(connection.get(), server_request(), 10);
    ASSERT_EQ(step.rc, SQL_NEED_DATA) << rc_name(step.rc) << format_diags(step.diags);
    EXPECT_DIAG(step.diags, "01004");
    EXPECT_EQ(step.out, "UID:User ");
    EXPECT_EQ(step.out_length, static_cast<SQLSMALLINT>(std::string("UID:User name=?;PWD:Password=?").size()));
    complete_and_disconnect(connection.get());
}

TEST_F(BrowseConnectTest, FailedConnectAnswersTheServersErrorAndForgetsTheBrowse) {
    Connection connection(env->get());
    BrowseStep first = browse(connection.get(), server_request() + "UID=pgo_scram;");
    ASSERT_EQ(first.rc, SQL_NEED_DATA) << rc_name(first.rc) << format_diags(first.diags);
    BrowseStep wrong = browse(connection.get(), "PWD=not-the-password;");
    ASSERT_EQ(wrong.rc, SQL_ERROR) << rc_name(wrong.rc);
    EXPECT_DIAG(wrong.diags, "28P01");
    // Unconnected again: the server, database and user of the first step
    // are forgotten, so the right password alone is not enough.
    BrowseStep again = browse(connection.get(), "PWD=" + harness.password() + ";");
    ASSERT_EQ(again.rc, SQL_NEED_DATA) << rc_name(again.rc) << format_diags(again.diags);
    EXPECT_TRUE(contains_ci(again.out, "UID:User name=?")) << again.out;
    EXPECT_TRUE(contains_ci(again.out, "*Server:")) << again.out;
    complete_and_disconnect(connection.get());
}

TEST_F(BrowseConnectTest, BrowseOnAnOpenConnectionIs08002) {
    auto connection = driver_connect(tcp_string_with_password("pgo_scram"));
    ASSERT_CONNECTED(connection);
    BrowseStep step = browse(connection->get(), server_request());
    EXPECT_EQ(step.rc, SQL_ERROR);
    EXPECT_DIAG(step.diags, "08002");
}

// SQLDisconnect ends a browse waiting for data: the driver manager then
// takes the handle back to its unconnected state.
TEST_F(BrowseConnectTest, DisconnectWhileBrowsingCancelsTheBrowse) {
    Connection connection(env->get());
    BrowseStep first = browse(connection.get(), server_request() + "UID=pgo_scram;");
    ASSERT_EQ(first.rc, SQL_NEED_DATA) << rc_name(first.rc) << format_diags(first.diags);
    ASSERT_EQ(SQLDisconnect(connection.get()), SQL_SUCCESS)
        << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
    // A new browse starts from nothing: the user of the first is forgotten.
    BrowseStep again = browse(connection.get(), server_request());
    ASSERT_EQ(again.rc, SQL_NEED_DATA) << rc_name(again.rc) << format_diags(again.diags);
    EXPECT_EQ(again.out, "UID:User name=?;PWD:Password=?");
    complete_and_disconnect(connection.get());
}

TEST_F(BrowseConnectTest, WideBrowseAsksThenConnects) {
    Connection connection(env->get());
    std::vector<SQLWCHAR> out(512, 0);
    SQLSMALLINT out_units = -1;
    std::u16string request;
    for (char c : server_request()) request.push_back(static_cast<char16_t>(c));
    std::vector<SQLWCHAR> first_request = wide(request);
    SQLRETURN rc = SQLBrowseConnectW(connection.get(), first_request.data(), SQL_NTS, out.data(),
                                     static_cast<SQLSMALLINT>(out.size()), &out_units);
    ASSERT_EQ(rc, SQL_NEED_DATA) << rc_name(rc)
                                 << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
    std::u16string result = from_wide(out.data(), out.size());
    EXPECT_EQ(result, u"UID:User name=?;PWD:Password=?");
    EXPECT_EQ(out_units, static_cast<SQLSMALLINT>(result.size()));

    std::u16string credentials_text;
    for (char c : credentials("pgo_scram")) credentials_text.push_back(static_cast<char16_t>(c));
    std::vector<SQLWCHAR> second_request = wide(credentials_text);
    rc = SQLBrowseConnectW(connection.get(), second_request.data(), SQL_NTS, out.data(),
                           static_cast<SQLSMALLINT>(out.size()), &out_units);
    ASSERT_EQ(rc, SQL_SUCCESS) << rc_name(rc)
                               << format_diags(collect_diags(SQL_HANDLE_DBC, connection.get()));
    connection.connected = true;
    std::string completed = utf8(from_wide(out.data(), out.size()));
    EXPECT_TRUE(contains_ci(completed, "UID=pgo_scram")) << completed;
    EXPECT_FALSE(contains_ci(completed, "PWD")) << completed;
    EXPECT_EQ(scalar(connection, "SELECT current_user"), "pgo_scram");
}

} // namespace
} // namespace pgo_test
