/* What the descriptor files share among themselves (desc.h is the contract
 * for everyone else). The files and what each owns:
 *   desc.c                lifecycle, locking, the record storage of
 *                         application descriptors (SQLBindCol's records)
 *   desc_apd.c            the statement's parameter bindings seen as an APD:
 *                         the implicit APD's view, explicit APDs loaded into
 *                         the bindings and kept in step with their statements
 *   desc_implementation.c the IRD's and IPD's records: the IRD answered from
 *                         the described result, the IPD from the parameter
 *                         bindings or, after SQLPrepare, the server's
 *                         parameter types (SQLDescribeParam's answers)
 *   desc_check.c          consistency checks (HY021)
 *   desc_get.c            SQLGetDescField, SQLGetDescRec
 *   desc_set.c            SQLSetDescField, SQLSetDescRec
 *   desc_copy.c           SQLCopyDesc
 * Nothing here is for files outside desc*.c. */
#ifndef PGO_ODBC_DESC_INTERNAL_H
#define PGO_ODBC_DESC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "odbc/desc.h"
#include "odbc/stmt.h"

/* ---- desc.c: record storage ---- */

/* Makes records 1..count exist (new ones zeroed); count only grows. -1
 * when out of memory (nothing changed). */
int odbc_desc_ensure_records(struct odbc_desc *desc, SQLSMALLINT count) PGO_MUST_CHECK;

/* ---- which view a descriptor is ---- */

static inline bool odbc_desc_is_app(const struct odbc_desc *desc)
{
    return desc->role == ODBC_DESC_APP_ROW || desc->role == ODBC_DESC_APP_PARAM;
}

/* desc_apd.c: the implicit APD (while it is the statement's APD) and the
 * IPD are views of the statement's parameter bindings; an explicit
 * descriptor and the ARD keep their own records. */
bool odbc_desc_is_param_view(const struct odbc_desc *desc);
/* desc_get.c: SQL_DESC_COUNT as each kind of descriptor answers it. */
SQLSMALLINT odbc_desc_count(struct odbc_desc *desc);
/* Whether field is a header field (the record number is ignored). */
bool odbc_desc_is_header_field(SQLSMALLINT field);

/* ---- desc_apd.c: parameter bindings as application records ---- */

/* The statement's bindings and parameter array attributes into desc's
 * storage. -1: out of memory. */
int odbc_desc_save_apd(struct odbc_stmt *stmt, struct odbc_desc *desc) PGO_MUST_CHECK;
/* desc's records and header into the statement's bindings. -1: no memory. */
int odbc_desc_load_apd(struct odbc_stmt *stmt, const struct odbc_desc *desc) PGO_MUST_CHECK;
/* desc changed: every statement using it as APD but skip reloads it. */
int odbc_desc_sync_apd_users(struct odbc_desc *desc, struct odbc_stmt *skip) PGO_MUST_CHECK;

/* ---- desc_implementation.c: IRD and IPD records ---- */

/* One IPD record as SQLGetDescField answers it. */
struct odbc_desc_ipd_record {
    SQLSMALLINT concise_type;  /* an SQL type */
    SQLULEN length;            /* SQL_DESC_LENGTH: the column size */
    SQLSMALLINT precision;
    SQLSMALLINT scale;
    SQLSMALLINT parameter_type; /* SQL_PARAM_INPUT, ... */
    SQLSMALLINT nullable;
    /* "Initialization of Descriptor Fields": defined once populated. Of
     * the type the parameter travels as; type_name is static text. */
    bool is_case_sensitive;
    bool is_unsigned;
    bool is_fixed_precision_scale;
    const char *type_name;
};

/* Whether the IPD is populated from the server for parameter index
 * (0-based): the statement has that marker and the application has
 * neither bound the parameter nor set its IPD fields. */
bool odbc_desc_is_ipd_populated(const struct odbc_stmt *stmt, size_t index);
/* Record index (0-based) of the statement's IPD. */
void odbc_desc_read_ipd(struct odbc_stmt *stmt, size_t index, struct odbc_desc_ipd_record *out);
/* The binding behind IPD record index, made to hold the IPD's fields from
 * now on (has_imp_fields): the first write starts from what the IPD
 * answered, so that setting one field keeps the populated others. NULL
 * when out of memory. */
