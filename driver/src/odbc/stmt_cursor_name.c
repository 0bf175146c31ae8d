/* Cursor names (see stmt_cursor_name.h).
 * Owns: naming a statement's cursor and keeping names unique on the
 * connection. The name lives on the statement (stmt->cursor_name, freed
 * with it); the connection counts the names it generated. */
#include "odbc/stmt_cursor_name.h"

#include <stdio.h>
#include <string.h>
#include "odbc/stmt.h"
#include "odbc/strings.h"
#include "util/alloc.h"

/* Gives stmt the name (replacing its own). -1: out of memory. */
static int store_name(struct odbc_stmt *stmt, const char *name, size_t name_length)
{
    char *copy = alloc_strndup(name, name_length);
    if (copy == NULL)
        return -1;
    alloc_free(stmt->cursor_name);
    stmt->cursor_name = copy;
    stmt->cursor_name_length = name_length;
    return 0;
}

/* Whether another statement of the connection has this name. */
static bool is_name_taken(const struct odbc_stmt *stmt, const char *name, size_t length)
{
    for (struct odbc_dbc_member *member = stmt->dbc->members; member != NULL;
         member = member->next) {
        const struct odbc_stmt *other = odbc_stmt_of_member(member);
        if (other != stmt && other->cursor_name != NULL && other->cursor_name_length == length &&
            memcmp(other->cursor_name, name, length) == 0)
            return true;
    }
    return false;
}

static bool starts_with_ci(const char *text, size_t length, const char *prefix)
{
    size_t prefix_length = strlen(prefix);
    if (length < prefix_length)
        return false;
    for (size_t i = 0; i < prefix_length; i++) {
        char c = text[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != prefix[i])
            return false;
    }
    return true;
}

SQLRETURN odbc_stmt_get_cursor_name(struct odbc_stmt *stmt, SQLCHAR *name,
                                    SQLSMALLINT buffer_length, SQLSMALLINT *name_length)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Buffer length %d is negative",
                              (int)buffer_length);
    if (stmt->cursor_name == NULL) {
        char generated[32];
        int written = snprintf(generated, sizeof generated, "SQL_CUR%llu",
                               (unsigned long long)(stmt->dbc->last_cursor_number + 1));
        if (written < 0 || (size_t)written >= sizeof generated ||
            store_name(stmt, generated, (size_t)written) != 0)
            return odbc_diag_fail(diags, "HY001", "Out of memory naming the cursor");
        stmt->dbc->last_cursor_number++;
    }
    if (!odbc_copy_out_string_small(stmt->cursor_name, stmt->cursor_name_length, name,
                                    buffer_length, name_length))
        odbc_diag_post(diags, "01004",
                       "The cursor name \"%s\" was truncated to fit a buffer of %d bytes",
                       stmt->cursor_name, (int)buffer_length);
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_set_cursor_name(struct odbc_stmt *stmt, const SQLCHAR *name,
                                    SQLSMALLINT name_length)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (name == NULL)
        return odbc_diag_fail(diags, "HY009", "The cursor name is a null pointer");
    const char *text;
    size_t length;
    if (!odbc_resolve_length(name, name_length, &text, &length))
        return odbc_diag_fail(diags, "HY090",
                              "Cursor name length %d is neither SQL_NTS nor a byte count",
                              (int)name_length);
    if (stmt->state == ODBC_STMT_EXECUTED || stmt->state == ODBC_STMT_CURSOR_OPEN)
        return odbc_diag_fail(diags, "24000",
                              "The statement has been executed; close it before naming its "
                              "cursor");
    if (length == 0 || length > ODBC_CURSOR_NAME_MAX)
        return odbc_diag_fail(diags, "34000",
                              "A cursor name has 1 to %d bytes; this one has %zu",
                              ODBC_CURSOR_NAME_MAX, length);
    if (starts_with_ci(text, length, "SQLCUR") || starts_with_ci(text, length, "SQL_CUR"))
        return odbc_diag_fail(diags, "34000",
                              "Cursor name \"%.*s\" starts with SQLCUR or SQL_CUR, which the "
                              "driver keeps for the names it generates",
                              (int)length, text);
    if (is_name_taken(stmt, text, length))
        return odbc_diag_fail(diags, "3C000",
                              "Another statement of this connection has the cursor name "
                              "\"%.*s\"",
                              (int)length, text);
    if (store_name(stmt, text, length) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory naming the cursor");
    return SQL_SUCCESS;
}

