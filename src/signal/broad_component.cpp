#include "sidepeak/signal/broad_component.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <span>
#include <stdexcept>

#include "sidepeak/signal/baseline.hpp"
#include "sidepeak/signal/noise.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal {
namespace {

constexpr double kFourLn2 = 2.772588722239781;
// ||a||^2 of a Gaussian of FWHM W bins is W sqrt(pi / (4 ln 2)) = 1.0645 W.
constexpr double kGaussNormPerBin = 1.0645;
// Smallest spectrum (points), fit range (points) and fit axis (bins) worth a fit.
constexpr std::size_t kMinPoints = 64;
// Output bins below which the broad component is not resolved.
constexpr std::size_t kMinOutputBins = 32;
// Relative slack of the broad widths' doubling ladder (min_envelope_hz x 2^k up to
// max_envelope_hz): a width that equals the maximum up to rounding (each product and quotient
// rounds by ~1e-16, IEEE 754) is kept; 1e-4 is far above that and far below the next doubling.
constexpr double kWidthLadderSlack = 1.0001;
// Atoms per picked line: a Lorentzian and a Gaussian of its FWHM, and the sub-lines of a blend
// (BroadComponentOptions::blend_offset_fwhm).
constexpr std::size_t kBlendSublines = 3;
constexpr std::size_t kAtomsPerLine = 2 + kBlendSublines;

// The fit grid: bin k covers the fit units [lo[k], hi[k]); its value is the mean of its units.
struct Grid {
    std::vector<double> pos, lo, hi;
};

// Shape with its value and its antiderivative (for the mean over a wide bin).
struct LorentzShape {
    double g;  // half width at half height
    [[nodiscard]] double value(double d) const { return 1.0 / (1.0 + (d / g) * (d / g)); }
    [[nodiscard]] double primitive(double d) const { return g * std::atan(d / g); }
};
struct GaussShape {
    double fwhm;
    [[nodiscard]] double value(double d) const { return std::exp(-kFourLn2 * (d / fwhm) * (d / fwhm)); }
    [[nodiscard]] double primitive(double d) const {
        return 0.5 * fwhm * std::sqrt(std::numbers::pi / kFourLn2) * std::erf(std::sqrt(kFourLn2) * d / fwhm);
    }
};

// An atom on the grid bins whose centres lie within centre +- reach: the point value on a
// one-unit bin, the mean over a wider bin (a curved tail is not its midpoint value).
template <class Shape>
Atom atom_on(const Grid& grid, double centre, double reach, const Shape& f) {
    Atom a;
    const auto first = std::lower_bound(grid.pos.begin(), grid.pos.end(), centre - reach);
    const auto last = std::upper_bound(grid.pos.begin(), grid.pos.end(), centre + reach);
    a.first = static_cast<std::size_t>(first - grid.pos.begin());
    for (auto k = a.first; k < static_cast<std::size_t>(last - grid.pos.begin()); ++k) {
        const double width = grid.hi[k] - grid.lo[k];
        a.values.push_back(width <= 1.0 ? f.value(grid.pos[k] - centre)
                                        : (f.primitive(grid.hi[k] - 0.5 - centre) - f.primitive(grid.lo[k] - 0.5 - centre)) / width);
    }
    return a;
}

double gauss(double d, double fwhm) { return GaussShape{fwhm}.value(d); }

// The lines' model with each atom restricted to the grid bins within `reach` of its line's
// centre (kAtomsPerLine atoms per line, in the order of dictionary()).
std::vector<double> core_model(const Grid& grid, std::span<const Atom> line_atoms, std::span<const double> x,
                               std::span<const double> centres, std::span<const double> reach) {
    std::vector<double> out(grid.pos.size(), 0.0);
    for (std::size_t j = 0; j < line_atoms.size(); ++j) {
        const auto& a = line_atoms[j];
        const std::size_t line = j / kAtomsPerLine;
        for (std::size_t q = 0; q < a.values.size(); ++q) {
            const std::size_t k = a.first + q;
            if (std::abs(grid.pos[k] - centres[line]) <= reach[line]) out[k] += x[j] * a.values[q];
        }
    }
    return out;
}

// The spectrum on the fit axis: fit_low_ppm-fit_high_ppm, bins of `bin` points, their mean.
struct FitAxis {
    std::size_t p_lo = 0, bin = 1, mf = 0;
    double hf = 0.0;        // Hz per fit bin
    double noise_pt = 0.0;  // noise per point
    double noise = 0.0;     // noise of a fit bin
    std::vector<double> y;
    // Fit-bin coordinate of a (fractional) point index.
    [[nodiscard]] double pos(double index) const {
        return (index - static_cast<double>(p_lo) - 0.5 * static_cast<double>(bin - 1)) / static_cast<double>(bin);
    }
};

std::optional<FitAxis> fit_axis(const NmrResult& nmr, const BroadComponentOptions& o) {
    const NmrSpectrum& s = nmr.spectrum;
    const double hz_pp = s.hz_per_point();
    const std::size_t n = s.size();
    const double ia = s.index_of(o.fit_high_ppm), ib = s.index_of(o.fit_low_ppm);
    FitAxis ax;
    ax.p_lo = static_cast<std::size_t>(std::clamp(std::floor(std::min(ia, ib)), 0.0, static_cast<double>(n)));
    const auto p_hi = static_cast<std::size_t>(std::clamp(std::ceil(std::max(ia, ib)) + 1.0, 0.0, static_cast<double>(n)));
    if (p_hi <= ax.p_lo + kMinPoints) return std::nullopt;
    const std::size_t span = p_hi - ax.p_lo;
    ax.bin = std::max({std::size_t{1}, static_cast<std::size_t>(std::floor(o.line_hz / o.bins_per_line / hz_pp)),
                       (span + o.max_fit_bins - 1) / o.max_fit_bins});
    ax.mf = span / ax.bin;
    ax.hf = hz_pp * static_cast<double>(ax.bin);
    if (ax.mf < kMinPoints) return std::nullopt;
    ax.y.assign(ax.mf, 0.0);
    for (std::size_t k = 0; k < ax.mf; ++k) {
        for (std::size_t q = 0; q < ax.bin; ++q) {
            const double v = s.real[ax.p_lo + k * ax.bin + q];
            ax.y[k] += std::isfinite(v) ? v : 0.0;
        }
        ax.y[k] /= static_cast<double>(ax.bin);
    }
    ax.noise_pt = nmr.noise > 0.0 ? nmr.noise : estimate_noise(s.real).sigma;
    ax.noise = ax.noise_pt / std::sqrt(static_cast<double>(ax.bin));
    return ax;
}

// A picked line narrower than the narrowest envelope, on the fit axis (centre, FWHM in bins).
struct Sharp {
    double centre, fwhm, height;
};

std::vector<Sharp> sharp_lines(const NmrResult& nmr, const FitAxis& ax, double min_envelope_hz) {
    std::vector<Sharp> sharp;
    for (const auto& pk : nmr.peaks) {
        if (!std::isfinite(pk.ppm) || !std::isfinite(pk.height) || pk.height <= 0.0 || !(pk.fwhm_hz > 0.0 && pk.fwhm_hz < min_envelope_hz))
            continue;
        const double c = ax.pos(nmr.spectrum.index_of(pk.ppm));
        if (c < 0.0 || c > static_cast<double>(ax.mf - 1)) continue;
        sharp.push_back({c, pk.fwhm_hz / ax.hf, pk.height});
    }
    return sharp;
}

// Fit grid with its data and weights: one bin per fit unit within fine_fwhm of a picked line,
// elsewhere bins of 1 / coarse_per_envelope of the narrowest envelope (broad terms and far
// Lorentzian tails are smooth there). Each bin holds the mean of its units and weighs by its width
// (weighted least squares = equal weight per point).
struct FitGrid {
    Grid grid;
    std::vector<double> yg, wg;
};

FitGrid fit_grid(const FitAxis& ax, const std::vector<Sharp>& sharp, double env_bins, const BroadComponentOptions& o) {
    const std::size_t mf = ax.mf;
    std::vector<bool> fine(mf, false);
    for (const auto& l : sharp) {
        const auto lo = static_cast<std::size_t>(std::max(0.0, std::floor(l.centre - o.fine_fwhm * l.fwhm - o.fine_margin_lo_bins)));
        const auto hi =
            static_cast<std::size_t>(std::min(static_cast<double>(mf), std::ceil(l.centre + o.fine_fwhm * l.fwhm + o.fine_margin_hi_bins)));
        for (std::size_t k = lo; k < hi; ++k) fine[k] = true;
    }
    const auto coarse = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(env_bins / o.coarse_per_envelope)));
    FitGrid fg;
    for (std::size_t k = 0; k < mf;) {
        std::size_t e = k + 1;
        if (!fine[k]) {
            while (e < mf && e < k + coarse && !fine[e]) ++e;
        }
        double sum = 0.0;
        for (std::size_t q = k; q < e; ++q) sum += ax.y[q];
        fg.grid.pos.push_back(0.5 * static_cast<double>(k + e - 1));
        fg.grid.lo.push_back(static_cast<double>(k));
        fg.grid.hi.push_back(static_cast<double>(e));
        fg.yg.push_back(sum / static_cast<double>(e - k));
        fg.wg.push_back(static_cast<double>(e - k));
        k = e;
    }
    return fg;
}

