// Descriptor-backed streams (net/stream.c): reads and writes over a
// socketpair under deadlines, end of stream, no SIGPIPE.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

extern "C" {
#include "net/stream.h"
#include "util/deadline.h"
#include "util/error.h"
}

namespace {

class StreamPair : public ::testing::Test {
protected:
    void SetUp() override
    {
        int fds[2];
        ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
        ASSERT_EQ(0, fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK));
        stream_ = net_stream_from_fd(fds[0], "test peer");
        ASSERT_NE(nullptr, stream_);
        other_ = fds[1];
        error_init(&error_);
    }
    void TearDown() override
    {
        net_stream_close(stream_);
        if (other_ >= 0) {
            close(other_);
        }
    }
    void CloseOther()
    {
        close(other_);
        other_ = -1;
    }

    struct net_stream *stream_ = nullptr;
    int other_ = -1;
    struct error error_;
};

TEST_F(StreamPair, ReadReturnsBytesAlreadySent)
{
    ASSERT_EQ(5, write(other_, "hello", 5));
    char buffer[16];
    struct deadline deadline = deadline_after_ms(1000);
    long got = net_stream_read(stream_, buffer, sizeof buffer, &deadline, &error_);
    ASSERT_EQ(5, got) << error_.message;
    EXPECT_EQ(0, memcmp(buffer, "hello", 5));
    EXPECT_EQ(0u, net_stream_pending(stream_));
    EXPECT_STREQ("test peer", stream_->peer);
    EXPECT_FALSE(stream_->is_tls);
}

TEST_F(StreamPair, ReadWaitsForDataArrivingLater)
{
    std::thread writer([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ASSERT_EQ(3, write(other_, "abc", 3));
    });
    char buffer[16];
    struct deadline deadline = deadline_after_ms(5000);
    long got = net_stream_read(stream_, buffer, sizeof buffer, &deadline, &error_);
    writer.join();
    ASSERT_EQ(3, got) << error_.message;
    EXPECT_EQ(0, memcmp(buffer, "abc", 3));
}

TEST_F(StreamPair, ReadTimesOutAtTheDeadlineNamingThePeer)
{
    char buffer[16];
    auto started = std::chrono::steady_clock::now();
    struct deadline deadline = deadline_after_ms(200);
    long got = net_stream_read(stream_, buffer, sizeof buffer, &deadline, &error_);
    auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    EXPECT_EQ(-1, got);
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "timed out after")) << error_.message;
    EXPECT_NE(nullptr, strstr(error_.message, "waiting to read from test peer"))
        << error_.message;
    EXPECT_GE(elapsed_ms, 150);
    EXPECT_LT(elapsed_ms, 1500);
}

TEST_F(StreamPair, ReadWithExpiredDeadlineFailsAtOnce)
{
    char buffer[16];
    struct deadline deadline = deadline_after_ms(0);
    EXPECT_EQ(-1, net_stream_read(stream_, buffer, sizeof buffer, &deadline, &error_));
    EXPECT_NE(nullptr, strstr(error_.message, "timed out")) << error_.message;
}

TEST_F(StreamPair, ReadAtEndOfStreamReportsServerClosedTheConnection)
{
    CloseOther();
    char buffer[16];
    struct deadline deadline = deadline_after_ms(1000);
    EXPECT_EQ(-1, net_stream_read(stream_, buffer, sizeof buffer, &deadline, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "the server closed the connection"))
        << error_.message;
}

TEST_F(StreamPair, WriteAllDeliversEveryByteOfALargeBuffer)
{
    std::vector<unsigned char> data(4 * 1024 * 1024);
    for (size_t i = 0; i < data.size(); i++) {
        data[i] = static_cast<unsigned char>(i * 7);
    }
    std::vector<unsigned char> received;
    std::thread reader([this, &received, &data] {
        unsigned char chunk[65536];
        while (received.size() < data.size()) {
            ssize_t got = read(other_, chunk, sizeof chunk);
            if (got <= 0) {
                break;
            }
            received.insert(received.end(), chunk, chunk + got);
        }
    });
    struct deadline deadline = deadline_after_ms(10000);
    int status = net_stream_write_all(stream_, data.data(), data.size(), &deadline, &error_);
    reader.join();
    ASSERT_EQ(0, status) << error_.message;
    EXPECT_TRUE(received == data);
}

TEST_F(StreamPair, WriteTimesOutWhenThePeerDoesNotRead)
{
    std::vector<unsigned char> data(16 * 1024 * 1024, 'x');
    auto started = std::chrono::steady_clock::now();
    struct deadline deadline = deadline_after_ms(200);
    EXPECT_EQ(-1, net_stream_write_all(stream_, data.data(), data.size(), &deadline, &error_));
    auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "waiting to write to test peer"))
        << error_.message;
    EXPECT_LT(elapsed_ms, 1500);
}

TEST_F(StreamPair, WriteToAClosedPeerFailsWithoutSigpipe)
{
    CloseOther();
    struct deadline deadline = deadline_after_ms(1000);
    // A SIGPIPE would kill the test binary here.
    EXPECT_EQ(-1, net_stream_write_all(stream_, "data", 4, &deadline, &error_));
    EXPECT_STREQ("08S01", error_.sqlstate);
    EXPECT_NE(nullptr, strstr(error_.message, "closed the connection")) << error_.message;
}

TEST(StreamClose, AcceptsNullAndClosesTheDescriptor)
{
    net_stream_close(nullptr);
    int fds[2];
    ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds));
    struct net_stream *stream = net_stream_from_fd(fds[0], "x");
    ASSERT_NE(nullptr, stream);
    net_stream_close(stream);
    // The other end now sees end of stream: our descriptor was closed.
    char byte;
    EXPECT_EQ(0, read(fds[1], &byte, 1));
    close(fds[1]);
}

} // namespace
