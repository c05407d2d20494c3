#!/usr/bin/env bash
# Runs the whole suite in the sanitizer tree (asan_build.sh made it): every test, the
# hostile corpus included, under AddressSanitizer + UndefinedBehaviorSanitizer (a report
# fails the test). Left out: the ci-heavy tests themselves, and the editor grammar test,
# which runs no infrac code.
#   asan_suite.sh BUILD_DIR
set -euo pipefail
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$1" -j2 -LE 'ci-heavy|editors' --output-on-failure
