/* Catalog look-ups behind result metadata (declared in stmt.h).
 * Owns: choosing which OIDs / columns of a result still need a look-up in
 * the connection's catalog cache (dbc_cache.h: pg_type rows for OIDs the
 * type table does not know, pg_attribute rows for table columns), reading
 * the rows of the one batched query per result that fills it, and describing a
 * column from its resolved type. The SQL text comes from
 * catalog/metadata_queries.c; it runs only when the application asks for
 * metadata that needs it, through odbc_dbc_run_query (which first buffers
 * any streaming result).
 * Reference: PostgreSQL catalogs pg_type (typname, typtype 'd',
 * typbasetype, typtypmod), pg_attribute (attnotnull), pg_class,
 * pg_namespace. */
#include "odbc/stmt.h"

#include <string.h>
#include "catalog/metadata_queries.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/parse.h"
#include "wire/conn.h"

#define CATALOG_QUERY_MAX_BYTES (1u << 20)

static const struct odbc_type_info *find_type(const struct odbc_dbc *dbc, uint32_t oid)
{
    return odbc_catalog_cache_find_type(&dbc->catalog_cache, oid);
}

static const struct odbc_attribute_info *find_attribute(const struct odbc_dbc *dbc,
                                                        uint32_t table_oid, int16_t attnum)
{
    return odbc_catalog_cache_find_attribute(&dbc->catalog_cache, table_oid, attnum);
}

void odbc_column_describe(struct odbc_result_column *column)
{
    types_describe_column(column->described_oid, column->described_modifier,
                          &column->description);
    if (!types_is_known_oid(column->described_oid) && column->type_name != NULL)
        column->description.type_name = column->type_name;
}

static bool value_text(const struct wire_value *value, const char **text, size_t *length)
{
    if (value->is_null)
        return false;
    *text = (const char *)value->data;
    *length = value->length_bytes;
    return true;
}

static bool value_uint(const struct wire_value *value, uint64_t max, uint64_t *out)
{
    const char *text;
    size_t length;
    return value_text(value, &text, &length) && parse_uint(text, length, max, out);
}

static char *value_copy(const struct wire_value *value)
{
    const char *text;
    size_t length;
    if (!value_text(value, &text, &length))
        return alloc_strdup("");
    return alloc_strndup(text, length);
}

/* Runs catalog SQL built by catalog/ and hands each row to take_row. */
static int run_catalog_query(struct odbc_dbc *dbc, const struct buf *sql,
                             odbc_row_handler take_row, struct error *error)
{
    return odbc_dbc_run_query(dbc, (const char *)sql->data, sql->length, take_row, dbc, error);
}

/* ---- types ---- */

/* Row: oid, typname, base oid (domains: typbasetype, else oid), base typmod. */
static int take_type_row(void *context, const struct wire_value *values, size_t value_count)
{
    struct odbc_dbc *dbc = context;
    uint64_t oid = 0;
    uint64_t base_oid = 0;
    const char *modifier_text;
    size_t modifier_length;
    int64_t modifier = -1;
    if (value_count != 4 || !value_uint(&values[0], UINT32_MAX, &oid) ||
        !value_uint(&values[2], UINT32_MAX, &base_oid) ||
        !value_text(&values[3], &modifier_text, &modifier_length) ||
        !parse_int(modifier_text, modifier_length, INT32_MIN, INT32_MAX, &modifier))
        return 0; /* an unexpected row: the type stays unknown */
    if (find_type(dbc, (uint32_t)oid) != NULL)
        return 0;
    struct odbc_type_info *info = alloc_zeroed(sizeof *info);
    if (info == NULL)
        return -1;
    info->oid = (uint32_t)oid;
    info->base_oid = (uint32_t)base_oid;
    info->base_modifier = (int32_t)modifier;
    info->name = value_copy(&values[1]);
    if (info->name == NULL) {
        odbc_type_info_free(info);
        return -1;
    }
    return odbc_catalog_cache_adopt_type(&dbc->catalog_cache, info);
}

static void apply_type(struct odbc_result_column *column, const struct odbc_type_info *info)
{
    column->type_name = info->name;
    if (info->base_oid != info->oid) {
        column->described_oid = info->base_oid;
        column->described_modifier = info->base_modifier;
        column->type_name = NULL; /* a domain reports its base type */
    }
    odbc_column_describe(column);
}

int odbc_stmt_resolve_types(struct odbc_stmt *stmt, struct odbc_result *result,
                            struct error *error)
{
    if (result->are_types_resolved)
        return 0;
    struct odbc_dbc *dbc = stmt->dbc;
    uint32_t *oids = alloc_array(result->column_count > 0 ? result->column_count : 1,
                                 sizeof *oids);
    if (oids == NULL) {
        error_set(error, "HY001", "Out of memory building a catalog query");
        return -1;
    }
    size_t wanted = 0;
    for (size_t i = 0; i < result->column_count; i++) {
        uint32_t oid = result->columns[i].type_oid;
        if (!types_is_known_oid(oid) && find_type(dbc, oid) == NULL)
            oids[wanted++] = oid;
    }
    struct buf sql;
    buf_init(&sql, CATALOG_QUERY_MAX_BYTES);
    int status = catalog_append_type_query(&sql, oids, wanted);
    alloc_free(oids);
    if (status == 0 && sql.length > 0)
        status = run_catalog_query(dbc, &sql, take_type_row, error);
    else if (status != 0)
        error_set(error, "HY001", "Out of memory building a catalog query");
    buf_reset(&sql);
    if (status != 0)
        return -1;
    (void)odbc_stmt_apply_cached_types(stmt, result);
    result->are_types_resolved = true;
    return 0;
}

