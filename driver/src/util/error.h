/* struct error: the one way a failure travels up through the driver.
 * Owns: the error record (SQLSTATE, origin, message and the server's extra
 * fields) and the notice sink through which warnings travel.
 * Leaves to odbc/diag.c: turning records into ODBC diagnostics.
 *
 * Rules (STYLE.md, "Errors and diagnostics"): the first error wins, so
 * error_set on an error that is already set does nothing; upper layers add
 * context with error_add_context and never replace the cause. Text fields
 * are fixed-size so that reporting a failure can never fail itself; text
 * that does not fit ends in "..." rather than being cut silently. */
#ifndef PGO_UTIL_ERROR_H
#define PGO_UTIL_ERROR_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include "util/compiler.h"

#define ERROR_TEXT_MAX 1024
#define ERROR_SHORT_MAX 64

enum error_origin {
    ERROR_ORIGIN_NONE = 0,
    ERROR_ORIGIN_DRIVER, /* raised by pgodbc itself */
    ERROR_ORIGIN_SERVER  /* an ErrorResponse/NoticeResponse from PostgreSQL */
};

struct error {
    char sqlstate[6];              /* five characters and a NUL; "" = unset */
    enum error_origin origin;
    int native_code;               /* 0 unless a layer has a better number */
    char severity[ERROR_SHORT_MAX]; /* server: ERROR, FATAL, WARNING, ... */
    char message[ERROR_TEXT_MAX];
    char detail[ERROR_TEXT_MAX];   /* server DETAIL, "" when absent */
    char hint[ERROR_TEXT_MAX];     /* server HINT, "" when absent */
    int position;                  /* server cursor position, 0 = absent */
};

void error_init(struct error *error);
bool error_is_set(const struct error *error);

/* Records a driver-raised error unless one is already set (first wins). */
void error_set(struct error *error, const char *sqlstate, const char *format, ...)
    PGO_PRINTF(3, 4);
void error_set_v(struct error *error, const char *sqlstate, const char *format,
                 va_list args) PGO_PRINTF(3, 0);

/* Prefixes context ("connecting to db1:5432: ") to a set error's message. */
void error_add_context(struct error *error, const char *format, ...) PGO_PRINTF(2, 3);

/* Replaces only the SQLSTATE of a set error: a layer that knows better
 * (wire/ turning a transport failure into 08001 while connecting). */
void error_override_sqlstate(struct error *error, const char *sqlstate);

/* Copies text into one of the fixed fields, marking truncation with "...". */
void error_copy_text(char *field, size_t field_size, const char *text, size_t length);

/* Warnings and server notices travel through a sink passed down by the
 * caller; each call becomes one diagnostic record. The notice is borrowed
 * for the duration of the call. A NULL sink or NULL emit drops notices. */
struct notice_sink {
    void (*emit)(void *context, const struct error *notice);
    void *context;
};

void notice_sink_emit(const struct notice_sink *sink, const struct error *notice);

/* Convenience for driver-raised warnings (01S00, 01004, ...). */
void notice_sink_warn(const struct notice_sink *sink, const char *sqlstate,
                      const char *format, ...) PGO_PRINTF(3, 4);

#endif
