// Data at execution through the driver manager: SQL_DATA_AT_EXEC and
// SQL_LEN_DATA_AT_EXEC(n) parameters sent with SQLParamData / SQLPutData,
// large text and bytea in many pieces checked against the server's own
// checksum of the same pattern, the bound token handed back by
// SQLParamData, NULL through SQLPutData, the sequence errors (HY010, HY019)
// and data at execution inside a parameter array.
// Reference: SQLBindParameter ("Passing Parameter Values"), SQLParamData,
// SQLPutData.
#include "params/params_support.h"

namespace pgo_test {
namespace {

class DataAtExecTest : public ParamFixture {
protected:
    // Walks the SQL_NEED_DATA loop: for each parameter SQLParamData names,
    // send(token) makes its SQLPutData calls. Returns SQLParamData's final
    // return code.
    template <typename Send>
    SQLRETURN feed(SQLRETURN first, Send send) {
        if (first != SQL_NEED_DATA) {
            return first;
        }
        for (int guard = 0; guard < 1000; ++guard) {
            SQLPOINTER token = nullptr;
            SQLRETURN rc = SQLParamData(h(), &token);
            if (rc != SQL_NEED_DATA) {
                return rc;
            }
            send(token);
            if (HasFatalFailure()) {
                return SQL_ERROR;
            }
        }
        ADD_FAILURE() << "SQLParamData kept asking for data";
        return SQL_ERROR;
    }
};

const std::string kPattern = "0123456789abcdef"; // 16 bytes
const size_t kTenMegabytes = 10u * 1024 * 1024;
const size_t kPieceBytes = 64u * 1024;

TEST_F(DataAtExecTest, TenMegabytesOfTextIn64KbPiecesArriveWhole) {
    std::string table = value_table("text");
    std::string piece;
    while (piece.size() < kPieceBytes) {
        piece += kPattern;
    }
    SQLLEN indicator = SQL_LEN_DATA_AT_EXEC(static_cast<SQLLEN>(kTenMegabytes));
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_LONGVARCHAR, reinterpret_cast<SQLPOINTER>(1), 0, &indicator,
                   kTenMegabytes),
              diags());
    SQLRETURN rc = exec("INSERT INTO " + table + " (v) VALUES (?)");
    ASSERT_EQ(rc, SQL_NEED_DATA) << rc_name(rc) << format_diags(diags());
    size_t pieces = 0;
    rc = feed(rc, [&](SQLPOINTER token) {
        EXPECT_EQ(token, reinterpret_cast<SQLPOINTER>(1));
        for (size_t sent = 0; sent < kTenMegabytes; sent += kPieceBytes) {
            SQLRETURN put = SQLPutData(h(), const_cast<char *>(piece.data()),
                                       static_cast<SQLLEN>(kPieceBytes));
            ASSERT_OK(put, diags());
            ++pieces;
        }
    });
    ASSERT_OK(rc, diags());
    EXPECT_EQ(pieces, kTenMegabytes / kPieceBytes);
    std::string repeats = std::to_string(kTenMegabytes / kPattern.size());
    EXPECT_EQ(value_of("SELECT length(v) || ' ' || (md5(v) = md5(repeat('" + kPattern + "', " +
                       repeats + ")))::text FROM " + table),
              std::to_string(kTenMegabytes) + " true");
}

TEST_F(DataAtExecTest, TenMegabytesOfByteaInPiecesWithDataAtExecArriveWhole) {
    std::string table = value_table("bytea");
    std::vector<unsigned char> piece(kPieceBytes);
    for (size_t i = 0; i < piece.size(); ++i) {
        piece[i] = static_cast<unsigned char>(i % 256); // every byte value, NULs included
    }
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_BINARY, SQL_LONGVARBINARY, reinterpret_cast<SQLPOINTER>(2), 0,
                   &indicator, kTenMegabytes),
              diags());
    SQLRETURN rc = exec("INSERT INTO " + table + " (v) VALUES (?)");
    ASSERT_EQ(rc, SQL_NEED_DATA) << rc_name(rc) << format_diags(diags());
    rc = feed(rc, [&](SQLPOINTER token) {
        EXPECT_EQ(token, reinterpret_cast<SQLPOINTER>(2));
        for (size_t sent = 0; sent < kTenMegabytes; sent += kPieceBytes) {
            ASSERT_OK(SQLPutData(h(), piece.data(), static_cast<SQLLEN>(kPieceBytes)), diags());
        }
    });
    ASSERT_OK(rc, diags());
    std::string repeats = std::to_string(kTenMegabytes / 256);
    EXPECT_EQ(value_of("SELECT length(v) || ' ' || (md5(v) = md5(decode(repeat("
                       "(SELECT string_agg(lpad(to_hex(g), 2, '0'), '' ORDER BY g) "
                       "FROM generate_series(0, 255) g), " +
                       repeats + "), 'hex')))::text FROM " + table),
              std::to_string(kTenMegabytes) + " true");
}

