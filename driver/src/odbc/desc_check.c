/* Consistency checks of descriptor records: what the driver verifies
 * before a record may be used, so that an inconsistent record fails when
 * it is set (HY021) rather than at execution or fetch.
 * Application records are checked when their data pointer is set
 * (SQLSetDescField(SQL_DESC_DATA_PTR), the last step of SQLSetDescRec,
 * and the data pointer an APD field completes); IPD records when their
 * type is set, and when the application sets an IPD's data pointer, which
 * asks for the check and stores nothing.
 * Reference: "Consistency Checks" (the type is valid, a datetime or
 * interval type has its code, SQL_C_NUMERIC's precision and scale fit),
 * SQLSetDescField and SQLSetDescRec (HY021 "Inconsistent descriptor
 * information"). */
#include "odbc/desc_internal.h"

#include "types/from_c.h"

SQLRETURN odbc_desc_check_app_record(struct odbc_desc *desc, SQLSMALLINT record_number,
                                     const struct odbc_desc_record *record)
{
    SQLSMALLINT type = record->concise_type;
    bool is_param_known = type == SQL_C_DEFAULT || types_is_param_c_type(type);
    bool is_known = desc->is_explicit                   ? is_param_known ||
                                                              odbc_is_supported_c_type(type)
                    : desc->role == ODBC_DESC_APP_PARAM ? is_param_known
                                                        : odbc_is_supported_c_type(type);
    if (!is_known || type == SQL_DATETIME || type == SQL_INTERVAL)
        return odbc_diag_fail(&desc->header.diags, "HY021",
                              "Record %d: C type %d is not a complete C type the driver "
                              "converts",
                              (int)record_number, (int)type);
    if (type == SQL_C_NUMERIC && record->precision != 0 &&
        (record->precision > 38 || record->scale > record->precision || record->scale < 0))
        return odbc_diag_fail(&desc->header.diags, "HY021",
                              "Record %d: precision %d and scale %d do not describe a numeric "
                              "value (precision 1 to 38, scale 0 to precision)",
                              (int)record_number, (int)record->precision, (int)record->scale);
    return SQL_SUCCESS;
}

SQLRETURN odbc_desc_check_ipd_type(struct odbc_diag_list *diags, SQLSMALLINT record_number,
                                   SQLSMALLINT sql_type, bool is_complete)
{
    if (types_is_param_sql_type(sql_type))
        return SQL_SUCCESS;
    if (!is_complete && (sql_type == SQL_DATETIME || sql_type == SQL_INTERVAL))
        return SQL_SUCCESS;
    return odbc_diag_fail(diags, "HY021",
                          "Parameter %d: SQL type %d is not %sSQL type the driver sends",
                          (int)record_number, (int)sql_type, is_complete ? "a complete " : "an ");
}
