/* The records of the implementation descriptors as the driver fills them.
 * The IPD: a record the application bound (SQLBindParameter) or whose
 * IPD fields it set answers those values (the parameter binding holds
 * them); any other parameter of a prepared or executed statement answers
 * what SQLDescribeParam answers — the server statement's parameter type,
 * character types narrow or wide as the WideCharTypes keyword says. The
 * driver always knows these types after SQLPrepare (the Describe travels
 * with the Parse), so the IPD is populated whatever
 * SQL_ATTR_ENABLE_AUTO_IPD says; where automatic population is off the
 * reference leaves those fields undefined, and these values are as good
 * as any. The IRD's records become application records for SQLCopyDesc
 * (the IRD's fields themselves are read through SQLColAttribute's code,
 * desc_get.c).
 * SQL_DESC_CASE_SENSITIVE, _UNSIGNED, _FIXED_PREC_SCALE, _TYPE_NAME and
 * _LOCAL_TYPE_NAME describe the PostgreSQL type the parameter travels as.
 * Reference: "Automatic Population of the IPD", "Initialization of
 * Descriptor Fields", SQLDescribeParam, SQLBindParameter (which sets the
 * IPD's type, length, precision, scale and parameter type),
 * "Data Type Identifiers and Descriptors". */
#include "odbc/desc_internal.h"

#include <string.h>
#include "odbc/strings.h"
#include "types/from_c.h"
#include "types/type_table.h"

static enum types_character_policy character_policy(const struct odbc_stmt *stmt)
{
    return stmt->dbc->options.has_wide_char_types ? TYPES_CHARACTER_WIDE
                                                  : TYPES_CHARACTER_NARROW;
}

void odbc_desc_describe_param(const struct odbc_stmt *stmt, size_t index,
                              struct types_column_description *out)
{
    uint32_t oid = 0;
    /* A {? = call} return value is described by the routine's result, not
     * by a parameter of the statement sent. */
    bool is_return_value = stmt->has_return_marker && index == 0;
    if (!is_return_value && stmt->param_type_oids != NULL && index < stmt->marker_count)
        oid = stmt->param_type_oids[index];
    /* Unknown to the server too (a statement of several, or not prepared):
     * text is what any value can be sent as. */
    types_describe_column(oid != 0 ? oid : TYPES_OID_TEXT, -1, out);
    types_apply_character_policy(out, character_policy(stmt));
}

/* The PostgreSQL type a bound parameter travels as: the one its SQL type
 * names, or for character types (which take the server's type) the
 * server statement's. */
static void describe_bound_type(const struct odbc_stmt *stmt, size_t index, SQLSMALLINT sql_type,
                                struct types_column_description *out)
{
    uint32_t oid = 0;
    struct types_param_encoding encoding;
    struct error error;
    error_init(&error);
    if (types_param_encoding(types_default_c_type_for_sql(sql_type), sql_type, &encoding,
                             &error) == 0)
        oid = encoding.type_oid;
    if (oid == 0 && stmt->param_type_oids != NULL && index < stmt->marker_count)
        oid = stmt->param_type_oids[index];
    types_describe_column(oid != 0 ? oid : TYPES_OID_TEXT, -1, out);
}

static void take_type_traits(struct odbc_desc_ipd_record *out,
                             const struct types_column_description *description)
{
    out->is_case_sensitive = description->is_case_sensitive;
    out->is_unsigned = description->is_unsigned;
    out->is_fixed_precision_scale = description->is_fixed_precision_scale;
    out->type_name = description->type_name != NULL ? description->type_name : "";
}

bool odbc_desc_is_ipd_populated(const struct odbc_stmt *stmt, size_t index)
{
    if (stmt->sql == NULL || index >= stmt->marker_count)
        return false;
    if (index >= stmt->param_binding_count)
        return true;
    const struct odbc_param_binding *binding = &stmt->param_bindings[index];
    return !binding->is_bound && !binding->has_imp_fields;
}

void odbc_desc_read_ipd(struct odbc_stmt *stmt, size_t index, struct odbc_desc_ipd_record *out)
{
    memset(out, 0, sizeof *out);
    if (odbc_desc_is_ipd_populated(stmt, index)) {
        struct types_column_description description;
        odbc_desc_describe_param(stmt, index, &description);
        out->concise_type = description.concise_type;
        out->length = description.column_size;
        out->precision = odbc_clamp_small(description.column_size);
        out->scale = description.decimal_digits;
        out->parameter_type =
            stmt->has_return_marker && index == 0 ? SQL_PARAM_OUTPUT : SQL_PARAM_INPUT;
        out->nullable = SQL_NULLABLE_UNKNOWN;
        take_type_traits(out, &description);
        return;
    }
    if (index >= stmt->param_binding_count) {
        /* Neither bound nor a marker: the defaults of a new record. */
        out->concise_type = SQL_VARCHAR;
        out->parameter_type = SQL_PARAM_INPUT;
        out->nullable = SQL_NULLABLE;
        out->is_case_sensitive = true;
        out->is_unsigned = true;
        out->type_name = "text";
        return;
    }
    const struct odbc_param_binding *binding = &stmt->param_bindings[index];
    out->concise_type = binding->sql_type;
    out->length = binding->column_size;
    out->precision = odbc_clamp_small(binding->column_size);
    out->scale = binding->decimal_digits;
    out->parameter_type = binding->io_type;
    out->nullable = SQL_NULLABLE;
    struct types_column_description description;
    describe_bound_type(stmt, index, binding->sql_type, &description);
    take_type_traits(out, &description);
}

struct odbc_param_binding *odbc_desc_take_ipd(struct odbc_stmt *stmt, size_t index)
{
    if (index >= UINT16_MAX)
        return NULL;
    struct odbc_desc_ipd_record current;
    bool is_populated = odbc_desc_is_ipd_populated(stmt, index);
    if (is_populated)
        odbc_desc_read_ipd(stmt, index, &current);
    struct odbc_param_binding *binding =
        odbc_stmt_param_binding_at(stmt, (SQLUSMALLINT)(index + 1));
    if (binding == NULL)
        return NULL;
    if (is_populated) {
        binding->sql_type = current.concise_type;
        binding->column_size = current.length;
        binding->decimal_digits = current.scale;
        binding->io_type = current.parameter_type;
    }
    binding->has_imp_fields = true;
    return binding;
}

int odbc_desc_records_from_ird(struct odbc_stmt *stmt, struct odbc_desc *desc,
                               struct odbc_diag_list *diags)
{
    struct odbc_result *result = odbc_stmt_described_result(stmt);
    if (result == NULL) {
        odbc_diag_post(diags, "HY007", "The source statement has not been prepared or executed");
        return -1;
    }
    SQLSMALLINT count = odbc_clamp_small(result->column_count);
    desc->count = 0;
    if (odbc_desc_ensure_records(desc, count) != 0) {
        odbc_diag_post(diags, "HY001", "Out of memory copying a descriptor");
        return -1;
    }
    for (size_t i = 0; i < (size_t)count; i++) {
        /* The types the IRD reports (SQLColAttribute's), wide or narrow. */
        struct types_column_description description = result->columns[i].description;
        types_apply_character_policy(&description, character_policy(stmt));
        struct odbc_desc_record *record = &desc->records[i];
        memset(record, 0, sizeof *record);
        record->concise_type = description.concise_type;
        record->octet_length = (SQLLEN)description.octet_length;
        record->length = description.column_size;
        record->precision = odbc_clamp_small(description.column_size);
        record->scale = description.decimal_digits;
    }
    return 0;
}
