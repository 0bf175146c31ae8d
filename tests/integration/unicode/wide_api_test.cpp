// The W entry points through the driver manager: text outside the Basic
// Multilingual Plane reaches the server exactly (checked with the server's
// own octet_length and hex of the UTF-8), names and messages come back as
// UTF-16 with lengths in characters or bytes as each function's reference
// page says, and truncation happens at a character boundary with 01004
// (or SQL_SUCCESS_WITH_INFO for the diagnostic functions) and the full
// length.
#include "unicode_support.h"

namespace pgo_test {
namespace {

class WideApiTest : public WideTest {};

TEST_F(WideApiTest, ExecDirectWSendsNonBmpTextExactly) {
    std::string answer = wide_scalar(u"SELECT octet_length(t) || '/' || length(t) || '/' || "
                                     u"encode(convert_to(t, 'UTF8'), 'hex') FROM (SELECT '" +
                                     kMoonText + u"'::text AS t) s");
    EXPECT_EQ(answer, "8/5/" + kMoonHex);
}

TEST_F(WideApiTest, ExecDirectWHonoursALengthInCharacters) {
    // The statement is the first TextLength characters of a longer buffer.
    std::u16string sql = u"SELECT encode(convert_to('" + kMoonText + u"', 'UTF8'), 'hex')";
    std::u16string longer = sql + u" garbage that must not be sent";
    Statement stmt(dbc);
    std::vector<SQLWCHAR> text = wide(longer);
    SQLRETURN rc =
        SQLExecDirectW(stmt.get(), text.data(), static_cast<SQLINTEGER>(sql.size()));
    ASSERT_WIDE_OK(rc, SQL_HANDLE_STMT, stmt.get());
    ASSERT_WIDE_OK(SQLFetch(stmt.get()), SQL_HANDLE_STMT, stmt.get());
    Diags diags;
    EXPECT_EQ(get_text(stmt.get(), 1, &rc, &diags).value_or(""), kMoonHex);
}

TEST_F(WideApiTest, InsertedNonBmpTextIsStoredAsItsUtf8) {
    Statement create(dbc);
    std::vector<SQLWCHAR> ddl = wide(u"CREATE TEMP TABLE wide_moon (v text)");
    ASSERT_WIDE_OK(SQLExecDirectW(create.get(), ddl.data(), SQL_NTS), SQL_HANDLE_STMT,
                   create.get());
    Statement insert(dbc);
    std::vector<SQLWCHAR> dml = wide(u"INSERT INTO wide_moon VALUES ('" + kMoonText + u"')");
    ASSERT_WIDE_OK(SQLExecDirectW(insert.get(), dml.data(), SQL_NTS), SQL_HANDLE_STMT,
                   insert.get());
    EXPECT_EQ(wide_scalar(u"SELECT octet_length(v) || '/' || encode(convert_to(v, 'UTF8'), "
                          u"'hex') FROM wide_moon"),
              "8/" + kMoonHex);
}

TEST_F(WideApiTest, PrepareWAndWideParameterAndResultKeepSurrogatePairs) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql =
        wide(u"SELECT ?::text || '\U0001F31D', encode(convert_to(?::text, 'UTF8'), 'hex')");
    ASSERT_WIDE_OK(SQLPrepareW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT, stmt.get());
    std::vector<SQLWCHAR> value = wide(kMoonText);
    SQLLEN indicator = SQL_NTS;
    for (SQLUSMALLINT parameter = 1; parameter <= 2; ++parameter) {
        ASSERT_WIDE_OK(SQLBindParameter(stmt.get(), parameter, SQL_PARAM_INPUT, SQL_C_WCHAR,
                                        SQL_WVARCHAR, 10, 0, value.data(),
                                        static_cast<SQLLEN>(value.size() * sizeof(SQLWCHAR)),
                                        &indicator),
                       SQL_HANDLE_STMT, stmt.get());
    }
    ASSERT_WIDE_OK(SQLExecute(stmt.get()), SQL_HANDLE_STMT, stmt.get());
    ASSERT_WIDE_OK(SQLFetch(stmt.get()), SQL_HANDLE_STMT, stmt.get());
    SQLWCHAR result[32];
    SQLLEN length = 0;
    ASSERT_WIDE_OK(SQLGetData(stmt.get(), 1, SQL_C_WCHAR, result, sizeof result, &length),
                   SQL_HANDLE_STMT, stmt.get());
    std::u16string expected = kMoonText + u"\U0001F31D";
    EXPECT_EQ(from_wide(result, 32), expected);
    EXPECT_EQ(length, static_cast<SQLLEN>(expected.size() * sizeof(SQLWCHAR)));
    char hex[64] = {0};
    ASSERT_WIDE_OK(SQLGetData(stmt.get(), 2, SQL_C_CHAR, hex, sizeof hex, &length),
                   SQL_HANDLE_STMT, stmt.get());
    EXPECT_STREQ(hex, kMoonHex.c_str());
}

TEST_F(WideApiTest, WideResultInPiecesNeverSplitsASurrogatePair) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT 'a\U0001F31Cb\U0001F31Dc'::text");
    ASSERT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT, stmt.get());
    ASSERT_WIDE_OK(SQLFetch(stmt.get()), SQL_HANDLE_STMT, stmt.get());
    // Room for two units and the terminator: a pair never fits after a
    // character, so each piece holds whole characters only.
    std::u16string whole;
    std::vector<std::u16string> pieces;
    for (int call = 0; call < 10; ++call) {
        SQLWCHAR piece[3] = {0xAAAA, 0xAAAA, 0xAAAA};
        SQLLEN length = 0;
        SQLRETURN rc = SQLGetData(stmt.get(), 1, SQL_C_WCHAR, piece, sizeof piece, &length);
        if (rc == SQL_NO_DATA) {
            break;
        }
        ASSERT_WIDE_OK(rc, SQL_HANDLE_STMT, stmt.get());
        std::u16string got = from_wide(piece, 3);
        ASSERT_FALSE(got.empty()) << "no progress at call " << call;
        EXPECT_FALSE(got.back() >= 0xD800 && got.back() <= 0xDBFF)
            << "piece " << call << " ends inside a surrogate pair";
        pieces.push_back(got);
        whole += got;
    }
    EXPECT_EQ(whole, u"a\U0001F31Cb\U0001F31Dc");
    EXPECT_EQ(pieces.size(), 5u); // a | 🌜 | b | 🌝 | c
}

