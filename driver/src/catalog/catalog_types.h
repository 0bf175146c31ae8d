/* The ODBC type columns of catalog results, computed by the server.
 * Owns: a mirror of types/type_table.c (which catalog/ may not include:
 * STYLE.md's dependency table) saying, for each PostgreSQL type the driver
 * maps, its SQL type, sizes and the rule that derives them from a type
 * modifier; the SQL expressions built from it that compute DATA_TYPE,
 * COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS, NUM_PREC_RADIX,
 * SQL_DATA_TYPE, SQL_DATETIME_SUB and CHAR_OCTET_LENGTH from a type OID and
 * type modifier, so that SQLColumns, SQLProcedureColumns and
 * SQLSpecialColumns report what SQLDescribeCol reports for the same column;
 * and SQLGetTypeInfo's rows. tests/unit/odbc/catalog_types_agree_test.cpp
 * checks the mirror against types_describe_column row by row; the
 * integration tests compare SQLColumns with SQLDescribeCol on real tables.
 *
 * Choices (documented here once):
 * - DECIMAL_DIGITS is NULL where the reference calls it not applicable
 *   (character, binary, approximate numbers, date, and the text-like
 *   types); SQLDescribeCol reports 0 there.
 * - NUM_PREC_RADIX is 10 for numbers (column sizes are decimal digits),
 *   NULL otherwise; CHAR_OCTET_LENGTH is BUFFER_LENGTH for character and
 *   binary types, NULL otherwise.
 * - With wide character types (the connection's WideCharTypes, which
 *   SQLDescribeCol follows), character types report SQL_WCHAR,
 *   SQL_WVARCHAR and SQL_WLONGVARCHAR; SQLGetTypeInfo then lists each
 *   character type under its wide code as well as its narrow one.
 * - SQLGetTypeInfo's COLUMN_SIZE is the largest size the server accepts
 *   (varchar and char 10485760, numeric 1000 digits, text-like and bytea
 *   1073741823, bit strings 83886080), not the size SQLDescribeCol gives an
 *   undeclared length.
 * Reference: ODBC "SQLGetTypeInfo Function", "SQLColumns Function", "Column
 * Size, Decimal Digits, Transfer Octet Length, and Display Size". */
#ifndef PGO_CATALOG_CATALOG_TYPES_H
#define PGO_CATALOG_CATALOG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlext.h>
#include "util/buf.h"
#include "util/compiler.h"

/* The numbers type_table.h names, mirrored. */
#define CATALOG_UNBOUNDED_TEXT_SIZE 65535
#define CATALOG_NUMERIC_DEFAULT_PRECISION 28
#define CATALOG_NUMERIC_DEFAULT_SCALE 6
#define CATALOG_MAX_UTF8_BYTES_PER_CHAR 4
#define CATALOG_FRACTION_DEFAULT_DIGITS 6

enum catalog_size_rule {
    CATALOG_SIZE_FIXED,
    CATALOG_SIZE_CHAR_TYPMOD,      /* characters = typmod - 4; unbounded when none */
    CATALOG_SIZE_NUMERIC_TYPMOD,   /* ((precision << 16) | scale) + 4 */
    CATALOG_SIZE_TIME_TYPMOD,      /* hh:mm:ss[.f...] */
    CATALOG_SIZE_TIMETZ_TYPMOD,    /* as time (the offset shows in the display size only) */
    CATALOG_SIZE_BIT_TYPMOD,       /* bits = typmod; unbounded when none */
    CATALOG_SIZE_TIMESTAMP_TYPMOD  /* yyyy-mm-dd hh:mm:ss[.f...] */
};

struct catalog_type_row {
    uint32_t oid;
    const char *type_name;
    SQLSMALLINT concise_type;
    enum catalog_size_rule size_rule;
    int32_t column_size;   /* CATALOG_SIZE_FIXED only */
    int16_t decimal_digits;
    int32_t octet_length;  /* fixed, or per character for CHAR_TYPMOD */
    /* SQLGetTypeInfo */
    int32_t max_column_size;    /* 0: column_size */
    const char *literal_prefix; /* NULL: none */
    const char *literal_suffix;
    const char *create_params;
    int16_t minimum_scale;      /* -1: NULL */
    int16_t maximum_scale;
    bool is_unsigned;           /* numbers only */
    bool is_fixed_precision_scale;
    int type_info_rank;         /* order within one DATA_TYPE; 0: not listed */
};

extern const struct catalog_type_row catalog_type_rows[];
extern const size_t catalog_type_row_count;
/* What every OID not in the table is: text. */
extern const struct catalog_type_row catalog_unknown_type_row;

enum catalog_type_field {
    CATALOG_TYPE_DATA_TYPE,
    CATALOG_TYPE_COLUMN_SIZE,
    CATALOG_TYPE_BUFFER_LENGTH,
    CATALOG_TYPE_DECIMAL_DIGITS,
    CATALOG_TYPE_NUM_PREC_RADIX,
    CATALOG_TYPE_SQL_DATA_TYPE,
    CATALOG_TYPE_DATETIME_SUB,
    CATALOG_TYPE_CHAR_OCTET_LENGTH
};

/* Appends an SQL expression (parenthesised, integer-valued or NULL) for
 * field of the type whose OID is the SQL expression oid and whose
 * modifier is the SQL expression typmod (both driver text, e.g. "b.oid");
 * has_wide_characters: character types report their wide twins. Returns
 * 0, or -1 when sql cannot grow. */
int catalog_append_type_expression(struct buf *sql, enum catalog_type_field field,
                                   const char *oid, const char *typmod,
                                   bool has_wide_characters) PGO_MUST_CHECK;

/* Appends SQLGetTypeInfo's query: its 19 columns, every listed type or
 * (has_data_type) those whose DATA_TYPE equals parameter $1, ordered by
 * DATA_TYPE and then by how closely the type maps to it;
 * has_wide_characters adds the character types' wide rows. */
int catalog_append_type_info_query(struct buf *sql, bool has_data_type,
                                   bool has_wide_characters) PGO_MUST_CHECK;

#endif
