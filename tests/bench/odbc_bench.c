/* odbc_bench.c: one benchmark workload through the unixODBC driver manager
 * against any PostgreSQL ODBC driver (pgodbc, psqlODBC), one run per
 * process so that the peak RSS printed belongs to that workload alone.
 *
 *   odbc_bench '<connection string>' <workload> [count] [size]
 *
 *   bound         SELECT of the bench table, SQLBindCol on column-wise arrays
 *                 of size rows (default 1000), SQLFetch until SQL_NO_DATA
 *   getdata       the same SELECT, SQLFetch one row at a time, SQLGetData
 *                 for every column
 *   roundtrip     count (default 20000) times SQLExecDirect("SELECT 1"),
 *                 SQLFetch, SQLGetData, SQLCloseCursor
 *   insert_array  count (default 200000) rows (int4, text, float8) into
 *                 bench_insert: SQLPrepare once, column-wise parameter arrays
 *                 of size rows (default 1000, SQL_ATTR_PARAMSET_SIZE), one
 *                 SQLExecute per array, autocommit off, one SQLEndTran commit
 *   insert_row    count (default 20000) rows, the same statement prepared
 *                 once, one SQLExecute per row, autocommit off, one commit
 *   point_select  count (default 20000) times SELECT id, t, f8 FROM
 *                 bench_lookup WHERE id = ?, prepared once, an SQL_C_SLONG
 *                 parameter, bound columns, SQLFetch (one row, then
 *                 SQL_NO_DATA), SQLCloseCursor; autocommit on; size is the
 *                 number of rows in bench_lookup (default 100000)
 *   connect       count (default 1000) times: a new connection handle,
 *                 SQLDriverConnect, SQLExecDirect("SELECT 1"), SQLFetch,
 *                 SQLGetData, SQLDisconnect, SQLFreeHandle; one environment
 *                 handle for all (the driver manager loads the driver once)
 *
 * C types, the same for every driver: int4 SQL_C_SLONG, int8 SQL_C_SBIGINT,
 * float8 SQL_C_DOUBLE, text SQL_C_CHAR (64 bytes), numeric(12,2) SQL_C_CHAR
 * (32 bytes; exact and what libpq gets too), timestamp SQL_C_TYPE_TIMESTAMP,
 * bool SQL_C_BIT. A value that does not fit (01004) fails the run: the
 * buffers are sized for the data, so truncation means a driver bug.
 * Parameters: SQL_C_SLONG/SQL_INTEGER, SQL_C_CHAR/SQL_VARCHAR (lengths in an
 * indicator array), SQL_C_DOUBLE/SQL_DOUBLE.
 *
 * Timed: from SQLExecDirect or SQLPrepare to the last SQLCloseCursor or the
 * commit (connecting and setting attributes are not); the inserts' time
 * includes generating the rows, as libpq_bench's does. Before the inserts'
 * commit a second session, untimed, must count no rows in bench_insert:
 * autocommit off held them in one open transaction.
 * Prints INFO lines (driver, effective array sizes) and one RESULT line
 * (bench_common.h); the inserts' checksum is over the rows sent, and run.sh
 * compares it with what the server stored. A failing ODBC call prints one
 * line "FAILED <call>: <SQLSTATE> <message>" on stdout (run.sh shows it in
 * its report) and every diagnostic record on stderr.
 * Exit status 0 on success, 2 on any failure. */
#include <sql.h>
#include <sqlext.h>
#include <stdlib.h>

#include "bench_common.h"

struct odbc_session {
    SQLHENV env;
    SQLHDBC dbc;
};

static void print_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle, const char *prefix)
{
    for (SQLSMALLINT record = 1;; record++) {
        SQLCHAR state[6] = {0};
        SQLCHAR message[1024] = {0};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLGetDiagRec(handle_type, handle, record, state, &native, message,
                                     (SQLSMALLINT)sizeof message, &length);
        if (!SQL_SUCCEEDED(rc))
            break;
        fprintf(stderr, "%s: [%s] %s\n", prefix, (const char *)state, (const char *)message);
    }
}

/* The first diagnostic record as "<SQLSTATE> <message>", for the FAILED
 * line run.sh puts in its report. */
static void first_diagnostic(SQLSMALLINT handle_type, SQLHANDLE handle, char *out,
                             size_t out_size)
{
    SQLCHAR state[6] = {0};
    SQLCHAR message[1024] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQL_ERROR;
    if (handle != SQL_NULL_HANDLE)
        rc = SQLGetDiagRec(handle_type, handle, 1, state, &native, message,
                           (SQLSMALLINT)sizeof message, &length);
    if (!SQL_SUCCEEDED(rc)) {
        snprintf(out, out_size, "----- (no diagnostic record)");
        return;
    }
    /* One line: run.sh reads it with grep. */
    for (SQLCHAR *c = message; *c != '\0'; c++)
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    snprintf(out, out_size, "%s %s", (const char *)state, (const char *)message);
}

/* Ends the run with one FAILED line on stdout. */
static void fail_run(const char *what, const char *reason)
{
    printf("FAILED %s: %s\n", what, reason);
    fflush(stdout);
    fprintf(stderr, "odbc_bench: %s: %s\n", what, reason);
    exit(2);
}

/* Any failure ends the process: a benchmark that half-worked measures
 * nothing. SQL_SUCCESS_WITH_INFO is shown on stderr, the first few times. */
