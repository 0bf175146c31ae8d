/* Cursor names: SQLGetCursorName / SQLSetCursorName (stmt_cursor_name.c).
 * A statement's name is the one SQLSetCursorName gave it, else one the
 * driver generates the first time it is asked: SQL_CUR<n>, n counting per
 * connection. Names are unique among the statements of one connection.
 * Reference: SQLSetCursorName (HY009 null name, HY090 bad length, 24000
 * once the statement is executed, 34000 a name longer than
 * SQL_MAX_CURSOR_NAME_LEN or starting with "SQLCUR" / "SQL_CUR", 3C000 a
 * name another statement of the connection has), SQLGetCursorName (01004
 * when the buffer is short, the whole length reported).
 * Positioned UPDATE / DELETE ... WHERE CURRENT OF <name> on another
 * statement of the connection find the cursor by this name
 * (stmt_positioned.h). */
#ifndef PGO_ODBC_STMT_CURSOR_NAME_H
#define PGO_ODBC_STMT_CURSOR_NAME_H

#include <sql.h>
#include <sqlext.h>

struct odbc_stmt;

/* Longest name (bytes), as SQLGetInfo(SQL_MAX_CURSOR_NAME_LEN) says. */
#define ODBC_CURSOR_NAME_MAX 63

/* The caller holds the connection's and the statement's locks (STMT_CALL). */
SQLRETURN odbc_stmt_get_cursor_name(struct odbc_stmt *stmt, SQLCHAR *name,
                                    SQLSMALLINT buffer_length, SQLSMALLINT *name_length);
SQLRETURN odbc_stmt_set_cursor_name(struct odbc_stmt *stmt, const SQLCHAR *name,
                                    SQLSMALLINT name_length);

#endif
