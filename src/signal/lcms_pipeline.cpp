#include "sidepeak/signal/lcms_pipeline.hpp"

#include <algorithm>
#include <cmath>

#include "sidepeak/signal/adducts.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/features.hpp"
#include "sidepeak/signal/isotopes.hpp"
#include "sidepeak/signal/ms_noise.hpp"

namespace sidepeak::signal {
namespace {

// Run noise from the peak map: the median over scans of each scan's median peak intensity.
double peak_map_noise(const PeakMap& map) {
    std::vector<double> levels;
    levels.reserve(map.scans());
    for (std::size_t s = 0; s < map.scans(); ++s) {
        const double v = spectrum_noise(map.scan_intensity(s));
        if (v > 0.0) levels.push_back(v);
    }
    return median_positive(levels);
}

bool negative_mode(const MsRun& run) {
    std::size_t neg = 0, pos = 0;
    for (const auto& s : run.spectra) {
        if (s.ms_level != 1) continue;
        if (s.polarity == Polarity::negative) ++neg;
        if (s.polarity == Polarity::positive) ++pos;
    }
    return neg > pos;
}

}  // namespace

LcmsResult process_lcms(const MsRun& run, const LcmsProcessingOptions& options) {
    LcmsResult result;
    result.spectra = run.spectra.size();
    const PeakMap map = build_peak_map(run);
    result.ms1_spectra = map.scans();
    result.tic = total_ion_chromatogram(map);
    result.bpc = base_peak_chromatogram(map);
    result.noise = peak_map_noise(map);

    FeatureDetectionOptions detect;
    detect.traces.ppm = options.mass_tolerance_ppm;
    detect.traces.max_missing_scans = options.max_missing_scans;
    detect.traces.min_scans = static_cast<std::size_t>(std::max(1.0, std::ceil(options.min_trace_scans)));
    detect.peaks.expected_fwhm_s = options.expected_fwhm_s;
    detect.peaks.min_points = detect.traces.min_scans;
    auto candidates = detect_features(map, result.noise, detect);

    IsotopeGroupingOptions iso;
    iso.ppm = options.mass_tolerance_ppm;
    iso.rt_tolerance_s = options.rt_tolerance_s;
    iso.min_correlation = options.min_correlation;
    iso.max_charge = std::max(1, options.max_charge);
    candidates = group_isotopes(std::move(candidates), iso);

    // S/N filter on the monoisotopic features (their isotopes may be weaker), then adducts among
    // the reported features only.
    std::erase_if(candidates, [&](const FeatureCandidate& c) { return c.feature.snr < options.min_snr; });
    AdductOptions add;
    add.ppm = options.mass_tolerance_ppm;
    add.rt_tolerance_s = options.rt_tolerance_s;
    add.min_correlation = options.min_correlation;
    add.positive = !negative_mode(run);
    group_adducts(candidates, add);

    result.features.reserve(candidates.size());
    for (auto& c : candidates) result.features.push_back(std::move(c.feature));
    std::sort(result.features.begin(), result.features.end(), [](const Feature& a, const Feature& b) {
        return a.rt_s < b.rt_s || (a.rt_s == b.rt_s && a.mz < b.mz);
    });
    return result;
}

}  // namespace sidepeak::signal
