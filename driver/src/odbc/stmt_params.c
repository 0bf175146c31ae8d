/* Parameters: SQLBindParameter, SQLNumParams, SQLDescribeParam, data at
 * execution (SQLParamData / SQLPutData), and turning one parameter set
 * into the values of a Bind.
 * Owns: the parameter bindings (the APD and IPD fields this driver keeps
 * on the statement, as it keeps column bindings), reading an application
 * buffer of parameter set k (column-wise or row-wise, with the bind
 * offset), the indicator rules of SQLBindParameter, the pieces that
 * SQLPutData collects, and the choice of the types a server statement is
 * parsed with. Leaves each value's conversion to types/from_c.h and the
 * sending to stmt_exec.c / stmt_array.c.
 *
 * Types (the rule is types/from_c.h's): a text executed directly is
 * parsed with the types the bindings name. SQLPrepare parses with the
 * types of the parameters already bound (0, inferred by the server, for
 * the others) so that SQLDescribeParam and SQLDescribeCol can answer
 * before execution; SQLExecute re-parses (in the same round trip) when a
 * binding names another type than the server statement has, so that the
 * same statement behaves the same prepared or not: `SELECT ?` bound as
 * SQL_DOUBLE returns a float8, f(?) bound as SQL_INTEGER calls f(int).
 * A parameter bound with a character type keeps the server's type.
 *
 * Reference: SQLBindParameter (indicator: SQL_NTS, SQL_NULL_DATA,
 * SQL_DATA_AT_EXEC, SQL_LEN_DATA_AT_EXEC(n); HY003 C type, HY004 SQL type,
 * HY105 input/output type, HY090 lengths and, at execution, a null value
 * pointer with a length, HY009 null pointers at binding, 07009
 * parameter number), SQLParamData / SQLPutData (HY010 sequence, HY019
 * non-character data in pieces, 22001 too long for a fixed type),
 * SQLNumParams, SQLDescribeParam (07009; the server statement's types, as
 * the IPD's populated records report them: desc.h), SQLExecute (07002
 * COUNT field incorrect: a marker without a binding). */
#include "odbc/stmt.h"
#include "odbc/stmt_bookmark.h"

#include <string.h>
#include "odbc/column_value.h"
#include "odbc/stmt_lob.h"
#include "types/from_c.h"
#include "types/type_table.h"
#include "util/alloc.h"
#include "wire/conn.h"

/* The largest value collected through SQLPutData pieces. */
#define PARAM_VALUE_MAX_BYTES ((size_t)1 << 30)
/* All converted values of one parameter set. */
#define PARAM_SET_MAX_BYTES ((size_t)1 << 30)

static bool is_character_c_type(SQLSMALLINT c_type)
{
    return c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR;
}

static bool is_variable_c_type(SQLSMALLINT c_type)
{
    return is_character_c_type(c_type) || c_type == SQL_C_BINARY;
}

static bool is_data_at_exec(SQLLEN indicator)
{
    return indicator == SQL_DATA_AT_EXEC || indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET;
}

static bool is_input(SQLSMALLINT io_type)
{
    return io_type == SQL_PARAM_INPUT || io_type == SQL_PARAM_INPUT_OUTPUT ||
           io_type == SQL_PARAM_INPUT_OUTPUT_STREAM;
}

/* The ODBC parameter that $n of the text is: {? = call} shifts by one. */
static size_t first_sent_param(const struct odbc_stmt *stmt)
{
    return stmt->has_return_marker ? 1 : 0;
}

size_t odbc_stmt_sent_param_count(const struct odbc_stmt *stmt)
{
    return stmt->marker_count - first_sent_param(stmt);
}

const uint32_t *odbc_stmt_sent_param_types(const struct odbc_stmt *stmt)
{
    return stmt->param_type_oids != NULL ? stmt->param_type_oids + first_sent_param(stmt) : NULL;
}

