#!/usr/bin/env bash
# Whole-process comparison of sidepeak's LC-MS feature detection with OpenMS FeatureFinderMetabo.
#
#   tools/compare_featurefinder.sh [RUN.mzML] [BUILD_DIR] [REPEAT]
#
# RUN defaults to BSA1.mzML from the openms-doc package; BUILD_DIR (default build) must hold
# bench/lcms_features_bench (configure with -DSIDEPEAK_BUILD_BENCH=ON). Needs FeatureFinderMetabo
# (Debian packages openms, topp) and python3.
#
# Timing: median wall time of REPEAT (default 3) runs of each whole process, single-threaded:
#   FeatureFinderMetabo -in RUN -out X.featureXML -threads 1           (default parameters)
#   lcms_features_bench --features RUN X.tsv 10                          (read + process_lcms, S/N >= 10)
# Recall: FeatureFinderMetabo is run once more with -algorithm:mtd:quant_method max_height so each
# feature carries its apex height; its features with height / run noise >= 10 (the run noise that
# sidepeak reports: median over MS1 scans of the median peak intensity) are the reference set.
# One counts as found when a sidepeak feature lies within 5 ppm and 6 s; "strict" matches only
# sidepeak's monoisotopic features, "with isotopes" also the isotope traces sidepeak assigned to
# a feature (FeatureFinderMetabo reports isotope traces it could not fit to its metabolite
# isotope model, e.g. of peptides, as features of their own).
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

median_time() {  # median wall seconds of REPEAT runs of "$@"
    local times=()
    for _ in $(seq "$REPEAT"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        times+=("$(echo "$t1 - $t0" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
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
ffm_path, ours_path, noise, t_ffm, t_ours = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
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
ffm = read_ffm(ffm_path)
ffm_snr = read_ffm(ffm_snr_path)
mono, anyion = read_ours(ours_path)
_, anyion_all = read_ours(ours_all_path)
def found(ref, table, ppm=5.0, rt_tol=6.0):
    keys = [t[0] for t in table]
    k = bisect.bisect_left(keys, ref[0] * (1 - ppm * 1e-6))
    while k < len(table) and table[k][0] <= ref[0] * (1 + ppm * 1e-6):
        if abs(table[k][1] - ref[1]) <= rt_tol:
            return True
        k += 1
    return False
strong = [f for f in ffm if noise > 0 and f[2] / noise >= 10]
strict = sum(found(f, mono) for f in strong)
lenient = sum(found(f, anyion) for f in strong)
back = sum(found((m, r, 0), [(f[0], f[1]) for f in sorted(ffm)]) for m, r in mono)
print(f"FeatureFinderMetabo: {len(ffm)} features, {len(strong)} with apex/noise >= 10 (run noise {noise:g})")
print(f"sidepeak: {len(mono)} features (S/N >= 10), {len(anyion) - len(mono)} isotope traces assigned to them")
print(f"recall of FFM S/N>=10 features, strict (monoisotopic only): {strict}/{len(strong)} = {100.0 * strict / max(len(strong), 1):.1f} %")
print(f"recall of FFM S/N>=10 features, with isotopes:              {lenient}/{len(strong)} = {100.0 * lenient / max(len(strong), 1):.1f} %")
print(f"sidepeak features that FFM also reports:                    {back}/{len(mono)} = {100.0 * back / max(len(mono), 1):.1f} %")
own = sum(found(f, anyion) for f in ffm_snr)
own_all = sum(found(f, anyion_all) for f in ffm_snr)
det = sum(found(f, anyion_all) for f in strong)
print(f"detection recall of FFM apex/noise>=10 features at any sidepeak S/N: {det}/{len(strong)} = {100.0 * det / max(len(strong), 1):.1f} %")
print(f"FFM's own S/N filter (masstrace_snr_filtering, chrom_peak_snr 10: smoothed apex / RMS residual): {len(ffm_snr)} features;")
print(f"  found by sidepeak at S/N>=10 (with isotopes): {own}/{len(ffm_snr)} = {100.0 * own / max(len(ffm_snr), 1):.1f} %, at any S/N: {own_all}/{len(ffm_snr)} = {100.0 * own_all / max(len(ffm_snr), 1):.1f} %")
print(f"whole-process median wall time: FeatureFinderMetabo {t_ffm:.3f} s, sidepeak {t_ours:.3f} s, speed-up {t_ffm / t_ours:.1f}x")
PY
