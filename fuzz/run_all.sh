#!/usr/bin/env bash
# The long run: every fuzz target (fuzz/targets.sh), JOBS at a time, for TOTAL seconds of
# wall-clock time in all, each target's corpus kept in CORPORA/<target> (grown from its
# seeds) and every finding written to CORPORA/findings/<target>-crash-... (or timeout-,
# leak-, oom-). Each target runs twice, for TOTAL * JOBS / (2 * targets) seconds each time,
# so that JOBS processes are busy until the end; its log is CORPORA/logs/<target>.<n>.log.
#   fuzz/run_all.sh BUILD_DIR [TOTAL_SECONDS=3600] [JOBS=2] [CORPORA=/work/fuzz-corpora]
# BUILD_DIR is a clang build with the targets (fuzz/README.md); it is built first.
set -euo pipefail
build_dir=$1
total=${2:-3600}
jobs=${3:-2}
corpora=${4:-/work/fuzz-corpora}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$source_dir/fuzz/targets.sh"
cmake --build "$build_dir" -j"$jobs" --target "${fuzz_targets[@]}"
seconds=$((total * jobs / (2 * ${#fuzz_targets[@]})))
mkdir -p "$corpora/findings" "$corpora/logs"
export ASAN_OPTIONS=detect_leaks=1

run() {  # TARGET ROUND
  local target=$1
  mkdir -p "$corpora/$target"
  # shellcheck disable=SC2046 # the options and seed directories are words
  nice -n 10 "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    $(fuzz_options "$target" "$source_dir") -artifact_prefix="$corpora/findings/$target-" -print_final_stats=1 \
    "$corpora/$target" $(fuzz_seeds "$target" "$source_dir") >"$corpora/logs/$target.$2.log" 2>&1 \
    && echo "$target ($2): no finding" || echo "$target ($2): FINDING, see $corpora/logs/$target.$2.log"
}
export -f run fuzz_options fuzz_seeds
export build_dir corpora seconds source_dir
echo "run_all: ${#fuzz_targets[@]} targets, twice each for ${seconds}s, $jobs at a time"
for round in 1 2; do for t in "${fuzz_targets[@]}"; do echo "$t $round"; done; done |
  xargs -P "$jobs" -L 1 bash -c 'run "$0" "$1"'
ls "$corpora/findings"
