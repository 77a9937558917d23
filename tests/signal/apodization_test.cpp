#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sidepeak/signal/fid.hpp"

namespace {

using namespace sidepeak::signal;
constexpr double kPi = std::numbers::pi;

FidTransformOptions with(Apodization a, double lb = 1.0, double shift = 90.0) {
    FidTransformOptions o;
    o.apodization = a;
    o.line_broadening_hz = lb;
    o.sine_shift_deg = shift;
    return o;
}

TEST(Apodization, ExponentialMatchesDefinition) {
    const double sw = 1000.0;
    const auto w = apodization_window(100, with(Apodization::exponential, 2.0), sw);
    for (std::size_t k = 0; k < 100; ++k) EXPECT_NEAR(w[k], std::exp(-kPi * 2.0 * static_cast<double>(k) / sw), 1e-14);
}

TEST(Apodization, TimeOriginAtTheGroupDelay) {
    const auto w = apodization_window(200, with(Apodization::exponential, 5.0), 1000.0, 10.5);
    for (std::size_t k = 0; k <= 10; ++k) EXPECT_DOUBLE_EQ(w[k], 1.0);
    EXPECT_NEAR(w[20], std::exp(-kPi * 5.0 * 9.5 / 1000.0), 1e-14);
}

TEST(Apodization, GaussianHalfWidthInFrequency) {
    // exp(-(pi GB t)^2 / (4 ln2)) is the transform of a Gaussian of FWHM GB Hz: at t with
    // pi*GB*t = 2 sqrt(ln2) the window is exp(-1).
    const double gb = 3.0, sw = 2000.0;
    const auto w = apodization_window(4000, with(Apodization::gaussian, gb), sw);
    const double t = 2.0 * std::sqrt(std::numbers::ln2) / (kPi * gb);
    const auto k = static_cast<std::size_t>(std::lround(t * sw));
    EXPECT_NEAR(w[k], std::exp(-std::pow(kPi * gb * static_cast<double>(k) / sw, 2) / (4 * std::numbers::ln2)), 1e-12);
    EXPECT_NEAR(w[k], std::exp(-1.0), 2e-3);
    EXPECT_DOUBLE_EQ(w[0], 1.0);
}

TEST(Apodization, SineBellShapes) {
    const auto cosine = apodization_window(101, with(Apodization::sine_bell, 0, 90.0), 100.0);
    EXPECT_NEAR(cosine[0], 1.0, 1e-14);
    EXPECT_LT(cosine[100], 0.02);
    const auto sine = apodization_window(101, with(Apodization::sine_bell, 0, 0.0), 100.0);
    EXPECT_NEAR(sine[0], 0.0, 1e-14);
    const auto peak = std::max_element(sine.begin(), sine.end()) - sine.begin();
    EXPECT_NEAR(static_cast<double>(peak), 50.0, 1.0);
    const auto squared = apodization_window(101, with(Apodization::sine_bell_squared, 0, 45.0), 100.0);
    const auto plain = apodization_window(101, with(Apodization::sine_bell, 0, 45.0), 100.0);
    for (std::size_t k = 0; k < 101; ++k) EXPECT_NEAR(squared[k], plain[k] * plain[k], 1e-14);
    EXPECT_NEAR(plain[0], std::sin(kPi / 4), 1e-14);
}

TEST(Apodization, NoneAndApplyAndBadSweepWidth) {
    const auto w = apodization_window(10, with(Apodization::none), 0.0);
    for (const double v : w) EXPECT_EQ(v, 1.0);
    std::vector<std::complex<double>> fid(50, {2.0, -1.0});
    apodize(fid, with(Apodization::exponential, 1.0), 100.0);
    EXPECT_NEAR(std::abs(fid[10] - std::complex<double>(2.0, -1.0) * std::exp(-kPi * 0.1)), 0.0, 1e-14);
    EXPECT_THROW(apodization_window(10, with(Apodization::exponential), 0.0), std::invalid_argument);
    EXPECT_THROW(apodization_window(10, with(Apodization::gaussian), -5.0), std::invalid_argument);
}

}  // namespace
