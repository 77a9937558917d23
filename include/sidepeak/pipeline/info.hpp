#pragma once
/// `sidepeak info`: format and acquisition metadata of one input, read here and written by
/// report/info_report.hpp (JSON or "key: value" lines). For LC-MS every spectrum is decoded, so
/// the totals (peaks, intensity range) double as a decode benchmark.
#include <filesystem>

#include "sidepeak/report/info_report.hpp"

namespace sidepeak::pipeline {

/// Throws InputError when the input cannot be read.
report::InputInfo describe_input(const std::filesystem::path& path);

}  // namespace sidepeak::pipeline
