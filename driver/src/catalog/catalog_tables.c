/* SQLTables, its special enumerations, SQLColumns, SQLTablePrivileges and
 * SQLColumnPrivileges (see catalog_queries.h for the columns, the order
 * and the choices). */
#include "catalog/catalog_build.h"

#include <stdio.h>

#define RELATION_FROM                                                                  \
    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
#define RELATION_WHERE                                                                 \
    " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT "                            \
    "pg_catalog.pg_is_other_temp_schema(n.oid)"
#define NAMES_SELECT                                                                   \
    "SELECT " CATALOG_CURRENT " AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\", c.relname AS " \
    "\"TABLE_NAME\""
/* The owner (and roles that share its privileges) may grant what it holds. */
#define GRANT_COLUMNS                                                                  \
    ", pg_catalog.pg_get_userbyid(e.grantor) AS \"GRANTOR\", (CASE WHEN e.grantee = 0 THEN "   \
    "'PUBLIC' ELSE pg_catalog.pg_get_userbyid(e.grantee) END)::name AS \"GRANTEE\", "          \
    "e.privilege_type::varchar AS \"PRIVILEGE\", (CASE WHEN e.is_grantable OR (e.grantee <> 0 " \
    "AND pg_catalog.pg_has_role(e.grantee, c.relowner, 'USAGE')) THEN 'YES' ELSE 'NO' "         \
    "END)::varchar AS \"IS_GRANTABLE\""
#define TABLE_ACL "COALESCE(c.relacl, pg_catalog.acldefault('r', c.relowner))"

