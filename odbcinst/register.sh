#!/usr/bin/env bash
# register.sh: makes libpgodbc.so known to the unixODBC driver manager.
#
#   register.sh --system <driver.so>         [pgodbc] in the system odbcinst.ini
#                                            (odbcinst -i -d; needs root)
#   register.sh --user <driver.so> [DSN]     a user DSN (default name: pgodbc) in
#                                            ~/.odbc.ini whose Driver is the
#                                            library's path: unixODBC has no
#                                            per-user driver list
#   register.sh --private DIR <driver.so>    DIR/odbcinst.ini and DIR/odbc.ini,
#                                            used with: export ODBCSYSINI=DIR
#
# Without registering anything, a connection string can name the library:
# "DRIVER=/path/to/libpgodbc.so;Server=...;UID=...".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template="$here/pgodbc.ini.in"

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

absolute() {
    local path=$1
    [ -f "$path" ] || { echo "register: no driver library at $path (build it first)" >&2; exit 1; }
    printf '%s/%s\n' "$(cd "$(dirname "$path")" && pwd)" "$(basename "$path")"
}

# The driver template with the library path filled in.
driver_template() {
    sed -e "s|@PGODBC_DRIVER@|$1|" "$template"
}

need_odbcinst() {
    command -v odbcinst >/dev/null || {
        echo "register: odbcinst is not installed (Debian: apt-get install odbcinst unixodbc)" >&2
        exit 1
    }
}

[ $# -ge 2 ] || usage
mode=$1
shift

case "$mode" in
    --system)
        [ $# -eq 1 ] || usage
        need_odbcinst
        driver=$(absolute "$1")
        file=$(mktemp)
        trap 'rm -f "$file"' EXIT
        driver_template "$driver" >"$file"
        odbcinst -i -d -f "$file"
        echo "register: [pgodbc] -> $driver in $(odbcinst -j | sed -n 's/^DRIVERS[. ]*: //p')"
        echo "register: try it: isql -v -k 'DRIVER={pgodbc};Server=localhost;UID=me;PWD=secret'"
        ;;
    --user)
        [ $# -ge 1 ] && [ $# -le 2 ] || usage
        need_odbcinst
        driver=$(absolute "$1")
        dsn=${2:-pgodbc}
        file=$(mktemp)
        trap 'rm -f "$file"' EXIT
        {
            echo "[$dsn]"
            echo "Description = PostgreSQL through pgodbc"
            echo "Driver = $driver"
            echo "Server = localhost"
            echo "Port = 5432"
        } >"$file"
        user_ini=$(odbcinst -j | sed -n 's/^USER DATA SOURCES[. ]*: //p')
        # odbcinst cannot add a DSN to a file that does not exist yet.
        [ -n "$user_ini" ] && [ ! -e "$user_ini" ] && touch "$user_ini" && chmod 0600 "$user_ini"
        odbcinst -i -s -h -f "$file"
        echo "register: user DSN [$dsn] -> $driver in ${user_ini:-~/.odbc.ini}; add UID (and Database) there or at connect time"
        ;;
    --private)
        [ $# -eq 2 ] || usage
        dir=$1
        driver=$(absolute "$2")
        mkdir -p "$dir"
        dir=$(cd "$dir" && pwd)
        # Our own directory: written whole, so registering twice is the same as once.
        {
            driver_template "$driver" | grep -v '^#'
            echo "UsageCount = 1"
        } >"$dir/odbcinst.ini"
        [ -e "$dir/odbc.ini" ] || : >"$dir/odbc.ini"
        echo "register: [pgodbc] -> $driver in $dir/odbcinst.ini; use it with: export ODBCSYSINI=$dir"
        ;;
    *)
        usage
        ;;
esac