struct odbc_param_binding *odbc_stmt_param_binding_at(struct odbc_stmt *stmt,
                                                      SQLUSMALLINT parameter_number)
{
    if (parameter_number > stmt->param_binding_count) {
        struct odbc_param_binding *grown =
            alloc_resize_array(stmt->param_bindings, parameter_number, sizeof *grown);
        if (grown == NULL)
            return NULL;
        for (size_t i = stmt->param_binding_count; i < parameter_number; i++) {
            memset(&grown[i], 0, sizeof grown[i]);
            grown[i].io_type = SQL_PARAM_INPUT;
            grown[i].c_type = SQL_C_DEFAULT;
            grown[i].sql_type = SQL_VARCHAR;
        }
        stmt->param_bindings = grown;
        stmt->param_binding_count = parameter_number;
    }
    return &stmt->param_bindings[parameter_number - 1];
}

SQLRETURN odbc_stmt_bind_parameter(struct odbc_stmt *stmt, SQLUSMALLINT parameter_number,
                                   SQLSMALLINT io_type, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                                   SQLULEN column_size, SQLSMALLINT decimal_digits,
                                   SQLPOINTER value, SQLLEN buffer_length, SQLLEN *indicator)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (parameter_number == 0)
        return odbc_diag_fail(diags, "07009", "Parameter number 0 is not valid; parameters "
                                              "are numbered from 1");
    if (io_type != SQL_PARAM_INPUT && io_type != SQL_PARAM_OUTPUT &&
        io_type != SQL_PARAM_INPUT_OUTPUT)
        return odbc_diag_fail(diags, "HY105",
                              "Parameter %u: input/output type %d is not SQL_PARAM_INPUT, "
                              "SQL_PARAM_OUTPUT or SQL_PARAM_INPUT_OUTPUT",
                              (unsigned)parameter_number, (int)io_type);
    if (c_type == SQL_C_DEFAULT)
        c_type = types_default_c_type_for_sql(sql_type);
    if (!types_is_param_c_type(c_type))
        return odbc_diag_fail(diags, "HY003", "Parameter %u: C type %d is not a C type the "
                                              "driver converts",
                              (unsigned)parameter_number, (int)c_type);
    if (!types_is_param_sql_type(sql_type))
        return odbc_diag_fail(diags, "HY004", "Parameter %u: SQL type %d is not an SQL type "
                                              "the driver sends",
                              (unsigned)parameter_number, (int)sql_type);
    if (buffer_length < 0)
        return odbc_diag_fail(diags, "HY090", "Parameter %u: buffer length %ld is negative",
                              (unsigned)parameter_number, (long)buffer_length);
    if (value == NULL && indicator == NULL && io_type != SQL_PARAM_OUTPUT)
        return odbc_diag_fail(diags, "HY009", "Parameter %u: both the value and the length "
                                              "pointers are null",
                              (unsigned)parameter_number);
    struct error error;
    error_init(&error);
    struct types_param_encoding encoding;
    if (types_param_encoding(c_type, sql_type, &encoding, &error) != 0)
        return odbc_diag_fail_error(diags, &error);
    struct odbc_param_binding *binding = odbc_stmt_param_binding_at(stmt, parameter_number);
    if (binding == NULL)
        return odbc_diag_fail(diags, "HY001", "Out of memory binding parameter %u",
                              (unsigned)parameter_number);
    binding->is_bound = true;
    binding->io_type = io_type;
    binding->c_type = c_type;
    binding->sql_type = sql_type;
    binding->column_size = column_size;
    binding->decimal_digits = decimal_digits;
    binding->value = value;
    binding->buffer_length = buffer_length;
    binding->indicator = indicator;
    if (odbc_desc_store_apd(stmt) != 0)
        return odbc_diag_fail(diags, "HY001", "Out of memory binding parameter %u",
                              (unsigned)parameter_number);
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_num_params(struct odbc_stmt *stmt, SQLSMALLINT *count)
{
    if (stmt->sql == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "SQLNumParams needs a prepared or executed statement");
    if (count != NULL)
        *count = stmt->marker_count > INT16_MAX ? INT16_MAX : (SQLSMALLINT)stmt->marker_count;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_describe_param(struct odbc_stmt *stmt, SQLUSMALLINT parameter_number,
                                   SQLSMALLINT *data_type, SQLULEN *column_size,
                                   SQLSMALLINT *decimal_digits, SQLSMALLINT *nullable)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    if (stmt->sql == NULL)
        return odbc_diag_fail(diags, "HY010",
                              "SQLDescribeParam needs a prepared or executed statement");
    if (parameter_number == 0 || parameter_number > stmt->marker_count)
        return odbc_diag_fail(diags, "07009",
                              "Parameter %u does not exist: the statement has %zu marker(s)",
                              (unsigned)parameter_number, stmt->marker_count);
    struct types_column_description description;
    odbc_desc_describe_param(stmt, (size_t)parameter_number - 1, &description);
    if (data_type != NULL)
        *data_type = description.concise_type;
    if (column_size != NULL)
        *column_size = description.column_size;
    if (decimal_digits != NULL)
        *decimal_digits = description.decimal_digits;
    if (nullable != NULL)
        *nullable = SQL_NULLABLE_UNKNOWN;
    return SQL_SUCCESS;
}

