/* Unicode data tables for SASLprep, generated into saslprep_tables.c.
 * Internal to util/saslprep.c; every table is sorted by code point so
 * lookups can binary-search. Read-only data, no ownership. */
#ifndef PGO_UTIL_SASLPREP_TABLES_H
#define PGO_UTIL_SASLPREP_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* The full NFKD expansion of code_point: length code points starting at
 * saslprep_decomposition_pool[pool_offset]. Hangul syllables are absent
 * (decomposed algorithmically). */
struct saslprep_decomposition {
    uint32_t code_point;
    uint16_t pool_offset;
    uint8_t length;
};

/* Code points first..last (inclusive) share a non-zero combining class. */
struct saslprep_class_range {
    uint32_t first;
    uint32_t last;
    uint8_t combining_class;
};

/* first followed by second composes canonically to composite (primary
 * composites only; sorted by first, then second). */
struct saslprep_composition {
    uint32_t first;
    uint32_t second;
    uint32_t composite;
};

struct saslprep_code_range {
    uint32_t first;
    uint32_t last;
};

extern const struct saslprep_decomposition saslprep_decompositions[];
extern const size_t saslprep_decomposition_count;
extern const uint32_t saslprep_decomposition_pool[];
extern const struct saslprep_class_range saslprep_combining_classes[];
extern const size_t saslprep_combining_class_count;
extern const struct saslprep_composition saslprep_compositions[];
extern const size_t saslprep_composition_count;
extern const struct saslprep_code_range saslprep_rand_al_ranges[];
extern const size_t saslprep_rand_al_range_count;
extern const struct saslprep_code_range saslprep_left_to_right_ranges[];
extern const size_t saslprep_left_to_right_range_count;

#endif
