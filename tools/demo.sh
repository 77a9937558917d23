#!/usr/bin/env bash
# Installs dependencies, builds, analyses the bundled spectra_samples and writes an HTML report
# to ${OUT:-demo-report}/report.html.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/deps.sh"
BUILD_DIR="${BUILD_DIR:-$root/build}" "$root/tools/build.sh" -DSIDEPEAK_BUILD_TESTS=OFF -DSIDEPEAK_BUILD_BENCH=OFF
out="${OUT:-$root/demo-report}"
status=0
"${BUILD_DIR:-$root/build}/src/app/sidepeak" analyze --samples "$root/spectra_samples/demo/samples.csv" \
  --out "$out" --format html,json,csv,h5 || status=$?
echo "report: $out/report.html"
# Exit status 2 means some inputs could not be read; the report lists them.
[ "$status" -eq 0 ] || [ "$status" -eq 2 ]
