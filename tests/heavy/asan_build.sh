#!/usr/bin/env bash
# Builds the project a second time with clang, AddressSanitizer + UndefinedBehaviorSanitizer
# and the libFuzzer targets (INFRAC_SANITIZE, INFRAC_FUZZ), in the directory given.
#   asan_build.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build_dir" -DINFRAC_SANITIZE=ON -DINFRAC_FUZZ=ON \
  -DINFRAC_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2
