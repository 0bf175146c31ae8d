/* RowDescription and DataRow bodies → column descriptions and value views.
 * Pure parsers over struct reader; result.c owns when they run and
 * where the bytes live. */
#ifndef PGO_WIRE_ROWS_H
#define PGO_WIRE_ROWS_H

#include <stddef.h>
#include "util/compiler.h"
#include "util/error.h"
#include "wire/conn.h"

/* Parses a RowDescription body. *columns (heap, alloc_free) points into
 * body for the names, so body must outlive it. The field count is checked
 * against what remains before allocating. 08P01 on any malformation. */
int wire_rows_parse_description(const unsigned char *body, size_t length_bytes,
                                struct wire_column **columns, size_t *column_count,
                                struct error *error) PGO_MUST_CHECK;

/* Parses a DataRow body. *value_count receives the row's column count.
 * When it equals expected_count, values[0..expected_count) are filled with
 * views into body (length -1 is NULL); otherwise values are left alone and
 * the caller fails the statement (a well-framed row that disagrees).
 * -1 with 08P01 when the frame is malformed: a negative count, a count the
 * body cannot hold, a length below -1, a value past the end, leftover bytes. */
int wire_rows_parse_data_row(const unsigned char *body, size_t length_bytes,
                             struct wire_value *values, size_t expected_count,
                             size_t *value_count, struct error *error) PGO_MUST_CHECK;

#endif
