# ASan + UBSan build for CI: every test runs again under both.
if(PGO_SANITIZE)
  set(PGO_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  add_compile_options(${PGO_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer build for the thread tests (tests/threads, CTest label
# tsan): PGO_TSAN=ON, in its own build directory. ASan and TSan cannot share
# a process, so it excludes PGO_SANITIZE. Every target gets the flags, but
# only libpgodbc.so and thread_tests need building (tests/run.sh with
# PGO_TSAN=1 builds those two). With gcc the runtime is libtsan.so: the
# test binary and the driver the driver manager dlopens share it, and
# libpgodbc.so still links with --no-undefined. clang 14 (Debian 12) is
# not usable here: its shared runtime crashes at start-up on this kernel
# even for an empty program, and its static runtime, linked into
# executables only, leaves libpgodbc.so with undefined __tsan_* symbols.
option(PGO_TSAN "Build with ThreadSanitizer (gcc; not with PGO_SANITIZE)" OFF)
if(PGO_TSAN)
  if(PGO_SANITIZE)
    message(FATAL_ERROR "PGO_TSAN and PGO_SANITIZE exclude each other: use two build directories")
  endif()
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "PGO_TSAN needs gcc (see cmake/sanitizers.cmake); configure with CC=gcc CXX=g++")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
