/* Diagnostic records (see diag.h for the rules).
 * Owns: record text and order, the driver's SQLSTATE table with ODBC 2
 * twins, class and subclass origins, and the SQLGetDiagRec /
 * SQLGetDiagField answers. Reference: ODBC "Sequence of Status Records"
 * (records without a row number first, then by row; within them errors
 * before warnings, transaction failures first), SQLGetDiagField's field
 * list, and "SQLSTATE Mappings". */
#include "odbc/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "odbc/strings.h"
#include "util/alloc.h"

#define DRIVER_PREFIX "[pgodbc]"
#define SERVER_PREFIX "[pgodbc][PostgreSQL]"

/* Every SQLSTATE the driver raises itself, with its ODBC 2 equivalent.
 * A state whose class is 01 is a warning (SQL_SUCCESS_WITH_INFO); every
 * other one is an error (SQL_ERROR). States the server sends and that are
 * not here keep their value in both versions, except the ODBC 3 states of
 * the mapping table (42000 → 37000 and the 42Sxx family). */
struct sqlstate_row {
    const char *odbc3;
    const char *odbc2;
};

static const struct sqlstate_row sqlstate_rows[] = {
    {"01000", "01000"}, /* general warning (server notices) */
    {"01001", "01001"}, /* cursor operation conflict (SQLSetPos found the row changed) */
    {"01002", "01002"}, /* disconnect error */
    {"01004", "01004"}, /* string data, right truncated */
    {"01S00", "01S00"}, /* invalid connection string attribute */
    {"01S02", "01S02"}, /* option value changed */
    {"01S06", "01S06"}, /* attempt to fetch before the result returned the first rowset */
    {"01S07", "01S07"}, /* fractional truncation */
    {"07002", "07001"}, /* COUNT field incorrect (a marker without a binding) */
    {"07006", "07006"}, /* restricted data type attribute violation */
    {"07009", "S1002"}, /* invalid descriptor index */
    {"08001", "08001"}, /* client unable to establish connection */
    {"08002", "08002"}, /* connection name in use */
    {"08003", "08003"}, /* connection not open */
    {"08S01", "08S01"}, /* communication link failure */
    {"21S02", "21S02"}, /* degree of derived table does not match column list */
    {"22001", "22001"}, /* string data, right truncated */
    {"22002", "22002"}, /* indicator variable required but not supplied */
    {"22003", "22003"}, /* numeric value out of range */
    {"22007", "22008"}, /* invalid datetime format */
    {"22008", "22008"}, /* datetime field overflow */
    {"22018", "22005"}, /* invalid character value for cast specification */
    {"24000", "24000"}, /* invalid cursor state */
    {"25000", "25000"}, /* invalid transaction state */
    {"25S01", "25000"}, /* transaction state unknown (SQLEndTran on an environment) */
    {"42000", "37000"}, /* syntax error or access violation */
    {"42S01", "S0001"},
    {"42S02", "S0002"},
    {"42S11", "S0011"},
    {"42S12", "S0012"},
    {"42S21", "S0021"},
    {"42S22", "S0022"},
    {"HY000", "S1000"}, /* general error */
    {"HY001", "S1001"}, /* memory allocation error */
    {"HY003", "S1003"}, /* invalid application buffer type */
    {"HY004", "S1004"}, /* invalid SQL data type */
    {"HY008", "S1008"}, /* operation canceled */
    {"HY009", "S1009"}, /* invalid use of null pointer */
    {"HY010", "S1010"}, /* function sequence error */
    {"HY011", "S1011"}, /* attribute cannot be set now */
    {"HY012", "S1012"}, /* invalid transaction operation code */
    {"HY017", "S1017"}, /* invalid use of an automatically allocated descriptor */
    {"HY019", "S1000"}, /* non-character and non-binary data sent in pieces */
    {"HY024", "S1009"}, /* invalid attribute value */
    {"HY090", "S1090"}, /* invalid string or buffer length */
    {"HY091", "S1091"}, /* invalid descriptor field identifier */
    {"HY092", "S1092"}, /* invalid attribute/option identifier */
    {"HY096", "S1096"}, /* information type out of range */
    {"HY097", "S1097"}, /* column type out of range */
    {"HY098", "S1098"}, /* scope type out of range */
    {"HY099", "S1099"}, /* nullable type out of range */
    {"HY100", "S1100"}, /* uniqueness option type out of range */
    {"HY101", "S1101"}, /* accuracy option type out of range */
    {"HY105", "S1093"}, /* invalid parameter type (input/output type) */
    {"HY106", "S1106"}, /* fetch type out of range */
    {"HY107", "S1107"}, /* row value out of range */
    {"HY109", "S1109"}, /* invalid cursor position */
    {"HY110", "S1110"}, /* invalid driver completion */
    {"HY111", "S1111"}, /* invalid bookmark value */
    {"HYC00", "S1C00"}, /* optional feature the driver does not offer */
    {"HYT00", "S1T00"}, /* timeout expired */
    {"IM002", "IM002"}, /* data source name not found */
};

