/* One column value → one application buffer.
 * Owns: the seam between a result column (its type, modifier and wire
 * format) and the conversion matrix (types/convert.h): NULL handling,
 * SQL_C_DEFAULT, the piece state SQLGetData keeps, and the size of each
 * fixed C type (the stride of column-wise binding). Pure: no handle, no
 * diagnostics; stmt_bind.c and stmt_getdata.c post 01004, 01S07, 22002
 * and conversion errors.
 * Reference: SQLGetData ("Retrieving Data with SQLGetData": 01004 and the
 * length of the rest on each partial piece, SQL_NO_DATA after the last);
 * SQLBindCol ("Column-Wise Binding": fixed-length types use their size). */
#ifndef PGO_ODBC_COLUMN_VALUE_H
#define PGO_ODBC_COLUMN_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "types/convert.h"
#include "util/compiler.h"
#include "util/error.h"

struct wire_value;

/* What the value is: the column's (described) type and wire format. */
struct odbc_value_source {
    uint32_t type_oid;
    int32_t type_modifier;
    bool is_binary;
};

struct odbc_convert_outcome {
    SQLLEN indicator;            /* SQL_NULL_DATA, the rest's length, or the fixed size */
    bool is_truncated;           /* 01004: more remains */
    bool has_fraction_truncated; /* 01S07 */
};

/* Whether SQLBindCol / SQLGetData accept this C type. */
bool odbc_c_type_is_known(SQLSMALLINT c_type);
/* Bytes of a fixed-length C type; 0 for character and binary types. */
size_t odbc_c_type_size(SQLSMALLINT c_type);

/* Converts value (NULL: indicator SQL_NULL_DATA, nothing written) into
 * target, continuing from *piece. c_type may be SQL_C_DEFAULT.
 * numeric_precision/scale: for SQL_C_NUMERIC. -1 with error set when the
 * value does not convert. Allocates nothing. */
int odbc_convert_column_value(const struct odbc_value_source *source,
                              const struct wire_value *value, SQLSMALLINT c_type, void *target,
                              SQLLEN buffer_length, SQLSMALLINT numeric_precision,
                              SQLSMALLINT numeric_scale, struct types_piece_state *piece,
                              struct odbc_convert_outcome *out, struct error *error)
    PGO_MUST_CHECK;

#endif
