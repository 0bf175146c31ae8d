"""python_bench.py: the fetch workload as Python users run it, one run per
process so that the peak RSS printed belongs to that run alone.

    python3 python_bench.py pyodbc '<ODBC connection string>' [fetchmany size]
    python3 python_bench.py psycopg2 '<libpq connection string>' [fetchmany size]

Both run `SELECT i4, i8, f8, t, n, ts, b FROM bench_rows` on a cursor with
the module's defaults (pyodbc: SQLExecDirect, then SQLFetch and SQLGetData
per value; psycopg2: a client-side cursor, the whole result in libpq's
memory) and call fetchmany(size) (default 1000) until it is empty. Timed:
from execute to the last fetchmany; connecting is not.

Every run folds each row into a checksum of the Python values (int, float,
str, Decimal, datetime, bool, None), so two clients that print the same
RESULT checksum returned the same values. Prints one line:

    RESULT workload=python client=<module> wall_ms=... cpu_ms=... maxrss_kb=... checksum=...

Exit status 0 on success, 2 on a failure (the exception is printed)."""
import datetime
import decimal
import resource
import sys
import time
import zlib

EPOCH = datetime.datetime(1970, 1, 1)
SQL = "SELECT i4, i8, f8, t, n, ts, b FROM bench_rows"


def connect(module_name, connection_string):
    if module_name == "pyodbc":
        import pyodbc

        return pyodbc.connect(connection_string, autocommit=True)
    if module_name == "psycopg2":
        import psycopg2

        connection = psycopg2.connect(connection_string)
        connection.autocommit = True
        return connection
    raise SystemExit("python_bench: the module is pyodbc or psycopg2, not %r" % module_name)


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    module_name, connection_string = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    connection = connect(module_name, connection_string)
    cursor = connection.cursor()
    rows = sum_i4 = sum_i8 = sum_f8u = text_length = nulls = trues = 0
    sum_cents = 0
    sum_ts_us = 0
    text_hash = 0
    start_wall = time.perf_counter()
    start_cpu = time.process_time()
    cursor.execute(SQL)
    while True:
        batch = cursor.fetchmany(size)
        if not batch:
            break
        for i4, i8, f8, t, n, ts, b in batch:
            rows += 1
            sum_i4 += i4
            sum_i8 += i8
            sum_f8u += round(f8 * 1e6)
            if t is None:
                nulls += 1
            else:
                text_length += len(t.encode("utf-8"))
                text_hash = zlib.crc32(t.encode("utf-8"), text_hash)
            if n is None:
                nulls += 1
            else:
                sum_cents += int(n * 100)
            sum_ts_us += (ts - EPOCH) // datetime.timedelta(microseconds=1)
            if b is None:
                nulls += 1
            elif b == 1 or b == "1":  # psqlODBC (BoolsAsChar=1) returns '0'/'1'
                trues += 1
    wall_ms = (time.perf_counter() - start_wall) * 1000.0
    cpu_ms = (time.process_time() - start_cpu) * 1000.0
    cursor.close()
    connection.close()
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    checksum = (
        "rows:%d,i4:%d,i8:%d,f8u:%d,tlen:%d,tcrc:%08x,cents:%d,ts_us:%d,bool:%d,nulls:%d"
        % (rows, sum_i4, sum_i8, sum_f8u, text_length, text_hash, sum_cents, sum_ts_us,
           trues, nulls)
    )
    print(
        "RESULT workload=python client=%s wall_ms=%.3f cpu_ms=%.3f maxrss_kb=%d fetchmany=%d "
        "checksum=%s" % (module_name, wall_ms, cpu_ms, maxrss_kb, size, checksum)
    )


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as failure:  # reported, not hidden: the run fails
        print("FAILED %s: %s" % (type(failure).__name__, failure))
        sys.exit(2)
