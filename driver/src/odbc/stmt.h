/* The statement handle.
 * Owns: its SQL text (as sent: markers numbered, escapes translated), its
 * parameter bindings, its server-side prepared statement name, its results
 * (struct odbc_result: one per statement of the executed string, either
 * streaming from the wire or buffered in one growing arena), the rowset
 * position, SQLGetData progress, statement attributes, and its four
 * implicit descriptors; column bindings are the records of its current
 * ARD (desc.h), the implicit one or an explicit one the application set.
 * Files: stmt.c lifecycle and closing; stmt_exec.c running SQL (extended
 * or simple protocol), SQLRowCount, SQLMoreResults; stmt_stream.c the
 * event pump that turns the engine's events into results, streaming or
 * buffered; stmt_fetch.c SQLFetch / SQLFetchScroll and rowset positions;
 * stmt_bind.c SQLBindCol and filling bound buffers; stmt_getdata.c
 * SQLGetData; stmt_describe.c SQLNumResultCols, SQLDescribeCol,
 * SQLColAttribute; stmt_metadata.c the catalog look-ups behind them;
 * stmt_attr.c attributes; stmt_cancel.c SQLCancel; stmt_params.c
 * parameter bindings, data at execution and one parameter set's Bind
 * values; stmt_array.c parameter arrays; stmt_output.c output
 * parameters. The connection reaches a statement only through its
 * embedded struct odbc_dbc_member (dbc.h).
 * States (ODBC "Statement Transitions", simplified): allocated → prepared
 * → executed (no cursor) or cursor open; SQLCloseCursor / SQLFreeStmt
 * SQL_CLOSE return to prepared or allocated.
 *
 * Streaming: a forward-only result is read from the wire as the
 * application fetches; the statement whose exchange is still on the wire
 * is the connection's streaming member (dbc->streaming). When
 * anything else needs the connection, odbc_stmt_buffer_rest first moves
 * the rest of the exchange into the statement's arenas (correctness
 * before memory). Static cursors buffer at execution. */
#ifndef PGO_ODBC_STMT_H
#define PGO_ODBC_STMT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "odbc/dbc.h"
#include "odbc/desc.h"
#include "odbc/handle.h"
#include "odbc/stmt_async.h"
#include "types/convert.h"
#include "types/type_table.h"
#include "util/buf.h"
#include "util/error.h"

/* Largest buffered result (bytes of values) before HY001. */
#define ODBC_RESULT_MAX_BYTES ((size_t)1 << 31)

struct wire_column;
struct wire_value;
struct wire_param;
struct odbc_attribute_info;
struct odbc_row_dae;

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
    uint32_t type_oid;        /* as the server sent it */
    int32_t type_modifier;
    int16_t format_code;      /* 0 text, 1 binary */
    uint32_t described_oid;   /* type_oid, or a domain's base type once looked up */
    int32_t described_modifier;
    const char *type_name;    /* pg_type name for unknown OIDs (dbc cache), or NULL */
    const struct odbc_attribute_info *attribute; /* dbc cache; NULL: not a table
                                                    column or not looked up */
    struct types_column_description description;
};

/* One value of one buffered row: offset into the result's arena, or NULL. */
struct odbc_value_ref {
    size_t offset;
    size_t length_bytes;
    bool is_null;
};

struct setpos_target;

struct odbc_result {
    struct odbc_result_column *columns;
    size_t column_count;
    bool has_rows;              /* a RowDescription came: this is a row set */
    bool is_complete;           /* no more rows will arrive for it */
    bool is_error;              /* a statement of the string that failed: error */
    bool has_error;             /* the rows ended with error (reported once) */
    bool are_types_resolved;    /* unknown OIDs looked up */
    bool are_attributes_resolved; /* table columns looked up */
    struct error error;
    struct buf arena;           /* every buffered value's bytes, back to back */
    struct odbc_value_ref *values; /* row_count * column_count */
    size_t value_capacity;      /* in values */
    size_t row_count;           /* buffered rows */
    size_t row_base;            /* rows of the result before the first buffered one */
    size_t rows_seen;           /* rows received from the server so far */
    SQLLEN affected_rows;       /* from the command tag; -1 when none */
    const char *dynamic_function;
    SQLINTEGER dynamic_function_code;
    size_t row_marks_offset;    /* stmt_setpos.c: 1 + the arena offset of one
                                   5-byte record per buffered row (its SQL_ROW_*
                                   mark, then its xmin for SQL_CONCUR_ROWVER);
                                   0: none */
    /* The table the rows came from, looked up once by the first row
     * operation or keyset fetch (stmt_setpos_target.c), NULL until then;
     * freed through free_target, so that this struct's owner needs nothing
     * of row operations. */
    struct setpos_target *target;
    void (*free_target)(struct setpos_target *target);
};

