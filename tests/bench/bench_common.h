/* bench_common.h: what the ODBC and the libpq benchmark programs share.
 * Owns: the row shape both programs convert into (struct bench_row), the
 * checksum over fetched values (struct bench_checksum, order-independent so
 * a server that returns rows in another order still agrees), the helpers
 * that parse the same text both sides see (numeric as cents), the rows the
 * parameter workloads send (bench_param_row: the same values run.sh
 * generates in SQL to check what the server stored), the ids the point
 * selects ask for, the clock and the resource usage report, and the one
 * RESULT line run.sh reads.
 * Leaves to the programs: talking to the server and converting values.
 * Header-only (static functions) so each program stays one cc command. */
#ifndef PGODBC_BENCH_COMMON_H
#define PGODBC_BENCH_COMMON_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* The table run.sh creates; both programs read exactly these columns. */
#define BENCH_SELECT_SQL "SELECT i4, i8, f8, t, n, ts, b FROM bench_rows"
#define BENCH_COLUMN_COUNT 7
#define BENCH_TEXT_BUFFER_BYTES 64    /* SQL_C_CHAR buffer for the text column */
#define BENCH_NUMERIC_BUFFER_BYTES 32 /* SQL_C_CHAR buffer for numeric(12,2) */

enum bench_column {
    BENCH_COL_I4,
    BENCH_COL_I8,
    BENCH_COL_F8,
    BENCH_COL_TEXT,
    BENCH_COL_NUMERIC,
    BENCH_COL_TIMESTAMP,
    BENCH_COL_BOOL
};

struct bench_timestamp {
    int year, month, day, hour, minute, second;
    uint32_t fraction_ns; /* ODBC's SQL_TIMESTAMP_STRUCT.fraction unit */
};

/* One fetched row, already converted to C values. text/numeric point at
 * the caller's buffers (length in bytes, no terminator needed). */
struct bench_row {
    int32_t i4;
    int64_t i8;
    double f8;
    const char *text;
    size_t text_length_bytes;
    const char *numeric;
    size_t numeric_length_bytes;
    struct bench_timestamp ts;
    unsigned char b;
    bool is_null[BENCH_COLUMN_COUNT];
};

/* Every field is a sum (wrapping where it could overflow), so the row
 * order does not matter; floats are rounded to millionths before summing
 * so the sum is exact integer arithmetic. */
struct bench_checksum {
    uint64_t rows;
    int64_t i4_sum;
    uint64_t i8_sum;
    int64_t f8_micro_sum;
    uint64_t text_length_sum;
    uint64_t text_hash_sum;
    int64_t numeric_cents_sum;
    uint64_t ts_seconds_sum;
    uint64_t ts_fraction_sum;
    uint64_t bool_true_count;
    uint64_t null_weight_sum; /* sum of (column index + 1) over NULL values */
};

static inline uint64_t bench_hash_bytes(const char *bytes, size_t length)
{
    uint64_t hash = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)bytes[i];
        hash *= 1099511628211ULL;
    }
    return hash;
}

/* "-1234.5", "12.30", "7": the value in hundredths, exactly; false when
 * the text is anything else (more than two decimals included). */
static inline bool bench_parse_cents(const char *text, size_t length, int64_t *cents)
{
    size_t i = 0;
    bool negative = false;
    if (i < length && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        i++;
    }
    int64_t value = 0;
    size_t digits = 0;
    while (i < length && text[i] >= '0' && text[i] <= '9') {
        if (value > (INT64_MAX - 9) / 10 / 100)
            return false;
        value = value * 10 + (text[i] - '0');
        i++;
        digits++;
    }
    int decimals = 0;
    if (i < length && text[i] == '.') {
        i++;
        while (i < length && text[i] >= '0' && text[i] <= '9') {
            if (decimals == 2)
                return false;
            value = value * 10 + (text[i] - '0');
            i++;
            decimals++;
            digits++;
        }
    }
    if (i != length || digits == 0)
        return false;
    for (; decimals < 2; decimals++)
        value *= 10;
    *cents = negative ? -value : value;
    return true;
}

/* Adds one row; false (with a message on stderr) when a value cannot be
 * summed, which the programs treat as a failed run. */
static inline bool bench_checksum_add(struct bench_checksum *sum, const struct bench_row *row)
{
    sum->rows++;
    for (int column = 0; column < BENCH_COLUMN_COUNT; column++)
        if (row->is_null[column])
            sum->null_weight_sum += (uint64_t)column + 1;
    if (!row->is_null[BENCH_COL_I4])
        sum->i4_sum += row->i4;
    if (!row->is_null[BENCH_COL_I8])
        sum->i8_sum += (uint64_t)row->i8;
    if (!row->is_null[BENCH_COL_F8])
        sum->f8_micro_sum += llround(row->f8 * 1e6);
    if (!row->is_null[BENCH_COL_TEXT]) {
        sum->text_length_sum += row->text_length_bytes;
        sum->text_hash_sum += bench_hash_bytes(row->text, row->text_length_bytes);
    }
    if (!row->is_null[BENCH_COL_NUMERIC]) {
        int64_t cents = 0;
        if (!bench_parse_cents(row->numeric, row->numeric_length_bytes, &cents)) {
            fprintf(stderr, "bench: numeric value \"%.*s\" is not a number with two decimals\n",
                    (int)row->numeric_length_bytes, row->numeric);
            return false;
        }
        sum->numeric_cents_sum += cents;
    }
    if (!row->is_null[BENCH_COL_TIMESTAMP]) {
        const struct bench_timestamp *ts = &row->ts;
        uint64_t packed = (uint64_t)ts->year;
        packed = packed * 13 + (uint64_t)ts->month;
        packed = packed * 32 + (uint64_t)ts->day;
        packed = packed * 24 + (uint64_t)ts->hour;
        packed = packed * 60 + (uint64_t)ts->minute;
        packed = packed * 60 + (uint64_t)ts->second;
        sum->ts_seconds_sum += packed;
        sum->ts_fraction_sum += ts->fraction_ns;
    }
    if (!row->is_null[BENCH_COL_BOOL] && row->b != 0)
        sum->bool_true_count++;
    return true;
}

