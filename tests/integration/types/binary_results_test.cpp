// Results of a repeated SQLExecDirect: the first execution of a text reads
// text results; the statement cache then remembers the result types and
// later executions ask for binary results for the types the driver decodes
// (README, "Prepared statements"). Every value read through SQLGetData into
// every C type that applies must be the same either way: the same return
// code, indicator, bytes written and SQLSTATEs, for every type family,
// NULLs and extremes included. StatementCache=0 (the unnamed statement,
// always text) must read the same too, and a cached text whose result type
// changes (ALTER TABLE) reports 0A000 once and then reads the new type.
#include "odbc_test.h"

#include <cstring>
#include <sstream>

namespace pgo_test {
namespace {

// One SELECT per type family; each is executed several times.
const char *const kFamilySelects[] = {
    "SELECT 42::int2, (-32768)::int2, 2147483647::int4, (-9223372036854775807 - 1)::int8, "
    "4294967295::oid, 0::int4, NULL::int4, 70000::int4",
    "SELECT true, false, NULL::bool",
    "SELECT 0.1::float8, 1e300::float8, -2.5::float8, 'NaN'::float8, 'Infinity'::float8, "
    "'-Infinity'::float8, '-0'::float8, 5e-324::float8, 1.5::float4, 3.4e38::float4, "
    "0.1::float4, 123456789.125::float8, NULL::float8",
    "SELECT 12345.678::numeric(10,3), -0.05::numeric, 'NaN'::numeric, "
    "99999999999999999999::numeric, 1234.56::numeric(12,2), 0::numeric, 0.000001::numeric, "
    "-1e-20::numeric, 1e30::numeric, 'Infinity'::numeric, 100::numeric(10,0), NULL::numeric",
    "SELECT 12.34::money, '-0.01'::money",
    "SELECT 'héllo wörld'::text, ''::text, 'abc'::varchar(10), 'ab'::char(5), 'x'::\"char\", "
    "'pg_class'::name, repeat('z', 300)::text, ' 42 '::text, '2024-01-02'::text, NULL::text",
    "SELECT '\\x00ff10'::bytea, ''::bytea, decode(repeat('ab', 200), 'hex'), NULL::bytea",
    "SELECT '2024-02-29'::date, '0001-01-01'::date, '4713-01-01 BC'::date, 'infinity'::date, "
    "'-infinity'::date, '5874897-12-31'::date, NULL::date",
    "SELECT '13:45:10.123456'::time, '00:00:00'::time, '24:00:00'::time, '23:59:59.5'::time(1), "
    "'13:45:10+02'::timetz",
    "SELECT '2024-02-29 13:45:10.123456'::timestamp, '2000-01-01 00:00:00'::timestamp, "
    "'1999-12-31 23:59:59.999999'::timestamp, '0044-03-15 12:00:00 BC'::timestamp, "
    "'infinity'::timestamp, '-infinity'::timestamp, '294276-12-31 23:59:59'::timestamp, "
    "'2024-06-01 12:00:00.5'::timestamp(1), '2024-02-29 13:45:10+05'::timestamptz, "
    "NULL::timestamp",
    "SELECT '1 year 2 mons'::interval, '3 days 04:05:06.789'::interval, '-1 day'::interval, "
    "'-00:00:01.5'::interval, '1 year -2 days +03:00'::interval, "
    "'178000000 years'::interval, '0'::interval, '2 hours 30 minutes'::interval, "
    "NULL::interval",
    "SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, "
    "'00000000-0000-0000-0000-000000000000'::uuid, NULL::uuid",
    "SELECT '{\"a\": [1, 2.5, \"x\"]}'::json, '{\"b\": 1, \"a\": \"é\"}'::jsonb, "
    "'[]'::jsonb, NULL::jsonb",
    "SELECT '192.168.0.1/24'::inet, point(1.5, 2), ARRAY[1,2,3], '(1,2)'::int4range, "
    "'a b'::tsvector, B'1010'::bit(4), NULL::inet",
};

// Every C type SQLGetData is tried with, on every column.
struct TargetType {
    SQLSMALLINT c_type;
    SQLLEN buffer_length;
};
const TargetType kTargets[] = {
    {SQL_C_CHAR, 512},
    {SQL_C_WCHAR, 1024},
    {SQL_C_CHAR, 5}, // in pieces: every piece is recorded
    {SQL_C_BINARY, 512},
    {SQL_C_DEFAULT, 512},
    {SQL_C_BIT, 1},
    {SQL_C_STINYINT, 1},
    {SQL_C_SSHORT, 2},
    {SQL_C_SLONG, 4},
    {SQL_C_ULONG, 4},
    {SQL_C_SBIGINT, 8},
    {SQL_C_FLOAT, 4},
    {SQL_C_DOUBLE, 8},
    {SQL_C_NUMERIC, sizeof(SQL_NUMERIC_STRUCT)},
    {SQL_C_TYPE_DATE, sizeof(SQL_DATE_STRUCT)},
    {SQL_C_TYPE_TIME, sizeof(SQL_TIME_STRUCT)},
    {SQL_C_TYPE_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT)},
    {SQL_C_GUID, sizeof(SQLGUID)},
    {SQL_C_INTERVAL_YEAR_TO_MONTH, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_DAY_TO_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_BINARY, 3}, // in pieces
};

class BinaryResultsTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        cached = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(cached);
        uncached = driver_connect(tcp_string("pgo_trust") + "StatementCache=0;");
        ASSERT_CONNECTED(uncached);
    }
    void TearDown() override {
        cached.reset();
        uncached.reset();
    }

    // One line per SQLGetData call: return code, indicator, the whole
    // buffer (filled with a pattern first) and the diagnostics.
    static void record_call(std::ostringstream &out, SQLHSTMT stmt, SQLUSMALLINT column,
                            const TargetType &target) {
        std::vector<unsigned char> buffer(static_cast<size_t>(target.buffer_length) + 8, 0xA5);
        SQLLEN indicator = -12345;
        SQLRETURN rc = SQLGetData(stmt, column, target.c_type, buffer.data(),
                                  target.buffer_length, &indicator);
        out << "col " << column << " ctype " << target.c_type << "/" << target.buffer_length
            << " rc " << rc;
        if (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
            out << " ind " << indicator << " bytes";
            for (unsigned char byte : buffer) {
                out << ' ' << static_cast<int>(byte);
            }
        }
        // The SQLSTATEs; not the messages, which name the value as the
        // server sent it (text) or by type and size (binary).
        for (const Diag &diag : collect_diags(SQL_HANDLE_STMT, stmt)) {
            out << " [" << diag.state << "]";
        }
        out << '\n';
    }

    // Executes sql on a fresh statement of connection and reads every
    // column of every row as every target type (pieces until SQL_NO_DATA).
    // Execution errors are part of the transcript.
    static std::string transcript(const Connection &connection, const std::string &sql) {
        Statement stmt(connection.get());
        std::ostringstream out;
        SQLRETURN rc = SQLExecDirect(
            stmt.get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS);
        if (!succeeded(rc)) {
            out << "execute rc " << rc << format_diags(stmt.diags());
            return out.str();
        }
        SQLSMALLINT column_count = 0;
        EXPECT_TRUE(succeeded(SQLNumResultCols(stmt.get(), &column_count)));
        while ((rc = SQLFetch(stmt.get())) != SQL_NO_DATA) {
            if (!succeeded(rc)) {
                out << "fetch rc " << rc << format_diags(stmt.diags());
                break;
            }
            out << "row\n";
            for (SQLUSMALLINT column = 1; column <= column_count; ++column) {
                for (const TargetType &target : kTargets) {
                    // A column read to its end answers SQL_NO_DATA in any C
                    // type until another column is read: read one, unrecorded.
                    if (column_count > 1) {
                        char scratch[8];
                        SQLLEN ignored = 0;
                        SQLUSMALLINT other = column == 1 ? 2 : 1;
                        (void)SQLGetData(stmt.get(), other, SQL_C_CHAR, scratch, sizeof scratch,
                                         &ignored);
                    }
                    bool is_pieces = (target.c_type == SQL_C_CHAR || target.c_type == SQL_C_BINARY) &&
                                     target.buffer_length < 8;
                    int calls = is_pieces ? 200 : 1;
                    for (int call = 0; call < calls; ++call) {
                        record_call(out, stmt.get(), column, target);
                    }
                }
            }
        }
        return out.str();
    }

    std::string run_sql(const Connection &connection, const std::string &sql) {
        Statement stmt(connection.get());
        SQLRETURN rc = SQLExecDirect(
            stmt.get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS);
        return succeeded(rc) ? "ok" : "rc " + std::to_string(rc) + format_diags(stmt.diags());
    }

    std::unique_ptr<Connection> cached;
    std::unique_ptr<Connection> uncached;
};

