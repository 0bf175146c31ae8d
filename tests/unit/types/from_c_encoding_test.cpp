// The typing rule (OID and format per SQL type), the pairings the appendix
// allows, the default C types, and the checks of the C and SQL types.
#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

struct Expected {
    SQLSMALLINT sql_type;
    uint32_t oid;
    int16_t format;
};

struct types_param_encoding EncodingOf(SQLSMALLINT c_type, SQLSMALLINT sql_type, int *rc,
                                std::string *state)
{
    struct types_param_encoding encoding{};
    struct error error;
    error_init(&error);
    *rc = types_param_encoding(c_type, sql_type, &encoding, &error);
    *state = error.sqlstate;
    return encoding;
}

TEST(FromCEncoding, EachSqlTypeNamesItsPostgresTypeAndFormat)
{
    const Expected table[] = {
        {SQL_CHAR, 0, 0},
        {SQL_VARCHAR, 0, 0},
        {SQL_LONGVARCHAR, 0, 0},
        {SQL_WCHAR, 0, 0},
        {SQL_WVARCHAR, 0, 0},
        {SQL_WLONGVARCHAR, 0, 0},
        {SQL_UNKNOWN_TYPE, 0, 0},
        {SQL_DECIMAL, TYPES_OID_NUMERIC, 0},
        {SQL_NUMERIC, TYPES_OID_NUMERIC, 0},
        {SQL_BIT, TYPES_OID_BOOL, 1},
        {SQL_TINYINT, TYPES_OID_INT2, 1},
        {SQL_SMALLINT, TYPES_OID_INT2, 1},
        {SQL_INTEGER, TYPES_OID_INT4, 1},
        {SQL_BIGINT, TYPES_OID_INT8, 1},
        {SQL_REAL, TYPES_OID_FLOAT4, 1},
        {SQL_FLOAT, TYPES_OID_FLOAT8, 1},
        {SQL_DOUBLE, TYPES_OID_FLOAT8, 1},
        {SQL_BINARY, TYPES_OID_BYTEA, 1},
        {SQL_VARBINARY, TYPES_OID_BYTEA, 1},
        {SQL_LONGVARBINARY, TYPES_OID_BYTEA, 1},
        {SQL_TYPE_DATE, TYPES_OID_DATE, 0},
        {SQL_TYPE_TIME, TYPES_OID_TIME, 0},
        {SQL_TYPE_TIMESTAMP, TYPES_OID_TIMESTAMP, 0},
        {SQL_DATE, TYPES_OID_DATE, 0},
        {SQL_TIME, TYPES_OID_TIME, 0},
        {SQL_TIMESTAMP, TYPES_OID_TIMESTAMP, 0},
        {SQL_GUID, TYPES_OID_UUID, 1},
    };
    for (const Expected &row : table) {
        int rc;
        std::string state;
        struct types_param_encoding encoding = EncodingOf(SQL_C_CHAR, row.sql_type, &rc, &state);
        ASSERT_EQ(0, rc) << "SQL type " << row.sql_type << " " << state;
        EXPECT_EQ(row.oid, encoding.type_oid) << "SQL type " << row.sql_type;
        EXPECT_EQ(row.format, encoding.format_code) << "SQL type " << row.sql_type;
    }
    for (SQLSMALLINT sql_type = SQL_INTERVAL_YEAR; sql_type <= SQL_INTERVAL_MINUTE_TO_SECOND;
         sql_type++) {
        int rc;
        std::string state;
        struct types_param_encoding encoding = EncodingOf(SQL_C_CHAR, sql_type, &rc, &state);
        ASSERT_EQ(0, rc) << "SQL type " << sql_type;
        EXPECT_EQ(TYPES_OID_INTERVAL, encoding.type_oid);
        EXPECT_EQ(0, encoding.format_code);
    }
}

