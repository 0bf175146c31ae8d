/* Descriptor handles.
 * Owns: descriptor records and header fields. The application row
 * descriptor (ARD) is the storage of column bindings: SQLBindCol, the
 * row-array attributes (SQL_ATTR_ROW_ARRAY_SIZE, _ROW_BIND_TYPE,
 * _ROW_BIND_OFFSET_PTR) and SQLSetDescField all write the statement's
 * current ARD, and the fetch reads it (stmt_bind.c). Each statement
 * allocates four implicit descriptors; an application may allocate
 * explicit ones on a connection (SQLAllocHandle(SQL_HANDLE_DESC)) and
 * swap them in as a statement's ARD (SQL_ATTR_APP_ROW_DESC), shared by
 * any statements of that connection. Freeing an explicit descriptor
 * reverts those statements to their implicit ARD and APD. As an APD
 * (SQL_ATTR_APP_PARAM_DESC) an explicit descriptor's records are loaded
 * into the statement's parameter bindings, which stmt_params.c,
 * stmt_output.c and stmt_exec.c read, whenever it is attached or changes.
 * The implementation descriptors (IRD, IPD) and the implicit APD are views:
 * the IRD reads the described result's columns, the IPD and APD read and
 * write the statement's parameter bindings (stmt_params.c) and its
 * parameter array attributes.
 * The IPD answers what the application bound or set, and for the other
 * parameters of a prepared statement the server's parameter types, as
 * SQLDescribeParam does ("Automatic Population of the IPD").
 * Files: desc.c lifecycle and record storage; desc_apd.c parameter
 * bindings as an APD; desc_implementation.c IRD and IPD records;
 * desc_check.c consistency checks; desc_get.c and desc_set.c the field
 * and record functions; desc_copy.c SQLCopyDesc (desc_internal.h).
 * Reference: "Descriptors", SQLSetDescField (HY016 implementation row
 * descriptor, HY021 inconsistent record, 07009 record number, HY091 field
 * identifier), SQLGetDescField, SQLSetDescRec, SQLGetDescRec, SQLCopyDesc,
 * "Descriptor Field Conformance". Locking: a descriptor call locks the
 * descriptor's connection, then the descriptor (the order statements use). */
#ifndef PGO_ODBC_DESC_H
#define PGO_ODBC_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/handle.h"

struct odbc_stmt;
struct odbc_dbc;
struct types_column_description;

enum odbc_desc_role {
    ODBC_DESC_APP_ROW = 0,
    ODBC_DESC_APP_PARAM,
    ODBC_DESC_IMP_ROW,
    ODBC_DESC_IMP_PARAM,
    ODBC_DESC_ROLE_COUNT
};

/* One application descriptor record (record number - 1). A record is
 * bound when any of its three pointers is set (SQLBindCol with a null
 * target and an indicator still reports NULLs and lengths). */
struct odbc_desc_record {
    SQLSMALLINT concise_type;  /* a C type; SQL_C_DEFAULT when unset */
    SQLPOINTER data_ptr;
    SQLLEN octet_length;       /* the buffer length */
    SQLLEN *indicator_ptr;
    SQLLEN *octet_length_ptr;  /* SQLBindCol sets both to StrLen_or_Ind */
    SQLSMALLINT precision;
    SQLSMALLINT scale;
    SQLINTEGER datetime_interval_precision;
    SQLULEN length;
    SQLSMALLINT parameter_type; /* copied from an IPD (SQLCopyDesc); 0 otherwise */
};

struct odbc_desc {
    struct odbc_handle header;
    struct odbc_dbc *dbc;
    struct odbc_stmt *stmt; /* owner of an implicit descriptor; NULL when explicit */
    enum odbc_desc_role role; /* explicit: ODBC_DESC_APP_ROW until used otherwise */
    bool is_explicit;
    struct odbc_dbc_member member; /* explicit: in dbc->descriptors, freed with
                                      the connection's statements */
    /* Header fields of an application descriptor. */
    SQLULEN array_size;
    SQLINTEGER bind_type;       /* SQL_BIND_BY_COLUMN or a row size in bytes */
    SQLULEN *bind_offset_ptr;   /* SQL_ATTR_ROW_BIND_OFFSET_PTR */
    SQLUSMALLINT *array_status_ptr;
    /* Records 1..count (record 0, the bookmark, is not supported). */
    struct odbc_desc_record *records;
    SQLSMALLINT count;
    size_t capacity;            /* in records */
};