static void check_odbc(SQLRETURN rc, SQLSMALLINT handle_type, SQLHANDLE handle, const char *what)
{
    static int infos_shown;
    if (rc == SQL_SUCCESS)
        return;
    if (rc == SQL_SUCCESS_WITH_INFO) {
        if (infos_shown < 10) {
            infos_shown++;
            print_diagnostics(handle_type, handle, what);
        }
        return;
    }
    char reason[1100];
    first_diagnostic(handle_type, handle, reason, sizeof reason);
    fprintf(stderr, "odbc_bench: %s failed (return code %d)\n", what, (int)rc);
    print_diagnostics(handle_type, handle, what);
    fail_run(what, reason);
}

static void print_info_string(SQLHDBC dbc, SQLUSMALLINT info_type, const char *label)
{
    SQLCHAR value[256] = {0};
    SQLSMALLINT length = 0;
    if (SQL_SUCCEEDED(SQLGetInfo(dbc, info_type, value, (SQLSMALLINT)sizeof value, &length)))
        printf("INFO %s=%s\n", label, (const char *)value);
}

static void session_open(struct odbc_session *session, const char *connection_string,
                         bool print_info)
{
    check_odbc(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &session->env), SQL_HANDLE_ENV,
               SQL_NULL_HANDLE, "SQLAllocHandle(ENV)");
    check_odbc(SQLSetEnvAttr(session->env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0),
               SQL_HANDLE_ENV, session->env, "SQLSetEnvAttr(ODBC_VERSION)");
    check_odbc(SQLAllocHandle(SQL_HANDLE_DBC, session->env, &session->dbc), SQL_HANDLE_ENV,
               session->env, "SQLAllocHandle(DBC)");
    double start = bench_now_ms();
    SQLCHAR out[1024];
    SQLSMALLINT out_length = 0;
    check_odbc(SQLDriverConnect(session->dbc, NULL, (SQLCHAR *)(uintptr_t)connection_string,
                                SQL_NTS, out, (SQLSMALLINT)sizeof out, &out_length,
                                SQL_DRIVER_NOPROMPT),
               SQL_HANDLE_DBC, session->dbc, "SQLDriverConnect");
    if (!print_info)
        return;
    printf("INFO connect_ms=%.3f\n", bench_now_ms() - start);
    print_info_string(session->dbc, SQL_DRIVER_NAME, "driver_name");
    print_info_string(session->dbc, SQL_DRIVER_VER, "driver_version");
    print_info_string(session->dbc, SQL_DBMS_VER, "dbms_version");
}

static void session_close(struct odbc_session *session)
{
    check_odbc(SQLDisconnect(session->dbc), SQL_HANDLE_DBC, session->dbc, "SQLDisconnect");
    SQLFreeHandle(SQL_HANDLE_DBC, session->dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, session->env);
}

static void copy_timestamp(struct bench_timestamp *out, const SQL_TIMESTAMP_STRUCT *in)
{
    out->year = in->year;
    out->month = in->month;
    out->day = in->day;
    out->hour = in->hour;
    out->minute = in->minute;
    out->second = in->second;
    out->fraction_ns = (uint32_t)in->fraction;
}

/* A length indicator for a fixed-size or character value: NULL, or a
 * length that must fit the buffer (without its terminator). */
static bool read_indicator(SQLLEN indicator, size_t buffer_bytes, bool is_character,
                           bool *is_null, size_t *length, const char *column)
{
    if (indicator == SQL_NULL_DATA) {
        *is_null = true;
        *length = 0;
        return true;
    }
    *is_null = false;
    if (!is_character) {
        *length = 0;
        return true;
    }
    if (indicator < 0 || (size_t)indicator >= buffer_bytes) {
        fprintf(stderr, "odbc_bench: column %s: length indicator %ld does not fit %zu bytes\n",
                column, (long)indicator, buffer_bytes);
        return false;
    }
    *length = (size_t)indicator;
    return true;
}

/* Column-wise arrays for the bound workload. */
struct bound_arrays {
    size_t row_count;
    SQLINTEGER *i4;
    SQLBIGINT *i8;
    SQLDOUBLE *f8;
    SQLCHAR *text;    /* row_count * BENCH_TEXT_BUFFER_BYTES */
    SQLCHAR *numeric; /* row_count * BENCH_NUMERIC_BUFFER_BYTES */
    SQL_TIMESTAMP_STRUCT *ts;
    SQLCHAR *b;
    SQLLEN *indicators[BENCH_COLUMN_COUNT];
    SQLUSMALLINT *row_status;
};

static void *allocate_zeroed(size_t count, size_t size)
{
    void *memory = calloc(count, size);
    if (memory == NULL) {
        fprintf(stderr, "odbc_bench: out of memory\n");
        exit(2);
    }
    return memory;
}

static void bound_arrays_init(struct bound_arrays *arrays, size_t row_count)
{
    arrays->row_count = row_count;
    arrays->i4 = allocate_zeroed(row_count, sizeof *arrays->i4);
    arrays->i8 = allocate_zeroed(row_count, sizeof *arrays->i8);
    arrays->f8 = allocate_zeroed(row_count, sizeof *arrays->f8);
    arrays->text = allocate_zeroed(row_count, BENCH_TEXT_BUFFER_BYTES);
    arrays->numeric = allocate_zeroed(row_count, BENCH_NUMERIC_BUFFER_BYTES);
    arrays->ts = allocate_zeroed(row_count, sizeof *arrays->ts);
    arrays->b = allocate_zeroed(row_count, sizeof *arrays->b);
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++)
        arrays->indicators[column] = allocate_zeroed(row_count, sizeof(SQLLEN));
    arrays->row_status = allocate_zeroed(row_count, sizeof *arrays->row_status);
}

