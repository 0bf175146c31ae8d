#!/usr/bin/env bash
# Fuzzes the targets in tests/fuzz/ with libFuzzer (clang, ASan, UBSan).
# Not run by CI: the corpora in tests/fuzz/corpus/<name>/ replay in every
# ctest run instead (tests/fuzz/CMakeLists.txt).
#
#   tests/fuzz/run.sh [--seconds N | --runs N] [--merge | --merge-only] [--jobs J] [target...]
#
# Each target fuzzes for N seconds (default 60), or with --runs for N
# executions (libFuzzer -runs, no time limit), into a scratch corpus
# (build-fuzz-libfuzzer/scratch/<name>/, seeded from the checked-in one).
# libFuzzer's output is also kept in build-fuzz-libfuzzer/logs/<name>.log
# (the figures of tests/fuzz/README.md's campaign record come from there).
# Crashes, leaks and timeouts land in build-fuzz-libfuzzer/artifacts/<name>/.
# With --merge, inputs that add coverage are minimised back into
# tests/fuzz/corpus/<name>/ (libFuzzer -merge=1, counting edges only:
# -use_counters=0, so a corpus stays a hundred or so files instead of one
# per hit-count bucket, several hundred); without it the checked-in
# corpus is never touched; --merge-only merges what an earlier run left in
# the scratch corpus without building or fuzzing. Needs clang and libclang-rt (on Debian:
# apt-get install clang libclang-rt-14-dev).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${PGO_FUZZ_BUILD:-$root/build-fuzz-libfuzzer}"
seconds=60
runs=0
merge=0
jobs=1
targets=()
all_targets=(connstr config_files backend_messages scram tls_names values params sql saslprep utf16)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --merge) merge=1; shift ;;
    --merge-only) merge=2; shift ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")

CC="${CC:-clang}"
command -v "$CC" >/dev/null || { echo "run.sh: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

cflags=(-std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
        -fno-sanitize-recover=undefined -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
        -I"$root/driver/src" -I"$root/tests" -I"$here")
libs=(-lssl -lcrypto -lodbcinst -lpthread)

modules_for() {
  case "$1" in
    connstr) echo "connstr params util" ;;
    config_files) echo "connstr params util" ;;
    backend_messages) echo "wire net params util" ;;
    scram) echo "wire net params util" ;;
    tls_names) echo "net util" ;;
    values) echo "types util" ;;
    params) echo "types util" ;;
    sql) echo "util" ;;
    saslprep) echo "util" ;;
    utf16) echo "util" ;;
    *) echo "run.sh: unknown target $1" >&2; return 1 ;;
  esac
}

build_target() {
  local name="$1" sources=("$here/${name}_fuzz.c")
  local module
  for module in $(modules_for "$name"); do
    sources+=("$root"/driver/src/"$module"/*.c)
  done
  if [[ "$name" == backend_messages ]]; then
    sources+=("$root/tests/support/memory_stream.c")
  fi
  if [[ "$name" == sql ]]; then  # the scanners only, not the whole odbc module
    sources+=("$root"/driver/src/odbc/sql_{markers,escapes,scan}.c)
  fi
  mkdir -p "$out/bin"
  echo "== building $name"
  "$CC" "${cflags[@]}" "${sources[@]}" "${libs[@]}" -o "$out/bin/${name}_fuzz"
}

status=0
for name in "${targets[@]}"; do
  corpus="$here/corpus/$name"
  scratch="$out/scratch/$name"
  artifacts="$out/artifacts/$name"
  mkdir -p "$scratch" "$artifacts" "$corpus"
  if [[ $merge -eq 2 ]]; then
    [[ -x "$out/bin/${name}_fuzz" ]] || build_target "$name"
    echo "== merging new coverage of $name into $corpus"
    "$out/bin/${name}_fuzz" -merge=1 -use_counters=0 -max_len=4096 "$corpus" "$scratch"
    continue
  fi
  build_target "$name"
  limit=(-max_total_time="$seconds")
  if [[ $runs -gt 0 ]]; then
    limit=(-runs="$runs")
    echo "== fuzzing $name for $runs executions"
  else
    echo "== fuzzing $name for ${seconds}s"
  fi
  mkdir -p "$out/logs"
  parallel=()
  if [[ $jobs -gt 1 ]]; then
    parallel=(-jobs="$jobs" -workers="$jobs")  # logs go to fuzz-<n>.log in $out
  fi
  log="$out/logs/$name.log"
  # quarantine_size_mb: ASan keeps 256 MB of freed memory out of reuse by
  # default; a connection's 64 KiB read buffer per input then lands on
  # fresh pages every time, and the page faults held backend_messages to
  # under 4,000 executions a second. 16 MB still holds thousands of
  # recently freed blocks for use-after-free reports.
  if ! (cd "$out" && ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:quarantine_size_mb=16" \
       UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
       "$out/bin/${name}_fuzz" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
         -max_len=4096 "${parallel[@]}" -print_final_stats=1 \
         -artifact_prefix="$artifacts/" "$scratch" "$corpus" >"$log" 2>&1); then
    tail -n 40 "$log" >&2
    echo "== $name: libFuzzer found a failure; see $artifacts/ and $log" >&2
    status=1
  else
    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "$log" || tail -n 5 "$log"
  fi
  if [[ $merge -eq 1 ]]; then
    echo "== merging new coverage of $name into $corpus"
    "$out/bin/${name}_fuzz" -merge=1 -use_counters=0 -max_len=4096 "$corpus" "$scratch"
  fi
done
exit $status
