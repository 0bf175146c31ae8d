// odbc/diag.c: record order, message prefixes, server DETAIL/HINT, native
// numbers, ODBC 2 SQLSTATEs, class/subclass origins and the SQLGetDiagRec /
// SQLGetDiagField answers.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "odbc/diag.h"
}

namespace {

class DiagTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        odbc_diag_init(&list_);
        context_.handle_type = SQL_HANDLE_STMT;
        context_.use_odbc2_states = false;
        context_.server_name = "mydsn";
        context_.connection_name = "mydsn";
    }
    void TearDown() override { odbc_diag_reset(&list_); }

    std::string StateOf(SQLSMALLINT record)
    {
        SQLCHAR state[6] = {};
        SQLINTEGER native = 0;
        SQLCHAR message[512];
        SQLSMALLINT length = 0;
        EXPECT_EQ(SQL_SUCCESS, odbc_diag_get_rec(&list_, &context_, record, state, &native,
                                                 message, sizeof message, &length));
        return reinterpret_cast<char *>(state);
    }

    std::string MessageOf(SQLSMALLINT record, SQLINTEGER *native = nullptr)
    {
        SQLCHAR state[6];
        SQLINTEGER native_error = 0;
        SQLCHAR message[4096];
        SQLSMALLINT length = 0;
        EXPECT_EQ(SQL_SUCCESS, odbc_diag_get_rec(&list_, &context_, record, state, &native_error,
                                                 message, sizeof message, &length));
        if (native != nullptr)
            *native = native_error;
        return reinterpret_cast<char *>(message);
    }

    static struct error ServerError(const char *state, const char *severity, const char *message)
    {
        struct error error;
        error_init(&error);
        std::snprintf(error.sqlstate, sizeof error.sqlstate, "%s", state);
        error.origin = ERROR_ORIGIN_SERVER;
        std::snprintf(error.severity, sizeof error.severity, "%s", severity);
        std::snprintf(error.message, sizeof error.message, "%s", message);
        return error;
    }

    struct odbc_diag_list list_;
    struct odbc_diag_context context_;
};

TEST_F(DiagTest, DriverMessagesStartWithDriverPrefix)
{
    odbc_diag_post(&list_, "HY010", "Function sequence error in %s", "SQLFetch");
    SQLINTEGER native = -5;
    EXPECT_EQ("[pgodbc]Function sequence error in SQLFetch", MessageOf(1, &native));
    EXPECT_EQ(0, native);
}

TEST_F(DiagTest, ServerMessagesCarrySeverityDetailAndHint)
{
    struct error error = ServerError("42P01", "ERROR", "relation \"t\" does not exist");
    std::snprintf(error.detail, sizeof error.detail, "%s", "some detail");
    std::snprintf(error.hint, sizeof error.hint, "%s", "some hint");
    odbc_diag_add(&list_, &error, false, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
    SQLINTEGER native = 0;
    EXPECT_EQ("[pgodbc][PostgreSQL]ERROR: relation \"t\" does not exist\nDETAIL: some detail"
              "\nHINT: some hint",
              MessageOf(1, &native));
    EXPECT_EQ(1, native);
    EXPECT_EQ("42P01", StateOf(1));
}

TEST_F(DiagTest, FatalServerErrorsHaveNativeTwo)
{
    struct error error = ServerError("28P01", "FATAL", "password authentication failed");
    odbc_diag_add(&list_, &error, false, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
    SQLINTEGER native = 0;
    MessageOf(1, &native);
    EXPECT_EQ(2, native);
}

TEST_F(DiagTest, ErrorsComeBeforeWarningsWhateverTheirOrderOfArrival)
{
    odbc_diag_post(&list_, "01004", "truncated");
    struct error notice = ServerError("00000", "NOTICE", "hello");
    odbc_diag_add(&list_, &notice, true, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER);
    odbc_diag_post(&list_, "HY000", "general");
    odbc_diag_post(&list_, "40001", "serialization failure");
    ASSERT_EQ(4u, list_.count);
    EXPECT_EQ("40001", StateOf(1)); // transaction failure outranks other errors
    EXPECT_EQ("HY000", StateOf(2));
    EXPECT_EQ("01004", StateOf(3)); // warnings keep their arrival order
    EXPECT_EQ("01000", StateOf(4)); // a notice of class 00 is reported as 01000
}

TEST_F(DiagTest, RecordsWithoutRowComeBeforeRowRecordsWhichSortByRow)
{
    odbc_diag_post_at(&list_, 1, 2, "22003", "row two");
    odbc_diag_post_at(&list_, 1, 1, "01004", "row one");
    odbc_diag_post(&list_, "01S02", "no row");
    EXPECT_EQ("01S02", StateOf(1));
    EXPECT_EQ("01004", StateOf(2));
    EXPECT_EQ("22003", StateOf(3));
}

TEST_F(DiagTest, OdbcTwoApplicationsSeeOdbcTwoStates)
{
    odbc_diag_post(&list_, "HY010", "sequence");
    odbc_diag_post(&list_, "07009", "bad column");
    odbc_diag_post(&list_, "01004", "truncated");
    context_.use_odbc2_states = true;
    EXPECT_EQ("S1010", StateOf(1));
    EXPECT_EQ("S1002", StateOf(2));
    EXPECT_EQ("01004", StateOf(3));
    SQLCHAR state[6];
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_SQLSTATE, state,
                                               sizeof state, &length));
    EXPECT_STREQ("S1010", reinterpret_cast<char *>(state));
}

