/* SQLExtendedFetch, the ODBC 2 fetch (stmt_fetch.c).
 * Declared apart from stmt.h's stmt_fetch.c section only because that
 * header is shared by several engineers at once; fold it in there later.
 * Reference: SQLExtendedFetch (the rowsets of SQLFetchScroll; RowCountPtr
 * and RowStatusArray are used like SQL_ATTR_ROWS_FETCHED_PTR and
 * SQL_ATTR_ROW_STATUS_PTR, but only by this function, and either may be
 * NULL). */
#ifndef PGO_ODBC_STMT_FETCH_H
#define PGO_ODBC_STMT_FETCH_H

#include <sql.h>
#include <sqlext.h>

struct odbc_stmt;

/* Fetches the rowset of SQL_ROWSET_SIZE rows that orientation and offset
 * name, exactly as odbc_stmt_fetch_scroll does, reporting the rows fetched
 * in *row_count and each row's status in row_status instead of the
 * statement attributes' buffers. SQL_FETCH_BOOKMARK takes offset as the
 * bookmark (ODBC 2); an unknown orientation is HY106. */
SQLRETURN odbc_stmt_extended_fetch(struct odbc_stmt *stmt, SQLUSMALLINT orientation,
                                   SQLLEN offset, SQLULEN *row_count, SQLUSMALLINT *row_status);

#endif
