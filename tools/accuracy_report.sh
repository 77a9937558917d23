#!/bin/sh
# Runs the classifier over a labelled generated set and writes the confusion tables.
#   tools/accuracy_report.sh [BUILD_DIR] [SEED OUT_DIR]
# Without SEED: evaluates spectra_samples/generated and rewrites docs/accuracy-generated.md.
# With SEED and OUT_DIR: generates a held-out set there (sidepeak-generate --seed SEED) and prints
# its report on stdout (docs/ is left alone).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
cmake --build "$build" --target sidepeak-generate test_golden_accuracy_test >/dev/null
status=0
if [ $# -ge 3 ]; then
    "$build/tools/sidepeak-generate" --out "$3" --seed "$2" >/dev/null
    report=$(mktemp)
    SIDEPEAK_ACCURACY_SET="$3" SIDEPEAK_ACCURACY_REPORT="$report" \
        "$build/tests/test_golden_accuracy_test" --gtest_filter='Accuracy.PerClass*' >/dev/null || status=$?
    cat "$report"
    rm -f "$report"
else
    (cd "$root" && SIDEPEAK_ACCURACY_REPORT="$root/docs/accuracy-generated.md" \
        "$build/tests/test_golden_accuracy_test" --gtest_filter='Accuracy.PerClass*') || status=$?
    echo "wrote $root/docs/accuracy-generated.md"
fi
exit $status
