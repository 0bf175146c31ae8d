/* struct error and struct notice_sink: how failures and warnings travel.
 * Owns: filling the fixed-size record, the first-error-wins rule, context
 * prefixes and the "..." truncation marker. Leaves to odbc/diag.c turning
 * records into diagnostics, and to wire/notice.c decoding server fields.
 * Rules: STYLE.md, "Errors and diagnostics". Reporting never allocates, so
 * it cannot fail itself. */
#include "util/error.h"

#include <stdio.h>
#include <string.h>

#define TRUNCATION_MARK "..."
#define TRUNCATION_MARK_BYTES 3

/* Moves a cut point back so it does not split a UTF-8 sequence:
 * continuation bytes (10xxxxxx) are never the first byte kept out. */
static size_t back_to_character_start(const char *text, size_t cut)
{
    size_t start = cut;
    while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80) {
        start--;
    }
    return start;
}

/* Ends field (holding more text than fits) with "..." in place. */
static void mark_field_truncated(char *field, size_t field_size)
{
    if (field_size <= TRUNCATION_MARK_BYTES) {
        if (field_size > 0) {
            field[0] = '\0';
        }
        return;
    }
    size_t keep = back_to_character_start(field, field_size - 1 - TRUNCATION_MARK_BYTES);
    memcpy(field + keep, TRUNCATION_MARK, TRUNCATION_MARK_BYTES + 1);
}

void error_copy_text(char *field, size_t field_size, const char *text, size_t length)
{
    if (field == NULL || field_size == 0) {
        return;
    }
    if (text == NULL) {
        field[0] = '\0';
        return;
    }
    const char *nul = memchr(text, '\0', length);
    if (nul != NULL) {
        length = (size_t)(nul - text);
    }
    if (length < field_size) {
        memcpy(field, text, length);
        field[length] = '\0';
        return;
    }
    memcpy(field, text, field_size - 1);
    field[field_size - 1] = '\0';
    mark_field_truncated(field, field_size);
}

/* Empties each field by its first byte only: a struct error is about 3 KB
 * and the fetch path initialises one per value, so zeroing it whole was a
 * third of the client's time in the bound-fetch benchmark. Every reader
 * stops at the first NUL, so the bytes after it are never looked at. */
void error_init(struct error *error)
{
    error->sqlstate[0] = '\0';
    error->origin = ERROR_ORIGIN_NONE;
    error->native_code = 0;
    error->severity[0] = '\0';
    error->message[0] = '\0';
    error->detail[0] = '\0';
    error->hint[0] = '\0';
    error->position = 0;
}

bool error_is_set(const struct error *error)
{
    return error != NULL && error->sqlstate[0] != '\0';
}

/* Stores a five-character SQLSTATE; anything malformed becomes HY000 so a
 * set error is always recognisable as set. */
static void store_sqlstate(struct error *error, const char *sqlstate)
{
    if (sqlstate == NULL || strlen(sqlstate) != 5) {
        sqlstate = "HY000";
    }
    memcpy(error->sqlstate, sqlstate, 6);
}

/* Formats into field, marking truncation. */
static void format_into_field(char *field, size_t field_size, const char *format, va_list args)
    PGO_PRINTF(3, 0);

static void format_into_field(char *field, size_t field_size, const char *format, va_list args)
{
    if (format == NULL) {
        field[0] = '\0';
        return;
    }
    int needed = vsnprintf(field, field_size, format, args);
    if (needed < 0) {
        error_copy_text(field, field_size, "(message could not be formatted)", 32);
        return;
    }
    if ((size_t)needed >= field_size) {
        mark_field_truncated(field, field_size);
    }
}

void error_set_v(struct error *error, const char *sqlstate, const char *format, va_list args)
{
    if (error == NULL || error_is_set(error)) {
        return;
    }
    error_init(error);
    store_sqlstate(error, sqlstate);
    error->origin = ERROR_ORIGIN_DRIVER;
    format_into_field(error->message, sizeof error->message, format, args);
}

void error_set(struct error *error, const char *sqlstate, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    error_set_v(error, sqlstate, format, args);
    va_end(args);
}

void error_add_context(struct error *error, const char *format, ...)
{
    if (!error_is_set(error) || format == NULL) {
        return;
    }
    char context[ERROR_TEXT_MAX];
    va_list args;
    va_start(args, format);
    format_into_field(context, sizeof context, format, args);
    va_end(args);

    char combined[ERROR_TEXT_MAX];
    int needed = snprintf(combined, sizeof combined, "%s: %s", context, error->message);
    if (needed < 0) {
        return;
    }
    if ((size_t)needed >= sizeof combined) {
        mark_field_truncated(combined, sizeof combined);
    }
    memcpy(error->message, combined, sizeof combined);
}

void error_override_sqlstate(struct error *error, const char *sqlstate)
{
    if (!error_is_set(error)) {
        return;
    }
    store_sqlstate(error, sqlstate);
}

void notice_sink_emit(const struct notice_sink *sink, const struct error *notice)
{
    if (sink == NULL || sink->emit == NULL || notice == NULL) {
        return;
    }
    sink->emit(sink->context, notice);
}

void notice_sink_warn(const struct notice_sink *sink, const char *sqlstate, const char *format,
                      ...)
{
    if (sink == NULL || sink->emit == NULL) {
        return;
    }
    struct error notice;
    error_init(&notice);
    va_list args;
    va_start(args, format);
    error_set_v(&notice, sqlstate, format, args);
    va_end(args);
    sink->emit(sink->context, &notice);
}