/* NULL when out of memory. */
struct odbc_desc *odbc_desc_new_implicit(struct odbc_stmt *stmt, struct odbc_dbc *dbc,
                                         enum odbc_desc_role role);
struct odbc_desc *odbc_desc_new_explicit(struct odbc_dbc *dbc);
void odbc_desc_free(struct odbc_desc *desc); /* accepts NULL */

/* Whether record i (0-based) of an application descriptor is bound. */
static inline bool odbc_desc_record_is_bound(const struct odbc_desc_record *record)
{
    return record->data_ptr != NULL || record->indicator_ptr != NULL ||
           record->octet_length_ptr != NULL;
}

/* Binds record record_number (1-based) as SQLBindCol does: type, buffer,
 * length and both length pointers; count grows to cover it. A record
 * with no pointers unbinds (count shrinks to the last bound record).
 * -1 when out of memory. */
int odbc_desc_bind_record(struct odbc_desc *desc, SQLSMALLINT record_number,
                          SQLSMALLINT c_type, SQLPOINTER data_ptr, SQLLEN octet_length,
                          SQLLEN *indicator_ptr, SQLLEN *octet_length_ptr) PGO_MUST_CHECK;
/* Unbinds every record (SQLFreeStmt(SQL_UNBIND): count 0). */
void odbc_desc_unbind_all(struct odbc_desc *desc);

/* Explicit parameter descriptors. The statement's parameter code reads
 * its param_bindings and parameter array attributes; attaching loads an
 * explicit APD into them (the statement's own values are kept in its
 * implicit APD), detaching loads the implicit one back. -1 when out of
 * memory (nothing attached). */
int odbc_desc_attach_apd(struct odbc_stmt *stmt, struct odbc_desc *desc) PGO_MUST_CHECK;
int odbc_desc_detach_apd(struct odbc_stmt *stmt) PGO_MUST_CHECK;
/* After SQLBindParameter, SQL_RESET_PARAMS or a parameter array attribute
 * changed the statement: when its APD is explicit, the descriptor takes
 * the new values and its other statements reload them. -1: no memory. */
int odbc_desc_store_apd(struct odbc_stmt *stmt) PGO_MUST_CHECK;

/* What SQLDescribeParam answers for parameter index (0-based) of stmt,
 * which has SQL text: the server statement's parameter type (text when
 * the server did not say), character types narrow or wide as the
 * connection's WideCharTypes says. The IPD's populated records answer the
 * same (desc_implementation.c). */
void odbc_desc_describe_param(const struct odbc_stmt *stmt, size_t index,
                              struct types_column_description *out);

/* Locks the descriptor's connection then the descriptor, clearing the
 * descriptor's diagnostics. NULL when handle is not a live descriptor. */
struct odbc_desc *odbc_desc_enter(SQLHDESC handle);
SQLRETURN odbc_desc_leave(struct odbc_desc *desc, SQLRETURN return_code);

/* The descriptor functions (narrow; api_wide_desc.c converts names). */
SQLRETURN odbc_desc_get_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                              SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                              SQLINTEGER *string_length);
SQLRETURN odbc_desc_set_field(struct odbc_desc *desc, SQLSMALLINT record_number,
                              SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length);
SQLRETURN odbc_desc_get_rec(struct odbc_desc *desc, SQLSMALLINT record_number, SQLCHAR *name,
                            SQLSMALLINT buffer_length, SQLSMALLINT *string_length,
                            SQLSMALLINT *type, SQLSMALLINT *subtype, SQLLEN *length,
                            SQLSMALLINT *precision, SQLSMALLINT *scale, SQLSMALLINT *nullable);
SQLRETURN odbc_desc_set_rec(struct odbc_desc *desc, SQLSMALLINT record_number, SQLSMALLINT type,
                            SQLSMALLINT subtype, SQLLEN length, SQLSMALLINT precision,
                            SQLSMALLINT scale, SQLPOINTER data_ptr, SQLLEN *octet_length_ptr,
                            SQLLEN *indicator_ptr);
/* SQLCopyDesc: target's diagnostics receive the errors. */
SQLRETURN odbc_desc_copy(struct odbc_desc *source, struct odbc_desc *target);

#endif
