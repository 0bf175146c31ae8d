/* Keyset-driven cursors and optimistic concurrency by row version
 * (stmt_keyset.c).
 * A keyset-driven cursor (SQL_CURSOR_KEYSET_DRIVEN; SQL_CURSOR_DYNAMIC
 * maps down to it with 01S02) holds the whole result like a static one:
 * its rows, in order, are the keyset. Each row is known by its table's
 * primary key, which must be in the result (stmt_setpos.h's "by key"
 * identity); the application's statement is never rewritten, so a result
 * without its key (no ctid can be read without adding it to the select
 * list) makes the cursor static with 01S02 at execution, and
 * SQL_ATTR_CURSOR_TYPE reads SQL_CURSOR_STATIC until the cursor closes.
 * Every rowset a fetch moves to is read again from the server by key, in
 * one statement (catalog_append_rowset_select): other transactions'
 * committed updates show and set SQL_ROW_UPDATED (the values differ from
 * what the cursor held), a key that is gone sets SQL_ROW_DELETED and the
 * row stays a hole (the fetch itself returns SQL_SUCCESS: a deleted row
 * is not an error, ODBC "Row Status Array"). Rows inserted by others are
 * not seen (that would be a dynamic cursor). The keyset is the whole
 * result: SQL_ATTR_KEYSET_SIZE stays 0. Under SQL_CONCUR_LOCK the refetch
 * locks the rowset's rows (FOR UPDATE) until the transaction ends.
 * SQL_CONCUR_ROWVER: the row version is the system column xmin, read with
 * every refetch, refresh and update of a keyset cursor's row; an update
 * or delete through the cursor names it (WHERE key AND xmin = version), so
 * that a row another transaction changed in between matches nothing:
 * 01001 and SQL_ROW_ERROR, as for SQL_CONCUR_VALUES. A static cursor
 * never reads the rows again, so ROWVER there compares values instead
 * (01S02 at execution, SQL_ATTR_CONCURRENCY reads SQL_CONCUR_VALUES until
 * the cursor closes).
 * The substitutions live in the attributes themselves, as private values
 * the attribute table reports (below); everything outside these files
 * only asks whether the cursor is forward-only. */
#ifndef PGO_ODBC_STMT_KEYSET_H
#define PGO_ODBC_STMT_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>

struct odbc_stmt;
struct odbc_result;

/* attributes.cursor_type: keyset-driven asked for, static for this cursor. */
#define ODBC_CURSOR_KEYSET_AS_STATIC ((SQLULEN)0x10000 | (SQLULEN)SQL_CURSOR_KEYSET_DRIVEN)
/* attributes.concurrency: row versions asked for, values for this cursor. */
#define ODBC_CONCUR_ROWVER_AS_VALUES ((SQLULEN)0x10000 | (SQLULEN)SQL_CONCUR_ROWVER)

/* What SQLGetStmtAttr reports: the substitute while a cursor is open, the
 * application's choice otherwise. */
SQLULEN odbc_keyset_reported_cursor_type(const struct odbc_stmt *stmt);
SQLULEN odbc_keyset_reported_concurrency(const struct odbc_stmt *stmt);

/* Whether the open cursor reads its rowsets again by key. */
bool odbc_stmt_is_keyset_cursor(const struct odbc_stmt *stmt);
/* Whether updates and deletes through the cursor compare the other
 * columns' values (SQL_CONCUR_VALUES, or ROWVER where no version is read). */
bool odbc_stmt_compares_values(const struct odbc_stmt *stmt);
/* Whether they compare the row version instead (ROWVER on a keyset cursor). */
bool odbc_stmt_uses_row_version(const struct odbc_stmt *stmt);

/* After an execution opened a scrollable cursor (stmt_exec.c): decides
 * keyset or static and ROWVER or values for it. SQL_SUCCESS,
 * SQL_SUCCESS_WITH_INFO (01S02 posted) or SQL_ERROR (the table look-up
 * failed; posted, the cursor closed). */
SQLRETURN odbc_keyset_open(struct odbc_stmt *stmt);

/* Before a keyset cursor's rowset of row_count rows from row start
 * (1-based) is filled (stmt_fetch.c): reads those rows again by key into
 * the buffered result and marks them updated, deleted or unchanged.
 * SQL_SUCCESS, or SQL_ERROR (posted). Nothing happens for a result whose
 * rows have no key. */
SQLRETURN odbc_keyset_refetch(struct odbc_stmt *stmt, struct odbc_result *result, size_t start,
                              size_t row_count);

#endif