/* ---- data at execution ---- */

static void free_pieces(struct odbc_data_at_exec *state)
{
    if (state->pieces != NULL) {
        size_t count = state->row_count;
        for (size_t i = 0; i < count; i++)
            buf_reset(&state->pieces[i]);
    }
    alloc_free(state->pieces);
    alloc_free(state->is_null);
    memset(state, 0, sizeof *state);
}

void odbc_stmt_end_data_at_exec(struct odbc_stmt *stmt)
{
    free_pieces(&stmt->data_at_exec);
    odbc_setpos_end_data_at_exec(stmt); /* a row operation's */
}

void odbc_stmt_reset_params(struct odbc_stmt *stmt)
{
    alloc_free(stmt->param_bindings);
    stmt->param_bindings = NULL;
    stmt->param_binding_count = 0;
    free_pieces(&stmt->data_at_exec);
}

void odbc_stmt_free_params(struct odbc_stmt *stmt)
{
    odbc_stmt_reset_params(stmt);
    odbc_setpos_end_data_at_exec(stmt);
    alloc_free(stmt->param_type_oids);
    stmt->param_type_oids = NULL;
    stmt->prepared_param_type_oids = NULL;
    alloc_free(stmt->param_set.params);
    stmt->param_set.params = NULL;
    alloc_free(stmt->param_set.offsets);
    stmt->param_set.offsets = NULL;
    stmt->param_set.capacity = 0;
    buf_reset(&stmt->param_set.values);
}

int odbc_stmt_set_marker_count(struct odbc_stmt *stmt, size_t marker_count, struct error *error)
{
    alloc_free(stmt->param_type_oids);
    stmt->param_type_oids = NULL;
    stmt->prepared_param_type_oids = NULL;
    stmt->are_param_types_described = false;
    stmt->marker_count = marker_count;
    if (marker_count == 0)
        return 0;
    /* Two arrays in one: the types the server statement has now, then the
     * types SQLPrepare's description gave. */
    stmt->param_type_oids = alloc_array(marker_count, 2 * sizeof *stmt->param_type_oids);
    if (stmt->param_type_oids == NULL) {
        error_set(error, "HY001", "Out of memory for %zu parameters", marker_count);
        return -1;
    }
    memset(stmt->param_type_oids, 0, marker_count * 2 * sizeof *stmt->param_type_oids);
    stmt->prepared_param_type_oids = stmt->param_type_oids + marker_count;
    return 0;
}

