/* The catalog functions on a statement (stmt_catalog.c).
 * Owns: nothing beyond the call: each function checks its arguments with
 * the reference's SQLSTATEs, has catalog/ build the query (arguments as
 * bound parameters) and runs it with odbc_stmt_execute_catalog, so the
 * rows become the statement's result set, fetched as usual. Called by
 * api_catalog.c with the statement locked and its connection live.
 * Reference: the ODBC "SQLTables Function" ... "SQLGetTypeInfo Function"
 * pages; "Arguments in Catalog Functions". */
#ifndef PGO_ODBC_STMT_CATALOG_H
#define PGO_ODBC_STMT_CATALOG_H

#include <sql.h>
#include <sqlext.h>
#include "odbc/stmt.h"

/* One name argument as the application passed it (text NULL: a null
 * pointer; length SQL_NTS or a byte count). */
struct odbc_catalog_name {
    const SQLCHAR *text;
    SQLSMALLINT length;
};

SQLRETURN odbc_stmt_tables(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                           struct odbc_catalog_name schema, struct odbc_catalog_name table,
                           struct odbc_catalog_name table_type);
SQLRETURN odbc_stmt_columns(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                            struct odbc_catalog_name schema, struct odbc_catalog_name table,
                            struct odbc_catalog_name column);
SQLRETURN odbc_stmt_primary_keys(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                 struct odbc_catalog_name schema,
                                 struct odbc_catalog_name table);
SQLRETURN odbc_stmt_foreign_keys(struct odbc_stmt *stmt, struct odbc_catalog_name pk_catalog,
                                 struct odbc_catalog_name pk_schema,
                                 struct odbc_catalog_name pk_table,
                                 struct odbc_catalog_name fk_catalog,
                                 struct odbc_catalog_name fk_schema,
                                 struct odbc_catalog_name fk_table);
SQLRETURN odbc_stmt_statistics(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                               struct odbc_catalog_name schema, struct odbc_catalog_name table,
                               SQLUSMALLINT unique, SQLUSMALLINT reserved);
SQLRETURN odbc_stmt_special_columns(struct odbc_stmt *stmt, SQLUSMALLINT identifier_type,
                                    struct odbc_catalog_name catalog,
                                    struct odbc_catalog_name schema,
                                    struct odbc_catalog_name table, SQLUSMALLINT scope,
                                    SQLUSMALLINT nullable);
SQLRETURN odbc_stmt_procedures(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                               struct odbc_catalog_name schema,
                               struct odbc_catalog_name procedure);
SQLRETURN odbc_stmt_procedure_columns(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                      struct odbc_catalog_name schema,
                                      struct odbc_catalog_name procedure,
                                      struct odbc_catalog_name column);
SQLRETURN odbc_stmt_table_privileges(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                     struct odbc_catalog_name schema,
                                     struct odbc_catalog_name table);
SQLRETURN odbc_stmt_column_privileges(struct odbc_stmt *stmt, struct odbc_catalog_name catalog,
                                      struct odbc_catalog_name schema,
                                      struct odbc_catalog_name table,
                                      struct odbc_catalog_name column);
SQLRETURN odbc_stmt_get_type_info(struct odbc_stmt *stmt, SQLSMALLINT data_type);

#endif
