/* The OID → SQL type table (see type_table.h for the choices it makes).
 * Owns: one row per known PostgreSQL type and the rules that derive sizes
 * from a type modifier. Sizes follow the ODBC appendix "Column Size,
 * Decimal Digits, Transfer Octet Length, and Display Size". */
#include "types/type_table.h"

#include <stddef.h>

/* How a row's size depends on the type modifier. */
enum size_rule {
    SIZE_FIXED,          /* the row's numbers are the answer */
    SIZE_CHAR_TYPMOD,    /* characters = typmod - 4; unbounded when -1 */
    SIZE_NUMERIC_TYPMOD, /* precision and scale packed in typmod - 4 */
    SIZE_TIME_TYPMOD,    /* fractional-second digits = typmod; 6 when -1 */
    SIZE_TIMETZ_TYPMOD,  /* as time, display adds the "+hh:mm:ss" offset */
    SIZE_BIT_TYPMOD,     /* bits = typmod (no header offset); unbounded when -1 */
    SIZE_TIMESTAMP_TYPMOD
};

struct type_row {
    uint32_t oid;
    const char *type_name;
    SQLSMALLINT concise_type;
    enum size_rule size_rule;
    SQLULEN column_size;
    SQLSMALLINT decimal_digits;
    SQLLEN display_size;
    SQLLEN octet_length;
    SQLSMALLINT default_c_type;
    bool is_unsigned;
};

#define UNBOUNDED TYPES_UNBOUNDED_TEXT_SIZE
#define UNBOUNDED_OCTETS ((SQLLEN)TYPES_UNBOUNDED_TEXT_SIZE * TYPES_MAX_UTF8_BYTES_PER_CHAR)

static const struct type_row type_rows[] = {
    {TYPES_OID_BOOL, "bool", SQL_BIT, SIZE_FIXED, 1, 0, 1, 1, SQL_C_BIT, true},
    {TYPES_OID_INT2, "int2", SQL_SMALLINT, SIZE_FIXED, 5, 0, 6, 2, SQL_C_SSHORT, false},
    {TYPES_OID_INT4, "int4", SQL_INTEGER, SIZE_FIXED, 10, 0, 11, 4, SQL_C_SLONG, false},
    {TYPES_OID_INT8, "int8", SQL_BIGINT, SIZE_FIXED, 19, 0, 20, 8, SQL_C_SBIGINT, false},
    {TYPES_OID_OID, "oid", SQL_INTEGER, SIZE_FIXED, 10, 0, 10, 4, SQL_C_ULONG, true},
    {TYPES_OID_FLOAT4, "float4", SQL_REAL, SIZE_FIXED, 7, 0, 14, 4, SQL_C_FLOAT, false},
    {TYPES_OID_FLOAT8, "float8", SQL_DOUBLE, SIZE_FIXED, 15, 0, 24, 8, SQL_C_DOUBLE, false},
    {TYPES_OID_NUMERIC, "numeric", SQL_NUMERIC, SIZE_NUMERIC_TYPMOD, 0, 0, 0, 0, SQL_C_CHAR,
     false},
    {TYPES_OID_CHAR, "char", SQL_CHAR, SIZE_FIXED, 1, 0, 1, TYPES_MAX_UTF8_BYTES_PER_CHAR,
     SQL_C_CHAR, true},
    {TYPES_OID_BPCHAR, "bpchar", SQL_CHAR, SIZE_CHAR_TYPMOD, 0, 0, 0, 0, SQL_C_CHAR, true},
    {TYPES_OID_VARCHAR, "varchar", SQL_VARCHAR, SIZE_CHAR_TYPMOD, 0, 0, 0, 0, SQL_C_CHAR, true},
    {TYPES_OID_TEXT, "text", SQL_LONGVARCHAR, SIZE_FIXED, UNBOUNDED, 0, UNBOUNDED,
     UNBOUNDED_OCTETS, SQL_C_CHAR, true},
    {TYPES_OID_NAME, "name", SQL_VARCHAR, SIZE_FIXED, 63, 0, 63, 64, SQL_C_CHAR, true},
    {TYPES_OID_BYTEA, "bytea", SQL_LONGVARBINARY, SIZE_FIXED, UNBOUNDED, 0, 2 * (SQLLEN)UNBOUNDED,
     UNBOUNDED, SQL_C_BINARY, true},
    {TYPES_OID_DATE, "date", SQL_TYPE_DATE, SIZE_FIXED, 10, 0, 10, 6, SQL_C_TYPE_DATE, true},
    {TYPES_OID_TIME, "time", SQL_TYPE_TIME, SIZE_TIME_TYPMOD, 0, 0, 0, 6, SQL_C_TYPE_TIME, true},
    {TYPES_OID_TIMESTAMP, "timestamp", SQL_TYPE_TIMESTAMP, SIZE_TIMESTAMP_TYPMOD, 0, 0, 0, 16,
     SQL_C_TYPE_TIMESTAMP, true},
    {TYPES_OID_TIMESTAMPTZ, "timestamptz", SQL_TYPE_TIMESTAMP, SIZE_TIMESTAMP_TYPMOD, 0, 0, 0, 16,
     SQL_C_TYPE_TIMESTAMP, true},
    {TYPES_OID_UUID, "uuid", SQL_GUID, SIZE_FIXED, 36, 0, 36, 16, SQL_C_GUID, true},
    {TYPES_OID_JSON, "json", SQL_LONGVARCHAR, SIZE_FIXED, UNBOUNDED, 0, UNBOUNDED,
     UNBOUNDED_OCTETS, SQL_C_CHAR, true},
    {TYPES_OID_JSONB, "jsonb", SQL_LONGVARCHAR, SIZE_FIXED, UNBOUNDED, 0, UNBOUNDED,
     UNBOUNDED_OCTETS, SQL_C_CHAR, true},
    {TYPES_OID_XML, "xml", SQL_LONGVARCHAR, SIZE_FIXED, UNBOUNDED, 0, UNBOUNDED,
     UNBOUNDED_OCTETS, SQL_C_CHAR, true},
    {TYPES_OID_MONEY, "money", SQL_DECIMAL, SIZE_FIXED, 19, 2, 21, 21, SQL_C_CHAR, false},
    {TYPES_OID_INTERVAL, "interval", SQL_VARCHAR, SIZE_FIXED, TYPES_INTERVAL_TEXT_SIZE, 0,
     TYPES_INTERVAL_TEXT_SIZE, TYPES_INTERVAL_TEXT_SIZE, SQL_C_CHAR, true},
    {TYPES_OID_TIMETZ, "timetz", SQL_TYPE_TIME, SIZE_TIMETZ_TYPMOD, 0, 0, 0, 6, SQL_C_TYPE_TIME,
     true},
    {TYPES_OID_INET, "inet", SQL_VARCHAR, SIZE_FIXED, 49, 0, 49, 49, SQL_C_CHAR, true},
    {TYPES_OID_CIDR, "cidr", SQL_VARCHAR, SIZE_FIXED, 49, 0, 49, 49, SQL_C_CHAR, true},
    {TYPES_OID_MACADDR, "macaddr", SQL_VARCHAR, SIZE_FIXED, 17, 0, 17, 17, SQL_C_CHAR, true},
    {TYPES_OID_MACADDR8, "macaddr8", SQL_VARCHAR, SIZE_FIXED, 23, 0, 23, 23, SQL_C_CHAR, true},
    {TYPES_OID_BIT, "bit", SQL_CHAR, SIZE_BIT_TYPMOD, 0, 0, 0, 0, SQL_C_CHAR, true},
    {TYPES_OID_VARBIT, "varbit", SQL_VARCHAR, SIZE_BIT_TYPMOD, 0, 0, 0, 0, SQL_C_CHAR, true},
};

