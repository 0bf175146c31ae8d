/* Locking a handle of any kind for the diagnostic functions (narrow and
 * W): they neither clear nor post records, and need the context
 * SQLGetDiagField reports (handle type, ODBC 2 states, server names). */
#ifndef PGO_ODBC_API_DIAG_LOCK_H
#define PGO_ODBC_API_DIAG_LOCK_H

#include <sql.h>
#include <sqlext.h>
#include "odbc/diag.h"
#include "odbc/handle.h"

/* Validates and locks; fills the context. NULL when handle is not a valid
 * handle of handle_type. The caller unlocks with odbc_handle_unlock. */
struct odbc_handle *odbc_api_lock_for_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle,
                                                  struct odbc_diag_context *context);

#endif
