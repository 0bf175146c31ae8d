#!/usr/bin/env bash
# run.sh: the benchmark. On one throwaway server, in one run, it compares
# pgodbc, psqlODBC (Debian odbc-postgresql, through the same unixODBC driver
# manager) and libpq.
# Fetch workloads ("fetch"):
#   bound         N rows x (int4, int8, float8, text, numeric(12,2),
#                 timestamp, bool), SQLBindCol on 1000-row column-wise arrays
#   getdata       the same rows, SQLFetch + SQLGetData row by row
#   roundtrip     20,000 x SELECT 1 (SQLExecDirect, SQLFetch, SQLGetData,
#                 SQLCloseCursor)
#   libpq runs "fetch" (the baseline for both fetch workloads) and
#   "roundtrip", each with PQexec and with single-row mode.
# Parameter workloads ("params"):
#   insert_array  200,000 rows (int4, text, float8), 1000-row column-wise
#                 parameter arrays, SQLPrepare once, one SQLExecute per array,
#                 autocommit off, one SQLEndTran commit
#   insert_row    20,000 rows, one SQLExecute each, autocommit off, one commit
#   point_select  20,000 x prepared SELECT id, t, f8 ... WHERE id = ?
#   libpq runs each with PQexecPrepared, the inserts also in pipeline mode
#   (a Sync every 1000 rows) and as COPY FROM STDIN (the ceiling).
# Connect workload ("connect"):
#   connect       BENCH_CONNECTS x (connect, SELECT 1, disconnect), straight
#                 to the server and through a PgBouncer (pool_mode=
#                 transaction, SCRAM from the client, its own pool of server
#                 connections) that the script starts in front of it;
#                 pgodbc connects through the pooler with PoolerMode=
#                 transaction; libpq with PQconnectdb + PQexec + PQfinish.
# Every fetch run's checksum must agree across clients and with aggregates
# computed by the server. After every insert run the server's table must
# hold exactly the rows the client generated (count and sums compared with
# the client's, and every row compared with the same rows generated in SQL);
# the table is emptied before each insert run. Point selects must sum to
# what the server computes for the same ids. A mismatch fails the script
# loudly; a client whose call fails is reported as "failed: <SQLSTATE>
# <message>" and the other runs go on. Times are printed, never asserted.
#
#   bash tests/bench/run.sh
#
# Environment:
#   BENCH_ROWS          rows in the fetch table (default 1000000)
#   BENCH_REPEAT        runs per client and workload; medians are printed (default 5)
#   BENCH_ROUNDTRIPS    SELECT 1 round trips (default 20000)
#   BENCH_WORKLOADS     subset of "fetch params python connect" (default "fetch params");
#                       python: the fetch table through /usr/bin/python3 with
#                       pyodbc (pgodbc, psqlODBC) and psycopg2 (python_bench.py)
#   BENCH_FETCHMANY     rows per fetchmany in the python workload (default 1000)
#   BENCH_INSERT_ROWS   rows inserted with parameter arrays (default 200000)
#   BENCH_PARAMSET_SIZE rows per parameter array and per libpq pipeline Sync (default 1000)
#   BENCH_ROW_INSERTS   rows inserted one SQLExecute each (default 20000)
#   BENCH_POINT_SELECTS prepared point selects (default 20000)
#   BENCH_CONNECTS      connects per connect run (default 1000)
#   BENCH_LOOKUP_ROWS   rows in the point-select table (default 100000)
#   BENCH_SLOW_REPEAT   runs of libpq's PQexecPrepared on the array workload,
#                       one round trip per row (default 1)
#   BENCH_CLIENTS       subset of "pgodbc psqlodbc libpq" (default all three)
#   BENCH_BUILD_DIR     build directory (default $PGO_BUILD_DIR, else build-bench)
#   PGODBC_LIB          an already built libpgodbc.so (skips the CMake build)
#   PSQLODBC_LIB        psqlODBC driver (default the Debian package's psqlodbcw.so)
#   BENCH_TIMEOUT       seconds allowed per run (default 900)
#
# Owns: tests/bench/. Installs missing packages (cmake/install-deps.sh plus
# odbc-postgresql and libpq-dev), builds into $BENCH_BUILD_DIR, starts its
# server with tests/harness/pg_harness.sh and stops it on every exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

rows=${BENCH_ROWS:-1000000}
repeat=${BENCH_REPEAT:-5}
roundtrips=${BENCH_ROUNDTRIPS:-20000}
workloads=${BENCH_WORKLOADS:-fetch params}
insert_rows=${BENCH_INSERT_ROWS:-200000}
paramset_size=${BENCH_PARAMSET_SIZE:-1000}
row_inserts=${BENCH_ROW_INSERTS:-20000}
point_selects=${BENCH_POINT_SELECTS:-20000}
lookup_rows=${BENCH_LOOKUP_ROWS:-100000}
slow_repeat=${BENCH_SLOW_REPEAT:-1}
clients=${BENCH_CLIENTS:-pgodbc psqlodbc libpq}
fetchmany=${BENCH_FETCHMANY:-1000}
connects=${BENCH_CONNECTS:-1000}
python=/usr/bin/python3
# Never the shared build/: the benchmark's own directory, or the caller's.
build=${BENCH_BUILD_DIR:-${PGO_BUILD_DIR:-build-bench}}
psqlodbc_lib=${PSQLODBC_LIB:-/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so}
run_timeout=${BENCH_TIMEOUT:-900}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for number in "$rows" "$repeat" "$roundtrips" "$run_timeout" "$insert_rows" "$paramset_size" \
    "$row_inserts" "$point_selects" "$lookup_rows" "$slow_repeat" "$fetchmany" "$connects"; do
    case "$number" in
        '' | *[!0-9]*) die "the BENCH_* counts must be positive integers (got '$number')" ;;
    esac
    [ "$number" -gt 0 ] || die "the BENCH_* counts must be positive (got '$number')"
    [ "${#number}" -le 9 ] || die "the BENCH_* counts must be below 1000000000 (got '$number')"
