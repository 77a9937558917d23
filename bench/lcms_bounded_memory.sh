#!/bin/sh
# Bounded-memory check of LC-MS streaming (issue 10): the maximum RSS of bench/lcms_memory_bench
# (MS1 stream + feature detection under a memory cap) on a real run repeated SHORT and LONG times
# (bench/repeat_run, raw 64-bit arrays). The reported features are the result and grow with the
# run (a run repeated N times has N times the features); everything else must not. Fails when the
# longer run needs more than 15 % + 32 MiB above the shorter one plus FEATURE_BYTES per extra
# reported feature (default 1280: the Feature of the result, about 220 bytes measured with
# mallinfo2, and while adducts are grouped its elution profile and scan list, about 300, and its
# adduct hypotheses, 40 bytes for each of the table's positive adducts; measured growth on BSA1_F1
# x 42 -> x 200: 1.1 kB per extra feature).
#   bench/lcms_bounded_memory.sh [BUILD] [SHORT] [LONG] [CAP_MIB] [FEATURE_BYTES]
# Writes its runs under ${TMPDIR:-/tmp} and deletes them.
set -eu
build=${1:-build}
short=${2:-42}
long=${3:-200}
cap=${4:-128}
per_feature=${5:-1280}
run=$(dirname "$0")/../spectra_samples/real/ms/mzml/BSA1_F1.mzML
dir=$(mktemp -d "${TMPDIR:-/tmp}/sidepeak-bounded.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# Prints "RSS_KiB FEATURES" of one run.
measure() {
    "$build/bench/repeat_run" "$run" "$dir/run.mzML" "$1" raw >/dev/null
    /usr/bin/time -f "%M" -o "$dir/rss" "$build/bench/lcms_memory_bench" "$dir/run.mzML" "$cap" 0 ms1 >"$dir/out"
    rm -f "$dir/run.mzML"
    cat "$dir/out" >&2
    echo "$(cat "$dir/rss") $(sed -n 's/.*features \([0-9]*\).*/\1/p' "$dir/out" | head -n 1)"
}
set -- $(measure "$short")
a=$1
fa=$2
set -- $(measure "$long")
b=$1
fb=$2
echo "max RSS: x$short $a KiB ($fa features), x$long $b KiB ($fb features) (cap $cap MiB)"
limit=$((a * 115 / 100 + 32768 + (fb - fa) * per_feature / 1024))
if [ "$b" -gt "$limit" ]; then
    echo "FAIL: RSS grows with run length beyond the features reported (x$long $b KiB > $limit KiB)"
    exit 1
fi
echo "OK: bounded apart from the features reported (x$long $b KiB <= $limit KiB)"