static inline void bench_checksum_format(const struct bench_checksum *sum, char *out,
                                         size_t out_size)
{
    snprintf(out, out_size,
             "rows:%llu,i4:%lld,i8:%llu,f8u:%lld,tlen:%llu,thash:%016llx,num:%lld,"
             "ts:%llu,tsns:%llu,bool:%llu,nulls:%llu",
             (unsigned long long)sum->rows, (long long)sum->i4_sum,
             (unsigned long long)sum->i8_sum, (long long)sum->f8_micro_sum,
             (unsigned long long)sum->text_length_sum, (unsigned long long)sum->text_hash_sum,
             (long long)sum->numeric_cents_sum, (unsigned long long)sum->ts_seconds_sum,
             (unsigned long long)sum->ts_fraction_sum, (unsigned long long)sum->bool_true_count,
             (unsigned long long)sum->null_weight_sum);
}

/* ---- parameter workloads (insert arrays, row by row, point select) ----
 * Row number g (1-based) of the inserted rows, and of bench_lookup, is
 *   id = g, t = 'v' || g || '-' || repeat(chr(97 + g % 26), g % 40),
 *   f8 = (g - 100000)::float8 / 7
 * run.sh builds bench_lookup and the expected contents of bench_insert with
 * exactly that SQL; the C below must stay its twin. f8 is an IEEE division
 * on both sides, so a driver that sends it exactly stores the same double. */
#define BENCH_INSERT_ODBC_SQL "INSERT INTO bench_insert (id, t, f8) VALUES (?, ?, ?)"
#define BENCH_INSERT_LIBPQ_SQL "INSERT INTO bench_insert (id, t, f8) VALUES ($1, $2, $3)"
#define BENCH_COPY_SQL "COPY bench_insert (id, t, f8) FROM STDIN"
#define BENCH_POINT_ODBC_SQL "SELECT id, t, f8 FROM bench_lookup WHERE id = ?"
#define BENCH_POINT_LIBPQ_SQL "SELECT id, t, f8 FROM bench_lookup WHERE id = $1"
#define BENCH_PARAM_TEXT_BYTES 64 /* longest generated text is 51 bytes */
#define BENCH_POINT_ID_STEP 7919  /* prime: the ids walk the table, not one page */

struct bench_param_row {
    int32_t id;
    char text[BENCH_PARAM_TEXT_BYTES]; /* NUL-terminated */
    size_t text_length_bytes;
    double f8;
};

/* Row g of the generated data (1 <= g <= INT32_MAX). */
static inline void bench_param_row_make(uint32_t g, struct bench_param_row *row)
{
    row->id = (int32_t)g;
    int length = snprintf(row->text, sizeof row->text, "v%u-", (unsigned)g);
    size_t used = length > 0 ? (size_t)length : 0;
    size_t repeat = g % 40;
    char letter = (char)('a' + g % 26);
    for (size_t i = 0; i < repeat && used + 1 < sizeof row->text; i++)
        row->text[used++] = letter;
    row->text[used] = '\0';
    row->text_length_bytes = used;
    row->f8 = (double)((int64_t)g - 100000) / 7.0;
}

/* The id the k-th point select (0-based) asks for, in a table of
 * lookup_rows rows numbered from 1; run.sh computes the same in SQL. */
static inline int32_t bench_point_id(uint64_t k, uint64_t lookup_rows)
{
    return (int32_t)((k * BENCH_POINT_ID_STEP) % lookup_rows + 1);
}

/* Adds one inserted or selected row: rows, i4 (id), f8u, tlen, thash. */
static inline void bench_checksum_add_param_row(struct bench_checksum *sum, int32_t id,
                                                const char *text, size_t text_length_bytes,
                                                double f8)
{
    sum->rows++;
    sum->i4_sum += id;
    sum->f8_micro_sum += llround(f8 * 1e6);
    sum->text_length_sum += text_length_bytes;
    sum->text_hash_sum += bench_hash_bytes(text, text_length_bytes);
}

static inline double bench_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

/* This process's user+system CPU time so far, in milliseconds. */
static inline double bench_cpu_ms(void)
{
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static inline long bench_peak_rss_kb(void)
{
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return usage.ru_maxrss; /* Linux: kilobytes */
}

/* The one line run.sh parses: key=value pairs, no spaces inside values. */
static inline void bench_print_result(const char *workload, const char *client, double wall_ms,
                                      double cpu_ms, const char *extra,
                                      const struct bench_checksum *sum)
{
    char checksum[512];
    bench_checksum_format(sum, checksum, sizeof checksum);
    printf("RESULT workload=%s client=%s wall_ms=%.3f cpu_ms=%.3f maxrss_kb=%ld %s checksum=%s\n",
           workload, client, wall_ms, cpu_ms, bench_peak_rss_kb(), extra, checksum);
    fflush(stdout);
}

#endif
