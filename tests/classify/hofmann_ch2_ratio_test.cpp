// Joint vinyl fit, the =CH2 : =CH- proton count: resolved =CH2 doublets are judged one by one, two
// doublets merged into one band (centres closer than the line width) by their sum.
#include <gtest/gtest.h>

#include "vinyl_fit_steps.hpp"

namespace sd = sidepeak::classify::detail;

namespace {
sd::VinylFit fit(double e_ppm, double z_ppm, double w_hz, double e_area, double z_area) {
    sd::VinylFit f;
    f.ch_area = 1.0;
    f.e_ppm = e_ppm;
    f.z_ppm = z_ppm;
    f.w_hz = w_hz;
    f.e_area = e_area;
    f.z_area = z_area;
    return f;
}
}  // namespace

TEST(HofmannCh2Ratio, ResolvedDoubletsAreJudgedOneByOne) {
    // 400 MHz, =CH2 5.19 / 5.13 (24 Hz apart) at 1 Hz lines: each proton must be 0.5-2x the =CH-.
    EXPECT_TRUE(sd::vinyl::ch2_protons_ok(fit(5.19, 5.13, 1.0, 1.0, 1.1), 400.0));
    EXPECT_FALSE(sd::vinyl::ch2_protons_ok(fit(5.19, 5.13, 1.0, 1.2, 2.1), 400.0));
    EXPECT_FALSE(sd::vinyl::ch2_protons_ok(fit(5.19, 5.13, 1.0, 0.3, 1.1), 400.0));
}

TEST(HofmannCh2Ratio, MergedDoubletsAreJudgedByTheirSum) {
    // 400 MHz, =CH2 5.132 / 5.118 (5.6 Hz apart) at 17 Hz lines: one band of 3.2 protons against
    // the =CH- (2H within 1-4x), however the fit splits it between the two doublets.
    EXPECT_TRUE(sd::vinyl::ch2_protons_ok(fit(5.132, 5.118, 17.0, 1.2, 2.05), 400.0));
    EXPECT_TRUE(sd::vinyl::ch2_protons_ok(fit(5.132, 5.118, 17.0, 0.3, 1.4), 400.0));
    // No =CH2 band (an acrylate's =CH2 lie outside the window): the sum is far below 2H.
    EXPECT_FALSE(sd::vinyl::ch2_protons_ok(fit(5.132, 5.118, 17.0, 0.1, 0.2), 400.0));
    EXPECT_FALSE(sd::vinyl::ch2_protons_ok(fit(5.132, 5.118, 17.0, 2.5, 2.5), 400.0));
}
