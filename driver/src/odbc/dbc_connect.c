/* Connecting: SQLConnect and SQLDriverConnect.
 * Owns: the walk string → settings → service, DSN and environment merges
 * (in that precedence, after the string) → connect_params → password file
 * (when no password was given) → wire_connect, the names SQLGetInfo reports afterwards, the completed
 * out-string and SAVEFILE. Leaves the grammar, keywords, DSN reading and
 * out-string text to connstr/, and the protocol to wire/.
 * Reference: SQLConnect (server name = DSN; the user and password
 * arguments override the DSN's), SQLDriverConnect (DSN values fill what
 * the string leaves out; the completed string goes to the out buffer with
 * 01004 when it does not fit and its full length in *StringLength2Ptr).
 * There is no dialog: SQL_DRIVER_COMPLETE and _COMPLETE_REQUIRED behave
 * like SQL_DRIVER_NOPROMPT, SQL_DRIVER_PROMPT without a window handle is
 * HY092 and with one behaves like NOPROMPT; other values are HY110. */
#include "odbc/dbc.h"

#include <string.h>
#include "connstr/connstr.h"
#include "connstr/options.h"
#include "connstr/pgpass.h"
#include "connstr/service.h"
#include "odbc/strings.h"
#include "params/connect_params.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "wire/conn.h"

#define OUT_STRING_MAX_BYTES 65536

static char *copy_text(const char *text)
{
    return alloc_strdup(text != NULL ? text : "");
}

static SQLRETURN connect_with_settings(struct odbc_dbc *dbc,
                                       const struct connstr_settings *settings,
                                       const char *dsn_name)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    struct connect_params params;
    if (params_init(&params) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory while preparing to connect");
    struct error error;
    error_init(&error);
    struct connstr_options options;
    connstr_options_init(&options);
    if (connstr_settings_to_params(settings, &params, &error) != 0 ||
        connstr_settings_to_options(settings, &options, &error) != 0 ||
        connstr_apply_passfile(settings, &params, &dbc->notice_sink, &error) != 0) {
        params_reset(&params);
        return odbc_diag_fail_error(diags, &error);
    }
    if (!options.is_wide_char_types_given)
        options.has_wide_char_types = dbc->is_wide_application;
    /* SQL_ATTR_LOGIN_TIMEOUT and the LoginTimeout keyword: the shorter. */
    int64_t login_timeout_ms = (int64_t)dbc->login_timeout_seconds * 1000;
    if (params.login_timeout_ms > 0 &&
        (login_timeout_ms == 0 || params.login_timeout_ms < login_timeout_ms))
        login_timeout_ms = params.login_timeout_ms;
    struct wire_conn *conn = NULL;
    if (wire_connect(&params, login_timeout_ms, &dbc->notice_sink, &conn, &error) != 0) {
        params_reset(&params);
        return odbc_diag_fail_error(diags, &error);
    }
    dbc->is_replication = params.replication != PARAMS_REPLICATION_NONE;
    /* SQL_ATTR_CONNECTION_TIMEOUT set before connecting applies now. */
    wire_conn_set_connection_timeout(conn, (int64_t)dbc->connection_timeout_seconds * 1000);
    struct error token_error;
    error_init(&token_error);
    /* NULL when the server sent no backend key: SQLCancel then fails. */
    dbc->cancel_token = wire_cancel_token_new(conn, &token_error);
    const char *database =
        params.database != NULL && params.database[0] != '\0' ? params.database : params.user;
    dbc->data_source_name = copy_text(dsn_name);
    dbc->database_name = copy_text(database);
    dbc->user_name = copy_text(params.user);
    params_reset(&params);
    dbc->conn = conn;
    if (dbc->data_source_name == NULL || dbc->database_name == NULL || dbc->user_name == NULL) {
        SQLRETURN ignored = odbc_dbc_disconnect(dbc);
        (void)ignored;
        return odbc_diag_fail(diags, "HY001", "Out of memory after connecting");
    }
    dbc->options = options;
    odbc_statement_cache_init(&dbc->statement_cache, options.statement_cache_size);
    odbc_dbc_route_notices(dbc, diags);
    if (odbc_dbc_apply_transaction_settings(dbc, &error) != 0) {
        SQLRETURN ignored = odbc_dbc_disconnect(dbc);
        (void)ignored;
        return odbc_diag_fail_error(diags, &error);
    }
    return SQL_SUCCESS;
}

