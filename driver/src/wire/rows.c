/* RowDescription / DataRow → struct wire_column and struct wire_value views.
 * Owns: the two parsers; counts are checked against the bytes that remain
 * before anything is allocated; values are views, never copies (the fetch
 * path allocates nothing per row). Leaves the buffers' lifetimes to
 * result.c. Rules: STYLE.md, "Wire input is hostile", points 3–5;
 * formats: protocol-message-formats.html, PostgreSQL 15. */
#include "wire/rows.h"

#include "util/alloc.h"
#include "util/reader.h"
#include "wire/limits.h"
#include "wire/messages.h"

int wire_rows_parse_description(const unsigned char *body, size_t length_bytes,
                                struct wire_column **columns, size_t *column_count,
                                struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    int16_t count = 0;
    if (!reader_take_i16(&reader, &count) || count < 0) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a RowDescription with a missing or negative field count");
        return -1;
    }
    size_t field_count = (size_t)count;
    if (field_count > WIRE_MAX_COLUMNS ||
        field_count * WIRE_ROW_DESCRIPTION_FIELD_MIN_BYTES > reader_remaining(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a RowDescription claiming %zu fields in %zu bytes",
                  field_count, reader_remaining(&reader));
        return -1;
    }
    struct wire_column *parsed = NULL;
    if (field_count > 0) {
        parsed = alloc_array(field_count, sizeof *parsed);
        if (parsed == NULL) {
            error_set(error, WIRE_SQLSTATE_NO_MEMORY,
                      "out of memory describing %zu result columns", field_count);
            return -1;
        }
    }
    for (size_t i = 0; i < field_count; i++) {
        struct wire_column *column = &parsed[i];
        uint32_t table_oid = 0;
        int16_t attnum = 0;
        uint32_t type_oid = 0;
        int16_t type_size = 0;
        int32_t type_modifier = 0;
        int16_t format_code = 0;
        if (!reader_take_cstr(&reader, &column->name, NULL) ||
            !reader_take_u32(&reader, &table_oid) || !reader_take_i16(&reader, &attnum) ||
            !reader_take_u32(&reader, &type_oid) || !reader_take_i16(&reader, &type_size) ||
            !reader_take_i32(&reader, &type_modifier) ||
            !reader_take_i16(&reader, &format_code)) {
            alloc_free(parsed);
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a RowDescription whose field %zu is cut short or has "
                      "a name without its NUL",
                      i + 1);
            return -1;
        }
        if (format_code != 0 && format_code != 1) {
            alloc_free(parsed);
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a RowDescription whose field %zu has format code %d; "
                      "0 (text) or 1 (binary) are allowed",
                      i + 1, (int)format_code);
            return -1;
        }
        column->table_oid = table_oid;
        column->column_attnum = attnum;
        column->type_oid = type_oid;
        column->type_size = type_size;
        column->type_modifier = type_modifier;
        column->format_code = format_code;
    }
    if (!reader_expect_end(&reader)) {
        alloc_free(parsed);
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a RowDescription with bytes after its last field");
        return -1;
    }
    *columns = parsed;
    *column_count = field_count;
    return 0;
}

int wire_rows_parse_data_row(const unsigned char *body, size_t length_bytes,
                             struct wire_value *values, size_t expected_count,
                             size_t *value_count, struct error *error)
{
    struct reader reader;
    reader_init(&reader, body, length_bytes);
    int16_t count = 0;
    if (!reader_take_i16(&reader, &count) || count < 0) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a DataRow with a missing or negative column count");
        return -1;
    }
    size_t column_count = (size_t)count;
    if (column_count * WIRE_DATA_ROW_VALUE_MIN_BYTES > reader_remaining(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a DataRow claiming %zu columns in %zu bytes", column_count,
                  reader_remaining(&reader));
        return -1;
    }
    bool is_stored = column_count == expected_count;
    for (size_t i = 0; i < column_count; i++) {
        int32_t length = 0;
        if (!reader_take_i32(&reader, &length)) {
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a DataRow cut short at column %zu", i + 1);
            return -1;
        }
        if (length == -1) {
            if (is_stored) {
                values[i].data = NULL;
                values[i].length_bytes = 0;
                values[i].is_null = true;
            }
            continue;
        }
        if (length < 0) {
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a DataRow whose column %zu has length %d; -1 (NULL) "
                      "is the only negative length allowed",
                      i + 1, (int)length);
            return -1;
        }
        const unsigned char *data = NULL;
        if (!reader_take_bytes(&reader, (size_t)length, &data)) {
            error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a DataRow whose column %zu claims %d bytes but only "
                      "%zu remain",
                      i + 1, (int)length, reader_remaining(&reader));
            return -1;
        }
        if (is_stored) {
            values[i].data = data;
            values[i].length_bytes = (size_t)length;
            values[i].is_null = false;
        }
    }
    if (!reader_expect_end(&reader)) {
        error_set(error, WIRE_SQLSTATE_PROTOCOL_VIOLATION,
                  "the server sent a DataRow with bytes after its last column");
        return -1;
    }
    *value_count = column_count;
    return 0;
}
