// odbc/column_value.c: the piece logic SQLGetData uses — reading a value
// in parts reassembles it exactly, each partial piece reports the length
// of everything not yet returned — and the ODBC forms of bool and bytea.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "odbc/column_value.h"
#include "types/type_table.h"
}

namespace {

struct odbc_value_view View(const char *text, uint32_t oid = TYPES_OID_TEXT)
{
    struct odbc_value_view view;
    view.data = reinterpret_cast<const unsigned char *>(text);
    view.length_bytes = std::strlen(text);
    view.is_null = false;
    view.type_oid = oid;
    return view;
}

struct PieceRun {
    std::string joined;
    std::vector<SQLLEN> indicators;
    std::vector<bool> truncations;
};

// Calls the converter as SQLGetData would until a piece is not truncated.
PieceRun ReadInPieces(const struct odbc_value_view &view, SQLSMALLINT c_type,
                      SQLLEN buffer_length)
{
    PieceRun run;
    size_t offset = 0;
    std::vector<unsigned char> buffer(static_cast<size_t>(buffer_length));
    for (int guard = 0; guard < 1000; guard++) {
        struct odbc_convert_outcome outcome;
        struct error error;
        error_init(&error);
        EXPECT_EQ(0, odbc_convert_value(&view, c_type, offset, buffer.data(), buffer_length,
                                        &outcome, &error));
        run.indicators.push_back(outcome.indicator);
        run.truncations.push_back(outcome.is_truncated);
        if (c_type == SQL_C_CHAR)
            run.joined += reinterpret_cast<char *>(buffer.data());
        else
            run.joined.append(reinterpret_cast<char *>(buffer.data()),
                              outcome.is_truncated ? static_cast<size_t>(buffer_length)
                                                   : static_cast<size_t>(outcome.indicator));
        offset += outcome.consumed_bytes;
        if (!outcome.is_truncated)
            break;
    }
    return run;
}

TEST(ColumnValue, CharPiecesReassembleTheValueAndCountDown)
{
    PieceRun run = ReadInPieces(View("abcdefghij"), SQL_C_CHAR, 4);
    EXPECT_EQ("abcdefghij", run.joined);
    ASSERT_EQ(4u, run.indicators.size());
    EXPECT_EQ((std::vector<SQLLEN>{10, 7, 4, 1}), run.indicators);
    EXPECT_EQ((std::vector<bool>{true, true, true, false}), run.truncations);
}

TEST(ColumnValue, BinaryPiecesUseTheWholeBuffer)
{
    PieceRun run = ReadInPieces(View("abcdefg", TYPES_OID_VARCHAR), SQL_C_BINARY, 3);
    EXPECT_EQ("abcdefg", run.joined);
    EXPECT_EQ((std::vector<SQLLEN>{7, 4, 1}), run.indicators);
}

TEST(ColumnValue, ByteaIsDecodedForBinaryAndHexForCharacters)
{
    struct odbc_value_view bytea = View("\\x00ff41", TYPES_OID_BYTEA);
    PieceRun binary = ReadInPieces(bytea, SQL_C_BINARY, 2);
    EXPECT_EQ(std::string("\x00\xff" "A", 3), binary.joined);
    EXPECT_EQ((std::vector<SQLLEN>{3, 1}), binary.indicators);
    PieceRun text = ReadInPieces(bytea, SQL_C_CHAR, 64);
    EXPECT_EQ("00ff41", text.joined);
}

TEST(ColumnValue, BoolReadsAsOneOrZero)
{
    EXPECT_EQ("1", ReadInPieces(View("t", TYPES_OID_BOOL), SQL_C_CHAR, 8).joined);
    EXPECT_EQ("0", ReadInPieces(View("f", TYPES_OID_BOOL), SQL_C_CHAR, 8).joined);
}

TEST(ColumnValue, WidePiecesCountRemainingBytesOfUtf16)
{
    struct odbc_value_view view = View("h\xC3\xA9llo"); // "héllo": 5 units
    size_t offset = 0;
    SQLWCHAR buffer[3];
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, odbc_convert_value(&view, SQL_C_WCHAR, offset, buffer, sizeof buffer, &outcome,
                                    &error));
    EXPECT_EQ(10, outcome.indicator);
    EXPECT_TRUE(outcome.is_truncated);
    EXPECT_EQ(0x68, buffer[0]);
    EXPECT_EQ(0xE9, buffer[1]);
    offset += outcome.consumed_bytes;
    EXPECT_EQ(3u, offset); // "h" and the two bytes of "é"
    ASSERT_EQ(0, odbc_convert_value(&view, SQL_C_WCHAR, offset, buffer, sizeof buffer, &outcome,
                                    &error));
    EXPECT_EQ(6, outcome.indicator);
}

TEST(ColumnValue, NullGivesNullDataAndWritesNothing)
{
    struct odbc_value_view view = View("");
    view.is_null = true;
    view.data = nullptr;
    char buffer[4] = "xyz";
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, odbc_convert_value(&view, SQL_C_CHAR, 0, buffer, sizeof buffer, &outcome,
                                    &error));
    EXPECT_EQ(SQL_NULL_DATA, outcome.indicator);
    EXPECT_STREQ("xyz", buffer);
}

TEST(ColumnValue, FixedTypesFillTheTargetAndReportTheirSize)
{
    struct odbc_value_view view = View("42", TYPES_OID_INT4);
    SQLINTEGER value = 0;
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    ASSERT_EQ(0, odbc_convert_value(&view, SQL_C_SLONG, 0, &value, 0, &outcome, &error));
    EXPECT_EQ(42, value);
    EXPECT_EQ(static_cast<SQLLEN>(sizeof value), outcome.indicator);
}

TEST(ColumnValue, DefaultResolvesToTheColumnsDefaultCType)
{
    EXPECT_EQ(SQL_C_SLONG, odbc_resolve_c_type(SQL_C_DEFAULT, SQL_C_SLONG));
    EXPECT_EQ(SQL_C_CHAR, odbc_resolve_c_type(SQL_C_CHAR, SQL_C_SLONG));
    EXPECT_TRUE(odbc_is_piecewise_c_type(SQL_C_WCHAR));
    EXPECT_FALSE(odbc_is_piecewise_c_type(SQL_C_DOUBLE));
}

TEST(ColumnValue, UnsupportedTargetTypeIsRestrictedDataType)
{
    struct odbc_value_view view = View("1", TYPES_OID_INT4);
    unsigned char buffer[32];
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    EXPECT_EQ(-1, odbc_convert_value(&view, SQL_C_NUMERIC, 0, buffer, sizeof buffer, &outcome,
                                     &error));
    EXPECT_STREQ("07006", error.sqlstate);
}

} // namespace
