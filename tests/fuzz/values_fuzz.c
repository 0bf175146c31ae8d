/* Fuzz target: types_convert_to_c over arbitrary value bytes, for a type
 * OID of types/type_table.h (or one it does not know) and a C type, into
 * a buffer of exactly the size the target is given (so ASan catches any
 * write past it). Input: byte 0 holds flags (bit 0: binary wire format;
 * bits 1-3: the character buffer size; bit 4: a type modifier), byte 1
 * picks the type OID and byte 2 the C type (each modulo its table's
 * size), the rest is the value. Character and binary targets are read in
 * pieces to the end, as SQLGetData does, and once more without a buffer;
 * each read runs twice, with and without a struct types_text_cursor, and
 * the two must agree byte for byte.
 *
 * One OID and one C type per input: converting every value to all 32
 * OIDs times 23 C types (the first version) made an input cost up to
 * 1,500 conversions, most of them piecewise, and held the target to
 * about 200 executions a second; libFuzzer finds the pairs itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "types/convert.h"
#include "types/type_table.h"
#include "util/error.h"

/* Guards piecewise reads: a one-byte buffer takes at most one piece per
 * byte of the converted form, bounded by hex (2x) or UTF-16 (2x) growth. */
#define FUZZ_MAX_PIECES_PER_BYTE 4u
/* And a limit on the pieces read: each piece measures what remains of the
 * value (the indicator tells the application), so reading a 4 KiB value
 * two bytes at a time costs thousands of passes over it; the paths of the
 * first, middle and last pieces are all reached with values this many
 * pieces long. */
#define FUZZ_MAX_PIECES 64u

static const uint32_t fuzz_oids[] = {
    TYPES_OID_BOOL,    TYPES_OID_BYTEA,       TYPES_OID_CHAR,     TYPES_OID_NAME,
    TYPES_OID_INT8,    TYPES_OID_INT2,        TYPES_OID_INT4,     TYPES_OID_TEXT,
    TYPES_OID_OID,     TYPES_OID_JSON,        TYPES_OID_XML,      TYPES_OID_CIDR,
    TYPES_OID_MACADDR8, TYPES_OID_MONEY,      TYPES_OID_MACADDR,  TYPES_OID_INET,
    TYPES_OID_FLOAT4,  TYPES_OID_FLOAT8,      TYPES_OID_BPCHAR,   TYPES_OID_VARCHAR,
    TYPES_OID_DATE,    TYPES_OID_TIME,        TYPES_OID_TIMESTAMP, TYPES_OID_TIMESTAMPTZ,
    TYPES_OID_INTERVAL, TYPES_OID_TIMETZ,     TYPES_OID_BIT,      TYPES_OID_VARBIT,
    TYPES_OID_NUMERIC, TYPES_OID_UUID,        TYPES_OID_JSONB,    600 /* point: unknown */
};

struct fuzz_c_type {
    SQLSMALLINT c_type;
    size_t fixed_size; /* 0: character or binary, sized by the flags */
};

static const struct fuzz_c_type fuzz_c_types[] = {
    {SQL_C_CHAR, 0},
    {SQL_C_WCHAR, 0},
    {SQL_C_BINARY, 0},
    {SQL_C_BIT, sizeof(SQLCHAR)},
    {SQL_C_STINYINT, sizeof(SQLSCHAR)},
    {SQL_C_UTINYINT, sizeof(SQLCHAR)},
    {SQL_C_SSHORT, sizeof(SQLSMALLINT)},
    {SQL_C_USHORT, sizeof(SQLUSMALLINT)},
    {SQL_C_SLONG, sizeof(SQLINTEGER)},
    {SQL_C_ULONG, sizeof(SQLUINTEGER)},
    {SQL_C_SBIGINT, sizeof(SQLBIGINT)},
    {SQL_C_UBIGINT, sizeof(SQLUBIGINT)},
    {SQL_C_FLOAT, sizeof(SQLREAL)},
    {SQL_C_DOUBLE, sizeof(SQLDOUBLE)},
    {SQL_C_NUMERIC, sizeof(SQL_NUMERIC_STRUCT)},
    {SQL_C_TYPE_DATE, sizeof(SQL_DATE_STRUCT)},
    {SQL_C_TYPE_TIME, sizeof(SQL_TIME_STRUCT)},
    {SQL_C_TYPE_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT)},
    {SQL_C_GUID, sizeof(SQLGUID)},
    {SQL_C_INTERVAL_YEAR_TO_MONTH, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_DAY_TO_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_HOUR, sizeof(SQL_INTERVAL_STRUCT)},
    {SQL_C_INTERVAL_SECOND, sizeof(SQL_INTERVAL_STRUCT)},
};

static const size_t fuzz_char_sizes[8] = {0, 1, 2, 3, 5, 8, 17, 64};

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "values_fuzz: invariant broken: %s\n", what);
    abort();
}

