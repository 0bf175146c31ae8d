/* Keyset-driven cursors and row versions (see stmt_keyset.h).
 * Owns: deciding, once per execution, whether a scrollable cursor is
 * keyset-driven or static and whether it compares row versions or values;
 * reading a rowset again by key (one parameterized statement, text from
 * catalog/row_queries.h, run by stmt_setpos_run.c; the table looked up
 * once per result, odbc_setpos_target_of) and marking each row
 * updated, deleted or unchanged since the cursor last held it.
 * Reference: SQLSetStmtAttr (SQL_ATTR_CURSOR_TYPE, SQL_ATTR_CONCURRENCY,
 * SQL_ATTR_KEYSET_SIZE), SQLExecute / SQLExecDirect (01S02: a substituted
 * value holds until the cursor is closed), "Keyset-Driven Cursors",
 * "Row Status Array" (SQL_ROW_UPDATED, SQL_ROW_DELETED), "Optimistic
 * Concurrency"; PostgreSQL "System Columns" (xmin). */
#include "odbc/stmt_keyset.h"
#include "odbc/stmt_bookmark.h"
#include "odbc/stmt_setpos.h"

#include <string.h>
#include "util/alloc.h"
#include "util/parse.h"
#include "wire/conn.h"

SQLULEN odbc_keyset_reported_cursor_type(const struct odbc_stmt *stmt)
{
    SQLULEN type = stmt->attributes.cursor_type;
    if (type != ODBC_CURSOR_KEYSET_AS_STATIC)
        return type;
    return stmt->state == ODBC_STMT_CURSOR_OPEN ? SQL_CURSOR_STATIC : SQL_CURSOR_KEYSET_DRIVEN;
}

SQLULEN odbc_keyset_reported_concurrency(const struct odbc_stmt *stmt)
{
    SQLULEN concurrency = stmt->attributes.concurrency;
    if (concurrency != ODBC_CONCUR_ROWVER_AS_VALUES)
        return concurrency;
    return stmt->state == ODBC_STMT_CURSOR_OPEN ? SQL_CONCUR_VALUES : SQL_CONCUR_ROWVER;
}

bool odbc_stmt_is_keyset_cursor(const struct odbc_stmt *stmt)
{
    return stmt->attributes.cursor_type == SQL_CURSOR_KEYSET_DRIVEN;
}

bool odbc_stmt_uses_row_version(const struct odbc_stmt *stmt)
{
    return stmt->attributes.concurrency == SQL_CONCUR_ROWVER && odbc_stmt_is_keyset_cursor(stmt);
}

bool odbc_stmt_compares_values(const struct odbc_stmt *stmt)
{
    SQLULEN concurrency = stmt->attributes.concurrency;
    return concurrency == SQL_CONCUR_VALUES || concurrency == ODBC_CONCUR_ROWVER_AS_VALUES ||
           (concurrency == SQL_CONCUR_ROWVER && !odbc_stmt_is_keyset_cursor(stmt));
}

SQLRETURN odbc_keyset_open(struct odbc_stmt *stmt)
{
    struct odbc_stmt_attributes *attributes = &stmt->attributes;
    if (attributes->cursor_type == ODBC_CURSOR_KEYSET_AS_STATIC)
        attributes->cursor_type = SQL_CURSOR_KEYSET_DRIVEN;
    if (attributes->concurrency == ODBC_CONCUR_ROWVER_AS_VALUES)
        attributes->concurrency = SQL_CONCUR_ROWVER;
    if (stmt->state != ODBC_STMT_CURSOR_OPEN)
        return SQL_SUCCESS;
    struct odbc_diag_list *diags = &stmt->header.diags;
    SQLRETURN outcome = SQL_SUCCESS;
    if (attributes->cursor_type == SQL_CURSOR_KEYSET_DRIVEN) {
        const struct setpos_target *target = NULL;
        struct error error;
        error_init(&error);
        if (odbc_setpos_target_of(stmt, odbc_stmt_current_result(stmt), &target, &error) != 0) {
            odbc_stmt_close_cursor(stmt);
            return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
        }
        if (target->refusal != NULL || !target->is_by_key) {
            attributes->cursor_type = ODBC_CURSOR_KEYSET_AS_STATIC;
            odbc_diag_post(diags, "01S02",
                           "The cursor is static (SQL_CURSOR_STATIC), not keyset-driven: its "
                           "rows have no key the driver can read them again by (%s)",
                           target->refusal != NULL
                               ? target->refusal
                               : "the table's primary key is not among the result's columns");
            outcome = SQL_SUCCESS_WITH_INFO;
        }
    }
    if (attributes->concurrency == SQL_CONCUR_ROWVER &&
        attributes->cursor_type != SQL_CURSOR_KEYSET_DRIVEN) {
        attributes->concurrency = ODBC_CONCUR_ROWVER_AS_VALUES;
        odbc_diag_post(diags, "01S02",
                       "The cursor compares values (SQL_CONCUR_VALUES), not row versions: only "
                       "a keyset-driven cursor reads its rows' versions");
        outcome = SQL_SUCCESS_WITH_INFO;
    }
    return outcome;
}

