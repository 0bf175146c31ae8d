/* SQLBrowseConnect: connecting in steps.
 * Owns: what each browsing handle was given so far, the check for what is
 * still missing, and the browse result connection string. Connecting is
 * odbc_dbc_driver_connect's (dbc_connect.c): the keywords gathered are
 * handed to it as one connection string, so that merges (service, DSN,
 * environment, password file), the completed out-string (PWD left out) and
 * every error are SQLDriverConnect's.
 * Reference (SQLBrowseConnect, "Connecting with SQLBrowseConnect"): the
 * first request names DSN or DRIVER; each SQL_NEED_DATA returns the browse
 * result "KEYWORD:Prompt=?;*OPTIONAL:Prompt=?" ('*' marks an optional
 * keyword, '?' a value the user types); later requests carry the values,
 * and the driver keeps those of earlier steps. An unknown keyword is 01S00
 * with SQL_NEED_DATA. SQL_ERROR returns the handle to its unconnected
 * state; SQLDisconnect ends a browse (odbc_dbc_browse_cancel).
 * This driver asks for UID and PWD when neither the request nor a DSN,
 * service or libpq environment variable supplies them, and offers Server
 * and Database as optional keywords. An empty PWD counts as given (a role
 * that needs no password, or a password file that has it).
 * The state between steps hangs off the handle (dbc->browse), used only
 * under the handle's lock, as every call of a connection is. */
#include "odbc/dbc_browse.h"

#include <string.h>
#include "connstr/connstr.h"
#include "connstr/service.h"
#include "odbc/strings.h"
#include "params/connect_params.h"
#include "util/alloc.h"
#include "util/buf.h"

#define BROWSE_STRING_MAX_BYTES 65536

struct odbc_browse_state {
    struct connstr_settings given; /* every keyword the requests named */
    bool has_needed_data;          /* SQL_NEED_DATA answered: the driver
                                      manager now holds the handle in its
                                      browsing state */
    bool has_failed;               /* the browse ended in SQL_ERROR */
};

static struct odbc_browse_state *add_state(struct odbc_dbc *dbc)
{
    struct odbc_browse_state *state = alloc_zeroed(sizeof *state);
    if (state == NULL)
        return NULL;
    connstr_settings_init(&state->given);
    dbc->browse = state;
    return state;
}

/* Frees dbc's state; false when it had none. */
static bool remove_state(struct odbc_dbc *dbc)
{
    struct odbc_browse_state *state = dbc->browse;
    if (state == NULL)
        return false;
    dbc->browse = NULL;
    connstr_settings_reset(&state->given);
    alloc_free(state);
    return true;
}

bool odbc_dbc_browse_cancel(struct odbc_dbc *dbc)
{
    return remove_state(dbc);
}

/* The browse ended in SQL_ERROR: back to the unconnected state. When the
 * driver manager already holds the handle as browsing (a SQL_NEED_DATA was
 * answered; unixODBC keeps that state after an error), a marker stays so
 * that SQLDisconnect succeeds; otherwise nothing is kept. */
static SQLRETURN end_in_error(struct odbc_dbc *dbc, struct odbc_browse_state *state,
                              SQLRETURN result)
{
    if (state == NULL || !state->has_needed_data) {
        (void)remove_state(dbc);
        return result;
    }
    connstr_settings_reset(&state->given);
    connstr_settings_init(&state->given);
    state->has_failed = true;
    return result;
}

/* Forwards warnings to the connection's sink, counting unknown keywords. */
struct counting_sink {
    const struct notice_sink *forward;
    size_t unknown_keyword_count;
};

static void count_and_forward(void *context, const struct error *notice)
{
    struct counting_sink *sink = context;
    if (strcmp(notice->sqlstate, "01S00") == 0)
        sink->unknown_keyword_count++;
    notice_sink_emit(sink->forward, notice);
}

static bool is_set(const struct connstr_settings *settings, const char *keyword)
{
    const char *value = connstr_settings_get(settings, keyword);
    return value != NULL && value[0] != '\0';
}

/* Whether the request starts a browse: it names a data source or driver. */
static bool names_source(const struct connstr_settings *request)
{
    return connstr_settings_get(request, "DSN") != NULL ||
           connstr_settings_get(request, "DRIVER") != NULL ||
           connstr_settings_get(request, "FILEDSN") != NULL;
}

