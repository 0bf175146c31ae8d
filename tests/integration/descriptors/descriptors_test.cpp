// Descriptors through the driver manager: binding through SQLSetDescField
// and SQLSetDescRec behaves exactly as SQLBindCol / SQLBindParameter (each
// test binds both ways and compares what arrives), the IRD answers what
// SQLColAttribute answers, the IPD what SQLBindParameter set, explicit
// descriptors shared by two statements and freed while in use,
// SQLCopyDesc, and the reference's errors (HY016, HY021, 07009, HY091).
#include "params/params_support.h"

#include <sqlucode.h>

#include <cstring>
#include <string>

namespace pgo_test {
namespace {

class DescriptorTest : public ParamFixture {
protected:
    SQLHDESC stmt_desc(SQLHSTMT handle, SQLINTEGER attribute) {
        SQLHDESC desc = SQL_NULL_HDESC;
        SQLRETURN rc = SQLGetStmtAttr(handle, attribute, &desc, 0, nullptr);
        EXPECT_EQ(rc, SQL_SUCCESS) << format_diags(collect_diags(SQL_HANDLE_STMT, handle));
        return desc;
    }
    static Diags desc_diags(SQLHDESC desc) { return collect_diags(SQL_HANDLE_DESC, desc); }

    // Binds record like SQLBindCol(record, c_type, data, length, indicator)
    // does, field by field.
    static void bind_by_fields(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT c_type, void *data,
                               SQLLEN length, SQLLEN *indicator) {
        ASSERT_EQ(SQLSetDescField(desc, record, SQL_DESC_CONCISE_TYPE,
                                  reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(c_type)), 0),
                  SQL_SUCCESS)
            << format_diags(desc_diags(desc));
        ASSERT_EQ(SQLSetDescField(desc, record, SQL_DESC_OCTET_LENGTH,
                                  reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(length)), 0),
                  SQL_SUCCESS);
        ASSERT_EQ(SQLSetDescField(desc, record, SQL_DESC_INDICATOR_PTR, indicator, 0),
                  SQL_SUCCESS);
        ASSERT_EQ(SQLSetDescField(desc, record, SQL_DESC_OCTET_LENGTH_PTR, indicator, 0),
                  SQL_SUCCESS);
        ASSERT_EQ(SQLSetDescField(desc, record, SQL_DESC_DATA_PTR, data, 0), SQL_SUCCESS)
            << format_diags(desc_diags(desc));
    }

    static constexpr const char *kQuery =
        "SELECT g, CASE WHEN g = 3 THEN NULL ELSE 'name ' || g END FROM generate_series(1, 7) g";
};

struct ColumnArrays {
    SQLINTEGER numbers[4];
    SQLLEN number_ind[4];
    char names[4][10];
    SQLLEN name_ind[4];
    SQLUSMALLINT status[4];
    SQLULEN fetched;
};

// Fetches the whole result into text: one line per rowset.
static std::string drain_columns(SQLHSTMT handle, ColumnArrays *arrays) {
    std::string out;
    for (;;) {
        std::memset(arrays->names, 0, sizeof arrays->names);
        SQLRETURN rc = SQLFetch(handle);
        if (rc == SQL_NO_DATA)
            break;
        if (!succeeded(rc))
            return out + "fetch failed" + format_diags(collect_diags(SQL_HANDLE_STMT, handle));
        out += "[" + std::to_string(arrays->fetched) + "]";
        for (SQLULEN i = 0; i < arrays->fetched; i++) {
            out += std::to_string(arrays->numbers[i]) + "/" + std::to_string(arrays->number_ind[i]);
            out += arrays->name_ind[i] == SQL_NULL_DATA
                       ? std::string(":NULL")
                       : ":" + std::string(arrays->names[i]) + "/" +
                             std::to_string(arrays->name_ind[i]);
            out += " s" + std::to_string(arrays->status[i]) + ";";
        }
        out += "\n";
    }
    return out;
}

