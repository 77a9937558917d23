// Robust noise estimate with lines, baseline slope and correlated noise present.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "sidepeak/signal/noise.hpp"

using sidepeak::signal::estimate_noise;
using sidepeak::signal::mad_sigma;

namespace {

std::vector<double> gaussian_noise(std::size_t n, double sigma, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, sigma);
    std::vector<double> v(n);
    for (double& x : v) x = g(rng);
    return v;
}

double rms(const std::vector<double>& v) {
    double s = 0.0;
    for (const double x : v) s += x * x;
    return std::sqrt(s / static_cast<double>(v.size()));
}

void add_lorentzian(std::vector<double>& y, double centre, double height, double hwhm_points) {
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double u = (static_cast<double>(i) - centre) / hwhm_points;
        y[i] += height / (1.0 + u * u);
    }
}

}  // namespace

TEST(MadSigma, MatchesGaussianSigma) {
    const std::vector<double> v = gaussian_noise(100000, 3.0, 1);
    EXPECT_NEAR(mad_sigma(v), 3.0, 0.05);
    EXPECT_EQ(mad_sigma(std::vector<double>{}), 0.0);
    EXPECT_EQ(mad_sigma(std::vector<double>{1.0, 1.0, 1.0}), 0.0);
}

TEST(EstimateNoise, WithinTenPercentWithManyLinesPresent) {
    for (unsigned seed = 0; seed < 10; ++seed) {
        const double sigma = 2.5;
        std::vector<double> y = gaussian_noise(65536, sigma, seed);
        // 40 lines of 5-20000 sigma, 10 points wide, spread over the middle 70 % of the spectrum.
        for (int k = 0; k < 40; ++k)
            add_lorentzian(y, 10000.0 + 1100.0 * k, sigma * (5.0 + 500.0 * (k % 7) * (k % 5)), 5.0);
        const auto est = estimate_noise(y);
        EXPECT_NEAR(est.sigma, sigma, 0.1 * sigma) << "seed " << seed;
        EXPECT_GT(est.windows_used, 3u);
    }
}

TEST(EstimateNoise, CrowdedSpectrumWithSlopeAndCorrelatedNoise) {
    // Zero filling and line broadening correlate neighbouring points: smooth white noise with a
    // 5-point moving average and take the sigma of the result as the truth.
    std::vector<double> white = gaussian_noise(65536 + 4, 1.0, 42);
    std::vector<double> y(65536);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = (white[i] + white[i + 1] + white[i + 2] + white[i + 3] + white[i + 4]) / 5.0;
    const double truth = rms(y);
    // 80 % of the width carries dense lines; a residual baseline slope and curvature everywhere.
    for (int k = 0; k < 300; ++k) add_lorentzian(y, 8000.0 + 170.0 * k, 50.0 + 10.0 * (k % 13), 20.0);
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double x = static_cast<double>(i) / 65536.0;
        y[i] += 40.0 * x + 30.0 * x * x;
    }
    const auto est = estimate_noise(y);
    EXPECT_NEAR(est.sigma, truth, 0.1 * truth);
}

TEST(EstimateNoise, DegenerateInputs) {
    EXPECT_EQ(estimate_noise(std::vector<double>{}).sigma, 0.0);
    EXPECT_EQ(estimate_noise(std::vector<double>(5, 1.0)).sigma, 0.0);
    EXPECT_EQ(estimate_noise(std::vector<double>(1000, 0.0)).sigma, 0.0);
    // A zeroed region (e.g. solvent-suppressed) is ignored: the noise comes from the rest.
    std::vector<double> y = gaussian_noise(20000, 1.0, 7);
    std::fill(y.begin(), y.begin() + 10000, 0.0);
    EXPECT_NEAR(estimate_noise(y).sigma, 1.0, 0.1);
}
