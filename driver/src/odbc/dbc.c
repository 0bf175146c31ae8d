/* Connection lifecycle and state (see dbc.h).
 * Owns: allocation and freeing, routing notices to the running call's
 * diagnostics, the liveness check every server-bound call makes (08003
 * not connected, 08S01 broken), SQLDisconnect and SQLNativeSql (the
 * escapes translated by sql_markers.c).
 * Transactions are dbc_tran.c's. */
#include "odbc/dbc.h"

#include <string.h>
#include "odbc/sql_markers.h"
#include "odbc/strings.h"
#include "util/alloc.h"
#include "wire/conn.h"

static void emit_notice(void *context, const struct error *notice)
{
    struct odbc_dbc *dbc = context;
    struct odbc_diag_list *target =
        dbc->notice_target != NULL ? dbc->notice_target : &dbc->header.diags;
    odbc_diag_add(target, notice, true, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
}

struct odbc_dbc *odbc_dbc_of_env_link(struct odbc_env_link *link)
{
    return (struct odbc_dbc *)(void *)((char *)link - offsetof(struct odbc_dbc, env_link));
}

struct odbc_dbc *odbc_dbc_new(struct odbc_env *env)
{
    struct odbc_dbc *dbc = alloc_zeroed(sizeof *dbc);
    if (dbc == NULL)
        return NULL;
    if (odbc_handle_init(&dbc->header, SQL_HANDLE_DBC) != 0) {
        alloc_free(dbc);
        return NULL;
    }
    if (pthread_mutex_init(&dbc->cancel_lock, NULL) != 0) {
        odbc_handle_reset(&dbc->header);
        alloc_free(dbc);
        return NULL;
    }
    if (odbc_dbc_async_init(dbc) != 0) {
        pthread_mutex_destroy(&dbc->cancel_lock);
        odbc_handle_reset(&dbc->header);
        alloc_free(dbc);
        return NULL;
    }
    dbc->env = env;
    dbc->notice_sink.emit = emit_notice;
    dbc->notice_sink.context = dbc;
    dbc->notice_target = &dbc->header.diags;
    dbc->metadata_id = SQL_FALSE;
    connstr_options_init(&dbc->options);
    odbc_transaction_init(&dbc->transaction);
    odbc_env_add_connection(env, &dbc->env_link);
    return dbc;
}

static void forget_names(struct odbc_dbc *dbc)
{
    alloc_free(dbc->data_source_name);
    alloc_free(dbc->database_name);
    alloc_free(dbc->user_name);
    dbc->data_source_name = NULL;
    dbc->database_name = NULL;
    dbc->user_name = NULL;
}

static void link_member(struct odbc_dbc_member **list, struct odbc_dbc_member *member)
{
    member->next = *list;
    *list = member;
}

static void unlink_member(struct odbc_dbc_member **list, struct odbc_dbc_member *member)
{
    for (struct odbc_dbc_member **link = list; *link != NULL; link = &(*link)->next) {
        if (*link == member) {
            *link = member->next;
            return;
        }
    }
}

void odbc_dbc_add_member(struct odbc_dbc *dbc, struct odbc_dbc_member *member)
{
    link_member(&dbc->members, member);
}

void odbc_dbc_remove_member(struct odbc_dbc *dbc, struct odbc_dbc_member *member)
{
    unlink_member(&dbc->members, member);
}

void odbc_dbc_add_descriptor(struct odbc_dbc *dbc, struct odbc_dbc_member *member)
{
    link_member(&dbc->descriptors, member);
}

void odbc_dbc_remove_descriptor(struct odbc_dbc *dbc, struct odbc_dbc_member *member)
{
    unlink_member(&dbc->descriptors, member);
}

/* Statements first (they may use the descriptors), then the explicit
 * descriptors; each free unlinks itself. */
static void free_members(struct odbc_dbc *dbc)
{
    while (dbc->members != NULL)
        dbc->members->ops->free(dbc->members);
    while (dbc->descriptors != NULL)
        dbc->descriptors->ops->free(dbc->descriptors);
}

SQLRETURN odbc_dbc_check_free(struct odbc_dbc *dbc)
{
    if (dbc->conn != NULL)
        return odbc_diag_fail(&dbc->header.diags, "HY010",
                              "The connection is still open; call SQLDisconnect first");
    return SQL_SUCCESS;
}

void odbc_dbc_free(struct odbc_dbc *dbc)
{
    if (dbc == NULL)
        return;
    odbc_async_reset(&dbc->async);
    free_members(dbc);
    odbc_dbc_forget_session(dbc);
    wire_conn_free(dbc->conn);
    dbc->conn = NULL;
    forget_names(dbc);
    struct odbc_env *env = dbc->env;
    odbc_handle_lock(&env->header);
    odbc_env_remove_connection(env, &dbc->env_link);
    odbc_handle_unlock(&env->header);
    odbc_handle_reset(&dbc->header);
    pthread_mutex_destroy(&dbc->cancel_lock);
    alloc_free(dbc);
}

void odbc_dbc_forget_cancel_token(struct odbc_dbc *dbc)
{
    pthread_mutex_lock(&dbc->cancel_lock);
    struct wire_cancel_token *token = dbc->cancel_token;
    dbc->cancel_token = NULL;
    pthread_mutex_unlock(&dbc->cancel_lock);
    wire_cancel_token_free(token);
}

struct wire_cancel_token *odbc_dbc_copy_cancel_token(struct odbc_dbc *dbc, bool *has_token)
{
    pthread_mutex_lock(&dbc->cancel_lock);
    *has_token = dbc->cancel_token != NULL;
    struct wire_cancel_token *copy =
        *has_token ? wire_cancel_token_copy(dbc->cancel_token) : NULL;
    pthread_mutex_unlock(&dbc->cancel_lock);
    return copy;
}

bool odbc_dbc_is_connected(const struct odbc_dbc *dbc)
{
    return dbc->conn != NULL;
}

void odbc_dbc_route_notices(struct odbc_dbc *dbc, struct odbc_diag_list *target)
{
    dbc->notice_target = target;
    if (dbc->conn != NULL)
        wire_conn_set_notice_sink(dbc->conn, &dbc->notice_sink);
}

SQLRETURN odbc_dbc_require_live(struct odbc_dbc *dbc, struct odbc_diag_list *target)
{
    if (dbc->conn == NULL)
        return odbc_diag_fail(target, "08003", "The connection is not open");
    if (wire_conn_is_broken(dbc->conn))
        return odbc_diag_fail(target, "08S01",
                              "The connection to the server was lost; only disconnecting "
                              "and freeing handles remain possible");
    return SQL_SUCCESS;
}

SQLRETURN odbc_dbc_refuse_if_broken(struct odbc_dbc *dbc, struct odbc_diag_list *target)
{
    if (dbc->conn != NULL && wire_conn_is_broken(dbc->conn))
        return odbc_dbc_require_live(dbc, target);
    return SQL_SUCCESS;
}

struct odbc_dbc *odbc_dbc_enter(SQLHDBC handle)
{
    struct odbc_handle *header = odbc_handle_enter(handle, SQL_HANDLE_DBC);
    if (header == NULL)
        return NULL;
    struct odbc_dbc *dbc = (struct odbc_dbc *)header;
    odbc_dbc_route_notices(dbc, &dbc->header.diags);
    return dbc;
}

SQLRETURN odbc_dbc_leave(struct odbc_dbc *dbc, SQLRETURN return_code)
{
    return odbc_handle_leave(&dbc->header, return_code);
}

void odbc_dbc_diag_context(const struct odbc_dbc *dbc, SQLSMALLINT handle_type,
                           struct odbc_diag_context *context)
{
    context->handle_type = handle_type;
    context->use_odbc2_states = odbc_env_uses_odbc2_states(dbc->env);
    context->server_name = dbc->data_source_name != NULL ? dbc->data_source_name : "";
    context->connection_name = context->server_name;
}

SQLRETURN odbc_dbc_disconnect(struct odbc_dbc *dbc)
{
    if (dbc->conn == NULL)
        return odbc_diag_fail(&dbc->header.diags, "08003", "The connection is not open");
    /* ODBC: a manual-commit transaction in progress keeps the connection
     * open (25000) until the application commits or rolls back. */
    char status = wire_conn_is_broken(dbc->conn) ? 'I' : wire_conn_transaction_status(dbc->conn);
    if (!dbc->transaction.is_autocommit && (status == 'T' || status == 'E'))
        return odbc_diag_fail(&dbc->header.diags, "25000",
                              "A transaction is in progress; end it with SQLEndTran before "
                              "disconnecting");
    free_members(dbc);
    odbc_dbc_forget_session(dbc);
    wire_conn_free(dbc->conn);
    dbc->conn = NULL;
    forget_names(dbc);
    dbc->notice_target = &dbc->header.diags;
    return SQL_SUCCESS;
}

/* ODBC: SQLNativeSql returns the text the driver would send. Escapes are
 * translated as execution translates them; markers stay as written, since
 * the application prepares the result and binds by them (the driver then
 * numbers them $1, $2, ... itself). A {call} is shown as CALL: execution
 * looks the name up and sends SELECT * FROM for a function, a look-up this
 * function does not make. */
SQLRETURN odbc_dbc_native_sql(struct odbc_dbc *dbc, const SQLCHAR *in_text,
                              SQLINTEGER in_length, SQLCHAR *out_text, SQLINTEGER out_buffer_length,
                              SQLINTEGER *out_length)
{
    if (in_text == NULL)
        return odbc_diag_fail(&dbc->header.diags, "HY009", "The SQL text is a null pointer");
    const char *text;
    size_t length;
    if (!odbc_resolve_length(in_text, in_length, &text, &length))
        return odbc_diag_fail(&dbc->header.diags, "HY090",
                              "SQL text length %ld is neither SQL_NTS nor a byte count",
                              (long)in_length);
    if (out_buffer_length < 0)
        return odbc_diag_fail(&dbc->header.diags, "HY090",
                              "Output buffer length %ld is negative", (long)out_buffer_length);
    SQLRETURN live = odbc_dbc_require_live(dbc, &dbc->header.diags);
    if (live != SQL_SUCCESS)
        return live;
    enum odbc_param_style style = dbc->options.param_style == CONNSTR_PARAM_STYLE_FORMAT
                                      ? ODBC_PARAM_STYLE_FORMAT
                                      : ODBC_PARAM_STYLE_QMARK;
    struct buf native;
    buf_init(&native, (size_t)1 << 31);
    struct odbc_sql_translation translation;
    struct error error;
    error_init(&error);
    if (odbc_sql_translate_escapes(text, length, style, ODBC_CALL_AS_CALL, &native, &translation,
                                   &error) != 0) {
        buf_reset(&native);
        return odbc_diag_fail_error(&dbc->header.diags, &error);
    }
    /* The buffer holds the text and its terminator. */
    size_t native_length = native.length > 0 ? native.length - 1 : 0;
    const char *native_text = native.data != NULL ? (const char *)native.data : "";
    if (out_length != NULL)
        *out_length = odbc_clamp_integer(native_length);
    if (!odbc_copy_out_string(native_text, native_length, out_text, out_buffer_length))
        odbc_diag_post(&dbc->header.diags, "01004",
                       "The SQL text (%zu bytes) was truncated to fit the buffer", native_length);
    buf_reset(&native);
    return SQL_SUCCESS;
}