/* A row the conversions read: either the engine's views (streaming; valid
 * until the next wire call) or buffered references into an arena. */
struct odbc_row {
    const struct wire_value *wire_values;
    const struct odbc_value_ref *refs;
    const unsigned char *arena;
};

enum odbc_held_row {
    ODBC_HELD_NONE = 0,
    ODBC_HELD_PEEKED,  /* pulled from the wire, not yet fetched */
    ODBC_HELD_CURRENT  /* fetched: the application's current row */
};

struct odbc_stream {
    bool is_active;          /* READY not yet pulled; dbc->streaming == &stmt->member */
    enum odbc_held_row held;
    const struct wire_value *held_values; /* borrowed from the engine */
    size_t held_row_number;  /* 1-based within the last result */
};

/* One SQLBindParameter (ODBC parameter numbers are 1-based: entry
 * number - 1). */
struct odbc_param_binding {
    bool is_bound;
    SQLSMALLINT io_type;       /* SQL_PARAM_INPUT, _OUTPUT, _INPUT_OUTPUT, ... */
    SQLSMALLINT c_type;        /* SQL_C_DEFAULT already resolved */
    SQLSMALLINT sql_type;
    SQLULEN column_size;
    SQLSMALLINT decimal_digits;
    SQLPOINTER value;
    SQLLEN buffer_length;
    SQLLEN *indicator;         /* StrLen_or_IndPtr */
    bool has_imp_fields;       /* the application set its IPD fields (SQLSetDescField,
                                  SQLSetDescRec, SQLCopyDesc): the IPD answers them, not
                                  the server's parameter type (desc_implementation.c) */
};

/* One parameter set converted for Bind: params point into values. */
struct odbc_param_set {
    struct wire_param *params; /* marker_count entries; point into values
                                  or, unconverted, into the application's
                                  buffers (valid until the Bind is queued) */
    size_t *offsets;           /* each value's place in values; SIZE_MAX: not there */
    size_t capacity;
    struct buf values;
};

/* Data at execution (SQLParamData / SQLPutData) in progress. */
struct odbc_data_at_exec {
    bool is_active;            /* SQL_NEED_DATA was returned */
    bool is_prepared_execution; /* SQLExecute (else SQLExecDirect of stmt->sql) */
    bool has_current;          /* SQLParamData named a parameter */
    size_t current_row;        /* parameter set of the current parameter */
    size_t current_param;      /* 0-based */
    bool is_current_null;      /* SQLPutData(SQL_NULL_DATA) */
    bool has_put;              /* SQLPutData called for the current parameter */
    struct buf *pieces;        /* row_count * marker_count; used for data-at-exec ones */
    bool *is_null;             /* same shape */
    size_t row_count;
};

struct odbc_stmt_attributes {
    SQLULEN max_rows;        /* 0: no limit */
    SQLULEN query_timeout_seconds;
    SQLULEN max_length;
    SQLULEN noscan;
    SQLULEN retrieve_data;
    SQLULEN cursor_type;     /* SQL_CURSOR_FORWARD_ONLY, _STATIC, _KEYSET_DRIVEN,
                                or ODBC_CURSOR_KEYSET_AS_STATIC (stmt_keyset.h:
                                keyset asked for, static for this cursor) */
    /* The row array's size, bind type and offset are the ARD's header
     * fields (stmt->ard); these two are the IRD's. */
    SQLULEN *rows_fetched;
    SQLUSMALLINT *row_status;
    SQLULEN paramset_size;
    SQLUSMALLINT *param_operation; /* SQL_PARAM_PROCEED / SQL_PARAM_IGNORE per set */
    SQLULEN param_bind_type;
    SQLULEN *param_bind_offset;
    SQLULEN *params_processed;
    SQLUSMALLINT *param_status;
    SQLULEN metadata_id;
    SQLPOINTER fetch_bookmark;
    SQLULEN keyset_size;
    SQLULEN use_bookmarks;   /* SQL_UB_OFF, SQL_UB_FIXED or SQL_UB_VARIABLE */
    SQLULEN concurrency;     /* SQL_CONCUR_READ_ONLY, _LOCK, _VALUES, _ROWVER, or
                                ODBC_CONCUR_ROWVER_AS_VALUES (stmt_keyset.h) */
};

