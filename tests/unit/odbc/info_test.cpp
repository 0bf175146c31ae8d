// SQLGetInfo without a server: every information type of ODBC 3.8 (the
// reference's SQLGetInfo page, section by section) answers with the kind
// of value the reference gives it, those read from the server say 08003
// before connecting, and unknown types are HY096.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

#include <sql.h>
#include <sqlext.h>

namespace {

enum class Kind { String, Small, Integer, Handle, Server };

struct InfoType {
    SQLUSMALLINT type;
    Kind kind;
};

// Every InfoType the reference lists, except those the driver manager
// answers itself (SQL_DRIVER_HLIB, SQL_ODBC_VER, SQL_DM_VER).
const InfoType kInfoTypes[] = {
    // Driver information
    {SQL_ACTIVE_ENVIRONMENTS, Kind::Small},
    {SQL_ASYNC_DBC_FUNCTIONS, Kind::Integer},
    {SQL_ASYNC_MODE, Kind::Integer},
    {SQL_ASYNC_NOTIFICATION, Kind::Integer},
    {SQL_BATCH_ROW_COUNT, Kind::Integer},
    {SQL_BATCH_SUPPORT, Kind::Integer},
    {SQL_DATA_SOURCE_NAME, Kind::String},
    {SQL_DRIVER_AWARE_POOLING_SUPPORTED, Kind::Integer},
    {SQL_DRIVER_HDBC, Kind::Handle},
    {SQL_DRIVER_HENV, Kind::Handle},
    {SQL_DRIVER_NAME, Kind::String},
    {SQL_DRIVER_ODBC_VER, Kind::String},
    {SQL_DRIVER_VER, Kind::String},
    {SQL_DYNAMIC_CURSOR_ATTRIBUTES1, Kind::Integer},
    {SQL_DYNAMIC_CURSOR_ATTRIBUTES2, Kind::Integer},
    {SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, Kind::Integer},
    {SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2, Kind::Integer},
    {SQL_FILE_USAGE, Kind::Small},
    {SQL_GETDATA_EXTENSIONS, Kind::Integer},
    {SQL_INFO_SCHEMA_VIEWS, Kind::Integer},
    {SQL_KEYSET_CURSOR_ATTRIBUTES1, Kind::Integer},
    {SQL_KEYSET_CURSOR_ATTRIBUTES2, Kind::Integer},
    {SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, Kind::Integer},
    {SQL_MAX_CONCURRENT_ACTIVITIES, Kind::Small},
    {SQL_MAX_DRIVER_CONNECTIONS, Kind::Small},
    {SQL_ODBC_INTERFACE_CONFORMANCE, Kind::Integer},
    {SQL_STANDARD_CLI_CONFORMANCE, Kind::Integer},
    {SQL_PARAM_ARRAY_ROW_COUNTS, Kind::Integer},
    {SQL_PARAM_ARRAY_SELECTS, Kind::Integer},
    {SQL_ROW_UPDATES, Kind::String},
    {SQL_SEARCH_PATTERN_ESCAPE, Kind::String},
    {SQL_SERVER_NAME, Kind::Server},
    {SQL_STATIC_CURSOR_ATTRIBUTES1, Kind::Integer},
    {SQL_STATIC_CURSOR_ATTRIBUTES2, Kind::Integer},
    // DBMS product information
    {SQL_DATABASE_NAME, Kind::Server},
    {SQL_DBMS_NAME, Kind::String},
    {SQL_DBMS_VER, Kind::Server},
    // Data source information
    {SQL_ACCESSIBLE_PROCEDURES, Kind::String},
    {SQL_ACCESSIBLE_TABLES, Kind::String},
    {SQL_BOOKMARK_PERSISTENCE, Kind::Integer},
    {SQL_CATALOG_TERM, Kind::String},
    {SQL_COLLATION_SEQ, Kind::Server},
    {SQL_CONCAT_NULL_BEHAVIOR, Kind::Small},
    {SQL_CURSOR_COMMIT_BEHAVIOR, Kind::Small},
    {SQL_CURSOR_ROLLBACK_BEHAVIOR, Kind::Small},
    {SQL_CURSOR_SENSITIVITY, Kind::Integer},
    {SQL_DATA_SOURCE_READ_ONLY, Kind::Server},
    {SQL_DESCRIBE_PARAMETER, Kind::String},
    {SQL_MULT_RESULT_SETS, Kind::String},
    {SQL_MULTIPLE_ACTIVE_TXN, Kind::String},
    {SQL_NEED_LONG_DATA_LEN, Kind::String},
    {SQL_NULL_COLLATION, Kind::Small},
    {SQL_PROCEDURE_TERM, Kind::String},
    {SQL_SCHEMA_TERM, Kind::String},
    {SQL_SCROLL_OPTIONS, Kind::Integer},
    {SQL_TABLE_TERM, Kind::String},
    {SQL_TXN_CAPABLE, Kind::Small},
    {SQL_TXN_ISOLATION_OPTION, Kind::Integer},
    {SQL_USER_NAME, Kind::Server},
    // Supported SQL
    {SQL_AGGREGATE_FUNCTIONS, Kind::Integer},
    {SQL_ALTER_DOMAIN, Kind::Integer},
    {SQL_ALTER_TABLE, Kind::Integer},
    {SQL_DATETIME_LITERALS, Kind::Integer},
    {SQL_CATALOG_LOCATION, Kind::Small},
    {SQL_CATALOG_NAME, Kind::String},
    {SQL_CATALOG_NAME_SEPARATOR, Kind::String},
    {SQL_CATALOG_USAGE, Kind::Integer},
    {SQL_COLUMN_ALIAS, Kind::String},
    {SQL_CORRELATION_NAME, Kind::Small},
    {SQL_CREATE_ASSERTION, Kind::Integer},
    {SQL_CREATE_CHARACTER_SET, Kind::Integer},
    {SQL_CREATE_COLLATION, Kind::Integer},
    {SQL_CREATE_DOMAIN, Kind::Integer},
    {SQL_CREATE_SCHEMA, Kind::Integer},
    {SQL_CREATE_TABLE, Kind::Integer},
    {SQL_CREATE_TRANSLATION, Kind::Integer},
    {SQL_CREATE_VIEW, Kind::Integer},
    {SQL_DDL_INDEX, Kind::Integer},
    {SQL_DROP_ASSERTION, Kind::Integer},
    {SQL_DROP_CHARACTER_SET, Kind::Integer},
    {SQL_DROP_COLLATION, Kind::Integer},
    {SQL_DROP_DOMAIN, Kind::Integer},
    {SQL_DROP_SCHEMA, Kind::Integer},
    {SQL_DROP_TABLE, Kind::Integer},
    {SQL_DROP_TRANSLATION, Kind::Integer},
    {SQL_DROP_VIEW, Kind::Integer},
    {SQL_EXPRESSIONS_IN_ORDERBY, Kind::String},
    {SQL_GROUP_BY, Kind::Small},
    {SQL_IDENTIFIER_CASE, Kind::Small},
    {SQL_IDENTIFIER_QUOTE_CHAR, Kind::String},
    {SQL_INDEX_KEYWORDS, Kind::Integer},
    {SQL_INSERT_STATEMENT, Kind::Integer},
    {SQL_INTEGRITY, Kind::String},
    {SQL_KEYWORDS, Kind::String},
    {SQL_LIKE_ESCAPE_CLAUSE, Kind::String},
    {SQL_NON_NULLABLE_COLUMNS, Kind::Small},
    {SQL_SQL_CONFORMANCE, Kind::Integer},
    {SQL_OJ_CAPABILITIES, Kind::Integer},
    {SQL_ORDER_BY_COLUMNS_IN_SELECT, Kind::String},
    {SQL_OUTER_JOINS, Kind::String},
    {SQL_PROCEDURES, Kind::String},
    {SQL_QUOTED_IDENTIFIER_CASE, Kind::Small},
    {SQL_SCHEMA_USAGE, Kind::Integer},
    {SQL_SPECIAL_CHARACTERS, Kind::String},
    {SQL_SQL92_DATETIME_FUNCTIONS, Kind::Integer},
    {SQL_SQL92_FOREIGN_KEY_DELETE_RULE, Kind::Integer},
    {SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, Kind::Integer},
    {SQL_SQL92_GRANT, Kind::Integer},
    {SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, Kind::Integer},
    {SQL_SQL92_PREDICATES, Kind::Integer},
    {SQL_SQL92_RELATIONAL_JOIN_OPERATORS, Kind::Integer},
    {SQL_SQL92_REVOKE, Kind::Integer},
    {SQL_SQL92_ROW_VALUE_CONSTRUCTOR, Kind::Integer},
    {SQL_SQL92_STRING_FUNCTIONS, Kind::Integer},
    {SQL_SQL92_VALUE_EXPRESSIONS, Kind::Integer},
    {SQL_SUBQUERIES, Kind::Integer},
    {SQL_UNION, Kind::Integer},
    // SQL limits
    {SQL_MAX_BINARY_LITERAL_LEN, Kind::Integer},
    {SQL_MAX_CATALOG_NAME_LEN, Kind::Small},
    {SQL_MAX_CHAR_LITERAL_LEN, Kind::Integer},
    {SQL_MAX_COLUMN_NAME_LEN, Kind::Small},
    {SQL_MAX_COLUMNS_IN_GROUP_BY, Kind::Small},
    {SQL_MAX_COLUMNS_IN_INDEX, Kind::Small},
    {SQL_MAX_COLUMNS_IN_ORDER_BY, Kind::Small},
    {SQL_MAX_COLUMNS_IN_SELECT, Kind::Small},
    {SQL_MAX_COLUMNS_IN_TABLE, Kind::Small},
    {SQL_MAX_CURSOR_NAME_LEN, Kind::Small},
    {SQL_MAX_IDENTIFIER_LEN, Kind::Small},
    {SQL_MAX_INDEX_SIZE, Kind::Integer},
    {SQL_MAX_PROCEDURE_NAME_LEN, Kind::Small},
    {SQL_MAX_ROW_SIZE, Kind::Integer},
    {SQL_MAX_ROW_SIZE_INCLUDES_LONG, Kind::String},
    {SQL_MAX_SCHEMA_NAME_LEN, Kind::Small},
    {SQL_MAX_STATEMENT_LEN, Kind::Integer},
    {SQL_MAX_TABLE_NAME_LEN, Kind::Small},
    {SQL_MAX_TABLES_IN_SELECT, Kind::Small},
    {SQL_MAX_USER_NAME_LEN, Kind::Small},
    // Scalar function information
    {SQL_CONVERT_FUNCTIONS, Kind::Integer},
    {SQL_NUMERIC_FUNCTIONS, Kind::Integer},
    {SQL_STRING_FUNCTIONS, Kind::Integer},
    {SQL_SYSTEM_FUNCTIONS, Kind::Integer},
    {SQL_TIMEDATE_ADD_INTERVALS, Kind::Integer},
    {SQL_TIMEDATE_DIFF_INTERVALS, Kind::Integer},
    {SQL_TIMEDATE_FUNCTIONS, Kind::Integer},
    // Conversion information
    {SQL_CONVERT_BIGINT, Kind::Integer},
    {SQL_CONVERT_BINARY, Kind::Integer},
    {SQL_CONVERT_BIT, Kind::Integer},
    {SQL_CONVERT_CHAR, Kind::Integer},
    {SQL_CONVERT_DATE, Kind::Integer},
    {SQL_CONVERT_DECIMAL, Kind::Integer},
    {SQL_CONVERT_DOUBLE, Kind::Integer},
    {SQL_CONVERT_FLOAT, Kind::Integer},
    {SQL_CONVERT_GUID, Kind::Integer},
    {SQL_CONVERT_INTEGER, Kind::Integer},
    {SQL_CONVERT_INTERVAL_DAY_TIME, Kind::Integer},
    {SQL_CONVERT_INTERVAL_YEAR_MONTH, Kind::Integer},
    {SQL_CONVERT_LONGVARBINARY, Kind::Integer},
    {SQL_CONVERT_LONGVARCHAR, Kind::Integer},
    {SQL_CONVERT_NUMERIC, Kind::Integer},
    {SQL_CONVERT_REAL, Kind::Integer},
    {SQL_CONVERT_SMALLINT, Kind::Integer},
    {SQL_CONVERT_TIME, Kind::Integer},
    {SQL_CONVERT_TIMESTAMP, Kind::Integer},
    {SQL_CONVERT_TINYINT, Kind::Integer},
    {SQL_CONVERT_VARBINARY, Kind::Integer},
    {SQL_CONVERT_VARCHAR, Kind::Integer},
    {SQL_CONVERT_WCHAR, Kind::Integer},
    {SQL_CONVERT_WLONGVARCHAR, Kind::Integer},
    {SQL_CONVERT_WVARCHAR, Kind::Integer},
    // ODBC 2 types ODBC 3 deprecated but still answers
    {SQL_FETCH_DIRECTION, Kind::Integer},
    {SQL_LOCK_TYPES, Kind::Integer},
    {SQL_ODBC_API_CONFORMANCE, Kind::Small},
    {SQL_ODBC_SQL_CONFORMANCE, Kind::Small},
    {SQL_POS_OPERATIONS, Kind::Integer},
    {SQL_POSITIONED_STATEMENTS, Kind::Integer},
    {SQL_SCROLL_CONCURRENCY, Kind::Integer},
    {SQL_STATIC_SENSITIVITY, Kind::Integer},
    {SQL_ODBC_SAG_CLI_CONFORMANCE, Kind::Small},
    {SQL_XOPEN_CLI_YEAR, Kind::String},
    {SQL_DTC_TRANSITION_COST, Kind::Integer},
    {SQL_DEFAULT_TXN_ISOLATION, Kind::Integer},
};

std::string FirstState(SQLSMALLINT type, SQLHANDLE handle)
{
    SQLCHAR state[6] = {};
    SQLINTEGER native;
    SQLCHAR message[512];
    SQLSMALLINT length;
    if (SQLGetDiagRec(type, handle, 1, state, &native, message, sizeof message, &length) !=
        SQL_SUCCESS)
        return "";
    return reinterpret_cast<char *>(state);
}

class GetInfo : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_));
        ASSERT_EQ(SQL_SUCCESS, SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION,
                                             reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0));
        ASSERT_EQ(SQL_SUCCESS, SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_));
    }
    void TearDown() override
    {
        EXPECT_EQ(SQL_SUCCESS, SQLFreeHandle(SQL_HANDLE_DBC, dbc_));
        EXPECT_EQ(SQL_SUCCESS, SQLFreeHandle(SQL_HANDLE_ENV, env_));
    }
    SQLUINTEGER Bits(SQLUSMALLINT type)
    {
        SQLUINTEGER bits = 0;
        EXPECT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, type, &bits, sizeof bits, nullptr)) << type;
        return bits;
    }
    std::string Text(SQLUSMALLINT type)
    {
        SQLCHAR text[1024] = {};
        EXPECT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, type, text, sizeof text, nullptr)) << type;
        return reinterpret_cast<char *>(text);
    }
    SQLHENV env_ = SQL_NULL_HENV;
    SQLHDBC dbc_ = SQL_NULL_HDBC;
};