static int copy_settings(const struct connstr_settings *from, struct connstr_settings *to,
                         struct error *error)
{
    for (size_t i = 0; i < from->count; i++) {
        const struct connstr_setting *item = &from->items[i];
        if (connstr_settings_put(to, item->canonical_keyword, item->value, item->value_length,
                                 error) != 0)
            return -1;
    }
    return 0;
}

/* What connecting would see: the keywords given, then (each filling only
 * what is unset, in dbc_connect.c's order) a service the string names, the
 * DSN, a service only the DSN or PGSERVICE names, the environment. Their
 * warnings are dropped here: connecting reads them again and reports them. */
static int merge_what_connecting_sees(const struct connstr_settings *given,
                                      struct connstr_settings *merged, struct error *error)
{
    if (copy_settings(given, merged, error) != 0)
        return -1;
    bool is_service_merged = false;
    if (is_set(merged, "Service")) {
        if (connstr_merge_service(merged, NULL, error) != 0)
            return -1;
        is_service_merged = true;
    }
    const char *dsn = connstr_settings_get(merged, "DSN");
    if (dsn != NULL && dsn[0] == '\0')
        dsn = NULL;
    if ((dsn != NULL || connstr_settings_get(merged, "FILEDSN") != NULL) &&
        connstr_merge_dsn(merged, dsn, NULL, error) != 0)
        return -1;
    if (!is_service_merged && connstr_merge_service(merged, NULL, error) != 0)
        return -1;
    return connstr_merge_environment(merged, error);
}

struct browse_needs {
    bool needs_user;
    bool needs_password;
    bool offers_server;
    bool offers_database;
};

static int find_needs(const struct connstr_settings *given, struct browse_needs *needs,
                      struct error *error)
{
    struct connstr_settings merged;
    connstr_settings_init(&merged);
    int result = merge_what_connecting_sees(given, &merged, error);
    if (result == 0) {
        needs->needs_user = !is_set(&merged, "UID");
        needs->needs_password = connstr_settings_get(&merged, "PWD") == NULL;
        needs->offers_server = !is_set(&merged, "Server") && !is_set(&merged, "UnixSock") &&
                               !is_set(&merged, "Sock");
        needs->offers_database = connstr_settings_get(&merged, "Database") == NULL;
    }
    connstr_settings_reset(&merged);
    return result;
}

static int append_text(struct buf *text, const char *part)
{
    return buf_append(text, part, strlen(part));
}

/* "UID:User name=?;PWD:Password=?;*Server:...=?;*Database:...=?" for what
 * is missing. The prompts avoid the characters the grammar reserves
 * ([]{}(),;?*=!@\). */
static int write_browse_result(const struct browse_needs *needs, struct buf *text)
{
    struct {
        bool is_wanted;
        const char *attribute;
    } parts[] = {
        {needs->needs_user, "UID:User name=?"},
        {needs->needs_password, "PWD:Password=?"},
        {needs->offers_server, "*Server:Server - default " PARAMS_DEFAULT_HOST "=?"},
        {needs->offers_database, "*Database:Database - default the user name=?"},
    };
    bool is_first = true;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i].is_wanted)
            continue;
        if ((!is_first && append_text(text, ";") != 0) ||
            append_text(text, parts[i].attribute) != 0)
            return -1;
        is_first = false;
    }
    return buf_append(text, "", 1);
}

static SQLRETURN answer_need_data(struct odbc_dbc *dbc, const struct browse_needs *needs,
                                  SQLCHAR *out_string, SQLSMALLINT out_buffer_length,
                                  SQLSMALLINT *out_length)
{
    struct buf text;
    buf_init(&text, BROWSE_STRING_MAX_BYTES);
    bool is_written = write_browse_result(needs, &text) == 0;
    SQLRETURN result = odbc_dbc_put_connect_string(dbc, &text, is_written,
                                                   "browse result connection string",
                                                   out_string, out_buffer_length, out_length);
    return result == SQL_SUCCESS ? SQL_NEED_DATA : result;
}

