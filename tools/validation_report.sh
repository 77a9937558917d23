#!/bin/sh
# Measures the classifier on spike-in samples (real FIDs and real LC-MS runs with simulated
# by-products, tools/spikein) and writes docs/accuracy-spikein.md:
#   held-out families on a seed nobody tuned on, the tuning families on the tuning seed, the
#   product-only LC-MS negatives, the dilution series (detection limits) and the calibration fit.
#   tools/validation_report.sh [BUILD_DIR] [HELD_OUT_SEED]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
heldout_seed=${2:-9001}
# VALIDATE names an already built sidepeak-validate (then nothing is built).
if [ -n "${VALIDATE:-}" ]; then
    validate=$VALIDATE
else
    cmake --build "$build" --target sidepeak-validate >/dev/null
    validate="$build/tools/sidepeak-validate"
fi
out="$root/docs/accuracy-spikein.md"
tmp=$(mktemp)
{
    echo "# Spike-in accuracy tables"
    echo
    echo "Written by \`tools/validation_report.sh\` (see docs/accuracy.md for the summary and docs/validation.md"
    echo "for how the samples are made). Held-out: reagent families never used while the detectors were"
    echo "tuned (everything but benzyl and methyl), on seed $heldout_seed, which was not looked at before."
    echo
    "$validate" --seed "$heldout_seed" --families heldout --per-nmr 40 --per-lcms 12 --rows 40
    echo
    echo "## LC-MS held-out families on MS1 alone (every MS2 scan removed)"
    echo
    "$validate" --seed "$heldout_seed" --families heldout --modality lcms --ms2 none --per-lcms 12 --rows 0 --no-negatives
    echo
    echo "## Tuning families (benzyl, methyl) on the tuning seed 2027"
    echo
    "$validate" --seed 2027 --families tuning --per-nmr 40 --per-lcms 12 --rows 0 --no-negatives
    echo
    echo "## Detection limits"
    echo
    "$validate" --seed "$heldout_seed" --dilution --per-nmr 8 --per-lcms 4
    echo
    echo "## Calibration fit on the tuning families (seed 2027; the table in src/classify/calibration.cpp)"
    echo
    "$validate" --seed 2027 --families tuning --per-nmr 90 --per-lcms 60 --calibrate
} >"$tmp" 2>/dev/null
mv "$tmp" "$out"
echo "wrote $out"
