/* Positioned UPDATE and DELETE (see stmt_positioned.h).
 * Owns: recognising "... WHERE CURRENT OF <name>" at the end of a
 * statement's text, finding the named open cursor among the connection's
 * statements, and running the statement with the clause replaced by the
 * cursor row's identity (catalog_append_row_where), the application's
 * parameters first and the identity's after them. Leaves the identity to
 * stmt_setpos.c, running to stmt_setpos_run.c. */
#include "odbc/stmt_positioned.h"
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_setpos.h"

#include <string.h>
#include "util/alloc.h"
#include "wire/conn.h"

/* ---- the text ---- */

struct positioned_form {
    bool is_delete;
    size_t where_offset;   /* where " WHERE CURRENT OF ..." starts */
    const char *name;      /* into the text; quoted: between the quotes, "" doubled */
    size_t name_length;
    bool is_quoted;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

static char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool equals_ci(const char *text, size_t length, const char *word)
{
    size_t word_length = strlen(word);
    if (length != word_length)
        return false;
    for (size_t i = 0; i < length; i++) {
        if (lower_ascii(text[i]) != word[i])
            return false;
    }
    return true;
}

/* The word that ends at *end (spaces before *end skipped first; at least
 * one space required when must_space): its start in *start. */
static bool take_word_before(const char *text, size_t *end, const char *word, bool must_space)
{
    size_t pos = *end;
    size_t spaces = 0;
    while (pos > 0 && is_space(text[pos - 1])) {
        pos--;
        spaces++;
    }
    if (must_space && spaces == 0)
        return false;
    size_t word_end = pos;
    while (pos > 0 && is_identifier_char(text[pos - 1]))
        pos--;
    if (!equals_ci(text + pos, word_end - pos, word))
        return false;
    *end = pos;
    return true;
}

/* The name at the end of text[0, end): its span and the offset before it. */
static bool take_name_before(const char *text, size_t *end, struct positioned_form *form)
{
    size_t pos = *end;
    if (pos == 0)
        return false;
    if (text[pos - 1] == '"') {
        size_t close = pos - 1;
        size_t scan = close;
        for (;;) {
            if (scan == 0)
                return false;
            scan--;
            if (text[scan] != '"')
                continue;
            if (scan > 0 && text[scan - 1] == '"') {
                scan--; /* a doubled quote inside the name */
                continue;
            }
            break;
        }
        form->name = text + scan + 1;
        form->name_length = close - scan - 1;
        form->is_quoted = true;
        *end = scan;
        return form->name_length > 0;
    }
    while (pos > 0 && is_identifier_char(text[pos - 1]))
        pos--;
    if (pos == *end || (text[pos] >= '0' && text[pos] <= '9') || text[pos] == '$')
        return false;
    form->name = text + pos;
    form->name_length = *end - pos;
    form->is_quoted = false;
    *end = pos;
    return true;
}

static bool parse_form(const char *text, size_t length, struct positioned_form *form)
{
    size_t end = length;
    while (end > 0 && is_space(text[end - 1]))
        end--;
    if (end > 0 && text[end - 1] == ';')
        end--;
    while (end > 0 && is_space(text[end - 1]))
        end--;
    if (!take_name_before(text, &end, form) || !take_word_before(text, &end, "of", true) ||
        !take_word_before(text, &end, "current", true) ||
        !take_word_before(text, &end, "where", true) || end == 0 || !is_space(text[end - 1]))
        return false;
    form->where_offset = end - 1;
    size_t start = 0;
    while (start < end && is_space(text[start]))
        start++;
    size_t word_end = start;
    while (word_end < end && is_identifier_char(text[word_end]))
        word_end++;
    if (equals_ci(text + start, word_end - start, "update"))
        form->is_delete = false;
    else if (equals_ci(text + start, word_end - start, "delete"))
        form->is_delete = true;
    else
        return false;
    return true;
}

/* Whether a statement's cursor name is the one the text names. */
static bool is_named(const struct odbc_stmt *cursor, const struct positioned_form *form)
{
    const char *name = cursor->cursor_name;
    size_t length = cursor->cursor_name_length;
    if (name == NULL)
        return false;
    if (!form->is_quoted) {
        if (length != form->name_length)
            return false;
        for (size_t i = 0; i < length; i++) {
            if (lower_ascii(name[i]) != lower_ascii(form->name[i]))
                return false;
        }
        return true;
    }
    /* Quoted: exact, with "" standing for one quote. */
    size_t i = 0;
    for (size_t k = 0; k < form->name_length; k++, i++) {
        if (i >= length || name[i] != form->name[k])
            return false;
        if (form->name[k] == '"')
            k++;
    }
    return i == length;
}

static struct odbc_stmt *find_cursor(const struct odbc_stmt *stmt,
                                     const struct positioned_form *form)
{
    for (struct odbc_dbc_member *member = stmt->dbc->members; member != NULL;
         member = member->next) {
        struct odbc_stmt *other = odbc_stmt_of_member(member);
        if (other != stmt && other->state == ODBC_STMT_CURSOR_OPEN && is_named(other, form))
            return other;
    }
    return NULL;
}

bool odbc_stmt_is_positioned(const struct odbc_stmt *stmt)
{
    if (stmt->sql == NULL || stmt->sql_length < sizeof "DELETE WHERE CURRENT OF c" - 1)
        return false;
    struct positioned_form form;
    return parse_form(stmt->sql, stmt->sql_length, &form) && find_cursor(stmt, &form) != NULL;
}

/* ---- running it ---- */

/* The row the statement changes: UPDATE ... RETURNING gives the cursor
 * its new values. */
struct changed_row {
    struct odbc_result *result;
    const struct setpos_target *target;
    const struct setpos_identity *identity;
    size_t row_number;
    bool is_stored;
    bool has_failed;
};

static int take_changed_row(void *context, const struct wire_value *values, size_t value_count)
{
    struct changed_row *row = context;
    if (row->is_stored)
        return 0;
    row->is_stored = true;
    if (odbc_setpos_store_returned(row->result, row->target, row->identity, row->row_number,
                                   values, value_count) != 0)
        row->has_failed = true; /* the change is made: the cursor just keeps its old copy */
    return 0;
}

/* The statement has run: executed, no result set, the row count given. */
static SQLRETURN enter_executed(struct odbc_stmt *stmt, SQLLEN affected_rows, bool is_delete)
{
    struct odbc_result *results = alloc_resize_array(stmt->results, 1, sizeof *results);
    if (results == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory storing the result");
    stmt->results = results;
    if (stmt->result_count == 0)
        odbc_result_init(&results[0]);
    stmt->result_count = 1;
    stmt->current_result = 0;
    results[0].is_complete = true;
    results[0].affected_rows = affected_rows;
    results[0].dynamic_function = is_delete ? "DELETE WHERE" : "UPDATE WHERE";
    results[0].dynamic_function_code = is_delete ? SQL_DIAG_DELETE_WHERE : SQL_DIAG_UPDATE_WHERE;
    stmt->state = ODBC_STMT_EXECUTED;
    stmt->header.diags.row_count = affected_rows;
    stmt->header.diags.dynamic_function = results[0].dynamic_function;
    stmt->header.diags.dynamic_function_code = results[0].dynamic_function_code;
    return SQL_SUCCESS;
}

/* The application's parameters (one set) become the query's first ones. */
static int add_application_params(struct odbc_stmt *stmt, struct setpos_query *query,
                                  struct error *error)
{
    size_t count = odbc_stmt_sent_param_count(stmt);
    if (count == 0)
        return 0;
    if (odbc_stmt_convert_param_set(stmt, 0, error) != 0)
        return -1;
    const uint32_t *types = odbc_stmt_sent_param_types(stmt);
    for (size_t i = 0; i < count; i++) {
        const struct wire_param *param = &stmt->param_set.params[i];
        if (odbc_setpos_query_add(query, param->data, param->length_bytes, param->is_null,
                                  types != NULL ? types[i] : 0, param->format_code) != 0) {
            error_set(error, "HY001", "Out of memory for the statement's parameters");
            return -1;
        }
    }
    return 0;
}

struct positioned_run {
    struct odbc_stmt *stmt;
    struct odbc_stmt *cursor;
    struct odbc_result *result;
    const struct positioned_form *form;
    size_t row_number;
    const struct setpos_target *target;
    struct setpos_query query;
    struct setpos_identity identity;
};

static SQLRETURN build_and_run(struct positioned_run *run, SQLLEN *affected)
{
    struct odbc_stmt *stmt = run->stmt;
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct error error;
    error_init(&error);
    if (odbc_setpos_target_of(stmt, run->result, &run->target, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    if (run->target->refusal != NULL)
        return odbc_diag_fail(diags, "HY000",
                              "The row of cursor \"%s\" cannot be identified safely: %s",
                              run->cursor->cursor_name, run->target->refusal);
    size_t capacity = odbc_stmt_sent_param_count(stmt) + 2 * run->result->column_count + 2;
    if (stmt->marker_count > 0 && stmt->param_type_oids == NULL)
        return odbc_diag_fail(diags, "07002", "The statement's parameters are not bound");
    if (odbc_setpos_query_begin(&run->query, capacity) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory for the positioned statement");
    if (add_application_params(stmt, &run->query, &error) != 0)
        return odbc_stmt_fail_error(stmt, &error, 1);
    size_t first_identity_parameter = run->query.param_count + 1;
    bool is_update = !run->form->is_delete;
    if (odbc_setpos_build_identity(run->cursor, run->target, run->result, run->row_number, true,
                                   &run->query, &run->identity) != 0 ||
        buf_append(&run->query.sql, stmt->sql, run->form->where_offset) != 0 ||
        catalog_append_row_where(&run->query.sql, &run->target->table, &run->identity.identity,
                                 first_identity_parameter) != 0 ||
        (is_update && catalog_append_returning(&run->query.sql, run->identity.returning,
                                               run->identity.returning_count) != 0))
        return odbc_diag_fail(diags, "HY001", "Out of memory building the positioned statement");
    struct changed_row changed = {run->result, run->target, &run->identity, run->row_number,
                                  false, false};
    if (odbc_setpos_run(stmt, &run->query, is_update ? run->identity.formats : NULL,
                        is_update ? run->identity.returning_count : 0,
                        is_update ? take_changed_row : NULL, &changed, affected, &error) != 0) {
        if (!run->target->is_by_key && strcmp(error.sqlstate, "21000") == 0)
            return odbc_diag_fail(diags, "HY000",
                                  "The row of cursor \"%s\" cannot be identified: its table "
                                  "has no primary key in the result and several rows hold the "
                                  "same values",
                                  run->cursor->cursor_name);
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    }
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_execute_positioned(struct odbc_stmt *stmt)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct positioned_form form;
    struct odbc_stmt *cursor = NULL;
    if (parse_form(stmt->sql, stmt->sql_length, &form))
        cursor = find_cursor(stmt, &form);
    if (cursor == NULL)
        return odbc_diag_fail(diags, "34000", "The cursor the statement names is not open");
    if (stmt->attributes.paramset_size > 1 || stmt->has_return_marker)
        return odbc_diag_fail(diags, "HYC00",
                              "A positioned statement takes one parameter set");
    struct odbc_result *result = odbc_stmt_current_result(cursor);
    if (result == NULL || cursor->rowset_start == 0 || cursor->rowset_rows == 0 ||
        cursor->is_after_last)
        return odbc_diag_fail(diags, "24000",
                              "Cursor \"%s\" is not positioned on a row: fetch one first",
                              cursor->cursor_name);
    size_t row_number = cursor->rowset_start + cursor->positioned_row_index;
    bool is_scrollable = cursor->attributes.cursor_type != SQL_CURSOR_FORWARD_ONLY;
    if (is_scrollable && odbc_result_row_mark(result, row_number) == SQL_ROW_DELETED)
        return odbc_diag_fail(diags, "24000", "The current row of cursor \"%s\" was deleted",
                              cursor->cursor_name);
    struct odbc_row row;
    if (!odbc_result_buffered_row(result, row_number, &row))
        return odbc_diag_fail(diags, "24000",
                              "The forward-only cursor \"%s\" no longer holds its current row "
                              "(the row array holds more than one row)",
                              cursor->cursor_name);
    if (!stmt->is_prepared) {
        struct error error;
        error_init(&error);
        if (odbc_stmt_choose_param_types(stmt, &error) != 0)
            return odbc_diag_fail_error(diags, &error);
    }
    struct positioned_run run;
    memset(&run, 0, sizeof run);
    run.stmt = stmt;
    run.cursor = cursor;
    run.result = result;
    run.form = &form;
    run.row_number = row_number;
    odbc_setpos_query_init(&run.query);
    SQLLEN affected = -1;
    SQLRETURN outcome = build_and_run(&run, &affected);
    odbc_setpos_identity_free(&run.identity);
    odbc_setpos_query_reset(&run.query);
    if (outcome != SQL_SUCCESS)
        return outcome;
    SQLRETURN entered = enter_executed(stmt, affected, form.is_delete);
    if (entered != SQL_SUCCESS)
        return entered;
    if (affected != 1) {
        odbc_diag_post(diags, "01001",
                       "Cursor operation conflict: %ld rows were %s; the current row of "
                       "cursor \"%s\" changed or was deleted since it was read",
                       (long)affected, form.is_delete ? "deleted" : "updated",
                       cursor->cursor_name);
        return SQL_SUCCESS_WITH_INFO;
    }
    if (is_scrollable && result->row_base == 0 &&
        odbc_setpos_mark_row(result, row_number,
                             form.is_delete ? SQL_ROW_DELETED : SQL_ROW_UPDATED) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory marking the cursor's row");
    return SQL_SUCCESS;
}
