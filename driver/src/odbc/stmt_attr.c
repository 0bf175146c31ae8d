/* Statement attributes: SQLSetStmtAttr / SQLGetStmtAttr.
 * Owns: the table of statement attributes. Reference: SQLSetStmtAttr
 * (01S02 when a value is replaced by the nearest supported one, HY024
 * invalid value, HY092 unknown attribute, HY017 setting an implementation
 * descriptor, HYC00 optional feature, 24000 changing the cursor type
 * while a cursor is open). Cursors are forward-only (streaming), static
 * (held whole, every fetch orientation) or keyset-driven (stmt_keyset.h:
 * static when the result has no key, decided at execution); a dynamic
 * request becomes keyset-driven (01S02), a scrollable request static.
 * The keyset is the whole result: SQL_ATTR_KEYSET_SIZE stays 0 (01S02).
 * Row arrays of any size are fetched, parameter arrays of any size sent
 * (stmt_params.c). Bookmarks: SQL_UB_OFF, SQL_UB_FIXED (SQL_UB_ON) and
 * SQL_UB_VARIABLE (stmt_bookmark.h). Concurrency: read-only, lock, and
 * optimistic by values or by row version (xmin, read by a keyset cursor;
 * a static cursor compares values instead, 01S02 at execution); both are
 * fixed while a cursor is open (24000, as for the cursor type).
 * SQL_ATTR_ROW_OPERATION_PTR serves SQLSetPos (stmt_setpos.c). Values the driver cannot honour yet:
 * sensitive cursors, async execution (HYC00, the reason in the message);
 * SQL_ATTR_MAX_LENGTH other than 0 is 01S02 (whole values are returned).
 * The row array's size, bind type and offset are the current
 * ARD's header fields (desc.h); SQL_ATTR_APP_ROW_DESC swaps in an explicit
 * descriptor of the same connection (HY017 for another statement's
 * implicit one), SQL_ATTR_APP_PARAM_DESC likewise for parameters. */
#include "odbc/stmt.h"
#include "odbc/stmt_keyset.h"

#include <stdint.h>
#include <string.h>

void odbc_stmt_attributes_init(struct odbc_stmt_attributes *attributes)
{
    memset(attributes, 0, sizeof *attributes);
    attributes->retrieve_data = SQL_RD_ON;
    attributes->param_bind_type = SQL_PARAM_BIND_BY_COLUMN;
    attributes->noscan = SQL_NOSCAN_OFF;
    attributes->paramset_size = 1;
    attributes->cursor_type = SQL_CURSOR_FORWARD_ONLY;
    attributes->metadata_id = SQL_FALSE;
    attributes->concurrency = SQL_CONCUR_READ_ONLY;
    attributes->use_bookmarks = SQL_UB_OFF;
}

/* A parameter array attribute is a header field of the APD: an explicit
 * one takes it too (desc.h). */
static SQLRETURN store_apd(struct odbc_stmt *stmt)
{
    if (odbc_desc_store_apd(stmt) != 0)
        return odbc_diag_fail(&stmt->header.diags, "HY001",
                              "Out of memory updating the parameter descriptor");
    return SQL_SUCCESS;
}

static SQLRETURN changed(struct odbc_stmt *stmt, const char *what)
{
    return odbc_diag_fail(&stmt->header.diags, "01S02", "%s", what);
}