TEST_F(DataAtExecTest, ParamDataReturnsEachBoundTokenInTurn) {
    int first_token = 0, second_token = 0;
    SQLLEN first_indicator = SQL_DATA_AT_EXEC;
    SQLLEN second_indicator = SQL_LEN_DATA_AT_EXEC(5);
    SQLINTEGER plain = 7;
    SQLLEN plain_indicator = 0;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, &first_token, 0, &first_indicator, 10), diags());
    ASSERT_OK(bind(2, SQL_C_SLONG, SQL_INTEGER, &plain, 0, &plain_indicator), diags());
    ASSERT_OK(bind(3, SQL_C_CHAR, SQL_VARCHAR, &second_token, 0, &second_indicator, 10), diags());
    ASSERT_EQ(exec("SELECT ?::text, ?, ?::text"), SQL_NEED_DATA) << format_diags(diags());
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQLParamData(h(), &token), SQL_NEED_DATA) << format_diags(diags());
    EXPECT_EQ(token, static_cast<SQLPOINTER>(&first_token));
    char left[] = "left";
    ASSERT_OK(SQLPutData(h(), left, SQL_NTS), diags());
    ASSERT_EQ(SQLParamData(h(), &token), SQL_NEED_DATA) << format_diags(diags());
    EXPECT_EQ(token, static_cast<SQLPOINTER>(&second_token));
    char right[] = "ri";
    ASSERT_OK(SQLPutData(h(), right, 2), diags());
    char rest[] = "ght";
    ASSERT_OK(SQLPutData(h(), rest, 3), diags());
    ASSERT_OK(SQLParamData(h(), &token), diags());
    EXPECT_EQ(fetch_row(h()), (std::vector<std::string>{"left", "7", "right"}));
}

TEST_F(DataAtExecTest, PutDataWithNullDataSendsNull) {
    std::string table = value_table("text");
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, reinterpret_cast<SQLPOINTER>(1), 0, &indicator, 10),
              diags());
    SQLRETURN rc = exec("INSERT INTO " + table + " (v) VALUES (?)");
    ASSERT_EQ(rc, SQL_NEED_DATA) << format_diags(diags());
    rc = feed(rc, [&](SQLPOINTER) { ASSERT_OK(SQLPutData(h(), nullptr, SQL_NULL_DATA), diags()); });
    ASSERT_OK(rc, diags());
    EXPECT_EQ(stored(table), "NULL");
}

TEST_F(DataAtExecTest, IntegerAtExecutionTakesOnePutData) {
    std::string table = value_table("int4");
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, reinterpret_cast<SQLPOINTER>(1), 0, &indicator),
              diags());
    SQLRETURN rc = exec("INSERT INTO " + table + " (v) VALUES (?)");
    ASSERT_EQ(rc, SQL_NEED_DATA) << format_diags(diags());
    rc = feed(rc, [&](SQLPOINTER) {
        SQLINTEGER value = -123456;
        ASSERT_OK(SQLPutData(h(), &value, 0), diags());
    });
    ASSERT_OK(rc, diags());
    EXPECT_EQ(stored(table), "-123456");
}

TEST_F(DataAtExecTest, SecondPutDataForAnIntegerIsHY019) {
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, reinterpret_cast<SQLPOINTER>(1), 0, &indicator),
              diags());
    ASSERT_EQ(exec("SELECT ?"), SQL_NEED_DATA) << format_diags(diags());
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQLParamData(h(), &token), SQL_NEED_DATA) << format_diags(diags());
    SQLINTEGER value = 1;
    ASSERT_OK(SQLPutData(h(), &value, 0), diags());
    EXPECT_EQ(SQLPutData(h(), &value, 0), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY019", {});
    // The statement can be cancelled and used again.
    EXPECT_OK(SQLCancel(h()), diags());
    SQLLEN plain = 0;
    value = 9;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &value, 0, &plain), diags());
    EXPECT_EQ(select_value("SELECT ?"), "9");
}

