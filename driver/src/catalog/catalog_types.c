/* The ODBC type columns of catalog results (see catalog_types.h).
 * Owns: the mirror of types/type_table.c's rows, the per-rule SQL
 * expressions, and SQLGetTypeInfo's VALUES list. Every number and name
 * written into the SQL comes from the tables in this file; literals are
 * written as E'' strings so that standard_conforming_strings cannot change
 * their meaning. */
#include "catalog/catalog_types.h"

#include <stdio.h>
#include <string.h>

#define UNBOUNDED CATALOG_UNBOUNDED_TEXT_SIZE
#define UNBOUNDED_OCTETS (CATALOG_UNBOUNDED_TEXT_SIZE * CATALOG_MAX_UTF8_BYTES_PER_CHAR)
#define SERVER_MAX_CHARACTERS 10485760
#define SERVER_MAX_BYTES 1073741823
#define SERVER_MAX_BITS 83886080
#define SERVER_MAX_NUMERIC_PRECISION 1000

/* Row helpers: most rows are fixed-size, without scale or type-info extras. */
#define FIXED(oid_, name_, type_, size_, digits_, octets_) \
    .oid = (oid_), .type_name = (name_), .concise_type = (type_), \
    .size_rule = CATALOG_SIZE_FIXED, .column_size = (size_), .decimal_digits = (digits_), \
    .octet_length = (octets_)
#define QUOTED .literal_prefix = "'", .literal_suffix = "'"
#define NO_SCALE .minimum_scale = -1, .maximum_scale = -1
#define SCALE(min_, max_) .minimum_scale = (min_), .maximum_scale = (max_)