TEST_F(WideApiTest, DescribeColWReturnsANonAsciiNameWithItsLengthInCharacters) {
    Statement stmt(dbc);
    std::u16string name = u"m\u00f6nd\U0001F31C";
    std::vector<SQLWCHAR> sql = wide(u"SELECT 1 AS \"" + name + u"\"");
    ASSERT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT, stmt.get());
    SQLWCHAR buffer[32];
    SQLSMALLINT length = 0;
    SQLSMALLINT type = 0;
    SQLULEN size = 0;
    SQLSMALLINT digits = 0;
    SQLSMALLINT nullable = 0;
    ASSERT_EQ(SQLDescribeColW(stmt.get(), 1, buffer, 32, &length, &type, &size, &digits,
                              &nullable),
              SQL_SUCCESS)
        << wide_diags_text(SQL_HANDLE_STMT, stmt.get());
    EXPECT_EQ(from_wide(buffer, 32), name);
    EXPECT_EQ(length, 6); // m ö n d and the pair's two units
    EXPECT_EQ(type, SQL_INTEGER);
}

TEST_F(WideApiTest, DescribeColWTruncatesBeforeAPairWith01004AndTheFullLength) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT 1 AS \"ab\U0001F31C\"");
    ASSERT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT, stmt.get());
    // Four characters of room: "ab", then the pair would need the 3rd and
    // 4th while the 4th is the terminator's.
    SQLWCHAR buffer[5] = {0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA};
    SQLSMALLINT length = 0;
    SQLRETURN rc =
        SQLDescribeColW(stmt.get(), 1, buffer, 4, &length, nullptr, nullptr, nullptr, nullptr);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(from_wide(buffer, 5), u"ab");
    EXPECT_EQ(buffer[4], 0xAAAA) << "wrote past the buffer";
    EXPECT_EQ(length, 4);
    WideDiag diag = wide_diag(SQL_HANDLE_STMT, stmt.get(), 1);
    EXPECT_EQ(diag.state, u"01004");
}

