#pragma once
/// `sidepeak info`: format and acquisition metadata of one input, with the field names of the
/// design contract (path, format, kind, nucleus, spectrometer_mhz, points, solvent, spectra,
/// ms_levels, rt_range_s, mz_range, centroided). For LC-MS every spectrum is decoded, so the
/// totals (peaks, intensity range) double as a decode benchmark.
#include <filesystem>

#include <nlohmann/json.hpp>

namespace sidepeak::pipeline {

/// Throws InputError when the input cannot be read.
nlohmann::json describe_input(const std::filesystem::path& path);

}  // namespace sidepeak::pipeline
