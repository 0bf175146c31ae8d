/* The statement handle.
 * Owns: its SQL text, its results (every result of the last execution,
 * buffered: rows of one result in one growing arena plus an array of value
 * references, so storing a row allocates only when a batch fills), the
 * cursor position, SQLGetData progress, column bindings, statement
 * attributes, and its four implicit descriptors.
 * Leaves to stmt_exec.c: running SQL and collecting results; stmt_fetch.c:
 * SQLFetch and column metadata; stmt_getdata.c: conversions into
 * application buffers; stmt_attr.c: attributes.
 * States (ODBC "Statement Transitions", simplified): allocated → prepared
 * → executed (no cursor) or cursor open; SQLCloseCursor / SQLFreeStmt
 * SQL_CLOSE return to prepared or allocated. */
#ifndef PGO_ODBC_STMT_H
#define PGO_ODBC_STMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/desc.h"
#include "odbc/handle.h"
#include "types/type_table.h"
#include "util/buf.h"

/* Largest buffered result (bytes of values) before HY001. */
#define ODBC_RESULT_MAX_BYTES ((size_t)1 << 31)

enum odbc_stmt_state {
    ODBC_STMT_ALLOCATED = 0,
    ODBC_STMT_PREPARED,
    ODBC_STMT_EXECUTED,   /* the current result has no rows to fetch */
    ODBC_STMT_CURSOR_OPEN /* the current result is a row set */
};

struct odbc_result_column {
    char *name;
    uint32_t table_oid;
    int16_t column_attnum;
    uint32_t type_oid;
    int32_t type_modifier;
    struct types_column_description description;
};

/* One value of one row: offset into the result's arena, or NULL. */
struct odbc_value_ref {
    size_t offset;
    size_t length_bytes;
    bool is_null;
};

struct odbc_result {
    struct odbc_result_column *columns;
    size_t column_count;
    bool has_rows;              /* a RowDescription came: this is a row set */
    struct buf arena;           /* every value's bytes, back to back */
    struct odbc_value_ref *values; /* row_count * column_count */
    size_t value_capacity;      /* in values */
    size_t row_count;
    SQLLEN affected_rows;       /* from the command tag; -1 when none */
    const char *dynamic_function;
    SQLINTEGER dynamic_function_code;
};

struct odbc_column_binding {
    bool is_bound;
    SQLSMALLINT c_type;
    SQLPOINTER target;
    SQLLEN buffer_length;
    SQLLEN *indicator;
};

struct odbc_stmt_attributes {
    SQLULEN max_rows;        /* 0: no limit */
    SQLULEN query_timeout_seconds;
    SQLULEN max_length;
    SQLULEN noscan;
    SQLULEN retrieve_data;
    SQLULEN row_bind_type;
    SQLULEN *row_bind_offset;
    SQLULEN *rows_fetched;
    SQLUSMALLINT *row_status;
    SQLULEN param_bind_type;
    SQLULEN *param_bind_offset;
    SQLULEN *params_processed;
    SQLUSMALLINT *param_status;
    SQLULEN metadata_id;
    SQLPOINTER fetch_bookmark;
    SQLULEN keyset_size;
};

struct odbc_stmt {
    struct odbc_handle header;
    struct odbc_dbc *dbc;
    struct odbc_stmt *next; /* in dbc->statements */
    enum odbc_stmt_state state;

    char *sql;              /* SQLPrepare's text, NUL-terminated */
    size_t sql_length;
    bool is_prepared;

    struct odbc_result *results;
    size_t result_count;
    size_t current_result;
    size_t current_row;     /* 1-based; 0 before the first fetch */
    bool is_after_last;

    /* SQLGetData progress on the current row. */
    SQLUSMALLINT getdata_column; /* 0: none yet */
    size_t getdata_offset;       /* source bytes already returned */
    bool getdata_is_done;

    struct odbc_column_binding *bindings;
    size_t binding_count;

