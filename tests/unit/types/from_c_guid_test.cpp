// SQL_C_GUID and GUID text into uuid (16 bytes, RFC 4122 order) and
// character types.
#include "from_c_support.h"

using namespace pgo_from_c_test;

namespace {

SQLGUID Guid()
{
    SQLGUID guid;
    guid.Data1 = 0x12345678;
    guid.Data2 = 0x9abc;
    guid.Data3 = 0xdef0;
    const unsigned char data4[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    std::memcpy(guid.Data4, data4, 8);
    return guid;
}

const Bytes kGuidBytes = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
                          0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};

TEST(FromCGuid, GuidGoesAsUuidBytesInRfcOrder)
{
    Sent sent = Send(SQL_C_GUID, Guid(), {SQL_GUID});
    ASSERT_EQ(0, sent.rc);
    EXPECT_EQ(kGuidBytes, sent.bytes);
    EXPECT_EQ(TYPES_OID_UUID, sent.encoding.type_oid);
    EXPECT_EQ(1, sent.encoding.format_code);
}

TEST(FromCGuid, GuidIntoCharactersIsItsThirtySixCharacters)
{
    Sent sent = Send(SQL_C_GUID, Guid(), {SQL_WVARCHAR});
    EXPECT_EQ("12345678-9abc-def0-0123-456789abcdef", sent.text());
    EXPECT_EQ(0u, sent.encoding.type_oid);
    EXPECT_EQ("07006", Send(SQL_C_GUID, Guid(), {SQL_INTEGER}).state());
}

TEST(FromCGuid, GuidTextIsReadInItsUsualForms)
{
    EXPECT_EQ(kGuidBytes, SendText("12345678-9ABC-def0-0123-456789abcdef", {SQL_GUID}).bytes);
    EXPECT_EQ(kGuidBytes, SendText(" {12345678-9abc-def0-0123-456789abcdef} ", {SQL_GUID}).bytes);
    EXPECT_EQ(kGuidBytes, SendWide(u"123456789abcdef00123456789abcdef", {SQL_GUID}).bytes);
    EXPECT_EQ("22018", SendText("12345678-9abc-def0-0123-456789abcdeg", {SQL_GUID}).state());
    EXPECT_EQ("22018", SendText("1234567-89abc-def0-0123-456789abcdef", {SQL_GUID}).state());
    EXPECT_EQ("22018", SendText("", {SQL_GUID}).state());
}

}  // namespace
