#!/usr/bin/env bash
# Installs the Debian 12 packages sidepeak needs to build and test (as root, or through sudo).
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config
  libfftw3-dev libboost-dev libboost-math-dev libhdf5-dev hdf5-tools libnetcdf-dev zlib1g-dev libssl-dev
  libpugixml-dev nlohmann-json3-dev libcli11-dev libfmt-dev libtbb-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3-pymzml python3-h5py python3-jsonschema python3-websocket snakemake)
if [ "${SIDEPEAK_BROWSER_TESTS:-1}" = 1 ]; then packages+=(chromium); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
