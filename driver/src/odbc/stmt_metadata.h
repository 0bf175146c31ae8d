/* Catalog facts the result metadata needs, cached per connection.
 * Owns: what pg_type says about OIDs the type table does not know (name,
 * kind, a domain's base type) and what pg_attribute / pg_class /
 * pg_namespace say about table columns (names, NOT NULL). Entries live
 * until disconnect (odbc_metadata_cache_free); columns borrow them.
 * Leaves the SQL text to catalog/metadata_queries.c and its running to
 * dbc_query.c (odbc_dbc_run_query). */
#ifndef PGO_ODBC_STMT_METADATA_H
#define PGO_ODBC_STMT_METADATA_H

#include <stdbool.h>
#include <stdint.h>

struct odbc_dbc;

struct odbc_type_info {
    uint32_t oid;
    char *name;              /* pg_type.typname */
    uint32_t base_oid;       /* a domain's typbasetype, else oid */
    int32_t base_modifier;   /* a domain's typtypmod, else -1 */
};

struct odbc_attribute_info {
    uint32_t table_oid;
    int16_t attnum;
    bool is_not_null;
    char *column_name;
    char *table_name;
    char *schema_name;
};

void odbc_metadata_cache_free(struct odbc_dbc *dbc);

#endif