static void bound_arrays_free(struct bound_arrays *arrays)
{
    free(arrays->i4);
    free(arrays->i8);
    free(arrays->f8);
    free(arrays->text);
    free(arrays->numeric);
    free(arrays->ts);
    free(arrays->b);
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++)
        free(arrays->indicators[column]);
    free(arrays->row_status);
}

static void bind_columns(SQLHSTMT stmt, struct bound_arrays *arrays)
{
    struct {
        SQLSMALLINT c_type;
        SQLPOINTER target;
        SQLLEN element_bytes;
    } bindings[BENCH_COLUMN_COUNT] = {
        {SQL_C_SLONG, arrays->i4, sizeof *arrays->i4},
        {SQL_C_SBIGINT, arrays->i8, sizeof *arrays->i8},
        {SQL_C_DOUBLE, arrays->f8, sizeof *arrays->f8},
        {SQL_C_CHAR, arrays->text, BENCH_TEXT_BUFFER_BYTES},
        {SQL_C_CHAR, arrays->numeric, BENCH_NUMERIC_BUFFER_BYTES},
        {SQL_C_TYPE_TIMESTAMP, arrays->ts, sizeof *arrays->ts},
        {SQL_C_BIT, arrays->b, sizeof *arrays->b},
    };
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++)
        check_odbc(SQLBindCol(stmt, (SQLUSMALLINT)(column + 1), bindings[column].c_type,
                              bindings[column].target, bindings[column].element_bytes,
                              arrays->indicators[column]),
                   SQL_HANDLE_STMT, stmt, "SQLBindCol");
}

/* Row index of the current rowset into a bench_row; false on a value that
 * does not fit its buffer. */
static bool read_bound_row(const struct bound_arrays *arrays, size_t index,
                           struct bench_row *row)
{
    size_t unused = 0;
    static const char *const names[BENCH_COLUMN_COUNT] = {"i4", "i8", "f8", "t",
                                                           "n",  "ts", "b"};
    const size_t buffer_bytes[BENCH_COLUMN_COUNT] = {
        0, 0, 0, BENCH_TEXT_BUFFER_BYTES, BENCH_NUMERIC_BUFFER_BYTES, 0, 0};
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++) {
        bool is_character = column == BENCH_COL_TEXT || column == BENCH_COL_NUMERIC;
        size_t *length = &unused;
        if (column == BENCH_COL_TEXT)
            length = &row->text_length_bytes;
        else if (column == BENCH_COL_NUMERIC)
            length = &row->numeric_length_bytes;
        if (!read_indicator(arrays->indicators[column][index], buffer_bytes[column],
                            is_character, &row->is_null[column], length, names[column]))
            return false;
    }
    row->i4 = arrays->i4[index];
    row->i8 = arrays->i8[index];
    row->f8 = arrays->f8[index];
    row->text = (const char *)arrays->text + index * BENCH_TEXT_BUFFER_BYTES;
    row->numeric = (const char *)arrays->numeric + index * BENCH_NUMERIC_BUFFER_BYTES;
    copy_timestamp(&row->ts, &arrays->ts[index]);
    row->b = arrays->b[index];
    return true;
}

static int run_bound(SQLHDBC dbc, size_t requested_array_size)
{
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    check_odbc(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc,
               "SQLAllocHandle(STMT)");
    /* A driver may lower the row array size (01S02); the bench then fetches
     * with what it got and says so: the comparison must stay honest. */
    SQLRETURN rc = SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE,
                                  (SQLPOINTER)(uintptr_t)requested_array_size, 0);
    check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(ROW_ARRAY_SIZE)");
    SQLULEN array_size = 0;
    check_odbc(SQLGetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, &array_size, 0, NULL),
               SQL_HANDLE_STMT, stmt, "SQLGetStmtAttr(ROW_ARRAY_SIZE)");
    if (array_size == 0 || array_size > requested_array_size) {
        fprintf(stderr, "odbc_bench: the driver reports a row array size of %lu after %zu was set\n",
                (unsigned long)array_size, requested_array_size);
        return 2;
    }
    printf("INFO row_array_size_requested=%zu row_array_size_effective=%lu\n",
           requested_array_size, (unsigned long)array_size);
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)SQL_BIND_BY_COLUMN, 0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(ROW_BIND_TYPE)");
    struct bound_arrays arrays;
    bound_arrays_init(&arrays, (size_t)array_size);
    SQLULEN rows_fetched = 0;
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &rows_fetched, 0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(ROWS_FETCHED_PTR)");
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_STATUS_PTR, arrays.row_status, 0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(ROW_STATUS_PTR)");
    bind_columns(stmt, &arrays);

    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    size_t fetch_calls = 0;
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    check_odbc(SQLExecDirect(stmt, (SQLCHAR *)BENCH_SELECT_SQL, SQL_NTS), SQL_HANDLE_STMT, stmt,
               "SQLExecDirect");
    for (;;) {
        const SQLULEN sentinel = (SQLULEN)-1;
        rows_fetched = sentinel;
        rc = SQLFetch(stmt);
        if (rc == SQL_NO_DATA)
            break;
        check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLFetch");
        if (rc == SQL_SUCCESS_WITH_INFO) {
            fprintf(stderr, "odbc_bench: SQLFetch returned SQL_SUCCESS_WITH_INFO; no value should "
                            "be truncated\n");
            return 2;
        }
        fetch_calls++;
        if (rows_fetched == sentinel || rows_fetched == 0 || rows_fetched > array_size) {
            fprintf(stderr, "odbc_bench: SQL_ATTR_ROWS_FETCHED_PTR holds %ld after a successful "
                            "SQLFetch with a row array of %lu\n",
                    rows_fetched == sentinel ? -1L : (long)rows_fetched,
                    (unsigned long)array_size);
            return 2;
        }
        for (size_t index = 0; index < rows_fetched; index++) {
            if (arrays.row_status[index] != SQL_ROW_SUCCESS) {
                fprintf(stderr, "odbc_bench: row status %u at row %zu of a rowset\n",
                        (unsigned)arrays.row_status[index], index);
                return 2;
            }
            struct bench_row row;
            if (!read_bound_row(&arrays, index, &row) || !bench_checksum_add(&sum, &row))
                return 2;
        }
    }
    check_odbc(SQLCloseCursor(stmt), SQL_HANDLE_STMT, stmt, "SQLCloseCursor");
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    char extra[128];
    snprintf(extra, sizeof extra, "row_array_size=%lu fetch_calls=%zu", (unsigned long)array_size,
             fetch_calls);
    bench_print_result("bound", "odbc", wall, cpu, extra, &sum);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    bound_arrays_free(&arrays);
    return 0;
}

