#!/usr/bin/env bash
# try.sh: THE quick-start command. Installs what is missing, builds the
# driver (Release), registers it and a DSN [pgo_try] in a private
# ODBCSYSINI (./build/odbc, nothing system-wide), and runs
#   echo "SELECT version()" | isql -v pgo_try
# against a throwaway PostgreSQL (tests/harness/pg_harness.sh), stopped
# again on the way out. To try your own server instead, give either
#   PGODBC_SERVER='Server=db.example.com;Port=5432;UID=me;PWD=secret;Database=postgres'
# (keywords as in README.md) or libpq's PGHOST (with PGPORT, PGUSER,
# PGPASSWORD, PGDATABASE, PGSSLMODE as needed).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash cmake/install-deps.sh

build=${PGO_BUILD_DIR:-build}
mkdir -p "$build"
log="$build/try-build.log"
echo "try: building the driver in $build (log: $log)"
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release &&
       cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target pgodbc; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "try: the build failed; the whole log is $log" >&2
    exit 1
fi
driver="$root/$build/driver/libpgodbc.so"
odbcdir="$root/$build/odbc"
bash odbcinst/register.sh --private "$odbcdir" "$driver"

server_dir="$root/$build/try-pg"
started_server=0
cleanup() {
    if [ $started_server -eq 1 ]; then
        bash tests/harness/pg_harness.sh stop "$server_dir" || true
    fi
}
trap cleanup EXIT

# "A=1;B={x;y}" -> one "A = 1" line per pair; ';' inside braces stays.
split_pairs() {
    awk -v text="$1" 'BEGIN {
        depth = 0; pair = ""
        for (i = 1; i <= length(text); i++) {
            c = substr(text, i, 1)
            if (c == "{") depth++
            if (c == "}" && depth > 0) depth--
            if (c == ";" && depth == 0) { emit(pair); pair = ""; continue }
            pair = pair c
        }
        emit(pair)
    }
    function emit(p,   at) {
        if (p ~ /^[[:space:]]*$/) return
        at = index(p, "=")
        print substr(p, 1, at - 1) " = " substr(p, at + 1)
    }'
}

# The DSN's keyword lines.
if [ -n "${PGODBC_SERVER:-}" ]; then
    keywords=$(split_pairs "$PGODBC_SERVER")
    where="PGODBC_SERVER"
elif [ -n "${PGHOST:-}" ]; then
    keywords="Server = $PGHOST
Port = ${PGPORT:-5432}
UID = ${PGUSER:-$(id -un)}"
    [ -n "${PGPASSWORD:-}" ] && keywords="$keywords
PWD = $PGPASSWORD"
    [ -n "${PGDATABASE:-}" ] && keywords="$keywords
Database = $PGDATABASE"
    [ -n "${PGSSLMODE:-}" ] && keywords="$keywords
SSLMode = $PGSSLMODE"
    where="PGHOST=$PGHOST"
else
    started_server=1
    bash tests/harness/pg_harness.sh start "$server_dir" "$driver"
    # shellcheck disable=SC1091
    . "$server_dir/env"
    # SCRAM over TLS, with the certificate checked against the name.
    keywords="Server = localhost
Port = $PGO_PORT
Database = pgo_db
UID = pgo_scram
PWD = $PGO_PASSWORD
SSLMode = verify-full
SSLRootCert = $PGO_CA
ApplicationName = pgodbc try.sh"
    where="a throwaway PostgreSQL on port $PGO_PORT"
fi

{
    echo "[pgo_try]"
    echo "Description = pgodbc quick start ($where)"
    echo "Driver = pgodbc"
    printf '%s\n' "$keywords"
} >"$odbcdir/odbc.ini"
chmod 0600 "$odbcdir/odbc.ini"

echo
echo "try: DSN [pgo_try] in $odbcdir/odbc.ini, server: $where"
echo "try: echo \"SELECT version()\" | ODBCSYSINI=$odbcdir isql -v pgo_try"
echo
echo "SELECT version()" | ODBCSYSINI="$odbcdir" isql -v -b pgo_try
echo
echo "try: done. Use the driver yourself with: export ODBCSYSINI=$odbcdir"
