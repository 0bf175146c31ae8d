/* libpq_bench.c: the benchmark workloads with libpq, the baseline the ODBC
 * drivers are compared with (libpq is allowed here, never in the driver).
 *
 *   libpq_bench '<conninfo>' fetch|roundtrip exec|single [count]
 *   libpq_bench '<conninfo>' connect exec [count]
 *   libpq_bench '<conninfo>' insert prepared|pipeline|copy count [batch]
 *   libpq_bench '<conninfo>' point_select prepared count [lookup_rows]
 *
 *   fetch         the bench table's SELECT in the text format; every value is
 *                 parsed into the same C value the ODBC bench binds (strtol,
 *                 strtoll, strtod, a timestamp parser, text and numeric
 *                 copied into 64- and 32-byte buffers as SQL_C_CHAR would)
 *                 and fed to the same checksum (bench_common.h). This is the
 *                 baseline for both ODBC fetch workloads (libpq has no
 *                 bind/GetData split).
 *   roundtrip     count (default 20000) times "SELECT 1", value parsed.
 *   connect       count (default 1000) times PQconnectdb, PQexec("SELECT 1")
 *                 with the value parsed, PQfinish.
 *   insert        count rows (bench_common.h's generator) into bench_insert
 *                 in one transaction, parameters in the text format
 *                 (id "%d", float8 "%.17g", which reads back exactly):
 *                   prepared  PQprepare once, PQexecPrepared per row
 *                   pipeline  PQprepare once, then PQenterPipelineMode and
 *                             PQsendQueryPrepared per row with a
 *                             PQpipelineSync every batch rows (default
 *                             1000); one batch is in flight while the next
 *                             is sent
 *                   copy      COPY ... FROM STDIN, text format, 64 kB
 *                             PQputCopyData chunks (the ceiling)
 *   point_select  count times SELECT id, t, f8 FROM bench_lookup WHERE id =
 *                 $1, PQprepare once, PQexecPrepared with a text parameter,
 *                 values parsed; lookup_rows (default 100000) rows in the
 *                 table.
 *
 *   exec          PQexec: the whole result is held in memory at once.
 *   single        PQsendQuery + PQsetSingleRowMode: one PGresult per row,
 *                 memory does not grow with the result (streaming).
 *
 * Timed: from sending the first statement (PQprepare included) to the last
 * PQclear or the commit (connecting is not); the inserts' time includes
 * generating and formatting the rows. A failure prints one line "FAILED
 * <call>: <SQLSTATE> <message>" on stdout, as odbc_bench does.
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

static int run_connect(const char *conninfo, size_t count)
{
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    for (size_t i = 0; i < count; i++) {
        PGconn *conn = PQconnectdb(conninfo);
        if (PQstatus(conn) != CONNECTION_OK) {
            printf("FAILED PQconnectdb: 08001 %s", PQerrorMessage(conn));
            fprintf(stderr, "libpq_bench: connect %zu failed: %s", i + 1, PQerrorMessage(conn));
            PQfinish(conn);
            return 2;
        }
        long long value = 0;
        bool ok = select_one(conn, false, &value);
        PQfinish(conn);
        if (!ok)
            return 2;
        sum.rows++;
        sum.i4_sum += value;
    }
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("connect", "libpq", wall, cpu, "mode=PQconnectdb+PQexec", &sum);
    return 0;
}

/* ---------------------------------------------------------------- parameters */

/* One line on stdout for run.sh's report, the details on stderr. */
static int report_failure(const char *what, const PGresult *result, const PGconn *conn)
{
    const char *state = result != NULL ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : NULL;
    const char *message = result != NULL ? PQresultErrorMessage(result) : "";
    if (message == NULL || message[0] == '\0')
        message = PQerrorMessage(conn);
    char line[512];
    snprintf(line, sizeof line, "%s", message);
    for (char *c = line; *c != '\0'; c++)
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    printf("FAILED %s: %s %s\n", what, state != NULL ? state : "-----", line);
    fflush(stdout);
    fprintf(stderr, "libpq_bench: %s: %s", what, message);
    return 2;
}

