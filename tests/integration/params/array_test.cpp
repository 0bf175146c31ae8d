// Parameter arrays (SQL_ATTR_PARAMSET_SIZE > 1) through the driver manager:
// column-wise and row-wise binding, the bind offset, the status array, the
// processed count, the summed row count, ignored sets, a failing set in the
// middle (the semantics stmt_array.c documents: with autocommit on the
// array is one transaction, so nothing applies, the sets before the
// failure are SQL_PARAM_DIAG_UNAVAILABLE, the failing one SQL_PARAM_ERROR
// with its SQL_DIAG_ROW_NUMBER, the rest SQL_PARAM_UNUSED), arrays far
// larger than one network buffer, and a prepared SELECT giving one result
// per set.
// Reference: SQLBindParameter ("Using Arrays of Parameters", "Column-Wise
// Parameter Binding", "Row-Wise Parameter Binding", "Error Information",
// "Ignoring a Set of Parameters"), SQLSetStmtAttr.
#include "params/params_support.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace pgo_test {
namespace {

class ArrayTest : public ParamFixture {
protected:
    void set_size(SQLULEN size) { ASSERT_OK(set_attr(SQL_ATTR_PARAMSET_SIZE, size), diags()); }
    void track(SQLUSMALLINT *status, SQLULEN *processed) {
        ASSERT_OK(set_pointer(SQL_ATTR_PARAM_STATUS_PTR, status), diags());
        ASSERT_OK(set_pointer(SQL_ATTR_PARAMS_PROCESSED_PTR, processed), diags());
    }
    SQLLEN row_count() {
        SQLLEN rows = -99;
        EXPECT_OK(SQLRowCount(h(), &rows), diags());
        return rows;
    }
    std::string rows_of(const std::string &table) {
        return value_of("SELECT coalesce(string_agg(id || '=' || coalesce(v, 'NULL'), ',' "
                        "ORDER BY id), '<empty>') FROM " + table);
    }
};

TEST_F(ArrayTest, ColumnWiseArrayInsertsEverySetWithStatusesAndCounts) {
    std::string table = make_table("colwise", "id int4 PRIMARY KEY, v text");
    const size_t size = 5;
    SQLINTEGER ids[size] = {1, 2, 3, 4, 5};
    SQLLEN id_indicators[size] = {0, 0, 0, 0, 0};
    char names[size][8] = {"one", "two", "xxxxxxx", "four", "five"};
    SQLLEN name_indicators[size] = {SQL_NTS, 3, SQL_NULL_DATA, SQL_NTS, 2};
    SQLUSMALLINT status[size];
    std::fill(status, status + size, static_cast<SQLUSMALLINT>(99));
    SQLULEN processed = 0;
    set_size(size);
    track(status, &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, id_indicators), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, names, sizeof names[0], name_indicators, 7),
              diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?)"), diags());
    EXPECT_EQ(statuses(status, size), "SSSSS");
    EXPECT_EQ(processed, size);
    EXPECT_EQ(row_count(), 5);
    EXPECT_EQ(rows_of(table), "1=one,2=two,3=NULL,4=four,5=fi");
}

TEST_F(ArrayTest, RowWiseArrayWithBindOffsetReadsTheShiftedRows) {
    std::string table = make_table("rowwise", "id int4 PRIMARY KEY, v text");
    struct Row {
        SQLINTEGER id;
        SQLLEN id_indicator;
        char name[12];
        SQLLEN name_indicator;
    };
    // Rows 0 and 1 are before the offset and must not be sent.
    Row rows[5] = {{100, 0, "skip", SQL_NTS},  {101, 0, "skip", SQL_NTS},
                   {1, 0, "alpha", SQL_NTS},   {2, 0, "beta", SQL_NULL_DATA},
                   {3, 0, "gamma!!", 5}};
    SQLULEN offset = 2 * sizeof(Row);
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN processed = 0;
    ASSERT_OK(set_attr(SQL_ATTR_PARAM_BIND_TYPE, sizeof(Row)), diags());
    ASSERT_OK(set_pointer(SQL_ATTR_PARAM_BIND_OFFSET_PTR, &offset), diags());
    set_size(3);
    track(status, &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, &rows[0].id, 0, &rows[0].id_indicator), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, rows[0].name, sizeof rows[0].name,
                   &rows[0].name_indicator, 11),
              diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?)"), diags());
    EXPECT_EQ(statuses(status, 3), "SSS");
    EXPECT_EQ(processed, 3u);
    EXPECT_EQ(row_count(), 3);
    EXPECT_EQ(rows_of(table), "1=alpha,2=NULL,3=gamma");

    // Moving the offset back sends the first rows, same bindings.
    offset = 0;
    set_size(2);
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?)"), diags());
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table + " WHERE id >= 100"), "2");
}

