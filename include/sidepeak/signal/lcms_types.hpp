#pragma once
/// The data types of the LC-MS pipeline: its options, a feature (one compound's ion: monoisotopic
/// trace, isotopes, adduct) and the result of a run. The stages (features.hpp, targeted.hpp, ...)
/// and the orchestrator (lcms_pipeline.hpp) share them from here.
#include <cstddef>
#include <string>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::signal {

struct LcmsProcessingOptions {
    double mass_tolerance_ppm = 10.0;     ///< mass-trace extension tolerance
    double min_snr = 10.0;                ///< features below this S/N (against the run noise, and against the XIC noise at their m/z) are dropped
    double min_trace_scans = 3;           ///< minimum consecutive scans in a mass trace
    int max_charge = 3;
    int max_missing_scans = 2;            ///< scans without the ion bridged inside a mass trace
    double expected_fwhm_s = 5.0;         ///< typical chromatographic peak width (sets the smoothing)
    double rt_tolerance_s = 3.0;          ///< apex RT agreement for isotope and adduct grouping
    double min_correlation = 0.6;         ///< elution-profile correlation for isotope and adduct grouping
    // Stage options passed through to centroiding, mass traces, elution peaks and isotope grouping
    // (their defaults equal the stage structs' own, checked at compile time in lcms_pipeline.cpp).
    int centroid_min_points = 3;          ///< profile points a centroid needs (apex included)
    double trace_min_intensity = 0.0;     ///< centroids below this never join a mass trace
    double seed_snr = 3.0;                ///< a mass trace starts only at a centroid this far above the run noise
    double min_fwhm_s = 0.0;              ///< elution peaks narrower than this are dropped (0: keep)
    double max_fwhm_s = 120.0;            ///< elution peaks wider than this are dropped
    double split_valley_ratio = 0.7;      ///< a trace is split where the valley is below this x the lower apex
    double min_prominence = 3.0;          ///< rise above the local baseline, in trace noise units
    double isotope_abs_tolerance = 0.003; ///< extra Da for 15N/34S/18O isotope spacings
    int max_isotopes = 4;                 ///< isotope peaks searched after the monoisotopic one
    /// S/N floor of the targeted pool (LcmsResult::sub_threshold, targeted.hpp): the ICH Q2(R2)
    /// detection limit 3; 0 keeps no pool. Reported features do not depend on it.
    double target_min_snr = 3.0;
    // Resources (docs/performance.md, "LC-MS: memory of large runs"); the results do not depend on them.
    /// Memory for the centroids of a run (the peak map): a streamed run (LcmsStream) keeps at most
    /// half of it in memory and spills the rest to a private temporary file; feature detection
    /// holds at most the other half in m/z slabs at a time (feature_slabs.hpp).
    std::size_t memory_cap_bytes = std::size_t{512} << 20;
    unsigned threads = 0;                 ///< feature-detection threads (0: all cores)
};

struct Feature {
    double mz = 0.0;                  ///< intensity-weighted m/z of the monoisotopic trace
    double rt_s = 0.0;                ///< apex retention time
    double rt_from_s = 0.0;
    double rt_to_s = 0.0;
    double intensity = 0.0;           ///< apex intensity
    double area = 0.0;                ///< integrated over time (intensity x s)
    double snr = 0.0;                 ///< the S/N the feature was reported on: run_snr, or chrom_snr when run_snr < min_snr
    double run_snr = 0.0;             ///< smoothed apex / run noise
    double chrom_snr = 0.0;           ///< rise over the XIC noise at its m/z (features.hpp); 0 when not measured
    double fwhm_s = 0.0;
    int charge = 1;                   ///< 0 when unknown
    std::vector<double> isotopes;     ///< m/z of the isotope traces assigned to this feature (M+1, M+2, ...)
    std::vector<double> isotope_intensities;  ///< their apex intensities relative to the monoisotopic one
    int group = -1;                   ///< compound group id (adducts of one neutral), -1 when ungrouped
    std::string adduct;               ///< "[M+H]+", "[M+Na]+", ... or empty when unassigned
    double neutral_mass = 0.0;        ///< neutral monoisotopic mass implied by the adduct, 0 if unknown
    /// Kept below min_snr by a targeted extraction at a predicted m/z (targeted.hpp); only
    /// look-ups of a theoretical m/z read it, never series or pair searches.
    bool targeted = false;
    double limit_snr = 0.0;           ///< in the targeted pool: the untargeted S/N limit it stands below
};

struct LcmsResult {
    std::size_t spectra = 0;
    std::size_t ms1_spectra = 0;
    Chromatogram tic;
    Chromatogram bpc;
    std::vector<Feature> features;
    /// Candidates below min_snr with an elution shape and S/N >= target_min_snr on both measures
    /// (targeted.hpp join_targeted_pool), ascending m/z: the pool a targeted extraction draws
    /// from. Never reported.
    std::vector<Feature> sub_threshold;
    double noise = 0.0;                   ///< run noise used for S/N (median of per-scan median peak intensities; 0 when the run records no noise, i.e. recurring peaks never fluctuate: S/N is then trace-level)
};

}  // namespace sidepeak::signal
