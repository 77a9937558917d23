#pragma once
// Writes one NMR spike-in sample as the pipeline sees it, so a miss can be read line by line:
// <id>.csv (ppm, processed real intensity, subtracted baseline) and <id>.txt (labels, processing
// figures, picked peaks and multiplets). The dump holds only what sidepeak's own processing
// produced from the spiked FID, never the simulated signals themselves.
#include <filesystem>

#include "labelled.hpp"

namespace sidepeak::spikein {

/// Processes `sample`'s NMR data with the default options and writes the two files into `dir`
/// (created when absent). Returns false, with nothing written, for a sample without NMR data.
bool dump_nmr_sample(const LabelledSample& sample, const std::filesystem::path& dir);

}  // namespace sidepeak::spikein
