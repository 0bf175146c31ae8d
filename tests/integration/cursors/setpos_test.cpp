// SQLSetPos on a static cursor through the driver manager: positioning,
// refresh, update and delete of one row or the whole rowset, each checked
// by a fresh SELECT on another statement; optimistic concurrency
// conflicts (01001), tables without a primary key (rows identified by
// their values, never more than one), and the errors for what cannot be
// done (read-only cursor, no table, a row outside the rowset,
// forward-only cursors).
#include "cursors/cursor_test.h"

namespace pgo_test {
namespace {

class SetPosTest : public CursorTest {
protected:
    void SetUp() override {
        CursorTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        run("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, qty int DEFAULT 7)");
        run("INSERT INTO " + table + " VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
    }
    // Static cursor, rowset of three bound rows, row status array.
    void open_rowset(SQLULEN concurrency, const std::string &select = "") {
        make_static(concurrency);
        ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
        ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_STATUS_PTR, status, 0));
        exec(select.empty() ? "SELECT id, name, qty FROM " + table + " ORDER BY id" : select);
        buffers.bind(h());
        ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0))
            << format_diags(stmt->diags());
    }
    RowBuffers buffers{3};
    SQLUSMALLINT status[3] = {99, 99, 99};
};

TEST_F(SetPosTest, UpdateWritesTheBoundValuesOfOneRowAndMarksItUpdated) {
    open_rowset(SQL_CONCUR_VALUES);
    buffers.set_name(1, "zwei");
    buffers.qty[1] = 22;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|zwei|22", "3|three|30"}));
    // The cursor sees its own update when it fetches the row again.
    buffers.set_name(1, "");
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    EXPECT_EQ("zwei", buffers.name_at(1));
    EXPECT_EQ(SQL_ROW_UPDATED, status[1]);
    EXPECT_EQ(SQL_ROW_SUCCESS, status[0]);
}

TEST_F(SetPosTest, RowWiseBuffersWithAnOffsetAreReadForTheUpdate) {
    struct Row {
        SQLINTEGER id;
        SQLLEN id_ind;
        char name[16];
        SQLLEN name_ind;
    };
    Row rows_buffer[1 + 3] = {}; // element 0 unused: the bind offset skips it
    SQLULEN offset = sizeof(Row);
    make_static(SQL_CONCUR_VALUES);
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_ARRAY_SIZE, 3));
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_ROW_BIND_TYPE, sizeof(Row)));
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0));
    exec("SELECT id, name FROM " + table + " ORDER BY id");
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 1, SQL_C_SLONG, &rows_buffer[0].id, 0,
                                      &rows_buffer[0].id_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 2, SQL_C_CHAR, rows_buffer[0].name, 16,
                                      &rows_buffer[0].name_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    ASSERT_EQ(3, rows_buffer[3].id);
    std::memcpy(rows_buffer[3].name, "drei", 5);
    rows_buffer[3].name_ind = SQL_NTS;
    rows_buffer[3].id_ind = SQL_COLUMN_IGNORE;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 3, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"1|one|10", "2|two|20", "3|drei|30"}));
}

TEST_F(SetPosTest, UpdateTwiceComparesWithTheValuesTheFirstUpdateWrote) {
    open_rowset(SQL_CONCUR_VALUES);
    buffers.qty[0] = 11;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    buffers.qty[0] = 12;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT qty FROM " + table + " WHERE id = 1"), (std::vector<std::string>{"12"}));
}

