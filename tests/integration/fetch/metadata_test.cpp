// Column metadata through the driver manager: SQLDescribeCol and
// SQLColAttribute for each built-in type, NOT NULL and base names from the
// catalogs for table columns, domains described as their base type, and
// type names for types the driver's table does not know.
#include "fetch/fetch_test.h"

namespace pgo_test {
namespace {

class MetadataTest : public FetchTest {
protected:
    struct Described {
        std::string name;
        SQLSMALLINT type = 0;
        SQLULEN size = 0;
        SQLSMALLINT digits = 0;
        SQLSMALLINT nullable = -1;
    };
    Described describe(SQLUSMALLINT column) {
        Described out;
        SQLCHAR name[128];
        SQLSMALLINT name_length = 0;
        SQLRETURN rc = SQLDescribeCol(h(), column, name, sizeof name, &name_length, &out.type,
                                      &out.size, &out.digits, &out.nullable);
        EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(stmt->diags());
        out.name = reinterpret_cast<char *>(name);
        return out;
    }
    std::string text_attribute(SQLUSMALLINT column, SQLUSMALLINT field) {
        char value[256] = {0};
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLColAttribute(h(), column, field, value, sizeof value, &length, nullptr);
        EXPECT_EQ(rc, SQL_SUCCESS) << field << format_diags(stmt->diags());
        return value;
    }
    SQLLEN number_attribute(SQLUSMALLINT column, SQLUSMALLINT field) {
        SQLLEN value = -12345;
        SQLRETURN rc = SQLColAttribute(h(), column, field, nullptr, 0, nullptr, &value);
        EXPECT_EQ(rc, SQL_SUCCESS) << field << format_diags(stmt->diags());
        return value;
    }
};

TEST_F(MetadataTest, EachBuiltInTypeDescribesItself) {
    ASSERT_OK(exec("SELECT 1::int2 AS a, 2::int4 AS b, 3::int8 AS c, 1.5::float4 AS d, "
                   "2.5::float8 AS e, 12.34::numeric(10,2) AS f, 'x'::varchar(20) AS g, "
                   "'y'::char(3) AS h, 'z'::text AS i, true AS j, '\\x00'::bytea AS k, "
                   "DATE '2024-01-01' AS l, TIME '10:00' AS m, "
                   "TIMESTAMP '2024-01-01 10:00:00' AS n, "
                   "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS o"),
              stmt->diags());
    struct Expect {
        SQLUSMALLINT column;
        SQLSMALLINT type;
        SQLULEN size;
        SQLSMALLINT digits;
        const char *type_name;
    } expects[] = {
        {1, SQL_SMALLINT, 5, 0, "int2"},       {2, SQL_INTEGER, 10, 0, "int4"},
        {3, SQL_BIGINT, 19, 0, "int8"},        {4, SQL_REAL, 7, 0, "float4"},
        {5, SQL_DOUBLE, 15, 0, "float8"},      {6, SQL_NUMERIC, 10, 2, "numeric"},
        {7, SQL_VARCHAR, 20, 0, "varchar"},    {8, SQL_CHAR, 3, 0, "bpchar"},
        {10, SQL_BIT, 1, 0, "bool"},           {12, SQL_TYPE_DATE, 10, 0, "date"},
        {15, SQL_GUID, 36, 0, "uuid"},
    };
    for (const Expect &e : expects) {
        Described d = describe(e.column);
        EXPECT_EQ(d.type, e.type) << "column " << e.column;
        EXPECT_EQ(d.size, e.size) << "column " << e.column;
        EXPECT_EQ(d.digits, e.digits) << "column " << e.column;
        EXPECT_EQ(d.nullable, SQL_NULLABLE_UNKNOWN) << "column " << e.column;
        EXPECT_EQ(text_attribute(e.column, SQL_DESC_TYPE_NAME), e.type_name);
        EXPECT_EQ(number_attribute(e.column, SQL_DESC_CONCISE_TYPE), e.type);
    }
    EXPECT_EQ(describe(11).type, SQL_LONGVARBINARY);
    EXPECT_EQ(describe(14).type, SQL_TYPE_TIMESTAMP);
    EXPECT_EQ(number_attribute(14, SQL_DESC_TYPE), SQL_DATETIME);
    EXPECT_EQ(number_attribute(14, SQL_DESC_DATETIME_INTERVAL_CODE), SQL_CODE_TIMESTAMP);
    EXPECT_EQ(number_attribute(2, SQL_DESC_OCTET_LENGTH), 4);
    EXPECT_EQ(number_attribute(2, SQL_DESC_DISPLAY_SIZE), 11);
    EXPECT_EQ(number_attribute(2, SQL_DESC_NUM_PREC_RADIX), 10);
    EXPECT_EQ(number_attribute(2, SQL_DESC_UNSIGNED), SQL_FALSE);
    EXPECT_EQ(number_attribute(7, SQL_DESC_CASE_SENSITIVE), SQL_TRUE);
    EXPECT_EQ(number_attribute(7, SQL_DESC_LENGTH), 20);
    EXPECT_EQ(number_attribute(6, SQL_DESC_PRECISION), 10);
    EXPECT_EQ(number_attribute(6, SQL_DESC_SCALE), 2);
    EXPECT_EQ(number_attribute(6, SQL_DESC_FIXED_PREC_SCALE), SQL_FALSE);
    EXPECT_EQ(number_attribute(1, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_FALSE);
    EXPECT_EQ(number_attribute(1, SQL_DESC_UPDATABLE), SQL_ATTR_READWRITE_UNKNOWN);
    EXPECT_EQ(number_attribute(9, SQL_DESC_SEARCHABLE), SQL_PRED_SEARCHABLE);
    EXPECT_EQ(number_attribute(1, SQL_DESC_UNNAMED), SQL_NAMED);
    EXPECT_EQ(text_attribute(7, SQL_DESC_LITERAL_PREFIX), "'");
    EXPECT_EQ(text_attribute(7, SQL_DESC_LITERAL_SUFFIX), "'");
    EXPECT_EQ(text_attribute(2, SQL_DESC_LITERAL_PREFIX), "");
    EXPECT_EQ(text_attribute(3, SQL_DESC_LABEL), "c");
    EXPECT_EQ(text_attribute(3, SQL_DESC_BASE_TABLE_NAME), "");
    EXPECT_EQ(number_attribute(1, SQL_DESC_COUNT), 15);
}

TEST_F(MetadataTest, TableColumnsReportNotNullAndBaseNames) {
    run("DROP TABLE IF EXISTS fetch_meta");
    run("CREATE TABLE fetch_meta (id int NOT NULL, label text)");
    run("INSERT INTO fetch_meta VALUES (1, 'one')");
    ASSERT_OK(exec("SELECT id AS ident, label, 1 AS computed FROM fetch_meta"), stmt->diags());
    EXPECT_EQ(describe(1).nullable, SQL_NO_NULLS);
    EXPECT_EQ(describe(2).nullable, SQL_NULLABLE);
    EXPECT_EQ(describe(3).nullable, SQL_NULLABLE_UNKNOWN);
    EXPECT_EQ(text_attribute(1, SQL_DESC_NAME), "ident");
    EXPECT_EQ(text_attribute(1, SQL_DESC_BASE_COLUMN_NAME), "id");
    EXPECT_EQ(text_attribute(1, SQL_DESC_BASE_TABLE_NAME), "fetch_meta");
    EXPECT_EQ(text_attribute(1, SQL_DESC_TABLE_NAME), "fetch_meta");
    EXPECT_EQ(text_attribute(1, SQL_DESC_SCHEMA_NAME), "public");
    EXPECT_EQ(text_attribute(3, SQL_DESC_BASE_COLUMN_NAME), "");
    EXPECT_EQ(number_attribute(1, SQL_DESC_NULLABLE), SQL_NO_NULLS);
    // The row is still there after the catalog queries.
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_of(2), "one");
    EXPECT_EQ(SQLFetch(h()), SQL_NO_DATA);
    run("DROP TABLE fetch_meta");
}

TEST_F(MetadataTest, IdentityAndSerialColumnsAreAutoUniqueValues) {
    run("DROP TABLE IF EXISTS fetch_meta_auto");
    run("CREATE TABLE fetch_meta_auto (id serial, ident int GENERATED ALWAYS AS IDENTITY, "
        "n int DEFAULT 7, m bigint DEFAULT nextval('fetch_meta_auto_id_seq'))");
    ASSERT_OK(exec("SELECT id, ident, n, m, 1 AS computed FROM fetch_meta_auto"), stmt->diags());
    EXPECT_EQ(number_attribute(1, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_TRUE);
    EXPECT_EQ(number_attribute(2, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_TRUE);
    EXPECT_EQ(number_attribute(3, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_FALSE);
    EXPECT_EQ(number_attribute(4, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_TRUE);
    EXPECT_EQ(number_attribute(5, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_FALSE);
    ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), stmt->diags());
    run("DROP TABLE fetch_meta_auto");
}

TEST_F(MetadataTest, MetadataLookupMidStreamKeepsEveryRow) {
    run("DROP TABLE IF EXISTS fetch_meta_stream");
    run("CREATE TABLE fetch_meta_stream AS SELECT g AS n FROM generate_series(1, 3000) g");
    ASSERT_OK(exec("SELECT n FROM fetch_meta_stream ORDER BY n"), stmt->diags());
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    EXPECT_EQ(text_attribute(1, SQL_DESC_BASE_TABLE_NAME), "fetch_meta_stream");
    // The current row was buffered with the rest, and is still readable.
    SQLINTEGER first = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_SLONG, &first, 0, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(first, 1);
    long count = 1;
    while (SQLFetch(h()) == SQL_SUCCESS) {
        ++count;
    }
    EXPECT_EQ(count, 3000);
    run("DROP TABLE fetch_meta_stream");
}

// A result larger than the 1 MB the driver buffers for a nullability
// look-up keeps streaming: the first time the table is seen its columns'
// nullability is unknown for that result, every row still arrives in
// order, and once a small result has filled the connection's cache the
// same large query is answered exactly while it streams.
TEST_F(MetadataTest, LargeResultKeepsStreamingWhileNullabilityIsAskedFirst) {
    run("DROP TABLE IF EXISTS fetch_meta_large");
    run("CREATE TABLE fetch_meta_large (n int NOT NULL, pad text)");
    run("INSERT INTO fetch_meta_large SELECT g, repeat('x', 100) FROM generate_series(1, 60000) g");
    const char *query = "SELECT n, pad FROM fetch_meta_large ORDER BY n";
    auto read_all_in_order = [&]() {
        long expected = 1;
        SQLRETURN rc;
        while ((rc = SQLFetch(h())) == SQL_SUCCESS) {
            SQLINTEGER n = 0;
            SQLLEN indicator = 0;
            EXPECT_EQ(SQLGetData(h(), 1, SQL_C_SLONG, &n, 0, &indicator), SQL_SUCCESS);
            if (n != expected) {
                ADD_FAILURE() << "row " << expected << " read as " << n;
                break;
            }
            ++expected;
        }
        EXPECT_EQ(rc, SQL_NO_DATA) << format_diags(stmt->diags());
        return expected - 1;
    };
    ASSERT_OK(exec(query), stmt->diags());
    EXPECT_EQ(describe(1).nullable, SQL_NULLABLE_UNKNOWN);
    EXPECT_EQ(text_attribute(1, SQL_DESC_BASE_TABLE_NAME), "");
    // Another statement takes the connection half way: the rest of this
    // result is buffered after the rows already streamed past.
    for (int i = 0; i < 30000; ++i)
        ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    {
        Statement other(connection->get());
        ASSERT_OK(exec_on(other.get(), "SELECT 7"), other.diags());
    }
    long expected = 30001;
    while (SQLFetch(h()) == SQL_SUCCESS) {
        SQLINTEGER n = 0;
        SQLLEN indicator = 0;
        ASSERT_EQ(SQLGetData(h(), 1, SQL_C_SLONG, &n, 0, &indicator), SQL_SUCCESS);
        ASSERT_EQ(n, expected);
        ++expected;
    }
    EXPECT_EQ(expected, 60001);
    ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), stmt->diags());

    // A small result of the same table fills the connection's cache.
    ASSERT_OK(exec("SELECT n, pad FROM fetch_meta_large WHERE n = 1"), stmt->diags());
    EXPECT_EQ(describe(1).nullable, SQL_NO_NULLS);
    EXPECT_EQ(describe(2).nullable, SQL_NULLABLE);
    ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), stmt->diags());

