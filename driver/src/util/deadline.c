/* struct deadline: absolute points on CLOCK_MONOTONIC.
 * Owns: the clock reading and the arithmetic. Leaves waiting (poll) to
 * net/, which asks deadline_remaining_ms. */
#include "util/deadline.h"

#include <time.h>

int64_t deadline_now_ms(void)
{
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
        return 0;
    }
    return (int64_t)now.tv_sec * 1000 + (int64_t)(now.tv_nsec / 1000000);
}

struct deadline deadline_infinite(void)
{
    struct deadline deadline = {.is_infinite = true, .at_ms = 0};
    return deadline;
}

struct deadline deadline_after_ms(int64_t timeout_ms)
{
    struct deadline deadline = {.is_infinite = false, .at_ms = 0};
    int64_t now_ms = deadline_now_ms();
    if (timeout_ms < 0) {
        timeout_ms = 0;
    }
    if (timeout_ms > INT64_MAX - now_ms) {
        return deadline_infinite();
    }
    deadline.at_ms = now_ms + timeout_ms;
    return deadline;
}

struct deadline deadline_earlier(struct deadline a, struct deadline b)
{
    if (a.is_infinite) {
        return b;
    }
    if (b.is_infinite) {
        return a;
    }
    return a.at_ms <= b.at_ms ? a : b;
}

bool deadline_has_expired(const struct deadline *deadline)
{
    if (deadline->is_infinite) {
        return false;
    }
    return deadline_now_ms() >= deadline->at_ms;
}

int deadline_remaining_ms(const struct deadline *deadline)
{
    if (deadline->is_infinite) {
        return -1;
    }
    int64_t left_ms = deadline->at_ms - deadline_now_ms();
    if (left_ms <= 0) {
        return 0;
    }
    if (left_ms > INT32_MAX) {
        return INT32_MAX;
    }
    return (int)left_ms;
}