TEST_F(ArrayTest, ThousandSetInsertSumsTheRowCount) {
    std::string table = make_table("thousand", "id int4 PRIMARY KEY, v text, f float8");
    const size_t size = 1000;
    std::vector<SQLINTEGER> ids(size);
    std::iota(ids.begin(), ids.end(), 1);
    std::vector<SQLDOUBLE> reals(size);
    std::vector<char> names(size * 16);
    std::vector<SQLLEN> id_indicators(size, 0), name_indicators(size, SQL_NTS),
        real_indicators(size, 0);
    for (size_t i = 0; i < size; ++i) {
        reals[i] = static_cast<double>(i) + 0.25;
        std::snprintf(&names[i * 16], 16, "n%zu", i + 1);
    }
    std::vector<SQLUSMALLINT> status(size, 99);
    SQLULEN processed = 0;
    set_size(size);
    track(status.data(), &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids.data(), 0, id_indicators.data()), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, names.data(), 16, name_indicators.data(), 15),
              diags());
    ASSERT_OK(bind(3, SQL_C_DOUBLE, SQL_DOUBLE, reals.data(), 0, real_indicators.data()), diags());
    ASSERT_OK(prepare("INSERT INTO " + table + " VALUES (?, ?, ?)"), diags());
    ASSERT_OK(SQLExecute(h()), diags());
    EXPECT_EQ(row_count(), 1000);
    EXPECT_EQ(processed, size);
    EXPECT_EQ(statuses(status.data(), size), std::string(size, 'S'));
    EXPECT_EQ(value_of("SELECT count(*) || ' ' || sum(id) || ' ' || sum(f) || ' ' || "
                       "count(*) FILTER (WHERE v = 'n' || id) FROM " + table),
              "1000 500500 499750 1000");
    // The statement runs again: the count is this execution's, not a total.
    ASSERT_OK(exec("DELETE FROM " + table + " WHERE id <= 10"), diags());
    EXPECT_EQ(row_count(), 10);
}

TEST_F(ArrayTest, ArrayWithDuplicateKeyInMiddleAppliesNothingInAutocommit) {
    std::string table = make_table("dup", "id int4 PRIMARY KEY, v text");
    run("INSERT INTO " + table + " VALUES (100, 'before')");
    const size_t size = 5;
    SQLINTEGER ids[size] = {1, 2, 3, 2, 5}; // set 4 repeats set 2's key
    SQLLEN id_indicators[size] = {0, 0, 0, 0, 0};
    SQLLEN text_indicators[size] = {SQL_NULL_DATA, SQL_NULL_DATA, SQL_NULL_DATA, SQL_NULL_DATA,
                                    SQL_NULL_DATA};
    char unused_text[size][4] = {};
    SQLUSMALLINT status[size];
    std::fill(status, status + size, static_cast<SQLUSMALLINT>(99));
    SQLULEN processed = 0;
    set_size(size);
    track(status, &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, id_indicators), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, unused_text, 4, text_indicators, 3), diags());
    EXPECT_EQ(exec("INSERT INTO " + table + " VALUES (?, ?)"), SQL_ERROR);
    Diags records = diags();
    EXPECT_DIAG(records, "23505", {});
    EXPECT_EQ(diag_row_number(), 4) << "SQL_DIAG_ROW_NUMBER is the failing set, 1-based";
    EXPECT_EQ(statuses(status, size), "DDDEU");
    EXPECT_EQ(processed, 4u);
    EXPECT_EQ(rows_of(table), "100=before") << "no set of the array may stay applied";
    // The connection is usable, not in a failed transaction.
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table), "1");
}

