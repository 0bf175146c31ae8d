/* What SQLSetPos (stmt_setpos.c) and SQLBulkOperations (stmt_bulk.c)
 * share: the table a result's rows belong to and how one row of it is
 * identified (stmt_setpos_target.c), the driver's own parameterized
 * statements (stmt_setpos_run.c), and the buffered row they read and
 * rewrite. Internal to those files.
 *
 * Row identity, decided once per operation from the result's
 * RowDescription (table OID and attnum of each column) and the catalog:
 * - The target table is the table of the result's first table column;
 *   columns of other tables and expressions are never written.
 * - By key: the table has a primary key and all its columns are in the
 *   result: WHERE "k" = $n (the key's values as the cursor read them).
 *   Ordinary tables are addressed with ONLY (an inheritance child may
 *   repeat a parent's key); partitioned tables without it (their key is
 *   unique over every partition).
 * - By values: no key in the result, an ordinary table: the one row whose
 *   result columns all still hold the values read (catalog/row_queries.h:
 *   ctid = (SELECT ctid ...), which fails with 21000 when several rows
 *   match; the driver reports that as HY000 naming the reason).
 * - Anything else (a view, a foreign or partitioned table without its key
 *   in the result, no table column at all) cannot be identified safely:
 *   HY000 naming the reason, nothing sent.
 * Concurrency: SQL_CONCUR_VALUES adds the other columns' values to a by-key
 * WHERE; by-values identity compares them anyway. SQL_CONCUR_ROWVER on a
 * keyset cursor adds "xmin" = the version the cursor last read, kept per
 * row beside its mark (stmt_keyset.h); without a version read, values.
 * SQL_CONCUR_LOCK reads a
 * row with FOR UPDATE (SQL_REFRESH) and writes it by key alone. The
 * statement changes at most one row: an UPDATE or DELETE that reports
 * another count than 1 is not taken as done (0: 01001, the row changed or
 * went away). */
#ifndef PGO_ODBC_STMT_SETPOS_H
#define PGO_ODBC_STMT_SETPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "catalog/row_queries.h"
#include "odbc/stmt.h"
#include "util/buf.h"
#include "util/error.h"

struct wire_param;
struct wire_value;

/* The table a result's rows belong to (stmt_setpos_target.c). */
struct setpos_target {
    struct catalog_row_table table;
    char *schema;
    char *name;
    char relkind;
    size_t column_count;   /* the result's */
    char **column_names;   /* per result column: its attname in the table, NULL
                              when the column is not one of the table's */
    bool *is_key;          /* per result column: part of the primary key */
    bool is_by_key;
    const char *refusal;   /* NULL, or why rows cannot be identified (static text) */
};

/* The result's table, looked up by the first call (one catalog query)
 * and kept with the result (result->target) until it is reset: a keyset
 * cursor's every rowset and each row operation then cost no catalog
 * query. -1 with error when the look-up failed or memory ran out; a
 * result whose rows cannot be identified is not an error:
 * (*target)->refusal says why. */
int odbc_setpos_target_of(struct odbc_stmt *stmt, struct odbc_result *result,
                          const struct setpos_target **target,
                          struct error *error) PGO_MUST_CHECK;

/* One statement the driver writes, with its parameters (stmt_setpos_run.c). */
struct setpos_query {
    struct buf sql;
    struct buf values;       /* every parameter's bytes */
    size_t *offsets;         /* per parameter: offset in values */
    size_t *lengths;
    bool *is_null;
    uint32_t *type_oids;
    int16_t *formats;
    size_t param_count;
    size_t param_capacity;
    const char **names;      /* scratch: column names for the builders */
    size_t name_count;
};

void odbc_setpos_query_init(struct setpos_query *query);
void odbc_setpos_query_reset(struct setpos_query *query);
/* Makes room for capacity parameters and names, and empties the query. */
int odbc_setpos_query_begin(struct setpos_query *query, size_t capacity) PGO_MUST_CHECK;
/* Adds a parameter (data NULL: SQL NULL). */
int odbc_setpos_query_add(struct setpos_query *query, const void *data, size_t length_bytes,
                          bool is_null, uint32_t type_oid, int16_t format) PGO_MUST_CHECK;
/* Adds a result column's value as the cursor holds it (its type and format). */
int odbc_setpos_query_add_value(struct setpos_query *query, const struct odbc_result *result,
                                size_t row_number, size_t column_index) PGO_MUST_CHECK;

/* Called with each row the statement returns (values borrowed for the call). */
typedef int (*setpos_row_handler)(void *context, const struct wire_value *values,
                                  size_t value_count);
/* Runs the query on the connection (extended protocol, the connection's
 * transaction rules applied), asking the result formats given (0 entries:
 * text). *affected_rows: the command tag's count (-1 when none). -1 with
 * the server's error or the broken connection's. */
int odbc_setpos_run(struct odbc_stmt *stmt, struct setpos_query *query,
                    const int16_t *result_formats, size_t result_format_count,
                    setpos_row_handler on_row, void *context, SQLLEN *affected_rows,
                    struct error *error) PGO_MUST_CHECK;

/* The buffered row's values (stmt_setpos.c). */
/* Replaces the values of the target's columns of buffered row row_number
 * with a returned row (columns in result order, the target's only). */