/* Reads the value to its end in pieces twice in step: once keeping a
 * struct types_text_cursor from piece to piece (as SQLGetData does), once
 * without. Both must give the same result, the same bytes and the same
 * indicator at every piece (abort otherwise). */
static void convert_all_pieces(const struct types_value *value, const struct fuzz_c_type *c_type,
                               size_t buffer_size, bool with_buffer)
{
    void *buffers[2] = {NULL, NULL};
    if (with_buffer) {
        buffers[0] = malloc(buffer_size > 0 ? buffer_size : 1);
        buffers[1] = malloc(buffer_size > 0 ? buffer_size : 1);
        if (buffers[0] == NULL || buffers[1] == NULL) {
            free(buffers[0]);
            free(buffers[1]);
            return;
        }
        /* The same filling in both, so bytes a piece leaves alone compare equal. */
        memset(buffers[0], 0xA5, buffer_size > 0 ? buffer_size : 1);
        memset(buffers[1], 0xA5, buffer_size > 0 ? buffer_size : 1);
    }
    struct types_target targets[2];
    for (int i = 0; i < 2; ++i) {
        memset(&targets[i], 0, sizeof targets[i]);
        targets[i].c_type = c_type->c_type;
        targets[i].buffer = buffers[i];
        targets[i].buffer_length_bytes = (SQLLEN)buffer_size;
        targets[i].numeric_precision = 10;
        targets[i].numeric_scale = 2;
    }
    struct types_piece_state pieces[2] = {{0, false}, {0, false}};
    struct types_text_cursor cursor;
    memset(&cursor, 0, sizeof cursor);
    size_t max_calls = value->length_bytes * FUZZ_MAX_PIECES_PER_BYTE + 4u;
    if (max_calls > FUZZ_MAX_PIECES) {
        max_calls = FUZZ_MAX_PIECES;
    }
    for (size_t call = 0; call < max_calls && !pieces[0].is_done; ++call) {
        struct types_outcome outcomes[2];
        struct error errors[2];
        error_init(&errors[0]);
        error_init(&errors[1]);
        size_t offset_before = pieces[0].offset;
        int kept = types_convert_to_c_resumable(value, &targets[0], &pieces[0], &cursor,
                                                &outcomes[0], &errors[0]);
        int plain = types_convert_to_c(value, &targets[1], &pieces[1], &outcomes[1], &errors[1]);
        if (kept != plain || pieces[0].offset != pieces[1].offset ||
            pieces[0].is_done != pieces[1].is_done) {
            fuzz_fail("a piece read with the cursor differs from one read without");
        }
        if (kept != 0) {
            break;
        }
        if (outcomes[0].indicator != outcomes[1].indicator ||
            (with_buffer && buffer_size > 0 &&
             memcmp(buffers[0], buffers[1], buffer_size) != 0)) {
            fuzz_fail("a piece read with the cursor differs from one read without");
        }
        /* No progress with a buffer that holds nothing: stop, as an
         * application would after SQL_SUCCESS_WITH_INFO and no data. */
        if (!pieces[0].is_done && pieces[0].offset == offset_before) {
            break;
        }
    }
    free(buffers[0]);
    free(buffers[1]);
}

#define FUZZ_HEADER_BYTES 3u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < FUZZ_HEADER_BYTES) {
        return 0;
    }
    uint8_t flags = data[0];
    uint32_t oid = fuzz_oids[data[1] % (sizeof fuzz_oids / sizeof fuzz_oids[0])];
    const struct fuzz_c_type *c_type =
        &fuzz_c_types[data[2] % (sizeof fuzz_c_types / sizeof fuzz_c_types[0])];
    size_t length = size - FUZZ_HEADER_BYTES;
    unsigned char *bytes = malloc(length > 0 ? length : 1);
    if (bytes == NULL) {
        return 0;
    }
    if (length > 0) {
        memcpy(bytes, data + FUZZ_HEADER_BYTES, length);
    }
    size_t char_size = fuzz_char_sizes[(flags >> 1) & 7u];
    struct types_value value;
    value.type_oid = oid;
    value.type_modifier = (flags & 0x10u) ? 4 + 6 : -1;
    value.is_binary = (flags & 1u) != 0;
    value.data = bytes;
    value.length_bytes = length;
    (void)types_has_binary_decoder(value.type_oid);
    (void)types_default_c_type(value.type_oid, value.type_modifier);
    size_t buffer_size = c_type->fixed_size > 0 ? c_type->fixed_size : char_size;
    convert_all_pieces(&value, c_type, buffer_size, true);
    if (c_type->fixed_size == 0) {
        convert_all_pieces(&value, c_type, 0, false);
    }
    free(bytes);
    return 0;
}
