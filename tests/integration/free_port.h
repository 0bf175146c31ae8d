// A loopback TCP port free at the moment of asking, for the servers some
// tests start of their own (a standby, a promotable pair, a PgBouncer, a
// server to stop): bind port 0 on 127.0.0.1, read what the kernel chose,
// close. Another process may take it before the server binds it; the
// callers' start-up waits notice that as a server that does not come up.
#ifndef PGO_TESTS_INTEGRATION_FREE_PORT_H
#define PGO_TESTS_INTEGRATION_FREE_PORT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace pgo_test {

// The port as text, or "" when no socket could be bound.
inline std::string free_loopback_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return "";
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    std::string port;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        port = std::to_string(ntohs(address.sin_port));
    }
    close(fd);
    return port;
}

} // namespace pgo_test

#endif
