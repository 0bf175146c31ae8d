/* Bookmarks (stmt_bookmark.c) and the row operations of scrollable cursors
 * (stmt_setpos.c, stmt_setpos_run.c, stmt_bulk.c): the statement-level
 * interface the fetch path, the attribute table and the exported shims
 * (api_cursor.c) use.
 * Bookmarks: SQL_ATTR_USE_BOOKMARKS other than SQL_UB_OFF turns on column
 * 0. A bookmark is the row's number (1-based) in the statement's result,
 * ODBC_BOOKMARK_BYTES bytes in the machine's order: variable bookmarks
 * (SQL_C_VARBOOKMARK) are those bytes; fixed ones (SQL_C_BOOKMARK) the
 * same number as an integer. Static cursors hold the whole result, so a
 * bookmark stays valid until the cursor closes (SQL_BP_SCROLL,
 * SQL_BP_UPDATE, SQL_BP_DELETE: a deleted row keeps its number).
 * Column 0's binding lives in the statement (struct odbc_bookmark_binding),
 * not in the ARD's record 0 (desc.c keeps records 1..n). */
#ifndef PGO_ODBC_STMT_BOOKMARK_H
#define PGO_ODBC_STMT_BOOKMARK_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>

struct odbc_stmt;
struct odbc_result;

#define ODBC_BOOKMARK_BYTES 8

/* ---- stmt_bookmark.c ---- */

/* SQLBindCol of column 0 (stmt_bind.c hands column 0 here): 07009 when
 * bookmarks are off, HY003 for a C type a bookmark cannot take. A NULL
 * target and indicator unbind. */
SQLRETURN odbc_stmt_bind_bookmark(struct odbc_stmt *stmt, SQLSMALLINT c_type, SQLPOINTER target,
                                  SQLLEN buffer_length, SQLLEN *indicator);
/* SQLGetData of column 0 (stmt_getdata.c hands column 0 here): the
 * current row's bookmark; 07009 when bookmarks are off, 07006 for a C
 * type other than binary or an integer, 01004 when a binary buffer is
 * short. */
SQLRETURN odbc_stmt_get_bookmark_data(struct odbc_stmt *stmt, SQLSMALLINT c_type,
                                      SQLPOINTER target, SQLLEN buffer_length,
                                      SQLLEN *indicator);
/* SQLDescribeCol of column 0 (stmt_describe.c hands column 0 here). */
SQLRETURN odbc_stmt_describe_bookmark(struct odbc_stmt *stmt, SQLCHAR *name,
                                      SQLSMALLINT buffer_length, SQLSMALLINT *name_length,
                                      SQLSMALLINT *data_type, SQLULEN *column_size,
                                      SQLSMALLINT *decimal_digits, SQLSMALLINT *nullable);
/* SQLColAttribute of column 0 (stmt_describe.c hands column 0 here,
 * except SQL_DESC_COUNT, which is about the whole result). */
SQLRETURN odbc_stmt_bookmark_attribute(struct odbc_stmt *stmt, SQLUSMALLINT field,
                                       SQLPOINTER character_attribute,
                                       SQLSMALLINT buffer_length, SQLSMALLINT *string_length,
                                       SQLLEN *numeric_attribute);
/* Whether column 0 is bound (the fetch path fills it then). */
bool odbc_stmt_has_bookmark_binding(const struct odbc_stmt *stmt);
/* Writes the bookmark of row row_number into element row_index of the
 * bound column 0 (nothing when it is not bound). */
void odbc_stmt_fill_bookmark(struct odbc_stmt *stmt, size_t row_number, size_t row_index);
/* The row a bookmark names (the application's bytes, in the form column 0
 * is bound with, or ODBC_BOOKMARK_BYTES bytes): false when it names no
 * row of result. */
bool odbc_stmt_read_bookmark(const struct odbc_stmt *stmt, const struct odbc_result *result,
                             const void *bookmark, size_t *row_number);
/* Element row_index of the bound column 0 (bind type and offset applied),
 * or NULL when column 0 is not bound. */
const void *odbc_stmt_bookmark_element(const struct odbc_stmt *stmt, size_t row_index);

/* ---- stmt_setpos.c ---- */
SQLRETURN odbc_stmt_set_pos(struct odbc_stmt *stmt, SQLSETPOSIROW row_number,
                            SQLUSMALLINT operation, SQLUSMALLINT lock_type);
/* The mark SQLSetPos left on buffered row row_number of result
 * (SQL_ROW_UPDATED, SQL_ROW_DELETED, SQL_ROW_ADDED), or SQL_ROW_SUCCESS. */
SQLUSMALLINT odbc_result_row_mark(const struct odbc_result *result, size_t row_number);

/* ---- stmt_bulk.c ---- */
SQLRETURN odbc_stmt_bulk_operations(struct odbc_stmt *stmt, SQLSMALLINT operation);

/* ---- stmt_setpos_dae.c: data at execution of SQLSetPos(SQL_UPDATE) and
 * SQLBulkOperations(SQL_ADD); the state is stmt->row_dae ---- */
struct odbc_row_dae;
/* SQLParamData / SQLPutData while stmt->row_dae is set (stmt_params.c
 * hands them here). */
SQLRETURN odbc_setpos_param_data(struct odbc_stmt *stmt, SQLPOINTER *value);
SQLRETURN odbc_setpos_put_data(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length);
/* Drops the state (SQLCancel, SQLFreeStmt, freeing the statement). */
void odbc_setpos_end_data_at_exec(struct odbc_stmt *stmt);

#endif
