/* Connection attributes: SQLSetConnectAttr / SQLGetConnectAttr.
 * Owns: the table of attributes a connection accepts and what each
 * answers. Reference: SQLSetConnectAttr (HY024 invalid value, HY092
 * unknown or read-only attribute, HYC00 optional feature not
 * implemented, 01S02 option value changed).
 * - SQL_ATTR_LOGIN_TIMEOUT: seconds, passed to wire_connect.
 * - SQL_ATTR_CONNECTION_TIMEOUT: seconds; bounds each wait for the server
 *   that no query timeout governs (wire/conn.h): HYT01, connection given
 *   up. Applied to the open connection when set.
 * - SQL_ATTR_AUTO_IPD: read-only, SQL_FALSE.
 * - SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE: dbc_async.h.
 * - Driver-aware pooling's SQL_ATTR_DBC_INFO_TOKEN, DTC, packet size,
 *   translation: HYC00 with the reason.
 * - SQL_ATTR_RESET_CONNECTION (a driver manager's pool, before handing the
 *   connection to its next user): dbc_reset.c.
 * - SQL_ATTR_AUTOCOMMIT, SQL_ATTR_ACCESS_MODE, SQL_ATTR_TXN_ISOLATION:
 *   dbc_tran.c (set and get; its header says what each does).
 * - SQL_ATTR_CURRENT_CATALOG: the database; setting it to another is HYC00.
 * - SQL_ATTR_CONNECTION_DEAD: true when not connected, broken, or found
 *   closed by the server without a round trip (dbc_reset.c). */
#include "odbc/dbc.h"

#include <stdint.h>
#include <string.h>
#include "odbc/dbc_reset.h"
#include "odbc/strings.h"
#include "wire/conn.h"

/* ODBC 3.8 driver-aware pooling (unixODBC declares it in sqlspi.h). */
#ifndef SQL_ATTR_DBC_INFO_TOKEN
#define SQL_ATTR_DBC_INFO_TOKEN 118
#endif

static SQLRETURN unknown_attribute(struct odbc_dbc *dbc, SQLINTEGER attribute)
{
    return odbc_diag_fail(&dbc->header.diags, "HY092",
                          "Connection attribute %ld is not known to the driver", (long)attribute);
}

/* Optional attributes the driver does not offer, with the reason. */
static SQLRETURN not_offered(struct odbc_dbc *dbc, SQLINTEGER attribute)
{
    const char *reason = attribute == SQL_ATTR_PACKET_SIZE
                             ? "the protocol has no packet size to set"
                         : attribute == SQL_ATTR_ODBC_CURSORS
                             ? "the driver manager's cursor library is its own to load"
                             : "translation libraries are not supported (text is UTF-8)";
    return odbc_diag_fail(&dbc->header.diags, "HYC00", "Connection attribute %ld: %s",
                          (long)attribute, reason);
}

SQLRETURN odbc_dbc_set_attr(struct odbc_dbc *dbc, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER string_length)
{
    (void)string_length;
    struct odbc_diag_list *diags = &dbc->header.diags;
    uintptr_t number = (uintptr_t)value;
    switch (attribute) {
    case SQL_ATTR_LOGIN_TIMEOUT:
        if (number > UINT32_MAX)
            return odbc_diag_fail(diags, "HY024", "Login timeout %lu is too large",
                                  (unsigned long)number);
        dbc->login_timeout_seconds = (SQLUINTEGER)number;
        return SQL_SUCCESS;
    case SQL_ATTR_AUTOCOMMIT:
    case SQL_ATTR_ACCESS_MODE:
    case SQL_ATTR_TXN_ISOLATION:
        return odbc_dbc_set_transaction_attr(dbc, attribute, (SQLULEN)number);
    case SQL_ATTR_CURRENT_CATALOG: {
        /* Naming the database already open is no change. */
        const char *text;
        size_t length;
        const char *database = dbc->database_name;
        if (dbc->conn != NULL && database != NULL && value != NULL &&
            odbc_resolve_length(value, string_length, &text, &length) &&
            length == strlen(database) && memcmp(text, database, length) == 0)
            return SQL_SUCCESS;
        return odbc_diag_fail(diags, "HYC00",
                              "PostgreSQL cannot switch databases on an open connection; "
                              "connect with Database= instead");
    }
    case SQL_ATTR_CONNECTION_TIMEOUT:
        if (number > UINT32_MAX / 1000)
            return odbc_diag_fail(diags, "HY024", "Connection timeout %lu is too large",
                                  (unsigned long)number);
        dbc->connection_timeout_seconds = (SQLUINTEGER)number;
        if (dbc->conn != NULL)
            wire_conn_set_connection_timeout(dbc->conn, (int64_t)number * 1000);
        return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE:
        if (number != SQL_ASYNC_DBC_ENABLE_OFF && number != SQL_ASYNC_DBC_ENABLE_ON)
            return odbc_diag_fail(diags, "HY024",
                                  "SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE %lu is not ON or OFF",
                                  (unsigned long)number);
        odbc_async_set_enabled(&dbc->async, number == SQL_ASYNC_DBC_ENABLE_ON);
        return SQL_SUCCESS;
    case SQL_ATTR_RESET_CONNECTION:
        if (number != SQL_RESET_CONNECTION_YES)
            return odbc_diag_fail(diags, "HY024",
                                  "SQL_ATTR_RESET_CONNECTION %lu is not "
                                  "SQL_RESET_CONNECTION_YES",
                                  (unsigned long)number);
        return odbc_dbc_reset_connection(dbc);
    case SQL_ATTR_DBC_INFO_TOKEN:
        return odbc_diag_fail(diags, "HYC00",
                              "Driver-aware connection pooling is not supported "
                              "(SQL_DRIVER_AWARE_POOLING_SUPPORTED says so)");
    case SQL_ATTR_ENLIST_IN_DTC:
        return odbc_diag_fail(diags, "HYC00", "Distributed transactions are not supported");
    case SQL_ATTR_AUTO_IPD:
        return odbc_diag_fail(diags, "HY092", "SQL_ATTR_AUTO_IPD is read-only");
    case SQL_ATTR_QUIET_MODE:
        dbc->quiet_mode = value;
        return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID:
        if (number != SQL_TRUE && number != SQL_FALSE)
            return odbc_diag_fail(diags, "HY024", "SQL_ATTR_METADATA_ID %lu is not a boolean",
                                  (unsigned long)number);
        dbc->metadata_id = (SQLUINTEGER)number;
        return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
        /* For the statements allocated from now on (the reference leaves
         * existing ones to the driver: they keep their own setting). */
        if (number != SQL_ASYNC_ENABLE_OFF && number != SQL_ASYNC_ENABLE_ON)
            return odbc_diag_fail(diags, "HY024", "SQL_ATTR_ASYNC_ENABLE %lu is not ON or OFF",
                                  (unsigned long)number);
        dbc->is_async_enabled = number == SQL_ASYNC_ENABLE_ON;
        return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE:
    case SQL_ATTR_TRANSLATE_LIB:
    case SQL_ATTR_TRANSLATE_OPTION:
    case SQL_ATTR_ODBC_CURSORS:
        return not_offered(dbc, attribute);
    case SQL_ATTR_CONNECTION_DEAD:
        return odbc_diag_fail(diags, "HY092", "SQL_ATTR_CONNECTION_DEAD is read-only");
    default:
        return unknown_attribute(dbc, attribute);
    }
}

