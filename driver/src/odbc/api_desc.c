/* Exported descriptor functions: SQLGetDescField, SQLSetDescField,
 * SQLGetDescRec, SQLSetDescRec, SQLCopyDesc (the W forms are in
 * api_wide_desc.c). Each locks the descriptor's connection then the
 * descriptor (desc.h), calls the odbc_desc_ function and traces. */
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/desc.h"
#include "odbc/api_shim.h"
#include "odbc/trace_api.h"

SQLRETURN SQL_API SQLGetDescField(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                  SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                  SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    DESC_CALL(DescriptorHandle, odbc_desc_get_field(desc, RecNumber, FieldIdentifier, Value,
                                                    BufferLength, StringLength));
}

SQLRETURN SQL_API SQLSetDescField(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                  SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                  SQLINTEGER BufferLength)
{
    DESC_CALL(DescriptorHandle,
              odbc_desc_set_field(desc, RecNumber, FieldIdentifier, Value, BufferLength));
}

SQLRETURN SQL_API SQLGetDescRec(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber, SQLCHAR *Name,
                                SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                SQLSMALLINT *Type, SQLSMALLINT *SubType, SQLLEN *Length,
                                SQLSMALLINT *Precision, SQLSMALLINT *Scale,
                                SQLSMALLINT *Nullable)
{
    DESC_CALL(DescriptorHandle,
              odbc_desc_get_rec(desc, RecNumber, Name, BufferLength, StringLength, Type, SubType,
                                Length, Precision, Scale, Nullable));
}

SQLRETURN SQL_API SQLSetDescRec(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                SQLSMALLINT Type, SQLSMALLINT SubType, SQLLEN Length,
                                SQLSMALLINT Precision, SQLSMALLINT Scale, SQLPOINTER Data,
                                SQLLEN *StringLength, SQLLEN *Indicator)
{
    DESC_CALL(DescriptorHandle, odbc_desc_set_rec(desc, RecNumber, Type, SubType, Length,
                                                  Precision, Scale, Data, StringLength,
                                                  Indicator));
}

/* Locks the target as every descriptor call does; the source too when it
 * is another descriptor (on another connection: that connection first). */
SQLRETURN SQL_API SQLCopyDesc(SQLHDESC SourceDescHandle, SQLHDESC TargetDescHandle)
{
    if (!odbc_handle_is_valid(SourceDescHandle, SQL_HANDLE_DESC))
        return SQL_INVALID_HANDLE;
    struct odbc_desc *desc = odbc_desc_enter(TargetDescHandle);
    if (desc == NULL)
        return SQL_INVALID_HANDLE;
    struct odbc_desc *source = SourceDescHandle;
    bool is_other = source != desc;
    bool is_other_dbc = source->dbc != desc->dbc;
    if (is_other_dbc)
        odbc_handle_lock(&source->dbc->header);
    if (is_other)
        odbc_handle_lock(&source->header);
    SQLRETURN result = odbc_desc_copy(source, desc);
    if (is_other)
        odbc_handle_unlock(&source->header);
    if (is_other_dbc)
        odbc_handle_unlock(&source->dbc->header);
    return odbc_desc_leave(desc, odbc_trace_api(__func__, desc, &desc->header.diags, result));
}
