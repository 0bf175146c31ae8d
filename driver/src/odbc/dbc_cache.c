/* The connection's catalog cache (see dbc_cache.h). Lists searched
 * linearly: a session meets few unknown types and the columns of few
 * tables; both are capped so a catalog-walking application cannot grow
 * them without bound (past the cap, look-ups simply repeat). */
#include "odbc/dbc_cache.h"

#include "util/alloc.h"

#define TYPE_CACHE_MAX 4096
#define ATTRIBUTE_CACHE_MAX 65536

void odbc_type_info_free(struct odbc_type_info *info)
{
    if (info == NULL)
        return;
    alloc_free(info->name);
    alloc_free(info);
}

void odbc_attribute_info_free(struct odbc_attribute_info *info)
{
    if (info == NULL)
        return;
    alloc_free(info->column_name);
    alloc_free(info->table_name);
    alloc_free(info->schema_name);
    alloc_free(info);
}

void odbc_catalog_cache_reset(struct odbc_catalog_cache *cache)
{
    for (size_t i = 0; i < cache->type_count; i++)
        odbc_type_info_free(cache->types[i]);
    alloc_free(cache->types);
    for (size_t i = 0; i < cache->attribute_count; i++)
        odbc_attribute_info_free(cache->attributes[i]);
    alloc_free(cache->attributes);
    cache->types = NULL;
    cache->type_count = 0;
    cache->attributes = NULL;
    cache->attribute_count = 0;
}

const struct odbc_type_info *odbc_catalog_cache_find_type(const struct odbc_catalog_cache *cache,
                                                          uint32_t oid)
{
    for (size_t i = 0; i < cache->type_count; i++) {
        if (cache->types[i]->oid == oid)
            return cache->types[i];
    }
    return NULL;
}

const struct odbc_attribute_info *
odbc_catalog_cache_find_attribute(const struct odbc_catalog_cache *cache, uint32_t table_oid,
                                  int16_t attnum)
{
    for (size_t i = 0; i < cache->attribute_count; i++) {
        const struct odbc_attribute_info *info = cache->attributes[i];
        if (info->table_oid == table_oid && info->attnum == attnum)
            return info;
    }
    return NULL;
}

int odbc_catalog_cache_adopt_type(struct odbc_catalog_cache *cache, struct odbc_type_info *info)
{
    if (cache->type_count >= TYPE_CACHE_MAX ||
        odbc_catalog_cache_find_type(cache, info->oid) != NULL) {
        odbc_type_info_free(info);
        return 0;
    }
    struct odbc_type_info **grown =
        alloc_resize_array(cache->types, cache->type_count + 1, sizeof *grown);
    if (grown == NULL) {
        odbc_type_info_free(info);
        return -1;
    }
    cache->types = grown;
    cache->types[cache->type_count++] = info;
    return 0;
}

int odbc_catalog_cache_adopt_attribute(struct odbc_catalog_cache *cache,
                                       struct odbc_attribute_info *info)
{
    if (cache->attribute_count >= ATTRIBUTE_CACHE_MAX ||
        odbc_catalog_cache_find_attribute(cache, info->table_oid, info->attnum) != NULL) {
        odbc_attribute_info_free(info);
        return 0;
    }
    struct odbc_attribute_info **grown =
        alloc_resize_array(cache->attributes, cache->attribute_count + 1, sizeof *grown);
    if (grown == NULL) {
        odbc_attribute_info_free(info);
        return -1;
    }
    cache->attributes = grown;
    cache->attributes[cache->attribute_count++] = info;
    return 0;
}
