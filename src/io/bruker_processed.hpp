#pragma once
/// Vendor-processed Bruker spectra: pdata/<procno>/1r (+1i) with procs.
#include <filesystem>

#include "param_file.hpp"
#include "sidepeak/core/nmr_data.hpp"

namespace sidepeak::io::detail {

/// Reads 1r (and 1i when present) from `proc_dir` using procs: SI points, DTYPP, BYTORDP,
/// scaled by 2^NC_proc. Axis: point 0 at OFFSET ppm, step -SW_p/SF/SI ppm per point,
/// spectrometer_mhz = SF. Throws InputError naming the file for missing or impossible values.
NmrSpectrum read_bruker_processed(const std::filesystem::path& r1, const std::filesystem::path& i1,
                                  const ParamFile& procs);

}  // namespace sidepeak::io::detail
