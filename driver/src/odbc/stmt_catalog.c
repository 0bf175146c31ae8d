/* The catalog functions on a statement (see stmt_catalog.h).
 * Owns: argument checks in the reference's words (HY009 null pointers,
 * HY090 lengths, HY097 identifier type, HY098 scope, HY099 nullable, HY100
 * uniqueness, HY101 accuracy, HY004 data type; 24000 comes from
 * odbc_stmt_execute_catalog), turning each name into a catalog_arg by
 * SQL_ATTR_METADATA_ID and the argument's kind, recognising SQLTables'
 * special enumerations, and running what catalog/ built.
 *
 * Choices (documented here once):
 * - An empty catalog or schema name means "any": PostgreSQL keeps no
 *   object without a schema, so "" could only match nothing, and
 *   applications written for other drivers pass "" for "don't care". An
 *   empty table, procedure or column name is taken literally (it matches
 *   nothing), except in the special enumerations.
 * - SQLTables lists system relations when TableType names SYSTEM TABLE or
 *   SYSTEM VIEW, or when TableType is absent or "%" and SchemaName
 *   restricts the search (see catalog_queries.h).
 * - SQLGetTypeInfo accepts the ODBC 2 date/time codes (9, 10, 11) as the
 *   ODBC 3 ones; a valid ODBC SQL type the driver does not map yields an
 *   empty result; any other value is HY004. */
#include "odbc/stmt_catalog.h"

#include <stdbool.h>
#include <stdio.h>
#include "catalog/catalog_args.h"
#include "catalog/catalog_queries.h"
#include "catalog/catalog_types.h"
#include "odbc/diag.h"
#include "odbc/env.h"
#include "odbc/strings.h"
#include "util/buf.h"

#define CATALOG_SQL_MAX_BYTES (1u << 20)

enum null_rule {
    NULL_MEANS_ANY,
    NULL_REFUSED,               /* HY009 always */
    NULL_REFUSED_AS_IDENTIFIER  /* HY009 when SQL_ATTR_METADATA_ID is true */
};

struct arg_rule {
    const char *what; /* for messages: "SchemaName" */
    enum catalog_arg_kind kind;
    enum null_rule null_rule;
    bool is_empty_any;
};

/* Character types as SQLDescribeCol reports them on this connection
 * (WideCharTypes), so that type columns agree with it. */
static bool reports_wide_characters(const struct odbc_stmt *stmt)
{
    return stmt->dbc->options.has_wide_char_types;
}

static bool uses_identifiers(const struct odbc_stmt *stmt)
{
    return stmt->attributes.metadata_id == SQL_TRUE;
}

/* Resolves one name argument; false with the failure posted. */
static bool take_arg(struct odbc_stmt *stmt, struct odbc_catalog_name name,
                     const struct arg_rule *rule, struct catalog_arg *out, SQLRETURN *failure)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (name.text == NULL) {
        if (rule->null_rule == NULL_REFUSED ||
            (rule->null_rule == NULL_REFUSED_AS_IDENTIFIER && uses_identifiers(stmt))) {
            *failure = odbc_diag_fail(diags, "HY009",
                                      "%s is a null pointer%s", rule->what,
                                      rule->null_rule == NULL_REFUSED
                                          ? ""
                                          : " while SQL_ATTR_METADATA_ID is SQL_TRUE");
            return false;
        }
        return true;
    }
    const char *text;
    size_t length;
    if (!odbc_resolve_length(name.text, name.length, &text, &length)) {
        *failure = odbc_diag_fail(diags, "HY090",
                                  "The length of %s, %d, is neither SQL_NTS nor a byte count",
                                  rule->what, (int)name.length);
        return false;
    }
    if (length == 0 && rule->is_empty_any)
        return true;
    if (catalog_arg_set(out, text, length, rule->kind, uses_identifiers(stmt)) != 0) {
        *failure = odbc_diag_fail(diags, "HY001", "Out of memory reading %s", rule->what);
        return false;
    }
    return true;
}

/* SQLGetInfo's SQL_CATALOG_NAME is "Y": as an identifier, a catalog name
 * is required like the others. */
