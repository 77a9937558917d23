// Point-sum (rectangle rule) integrals of the signal module: the numerics the NMR detectors use
// for area fractions, checked on analytic spectra.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sidepeak/signal/integrate.hpp"

using sidepeak::NmrSpectrum;
using sidepeak::signal::integrate;
using sidepeak::signal::integrate_points;
using sidepeak::signal::integrate_positive_points;

namespace {

// 11 points from 10 ppm down to 0 ppm (step -1 ppm): value at point i is `values[i]`.
NmrSpectrum eleven(std::vector<double> values) {
    NmrSpectrum s;
    s.ppm_first = 10.0;
    s.ppm_last = 0.0;
    s.spectrometer_mhz = 400.0;
    s.real = std::move(values);
    return s;
}

}  // namespace

TEST(PointIntegrals, SumOfTheInsidePointsTimesTheStep) {
    const NmrSpectrum s = eleven({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});  // value = 10 - ppm
    // [2.5, 6.5] ppm holds the points at 3, 4, 5, 6 ppm: values 7 + 6 + 5 + 4 = 22, step 1 ppm.
    EXPECT_DOUBLE_EQ(integrate_points(s, 2.5, 6.5), 22.0);
    EXPECT_DOUBLE_EQ(integrate_points(s, 6.5, 2.5), 22.0);  // order does not matter
    // Closed range: points on the ends count in full (the trapezoid rule counts them half).
    EXPECT_DOUBLE_EQ(integrate_points(s, 3.0, 6.0), 22.0);
    EXPECT_DOUBLE_EQ(integrate(s, 3.0, 6.0), 16.5);
    // Clipped to the spectrum; nothing between two points.
    EXPECT_DOUBLE_EQ(integrate_points(s, -5.0, 20.0), 55.0);
    EXPECT_DOUBLE_EQ(integrate_points(s, 3.2, 3.7), 0.0);
    EXPECT_DOUBLE_EQ(integrate_points(NmrSpectrum{}, 0.0, 1.0), 0.0);
}

TEST(PointIntegrals, PositiveVariantClipsNegativePointsAndBothSkipNonFinite) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const NmrSpectrum s = eleven({0, -2, 3, -4, 5, nan, 7, -8, 9, std::numeric_limits<double>::infinity(), 1});
    EXPECT_DOUBLE_EQ(integrate_points(s, 0.0, 10.0), 0 - 2 + 3 - 4 + 5 + 7 - 8 + 9 + 1);
    EXPECT_DOUBLE_EQ(integrate_positive_points(s, 0.0, 10.0), 3 + 5 + 7 + 9 + 1);
    EXPECT_DOUBLE_EQ(integrate_positive_points(s, 7.0, 9.0), 3.0);  // points at 9, 8, 7 ppm: -2, 3, -4
}

TEST(PointIntegrals, AxisDirectionAndStepScaleTheSum) {
    NmrSpectrum up = eleven({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    up.ppm_first = 0.0;
    up.ppm_last = 0.5;  // increasing axis, step 0.05 ppm
    EXPECT_NEAR(integrate_points(up, 0.125, 0.325), 4 * 0.05, 1e-12);
    EXPECT_NEAR(integrate_positive_points(up, 0.325, 0.125), 4 * 0.05, 1e-12);
}
