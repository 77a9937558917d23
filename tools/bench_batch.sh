#!/usr/bin/env bash
# Batch throughput (docs/performance.md, "Batches"): a --batch folder of N entries, symbolic
# links to the bundled generated samples in turn, analysed at --jobs 1 and 2, then resumed with
# nothing left to do. Usage: tools/bench_batch.sh [N] [BUILD_DIR] [WORK_DIR]
set -euo pipefail
n=${1:-5000}
build=${2:-build}
work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/.." && pwd)
sidepeak="$build/src/app/sidepeak"
mkdir -p "$work/batch"
mapfile -t samples < <(find "$here/spectra_samples/generated" -mindepth 1 -maxdepth 1 -type d | sort)
for ((i = 0; i < n; i++)); do
  ln -sfn "${samples[i % ${#samples[@]}]}" "$work/batch/$(printf 's%06d' "$i")"
done
echo "batch of $n entries (${#samples[@]} distinct samples) in $work/batch"
for jobs in ${JOBS:-1 2}; do
  rm -rf "$work/out-$jobs"
  /usr/bin/time -f "jobs $jobs: %e s wall, %U s user, %S s system, %M KiB max RSS" \
    "$sidepeak" analyze --batch "$work/batch" --out "$work/out-$jobs" --jobs "$jobs" --quiet
  /usr/bin/time -f "jobs $jobs, --resume with every sample unchanged: %e s wall, %U s user, %S s system, %M KiB max RSS" \
    "$sidepeak" analyze --batch "$work/batch" --out "$work/out-$jobs" --jobs "$jobs" --quiet --resume
done
