/* Diagnostic records of one handle (SQLGetDiagRec / SQLGetDiagField).
 * Owns: the list of records per handle, their order, their text, the
 * SQLSTATE table of driver-raised states with ODBC 2 equivalents, and the
 * header fields (return code, row count, dynamic function).
 * Reference: ODBC "Diagnostics", "Sequence of Status Records",
 * SQLGetDiagField, "SQLSTATE Mappings" (ODBC 3 → ODBC 2).
 *
 * Rules this file keeps (STYLE.md, "Errors and diagnostics"):
 * - it is the only builder of records; every other file hands it a
 *   struct error or a SQLSTATE and a message;
 * - a handle's list is cleared at the start of each call except the
 *   diagnostic functions (odbc_diag_clear, called from handle.c);
 * - messages start "[pgodbc]" for the driver's own and
 *   "[pgodbc][PostgreSQL]" for the server's, which also carry severity,
 *   DETAIL and HINT;
 * - native error: 0 for driver errors; for server records the layer's
 *   native_code when set, else 1 for ERROR, 2 for FATAL, 3 for PANIC and
 *   0 for warnings and notices.
 * Server notices arrive as warnings; a notice whose SQLSTATE class is not
 * "01" (warning) is reported as 01000, its text unchanged. */
#ifndef PGO_ODBC_DIAG_H
#define PGO_ODBC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <sql.h>
#include <sqlext.h>
#include "util/compiler.h"
#include "util/error.h"

struct odbc_diag_record {
    char sqlstate[6];
    SQLINTEGER native_error;
    char *message;              /* heap, prefixed, NUL-terminated; or, when
                                   has_fixed_message, a static text */
    bool has_fixed_message;     /* out of memory for the text: a fixed one */
    size_t message_length;
    enum error_origin origin;
    SQLLEN row_number;          /* SQL_NO_ROW_NUMBER unless a row is meant */
    SQLINTEGER column_number;   /* SQL_NO_COLUMN_NUMBER unless a column is meant */
};

struct odbc_diag_list {
    struct odbc_diag_record *records; /* in ODBC order */
    size_t count;
    size_t capacity;
    SQLRETURN return_code;            /* of the last call on the handle */
    SQLLEN row_count;                 /* SQL_DIAG_ROW_COUNT */
    const char *dynamic_function;     /* static text, "" when unknown */
    SQLINTEGER dynamic_function_code; /* SQL_DIAG_UNKNOWN_STATEMENT when unknown */
};

void odbc_diag_init(struct odbc_diag_list *list);
/* Room for the first records, taken when the handle is made, so that an
 * out-of-memory error later always has a record to land in (its text then
 * fixed if even that cannot be allocated). -1 when out of memory. */
int odbc_diag_reserve(struct odbc_diag_list *list) PGO_MUST_CHECK;
void odbc_diag_reset(struct odbc_diag_list *list); /* frees every record */
/* Frees the records' messages and empties the list (the slow part of
 * odbc_diag_clear). */
void odbc_diag_drop_records(struct odbc_diag_list *list);

/* Start of a call: drops the records, keeps the memory. Inline: every
 * call clears, and most have nothing to drop (SQLGetData once per value). */
static inline void odbc_diag_clear(struct odbc_diag_list *list)
{
    if (list->count > 0)
        odbc_diag_drop_records(list);
    list->return_code = SQL_SUCCESS;
    list->row_count = 0;
    list->dynamic_function = "";
    list->dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;
}

/* Adds a record from an error (driver or server). is_warning marks a
 * warning or notice. column_number/row_number: SQL_NO_COLUMN_NUMBER,
 * SQL_NO_ROW_NUMBER when not about one. A record that cannot be stored
 * (out of memory) is dropped; the return code still says what happened. */
void odbc_diag_add(struct odbc_diag_list *list, const struct error *error, bool is_warning,
                   SQLINTEGER column_number, SQLLEN row_number);

/* Driver-raised record: posts sqlstate with a formatted message. Whether
 * it is a warning follows from the SQLSTATE's class (01). */
void odbc_diag_post(struct odbc_diag_list *list, const char *sqlstate, const char *format, ...)
    PGO_PRINTF(3, 4);
void odbc_diag_post_at(struct odbc_diag_list *list, SQLINTEGER column_number, SQLLEN row_number,
                       const char *sqlstate, const char *format, ...) PGO_PRINTF(5, 6);

/* Convenience: posts and returns SQL_ERROR (or SQL_SUCCESS_WITH_INFO for
 * a class-01 state). */
SQLRETURN odbc_diag_fail(struct odbc_diag_list *list, const char *sqlstate, const char *format,
                         ...) PGO_PRINTF(3, 4);
/* Adds a driver or server error and returns SQL_ERROR. */
SQLRETURN odbc_diag_fail_error(struct odbc_diag_list *list, const struct error *error);

/* End of a call: SQL_SUCCESS becomes SQL_SUCCESS_WITH_INFO when records
 * were posted; the result is stored as the header's return code. */
static inline SQLRETURN odbc_diag_finish(struct odbc_diag_list *list, SQLRETURN return_code)
{
    if (return_code == SQL_SUCCESS && list->count > 0)
        return_code = SQL_SUCCESS_WITH_INFO;
    list->return_code = return_code;
    return return_code;
}

bool odbc_diag_has_errors(const struct odbc_diag_list *list);

/* The ODBC 2 SQLSTATE for an ODBC 3 one (S1000 for HY000, ...); the same
 * state when the two agree. Never NULL. */
const char *odbc_diag_odbc2_sqlstate(const char *sqlstate);
/* "ISO 9075" or "ODBC 3.0" (SQL_DIAG_CLASS_ORIGIN / SUBCLASS_ORIGIN). */
const char *odbc_diag_class_origin(const char *sqlstate);
const char *odbc_diag_subclass_origin(const char *sqlstate, enum error_origin origin);

/* What SQLGetDiagRec/SQLGetDiagField need to know about the handle. */
struct odbc_diag_context {
    SQLSMALLINT handle_type;
    bool use_odbc2_states;      /* SQL_ATTR_ODBC_VERSION is SQL_OV_ODBC2 */
    const char *server_name;    /* data source name, "" when none */
    const char *connection_name;
};

SQLRETURN odbc_diag_get_rec(const struct odbc_diag_list *list,
                            const struct odbc_diag_context *context, SQLSMALLINT record_number,
                            SQLCHAR *sqlstate, SQLINTEGER *native_error, SQLCHAR *message_text,
                            SQLSMALLINT buffer_length, SQLSMALLINT *text_length);

SQLRETURN odbc_diag_get_field(const struct odbc_diag_list *list,
                              const struct odbc_diag_context *context,
                              SQLSMALLINT record_number, SQLSMALLINT diag_identifier,
                              SQLPOINTER diag_info, SQLSMALLINT buffer_length,
                              SQLSMALLINT *string_length);

#endif
