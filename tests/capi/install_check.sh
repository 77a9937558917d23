#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds a C client against the installed library in
# the two documented ways: pkg-config (sidepeak.pc) and CMake find_package(sidepeak).
#   install_check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"; src="$2"
prefix="$(mktemp -d)"; trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir="$prefix/lib"; [ -d "$prefix/lib64" ] && libdir="$prefix/lib64"
[ -d "$prefix/lib/x86_64-linux-gnu" ] && libdir="$prefix/lib/x86_64-linux-gnu"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --exists sidepeak
cc -std=c11 -Wall -Werror -o "$prefix/client" "$src/tests/capi/capi_test.c" $(pkg-config --cflags --libs sidepeak)
LD_LIBRARY_PATH="$libdir" "$prefix/client" "$src"
mkdir -p "$prefix/cm"
cat > "$prefix/cm/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(client C)
find_package(sidepeak REQUIRED)
add_executable(client2 $src/tests/capi/capi_test.c)
target_link_libraries(client2 PRIVATE sidepeak::sidepeak)
CM
cmake -S "$prefix/cm" -B "$prefix/cm/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/cm/build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$prefix/cm/build/client2" "$src"
echo "install check: pkg-config and find_package clients pass"
