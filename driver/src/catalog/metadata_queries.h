/* Catalog queries behind result metadata (SQLDescribeCol, SQLColAttribute).
 * Owns: the SQL text that looks up, in one batched query each, the pg_type
 * rows of type OIDs the type table does not know and the pg_attribute rows
 * of result columns that come from a table. Builds text only: odbc/ runs
 * it (stmt_metadata.c) and reads the rows in the column order given here.
 * Reference: PostgreSQL catalogs pg_type, pg_attribute, pg_class,
 * pg_namespace. */
#ifndef PGO_CATALOG_METADATA_QUERIES_H
#define PGO_CATALOG_METADATA_QUERIES_H

#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "util/compiler.h"

/* One table column: pg_attribute's (attrelid, attnum). */
struct catalog_column_key {
    uint32_t table_oid;
    int16_t attnum;
};

/* Appends to sql a query whose rows are
 *   oid, typname, base oid (a domain's typbasetype, else oid),
 *   base typmod (a domain's typtypmod, else -1)
 * for the given OIDs, each listed once in first-seen order. With no OIDs
 * it appends nothing (there is nothing to ask). Returns 0, or -1 when sql
 * cannot grow (sql is then empty, as buf promises). */
int catalog_append_type_query(struct buf *sql, const uint32_t *oids,
                              size_t oid_count) PGO_MUST_CHECK;

/* Appends to sql a query whose rows are
 *   attrelid, attnum, attnotnull, attname, relname, nspname
 * for the given columns, each pair listed once in first-seen order. With no
 * columns it appends nothing. Returns 0, or -1 when sql cannot grow. */
int catalog_append_attribute_query(struct buf *sql, const struct catalog_column_key *keys,
                                   size_t key_count) PGO_MUST_CHECK;

#endif
