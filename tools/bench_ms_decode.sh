#!/usr/bin/env bash
# Side-by-side LC-MS decode throughput: sidepeak (bench/ms_decode_bench) against ProteoWizard
# (pwiz_read from ../shared/peers), OpenMS FileInfo and pymzml on BSA1.mzML (Debian openms-doc) and
# its zlib, MS-Numpress and mzXML conversions made with msconvert. Peers that are not installed
# are skipped. Nothing is downloaded.
#   tools/bench_ms_decode.sh [BUILD_DIR]     (default build; needs -DSIDEPEAK_BUILD_BENCH=ON)
# Settings: DATA (scratch folder for the conversions, default /tmp/sidepeak-ms-bench), RUNS (5).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
DATA="${DATA:-/tmp/sidepeak-ms-bench}"
RUNS="${RUNS:-5}"
PEERS="$ROOT/../shared/peers"
BSA=/usr/share/doc/openms/examples/BSA/BSA1.mzML
mkdir -p "$DATA"

[[ -f "$BSA" ]] || { echo "missing $BSA (apt-get install openms-doc)"; exit 1; }
if command -v msconvert >/dev/null; then
  [[ -s "$DATA/BSA1.zlib.mzML" ]] || msconvert "$BSA" -z -o "$DATA" --outfile BSA1.zlib.mzML >/dev/null 2>&1
  [[ -s "$DATA/BSA1.numpress.mzML" ]] || msconvert "$BSA" -z --numpressLinear --numpressPic -o "$DATA" --outfile BSA1.numpress.mzML >/dev/null 2>&1
  [[ -s "$DATA/BSA1.mzXML" ]] || msconvert "$BSA" --mzXML -o "$DATA" --outfile BSA1.mzXML >/dev/null 2>&1
else
  echo "msconvert not found (apt-get install libpwiz-tools): only BSA1.mzML is measured"
fi
FILES=("$BSA")
for f in BSA1.zlib.mzML BSA1.numpress.mzML BSA1.mzXML; do [[ -s "$DATA/$f" ]] && FILES+=("$DATA/$f"); done

echo "== sidepeak (io::ms_stats: stream every spectrum, decode arrays; 1 thread)"
[[ -x "$BUILD/bench/ms_decode_bench" ]] || cmake --build "$BUILD" --target ms_decode_bench
SIDEPEAK_MS_BENCH_FILES="$(IFS=:; echo "${FILES[*]}")" "$BUILD/bench/ms_decode_bench" \
  --benchmark_filter='decode/BSA1' --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true

PWIZ="$DATA/pwiz_read"
if [[ ! -x "$PWIZ" && -f "$PEERS/pwiz_read.cpp" && -d /usr/include/proteowizard ]]; then
  g++ -O2 -std=c++17 -Wno-deprecated-declarations -I/usr/include/proteowizard "$PEERS/pwiz_read.cpp" -o "$PWIZ" \
    -lpwiz -lboost_filesystem -lboost_iostreams -lboost_thread -lboost_system -lz || true
fi
if [[ -x "$PWIZ" ]]; then
  echo "== ProteoWizard (pwiz_read, median of $RUNS)"
  for f in "${FILES[@]}"; do "$PWIZ" "$f" "$RUNS" | sed -n '1p;3,4p'; done
fi
if command -v FileInfo >/dev/null && command -v hyperfine >/dev/null; then
  echo "== OpenMS FileInfo -s (whole process, includes start-up)"
  for f in "$BSA" "$DATA/BSA1.mzXML"; do [[ -s "$f" ]] && hyperfine -N --warmup 1 --runs "$RUNS" "FileInfo -s -in $f" 2>/dev/null | grep -E 'Time|Benchmark'; done
fi
if /usr/bin/python3 -c 'import pymzml' 2>/dev/null && [[ -f "$PEERS/ms_pymzml.py" ]]; then
  echo "== pymzml (median of $RUNS)"
  for f in "$BSA" "$DATA/BSA1.zlib.mzML"; do /usr/bin/python3 "$PEERS/ms_pymzml.py" "$f" --repeat "$RUNS" | head -4; done
fi
