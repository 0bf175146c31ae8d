// The SQL the driver writes for refcursors (FETCH ALL FROM a quoted
// cursor name) and large objects (lo_create, lo_get, lo_put with every
// value a typed parameter): exact text.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "catalog/lob_queries.h"
}

namespace {

std::string FetchAll(const std::string &name, int *status = nullptr)
{
    struct buf sql;
    buf_init(&sql, 1024);
    int result = catalog_append_fetch_all(&sql, name.data(), name.size());
    if (status != nullptr)
        *status = result;
    std::string text(reinterpret_cast<const char *>(sql.data), sql.length);
    buf_reset(&sql);
    return text;
}

TEST(LobQueries, FetchAllQuotesThePlainCursorName)
{
    EXPECT_EQ(FetchAll("<unnamed portal 1>"), "FETCH ALL FROM \"<unnamed portal 1>\"");
    EXPECT_EQ(FetchAll("Orders"), "FETCH ALL FROM \"Orders\"");
}

TEST(LobQueries, FetchAllDoublesEmbeddedQuotesSoTheNameStaysOneIdentifier)
{
    EXPECT_EQ(FetchAll("a\"; DROP TABLE t; --"),
              "FETCH ALL FROM \"a\"\"; DROP TABLE t; --\"");
}

TEST(LobQueries, FetchAllRefusesANameHoldingANulByte)
{
    int status = 0;
    FetchAll(std::string("a\0b", 3), &status);
    EXPECT_EQ(status, -1);
}

TEST(LobQueries, FetchAllFailsCleanlyWhenTheBufferIsFull)
{
    struct buf sql;
    buf_init(&sql, 20);
    EXPECT_EQ(catalog_append_fetch_all(&sql, "a_rather_long_cursor_name", 25), -1);
    buf_reset(&sql);
}

TEST(LobQueries, LargeObjectFunctionsTakeTypedParameters)
{
    EXPECT_STREQ(catalog_lo_create_sql, "SELECT pg_catalog.lo_create(0)");
    EXPECT_STREQ(catalog_lo_read_sql,
                 "SELECT pg_catalog.lo_get($1::pg_catalog.oid, $2::pg_catalog.int8, "
                 "$3::pg_catalog.int4), pg_catalog.lo_lseek64(d.fd, 0, 2), "
                 "pg_catalog.lo_close(d.fd) FROM (SELECT "
                 "pg_catalog.lo_open($1::pg_catalog.oid, 262144) AS fd OFFSET 0) d");
    EXPECT_STREQ(catalog_lo_put_sql, "SELECT pg_catalog.lo_put($1::pg_catalog.oid, "
                                     "$2::pg_catalog.int8, $3::pg_catalog.bytea)");
}

} // namespace