const struct catalog_type_row catalog_type_rows[] = {
    {FIXED(16, "bool", SQL_BIT, 1, 0, 1), NO_SCALE, .type_info_rank = 1},
    {FIXED(21, "int2", SQL_SMALLINT, 5, 0, 2), SCALE(0, 0), .type_info_rank = 1},
    {FIXED(23, "int4", SQL_INTEGER, 10, 0, 4), SCALE(0, 0), .type_info_rank = 1},
    {FIXED(20, "int8", SQL_BIGINT, 19, 0, 8), SCALE(0, 0), .type_info_rank = 1},
    {FIXED(26, "oid", SQL_INTEGER, 10, 0, 4), SCALE(0, 0), .is_unsigned = true,
     .type_info_rank = 2},
    {FIXED(700, "float4", SQL_REAL, 7, 0, 4), NO_SCALE, .type_info_rank = 1},
    {FIXED(701, "float8", SQL_DOUBLE, 15, 0, 8), NO_SCALE, .type_info_rank = 1},
    {.oid = 1700, .type_name = "numeric", .concise_type = SQL_NUMERIC,
     .size_rule = CATALOG_SIZE_NUMERIC_TYPMOD, .max_column_size = SERVER_MAX_NUMERIC_PRECISION,
     .create_params = "precision,scale", SCALE(0, SERVER_MAX_NUMERIC_PRECISION),
     .type_info_rank = 1},
    {FIXED(18, "char", SQL_CHAR, 1, 0, CATALOG_MAX_UTF8_BYTES_PER_CHAR), QUOTED, NO_SCALE,
     .type_info_rank = 2},
    {.oid = 1042, .type_name = "bpchar", .concise_type = SQL_CHAR,
     .size_rule = CATALOG_SIZE_CHAR_TYPMOD, .octet_length = CATALOG_MAX_UTF8_BYTES_PER_CHAR,
     .max_column_size = SERVER_MAX_CHARACTERS, QUOTED, .create_params = "length", NO_SCALE,
     .type_info_rank = 1},
    {.oid = 1043, .type_name = "varchar", .concise_type = SQL_VARCHAR,
     .size_rule = CATALOG_SIZE_CHAR_TYPMOD, .octet_length = CATALOG_MAX_UTF8_BYTES_PER_CHAR,
     .max_column_size = SERVER_MAX_CHARACTERS, QUOTED, .create_params = "max length", NO_SCALE,
     .type_info_rank = 1},
    {FIXED(25, "text", SQL_LONGVARCHAR, UNBOUNDED, 0, UNBOUNDED_OCTETS),
     .max_column_size = SERVER_MAX_BYTES, QUOTED, NO_SCALE, .type_info_rank = 1},
    {FIXED(19, "name", SQL_VARCHAR, 63, 0, 64), QUOTED, NO_SCALE, .type_info_rank = 2},
    {FIXED(17, "bytea", SQL_LONGVARBINARY, UNBOUNDED, 0, UNBOUNDED),
     .max_column_size = SERVER_MAX_BYTES, .literal_prefix = "'\\x", .literal_suffix = "'",
     NO_SCALE, .type_info_rank = 1},
    {FIXED(1082, "date", SQL_TYPE_DATE, 10, 0, 6), QUOTED, NO_SCALE, .type_info_rank = 1},
    {.oid = 1083, .type_name = "time", .concise_type = SQL_TYPE_TIME,
     .size_rule = CATALOG_SIZE_TIME_TYPMOD, .octet_length = 6, .max_column_size = 15, QUOTED,
     .create_params = "precision", SCALE(0, 6), .type_info_rank = 1},
    {.oid = 1114, .type_name = "timestamp", .concise_type = SQL_TYPE_TIMESTAMP,
     .size_rule = CATALOG_SIZE_TIMESTAMP_TYPMOD, .octet_length = 16, .max_column_size = 26,
     QUOTED, .create_params = "precision", SCALE(0, 6), .type_info_rank = 1},
    {.oid = 1184, .type_name = "timestamptz", .concise_type = SQL_TYPE_TIMESTAMP,
     .size_rule = CATALOG_SIZE_TIMESTAMP_TYPMOD, .octet_length = 16, .max_column_size = 26,
     QUOTED, .create_params = "precision", SCALE(0, 6), .type_info_rank = 2},
    {FIXED(2950, "uuid", SQL_GUID, 36, 0, 16), QUOTED, NO_SCALE, .type_info_rank = 1},
    {FIXED(114, "json", SQL_LONGVARCHAR, UNBOUNDED, 0, UNBOUNDED_OCTETS),
     .max_column_size = SERVER_MAX_BYTES, QUOTED, NO_SCALE, .type_info_rank = 2},
    {FIXED(3802, "jsonb", SQL_LONGVARCHAR, UNBOUNDED, 0, UNBOUNDED_OCTETS),
     .max_column_size = SERVER_MAX_BYTES, QUOTED, NO_SCALE, .type_info_rank = 3},
    {FIXED(142, "xml", SQL_LONGVARCHAR, UNBOUNDED, 0, UNBOUNDED_OCTETS),
     .max_column_size = SERVER_MAX_BYTES, QUOTED, NO_SCALE, .type_info_rank = 4},
    {FIXED(790, "money", SQL_DECIMAL, 19, 2, 21), SCALE(2, 2),
     .is_fixed_precision_scale = true, .type_info_rank = 1},
    {FIXED(1186, "interval", SQL_VARCHAR, 128, 0, 128), QUOTED, NO_SCALE, .type_info_rank = 3},
    {.oid = 1266, .type_name = "timetz", .concise_type = SQL_TYPE_TIME,
     .size_rule = CATALOG_SIZE_TIMETZ_TYPMOD, .octet_length = 6, .max_column_size = 15, QUOTED,
     .create_params = "precision", SCALE(0, 6), .type_info_rank = 2},
    {FIXED(869, "inet", SQL_VARCHAR, 49, 0, 49), QUOTED, NO_SCALE, .type_info_rank = 4},
    {FIXED(650, "cidr", SQL_VARCHAR, 49, 0, 49), QUOTED, NO_SCALE, .type_info_rank = 5},
    {FIXED(829, "macaddr", SQL_VARCHAR, 17, 0, 17), QUOTED, NO_SCALE, .type_info_rank = 6},
    {FIXED(774, "macaddr8", SQL_VARCHAR, 23, 0, 23), QUOTED, NO_SCALE, .type_info_rank = 7},
    {.oid = 1560, .type_name = "bit", .concise_type = SQL_CHAR,
     .size_rule = CATALOG_SIZE_BIT_TYPMOD, .max_column_size = SERVER_MAX_BITS,
     .literal_prefix = "B'", .literal_suffix = "'", .create_params = "length", NO_SCALE,
     .type_info_rank = 3},
    {.oid = 1562, .type_name = "varbit", .concise_type = SQL_VARCHAR,
     .size_rule = CATALOG_SIZE_BIT_TYPMOD, .max_column_size = SERVER_MAX_BITS,
     .literal_prefix = "B'", .literal_suffix = "'", .create_params = "max length", NO_SCALE,
     .type_info_rank = 8},
};
const size_t catalog_type_row_count = sizeof catalog_type_rows / sizeof catalog_type_rows[0];

