/* Statement lifecycle and state (see stmt.h).
 * Owns: allocation with the four implicit descriptors, linking into the
 * connection, locking (connection first, then statement), SQLFreeStmt's
 * options and SQLCloseCursor (a streaming result is drained to
 * ReadyForQuery, its rows discarded), freeing the server statement a
 * SQLPrepare made (Close goes out with the next exchange), and the one
 * place a cancel the application asked for becomes HY008.
 * Reference: SQLFreeStmt (SQL_CLOSE, SQL_DROP, SQL_UNBIND,
 * SQL_RESET_PARAMS; HY092 otherwise), SQLCloseCursor (24000 without an
 * open cursor). */
#include "odbc/stmt.h"

#include <string.h>
#include "util/alloc.h"
#include "wire/conn.h"

struct odbc_stmt *odbc_stmt_of_member(struct odbc_dbc_member *member)
{
    return (struct odbc_stmt *)(void *)((char *)member - offsetof(struct odbc_stmt, member));
}

static int member_buffer_rest(struct odbc_dbc_member *member, struct error *error)
{
    return odbc_stmt_buffer_rest(odbc_stmt_of_member(member), error);
}

static void member_discard(struct odbc_dbc_member *member)
{
    odbc_stmt_stream_discard(odbc_stmt_of_member(member));
}

static void member_free(struct odbc_dbc_member *member)
{
    odbc_stmt_free(odbc_stmt_of_member(member));
}

static const struct odbc_dbc_member_ops stmt_member_ops = {
    .buffer_rest = member_buffer_rest,
    .discard = member_discard,
    .free = member_free,
};

struct odbc_stmt *odbc_stmt_new(struct odbc_dbc *dbc)
{
    struct odbc_stmt *stmt = alloc_zeroed(sizeof *stmt);
    if (stmt == NULL)
        return NULL;
    if (odbc_handle_init(&stmt->header, SQL_HANDLE_STMT) != 0) {
        alloc_free(stmt);
        return NULL;
    }
    stmt->dbc = dbc;
    atomic_init(&stmt->is_cancel_requested, false);
    if (odbc_async_init(&stmt->async, NULL, NULL) != 0) {
        odbc_handle_reset(&stmt->header);
        alloc_free(stmt);
        return NULL;
    }
    odbc_async_set_enabled(&stmt->async, dbc->is_async_enabled);
    odbc_result_init(&stmt->described);
    odbc_stmt_attributes_init(&stmt->attributes);
    for (int role = 0; role < ODBC_DESC_ROLE_COUNT; role++) {
        stmt->implicit_descs[role] =
            odbc_desc_new_implicit(stmt, dbc, (enum odbc_desc_role)role);
        if (stmt->implicit_descs[role] == NULL) {
            odbc_stmt_free(stmt);
            return NULL;
        }
    }
    stmt->ard = stmt->implicit_descs[ODBC_DESC_APP_ROW];
    stmt->apd = stmt->implicit_descs[ODBC_DESC_APP_PARAM];
    stmt->member.ops = &stmt_member_ops;
    odbc_dbc_add_member(dbc, &stmt->member);
    return stmt;
}

void odbc_stmt_free(struct odbc_stmt *stmt)
{
    if (stmt == NULL)
        return;
    struct odbc_dbc *dbc = stmt->dbc;
    odbc_dbc_remove_member(dbc, &stmt->member);
    if (dbc->notice_target == &stmt->header.diags)
        odbc_dbc_route_notices(dbc, &dbc->header.diags);
    odbc_stmt_stream_discard(stmt);
    odbc_dbc_release_stream(dbc, &stmt->member);
    if (stmt->server_statement_id != 0)
        odbc_dbc_forget_statement(dbc, stmt->server_statement_id);
    odbc_result_reset(&stmt->described);
    odbc_result_free_all(stmt);
    alloc_free(stmt->cursor_name);
    odbc_stmt_free_params(stmt);
    alloc_free(stmt->sql);
    for (int role = 0; role < ODBC_DESC_ROLE_COUNT; role++)
        odbc_desc_free(stmt->implicit_descs[role]);
    odbc_async_reset(&stmt->async);
    odbc_handle_reset(&stmt->header);
    alloc_free(stmt);
}

struct odbc_result *odbc_stmt_current_result(struct odbc_stmt *stmt)
{
    if (stmt->current_result >= stmt->result_count)
        return NULL;
    return &stmt->results[stmt->current_result];
}

