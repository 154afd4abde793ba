#!/usr/bin/env bash
# Builds and runs one libFuzzer target of tests/fuzz/ for a bounded time:
#   scripts/run-fuzz.sh [SECONDS] [TARGET]      (default 60 s, pack_json)
# TARGET is pack_json (the lesson pack parsers; seeds in tests/fuzz/corpus),
# sync_json (the back office's push intake; seeds in tests/fuzz/corpus-sync) or
# kiosk_sync_json (the kiosk's reading of push and pull answers; seeds in
# tests/fuzz/corpus-kiosk-sync). Needs
# clang++ with libFuzzer (Debian: clang, libclang-rt-14-dev; install-deps.sh has them).
#
# The fuzzer works on a copy of the seed corpus in build/fuzz/corpus-work (what it
# finds there is kept for the next run; the repository is not modified). A crash,
# sanitizer report, leak, time-out or out-of-memory input is written to build/fuzz/
# (crash-*, leak-*, timeout-*, oom-*); the script then exits non-zero. To replay one:
#   build/fuzz/fuzz_pack_json build/fuzz/crash-...
# and, once it is fixed, copy it into the target's seed folder as a regression seed.
# The last line is "fuzz: N runs, C crashes".
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
case "$seconds" in ''|*[!0-9]*) echo "run-fuzz.sh: the time must be whole seconds, not '$seconds'" >&2; exit 2 ;; esac
target="${2:-pack_json}"
case "$target" in
  pack_json) seeds=tests/fuzz/corpus; dict=tests/fuzz/pack.dict; what="the pack parsers" ;;
  sync_json) seeds=tests/fuzz/corpus-sync; dict=tests/fuzz/sync.dict; what="the sync push intake" ;;
  kiosk_sync_json) seeds=tests/fuzz/corpus-kiosk-sync; dict=tests/fuzz/kiosk-sync.dict; what="the kiosk's push and pull answers" ;;
  *) echo "run-fuzz.sh: the target is pack_json, sync_json or kiosk_sync_json, not '$target'" >&2; exit 2 ;;
esac
jobs="${QIAO_FUZZ_BUILD_JOBS:-2}"
out=build/fuzz

if ! command -v clang++ >/dev/null; then
  echo "run-fuzz.sh: clang++ is not installed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

mkdir -p "$out"
# One fuzzer at a time in build/fuzz: CTest in two build trees may start this at once.
exec 9>"$out/.lock"
if ! flock -n 9; then
  echo "run-fuzz.sh: another run-fuzz.sh is using $out; waiting for it"
  flock 9
fi

cmake -S tests/fuzz -B "$out" -DCMAKE_CXX_COMPILER=clang++ -G Ninja >/dev/null
cmake --build "$out" -j "$jobs" --target "fuzz_$target"

work="$out/corpus-work-$target"
mkdir -p "$work"
cp "$seeds"/* "$work/"
marker="$out/.run-started"
: > "$marker"
log="$out/fuzz-$target.log"

# The sanitizers stop at the first report so libFuzzer keeps the input; leaks count.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "fuzzing $what for ${seconds} s (log: $log)"
set +e
"$out/fuzz_$target" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -dict="$dict" -artifact_prefix="$out/" -print_final_stats=1 \
  "$work" >"$log" 2>&1
rc=$?
set -e

runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
if [ -z "$runs" ]; then
  runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)
fi
runs="${runs:-0}"
mapfile -t found < <(find "$out" -maxdepth 1 -type f \
  \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$marker")
crashes=${#found[@]}
if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
  crashes=1  # the fuzzer failed without writing an input (it could not start, for one)
fi

tail -n 5 "$log" | grep -E '^(#|Done|stat::)' || true
if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
  echo "--- the fuzzer stopped (exit $rc); the end of its log:"
  grep -v '^#' "$log" | tail -n 60
  for f in "${found[@]}"; do echo "kept the input: $f (replay: $out/fuzz_$target $f)"; done
  echo "fuzz: $runs runs, $crashes crashes"
  exit 1
fi
echo "fuzz: $runs runs, 0 crashes"
