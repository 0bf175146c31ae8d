/* Allocation helpers: checked multiplication and an allocation-failure hook.
 * Owns: every heap allocation the driver makes goes through here, so tests
 * can fail the Nth one (STYLE.md, "Ownership and memory").
 * The failure hook is always compiled in; when disarmed it costs one
 * relaxed atomic load per allocation. */
#include "util/alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 0 = disarmed; otherwise the number of allocations left before the one
 * that fails (1 = the next allocation fails). */
static atomic_ulong allocations_until_failure;

void alloc_fail_after(unsigned long count)
{
    atomic_store(&allocations_until_failure, count);
}

unsigned long alloc_fail_remaining(void)
{
    return atomic_load(&allocations_until_failure);
}

/* True when this allocation is the one the test asked to fail. */
static int should_fail_allocation(void)
{
    unsigned long left = atomic_load_explicit(&allocations_until_failure, memory_order_relaxed);
    while (left != 0) {
        if (atomic_compare_exchange_weak(&allocations_until_failure, &left, left - 1)) {
            return left == 1;
        }
    }
    return 0;
}

void *alloc_zeroed(size_t size_bytes)
{
    if (should_fail_allocation()) {
        return NULL;
    }
    return calloc(1, size_bytes == 0 ? 1 : size_bytes);
}

void *alloc_array(size_t count, size_t element_size)
{
    if (element_size != 0 && count > SIZE_MAX / element_size) {
        return NULL;
    }
    return alloc_zeroed(count * element_size);
}

void *alloc_resize_array(void *memory, size_t count, size_t element_size)
{
    if (element_size != 0 && count > SIZE_MAX / element_size) {
        return NULL;
    }
    if (should_fail_allocation()) {
        return NULL;
    }
    size_t size_bytes = count * element_size;
    return realloc(memory, size_bytes == 0 ? 1 : size_bytes);
}

char *alloc_strndup(const char *text, size_t length)
{
    if (length == SIZE_MAX) {
        return NULL;
    }
    if (should_fail_allocation()) {
        return NULL;
    }
    char *copy = malloc(length + 1);
    if (copy == NULL) {
        return NULL;
    }
    if (length > 0) {
        memcpy(copy, text, length);
    }
    copy[length] = '\0';
    return copy;
}

char *alloc_strdup(const char *text)
{
    if (text == NULL) {
        return NULL;
    }
    return alloc_strndup(text, strlen(text));
}

void alloc_free(void *memory)
{
    free(memory);
}