    ASSERT_OK(exec(query), stmt->diags());
    EXPECT_EQ(describe(1).nullable, SQL_NO_NULLS);
    EXPECT_EQ(text_attribute(1, SQL_DESC_BASE_TABLE_NAME), "fetch_meta_large");
    EXPECT_EQ(read_all_in_order(), 60000);
    ASSERT_OK(SQLFreeStmt(h(), SQL_CLOSE), stmt->diags());
    run("DROP TABLE fetch_meta_large");
}

TEST_F(MetadataTest, DomainDescribesAsItsBaseTypeAndUnknownTypesByName) {
    run("DROP DOMAIN IF EXISTS fetch_positive");
    run("DROP TYPE IF EXISTS fetch_mood");
    run("CREATE DOMAIN fetch_positive AS numeric(8,3) CHECK (VALUE > 0)");
    run("CREATE TYPE fetch_mood AS ENUM ('sad', 'happy')");
    ASSERT_OK(exec("SELECT 4.5::fetch_positive, 'happy'::fetch_mood, '{1,2}'::int4[]"),
              stmt->diags());
    Described domain = describe(1);
    EXPECT_EQ(domain.type, SQL_NUMERIC);
    EXPECT_EQ(domain.size, 8u);
    EXPECT_EQ(domain.digits, 3);
    EXPECT_EQ(text_attribute(1, SQL_DESC_TYPE_NAME), "numeric");
    EXPECT_EQ(describe(2).type, SQL_VARCHAR);
    EXPECT_EQ(text_attribute(2, SQL_DESC_TYPE_NAME), "fetch_mood");
    EXPECT_EQ(text_attribute(3, SQL_DESC_TYPE_NAME), "_int4");
    ASSERT_EQ(SQLFetch(h()), SQL_SUCCESS);
    SQLDOUBLE value = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(h(), 1, SQL_C_DOUBLE, &value, 0, &indicator), SQL_SUCCESS)
        << format_diags(stmt->diags());
    EXPECT_EQ(value, 4.5);
    EXPECT_EQ(text_of(2), "happy");
    EXPECT_EQ(text_of(3), "{1,2}");
    SQLFreeStmt(h(), SQL_CLOSE);
    run("DROP DOMAIN fetch_positive");
    run("DROP TYPE fetch_mood");
}

TEST_F(MetadataTest, BadColumnNumberIs07009) {
    ASSERT_OK(exec("SELECT 1"), stmt->diags());
    SQLSMALLINT type = 0;
    EXPECT_EQ(SQLDescribeCol(h(), 2, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr),
              SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "07009", {});
    SQLLEN value = 0;
    EXPECT_EQ(SQLColAttribute(h(), 1, 9999, nullptr, 0, nullptr, &value), SQL_ERROR);
    EXPECT_DIAG(stmt->diags(), "HY091", {});
}

} // namespace
} // namespace pgo_test
