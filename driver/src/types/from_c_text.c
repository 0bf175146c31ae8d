/* SQL_C_CHAR and SQL_C_WCHAR → SQL types ("C to SQL: Character").
 * Owns: UTF-16 (host order, as unixODBC's SQLWCHAR) to UTF-8, and reading
 * character data as each SQL type's literal: numbers, hex digits for
 * binary types, and (through the date, interval and GUID files) ODBC date,
 * time, timestamp, interval and GUID literals.
 * Rules and choices:
 * - Character SQL types: the bytes go as they are (SQL_C_CHAR is taken to
 *   be UTF-8, the client encoding the driver sets; the server checks it).
 *   The column's length is not checked here: varchar(n) and char(n) report
 *   22001 from the server. A NUL byte is 22018 (from_c_internal.h says why).
 * - SQL_C_WCHAR: an odd byte count, a lone surrogate and U+0000 are 22018.
 * - Numeric SQL types: leading and trailing blanks are ignored; the text
 *   must be a numeric literal ([sign]digits[.digits][E[sign]digits]) or
 *   22018 — "1e3" is one, and is 1000 for SQL_INTEGER. Integer types: a
 *   fractional part that would be lost is 22001 (the table's row), whole
 *   digits beyond the wire type 22003 (as the appendix's examples show for
 *   SQL_C_CHAR to SQL_DECIMAL, and as PostgreSQL says). SQL_BIT: "0" and
 *   "1"; between 0 and 2 otherwise 22001; other numbers 22003. "NaN",
 *   "Infinity" and "-Infinity" are accepted where PostgreSQL's type holds
 *   them (float and decimal types), and are 22018 elsewhere. Decimal types
 *   receive the trimmed text itself, so no digit is lost; float types are
 *   read from at most 80 significant digits and a sticky digit.
 * - Binary SQL types: two hex digits per byte ("0A1B", either case). An odd
 *   count is 22018: the appendix drops the last digit silently, which
 *   would lose data without a word. SQL_BINARY(n) with n > 0 refuses more
 *   than n bytes (22001); VARBINARY and LONGVARBINARY are left to the
 *   server, bytea having no length. */
#include <string.h>
#include "types/from_c_internal.h"
#include "util/parse.h"

static bool is_blank(unsigned char c)
{
    return c == ' ';
}

static void trim_blanks(const unsigned char **text, size_t *length)
{
    while (*length > 0 && is_blank((*text)[0])) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && is_blank((*text)[*length - 1]))
        (*length)--;
}

/* ---- UTF-16 → UTF-8 ---- */

static uint16_t unit_at(const unsigned char *data, size_t index)
{
    uint16_t unit;
    memcpy(&unit, data + 2 * index, sizeof unit);
    return unit;
}

/* Walks the UTF-16 text; writes UTF-8 to out when it is not NULL. Returns
 * the UTF-8 length, or SIZE_MAX at the first unit that cannot be sent. */
static size_t convert_utf16(const unsigned char *data, size_t units, unsigned char *out,
                            size_t *bad_index)
{
    size_t length = 0;
    for (size_t i = 0; i < units; i++) {
        uint32_t code_point = unit_at(data, i);
        if (code_point == 0) {
            *bad_index = i;
            return SIZE_MAX;
        }
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            uint16_t low = i + 1 < units ? unit_at(data, i + 1) : 0;
            if (low < 0xDC00 || low > 0xDFFF) {
                *bad_index = i;
                return SIZE_MAX;
            }
            code_point = 0x10000u + ((code_point - 0xD800u) << 10) + (low - 0xDC00u);
            i++;
        } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
            *bad_index = i;
            return SIZE_MAX;
        }
        unsigned char bytes[4];
        size_t count;
        if (code_point < 0x80) {
            bytes[0] = (unsigned char)code_point;
            count = 1;
        } else if (code_point < 0x800) {
            bytes[0] = (unsigned char)(0xC0 | (code_point >> 6));
            bytes[1] = (unsigned char)(0x80 | (code_point & 0x3F));
            count = 2;
        } else if (code_point < 0x10000) {
            bytes[0] = (unsigned char)(0xE0 | (code_point >> 12));
            bytes[1] = (unsigned char)(0x80 | ((code_point >> 6) & 0x3F));
            bytes[2] = (unsigned char)(0x80 | (code_point & 0x3F));
            count = 3;
        } else {
            bytes[0] = (unsigned char)(0xF0 | (code_point >> 18));
            bytes[1] = (unsigned char)(0x80 | ((code_point >> 12) & 0x3F));
            bytes[2] = (unsigned char)(0x80 | ((code_point >> 6) & 0x3F));
            bytes[3] = (unsigned char)(0x80 | (code_point & 0x3F));
            count = 4;
        }
        if (out != NULL)
            memcpy(out + length, bytes, count);
        length += count;
    }
    return length;
}

/* Appends the UTF-8 form of the application's UTF-16 text. */
static int append_utf8_from_utf16(const struct types_from_c_call *call)
{
    const unsigned char *data = call->value->data;
    size_t length_bytes = call->value->length_bytes;
    if (length_bytes % 2 != 0)
        return types_from_c_fail(call, "22018",
                                 "SQL_C_WCHAR data with an odd number of bytes is not UTF-16");
    size_t bad_index = 0;
    size_t utf8_length = convert_utf16(data, length_bytes / 2, NULL, &bad_index);
    if (utf8_length == SIZE_MAX) {
        uint16_t unit = unit_at(data, bad_index);
        error_set(call->error, "22018",
                  unit == 0 ? "SQL_C_WCHAR data holds U+0000 at character %zu, which a text "
                              "value cannot carry, for %s"
                            : "SQL_C_WCHAR data holds a lone surrogate at character %zu, for %s",
                  bad_index, types_sql_type_name(call->sql_type));
        return -1;
    }
    /* An empty buffer has no block yet: no pointer to offset. */
    if (utf8_length == 0)
        return 0;
    if (buf_reserve(call->out, utf8_length) != 0)
        return types_from_c_fail_memory(call);
    convert_utf16(data, length_bytes / 2, call->out->data + call->out->length, &bad_index);
    call->out->length += utf8_length;
    return 0;
}

