/* libpq_bench.c: the benchmark workloads with libpq, the baseline the ODBC
 * drivers are compared with (libpq is allowed here, never in the driver).
 *
 *   libpq_bench '<conninfo>' fetch|roundtrip exec|single [count]
 *
 *   fetch      the bench table's SELECT in the text format; every value is
 *              parsed into the same C value the ODBC bench binds (strtol,
 *              strtoll, strtod, a timestamp parser, text and numeric copied
 *              into 64- and 32-byte buffers as SQL_C_CHAR would) and fed to
 *              the same checksum (bench_common.h). This is the baseline for
 *              both ODBC fetch workloads (libpq has no bind/GetData split).
 *   roundtrip  count (default 20000) times "SELECT 1", value parsed.
 *
 *   exec       PQexec: the whole result is held in memory at once.
 *   single     PQsendQuery + PQsetSingleRowMode: one PGresult per row,
 *              memory does not grow with the result (streaming).
 *
 * Timed: from sending the query to the last PQclear (connecting is not).
 * Exit status 0 on success, 2 on any failure. */
#include <errno.h>
#include <libpq-fe.h>
#include <stdlib.h>

#include "bench_common.h"

static bool parse_digits(const char *text, size_t *position, size_t digits, int *out)
{
    int value = 0;
    for (size_t i = 0; i < digits; i++) {
        char c = text[*position + i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *position += digits;
    *out = value;
    return true;
}

static bool expect_char(const char *text, size_t *position, char expected)
{
    if (text[*position] != expected)
        return false;
    (*position)++;
    return true;
}

/* "YYYY-MM-DD HH:MM:SS[.f{1,6}]" (DateStyle ISO): the fields ODBC's
 * SQL_TIMESTAMP_STRUCT holds, fraction in nanoseconds. */
static bool parse_timestamp(const char *text, size_t length, struct bench_timestamp *ts)
{
    size_t position = 0;
    if (length < 19)
        return false;
    if (!parse_digits(text, &position, 4, &ts->year) || !expect_char(text, &position, '-') ||
        !parse_digits(text, &position, 2, &ts->month) || !expect_char(text, &position, '-') ||
        !parse_digits(text, &position, 2, &ts->day) || !expect_char(text, &position, ' ') ||
        !parse_digits(text, &position, 2, &ts->hour) || !expect_char(text, &position, ':') ||
        !parse_digits(text, &position, 2, &ts->minute) || !expect_char(text, &position, ':') ||
        !parse_digits(text, &position, 2, &ts->second))
        return false;
    ts->fraction_ns = 0;
    if (position == length)
        return true;
    if (text[position] != '.')
        return false;
    position++;
    uint32_t fraction = 0;
    size_t digits = 0;
    while (position < length && digits < 9 && text[position] >= '0' && text[position] <= '9') {
        fraction = fraction * 10 + (uint32_t)(text[position] - '0');
        position++;
        digits++;
    }
    if (position != length || digits == 0)
        return false;
    for (; digits < 9; digits++)
        fraction *= 10;
    ts->fraction_ns = fraction;
    return true;
}

static bool parse_long(const char *text, long long minimum, long long maximum, long long *out)
{
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || value < minimum || value > maximum)
        return false;
    *out = value;
    return true;
}

static bool parse_double(const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE)
        return false;
    *out = value;
    return true;
}

static bool copy_character(const PGresult *result, int row_index, int column_index, char *buffer,
                           size_t buffer_bytes, size_t *length)
{
    size_t value_length = (size_t)PQgetlength(result, row_index, column_index);
    if (value_length >= buffer_bytes)
        return false;
    memcpy(buffer, PQgetvalue(result, row_index, column_index), value_length);
    buffer[value_length] = '\0'; /* what SQL_C_CHAR writes */
    *length = value_length;
    return true;
}

