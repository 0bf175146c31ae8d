// Test helper: builds protocol bytes (big-endian integers, C strings,
// whole backend messages with a correct or deliberately wrong length).
#ifndef PGO_TESTS_WIRE_MESSAGE_BUILDER_H
#define PGO_TESTS_WIRE_MESSAGE_BUILDER_H

#include <cstdint>
#include <string>

class Bytes {
public:
    Bytes &U8(uint8_t v)
    {
        data_.push_back(static_cast<char>(v));
        return *this;
    }
    Bytes &I16(int16_t v)
    {
        uint16_t u = static_cast<uint16_t>(v);
        U8(static_cast<uint8_t>(u >> 8));
        return U8(static_cast<uint8_t>(u));
    }
    Bytes &I32(int32_t v)
    {
        uint32_t u = static_cast<uint32_t>(v);
        U8(static_cast<uint8_t>(u >> 24));
        U8(static_cast<uint8_t>(u >> 16));
        U8(static_cast<uint8_t>(u >> 8));
        return U8(static_cast<uint8_t>(u));
    }
    Bytes &Str(const std::string &s)  // with its NUL
    {
        data_.append(s);
        data_.push_back('\0');
        return *this;
    }
    Bytes &Raw(const std::string &s)
    {
        data_.append(s);
        return *this;
    }
    const std::string &str() const { return data_; }
    const unsigned char *data() const
    {
        return reinterpret_cast<const unsigned char *>(data_.data());
    }
    size_t size() const { return data_.size(); }

private:
    std::string data_;
};

// A whole backend message: type, length (body + 4), body.
inline std::string Message(char type, const Bytes &body)
{
    Bytes out;
    out.U8(static_cast<uint8_t>(type)).I32(static_cast<int32_t>(body.size() + 4)).Raw(body.str());
    return out.str();
}

// A message whose length field lies.
inline std::string MessageWithLength(char type, int32_t length, const Bytes &body)
{
    Bytes out;
    out.U8(static_cast<uint8_t>(type)).I32(length).Raw(body.str());
    return out.str();
}

inline std::string AuthOk() { return Message('R', Bytes().I32(0)); }
inline std::string ParameterStatus(const std::string &name, const std::string &value)
{
    return Message('S', Bytes().Str(name).Str(value));
}
inline std::string BackendKey(int32_t pid, int32_t key)
{
    return Message('K', Bytes().I32(pid).I32(key));
}
inline std::string Ready(char status) { return Message('Z', Bytes().U8(static_cast<uint8_t>(status))); }
inline std::string ErrorMessage(char type, const std::string &sqlstate, const std::string &text)
{
    return Message(type, Bytes().U8('S').Str("ERROR").U8('V').Str("ERROR").U8('C').Str(sqlstate)
                             .U8('M').Str(text).U8(0));
}
// RowDescription with text columns of type int4 (oid 23).
inline std::string RowDescription(const std::string &first, const std::string &second)
{
    Bytes body;
    body.I16(2);
    for (const std::string &name : {first, second}) {
        body.Str(name).I32(0).I16(0).I32(23).I16(4).I32(-1).I16(0);
    }
    return Message('T', body);
}

#endif
