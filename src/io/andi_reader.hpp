#pragma once
#include <filesystem>
#include <memory>

#include "sidepeak/io/ms_readers.hpp"

namespace sidepeak::io::detail {
/// Streams an ANDI/AIA MS netCDF run (ASTM E2077).
std::unique_ptr<MsSource> open_andi(const std::filesystem::path& path);
}  // namespace sidepeak::io::detail