int odbc_setpos_store_row(struct odbc_result *result, const struct setpos_target *target,
                          size_t row_number, const struct wire_value *values,
                          size_t value_count) PGO_MUST_CHECK;
/* Appends a row to a static cursor's result: the target's columns from a
 * returned row (result order), other columns NULL; marked SQL_ROW_ADDED. */
int odbc_setpos_append_row(struct odbc_result *result, const struct setpos_target *target,
                           const struct wire_value *values, size_t value_count) PGO_MUST_CHECK;
/* Marks buffered row row_number (SQL_ROW_UPDATED, SQL_ROW_DELETED,
 * SQL_ROW_ADDED; SQL_ROW_SUCCESS clears the mark). */
int odbc_setpos_mark_row(struct odbc_result *result, size_t row_number,
                         SQLUSMALLINT mark) PGO_MUST_CHECK;
/* The row version (xmin) the cursor last read for buffered row
 * row_number, kept beside its mark (stmt_keyset.h); 0: none read. */
uint32_t odbc_result_row_version(const struct odbc_result *result, size_t row_number);
int odbc_setpos_set_row_version(struct odbc_result *result, size_t row_number,
                                uint32_t version) PGO_MUST_CHECK;

/* The identity of buffered row row_number of the statement's cursor:
 * its parameters appended to query (after what it holds), the names
 * pointing into target (valid while it lives). The concurrency decides
 * what is compared besides the key: the other columns' values
 * (SQL_CONCUR_VALUES, and always without a key) or the row version
 * (SQL_CONCUR_ROWVER on a keyset cursor, when one was read). -1: out of
 * memory. A read (is_write false: SQL_REFRESH) compares nothing beyond
 * the key but still reads the version back. Free with
 * odbc_setpos_identity_free. */
struct setpos_identity {
    const char **keys;
    const char **compares;
    const char **returning; /* the target's columns in result order, then "xmin"
                               when the version is read back */
    int16_t *formats;       /* per returning column */
    size_t returning_count;
    bool reads_version;     /* returning ends with "xmin" */
    struct catalog_row_identity identity;
};
int odbc_setpos_build_identity(const struct odbc_stmt *stmt, const struct setpos_target *target,
                               const struct odbc_result *result, size_t row_number,
                               bool is_write, struct setpos_query *query,
                               struct setpos_identity *identity) PGO_MUST_CHECK;
void odbc_setpos_identity_free(struct setpos_identity *identity);
/* The first row a statement returned for buffered row row_number: the
 * target's columns (and the version when identity->reads_version). */
int odbc_setpos_store_returned(struct odbc_result *result, const struct setpos_target *target,
                               const struct setpos_identity *identity, size_t row_number,
                               const struct wire_value *values,
                               size_t value_count) PGO_MUST_CHECK;

/* One row operation on buffered row row_number, rowset element row_index
 * (stmt_setpos.c; SQLBulkOperations by bookmark uses them too).
 * SQL_SUCCESS, SQL_SUCCESS_WITH_INFO (01001: the row changed or went
 * away; 01004...) or SQL_ERROR, the diagnostics posted with row_index + 1;
 * *status: the row's new SQL_ROW_* status. */
SQLRETURN odbc_setpos_refresh_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                                  size_t row_number, size_t row_index, SQLUSMALLINT *status);
SQLRETURN odbc_setpos_update_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                                 size_t row_number, size_t row_index, SQLUSMALLINT *status);
SQLRETURN odbc_setpos_delete_row(struct odbc_stmt *stmt, const struct setpos_target *target,
                                 size_t row_number, size_t row_index, SQLUSMALLINT *status);
/* Converts the bound buffers of rowset element row_index into parameters:
 * the table's columns bound and not SQL_COLUMN_IGNORE, their names into
 * query->names. Posts and returns SQL_ERROR for a value that will not
 * convert, a bound column not of the table, data at execution. */
SQLRETURN odbc_setpos_add_bound_values(struct odbc_stmt *stmt,
                                       const struct setpos_target *target,
                                       const struct odbc_result *result, size_t row_index,
                                       struct setpos_query *query);

/* Data at execution (stmt_setpos_dae.c). Called by an operation before it
 * runs: rows first_row..end_row-1 of the row array are looked at; a bound
 * column (not SQL_COLUMN_IGNORE) whose length is SQL_DATA_AT_EXEC or
 * SQL_LEN_DATA_AT_EXEC(n) makes it SQL_NEED_DATA (the state kept on the
 * statement); SQL_SUCCESS: none. */
SQLRETURN odbc_setpos_begin_data_at_exec(struct odbc_stmt *stmt, SQLUSMALLINT operation,
                                         SQLSETPOSIROW row_number, size_t first_row,
                                         size_t end_row);
/* Whether the operation now runs with values SQLPutData supplied. */
bool odbc_setpos_is_resuming(const struct odbc_stmt *stmt);
/* The value supplied for a column of a row array element (true), or
 * false when none was asked for. Borrowed until the operation ends. */
bool odbc_setpos_data_at_exec_value(const struct odbc_stmt *stmt, size_t row_index,
                                    size_t column_index, const unsigned char **data,
                                    size_t *length_bytes, bool *is_null);

#endif
