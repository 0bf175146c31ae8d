/* PostgreSQL type OID → ODBC SQL type description.
 * Owns: the one table saying, for each PostgreSQL type the driver knows,
 * which SQL type it reports, its column size, decimal digits, display size,
 * octet length, type name and default C type. Knows no handle and reads no
 * message: the ODBC layer passes the OID and the type modifier from the
 * row description.
 * Reference: ODBC "Column Size, Decimal Digits, Transfer Octet Length, and
 * Display Size" appendix; PostgreSQL catalog pg_type (OIDs are stable).
 *
 * Choices (documented here once):
 * - text, json, jsonb, xml, and varchar/bpchar without a declared length
 *   are reported with TYPES_UNBOUNDED_TEXT_SIZE characters (65535): a
 *   value longer than that still arrives whole through SQLGetData pieces.
 * - numeric without a declared precision reports precision 28, scale 6.
 * - money is SQL_DECIMAL(19, 2) (its range is +-92233720368547758.07),
 *   fixed precision and scale, default C type SQL_C_CHAR like numeric.
 *   Its character form is what the server's lc_monetary prints (currency
 *   symbol, group separators), which can be longer than the display size
 *   the appendix gives a decimal (precision + 2).
 * - interval stays SQL_VARCHAR named "interval" with default C type
 *   SQL_C_CHAR: one PostgreSQL interval may hold months, days and
 *   microseconds at once, which no single ODBC interval SQL type (year-month
 *   or day-time) can describe. Applications still bind SQL_C_INTERVAL_*
 *   targets, which convert.c's interval family converts. Its column size,
 *   TYPES_INTERVAL_TEXT_SIZE, bounds the text in every IntervalStyle.
 * - timetz is SQL_TYPE_TIME (its C form drops the offset, as convert.c
 *   does); the display size adds "+hh:mm:ss" to the time's.
 * - inet and cidr are SQL_VARCHAR(49) ("ffff:...:255.255.255.255/128"),
 *   macaddr SQL_VARCHAR(17), macaddr8 SQL_VARCHAR(23): their longest text.
 * - bit(n) is SQL_CHAR(n) and varbit(n) SQL_VARCHAR(n) holding '0'/'1'
 *   characters (ODBC's SQL_BIT is a single boolean bit, not a bit string);
 *   without a declared length both are TYPES_UNBOUNDED_TEXT_SIZE.
 * - every type not in the table is SQL_VARCHAR in its text form, with
 *   TYPES_UNBOUNDED_TEXT_SIZE characters and the type name "unknown"
 *   (naming it would need a catalog query, which types/ never runs). */
#ifndef PGO_TYPES_TYPE_TABLE_H
#define PGO_TYPES_TYPE_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>

#define TYPES_UNBOUNDED_TEXT_SIZE 65535
#define TYPES_NUMERIC_DEFAULT_PRECISION 28
#define TYPES_NUMERIC_DEFAULT_SCALE 6
#define TYPES_MAX_UTF8_BYTES_PER_CHAR 4
#define TYPES_INTERVAL_TEXT_SIZE 128

/* PostgreSQL type OIDs the driver treats specially. */
enum {
    TYPES_OID_BOOL = 16,
    TYPES_OID_BYTEA = 17,
    TYPES_OID_CHAR = 18,
    TYPES_OID_NAME = 19,
    TYPES_OID_INT8 = 20,
    TYPES_OID_INT2 = 21,
    TYPES_OID_INT4 = 23,
    TYPES_OID_TEXT = 25,
    TYPES_OID_OID = 26,
    TYPES_OID_JSON = 114,
    TYPES_OID_XML = 142,
    TYPES_OID_CIDR = 650,
    TYPES_OID_MACADDR8 = 774,
    TYPES_OID_MONEY = 790,
    TYPES_OID_MACADDR = 829,
    TYPES_OID_INET = 869,
    TYPES_OID_FLOAT4 = 700,
    TYPES_OID_FLOAT8 = 701,
    TYPES_OID_BPCHAR = 1042,
    TYPES_OID_VARCHAR = 1043,
    TYPES_OID_DATE = 1082,
    TYPES_OID_TIME = 1083,
    TYPES_OID_TIMESTAMP = 1114,
    TYPES_OID_TIMESTAMPTZ = 1184,
    TYPES_OID_INTERVAL = 1186,
    TYPES_OID_TIMETZ = 1266,
    TYPES_OID_BIT = 1560,
    TYPES_OID_VARBIT = 1562,
    TYPES_OID_NUMERIC = 1700,
    TYPES_OID_UUID = 2950,
    TYPES_OID_JSONB = 3802
};

/* What SQLDescribeCol and SQLColAttribute report for one column. */
struct types_column_description {
    SQLSMALLINT concise_type;     /* SQL_INTEGER, SQL_TYPE_TIMESTAMP, ... */
    SQLSMALLINT verbose_type;     /* SQL_DATETIME for date/time types, else concise */
    SQLSMALLINT datetime_subcode; /* SQL_CODE_DATE/TIME/TIMESTAMP, else 0 */
    SQLULEN column_size;          /* characters, digits, or bytes (binary) */
    SQLSMALLINT decimal_digits;   /* scale, or fractional-second digits */
    SQLLEN display_size;          /* characters needed to show any value */
    SQLLEN octet_length;          /* bytes in the default C representation */
    SQLSMALLINT num_prec_radix;   /* 10 for exact and approximate numbers, else 0 */
    SQLSMALLINT default_c_type;   /* the C type SQL_C_DEFAULT means */
    SQLSMALLINT searchable;       /* SQL_PRED_SEARCHABLE or SQL_PRED_BASIC */
    bool is_unsigned;             /* true for non-numeric types and oid */
    bool is_case_sensitive;       /* true for character types */
    bool is_fixed_precision_scale;
    bool is_character;            /* the value's text is its ODBC character form */
    bool is_binary;               /* bytea */
    const char *type_name;        /* PostgreSQL's name: "int4", "varchar", ... */
};

/* How character columns are reported: the narrow SQL types, or their wide
 * twins (SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR, default C type
 * SQL_C_WCHAR). The ODBC layer decides (the WideCharTypes keyword) and
 * passes the choice; this module reads no connection setting. Sizes stay
 * in characters, and octet lengths already allow 4 bytes per character,
 * which covers UTF-16 surrogate pairs too. */
enum types_character_policy {
    TYPES_CHARACTER_NARROW = 0,
    TYPES_CHARACTER_WIDE
};

/* Rewrites description under policy: a character type becomes its wide
 * twin when policy is TYPES_CHARACTER_WIDE; anything else is unchanged. */
void types_apply_character_policy(struct types_column_description *description,
                                  enum types_character_policy policy);

/* Describes a column of type type_oid with modifier type_modifier (-1 when
 * none). Never fails: unknown types are described as text. */
void types_describe_column(uint32_t type_oid, int32_t type_modifier,
                           struct types_column_description *out);

/* Whether the OID has its own row in the table (false: described as text). */
bool types_is_known_oid(uint32_t type_oid);

#endif
