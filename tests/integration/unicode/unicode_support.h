// Shared by the Unicode integration tests (unicode/): a connection made
// with SQLDriverConnectW, so that unixODBC treats the driver as a Unicode
// driver and passes every W call straight to it, and helpers for SQLWCHAR
// text (UTF-16, as unixODBC's SQLWCHAR) written as u"" literals.
#ifndef PGO_TESTS_INTEGRATION_UNICODE_SUPPORT_H
#define PGO_TESTS_INTEGRATION_UNICODE_SUPPORT_H

#include "odbc_test.h"

#include <sqlucode.h>

#include <string>
#include <vector>

namespace pgo_test {

static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "SQLWCHAR is UTF-16 under unixODBC");

// "x 🌜 z": U+1F31C is the surrogate pair D83C DF1C, F0 9F 8C 9C in UTF-8.
inline const std::u16string kMoonText = u"x \U0001F31C z";
inline const std::string kMoonHex = "7820f09f8c9c207a";

inline std::vector<SQLWCHAR> wide(const std::u16string &text) {
    std::vector<SQLWCHAR> units(text.begin(), text.end());
    units.push_back(0);
    return units;
}

// The units before the terminator (or all of them).
inline std::u16string from_wide(const SQLWCHAR *units, size_t capacity) {
    std::u16string text;
    for (size_t i = 0; i < capacity && units[i] != 0; ++i) {
        text.push_back(static_cast<char16_t>(units[i]));
    }
    return text;
}

// UTF-8 bytes of UTF-16 text (well-formed input only), for messages.
inline std::string utf8(const std::u16string &text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char32_t c = text[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.size()) {
            c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

struct WideDiag {
    SQLRETURN rc = SQL_ERROR;
    std::u16string state;
    std::u16string message;
    SQLSMALLINT text_length = 0;
};

// Record record of the handle through SQLGetDiagRecW with a buffer of
// buffer_units characters.
inline WideDiag wide_diag(SQLSMALLINT handle_type, SQLHANDLE handle, SQLSMALLINT record,
                          SQLSMALLINT buffer_units = 1024) {
    WideDiag diag;
    SQLWCHAR state[6] = {0};
    std::vector<SQLWCHAR> message(static_cast<size_t>(buffer_units) + 1, 0xAAAA);
    SQLINTEGER native = 0;
    diag.rc = SQLGetDiagRecW(handle_type, handle, record, state, &native, message.data(),
                             buffer_units, &diag.text_length);
    diag.state = from_wide(state, 6);
    diag.message = from_wide(message.data(), message.size());
    return diag;
}

// Every record, as UTF-8, for failure messages.
inline std::string wide_diags_text(SQLSMALLINT handle_type, SQLHANDLE handle) {
    std::string text;
    for (SQLSMALLINT record = 1; record < 20; ++record) {
        WideDiag diag = wide_diag(handle_type, handle, record);
        if (!succeeded(diag.rc)) {
            break;
        }
        text += "\n  [" + utf8(diag.state) + "] " + utf8(diag.message);
    }
    return text.empty() ? "(no diagnostic records)" : text;
}

#define EXPECT_WIDE_OK(rc, type, handle) \
    EXPECT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) \
                                           << ::pgo_test::wide_diags_text(type, handle)
#define ASSERT_WIDE_OK(rc, type, handle) \
    ASSERT_TRUE(::pgo_test::succeeded(rc)) << ::pgo_test::rc_name(rc) \
                                           << ::pgo_test::wide_diags_text(type, handle)

class WideTest : public OdbcTest {
protected:
    SQLHDBC dbc = SQL_NULL_HDBC;
    bool is_connected = false;
    std::u16string out_string;
    SQLSMALLINT out_length = 0;

    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        ASSERT_NO_FATAL_FAILURE(connect_wide(tcp_string("pgo_trust") + extra_keywords()));
    }

    void TearDown() override {
        if (dbc != SQL_NULL_HDBC) {
            if (is_connected) {
                SQLDisconnect(dbc);
            }
            SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        }
    }

    virtual std::string extra_keywords() const { return ""; }

    // SQLDriverConnectW with an ASCII connection string.
    void connect_wide(const std::string &connection_string) {
        ASSERT_TRUE(succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env->get(), &dbc)));
        std::vector<SQLWCHAR> in(connection_string.begin(), connection_string.end());
        in.push_back(0);
        std::vector<SQLWCHAR> out(1024, 0);
        SQLRETURN rc = SQLDriverConnectW(dbc, nullptr, in.data(), SQL_NTS, out.data(),
                                         static_cast<SQLSMALLINT>(out.size()), &out_length,
                                         SQL_DRIVER_NOPROMPT);
        ASSERT_WIDE_OK(rc, SQL_HANDLE_DBC, dbc);
        is_connected = true;
        out_string = from_wide(out.data(), out.size());
    }

    // Runs sql through SQLExecDirectW; returns the first column of the first
    // row read with SQLGetData(SQL_C_CHAR), i.e. the server's UTF-8.
    std::string wide_scalar(const std::u16string &sql) {
        Statement stmt(dbc);
        std::vector<SQLWCHAR> text = wide(sql);
        SQLRETURN rc = SQLExecDirectW(stmt.get(), text.data(), SQL_NTS);
        EXPECT_WIDE_OK(rc, SQL_HANDLE_STMT, stmt.get());
        rc = SQLFetch(stmt.get());
        EXPECT_WIDE_OK(rc, SQL_HANDLE_STMT, stmt.get());
        Diags diags;
        auto value = get_text(stmt.get(), 1, &rc, &diags);
        EXPECT_TRUE(succeeded(rc)) << format_diags(diags);
        return value.value_or("(null)");
    }
};

} // namespace pgo_test

#endif
