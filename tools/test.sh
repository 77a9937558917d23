#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test through ctest. Then builds the
# sanitizer configuration and runs the bad-input (robustness) tests under ASan and UBSan.
#
# Real data: tests that read ../shared/real_spectra (files not copied into the project for license
# reasons) skip when it is absent. When it exists next to the checkout, SIDEPEAK_REQUIRE_REAL_DATA=1
# is exported and an absent file is a failure instead (a renamed or deleted file on a machine that
# has the data must not pass as a skip). Either way the skipped tests are listed with their reasons.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"

# Lists the tests ctest reported skipped in the run whose log is $1/Testing/Temporary/LastTest.log,
# each with the reason its GTEST_SKIP gave (the line after "<file>:<line>: Skipped").
report_skips() {
  local log="$1/Testing/Temporary/LastTest.log"
  [ -f "$log" ] || return 0
  awk '
    /^[0-9]+\/[0-9]+ Testing: / { name = $0; sub(/^[0-9]+\/[0-9]+ Testing: /, "", name); reason = ""; grab = 0; next }
    grab { reason = $0; grab = 0; next }
    /: Skipped$/ { grab = 1; next }
    /^Skip regular expression found in output/ { n++; lines[n] = "  " name ": " (reason == "" ? "(no reason given)" : reason) }
    END {
      printf "tools/test.sh: %d test(s) skipped\n", n
      for (i = 1; i <= n; i++) print lines[i]
    }' "$log"
}

"$root/tools/deps.sh"
BUILD_DIR="$build_dir" "$root/tools/build.sh" -DSIDEPEAK_BUILD_TESTS=ON -DSIDEPEAK_BUILD_BENCH=ON
if [ -d "$root/../shared/real_spectra" ]; then
  export SIDEPEAK_REQUIRE_REAL_DATA=1
  echo "tools/test.sh: $(cd "$root/../shared/real_spectra" && pwd) exists: real-data files are required (SIDEPEAK_REQUIRE_REAL_DATA=1)"
else
  echo "tools/test.sh: WARNING: $root/../shared/real_spectra is absent: the tests of the shared real data are SKIPPED" >&2
fi
status=0
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j "$(nproc)" || status=$?
report_skips "$build_dir"
[ "$status" -eq 0 ] || exit "$status"
if [ "${SIDEPEAK_SKIP_SANITIZE:-0}" != 1 ]; then
  # Only the bad-input suites (label "robustness") are rebuilt and run under the sanitizers.
  # -O1 -g1 is the level the ASan documentation recommends: line tables are enough for the stack
  # traces of a report, and the build takes about half the time of -O2 -g (the whole CI run has to
  # stay under 30 minutes on a 2-core machine).
  asan_flags="-O1 -g1 -DNDEBUG"
  BUILD_DIR="$root/build-asan" BUILD_TYPE=RelWithDebInfo BUILD_TARGET=robustness_tests "$root/tools/build.sh" \
    -DSIDEPEAK_SANITIZE=ON -DSIDEPEAK_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$asan_flags" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$asan_flags"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure --timeout 900 -j "$(nproc)" -L robustness
  report_skips "$root/build-asan"
fi