done
[ "$paramset_size" -le 100000 ] || die "BENCH_PARAMSET_SIZE must be at most 100000"
for workload_group in $workloads; do
    case "$workload_group" in
        fetch | params | python | connect) ;;
        *) die "BENCH_WORKLOADS takes fetch, params, python and connect (got '$workload_group')" ;;
    esac
done
runs_group() { case " $workloads " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# ---------------------------------------------------------------- packages
install_missing() {
    local missing=() package status
    for package in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        [ "$status" = "install ok installed" ] || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get; install them by hand"
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "missing ${missing[*]}; run as root or install sudo"
        as_root=(sudo)
    fi
    say "installing ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" </dev/null
}

if command -v dpkg-query >/dev/null; then
    # The project's list (compiler, cmake, unixODBC, PostgreSQL server,
    # openssl; no service is started), then what only the benchmark needs.
    bash cmake/install-deps.sh
    install_missing odbc-postgresql libpq-dev pkg-config
    if runs_group python; then
        install_missing python3-pyodbc python3-psycopg2
    fi
fi

# ---------------------------------------------------------------- build
mkdir -p "$build"
build=$(cd "$build" && pwd)
wants() { case " $clients " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if ! wants pgodbc; then
    pgodbc_lib="(not run)"
    pgodbc_source="not built: BENCH_CLIENTS leaves pgodbc out"
elif [ -n "${PGODBC_LIB:-}" ]; then
    pgodbc_lib=$PGODBC_LIB
    say "using the given pgodbc library $pgodbc_lib"
else
    say "building pgodbc (Release) in $build"
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPGO_BUILD_TESTS=OFF >"$build/cmake.log" 2>&1 \
        || { cat "$build/cmake.log" >&2; die "configuring pgodbc failed"; }
    cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target pgodbc >>"$build/cmake.log" 2>&1 \
        || { tail -n 60 "$build/cmake.log" >&2; die "building pgodbc failed"; }
    pgodbc_lib=$build/driver/libpgodbc.so
    # Which source was measured: the commit, and whether driver/ differed from it.
    pgodbc_source=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
    if [ -n "$(git status --porcelain -- driver cmake CMakeLists.txt 2>/dev/null)" ]; then
        pgodbc_source="$pgodbc_source plus uncommitted changes in driver/"
    fi
fi
if wants pgodbc; then
    [ -f "$pgodbc_lib" ] || die "no pgodbc library at $pgodbc_lib"
fi
case " $clients " in
    *" psqlodbc "*) [ -f "$psqlodbc_lib" ] || die "no psqlODBC driver at $psqlodbc_lib" ;;
esac

bench_bin=$build/bench
mkdir -p "$bench_bin"
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g -Wall -Wextra -Wshadow -Wconversion
        -Wformat=2 -Wvla -Wstrict-prototypes -Wmissing-prototypes)
cc "${cflags[@]}" -o "$bench_bin/odbc_bench" tests/bench/odbc_bench.c -lodbc -lm
# shellcheck disable=SC2046
cc "${cflags[@]}" $(pkg-config --cflags libpq) -o "$bench_bin/libpq_bench" \
    tests/bench/libpq_bench.c $(pkg-config --libs libpq) -lm

