#pragma once
/// Streaming input of the LC-MS pipeline: spectra are added one at a time in run order (as
/// io::MsSource::next gives them) and only what the analysis needs is kept (the MS1 centroids,
/// the MS2 fragment lists with their precursor data, the polarity count), never the raw arrays of
/// the run. process() then gives the same LcmsResult as process_lcms on the whole run.
///
/// Memory: the centroids go to a PeakStore (peak_store.hpp) that keeps at most half of
/// LcmsProcessingOptions::memory_cap_bytes in memory and spills the rest to a private temporary
/// file; the TIC, BPC and noise are gathered scan by scan (run_summary.hpp) and the m/z occupancy
/// (mz_slabs.hpp) tells process() where the run may be cut into slabs, which it reads back and
/// detects one per worker (feature_slabs.hpp). The whole peak map is never held at once, unless
/// peak_map() is asked for it. The MS2 fragment lists kept for the MS2 index are spilled to a
/// file of their own above a quarter of the cap (ms2_index.hpp), so a long data-dependent run is
/// bounded too.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "sidepeak/signal/mz_slabs.hpp"
#include "sidepeak/signal/peak_store.hpp"
#include "sidepeak/signal/run_summary.hpp"

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
    /// `ms2_options`: how the MS2 scans are kept for the MS2 index; std::nullopt keeps none (their
    /// fragment lists are most of a data-dependent run's memory, and process() does not read them).
    LcmsStream(const LcmsProcessingOptions& options, const std::optional<Ms2IndexOptions>& ms2_options);
    /// The per-spectrum work of add() that does not depend on the other spectra (centroiding a
    /// profile MS1 spectrum): const and thread-safe, so a reader may run it on several spectra
    /// at once. add() of a prepared spectrum gives the same result as add() of the original.
    void prepare(MsSpectrum& spectrum) const { scan_.prepare(spectrum); }
    /// Adds the next spectrum of the run.
    void add(const MsSpectrum& spectrum);
    /// The end of the run (after the last add(); stream_lcms_run calls it): a run that spilled
    /// its centroids or MS2 fragment lists spills what is still held as well, so that feature
    /// detection and the analysis after it have the memory cap to themselves. Results unchanged.
    void finish();
    [[nodiscard]] std::size_t spectra() const noexcept { return spectra_; }
    [[nodiscard]] bool has_ms2() const noexcept { return !ms2_.empty(); }
    /// The LC-MS pipeline on what was added.
    [[nodiscard]] LcmsResult process() const;
    /// The whole peak map of the run (read back from the spill file when there is one).
    [[nodiscard]] PeakMap peak_map() const;
    /// The peak map of some m/z ranges (every scan, the centroids in the ranges): what the
    /// extracted-ion chromatograms of a few ions need, without the rest of the run.
    [[nodiscard]] PeakMap peak_map(std::span<const PeakStore::Range> ranges) const { return store_.load(ranges); }
    /// Where process() cuts the run into m/z slabs.
    [[nodiscard]] std::vector<double> slab_cuts() const { return signal::slab_cuts(occupancy_, options_); }
    /// The centroid store (memory and spill figures).
    [[nodiscard]] const PeakStore& store() const noexcept { return store_; }
    /// Bytes of MS2 fragment lists written to the spill file.
    [[nodiscard]] std::uint64_t ms2_bytes_spilled() const noexcept;
    /// The MS2 index of the fragment spectra added (empty when there were none, or when the stream
    /// keeps no MS2); call once.
    [[nodiscard]] Ms2Index take_ms2_index();

private:
    LcmsProcessingOptions options_;
    std::optional<Ms2IndexOptions> ms2_options_;  // none: MS2 scans are not kept
    PeakMapBuilder scan_;  // one scan at a time: the centroiding and filtering of build_peak_map
    RunSummary summary_;
    MzOccupancy occupancy_;
    PeakStore store_;
    void spill_ms2();
    std::vector<Ms2Scan> ms2_;
    std::size_t ms2_in_memory_ = 0;  // scans of ms2_ from this one on still hold their fragments
    std::size_t ms2_bytes_ = 0;      // bytes of fragments they hold
    std::shared_ptr<detail::SpillFile> ms2_spill_;
    PolarityCount polarity_;
    std::size_t spectra_ = 0;
};

}  // namespace sidepeak::signal
