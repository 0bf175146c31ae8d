// The implementation parameter descriptor through the driver manager: after
// SQLPrepare it reports the server's parameter types as SQLDescribeParam
// does (narrow or wide character types as WideCharTypes says, and the
// fields defined only once populated: type name, case sensitivity,
// signedness), fields the application binds or sets replace the populated
// ones, SQLCopyDesc copies an IPD to another statement's IPD and to
// application descriptors, and
// SQL_C_DEFAULT on a column reported as a wide character type is
// SQL_C_WCHAR.
#include "params/params_support.h"

#include <sqlucode.h>

#include <cstring>
#include <string>

namespace pgo_test {
namespace {

class IpdTest : public ParamFixture {
protected:
    SQLHDESC stmt_desc(SQLHSTMT handle, SQLINTEGER attribute) {
        SQLHDESC desc = SQL_NULL_HDESC;
        SQLRETURN rc = SQLGetStmtAttr(handle, attribute, &desc, 0, nullptr);
        EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(collect_diags(SQL_HANDLE_STMT, handle));
        return desc;
    }
    static Diags desc_diags(SQLHDESC desc) { return collect_diags(SQL_HANDLE_DESC, desc); }

    static SQLSMALLINT small_field(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field) {
        SQLSMALLINT value = -77;
        SQLRETURN rc = SQLGetDescField(desc, record, field, &value, 0, nullptr);
        EXPECT_EQ(rc, SQL_SUCCESS) << "field " << field << format_diags(desc_diags(desc));
        return value;
    }
    static SQLULEN length_field(SQLHDESC desc, SQLSMALLINT record) {
        SQLULEN value = 7777;
        SQLRETURN rc = SQLGetDescField(desc, record, SQL_DESC_LENGTH, &value, 0, nullptr);
        EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(desc_diags(desc));
        return value;
    }
    static SQLPOINTER as_pointer(SQLLEN value) {
        return reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(value));
    }
};

class WideIpdTest : public IpdTest {
protected:
    std::string extra_keywords() const override { return "WideCharTypes=1;"; }
};

TEST_F(IpdTest, IpdIsEmptyBeforeSQLPrepareAndReportsTheServersParameterTypesAfter) {
    SQLHDESC ipd = stmt_desc(h(), SQL_ATTR_IMP_PARAM_DESC);
    EXPECT_EQ(small_field(ipd, 0, SQL_DESC_COUNT), 0);
    std::string table = make_table("ipd", "a integer, b numeric(10,2), c varchar(20), d date");
    ASSERT_OK(prepare("INSERT INTO " + table + " (a, b, c, d) VALUES (?, ?, ?, ?)"), diags());
    ASSERT_EQ(small_field(ipd, 0, SQL_DESC_COUNT), 4);
    const SQLSMALLINT expected[] = {SQL_INTEGER, SQL_NUMERIC, SQL_VARCHAR, SQL_TYPE_DATE};
    for (SQLSMALLINT record = 1; record <= 4; record++) {
        SQLSMALLINT type = 0, digits = -1, nullable = -1;
        SQLULEN size = 0;
        ASSERT_OK(SQLDescribeParam(h(), static_cast<SQLUSMALLINT>(record), &type, &size, &digits,
                                   &nullable),
                  diags());
        EXPECT_EQ(type, expected[record - 1]) << "parameter " << record;
        EXPECT_EQ(small_field(ipd, record, SQL_DESC_CONCISE_TYPE), type) << "record " << record;
        EXPECT_EQ(length_field(ipd, record), size) << "record " << record;
        EXPECT_EQ(small_field(ipd, record, SQL_DESC_SCALE), digits) << "record " << record;
        EXPECT_EQ(small_field(ipd, record, SQL_DESC_PARAMETER_TYPE), SQL_PARAM_INPUT);
    }
    // Fields defined only in a populated IPD describe the server's types.
    char type_name[32] = {0};
    SQLINTEGER type_name_length = 0;
    ASSERT_EQ(SQLGetDescField(ipd, 1, SQL_DESC_TYPE_NAME, type_name, sizeof type_name,
                              &type_name_length),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    EXPECT_STREQ(type_name, "int4");
    EXPECT_EQ(type_name_length, 4);
    EXPECT_EQ(small_field(ipd, 1, SQL_DESC_UNSIGNED), SQL_FALSE);
    SQLINTEGER case_sensitive = -1;
    ASSERT_EQ(SQLGetDescField(ipd, 3, SQL_DESC_CASE_SENSITIVE, &case_sensitive, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(case_sensitive, SQL_TRUE);
    ASSERT_EQ(SQLGetDescField(ipd, 1, SQL_DESC_CASE_SENSITIVE, &case_sensitive, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(case_sensitive, SQL_FALSE);
    EXPECT_EQ(small_field(ipd, 4, SQL_DESC_TYPE), SQL_DATETIME);
    EXPECT_EQ(small_field(ipd, 4, SQL_DESC_DATETIME_INTERVAL_CODE), SQL_CODE_DATE);
    SQLSMALLINT type = 0, subtype = 0, precision = 0, scale = 0, nullable = 0;
    SQLLEN length = 0;
    SQLCHAR name[8];
    SQLSMALLINT name_length = -1;
    ASSERT_EQ(SQLGetDescRec(ipd, 1, name, sizeof name, &name_length, &type, &subtype, &length,
                            &precision, &scale, &nullable),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    EXPECT_EQ(type, SQL_INTEGER);
    EXPECT_EQ(name_length, 0);
    SQLSMALLINT small = 0;
    EXPECT_EQ(SQLGetDescField(ipd, 5, SQL_DESC_TYPE, &small, 0, nullptr), SQL_NO_DATA);
}

TEST_F(IpdTest, BoundAndSetFieldsReplaceThePopulatedOnesAndResetParamsRestoresThem) {
    std::string table = make_table("ipdset", "ord serial, a integer, b integer");
    std::string insert = "INSERT INTO " + table + " (a, b) VALUES (?, ?)";
    ASSERT_OK(prepare(insert), diags());
    SQLHDESC ipd = stmt_desc(h(), SQL_ATTR_IMP_PARAM_DESC);
    char text_value[8] = "12";
    SQLLEN text_ind = SQL_NTS;
    ASSERT_OK(bind(1, SQL_C_CHAR, SQL_VARCHAR, text_value, sizeof text_value, &text_ind, 7),
              diags());
    EXPECT_EQ(small_field(ipd, 1, SQL_DESC_CONCISE_TYPE), SQL_VARCHAR);
    EXPECT_EQ(length_field(ipd, 1), 7u);
    // Setting one field of a populated record keeps the others populated.
    ASSERT_EQ(SQLSetDescField(ipd, 2, SQL_DESC_LENGTH, as_pointer(33), 0), SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    EXPECT_EQ(small_field(ipd, 2, SQL_DESC_CONCISE_TYPE), SQL_INTEGER);
    EXPECT_EQ(length_field(ipd, 2), 33u);
    // SQLSetDescRec then SQLGetDescRec: what was set comes back.
    ASSERT_EQ(SQLSetDescRec(ipd, 2, SQL_BIGINT, 0, 19, 0, 0, nullptr, nullptr, nullptr),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    SQLSMALLINT type = 0;
    SQLLEN length = 0;
    ASSERT_EQ(SQLGetDescRec(ipd, 2, nullptr, 0, nullptr, &type, nullptr, &length, nullptr,
                            nullptr, nullptr),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    EXPECT_EQ(type, SQL_BIGINT);
    EXPECT_EQ(length, 19);
    SQLINTEGER number = 34;
    SQLLEN number_ind = 0;
    SQLHDESC apd = stmt_desc(h(), SQL_ATTR_APP_PARAM_DESC);
    ASSERT_EQ(SQLSetDescRec(apd, 2, SQL_C_SLONG, 0, 0, 0, 0, &number, &number_ind, &number_ind),
              SQL_SUCCESS)
        << format_diags(desc_diags(apd));
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(stored(table, "a::text || '|' || b::text"), "12|34");
    // SQL_RESET_PARAMS drops the bindings and with them the IPD fields set
    // on them (the driver keeps both in one parameter binding): both
    // records answer the server statement's types again (the execution
    // parsed parameter 2 as the bigint it was bound as; the character
    // binding kept the server's integer).
    ASSERT_OK(SQLFreeStmt(h(), SQL_RESET_PARAMS), diags());
    EXPECT_EQ(small_field(ipd, 0, SQL_DESC_COUNT), 2);
    for (SQLSMALLINT record = 1; record <= 2; record++) {
        SQLSMALLINT described = 0;
        ASSERT_OK(SQLDescribeParam(h(), static_cast<SQLUSMALLINT>(record), &described, nullptr,
                                   nullptr, nullptr),
                  diags());
        EXPECT_EQ(small_field(ipd, record, SQL_DESC_CONCISE_TYPE), described);
        EXPECT_EQ(described, record == 1 ? SQL_INTEGER : SQL_BIGINT);
    }
}

TEST_F(IpdTest, CopyDescCopiesAnIpdToAnotherStatementsIpdAndToAnExplicitDescriptor) {
    std::string table = make_table("ipdcopy", "ord serial, a integer, b numeric(10,2)");
    std::string insert = "INSERT INTO " + table + " (a, b) VALUES (?, ?)";
    ASSERT_OK(prepare(insert), diags());
    SQLHDESC source = stmt_desc(h(), SQL_ATTR_IMP_PARAM_DESC);
    ASSERT_EQ(SQLSetDescField(source, 2, SQL_DESC_PRECISION, as_pointer(10), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(source, 2, SQL_DESC_SCALE, as_pointer(2), 0), SQL_SUCCESS);

    Statement other(connection->get());
    SQLHDESC target = stmt_desc(other.get(), SQL_ATTR_IMP_PARAM_DESC);
    ASSERT_EQ(SQLCopyDesc(source, target), SQL_SUCCESS) << format_diags(desc_diags(target));
    EXPECT_EQ(small_field(target, 0, SQL_DESC_COUNT), 2);
    EXPECT_EQ(small_field(target, 1, SQL_DESC_CONCISE_TYPE), SQL_INTEGER);
    EXPECT_EQ(small_field(target, 2, SQL_DESC_CONCISE_TYPE), SQL_NUMERIC);
    EXPECT_EQ(small_field(target, 2, SQL_DESC_PRECISION), 10);
    EXPECT_EQ(small_field(target, 2, SQL_DESC_SCALE), 2);
    // The copied IPD types the other statement's parameters: its APD bound
    // by descriptor fields only, the row arrives as SQLBindParameter's would.
    SQLHDESC apd = stmt_desc(other.get(), SQL_ATTR_APP_PARAM_DESC);
    SQLINTEGER a = 5;
    double b = 2.25;
    SQLLEN a_ind = 0, b_ind = 0;
    ASSERT_EQ(SQLSetDescRec(apd, 1, SQL_C_SLONG, 0, 0, 0, 0, &a, &a_ind, &a_ind), SQL_SUCCESS)
        << format_diags(desc_diags(apd));
    ASSERT_EQ(SQLSetDescRec(apd, 2, SQL_C_DOUBLE, 0, 0, 0, 0, &b, &b_ind, &b_ind), SQL_SUCCESS)
        << format_diags(desc_diags(apd));
    ASSERT_OK(SQLExecDirect(other.get(), text(insert), SQL_NTS), other.diags());
    EXPECT_EQ(stored(table, "a::text || '|' || b::text"), "5|2.25");

    // To an explicit (application) descriptor: the records' types and sizes.
    SQLHDESC copy = SQL_NULL_HDESC;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, connection->get(), &copy), SQL_SUCCESS);
    ASSERT_EQ(SQLCopyDesc(source, copy), SQL_SUCCESS) << format_diags(desc_diags(copy));
    EXPECT_EQ(small_field(copy, 0, SQL_DESC_COUNT), 2);
    EXPECT_EQ(small_field(copy, 2, SQL_DESC_CONCISE_TYPE), SQL_NUMERIC);
    EXPECT_EQ(small_field(copy, 2, SQL_DESC_SCALE), 2);

    // An application record whose type is no SQL type cannot become an IPD
    // record (HY021), and the refused copy changes nothing.
    SQLBIGINT big = 0;
    ASSERT_EQ(SQLSetDescRec(copy, 1, SQL_C_SBIGINT, 0, 0, 0, 0, &big, nullptr, nullptr),
              SQL_SUCCESS)
        << format_diags(desc_diags(copy));
    EXPECT_EQ(SQLCopyDesc(copy, target), SQL_ERROR);
    EXPECT_DIAG(desc_diags(target), "HY021");
    EXPECT_EQ(small_field(target, 1, SQL_DESC_CONCISE_TYPE), SQL_INTEGER);
    SQLFreeHandle(SQL_HANDLE_DESC, copy);

    // The IRD of a prepared query to an IPD: its columns' types.
    Statement third(connection->get());
    ASSERT_OK(SQLPrepare(third.get(), text("SELECT 1::smallint, 'x'::varchar(5)"), SQL_NTS),
              third.diags());
    ASSERT_EQ(SQLCopyDesc(stmt_desc(third.get(), SQL_ATTR_IMP_ROW_DESC), target), SQL_SUCCESS)
        << format_diags(desc_diags(target));
    EXPECT_EQ(small_field(target, 1, SQL_DESC_CONCISE_TYPE), SQL_SMALLINT);
    EXPECT_EQ(small_field(target, 2, SQL_DESC_CONCISE_TYPE), SQL_VARCHAR);
    EXPECT_EQ(length_field(target, 2), 5u);
}

TEST_F(IpdTest, SqlCDefaultOnANarrowCharacterColumnIsSqlCChar) {
    char value[16] = {0};
    SQLLEN ind = 0;
    ASSERT_OK(SQLBindCol(h(), 1, SQL_C_DEFAULT, value, sizeof value, &ind), diags());
    ASSERT_OK(exec("SELECT 'h\xc3\xa9llo'::varchar(10)"), diags());
    ASSERT_OK(SQLFetch(h()), diags());
    EXPECT_STREQ(value, "h\xc3\xa9llo");
    EXPECT_EQ(ind, 6);
}

TEST_F(WideIpdTest, SQLDescribeParamAndTheIpdReportWideCharacterTypes) {
    std::string table = make_table("ipdwide", "c varchar(20), t text, n integer");
    // c = ? compares as text: both character parameters are text.
    ASSERT_OK(prepare("SELECT n FROM " + table + " WHERE c = ? AND t = ? AND n = ?"), diags());
    SQLHDESC ipd = stmt_desc(h(), SQL_ATTR_IMP_PARAM_DESC);
    const SQLSMALLINT expected[] = {SQL_WLONGVARCHAR, SQL_WLONGVARCHAR, SQL_INTEGER};
    for (SQLSMALLINT record = 1; record <= 3; record++) {
        SQLSMALLINT type = 0;
        ASSERT_OK(SQLDescribeParam(h(), static_cast<SQLUSMALLINT>(record), &type, nullptr,
                                   nullptr, nullptr),
                  diags());
        EXPECT_EQ(type, expected[record - 1]) << "parameter " << record;
        EXPECT_EQ(small_field(ipd, record, SQL_DESC_CONCISE_TYPE), expected[record - 1])
            << "record " << record;
    }
}

TEST_F(WideIpdTest, SqlCDefaultOnAWideCharacterColumnIsSqlCWchar) {
    SQLWCHAR value[16] = {0};
    SQLLEN ind = 0;
    ASSERT_OK(SQLBindCol(h(), 1, SQL_C_DEFAULT, value, sizeof value, &ind), diags());
    ASSERT_OK(exec("SELECT 'h\xc3\xa9llo'::varchar(10)"), diags());
    SQLSMALLINT type = 0;
    ASSERT_OK(SQLDescribeCol(h(), 1, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr),
              diags());
    EXPECT_EQ(type, SQL_WVARCHAR);
    ASSERT_OK(SQLFetch(h()), diags());
    EXPECT_EQ(ind, static_cast<SQLLEN>(5 * sizeof(SQLWCHAR)));
    EXPECT_EQ(std::u16string(reinterpret_cast<const char16_t *>(value)), u"h\u00e9llo");
}

} // namespace
} // namespace pgo_test
