/* SQL text for the row operations of scrollable cursors (SQLSetPos,
 * SQLBulkOperations): finding what a result row belongs to, and reading,
 * updating, deleting and inserting one row of one table.
 * Owns: the text only. Every identifier is double-quoted (embedded quotes
 * doubled), every value is a parameter $n: no value and no application
 * text ever reaches the SQL. odbc/ runs it (stmt_setpos_run.c) and binds
 * the parameters in the order each builder states.
 * Row identity (catalog_row_identity):
 * - CATALOG_ROW_BY_KEY: the table's primary key columns, compared with
 *   "=" and the key's own type (index use), then, for optimistic
 *   concurrency, other columns compared by their text form with IS NOT
 *   DISTINCT FROM (every type has a text form; not every type has "=").
 * - CATALOG_ROW_BY_VALUES: no key: the row is the one whose columns all
 *   hold the given values, as ctid = (SELECT ctid ... ): a scalar
 *   subquery, so that the server itself refuses (SQLSTATE 21000) when
 *   more than one row holds those values, before anything is changed.
 * - has_version (by key only): optimistic concurrency by row version, the
 *   system column xmin (the transaction that wrote this version of the
 *   row) compared with the version the cursor read: "xmin" = $n::xid, the
 *   last parameter.
 * Reference: PostgreSQL UPDATE, DELETE, INSERT, SELECT ... FOR UPDATE,
 * "System Columns" (ctid), catalogs pg_class, pg_attribute, pg_index. */
#ifndef PGO_CATALOG_ROW_QUERIES_H
#define PGO_CATALOG_ROW_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/compiler.h"

/* The table a row operation targets. */
struct catalog_row_table {
    const char *schema; /* pg_namespace.nspname */
    const char *name;   /* pg_class.relname */
    bool is_only;       /* ONLY: the table's own rows, not its inheritance children */
};

enum catalog_row_match {
    CATALOG_ROW_BY_KEY,   /* key_columns = values, then compare_columns */
    CATALOG_ROW_BY_VALUES /* the single row whose compare_columns hold the values */
};

struct catalog_row_identity {
    enum catalog_row_match match;
    const char *const *key_columns; /* BY_KEY: at least one */
    size_t key_count;
    const char *const *compare_columns; /* BY_VALUES: at least one */
    size_t compare_count;
    bool has_version; /* BY_KEY: AND "xmin" = $n (after keys and compares) */
};

/* The row version column (a system column every table has). */
#define CATALOG_ROW_VERSION_COLUMN "xmin"


/* Appends the query describing table $1 (an OID, sent as text): one row
 * per live column, in attnum order:
 *   nspname, relname, relkind, attnum, attname, is_primary_key_column
 * (no rows: no such table). */
int catalog_append_row_table_query(struct buf *sql) PGO_MUST_CHECK;

/* UPDATE [ONLY] table SET "s1" = $1, ... WHERE <identity> [RETURNING "r1", ...]
 * Parameters: the set_count new values, then the identity's key values,
 * then its compare values. returning_count may be 0. -1 when sql cannot
 * grow or an argument is missing (set_count 0, an empty identity). */
int catalog_append_row_update(struct buf *sql, const struct catalog_row_table *table,
                              const char *const *set_columns, size_t set_count,
                              const struct catalog_row_identity *identity,
                              const char *const *returning_columns,
                              size_t returning_count) PGO_MUST_CHECK;

/* DELETE FROM [ONLY] table WHERE <identity>. Parameters: key values,
 * then compare values. */
int catalog_append_row_delete(struct buf *sql, const struct catalog_row_table *table,
                              const struct catalog_row_identity *identity) PGO_MUST_CHECK;

/* SELECT "c1", ... FROM [ONLY] table WHERE <identity> [FOR UPDATE]
 * Parameters: key values, then compare values. */
int catalog_append_row_select(struct buf *sql, const struct catalog_row_table *table,
                              const char *const *columns, size_t column_count,
                              const struct catalog_row_identity *identity,
                              bool is_for_update) PGO_MUST_CHECK;

/* Keyset-driven cursors: the current rows of a rowset, by key, in one
 * statement:
 *   SELECT k.n, r."c1", ... [, r."xmin"] FROM [ONLY] table AS r
 *   JOIN (VALUES (1, $1, $2), (2, $3, $4), ...) AS k (n, k1, k2)
 *   ON r."key1" = k.k1 AND r."key2" = k.k2 [FOR UPDATE OF r]
 * k.n is the row's place in the request (1..row_count), so that rows come
 * back matched whatever their order; a key that is gone returns nothing.
 * Parameters: for each requested row, its key values in key_columns
 * order. -1 when sql cannot grow or an argument is missing. */
int catalog_append_rowset_select(struct buf *sql, const struct catalog_row_table *table,
                                 const char *const *columns, size_t column_count,
                                 const char *const *key_columns, size_t key_count,
                                 size_t row_count, bool has_version,
                                 bool is_for_update) PGO_MUST_CHECK;

/* Positioned statements: " WHERE <identity>" alone, its parameters
 * numbered from first_parameter (after the application's own). Keys,
 * compares, then the version, as above. */
int catalog_append_row_where(struct buf *sql, const struct catalog_row_table *table,
                             const struct catalog_row_identity *identity,
                             size_t first_parameter) PGO_MUST_CHECK;

/* INSERT INTO table ("c1", ...) VALUES ($1, ...), or DEFAULT VALUES when
 * column_count is 0. Parameters: the values in column order. */
int catalog_append_row_insert(struct buf *sql, const struct catalog_row_table *table,
                              const char *const *columns, size_t column_count) PGO_MUST_CHECK;

/* Appends " RETURNING "c1", ..." (nothing when count is 0). */
int catalog_append_returning(struct buf *sql, const char *const *columns,
                             size_t count) PGO_MUST_CHECK;

#endif
