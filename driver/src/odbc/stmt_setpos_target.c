/* The table a result's rows belong to, for SQLSetPos and SQLBulkOperations.
 * Owns: choosing the target table from the RowDescription's table OIDs
 * and attnums, reading its schema, name, kind, column names and primary
 * key (catalog/row_queries.h, one query), and deciding how a row is
 * identified or why it cannot be (the rules in stmt_setpos.h). */
#include "odbc/stmt_setpos.h"

#include <stdio.h>
#include <string.h>
#include "util/alloc.h"
#include "util/parse.h"
#include "wire/conn.h"

static void target_init(struct setpos_target *target)
{
    memset(target, 0, sizeof *target);
}

static void target_reset(struct setpos_target *target)
{
    alloc_free(target->schema);
    alloc_free(target->name);
    if (target->column_names != NULL) {
        for (size_t i = 0; i < target->column_count; i++)
            alloc_free(target->column_names[i]);
    }
    alloc_free(target->column_names);
    alloc_free(target->is_key);
    target_init(target);
}

struct table_rows {
    struct setpos_target *target;
    const struct odbc_result *result;
    uint32_t table_oid;
    size_t key_count;           /* the table's primary key columns */
    size_t key_count_in_result; /* ... of which the result has */
    bool has_failed;
};

static char *copy_value(const struct wire_value *value)
{
    if (value->is_null)
        return alloc_strdup("");
    return alloc_strndup((const char *)value->data, value->length_bytes);
}

static int take_table_row(void *context, const struct wire_value *values, size_t value_count)
{
    struct table_rows *rows = context;
    struct setpos_target *target = rows->target;
    if (value_count != 6)
        return -1;
    if (target->schema == NULL) {
        target->schema = copy_value(&values[0]);
        target->name = copy_value(&values[1]);
        if (target->schema == NULL || target->name == NULL)
            return -1;
        target->relkind = values[2].is_null || values[2].length_bytes == 0
                              ? '\0'
                              : (char)values[2].data[0];
    }
    int64_t attnum = 0;
    if (values[3].is_null ||
        !parse_int((const char *)values[3].data, values[3].length_bytes, 1, INT16_MAX, &attnum))
        return 0;
    bool is_key = !values[5].is_null && values[5].length_bytes > 0 && values[5].data[0] == 't';
    if (is_key)
        rows->key_count++;
    bool is_in_result = false;
    for (size_t i = 0; i < rows->result->column_count; i++) {
        const struct odbc_result_column *column = &rows->result->columns[i];
        if (column->table_oid != rows->table_oid || column->column_attnum != attnum ||
            target->column_names[i] != NULL)
            continue;
        target->column_names[i] = copy_value(&values[4]);
        if (target->column_names[i] == NULL)
            return -1;
        target->is_key[i] = is_key;
        is_in_result = true;
        break; /* the same column twice in a result: the first is the table's */
    }
    if (is_key && is_in_result)
        rows->key_count_in_result++;
    return 0;
}

static void decide_identity(struct setpos_target *target, const struct table_rows *rows)
{
    target->table.schema = target->schema;
    target->table.name = target->name;
    bool has_key = rows->key_count > 0 && rows->key_count_in_result == rows->key_count;
    if (target->relkind == 'r') {
        target->table.is_only = true;
        target->is_by_key = has_key;
        return;
    }
    if (target->relkind == 'p' && has_key) {
        target->table.is_only = false;
        target->is_by_key = true;
        return;
    }
    if (target->relkind == 'p')
        target->refusal = "the partitioned table's primary key is not in the result";
    else
        target->refusal = "the result's columns come from a view, a foreign table or "
                          "another relation that is not a table";
}

/* Looks the result's table up (one catalog query). */
static int load_target(struct odbc_stmt *stmt, const struct odbc_result *result,
                       struct setpos_target *target, struct error *error)
{
    target_reset(target);
    uint32_t table_oid = 0;
    for (size_t i = 0; i < result->column_count && table_oid == 0; i++)
        table_oid = result->columns[i].table_oid;
    if (table_oid == 0) {
        target->refusal = "no column of the result comes from a table";
        return 0;
    }
    target->column_count = result->column_count;
    target->column_names = alloc_array(result->column_count, sizeof *target->column_names);
    target->is_key = alloc_array(result->column_count, sizeof *target->is_key);
    if (target->column_names == NULL || target->is_key == NULL) {
        error_set(error, "HY001", "Out of memory describing the result's table");
        return -1;
    }
    struct setpos_query query;
    odbc_setpos_query_init(&query);
    char oid_text[16];
    int oid_length = snprintf(oid_text, sizeof oid_text, "%u", (unsigned)table_oid);
    struct table_rows rows = {target, result, table_oid, 0, 0, false};
    SQLLEN affected;
    int outcome = -1;
    if (odbc_setpos_query_begin(&query, 1) != 0 ||
        catalog_append_row_table_query(&query.sql) != 0 ||
        odbc_setpos_query_add(&query, oid_text, (size_t)oid_length, false, 0, 0) != 0)
        error_set(error, "HY001", "Out of memory building the table look-up");
    else
        outcome = odbc_setpos_run(stmt, &query, NULL, 0, take_table_row, &rows, &affected, error);
    odbc_setpos_query_reset(&query);
    if (outcome != 0)
        return -1;
    if (target->schema == NULL) {
        target->refusal = "the result's table no longer exists";
        return 0;
    }
    decide_identity(target, &rows);
    return 0;
}

static void free_kept_target(struct setpos_target *target)
{
    target_reset(target);
    alloc_free(target);
}

int odbc_setpos_target_of(struct odbc_stmt *stmt, struct odbc_result *result,
                          const struct setpos_target **target, struct error *error)
{
    if (result->target == NULL) {
        struct setpos_target *loaded = alloc_zeroed(sizeof *loaded);
        if (loaded == NULL) {
            error_set(error, "HY001", "Out of memory describing the result's table");
            return -1;
        }
        if (load_target(stmt, result, loaded, error) != 0) {
            free_kept_target(loaded);
            return -1;
        }
        result->target = loaded;
        result->free_target = free_kept_target;
    }
    *target = result->target;
    return 0;
}