int odbc_stmt_choose_param_types(struct odbc_stmt *stmt, struct error *error)
{
    for (size_t i = 0; i < stmt->marker_count; i++) {
        uint32_t oid = 0;
        if (i < stmt->param_binding_count && stmt->param_bindings[i].is_bound) {
            const struct odbc_param_binding *binding = &stmt->param_bindings[i];
            struct types_param_encoding encoding;
            if (types_param_encoding(binding->c_type, binding->sql_type, &encoding, error) != 0)
                return -1;
            oid = encoding.type_oid;
        }
        stmt->param_type_oids[i] = odbc_stmt_lob_param_type(stmt, i, oid); /* LargeObjects */
    }
    stmt->are_param_types_described = false;
    return 0;
}

int odbc_stmt_reconcile_param_types(struct odbc_stmt *stmt, bool *has_changed,
                                    struct error *error)
{
    *has_changed = false;
    for (size_t i = 0; i < stmt->marker_count; i++) {
        if (i >= stmt->param_binding_count || !stmt->param_bindings[i].is_bound)
            continue;
        const struct odbc_param_binding *binding = &stmt->param_bindings[i];
        if (!is_input(binding->io_type))
            continue;
        struct types_param_encoding encoding;
        if (types_param_encoding(binding->c_type, binding->sql_type, &encoding, error) != 0)
            return -1;
        /* A character binding takes the type SQLPrepare found, even after
         * a typed binding had the statement parsed again. */
        uint32_t wanted =
            encoding.type_oid != 0 ? encoding.type_oid : stmt->prepared_param_type_oids[i];
        wanted = odbc_stmt_lob_param_type(stmt, i, wanted); /* LargeObjects */
        if (wanted != stmt->param_type_oids[i]) {
            stmt->param_type_oids[i] = wanted;
            *has_changed = true;
        }
    }
    return 0;
}

/* Address of element row of an application array (column-wise: element
 * stride; row-wise: SQL_ATTR_PARAM_BIND_TYPE), with the bind offset. */
static char *element_address(const struct odbc_stmt_attributes *attributes, void *base,
                             size_t row, size_t element_size)
{
    if (base == NULL)
        return NULL;
    char *address = base;
    if (attributes->param_bind_offset != NULL)
        address += *attributes->param_bind_offset;
    if (attributes->param_bind_type == SQL_PARAM_BIND_BY_COLUMN)
        address += row * element_size;
    else
        address += row * attributes->param_bind_type;
    return address;
}

static SQLLEN *indicator_address(const struct odbc_stmt_attributes *attributes,
                                 SQLLEN *base, size_t row)
{
    return (SQLLEN *)(void *)element_address(attributes, base, row, sizeof(SQLLEN));
}

static size_t value_stride(const struct odbc_param_binding *binding)
{
    size_t fixed = odbc_c_type_size(binding->c_type);
    return fixed != 0 ? fixed : (size_t)binding->buffer_length;
}

static char *value_address(const struct odbc_stmt *stmt, const struct odbc_param_binding *binding,
                           size_t row)
{
    return element_address(&stmt->attributes, binding->value, row, value_stride(binding));
}

static bool needs_data_at_exec(const struct odbc_stmt *stmt,
                               const struct odbc_param_binding *binding, size_t row)
{
    if (!is_input(binding->io_type))
        return false;
    SQLLEN *indicator = indicator_address(&stmt->attributes, binding->indicator, row);
    return indicator != NULL && is_data_at_exec(*indicator);
}

bool odbc_stmt_is_param_set_ignored(const struct odbc_stmt *stmt, size_t row)
{
    const SQLUSMALLINT *operations = stmt->attributes.param_operation;
    return operations != NULL && operations[row] == SQL_PARAM_IGNORE;
}

