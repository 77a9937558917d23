// Baselines: the banded solver against a dense reference, then every method on a known smooth
// baseline (polynomial + sinusoid) under Lorentzian lines, and a broad hump that must survive.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <complex>
#include <random>
#include <stdexcept>

#include "banded.hpp"
#include "sidepeak/signal/baseline.hpp"
#include "sidepeak/signal/integrate.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

using sidepeak::NmrData;
using sidepeak::NmrSpectrum;
using namespace sidepeak::signal;

namespace {

// Dense Gaussian elimination for the reference solution of a small system.
std::vector<double> dense_solve(std::vector<std::vector<double>> a, std::vector<double> b) {
    const std::size_t n = b.size();
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t p = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
        std::swap(a[p], a[c]);
        std::swap(b[p], b[c]);
        for (std::size_t r = c + 1; r < n; ++r) {
            const double f = a[r][c] / a[c][c];
            for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
            b[r] -= f * b[c];
        }
    }
    std::vector<double> x(n);
    for (std::size_t r = n; r-- > 0;) {
        double s = b[r];
        for (std::size_t k = r + 1; k < n; ++k) s -= a[r][k] * x[k];
        x[r] = s / a[r][r];
    }
    return x;
}

struct Synthetic {
    NmrSpectrum spectrum;        // lines + baseline + noise
    std::vector<double> truth;   // the baseline alone
    std::vector<double> lines;   // the lines alone
};

// 64k points, 12 .. -1 ppm at 500 MHz. Baseline: quadratic tilt + a sinusoid of 9 ppm period,
// amplitude ~ 5 % of the tallest line. Lines: 20 Lorentzians (1-3 Hz) incl. multiplet-like groups.
Synthetic make(double noise_sigma, unsigned seed, double hump_height = 0.0, double hump_fwhm_hz = 0.0) {
    Synthetic s;
    const std::size_t n = 65536;
    s.spectrum.ppm_first = 12.0;
    s.spectrum.ppm_last = -1.0;
    s.spectrum.spectrometer_mhz = 500.0;
    s.spectrum.real.assign(n, 0.0);
    s.truth.resize(n);
    s.lines.assign(n, 0.0);
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, noise_sigma);
    std::vector<std::pair<double, double>> lines;
    for (int k = 0; k < 20; ++k) lines.push_back({0.5 + 0.52 * k, 200.0 + 150.0 * (k % 6)});
    for (std::size_t i = 0; i < n; ++i) {
        const double ppm = s.spectrum.ppm_at(static_cast<double>(i));
        const double x = (ppm - 5.5) / 6.5;
        s.truth[i] = 20.0 + 15.0 * x - 25.0 * x * x + 40.0 * std::sin(2.0 * M_PI * ppm / 9.0);
        double l = 0.0;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const double gamma = (0.5 + 0.5 * static_cast<double>(k % 3)) / 500.0;
            const double u = (ppm - lines[k].first) / gamma;
            l += lines[k].second / (1.0 + u * u);
        }
        if (hump_height > 0.0) {
            const double sd = hump_fwhm_hz / 500.0 / 2.3548;
            l += hump_height * std::exp(-0.5 * (ppm - 2.55) * (ppm - 2.55) / (sd * sd));
        }
        s.lines[i] = l;
        s.spectrum.real[i] = s.truth[i] + l + g(rng);
    }
    return s;
}

struct Residual {
    double rms = 0.0, max_abs = 0.0;
};

Residual residual(const std::vector<double>& est, const std::vector<double>& truth) {
    Residual r;
    for (std::size_t i = 0; i < est.size(); ++i) {
        const double d = est[i] - truth[i];
        r.rms += d * d;
        r.max_abs = std::max(r.max_abs, std::abs(d));
    }
    r.rms = std::sqrt(r.rms / static_cast<double>(est.size()));
    return r;
}

}  // namespace

