// Support for the parameter-conversion tests: one call of
// types_convert_from_c into a buffer that already holds a two-byte prefix,
// so every test also proves that the value is appended after what was
// there, and that a failure leaves the buffer as it was.
#ifndef PGO_TESTS_UNIT_TYPES_FROM_C_SUPPORT_H
#define PGO_TESTS_UNIT_TYPES_FROM_C_SUPPORT_H

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "types/from_c.h"
#include "types/type_table.h"
#include "util/buf.h"
}

namespace pgo_from_c_test {

using Bytes = std::vector<unsigned char>;

struct Sent {
    int rc = 0;
    Bytes bytes;  // what was appended after the prefix
    struct types_param_encoding encoding {};
    struct error error {};
    size_t length_after = 0;  // out->length after the call, prefix included
    std::string state() const { return error.sqlstate; }
    std::string text() const { return std::string(bytes.begin(), bytes.end()); }
};

struct Target {
    SQLSMALLINT sql_type;
    SQLULEN column_size = 0;
    SQLSMALLINT decimal_digits = 0;
};

inline Sent SendRaw(SQLSMALLINT c_type, const void *data, size_t length_bytes, Target target,
                    SQLSMALLINT numeric_scale = 0, size_t max_bytes = 1u << 20)
{
    Sent sent;
    error_init(&sent.error);
    struct buf out;
    buf_init(&out, max_bytes);
    EXPECT_EQ(0, buf_append(&out, "XY", 2));
    struct types_param_value value;
    value.c_type = c_type;
    value.data = data;
    value.length_bytes = length_bytes;
    value.numeric_precision = 0;
    value.numeric_scale = numeric_scale;
    struct types_param_type type;
    type.sql_type = target.sql_type;
    type.column_size = target.column_size;
    type.decimal_digits = target.decimal_digits;
    sent.rc = types_convert_from_c(&value, &type, &out, &sent.encoding, &sent.error);
    sent.length_after = out.length;
    if (out.length >= 2) {
        EXPECT_EQ(0, std::memcmp(out.data, "XY", 2)) << "the prefix was overwritten";
        sent.bytes.assign(out.data + 2, out.data + out.length);
    }
    if (sent.rc != 0)
        EXPECT_EQ(2u, out.length) << "a failure must leave the buffer as it was";
    buf_reset(&out);
    return sent;
}

template <typename T>
inline Sent Send(SQLSMALLINT c_type, const T &value, Target target)
{
    return SendRaw(c_type, &value, sizeof value, target);
}

inline Sent SendText(const std::string &text, Target target)
{
    return SendRaw(SQL_C_CHAR, text.data(), text.size(), target);
}

// UTF-16 in host order, as SQLWCHAR holds it.
inline Sent SendWide(const std::u16string &text, Target target)
{
    return SendRaw(SQL_C_WCHAR, text.data(), text.size() * 2, target);
}

inline Bytes BigEndian(uint64_t value, size_t size)
{
    Bytes bytes(size);
    for (size_t i = 0; i < size; i++)
        bytes[i] = (unsigned char)(value >> (8 * (size - 1 - i)));
    return bytes;
}

inline Bytes DoubleBytes(double value)
{
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return BigEndian(bits, 8);
}

inline Bytes FloatBytes(float value)
{
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return BigEndian(bits, 4);
}

}  // namespace pgo_from_c_test

#endif