/* Column 0 bound with SQLBindCol (stmt_bookmark.c); target and indicator
 * both NULL: not bound. */
struct odbc_bookmark_binding {
    SQLSMALLINT c_type;
    SQLPOINTER target;
    SQLLEN buffer_length;
    SQLLEN *indicator;
};

struct odbc_stmt {
    struct odbc_handle header;
    struct odbc_dbc *dbc;
    struct odbc_dbc_member member; /* how the connection reaches it (dbc.h) */
    char *cursor_name;      /* SQLSetCursorName's or a generated SQL_CUR<n>; NULL: none yet */
    size_t cursor_name_length;
    enum odbc_stmt_state state;

    char *sql;              /* SQLPrepare's text, NUL-terminated */
    size_t sql_length;
    bool is_prepared;
    bool uses_simple_protocol; /* several statements, or a replication connection */
    uint32_t server_statement_id; /* "pgodbc_<random>_<id>" exists on the
                                     server; 0: none */
    uint32_t cached_statement_id; /* the last SQLExecDirect's statement cache entry */
    bool was_cache_parse;      /* ... which that exchange parsed (a miss) */
    struct odbc_result described; /* columns SQLPrepare's Describe returned */
    bool is_described;
    bool has_stale_description; /* parsed again with other parameter types:
                                   result types may differ from described */

    struct odbc_result *results;
    size_t result_count;
    size_t current_result;
    struct odbc_stream stream;

    /* Rowset position (1-based row numbers within the current result). */
    size_t rowset_start;    /* 0: before the first rowset */
    size_t rowset_rows;     /* rows in the current rowset */
    size_t last_rowset_size;
    bool is_after_last;
    size_t positioned_row_index; /* SQLSetPos(SQL_POSITION): 0-based in the rowset */
    struct odbc_bookmark_binding bookmark;

    /* SQLGetData progress on the current row. */
    SQLUSMALLINT getdata_column; /* 0: none yet */
    SQLSMALLINT getdata_c_type;  /* as the application asked (before SQL_C_DEFAULT) */
    size_t getdata_offset;       /* progress within the value (converted form) */
    bool getdata_is_done;
    /* Where the last SQL_C_WCHAR piece stopped in the value's bytes, so
     * the next piece does not decode the value from its start again
     * (types/convert.h; checked against the value and offset before use). */
    struct types_text_cursor getdata_cursor;

    /* Column bindings: the records and header of the current ARD, the
     * implicit one or an explicit descriptor the application set. */
    struct odbc_desc *ard;
    /* The current APD: the implicit one, a view of param_bindings, or an
     * explicit one whose records are loaded into param_bindings (desc.h). */
    struct odbc_desc *apd;

    /* Parameters (stmt_params.c). stmt->sql holds the text as sent:
     * markers numbered $1.., ODBC escapes translated. */
    struct odbc_param_binding *param_bindings;
    size_t param_binding_count;
    size_t marker_count;       /* ODBC parameters of the text */
    bool has_return_marker;    /* {? = call}: parameter 1 is the return value */
    uint32_t *param_type_oids; /* marker_count: the server statement's parameter
                                  types (parsed with, or described) */
    uint32_t *prepared_param_type_oids; /* marker_count, in the same allocation:
                                  the types SQLPrepare's description gave */
    bool are_param_types_described; /* from the server's ParameterDescription */
    struct odbc_param_set param_set;
    struct odbc_data_at_exec data_at_exec;
    /* Data at execution of SQLSetPos(SQL_UPDATE) / SQLBulkOperations(SQL_ADD)
     * (stmt_setpos_dae.c); NULL: none asked for. */
    struct odbc_row_dae *row_dae;

    atomic_bool is_cancel_requested; /* SQLCancel from another thread */
    struct odbc_async_call async;    /* a call running in the background (stmt_async.h) */

    struct odbc_stmt_attributes attributes;
    struct odbc_desc *implicit_descs[ODBC_DESC_ROLE_COUNT];
};

/* The statement that embeds member. */
struct odbc_stmt *odbc_stmt_of_member(struct odbc_dbc_member *member);

