/* uuid → C types ("SQL to C: GUID"), and GUID text in character columns.
 * Owns: the 36-character form (8-4-4-4-12 hex digits; braces and a form
 * without hyphens are read too when the source is character data), the
 * 16 binary bytes, and SQLGUID, whose Data1..Data3 are host-order integers
 * read big-endian from the first eight bytes (RFC 4122 field order).
 * SQL_C_CHAR needs 37 bytes (36 characters and the terminator) or it is
 * 22003, per the appendix; its hex digits are upper case. */
#include <string.h>
#include "types/to_c_internal.h"
#include "util/parse.h"

#define GUID_TEXT_LENGTH 36

/* 32 hex digits, hyphens allowed only between the RFC groups (or none),
 * optionally in braces. */
static bool parse_guid_text(const unsigned char *text, size_t length, unsigned char bytes[16])
{
    if (length >= 2 && text[0] == '{' && text[length - 1] == '}') {
        text++;
        length -= 2;
    }
    bool has_hyphens = length == GUID_TEXT_LENGTH;
    if (!has_hyphens && length != 32)
        return false;
    size_t position = 0;
    for (size_t byte = 0; byte < 16; byte++) {
        if (has_hyphens && (byte == 4 || byte == 6 || byte == 8 || byte == 10)) {
            if (text[position] != '-')
                return false;
            position++;
        }
        int high = parse_hex_digit(text[position]);
        int low = parse_hex_digit(text[position + 1]);
        if (high < 0 || low < 0)
            return false;
        bytes[byte] = (unsigned char)(high * 16 + low);
        position += 2;
    }
    return position == length;
}

static int put_guid(const struct types_call *call, const unsigned char bytes[16])
{
    SQLGUID guid;
    guid.Data1 = types_read_u32(bytes);
    guid.Data2 = types_read_u16(bytes + 4);
    guid.Data3 = types_read_u16(bytes + 6);
    memcpy(guid.Data4, bytes + 8, 8);
    return types_put_fixed(call, &guid, sizeof guid);
}

int types_character_to_guid(const struct types_call *call, const unsigned char *text,
                            size_t length)
{
    unsigned char bytes[16];
    if (!parse_guid_text(text, length, bytes))
        return types_fail_value(call, "22018", "is not a GUID");
    return put_guid(call, bytes);
}

/* Upper-case hex digits: the form ODBC applications know GUID text in
 * (SQL Server's and psqlODBC's; pyodbc's own tests expect it). */
static void format_guid(const unsigned char bytes[16], char out[GUID_TEXT_LENGTH + 1])
{
    static const char digits[] = "0123456789ABCDEF";
    size_t position = 0;
    for (size_t byte = 0; byte < 16; byte++) {
        if (byte == 4 || byte == 6 || byte == 8 || byte == 10)
            out[position++] = '-';
        out[position++] = digits[bytes[byte] >> 4];
        out[position++] = digits[bytes[byte] & 15];
    }
    out[position] = '\0';
}

int types_to_c_uuid(const struct types_call *call)
{
    const struct types_value *value = call->value;
    unsigned char bytes[16];
    if (value->is_binary) {
        if (value->length_bytes != 16)
            return types_fail_value(call, "22018", "is not a 16-byte binary uuid");
        memcpy(bytes, value->data, 16);
    } else if (!parse_guid_text(value->data, value->length_bytes, bytes)) {
        return types_fail_value(call, "22018", "is not a uuid");
    }
    switch (call->target->c_type) {
    case SQL_C_GUID:
        return put_guid(call, bytes);
    case SQL_C_CHAR:
    case SQL_C_WCHAR: {
        char text[GUID_TEXT_LENGTH + 1];
        format_guid(bytes, text);
        return types_put_text(call, (const unsigned char *)text, GUID_TEXT_LENGTH,
                              GUID_TEXT_LENGTH, true);
    }
    default:
        return types_fail_restricted(call);
    }
}
