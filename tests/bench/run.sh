#!/usr/bin/env bash
# run.sh: the fetch-path benchmark. On one throwaway server, in one run, it
# compares pgodbc, psqlODBC (Debian odbc-postgresql, through the same
# unixODBC driver manager) and libpq on three workloads:
#   bound      N rows x (int4, int8, float8, text, numeric(12,2), timestamp,
#              bool), SQLBindCol on 1000-row column-wise arrays
#   getdata    the same rows, SQLFetch + SQLGetData row by row
#   roundtrip  20,000 x SELECT 1 (SQLExecDirect, SQLFetch, SQLGetData,
#              SQLCloseCursor)
# libpq runs "fetch" (the baseline for both fetch workloads) and
# "roundtrip", each with PQexec and with single-row mode.
# Every run's checksum of the fetched values must agree across clients and
# with aggregates computed by the server: a mismatch fails the script loudly.
# Times are printed, never asserted.
#
#   bash tests/bench/run.sh
#
# Environment:
#   BENCH_ROWS        rows in the table (default 1000000)
#   BENCH_REPEAT      runs per client and workload; medians are printed (default 5)
#   BENCH_ROUNDTRIPS  SELECT 1 round trips (default 20000)
#   BENCH_CLIENTS     subset of "pgodbc psqlodbc libpq" (default all three)
#   BENCH_BUILD_DIR   build directory (default build-bench)
#   PGODBC_LIB        an already built libpgodbc.so (skips the CMake build)
#   PSQLODBC_LIB      psqlODBC driver (default the Debian package's psqlodbcw.so)
#   BENCH_TIMEOUT     seconds allowed per run (default 900)
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
clients=${BENCH_CLIENTS:-pgodbc psqlodbc libpq}
build=${BENCH_BUILD_DIR:-build-bench}
psqlodbc_lib=${PSQLODBC_LIB:-/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so}
run_timeout=${BENCH_TIMEOUT:-900}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for number in "$rows" "$repeat" "$roundtrips" "$run_timeout"; do
    case "$number" in
        '' | *[!0-9]*) die "BENCH_ROWS, BENCH_REPEAT, BENCH_ROUNDTRIPS and BENCH_TIMEOUT must be positive integers (got '$number')" ;;
    esac
    [ "$number" -gt 0 ] || die "BENCH_ROWS, BENCH_REPEAT, BENCH_ROUNDTRIPS and BENCH_TIMEOUT must be positive"
done

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
fi

# ---------------------------------------------------------------- build
mkdir -p "$build"
build=$(cd "$build" && pwd)
if [ -n "${PGODBC_LIB:-}" ]; then
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
[ -f "$pgodbc_lib" ] || die "no pgodbc library at $pgodbc_lib"
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
stop_server() {
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

odbc_common="Server=127.0.0.1;Port=$PGO_PORT;Database=$PGO_DATABASE;UID=pgo_scram;PWD={$PGO_PASSWORD};SSLMode=disable"
pgodbc_connstr="DRIVER={$pgodbc_lib};$odbc_common"
# psqlODBC: UseDeclareFetch=0 is its default (the whole result is read into
# memory before the first SQLFetch returns); every other option default.
psqlodbc_options="UseDeclareFetch=0"
psqlodbc_connstr="DRIVER={$psqlodbc_lib};$odbc_common;$psqlodbc_options"
libpq_conninfo="host=127.0.0.1 port=$PGO_PORT dbname=$PGO_DATABASE user=pgo_scram password=$PGO_PASSWORD sslmode=disable"

# ---------------------------------------------------------------- runs
rm -rf "$results"
mkdir -p "$results"
table=$results/runs.tsv # client workload rep wall_ms cpu_ms maxrss_kb checksum
: >"$table"
failures=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# run_one <client> <workload> <rep> <command...>: one process, one RESULT.
run_one() {
    local client=$1 workload=$2 rep=$3
    shift 3
    local log="$results/$client.$workload.$rep"
    local status=0
    timeout "$run_timeout" "$@" >"$log.out" 2>"$log.err" || status=$?
    local line
    line=$(grep '^RESULT ' "$log.out" || true)
    if [ $status -ne 0 ] || [ -z "$line" ]; then
        failures=$((failures + 1))
        say "FAILED: $client $workload (run $rep, exit status $status); its stderr:"
        sed 's/^/    /' "$log.err" >&2
        printf '%s\t%s\t%s\tFAILED\t-\t-\t-\n' "$client" "$workload" "$rep" >>"$table"
        return 0
    fi
    local wall cpu rss checksum
    wall=$(printf '%s\n' "$line" | sed -n 's/.* wall_ms=\([^ ]*\).*/\1/p')
    cpu=$(printf '%s\n' "$line" | sed -n 's/.* cpu_ms=\([^ ]*\).*/\1/p')
    rss=$(printf '%s\n' "$line" | sed -n 's/.* maxrss_kb=\([^ ]*\).*/\1/p')
    checksum=$(printf '%s\n' "$line" | sed -n 's/.* checksum=\([^ ]*\).*/\1/p')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$client" "$workload" "$rep" "$wall" "$cpu" "$rss" \
        "$checksum" >>"$table"
    if [ "$rep" = 1 ]; then
        grep '^INFO ' "$log.out" | sed "s/^INFO /bench: $client $workload: /" >&2 || true
    fi
    say "$client $workload run $rep: ${wall} ms, cpu ${cpu} ms, peak RSS ${rss} kB"
}

wants() { case " $clients " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# Clients alternate inside each repetition so that drift on the machine
# spreads over all of them.
for rep in $(seq 1 "$repeat"); do
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
done

# ---------------------------------------------------------------- checksums
# Fetch workloads must match the server's aggregates field by field (the
# text hash, which the server cannot compute, must match across clients);
# round trips must count exactly $roundtrips ones.
mismatches=0
roundtrip_expected="rows:$roundtrips,i4:$roundtrips,i8:0,f8u:0,tlen:0,thash:0000000000000000,num:0,ts:0,tsns:0,bool:0,nulls:0"
field() { printf '%s\n' "$1" | tr ',' '\n' | sed -n "s/^$2://p"; }
# libpq's text hash is the reference when libpq ran: it is the ground truth.
reference_hash=$(awk -F'\t' '$1 ~ /^libpq/ && $2 == "fetch" && $4 != "FAILED" { print $7; exit }' "$table" |
    tr ',' '\n' | sed -n 's/^thash://p')
reference_from="libpq"
while IFS=$'\t' read -r client workload rep wall _ _ checksum; do
    [ "$wall" = FAILED ] && continue
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
printf 'rows %s, round trips %s, %s runs each, medians; TCP 127.0.0.1 without TLS, SCRAM role\n' \
    "$rows" "$roundtrips" "$repeat"
# Client and server share the machine: other load shows up in every figure.
printf 'machine: %s CPUs, load average %s before the runs, %s after\n' \
    "$(nproc 2>/dev/null || echo '?')" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
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
        getdata) target="(none in the issue)" ;;
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
printf '\nraw runs: %s\n' "$table"

status=0
if [ "$failures" -gt 0 ]; then
    printf '\n*** %d RUN(S) FAILED: see the messages above and %s/*.err ***\n' "$failures" "$results"
    status=1
fi
if [ "$mismatches" -gt 0 ]; then
    printf '\n*** CHECKSUM MISMATCH (%d): a client returned different values; see above ***\n' "$mismatches"
    status=1
else
    printf 'checksums: every successful run agrees with the server and with the other clients\n'
fi
exit $status