/* stmt.c: lifecycle */
struct odbc_stmt *odbc_stmt_new(struct odbc_dbc *dbc); /* links into dbc; NULL: no memory */
void odbc_stmt_free(struct odbc_stmt *stmt);           /* unlinks from dbc; accepts NULL */
/* Drops results and the cursor (draining a streaming exchange, rows
 * discarded); the statement stays prepared if it was. */
void odbc_stmt_close_cursor(struct odbc_stmt *stmt);
void odbc_stmt_unbind_columns(struct odbc_stmt *stmt);
/* An explicit descriptor is being freed: the statements of dbc using it
 * return to their implicit ones. */
void odbc_stmt_release_desc(struct odbc_dbc *dbc, struct odbc_desc *desc);
SQLRETURN odbc_stmt_free_stmt(struct odbc_stmt *stmt, SQLUSMALLINT option);
SQLRETURN odbc_stmt_close(struct odbc_stmt *stmt); /* SQLCloseCursor: 24000 without cursor */
/* The current result, or NULL when none. */
struct odbc_result *odbc_stmt_current_result(struct odbc_stmt *stmt);
/* Locks dbc then statement: see handle.h. NULL when not a statement. */
struct odbc_stmt *odbc_stmt_enter(SQLHSTMT handle);
SQLRETURN odbc_stmt_leave(struct odbc_stmt *stmt, SQLRETURN return_code);
SQLRETURN odbc_stmt_require_live(struct odbc_stmt *stmt);
/* Posts a server or engine error, as HY008 when it is the cancel this
 * statement asked for (57014 after SQLCancel). Returns SQL_ERROR. */
SQLRETURN odbc_stmt_fail_error(struct odbc_stmt *stmt, const struct error *error,
                               SQLLEN row_number);

/* stmt_exec.c */
/* Opens the first result of the exchange just sent (stmt_array.c's
 * row-returning arrays share it). */
SQLRETURN odbc_stmt_open_results(struct odbc_stmt *stmt);
/* stmt_array.c: SQL_ATTR_PARAMSET_SIZE > 1; the connection is claimed and
 * the parameter types chosen. */
SQLRETURN odbc_stmt_execute_array(struct odbc_stmt *stmt);
/* Runs catalog SQL the driver built (catalog/) as the statement's result,
 * like any query: arguments travel as text parameters $1..$n of unknown
 * type (NULL pointer: SQL NULL), never spliced into the text. The
 * application fetches the rows as usual. */
SQLRETURN odbc_stmt_execute_catalog(struct odbc_stmt *stmt, const char *sql, size_t sql_length,
                                    const char *const *values, size_t value_count);
/* Runs what data at execution held back (SQLParamData's last call). */
SQLRETURN odbc_stmt_execute_after_data(struct odbc_stmt *stmt);
SQLRETURN odbc_stmt_exec_direct(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length);
SQLRETURN odbc_stmt_prepare(struct odbc_stmt *stmt, const SQLCHAR *text, SQLINTEGER length);
SQLRETURN odbc_stmt_execute(struct odbc_stmt *stmt);
SQLRETURN odbc_stmt_row_count(struct odbc_stmt *stmt, SQLLEN *row_count);
SQLRETURN odbc_stmt_more_results(struct odbc_stmt *stmt);

/* stmt_stream.c */
void odbc_result_init(struct odbc_result *result);
void odbc_result_reset(struct odbc_result *result);
void odbc_result_free_all(struct odbc_stmt *stmt);
/* Copies a row description into result's columns. -1: out of memory. */
int odbc_result_set_columns(struct odbc_result *result, const struct wire_column *columns,
                            size_t column_count) PGO_MUST_CHECK;
/* Begins streaming the exchange just sent: the statement becomes the
 * connection's streaming statement. */
void odbc_stmt_stream_begin(struct odbc_stmt *stmt);
/* Makes results[index] exist, pulling events as needed, and (for a row
 * set still streaming) peeks its first row so that an error on it is
 * reported now. 1: ready; 0: the exchange ended first (no such result);
 * -1: the connection broke (error set). */
int odbc_stmt_stream_open_result(struct odbc_stmt *stmt, size_t index,
                                 struct error *error) PGO_MUST_CHECK;
/* Row row_number (1-based) of the current result, buffered or pulled
 * from the wire (forward only: a streamed row is gone once passed). 1:
 * row set in *row; 0: the result has no such row (result->has_error says
 * whether it ended with an error); -1: the connection broke or memory ran
 * out (error set). */