/* A statement that must end with PGRES_COMMAND_OK; the result is freed. */
static bool command_ok(PGconn *conn, PGresult *result, const char *what)
{
    bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    if (!ok)
        report_failure(what, result, conn);
    PQclear(result);
    return ok;
}

/* The text-format parameters of one generated row. */
struct text_params {
    struct bench_param_row row;
    char id[16];
    char f8[32];
    const char *values[3];
};

static void text_params_make(struct text_params *params, uint32_t g, struct bench_checksum *sum)
{
    bench_param_row_make(g, &params->row);
    snprintf(params->id, sizeof params->id, "%d", (int)params->row.id);
    snprintf(params->f8, sizeof params->f8, "%.17g", params->row.f8);
    params->values[0] = params->id;
    params->values[1] = params->row.text;
    params->values[2] = params->f8;
    bench_checksum_add_param_row(sum, params->row.id, params->row.text,
                                 params->row.text_length_bytes, params->row.f8);
}

static bool insert_prepared(PGconn *conn, size_t row_count, struct bench_checksum *sum)
{
    for (size_t done = 0; done < row_count; done++) {
        struct text_params params;
        text_params_make(&params, (uint32_t)done + 1, sum);
        PGresult *result = PQexecPrepared(conn, "bench_insert", 3, params.values, NULL, NULL, 0);
        if (PQresultStatus(result) != PGRES_COMMAND_OK || strcmp(PQcmdTuples(result), "1") != 0) {
            report_failure("PQexecPrepared", result, conn);
            PQclear(result);
            return false;
        }
        PQclear(result);
    }
    return true;
}

/* Reads one batch's replies: a command result and NULL per row, then the
 * PGRES_PIPELINE_SYNC. */
static bool read_pipeline_batch(PGconn *conn, size_t rows)
{
    for (size_t i = 0; i < rows; i++) {
        PGresult *result = PQgetResult(conn);
        if (PQresultStatus(result) != PGRES_COMMAND_OK || strcmp(PQcmdTuples(result), "1") != 0) {
            report_failure("PQgetResult(pipeline)", result, conn);
            PQclear(result);
            return false;
        }
        PQclear(result);
        result = PQgetResult(conn);
        if (result != NULL) {
            report_failure("PQgetResult(pipeline): a second result for one row", result, conn);
            PQclear(result);
            return false;
        }
    }
    PGresult *result = PQgetResult(conn);
    bool ok = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
    if (!ok)
        report_failure("PQgetResult(pipeline sync)", result, conn);
    PQclear(result);
    return ok;
}

static bool insert_pipeline(PGconn *conn, size_t row_count, size_t batch_rows,
                            struct bench_checksum *sum)
{
    if (!PQenterPipelineMode(conn))
        return report_failure("PQenterPipelineMode", NULL, conn), false;
    size_t in_flight = 0; /* rows of the batch sent before the current one */
    for (size_t done = 0; done < row_count;) {
        size_t batch = row_count - done < batch_rows ? row_count - done : batch_rows;
        for (size_t i = 0; i < batch; i++) {
            struct text_params params;
            text_params_make(&params, (uint32_t)(done + i) + 1, sum);
            if (!PQsendQueryPrepared(conn, "bench_insert", 3, params.values, NULL, NULL, 0))
                return report_failure("PQsendQueryPrepared", NULL, conn), false;
        }
        if (!PQpipelineSync(conn))
            return report_failure("PQpipelineSync", NULL, conn), false;
        if (in_flight > 0 && !read_pipeline_batch(conn, in_flight))
            return false;
        in_flight = batch;
        done += batch;
    }
    if (in_flight > 0 && !read_pipeline_batch(conn, in_flight))
        return false;
    if (!PQexitPipelineMode(conn))
        return report_failure("PQexitPipelineMode", NULL, conn), false;
    return true;
}

/* COPY text format: tab-separated, backslash escapes for the characters
 * that need them (the generated text has none, but the format is kept). */
static size_t append_copy_text(char *out, const char *text, size_t length)
{
    size_t used = 0;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
            out[used++] = '\\';
            c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
        }
        out[used++] = c;
    }
    return used;
}

