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
#include "wire/conn.h"

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
 * target, continuing from *piece (and *cursor, when not NULL: a value read
 * as SQL_C_WCHAR in many pieces). c_type may be SQL_C_DEFAULT.
 * numeric_precision/scale: for SQL_C_NUMERIC. -1 with error set when the
 * value does not convert. Allocates nothing. Inline: SQLGetData and each
 * bound column of each row call it. */
PGO_MUST_CHECK static inline int
odbc_convert_column_value(const struct odbc_value_source *source, const struct wire_value *value,
                          SQLSMALLINT c_type, void *target, SQLLEN buffer_length,
                          SQLSMALLINT numeric_precision, SQLSMALLINT numeric_scale,
                          struct types_piece_state *piece, struct types_text_cursor *cursor,
                          struct odbc_convert_outcome *out, struct error *error)
{
    out->is_truncated = false;
    out->has_fraction_truncated = false;
    if (value->is_null) {
        out->indicator = SQL_NULL_DATA;
        piece->is_done = true;
        return 0;
    }
    struct types_value typed = {source->type_oid, source->type_modifier, source->is_binary,
                                value->data != NULL ? value->data : (const unsigned char *)"",
                                value->length_bytes};
    if (c_type == SQL_C_DEFAULT)
        c_type = types_default_c_type(source->type_oid, source->type_modifier);
    struct types_target destination = {c_type, target, buffer_length, numeric_precision,
                                       numeric_scale};
    struct types_outcome outcome; /* types_convert_to_c sets every field */
    if ((cursor != NULL
             ? types_convert_to_c_resumable(&typed, &destination, piece, cursor, &outcome, error)
             : types_convert_to_c(&typed, &destination, piece, &outcome, error)) != 0)
        return -1;
    out->indicator = outcome.indicator;
    out->is_truncated = outcome.is_truncated;
    out->has_fraction_truncated = outcome.is_fraction_truncated;
    return 0;
}

#endif
