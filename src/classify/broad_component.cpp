#include "broad_component.hpp"

#include <algorithm>
#include <cmath>

#include "nmr_tools.hpp"
#include "sidepeak/signal/baseline.hpp"
#include "sidepeak/signal/morphology.hpp"
#include "sidepeak/signal/noise.hpp"

namespace sidepeak::classify::detail {
namespace {

constexpr double kRollPeriodHz = 2500.0;  // slower undulations are baseline (docs/algorithms/baseline.md)
constexpr std::size_t kMaxBins = 4096;

struct Line {
    double centre = 0.0;  // fractional point index
    double g = 0.0;       // half width at half height, points
    double height = 0.0;  // own height (without its neighbours' overlap)
};

// Picked lines narrower than `limit_hz`. A picked height is the spectrum at the apex, which in a
// multiplet includes the neighbours' overlap; subtracting those heights would count the overlap
// twice and dig a hole around every multiplet. The own heights solve sum_j a_j L_j(x_i) = y(x_i)
// at the apexes (Jacobi iterations, 0 <= a_i <= y_i; the system is diagonally dominant for lines
// separated by more than their width).
std::vector<Line> lines_of(const signal::NmrResult& nmr, double limit_hz) {
    const NmrSpectrum& s = nmr.spectrum;
    const double hz_pp = s.hz_per_point();
    std::vector<Line> lines;
    for (const auto& p : nmr.peaks) {
        if (!std::isfinite(p.ppm) || !std::isfinite(p.height) || p.height <= 0.0 || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit_hz))
            continue;
        lines.push_back({s.index_of(p.ppm), p.fwhm_hz / hz_pp / 2.0, p.height});
    }
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.centre < b.centre; });
    // What the spectrum holds at each apex (a picked height may already be the own height).
    std::vector<double> observed(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto k = static_cast<std::size_t>(std::clamp(std::lround(lines[i].centre), 0L, static_cast<long>(s.size()) - 1));
        const double at_apex = std::isfinite(s.real[k]) ? s.real[k] : 0.0;
        observed[i] = std::max(lines[i].height, at_apex);
        lines[i].height = observed[i];
    }
    auto at = [](const Line& l, double x) { return l.height * l.g * l.g / ((x - l.centre) * (x - l.centre) + l.g * l.g); };
    for (int iteration = 0; iteration < 20; ++iteration) {
        std::vector<double> next(lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            double overlap = 0.0;
            // Neighbours within 50 half widths carry >= 99 % of the overlap that matters here.
            for (std::size_t j = i; j-- > 0 && lines[i].centre - lines[j].centre < 50.0 * std::max(lines[i].g, lines[j].g);)
                overlap += at(lines[j], lines[i].centre);
            for (std::size_t j = i + 1; j < lines.size() && lines[j].centre - lines[i].centre < 50.0 * std::max(lines[i].g, lines[j].g); ++j)
                overlap += at(lines[j], lines[i].centre);
            next[i] = std::clamp(observed[i] - overlap, 0.0, observed[i]);
        }
        for (std::size_t i = 0; i < lines.size(); ++i) lines[i].height = 0.5 * (lines[i].height + next[i]);  // damped
    }
    return lines;
}

// Lorentzian model of the lines at full resolution.
std::vector<double> line_model(const std::vector<Line>& lines, std::size_t n) {
    std::vector<double> model(n, 0.0);
    for (const auto& l : lines) {
        const double reach = 2000.0 * l.g + 1.0;  // beyond this the tail is < 2.5e-7 of the height
        const auto first = static_cast<std::ptrdiff_t>(std::max(0.0, std::floor(l.centre - reach)));
        const auto last = static_cast<std::ptrdiff_t>(std::min(static_cast<double>(n) - 1.0, std::ceil(l.centre + reach)));
        for (std::ptrdiff_t i = first; i <= last; ++i) {
            const double d = static_cast<double>(i) - l.centre;
            model[static_cast<std::size_t>(i)] += l.height * l.g * l.g / (d * d + l.g * l.g);
        }
    }
    return model;
}

void bridge(std::vector<double>& y, const std::vector<bool>& mask) {
    const std::size_t n = y.size();
    for (std::size_t i = 0; i < n;) {
        if (!mask[i]) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && mask[j]) ++j;
        const double left = i > 0 ? y[i - 1] : (j < n ? y[j] : 0.0);
        const double right = j < n ? y[j] : left;
        for (std::size_t k = i; k < j; ++k) {
            const double t = static_cast<double>(k - i + 1) / static_cast<double>(j - i + 1);
            y[k] = left + t * (right - left);
        }
        i = j;
    }
}

}  // namespace

