/* odbc_bench.c: one benchmark workload through the unixODBC driver manager
 * against any PostgreSQL ODBC driver (pgodbc, psqlODBC), one run per
 * process so that the peak RSS printed belongs to that workload alone.
 *
 *   odbc_bench '<connection string>' bound|getdata|roundtrip [count] [array_size]
 *
 *   bound      SELECT of the bench table, SQLBindCol on column-wise arrays of
 *              array_size rows (default 1000), SQLFetch until SQL_NO_DATA
 *   getdata    the same SELECT, SQLFetch one row at a time, SQLGetData for
 *              every column
 *   roundtrip  count (default 20000) times SQLExecDirect("SELECT 1"),
 *              SQLFetch, SQLGetData, SQLCloseCursor
 *
 * C types, the same for every driver: int4 SQL_C_SLONG, int8 SQL_C_SBIGINT,
 * float8 SQL_C_DOUBLE, text SQL_C_CHAR (64 bytes), numeric(12,2) SQL_C_CHAR
 * (32 bytes; exact and what libpq gets too), timestamp SQL_C_TYPE_TIMESTAMP,
 * bool SQL_C_BIT. A value that does not fit (01004) fails the run: the
 * buffers are sized for the data, so truncation means a driver bug.
 *
 * Timed: from SQLExecDirect to SQLCloseCursor (connecting is not).
 * Prints INFO lines (driver, effective row array size) and one RESULT
 * line (bench_common.h). Exit status 0 on success, 2 on any failure. */
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

/* Any failure ends the process: a benchmark that half-worked measures
 * nothing. SQL_SUCCESS_WITH_INFO is shown, once per call site kind. */
static void check_odbc(SQLRETURN rc, SQLSMALLINT handle_type, SQLHANDLE handle, const char *what)
{
    if (rc == SQL_SUCCESS)
        return;
    if (rc == SQL_SUCCESS_WITH_INFO) {
        print_diagnostics(handle_type, handle, what);
        return;
    }
    fprintf(stderr, "odbc_bench: %s failed (return code %d)\n", what, (int)rc);
    print_diagnostics(handle_type, handle, what);
    exit(2);
}

static void print_info_string(SQLHDBC dbc, SQLUSMALLINT info_type, const char *label)
{
    SQLCHAR value[256] = {0};
    SQLSMALLINT length = 0;
    if (SQL_SUCCEEDED(SQLGetInfo(dbc, info_type, value, (SQLSMALLINT)sizeof value, &length)))
        printf("INFO %s=%s\n", label, (const char *)value);
}

static void session_open(struct odbc_session *session, const char *connection_string)
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
        fprintf(stderr, "usage: %s '<connection string>' bound|getdata|roundtrip [count] "
                        "[array_size]\n",
                argv[0]);
        return 2;
    }
    const char *workload = argv[2];
    size_t count = 20000;
    size_t array_size = 1000;
    if (argc >= 4 && !parse_count(argv[3], &count)) {
        fprintf(stderr, "odbc_bench: count \"%s\" is not a number from 1 to 100000000\n", argv[3]);
        return 2;
    }
    if (argc >= 5 && (!parse_count(argv[4], &array_size) || array_size > 100000)) {
        fprintf(stderr, "odbc_bench: array size \"%s\" is not a number from 1 to 100000\n",
                argv[4]);
        return 2;
    }
    struct odbc_session session;
    session_open(&session, argv[1]);
    int status;
    if (strcmp(workload, "bound") == 0)
        status = run_bound(session.dbc, array_size);
    else if (strcmp(workload, "getdata") == 0)
        status = run_getdata(session.dbc);
    else if (strcmp(workload, "roundtrip") == 0)
        status = run_roundtrip(session.dbc, count);
    else {
        fprintf(stderr, "odbc_bench: unknown workload \"%s\" (bound, getdata, roundtrip)\n",
                workload);
        status = 2;
    }
    if (status == 0)
        session_close(&session);
    return status;
}
