/* Cursor names (see stmt_cursor_name.h).
 * Owns: the connection's table of cursor names, kept as one member of the
 * connection (dbc.h's member interface: it never streams, and SQLDisconnect
 * frees it with the statements), looked up by its operations table. Each
 * entry names one statement; SQLFreeHandle drops the statement's entry
 * (odbc_stmt_forget_cursor_name) before the statement goes, so a later
 * statement at the same address starts without a name. */
#include "odbc/stmt_cursor_name.h"

#include <stdio.h>
#include <string.h>
#include "odbc/stmt.h"
#include "odbc/strings.h"
#include "util/alloc.h"

struct cursor_name {
    const struct odbc_stmt *stmt;
    char *name; /* NUL-terminated */
    size_t name_length;
};

struct cursor_names {
    struct odbc_dbc_member member;
    struct odbc_dbc *dbc;
    struct cursor_name *entries;
    size_t count;
    size_t capacity;
    uint64_t last_generated; /* SQL_CUR<n> */
};

static int names_buffer_rest(struct odbc_dbc_member *member, struct error *error)
{
    (void)member;
    (void)error;
    return 0; /* never on the wire */
}

static void names_discard(struct odbc_dbc_member *member)
{
    (void)member;
}

static void names_free(struct odbc_dbc_member *member)
{
    struct cursor_names *names = (struct cursor_names *)(void *)member;
    odbc_dbc_remove_member(names->dbc, member);
    for (size_t i = 0; i < names->count; i++)
        alloc_free(names->entries[i].name);
    alloc_free(names->entries);
    alloc_free(names);
}

static const struct odbc_dbc_member_ops cursor_names_ops = {
    .buffer_rest = names_buffer_rest,
    .discard = names_discard,
    .free = names_free,
};

/* The connection's table; created when create is true (NULL: no memory). */
static struct cursor_names *find_names(struct odbc_dbc *dbc, bool create)
{
    for (struct odbc_dbc_member *member = dbc->members; member != NULL; member = member->next) {
        if (member->ops == &cursor_names_ops)
            return (struct cursor_names *)(void *)member;
    }
    if (!create)
        return NULL;
    struct cursor_names *names = alloc_zeroed(sizeof *names);
    if (names == NULL)
        return NULL;
    names->dbc = dbc;
    names->member.ops = &cursor_names_ops;
    odbc_dbc_add_member(dbc, &names->member);
    return names;
}

static struct cursor_name *entry_of(struct cursor_names *names, const struct odbc_stmt *stmt)
{
    for (size_t i = 0; names != NULL && i < names->count; i++) {
        if (names->entries[i].stmt == stmt)
            return &names->entries[i];
    }
    return NULL;
}

/* Gives stmt the name (replacing its own). -1: out of memory. */
static int store_name(struct cursor_names *names, const struct odbc_stmt *stmt,
                      const char *name, size_t name_length)
{
    char *copy = alloc_strndup(name, name_length);
    if (copy == NULL)
        return -1;
    struct cursor_name *entry = entry_of(names, stmt);
    if (entry == NULL) {
        if (names->count == names->capacity) {
            size_t capacity = names->capacity == 0 ? 8 : names->capacity * 2;
            struct cursor_name *grown =
                alloc_resize_array(names->entries, capacity, sizeof *grown);
            if (grown == NULL) {
                alloc_free(copy);
                return -1;
            }
            names->entries = grown;
            names->capacity = capacity;
        }
        entry = &names->entries[names->count++];
        entry->stmt = stmt;
        entry->name = NULL;
    }
    alloc_free(entry->name);
    entry->name = copy;
    entry->name_length = name_length;
    return 0;
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
    struct cursor_names *names = find_names(stmt->dbc, true);
    if (names == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory naming the cursor");
    struct cursor_name *entry = entry_of(names, stmt);
    if (entry == NULL) {
        char generated[32];
        int written = snprintf(generated, sizeof generated, "SQL_CUR%llu",
                               (unsigned long long)(names->last_generated + 1));
        if (written < 0 || (size_t)written >= sizeof generated ||
            store_name(names, stmt, generated, (size_t)written) != 0)
            return odbc_diag_fail(diags, "HY001", "Out of memory naming the cursor");
        names->last_generated++;
        entry = entry_of(names, stmt);
    }
    if (!odbc_copy_out_string_small(entry->name, entry->name_length, name, buffer_length,
                                    name_length))
        odbc_diag_post(diags, "01004",
                       "The cursor name \"%s\" was truncated to fit a buffer of %d bytes",
                       entry->name, (int)buffer_length);
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
    struct cursor_names *names = find_names(stmt->dbc, true);
    if (names == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory naming the cursor");
    for (size_t i = 0; i < names->count; i++) {
        const struct cursor_name *other = &names->entries[i];
        if (other->stmt != stmt && other->name_length == length &&
            memcmp(other->name, text, length) == 0)
            return odbc_diag_fail(diags, "3C000",
                                  "Another statement of this connection has the cursor name "
                                  "\"%.*s\"",
                                  (int)length, text);
    }
    if (store_name(names, stmt, text, length) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory naming the cursor");
    return SQL_SUCCESS;
}

void odbc_stmt_forget_cursor_name(struct odbc_stmt *stmt)
{
    struct cursor_names *names = find_names(stmt->dbc, false);
    struct cursor_name *entry = entry_of(names, stmt);
    if (entry == NULL)
        return;
    alloc_free(entry->name);
    *entry = names->entries[--names->count];
}
