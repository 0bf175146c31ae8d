// The fault-injecting proxy (see fault_proxy.h). One thread accepts; each
// accepted connection gets a thread running one poll loop over both
// sockets, non-blocking, with one pending buffer per direction (a side is
// read only when what it sent before has been passed on: the proxy adds
// no buffering beyond one read). Faults are decided on the forwarding path:
// before each write the loop plans how many bytes may go before the
// trigger point, on a copy of the message tracker, then feeds the real
// tracker the bytes the socket took.
// Protocol facts used: "Message Formats" and "Message Flow" of the
// PostgreSQL 15 manual (type byte + int32 length counting itself; the
// startup packet, SSLRequest 80877103, GSSENCRequest 80877104 and
// CancelRequest 80877102 have no type byte; the server answers SSLRequest
// with one unframed byte, 'S' starting TLS).
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

namespace pgo_faults {

namespace {

constexpr size_t kReadChunkBytes = 65536;
constexpr uint32_t kSslRequestCode = 80877103;
constexpr uint32_t kGssEncRequestCode = 80877104;

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

uint32_t read_be32(const unsigned char *bytes) {
    return (static_cast<uint32_t>(bytes[0]) << 24) | (static_cast<uint32_t>(bytes[1]) << 16) |
           (static_cast<uint32_t>(bytes[2]) << 8) | static_cast<uint32_t>(bytes[3]);
}

void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) {
        (void)fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

void set_nodelay(int fd) {
    int on = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

void wake(int fd) {
    if (fd >= 0) {
        char byte = 1;
        (void)!write(fd, &byte, 1);
    }
}

void drain_wake(int fd) {
    char bytes[64];
    while (read(fd, bytes, sizeof bytes) > 0) {
    }
}

bool make_wake_pipe(int *read_end, int *write_end) {
    int fds[2];
    if (pipe(fds) != 0) {
        return false;
    }
    set_nonblocking(fds[0]);
    set_nonblocking(fds[1]);
    *read_end = fds[0];
    *write_end = fds[1];
    return true;
}

int connect_to(const std::string &host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
        return -1;
    }
    int fd = -1;
    for (addrinfo *entry = found; entry != nullptr; entry = entry->ai_next) {
        fd = socket(entry->ai_family, entry->ai_socktype, entry->ai_protocol);
        if (fd < 0) {
            continue;
        }
        if (connect(fd, entry->ai_addr, entry->ai_addrlen) == 0) {
            break;
        }
        close(fd);
        fd = -1;
    }
    freeaddrinfo(found);
    return fd;
}

// Message boundaries of one direction.
struct Tracker {
    bool is_opaque = false;        // TLS (or lost sync): only bytes count
    bool is_untyped_next = false;  // next packet has no type byte
    bool is_single_byte_next = false; // next is the unframed answer to SSLRequest
    bool in_message = false;
    bool is_untyped = false;
    char type = 0;
    unsigned char header[5] = {0, 0, 0, 0, 0};
    size_t header_have = 0;
    size_t header_need = 0;
    uint64_t body_remaining = 0;
    unsigned char code[4] = {0, 0, 0, 0}; // first body bytes of an untyped packet
    size_t code_have = 0;
    uint32_t untyped_length = 0;

    struct Step {
        bool started = false;
        bool completed = false;
        char type = 0;
    };

    // The type a message starting with byte would have.
    char type_of_next(unsigned char byte) const {
        return is_single_byte_next || is_untyped_next ? 0 : static_cast<char>(byte);
    }

    Step feed(unsigned char byte, Tracker *peer) {
        Step step;
        if (is_opaque) {
            return step;
        }
        if (!in_message) {
            step.started = true;
            if (is_single_byte_next) {
                is_single_byte_next = false;
                step.completed = true;
                if (byte == 'S' || byte == 'G') { // TLS or GSS encryption starts
                    is_opaque = true;
                    if (peer != nullptr) {
                        peer->is_opaque = true;
                    }
                }
                return step;
            }
            in_message = true;
            header_have = 0;
            code_have = 0;
            is_untyped = is_untyped_next;
            header_need = is_untyped ? 4 : 5;
            type = is_untyped ? 0 : static_cast<char>(byte);
        }
        step.type = type;
        if (header_have < header_need) {
            header[header_have++] = byte;
            if (header_have < header_need) {
                return step;
            }
            uint32_t length = read_be32(is_untyped ? header : header + 1);
            if (length < 4) {
                is_opaque = true; // not PostgreSQL framing: stop counting messages
                return step;
            }
            untyped_length = length;
            body_remaining = length - 4;
        } else {
            if (is_untyped && code_have < 4) {
                code[code_have++] = byte;
            }
            body_remaining--;
        }
        if (body_remaining == 0) {
            step.completed = true;
            finish(peer);
        }
        return step;
    }

    void finish(Tracker *peer) {
        in_message = false;
        if (!is_untyped) {
            return;
        }
        is_untyped_next = false;
        if (untyped_length == 8 && code_have == 4) {
            uint32_t request = read_be32(code);
            if (request == kSslRequestCode || request == kGssEncRequestCode) {
                is_untyped_next = true; // the startup packet follows
                if (peer != nullptr) {
                    peer->is_single_byte_next = true;
                }
            }
        }
    }
};

bool type_matches(char filter, char type) { return filter == 0 || filter == type; }

} // namespace

struct FaultProxy::Session {
    struct Pipe {
        int from = -1;
        int to = -1;
        std::vector<unsigned char> pending;
        size_t pending_offset = 0;
        bool saw_end = false;
        Tracker tracker;
        // The armed fault, when it is this direction's.
        bool has_fault = false;
        Fault fault;
        int64_t forwarded_since_arm = 0;
        int matched_since_arm = 0;
        int64_t hold_until_ms = 0; // kDelay
        int64_t act_at = -1; // bytes_into_message: forwarded_since_arm to act at
        size_t unsent() const { return pending.size() - pending_offset; }
    };

