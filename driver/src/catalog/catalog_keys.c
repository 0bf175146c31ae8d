/* SQLPrimaryKeys, SQLForeignKeys, SQLStatistics and SQLSpecialColumns
 * (see catalog_queries.h for the columns, the order and the choices). */
#include "catalog/catalog_build.h"

#define TABLE_NAMES                                                                    \
    "SELECT " CATALOG_CURRENT " AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\", c.relname AS " \
    "\"TABLE_NAME\""
#define TABLE_FROM                                                                     \
    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
/* ODBC rule codes from pg_constraint's action letters. */
#define RULE(column)                                                                   \
    "(CASE " column " WHEN 'c' THEN 0 WHEN 'r' THEN 1 WHEN 'n' THEN 2 WHEN 'a' THEN 3 WHEN 'd' " \
    "THEN 4 END)::int2"

int catalog_build_primary_keys(struct buf *sql, struct catalog_values *values,
                               const struct catalog_table_request *request)
{
    if (catalog_append(sql, TABLE_NAMES ", a.attname AS \"COLUMN_NAME\", k.n::int2 AS "
                                        "\"KEY_SEQ\", con.conname AS \"PK_NAME\" FROM "
                                        "pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c "
                                        "ON c.oid = con.conrelid JOIN pg_catalog.pg_namespace n "
                                        "ON n.oid = c.relnamespace CROSS JOIN LATERAL "
                                        "pg_catalog.unnest(con.conkey) WITH ORDINALITY AS "
                                        "k(attnum, n) JOIN pg_catalog.pg_attribute a ON "
                                        "a.attrelid = c.oid AND a.attnum = k.attnum WHERE "
                                        "con.contype = 'p'") != 0 ||
        catalog_append_table_match(sql, values, request, "n.nspname", "c.relname") != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 1, 2, 3, 5");
}

static bool is_given(const struct catalog_table_request *request)
{
    return request->table.match != CATALOG_MATCH_ANY;
}

int catalog_build_foreign_keys(struct buf *sql, struct catalog_values *values,
                               const struct catalog_table_request *primary_key,
                               const struct catalog_table_request *foreign_key)
{
    static const char head[] =
        "SELECT " CATALOG_CURRENT " AS \"PKTABLE_CAT\", pn.nspname AS \"PKTABLE_SCHEM\", "
        "pc.relname AS \"PKTABLE_NAME\", pa.attname AS \"PKCOLUMN_NAME\", " CATALOG_CURRENT
        " AS \"FKTABLE_CAT\", fn.nspname AS \"FKTABLE_SCHEM\", fc.relname AS \"FKTABLE_NAME\", "
        "fa.attname AS \"FKCOLUMN_NAME\", k.n::int2 AS \"KEY_SEQ\", " RULE(
            "con.confupdtype") " AS \"UPDATE_RULE\", " RULE("con.confdeltype") " AS "
                                                                                "\"DELETE_RULE\", "
        "con.conname AS \"FK_NAME\", COALESCE(pk.conname, ic.relname) AS \"PK_NAME\", (CASE WHEN "
        "NOT con.condeferrable THEN 7 WHEN con.condeferred THEN 5 ELSE 6 END)::int2 AS "
        "\"DEFERRABILITY\" FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class fc ON fc.oid "
        "= con.conrelid JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace JOIN "
        "pg_catalog.pg_class pc ON pc.oid = con.confrelid JOIN pg_catalog.pg_namespace pn ON "
        "pn.oid = pc.relnamespace CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(con.conkey), "
        "pg_catalog.unnest(con.confkey)) WITH ORDINALITY AS k(fk_attnum, pk_attnum, n) JOIN "
        "pg_catalog.pg_attribute fa ON fa.attrelid = fc.oid AND fa.attnum = k.fk_attnum JOIN "
        "pg_catalog.pg_attribute pa ON pa.attrelid = pc.oid AND pa.attnum = k.pk_attnum LEFT JOIN "
        "pg_catalog.pg_class ic ON ic.oid = con.conindid LEFT JOIN pg_catalog.pg_constraint pk ON "
        "pk.conindid = con.conindid AND pk.conrelid = con.confrelid AND pk.contype IN ('p', 'u') "
        "WHERE con.contype = 'f' AND con.conparentid = 0";
    if (catalog_append(sql, head) != 0 ||
        (is_given(primary_key) &&
         catalog_append_table_match(sql, values, primary_key, "pn.nspname", "pc.relname") != 0) ||
        (is_given(foreign_key) &&
         catalog_append_table_match(sql, values, foreign_key, "fn.nspname", "fc.relname") != 0))
        return -1;
    if (is_given(primary_key) && !is_given(foreign_key))
        return catalog_append(sql, " ORDER BY 5, 6, 7, 9, 12");
    return catalog_append(sql, " ORDER BY 1, 2, 3, 9, 12");
}

int catalog_build_statistics(struct buf *sql, struct catalog_values *values,
                             const struct catalog_table_request *request, bool unique_only)
{
    static const char tables[] =
        "WITH r AS (SELECT c.oid, n.nspname, c.relname, c.reltuples, c.relpages" TABLE_FROM
        " WHERE c.relkind IN ('r', 'p', 'm', 'f') AND NOT "
        "pg_catalog.pg_is_other_temp_schema(n.oid)";
    static const char body[] =
        ") SELECT * FROM (SELECT " CATALOG_CURRENT " AS \"TABLE_CAT\", r.nspname AS "
        "\"TABLE_SCHEM\", r.relname AS \"TABLE_NAME\", NULL::int2 AS \"NON_UNIQUE\", NULL::name "
        "AS \"INDEX_QUALIFIER\", NULL::name AS \"INDEX_NAME\", 0::int2 AS \"TYPE\", NULL::int2 AS "
        "\"ORDINAL_POSITION\", NULL::varchar AS \"COLUMN_NAME\", NULL::char(1) AS "
        "\"ASC_OR_DESC\", (CASE WHEN r.reltuples >= 0 THEN LEAST(r.reltuples::float8, 2147483647) "
        "END)::int4 AS \"CARDINALITY\", (CASE WHEN r.reltuples >= 0 THEN r.relpages END)::int4 "
        "AS \"PAGES\", NULL::varchar AS \"FILTER_CONDITION\" FROM r UNION ALL SELECT "
        CATALOG_CURRENT ", r.nspname, r.relname, (CASE WHEN i.indisunique THEN 0 ELSE 1 "
        "END)::int2, ni.nspname, ic.relname, (CASE WHEN i.indisclustered THEN 1 WHEN am.amname = "
        "'hash' THEN 2 ELSE 3 END)::int2, k.n::int2, pg_catalog.pg_get_indexdef(i.indexrelid, "
        "k.n, true)::varchar, (CASE WHEN am.amname = 'btree' THEN CASE WHEN i.indoption[k.n - 1] "
        "& 1 = 1 THEN 'D' ELSE 'A' END END)::char(1), (CASE WHEN i.indisunique AND r.reltuples >= "
        "0 THEN LEAST(r.reltuples::float8, 2147483647) END)::int4, (CASE WHEN ic.reltuples >= 0 "
        "THEN ic.relpages END)::int4, pg_catalog.pg_get_expr(i.indpred, i.indrelid)::varchar "
        "FROM r JOIN pg_catalog.pg_index i ON i.indrelid = r.oid JOIN pg_catalog.pg_class ic ON "
        "ic.oid = i.indexrelid JOIN pg_catalog.pg_namespace ni ON ni.oid = ic.relnamespace JOIN "
        "pg_catalog.pg_am am ON am.oid = ic.relam CROSS JOIN LATERAL "
        "pg_catalog.generate_series(1, i.indnkeyatts::int4) AS k(n)";
    if (catalog_append(sql, tables) != 0 ||
        catalog_append_table_match(sql, values, request, "n.nspname", "c.relname") != 0 ||
        catalog_append(sql, body) != 0 ||
        (unique_only && catalog_append(sql, " WHERE i.indisunique") != 0))
        return -1;
    return catalog_append(sql, ") s ORDER BY 4 NULLS FIRST, 7, 5, 6, 8");
}

static int append_special_type_columns(struct buf *sql, bool has_wide_characters)
{
    static const struct catalog_select_item items[] = {
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DATA_TYPE, "int2", "DATA_TYPE"),
        CATALOG_TEXT(", bt.typname AS \"TYPE_NAME\""),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_COLUMN_SIZE, "int4", "COLUMN_SIZE"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_BUFFER_LENGTH, "int4", "BUFFER_LENGTH"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DECIMAL_DIGITS, "int2", "DECIMAL_DIGITS"),
    };
    return catalog_append_select_items(sql, items, sizeof items / sizeof items[0],
                                       has_wide_characters);
}