TEST_F(GetInfo, EveryOdbc38InfoTypeAnswersWithTheReferencesKindOfValue)
{
    for (const InfoType &info : kInfoTypes) {
        alignas(8) unsigned char value[512];
        std::memset(value, 0xAB, sizeof value);
        SQLSMALLINT length = -1;
        SQLRETURN rc = SQLGetInfo(dbc_, info.type, value, sizeof value, &length);
        switch (info.kind) {
        case Kind::Server:
            EXPECT_EQ(SQL_ERROR, rc) << info.type;
            EXPECT_EQ("08003", FirstState(SQL_HANDLE_DBC, dbc_)) << info.type;
            break;
        case Kind::String:
            ASSERT_EQ(SQL_SUCCESS, rc) << info.type;
            EXPECT_EQ(static_cast<size_t>(length), std::strlen(reinterpret_cast<char *>(value)))
                << info.type;
            break;
        case Kind::Small:
            ASSERT_EQ(SQL_SUCCESS, rc) << info.type;
            EXPECT_EQ(static_cast<SQLSMALLINT>(sizeof(SQLUSMALLINT)), length) << info.type;
            EXPECT_EQ(0xAB, value[2]) << info.type << ": wrote past a SQLUSMALLINT";
            break;
        case Kind::Integer:
            ASSERT_EQ(SQL_SUCCESS, rc) << info.type;
            EXPECT_EQ(static_cast<SQLSMALLINT>(sizeof(SQLUINTEGER)), length) << info.type;
            EXPECT_EQ(0xAB, value[4]) << info.type << ": wrote past a SQLUINTEGER";
            break;
        case Kind::Handle:
            ASSERT_EQ(SQL_SUCCESS, rc) << info.type;
            EXPECT_EQ(static_cast<SQLSMALLINT>(sizeof(SQLHANDLE)), length) << info.type;
            break;
        }
    }
}