    int client_fd = -1;
    int server_fd = -1;
    int wake_read = -1;
    int wake_write = -1;
    Pipe to_server;
    Pipe to_client;
    bool is_stalled = false;
    bool is_closed = false;
    std::atomic<bool> stop{false};
    std::atomic<bool> cut_requested{false};
    std::atomic<int> *fired = nullptr;
    std::atomic<bool> trickle{false};
    int trickle_pause_us = 100;
    std::thread thread;

    std::mutex mutex; // guards requested
    bool has_request = false;
    Fault requested;

    ~Session() {
        close_both(false);
        if (wake_read >= 0) {
            close(wake_read);
        }
        if (wake_write >= 0) {
            close(wake_write);
        }
    }

    void request(const Fault &fault) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            has_request = true;
            requested = fault;
        }
        wake(wake_write);
    }

    void install_requested() {
        std::lock_guard<std::mutex> lock(mutex);
        if (!has_request) {
            return;
        }
        has_request = false;
        to_server.has_fault = false;
        to_client.has_fault = false;
        Pipe &pipe = requested.direction == Direction::kToServer ? to_server : to_client;
        pipe.has_fault = true;
        pipe.fault = requested;
        pipe.forwarded_since_arm = 0;
        pipe.matched_since_arm = 0;
        pipe.act_at = -1;
    }

    // Whether the message starting with byte is the one a before-trigger
    // waits for.
    static bool is_awaited_start(const Pipe &pipe, const Tracker &tracker, int matched,
                                 unsigned char byte) {
        const Fault &fault = pipe.fault;
        return fault.after_bytes < 0 && !fault.after_message && !tracker.is_opaque &&
               !tracker.in_message && type_matches(fault.message_type, tracker.type_of_next(byte)) &&
               matched + 1 == fault.message_number;
    }

    void close_both(bool reset_client) {
        if (client_fd >= 0) {
            if (reset_client) {
                linger hard{1, 0};
                (void)setsockopt(client_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            }
            close(client_fd);
            client_fd = -1;
        }
        if (server_fd >= 0) {
            close(server_fd);
            server_fd = -1;
        }
        is_closed = true;
    }

    // How many of the unsent bytes may go now; *act: the fault acts once
    // exactly that many went.
    size_t plan(const Pipe &pipe, bool is_trickle, bool *act) const {
        *act = false;
        const unsigned char *data = pipe.pending.data() + pipe.pending_offset;
        size_t available = pipe.unsent();
        if (!pipe.has_fault) {
            return is_trickle ? std::min<size_t>(available, 1) : available;
        }
        const Fault &fault = pipe.fault;
        Tracker tracker = pipe.tracker;
        int matched = pipe.matched_since_arm;
        int64_t act_at = pipe.act_at;
        for (size_t i = 0; i < available; i++) {
            int64_t position = pipe.forwarded_since_arm + static_cast<int64_t>(i);
            if (position == act_at || position == fault.after_bytes) {
                *act = true;
                return i;
            }
            if (is_awaited_start(pipe, tracker, matched, data[i])) {
                if (fault.bytes_into_message <= 0) {
                    *act = true;
                    return i;
                }
                act_at = position + fault.bytes_into_message;
            }
            Tracker::Step step = tracker.feed(data[i], nullptr);
            if (step.started && type_matches(fault.message_type, step.type)) {
                matched++;
            }
            if (fault.after_bytes < 0 && fault.after_message && step.completed &&
                type_matches(fault.message_type, step.type) && matched == fault.message_number) {
                *act = true;
                return i + 1;
            }
            if (is_trickle) {
                return i + 1;
            }
        }
        return available;
    }

    void record_sent(Pipe &pipe, Pipe &other, size_t count) {
        const unsigned char *data = pipe.pending.data() + pipe.pending_offset;
        for (size_t i = 0; i < count; i++) {
            if (pipe.has_fault && pipe.fault.bytes_into_message > 0 &&
                is_awaited_start(pipe, pipe.tracker, pipe.matched_since_arm, data[i])) {
                pipe.act_at = pipe.forwarded_since_arm + static_cast<int64_t>(i) +
                              pipe.fault.bytes_into_message;
            }
            Tracker::Step step = pipe.tracker.feed(data[i], &other.tracker);
            if (pipe.has_fault && step.started &&
                type_matches(pipe.fault.message_type, step.type)) {
                pipe.matched_since_arm++;
            }
        }
        pipe.forwarded_since_arm += static_cast<int64_t>(count);
        pipe.pending_offset += count;
        if (pipe.pending_offset == pipe.pending.size()) {
            pipe.pending.clear();
            pipe.pending_offset = 0;
        }
    }

    void act(Pipe &pipe) {
        Fault fault = pipe.fault;
        pipe.has_fault = false;
        fired->fetch_add(1);
        switch (fault.action) {
        case Action::kStall:
            is_stalled = true;
            break;
        case Action::kClose:
            close_both(false);
            break;
        case Action::kReset:
            close_both(true);
            break;
        case Action::kDelay:
            pipe.hold_until_ms = now_ms() + fault.delay_ms;
            break;
        }
    }

    // Writes what may go; false when the connection ended.
    bool forward(Pipe &pipe, Pipe &other) {
        while (!is_closed && !is_stalled) {
            install_requested();
            if (pipe.hold_until_ms > now_ms()) {
                return true;
            }
            bool is_trickle = trickle.load();
            bool should_act = false;
            size_t run = plan(pipe, is_trickle, &should_act);
            if (run == 0 && !should_act) {
                return true; // nothing to send
            }
            if (run > 0) {
                ssize_t sent = send(pipe.to, pipe.pending.data() + pipe.pending_offset, run,
                                    MSG_NOSIGNAL);
                if (sent < 0) {
                    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                        return true;
                    }
                    close_both(false);
                    return false;
                }
                record_sent(pipe, other, static_cast<size_t>(sent));
                if (static_cast<size_t>(sent) < run) {
                    return true;
                }
                if (is_trickle && trickle_pause_us > 0) {
                    std::this_thread::sleep_for(std::chrono::microseconds(trickle_pause_us));
                }
            }
            if (should_act) {
                act(pipe);
            }
        }
        return !is_closed;
    }

    // Reads what one side sent; false at end of stream or error.
    bool receive(Pipe &pipe) {
        unsigned char chunk[kReadChunkBytes];
        ssize_t got = recv(pipe.from, chunk, sizeof chunk, 0);
        if (got > 0) {
            pipe.pending.insert(pipe.pending.end(), chunk, chunk + got);
            return true;
        }
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            return true;
        }
        pipe.saw_end = true;
        return false;
    }

    void run() {
        while (!stop.load()) {
            if (cut_requested.load()) {
                close_both(false);
            }
            if (is_closed) {
                return;
            }
            install_requested();
            if (!is_stalled) {
                if (!forward(to_server, to_client) || !forward(to_client, to_server)) {
                    return;
                }
                // One side ended and what it sent has been passed on: end both.
                if ((to_server.saw_end && to_server.unsent() == 0) ||
                    (to_client.saw_end && to_client.unsent() == 0)) {
                    close_both(false);
                    return;
                }
            }
            pollfd fds[3];
            nfds_t count = 0;
            fds[count++] = {wake_read, POLLIN, 0};
            int timeout_ms = -1;
            if (!is_stalled && !is_closed) {
                for (Pipe *pipe : {&to_server, &to_client}) {
                    short events = 0;
                    if (pipe->unsent() == 0 && !pipe->saw_end) {
                        events |= POLLIN;
                    }
                    if (pipe->unsent() > 0) {
                        int64_t wait_ms = pipe->hold_until_ms - now_ms();
                        if (wait_ms > 0) {
                            timeout_ms = timeout_ms < 0
                                             ? static_cast<int>(wait_ms)
                                             : std::min(timeout_ms, static_cast<int>(wait_ms));
                        }
                    }
                    fds[count++] = {pipe->from, events, 0};
                }
                // Writable sockets: one wait for both (POLLOUT on the target).
                for (Pipe *pipe : {&to_server, &to_client}) {
                    if (pipe->unsent() > 0 && pipe->hold_until_ms <= now_ms()) {
                        for (nfds_t i = 1; i < count; i++) {
                            if (fds[i].fd == pipe->to) {
                                fds[i].events |= POLLOUT;
                            }
                        }
                    }
                }
            }
            int ready = poll(fds, count, timeout_ms);
            if (ready < 0 && errno != EINTR) {
                close_both(false);
                return;
            }
            if ((fds[0].revents & POLLIN) != 0) {
                drain_wake(wake_read);
            }
            for (nfds_t i = 1; i < count; i++) {
                if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                    continue;
                }
                Pipe &pipe = fds[i].fd == to_server.from ? to_server : to_client;
                if (pipe.unsent() == 0 && !pipe.saw_end) {
                    (void)receive(pipe);
                }
            }
        }
    }
};