static void get_fixed(SQLHSTMT stmt, SQLUSMALLINT column_number, SQLSMALLINT c_type, void *target,
                      SQLLEN target_bytes, bool *is_null)
{
    SQLLEN indicator = 0;
    check_odbc(SQLGetData(stmt, column_number, c_type, target, target_bytes, &indicator),
               SQL_HANDLE_STMT, stmt, "SQLGetData");
    *is_null = indicator == SQL_NULL_DATA;
}

static bool get_character(SQLHSTMT stmt, SQLUSMALLINT column_number, SQLCHAR *buffer,
                          size_t buffer_bytes, bool *is_null, size_t *length, const char *name)
{
    SQLLEN indicator = 0;
    SQLRETURN rc = SQLGetData(stmt, column_number, SQL_C_CHAR, buffer, (SQLLEN)buffer_bytes,
                              &indicator);
    check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLGetData");
    if (rc == SQL_SUCCESS_WITH_INFO) {
        fprintf(stderr, "odbc_bench: SQLGetData on %s returned SQL_SUCCESS_WITH_INFO\n", name);
        return false;
    }
    return read_indicator(indicator, buffer_bytes, true, is_null, length, name);
}

static int run_getdata(SQLHDBC dbc)
{
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    check_odbc(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc,
               "SQLAllocHandle(STMT)");
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    SQLCHAR text[BENCH_TEXT_BUFFER_BYTES];
    SQLCHAR numeric[BENCH_NUMERIC_BUFFER_BYTES];
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    check_odbc(SQLExecDirect(stmt, (SQLCHAR *)BENCH_SELECT_SQL, SQL_NTS), SQL_HANDLE_STMT, stmt,
               "SQLExecDirect");
    for (;;) {
        SQLRETURN rc = SQLFetch(stmt);
        if (rc == SQL_NO_DATA)
            break;
        check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLFetch");
        struct bench_row row;
        SQLINTEGER i4 = 0;
        SQLBIGINT i8 = 0;
        SQLDOUBLE f8 = 0;
        SQL_TIMESTAMP_STRUCT ts;
        SQLCHAR b = 0;
        memset(&ts, 0, sizeof ts);
        get_fixed(stmt, 1, SQL_C_SLONG, &i4, sizeof i4, &row.is_null[BENCH_COL_I4]);
        get_fixed(stmt, 2, SQL_C_SBIGINT, &i8, sizeof i8, &row.is_null[BENCH_COL_I8]);
        get_fixed(stmt, 3, SQL_C_DOUBLE, &f8, sizeof f8, &row.is_null[BENCH_COL_F8]);
        if (!get_character(stmt, 4, text, sizeof text, &row.is_null[BENCH_COL_TEXT],
                           &row.text_length_bytes, "t") ||
            !get_character(stmt, 5, numeric, sizeof numeric, &row.is_null[BENCH_COL_NUMERIC],
                           &row.numeric_length_bytes, "n"))
            return 2;
        get_fixed(stmt, 6, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts,
                  &row.is_null[BENCH_COL_TIMESTAMP]);
        get_fixed(stmt, 7, SQL_C_BIT, &b, sizeof b, &row.is_null[BENCH_COL_BOOL]);
        row.i4 = i4;
        row.i8 = i8;
        row.f8 = f8;
        row.text = (const char *)text;
        row.numeric = (const char *)numeric;
        copy_timestamp(&row.ts, &ts);
        row.b = b;
        if (!bench_checksum_add(&sum, &row))
            return 2;
    }
    check_odbc(SQLCloseCursor(stmt), SQL_HANDLE_STMT, stmt, "SQLCloseCursor");
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("getdata", "odbc", wall, cpu, "row_array_size=1", &sum);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return 0;
}

