#include "sidepeak/signal/centroid.hpp"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/signal/ms_noise.hpp"
#include "sidepeak/signal/snip.hpp"

namespace sidepeak::signal {
namespace {

struct Profile {
    std::vector<double> mz, intensity;
};

// Profile spectrum sampled every `step` with Gaussian peaks (centre, sigma, height) on a flat
// noise floor.
Profile make_profile(double from, double to, double step, const std::vector<std::array<double, 3>>& peaks,
                     double floor = 0.0, unsigned seed = 1) {
    Profile p;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (double x = from; x <= to; x += step) {
        double y = floor * (0.5 + u(rng));
        for (const auto& [c, s, h] : peaks) y += h * std::exp(-0.5 * (x - c) * (x - c) / (s * s));
        p.mz.push_back(x);
        p.intensity.push_back(y);
    }
    return p;
}

double ppm(double a, double b) { return (a - b) / b * 1e6; }

TEST(Centroid, GaussianApexWithinHalfPpm) {
    // Grid offset so the apex falls between samples.
    for (const double centre : {300.12345, 524.26541, 1021.5533}) {
        const double sigma = centre * 2e-6;  // resolution about 100 000
        const auto p = make_profile(centre - 0.05, centre + 0.05, sigma / 3.3, {{centre, sigma, 1e6}});
        const auto peaks = centroid_peaks(p.mz, p.intensity);
        ASSERT_EQ(peaks.size(), 1u);
        EXPECT_LT(std::abs(ppm(peaks[0].mz, centre)), 0.5) << centre;
        EXPECT_NEAR(peaks[0].intensity, 1e6, 1e4);
        EXPECT_NEAR(peaks[0].fwhm_mz, 2.3548 * sigma, 0.1 * sigma);
        EXPECT_NEAR(peaks[0].area, 1e6 * sigma * std::sqrt(2.0 * M_PI), 0.02 * 1e6 * sigma * 2.5);
    }
}

TEST(Centroid, TwoClosePeaksStaySeparate) {
    const double sigma = 0.0012;
    const double a = 400.000, b = 400.0045;  // 3.75 sigma apart, second peak at 60 %
    const auto p = make_profile(399.98, 400.02, sigma / 4, {{a, sigma, 1e6}, {b, sigma, 6e5}});
    const auto peaks = centroid_peaks(p.mz, p.intensity);
    ASSERT_EQ(peaks.size(), 2u);
    EXPECT_LT(std::abs(ppm(peaks[0].mz, a)), 2.0);
    EXPECT_LT(std::abs(ppm(peaks[1].mz, b)), 2.0);
    EXPECT_GT(peaks[0].intensity, peaks[1].intensity);
}

TEST(Centroid, SignalToNoiseFilterDropsNoise) {
    const auto p = make_profile(200.0, 201.0, 0.0005, {{200.5, 0.001, 5e5}}, 1000.0, 7);
    const auto all = centroid_peaks(p.mz, p.intensity);
    CentroidOptions o;
    o.min_snr = 10.0;
    const auto strong = centroid_peaks(p.mz, p.intensity, o);
    EXPECT_GT(all.size(), 10u);  // the noise floor has many local maxima
    ASSERT_EQ(strong.size(), 1u);
    EXPECT_LT(std::abs(ppm(strong[0].mz, 200.5)), 1.0);
    EXPECT_GT(strong[0].snr, 100.0);
}

TEST(Centroid, ProfileHeuristic) {
    const auto p = make_profile(300.0, 300.5, 0.0004, {{300.1, 0.002, 1e5}, {300.3, 0.002, 5e4}}, 10.0);
    EXPECT_TRUE(looks_like_profile(p.mz, p.intensity));
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(100.0, 1000.0);
    std::vector<double> mz(400), in(400);
    for (auto& x : mz) x = u(rng);
    std::sort(mz.begin(), mz.end());
    for (auto& y : in) y = u(rng);
    EXPECT_FALSE(looks_like_profile(mz, in));
    MsSpectrum s;
    s.mz = p.mz;
    s.intensity = p.intensity;
    EXPECT_EQ(effective_mode(s), SpectrumMode::profile);
    const auto c = centroid_spectrum(s);
    EXPECT_EQ(c.mode, SpectrumMode::centroid);
    EXPECT_GE(c.mz.size(), 2u);
    s.mode = SpectrumMode::centroid;
    EXPECT_EQ(centroid_spectrum(s).mz.size(), s.mz.size());  // declared peak lists are kept
}

TEST(Centroid, RejectsBadArrays) {
    const std::vector<double> mz{1, 2, 3}, in{1, 2};
    EXPECT_THROW((void)centroid_peaks(mz, in), std::invalid_argument);
    const std::vector<double> down{3, 2, 1}, in3{1, 2, 1};
    EXPECT_THROW((void)centroid_peaks(down, in3), std::invalid_argument);
}

TEST(MsNoise, MedianOfPositiveIntensities) {
    const std::vector<double> v{0, 0, 1, 2, 3, 100, 0};
    EXPECT_DOUBLE_EQ(spectrum_noise(v), 2.5);
    EXPECT_DOUBLE_EQ(spectrum_noise(std::vector<double>{}), 0.0);
}

TEST(Snip, RecoversLinearBackgroundUnderPeaks) {
    std::vector<double> y(2000), truth(2000);
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double x = static_cast<double>(i);
        truth[i] = 200.0 + 0.1 * x;
        y[i] = truth[i] + 5e4 * std::exp(-0.5 * (x - 700) * (x - 700) / 25.0) +
               2e4 * std::exp(-0.5 * (x - 1400) * (x - 1400) / 49.0);
    }
    const auto b = snip_baseline(y, {.iterations = 40});
    ASSERT_EQ(b.size(), y.size());
    for (std::size_t i = 50; i + 50 < y.size(); i += 10) {
        EXPECT_LE(b[i], y[i] + 1e-9);
        EXPECT_NEAR(b[i], truth[i], 0.1 * truth[i]) << i;
    }
}

}  // namespace
}  // namespace sidepeak::signal