bool odbc_stmt_apply_cached_types(struct odbc_stmt *stmt, struct odbc_result *result)
{
    if (result->are_types_resolved)
        return true;
    bool is_complete = true;
    for (size_t i = 0; i < result->column_count; i++) {
        struct odbc_result_column *column = &result->columns[i];
        if (types_is_known_oid(column->type_oid))
            continue;
        const struct odbc_type_info *info = find_type(stmt->dbc, column->type_oid);
        if (info != NULL)
            apply_type(column, info);
        else
            is_complete = false;
    }
    result->are_types_resolved = is_complete;
    return is_complete;
}

/* ---- table columns ---- */

/* Row: attrelid, attnum, attnotnull, attname, relname, nspname,
 * auto-increment (identity or nextval default). */
static int take_attribute_row(void *context, const struct wire_value *values,
                              size_t value_count)
{
    struct odbc_dbc *dbc = context;
    uint64_t table_oid = 0;
    const char *attnum_text;
    size_t attnum_length;
    int64_t attnum = 0;
    const char *not_null;
    size_t not_null_length;
    const char *auto_increment;
    size_t auto_increment_length;
    if (value_count != 7 || !value_uint(&values[0], UINT32_MAX, &table_oid) ||
        !value_text(&values[1], &attnum_text, &attnum_length) ||
        !parse_int(attnum_text, attnum_length, INT16_MIN, INT16_MAX, &attnum) ||
        !value_text(&values[2], &not_null, &not_null_length) || not_null_length != 1 ||
        !value_text(&values[6], &auto_increment, &auto_increment_length) ||
        auto_increment_length != 1)
        return 0;
    if (find_attribute(dbc, (uint32_t)table_oid, (int16_t)attnum) != NULL)
        return 0;
    struct odbc_attribute_info *info = alloc_zeroed(sizeof *info);
    if (info == NULL)
        return -1;
    info->table_oid = (uint32_t)table_oid;
    info->attnum = (int16_t)attnum;
    info->is_not_null = not_null[0] == 't';
    info->is_auto_increment = auto_increment[0] == 't';
    info->column_name = value_copy(&values[3]);
    info->table_name = value_copy(&values[4]);
    info->schema_name = value_copy(&values[5]);
    if (info->column_name == NULL || info->table_name == NULL || info->schema_name == NULL) {
        odbc_attribute_info_free(info);
        return -1;
    }
    return odbc_catalog_cache_adopt_attribute(&dbc->catalog_cache, info);
}

int odbc_stmt_resolve_attributes(struct odbc_stmt *stmt, struct odbc_result *result,
                                 struct error *error)
{
    if (result->are_attributes_resolved)
        return 0;
    struct odbc_dbc *dbc = stmt->dbc;
    struct catalog_column_key *keys =
        alloc_array(result->column_count > 0 ? result->column_count : 1, sizeof *keys);
    if (keys == NULL) {
        error_set(error, "HY001", "Out of memory building a catalog query");
        return -1;
    }
    size_t wanted = 0;
    for (size_t i = 0; i < result->column_count; i++) {
        const struct odbc_result_column *column = &result->columns[i];
        if (column->table_oid == 0 || column->column_attnum <= 0 ||
            find_attribute(dbc, column->table_oid, column->column_attnum) != NULL)
            continue;
        keys[wanted].table_oid = column->table_oid;
        keys[wanted].attnum = column->column_attnum;
        wanted++;
    }
    struct buf sql;
    buf_init(&sql, CATALOG_QUERY_MAX_BYTES);
    int status = catalog_append_attribute_query(&sql, keys, wanted);
    alloc_free(keys);
    if (status == 0 && sql.length > 0)
        status = run_catalog_query(dbc, &sql, take_attribute_row, error);
    else if (status != 0)
        error_set(error, "HY001", "Out of memory building a catalog query");
    buf_reset(&sql);
    if (status != 0)
        return -1;
    (void)odbc_stmt_apply_cached_attributes(stmt, result);
    result->are_attributes_resolved = true;
    return 0;
}

bool odbc_stmt_apply_cached_attributes(struct odbc_stmt *stmt, struct odbc_result *result)
{
    if (result->are_attributes_resolved)
        return true;
    bool is_complete = true;
    for (size_t i = 0; i < result->column_count; i++) {
        struct odbc_result_column *column = &result->columns[i];
        if (column->table_oid == 0 || column->column_attnum <= 0)
            continue;
        column->attribute = find_attribute(stmt->dbc, column->table_oid, column->column_attnum);
        is_complete = is_complete && column->attribute != NULL;
    }
    result->are_attributes_resolved = is_complete;
    return is_complete;
}
