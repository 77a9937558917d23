#pragma once
/// Serialises the C libraries that are not thread-safe: libnetcdf (Unidata: "the netCDF-C library
/// is not thread-safe") and the serial libhdf5 Debian ships (built without the thread-safety
/// option; netCDF-4 files go through it as well). Every use of either library, from opening a
/// file to closing it, holds this lock, so readers and writers on several worker or plugin threads
/// cannot corrupt their global state. It guards those libraries only, never sidepeak's own data.
#include <mutex>

namespace sidepeak {

/// A held lock on the one process-wide mutex for libnetcdf and libhdf5.
[[nodiscard]] std::unique_lock<std::mutex> native_library_lock();

}  // namespace sidepeak
