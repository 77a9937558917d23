// Trapezoid integrals on an ppm axis and normalisation of multiplet areas.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "sidepeak/signal/integrate.hpp"

using sidepeak::NmrSpectrum;
using sidepeak::signal::integrate;
using sidepeak::signal::Multiplet;
using sidepeak::signal::normalise;

namespace {

NmrSpectrum ramp(std::size_t n, double first, double last) {
    NmrSpectrum s;
    s.ppm_first = first;
    s.ppm_last = last;
    s.spectrometer_mhz = 400.0;
    s.real.resize(n);
    for (std::size_t i = 0; i < n; ++i) s.real[i] = 2.0 + 3.0 * s.ppm_at(static_cast<double>(i));  // y = 2 + 3 ppm
    return s;
}

double exact(double a, double b) { return (2.0 * b + 1.5 * b * b) - (2.0 * a + 1.5 * a * a); }

}  // namespace

TEST(Integrate, LinearFunctionIsExactIncludingFractionalEnds) {
    const NmrSpectrum s = ramp(1001, 10.0, 0.0);  // descending axis, 0.01 ppm step
    EXPECT_NEAR(integrate(s, 2.0, 5.0), exact(2.0, 5.0), 1e-9);
    EXPECT_NEAR(integrate(s, 5.0, 2.0), exact(2.0, 5.0), 1e-9);  // order does not matter
    EXPECT_NEAR(integrate(s, 2.0034, 2.0071), exact(2.0034, 2.0071), 1e-12);  // inside one interval
    EXPECT_NEAR(integrate(s, 1.2345, 7.8912), exact(1.2345, 7.8912), 1e-9);
    const NmrSpectrum up = ramp(1001, 0.0, 10.0);  // ascending axis gives the same
    EXPECT_NEAR(integrate(up, 1.2345, 7.8912), exact(1.2345, 7.8912), 1e-9);
}

TEST(Integrate, RangeIsClippedToTheSpectrum) {
    const NmrSpectrum s = ramp(101, 10.0, 0.0);
    EXPECT_NEAR(integrate(s, -5.0, 20.0), exact(0.0, 10.0), 1e-9);
    EXPECT_EQ(integrate(s, 20.0, 30.0), 0.0);
    EXPECT_EQ(integrate(s, 3.0, 3.0), 0.0);
    EXPECT_EQ(integrate(NmrSpectrum{}, 0.0, 1.0), 0.0);
}

TEST(Integrate, LorentzianAreaOverWideRange) {
    NmrSpectrum s;
    s.ppm_first = 10.0;
    s.ppm_last = 0.0;
    s.spectrometer_mhz = 500.0;
    s.real.resize(50001);
    const double gamma = 0.5 / 500.0;  // 1 Hz FWHM
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double u = (s.ppm_at(static_cast<double>(i)) - 5.0) / gamma;
        s.real[i] = 100.0 / (1.0 + u * u);
    }
    // +-1 ppm = +-1000 half-widths holds all but 2/(pi*1000) of the area.
    EXPECT_NEAR(integrate(s, 4.0, 6.0), M_PI * 100.0 * gamma * (1.0 - 2.0 / (M_PI * 1000.0)), 1e-4 * M_PI * 100.0 * gamma);
}

TEST(Normalise, ScalesToProtonCount) {
    std::vector<Multiplet> m(3);
    m[0].area = 3.0;
    m[1].area = 2.0;
    m[2].area = 0.06;
    normalise(m, 0, 3.0);
    EXPECT_DOUBLE_EQ(m[0].relative_area, 3.0);
    EXPECT_DOUBLE_EQ(m[1].relative_area, 2.0);
    EXPECT_DOUBLE_EQ(m[2].relative_area, 0.06);
    EXPECT_THROW(normalise(m, 3, 1.0), std::invalid_argument);
    EXPECT_THROW(normalise(m, 0, 0.0), std::invalid_argument);
    m[1].area = 0.0;
    EXPECT_THROW(normalise(m, 1, 1.0), std::invalid_argument);
}