// A broad Gaussian of the dictionary (centre and FWHM in fit bins).
struct Broad {
    double centre, fwhm;
};

// Dictionary: [sharp lines (Lorentzian, Gaussian) | broad terms].
struct Dictionary {
    std::vector<Atom> atoms;
    std::size_t n_sharp = 0;
    std::vector<Broad> broad_terms;
};

Dictionary dictionary(const Grid& grid, const std::vector<Sharp>& sharp, const FitAxis& ax, const BroadComponentOptions& o) {
    Dictionary d;
    const double env_bins = o.min_envelope_hz / ax.hf;
    for (const auto& l : sharp) {
        // The Lorentzian reaches until its tail is below the noise (a cut tail is a step the broad
        // terms would fit), at least one narrowest envelope, at most the widest (farther out a tail
        // is as smooth as the rolling baseline).
        const double g = 0.5 * l.fwhm;
        const double reach = std::clamp(g * std::sqrt(std::max(1.0, l.height / ax.noise_pt)), env_bins,
                                        std::max(env_bins, o.max_envelope_hz / ax.hf));
        d.atoms.push_back(atom_on(grid, l.centre, reach, LorentzShape{g}));
        d.atoms.push_back(atom_on(grid, l.centre, std::max(o.gauss_reach_fwhm * l.fwhm, o.gauss_reach_min_bins), GaussShape{l.fwhm}));
        // A picked line may be a blend of unresolved transitions (a triplet of lines as wide as
        // its J is picked as one line): narrower Lorentzians across its core give the blend's
        // flatter top and thinner tails; their tails reach as the line's own Lorentzian does.
        const double sub = o.blend_width_share * l.fwhm;
        const double sub_reach = std::clamp(0.5 * sub * std::sqrt(std::max(1.0, l.height / ax.noise_pt)), env_bins,
                                            std::max(env_bins, o.max_envelope_hz / ax.hf));
        for (std::size_t q = 0; q < kBlendSublines; ++q) {
            const double off = (static_cast<double>(q) - 0.5 * static_cast<double>(kBlendSublines - 1)) * o.blend_offset_fwhm * l.fwhm;
            d.atoms.push_back(atom_on(grid, l.centre + off, sub_reach, LorentzShape{0.5 * sub}));
        }
    }
    d.n_sharp = d.atoms.size();
    for (double w = o.min_envelope_hz / ax.hf; w <= o.max_envelope_hz / ax.hf * kWidthLadderSlack; w *= 2.0) {
        const double step = w / o.broad_spacing_per_fwhm;
        for (double c = 0.0; c <= static_cast<double>(ax.mf - 1) + 0.5 * step; c += step) {
            d.broad_terms.push_back({c, w});
            d.atoms.push_back(atom_on(grid, c, o.broad_reach_fwhm * w, GaussShape{w}));
        }
    }
    return d;
}