TEST_F(DataAtExecTest, PutDataBeforeParamDataIsHY010) {
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, reinterpret_cast<SQLPOINTER>(1), 0, &indicator, 10),
              diags());
    ASSERT_EQ(exec("SELECT ?::text"), SQL_NEED_DATA) << format_diags(diags());
    char value[] = "x";
    EXPECT_EQ(SQLPutData(h(), value, 1), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY010", {});
    EXPECT_OK(SQLCancel(h()), diags());
}

TEST_F(DataAtExecTest, PutDataWithoutAnyExecutionIsHY010) {
    char value[] = "x";
    EXPECT_EQ(SQLPutData(h(), value, 1), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY010", {});
    SQLPOINTER token = nullptr;
    EXPECT_EQ(SQLParamData(h(), &token), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY010", {});
}

TEST_F(DataAtExecTest, PreparedStatementTakesDataAtExecutionEachTime) {
    std::string table = value_table("text");
    SQLLEN indicator = SQL_LEN_DATA_AT_EXEC(0);
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_LONGVARCHAR, reinterpret_cast<SQLPOINTER>(1), 0, &indicator),
              diags());
    ASSERT_OK(prepare("INSERT INTO " + table + " (v) VALUES (?)"), diags());
    for (const char *value : {"first", "second"}) {
        SQLRETURN rc = SQLExecute(h());
        ASSERT_EQ(rc, SQL_NEED_DATA) << rc_name(rc) << format_diags(diags());
        rc = feed(rc, [&](SQLPOINTER) {
            ASSERT_OK(SQLPutData(h(), const_cast<char *>(value), SQL_NTS), diags());
        });
        ASSERT_OK(rc, diags());
    }
    EXPECT_EQ(stored(table), "first,second");
}

TEST_F(DataAtExecTest, DataAtExecutionInsideAnArrayOfThreeSets) {
    std::string table = make_table("dae_array", "id int4, v text");
    SQLINTEGER ids[3] = {1, 2, 3};
    SQLLEN id_indicators[3] = {0, 0, 0};
    SQLLEN text_indicators[3] = {SQL_DATA_AT_EXEC, SQL_DATA_AT_EXEC, SQL_DATA_AT_EXEC};
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN processed = 0;
    ASSERT_OK(set_attr(SQL_ATTR_PARAMSET_SIZE, 3), diags());
    ASSERT_OK(set_pointer(SQL_ATTR_PARAM_STATUS_PTR, status), diags());
    ASSERT_OK(set_pointer(SQL_ATTR_PARAMS_PROCESSED_PTR, &processed), diags());
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, id_indicators), diags());
    // BufferLength 0: every set's element address is the token itself.
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, reinterpret_cast<SQLPOINTER>(7), 0, text_indicators,
                   20),
              diags());
    SQLRETURN rc = exec("INSERT INTO " + table + " VALUES (?, ?)");
    ASSERT_EQ(rc, SQL_NEED_DATA) << rc_name(rc) << format_diags(diags());
    int asked = 0;
    std::vector<SQLULEN> processed_while_asked;
    rc = feed(rc, [&](SQLPOINTER token) {
        EXPECT_EQ(token, reinterpret_cast<SQLPOINTER>(7));
        processed_while_asked.push_back(processed);
        ++asked;
        std::string value = "set" + std::to_string(asked);
        ASSERT_OK(SQLPutData(h(), const_cast<char *>(value.c_str()), SQL_NTS), diags());
    });
    ASSERT_OK(rc, diags());
    EXPECT_EQ(asked, 3);
    // "If SQL_NEED_DATA is returned, the value pointed to by ...
    // ROWS_PROCESSED_PTR ... is set to the set of parameters that is being
    // processed" (SQLBindParameter, "Using Arrays of Parameters").
    EXPECT_EQ(processed_while_asked, (std::vector<SQLULEN>{1, 2, 3}));
    EXPECT_EQ(processed, 3u);
    EXPECT_EQ(statuses(status, 3), "SSS");
    SQLLEN rows = 0;
    ASSERT_OK(SQLRowCount(h(), &rows), diags());
    EXPECT_EQ(rows, 3);
    EXPECT_EQ(value_of("SELECT string_agg(id || '=' || v, ',' ORDER BY id) FROM " + table),
              "1=set1,2=set2,3=set3");
}

