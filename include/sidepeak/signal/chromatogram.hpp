#pragma once
/// MS1 peak maps and chromatograms: total-ion (TIC), base-peak (BPC) and extracted-ion (XIC).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/centroid.hpp"

namespace sidepeak::signal {

/// The MS1 peaks of a run in one flat block: scan-major, m/z ascending within each scan.
/// Scan s holds the peaks [begin[s], begin[s+1]). Profile spectra are centroided when built.
struct PeakMap {
    std::vector<double> rt_s;            ///< retention time of each MS1 scan (s)
    std::vector<std::size_t> spectrum;   ///< index of each scan in the run's spectrum list
    std::vector<std::size_t> begin;      ///< scans + 1 offsets into mz / intensity
    std::vector<double> mz;
    std::vector<double> intensity;

    [[nodiscard]] std::size_t scans() const noexcept { return rt_s.size(); }
    [[nodiscard]] std::size_t peaks() const noexcept { return mz.size(); }
    [[nodiscard]] std::span<const double> scan_mz(std::size_t s) const {
        return std::span<const double>(mz).subspan(begin[s], begin[s + 1] - begin[s]);
    }
    [[nodiscard]] std::span<const double> scan_intensity(std::size_t s) const {
        return std::span<const double>(intensity).subspan(begin[s], begin[s + 1] - begin[s]);
    }
};

/// Builds a PeakMap one spectrum at a time, for streaming readers: only the MS1 centroids are
/// kept, never the raw arrays of the run. Same rules as build_peak_map.
class PeakMapBuilder {
public:
    explicit PeakMapBuilder(const CentroidOptions& centroiding = {});
    /// Adds spectrum number `index` of the run (spectra other than MS1 are ignored).
    void add(const MsSpectrum& spectrum, std::size_t index);
    /// Centroids `spectrum` in place when add() would (a profile MS1 spectrum), leaving it a
    /// centroid spectrum that add() copies as it is: the same map, with the centroiding done
    /// beforehand. Const and thread-safe, so spectra can be prepared on several threads and
    /// then added in run order.
    void prepare(MsSpectrum& spectrum) const;
    /// Capacity hint (peaks) when the total is known in advance.
    void reserve(std::size_t peaks);
    [[nodiscard]] const PeakMap& map() const noexcept { return map_; }
    /// The map built so far; the builder is left empty.
    [[nodiscard]] PeakMap finish();

private:
    PeakMap map_;
    CentroidOptions centroiding_;
};

/// Builds the peak map of the MS1 spectra of `run` (ms_level 1), in run order. Profile spectra
/// (declared, or detected by looks_like_profile when the file does not say) are centroided with
/// `centroiding`; peak lists are copied (sorted by m/z when they are not). Points with zero or
/// non-finite intensity or m/z are dropped. Spectra out of RT order are kept in file order.
[[nodiscard]] PeakMap build_peak_map(const MsRun& run, const CentroidOptions& centroiding = {});

/// Total-ion chromatogram: sum of intensities of each scan (ChromatogramKind::tic).
[[nodiscard]] Chromatogram total_ion_chromatogram(const PeakMap& map);
/// Base-peak chromatogram: largest intensity of each scan (ChromatogramKind::bpc); precursor_mz unused.
[[nodiscard]] Chromatogram base_peak_chromatogram(const PeakMap& map);

/// Extracted-ion chromatogram by scanning every scan (binary search per scan): the sum of the
/// intensities within mz +- ppm in each scan, one point per scan including zeros (ChromatogramKind::xic).
/// O(scans x log peaks); the reference for XicIndex, which answers sparse queries faster.
[[nodiscard]] Chromatogram extract_ion_chromatogram(const PeakMap& map, double mz, double ppm);

/// Half-width in m/z of a tolerance of `ppm` parts per million at `mz`.
[[nodiscard]] constexpr double ppm_window(double mz, double ppm) noexcept { return mz * ppm * 1e-6; }

}  // namespace sidepeak::signal
