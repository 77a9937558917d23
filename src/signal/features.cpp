#include "sidepeak/signal/features.hpp"

#include <algorithm>
#include <cmath>

#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal {
namespace {

// m/z window of the XIC behind the chromatographic S/N: three robust sd of the peak's own centroid
// m/z (as FeatureFinderMetabo re-estimates a trace's m/z spread), between 1 ppm and the trace
// tolerance. A background ion 5-10 ppm away, which the trace builder kept apart, is then not
// counted as the baseline of this ion.
double xic_ppm(const MassTrace& trace, const ElutionPeak& p, double max_ppm) {
    std::vector<double> dev;
    for (std::size_t k = p.first; k <= p.last; ++k) dev.push_back((trace.mz[k] - p.mz) / p.mz * 1e6);
    return std::clamp(3.0 * mad_sigma(dev), 1.0, max_ppm);
}

}  // namespace

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
            f.run_snr = p.snr;
            f.fwhm_s = p.fwhm_s;
            f.charge = 0;
            if (p.snr < options.chrom_snr_below) {
                f.chrom_snr = chromatographic_snr(map, trace.scan[p.apex], p.mz, xic_ppm(trace, p, trace_options.ppm), p);
            }
            c.scan.assign(trace.scan.begin() + static_cast<std::ptrdiff_t>(p.first),
                          trace.scan.begin() + static_cast<std::ptrdiff_t>(p.last + 1));
            c.profile.assign(trace.intensity.begin() + static_cast<std::ptrdiff_t>(p.first),
                             trace.intensity.begin() + static_cast<std::ptrdiff_t>(p.last + 1));
            out.push_back(std::move(c));
        }
    }
    // Stable: candidates of equal m/z stay in the order their traces were found (seed intensity),
    // so a slab of the map gives its candidates in the same order as the whole map.
    std::stable_sort(out.begin(), out.end(),
                     [](const FeatureCandidate& a, const FeatureCandidate& b) { return a.feature.mz < b.feature.mz; });
    return out;
}

double chromatographic_snr(const PeakMap& map, std::size_t apex_scan, double mz, double ppm, const ElutionPeak& peak) {
    const double rise = peak.prominence * peak.trace_noise;
    const double w = ppm_window(mz, ppm);
    std::vector<double> xic;
    auto visit = [&](std::size_t s) {
        const double dt = std::abs(map.rt_s[s] - peak.rt_s);
        if (dt > peak.window_s) return false;
        if (dt > 1.5 * peak.fwhm_s) {
            const auto m = map.scan_mz(s);
            const auto in = map.scan_intensity(s);
            double y = 0.0;
            for (auto it = std::lower_bound(m.begin(), m.end(), mz - w); it != m.end() && *it <= mz + w; ++it) {
                y = std::max(y, in[static_cast<std::size_t>(it - m.begin())]);
            }
            xic.push_back(y);
        }
        return true;
    };
    for (std::size_t s = apex_scan; s < map.scans() && visit(s); ++s) {}
    for (std::size_t s = apex_scan; s-- > 0 && visit(s);) {}
    // Trimmed to its 5-95 % quantiles first, as xcms's trimm() does for centWave's noise: a lone
    // centroid of another ion passing through the m/z window is not the spread of the baseline.
    std::sort(xic.begin(), xic.end());
    const auto lo = static_cast<std::size_t>(std::lround(0.05 * static_cast<double>(xic.size())));
    const auto hi = static_cast<std::size_t>(std::lround(0.95 * static_cast<double>(xic.size())));
    double spread = 0.0;
    // Five values: fewer give no usable standard deviation (the peak fills its window).
    if (hi >= lo + 5) {
        double sum = 0.0, sum2 = 0.0;
        for (std::size_t k = lo; k < hi; ++k) {
            sum += xic[k];
            sum2 += xic[k] * xic[k];
        }
        const double n = static_cast<double>(hi - lo);
        spread = std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1.0)));
    }
    const double noise = std::max(spread, peak.trace_noise);
    return noise > 0.0 ? rise / noise : 0.0;
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
