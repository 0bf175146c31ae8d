/* SQLGetInfo and SQLGetFunctions.
 * Owns: what the driver says about itself and the server: one table of
 * fixed answers (string, 16-bit or 32-bit), a few answers computed from
 * the connection (names, server version), and the list of exported ODBC
 * functions. Reference: SQLGetInfo's information types; SQLGetFunctions
 * (SQL_API_ODBC3_ALL_FUNCTIONS bitmap, SQL_API_ALL_FUNCTIONS array of
 * 100). Unknown information types are HY096.
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
#define IDENTIFIER_MAX_LENGTH 63

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
    SMALL_INFO(SQL_MAX_CONCURRENT_ACTIVITIES, 0),
    INTEGER_INFO(SQL_ASYNC_MODE, SQL_AM_NONE),
    INTEGER_INFO(SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, 0),
    INTEGER_INFO(SQL_ASYNC_DBC_FUNCTIONS, SQL_ASYNC_DBC_NOT_CAPABLE),
    INTEGER_INFO(SQL_DRIVER_AWARE_POOLING_SUPPORTED, SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE),
    INTEGER_INFO(SQL_GETDATA_EXTENSIONS, SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER),
    SMALL_INFO(SQL_FILE_USAGE, SQL_FILE_NOT_SUPPORTED),
    INTEGER_INFO(SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OIC_CORE),
    SMALL_INFO(SQL_ODBC_API_CONFORMANCE, SQL_OAC_LEVEL1),
    SMALL_INFO(SQL_ODBC_SQL_CONFORMANCE, SQL_OSC_CORE),
    SMALL_INFO(SQL_ODBC_SAG_CLI_CONFORMANCE, SQL_OSCC_COMPLIANT),
    INTEGER_INFO(SQL_STANDARD_CLI_CONFORMANCE, SQL_SCC_ISO92_CLI),
    STRING_INFO(SQL_XOPEN_CLI_YEAR, "1995"),
    INTEGER_INFO(SQL_SQL_CONFORMANCE, SQL_SC_SQL92_ENTRY),
    /* Open cursors survive SQLEndTran: a result still streaming is read to
     * its end first (dbc_tran.c), prepared statements stay prepared. */
    SMALL_INFO(SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CB_PRESERVE),
    SMALL_INFO(SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CB_PRESERVE),
    INTEGER_INFO(SQL_CURSOR_SENSITIVITY, SQL_INSENSITIVE),
    INTEGER_INFO(SQL_SCROLL_OPTIONS, SQL_SO_FORWARD_ONLY | SQL_SO_STATIC),
    INTEGER_INFO(SQL_SCROLL_CONCURRENCY, SQL_SCCO_READ_ONLY),
    INTEGER_INFO(SQL_FETCH_DIRECTION, SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST |
                                          SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE |
                                          SQL_FD_FETCH_RELATIVE),
    INTEGER_INFO(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT),
    INTEGER_INFO(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2,
                 SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT),
    INTEGER_INFO(SQL_STATIC_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE),
    INTEGER_INFO(SQL_STATIC_CURSOR_ATTRIBUTES2,
                 SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT),
    INTEGER_INFO(SQL_KEYSET_CURSOR_ATTRIBUTES1, 0),
    INTEGER_INFO(SQL_KEYSET_CURSOR_ATTRIBUTES2, 0),
    INTEGER_INFO(SQL_DYNAMIC_CURSOR_ATTRIBUTES1, 0),
    INTEGER_INFO(SQL_DYNAMIC_CURSOR_ATTRIBUTES2, 0),
    INTEGER_INFO(SQL_STATIC_SENSITIVITY, 0),
    INTEGER_INFO(SQL_BOOKMARK_PERSISTENCE, 0),
    INTEGER_INFO(SQL_LOCK_TYPES, 0),
    INTEGER_INFO(SQL_POS_OPERATIONS, 0),
    INTEGER_INFO(SQL_POSITIONED_STATEMENTS, 0),
    STRING_INFO(SQL_ROW_UPDATES, "N"),
    INTEGER_INFO(SQL_BATCH_ROW_COUNT, SQL_BRC_EXPLICIT),
    INTEGER_INFO(SQL_BATCH_SUPPORT, SQL_BS_SELECT_EXPLICIT | SQL_BS_ROW_COUNT_EXPLICIT),
    INTEGER_INFO(SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARC_NO_BATCH), /* one summed count */
    INTEGER_INFO(SQL_PARAM_ARRAY_SELECTS, SQL_PAS_BATCH), /* one result per set */
    STRING_INFO(SQL_MULT_RESULT_SETS, "Y"),
    STRING_INFO(SQL_MULTIPLE_ACTIVE_TXN, "Y"),
    STRING_INFO(SQL_NEED_LONG_DATA_LEN, "N"),
    STRING_INFO(SQL_DESCRIBE_PARAMETER, "Y"),
    STRING_INFO(SQL_ACCESSIBLE_PROCEDURES, "N"),
    STRING_INFO(SQL_ACCESSIBLE_TABLES, "N"),
    STRING_INFO(SQL_DATA_SOURCE_READ_ONLY, "N"),
    INTEGER_INFO(SQL_DTC_TRANSITION_COST, 0),

    /* Transactions */
    SMALL_INFO(SQL_TXN_CAPABLE, SQL_TC_ALL),
    /* SQL_DEFAULT_TXN_ISOLATION is the server's (answer_from_connection).
     * READ UNCOMMITTED is accepted and runs as READ COMMITTED, which the
     * SQL standard allows (a level may be stricter than asked). */
    INTEGER_INFO(SQL_TXN_ISOLATION_OPTION, SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED |
                                               SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE),

    /* DBMS and SQL */
    STRING_INFO(SQL_DBMS_NAME, "PostgreSQL"),
    STRING_INFO(SQL_IDENTIFIER_QUOTE_CHAR, "\""),
    SMALL_INFO(SQL_IDENTIFIER_CASE, SQL_IC_LOWER),
    SMALL_INFO(SQL_QUOTED_IDENTIFIER_CASE, SQL_IC_SENSITIVE),
    STRING_INFO(SQL_CATALOG_NAME, "N"),
    STRING_INFO(SQL_CATALOG_NAME_SEPARATOR, ""),
    STRING_INFO(SQL_CATALOG_TERM, ""),
    SMALL_INFO(SQL_CATALOG_LOCATION, 0),
    INTEGER_INFO(SQL_CATALOG_USAGE, 0),
    STRING_INFO(SQL_SCHEMA_TERM, "schema"),
    INTEGER_INFO(SQL_SCHEMA_USAGE, SQL_SU_DML_STATEMENTS | SQL_SU_TABLE_DEFINITION |
                                       SQL_SU_INDEX_DEFINITION | SQL_SU_PRIVILEGE_DEFINITION),
    STRING_INFO(SQL_TABLE_TERM, "table"),
    STRING_INFO(SQL_PROCEDURE_TERM, "function"),
    STRING_INFO(SQL_PROCEDURES, "N"),
    STRING_INFO(SQL_SEARCH_PATTERN_ESCAPE, "\\"),
    STRING_INFO(SQL_SPECIAL_CHARACTERS, "_$"),
    STRING_INFO(SQL_KEYWORDS, ""),
    STRING_INFO(SQL_LIKE_ESCAPE_CLAUSE, "Y"),
    STRING_INFO(SQL_COLUMN_ALIAS, "Y"),
    STRING_INFO(SQL_EXPRESSIONS_IN_ORDERBY, "Y"),
    STRING_INFO(SQL_ORDER_BY_COLUMNS_IN_SELECT, "N"),
    STRING_INFO(SQL_OUTER_JOINS, "Y"),
    STRING_INFO(SQL_INTEGRITY, "Y"),
    STRING_INFO(SQL_COLLATION_SEQ, ""),
    STRING_INFO(SQL_MAX_ROW_SIZE_INCLUDES_LONG, "Y"),
    SMALL_INFO(SQL_CONCAT_NULL_BEHAVIOR, SQL_CB_NULL),
    SMALL_INFO(SQL_CORRELATION_NAME, SQL_CN_ANY),
    SMALL_INFO(SQL_GROUP_BY, SQL_GB_GROUP_BY_CONTAINS_SELECT),
    SMALL_INFO(SQL_NON_NULLABLE_COLUMNS, SQL_NNC_NON_NULL),
    SMALL_INFO(SQL_NULL_COLLATION, SQL_NC_HIGH),
    INTEGER_INFO(SQL_OJ_CAPABILITIES, SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED |
                                          SQL_OJ_NOT_ORDERED | SQL_OJ_INNER |
                                          SQL_OJ_ALL_COMPARISON_OPS),
    INTEGER_INFO(SQL_SUBQUERIES, SQL_SQ_CORRELATED_SUBQUERIES | SQL_SQ_COMPARISON |
                                     SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED),
    INTEGER_INFO(SQL_UNION, SQL_U_UNION | SQL_U_UNION_ALL),
    INTEGER_INFO(SQL_AGGREGATE_FUNCTIONS, SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT |
                                              SQL_AF_DISTINCT | SQL_AF_MAX | SQL_AF_MIN |
                                              SQL_AF_SUM),
    INTEGER_INFO(SQL_ALTER_TABLE, SQL_AT_ADD_COLUMN | SQL_AT_DROP_COLUMN |
                                      SQL_AT_ADD_CONSTRAINT),
    INTEGER_INFO(SQL_CREATE_TABLE, SQL_CT_CREATE_TABLE | SQL_CT_COLUMN_CONSTRAINT |
                                       SQL_CT_COLUMN_DEFAULT | SQL_CT_TABLE_CONSTRAINT),
    INTEGER_INFO(SQL_DROP_TABLE, SQL_DT_DROP_TABLE | SQL_DT_RESTRICT | SQL_DT_CASCADE),
    INTEGER_INFO(SQL_CREATE_VIEW, SQL_CV_CREATE_VIEW),
    INTEGER_INFO(SQL_DROP_VIEW, SQL_DV_DROP_VIEW | SQL_DV_RESTRICT | SQL_DV_CASCADE),
    INTEGER_INFO(SQL_CREATE_SCHEMA, SQL_CS_CREATE_SCHEMA | SQL_CS_AUTHORIZATION),
    INTEGER_INFO(SQL_DROP_SCHEMA, SQL_DS_DROP_SCHEMA | SQL_DS_RESTRICT | SQL_DS_CASCADE),
    INTEGER_INFO(SQL_DDL_INDEX, SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX),
    INTEGER_INFO(SQL_INDEX_KEYWORDS, SQL_IK_ASC | SQL_IK_DESC),
    INTEGER_INFO(SQL_INSERT_STATEMENT, SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED |
                                           SQL_IS_SELECT_INTO),
    INTEGER_INFO(SQL_INFO_SCHEMA_VIEWS, 0),
    INTEGER_INFO(SQL_DATETIME_LITERALS, 0),
    INTEGER_INFO(SQL_CONVERT_FUNCTIONS, SQL_FN_CVT_CAST),
    INTEGER_INFO(SQL_NUMERIC_FUNCTIONS, 0),
    INTEGER_INFO(SQL_STRING_FUNCTIONS, 0),
    INTEGER_INFO(SQL_SYSTEM_FUNCTIONS, 0),
    INTEGER_INFO(SQL_TIMEDATE_FUNCTIONS, 0),
    INTEGER_INFO(SQL_TIMEDATE_ADD_INTERVALS, 0),
    INTEGER_INFO(SQL_TIMEDATE_DIFF_INTERVALS, 0),
    INTEGER_INFO(SQL_SQL92_PREDICATES, SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS |
                                           SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL |
                                           SQL_SP_LIKE | SQL_SP_QUANTIFIED_COMPARISON),
    INTEGER_INFO(SQL_SQL92_RELATIONAL_JOIN_OPERATORS,
                 SQL_SRJO_CROSS_JOIN | SQL_SRJO_FULL_OUTER_JOIN | SQL_SRJO_INNER_JOIN |
                     SQL_SRJO_LEFT_OUTER_JOIN | SQL_SRJO_NATURAL_JOIN |
                     SQL_SRJO_RIGHT_OUTER_JOIN),
    INTEGER_INFO(SQL_SQL92_VALUE_EXPRESSIONS,
                 SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF),
    INTEGER_INFO(SQL_SQL92_STRING_FUNCTIONS, 0),
    INTEGER_INFO(SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, 0),
    INTEGER_INFO(SQL_SQL92_DATETIME_FUNCTIONS, 0),
    INTEGER_INFO(SQL_SQL92_FOREIGN_KEY_DELETE_RULE, 0),
    INTEGER_INFO(SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, 0),
    INTEGER_INFO(SQL_SQL92_GRANT, 0),
    INTEGER_INFO(SQL_SQL92_REVOKE, 0),
    INTEGER_INFO(SQL_SQL92_ROW_VALUE_CONSTRUCTOR, 0),

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
    SMALL_INFO(SQL_MAX_COLUMNS_IN_INDEX, 32),
    SMALL_INFO(SQL_MAX_COLUMNS_IN_ORDER_BY, 0),
    SMALL_INFO(SQL_MAX_COLUMNS_IN_SELECT, 1664),
    SMALL_INFO(SQL_MAX_COLUMNS_IN_TABLE, 1600),
    SMALL_INFO(SQL_MAX_TABLES_IN_SELECT, 0),
    INTEGER_INFO(SQL_MAX_BINARY_LITERAL_LEN, 0),
    INTEGER_INFO(SQL_MAX_CHAR_LITERAL_LEN, 0),
    INTEGER_INFO(SQL_MAX_INDEX_SIZE, 0),
    INTEGER_INFO(SQL_MAX_ROW_SIZE, 0),
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
        SQLUINTEGER level = odbc_dbc_default_isolation(dbc);
        if (value != NULL)
            *(SQLUINTEGER *)value = level;
        if (string_length != NULL)
            *string_length = (SQLSMALLINT)sizeof level;
        return SQL_SUCCESS;
    }
    case SQL_DBMS_VER:
    case SQL_SERVER_NAME:
    case SQL_DATABASE_NAME:
    case SQL_USER_NAME:
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
        text = dbc->server_name;
        break;
    case SQL_DATABASE_NAME:
        text = dbc->database_name;
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
            if (value != NULL)
                *(SQLUINTEGER *)value = row->number;
            if (string_length != NULL)
                *string_length = (SQLSMALLINT)sizeof(SQLUINTEGER);
            return SQL_SUCCESS;
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
    SQL_API_SQLSETPARAM,
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
