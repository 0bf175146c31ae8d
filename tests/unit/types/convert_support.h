// Support for the conversion-matrix tests: one call of types_convert_to_c
// with a text or binary value, its outcome, error and piece state.
#ifndef PGO_TESTS_UNIT_TYPES_CONVERT_SUPPORT_H
#define PGO_TESTS_UNIT_TYPES_CONVERT_SUPPORT_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "types/convert.h"
#include "types/type_table.h"
}

namespace pgo_types_test {

struct Conversion {
    int rc = 0;
    struct types_outcome out {};
    struct types_piece_state piece {};
    struct error error {};
    std::string state() const { return error.sqlstate; }
};

struct Source {
    uint32_t oid;
    std::vector<unsigned char> bytes;
    bool is_binary = false;
    int32_t type_modifier = -1;
};

inline Source Text(uint32_t oid, const std::string &text, int32_t type_modifier = -1)
{
    return Source{oid, std::vector<unsigned char>(text.begin(), text.end()), false, type_modifier};
}

inline Source Binary(uint32_t oid, std::vector<unsigned char> bytes, int32_t type_modifier = -1)
{
    return Source{oid, std::move(bytes), true, type_modifier};
}

// Converts source into buffer; piece carries on from a previous call.
inline Conversion Convert(const Source &source, SQLSMALLINT c_type, void *buffer,
                          SQLLEN buffer_length, struct types_piece_state piece = {},
                          SQLSMALLINT precision = 0, SQLSMALLINT scale = 0)
{
    Conversion result;
    error_init(&result.error);
    result.piece = piece;
    struct types_value value;
    value.type_oid = source.oid;
    value.type_modifier = source.type_modifier;
    value.is_binary = source.is_binary;
    value.data = source.bytes.data();
    value.length_bytes = source.bytes.size();
    struct types_target target;
    target.c_type = c_type;
    target.buffer = buffer;
    target.buffer_length_bytes = buffer_length;
    target.numeric_precision = precision;
    target.numeric_scale = scale;
    result.rc = types_convert_to_c(&value, &target, &result.piece, &result.out, &result.error);
    return result;
}

// Fixed-size conversions: the value in T, or the failing conversion.
template <typename T>
inline Conversion ConvertFixed(const Source &source, SQLSMALLINT c_type, T *out)
{
    std::memset(out, 0x5a, sizeof *out);
    return Convert(source, c_type, out, sizeof *out);
}

inline std::vector<unsigned char> BigEndian(uint64_t value, size_t bytes)
{
    std::vector<unsigned char> out(bytes);
    for (size_t i = 0; i < bytes; i++)
        out[bytes - 1 - i] = static_cast<unsigned char>(value >> (8 * i));
    return out;
}

} // namespace pgo_types_test

#endif
