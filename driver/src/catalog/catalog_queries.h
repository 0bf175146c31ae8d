/* The SQL of the ODBC catalog functions (SQLTables, SQLColumns,
 * SQLPrimaryKeys, SQLForeignKeys, SQLStatistics, SQLSpecialColumns,
 * SQLProcedures, SQLProcedureColumns, SQLTablePrivileges,
 * SQLColumnPrivileges; SQLGetTypeInfo is catalog_types.h's).
 * Owns: one builder per function that appends the query text and lists,
 * in order, the values of its parameters $1..$n. The application's names
 * and patterns travel only as those values (struct catalog_arg, from
 * catalog_args.h): nothing the application wrote is spliced into the
 * text. Builds text only: odbc/stmt_catalog.c checks the arguments and runs
 * the query as the statement's result set (odbc_stmt_execute_catalog).
 * Files: catalog_tables.c (tables, columns, the special enumerations,
 * privileges), catalog_keys.c (primary and foreign keys, statistics,
 * special columns), catalog_routines.c (procedures and their columns).
 *
 * Each result has the columns, names and order the reference gives the
 * function, names as PostgreSQL "name" (SQL_VARCHAR), SMALLINT columns as
 * int2 and INTEGER columns as int4, and rows in the reference's order.
 *
 * Choices (documented here once):
 * - TABLE_CAT (and the other _CAT columns) is the connection's database,
 *   current_database(): the SQL standard's catalog; a catalog argument
 *   other than that database matches nothing.
 * - Table types: TABLE (ordinary and partitioned tables, partitions
 *   included), VIEW, MATERIALIZED VIEW, FOREIGN TABLE, LOCAL TEMPORARY (the
 *   session's own temporary tables; other sessions' are never listed), and
 *   SYSTEM TABLE / SYSTEM VIEW for relations in pg_catalog and
 *   information_schema. System relations are listed when the table-type
 *   list names them, or when the type list is absent or "%" and a schema
 *   argument restricts the search; otherwise they are left out.
 * - SQLProcedures and SQLProcedureColumns list functions and procedures
 *   (not aggregates or window functions); those of pg_catalog and
 *   information_schema only when a schema argument restricts the search.
 * - SQLSpecialColumns SQL_BEST_ROWID: the primary key, else the unique
 *   index (valid, immediate, not partial, no expressions) with the fewest
 *   columns, whose columns are NOT NULL unless the caller accepts nullable
 *   ones; scope SQL_SCOPE_SESSION. SQL_ROWVER: the system column xmin of
 *   tables, partitioned tables and materialized views (the server changes
 *   it on every update of the row), PSEUDO_COLUMN SQL_PC_PSEUDO, SCOPE NULL.
 * - SQLStatistics' CARDINALITY of an index is the row count of unique
 *   indexes (PostgreSQL keeps no distinct count per index), NULL for the
 *   others; the table row's CARDINALITY and PAGES are pg_class.reltuples
 *   and relpages (NULL before the first ANALYZE).
 * - Procedure parameters' COLUMN_DEF is NULL (the server keeps defaults as
 *   one expression list); a function's result is a SQL_RETURN_VALUE row
 *   (ORDINAL_POSITION 0), or SQL_RESULT_COL rows for set-returning
 *   functions and TABLE columns.
 * - IS_GRANTABLE is YES for grants WITH GRANT OPTION and for the owner (and
 *   roles that share its privileges), who may always grant what it holds.
 * Reference: the ODBC "SQLTables Function" ... "SQLColumnPrivileges
 * Function" pages; PostgreSQL system catalogs (pg_class, pg_attribute,
 * pg_constraint, pg_index, pg_proc, aclexplode). */
#ifndef PGO_CATALOG_CATALOG_QUERIES_H
#define PGO_CATALOG_CATALOG_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include "catalog/catalog_args.h"
#include "util/buf.h"
#include "util/compiler.h"

#define CATALOG_MAX_VALUES 24 /* six names, each possibly twice (an upper-case name) */

/* The values of parameters $1..$count, borrowed from the request. */
struct catalog_values {
    const char *values[CATALOG_MAX_VALUES];
    size_t count;
};

void catalog_values_init(struct catalog_values *values);

/* A table (or tables) named by catalog, schema and table arguments. */
struct catalog_table_request {
    struct catalog_arg catalog;
    struct catalog_arg schema;
    struct catalog_arg table;
    bool has_wide_characters; /* character types as SQL_W* (catalog_types.h) */
};

