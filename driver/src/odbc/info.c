/* SQLGetInfo and SQLGetFunctions.
 * Owns: what the driver says about itself and the server: one table of
 * fixed answers (string, 16-bit or 32-bit), the answers computed from the
 * connection (names, server version, read-only state, encoding, driver
 * handles), and the list of exported ODBC functions. Reference: SQLGetInfo
 * (every information type of ODBC 3.8, by its sections: driver, DBMS
 * product, data source, supported SQL, SQL limits, scalar functions,
 * conversions); SQLGetFunctions (SQL_API_ODBC3_ALL_FUNCTIONS bitmap,
 * SQL_API_ALL_FUNCTIONS array of 100). Unknown information types are HY096.
 * SQL_DRIVER_HLIB, SQL_ODBC_VER and SQL_DM_VER are the driver manager's.
 * Rules the answers keep:
 * - the scalar functions claimed are exactly those sql_escapes.c writes
 *   in a form PostgreSQL runs with ODBC's meaning (renamed, rewritten, or
 *   spelled alike); the rest are not claimed;
 * - SQL_CONVERT_<type> lists the targets {fn CONVERT(value, SQL_<target>)}
 *   (sql_escapes.c's CAST) reaches from a value of that type: PostgreSQL
 *   casts (tests/integration/info checks every pair against the server);
 * - cursor attributes describe the two cursors stmt_attr.c offers:
 *   forward-only (streaming) and static (held whole, every orientation);
 *   a keyset-driven or dynamic request becomes static with 01S02, so those
 *   types answer 0;
 * - the catalog is the database: PostgreSQL accepts the current
 *   database's name before a schema in any object name, and the catalog
 *   functions report it as TABLE_CAT.
 * Keep ODBC_EXPORTED_FUNCTIONS equal to what api_*.c define: the driver
 * manager answers IM001 for anything else. */
#include "odbc/dbc.h"

#include <stdio.h>
#include <string.h>
#include "odbc/strings.h"
#include "wire/conn.h"

#define DRIVER_NAME "libpgodbc.so"
#define DRIVER_VERSION "00.01.0000"
#define DRIVER_ODBC_VERSION "03.80"
/* NAMEDATALEN - 1: longer identifiers are truncated by the server. */
#define IDENTIFIER_MAX_LENGTH 63

/* PostgreSQL's reserved key words (pg_get_keywords() categories R and T)
 * that are not in ODBC's own list (SQL_ODBC_KEYWORDS), as SQL_KEYWORDS asks. */
#define POSTGRESQL_ONLY_KEYWORDS                                                            \
    "ANALYSE,ANALYZE,ARRAY,ASYMMETRIC,BINARY,CONCURRENTLY,CURRENT_CATALOG,CURRENT_ROLE,"  \
    "CURRENT_SCHEMA,DO,FREEZE,ILIKE,ISNULL,LATERAL,LIMIT,LOCALTIME,LOCALTIMESTAMP,"        \
    "NOTNULL,OFFSET,PLACING,RETURNING,SIMILAR,SYMMETRIC,TABLESAMPLE,VARIADIC,VERBOSE,"     \
    "WINDOW"

/* Conversions: target groups of the CONVERT escape. */
#define CVT_CHARACTER                                                                   \
    (SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_LONGVARCHAR | SQL_CVT_WCHAR |             \
     SQL_CVT_WVARCHAR | SQL_CVT_WLONGVARCHAR)
#define CVT_NUMBER                                                                      \
    (SQL_CVT_BIGINT | SQL_CVT_INTEGER | SQL_CVT_SMALLINT | SQL_CVT_TINYINT |            \
     SQL_CVT_DECIMAL | SQL_CVT_NUMERIC | SQL_CVT_DOUBLE | SQL_CVT_FLOAT | SQL_CVT_REAL)
#define CVT_BINARY (SQL_CVT_BINARY | SQL_CVT_VARBINARY | SQL_CVT_LONGVARBINARY)
/* Every interval of TIMESTAMPADD and TIMESTAMPDIFF (sql_escapes.c). */
#define TIMESTAMP_INTERVALS                                                                 \
    (SQL_FN_TSI_FRAC_SECOND | SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR |  \
     SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH | SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR)
/* Text converts to every type through its input function. */
#define CVT_EVERY_TARGET                                                                \
    (CVT_CHARACTER | CVT_NUMBER | CVT_BINARY | SQL_CVT_BIT | SQL_CVT_DATE |             \
     SQL_CVT_TIME | SQL_CVT_TIMESTAMP | SQL_CVT_GUID)

enum info_kind { INFO_STRING, INFO_USMALLINT, INFO_UINTEGER };

struct info_row {
    SQLUSMALLINT info_type;
    enum info_kind kind;
    SQLUINTEGER number;
    const char *text;
};

#define STRING_INFO(type, value) {type, INFO_STRING, 0, value}
#define SMALL_INFO(type, value) {type, INFO_USMALLINT, (SQLUINTEGER)(value), NULL}
#define INTEGER_INFO(type, value) {type, INFO_UINTEGER, (SQLUINTEGER)(value), NULL}

