/* Catalog facts cached per connection, for result metadata.
 * Owns: what pg_type says about OIDs the type table does not know (name,
 * a domain's base type) and what pg_attribute / pg_class / pg_namespace
 * say about table columns (names, NOT NULL). Entries live until
 * disconnect (odbc_catalog_cache_reset); result columns borrow them.
 * Leaves deciding what to look up and reading the rows to the statement
 * (stmt_metadata.c), the SQL text to catalog/metadata_queries.c. */
#ifndef PGO_ODBC_DBC_CACHE_H
#define PGO_ODBC_DBC_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
    bool is_auto_increment; /* an identity column, or a serial's nextval default */
    char *column_name;
    char *table_name;
    char *schema_name;
};

struct odbc_catalog_cache {
    struct odbc_type_info **types;
    size_t type_count;
    struct odbc_attribute_info **attributes;
    size_t attribute_count;
};

/* Frees every entry; the cache is then empty and reusable. */
void odbc_catalog_cache_reset(struct odbc_catalog_cache *cache);

const struct odbc_type_info *odbc_catalog_cache_find_type(const struct odbc_catalog_cache *cache,
                                                          uint32_t oid);
const struct odbc_attribute_info *
odbc_catalog_cache_find_attribute(const struct odbc_catalog_cache *cache, uint32_t table_oid,
                                  int16_t attnum);

/* Take info (heap, with its heap strings): kept, or freed when the cache
 * already has that key or is full. -1 when out of memory (info freed). */
int odbc_catalog_cache_adopt_type(struct odbc_catalog_cache *cache, struct odbc_type_info *info);
int odbc_catalog_cache_adopt_attribute(struct odbc_catalog_cache *cache,
                                       struct odbc_attribute_info *info);
void odbc_type_info_free(struct odbc_type_info *info);           /* accepts NULL */
void odbc_attribute_info_free(struct odbc_attribute_info *info); /* accepts NULL */

#endif
