/* Exported catalog functions and SQLGetTypeInfo (ANSI). Each only locks,
 * checks liveness, packs its name arguments and calls stmt_catalog.c
 * (STMT_CALL, api_shim.h). */
#include <sql.h>
#include <sqlext.h>
#include "odbc/api_shim.h"
#include "odbc/stmt_catalog.h"

static struct odbc_catalog_name name_of(const SQLCHAR *text, SQLSMALLINT length)
{
    struct odbc_catalog_name name = {text, length};
    return name;
}

#define ARG(value) ((uintptr_t)(value))
#define INT_ARG(value) ((uintptr_t)(intptr_t)(value))
#define SMALL(value) ((SQLSMALLINT)(intptr_t)(value))

static SQLRETURN async_tables(const uintptr_t *a)
{
    return SQLTables((SQLHSTMT)a[0], (SQLCHAR *)a[1], SMALL(a[2]), (SQLCHAR *)a[3], SMALL(a[4]),
                     (SQLCHAR *)a[5], SMALL(a[6]), (SQLCHAR *)a[7], SMALL(a[8]));
}

SQLRETURN SQL_API SQLTables(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                            SQLSMALLINT NameLength1, SQLCHAR *SchemaName, SQLSMALLINT NameLength2,
                            SQLCHAR *TableName, SQLSMALLINT NameLength3, SQLCHAR *TableType,
                            SQLSMALLINT NameLength4)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLTABLES, async_tables, ARG(StatementHandle),
                     ARG(CatalogName), INT_ARG(NameLength1), ARG(SchemaName),
                     INT_ARG(NameLength2), ARG(TableName), INT_ARG(NameLength3), ARG(TableType),
                     INT_ARG(NameLength4));
    STMT_CALL(StatementHandle,
              odbc_stmt_tables(stmt, name_of(CatalogName, NameLength1),
                               name_of(SchemaName, NameLength2), name_of(TableName, NameLength3),
                               name_of(TableType, NameLength4)));
}

static SQLRETURN async_columns(const uintptr_t *a)
{
    return SQLColumns((SQLHSTMT)a[0], (SQLCHAR *)a[1], SMALL(a[2]), (SQLCHAR *)a[3],
                      SMALL(a[4]), (SQLCHAR *)a[5], SMALL(a[6]), (SQLCHAR *)a[7], SMALL(a[8]));
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                             SQLSMALLINT NameLength1, SQLCHAR *SchemaName, SQLSMALLINT NameLength2,
                             SQLCHAR *TableName, SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                             SQLSMALLINT NameLength4)
{
    ODBC_ASYNC_ENTRY(StatementHandle, SQL_API_SQLCOLUMNS, async_columns, ARG(StatementHandle),
                     ARG(CatalogName), INT_ARG(NameLength1), ARG(SchemaName),
                     INT_ARG(NameLength2), ARG(TableName), INT_ARG(NameLength3),
                     ARG(ColumnName), INT_ARG(NameLength4));
    STMT_CALL(StatementHandle,
              odbc_stmt_columns(stmt, name_of(CatalogName, NameLength1),
                                name_of(SchemaName, NameLength2), name_of(TableName, NameLength3),
                                name_of(ColumnName, NameLength4)));
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                 SQLSMALLINT NameLength3)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_primary_keys(stmt, name_of(CatalogName, NameLength1),
                                     name_of(SchemaName, NameLength2),
                                     name_of(TableName, NameLength3)));
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT StatementHandle, SQLCHAR *PKCatalogName,
                                 SQLSMALLINT NameLength1, SQLCHAR *PKSchemaName,
                                 SQLSMALLINT NameLength2, SQLCHAR *PKTableName,
                                 SQLSMALLINT NameLength3, SQLCHAR *FKCatalogName,
                                 SQLSMALLINT NameLength4, SQLCHAR *FKSchemaName,
                                 SQLSMALLINT NameLength5, SQLCHAR *FKTableName,
                                 SQLSMALLINT NameLength6)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_foreign_keys(
                  stmt, name_of(PKCatalogName, NameLength1), name_of(PKSchemaName, NameLength2),
                  name_of(PKTableName, NameLength3), name_of(FKCatalogName, NameLength4),
                  name_of(FKSchemaName, NameLength5), name_of(FKTableName, NameLength6)));
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                SQLSMALLINT NameLength3, SQLUSMALLINT Unique,
                                SQLUSMALLINT Reserved)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_statistics(stmt, name_of(CatalogName, NameLength1),
                                   name_of(SchemaName, NameLength2),
                                   name_of(TableName, NameLength3), Unique, Reserved));
}

SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT StatementHandle, SQLUSMALLINT IdentifierType,
                                    SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                                    SQLCHAR *SchemaName, SQLSMALLINT NameLength2,
                                    SQLCHAR *TableName, SQLSMALLINT NameLength3,
                                    SQLUSMALLINT Scope, SQLUSMALLINT Nullable)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_special_columns(stmt, IdentifierType, name_of(CatalogName, NameLength1),
                                        name_of(SchemaName, NameLength2),
                                        name_of(TableName, NameLength3), Scope, Nullable));
}

SQLRETURN SQL_API SQLProcedures(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLCHAR *ProcName,
                                SQLSMALLINT NameLength3)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_procedures(stmt, name_of(CatalogName, NameLength1),
                                   name_of(SchemaName, NameLength2),
                                   name_of(ProcName, NameLength3)));
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLCHAR *ProcName,
                                      SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_procedure_columns(stmt, name_of(CatalogName, NameLength1),
                                          name_of(SchemaName, NameLength2),
                                          name_of(ProcName, NameLength3),
                                          name_of(ColumnName, NameLength4)));
}

SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                     SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                     SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                     SQLSMALLINT NameLength3)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_table_privileges(stmt, name_of(CatalogName, NameLength1),
                                         name_of(SchemaName, NameLength2),
                                         name_of(TableName, NameLength3)));
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                      SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    STMT_CALL(StatementHandle,
              odbc_stmt_column_privileges(stmt, name_of(CatalogName, NameLength1),
                                          name_of(SchemaName, NameLength2),
                                          name_of(TableName, NameLength3),
                                          name_of(ColumnName, NameLength4)));
}

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT StatementHandle, SQLSMALLINT DataType)
{
    STMT_CALL(StatementHandle, odbc_stmt_get_type_info(stmt, DataType));
}
