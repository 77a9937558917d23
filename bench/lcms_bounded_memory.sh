#!/bin/sh
# Bounded-memory check of LC-MS streaming (issue 10): the maximum RSS of bench/lcms_memory_bench
# (MS1 stream + feature detection under a memory cap) on a real run repeated SHORT and LONG times
# (bench/repeat_run, raw 64-bit arrays). Fails when the longer run needs more than 15 % + 32 MiB
# above the shorter one: memory then grows with run length instead of being bounded by the cap.
#   bench/lcms_bounded_memory.sh [BUILD] [SHORT] [LONG] [CAP_MIB]
# Writes its runs under ${TMPDIR:-/tmp} and deletes them.
set -eu
build=${1:-build}
short=${2:-42}
long=${3:-200}
cap=${4:-128}
run=$(dirname "$0")/../spectra_samples/real/ms/mzml/BSA1_F1.mzML
dir=$(mktemp -d "${TMPDIR:-/tmp}/sidepeak-bounded.XXXXXX")
trap 'rm -rf "$dir"' EXIT
rss() {
    "$build/bench/repeat_run" "$run" "$dir/run.mzML" "$1" raw >/dev/null
    /usr/bin/time -f "%M" -o "$dir/rss" "$build/bench/lcms_memory_bench" "$dir/run.mzML" "$cap" 0 ms1 >&2
    rm -f "$dir/run.mzML"
    cat "$dir/rss"
}
a=$(rss "$short")
b=$(rss "$long")
echo "max RSS: x$short $a KiB, x$long $b KiB (cap $cap MiB)"
limit=$((a * 115 / 100 + 32768))
if [ "$b" -gt "$limit" ]; then
    echo "FAIL: RSS grows with run length (x$long $b KiB > $limit KiB)"
    exit 1
fi
echo "OK: bounded"
