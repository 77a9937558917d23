// Spectrum-level baseline: choose lambda from a cutoff period in Hz, subsample the spectrum to a
// working size, run the chosen method there and interpolate the baseline back.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "baseline_lsq.hpp"
#include "banded.hpp"
#include "sidepeak/signal/baseline.hpp"

namespace sidepeak::signal {

namespace {

struct Binned {
    std::vector<double> values;
    std::vector<double> centres;  // fractional full-resolution index of each bin centre
    std::size_t factor = 1;
};

// Every factor-th point (the middle one of each block of `factor`). Not a block mean: averaging
// would shrink the noise by sqrt(factor) while a baseline's tracking error stays the same, and the
// asymmetric weights (which compare residuals with the noise) would then mark slight
// mistracking as signal and let the fit collapse under broad features.
Binned subsample(std::span<const double> y, std::size_t factor) {
    Binned b;
    b.factor = factor;
    const std::size_t n = y.size();
    for (std::size_t start = 0; start < n; start += factor) {
        const std::size_t pick = std::min(n - 1, start + factor / 2);
        b.values.push_back(y[pick]);
        b.centres.push_back(static_cast<double>(pick));
    }
    return b;
}

// Linear interpolation of the binned curve back onto points 0..n-1 (linear extrapolation over
// the half bin beyond the first and last centre).
std::vector<double> expand(const std::vector<double>& values, const std::vector<double>& centres, std::size_t n) {
    std::vector<double> out(n);
    if (values.size() == 1) {
        std::fill(out.begin(), out.end(), values[0]);
        return out;
    }
    std::size_t j = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(i);
        while (j + 2 < centres.size() && x > centres[j + 1]) ++j;
        const double t = (x - centres[j]) / (centres[j + 1] - centres[j]);
        out[i] = values[j] + t * (values[j + 1] - values[j]);
    }
    return out;
}

// Largest deviation, over the inner 90 % of the width, between a curve and the Whittaker smoother
// of it with unit weights: how far the smoother alone would miss that curve (the ends are left out,
// where any smoother and the roll model both are least certain).
double roll_mistracking(const std::vector<double>& curve, double lambda) {
    const std::size_t n = curve.size();
    const std::vector<double> ones(n, 1.0);
    PentadiagonalLdl ldl;
    std::vector<double> smooth;
    whittaker_solve(curve, ones, second_difference_penalty(n, lambda), ldl, smooth);
    double worst = 0.0;
    for (std::size_t i = n / 20; i < n - n / 20; ++i) worst = std::max(worst, std::abs(smooth[i] - curve[i]));
    return worst;
}

// Scatter of the data about the roll fit on the points it takes as baseline (weight > 1/2), over
// the inner 90 % of the width: the noise when the roll model describes the baseline, more when
// the baseline has another shape (noise-free synthetic data included).
double roll_scatter(const std::vector<double>& values, const BaselineResult& roll) {
    const std::size_t n = values.size();
    double sum2 = 0.0;
    std::size_t count = 0;
    for (std::size_t i = n / 20; i < n - n / 20; ++i) {
        if (roll.weights[i] <= 0.5) continue;
        const double d = values[i] - roll.baseline[i];
        sum2 += d * d;
        ++count;
    }
    return count > 0 ? std::sqrt(sum2 / static_cast<double>(count)) : 0.0;
}

BaselineResult run_method(std::span<const double> y, const BaselineOptions& o, double lambda) {
    switch (o.method) {
        case BaselineMethod::asls: return asls(y, lambda, o.asls_p, o.max_iterations);
        case BaselineMethod::arpls: return arpls(y, lambda, o.max_iterations, o.tolerance);
        case BaselineMethod::airpls: return airpls(y, lambda, o.max_iterations, o.tolerance);
        case BaselineMethod::polynomial:
            return polynomial_baseline(y, std::min<int>(o.polynomial_order, static_cast<int>(y.size()) - 1),
                                       o.max_iterations, o.tolerance);
        case BaselineMethod::none: break;
    }
    BaselineResult r;
    r.baseline.assign(y.size(), 0.0);
    r.converged = true;
    return r;
}

}  // namespace

BaselineResult estimate_baseline(const NmrSpectrum& spectrum, const BaselineOptions& options) {
    const std::size_t n = spectrum.size();
    if (n < 8 || options.method == BaselineMethod::none) {
        BaselineResult r;
        r.baseline.assign(n, 0.0);
        r.converged = true;
        return r;
    }
    if (options.max_working_points < 8) throw std::invalid_argument("baseline: max_working_points must be >= 8");
    const std::size_t factor = (n + options.max_working_points - 1) / options.max_working_points;
    const Binned binned = subsample(spectrum.real, factor);

    double lambda_full = options.lambda;
    if (!(lambda_full > 0.0)) {
        const double hz_per_point = spectrum.hz_per_point();
        const bool envelope = options.method == BaselineMethod::asls || options.method == BaselineMethod::airpls;
        const double period_hz = envelope ? options.lower_envelope_period_hz : options.cutoff_period_hz;
        const double period_points = hz_per_point > 0.0 && period_hz > 0.0
                                         ? period_hz / hz_per_point
                                         : static_cast<double>(n) / (envelope ? 24.0 : 8.0);
        lambda_full = whittaker_lambda(period_points);
    }
    // A period of P full points is P / k working points: lambda scales with 1 / k^4.
    const double k = static_cast<double>(factor);
    const double lambda = std::max(lambda_full / (k * k * k * k), 1e-6);

    // Stage 1: the first-point roll, a global model of the acquisition artefact. It is removed
    // only when the smoother alone would mistrack it (measured by smoothing the fitted roll
    // itself) by more than roll_gate_sigma times the scatter of the baseline points about the
    // roll fit, i.e. when the roll model describes the baseline well and the smoother would not
    // follow it: a mild baseline, or one of another shape, is left to the smoother,
    // whose local stiffness protects weak broad humps better than the roll fit does (a 5 sigma,
    // 500 Hz hump keeps ~96 % of its area under the smoother alone, ~70 % after the roll fit).
    std::vector<double> values = binned.values;
    std::vector<double> roll;
    if (options.roll_harmonics > 0 && values.size() >= 64) {
        std::vector<double> x(binned.centres.size());
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = binned.centres[i] / static_cast<double>(n);
        BaselineResult fit =
            first_point_roll(values, x, options.roll_harmonics, options.roll_legendre_order, options.max_iterations);
        if (roll_mistracking(fit.baseline, lambda) > options.roll_gate_sigma * roll_scatter(values, fit)) {
            roll = std::move(fit.baseline);
            for (std::size_t i = 0; i < values.size(); ++i) values[i] -= roll[i];
        }
    }
    BaselineResult work = run_method(values, options, lambda);
    for (std::size_t i = 0; i < roll.size(); ++i) work.baseline[i] += roll[i];
    BaselineResult r;
    r.iterations = work.iterations;
    r.converged = work.converged;
    r.history = std::move(work.history);
    if (factor == 1) {
        r.baseline = std::move(work.baseline);
        r.weights = std::move(work.weights);
        return r;
    }
    // The roll modes are slow against the bin spacing: linear interpolation carries them too.
    r.baseline = expand(work.baseline, binned.centres, n);
    if (!work.weights.empty()) {
        r.weights.resize(n);
        for (std::size_t i = 0; i < n; ++i) r.weights[i] = work.weights[i / factor];
    }
    return r;
}

}  // namespace sidepeak::signal