/* One row of the bench table, text format, into the checksum. */
static bool convert_row(const PGresult *result, int row_index, struct bench_checksum *sum)
{
    static const char *const names[BENCH_COLUMN_COUNT] = {"i4", "i8", "f8", "t",
                                                           "n",  "ts", "b"};
    char text[BENCH_TEXT_BUFFER_BYTES];
    char numeric[BENCH_NUMERIC_BUFFER_BYTES];
    struct bench_row row;
    memset(&row, 0, sizeof row);
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++) {
        row.is_null[column] = PQgetisnull(result, row_index, column) != 0;
        if (row.is_null[column])
            continue;
        const char *value = PQgetvalue(result, row_index, column);
        long long integer = 0;
        bool ok = true;
        switch (column) {
        case BENCH_COL_I4:
            ok = parse_long(value, INT32_MIN, INT32_MAX, &integer);
            row.i4 = (int32_t)integer;
            break;
        case BENCH_COL_I8:
            ok = parse_long(value, INT64_MIN, INT64_MAX, &integer);
            row.i8 = integer;
            break;
        case BENCH_COL_F8:
            ok = parse_double(value, &row.f8);
            break;
        case BENCH_COL_TEXT:
            ok = copy_character(result, row_index, column, text, sizeof text,
                                &row.text_length_bytes);
            row.text = text;
            break;
        case BENCH_COL_NUMERIC:
            ok = copy_character(result, row_index, column, numeric, sizeof numeric,
                                &row.numeric_length_bytes);
            row.numeric = numeric;
            break;
        case BENCH_COL_TIMESTAMP:
            ok = parse_timestamp(value, (size_t)PQgetlength(result, row_index, column), &row.ts);
            break;
        case BENCH_COL_BOOL:
            ok = value[0] == 't' || value[0] == 'f';
            row.b = value[0] == 't';
            break;
        }
        if (!ok) {
            fprintf(stderr, "libpq_bench: column %s: cannot convert \"%s\"\n", names[column],
                    value);
            return false;
        }
    }
    return bench_checksum_add(sum, &row);
}

static bool check_shape(const PGresult *result)
{
    if (PQnfields(result) != BENCH_COLUMN_COUNT) {
        fprintf(stderr, "libpq_bench: %d columns, expected %d\n", PQnfields(result),
                BENCH_COLUMN_COUNT);
        return false;
    }
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++)
        if (PQfformat(result, column) != 0) {
            fprintf(stderr, "libpq_bench: column %d is not in the text format\n", column);
            return false;
        }
    return true;
}

static int fetch_exec(PGconn *conn, struct bench_checksum *sum)
{
    PGresult *result = PQexec(conn, BENCH_SELECT_SQL);
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        fprintf(stderr, "libpq_bench: %s", PQerrorMessage(conn));
        PQclear(result);
        return 2;
    }
    if (!check_shape(result)) {
        PQclear(result);
        return 2;
    }
    int row_count = PQntuples(result);
    for (int row_index = 0; row_index < row_count; row_index++)
        if (!convert_row(result, row_index, sum)) {
            PQclear(result);
            return 2;
        }
    PQclear(result);
    return 0;
}

static int fetch_single(PGconn *conn, struct bench_checksum *sum)
{
    if (!PQsendQuery(conn, BENCH_SELECT_SQL) || !PQsetSingleRowMode(conn)) {
        fprintf(stderr, "libpq_bench: %s", PQerrorMessage(conn));
        return 2;
    }
    int status = 0;
    for (;;) {
        PGresult *result = PQgetResult(conn);
        if (result == NULL)
            break;
        ExecStatusType kind = PQresultStatus(result);
        if (kind == PGRES_SINGLE_TUPLE) {
            if (status == 0 && (!check_shape(result) || !convert_row(result, 0, sum)))
                status = 2;
        } else if (kind != PGRES_TUPLES_OK) {
            fprintf(stderr, "libpq_bench: %s", PQresultErrorMessage(result));
            status = 2;
        }
        PQclear(result);
    }
    return status;
}