TEST_F(DescriptorTest, ColumnWiseBindingThroughArdFieldsEqualsSQLBindCol) {
    ColumnArrays by_bindcol{};
    ASSERT_OK(set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 4), diags());
    ASSERT_OK(set_pointer(SQL_ATTR_ROW_STATUS_PTR, by_bindcol.status), diags());
    ASSERT_OK(set_pointer(SQL_ATTR_ROWS_FETCHED_PTR, &by_bindcol.fetched), diags());
    ASSERT_OK(SQLBindCol(h(), 1, SQL_C_SLONG, by_bindcol.numbers, 0, by_bindcol.number_ind),
              diags());
    ASSERT_OK(SQLBindCol(h(), 2, SQL_C_CHAR, by_bindcol.names, sizeof by_bindcol.names[0],
                         by_bindcol.name_ind),
              diags());
    ASSERT_OK(exec(kQuery), diags());
    std::string expected = drain_columns(h(), &by_bindcol);

    Statement other(connection->get());
    ColumnArrays by_fields{};
    SQLHDESC ard = stmt_desc(other.get(), SQL_ATTR_APP_ROW_DESC);
    SQLHDESC ird = stmt_desc(other.get(), SQL_ATTR_IMP_ROW_DESC);
    ASSERT_EQ(SQLSetDescField(ard, 0, SQL_DESC_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(4), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ird, 0, SQL_DESC_ARRAY_STATUS_PTR, by_fields.status, 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ird, 0, SQL_DESC_ROWS_PROCESSED_PTR, &by_fields.fetched, 0),
              SQL_SUCCESS);
    bind_by_fields(ard, 1, SQL_C_SLONG, by_fields.numbers, 0, by_fields.number_ind);
    bind_by_fields(ard, 2, SQL_C_CHAR, by_fields.names, sizeof by_fields.names[0],
                   by_fields.name_ind);
    SQLULEN array_size = 0;
    ASSERT_EQ(SQLGetStmtAttr(other.get(), SQL_ATTR_ROW_ARRAY_SIZE, &array_size, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(array_size, 4u);
    SQLSMALLINT count = 0;
    ASSERT_EQ(SQLGetDescField(ard, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 2);
    ASSERT_OK(SQLExecDirect(other.get(), text(kQuery), SQL_NTS), other.diags());
    std::string actual = drain_columns(other.get(), &by_fields);
    EXPECT_EQ(actual, expected);
    EXPECT_NE(expected.find(":NULL"), std::string::npos) << expected;
    EXPECT_NE(expected.find("[3]"), std::string::npos) << expected;
}

struct Row {
    SQLINTEGER number;
    SQLLEN number_ind;
    char name[10];
    SQLLEN name_ind;
};

static std::string drain_rows(SQLHSTMT handle, Row *rows, size_t size) {
    std::string out;
    for (;;) {
        std::memset(rows, 0, sizeof(Row) * size);
        SQLRETURN rc = SQLFetch(handle);
        if (rc == SQL_NO_DATA)
            break;
        if (!succeeded(rc))
            return out + "fetch failed" + format_diags(collect_diags(SQL_HANDLE_STMT, handle));
        for (size_t i = 0; i < size; i++) {
            out += std::to_string(rows[i].number) + "/" + std::to_string(rows[i].number_ind) +
                   ":" + rows[i].name + "/" + std::to_string(rows[i].name_ind) + ";";
        }
        out += "\n";
    }
    return out;
}

TEST_F(DescriptorTest, RowWiseBindingThroughSQLSetDescRecEqualsSQLBindCol) {
    Row by_bindcol[3];
    SQLULEN offset = 0;
    ASSERT_OK(set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3), diags());
    ASSERT_OK(set_attr(SQL_ATTR_ROW_BIND_TYPE, sizeof(Row)), diags());
    ASSERT_OK(set_pointer(SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset), diags());
    ASSERT_OK(SQLBindCol(h(), 1, SQL_C_SLONG, &by_bindcol[0].number, 0, &by_bindcol[0].number_ind),
              diags());
    ASSERT_OK(SQLBindCol(h(), 2, SQL_C_CHAR, by_bindcol[0].name, sizeof by_bindcol[0].name,
                         &by_bindcol[0].name_ind),
              diags());
    ASSERT_OK(exec(kQuery), diags());
    std::string expected = drain_rows(h(), by_bindcol, 3);

    Statement other(connection->get());
    Row by_rec[3];
    SQLHDESC ard = stmt_desc(other.get(), SQL_ATTR_APP_ROW_DESC);
    ASSERT_EQ(SQLSetDescField(ard, 0, SQL_DESC_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(3), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 0, SQL_DESC_BIND_TYPE,
                              reinterpret_cast<SQLPOINTER>(sizeof(Row)), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 0, SQL_DESC_BIND_OFFSET_PTR, &offset, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescRec(ard, 1, SQL_C_SLONG, 0, 0, 0, 0, &by_rec[0].number,
                            &by_rec[0].number_ind, &by_rec[0].number_ind),
              SQL_SUCCESS)
        << format_diags(desc_diags(ard));
    ASSERT_EQ(SQLSetDescRec(ard, 2, SQL_C_CHAR, 0, sizeof by_rec[0].name, 0, 0, by_rec[0].name,
                            &by_rec[0].name_ind, &by_rec[0].name_ind),
              SQL_SUCCESS)
        << format_diags(desc_diags(ard));
    SQLULEN bind_type = 0;
    ASSERT_EQ(SQLGetStmtAttr(other.get(), SQL_ATTR_ROW_BIND_TYPE, &bind_type, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(bind_type, sizeof(Row));
    ASSERT_OK(SQLExecDirect(other.get(), text(kQuery), SQL_NTS), other.diags());
    EXPECT_EQ(drain_rows(other.get(), by_rec, 3), expected);
    EXPECT_NE(expected.find("name 2/6"), std::string::npos) << expected;
}

TEST_F(DescriptorTest, SQLBindColIsVisibleInTheArdAndSQLDescTypeSplitsDatetimes) {
    SQL_DATE_STRUCT date{};
    SQLLEN ind = 0;
    ASSERT_OK(SQLBindCol(h(), 2, SQL_C_TYPE_DATE, &date, 0, &ind), diags());
    SQLHDESC ard = stmt_desc(h(), SQL_ATTR_APP_ROW_DESC);
    SQLSMALLINT count = 0, type = 0, concise = 0, code = 0;
    SQLPOINTER data = nullptr;
    ASSERT_EQ(SQLGetDescField(ard, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 2);
    ASSERT_EQ(SQLGetDescField(ard, 2, SQL_DESC_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(ard, 2, SQL_DESC_CONCISE_TYPE, &concise, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(ard, 2, SQL_DESC_DATETIME_INTERVAL_CODE, &code, 0, nullptr),
              SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(ard, 2, SQL_DESC_DATA_PTR, &data, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, SQL_DATETIME);
    EXPECT_EQ(concise, SQL_C_TYPE_DATE);
    EXPECT_EQ(code, SQL_CODE_DATE);
    EXPECT_EQ(data, static_cast<SQLPOINTER>(&date));
    EXPECT_EQ(SQLGetDescField(ard, 3, SQL_DESC_TYPE, &type, 0, nullptr), SQL_NO_DATA);
    // Setting SQL_DESC_TYPE then the code gives the concise type; the date
    // arrives as SQLBindCol's would.
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_TYPE, reinterpret_cast<SQLPOINTER>(SQL_DATETIME), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATETIME_INTERVAL_CODE,
                              reinterpret_cast<SQLPOINTER>(SQL_CODE_DATE), 0),
              SQL_SUCCESS);
    SQL_DATE_STRUCT first{};
    SQLLEN first_ind = 0;
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &first_ind, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &first, 0), SQL_SUCCESS)
        << format_diags(desc_diags(ard));
    ASSERT_OK(exec("SELECT date '2024-02-29', date '1999-12-31'"), diags());
    ASSERT_OK(SQLFetch(h()), diags());
    EXPECT_EQ(first.year, 2024);
    EXPECT_EQ(first.month, 2);
    EXPECT_EQ(first.day, 29);
    EXPECT_EQ(date.year, 1999);
    EXPECT_EQ(date.day, 31);
}

TEST_F(DescriptorTest, ParametersThroughApdAndIpdFieldsEqualSQLBindParameter) {
    std::string table = make_table("p", "ord serial, a int, b text");
    std::string insert = "INSERT INTO " + table + " (a, b) VALUES (?, ?)";
    SQLINTEGER numbers[3] = {10, 20, 30};
    SQLLEN number_ind[3] = {0, SQL_NULL_DATA, 0};
    char names[3][8] = {"x", "yy", "zzz"};
    SQLLEN name_ind[3] = {SQL_NTS, SQL_NTS, SQL_NULL_DATA};
    ASSERT_OK(set_attr(SQL_ATTR_PARAMSET_SIZE, 3), diags());
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, numbers, 0, number_ind), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, names, sizeof names[0], name_ind, 10), diags());
    ASSERT_OK(exec(insert), diags());
    std::string expected = stored(table, "a::text || '|' || coalesce(b, 'null')");
    EXPECT_EQ(expected, "10|x,NULL,30|null");
    run("TRUNCATE " + table);

    Statement other(connection->get());
    SQLHDESC apd = stmt_desc(other.get(), SQL_ATTR_APP_PARAM_DESC);
    SQLHDESC ipd = stmt_desc(other.get(), SQL_ATTR_IMP_PARAM_DESC);
    ASSERT_EQ(SQLSetDescField(apd, 0, SQL_DESC_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(3), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_CONCISE_TYPE,
                              reinterpret_cast<SQLPOINTER>(SQL_INTEGER), 0),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    ASSERT_EQ(SQLSetDescField(ipd, 2, SQL_DESC_CONCISE_TYPE,
                              reinterpret_cast<SQLPOINTER>(SQL_VARCHAR), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ipd, 2, SQL_DESC_LENGTH, reinterpret_cast<SQLPOINTER>(10), 0),
              SQL_SUCCESS);
    bind_by_fields(apd, 1, SQL_C_SLONG, numbers, 0, number_ind);
    bind_by_fields(apd, 2, SQL_C_CHAR, names, sizeof names[0], name_ind);
    ASSERT_OK(SQLExecDirect(other.get(), text(insert), SQL_NTS), other.diags());
    EXPECT_EQ(stored(table, "a::text || '|' || coalesce(b, 'null')"), expected);
}

TEST_F(DescriptorTest, IpdAnswersWhatSQLBindParameterSet) {
    SQL_NUMERIC_STRUCT number{};
    SQLLEN ind = 0;
    ASSERT_OK(SQLBindParameter(h(), 2, SQL_PARAM_INPUT, SQL_C_NUMERIC, SQL_NUMERIC, 12, 3,
                               &number, sizeof number, &ind),
              diags());
    SQLHDESC ipd = stmt_desc(h(), SQL_ATTR_IMP_PARAM_DESC);
    SQLHDESC apd = stmt_desc(h(), SQL_ATTR_APP_PARAM_DESC);
    SQLSMALLINT count = 0, type = 0, scale = 0, io = 0, precision = 0;
    SQLULEN length = 0;
    ASSERT_EQ(SQLGetDescField(ipd, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 2);
    ASSERT_EQ(SQLGetDescField(ipd, 2, SQL_DESC_CONCISE_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, SQL_NUMERIC);
    ASSERT_EQ(SQLGetDescField(ipd, 2, SQL_DESC_PRECISION, &precision, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(precision, 12);
    ASSERT_EQ(SQLGetDescField(ipd, 2, SQL_DESC_SCALE, &scale, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(scale, 3);
    ASSERT_EQ(SQLGetDescField(ipd, 2, SQL_DESC_PARAMETER_TYPE, &io, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(io, SQL_PARAM_INPUT);
    ASSERT_EQ(SQLGetDescField(ipd, 2, SQL_DESC_LENGTH, &length, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(length, 12u);
    ASSERT_EQ(SQLGetDescField(apd, 2, SQL_DESC_CONCISE_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, SQL_C_NUMERIC);
    SQLPOINTER data = nullptr;
    ASSERT_EQ(SQLGetDescField(apd, 2, SQL_DESC_DATA_PTR, &data, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(data, static_cast<SQLPOINTER>(&number));
}

TEST_F(DescriptorTest, IrdFieldsEqualSQLColAttributeAfterPrepareAndExecute) {
    std::string table = make_table("c", "id integer NOT NULL, amount numeric(10,2), label "
                                        "varchar(20)");
    ASSERT_OK(prepare("SELECT id, amount, label AS name FROM " + table), diags());
    SQLHDESC ird = stmt_desc(h(), SQL_ATTR_IMP_ROW_DESC);
    for (int pass = 0; pass < 2; pass++) {
        SQLSMALLINT count = 0;
        ASSERT_EQ(SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS)
            << format_diags(desc_diags(ird));
        EXPECT_EQ(count, 3);
        for (SQLSMALLINT column = 1; column <= 3; column++) {
            const SQLSMALLINT small_fields[] = {SQL_DESC_TYPE, SQL_DESC_CONCISE_TYPE,
                                                SQL_DESC_PRECISION, SQL_DESC_SCALE,
                                                SQL_DESC_NULLABLE, SQL_DESC_UNSIGNED,
                                                SQL_DESC_SEARCHABLE};
            for (SQLSMALLINT field : small_fields) {
                SQLSMALLINT from_desc = -77;
                SQLLEN from_colattr = -77;
                ASSERT_EQ(SQLGetDescField(ird, column, field, &from_desc, 0, nullptr),
                          SQL_SUCCESS)
                    << field << format_diags(desc_diags(ird));
                ASSERT_OK(SQLColAttribute(h(), static_cast<SQLUSMALLINT>(column),
                                          static_cast<SQLUSMALLINT>(field), nullptr, 0, nullptr,
                                          &from_colattr),
                          diags());
                EXPECT_EQ(from_desc, from_colattr) << "column " << column << " field " << field;
            }
            SQLLEN octet_length = -1, colattr_octet = -2;
            ASSERT_EQ(SQLGetDescField(ird, column, SQL_DESC_OCTET_LENGTH, &octet_length, 0,
                                      nullptr),
                      SQL_SUCCESS);
            ASSERT_OK(SQLColAttribute(h(), static_cast<SQLUSMALLINT>(column),
                                      SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr,
                                      &colattr_octet),
                      diags());
            EXPECT_EQ(octet_length, colattr_octet);
            SQLULEN length = 0;
            SQLLEN colattr_length = -2;
            ASSERT_EQ(SQLGetDescField(ird, column, SQL_DESC_LENGTH, &length, 0, nullptr),
                      SQL_SUCCESS);
            ASSERT_OK(SQLColAttribute(h(), static_cast<SQLUSMALLINT>(column), SQL_DESC_LENGTH,
                                      nullptr, 0, nullptr, &colattr_length),
                      diags());
            EXPECT_EQ(static_cast<SQLLEN>(length), colattr_length);
            char name[64] = {0}, colattr_name[64] = {0};
            SQLINTEGER name_length = 0;
            ASSERT_EQ(SQLGetDescField(ird, column, SQL_DESC_NAME, name, sizeof name,
                                      &name_length),
                      SQL_SUCCESS);
            ASSERT_OK(SQLColAttribute(h(), static_cast<SQLUSMALLINT>(column), SQL_DESC_NAME,
                                      colattr_name, sizeof colattr_name, nullptr, nullptr),
                      diags());
            EXPECT_STREQ(name, colattr_name);
            EXPECT_EQ(name_length, static_cast<SQLINTEGER>(std::strlen(colattr_name)));
        }
        SQLCHAR name[32] = {0};
        SQLSMALLINT name_length = 0, type = 0, subtype = 0, precision = 0, scale = 0,
                    nullable = 0;
        SQLLEN length = 0;
        ASSERT_EQ(SQLGetDescRec(ird, 2, name, sizeof name, &name_length, &type, &subtype,
                                &length, &precision, &scale, &nullable),
                  SQL_SUCCESS)
            << format_diags(desc_diags(ird));
        EXPECT_STREQ(reinterpret_cast<char *>(name), "amount");
        EXPECT_EQ(type, SQL_NUMERIC);
        EXPECT_EQ(precision, 10);
        EXPECT_EQ(scale, 2);
        EXPECT_EQ(nullable, SQL_NULLABLE);
        if (pass == 0)
            ASSERT_OK(SQLExecute(h()), diags());
    }
}

TEST_F(DescriptorTest, ExplicitDescriptorIsSharedByTwoStatementsAndFreeingItRevertsThem) {
    SQLHDESC shared = SQL_NULL_HDESC;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, connection->get(), &shared), SQL_SUCCESS)
        << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    SQLSMALLINT alloc_type = 0;
    ASSERT_EQ(SQLGetDescField(shared, 0, SQL_DESC_ALLOC_TYPE, &alloc_type, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(alloc_type, SQL_DESC_ALLOC_USER);
    SQLINTEGER value = 0;
    SQLLEN ind = 0;
    bind_by_fields(shared, 1, SQL_C_SLONG, &value, 0, &ind);
    Statement second(connection->get());
    SQLHDESC implicit_ard = stmt_desc(h(), SQL_ATTR_APP_ROW_DESC);
    ASSERT_OK(set_pointer(SQL_ATTR_APP_ROW_DESC, shared), diags());
    ASSERT_OK(SQLSetStmtAttr(second.get(), SQL_ATTR_APP_ROW_DESC, shared, 0), second.diags());
    EXPECT_EQ(stmt_desc(h(), SQL_ATTR_APP_ROW_DESC), shared);

    ASSERT_OK(exec("SELECT 41"), diags());
    ASSERT_OK(SQLFetch(h()), diags());
    EXPECT_EQ(value, 41);
    ASSERT_OK(SQLExecDirect(second.get(), text("SELECT 42"), SQL_NTS), second.diags());
    ASSERT_OK(SQLFetch(second.get()), second.diags());
    EXPECT_EQ(value, 42);
    SQLFreeStmt(h(), SQL_CLOSE);
    SQLFreeStmt(second.get(), SQL_CLOSE);

    // A statement's own ARD comes back when it is set again: its bindings
    // (none) apply, not the shared descriptor's.
    ASSERT_OK(set_pointer(SQL_ATTR_APP_ROW_DESC, implicit_ard), diags());
    ASSERT_OK(exec("SELECT 50"), diags());
    ASSERT_OK(SQLFetch(h()), diags());
    EXPECT_EQ(value, 42);
    SQLFreeStmt(h(), SQL_CLOSE);

    ASSERT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, shared), SQL_SUCCESS);
    SQLHDESC reverted = stmt_desc(second.get(), SQL_ATTR_APP_ROW_DESC);
    EXPECT_NE(reverted, shared);
    SQLSMALLINT count = -1;
    ASSERT_EQ(SQLGetDescField(reverted, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 0);
    value = 0;
    ASSERT_OK(SQLExecDirect(second.get(), text("SELECT 43"), SQL_NTS), second.diags());
    ASSERT_OK(SQLFetch(second.get()), second.diags());
    EXPECT_EQ(value, 0);
    SQLINTEGER fetched = 0;
    ASSERT_OK(SQLGetData(second.get(), 1, SQL_C_SLONG, &fetched, 0, nullptr), second.diags());
    EXPECT_EQ(fetched, 43);
}

TEST_F(DescriptorTest, CopyDescCopiesArdToExplicitAndIrdToArd) {
    SQLINTEGER value = 0;
    SQLLEN ind = 0;
    char name[16] = {0};
    SQLLEN name_ind = 0;
    ASSERT_OK(SQLBindCol(h(), 1, SQL_C_SLONG, &value, 0, &ind), diags());
    ASSERT_OK(SQLBindCol(h(), 2, SQL_C_CHAR, name, sizeof name, &name_ind), diags());
    SQLHDESC copy = SQL_NULL_HDESC;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, connection->get(), &copy), SQL_SUCCESS);
    ASSERT_EQ(SQLCopyDesc(stmt_desc(h(), SQL_ATTR_APP_ROW_DESC), copy), SQL_SUCCESS)
        << format_diags(desc_diags(copy));
    Statement other(connection->get());
    ASSERT_OK(SQLSetStmtAttr(other.get(), SQL_ATTR_APP_ROW_DESC, copy, 0), other.diags());
    ASSERT_OK(SQLExecDirect(other.get(), text("SELECT 7, 'seven'"), SQL_NTS), other.diags());
    ASSERT_OK(SQLFetch(other.get()), other.diags());
    EXPECT_EQ(value, 7);
    EXPECT_STREQ(name, "seven");
    EXPECT_EQ(name_ind, 5);
    SQLFreeStmt(other.get(), SQL_CLOSE);

    // IRD to ARD: the record types follow the result's columns.
    Statement third(connection->get());
    ASSERT_OK(SQLPrepare(third.get(), text("SELECT 1::integer, 2::smallint"), SQL_NTS),
              third.diags());
    SQLHDESC third_ard = stmt_desc(third.get(), SQL_ATTR_APP_ROW_DESC);
    ASSERT_EQ(SQLCopyDesc(stmt_desc(third.get(), SQL_ATTR_IMP_ROW_DESC), third_ard), SQL_SUCCESS)
        << format_diags(desc_diags(third_ard));
    SQLSMALLINT count = 0, first = 0, second = 0;
    ASSERT_EQ(SQLGetDescField(third_ard, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(third_ard, 1, SQL_DESC_CONCISE_TYPE, &first, 0, nullptr),
              SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(third_ard, 2, SQL_DESC_CONCISE_TYPE, &second, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(count, 2);
    EXPECT_EQ(first, SQL_INTEGER);
    EXPECT_EQ(second, SQL_SMALLINT);
    SQLINTEGER a = 0;
    SQLSMALLINT b = 0;
    ASSERT_EQ(SQLSetDescField(third_ard, 1, SQL_DESC_DATA_PTR, &a, 0), SQL_SUCCESS)
        << format_diags(desc_diags(third_ard));
    ASSERT_EQ(SQLSetDescField(third_ard, 2, SQL_DESC_DATA_PTR, &b, 0), SQL_SUCCESS)
        << format_diags(desc_diags(third_ard));
    ASSERT_OK(SQLExecute(third.get()), third.diags());
    ASSERT_OK(SQLFetch(third.get()), third.diags());
    EXPECT_EQ(a, 1);
    EXPECT_EQ(b, 2);
    // The IRD cannot be a target.
    EXPECT_EQ(SQLCopyDesc(copy, stmt_desc(third.get(), SQL_ATTR_IMP_ROW_DESC)), SQL_ERROR);
    SQLFreeHandle(SQL_HANDLE_DESC, copy);
}

TEST_F(DescriptorTest, ErrorsFollowTheReference) {
    ASSERT_OK(prepare("SELECT 1"), diags());
    SQLHDESC ird = stmt_desc(h(), SQL_ATTR_IMP_ROW_DESC);
    SQLHDESC ard = stmt_desc(h(), SQL_ATTR_APP_ROW_DESC);
    EXPECT_EQ(SQLSetDescField(ird, 1, SQL_DESC_CONCISE_TYPE,
                              reinterpret_cast<SQLPOINTER>(SQL_C_CHAR), 0),
              SQL_ERROR);
    EXPECT_DIAG(desc_diags(ird), "HY016");
    // An inconsistent record: the type is not a C type.
    SQLINTEGER target = 0;
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, reinterpret_cast<SQLPOINTER>(777), 0),
              SQL_SUCCESS);
    EXPECT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &target, 0), SQL_ERROR);
    EXPECT_DIAG(desc_diags(ard), "HY021");
    SQLPOINTER data = &target;
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_DATA_PTR, &data, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(data, nullptr);
    // SQL_C_NUMERIC with a scale past its precision.
    ASSERT_EQ(SQLSetDescRec(ard, 1, SQL_C_NUMERIC, 0, sizeof(SQL_NUMERIC_STRUCT), 5, 7, nullptr,
                            nullptr, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &target, 0), SQL_ERROR);
    EXPECT_DIAG(desc_diags(ard), "HY021");
    // Record 0 is the bookmark.
    EXPECT_EQ(SQLSetDescField(ard, 0, SQL_DESC_DATA_PTR, &target, 0), SQL_ERROR);
    EXPECT_DIAG(desc_diags(ard), "07009");
    // Unknown and read-only fields.
    SQLINTEGER any = 0;
    EXPECT_EQ(SQLGetDescField(ard, 1, 9999, &any, 0, nullptr), SQL_ERROR);
    EXPECT_DIAG(desc_diags(ard), "HY091");
    EXPECT_EQ(SQLSetDescField(ard, 0, SQL_DESC_ALLOC_TYPE,
                              reinterpret_cast<SQLPOINTER>(SQL_DESC_ALLOC_USER), 0),
              SQL_ERROR);
    EXPECT_DIAG(desc_diags(ard), "HY091");
    // An IPD's data pointer asks for the consistency check only.
    SQLHDESC ipd = stmt_desc(h(), SQL_ATTR_IMP_PARAM_DESC);
    ASSERT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_CONCISE_TYPE,
                              reinterpret_cast<SQLPOINTER>(SQL_INTEGER), 0),
              SQL_SUCCESS);
    EXPECT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_DATA_PTR, &target, 0), SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    EXPECT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_CONCISE_TYPE, reinterpret_cast<SQLPOINTER>(777),
                              0),
              SQL_ERROR);
    EXPECT_DIAG(desc_diags(ipd), "HY021");
    // Changing an application record's type unbinds its data pointer.
    SQLHDESC apd = stmt_desc(h(), SQL_ATTR_APP_PARAM_DESC);
    ASSERT_OK(SQLBindParameter(h(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &target,
                               0, nullptr),
              diags());
    ASSERT_EQ(SQLSetDescField(apd, 1, SQL_DESC_CONCISE_TYPE,
                              reinterpret_cast<SQLPOINTER>(SQL_C_SBIGINT), 0),
              SQL_SUCCESS);
    data = &target;
    ASSERT_EQ(SQLGetDescField(apd, 1, SQL_DESC_DATA_PTR, &data, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(data, nullptr);
    // Another statement's implicit descriptor cannot be swapped in.
    Statement other(connection->get());
    EXPECT_EQ(SQLSetStmtAttr(other.get(), SQL_ATTR_APP_ROW_DESC, ard, 0), SQL_ERROR);
    EXPECT_DIAG(other.diags(), "HY017");
    // A record past SQL_DESC_COUNT has no data; a negative one is 07009.
    SQLSMALLINT small = 0;
    EXPECT_EQ(SQLGetDescField(ird, 2, SQL_DESC_TYPE, &small, 0, nullptr), SQL_NO_DATA);
    EXPECT_EQ(SQLGetDescField(ard, -1, SQL_DESC_TYPE, &small, 0, nullptr), SQL_ERROR);
    EXPECT_DIAG(desc_diags(ard), "07009");
    // An implicit descriptor is freed with its statement only.
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, ard), SQL_ERROR);
}

TEST_F(DescriptorTest, RowWiseParameterArrayThroughApdHeaderEqualsSQLBindParameter) {
    struct ParamRow {
        SQLINTEGER number;
        SQLLEN number_ind;
        char name[8];
        SQLLEN name_ind;
    };
    ParamRow rows[2] = {{5, 0, "five", SQL_NTS}, {6, 0, "six", SQL_NTS}};
    std::string table = make_table("r", "ord serial, a int, b text");
    std::string insert = "INSERT INTO " + table + " (a, b) VALUES (?, ?)";
    ASSERT_OK(set_attr(SQL_ATTR_PARAMSET_SIZE, 2), diags());
    ASSERT_OK(set_attr(SQL_ATTR_PARAM_BIND_TYPE, sizeof(ParamRow)), diags());
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &rows[0].number, 0, &rows[0].number_ind),
              diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, rows[0].name, sizeof rows[0].name,
                   &rows[0].name_ind, 8),
              diags());
    ASSERT_OK(exec(insert), diags());
    std::string expected = stored(table, "a::text || '|' || b");
    EXPECT_EQ(expected, "5|five,6|six");
    run("TRUNCATE " + table);

    Statement other(connection->get());
    SQLHDESC apd = stmt_desc(other.get(), SQL_ATTR_APP_PARAM_DESC);
    SQLHDESC ipd = stmt_desc(other.get(), SQL_ATTR_IMP_PARAM_DESC);
    ASSERT_EQ(SQLSetDescField(apd, 0, SQL_DESC_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(2), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(apd, 0, SQL_DESC_BIND_TYPE,
                              reinterpret_cast<SQLPOINTER>(sizeof(ParamRow)), 0),
              SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescRec(ipd, 1, SQL_INTEGER, 0, 0, 0, 0, nullptr, nullptr, nullptr),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    ASSERT_EQ(SQLSetDescRec(ipd, 2, SQL_VARCHAR, 0, 8, 0, 0, nullptr, nullptr, nullptr),
              SQL_SUCCESS)
        << format_diags(desc_diags(ipd));
    ASSERT_EQ(SQLSetDescRec(apd, 1, SQL_C_SLONG, 0, 0, 0, 0, &rows[0].number,
                            &rows[0].number_ind, &rows[0].number_ind),
              SQL_SUCCESS)
        << format_diags(desc_diags(apd));
    ASSERT_EQ(SQLSetDescRec(apd, 2, SQL_C_CHAR, 0, sizeof rows[0].name, 0, 0, rows[0].name,
                            &rows[0].name_ind, &rows[0].name_ind),
              SQL_SUCCESS)
        << format_diags(desc_diags(apd));
    SQLULEN bind_type = 0;
    ASSERT_EQ(SQLGetStmtAttr(other.get(), SQL_ATTR_PARAM_BIND_TYPE, &bind_type, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(bind_type, sizeof(ParamRow));
    ASSERT_OK(SQLExecDirect(other.get(), text(insert), SQL_NTS), other.diags());
    EXPECT_EQ(stored(table, "a::text || '|' || b"), expected);
}

TEST_F(DescriptorTest, WideFormsAnswerIrdNamesInUtf16) {
    // "m" U+00F6 "on" U+1F31C: one non-BMP character (a surrogate pair).
    ASSERT_OK(prepare("SELECT 1 AS \"m\xc3\xb6on\xf0\x9f\x8c\x9c\""), diags());
    SQLHDESC ird = stmt_desc(h(), SQL_ATTR_IMP_ROW_DESC);
    const std::u16string expected = u"m\u00f6on\U0001F31C";
    SQLWCHAR name[32] = {0};
    SQLINTEGER length_bytes = 0;
    ASSERT_EQ(SQLGetDescFieldW(ird, 1, SQL_DESC_NAME, name, sizeof name, &length_bytes),
              SQL_SUCCESS)
        << format_diags(desc_diags(ird));
    EXPECT_EQ(length_bytes, static_cast<SQLINTEGER>(expected.size() * sizeof(SQLWCHAR)));
    EXPECT_EQ(std::u16string(reinterpret_cast<const char16_t *>(name), expected.size()),
              expected);
    SQLWCHAR rec_name[32] = {0};
    SQLSMALLINT length_chars = 0, type = 0;
    ASSERT_EQ(SQLGetDescRecW(ird, 1, rec_name, 32, &length_chars, &type, nullptr, nullptr,
                             nullptr, nullptr, nullptr),
              SQL_SUCCESS)
        << format_diags(desc_diags(ird));
    EXPECT_EQ(length_chars, static_cast<SQLSMALLINT>(expected.size()));
    EXPECT_EQ(std::u16string(reinterpret_cast<const char16_t *>(rec_name), expected.size()),
              expected);
    EXPECT_EQ(type, SQL_INTEGER);
    // Too small: cut at a character boundary, 01004, the whole length.
    SQLWCHAR small[5] = {0};
    EXPECT_EQ(SQLGetDescFieldW(ird, 1, SQL_DESC_NAME, small, sizeof small, &length_bytes),
              SQL_SUCCESS_WITH_INFO);
    EXPECT_DIAG(desc_diags(ird), "01004");
    EXPECT_EQ(length_bytes, static_cast<SQLINTEGER>(expected.size() * sizeof(SQLWCHAR)));
    EXPECT_EQ(std::u16string(reinterpret_cast<const char16_t *>(small)), u"m\u00f6on");
}

TEST_F(DescriptorTest, ExplicitApdIsSharedByTwoStatementsAndFreeingItRestoresTheirOwn) {
    std::string table = make_table("e", "ord serial, a int");
    std::string insert = "INSERT INTO " + table + " (a) VALUES (?)";
    // The test's statement has its own binding before the explicit APD comes.
    SQLINTEGER own = 1;
    SQLLEN own_ind = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &own, 0, &own_ind), diags());

    SQLHDESC shared = SQL_NULL_HDESC;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, connection->get(), &shared), SQL_SUCCESS);
    SQLINTEGER values[2] = {20, 30};
    SQLLEN inds[2] = {0, 0};
    Statement second(connection->get());
    ASSERT_OK(set_pointer(SQL_ATTR_APP_PARAM_DESC, shared), diags());
    ASSERT_OK(SQLSetStmtAttr(second.get(), SQL_ATTR_APP_PARAM_DESC, shared, 0), second.diags());
    // The IPD stays each statement's: the SQL type comes from there.
    ASSERT_EQ(SQLSetDescField(stmt_desc(second.get(), SQL_ATTR_IMP_PARAM_DESC), 1,
                              SQL_DESC_CONCISE_TYPE, reinterpret_cast<SQLPOINTER>(SQL_INTEGER),
                              0),
              SQL_SUCCESS);
    // Fields set on the shared descriptor after both took it reach both.
    ASSERT_EQ(SQLSetDescField(shared, 0, SQL_DESC_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(2), 0),
              SQL_SUCCESS);
    bind_by_fields(shared, 1, SQL_C_SLONG, values, 0, inds);
    ASSERT_OK(exec(insert), diags());
    ASSERT_OK(SQLExecDirect(second.get(), text(insert), SQL_NTS), second.diags());
    EXPECT_EQ(stored(table, "a::text"), "20,30,20,30");
    SQLULEN paramset_size = 0;
    ASSERT_EQ(SQLGetStmtAttr(second.get(), SQL_ATTR_PARAMSET_SIZE, &paramset_size, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(paramset_size, 2u);

    // SQLBindParameter on one statement writes the shared descriptor.
    SQLINTEGER rebound[2] = {40, 50};
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, rebound, 0, inds), diags());
    SQLPOINTER data = nullptr;
    ASSERT_EQ(SQLGetDescField(shared, 1, SQL_DESC_DATA_PTR, &data, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(data, static_cast<SQLPOINTER>(rebound));
    run("TRUNCATE " + table);
    ASSERT_OK(SQLExecDirect(second.get(), text(insert), SQL_NTS), second.diags());
    EXPECT_EQ(stored(table, "a::text"), "40,50");

    // Freed: the test's statement has its own single binding again.
    ASSERT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, shared), SQL_SUCCESS);
    run("TRUNCATE " + table);
    ASSERT_OK(exec(insert), diags());
    EXPECT_EQ(stored(table, "a::text"), "1");
    paramset_size = 0;
    ASSERT_EQ(SQLGetStmtAttr(second.get(), SQL_ATTR_PARAMSET_SIZE, &paramset_size, 0, nullptr),
              SQL_SUCCESS);
    EXPECT_EQ(paramset_size, 1u);
}

TEST_F(DescriptorTest, DisconnectFreesExplicitDescriptorsStillInUse) {
    // A second connection whose explicit descriptor is still the ARD of a
    // statement when the application disconnects: the connection frees
    // both (the ASan build's leak check proves nothing stays behind).
    auto other = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(other);
    SQLHDESC shared = SQL_NULL_HDESC;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, other->get(), &shared), SQL_SUCCESS);
    SQLHSTMT statement = SQL_NULL_HSTMT;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, other->get(), &statement), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(statement, SQL_ATTR_APP_ROW_DESC, shared, 0), SQL_SUCCESS);
    SQLINTEGER value = 0;
    SQLLEN indicator = 0;
    ASSERT_EQ(SQLBindCol(statement, 1, SQL_C_SLONG, &value, 0, &indicator), SQL_SUCCESS);
    ASSERT_TRUE(succeeded(SQLExecDirect(statement, text("SELECT 7"), SQL_NTS)));
    ASSERT_EQ(SQLFetch(statement), SQL_SUCCESS);
    EXPECT_EQ(value, 7);
    SQLCloseCursor(statement);
    EXPECT_EQ(SQLDisconnect(other->get()), SQL_SUCCESS);
    other->connected = false;
}

} // namespace
} // namespace pgo_test
