/* Parameter markers and ODBC escape clauses (see sql_markers.h).
 * Owns: one pass over the application's text that copies it to the output,
 * numbering markers and rewriting escape clauses as it goes; escapes are
 * translated by recursion, so they nest. The scalar-function table and the
 * CONVERT types live in sql_escapes.c.
 * The lexical rules (what is quoted or commented) are sql_scan.c's; its
 * skip helpers are repeated here until both share one lexer.
 * Reference: ODBC "Escape Sequences in ODBC" and its pages per clause;
 * PostgreSQL "Lexical Structure". */
#include "odbc/sql_markers.h"

#include <stdio.h>
#include <string.h>

#include "odbc/sql_escapes.h"
#include "odbc/sql_scan.h"

/* How much of a malformed escape a message quotes. */
#define ESCAPE_SHOWN_MAX_BYTES 24

/* Escapes nest by recursion; deeper nesting is refused before the stack
 * can run out. */
#define ESCAPE_MAX_DEPTH 64

struct translator {
    const char *sql;
    size_t length;
    enum odbc_param_style style;
    bool translate_escapes;
    bool keeps_markers;       /* markers copied as written (odbc_sql_translate_escapes) */
    enum odbc_call_form call_form;
    size_t escape_depth;      /* escapes open around the current position */
    size_t marker_count;      /* ODBC markers seen, the return marker included */
    bool has_return_marker;
    bool has_escapes;
    bool has_call;            /* an outermost {call} was translated... */
    size_t call_open_offset;  /* ...its '{' */
    size_t call_end_offset;   /* ...just past its '}' */
    size_t call_name_offset;
    size_t call_name_length;
    struct error *error;
};

/* Where a run of text stops (see translate_run). */
enum run_stop {
    RUN_TO_END,   /* the whole text: '}' and ')' are ordinary characters */
    RUN_TO_BRACE, /* an escape's body: up to its closing '}' */
    RUN_TO_PAREN  /* a call's arguments: up to the ')' that closes them */
};

/* ---- lexical rules: sql_scan.c's ---------------------------------- */

