#include "sidepeak/signal/lcms_stream.hpp"

#include <limits>
#include <utility>

namespace sidepeak::signal {

LcmsStream::LcmsStream(const LcmsProcessingOptions& options, const std::optional<Ms2IndexOptions>& ms2_options)
    : options_(options),
      ms2_options_(ms2_options),
      scan_(centroid_options(options)),
      occupancy_(options.mass_tolerance_ppm),
      store_(options.memory_cap_bytes / 2) {}

void LcmsStream::add(const MsSpectrum& spectrum) {
    const std::size_t index = spectra_++;
    polarity_.add(spectrum);
    if (spectrum.ms_level == 1) {
        scan_.add(spectrum, index);
        const PeakMap one = scan_.finish();
        summary_.add_scan(one.rt_s[0], one.scan_mz(0), one.scan_intensity(0));
        occupancy_.add(one.mz);
        store_.add_scan(one.rt_s[0], one.spectrum[0], one.mz, one.intensity);
    }
    if (spectrum.ms_level == 2 && ms2_options_) {
        if (auto scan = to_ms2_scan(spectrum, *ms2_options_)) ms2_.push_back(std::move(*scan));
    }
}

LcmsResult LcmsStream::process() const {
    return process_slabs(
        summary_, occupancy_, [this](double lo, double hi) { return store_.load(lo, hi); }, spectra_, polarity_.negative(), options_);
}

PeakMap LcmsStream::peak_map() const {
    return store_.load(-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity());
}

Ms2Index LcmsStream::take_ms2_index() {
    if (ms2_.empty() || !ms2_options_) return {};
    return Ms2Index(std::exchange(ms2_, {}), *ms2_options_);
}

}  // namespace sidepeak::signal