/* SQLGetDiagField: subclasses ODBC defines beyond ISO 9075. */
static const char *const odbc_subclasses[] = {
    "01S00", "01S01", "01S02", "01S06", "01S07", "07S01", "08S01", "21S01", "21S02",
    "25S01", "25S02", "25S03", "42S01", "42S02", "42S11", "42S12", "42S21", "42S22",
    "HY095", "HY097", "HY098", "HY099", "HY100", "HY101", "HY105", "HY107", "HY109",
    "HY110", "HY111", "HYT00", "HYT01", "IM001", "IM002", "IM003", "IM004", "IM005",
    "IM006", "IM007", "IM008", "IM010", "IM011", "IM012"};

const char *odbc_diag_odbc2_sqlstate(const char *sqlstate)
{
    for (size_t i = 0; i < sizeof sqlstate_rows / sizeof sqlstate_rows[0]; i++) {
        if (strcmp(sqlstate_rows[i].odbc3, sqlstate) == 0)
            return sqlstate_rows[i].odbc2;
    }
    return sqlstate;
}

const char *odbc_diag_class_origin(const char *sqlstate)
{
    /* SQLGetDiagField: "ODBC 3.0" for the IM class, "ISO 9075" for all others. */
    return strncmp(sqlstate, "IM", 2) == 0 ? "ODBC 3.0" : "ISO 9075";
}

const char *odbc_diag_subclass_origin(const char *sqlstate, enum error_origin origin)
{
    for (size_t i = 0; i < sizeof odbc_subclasses / sizeof odbc_subclasses[0]; i++) {
        if (strcmp(odbc_subclasses[i], sqlstate) == 0)
            return "ODBC 3.0";
    }
    /* PostgreSQL's own subclasses (42P01, 55P03, ...) are neither ISO's
     * nor ODBC's: name their definer. */
    if (origin == ERROR_ORIGIN_SERVER && strcmp(sqlstate + 2, "000") != 0 &&
        (strchr(sqlstate + 2, 'P') != NULL || strncmp(sqlstate, "XX", 2) == 0 ||
         strncmp(sqlstate, "P0", 2) == 0 || strncmp(sqlstate, "F0", 2) == 0))
        return "PostgreSQL";
    return "ISO 9075";
}

void odbc_diag_init(struct odbc_diag_list *list)
{
    memset(list, 0, sizeof *list);
    list->return_code = SQL_SUCCESS;
    list->row_count = 0;
    list->dynamic_function = "";
    list->dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;
}

/* Records reserved per handle: a call that fails for want of memory
 * records one or two, and must not need memory to do it. */
#define RESERVED_RECORDS 4

int odbc_diag_reserve(struct odbc_diag_list *list)
{
    if (list->capacity >= RESERVED_RECORDS)
        return 0;
    struct odbc_diag_record *grown =
        alloc_resize_array(list->records, RESERVED_RECORDS, sizeof *grown);
    if (grown == NULL)
        return -1;
    list->records = grown;
    list->capacity = RESERVED_RECORDS;
    return 0;
}

void odbc_diag_drop_records(struct odbc_diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        if (!list->records[i].has_fixed_message)
            alloc_free(list->records[i].message);
    }
    list->count = 0;
}

