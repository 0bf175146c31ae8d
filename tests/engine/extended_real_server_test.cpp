// The extended protocol, cancel and the query timeout against a real
// PostgreSQL. Skipped unless PGO_WIRE_TEST_PORT names a server prepared as
// real_server_test.cpp describes (pgo_wire_trust: trust over 127.0.0.1,
// ssl = on). Optional: PGO_WIRE_TEST_SOCKET_DIR for the Unix-socket cancel.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

extern "C" {
#include "params/connect_params.h"
#include "util/error.h"
#include "wire/conn.h"
}

namespace {

using Clock = std::chrono::steady_clock;

std::string Text(const struct wire_value &value)
{
    if (value.is_null) {
        return "<null>";
    }
    return std::string(reinterpret_cast<const char *>(value.data), value.length_bytes);
}

uint32_t BigEndian32(const struct wire_value &value)
{
    EXPECT_EQ(4u, value.length_bytes);
    if (value.length_bytes != 4) {
        return 0;
    }
    return (uint32_t(value.data[0]) << 24) | (uint32_t(value.data[1]) << 16) |
           (uint32_t(value.data[2]) << 8) | uint32_t(value.data[3]);
}

class ExtendedRealServerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const char *port = std::getenv("PGO_WIRE_TEST_PORT");
        if (port == nullptr || port[0] == '\0') {
            GTEST_SKIP() << "PGO_WIRE_TEST_PORT is not set";
        }
        ASSERT_EQ(0, params_init(&params_));
        params_.port = static_cast<uint16_t>(std::atoi(port));  // test code, not the driver
        ASSERT_EQ(0, params_set_string(&params_.host, "127.0.0.1", 9));
        ASSERT_EQ(0, params_set_string(&params_.database, "postgres", 8));
        ASSERT_EQ(0, params_set_string(&params_.user, "pgo_wire_trust", 14));
        params_.ssl.mode = PARAMS_SSL_DISABLE;
        params_.has_timeout = true;
        params_.timeout_ms = 20000;
        error_init(&error_);
        is_set_up_ = true;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        if (is_set_up_) {
            params_reset(&params_);
        }
    }
    struct wire_conn *Open()
    {
        struct wire_conn *conn = nullptr;
        struct error error;
        error_init(&error);
        EXPECT_EQ(0, wire_connect(&params_, 0, nullptr, &conn, &error))
            << error.sqlstate << " " << error.message;
        return conn;
    }
    void Connect()
    {
        conn_ = Open();
        ASSERT_NE(nullptr, conn_);
    }
    void Parse(const char *name, const char *sql, std::vector<uint32_t> oids = {})
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_parse(conn_, name, sql, strlen(sql), oids.data(), oids.size(),
                                      &error_))
            << error_.message;
    }
    void Bind(const char *portal, const char *statement, std::vector<std::string> texts = {},
              std::vector<int16_t> formats = {})
    {
        std::vector<struct wire_param> params;
        for (const std::string &text : texts) {
            struct wire_param param = {};
            param.data = reinterpret_cast<const unsigned char *>(text.data());
            param.length_bytes = text.size();
            params.push_back(param);
        }
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_bind(conn_, portal, statement, params.data(), params.size(),
                                     formats.data(), formats.size(), &error_))
            << error_.message;
    }
    void Execute(const char *portal, uint32_t max_rows = 0)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_execute(conn_, portal, max_rows, &error_)) << error_.message;
    }
    void Sync()
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_sync(conn_, &error_)) << error_.message;
    }
    // One event as a short string; rows as their text values joined by '|'.
    std::string NextEvent()
    {
        error_init(&error_);
        if (wire_next_event(conn_, &event_, &error_) != 0) {
            return std::string("broken:") + error_.sqlstate;
        }
        switch (event_.kind) {
        case WIRE_EVENT_ROW_DESCRIPTION: return "columns:" + std::to_string(event_.column_count);
        case WIRE_EVENT_NO_DATA: return "nodata";
        case WIRE_EVENT_DATA_ROW: {
            std::string row = "row:";
            for (size_t i = 0; i < event_.value_count; i++) {
                row += (i > 0 ? "|" : "") + Text(event_.values[i]);
            }
            return row;
        }
        case WIRE_EVENT_COMMAND_COMPLETE: return std::string("complete:") + event_.command_tag;
        case WIRE_EVENT_EMPTY_QUERY: return "empty";
        case WIRE_EVENT_SERVER_ERROR: return std::string("error:") + error_.sqlstate;
        case WIRE_EVENT_COPY_REFUSED: return "copy-refused";
        case WIRE_EVENT_READY: return std::string("ready:") + event_.transaction_status;
        case WIRE_EVENT_PARSE_COMPLETE: return "parsed";
        case WIRE_EVENT_BIND_COMPLETE: return "bound";
        case WIRE_EVENT_CLOSE_COMPLETE: return "closed";
        case WIRE_EVENT_PARAMETER_DESCRIPTION: {
            std::string text = "params:";
            for (size_t i = 0; i < event_.parameter_count; i++) {
                text += (i > 0 ? "," : "") + std::to_string(event_.parameter_type_oids[i]);
            }
            return text;
        }
        case WIRE_EVENT_PORTAL_SUSPENDED: return "suspended";
        }
        return "?";
    }
    // Events up to and including the next READY (or a failure).
    std::vector<std::string> UntilReady()
    {
        std::vector<std::string> events;
        for (int i = 0; i < 100000; i++) {
            events.push_back(NextEvent());
            if (events.back().rfind("ready:", 0) == 0 || events.back().rfind("broken:", 0) == 0) {
                break;
            }
        }
        return events;
    }
    std::string SimpleOne(const char *sql)
    {
        error_init(&error_);
        EXPECT_EQ(0, wire_send_simple_query(conn_, sql, strlen(sql), &error_)) << error_.message;
        std::string result = "<no row>";
        for (const std::string &event : UntilReady()) {
            if (event.rfind("row:", 0) == 0 && result == "<no row>") {
                result = event.substr(4);
            }
            if (event.rfind("error:", 0) == 0 || event.rfind("broken:", 0) == 0) {
                result = event;
            }
        }
        return result;
    }

    struct connect_params params_;
    struct error error_;
    struct wire_event event_;
    struct wire_conn *conn_ = nullptr;
    bool is_set_up_ = false;
};