static int run_roundtrip(SQLHDBC dbc, size_t count)
{
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    check_odbc(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc,
               "SQLAllocHandle(STMT)");
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    for (size_t i = 0; i < count; i++) {
        check_odbc(SQLExecDirect(stmt, (SQLCHAR *)"SELECT 1", SQL_NTS), SQL_HANDLE_STMT, stmt,
                   "SQLExecDirect");
        SQLRETURN rc = SQLFetch(stmt);
        if (rc == SQL_NO_DATA) {
            fprintf(stderr, "odbc_bench: SELECT 1 returned no row\n");
            return 2;
        }
        check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLFetch");
        SQLINTEGER value = 0;
        SQLLEN indicator = 0;
        check_odbc(SQLGetData(stmt, 1, SQL_C_SLONG, &value, sizeof value, &indicator),
                   SQL_HANDLE_STMT, stmt, "SQLGetData");
        if (indicator == SQL_NULL_DATA) {
            fprintf(stderr, "odbc_bench: SELECT 1 returned NULL\n");
            return 2;
        }
        check_odbc(SQLCloseCursor(stmt), SQL_HANDLE_STMT, stmt, "SQLCloseCursor");
        sum.rows++;
        sum.i4_sum += value;
    }
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("roundtrip", "odbc", wall, cpu, "statement=SQLExecDirect", &sum);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return 0;
}

/* Connect, SELECT 1, disconnect, count times (the connection string names
 * the server or the pooler in front of it). */
static int run_connect(SQLHENV env, const char *connection_string, size_t count)
{
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    for (size_t i = 0; i < count; i++) {
        SQLHDBC dbc = SQL_NULL_HDBC;
        check_odbc(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_HANDLE_ENV, env,
                   "SQLAllocHandle(DBC)");
        check_odbc(SQLDriverConnect(dbc, NULL, (SQLCHAR *)connection_string, SQL_NTS, NULL, 0,
                                    NULL, SQL_DRIVER_NOPROMPT),
                   SQL_HANDLE_DBC, dbc, "SQLDriverConnect");
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        check_odbc(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc,
                   "SQLAllocHandle(STMT)");
        check_odbc(SQLExecDirect(stmt, (SQLCHAR *)"SELECT 1", SQL_NTS), SQL_HANDLE_STMT, stmt,
                   "SQLExecDirect");
        SQLRETURN rc = SQLFetch(stmt);
        if (rc == SQL_NO_DATA)
            fail_run("SQLFetch", "SELECT 1 returned no row");
        check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLFetch");
        SQLINTEGER value = 0;
        SQLLEN indicator = 0;
        check_odbc(SQLGetData(stmt, 1, SQL_C_SLONG, &value, sizeof value, &indicator),
                   SQL_HANDLE_STMT, stmt, "SQLGetData");
        if (indicator == SQL_NULL_DATA)
            fail_run("SQLGetData", "SELECT 1 returned NULL");
        check_odbc(SQLFreeHandle(SQL_HANDLE_STMT, stmt), SQL_HANDLE_DBC, dbc,
                   "SQLFreeHandle(STMT)");
        check_odbc(SQLDisconnect(dbc), SQL_HANDLE_DBC, dbc, "SQLDisconnect");
        check_odbc(SQLFreeHandle(SQL_HANDLE_DBC, dbc), SQL_HANDLE_ENV, env, "SQLFreeHandle(DBC)");
        sum.rows++;
        sum.i4_sum += value;
    }
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("connect", "odbc", wall, cpu, "statement=SQLExecDirect", &sum);
    return 0;
}

/* ---------------------------------------------------------------- parameters */

static SQLHSTMT allocate_statement(SQLHDBC dbc)
{
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    check_odbc(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc,
               "SQLAllocHandle(STMT)");
    return stmt;
}

/* Autocommit off, and read back: a driver that says yes but stays in
 * autocommit would commit each row, which the server-side check of
 * run.sh (one xmin for all rows) would catch anyway. */
static void set_autocommit_off(SQLHDBC dbc)
{
    check_odbc(SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0),
               SQL_HANDLE_DBC, dbc, "SQLSetConnectAttr(AUTOCOMMIT, OFF)");
    SQLUINTEGER autocommit = SQL_AUTOCOMMIT_ON;
    check_odbc(SQLGetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, &autocommit, 0, NULL), SQL_HANDLE_DBC,
               dbc, "SQLGetConnectAttr(AUTOCOMMIT)");
    if (autocommit != SQL_AUTOCOMMIT_OFF)
        fail_run("SQLGetConnectAttr(AUTOCOMMIT)", "autocommit still on after it was set off");
}

/* The three parameters of BENCH_INSERT_ODBC_SQL, column-wise over arrays
 * of array_size elements (array_size 1: plain single values). */
struct insert_arrays {
    size_t array_size;
    SQLINTEGER *id;
    SQLCHAR *text; /* array_size * BENCH_PARAM_TEXT_BYTES */
    SQLDOUBLE *f8;
    SQLLEN *id_indicator;
    SQLLEN *text_length;
    SQLLEN *f8_indicator;
    SQLUSMALLINT *param_status;
};

static void insert_arrays_init(struct insert_arrays *arrays, size_t array_size)
{
    arrays->array_size = array_size;
    arrays->id = allocate_zeroed(array_size, sizeof *arrays->id);
    arrays->text = allocate_zeroed(array_size, BENCH_PARAM_TEXT_BYTES);
    arrays->f8 = allocate_zeroed(array_size, sizeof *arrays->f8);
    arrays->id_indicator = allocate_zeroed(array_size, sizeof(SQLLEN));
    arrays->text_length = allocate_zeroed(array_size, sizeof(SQLLEN));
    arrays->f8_indicator = allocate_zeroed(array_size, sizeof(SQLLEN));
    arrays->param_status = allocate_zeroed(array_size, sizeof *arrays->param_status);
}

static void insert_arrays_free(struct insert_arrays *arrays)
{
    free(arrays->id);
    free(arrays->text);
    free(arrays->f8);
    free(arrays->id_indicator);
    free(arrays->text_length);
    free(arrays->f8_indicator);
    free(arrays->param_status);
}

