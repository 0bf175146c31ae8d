/* The libFuzzer entry point every target in tests/fuzz/ defines, declared
 * once so that the targets build warning-clean (-Wmissing-prototypes) and
 * replay_main.c can call it. */
#ifndef PGO_TESTS_FUZZ_TARGET_H
#define PGO_TESTS_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