/* ---- reading a rowset again ---- */

struct refetch {
    struct odbc_result *result;
    const struct setpos_target *target;
    const size_t *row_numbers; /* per requested row: its buffered row */
    bool *is_found;
    bool *has_changed;
    size_t requested;
    size_t column_count;       /* the target's columns returned */
    bool has_version;
};

/* Whether the returned values differ from what buffered row row_number holds. */
static bool differs(const struct odbc_result *result, const struct setpos_target *target,
                    size_t row_number, const struct wire_value *values)
{
    struct odbc_row row;
    if (!odbc_result_buffered_row(result, row_number, &row))
        return true;
    size_t next = 0;
    for (size_t i = 0; i < result->column_count; i++) {
        if (target->column_names[i] == NULL)
            continue;
        const struct wire_value *fresh = &values[next++];
        struct wire_value held;
        odbc_row_value(&row, i, &held);
        if (fresh->is_null != held.is_null)
            return true;
        if (fresh->is_null)
            continue;
        if (fresh->length_bytes != held.length_bytes ||
            (fresh->length_bytes > 0 && memcmp(fresh->data, held.data, fresh->length_bytes) != 0))
            return true;
    }
    return false;
}

static int take_refetched_row(void *context, const struct wire_value *values, size_t value_count)
{
    struct refetch *refetch = context;
    size_t expected = 1 + refetch->column_count + (refetch->has_version ? 1 : 0);
    if (value_count != expected || values[0].is_null)
        return -1;
    uint64_t place = 0;
    if (!parse_uint((const char *)values[0].data, values[0].length_bytes, refetch->requested,
                    &place) ||
        place == 0 || refetch->is_found[place - 1])
        return -1;
    size_t row_number = refetch->row_numbers[place - 1];
    refetch->is_found[place - 1] = true;
    refetch->has_changed[place - 1] =
        differs(refetch->result, refetch->target, row_number, values + 1);
    if (refetch->has_changed[place - 1] &&
        odbc_setpos_store_row(refetch->result, refetch->target, row_number, values + 1,
                              value_count - 1) != 0)
        return -1;
    if (refetch->has_version) {
        const struct wire_value *version = &values[value_count - 1];
        uint64_t xmin = 0;
        if (version->is_null ||
            !parse_uint((const char *)version->data, version->length_bytes, UINT32_MAX, &xmin) ||
            odbc_setpos_set_row_version(refetch->result, row_number, (uint32_t)xmin) != 0)
            return -1;
    }
    return 0;
}

struct refetch_plan {
    size_t *row_numbers;
    bool *is_found;
    bool *has_changed;
    size_t *key_indexes;
    const char **key_names;
    const char **column_names;
    int16_t *formats;
};

static void plan_free(struct refetch_plan *plan)
{
    alloc_free(plan->row_numbers);
    alloc_free(plan->is_found);
    alloc_free(plan->has_changed);
    alloc_free(plan->key_indexes);
    alloc_free(plan->key_names);
    alloc_free(plan->column_names);
    alloc_free(plan->formats);
}

static int plan_alloc(struct refetch_plan *plan, size_t row_count, size_t column_count)
{
    memset(plan, 0, sizeof *plan);
    plan->row_numbers = alloc_array(row_count, sizeof *plan->row_numbers);
    plan->is_found = alloc_array(row_count, sizeof *plan->is_found);
    plan->has_changed = alloc_array(row_count, sizeof *plan->has_changed);
    plan->key_indexes = alloc_array(column_count, sizeof *plan->key_indexes);
    plan->key_names = alloc_array(column_count, sizeof *plan->key_names);
    plan->column_names = alloc_array(column_count, sizeof *plan->column_names);
    plan->formats = alloc_array(column_count + 2, sizeof *plan->formats);
    if (plan->row_numbers == NULL || plan->is_found == NULL || plan->has_changed == NULL ||
        plan->key_indexes == NULL || plan->key_names == NULL || plan->column_names == NULL ||
        plan->formats == NULL)
        return -1;
    memset(plan->is_found, 0, row_count * sizeof *plan->is_found);
    memset(plan->has_changed, 0, row_count * sizeof *plan->has_changed);
    return 0;
}

