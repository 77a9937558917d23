// Contract of signal::broad_component (include/sidepeak/signal/broad_component.hpp) on an analytic
// case: a forest of picked Lorentzian lines plus one Gaussian envelope of known area. The envelope
// comes back at its place with its area, the lines leave no envelope of their own, the input is
// untouched, a repeat is bit-identical, and bad options are refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include "sidepeak/signal/broad_component.hpp"

namespace sg = sidepeak::signal;

namespace {

constexpr double kMhz = 400.0;
constexpr double kNoise = 0.002;
constexpr double kLineHz = 1.5;          // sharp lines' FWHM
constexpr double kEnvelopePpm = 2.75;    // the Gaussian envelope: centre, FWHM, area (intensity x ppm)
constexpr double kEnvelopeHz = 120.0;
constexpr double kEnvelopeArea = 0.04;

// A line forest: Lorentzian triplets (J 7 Hz, 1:2:1) every 0.37 ppm across 0.8-9 ppm, each of
// 1 unit of area, picked with their true apex and width.
sg::NmrResult forest(bool with_envelope) {
    sg::NmrResult r;
    auto& s = r.spectrum;
    const std::size_t n = 32768;
    s.real.assign(n, 0.0);
    s.ppm_first = 12.0;
    s.ppm_last = -1.0;
    s.spectrometer_mhz = kMhz;
    r.meta.nucleus = "1H";
    r.meta.solvent = "CDCl3";
    r.meta.reference_mhz = kMhz;
    r.noise = kNoise;
    std::mt19937 gen(2028);
    std::normal_distribution<double> nd(0.0, kNoise);
    for (auto& v : s.real) v = nd(gen);
    const double w = kLineHz / kMhz;
    for (double c = 0.8; c < 9.0; c += 0.37) {
        for (int k = -1; k <= 1; ++k) {
            const double ppm = c + k * 7.0 / kMhz;
            const double area = k == 0 ? 0.5 : 0.25;
            const double h = area / (std::numbers::pi / 2 * w);
            for (std::size_t i = 0; i < n; ++i) {
                const double d = (s.ppm_at(static_cast<double>(i)) - ppm) / w;
                s.real[i] += h / (1 + 4 * d * d);
            }
            sg::Peak p;
            p.ppm = ppm;
            p.index = s.index_of(ppm);
            p.height = h;
            p.fwhm_hz = kLineHz;
            p.area = area;
            p.snr = h / kNoise;
            r.peaks.push_back(p);
        }
    }
    if (with_envelope) {
        const double sigma = kEnvelopeHz / kMhz / (2.0 * std::sqrt(2.0 * std::log(2.0)));
        const double h = kEnvelopeArea / (sigma * std::sqrt(2 * std::numbers::pi));
        for (std::size_t i = 0; i < n; ++i) {
            const double d = s.ppm_at(static_cast<double>(i)) - kEnvelopePpm;
            s.real[i] += h * std::exp(-0.5 * d * d / (sigma * sigma));
        }
    }
    return r;
}

sg::BroadComponentOptions options() {
    sg::BroadComponentOptions o;
    o.line_hz = kLineHz;
    o.min_envelope_hz = 32.0 + 2.0 * kLineHz;
    o.max_envelope_hz = 0.6 * kMhz + o.min_envelope_hz;
    return o;
}

double area(const sg::BroadComponent& bc, const std::vector<double>& v, double from, double to) {
    double a = 0.0;
    for (std::size_t i = 0; i < bc.ppm.size(); ++i)
        if (bc.ppm[i] >= from && bc.ppm[i] <= to) a += v[i];
    return a * bc.ppm_per_bin;
}

}  // namespace

TEST(SignalBroadComponent, GivesBackAGaussianEnvelopeUnderALorentzianForest) {
    const auto bc = sg::broad_component(forest(true), options());
    const auto bare = sg::broad_component(forest(false), options());
    ASSERT_GT(bc.ppm.size(), 32U);
    ASSERT_EQ(bc.ppm, bare.ppm);
    EXPECT_EQ(bc.hump.size(), bc.ppm.size());
    EXPECT_GT(bc.sigma, 0.0);
    // The envelope's area within +-2 FWHM (99.99 % of a Gaussian), to 15 %, over what the forest
    // alone leaves there (the sum of the Lorentzian tails beyond the lines' reach is a smooth
    // background of its own: ~0.01 in that window).
    const double half = 2.0 * kEnvelopeHz / kMhz;
    const double added = area(bc, bc.broad, kEnvelopePpm - half, kEnvelopePpm + half) -
                         area(bare, bare.broad, kEnvelopePpm - half, kEnvelopePpm + half);
    EXPECT_NEAR(added, kEnvelopeArea, 0.15 * kEnvelopeArea);
    // Its hump (broad minus rolling part) peaks at the envelope.
    std::size_t apex = 0;
    for (std::size_t i = 0; i < bc.hump.size(); ++i)
        if (bc.hump[i] > bc.hump[apex]) apex = i;
    EXPECT_NEAR(bc.ppm[apex], kEnvelopePpm, 0.25 * kEnvelopeHz / kMhz);
}

