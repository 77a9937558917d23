#pragma once
#include <filesystem>
#include <memory>

#include "sidepeak/io/ms_readers.hpp"

namespace sidepeak::io::detail {
/// Streams an mzMLb run (HDF5 container: mzML XML in dataset "mzML", arrays in named datasets).
std::unique_ptr<MsSource> open_mzmlb(const std::filesystem::path& path);
}  // namespace sidepeak::io::detail