TEST_F(ArrayTest, ArrayWithDuplicateKeyInTransactionKeepsEarlierSetsSuccessful) {
    std::string table = make_table("dup_tx", "id int4 PRIMARY KEY");
    std::string why;
    if (!turn_autocommit_off(&why)) {
        GTEST_SKIP() << why;
    }
    const size_t size = 4;
    SQLINTEGER ids[size] = {1, 2, 1, 4};
    SQLLEN indicators[size] = {0, 0, 0, 0};
    SQLUSMALLINT status[size] = {99, 99, 99, 99};
    SQLULEN processed = 0;
    set_size(size);
    track(status, &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, indicators), diags());
    EXPECT_EQ(exec("INSERT INTO " + table + " VALUES (?)"), SQL_ERROR);
    EXPECT_DIAG(diags(), "23505", {});
    EXPECT_EQ(diag_row_number(), 3);
    // Autocommit off: the sets ran in the application's transaction
    // (stmt_array.c), those before the failure did succeed.
    EXPECT_EQ(statuses(status, size), "SSEU");
    EXPECT_EQ(processed, 3u);
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_ROLLBACK),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table), "0");
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
}

TEST_F(ArrayTest, ConversionErrorInMiddleSetAppliesNothingInAutocommit) {
    std::string table = make_table("conv", "id int4");
    const size_t size = 3;
    SQLBIGINT ids[size] = {1, 3000000000LL, 3}; // set 2 does not fit SQL_INTEGER
    SQLLEN indicators[size] = {0, 0, 0};
    SQLUSMALLINT status[size] = {99, 99, 99};
    SQLULEN processed = 0;
    set_size(size);
    track(status, &processed);
    ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_INTEGER, ids, 0, indicators), diags());
    EXPECT_EQ(exec("INSERT INTO " + table + " VALUES (?)"), SQL_ERROR);
    EXPECT_DIAG(diags(), "22003", {});
    EXPECT_EQ(diag_row_number(), 2);
    EXPECT_EQ(statuses(status, size), "DEU");
    EXPECT_EQ(processed, 2u);
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table), "0");
}

TEST_F(ArrayTest, IgnoredSetsAreNotInserted) {
    std::string table = make_table("ignore", "id int4 PRIMARY KEY, v text");
    const size_t size = 5;
    SQLINTEGER ids[size] = {1, 2, 3, 4, 5};
    SQLLEN indicators[size] = {0, 0, 0, 0, 0};
    char names[size][4] = {"a", "b", "c", "d", "e"};
    SQLLEN name_indicators[size] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
    SQLUSMALLINT operations[size] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED,
                                     SQL_PARAM_IGNORE, SQL_PARAM_PROCEED};
    SQLUSMALLINT status[size];
    std::fill(status, status + size, static_cast<SQLUSMALLINT>(99));
    SQLULEN processed = 0;
    set_size(size);
    track(status, &processed);
    ASSERT_OK(set_pointer(SQL_ATTR_PARAM_OPERATION_PTR, operations), diags());
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, indicators), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, names, 4, name_indicators, 3), diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?)"), diags());
    EXPECT_EQ(rows_of(table), "1=a,3=c,5=e");
    EXPECT_EQ(row_count(), 3);
    EXPECT_EQ(statuses(status, size), "SUSUS");
}

