/* Fuzz target: the SQL scanners of the ODBC layer over arbitrary text:
 * odbc_sql_translate (the '?' and '%s' marker scanner and the ODBC escape
 * translator, odbc/sql_markers.c with odbc/sql_escapes.c), its
 * SQLNativeSql form odbc_sql_translate_escapes, and the statement counter
 * odbc_sql_count_statements (odbc/sql_scan.c).
 *
 * Input: byte 0 holds flags (bit 0: ParamStyle=format; bit 1: escapes
 * translated, as without SQL_ATTR_NOSCAN; bit 2: {call} as SELECT; bit 3:
 * the output buffer is capped small, so HY001 paths run), the rest is the
 * SQL text, in a heap block of its exact size (no NUL after it), so ASan
 * catches a read past it.
 *
 * Invariants checked (abort with a message when one breaks):
 * - success: the output ends with its NUL and holds no other NUL unless
 *   the input did; marker_count is at most the input's count of '?' (plus
 *   '%' with ParamStyle=format), since every marker is written by one;
 *   with escapes off, has_escapes is false.
 * - failure: a 42000 or HY001 SQLSTATE; 42000 leaves the output as it was
 *   (the prefix written before the call is still there). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "odbc/sql_markers.h"
#include "odbc/sql_scan.h"
#include "util/buf.h"
#include "util/error.h"

#define FUZZ_PREFIX "PREFIX"
#define FUZZ_PREFIX_BYTES (sizeof FUZZ_PREFIX - 1u)
#define FUZZ_SMALL_CAP 64u
#define FUZZ_LARGE_CAP (1u << 20)

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "sql_fuzz: invariant broken: %s\n", what);
    abort();
}

static size_t count_byte(const char *text, size_t length, char c)
{
    size_t count = 0;
    for (size_t i = 0; i < length; ++i) {
        count += text[i] == c;
    }
    return count;
}

static void check_outcome(int rc, const struct buf *out, const struct odbc_sql_translation *t,
                          const struct error *error, const char *sql, size_t length,
                          enum odbc_param_style style, bool escapes)
{
    if (rc != 0) {
        if (strcmp(error->sqlstate, "42000") != 0 && strcmp(error->sqlstate, "HY001") != 0) {
            fuzz_fail("an SQLSTATE other than 42000 or HY001");
        }
        if (strcmp(error->sqlstate, "42000") == 0 &&
            (out->length != FUZZ_PREFIX_BYTES || memcmp(out->data, FUZZ_PREFIX, FUZZ_PREFIX_BYTES) != 0)) {
            fuzz_fail("42000 changed the output");
        }
        return;
    }
    if (out->length < FUZZ_PREFIX_BYTES + 1u || memcmp(out->data, FUZZ_PREFIX, FUZZ_PREFIX_BYTES) != 0) {
        fuzz_fail("the output lost its prefix");
    }
    if (out->data[out->length - 1] != '\0') {
        fuzz_fail("the output does not end with its NUL");
    }
    const char *text = (const char *)out->data + FUZZ_PREFIX_BYTES;
    size_t text_length = out->length - FUZZ_PREFIX_BYTES - 1u;
    if (memchr(sql, '\0', length) == NULL && memchr(text, '\0', text_length) != NULL) {
        fuzz_fail("a NUL inside the translated text the input did not hold");
    }
    size_t possible = count_byte(sql, length, '?');
    if (style == ODBC_PARAM_STYLE_FORMAT) {
        possible += count_byte(sql, length, '%');
    }
    if (t->marker_count > possible) {
        fuzz_fail("more markers than '?' (and '%') in the input");
    }
    if (!escapes && t->has_escapes) {
        fuzz_fail("escapes translated under SQL_ATTR_NOSCAN");
    }
    if (t->is_call && t->call_name_offset + t->call_name_length > length) {
        fuzz_fail("the call's name lies outside the input");
    }
}

static void translate(const char *sql, size_t length, enum odbc_param_style style, bool escapes,
                      enum odbc_call_form form, size_t cap, bool native)
{
    struct buf out;
    buf_init(&out, cap);
    if (buf_append(&out, FUZZ_PREFIX, FUZZ_PREFIX_BYTES) != 0) {
        buf_reset(&out);
        return;
    }
    struct odbc_sql_translation translation;
    memset(&translation, 0, sizeof translation);
    struct error error;
    error_init(&error);
    int rc = native ? odbc_sql_translate_escapes(sql, length, style, form, &out, &translation,
                                                 &error)
                    : odbc_sql_translate(sql, length, style, escapes, form, &out, &translation,
                                         &error);
    check_outcome(rc, &out, &translation, &error, sql, length, style, native || escapes);
    buf_reset(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    uint8_t flags = data[0];
    size_t length = size - 1;
    char *sql = malloc(length > 0 ? length : 1);
    if (sql == NULL) {
        return 0;
    }
    if (length > 0) {
        memcpy(sql, data + 1, length);
    }
    enum odbc_param_style style = (flags & 1u) ? ODBC_PARAM_STYLE_FORMAT : ODBC_PARAM_STYLE_QMARK;
    bool escapes = (flags & 2u) != 0;
    enum odbc_call_form form = (flags & 4u) ? ODBC_CALL_AS_SELECT : ODBC_CALL_AS_CALL;
    size_t cap = (flags & 8u) ? FUZZ_SMALL_CAP : FUZZ_LARGE_CAP;
    translate(sql, length, style, escapes, form, cap, false);
    translate(sql, length, style, escapes, form, cap, true);
    size_t statements = odbc_sql_count_statements(sql, length);
    if (statements > length / 1u + 1u) {
        fuzz_fail("more statements than bytes");
    }
    free(sql);
    return 0;
}
