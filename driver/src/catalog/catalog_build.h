/* Helpers the catalog query builders share (catalog_tables.c,
 * catalog_keys.c, catalog_routines.c); not for other modules.
 * Owns: appending fixed text, one argument's condition with its value
 * bound as the next parameter, and the block of ODBC type columns. */
#ifndef PGO_CATALOG_CATALOG_BUILD_H
#define PGO_CATALOG_CATALOG_BUILD_H

#include "catalog/catalog_queries.h"
#include "catalog/catalog_types.h"

/* The catalog every _CAT column reports. */
#define CATALOG_CURRENT "pg_catalog.current_database()"
/* A type's base: a domain's base type and modifier, else the type itself
 * with the modifier typmod_sql (driver text). Joins pg_type t (already in
 * the FROM list) to b(oid, typmod) and its pg_type row bt. */
#define CATALOG_BASE_TYPE_JOIN(typmod_sql)                                                   \
    " CROSS JOIN LATERAL (SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END " \
    "AS oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE " typmod_sql " END AS typmod) b " \
    "JOIN pg_catalog.pg_type bt ON bt.oid = b.oid"

int catalog_append(struct buf *sql, const char *text) PGO_MUST_CHECK;

/* " AND <column> = $n" / " LIKE $n" / " AND false", or nothing, adding the
 * argument's value to values. */
int catalog_append_match(struct buf *sql, struct catalog_values *values, const char *column,
                         const struct catalog_arg *arg) PGO_MUST_CHECK;

/* The catalog, schema and table conditions of a request on the columns
 * CATALOG_CURRENT, schema_column and table_column. */
int catalog_append_table_match(struct buf *sql, struct catalog_values *values,
                               const struct catalog_table_request *request,
                               const char *schema_column,
                               const char *table_column) PGO_MUST_CHECK;

/* One piece of a select list: driver text, or ", <expression>::<cast> AS
 * "<alias>"" for one type field of b.oid and b.typmod. */
struct catalog_select_item {
    const char *text; /* appended as is when not NULL */
    enum catalog_type_field field;
    const char *cast; /* "int2", "int4" */
    const char *alias;
};
#define CATALOG_TEXT(text) {(text), CATALOG_TYPE_DATA_TYPE, NULL, NULL}
#define CATALOG_TYPE_ITEM(field, cast, alias) {NULL, (field), (cast), (alias)}

/* Appends count items (has_wide_characters: see
 * catalog_append_type_expression). */
int catalog_append_select_items(struct buf *sql, const struct catalog_select_item *items,
                                size_t count, bool has_wide_characters) PGO_MUST_CHECK;

#endif
