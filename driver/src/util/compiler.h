/* Compiler attributes shared by every module.
 * Owns: the few annotations the house style asks for (must-check results,
 * printf-style format checking). Nothing else lives here. */
#ifndef PGO_UTIL_COMPILER_H
#define PGO_UTIL_COMPILER_H

#if defined(__GNUC__) || defined(__clang__)
#define PGO_MUST_CHECK __attribute__((warn_unused_result))
#define PGO_PRINTF(format_index, first_arg) \
    __attribute__((format(printf, format_index, first_arg)))
#define PGO_UNUSED __attribute__((unused))
#else
#define PGO_MUST_CHECK
#define PGO_PRINTF(format_index, first_arg)
#define PGO_UNUSED
#endif

#endif
