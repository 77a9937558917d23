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
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/mass_traces.hpp"

namespace sidepeak::signal {

struct FeatureDetectionOptions {
    MassTraceOptions traces;
    ElutionPeakOptions peaks;
    /// Seed threshold in multiples of the run noise (ms_noise.hpp) when traces.min_seed_intensity
    /// is 0: a trace must reach this S/N somewhere to be followed at all.
    double seed_snr = 3.0;
    double min_snr = 0.0;   ///< drop candidates below this S/N
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

/// Pearson correlation of two elution profiles over the union of their scans (a scan missing in
/// one profile counts as 0 there). 0 when either profile is constant or they do not overlap.
[[nodiscard]] double profile_correlation(const FeatureCandidate& a, const FeatureCandidate& b);

}  // namespace sidepeak::signal
