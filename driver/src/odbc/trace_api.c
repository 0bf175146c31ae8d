/* API trace lines: see trace_api.h. */
#include "odbc/trace_api.h"

#include <stdio.h>
#include <sqlext.h>

#define TRACE_API_LINE_BYTES 512
/* SQLSTATEs named per line; more are counted, not listed. */
#define TRACE_API_MAX_STATES 8

static const char *return_name(SQLRETURN result)
{
    switch (result) {
    case SQL_SUCCESS: return "SQL_SUCCESS";
    case SQL_SUCCESS_WITH_INFO: return "SQL_SUCCESS_WITH_INFO";
    case SQL_ERROR: return "SQL_ERROR";
    case SQL_INVALID_HANDLE: return "SQL_INVALID_HANDLE";
    case SQL_NO_DATA: return "SQL_NO_DATA";
    case SQL_NEED_DATA: return "SQL_NEED_DATA";
    case SQL_STILL_EXECUTING: return "SQL_STILL_EXECUTING";
    default: return "SQLRETURN(other)";
    }
}

void odbc_trace_api_format(const char *function, const void *handle,
                           const struct odbc_diag_list *diags, SQLRETURN result, char *out,
                           size_t out_size)
{
    if (out_size == 0) {
        return;
    }
    size_t count = diags != NULL ? diags->count : 0;
    if (result == SQL_SUCCESS && count > 0) {
        result = SQL_SUCCESS_WITH_INFO;
    }
    int written = snprintf(out, out_size, "%s handle %p returns %s", function, handle,
                           return_name(result));
    if (written < 0 || (size_t)written >= out_size) {
        return;
    }
    size_t used = (size_t)written;
    for (size_t i = 0; i < count && i < TRACE_API_MAX_STATES; i++) {
        written = snprintf(out + used, out_size - used, " %.5s", diags->records[i].sqlstate);
        if (written < 0 || (size_t)written >= out_size - used) {
            return;
        }
        used += (size_t)written;
    }
    if (count > TRACE_API_MAX_STATES) {
        (void)snprintf(out + used, out_size - used, " (+%zu more)",
                       count - TRACE_API_MAX_STATES);
    }
}

void odbc_trace_api_write(const char *function, const void *handle,
                          const struct odbc_diag_list *diags, SQLRETURN result)
{
    char line[TRACE_API_LINE_BYTES];
    odbc_trace_api_format(function, handle, diags, result, line, sizeof line);
    trace_write(TRACE_LEVEL_API, "%s", line);
}