const struct catalog_type_row catalog_unknown_type_row = {
    FIXED(0, "unknown", SQL_VARCHAR, UNBOUNDED, 0, UNBOUNDED_OCTETS), NO_SCALE};

/* ---- classification, as type_table.c derives it ---- */

static bool is_number(SQLSMALLINT type)
{
    return type == SQL_SMALLINT || type == SQL_INTEGER || type == SQL_BIGINT || type == SQL_REAL ||
           type == SQL_DOUBLE || type == SQL_NUMERIC || type == SQL_DECIMAL;
}

static bool is_character(SQLSMALLINT type)
{
    return type == SQL_CHAR || type == SQL_VARCHAR || type == SQL_LONGVARCHAR;
}

static SQLSMALLINT wide_twin(SQLSMALLINT type)
{
    switch (type) {
    case SQL_CHAR:
        return SQL_WCHAR;
    case SQL_VARCHAR:
        return SQL_WVARCHAR;
    case SQL_LONGVARCHAR:
        return SQL_WLONGVARCHAR;
    default:
        return type;
    }
}

static int datetime_subcode(SQLSMALLINT type)
{
    switch (type) {
    case SQL_TYPE_DATE:
        return SQL_CODE_DATE;
    case SQL_TYPE_TIME:
        return SQL_CODE_TIME;
    case SQL_TYPE_TIMESTAMP:
        return SQL_CODE_TIMESTAMP;
    default:
        return 0;
    }
}

/* ---- expressions ---- */

#define EXPRESSION_MAX 320

/* Writes text made by snprintf; false when it did not fit. */
static bool fits(int length, size_t capacity)
{
    return length >= 0 && (size_t)length < capacity;
}

static bool size_expression(const struct catalog_type_row *row, const char *m, char *out,
                            size_t capacity)
{
    int n;
    switch (row->size_rule) {
    case CATALOG_SIZE_CHAR_TYPMOD:
        n = snprintf(out, capacity, "CASE WHEN %s >= 5 THEN %s - 4 ELSE %d END", m, m,
                     UNBOUNDED);
        break;
    case CATALOG_SIZE_NUMERIC_TYPMOD:
        n = snprintf(out, capacity, "CASE WHEN %s >= 4 THEN ((%s - 4) >> 16) & 65535 ELSE %d END",
                     m, m, CATALOG_NUMERIC_DEFAULT_PRECISION);
        break;
    case CATALOG_SIZE_TIME_TYPMOD:
    case CATALOG_SIZE_TIMETZ_TYPMOD:
        n = snprintf(out, capacity,
                     "CASE WHEN %s BETWEEN 1 AND 6 THEN 9 + %s WHEN %s = 0 THEN 8 ELSE %d END", m,
                     m, m, 9 + CATALOG_FRACTION_DEFAULT_DIGITS);
        break;
    case CATALOG_SIZE_TIMESTAMP_TYPMOD:
        n = snprintf(out, capacity,
                     "CASE WHEN %s BETWEEN 1 AND 6 THEN 20 + %s WHEN %s = 0 THEN 19 ELSE %d END",
                     m, m, m, 20 + CATALOG_FRACTION_DEFAULT_DIGITS);
        break;
    case CATALOG_SIZE_BIT_TYPMOD:
        n = snprintf(out, capacity, "CASE WHEN %s > 0 THEN %s ELSE %d END", m, m, UNBOUNDED);
        break;
    case CATALOG_SIZE_FIXED:
    default:
        n = snprintf(out, capacity, "%ld", (long)row->column_size);
        break;
    }
    return fits(n, capacity);
}

