#pragma once
/// Index from MS1 features to the data-dependent MS2 scans of their ion, and consensus fragment
/// spectra of those scans.
///
/// A scan belongs to a feature when (1) its precursor m/z lies within the run's m/z tolerance of
/// the feature m/z, or its isolation window (target - lower offset .. target + upper offset)
/// contains the feature m/z, and (2) its retention time lies inside the feature's elution window
/// (rt_from_s - margin .. rt_to_s + margin). Scans are kept sorted by precursor m/z with the
/// largest isolation half-width remembered, so one look-up is a binary search plus the scans in
/// range: building is O(n log n) in MS2 scans, each look-up O(log n + k).
///
/// Consensus spectrum: every scan's centroid list is normalised to its own base peak (1.0), then
/// peaks of all scans are merged by greedy binning at the run's tolerance (most intense first, as in
/// the spectrum-merging of MS-Cluster, Frank et al., J. Proteome Res. 2008, 7, 113-122, and
/// MZmine's "merge MS/MS"): a bin's m/z is the intensity-weighted mean, its intensity the mean
/// relative intensity over all merged scans (a fragment seen in one scan of four counts 1/4), and
/// it keeps how many scans showed it. Provenance (scan ids, RTs, energies, activations) is kept.
///
/// Memory: only centroid fragment lists are stored (profile MS2 scans are centroided on entry). A
/// streamed run (LcmsStream) keeps at most a share of LcmsProcessingOptions::memory_cap_bytes of
/// them in memory and writes the rest to a private temporary file; fragments() and consensus()
/// read a spilled scan's list back, so results do not depend on what was spilled.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::signal {

struct Feature;

/// One MS2 scan as the index keeps it: precursor metadata and the centroid fragment list.
struct Ms2Scan {
    std::string id;                 ///< native id of the scan
    std::size_t run_index = 0;      ///< position in the run
    double rt_s = 0.0;
    double precursor_mz = 0.0;
    int precursor_charge = 0;
    double isolation_low_mz = 0.0;  ///< isolation window bounds (0 when the file gives none)
    double isolation_high_mz = 0.0;
    double collision_energy = 0.0;
    EnergyUnit collision_energy_unit = EnergyUnit::unknown;
    Activation activation = Activation::unknown;
    std::vector<double> mz;         ///< centroids, ascending (empty when spilled: Ms2Index::fragments)
    std::vector<double> intensity;
    bool spilled = false;           ///< the fragment list is in the index's spill file, not in mz/intensity
    std::uint64_t spill_offset = 0; ///< where: `spill_count` m/z values, then as many intensities
    std::size_t spill_count = 0;    ///< length of the spilled list
};

/// A scan's fragment list.
struct Ms2Fragments {
    std::vector<double> mz;  ///< ascending
    std::vector<double> intensity;
};

namespace detail {
class SpillFile;
}

/// One fragment of a consensus spectrum.
struct ConsensusPeak {
    double mz = 0.0;
    double intensity = 0.0;   ///< mean over the merged scans of the per-scan relative intensity (0..1)
    std::size_t scans = 0;    ///< scans that showed it
};

/// The merged MS2 evidence of one ion.
struct Ms2Consensus {
    double precursor_mz = 0.0;              ///< intensity-free mean of the scans' precursor m/z
    int precursor_charge = 0;               ///< the most common non-zero charge of the scans (0 when none)
    std::vector<std::string> scan_ids;      ///< provenance, in RT order
    std::vector<double> rts_s;
    std::vector<double> collision_energies;
    std::vector<EnergyUnit> energy_units;
    std::vector<Activation> activations;
    std::vector<ConsensusPeak> peaks;       ///< ascending m/z, relative to the most intense (1.0)
    [[nodiscard]] bool empty() const noexcept { return scan_ids.empty(); }
    /// The peak list as two arrays (for chem::annotate_fragments).
    [[nodiscard]] std::vector<double> mz() const;
    [[nodiscard]] std::vector<double> intensity() const;
};

struct Ms2IndexOptions {
    double tolerance_ppm = 10.0;     ///< precursor and fragment binning tolerance (the run's m/z tolerance)
    double tolerance_floor_mz = 0.002;  ///< absolute floor for fragment binning at low m/z
    double rt_margin_s = 2.0;        ///< added to both ends of a feature's elution window
    bool use_isolation_window = true;   ///< match scans whose window contains the ion (DIA, wide DDA windows)
    double min_relative_intensity = 0.0;  ///< fragments below this fraction of their scan's base peak are dropped
};

/// The MS2 scan of `spectrum` as the index keeps it (centroided, ascending m/z, the relative
/// intensity floor applied); std::nullopt unless it is ms_level 2 with a precursor m/z or an
/// isolation window.
[[nodiscard]] std::optional<Ms2Scan> to_ms2_scan(const MsSpectrum& spectrum, const Ms2IndexOptions& options = {});

class Ms2Index {
public:
    Ms2Index() = default;
    /// Collects the MS2 scans (ms_level 2 with a precursor m/z or an isolation window) of `run`.
    explicit Ms2Index(const MsRun& run, const Ms2IndexOptions& options = {});
    /// Indexes scans made by to_ms2_scan (streaming readers), in any order. Scans marked spilled
    /// have their fragment lists in `spill` (LcmsStream).
    Ms2Index(std::vector<Ms2Scan> scans, const Ms2IndexOptions& options,
             std::shared_ptr<const detail::SpillFile> spill = nullptr);

    /// The scans, ascending precursor m/z; a spilled scan's fragment list is read by fragments().
    [[nodiscard]] const std::vector<Ms2Scan>& scans() const noexcept { return scans_; }
    /// The fragment list of scans()[position], read back from the spill file when it was spilled.
    [[nodiscard]] Ms2Fragments fragments(std::size_t position) const;
    [[nodiscard]] std::size_t size() const noexcept { return scans_.size(); }
    [[nodiscard]] const Ms2IndexOptions& options() const noexcept { return options_; }

    /// Positions in scans() of the MS2 scans of an ion at `mz` eluting in [rt_from_s, rt_to_s]
    /// (margins added here), in RT order.
    [[nodiscard]] std::vector<std::size_t> find(double mz, double rt_from_s, double rt_to_s) const;
    /// The same for a feature (its m/z and elution window).
    [[nodiscard]] std::vector<std::size_t> find(const Feature& feature) const;

    /// Consensus of the given scans (positions in scans()).
    [[nodiscard]] Ms2Consensus consensus(std::span<const std::size_t> positions) const;
    /// find() then consensus(); empty when the feature has no MS2.
    [[nodiscard]] Ms2Consensus consensus_for(const Feature& feature) const;

private:
    void index_scans();  // sorts by precursor m/z and finds the widest isolation window
    std::vector<Ms2Scan> scans_;   // ascending precursor m/z
    double max_half_window_ = 0.0;
    Ms2IndexOptions options_;
    std::shared_ptr<const detail::SpillFile> spill_;  // the spilled fragment lists (none: all in memory)
};

}  // namespace sidepeak::signal
