// Statement and connection attributes on a live connection, through the
// driver manager: values changed say 01S02, optional features HYC00 with
// the reason, unknown attributes HY092, and the catalog is the database.
#include "odbc_test.h"

namespace pgo_test {
namespace {

class AttributesTest : public OdbcTest {
protected:
    void SetUp() override {
        OdbcTest::SetUp();
        if (HasFatalFailure())
            return;
        connection = driver_connect(tcp_string("pgo_trust"));
        ASSERT_CONNECTED(connection);
        stmt.emplace(connection->get());
    }
    SQLRETURN set(SQLINTEGER attribute, SQLULEN value) {
        return SQLSetStmtAttr(stmt->get(), attribute, reinterpret_cast<SQLPOINTER>(value), 0);
    }
    SQLULEN get(SQLINTEGER attribute) {
        SQLULEN value = 12345;
        EXPECT_EQ(SQL_SUCCESS, SQLGetStmtAttr(stmt->get(), attribute, &value, 0, nullptr))
            << attribute << format_diags(stmt->diags());
        return value;
    }
    std::unique_ptr<Connection> connection;
    std::optional<Statement> stmt;
};

// Keyset cursors are decided at execution (integration/cursors/keyset_test.cpp);
// dynamic maps down to keyset when set.
TEST_F(AttributesTest, KeysetIsTakenAndDynamicBecomesKeysetWith01S02) {
    EXPECT_EQ(SQL_SUCCESS, set(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_KEYSET_DRIVEN));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), get(SQL_ATTR_CURSOR_TYPE));
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, set(SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_DYNAMIC));
    EXPECT_DIAG(stmt->diags(), "01S02", {"SQL_CURSOR_KEYSET_DRIVEN"});
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CURSOR_KEYSET_DRIVEN), get(SQL_ATTR_CURSOR_TYPE));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_SCROLLABLE), get(SQL_ATTR_CURSOR_SCROLLABLE));
    EXPECT_EQ(SQL_SUCCESS, set(SQL_ATTR_CONCURRENCY, SQL_CONCUR_LOCK));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CONCUR_LOCK), get(SQL_ATTR_CONCURRENCY));
    // Row versions: taken; a static cursor compares values instead, with
    // 01S02 at execution (integration/cursors/rowver_test.cpp).
    EXPECT_EQ(SQL_SUCCESS, set(SQL_ATTR_CONCURRENCY, SQL_CONCUR_ROWVER));
    EXPECT_EQ(static_cast<SQLULEN>(SQL_CONCUR_ROWVER), get(SQL_ATTR_CONCURRENCY));
}

TEST_F(AttributesTest, MaxLengthIsNotSupportedAndStaysZero) {
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, set(SQL_ATTR_MAX_LENGTH, 10));
    EXPECT_DIAG(stmt->diags(), "01S02", {"SQL_ATTR_MAX_LENGTH"});
    EXPECT_EQ(0u, get(SQL_ATTR_MAX_LENGTH));
    ASSERT_EQ(SQL_SUCCESS, SQLExecDirect(stmt->get(), (SQLCHAR *)"SELECT repeat('x', 100)", SQL_NTS));
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(stmt->get()));
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    EXPECT_EQ(100u, get_text(stmt->get(), 1, &rc, &diags).value_or("").size());
}

TEST_F(AttributesTest, OptionalStatementFeaturesAreHYC00WithTheReason) {
    // Polling is supported (integration/async); event notification is not.
    EXPECT_EQ(SQL_ERROR, set(SQL_ATTR_ASYNC_STMT_EVENT, 1));
    EXPECT_DIAG(stmt->diags(), "HYC00", {"notification"});
    EXPECT_EQ(SQL_ERROR, set(SQL_ATTR_CURSOR_SENSITIVITY, SQL_SENSITIVE));
    EXPECT_DIAG(stmt->diags(), "HYC00", {"Sensitive"});
    EXPECT_EQ(SQL_ERROR, set(987654, 1));
    EXPECT_DIAG(stmt->diags(), "HY092", {"987654"});
    EXPECT_EQ(SQL_ERROR, set(SQL_ATTR_ROW_NUMBER, 1));
    EXPECT_DIAG(stmt->diags(), "HY092", {"read-only"});
}