void odbc_diag_reset(struct odbc_diag_list *list)
{
    odbc_diag_clear(list);
    alloc_free(list->records);
    list->records = NULL;
    list->capacity = 0;
}

static bool is_warning_state(const char *sqlstate)
{
    return strncmp(sqlstate, "01", 2) == 0;
}

/* Rank inside one row group: lower sorts first. */
static int severity_rank(const struct odbc_diag_record *record)
{
    if (strncmp(record->sqlstate, "40", 2) == 0)
        return 0; /* transaction rollback outranks all */
    if (strncmp(record->sqlstate, "01", 2) == 0)
        return 3;
    if (strncmp(record->sqlstate, "02", 2) == 0)
        return 2;
    return 1;
}

/* Row groups: unknown row (-2) first, then no row (-1), then by row. */
static bool sorts_before(const struct odbc_diag_record *a, const struct odbc_diag_record *b)
{
    if (a->row_number != b->row_number)
        return a->row_number < b->row_number;
    return severity_rank(a) < severity_rank(b);
}

static char *build_message(const struct error *error, size_t *length_out)
{
    char severity_part[ERROR_SHORT_MAX + 4] = "";
    const char *prefix = DRIVER_PREFIX;
    const char *detail_label = "";
    const char *hint_label = "";
    if (error->origin == ERROR_ORIGIN_SERVER) {
        prefix = SERVER_PREFIX;
        if (error->severity[0] != '\0')
            snprintf(severity_part, sizeof severity_part, "%s: ", error->severity);
        /* wire/ folds the server's CONTEXT into detail behind its own label. */
        if (error->detail[0] != '\0')
            detail_label = strncmp(error->detail, "CONTEXT: ", 9) == 0 ? "\n" : "\nDETAIL: ";
        if (error->hint[0] != '\0')
            hint_label = "\nHINT: ";
    }
    int needed = snprintf(NULL, 0, "%s%s%s%s%s%s%s", prefix, severity_part, error->message,
                          detail_label, detail_label[0] ? error->detail : "", hint_label,
                          hint_label[0] ? error->hint : "");
    if (needed < 0)
        return NULL;
    char *text = alloc_zeroed((size_t)needed + 1);
    if (text == NULL)
        return NULL;
    snprintf(text, (size_t)needed + 1, "%s%s%s%s%s%s%s", prefix, severity_part, error->message,
             detail_label, detail_label[0] ? error->detail : "", hint_label,
             hint_label[0] ? error->hint : "");
    *length_out = (size_t)needed;
    return text;
}

static SQLINTEGER native_error_for(const struct error *error)
{
    if (error->origin != ERROR_ORIGIN_SERVER)
        return 0;
    if (error->native_code != 0)
        return error->native_code;
    if (strcmp(error->severity, "ERROR") == 0)
        return 1;
    if (strcmp(error->severity, "FATAL") == 0)
        return 2;
    if (strcmp(error->severity, "PANIC") == 0)
        return 3;
    return 0;
}

void odbc_diag_add(struct odbc_diag_list *list, const struct error *error, bool is_warning,
                   SQLINTEGER column_number, SQLLEN row_number)
{
    struct odbc_diag_record record;
    memset(&record, 0, sizeof record);
    const char *state = error->sqlstate[0] != '\0' ? error->sqlstate : "HY000";
    if (is_warning && !is_warning_state(state))
        state = "01000";
    memcpy(record.sqlstate, state, 5);
    record.sqlstate[5] = '\0';
    record.native_error = native_error_for(error);
    record.origin = error->origin == ERROR_ORIGIN_SERVER ? ERROR_ORIGIN_SERVER : ERROR_ORIGIN_DRIVER;
    record.row_number = row_number;
    record.column_number = column_number;
    record.message = build_message(error, &record.message_length);
    if (record.message == NULL) {
        /* The SQLSTATE survives; the text is lost with the memory. */
        static const char lost_text[] = DRIVER_PREFIX
            "Out of memory for this diagnostic's message; its SQLSTATE is kept";
        record.message = (char *)lost_text;
        record.message_length = sizeof lost_text - 1;
        record.has_fixed_message = true;
    }
    if (list->count == list->capacity) {
        size_t capacity = list->capacity == 0 ? RESERVED_RECORDS : list->capacity * 2;
        struct odbc_diag_record *grown =
            alloc_resize_array(list->records, capacity, sizeof *grown);
        if (grown == NULL) {
            /* The reserved records are full: the earlier ones stand. */
            if (!record.has_fixed_message)
                alloc_free(record.message);
            return;
        }
        list->records = grown;
        list->capacity = capacity;
    }
    /* Stable: a record goes after every record that does not sort after it. */
    size_t position = list->count;
    while (position > 0 && sorts_before(&record, &list->records[position - 1]))
        position--;
    memmove(&list->records[position + 1], &list->records[position],
            (list->count - position) * sizeof record);
    list->records[position] = record;
    list->count++;
}