TEST(SignalBroadComponent, TheLineForestAloneLeavesNoEnvelope) {
    const auto bc = sg::broad_component(forest(false), options());
    ASSERT_GT(bc.ppm.size(), 32U);
    // The tails' smooth background goes to the rolling part: the hump holds less than 15 % of the
    // envelope's area anywhere in a window of +-2 envelope FWHM (measured: 5-10 % of positive
    // ripple inside the forest, up to 12 % at 7-8 ppm where the tails' background falls off
    // towards the end of the forest at 9 ppm).
    const double half = 2.0 * kEnvelopeHz / kMhz;
    for (double c = 1.0; c < 9.0; c += 0.25) {
        double positive = 0.0;
        for (std::size_t i = 0; i < bc.ppm.size(); ++i)
            if (bc.ppm[i] >= c - half && bc.ppm[i] <= c + half) positive += std::max(bc.hump[i], 0.0);
        EXPECT_LT(positive * bc.ppm_per_bin, 0.15 * kEnvelopeArea) << c;
    }
}

TEST(SignalBroadComponent, LeavesTheInputUntouchedAndRepeatsBitIdentically) {
    const auto input = forest(true);
    const auto copy = input;
    const auto a = sg::broad_component(input, options());
    const auto b = sg::broad_component(input, options());
    EXPECT_EQ(input.spectrum.real, copy.spectrum.real);
    ASSERT_EQ(input.peaks.size(), copy.peaks.size());
    for (std::size_t i = 0; i < input.peaks.size(); ++i) EXPECT_EQ(input.peaks[i].height, copy.peaks[i].height);
    EXPECT_EQ(a.ppm, b.ppm);
    EXPECT_EQ(a.broad, b.broad);
    EXPECT_EQ(a.rolling, b.rolling);
    EXPECT_EQ(a.hump, b.hump);
    EXPECT_EQ(a.sigma, b.sigma);
    EXPECT_EQ(a.sweeps, b.sweeps);
}

TEST(SignalBroadComponent, RefusesScalesThatAreNotPositive) {
    const auto input = forest(false);
    auto o = options();
    o.line_hz = 0.0;
    EXPECT_THROW(sg::broad_component(input, o), std::invalid_argument);
    o = options();
    o.max_envelope_hz = 0.5 * o.min_envelope_hz;
    EXPECT_THROW(sg::broad_component(input, o), std::invalid_argument);
}

TEST(SignalBroadComponent, TooShortASpectrumGivesAnEmptyResult) {
    sg::NmrResult r;
    r.spectrum.real.assign(16, 0.0);
    r.spectrum.ppm_first = 12.0;
    r.spectrum.ppm_last = -1.0;
    r.spectrum.spectrometer_mhz = kMhz;
    EXPECT_TRUE(sg::broad_component(r, options()).ppm.empty());
}

TEST(SignalBroadComponent, TheFittedLinesCarryTheForestsArea) {
    // The joint fit's sharp lines on the output grid: the forest's triplets (1 unit of area each,
    // 23 of them from 0.8 to 8.94 ppm) come back as the lines' area, to 5 %.
    const auto r = forest(true);
    const auto bc = sg::broad_component(r, options());
    ASSERT_EQ(bc.lines.size(), bc.ppm.size());
    EXPECT_TRUE(std::all_of(bc.lines.begin(), bc.lines.end(), [](double v) { return v >= 0.0; }));
    const double triplets = std::ceil((9.0 - 0.8) / 0.37);
    const double lines = area(bc, bc.lines, 0.5, 9.5);
    EXPECT_NEAR(lines, triplets, 0.05 * triplets);
    // The lines stand tallest at a triplet's centre line, not between triplets.
    const auto at = [&](double ppm) {
        std::size_t best = 0;
        for (std::size_t i = 0; i < bc.ppm.size(); ++i)
            if (std::abs(bc.ppm[i] - ppm) < std::abs(bc.ppm[best] - ppm)) best = i;
        return bc.lines[best];
    };
    EXPECT_GT(at(0.8 + 0.37 * 5), 20.0 * at(0.8 + 0.37 * 5.5));
}
