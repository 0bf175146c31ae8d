/* Catalog query behind the ODBC {call name(...)} escape.
 * Owns: the SQL text that tells whether a routine name, as the
 * application wrote it (unquoted, "quoted", schema-qualified), names a
 * procedure (run with CALL) or a function (run with SELECT). Builds text
 * only: odbc/ runs it and reads its one row.
 * Reference: PostgreSQL pg_proc.prokind ('p' procedure, 'f' function,
 * 'a' aggregate, 'w' window), parse_ident(), pg_function_is_visible(). */
#ifndef PGO_CATALOG_ROUTINE_QUERIES_H
#define PGO_CATALOG_ROUTINE_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/compiler.h"

/* Appends to sql a query with one row and two columns:
 *   procedures, functions
 * the counts of visible routines (or routines of the named schema) that
 * the name names. Returns 0; -1 when sql cannot grow, or when the name
 * cannot be written as a string constant safely (it holds a quote, a
 * backslash or a control character: the caller then keeps CALL). */
int catalog_append_routine_kind_query(struct buf *sql, const char *name,
                                      size_t name_length) PGO_MUST_CHECK;

#endif
