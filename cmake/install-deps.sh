#!/usr/bin/env bash
# install-deps.sh: installs, on Debian/Ubuntu, the packages pgodbc needs to
# build and test, and only when one is missing (no apt-get update
# otherwise). Runs apt-get as root, or through sudo. Installing the server
# package must not leave a server running: while apt-get runs, a temporary
# policy-rc.d forbids service starts (unless one already exists), and the
# package's default cluster is not created. The de_DE.UTF-8 locale (a comma
# decimal separator, for the unit tests proving that number conversions
# ignore LC_NUMERIC) is generated when `locale -a` lacks it.
set -euo pipefail

packages=(build-essential cmake pkg-config libssl-dev unixodbc unixodbc-dev odbcinst
          libgtest-dev postgresql-15 postgresql-client-15 openssl
          python3-pyodbc libdbd-odbc-perl php-cli php-odbc)
# LibreOffice Base without its GUI, and Python-UNO to drive it, for
# tests/clients/libreoffice_base_test.py (70 MB download, 218 MB installed;
# about 30 s including apt-get update).
packages+=(libreoffice-base-nogui python3-uno)
# tests/integration/pooler and the connect benchmark (tests/bench): a
# PgBouncer in transaction mode in front of the harness server. The policy
# below keeps the package's own service from starting.
packages+=(pgbouncer)
# locale-gen, for de_DE.UTF-8 below.
packages+=(locales)
# tests/package: dpkg-shlibdeps finds the .deb's dependencies, lintian
# checks the package.
packages+=(dpkg-dev lintian)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
done

has_comma_locale() {
    locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'
}

if [ ${#missing[@]} -eq 0 ] && has_comma_locale; then
    exit 0
fi

if [ ${#missing[@]} -gt 0 ] && ! command -v apt-get >/dev/null; then
    echo "install-deps: missing ${missing[*]}, and there is no apt-get here; install them by hand" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "install-deps: missing ${missing[*]:-the de_DE.UTF-8 locale}; run as root or install sudo" >&2
    exit 1
fi

[ ${#missing[@]} -eq 0 ] || echo "install-deps: installing ${missing[*]}"

policy=/usr/sbin/policy-rc.d
cluster_conf=/etc/postgresql-common/createcluster.d/pgodbc-no-main-cluster.conf
added_policy=0
added_cluster_conf=0
cleanup() {
    [ $added_policy -eq 1 ] && "${as_root[@]}" rm -f "$policy"
    [ $added_cluster_conf -eq 1 ] && "${as_root[@]}" rm -f "$cluster_conf"
    return 0
}
trap cleanup EXIT

if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# pgodbc install-deps: no service starts while packages install\nexit 101\n' |
        "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 0755 "$policy"
    added_policy=1
fi
if [ ! -e "$cluster_conf" ]; then
    # No default cluster: the harness makes its own with initdb.
    "${as_root[@]}" mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | "${as_root[@]}" tee "$cluster_conf" >/dev/null
    added_cluster_conf=1
fi

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" </dev/null
fi

if ! has_comma_locale; then
    echo "install-deps: generating the de_DE.UTF-8 locale"
    "${as_root[@]}" sed -i 's/^# *de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen
    grep -q '^de_DE\.UTF-8' /etc/locale.gen ||
        echo 'de_DE.UTF-8 UTF-8' | "${as_root[@]}" tee -a /etc/locale.gen >/dev/null
    "${as_root[@]}" locale-gen </dev/null
fi
