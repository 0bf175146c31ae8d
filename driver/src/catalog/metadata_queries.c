/* Catalog queries behind result metadata (see metadata_queries.h).
 * Owns: the fixed head of each query and the IN-list of numbers that ends
 * it. Every value in the text is a number this file formats itself, so no
 * quoting is needed and no caller text reaches the SQL. */
#include "catalog/metadata_queries.h"

#include <stdbool.h>
#include <stdio.h>

static const char type_query_head[] =
    "SELECT t.oid, t.typname, CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END, "
    "CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE -1 END "
    "FROM pg_catalog.pg_type t WHERE t.oid IN (";

static const char attribute_query_head[] =
    "SELECT a.attrelid, a.attnum, a.attnotnull, a.attname, c.relname, n.nspname, "
    "a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_catalog.pg_attrdef d "
    "WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%') "
    "FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE (a.attrelid, a.attnum) IN (";

static bool oid_seen_before(const uint32_t *oids, size_t index)
{
    for (size_t i = 0; i < index; i++) {
        if (oids[i] == oids[index])
            return true;
    }
    return false;
}

static bool key_seen_before(const struct catalog_column_key *keys, size_t index)
{
    for (size_t i = 0; i < index; i++) {
        if (keys[i].table_oid == keys[index].table_oid && keys[i].attnum == keys[index].attnum)
            return true;
    }
    return false;
}

/* Appends text made by snprintf into a small stack buffer. */
static int append_formatted(struct buf *sql, const char *text, int length, size_t capacity)
{
    if (length < 0 || (size_t)length >= capacity) {
        buf_reset(sql);
        return -1;
    }
    return buf_append(sql, text, (size_t)length);
}

int catalog_append_type_query(struct buf *sql, const uint32_t *oids, size_t oid_count)
{
    if (oid_count == 0)
        return 0;
    if (buf_append(sql, type_query_head, sizeof type_query_head - 1) != 0)
        return -1;
    bool first = true;
    for (size_t i = 0; i < oid_count; i++) {
        if (oid_seen_before(oids, i))
            continue;
        char number[16];
        int length = snprintf(number, sizeof number, "%s%lu", first ? "" : ",",
                              (unsigned long)oids[i]);
        if (append_formatted(sql, number, length, sizeof number) != 0)
            return -1;
        first = false;
    }
    return buf_append(sql, ")", 1);
}

int catalog_append_attribute_query(struct buf *sql, const struct catalog_column_key *keys,
                                   size_t key_count)
{
    if (key_count == 0)
        return 0;
    if (buf_append(sql, attribute_query_head, sizeof attribute_query_head - 1) != 0)
        return -1;
    bool first = true;
    for (size_t i = 0; i < key_count; i++) {
        if (key_seen_before(keys, i))
            continue;
        char pair[40];
        int length = snprintf(pair, sizeof pair, "%s(%lu,%d)", first ? "" : ",",
                              (unsigned long)keys[i].table_oid, (int)keys[i].attnum);
        if (append_formatted(sql, pair, length, sizeof pair) != 0)
            return -1;
        first = false;
    }
    return buf_append(sql, ")", 1);
}