static void bind_insert_parameters(SQLHSTMT stmt, struct insert_arrays *arrays)
{
    check_odbc(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                arrays->id, 0, arrays->id_indicator),
               SQL_HANDLE_STMT, stmt, "SQLBindParameter(1, SQL_C_SLONG, SQL_INTEGER)");
    /* For character arrays BufferLength is also the element stride. */
    check_odbc(SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                                BENCH_PARAM_TEXT_BYTES - 1, 0, arrays->text,
                                BENCH_PARAM_TEXT_BYTES, arrays->text_length),
               SQL_HANDLE_STMT, stmt, "SQLBindParameter(2, SQL_C_CHAR, SQL_VARCHAR)");
    check_odbc(SQLBindParameter(stmt, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 15, 0,
                                arrays->f8, 0, arrays->f8_indicator),
               SQL_HANDLE_STMT, stmt, "SQLBindParameter(3, SQL_C_DOUBLE, SQL_DOUBLE)");
}

/* Rows first_g .. first_g + count - 1 into elements 0 .. count - 1. */
static void fill_insert_arrays(struct insert_arrays *arrays, uint32_t first_g, size_t count,
                               struct bench_checksum *sum)
{
    for (size_t index = 0; index < count; index++) {
        struct bench_param_row row;
        bench_param_row_make(first_g + (uint32_t)index, &row);
        arrays->id[index] = row.id;
        memcpy(arrays->text + index * BENCH_PARAM_TEXT_BYTES, row.text,
               row.text_length_bytes + 1);
        arrays->text_length[index] = (SQLLEN)row.text_length_bytes;
        arrays->f8[index] = row.f8;
        arrays->id_indicator[index] = 0;
        arrays->f8_indicator[index] = 0;
        bench_checksum_add_param_row(sum, row.id, row.text, row.text_length_bytes, row.f8);
    }
}

/* SQL_ATTR_PARAMSET_SIZE, read back; a driver may lower it (01S02) and is
 * then measured with what it kept, as the bound fetch does with row
 * arrays. */
static SQLULEN set_paramset_size(SQLHSTMT stmt, SQLULEN requested)
{
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)(uintptr_t)requested, 0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(PARAMSET_SIZE)");
    SQLULEN effective = 0;
    check_odbc(SQLGetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, &effective, 0, NULL),
               SQL_HANDLE_STMT, stmt, "SQLGetStmtAttr(PARAMSET_SIZE)");
    if (effective == 0 || effective > requested) {
        char reason[160];
        snprintf(reason, sizeof reason, "the driver reports a parameter set size of %lu after %lu",
                 (unsigned long)effective, (unsigned long)requested);
        fail_run("SQLGetStmtAttr(PARAMSET_SIZE)", reason);
    }
    return effective;
}

/* After an array's SQLExecute: every set processed and successful. */
static void check_param_statuses(const struct insert_arrays *arrays, SQLULEN processed,
                                 size_t expected, uint32_t first_g)
{
    char reason[200];
    if (processed != expected) {
        snprintf(reason, sizeof reason,
                 "SQL_ATTR_PARAMS_PROCESSED_PTR holds %ld after an array of %zu from row %u",
                 processed == (SQLULEN)-1 ? -1L : (long)processed, expected, (unsigned)first_g);
        fail_run("SQLExecute(array)", reason);
    }
    for (size_t index = 0; index < expected; index++) {
        SQLUSMALLINT status = arrays->param_status[index];
        if (status != SQL_PARAM_SUCCESS && status != SQL_PARAM_SUCCESS_WITH_INFO) {
            snprintf(reason, sizeof reason, "parameter status %u for row %u",
                     (unsigned)status, (unsigned)(first_g + index));
            fail_run("SQLExecute(array)", reason);
        }
    }
}

static void commit(SQLHDBC dbc)
{
    check_odbc(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT), SQL_HANDLE_DBC, dbc,
               "SQLEndTran(COMMIT)");
}

/* Before the commit, another session must see none of the rows (run.sh
 * empties the table before each run): autocommit off really held them in
 * one open transaction. The check is not timed. */
static void check_nothing_visible_yet(SQLHDBC observer_dbc)
{
    SQLHSTMT stmt = allocate_statement(observer_dbc);
    check_odbc(SQLExecDirect(stmt, (SQLCHAR *)"SELECT count(*) FROM bench_insert", SQL_NTS),
               SQL_HANDLE_STMT, stmt, "SQLExecDirect(observer count)");
    check_odbc(SQLFetch(stmt), SQL_HANDLE_STMT, stmt, "SQLFetch(observer count)");
    SQLBIGINT visible = -1;
    SQLLEN indicator = 0;
    check_odbc(SQLGetData(stmt, 1, SQL_C_SBIGINT, &visible, sizeof visible, &indicator),
               SQL_HANDLE_STMT, stmt, "SQLGetData(observer count)");
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    if (visible != 0) {
        char reason[160];
        snprintf(reason, sizeof reason,
                 "another session sees %lld rows before SQLEndTran: autocommit off did not hold",
                 (long long)visible);
        fail_run("autocommit off", reason);
    }
}

/* Wall and CPU time with the observer's check left out. */
struct stopwatch {
    double wall_start_ms, cpu_start_ms, paused_wall_ms, paused_cpu_ms;
};

