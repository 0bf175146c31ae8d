#!/usr/bin/env bash
# run.sh: THE test command. Installs what is missing (cmake/install-deps.sh),
# configures, builds and runs every test with CTest: unit suites, the style
# checks, and the integration suite against a throwaway PostgreSQL that the
# CTest fixture starts and stops (tests/harness/pg_harness.sh).
#
#   bash tests/run.sh [ctest arguments...]      e.g. bash tests/run.sh -R integration
#
# Environment: PGO_SANITIZE=1 builds in build-asan with ASan and UBSan;
# PGO_TSAN=1 builds in build-tsan with ThreadSanitizer, only the driver and
# the thread tests, and runs only those (label tsan; PGO_THREADS_SCALE
# shrinks them); PGO_BUILD_DIR overrides the build directory; CI=true makes
# warnings errors.
# Registers nothing system-wide; leaves no server running, even when
# interrupted.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash cmake/install-deps.sh

options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
targets=()
selection=()
if [ "${PGO_TSAN:-0}" = 1 ]; then
    build=${PGO_BUILD_DIR:-build-tsan}
    options+=(-DPGO_TSAN=ON -DPGO_SANITIZE=OFF)
    targets=(--target pgodbc thread_tests)
    selection=(-L tsan)
elif [ "${PGO_SANITIZE:-0}" = 1 ]; then
    build=${PGO_BUILD_DIR:-build-asan}
    options+=(-DPGO_SANITIZE=ON -DPGO_TSAN=OFF)
else
    build=${PGO_BUILD_DIR:-build}
    options+=(-DPGO_SANITIZE=OFF -DPGO_TSAN=OFF)
fi
if [ "${CI:-}" = true ]; then
    options+=(-DPGO_WERROR=ON)
fi

# Whatever happens to ctest, stop the harness's server.
stop_harness() {
    if [ -e "$build/pg-harness" ]; then
        bash tests/harness/pg_harness.sh stop "$build/pg-harness" || true
    fi
}
trap stop_harness EXIT

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$build" "${options[@]}"
cmake --build "$build" -j"$jobs" "${targets[@]}"
ctest --test-dir "$build" --output-on-failure -j2 "${selection[@]}" "$@"
