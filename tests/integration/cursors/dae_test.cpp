// Data at execution for row operations through the driver manager:
// SQLSetPos(SQL_UPDATE) and SQLBulkOperations(SQL_ADD) with bound columns
// whose length is SQL_LEN_DATA_AT_EXEC(n) return SQL_NEED_DATA;
// SQLParamData names each such column by its bound buffer, SQLPutData
// sends the value in pieces (or SQL_NULL_DATA), and the last SQLParamData
// runs the operation. Each change checked by a fresh SELECT.
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class RowDataAtExecTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int)");
        run("INSERT INTO " + table + " VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
        make_static(SQL_CONCUR_VALUES);
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
        ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
        exec("SELECT id, name, qty FROM " + table + " ORDER BY id");
        buffers.bind(h());
        ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    }
    RowBuffers buffers{3};
    SQLUSMALLINT status[3] = {99, 99, 99};
};

TEST_F(RowDataAtExecTest, SetPosUpdateTakesALongValueInPieces) {
    buffers.name_ind[1] = SQL_LEN_DATA_AT_EXEC(0);
    buffers.qty[1] = 22;
    ASSERT_EQ(SQL_NEED_DATA, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQL_NEED_DATA, SQLParamData(h(), &token));
    EXPECT_EQ(static_cast<SQLPOINTER>(buffers.name.data()), token); // the column's bound buffer
    std::string piece(1000, 'x');
    for (int i = 0; i < 10; i++) {
        ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), const_cast<char *>(piece.data()),
                                          static_cast<SQLLEN>(piece.size())));
    }
    ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), const_cast<char *>("end"), SQL_NTS));
    ASSERT_EQ(SQL_SUCCESS, SQLParamData(h(), &token)) << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(rows("SELECT length(name), right(name, 4), qty FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"10003|xend|22"}));
}

TEST_F(RowDataAtExecTest, BulkAddAsksForEachRowsValueAndTakesNull) {
    for (size_t i = 0; i < 3; i++) {
        buffers.id[i] = static_cast<SQLINTEGER>(10 + i);
        buffers.id_ind[i] = 0;
        buffers.name_ind[i] = SQL_DATA_AT_EXEC;
        buffers.qty[i] = static_cast<SQLINTEGER>(100 + i);
        buffers.qty_ind[i] = 0;
    }
    buffers.set_name(2, "plain"); // not at execution
    ASSERT_EQ(SQL_NEED_DATA, SQLBulkOperations(h(), SQL_ADD)) << format_diags(stmt->diags());
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQL_NEED_DATA, SQLParamData(h(), &token));
    ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), const_cast<char *>("ten"), 3));
    ASSERT_EQ(SQL_NEED_DATA, SQLParamData(h(), &token));
    ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), nullptr, SQL_NULL_DATA));
    ASSERT_EQ(SQL_SUCCESS, SQLParamData(h(), &token)) << format_diags(stmt->diags());
    EXPECT_EQ((std::vector<SQLUSMALLINT>{SQL_ROW_ADDED, SQL_ROW_ADDED, SQL_ROW_ADDED}),
              std::vector<SQLUSMALLINT>(status, status + 3));
    EXPECT_EQ(rows("SELECT id, name, qty FROM " + table + " WHERE id >= 10 ORDER BY id"),
              (std::vector<std::string>{"10|ten|100", "11|NULL|101", "12|plain|102"}));
}

TEST_F(RowDataAtExecTest, CancelEndsTheSequenceAndChangesNothing) {
    buffers.name_ind[0] = SQL_DATA_AT_EXEC;
    ASSERT_EQ(SQL_NEED_DATA, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQL_NEED_DATA, SQLParamData(h(), &token));
    ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), const_cast<char *>("never"), SQL_NTS));
    ASSERT_EQ(SQL_SUCCESS, SQLCancel(h()));
    EXPECT_EQ(SQL_ERROR, SQLParamData(h(), &token));
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|two|20", "3|three|30"}));
    // The cursor is still usable.
    buffers.set_name(0, "eins");
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT name FROM " + table + " WHERE id = 1"),
              (std::vector<std::string>{"eins"}));
}

TEST_F(RowDataAtExecTest, AnErrorInSQLPutDataEndsTheSequence) {
    buffers.name_ind[0] = SQL_DATA_AT_EXEC;
    ASSERT_EQ(SQL_NEED_DATA, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQL_NEED_DATA, SQLParamData(h(), &token));
    ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), nullptr, SQL_NULL_DATA));
    EXPECT_EQ(SQL_ERROR, SQLPutData(h(), const_cast<char *>("late"), 4));
    EXPECT_DIAG(stmt->diags(), "HY011", {});
    EXPECT_EQ(SQL_ERROR, SQLParamData(h(), &token)); // the driver manager: HY010
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|two|20", "3|three|30"}));
    buffers.name_ind[0] = SQL_NTS;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    // Parameters of another statement's data at execution are not confused
    // with the row operation's.
    ASSERT_EQ(SQL_SUCCESS, SQLFreeStmt(h(), SQL_CLOSE));
    SQLLEN at_exec = SQL_DATA_AT_EXEC;
    ASSERT_EQ(SQL_SUCCESS, SQLBindParameter(h(), 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10,
                                            0, reinterpret_cast<SQLPOINTER>(7), 0, &at_exec));
    std::string update = "UPDATE " + table + " SET name = ? WHERE id = 3";
    ASSERT_EQ(SQL_NEED_DATA, SQLExecDirect(h(), text(update), SQL_NTS));
    ASSERT_EQ(SQL_NEED_DATA, SQLParamData(h(), &token));
    EXPECT_EQ(reinterpret_cast<SQLPOINTER>(7), token);
    ASSERT_EQ(SQL_SUCCESS, SQLPutData(h(), const_cast<char *>("drei"), SQL_NTS));
    ASSERT_EQ(SQL_SUCCESS, SQLParamData(h(), &token)) << format_diags(stmt->diags());
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|two|20", "3|drei|30"}));
}

} // namespace
} // namespace pgo_test