static void stopwatch_start(struct stopwatch *watch)
{
    watch->cpu_start_ms = bench_cpu_ms();
    watch->wall_start_ms = bench_now_ms();
    watch->paused_wall_ms = 0;
    watch->paused_cpu_ms = 0;
}

static void check_untimed(struct stopwatch *watch, SQLHDBC observer_dbc)
{
    double wall = bench_now_ms();
    double cpu = bench_cpu_ms();
    check_nothing_visible_yet(observer_dbc);
    watch->paused_cpu_ms += bench_cpu_ms() - cpu;
    watch->paused_wall_ms += bench_now_ms() - wall;
}

static void stopwatch_read(const struct stopwatch *watch, double *wall_ms, double *cpu_ms)
{
    *wall_ms = bench_now_ms() - watch->wall_start_ms - watch->paused_wall_ms;
    *cpu_ms = bench_cpu_ms() - watch->cpu_start_ms - watch->paused_cpu_ms;
}

static int run_insert_array(SQLHDBC dbc, SQLHDBC observer_dbc, size_t row_count,
                            size_t requested_array_size)
{
    set_autocommit_off(dbc);
    SQLHSTMT stmt = allocate_statement(dbc);
    SQLULEN array_size = set_paramset_size(stmt, requested_array_size);
    printf("INFO paramset_size_requested=%zu paramset_size_effective=%lu\n",
           requested_array_size, (unsigned long)array_size);
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_TYPE, (SQLPOINTER)SQL_PARAM_BIND_BY_COLUMN,
                              0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(PARAM_BIND_TYPE)");
    struct insert_arrays arrays;
    insert_arrays_init(&arrays, (size_t)array_size);
    SQLULEN processed = 0;
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(PARAMS_PROCESSED_PTR)");
    check_odbc(SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_STATUS_PTR, arrays.param_status, 0),
               SQL_HANDLE_STMT, stmt, "SQLSetStmtAttr(PARAM_STATUS_PTR)");
    bind_insert_parameters(stmt, &arrays);

    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    size_t executes = 0;
    SQLULEN current_size = array_size;
    struct stopwatch watch;
    stopwatch_start(&watch);
    check_odbc(SQLPrepare(stmt, (SQLCHAR *)BENCH_INSERT_ODBC_SQL, SQL_NTS), SQL_HANDLE_STMT,
               stmt, "SQLPrepare");
    for (size_t done = 0; done < row_count;) {
        size_t chunk = row_count - done < array_size ? row_count - done : (size_t)array_size;
        if (chunk != current_size) /* the last, shorter array */
            current_size = set_paramset_size(stmt, chunk);
        uint32_t first_g = (uint32_t)done + 1;
        fill_insert_arrays(&arrays, first_g, chunk, &sum);
        processed = (SQLULEN)-1;
        for (size_t index = 0; index < chunk; index++)
            arrays.param_status[index] = SQL_PARAM_UNUSED;
        check_odbc(SQLExecute(stmt), SQL_HANDLE_STMT, stmt, "SQLExecute(array)");
        check_param_statuses(&arrays, processed, chunk, first_g);
        executes++;
        done += chunk;
    }
    check_untimed(&watch, observer_dbc);
    commit(dbc);
    double wall = 0, cpu = 0;
    stopwatch_read(&watch, &wall, &cpu);
    char extra[128];
    snprintf(extra, sizeof extra, "paramset_size=%lu executes=%zu", (unsigned long)array_size,
             executes);
    bench_print_result("insert_array", "odbc", wall, cpu, extra, &sum);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    insert_arrays_free(&arrays);
    return 0;
}

static int run_insert_row(SQLHDBC dbc, SQLHDBC observer_dbc, size_t row_count)
{
    set_autocommit_off(dbc);
    SQLHSTMT stmt = allocate_statement(dbc);
    struct insert_arrays values; /* one element: plain single-row binding */
    insert_arrays_init(&values, 1);
    bind_insert_parameters(stmt, &values);
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    struct stopwatch watch;
    stopwatch_start(&watch);
    check_odbc(SQLPrepare(stmt, (SQLCHAR *)BENCH_INSERT_ODBC_SQL, SQL_NTS), SQL_HANDLE_STMT,
               stmt, "SQLPrepare");
    for (size_t done = 0; done < row_count; done++) {
        fill_insert_arrays(&values, (uint32_t)done + 1, 1, &sum);
        check_odbc(SQLExecute(stmt), SQL_HANDLE_STMT, stmt, "SQLExecute");
    }
    check_untimed(&watch, observer_dbc);
    commit(dbc);
    double wall = 0, cpu = 0;
    stopwatch_read(&watch, &wall, &cpu);
    bench_print_result("insert_row", "odbc", wall, cpu, "executes_per_row=1", &sum);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    insert_arrays_free(&values);
    return 0;
}

