/* SQL_C_GUID → SQL types ("C to SQL: GUID"), and GUID text in character
 * data.
 * Owns: SQLGUID into uuid's 16 bytes (RFC 4122 order: Data1, Data2 and
 * Data3 are host-order integers written big-endian, then Data4 as it is),
 * the 36-character form for character SQL types (lower-case hex,
 * 8-4-4-4-12), and reading GUID text: 8-4-4-4-12 hex digits, the same
 * without hyphens, either in braces, blanks around ignored; anything else
 * is 22018. Every 128-bit value is a valid GUID (the table's note). */
#include <string.h>
#include "types/from_c_internal.h"
#include "util/parse.h"

#define GUID_BYTES 16
#define GUID_TEXT_LENGTH 36

static void guid_to_bytes(const SQLGUID *guid, unsigned char bytes[GUID_BYTES])
{
    uint32_t data1 = (uint32_t)guid->Data1;
    bytes[0] = (unsigned char)(data1 >> 24);
    bytes[1] = (unsigned char)(data1 >> 16);
    bytes[2] = (unsigned char)(data1 >> 8);
    bytes[3] = (unsigned char)data1;
    bytes[4] = (unsigned char)(guid->Data2 >> 8);
    bytes[5] = (unsigned char)guid->Data2;
    bytes[6] = (unsigned char)(guid->Data3 >> 8);
    bytes[7] = (unsigned char)guid->Data3;
    memcpy(bytes + 8, guid->Data4, 8);
}

int types_from_c_put_guid(const struct types_from_c_call *call, const SQLGUID *guid)
{
    unsigned char bytes[GUID_BYTES];
    guid_to_bytes(guid, bytes);
    return types_from_c_append(call, bytes, sizeof bytes);
}

static bool parse_guid(const unsigned char *text, size_t length, unsigned char bytes[GUID_BYTES])
{
    if (length >= 2 && text[0] == '{' && text[length - 1] == '}') {
        text++;
        length -= 2;
    }
    bool has_hyphens = length == GUID_TEXT_LENGTH;
    if (!has_hyphens && length != 2 * GUID_BYTES)
        return false;
    size_t position = 0;
    for (size_t byte = 0; byte < GUID_BYTES; byte++) {
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

int types_from_c_text_to_guid(const struct types_from_c_call *call, const unsigned char *text,
                              size_t length)
{
    unsigned char bytes[GUID_BYTES];
    if (!parse_guid(text, length, bytes))
        return types_from_c_fail_text(call, "22018", text, length, "is not a GUID");
    return types_from_c_append(call, bytes, sizeof bytes);
}

int types_from_c_guid(const struct types_from_c_call *call)
{
    SQLGUID guid;
    memcpy(&guid, call->value->data, sizeof guid);
    if (call->sql_class == TYPES_SQL_CLASS_GUID)
        return types_from_c_put_guid(call, &guid);
    static const char digits[] = "0123456789abcdef";
    unsigned char bytes[GUID_BYTES];
    guid_to_bytes(&guid, bytes);
    char text[GUID_TEXT_LENGTH];
    size_t position = 0;
    for (size_t byte = 0; byte < GUID_BYTES; byte++) {
        if (byte == 4 || byte == 6 || byte == 8 || byte == 10)
            text[position++] = '-';
        text[position++] = digits[bytes[byte] >> 4];
        text[position++] = digits[bytes[byte] & 15];
    }
    return types_from_c_append(call, text, sizeof text);
}
