/* Trace sink: see trace.h. Configuration is read once, under pthread_once,
 * from PGODBC_TRACE (file) and PGODBC_TRACE_LEVEL; nothing changes after.
 * Each line goes out in one write() on an O_APPEND descriptor, so lines
 * from several threads or processes do not interleave. */
#include "util/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "util/parse.h"

#define TRACE_LINE_MAX 4096

static pthread_once_t trace_once = PTHREAD_ONCE_INIT;
/* Set once inside trace_once, read-only afterwards. */
static int trace_fd = -1;
static enum trace_level trace_max_level = TRACE_LEVEL_PROTOCOL;

static void configure_trace(void)
{
    const char *path = getenv("PGODBC_TRACE");
    if (path == NULL || path[0] == '\0') {
        return;
    }
    const char *level = getenv("PGODBC_TRACE_LEVEL");
    if (level != NULL) {
        size_t length = strlen(level);
        if (parse_equals_ignore_case(level, length, "api")) {
            trace_max_level = TRACE_LEVEL_API;
        } else if (parse_equals_ignore_case(level, length, "data")) {
            trace_max_level = TRACE_LEVEL_DATA;
        }
    }
    trace_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

bool trace_is_enabled(enum trace_level level)
{
    if (pthread_once(&trace_once, configure_trace) != 0) {
        return false;
    }
    return trace_fd >= 0 && level <= trace_max_level;
}

static const char *level_name(enum trace_level level)
{
    switch (level) {
    case TRACE_LEVEL_API:
        return "api";
    case TRACE_LEVEL_PROTOCOL:
        return "protocol";
    case TRACE_LEVEL_DATA:
        return "data";
    }
    return "?";
}

static void write_all(int fd, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        bytes += written;
        length -= (size_t)written;
    }
}

void trace_write_v(enum trace_level level, const char *format, va_list args)
{
    if (!trace_is_enabled(level) || format == NULL) {
        return;
    }
    char line[TRACE_LINE_MAX];
    struct timespec now = {0, 0};
    (void)clock_gettime(CLOCK_REALTIME, &now);
    int prefix = snprintf(line, sizeof line, "%lld.%03ld %ld %s ", (long long)now.tv_sec,
                          now.tv_nsec / 1000000L, (long)getpid(), level_name(level));
    if (prefix < 0 || (size_t)prefix >= sizeof line) {
        return;
    }
    size_t used = (size_t)prefix;
    /* Room is kept for "...\n" should the message not fit. */
    int message = vsnprintf(line + used, sizeof line - used - 4, format, args);
    if (message < 0) {
        return;
    }
    if ((size_t)message >= sizeof line - used - 4) {
        used = sizeof line - 5;
        memcpy(line + used, "...", 3);
        used += 3;
    } else {
        used += (size_t)message;
    }
    line[used++] = '\n';
    write_all(trace_fd, line, used);
}

void trace_write(enum trace_level level, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    trace_write_v(level, format, args);
    va_end(args);
}