int odbc_stmt_stream_next_row(struct odbc_stmt *stmt, size_t row_number, struct odbc_row *row,
                              struct error *error) PGO_MUST_CHECK;
/* Moves the rest of the exchange into the statement's results (the held
 * row first). Errors met become the results' errors; -1 only when the
 * connection broke. */
int odbc_stmt_buffer_rest(struct odbc_stmt *stmt, struct error *error) PGO_MUST_CHECK;
/* How much of its own streaming result a statement buffers to answer a
 * question only the end of a small result answers (nullability, base
 * names, SQLRowCount of a SELECT): past it the result streams on. */
#define ODBC_STREAM_PREFIX_BYTES ((size_t)1 << 20)
/* Moves the statement's own streaming exchange into its results until it
 * ends (1: the connection is free) or the current result holds about
 * max_bytes (0: it goes on streaming after the buffered rows). -1 only
 * when the connection broke. */
int odbc_stmt_buffer_prefix(struct odbc_stmt *stmt, size_t max_bytes,
                            struct error *error) PGO_MUST_CHECK;
/* Ends the exchange, discarding what is left. */
void odbc_stmt_stream_discard(struct odbc_stmt *stmt);
/* Discards the unread rows of the current result (SQLMoreResults). -1
 * when the connection broke. */
int odbc_stmt_stream_skip_rows(struct odbc_stmt *stmt, struct error *error) PGO_MUST_CHECK;
/* Buffered row row_number (1-based within the result) of result. */
bool odbc_result_buffered_row(const struct odbc_result *result, size_t row_number,
                              struct odbc_row *row);
/* One value of a row (data NULL when is_null). */
void odbc_row_value(const struct odbc_row *row, size_t column_index, struct wire_value *out);

/* stmt_describe.c */
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
/* The result whose columns describe the statement now: the current result,
 * or after SQLPrepare the prepared statement's description. */
struct odbc_result *odbc_stmt_described_result(struct odbc_stmt *stmt);

/* stmt_metadata.c */
/* Looks up unknown type OIDs (domains become their base type). Catalog
 * query through the connection; -1 with error when it failed. */
int odbc_stmt_resolve_types(struct odbc_stmt *stmt, struct odbc_result *result,
                            struct error *error) PGO_MUST_CHECK;
/* Looks up table, schema, column name and NOT NULL of table columns. */
int odbc_stmt_resolve_attributes(struct odbc_stmt *stmt, struct odbc_result *result,
                                 struct error *error) PGO_MUST_CHECK;
/* The same answers from the connection's cache alone (no connection
 * needed): true when every column that needs one was found there (the
 * result is then marked resolved). */
bool odbc_stmt_apply_cached_types(struct odbc_stmt *stmt, struct odbc_result *result);
bool odbc_stmt_apply_cached_attributes(struct odbc_stmt *stmt, struct odbc_result *result);
/* Describes column from its (possibly resolved) type. */
void odbc_column_describe(struct odbc_result_column *column);

/* stmt_bind.c */
SQLRETURN odbc_stmt_bind_col(struct odbc_stmt *stmt, SQLUSMALLINT column_number,
                             SQLSMALLINT c_type, SQLPOINTER target, SQLLEN buffer_length,
                             SQLLEN *indicator);
/* The C type SQL_C_DEFAULT means for column: its default C type as the
 * connection reports the column (WideCharTypes: SQL_C_WCHAR for the wide
 * character types). For SQLBindCol and SQLGetData. */
SQLSMALLINT odbc_stmt_column_default_c_type(const struct odbc_stmt *stmt,
                                            const struct odbc_result_column *column);
/* Fills every bound column of row into rowset position row_index
 * (0-based). SQL_SUCCESS, SQL_SUCCESS_WITH_INFO or SQL_ERROR (posted with
 * row number row_index + 1). */
SQLRETURN odbc_stmt_fill_bound_row(struct odbc_stmt *stmt, const struct odbc_result *result,
                                   const struct odbc_row *row, size_t row_index);

/* stmt_fetch.c */
SQLRETURN odbc_stmt_fetch(struct odbc_stmt *stmt);
SQLRETURN odbc_stmt_fetch_scroll(struct odbc_stmt *stmt, SQLSMALLINT orientation,
                                 SQLLEN offset);
/* The row SQLGetData reads: the first row of the rowset. false (posted)
 * when none is current. */
