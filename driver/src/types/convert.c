/* The conversion matrix's entry (see convert.h).
 * Owns: which family each PostgreSQL type OID belongs to (the SQL type the
 * ODBC appendix table is read for), which types have binary decoders, the
 * default C type, and the dispatch to to_c_<family>.c. Families:
 *   bool → "SQL to C: Bit"; int2/int4/int8/oid, float4/float8, numeric,
 *   money → "Numeric"; bytea → "Binary"; date, time, timetz, timestamp,
 *   timestamptz → "Date", "Time", "Timestamp"; interval → "Interval";
 *   uuid → "GUID"; everything else (text, varchar, bpchar, name, char,
 *   json, jsonb, xml, inet, cidr, macaddr, arrays, enums, ranges, ...)
 *   → "Character", in its text form.
 * Binary decoders: bool, int2/4/8, oid, float4/8, numeric, date, time,
 * timestamp, interval, uuid, bytea and the text-like types. timestamptz,
 * timetz and money are decoded when they arrive in binary, but are not
 * requested that way: their binary form is UTC or locale-free cents while
 * their text form follows the session's TimeZone and lc_monetary, and
 * SQLGetData must answer the same whichever format the layer chose. */
#include "types/convert.h"

#include <string.h>
#include "types/to_c_internal.h"
#include "types/type_table.h"

#define OID_MONEY 790u
#define OID_TIMETZ 1266u
#define OID_INTERVAL 1186u

enum family {
    FAMILY_CHARACTER,
    FAMILY_BOOL,
    FAMILY_INTEGER,
    FAMILY_FLOAT,
    FAMILY_NUMERIC,
    FAMILY_MONEY,
    FAMILY_BYTEA,
    FAMILY_DATETIME,
    FAMILY_INTERVAL,
    FAMILY_UUID
};

static enum family family_of(uint32_t type_oid)
{
    switch (type_oid) {
    case TYPES_OID_BOOL:
        return FAMILY_BOOL;
    case TYPES_OID_INT2:
    case TYPES_OID_INT4:
    case TYPES_OID_INT8:
    case TYPES_OID_OID:
        return FAMILY_INTEGER;
    case TYPES_OID_FLOAT4:
    case TYPES_OID_FLOAT8:
        return FAMILY_FLOAT;
    case TYPES_OID_NUMERIC:
        return FAMILY_NUMERIC;
    case OID_MONEY:
        return FAMILY_MONEY;
    case TYPES_OID_BYTEA:
        return FAMILY_BYTEA;
    case TYPES_OID_DATE:
    case TYPES_OID_TIME:
    case OID_TIMETZ:
    case TYPES_OID_TIMESTAMP:
    case TYPES_OID_TIMESTAMPTZ:
        return FAMILY_DATETIME;
    case OID_INTERVAL:
        return FAMILY_INTERVAL;
    case TYPES_OID_UUID:
        return FAMILY_UUID;
    default:
        return FAMILY_CHARACTER;
    }
}

SQLSMALLINT types_default_c_type(uint32_t type_oid, int32_t type_modifier)
{
    struct types_column_description description;
    types_describe_column(type_oid, type_modifier, &description);
    return description.default_c_type;
}

bool types_has_binary_decoder(uint32_t type_oid)
{
    switch (type_oid) {
    case TYPES_OID_BOOL:
    case TYPES_OID_INT2:
    case TYPES_OID_INT4:
    case TYPES_OID_INT8:
    case TYPES_OID_OID:
    case TYPES_OID_FLOAT4:
    case TYPES_OID_FLOAT8:
    case TYPES_OID_NUMERIC:
    case TYPES_OID_DATE:
    case TYPES_OID_TIME:
    case TYPES_OID_TIMESTAMP:
    case OID_INTERVAL:
    case TYPES_OID_UUID:
    case TYPES_OID_BYTEA:
    case TYPES_OID_TEXT:
    case TYPES_OID_VARCHAR:
    case TYPES_OID_BPCHAR:
    case TYPES_OID_NAME:
    case TYPES_OID_CHAR:
    case TYPES_OID_JSON:
    case TYPES_OID_JSONB:
        return true;
    default:
        return false;
    }
}

bool types_is_number_c_type(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_BIT:
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
    case SQL_C_UTINYINT:
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
    case SQL_C_USHORT:
    case SQL_C_LONG:
    case SQL_C_SLONG:
    case SQL_C_ULONG:
    case SQL_C_SBIGINT:
    case SQL_C_UBIGINT:
    case SQL_C_FLOAT:
    case SQL_C_DOUBLE:
    case SQL_C_NUMERIC:
        return true;
    default:
        return false;
    }
}