TEST_F(WideApiTest, ColAttributeWLabelCountsBytes) {
    Statement stmt(dbc);
    std::u16string name = u"\u00e9t\u00e9\U0001F31C";
    std::vector<SQLWCHAR> sql = wide(u"SELECT 'v' AS \"" + name + u"\"");
    ASSERT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT, stmt.get());
    SQLWCHAR label[16];
    SQLSMALLINT length_bytes = 0;
    ASSERT_EQ(SQLColAttributeW(stmt.get(), 1, SQL_DESC_LABEL, label, sizeof label, &length_bytes,
                               nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(from_wide(label, 16), name);
    EXPECT_EQ(length_bytes, static_cast<SQLSMALLINT>(5 * sizeof(SQLWCHAR)));
    // 8 bytes: three characters and the terminator; the pair does not fit.
    SQLWCHAR short_label[4];
    ASSERT_EQ(SQLColAttributeW(stmt.get(), 1, SQL_DESC_LABEL, short_label, sizeof short_label,
                               &length_bytes, nullptr),
              SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(from_wide(short_label, 4), u"\u00e9t\u00e9");
    EXPECT_EQ(length_bytes, static_cast<SQLSMALLINT>(5 * sizeof(SQLWCHAR)));
    // Numeric fields are untouched by the W form.
    SQLLEN concise = 0;
    ASSERT_EQ(SQLColAttributeW(stmt.get(), 1, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr,
                               &concise),
              SQL_SUCCESS);
    EXPECT_EQ(concise, SQL_WLONGVARCHAR); // text, described wide to a W application
}

TEST_F(WideApiTest, GetDiagRecWReturnsANonAsciiServerMessageInCharacters) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT CAST('Gr\u00fc\u00dfe\U0001F31C' AS int)");
    ASSERT_EQ(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_ERROR);
    WideDiag diag = wide_diag(SQL_HANDLE_STMT, stmt.get(), 1);
    ASSERT_EQ(diag.rc, SQL_SUCCESS);
    EXPECT_EQ(diag.state, u"22P02");
    std::u16string fragment = u"invalid input syntax for type integer: \"Gr\u00fc\u00dfe\U0001F31C\"";
    EXPECT_NE(diag.message.find(fragment), std::u16string::npos) << utf8(diag.message);
    EXPECT_EQ(diag.text_length, static_cast<SQLSMALLINT>(diag.message.size()));

    // A buffer of 10 characters: 9 and the terminator, the whole length,
    // SQL_SUCCESS_WITH_INFO and no new record.
    WideDiag cut = wide_diag(SQL_HANDLE_STMT, stmt.get(), 1, 10);
    EXPECT_EQ(cut.rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(cut.message, diag.message.substr(0, 9));
    EXPECT_EQ(cut.text_length, diag.text_length);
    EXPECT_EQ(wide_diag(SQL_HANDLE_STMT, stmt.get(), 2).rc, SQL_NO_DATA);
}

TEST_F(WideApiTest, GetDiagFieldWCountsBytes) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT CAST('\u00fc' AS int)");
    ASSERT_EQ(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_ERROR);
    WideDiag rec = wide_diag(SQL_HANDLE_STMT, stmt.get(), 1);
    SQLWCHAR message[512];
    SQLSMALLINT length_bytes = 0;
    ASSERT_EQ(SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt.get(), 1, SQL_DIAG_MESSAGE_TEXT, message,
                               sizeof message, &length_bytes),
              SQL_SUCCESS);
    EXPECT_EQ(from_wide(message, 512), rec.message);
    EXPECT_EQ(length_bytes, static_cast<SQLSMALLINT>(rec.message.size() * sizeof(SQLWCHAR)));
    SQLWCHAR state[6];
    ASSERT_EQ(SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt.get(), 1, SQL_DIAG_SQLSTATE, state,
                               sizeof state, &length_bytes),
              SQL_SUCCESS);
    EXPECT_EQ(from_wide(state, 6), u"22P02");
    EXPECT_EQ(length_bytes, 10);
    SQLINTEGER native = -1;
    ASSERT_EQ(SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt.get(), 1, SQL_DIAG_NATIVE, &native, 0,
                               nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(native, 1); // ERROR severity
}

