// A small PostgreSQL server of a fault test's own, for the faults that
// stop a server (pg_ctl stop -m immediate) or hold it in startup: the
// harness server is shared by every test running at once and must stay
// up. initdb with trust authentication in a fresh /tmp folder, started on
// a free loopback port under `timeout` (at most 120 s of life, whatever
// happens to the test process), stopped and removed at the end.
#ifndef PGO_TESTS_FAULTS_OWN_SERVER_H
#define PGO_TESTS_FAULTS_OWN_SERVER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "free_port.h"

namespace pgo_faults {

class OwnServer {
public:
    // bin: the PostgreSQL bin folder (the harness's PGO_PG_BIN).
    explicit OwnServer(std::string bin) : bin_(std::move(bin)) {}
    ~OwnServer() {
        if (!folder_.empty()) {
            stop_immediate();
            if (folder_.rfind("/tmp/pgo_own_server_", 0) == 0) {
                (void)std::system(("rm -rf " + folder_).c_str());
            }
        }
    }
    OwnServer(const OwnServer &) = delete;
    OwnServer &operator=(const OwnServer &) = delete;

    // initdb; "" when it worked, else what failed.
    std::string create() {
        char pattern[] = "/tmp/pgo_own_server_XXXXXX";
        if (mkdtemp(pattern) == nullptr) {
            return "mkdtemp failed";
        }
        folder_ = pattern;
        if (getuid() == 0) {
            as_owner_ = "runuser -u postgres -- ";
            if (std::system(("chown postgres " + folder_).c_str()) != 0) {
                return "chown failed";
            }
        }
        port_ = pgo_test::free_loopback_port();
        if (port_.empty()) {
            return "no free port";
        }
        if (run(bin_ + "/initdb -D " + folder_ + "/data -U pgo_admin --auth=trust " +
                "--encoding=UTF8 --locale=C.UTF-8 --no-sync") != 0) {
            return "initdb failed; see " + folder_ + "/commands.log";
        }
        return "";
    }

    // Starts the server (extra: more -c settings), in the background.
    bool start(const std::string &extra = "") {
        return run("setsid timeout -s QUIT 120 " + bin_ + "/postgres -D " + folder_ +
                   "/data -p " + port_ + " -k " + folder_ +
                   " -c listen_addresses=127.0.0.1 -c fsync=off " + extra + " >>" + folder_ +
                   "/server.log 2>&1 </dev/null &") == 0;
    }

    // pg_isready's answer: 0 accepting, 1 rejecting (starting up), 2 no
    // response. Waits until it is wanted, at most 15 s.
    bool wait_for(int wanted) {
        for (int i = 0; i < 150; i++) {
            int status = run(bin_ + "/pg_isready -q -h 127.0.0.1 -p " + port_ + " -d postgres");
            if (WIFEXITED(status) && WEXITSTATUS(status) == wanted) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    bool stop_immediate() {
        return run(bin_ + "/pg_ctl -D " + folder_ + "/data stop -m immediate -w -t 20") == 0;
    }

    // Runs sql as pgo_admin with psql; true when it succeeded.
    bool psql(const std::string &sql) {
        return run(bin_ + "/psql -X -q -h 127.0.0.1 -p " + port_ +
                   " -U pgo_admin -d postgres -v ON_ERROR_STOP=1 -c \"" + sql + "\"") == 0;
    }

    // The next start waits in recovery as a standby with hot_standby off:
    // every connection is refused with 57P03 until it is started again
    // without it.
    bool hold_in_recovery(bool on) {
        return run(on ? "touch " + folder_ + "/data/standby.signal"
                      : "rm -f " + folder_ + "/data/standby.signal") == 0;
    }

    std::string connection_string(const std::string &extra = "") const {
        return "DRIVER={pgodbc};Server=127.0.0.1;Port=" + port_ +
               ";Database=postgres;UID=pgo_admin;SSLMode=disable;" + extra;
    }

    const std::string &port() const { return port_; }
    const std::string &folder() const { return folder_; }

private:
    int run(const std::string &command) {
        return std::system((as_owner_ + "sh -c '" + command + "' >>" + folder_ +
                            "/commands.log 2>&1")
                               .c_str());
    }

    std::string bin_;
    std::string folder_;
    std::string port_;
    std::string as_owner_;
};

} // namespace pgo_faults

#endif
