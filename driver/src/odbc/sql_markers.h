/* Parameter markers and ODBC escape sequences in the application's SQL.
 * Owns: finding the '?' markers (and, with ParamStyle=format, '%s') that
 * stand outside string constants, quoted identifiers, dollar quotes and
 * comments (the same lexical rules as sql_scan.c), numbering them $1, $2,
 * ... for the extended protocol, and translating the ODBC escape clauses
 * ({call ...}, {? = call ...}, {d '...'}, {t '...'}, {ts '...'},
 * {fn ...}, {oj ...}, {escape '...'}) into PostgreSQL's own syntax. Nothing
 * else in the text changes: not a byte outside a marker or an escape.
 * Reference: ODBC "Escape Sequences in ODBC" and "Parameter markers";
 * PostgreSQL "Lexical Structure".
 *
 * Markers. Outside quotes and comments every '?' is a marker, as ODBC's
 * grammar says, wherever it stands: "?::int", "IN (?,?)", "a=?", "??" (two).
 * So PostgreSQL's operators spelled with '?' (jsonb ?, ?| and ?&; the
 * geometric ?-, ?|, ?-|, ?||, ?#; jsonpath's @?) cannot be written in a
 * statement: use the function forms, jsonb_exists(doc, key),
 * jsonb_exists_any(doc, keys), jsonb_exists_all(doc, keys) and
 * jsonb_path_exists(doc, path). SQL_ATTR_NOSCAN does not help: it stops escape
 * translation only, markers are still numbered. Inside a string, a quoted
 * identifier, a dollar quote or a comment, '?' is text.
 * With ODBC_PARAM_STYLE_FORMAT, '%s' is a marker too (so "%sqrt" is a
 * marker then "qrt") and '%%' is written as one '%'; any other '%' (the
 * modulo operator) stays as it is.
 *
 * Escapes (when translate_escapes): keywords in any case, blanks allowed
 * inside the braces, nesting allowed ({fn ucase({fn lcase(?)})}), markers
 * numbered in text order wherever they stand:
 *   {d '2024-01-02'}   DATE '2024-01-02'     {t '..'}  TIME '..'
 *   {ts '..'}          TIMESTAMP '..'        {interval '1' day}  INTERVAL '1' day
 *   {guid '..'}        UUID '..'             {escape ''}  ESCAPE ''
 *   {oj a LEFT OUTER JOIN b ON ..}           a LEFT OUTER JOIN b ON ..
 *   {fn name(args)}    name(args), or PostgreSQL's spelling of the ODBC
 *                      functions that differ (sql_escapes.c: UCASE → upper,
 *                      LCASE → lower, IFNULL → coalesce, LENGTH(s) →
 *                      char_length(rtrim(s)), LOCATE(a, b) → strpos(b, a),
 *                      SUBSTRING → substr, CURDATE() → current_date,
 *                      USER() → current_user, DATABASE() →
 *                      current_database(), CONVERT(x, SQL_INTEGER) →
 *                      CAST(x AS integer), ...)
 *   {call p(args)}     CALL p(args) or SELECT * FROM p(args) (call_form);
 *                      {call p} gets "()"
 *   {? = call f(args)} SELECT f(args)
 * Trailing blanks inside the braces are dropped. A '{' inside quotes or
 * comments opens nothing; outside, every '{' opens an escape (PostgreSQL's
 * own syntax has no braces outside strings), while a stray '}' is copied.
 * 42000 messages name the escape's first bytes and its 1-based byte
 * offset: ODBC escape "{xyz 1}" at byte 8 has an unknown keyword (...);
 * ... has no closing brace; ... has no keyword; ... holds no value;
 * ... does not name a function; ... has no closing parenthesis;
 * ... holds more than one call; ... must be the whole statement; and from
 * {fn}: ODBC function LOCATE in the escape at byte 8 does not take 4
 * arguments; CONVERT to an unknown SQL type. */
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
    bool is_call;            /* the text is one {call} / {? = call} escape,
                                with nothing but blanks around it */
    bool has_return_marker;  /* {? = call ...}: ODBC parameter 1 is the
                                return value, not sent; parameter k > 1 is
                                $(k-1) in the text */
    size_t call_name_offset; /* is_call: where the routine's name starts in */
    size_t call_name_length; /* the application's text, as written */
};

/* {? = call f(args)} becomes SELECT f(args) (one column: the return
 * value) whatever call_form says; it must be the whole statement, before
 * any other marker. translate_escapes false (SQL_ATTR_NOSCAN) leaves
 * braces alone but still numbers markers.
 * Appends the translated text and its NUL to out, the NUL counted in
 * out->length as buf_append_cstr does (the text's length is the growth
 * minus one; out->data is a C string when out started empty). Fills
 * translation.
 * When the text has no marker and no escape, out receives it unchanged.
 * -1 with error: 42000 for a malformed escape clause (out keeps what it
 * held before), HY001 when out reaches its maximum (out is then empty,
 * as struct buf does). translation is written only on success. */
int odbc_sql_translate(const char *sql, size_t length_bytes, enum odbc_param_style style,
                       bool translate_escapes, enum odbc_call_form call_form, struct buf *out,
                       struct odbc_sql_translation *translation,
                       struct error *error) PGO_MUST_CHECK;

/* SQLNativeSql's text: the escapes translated as odbc_sql_translate does,
 * the markers left as the application wrote them ('?'; with
 * ODBC_PARAM_STYLE_FORMAT also '%s' and '%%'), so that the application can
 * still prepare the result and bind by them. {? = call f(?)} becomes
 * SELECT f(?): the return marker is the result's column, as when it runs.
 * Same outputs, ownership and errors as odbc_sql_translate. */
int odbc_sql_translate_escapes(const char *sql, size_t length_bytes, enum odbc_param_style style,
                               enum odbc_call_form call_form, struct buf *out,
                               struct odbc_sql_translation *translation,
                               struct error *error) PGO_MUST_CHECK;

#endif