int catalog_build_special_columns(struct buf *sql, struct catalog_values *values,
                                  const struct catalog_table_request *request,
                                  enum catalog_special_kind kind, bool accepts_nullable)
{
    if (kind == CATALOG_ROWVER) {
        if (catalog_append(sql, "SELECT NULL::int2 AS \"SCOPE\", a.attname AS \"COLUMN_NAME\"") !=
                0 ||
            append_special_type_columns(sql, request->has_wide_characters) != 0 ||
            catalog_append(sql, ", 2::int2 AS \"PSEUDO_COLUMN\"" TABLE_FROM
                                " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND "
                                "a.attname = 'xmin' JOIN pg_catalog.pg_type t ON t.oid = "
                                "a.atttypid" CATALOG_BASE_TYPE_JOIN(
                                    "a.atttypmod") " WHERE c.relkind IN ('r', 'p', 'm') AND NOT "
                                                   "pg_catalog.pg_is_other_temp_schema(n.oid)") !=
                0 ||
            catalog_append_table_match(sql, values, request, "n.nspname", "c.relname") != 0)
            return -1;
        return catalog_append(sql, " ORDER BY 1, 2");
    }
    static const char best_index[] =
        " FROM (SELECT DISTINCT ON (i.indrelid) i.indrelid, i.indkey, i.indnkeyatts FROM "
        "pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN "
        "pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_class ic ON "
        "ic.oid = i.indexrelid WHERE i.indisunique AND i.indisvalid AND i.indimmediate AND "
        "i.indpred IS NULL AND NOT 0 = ANY (i.indkey::int2[]) AND NOT "
        "pg_catalog.pg_is_other_temp_schema(n.oid)";
    static const char not_null_keys[] =
        " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute na WHERE na.attrelid = "
        "i.indrelid AND na.attnum = ANY (i.indkey::int2[]) AND NOT na.attnotnull)";
    static const char tail[] =
        " ORDER BY i.indrelid, i.indisprimary DESC, i.indnkeyatts, ic.relname) x CROSS JOIN "
        "LATERAL pg_catalog.generate_series(1, x.indnkeyatts::int4) AS k(n) JOIN "
        "pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k.n - 1] "
        "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid" CATALOG_BASE_TYPE_JOIN(
            "a.atttypmod") " ORDER BY 1, x.indrelid, k.n";
    if (catalog_append(sql, "SELECT 2::int2 AS \"SCOPE\", a.attname AS \"COLUMN_NAME\"") != 0 ||
        append_special_type_columns(sql, request->has_wide_characters) != 0 ||
        catalog_append(sql, ", 1::int2 AS \"PSEUDO_COLUMN\"") != 0 ||
        catalog_append(sql, best_index) != 0 ||
        (!accepts_nullable && catalog_append(sql, not_null_keys) != 0) ||
        catalog_append_table_match(sql, values, request, "n.nspname", "c.relname") != 0)
        return -1;
    return catalog_append(sql, tail);
}