static int run_fetch(PGconn *conn, bool single)
{
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    int status = single ? fetch_single(conn, &sum) : fetch_exec(conn, &sum);
    if (status != 0)
        return status;
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("fetch", single ? "libpq-single" : "libpq-exec", wall, cpu,
                       single ? "mode=PQsetSingleRowMode" : "mode=PQexec", &sum);
    return 0;
}

/* One "SELECT 1" in the chosen mode; the value parsed like the ODBC side's
 * SQL_C_SLONG. */
static bool select_one(PGconn *conn, bool single, long long *value)
{
    bool ok = true;
    bool have_value = false;
    if (single) {
        if (!PQsendQuery(conn, "SELECT 1") || !PQsetSingleRowMode(conn)) {
            fprintf(stderr, "libpq_bench: %s", PQerrorMessage(conn));
            return false;
        }
        PGresult *result;
        while ((result = PQgetResult(conn)) != NULL) {
            ExecStatusType kind = PQresultStatus(result);
            if (kind == PGRES_SINGLE_TUPLE)
                have_value = parse_long(PQgetvalue(result, 0, 0), INT32_MIN, INT32_MAX, value);
            else if (kind != PGRES_TUPLES_OK) {
                fprintf(stderr, "libpq_bench: %s", PQresultErrorMessage(result));
                ok = false;
            }
            PQclear(result);
        }
        return ok && have_value;
    }
    PGresult *result = PQexec(conn, "SELECT 1");
    if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) != 1) {
        fprintf(stderr, "libpq_bench: %s", PQerrorMessage(conn));
        PQclear(result);
        return false;
    }
    have_value = parse_long(PQgetvalue(result, 0, 0), INT32_MIN, INT32_MAX, value);
    PQclear(result);
    return have_value;
}

static int run_roundtrip(PGconn *conn, bool single, size_t count)
{
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    for (size_t i = 0; i < count; i++) {
        long long value = 0;
        if (!select_one(conn, single, &value))
            return 2;
        sum.rows++;
        sum.i4_sum += value;
    }
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("roundtrip", single ? "libpq-single" : "libpq-exec", wall, cpu,
                       single ? "mode=PQsetSingleRowMode" : "mode=PQexec", &sum);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: %s '<conninfo>' fetch|roundtrip exec|single [count]\n", argv[0]);
        return 2;
    }
    const char *workload = argv[2];
    const char *mode = argv[3];
    bool single;
    if (strcmp(mode, "exec") == 0)
        single = false;
    else if (strcmp(mode, "single") == 0)
        single = true;
    else {
        fprintf(stderr, "libpq_bench: unknown mode \"%s\" (exec, single)\n", mode);
        return 2;
    }
    size_t count = 20000;
    if (argc == 5) {
        long long parsed = 0;
        if (!parse_long(argv[4], 1, 100000000, &parsed)) {
            fprintf(stderr, "libpq_bench: count \"%s\" is not a number from 1 to 100000000\n",
                    argv[4]);
            return 2;
        }
        count = (size_t)parsed;
    }
    double connect_start = bench_now_ms();
    PGconn *conn = PQconnectdb(argv[1]);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "libpq_bench: connecting failed: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return 2;
    }
    printf("INFO connect_ms=%.3f\n", bench_now_ms() - connect_start);
    printf("INFO driver_name=libpq driver_version=%d server_version=%d ssl=%s\n",
           PQlibVersion(), PQserverVersion(conn), PQsslInUse(conn) ? "on" : "off");
    int status;
    if (strcmp(workload, "fetch") == 0)
        status = run_fetch(conn, single);
    else if (strcmp(workload, "roundtrip") == 0)
        status = run_roundtrip(conn, single, count);
    else {
        fprintf(stderr, "libpq_bench: unknown workload \"%s\" (fetch, roundtrip)\n", workload);
        status = 2;
    }
    PQfinish(conn);
    return status;
}