SQLRETURN odbc_stmt_check_params(struct odbc_stmt *stmt, bool is_prepared_execution)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    free_pieces(&stmt->data_at_exec);
    if (stmt->marker_count == 0)
        return SQL_SUCCESS;
    for (size_t i = 0; i < stmt->marker_count; i++) {
        if (i >= stmt->param_binding_count || !stmt->param_bindings[i].is_bound)
            return odbc_diag_fail(diags, "07002",
                                  "Parameter %zu has no binding: the statement has %zu "
                                  "marker(s); bind each with SQLBindParameter",
                                  i + 1, stmt->marker_count);
    }
    size_t rows = (size_t)stmt->attributes.paramset_size;
    bool has_data_at_exec = false;
    for (size_t row = 0; row < rows && !has_data_at_exec; row++) {
        if (odbc_stmt_is_param_set_ignored(stmt, row))
            continue;
        for (size_t i = 0; i < stmt->marker_count && !has_data_at_exec; i++)
            has_data_at_exec = needs_data_at_exec(stmt, &stmt->param_bindings[i], row);
    }
    if (!has_data_at_exec)
        return SQL_SUCCESS;
    struct odbc_data_at_exec *state = &stmt->data_at_exec;
    size_t slots = rows * stmt->marker_count;
    if (slots / stmt->marker_count != rows)
        return odbc_diag_fail(diags, "HY001", "Too many parameters for data at execution");
    state->pieces = alloc_array(slots, sizeof *state->pieces);
    state->is_null = alloc_array(slots, sizeof *state->is_null);
    if (state->pieces == NULL || state->is_null == NULL) {
        alloc_free(state->pieces);
        alloc_free(state->is_null);
        state->pieces = NULL;
        state->is_null = NULL;
        return odbc_diag_fail(diags, "HY001", "Out of memory preparing data at execution");
    }
    for (size_t i = 0; i < slots; i++) {
        buf_init(&state->pieces[i], PARAM_VALUE_MAX_BYTES);
        state->is_null[i] = false;
    }
    state->row_count = slots;
    state->is_active = true;
    state->is_prepared_execution = is_prepared_execution;
    state->has_current = false;
    return SQL_NEED_DATA;
}

/* The data-at-execution parameter after the current one, in parameter
 * set order then parameter order. */
static bool next_data_at_exec(const struct odbc_stmt *stmt, size_t *row, size_t *param)
{
    const struct odbc_data_at_exec *state = &stmt->data_at_exec;
    size_t r = state->has_current ? state->current_row : 0;
    size_t p = state->has_current ? state->current_param + 1 : 0;
    size_t rows = (size_t)stmt->attributes.paramset_size;
    for (; r < rows; r++, p = 0) {
        if (odbc_stmt_is_param_set_ignored(stmt, r))
            continue;
        for (; p < stmt->marker_count; p++) {
            if (needs_data_at_exec(stmt, &stmt->param_bindings[p], r)) {
                *row = r;
                *param = p;
                return true;
            }
        }
    }
    return false;
}

SQLRETURN odbc_stmt_param_data(struct odbc_stmt *stmt, SQLPOINTER *value)
{
    if (stmt->row_dae != NULL) /* SQLSetPos / SQLBulkOperations asked */
        return odbc_setpos_param_data(stmt, value);
    struct odbc_data_at_exec *state = &stmt->data_at_exec;
    if (!state->is_active)
        return odbc_diag_fail(&stmt->header.diags, "HY010",
                              "SQLParamData is called only after SQLExecute or SQLExecDirect "
                              "returned SQL_NEED_DATA");
    if (state->has_current && !state->has_put) {
        const struct odbc_param_binding *binding = &stmt->param_bindings[state->current_param];
        if (!is_variable_c_type(binding->c_type))
            return odbc_diag_fail(&stmt->header.diags, "HY010",
                                  "Parameter %zu needs its value through SQLPutData before "
                                  "the next SQLParamData",
                                  state->current_param + 1);
        /* No SQLPutData for a character or binary value: it is empty. */
    }
    size_t row = 0;
    size_t param = 0;
    if (next_data_at_exec(stmt, &row, &param)) {
        state->has_current = true;
        state->current_row = row;
        state->current_param = param;
        state->has_put = false;
        if (value != NULL)
            *value = value_address(stmt, &stmt->param_bindings[param], row);
        /* "Using Arrays of Parameters": while data is asked for, the
         * processed count names the set it belongs to. */
        if (stmt->attributes.params_processed != NULL)
            *stmt->attributes.params_processed = row + 1;
        return SQL_NEED_DATA;
    }
    state->is_active = false;
    state->has_current = false;
    SQLRETURN result = odbc_stmt_execute_after_data(stmt);
    free_pieces(state);
    return result;
}