TEST(Banded, LdlMatchesDenseSolveAndPenaltyShape) {
    const std::size_t n = 40;
    const Pentadiagonal p = second_difference_penalty(n, 3.5);
    EXPECT_DOUBLE_EQ(p.diag[0], 3.5);
    EXPECT_DOUBLE_EQ(p.diag[1], 5 * 3.5);
    EXPECT_DOUBLE_EQ(p.diag[5], 6 * 3.5);
    EXPECT_DOUBLE_EQ(p.diag[n - 1], 3.5);
    EXPECT_DOUBLE_EQ(p.off1[0], -2 * 3.5);
    EXPECT_DOUBLE_EQ(p.off1[3], -4 * 3.5);
    EXPECT_DOUBLE_EQ(p.off2[7], 3.5);
    std::vector<double> y(n), w(n);
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = std::sin(0.3 * static_cast<double>(i)) + 0.01 * static_cast<double>(i * i);
        w[i] = (i % 4 == 0) ? 0.0 : 1.0 + 0.1 * static_cast<double>(i % 3);
    }
    std::vector<std::vector<double>> dense(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        dense[i][i] = p.diag[i] + w[i];
        if (i + 1 < n) dense[i + 1][i] = dense[i][i + 1] = p.off1[i];
        if (i + 2 < n) dense[i + 2][i] = dense[i][i + 2] = p.off2[i];
    }
    std::vector<double> rhs(n);
    for (std::size_t i = 0; i < n; ++i) rhs[i] = w[i] * y[i];
    const std::vector<double> ref = dense_solve(dense, rhs);
    PentadiagonalLdl ldl;
    std::vector<double> z;
    whittaker_solve(y, w, p, ldl, z);
    for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(z[i], ref[i], 1e-9);
    // Zero penalty with zero weights is singular: reported, not silently wrong.
    EXPECT_THROW(ldl.factor(second_difference_penalty(5, 0.0)), std::domain_error);
}

TEST(Banded, WhittakerKeepsStraightLinesAndSmooths) {
    // A straight line is in the null space of the penalty: reproduced exactly for any lambda.
    const std::size_t n = 1000;
    std::vector<double> y(n), w(n, 1.0), z;
    for (std::size_t i = 0; i < n; ++i) y[i] = 3.0 - 0.02 * static_cast<double>(i);
    PentadiagonalLdl ldl;
    whittaker_solve(y, w, second_difference_penalty(n, 1e8), ldl, z);
    for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(z[i], y[i], 1e-6);
}

TEST(Baseline, WhittakerLambdaFromPeriod) {
    EXPECT_NEAR(whittaker_lambda(2.0 * M_PI * 10.0), 1e4, 1e-6);
    EXPECT_THROW(whittaker_lambda(0.0), std::invalid_argument);
}

// Every method removes the known baseline. Bounds in units of the noise sigma (2.0): the
// Whittaker methods track the noise mean, AsLS and modpoly the lower envelope (a few sigma low).
struct MethodCase {
    BaselineMethod method;
    double rms_bound;  // sigma units
    double max_bound;
};

class BaselineMethods : public ::testing::TestWithParam<MethodCase> {};

TEST_P(BaselineMethods, RemovesKnownSmoothBaseline) {
    const double sigma = 2.0;
    const Synthetic s = make(sigma, 11);
    BaselineOptions o;
    o.method = GetParam().method;
    o.polynomial_order = 10;
    const BaselineResult r = estimate_baseline(s.spectrum, o);
    ASSERT_EQ(r.baseline.size(), s.spectrum.size());
    const Residual res = residual(r.baseline, s.truth);
    EXPECT_LT(res.rms, GetParam().rms_bound * sigma) << "max " << res.max_abs;
    EXPECT_LT(res.max_abs, GetParam().max_bound * sigma) << "rms " << res.rms;
    EXPECT_GT(r.iterations, 0);
    EXPECT_EQ(r.history.size(), static_cast<std::size_t>(r.iterations));
}

INSTANTIATE_TEST_SUITE_P(AllMethods, BaselineMethods,
                         ::testing::Values(MethodCase{BaselineMethod::arpls, 1.0, 3.0},
                                           MethodCase{BaselineMethod::asls, 3.0, 6.0},
                                           MethodCase{BaselineMethod::airpls, 2.5, 4.0},
                                           MethodCase{BaselineMethod::polynomial, 3.0, 8.0}),
                         [](const ::testing::TestParamInfo<MethodCase>& param_info) {
                             switch (param_info.param.method) {
                                 case BaselineMethod::arpls: return std::string("arpls");
                                 case BaselineMethod::asls: return std::string("asls");
                                 case BaselineMethod::airpls: return std::string("airpls");
                                 case BaselineMethod::polynomial: return std::string("polynomial");
                                 default: return std::string("none");
                             }
                         });