TEST_F(WideApiTest, LoneSurrogateInStatementTextIs22018) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT 'x");
    sql.back() = 0xD83C; // a high surrogate with no low one after it
    sql.push_back('\'');
    sql.push_back(0);
    ASSERT_EQ(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_ERROR);
    WideDiag diag = wide_diag(SQL_HANDLE_STMT, stmt.get(), 1);
    EXPECT_EQ(diag.state, u"22018");
    EXPECT_NE(diag.message.find(u"lone UTF-16 surrogate (0xD83C) at character 10"),
              std::u16string::npos)
        << utf8(diag.message);
}

TEST_F(WideApiTest, DriverConnectWCompletesTheOutStringInCharacters) {
    EXPECT_NE(out_string.find(u"UID=pgo_trust"), std::u16string::npos) << utf8(out_string);
    EXPECT_EQ(out_length, static_cast<SQLSMALLINT>(out_string.size()));
}

TEST_F(WideApiTest, DriverConnectWTruncatesTheOutStringAtACharacterBoundary) {
    // ApplicationName is echoed in the completed string; give it a pair
    // that straddles the end of the buffer.
    std::u16string in = u"DRIVER={pgodbc};Server=";
    for (char c : harness.host() + ";Port=" + harness.port() +
                      ";Database=pgo_db;UID=pgo_trust;ApplicationName=")
        in.push_back(static_cast<char16_t>(c));
    in += u"\U0001F31C\U0001F31C;";
    SQLHDBC other = SQL_NULL_HDBC;
    ASSERT_TRUE(succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env->get(), &other)));
    std::vector<SQLWCHAR> in_units = wide(in);
    std::vector<SQLWCHAR> full(1024, 0);
    SQLSMALLINT full_length = 0;
    SQLRETURN rc = SQLDriverConnectW(other, nullptr, in_units.data(), SQL_NTS, full.data(), 1024,
                                     &full_length, SQL_DRIVER_NOPROMPT);
    ASSERT_WIDE_OK(rc, SQL_HANDLE_DBC, other);
    std::u16string completed = from_wide(full.data(), full.size());
    SQLDisconnect(other);
    size_t pair = completed.find(u"\U0001F31C");
    ASSERT_NE(pair, std::u16string::npos) << utf8(completed);
    EXPECT_EQ(full_length, static_cast<SQLSMALLINT>(completed.size()));

    // Room for the text up to and including the pair's high surrogate.
    SQLSMALLINT room = static_cast<SQLSMALLINT>(pair + 2);
    std::vector<SQLWCHAR> cut(static_cast<size_t>(room) + 1, 0xAAAA);
    SQLSMALLINT cut_length = 0;
    rc = SQLDriverConnectW(other, nullptr, in_units.data(), SQL_NTS, cut.data(), room,
                           &cut_length, SQL_DRIVER_NOPROMPT);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO) << wide_diags_text(SQL_HANDLE_DBC, other);
    EXPECT_EQ(from_wide(cut.data(), cut.size()), completed.substr(0, pair));
    EXPECT_EQ(cut[static_cast<size_t>(room)], 0xAAAA) << "wrote past the buffer";
    EXPECT_EQ(cut_length, full_length);
    EXPECT_EQ(wide_diag(SQL_HANDLE_DBC, other, 1).state, u"01004");
    SQLDisconnect(other);
    SQLFreeHandle(SQL_HANDLE_DBC, other);
}

