#!/usr/bin/env bash
# package_test.sh: the Debian package's round trip on this machine.
#
#   package_test.sh <build dir> <harness env file>
#
# Builds pgodbc_<version>_<arch>.deb with cpack from the build directory,
# checks it with lintian (no errors; when lintian is installed), installs it
# with dpkg -i, checks that [pgodbc] is registered with the packaged library,
# that installing again keeps UsageCount at one, runs a query with isql
# through Driver=pgodbc (the system odbcinst.ini, no ODBCSYSINI) against the
# harness's server, removes the package, and checks that the driver is
# unregistered, odbcinst.ini is as it was, and no file dpkg -L listed is left.
#
# Needs root and dpkg; exits 77 (skipped) without them, or when a pgodbc
# package is installed or a [pgodbc] driver registered already (they are the
# user's: not ours to change).
# Whatever happens, the machine is left as it was found: the trap removes
# the package and puts odbcinst.ini back.
set -uo pipefail

build=${1:?usage: package_test.sh <build dir> <harness env file>}
env_file=${2:?usage: package_test.sh <build dir> <harness env file>}
build=$(cd "$build" && pwd)

# The system's ODBC configuration, whatever the caller's environment says.
unset ODBCSYSINI ODBCINSTINI ODBCINI

skip() { echo "package_test: skipped: $*"; exit 77; }
fail() { echo "package_test: FAILED: $*" >&2; exit 1; }
step() { echo "package_test: $*"; }

[ "$(id -u)" -eq 0 ] || skip "needs root (dpkg -i)"
command -v dpkg >/dev/null && command -v dpkg-shlibdeps >/dev/null || skip "needs dpkg and dpkg-dev"
command -v odbcinst >/dev/null && command -v isql >/dev/null || fail "odbcinst and isql are missing (packages odbcinst, unixodbc)"
if [ "$(dpkg-query -W -f='${Status}' pgodbc 2>/dev/null)" = "install ok installed" ]; then
    skip "a pgodbc package is installed already; remove it to run this test"
fi

if odbcinst -q -d -n pgodbc >/dev/null 2>&1; then
    skip "a driver [pgodbc] is registered already (register.sh --system?); unregister it to run this test"
fi

# The harness's values, read without running the file.
value() { sed -n "s/^$1='\\(.*\\)'\$/\\1/p" "$env_file"; }
port=$(value PGO_PORT)
password=$(value PGO_PASSWORD)
ca=$(value PGO_CA)
[ -n "$port" ] && [ -n "$password" ] || fail "no PGO_PORT or PGO_PASSWORD in $env_file"

# The system driver list, as found.
drivers_ini=$(odbcinst -j | sed -n 's/^DRIVERS[. ]*: //p')
[ -n "$drivers_ini" ] || fail "odbcinst -j names no DRIVERS file"
work=$(mktemp -d)
had_drivers_ini=0
if [ -e "$drivers_ini" ]; then
    had_drivers_ini=1
    cp -p "$drivers_ini" "$work/odbcinst.ini.before"
fi
installed=0

restore() {
    local status=$?
    if [ $installed -eq 1 ] || dpkg-query -W pgodbc >/dev/null 2>&1; then
        dpkg --purge pgodbc >/dev/null 2>&1 || echo "package_test: could not purge pgodbc" >&2
    fi
    if [ $had_drivers_ini -eq 1 ]; then
        cmp -s "$work/odbcinst.ini.before" "$drivers_ini" || cp -p "$work/odbcinst.ini.before" "$drivers_ini"
    else
        rm -f "$drivers_ini"
    fi
    rm -rf -- "$work"
    exit $status
}
trap restore EXIT
trap 'exit 1' INT TERM

step "building the package from $build"
cmake --build "$build" --target pgodbc >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "building libpgodbc.so"; }
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out") >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
deb="$work/out/pgodbc_${version}_${arch}.deb"
[ -f "$deb" ] || { ls -l "$work/out"; fail "no $(basename "$deb")"; }
depends=$(dpkg-deb -f "$deb" Depends)
step "$(basename "$deb"): Depends: $depends"
case "$depends" in
    *libodbcinst2*libssl3* | *libssl3*libodbcinst2*) ;;
    *) fail "Depends lacks what dpkg-shlibdeps finds (libodbcinst2, libssl3): $depends" ;;
esac

if command -v lintian >/dev/null; then
    lintian "$deb" >"$work/lintian.log" 2>&1
    sed -n '/^[EWI]:/p' "$work/lintian.log"
    ! grep -q '^E:' "$work/lintian.log" || fail "lintian reports errors"
else
    step "lintian is not installed: not run"
fi

step "dpkg -i"
installed=1
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
odbcdir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)/odbc
registered=$(odbcinst -q -d -n pgodbc) || fail "odbcinst -q -d -n pgodbc finds no driver after dpkg -i"
echo "$registered" | grep -qx "Driver=$odbcdir/libpgodbc.so.0" ||
    fail "[pgodbc] does not name $odbcdir/libpgodbc.so.0: $registered"
echo "$registered" | grep -qx "UsageCount=1" || fail "UsageCount is not 1 after dpkg -i: $registered"
[ -f "$odbcdir/libpgodbc.so.0.1.0" ] || [ -f "$(readlink -f "$odbcdir/libpgodbc.so.0")" ] ||
    fail "no library behind $odbcdir/libpgodbc.so.0"

step "dpkg -i again (an upgrade in place keeps one registration)"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "second dpkg -i"; }
odbcinst -q -d -n pgodbc | grep -qx "UsageCount=1" ||
    fail "UsageCount is not 1 after installing twice: $(odbcinst -q -d -n pgodbc)"

step "isql through Driver=pgodbc"
connection="Driver=pgodbc;Server=localhost;Port=$port;Database=pgo_db;UID=pgo_scram;PWD=$password"
[ -n "$ca" ] && connection="$connection;SSLMode=verify-full;SSLRootCert=$ca"
output=$(printf 'SELECT 40+2 AS answer\n' | HOME="$work" isql -b -v -k "$connection" 2>&1)
status=$?
echo "$output" | sed 's/^/  isql: /'
[ $status -eq 0 ] || fail "isql exited $status"
echo "$output" | grep -q '| *42 *|' || fail "isql did not print 42"

step "dpkg -r"
dpkg -L pgodbc | while read -r path; do
    [ -f "$path" ] || [ -L "$path" ] && echo "$path"
done >"$work/files"
[ -s "$work/files" ] || fail "dpkg -L pgodbc lists no files"
dpkg -r pgodbc >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -r"; }
installed=0
if odbcinst -q -d -n pgodbc >/dev/null 2>&1; then
    fail "[pgodbc] is still registered after dpkg -r: $(odbcinst -q -d -n pgodbc)"
fi
left=0
while read -r path; do
    if [ -e "$path" ] || [ -L "$path" ]; then
        echo "package_test: left behind: $path" >&2
        left=1
    fi
done <"$work/files"
[ $left -eq 0 ] || fail "files of the package are left after dpkg -r"
dpkg-query -W pgodbc >/dev/null 2>&1 && fail "dpkg still knows pgodbc after dpkg -r: $(dpkg-query -W -f='${Status}' pgodbc)"
if [ $had_drivers_ini -eq 1 ]; then
    diff -u "$work/odbcinst.ini.before" "$drivers_ini" || fail "odbcinst.ini differs from before the test"
fi
step "ok: $(wc -l <"$work/files") files installed and removed, [pgodbc] registered and unregistered"
