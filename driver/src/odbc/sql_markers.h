/* Parameter markers and ODBC escape sequences in the application's SQL.
 * Owns: finding the '?' markers (and, with ParamStyle=format, '%s') that
 * stand outside string constants, quoted identifiers, dollar quotes and
 * comments (the same lexical rules as sql_scan.c), numbering them $1, $2,
 * ... for the extended protocol, and translating the ODBC escape clauses
 * ({call ...}, {? = call ...}, {d '...'}, {t '...'}, {ts '...'},
 * {fn ...}, {oj ...}, {escape '...'}) into PostgreSQL's own syntax. Nothing
 * else in the text changes: not a byte outside a marker or an escape.
 * Reference: ODBC "Escape Sequences in ODBC" and "Parameter markers";
 * PostgreSQL "Lexical Structure". */
#ifndef PGO_ODBC_SQL_MARKERS_H
#define PGO_ODBC_SQL_MARKERS_H

#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/compiler.h"
#include "util/error.h"

enum odbc_param_style {
    ODBC_PARAM_STYLE_QMARK = 0, /* '?' only (ODBC) */
    ODBC_PARAM_STYLE_FORMAT     /* '?' and '%s'; '%%' is a literal '%' */
};

/* How {call name(args)} is written: PostgreSQL runs procedures with CALL
 * and functions with SELECT; the ODBC layer knows which name is which
 * (pg_proc.prokind) and translates again when the first guess was wrong. */
enum odbc_call_form {
    ODBC_CALL_AS_CALL = 0,  /* CALL name(args) */
    ODBC_CALL_AS_SELECT     /* SELECT * FROM name(args) */
};

struct odbc_sql_translation {
    size_t marker_count;     /* ODBC parameters: the markers of the text,
                                the {? = call} return marker included */
    bool has_escapes;        /* an escape clause was translated */
    bool is_call;            /* the text is one {call} / {? = call} escape */
    bool has_return_marker;  /* {? = call ...}: ODBC parameter 1 is the
                                return value, not sent; parameter k > 1 is
                                $(k-1) in the text */
    size_t call_name_offset; /* is_call: where the routine's name starts in */
    size_t call_name_length; /* the application's text, as written */
};

/* {? = call f(args)} becomes SELECT f(args) (one column: the return
 * value) whatever call_form says. translate_escapes false
 * (SQL_ATTR_NOSCAN) leaves braces alone but still numbers markers.
 * Appends the translated text (NUL-terminated) to out and describes it.
 * When the text has no marker and no escape, out receives it unchanged.
 * -1 with error: 42000 for a malformed escape clause, HY001 when out
 * reaches its maximum. */
int odbc_sql_translate(const char *sql, size_t length_bytes, enum odbc_param_style style,
                       bool translate_escapes, enum odbc_call_form call_form, struct buf *out,
                       struct odbc_sql_translation *translation,
                       struct error *error) PGO_MUST_CHECK;

#endif