TEST_F(WideApiTest, ConnectWOpensTheDsnWithAWideUserAndPassword) {
    SQLHDBC other = SQL_NULL_HDBC;
    ASSERT_TRUE(succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env->get(), &other)));
    std::vector<SQLWCHAR> dsn = wide(u"pgo_test");
    std::vector<SQLWCHAR> user = wide(u"pgo_scram");
    const std::string password8 = harness.password();
    std::u16string password16(password8.begin(), password8.end());
    std::vector<SQLWCHAR> password = wide(password16);
    SQLRETURN rc = SQLConnectW(other, dsn.data(), SQL_NTS, user.data(), SQL_NTS, password.data(),
                               SQL_NTS);
    EXPECT_WIDE_OK(rc, SQL_HANDLE_DBC, other);
    if (succeeded(rc)) {
        {
            Statement stmt(other);
            std::vector<SQLWCHAR> sql = wide(u"SELECT current_user");
            EXPECT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT,
                           stmt.get());
            EXPECT_WIDE_OK(SQLFetch(stmt.get()), SQL_HANDLE_STMT, stmt.get());
            SQLWCHAR who[32] = {0};
            SQLLEN length = 0;
            EXPECT_WIDE_OK(SQLGetData(stmt.get(), 1, SQL_C_WCHAR, who, sizeof who, &length),
                           SQL_HANDLE_STMT, stmt.get());
            EXPECT_EQ(from_wide(who, 32), u"pgo_scram");
        }
        SQLDisconnect(other);
    }
    SQLFreeHandle(SQL_HANDLE_DBC, other);
}

