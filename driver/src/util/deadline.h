/* struct deadline: an absolute point on the monotonic clock, or none.
 * Owns nothing. Connecting and each read or write are bounded by one
 * (the "timeout" parameter of the specification). */
#ifndef PGO_UTIL_DEADLINE_H
#define PGO_UTIL_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

struct deadline {
    bool is_infinite;
    int64_t at_ms; /* monotonic milliseconds; meaningless when infinite */
};

int64_t deadline_now_ms(void);
struct deadline deadline_infinite(void);
struct deadline deadline_after_ms(int64_t timeout_ms);
/* The earlier of the two. */
struct deadline deadline_earlier(struct deadline a, struct deadline b);
bool deadline_has_expired(const struct deadline *deadline);
/* For poll(): -1 when infinite, 0 when expired, else milliseconds left
 * (capped at INT32_MAX). */
int deadline_remaining_ms(const struct deadline *deadline);

#endif
