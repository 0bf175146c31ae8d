// SQL_C_BINARY into each SQL type: bytea bytes, text, and the default C
// type's bytes for fixed-size SQL types (22003 on a length mismatch).
#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

TEST(FromCBinary, BinaryTypesGetTheBytesAsBytea)
{
    const unsigned char bytes[] = {0x00, 0xff, 0x10, 0x00};
    Sent sent = SendRaw(SQL_C_BINARY, bytes, sizeof bytes, {SQL_LONGVARBINARY});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ((Bytes{0x00, 0xff, 0x10, 0x00}), sent.bytes);
    EXPECT_EQ(TYPES_OID_BYTEA, sent.encoding.type_oid);
    EXPECT_EQ(1, sent.encoding.format_code);
    EXPECT_EQ(Bytes{}, SendRaw(SQL_C_BINARY, bytes, 0, {SQL_VARBINARY}).bytes);
}

TEST(FromCBinary, FixedBinaryColumnRefusesLongerData)
{
    const unsigned char bytes[] = {1, 2, 3};
    EXPECT_EQ("22001", SendRaw(SQL_C_BINARY, bytes, 3, {SQL_BINARY, 2}).state());
    EXPECT_EQ((Bytes{1, 2, 3}), SendRaw(SQL_C_BINARY, bytes, 3, {SQL_BINARY, 3}).bytes);
    EXPECT_EQ((Bytes{1, 2, 3}), SendRaw(SQL_C_BINARY, bytes, 3, {SQL_VARBINARY, 2}).bytes);
}

TEST(FromCBinary, CharacterTypesGetTheBytesAsText)
{
    Sent sent = SendRaw(SQL_C_BINARY, "abc", 3, {SQL_VARCHAR});
    EXPECT_EQ("abc", sent.text());
    EXPECT_EQ(0u, sent.encoding.type_oid);
    EXPECT_EQ("22018", SendRaw(SQL_C_BINARY, "a\0c", 3, {SQL_VARCHAR}).state());
}

TEST(FromCBinary, FixedSqlTypesReadTheDefaultCTypesBytes)
{
    SQLINTEGER integer = -2;
    Sent sent = SendRaw(SQL_C_BINARY, &integer, sizeof integer, {SQL_INTEGER});
    ASSERT_EQ(0, sent.rc) << sent.error.message;
    EXPECT_EQ((Bytes{0xff, 0xff, 0xff, 0xfe}), sent.bytes);
    EXPECT_EQ(TYPES_OID_INT4, sent.encoding.type_oid);
    SQLDOUBLE real = 0.5;
    EXPECT_EQ(DoubleBytes(0.5), SendRaw(SQL_C_BINARY, &real, sizeof real, {SQL_DOUBLE}).bytes);
    SQL_DATE_STRUCT date = {2024, 2, 29};
    EXPECT_EQ("2024-02-29", SendRaw(SQL_C_BINARY, &date, sizeof date, {SQL_TYPE_DATE}).text());
    SQLGUID guid = {0x01020304, 0x0506, 0x0708, {9, 10, 11, 12, 13, 14, 15, 16}};
    EXPECT_EQ((Bytes{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
              SendRaw(SQL_C_BINARY, &guid, sizeof guid, {SQL_GUID}).bytes);
    unsigned char bit = 1;
    EXPECT_EQ((Bytes{1}), SendRaw(SQL_C_BINARY, &bit, 1, {SQL_BIT}).bytes);
}

TEST(FromCBinary, LengthOtherThanTheCTypesSizeIs22003)
{
    const unsigned char bytes[8] = {};
    EXPECT_EQ("22003", SendRaw(SQL_C_BINARY, bytes, 3, {SQL_INTEGER}).state());
    EXPECT_EQ("22003", SendRaw(SQL_C_BINARY, bytes, 8, {SQL_SMALLINT}).state());
    EXPECT_EQ("22003", SendRaw(SQL_C_BINARY, bytes, 8, {SQL_GUID}).state());
    EXPECT_EQ("22007", SendRaw(SQL_C_BINARY, bytes, 6, {SQL_TYPE_DATE}).state());
}

TEST(FromCBinary, DecimalTypesReadTheBytesAsANumericLiteral)
{
    EXPECT_EQ("1.5", SendRaw(SQL_C_BINARY, " 1.5", 4, {SQL_DECIMAL}).text());
    EXPECT_EQ("22018", SendRaw(SQL_C_BINARY, "x", 1, {SQL_NUMERIC}).state());
    EXPECT_EQ("07006", SendRaw(SQL_C_BINARY, "x", 1, {SQL_INTERVAL_DAY}).state());
}

}  // namespace