static bool octet_expression(const struct catalog_type_row *row, const char *m, char *out,
                             size_t capacity)
{
    int n;
    switch (row->size_rule) {
    case CATALOG_SIZE_CHAR_TYPMOD:
        n = snprintf(out, capacity, "CASE WHEN %s >= 5 THEN (%s - 4) * %d ELSE %d END", m, m,
                     (int)row->octet_length, UNBOUNDED * (int)row->octet_length);
        break;
    case CATALOG_SIZE_NUMERIC_TYPMOD:
        n = snprintf(out, capacity,
                     "CASE WHEN %s >= 4 THEN (((%s - 4) >> 16) & 65535) + 2 ELSE %d END", m, m,
                     CATALOG_NUMERIC_DEFAULT_PRECISION + 2);
        break;
    case CATALOG_SIZE_BIT_TYPMOD:
        return size_expression(row, m, out, capacity);
    default:
        n = snprintf(out, capacity, "%ld", (long)row->octet_length);
        break;
    }
    return fits(n, capacity);
}

static bool digits_expression(const struct catalog_type_row *row, const char *m, char *out,
                              size_t capacity)
{
    int n;
    switch (row->size_rule) {
    case CATALOG_SIZE_NUMERIC_TYPMOD:
        n = snprintf(out, capacity, "CASE WHEN %s >= 4 THEN (%s - 4) & 2047 ELSE %d END", m, m,
                     CATALOG_NUMERIC_DEFAULT_SCALE);
        break;
    case CATALOG_SIZE_TIME_TYPMOD:
    case CATALOG_SIZE_TIMETZ_TYPMOD:
    case CATALOG_SIZE_TIMESTAMP_TYPMOD:
        n = snprintf(out, capacity, "CASE WHEN %s BETWEEN 0 AND 6 THEN %s ELSE %d END", m, m,
                     CATALOG_FRACTION_DEFAULT_DIGITS);
        break;
    default:
        /* exact numbers have a scale; the rest have no decimal digits */
        if (is_number(row->concise_type) && row->concise_type != SQL_REAL &&
            row->concise_type != SQL_DOUBLE)
            n = snprintf(out, capacity, "%d", (int)row->decimal_digits);
        else
            n = snprintf(out, capacity, "NULL");
        break;
    }
    return fits(n, capacity);
}

static bool field_expression(const struct catalog_type_row *row, enum catalog_type_field field,
                             const char *m, bool has_wide_characters, char *out, size_t capacity)
{
    SQLSMALLINT type = row->concise_type;
    SQLSMALLINT reported = has_wide_characters ? wide_twin(type) : type;
    int subcode = datetime_subcode(type);
    int n;
    switch (field) {
    case CATALOG_TYPE_DATA_TYPE:
        n = snprintf(out, capacity, "%d", (int)reported);
        return fits(n, capacity);
    case CATALOG_TYPE_COLUMN_SIZE:
        return size_expression(row, m, out, capacity);
    case CATALOG_TYPE_BUFFER_LENGTH:
        return octet_expression(row, m, out, capacity);
    case CATALOG_TYPE_DECIMAL_DIGITS:
        return digits_expression(row, m, out, capacity);
    case CATALOG_TYPE_NUM_PREC_RADIX:
        n = snprintf(out, capacity, "%s", is_number(type) ? "10" : "NULL");
        return fits(n, capacity);
    case CATALOG_TYPE_SQL_DATA_TYPE:
        n = snprintf(out, capacity, "%d", subcode != 0 ? SQL_DATETIME : (int)reported);
        return fits(n, capacity);
    case CATALOG_TYPE_DATETIME_SUB:
        if (subcode != 0)
            n = snprintf(out, capacity, "%d", subcode);
        else
            n = snprintf(out, capacity, "NULL");
        return fits(n, capacity);
    case CATALOG_TYPE_CHAR_OCTET_LENGTH:
        if (is_character(type) || type == SQL_LONGVARBINARY)
            return octet_expression(row, m, out, capacity);
        n = snprintf(out, capacity, "NULL");
        return fits(n, capacity);
    }
    return false;
}

static int append_text(struct buf *sql, const char *text)
{
    return buf_append(sql, text, strlen(text));
}