BroadComponent broad_component(const signal::NmrResult& nmr) {
    BroadComponent out;
    const NmrSpectrum& s = nmr.spectrum;
    const double hz_pp = s.hz_per_point();
    const std::size_t n = s.size();
    if (n < 64 || !(hz_pp > 0.0)) return out;

    const double typical = typical_line_hz(nmr);
    // Too few lines to measure: assume the sharp-line limit (a conservative, wide line).
    out.line_hz = typical > 0.0 ? typical : kSharpLineHz;
    out.min_envelope_hz = kWidestMultipletSpanHz + 2.0 * out.line_hz;

    std::vector<double> y(s.real.begin(), s.real.end());
    for (auto& v : y) {
        if (!std::isfinite(v)) v = 0.0;
    }
    const double noise = nmr.noise > 0.0 ? nmr.noise : signal::estimate_noise(y).sigma;
    // Lower envelope of the raw spectrum (features narrower than an envelope removed): an upper
    // bound of the broad component, too high only by the real tails of the lines.
    const auto raw_floor = signal::opening(y, std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(out.min_envelope_hz / hz_pp / 2.0))));
    const auto model = line_model(lines_of(nmr, out.min_envelope_hz), n);
    // Over-subtraction: a real line's tails are thinner than the model's (shims, truncation,
    // Gaussian-like lines, widths read too wide in crowded multiplets); below the noise there is
    // no absorption-mode signal. There the broad component is bounded by the raw lower envelope
    // (too high by the lines' real tails, and by the valleys inside an unresolved cluster) and
    // by the bridge between the points that were subtracted well (too low under a hump's crest
    // when the run is long): the smaller of the two is kept, never below 0.
    std::vector<bool> over(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        y[i] -= model[i];
        over[i] = y[i] < -4.0 * noise;
    }
    bridge(y, over);
    for (std::size_t i = 0; i < n; ++i) {
        if (over[i]) y[i] = std::max(0.0, std::min(y[i], raw_floor[i]));
    }
    // Near a line centre the line-shape misfit dominates: bridged linearly (short gaps).
    std::vector<bool> mask(n, false);
    for (const auto& p : nmr.peaks) {
        if (!std::isfinite(p.ppm) || !(p.fwhm_hz > 0.0 && p.fwhm_hz < out.min_envelope_hz)) continue;
        const double half_pts = (2.0 * p.fwhm_hz + 3.0) / hz_pp;
        const double c = s.index_of(p.ppm);
        const auto lo = std::max<std::ptrdiff_t>(0, static_cast<std::ptrdiff_t>(std::floor(c - half_pts)));
        const auto hi = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(n) - 1, static_cast<std::ptrdiff_t>(std::ceil(c + half_pts)));
        for (std::ptrdiff_t i = lo; i <= hi; ++i) mask[static_cast<std::size_t>(i)] = true;
    }
    bridge(y, mask);

    // Bin (the broad component is smooth on this scale).
    const std::size_t bin = std::max<std::size_t>(1, (n + kMaxBins - 1) / kMaxBins);
    const std::size_t m = n / bin;
    if (m < 32) return out;
    std::vector<double> yb(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t k = 0; k < bin; ++k) yb[i] += y[i * bin + k];
        yb[i] /= static_cast<double>(bin);
    }
    out.hz_per_bin = hz_pp * static_cast<double>(bin);
    out.ppm_per_bin = out.hz_per_bin / s.spectrometer_mhz;
    out.ppm.resize(m);
    for (std::size_t i = 0; i < m; ++i) out.ppm[i] = s.ppm_at((static_cast<double>(i) + 0.5) * static_cast<double>(bin) - 0.5);
    auto half = [&](double hz) { return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(hz / out.hz_per_bin / 2.0))); };

    const std::size_t smooth_half = half(out.min_envelope_hz / 2.0);
    out.broad = signal::moving_average(signal::opening(yb, half(out.min_envelope_hz)), smooth_half);
    // Absorption mode after baseline correction: a broad signal is >= 0; negative values are
    // residue of line subtraction or dispersive phase error and would drag the roll fit down.
    for (auto& v : out.broad) v = std::max(v, 0.0);
    out.rolling = signal::asls(out.broad, signal::whittaker_lambda(kRollPeriodHz / out.hz_per_bin), 0.01, 50).baseline;
    out.hump.resize(m);
    for (std::size_t i = 0; i < m; ++i) out.hump[i] = out.broad[i] - out.rolling[i];

    // Noise of h: per-bin noise from first differences (MAD, robust to lines), reduced by the
    // moving average.
    std::vector<double> diffs(m - 1);
    for (std::size_t i = 0; i + 1 < m; ++i) diffs[i] = yb[i + 1] - yb[i];
    out.sigma = signal::mad_sigma(diffs) / std::sqrt(2.0) / std::sqrt(static_cast<double>(2 * smooth_half + 1));
    return out;
}

}  // namespace sidepeak::classify::detail