static bool is_blank(char c)
{
    return odbc_sql_is_blank(c);
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t skip_blanks(const char *sql, size_t length, size_t i)
{
    while (i < length && is_blank(sql[i])) {
        i++;
    }
    return i;
}

/* ---- output ------------------------------------------------------------ */

static int append(struct translator *t, struct buf *out, const char *text, size_t length)
{
    if (length == 0) {
        return 0;
    }
    if (buf_append(out, text, length) != 0) {
        error_set(t->error, "HY001",
                  "Out of memory, or past %zu bytes, while translating the statement text",
                  out->max_bytes);
        return -1;
    }
    return 0;
}

static int append_text(struct translator *t, struct buf *out, const char *text)
{
    return append(t, out, text, strlen(text));
}

/* The next marker: ODBC parameter marker_count, sent as $(count - 1) when
 * parameter 1 is a {? = call}'s return value. */
static int append_marker(struct translator *t, struct buf *out)
{
    t->marker_count++;
    size_t number = t->marker_count - (t->has_return_marker ? 1 : 0);
    char text[24];
    int written = snprintf(text, sizeof text, "$%zu", number);
    if (written < 0 || (size_t)written >= sizeof text) {
        return -1;
    }
    return append(t, out, text, (size_t)written);
}

static void trim_trailing_spaces(struct buf *out, size_t floor)
{
    while (out->length > floor &&
           (out->data[out->length - 1] == ' ' || out->data[out->length - 1] == '\t')) {
        out->length--;
    }
}

/* ---- errors ------------------------------------------------------------ */

static int shown_length(const struct translator *t, size_t open)
{
    size_t available = t->length - open;
    size_t shown = available < ESCAPE_SHOWN_MAX_BYTES ? available : ESCAPE_SHOWN_MAX_BYTES;
    for (size_t i = 1; i < shown; i++) {
        if (t->sql[open + i] == '}' || t->sql[open + i] == '\n') {
            return (int)(i + (t->sql[open + i] == '}' ? 1 : 0));
        }
    }
    return (int)shown;
}

/* 42000 naming the escape (its first bytes) and its 1-based byte offset. */
static int fail_escape(struct translator *t, size_t open, const char *problem)
{
    error_set(t->error, "42000", "ODBC escape \"%.*s\" at byte %zu %s", shown_length(t, open),
              t->sql + open, open + 1, problem);
    return -1;
}

/* ---- the pass ---------------------------------------------------------- */

static int translate_escape(struct translator *t, size_t *position, struct buf *out);

/* Copies sql[*position..] to out, numbering markers and translating
 * escapes, up to what stop names; *position is left on that character
 * ('}' or ')'), or at the end of the text when it is missing: the caller
 * decides whether that is an error. With RUN_TO_PAREN, arguments (may be
 * NULL) receives where each top-level comma landed in out. */
static int translate_run(struct translator *t, size_t *position, enum run_stop stop,
                         struct buf *out, struct sql_escape_arguments *arguments)
{
    const char *sql = t->sql;
    size_t i = *position;
    size_t run_start = i; /* bytes from here to i are copied as they are */
    size_t paren_depth = 0;
    while (i < t->length) {
        size_t end = odbc_sql_skip_lexeme(sql, t->length, i);
        if (end > i) {
            i = end;
            continue;
        }
        char c = sql[i];
        char next = i + 1 < t->length ? sql[i + 1] : '\0';
        bool is_format = t->style == ODBC_PARAM_STYLE_FORMAT;
        if (c == '?' || (is_format && c == '%' && next == 's')) {
            size_t marker_length = c == '?' ? 1 : 2;
            if (t->keeps_markers) {
                t->marker_count++;
                i += marker_length;
                continue; /* copied with the run */
            }
            if (append(t, out, sql + run_start, i - run_start) != 0 ||
                append_marker(t, out) != 0) {
                return -1;
            }
            i += marker_length;
            run_start = i;
            continue;
        }
        if (is_format && c == '%' && next == '%' && t->keeps_markers) {
            i += 2;
            continue;
        }
        if (is_format && c == '%' && next == '%') {
            if (append(t, out, sql + run_start, i + 1 - run_start) != 0) {
                return -1; /* up to and with the first '%' */
            }
            i += 2;
            run_start = i;
            continue;
        }
        if (c == '{' && t->translate_escapes) {
            if (append(t, out, sql + run_start, i - run_start) != 0 ||
                translate_escape(t, &i, out) != 0) {
                return -1;
            }
            run_start = i;
            continue;
        }
        if (stop == RUN_TO_BRACE && c == '}') {
            break;
        }
        if (stop == RUN_TO_PAREN) {
            if (c == ')' && paren_depth == 0) {
                break;
            }
            if (c == '(') {
                paren_depth++;
            } else if (c == ')') {
                paren_depth--;
            } else if (c == ',' && paren_depth == 0 && arguments != NULL) {
                size_t comma_offset = out->length + (i - run_start);
                if (arguments->comma_count < SQL_ESCAPE_MAX_ARGUMENTS - 1) {
                    arguments->comma_offsets[arguments->comma_count] = comma_offset;
                }
                arguments->comma_count++;
            }
        }
        i++;
    }
    if (append(t, out, sql + run_start, i - run_start) != 0) {
        return -1;
    }
    *position = i;
    return 0;
}

/* The prefix forms: {d '..'} → DATE '..', {escape '\'} → ESCAPE '\',
 * {oj ..} → .., and the rest of the table below. */
static int translate_prefixed_body(struct translator *t, size_t open, size_t *position,
                                   const char *prefix, struct buf *out)
{
    size_t body_start = out->length;
    size_t i = skip_blanks(t->sql, t->length, *position);
    if (append_text(t, out, prefix) != 0) {
        return -1;
    }
    size_t value_start = out->length;
    if (translate_run(t, &i, RUN_TO_BRACE, out, NULL) != 0) {
        return -1;
    }
    if (i >= t->length) {
        return fail_escape(t, open, "has no closing brace");
    }
    trim_trailing_spaces(out, value_start);
    if (out->length == value_start) {
        out->length = body_start;
        return fail_escape(t, open, "holds no value");
    }
    *position = i + 1;
    return 0;
}

/* Reads "name(arguments)" for {fn} and {call}: the name as written (for
 * {call}, dotted and quoted parts too), then the arguments translated into
 * arguments_text. A call without parentheses has no arguments (has_parens
 * false); only {call} allows it. *position ends past the closing brace. */
static int read_call(struct translator *t, size_t open, size_t *position, bool is_routine,
                     size_t *name_offset, size_t *name_length, bool *has_parens,
                     struct buf *arguments_text, struct sql_escape_arguments *arguments)
{
    const char *sql = t->sql;
    size_t i = skip_blanks(sql, t->length, *position);
    size_t name_start = i;
    for (;;) {
        if (is_routine && i < t->length && sql[i] == '"') {
            i = odbc_sql_skip_quoted(sql, t->length, i, '"', false);
        } else if (i < t->length && odbc_sql_is_identifier_start(sql[i])) {
            while (i < t->length && odbc_sql_is_identifier_char(sql[i])) {
                i++;
            }
        } else {
            break;
        }
        if (!is_routine || i >= t->length || sql[i] != '.') {
            break;
        }
        i++;
    }
    if (i == name_start || sql[i - 1] == '.') {
        return fail_escape(t, open, "does not name a function");
    }
    *name_offset = name_start;
    *name_length = i - name_start;
    i = skip_blanks(sql, t->length, i);
    *has_parens = i < t->length && sql[i] == '(';
    if (*has_parens) {
        i++;
        if (translate_run(t, &i, RUN_TO_PAREN, arguments_text, arguments) != 0) {
            return -1;
        }
        if (i >= t->length) {
            return fail_escape(t, open, "has no closing parenthesis");
        }
        i = skip_blanks(sql, t->length, i + 1);
    } else if (!is_routine) {
        return fail_escape(t, open, "does not hold a call name(arguments)");
    }
    if (i >= t->length) {
        return fail_escape(t, open, "has no closing brace");
    }
    if (sql[i] != '}') {
        return fail_escape(t, open, "holds more than one call");
    }
    *position = i + 1;
    return 0;
}

/* {fn name(args)} → the PostgreSQL spelling (sql_escapes.c). */
static int translate_function(struct translator *t, size_t open, size_t *position,
                              struct buf *out)
{
    struct buf arguments_text;
    buf_init(&arguments_text, out->max_bytes);
    struct sql_escape_arguments arguments = {{0}, 0};
    size_t name_offset = 0;
    size_t name_length = 0;
    bool has_parens = false;
    int result = read_call(t, open, position, false, &name_offset, &name_length, &has_parens,
                           &arguments_text, &arguments);
    if (result == 0) {
        const char *arguments_data =
            arguments_text.length > 0 ? (const char *)arguments_text.data : "";
        result = sql_escape_write_function(t->sql + name_offset, name_length, arguments_data,
                                           arguments_text.length, &arguments, open + 1, out,
                                           t->error);
    }
    buf_reset(&arguments_text);
    return result;
}

/* {call name(args)} and {? = call name(args)} (is_returning). */
static int translate_call(struct translator *t, size_t open, size_t *position,
                          bool is_returning, struct buf *out)
{
    struct buf arguments_text;
    buf_init(&arguments_text, out->max_bytes);
    size_t name_offset = 0;
    size_t name_length = 0;
    bool has_parens = false;
    int result = read_call(t, open, position, true, &name_offset, &name_length, &has_parens,
                           &arguments_text, NULL);
    if (result == 0) {
        const char *head = is_returning                           ? "SELECT "
                           : t->call_form == ODBC_CALL_AS_SELECT ? "SELECT * FROM "
                                                                  : "CALL ";
        if (append_text(t, out, head) != 0 ||
            append(t, out, t->sql + name_offset, name_length) != 0 ||
            append_text(t, out, "(") != 0 ||
            append(t, out, (const char *)arguments_text.data, arguments_text.length) != 0 ||
            append_text(t, out, ")") != 0) {
            result = -1;
        }
    }
    buf_reset(&arguments_text);
    if (result == 0 && t->escape_depth == 1) {
        t->has_call = true;
        t->call_open_offset = open;
        t->call_end_offset = *position;
        t->call_name_offset = name_offset;
        t->call_name_length = name_length;
    }
    return result;
}

/* {? = call ...}: ODBC parameter 1 is the return value, so it must come
 * before any other marker; the whole text must be this escape (checked
 * once the pass is over). */
static int translate_returning_call(struct translator *t, size_t open, size_t *position,
                                    struct buf *out)
{
    const char *sql = t->sql;
    size_t i = skip_blanks(sql, t->length, *position + 1); /* past '?' */
    if (i >= t->length || sql[i] != '=') {
        return fail_escape(t, open, "is not {? = call name(arguments)}");
    }
    i = skip_blanks(sql, t->length, i + 1);
    size_t word_start = i;
    while (i < t->length && is_letter(sql[i])) {
        i++;
    }
    if (!sql_escape_word_equals(sql + word_start, i - word_start, "call")) {
        return fail_escape(t, open, "is not {? = call name(arguments)}");
    }
    if (t->escape_depth != 1 || t->marker_count != 0) {
        return fail_escape(t, open, "must be the whole statement");
    }
    t->marker_count = 1;
    t->has_return_marker = true;
    *position = i;
    return translate_call(t, open, position, true, out);
}

struct prefix_form {
    const char *keyword;
    const char *prefix;
};

/* ODBC: date, time and timestamp literals, interval and GUID literals,
 * the LIKE escape character and outer joins. PostgreSQL takes a typed
 * literal as TYPE 'text'. */
static const struct prefix_form prefix_forms[] = {
    {"d", "DATE "},
    {"t", "TIME "},
    {"ts", "TIMESTAMP "},
    {"interval", "INTERVAL "},
    {"guid", "UUID "},
    {"escape", "ESCAPE "},
    {"oj", ""},
};

/* At sql[*position] == '{': translates the whole escape clause and leaves
 * *position past its '}'. */
static int translate_escape(struct translator *t, size_t *position, struct buf *out)
{
    const char *sql = t->sql;
    size_t open = *position;
    size_t i = skip_blanks(sql, t->length, open + 1);
    if (t->escape_depth >= ESCAPE_MAX_DEPTH) {
        return fail_escape(t, open, "nests escapes too deeply (64 levels at most)");
    }
    t->escape_depth++;
    t->has_escapes = true;
    int result;
    if (i < t->length && sql[i] == '?') {
        *position = i;
        result = translate_returning_call(t, open, position, out);
        t->escape_depth--;
        return result;
    }
    size_t word_start = i;
    while (i < t->length && is_letter(sql[i])) {
        i++;
    }
    const char *word = sql + word_start;
    size_t word_length = i - word_start;
    *position = i;
    const struct prefix_form *form = NULL;
    for (size_t k = 0; k < sizeof prefix_forms / sizeof prefix_forms[0]; k++) {
        if (sql_escape_word_equals(word, word_length, prefix_forms[k].keyword)) {
            form = &prefix_forms[k];
        }
    }
    if (word_length == 0) {
        result = fail_escape(t, open, i >= t->length ? "has no closing brace" : "has no keyword");
    } else if (form != NULL) {
        result = translate_prefixed_body(t, open, position, form->prefix, out);
    } else if (sql_escape_word_equals(word, word_length, "fn")) {
        result = translate_function(t, open, position, out);
    } else if (sql_escape_word_equals(word, word_length, "call")) {
        result = translate_call(t, open, position, false, out);
    } else {
        result = fail_escape(t, open,
                             "has an unknown keyword (d, t, ts, interval, guid, fn, oj, "
                             "escape, call and ? = call are known)");
    }
    t->escape_depth--;
    return result;
}

static bool is_all_blank(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (!is_blank(text[i])) {
            return false;
        }
    }
    return true;
}

