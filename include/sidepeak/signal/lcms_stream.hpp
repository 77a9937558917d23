#pragma once
/// Streaming input of the LC-MS pipeline: spectra are added one at a time in run order (as
/// io::MsSource::next gives them) and only what the analysis needs is kept (the MS1 centroids,
/// the MS2 fragment lists with their precursor data, the polarity count), never the raw arrays of
/// the run. process() then gives the same LcmsResult as process_lcms on the whole run.
#include <cstddef>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::signal {

/// Counts MS1 spectra per polarity; a run is negative-mode when most of them are.
struct PolarityCount {
    std::size_t positive_scans = 0;
    std::size_t negative_scans = 0;
    void add(const MsSpectrum& s) noexcept {
        if (s.ms_level != 1) return;
        if (s.polarity == Polarity::negative) ++negative_scans;
        if (s.polarity == Polarity::positive) ++positive_scans;
    }
    [[nodiscard]] bool negative() const noexcept { return negative_scans > positive_scans; }
};

/// The centroiding process_lcms applies to profile MS1 spectra with `options`.
[[nodiscard]] CentroidOptions centroid_options(const LcmsProcessingOptions& options);

class LcmsStream {
public:
    LcmsStream(const LcmsProcessingOptions& options, const Ms2IndexOptions& ms2_options);
    /// The per-spectrum work of add() that does not depend on the other spectra (centroiding a
    /// profile MS1 spectrum): const and thread-safe, so a reader may run it on several spectra
    /// at once. add() of a prepared spectrum gives the same result as add() of the original.
    void prepare(MsSpectrum& spectrum) const { peaks_.prepare(spectrum); }
    /// Adds the next spectrum of the run.
    void add(const MsSpectrum& spectrum);
    [[nodiscard]] std::size_t spectra() const noexcept { return spectra_; }
    [[nodiscard]] bool has_ms2() const noexcept { return !ms2_.empty(); }
    /// The LC-MS pipeline on what was added.
    [[nodiscard]] LcmsResult process() const;
    [[nodiscard]] const PeakMap& peak_map() const noexcept { return peaks_.map(); }
    /// The MS2 index of the fragment spectra added (empty when there were none); call once.
    [[nodiscard]] Ms2Index take_ms2_index();

private:
    LcmsProcessingOptions options_;
    Ms2IndexOptions ms2_options_;
    PeakMapBuilder peaks_;
    std::vector<Ms2Scan> ms2_;
    PolarityCount polarity_;
    std::size_t spectra_ = 0;
};

}  // namespace sidepeak::signal
