/* One buffered column value → one application buffer, in pieces.
 * Owns: choosing the text a C type sees (bool as "1"/"0", bytea as its hex
 * digits for character targets and its decoded bytes for binary ones),
 * resolving SQL_C_DEFAULT, and the piece arithmetic SQLGetData and
 * SQLFetch share. Pure: no handle, no diagnostics; stmt_getdata.c and
 * stmt_fetch.c post 01004, 01S07, 22002 and conversion errors.
 * Reference: SQLGetData ("Retrieving Data with SQLGetData": 01004 and the
 * length of the rest on each partial piece, SQL_NO_DATA after the last). */
#ifndef PGO_ODBC_COLUMN_VALUE_H
#define PGO_ODBC_COLUMN_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "util/compiler.h"
#include "util/error.h"

struct odbc_value_view {
    const unsigned char *data; /* text format, as the server sent it */
    size_t length_bytes;
    bool is_null;
    uint32_t type_oid;
};

struct odbc_convert_outcome {
    SQLLEN indicator;            /* length of the rest (target bytes) or SQL_NULL_DATA */
    size_t consumed_bytes;       /* source bytes to add to the offset */
    bool is_truncated;           /* 01004: more remains */
    bool has_fraction_truncated; /* 01S07 */
};

/* SQL_C_DEFAULT → the column's default C type; other types unchanged. */
SQLSMALLINT odbc_resolve_c_type(SQLSMALLINT c_type, SQLSMALLINT default_c_type);

/* Whether values of this C type come in pieces (char, wchar, binary). */
bool odbc_is_piecewise_c_type(SQLSMALLINT c_type);

/* Converts the part of value after offset source bytes into target.
 * A NULL value gives indicator SQL_NULL_DATA and writes nothing. c_type
 * must be resolved (not SQL_C_DEFAULT). -1 with error set when the value
 * does not convert. */
int odbc_convert_value(const struct odbc_value_view *value, SQLSMALLINT c_type, size_t offset,
                       void *target, SQLLEN buffer_length, struct odbc_convert_outcome *out,
                       struct error *error) PGO_MUST_CHECK;

#endif