TEST_F(BinaryResultsTest, RepeatedExecDirectReadsEveryFamilyAsTheFirstExecutionDid) {
    for (const char *sql : kFamilySelects) {
        std::string first = transcript(*cached, sql);
        ASSERT_EQ(first.find("execute rc"), std::string::npos) << sql << "\n" << first;
        ASSERT_NE(first.find("row\n"), std::string::npos) << sql;
        std::string second = transcript(*cached, sql);
        std::string third = transcript(*cached, sql);
        EXPECT_EQ(second, first) << sql;
        EXPECT_EQ(third, first) << sql;
    }
}

TEST_F(BinaryResultsTest, WithoutStatementCacheEveryFamilyReadsTheSameAsCachedExecutions) {
    for (const char *sql : kFamilySelects) {
        std::string warm = transcript(*cached, sql);
        std::string cached_again = transcript(*cached, sql);
        std::string unnamed_first = transcript(*uncached, sql);
        std::string unnamed_second = transcript(*uncached, sql);
        ASSERT_NE(unnamed_first.find("row\n"), std::string::npos) << sql << "\n" << unnamed_first;
        EXPECT_EQ(unnamed_first, cached_again) << sql;
        EXPECT_EQ(unnamed_second, cached_again) << sql;
        EXPECT_EQ(warm, cached_again) << sql;
    }
}