/* Marks each requested row: gone (a hole from now on), changed, or as held. */
static int mark_rows(struct odbc_result *result, const struct refetch_plan *plan,
                     size_t requested)
{
    for (size_t i = 0; i < requested; i++) {
        SQLUSMALLINT mark = !plan->is_found[i]     ? SQL_ROW_DELETED
                            : plan->has_changed[i] ? SQL_ROW_UPDATED
                                                   : SQL_ROW_SUCCESS;
        if (odbc_setpos_mark_row(result, plan->row_numbers[i], mark) != 0)
            return -1;
    }
    return 0;
}

static SQLRETURN refetch_rows(struct odbc_stmt *stmt, struct odbc_result *result,
                              const struct setpos_target *target, size_t start, size_t last)
{
    size_t column_count = result->column_count;
    struct refetch_plan plan;
    struct setpos_query query;
    odbc_setpos_query_init(&query);
    SQLRETURN outcome = SQL_SUCCESS;
    if (plan_alloc(&plan, last - start + 1, column_count) != 0) {
        plan_free(&plan);
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory refetching rows");
    }
    size_t key_count = 0;
    size_t returned = 0;
    plan.formats[0] = 0; /* k.n */
    for (size_t i = 0; i < column_count; i++) {
        if (target->column_names[i] == NULL)
            continue;
        plan.formats[1 + returned] = result->columns[i].format_code;
        plan.column_names[returned++] = target->column_names[i];
        if (target->is_key[i]) {
            plan.key_indexes[key_count] = i;
            plan.key_names[key_count++] = target->column_names[i];
        }
    }
    bool has_version = odbc_stmt_uses_row_version(stmt);
    plan.formats[1 + returned] = 0; /* xmin */
    size_t requested = 0;
    for (size_t row = start; row <= last; row++) {
        if (odbc_result_row_mark(result, row) != SQL_ROW_DELETED)
            plan.row_numbers[requested++] = row;
    }
    if (requested == 0 || key_count == 0) {
        plan_free(&plan);
        return SQL_SUCCESS;
    }
    struct refetch refetch = {result, target,   plan.row_numbers, plan.is_found,
                              plan.has_changed, requested, returned, has_version};
    struct error error;
    error_init(&error);
    SQLLEN affected;
    bool is_built = requested <= SIZE_MAX / key_count &&
                    odbc_setpos_query_begin(&query, requested * key_count) == 0;
    for (size_t r = 0; r < requested && is_built; r++) {
        for (size_t k = 0; k < key_count && is_built; k++)
            is_built = odbc_setpos_query_add_value(&query, result, plan.row_numbers[r],
                                                   plan.key_indexes[k]) == 0;
    }
    if (!is_built ||
        catalog_append_rowset_select(&query.sql, &target->table, plan.column_names, returned,
                                     plan.key_names, key_count, requested, has_version,
                                     stmt->attributes.concurrency == SQL_CONCUR_LOCK) != 0)
        outcome = odbc_diag_fail(&stmt->header.diags, "HY001",
                                 "Out of memory building the rowset's refetch");
    else if (odbc_setpos_run(stmt, &query, plan.formats, returned + (has_version ? 2 : 1),
                             take_refetched_row, &refetch, &affected, &error) != 0)
        outcome = odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    else if (mark_rows(result, &plan, requested) != 0)
        outcome = odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory marking rows");
    odbc_setpos_query_reset(&query);
    plan_free(&plan);
    return outcome;
}

/* Rows per refetch statement: a large row array is read in several, each
 * well below the protocol's 65535 parameters. */
#define KEYSET_REFETCH_ROWS ((size_t)1000)

SQLRETURN odbc_keyset_refetch(struct odbc_stmt *stmt, struct odbc_result *result, size_t start,
                              size_t row_count)
{
    if (start == 0 || row_count == 0 || start > result->row_count || result->row_base != 0)
        return SQL_SUCCESS;
    size_t last = row_count - 1 <= result->row_count - start ? start + row_count - 1
                                                             : result->row_count;
    const struct setpos_target *target = NULL;
    struct error error;
    error_init(&error);
    SQLRETURN outcome = SQL_SUCCESS;
    if (odbc_setpos_target_of(stmt, result, &target, &error) != 0)
        outcome = odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    else if (target->refusal == NULL && target->is_by_key) {
        for (size_t first = start; first <= last && outcome == SQL_SUCCESS;
             first += KEYSET_REFETCH_ROWS) {
            size_t chunk_last = last - first >= KEYSET_REFETCH_ROWS ? first + KEYSET_REFETCH_ROWS - 1
                                                                    : last;
            outcome = refetch_rows(stmt, result, target, first, chunk_last);
        }
    }
    return outcome;
}
