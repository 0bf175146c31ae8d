/* SQL text for row operations (see row_queries.h).
 * Owns: quoting identifiers, numbering parameters, and the identity
 * clause. Text only: nothing here runs or knows a handle. */
#include "catalog/row_queries.h"

#include <stdio.h>
#include <string.h>

static const char row_table_query[] =
    "SELECT n.nspname, c.relname, c.relkind, a.attnum, a.attname, "
    "COALESCE(a.attnum = ANY (i.indkey::pg_catalog.int2[]), false) "
    "FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
    "AND NOT a.attisdropped "
    "LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary "
    "WHERE c.oid = $1::pg_catalog.oid ORDER BY a.attnum";

static int append_text(struct buf *sql, const char *text)
{
    return buf_append(sql, text, strlen(text));
}

/* "name", with every " inside doubled. */
static int append_identifier(struct buf *sql, const char *name)
{
    if (buf_append_u8(sql, '"') != 0)
        return -1;
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '"' && buf_append_u8(sql, '"') != 0)
            return -1;
        if (buf_append_u8(sql, (uint8_t)*p) != 0)
            return -1;
    }
    return buf_append_u8(sql, '"');
}

static int append_parameter(struct buf *sql, size_t *next_parameter)
{
    char number[32];
    int length = snprintf(number, sizeof number, "$%zu", (*next_parameter)++);
    return buf_append(sql, number, (size_t)length);
}

static int append_table(struct buf *sql, const struct catalog_row_table *table)
{
    if (table->is_only && append_text(sql, "ONLY ") != 0)
        return -1;
    if (append_identifier(sql, table->schema) != 0 || buf_append_u8(sql, '.') != 0)
        return -1;
    return append_identifier(sql, table->name);
}

/* "a", "b", ... */
static int append_column_list(struct buf *sql, const char *const *columns, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (i > 0 && append_text(sql, ", ") != 0)
            return -1;
        if (append_identifier(sql, columns[i]) != 0)
            return -1;
    }
    return 0;
}

/* "c"::pg_catalog.text IS NOT DISTINCT FROM $n::pg_catalog.text, joined by AND. */
static int append_compares(struct buf *sql, const char *const *columns, size_t count,
                           bool is_first, size_t *next_parameter)
{
    for (size_t i = 0; i < count; i++) {
        if ((!is_first || i > 0) && append_text(sql, " AND ") != 0)
            return -1;
        if (append_identifier(sql, columns[i]) != 0 ||
            append_text(sql, "::pg_catalog.text IS NOT DISTINCT FROM ") != 0 ||
            append_parameter(sql, next_parameter) != 0 ||
            append_text(sql, "::pg_catalog.text") != 0)
            return -1;
    }
    return 0;
}

static bool is_identity_complete(const struct catalog_row_identity *identity)
{
    if (identity->match == CATALOG_ROW_BY_KEY)
        return identity->key_count > 0;
    return identity->compare_count > 0;
}

static int append_identity(struct buf *sql, const struct catalog_row_table *table,
                           const struct catalog_row_identity *identity, size_t *next_parameter)
{
    if (append_text(sql, " WHERE ") != 0)
        return -1;
    if (identity->match == CATALOG_ROW_BY_VALUES) {
        if (append_text(sql, "ctid = (SELECT ctid FROM ") != 0 || append_table(sql, table) != 0 ||
            append_text(sql, " WHERE ") != 0 ||
            append_compares(sql, identity->compare_columns, identity->compare_count, true,
                            next_parameter) != 0)
            return -1;
        return buf_append_u8(sql, ')');
    }
    for (size_t i = 0; i < identity->key_count; i++) {
        if (i > 0 && append_text(sql, " AND ") != 0)
            return -1;
        if (append_identifier(sql, identity->key_columns[i]) != 0 ||
            append_text(sql, " = ") != 0 || append_parameter(sql, next_parameter) != 0)
            return -1;
    }
    if (append_compares(sql, identity->compare_columns, identity->compare_count, false,
                        next_parameter) != 0)
        return -1;
    if (!identity->has_version)
        return 0;
    if (append_text(sql, " AND ") != 0 || append_identifier(sql, CATALOG_ROW_VERSION_COLUMN) != 0 ||
        append_text(sql, " = ") != 0 || append_parameter(sql, next_parameter) != 0)
        return -1;
    return append_text(sql, "::pg_catalog.xid");
}

/* On failure the buffer is emptied, as struct buf does when it cannot grow. */
static int fail(struct buf *sql)
{
    buf_clear(sql);
    return -1;
}

int catalog_append_row_table_query(struct buf *sql)
{
    return buf_append(sql, row_table_query, sizeof row_table_query - 1);
}

int catalog_append_row_update(struct buf *sql, const struct catalog_row_table *table,
                              const char *const *set_columns, size_t set_count,
                              const struct catalog_row_identity *identity,
                              const char *const *returning_columns, size_t returning_count)
{
    if (set_count == 0 || !is_identity_complete(identity))
        return -1;
    size_t next_parameter = 1;
    if (append_text(sql, "UPDATE ") != 0 || append_table(sql, table) != 0 ||
        append_text(sql, " SET ") != 0)
        return fail(sql);
    for (size_t i = 0; i < set_count; i++) {
        if (i > 0 && append_text(sql, ", ") != 0)
            return fail(sql);
        if (append_identifier(sql, set_columns[i]) != 0 || append_text(sql, " = ") != 0 ||
            append_parameter(sql, &next_parameter) != 0)
            return fail(sql);
    }
    if (append_identity(sql, table, identity, &next_parameter) != 0)
        return fail(sql);
    if (returning_count > 0 &&
        (append_text(sql, " RETURNING ") != 0 ||
         append_column_list(sql, returning_columns, returning_count) != 0))
        return fail(sql);
    return 0;
}