TEST_F(GetInfo, UnknownInfoTypesAreHY096)
{
    std::set<SQLUSMALLINT> known;
    for (const InfoType &info : kInfoTypes)
        known.insert(info.type);
    for (SQLUSMALLINT type : {SQLUSMALLINT{9999}, SQLUSMALLINT{SQL_DRIVER_HLIB},
                              SQLUSMALLINT{SQL_ODBC_VER}, SQLUSMALLINT{300}}) {
        ASSERT_EQ(0u, known.count(type));
        SQLUINTEGER value = 0;
        EXPECT_EQ(SQL_ERROR, SQLGetInfo(dbc_, type, &value, sizeof value, nullptr)) << type;
        EXPECT_EQ("HY096", FirstState(SQL_HANDLE_DBC, dbc_)) << type;
    }
}

TEST_F(GetInfo, DriverHandlesAreTheDriversOwn)
{
    SQLHANDLE handle = nullptr;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_DRIVER_HDBC, &handle, sizeof handle, nullptr));
    EXPECT_EQ(dbc_, handle);
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_DRIVER_HENV, &handle, sizeof handle, nullptr));
    EXPECT_EQ(env_, handle);
    // SQL_DRIVER_HSTMT: the driver manager passes the driver's statement in.
    SQLHANDLE stmt = reinterpret_cast<SQLHANDLE>(0x1234);
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_DRIVER_HSTMT, &stmt, sizeof stmt, nullptr));
    EXPECT_EQ(reinterpret_cast<SQLHANDLE>(0x1234), stmt);
    EXPECT_EQ(SQL_ERROR, SQLGetInfo(dbc_, SQL_DRIVER_HSTMT, nullptr, 0, nullptr));
    EXPECT_EQ("HY009", FirstState(SQL_HANDLE_DBC, dbc_));
}