bool odbc_stmt_current_row(struct odbc_stmt *stmt, struct odbc_row *row, SQLRETURN *failure);

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

/* stmt_params.c */
SQLRETURN odbc_stmt_bind_parameter(struct odbc_stmt *stmt, SQLUSMALLINT parameter_number,
                                   SQLSMALLINT io_type, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                                   SQLULEN column_size, SQLSMALLINT decimal_digits,
                                   SQLPOINTER value, SQLLEN buffer_length, SQLLEN *indicator);
SQLRETURN odbc_stmt_num_params(struct odbc_stmt *stmt, SQLSMALLINT *count);
SQLRETURN odbc_stmt_describe_param(struct odbc_stmt *stmt, SQLUSMALLINT parameter_number,
                                   SQLSMALLINT *data_type, SQLULEN *column_size,
                                   SQLSMALLINT *decimal_digits, SQLSMALLINT *nullable);
SQLRETURN odbc_stmt_param_data(struct odbc_stmt *stmt, SQLPOINTER *value);
SQLRETURN odbc_stmt_put_data(struct odbc_stmt *stmt, SQLPOINTER data, SQLLEN length);
/* Ends a data-at-execution sequence, dropping the pieces (SQLCancel,
 * SQLFreeStmt(SQL_CLOSE)). */
void odbc_stmt_end_data_at_exec(struct odbc_stmt *stmt);
/* Parameter binding parameter_number (1-based), created unbound
 * (input, SQL_C_DEFAULT, SQL_VARCHAR) when missing; NULL when out of
 * memory. For the parameter descriptors' fields. */
struct odbc_param_binding *odbc_stmt_param_binding_at(struct odbc_stmt *stmt,
                                                      SQLUSMALLINT parameter_number);
/* SQLFreeStmt(SQL_RESET_PARAMS). */
void odbc_stmt_reset_params(struct odbc_stmt *stmt);
/* Frees every parameter structure (the statement is going away). */
void odbc_stmt_free_params(struct odbc_stmt *stmt);
/* The parameters that travel in Bind: all markers but a {? = call}
 * return marker (ODBC parameter 1, which the server never sees), and the
 * server statement's types for them. */
size_t odbc_stmt_sent_param_count(const struct odbc_stmt *stmt);
const uint32_t *odbc_stmt_sent_param_types(const struct odbc_stmt *stmt);
/* Sets stmt->marker_count and forgets the server's parameter types (a new text). */
int odbc_stmt_set_marker_count(struct odbc_stmt *stmt, size_t marker_count,
                               struct error *error) PGO_MUST_CHECK;
/* Fills stmt->param_type_oids from the bindings (the typing rule of
 * types/from_c.h; 0 where unbound). */
int odbc_stmt_choose_param_types(struct odbc_stmt *stmt, struct error *error) PGO_MUST_CHECK;
/* Before executing a prepared statement: the types the bindings name
 * replace the server statement's where they differ (*has_changed: the
 * statement must be parsed again with stmt->param_type_oids). */
int odbc_stmt_reconcile_param_types(struct odbc_stmt *stmt, bool *has_changed,
                                    struct error *error) PGO_MUST_CHECK;
/* Before an execution: every marker bound (07002 otherwise). SQL_SUCCESS,
 * SQL_NEED_DATA (data at execution starts: SQLParamData drives it), or
 * SQL_ERROR (posted). */
SQLRETURN odbc_stmt_check_params(struct odbc_stmt *stmt, bool is_prepared_execution);
/* Converts parameter set row (0-based) into stmt->param_set, for a server
 * statement whose parameter types are stmt->param_type_oids. -1 with
 * error (the value's SQLSTATE). */
int odbc_stmt_convert_param_set(struct odbc_stmt *stmt, size_t row,
                                struct error *error) PGO_MUST_CHECK;
/* Whether parameter set row is to be skipped (SQL_ATTR_PARAM_OPERATION_PTR). */
bool odbc_stmt_is_param_set_ignored(const struct odbc_stmt *stmt, size_t row);

/* stmt_output.c */
bool odbc_stmt_has_output_params(const struct odbc_stmt *stmt);
/* After an execution: output parameters take the values of its first row. */
SQLRETURN odbc_stmt_take_output_params(struct odbc_stmt *stmt);

/* stmt_cancel.c */
SQLRETURN odbc_stmt_cancel(struct odbc_stmt *stmt_unlocked);

#endif
