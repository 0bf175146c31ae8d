// Promotion: a primary stops, its standby is promoted, and a connect with
// the host list and TargetSessionAttrs=read-write finds the new primary,
// while the connection that was open to the old one answers 08S01 and
// SQL_ATTR_CONNECTION_DEAD. The harness primary is shared by every test
// and must stay up, so the fixture makes a pair of its own: initdb a small
// primary on a free loopback port, pg_basebackup -R a standby from it.
// Both servers run under `timeout` (at most 120 s of life, whatever
// happens to this process) and are stopped and removed at the end.
#include "odbc_test.h"
#include "free_port.h"

#include <arpa/inet.h>
#include <chrono>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace pgo_test {
namespace {

class PromotionTest : public OdbcTest {
protected:
    std::string bin;
    std::string folder;
    std::string primary_port;
    std::string standby_port;
    std::string as_owner;
    bool is_primary_started = false;
    bool is_standby_started = false;

    int run(const std::string &command) {
        return std::system((as_owner + "sh -c '" + command + "' >>" + folder +
                            "/commands.log 2>&1")
                               .c_str());
    }

    // A server of the pair on port, at most 120 s of life.
    int start(const std::string &data, const std::string &port) {
        return run("setsid timeout -s QUIT 120 " + bin + "/postgres -D " + folder + "/" + data +
                   " -p " + port + " -k " + folder +
                   " -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby=on >" + folder +
                   "/" + data + ".log 2>&1 </dev/null &");
    }

    bool wait_ready(const std::string &port) {
        for (int i = 0; i < 150; i++) {
            if (run(bin + "/pg_isready -q -h 127.0.0.1 -p " + port + " -d postgres") == 0) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    void SetUp() override {
        OdbcTest::SetUp();
        bin = harness["PGO_PG_BIN"];
        ASSERT_FALSE(bin.empty());
        char pattern[] = "/tmp/pgo_promote_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder = pattern;
        if (getuid() == 0) {
            as_owner = "runuser -u postgres -- ";
            ASSERT_EQ(std::system(("chown postgres " + folder).c_str()), 0);
        }
        primary_port = free_loopback_port();
        standby_port = free_loopback_port();
        ASSERT_FALSE(primary_port.empty());
        ASSERT_FALSE(standby_port.empty());
        ASSERT_NE(primary_port, standby_port);
        // initdb's trust rules admit replication from 127.0.0.1.
        ASSERT_EQ(run(bin + "/initdb -D " + folder + "/primary -U pgo_admin --auth=trust " +
                      "--encoding=UTF8 --locale=C.UTF-8 --no-sync"),
                  0)
            << "initdb failed; see " << folder << "/commands.log";
        ASSERT_EQ(start("primary", primary_port), 0);
        is_primary_started = true;
        ASSERT_TRUE(wait_ready(primary_port)) << "see " << folder << "/primary.log";
        ASSERT_EQ(run(bin + "/pg_basebackup -h 127.0.0.1 -p " + primary_port +
                      " -U pgo_admin -D " + folder + "/standby -R -X stream -c fast"),
                  0)
            << "pg_basebackup failed; see " << folder << "/commands.log";
        ASSERT_EQ(start("standby", standby_port), 0);
        is_standby_started = true;
        ASSERT_TRUE(wait_ready(standby_port)) << "see " << folder << "/standby.log";
    }

    void TearDown() override {
        for (const char *data : {"primary", "standby"}) {
            if ((std::string(data) == "primary" && is_primary_started) ||
                (std::string(data) == "standby" && is_standby_started)) {
                (void)run(bin + "/pg_ctl -D " + folder + "/" + data +
                          " stop -m immediate -w -t 20");
            }
        }
        if (!folder.empty() && folder.rfind("/tmp/pgo_promote_", 0) == 0) {
            (void)std::system(("rm -rf " + folder).c_str());
        }
        OdbcTest::TearDown();
    }

    std::string pair_string(const std::string &servers, const std::string &ports,
                            const std::string &target) const {
        return "DRIVER={pgodbc};Server=" + servers + ";Port=" + ports +
               ";Database=postgres;UID=pgo_admin;SSLMode=disable;Timeout=2;"
               "TargetSessionAttrs=" +
               target + ";";
    }
};

TEST_F(PromotionTest, NewConnectFindsThePromotedStandbyAndTheOldConnectionIsDead) {
    const std::string both = "127.0.0.1,127.0.0.1";
    const std::string ports = primary_port + "," + standby_port;
    auto old_primary = driver_connect(pair_string(both, ports, "read-write"));
    ASSERT_CONNECTED(old_primary);
    EXPECT_EQ(scalar(*old_primary, "SELECT current_setting('port')"), primary_port);
    QueryResult created =
        run_query(old_primary->get(), "CREATE TABLE pgo_promoted AS SELECT 42 AS answer");
    ASSERT_EQ(created.rc, SQL_SUCCESS) << format_diags(created.diags);

    // The row reaches the standby before the primary goes.
    auto standby = driver_connect(pair_string("127.0.0.1", standby_port, "standby"));
    ASSERT_CONNECTED(standby);
    bool is_replayed = false;
    for (int i = 0; i < 100 && !is_replayed; i++) {
        QueryResult result =
            run_query(standby->get(), "SELECT count(*) FROM pg_class WHERE relname = "
                                      "'pgo_promoted'");
        is_replayed = result.has_row && result.row[0].value_or("") == "1";
        if (!is_replayed) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ASSERT_TRUE(is_replayed) << "the standby did not replay the table within 5 s";
    standby.reset();

    ASSERT_EQ(run(bin + "/pg_ctl -D " + folder + "/primary stop -m immediate -w -t 20"), 0);
    is_primary_started = false;

    // Primary down, standby not yet promoted: no host is read-write.
    auto none = driver_connect(pair_string(both, ports, "read-write"));
    EXPECT_CONNECT_FAILED(none);
    EXPECT_DIAG(none->diags, "08001", {"no host of 2 accepted", "127.0.0.1:" + primary_port,
                                       "127.0.0.1:" + standby_port});

    ASSERT_EQ(run(bin + "/pg_ctl -D " + folder + "/standby promote -w -t 20"), 0);

    auto promoted = driver_connect(pair_string(both, ports, "read-write"));
    ASSERT_CONNECTED(promoted);
    EXPECT_EQ(scalar(*promoted, "SELECT current_setting('port')"), standby_port);
    EXPECT_EQ(scalar(*promoted, "SELECT pg_is_in_recovery()::text"), "false");
    EXPECT_EQ(scalar(*promoted, "SELECT answer FROM pgo_promoted"), "42");
    EXPECT_LT(promoted->elapsed_seconds, 2.0); // the stopped host refuses at once

    // The connection opened before: the link is gone, and it says so.
    QueryResult lost = run_query(old_primary->get(), "SELECT 1");
    EXPECT_EQ(lost.rc, SQL_ERROR);
    EXPECT_DIAG(lost.diags, "08S01", {});
    SQLUINTEGER dead = SQL_CD_FALSE;
    ASSERT_EQ(SQLGetConnectAttr(old_primary->get(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_TRUE));
}

} // namespace
} // namespace pgo_test