TEST_F(GetInfo, CursorAttributesDescribeForwardOnlyStaticAndKeysetCursorsNotDynamic)
{
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_SO_FORWARD_ONLY | SQL_SO_STATIC | SQL_SO_KEYSET_DRIVEN),
              Bits(SQL_SCROLL_OPTIONS));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_CA1_NEXT | SQL_CA1_POSITIONED_UPDATE |
                                       SQL_CA1_POSITIONED_DELETE),
              Bits(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1));
    EXPECT_EQ(static_cast<SQLUINTEGER>(
                  SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE | SQL_CA1_BOOKMARK |
                  SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION | SQL_CA1_POS_UPDATE |
                  SQL_CA1_POS_DELETE | SQL_CA1_POS_REFRESH | SQL_CA1_BULK_ADD |
                  SQL_CA1_BULK_UPDATE_BY_BOOKMARK | SQL_CA1_BULK_DELETE_BY_BOOKMARK |
                  SQL_CA1_BULK_FETCH_BY_BOOKMARK | SQL_CA1_POSITIONED_UPDATE |
                  SQL_CA1_POSITIONED_DELETE),
              Bits(SQL_STATIC_CURSOR_ATTRIBUTES1));
    // Keyset cursors: the static operations, and row versions.
    EXPECT_EQ(Bits(SQL_STATIC_CURSOR_ATTRIBUTES1), Bits(SQL_KEYSET_CURSOR_ATTRIBUTES1));
    EXPECT_NE(0u, Bits(SQL_KEYSET_CURSOR_ATTRIBUTES2) & SQL_CA2_OPT_ROWVER_CONCURRENCY);
    EXPECT_EQ(0u, Bits(SQL_KEYSET_CURSOR_ATTRIBUTES2) & SQL_CA2_SENSITIVITY_DELETIONS);
    EXPECT_NE(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_READ_ONLY_CONCURRENCY);
    EXPECT_NE(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_OPT_VALUES_CONCURRENCY);
    EXPECT_NE(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_LOCK_CONCURRENCY);
    EXPECT_EQ(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_OPT_ROWVER_CONCURRENCY);
    // The cursor sees its own updates and additions; deleted rows stay as holes.
    EXPECT_NE(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_SENSITIVITY_UPDATES);
    EXPECT_NE(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_SENSITIVITY_ADDITIONS);
    EXPECT_EQ(0u, Bits(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_SENSITIVITY_DELETIONS);
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_SS_UPDATES | SQL_SS_ADDITIONS),
              Bits(SQL_STATIC_SENSITIVITY));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE |
                                       SQL_POS_DELETE | SQL_POS_ADD),
              Bits(SQL_POS_OPERATIONS));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_LCK_NO_CHANGE), Bits(SQL_LOCK_TYPES));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE),
              Bits(SQL_BOOKMARK_PERSISTENCE));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_PS_POSITIONED_DELETE | SQL_PS_POSITIONED_UPDATE),
              Bits(SQL_POSITIONED_STATEMENTS));
    for (SQLUSMALLINT type : {SQLUSMALLINT{SQL_DYNAMIC_CURSOR_ATTRIBUTES1},
                              SQLUSMALLINT{SQL_DYNAMIC_CURSOR_ATTRIBUTES2}})
        EXPECT_EQ(0u, Bits(type)) << type;
    EXPECT_NE(0u, Bits(SQL_FETCH_DIRECTION) & SQL_FD_FETCH_BOOKMARK);
}