TEST(FromCEncoding, UnknownCTypeIsHY003AndUnknownSqlTypeIsHY004)
{
    int rc;
    std::string state;
    EncodingOf(SQL_C_DEFAULT, SQL_INTEGER, &rc, &state);
    EXPECT_EQ(-1, rc);
    EXPECT_EQ("HY003", state);
    EncodingOf(12345, SQL_INTEGER, &rc, &state);
    EXPECT_EQ("HY003", state);
    EncodingOf(SQL_C_SLONG, 12345, &rc, &state);
    EXPECT_EQ(-1, rc);
    EXPECT_EQ("HY004", state);
    EncodingOf(SQL_C_SLONG, -150, &rc, &state);  // another driver's own type
    EXPECT_EQ("HY004", state);
    EXPECT_FALSE(types_is_param_c_type(SQL_C_DEFAULT));
    EXPECT_TRUE(types_is_param_c_type(SQL_C_DATE));
    EXPECT_TRUE(types_is_param_c_type(SQL_C_INTERVAL_MINUTE_TO_SECOND));
    EXPECT_TRUE(types_is_param_sql_type(SQL_UNKNOWN_TYPE));
    EXPECT_FALSE(types_is_param_sql_type(-150));
}

TEST(FromCEncoding, PairingsTheAppendixDoesNotListAre07006)
{
    const SQLSMALLINT refused[][2] = {
        {SQL_C_TYPE_DATE, SQL_INTEGER},
        {SQL_C_TYPE_DATE, SQL_TYPE_TIME},
        {SQL_C_TYPE_TIME, SQL_TYPE_DATE},
        {SQL_C_GUID, SQL_INTEGER},
        {SQL_C_GUID, SQL_BINARY},
        {SQL_C_BIT, SQL_TYPE_DATE},
        {SQL_C_BIT, SQL_INTERVAL_DAY},
        {SQL_C_SLONG, SQL_TYPE_DATE},
        {SQL_C_SLONG, SQL_BINARY},
        {SQL_C_SLONG, SQL_GUID},
        {SQL_C_SLONG, SQL_INTERVAL_DAY_TO_SECOND},
        {SQL_C_DOUBLE, SQL_INTERVAL_DAY},
        {SQL_C_BINARY, SQL_INTERVAL_DAY},
        {SQL_C_INTERVAL_YEAR, SQL_INTERVAL_DAY},
        {SQL_C_INTERVAL_DAY_TO_HOUR, SQL_INTEGER},
        {SQL_C_INTERVAL_DAY, SQL_DOUBLE},
        {SQL_C_TYPE_TIMESTAMP, SQL_BINARY},
    };
    for (const auto &pair : refused) {
        int rc;
        std::string state;
        EncodingOf(pair[0], pair[1], &rc, &state);
        EXPECT_EQ(-1, rc) << pair[0] << " -> " << pair[1];
        EXPECT_EQ("07006", state) << pair[0] << " -> " << pair[1];
    }
}

TEST(FromCEncoding, PairingsTheAppendixListsAreAllowed)
{
    const SQLSMALLINT allowed[][2] = {
        {SQL_C_CHAR, SQL_GUID},
        {SQL_C_WCHAR, SQL_INTERVAL_YEAR_TO_MONTH},
        {SQL_C_TYPE_DATE, SQL_TYPE_TIMESTAMP},
        {SQL_C_DATE, SQL_TIMESTAMP},
        {SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIME},
        {SQL_C_GUID, SQL_WVARCHAR},
        {SQL_C_BIT, SQL_DOUBLE},
        {SQL_C_UBIGINT, SQL_INTERVAL_SECOND},
        {SQL_C_NUMERIC, SQL_INTERVAL_MONTH},
        {SQL_C_DOUBLE, SQL_BIT},
        {SQL_C_BINARY, SQL_TYPE_TIMESTAMP},
        {SQL_C_BINARY, SQL_GUID},
        {SQL_C_INTERVAL_HOUR, SQL_INTERVAL_DAY_TO_SECOND},
        {SQL_C_INTERVAL_MONTH, SQL_NUMERIC},
        {SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_CHAR},
    };
    for (const auto &pair : allowed) {
        int rc;
        std::string state;
        EncodingOf(pair[0], pair[1], &rc, &state);
        EXPECT_EQ(0, rc) << pair[0] << " -> " << pair[1] << " " << state;
    }
}