SQLRETURN odbc_stmt_set_attr(struct odbc_stmt *stmt, SQLINTEGER attribute, SQLPOINTER value,
                             SQLINTEGER string_length)
{
    (void)string_length;
    struct odbc_diag_list *diags = &stmt->header.diags;
    struct odbc_stmt_attributes *attributes = &stmt->attributes;
    SQLULEN number = (SQLULEN)(uintptr_t)value;
    switch (attribute) {
    case SQL_ATTR_APP_ROW_DESC:
    case SQL_ATTR_APP_PARAM_DESC: {
        enum odbc_desc_role role =
            attribute == SQL_ATTR_APP_ROW_DESC ? ODBC_DESC_APP_ROW : ODBC_DESC_APP_PARAM;
        /* ODBC: NULL or the implicit handle restores the implicit one. */
        if (value == NULL || value == (SQLPOINTER)stmt->implicit_descs[role]) {
            if (role == ODBC_DESC_APP_ROW)
                stmt->ard = stmt->implicit_descs[role];
            else if (odbc_desc_detach_apd(stmt) != 0)
                return odbc_diag_fail(diags, "HY001",
                                      "Out of memory restoring the parameter bindings");
            return SQL_SUCCESS;
        }
        if (!odbc_handle_is_valid(value, SQL_HANDLE_DESC))
            return odbc_diag_fail(diags, "HY024", "The value is not a descriptor handle");
        struct odbc_desc *desc = value;
        if (!desc->is_explicit)
            return odbc_diag_fail(diags, "HY017", "An implicitly allocated descriptor of "
                                                  "another statement cannot be used");
        if (desc->dbc != stmt->dbc)
            return odbc_diag_fail(diags, "HY024", "The descriptor belongs to another "
                                                  "connection");
        if (role == ODBC_DESC_APP_PARAM) {
            if (odbc_desc_attach_apd(stmt, desc) != 0)
                return odbc_diag_fail(diags, "HY001",
                                      "Out of memory loading the parameter descriptor");
            return SQL_SUCCESS;
        }
        stmt->ard = desc;
        return SQL_SUCCESS;
    }
    case SQL_ATTR_IMP_ROW_DESC:
    case SQL_ATTR_IMP_PARAM_DESC:
        return odbc_diag_fail(diags, "HY017",
                              "Implementation descriptors cannot be replaced");
    case SQL_ATTR_ROW_ARRAY_SIZE:
    case SQL_ROWSET_SIZE:
        if (number == 0)
            return odbc_diag_fail(diags, "HY024", "Row array size 0 is not allowed");
        stmt->ard->array_size = number;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
        if (number == 0)
            return odbc_diag_fail(diags, "HY024", "Parameter set size 0 is not allowed");
        attributes->paramset_size = number;
        return store_apd(stmt);
    case SQL_ATTR_CURSOR_TYPE:
        if (stmt->state == ODBC_STMT_CURSOR_OPEN)
            return odbc_diag_fail(diags, "24000",
                                  "The cursor type cannot change while a cursor is open");
        if (number == SQL_CURSOR_FORWARD_ONLY || number == SQL_CURSOR_STATIC ||
            number == SQL_CURSOR_KEYSET_DRIVEN) {
            attributes->cursor_type = number;
            return SQL_SUCCESS;
        }
        if (number == SQL_CURSOR_DYNAMIC) {
            attributes->cursor_type = SQL_CURSOR_KEYSET_DRIVEN;
            return changed(stmt, "Dynamic cursors are not supported; the cursor type is "
                                 "SQL_CURSOR_KEYSET_DRIVEN (rows inserted by others are not "
                                 "seen)");
        }
        return odbc_diag_fail(diags, "HY024", "Cursor type %lu is not known",
                              (unsigned long)number);
    case SQL_ATTR_CONCURRENCY:
        if (stmt->state == ODBC_STMT_CURSOR_OPEN)
            return odbc_diag_fail(diags, "24000",
                                  "The concurrency cannot change while a cursor is open");
        if (number == SQL_CONCUR_READ_ONLY || number == SQL_CONCUR_LOCK ||
            number == SQL_CONCUR_VALUES || number == SQL_CONCUR_ROWVER) {
            attributes->concurrency = number;
            return SQL_SUCCESS;
        }
        return odbc_diag_fail(diags, "HY024", "Concurrency %lu is not known",
                              (unsigned long)number);
    case SQL_ATTR_CURSOR_SCROLLABLE:
        if (stmt->state == ODBC_STMT_CURSOR_OPEN)
            return odbc_diag_fail(diags, "24000",
                                  "Scrollability cannot change while a cursor is open");
        if (number == SQL_NONSCROLLABLE) {
            attributes->cursor_type = SQL_CURSOR_FORWARD_ONLY;
            return SQL_SUCCESS;
        }
        if (number == SQL_SCROLLABLE) {
            attributes->cursor_type = SQL_CURSOR_STATIC;
            return SQL_SUCCESS;
        }
        return odbc_diag_fail(diags, "HY024", "SQL_ATTR_CURSOR_SCROLLABLE %lu is not known",
                              (unsigned long)number);
    case SQL_ATTR_CURSOR_SENSITIVITY:
        if (number == SQL_UNSPECIFIED || number == SQL_INSENSITIVE)
            return SQL_SUCCESS;
        return odbc_diag_fail(diags, "HYC00", "Sensitive cursors are not supported");
    case SQL_ATTR_USE_BOOKMARKS:
        if (stmt->state == ODBC_STMT_CURSOR_OPEN)
            return odbc_diag_fail(diags, "24000",
                                  "Bookmarks cannot be turned on or off while a cursor is open");
        if (number != SQL_UB_OFF && number != SQL_UB_FIXED && number != SQL_UB_VARIABLE)
            return odbc_diag_fail(diags, "HY024", "SQL_ATTR_USE_BOOKMARKS %lu is not known",
                                  (unsigned long)number);
        attributes->use_bookmarks = number;
        return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
        if (number != SQL_ASYNC_ENABLE_OFF && number != SQL_ASYNC_ENABLE_ON)
            return odbc_diag_fail(diags, "HY024", "SQL_ATTR_ASYNC_ENABLE %lu is not ON or OFF",
                                  (unsigned long)number);
        odbc_async_set_enabled(&stmt->async, number == SQL_ASYNC_ENABLE_ON);
        return SQL_SUCCESS;
    case SQL_ATTR_SIMULATE_CURSOR:
        /* Positioned statements change one row at most (stmt_positioned.h). */
        if (number == SQL_SC_UNIQUE)
            return SQL_SUCCESS;
        if (number == SQL_SC_NON_UNIQUE || number == SQL_SC_TRY_UNIQUE)
            return changed(stmt, "Positioned statements change one row at most: "
                                 "SQL_ATTR_SIMULATE_CURSOR is SQL_SC_UNIQUE");
        return odbc_diag_fail(diags, "HY024", "SQL_ATTR_SIMULATE_CURSOR %lu is not known",
                              (unsigned long)number);
    case SQL_ATTR_ENABLE_AUTO_IPD:
        if (number == SQL_FALSE)
            return SQL_SUCCESS;
        return odbc_diag_fail(diags, "HYC00", "Automatic IPD population is not supported");
    case SQL_ATTR_RETRIEVE_DATA:
        if (number != SQL_RD_ON && number != SQL_RD_OFF)
            return odbc_diag_fail(diags, "HY024", "SQL_ATTR_RETRIEVE_DATA %lu is not ON or OFF",
                                  (unsigned long)number);
        attributes->retrieve_data = number;
        return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS:
        attributes->max_rows = number;
        return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT:
        attributes->query_timeout_seconds = number;
        return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH:
        /* Values are never cut short on the server's side: only 0. */
        if (number == 0)
            return SQL_SUCCESS;
        return changed(stmt, "SQL_ATTR_MAX_LENGTH is not supported: whole values are returned "
                             "and the attribute stays 0; SQLGetData reads a long value in "
                             "pieces");
    case SQL_ATTR_NOSCAN:
        attributes->noscan = number;
        return SQL_SUCCESS;
    case SQL_ATTR_KEYSET_SIZE:
        attributes->keyset_size = 0;
        if (number != 0)
            return changed(stmt, "A keyset-driven cursor's keyset is its whole result: "
                                 "SQL_ATTR_KEYSET_SIZE stays 0");
        return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID:
        attributes->metadata_id = number;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE:
        if (number > INT32_MAX)
            return odbc_diag_fail(diags, "HY024", "Row size %lu is too large",
                                  (unsigned long)number);
        stmt->ard->bind_type = (SQLINTEGER)number;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR:
        stmt->ard->bind_offset_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR:
        attributes->rows_fetched = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR:
        attributes->row_status = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_OPERATION_PTR:
        stmt->ard->array_status_ptr = value; /* the ARD's SQL_DESC_ARRAY_STATUS_PTR */
        return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_STMT_EVENT:
        return odbc_diag_fail(diags, "HYC00",
                              "Asynchronous notification is not supported: poll instead "
                              "(SQL_ATTR_ASYNC_ENABLE)");
    case SQL_ATTR_PARAM_BIND_TYPE:
        attributes->param_bind_type = number;
        return store_apd(stmt);
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR:
        attributes->param_bind_offset = value;
        return store_apd(stmt);
    case SQL_ATTR_PARAMS_PROCESSED_PTR:
        attributes->params_processed = value;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR:
        attributes->param_status = value;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_OPERATION_PTR:
        attributes->param_operation = value;
        return store_apd(stmt);
    case SQL_ATTR_FETCH_BOOKMARK_PTR:
        attributes->fetch_bookmark = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_NUMBER:
        return odbc_diag_fail(diags, "HY092", "SQL_ATTR_ROW_NUMBER is read-only");
    default:
        return odbc_diag_fail(diags, "HY092", "Statement attribute %ld is not known to the driver",
                              (long)attribute);
    }
}

