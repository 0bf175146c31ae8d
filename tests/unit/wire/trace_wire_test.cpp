// Protocol trace lines (wire/trace_wire.c): one detail per message type,
// DataRows counted into the CommandComplete line and never shown below
// level data, values never shown at all; malformed bodies still trace.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "wire/trace_wire.h"
}

namespace {

std::string format(wire_trace_state *state, bool data, char type, const std::string &body,
                   bool *written = nullptr)
{
    char line[256] = {0};
    bool wrote = wire_trace_format_received(
        state, data, static_cast<uint8_t>(type),
        reinterpret_cast<const unsigned char *>(body.data()), body.size(), line, sizeof line);
    if (written != nullptr) {
        *written = wrote;
    }
    return line;
}

TEST(TraceWire, RowDescriptionShowsItsColumnCount)
{
    wire_trace_state state{};
    std::string body("\x00\x03rest", 6);
    EXPECT_EQ(format(&state, false, 'T', body), "< 'T' (RowDescription) length 6 columns 3");
}

TEST(TraceWire, DataRowsAreCountedAndSummarisedAtCommandComplete)
{
    wire_trace_state state{};
    std::string row("\x00\x01\x00\x00\x00\x06secret", 12);
    bool written = true;
    for (int i = 0; i < 4; i++) {
        format(&state, false, 'D', row, &written);
        EXPECT_FALSE(written);
    }
    EXPECT_EQ(format(&state, false, 'C', std::string("SELECT 4\0", 9)),
              "< 'C' (CommandComplete) length 9 tag \"SELECT 4\" rows: 4");
    EXPECT_EQ(state.row_count, 0u);
}

TEST(TraceWire, DataLevelShowsEachRowsLengthAndFieldsButNotItsValues)
{
    wire_trace_state state{};
    std::string row("\x00\x01\x00\x00\x00\x06secret", 12);
    bool written = false;
    std::string line = format(&state, true, 'D', row, &written);
    EXPECT_TRUE(written);
    EXPECT_EQ(line, "< 'D' (DataRow) length 12 fields 1");
    EXPECT_EQ(line.find("secret"), std::string::npos);
}

TEST(TraceWire, ErrorAndNoticeShowTheirSqlstate)
{
    wire_trace_state state{};
    std::string fields("SERROR\0C42P01\0Mno such table\0\0", 31);
    EXPECT_EQ(format(&state, false, 'E', fields),
              "< 'E' (ErrorResponse) length 31 sqlstate 42P01");
    EXPECT_EQ(format(&state, false, 'N', fields),
              "< 'N' (NoticeResponse) length 31 sqlstate 42P01");
}

TEST(TraceWire, MalformedBodiesStillTraceWithoutDetail)
{
    wire_trace_state state{};
    EXPECT_EQ(format(&state, false, 'E', std::string("SERR", 4)),
              "< 'E' (ErrorResponse) length 4 sqlstate ?");
    EXPECT_EQ(format(&state, false, 'T', std::string("\x01", 1)),
              "< 'T' (RowDescription) length 1 columns 0");
    EXPECT_EQ(format(&state, false, 'C', std::string("SELECT", 6)),
              "< 'C' (CommandComplete) length 6 tag \"?\" rows: 0");
}

TEST(TraceWire, FrontendNamesAreNotTheBackendOnes)
{
    EXPECT_STREQ(wire_trace_frontend_name('E'), "'E' (Execute)");
    EXPECT_STREQ(wire_trace_frontend_name('p'), "'p' (PasswordMessage/SASLResponse)");
    EXPECT_STREQ(wire_trace_frontend_name('Q'), "'Q' (Query)");
}

} // namespace