TEST_F(ArrayTest, IgnoredSetWithAnUnconvertibleValueIsNeverRead) {
    std::string table = make_table("ignore_bad", "id int4");
    SQLBIGINT ids[3] = {1, 3000000000LL, 3};
    SQLLEN indicators[3] = {0, 0, 0};
    SQLUSMALLINT operations[3] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED};
    set_size(3);
    ASSERT_OK(set_pointer(SQL_ATTR_PARAM_OPERATION_PTR, operations), diags());
    ASSERT_OK(bind(1, SQL_C_SBIGINT, SQL_INTEGER, ids, 0, indicators), diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?)"), diags());
    EXPECT_EQ(value_of("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table), "1,3");
}

TEST_F(ArrayTest, HundredThousandSetArrayCompletesWithTheRightCount) {
    std::string table = make_table("big", "id int4, v text");
    const size_t size = 100000;
    std::vector<SQLINTEGER> ids(size);
    std::iota(ids.begin(), ids.end(), 0);
    std::vector<SQLLEN> id_indicators(size, 0);
    std::vector<char> names(size * 8, 'x');
    std::vector<SQLLEN> name_indicators(size, 7); // "xxxxxxx", no terminator needed
    std::vector<SQLUSMALLINT> status(size, 99);
    SQLULEN processed = 0;
    set_size(size);
    track(status.data(), &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids.data(), 0, id_indicators.data()), diags());
    ASSERT_OK(bind(2, SQL_C_CHAR, SQL_VARCHAR, names.data(), 8, name_indicators.data(), 7),
              diags());
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?, ?)"), diags());
    EXPECT_EQ(row_count(), static_cast<SQLLEN>(size));
    EXPECT_EQ(processed, size);
    EXPECT_EQ(std::count(status.begin(), status.end(), SQL_PARAM_SUCCESS),
              static_cast<long>(size));
    EXPECT_EQ(value_of("SELECT count(*) || ' ' || sum(id) || ' ' || count(DISTINCT v) FROM " +
                       table),
              "100000 4999950000 1");
}

TEST_F(ArrayTest, PreparedSelectWithThreeSetsGivesThreeResultSets) {
    SQLINTEGER values[3] = {1, 2, 3};
    SQLLEN indicators[3] = {0, 0, 0};
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN processed = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, values, 0, indicators), diags());
    ASSERT_OK(prepare("SELECT ? * 10, 'set'"), diags());
    set_size(3);
    track(status, &processed);
    ASSERT_OK(SQLExecute(h()), diags());
    std::string seen;
    SQLRETURN rc = SQL_SUCCESS;
    int results = 0;
    do {
        ++results;
        std::vector<std::string> row = fetch_row(h());
        seen += row.empty() ? "?" : row[0];
        seen += ";";
        EXPECT_EQ(SQLFetch(h()), SQL_NO_DATA) << "one row per set";
        rc = SQLMoreResults(h());
    } while (rc == SQL_SUCCESS && results < 10);
    EXPECT_EQ(rc, SQL_NO_DATA) << rc_name(rc) << format_diags(diags());
    EXPECT_EQ(seen, "10;20;30;");
    EXPECT_EQ(results, 3);
    EXPECT_EQ(statuses(status, 3), "SSS");
    EXPECT_EQ(processed, 3u);
}

TEST_F(ArrayTest, ArraySizeBackToOneSendsOneSet) {
    std::string table = make_table("back", "id int4");
    SQLINTEGER ids[3] = {1, 2, 3};
    SQLLEN indicators[3] = {0, 0, 0};
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, indicators), diags());
    set_size(3);
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?)"), diags());
    set_size(1);
    ASSERT_OK(exec("INSERT INTO " + table + " VALUES (?)"), diags());
    EXPECT_EQ(row_count(), 1);
    EXPECT_EQ(value_of("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table), "1,1,2,3");
}

TEST_F(ArrayTest, UpdateArraySumsAffectedRowsAcrossSets) {
    std::string table = make_table("upd", "id int4, grp int4");
    run("INSERT INTO " + table + " SELECT g, g % 3 FROM generate_series(1, 30) g");
    SQLINTEGER groups[3] = {0, 1, 7}; // 10 + 10 + 0 rows
    SQLLEN indicators[3] = {0, 0, 0};
    set_size(3);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, groups, 0, indicators), diags());
    ASSERT_OK(exec("UPDATE " + table + " SET id = -id WHERE grp = ?"), diags());
    EXPECT_EQ(row_count(), 20);
    EXPECT_EQ(value_of("SELECT count(*) FROM " + table + " WHERE id < 0"), "20");
}

