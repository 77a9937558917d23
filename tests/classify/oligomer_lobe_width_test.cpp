// Half-height width of a lobe of the broad component (detail::half_height_width_bins in
// src/classify/broad_component.hpp), read by the NMR oligomer detector on b against the narrowest
// envelope: interpolated crossings give a sampled Gaussian's FWHM to a small fraction of a bin; a
// Gaussian with a roll under it reads narrower on h = b - roll by the analytic factor
// sqrt(1 - ln(1 + c) / ln 2) and at its own FWHM on b; a lobe whose bounds cut it above half
// height has no readable width.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "../../src/classify/broad_component.hpp"

namespace sd = sidepeak::classify::detail;

namespace {

std::vector<double> gaussian(std::size_t n, double centre, double fwhm, double height, double offset = 0.0) {
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double d = (static_cast<double>(i) - centre) / fwhm;
        y[i] = height * std::exp(-4.0 * std::log(2.0) * d * d) + offset;
    }
    return y;
}

}  // namespace

TEST(OligomerLobeWidth, InterpolatedCrossingsGiveTheSampledGaussiansFwhm) {
    for (const double fwhm : {20.3, 27.6, 31.5, 44.9}) {
        const auto y = gaussian(400, 200.4, fwhm, 1.0);
        const double w = sd::half_height_width_bins(y, 0, y.size(), 200);
        EXPECT_NEAR(w, fwhm, 0.1) << fwhm;
    }
}

TEST(OligomerLobeWidth, RollUnderTheLobeNarrowsHButNotB) {
    // b: a Gaussian of FWHM 30 bins on a flat roll of 10 % of its apex; h = b - roll.
    const double fwhm = 30.0, roll = 0.1;
    const auto b = gaussian(300, 150.0, fwhm, 1.0, roll);
    std::vector<double> h(b.size());
    for (std::size_t i = 0; i < b.size(); ++i) h[i] = b[i] - roll;
    // The lobe of h: where it is above a small threshold, as the detector cuts it.
    std::size_t lo = 150, hi = 151;
    while (lo > 0 && h[lo - 1] > 1e-3) --lo;
    while (hi < h.size() && h[hi] > 1e-3) ++hi;
    // b's own half height lies above the roll: inside the lobe; h reads the roll-free Gaussian.
    const double on_h = sd::half_height_width_bins(h, lo, hi, 150);
    EXPECT_NEAR(on_h, fwhm, 0.1);
    // b measured against its apex including the roll: half height of 1.1 is 0.55, i.e. 0.45 of
    // the Gaussian, so wider than the Gaussian's FWHM: sqrt(ln(1/0.45) / ln 2) = 1.072 x.
    const double on_b = sd::half_height_width_bins(b, lo, hi, 150);
    EXPECT_NEAR(on_b, fwhm * std::sqrt(std::log(1.0 / 0.45) / std::log(2.0)), 0.15);
    // And a roll removed by more than it holds (AsLS rides up under a lobe) narrows h by
    // sqrt(1 - ln(1 + c) / ln 2) for an extra offset c of the apex, here 10 %.
    std::vector<double> h_low(b.size());
    for (std::size_t i = 0; i < b.size(); ++i) h_low[i] = b[i] - 2.0 * roll;  // Gaussian minus 0.1
    std::size_t l2 = 150, r2 = 151;
    while (l2 > 0 && h_low[l2 - 1] > 0.0) --l2;
    while (r2 < h_low.size() && h_low[r2] > 0.0) ++r2;
    const double narrowed = sd::half_height_width_bins(h_low, l2, r2, 150);
    // Gaussian g of apex 1 minus 0.1: half of 0.9 is 0.45 above zero, so g = 0.55.
    EXPECT_NEAR(narrowed, fwhm * std::sqrt(std::log(1.0 / 0.55) / std::log(2.0)), 0.15);
    EXPECT_LT(narrowed, 0.95 * fwhm);
    EXPECT_GT(sd::half_height_width_bins(b, l2, r2, 150), fwhm);
}

TEST(OligomerLobeWidth, NoWidthWhenTheLobeIsCutAboveHalfHeight) {
    const auto y = gaussian(200, 100.0, 40.0, 1.0);
    // Bounds 10 bins either side of the apex: y is still above half there.
    EXPECT_EQ(sd::half_height_width_bins(y, 90, 111, 100), 0.0);
    EXPECT_EQ(sd::half_height_width_bins(y, 90, 200, 100), 0.0);
    EXPECT_GT(sd::half_height_width_bins(y, 0, 200, 100), 0.0);
    // Degenerate input: apex outside the bounds or not positive.
    EXPECT_EQ(sd::half_height_width_bins(y, 0, 50, 100), 0.0);
    EXPECT_EQ(sd::half_height_width_bins(std::vector<double>(10, 0.0), 0, 10, 5), 0.0);
}
