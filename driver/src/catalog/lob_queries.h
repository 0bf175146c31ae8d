/* SQL text the driver writes for refcursors and large objects.
 * Owns: the text only. A cursor name is double-quoted (embedded quotes
 * doubled); every large-object argument is a parameter $n with the type
 * the text casts it to, so no value ever reaches the SQL. odbc/ runs it
 * (stmt_refcursor.c, stmt_lob.c).
 * Reference: PostgreSQL FETCH; "Large Objects", server-side functions
 * lo_create(oid), lo_get(oid, bigint, integer), lo_put(oid, bigint,
 * bytea), lo_open(oid, INV_READ = 0x40000), lo_lseek64(fd, 0, SEEK_END =
 * 2), lo_close(fd). */
#ifndef PGO_CATALOG_LOB_QUERIES_H
#define PGO_CATALOG_LOB_QUERIES_H

#include "util/buf.h"
#include "util/compiler.h"
#include <stddef.h>

/* "SELECT pg_catalog.lo_create(0)": a new, empty large object; one row,
 * its OID. No parameters. */
extern const char catalog_lo_create_sql[];
/* Bytes of a large object from an offset, and its size: $1 oid, $2 int8
 * offset, $3 int4 length; one row: the bytea (lo_get: shorter at the end
 * of the object, empty past it), the size in bytes (int8: lo_lseek64 to
 * the end of a descriptor opened for reading, in a subquery kept apart
 * with OFFSET 0 so it opens once) and lo_close's 0. One round trip per
 * piece; the server never reads the whole object. */
extern const char catalog_lo_read_sql[];
/* Writes bytes at an offset: $1 oid, $2 int8 offset, $3 bytea. */
extern const char catalog_lo_put_sql[];

/* Appends "FETCH ALL FROM "<name>"" (the name as the server gave it:
 * name_length bytes, not NUL-terminated). -1 when the name holds a NUL
 * byte (no identifier can) or the buffer is full. */
int catalog_append_fetch_all(struct buf *sql, const char *name, size_t name_length) PGO_MUST_CHECK;

#endif
