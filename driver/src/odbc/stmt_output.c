/* Output and input/output parameters.
 * Owns: filling the buffers of parameters bound SQL_PARAM_OUTPUT or
 * SQL_PARAM_INPUT_OUTPUT from what PostgreSQL returns for them: a CALL of
 * a procedure with INOUT / OUT arguments answers one row whose columns are
 * those arguments in order; {? = call f(...)} runs SELECT f(...), whose
 * one column is the return value (parameter 1). The k-th output parameter
 * (by parameter number) takes column k. The row is consumed: after an
 * execution that fills output parameters the statement has no cursor,
 * as the ODBC reference describes for procedures that return values
 * only through parameters.
 * Reference: "Procedure Parameters", SQLBindParameter (InputOutputType),
 * PostgreSQL CALL ("output parameters ... returned as a result row"). */
#include "odbc/stmt.h"

#include "odbc/column_value.h"
#include "util/alloc.h"
#include "wire/conn.h"

bool odbc_stmt_has_output_params(const struct odbc_stmt *stmt)
{
    for (size_t i = 0; i < stmt->marker_count && i < stmt->param_binding_count; i++) {
        SQLSMALLINT io_type = stmt->param_bindings[i].io_type;
        if (stmt->param_bindings[i].is_bound &&
            (io_type == SQL_PARAM_OUTPUT || io_type == SQL_PARAM_INPUT_OUTPUT))
            return true;
    }
    return false;
}

static SQLRETURN fill_output(struct odbc_stmt *stmt, const struct odbc_result *result,
                             const struct odbc_row *row)
{
    struct odbc_diag_list *diags = &stmt->header.diags;
    SQLRETURN outcome_code = SQL_SUCCESS;
    size_t column = 0;
    for (size_t i = 0; i < stmt->marker_count && i < stmt->param_binding_count; i++) {
        struct odbc_param_binding *binding = &stmt->param_bindings[i];
        if (!binding->is_bound ||
            (binding->io_type != SQL_PARAM_OUTPUT && binding->io_type != SQL_PARAM_INPUT_OUTPUT))
            continue;
        if (column >= result->column_count)
            return odbc_diag_fail(diags, "07002",
                                  "Parameter %zu is bound for output but the statement "
                                  "returned only %zu value(s)",
                                  i + 1, result->column_count);
        const struct odbc_result_column *source_column = &result->columns[column];
        struct odbc_value_source source = {
            .type_oid = source_column->described_oid,
            .type_modifier = source_column->described_modifier,
            .is_binary = source_column->format_code == 1,
        };
        struct wire_value value;
        odbc_row_value(row, column, &value);
        struct types_piece_state piece = {0};
        struct odbc_convert_outcome converted;
        struct error error;
        error_init(&error);
        if (odbc_convert_column_value(&source, &value, binding->c_type, binding->value,
                                      binding->buffer_length,
                                      (SQLSMALLINT)binding->column_size,
                                      binding->decimal_digits, &piece, NULL, &converted,
                                      &error) != 0) {
            odbc_diag_add(diags, &error, false, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
            return SQL_ERROR;
        }
        if (binding->indicator != NULL)
            *binding->indicator = converted.indicator;
        if (converted.is_truncated) {
            odbc_diag_post(diags, "01004", "Output parameter %zu was truncated to fit its buffer",
                           i + 1);
            outcome_code = SQL_SUCCESS_WITH_INFO;
        }
        column++;
    }
    return outcome_code;
}

SQLRETURN odbc_stmt_take_output_params(struct odbc_stmt *stmt)
{
    struct odbc_result *result = odbc_stmt_current_result(stmt);
    if (result == NULL || !result->has_rows)
        return SQL_SUCCESS; /* a procedure without output: nothing to fill */
    struct odbc_row row;
    struct error error;
    error_init(&error);
    int found = odbc_stmt_stream_next_row(stmt, 1, &row, &error);
    if (found < 0)
        return odbc_stmt_fail_error(stmt, &error, SQL_NO_ROW_NUMBER);
    SQLRETURN filled = SQL_SUCCESS;
    if (found == 1) {
        filled = fill_output(stmt, odbc_stmt_current_result(stmt), &row);
    } else if (result->has_error) {
        struct error cause = result->error;
        odbc_stmt_close_cursor(stmt);
        return odbc_stmt_fail_error(stmt, &cause, SQL_NO_ROW_NUMBER);
    }
    /* The values are delivered: no cursor remains. */
    odbc_stmt_close_cursor(stmt);
    struct odbc_result *empty = alloc_resize_array(stmt->results, 1, sizeof *empty);
    if (empty == NULL)
        return odbc_diag_fail(&stmt->header.diags, "HY001", "Out of memory storing the result");
    stmt->results = empty;
    stmt->result_count = 1;
    stmt->current_result = 0;
    odbc_result_init(empty);
    empty->is_complete = true;
    stmt->state = ODBC_STMT_EXECUTED;
    return filled;
}