static int translate_text(const char *sql, size_t length_bytes, enum odbc_param_style style,
                          bool translate_escapes, bool keeps_markers,
                          enum odbc_call_form call_form, struct buf *out,
                          struct odbc_sql_translation *translation, struct error *error)
{
    struct translator t;
    memset(&t, 0, sizeof t);
    t.sql = sql != NULL ? sql : "";
    t.length = length_bytes;
    t.style = style;
    t.translate_escapes = translate_escapes;
    t.keeps_markers = keeps_markers;
    t.call_form = call_form;
    t.error = error;
    size_t out_start = out->length;
    size_t position = 0;
    int result = translate_run(&t, &position, RUN_TO_END, out, NULL);
    bool is_call = result == 0 && t.has_call && is_all_blank(t.sql, t.call_open_offset) &&
                   is_all_blank(t.sql + t.call_end_offset, length_bytes - t.call_end_offset);
    if (result == 0 && t.has_return_marker && !is_call) {
        result = fail_escape(&t, t.call_open_offset, "must be the whole statement");
    }
    if (result == 0 && buf_append_u8(out, '\0') != 0) {
        error_set(error, "HY001",
                  "Out of memory, or past %zu bytes, while translating the statement text",
                  out->max_bytes);
        result = -1;
    }
    if (result != 0) {
        if (out->length > out_start) {
            out->length = out_start; /* nothing half-written */
        }
        return -1;
    }
    translation->marker_count = t.marker_count;
    translation->has_escapes = t.has_escapes;
    translation->is_call = is_call;
    translation->has_return_marker = t.has_return_marker;
    translation->call_name_offset = is_call ? t.call_name_offset : 0;
    translation->call_name_length = is_call ? t.call_name_length : 0;
    return 0;
}

int odbc_sql_translate(const char *sql, size_t length_bytes, enum odbc_param_style style,
                       bool translate_escapes, enum odbc_call_form call_form, struct buf *out,
                       struct odbc_sql_translation *translation, struct error *error)
{
    return translate_text(sql, length_bytes, style, translate_escapes, false, call_form, out,
                          translation, error);
}

int odbc_sql_translate_escapes(const char *sql, size_t length_bytes, enum odbc_param_style style,
                               enum odbc_call_form call_form, struct buf *out,
                               struct odbc_sql_translation *translation, struct error *error)
{
    return translate_text(sql, length_bytes, style, true, true, call_form, out, translation,
                          error);
}
