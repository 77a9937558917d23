#pragma once
// Indexed mzML 1.1 writer for simulated MS1 runs: 64-bit m/z and 32-bit intensity arrays,
// zlib-compressed and base64-encoded, a TIC chromatogram, the spectrum/chromatogram byte-offset
// index and the SHA-1 file checksum of indexedmzML.
#include <filesystem>
#include <string>
#include <vector>

#include "lcms_model.hpp"

namespace sidepeak::gen {

void write_mzml(const std::filesystem::path& file, const std::vector<Scan>& scans, const LcmsSettings& settings,
                const std::string& run_id);

}  // namespace sidepeak::gen
