#pragma once
/// Targeted extraction: features below the untargeted reporting limit (LcmsProcessingOptions::
/// min_snr) kept at predicted m/z, as targeted / suspect screening does (Skyline; MZmine
/// "targeted feature detection"; xcms findChromPeaks with ROI seeds), down to the detection limit
/// S/N 3 of ICH Q2(R2) (2023), section 3.2. The LC-MS pass keeps every candidate that is an
/// elution peak of min_trace_scans points and S/N >= 3 on both measures in LcmsResult::sub_threshold (never
/// reported); extract_targeted() draws from that pool at the target m/z and, for the
/// target-decoy tests of the readers, at the same m/z moved by whole decoy steps, so that the
/// decoy positions get exactly the retention the targets get (docs/algorithms/features.md,
/// "Targeted extraction").
#include <cstddef>
#include <vector>

#include "sidepeak/signal/lcms_types.hpp"

namespace sidepeak::signal {

/// Detection limit: a peak 3 x the noise (ICH Q2(R2) "Validation of analytical procedures",
/// 2023, 3.2.2 detection limit based on signal-to-noise; the same S/N 3 in USP <1225>).
inline constexpr double kDetectionLimitSnr = 3.0;

/// What a candidate below the reporting limit needs to join the targeted pool.
struct TargetedPoolOptions {
    double min_snr = kDetectionLimitSnr;  ///< on the run S/N and on the chromatographic S/N
    std::size_t min_points = 0;           ///< profile points (an elution shape)
    double min_fwhm_s = 0.0;              ///< chromatographic peak width
    double limit_snr = 0.0;               ///< the untargeted limit it fell below (recorded)
};

/// Whether a feature candidate that missed the reporting limit joins the targeted pool: its run
/// S/N and its chromatographic S/N (features.hpp) both reach `min_snr`, its profile has
/// `min_points` points and its FWHM reaches `min_fwhm_s`. On joining, its snr becomes the lower
/// of the two S/N figures and limit_snr the untargeted limit.
[[nodiscard]] bool join_targeted_pool(Feature& f, std::size_t points, const TargetedPoolOptions& options);

/// A predicted ion of the reaction: m/z, charge, and its predicted M+1 / M intensity ratio.
struct MzTarget {
    double mz = 0.0;
    int charge = 1;
    double m1_ratio = 0.0;
};

/// Mean mass of one nominal unit of CHNO ions (Da), the step of the readers' decoy offsets
/// (classify/ms_ions.hpp decoy_offsets).
inline constexpr double kDecoyStepDa = 1.0005;

/// The features of `pool` (any order) within `ppm` of a target's m/z moved by a whole number k of
/// decoy steps `step` / |charge| (k = 0: the target itself), flagged `targeted`. A feature whose
/// M+1 would stand at S/N >= kDetectionLimitSnr (snr x the target's M+1 ratio) but has no
/// isotope trace is not that ion. Returned in ascending m/z; each feature at most once.
[[nodiscard]] std::vector<Feature> extract_targeted(const std::vector<Feature>& pool, const std::vector<MzTarget>& targets,
                                                    double ppm, double step = kDecoyStepDa);

}  // namespace sidepeak::signal
