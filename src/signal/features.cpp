#include "sidepeak/signal/features.hpp"

#include <algorithm>
#include <cmath>

namespace sidepeak::signal {

std::vector<FeatureCandidate> detect_features(const PeakMap& map, double noise, const FeatureDetectionOptions& options) {
    MassTraceOptions trace_options = options.traces;
    if (trace_options.min_seed_intensity <= 0.0 && noise > 0.0) trace_options.min_seed_intensity = options.seed_snr * noise;
    ElutionPeakOptions peak_options = options.peaks;
    if (peak_options.noise_floor <= 0.0) peak_options.noise_floor = noise;

    std::vector<FeatureCandidate> out;
    for (const MassTrace& trace : detect_mass_traces(map, trace_options)) {
        for (const ElutionPeak& p : detect_elution_peaks(trace, peak_options)) {
            if (p.snr < options.min_snr) continue;
            FeatureCandidate c;
            Feature& f = c.feature;
            f.mz = p.mz;
            f.rt_s = p.rt_s;
            f.rt_from_s = p.rt_from_s;
            f.rt_to_s = p.rt_to_s;
            f.intensity = p.height;
            f.area = p.area;
            f.snr = p.snr;
            f.fwhm_s = p.fwhm_s;
            f.charge = 0;
            c.scan.assign(trace.scan.begin() + static_cast<std::ptrdiff_t>(p.first),
                          trace.scan.begin() + static_cast<std::ptrdiff_t>(p.last + 1));
            c.profile.assign(trace.intensity.begin() + static_cast<std::ptrdiff_t>(p.first),
                             trace.intensity.begin() + static_cast<std::ptrdiff_t>(p.last + 1));
            out.push_back(std::move(c));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const FeatureCandidate& a, const FeatureCandidate& b) { return a.feature.mz < b.feature.mz; });
    return out;
}

double profile_correlation(const FeatureCandidate& a, const FeatureCandidate& b) {
    // Merge the two scan lists; a scan absent from one profile contributes 0 there.
    std::size_t i = 0, j = 0, n = 0;
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    bool overlap = false;
    while (i < a.scan.size() || j < b.scan.size()) {
        double x = 0.0, y = 0.0;
        if (j == b.scan.size() || (i < a.scan.size() && a.scan[i] < b.scan[j])) {
            x = a.profile[i++];
        } else if (i == a.scan.size() || b.scan[j] < a.scan[i]) {
            y = b.profile[j++];
        } else {
            x = a.profile[i++];
            y = b.profile[j++];
            overlap = true;
        }
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
        ++n;
    }
    if (!overlap || n < 2) return 0.0;
    const double dn = static_cast<double>(n);
    const double vx = sxx - sx * sx / dn, vy = syy - sy * sy / dn;
    if (!(vx > 0.0) || !(vy > 0.0)) return 0.0;
    return (sxy - sx * sy / dn) / std::sqrt(vx * vy);
}

}  // namespace sidepeak::signal
