/* Exported W catalog functions: SQLTablesW, SQLColumnsW, SQLPrimaryKeysW,
 * SQLForeignKeysW, SQLStatisticsW, SQLSpecialColumnsW, SQLProceduresW,
 * SQLProcedureColumnsW, SQLTablePrivilegesW, SQLColumnPrivilegesW
 * (SQLGetTypeInfo takes no string: unixODBC calls the narrow one). Each
 * locks and checks as api_catalog.c does (STMT_CALL), converts its names
 * once (wide.h: lengths in characters, SQL_NTS, 22018 for a lone
 * surrogate), calls the same stmt_catalog.c function and frees the
 * conversions. unixODBC calls these, never the narrow ones, once an
 * application connected through a W function (pyodbc does). */
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
#include "odbc/api_shim.h"
#include "odbc/stmt_catalog.h"
#include "odbc/wide.h"

#define MAX_NAMES 6

/* The converted names of one call. */
struct wide_names {
    struct odbc_wide_in in[MAX_NAMES];
    size_t count;
};

struct wide_name {
    const SQLWCHAR *text;
    SQLSMALLINT length_units;
    const char *argument_name;
};

/* Converts count names; false (posted) when one cannot be converted.
 * free_names either way. */
static bool convert_names(struct odbc_stmt *stmt, struct wide_names *names,
                          const struct wide_name *given, size_t count)
{
    names->count = 0;
    for (size_t i = 0; i < count && i < MAX_NAMES; i++) {
        bool is_converted = odbc_wide_in_convert(&names->in[i], given[i].text,
                                                 given[i].length_units, given[i].argument_name,
                                                 &stmt->header.diags);
        names->count = i + 1;
        if (!is_converted)
            return false;
    }
    return true;
}

static void free_names(struct wide_names *names)
{
    for (size_t i = 0; i < names->count; i++)
        odbc_wide_in_free(&names->in[i]);
    names->count = 0;
}

static struct odbc_catalog_name narrow(const struct wide_names *names, size_t index)
{
    struct odbc_catalog_name name = {odbc_wide_in_chars(&names->in[index]),
                                     odbc_wide_in_small_length(&names->in[index])};
    return name;
}

enum wide_function {
    WIDE_TABLES,
    WIDE_COLUMNS,
    WIDE_PRIMARY_KEYS,
    WIDE_FOREIGN_KEYS,
    WIDE_STATISTICS,
    WIDE_SPECIAL_COLUMNS,
    WIDE_PROCEDURES,
    WIDE_PROCEDURE_COLUMNS,
    WIDE_TABLE_PRIVILEGES,
    WIDE_COLUMN_PRIVILEGES
};

/* The non-string arguments some functions take. */
struct wide_options {
    SQLUSMALLINT first;  /* SQLStatistics Unique; SQLSpecialColumns IdentifierType */
    SQLUSMALLINT second; /* SQLStatistics Reserved; SQLSpecialColumns Scope */
    SQLUSMALLINT third;  /* SQLSpecialColumns Nullable */
};

static SQLRETURN call_narrow(struct odbc_stmt *stmt, enum wide_function function,
                             const struct wide_names *n, const struct wide_options *options)
{
    switch (function) {
    case WIDE_TABLES:
        return odbc_stmt_tables(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2), narrow(n, 3));
    case WIDE_COLUMNS:
        return odbc_stmt_columns(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2), narrow(n, 3));
    case WIDE_PRIMARY_KEYS:
        return odbc_stmt_primary_keys(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2));
    case WIDE_FOREIGN_KEYS:
        return odbc_stmt_foreign_keys(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2),
                                      narrow(n, 3), narrow(n, 4), narrow(n, 5));
    case WIDE_STATISTICS:
        return odbc_stmt_statistics(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2),
                                    options->first, options->second);
    case WIDE_SPECIAL_COLUMNS:
        return odbc_stmt_special_columns(stmt, options->first, narrow(n, 0), narrow(n, 1),
                                         narrow(n, 2), options->second, options->third);
    case WIDE_PROCEDURES:
        return odbc_stmt_procedures(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2));
    case WIDE_PROCEDURE_COLUMNS:
        return odbc_stmt_procedure_columns(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2),
                                           narrow(n, 3));
    case WIDE_TABLE_PRIVILEGES:
        return odbc_stmt_table_privileges(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2));
    case WIDE_COLUMN_PRIVILEGES:
        return odbc_stmt_column_privileges(stmt, narrow(n, 0), narrow(n, 1), narrow(n, 2),
                                           narrow(n, 3));
    }
    return SQL_ERROR;
}

static SQLRETURN run_wide(struct odbc_stmt *stmt, enum wide_function function,
                          const struct wide_name *given, size_t count,
                          const struct wide_options *options)
{
    struct wide_names names;
    SQLRETURN result = SQL_ERROR;
    if (convert_names(stmt, &names, given, count))
        result = call_narrow(stmt, function, &names, options);
    free_names(&names);
    return result;
}

static const struct wide_options no_options = {0, 0, 0};

#define SMALL(value) ((SQLSMALLINT)(intptr_t)(value))
#define INT_ARG(value) ((uintptr_t)(intptr_t)(value))

