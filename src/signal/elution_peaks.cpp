#include "sidepeak/signal/elution_peaks.hpp"
#include "sidepeak/signal/robust_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace sidepeak::signal {
namespace {

struct Segment {
    std::size_t first, apex, last;
};

double median_step(const std::vector<double>& t) {
    std::vector<double> d;
    d.reserve(t.size());
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (t[i] > t[i - 1]) d.push_back(t[i] - t[i - 1]);
    }
    if (d.empty()) return 1.0;
    return upper_median_inplace(d);
}

// Apices of `s` separated by their lowest valleys, with shallow valleys merged.
std::vector<Segment> segments(const std::vector<double>& s, double valley_ratio) {
    const std::size_t n = s.size();
    std::vector<std::size_t> maxima;
    for (std::size_t i = 0; i < n; ++i) {
        const bool up = i == 0 || s[i] > s[i - 1];
        const bool down = i + 1 == n || s[i] >= s[i + 1];
        if (up && down && s[i] > 0.0) maxima.push_back(i);
    }
    std::vector<Segment> out;
    for (const std::size_t m : maxima) {
        if (out.empty()) {
            out.push_back({0, m, n - 1});
            continue;
        }
        auto valley_between = [&](std::size_t a, std::size_t b) {
            std::size_t v = a;
            for (std::size_t k = a; k <= b; ++k) {
                if (s[k] < s[v]) v = k;
            }
            return v;
        };
        std::size_t v = valley_between(out.back().apex, m);
        if (s[v] > valley_ratio * std::min(s[out.back().apex], s[m])) {
            if (s[m] > s[out.back().apex]) out.back().apex = m;
            // The taller apex may make the previous valley shallow too.
            while (out.size() >= 2) {
                Segment& prev = out[out.size() - 2];
                const Segment& cur = out.back();
                const std::size_t pv = cur.first;
                if (s[pv] > valley_ratio * std::min(s[prev.apex], s[cur.apex])) {
                    if (s[cur.apex] > s[prev.apex]) prev.apex = cur.apex;
                    prev.last = cur.last;
                    out.pop_back();
                } else {
                    break;
                }
            }
        } else {
            out.back().last = v;
            out.push_back({v, m, n - 1});
        }
    }
    return out;
}

// Trace-level noise: the robust sd (1.4826 x median absolute deviation) of the smoothing
// residual over the points outside every peak's half-height core (at least 5), else the RMS
// residual over the whole trace (the noise of FeatureFinderMetabo). It measures how much the ion's
// own intensity fluctuates from scan to scan, which grows with the intensity of a background ion.
double trace_noise(const std::vector<double>& y, const std::vector<double>& s, const std::vector<Segment>& segs) {
    const std::size_t n = y.size();
    std::vector<std::uint8_t> core(n, 0);
    for (const Segment& seg : segs) {
        const double half = 0.5 * s[seg.apex];
        std::size_t l = seg.apex, r = seg.apex;
        while (l > seg.first && s[l - 1] > half) --l;
        while (r < seg.last && s[r + 1] > half) ++r;
        std::fill(core.begin() + static_cast<std::ptrdiff_t>(l), core.begin() + static_cast<std::ptrdiff_t>(r + 1), 1);
    }
    std::vector<double> residual;
    for (std::size_t k = 0; k < n; ++k) {
        if (!core[k]) residual.push_back(std::abs(y[k] - s[k]));
    }
    if (residual.size() >= 5) {
        const double mad = kMadToSigma * upper_median_inplace(residual);
        if (mad > 0.0) return mad;
    }
    double ss = 0.0;
    for (std::size_t k = 0; k < n; ++k) ss += (y[k] - s[k]) * (y[k] - s[k]);
    return std::sqrt(ss / static_cast<double>(std::max<std::size_t>(n, 1)));
}

double interpolate_time(const std::vector<double>& t, const std::vector<double>& s, std::size_t i, std::size_t j,
                        double level) {
    const double ds = s[j] - s[i];
    if (ds == 0.0) return t[i];
    return t[i] + (level - s[i]) / ds * (t[j] - t[i]);
}

}  // namespace

std::vector<double> gaussian_smooth(const std::vector<double>& y, double sigma_points) {
    if (!(sigma_points > 0.0) || y.size() < 2) return y;
    const auto half = static_cast<std::ptrdiff_t>(std::ceil(3.0 * sigma_points));
    std::vector<double> kernel(static_cast<std::size_t>(2 * half + 1));
    for (std::ptrdiff_t k = -half; k <= half; ++k) {
        const double x = static_cast<double>(k) / sigma_points;
        kernel[static_cast<std::size_t>(k + half)] = std::exp(-0.5 * x * x);
    }
    const auto n = static_cast<std::ptrdiff_t>(y.size());
    std::vector<double> out(y.size());
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        double acc = 0.0, w = 0.0;
        const std::ptrdiff_t lo = std::max<std::ptrdiff_t>(0, i - half);
        const std::ptrdiff_t hi = std::min<std::ptrdiff_t>(n - 1, i + half);
        for (std::ptrdiff_t j = lo; j <= hi; ++j) {
            const double kw = kernel[static_cast<std::size_t>(j - i + half)];
            acc += kw * y[static_cast<std::size_t>(j)];
            w += kw;
        }
        out[static_cast<std::size_t>(i)] = acc / w;
    }
    return out;
}