static bool has_service(const struct connstr_settings *settings)
{
    const char *service = connstr_settings_get(settings, "Service");
    return service != NULL && service[0] != '\0';
}

/* Fills what the connection string left unset: a service the string
 * names, then the DSN (when merge_dsn), then a service only the DSN or
 * PGSERVICE names, then libpq's environment variables. Each fills only
 * keywords still unset, so this order is the precedence. */
static int merge_sources(struct odbc_dbc *dbc, struct connstr_settings *settings, bool merge_dsn,
                         const char *dsn, struct error *error)
{
    bool is_service_merged = false;
    if (has_service(settings)) {
        if (connstr_merge_service(settings, &dbc->notice_sink, error) != 0)
            return -1;
        is_service_merged = true;
    }
    if (merge_dsn && connstr_merge_dsn(settings, dsn, &dbc->notice_sink, error) != 0)
        return -1;
    if (!is_service_merged && connstr_merge_service(settings, &dbc->notice_sink, error) != 0)
        return -1;
    return connstr_merge_environment(settings, error);
}

/* Puts an argument of SQLConnect into the settings when it was given. */
static SQLRETURN put_argument(struct odbc_dbc *dbc, struct connstr_settings *settings,
                              const char *keyword, const SQLCHAR *text, SQLSMALLINT length,
                              bool *was_given)
{
    *was_given = false;
    if (text == NULL)
        return SQL_SUCCESS;
    const char *value;
    size_t value_length;
    if (!odbc_resolve_length(text, length, &value, &value_length))
        return odbc_diag_fail(&dbc->header.diags, "HY090",
                              "Length %d of the %s argument is neither SQL_NTS nor a byte count",
                              (int)length, keyword);
    if (value_length == 0)
        return SQL_SUCCESS;
    struct error error;
    error_init(&error);
    if (connstr_settings_put(settings, keyword, value, value_length, &error) != 0)
        return odbc_diag_fail_error(&dbc->header.diags, &error);
    *was_given = true;
    return SQL_SUCCESS;
}

SQLRETURN odbc_dbc_connect(struct odbc_dbc *dbc, const SQLCHAR *server_name,
                           SQLSMALLINT server_name_length, const SQLCHAR *user_name,
                           SQLSMALLINT user_name_length, const SQLCHAR *authentication,
                           SQLSMALLINT authentication_length)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    if (dbc->conn != NULL)
        return odbc_diag_fail(diags, "08002", "The connection is already open");

    struct connstr_settings settings;
    connstr_settings_init(&settings);
    SQLRETURN result;
    bool has_dsn;
    bool was_given;
    result = put_argument(dbc, &settings, "UID", user_name, user_name_length, &was_given);
    if (result == SQL_SUCCESS)
        result = put_argument(dbc, &settings, "PWD", authentication, authentication_length,
                              &was_given);
    if (result == SQL_SUCCESS)
        result = put_argument(dbc, &settings, "DSN", server_name, server_name_length, &has_dsn);
    if (result == SQL_SUCCESS) {
        const char *dsn = has_dsn ? connstr_settings_get(&settings, "DSN") : NULL;
        struct error error;
        error_init(&error);
        if (merge_sources(dbc, &settings, has_dsn, dsn, &error) != 0)
            result = odbc_diag_fail_error(diags, &error);
    }
    if (result == SQL_SUCCESS)
        result = connect_with_settings(dbc, &settings,
                                       has_dsn ? connstr_settings_get(&settings, "DSN") : "");
    connstr_settings_reset(&settings);
    return result;
}

SQLRETURN odbc_dbc_put_connect_string(struct odbc_dbc *dbc, struct buf *text, bool is_written,
                                      const char *what, SQLCHAR *out_string,
                                      SQLSMALLINT out_buffer_length, SQLSMALLINT *out_length)
{
    if (!is_written) {
        buf_reset(text);
        return odbc_diag_fail(&dbc->header.diags, "HY001", "Out of memory while writing the %s",
                              what);
    }
    const char *written = (const char *)text->data;
    size_t length = written != NULL ? strnlen(written, text->length) : 0;
    if (!odbc_copy_out_string_small(written != NULL ? written : "", length, out_string,
                                    out_buffer_length, out_length))
        odbc_diag_post(&dbc->header.diags, "01004",
                       "The %s (%zu bytes) was truncated to fit the buffer of %d bytes", what,
                       length, (int)out_buffer_length);
    buf_reset(text);
    return SQL_SUCCESS;
}