static int run_point_select(SQLHDBC dbc, size_t count, size_t lookup_rows)
{
    SQLHSTMT stmt = allocate_statement(dbc);
    SQLINTEGER id_param = 0;
    SQLLEN id_param_indicator = 0;
    check_odbc(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                &id_param, 0, &id_param_indicator),
               SQL_HANDLE_STMT, stmt, "SQLBindParameter(1, SQL_C_SLONG, SQL_INTEGER)");
    SQLINTEGER id = 0;
    SQLCHAR text[BENCH_PARAM_TEXT_BYTES];
    SQLDOUBLE f8 = 0;
    SQLLEN indicators[3] = {0, 0, 0};
    check_odbc(SQLBindCol(stmt, 1, SQL_C_SLONG, &id, sizeof id, &indicators[0]), SQL_HANDLE_STMT,
               stmt, "SQLBindCol(1)");
    check_odbc(SQLBindCol(stmt, 2, SQL_C_CHAR, text, sizeof text, &indicators[1]),
               SQL_HANDLE_STMT, stmt, "SQLBindCol(2)");
    check_odbc(SQLBindCol(stmt, 3, SQL_C_DOUBLE, &f8, sizeof f8, &indicators[2]),
               SQL_HANDLE_STMT, stmt, "SQLBindCol(3)");
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    char reason[200];
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    check_odbc(SQLPrepare(stmt, (SQLCHAR *)BENCH_POINT_ODBC_SQL, SQL_NTS), SQL_HANDLE_STMT, stmt,
               "SQLPrepare");
    for (size_t k = 0; k < count; k++) {
        id_param = bench_point_id(k, lookup_rows);
        check_odbc(SQLExecute(stmt), SQL_HANDLE_STMT, stmt, "SQLExecute");
        SQLRETURN rc = SQLFetch(stmt);
        if (rc == SQL_NO_DATA) {
            snprintf(reason, sizeof reason, "no row for id %d", (int)id_param);
            fail_run("SQLFetch", reason);
        }
        check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLFetch");
        if (rc != SQL_SUCCESS)
            fail_run("SQLFetch", "SQL_SUCCESS_WITH_INFO: no value should be truncated");
        if (indicators[0] == SQL_NULL_DATA || indicators[2] == SQL_NULL_DATA ||
            indicators[1] < 0 || indicators[1] >= (SQLLEN)sizeof text) {
            snprintf(reason, sizeof reason, "id %d: NULL or a text length of %ld",
                     (int)id_param, (long)indicators[1]);
            fail_run("SQLFetch", reason);
        }
        bench_checksum_add_param_row(&sum, id, (const char *)text, (size_t)indicators[1], f8);
        rc = SQLFetch(stmt);
        if (rc != SQL_NO_DATA) {
            check_odbc(rc, SQL_HANDLE_STMT, stmt, "SQLFetch");
            snprintf(reason, sizeof reason, "more than one row for id %d", (int)id_param);
            fail_run("SQLFetch", reason);
        }
        check_odbc(SQLCloseCursor(stmt), SQL_HANDLE_STMT, stmt, "SQLCloseCursor");
    }
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("point_select", "odbc", wall, cpu, "statement=SQLPrepare+SQLExecute",
                       &sum);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return 0;
}

static bool parse_count(const char *text, size_t *out)
{
    char *end = NULL;
    unsigned long long value = strtoull(text, &end, 10);
    if (end == text || *end != '\0' || value == 0 || value > 100000000ULL)
        return false;
    *out = (size_t)value;
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: %s '<connection string>' bound|getdata|roundtrip|insert_array|"
                        "insert_row|point_select|connect [count] [size]\n",
                argv[0]);
        return 2;
    }
    const char *workload = argv[2];
    size_t count = strcmp(workload, "insert_array") == 0 ? 200000
                   : strcmp(workload, "connect") == 0    ? 1000
                                                         : 20000;
    size_t size = strcmp(workload, "point_select") == 0 ? 100000 : 1000;
    if (argc >= 4 && !parse_count(argv[3], &count)) {
        fprintf(stderr, "odbc_bench: count \"%s\" is not a number from 1 to 100000000\n", argv[3]);
        return 2;
    }
    if (argc >= 5 && (!parse_count(argv[4], &size) || size > 100000000)) {
        fprintf(stderr, "odbc_bench: size \"%s\" is not a number from 1 to 100000000\n", argv[4]);
        return 2;
    }
    bool is_array_workload = strcmp(workload, "bound") == 0 || strcmp(workload, "insert_array") == 0;
    if (is_array_workload && size > 100000) {
        fprintf(stderr, "odbc_bench: array size %zu is more than 100000\n", size);
        return 2;
    }
    struct odbc_session session;
    session_open(&session, argv[1], true);
    if (strcmp(workload, "connect") == 0) {
        /* The session above printed the driver and warmed the driver
         * manager's load of it; the connects use its environment. */
        int connected = run_connect(session.env, argv[1], count);
        if (connected == 0)
            session_close(&session);
        return connected;
    }
    /* The inserts' second session, which checks that nothing is committed
     * before SQLEndTran. */
    bool is_insert = strcmp(workload, "insert_array") == 0 || strcmp(workload, "insert_row") == 0;
    struct odbc_session observer;
    if (is_insert)
        session_open(&observer, argv[1], false);
    int status;
    if (strcmp(workload, "bound") == 0)
        status = run_bound(session.dbc, size);
    else if (strcmp(workload, "getdata") == 0)
        status = run_getdata(session.dbc);
    else if (strcmp(workload, "roundtrip") == 0)
        status = run_roundtrip(session.dbc, count);
    else if (strcmp(workload, "insert_array") == 0)
        status = run_insert_array(session.dbc, observer.dbc, count, size);
    else if (strcmp(workload, "insert_row") == 0)
        status = run_insert_row(session.dbc, observer.dbc, count);
    else if (strcmp(workload, "point_select") == 0)
        status = run_point_select(session.dbc, count, size);
    else {
        fprintf(stderr, "odbc_bench: unknown workload \"%s\" (bound, getdata, roundtrip, "
                        "insert_array, insert_row, point_select, connect)\n",
                workload);
        status = 2;
    }
    if (status == 0) {
        session_close(&session);
        if (is_insert)
            session_close(&observer);
    }
    return status;
}