TEST_F(SetPosTest, DeleteOfTheWholeRowsetSkipsRowsTheOperationArrayIgnores) {
    open_rowset(SQL_CONCUR_VALUES);
    SQLUSMALLINT operations[3] = {SQL_ROW_PROCEED, SQL_ROW_IGNORE, SQL_ROW_PROCEED};
    ASSERT_EQ(SQL_SUCCESS, SQLSetStmtAttr(h(), SQL_ATTR_ROW_OPERATION_PTR, operations, 0));
    // The row operation array is the ARD's array status pointer.
    SQLHDESC ard = SQL_NULL_HDESC;
    ASSERT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr));
    SQLPOINTER array_status = nullptr;
    ASSERT_EQ(SQL_SUCCESS, SQLGetDescField(ard, 0, SQL_DESC_ARRAY_STATUS_PTR, &array_status, 0,
                                           nullptr));
    EXPECT_EQ(static_cast<SQLPOINTER>(operations), array_status);
    status[1] = 42;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 0, SQL_DELETE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(42, status[1]);
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);
    EXPECT_EQ(table_rows(), (std::vector<std::string>{"2|two|20"}));
    // Deleted rows stay in the static cursor, marked.
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(SQL_ROW_SUCCESS, status[1]);
    EXPECT_EQ(SQL_ROW_DELETED, status[2]);
    // A deleted row cannot be updated.
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY109", {"deleted"});
}

TEST_F(SetPosTest, RefreshReadsWhatAnotherStatementChanged) {
    open_rowset(SQL_CONCUR_READ_ONLY);
    run("UPDATE " + table + " SET name = 'refreshed', qty = 33 WHERE id = 3");
    EXPECT_EQ("three", buffers.name_at(2));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 3, SQL_REFRESH, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ("refreshed", buffers.name_at(2));
    EXPECT_EQ(33, buffers.qty[2]);
    EXPECT_EQ(SQL_ROW_SUCCESS, status[2]);
    // A row deleted by another statement refreshes as deleted.
    run("DELETE FROM " + table + " WHERE id = 1");
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE));
    EXPECT_EQ(SQL_ROW_DELETED, status[0]);
    EXPECT_EQ(SQL_ROW_SUCCESS, status[1]);
}

TEST_F(SetPosTest, OptimisticUpdateOfARowChangedMeanwhileIs01001AndChangesNothing) {
    open_rowset(SQL_CONCUR_VALUES);
    // Another connection changes the row after the cursor read it.
    auto other = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(other);
    QueryResult changed = run_query(other->get(), "UPDATE " + table + " SET qty = 99 WHERE id = 2");
    ASSERT_EQ(SQL_SUCCESS, changed.rc) << format_diags(changed.diags);
    buffers.set_name(1, "mine");
    EXPECT_EQ(SQL_SUCCESS_WITH_INFO, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "01001", {"changed"});
    EXPECT_EQ(SQL_ROW_ERROR, status[1]);
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"two|99"}));
}

TEST_F(SetPosTest, LockConcurrencyUpdatesByKeyAlone) {
    open_rowset(SQL_CONCUR_LOCK);
    run("UPDATE " + table + " SET qty = 99 WHERE id = 2");
    buffers.set_name(1, "locked");
    buffers.qty_ind[1] = SQL_COLUMN_IGNORE;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " WHERE id = 2"),
              (std::vector<std::string>{"locked|99"}));
}

TEST_F(SetPosTest, LockConcurrencyRefreshLocksTheRowUntilTheTransactionEnds) {
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0));
    open_rowset(SQL_CONCUR_LOCK);
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    auto other = driver_connect(tcp_string("pgo_trust"));
    ASSERT_CONNECTED(other);
    const std::string lock = "SELECT id FROM " + table + " WHERE id = 2 FOR UPDATE NOWAIT";
    QueryResult blocked = run_query(other->get(), lock);
    EXPECT_EQ(SQL_ERROR, blocked.rc);
    EXPECT_DIAG(blocked.diags, "55P03", {});
    QueryResult free_row =
        run_query(other->get(), "SELECT id FROM " + table + " WHERE id = 1 FOR UPDATE NOWAIT");
    EXPECT_EQ(SQL_SUCCESS, free_row.rc) << format_diags(free_row.diags);
    ASSERT_EQ(SQL_SUCCESS, SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT));
    QueryResult unlocked = run_query(other->get(), lock);
    EXPECT_EQ(SQL_SUCCESS, unlocked.rc) << format_diags(unlocked.diags);
    ASSERT_EQ(SQL_SUCCESS, SQLSetConnectAttr(connection->get(), SQL_ATTR_AUTOCOMMIT,
                                             reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0));
}

