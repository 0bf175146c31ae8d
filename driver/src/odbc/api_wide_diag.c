/* Exported W diagnostic functions: SQLGetDiagRecW, SQLGetDiagFieldW.
 * As their narrow twins in api_diag.c, they lock the handle but neither
 * clear nor post diagnostics; they call odbc_diag_get_rec /
 * odbc_diag_get_field and convert the UTF-8 answer once.
 * Units, from the reference pages: SQLGetDiagRecW's BufferLength and
 * *TextLength are characters (SQLWCHARs); SQLGetDiagFieldW's are bytes.
 * Truncation is SQL_SUCCESS_WITH_INFO without a record, as for the narrow
 * functions. */
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/stmt.h"
#include "odbc/strings.h"
#include "odbc/api_diag_lock.h"
#include "odbc/trace_api.h"
#include "odbc/wide.h"

/* Bytes the message of record_number needs (with its terminator); 1 when
 * there is no such record (the narrow call then answers). */
static size_t message_bytes(const struct odbc_diag_list *list, SQLSMALLINT record_number)
{
    if (record_number <= 0 || (size_t)record_number > list->count)
        return 1;
    return list->records[record_number - 1].message_length + 1;
}

/* The record's fields come from the narrow call (SQLSTATE as the
 * application's ODBC version wants it, native error); the message is
 * converted straight from the record, whatever its length, so that a long
 * message is counted whole in characters. */
static SQLRETURN get_rec_wide(const struct odbc_diag_list *list,
                              const struct odbc_diag_context *context, SQLSMALLINT record_number,
                              SQLWCHAR *sqlstate, SQLINTEGER *native_error,
                              SQLWCHAR *message_text, SQLSMALLINT buffer_units,
                              SQLSMALLINT *text_length_units)
{
    SQLCHAR narrow_sqlstate[6] = {0};
    SQLRETURN result = odbc_diag_get_rec(list, context, record_number, narrow_sqlstate,
                                         native_error, NULL, buffer_units, NULL);
    if (!SQL_SUCCEEDED(result))
        return result;
    size_t ignored;
    if (sqlstate != NULL)
        (void)odbc_wide_put((const char *)narrow_sqlstate, 5, sqlstate, 6, &ignored);
    const struct odbc_diag_record *record = &list->records[record_number - 1];
    size_t total_units = 0;
    bool fitted = odbc_wide_put(record->message, record->message_length, message_text,
                                (size_t)buffer_units, &total_units);
    if (text_length_units != NULL)
        *text_length_units = odbc_clamp_small(total_units);
    return fitted ? SQL_SUCCESS : SQL_SUCCESS_WITH_INFO;
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT HandleType, SQLHANDLE Handle,
                                 SQLSMALLINT RecNumber, SQLWCHAR *Sqlstate,
                                 SQLINTEGER *NativeError, SQLWCHAR *MessageText,
                                 SQLSMALLINT BufferLength, SQLSMALLINT *TextLength)
{
    struct odbc_diag_context context;
    struct odbc_handle *header = odbc_api_lock_for_diagnostics(HandleType, Handle, &context);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = get_rec_wide(&header->diags, &context, RecNumber, Sqlstate, NativeError,
                                    MessageText, BufferLength, TextLength);
    odbc_handle_unlock(header);
    return odbc_trace_api(__func__, Handle, NULL, result);
}

/* SQLGetDiagField's character-string fields (its reference page). */
static bool is_string_diag_field(SQLSMALLINT field)
{
    switch (field) {
    case SQL_DIAG_CLASS_ORIGIN:
    case SQL_DIAG_CONNECTION_NAME:
    case SQL_DIAG_DYNAMIC_FUNCTION:
    case SQL_DIAG_MESSAGE_TEXT:
    case SQL_DIAG_SERVER_NAME:
    case SQL_DIAG_SQLSTATE:
    case SQL_DIAG_SUBCLASS_ORIGIN:
        return true;
    default:
        return false;
    }
}

static SQLRETURN get_field_wide(const struct odbc_diag_list *list,
                                const struct odbc_diag_context *context,
                                SQLSMALLINT record_number, SQLSMALLINT field,
                                SQLPOINTER diag_info, SQLSMALLINT buffer_length_bytes,
                                SQLSMALLINT *string_length_bytes)
{
    if (!is_string_diag_field(field) || buffer_length_bytes < 0)
        return odbc_diag_get_field(list, context, record_number, field, diag_info,
                                   buffer_length_bytes, string_length_bytes);
    size_t capacity_units = (size_t)buffer_length_bytes / ODBC_WIDE_BYTES_PER_UNIT;
    struct odbc_wide_out out;
    bool is_ready = field == SQL_DIAG_MESSAGE_TEXT
                        ? odbc_wide_out_init_fixed(&out, message_bytes(list, record_number), NULL)
                        : odbc_wide_out_init(&out, capacity_units, NULL);
    SQLRETURN result = SQL_ERROR;
    SQLSMALLINT length_bytes = 0;
    if (is_ready) {
        do {
            length_bytes = 0;
            result = odbc_diag_get_field(list, context, record_number, field, out.text,
                                         odbc_wide_out_small_capacity(&out), &length_bytes);
        } while (odbc_wide_out_retry(&out, result, (size_t)length_bytes, NULL));
    }
    if (SQL_SUCCEEDED(result)) {
        size_t total_units = 0;
        bool fitted = odbc_wide_put(out.text, odbc_wide_out_length(&out, (size_t)length_bytes),
                                    diag_info, capacity_units, &total_units);
        if (string_length_bytes != NULL)
            *string_length_bytes = odbc_clamp_small(total_units * ODBC_WIDE_BYTES_PER_UNIT);
        result = fitted ? SQL_SUCCESS : SQL_SUCCESS_WITH_INFO;
    }
    odbc_wide_out_free(&out);
    return result;
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT HandleType, SQLHANDLE Handle,
                                   SQLSMALLINT RecNumber, SQLSMALLINT DiagIdentifier,
                                   SQLPOINTER DiagInfo, SQLSMALLINT BufferLength,
                                   SQLSMALLINT *StringLength)
{
    struct odbc_diag_context context;
    struct odbc_handle *header = odbc_api_lock_for_diagnostics(HandleType, Handle, &context);
    if (header == NULL)
        return SQL_INVALID_HANDLE;
    SQLRETURN result = get_field_wide(&header->diags, &context, RecNumber, DiagIdentifier,
                                      DiagInfo, BufferLength, StringLength);
    odbc_handle_unlock(header);
    return odbc_trace_api(__func__, Handle, NULL, result);
}