struct odbc_param_binding *odbc_desc_take_ipd(struct odbc_stmt *stmt, size_t index);
/* The records the IRD describes, as application records (types, lengths,
 * precision, scale; no pointers), into desc's storage. -1 with the
 * SQLSTATE posted on diags. */
int odbc_desc_records_from_ird(struct odbc_stmt *stmt, struct odbc_desc *desc,
                               struct odbc_diag_list *diags) PGO_MUST_CHECK;

/* ---- desc_check.c: consistency checks ("Consistency Checks") ---- */

/* An application record whose data pointer is being set. SQL_SUCCESS or
 * SQL_ERROR (HY021 posted on desc). */
SQLRETURN odbc_desc_check_app_record(struct odbc_desc *desc, SQLSMALLINT record_number,
                                     const struct odbc_desc_record *record);
/* An IPD record's SQL type: one the driver sends (is_complete: the verbose
 * SQL_DATETIME / SQL_INTERVAL waiting for their code are refused too).
 * SQL_SUCCESS or SQL_ERROR (HY021 posted on diags). */
SQLRETURN odbc_desc_check_ipd_type(struct odbc_diag_list *diags, SQLSMALLINT record_number,
                                   SQLSMALLINT sql_type, bool is_complete);

/* ---- type fields: verbose, concise and the datetime/interval code ---- */

static inline bool odbc_desc_is_datetime_type(SQLSMALLINT type)
{
    return type == SQL_TYPE_DATE || type == SQL_TYPE_TIME || type == SQL_TYPE_TIMESTAMP;
}

static inline bool odbc_desc_is_interval_type(SQLSMALLINT type)
{
    return type >= SQL_INTERVAL_YEAR && type <= SQL_INTERVAL_MINUTE_TO_SECOND;
}

/* SQL_DESC_TYPE of a concise type (the same codes serve C and SQL types). */
static inline SQLSMALLINT odbc_desc_verbose_type(SQLSMALLINT concise)
{
    if (odbc_desc_is_datetime_type(concise))
        return SQL_DATETIME;
    if (odbc_desc_is_interval_type(concise))
        return SQL_INTERVAL;
    return concise;
}

/* SQL_DESC_DATETIME_INTERVAL_CODE of a concise type; 0 for the others. */
static inline SQLSMALLINT odbc_desc_interval_code(SQLSMALLINT concise)
{
    if (odbc_desc_is_datetime_type(concise))
        return (SQLSMALLINT)(concise - SQL_DATETIME * 10);
    if (odbc_desc_is_interval_type(concise))
        return (SQLSMALLINT)(concise - 100);
    return 0;
}

/* The concise type after setting a type field: SQL_DESC_TYPE with
 * SQL_DATETIME / SQL_INTERVAL waits for SQL_DESC_DATETIME_INTERVAL_CODE;
 * SQL_DESC_TYPE otherwise and SQL_DESC_CONCISE_TYPE are concise. */
static inline SQLSMALLINT odbc_desc_concise_after(SQLSMALLINT current, SQLSMALLINT field,
                                                  SQLSMALLINT value)
{
    if (field != SQL_DESC_DATETIME_INTERVAL_CODE)
        return value;
    SQLSMALLINT verbose = odbc_desc_verbose_type(current);
    if (verbose == SQL_DATETIME && value >= SQL_CODE_DATE && value <= SQL_CODE_TIMESTAMP)
        return (SQLSMALLINT)(SQL_DATETIME * 10 + value);
    if (verbose == SQL_INTERVAL && value >= SQL_CODE_YEAR && value <= SQL_CODE_MINUTE_TO_SECOND)
        return (SQLSMALLINT)(100 + value);
    return current;
}

/* A field value as SQLSetDescField passes it (an integer in the pointer). */
static inline SQLULEN odbc_desc_ulen_of(SQLPOINTER value)
{
    return (SQLULEN)(uintptr_t)value;
}

static inline SQLLEN odbc_desc_len_of(SQLPOINTER value)
{
    return (SQLLEN)(intptr_t)value;
}

static inline SQLSMALLINT odbc_desc_small_of(SQLPOINTER value)
{
    return (SQLSMALLINT)(intptr_t)value;
}

#endif