static void post_v(struct odbc_diag_list *list, SQLINTEGER column_number, SQLLEN row_number,
                   const char *sqlstate, const char *format, va_list args) PGO_PRINTF(5, 0);

static void post_v(struct odbc_diag_list *list, SQLINTEGER column_number, SQLLEN row_number,
                   const char *sqlstate, const char *format, va_list args)
{
    struct error error;
    error_init(&error);
    error_set_v(&error, sqlstate, format, args);
    error.origin = ERROR_ORIGIN_DRIVER;
    odbc_diag_add(list, &error, is_warning_state(sqlstate), column_number, row_number);
}

void odbc_diag_post(struct odbc_diag_list *list, const char *sqlstate, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    post_v(list, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER, sqlstate, format, args);
    va_end(args);
}

void odbc_diag_post_at(struct odbc_diag_list *list, SQLINTEGER column_number, SQLLEN row_number,
                       const char *sqlstate, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    post_v(list, column_number, row_number, sqlstate, format, args);
    va_end(args);
}

SQLRETURN odbc_diag_fail(struct odbc_diag_list *list, const char *sqlstate, const char *format,
                         ...)
{
    va_list args;
    va_start(args, format);
    post_v(list, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER, sqlstate, format, args);
    va_end(args);
    return is_warning_state(sqlstate) ? SQL_SUCCESS_WITH_INFO : SQL_ERROR;
}

SQLRETURN odbc_diag_fail_error(struct odbc_diag_list *list, const struct error *error)
{
    odbc_diag_add(list, error, false, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
    return SQL_ERROR;
}

bool odbc_diag_has_errors(const struct odbc_diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        if (!is_warning_state(list->records[i].sqlstate))
            return true;
    }
    return false;
}

static const char *reported_sqlstate(const struct odbc_diag_record *record,
                                     const struct odbc_diag_context *context)
{
    return context->use_odbc2_states ? odbc_diag_odbc2_sqlstate(record->sqlstate)
                                     : record->sqlstate;
}

SQLRETURN odbc_diag_get_rec(const struct odbc_diag_list *list,
                            const struct odbc_diag_context *context, SQLSMALLINT record_number,
                            SQLCHAR *sqlstate, SQLINTEGER *native_error, SQLCHAR *message_text,
                            SQLSMALLINT buffer_length, SQLSMALLINT *text_length)
{
    if (record_number <= 0 || buffer_length < 0)
        return SQL_ERROR;
    if ((size_t)record_number > list->count)
        return SQL_NO_DATA;
    const struct odbc_diag_record *record = &list->records[record_number - 1];
    if (sqlstate != NULL)
        memcpy(sqlstate, reported_sqlstate(record, context), 6);
    if (native_error != NULL)
        *native_error = record->native_error;
    bool fitted = odbc_copy_out_string_small(record->message, record->message_length,
                                             message_text, buffer_length, text_length);
    return fitted ? SQL_SUCCESS : SQL_SUCCESS_WITH_INFO;
}

static SQLRETURN put_string_field(const char *text, SQLPOINTER diag_info,
                                  SQLSMALLINT buffer_length, SQLSMALLINT *string_length)
{
    if (buffer_length < 0)
        return SQL_ERROR;
    bool fitted = odbc_copy_out_string_small(text, strlen(text), diag_info, buffer_length,
                                             string_length);
    return fitted ? SQL_SUCCESS : SQL_SUCCESS_WITH_INFO;
}

