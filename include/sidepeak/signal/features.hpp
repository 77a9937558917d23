#pragma once
/// LC-MS feature detection: mass traces (mass_traces.hpp) split into chromatographic peaks
/// (elution_peaks.hpp), each peak one feature candidate that keeps its elution profile for the
/// isotope and adduct grouping that follows (isotopes.hpp, adducts.hpp).
/// Method after FeatureFinderMetabo (Kenar et al., Mol. Cell. Proteomics 13 (2014) 348-359) and
/// centWave (Tautenhahn et al., BMC Bioinformatics 9 (2008) 504). Parameters and defaults are
/// documented in docs/algorithms/features.md.
#include <cstdint>
#include <vector>

#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/elution_peaks.hpp"
#include "sidepeak/signal/lcms_types.hpp"
#include "sidepeak/signal/mass_traces.hpp"

namespace sidepeak::signal {

struct FeatureDetectionOptions {
    MassTraceOptions traces;
    ElutionPeakOptions peaks;
    /// Seed threshold in multiples of the run noise (ms_noise.hpp) when traces.min_seed_intensity
    /// is 0: a trace must reach this S/N somewhere to be followed at all.
    double seed_snr = 3.0;
    double min_snr = 0.0;   ///< drop candidates below this S/N
    /// The chromatographic S/N (Feature::chrom_snr) is measured only for candidates whose S/N is
    /// below this (the pipeline's min_snr: those above are reported anyway); 0 measures none.
    double chrom_snr_below = 0.0;
};

/// One chromatographic peak of one mass trace, with its elution profile.
struct FeatureCandidate {
    Feature feature;                     ///< mz, rt, intensity, area, snr, fwhm filled; charge 0
    std::vector<std::uint32_t> scan;     ///< scans of the profile, ascending
    std::vector<double> profile;         ///< raw intensities at those scans
};

/// Detects feature candidates in `map`. `noise` is the run noise (ms_noise.hpp run_noise, or any
/// positive figure in intensity units; 0 makes S/N purely trace-local). Candidates are returned
/// in ascending m/z.
[[nodiscard]] std::vector<FeatureCandidate> detect_features(const PeakMap& map, double noise,
                                                            const FeatureDetectionOptions& options = {});

/// Chromatographic S/N of an elution peak, after centWave's S/N (Tautenhahn et al. 2008): its rise
/// above the local baseline over the noise of the extracted-ion chromatogram at its m/z around it.
/// That noise is the standard deviation of the XIC (largest intensity within `ppm` of `mz` per scan,
/// 0 in scans without one) over the scans of the peak's baseline window more than 1.5 FWHM from the
/// apex, trimmed to its 5-95 % quantiles (xcms trimm()), and never less than the trace-level noise
/// of the peak (its smoothing residual). A peak on a fluctuating background ion, or on an m/z where
/// peaks come and go (a unit-resolution grid point), is measured against that fluctuation; a peak
/// in an otherwise empty XIC against its own scan-to-scan scatter. `apex_scan` is the peak's apex
/// scan in `map`; detect_features passes as `ppm` the peak's own m/z window (3 robust sd of its
/// centroid m/z, from 1 ppm to the trace tolerance). The pipeline reports features below min_snr on
/// this figure (lcms_pipeline.cpp).
[[nodiscard]] double chromatographic_snr(const PeakMap& map, std::size_t apex_scan, double mz, double ppm,
                                         const ElutionPeak& peak);

/// Pearson correlation of two elution profiles over the union of their scans (a scan missing in
/// one profile counts as 0 there). 0 when either profile is constant or they do not overlap.
[[nodiscard]] double profile_correlation(const FeatureCandidate& a, const FeatureCandidate& b);

}  // namespace sidepeak::signal
