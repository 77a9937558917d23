#include "sidepeak/signal/fid.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "sidepeak/signal/fft.hpp"
#include "sidepeak/signal/phase.hpp"

namespace {

using cd = std::complex<double>;
using namespace sidepeak::signal;
constexpr double kPi = std::numbers::pi;

struct Line {
    double ppm, amplitude, t2_s;
};

sidepeak::NmrMeta test_meta(double delay) {
    sidepeak::NmrMeta m;
    m.reference_mhz = 400.13;
    m.observe_mhz = 400.13;
    m.sweep_width_hz = 8000.0;
    m.carrier_ppm = 4.7;
    m.group_delay_points = delay;
    return m;
}

/// FID in the reader orientation (forward DFT + fftshift: ppm increasing with the index), delayed
/// by `delay` points as a digital filter does, with complex Gaussian noise and a phase error.
std::vector<cd> synthetic_fid(const sidepeak::NmrMeta& m, std::size_t n, const std::vector<Line>& lines,
                              double noise, double phase_deg, unsigned seed) {
    std::vector<cd> fid(n);
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, noise);
    for (std::size_t k = 0; k < n; ++k) {
        const double t = (static_cast<double>(k) - m.group_delay_points) / m.sweep_width_hz;
        cd s{0, 0};
        for (const auto& l : lines) {
            const double f = (l.ppm - m.carrier_ppm) * m.reference_mhz;
            s += l.amplitude * std::exp(cd(-t / l.t2_s, 2.0 * kPi * f * t));
        }
        fid[k] = s * std::polar(1.0, phase_deg * kPi / 180.0) + cd(g(rng), g(rng));
    }
    return fid;
}

double apex_ppm(const ComplexSpectrum& s, double near_ppm, double window_ppm) {
    const std::size_t n = s.data.size();
    const double step = (s.ppm_last - s.ppm_first) / static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(std::max(0.0, (near_ppm + window_ppm - s.ppm_first) / step));
    const auto hi = static_cast<std::size_t>(std::min<double>(static_cast<double>(n - 1), (near_ppm - window_ppm - s.ppm_first) / step));
    std::size_t best = lo;
    for (std::size_t i = lo; i <= hi; ++i)
        if (s.data[i].real() > s.data[best].real()) best = i;
    const double a = s.data[best - 1].real(), b = s.data[best].real(), c = s.data[best + 1].real();
    const double delta = 0.5 * (a - c) / (a - 2 * b + c);
    return s.ppm_first + (static_cast<double>(best) + delta) * step;
}

TEST(Fid, ZeroFillSize) {
    EXPECT_EQ(zero_fill_size(0, 2), 0U);
    EXPECT_EQ(zero_fill_size(32768, 2), 65536U);
    EXPECT_EQ(zero_fill_size(40063, 2), 131072U);  // strychnine TD 80126 / 2
    EXPECT_EQ(zero_fill_size(1000, 1), 1024U);
    EXPECT_EQ(zero_fill_size(1000, 0), 1024U);
    EXPECT_EQ(zero_fill_size(1000, -3), 1024U);
}

TEST(Fid, DcOffsetRemovedFromTheTail) {
    std::vector<cd> fid(1024, cd(3.0, -2.0));
    for (std::size_t k = 0; k < 100; ++k) fid[k] += std::exp(cd(-0.05 * static_cast<double>(k), 0.3 * static_cast<double>(k)));
    remove_dc_offset(fid);
    EXPECT_NEAR(std::abs(fid.back()), 0.0, 1e-9);
    EXPECT_NEAR(std::abs(fid[0] - cd(1.0, 0.0)), 0.0, 1e-9);
}

TEST(Fid, AxisCarrierAtCentreAndHighPpmFirst) {
    const auto m = test_meta(0.0);
    FidTransformOptions o;
    const auto s = fid_to_spectrum(synthetic_fid(m, 4096, {{2.0, 1.0, 0.2}}, 0.0, 0.0, 1), m, o);
    ASSERT_EQ(s.data.size(), 8192U);
    EXPECT_GT(s.ppm_first, s.ppm_last);
    const double step = m.sweep_width_hz / m.reference_mhz / 8192.0;
    EXPECT_NEAR(s.ppm_first - s.ppm_last, step * 8191.0, 1e-12);
    // Point N/2 of the shifted spectrum (= output point N/2 - 1) is the carrier.
    EXPECT_NEAR(s.ppm_first - (8192.0 / 2.0 - 1.0) * step, m.carrier_ppm, 1e-12);
    EXPECT_DOUBLE_EQ(s.spectrometer_mhz, m.reference_mhz);
}

