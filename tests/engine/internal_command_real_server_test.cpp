// Internal commands (wire_queue_internal_command) and wire_run_command
// against a real PostgreSQL: BEGIN travelling with a statement in one
// exchange, a failing internal command, a statement savepoint, COMMIT of a
// failed transaction answering ROLLBACK, and the statement's events the
// same with and without internal commands around it. Skipped unless
// PGO_WIRE_TEST_PORT names a server (see real_server_test.cpp).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "params/connect_params.h"
#include "util/error.h"
#include "wire/conn.h"
}

namespace {

using Events = std::vector<std::string>;

class InternalCommandRealServerTest : public ::testing::Test {
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
        is_set_up_ = true;
        error_init(&error_);
        ASSERT_EQ(0, wire_connect(&params_, 0, nullptr, &conn_, &error_))
            << error_.sqlstate << " " << error_.message;
    }
    void TearDown() override
    {
        wire_conn_free(conn_);
        if (is_set_up_) {
            params_reset(&params_);
        }
    }
    void Internal(const char *sql)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_internal_command(conn_, sql, strlen(sql), &error_))
            << error_.message;
    }
    // The statement as the ODBC layer queues it: Parse, Bind, Describe, Execute.
    void Statement(const char *sql)
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_parse(conn_, "", sql, strlen(sql), nullptr, 0, &error_));
        ASSERT_EQ(0, wire_queue_bind(conn_, "", "", nullptr, 0, nullptr, 0, &error_));
        ASSERT_EQ(0, wire_queue_describe_portal(conn_, "", &error_));
        ASSERT_EQ(0, wire_queue_execute(conn_, "", 0, &error_));
    }
    void Sync()
    {
        error_init(&error_);
        ASSERT_EQ(0, wire_queue_sync(conn_, &error_)) << error_.message;
    }
    std::string NextEvent()
    {
        error_init(&error_);
        if (wire_next_event(conn_, &event_, &error_) != 0) {
            return std::string("broken:") + error_.sqlstate;
        }
        switch (event_.kind) {
        case WIRE_EVENT_ROW_DESCRIPTION: {
            std::string text = "columns:";
            for (size_t i = 0; i < event_.column_count; i++) {
                text += (i > 0 ? "," : "") + std::string(event_.columns[i].name);
            }
            return text;
        }
        case WIRE_EVENT_NO_DATA: return "nodata";
        case WIRE_EVENT_DATA_ROW: {
            std::string row = "row:";
            for (size_t i = 0; i < event_.value_count; i++) {
                const struct wire_value &value = event_.values[i];
                row += (i > 0 ? "|" : "") +
                       (value.is_null ? std::string("<null>")
                                      : std::string(reinterpret_cast<const char *>(value.data),
                                                    value.length_bytes));
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
        case WIRE_EVENT_PARAMETER_DESCRIPTION: return "params";
        case WIRE_EVENT_PORTAL_SUSPENDED: return "suspended";
        }
        return "?";
    }
    Events UntilReady()
    {
        Events events;
        for (int i = 0; i < 10000; i++) {
            events.push_back(NextEvent());
            if (events.back().rfind("ready:", 0) == 0 || events.back().rfind("broken:", 0) == 0) {
                break;
            }
        }
        return events;
    }
    // wire_run_command; returns the tag, or "error:<state>".
    std::string Run(const char *sql)
    {
        char tag[64] = "";
        error_init(&error_);
        if (wire_run_command(conn_, sql, strlen(sql), tag, sizeof tag, &error_) != 0) {
            return std::string("error:") + error_.sqlstate;
        }
        return tag;
    }

    struct connect_params params_;
    struct error error_;
    struct wire_event event_;
    struct wire_conn *conn_ = nullptr;
    bool is_set_up_ = false;
};

TEST_F(InternalCommandRealServerTest, BeginAndASelectInOneExchangeLeaveATransactionOpen)
{
    EXPECT_EQ('I', wire_conn_transaction_status(conn_));
    Internal("BEGIN");
    Statement("SELECT 1 AS one");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "columns:one", "row:1", "complete:SELECT 1",
                      "ready:T"}),
              UntilReady());
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    EXPECT_EQ("COMMIT", Run("COMMIT"));
    EXPECT_EQ('I', wire_conn_transaction_status(conn_));
}

TEST_F(InternalCommandRealServerTest, AFailingInternalCommandIsAServerErrorThenReady)
{
    // RELEASE SAVEPOINT outside a transaction block: 25P01. The statement
    // queued after it is skipped by the server.
    Internal("RELEASE SAVEPOINT nowhere");
    Statement("SELECT 1");
    Sync();
    EXPECT_EQ((Events{"error:25P01", "ready:I"}), UntilReady());
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_FALSE(wire_conn_is_busy(conn_));
    Statement("SELECT 2");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "columns:?column?", "row:2", "complete:SELECT 1",
                      "ready:I"}),
              UntilReady());
}