TEST(Baseline, NoiseFreeRemovalIsNearlyExact) {
    const Synthetic s = make(0.0, 1);
    const BaselineResult r = estimate_baseline(s.spectrum, {});
    const Residual res = residual(r.baseline, s.truth);
    // Baseline spans ~85 peak to peak; the worst point is at the steep spectrum end.
    EXPECT_LT(res.rms, 1.0);
    EXPECT_LT(res.max_abs, 6.0);
    EXPECT_TRUE(r.converged);
}

TEST(Baseline, BroadHumpIsNotEaten) {
    // An oligomer-like hump (300 Hz FWHM at 500 MHz = 0.6 ppm) must stay in spectrum - baseline.
    const double sigma = 2.0;
    const Synthetic s = make(sigma, 5, 60.0, 300.0);
    const BaselineResult r = estimate_baseline(s.spectrum, {});
    NmrSpectrum corrected = s.spectrum, lines_only = s.spectrum;
    for (std::size_t i = 0; i < corrected.size(); ++i) {
        corrected.real[i] -= r.baseline[i];
        lines_only.real[i] = s.lines[i];
    }
    const double kept = integrate(corrected, 1.8, 3.3);
    const double truth = integrate(lines_only, 1.8, 3.3);
    EXPECT_NEAR(kept, truth, 0.1 * truth);
}

TEST(Baseline, WeakBroadHumpIsNotEaten) {
    // 5 sigma tall, 500 Hz (1 ppm) wide: the hardest case the default is meant to keep.
    const double sigma = 2.0;
    const Synthetic s = make(sigma, 6, 10.0, 500.0);
    const BaselineResult r = estimate_baseline(s.spectrum, {});
    NmrSpectrum corrected = s.spectrum, lines_only = s.spectrum;
    for (std::size_t i = 0; i < corrected.size(); ++i) {
        corrected.real[i] -= r.baseline[i];
        lines_only.real[i] = s.lines[i];
    }
    EXPECT_NEAR(integrate(corrected, 1.8, 3.3), integrate(lines_only, 1.8, 3.3), 0.1 * integrate(lines_only, 1.8, 3.3));
}

TEST(Baseline, IndependentOfZeroFilling) {
    // The same spectrum sampled at 32k and 64k points gives the same baseline (lambda from Hz).
    const Synthetic s = make(0.0, 3);
    NmrSpectrum half = s.spectrum;
    half.real.clear();
    for (std::size_t i = 0; i < s.spectrum.size(); i += 2) half.real.push_back(s.spectrum.real[i]);
    half.ppm_last = s.spectrum.ppm_at(static_cast<double>(2 * (half.real.size() - 1)));
    const BaselineResult full = estimate_baseline(s.spectrum, {});
    const BaselineResult coarse = estimate_baseline(half, {});
    double worst = 0.0;
    for (std::size_t i = 0; i < coarse.baseline.size(); ++i)
        worst = std::max(worst, std::abs(coarse.baseline[i] - full.baseline[2 * i]));
    EXPECT_LT(worst, 1.0);
}

TEST(Baseline, RawArrayFunctionsAndErrors) {
    std::vector<double> y(500);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = 5.0 + 0.01 * static_cast<double>(i);
    y[250] += 100.0;
    for (const BaselineResult& r : {arpls(y, 1e5), asls(y, 1e5, 0.01), airpls(y, 1e5), polynomial_baseline(y, 1)}) {
        ASSERT_EQ(r.baseline.size(), y.size());
        EXPECT_NEAR(r.baseline[250], 7.5, 0.5);
        EXPECT_NEAR(r.baseline[10], 5.1, 0.5);
    }
    EXPECT_THROW(arpls(y, 0.0), std::invalid_argument);
    EXPECT_THROW(asls(y, 1.0, 1.5), std::invalid_argument);
    EXPECT_THROW(polynomial_baseline(y, 600), std::invalid_argument);
    EXPECT_EQ(arpls(std::vector<double>{1.0, 2.0}, 10.0).baseline.size(), 2u);
    BaselineOptions none;
    none.method = BaselineMethod::none;
    NmrSpectrum s;
    s.real = y;
    s.ppm_first = 10;
    s.ppm_last = 0;
    for (const double v : estimate_baseline(s, none).baseline) EXPECT_EQ(v, 0.0);
}

