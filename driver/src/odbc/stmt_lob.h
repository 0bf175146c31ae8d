/* Large objects (the LargeObjects keyword).
 * Owns: reading a large object into SQLGetData's buffer piece by piece,
 * and writing a data-at-execution parameter's SQLPutData pieces into a new
 * large object whose OID becomes the parameter's value. Each piece is one
 * round trip to the server's large-object functions (catalog/lob_queries.h:
 * lo_get with an offset and length, lo_create, lo_put with an offset), at
 * most ODBC_LOB_PIECE_MAX_BYTES each: the driver never holds an object,
 * only a piece of it.
 * Rules (LargeObjects=1; off, nothing here applies):
 * - Reading: SQLGetData with SQL_C_BINARY on a column of type oid, or of
 *   a domain over oid (the lo extension's lo), gives the bytes of the
 *   large object that value names, in pieces (01004 while more remains,
 *   the indicator the bytes not yet returned, as ODBC says; SQL_NO_DATA
 *   after the last). Other C types read the OID itself, as without the
 *   keyword; so do SQLBindCol buffers (a rowset holds no objects).
 * - Writing: an input parameter bound SQL_C_BINARY / SQL_LONGVARBINARY
 *   and sent at execution (SQL_DATA_AT_EXEC or SQL_LEN_DATA_AT_EXEC) in
 *   a single parameter set: its first SQLPutData creates a large object
 *   (lo_create), each piece is written at its offset (lo_put), and the
 *   statement receives the object's OID as the parameter (type oid, which
 *   an lo column takes as is). An empty piece makes an empty object;
 *   SQL_NULL_DATA stays NULL.
 * - Transactions: the large-object calls travel like the application's
 *   statements (dbc_tran.c: BEGIN first when autocommit is off), so in
 *   manual-commit mode the object belongs to the application's transaction
 *   and a rollback removes it. With autocommit on each piece commits by
 *   itself: an execution that fails leaves the new object behind (unlink
 *   it, or use manual commit). */
#ifndef PGO_ODBC_STMT_LOB_H
#define PGO_ODBC_STMT_LOB_H

#include "util/compiler.h"
#include "util/error.h"
#include <sql.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest piece one round trip reads or writes. */
#define ODBC_LOB_PIECE_MAX_BYTES ((size_t)1 << 20)

struct odbc_stmt;
struct wire_param;

/* SQLGetData's hook: true when the call is a large-object read (its
 * return code in *outcome, diagnostics posted); false when SQLGetData
 * goes on as usual (the keyword is off, another C type or column type, or
 * a condition SQLGetData itself reports). */
bool odbc_stmt_lob_get_data(struct odbc_stmt *stmt, SQLUSMALLINT column_number, SQLSMALLINT c_type,
                            SQLPOINTER target, SQLLEN buffer_length, SQLLEN *indicator,
                            SQLRETURN *outcome);

/* Whether parameter param (0-based) is written as a large object. */
bool odbc_stmt_lob_is_param(const struct odbc_stmt *stmt, size_t param);
/* The server type for parameter param: oid for a large-object parameter,
 * else chosen unchanged. */
uint32_t odbc_stmt_lob_param_type(const struct odbc_stmt *stmt, size_t param, uint32_t chosen);
/* SQLPutData for the current data-at-execution parameter, which
 * odbc_stmt_lob_is_param names. */
SQLRETURN odbc_stmt_lob_put_data(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length);
/* Fills out with a large-object parameter's Bind value (its OID as
 * text, or NULL), valid until the data-at-execution pieces are freed. 1:
 * done; 0: not a large-object parameter; -1 with error. */
int odbc_stmt_lob_convert_param(struct odbc_stmt *stmt, size_t row, size_t param,
                                struct wire_param *out, struct error *error) PGO_MUST_CHECK;

#endif