/* CASE WHEN oid IN (rows sharing one expression) THEN it ... ELSE the
 * unknown row's expression END; rows that agree with the unknown row are
 * left to the ELSE. */
int catalog_append_type_expression(struct buf *sql, enum catalog_type_field field,
                                   const char *oid, const char *typmod, bool has_wide_characters)
{
    char fallback[EXPRESSION_MAX];
    if (!field_expression(&catalog_unknown_type_row, field, typmod, has_wide_characters, fallback,
                          sizeof fallback))
        return -1;
    bool is_done[sizeof catalog_type_rows / sizeof catalog_type_rows[0]] = {false};
    if (append_text(sql, "(CASE") != 0)
        return -1;
    for (size_t i = 0; i < catalog_type_row_count; i++) {
        char expression[EXPRESSION_MAX];
        if (is_done[i])
            continue;
        if (!field_expression(&catalog_type_rows[i], field, typmod, has_wide_characters,
                              expression, sizeof expression))
            return -1;
        if (strcmp(expression, fallback) == 0)
            continue;
        if (append_text(sql, " WHEN ") != 0 || append_text(sql, oid) != 0 ||
            append_text(sql, " IN (") != 0)
            return -1;
        bool is_first = true;
        for (size_t j = i; j < catalog_type_row_count; j++) {
            char other[EXPRESSION_MAX];
            if (is_done[j] ||
                !field_expression(&catalog_type_rows[j], field, typmod, has_wide_characters, other,
                                  sizeof other) ||
                strcmp(other, expression) != 0)
                continue;
            char number[16];
            int n = snprintf(number, sizeof number, "%s%lu", is_first ? "" : ",",
                             (unsigned long)catalog_type_rows[j].oid);
            if (!fits(n, sizeof number) || buf_append(sql, number, (size_t)n) != 0)
                return -1;
            is_done[j] = true;
            is_first = false;
        }
        if (append_text(sql, ") THEN ") != 0 || append_text(sql, expression) != 0)
            return -1;
    }
    if (append_text(sql, " ELSE ") != 0 || append_text(sql, fallback) != 0 ||
        append_text(sql, " END)") != 0)
        return -1;
    return 0;
}

/* ---- SQLGetTypeInfo ---- */

/* An E'' literal: quotes and backslashes doubled; NULL for no text. */
static int append_literal(struct buf *sql, const char *text)
{
    if (text == NULL)
        return append_text(sql, "NULL");
    if (append_text(sql, "E'") != 0)
        return -1;
    for (const char *c = text; *c != '\0'; c++) {
        if ((*c == '\'' || *c == '\\') && buf_append(sql, c, 1) != 0)
            return -1;
        if (buf_append(sql, c, 1) != 0)
            return -1;
    }
    return append_text(sql, "'");
}

static int append_number(struct buf *sql, long value, bool is_null)
{
    if (is_null)
        return append_text(sql, "NULL");
    char number[24];
    int n = snprintf(number, sizeof number, "%ld", value);
    if (!fits(n, sizeof number))
        return -1;
    return buf_append(sql, number, (size_t)n);
}