int catalog_build_tables(struct buf *sql, struct catalog_values *values,
                         const struct catalog_tables_request *request)
{
    static const char head[] =
        "SELECT * FROM (" NAMES_SELECT ", (CASE WHEN n.nspname IN ('pg_catalog', "
        "'information_schema') THEN CASE WHEN c.relkind IN ('v', 'm') THEN 'SYSTEM VIEW' ELSE "
        "'SYSTEM TABLE' END WHEN c.relpersistence = 't' THEN 'LOCAL TEMPORARY' WHEN c.relkind "
        "= 'v' THEN 'VIEW' WHEN c.relkind = 'm' THEN 'MATERIALIZED VIEW' WHEN c.relkind = 'f' "
        "THEN 'FOREIGN TABLE' ELSE 'TABLE' END)::varchar AS \"TABLE_TYPE\", "
        "pg_catalog.obj_description(c.oid, 'pg_class')::varchar AS \"REMARKS\"" RELATION_FROM
            RELATION_WHERE;
    if (catalog_append(sql, head) != 0 ||
        catalog_append_table_match(sql, values, &request->names, "n.nspname", "c.relname") != 0 ||
        catalog_append(sql, ") s WHERE ") != 0)
        return -1;
    int status;
    if (request->table_types != NULL) {
        if (values->count >= CATALOG_MAX_VALUES)
            return -1;
        values->values[values->count++] = request->table_types;
        char condition[80];
        int length = snprintf(condition, sizeof condition,
                              "s.\"TABLE_TYPE\" = ANY (pg_catalog.string_to_array($%zu, ','))",
                              values->count);
        if (length < 0 || (size_t)length >= sizeof condition)
            return -1;
        status = buf_append(sql, condition, (size_t)length);
    } else if (!request->include_system) {
        status = catalog_append(sql, "s.\"TABLE_TYPE\" NOT IN ('SYSTEM TABLE', 'SYSTEM VIEW')");
    } else {
        status = catalog_append(sql, "true");
    }
    if (status != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 4, 1, 2, 3");
}

int catalog_build_catalog_list(struct buf *sql)
{
    return catalog_append(sql, "SELECT " CATALOG_CURRENT " AS \"TABLE_CAT\", NULL::name AS "
                               "\"TABLE_SCHEM\", NULL::name AS \"TABLE_NAME\", NULL::varchar "
                               "AS \"TABLE_TYPE\", NULL::varchar AS \"REMARKS\"");
}

int catalog_build_schema_list(struct buf *sql)
{
    return catalog_append(
        sql, "SELECT NULL::name AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\", NULL::name AS "
             "\"TABLE_NAME\", NULL::varchar AS \"TABLE_TYPE\", NULL::varchar AS \"REMARKS\" "
             "FROM pg_catalog.pg_namespace n WHERE NOT pg_catalog.pg_is_other_temp_schema(n.oid) "
             "AND n.nspname <> 'pg_toast' AND n.nspname !~ '^pg_toast_temp_' ORDER BY 2");
}

int catalog_build_table_type_list(struct buf *sql)
{
    if (catalog_append(sql, "SELECT NULL::name AS \"TABLE_CAT\", NULL::name AS \"TABLE_SCHEM\", "
                            "NULL::name AS \"TABLE_NAME\", v.t::varchar AS \"TABLE_TYPE\", "
                            "NULL::varchar AS \"REMARKS\" FROM (VALUES ") != 0)
        return -1;
    for (size_t i = 0; i < catalog_table_type_count; i++) {
        /* the driver's own words: upper-case letters and blanks only */
        if (catalog_append(sql, i == 0 ? "('" : ", ('") != 0 ||
            catalog_append(sql, catalog_table_types[i]) != 0 || catalog_append(sql, "')") != 0)
            return -1;
    }
    return catalog_append(sql, ") AS v(t) ORDER BY 4");
}

int catalog_build_columns(struct buf *sql, struct catalog_values *values,
                          const struct catalog_columns_request *request)
{
    static const char from[] =
        ", (CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END)::varchar AS \"IS_NULLABLE\""
        RELATION_FROM
        " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT "
        "a.attisdropped JOIN pg_catalog.pg_type t ON t.oid = a.atttypid" CATALOG_BASE_TYPE_JOIN(
            "a.atttypmod") " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum "
                           "= a.attnum" RELATION_WHERE;
    static const struct catalog_select_item items[] = {
        CATALOG_TEXT("SELECT * FROM (" NAMES_SELECT ", a.attname AS \"COLUMN_NAME\""),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DATA_TYPE, "int2", "DATA_TYPE"),
        CATALOG_TEXT(", bt.typname AS \"TYPE_NAME\""),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_COLUMN_SIZE, "int4", "COLUMN_SIZE"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_BUFFER_LENGTH, "int4", "BUFFER_LENGTH"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DECIMAL_DIGITS, "int2", "DECIMAL_DIGITS"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_NUM_PREC_RADIX, "int2", "NUM_PREC_RADIX"),
        CATALOG_TEXT(", (CASE WHEN a.attnotnull THEN 0 ELSE 1 END)::int2 AS \"NULLABLE\", "
                     "pg_catalog.col_description(c.oid, a.attnum)::varchar AS \"REMARKS\", "
                     "(CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, "
                     "d.adrelid) END)::varchar AS \"COLUMN_DEF\""),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_SQL_DATA_TYPE, "int2", "SQL_DATA_TYPE"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DATETIME_SUB, "int2", "SQL_DATETIME_SUB"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_CHAR_OCTET_LENGTH, "int4", "CHAR_OCTET_LENGTH"),
        CATALOG_TEXT(", (pg_catalog.row_number() OVER (PARTITION BY c.oid ORDER BY "
                     "a.attnum))::int4 AS \"ORDINAL_POSITION\""),
    };
    if (catalog_append_select_items(sql, items, sizeof items / sizeof items[0],
                                    request->names.has_wide_characters) != 0 ||
        catalog_append(sql, from) != 0 ||
        catalog_append_table_match(sql, values, &request->names, "n.nspname", "c.relname") != 0 ||
        catalog_append(sql, ") s WHERE true") != 0 ||
        catalog_append_match(sql, values, "s.\"COLUMN_NAME\"", &request->column) != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 1, 2, 3, 17");
}

int catalog_build_table_privileges(struct buf *sql, struct catalog_values *values,
                                   const struct catalog_table_request *request)
{
    static const char query[] = NAMES_SELECT GRANT_COLUMNS RELATION_FROM
        " CROSS JOIN LATERAL pg_catalog.aclexplode(" TABLE_ACL ") e" RELATION_WHERE;
    if (catalog_append(sql, query) != 0 ||
        catalog_append_table_match(sql, values, request, "n.nspname", "c.relname") != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 1, 2, 3, 6, 5");
}

int catalog_build_column_privileges(struct buf *sql, struct catalog_values *values,
                                    const struct catalog_columns_request *request)
{
    static const char query[] =
        NAMES_SELECT ", a.attname AS \"COLUMN_NAME\"" GRANT_COLUMNS RELATION_FROM
        " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT "
        "a.attisdropped CROSS JOIN LATERAL (SELECT * FROM pg_catalog.aclexplode(" TABLE_ACL
        ") WHERE privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES') UNION SELECT * "
        "FROM pg_catalog.aclexplode(a.attacl)) e" RELATION_WHERE;
    if (catalog_append(sql, query) != 0 ||
        catalog_append_table_match(sql, values, &request->names, "n.nspname", "c.relname") != 0 ||
        catalog_append_match(sql, values, "a.attname", &request->column) != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 1, 2, 3, 4, 7, 6");
}
