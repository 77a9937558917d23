#include "sidepeak/signal/lcms_stream.hpp"

#include <limits>
#include <memory>
#include <utility>

#include "heap_release.hpp"

namespace sidepeak::signal {
namespace {

// Share of LcmsProcessingOptions::memory_cap_bytes the MS2 fragment lists may hold in memory
// during the stream (1/4: the centroid store has 1/2; the rest is headroom for the reader's
// spectra in flight and the scans' metadata).
constexpr std::size_t kMs2CapDivisor = 4;

std::size_t fragment_bytes(const Ms2Scan& s) noexcept { return (s.mz.size() + s.intensity.size()) * sizeof(double); }

}  // namespace

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
        if (auto scan = to_ms2_scan(spectrum, *ms2_options_)) {
            ms2_bytes_ += fragment_bytes(*scan);
            ms2_.push_back(std::move(*scan));
            if (ms2_bytes_ > options_.memory_cap_bytes / kMs2CapDivisor) spill_ms2();
        }
    }
}

void LcmsStream::finish() {
    store_.finish();
    if (ms2_spill_) spill_ms2();
}

LcmsResult LcmsStream::process() const {
    LcmsResult result = process_slabs(
        summary_, occupancy_, [this](double lo, double hi) { return store_.load(lo, hi); }, spectra_, polarity_.negative(), options_);
    detail::release_free_heap();  // the candidates' profiles and the adduct hypotheses
    return result;
}

PeakMap LcmsStream::peak_map() const {
    return store_.load(-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity());
}

void LcmsStream::spill_ms2() {
    if (!ms2_spill_) ms2_spill_ = std::make_shared<detail::SpillFile>();
    for (std::size_t k = ms2_in_memory_; k < ms2_.size(); ++k) {
        Ms2Scan& s = ms2_[k];
        const std::size_t n = s.mz.size();
        s.spilled = true;
        s.spill_count = n;
        if (n > 0) {
            s.spill_offset = ms2_spill_->append(s.mz.data(), n * sizeof(double));
            ms2_spill_->append(s.intensity.data(), n * sizeof(double));
        }
        // Released, not just cleared (assigning {} would keep the capacity).
        std::vector<double>().swap(s.mz);
        std::vector<double>().swap(s.intensity);
    }
    ms2_in_memory_ = ms2_.size();
    ms2_bytes_ = 0;
    detail::release_free_heap();
}

std::uint64_t LcmsStream::ms2_bytes_spilled() const noexcept { return ms2_spill_ ? ms2_spill_->size() : 0; }

Ms2Index LcmsStream::take_ms2_index() {
    if (ms2_.empty() || !ms2_options_) return {};
    ms2_in_memory_ = 0;
    ms2_bytes_ = 0;
    return Ms2Index(std::exchange(ms2_, {}), *ms2_options_, std::exchange(ms2_spill_, nullptr));
}

}  // namespace sidepeak::signal