TEST_F(WideApiTest, GetInfoWStringsCountBytesAndTruncateWith01004) {
    SQLWCHAR name[32];
    SQLSMALLINT length_bytes = 0;
    ASSERT_EQ(SQLGetInfoW(dbc, SQL_DBMS_NAME, name, sizeof name, &length_bytes), SQL_SUCCESS);
    EXPECT_EQ(from_wide(name, 32), u"PostgreSQL");
    EXPECT_EQ(length_bytes, 20);
    SQLWCHAR short_name[3] = {0xAAAA, 0xAAAA, 0xAAAA};
    EXPECT_EQ(SQLGetInfoW(dbc, SQL_DBMS_NAME, short_name, sizeof short_name, &length_bytes),
              SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(from_wide(short_name, 3), u"Po");
    EXPECT_EQ(length_bytes, 20);
    EXPECT_EQ(wide_diag(SQL_HANDLE_DBC, dbc, 1).state, u"01004");
    // Numbers pass through untouched.
    SQLUSMALLINT txn = 0;
    ASSERT_EQ(SQLGetInfoW(dbc, SQL_TXN_CAPABLE, &txn, sizeof txn, nullptr), SQL_SUCCESS);
    EXPECT_EQ(txn, SQL_TC_ALL);
}

TEST_F(WideApiTest, GetConnectAttrWCurrentCatalogCountsBytes) {
    SQLWCHAR catalog[32];
    SQLINTEGER length_bytes = 0;
    ASSERT_EQ(SQLGetConnectAttrW(dbc, SQL_ATTR_CURRENT_CATALOG, catalog, sizeof catalog,
                                 &length_bytes),
              SQL_SUCCESS);
    EXPECT_EQ(from_wide(catalog, 32), u"pgo_db");
    EXPECT_EQ(length_bytes, 12);
    SQLUINTEGER autocommit = 0;
    ASSERT_EQ(SQLGetConnectAttrW(dbc, SQL_ATTR_AUTOCOMMIT, &autocommit, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(autocommit, static_cast<SQLUINTEGER>(SQL_AUTOCOMMIT_ON));
}

TEST_F(WideApiTest, NativeSqlWReturnsTheTextWithItsLengthInCharacters) {
    std::vector<SQLWCHAR> in = wide(u"SELECT '" + kMoonText + u"'");
    SQLWCHAR out[64];
    SQLINTEGER length = 0;
    ASSERT_EQ(SQLNativeSqlW(dbc, in.data(), SQL_NTS, out, 64, &length), SQL_SUCCESS);
    EXPECT_EQ(from_wide(out, 64), u"SELECT '" + kMoonText + u"'");
    EXPECT_EQ(length, static_cast<SQLINTEGER>(in.size() - 1));
    // Room for "SELECT 'x " and the pair's high surrogate: cut before the pair.
    SQLWCHAR cut[12];
    ASSERT_EQ(SQLNativeSqlW(dbc, in.data(), SQL_NTS, cut, 12, &length), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(from_wide(cut, 12), u"SELECT 'x ");
    EXPECT_EQ(length, static_cast<SQLINTEGER>(in.size() - 1));
}

TEST_F(WideApiTest, CursorNameWRoundTripsANonAsciiNameInCharacters) {
    Statement stmt(dbc);
    std::u16string name = u"curseur_\u00e9\U0001F31C";
    std::vector<SQLWCHAR> units = wide(name);
    ASSERT_WIDE_OK(SQLSetCursorNameW(stmt.get(), units.data(), SQL_NTS), SQL_HANDLE_STMT,
                   stmt.get());
    SQLWCHAR got[32];
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQLGetCursorNameW(stmt.get(), got, 32, &length), SQL_SUCCESS);
    EXPECT_EQ(from_wide(got, 32), name);
    EXPECT_EQ(length, static_cast<SQLSMALLINT>(name.size()));
    // Room for "curseur_é" and the pair's high surrogate: cut before the pair.
    SQLWCHAR cut[11];
    ASSERT_EQ(SQLGetCursorNameW(stmt.get(), cut, 11, &length), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(from_wide(cut, 11), u"curseur_\u00e9");
    EXPECT_EQ(length, static_cast<SQLSMALLINT>(name.size()));
    EXPECT_EQ(wide_diag(SQL_HANDLE_STMT, stmt.get(), 1).state, u"01004");
}

class WideCharTypesTest : public WideTest {
protected:
    std::string extra_keywords() const override { return "WideCharTypes=1;"; }
};

struct ColumnTypes {
    std::vector<SQLSMALLINT> described;
    std::vector<SQLLEN> concise;
};

ColumnTypes character_column_types(SQLHDBC dbc) {
    ColumnTypes types;
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT 'a'::char(3), 'b'::varchar(5), 'c'::text, 1");
    EXPECT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT,
                   stmt.get());
    for (SQLUSMALLINT column = 1; column <= 4; ++column) {
        SQLSMALLINT type = 0;
        EXPECT_EQ(SQLDescribeColW(stmt.get(), column, nullptr, 0, nullptr, &type, nullptr,
                                  nullptr, nullptr),
                  SQL_SUCCESS);
        types.described.push_back(type);
        SQLLEN concise = 0;
        EXPECT_EQ(SQLColAttributeW(stmt.get(), column, SQL_DESC_CONCISE_TYPE, nullptr, 0,
                                   nullptr, &concise),
                  SQL_SUCCESS);
        types.concise.push_back(concise);
    }
    return types;
}

// WideCharTypes=auto (the default): an application that connected through
// SQLDriverConnectW sees the wide types, as from psqlODBC's Unicode driver.
TEST_F(WideApiTest, CharacterColumnsAreWideTypesForAWideConnectionByDefault) {
    ColumnTypes types = character_column_types(dbc);
    std::vector<SQLSMALLINT> expected = {SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR, SQL_INTEGER};
    EXPECT_EQ(types.described, expected);
    EXPECT_EQ(types.concise, std::vector<SQLLEN>(expected.begin(), expected.end()));
}

TEST_F(WideCharTypesTest, WideCharTypesReportsTheWideTypes) {
    ColumnTypes types = character_column_types(dbc);
    std::vector<SQLSMALLINT> expected = {SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR, SQL_INTEGER};
    EXPECT_EQ(types.described, expected);
    EXPECT_EQ(types.concise, std::vector<SQLLEN>(expected.begin(), expected.end()));
}

TEST_F(WideCharTypesTest, WideTypesStillReadAsUtf8ThroughSqlCChar) {
    EXPECT_EQ(wide_scalar(u"SELECT '" + kMoonText + u"'::text"), "x \xF0\x9F\x8C\x9C z");
}

class NarrowCharTypesTest : public WideTest {
protected:
    std::string extra_keywords() const override { return "WideCharTypes=0;"; }
};

TEST_F(NarrowCharTypesTest, WideCharTypesZeroKeepsTheNarrowTypesForAWideConnection) {
    ColumnTypes types = character_column_types(dbc);
    std::vector<SQLSMALLINT> expected = {SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR, SQL_INTEGER};
    EXPECT_EQ(types.described, expected);
    EXPECT_EQ(types.concise, std::vector<SQLLEN>(expected.begin(), expected.end()));
}

// WideCharTypes=auto: an application that connected through the ANSI
// SQLDriverConnect (PHP, isql) sees the narrow types, as from psqlODBC's
// ANSI driver.
TEST_F(WideApiTest, CharacterColumnsAreNarrowTypesForAnAnsiConnectionByDefault) {
    auto ansi = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(ansi);
    ColumnTypes types = character_column_types(ansi->get());
    std::vector<SQLSMALLINT> expected = {SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR, SQL_INTEGER};
    EXPECT_EQ(types.described, expected);
    EXPECT_EQ(types.concise, std::vector<SQLLEN>(expected.begin(), expected.end()));
}

TEST_F(WideApiTest, WideCharTypesRefusesAValueThatIsNotABoolean) {
    auto refused = driver_connect(tcp_string("pgo_trust") + "WideCharTypes=maybe;");
    EXPECT_CONNECT_FAILED(refused);
    EXPECT_DIAG(refused->diags, "HY024", {"WideCharTypes", "maybe"});
}

// SQL_C_DEFAULT follows the type the column is described as: a text column
// described SQL_WLONGVARCHAR to a W application reads as SQL_C_WCHAR, with
// SQLGetData as with SQLBindCol ("Default C Data Types").
TEST_F(WideApiTest, GetDataWithDefaultTypeOfAWideColumnIsWideCharacters) {
    Statement stmt(dbc);
    std::vector<SQLWCHAR> sql = wide(u"SELECT 'd\u00e9j\u00e0'::text");
    EXPECT_WIDE_OK(SQLExecDirectW(stmt.get(), sql.data(), SQL_NTS), SQL_HANDLE_STMT,
                   stmt.get());
    ASSERT_EQ(SQLFetch(stmt.get()), SQL_SUCCESS);
    SQLWCHAR value[16] = {0};
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLGetData(stmt.get(), 1, SQL_C_DEFAULT, value, sizeof value, &indicator),
              SQL_SUCCESS);
    EXPECT_EQ(indicator, static_cast<SQLLEN>(4 * sizeof(SQLWCHAR)));
    EXPECT_EQ(from_wide(value, 16), u"d\u00e9j\u00e0");
}

TEST_F(WideApiTest, GetTypeInfoWorksOnAConnectionMadeThroughTheWFunctions) {
    // The driver manager sends a W-connected application's catalog calls
    // to their W forms: SQLGetTypeInfoW must exist and answer.
    Statement stmt(dbc);
    SQLRETURN rc = SQLGetTypeInfoW(stmt.get(), SQL_INTEGER);
    ASSERT_WIDE_OK(rc, SQL_HANDLE_STMT, stmt.get());
    ASSERT_EQ(SQLFetch(stmt.get()), SQL_SUCCESS);
    SQLSMALLINT data_type = 0;
    SQLLEN indicator = 0;
    ASSERT_TRUE(succeeded(SQLGetData(stmt.get(), 2, SQL_C_SSHORT, &data_type, 0, &indicator)));
    EXPECT_EQ(data_type, SQL_INTEGER);
}

} // namespace
} // namespace pgo_test