std::vector<ElutionPeak> detect_elution_peaks(const MassTrace& trace, const ElutionPeakOptions& options) {
    std::vector<ElutionPeak> peaks;
    const std::size_t n = trace.size();
    if (n < std::max<std::size_t>(options.min_points, 1)) return peaks;
    const double dt = median_step(trace.rt_s);
    // Smooth with half the expected peak sigma: enough to remove scan-to-scan jitter, narrow
    // enough to keep close peaks apart.
    const double peak_sigma_pts = options.expected_fwhm_s / 2.3548 / dt;
    const double sigma = std::clamp(0.5 * peak_sigma_pts, 0.5, 8.0);
    const std::vector<double> s = gaussian_smooth(trace.intensity, sigma);

    const std::vector<Segment> segs = segments(s, options.split_valley_ratio);
    // Intensities are stored as float32 at best (relative resolution 6e-8): a trace cannot be
    // known better than that, and on noise-free (simulated) data the smoothing's rounding ripples
    // (~1e-15 relative) of a constant ion would otherwise count as peaks far above a zero noise.
    const double max_y = *std::max_element(trace.intensity.begin(), trace.intensity.end());
    const double trace_sd = std::max(trace_noise(trace.intensity, s, segs), 6e-8 * max_y);
    const double noise = options.noise_floor > 0.0 ? options.noise_floor : trace_sd;
    for (const Segment& seg : segs) {
        if (seg.last - seg.first + 1 < options.min_points) continue;
        ElutionPeak p;
        p.first = seg.first;
        p.last = seg.last;
        p.apex = seg.apex;
        p.rt_from_s = trace.rt_s[seg.first];
        p.rt_to_s = trace.rt_s[seg.last];
        // Apex time: vertex of the parabola through the smoothed apex and its neighbours.
        p.rt_s = trace.rt_s[seg.apex];
        if (seg.apex > seg.first && seg.apex < seg.last) {
            const double y0 = s[seg.apex - 1], y1 = s[seg.apex], y2 = s[seg.apex + 1];
            const double t0 = trace.rt_s[seg.apex - 1], t1 = trace.rt_s[seg.apex], t2 = trace.rt_s[seg.apex + 1];
            const double d0 = (y0 - y1) / (t0 - t1), d2 = (y2 - y1) / (t2 - t1);
            const double c = (d2 - d0) / (t2 - t0);
            if (c < 0.0) {
                const double b = d0 - c * (t0 - t1);
                p.rt_s = std::clamp(t1 - b / (2.0 * c), t0, t2);
            }
        }
        double smz = 0.0, sw = 0.0;
        for (std::size_t k = seg.first; k <= seg.last; ++k) {
            p.height = std::max(p.height, trace.intensity[k]);
            smz += trace.mz[k] * trace.intensity[k];
            sw += trace.intensity[k];
            if (k > seg.first) {
                p.area += 0.5 * (trace.intensity[k] + trace.intensity[k - 1]) * (trace.rt_s[k] - trace.rt_s[k - 1]);
            }
        }
        p.mz = sw > 0.0 ? smz / sw : trace.mean_mz;
        const double half = 0.5 * s[seg.apex];
        std::size_t l = seg.apex, r = seg.apex;
        while (l > seg.first && s[l - 1] > half) --l;
        while (r < seg.last && s[r + 1] > half) ++r;
        const double t_left = l > seg.first ? interpolate_time(trace.rt_s, s, l - 1, l, half) : trace.rt_s[l];
        const double t_right = r < seg.last ? interpolate_time(trace.rt_s, s, r, r + 1, half) : trace.rt_s[r];
        p.fwhm_s = std::max(t_right - t_left, 0.0);
        if (p.fwhm_s == 0.0) p.fwhm_s = dt;
        if (options.min_fwhm_s > 0.0 && p.fwhm_s < options.min_fwhm_s) continue;
        if (options.max_fwhm_s > 0.0 && p.fwhm_s > options.max_fwhm_s) continue;

        // Local baseline: the lowest smoothed level within a window around the peak (the valley
        // to a neighbouring, overlapping peak is not the baseline). The rise above it, in units of
        // the trace's own scan-to-scan noise, tells a chromatographic peak from a fluctuation of a
        // background ion; the S/N itself is the ion's apex against the noise of the MS signal.
        const double half_window = std::max(30.0, 3.0 * (p.rt_to_s - p.rt_from_s));
        double baseline = s[seg.apex];
        for (std::size_t k = seg.apex + 1; k-- > 0 && trace.rt_s[k] >= p.rt_s - half_window;) baseline = std::min(baseline, s[k]);
        for (std::size_t k = seg.apex; k < n && trace.rt_s[k] <= p.rt_s + half_window; ++k) baseline = std::min(baseline, s[k]);
        const double rise = s[seg.apex] - baseline;
        p.prominence = trace_sd > 0.0 ? rise / trace_sd : (rise > 0.0 ? std::numeric_limits<double>::infinity() : 0.0);
        if (p.prominence < options.min_prominence) continue;
        p.baseline = baseline;
        p.trace_noise = trace_sd;
        p.window_s = half_window;
        p.noise = noise;
        p.snr = noise > 0.0 ? s[seg.apex] / noise : 0.0;
        peaks.push_back(p);
    }
    return peaks;
}

}  // namespace sidepeak::signal