SQLRETURN odbc_stmt_put_data(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length)
{
    if (stmt->row_dae != NULL) /* SQLSetPos / SQLBulkOperations asked */
        return odbc_setpos_put_data(stmt, data, length);
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct odbc_data_at_exec *state = &stmt->data_at_exec;
    if (!state->is_active || !state->has_current)
        return odbc_diag_fail(diags, "HY010",
                              "SQLPutData is called only after SQLParamData named a parameter");
    if (odbc_stmt_lob_is_param(stmt, state->current_param)) /* LargeObjects */
        return odbc_stmt_lob_put_data(stmt, data, length);
    const struct odbc_param_binding *binding = &stmt->param_bindings[state->current_param];
    size_t slot = state->current_row * stmt->marker_count + state->current_param;
    struct buf *piece = &state->pieces[slot];
    if (length == SQL_NULL_DATA) {
        if (state->has_put && !state->is_null[slot])
            return odbc_diag_fail(diags, "HY011", "SQL_NULL_DATA after data was sent for "
                                                  "parameter %zu",
                                  state->current_param + 1);
        state->is_null[slot] = true;
        state->has_put = true;
        return SQL_SUCCESS;
    }
    if (state->is_null[slot])
        return odbc_diag_fail(diags, "HY011",
                              "Parameter %zu was already given SQL_NULL_DATA",
                              state->current_param + 1);
    if (state->has_put && !is_variable_c_type(binding->c_type))
        return odbc_diag_fail(diags, "HY019",
                              "Parameter %zu is not character or binary data: its value "
                              "comes in one SQLPutData call",
                              state->current_param + 1);
    size_t bytes;
    if (!is_variable_c_type(binding->c_type)) {
        bytes = odbc_c_type_size(binding->c_type);
    } else if (length == SQL_NTS) {
        if (data == NULL)
            return odbc_diag_fail(diags, "HY009", "SQLPutData data is a null pointer");
        if (binding->c_type == SQL_C_WCHAR) {
            const SQLWCHAR *wide = data;
            size_t units = 0;
            while (wide[units] != 0)
                units++;
            bytes = units * sizeof(SQLWCHAR);
        } else {
            bytes = strlen(data);
        }
    } else if (length < 0) {
        return odbc_diag_fail(diags, "HY090", "SQLPutData length %ld is not valid",
                              (long)length);
    } else {
        bytes = (size_t)length;
    }
    if (bytes > 0 && data == NULL)
        return odbc_diag_fail(diags, "HY009", "SQLPutData data is a null pointer with length %zu",
                              bytes);
    if (bytes > 0 && buf_append(piece, data, bytes) != 0)
        return odbc_diag_fail(diags, "HY001",
                              "Parameter %zu: out of memory or over %zu bytes collecting "
                              "its pieces",
                              state->current_param + 1, (size_t)PARAM_VALUE_MAX_BYTES);
    state->has_put = true;
    return SQL_SUCCESS;
}

/* ---- one parameter set → Bind values ---- */

static int reserve_params(struct odbc_param_set *set, size_t count, struct error *error)
{
    if (count <= set->capacity)
        return 0;
    struct wire_param *grown = alloc_resize_array(set->params, count, sizeof *grown);
    if (grown != NULL)
        set->params = grown;
    size_t *offsets = grown == NULL ? NULL
                                    : alloc_resize_array(set->offsets, count, sizeof *offsets);
    if (offsets == NULL) {
        error_set(error, "HY001", "Out of memory for %zu parameters", count);
        return -1;
    }
    set->offsets = offsets;
    set->capacity = count;
    return 0;
}