bool types_is_interval_c_type(SQLSMALLINT c_type, bool *is_single_field)
{
    switch (c_type) {
    case SQL_C_INTERVAL_YEAR:
    case SQL_C_INTERVAL_MONTH:
    case SQL_C_INTERVAL_DAY:
    case SQL_C_INTERVAL_HOUR:
    case SQL_C_INTERVAL_MINUTE:
    case SQL_C_INTERVAL_SECOND:
        *is_single_field = true;
        return true;
    case SQL_C_INTERVAL_YEAR_TO_MONTH:
    case SQL_C_INTERVAL_DAY_TO_HOUR:
    case SQL_C_INTERVAL_DAY_TO_MINUTE:
    case SQL_C_INTERVAL_DAY_TO_SECOND:
    case SQL_C_INTERVAL_HOUR_TO_MINUTE:
    case SQL_C_INTERVAL_HOUR_TO_SECOND:
    case SQL_C_INTERVAL_MINUTE_TO_SECOND:
        *is_single_field = false;
        return true;
    default:
        *is_single_field = false;
        return false;
    }
}

static int dispatch(const struct types_call *call)
{
    switch (family_of(call->value->type_oid)) {
    case FAMILY_BOOL:
        return types_to_c_bool(call);
    case FAMILY_INTEGER:
        return types_to_c_integer(call);
    case FAMILY_FLOAT:
        return types_to_c_float(call);
    case FAMILY_NUMERIC:
        return types_to_c_numeric(call);
    case FAMILY_MONEY:
        return types_to_c_money(call);
    case FAMILY_BYTEA:
        return types_to_c_bytea(call);
    case FAMILY_DATETIME:
        return types_to_c_datetime(call);
    case FAMILY_INTERVAL:
        return types_to_c_interval(call);
    case FAMILY_UUID:
        return types_to_c_uuid(call);
    case FAMILY_CHARACTER:
    default:
        return types_to_c_character(call);
    }
}

/* SQL_C_BINARY of a type whose default C type is a fixed struct (integer,
 * float, bit, date, time, timestamp, GUID): the bytes of that struct, all
 * or 22003 ("Byte length of data > BufferLength"). Types whose default is
 * character data give their text; character and bytea give their bytes. */
static int convert_to_binary_via_default(const struct types_call *call)
{
    SQLSMALLINT default_c_type =
        types_default_c_type(call->value->type_oid, call->value->type_modifier);
    enum family family = family_of(call->value->type_oid);
    if (family == FAMILY_CHARACTER || family == FAMILY_BYTEA || default_c_type == SQL_C_CHAR ||
        default_c_type == SQL_C_WCHAR || default_c_type == SQL_C_BINARY)
        return dispatch(call);
    union {
        SQL_TIMESTAMP_STRUCT timestamp;
        SQLGUID guid;
        SQLBIGINT integer;
        SQLDOUBLE real;
        unsigned char bytes[32];
    } scratch;
    struct types_target inner_target = *call->target;
    inner_target.c_type = default_c_type;
    inner_target.buffer = &scratch;
    inner_target.buffer_length_bytes = (SQLLEN)sizeof scratch;
    struct types_piece_state inner_piece = {0, false};
    struct types_outcome inner_out = {0, false, false};
    struct types_call inner = {call->value, &inner_target, &inner_piece, &inner_out, call->error,
                               NULL};
    if (dispatch(&inner) != 0)
        return -1;
    call->out->is_fraction_truncated = inner_out.is_fraction_truncated;
    return types_put_text(call, scratch.bytes, (size_t)inner_out.indicator, 0, true);
}

/* The body of both entry points, inlined into each: SQLGetData converts
 * through types_convert_to_c once per value. */
static inline int convert_to_c(const struct types_value *value, const struct types_target *target,
                               struct types_piece_state *piece,
                               struct types_text_cursor *cursor, struct types_outcome *out,
                               struct error *error)
{
    out->indicator = 0;
    out->is_truncated = false;
    out->is_fraction_truncated = false;
    if (piece->is_done)
        return 0;
    struct types_target resolved;
    if (target->c_type == SQL_C_DEFAULT) {
        resolved = *target;
        resolved.c_type = types_default_c_type(value->type_oid, value->type_modifier);
        target = &resolved;
    }
    struct types_call call = {value, target, piece, out, error, cursor};
    if (target->c_type == SQL_C_BINARY)
        return convert_to_binary_via_default(&call);
    return dispatch(&call);
}

int types_convert_to_c(const struct types_value *value, const struct types_target *target,
                       struct types_piece_state *piece, struct types_outcome *out,
                       struct error *error)
{
    return convert_to_c(value, target, piece, NULL, out, error);
}

int types_convert_to_c_resumable(const struct types_value *value,
                                 const struct types_target *target,
                                 struct types_piece_state *piece,
                                 struct types_text_cursor *cursor, struct types_outcome *out,
                                 struct error *error)
{
    return convert_to_c(value, target, piece, cursor, out, error);
}