/* One VALUES row; type is the row's SQL type or its wide twin. */
static int append_type_info_row(struct buf *sql, const struct catalog_type_row *row,
                                SQLSMALLINT type)
{
    int subcode = datetime_subcode(type);
    bool number = is_number(type);
    bool character = is_character(row->concise_type);
    int status = 0;
    status |= append_text(sql, "(");
    status |= append_literal(sql, row->type_name);
    status |= append_text(sql, ",");
    status |= append_number(sql, type, false);
    status |= append_text(sql, ",");
    status |= append_number(
        sql, row->max_column_size != 0 ? row->max_column_size : row->column_size, false);
    status |= append_text(sql, ",");
    status |= append_literal(sql, row->literal_prefix);
    status |= append_text(sql, ",");
    status |= append_literal(sql, row->literal_suffix);
    status |= append_text(sql, ",");
    status |= append_literal(sql, row->create_params);
    status |= append_text(sql, ",");
    status |= append_number(sql, character ? SQL_TRUE : SQL_FALSE, false);
    status |= append_text(sql, ",");
    status |= append_number(sql, character ? SQL_PRED_SEARCHABLE : SQL_PRED_BASIC, false);
    status |= append_text(sql, ",");
    status |= append_number(sql, row->is_unsigned ? SQL_TRUE : SQL_FALSE, !number);
    status |= append_text(sql, ",");
    status |= append_number(sql, row->is_fixed_precision_scale ? SQL_TRUE : SQL_FALSE, false);
    status |= append_text(sql, ",");
    status |= append_number(sql, SQL_FALSE, !number);
    status |= append_text(sql, ",");
    status |= append_number(sql, row->minimum_scale, row->minimum_scale < 0);
    status |= append_text(sql, ",");
    status |= append_number(sql, row->maximum_scale, row->maximum_scale < 0);
    status |= append_text(sql, ",");
    status |= append_number(sql, subcode != 0 ? SQL_DATETIME : type, false);
    status |= append_text(sql, ",");
    status |= append_number(sql, subcode, subcode == 0);
    status |= append_text(sql, ",");
    status |= append_number(sql, 10, !number);
    status |= append_text(sql, ",");
    status |= append_number(sql, row->type_info_rank, false);
    status |= append_text(sql, ")");
    return status == 0 ? 0 : -1;
}

int catalog_append_type_info_query(struct buf *sql, bool has_data_type,
                                   bool has_wide_characters)
{
    static const char head[] =
        "SELECT v.type_name::varchar AS \"TYPE_NAME\", v.data_type::int2 AS \"DATA_TYPE\", "
        "v.column_size::int4 AS \"COLUMN_SIZE\", v.literal_prefix::varchar AS "
        "\"LITERAL_PREFIX\", v.literal_suffix::varchar AS \"LITERAL_SUFFIX\", "
        "v.create_params::varchar AS \"CREATE_PARAMS\", 1::int2 AS \"NULLABLE\", "
        "v.case_sensitive::int2 AS \"CASE_SENSITIVE\", v.searchable::int2 AS \"SEARCHABLE\", "
        "v.unsigned_attribute::int2 AS \"UNSIGNED_ATTRIBUTE\", v.fixed_prec_scale::int2 AS "
        "\"FIXED_PREC_SCALE\", v.auto_unique_value::int2 AS \"AUTO_UNIQUE_VALUE\", "
        "v.type_name::varchar AS \"LOCAL_TYPE_NAME\", v.minimum_scale::int2 AS "
        "\"MINIMUM_SCALE\", v.maximum_scale::int2 AS \"MAXIMUM_SCALE\", v.sql_data_type::int2 "
        "AS \"SQL_DATA_TYPE\", v.datetime_sub::int2 AS \"SQL_DATETIME_SUB\", "
        "v.num_prec_radix::int4 AS \"NUM_PREC_RADIX\", NULL::int2 AS \"INTERVAL_PRECISION\" "
        "FROM (VALUES ";
    static const char tail[] =
        ") AS v(type_name, data_type, column_size, literal_prefix, literal_suffix, "
        "create_params, case_sensitive, searchable, unsigned_attribute, fixed_prec_scale, "
        "auto_unique_value, minimum_scale, maximum_scale, sql_data_type, datetime_sub, "
        "num_prec_radix, rank)";
    if (append_text(sql, head) != 0)
        return -1;
    bool is_first = true;
    for (size_t i = 0; i < catalog_type_row_count; i++) {
        const struct catalog_type_row *row = &catalog_type_rows[i];
        if (row->type_info_rank == 0)
            continue;
        if ((!is_first && append_text(sql, ", ") != 0) ||
            append_type_info_row(sql, row, row->concise_type) != 0)
            return -1;
        is_first = false;
        SQLSMALLINT wide = wide_twin(row->concise_type);
        if (has_wide_characters && wide != row->concise_type &&
            (append_text(sql, ", ") != 0 || append_type_info_row(sql, row, wide) != 0))
            return -1;
    }
    if (append_text(sql, tail) != 0)
        return -1;
    if (has_data_type && append_text(sql, " WHERE v.data_type = $1::int2") != 0)
        return -1;
    return append_text(sql, " ORDER BY v.data_type, v.rank");
}