SQLRETURN odbc_diag_get_field(const struct odbc_diag_list *list,
                              const struct odbc_diag_context *context,
                              SQLSMALLINT record_number, SQLSMALLINT diag_identifier,
                              SQLPOINTER diag_info, SQLSMALLINT buffer_length,
                              SQLSMALLINT *string_length)
{
    bool is_statement = context->handle_type == SQL_HANDLE_STMT;
    /* Header fields ignore the record number. */
    switch (diag_identifier) {
    case SQL_DIAG_NUMBER:
        if (diag_info != NULL)
            *(SQLINTEGER *)diag_info = odbc_clamp_integer(list->count);
        return SQL_SUCCESS;
    case SQL_DIAG_RETURNCODE:
        if (diag_info != NULL)
            *(SQLRETURN *)diag_info = list->return_code;
        return SQL_SUCCESS;
    case SQL_DIAG_ROW_COUNT:
    case SQL_DIAG_CURSOR_ROW_COUNT:
        if (!is_statement)
            return SQL_ERROR;
        if (diag_info != NULL)
            *(SQLLEN *)diag_info = list->row_count;
        return SQL_SUCCESS;
    case SQL_DIAG_DYNAMIC_FUNCTION:
        if (!is_statement)
            return SQL_ERROR;
        return put_string_field(list->dynamic_function, diag_info, buffer_length, string_length);
    case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
        if (!is_statement)
            return SQL_ERROR;
        if (diag_info != NULL)
            *(SQLINTEGER *)diag_info = list->dynamic_function_code;
        return SQL_SUCCESS;
    default:
        break;
    }

    if (record_number <= 0)
        return SQL_ERROR;
    if ((size_t)record_number > list->count)
        return SQL_NO_DATA;
    const struct odbc_diag_record *record = &list->records[record_number - 1];
    switch (diag_identifier) {
    case SQL_DIAG_SQLSTATE:
        return put_string_field(reported_sqlstate(record, context), diag_info, buffer_length,
                                string_length);
    case SQL_DIAG_NATIVE:
        if (diag_info != NULL)
            *(SQLINTEGER *)diag_info = record->native_error;
        return SQL_SUCCESS;
    case SQL_DIAG_MESSAGE_TEXT:
        if (buffer_length < 0)
            return SQL_ERROR;
        return odbc_copy_out_string_small(record->message, record->message_length, diag_info,
                                          buffer_length, string_length)
                   ? SQL_SUCCESS
                   : SQL_SUCCESS_WITH_INFO;
    case SQL_DIAG_CLASS_ORIGIN:
        return put_string_field(odbc_diag_class_origin(record->sqlstate), diag_info,
                                buffer_length, string_length);
    case SQL_DIAG_SUBCLASS_ORIGIN:
        return put_string_field(odbc_diag_subclass_origin(record->sqlstate, record->origin),
                                diag_info, buffer_length, string_length);
    case SQL_DIAG_CONNECTION_NAME:
        return put_string_field(context->connection_name != NULL ? context->connection_name : "",
                                diag_info, buffer_length, string_length);
    case SQL_DIAG_SERVER_NAME:
        return put_string_field(context->server_name != NULL ? context->server_name : "",
                                diag_info, buffer_length, string_length);
    /* On other handles the reference leaves these undefined with
     * SQL_SUCCESS (only the row-count header fields are errors there):
     * the record belongs to no row or column. */
    case SQL_DIAG_COLUMN_NUMBER:
        if (diag_info != NULL)
            *(SQLINTEGER *)diag_info =
                is_statement ? record->column_number : SQL_NO_COLUMN_NUMBER;
        return SQL_SUCCESS;
    case SQL_DIAG_ROW_NUMBER:
        if (diag_info != NULL)
            *(SQLLEN *)diag_info = is_statement ? record->row_number : SQL_NO_ROW_NUMBER;
        return SQL_SUCCESS;
    default:
        return SQL_ERROR;
    }
}