static const struct arg_rule catalog_rule = {"CatalogName", CATALOG_ARG_ORDINARY,
                                             NULL_REFUSED_AS_IDENTIFIER, true};

/* Builds with build and runs the result as the statement's result set. */
static SQLRETURN run_built(struct odbc_stmt *stmt, struct buf *sql,
                           const struct catalog_values *values, int built)
{
    SQLRETURN result;
    if (built != 0)
        result = odbc_diag_fail(&stmt->header.diags, "HY001",
                                "Out of memory building the catalog query");
    else
        result = odbc_stmt_execute_catalog(stmt, (const char *)sql->data, sql->length,
                                           values->values, values->count);
    buf_reset(sql);
    return result;
}

static SQLRETURN run_fixed(struct odbc_stmt *stmt, int (*build)(struct buf *sql))
{
    struct buf sql;
    buf_init(&sql, CATALOG_SQL_MAX_BYTES);
    struct catalog_values values;
    catalog_values_init(&values);
    return run_built(stmt, &sql, &values, build(&sql));
}

/* Catalog, schema and table of a table request, by the given rules. */
static bool take_table(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                       struct odbc_catalog_name schema, struct odbc_catalog_name table,
                       const struct arg_rule *catalog_arg_rule, const struct arg_rule *schema_rule,
                       const struct arg_rule *table_rule, struct catalog_table_request *out,
                       SQLRETURN *failure)
{
    return take_arg(stmt, catalog, catalog_arg_rule, &out->catalog, failure) &&
           take_arg(stmt, schema, schema_rule, &out->schema, failure) &&
           take_arg(stmt, table, table_rule, &out->table, failure);
}

static bool is_empty(struct odbc_catalog_name name)
{
    if (name.text == NULL)
        return false;
    const char *text;
    size_t length;
    return odbc_resolve_length(name.text, name.length, &text, &length) && length == 0;
}

static bool is_all(struct odbc_catalog_name name)
{
    if (name.text == NULL)
        return false;
    const char *text;
    size_t length;
    return odbc_resolve_length(name.text, name.length, &text, &length) && length == 1 &&
           text[0] == '%';
}

/* ---- SQLTables ---- */

SQLRETURN odbc_stmt_tables(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                           struct odbc_catalog_name schema, struct odbc_catalog_name table,
                           struct odbc_catalog_name table_type)
{
    /* ODBC: the special enumerations compare with SQL_ALL_CATALOGS,
     * SQL_ALL_SCHEMAS, SQL_ALL_TABLE_TYPES ("%") and empty strings. */
    if (is_all(catalog) && is_empty(schema) && is_empty(table))
        return run_fixed(stmt, catalog_build_catalog_list);
    if (is_all(schema) && is_empty(catalog) && is_empty(table))
        return run_fixed(stmt, catalog_build_schema_list);
    if (is_all(table_type) && is_empty(catalog) && is_empty(schema) && is_empty(table))
        return run_fixed(stmt, catalog_build_table_type_list);

