#!/usr/bin/env bash
# pg_harness.sh: a throwaway PostgreSQL for the integration tests.
#
#   pg_harness.sh start <dir> [driver-path]   initdb, certificates, roles, start
#   pg_harness.sh stop  <dir>                 stop (immediate) and remove <dir>
#
# Owns everything under <dir>: the cluster (data/), the socket directory
# (sock/), the certificates (certs/ for the server, client/ for the tests),
# an ODBCSYSINI directory (odbc/) registering the driver as [pgodbc] with a
# DSN [pgo_test], and <dir>/env, the KEY='value' file the tests read.
# Roles: one per authentication method (pgo_trust, pgo_password, pgo_md5,
# pgo_scram, pgo_tlsonly, pgo_nossl, pgo_cert, pgo_repl); write_hba below
# is the policy that tells them apart. All password roles share PGO_PASSWORD.
#
# Run as root, the server runs as user "postgres" (initdb refuses root).
# Whatever happens, start leaves no server running when it fails.
set -euo pipefail

die() { printf 'pg_harness: %s\n' "$*" >&2; exit 1; }
note() { printf 'pg_harness: %s\n' "$*" >&2; }

[ $# -ge 2 ] || die "usage: $0 start|stop <dir> [driver-path]"
action=$1
dir=$2
driver=${3:-}

case "$dir" in
    /*) ;;
    *) dir="$PWD/$dir" ;;
esac

# The newest installed server, unless PGO_PG_BIN names one.
find_pg_bin() {
    if [ -n "${PGO_PG_BIN:-}" ]; then
        printf '%s\n' "$PGO_PG_BIN"
        return
    fi
    local best=""
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
        [ -x "$candidate/initdb" ] && best=$candidate
    done
    [ -n "$best" ] || die "no PostgreSQL server found in /usr/lib/postgresql/*/bin (install postgresql-15)"
    printf '%s\n' "$best"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the cluster's owner.
as_owner() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_server() {
    local data="$1/data"
    [ -f "$data/postmaster.pid" ] || return 0
    local bin
    bin=$(find_pg_bin)
    as_owner "$bin/pg_ctl" -D "$data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
    # pg_ctl can fail when the data directory is half-made; end the
    # postmaster named in its pid file, and only that process.
    if [ -f "$data/postmaster.pid" ]; then
        local pid
        pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -QUIT "$pid" 2>/dev/null || true
            sleep 1
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

remove_dir() {
    local target=$1
    if [ -f "$target/sock.real" ]; then
        local real
        real=$(cat "$target/sock.real")
        case "$real" in
            /tmp/pgo-sock.*) rm -rf -- "$real" ;;
        esac
    fi
    rm -rf -- "$target"
}

do_stop() {
    stop_server "$dir"
    remove_dir "$dir"
}

# A loopback TCP port that nothing uses: no socket in /proc/net/tcp{,6}
# has it as its local port, and nothing answers a connect.
port_is_free() {
    local port=$1
    local hex
    hex=$(printf ':%04X ' "$port")
    local table
    for table in /proc/net/tcp /proc/net/tcp6; do
        if [ -r "$table" ] && awk '{print $2}' "$table" | sed 's/^[^:]*//' | grep -q "^${hex% }\$"; then
            return 1
        fi
    done
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        return 1
    fi
    return 0
}

pick_port() {
    local tries=0
    local port
    while [ $tries -lt 200 ]; do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
        if port_is_free "$port"; then
            printf '%s\n' "$port"
            return
        fi
        tries=$((tries + 1))
    done
    die "no free loopback port found"
}

ipv6_loopback_works() {
    [ -r /proc/net/if_inet6 ] || return 1
    grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 || return 1
    # Binding proves it; bash cannot bind, so try a connect to a closed
    # port: "connection refused" means the address exists.
    local out
    out=$( (exec 3<>/dev/tcp/::1/1) 2>&1 || true)
    case "$out" in
        *"refused"*) return 0 ;;
        *) return 1 ;;
    esac
}