static const struct type_row unknown_row = {0, "unknown", SQL_VARCHAR, SIZE_FIXED, UNBOUNDED, 0,
                                            UNBOUNDED, UNBOUNDED_OCTETS, SQL_C_CHAR, true};

static const struct type_row *find_type_row(uint32_t type_oid)
{
    for (size_t i = 0; i < sizeof type_rows / sizeof type_rows[0]; i++) {
        if (type_rows[i].oid == type_oid)
            return &type_rows[i];
    }
    return NULL;
}

bool types_is_known_oid(uint32_t type_oid)
{
    return find_type_row(type_oid) != NULL;
}

static void apply_char_typmod(int32_t type_modifier, struct types_column_description *out)
{
    /* PostgreSQL stores varchar(n)/char(n) as n + 4 (VARHDRSZ). */
    SQLULEN characters = UNBOUNDED;
    if (type_modifier >= 4 + 1)
        characters = (SQLULEN)(type_modifier - 4);
    out->column_size = characters;
    out->display_size = (SQLLEN)characters;
    out->octet_length = (SQLLEN)characters * TYPES_MAX_UTF8_BYTES_PER_CHAR;
}

static void apply_numeric_typmod(int32_t type_modifier, struct types_column_description *out)
{
    /* numeric(p, s) is stored as ((p << 16) | s) + 4. */
    SQLULEN precision = TYPES_NUMERIC_DEFAULT_PRECISION;
    SQLSMALLINT scale = TYPES_NUMERIC_DEFAULT_SCALE;
    if (type_modifier >= 4) {
        uint32_t packed = (uint32_t)(type_modifier - 4);
        precision = (packed >> 16) & 0xffffu;
        scale = (SQLSMALLINT)(packed & 0x7ffu);
    }
    out->column_size = precision;
    out->decimal_digits = scale;
    /* sign and decimal point */
    out->display_size = (SQLLEN)precision + 2;
    out->octet_length = (SQLLEN)precision + 2;
}

