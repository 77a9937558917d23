#pragma once
#include <filesystem>
#include <memory>

#include "sidepeak/io/ms_readers.hpp"

namespace sidepeak::io::detail {
/// Streams an mzXML 2.x/3.x run.
std::unique_ptr<MsSource> open_mzxml(const std::filesystem::path& path);
}  // namespace sidepeak::io::detail