/* keyword={value} with '}' doubled, as the connection-string grammar reads. */
static int append_braced(struct buf *text, const struct connstr_setting *item)
{
    if (append_text(text, item->canonical_keyword) != 0 || append_text(text, "={") != 0)
        return -1;
    for (size_t i = 0; i < item->value_length; i++) {
        if (buf_append(text, &item->value[i], 1) != 0)
            return -1;
        if (item->value[i] == '}' && buf_append(text, "}", 1) != 0)
            return -1;
    }
    return append_text(text, "};");
}

static SQLRETURN connect_given(struct odbc_dbc *dbc, const struct connstr_settings *given,
                               SQLCHAR *out_string, SQLSMALLINT out_buffer_length,
                               SQLSMALLINT *out_length)
{
    struct buf text;
    buf_init(&text, BROWSE_STRING_MAX_BYTES);
    int written = 0;
    for (size_t i = 0; i < given->count && written == 0; i++)
        written = append_braced(&text, &given->items[i]);
    if (written == 0)
        written = buf_append(&text, "", 1);
    SQLRETURN result;
    if (written != 0)
        result = odbc_diag_fail(&dbc->header.diags, "HY001",
                                "Out of memory while gathering the browse request keywords");
    else
        result = odbc_dbc_driver_connect(dbc, NULL, text.data, SQL_NTS, out_string,
                                         out_buffer_length, out_length, SQL_DRIVER_NOPROMPT);
    buf_wipe(&text); /* it held PWD */
    buf_reset(&text);
    return result;
}

SQLRETURN odbc_dbc_browse_connect(struct odbc_dbc *dbc, const SQLCHAR *in_string,
                                  SQLSMALLINT in_length, SQLCHAR *out_string,
                                  SQLSMALLINT out_buffer_length, SQLSMALLINT *out_length)
{
    struct odbc_diag_list *diags = &dbc->header.diags;
    if (dbc->conn != NULL)
        return odbc_diag_fail(diags, "08002", "The connection is already open");
    if (out_buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Output buffer length %d is negative",
                              (int)out_buffer_length);
    const char *text;
    size_t length;
    if (!odbc_resolve_length(in_string, in_length, &text, &length))
        return odbc_diag_fail(diags, "HY090",
                              "Connection string length %d is neither SQL_NTS nor a byte count",
                              (int)in_length);

    struct odbc_browse_state *state = dbc->browse;
    struct counting_sink counter = {&dbc->notice_sink, 0};
    struct notice_sink warnings = {count_and_forward, &counter};
    struct connstr_settings request;
    connstr_settings_init(&request);
    struct error error;
    error_init(&error);
    if (connstr_parse_string(text, length, &request, &warnings, &error) != 0) {
        connstr_settings_reset(&request);
        return end_in_error(dbc, state, odbc_diag_fail_error(diags, &error));
    }
    if (state == NULL) {
        state = add_state(dbc);
        if (state == NULL) {
            connstr_settings_reset(&request);
            return odbc_diag_fail(diags, "HY001", "Out of memory while starting to browse");
        }
    } else if (state->has_failed || names_source(&request)) {
        /* A new browse: what earlier steps gave is forgotten. */
        connstr_settings_reset(&state->given);
        connstr_settings_init(&state->given);
        state->has_failed = false;
    }
    int copied = copy_settings(&request, &state->given, &error);
    connstr_settings_reset(&request);
    struct browse_needs needs = {false, false, false, false};
    if (copied != 0 || find_needs(&state->given, &needs, &error) != 0)
        return end_in_error(dbc, state, odbc_diag_fail_error(diags, &error));

    if (needs.needs_user || needs.needs_password || counter.unknown_keyword_count > 0) {
        SQLRETURN result = answer_need_data(dbc, &needs, out_string, out_buffer_length,
                                            out_length);
        if (result != SQL_NEED_DATA)
            return end_in_error(dbc, state, result);
        state->has_needed_data = true;
        return result;
    }
    SQLRETURN result = connect_given(dbc, &state->given, out_string, out_buffer_length,
                                     out_length);
    if (!SQL_SUCCEEDED(result))
        return end_in_error(dbc, state, result);
    (void)remove_state(dbc);
    return result;
}
