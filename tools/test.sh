#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test through ctest. Then builds the
# sanitizer configuration and runs the bad-input (robustness) tests under ASan and UBSan.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/deps.sh"
BUILD_DIR="${BUILD_DIR:-$root/build}" "$root/tools/build.sh" -DSIDEPEAK_BUILD_TESTS=ON -DSIDEPEAK_BUILD_BENCH=ON
ctest --test-dir "${BUILD_DIR:-$root/build}" --output-on-failure --timeout 600 -j "$(nproc)"
if [ "${SIDEPEAK_SKIP_SANITIZE:-0}" != 1 ]; then
  # Only the bad-input suites (label "robustness") are rebuilt and run under the sanitizers.
  BUILD_DIR="$root/build-asan" BUILD_TYPE=RelWithDebInfo BUILD_TARGET=robustness_tests "$root/tools/build.sh" \
    -DSIDEPEAK_SANITIZE=ON -DSIDEPEAK_BUILD_BENCH=OFF
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure --timeout 900 -j "$(nproc)" -L robustness
fi
