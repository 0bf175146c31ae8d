// TargetSessionAttrs against a real streaming standby: the fixture makes one
// from the harness primary with pg_basebackup -R, starts it on a free
// loopback port under `timeout` (so it stops by itself even if this process
// dies), and stops it at the end. One test, so one standby per run.
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

class StandbyTest : public OdbcTest {
protected:
    std::string folder;
    std::string port;
    std::string as_owner;
    bool started = false;

    int run(const std::string &command) {
        return std::system((as_owner + "sh -c '" + command + "' >/dev/null 2>&1").c_str());
    }

    void SetUp() override {
        OdbcTest::SetUp();
        std::string bin = harness["PGO_PG_BIN"];
        ASSERT_FALSE(bin.empty());
        char pattern[] = "/tmp/pgo_standby_XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder = pattern;
        if (getuid() == 0) {
            as_owner = "runuser -u postgres -- ";
            ASSERT_EQ(std::system(("chown postgres " + folder).c_str()), 0);
        }
        port = free_loopback_port();
        ASSERT_FALSE(port.empty());
        ASSERT_EQ(run(bin + "/pg_basebackup -h 127.0.0.1 -p " + harness.port() +
                      " -U pgo_repl -D " + folder + "/data -R -X stream -c fast"),
                  0)
            << "pg_basebackup failed";
        // At most 120 s of life, whatever happens to this process.
        ASSERT_EQ(run("setsid timeout -s QUIT 120 " + bin + "/postgres -D " + folder +
                      "/data -p " + port + " -k " + folder +
                      " -c listen_addresses=127.0.0.1 -c hot_standby=on >" + folder +
                      "/log 2>&1 </dev/null &"),
                  0);
        started = true;
        for (int i = 0; i < 150; i++) {
            if (run(bin + "/pg_isready -q -h 127.0.0.1 -p " + port + " -d pgo_db") == 0) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        FAIL() << "the standby did not start; see " << folder << "/log";
    }

    void TearDown() override {
        if (started) {
            (void)run(harness["PGO_PG_BIN"] + "/pg_ctl -D " + folder +
                      "/data stop -m immediate -w -t 20");
        }
        if (!folder.empty() && folder.rfind("/tmp/pgo_standby_", 0) == 0) {
            (void)std::system(("rm -rf " + folder).c_str());
        }
    }

    std::string cluster_string(const std::string &servers, const std::string &ports,
                               const std::string &target) const {
        return "DRIVER={pgodbc};Server=" + servers + ";Port=" + ports +
               ";Database=pgo_db;UID=pgo_trust;SSLMode=disable;TargetSessionAttrs=" + target +
               ";";
    }

    // Which server took the connect: "true" on the standby.
    std::string recovery_of(const std::string &servers, const std::string &ports,
                            const std::string &target) {
        auto connection = driver_connect(cluster_string(servers, ports, target));
        if (!succeeded(connection->rc)) {
            ADD_FAILURE() << target << format_diags(connection->diags);
            return "";
        }
        return scalar(*connection, "SELECT pg_is_in_recovery()::text").value_or("?");
    }
};

TEST_F(StandbyTest, EachTargetPicksTheRightServerOfPrimaryAndStandby) {
    const std::string both = "127.0.0.1,127.0.0.1";
    const std::string primary_first = harness.port() + "," + port;
    const std::string standby_first = port + "," + harness.port();
    EXPECT_EQ(recovery_of(both, primary_first, "standby"), "true");
    EXPECT_EQ(recovery_of(both, primary_first, "read-only"), "true");
    EXPECT_EQ(recovery_of(both, primary_first, "prefer-standby"), "true");
    EXPECT_EQ(recovery_of(both, standby_first, "primary"), "false");
    EXPECT_EQ(recovery_of(both, standby_first, "read-write"), "false");
    EXPECT_EQ(recovery_of(both, standby_first, "any"), "true");

    auto only_standby = driver_connect(cluster_string("127.0.0.1", port, "read-write"));
    EXPECT_CONNECT_FAILED(only_standby);
    EXPECT_DIAG(only_standby->diags, "08001", {"no host of 1 accepted", "read-only"});
    auto only_standby_primary = driver_connect(cluster_string("127.0.0.1", port, "primary"));
    EXPECT_CONNECT_FAILED(only_standby_primary);
    EXPECT_DIAG(only_standby_primary->diags, "08001", {"is a standby"});
    // prefer-standby falls back to the primary when no standby answers.
    EXPECT_EQ(recovery_of("127.0.0.1", harness.port(), "prefer-standby"), "false");
}

} // namespace
} // namespace pgo_test
