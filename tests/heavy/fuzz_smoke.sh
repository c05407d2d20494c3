#!/usr/bin/env bash
# Builds the fuzz targets (fuzz/) with clang, AddressSanitizer + UndefinedBehaviorSanitizer
# in BUILD_DIR (only the targets and the libraries they need), then runs each for a few
# seconds seeded with the test cases (fuzz/targets.sh: the targets, their dictionaries and
# seeds): a crash, a sanitizer report, a leak, an input slower than 30 s or bigger than
# 2 GB of memory fails the test (30 s, not less: the slowest seed,
# errors/expansion_too_large.infra at the expansion limit, takes 5 s instrumented on a busy
# 2-core machine and timed out at 10 s), and libFuzzer leaves the input as
# crash-*/timeout-*/oom-* in BUILD_DIR/fuzz-findings/ (turn it into a regression test:
# tests/hostile/cases/ or a unit test).
#   fuzz_smoke.sh SOURCE_DIR BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
source_dir=$1
build_dir=$2
seconds=$3
source "$source_dir/fuzz/targets.sh"
CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build_dir" -DINFRAC_SANITIZE=ON -DINFRAC_FUZZ=ON \
  -DINFRAC_BUILD_BENCH=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build_dir" -j2 --target "${fuzz_targets[@]}"
export ASAN_OPTIONS=detect_leaks=1
findings="$build_dir/fuzz-findings"
mkdir -p "$findings"
for target in "${fuzz_targets[@]}"; do
  corpus="$build_dir/fuzz-corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz_smoke: $target for ${seconds}s"
  # shellcheck disable=SC2046 # the options and seed directories are words
  "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    $(fuzz_options "$target" "$source_dir") -artifact_prefix="$findings/$target-" -print_final_stats=1 \
    "$corpus" $(fuzz_seeds "$target" "$source_dir")
done