using Events = std::vector<std::string>;

TEST_F(ExtendedRealServerTest, ParseBindDescribeExecuteSyncInText)
{
    Connect();
    Parse("", "SELECT 42::int4 AS a, 'x'::text AS b, $1::int4 + 1 AS c", {23});
    Bind("", "", {"6"});
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_portal(conn_, "", &error_));
    Execute("");
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("bound", NextEvent());
    ASSERT_EQ("columns:3", NextEvent());
    EXPECT_STREQ("a", event_.columns[0].name);
    EXPECT_EQ(23u, event_.columns[0].type_oid);
    EXPECT_EQ(0, event_.columns[0].format_code);
    EXPECT_EQ((Events{"row:42|x|7", "complete:SELECT 1", "ready:I"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ("2", SimpleOne("SELECT 2"));
}

TEST_F(ExtendedRealServerTest, BinaryResultFormatsFromDescribePortal)
{
    Connect();
    Parse("", "SELECT 42::int4 AS a, 'x'::text AS b, 7::int4 AS c");
    Bind("", "", {}, {1});
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_portal(conn_, "", &error_));
    Execute("");
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("bound", NextEvent());
    ASSERT_EQ("columns:3", NextEvent());
    for (size_t i = 0; i < 3; i++) {
        EXPECT_EQ(1, event_.columns[i].format_code) << i;
    }
    ASSERT_EQ(0, wire_next_event(conn_, &event_, &error_));
    ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
    ASSERT_EQ(3u, event_.value_count);
    EXPECT_EQ(42u, BigEndian32(event_.values[0]));
    EXPECT_EQ("x", Text(event_.values[1]));
    EXPECT_EQ(7u, BigEndian32(event_.values[2]));
    EXPECT_EQ(1, event_.columns[2].format_code);
    EXPECT_EQ((Events{"complete:SELECT 1", "ready:I"}), UntilReady());
}

TEST_F(ExtendedRealServerTest, BindFormatsApplyToAStatementDescribedEarlier)
{
    Connect();
    Parse("fmt", "SELECT $1::int4 AS a, 'y'::text AS b", {0});
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_statement(conn_, "fmt", &error_));
    Sync();
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("params:23", NextEvent());
    ASSERT_EQ("columns:2", NextEvent());
    EXPECT_EQ(0, event_.columns[0].format_code);
    EXPECT_EQ((Events{"ready:I"}), UntilReady());

    // Per-column formats: a binary, b text. No Describe this time: the
    // statement's description carries on with the Bind's formats.
    Bind("", "fmt", {"5"}, {1, 0});
    Execute("");
    Sync();
    EXPECT_EQ("bound", NextEvent());
    ASSERT_EQ(0, wire_next_event(conn_, &event_, &error_));
    ASSERT_EQ(WIRE_EVENT_DATA_ROW, event_.kind);
    ASSERT_EQ(2u, event_.column_count);
    EXPECT_EQ(1, event_.columns[0].format_code);
    EXPECT_EQ(0, event_.columns[1].format_code);
    EXPECT_EQ(5u, BigEndian32(event_.values[0]));
    EXPECT_EQ("y", Text(event_.values[1]));
    EXPECT_EQ((Events{"complete:SELECT 1", "ready:I"}), UntilReady());
}