static SQLRETURN put_ulen(SQLPOINTER value, SQLINTEGER *string_length, SQLULEN answer)
{
    if (value != NULL)
        *(SQLULEN *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

static SQLRETURN put_pointer(SQLPOINTER value, SQLINTEGER *string_length, SQLPOINTER answer)
{
    if (value != NULL)
        *(SQLPOINTER *)value = answer;
    if (string_length != NULL)
        *string_length = (SQLINTEGER)sizeof answer;
    return SQL_SUCCESS;
}

SQLRETURN odbc_stmt_get_attr(struct odbc_stmt *stmt, SQLINTEGER attribute, SQLPOINTER value,
                             SQLINTEGER buffer_length, SQLINTEGER *string_length)
{
    (void)buffer_length;
    const struct odbc_stmt_attributes *attributes = &stmt->attributes;
    switch (attribute) {
    case SQL_ATTR_APP_ROW_DESC:
        return put_pointer(value, string_length, stmt->ard);
    case SQL_ATTR_APP_PARAM_DESC:
        return put_pointer(value, string_length, stmt->apd);
    case SQL_ATTR_IMP_ROW_DESC:
        return put_pointer(value, string_length, stmt->implicit_descs[ODBC_DESC_IMP_ROW]);
    case SQL_ATTR_IMP_PARAM_DESC:
        return put_pointer(value, string_length, stmt->implicit_descs[ODBC_DESC_IMP_PARAM]);
    case SQL_ATTR_ROW_ARRAY_SIZE:
    case SQL_ROWSET_SIZE:
        return put_ulen(value, string_length, stmt->ard->array_size);
    case SQL_ATTR_PARAMSET_SIZE:
        return put_ulen(value, string_length, attributes->paramset_size);
    case SQL_ATTR_PARAM_OPERATION_PTR:
        return put_pointer(value, string_length, attributes->param_operation);
    case SQL_ATTR_CURSOR_TYPE:
        return put_ulen(value, string_length, odbc_keyset_reported_cursor_type(stmt));
    case SQL_ATTR_CONCURRENCY:
        return put_ulen(value, string_length, odbc_keyset_reported_concurrency(stmt));
    case SQL_ATTR_CURSOR_SCROLLABLE:
        return put_ulen(value, string_length,
                        attributes->cursor_type == SQL_CURSOR_FORWARD_ONLY ? SQL_NONSCROLLABLE
                                                                           : SQL_SCROLLABLE);
    case SQL_ATTR_CURSOR_SENSITIVITY:
        /* A keyset cursor sees others' updates and deletes, not their inserts. */
        return put_ulen(value, string_length,
                        odbc_stmt_is_keyset_cursor(stmt) ? SQL_UNSPECIFIED : SQL_INSENSITIVE);
    case SQL_ATTR_USE_BOOKMARKS:
        return put_ulen(value, string_length, attributes->use_bookmarks);
    case SQL_ATTR_ASYNC_ENABLE:
        return put_ulen(value, string_length,
                        odbc_async_is_enabled(&stmt->async) ? SQL_ASYNC_ENABLE_ON
                                                            : SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_SIMULATE_CURSOR:
        return put_ulen(value, string_length, SQL_SC_UNIQUE);
    case SQL_ATTR_ENABLE_AUTO_IPD:
        return put_ulen(value, string_length, SQL_FALSE);
    case SQL_ATTR_RETRIEVE_DATA:
        return put_ulen(value, string_length, attributes->retrieve_data);
    case SQL_ATTR_MAX_ROWS:
        return put_ulen(value, string_length, attributes->max_rows);
    case SQL_ATTR_QUERY_TIMEOUT:
        return put_ulen(value, string_length, attributes->query_timeout_seconds);
    case SQL_ATTR_MAX_LENGTH:
        return put_ulen(value, string_length, 0);
    case SQL_ATTR_ROW_OPERATION_PTR:
        return put_pointer(value, string_length, stmt->ard->array_status_ptr);
    case SQL_ATTR_ASYNC_STMT_EVENT:
        return odbc_diag_fail(&stmt->header.diags, "HYC00",
                              "Asynchronous execution is not supported");
    case SQL_ATTR_NOSCAN:
        return put_ulen(value, string_length, attributes->noscan);
    case SQL_ATTR_KEYSET_SIZE:
        return put_ulen(value, string_length, attributes->keyset_size);
    case SQL_ATTR_METADATA_ID:
        return put_ulen(value, string_length, attributes->metadata_id);
    case SQL_ATTR_ROW_BIND_TYPE:
        return put_ulen(value, string_length, (SQLULEN)stmt->ard->bind_type);
    case SQL_ATTR_PARAM_BIND_TYPE:
        return put_ulen(value, string_length, attributes->param_bind_type);
    case SQL_ATTR_ROW_BIND_OFFSET_PTR:
        return put_pointer(value, string_length, stmt->ard->bind_offset_ptr);
    case SQL_ATTR_ROWS_FETCHED_PTR:
        return put_pointer(value, string_length, attributes->rows_fetched);
    case SQL_ATTR_ROW_STATUS_PTR:
        return put_pointer(value, string_length, attributes->row_status);
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR:
        return put_pointer(value, string_length, attributes->param_bind_offset);
    case SQL_ATTR_PARAMS_PROCESSED_PTR:
        return put_pointer(value, string_length, attributes->params_processed);
    case SQL_ATTR_PARAM_STATUS_PTR:
        return put_pointer(value, string_length, attributes->param_status);
    case SQL_ATTR_FETCH_BOOKMARK_PTR:
        return put_pointer(value, string_length, attributes->fetch_bookmark);
    case SQL_ATTR_ROW_NUMBER: {
        bool is_on_row = stmt->state == ODBC_STMT_CURSOR_OPEN && stmt->rowset_start > 0 &&
                         stmt->rowset_rows > 0 && !stmt->is_after_last;
        return put_ulen(value, string_length,
                        is_on_row ? stmt->rowset_start + stmt->positioned_row_index : 0);
    }
    default:
        return odbc_diag_fail(&stmt->header.diags, "HY092",
                              "Statement attribute %ld is not known to the driver",
                              (long)attribute);
    }
}
