// Faults while connecting: the TCP session is up but the server's side of
// the startup or of the SCRAM exchange stalls, is delayed, or is cut.
// ODBC: SQLDriverConnect answers 08001 when the connection could not be
// made, HYT00 when SQL_ATTR_LOGIN_TIMEOUT expired; the Timeout keyword
// bounds connecting too (KEYWORDS.md: 08001 once it expires).
#include "fault_test.h"

namespace pgo_faults {
namespace {

class ConnectFaultTest : public FaultTest {};

Fault on_server_message(Action action, char type, int number) {
    return fault_at(action, Direction::kToClient, type, number);
}

TEST_F(ConnectFaultTest, StalledStartupEndsWith08001WhenTimeoutExpires) {
    proxy->arm_next_connection(on_server_message(Action::kStall, 0, 1));
    auto connection = connect_with(proxied("pgo_trust", "Timeout=1;"));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {"timed out"});
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_GE(connection->elapsed_seconds, 0.9);
    EXPECT_LT(connection->elapsed_seconds, 2.0);
}

TEST_F(ConnectFaultTest, StalledScramExchangeEndsWithHyt00WhenLoginTimeoutExpires) {
    // The second 'R' is SASLContinue: the client's first SCRAM message was
    // sent, the server's answer never comes.
    proxy->arm_next_connection(on_server_message(Action::kStall, 'R', 2));
    auto connection = connect_with(proxied("pgo_scram"), [](SQLHDBC dbc) {
        ASSERT_EQ(SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0),
                  SQL_SUCCESS);
    });
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "HYT00", {});
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_GE(connection->elapsed_seconds, 0.9);
    EXPECT_LT(connection->elapsed_seconds, 2.0);
}

TEST_F(ConnectFaultTest, ScramExchangeCutIs08001NamingTheLostConnection) {
    proxy->arm_next_connection(on_server_message(Action::kClose, 'R', 2));
    auto connection = connect_with(proxied("pgo_scram", "Timeout=5;"));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_EQ(count_state(connection->diags, "08001"), 1) << format_diags(connection->diags);
    EXPECT_DIAG(connection->diags, "08001", {"closed the connection"});
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_LT(connection->elapsed_seconds, 1.0);
}

TEST_F(ConnectFaultTest, StartupResetIs08001) {
    Fault fault;
    fault.action = Action::kReset;
    fault.direction = Direction::kToServer;
    fault.message_number = 1; // the startup packet never reaches the server
    proxy->arm_next_connection(fault);
    auto connection = connect_with(proxied("pgo_trust", "Timeout=5;"));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_EQ(count_state(connection->diags, "08001"), 1) << format_diags(connection->diags);
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_LT(connection->elapsed_seconds, 1.0);
}

TEST_F(ConnectFaultTest, CutAfterAuthenticationOkBeforeReadyIs08001) {
    // 'K' (BackendKeyData) comes after AuthenticationOk and the statuses.
    proxy->arm_next_connection(on_server_message(Action::kClose, 'K', 1));
    auto connection = connect_with(proxied("pgo_scram", "Timeout=5;"));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_EQ(count_state(connection->diags, "08001"), 1) << format_diags(connection->diags);
    EXPECT_EQ(proxy->fired_count(), 1);
}

TEST_F(ConnectFaultTest, DelayShorterThanTimeoutStillConnects) {
    Fault fault = on_server_message(Action::kDelay, 'R', 1);
    fault.delay_ms = 400;
    proxy->arm_next_connection(fault);
    auto connection = connect_with(proxied("pgo_scram", "Timeout=2;"));
    ASSERT_CONNECTED(connection);
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_GE(connection->elapsed_seconds, 0.4);
    EXPECT_EQ(scalar(*connection, "SELECT 40 + 2"), "42");
}

TEST_F(ConnectFaultTest, StalledTlsHandshakeEndsWithinTimeout) {
    // Over TLS only bytes can be counted: the stall comes after the server
    // accepted the SSLRequest ('S', one byte) and 100 bytes of its handshake.
    Fault fault;
    fault.action = Action::kStall;
    fault.direction = Direction::kToClient;
    fault.after_bytes = 101;
    proxy->arm_next_connection(fault);
    auto connection = connect_with(proxied("pgo_trust", "SSLMode=require;Timeout=1;"));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_DIAG(connection->diags, "08001", {});
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_LT(connection->elapsed_seconds, 2.0);
}

TEST_F(ConnectFaultTest, TlsHandshakeResetIs08001) {
    Fault fault;
    fault.action = Action::kReset;
    fault.direction = Direction::kToClient;
    fault.after_bytes = 101; // 'S', then part of the server's handshake
    proxy->arm_next_connection(fault);
    auto connection = connect_with(proxied("pgo_trust", "SSLMode=require;Timeout=5;"));
    EXPECT_CONNECT_FAILED(connection);
    EXPECT_EQ(count_state(connection->diags, "08001"), 1) << format_diags(connection->diags);
    EXPECT_EQ(proxy->fired_count(), 1);
    EXPECT_LT(connection->elapsed_seconds, 1.0);
}

} // namespace
} // namespace pgo_faults