FaultProxy::FaultProxy(std::string target_host, int target_port)
    : target_host_(std::move(target_host)), target_port_(target_port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return;
    }
    int on = 1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(fd, 64) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0 ||
        !make_wake_pipe(&wake_read_, &wake_write_)) {
        close(fd);
        return;
    }
    set_nonblocking(fd);
    listen_fd_ = fd;
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
    stopping_.store(true);
    wake(wake_write_);
    if (acceptor_.joinable()) {
        acceptor_.join();
    }
    std::vector<std::shared_ptr<Session>> sessions;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        sessions.swap(sessions_);
    }
    for (auto &session : sessions) {
        session->stop.store(true);
        wake(session->wake_write);
    }
    for (auto &session : sessions) {
        if (session->thread.joinable()) {
            session->thread.join();
        }
    }
    if (listen_fd_ >= 0) {
        close(listen_fd_);
    }
    if (wake_read_ >= 0) {
        close(wake_read_);
    }
    if (wake_write_ >= 0) {
        close(wake_write_);
    }
}

void FaultProxy::arm_next_connection(const Fault &fault) {
    std::lock_guard<std::mutex> lock(mutex_);
    has_next_fault_ = true;
    next_fault_ = fault;
}

void FaultProxy::arm_latest(const Fault &fault) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!sessions_.empty()) {
        sessions_.back()->request(fault);
    }
}