TEST(Fid, LinesAtTheirPpmWithFractionalGroupDelayAndNoise) {
    const std::vector<Line> lines{{7.26, 1.0, 0.3}, {3.71, 2.0, 0.25}, {1.23, 0.7, 0.4}, {0.0, 0.5, 0.5}, {9.5, 0.8, 0.3}};
    for (const double delay : {0.0, 67.9862518310547, 76.0}) {
        const auto m = test_meta(delay);
        FidTransformOptions o;
        auto s = fid_to_spectrum(synthetic_fid(m, 16384, lines, 0.01, 0.0, 7), m, o);
        // The group delay is removed exactly, so no phase correction is needed for these lines.
        for (const auto& l : lines) EXPECT_NEAR(apex_ppm(s, l.ppm, 0.05), l.ppm, 0.001) << "delay " << delay << " line " << l.ppm;
        // A pure absorption spectrum: the complex sum over a window symmetric about each line
        // (its dispersion cancels) has phase ~0 (tails of the other lines leave a degree or two).
        for (const auto& l : lines) {
            const double step = (s.ppm_last - s.ppm_first) / static_cast<double>(s.data.size() - 1);
            const auto i = static_cast<std::size_t>(std::lround((apex_ppm(s, l.ppm, 0.05) - s.ppm_first) / step));
            cd sum{0, 0};
            for (std::size_t k = i - 30; k <= i + 30; ++k) sum += s.data[k];
            EXPECT_LT(std::abs(std::arg(sum)), 2.5 * kPi / 180.0) << "delay " << delay << " line " << l.ppm;
        }
    }
}

TEST(Fid, GroupDelayRemovalEqualsATimeShift) {
    // A band-limited periodic signal delayed by a fractional d: the ramp must undo it exactly.
    const std::size_t n = 256;
    const double d = 12.37;
    std::vector<cd> x(n), delayed(n);
    for (std::size_t k = 0; k < n; ++k) {
        auto sig = [&](double t) { return std::polar(1.0, 2 * kPi * 5 * t / n) + 0.5 * std::polar(1.0, -2 * kPi * 17 * t / n); };
        x[k] = sig(static_cast<double>(k));
        delayed[k] = sig(static_cast<double>(k) - d);
    }
    fft_forward(delayed);
    remove_group_delay(delayed, d);
    fft_inverse(delayed);
    for (std::size_t k = 0; k < n; ++k) EXPECT_NEAR(std::abs(delayed[k] / static_cast<double>(n) - x[k]), 0.0, 1e-10);
}

TEST(Fid, FirstPointScalingHalvesTheTimeZeroPoint) {
    std::vector<cd> x{cd(4, 2), cd(1, 1), cd(0.5, 0), cd(0.25, 0)};
    auto s = x;
    fft_forward(s);
    scale_first_point(s, 0.5);
    fft_inverse(s);
    EXPECT_NEAR(std::abs(s[0] / 4.0 - cd(2, 1)), 0.0, 1e-12);
    for (std::size_t k = 1; k < 4; ++k) EXPECT_NEAR(std::abs(s[k] / 4.0 - x[k]), 0.0, 1e-12);
}

TEST(Fid, InvalidInputThrows) {
    const auto m = test_meta(0.0);
    FidTransformOptions o;
    EXPECT_THROW(fid_to_spectrum({}, m, o), std::invalid_argument);
    auto bad = m;
    bad.sweep_width_hz = 0.0;
    std::vector<cd> fid(64, cd(1, 0));
    EXPECT_THROW(fid_to_spectrum(fid, bad, o), std::invalid_argument);
    bad = m;
    bad.reference_mhz = std::nan("");
    EXPECT_THROW(fid_to_spectrum(fid, bad, o), std::invalid_argument);
    bad = m;
    bad.group_delay_points = 1e9;  // clamped, not trusted
    EXPECT_NO_THROW(fid_to_spectrum(fid, bad, o));
}

}  // namespace