static SQLRETURN return_out_string(struct odbc_dbc *dbc, const struct connstr_settings *settings,
                                   SQLCHAR *out_string, SQLSMALLINT out_buffer_length,
                                   SQLSMALLINT *out_length)
{
    struct buf text;
    buf_init(&text, OUT_STRING_MAX_BYTES);
    bool is_written = connstr_write_out_string(settings, &text) == 0;
    return odbc_dbc_put_connect_string(dbc, &text, is_written, "completed connection string",
                                       out_string, out_buffer_length, out_length);
}

SQLRETURN odbc_dbc_driver_connect(struct odbc_dbc *dbc, SQLHWND window,
                                  const SQLCHAR *in_string, SQLSMALLINT in_length,
                                  SQLCHAR *out_string, SQLSMALLINT out_buffer_length,
                                  SQLSMALLINT *out_length, SQLUSMALLINT completion)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    if (dbc->conn != NULL)
        return odbc_diag_fail(diags, "08002", "The connection is already open");
    switch (completion) {
    case SQL_DRIVER_NOPROMPT:
    case SQL_DRIVER_COMPLETE:
    case SQL_DRIVER_COMPLETE_REQUIRED:
        break;
    case SQL_DRIVER_PROMPT:
        if (window == NULL)
            return odbc_diag_fail(diags, "HY092",
                                  "SQL_DRIVER_PROMPT needs a window handle; this driver has "
                                  "no dialog, use SQL_DRIVER_NOPROMPT");
        break;
    default:
        return odbc_diag_fail(diags, "HY110",
                              "Driver completion %u is not SQL_DRIVER_NOPROMPT, "
                              "SQL_DRIVER_COMPLETE, SQL_DRIVER_COMPLETE_REQUIRED or "
                              "SQL_DRIVER_PROMPT",
                              (unsigned)completion);
    }
    if (out_buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Output buffer length %d is negative",
                              (int)out_buffer_length);
    const char *text;
    size_t length;
    if (!odbc_resolve_length(in_string, in_length, &text, &length))
        return odbc_diag_fail(diags, "HY090",
                              "Connection string length %d is neither SQL_NTS nor a byte count",
                              (int)in_length);

    struct connstr_settings settings;
    connstr_settings_init(&settings);
    struct error error;
    error_init(&error);
    SQLRETURN result = SQL_SUCCESS;
    if (connstr_parse_string(text, length, &settings, &dbc->notice_sink, &error) != 0)
        result = odbc_diag_fail_error(diags, &error);
    const char *dsn = NULL;
    if (result == SQL_SUCCESS) {
        dsn = connstr_settings_get(&settings, "DSN");
        if (dsn != NULL && dsn[0] == '\0')
            dsn = NULL;
        bool merge_dsn = dsn != NULL || connstr_settings_get(&settings, "FILEDSN") != NULL;
        if (merge_sources(dbc, &settings, merge_dsn, dsn, &error) != 0)
            result = odbc_diag_fail_error(diags, &error);
    }
    if (result == SQL_SUCCESS)
        result = connect_with_settings(dbc, &settings, dsn != NULL ? dsn : "");
    if (result == SQL_SUCCESS) {
        result = return_out_string(dbc, &settings, out_string, out_buffer_length, out_length);
        /* A connect that answers an error leaves no open connection. */
        if (result != SQL_SUCCESS) {
            SQLRETURN ignored = odbc_dbc_disconnect(dbc);
            (void)ignored;
        }
    }
    if (result == SQL_SUCCESS && connstr_settings_get(&settings, "SAVEFILE") != NULL) {
        if (connstr_save_file_dsn(&settings, &error) != 0)
            odbc_diag_add(diags, &error, true, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
    }
    connstr_settings_reset(&settings);
    return result;
}
