#!/usr/bin/env bash
# Configures and builds sidepeak into ${BUILD_DIR:-build} (Release, warnings as errors under CI).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  -DSIDEPEAK_WERROR="${SIDEPEAK_WERROR:-$werror}" "$@"
cmake --build "$build" --parallel "${JOBS:-$(nproc)}" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
