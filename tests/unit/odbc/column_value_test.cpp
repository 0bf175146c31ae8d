// odbc/column_value.c: the seam between a result column and the conversion
// matrix — reading a value in pieces reassembles it exactly and each
// partial piece reports the length of everything not yet returned; NULL,
// SQL_C_DEFAULT, binary wire values, and the sizes column-wise binding
// steps by.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "odbc/column_value.h"
#include "types/type_table.h"
#include "wire/conn.h"
}

namespace {

struct wire_value Text(const char *text)
{
    struct wire_value value;
    value.data = reinterpret_cast<const unsigned char *>(text);
    value.length_bytes = std::strlen(text);
    value.is_null = false;
    return value;
}

struct odbc_value_source Source(uint32_t oid, bool is_binary = false)
{
    struct odbc_value_source source = {oid, -1, is_binary};
    return source;
}

struct PieceRun {
    std::string joined;
    std::vector<SQLLEN> indicators;
    std::vector<bool> truncations;
};

// Calls the converter as SQLGetData would until a piece is not truncated.
PieceRun ReadInPieces(const struct odbc_value_source &source, const struct wire_value &value,
                      SQLSMALLINT c_type, SQLLEN buffer_length)
{
    PieceRun run;
    struct types_piece_state piece = {0, false};
    std::vector<unsigned char> buffer(static_cast<size_t>(buffer_length));
    struct types_text_cursor cursor {};
    for (int guard = 0; guard < 1000; guard++) {
        struct odbc_convert_outcome outcome;
        struct error error;
        error_init(&error);
        EXPECT_EQ(0, odbc_convert_column_value(&source, &value, c_type, buffer.data(),
                                               buffer_length, 0, 0, &piece, &cursor, &outcome, &error))
            << error.message;
        run.indicators.push_back(outcome.indicator);
        run.truncations.push_back(outcome.is_truncated);
        if (c_type == SQL_C_CHAR)
            run.joined += reinterpret_cast<char *>(buffer.data());
        else
            run.joined.append(reinterpret_cast<char *>(buffer.data()),
                              outcome.is_truncated ? static_cast<size_t>(buffer_length)
                                                   : static_cast<size_t>(outcome.indicator));
        if (!outcome.is_truncated)
            break;
    }
    return run;
}

TEST(ColumnValue, CharPiecesReassembleTheValueAndCountDown)
{
    PieceRun run = ReadInPieces(Source(TYPES_OID_TEXT), Text("abcdefghij"), SQL_C_CHAR, 4);
    EXPECT_EQ(run.joined, "abcdefghij");
    ASSERT_EQ(run.indicators.size(), 4u);
    EXPECT_EQ(run.indicators[0], 10);
    EXPECT_EQ(run.indicators[1], 7);
    EXPECT_EQ(run.indicators[3], 1);
    EXPECT_TRUE(run.truncations[0]);
    EXPECT_FALSE(run.truncations[3]);
}

TEST(ColumnValue, ByteaHexTextDecodesForBinaryTargets)
{
    PieceRun run = ReadInPieces(Source(TYPES_OID_BYTEA), Text("\\x414243444546"), SQL_C_BINARY, 4);
    EXPECT_EQ(run.joined, "ABCDEF");
    EXPECT_EQ(run.indicators[0], 6);
}

TEST(ColumnValue, BinaryWireInt4ConvertsToText)
{
    const unsigned char bytes[] = {0x00, 0x00, 0x01, 0x00};
    struct wire_value value = {bytes, sizeof bytes, false};
    PieceRun run = ReadInPieces(Source(TYPES_OID_INT4, true), value, SQL_C_CHAR, 16);
    EXPECT_EQ(run.joined, "256");
}

TEST(ColumnValue, NullGivesNullDataAndWritesNothing)
{
    struct wire_value value = {nullptr, 0, true};
    char target[4] = "xyz";
    struct types_piece_state piece = {0, false};
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    struct odbc_value_source source = Source(TYPES_OID_TEXT);
    ASSERT_EQ(0, odbc_convert_column_value(&source, &value, SQL_C_CHAR, target, 4, 0, 0, &piece,
                                           nullptr, &outcome, &error));
    EXPECT_EQ(outcome.indicator, SQL_NULL_DATA);
    EXPECT_STREQ(target, "xyz");
    EXPECT_TRUE(piece.is_done);
}

TEST(ColumnValue, DefaultResolvesToTheColumnsDefaultCType)
{
    SQLINTEGER number = 0;
    struct wire_value value = Text("1234");
    struct types_piece_state piece = {0, false};
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    struct odbc_value_source source = Source(TYPES_OID_INT4);
    ASSERT_EQ(0, odbc_convert_column_value(&source, &value, SQL_C_DEFAULT, &number, 0, 0, 0,
                                           &piece, nullptr, &outcome, &error));
    EXPECT_EQ(number, 1234);
    EXPECT_EQ(outcome.indicator, static_cast<SQLLEN>(sizeof(SQLINTEGER)));
}

TEST(ColumnValue, BadIntegerTextIsInvalidCharacterValue)
{
    SQLINTEGER number = 7;
    struct wire_value value = Text("12x");
    struct types_piece_state piece = {0, false};
    struct odbc_convert_outcome outcome;
    struct error error;
    error_init(&error);
    struct odbc_value_source source = Source(TYPES_OID_TEXT);
    EXPECT_EQ(-1, odbc_convert_column_value(&source, &value, SQL_C_SLONG, &number, 0, 0, 0,
                                            &piece, nullptr, &outcome, &error));
    EXPECT_STREQ(error.sqlstate, "22018");
    EXPECT_EQ(number, 7);
}

TEST(ColumnValue, FixedCTypeSizesAreTheColumnWiseStride)
{
    EXPECT_EQ(odbc_c_type_size(SQL_C_SLONG), sizeof(SQLINTEGER));
    EXPECT_EQ(odbc_c_type_size(SQL_C_SBIGINT), sizeof(SQLBIGINT));
    EXPECT_EQ(odbc_c_type_size(SQL_C_DOUBLE), sizeof(SQLDOUBLE));
    EXPECT_EQ(odbc_c_type_size(SQL_C_TYPE_TIMESTAMP), sizeof(SQL_TIMESTAMP_STRUCT));
    EXPECT_EQ(odbc_c_type_size(SQL_C_NUMERIC), sizeof(SQL_NUMERIC_STRUCT));
    EXPECT_EQ(odbc_c_type_size(SQL_C_GUID), sizeof(SQLGUID));
    EXPECT_EQ(odbc_c_type_size(SQL_C_CHAR), 0u);
    EXPECT_EQ(odbc_c_type_size(SQL_C_BINARY), 0u);
    EXPECT_TRUE(odbc_c_type_is_known(SQL_C_DEFAULT));
    EXPECT_TRUE(odbc_c_type_is_known(SQL_C_INTERVAL_DAY_TO_SECOND));
    EXPECT_FALSE(odbc_c_type_is_known(12345));
}

} // namespace