TEST_F(InternalCommandRealServerTest, TheStatementsEventsAreTheSameWithInternalCommandsAround)
{
    const char *sql = "SELECT g AS n, g * 2 AS twice FROM generate_series(1, 3) g";
    Statement(sql);
    Sync();
    Events alone = UntilReady();
    ASSERT_EQ("ready:I", alone.back());
    Internal("BEGIN ISOLATION LEVEL REPEATABLE READ");
    Internal("SAVEPOINT pgodbc_statement");
    Statement(sql);
    Internal("RELEASE SAVEPOINT pgodbc_statement");
    Sync();
    Events wrapped = UntilReady();
    ASSERT_EQ("ready:T", wrapped.back());
    alone.pop_back();
    wrapped.pop_back();
    EXPECT_EQ(alone, wrapped);
    EXPECT_EQ(7u, alone.size());
    EXPECT_EQ("repeatable read", [&] {
        Statement("SHOW transaction_isolation");
        Sync();
        Events events = UntilReady();
        return events.size() > 3 ? events[3].substr(4) : std::string("?");
    }());
    EXPECT_EQ("ROLLBACK", Run("ROLLBACK"));
}

TEST_F(InternalCommandRealServerTest, ASavepointUndoesOnlyTheFailedStatement)
{
    EXPECT_EQ("SET", Run("SET client_min_messages = warning"));
    EXPECT_EQ("CREATE TABLE", Run("CREATE TEMP TABLE internal_sp (v int PRIMARY KEY)"));
    EXPECT_EQ("BEGIN", Run("BEGIN"));
    Internal("SAVEPOINT s");
    Statement("INSERT INTO internal_sp VALUES (1)");
    Internal("RELEASE SAVEPOINT s");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "nodata", "complete:INSERT 0 1", "ready:T"}),
              UntilReady());
    Internal("SAVEPOINT s");
    Statement("INSERT INTO internal_sp VALUES (1)");
    Internal("RELEASE SAVEPOINT s");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "nodata", "error:23505", "ready:E"}), UntilReady());
    EXPECT_EQ("ROLLBACK", Run("ROLLBACK TO SAVEPOINT s"));
    EXPECT_EQ('T', wire_conn_transaction_status(conn_));
    EXPECT_EQ("COMMIT", Run("COMMIT"));
    Statement("SELECT count(*) FROM internal_sp");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "columns:count", "row:1", "complete:SELECT 1",
                      "ready:I"}),
              UntilReady());
}

TEST_F(InternalCommandRealServerTest, CommitOfAFailedTransactionAnswersRollback)
{
    EXPECT_EQ("BEGIN", Run("BEGIN"));
    EXPECT_EQ("error:22012", Run("SELECT 1 / 0"));
    EXPECT_EQ('E', wire_conn_transaction_status(conn_));
    EXPECT_EQ("error:25P02", Run("SELECT 1"));
    EXPECT_EQ("ROLLBACK", Run("COMMIT"));
    EXPECT_EQ('I', wire_conn_transaction_status(conn_));
}

TEST_F(InternalCommandRealServerTest, RunCommandReportsTheServersRefusalAndStaysUsable)
{
    EXPECT_EQ("BEGIN", Run("BEGIN"));
    EXPECT_EQ("SELECT 1", Run("SELECT 1"));
    // The isolation level is fixed once a transaction ran a query: 25001.
    EXPECT_EQ("error:25001", Run("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
    EXPECT_EQ(ERROR_ORIGIN_SERVER, error_.origin);
    EXPECT_FALSE(wire_conn_is_broken(conn_));
    EXPECT_EQ('E', wire_conn_transaction_status(conn_));
    EXPECT_EQ("ROLLBACK", Run("ROLLBACK"));
    EXPECT_EQ("SET", Run("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL "
                         "SERIALIZABLE, READ ONLY"));
    EXPECT_EQ("BEGIN", Run("BEGIN"));
    Statement("SELECT current_setting('transaction_isolation') || ' ' || "
              "current_setting('transaction_read_only') AS t");
    Sync();
    EXPECT_EQ((Events{"parsed", "bound", "columns:t", "row:serializable on",
                      "complete:SELECT 1", "ready:T"}),
              UntilReady());
    EXPECT_EQ("COMMIT", Run("COMMIT"));
}

}  // namespace