static const struct info_row info_rows[] = {
    /* Driver */
    STRING_INFO(SQL_DRIVER_NAME, DRIVER_NAME),
    STRING_INFO(SQL_DRIVER_VER, DRIVER_VERSION),
    STRING_INFO(SQL_DRIVER_ODBC_VER, DRIVER_ODBC_VERSION),
    SMALL_INFO(SQL_ACTIVE_ENVIRONMENTS, 0),
    SMALL_INFO(SQL_MAX_DRIVER_CONNECTIONS, 0),
    /* Statements share the connection: a streaming result is buffered when
     * another statement needs it (dbc_query.c), so there is no limit. */
    SMALL_INFO(SQL_MAX_CONCURRENT_ACTIVITIES, 0),
    INTEGER_INFO(SQL_ASYNC_MODE, SQL_AM_STATEMENT), /* polling, per statement: stmt_async.h */
    INTEGER_INFO(SQL_ASYNC_NOTIFICATION, SQL_ASYNC_NOTIFICATION_NOT_CAPABLE),
    INTEGER_INFO(SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, 0),
    /* SQLEndTran, SQLDisconnect, SQLSetConnectAttr: dbc_async.h (connects
     * stay synchronous there, and why). */
    INTEGER_INFO(SQL_ASYNC_DBC_FUNCTIONS, SQL_ASYNC_DBC_CAPABLE),
    INTEGER_INFO(SQL_DRIVER_AWARE_POOLING_SUPPORTED, SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE),
    /* Bound columns can be read again with SQLGetData (stmt_getdata.c);
     * SQLGetData reads the first row of a rowset only (no SQLSetPos): no
     * SQL_GD_BLOCK. */
    INTEGER_INFO(SQL_GETDATA_EXTENSIONS, SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND),
    SMALL_INFO(SQL_FILE_USAGE, SQL_FILE_NOT_SUPPORTED),
    INTEGER_INFO(SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OIC_CORE),
    SMALL_INFO(SQL_ODBC_API_CONFORMANCE, SQL_OAC_LEVEL1),
    SMALL_INFO(SQL_ODBC_SQL_CONFORMANCE, SQL_OSC_CORE),
    SMALL_INFO(SQL_ODBC_SAG_CLI_CONFORMANCE, SQL_OSCC_COMPLIANT),
    INTEGER_INFO(SQL_STANDARD_CLI_CONFORMANCE, SQL_SCC_XOPEN_CLI_VERSION1 | SQL_SCC_ISO92_CLI),
    STRING_INFO(SQL_XOPEN_CLI_YEAR, "1995"),
    INTEGER_INFO(SQL_SQL_CONFORMANCE, SQL_SC_SQL92_ENTRY),
    /* A keyset cursor compares the values it reads again with those it
     * held (stmt_keyset.c): it detects updates. */
    STRING_INFO(SQL_ROW_UPDATES, "Y"),
    STRING_INFO(SQL_SEARCH_PATTERN_ESCAPE, "\\"),
    INTEGER_INFO(SQL_BATCH_ROW_COUNT, SQL_BRC_EXPLICIT),
    INTEGER_INFO(SQL_BATCH_SUPPORT, SQL_BS_SELECT_EXPLICIT | SQL_BS_ROW_COUNT_EXPLICIT),
    INTEGER_INFO(SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARC_NO_BATCH), /* one summed count */
    INTEGER_INFO(SQL_PARAM_ARRAY_SELECTS, SQL_PAS_BATCH), /* one result per set */
    INTEGER_INFO(SQL_DTC_TRANSITION_COST, 0),
    INTEGER_INFO(SQL_INFO_SCHEMA_VIEWS,
                 SQL_ISV_CHARACTER_SETS | SQL_ISV_CHECK_CONSTRAINTS | SQL_ISV_COLLATIONS |
                     SQL_ISV_COLUMN_DOMAIN_USAGE | SQL_ISV_COLUMN_PRIVILEGES | SQL_ISV_COLUMNS |
                     SQL_ISV_CONSTRAINT_COLUMN_USAGE | SQL_ISV_CONSTRAINT_TABLE_USAGE |
                     SQL_ISV_DOMAIN_CONSTRAINTS | SQL_ISV_DOMAINS | SQL_ISV_KEY_COLUMN_USAGE |
                     SQL_ISV_REFERENTIAL_CONSTRAINTS | SQL_ISV_SCHEMATA |
                     SQL_ISV_TABLE_CONSTRAINTS | SQL_ISV_TABLE_PRIVILEGES | SQL_ISV_TABLES |
                     SQL_ISV_USAGE_PRIVILEGES |
                     SQL_ISV_VIEW_COLUMN_USAGE | SQL_ISV_VIEW_TABLE_USAGE | SQL_ISV_VIEWS),

    /* Cursors */
    /* Open cursors survive SQLEndTran: a result still streaming is read to
     * its end first (dbc_tran.c), prepared statements stay prepared. */
    SMALL_INFO(SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CB_PRESERVE),
    SMALL_INFO(SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CB_PRESERVE),
    /* Keyset cursors show changes made through other statements. */
    INTEGER_INFO(SQL_CURSOR_SENSITIVITY, SQL_UNSPECIFIED),
    /* Keyset-driven: rows known by their primary key, read again at each
     * fetch (stmt_keyset.h); dynamic maps down to keyset. */
    INTEGER_INFO(SQL_SCROLL_OPTIONS, SQL_SO_FORWARD_ONLY | SQL_SO_STATIC | SQL_SO_KEYSET_DRIVEN),
    /* Row operations of scrollable cursors (stmt_setpos.c, stmt_bulk.c,
     * stmt_bookmark.c): optimistic by values, by row version (xmin, which
     * keyset cursors read) and lock; only SQL_LOCK_NO_CHANGE. */
    INTEGER_INFO(SQL_SCROLL_CONCURRENCY, SQL_SCCO_READ_ONLY | SQL_SCCO_LOCK |
                                             SQL_SCCO_OPT_VALUES | SQL_SCCO_OPT_ROWVER),
    INTEGER_INFO(SQL_FETCH_DIRECTION, SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST |
                                          SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE |
                                          SQL_FD_FETCH_RELATIVE | SQL_FD_FETCH_BOOKMARK),
    /* Positioned UPDATE / DELETE ... WHERE CURRENT OF a driver cursor
     * (stmt_positioned.h), by key or by values: one row at most. */
    INTEGER_INFO(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1,
                 SQL_CA1_NEXT | SQL_CA1_POSITIONED_UPDATE | SQL_CA1_POSITIONED_DELETE),
    INTEGER_INFO(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2,
                 SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT |
                     SQL_CA2_SIMULATE_UNIQUE),
    INTEGER_INFO(SQL_STATIC_CURSOR_ATTRIBUTES1,
                 SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE | SQL_CA1_BOOKMARK |
                     SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION | SQL_CA1_POS_UPDATE |
                     SQL_CA1_POS_DELETE | SQL_CA1_POS_REFRESH | SQL_CA1_BULK_ADD |
                     SQL_CA1_BULK_UPDATE_BY_BOOKMARK | SQL_CA1_BULK_DELETE_BY_BOOKMARK |
                     SQL_CA1_BULK_FETCH_BY_BOOKMARK | SQL_CA1_POSITIONED_UPDATE |
                     SQL_CA1_POSITIONED_DELETE),
    /* The whole result is held: its row count is exact. The cursor sees
     * its own updates (UPDATE ... RETURNING replaces the held row) and the
     * rows it added (INSERT ... RETURNING, at the end); a row it deleted
     * stays, marked SQL_ROW_DELETED. */
    INTEGER_INFO(SQL_STATIC_CURSOR_ATTRIBUTES2,
                 SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_LOCK_CONCURRENCY |
                     SQL_CA2_OPT_VALUES_CONCURRENCY | SQL_CA2_SENSITIVITY_UPDATES |
                     SQL_CA2_SENSITIVITY_ADDITIONS | SQL_CA2_MAX_ROWS_SELECT |
                     SQL_CA2_CRC_EXACT | SQL_CA2_SIMULATE_UNIQUE),
    INTEGER_INFO(SQL_KEYSET_CURSOR_ATTRIBUTES1,
                 SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE | SQL_CA1_BOOKMARK |
                     SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION | SQL_CA1_POS_UPDATE |
                     SQL_CA1_POS_DELETE | SQL_CA1_POS_REFRESH | SQL_CA1_BULK_ADD |
                     SQL_CA1_BULK_UPDATE_BY_BOOKMARK | SQL_CA1_BULK_DELETE_BY_BOOKMARK |
                     SQL_CA1_BULK_FETCH_BY_BOOKMARK | SQL_CA1_POSITIONED_UPDATE |
                     SQL_CA1_POSITIONED_DELETE),
    /* The keyset is the whole result (exact count). Updates, its own and
     * others', show when a rowset is read again; rows it added join the
     * keyset; deleted rows stay as holes (SQL_ROW_DELETED). Row versions:
     * xmin, read with every refetch. */
    INTEGER_INFO(SQL_KEYSET_CURSOR_ATTRIBUTES2,
                 SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_LOCK_CONCURRENCY |
                     SQL_CA2_OPT_ROWVER_CONCURRENCY | SQL_CA2_OPT_VALUES_CONCURRENCY |
                     SQL_CA2_SENSITIVITY_UPDATES | SQL_CA2_SENSITIVITY_ADDITIONS |
                     SQL_CA2_MAX_ROWS_SELECT | SQL_CA2_CRC_EXACT | SQL_CA2_SIMULATE_UNIQUE),
    INTEGER_INFO(SQL_DYNAMIC_CURSOR_ATTRIBUTES1, 0),
    INTEGER_INFO(SQL_DYNAMIC_CURSOR_ATTRIBUTES2, 0),
    INTEGER_INFO(SQL_STATIC_SENSITIVITY, SQL_SS_UPDATES | SQL_SS_ADDITIONS),
    /* A bookmark is the row's number in the held result (stmt_bookmark.h). */
    INTEGER_INFO(SQL_BOOKMARK_PERSISTENCE, SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE),
    INTEGER_INFO(SQL_LOCK_TYPES, SQL_LCK_NO_CHANGE),
    INTEGER_INFO(SQL_POS_OPERATIONS, SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE |
                                         SQL_POS_DELETE | SQL_POS_ADD),
    INTEGER_INFO(SQL_POSITIONED_STATEMENTS, SQL_PS_POSITIONED_DELETE | SQL_PS_POSITIONED_UPDATE),

    /* Data source */
    STRING_INFO(SQL_MULT_RESULT_SETS, "Y"),
    STRING_INFO(SQL_MULTIPLE_ACTIVE_TXN, "Y"),
    STRING_INFO(SQL_NEED_LONG_DATA_LEN, "N"),
    STRING_INFO(SQL_DESCRIBE_PARAMETER, "Y"),
    /* Neither SQLTables nor SQLProcedures filters by privilege. */
    STRING_INFO(SQL_ACCESSIBLE_PROCEDURES, "N"),
    STRING_INFO(SQL_ACCESSIBLE_TABLES, "N"),
    STRING_INFO(SQL_CATALOG_TERM, "database"),
    STRING_INFO(SQL_SCHEMA_TERM, "schema"),
    STRING_INFO(SQL_TABLE_TERM, "table"),
    STRING_INFO(SQL_PROCEDURE_TERM, "function"),
    SMALL_INFO(SQL_CONCAT_NULL_BEHAVIOR, SQL_CB_NULL),
    SMALL_INFO(SQL_NULL_COLLATION, SQL_NC_HIGH),

    /* Transactions */
    SMALL_INFO(SQL_TXN_CAPABLE, SQL_TC_ALL),
    /* SQL_DEFAULT_TXN_ISOLATION is the server's (answer_from_connection).
     * READ UNCOMMITTED is accepted and runs as READ COMMITTED, which the
     * SQL standard allows (a level may be stricter than asked). */
    INTEGER_INFO(SQL_TXN_ISOLATION_OPTION, SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED |
                                               SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE),

    /* DBMS product */
    STRING_INFO(SQL_DBMS_NAME, "PostgreSQL"),

    /* Supported SQL */
    STRING_INFO(SQL_IDENTIFIER_QUOTE_CHAR, "\""),
    SMALL_INFO(SQL_IDENTIFIER_CASE, SQL_IC_LOWER),
    SMALL_INFO(SQL_QUOTED_IDENTIFIER_CASE, SQL_IC_SENSITIVE),
    STRING_INFO(SQL_CATALOG_NAME, "Y"),
    STRING_INFO(SQL_CATALOG_NAME_SEPARATOR, "."),
    SMALL_INFO(SQL_CATALOG_LOCATION, SQL_CL_START),
    INTEGER_INFO(SQL_CATALOG_USAGE, SQL_CU_DML_STATEMENTS | SQL_CU_PROCEDURE_INVOCATION |
                                        SQL_CU_TABLE_DEFINITION | SQL_CU_INDEX_DEFINITION |
                                        SQL_CU_PRIVILEGE_DEFINITION),
    INTEGER_INFO(SQL_SCHEMA_USAGE, SQL_SU_DML_STATEMENTS | SQL_SU_PROCEDURE_INVOCATION |
                                       SQL_SU_TABLE_DEFINITION | SQL_SU_INDEX_DEFINITION |
                                       SQL_SU_PRIVILEGE_DEFINITION),
    /* {call} and {?= call} are translated (sql_markers.c). */
    STRING_INFO(SQL_PROCEDURES, "Y"),
    /* Identifiers may also hold letters beyond ASCII. */
    STRING_INFO(SQL_SPECIAL_CHARACTERS, "$"),
    STRING_INFO(SQL_KEYWORDS, POSTGRESQL_ONLY_KEYWORDS),
    STRING_INFO(SQL_LIKE_ESCAPE_CLAUSE, "Y"),
    STRING_INFO(SQL_COLUMN_ALIAS, "Y"),
    STRING_INFO(SQL_EXPRESSIONS_IN_ORDERBY, "Y"),
    STRING_INFO(SQL_ORDER_BY_COLUMNS_IN_SELECT, "N"),
    STRING_INFO(SQL_OUTER_JOINS, "Y"),
    STRING_INFO(SQL_INTEGRITY, "Y"),
    SMALL_INFO(SQL_CORRELATION_NAME, SQL_CN_ANY),
    SMALL_INFO(SQL_GROUP_BY, SQL_GB_GROUP_BY_CONTAINS_SELECT),
    SMALL_INFO(SQL_NON_NULLABLE_COLUMNS, SQL_NNC_NON_NULL),
    INTEGER_INFO(SQL_OJ_CAPABILITIES, SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED |
                                          SQL_OJ_NOT_ORDERED | SQL_OJ_INNER |
                                          SQL_OJ_ALL_COMPARISON_OPS),
    INTEGER_INFO(SQL_SUBQUERIES, SQL_SQ_CORRELATED_SUBQUERIES | SQL_SQ_COMPARISON |
                                     SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED),
    INTEGER_INFO(SQL_UNION, SQL_U_UNION | SQL_U_UNION_ALL),
    INTEGER_INFO(SQL_AGGREGATE_FUNCTIONS, SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT |
                                              SQL_AF_DISTINCT | SQL_AF_MAX | SQL_AF_MIN |
                                              SQL_AF_SUM),
    INTEGER_INFO(SQL_ALTER_DOMAIN, SQL_AD_ADD_DOMAIN_CONSTRAINT | SQL_AD_ADD_DOMAIN_DEFAULT |
                                       SQL_AD_CONSTRAINT_NAME_DEFINITION |
                                       SQL_AD_DROP_DOMAIN_CONSTRAINT |
                                       SQL_AD_DROP_DOMAIN_DEFAULT),
    INTEGER_INFO(SQL_ALTER_TABLE,
                 SQL_AT_ADD_COLUMN | SQL_AT_DROP_COLUMN | SQL_AT_ADD_CONSTRAINT |
                     SQL_AT_ADD_COLUMN_SINGLE | SQL_AT_ADD_COLUMN_DEFAULT |
                     SQL_AT_ADD_COLUMN_COLLATION | SQL_AT_SET_COLUMN_DEFAULT |
                     SQL_AT_DROP_COLUMN_DEFAULT | SQL_AT_DROP_COLUMN_CASCADE |
                     SQL_AT_DROP_COLUMN_RESTRICT | SQL_AT_ADD_TABLE_CONSTRAINT |
                     SQL_AT_DROP_TABLE_CONSTRAINT_CASCADE |
                     SQL_AT_DROP_TABLE_CONSTRAINT_RESTRICT | SQL_AT_CONSTRAINT_NAME_DEFINITION |
                     SQL_AT_CONSTRAINT_INITIALLY_DEFERRED |
                     SQL_AT_CONSTRAINT_INITIALLY_IMMEDIATE | SQL_AT_CONSTRAINT_DEFERRABLE |
                     SQL_AT_CONSTRAINT_NON_DEFERRABLE),
    INTEGER_INFO(SQL_CREATE_ASSERTION, 0),
    INTEGER_INFO(SQL_CREATE_CHARACTER_SET, 0),
    INTEGER_INFO(SQL_CREATE_COLLATION, SQL_CCOL_CREATE_COLLATION),
    INTEGER_INFO(SQL_CREATE_DOMAIN, SQL_CDO_CREATE_DOMAIN | SQL_CDO_DEFAULT | SQL_CDO_CONSTRAINT |
                                        SQL_CDO_COLLATION | SQL_CDO_CONSTRAINT_NAME_DEFINITION),
    INTEGER_INFO(SQL_CREATE_SCHEMA, SQL_CS_CREATE_SCHEMA | SQL_CS_AUTHORIZATION),
    INTEGER_INFO(SQL_CREATE_TABLE,
                 SQL_CT_CREATE_TABLE | SQL_CT_COMMIT_PRESERVE | SQL_CT_COMMIT_DELETE |
                     SQL_CT_LOCAL_TEMPORARY | SQL_CT_COLUMN_CONSTRAINT | SQL_CT_COLUMN_DEFAULT |
                     SQL_CT_COLUMN_COLLATION | SQL_CT_TABLE_CONSTRAINT |
                     SQL_CT_CONSTRAINT_NAME_DEFINITION | SQL_CT_CONSTRAINT_INITIALLY_DEFERRED |
                     SQL_CT_CONSTRAINT_INITIALLY_IMMEDIATE | SQL_CT_CONSTRAINT_DEFERRABLE |
                     SQL_CT_CONSTRAINT_NON_DEFERRABLE),
    INTEGER_INFO(SQL_CREATE_TRANSLATION, 0),
    INTEGER_INFO(SQL_CREATE_VIEW,
                 SQL_CV_CREATE_VIEW | SQL_CV_CHECK_OPTION | SQL_CV_CASCADED | SQL_CV_LOCAL),
    INTEGER_INFO(SQL_DROP_ASSERTION, 0),
    INTEGER_INFO(SQL_DROP_CHARACTER_SET, 0),
    INTEGER_INFO(SQL_DROP_COLLATION, SQL_DC_DROP_COLLATION),
    INTEGER_INFO(SQL_DROP_DOMAIN, SQL_DD_DROP_DOMAIN | SQL_DD_RESTRICT | SQL_DD_CASCADE),
    INTEGER_INFO(SQL_DROP_SCHEMA, SQL_DS_DROP_SCHEMA | SQL_DS_RESTRICT | SQL_DS_CASCADE),
    INTEGER_INFO(SQL_DROP_TABLE, SQL_DT_DROP_TABLE | SQL_DT_RESTRICT | SQL_DT_CASCADE),
    INTEGER_INFO(SQL_DROP_TRANSLATION, 0),
    INTEGER_INFO(SQL_DROP_VIEW, SQL_DV_DROP_VIEW | SQL_DV_RESTRICT | SQL_DV_CASCADE),
    INTEGER_INFO(SQL_DDL_INDEX, SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX),
    INTEGER_INFO(SQL_INDEX_KEYWORDS, SQL_IK_ASC | SQL_IK_DESC),
    INTEGER_INFO(SQL_INSERT_STATEMENT, SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED |
                                           SQL_IS_SELECT_INTO),
    INTEGER_INFO(SQL_DATETIME_LITERALS,
                 SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP |
                     SQL_DL_SQL92_INTERVAL_YEAR | SQL_DL_SQL92_INTERVAL_MONTH |
                     SQL_DL_SQL92_INTERVAL_DAY | SQL_DL_SQL92_INTERVAL_HOUR |
                     SQL_DL_SQL92_INTERVAL_MINUTE | SQL_DL_SQL92_INTERVAL_SECOND |
                     SQL_DL_SQL92_INTERVAL_YEAR_TO_MONTH | SQL_DL_SQL92_INTERVAL_DAY_TO_HOUR |
                     SQL_DL_SQL92_INTERVAL_DAY_TO_MINUTE | SQL_DL_SQL92_INTERVAL_DAY_TO_SECOND |
                     SQL_DL_SQL92_INTERVAL_HOUR_TO_MINUTE |
                     SQL_DL_SQL92_INTERVAL_HOUR_TO_SECOND |
                     SQL_DL_SQL92_INTERVAL_MINUTE_TO_SECOND),
    INTEGER_INFO(SQL_SQL92_PREDICATES, SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS |
                                           SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL |
                                           SQL_SP_LIKE | SQL_SP_OVERLAPS |
                                           SQL_SP_QUANTIFIED_COMPARISON),
    INTEGER_INFO(SQL_SQL92_RELATIONAL_JOIN_OPERATORS,
                 SQL_SRJO_CROSS_JOIN | SQL_SRJO_EXCEPT_JOIN | SQL_SRJO_FULL_OUTER_JOIN |
                     SQL_SRJO_INNER_JOIN | SQL_SRJO_INTERSECT_JOIN | SQL_SRJO_LEFT_OUTER_JOIN |
                     SQL_SRJO_NATURAL_JOIN | SQL_SRJO_RIGHT_OUTER_JOIN),
    INTEGER_INFO(SQL_SQL92_VALUE_EXPRESSIONS,
                 SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF),
    /* PostgreSQL's CONVERT and TRANSLATE are not SQL-92's. */
    INTEGER_INFO(SQL_SQL92_STRING_FUNCTIONS, SQL_SSF_LOWER | SQL_SSF_UPPER | SQL_SSF_SUBSTRING |
                                                 SQL_SSF_TRIM_BOTH | SQL_SSF_TRIM_LEADING |
                                                 SQL_SSF_TRIM_TRAILING),
    INTEGER_INFO(SQL_SQL92_NUMERIC_VALUE_FUNCTIONS,
                 SQL_SNVF_BIT_LENGTH | SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH |
                     SQL_SNVF_EXTRACT | SQL_SNVF_OCTET_LENGTH | SQL_SNVF_POSITION),
    INTEGER_INFO(SQL_SQL92_DATETIME_FUNCTIONS,
                 SQL_SDF_CURRENT_DATE | SQL_SDF_CURRENT_TIME | SQL_SDF_CURRENT_TIMESTAMP),
    INTEGER_INFO(SQL_SQL92_FOREIGN_KEY_DELETE_RULE, SQL_SFKD_CASCADE | SQL_SFKD_NO_ACTION |
                                                        SQL_SFKD_SET_DEFAULT | SQL_SFKD_SET_NULL),
    INTEGER_INFO(SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, SQL_SFKU_CASCADE | SQL_SFKU_NO_ACTION |
                                                        SQL_SFKU_SET_DEFAULT | SQL_SFKU_SET_NULL),
    INTEGER_INFO(SQL_SQL92_GRANT,
                 SQL_SG_USAGE_ON_DOMAIN | SQL_SG_WITH_GRANT_OPTION | SQL_SG_DELETE_TABLE |
                     SQL_SG_INSERT_TABLE | SQL_SG_INSERT_COLUMN | SQL_SG_REFERENCES_TABLE |
                     SQL_SG_REFERENCES_COLUMN | SQL_SG_SELECT_TABLE | SQL_SG_UPDATE_TABLE |
                     SQL_SG_UPDATE_COLUMN),
    INTEGER_INFO(SQL_SQL92_REVOKE,
                 SQL_SR_USAGE_ON_DOMAIN | SQL_SR_GRANT_OPTION_FOR | SQL_SR_CASCADE |
                     SQL_SR_RESTRICT | SQL_SR_DELETE_TABLE | SQL_SR_INSERT_TABLE |
                     SQL_SR_INSERT_COLUMN | SQL_SR_REFERENCES_TABLE | SQL_SR_REFERENCES_COLUMN |
                     SQL_SR_SELECT_TABLE | SQL_SR_UPDATE_TABLE | SQL_SR_UPDATE_COLUMN),
    INTEGER_INFO(SQL_SQL92_ROW_VALUE_CONSTRUCTOR, SQL_SRVC_VALUE_EXPRESSION | SQL_SRVC_NULL |
                                                      SQL_SRVC_DEFAULT | SQL_SRVC_ROW_SUBQUERY),

    /* Scalar functions: {fn ...} as sql_escapes.c writes it. */
    INTEGER_INFO(SQL_CONVERT_FUNCTIONS, SQL_FN_CVT_CAST | SQL_FN_CVT_CONVERT),
    INTEGER_INFO(SQL_STRING_FUNCTIONS,
                 SQL_FN_STR_ASCII | SQL_FN_STR_BIT_LENGTH | SQL_FN_STR_CHAR |
                     SQL_FN_STR_CHAR_LENGTH | SQL_FN_STR_CHARACTER_LENGTH | SQL_FN_STR_CONCAT |
                     SQL_FN_STR_INSERT | SQL_FN_STR_LCASE | SQL_FN_STR_LEFT | SQL_FN_STR_LENGTH |
                     SQL_FN_STR_LOCATE | SQL_FN_STR_LOCATE_2 | SQL_FN_STR_LTRIM |
                     SQL_FN_STR_OCTET_LENGTH | SQL_FN_STR_POSITION | SQL_FN_STR_REPEAT |
                     SQL_FN_STR_REPLACE | SQL_FN_STR_RIGHT | SQL_FN_STR_RTRIM |
                     SQL_FN_STR_SPACE | SQL_FN_STR_SUBSTRING | SQL_FN_STR_UCASE),
    INTEGER_INFO(SQL_NUMERIC_FUNCTIONS,
                 SQL_FN_NUM_ABS | SQL_FN_NUM_ACOS | SQL_FN_NUM_ASIN | SQL_FN_NUM_ATAN |
                     SQL_FN_NUM_ATAN2 | SQL_FN_NUM_CEILING | SQL_FN_NUM_COS | SQL_FN_NUM_COT |
                     SQL_FN_NUM_DEGREES | SQL_FN_NUM_EXP | SQL_FN_NUM_FLOOR | SQL_FN_NUM_LOG |
                     SQL_FN_NUM_LOG10 | SQL_FN_NUM_MOD | SQL_FN_NUM_PI | SQL_FN_NUM_POWER |
                     SQL_FN_NUM_RADIANS | SQL_FN_NUM_ROUND | SQL_FN_NUM_SIGN | SQL_FN_NUM_SIN |
                     SQL_FN_NUM_SQRT | SQL_FN_NUM_TAN | SQL_FN_NUM_TRUNCATE),
    INTEGER_INFO(SQL_SYSTEM_FUNCTIONS, SQL_FN_SYS_DBNAME | SQL_FN_SYS_IFNULL | SQL_FN_SYS_USERNAME),
    INTEGER_INFO(SQL_TIMEDATE_FUNCTIONS,
                 SQL_FN_TD_CURRENT_DATE | SQL_FN_TD_CURRENT_TIME | SQL_FN_TD_CURRENT_TIMESTAMP |
                     SQL_FN_TD_CURDATE | SQL_FN_TD_CURTIME | SQL_FN_TD_DAYNAME |
                     SQL_FN_TD_DAYOFMONTH | SQL_FN_TD_DAYOFWEEK | SQL_FN_TD_DAYOFYEAR |
                     SQL_FN_TD_EXTRACT | SQL_FN_TD_HOUR | SQL_FN_TD_MINUTE | SQL_FN_TD_MONTH |
                     SQL_FN_TD_MONTHNAME | SQL_FN_TD_NOW | SQL_FN_TD_QUARTER | SQL_FN_TD_SECOND |
                     SQL_FN_TD_TIMESTAMPADD | SQL_FN_TD_TIMESTAMPDIFF | SQL_FN_TD_WEEK |
                     SQL_FN_TD_YEAR),
    INTEGER_INFO(SQL_TIMEDATE_ADD_INTERVALS, TIMESTAMP_INTERVALS),
    INTEGER_INFO(SQL_TIMEDATE_DIFF_INTERVALS, TIMESTAMP_INTERVALS),

    /* Conversions ({fn CONVERT}) by source type; see the file comment. */
    INTEGER_INFO(SQL_CONVERT_CHAR, CVT_EVERY_TARGET),
    INTEGER_INFO(SQL_CONVERT_VARCHAR, CVT_EVERY_TARGET),
    INTEGER_INFO(SQL_CONVERT_LONGVARCHAR, CVT_EVERY_TARGET),
    INTEGER_INFO(SQL_CONVERT_WCHAR, CVT_EVERY_TARGET),
    INTEGER_INFO(SQL_CONVERT_WVARCHAR, CVT_EVERY_TARGET),
    INTEGER_INFO(SQL_CONVERT_WLONGVARCHAR, CVT_EVERY_TARGET),
    /* integer ⇄ boolean is PostgreSQL's only cast between numbers and bit. */
    INTEGER_INFO(SQL_CONVERT_INTEGER, CVT_CHARACTER | CVT_NUMBER | SQL_CVT_BIT),
    INTEGER_INFO(SQL_CONVERT_BIGINT, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_SMALLINT, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_TINYINT, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_DECIMAL, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_NUMERIC, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_DOUBLE, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_FLOAT, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_REAL, CVT_CHARACTER | CVT_NUMBER),
    INTEGER_INFO(SQL_CONVERT_BIT, CVT_CHARACTER | SQL_CVT_BIT | SQL_CVT_INTEGER),
    INTEGER_INFO(SQL_CONVERT_BINARY, CVT_CHARACTER | CVT_BINARY),
    INTEGER_INFO(SQL_CONVERT_VARBINARY, CVT_CHARACTER | CVT_BINARY),
    INTEGER_INFO(SQL_CONVERT_LONGVARBINARY, CVT_CHARACTER | CVT_BINARY),
    INTEGER_INFO(SQL_CONVERT_DATE, CVT_CHARACTER | SQL_CVT_DATE | SQL_CVT_TIMESTAMP),
    INTEGER_INFO(SQL_CONVERT_TIME, CVT_CHARACTER | SQL_CVT_TIME),
    INTEGER_INFO(SQL_CONVERT_TIMESTAMP,
                 CVT_CHARACTER | SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP),
    INTEGER_INFO(SQL_CONVERT_INTERVAL_DAY_TIME, CVT_CHARACTER | SQL_CVT_TIME),
    INTEGER_INFO(SQL_CONVERT_INTERVAL_YEAR_MONTH, CVT_CHARACTER | SQL_CVT_TIME),
    INTEGER_INFO(SQL_CONVERT_GUID, CVT_CHARACTER | SQL_CVT_GUID),

    /* Limits (0: no fixed limit) */
    SMALL_INFO(SQL_MAX_COLUMN_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_CURSOR_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_SCHEMA_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_CATALOG_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_TABLE_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_PROCEDURE_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_IDENTIFIER_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_USER_NAME_LEN, IDENTIFIER_MAX_LENGTH),
    SMALL_INFO(SQL_MAX_COLUMNS_IN_GROUP_BY, 0),
    SMALL_INFO(SQL_MAX_COLUMNS_IN_INDEX, 32),   /* INDEX_MAX_KEYS */
    SMALL_INFO(SQL_MAX_COLUMNS_IN_ORDER_BY, 0),
    SMALL_INFO(SQL_MAX_COLUMNS_IN_SELECT, 1664), /* MaxTupleAttributeNumber */
    SMALL_INFO(SQL_MAX_COLUMNS_IN_TABLE, 1600),  /* MaxHeapAttributeNumber */
    SMALL_INFO(SQL_MAX_TABLES_IN_SELECT, 0),
    INTEGER_INFO(SQL_MAX_BINARY_LITERAL_LEN, 0),
    INTEGER_INFO(SQL_MAX_CHAR_LITERAL_LEN, 0),
    /* Depends on the index method and the block size. */
    INTEGER_INFO(SQL_MAX_INDEX_SIZE, 0),
    INTEGER_INFO(SQL_MAX_ROW_SIZE, 0),
    STRING_INFO(SQL_MAX_ROW_SIZE_INCLUDES_LONG, "Y"),
    INTEGER_INFO(SQL_MAX_STATEMENT_LEN, 0),
};

