/* Allocation helpers. Multiplications go through alloc_array, which
 * refuses overflow. alloc_fail_after can fail the Nth allocation so tests
 * walk every failure path; it is always compiled in (one atomic load per
 * allocation while disarmed) and is thread-safe. */
#ifndef PGO_UTIL_ALLOC_H
#define PGO_UTIL_ALLOC_H

#include <stddef.h>

void *alloc_zeroed(size_t size_bytes);
void *alloc_array(size_t count, size_t element_size); /* zeroed; NULL on overflow */
void *alloc_resize_array(void *memory, size_t count, size_t element_size);
char *alloc_strndup(const char *text, size_t length); /* NUL-terminated copy */
char *alloc_strdup(const char *text);
void alloc_free(void *memory);

/* Testing hook: fail the Nth allocation from now (0 = never). */
void alloc_fail_after(unsigned long count);

/* Allocations left before the armed failure: 0 when disarmed or once the
 * failure has happened, so a test can tell whether its operation reached it. */
unsigned long alloc_fail_remaining(void);

#endif