TEST_F(GetInfo, KeywordsAreReservedWordsOutsideOdbcsList)
{
    std::string keywords = Text(SQL_KEYWORDS);
    std::set<std::string> odbc;
    std::string odbc_list = SQL_ODBC_KEYWORDS;
    for (size_t start = 0; start < odbc_list.size();) {
        size_t comma = odbc_list.find(',', start);
        if (comma == std::string::npos)
            comma = odbc_list.size();
        odbc.insert(odbc_list.substr(start, comma - start));
        start = comma + 1;
    }
    size_t count = 0;
    for (size_t start = 0; start < keywords.size(); count++) {
        size_t comma = keywords.find(',', start);
        if (comma == std::string::npos)
            comma = keywords.size();
        std::string word = keywords.substr(start, comma - start);
        EXPECT_EQ(0u, odbc.count(word)) << word << " is in ODBC's own list";
        EXPECT_FALSE(word.empty());
        start = comma + 1;
    }
    EXPECT_GT(count, 10u);
    EXPECT_NE(std::string::npos, keywords.find("RETURNING"));
    EXPECT_NE(std::string::npos, keywords.find("ILIKE"));
}

TEST_F(GetInfo, IdentifierLimitsAreNamedatalenMinusOne)
{
    for (SQLUSMALLINT type :
         {SQLUSMALLINT{SQL_MAX_IDENTIFIER_LEN}, SQLUSMALLINT{SQL_MAX_TABLE_NAME_LEN},
          SQLUSMALLINT{SQL_MAX_COLUMN_NAME_LEN}, SQLUSMALLINT{SQL_MAX_SCHEMA_NAME_LEN},
          SQLUSMALLINT{SQL_MAX_CATALOG_NAME_LEN}, SQLUSMALLINT{SQL_MAX_CURSOR_NAME_LEN}}) {
        SQLUSMALLINT value = 0;
        ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, type, &value, sizeof value, nullptr));
        EXPECT_EQ(63, value) << type;
    }
}

TEST_F(GetInfo, AsyncIsPollingOnStatementsAndConnections)
{
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_AM_STATEMENT), Bits(SQL_ASYNC_MODE));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_ASYNC_NOTIFICATION_NOT_CAPABLE),
              Bits(SQL_ASYNC_NOTIFICATION));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_ASYNC_DBC_CAPABLE), Bits(SQL_ASYNC_DBC_FUNCTIONS));
}

TEST_F(GetInfo, CatalogIsTheDatabaseNamedBeforeTheSchema)
{
    EXPECT_EQ("Y", Text(SQL_CATALOG_NAME));
    EXPECT_EQ("database", Text(SQL_CATALOG_TERM));
    EXPECT_EQ(".", Text(SQL_CATALOG_NAME_SEPARATOR));
    SQLUSMALLINT location = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetInfo(dbc_, SQL_CATALOG_LOCATION, &location, 0, nullptr));
    EXPECT_EQ(SQL_CL_START, location);
    EXPECT_NE(0u, Bits(SQL_CATALOG_USAGE) & SQL_CU_DML_STATEMENTS);
    EXPECT_EQ("schema", Text(SQL_SCHEMA_TERM));
}

}  // namespace