void odbc_stmt_close_cursor(struct odbc_stmt *stmt)
{
    odbc_stmt_stream_discard(stmt);
    odbc_result_free_all(stmt);
    stmt->rowset_start = 0;
    stmt->rowset_rows = 0;
    stmt->is_after_last = false;
    stmt->getdata_column = 0;
    stmt->getdata_offset = 0;
    stmt->getdata_is_done = false;
    stmt->state = stmt->is_prepared ? ODBC_STMT_PREPARED : ODBC_STMT_ALLOCATED;
}

void odbc_stmt_unbind_columns(struct odbc_stmt *stmt)
{
    odbc_desc_unbind_all(stmt->ard);
    memset(&stmt->bookmark, 0, sizeof stmt->bookmark);
}

void odbc_stmt_release_desc(struct odbc_dbc *dbc, struct odbc_desc *desc)
{
    for (struct odbc_dbc_member *member = dbc->members; member != NULL; member = member->next) {
        struct odbc_stmt *stmt = odbc_stmt_of_member(member);
        if (stmt->ard == desc)
            stmt->ard = stmt->implicit_descs[ODBC_DESC_APP_ROW];
        /* Out of memory reloading the statement's own parameters leaves
         * them unbound (07002 at execution), never the freed descriptor. */
        if (stmt->apd == desc && odbc_desc_detach_apd(stmt) != 0)
            odbc_stmt_reset_params(stmt);
    }
}

SQLRETURN odbc_stmt_free_stmt(struct odbc_stmt *stmt, SQLUSMALLINT option)
{
    switch (option) {
    case SQL_CLOSE:
        odbc_stmt_close_cursor(stmt);
        return SQL_SUCCESS;
    case SQL_UNBIND:
        odbc_stmt_unbind_columns(stmt);
        return SQL_SUCCESS;
    case SQL_RESET_PARAMS:
        odbc_stmt_reset_params(stmt);
        if (odbc_desc_store_apd(stmt) != 0)
            return odbc_diag_fail(&stmt->header.diags, "HY001",
                                  "Out of memory resetting the parameter descriptor");
        return SQL_SUCCESS;
    default:
        return odbc_diag_fail(&stmt->header.diags, "HY092",
                              "SQLFreeStmt option %u is not SQL_CLOSE, SQL_DROP, SQL_UNBIND "
                              "or SQL_RESET_PARAMS",
                              (unsigned)option);
    }
}

SQLRETURN odbc_stmt_close(struct odbc_stmt *stmt)
{
    if (stmt->state != ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(&stmt->header.diags, "24000",
                              "SQLCloseCursor was called but no cursor is open");
    odbc_stmt_close_cursor(stmt);
    return SQL_SUCCESS;
}

struct odbc_stmt *odbc_stmt_enter(SQLHSTMT handle)
{
    if (!odbc_handle_is_valid(handle, SQL_HANDLE_STMT))
        return NULL;
    struct odbc_stmt *stmt = handle;
    odbc_handle_lock(&stmt->dbc->header);
    odbc_handle_lock(&stmt->header);
    odbc_diag_clear(&stmt->header.diags);
    odbc_dbc_route_notices(stmt->dbc, &stmt->header.diags);
    return stmt;
}

SQLRETURN odbc_stmt_leave(struct odbc_stmt *stmt, SQLRETURN return_code)
{
    struct odbc_dbc *dbc = stmt->dbc;
    odbc_dbc_route_notices(dbc, &dbc->header.diags);
    SQLRETURN result = odbc_diag_finish(&stmt->header.diags, return_code);
    odbc_handle_unlock(&stmt->header);
    odbc_handle_unlock(&dbc->header);
    return result;
}

SQLRETURN odbc_stmt_require_live(struct odbc_stmt *stmt)
{
    return odbc_dbc_require_live(stmt->dbc, &stmt->header.diags);
}

SQLRETURN odbc_stmt_fail_error(struct odbc_stmt *stmt, const struct error *error,
                               SQLLEN row_number)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    bool was_canceled = atomic_exchange(&stmt->is_cancel_requested, false);
    if (was_canceled && strcmp(error->sqlstate, "57014") == 0) {
        odbc_diag_post_at(diags, SQL_NO_COLUMN_NUMBER, row_number, "HY008",
                          "Operation canceled by SQLCancel (server: %s)", error->message);
        return SQL_ERROR;
    }
    odbc_diag_add(diags, error, false, SQL_NO_COLUMN_NUMBER, row_number);
    return SQL_ERROR;
}
