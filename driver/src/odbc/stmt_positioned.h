/* Positioned UPDATE and DELETE (stmt_positioned.c): a statement of the
 * form
 *     UPDATE ... WHERE CURRENT OF <name>    or    DELETE ... WHERE CURRENT OF <name>
 * (the clause last; the keywords in any case; the name plain, compared
 * without regard to case, or double-quoted, compared exactly) where
 * <name> is the cursor name (SQLSetCursorName / SQLGetCursorName) of
 * another statement of the same connection with an open cursor. The
 * driver's cursors are its own (no server-side cursor exists), so the
 * driver runs the statement against that cursor's current row: the
 * application's text up to WHERE, unchanged, then the row's identity as
 * stmt_setpos.h decides it (the primary key, or the values; compared
 * values or the row version as the cursor's concurrency says), every
 * value a parameter numbered after the application's own. A name that
 * is no open cursor of the driver's goes to the server untouched (a
 * cursor the application DECLAREd there keeps working).
 * Reference: "Positioned Update and Delete Statements", SQLExecDirect /
 * SQLExecute (24000: the cursor is not positioned on a row; 01001: no
 * row or more than one was changed), SQLSetCursorName. The cursor's row
 * takes the change: a scrollable cursor marks it SQL_ROW_UPDATED (with
 * the values written) or SQL_ROW_DELETED. One parameter set only. */
#ifndef PGO_ODBC_STMT_POSITIONED_H
#define PGO_ODBC_STMT_POSITIONED_H

#include <stdbool.h>
#include <sql.h>
#include <sqlext.h>

struct odbc_stmt;

/* Whether stmt's text (stmt->sql, as sent) is a positioned statement on
 * an open cursor of the connection (a cheap look at the text's end, then
 * the connection's statements). */
bool odbc_stmt_is_positioned(const struct odbc_stmt *stmt);

/* Runs it; the connection is claimed (stmt_exec.c's begin_exchange) and
 * the parameters checked. The statement is then executed without a
 * result set, its row count that of the change. */
SQLRETURN odbc_stmt_execute_positioned(struct odbc_stmt *stmt);

#endif