namespace {

// A 400 MHz FID (16 ppm = 6400 Hz wide, 16k complex points): Lorentzian lines, optionally a
// 300 Hz wide Gaussian hump at 2.3 ppm (an oligomer envelope), complex Gaussian noise (sigma_time per
// channel), and the first four points corrupted by the given amounts (0 = clean).
NmrData roll_fid(double hump_amplitude, double sigma_time, std::array<std::complex<double>, 4> corruption,
                 unsigned seed) {
    NmrData d;
    d.meta.observe_mhz = d.meta.reference_mhz = 400.0;
    d.meta.sweep_width_hz = 6400.0;
    d.meta.carrier_ppm = 6.0;
    const std::size_t n = 16384;
    const double dt = 1.0 / d.meta.sweep_width_hz;
    struct Line {
        double ppm, amplitude, fwhm_hz;
    };
    std::vector<Line> lines = {{7.26, 0.3, 1.0}, {7.1, 1.0, 1.2}, {6.9, 0.9, 1.2}, {3.65, 1.0, 1.0},
                               {3.6, 1.0, 1.0}, {1.45, 2.0, 0.8},  {1.2, 0.6, 1.0}, {0.0, 0.5, 0.8},
                               {11.5, 0.2, 2.0}};
    const double hump_ppm = 2.3, hump_fwhm_hz = 300.0;
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, sigma_time > 0.0 ? sigma_time : 1.0);
    std::vector<std::complex<double>> fid(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double t = static_cast<double>(k) * dt;
        std::complex<double> v = 0.0;
        for (const Line& l : lines) {
            const double f = (l.ppm - d.meta.carrier_ppm) * d.meta.reference_mhz;
            v += l.amplitude * std::exp(-M_PI * l.fwhm_hz * t) * std::polar(1.0, 2.0 * M_PI * f * t);
        }
        if (hump_amplitude > 0.0) {  // Gaussian line shape: Gaussian decay of the FID
            const double f = (hump_ppm - d.meta.carrier_ppm) * d.meta.reference_mhz;
            const double a = M_PI * hump_fwhm_hz * t;
            v += hump_amplitude * std::exp(-a * a / (4.0 * std::log(2.0))) * std::polar(1.0, 2.0 * M_PI * f * t);
        }
        if (sigma_time > 0.0) v += std::complex<double>(g(rng), g(rng));
        if (k < corruption.size()) v += corruption[k];
        fid[k] = v;
    }
    d.fids.push_back(std::move(fid));
    return d;
}

NmrProcessingOptions roll_options() {
    NmrProcessingOptions o;
    o.phase_method = PhaseMethod::manual;  // the lines are in phase: the roll is the only defect
    o.reference = false;
    return o;
}

// Spectrum of the clean FID (no noise, no corruption, no baseline step): the truth to compare with.
NmrSpectrum clean_spectrum(double hump_amplitude) {
    NmrProcessingOptions o = roll_options();
    o.baseline.method = BaselineMethod::none;
    return process_nmr(roll_fid(hump_amplitude, 0.0, {}, 1), o).spectrum;
}

// Largest |median| of (corrected - truth) over 50 Hz blocks of the inner 90 % of the width, in
// units of the pipeline's noise sigma: the roll left over away from (and under) the lines.
double worst_block_offset(const sidepeak::signal::NmrResult& r, const NmrSpectrum& truth) {
    const std::size_t n = r.spectrum.size();
    const auto block = static_cast<std::size_t>(50.0 / r.spectrum.hz_per_point());
    double worst = 0.0;
    for (std::size_t b = n / 20; b + block <= n - n / 20; b += block) {
        std::vector<double> d(block);
        for (std::size_t i = 0; i < block; ++i) d[i] = r.spectrum.real[b + i] - truth.real[b + i];
        std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(block / 2), d.end());
        worst = std::max(worst, std::abs(d[block / 2]));
    }
    return worst / r.noise;
}