TEST_F(DiagTest, OdbcTwoTableMapsTheDocumentedStates)
{
    EXPECT_STREQ("S1000", odbc_diag_odbc2_sqlstate("HY000"));
    EXPECT_STREQ("S1C00", odbc_diag_odbc2_sqlstate("HYC00"));
    EXPECT_STREQ("S1009", odbc_diag_odbc2_sqlstate("HY024"));
    EXPECT_STREQ("22005", odbc_diag_odbc2_sqlstate("22018"));
    EXPECT_STREQ("37000", odbc_diag_odbc2_sqlstate("42000"));
    EXPECT_STREQ("S0002", odbc_diag_odbc2_sqlstate("42S02"));
    EXPECT_STREQ("08S01", odbc_diag_odbc2_sqlstate("08S01"));
    EXPECT_STREQ("42P01", odbc_diag_odbc2_sqlstate("42P01"));
}

TEST_F(DiagTest, ClassOriginIsOdbcOnlyForTheImClass)
{
    EXPECT_STREQ("ISO 9075", odbc_diag_class_origin("HY000"));
    EXPECT_STREQ("ISO 9075", odbc_diag_class_origin("42P01"));
    EXPECT_STREQ("ODBC 3.0", odbc_diag_class_origin("IM002"));
}

TEST_F(DiagTest, SubclassOriginNamesWhoDefinedTheSubclass)
{
    EXPECT_STREQ("ODBC 3.0", odbc_diag_subclass_origin("08S01", ERROR_ORIGIN_DRIVER));
    EXPECT_STREQ("ODBC 3.0", odbc_diag_subclass_origin("01S02", ERROR_ORIGIN_DRIVER));
    EXPECT_STREQ("ISO 9075", odbc_diag_subclass_origin("HY010", ERROR_ORIGIN_DRIVER));
    EXPECT_STREQ("ISO 9075", odbc_diag_subclass_origin("22012", ERROR_ORIGIN_SERVER));
    EXPECT_STREQ("PostgreSQL", odbc_diag_subclass_origin("42P01", ERROR_ORIGIN_SERVER));
}

TEST_F(DiagTest, ShortMessageBufferTruncatesAndReportsFullLength)
{
    odbc_diag_post(&list_, "HY000", "%s", "0123456789");
    SQLCHAR state[6];
    SQLINTEGER native;
    SQLCHAR message[8];
    SQLSMALLINT length = 0;
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, odbc_diag_get_rec(&list_, &context_, 1, state, &native,
                                                       message, sizeof message, &length));
    EXPECT_STREQ("[pgodbc", reinterpret_cast<char *>(message));
    EXPECT_EQ(static_cast<SQLSMALLINT>(std::strlen("[pgodbc]0123456789")), length);
}

