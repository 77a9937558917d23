#include "sidepeak/signal/lcms_pipeline.hpp"

#include <algorithm>
#include <cmath>

#include "sidepeak/signal/adducts.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/feature_slabs.hpp"
#include "sidepeak/signal/features.hpp"
#include "sidepeak/signal/isotopes.hpp"
#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/mz_slabs.hpp"
#include "sidepeak/signal/run_summary.hpp"
#include "sidepeak/signal/targeted.hpp"

namespace sidepeak::signal {
namespace {

// What a feature needs to pass on its chromatographic S/N alone: five points (an apex with two on
// each flank is the least that shows an elution shape; 3-4 point traces are where chance
// coincidences of noise centroids at one m/z live) and a FWHM of three scan intervals (the usual
// minimum of points across a chromatographic peak; with the scans of a run dealt out in random
// order, what still passed had a median FWHM of 2.5 intervals, ions written into it 7).
constexpr std::size_t kMinChromPoints = 5;
constexpr double kMinChromFwhmScans = 3.0;

bool negative_mode(const MsRun& run) {
    PolarityCount count;
    for (const auto& s : run.spectra) count.add(s);
    return count.negative();
}

}  // namespace

// The pipeline's defaults are the stages' own.
static_assert(LcmsProcessingOptions{}.centroid_min_points == CentroidOptions{}.min_points);
static_assert(LcmsProcessingOptions{}.trace_min_intensity == MassTraceOptions{}.min_intensity);
static_assert(LcmsProcessingOptions{}.seed_snr == FeatureDetectionOptions{}.seed_snr);
static_assert(LcmsProcessingOptions{}.min_fwhm_s == ElutionPeakOptions{}.min_fwhm_s);
static_assert(LcmsProcessingOptions{}.max_fwhm_s == ElutionPeakOptions{}.max_fwhm_s);
static_assert(LcmsProcessingOptions{}.split_valley_ratio == ElutionPeakOptions{}.split_valley_ratio);
static_assert(LcmsProcessingOptions{}.min_prominence == ElutionPeakOptions{}.min_prominence);
static_assert(LcmsProcessingOptions{}.isotope_abs_tolerance == IsotopeGroupingOptions{}.abs_tolerance);
static_assert(LcmsProcessingOptions{}.max_isotopes == IsotopeGroupingOptions{}.max_isotopes);

CentroidOptions centroid_options(const LcmsProcessingOptions& options) {
    CentroidOptions centroiding;
    centroiding.min_points = options.centroid_min_points;
    return centroiding;
}

LcmsResult process_lcms(const MsRun& run, const LcmsProcessingOptions& options) {
    return process_peak_map(build_peak_map(run, centroid_options(options)), run.spectra.size(), negative_mode(run), options);
}

LcmsResult process_peak_map(const PeakMap& map, std::size_t spectra, bool negative, const LcmsProcessingOptions& options) {
    MzOccupancy occupancy(options.mass_tolerance_ppm);
    for (std::size_t p = 0; p < map.peaks(); ++p) occupancy.add(map.mz[p]);
    return process_slabs(summarize(map), occupancy, [&map](double lo, double hi) { return slice_mz(map, lo, hi); }, spectra,
                         negative, options);
}

std::vector<double> slab_cuts(const MzOccupancy& occupancy, const LcmsProcessingOptions& options) {
    // Half of the memory cap is the slab working set; the other half is the streamed peak map's.
    return occupancy.cuts(slab_target_peaks(occupancy.peaks(), options.memory_cap_bytes / 2, options.threads));
}

LcmsResult process_slabs(const RunSummary& summary, const MzOccupancy& occupancy,
                         const std::function<PeakMap(double, double)>& load, std::size_t spectra, bool negative,
                         const LcmsProcessingOptions& options) {
    LcmsResult result;
    result.spectra = spectra;
    result.ms1_spectra = summary.scans();
    result.tic = summary.tic();
    result.bpc = summary.bpc();
    result.noise = summary.noise();

    FeatureDetectionOptions detect;
    detect.traces.ppm = options.mass_tolerance_ppm;
    detect.traces.max_missing_scans = options.max_missing_scans;
    detect.traces.min_scans = static_cast<std::size_t>(std::max(1.0, std::ceil(options.min_trace_scans)));
    detect.traces.min_intensity = options.trace_min_intensity;
    detect.seed_snr = options.seed_snr;
    detect.peaks.expected_fwhm_s = options.expected_fwhm_s;
    detect.peaks.min_fwhm_s = options.min_fwhm_s;
    detect.peaks.max_fwhm_s = options.max_fwhm_s;
    detect.peaks.split_valley_ratio = options.split_valley_ratio;
    detect.peaks.min_prominence = options.min_prominence;
    detect.peaks.min_points = detect.traces.min_scans;
    detect.chrom_snr_below = options.min_snr;
    const auto cuts = slab_cuts(occupancy, options);

    IsotopeGroupingOptions iso;
    iso.ppm = options.mass_tolerance_ppm;
    iso.rt_tolerance_s = options.rt_tolerance_s;
    iso.min_correlation = options.min_correlation;
    iso.max_charge = std::max(1, options.max_charge);
    iso.abs_tolerance = options.isotope_abs_tolerance;
    iso.max_isotopes = options.max_isotopes;

    // S/N filter on the monoisotopic features (their isotopes may be weaker), then adducts among
    // the reported features only. A feature passes on its S/N against the run noise, or on its
    // chromatographic S/N (centWave's: rise over the XIC noise at its m/z; features.hpp) when it
    // also reaches the seed level (seed_snr x run noise) and has the points and width above. The run
    // noise is the typical height of a noise centroid, not the spread of an ion's XIC: an ion
    // eluting over 20 scans at 3-10 x that height, with nothing else at its m/z, is no noise, yet
    // against the run noise alone it fell below min_snr (recovery of ions written into real runs at
    // 5 x noise: 1 of 60 on BSA1_F1; docs/algorithms/features.md). The seed level keeps single
    // noise centroids out; the XIC noise keeps the wiggles of a background ion out.
    const double min_chrom_fwhm = kMinChromFwhmScans * summary.median_scan_interval();
    // A feature reported on its chromatographic S/N carries that figure as its snr, so every
    // reported feature has snr >= min_snr; run_snr keeps the S/N against the run noise.
    auto reported = [&](FeatureCandidate& c) {
        Feature& f = c.feature;
        if (f.run_snr >= options.min_snr) return true;
        if (f.run_snr >= options.seed_snr && f.chrom_snr >= options.min_snr && c.profile.size() >= kMinChromPoints &&
            f.fwhm_s >= min_chrom_fwhm) {
            f.snr = f.chrom_snr;
            return true;
        }
        return false;
    };
    // The slabs' candidates arrive in ascending m/z (feature_slabs.hpp) and are grouped into
    // isotope patterns and filtered as they come (isotopes.hpp IsotopeGrouper): only the reported
    // monoisotopic features are kept, never the candidates of the whole run.
    std::vector<FeatureCandidate> candidates;
    // Below the limit, an elution peak (min_trace_scans points) at S/N >= target_min_snr is the
    // targeted pool: chance peaks there are what the readers' decoy positions measure.
    const TargetedPoolOptions pool{options.target_min_snr, detect.peaks.min_points, 0.0, options.min_snr};
    IsotopeGrouper grouper(iso, [&](FeatureCandidate&& c) {
        if (reported(c)) {
            candidates.push_back(std::move(c));
        } else if (options.target_min_snr > 0.0 && join_targeted_pool(c.feature, c.profile.size(), pool)) {
            result.sub_threshold.push_back(std::move(c.feature));
        }
    });
    for_each_slab_features(load, cuts, result.noise, detect, options.threads, [&grouper](std::vector<FeatureCandidate>&& slab) {
        for (auto& c : slab) grouper.add(std::move(c));
    });
    grouper.finish();

    AdductOptions add;
    add.ppm = options.mass_tolerance_ppm;
    add.rt_tolerance_s = options.rt_tolerance_s;
    add.min_correlation = options.min_correlation;
    add.positive = !negative;
    group_adducts(candidates, add);

    result.features.reserve(candidates.size());
    for (auto& c : candidates) result.features.push_back(std::move(c.feature));
    std::sort(result.features.begin(), result.features.end(), [](const Feature& a, const Feature& b) {
        return a.rt_s < b.rt_s || (a.rt_s == b.rt_s && a.mz < b.mz);
    });
    std::stable_sort(result.sub_threshold.begin(), result.sub_threshold.end(),
                     [](const Feature& a, const Feature& b) { return a.mz < b.mz; });
    return result;
}

}  // namespace sidepeak::signal