TEST_F(ExtendedRealServerTest, RowLimitedExecuteSuspendsAndContinues)
{
    Connect();
    Parse("", "SELECT g FROM generate_series(1, 5) AS g");
    Bind("", "");
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_portal(conn_, "", &error_));
    Execute("", 2);
    error_init(&error_);
    ASSERT_EQ(0, wire_flush(conn_, &error_)) << error_.message;
    EXPECT_EQ("parsed", NextEvent());
    EXPECT_EQ("bound", NextEvent());
    EXPECT_EQ("columns:1", NextEvent());
    EXPECT_EQ("row:1", NextEvent());
    EXPECT_EQ("row:2", NextEvent());
    EXPECT_EQ("suspended", NextEvent());
    // Everything flushed was answered: nothing is owed.
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    Execute("", 2);
    Execute("", 0);
    Sync();
    EXPECT_EQ((Events{"row:3", "row:4", "suspended", "row:5", "complete:SELECT 1", "ready:I"}),
              UntilReady());
}

TEST_F(ExtendedRealServerTest, NamedPortalLivesAcrossSyncInsideATransaction)
{
    Connect();
    EXPECT_EQ("<no row>", SimpleOne("BEGIN"));
    Parse("", "SELECT g, g * 10 FROM generate_series(1, 3) AS g");
    Bind("cur", "", {}, {});
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_portal(conn_, "cur", &error_));
    Execute("cur", 1);
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "columns:2", "row:1|10", "suspended", "ready:T"}),
              UntilReady());
    Execute("cur", 0);
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_close_portal(conn_, "cur", &error_));
    Sync();
    EXPECT_EQ((Events{"row:2|20", "row:3|30", "complete:SELECT 2", "closed", "ready:T"}),
              UntilReady());
    EXPECT_EQ("<no row>", SimpleOne("COMMIT"));
}

TEST_F(ExtendedRealServerTest, NamedStatementPreparedOnceExecutedTwice)
{
    Connect();
    Parse("twice", "SELECT $1::int4 * 2", {23});
    Sync();
    EXPECT_EQ((Events{"parsed", "ready:I"}), UntilReady());
    Bind("", "twice", {"21"});
    Execute("");
    Sync();
    EXPECT_EQ((Events{"bound", "row:42", "complete:SELECT 1", "ready:I"}), UntilReady());
    Bind("", "twice", {"50"});
    Execute("");
    Sync();
    EXPECT_EQ((Events{"bound", "row:100", "complete:SELECT 1", "ready:I"}), UntilReady());
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_close_statement(conn_, "twice", &error_));
    Sync();
    EXPECT_EQ((Events{"closed", "ready:I"}), UntilReady());
    Bind("", "twice", {"1"});
    Execute("");
    Sync();
    EXPECT_EQ((Events{"error:26000", "ready:I"}), UntilReady());
}

TEST_F(ExtendedRealServerTest, TwoPipelinedSyncsWithAnErrorInTheFirst)
{
    Connect();
    Parse("", "SELECT 1 / (random() * 0)::int");  // fails in Execute, not in Bind
    Bind("", "");
    Execute("");
    Sync();
    Parse("", "SELECT 2");
    Bind("", "");
    Execute("");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "error:22012", "ready:I"}), UntilReady());
    EXPECT_TRUE(wire_conn_is_busy(conn_));
    struct error refused;
    error_init(&refused);
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 3", 8, &refused));
    EXPECT_STREQ("HY010", refused.sqlstate);
    EXPECT_EQ((Events{"parsed", "bound", "row:2", "complete:SELECT 1", "ready:I"}),
              UntilReady());
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ("3", SimpleOne("SELECT 3"));
}