struct catalog_tables_request {
    struct catalog_table_request names;
    const char *table_types; /* from catalog_parse_table_types; NULL: every type */
    bool include_system;     /* with table_types NULL: list system relations too */
};

/* A table's columns, or a routine's parameters (names.table is then the
 * routine name). */
struct catalog_columns_request {
    struct catalog_table_request names;
    struct catalog_arg column;
};

enum catalog_special_kind { CATALOG_BEST_ROWID, CATALOG_ROWVER };

void catalog_table_request_init(struct catalog_table_request *request);
void catalog_table_request_reset(struct catalog_table_request *request);

/* Every builder appends to sql and adds its parameter values to values
 * (which the caller initialised). Each returns 0, or -1 when sql cannot
 * grow or there would be more than CATALOG_MAX_VALUES values. */

/* SQLTables: TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE, REMARKS,
 * ordered by TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME. A non-NULL
 * table_types becomes one parameter. */
int catalog_build_tables(struct buf *sql, struct catalog_values *values,
                         const struct catalog_tables_request *request) PGO_MUST_CHECK;
/* SQLTables' special enumerations: one column filled, the others NULL. */
int catalog_build_catalog_list(struct buf *sql) PGO_MUST_CHECK;
int catalog_build_schema_list(struct buf *sql) PGO_MUST_CHECK;
int catalog_build_table_type_list(struct buf *sql) PGO_MUST_CHECK;

/* SQLColumns: the 18 columns, ordered by TABLE_CAT, TABLE_SCHEM,
 * TABLE_NAME, ORDINAL_POSITION. */
int catalog_build_columns(struct buf *sql, struct catalog_values *values,
                          const struct catalog_columns_request *request) PGO_MUST_CHECK;

/* SQLPrimaryKeys: ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME, KEY_SEQ. */
int catalog_build_primary_keys(struct buf *sql, struct catalog_values *values,
                               const struct catalog_table_request *request) PGO_MUST_CHECK;

/* SQLForeignKeys: keys of foreign_key's tables that reference
 * primary_key's tables (a request whose table is CATALOG_MATCH_ANY is not
 * given). Ordered by FKTABLE_CAT, FKTABLE_SCHEM, FKTABLE_NAME, KEY_SEQ
 * when only the primary-key table is given, otherwise by PKTABLE_CAT,
 * PKTABLE_SCHEM, PKTABLE_NAME, KEY_SEQ; FK_NAME breaks ties. */
int catalog_build_foreign_keys(struct buf *sql, struct catalog_values *values,
                               const struct catalog_table_request *primary_key,
                               const struct catalog_table_request *foreign_key) PGO_MUST_CHECK;

/* SQLStatistics: the SQL_TABLE_STAT row of each table, then its indexes'
 * key columns (unique indexes only when unique_only), ordered by
 * NON_UNIQUE (the table row first), TYPE, INDEX_QUALIFIER, INDEX_NAME,
 * ORDINAL_POSITION. */
int catalog_build_statistics(struct buf *sql, struct catalog_values *values,
                             const struct catalog_table_request *request,
                             bool unique_only) PGO_MUST_CHECK;

/* SQLSpecialColumns (see the choices above). */
int catalog_build_special_columns(struct buf *sql, struct catalog_values *values,
                                  const struct catalog_table_request *request,
                                  enum catalog_special_kind kind,
                                  bool accepts_nullable) PGO_MUST_CHECK;

/* SQLTablePrivileges: ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME,
 * PRIVILEGE, GRANTEE. */
int catalog_build_table_privileges(struct buf *sql, struct catalog_values *values,
                                   const struct catalog_table_request *request) PGO_MUST_CHECK;

/* SQLColumnPrivileges: table privileges that cover every column and
 * column grants, ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME,
 * COLUMN_NAME, PRIVILEGE (GRANTEE breaks ties). */
int catalog_build_column_privileges(struct buf *sql, struct catalog_values *values,
                                    const struct catalog_columns_request *request) PGO_MUST_CHECK;

/* SQLProcedures: ordered by PROCEDURE_CAT, PROCEDURE_SCHEM,
 * PROCEDURE_NAME. names.table is the procedure name. */
int catalog_build_procedures(struct buf *sql, struct catalog_values *values,
                             const struct catalog_table_request *request) PGO_MUST_CHECK;

/* SQLProcedureColumns: the 19 columns; per routine the return value, the
 * parameters in call order, then the result-set columns. */
int catalog_build_procedure_columns(struct buf *sql, struct catalog_values *values,
                                    const struct catalog_columns_request *request) PGO_MUST_CHECK;

#endif