TEST_F(ArrayTest, PreparedSelectArrayWithFailingMiddleSetReportsItAndStops) {
    SQLINTEGER divisors[3] = {1, 0, 5};
    SQLLEN indicators[3] = {0, 0, 0};
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN processed = 0;
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, divisors, 0, indicators), diags());
    ASSERT_OK(prepare("SELECT 10 / ?"), diags());
    set_size(3);
    track(status, &processed);
    SQLRETURN rc = SQLExecute(h());
    std::string seen;
    Diags errors;
    for (int guard = 0; guard < 5; ++guard) {
        if (rc == SQL_ERROR) {
            errors = diags();
            break;
        }
        if (rc == SQL_NO_DATA) {
            break;
        }
        ASSERT_OK(rc, diags());
        std::vector<std::string> row = fetch_row(h());
        seen += (row.empty() ? "?" : row[0]) + ";";
        rc = SQLMoreResults(h());
    }
    EXPECT_EQ(seen, "10;");
    EXPECT_DIAG(errors, "22012", {});
    // The server skips the sets after the error until the Sync.
    EXPECT_EQ(statuses(status, 3), "SEU");
    // The connection is usable afterwards.
    SQLFreeStmt(h(), SQL_CLOSE);
    EXPECT_EQ(value_of("SELECT 5"), "5");
}

TEST_F(ArrayTest, BindingsBeyondTheMarkersAreIgnored) {
    SQLINTEGER values[3] = {1, 2, 3};
    SQLLEN indicator = 0;
    for (SQLUSMALLINT i = 0; i < 3; ++i) {
        ASSERT_OK(bind(static_cast<SQLUSMALLINT>(i + 1), SQL_C_SLONG, SQL_INTEGER, &values[i], 0,
                       &indicator),
                  diags());
    }
    EXPECT_EQ(select_value("SELECT ? + ?"), "3");
}

// SQLGetInfo: SQL_PAS_NO_SELECT means "the driver does not allow a result
// set-generating statement to be executed with an array of parameters";
// this driver does (one result per set for a prepared SELECT), and sums
// row counts (SQL_PARC_NO_BATCH).
TEST_F(ArrayTest, GetInfoDescribesWhatArraysDo) {
    SQLUINTEGER selects = 0, row_counts = 0;
    ASSERT_OK(SQLGetInfo(connection->get(), SQL_PARAM_ARRAY_ROW_COUNTS, &row_counts,
                         sizeof row_counts, nullptr),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_EQ(row_counts, static_cast<SQLUINTEGER>(SQL_PARC_NO_BATCH));
    ASSERT_OK(SQLGetInfo(connection->get(), SQL_PARAM_ARRAY_SELECTS, &selects, sizeof selects,
                         nullptr),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_NE(selects, static_cast<SQLUINTEGER>(SQL_PAS_NO_SELECT));
}

// StatementRollback=1: an error undoes only the statement that failed, so
// an array in the application's transaction is atomic (stmt_array.c) and
// the transaction goes on.
class ArrayStatementRollbackTest : public ArrayTest {
protected:
    std::string extra_keywords() const override { return "StatementRollback=1;"; }
};

TEST_F(ArrayStatementRollbackTest, FailingArrayInTransactionUndoesOnlyTheArray) {
    std::string table = make_table("stmt_rb", "id int4 PRIMARY KEY");
    std::string why;
    if (!turn_autocommit_off(&why)) {
        GTEST_SKIP() << why;
    }
    run("INSERT INTO " + table + " VALUES (100)");
    SQLINTEGER ids[3] = {1, 2, 1};
    SQLLEN indicators[3] = {0, 0, 0};
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN processed = 0;
    set_size(3);
    track(status, &processed);
    ASSERT_OK(bind(1, SQL_C_SLONG, SQL_INTEGER, ids, 0, indicators), diags());
    EXPECT_EQ(exec("INSERT INTO " + table + " VALUES (?)"), SQL_ERROR);
    EXPECT_DIAG(diags(), "23505", {});
    EXPECT_EQ(diag_row_number(), 3);
    EXPECT_EQ(statuses(status, 3), "DDE");
    // The transaction lives: a later statement works and COMMIT keeps the
    // row written before the array.
    run("INSERT INTO " + table + " VALUES (200)");
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
    EXPECT_EQ(value_of("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table), "100,200");
    ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, connection->get(), SQL_COMMIT),
              collect_diags(SQL_HANDLE_DBC, connection->get()));
}

} // namespace
} // namespace pgo_test