TEST_F(ExtendedRealServerTest, ErrorAfterFlushGetsTheEnginesSync)
{
    Connect();
    Parse("", "SELECT * FROM no_such_table_here");
    Bind("", "");
    Execute("");
    error_init(&error_);
    ASSERT_EQ(0, wire_flush(conn_, &error_));
    EXPECT_EQ((Events{"error:42P01", "ready:I"}), UntilReady());
    EXPECT_EQ("4", SimpleOne("SELECT 4"));
}

TEST_F(ExtendedRealServerTest, DrainAbandonsAFlushedPortal)
{
    Connect();
    Parse("", "SELECT g FROM generate_series(1, 1000) AS g");
    Bind("", "");
    Execute("", 10);
    error_init(&error_);
    ASSERT_EQ(0, wire_flush(conn_, &error_));
    EXPECT_EQ("parsed", NextEvent());
    error_init(&error_);
    ASSERT_EQ(0, wire_drain_to_ready(conn_, &error_)) << error_.message;
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ("5", SimpleOne("SELECT 5"));
}

TEST_F(ExtendedRealServerTest, ManyRowsArriveWhole)
{
    Connect();
    Parse("", "SELECT g, repeat('x', g % 50) FROM generate_series(1, 200000) AS g");
    Bind("", "");
    error_init(&error_);
    ASSERT_EQ(0, wire_queue_describe_portal(conn_, "", &error_));
    Execute("");
    Sync();
    size_t rows = 0;
    uint64_t sum = 0;
    for (;;) {
        error_init(&error_);
        ASSERT_EQ(0, wire_next_event(conn_, &event_, &error_)) << error_.message;
        if (event_.kind == WIRE_EVENT_DATA_ROW) {
            rows++;
            uint64_t g = std::strtoull(Text(event_.values[0]).c_str(), nullptr, 10);
            sum += g;
            ASSERT_EQ(g % 50, event_.values[1].length_bytes);
        }
        if (event_.kind == WIRE_EVENT_READY) {
            break;
        }
    }
    EXPECT_EQ(200000u, rows);
    EXPECT_EQ(uint64_t(200000) * 200001 / 2, sum);
}

// Runs pg_sleep(10) on conn_ while another thread sends the cancel.
void ExpectCancelStopsASleep(ExtendedRealServerTest *test, struct wire_conn *conn)
{
    struct error error;
    error_init(&error);
    struct wire_cancel_token *token = wire_cancel_token_new(conn, &error);
    ASSERT_NE(nullptr, token) << error.message;
    const char sql[] = "SELECT pg_sleep(10)";
    ASSERT_EQ(0, wire_send_simple_query(conn, sql, strlen(sql), &error));
    int cancel_result = 1;
    struct error cancel_error;
    error_init(&cancel_error);
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel_result = wire_cancel_send(token, 5000, &cancel_error);
    });
    Clock::time_point started = Clock::now();
    std::string first;
    for (;;) {
        struct wire_event event;
        error_init(&error);
        if (wire_next_event(conn, &event, &error) != 0) {
            first = std::string("broken:") + error.sqlstate;
            break;
        }
        if (event.kind == WIRE_EVENT_SERVER_ERROR && first.empty()) {
            first = std::string("error:") + error.sqlstate;
        }
        if (event.kind == WIRE_EVENT_READY) {
            break;
        }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    canceller.join();
    wire_cancel_token_free(token);
    EXPECT_EQ(0, cancel_result) << cancel_error.message;
    EXPECT_EQ("error:57014", first);
    EXPECT_LT(seconds, 3.0);
    EXPECT_FALSE(wire_conn_is_busy(conn));
    (void)test;
}

TEST_F(ExtendedRealServerTest, CancelTokenStopsASleepFromAnotherThread)
{
    Connect();
    ExpectCancelStopsASleep(this, conn_);
    EXPECT_EQ("1", SimpleOne("SELECT 1"));
}

