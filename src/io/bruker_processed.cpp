#include "bruker_processed.hpp"

#include <cmath>

#include <fmt/format.h>

#include "bruker_binary.hpp"
#include "bruker_meta.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {

NmrSpectrum read_bruker_processed(const std::filesystem::path& r1, const std::filesystem::path& i1,
                                  const ParamFile& procs) {
    const auto layout = bruker_processed_layout(procs);
    const auto sf = procs.number("SF");
    const auto sw_p = procs.number("SW_p");
    const auto offset = procs.number("OFFSET");
    if (!sf || !(*sf > 0.0) || *sf > kMaxFrequencyMhz) {
        throw InputError(procs.source(), "SF (spectrometer frequency) is missing or impossible");
    }
    if (!sw_p || !(*sw_p > 0.0) || *sw_p > kMaxSweepWidthHz) {
        throw InputError(procs.source(), "SW_p (spectral width) is missing or impossible");
    }
    if (!offset || std::abs(*offset) > 1.0e6) {
        throw InputError(procs.source(), "OFFSET (ppm of the first point) is missing or impossible");
    }

    NmrSpectrum spectrum;
    spectrum.real = read_bruker_values(r1, layout, "SI");
    if (!i1.empty()) spectrum.imag = read_bruker_values(i1, layout, "SI");
    // Bruker's axis: OFFSET is the ppm of point 0 (the high-ppm end); SI points span SW_p, so
    // consecutive points are SW_p/SF/SI ppm apart.
    const double step_ppm = *sw_p / *sf / static_cast<double>(layout.values);
    spectrum.ppm_first = *offset;
    spectrum.ppm_last = *offset - step_ppm * static_cast<double>(layout.values - 1);
    spectrum.spectrometer_mhz = *sf;
    return spectrum;
}

}  // namespace sidepeak::io::detail
