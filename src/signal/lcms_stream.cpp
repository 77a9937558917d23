#include "sidepeak/signal/lcms_stream.hpp"

#include <utility>

namespace sidepeak::signal {

LcmsStream::LcmsStream(const LcmsProcessingOptions& options, const Ms2IndexOptions& ms2_options)
    : options_(options), ms2_options_(ms2_options), peaks_(centroid_options(options)) {}

void LcmsStream::add(const MsSpectrum& spectrum) {
    peaks_.add(spectrum, spectra_++);
    polarity_.add(spectrum);
    if (auto scan = to_ms2_scan(spectrum, ms2_options_)) ms2_.push_back(std::move(*scan));
}

LcmsResult LcmsStream::process() const { return process_peak_map(peaks_.map(), spectra_, polarity_.negative(), options_); }

Ms2Index LcmsStream::take_ms2_index() {
    if (ms2_.empty()) return {};
    return Ms2Index(std::exchange(ms2_, {}), ms2_options_);
}

}  // namespace sidepeak::signal
