// A fault-injecting TCP proxy for the fault tests: listens on a loopback
// port, forwards every connection to the harness server, and on request
// delays, stalls, cuts (FIN or RST) or trickles one connection's bytes.
// Owns: its listening socket, one thread per accepted connection (both
// directions in one poll loop, non-blocking, so it never adds a deadlock of
// its own), and the message tracking that finds the Nth PostgreSQL message
// of a direction (a type byte and an int32 length; the startup packet,
// SSLRequest and CancelRequest have no type byte; once TLS starts only byte
// positions are known). Runs inside the test process; the test controls it.
// Knows nothing of ODBC or the driver.
#ifndef PGO_TESTS_FAULTS_FAULT_PROXY_H
#define PGO_TESTS_FAULTS_FAULT_PROXY_H

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pgo_faults {

enum class Direction { kToServer, kToClient };

enum class Action {
    kStall, // stop forwarding both ways, keep both sockets open
    kClose, // close both sockets (the driver sees an orderly end of stream)
    kReset, // close both; the driver's side with SO_LINGER 0 (an RST)
    kDelay  // hold this direction delay_ms, then forward on
};

// Where a fault acts, counted from the moment it is armed. A byte trigger
// (after_bytes >= 0) acts once that many bytes of the direction have been
// forwarded. Otherwise a message trigger: the message_number-th message of
// the direction whose type byte is message_type (0: any message; untyped
// packets have type 0), before its first byte (or bytes_into_message
// bytes into it) or, with after_message, once all of it has been forwarded.
struct Fault {
    Action action = Action::kStall;
    Direction direction = Direction::kToClient;
    int64_t after_bytes = -1;
    char message_type = 0;
    int message_number = 1;
    bool after_message = false;
    // With a message trigger acting before the message: act once this many
    // of its bytes went through (cut a message in its middle).
    int64_t bytes_into_message = 0;
    int delay_ms = 0;
};

// A message trigger (see Fault): the number-th message of type going in
// direction.
inline Fault fault_at(Action action, Direction direction, char type, int number) {
    Fault fault;
    fault.action = action;
    fault.direction = direction;
    fault.message_type = type;
    fault.message_number = number;
    return fault;
}

class FaultProxy {
public:
    // Starts listening on 127.0.0.1 (an ephemeral port) and forwarding to
    // target_host:target_port. ok() says whether that worked.
    FaultProxy(std::string target_host, int target_port);
    // Closes every connection and joins every thread.
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    bool ok() const { return listen_fd_ >= 0; }
    int port() const { return port_; }

    // The fault for the next connection accepted (one only; later ones
    // pass through untouched, such as the driver's cancel connections).
    void arm_next_connection(const Fault &fault);
    // The fault for the connection accepted last, counted from now.
    void arm_latest(const Fault &fault);
    // Every byte of connections accepted from now on is sent alone, with
    // pause_us between sends (both directions).
    void set_trickle(bool on, int pause_us = 100);

    // Closes every connection (a watchdog's way to end a hang).
    void cut_all();
    // Stops accepting: the listening socket is closed, so a new connection
    // to port() is refused (ECONNREFUSED) while the open ones go on.
    void stop_listening();

    int accepted_count() const { return accepted_.load(); }
    // How many armed faults have acted so far.
    int fired_count() const { return fired_.load(); }

    struct Session; // one proxied connection (fault_proxy.cpp)

private:
    void accept_loop();

    std::string target_host_;
    int target_port_;
    int listen_fd_ = -1;
    int port_ = 0;
    int wake_read_ = -1;
    int wake_write_ = -1;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    std::atomic<int> fired_{0};
    std::thread acceptor_;

    std::mutex mutex_; // guards what follows
    std::vector<std::shared_ptr<Session>> sessions_;
    bool has_next_fault_ = false;
    Fault next_fault_;
    bool trickle_ = false;
    int trickle_pause_us_ = 100;
};

} // namespace pgo_faults

#endif
