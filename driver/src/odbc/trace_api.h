/* API-level trace: one line per exported ODBC call, written on return.
 * Owns: the line "<function> handle <pointer> returns <SQLRETURN name>
 * [SQLSTATEs of the records the call posted]". Arguments that may hold
 * secrets are never traced (connection strings reach a trace only
 * through connstr's out-string writer, which omits secret keywords).
 * odbc_trace_api costs one branch while tracing is off (STYLE.md,
 * "Secrets, logging and tracing"). */
#ifndef PGO_ODBC_TRACE_API_H
#define PGO_ODBC_TRACE_API_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include "odbc/diag.h"
#include "util/trace.h"

/* Formats the line (without the trace prefix) into out, NUL-terminated.
 * diags may be NULL (no records to name). The result is final: SQL_SUCCESS
 * with records posted shows as SQL_SUCCESS_WITH_INFO, as odbc_diag_finish
 * will report it. */
void odbc_trace_api_format(const char *function, const void *handle,
                           const struct odbc_diag_list *diags, SQLRETURN result, char *out,
                           size_t out_size);

void odbc_trace_api_write(const char *function, const void *handle,
                          const struct odbc_diag_list *diags, SQLRETURN result);

/* Called by a shim before it leaves the handle (the lock still held);
 * returns result unchanged. */
static inline SQLRETURN odbc_trace_api(const char *function, const void *handle,
                                       const struct odbc_diag_list *diags, SQLRETURN result)
{
    if (trace_is_enabled(TRACE_LEVEL_API)) {
        odbc_trace_api_write(function, handle, diags, result);
    }
    return result;
}

#endif
