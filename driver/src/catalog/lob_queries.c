/* SQL text for refcursors and large objects (see lob_queries.h).
 * Owns: the text only; odbc/ runs it. */
#include "catalog/lob_queries.h"

#include <stdint.h>
#include <string.h>

const char catalog_lo_create_sql[] = "SELECT pg_catalog.lo_create(0)";
const char catalog_lo_read_sql[] =
    "SELECT pg_catalog.lo_get($1::pg_catalog.oid, $2::pg_catalog.int8, "
    "$3::pg_catalog.int4), "
    "pg_catalog.lo_lseek64(d.fd, 0, 2), pg_catalog.lo_close(d.fd) "
    "FROM (SELECT pg_catalog.lo_open($1::pg_catalog.oid, 262144) AS fd OFFSET "
    "0) d";
const char catalog_lo_put_sql[] =
    "SELECT pg_catalog.lo_put($1::pg_catalog.oid, $2::pg_catalog.int8, "
    "$3::pg_catalog.bytea)";

int catalog_append_fetch_all(struct buf *sql, const char *name, size_t name_length)
{
    static const char prefix[] = "FETCH ALL FROM \"";
    if (memchr(name, '\0', name_length) != NULL)
        return -1;
    if (buf_append(sql, prefix, sizeof prefix - 1) != 0)
        return -1;
    for (size_t i = 0; i < name_length; i++) {
        if (name[i] == '"' && buf_append_u8(sql, '"') != 0)
            return -1;
        if (buf_append_u8(sql, (uint8_t)name[i]) != 0)
            return -1;
    }
    return buf_append_u8(sql, '"');
}