static SQLSMALLINT fraction_digits(int32_t type_modifier)
{
    if (type_modifier >= 0 && type_modifier <= 6)
        return (SQLSMALLINT)type_modifier;
    return 6;
}

void types_describe_column(uint32_t type_oid, int32_t type_modifier,
                           struct types_column_description *out)
{
    const struct type_row *row = find_type_row(type_oid);
    if (row == NULL)
        row = &unknown_row;

    out->concise_type = row->concise_type;
    out->verbose_type = row->concise_type;
    out->datetime_subcode = 0;
    out->column_size = row->column_size;
    out->decimal_digits = row->decimal_digits;
    out->display_size = row->display_size;
    out->octet_length = row->octet_length;
    out->default_c_type = row->default_c_type;
    out->is_unsigned = row->is_unsigned;
    out->type_name = row->type_name;

    switch (row->size_rule) {
    case SIZE_FIXED:
        break;
    case SIZE_CHAR_TYPMOD:
        apply_char_typmod(type_modifier, out);
        break;
    case SIZE_NUMERIC_TYPMOD:
        apply_numeric_typmod(type_modifier, out);
        break;
    case SIZE_TIME_TYPMOD: {
        /* hh:mm:ss plus "." and the fraction when there is one */
        SQLSMALLINT digits = fraction_digits(type_modifier);
        out->decimal_digits = digits;
        out->column_size = (SQLULEN)(8 + (digits > 0 ? digits + 1 : 0));
        out->display_size = (SQLLEN)out->column_size;
        break;
    }
    case SIZE_TIMETZ_TYPMOD: {
        SQLSMALLINT digits = fraction_digits(type_modifier);
        out->decimal_digits = digits;
        out->column_size = (SQLULEN)(8 + (digits > 0 ? digits + 1 : 0));
        out->display_size = (SQLLEN)out->column_size + 9;
        break;
    }
    case SIZE_BIT_TYPMOD: {
        /* bit(n)/varbit(n) store n itself; each bit is one ASCII character */
        SQLULEN bits = type_modifier > 0 ? (SQLULEN)type_modifier : UNBOUNDED;
        out->column_size = bits;
        out->display_size = (SQLLEN)bits;
        out->octet_length = (SQLLEN)bits;
        break;
    }
    case SIZE_TIMESTAMP_TYPMOD: {
        SQLSMALLINT digits = fraction_digits(type_modifier);
        out->decimal_digits = digits;
        out->column_size = (SQLULEN)(19 + (digits > 0 ? digits + 1 : 0));
        out->display_size = (SQLLEN)out->column_size;
        break;
    }
    }

    switch (out->concise_type) {
    case SQL_TYPE_DATE:
        out->verbose_type = SQL_DATETIME;
        out->datetime_subcode = SQL_CODE_DATE;
        break;
    case SQL_TYPE_TIME:
        out->verbose_type = SQL_DATETIME;
        out->datetime_subcode = SQL_CODE_TIME;
        break;
    case SQL_TYPE_TIMESTAMP:
        out->verbose_type = SQL_DATETIME;
        out->datetime_subcode = SQL_CODE_TIMESTAMP;
        break;
    default:
        break;
    }

    bool is_number = false;
    switch (out->concise_type) {
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_BIGINT:
    case SQL_REAL:
    case SQL_DOUBLE:
    case SQL_NUMERIC:
    case SQL_DECIMAL:
        is_number = true;
        break;
    default:
        break;
    }
    out->num_prec_radix = is_number ? 10 : 0;
    out->is_character = out->concise_type == SQL_CHAR || out->concise_type == SQL_VARCHAR ||
                        out->concise_type == SQL_LONGVARCHAR;
    out->is_binary = out->concise_type == SQL_LONGVARBINARY;
    out->is_case_sensitive = out->is_character;
    out->searchable = out->is_character ? SQL_PRED_SEARCHABLE : SQL_PRED_BASIC;
    out->is_fixed_precision_scale = row->oid == TYPES_OID_MONEY;
}

void types_apply_character_policy(struct types_column_description *description,
                                  enum types_character_policy policy)
{
    if (policy != TYPES_CHARACTER_WIDE || !description->is_character)
        return;
    switch (description->concise_type) {
    case SQL_CHAR:
        description->concise_type = SQL_WCHAR;
        break;
    case SQL_VARCHAR:
        description->concise_type = SQL_WVARCHAR;
        break;
    case SQL_LONGVARCHAR:
        description->concise_type = SQL_WLONGVARCHAR;
        break;
    default:
        return;
    }
    description->verbose_type = description->concise_type;
    if (description->default_c_type == SQL_C_CHAR)
        description->default_c_type = SQL_C_WCHAR;
}