TEST_F(SetPosTest, ColumnIgnoreAndNullDataAreHonoured) {
    open_rowset(SQL_CONCUR_VALUES);
    buffers.name_ind[0] = SQL_NULL_DATA;
    buffers.qty_ind[0] = SQL_COLUMN_IGNORE;
    buffers.id_ind[0] = SQL_COLUMN_IGNORE;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT id, name, qty FROM " + table + " WHERE id = 1"),
              (std::vector<std::string>{"1|NULL|10"}));
    // Nothing left to write: 21S02.
    buffers.name_ind[0] = SQL_COLUMN_IGNORE;
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "21S02", {});
}

TEST_F(SetPosTest, PositionMakesSQLGetDataReadThatRow) {
    open_rowset(SQL_CONCUR_READ_ONLY);
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 3, SQL_POSITION, SQL_LOCK_NO_CHANGE));
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    EXPECT_EQ("three", get_text(h(), 2, &rc, &diags).value_or("?")) << format_diags(diags);
    SQLULEN row_number = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLGetStmtAttr(h(), SQL_ATTR_ROW_NUMBER, &row_number, 0, nullptr));
    EXPECT_EQ(3u, row_number);
}

TEST_F(SetPosTest, ReadOnlyCursorRefusesUpdateAndDeleteWithHY092) {
    open_rowset(SQL_CONCUR_READ_ONLY);
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_DELETE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY092", {"read-only"});
    EXPECT_EQ(table_rows().size(), 3u);
}

TEST_F(SetPosTest, RowPastTheRowsetIsHY107AndLockTypesOtherThanNoChangeAreHYC00) {
    open_rowset(SQL_CONCUR_VALUES, "SELECT id, name, qty FROM " + table + " WHERE id < 3 ORDER BY id");
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 3, SQL_POSITION, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY107", {});
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_POSITION, SQL_LOCK_EXCLUSIVE));
    EXPECT_DIAG(stmt->diags(), "HYC00", {"SQL_LOCK_NO_CHANGE"});
}

TEST_F(SetPosTest, ForwardOnlyCursorCannotRefreshRows) {
    ASSERT_EQ(SQL_SUCCESS, set_attr(SQL_ATTR_CONCURRENCY, SQL_CONCUR_VALUES));
    exec("SELECT id, name, qty FROM " + table + " ORDER BY id");
    ASSERT_EQ(SQL_SUCCESS, SQLFetch(h()));
    EXPECT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_POSITION, SQL_LOCK_NO_CHANGE));
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_DELETE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY109", {"static"});
    EXPECT_EQ(table_rows().size(), 3u);
}

TEST_F(SetPosTest, ResultWithNoTableColumnCannotBeIdentified) {
    open_rowset(SQL_CONCUR_VALUES, "SELECT id + 0, name || '', qty * 1 FROM " + table + " ORDER BY 1");
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_DELETE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY000", {"cannot be identified", "no column"});
    EXPECT_EQ(SQL_ROW_ERROR, status[0]);
    EXPECT_EQ(table_rows().size(), 3u);
}

TEST_F(SetPosTest, ExpressionColumnsMustBeIgnoredToUpdateTheTableColumns) {
    open_rowset(SQL_CONCUR_VALUES,
                "SELECT id, name, qty + 1 FROM " + table + " ORDER BY id");
    buffers.set_name(0, "eins");
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY000", {"Column 3", "SQL_COLUMN_IGNORE"});
    buffers.qty_ind[0] = SQL_COLUMN_IGNORE;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " WHERE id = 1"),
              (std::vector<std::string>{"eins|10"}));
}

class SetPosWithoutKeyTest : public CursorTest {};