static SQLRETURN put_string(struct odbc_dbc *dbc, const char *text, SQLPOINTER value,
                            SQLSMALLINT buffer_length, SQLSMALLINT *string_length)
{
    if (buffer_length < 0)
        return odbc_diag_fail(&dbc->header.diags, "HY090", "Buffer length %d is negative",
                              (int)buffer_length);
    if (!odbc_copy_out_string_small(text, strlen(text), value, buffer_length, string_length))
        odbc_diag_post(&dbc->header.diags, "01004",
                       "The answer \"%s\" was truncated to fit a buffer of %d bytes", text,
                       (int)buffer_length);
    return SQL_SUCCESS;
}

static SQLRETURN put_uinteger(SQLPOINTER value, SQLSMALLINT *string_length, SQLUINTEGER answer)
{
    if (value != NULL)
        *(SQLUINTEGER *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLSMALLINT)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_handle(SQLPOINTER value, SQLSMALLINT *string_length, SQLHANDLE handle)
{
    if (value != NULL)
        *(SQLHANDLE *)value = handle;
    if (string_length != NULL)
        *string_length = (SQLSMALLINT)sizeof handle;
    return SQL_SUCCESS;
}

/* Server version in ODBC's ##.##.#### form: 150004 → "15.00.0004",
 * 90624 (9.6.24) → "09.06.0024". */
static void format_dbms_version(int version_number, char *out, size_t out_size)
{
    int major = version_number / 10000;
    int minor = 0;
    int release = version_number % 100;
    if (version_number < 100000)
        minor = (version_number / 100) % 100;
    snprintf(out, out_size, "%02d.%02d.%04d", major, minor, release);
}

static bool parameter_is_on(struct odbc_dbc *dbc, const char *name)
{
    const char *setting = wire_conn_parameter_status(dbc->conn, name);
    return setting != NULL && strcmp(setting, "on") == 0;
}

static SQLRETURN answer_from_connection(struct odbc_dbc *dbc, SQLUSMALLINT info_type,
                                        SQLPOINTER value, SQLSMALLINT buffer_length,
                                        SQLSMALLINT *string_length, bool *is_answered)
{
    *is_answered = true;
    const char *text = NULL;
    char version[32];
    switch (info_type) {
    case SQL_DATA_SOURCE_NAME:
        text = dbc->data_source_name != NULL ? dbc->data_source_name : "";
        return put_string(dbc, text, value, buffer_length, string_length);
    case SQL_DEFAULT_TXN_ISOLATION: {
        SQLUINTEGER isolation = SQL_TXN_READ_COMMITTED;
        struct error error;
        error_init(&error);
        if (odbc_dbc_default_isolation(dbc, &isolation, &error) != 0)
            return odbc_diag_fail_error(&dbc->header.diags, &error);
        return put_uinteger(value, string_length, isolation);
    }
    /* The driver manager passes the driver's own handles in. */
    case SQL_DRIVER_HENV:
        return put_handle(value, string_length, dbc->env);
    case SQL_DRIVER_HDBC:
        return put_handle(value, string_length, dbc);
    case SQL_DRIVER_HSTMT:
    case SQL_DRIVER_HDESC:
        if (value == NULL)
            return odbc_diag_fail(&dbc->header.diags, "HY009",
                                  "SQL_DRIVER_HSTMT and SQL_DRIVER_HDESC read the handle from "
                                  "InfoValuePtr, which is null");
        return put_handle(value, string_length, *(SQLHANDLE *)value);
    case SQL_DBMS_VER:
    case SQL_SERVER_NAME:
    case SQL_DATABASE_NAME:
    case SQL_USER_NAME:
    case SQL_DATA_SOURCE_READ_ONLY:
    case SQL_COLLATION_SEQ:
        break;
    default:
        *is_answered = false;
        return SQL_SUCCESS;
    }
    SQLRETURN live = odbc_dbc_require_live(dbc, &dbc->header.diags);
    if (live != SQL_SUCCESS)
        return live;
    switch (info_type) {
    case SQL_DBMS_VER:
        format_dbms_version(wire_conn_server_version(dbc->conn), version, sizeof version);
        text = version;
        break;
    case SQL_SERVER_NAME:
        /* The host this connection reached: with a host list, not
         * necessarily the first one listed. */
        text = wire_conn_host(dbc->conn);
        break;
    case SQL_DATABASE_NAME:
        text = dbc->database_name;
        break;
    case SQL_DATA_SOURCE_READ_ONLY:
        /* A hot standby, or a session whose transactions default to read
         * only (both reported by the server since PostgreSQL 14). */
        text = parameter_is_on(dbc, "in_hot_standby") ||
                       parameter_is_on(dbc, "default_transaction_read_only")
                   ? "Y"
                   : "N";
        break;
    case SQL_COLLATION_SEQ:
        text = wire_conn_parameter_status(dbc->conn, "server_encoding");
        break;
    default:
        text = dbc->user_name;
        break;
    }
    return put_string(dbc, text != NULL ? text : "", value, buffer_length, string_length);
}

SQLRETURN odbc_dbc_get_info(struct odbc_dbc *dbc, SQLUSMALLINT info_type, SQLPOINTER value,
                            SQLSMALLINT buffer_length, SQLSMALLINT *string_length)
{
    bool is_answered;
    SQLRETURN result =
        answer_from_connection(dbc, info_type, value, buffer_length, string_length, &is_answered);
    if (is_answered)
        return result;
    for (size_t i = 0; i < sizeof info_rows / sizeof info_rows[0]; i++) {
        const struct info_row *row = &info_rows[i];
        if (row->info_type != info_type)
            continue;
        switch (row->kind) {
        case INFO_STRING:
            return put_string(dbc, row->text, value, buffer_length, string_length);
        case INFO_USMALLINT:
            if (value != NULL)
                *(SQLUSMALLINT *)value = (SQLUSMALLINT)row->number;
            if (string_length != NULL)
                *string_length = (SQLSMALLINT)sizeof(SQLUSMALLINT);
            return SQL_SUCCESS;
        case INFO_UINTEGER:
            return put_uinteger(value, string_length, row->number);
        }
    }
    return odbc_diag_fail(&dbc->header.diags, "HY096",
                          "Information type %u is not known to the driver", (unsigned)info_type);
}

/* Every ODBC function api_*.c exports. */
static const SQLUSMALLINT exported_functions[] = {
    SQL_API_SQLTABLES,         SQL_API_SQLCOLUMNS,       SQL_API_SQLPRIMARYKEYS,
    SQL_API_SQLFOREIGNKEYS,    SQL_API_SQLSTATISTICS,    SQL_API_SQLSPECIALCOLUMNS,
    SQL_API_SQLPROCEDURES,     SQL_API_SQLPROCEDURECOLUMNS, SQL_API_SQLTABLEPRIVILEGES,
    SQL_API_SQLCOLUMNPRIVILEGES, SQL_API_SQLGETTYPEINFO,
    SQL_API_SQLALLOCHANDLE,    SQL_API_SQLFREEHANDLE,    SQL_API_SQLSETENVATTR,
    SQL_API_SQLGETENVATTR,     SQL_API_SQLCONNECT,       SQL_API_SQLDRIVERCONNECT,
    SQL_API_SQLDISCONNECT,     SQL_API_SQLGETDIAGREC,    SQL_API_SQLGETDIAGFIELD,
    SQL_API_SQLSETCONNECTATTR, SQL_API_SQLGETCONNECTATTR, SQL_API_SQLSETSTMTATTR,
    SQL_API_SQLGETSTMTATTR,    SQL_API_SQLEXECDIRECT,    SQL_API_SQLPREPARE,
    SQL_API_SQLEXECUTE,        SQL_API_SQLNUMRESULTCOLS, SQL_API_SQLDESCRIBECOL,
    SQL_API_SQLCOLATTRIBUTE,   SQL_API_SQLBINDCOL,       SQL_API_SQLFETCH,
    SQL_API_SQLFETCHSCROLL,    SQL_API_SQLGETDATA,       SQL_API_SQLROWCOUNT,
    SQL_API_SQLMORERESULTS,    SQL_API_SQLFREESTMT,      SQL_API_SQLCLOSECURSOR,
    SQL_API_SQLENDTRAN,        SQL_API_SQLTRANSACT,      SQL_API_SQLGETINFO,
    SQL_API_SQLGETFUNCTIONS,   SQL_API_SQLNATIVESQL,     SQL_API_SQLCANCEL,
    SQL_API_SQLBINDPARAMETER,  SQL_API_SQLNUMPARAMS,     SQL_API_SQLDESCRIBEPARAM,
    SQL_API_SQLPARAMDATA,      SQL_API_SQLPUTDATA,       SQL_API_SQLEXTENDEDFETCH,
    SQL_API_SQLSETPARAM,       SQL_API_SQLGETCURSORNAME, SQL_API_SQLSETCURSORNAME,
    SQL_API_SQLGETDESCFIELD,   SQL_API_SQLSETDESCFIELD,  SQL_API_SQLGETDESCREC,
    SQL_API_SQLSETDESCREC,     SQL_API_SQLCOPYDESC,      SQL_API_SQLSETPOS,
    SQL_API_SQLBULKOPERATIONS, SQL_API_SQLCANCELHANDLE,  SQL_API_SQLBROWSECONNECT,
};

static bool is_exported(SQLUSMALLINT function_id)
{
    for (size_t i = 0; i < sizeof exported_functions / sizeof exported_functions[0]; i++) {
        if (exported_functions[i] == function_id)
            return true;
    }
    return false;
}

SQLRETURN odbc_dbc_get_functions(struct odbc_dbc *dbc, SQLUSMALLINT function_id,
                                 SQLUSMALLINT *supported)
{
    if (supported == NULL)
        return odbc_diag_fail(&dbc->header.diags, "HY009", "The output pointer is null");
    if (function_id == SQL_API_ODBC3_ALL_FUNCTIONS) {
        memset(supported, 0, SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * sizeof(SQLUSMALLINT));
        for (size_t i = 0; i < sizeof exported_functions / sizeof exported_functions[0]; i++) {
            SQLUSMALLINT id = exported_functions[i];
            supported[id >> 4] = (SQLUSMALLINT)(supported[id >> 4] | (1u << (id & 0xF)));
        }
        return SQL_SUCCESS;
    }
    if (function_id == SQL_API_ALL_FUNCTIONS) {
        /* ODBC 2: an array of 100 flags, indexed by function id below 100. */
        memset(supported, 0, 100 * sizeof(SQLUSMALLINT));
        for (size_t i = 0; i < sizeof exported_functions / sizeof exported_functions[0]; i++) {
            if (exported_functions[i] < 100)
                supported[exported_functions[i]] = SQL_TRUE;
        }
        return SQL_SUCCESS;
    }
    *supported = is_exported(function_id) ? SQL_TRUE : SQL_FALSE;
    return SQL_SUCCESS;
}