static SQLRETURN put_uinteger(SQLPOINTER value, SQLINTEGER *string_length, SQLUINTEGER answer)
{
    if (value != NULL)
        *(SQLUINTEGER *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

SQLRETURN odbc_dbc_get_attr(struct odbc_dbc *dbc, SQLINTEGER attribute, SQLPOINTER value,
                            SQLINTEGER buffer_length, SQLINTEGER *string_length)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    switch (attribute) {
    case SQL_ATTR_LOGIN_TIMEOUT:
        return put_uinteger(value, string_length, dbc->login_timeout_seconds);
    case SQL_ATTR_CONNECTION_TIMEOUT:
        return put_uinteger(value, string_length, dbc->connection_timeout_seconds);
    case SQL_ATTR_AUTOCOMMIT:
    case SQL_ATTR_ACCESS_MODE:
    case SQL_ATTR_TXN_ISOLATION: {
        SQLUINTEGER answer = 0;
        SQLRETURN result = odbc_dbc_get_transaction_attr(dbc, attribute, &answer);
        if (result != SQL_SUCCESS)
            return result;
        return put_uinteger(value, string_length, answer);
    }
    case SQL_ATTR_ASYNC_ENABLE:
        return put_uinteger(value, string_length,
                            dbc->is_async_enabled ? SQL_ASYNC_ENABLE_ON : SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE:
        return put_uinteger(value, string_length,
                            odbc_async_is_enabled(&dbc->async) ? SQL_ASYNC_DBC_ENABLE_ON
                                                               : SQL_ASYNC_DBC_ENABLE_OFF);
    case SQL_ATTR_AUTO_IPD:
        return put_uinteger(value, string_length, SQL_FALSE);
    case SQL_ATTR_PACKET_SIZE:
    case SQL_ATTR_TRANSLATE_LIB:
    case SQL_ATTR_TRANSLATE_OPTION:
    case SQL_ATTR_ODBC_CURSORS:
        return not_offered(dbc, attribute);
    case SQL_ATTR_METADATA_ID:
        return put_uinteger(value, string_length, dbc->metadata_id);
    case SQL_ATTR_CONNECTION_DEAD: {
        return put_uinteger(value, string_length,
                            odbc_dbc_is_dead(dbc) ? SQL_CD_TRUE : SQL_CD_FALSE);
    }
    case SQL_ATTR_QUIET_MODE:
        if (value != NULL)
            *(SQLPOINTER *)value = dbc->quiet_mode;
        if (string_length != NULL)
            *string_length = (SQLINTEGER)sizeof(SQLPOINTER);
        return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG: {
        if (dbc->conn == NULL)
            return odbc_diag_fail(diags, "08003", "The connection is not open");
        if (buffer_length < 0)
            return odbc_diag_fail(diags, "HY090", "Buffer length %ld is negative",
                                  (long)buffer_length);
        const char *database = dbc->database_name != NULL ? dbc->database_name : "";
        size_t length = strlen(database);
        if (string_length != NULL)
            *string_length = odbc_clamp_integer(length);
        if (!odbc_copy_out_string(database, length, value, buffer_length))
            odbc_diag_post(diags, "01004", "The database name was truncated to fit the buffer");
        return SQL_SUCCESS;
    }
    default:
        return unknown_attribute(dbc, attribute);
    }
}