static bool insert_copy(PGconn *conn, size_t row_count, struct bench_checksum *sum)
{
    PGresult *result = PQexec(conn, BENCH_COPY_SQL);
    if (PQresultStatus(result) != PGRES_COPY_IN) {
        report_failure("PQexec(COPY)", result, conn);
        PQclear(result);
        return false;
    }
    PQclear(result);
    enum { CHUNK_BYTES = 65536, LINE_MAX_BYTES = 16 + 2 * BENCH_PARAM_TEXT_BYTES + 32 };
    static char chunk[CHUNK_BYTES + LINE_MAX_BYTES];
    size_t used = 0;
    for (size_t done = 0; done < row_count; done++) {
        struct bench_param_row row;
        bench_param_row_make((uint32_t)done + 1, &row);
        bench_checksum_add_param_row(sum, row.id, row.text, row.text_length_bytes, row.f8);
        int length = snprintf(chunk + used, LINE_MAX_BYTES, "%d\t", (int)row.id);
        used += (size_t)length;
        used += append_copy_text(chunk + used, row.text, row.text_length_bytes);
        length = snprintf(chunk + used, 34, "\t%.17g\n", row.f8);
        used += (size_t)length;
        if (used >= CHUNK_BYTES) {
            if (PQputCopyData(conn, chunk, (int)used) != 1)
                return report_failure("PQputCopyData", NULL, conn), false;
            used = 0;
        }
    }
    if (used > 0 && PQputCopyData(conn, chunk, (int)used) != 1)
        return report_failure("PQputCopyData", NULL, conn), false;
    if (PQputCopyEnd(conn, NULL) != 1)
        return report_failure("PQputCopyEnd", NULL, conn), false;
    result = PQgetResult(conn);
    char expected[32];
    snprintf(expected, sizeof expected, "%zu", row_count);
    if (PQresultStatus(result) != PGRES_COMMAND_OK || strcmp(PQcmdTuples(result), expected) != 0) {
        report_failure("COPY", result, conn);
        PQclear(result);
        return false;
    }
    PQclear(result);
    while ((result = PQgetResult(conn)) != NULL)
        PQclear(result);
    return true;
}

static int run_insert(PGconn *conn, const char *mode, size_t row_count, size_t batch_rows)
{
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    bool is_copy = strcmp(mode, "copy") == 0;
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    bool ok;
    if (is_copy) {
        ok = insert_copy(conn, row_count, &sum); /* one statement: its own transaction */
    } else {
        ok = command_ok(conn, PQexec(conn, "BEGIN"), "BEGIN") &&
             command_ok(conn, PQprepare(conn, "bench_insert", BENCH_INSERT_LIBPQ_SQL, 3, NULL),
                        "PQprepare");
        if (ok)
            ok = strcmp(mode, "pipeline") == 0 ? insert_pipeline(conn, row_count, batch_rows, &sum)
                                               : insert_prepared(conn, row_count, &sum);
        ok = ok && command_ok(conn, PQexec(conn, "COMMIT"), "COMMIT");
    }
    if (!ok)
        return 2;
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    char client[32];
    char extra[64];
    snprintf(client, sizeof client, "libpq-%s", mode);
    if (strcmp(mode, "pipeline") == 0)
        snprintf(extra, sizeof extra, "mode=pipeline sync_every=%zu", batch_rows);
    else
        snprintf(extra, sizeof extra, "mode=%s", mode);
    bench_print_result("insert", client, wall, cpu, extra, &sum);
    return 0;
}