TEST_F(DiagTest, RecordNumbersOutsideTheListAreNoDataOrError)
{
    odbc_diag_post(&list_, "HY000", "one");
    SQLCHAR state[6];
    SQLINTEGER native;
    SQLCHAR message[64];
    SQLSMALLINT length;
    EXPECT_EQ(SQL_NO_DATA, odbc_diag_get_rec(&list_, &context_, 2, state, &native, message,
                                             sizeof message, &length));
    EXPECT_EQ(SQL_ERROR, odbc_diag_get_rec(&list_, &context_, 0, state, &native, message,
                                           sizeof message, &length));
    EXPECT_EQ(SQL_ERROR, odbc_diag_get_rec(&list_, &context_, 1, state, &native, message, -1,
                                           &length));
}

TEST_F(DiagTest, HeaderFieldsReportCountReturnCodeAndRowCount)
{
    odbc_diag_post(&list_, "01004", "truncated");
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, odbc_diag_finish(&list_, SQL_SUCCESS));
    list_.row_count = 7;
    SQLINTEGER number = 0;
    SQLRETURN return_code = 0;
    SQLLEN row_count = 0;
    ASSERT_EQ(SQL_SUCCESS,
              odbc_diag_get_field(&list_, &context_, 0, SQL_DIAG_NUMBER, &number, 0, nullptr));
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 0, SQL_DIAG_RETURNCODE,
                                               &return_code, 0, nullptr));
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 0, SQL_DIAG_ROW_COUNT,
                                               &row_count, 0, nullptr));
    EXPECT_EQ(1, number);
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, return_code);
    EXPECT_EQ(7, row_count);
}

TEST_F(DiagTest, RowCountFieldsAreErrorsOnOtherHandlesAndRecordsHaveNoRowOrColumn)
{
    odbc_diag_post(&list_, "HY000", "x");
    context_.handle_type = SQL_HANDLE_DBC;
    SQLLEN row_count;
    SQLINTEGER column;
    EXPECT_EQ(SQL_ERROR, odbc_diag_get_field(&list_, &context_, 0, SQL_DIAG_ROW_COUNT, &row_count,
                                             0, nullptr));
    // The record fields answer on any handle: no row, no column.
    SQLLEN row = 5;
    EXPECT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_COLUMN_NUMBER,
                                               &column, 0, nullptr));
    EXPECT_EQ(SQL_NO_COLUMN_NUMBER, column);
    EXPECT_EQ(SQL_SUCCESS,
              odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr));
    EXPECT_EQ(SQL_NO_ROW_NUMBER, row);
}

TEST_F(DiagTest, RecordFieldsReportColumnRowServerAndOrigins)
{
    odbc_diag_post_at(&list_, 3, 1, "01004", "column three");
    SQLINTEGER column = 0;
    SQLLEN row = 0;
    SQLCHAR text[64];
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_COLUMN_NUMBER,
                                               &column, 0, nullptr));
    ASSERT_EQ(SQL_SUCCESS,
              odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr));
    EXPECT_EQ(3, column);
    EXPECT_EQ(1, row);
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_SERVER_NAME, text,
                                               sizeof text, &length));
    EXPECT_STREQ("mydsn", reinterpret_cast<char *>(text));
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_CLASS_ORIGIN, text,
                                               sizeof text, &length));
    EXPECT_STREQ("ISO 9075", reinterpret_cast<char *>(text));
    ASSERT_EQ(SQL_SUCCESS, odbc_diag_get_field(&list_, &context_, 1, SQL_DIAG_MESSAGE_TEXT, text,
                                               sizeof text, &length));
    EXPECT_STREQ("[pgodbc]column three", reinterpret_cast<char *>(text));
    EXPECT_EQ(SQL_NO_DATA, odbc_diag_get_field(&list_, &context_, 2, SQL_DIAG_SQLSTATE, text,
                                               sizeof text, &length));
}

TEST_F(DiagTest, ClearDropsRecordsAndFinishKeepsErrors)
{
    odbc_diag_post(&list_, "HY000", "x");
    odbc_diag_clear(&list_);
    EXPECT_EQ(0u, list_.count);
    EXPECT_EQ(SQL_SUCCESS, odbc_diag_finish(&list_, SQL_SUCCESS));
    EXPECT_EQ(SQL_NO_DATA, odbc_diag_finish(&list_, SQL_NO_DATA));
    EXPECT_EQ(SQL_ERROR, odbc_diag_fail(&list_, "HY001", "out of memory"));
    EXPECT_TRUE(odbc_diag_has_errors(&list_));
    EXPECT_EQ(SQL_ERROR, odbc_diag_finish(&list_, SQL_ERROR));
}

} // namespace
