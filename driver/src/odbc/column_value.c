/* One column value → one application buffer (see column_value.h). */
#include "odbc/column_value.h"

#include <string.h>
#include "types/to_c.h"
#include "types/type_table.h"

SQLSMALLINT odbc_resolve_c_type(SQLSMALLINT c_type, SQLSMALLINT default_c_type)
{
    return c_type == SQL_C_DEFAULT ? default_c_type : c_type;
}

bool odbc_is_piecewise_c_type(SQLSMALLINT c_type)
{
    return c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY;
}

static bool is_bytea_hex(const struct odbc_value_view *value)
{
    return value->type_oid == TYPES_OID_BYTEA && value->length_bytes >= 2 &&
           value->data[0] == '\\' && value->data[1] == 'x';
}

/* The text a character target sees: ODBC's forms for bit and binary. */
static void character_source(const struct odbc_value_view *value, const unsigned char **data,
                             size_t *length)
{
    if (value->type_oid == TYPES_OID_BOOL && value->length_bytes == 1) {
        *data = (const unsigned char *)(value->data[0] == 't' ? "1" : "0");
        *length = 1;
        return;
    }
    if (is_bytea_hex(value)) {
        *data = value->data + 2;
        *length = value->length_bytes - 2;
        return;
    }
    *data = value->data;
    *length = value->length_bytes;
}

int odbc_convert_value(const struct odbc_value_view *value, SQLSMALLINT c_type, size_t offset,
                       void *target, SQLLEN buffer_length, struct odbc_convert_outcome *out,
                       struct error *error)
{
    memset(out, 0, sizeof *out);
    if (value->is_null) {
        out->indicator = SQL_NULL_DATA;
        return 0;
    }
    size_t capacity = buffer_length > 0 ? (size_t)buffer_length : 0;
    struct types_piece piece;
    if (c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR) {
        const unsigned char *data;
        size_t length;
        character_source(value, &data, &length);
        if (offset > length)
            offset = length;
        if (c_type == SQL_C_CHAR)
            types_to_c_char_piece(data + offset, length - offset, target, capacity, &piece);
        else
            types_to_c_wchar_piece(data + offset, length - offset, target, capacity, &piece);
    } else if (c_type == SQL_C_BINARY) {
        if (is_bytea_hex(value)) {
            const unsigned char *hex = value->data + 2;
            size_t hex_length = value->length_bytes - 2;
            if (offset > hex_length)
                offset = hex_length;
            if (types_to_c_hex_binary_piece(hex + offset, hex_length - offset, target, capacity,
                                            &piece, error) != 0)
                return -1;
        } else {
            const unsigned char *data;
            size_t length;
            character_source(value, &data, &length);
            if (offset > length)
                offset = length;
            types_to_c_binary_piece(data + offset, length - offset, target, capacity, &piece);
        }
    } else {
        size_t size = types_fixed_c_type_size(c_type);
        if (size == 0) {
            error_set(error, "07006", "Conversion of a PostgreSQL value to C type %d is not supported",
                      (int)c_type);
            return -1;
        }
        if (target == NULL) {
            error_set(error, "HY009", "The target buffer is a null pointer");
            return -1;
        }
        if (types_to_c_fixed(c_type, (const char *)value->data, value->length_bytes, target,
                             &out->has_fraction_truncated, error) != 0)
            return -1;
        out->indicator = (SQLLEN)size;
        out->consumed_bytes = value->length_bytes;
        return 0;
    }
    out->indicator = (SQLLEN)piece.remaining_bytes;
    out->consumed_bytes = piece.consumed_bytes;
    out->is_truncated = piece.is_truncated;
    return 0;
}