    bool is_odbc2 = odbc_env_uses_odbc2_states(stmt->dbc->env);
    const struct arg_rule catalog_pattern = {
        "CatalogName", is_odbc2 ? CATALOG_ARG_ORDINARY : CATALOG_ARG_PATTERN,
        NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule schema_rule = {"SchemaName", CATALOG_ARG_PATTERN,
                                         NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule table_rule = {"TableName", CATALOG_ARG_PATTERN,
                                        NULL_REFUSED_AS_IDENTIFIER, false};
    struct catalog_tables_request request;
    catalog_table_request_init(&request.names);
    request.table_types = NULL;
    request.include_system = false;
    struct buf types;
    buf_init(&types, CATALOG_SQL_MAX_BYTES);
    SQLRETURN result = SQL_SUCCESS;
    if (take_table(stmt, catalog, schema, table, &catalog_pattern, &schema_rule, &table_rule,
                   &request.names, &result)) {
        const char *type_text = NULL;
        size_t type_length = 0;
        bool is_every_type = true;
        if (table_type.text != NULL &&
            !odbc_resolve_length(table_type.text, table_type.length, &type_text, &type_length)) {
            result = odbc_diag_fail(&stmt->header.diags, "HY090",
                                    "The length of TableType, %d, is neither SQL_NTS nor a byte "
                                    "count",
                                    (int)table_type.length);
        } else if (type_text != NULL && type_length > 0 &&
                   catalog_parse_table_types(type_text, type_length, &is_every_type, &types) !=
                       0) {
            result = odbc_diag_fail(&stmt->header.diags, "HY001",
                                    "Out of memory reading TableType");
        } else if (type_text != NULL && type_length > 0 && !is_every_type &&
                   buf_append(&types, "", 1) != 0) {
            result = odbc_diag_fail(&stmt->header.diags, "HY001",
                                    "Out of memory reading TableType");
        }
        if (result == SQL_SUCCESS) {
            if (type_text != NULL && type_length > 0 && !is_every_type)
                request.table_types = (const char *)types.data;
            request.include_system = request.names.schema.match != CATALOG_MATCH_ANY;
            struct buf sql;
            buf_init(&sql, CATALOG_SQL_MAX_BYTES);
            struct catalog_values values;
            catalog_values_init(&values);
            int built = catalog_build_tables(&sql, &values, &request);
            result = run_built(stmt, &sql, &values, built);
        }
    }
    buf_reset(&types);
    catalog_table_request_reset(&request.names);
    return result;
}

/* ---- SQLColumns, SQLColumnPrivileges, SQLProcedureColumns ---- */

enum columns_function { COLUMNS, COLUMN_PRIVILEGES, PROCEDURE_COLUMNS };

static SQLRETURN run_columns(struct odbc_stmt *stmt, enum columns_function function,
                             struct odbc_catalog_name catalog, struct odbc_catalog_name schema,
                             struct odbc_catalog_name table, struct odbc_catalog_name column)
{
    /* SQLColumnPrivileges: schema and table are ordinary arguments and the
     * table is required; the others take patterns. */
    bool is_privileges = function == COLUMN_PRIVILEGES;
    const struct arg_rule schema_rule = {
        "SchemaName", is_privileges ? CATALOG_ARG_ORDINARY : CATALOG_ARG_PATTERN,
        NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule table_rule = {
        function == PROCEDURE_COLUMNS ? "ProcName" : "TableName",
        is_privileges ? CATALOG_ARG_ORDINARY : CATALOG_ARG_PATTERN,
        is_privileges ? NULL_REFUSED : NULL_REFUSED_AS_IDENTIFIER, false};
    const struct arg_rule column_rule = {"ColumnName", CATALOG_ARG_PATTERN,
                                         NULL_REFUSED_AS_IDENTIFIER, false};
    struct catalog_columns_request request;
    catalog_table_request_init(&request.names);
    request.names.has_wide_characters = reports_wide_characters(stmt);
    catalog_arg_init(&request.column);
    SQLRETURN result = SQL_SUCCESS;
    if (take_table(stmt, catalog, schema, table, &catalog_rule, &schema_rule, &table_rule,
                   &request.names, &result) &&
        take_arg(stmt, column, &column_rule, &request.column, &result)) {
        struct buf sql;
        buf_init(&sql, CATALOG_SQL_MAX_BYTES);
        struct catalog_values values;
        catalog_values_init(&values);
        int built;
        if (function == COLUMNS)
            built = catalog_build_columns(&sql, &values, &request);
        else if (function == COLUMN_PRIVILEGES)
            built = catalog_build_column_privileges(&sql, &values, &request);
        else
            built = catalog_build_procedure_columns(&sql, &values, &request);
        result = run_built(stmt, &sql, &values, built);
    }
    catalog_table_request_reset(&request.names);
    catalog_arg_reset(&request.column);
    return result;
}

SQLRETURN odbc_stmt_columns(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                            struct odbc_catalog_name schema, struct odbc_catalog_name table,
                            struct odbc_catalog_name column)
{
    return run_columns(stmt, COLUMNS, catalog, schema, table, column);
}

SQLRETURN odbc_stmt_column_privileges(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                      struct odbc_catalog_name schema,
                                      struct odbc_catalog_name table,
                                      struct odbc_catalog_name column)
{
    return run_columns(stmt, COLUMN_PRIVILEGES, catalog, schema, table, column);
}

SQLRETURN odbc_stmt_procedure_columns(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                      struct odbc_catalog_name schema,
                                      struct odbc_catalog_name procedure,
                                      struct odbc_catalog_name column)
{
    return run_columns(stmt, PROCEDURE_COLUMNS, catalog, schema, procedure, column);
}

/* ---- one-table functions ---- */

enum table_function { PRIMARY_KEYS, STATISTICS, SPECIAL_COLUMNS, TABLE_PRIVILEGES, PROCEDURES };

struct table_options {
    bool unique_only;
    enum catalog_special_kind special_kind;
    bool accepts_nullable;
};

static SQLRETURN run_table(struct odbc_stmt *stmt, enum table_function function,
                           struct odbc_catalog_name catalog, struct odbc_catalog_name schema,
                           struct odbc_catalog_name table, const struct table_options *options)
{
    /* SQLTablePrivileges and SQLProcedures take patterns and accept a null
     * name; the others name one table (ordinary arguments, TableName
     * required). */
    bool takes_patterns = function == TABLE_PRIVILEGES || function == PROCEDURES;
    const struct arg_rule schema_rule = {
        "SchemaName", takes_patterns ? CATALOG_ARG_PATTERN : CATALOG_ARG_ORDINARY,
        NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule table_rule = {
        function == PROCEDURES ? "ProcName" : "TableName",
        takes_patterns ? CATALOG_ARG_PATTERN : CATALOG_ARG_ORDINARY,
        takes_patterns ? NULL_REFUSED_AS_IDENTIFIER : NULL_REFUSED, false};
    struct catalog_table_request request;
    catalog_table_request_init(&request);
    request.has_wide_characters = reports_wide_characters(stmt);
    SQLRETURN result = SQL_SUCCESS;
    if (take_table(stmt, catalog, schema, table, &catalog_rule, &schema_rule, &table_rule,
                   &request, &result)) {
        struct buf sql;
        buf_init(&sql, CATALOG_SQL_MAX_BYTES);
        struct catalog_values values;
        catalog_values_init(&values);
        int built = -1;
        switch (function) {
        case PRIMARY_KEYS:
            built = catalog_build_primary_keys(&sql, &values, &request);
            break;
        case STATISTICS:
            built = catalog_build_statistics(&sql, &values, &request, options->unique_only);
            break;
        case SPECIAL_COLUMNS:
            built = catalog_build_special_columns(&sql, &values, &request, options->special_kind,
                                                  options->accepts_nullable);
            break;
        case TABLE_PRIVILEGES:
            built = catalog_build_table_privileges(&sql, &values, &request);
            break;
        case PROCEDURES:
            built = catalog_build_procedures(&sql, &values, &request);
            break;
        }
        result = run_built(stmt, &sql, &values, built);
    }
    catalog_table_request_reset(&request);
    return result;
}

static const struct table_options no_options = {false, CATALOG_BEST_ROWID, false};

SQLRETURN odbc_stmt_primary_keys(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                 struct odbc_catalog_name schema, struct odbc_catalog_name table)
{
    return run_table(stmt, PRIMARY_KEYS, catalog, schema, table, &no_options);
}

SQLRETURN odbc_stmt_table_privileges(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                     struct odbc_catalog_name schema,
                                     struct odbc_catalog_name table)
{
    return run_table(stmt, TABLE_PRIVILEGES, catalog, schema, table, &no_options);
}

SQLRETURN odbc_stmt_procedures(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                               struct odbc_catalog_name schema,
                               struct odbc_catalog_name procedure)
{
    return run_table(stmt, PROCEDURES, catalog, schema, procedure, &no_options);
}

SQLRETURN odbc_stmt_statistics(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                               struct odbc_catalog_name schema, struct odbc_catalog_name table,
                               SQLUSMALLINT unique, SQLUSMALLINT reserved)
{
    if (unique != SQL_INDEX_UNIQUE && unique != SQL_INDEX_ALL)
        return odbc_diag_fail(&stmt->header.diags, "HY100",
                              "Unique is %u; it must be SQL_INDEX_UNIQUE or SQL_INDEX_ALL",
                              (unsigned)unique);
    if (reserved != SQL_ENSURE && reserved != SQL_QUICK)
        return odbc_diag_fail(&stmt->header.diags, "HY101",
                              "Reserved is %u; it must be SQL_ENSURE or SQL_QUICK",
                              (unsigned)reserved);
    struct table_options options = no_options;
    options.unique_only = unique == SQL_INDEX_UNIQUE;
    return run_table(stmt, STATISTICS, catalog, schema, table, &options);
}

SQLRETURN odbc_stmt_special_columns(struct odbc_stmt *stmt, SQLUSMALLINT identifier_type,
                                    struct odbc_catalog_name catalog,
                                    struct odbc_catalog_name schema,
                                    struct odbc_catalog_name table, SQLUSMALLINT scope,
                                    SQLUSMALLINT nullable)
{
    if (identifier_type != SQL_BEST_ROWID && identifier_type != SQL_ROWVER)
        return odbc_diag_fail(&stmt->header.diags, "HY097",
                              "IdentifierType is %u; it must be SQL_BEST_ROWID or SQL_ROWVER",
                              (unsigned)identifier_type);
    if (scope != SQL_SCOPE_CURROW && scope != SQL_SCOPE_TRANSACTION && scope != SQL_SCOPE_SESSION)
        return odbc_diag_fail(&stmt->header.diags, "HY098",
                              "Scope is %u; it must be SQL_SCOPE_CURROW, "
                              "SQL_SCOPE_TRANSACTION or SQL_SCOPE_SESSION",
                              (unsigned)scope);
    if (nullable != SQL_NO_NULLS && nullable != SQL_NULLABLE)
        return odbc_diag_fail(&stmt->header.diags, "HY099",
                              "Nullable is %u; it must be SQL_NO_NULLS or SQL_NULLABLE",
                              (unsigned)nullable);
    struct table_options options = no_options;
    options.special_kind = identifier_type == SQL_ROWVER ? CATALOG_ROWVER : CATALOG_BEST_ROWID;
    options.accepts_nullable = nullable == SQL_NULLABLE;
    return run_table(stmt, SPECIAL_COLUMNS, catalog, schema, table, &options);
}

/* ---- SQLForeignKeys ---- */

SQLRETURN odbc_stmt_foreign_keys(struct odbc_stmt *stmt, struct odbc_catalog_name pk_catalog,
                                 struct odbc_catalog_name pk_schema,
                                 struct odbc_catalog_name pk_table,
                                 struct odbc_catalog_name fk_catalog,
                                 struct odbc_catalog_name fk_schema,
                                 struct odbc_catalog_name fk_table)
{
    if (pk_table.text == NULL && fk_table.text == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY009",
                              "PKTableName and FKTableName are both null pointers");
    const struct arg_rule pk_catalog_rule = {"PKCatalogName", CATALOG_ARG_ORDINARY,
                                             NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule pk_schema_rule = {"PKSchemaName", CATALOG_ARG_ORDINARY,
                                            NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule pk_table_rule = {"PKTableName", CATALOG_ARG_ORDINARY, NULL_MEANS_ANY,
                                           false};
    const struct arg_rule fk_catalog_rule = {"FKCatalogName", CATALOG_ARG_ORDINARY,
                                             NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule fk_schema_rule = {"FKSchemaName", CATALOG_ARG_ORDINARY,
                                            NULL_REFUSED_AS_IDENTIFIER, true};
    const struct arg_rule fk_table_rule = {"FKTableName", CATALOG_ARG_ORDINARY, NULL_MEANS_ANY,
                                           false};
    struct catalog_table_request primary_key;
    struct catalog_table_request foreign_key;
    catalog_table_request_init(&primary_key);
    catalog_table_request_init(&foreign_key);
    SQLRETURN result = SQL_SUCCESS;
    /* Catalog and schema are required (as identifiers) only beside their
     * table. */
    bool is_pk_given = pk_table.text != NULL;
    bool is_fk_given = fk_table.text != NULL;
    if ((!is_pk_given ||
         take_table(stmt, pk_catalog, pk_schema, pk_table, &pk_catalog_rule, &pk_schema_rule,
                    &pk_table_rule, &primary_key, &result)) &&
        (!is_fk_given ||
         take_table(stmt, fk_catalog, fk_schema, fk_table, &fk_catalog_rule, &fk_schema_rule,
                    &fk_table_rule, &foreign_key, &result))) {
        struct buf sql;
        buf_init(&sql, CATALOG_SQL_MAX_BYTES);
        struct catalog_values values;
        catalog_values_init(&values);
        int built = catalog_build_foreign_keys(&sql, &values, &primary_key, &foreign_key);
        result = run_built(stmt, &sql, &values, built);
    }
    catalog_table_request_reset(&primary_key);
    catalog_table_request_reset(&foreign_key);
    return result;
}

/* ---- SQLGetTypeInfo ---- */

static bool is_odbc_sql_type(SQLSMALLINT type)
{
    switch (type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR: case SQL_WCHAR: case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR: case SQL_DECIMAL: case SQL_NUMERIC: case SQL_SMALLINT:
    case SQL_INTEGER: case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE: case SQL_BIT:
    case SQL_TINYINT: case SQL_BIGINT: case SQL_BINARY: case SQL_VARBINARY:
    case SQL_LONGVARBINARY: case SQL_TYPE_DATE: case SQL_TYPE_TIME: case SQL_TYPE_TIMESTAMP:
    case SQL_GUID: case SQL_INTERVAL_YEAR: case SQL_INTERVAL_MONTH: case SQL_INTERVAL_DAY:
    case SQL_INTERVAL_HOUR: case SQL_INTERVAL_MINUTE: case SQL_INTERVAL_SECOND:
    case SQL_INTERVAL_YEAR_TO_MONTH: case SQL_INTERVAL_DAY_TO_HOUR:
    case SQL_INTERVAL_DAY_TO_MINUTE: case SQL_INTERVAL_DAY_TO_SECOND:
    case SQL_INTERVAL_HOUR_TO_MINUTE: case SQL_INTERVAL_HOUR_TO_SECOND:
    case SQL_INTERVAL_MINUTE_TO_SECOND:
        return true;
    default:
        return false;
    }
}

SQLRETURN odbc_stmt_get_type_info(struct odbc_stmt *stmt, SQLSMALLINT data_type)
{
    /* ODBC 2's SQL_DATE, SQL_TIME, SQL_TIMESTAMP (9, 10, 11). */
    if (data_type == SQL_DATE)
        data_type = SQL_TYPE_DATE;
    else if (data_type == SQL_TIME)
        data_type = SQL_TYPE_TIME;
    else if (data_type == SQL_TIMESTAMP)
        data_type = SQL_TYPE_TIMESTAMP;
    if (data_type != SQL_ALL_TYPES && !is_odbc_sql_type(data_type))
        return odbc_diag_fail(&stmt->header.diags, "HY004",
                              "DataType %d is neither SQL_ALL_TYPES nor an ODBC SQL data type",
                              (int)data_type);
    char number[8];
    int length = snprintf(number, sizeof number, "%d", (int)data_type);
    if (length < 0 || (size_t)length >= sizeof number)
        return odbc_diag_fail(&stmt->header.diags, "HY000", "DataType %d", (int)data_type);
    struct buf sql;
    buf_init(&sql, CATALOG_SQL_MAX_BYTES);
    struct catalog_values values;
    catalog_values_init(&values);
    bool has_data_type = data_type != SQL_ALL_TYPES;
    if (has_data_type)
        values.values[values.count++] = number;
    int built =
        catalog_append_type_info_query(&sql, has_data_type, reports_wide_characters(stmt));
    return run_built(stmt, &sql, &values, built);
}