// Line-shape error: no line model matches a real line to the noise (shims, apodization, phase,
// unresolved couplings), and the misfit grows with the line. Its relative size eps is read from
// this spectrum (median |residual| / model at the apexes of lines > apex_noise noise) and enters
// as variance: weight = 1 / (noise^2 / width + (eps S)^2), S the lines' model within
// core_error_fwhm of each line plus wing_error_share of their wings, so the broad terms are fixed
// by the valleys and flanks and not by the cores of tall lines.
double apex_misfit(const FitGrid& fg, const std::vector<Sharp>& sharp, const std::vector<double>& sharp_model, double noise,
                   double apex_noise) {
    std::vector<double> rel;
    for (const auto& l : sharp) {
        const auto it = std::lower_bound(fg.grid.pos.begin(), fg.grid.pos.end(), l.centre - 0.5);
        if (it == fg.grid.pos.end()) continue;
        const auto k = static_cast<std::size_t>(it - fg.grid.pos.begin());
        if (sharp_model[k] > apex_noise * noise) rel.push_back(std::abs(fg.yg[k] - sharp_model[k]) / sharp_model[k]);
    }
    if (rel.empty()) return 0.0;
    return upper_median_inplace(rel);
}

std::vector<double> line_error_weights(const FitGrid& fg, const std::vector<Sharp>& sharp, std::span<const Atom> line_atoms,
                                       std::span<const double> x, double noise, const BroadComponentOptions& o) {
    const auto sharp_model = synthesise(line_atoms, x, fg.grid.pos.size());
    const double eps = apex_misfit(fg, sharp, sharp_model, noise, o.apex_noise);
    std::vector<double> centres, core_reach;
    for (const auto& l : sharp) {
        centres.push_back(l.centre);
        core_reach.push_back(o.core_error_fwhm * l.fwhm);
    }
    const auto core = core_model(fg.grid, line_atoms, x, centres, core_reach);
    std::vector<double> w2(fg.grid.pos.size());
    for (std::size_t k = 0; k < w2.size(); ++k) {
        const double e = eps * (core[k] + o.wing_error_share * (sharp_model[k] - core[k])) / noise;
        w2[k] = fg.wg[k] / (1.0 + fg.wg[k] * e * e);
    }
    return w2;
}