TEST_F(BinaryResultsTest, RepeatedExecDirectWithParametersReadsTheSameValues) {
    const std::string sql = "SELECT ?::int4 * 2, ?::float8 / 3, now()::date - ?::int4";
    std::string transcripts[3];
    for (std::string &result : transcripts) {
        Statement stmt(cached->get());
        SQLINTEGER number = 21;
        SQLDOUBLE real = 1.0;
        SQLINTEGER days = 0;
        SQLLEN indicator = 0;
        ASSERT_TRUE(succeeded(SQLBindParameter(stmt.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG,
                                               SQL_INTEGER, 0, 0, &number, 0, &indicator)));
        ASSERT_TRUE(succeeded(SQLBindParameter(stmt.get(), 2, SQL_PARAM_INPUT, SQL_C_DOUBLE,
                                               SQL_DOUBLE, 0, 0, &real, 0, &indicator)));
        ASSERT_TRUE(succeeded(SQLBindParameter(stmt.get(), 3, SQL_PARAM_INPUT, SQL_C_SLONG,
                                               SQL_INTEGER, 0, 0, &days, 0, &indicator)));
        ASSERT_TRUE(succeeded(SQLExecDirect(
            stmt.get(), reinterpret_cast<SQLCHAR *>(const_cast<char *>(sql.c_str())), SQL_NTS)))
            << format_diags(stmt.diags());
        ASSERT_EQ(SQLFetch(stmt.get()), SQL_SUCCESS) << format_diags(stmt.diags());
        std::ostringstream out;
        for (SQLUSMALLINT column = 1; column <= 3; ++column) {
            record_call(out, stmt.get(), column, {SQL_C_CHAR, 64});
            record_call(out, stmt.get(), column, {SQL_C_DEFAULT, 64});
        }
        result = out.str();
    }
    EXPECT_NE(transcripts[0].find(" rc 0 ind 2 bytes 52 50 0"), std::string::npos)
        << transcripts[0];
    EXPECT_EQ(transcripts[1], transcripts[0]);
    EXPECT_EQ(transcripts[2], transcripts[0]);
}

TEST_F(BinaryResultsTest, CachedTextWhoseResultTypeChangesFailsOnceThenReadsTheNewType) {
    ASSERT_EQ(run_sql(*uncached, "DROP TABLE IF EXISTS binary_results_alter"), "ok");
    ASSERT_EQ(run_sql(*uncached, "CREATE TABLE binary_results_alter (v int4, pad int4)"), "ok");
    ASSERT_EQ(run_sql(*uncached, "INSERT INTO binary_results_alter VALUES (7, 0)"), "ok");
    const std::string sql = "SELECT * FROM binary_results_alter";
    std::string text_int = transcript(*cached, sql);
    EXPECT_NE(text_int.find("col 1 ctype 1/512 rc 0 ind 1 bytes 55 0"), std::string::npos)
        << text_int;
    EXPECT_EQ(transcript(*cached, sql), text_int);
    ASSERT_EQ(run_sql(*uncached, "ALTER TABLE binary_results_alter ALTER COLUMN v TYPE float8"),
              "ok");
    std::string changed = transcript(*cached, sql);
    EXPECT_NE(changed.find("execute rc -1"), std::string::npos) << changed;
    EXPECT_NE(changed.find("0A000"), std::string::npos) << changed;
    std::string text_float = transcript(*cached, sql);
    EXPECT_NE(text_float.find("col 1 ctype 1/512 rc 0 ind 1 bytes 55 0"), std::string::npos)
        << text_float;
    EXPECT_NE(text_float, text_int); // the default C type is SQL_C_DOUBLE now
    EXPECT_EQ(transcript(*cached, sql), text_float);
    EXPECT_EQ(transcript(*uncached, sql), text_float);
    ASSERT_EQ(run_sql(*uncached, "DROP TABLE binary_results_alter"), "ok");
}

} // namespace
} // namespace pgo_test