# ---------------------------------------------------------------- server
harness=$build/bench-harness
results=$build/bench-results
pooler=$build/bench-pgbouncer
stop_server() {
    if [ -s "$pooler/pid" ]; then
        kill -INT "$(cat "$pooler/pid")" 2>/dev/null || true
    fi
    if [ -e "$harness" ]; then
        bash tests/harness/pg_harness.sh stop "$harness" || true
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM
bash tests/harness/pg_harness.sh start "$harness"
# shellcheck disable=SC1091
. "$harness/env"

psql_admin() {
    "$PGO_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGO_SOCKET_DIR" -p "$PGO_PORT" \
        -U pgo_admin -d "$PGO_DATABASE" "$@"
}

server_checksum=""
if runs_group fetch || runs_group python; then
    say "creating bench_rows with $rows rows"
    # Deterministic values with NULLs in three columns, negative numbers,
    # varying text lengths (1 to 48 bytes) and timestamps with and without
    # fractional seconds. Sequential scans start at the first block
    # (synchronize_seqscans off), although the checksum ignores row order.
    psql_admin -v rows="$rows" <<'EOF'
ALTER DATABASE pgo_db SET synchronize_seqscans = off;
DROP TABLE IF EXISTS bench_rows;
CREATE TABLE bench_rows (i4 int4, i8 int8, f8 float8, t text, n numeric(12,2),
                         ts timestamp, b bool);
INSERT INTO bench_rows
SELECT g,
       g::int8 * 1000003 - 500000000000,
       (g - 500000)::float8 / 7,
       CASE WHEN g % 97 = 0 THEN NULL
            ELSE 'r' || g || '-' || repeat(chr(97 + g % 26), g % 40) END,
       CASE WHEN g % 1009 = 0 THEN NULL
            ELSE ((g::int8 * 7919) % 2000000000 - 1000000000)::numeric / 100 END,
       timestamp '2001-02-03 04:05:06' + g * interval '67 seconds'
           + ((g * 7) % 1000000) * interval '1 microsecond',
       CASE WHEN g % 10 = 0 THEN NULL ELSE g % 3 = 0 END
FROM generate_series(1, :rows) AS g;
GRANT SELECT ON bench_rows TO PUBLIC;
VACUUM (FREEZE, ANALYZE) bench_rows;
EOF

    # The checksum fields the server can compute itself (all but the text
    # hash): the reference every client's checksum must contain.
    server_checksum=$(psql_admin -At <<'EOF'
SELECT 'rows:' || count(*)
    || ',i4:' || coalesce(sum(i4), 0)
    || ',i8:' || ((coalesce(sum(i8::numeric), 0) % 18446744073709551616
                  + 18446744073709551616) % 18446744073709551616)
    || ',f8u:' || coalesce(sum(round(f8 * 1e6)::numeric), 0)
    || ',tlen:' || coalesce(sum(octet_length(t)), 0)
    || ',num:' || coalesce(sum(n * 100)::bigint, 0)
    || ',ts:' || coalesce(sum(((((extract(year from ts)::numeric * 13 + extract(month from ts)) * 32
                 + extract(day from ts)) * 24 + extract(hour from ts)) * 60
                 + extract(minute from ts)) * 60 + floor(extract(second from ts))), 0)
    || ',tsns:' || coalesce(sum((extract(microseconds from ts)::bigint % 1000000) * 1000), 0)
    || ',bool:' || count(*) FILTER (WHERE b)
    || ',nulls:' || (count(*) - count(i4)) * 1 + (count(*) - count(i8)) * 2
                  + (count(*) - count(f8)) * 3 + (count(*) - count(t)) * 4
                  + (count(*) - count(n)) * 5 + (count(*) - count(ts)) * 6
                  + (count(*) - count(b)) * 7
FROM bench_rows;
EOF
    )
    say "server-side checksum: $server_checksum"
fi

# Parameter workloads: bench_insert receives the inserts (no index: the
# client's cost shows, not the server's index upkeep); bench_lookup is what
# the point selects read (primary key). Row g is the generator of
# bench_common.h (bench_param_row_make), written here in SQL.
param_rows_sql="SELECT g, 'v' || g || '-' || repeat(chr(97 + g % 26), g % 40), (g - 100000)::float8 / 7"
point_checksum=""
if runs_group params; then
    say "creating bench_insert and bench_lookup with $lookup_rows rows"
    psql_admin -v lookup="$lookup_rows" <<EOF
DROP TABLE IF EXISTS bench_insert;
CREATE TABLE bench_insert (id int4, t text, f8 float8);
GRANT SELECT, INSERT ON bench_insert TO PUBLIC;
DROP TABLE IF EXISTS bench_lookup;
CREATE TABLE bench_lookup (id int4 PRIMARY KEY, t text NOT NULL, f8 float8 NOT NULL);
INSERT INTO bench_lookup $param_rows_sql FROM generate_series(1, :lookup) AS g;
GRANT SELECT ON bench_lookup TO PUBLIC;
VACUUM (FREEZE, ANALYZE) bench_lookup;
EOF
    # The rows the point selects must return, summed by the server: the
    # k-th select asks for id (k * 7919) % lookup + 1 (bench_point_id).
    point_checksum=$(psql_admin -At -v count="$point_selects" -v lookup="$lookup_rows" <<'EOF'
SELECT 'rows:' || count(*) || ',i4:' || coalesce(sum(l.id), 0)
    || ',f8u:' || coalesce(sum(round(l.f8 * 1e6)::numeric), 0)
    || ',tlen:' || coalesce(sum(octet_length(l.t)), 0)
FROM generate_series(0, :count - 1) AS k
JOIN bench_lookup AS l ON l.id = (k::int8 * 7919) % :lookup + 1;
EOF
    )
    say "point selects, server-side checksum: $point_checksum"
fi

# The connect workload's PgBouncer: transaction pooling, SCRAM from the
# client (the same role and password the direct runs use), a free loopback
# port, at most two hours of life under timeout whatever happens to this
# script; stopped by stop_server.
pooler_port=""
if runs_group connect; then
    command -v pgbouncer >/dev/null || die "pgbouncer is not installed (cmake/install-deps.sh installs it)"
    rm -rf "$pooler"
    mkdir -p "$pooler"
    pooler_port=$((PGO_PORT + 1))
    while (exec 3<>"/dev/tcp/127.0.0.1/$pooler_port") 2>/dev/null; do
        pooler_port=$((pooler_port + 1))
    done
    cat >"$pooler/pgbouncer.ini" <<EOF
[databases]
$PGO_DATABASE = host=127.0.0.1 port=$PGO_PORT dbname=$PGO_DATABASE
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pooler_port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $pooler/users.txt
pool_mode = transaction
default_pool_size = 4
max_client_conn = 100
server_tls_sslmode = disable
logfile = $pooler/log
pidfile = $pooler/pid
EOF
    printf '"pgo_scram" "%s"\n' "$PGO_PASSWORD" >"$pooler/users.txt"
    as_owner=()
    if [ "$(id -u)" -eq 0 ]; then
        # pgbouncer refuses to run as root.
        chown -R postgres "$pooler"
        as_owner=(runuser -u postgres --)
    fi
    "${as_owner[@]}" setsid timeout 7200 pgbouncer "$pooler/pgbouncer.ini" \
        >"$pooler/out" 2>&1 </dev/null &
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$pooler_port") 2>/dev/null && break
        sleep 0.05
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$pooler_port") 2>/dev/null ||
        { cat "$pooler/log" >&2 || true; die "pgbouncer did not start"; }
    say "pgbouncer $(pgbouncer --version | head -n 1 | cut -d' ' -f2) on port $pooler_port (pool_mode=transaction)"
fi

odbc_common="Server=127.0.0.1;Port=$PGO_PORT;Database=$PGO_DATABASE;UID=pgo_scram;PWD={$PGO_PASSWORD};SSLMode=disable"
pgodbc_connstr="DRIVER={$pgodbc_lib};$odbc_common"
# psqlODBC: UseDeclareFetch=0 is its default (the whole result is read into
# memory before the first SQLFetch returns); every other option default.
psqlodbc_options="UseDeclareFetch=0"
psqlodbc_connstr="DRIVER={$psqlodbc_lib};$odbc_common;$psqlodbc_options"
libpq_conninfo="host=127.0.0.1 port=$PGO_PORT dbname=$PGO_DATABASE user=pgo_scram password=$PGO_PASSWORD sslmode=disable"
pooled_common="Server=127.0.0.1;Port=$pooler_port;Database=$PGO_DATABASE;UID=pgo_scram;PWD={$PGO_PASSWORD};SSLMode=disable"
pgodbc_pooled_connstr="DRIVER={$pgodbc_lib};$pooled_common;PoolerMode=transaction"
psqlodbc_pooled_connstr="DRIVER={$psqlodbc_lib};$pooled_common;$psqlodbc_options"
libpq_pooled_conninfo="host=127.0.0.1 port=$pooler_port dbname=$PGO_DATABASE user=pgo_scram password=$PGO_PASSWORD sslmode=disable"

# ---------------------------------------------------------------- runs
rm -rf "$results"
mkdir -p "$results"
table=$results/runs.tsv # client workload rep wall_ms cpu_ms maxrss_kb checksum
: >"$table"
failure_log=$results/failures.tsv # client workload rep reason
: >"$failure_log"
failures=0
mismatches=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# run_one <client> <workload> <rep> <command...>: one process, one RESULT.
# Sets last_checksum (empty when the run failed). A failed run's reason is
# the program's "FAILED <call>: <SQLSTATE> <message>" line, else its exit
# status and the last line of its stderr. A client and workload that timed
# out once are not run again (a hang would cost BENCH_TIMEOUT per run).
last_checksum=""
timed_out=" "
run_one() {
    local client=$1 workload=$2 rep=$3
    shift 3
    local log="$results/$client.$workload.$rep"
    local status=0
    last_checksum=""
    case "$timed_out" in
        *" $client/$workload "*)
            failures=$((failures + 1))
            say "SKIPPED: $client $workload run $rep: an earlier run timed out"
            printf '%s\t%s\t%s\tFAILED\t-\t-\t-\n' "$client" "$workload" "$rep" >>"$table"
            printf '%s\t%s\t%s\t%s\n' "$client" "$workload" "$rep" \
                "not run: an earlier run timed out" >>"$failure_log"
            return 0
            ;;
    esac
    timeout "$run_timeout" "$@" >"$log.out" 2>"$log.err" || status=$?
    local line
    line=$(grep '^RESULT ' "$log.out" || true)
    if [ $status -ne 0 ] || [ -z "$line" ]; then
        failures=$((failures + 1))
        local failed reason
        failed=$(grep -m1 '^FAILED ' "$log.out" || true)
        if [ "$status" = 124 ]; then
            reason="timed out after $run_timeout s (BENCH_TIMEOUT)"
            timed_out="$timed_out$client/$workload "
        elif [ -n "$failed" ]; then
            # "FAILED <call>: <rest>" -> "<rest> (<call>)"
            reason="${failed#FAILED }"
            reason="${reason#*: } (${reason%%: *})"
        elif [ "$status" -gt 128 ]; then
            reason="killed by signal $((status - 128)): $(grep -v '^[[:space:]]*$' "$log.err" | tail -n 1)"
        else
            reason="exit status $status: $(grep -v '^[[:space:]]*$' "$log.err" | tail -n 1)"
        fi
        say "FAILED: $client $workload (run $rep, exit status $status): $reason; its stderr:"
        sed 's/^/    /' "$log.err" >&2
        printf '%s\t%s\t%s\tFAILED\t-\t-\t-\n' "$client" "$workload" "$rep" >>"$table"
        printf '%s\t%s\t%s\t%s\n' "$client" "$workload" "$rep" "$reason" >>"$failure_log"
        return 0
    fi
    local wall cpu rss checksum
    wall=$(printf '%s\n' "$line" | sed -n 's/.* wall_ms=\([^ ]*\).*/\1/p')
    cpu=$(printf '%s\n' "$line" | sed -n 's/.* cpu_ms=\([^ ]*\).*/\1/p')
    rss=$(printf '%s\n' "$line" | sed -n 's/.* maxrss_kb=\([^ ]*\).*/\1/p')
    checksum=$(printf '%s\n' "$line" | sed -n 's/.* checksum=\([^ ]*\).*/\1/p')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$client" "$workload" "$rep" "$wall" "$cpu" "$rss" \
        "$checksum" >>"$table"
    last_checksum=$checksum
    if [ "$rep" = 1 ]; then
        grep '^INFO ' "$log.out" | sed "s/^INFO /bench: $client $workload: /" >&2 || true
    fi
    say "$client $workload run $rep: ${wall} ms, cpu ${cpu} ms, peak RSS ${rss} kB"
}