// First-point corruption as in the instrument: a constant plus 1-3 periods over the width, here
// ~5 % of the tallest line (~3700) and several hundred noise sigma (noise ~0.4 in the spectrum).
std::array<std::complex<double>, 4> corruption() {
    return {std::polar(250.0, 0.7), std::polar(150.0, 2.1), std::polar(100.0, -1.3), std::polar(70.0, 0.4)};
}

}  // namespace

TEST(Baseline, FirstPointCorruptedFidIsFlattened) {
    const double sigma_time = 0.003;
    const sidepeak::signal::NmrResult raw = [&] {
        NmrProcessingOptions o = roll_options();
        o.baseline.method = BaselineMethod::none;
        return process_nmr(roll_fid(0.0, sigma_time, corruption(), 7), o);
    }();
    const NmrSpectrum truth = clean_spectrum(0.0);
    // The roll is there to begin with: hundreds of sigma.
    const double noise = process_nmr(roll_fid(0.0, sigma_time, corruption(), 7), roll_options()).noise;
    double roll_max = 0.0;
    for (std::size_t i = 0; i < raw.spectrum.size(); ++i)
        roll_max = std::max(roll_max, std::abs(raw.spectrum.real[i] - truth.real[i]));
    ASSERT_GT(roll_max / noise, 200.0);

    const sidepeak::signal::NmrResult r = process_nmr(roll_fid(0.0, sigma_time, corruption(), 7), roll_options());
    EXPECT_LT(worst_block_offset(r, truth), 3.0);
    // The smoother alone (no roll stage) leaves the roll: the stage is what flattens it.
    BaselineOptions plain;
    plain.roll_harmonics = 0;
    const BaselineResult b = estimate_baseline(raw.spectrum, plain);
    sidepeak::signal::NmrResult without = r;
    for (std::size_t i = 0; i < without.spectrum.size(); ++i)
        without.spectrum.real[i] = raw.spectrum.real[i] - b.baseline[i];
    EXPECT_GT(worst_block_offset(without, truth), 10.0);
}

TEST(Baseline, HumpNextToFirstPointRollSurvives) {
    // A 300 Hz hump at 2.3 ppm, ~25 noise sigma tall, on the same roll: the roll goes, the hump stays.
    const double sigma_time = 0.003;
    const double hump = 1.5;
    const NmrSpectrum truth = clean_spectrum(hump);
    const NmrSpectrum truth_lines = clean_spectrum(0.0);
    const sidepeak::signal::NmrResult r = process_nmr(roll_fid(hump, sigma_time, corruption(), 9), roll_options());
    const double hump_truth = integrate(truth, 1.6, 3.0) - integrate(truth_lines, 1.6, 3.0);
    const double hump_kept = integrate(r.spectrum, 1.6, 3.0) - integrate(truth_lines, 1.6, 3.0);
    EXPECT_GT(hump_truth, 0.0);
    EXPECT_NEAR(hump_kept, hump_truth, 0.15 * hump_truth);
    EXPECT_LT(worst_block_offset(r, truth), 3.0);
}

TEST(Baseline, FirstPointRollFitsItsModel) {
    // Raw function: constant + tilt + three harmonics under narrow lines, recovered to the noise.
    const std::size_t n = 4096;
    std::vector<double> x(n), y(n), truth(n);
    std::mt19937 rng(3);
    std::normal_distribution<double> g(0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = static_cast<double>(i) / static_cast<double>(n);
        truth[i] = 50.0 + 30.0 * (x[i] - 0.5) + 200.0 * std::cos(2.0 * M_PI * x[i] + 0.3) +
                   120.0 * std::sin(4.0 * M_PI * x[i] - 1.0) + 80.0 * std::cos(6.0 * M_PI * x[i] + 2.0);
        y[i] = truth[i] + g(rng);
        if (i % 300 < 4) y[i] += 500.0;  // lines
    }
    const BaselineResult r = first_point_roll(y, x, 3, 1);
    EXPECT_TRUE(r.converged);
    double worst = 0.0;
    for (std::size_t i = 0; i < n; ++i) worst = std::max(worst, std::abs(r.baseline[i] - truth[i]));
    EXPECT_LT(worst, 3.0);
    EXPECT_THROW(first_point_roll(y, x, -1, 1), std::invalid_argument);
    EXPECT_THROW(first_point_roll(y, std::vector<double>(3), 3, 1), std::invalid_argument);
}