TEST(FromCEncoding, ConversionFillsTheEncodingItSentWith)
{
    SQLINTEGER value = 7;
    Sent sent = Send(SQL_C_SLONG, value, {SQL_NUMERIC});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ(TYPES_OID_NUMERIC, sent.encoding.type_oid);
    EXPECT_EQ(0, sent.encoding.format_code);
    EXPECT_EQ("7", sent.text());
    Sent refused = Send(SQL_C_SLONG, value, {SQL_TYPE_DATE});
    EXPECT_EQ("07006", refused.state());
}

TEST(FromCEncoding, ConversionChecksTheTypesFirst)
{
    SQLINTEGER value = 7;
    Sent unknown_c = SendRaw(SQL_C_DEFAULT, &value, sizeof value, {SQL_INTEGER});
    EXPECT_EQ(-1, unknown_c.rc);
    EXPECT_EQ("HY003", unknown_c.state());
    Sent unknown_sql = SendRaw(SQL_C_SLONG, &value, sizeof value, {-150});
    EXPECT_EQ(-1, unknown_sql.rc);
    EXPECT_EQ("HY004", unknown_sql.state());
}

TEST(FromCEncoding, DefaultCTypeFollowsTheAppendix)
{
    EXPECT_EQ(SQL_C_CHAR, types_default_c_type_for_sql(SQL_VARCHAR));
    EXPECT_EQ(SQL_C_CHAR, types_default_c_type_for_sql(SQL_DECIMAL));
    EXPECT_EQ(SQL_C_CHAR, types_default_c_type_for_sql(SQL_UNKNOWN_TYPE));
    EXPECT_EQ(SQL_C_WCHAR, types_default_c_type_for_sql(SQL_WLONGVARCHAR));
    EXPECT_EQ(SQL_C_BIT, types_default_c_type_for_sql(SQL_BIT));
    EXPECT_EQ(SQL_C_STINYINT, types_default_c_type_for_sql(SQL_TINYINT));
    EXPECT_EQ(SQL_C_SSHORT, types_default_c_type_for_sql(SQL_SMALLINT));
    EXPECT_EQ(SQL_C_SLONG, types_default_c_type_for_sql(SQL_INTEGER));
    EXPECT_EQ(SQL_C_SBIGINT, types_default_c_type_for_sql(SQL_BIGINT));
    EXPECT_EQ(SQL_C_FLOAT, types_default_c_type_for_sql(SQL_REAL));
    EXPECT_EQ(SQL_C_DOUBLE, types_default_c_type_for_sql(SQL_FLOAT));
    EXPECT_EQ(SQL_C_BINARY, types_default_c_type_for_sql(SQL_LONGVARBINARY));
    EXPECT_EQ(SQL_C_TYPE_DATE, types_default_c_type_for_sql(SQL_DATE));
    EXPECT_EQ(SQL_C_TYPE_TIMESTAMP, types_default_c_type_for_sql(SQL_TYPE_TIMESTAMP));
    EXPECT_EQ(SQL_C_GUID, types_default_c_type_for_sql(SQL_GUID));
    EXPECT_EQ(SQL_C_INTERVAL_DAY_TO_SECOND,
              types_default_c_type_for_sql(SQL_INTERVAL_DAY_TO_SECOND));
}

TEST(FromCEncoding, BufferLimitIsHY001AndLeavesTheBufferAsItWas)
{
    std::string text(100, 'a');
    Sent sent = SendRaw(SQL_C_CHAR, text.data(), text.size(), {SQL_VARCHAR}, 0, 50);
    EXPECT_EQ(-1, sent.rc);
    EXPECT_EQ("HY001", sent.state());
    EXPECT_EQ(2u, sent.length_after);
    std::u16string wide(100, u'b');
    Sent wide_sent = SendRaw(SQL_C_WCHAR, wide.data(), wide.size() * 2, {SQL_VARCHAR}, 0, 50);
    EXPECT_EQ("HY001", wide_sent.state());
    EXPECT_EQ(2u, wide_sent.length_after);
}

}  // namespace