field() { printf '%s\n' "$1" | tr ',' '\n' | sed -n "s/^$2://p"; }

# run_insert <client> <workload> <rep> <rows> <command...>: empties
# bench_insert, runs, then checks what the server stored against what the
# client says it sent (count, sum of ids, sum of float8 in millionths, sum
# of text lengths) and every row against the generator in SQL (EXCEPT ALL
# plus equal counts: the same multiset of rows, floats compared exactly).
# The number of transaction ids among the rows is shown once: one per
# transaction, plus one per subtransaction (a driver's savepoints).
run_insert() {
    local client=$1 workload=$2 rep=$3 expected_rows=$4
    shift 4
    psql_admin -c 'TRUNCATE bench_insert'
    run_one "$client" "$workload" "$rep" "$@"
    [ -n "$last_checksum" ] || return 0
    local stored name want got
    stored=$(psql_admin -At -v n="$expected_rows" <<EOF
SELECT 'rows:' || count(*)
    || ',i4:' || coalesce(sum(id), 0)
    || ',f8u:' || coalesce(sum(round(f8 * 1e6)::numeric), 0)
    || ',tlen:' || coalesce(sum(octet_length(t)), 0)
    || ',xids:' || count(DISTINCT xmin::text)
    || ',differing:' || (SELECT count(*) FROM (
           SELECT id, t, f8 FROM bench_insert
           EXCEPT ALL
           $param_rows_sql FROM generate_series(1, :n) AS g) AS d)
FROM bench_insert;
EOF
    )
    for name in rows i4 f8u tlen; do
        want=$(field "$last_checksum" "$name")
        got=$(field "$stored" "$name")
        if [ "$want" != "$got" ]; then
            mismatches=$((mismatches + 1))
            say "CHECKSUM MISMATCH: $client $workload run $rep: field $name is $got in the table, the client sent $want"
        fi
    done
    if [ "$(field "$stored" rows)" != "$expected_rows" ] || [ "$(field "$stored" differing)" != 0 ]; then
        mismatches=$((mismatches + 1))
        say "DATA MISMATCH: $client $workload run $rep: the table holds $(field "$stored" rows) rows, $(field "$stored" differing) of them not the $expected_rows generated"
    fi
    if [ "$rep" = 1 ]; then
        say "$client $workload: the rows carry $(field "$stored" xids) transaction id(s)"
    fi
}