TEST_F(SetPosWithoutKeyTest, RowsAreIdentifiedByTheirValuesAndDuplicatesAreRefused) {
    run("CREATE TABLE " + table + " (name text, qty int)");
    run("INSERT INTO " + table + " VALUES ('a', 1), ('dup', 2), ('dup', 2)");
    make_static(SQL_CONCUR_VALUES);
    exec("SELECT name, qty FROM " + table + " ORDER BY name, qty");
    char name[32] = {0};
    SQLLEN name_ind = 0;
    SQLINTEGER qty = 0;
    SQLLEN qty_ind = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 1, SQL_C_CHAR, name, sizeof name, &name_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 2, SQL_C_SLONG, &qty, 0, &qty_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_ABSOLUTE, 2));
    ASSERT_EQ(std::string("dup"), name);
    qty = 5;
    EXPECT_EQ(SQL_ERROR, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
    EXPECT_DIAG(stmt->diags(), "HY000", {"several rows"});
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " ORDER BY name, qty"),
              (std::vector<std::string>{"a|1", "dup|2", "dup|2"}));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    qty = 6;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " ORDER BY name, qty"),
              (std::vector<std::string>{"a|6", "dup|2", "dup|2"}));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_DELETE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT name, qty FROM " + table + " ORDER BY name, qty"),
              (std::vector<std::string>{"dup|2", "dup|2"}));
}

TEST_F(SetPosWithoutKeyTest, QuotedNamesAndTypesWithoutEqualityWork) {
    run("CREATE TABLE " + table + " (\"Odd \"\"Name\" text, doc json, p point)");
    run("INSERT INTO " + table + " VALUES ('x', '{\"a\": 1}', '(1,2)')");
    make_static(SQL_CONCUR_VALUES);
    exec("SELECT \"Odd \"\"Name\", doc, p FROM " + table);
    char value[32] = "";
    SQLLEN value_ind = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 1, SQL_C_CHAR, value, sizeof value, &value_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_FIRST, 0));
    std::memcpy(value, "y", 2);
    value_ind = SQL_NTS;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT \"Odd \"\"Name\", doc FROM " + table),
              (std::vector<std::string>{"y|{\"a\": 1}"}));
}

TEST_F(SetPosWithoutKeyTest, ValuesTheCursorReadInBinaryIdentifyTheRow) {
    run("CREATE TABLE " + table + " (big bigint, ratio double precision, at timestamp, note text)");
    run("INSERT INTO " + table + " VALUES (9000000000, 0.1, '2024-02-29 13:45:00.25', 'a'), "
        "(9000000001, 0.1, '2024-02-29 13:45:00.25', 'b')");
    make_static(SQL_CONCUR_VALUES);
    const std::string select = "SELECT big, ratio, at, note FROM " + table + " ORDER BY big";
    // The second execution of the same text reads int8, float8 and
    // timestamp in binary (the statement cache): the row's identity then
    // travels as binary parameters.
    for (int run_number = 0; run_number < 2; run_number++) {
        exec(select);
        if (run_number == 0) {
            ASSERT_EQ(SQL_SUCCESS, SQLCloseCursor(h()));
        }
    }
    char note[8] = "";
    SQLLEN note_ind = 0;
    ASSERT_EQ(SQL_SUCCESS, SQLBindCol(h(), 4, SQL_C_CHAR, note, sizeof note, &note_ind));
    ASSERT_EQ(SQL_SUCCESS, SQLFetchScroll(h(), SQL_FETCH_LAST, 0));
    ASSERT_EQ(std::string("b"), note);
    std::memcpy(note, "B", 2);
    note_ind = SQL_NTS;
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    EXPECT_EQ(rows("SELECT big, note FROM " + table + " ORDER BY big"),
              (std::vector<std::string>{"9000000000|a", "9000000001|B"}));
    ASSERT_EQ(SQL_SUCCESS, SQLSetPos(h(), 1, SQL_REFRESH, SQL_LOCK_NO_CHANGE))
        << format_diags(stmt->diags());
    SQLRETURN rc = SQL_SUCCESS;
    Diags diags;
    EXPECT_EQ("2024-02-29 13:45:00.25", get_text(h(), 3, &rc, &diags).value_or("?"))
        << format_diags(diags);
    EXPECT_EQ("B", std::string(note));
}

} // namespace
} // namespace pgo_test