TEST_F(ExtendedRealServerTest, CancelOverTls)
{
    params_.ssl.mode = PARAMS_SSL_REQUIRE;
    Connect();
    ASSERT_TRUE(wire_conn_has_tls(conn_));
    ExpectCancelStopsASleep(this, conn_);
    EXPECT_EQ("t", SimpleOne("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
}

TEST_F(ExtendedRealServerTest, CancelThroughAnAdoptedSocketUsesItsPeerAddress)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    struct sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(params_.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(0, connect(fd, reinterpret_cast<struct sockaddr *>(&address), sizeof address));
    // The host name says nothing useful: the token must use the peer address.
    ASSERT_EQ(0, params_set_string(&params_.host, "no-such-host.invalid", 20));
    params_.has_sock = true;
    params_.sock = fd;
    Connect();
    ExpectCancelStopsASleep(this, conn_);
}

TEST_F(ExtendedRealServerTest, CancelOverAUnixSocket)
{
    const char *dir = std::getenv("PGO_WIRE_TEST_SOCKET_DIR");
    if (dir == nullptr) {
        GTEST_SKIP() << "PGO_WIRE_TEST_SOCKET_DIR is not set";
    }
    ASSERT_EQ(0, params_set_string(&params_.unix_sock, dir, strlen(dir)));
    Connect();
    ExpectCancelStopsASleep(this, conn_);
}

TEST_F(ExtendedRealServerTest, QueryTimeoutIsHyt00AndTheConnectionLives)
{
    Connect();
    wire_conn_set_query_timeout(conn_, 500);
    EXPECT_EQ("1", SimpleOne("SELECT 1"));  // fast enough: no timeout
    Clock::time_point started = Clock::now();
    Parse("", "SELECT pg_sleep(10)");
    Bind("", "");
    Execute("");
    Sync();
    std::vector<std::string> events;
    std::string message;
    for (;;) {
        events.push_back(NextEvent());
        if (events.back() == "error:HYT00") {
            message = error_.message;
        }
        if (events.back().rfind("ready:", 0) == 0 || events.back().rfind("broken:", 0) == 0) {
            break;
        }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    EXPECT_EQ((Events{"parsed", "bound", "error:HYT00", "ready:I"}), events);
    EXPECT_EQ("query timeout expired (the statement was cancelled after 0.5 seconds)", message);
    EXPECT_LT(seconds, 3.0);
    EXPECT_GE(seconds, 0.4);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    // The simple protocol is bounded the same way, and the limit stays.
    EXPECT_EQ("error:HYT00", SimpleOne("SELECT pg_sleep(10)"));
    wire_conn_set_query_timeout(conn_, 0);
    EXPECT_EQ("<null>", SimpleOne("SELECT NULL"));
    EXPECT_EQ("", std::string(SimpleOne("SELECT pg_sleep(0.7)")));
}

TEST_F(ExtendedRealServerTest, CancelNotCausedByTheTimeoutKeeps57014)
{
    Connect();
    wire_conn_set_query_timeout(conn_, 60000);
    ExpectCancelStopsASleep(this, conn_);
}

TEST_F(ExtendedRealServerTest, TerminatedBackendBreaksTheConnection)
{
    Connect();
    struct wire_conn *other = Open();
    ASSERT_NE(nullptr, other);
    std::string sql = "SELECT pg_terminate_backend(" +
                      std::to_string(wire_conn_backend_pid(conn_)) + ", 5000)";
    std::swap(conn_, other);
    EXPECT_EQ("t", SimpleOne(sql.c_str()));
    std::swap(conn_, other);
    wire_conn_free(other);

    Parse("", "SELECT 1");
    Bind("", "");
    Execute("");
    error_init(&error_);
    if (wire_queue_sync(conn_, &error_) == 0) {
        // The FATAL arrives first, then the end of the stream.
        Events events = UntilReady();
        ASSERT_FALSE(events.empty());
        EXPECT_EQ("error:57P01", events.front());
        EXPECT_EQ("broken:08S01", events.back());
    } else {
        EXPECT_STREQ("08S01", error_.sqlstate);
    }
    EXPECT_TRUE(wire_conn_is_broken(conn_));
    error_init(&error_);
    EXPECT_EQ(-1, wire_send_simple_query(conn_, "SELECT 1", 8, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
    error_init(&error_);
    EXPECT_EQ(-1, wire_queue_parse(conn_, "", "SELECT 1", 8, nullptr, 0, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
}

}  // namespace
