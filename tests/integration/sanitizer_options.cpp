// Sanitizer settings for the integration binary in the ASan build: the
// LeakSanitizer suppressions for the driver manager (tests/harness/lsan.supp).
// The sanitizer runtime calls these weak hooks at start-up; in a plain
// build this file defines nothing.
#ifdef PGO_SANITIZE_BUILD

extern "C" const char *__lsan_default_options();
extern "C" const char *__lsan_default_options() {
    return "suppressions=" PGO_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

#endif