/* The bytes and length of one application value (before conversion). */
static int read_value(const struct odbc_stmt *stmt, const struct odbc_param_binding *binding,
                      size_t row, size_t param, struct types_param_value *value, bool *is_null,
                      struct error *error)
{
    *is_null = false;
    value->c_type = binding->c_type;
    value->numeric_precision = binding->c_type == SQL_C_NUMERIC
                                   ? (SQLSMALLINT)binding->column_size
                                   : 0;
    value->numeric_scale = binding->decimal_digits;
    const struct odbc_data_at_exec *state = &stmt->data_at_exec;
    if (needs_data_at_exec(stmt, binding, row) && state->pieces != NULL) {
        size_t slot = row * stmt->marker_count + param;
        if (state->is_null[slot]) {
            *is_null = true;
            return 0;
        }
        const struct buf *piece = &state->pieces[slot];
        value->data = piece->data != NULL ? (const void *)piece->data : (const void *)"";
        value->length_bytes = piece->length;
        if (!is_variable_c_type(binding->c_type) &&
            piece->length < odbc_c_type_size(binding->c_type)) {
            error_set(error, "HY010", "Parameter %zu: SQLPutData did not send its value",
                      param + 1);
            return -1;
        }
        return 0;
    }
    SQLLEN *indicator = indicator_address(&stmt->attributes, binding->indicator, row);
    if (indicator != NULL && *indicator == SQL_NULL_DATA) {
        *is_null = true;
        return 0;
    }
    if (indicator != NULL && *indicator == SQL_DEFAULT_PARAM) {
        error_set(error, "HYC00", "Parameter %zu: SQL_DEFAULT_PARAM (the routine's default "
                                  "value) is not supported",
                  param + 1);
        return -1;
    }
    const char *data = value_address(stmt, binding, row);
    if (data == NULL) {
        /* SQLExecute: a null value pointer is an empty value only with a
         * length of 0; with any other length it is HY090. */
        if (indicator != NULL && *indicator == 0 && is_variable_c_type(binding->c_type)) {
            value->data = "";
            value->length_bytes = 0;
            return 0;
        }
        error_set(error, "HY090", "Parameter %zu: the value pointer is null and the length "
                                  "is not 0, SQL_NULL_DATA or a data-at-execution value",
                  param + 1);
        return -1;
    }
    value->data = data;
    value->length_bytes = 0;
    if (!is_variable_c_type(binding->c_type))
        return 0;
    if (indicator == NULL || *indicator == SQL_NTS) {
        if (binding->c_type == SQL_C_WCHAR) {
            const SQLWCHAR *wide = (const SQLWCHAR *)(const void *)data;
            size_t units = 0;
            while (wide[units] != 0)
                units++;
            value->length_bytes = units * sizeof(SQLWCHAR);
        } else if (binding->c_type == SQL_C_CHAR) {
            value->length_bytes = strlen(data);
        } else {
            /* Binary data has no terminator: the buffer length is the value. */
            value->length_bytes = (size_t)binding->buffer_length;
        }
        return 0;
    }
    if (*indicator < 0) {
        error_set(error, "HY090", "Parameter %zu: length %ld is not a byte count, SQL_NTS, "
                                  "SQL_NULL_DATA or a data-at-execution value",
                  param + 1, (long)*indicator);
        return -1;
    }
    value->length_bytes = (size_t)*indicator;
    return 0;
}

/* The application's bytes are the Bind value unchanged: character data
 * for a character SQL type (text; the server types it), binary data for a
 * binary SQL type (bytea, binary format). They are sent without a copy. */
static bool is_passthrough(const struct odbc_param_binding *binding, uint32_t own_oid,
                           uint32_t server_oid)
{
    if (binding->c_type == SQL_C_CHAR)
        return own_oid == 0;
    if (binding->c_type == SQL_C_BINARY)
        return own_oid == 17 /* bytea */ && (server_oid == 0 || server_oid == own_oid);
    return false;
}