// The output grid: fit bins merged by `cb`, their shifts.
void output_grid(const NmrSpectrum& s, const FitAxis& ax, std::size_t cb, std::size_t m, BroadComponent& out) {
    out.hz_per_bin = ax.hf * static_cast<double>(cb);
    out.ppm_per_bin = out.hz_per_bin / s.spectrometer_mhz;
    out.ppm.resize(m);
    for (std::size_t i = 0; i < m; ++i) {
        const double centre_pt = static_cast<double>(ax.p_lo) +
                                 (static_cast<double>(i * cb) + 0.5 * static_cast<double>(cb)) * static_cast<double>(ax.bin) - 0.5;
        out.ppm[i] = s.ppm_at(centre_pt);
    }
}

// Everything, starting from the lines' fit, with the basis-pursuit penalty on the broad terms.
NnlsResult joint_fit(const Dictionary& d, const FitGrid& fg, const std::vector<double>& w2, std::span<const double> start, double noise,
                     const NnlsOptions& options) {
    const std::size_t p = d.atoms.size();
    const auto g = gram(d.atoms, w2);
    auto b = correlate(d.atoms, fg.yg, w2);
    const double lambda = noise * std::sqrt(2.0 * std::log(static_cast<double>(p)));
    for (std::size_t j = d.n_sharp; j < p; ++j) b[j] -= lambda * std::sqrt(g.diag[j]);
    std::vector<double> x0(p, 0.0);
    std::copy(start.begin(), start.end(), x0.begin());
    return nnls_gram(g, b, {}, x0, {}, options);
}

// The broad component on the output grid (the sum of the broad terms on the fit units, merged by
// cb), its rolling part and the hump.
void broad_on_output(const Dictionary& d, std::span<const double> x, std::size_t mf, std::size_t cb, const BroadComponentOptions& o,
                     BroadComponent& out) {
    std::vector<double> broad_fine(mf, 0.0);
    for (std::size_t t = 0; t < d.broad_terms.size(); ++t) {
        const double a = x[d.n_sharp + t];
        if (a <= 0.0) continue;
        const auto& bt = d.broad_terms[t];
        const auto lo = static_cast<std::size_t>(std::max(0.0, std::floor(bt.centre - o.broad_reach_fwhm * bt.fwhm)));
        const auto hi =
            static_cast<std::size_t>(std::min(static_cast<double>(mf), std::ceil(bt.centre + o.broad_reach_fwhm * bt.fwhm) + 1.0));
        for (std::size_t k = lo; k < hi; ++k) broad_fine[k] += a * gauss(static_cast<double>(k) - bt.centre, bt.fwhm);
    }
    const std::size_t m = out.ppm.size();
    out.broad.assign(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t k = 0; k < cb; ++k) out.broad[i] += broad_fine[i * cb + k];
        out.broad[i] /= static_cast<double>(cb);
    }
    out.rolling = asls(out.broad, whittaker_lambda(o.roll_period_hz / out.hz_per_bin), o.roll_asymmetry, o.roll_iterations).baseline;
    out.hump.resize(m);
    for (std::size_t i = 0; i < m; ++i) out.hump[i] = out.broad[i] - out.rolling[i];
}

