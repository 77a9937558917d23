#include "sidepeak/signal/centroid.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sidepeak/signal/ms_noise.hpp"

namespace sidepeak::signal {
namespace {

struct Vertex {
    double x = 0.0;
    double y = 0.0;
    double sigma = 0.0;  // Gaussian width implied by the parabola, 0 when unknown
    bool ok = false;
};

// Vertex of the parabola through the logarithms of three positive points: a three-point
// Gaussian fit (Caruana's algorithm). x is taken relative to the middle point for precision.
Vertex log_parabola_vertex(double x0, double y0, double x1, double y1, double x2, double y2) {
    Vertex v;
    if (y0 <= 0.0 || y1 <= 0.0 || y2 <= 0.0) return v;
    const double a0 = x0 - x1, a2 = x2 - x1;
    const double l0 = std::log(y0), l1 = std::log(y1), l2 = std::log(y2);
    // l(t) = l1 + b t + c t^2 through (a0, l0) and (a2, l2).
    const double d0 = (l0 - l1) / a0, d2 = (l2 - l1) / a2;
    const double c = (d2 - d0) / (a2 - a0);
    if (!(c < 0.0) || !std::isfinite(c)) return v;
    const double b = d0 - c * a0;
    const double t = -b / (2.0 * c);
    if (t < a0 || t > a2) return v;
    v.x = x1 + t;
    v.y = std::exp(l1 + b * t + c * t * t);
    v.sigma = std::sqrt(-1.0 / (2.0 * c));
    v.ok = std::isfinite(v.x) && std::isfinite(v.y);
    return v;
}

// Linear interpolation of the m/z where the profile crosses `level` between points i and j.
double crossing(std::span<const double> mz, std::span<const double> y, std::size_t i, std::size_t j, double level) {
    const double dy = y[j] - y[i];
    if (dy == 0.0) return mz[i];
    return mz[i] + (level - y[i]) / dy * (mz[j] - mz[i]);
}

}  // namespace

std::vector<CentroidPeak> centroid_peaks(std::span<const double> mz, std::span<const double> intensity,
                                     const CentroidOptions& options) {
    if (mz.size() != intensity.size()) throw std::invalid_argument("centroid_peaks: m/z and intensity lengths differ");
    for (std::size_t i = 1; i < mz.size(); ++i) {
        if (!(mz[i] >= mz[i - 1])) throw std::invalid_argument("centroid_peaks: m/z not ascending");
    }
    std::vector<CentroidPeak> out;
    const std::size_t n = mz.size();
    if (n < 3) return out;
    const double noise = spectrum_noise(intensity);
    const auto min_points = static_cast<std::size_t>(std::max(options.min_points, 1));

    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double yi = intensity[i];
        if (!(yi > intensity[i - 1] && yi >= intensity[i + 1]) || !(yi > 0.0)) continue;
        if (options.min_snr > 0.0 && noise > 0.0 && yi / noise < options.min_snr) continue;
        // A gap much wider than the local sampling ends the peak (zero-trimmed profiles).
        const double step = std::max(mz[i + 1] - mz[i], mz[i] - mz[i - 1]);
        const double max_gap = 4.0 * step;
        std::size_t left = i;
        while (left > 0 && intensity[left - 1] < intensity[left] && intensity[left - 1] >= 0.0 &&
               mz[left] - mz[left - 1] <= max_gap) {
            --left;
        }
        std::size_t right = i;
        while (right + 1 < n && intensity[right + 1] < intensity[right] && intensity[right + 1] >= 0.0 &&
               mz[right + 1] - mz[right] <= max_gap) {
            ++right;
        }
        if (right - left + 1 < min_points) continue;

        CentroidPeak p;
        const Vertex v = log_parabola_vertex(mz[i - 1], intensity[i - 1], mz[i], yi, mz[i + 1], intensity[i + 1]);
        if (v.ok) {
            p.mz = v.x;
            p.intensity = std::max(v.y, yi);
        } else {
            const double w = intensity[i - 1] + yi + intensity[i + 1];
            p.mz = (mz[i - 1] * intensity[i - 1] + mz[i] * yi + mz[i + 1] * intensity[i + 1]) / w;
            p.intensity = yi;
        }
        for (std::size_t k = left; k < right; ++k) {
            p.area += 0.5 * (intensity[k] + intensity[k + 1]) * (mz[k + 1] - mz[k]);
        }
        // FWHM: half-height crossings on the profile, else the Gaussian width of the fit.
        const double half = 0.5 * p.intensity;
        std::size_t l = i, r = i;
        while (l > left && intensity[l - 1] > half) --l;
        while (r < right && intensity[r + 1] > half) ++r;
        if (l > left && r < right) {
            p.fwhm_mz = crossing(mz, intensity, r, r + 1, half) - crossing(mz, intensity, l - 1, l, half);
        } else if (v.ok) {
            p.fwhm_mz = 2.0 * std::sqrt(2.0 * std::log(2.0)) * v.sigma;
        }
        p.snr = noise > 0.0 ? p.intensity / noise : 0.0;
        if (options.report_area) p.intensity = p.area;
        out.push_back(p);
    }
    return out;
}