static int run_point_select(PGconn *conn, size_t count, size_t lookup_rows)
{
    struct bench_checksum sum;
    memset(&sum, 0, sizeof sum);
    double cpu_start = bench_cpu_ms();
    double start = bench_now_ms();
    if (!command_ok(conn, PQprepare(conn, "bench_point", BENCH_POINT_LIBPQ_SQL, 1, NULL),
                    "PQprepare"))
        return 2;
    for (size_t k = 0; k < count; k++) {
        char id_text[16];
        int32_t wanted = bench_point_id(k, lookup_rows);
        snprintf(id_text, sizeof id_text, "%d", (int)wanted);
        const char *values[1] = {id_text};
        PGresult *result = PQexecPrepared(conn, "bench_point", 1, values, NULL, NULL, 0);
        if (PQresultStatus(result) != PGRES_TUPLES_OK) {
            report_failure("PQexecPrepared", result, conn);
            PQclear(result);
            return 2;
        }
        long long id = 0;
        double f8 = 0;
        char text[BENCH_PARAM_TEXT_BYTES];
        size_t text_length = 0;
        bool ok = PQntuples(result) == 1 && PQnfields(result) == 3 &&
                  !PQgetisnull(result, 0, 0) && !PQgetisnull(result, 0, 1) &&
                  !PQgetisnull(result, 0, 2) &&
                  parse_long(PQgetvalue(result, 0, 0), INT32_MIN, INT32_MAX, &id) &&
                  copy_character(result, 0, 1, text, sizeof text, &text_length) &&
                  parse_double(PQgetvalue(result, 0, 2), &f8);
        PQclear(result);
        if (!ok) {
            printf("FAILED PQexecPrepared: id %d did not return one row of three values\n",
                   (int)wanted);
            return 2;
        }
        bench_checksum_add_param_row(&sum, (int32_t)id, text, text_length, f8);
    }
    double wall = bench_now_ms() - start;
    double cpu = bench_cpu_ms() - cpu_start;
    bench_print_result("point_select", "libpq-prepared", wall, cpu, "mode=PQexecPrepared", &sum);
    return 0;
}

static bool parse_count_argument(const char *text, size_t *out)
{
    long long parsed = 0;
    if (!parse_long(text, 1, 100000000, &parsed)) {
        fprintf(stderr, "libpq_bench: \"%s\" is not a number from 1 to 100000000\n", text);
        return false;
    }
    *out = (size_t)parsed;
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 6) {
        fprintf(stderr,
                "usage: %s '<conninfo>' fetch|roundtrip exec|single [count]\n"
                "       %s '<conninfo>' connect exec [count]\n"
                "       %s '<conninfo>' insert prepared|pipeline|copy count [batch]\n"
                "       %s '<conninfo>' point_select prepared count [lookup_rows]\n",
                argv[0], argv[0], argv[0], argv[0]);
        return 2;
    }
    const char *workload = argv[2];
    const char *mode = argv[3];
    bool is_param_workload = strcmp(workload, "insert") == 0 ||
                             strcmp(workload, "point_select") == 0;
    bool single = false;
    if (is_param_workload) {
        bool known = strcmp(workload, "insert") == 0
                         ? strcmp(mode, "prepared") == 0 || strcmp(mode, "pipeline") == 0 ||
                               strcmp(mode, "copy") == 0
                         : strcmp(mode, "prepared") == 0;
        if (!known) {
            fprintf(stderr, "libpq_bench: unknown mode \"%s\" for %s\n", mode, workload);
            return 2;
        }
    } else if (strcmp(mode, "exec") == 0) {
        single = false;
    } else if (strcmp(mode, "single") == 0) {
        single = true;
    } else {
        fprintf(stderr, "libpq_bench: unknown mode \"%s\" (exec, single)\n", mode);
        return 2;
    }
    if (!is_param_workload && argc > 5) {
        fprintf(stderr, "libpq_bench: %s takes at most a count\n", workload);
        return 2;
    }
    size_t count = strcmp(workload, "connect") == 0 ? 1000 : 20000;
    size_t size = strcmp(workload, "point_select") == 0 ? 100000 : 1000;
    if (argc >= 5 && !parse_count_argument(argv[4], &count))
        return 2;
    if (argc >= 6 && !parse_count_argument(argv[5], &size))
        return 2;
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
    else if (strcmp(workload, "connect") == 0 && !single)
        status = run_connect(argv[1], count);
    else if (strcmp(workload, "insert") == 0)
        status = run_insert(conn, mode, count, size);
    else if (strcmp(workload, "point_select") == 0)
        status = run_point_select(conn, count, size);
    else {
        fprintf(stderr, "libpq_bench: unknown workload \"%s\" (fetch, roundtrip, connect exec, "
                        "insert, point_select)\n",
                workload);
        status = 2;
    }
    PQfinish(conn);
    return status;
}
