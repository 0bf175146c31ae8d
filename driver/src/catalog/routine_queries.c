/* The routine-kind query (see routine_queries.h). The name travels as a
 * string constant that parse_ident() splits the way the server's parser
 * would (folding unquoted parts to lower case), so "MyProc", myproc and
 * sales.myproc all mean what they mean in SQL. Only names made of
 * printable characters without quotes or backslashes are written: a
 * constant that depends on standard_conforming_strings is never built.
 * pg_temp.name means the session's own temporary schema. */
#include "catalog/routine_queries.h"

static bool is_safe_in_constant(const char *name, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\')
            return false;
    }
    return length > 0;
}

int catalog_append_routine_kind_query(struct buf *sql, const char *name, size_t name_length)
{
    if (!is_safe_in_constant(name, name_length))
        return -1;
    static const char head[] =
        "SELECT count(*) FILTER (WHERE p.prokind = 'p'), count(*) FILTER (WHERE p.prokind <> "
        "'p') FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = "
        "p.pronamespace, (SELECT pg_catalog.parse_ident('";
    static const char tail[] =
        "') AS parts) i WHERE p.proname = i.parts[pg_catalog.array_length(i.parts, 1)] AND "
        "CASE pg_catalog.array_length(i.parts, 1) WHEN 1 THEN "
        "pg_catalog.pg_function_is_visible(p.oid) ELSE n.nspname = "
        "i.parts[pg_catalog.array_length(i.parts, 1) - 1] OR (i.parts[pg_catalog.array_length("
        "i.parts, 1) - 1] = 'pg_temp' AND n.oid = pg_catalog.pg_my_temp_schema()) END";
    if (buf_append(sql, head, sizeof head - 1) != 0 || buf_append(sql, name, name_length) != 0 ||
        buf_append(sql, tail, sizeof tail - 1) != 0)
        return -1;
    return 0;
}