# run_fetch_workloads <rep> and run_param_workloads <rep>: one repetition.
# Clients alternate inside each repetition so that drift on the machine
# spreads over all of them.
run_fetch_workloads() {
    local rep=$1
    if wants pgodbc; then
        run_one pgodbc bound "$rep" "$bench_bin/odbc_bench" "$pgodbc_connstr" bound
    fi
    if wants psqlodbc; then
        run_one psqlodbc bound "$rep" "$bench_bin/odbc_bench" "$psqlodbc_connstr" bound
    fi
    if wants libpq; then
        run_one libpq-exec fetch "$rep" "$bench_bin/libpq_bench" "$libpq_conninfo" fetch exec
        run_one libpq-single fetch "$rep" "$bench_bin/libpq_bench" "$libpq_conninfo" fetch single
    fi
    if wants pgodbc; then
        run_one pgodbc getdata "$rep" "$bench_bin/odbc_bench" "$pgodbc_connstr" getdata
    fi
    if wants psqlodbc; then
        run_one psqlodbc getdata "$rep" "$bench_bin/odbc_bench" "$psqlodbc_connstr" getdata
    fi
    if wants pgodbc; then
        run_one pgodbc roundtrip "$rep" "$bench_bin/odbc_bench" "$pgodbc_connstr" roundtrip "$roundtrips"
    fi
    if wants psqlodbc; then
        run_one psqlodbc roundtrip "$rep" "$bench_bin/odbc_bench" "$psqlodbc_connstr" roundtrip "$roundtrips"
    fi
    if wants libpq; then
        run_one libpq-exec roundtrip "$rep" "$bench_bin/libpq_bench" "$libpq_conninfo" roundtrip exec "$roundtrips"
        run_one libpq-single roundtrip "$rep" "$bench_bin/libpq_bench" "$libpq_conninfo" roundtrip single "$roundtrips"
    fi
}

run_param_workloads() {
    local rep=$1 workload rows mode
    for workload in insert_array insert_row; do
        rows=$insert_rows
        [ "$workload" = insert_row ] && rows=$row_inserts
        if wants pgodbc; then
            run_insert pgodbc "$workload" "$rep" "$rows" \
                "$bench_bin/odbc_bench" "$pgodbc_connstr" "$workload" "$rows" "$paramset_size"
        fi
        if wants psqlodbc; then
            run_insert psqlodbc "$workload" "$rep" "$rows" \
                "$bench_bin/odbc_bench" "$psqlodbc_connstr" "$workload" "$rows" "$paramset_size"
        fi
        if wants libpq; then
            for mode in prepared pipeline copy; do
                # One round trip per row over the array workload's rows
                # takes long: BENCH_SLOW_REPEAT runs only.
                if [ "$workload" = insert_array ] && [ "$mode" = prepared ] &&
                    [ "$rep" -gt "$slow_repeat" ]; then
                    continue
                fi
                run_insert "libpq-$mode" "$workload" "$rep" "$rows" \
                    "$bench_bin/libpq_bench" "$libpq_conninfo" insert "$mode" "$rows" "$paramset_size"
            done
        fi
    done
    if wants pgodbc; then
        run_one pgodbc point_select "$rep" "$bench_bin/odbc_bench" "$pgodbc_connstr" point_select \
            "$point_selects" "$lookup_rows"
    fi
    if wants psqlodbc; then
        run_one psqlodbc point_select "$rep" "$bench_bin/odbc_bench" "$psqlodbc_connstr" point_select \
            "$point_selects" "$lookup_rows"
    fi
    if wants libpq; then
        run_one libpq-prepared point_select "$rep" "$bench_bin/libpq_bench" "$libpq_conninfo" \
            point_select prepared "$point_selects" "$lookup_rows"
    fi
}

# The python workload: python_bench.py through pyodbc (each ODBC driver)
# and psycopg2 (libpq), fetchmany until empty.
run_python_workloads() {
    local rep=$1
    if wants pgodbc; then
        run_one pyodbc-pgodbc python "$rep" "$python" tests/bench/python_bench.py pyodbc \
            "$pgodbc_connstr" "$fetchmany"
    fi
    if wants psqlodbc; then
        run_one pyodbc-psqlodbc python "$rep" "$python" tests/bench/python_bench.py pyodbc \
            "$psqlodbc_connstr" "$fetchmany"
    fi
    if wants libpq; then
        run_one psycopg2 python "$rep" "$python" tests/bench/python_bench.py psycopg2 \
            "$libpq_conninfo" "$fetchmany"
    fi
}

# The connect workload, straight to the server and through the pooler.
run_connect_workloads() {
    local rep=$1
    if wants pgodbc; then
        run_one pgodbc connect "$rep" "$bench_bin/odbc_bench" "$pgodbc_connstr" connect "$connects"
        run_one pgodbc connect_pooled "$rep" "$bench_bin/odbc_bench" "$pgodbc_pooled_connstr" \
            connect "$connects"
    fi
    if wants psqlodbc; then
        run_one psqlodbc connect "$rep" "$bench_bin/odbc_bench" "$psqlodbc_connstr" connect "$connects"
        run_one psqlodbc connect_pooled "$rep" "$bench_bin/odbc_bench" "$psqlodbc_pooled_connstr" \
            connect "$connects"
    fi
    if wants libpq; then
        run_one libpq-exec connect "$rep" "$bench_bin/libpq_bench" "$libpq_conninfo" connect exec \
            "$connects"
        run_one libpq-exec connect_pooled "$rep" "$bench_bin/libpq_bench" "$libpq_pooled_conninfo" \
            connect exec "$connects"
    fi
}

for rep in $(seq 1 "$repeat"); do
    if runs_group connect; then
        run_connect_workloads "$rep"
    fi
    if runs_group fetch; then
        run_fetch_workloads "$rep"
    fi
    if runs_group python; then
        run_python_workloads "$rep"
    fi
    if runs_group params; then
        run_param_workloads "$rep"
    fi
done