/* ---- per SQL type ---- */

/* Hex digits into bytes at out_bytes (which may be text itself: byte i is
 * written after digits 2i and 2i+1 were read). */
static void decode_hex(const unsigned char *text, size_t length, unsigned char *out_bytes)
{
    for (size_t i = 0; i < length / 2; i++)
        out_bytes[i] = (unsigned char)(parse_hex_digit(text[2 * i]) * 16 + parse_hex_digit(text[2 * i + 1]));
}

static int put_hex_as_bytes(const struct types_from_c_call *call, const unsigned char *text,
                            size_t length, size_t text_offset, bool is_text_in_out)
{
    if (length % 2 != 0)
        return types_from_c_fail_text(call, "22018", text, length,
                                      "has an odd number of hex digits");
    for (size_t i = 0; i < length; i++) {
        if (parse_hex_digit(text[i]) < 0)
            return types_from_c_fail_text(call, "22018", text, length,
                                          "is not hexadecimal digits");
    }
    size_t byte_count = length / 2;
    if (call->sql_type == SQL_BINARY && call->type->column_size > 0 &&
        byte_count > call->type->column_size) {
        error_set(call->error, "22001", "%zu bytes do not fit SQL_BINARY(%lu)", byte_count,
                  (unsigned long)call->type->column_size);
        return -1;
    }
    if (byte_count == 0) {
        if (is_text_in_out)
            call->out->length = text_offset;
        return 0;
    }
    if (is_text_in_out) {
        decode_hex(text, length, call->out->data + text_offset);
        call->out->length = text_offset + byte_count;
        return 0;
    }
    if (buf_reserve(call->out, byte_count) != 0)
        return types_from_c_fail_memory(call);
    decode_hex(text, length, call->out->data + call->out->length);
    call->out->length += byte_count;
    return 0;
}

static int put_number_text(const struct types_from_c_call *call, const unsigned char *text,
                           size_t length, size_t text_offset, bool is_text_in_out)
{
    const unsigned char *trimmed = text;
    size_t trimmed_length = length;
    trim_blanks(&trimmed, &trimmed_length);
    struct types_decimal number;
    if (!types_decimal_parse(trimmed, trimmed_length, false, &number))
        return types_from_c_fail_text(call, "22018", text, length, "is not a number");
    bool has_special = number.is_nan || number.is_infinite;
    if (has_special && (call->sql_class == TYPES_SQL_CLASS_INTEGER ||
                        call->sql_class == TYPES_SQL_CLASS_BIT))
        return types_from_c_fail_text(call, "22018", text, length, "is not a numeric literal");
    if (call->sql_class == TYPES_SQL_CLASS_DECIMAL && !has_special) {
        /* The text itself: numeric's input reads every literal form, and
         * digits past what struct types_decimal keeps are not lost. */
        if (is_text_in_out) {
            memmove(call->out->data + text_offset, trimmed, trimmed_length);
            call->out->length = text_offset + trimmed_length;
            return 0;
        }
        return types_from_c_append(call, trimmed, trimmed_length);
    }
    if (is_text_in_out)
        call->out->length = text_offset;
    return types_from_c_put_number(call, &number, NULL, TYPES_FRACTION_FAILS);
}

int types_from_c_text(const struct types_from_c_call *call)
{
    const unsigned char *text = call->value->data;
    size_t length = call->value->length_bytes;
    size_t text_offset = call->out->length;
    bool is_text_in_out = call->c_type == SQL_C_WCHAR;
    if (is_text_in_out) {
        if (append_utf8_from_utf16(call) != 0)
            return -1;
        if (call->sql_class == TYPES_SQL_CLASS_CHARACTER)
            return 0;
        length = call->out->length - text_offset;
        text = length > 0 ? call->out->data + text_offset : (const unsigned char *)"";
    }
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_CHARACTER:
        return types_from_c_append_text(call, text, length);
    case TYPES_SQL_CLASS_BINARY:
        return put_hex_as_bytes(call, text, length, text_offset, is_text_in_out);
    case TYPES_SQL_CLASS_INTEGER:
    case TYPES_SQL_CLASS_DECIMAL:
    case TYPES_SQL_CLASS_FLOAT:
    case TYPES_SQL_CLASS_BIT:
        return put_number_text(call, text, length, text_offset, is_text_in_out);
    default:
        break;
    }
    /* The parsers below read all of their text before their first append,
     * so text converted from UTF-16 may sit where their output goes. */
    trim_blanks(&text, &length);
    if (is_text_in_out)
        call->out->length = text_offset;
    switch (call->sql_class) {
    case TYPES_SQL_CLASS_DATE:
    case TYPES_SQL_CLASS_TIME:
    case TYPES_SQL_CLASS_TIMESTAMP:
        return types_from_c_text_to_datetime(call, text, length);
    case TYPES_SQL_CLASS_INTERVAL:
        return types_from_c_text_to_interval(call, text, length);
    default:
        return types_from_c_text_to_guid(call, text, length);
    }
}