bool looks_like_profile(std::span<const double> mz, std::span<const double> intensity) {
    const std::size_t n = std::min(mz.size(), intensity.size());
    if (n < 16) return false;
    // Maxima of the noise floor do not count: only those above 3x the median intensity.
    const double level = 3.0 * spectrum_noise(intensity.first(n));
    std::size_t regular = 0, pairs = 0, maxima = 0;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double g0 = mz[i] - mz[i - 1], g1 = mz[i + 1] - mz[i];
        if (g0 > 0.0 && g1 > 0.0) {
            ++pairs;
            const double r = g1 / g0;
            if (r >= 0.8 && r <= 1.25) ++regular;
        }
        if (intensity[i] > intensity[i - 1] && intensity[i] >= intensity[i + 1] && intensity[i] > level) ++maxima;
    }
    if (pairs == 0) return false;
    const bool regular_grid = 2 * regular > pairs;
    const bool wide_peaks = maxima == 0 || n >= 4 * maxima;
    return regular_grid && wide_peaks;
}

SpectrumMode effective_mode(const MsSpectrum& spectrum) {
    if (spectrum.mode != SpectrumMode::unknown) return spectrum.mode;
    return looks_like_profile(spectrum.mz, spectrum.intensity) ? SpectrumMode::profile : SpectrumMode::centroid;
}

MsSpectrum centroid_spectrum(const MsSpectrum& spectrum, const CentroidOptions& options) {
    MsSpectrum out = spectrum;
    out.mode = SpectrumMode::centroid;
    if (effective_mode(spectrum) != SpectrumMode::profile) return out;
    const std::size_t n = std::min(spectrum.mz.size(), spectrum.intensity.size());
    std::vector<double> mz(spectrum.mz.begin(), spectrum.mz.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<double> in(spectrum.intensity.begin(), spectrum.intensity.begin() + static_cast<std::ptrdiff_t>(n));
    if (!std::is_sorted(mz.begin(), mz.end())) {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return spectrum.mz[a] < spectrum.mz[b]; });
        for (std::size_t k = 0; k < n; ++k) {
            mz[k] = spectrum.mz[order[k]];
            in[k] = spectrum.intensity[order[k]];
        }
    }
    const auto peaks = centroid_peaks(mz, in, options);
    out.mz.resize(peaks.size());
    out.intensity.resize(peaks.size());
    for (std::size_t i = 0; i < peaks.size(); ++i) {
        out.mz[i] = peaks[i].mz;
        out.intensity[i] = peaks[i].intensity;
    }
    return out;
}

}  // namespace sidepeak::signal
