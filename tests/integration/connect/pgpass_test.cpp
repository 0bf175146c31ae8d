// The password file through the driver manager: a connection string
// without PWD finds its password in the file that Passfile or PGPASSFILE
// names, matched on host, port, database and user with libpq's rules; a
// file readable by group or others is ignored with a 01000 record.
#include "odbc_test.h"

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace pgo_test {
namespace {

class PgpassTest : public OdbcTest {
protected:
    std::string folder;
    std::string path;

    void SetUp() override {
        OdbcTest::SetUp();
        char pattern[] = "/tmp/pgo_pgpass_it_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder = pattern;
        path = folder + "/pgpass";
        unsetenv("PGPASSFILE");
    }
    void TearDown() override {
        unsetenv("PGPASSFILE");
        unlink(path.c_str());
        rmdir(folder.c_str());
    }
    void write_file(const std::string &text, mode_t mode) {
        std::ofstream(path) << text;
        ASSERT_EQ(chmod(path.c_str(), mode), 0);
    }
    // The harness's SCRAM role over TCP, without TLS, without PWD.
    std::string scram_without_password() const {
        return tcp_string("pgo_scram") + "SSLMode=disable;";
    }
};

TEST_F(PgpassTest, PassfileKeywordSuppliesThePasswordOfTheMatchingLine) {
    write_file("# other servers first\n"
               "db.example.com:*:*:pgo_scram:not-this-one\n"
               "127.0.0.1:" + harness.port() + ":pgo_db:pgo_scram:" + harness.password() + "\n",
               0600);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, WildcardsAndEscapedCharactersInFieldsMatch) {
    // "\." is a literal '.', "*" any port and database.
    write_file("127\\.0\\.0\\.1:*:*:pgo_scram:" + harness.password() + "\n", 0600);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, PgpassfileEnvironmentVariableNamesTheFile) {
    write_file("*:*:*:pgo_scram:" + harness.password() + "\n", 0600);
    setenv("PGPASSFILE", path.c_str(), 1);
    auto connection = driver_connect(scram_without_password());
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

TEST_F(PgpassTest, LineForAnotherPortIsNotUsed) {
    write_file("*:1:*:pgo_scram:" + harness.password() + "\n", 0600);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    EXPECT_CONNECT_FAILED(connection);
}

TEST_F(PgpassTest, FileReadableByOthersIsIgnoredWith01000) {
    write_file("*:*:*:pgo_scram:" + harness.password() + "\n", 0644);
    auto connection = driver_connect(scram_without_password() + "Passfile=" + path + ";");
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "01000", {"0600"});
}

TEST_F(PgpassTest, PasswordInTheConnectionStringWinsOverTheFile) {
    write_file("*:*:*:pgo_scram:wrong-password\n", 0600);
    auto connection = driver_connect(scram_without_password() + "PWD=" + harness.password() +
                                     ";Passfile=" + path + ";");
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(scalar(*connection, "SELECT current_user"), "pgo_scram");
}

} // namespace
} // namespace pgo_test
