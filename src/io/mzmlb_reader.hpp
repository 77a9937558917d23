#pragma once
#include <filesystem>
#include <memory>

#include "sidepeak/io/ms_readers.hpp"

namespace sidepeak::io::detail {
/// Streams an mzMLb run (HDF5 container: mzML XML in dataset "mzML", arrays in named datasets).
std::unique_ptr<MsSource> open_mzmlb(const std::filesystem::path& path);
/// True when `path` opens as HDF5 and holds a dataset "mzML" (what makes an HDF5 file mzMLb,
/// PSI mzMLb 1.0, Bhamber et al. 2021). Never throws; false for anything unreadable.
bool is_mzmlb(const std::filesystem::path& path) noexcept;
}  // namespace sidepeak::io::detail
