/* SQLProcedures and SQLProcedureColumns (see catalog_queries.h for the
 * columns, the order and the choices). Routines are pg_proc rows of kind
 * 'f' (function) and 'p' (procedure); parameter modes come from
 * proargmodes ('i' in, 'o' out, 'b' inout, 'v' variadic, 't' a TABLE
 * column), all 'i' when it is NULL. */
#include "catalog/catalog_build.h"

#define ROUTINE_FROM                                                                   \
    " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace " \
    "WHERE p.prokind IN ('f', 'p') AND NOT pg_catalog.pg_is_other_temp_schema(n.oid)"
#define SYSTEM_SCHEMAS_LEFT_OUT " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"

static int append_routine_match(struct buf *sql, struct catalog_values *values,
                                const struct catalog_table_request *request)
{
    if (request->schema.match == CATALOG_MATCH_ANY &&
        catalog_append(sql, SYSTEM_SCHEMAS_LEFT_OUT) != 0)
        return -1;
    return catalog_append_table_match(sql, values, request, "n.nspname", "p.proname");
}

int catalog_build_procedures(struct buf *sql, struct catalog_values *values,
                             const struct catalog_table_request *request)
{
    if (catalog_append(sql, "SELECT " CATALOG_CURRENT " AS \"PROCEDURE_CAT\", n.nspname AS "
                            "\"PROCEDURE_SCHEM\", p.proname AS \"PROCEDURE_NAME\", "
                            "p.pronargs::int4 AS \"NUM_INPUT_PARAMS\", (SELECT count(*) FROM "
                            "pg_catalog.unnest(p.proargmodes) m WHERE m IN ('o', 'b'))::int4 AS "
                            "\"NUM_OUTPUT_PARAMS\", (CASE WHEN p.proretset THEN 1 ELSE 0 "
                            "END)::int4 AS \"NUM_RESULT_SETS\", "
                            "pg_catalog.obj_description(p.oid, 'pg_proc')::varchar AS "
                            "\"REMARKS\", (CASE p.prokind WHEN 'p' THEN 1 ELSE 2 END)::int2 AS "
                            "\"PROCEDURE_TYPE\"" ROUTINE_FROM) != 0 ||
        append_routine_match(sql, values, request) != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 1, 2, 3");
}

int catalog_build_procedure_columns(struct buf *sql, struct catalog_values *values,
                                    const struct catalog_columns_request *request)
{
    /* x: one row per parameter, plus the result of a function that has
     * neither OUT nor TABLE parameters. column_type is the ODBC code:
     * 1 input, 2 input/output, 4 output, 3 result-set column, 5 return
     * value; column_group orders return value, parameters, result columns. */
    static const char outer[] =
        "SELECT \"PROCEDURE_CAT\", \"PROCEDURE_SCHEM\", \"PROCEDURE_NAME\", \"COLUMN_NAME\", "
        "\"COLUMN_TYPE\", \"DATA_TYPE\", \"TYPE_NAME\", \"COLUMN_SIZE\", \"BUFFER_LENGTH\", "
        "\"DECIMAL_DIGITS\", \"NUM_PREC_RADIX\", \"NULLABLE\", \"REMARKS\", \"COLUMN_DEF\", "
        "\"SQL_DATA_TYPE\", \"SQL_DATETIME_SUB\", \"CHAR_OCTET_LENGTH\", \"ORDINAL_POSITION\", "
        "\"IS_NULLABLE\" FROM (SELECT " CATALOG_CURRENT " AS \"PROCEDURE_CAT\", n.nspname AS "
        "\"PROCEDURE_SCHEM\", p.proname AS \"PROCEDURE_NAME\", x.name::name AS \"COLUMN_NAME\", "
        "x.column_type::int2 AS \"COLUMN_TYPE\"";
    static const char middle[] =
        ", 1::int2 AS \"NULLABLE\", NULL::varchar AS \"REMARKS\", NULL::varchar AS "
        "\"COLUMN_DEF\"";
    static const char from[] =
        ", (CASE WHEN x.column_type = 5 THEN 0 ELSE pg_catalog.row_number() OVER (PARTITION BY "
        "p.oid, x.column_group ORDER BY x.ord) END)::int4 AS \"ORDINAL_POSITION\", "
        "'YES'::varchar AS \"IS_NULLABLE\", p.oid AS routine_oid, x.column_group, x.ord AS "
        "argument_ord FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = "
        "p.pronamespace CROSS JOIN LATERAL (SELECT y.*, (CASE y.column_type WHEN 5 THEN 0 WHEN 3 "
        "THEN 2 ELSE 1 END) AS column_group FROM (SELECT u.type_oid, u.ord, "
        "COALESCE(p.proargnames[u.ord], '') AS name, (CASE COALESCE(p.proargmodes[u.ord], 'i') "
        "WHEN 'b' THEN 2 WHEN 'o' THEN 4 WHEN 't' THEN 3 ELSE 1 END) AS column_type FROM "
        "pg_catalog.unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS "
        "u(type_oid, ord) UNION ALL SELECT p.prorettype, 0, '', (CASE WHEN p.proretset THEN 3 "
        "ELSE 5 END) WHERE p.prokind = 'f' AND p.prorettype <> 'pg_catalog.void'::pg_catalog."
        "regtype AND NOT COALESCE(p.proargmodes && '{o,b,t}'::\"char\"[], false)) y) x JOIN "
        "pg_catalog.pg_type t ON t.oid = x.type_oid" CATALOG_BASE_TYPE_JOIN(
            "-1") " WHERE p.prokind IN ('f', 'p') AND NOT "
                  "pg_catalog.pg_is_other_temp_schema(n.oid)";
    static const struct catalog_select_item items[] = {
        CATALOG_TEXT(outer),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DATA_TYPE, "int2", "DATA_TYPE"),
        CATALOG_TEXT(", bt.typname AS \"TYPE_NAME\""),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_COLUMN_SIZE, "int4", "COLUMN_SIZE"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_BUFFER_LENGTH, "int4", "BUFFER_LENGTH"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DECIMAL_DIGITS, "int2", "DECIMAL_DIGITS"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_NUM_PREC_RADIX, "int2", "NUM_PREC_RADIX"),
        CATALOG_TEXT(middle),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_SQL_DATA_TYPE, "int2", "SQL_DATA_TYPE"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_DATETIME_SUB, "int2", "SQL_DATETIME_SUB"),
        CATALOG_TYPE_ITEM(CATALOG_TYPE_CHAR_OCTET_LENGTH, "int4", "CHAR_OCTET_LENGTH"),
    };
    if (catalog_append_select_items(sql, items, sizeof items / sizeof items[0],
                                    request->names.has_wide_characters) != 0 ||
        catalog_append(sql, from) != 0 || append_routine_match(sql, values, &request->names) != 0 ||
        catalog_append(sql, ") s WHERE true") != 0 ||
        catalog_append_match(sql, values, "s.\"COLUMN_NAME\"", &request->column) != 0)
        return -1;
    return catalog_append(sql, " ORDER BY 1, 2, 3, s.routine_oid, s.column_group, s.argument_ord");
}
