#!/usr/bin/env bash
# Whole-process comparison of sidepeak's LC-MS feature detection with OpenMS FeatureFinderMetabo.
#
#   tools/compare_featurefinder.sh [RUN.mzML] [BUILD_DIR] [REPEAT]
#
# RUN defaults to BSA1.mzML from the openms-doc package; BUILD_DIR (default build) must hold
# bench/lcms_features_bench (configure with -DSIDEPEAK_BUILD_BENCH=ON). Needs FeatureFinderMetabo
# (Debian packages openms, topp) and python3.
#
# Timing: median wall and CPU (user + system) time of REPEAT (default 3) runs of each whole
# process, single-threaded:
#   FeatureFinderMetabo -in RUN -out X.featureXML -threads 1           (default parameters)
#   lcms_features_bench --features RUN X.tsv 10                          (read + process_lcms, S/N >= 10)
#
# One S/N definition for both tools: smoothed apex height / run noise, where the run noise is the
# one sidepeak reports (median over MS1 scans of the median peak intensity).
#   - FeatureFinderMetabo is run once more with -algorithm:mtd:quant_method max_height: its feature
#     intensity is then the apex of the monoisotopic trace's smoothed intensities
#     (use_smoothed_intensities, default true); "its features above S/N 10" are those with
#     intensity / run noise >= 10.
#   - sidepeak's S/N is the smoothed apex over the same run noise (elution_peaks.hpp); its
#     features above S/N 10 are what process_lcms reports with min_snr 10.
# A reference feature counts as found when a sidepeak feature lies within 5 ppm and 6 s: "strict"
# matches only sidepeak's monoisotopic features, "with isotopes" also the isotope traces sidepeak
# assigned to a feature (FeatureFinderMetabo reports isotope traces it could not fit to its
# metabolite isotope model, e.g. of peptides, as features of their own). Precision-like figures:
# the share of sidepeak's S/N >= 10 features that FeatureFinderMetabo also reports (any height, and
# above S/N 10). Misses are broken down: found by sidepeak below S/N 10, m/z 5-20 ppm off, only
# the RT off (6-30 s), not found.
set -euo pipefail
RUN=${1:-$(ls /usr/share/doc/openms*/examples/BSA/BSA1.mzML 2>/dev/null | head -1)}
BUILD=${2:-build}
REPEAT=${3:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$HERE/$BUILD/bench/lcms_features_bench"
[[ -f "$RUN" ]] || { echo "run not found: $RUN" >&2; exit 1; }
[[ -x "$BENCH" ]] || { echo "not built: $BENCH (configure with -DSIDEPEAK_BUILD_BENCH=ON)" >&2; exit 1; }
command -v FeatureFinderMetabo >/dev/null || { echo "FeatureFinderMetabo not installed (apt-get install openms topp)" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

median_time() {  # "wall cpu": medians over REPEAT runs of "$@" (cpu = user + system)
    local walls=() cpus=()
    for _ in $(seq "$REPEAT"); do
        local t
        t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | tail -1)
        walls+=("$(echo "$t" | awk '{print $1}')")
        cpus+=("$(echo "$t" | awk '{print $2 + $3}')")
    done
    local w c
    w=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    c=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$w $c"
}

T_FFM=$(median_time FeatureFinderMetabo -in "$RUN" -out "$OUT/ffm.featureXML" -threads 1)
T_OURS=$(median_time "$BENCH" --features "$RUN" "$OUT/ours.tsv" 10)
FeatureFinderMetabo -in "$RUN" -out "$OUT/ffm_height.featureXML" -threads 1 -algorithm:mtd:quant_method max_height >/dev/null 2>&1
FeatureFinderMetabo -in "$RUN" -out "$OUT/ffm_snr.featureXML" -threads 1 -algorithm:mtd:quant_method max_height \
    -algorithm:epd:masstrace_snr_filtering -algorithm:common:chrom_peak_snr 10 >/dev/null 2>&1
NOISE=$("$BENCH" --features "$RUN" "$OUT/ours.tsv" 10 2>&1 | sed -n 's/.*noise \([0-9.eE+-]*\),.*/\1/p')
"$BENCH" --features "$RUN" "$OUT/ours_all.tsv" 0 2>/dev/null

python3 - "$OUT/ffm_height.featureXML" "$OUT/ours.tsv" "$NOISE" "$T_FFM" "$T_OURS" "$OUT/ffm_snr.featureXML" "$OUT/ours_all.tsv" <<'PY'
import bisect, sys
import xml.etree.ElementTree as ET
ffm_path, ours_path, noise = sys.argv[1], sys.argv[2], float(sys.argv[3])
(w_ffm, c_ffm), (w_ours, c_ours) = (map(float, a.split()) for a in (sys.argv[4], sys.argv[5]))
ffm_snr_path, ours_all_path = sys.argv[6], sys.argv[7]
def read_ffm(path):
    out = []
    for _, el in ET.iterparse(path):
        if el.tag == "feature":
            pos = {p.get("dim"): float(p.text) for p in el.findall("position")}
            out.append((pos["1"], pos["0"], float(el.find("intensity").text)))
            el.clear()
    return out
def read_ours(path):
    mono, anyion = [], []
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            r = line.rstrip("\n").split("\t")
            mz, rt = float(r[col["mz"]]), float(r[col["rt_s"]])
            mono.append((mz, rt))
            anyion.append((mz, rt))
            for iso in filter(None, r[col["isotopes"]].split(",")):
                anyion.append((float(iso), rt))
    return sorted(mono), sorted(anyion)
def found(ref, table, ppm=5.0, rt_tol=6.0):
    keys = [t[0] for t in table]
    k = bisect.bisect_left(keys, ref[0] * (1 - ppm * 1e-6))
    while k < len(table) and table[k][0] <= ref[0] * (1 + ppm * 1e-6):
        if abs(table[k][1] - ref[1]) <= rt_tol:
            return True
        k += 1
    return False
def pct(a, b):
    return f"{a}/{b} = {100.0 * a / max(b, 1):.1f} %"
ffm = read_ffm(ffm_path)
ffm_snr = read_ffm(ffm_snr_path)
mono, anyion = read_ours(ours_path)
_, anyion_all = read_ours(ours_all_path)
strong = [f for f in ffm if noise > 0 and f[2] / noise >= 10]
strict = sum(found(f, mono) for f in strong)
lenient = sum(found(f, anyion) for f in strong)
ffm_all = sorted((f[0], f[1]) for f in ffm)
ffm_strong = sorted((f[0], f[1]) for f in strong)
back = sum(found((m, r), ffm_all) for m, r in mono)
back_strong = sum(found((m, r), ffm_strong) for m, r in mono)
missed = [f for f in strong if not found(f, anyion)]
low = sum(found(f, anyion_all) for f in missed)
rest = [f for f in missed if not found(f, anyion_all)]
mz_off = sum(found(f, anyion_all, ppm=20.0) for f in rest)
rest = [f for f in rest if not found(f, anyion_all, ppm=20.0)]
rt_off = sum(found(f, anyion_all, rt_tol=30.0) for f in rest)
print(f"run noise {noise:g}; S/N of both tools = smoothed apex height / run noise")
print(f"FeatureFinderMetabo: {len(ffm)} features, {len(strong)} at S/N >= 10")
print(f"sidepeak: {len(mono)} features at S/N >= 10, {len(anyion) - len(mono)} isotope traces assigned to them")
print(f"recall of FFM S/N>=10 features, strict (sidepeak monoisotopic only): {pct(strict, len(strong))}")
print(f"recall of FFM S/N>=10 features, with isotopes:                      {pct(lenient, len(strong))}")
print(f"  misses: {low} found by sidepeak below S/N 10, {mz_off} m/z 5-20 ppm off, {rt_off} RT 6-30 s off, {len(rest) - rt_off} not found")
print(f"precision-like: sidepeak S/N>=10 features that FFM reports at all:  {pct(back, len(mono))}")
print(f"                sidepeak S/N>=10 features that FFM has at S/N>=10:  {pct(back_strong, len(mono))}")
own = sum(found(f, anyion) for f in ffm_snr)
own_all = sum(found(f, anyion_all) for f in ffm_snr)
det = sum(found(f, anyion_all) for f in strong)
print(f"detection recall of FFM S/N>=10 features at any sidepeak S/N: {pct(det, len(strong))}")
print(f"FFM's own S/N filter (masstrace_snr_filtering, chrom_peak_snr 10: smoothed apex / RMS residual): {len(ffm_snr)} features;")
print(f"  found by sidepeak at S/N>=10 (with isotopes): {pct(own, len(ffm_snr))}, at any S/N: {pct(own_all, len(ffm_snr))}")
print(f"whole process, median of runs: FeatureFinderMetabo wall {w_ffm:.3f} s cpu {c_ffm:.3f} s; "
      f"sidepeak wall {w_ours:.3f} s cpu {c_ours:.3f} s; speed-up wall {w_ffm / w_ours:.1f}x, cpu {c_ffm / max(c_ours, 1e-9):.1f}x")
PY