TEST_F(DataAtExecTest, CancelInTheMiddleThenExecuteAgainSendsOnlyTheNewData) {
    std::string table = value_table("text");
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_LONGVARCHAR, reinterpret_cast<SQLPOINTER>(1), 0, &indicator),
              diags());
    ASSERT_OK(prepare("INSERT INTO " + table + " (v) VALUES (?)"), diags());
    ASSERT_EQ(SQLExecute(h()), SQL_NEED_DATA) << format_diags(diags());
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQLParamData(h(), &token), SQL_NEED_DATA) << format_diags(diags());
    char abandoned[] = "abandoned";
    ASSERT_OK(SQLPutData(h(), abandoned, SQL_NTS), diags());
    // "If the application calls SQLCancel while the driver still needs data
    // for data-at-execution parameters, the driver cancels statement
    // execution; the application can then call SQLExecute ... again."
    ASSERT_OK(SQLCancel(h()), diags());
    SQLRETURN rc = SQLExecute(h());
    ASSERT_EQ(rc, SQL_NEED_DATA) << rc_name(rc) << format_diags(diags());
    rc = feed(rc, [&](SQLPOINTER) {
        char kept[] = "kept";
        ASSERT_OK(SQLPutData(h(), kept, SQL_NTS), diags());
    });
    ASSERT_OK(rc, diags());
    EXPECT_EQ(stored(table), "kept");
}

TEST_F(DataAtExecTest, OtherCallsWhileDataIsNeededAreHY010) {
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, reinterpret_cast<SQLPOINTER>(1), 0, &indicator, 10),
              diags());
    ASSERT_EQ(exec("SELECT ?::text"), SQL_NEED_DATA) << format_diags(diags());
    EXPECT_EQ(exec("SELECT 1"), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY010", {});
    SQLSMALLINT columns = 0;
    EXPECT_EQ(SQLNumResultCols(h(), &columns), SQL_ERROR);
    EXPECT_DIAG(diags(), "HY010", {});
    // The exchange still completes.
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQLParamData(h(), &token), SQL_NEED_DATA) << format_diags(diags());
    char value[] = "done";
    ASSERT_OK(SQLPutData(h(), value, SQL_NTS), diags());
    ASSERT_OK(SQLParamData(h(), &token), diags());
    EXPECT_EQ(fetch_row(h()), std::vector<std::string>{"done"});
}

TEST_F(DataAtExecTest, WideTextInPiecesSplitBetweenSurrogates) {
    std::string table = value_table("text");
    SQLLEN indicator = SQL_DATA_AT_EXEC;
    ASSERT_OK(bind(1, SQL_C_WCHAR, SQL_WLONGVARCHAR, reinterpret_cast<SQLPOINTER>(1), 0,
                   &indicator),
              diags());
    SQLRETURN rc = exec("INSERT INTO " + table + " (v) VALUES (?)");
    ASSERT_EQ(rc, SQL_NEED_DATA) << format_diags(diags());
    rc = feed(rc, [&](SQLPOINTER) {
        // U+1F31C is D83C DF1C: the pieces split the pair.
        SQLWCHAR first[] = {'a', 0xD83C};
        SQLWCHAR second[] = {0xDF1C, 'b'};
        ASSERT_OK(SQLPutData(h(), first, sizeof first), diags());
        ASSERT_OK(SQLPutData(h(), second, sizeof second), diags());
    });
    ASSERT_OK(rc, diags());
    EXPECT_EQ(stored(table, "(v = 'a' || chr(127772) || 'b')::text"), "true");
}

TEST_F(DataAtExecTest, TenMegabytesBoundDirectlyArriveWhole) {
    std::string table = value_table("text");
    std::string value;
    value.reserve(kTenMegabytes);
    while (value.size() < kTenMegabytes) {
        value += kPattern;
    }
    SQLLEN indicator = static_cast<SQLLEN>(value.size());
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_LONGVARCHAR, const_cast<char *>(value.data()),
                   static_cast<SQLLEN>(value.size()), &indicator, value.size()),
              diags());
    ASSERT_NO_FATAL_FAILURE(insert_bound(table));
    std::string repeats = std::to_string(kTenMegabytes / kPattern.size());
    EXPECT_EQ(value_of("SELECT length(v) || ' ' || (md5(v) = md5(repeat('" + kPattern + "', " +
                       repeats + ")))::text FROM " + table),
              std::to_string(kTenMegabytes) + " true");
}

} // namespace
} // namespace pgo_test