// SQL_ATTR_ROW_NUMBER is left out: the driver manager answers 24000 itself
// while no cursor is open.
TEST_F(AttributesTest, EveryStandardStatementAttributeAnswersGet) {
    for (SQLINTEGER attribute :
         {SQL_ATTR_APP_ROW_DESC, SQL_ATTR_APP_PARAM_DESC, SQL_ATTR_IMP_ROW_DESC,
          SQL_ATTR_IMP_PARAM_DESC, SQL_ATTR_ASYNC_ENABLE, SQL_ATTR_CONCURRENCY,
          SQL_ATTR_CURSOR_SCROLLABLE, SQL_ATTR_CURSOR_SENSITIVITY, SQL_ATTR_CURSOR_TYPE,
          SQL_ATTR_ENABLE_AUTO_IPD, SQL_ATTR_FETCH_BOOKMARK_PTR, SQL_ATTR_KEYSET_SIZE,
          SQL_ATTR_MAX_LENGTH, SQL_ATTR_MAX_ROWS, SQL_ATTR_METADATA_ID, SQL_ATTR_NOSCAN,
          SQL_ATTR_PARAM_BIND_OFFSET_PTR, SQL_ATTR_PARAM_BIND_TYPE, SQL_ATTR_PARAM_OPERATION_PTR,
          SQL_ATTR_PARAM_STATUS_PTR, SQL_ATTR_PARAMS_PROCESSED_PTR, SQL_ATTR_PARAMSET_SIZE,
          SQL_ATTR_QUERY_TIMEOUT, SQL_ATTR_RETRIEVE_DATA, SQL_ATTR_ROW_ARRAY_SIZE,
          SQL_ATTR_ROW_BIND_OFFSET_PTR, SQL_ATTR_ROW_BIND_TYPE,
          SQL_ATTR_ROW_OPERATION_PTR, SQL_ATTR_ROW_STATUS_PTR, SQL_ATTR_ROWS_FETCHED_PTR,
          SQL_ATTR_SIMULATE_CURSOR, SQL_ATTR_USE_BOOKMARKS}) {
        SQLULEN value = 0;
        SQLRETURN rc = SQLGetStmtAttr(stmt->get(), attribute, &value, sizeof value, nullptr);
        EXPECT_EQ(SQL_SUCCESS, rc) << attribute << format_diags(stmt->diags());
    }
}

TEST_F(AttributesTest, CurrentCatalogIsTheDatabaseAndOnlyItCanBeSet) {
    SQLCHAR name[128] = {0};
    SQLINTEGER length = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetConnectAttr(connection->get(), SQL_ATTR_CURRENT_CATALOG, name,
                                             sizeof name, &length));
    EXPECT_STREQ("pgo_db", reinterpret_cast<char *>(name));
    EXPECT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_CURRENT_CATALOG,
                                             (SQLPOINTER) "pgo_db", SQL_NTS))
        << format_diags(collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_EQ(SQL_ERROR, SQLSetConnectAttr(connection->get(), SQL_ATTR_CURRENT_CATALOG,
                                           (SQLPOINTER) "postgres", SQL_NTS));
    EXPECT_DIAG(collect_diags(SQL_HANDLE_DBC, connection->get()), "HYC00", {"Database="});
    SQLUINTEGER dead = 9;
    ASSERT_EQ(SQL_SUCCESS,
              SQLGetConnectAttr(connection->get(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr));
    EXPECT_EQ(static_cast<SQLUINTEGER>(SQL_CD_FALSE), dead);
}

}  // namespace
}  // namespace pgo_test