# ---------------------------------------------------------------- checksums
# Fetch workloads must match the server's aggregates field by field (the
# text hash, which the server cannot compute, must match across clients);
# round trips must count exactly $roundtrips ones. Point selects must match
# the server's sums over the same ids, and their text hash must agree
# across clients. (Inserts were checked after each run, in run_insert.)
roundtrip_expected="rows:$roundtrips,i4:$roundtrips,i8:0,f8u:0,tlen:0,thash:0000000000000000,num:0,ts:0,tsns:0,bool:0,nulls:0"
connect_expected="rows:$connects,i4:$connects,i8:0,f8u:0,tlen:0,thash:0000000000000000,num:0,ts:0,tsns:0,bool:0,nulls:0"
# libpq's text hash is the reference when it ran, as for the fetch.
point_hash=$(awk -F'\t' '$1 == "libpq-prepared" && $2 == "point_select" && $4 != "FAILED" { print $7; exit }' \
    "$table" | tr ',' '\n' | sed -n 's/^thash://p')
point_hash_from="libpq-prepared"
# libpq's text hash is the reference when libpq ran: it is the ground truth.
reference_hash=$(awk -F'\t' '$1 ~ /^libpq/ && $2 == "fetch" && $4 != "FAILED" { print $7; exit }' "$table" |
    tr ',' '\n' | sed -n 's/^thash://p')
reference_from="libpq"
python_checksum=""
python_checksum_from=""
while IFS=$'\t' read -r client workload rep wall _ _ checksum; do
    [ "$wall" = FAILED ] && continue
    case "$workload" in
        insert_array | insert_row) continue ;;
        connect | connect_pooled)
            if [ "$checksum" != "$connect_expected" ]; then
                mismatches=$((mismatches + 1))
                say "CHECKSUM MISMATCH: $client $workload run $rep: $checksum (expected $connect_expected)"
            fi
            continue
            ;;
        python)
            # Its own checksum of the Python values: the server's fields it
            # shares, and equal across the Python clients.
            for name in rows i4 f8u tlen; do
                want=$(field "$server_checksum" "$name")
                got=$(field "$checksum" "$name")
                if [ "$want" != "$got" ]; then
                    mismatches=$((mismatches + 1))
                    say "CHECKSUM MISMATCH: $client python run $rep: field $name is $got, the server computes $want"
                fi
            done
            if [ -z "$python_checksum" ]; then
                python_checksum=$checksum
                python_checksum_from="$client run $rep"
            elif [ "$checksum" != "$python_checksum" ]; then
                mismatches=$((mismatches + 1))
                say "CHECKSUM MISMATCH: $client python run $rep: $checksum, $python_checksum_from has $python_checksum"
            fi
            continue
            ;;
        point_select)
            for name in rows i4 f8u tlen; do
                want=$(field "$point_checksum" "$name")
                got=$(field "$checksum" "$name")
                if [ "$want" != "$got" ]; then
                    mismatches=$((mismatches + 1))
                    say "CHECKSUM MISMATCH: $client point_select run $rep: field $name is $got, the server computes $want"
                fi
            done
            hash=$(field "$checksum" thash)
            if [ -z "$point_hash" ]; then
                point_hash=$hash
                point_hash_from="$client run $rep"
            elif [ "$hash" != "$point_hash" ]; then
                mismatches=$((mismatches + 1))
                say "CHECKSUM MISMATCH: $client point_select run $rep: text hash $hash, $point_hash_from has $point_hash"
            fi
            continue
            ;;
    esac
    if [ "$workload" = roundtrip ]; then
        if [ "$checksum" != "$roundtrip_expected" ]; then
            mismatches=$((mismatches + 1))
            say "CHECKSUM MISMATCH: $client roundtrip run $rep: $checksum (expected $roundtrip_expected)"
        fi
        continue
    fi
    for name in rows i4 i8 f8u tlen num ts tsns bool nulls; do
        want=$(field "$server_checksum" "$name")
        got=$(field "$checksum" "$name")
        if [ "$want" != "$got" ]; then
            mismatches=$((mismatches + 1))
            say "CHECKSUM MISMATCH: $client $workload run $rep: field $name is $got, the server computes $want"
        fi
    done
    hash=$(field "$checksum" thash)
    if [ -z "$reference_hash" ]; then
        reference_hash=$hash
        reference_from="$client $workload run $rep"
    elif [ "$hash" != "$reference_hash" ]; then
        mismatches=$((mismatches + 1))
        say "CHECKSUM MISMATCH: $client $workload run $rep: text hash $hash, $reference_from has $reference_hash"
    fi
done <"$table"

# ---------------------------------------------------------------- report
# median <client> <workload> <column: 4 wall, 5 cpu, 6 rss>
median() {
    awk -F'\t' -v c="$1" -v w="$2" -v k="$3" '$1 == c && $2 == w && $4 != "FAILED" { print $k }' \
        "$table" | sort -g | awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "-"; exit }
            if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'
}
fmt() { awk -v v="$1" 'BEGIN { if (v == "-") print "-"; else printf "%.1f", v }'; }
mb() { awk -v v="$1" 'BEGIN { if (v == "-") print "-"; else printf "%.1f", v / 1024 }'; }

printf '\n'
printf 'pgodbc   %s (source: %s)\n' "$pgodbc_lib" "${pgodbc_source:-given as PGODBC_LIB}"
printf 'psqlODBC %s (%s; other options default; same driver manager)\n' "$psqlodbc_lib" "$psqlodbc_options"
printf 'libpq    %s (text format; exec = PQexec holds the whole result, 1row = PQsetSingleRowMode streams)\n' \
    "$(pkg-config --modversion libpq 2>/dev/null || echo '?')"
printf 'workloads: %s; fetch rows %s, round trips %s; %s runs each, medians; TCP 127.0.0.1 without TLS, SCRAM role\n' \
    "$workloads" "$rows" "$roundtrips" "$repeat"