// The joint fit's sharp lines on the output grid: each fit bin's mean spread over its fit units,
// merged by cb as the broad terms are.
void lines_on_output(const Grid& grid, const std::vector<double>& model, std::size_t cb, BroadComponent& out) {
    const std::size_t m = out.ppm.size();
    out.lines.assign(m, 0.0);
    for (std::size_t k = 0; k < model.size(); ++k) {
        for (auto u = static_cast<std::size_t>(grid.lo[k]); u < static_cast<std::size_t>(grid.hi[k]); ++u) {
            const std::size_t i = u / cb;
            if (i < m) out.lines[i] += model[k] / static_cast<double>(cb);
        }
    }
}

void check(const BroadComponentOptions& o) {
    const auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
    if (!positive(o.line_hz) || !positive(o.min_envelope_hz) || !std::isfinite(o.max_envelope_hz) || o.max_envelope_hz < o.min_envelope_hz)
        throw std::invalid_argument("broad_component: line_hz and min_envelope_hz must be > 0 and max_envelope_hz >= min_envelope_hz");
}

}  // namespace

BroadComponent broad_component(const NmrResult& nmr, const BroadComponentOptions& options) {
    check(options);
    BroadComponent out;
    const NmrSpectrum& s = nmr.spectrum;
    if (s.size() < kMinPoints || !(s.hz_per_point() > 0.0) || !(s.spectrometer_mhz > 0.0)) return out;
    out.line_hz = options.line_hz;
    out.min_envelope_hz = options.min_envelope_hz;
    out.max_envelope_hz = options.max_envelope_hz;
    const auto ax = fit_axis(nmr, options);
    if (!ax) return out;
    const auto sharp = sharp_lines(nmr, *ax, options.min_envelope_hz);
    const double env_bins = options.min_envelope_hz / ax->hf;
    const FitGrid fg = fit_grid(*ax, sharp, env_bins, options);
    const Dictionary d = dictionary(fg.grid, sharp, *ax, options);
    // 1. The lines alone (equal weights); 2. the line-shape error as weights.
    const std::span<const Atom> line_atoms(d.atoms.data(), d.n_sharp);
    const auto start = nnls_gram(gram(line_atoms, fg.wg), correlate(line_atoms, fg.yg, fg.wg), {}, {}, {}, options.lines_fit);
    const auto w2 = line_error_weights(fg, sharp, line_atoms, start.x, ax->noise, options);
    const std::size_t cb = std::max<std::size_t>(1, (ax->mf + options.max_output_bins - 1) / options.max_output_bins);
    const std::size_t m = ax->mf / cb;
    if (m < kMinOutputBins) return out;
    output_grid(s, *ax, cb, m, out);
    // 3. Everything, starting from the lines' fit.
    const auto fit = joint_fit(d, fg, w2, start.x, ax->noise, options.joint_fit);
    out.sweeps = start.sweeps + fit.sweeps;
    broad_on_output(d, fit.x, ax->mf, cb, options, out);
    lines_on_output(fg.grid, synthesise(line_atoms, std::span<const double>(fit.x).first(d.n_sharp), fg.grid.pos.size()), cb, out);
    // Noise of a broad term's height: an isolated Gaussian of FWHM W bins has ||a||^2 =
    // W sqrt(pi / (4 ln 2)) = 1.06 W, so its fitted height scatters by noise / sqrt(1.06 W).
    out.sigma = ax->noise / std::sqrt(kGaussNormPerBin * env_bins);
    return out;
}

}  // namespace sidepeak::signal