static void set_null(struct wire_param *out, size_t *offset)
{
    out->is_null = true;
    out->is_borrowed = false;
    out->format_code = 0;
    out->data = NULL;
    out->length_bytes = 0;
    *offset = SIZE_MAX;
}

int odbc_stmt_convert_param_set(struct odbc_stmt *stmt, size_t row, struct error *error)
{
    struct odbc_param_set *set = &stmt->param_set;
    size_t count = odbc_stmt_sent_param_count(stmt);
    if (reserve_params(set, count > 0 ? count : 1, error) != 0)
        return -1;
    if (set->values.max_bytes == 0)
        buf_init(&set->values, PARAM_SET_MAX_BYTES);
    buf_clear(&set->values);
    size_t first = first_sent_param(stmt);
    for (size_t k = 0; k < count; k++) {
        size_t param = first + k;
        const struct odbc_param_binding *binding = &stmt->param_bindings[param];
        struct wire_param *out = &set->params[k];
        size_t *offset = &set->offsets[k];
        uint32_t server_oid = stmt->param_type_oids[param];
        out->type_oid = server_oid;
        int lob = odbc_stmt_lob_convert_param(stmt, row, param, out, error); /* LargeObjects */
        if (lob != 0) {
            *offset = SIZE_MAX;
            if (lob < 0)
                return -1;
            continue;
        }
        if (!is_input(binding->io_type)) {
            set_null(out, offset);
            continue;
        }
        struct types_param_value value;
        bool is_null = false;
        if (read_value(stmt, binding, row, param, &value, &is_null, error) != 0)
            return -1;
        if (is_null) {
            set_null(out, offset);
            continue;
        }
        struct types_param_encoding own;
        if (types_param_encoding(binding->c_type, binding->sql_type, &own, error) != 0)
            return -1;
        if (is_passthrough(binding, own.type_oid, server_oid)) {
            /* PostgreSQL text cannot hold NUL: the same 22018 the
             * conversion would give. */
            if (binding->c_type == SQL_C_CHAR &&
                memchr(value.data, '\0', value.length_bytes) != NULL) {
                error_set(error, "22018",
                          "Parameter %zu: character data holds a NUL byte, which PostgreSQL "
                          "text cannot store",
                          param + 1);
                return -1;
            }
            out->is_null = false;
            out->format_code = binding->c_type == SQL_C_BINARY ? 1 : 0;
            out->data = value.length_bytes > 0 ? value.data : (const void *)"";
            out->length_bytes = value.length_bytes;
            /* The application's buffer (or the data-at-execution pieces)
             * outlives the call: the engine may send a large value from it
             * instead of copying it. */
            out->is_borrowed = true;
            if (server_oid == 0)
                out->type_oid = own.type_oid;
            *offset = SIZE_MAX;
            continue;
        }
        struct types_param_type type = {
            .sql_type = binding->sql_type,
            .column_size = binding->column_size,
            .decimal_digits = binding->decimal_digits,
        };
        /* The server statement has another type here: send text, read by
         * that type's input function. */
        if (own.type_oid != 0 && server_oid != 0 && own.type_oid != server_oid)
            type.sql_type = SQL_VARCHAR;
        size_t start = set->values.length;
        struct types_param_encoding encoding;
        if (types_convert_from_c(&value, &type, &set->values, &encoding, error) != 0) {
            error_add_context(error, "parameter %zu", param + 1);
            return -1;
        }
        out->is_null = false;
        out->is_borrowed = false; /* values is rewritten for the next set */
        out->format_code = encoding.format_code;
        out->length_bytes = set->values.length - start;
        *offset = start; /* the buffer may still move: pointed at below */
        if (server_oid == 0)
            out->type_oid = encoding.type_oid;
    }
    for (size_t k = 0; k < count; k++) {
        if (set->offsets[k] == SIZE_MAX)
            continue;
        struct wire_param *out = &set->params[k];
        out->data = set->values.data != NULL ? set->values.data + set->offsets[k]
                                             : (const unsigned char *)"";
    }
    return 0;
}
