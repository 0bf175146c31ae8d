// struct deadline: infinite and finite deadlines, their order and what
// poll() is told.
#include <gtest/gtest.h>

#include <climits>

extern "C" {
#include "util/deadline.h"
}

namespace {

TEST(Deadline, InfiniteNeverExpiresAndMeansMinusOneForPoll)
{
    struct deadline deadline = deadline_infinite();
    EXPECT_TRUE(deadline.is_infinite);
    EXPECT_FALSE(deadline_has_expired(&deadline));
    EXPECT_EQ(deadline_remaining_ms(&deadline), -1);
}

TEST(Deadline, ZeroTimeoutHasExpired)
{
    struct deadline deadline = deadline_after_ms(0);
    EXPECT_FALSE(deadline.is_infinite);
    EXPECT_TRUE(deadline_has_expired(&deadline));
    EXPECT_EQ(deadline_remaining_ms(&deadline), 0);
}

TEST(Deadline, FutureDeadlineReportsTimeLeft)
{
    int64_t before = deadline_now_ms();
    struct deadline deadline = deadline_after_ms(60000);
    EXPECT_GE(deadline.at_ms, before + 60000);
    EXPECT_FALSE(deadline_has_expired(&deadline));
    int left = deadline_remaining_ms(&deadline);
    EXPECT_GT(left, 59000);
    EXPECT_LE(left, 60000);
}

TEST(Deadline, PastDeadlineReportsZero)
{
    struct deadline deadline = {false, deadline_now_ms() - 5000};
    EXPECT_TRUE(deadline_has_expired(&deadline));
    EXPECT_EQ(deadline_remaining_ms(&deadline), 0);
}

TEST(Deadline, RemainingIsCappedForPoll)
{
    struct deadline deadline = deadline_after_ms(INT64_C(1) << 40);
    EXPECT_EQ(deadline_remaining_ms(&deadline), INT_MAX);
}

TEST(Deadline, HugeTimeoutDoesNotOverflow)
{
    struct deadline deadline = deadline_after_ms(INT64_MAX);
    EXPECT_FALSE(deadline_has_expired(&deadline));
    EXPECT_NE(deadline_remaining_ms(&deadline), 0);
}

TEST(Deadline, EarlierPicksTheSoonerAndIgnoresInfinite)
{
    struct deadline soon = {false, 1000};
    struct deadline late = {false, 2000};
    struct deadline never = deadline_infinite();
    EXPECT_EQ(deadline_earlier(soon, late).at_ms, 1000);
    EXPECT_EQ(deadline_earlier(late, soon).at_ms, 1000);
    EXPECT_EQ(deadline_earlier(never, late).at_ms, 2000);
    EXPECT_FALSE(deadline_earlier(never, late).is_infinite);
    EXPECT_EQ(deadline_earlier(soon, never).at_ms, 1000);
    EXPECT_TRUE(deadline_earlier(never, never).is_infinite);
}

TEST(Deadline, ClockIsMonotonic)
{
    int64_t first = deadline_now_ms();
    int64_t second = deadline_now_ms();
    EXPECT_GE(second, first);
}

} // namespace