# Client and server share the machine: other load shows up in every figure.
printf 'machine: %s CPUs, load average %s before the runs, %s after\n' \
    "$(nproc 2>/dev/null || echo '?')" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if runs_group fetch; then
    if [ -f "$results/pgodbc.bound.1.out" ]; then
        grep -h 'row_array_size_effective' "$results/pgodbc.bound.1.out" | sed 's/^INFO /pgodbc bound: /' || true
    fi
    if [ -f "$results/psqlodbc.bound.1.out" ]; then
        grep -h 'row_array_size_effective' "$results/psqlodbc.bound.1.out" | sed 's/^INFO /psqlODBC bound: /' || true
    fi
    printf '\nwall time, ms (median)\n'
    printf '%-10s %10s %10s %11s %11s %9s %9s %9s   %s\n' workload pgodbc psqlODBC libpq-exec \
        libpq-1row pg/exec pg/1row psql/pg targets
    for workload in bound getdata roundtrip; do
        libpq_workload=fetch
        [ "$workload" = roundtrip ] && libpq_workload=roundtrip
        p=$(median pgodbc "$workload" 4)
        s=$(median psqlodbc "$workload" 4)
        le=$(median libpq-exec "$libpq_workload" 4)
        l1=$(median libpq-single "$libpq_workload" 4)
        case "$workload" in
            bound) target="pgodbc <= 1.15x libpq, psqlODBC/pgodbc >= 2.5" ;;
            getdata) target="pgodbc <= 1.50x libpq 1row" ;;
            roundtrip) target="pgodbc <= 1.10x libpq" ;;
        esac
        printf '%-10s %10s %10s %11s %11s %9s %9s %9s   %s\n' "$workload" "$(fmt "$p")" "$(fmt "$s")" \
            "$(fmt "$le")" "$(fmt "$l1")" "$(ratio "$p" "$le")" "$(ratio "$p" "$l1")" \
            "$(ratio "$s" "$p")" "$target"
    done
    printf '\nclient CPU time, ms (median; the server runs on the same machine)\n'
    printf '%-10s %10s %10s %11s %11s\n' workload pgodbc psqlODBC libpq-exec libpq-1row
    for workload in bound getdata roundtrip; do
        libpq_workload=fetch
        [ "$workload" = roundtrip ] && libpq_workload=roundtrip
        printf '%-10s %10s %10s %11s %11s\n' "$workload" "$(fmt "$(median pgodbc "$workload" 5)")" \
            "$(fmt "$(median psqlodbc "$workload" 5)")" "$(fmt "$(median libpq-exec "$libpq_workload" 5)")" \
            "$(fmt "$(median libpq-single "$libpq_workload" 5)")"
    done
    printf '\npeak RSS of the whole process, MB (median)\n'
    printf '%-10s %10s %10s %11s %11s   %s\n' workload pgodbc psqlODBC libpq-exec libpq-1row target
    for workload in bound getdata roundtrip; do
        libpq_workload=fetch
        [ "$workload" = roundtrip ] && libpq_workload=roundtrip
        target=""
        [ "$workload" = bound ] && target="pgodbc < 32 MB"
        printf '%-10s %10s %10s %11s %11s   %s\n' "$workload" "$(mb "$(median pgodbc "$workload" 6)")" \
            "$(mb "$(median psqlodbc "$workload" 6)")" "$(mb "$(median libpq-exec "$libpq_workload" 6)")" \
            "$(mb "$(median libpq-single "$libpq_workload" 6)")" "$target"
    done
fi
# failed_cell <client> <workload>: "failed" when every run of it failed,
# "-" when it did not run.
failed_cell() {
    if awk -F'\t' -v c="$1" -v w="$2" '$1 == c && $2 == w { found = 1 } END { exit !found }' \
        "$failure_log"; then
        printf 'failed'
    else
        printf -- '-'
    fi
}
# rate_cell <client> <workload> <rows>: rows per second from the median.
rate_cell() {
    local m
    m=$(median "$1" "$2" 4)
    if [ "$m" = "-" ]; then failed_cell "$1" "$2"; return; fi
    awk -v ms="$m" -v n="$3" 'BEGIN { if (ms == 0) print "-"; else printf "%.0f", n / (ms / 1000) }'
}
# latency_cell <client> <workload> <count>: microseconds per statement.
latency_cell() {
    local m
    m=$(median "$1" "$2" 4)
    if [ "$m" = "-" ]; then failed_cell "$1" "$2"; return; fi
    awk -v ms="$m" -v n="$3" 'BEGIN { printf "%.1f", ms * 1000 / n }'
}
# ms_cell <client> <workload> <column: 4 wall, 5 cpu>
ms_cell() {
    local m
    m=$(median "$1" "$2" "$3")
    if [ "$m" = "-" ]; then failed_cell "$1" "$2"; return; fi
    fmt "$m"
}
# target_line <label> <numerator client> <denominator client> <workload> <target>
# The ratio of median wall times (time ratio = inverse rate ratio).
target_line() {
    local label=$1 top=$2 bottom=$3 workload=$4 target=$5 invert=${6:-no} a b value
    a=$(median "$top" "$workload" 4)
    b=$(median "$bottom" "$workload" 4)
    if [ "$a" = "-" ]; then
        value=$(failed_cell "$top" "$workload")
    elif [ "$b" = "-" ]; then
        value=$(failed_cell "$bottom" "$workload")
    elif [ "$invert" = invert ]; then
        value=$(ratio "$b" "$a")
    else
        value=$(ratio "$a" "$b")
    fi
    printf '  %-52s %9s   %s\n' "$label" "$value" "$target"
}

