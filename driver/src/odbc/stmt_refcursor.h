/* Refcursors as result sets (the FetchRefcursors keyword).
 * Owns: recognising a result made of refcursor values, and replacing it
 * with the rows of those cursors: one result per cursor, in row order,
 * then column order (a function returning SETOF refcursor, a procedure
 * with several INOUT refcursor parameters, a function with several OUT
 * ones), so that SQLMoreResults moves from one cursor to the next, as
 * applications ported from databases whose procedures return result sets
 * expect. The driver reads them with FETCH ALL FROM "<name>"
 * (catalog/lob_queries.h: the name quoted), statements of its own; the
 * application's SQL is never rewritten.
 * Rules:
 * - Only results whose every column is refcursor (OID 1790) are
 *   replaced, only for SQLExecDirect / SQLExecute (not catalog functions),
 *   and not when output parameters are bound ({? = call f()} with an
 *   output parameter keeps the cursor name in that parameter). NULL
 *   values name no cursor and are skipped; a result of no names at all is
 *   left as it is.
 * - A refcursor lives until its transaction ends. When the call's
 *   transaction has already ended (autocommit on: the implicit
 *   transaction committed with the call), the cursors are gone, and the
 *   call fails with 24000 saying that autocommit must be off: the driver
 *   never hands back the names instead of the rows. In manual-commit mode
 *   (or inside a transaction the application began) the FETCHes run in
 *   that transaction, which the application ends as usual.
 * - SQL_ATTR_MAX_ROWS bounds every result the statement sends: the call's
 *   own (so how many cursor names are read) and each cursor's rows.
 * - A FETCH that fails (the cursor was closed by the function itself) is
 *   the error of the SQLExecute / SQLExecDirect when it is the first, of
 *   the SQLMoreResults that reaches it otherwise. */
#ifndef PGO_ODBC_STMT_REFCURSOR_H
#define PGO_ODBC_STMT_REFCURSOR_H

#include <sql.h>

struct odbc_stmt;

/* Called with an execution's outcome. Returns it unchanged unless the
 * keyword is on and the first result is refcursors: then the outcome of
 * fetching them (SQL_SUCCESS, or SQL_ERROR posted on the statement). */
SQLRETURN odbc_stmt_expand_refcursors(struct odbc_stmt *stmt, SQLRETURN executed);

#endif