int catalog_append_row_delete(struct buf *sql, const struct catalog_row_table *table,
                              const struct catalog_row_identity *identity)
{
    if (!is_identity_complete(identity))
        return -1;
    size_t next_parameter = 1;
    if (append_text(sql, "DELETE FROM ") != 0 || append_table(sql, table) != 0 ||
        append_identity(sql, table, identity, &next_parameter) != 0)
        return fail(sql);
    return 0;
}

int catalog_append_row_select(struct buf *sql, const struct catalog_row_table *table,
                              const char *const *columns, size_t column_count,
                              const struct catalog_row_identity *identity, bool is_for_update)
{
    if (column_count == 0 || !is_identity_complete(identity))
        return -1;
    size_t next_parameter = 1;
    if (append_text(sql, "SELECT ") != 0 ||
        append_column_list(sql, columns, column_count) != 0 ||
        append_text(sql, " FROM ") != 0 || append_table(sql, table) != 0 ||
        append_identity(sql, table, identity, &next_parameter) != 0)
        return fail(sql);
    if (is_for_update && append_text(sql, " FOR UPDATE") != 0)
        return fail(sql);
    return 0;
}

int catalog_append_returning(struct buf *sql, const char *const *columns, size_t count)
{
    if (count == 0)
        return 0;
    if (append_text(sql, " RETURNING ") != 0 || append_column_list(sql, columns, count) != 0)
        return fail(sql);
    return 0;
}

/* "r"."name" style references: a short alias, then the quoted column. */
static int append_qualified(struct buf *sql, const char *alias, const char *column)
{
    if (append_text(sql, alias) != 0 || buf_append_u8(sql, '.') != 0)
        return -1;
    return append_identifier(sql, column);
}

static int append_number(struct buf *sql, const char *prefix, size_t number)
{
    char text[40];
    int length = snprintf(text, sizeof text, "%s%zu", prefix, number);
    return buf_append(sql, text, (size_t)length);
}

int catalog_append_rowset_select(struct buf *sql, const struct catalog_row_table *table,
                                 const char *const *columns, size_t column_count,
                                 const char *const *key_columns, size_t key_count,
                                 size_t row_count, bool has_version, bool is_for_update)
{
    if (column_count == 0 || key_count == 0 || row_count == 0)
        return -1;
    size_t next_parameter = 1;
    if (append_text(sql, "SELECT k.n") != 0)
        return fail(sql);
    for (size_t i = 0; i < column_count; i++) {
        if (append_text(sql, ", ") != 0 || append_qualified(sql, "r", columns[i]) != 0)
            return fail(sql);
    }
    if (has_version && (append_text(sql, ", ") != 0 ||
                        append_qualified(sql, "r", CATALOG_ROW_VERSION_COLUMN) != 0))
        return fail(sql);
    if (append_text(sql, " FROM ") != 0 || append_table(sql, table) != 0 ||
        append_text(sql, " AS r JOIN (VALUES ") != 0)
        return fail(sql);
    for (size_t row = 1; row <= row_count; row++) {
        if (row > 1 && append_text(sql, ", ") != 0)
            return fail(sql);
        if (append_number(sql, "(", row) != 0)
            return fail(sql);
        for (size_t i = 0; i < key_count; i++) {
            if (append_text(sql, ", ") != 0 || append_parameter(sql, &next_parameter) != 0)
                return fail(sql);
        }
        if (buf_append_u8(sql, ')') != 0)
            return fail(sql);
    }
    if (append_text(sql, ") AS k (n") != 0)
        return fail(sql);
    for (size_t i = 1; i <= key_count; i++) {
        if (append_number(sql, ", k", i) != 0)
            return fail(sql);
    }
    if (append_text(sql, ") ON ") != 0)
        return fail(sql);
    for (size_t i = 0; i < key_count; i++) {
        if ((i > 0 && append_text(sql, " AND ") != 0) ||
            append_qualified(sql, "r", key_columns[i]) != 0 ||
            append_number(sql, " = k.k", i + 1) != 0)
            return fail(sql);
    }
    if (is_for_update && append_text(sql, " FOR UPDATE OF r") != 0)
        return fail(sql);
    return 0;
}

int catalog_append_row_where(struct buf *sql, const struct catalog_row_table *table,
                             const struct catalog_row_identity *identity,
                             size_t first_parameter)
{
    if (!is_identity_complete(identity) || first_parameter == 0)
        return -1;
    size_t next_parameter = first_parameter;
    if (append_identity(sql, table, identity, &next_parameter) != 0)
        return fail(sql);
    return 0;
}

int catalog_append_row_insert(struct buf *sql, const struct catalog_row_table *table,
                              const char *const *columns, size_t column_count)
{
    struct catalog_row_table target = *table;
    target.is_only = false; /* INSERT has no ONLY */
    if (append_text(sql, "INSERT INTO ") != 0 || append_table(sql, &target) != 0)
        return fail(sql);
    if (column_count == 0)
        return append_text(sql, " DEFAULT VALUES") != 0 ? fail(sql) : 0;
    if (append_text(sql, " (") != 0 || append_column_list(sql, columns, column_count) != 0 ||
        append_text(sql, ") VALUES (") != 0)
        return fail(sql);
    size_t next_parameter = 1;
    for (size_t i = 0; i < column_count; i++) {
        if (i > 0 && append_text(sql, ", ") != 0)
            return fail(sql);
        if (append_parameter(sql, &next_parameter) != 0)
            return fail(sql);
    }
    return buf_append_u8(sql, ')') != 0 ? fail(sql) : 0;
}