    struct odbc_stmt_attributes attributes;
    struct odbc_desc *implicit_descs[ODBC_DESC_ROLE_COUNT];
};

/* stmt.c: lifecycle */
struct odbc_stmt *odbc_stmt_new(struct odbc_dbc *dbc); /* links into dbc; NULL: no memory */
void odbc_stmt_free(struct odbc_stmt *stmt);           /* unlinks from dbc; accepts NULL */
/* Drops results and the cursor; the statement stays prepared if it was. */
void odbc_stmt_close_cursor(struct odbc_stmt *stmt);
void odbc_stmt_unbind_columns(struct odbc_stmt *stmt);
SQLRETURN odbc_stmt_free_stmt(struct odbc_stmt *stmt, SQLUSMALLINT option);
SQLRETURN odbc_stmt_close(struct odbc_stmt *stmt); /* SQLCloseCursor: 24000 without cursor */
/* The current result, or NULL when none. */
struct odbc_result *odbc_stmt_current_result(struct odbc_stmt *stmt);
/* Locks dbc then statement: see handle.h. NULL when not a statement. */
struct odbc_stmt *odbc_stmt_enter(SQLHSTMT handle);
SQLRETURN odbc_stmt_leave(struct odbc_stmt *stmt, SQLRETURN return_code);
SQLRETURN odbc_stmt_require_live(struct odbc_stmt *stmt);

/* stmt_exec.c */
SQLRETURN odbc_stmt_exec_direct(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length);
SQLRETURN odbc_stmt_prepare(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length);
SQLRETURN odbc_stmt_execute(struct odbc_stmt *stmt);
SQLRETURN odbc_stmt_row_count(struct odbc_stmt *stmt, SQLLEN *row_count);
SQLRETURN odbc_stmt_more_results(struct odbc_stmt *stmt);
void odbc_result_free_all(struct odbc_stmt *stmt);

/* stmt_fetch.c */
SQLRETURN odbc_stmt_num_result_cols(struct odbc_stmt *stmt, SQLSMALLINT *column_count);
SQLRETURN odbc_stmt_describe_col(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                 SQLCHAR *name, SQLSMALLINT buffer_length,
                                 SQLSMALLINT *name_length, SQLSMALLINT *data_type,
                                 SQLULEN *column_size, SQLSMALLINT *decimal_digits,
                                 SQLSMALLINT *nullable);
SQLRETURN odbc_stmt_col_attribute(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                                  SQLUSMALLINT field, SQLPOINTER character_attribute,
                                  SQLSMALLINT buffer_length, SQLSMALLINT *string_length,
                                  SQLLEN *numeric_attribute);
SQLRETURN odbc_stmt_bind_col(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                             SQLSMALLINT c_type, SQLPOINTER target, SQLLEN buffer_length,
                             SQLLEN *indicator);
SQLRETURN odbc_stmt_fetch(struct odbc_stmt *stmt);
SQLRETURN odbc_stmt_fetch_scroll(struct odbc_stmt *stmt, SQLSMALLINT orientation,
                                 SQLLEN offset);

/* stmt_getdata.c */
SQLRETURN odbc_stmt_get_data(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                             SQLSMALLINT c_type, SQLPOINTER target, SQLLEN buffer_length,
                             SQLLEN *indicator);
/* Whether SQLBindCol / SQLGetData accept this C type. */
bool odbc_is_supported_c_type(SQLSMALLINT c_type);

/* stmt_attr.c */
SQLRETURN odbc_stmt_set_attr(struct odbc_stmt *stmt, SQLINTEGER attribute, SQLPOINTER value,
                             SQLINTEGER string_length);
SQLRETURN odbc_stmt_get_attr(struct odbc_stmt *stmt, SQLINTEGER attribute, SQLPOINTER value,
                             SQLINTEGER buffer_length, SQLINTEGER *string_length);
void odbc_stmt_attributes_init(struct odbc_stmt_attributes *attributes);

#endif
