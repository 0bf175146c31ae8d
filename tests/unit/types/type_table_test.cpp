// types/type_table.c: each PostgreSQL type's SQL type, sizes and names,
// including sizes derived from type modifiers.
#include <gtest/gtest.h>

extern "C" {
#include "types/type_table.h"
}

namespace {

struct types_column_description Describe(uint32_t oid, int32_t typmod = -1)
{
    struct types_column_description description;
    types_describe_column(oid, typmod, &description);
    return description;
}

TEST(TypeTable, IntegersMapToTheirSqlTypesWithDigitCounts)
{
    EXPECT_EQ(SQL_SMALLINT, Describe(21).concise_type);
    EXPECT_EQ(5u, Describe(21).column_size);
    EXPECT_EQ(SQL_INTEGER, Describe(23).concise_type);
    EXPECT_EQ(10u, Describe(23).column_size);
    EXPECT_EQ(11, Describe(23).display_size);
    EXPECT_EQ(SQL_BIGINT, Describe(20).concise_type);
    EXPECT_EQ(20, Describe(20).display_size);
    EXPECT_EQ(SQL_C_SBIGINT, Describe(20).default_c_type);
    EXPECT_FALSE(Describe(23).is_unsigned);
    EXPECT_EQ(10, Describe(23).num_prec_radix);
}

TEST(TypeTable, OidIsAnUnsignedInteger)
{
    struct types_column_description oid = Describe(26);
    EXPECT_EQ(SQL_INTEGER, oid.concise_type);
    EXPECT_TRUE(oid.is_unsigned);
    EXPECT_EQ(SQL_C_ULONG, oid.default_c_type);
    EXPECT_STREQ("oid", oid.type_name);
}

TEST(TypeTable, BoolIsBitAndFloatsAreRealAndDouble)
{
    EXPECT_EQ(SQL_BIT, Describe(16).concise_type);
    EXPECT_EQ(1u, Describe(16).column_size);
    EXPECT_EQ(SQL_REAL, Describe(700).concise_type);
    EXPECT_EQ(SQL_DOUBLE, Describe(701).concise_type);
    EXPECT_EQ(15u, Describe(701).column_size);
}

TEST(TypeTable, NumericTakesPrecisionAndScaleFromTypmod)
{
    // numeric(10,3): ((10 << 16) | 3) + 4
    struct types_column_description numeric = Describe(1700, ((10 << 16) | 3) + 4);
    EXPECT_EQ(SQL_NUMERIC, numeric.concise_type);
    EXPECT_EQ(10u, numeric.column_size);
    EXPECT_EQ(3, numeric.decimal_digits);
    EXPECT_EQ(12, numeric.display_size);
    struct types_column_description unconstrained = Describe(1700);
    EXPECT_EQ(static_cast<SQLULEN>(TYPES_NUMERIC_DEFAULT_PRECISION), unconstrained.column_size);
    EXPECT_EQ(TYPES_NUMERIC_DEFAULT_SCALE, unconstrained.decimal_digits);
}

TEST(TypeTable, CharacterTypesTakeLengthFromTypmod)
{
    struct types_column_description varchar = Describe(1043, 20 + 4);
    EXPECT_EQ(SQL_VARCHAR, varchar.concise_type);
    EXPECT_EQ(20u, varchar.column_size);
    EXPECT_EQ(80, varchar.octet_length);
    EXPECT_TRUE(varchar.is_case_sensitive);
    EXPECT_EQ(SQL_PRED_SEARCHABLE, varchar.searchable);
    struct types_column_description bpchar = Describe(1042, 5 + 4);
    EXPECT_EQ(SQL_CHAR, bpchar.concise_type);
    EXPECT_EQ(5u, bpchar.column_size);
    EXPECT_EQ(static_cast<SQLULEN>(TYPES_UNBOUNDED_TEXT_SIZE), Describe(1043).column_size);
}

TEST(TypeTable, TextJsonAndXmlAreLongVarchar)
{
    for (uint32_t oid : {25u, 114u, 3802u, 142u}) {
        EXPECT_EQ(SQL_LONGVARCHAR, Describe(oid).concise_type) << oid;
        EXPECT_EQ(static_cast<SQLULEN>(TYPES_UNBOUNDED_TEXT_SIZE), Describe(oid).column_size);
    }
}

TEST(TypeTable, NameIsVarcharOfSixtyThree)
{
    EXPECT_EQ(SQL_VARCHAR, Describe(19).concise_type);
    EXPECT_EQ(63u, Describe(19).column_size);
}

TEST(TypeTable, ByteaIsLongVarbinaryShownAsHex)
{
    struct types_column_description bytea = Describe(17);
    EXPECT_EQ(SQL_LONGVARBINARY, bytea.concise_type);
    EXPECT_TRUE(bytea.is_binary);
    EXPECT_EQ(2 * static_cast<SQLLEN>(bytea.column_size), bytea.display_size);
    EXPECT_EQ(SQL_C_BINARY, bytea.default_c_type);
}

TEST(TypeTable, DateTimeTypesCarrySubcodesAndFractionDigits)
{
    struct types_column_description date = Describe(1082);
    EXPECT_EQ(SQL_TYPE_DATE, date.concise_type);
    EXPECT_EQ(SQL_DATETIME, date.verbose_type);
    EXPECT_EQ(SQL_CODE_DATE, date.datetime_subcode);
    EXPECT_EQ(10u, date.column_size);

    struct types_column_description time = Describe(1083);
    EXPECT_EQ(SQL_TYPE_TIME, time.concise_type);
    EXPECT_EQ(15u, time.column_size);
    EXPECT_EQ(6, time.decimal_digits);

    struct types_column_description stamp = Describe(1114, 3);
    EXPECT_EQ(SQL_TYPE_TIMESTAMP, stamp.concise_type);
    EXPECT_EQ(SQL_CODE_TIMESTAMP, stamp.datetime_subcode);
    EXPECT_EQ(23u, stamp.column_size);
    EXPECT_EQ(3, stamp.decimal_digits);
    struct types_column_description whole_seconds = Describe(1184, 0);
    EXPECT_EQ(19u, whole_seconds.column_size);
    EXPECT_STREQ("timestamptz", whole_seconds.type_name);
}

TEST(TypeTable, UuidIsGuid)
{
    EXPECT_EQ(SQL_GUID, Describe(2950).concise_type);
    EXPECT_EQ(36u, Describe(2950).column_size);
}

TEST(TypeTable, UnknownTypesAreVarcharText)
{
    struct types_column_description unknown = Describe(16384);
    EXPECT_FALSE(types_is_known_oid(16384));
    EXPECT_EQ(SQL_VARCHAR, unknown.concise_type);
    EXPECT_EQ(SQL_C_CHAR, unknown.default_c_type);
    EXPECT_EQ(65535u, unknown.column_size);
    EXPECT_STREQ("unknown", unknown.type_name);
    EXPECT_TRUE(types_is_known_oid(23));
}

TEST(TypeTable, MoneyIsFixedScaleDecimal)
{
    struct types_column_description money = Describe(790);
    EXPECT_TRUE(types_is_known_oid(790));
    EXPECT_STREQ("money", money.type_name);
    EXPECT_EQ(SQL_DECIMAL, money.concise_type);
    EXPECT_EQ(SQL_DECIMAL, money.verbose_type);
    EXPECT_EQ(19u, money.column_size);
    EXPECT_EQ(2, money.decimal_digits);
    EXPECT_EQ(21, money.display_size);
    EXPECT_EQ(10, money.num_prec_radix);
    EXPECT_EQ(SQL_C_CHAR, money.default_c_type);
    EXPECT_TRUE(money.is_fixed_precision_scale);
    EXPECT_FALSE(money.is_unsigned);
    EXPECT_FALSE(money.is_character);
    EXPECT_FALSE(Describe(1700).is_fixed_precision_scale);
}

TEST(TypeTable, IntervalIsNamedVarcharText)
{
    struct types_column_description interval = Describe(1186);
    EXPECT_TRUE(types_is_known_oid(1186));
    EXPECT_STREQ("interval", interval.type_name);
    EXPECT_EQ(SQL_VARCHAR, interval.concise_type);
    EXPECT_EQ(SQL_C_CHAR, interval.default_c_type);
    EXPECT_EQ(128u, interval.column_size);
    EXPECT_EQ(128, interval.display_size);
    EXPECT_EQ(0, interval.num_prec_radix);
}

TEST(TypeTable, TimetzIsTimeWithTheOffsetInItsDisplaySize)
{
    struct types_column_description timetz = Describe(1266);
    EXPECT_STREQ("timetz", timetz.type_name);
    EXPECT_EQ(SQL_TYPE_TIME, timetz.concise_type);
    EXPECT_EQ(SQL_DATETIME, timetz.verbose_type);
    EXPECT_EQ(SQL_CODE_TIME, timetz.datetime_subcode);
    EXPECT_EQ(SQL_C_TYPE_TIME, timetz.default_c_type);
    EXPECT_EQ(15u, timetz.column_size); // hh:mm:ss.ffffff
    EXPECT_EQ(6, timetz.decimal_digits);
    EXPECT_EQ(24, timetz.display_size); // plus +hh:mm:ss
    struct types_column_description whole = Describe(1266, 0);
    EXPECT_EQ(8u, whole.column_size);
    EXPECT_EQ(0, whole.decimal_digits);
    EXPECT_EQ(17, whole.display_size);
}

TEST(TypeTable, NetworkAddressesAreVarcharOfTheirLongestText)
{
    struct {
        uint32_t oid;
        const char *name;
        SQLULEN size;
    } cases[] = {{869, "inet", 49}, {650, "cidr", 49}, {829, "macaddr", 17},
                 {774, "macaddr8", 23}};
    for (const auto &c : cases) {
        struct types_column_description d = Describe(c.oid);
        EXPECT_TRUE(types_is_known_oid(c.oid)) << c.name;
        EXPECT_STREQ(c.name, d.type_name);
        EXPECT_EQ(SQL_VARCHAR, d.concise_type) << c.name;
        EXPECT_EQ(c.size, d.column_size) << c.name;
        EXPECT_EQ((SQLLEN)c.size, d.display_size) << c.name;
        EXPECT_EQ((SQLLEN)c.size, d.octet_length) << c.name;
        EXPECT_EQ(SQL_C_CHAR, d.default_c_type) << c.name;
        EXPECT_TRUE(d.is_character) << c.name;
    }
}

TEST(TypeTable, BitStringsAreCharactersSizedByTheirLength)
{
    struct types_column_description bit = Describe(1560, 8); // bit(8): typmod is n
    EXPECT_STREQ("bit", bit.type_name);
    EXPECT_EQ(SQL_CHAR, bit.concise_type);
    EXPECT_EQ(8u, bit.column_size);
    EXPECT_EQ(8, bit.display_size);
    EXPECT_EQ(8, bit.octet_length);
    EXPECT_EQ(SQL_C_CHAR, bit.default_c_type);
    struct types_column_description varbit = Describe(1562, 20);
    EXPECT_STREQ("varbit", varbit.type_name);
    EXPECT_EQ(SQL_VARCHAR, varbit.concise_type);
    EXPECT_EQ(20u, varbit.column_size);
    EXPECT_EQ(65535u, Describe(1562).column_size);
    EXPECT_EQ(65535u, Describe(1560).column_size);
}

} // namespace
