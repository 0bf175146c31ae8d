// ThreadSanitizer settings for the thread tests in the TSan build
// (PGO_TSAN=ON): suppressions for the uninstrumented unixODBC driver
// manager only (tsan.supp; never for pgodbc code), and a non-zero exit
// status when any report was printed, so the test fails. The runtime calls
// this weak hook at start-up; other builds define nothing.
#ifdef PGO_TSAN_BUILD

extern "C" const char *__tsan_default_options();
extern "C" const char *__tsan_default_options() {
    return "suppressions=" PGO_TSAN_SUPPRESSIONS ":exitcode=66:history_size=4"
           ":second_deadlock_stack=1";
}

#endif