void FaultProxy::set_trickle(bool on, int pause_us) {
    std::lock_guard<std::mutex> lock(mutex_);
    trickle_ = on;
    trickle_pause_us_ = pause_us;
}

void FaultProxy::cut_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &session : sessions_) {
        session->cut_requested.store(true);
        wake(session->wake_write);
    }
}

void FaultProxy::stop_listening() {
    stopping_.store(true);
    wake(wake_write_);
    if (acceptor_.joinable()) {
        acceptor_.join();
    }
    if (listen_fd_ >= 0) {
        close(listen_fd_);
        listen_fd_ = -1;
    }
}

void FaultProxy::accept_loop() {
    while (!stopping_.load()) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0 && errno != EINTR) {
            return;
        }
        if ((fds[1].revents & POLLIN) != 0) {
            drain_wake(wake_read_);
            continue;
        }
        int client = accept(listen_fd_, nullptr, nullptr);
        if (client < 0) {
            continue;
        }
        int server = connect_to(target_host_, target_port_);
        if (server < 0) {
            close(client);
            continue;
        }
        auto session = std::make_shared<Session>();
        session->client_fd = client;
        session->server_fd = server;
        if (!make_wake_pipe(&session->wake_read, &session->wake_write)) {
            continue; // the session's destructor closes both sockets
        }
        set_nonblocking(client);
        set_nonblocking(server);
        set_nodelay(client);
        set_nodelay(server);
        session->to_server.from = client;
        session->to_server.to = server;
        session->to_client.from = server;
        session->to_client.to = client;
        session->to_server.tracker.is_untyped_next = true; // the startup packet
        session->fired = &fired_;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            session->trickle_pause_us = trickle_pause_us_;
            if (has_next_fault_) {
                has_next_fault_ = false;
                session->has_request = true;
                session->requested = next_fault_;
            }
            session->trickle.store(trickle_);
            sessions_.push_back(session);
        }
        accepted_.fetch_add(1);
        Session *raw = session.get();
        session->thread = std::thread([raw] { raw->run(); });
    }
}

} // namespace pgo_faults
