/* The driver's own behaviour keywords (not connect parameters): how the
 * ODBC layer treats the application's SQL and transactions.
 * Owns: their typed values and defaults. The keyword rows live in
 * keywords.c with the others (same grammar, DSN reading, out-string and
 * HY024 messages); connstr_settings_to_options reads them, as
 * connstr_settings_to_params reads the connect parameters.
 * - ParamStyle: qmark (default; '?' markers, as ODBC says) or format
 *   ('%s' accepted too, '%%' a literal '%').
 * - StatementRollback: 0 (default; an error fails the whole transaction,
 *   as PostgreSQL does) or 1 (a savepoint around each statement inside a
 *   transaction, so an error undoes only that statement).
 * - StatementCache: how many SQLExecDirect texts each connection keeps
 *   prepared on the server (0 turns it off).
 * - WideCharTypes: 0 describes character columns as SQL_CHAR, SQL_VARCHAR
 *   and SQL_LONGVARCHAR, 1 as SQL_WCHAR, SQL_WVARCHAR and
 *   SQL_WLONGVARCHAR; auto (the default) as the application connected:
 *   wide through SQLConnectW/SQLDriverConnectW (pyodbc, DBD::ODBC's
 *   unicode build, LibreOffice), narrow through the ANSI functions (PHP,
 *   isql), which is what psqlODBC's Unicode and ANSI drivers report and
 *   what applications written against them expect (pyodbc's output
 *   converters keyed on SQL_WVARCHAR, for one). Values are the same text
 *   either way (UTF-8 for SQL_C_CHAR, UTF-16 for SQL_C_WCHAR).
 * - FetchRefcursors: 0 (default) or 1: a result whose columns are all
 *   refcursor comes back as the rows of those cursors, one result each
 *   (odbc/stmt_refcursor.h).
 * - LargeObjects: 0 (default) or 1: oid columns (and the lo extension's
 *   lo domain) read as SQL_C_BINARY give the large object's bytes, and
 *   SQL_LONGVARBINARY parameters sent at execution become new large
 *   objects (odbc/stmt_lob.h).
 * - PoolerMode: session (default; the driver keeps prepared statements on
 *   the server session between transactions) or transaction (a pooler such
 *   as PgBouncer with pool_mode=transaction may run each transaction on
 *   another server session: only the unnamed statement and portal are
 *   used, SQLExecute parses again in the same round trip, and the
 *   statement cache is off whatever StatementCache says).
 * An empty value (as DSN set-up tools write for a blank field) means the
 * default, as for every keyword. connstr_settings_to_params validates
 * these rows too (a bad value fails it with the same HY024 message) but
 * stores nothing from them. */
#ifndef PGO_CONNSTR_OPTIONS_H
#define PGO_CONNSTR_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "connstr/connstr.h"
#include "util/compiler.h"
#include "util/error.h"

enum connstr_param_style {
    CONNSTR_PARAM_STYLE_QMARK = 0,
    CONNSTR_PARAM_STYLE_FORMAT
};

enum connstr_pooler_mode {
    CONNSTR_POOLER_SESSION = 0,
    CONNSTR_POOLER_TRANSACTION
};

#define CONNSTR_STATEMENT_CACHE_DEFAULT 32
#define CONNSTR_STATEMENT_CACHE_MAX 10000

struct connstr_options {
    enum connstr_param_style param_style;
    bool is_statement_rollback;
    uint32_t statement_cache_size; /* 0: off */
    bool has_wide_char_types;      /* the effective choice, after connect */
    bool is_wide_char_types_given; /* false: auto, decided by the connect call */
    bool is_fetch_refcursors;
    bool is_large_objects;
    enum connstr_pooler_mode pooler_mode;
};

/* Defaults. */
void connstr_options_init(struct connstr_options *options);

/* Validates and fills options from settings: defaults, then each option
 * setting. HY024 naming keyword, value and what is allowed:
 *   ParamStyle "named" is not one of qmark, format
 *   StatementRollback "maybe" is not one of 1/0, yes/no, true/false, on/off
 *   StatementCache "-1" is not a number from 0 to 10000
 *   WideCharTypes "maybe" is not one of auto, 1/0, yes/no, true/false, on/off
 *   FetchRefcursors "maybe" is not one of 1/0, yes/no, true/false, on/off
 *   LargeObjects "maybe" is not one of 1/0, yes/no, true/false, on/off
 *   PoolerMode "statement" is not one of session, transaction
 * PoolerMode=transaction sets statement_cache_size to 0.
 * options is written only on success. */
int connstr_settings_to_options(const struct connstr_settings *settings,
                                struct connstr_options *options,
                                struct error *error) PGO_MUST_CHECK;

#endif