static SQLRETURN async_tables_wide(const uintptr_t *a)
{
    return SQLTablesW((SQLHSTMT)a[0], (SQLWCHAR *)a[1], SMALL(a[2]), (SQLWCHAR *)a[3],
                      SMALL(a[4]), (SQLWCHAR *)a[5], SMALL(a[6]), (SQLWCHAR *)a[7], SMALL(a[8]));
}

SQLRETURN SQL_API SQLTablesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                             SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                             SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                             SQLSMALLINT NameLength3, SQLWCHAR *TableType,
                             SQLSMALLINT NameLength4)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLTABLES, async_tables_wide,
                     (uintptr_t)StatementHandle, (uintptr_t)CatalogName, INT_ARG(NameLength1),
                     (uintptr_t)SchemaName, INT_ARG(NameLength2), (uintptr_t)TableName,
                     INT_ARG(NameLength3), (uintptr_t)TableType, INT_ARG(NameLength4));
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"},
                                      {TableType, NameLength4, "TableType"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_TABLES, given, 4, &no_options));
}

static SQLRETURN async_columns_wide(const uintptr_t *a)
{
    return SQLColumnsW((SQLHSTMT)a[0], (SQLWCHAR *)a[1], SMALL(a[2]), (SQLWCHAR *)a[3],
                       SMALL(a[4]), (SQLWCHAR *)a[5], SMALL(a[6]), (SQLWCHAR *)a[7],
                       SMALL(a[8]));
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                              SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                              SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                              SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                              SQLSMALLINT NameLength4)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLCOLUMNS, async_columns_wide,
                     (uintptr_t)StatementHandle, (uintptr_t)CatalogName, INT_ARG(NameLength1),
                     (uintptr_t)SchemaName, INT_ARG(NameLength2), (uintptr_t)TableName,
                     INT_ARG(NameLength3), (uintptr_t)ColumnName, INT_ARG(NameLength4));
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"},
                                      {ColumnName, NameLength4, "ColumnName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_COLUMNS, given, 4, &no_options));
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                  SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                  SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                  SQLSMALLINT NameLength3)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_PRIMARY_KEYS, given, 3, &no_options));
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT StatementHandle, SQLWCHAR *PKCatalogName,
                                  SQLSMALLINT NameLength1, SQLWCHAR *PKSchemaName,
                                  SQLSMALLINT NameLength2, SQLWCHAR *PKTableName,
                                  SQLSMALLINT NameLength3, SQLWCHAR *FKCatalogName,
                                  SQLSMALLINT NameLength4, SQLWCHAR *FKSchemaName,
                                  SQLSMALLINT NameLength5, SQLWCHAR *FKTableName,
                                  SQLSMALLINT NameLength6)
{
    const struct wide_name given[] = {{PKCatalogName, NameLength1, "PKCatalogName"},
                                      {PKSchemaName, NameLength2, "PKSchemaName"},
                                      {PKTableName, NameLength3, "PKTableName"},
                                      {FKCatalogName, NameLength4, "FKCatalogName"},
                                      {FKSchemaName, NameLength5, "FKSchemaName"},
                                      {FKTableName, NameLength6, "FKTableName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_FOREIGN_KEYS, given, 6, &no_options));
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                 SQLSMALLINT NameLength3, SQLUSMALLINT Unique,
                                 SQLUSMALLINT Reserved)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"}};
    const struct wide_options options = {Unique, Reserved, 0};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_STATISTICS, given, 3, &options));
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT StatementHandle, SQLUSMALLINT IdentifierType,
                                     SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                                     SQLWCHAR *SchemaName, SQLSMALLINT NameLength2,
                                     SQLWCHAR *TableName, SQLSMALLINT NameLength3,
                                     SQLUSMALLINT Scope, SQLUSMALLINT Nullable)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"}};
    const struct wide_options options = {IdentifierType, Scope, Nullable};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_SPECIAL_COLUMNS, given, 3, &options));
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLWCHAR *ProcName,
                                 SQLSMALLINT NameLength3)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {ProcName, NameLength3, "ProcName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_PROCEDURES, given, 3, &no_options));
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                       SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                       SQLSMALLINT NameLength2, SQLWCHAR *ProcName,
                                       SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                                       SQLSMALLINT NameLength4)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {ProcName, NameLength3, "ProcName"},
                                      {ColumnName, NameLength4, "ColumnName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_PROCEDURE_COLUMNS, given, 4, &no_options));
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                      SQLSMALLINT NameLength3)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_TABLE_PRIVILEGES, given, 3, &no_options));
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                       SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                       SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                       SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                                       SQLSMALLINT NameLength4)
{
    const struct wide_name given[] = {{CatalogName, NameLength1, "CatalogName"},
                                      {SchemaName, NameLength2, "SchemaName"},
                                      {TableName, NameLength3, "TableName"},
                                      {ColumnName, NameLength4, "ColumnName"}};
    STMT_CALL(StatementHandle, run_wide(stmt, WIDE_COLUMN_PRIVILEGES, given, 4, &no_options));
}

/* No text goes in or out, but an application connected through the W
 * functions has its catalog calls sent to W forms by the driver manager. */
SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT StatementHandle, SQLSMALLINT DataType)
{
    STMT_CALL(StatementHandle, odbc_stmt_get_type_info(stmt, DataType));
}