if runs_group params; then
    param_clients="pgodbc psqlodbc libpq-prepared libpq-pipeline libpq-copy"
    printf '\nparameter workloads: rows/s, point select in us per select (from the median wall time)\n'
    printf '%-13s %7s %10s %10s %10s %10s %10s\n' workload rows pgodbc psqlODBC libpq-prep \
        libpq-pipe COPY
    for workload in insert_array insert_row; do
        n=$insert_rows
        [ "$workload" = insert_row ] && n=$row_inserts
        printf '%-13s %7s' "$workload" "$n"
        for client in $param_clients; do
            printf ' %10s' "$(rate_cell "$client" "$workload" "$n")"
        done
        printf '\n'
    done
    printf '%-13s %7s' point_select "$point_selects"
    for client in pgodbc psqlodbc libpq-prepared; do
        printf ' %10s' "$(latency_cell "$client" point_select "$point_selects")"
    done
    printf ' %10s %10s\n' '' ''
    for kind in 4 5; do
        if [ "$kind" = 4 ]; then
            printf '\nparameter workloads: wall time, ms (median)\n'
        else
            printf '\nparameter workloads: client CPU time, ms (median; the server shares the machine)\n'
        fi
        printf '%-13s %7s %10s %10s %10s %10s %10s\n' workload rows pgodbc psqlODBC libpq-prep \
            libpq-pipe COPY
        for workload in insert_array insert_row point_select; do
            n=$insert_rows
            [ "$workload" = insert_row ] && n=$row_inserts
            [ "$workload" = point_select ] && n=$point_selects
            printf '%-13s %7s' "$workload" "$n"
            for client in $param_clients; do
                printf ' %10s' "$(ms_cell "$client" "$workload" "$kind")"
            done
            printf '\n'
        done
    done
    printf '\n%s runs each; libpq-prep insert_array (one round trip per row): %s run(s), BENCH_SLOW_REPEAT\n' \
        "$repeat" "$(( slow_repeat < repeat ? slow_repeat : repeat ))"
    printf 'arrays of %s rows (pgodbc and psqlODBC: SQL_ATTR_PARAMSET_SIZE; libpq-pipe: a Sync every %s rows)\n' \
        "$paramset_size" "$paramset_size"
    for client in pgodbc psqlodbc; do
        if [ -f "$results/$client.insert_array.1.out" ]; then
            grep -h 'paramset_size_effective' "$results/$client.insert_array.1.out" |
                sed "s/^INFO /$client insert_array: /" || true
        fi
    done
    printf '\n%-54s %9s   %s\n' "ratios against the issue's targets (median wall times)" measured target
    target_line "insert_array rows/s, pgodbc / psqlODBC" pgodbc psqlodbc insert_array ">= 10" invert
    target_line "insert_array time, pgodbc / COPY" pgodbc libpq-copy insert_array "<= 2.00"
    target_line "insert_row rows/s, pgodbc / psqlODBC" pgodbc psqlodbc insert_row ">= 1.50" invert
    target_line "point_select latency, pgodbc / libpq PQexecPrepared" pgodbc libpq-prepared point_select "<= 1.10"
    printf 'for reference\n'
    target_line "insert_array time, pgodbc / libpq pipeline" pgodbc libpq-pipeline insert_array ""
    target_line "insert_row time, pgodbc / libpq PQexecPrepared" pgodbc libpq-prepared insert_row ""
    target_line "insert_array time, psqlODBC / COPY" psqlodbc libpq-copy insert_array ""
    target_line "insert_array time, psqlODBC / libpq pipeline" psqlodbc libpq-pipeline insert_array ""
    target_line "insert_row time, psqlODBC / libpq PQexecPrepared" psqlodbc libpq-prepared insert_row ""
    target_line "point_select latency, psqlODBC / libpq PQexecPrepared" psqlodbc libpq-prepared point_select ""
fi

if runs_group connect; then
    printf '\nconnect workload: %s x (connect, SELECT 1, disconnect); wall time, ms (median)\n' "$connects"
    printf '%-15s %10s %10s %10s %12s %12s   %s\n' path pgodbc psqlODBC libpq pgodbc/libpq \
        psqlODBC/libpq target
    for workload in connect connect_pooled; do
        path=direct
        [ "$workload" = connect_pooled ] && path="via pgbouncer"
        p=$(median pgodbc "$workload" 4)
        q=$(median psqlodbc "$workload" 4)
        l=$(median libpq-exec "$workload" 4)
        printf '%-15s %10s %10s %10s %12s %12s   %s\n' "$path" "$(fmt "$p")" "$(fmt "$q")" \
            "$(fmt "$l")" "$(ratio "$p" "$l")" "$(ratio "$q" "$l")" "pgodbc <= 1.00x libpq"
    done
    printf 'client CPU time, ms (median)\n'
    for workload in connect connect_pooled; do
        path=direct
        [ "$workload" = connect_pooled ] && path="via pgbouncer"
        printf '%-15s %10s %10s %10s\n' "$path" "$(fmt "$(median pgodbc "$workload" 5)")" \
            "$(fmt "$(median psqlodbc "$workload" 5)")" "$(fmt "$(median libpq-exec "$workload" 5)")"
    done
    printf 'pgbouncer %s, pool_mode=transaction, auth_type=scram-sha-256; pgodbc with PoolerMode=transaction\n' \
        "$(pgbouncer --version | head -n 1 | cut -d' ' -f2)"
fi

if runs_group python; then
    printf '\npython workload: SELECT of bench_rows, cursor.fetchmany(%s) until empty, %s\n' \
        "$fetchmany" "$($python --version 2>&1)"
    printf '%-18s %10s %10s %12s\n' client wall_ms cpu_ms peak_RSS_MB
    for client in pyodbc-pgodbc pyodbc-psqlodbc psycopg2; do
        printf '%-18s %10s %10s %12s\n' "$client" "$(ms_cell "$client" python 4)" \
            "$(ms_cell "$client" python 5)" "$(mb "$(median "$client" python 6)")"
    done
    printf 'targets: pyodbc-pgodbc time <= psycopg2 (measured %s), peak RSS <= psycopg2 / 10 (measured %s)\n' \
        "$(ratio "$(median pyodbc-pgodbc python 4)" "$(median psycopg2 python 4)")" \
        "$(ratio "$(median pyodbc-pgodbc python 6)" "$(median psycopg2 python 6)")"
fi

if [ -s "$failure_log" ]; then
    printf '\nfailures (client workload: reason, failed runs)\n'
    awk -F'\t' '{ key = $1 " " $2 ": failed: " $4; if (!(key in n)) order[++k] = key; n[key]++ }
        END { for (i = 1; i <= k; i++) printf "  %s (%d run%s)\n", order[i], n[order[i]], (n[order[i]] > 1 ? "s" : "") }' \
        "$failure_log"
fi
printf '\nraw runs: %s\n' "$table"

status=0
if [ "$failures" -gt 0 ]; then
    printf '\n*** %d RUN(S) FAILED: see the messages above and %s/*.err ***\n' "$failures" "$results"
    status=1
fi
if [ "$mismatches" -gt 0 ]; then
    printf '\n*** CHECKSUM MISMATCH (%d): a client returned or stored different values; see above ***\n' "$mismatches"
    status=1
else
    printf 'checksums: every successful run agrees with the server and with the other clients\n'
fi
exit $status