# Every ancestor of the directory must be searchable by the server's user.
make_traversable() {
    local path=$1
    is_root || return 0
    while [ "$path" != "/" ] && [ -n "$path" ]; do
        if ! runuser -u postgres -- test -x "$path" 2>/dev/null; then
            note "adding o+x to $path so the postgres user can reach the harness directory"
            chmod o+x "$path"
        fi
        path=$(dirname "$path")
    done
}

write_openssl_config() {
    cat >"$1" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

# CA, server certificate for DNS:localhost only, an unrelated CA, and a
# client certificate CN=pgo_cert signed by the CA.
make_certificates() {
    local certs=$1 client=$2 work=$3
    local cnf="$work/openssl.cnf"
    write_openssl_config "$cnf"
    local days=3650

    openssl req -config "$cnf" -x509 -new -newkey rsa:2048 -nodes -sha256 -days $days \
        -subj "/CN=pgodbc test CA" -extensions ca \
        -keyout "$work/ca.key" -out "$certs/ca.crt" 2>/dev/null
    openssl req -config "$cnf" -x509 -new -newkey rsa:2048 -nodes -sha256 -days $days \
        -subj "/CN=pgodbc unrelated CA" -extensions ca \
        -keyout "$work/wrong_ca.key" -out "$client/wrong_ca.crt" 2>/dev/null

    openssl req -config "$cnf" -new -newkey rsa:2048 -nodes -sha256 \
        -subj "/CN=localhost" -keyout "$certs/server.key" -out "$work/server.csr" 2>/dev/null
    openssl x509 -req -in "$work/server.csr" -CA "$certs/ca.crt" -CAkey "$work/ca.key" \
        -set_serial 1001 -days $days -sha256 -extfile "$cnf" -extensions server \
        -out "$certs/server.crt" 2>/dev/null

    openssl req -config "$cnf" -new -newkey rsa:2048 -nodes -sha256 \
        -subj "/CN=pgo_cert" -keyout "$client/client.key" -out "$work/client.csr" 2>/dev/null
    openssl x509 -req -in "$work/client.csr" -CA "$certs/ca.crt" -CAkey "$work/ca.key" \
        -set_serial 1002 -days $days -sha256 -extfile "$cnf" -extensions client \
        -out "$client/client.crt" 2>/dev/null

    cp "$certs/ca.crt" "$client/ca.crt"
    chmod 0644 "$certs/ca.crt" "$certs/server.crt" "$client/ca.crt" "$client/wrong_ca.crt" \
        "$client/client.crt"
    chmod 0600 "$certs/server.key" "$client/client.key"
}

# pg_hba.conf: first match wins, so the order below is the policy.
write_hba() {
    local hba=$1 with_ipv6=$2
    {
        echo "# pgodbc test harness: one role per authentication method."
        echo "# TYPE     DATABASE     USER          ADDRESS        METHOD"
        echo "local      all          pgo_admin                    trust"
        echo "local      all          pgo_trust                    trust"
        echo "local      all          pgo_scram                    scram-sha-256"
        echo "local      all          pgo_wire_trust               trust"
        echo "local      all          all                          reject"
        local addresses="127.0.0.0/8"
        [ "$with_ipv6" = 1 ] && addresses="$addresses ::1/128"
        local address
        for address in $addresses; do
            printf '%-10s %-12s %-13s %-14s %s\n' \
                host replication pgo_repl "$address" trust \
                host all pgo_repl "$address" trust \
                host all pgo_trust "$address" trust \
                host all pgo_password "$address" password \
                host all pgo_md5 "$address" md5 \
                host all pgo_scram "$address" scram-sha-256 \
                hostssl all pgo_tlsonly "$address" scram-sha-256 \
                hostnossl all pgo_tlsonly "$address" reject \
                hostnossl all pgo_nossl "$address" trust \
                hostssl all pgo_nossl "$address" reject \
                hostssl all pgo_cert "$address" cert \
                hostssl all pgo_wire_sslonly "$address" trust \
                hostnossl all pgo_wire_nossl "$address" trust \
                host all pgo_wire_trust "$address" trust \
                host all pgo_wire_clear "$address" password \
                host all pgo_wire_md5 "$address" md5 \
                host all pgo_wire_scram "$address" scram-sha-256
        done
    } >"$hba"
}

write_config() {
    local conf=$1 port=$2 listen=$3 sockdir=$4 certs=$5
    cat >>"$conf" <<EOF

# pgodbc test harness
port = $port
listen_addresses = '$listen'
unix_socket_directories = '$sockdir'
ssl = on
ssl_cert_file = '$certs/server.crt'
ssl_key_file = '$certs/server.key'
ssl_ca_file = '$certs/ca.crt'
password_encryption = 'scram-sha-256'
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
max_connections = 60
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
log_connections = on
log_line_prefix = '%m [%p] %u@%d '
EOF
}

write_odbc_files() {
    local odbcdir=$1 port=$2 password=$3
    mkdir -p "$odbcdir"
    cat >"$odbcdir/odbcinst.ini" <<EOF
[pgodbc]
Description = pgodbc (test build)
Driver = $driver
Setup =
DontDLClose = 1
EOF
    cat >"$odbcdir/odbc.ini" <<EOF
[pgo_test]
Description = pgodbc integration tests: SCRAM role over TCP
Driver = pgodbc
Server = 127.0.0.1
Port = $port
Database = pgo_db
UID = pgo_scram
PWD = $password
SSLMode = prefer
EOF
    chmod 0600 "$odbcdir/odbc.ini"
}

do_start() {
    command -v openssl >/dev/null || die "openssl is not installed"
    if is_root; then
        id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (installed with postgresql-15)"
    fi
    local bin
    bin=$(find_pg_bin)

    # A previous run that was killed may have left a server here.
    if [ -e "$dir" ]; then
        note "removing an earlier harness in $dir"
        do_stop
    fi

    started=0
    trap 'on_start_exit $?' EXIT

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    local data="$dir/data" certs="$dir/certs" client="$dir/client" work="$dir/work"
    local sockdir="$dir/sock"
    mkdir -p "$certs" "$client" "$work"
    chmod 0755 "$dir"
    chmod 0700 "$work"

    # Unix socket paths are limited to 107 bytes; a deep build directory
    # gets its socket directory in /tmp instead.
    local port
    port=$(pick_port)
    local probe="$sockdir/.s.PGSQL.$port"
    if [ ${#probe} -gt 100 ]; then
        sockdir=$(mktemp -d /tmp/pgo-sock.XXXXXX)
        printf '%s\n' "$sockdir" >"$dir/sock.real"
        ln -s "$sockdir" "$dir/sock"
        note "socket directory $sockdir (the build path is too long for a socket)"
    else
        mkdir -p "$sockdir"
    fi
    chmod 0755 "$sockdir"

    make_certificates "$certs" "$client" "$work"

    local password="pgo_Pw-${RANDOM}${RANDOM}"
    local with_ipv6=0 listen="127.0.0.1"
    if ipv6_loopback_works; then
        with_ipv6=1
        listen="127.0.0.1,::1"
    fi

    mkdir -p "$data"
    if is_root; then
        make_traversable "$dir"
        chown postgres: "$data" "$certs" "$certs"/* "$sockdir"
        touch "$dir/server.log"
        chown postgres: "$dir/server.log"
    fi
    chmod 0700 "$data"

    as_owner "$bin/initdb" -D "$data" -U pgo_admin --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 \
        || { cat "$work/initdb.log" >&2; die "initdb failed"; }

    write_config "$data/postgresql.conf" "$port" "$listen" "$sockdir" "$certs"
    write_hba "$work/pg_hba.conf" "$with_ipv6"
    cp "$work/pg_hba.conf" "$data/pg_hba.conf"
    is_root && chown postgres: "$data/pg_hba.conf"

    # The port was free a moment ago; another process may take it first.
    local attempt=0
    while :; do
        if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
            started=1
            break
        fi
        stop_server "$dir"
        attempt=$((attempt + 1))
        if [ $attempt -ge 3 ] || ! grep -q "could not bind\|Address already in use" "$dir/server.log"; then
            tail -n 30 "$dir/server.log" >&2 || true
            die "the server did not start"
        fi
        port=$(pick_port)
        sed -i "s/^port = .*/port = $port/" "$data/postgresql.conf"
        note "port taken, retrying on $port"
    done

    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$port" -U pgo_admin \
        -d postgres >"$work/setup.log" 2>&1 <<EOF || { cat "$work/setup.log" >&2; die "creating roles failed"; }
CREATE ROLE pgo_trust LOGIN;
CREATE ROLE pgo_password LOGIN PASSWORD '$password';
SET password_encryption = 'md5';
CREATE ROLE pgo_md5 LOGIN PASSWORD '$password';
RESET password_encryption;
CREATE ROLE pgo_scram LOGIN PASSWORD '$password';
CREATE ROLE pgo_tlsonly LOGIN PASSWORD '$password';
CREATE ROLE pgo_nossl LOGIN;
CREATE ROLE pgo_cert LOGIN;
CREATE ROLE pgo_repl LOGIN REPLICATION;
-- The protocol engine's own real-server tests (tests/unit/wire/*real_server*)
-- use these, with the fixed password their header names.
CREATE ROLE pgo_wire_trust LOGIN;
CREATE ROLE pgo_wire_sslonly LOGIN;
CREATE ROLE pgo_wire_nossl LOGIN;
CREATE ROLE pgo_wire_clear LOGIN PASSWORD 'wire-pass';
SET password_encryption = 'md5';
CREATE ROLE pgo_wire_md5 LOGIN PASSWORD 'wire-pass';
RESET password_encryption;
CREATE ROLE pgo_wire_scram LOGIN PASSWORD 'wire-pass';
CREATE DATABASE pgo_db OWNER pgo_trust;
EOF

    local md5_stored
    md5_stored=$(as_owner "$bin/psql" -X -At -h "$sockdir" -p "$port" -U pgo_admin -d postgres \
        -c "SELECT left(rolpassword, 3) FROM pg_authid WHERE rolname = 'pgo_md5'")
    [ "$md5_stored" = "md5" ] || die "pgo_md5's password is not stored as md5 ($md5_stored)"

    if [ -n "$driver" ]; then
        case "$driver" in
            /*) ;;
            *) driver="$PWD/$driver" ;;
        esac
    fi
    write_odbc_files "$dir/odbc" "$port" "$password"

    local env="$dir/env"
    {
        echo "# pgodbc test harness: source this file or read KEY='value' lines."
        echo "PGO_PORT='$port'"
        echo "PGO_HOST='127.0.0.1'"
        echo "PGO_HAS_IPV6='$with_ipv6'"
        echo "PGO_SOCKET_DIR='$sockdir'"
        echo "PGO_DATABASE='pgo_db'"
        echo "PGO_CA='$client/ca.crt'"
        echo "PGO_WRONG_CA='$client/wrong_ca.crt'"
        echo "PGO_CLIENT_CERT='$client/client.crt'"
        echo "PGO_CLIENT_KEY='$client/client.key'"
        echo "PGO_PASSWORD='$password'"
        echo "PGO_DRIVER='$driver'"
        echo "PGO_PG_BIN='$bin'"
        echo "PGO_SERVER_LOG='$dir/server.log'"
        echo "ODBCSYSINI='$dir/odbc'"
    } >"$env.tmp"
    chmod 0600 "$env.tmp"
    mv "$env.tmp" "$env"
    rm -rf -- "$work"

    trap - EXIT
    note "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (ipv6: $with_ipv6), socket $sockdir; env in $env"
}

on_start_exit() {
    local status=$1
    if [ "$status" -ne 0 ]; then
        note "start failed; stopping anything it started"
        [ -f "$dir/server.log" ] && tail -n 20 "$dir/server.log" >&2 || true
        stop_server "$dir"
    fi
}

case "$action" in
    start) do_start ;;
    stop) do_stop ;;
    *) die "unknown action '$action' (start or stop)" ;;
esac
